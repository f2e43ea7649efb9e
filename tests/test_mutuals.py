"""mutualConnections through GraphQL over HTTP (R14, with blocks from R8)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

#        ┌── bob ──┐
#        ├── cat ──┤
#   ada ─┼── dan ──┼─ zoe          zoe lists its connections to nobody (PRIVATE)
#        ├── gus ──┤               gus BLOCKS zoe (drawn still connected, as imported data may be)
#        ├── eve   └── fay
#        ├── ela
#        └──────────── zoe         ada and zoe are connected too: that is not a mutual connection
#
#   Shared by ada and zoe: bob, cat, dan (gus is left out: a block hides him from zoe's side).
#   ada has 6 connections + zoe, zoe has 5 + ada, so each side gets to be the smaller one.
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "ela", "fay", "gus", "zoe", "hal"]


@pytest.fixture
def mutual(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE,
         connections=[("ada", x) for x in ("bob", "cat", "dan", "gus", "eve", "ela", "zoe")]
         + [("zoe", x) for x in ("bob", "cat", "dan", "gus", "fay")],
         blocks=[("gus", "zoe")], visibility={"zoe": "PRIVATE"})


MUTUALS = """
query ($id: ID!, $first: Int, $after: String) {
  person(id: $id) {
    mutualConnections(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } }
    }
  }
}"""


def mutuals(client: GraphQLClient, viewer: str, person: str, first: int = 20,
            after: str | None = None) -> dict[str, Any]:
    data = client.data(MUTUALS, {"id": person, "first": first, "after": after}, as_=viewer)
    result: dict[str, Any] = data["person"]["mutualConnections"]
    return result


def ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


@pytest.mark.usefixtures("mutual")
def test_mutual_connections_are_the_people_connected_to_both(client: GraphQLClient) -> None:
    page = mutuals(client, "ada", "zoe")
    assert (ids(page), page["totalCount"]) == (["bob", "cat", "dan"], 3)
    assert page["pageInfo"]["hasNextPage"] is False
    assert [e["node"]["name"] for e in page["edges"]] == ["Bob", "Cat", "Dan"]
    back = mutuals(client, "zoe", "ada")
    assert (ids(back), back["totalCount"]) == (["bob", "cat", "dan"], 3)


@pytest.mark.usefixtures("mutual")
def test_mutual_connections_show_although_the_list_is_private(client: GraphQLClient) -> None:
    # zoe's own connections list is PRIVATE; the overlap with the viewer is still shown (R14).
    assert mutuals(client, "bob", "zoe")["totalCount"] == 1           # ada
    assert ids(mutuals(client, "fay", "ada")) == ["zoe"]


@pytest.mark.usefixtures("mutual")
def test_mutual_connections_page_by_cursor(client: GraphQLClient) -> None:
    first = mutuals(client, "ada", "zoe", first=2)
    assert (ids(first), first["totalCount"], first["pageInfo"]["hasNextPage"]) == (["bob", "cat"], 3, True)
    assert first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    rest = mutuals(client, "ada", "zoe", first=2, after=first["pageInfo"]["endCursor"])
    assert (ids(rest), rest["totalCount"], rest["pageInfo"]["hasNextPage"]) == (["dan"], 3, False)
    empty = mutuals(client, "ada", "zoe", first=0)
    assert (empty["edges"], empty["totalCount"], empty["pageInfo"]["hasNextPage"]) == ([], 3, True)


@pytest.mark.usefixtures("mutual")
def test_nobody_in_common_is_an_empty_page(client: GraphQLClient) -> None:
    assert mutuals(client, "hal", "zoe") == {"totalCount": 0, "pageInfo": {"hasNextPage": False,
                                                                            "endCursor": None}, "edges": []}
    assert mutuals(client, "ada", "ada")["totalCount"] == 0           # not a question about oneself


@pytest.mark.usefixtures("mutual")
def test_a_person_blocked_by_the_viewer_is_no_mutual(client: GraphQLClient,
                                                    graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("""MATCH (a:Person {id: 'ada'}), (c:Person {id: 'cat'})
                              CREATE (a)-[:BLOCKS]->(c)""")
    assert ids(mutuals(client, "ada", "zoe")) == ["bob", "dan"]
    assert ids(mutuals(client, "zoe", "ada")) == ["bob", "dan"]


@pytest.mark.usefixtures("mutual")
def test_bad_page_arguments_and_anonymous_callers_are_refused(client: GraphQLClient) -> None:
    assert client.error_code(MUTUALS, {"id": "zoe", "first": 101}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(MUTUALS, {"id": "zoe", "after": "nonsense!"}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(MUTUALS, {"id": "zoe"}) == "UNAUTHENTICATED"


RELATIONSHIPS = """{ zoe: person(id: "zoe") { relationship { mutualConnectionCount degree } }
                     fay: person(id: "fay") { relationship { mutualConnectionCount degree } }
                     hal: person(id: "hal") { relationship { mutualConnectionCount degree } }
                     ada: person(id: "ada") { relationship { mutualConnectionCount degree } } }"""


@pytest.mark.usefixtures("mutual")
def test_relationship_tells_mutual_count_and_degree(client: GraphQLClient) -> None:
    data = client.data(RELATIONSHIPS, as_="ada")
    assert {k: v["relationship"] for k, v in data.items()} == {
        "zoe": {"mutualConnectionCount": 3, "degree": 1},    # bob, cat, dan
        "fay": {"mutualConnectionCount": 1, "degree": 2},    # zoe
        "hal": {"mutualConnectionCount": 0, "degree": None},
        "ada": {"mutualConnectionCount": 0, "degree": 0},    # oneself
    }


@pytest.mark.usefixtures("mutual")
def test_relationship_after_a_change_is_counted_afresh(client: GraphQLClient) -> None:
    removed = client.data('mutation { removeConnection(personId: "zoe") { mutualConnectionCount degree } }',
                          as_="ada")["removeConnection"]
    assert removed == {"mutualConnectionCount": 3, "degree": 2}    # still 3 shared, now via bob
    blocked = client.data('mutation { block(personId: "zoe") { mutualConnectionCount degree } }',
                          as_="ada")["block"]
    assert blocked == {"mutualConnectionCount": 0, "degree": None}  # across a block: nothing shared
