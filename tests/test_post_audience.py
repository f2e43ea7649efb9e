"""Post.audienceSize, Post.audience and Post.reach through GraphQL over HTTP (R10, R12, R8)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

#   ada wrote P (PUBLIC) and Q (CONNECTIONS).
#   ada's followers: bob, cat, dan, kim (ada BLOCKS kim; drawn still following)
#   ada's connections: dan, eve, fay             -> P's direct audience: bob, cat, dan, eve, fay (5)
#                                                 -> Q's direct audience: dan, eve, fay (3)
#   P is shared by:
#     fay (followers gus, bob; connected to hal and ada)  -> new: gus, hal (bob is direct, ada the author)
#     eve (followers ivy, dan; connected to ada)          -> new: ivy
#     jon (followers kim, lea, gus; lea BLOCKS jon)       -> new: nobody (kim blocked by the author,
#                                                            lea blocks the sharer, gus counted once)
#   P reaches 5 directly and 3 only through shares (gus, hal, ivy): 8 in all.
#   Q was drawn shared by eve too; a CONNECTIONS post does not travel by share: 3, 0, 3.
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lea"]
POST = """query ($id: ID!, $first: Int, $after: String) { post(id: $id) {
  shareCount audienceSize reach { direct viaShares total }
  audience(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
} }"""


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE,
               follows=[("bob", "ada"), ("cat", "ada"), ("dan", "ada"), ("kim", "ada"),
                        ("gus", "fay"), ("bob", "fay"), ("ivy", "eve"), ("dan", "eve"),
                        ("kim", "jon"), ("lea", "jon"), ("gus", "jon")],
               connections=[("ada", "dan"), ("ada", "eve"), ("fay", "hal"), ("fay", "ada")],
               blocks=[("ada", "kim"), ("lea", "jon")],
               posts=[("P", "ada", "PUBLIC", 1), ("Q", "ada", "CONNECTIONS", 2)],
               shares=[("fay", "P", 3), ("eve", "P", 4), ("jon", "P", 5), ("eve", "Q", 6)])


def post(client: GraphQLClient, post_id: str, first: int | None = None, after: str | None = None,
         **who: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(POST, {"id": post_id, "first": first, "after": after},
                                         **who)["post"]
    return result


@pytest.mark.usefixtures("network")
def test_public_post_reaches_followers_and_connections_then_shares(client: GraphQLClient) -> None:
    p = post(client, "P", as_="ada")
    assert (p["shareCount"], p["audienceSize"], p["reach"]) == (
        3, 5, {"direct": 5, "viaShares": 3, "total": 8})
    assert [e["node"]["id"] for e in p["audience"]["edges"]] == ["bob", "cat", "dan", "eve", "fay"]
    assert p["audience"]["totalCount"] == 5


@pytest.mark.usefixtures("network")
def test_connections_post_reaches_connections_and_never_travels(client: GraphQLClient) -> None:
    q = post(client, "Q", as_="ada")
    assert (q["shareCount"], q["audienceSize"], q["reach"]) == (
        1, 3, {"direct": 3, "viaShares": 0, "total": 3})
    assert [e["node"]["id"] for e in q["audience"]["edges"]] == ["dan", "eve", "fay"]


@pytest.mark.usefixtures("network")
def test_audience_pages_by_cursor(client: GraphQLClient) -> None:
    first = post(client, "P", first=3, as_="ada")["audience"]
    assert ([e["node"]["id"] for e in first["edges"]], first["pageInfo"]["hasNextPage"]) == (
        ["bob", "cat", "dan"], True)
    rest = post(client, "P", first=3, after=first["pageInfo"]["endCursor"], as_="ada")["audience"]
    assert ([e["node"]["id"] for e in rest["edges"]], rest["pageInfo"]["hasNextPage"]) == (
        ["eve", "fay"], False)


@pytest.mark.usefixtures("network")
def test_audience_and_reach_are_the_authors_alone(client: GraphQLClient) -> None:
    assert client.error_code(POST, {"id": "P"}, as_="bob") == "FORBIDDEN"
    assert client.data("{ post(id: \"P\") { audienceSize shareCount } }", as_="bob") == {
        "post": {"audienceSize": 5, "shareCount": 3}}
    assert post(client, "P", admin=True)["reach"]["total"] == 8
    assert client.error_code('{ post(id: "P") { reach { total } } }', as_="cat") == "FORBIDDEN"
    assert client.error_code('{ post(id: "P") { audience { totalCount } } }', as_="cat") == "FORBIDDEN"


@pytest.mark.usefixtures("network")
def test_sharing_ones_own_post_reaches_nobody_new(client: GraphQLClient) -> None:
    # ada's own followers and connections are P's direct audience already; ada is never counted.
    share = 'mutation { sharePost(postId: "P") { shareCount reach { direct viaShares total } } }'
    shared = client.data(share, as_="ada")["sharePost"]
    assert shared == {"shareCount": 4, "reach": {"direct": 5, "viaShares": 3, "total": 8}}


def test_a_celebritys_post(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    #   star ── con (con also follows star); f01..f24 follow star; blk follows star, star BLOCKS blk.
    #   S is PUBLIC: 24 fans and con (25); T is for connections: con alone.
    fans = [f"f{i:02d}" for i in range(1, 25)]
    draw_graph(graph_db, ["star", "con", "blk", *fans], connections=[("star", "con")],
               follows=[(f, "star") for f in [*fans, "con", "blk"]], blocks=[("star", "blk")],
               posts=[("S", "star", "PUBLIC", 1), ("T", "star", "CONNECTIONS", 2)])
    assert post(client, "S", as_="star")["reach"] == {"direct": 25, "viaShares": 0, "total": 25}
    assert post(client, "T", as_="star")["audienceSize"] == 1
    assert post(client, "S", first=100, as_="star")["audience"]["totalCount"] == 25


def test_an_author_takes_an_audience_of_thousands_in_one_page(client: GraphQLClient,
                                                              graph_db: neo4j.Driver) -> None:
    # Other lists stop at 100 a page; a post's audience, its author's alone, goes to 5,000.
    fans = [f"f{i:03d}" for i in range(150)]
    draw_graph(graph_db, ["star", *fans], follows=[(f, "star") for f in fans],
               posts=[("S", "star", "PUBLIC", 1)])
    whole = post(client, "S", first=5000, as_="star")["audience"]
    assert [e["node"]["id"] for e in whole["edges"]] == fans
    assert (whole["totalCount"], whole["pageInfo"]["hasNextPage"]) == (150, False)
    assert client.error_code(POST, {"id": "S", "first": 5001}, as_="star") == "BAD_USER_INPUT"
    assert client.error_code('{ viewer { followers(first: 101) { totalCount } } }',
                             as_="star") == "BAD_USER_INPUT"
