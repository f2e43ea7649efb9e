"""Lists: what each returned person costs when a client reads a 5,000-person audience.

Filled in when ``post.audience`` lands (see ``compare``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class ListResult:
    people: int
    seconds: dict[str, list[float]]
    note: str

    @property
    def ratio(self) -> float:
        return 0.0


async def compare(ties: Any, raw: Any, driver: Any, database: str, tokens: Any, rounds: int,
                  log: Callable[[str], None]) -> ListResult | None:
    log("  post.audience has not landed yet: skipped")
    return None
