"""Comments and replies over GraphQL (R21-R24, R8 as amended, R37): writing them under each comment
policy, two levels of replies and their order, editing, deleting (a thread with its replies),
Query.comment, the counts each viewer sees and blocks, which hide comments without deleting them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.settings import Settings
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_comments, draw_graph, draw_reactions

#   ada ── cat are connected; bob follows ada; eve knows nobody; fay blocks bob.
#   a1: ada's PUBLIC post; a2: ada's CONNECTIONS post.
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fay"]
FIELDS = "id text createdAt editedAt author { id } post { id } parent { id } replyCount"
ADD = f"mutation ($id: ID!, $text: String!) {{ addComment(postId: $id, text: $text) {{ {FIELDS} }} }}"
REPLY = f"""mutation ($id: ID!, $text: String!) {{ replyToComment(commentId: $id, text: $text) {{
  {FIELDS} }} }}"""
EDIT = f"mutation ($id: ID!, $text: String!) {{ editComment(commentId: $id, text: $text) {{ {FIELDS} }} }}"
DELETE = "mutation ($id: ID!) { deleteComment(commentId: $id) }"
POLICY = """mutation ($id: ID!, $policy: CommentPolicy!) { setCommentPolicy(postId: $id, policy: $policy) {
  commentPolicy } }"""
COMMENT = f"query ($id: ID!) {{ comment(id: $id) {{ {FIELDS} }} }}"
THREADS = """query ($id: ID!, $first: Int, $after: String) { post(id: $id) { commentCount
  comments(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id replyCount replies(first: 100) { totalCount edges { node { id } } } } } } } }"""
REPLIES = """query ($id: ID!, $first: Int, $after: String) { comment(id: $id) {
  replies(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
CAN = "query ($id: ID!) { post(id: $id) { commentPolicy viewerCanComment } }"


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE, connections=[("ada", "cat")], follows=[("bob", "ada")],
               blocks=[("fay", "bob")], posts=[("a1", "ada", "PUBLIC", 1), ("a2", "ada", "CONNECTIONS", 2)])


def add(client: GraphQLClient, who: str, post: str, text: str = "Nice") -> dict[str, Any]:
    result: dict[str, Any] = client.data(ADD, {"id": post, "text": text}, as_=who)["addComment"]
    return result


def reply(client: GraphQLClient, who: str, comment: str, text: str = "Indeed") -> dict[str, Any]:
    result: dict[str, Any] = client.data(REPLY, {"id": comment, "text": text}, as_=who)["replyToComment"]
    return result


def threads(client: GraphQLClient, who: str, post: str = "a1", first: int = 2) -> tuple[list[Any], int, int]:
    """Every thread the viewer can page through as (id, replyCount, [reply ids], replies' totalCount),
    with the totalCount of the top-level list and the post's commentCount."""
    found: list[Any] = []
    after, totals, counts = None, set(), set()
    while True:
        data = client.data(THREADS, {"id": post, "first": first, "after": after}, as_=who)["post"]
        page = data["comments"]
        totals.add(page["totalCount"])
        counts.add(data["commentCount"])
        found += [(n["id"], n["replyCount"], [r["node"]["id"] for r in n["replies"]["edges"]],
                   n["replies"]["totalCount"]) for n in (e["node"] for e in page["edges"])]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(totals) == len(counts) == 1
    return found, totals.pop(), counts.pop()


def seen(found: list[Any]) -> int:
    """How many comments and replies a viewer paged through."""
    return len(found) + sum(len(replies) for _, _, replies, _ in found)


@pytest.mark.usefixtures("network")
def test_comment_and_reply(client: GraphQLClient) -> None:
    first = add(client, "bob", "a1", "  First!  ")
    assert {k: first[k] for k in ("text", "editedAt", "author", "post", "parent", "replyCount")} == {
        "text": "First!", "editedAt": None, "author": {"id": "bob"}, "post": {"id": "a1"}, "parent": None,
        "replyCount": 0}
    answer = reply(client, "cat", first["id"])
    assert (answer["parent"], answer["post"]) == ({"id": first["id"]}, {"id": "a1"})
    deeper = reply(client, "ada", answer["id"])                       # to a reply: the same thread
    assert deeper["parent"] == {"id": first["id"]}
    second = add(client, "cat", "a1")
    found, total, count = threads(client, "eve")
    assert found == [(second["id"], 0, [], 0), (first["id"], 2, [answer["id"], deeper["id"]], 2)]
    assert (total, count) == (2, 4)
    assert client.data(COMMENT, {"id": answer["id"]}, as_="eve")["comment"]["replyCount"] == 0
    page = client.data(REPLIES, {"id": first["id"], "first": 1}, as_="eve")["comment"]["replies"]
    rest = client.data(REPLIES, {"id": first["id"], "after": page["pageInfo"]["endCursor"]},
                       as_="eve")["comment"]["replies"]
    assert [e["node"]["id"] for e in page["edges"] + rest["edges"]] == [answer["id"], deeper["id"]]
    assert (page["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"]) == (True, False)


@pytest.mark.usefixtures("network")
def test_text_limits_and_who_may_see(client: GraphQLClient) -> None:
    assert client.error_code(ADD, {"id": "a1", "text": "   "}, as_="bob") == "BAD_USER_INPUT"
    assert client.error_code(ADD, {"id": "a1", "text": "x" * 1251}, as_="bob") == "BAD_USER_INPUT"
    assert len(add(client, "bob", "a1", "x" * 1250)["text"]) == 1250
    assert client.error_code(ADD, {"id": "a2", "text": "hi"}, as_="bob") == "NOT_FOUND"  # can't see it
    assert client.error_code(ADD, {"id": "zz", "text": "hi"}, as_="bob") == "NOT_FOUND"
    assert client.error_code(ADD, {"id": "a1", "text": "hi"}) == "UNAUTHENTICATED"
    private = add(client, "cat", "a2")
    assert client.data(COMMENT, {"id": private["id"]}, as_="bob") == {"comment": None}
    assert client.data(COMMENT, {"id": private["id"]}, as_="ada")["comment"]["id"] == private["id"]
    assert client.data(COMMENT, {"id": private["id"]}, admin=True)["comment"]["id"] == private["id"]
    assert client.data(COMMENT, {"id": "nope"}, as_="ada") == {"comment": None}
    assert client.error_code(COMMENT, {"id": private["id"]}) == "UNAUTHENTICATED"
    assert client.error_code(REPLY, {"id": private["id"], "text": "hi"}, as_="bob") == "NOT_FOUND"


@pytest.mark.usefixtures("network")
def test_comment_policies(client: GraphQLClient) -> None:
    assert client.data(CAN, {"id": "a1"}, as_="bob")["post"] == {"commentPolicy": "EVERYONE",
                                                                 "viewerCanComment": True}
    thread = add(client, "bob", "a1")
    assert client.data(POLICY, {"id": "a1", "policy": "CONNECTIONS"}, as_="ada") == {
        "setCommentPolicy": {"commentPolicy": "CONNECTIONS"}}
    assert client.data(CAN, {"id": "a1"}, as_="bob")["post"]["viewerCanComment"] is False
    assert client.data(CAN, {"id": "a1"}, as_="cat")["post"]["viewerCanComment"] is True
    assert client.error_code(ADD, {"id": "a1", "text": "hi"}, as_="bob") == "FORBIDDEN"
    assert client.error_code(REPLY, {"id": thread["id"], "text": "hi"}, as_="bob") == "FORBIDDEN"
    add(client, "cat", "a1")
    assert client.data(POLICY, {"id": "a1", "policy": "NOBODY"}, admin=True)["setCommentPolicy"] == {
        "commentPolicy": "NOBODY"}
    assert client.error_code(ADD, {"id": "a1", "text": "hi"}, as_="cat") == "FORBIDDEN"
    assert client.data(CAN, {"id": "a1"}, as_="ada")["post"]["viewerCanComment"] is True
    add(client, "ada", "a1")                                             # the author always may
    assert client.error_code(POLICY, {"id": "a1", "policy": "EVERYONE"}, as_="cat") == "FORBIDDEN"
    assert client.error_code(POLICY, {"id": "a2", "policy": "EVERYONE"}, as_="bob") == "NOT_FOUND"
    assert threads(client, "eve")[2] == 3                                 # old comments stay
    created = client.data("""mutation { createPost(input: {text: "Quiet", commentPolicy: NOBODY}) {
                               id commentPolicy } }""", as_="cat")["createPost"]
    assert created["commentPolicy"] == "NOBODY"
    assert client.error_code(ADD, {"id": created["id"], "text": "hi"}, as_="ada") == "FORBIDDEN"


@pytest.mark.usefixtures("network")
def test_edit_by_its_author_alone(client: GraphQLClient) -> None:
    mine = add(client, "bob", "a1", "Typo")
    edited = client.data(EDIT, {"id": mine["id"], "text": " Fixed "}, as_="bob")["editComment"]
    assert (edited["text"], edited["createdAt"]) == ("Fixed", mine["createdAt"])
    assert edited["editedAt"] is not None and edited["editedAt"] >= mine["createdAt"]
    for who in ("ada", "cat"):
        assert client.error_code(EDIT, {"id": mine["id"], "text": "Mine now"}, as_=who) == "FORBIDDEN"
    assert client.error_code(EDIT, {"id": mine["id"], "text": "Mine now"}, admin=True) == "FORBIDDEN"
    assert client.error_code(EDIT, {"id": mine["id"], "text": ""}, as_="bob") == "BAD_USER_INPUT"
    assert client.error_code(EDIT, {"id": "nope", "text": "x"}, as_="bob") == "NOT_FOUND"


@pytest.mark.usefixtures("network")
def test_delete_takes_the_thread_with_its_reactions_and_counts_follow(client: GraphQLClient,
                                                                     graph_db: neo4j.Driver) -> None:
    draw_comments(graph_db, ("t1", "bob", "a1", None, 10), ("t2", "cat", "a1", None, 20),
                  ("r1", "cat", "a1", "t1", 11), ("r2", "dan", "a1", "t1", 12), ("r3", "bob", "a1", "t2", 21))
    draw_reactions(graph_db, ("ada", "t1", "LIKE", 13), ("eve", "r1", "LOVE", 14), ("bob", "r3", "LIKE", 22))
    assert client.error_code(DELETE, {"id": "t1"}, as_="cat") == "FORBIDDEN"   # nor a reply's author
    assert client.error_code(DELETE, {"id": "r1"}, as_="dan") == "FORBIDDEN"
    assert client.error_code(DELETE, {"id": "nope"}, as_="ada") == "NOT_FOUND"
    assert client.data(DELETE, {"id": "r3"}, as_="bob") == {"deleteComment": True}   # its author
    assert client.data(DELETE, {"id": "t1"}, as_="ada") == {"deleteComment": True}   # the post's author
    assert client.error_code(DELETE, {"id": "t1"}, as_="ada") == "NOT_FOUND"
    assert threads(client, "eve") == ([("t2", 0, [], 0)], 1, 1)
    left = graph_db.execute_query("MATCH (c:Comment) OPTIONAL MATCH (c)<-[r:REACTED]-() "
                                  "RETURN c.id AS c, count(r) AS reactions ORDER BY c")
    assert [(r["c"], r["reactions"]) for r in left.records] == [("t2", 0)]
    assert client.data(DELETE, {"id": "t2"}, admin=True) == {"deleteComment": True}  # an admin
    assert threads(client, "eve") == ([], 0, 0)


@pytest.mark.usefixtures("network")
def test_blocks_hide_each_ones_comments_from_the_other_and_counts_equal_pages(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    # fay blocks bob. bob's thread t1 (with cat's reply), cat's thread t2 with bob's reply r3.
    draw_comments(graph_db, ("t1", "bob", "a1", None, 10), ("t2", "cat", "a1", None, 20),
                  ("t3", "fay", "a1", None, 30),
                  ("r1", "cat", "a1", "t1", 11), ("r3", "bob", "a1", "t2", 21), ("r4", "dan", "a1", "t2", 22))
    assert threads(client, "eve") == ([("t3", 0, [], 0), ("t2", 2, ["r3", "r4"], 2),
                                       ("t1", 1, ["r1"], 1)], 3, 6)
    assert threads(client, "fay") == ([("t3", 0, [], 0), ("t2", 1, ["r4"], 1)], 2, 3)
    assert threads(client, "bob") == ([("t2", 2, ["r3", "r4"], 2), ("t1", 1, ["r1"], 1)], 2, 5)
    for who in ("ada", "bob", "cat", "eve", "fay"):
        found, total, count = threads(client, who, first=1)
        assert (total, count) == (len(found), seen(found)), who
    assert client.data(COMMENT, {"id": "r1"}, as_="fay") == {"comment": None}    # under bob's thread
    assert client.data(COMMENT, {"id": "t3"}, as_="bob") == {"comment": None}
    assert client.error_code(REPLY, {"id": "t3", "text": "hi"}, as_="bob") == "NOT_FOUND"
    assert client.error_code('mutation { reactToComment(commentId: "t1") { id } }', as_="fay") == "NOT_FOUND"
    assert client.data(THREADS, {"id": "a1"}, admin=True)["post"]["commentCount"] == 6
    client.data('mutation { unblock(personId: "bob") { blocking } }', as_="fay")
    assert threads(client, "fay")[2] == 6                                        # hidden, never deleted


@pytest.mark.usefixtures("network")
def test_comment_reactions(client: GraphQLClient) -> None:
    thread = add(client, "bob", "a1")
    react = """mutation ($id: ID!, $kind: ReactionKind) { reactToComment(commentId: $id, kind: $kind) {
      reactionCount viewerReaction reactionCounts { kind count }
      reactions { edges { node { person { id } } } } } }"""
    assert client.data(react, {"id": thread["id"]}, as_="cat")["reactToComment"] == {
        "reactionCount": 1, "viewerReaction": "LIKE", "reactionCounts": [{"kind": "LIKE", "count": 1}],
        "reactions": {"edges": [{"node": {"person": {"id": "cat"}}}]}}
    assert client.data(react, {"id": thread["id"], "kind": "INSIGHTFUL"}, as_="cat")["reactToComment"][
        "reactionCounts"] == [{"kind": "INSIGHTFUL", "count": 1}]
    ask = "query ($id: ID!) { comment(id: $id) { reactionsFromConnections { id } } }"
    assert client.data(ask, {"id": thread["id"]}, as_="ada")["comment"]["reactionsFromConnections"] == [
        {"id": "cat"}]
    remove = "mutation ($id: ID!) { removeCommentReaction(commentId: $id) { reactionCount } }"
    removed = client.data(remove, {"id": thread["id"]}, as_="cat")
    assert removed == {"removeCommentReaction": {"reactionCount": 0}}


@pytest.fixture
def two_comments_a_window(settings: Settings, graph_db: neo4j.Driver) -> Iterator[GraphQLClient]:
    """A second service that lets each person write twice in 3 hours (TIES_WRITING_LIMIT)."""
    with ServiceThread(dataclasses.replace(settings, writing_limit=2)) as running:
        client = GraphQLClient(running.url, TEST_SECRET)
        yield client
        client.close()


@pytest.mark.usefixtures("network")
def test_comments_and_replies_count_against_the_writing_limit(two_comments_a_window: GraphQLClient) -> None:
    client = two_comments_a_window
    thread = add(client, "bob", "a1")
    reply(client, "bob", thread["id"])
    client.data(EDIT, {"id": thread["id"], "text": "Edits are free"}, as_="bob")
    body = client.execute(ADD, {"id": "a1", "text": "One more"}, as_="bob")
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "comments, replies and messages" in body["errors"][0]["message"]
    assert client.error_code(REPLY, {"id": thread["id"], "text": "hi"}, as_="bob") == "LIMIT_EXCEEDED"
    assert threads(client, "ada")[2] == 2
    add(client, "cat", "a1")                                            # another person's own quota
