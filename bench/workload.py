"""The questions the benchmark asks, each three ways, and the people and posts it asks them about.

A ``Question`` holds one GraphQL document for Ties, one for the peer, and the ``cypher/`` file Ties
runs for it, with how to fill each from a ``Sample`` (who asks, about whom) and how to read the
answer out of each reply, so a run can check that all three variants answer alike before timing
them. Samples come from the graph itself, drawn with a fixed seed, so every run asks the same.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j

from service import cypher, suggestions

Vars = dict[str, Any]
Data = dict[str, Any]


@dataclass(frozen=True)
class Sample:
    """Who asks (``viewer``) about which person or post."""

    viewer: str
    person: str = ""
    post: str = ""


@dataclass(frozen=True)
class Question:
    name: str
    #: The cypher/ file Ties runs for the question's heart; the raw variant sends exactly it.
    cypher_file: str
    #: GraphQL documents: Ties' (contract names) and the peer's (Neo4j GraphQL Library names).
    ties: str
    peer: str
    ties_vars: Callable[[Sample], Vars]
    peer_vars: Callable[[Sample], Vars]
    raw_params: Callable[[Sample], Vars]
    #: Each variant's reply -> a comparable answer (equal for all three, or the run stops).
    ties_answer: Callable[[Data], Any]
    peer_answer: Callable[[Data], Any]
    raw_answer: Callable[[list[dict[str, Any]]], Any]
    #: Which samples suit it: "pair" (viewer, person nearby), "person", "self", "post".
    samples: str

    @property
    def query(self) -> cypher.CypherQuery:
        return cypher.query(self.cypher_file)

    def available(self) -> bool:
        """False until the branch that adds its cypher/ file has landed."""
        return (cypher.CYPHER_DIR / f"{self.cypher_file}.cypher").exists()


PERSON_FIELDS = "id name"
REACH = ("followers", "connections", "followersOutsideConnections", "secondDegree", "thirdDegree",
         "audience")
REACH_FIELDS = " ".join(REACH)


def _people(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def _reach(found: dict[str, Any]) -> tuple[int, ...]:
    return tuple(found[name] for name in REACH)


def _suggestions(found: list[dict[str, Any]]) -> list[tuple[str, int, list[str]]]:
    return [(s["person"]["id"], s["mutualConnectionCount"], _people(s["mutualConnections"][:3]))
            for s in found]


QUESTIONS: list[Question] = [
    Question(
        name="degree",
        cypher_file="degree",
        ties="query($id: ID!) { person(id: $id) { degree } }",
        peer="query($id: ID!) { people(where: {id: {eq: $id}}) { degree } }",
        ties_vars=lambda s: {"id": s.person},
        peer_vars=lambda s: {"id": s.person},
        raw_params=lambda s: {"viewerId": s.viewer, "ids": [s.person]},
        ties_answer=lambda d: d["person"]["degree"],
        peer_answer=lambda d: d["people"][0]["degree"],
        raw_answer=lambda rows: rows[0]["degree"],
        samples="pair",
    ),
    Question(
        name="mutualConnections",
        cypher_file="mutual_connections",
        ties=f"""query($id: ID!) {{ person(id: $id) {{ mutualConnections(first: 20) {{
                   totalCount edges {{ node {{ {PERSON_FIELDS} }} }} }} }} }}""",
        peer=f"""query($id: ID!) {{ people(where: {{id: {{eq: $id}}}}) {{ mutualConnections(first: 20) {{
                   total people {{ {PERSON_FIELDS} }} }} }} }}""",
        ties_vars=lambda s: {"id": s.person},
        peer_vars=lambda s: {"id": s.person},
        raw_params=lambda s: {"viewerId": s.viewer, "personId": s.person, "after": None, "fetch": 21},
        ties_answer=lambda d: (d["person"]["mutualConnections"]["totalCount"],
                               [e["node"]["id"] for e in d["person"]["mutualConnections"]["edges"]]),
        peer_answer=lambda d: (d["people"][0]["mutualConnections"]["total"],
                               _people(d["people"][0]["mutualConnections"]["people"])),
        raw_answer=lambda rows: (rows[0]["total"], _people(rows[0]["people"][:20])),
        samples="pair",
    ),
    Question(
        name="reach",
        cypher_file="reach",
        ties=f"query($id: ID!) {{ person(id: $id) {{ reach {{ {REACH_FIELDS} }} }} }}",
        peer=f"query($id: ID!) {{ people(where: {{id: {{eq: $id}}}}) {{ reach {{ {REACH_FIELDS} }} }} }}",
        ties_vars=lambda s: {"id": s.person},
        peer_vars=lambda s: {"id": s.person},
        raw_params=lambda s: {"ids": [s.person]},
        ties_answer=lambda d: _reach(d["person"]["reach"]),
        peer_answer=lambda d: _reach(d["people"][0]["reach"]),
        raw_answer=lambda rows: _reach(rows[0]),
        samples="person",
    ),
    Question(
        name="suggestions",
        cypher_file="suggestions",
        ties=f"""{{ viewer {{ suggestions(first: 10) {{ person {{ {PERSON_FIELDS} }} mutualConnectionCount
                   mutualConnections(first: 3) {{ {PERSON_FIELDS} }} }} }} }}""",
        peer=f"""query($id: ID!) {{ people(where: {{id: {{eq: $id}}}}) {{ suggestions(first: 10) {{
                   person {{ {PERSON_FIELDS} }} mutualConnectionCount
                   mutualConnections {{ {PERSON_FIELDS} }} }} }} }}""",
        ties_vars=lambda s: {},
        peer_vars=lambda s: {"id": s.viewer},
        # What Ties sends: ten suggestions, each explained by its first few mutuals.
        raw_params=lambda s: {"id": s.viewer, "first": 10, "explain": suggestions.EXPLAINED},
        ties_answer=lambda d: _suggestions(d["viewer"]["suggestions"]),
        peer_answer=lambda d: _suggestions(d["people"][0]["suggestions"]),
        raw_answer=lambda rows: _suggestions(rows),
        samples="self",
    ),
    Question(
        name="post.audienceSize",
        cypher_file="post_audience_sizes",
        ties="query($id: ID!) { post(id: $id) { audienceSize } }",
        peer="query($id: ID!) { posts(where: {id: {eq: $id}}) { audienceSize } }",
        ties_vars=lambda s: {"id": s.post},
        peer_vars=lambda s: {"id": s.post},
        raw_params=lambda s: {"ids": [s.post]},
        ties_answer=lambda d: d["post"]["audienceSize"],
        peer_answer=lambda d: d["posts"][0]["audienceSize"],
        raw_answer=lambda rows: rows[0]["audienceSize"],
        samples="post",
    ),
]


def available() -> list[Question]:
    return [q for q in QUESTIONS if q.available()]


# -- samples ------------------------------------------------------------------------------------

IDS = "MATCH (p:Person) RETURN p.id AS id ORDER BY id"
NEIGHBOURS = "MATCH (:Person {id: $id})-[:CONNECTED_TO]-(n:Person) RETURN DISTINCT n.id AS id ORDER BY id"
POSTS = """MATCH (author:Person)-[:POSTED]->(post:Post)
           RETURN post.id AS post, author.id AS author ORDER BY post LIMIT 100000"""


@dataclass
class Samples:
    """Deterministic samples of each kind, drawn once per run from the graph."""

    by_kind: dict[str, list[Sample]]

    @classmethod
    def draw(cls, driver: neo4j.Driver, database: str, count: int, seed: int = 2026) -> Samples:
        rng = random.Random(seed)

        def read(query: str, **params: Any) -> list[dict[str, Any]]:
            records = driver.execute_query(query, params, database_=database,
                                           routing_=neo4j.RoutingControl.READ).records
            return [dict(r) for r in records]

        ids = [row["id"] for row in read(IDS)]

        def walk(start: str, steps: int) -> str | None:
            here = start
            for _ in range(steps):
                nxt = [row["id"] for row in read(NEIGHBOURS, id=here)]
                if not nxt:
                    return None
                here = rng.choice(nxt)
            return here if here != start else None

        pairs: list[Sample] = []
        while len(pairs) < count:
            viewer = rng.choice(ids)
            # A mix a product would see: people one, two and three steps away, and strangers.
            steps = rng.choice([1, 2, 2, 3, 0])
            person = walk(viewer, steps) if steps else rng.choice(ids)
            if person is not None and person != viewer:
                pairs.append(Sample(viewer, person))
        people = [Sample(rng.choice(ids), rng.choice(ids)) for _ in range(count)]
        selves = [Sample(v, v) for v in (rng.choice(ids) for _ in range(count))]
        posts = read(POSTS)
        chosen = [rng.choice(posts) for _ in range(count)] if posts else []
        on_posts = [Sample(row["author"], row["author"], row["post"]) for row in chosen]
        return cls({"pair": pairs, "person": people, "self": selves, "post": on_posts})
