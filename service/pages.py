"""Cursor pagination shared by every list: page requests in, pages out.

A cursor is opaque to clients: URL-safe base64 of the JSON sort key of the last item returned
(a person id for people lists; ``[createdAt, id]`` for posts). Queries fetch ``first + 1`` rows
after the cursor so ``hasNextPage`` costs nothing extra.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from service.errors import BadUserInput

T = TypeVar("T")

#: The largest page a list serves (scrapers ask for more; they get an error saying so).
MAX_PAGE_SIZE = 100
#: The largest page of a post's audience. Only its author (or an admin) may read it, and authors
#: take it whole, to thank or to export, so its pages are larger: 5,000 people in one request
#: instead of 50 (each of which would work out the whole audience again to page through it).
MAX_AUDIENCE_PAGE_SIZE = 5_000


def encode_cursor(key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


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
