"""Draws small test graphs straight into Neo4j, shaped as the service stores them (SPEC graph model).

People get the properties ``service/people.py`` reads. CONNECTED_TO is stored once per pair, from
the smaller id to the larger; everything else is directed as written. Posts and shares are stamped
``minute`` minutes after a fixed noon, so their order is the drawing's. One UNWIND query per kind.
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


POSTS = """
UNWIND $posts AS p
MATCH (author:Person {id: p[1]})
CREATE (author)-[:POSTED]->(:Post {id: p[0], text: 'Post ' + p[0], visibility: p[2],
                                  createdAt: datetime('2024-06-01T12:00:00Z') + duration({minutes: p[3]})})"""

SHARES = """
UNWIND $shares AS s
MATCH (sharer:Person {id: s[0]}), (post:Post {id: s[1]})
CREATE (sharer)-[:SHARED {at: datetime('2024-06-01T12:00:00Z') + duration({minutes: s[2]})}]->(post)"""

#: A post as drawn: (id, author, visibility, minute).
DrawnPost = tuple[str, str, str, int]


def draw_graph(db: neo4j.Driver, people: Iterable[str], *,
         connections: Iterable[Pair] = (), follows: Iterable[Pair] = (), blocks: Iterable[Pair] = (),
         requests: Iterable[Pair] = (), dismissals: Iterable[Pair] = (),
         visibility: Mapping[str, str] | None = None, posts: Iterable[DrawnPost] = (),
         shares: Iterable[tuple[str, str, int]] = ()) -> None:
    """Creates the people (named after their ids), the edges between them, posts (id, author,
    visibility, minute) and shares (sharer, post id, minute)."""
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
    if posts := [list(p) for p in posts]:
        db.execute_query(POSTS, posts=posts)
    if shares := [list(s) for s in shares]:
        db.execute_query(SHARES, shares=shares)


def chain(*ids: str) -> list[Pair]:
    """Connections along a line: chain('a', 'b', 'c') connects a-b and b-c."""
    return list(itertools.pairwise(ids))
