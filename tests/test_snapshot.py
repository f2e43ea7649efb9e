"""One connection index per machine (service/network/snapshot.py): a snapshot gives back the index
it was made from, its big arrays mapped rather than copied; workers on one database and one
directory build the index once, the others open it and follow the log from its ``seq``."""

from __future__ import annotations

import asyncio
import logging
import mmap
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import numpy as np
import pytest

from service.events import Event, Kind
from service.graph import Graph, open_driver
from service.network import Network, apply
from service.network.adjacency import Adjacency
from service.network.snapshot import KEEP, Snapshots
from service.settings import ConfigurationError, Settings
from service.tailer import Tailer
from tests.conftest import GraphQLClient
from tests.graphs import chain, draw_graph
from tests.relationship_api import mutate
from tests.test_network import assert_same, draw


def mapped(array: Any) -> bool:
    """True when ``array`` is a view of a memory-mapped file (not a private copy)."""
    while array is not None:
        if isinstance(array, (np.memmap, mmap.mmap)):
            return True
        array = getattr(array, "base", None)
    return False


@pytest.mark.parametrize("seed", range(4))
def test_a_snapshot_opens_as_the_same_index_with_its_arrays_mapped(seed: int, tmp_path: Path) -> None:
    plain, adj = draw(seed)
    rng = random.Random(seed)
    for _ in range(50):  # changes since the load, folded back: what a compaction writes
        a, b = rng.sample(range(adj.size), 2)
        apply(adj, Event(Kind.CONNECTED, adj.ids[a], adj.ids[b]))
        plain.ties[a].add(b)
        plain.ties[b].add(a)
    apply(adj, Event(Kind.PERSON_CREATED, "admin", "zoë"))  # not ASCII, numbered last
    plain.ties[adj.size - 1] = set()
    adj.compact()
    snapshot = Snapshots(tmp_path, 30).save(adj, "epoch-1", 42, time.time())

    opened = snapshot.open()
    assert all(mapped(array) for array in opened.arrays())
    assert opened.ids == adj.ids and opened.blocks == adj.blocks and opened.connections == adj.connections
    assert_same(plain, opened, seed)
    apply(opened, Event(Kind.CONNECTED, "zoë", adj.ids[0]))  # changes go to private rows
    assert opened.connected(opened.number["zoë"], 0)
    opened.compact()
    assert not any(mapped(array) for array in opened.arrays())


def test_an_index_with_changed_rows_is_compacted_before_it_is_written(tmp_path: Path) -> None:
    _, adj = draw(0)
    apply(adj, Event(Kind.CONNECTED, adj.ids[0], adj.ids[1]))
    apply(adj, Event(Kind.DISCONNECTED, adj.ids[0], adj.ids[1]))
    with pytest.raises(ValueError, match="compact"):
        Snapshots(tmp_path, 30).save(adj, "epoch-1", 1, time.time())
    assert not (tmp_path / "epoch-1").exists(), "nothing written"


def test_the_newest_snapshot_of_the_epoch_counts_while_the_log_still_holds_what_followed(
        tmp_path: Path) -> None:
    snapshots = Snapshots(tmp_path, retention_days=1)
    _, adj = draw(1)
    now = time.time()
    for seq in (5, 9, 7):
        snapshots.save(adj, "epoch-1", seq, now)
    snapshots.save(adj, "epoch-2", 100, now)
    newest = snapshots.newest("epoch-1")
    assert newest is not None and newest.seq == 9
    assert len(list((tmp_path / "epoch-1").iterdir())) == KEEP
    assert snapshots.newest("epoch-3") is None
    # A day's retention, less the margin: older than that, events after it may be pruned.
    assert snapshots.newest("epoch-1", now=now + 22 * 3600) is not None
    assert snapshots.newest("epoch-1", now=now + 23.5 * 3600) is None
    with pytest.raises(ValueError, match="epoch"):
        snapshots.newest("../elsewhere")


