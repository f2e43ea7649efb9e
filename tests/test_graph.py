"""The driver boundary: reads are read-only one-shot queries that still see the writes before them;
Neo4j's exceptions leave as the domain's, by their class. (Batching: tests/test_batching.py.)"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import neo4j
import pytest

from service import graph
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


# Neo4j's exceptions, translated by class (graph.TRANSLATED): pure, no database ---------------------

@pytest.mark.parametrize(("raised", "code", "said"), [
    (neo4j.exceptions.IncompleteCommit("Failed to read from defunct connection during commit"),
     "UNAVAILABLE", "may or may not have been saved"),
    (neo4j.exceptions.ConstraintError("Node(7) already exists with label `Person`"), "CONFLICT",
     "already exists"),
    (neo4j.exceptions.AuthError("The client is unauthorized due to authentication failure."),
     "UNAVAILABLE", "refuses this service's credentials"),
    (neo4j.exceptions.TokenExpired("Token expired"), "UNAVAILABLE", "refuses this service's credentials"),
    (neo4j.exceptions.ServiceUnavailable("Couldn't connect to 127.0.0.1:7687"), "UNAVAILABLE",
     "unavailable right now"),
    (neo4j.exceptions.SessionExpired("Failed to read from defunct connection"), "UNAVAILABLE",
     "unavailable right now"),
    (neo4j.exceptions.DatabaseUnavailable("The database is starting"), "UNAVAILABLE",
     "unavailable right now"),
    (neo4j.exceptions.ConnectionAcquisitionTimeoutError("no connection within 5 s"), "UNAVAILABLE",
     "unavailable right now"),
    (TimeoutError(), "UNAVAILABLE", "unavailable right now"),
], ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else None)
def test_driver_exceptions_become_domain_errors_by_their_class(raised: BaseException, code: str,
                                                               said: str) -> None:
    error = graph.translated(raised)
    assert error is not None and error.code == code and said in error.message


@pytest.mark.parametrize("raised", [
    neo4j.exceptions.CypherSyntaxError("Invalid input 'connect'"),  # says "connect", is a bug
    neo4j.exceptions.DriverError("Failed to connect: the result was consumed"),
    neo4j.exceptions.ResultConsumedError("The result is out of scope"),
    ValueError("connection"),
], ids=lambda value: type(value).__name__)
def test_other_exceptions_pass_through_whatever_their_text_says(raised: BaseException) -> None:
    assert graph.translated(raised) is None  # the API masks them as internal errors


def test_a_later_row_never_shadows_an_earlier_subclass() -> None:
    """A class listed after one of its own parents would never be reached."""
    kinds = [kind for kind, _ in graph.TRANSLATED]
    for i, kind in enumerate(kinds):
        assert not any(issubclass(kind, earlier) for earlier in kinds[:i]), kind
