"""Degree and connectionPath through GraphQL over HTTP (R13, with blocks from R8)."""

from __future__ import annotations

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import chain, draw_graph

#   ada ── bob ── cat ── dan ── eve ── fox        hal (alone)
#    │                    │
#    └──────── kim ───────┘                       ada ──follows──▶ ivy (a follow is not a tie)
#
#   kim BLOCKS ada: for ada, kim is out of the network, so ada reaches dan the long way (3 steps)
#   and eve (4 steps) not at all; for bob, nobody is blocked: dan is 2 away (bob-cat-dan).
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fox", "hal", "ivy", "kim"]


@pytest.fixture
def line(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE, connections=[*chain("ada", "bob", "cat", "dan", "eve", "fox"),
                                        ("ada", "kim"), ("kim", "dan")],
         follows=[("ada", "ivy")], blocks=[("kim", "ada")])


def degrees(client: GraphQLClient, viewer: str, ids: list[str]) -> dict[str, int | None]:
    """Asks for everyone's degree in one request (one batched query behind it)."""
    fields = " ".join(f'{i}: person(id: "{i}") {{ degree }}' for i in ids)
    data = client.data(f"{{ {fields} }}", as_=viewer)
    return {i: None if data[i] is None else data[i]["degree"] for i in ids}


PATH = 'query ($id: ID!) { person(id: $id) { connectionPath { id name } } }'


def path(client: GraphQLClient, viewer: str, target: str) -> list[str] | None:
    found = client.data(PATH, {"id": target}, as_=viewer)["person"]["connectionPath"]
    return None if found is None else [p["id"] for p in found]


@pytest.mark.usefixtures("line")
def test_degree_counts_steps_over_connections_up_to_three(client: GraphQLClient) -> None:
    everyone = [p for p in PEOPLE if p != "kim"]
    assert degrees(client, "ada", everyone) == {
        "ada": 0, "bob": 1, "cat": 2, "dan": 3, "eve": None, "fox": None, "hal": None, "ivy": None}
    assert degrees(client, "bob", PEOPLE) == {
        "ada": 1, "bob": 0, "cat": 1, "dan": 2, "eve": 3, "fox": None, "hal": None, "ivy": None, "kim": 2}


@pytest.mark.usefixtures("line")
def test_connection_path_is_a_shortest_path_with_both_ends(client: GraphQLClient) -> None:
    assert path(client, "ada", "ada") == ["ada"]
    assert path(client, "ada", "bob") == ["ada", "bob"]
    assert path(client, "ada", "dan") == ["ada", "bob", "cat", "dan"]   # not through kim: blocked
    assert path(client, "bob", "kim") == ["bob", "ada", "kim"]
    assert path(client, "eve", "bob") == ["eve", "dan", "cat", "bob"]
    names = client.data(PATH, {"id": "cat"}, as_="ada")["person"]["connectionPath"]
    assert [p["name"] for p in names] == ["Ada", "Bob", "Cat"]


@pytest.mark.usefixtures("line")
def test_connection_path_is_null_beyond_three_or_without_ties(client: GraphQLClient) -> None:
    assert path(client, "ada", "eve") is None      # 4 steps once kim is out of the way
    assert path(client, "bob", "fox") is None      # 4 steps
    assert path(client, "ada", "hal") is None      # no connections at all
    assert path(client, "ada", "ivy") is None      # followed, not connected


@pytest.mark.usefixtures("line")
def test_blocked_people_are_not_reachable_at_all(client: GraphQLClient) -> None:
    # kim blocked ada: ada cannot see kim (person is null), and kim's degree for ada is unknown.
    assert client.data('{ person(id: "kim") { degree } }', as_="ada") == {"person": None}
    assert client.data('{ person(id: "ada") { degree } }', as_="kim") == {"person": None}


@pytest.mark.usefixtures("line")
def test_a_shorter_path_appears_once_a_connection_is_made(client: GraphQLClient,
                                                         graph_db: neo4j.Driver) -> None:
    assert degrees(client, "ada", ["eve"]) == {"eve": None}
    graph_db.execute_query("""MATCH (a:Person {id: 'ada'}), (c:Person {id: 'cat'})
                              CREATE (a)-[:CONNECTED_TO]->(c)""")
    assert degrees(client, "ada", ["cat", "dan", "eve"]) == {"cat": 1, "dan": 2, "eve": 3}
    assert path(client, "ada", "eve") == ["ada", "cat", "dan", "eve"]


@pytest.mark.usefixtures("line")
def test_anonymous_callers_have_no_degree_or_path(client: GraphQLClient) -> None:
    assert client.error_code('{ person(id: "bob") { degree } }') == "UNAUTHENTICATED"
    assert client.error_code('{ person(id: "bob") { connectionPath { id } } }') == "UNAUTHENTICATED"