def test_a_directory_owned_by_someone_else_is_refused_naming_the_variable(tmp_path: Path) -> None:
    theirs = Path("/")
    if os.getuid() == 0:  # root owns /; make one of somebody else's
        theirs = tmp_path / "theirs"
        theirs.mkdir()
        os.chown(theirs, 65534, 65534)
    with pytest.raises(ConfigurationError, match="TIES_INDEX_DIR"):
        Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path), "TIES_INDEX_DIR": str(theirs)})
    made = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path), "TIES_INDEX_DIR": str(tmp_path / "ix")})
    assert made.index_dir == tmp_path / "ix" and (tmp_path / "ix").stat().st_mode & 0o777 == 0o700
    default = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path)}).index_dir
    assert default is not None and default.stat().st_uid == os.getuid()


# -- workers on one database ------------------------------------------------------------------------


class Worker:
    """One worker's index: its own tailer and Network over the shared snapshot directory."""

    def __init__(self, driver: neo4j.AsyncDriver, settings: Settings, snapshots: Snapshots,
                 compact_after: int | None = None) -> None:
        graph = Graph(driver, settings.neo4j_database)
        self.network = Network(graph, Tailer(graph), snapshots=snapshots, compact_after=compact_after)

    async def index(self) -> Adjacency:
        return await self.network.current()

    async def connected(self, a: str, b: str) -> bool:
        adj = await self.index()
        return a in adj.number and b in adj.number and adj.connected(adj.number[a], adj.number[b])


@pytest.fixture
def shared(tmp_path: Path) -> Snapshots:
    return Snapshots(tmp_path / "index", 30)


@pytest.fixture
def async_driver(settings: Settings) -> Iterator[neo4j.AsyncDriver]:
    # Opened and closed in each test's own event loop (asyncio.run): see ``run``.
    yield open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password)


def run(driver: neo4j.AsyncDriver, test: Any) -> None:
    async def body() -> None:
        try:
            await test()
        finally:
            await driver.close()

    asyncio.run(body())


def test_a_second_worker_opens_the_first_ones_snapshot_and_follows_the_log_from_it(
        settings: Settings, client: GraphQLClient, graph_db: neo4j.Driver, shared: Snapshots,
        async_driver: neo4j.AsyncDriver) -> None:
    draw_graph(graph_db, ["ada", "bob", "cat", "dan"], connections=chain("ada", "bob", "cat"))

    async def test() -> None:
        first = Worker(async_driver, settings, shared)
        assert await first.connected("ada", "bob")
        assert first.network.source == "graph" and first.network.snapshot is not None
        assert all(mapped(array) for array in (await first.index()).arrays()), "it maps what it wrote"

        # Made after the snapshot was written: only the log has it.
        mutate(client, "sendConnectionRequest", "dan", as_="cat")
        mutate(client, "acceptConnectionRequest", "cat", as_="dan")
        second = Worker(async_driver, settings, shared)
        assert await second.connected("cat", "dan")
        assert second.network.source == "snapshot"
        assert second.network.snapshot is not None
        assert second.network.snapshot.path == first.network.snapshot.path
        assert all(mapped(array) for array in (await second.index()).arrays())
        assert await second.connected("ada", "bob") and not await second.connected("ada", "dan")

        mutate(client, "removeConnection", "bob", as_="ada")  # and the log goes on being followed
        assert not await second.connected("ada", "bob") and not await first.connected("ada", "bob")

    run(async_driver, test)


def test_a_snapshot_of_another_epoch_is_never_opened(
        settings: Settings, graph_db: neo4j.Driver, shared: Snapshots,
        async_driver: neo4j.AsyncDriver) -> None:
    draw_graph(graph_db, ["ada", "bob"], connections=[("ada", "bob")])

    async def test() -> None:
        before = Worker(async_driver, settings, shared)
        assert await before.connected("ada", "bob")
        graph_db.wipe()  # type: ignore[attr-defined]  # a new log, a new epoch
        draw_graph(graph_db, ["eve", "fay"], connections=[("eve", "fay")])
        after = Worker(async_driver, settings, shared)
        assert await after.connected("eve", "fay")
        assert after.network.source == "graph" and "ada" not in (await after.index()).number
        assert before.network.snapshot is not None and after.network.snapshot is not None
        assert before.network.snapshot.epoch != after.network.snapshot.epoch

    run(async_driver, test)


