"""Reactions over GraphQL (R20, R24, R8 as amended, R37): reacting, changing and removing, who
reacted, the counts each viewer sees, reactionsFromConnections, blocks, and the hourly limit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.settings import Settings
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_comments, draw_graph, draw_reactions

#   ada ── cat ── dan are connected (ada-cat, cat-dan, ada-dan); bob follows ada; eve knows nobody.
#   fay blocks bob.
#
#   post  author  visibility
#   a1    ada     PUBLIC        anyone signed in may open it
#   a2    ada     CONNECTIONS   cat and dan (and ada)
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fay"]
REACT = """mutation ($id: ID!, $kind: ReactionKind) { reactToPost(postId: $id, kind: $kind) {
  id reactionCount viewerReaction reactionCounts { kind count } } }"""
REACT_DEFAULT = "mutation ($id: ID!) { reactToPost(postId: $id) { reactionCount viewerReaction } }"
REMOVE = "mutation ($id: ID!) { removePostReaction(postId: $id) { reactionCount viewerReaction } }"
COUNTS = "query ($id: ID!) { post(id: $id) { reactionCount viewerReaction reactionCounts { kind count } } }"
PAGE = """query ($id: ID!, $kind: ReactionKind, $first: Int, $after: String) { post(id: $id) {
  reactions(kind: $kind, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { person { id } kind at } } } } }"""
FROM = "query ($id: ID!, $first: Int) { post(id: $id) { reactionsFromConnections(first: $first) { id } } }"


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE, connections=[("ada", "cat"), ("cat", "dan"), ("ada", "dan")],
               follows=[("bob", "ada")], blocks=[("fay", "bob")],
               posts=[("a1", "ada", "PUBLIC", 1), ("a2", "ada", "CONNECTIONS", 2)])


def react(client: GraphQLClient, who: str, post: str, kind: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = client.data(REACT, {"id": post, "kind": kind}, as_=who)["reactToPost"]
    return result


def counts(client: GraphQLClient, who: str, post: str = "a1") -> dict[str, Any]:
    result: dict[str, Any] = client.data(COUNTS, {"id": post}, as_=who)["post"]
    return result


def every_reaction(client: GraphQLClient, who: str, post: str = "a1", kind: str | None = None,
                   first: int = 2) -> tuple[list[tuple[str, str]], int]:
    """Every reaction the viewer can page through, in order, and the totalCount each page says."""
    found, after, totals = [], None, set()
    while True:
        page = client.data(PAGE, {"id": post, "kind": kind, "first": first, "after": after},
                           as_=who)["post"]["reactions"]
        totals.add(page["totalCount"])
        found += [(e["node"]["person"]["id"], e["node"]["kind"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(totals) == 1, totals
    return found, totals.pop()


@pytest.mark.usefixtures("network")
def test_react_change_and_remove(client: GraphQLClient) -> None:
    assert client.data(REACT_DEFAULT, {"id": "a1"}, as_="bob")["reactToPost"] == {
        "reactionCount": 1, "viewerReaction": "LIKE"}                        # LIKE unless told
    assert react(client, "bob", "a1", "CELEBRATE") == {
        "id": "a1", "reactionCount": 1, "viewerReaction": "CELEBRATE",
        "reactionCounts": [{"kind": "CELEBRATE", "count": 1}]}               # one per person: changed
    react(client, "ada", "a1", "LOVE")                                       # authors may react to their own
    react(client, "cat", "a1", "LOVE")
    assert counts(client, "eve") == {"reactionCount": 3, "viewerReaction": None, "reactionCounts": [
        {"kind": "LOVE", "count": 2}, {"kind": "CELEBRATE", "count": 1}]}    # most first
    assert client.data(REMOVE, {"id": "a1"}, as_="bob")["removePostReaction"] == {
        "reactionCount": 2, "viewerReaction": None}
    assert client.data(REMOVE, {"id": "a1"}, as_="bob")["removePostReaction"] == {
        "reactionCount": 2, "viewerReaction": None}                          # idempotent
    assert counts(client, "cat")["viewerReaction"] == "LOVE"


@pytest.mark.usefixtures("network")
def test_only_posts_one_can_see(client: GraphQLClient) -> None:
    assert client.error_code(REACT, {"id": "a2"}, as_="bob") == "NOT_FOUND"    # a CONNECTIONS post
    assert client.error_code(REACT, {"id": "zz"}, as_="bob") == "NOT_FOUND"
    assert client.error_code(REACT, {"id": "a1"}) == "UNAUTHENTICATED"
    assert client.error_code(REMOVE, {"id": "a2"}, as_="eve") == "NOT_FOUND"
    assert client.error_code(REACT, {"id": "a1", "kind": "ANGRY"}, as_="bob") == "BAD_USER_INPUT"
    assert react(client, "cat", "a2")["reactionCount"] == 1                  # a connection may
    client.data("mutation { block(personId: \"ada\") { blocking } }", as_="eve")
    assert client.error_code(REACT, {"id": "a1"}, as_="eve") == "NOT_FOUND"    # across a block


@pytest.mark.usefixtures("network")
def test_who_reacted_newest_first_by_kind_and_counts_equal_pages(client: GraphQLClient,
                                                                graph_db: neo4j.Driver) -> None:
    draw_reactions(graph_db, ("ada", "a1", "LIKE", 10), ("bob", "a1", "LOVE", 20), ("cat", "a1", "LIKE", 30),
                   ("dan", "a1", "LIKE", 30), ("eve", "a1", "FUNNY", 40))
    found, total = every_reaction(client, "ada")
    assert found == [("eve", "FUNNY"), ("dan", "LIKE"), ("cat", "LIKE"), ("bob", "LOVE"), ("ada", "LIKE")]
    assert total == 5 == counts(client, "ada")["reactionCount"]
    likes = [("dan", "LIKE"), ("cat", "LIKE"), ("ada", "LIKE")]
    assert every_reaction(client, "ada", kind="LIKE") == (likes, 3)
    # fay blocks bob: neither sees the other, in the list or in the counts; others see bob
    assert every_reaction(client, "fay") == ([("eve", "FUNNY"), ("dan", "LIKE"), ("cat", "LIKE"),
                                              ("ada", "LIKE")], 4)
    assert counts(client, "fay") == {"reactionCount": 4, "viewerReaction": None, "reactionCounts": [
        {"kind": "LIKE", "count": 3}, {"kind": "FUNNY", "count": 1}]}
    assert every_reaction(client, "fay", kind="LOVE") == ([], 0)
    assert client.data(PAGE, {"id": "a1", "first": 1}, admin=True)["post"]["reactions"]["totalCount"] == 5
    page = client.data(PAGE, {"id": "a1", "first": 1}, as_="ada")["post"]["reactions"]
    assert page["edges"][0]["node"]["at"].startswith("2024-06-01T12:40:00")
    assert client.error_code(PAGE, {"id": "a1", "after": "ImFkYSI="}, as_="ada") == "BAD_USER_INPUT"


@pytest.mark.usefixtures("network")
def test_reactions_from_connections_are_the_viewers_newest_first(client: GraphQLClient,
                                                                graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["gus", "hal", "ivy"], connections=[("ada", "gus"), ("ada", "hal"), ("ada", "ivy")])
    draw_reactions(graph_db, ("cat", "a1", "LIKE", 10), ("bob", "a1", "LOVE", 20), ("dan", "a1", "LIKE", 30),
                   ("gus", "a1", "LIKE", 5), ("hal", "a1", "SUPPORT", 50), ("ada", "a1", "LIKE", 60))

    def names(who: str, first: int | None = None) -> list[str]:
        return [p["id"] for p in client.data(FROM, {"id": "a1", "first": first}, as_=who)
                ["post"]["reactionsFromConnections"]]

    assert names("ada") == ["hal", "dan", "cat"]          # three by default; bob only follows
    assert names("ada", 10) == ["hal", "dan", "cat", "gus"]
    assert names("cat") == ["ada", "dan"]
    assert names("eve") == []
    assert names("ada", 0) == []
    assert client.error_code(FROM, {"id": "a1", "first": 101}, as_="ada") == "BAD_USER_INPUT"


@pytest.mark.usefixtures("network")
def test_a_block_deletes_the_two_peoples_reactions_to_each_other_and_hides_the_rest(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["gus"], posts=[("g1", "gus", "PUBLIC", 3), ("b1", "bob", "PUBLIC", 4)])
    draw_comments(graph_db, ("gc", "gus", "a1", None, 5))
    draw_reactions(graph_db, ("gus", "a1", "LIKE", 10), ("gus", "gc", "LIKE", 10), ("ada", "g1", "LOVE", 11),
                   ("ada", "gc", "FUNNY", 12), ("bob", "a1", "LIKE", 13), ("gus", "b1", "LIKE", 14),
                   ("bob", "g1", "LIKE", 15))
    client.data('mutation { block(personId: "gus") { blocking } }', as_="ada")
    left = graph_db.execute_query("MATCH (p:Person)-[:REACTED]->(s) RETURN p.id + '>' + s.id AS r ORDER BY r")
    assert [r["r"] for r in left.records] == ["bob>a1", "bob>g1", "gus>b1", "gus>gc"]
    assert counts(client, "bob") == {"reactionCount": 1, "viewerReaction": "LIKE",
                                     "reactionCounts": [{"kind": "LIKE", "count": 1}]}
    assert counts(client, "bob", "g1")["reactionCount"] == 1                 # ada's LOVE went
    # gus's reaction to bob's post stays, hidden from ada alone
    assert counts(client, "ada", "b1")["reactionCount"] == 0
    assert every_reaction(client, "ada", "b1") == ([], 0)
    assert counts(client, "cat", "b1")["reactionCount"] == 1
    client.data('mutation { unblock(personId: "gus") { blocking } }', as_="ada")
    assert counts(client, "ada", "b1")["reactionCount"] == 1                 # not deleted, shown again
    assert counts(client, "ada")["reactionCount"] == 1                       # the deleted stay deleted


@pytest.fixture
def two_per_hour(settings: Settings, graph_db: neo4j.Driver) -> Iterator[GraphQLClient]:
    """A second service that lets each person react twice an hour (TIES_REACTION_LIMIT)."""
    with ServiceThread(dataclasses.replace(settings, reaction_limit=2)) as running:
        client = GraphQLClient(running.url, TEST_SECRET)
        yield client
        client.close()


@pytest.mark.usefixtures("network")
def test_new_reactions_count_against_the_hourly_limit_changes_do_not(two_per_hour: GraphQLClient,
                                                                    graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["gus"], posts=[("g1", "gus", "PUBLIC", 3), ("g2", "gus", "PUBLIC", 4)])
    react(two_per_hour, "bob", "a1")
    react(two_per_hour, "bob", "g1")
    react(two_per_hour, "bob", "a1", "LOVE")                                   # a change takes nothing
    body = two_per_hour.execute(REACT, {"id": "g2"}, as_="bob")
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "2 reactions per hour" in body["errors"][0]["message"]
    assert counts(two_per_hour, "ada", "g2")["reactionCount"] == 0
    two_per_hour.data(REMOVE, {"id": "g1"}, as_="bob")                         # the window still counts it
    assert two_per_hour.error_code(REACT, {"id": "g2"}, as_="bob") == "LIMIT_EXCEEDED"
