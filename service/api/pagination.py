"""What every cursor-paginated list shares: the ``first`` / ``after`` arguments and ``PageInfo``."""

from __future__ import annotations

from typing import Any

import strawberry

from service.pages import MAX_PAGE_SIZE, Page, PageRequest

#: The page size when a client sends none (or null).
DEFAULT_PAGE_SIZE = 20

#: The default of an optional argument the contract declares without one (``after: String``,
#: ``message: String``): the schema shows no default, and an omitted argument arrives as UNSET,
#: which is falsy, so resolvers read it as ``value or None``.
NO_DEFAULT: Any = strawberry.UNSET


def page_request(first: int | None, after: str | None, default: int = DEFAULT_PAGE_SIZE,
                 largest: int = MAX_PAGE_SIZE) -> PageRequest:
    """Arguments as a client sent them -> a validated PageRequest (null ``first``: the default)."""
    return PageRequest.parse(default if first is None else first, after or None, largest)


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None

    @classmethod
    def of(cls, page: Page[Any]) -> PageInfo:
        return cls(has_next_page=page.has_next, end_cursor=page.end_cursor)
