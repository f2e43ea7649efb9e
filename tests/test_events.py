"""The change log's records (service/events.py): what an event carries, and forgetting a cause."""

from __future__ import annotations

import neo4j

from service import events
from service.events import Change, Kind
from service.graph import Graph, Tx
from tests.conftest import Endpoint
from tests.test_graph import run_graph


def test_events_carry_ids_and_a_word_and_forgetting_a_cause_deletes_its_events_alone(
        neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    async def work(graph: Graph) -> tuple[list[events.Event], int, list[events.Event]]:
        async def record(tx: Tx) -> None:
            await events.record(tx, [
                Change(Kind.POST_SHARED, actor="ada", subject="bob", post="p1", cause="share:ada:p1"),
                Change(Kind.POST_SHARED, actor="cy", subject="bob", post="p1", comment="c1", detail="LIKE",
                       cause="share:cy:p1"),
                Change(Kind.FOLLOWED, actor="ada", subject="bob")])

        async def forget(tx: Tx) -> int:
            return await events.forget(tx, ["share:ada:p1", "share:nobody:p1"])

        await graph.transaction("record", record)
        recorded = (await events.after(graph, 0)).events
        forgotten = await graph.transaction("forget", forget)
        return recorded, forgotten, (await events.after(graph, 0)).events

    recorded, forgotten, left = run_graph(neo4j_endpoint, work)
    assert [(e.actor, e.comment, e.detail, e.cause) for e in recorded] == [
        ("ada", None, None, "share:ada:p1"), ("cy", "c1", "LIKE", "share:cy:p1"), ("ada", None, None, None)]
    assert forgotten == 1
    assert [e.seq for e in left] == [recorded[1].seq, recorded[2].seq]
