"""The connection index: each worker's in-memory copy of who is connected to whom and who blocks
whom, kept current by the change log, so distance, paths, mutual connections, reach and
suggestions are answered at memory speed at any density (R12-R16).

Neo4j stays the source of truth. The index loads from it at start (``cypher/network_*.cypher``),
then applies every event the ``Tailer`` hands it, in log order. A question first calls
``current()``, which catches up with the log, so it sees every change committed before the
question was asked, made through any worker or instance. When the log begins anew (the graph was
wiped) or a writer outside the service records GRAPH_CHANGED, the index loads again.

Loading reads each person's stored connections page by page while writes go on; the log's events
from before the load started are applied on top. Applying an event is idempotent (connect what is
connected, remove what is gone), so the result is the graph after the last event, whatever the
pages saw.
"""

from __future__ import annotations

import asyncio
import logging
import time

import numpy as np

from service import cypher
from service.events import Event, Kind
from service.graph import Graph
from service.network import search
from service.network.adjacency import EMPTY, Adjacency
from service.tailer import Tailer

log = logging.getLogger("ties.network")

NETWORK_CONNECTIONS = cypher.query("network_connections")
NETWORK_BLOCKS = cypher.query("network_blocks")

#: People per page while loading.
LOAD_BATCH = 10_000
#: Changed rows are folded back into one array once this many people's rows have changed.
COMPACT_AFTER = 20_000


class Network:
    def __init__(self, graph: Graph, tailer: Tailer, request_work: int = search.REQUEST_WORK) -> None:
        """``request_work``: neighbour entries one request may read (``search.Budget``)."""
        self.graph = graph
        self.tailer = tailer
        self.request_work = request_work
        self.adjacency = Adjacency([], EMPTY, EMPTY)
        tailer.subscribe(self._follow)

    async def current(self) -> Adjacency:
        """The index, caught up with every change committed before this call."""
        await self.tailer.catch_up()
        return self.adjacency

    def for_request(self) -> RequestNetwork:
        return RequestNetwork(self)

    async def _follow(self, news: list[Event], reset: bool) -> None:
        if reset:
            await self.load()
            return
        for event in news:
            apply(self.adjacency, event)
        if self.adjacency.changed_rows > COMPACT_AFTER:
            self.adjacency.compact()

    async def load(self) -> None:
        started = time.perf_counter()
        people: list[str] = []
        links: list[list[str]] = []
        after = ""
        while True:
            rows = await self.graph.read(NETWORK_CONNECTIONS, after=after, batch=LOAD_BATCH)
            if not rows:
                break
            for row in rows:
                people.append(row["id"])
                links.append(row["connections"])
            after = rows[-1]["id"]
        number = {person_id: i for i, person_id in enumerate(people)}
        sources = np.repeat(np.arange(len(people), dtype=np.int64), [len(targets) for targets in links])
        targets = np.fromiter((number.get(t, -1) for targets in links for t in targets), dtype=np.int64,
                              count=len(sources))
        known = targets >= 0  # someone created after their page was read: the log adds them
        blocks = [(number[row["blocker"]], number[row["blocked"]])
                  for row in await self.graph.read(NETWORK_BLOCKS)
                  if row["blocker"] in number and row["blocked"] in number]
        self.adjacency = Adjacency(people, sources[known], targets[known], blocks)
        log.info("connection index loaded: %d people, %d connections, %d blocks in %.2fs",
                 self.adjacency.size, self.adjacency.connections, self.adjacency.block_count,
                 time.perf_counter() - started)


class RequestNetwork:
    """One request's view of the index: the shared copy, and what the request may still read on it
    (``search.Budget``: past it, LIMIT_EXCEEDED)."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self.budget = search.Budget(network.request_work)
        self._catching_up: asyncio.Future[Adjacency] | None = None

    async def current(self) -> Adjacency:
        """The index caught up with every change committed before this call. The fields one
        request starts together (degree, mutual count, reach of a person) share one catch-up:
        called one after another, each would wait for a pass of its own, a round trip each."""
        if self._catching_up is None or self._catching_up.done():
            self._catching_up = asyncio.ensure_future(self.network.current())
        return await asyncio.shield(self._catching_up)


def apply(adj: Adjacency, event: Event) -> None:
    """One event's effect on the index; idempotent, and a no-op for kinds it does not mirror."""
    if event.kind is Kind.ACCOUNT_DELETED:
        gone = event.subject or event.actor
        if gone is not None and (person := adj.number.get(gone)) is not None:
            adj.remove_person(person)
        return
    if event.kind is Kind.PERSON_CREATED and event.subject is not None:
        person = adj.add_person(event.subject)
        adj.present[person] = True  # someone re-created under a deleted account's id
        return
    if event.actor is None or event.subject is None:
        return
    if event.kind in (Kind.CONNECTED, Kind.BLOCKED):
        a, b = adj.add_person(event.actor), adj.add_person(event.subject)
        (adj.connect if event.kind is Kind.CONNECTED else adj.block)(a, b)
    elif event.kind in (Kind.DISCONNECTED, Kind.UNBLOCKED):
        a_, b_ = adj.number.get(event.actor), adj.number.get(event.subject)
        if a_ is not None and b_ is not None:
            (adj.disconnect if event.kind is Kind.DISCONNECTED else adj.unblock)(a_, b_)
