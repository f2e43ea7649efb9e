"""The six Cypher files that ask in Neo4j Browser what the service answers on its connection index
(``degree``, ``connection_path``, ``mutual_connections``, ``mutual_connection_counts``, ``reach``,
``suggestions``) give the service's answers, on random graphs with hubs, blocks, follows, pending
requests and dismissals drawn into Neo4j. An analyst who pastes one sees what a client is told;
a rule changed on one side alone fails here.

A block is drawn as blocking leaves it (R8): the two are not connected. The service is asked over
GraphQL (its answers are the index's), each file with its header's parameters replaced by the case.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from typing import Any

import neo4j
import pytest

from service import cypher
from tests.conftest import GraphQLClient
from tests.graphs import Pair, draw_graph

SEEDS = [7, 8, 9]
PEOPLE = 40

DEGREE_AND_PATH = """query ($id: ID!) { person(id: $id) {
  degree connectionPath { id } relationship { mutualConnectionCount }
  mutualConnections(first: 100) { totalCount edges { node { id } } } } }"""
REACH = """query ($id: ID!) { person(id: $id) { reach {
  followers connections followersOutsideConnections secondDegree thirdDegree audience exact } } }"""
SUGGESTIONS = """query ($id: ID!) { person(id: $id) { suggestions(first: 100) {
  person { id } mutualConnectionCount mutualConnections(first: 3) { id } } } }"""


@dataclass
class Drawn:
    people: list[str]
    connections: set[frozenset[str]] = field(default_factory=set)
    blocks: set[Pair] = field(default_factory=set)

    def connected(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.connections

    def blocked_with(self, person: str) -> set[str]:
        return {b for a, b in self.blocks if a == person} | {a for a, b in self.blocks if b == person}


def draw(db: neo4j.Driver, seed: int) -> Drawn:
    """A hub with a third of everyone, three ties each on average, then blocks between people who
    are not connected (as blocking leaves them), follows, requests and dismissals."""
    rng = random.Random(seed)
    people = [f"p{i:02d}" for i in range(PEOPLE)]
    drawn = Drawn(people)
    pairs = [(rng.choice(people), rng.choice(people)) for _ in range(PEOPLE * 3 // 2)]
    pairs += [(people[0], rng.choice(people)) for _ in range(PEOPLE // 3)]
    drawn.connections = {frozenset(p) for p in pairs if p[0] != p[1]}
    loose = [(a, b) for a in people for b in people if a != b and not drawn.connected(a, b)]
    drawn.blocks = set(rng.sample(loose, 6))
    others = [p for p in loose if p not in drawn.blocks and p[::-1] not in drawn.blocks]
    follows = rng.sample(others, 60)
    requests = rng.sample(others, 6)
    dismissals = rng.sample([p for p in others if p not in requests and p[::-1] not in requests], 4)
    draw_graph(db, people, connections=[tuple(sorted(c)) for c in drawn.connections],  # type: ignore[misc]
               follows=follows, blocks=sorted(drawn.blocks), requests=requests, dismissals=dismissals)
    return drawn


@pytest.fixture(params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def drawn(request: pytest.FixtureRequest, graph_db: neo4j.Driver) -> Drawn:
    return draw(graph_db, request.param)


def ask(db: neo4j.Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    """The file's rows for these parameters, as Browser would show them."""
    query = cypher.query(name)
    assert set(params) == query.params, f"{name} takes {sorted(query.params)}"
    records, _, _ = db.execute_query(query.text, params, routing_=neo4j.RoutingControl.READ)
    return [record.data() for record in records]


def sample(drawn: Drawn, seed: int = 0, n: int = 6) -> list[str]:
    return [drawn.people[0], *random.Random(seed).sample(drawn.people[1:], n - 1)]


def test_degree_path_and_mutual_connections_are_the_services(client: GraphQLClient, graph_db: neo4j.Driver,
                                                              drawn: Drawn) -> None:
    for viewer in sample(drawn):
        degrees = {row["id"]: row["degree"] for row in ask(graph_db, "degree", viewerId=viewer,
                                                           ids=drawn.people)}
        counts = {row["id"]: row["mutuals"] for row in ask(graph_db, "mutual_connection_counts",
                                                           viewerId=viewer, ids=drawn.people)}
        for target in drawn.people:
            served = client.data(DEGREE_AND_PATH, {"id": target}, as_=viewer)["person"]
            if served is None:  # hidden from the viewer (R8): no degree, no path, nothing shared
                assert target in drawn.blocked_with(viewer)
                assert degrees[target] is None and counts.get(target, 0) == 0
                assert not ask(graph_db, "connection_path", viewerId=viewer, personId=target)
                continue
            case = f"{viewer} -> {target}"
            assert degrees[target] == served["degree"], case
            rows = ask(graph_db, "connection_path", viewerId=viewer, personId=target)
            if served["connectionPath"] is None:
                assert not rows, case
            else:
                (row,) = rows
                path = [p["id"] for p in row["people"]]
                assert len(path) == len(served["connectionPath"]) == served["degree"] + 1, case
                assert path[0] == viewer and path[-1] == target, case
                assert all(drawn.connected(a, b) for a, b in itertools.pairwise(path)), case
                assert not set(path) & drawn.blocked_with(viewer), case
            mutual = ask(graph_db, "mutual_connections", viewerId=viewer, personId=target, after=None,
                         fetch=101)
            listed = served["mutualConnections"]
            if viewer == target:
                assert not mutual and listed["totalCount"] == 0
                continue
            (row,) = mutual
            assert row["total"] == listed["totalCount"] == counts.get(target, 0), case
            assert [p["id"] for p in row["people"]] == [e["node"]["id"] for e in listed["edges"]], case
            assert served["relationship"]["mutualConnectionCount"] == listed["totalCount"], case


def test_reach_is_the_services(client: GraphQLClient, graph_db: neo4j.Driver, drawn: Drawn) -> None:
    rows = {row.pop("id"): row for row in ask(graph_db, "reach", ids=drawn.people)}
    assert set(rows) == set(drawn.people)
    for person in drawn.people:
        served = client.data(REACH, {"id": person}, admin=True)["person"]["reach"]
        assert served.pop("exact") is True
        assert rows[person] == served, person


def test_suggestions_are_the_services(client: GraphQLClient, graph_db: neo4j.Driver, drawn: Drawn) -> None:
    for person in sample(drawn, seed=1):
        rows = ask(graph_db, "suggestions", id=person, first=100, explain=3)
        served = client.data(SUGGESTIONS, {"id": person}, as_=person)["person"]["suggestions"]
        assert [(r["person"]["id"], r["mutualConnectionCount"], [m["id"] for m in r["mutualConnections"]])
                for r in rows] == [
            (s["person"]["id"], s["mutualConnectionCount"], [m["id"] for m in s["mutualConnections"]])
            for s in served], person
        assert not {r["person"]["id"] for r in rows} & drawn.blocked_with(person)
