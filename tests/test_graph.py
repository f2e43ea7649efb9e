"""The driver boundary: reads are read-only one-shot queries that still see the writes before them;
closing the driver lets calls still running end.
(Batching: tests/test_batching.py; Neo4j's exceptions as the domain's: tests/test_driver_errors.py.)"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import neo4j
import pytest

from service.cypher import CypherQuery
from service.graph import Graph, close_driver, open_driver
from tests.conftest import Endpoint

T = TypeVar("T")
WRITE = CypherQuery("test_write", "CREATE (p:Person {id: $id, name: $id}) RETURN p.id AS id",
                    frozenset({"id"}))
READ = CypherQuery("test_read", "MATCH (p:Person {id: $id}) RETURN p.name AS name", frozenset({"id"}))


def run_graph(endpoint: Endpoint, work: Callable[[Graph], Awaitable[T]]) -> T:
    async def main() -> T:
        driver = open_driver(endpoint.uri, endpoint.user, endpoint.password)
        try:
            return await work(Graph(driver, "neo4j"))
        finally:
            await driver.close()

    return asyncio.run(main())


def test_a_read_sees_every_write_acknowledged_before_it(neo4j_endpoint: Endpoint,
                                                        graph_db: neo4j.Driver) -> None:
    async def work(graph: Graph) -> list[list[dict[str, str]]]:
        seen = []
        for n in range(20):
            await graph.write(WRITE, id=f"p{n}")
            seen.append(await graph.read(READ, id=f"p{n}"))
        return seen

    assert run_graph(neo4j_endpoint, work) == [[{"name": f"p{n}"}] for n in range(20)]


def test_reads_are_read_only(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    # A read session refuses writes; on a cluster the same session is routed to a secondary.
    with pytest.raises(neo4j.exceptions.ClientError, match="read"):
        run_graph(neo4j_endpoint, lambda graph: graph.read(WRITE, id="nobody"))
    assert graph_db.execute_query("MATCH (p:Person {id: 'nobody'}) RETURN p").records == []


def test_queries_naming_types_the_graph_lacks_yet_log_no_warnings(
        neo4j_endpoint: Endpoint, graph_db: neo4j.Driver, caplog: pytest.LogCaptureFixture) -> None:
    unknown = CypherQuery("test_unknown", "MATCH (:Person)-[:NO_SUCH_TYPE_YET]->(p) RETURN p.id AS id",
                          frozenset())
    with caplog.at_level("INFO", logger="neo4j"):
        assert run_graph(neo4j_endpoint, lambda graph: graph.read(unknown)) == []
    assert not [r for r in caplog.records if "notification" in r.getMessage()]


#: A write that takes a while (counting a few million rows) before it creates its person.
SLOW_WRITE = CypherQuery("test_slow_write", "UNWIND range(1, $rows) AS x WITH count(x) AS n "
                         "CREATE (p:Person {id: $id, name: $id}) RETURN p.id AS id",
                         frozenset({"rows", "id"}))


def test_closing_the_driver_lets_a_call_its_caller_gave_up_on_end(neo4j_endpoint: Endpoint,
                                                                   graph_db: neo4j.Driver) -> None:
    """At stop, a call still running in the background (its caller cancelled, as a dropped early
    answer or a cancelled background task is) ends before the driver closes, not cut off."""
    async def main() -> None:
        driver = open_driver(neo4j_endpoint.uri, neo4j_endpoint.user, neo4j_endpoint.password)
        caller = asyncio.ensure_future(Graph(driver, "neo4j").write(SLOW_WRITE, rows=3_000_000, id="late"))
        await asyncio.sleep(0.1)
        caller.cancel()
        await close_driver(driver)

    asyncio.run(main())
    found = graph_db.execute_query("MATCH (p:Person {id: 'late'}) RETURN p.id AS id").records
    assert [r["id"] for r in found] == ["late"]
