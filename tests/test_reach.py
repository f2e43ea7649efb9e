"""Person.reach through GraphQL over HTTP (R12, with blocks from R8)."""

from __future__ import annotations

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

#   followers of ada: bob, cat, dan, eve, kim          ada ──follows──▶ bob (not a follower of ada)
#   kim BLOCKS ada (drawn still following: imported data may predate the block), ada BLOCKS mo
#
#              ┌── eve ──┐
#        ada ──┼── fay ──┴── hal ── jon ── lea
#              │    │              │
#              └── gus ── ivy ─────┘
#                   │      └── ken
#                   mo ── ned
#
#   For ada: connections eve, fay, gus (fay-gus is a triangle, not a 2nd degree);
#   2nd degree hal, ivy (mo is blocked); 3rd degree jon, ken (ned only through mo; lea is 4th).
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "ken", "kim", "lea",
          "mo", "ned"]

REACH = """query ($id: ID!) { person(id: $id) { reach {
  followers connections followersOutsideConnections secondDegree thirdDegree audience } } }"""


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE,
         connections=[("ada", "eve"), ("ada", "fay"), ("ada", "gus"), ("eve", "hal"), ("fay", "hal"),
                      ("gus", "ivy"), ("hal", "jon"), ("ivy", "jon"), ("ivy", "ken"), ("jon", "lea"),
                      ("fay", "gus"), ("gus", "mo"), ("mo", "ned")],
         follows=[("bob", "ada"), ("cat", "ada"), ("dan", "ada"), ("eve", "ada"), ("kim", "ada"),
                  ("ada", "bob")],
         blocks=[("kim", "ada"), ("ada", "mo")])


def reach(client: GraphQLClient, person: str, **who: str) -> dict[str, int]:
    result: dict[str, int] = client.data(REACH, {"id": person}, **who)["person"]["reach"]
    return result


@pytest.mark.usefixtures("network")
def test_reach_counts_distinct_people_by_tie_and_distance(client: GraphQLClient) -> None:
    assert reach(client, "ada", as_="ada") == {
        "followers": 4,                       # bob, cat, dan, eve (kim blocks ada)
        "connections": 3,                     # eve, fay, gus
        "followersOutsideConnections": 3,     # bob, cat, dan
        "secondDegree": 2,                    # hal, ivy (not mo: blocked)
        "thirdDegree": 2,                     # jon, ken (not ned: only through mo)
        "audience": 6,                        # bob, cat, dan, eve, fay, gus
    }


@pytest.mark.usefixtures("network")
def test_reach_of_someone_else_is_public(client: GraphQLClient) -> None:
    # hal blocks nobody: mo is an ordinary 3rd-degree person for hal.
    expected = {"followers": 0, "connections": 3,           # eve, fay, jon
                "followersOutsideConnections": 0,
                "secondDegree": 4,                          # ada, gus, ivy, lea
                "thirdDegree": 2,                           # mo, ken
                "audience": 3}
    assert reach(client, "hal", as_="bob") == expected
    assert reach(client, "hal") == expected                 # counts are public, even anonymously


@pytest.mark.usefixtures("network")
def test_nobody_is_counted_twice_when_ties_overlap(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    # fay and gus now also follow ada: still 3 connections, and the audience grows by nobody.
    graph_db.execute_query("""MATCH (a:Person {id: 'ada'}) UNWIND ['fay', 'gus'] AS id
                              MATCH (f:Person {id: id}) CREATE (f)-[:FOLLOWS]->(a)""")
    got = reach(client, "ada", as_="ada")
    assert (got["followers"], got["connections"], got["followersOutsideConnections"], got["audience"]) == (
        6, 3, 3, 6)


def test_a_person_alone_reaches_nobody(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["sol"])
    assert reach(client, "sol") == {"followers": 0, "connections": 0, "followersOutsideConnections": 0,
                                    "secondDegree": 0, "thirdDegree": 0, "audience": 0}


def test_a_celebrity_with_few_connections(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    #   star ── con (con also follows star); f01..f24 follow star; blk follows star, star BLOCKS blk.
    #   Many followers per connection: the overlap is found by asking each connection instead.
    fans = [f"f{i:02d}" for i in range(1, 25)]
    draw_graph(graph_db, ["star", "con", "blk", *fans], connections=[("star", "con")],
               follows=[(f, "star") for f in [*fans, "con", "blk"]], blocks=[("star", "blk")])
    assert reach(client, "star") == {"followers": 25, "connections": 1, "followersOutsideConnections": 24,
                                     "secondDegree": 0, "thirdDegree": 0, "audience": 25}
