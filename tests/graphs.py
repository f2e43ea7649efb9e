"""Draws small test graphs straight into Neo4j, shaped as the service stores them (SPEC graph model).

People get the properties ``service/people.py`` reads. CONNECTED_TO is stored once per pair, from
the smaller id to the larger; everything else is directed as written. One UNWIND query per kind.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import neo4j

Pair = tuple[str, str]

PEOPLE = """
UNWIND $people AS p
CREATE (:Person {id: p.id, name: p.name, createdAt: datetime('2024-01-01T00:00:00Z'),
                 connectionsVisibility: p.visibility, followPolicy: 'EVERYONE'})"""

#: One query per kind of edge (types cannot be parameters), each stamped as the service stamps it.
EDGES = {
    kind: f"""
UNWIND $pairs AS pair
MATCH (a:Person {{id: pair[0]}}), (b:Person {{id: pair[1]}})
CREATE (a)-[:{kind} {{{stamp}: datetime()}}]->(b)"""
    for kind, stamp in [("CONNECTED_TO", "since"), ("FOLLOWS", "since"), ("BLOCKS", "since"),
                        ("REQUESTED", "at"), ("DISMISSED", "at")]
}


def draw_graph(db: neo4j.Driver, people: Iterable[str], *,
         connections: Iterable[Pair] = (), follows: Iterable[Pair] = (), blocks: Iterable[Pair] = (),
         requests: Iterable[Pair] = (), dismissals: Iterable[Pair] = (),
         visibility: Mapping[str, str] | None = None) -> None:
    """Creates the people (named after their ids) and the edges between them."""
    visibility = visibility or {}
    db.execute_query(PEOPLE, people=[
        {"id": p, "name": p.capitalize(), "visibility": visibility.get(p, "CONNECTIONS")} for p in people])
    edges = {
        "CONNECTED_TO": [(min(a, b), max(a, b)) for a, b in connections],
        "FOLLOWS": list(follows), "BLOCKS": list(blocks),
        "REQUESTED": list(requests), "DISMISSED": list(dismissals),
    }
    for kind, pairs in edges.items():
        if pairs:
            db.execute_query(EDGES[kind], pairs=[list(p) for p in pairs])


def chain(*ids: str) -> list[Pair]:
    """Connections along a line: chain('a', 'b', 'c') connects a-b and b-c."""
    return list(itertools.pairwise(ids))
