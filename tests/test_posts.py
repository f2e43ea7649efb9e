"""Posts through GraphQL over HTTP: who sees them, createPost, sharePost, person.posts (R10)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

#   ada ── cat are connected; bob follows cat; dan BLOCKS ada; eve follows ada.
#
#   post  author  visibility    minute
#   c1    cat     CONNECTIONS   30        ada (connection) and cat see it; bob and eve do not
#   c2    cat     PUBLIC        5         anyone signed in who opens it
#   c3    cat     PUBLIC        30
#   d1    dan     PUBLIC        40        everyone but ada (blocked)
PEOPLE = ["ada", "bob", "cat", "dan", "eve"]
POST = "query ($id: ID!) { post(id: $id) { id text visibility author { id } } }"
POSTS = """query ($id: ID!, $first: Int, $after: String) {
  person(id: $id) { posts(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }"""
CREATE = """mutation ($input: CreatePostInput!) { createPost(input: $input) {
  id text visibility author { id } shareCount audienceSize } }"""
SHARE = "mutation ($id: ID!) { sharePost(postId: $id) { id shareCount } }"


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE, connections=[("ada", "cat")],
               follows=[("bob", "cat"), ("eve", "ada")], blocks=[("dan", "ada")],
               posts=[("c1", "cat", "CONNECTIONS", 30), ("c2", "cat", "PUBLIC", 5),
                      ("c3", "cat", "PUBLIC", 30), ("d1", "dan", "PUBLIC", 40)])


def visible(client: GraphQLClient, post: str, **who: Any) -> bool:
    return client.data(POST, {"id": post}, **who)["post"] is not None


def posts(client: GraphQLClient, person: str, viewer: str, first: int | None = None,
          after: str | None = None) -> dict[str, Any]:
    data = client.data(POSTS, {"id": person, "first": first, "after": after}, as_=viewer)
    result: dict[str, Any] = data["person"]["posts"]
    return result


def ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


@pytest.mark.usefixtures("network")
def test_who_may_open_a_post(client: GraphQLClient) -> None:
    assert client.data(POST, {"id": "c1"}, as_="ada")["post"] == {
        "id": "c1", "text": "Post c1", "visibility": "CONNECTIONS", "author": {"id": "cat"}}
    assert [visible(client, "c1", as_=who) for who in ("ada", "cat", "bob", "eve")] == [
        True, True, False, False]
    assert [visible(client, "c2", as_=who) for who in ("ada", "cat", "bob", "eve")] == [True] * 4
    assert [visible(client, "d1", as_=who) for who in ("ada", "bob", "dan")] == [False, True, True]
    assert visible(client, "c1", admin=True) and visible(client, "d1", admin=True)
    assert client.data(POST, {"id": "nope"}, as_="ada") == {"post": None}
    assert client.error_code(POST, {"id": "c2"}) == "UNAUTHENTICATED"


@pytest.mark.usefixtures("network")
def test_person_posts_are_the_ones_the_viewer_may_see_newest_first(client: GraphQLClient) -> None:
    page = posts(client, "cat", "ada")                                # a connection: all three
    assert (ids(page), page["totalCount"]) == (["c3", "c1", "c2"], 3)
    assert (ids(posts(client, "cat", "cat")), ids(posts(client, "cat", "bob"))) == (
        ["c3", "c1", "c2"], ["c3", "c2"])                             # bob only follows: PUBLIC ones
    assert posts(client, "cat", "bob")["totalCount"] == 2
    first = posts(client, "cat", "ada", first=1)
    rest = posts(client, "cat", "ada", first=5, after=first["pageInfo"]["endCursor"])
    assert (ids(first), first["pageInfo"]["hasNextPage"], ids(rest)) == (["c3"], True, ["c1", "c2"])
    assert rest["pageInfo"]["hasNextPage"] is False


@pytest.mark.usefixtures("network")
def test_create_post_reaches_followers_or_connections_as_chosen(client: GraphQLClient) -> None:
    public = client.data(CREATE, {"input": {"text": "  Hello, network  "}}, as_="ada")["createPost"]
    assert {k: v for k, v in public.items() if k != "id"} == {
        "text": "Hello, network", "visibility": "PUBLIC", "author": {"id": "ada"},
        "shareCount": 0, "audienceSize": 2}                            # eve follows, cat connected
    private = client.data(CREATE, {"input": {"text": "Just us", "visibility": "CONNECTIONS"}},
                          as_="ada")["createPost"]
    assert (private["visibility"], private["audienceSize"]) == ("CONNECTIONS", 1)
    feed = "{ feed { edges { node { id } } } }"
    assert [e["node"]["id"] for e in client.data(feed, as_="cat")["feed"]["edges"]][:2] == [
        private["id"], public["id"]]
    assert [e["node"]["id"] for e in client.data(feed, as_="eve")["feed"]["edges"]] == [public["id"]]
    assert visible(client, public["id"], as_="bob") and not visible(client, private["id"], as_="bob")
    assert ids(posts(client, "ada", "ada"))[:2] == [private["id"], public["id"]]


@pytest.mark.usefixtures("network")
def test_create_post_refuses_empty_text_and_anonymous_callers(client: GraphQLClient) -> None:
    assert client.error_code(CREATE, {"input": {"text": "   "}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(CREATE, {"input": {"text": "x" * 3001}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(CREATE, {"input": {"text": "hi"}}) == "UNAUTHENTICATED"
    assert client.error_code(CREATE, {"input": {"text": "hi"}}, as_="ghost") == "NOT_FOUND"


@pytest.mark.usefixtures("network")
def test_share_public_posts_one_can_see_once(client: GraphQLClient) -> None:
    assert client.data(SHARE, {"id": "c2"}, as_="bob")["sharePost"] == {"id": "c2", "shareCount": 1}
    assert client.data(SHARE, {"id": "c2"}, as_="bob")["sharePost"] == {"id": "c2", "shareCount": 1}
    assert client.data(SHARE, {"id": "c2"}, as_="eve")["sharePost"] == {"id": "c2", "shareCount": 2}
    assert client.data(SHARE, {"id": "c3"}, as_="cat")["sharePost"]["shareCount"] == 1  # one's own


@pytest.mark.usefixtures("network")
def test_a_share_shows_the_post_to_the_sharers_followers(client: GraphQLClient) -> None:
    feed = "{ feed { edges { node { id author { id } } sharedBy { id } } } }"
    assert client.data(feed, as_="eve")["feed"]["edges"] == []          # eve follows ada alone
    client.data(SHARE, {"id": "c2"}, as_="ada")
    assert client.data(feed, as_="eve")["feed"]["edges"] == [
        {"node": {"id": "c2", "author": {"id": "cat"}}, "sharedBy": [{"id": "ada"}]}]


@pytest.mark.usefixtures("network")
def test_share_refuses_what_cannot_travel(client: GraphQLClient) -> None:
    assert client.error_code(SHARE, {"id": "c1"}, as_="ada") == "FORBIDDEN"       # CONNECTIONS post
    assert client.error_code(SHARE, {"id": "c1"}, as_="bob") == "NOT_FOUND"       # cannot see it
    assert client.error_code(SHARE, {"id": "d1"}, as_="ada") == "NOT_FOUND"       # across a block
    assert client.error_code(SHARE, {"id": "zz"}, as_="ada") == "NOT_FOUND"
    assert client.error_code(SHARE, {"id": "c2"}) == "UNAUTHENTICATED"
    assert client.data("{ post(id: \"c1\") { shareCount } }", as_="ada") == {"post": {"shareCount": 0}}
