"""Degree, mutual connections and reach against a plain Python BFS on random graphs (R12-R14, R8).

Each seed draws a few hundred people with connections, follows (one person followed by many: a
small hub) and blocks, some of them between people still drawn as connected or following, the way
imported data may look. The service's answers through GraphQL must equal the reference below,
which follows the rules the plain way: blocked people are out of a person's network.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient

SEEDS = range(20)
PEOPLE = 250

LOAD = """
UNWIND $people AS id
CREATE (:Person {id: id, name: id, createdAt: datetime('2024-01-01T00:00:00Z'),
                 connectionsVisibility: 'CONNECTIONS', followPolicy: 'EVERYONE'})
WITH count(*) AS people
UNWIND $connections AS pair
MATCH (a:Person {id: pair[0]}), (b:Person {id: pair[1]})
CREATE (a)-[:CONNECTED_TO]->(b)
WITH count(*) AS connections
UNWIND $follows AS pair
MATCH (a:Person {id: pair[0]}), (b:Person {id: pair[1]})
CREATE (a)-[:FOLLOWS]->(b)
WITH count(*) AS follows
UNWIND $blocks AS pair
MATCH (a:Person {id: pair[0]}), (b:Person {id: pair[1]})
CREATE (a)-[:BLOCKS]->(b)"""


@dataclass
class Graph:
    people: list[str]
    connections: set[tuple[str, str]] = field(default_factory=set)   # (smaller id, larger id)
    follows: set[tuple[str, str]] = field(default_factory=set)
    blocks: set[tuple[str, str]] = field(default_factory=set)
    _adjacent: dict[str, set[str]] = field(default_factory=dict)   # filled on first use, once drawn

    def neighbours(self, person: str) -> set[str]:
        if not self._adjacent:
            for a, b in self.connections:
                self._adjacent.setdefault(a, set()).add(b)
                self._adjacent.setdefault(b, set()).add(a)
        return self._adjacent.get(person, set())

    def blocked(self, person: str) -> set[str]:
        return {b if a == person else a for a, b in self.blocks if person in (a, b)}

    def distances(self, person: str) -> dict[str, int]:
        """Breadth-first, up to 3 steps, never through someone blocked either way with ``person``."""
        out = self.blocked(person)
        seen, queue = {person: 0}, deque([person])
        while queue:
            here = queue.popleft()
            if seen[here] == 3:
                continue
            for there in self.neighbours(here) - out:
                if there not in seen:
                    seen[there] = seen[here] + 1
                    queue.append(there)
        return seen

    def mutuals(self, viewer: str, person: str) -> int:
        if viewer == person:
            return 0
        out = self.blocked(viewer) | self.blocked(person)
        return len((self.neighbours(viewer) & self.neighbours(person)) - out)

    def reach(self, person: str) -> dict[str, int]:
        out = self.blocked(person)
        followers = {a for a, b in self.follows if b == person} - out
        connections = self.neighbours(person) - out
        by_distance = list(self.distances(person).values())
        return {"followers": len(followers), "connections": len(connections),
                "followersOutsideConnections": len(followers - connections),
                "secondDegree": by_distance.count(2), "thirdDegree": by_distance.count(3),
                "audience": len(followers | connections)}


def random_graph(seed: int) -> Graph:
    rng = random.Random(seed)
    people = [f"u{i:03d}" for i in range(PEOPLE)]
    graph = Graph(people)
    for _ in range(rng.randint(PEOPLE, 3 * PEOPLE)):                  # 2 to 6 connections each
        a, b = rng.sample(people, 2)
        graph.connections.add((min(a, b), max(a, b)))
    hub = people[0]
    for person in people:
        for other in rng.sample(people, rng.randint(0, 4)):
            if other != person:
                graph.follows.add((person, other))
        # even seeds: a hub with many connections; odd: a celebrity, followed far more than connected
        if person != hub and rng.random() < (0.4 if seed % 2 == 0 else 0.7):
            graph.follows.add((person, hub))
            if rng.random() < (0.3 if seed % 2 == 0 else 0.01):
                graph.connections.add((min(hub, person), max(hub, person)))
    for _ in range(rng.randint(0, 15)):
        a, b = rng.sample(people, 2)
        graph.blocks.add((a, b))
    blocker = rng.choice(people[1:])
    graph.blocks.add((blocker, hub))
    graph.connections.add((min(hub, blocker), max(hub, blocker)))  # a block between connected people
    return graph


def load(db: neo4j.Driver, graph: Graph) -> None:
    db.execute_query(LOAD, people=graph.people, connections=[list(p) for p in graph.connections],
                     follows=[list(p) for p in graph.follows], blocks=[list(p) for p in graph.blocks])


#: Aliases one request may hold (service/api/limits.py).
ALIASES = 20


def ask_each(client: GraphQLClient, ids: list[str], selection: str, viewer: str) -> dict[str, Any]:
    """Asks every person the same thing, as many at a time as one request may alias (the
    DataLoaders batch each request's people into one query)."""
    answers: dict[str, Any] = {}
    for start in range(0, len(ids), ALIASES):
        fields = " ".join(f'{i}: person(id: "{i}") {{ {selection} }}' for i in ids[start:start + ALIASES])
        answers |= client.data(f"{{ {fields} }}", as_=viewer)
    return answers


@pytest.mark.parametrize("seed", SEEDS)
def test_degree_mutuals_and_reach_match_a_plain_bfs(seed: int, client: GraphQLClient,
                                                    graph_db: neo4j.Driver) -> None:
    graph = random_graph(seed)
    load(graph_db, graph)
    rng = random.Random(seed + 1000)
    hub = graph.people[0]

    for viewer in [hub, *rng.sample(graph.people[1:], 2)]:
        hidden = graph.blocked(viewer)
        answers = ask_each(client, graph.people, "degree relationship { degree mutualConnectionCount }",
                           viewer)
        distances = graph.distances(viewer)
        expected = {i: None if i in hidden else {"degree": distances.get(i), "relationship": {
            "degree": distances.get(i), "mutualConnectionCount": graph.mutuals(viewer, i)}}
            for i in graph.people}
        assert answers == expected

        sample = rng.sample([p for p in graph.people if p not in hidden], 15)
        mutual = ask_each(client, sample, "mutualConnections(first: 0) { totalCount }", viewer)
        assert {i: mutual[i]["mutualConnections"]["totalCount"] for i in sample} == {
            i: graph.mutuals(viewer, i) for i in sample}

    sample = [hub, *rng.sample(graph.people[1:], 20)]
    reach = ask_each(client, sample, "reach { followers connections followersOutsideConnections "
                                     "secondDegree thirdDegree audience }", viewer=hub)
    assert {i: reach[i]["reach"] for i in sample if reach[i] is not None} == {
        i: graph.reach(i) for i in sample if i not in graph.blocked(hub)}