def test_after_an_outside_write_the_graph_is_read_again_once_for_the_machine(
        settings: Settings, graph_db: neo4j.Driver, shared: Snapshots,
        async_driver: neo4j.AsyncDriver) -> None:
    draw_graph(graph_db, ["ada", "bob", "cat"], connections=[("ada", "bob")])

    async def test() -> None:
        first, second = Worker(async_driver, settings, shared), Worker(async_driver, settings, shared)
        assert await first.connected("ada", "bob") and await second.connected("ada", "bob")
        graph_db.execute_query(  # an analyst's write: GRAPH_CHANGED, and no event of the connection
            "MATCH (b:Person {id: 'bob'}), (c:Person {id: 'cat'}) CREATE (b)-[:CONNECTED_TO]->(c)")
        assert await first.connected("bob", "cat")
        assert first.network.source == "graph", "the snapshot predates the outside write"
        assert await second.connected("bob", "cat")
        assert second.network.source == "snapshot", "the first worker's new one holds it"
        assert second.network.snapshot == first.network.snapshot

    run(async_driver, test)


def test_compaction_writes_a_snapshot_the_other_workers_adopt(
        settings: Settings, client: GraphQLClient, graph_db: neo4j.Driver, shared: Snapshots,
        async_driver: neo4j.AsyncDriver) -> None:
    people = [f"p{i}" for i in range(6)]
    draw_graph(graph_db, people)

    async def test() -> None:
        first = Worker(async_driver, settings, shared, compact_after=2)
        second = Worker(async_driver, settings, shared, compact_after=2)
        await first.index()
        await second.index()
        loaded = first.network.snapshot
        for a, b in chain(*people):
            mutate(client, "sendConnectionRequest", b, as_=a)
            mutate(client, "acceptConnectionRequest", a, as_=b)
        assert await first.connected("p0", "p1")
        compacted = first.network.snapshot
        assert compacted is not None and loaded is not None and compacted.seq > loaded.seq
        assert (await first.index()).changed_rows == 0
        assert await second.connected("p4", "p5")
        assert second.network.snapshot == compacted, "adopted, not written again"
        for worker in (first, second):
            adj = await worker.index()
            assert [adj.degree(adj.number[p]) for p in people] == [1, 2, 2, 2, 2, 1]
            assert all(mapped(array) for array in adj.arrays())

    run(async_driver, test)


def test_without_a_usable_directory_each_worker_keeps_its_own_copy(
        settings: Settings, graph_db: neo4j.Driver, tmp_path: Path, async_driver: neo4j.AsyncDriver,
        caplog: pytest.LogCaptureFixture) -> None:
    draw_graph(graph_db, ["ada", "bob"], connections=[("ada", "bob")])
    (tmp_path / "a-file").write_text("")
    nowhere = Snapshots(tmp_path / "a-file" / "index", 30)  # cannot be made

    async def test() -> None:
        worker = Worker(async_driver, settings, nowhere)
        with caplog.at_level(logging.WARNING, logger="ties.network"):
            assert await worker.connected("ada", "bob")
        assert worker.network.source == "graph" and worker.network.snapshot is None
        assert "keeps its own copy" in caplog.text

    run(async_driver, test)



def test_a_worker_that_must_compact_while_another_holds_the_lock_compacts_on_its_own(
        settings: Settings, client: GraphQLClient, graph_db: neo4j.Driver, shared: Snapshots,
        async_driver: neo4j.AsyncDriver) -> None:
    """The holder may be reading the whole graph: this worker's readers must not wait for it."""
    people = [f"p{i}" for i in range(4)]
    draw_graph(graph_db, people)

    async def test() -> None:
        worker = Worker(async_driver, settings, shared, compact_after=2)
        await worker.index()
        loaded = worker.network.snapshot
        assert loaded is not None
        async with shared.lock(loaded.epoch):
            for a, b in chain(*people):
                mutate(client, "sendConnectionRequest", b, as_=a)
                mutate(client, "acceptConnectionRequest", a, as_=b)
            adj = await asyncio.wait_for(worker.index(), timeout=10)
        assert adj.changed_rows == 0 and worker.network.snapshot == loaded
        assert not any(mapped(array) for array in adj.arrays()), "its own copy, for now"
        assert [adj.degree(adj.number[p]) for p in people] == [1, 2, 2, 1]

    run(async_driver, test)
