"""Follows the change log (``service/events.py``) for one process and hands each new event, in
order, to whatever keeps a copy of the graph current (the connection index, live notifications).

It reads the log every ``interval`` seconds in the background, so every copy trails the database
by at most that, and on demand: ``catch_up()`` returns once a pass that *started after the call*
has read the log to its end, so a read that catches up first sees every change committed before
it began, whichever worker or instance made it. Concurrent callers share passes: a burst of
requests costs one read of the log, not one each.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from service import events
from service.errors import Unavailable
from service.graph import Graph

log = logging.getLogger("ties.tailer")

#: Called with each pass's news: the events after the last pass, oldest first, and ``reset``: true
#: on the first pass and whenever the log began anew (a new epoch: the graph was wiped) or a writer
#: outside the service recorded GRAPH_CHANGED. On a reset the subscriber rebuilds from the graph.
Subscriber = Callable[[list[events.Event], bool], Awaitable[None]]

#: Events read per round trip while catching up.
BATCH = 5000


class Tailer:
    def __init__(self, graph: Graph, interval: float = 0.2, batch: int = BATCH) -> None:
        self.graph = graph
        self.interval = interval
        self.batch = batch
        #: The last event handed out, and the epoch of the log it came from.
        self.seq = 0
        self.epoch: str | None = None
        self._began = False
        self._subscribers: list[Subscriber] = []
        self._started = 0  # passes started so far
        self._finished = 0  # the newest pass that finished
        self._pass: asyncio.Future[None] | None = None
        self._loop: asyncio.Task[None] | None = None

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.append(subscriber)

    async def catch_up(self) -> None:
        """Returns when every event committed before this call has been handed out."""
        wanted = self._started + 1  # a pass that starts from now on
        while self._finished < wanted:
            if self._pass is None:
                self._started += 1
                self._pass = asyncio.ensure_future(self._read(self._started))
            await asyncio.shield(self._pass)

    async def _read(self, number: int) -> None:
        try:
            while True:
                tail = await events.after(self.graph, self.seq, self.batch)
                # A new epoch (None: the graph has no log, e.g. it was wiped) means start over.
                new_log = not self._began or tail.epoch != self.epoch or tail.seq < self.seq
                if new_log:
                    log.info("change log at event %d of epoch %s: rebuilding", tail.seq, tail.epoch)
                news = [] if new_log else tail.events
                # GRAPH_CHANGED: rebuild from the graph, but go on handing out the events after it
                # (live notifications need each one): only a new log is skipped to its end.
                reset = new_log or any(e.kind is events.Kind.GRAPH_CHANGED for e in news)
                for subscriber in self._subscribers:
                    await subscriber(news, reset)
                # Only once every subscriber has it: a pass that failed is read again in full.
                self._began = True
                if new_log:
                    self.epoch, self.seq = tail.epoch, tail.seq
                    break
                if news:
                    self.seq = news[-1].seq
                if len(news) < self.batch:
                    break
        finally:
            self._finished = max(self._finished, number)
            self._pass = None

    async def start(self) -> None:
        """Reads the log once (subscribers build their copies), then follows it in the background."""
        await self.catch_up()
        self._loop = asyncio.create_task(self._follow())

    async def stop(self) -> None:
        """Stops following the log, and lets a pass in flight end (it may hold a connection)."""
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
            self._loop = None
        if self._pass is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._pass

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.catch_up()
            except Unavailable:
                pass  # requests say so; the next pass tries again
            except Exception:
                log.exception("reading the change log failed; trying again in %.1fs", self.interval)
