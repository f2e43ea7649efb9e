"""The driver boundary: reads are read-only one-shot queries that still see the writes before them.
(Batching: tests/test_batching.py; Neo4j's exceptions as the domain's: tests/test_driver_errors.py.)"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import neo4j
import pytest

from service.cypher import CypherQuery
from service.graph import Graph, open_driver
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
