"""R19 as amended, for reactions and comments: deletePost takes the post's comments and reactions
(in batches, resumably), deleteAccount erases the person's reactions and comments with their
replies and keeps everyone else's counts exact, and myData includes them."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import pytest

from service import accounts, posts
from tests.conftest import GraphQLClient
from tests.graphs import draw_comments, draw_graph, draw_reactions

PEOPLE = ["ada", "bob", "cat", "dan"]
COUNTS = """query ($id: ID!) { post(id: $id) { reactionCount commentCount comments(first: 100) {
  totalCount edges { node { id replyCount reactionCount } } } } }"""


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    """ada's post a1 and bob's post b1, each commented on, replied to and reacted to by the others."""
    draw_graph(graph_db, PEOPLE, posts=[("a1", "ada", "PUBLIC", 1), ("b1", "bob", "PUBLIC", 2)],
               shares=[("cat", "a1", 3)])
    draw_comments(graph_db, ("ta", "bob", "a1", None, 10), ("ra", "cat", "a1", "ta", 11),
                  ("tc", "cat", "a1", None, 12), ("rb", "bob", "a1", "tc", 13),
                  ("tb", "cat", "b1", None, 14), ("rc", "bob", "b1", "tb", 15), ("rd", "dan", "b1", "tb", 16))
    draw_reactions(graph_db, ("bob", "a1", "LIKE", 20), ("cat", "a1", "LOVE", 21), ("dan", "ta", "LIKE", 22),
                   ("ada", "ra", "LIKE", 23), ("bob", "b1", "LIKE", 24), ("bob", "tb", "FUNNY", 25),
                   ("dan", "rc", "LIKE", 26), ("cat", "rb", "LIKE", 27))


def everything(db: neo4j.Driver) -> dict[str, Any]:
    records = db.execute_query("""
        RETURN COLLECT { MATCH (c:Comment) RETURN c.id ORDER BY c.id } AS comments,
               COLLECT { MATCH (p)-[r:REACTED]->(s) RETURN p.id + '>' + s.id AS r ORDER BY r } AS reactions,
               COLLECT { MATCH (p) WHERE p:Post OR p:DeletedPost RETURN p.id ORDER BY p.id } AS posts
        """).records
    return dict(records[0])


def counts(client: GraphQLClient, post: str) -> dict[str, Any]:
    result: dict[str, Any] = client.data(COUNTS, {"id": post}, as_="dan")["post"]
    return result


@pytest.mark.usefixtures("network")
def test_delete_post_takes_its_comments_reactions_and_their_notifications_in_batches(
        client: GraphQLClient, graph_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(posts, "ERASE_BATCH", 2)  # this many of each kind per transaction: several of them
    client.data('mutation { addComment(postId: "a1", text: "Notify ada") { id } }', as_="dan")
    client.data('mutation { reactToPost(postId: "a1", kind: FUNNY) { id } }', as_="dan")
    notifications = "{ notifications { edges { cursor } } }"
    assert len(client.data(notifications, as_="ada")["notifications"]["edges"]) == 2
    assert client.data('mutation { deletePost(postId: "a1") }', as_="ada") == {"deletePost": True}
    assert everything(graph_db) == {"comments": ["rc", "rd", "tb"], "posts": ["b1"],
                                    "reactions": ["bob>b1", "bob>tb", "dan>rc"]}
    assert client.data(notifications, as_="ada")["notifications"]["edges"] == []
    left = graph_db.execute_query("MATCH (e:Event {post: 'a1'}) RETURN collect(e.kind) AS kinds").records
    assert sorted(left[0]["kinds"]) == ["POST_DELETED"]            # the log keeps what is no notification
    assert client.error_code('mutation { deletePost(postId: "a1") }', as_="ada") == "NOT_FOUND"


@pytest.mark.usefixtures("network")
def test_an_interrupted_post_deletion_resumes_when_asked_again(client: GraphQLClient,
                                                              graph_db: neo4j.Driver) -> None:
    # as the first transaction leaves it: gone for readers, everything still attached
    graph_db.execute_query("MATCH (p:Post {id: 'a1'}) REMOVE p:Post SET p:DeletedPost")
    assert client.data('{ post(id: "a1") { id } }', as_="ada") == {"post": None}
    assert client.data('{ comment(id: "ta") { id } }', as_="ada") == {"comment": None}
    assert client.error_code('mutation { reactToComment(commentId: "ta") { id } }', as_="dan") == "NOT_FOUND"
    assert client.error_code('mutation { deletePost(postId: "a1") }', as_="bob") == "NOT_FOUND"
    assert client.data('mutation { deletePost(postId: "a1") }', as_="ada") == {"deletePost": True}
    assert everything(graph_db)["posts"] == ["b1"]
    assert everything(graph_db)["comments"] == ["rc", "rd", "tb"]


@pytest.mark.usefixtures("network")
def test_delete_account_erases_reactions_and_comments_with_their_replies_and_counts_follow(
        client: GraphQLClient, graph_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "ERASE_BATCH", 2)
    before = counts(client, "b1")
    assert (before["reactionCount"], before["commentCount"]) == (1, 3)
    assert client.data('mutation { deleteAccount(personId: "bob") }', as_="bob") == {"deleteAccount": True}
    # bob's post b1 went with everything on it; on a1, his thread ta (with cat's reply ra and the
    # reactions to both) and his reply rb (with cat's reaction) went; his LIKE of a1 went
    assert everything(graph_db) == {"comments": ["tc"], "posts": ["a1"], "reactions": ["cat>a1"]}
    after = counts(client, "a1")
    assert after == {"reactionCount": 1, "commentCount": 1, "comments": {
        "totalCount": 1, "edges": [{"node": {"id": "tc", "replyCount": 0, "reactionCount": 0}}]}}
    kinds = graph_db.execute_query("MATCH (e:Event) WHERE e.kind IN ['POST_REACTION', 'POST_COMMENT', "
                                   "'COMMENT_REPLY', 'COMMENT_REACTION'] RETURN count(e) AS n").records
    assert kinds[0]["n"] == 0


@pytest.mark.usefixtures("network")
def test_my_data_holds_ones_reactions_and_comments(client: GraphQLClient) -> None:
    data = json.loads(client.data("{ myData }", as_="bob")["myData"])
    assert [(r["kind"], r["post"], r["comment"]) for r in data["reactions"]] == [
        ("LIKE", "a1", None), ("LIKE", "b1", None), ("FUNNY", None, "tb")]
    assert [(c["id"], c["post"], c["replyTo"], c["text"]) for c in data["comments"]] == [
        ("ta", "a1", None, "Comment ta"), ("rb", "a1", "tc", "Comment rb"), ("rc", "b1", "tb", "Comment rc")]
    assert data["posts"][0]["commentPolicy"] == "EVERYONE"
