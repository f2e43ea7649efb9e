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

One copy per machine (``snapshot.py``): after loading from the graph a worker writes the index to
``TIES_INDEX_DIR`` and maps that file instead of its own arrays; a worker that must build the index
(it starts, or the log says so) first opens the newest snapshot of the log's epoch and applies the
log's events after the snapshot's ``seq``, loading from the graph only when there is none, it is too
old for the log to still hold those events, or GRAPH_CHANGED is among them (the snapshot predates an
outside write). One process at a time does this, under the machine's lock for the epoch, so workers
starting together read the graph once. Compaction writes a new snapshot and maps it (or adopts a
newer one another worker wrote), so the copy stays shared as changes pile up. Without a usable
directory each worker keeps its own copy, as before, and says so in a warning.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator

import numpy as np

from service import cypher, events
from service.events import Event, Kind
from service.graph import Graph
from service.network import search
from service.network.adjacency import EMPTY, Adjacency
from service.network.snapshot import Snapshot, Snapshots
from service.tailer import Tailer

log = logging.getLogger("ties.network")

NETWORK_CONNECTIONS = cypher.query("network_connections")
NETWORK_BLOCKS = cypher.query("network_blocks")

#: People per page while loading.
LOAD_BATCH = 10_000
#: Changed rows are folded back into one array once this many people's rows have changed.
COMPACT_AFTER = 20_000


class Network:
    def __init__(self, graph: Graph, tailer: Tailer, request_work: int = search.REQUEST_WORK,
                 snapshots: Snapshots | None = None, compact_after: int | None = None) -> None:
        """``request_work``: neighbour entries one request may read (``search.Budget``);
        ``snapshots``: this machine's, shared by its workers (None: each keeps its own copy);
        ``compact_after``: changed rows that make it compact (``COMPACT_AFTER``)."""
        self.graph = graph
        self.tailer = tailer
        self.request_work = request_work
        self.snapshots = snapshots
        self.compact_after = COMPACT_AFTER if compact_after is None else compact_after
        self.adjacency = Adjacency([], EMPTY, EMPTY)
        #: Where the index was last built from: "graph" (read from Neo4j) or "snapshot" (one this
        #: machine wrote, caught up with the log); and the snapshot its arrays are mapped from.
        self.source = ""
        self.snapshot: Snapshot | None = None
        self._epoch: str | None = None
        self._base = -1  # the log event the mapped or loaded arrays hold everything up to
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
        if self.adjacency.changed_rows > self.compact_after and news:
            await self._compact(news[-1])

    async def load(self) -> None:
        """Builds the index: from this machine's newest snapshot when one fits, else from the graph
        (and then writes one for the other workers)."""
        started = time.perf_counter()
        read_at = time.time()
        end = await events.end(self.graph)  # before the graph is read: what a snapshot holds for sure
        self._epoch = end.epoch
        async with self._machine_lock(end.epoch):
            if not await self._from_snapshot(end.epoch, newer_than=-1):
                await self._from_graph()
                self._base = end.seq
                await self._save(end.epoch, end.seq, read_at)
        log.info("connection index built from the %s: %d people, %d connections, %d blocks in %.2fs",
                 self.source, self.adjacency.size, self.adjacency.connections, self.adjacency.block_count,
                 time.perf_counter() - started)

    async def _from_graph(self) -> None:
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
        self.source, self.snapshot = "graph", None

    async def _from_snapshot(self, epoch: str | None, newer_than: int) -> bool:
        """Adopts the newest snapshot of ``epoch`` holding events past ``newer_than``, caught up
        with the log's events after it; False (nothing changed) when there is none that fits."""
        if self.snapshots is None or epoch is None:
            return False
        try:
            snapshot = self.snapshots.newest(epoch)
            if snapshot is None or snapshot.seq <= newer_than:
                return False
            adj = snapshot.open()
        except (OSError, ValueError) as exc:
            log.warning("connection index snapshot unusable, %s: reading the graph instead", exc)
            return False
        seq, applied = snapshot.seq, 0
        while True:
            tail = await events.after(self.graph, seq, self.tailer.batch)
            if tail.epoch != epoch:
                return False  # the log began anew meanwhile: the tailer will reset
            if any(event.kind is Kind.GRAPH_CHANGED for event in tail.events):
                log.info("GRAPH_CHANGED after snapshot %s: reading the graph", snapshot.path.name)
                return False
            for event in tail.events:
                apply(adj, event)
            applied += len(tail.events)
            if tail.events:
                seq = tail.events[-1].seq
            if len(tail.events) < self.tailer.batch:
                break
        log.info("connection index snapshot %s (event %d) mapped, %d events applied after it",
                 snapshot.path.name, snapshot.seq, applied)
        self.adjacency, self.source, self.snapshot, self._base = adj, "snapshot", snapshot, snapshot.seq
        return True

    async def _save(self, epoch: str | None, seq: int, read_at: float) -> None:
        """Writes the index (no changed rows) as a snapshot and maps it in place of the private
        arrays, which are freed."""
        if self.snapshots is None or epoch is None:
            return
        try:
            snapshot = await asyncio.to_thread(self.snapshots.save, self.adjacency, epoch, seq, read_at)
            self.adjacency = snapshot.open()
        except (OSError, ValueError) as exc:
            log.warning("connection index snapshot not written to %s (%s): this worker keeps its own "
                        "copy", self.snapshots.root, exc)
            return
        self.snapshot = snapshot

    async def _compact(self, last: Event) -> None:
        """Folds changed rows back: adopts a newer snapshot another worker wrote, or compacts,
        writes the result as one and maps it. While another worker holds the machine's lock (it
        may be reading the whole graph) this one compacts privately rather than keep its readers
        waiting, and shares again at its next compaction."""
        epoch = self._epoch if self._epoch == self.tailer.epoch else None
        async with self._machine_lock(epoch, wait=False) as held:
            if not held or not await self._from_snapshot(epoch, newer_than=self._base):
                self.adjacency.compact()
                self._base = last.seq
                # Events after ``last`` were recorded after it: pruning spares them as long as it did.
                read_at = last.at.timestamp() if last.at is not None else time.time()
                await self._save(epoch if held else None, last.seq, read_at)

    @contextlib.asynccontextmanager
    async def _machine_lock(self, epoch: str | None, wait: bool = True) -> AsyncIterator[bool]:
        """The snapshots' lock for ``epoch``, and whether this worker holds it (never without
        snapshots to share, nor while another holds it and ``wait`` is false)."""
        async with contextlib.AsyncExitStack() as stack:
            held = False
            if self.snapshots is not None and epoch is not None:
                try:
                    held = await stack.enter_async_context(self.snapshots.lock(epoch, wait))
                except (OSError, ValueError) as exc:
                    log.warning("connection index directory %s unusable (%s): this worker keeps its "
                                "own copy", self.snapshots.root, exc)
            yield held


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
