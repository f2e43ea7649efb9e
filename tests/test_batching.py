"""Batching (service/batching.py): the reads of one request in one turn of the event loop go to Neo4j
as one statement, each with its own rows and errors."""

from __future__ import annotations

import asyncio

import neo4j

from service.batching import RequestGraph
from service.cypher import CypherQuery
from service.graph import Graph
from tests.conftest import Endpoint
from tests.test_graph import run_graph

PEOPLE_NAMED = CypherQuery("test_people_named", "UNWIND $ids AS id MATCH (p:Person {id: id}) "
                           "RETURN p.id AS id, p.name AS name ORDER BY id", frozenset({"ids"}))
COUNT_PEOPLE = CypherQuery("test_count_people", "// a comment with a $fake parameter\n"
                           "MATCH (p:Person) WHERE p.id STARTS WITH $ids[0] "
                           "RETURN count(p) AS n, '$not' AS s", frozenset({"ids"}))


def test_reads_of_one_request_in_one_turn_go_as_one_statement_each_with_its_own_rows(
        neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("UNWIND range(1, 30) AS n CREATE (:Person {id: 'p' + n, name: 'P' + n})")

    async def work(graph: Graph) -> tuple[list[list[dict[str, object]]], int]:
        request = RequestGraph(graph)
        answers = await asyncio.gather(
            request.read(PEOPLE_NAMED, ids=["p2", "p1", "nobody"]),
            request.read(COUNT_PEOPLE, ids=["p1"]),   # same parameter name, other value
            request.read(PEOPLE_NAMED, ids=["nobody"]),  # no rows
            request.read(PEOPLE_NAMED, ids=[f"p{n}" for n in range(1, 31)]))
        return list(answers), request.statements

    answers, statements = run_graph(neo4j_endpoint, work)
    assert answers[0] == [{"id": "p1", "name": "P1"}, {"id": "p2", "name": "P2"}]
    assert answers[1] == [{"n": 11, "s": "$not"}]  # p1, p10..p19
    assert answers[2] == []
    assert [row["id"] for row in answers[3]] == sorted(f"p{n}" for n in range(1, 31))
    assert statements == 1


def test_a_read_that_fails_in_company_fails_alone(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("CREATE (:Person {id: 'p1', name: 'P1'})")

    async def work(graph: Graph) -> list[object]:
        request = RequestGraph(graph)
        return list(await asyncio.gather(request.read(PEOPLE_NAMED, ids=["p1"]),
                                         request.read(COUNT_PEOPLE, ids="p"),  # a string has no [0]
                                         return_exceptions=True))

    good, bad = run_graph(neo4j_endpoint, work)
    assert good == [{"id": "p1", "name": "P1"}]
    assert isinstance(bad, neo4j.exceptions.Neo4jError)


def test_reads_join_others_from_their_first_run(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("CREATE (:Person {id: 'p1', name: 'P1'})")
    first_name = CypherQuery("test_first_name", "MATCH (p:Person {id: $id}) RETURN p.name AS name",
                             frozenset({"id"}))
    first_count = CypherQuery("test_first_count", "MATCH (p:Person) RETURN count(p) AS n", frozenset())

    async def work(graph: Graph) -> tuple[list[list[dict[str, object]]], int]:
        request = RequestGraph(graph)  # neither query has run in this process before
        answers = await asyncio.gather(request.read(first_name, id="p1"), request.read(first_count))
        return list(answers), request.statements

    assert run_graph(neo4j_endpoint, work) == ([[{"name": "P1"}], [{"n": 1}]], 1)
