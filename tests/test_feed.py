"""Query.feed through GraphQL over HTTP (R11, with R10's visibility and R8's blocks)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from service.pages import encode_cursor
from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

#   ada follows bob, fay and dan; ada ── cat are connected; cat ── gus are connected; dan BLOCKS ada.
#   eve is a stranger to ada. Minutes after noon:
#
#   post  author  visibility    at   shares (minute)          in ada's feed?
#   b1    bob     PUBLIC        10   fay (15)                 yes, at 15, shared by fay, once
#   b2    bob     CONNECTIONS   20                            no: ada only follows bob
#   c1    cat     CONNECTIONS   30                            yes, at 30 (connected)
#   c3    cat     PUBLIC        30                            yes, at 30 (same minute: c3 before c1)
#   c2    cat     PUBLIC         5                            yes, at 5
#   d1    dan     PUBLIC        40                            no: dan blocks ada
#   d2    dan     PUBLIC         6   fay (45)                 no: its author blocks ada
#   e1    eve     PUBLIC         1   fay (50)                 yes, at 50, shared by fay
#   e2    eve     CONNECTIONS    2   fay (55, drawn anyway)   no: only PUBLIC posts travel by share
#   a1    ada     PUBLIC         3   cat (60)                 no: nobody is their own audience
#   g1    gus     PUBLIC         7   cat (8)                  yes, at 8, shared by cat
#
#   ada's feed, newest first: e1 (50), c3 (30), c1 (30), b1 (15), g1 (8), c2 (5).
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fay", "gus"]
FEED = """query ($first: Int, $after: String) { feed(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor sharedBy { id } node { id text visibility author { id } } } } }"""


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE, follows=[("ada", "bob"), ("ada", "fay"), ("ada", "dan")],
               connections=[("ada", "cat"), ("cat", "gus")], blocks=[("dan", "ada")],
               posts=[("b1", "bob", "PUBLIC", 10), ("b2", "bob", "CONNECTIONS", 20),
                      ("c1", "cat", "CONNECTIONS", 30), ("c3", "cat", "PUBLIC", 30),
                      ("c2", "cat", "PUBLIC", 5), ("d1", "dan", "PUBLIC", 40), ("d2", "dan", "PUBLIC", 6),
                      ("e1", "eve", "PUBLIC", 1), ("e2", "eve", "CONNECTIONS", 2),
                      ("a1", "ada", "PUBLIC", 3), ("g1", "gus", "PUBLIC", 7)],
               shares=[("fay", "b1", 15), ("fay", "d2", 45), ("fay", "e1", 50), ("fay", "e2", 55),
                       ("cat", "a1", 60), ("cat", "g1", 8)])


def feed(client: GraphQLClient, viewer: str, first: int | None = None,
         after: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = client.data(FEED, {"first": first, "after": after}, as_=viewer)["feed"]
    return result


def ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


@pytest.mark.usefixtures("network")
def test_feed_is_what_the_network_posted_and_shared_newest_first_each_post_once(
        client: GraphQLClient) -> None:
    page = feed(client, "ada")
    assert ids(page) == ["e1", "c3", "c1", "b1", "g1", "c2"]
    assert page["totalCount"] == 6 and page["pageInfo"]["hasNextPage"] is False
    assert {e["node"]["id"]: [s["id"] for s in e["sharedBy"]] for e in page["edges"]} == {
        "e1": ["fay"], "c3": [], "c1": [], "b1": ["fay"], "g1": ["cat"], "c2": []}
    assert page["edges"][0]["node"] == {"id": "e1", "text": "Post e1", "visibility": "PUBLIC",
                                        "author": {"id": "eve"}}


@pytest.mark.usefixtures("network")
def test_feed_pages_by_cursor_through_posts_of_the_same_minute(client: GraphQLClient) -> None:
    seen = []
    after = None
    for expected in (["e1", "c3"], ["c1", "b1"], ["g1", "c2"]):
        page = feed(client, "ada", first=2, after=after)
        assert (ids(page), page["totalCount"]) == (expected, 6)
        seen += ids(page)
        after = page["pageInfo"]["endCursor"]
    assert page["pageInfo"]["hasNextPage"] is False
    assert feed(client, "ada", first=2, after=after)["edges"] == []
    assert len(seen) == len(set(seen))


@pytest.mark.usefixtures("network")
def test_a_fresh_share_brings_a_post_back_up(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("""MATCH (b:Person {id: 'bob'}), (p:Post {id: 'c2'})
                              CREATE (b)-[:SHARED {at: datetime('2024-06-01T13:00:00Z')}]->(p)""")
    page = feed(client, "ada")
    assert ids(page) == ["c2", "e1", "c3", "c1", "b1", "g1"]
    assert [s["id"] for s in page["edges"][0]["sharedBy"]] == ["bob"]


@pytest.mark.usefixtures("network")
def test_each_viewer_gets_their_own_network(client: GraphQLClient) -> None:
    # cat: connected to ada and gus. ada's a1 (and its share by cat itself) and gus's g1 are there;
    # cat's own posts are not.
    assert ids(feed(client, "cat")) == ["g1", "a1"]
    assert feed(client, "eve")["totalCount"] == 0                     # eve follows nobody


@pytest.mark.usefixtures("network")
def test_feed_asks_for_a_signed_in_person_and_a_sane_page(client: GraphQLClient) -> None:
    assert client.error_code(FEED, {}) == "UNAUTHENTICATED"
    assert client.error_code(FEED, {"first": 101}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(FEED, {"after": "not-a-cursor"}, as_="ada") == "BAD_USER_INPUT"
    # a cursor from a list of people (an id) is not a place in a feed
    assert client.error_code(FEED, {"after": encode_cursor("bob")}, as_="ada") == "BAD_USER_INPUT"
