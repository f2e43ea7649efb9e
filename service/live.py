"""Live subscriptions in one process: for each person, the queues of their open subscriptions.

``LiveNotifications`` (``service/notifications.py``) and ``LiveMessages`` (``service/messages.py``)
are each one of these, fed by the process's tailer: their ``deliver`` picks from each pass's news
what concerns whom and ``tell``s it; a subscription ``listen``s while its socket is open and reads
what it is told through the same queries a plain read uses, so the same rules apply.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class Listeners(Generic[T]):
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[T]]] = {}

    def tell(self, person_id: str, news: T) -> None:
        """Queues ``news`` for each open subscription of the person: a dict lookup, never waits."""
        for queue in self._queues.get(person_id, ()):
            queue.put_nowait(news)

    @contextmanager
    def listen(self, person_id: str) -> Iterator[asyncio.Queue[T]]:
        """A queue of what the person is told, for as long as the ``with`` lasts."""
        queue: asyncio.Queue[T] = asyncio.Queue()
        self._queues.setdefault(person_id, set()).add(queue)
        try:
            yield queue
        finally:
            queues = self._queues[person_id]
            queues.discard(queue)
            if not queues:
                del self._queues[person_id]
