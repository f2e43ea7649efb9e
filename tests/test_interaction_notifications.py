"""Notifications of reactions and comments (R18 as amended): POST_REACTION and COMMENT_REACTION for a
person's first reaction alone, POST_COMMENT, COMMENT_REPLY; never to oneself, never across a block,
gone when what caused them is undone; events carry ids, never text; delivered live too."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient, ServiceThread
from tests.graphs import draw_graph
from tests.test_subscriptions import next_message, signed_in, subscribe

LIST = "{ notifications { edges { node { kind reaction actor { id } post { id } comment { id text } } } } }"
PEOPLE = ["ada", "bob", "cat", "dan"]


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, PEOPLE, posts=[("a1", "ada", "PUBLIC", 1), ("a2", "ada", "PUBLIC", 2)])


def act(client: GraphQLClient, who: str, mutation: str) -> dict[str, Any]:
    data: dict[str, Any] = client.data(f"mutation {{ {mutation} }}", as_=who)
    return data


def seen(client: GraphQLClient, who: str) -> list[tuple[Any, ...]]:
    edges = client.data(LIST, as_=who)["notifications"]["edges"]
    return [(n["kind"], n["actor"]["id"], n["reaction"], (n["post"] or {}).get("id"),
             (n["comment"] or {}).get("id")) for n in (e["node"] for e in edges)]


def comment(client: GraphQLClient, who: str, post: str, text: str = "Nice") -> str:
    found: str = act(client, who, f'addComment(postId: "{post}", text: "{text}") {{ id }}')[
        "addComment"]["id"]
    return found


def reply(client: GraphQLClient, who: str, to: str) -> str:
    found: str = act(client, who, f'replyToComment(commentId: "{to}", text: "Yes") {{ id }}')[
        "replyToComment"]["id"]
    return found


@pytest.mark.usefixtures("network")
def test_first_reactions_comments_and_replies_reach_their_authors(client: GraphQLClient) -> None:
    act(client, "bob", 'reactToPost(postId: "a1", kind: LOVE) { id }')
    act(client, "bob", 'reactToPost(postId: "a1", kind: FUNNY) { id }')          # a change: nothing new
    act(client, "ada", 'reactToPost(postId: "a1") { id }')                       # her own: nothing
    top = comment(client, "cat", "a1")
    answer = reply(client, "dan", top)
    deeper = reply(client, "bob", answer)                                        # tells cat and dan
    reply(client, "cat", top)                                                    # in her own thread: nobody
    act(client, "ada", f'reactToComment(commentId: "{top}", kind: INSIGHTFUL) {{ id }}')
    assert seen(client, "ada") == [("POST_COMMENT", "cat", None, "a1", top),
                                   ("POST_REACTION", "bob", "LOVE", "a1", None)]
    assert seen(client, "cat") == [("COMMENT_REACTION", "ada", "INSIGHTFUL", "a1", top),
                                   ("COMMENT_REPLY", "bob", None, "a1", deeper),
                                   ("COMMENT_REPLY", "dan", None, "a1", answer)]
    assert seen(client, "dan") == [("COMMENT_REPLY", "bob", None, "a1", deeper)]
    assert seen(client, "bob") == []


@pytest.mark.usefixtures("network")
def test_events_carry_ids_never_text(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    top = comment(client, "cat", "a1", "A secret only the post shows")
    reply(client, "dan", top)
    records = graph_db.execute_query("MATCH (e:Event) RETURN properties(e) AS e").records
    assert not any("secret" in str(value) for r in records for value in r["e"].values())
    assert {r["e"]["cause"] for r in records if r["e"]["kind"] == "POST_COMMENT"} == {f"comment:{top}"}


@pytest.mark.usefixtures("network")
def test_gone_when_undone(client: GraphQLClient) -> None:
    act(client, "bob", 'reactToPost(postId: "a1") { id }')
    act(client, "cat", 'reactToPost(postId: "a2") { id }')
    top = comment(client, "bob", "a1")
    answer = reply(client, "cat", top)
    act(client, "dan", f'reactToComment(commentId: "{answer}") {{ id }}')
    act(client, "dan", 'reactToPost(postId: "a2") { id }')
    assert len(seen(client, "ada")) == 4 and len(seen(client, "cat")) == 1
    act(client, "bob", 'removePostReaction(postId: "a1") { id }')               # the reaction undone
    assert [n[:2] for n in seen(client, "ada")] == [("POST_REACTION", "dan"), ("POST_COMMENT", "bob"),
                                                    ("POST_REACTION", "cat")]
    act(client, "bob", 'reactToPost(postId: "a1") { id }')                       # a first reaction again
    assert seen(client, "ada")[0][:2] == ("POST_REACTION", "bob")
    act(client, "ada", f'deleteComment(commentId: "{top}")')                     # the thread, with its reply
    assert [n[:2] for n in seen(client, "ada")] == [("POST_REACTION", "bob"), ("POST_REACTION", "dan"),
                                                    ("POST_REACTION", "cat")]
    assert seen(client, "bob") == [] and seen(client, "cat") == []
    act(client, "ada", 'block(personId: "dan") { blocking }')                    # deletes dan's reaction
    act(client, "ada", 'unblock(personId: "dan") { blocking }')
    assert [n[:2] for n in seen(client, "ada")] == [("POST_REACTION", "bob"), ("POST_REACTION", "cat")]
    act(client, "ada", 'deletePost(postId: "a2")')
    assert [n[:2] for n in seen(client, "ada")] == [("POST_REACTION", "bob")]


@pytest.mark.usefixtures("network")
def test_a_comment_notification_resolves_its_comment_while_it_exists(client: GraphQLClient) -> None:
    top = comment(client, "bob", "a1", "Hello there")
    assert seen(client, "ada") == [("POST_COMMENT", "bob", None, "a1", top)]
    edges = client.data(LIST, as_="ada")["notifications"]["edges"]
    assert edges[0]["node"]["comment"]["text"] == "Hello there"
    act(client, "bob", 'block(personId: "ada") { blocking }')
    assert seen(client, "ada") == []                                            # never across a block


@pytest.mark.usefixtures("network")
def test_reactions_and_comments_arrive_live(service: ServiceThread, client: GraphQLClient) -> None:
    client.data('{ person(id: "ada") { degree } }', as_="bob")  # the service takes in the drawing first
    query = "subscription { notifications { kind reaction actor { id } post { id } comment { id } } }"
    with signed_in(service, client, "ada") as ws:
        subscribe(ws, query)
        act(client, "bob", 'reactToPost(postId: "a1", kind: CELEBRATE) { id }')
        assert next_message(ws, 10)["payload"]["data"]["notifications"] == {
            "kind": "POST_REACTION", "reaction": "CELEBRATE", "actor": {"id": "bob"}, "post": {"id": "a1"},
            "comment": None}
        top = comment(client, "cat", "a1")
        assert next_message(ws, 10)["payload"]["data"]["notifications"]["comment"] == {"id": top}
        act(client, "ada", 'reactToPost(postId: "a1") { id }')                   # her own: never told
        act(client, "dan", 'reactToPost(postId: "a2") { id }')
        node = next_message(ws, 10)["payload"]["data"]["notifications"]
        assert (node["actor"], node["post"]) == ({"id": "dan"}, {"id": "a2"})
        json.dumps(node)
