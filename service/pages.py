"""Cursor pagination shared by every list: page requests in, pages out.

A cursor is opaque to clients: URL-safe base64 of the JSON sort key of the last item returned
(a person id for people lists; ``[createdAt, id]`` for posts). Queries fetch ``first + 1`` rows
after the cursor so ``hasNextPage`` costs nothing extra.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from service.errors import BadUserInput

T = TypeVar("T")
U = TypeVar("U")

#: The largest page a list serves (scrapers ask for more; they get an error saying so).
MAX_PAGE_SIZE = 100
#: The largest page of a post's audience. Only its author (or an admin) may read it, and authors
#: take it whole, to thank or to export, so its pages are larger: 5,000 people in one request
#: instead of 50 (each of which would work out the whole audience again to page through it).
MAX_AUDIENCE_PAGE_SIZE = 5_000


def encode_cursor(key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


#: A temporal value as Neo4j's toString() writes it: what time cursors carry.
_NEO4J_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)(\[[^\]]+\])?")
_NOT_THIS_LIST = "'after' is not a cursor from this list; start again without it."


def decode_cursor(cursor: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadUserInput(f"'after' is not a cursor this service gave out: {cursor!r}") from None


@dataclass(frozen=True)
class PageRequest:
    first: int
    after: Any = None  # the decoded sort key, or None for the first page

    @classmethod
    def parse(cls, first: int, after: str | None, largest: int = MAX_PAGE_SIZE) -> PageRequest:
        if not 0 <= first <= largest:
            raise BadUserInput(f"'first' must be between 0 and {largest}; got {first}")
        return cls(first=first, after=None if after is None else decode_cursor(after))

    @property
    def fetch(self) -> int:
        """Rows to ask the database for: one more than the page, to learn if another follows."""
        return self.first + 1


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next: bool
    total: int

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None

    @classmethod
    def of(cls, rows: Sequence[T], request: PageRequest, total: int, key: Callable[[T], Any]) -> Page[T]:
        """Cuts ``rows`` (fetched with ``request.fetch``) to the page and encodes each cursor."""
        items = list(rows[: request.first])
        return cls(items=items, cursors=[encode_cursor(key(item)) for item in items],
                   has_next=len(rows) > request.first, total=total)

    @classmethod
    def empty(cls) -> Page[T]:
        """The page of a list whose owner the query did not find: nothing, and nothing after it."""
        return cls(items=[], cursors=[], has_next=False, total=0)

    def map(self, f: Callable[[T], U]) -> Page[U]:
        """The same page with each item turned into something else; cursors and counts stay."""
        return Page(items=[f(item) for item in self.items], cursors=self.cursors, has_next=self.has_next,
                    total=self.total)

    def entries(self) -> Iterator[tuple[str, T]]:
        """Each item with its cursor, in order: what a GraphQL edge holds."""
        return zip(self.cursors, self.items, strict=True)


def person_cursor(request: PageRequest) -> str | None:
    """A people-list cursor -> the last person id; a cursor from another kind of list is refused."""
    if request.after is not None and not isinstance(request.after, str):
        raise BadUserInput(_NOT_THIS_LIST)
    return request.after


def time_cursor(request: PageRequest) -> tuple[str | None, str | None]:
    """A newest-first cursor -> (time as Neo4j wrote it, id); a cursor from elsewhere is refused."""
    after = request.after
    if after is None:
        return None, None
    if not (isinstance(after, list) and len(after) == 2 and all(isinstance(x, str) for x in after)
            and _NEO4J_DATETIME.fullmatch(after[0])):
        raise BadUserInput(_NOT_THIS_LIST)
    return after[0], after[1]
