"""What every cursor-paginated list shares: the ``first`` / ``after`` arguments, ``PageInfo``, and the
one way a page becomes a GraphQL connection (``Connection`` and ``Edge``).

Each list specialises them under its own name, which is what the schema shows::

    @strawberry.type
    class PersonEdge(Edge[Person]): ...

    @strawberry.type(description="A page of people, and how many the whole list holds.")
    class PersonConnection(CountedConnection[PersonEdge]): ...

    PersonConnection.of(page.map(Person.of), PersonEdge)

Strawberry names a specialised subclass after the subclass (``PersonEdge``); an unnamed
``Edge[Person]`` would get a made-up name and no description.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, Self, TypeVar

import strawberry

from service.pages import MAX_PAGE_SIZE, Page, PageRequest

NodeT = TypeVar("NodeT")
EdgeT = TypeVar("EdgeT")
ItemT = TypeVar("ItemT")
ItemT_contra = TypeVar("ItemT_contra", contravariant=True)
EdgeT_co = TypeVar("EdgeT_co", covariant=True)

#: The page size when a client sends none (or null): every list's ``first`` declares it as its
#: default (the schema shows ``first: Int = 20``) and ``page_request`` reads a null as it.
DEFAULT_PAGE_SIZE = 20

#: The default of an optional argument the contract declares without one (``after: String``,
#: ``message: String``): the schema shows no default, and an omitted argument arrives as UNSET,
#: which is falsy, so resolvers read it as ``value or None``.
NO_DEFAULT: Any = strawberry.UNSET


def page_request(first: int | None, after: str | None, largest: int = MAX_PAGE_SIZE) -> PageRequest:
    """Arguments as a client sent them -> a validated PageRequest (null ``first``: the default)."""
    return PageRequest.parse(DEFAULT_PAGE_SIZE if first is None else first, after or None, largest)


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None

    @classmethod
    def of(cls, page: Page[Any]) -> PageInfo:
        return cls(has_next_page=page.has_next, end_cursor=page.end_cursor)


@strawberry.type
class Edge(Generic[NodeT]):
    """One item of a page with its cursor. A list's edge may add fields (``PostEdge.sharedBy``)."""

    cursor: str
    node: NodeT


class MakeEdge(Protocol[ItemT_contra, EdgeT_co]):
    """An item and its cursor -> an edge: an Edge subclass itself, given a page of its nodes."""

    def __call__(self, *, cursor: str, node: ItemT_contra) -> EdgeT_co: ...


def _edges(page: Page[ItemT], edge: MakeEdge[ItemT, EdgeT]) -> list[EdgeT]:
    return [edge(cursor=cursor, node=item) for cursor, item in page.entries()]


@strawberry.type
class Connection(Generic[EdgeT]):
    """A page of a list whose length is not counted (notifications)."""

    edges: list[EdgeT]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page[ItemT], edge: MakeEdge[ItemT, EdgeT]) -> Self:
        """The page as a connection, ``edge`` making each of its edges."""
        return cls(edges=_edges(page, edge), page_info=PageInfo.of(page))


@strawberry.type
class CountedConnection(Connection[EdgeT]):
    """A page of a list, and how many the whole list holds."""

    total_count: int

    @classmethod
    def of(cls, page: Page[ItemT], edge: MakeEdge[ItemT, EdgeT]) -> Self:
        return cls(edges=_edges(page, edge), page_info=PageInfo.of(page), total_count=page.total)
