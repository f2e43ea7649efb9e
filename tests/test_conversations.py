"""Each participant's side of a conversation over GraphQL (R26, R28, R29): the list, latest message
first; read marks and unread counts; deleting a message or a conversation for oneself; blocks that
hide a conversation and unblocking that brings it back; a removed connection's history."""

from __future__ import annotations

import neo4j

from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_people
from tests.messaging_api import (
    CONVERSATION,
    DELETE_CONVERSATION,
    DELETE_MESSAGE,
    MARK_READ,
    MESSAGES,
    conversation_with,
    conversations,
    listed,
    refusal,
    send,
    set_message_policy,
    stored,
    texts,
    unread,
)
from tests.relationship_api import mutate


def test_conversations_are_listed_latest_message_first(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    friends = ["bob", "cat", "dan", "eve"]
    draw_people(graph_db, "ada", *friends)
    draw_accepted(graph_db, *[("ada", f) for f in friends])
    for friend in friends:
        send(client, friend, "ada", f"from {friend}")
    assert listed(client, "ada") == ["eve", "dan", "cat", "bob"]
    send(client, "ada", "bob", "back to bob")  # the newest message moves its conversation up
    assert listed(client, "ada") == ["bob", "eve", "dan", "cat"]
    seen: list[str] = []
    after = None
    while True:
        page = conversations(client, "ada", first=3, after=after)
        assert page["totalCount"] == 4
        seen += [e["node"]["person"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["bob", "eve", "dan", "cat"]
    assert conversations(client, "bob")["edges"][0]["node"]["lastMessage"]["text"] == "back to bob"


def test_read_marks_move_forward_only_and_count_the_others_messages(client: GraphQLClient,
                                                                    graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cat")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cat"))
    sent = [send(client, "bob", "ada", f"b{n}") for n in range(3)]
    other = send(client, "cat", "ada", "from cat")
    conversation = sent[0]["conversation"]["id"]
    assert conversation_with(client, "ada", "bob")["unreadCount"] == 3  # type: ignore[index]
    assert conversation_with(client, "bob", "ada")["unreadCount"] == 0, "one's own messages are never unread"  # type: ignore[index]
    assert unread(client, "ada") == 2
    marked = client.data(MARK_READ, {"id": conversation, "upTo": sent[1]["id"]}, as_="ada")
    assert marked["markConversationRead"]["unreadCount"] == 1
    marked = client.data(MARK_READ, {"id": conversation, "upTo": sent[0]["id"]}, as_="ada")
    assert marked["markConversationRead"]["unreadCount"] == 1, "a read mark never moves back"
    assert client.error_code(MARK_READ, {"id": conversation, "upTo": other["id"]}, as_="ada") == "NOT_FOUND"
    assert client.error_code(MARK_READ, {"id": conversation}, as_="cat") == "NOT_FOUND"
    assert client.data(MARK_READ, {"id": conversation}, as_="ada")["markConversationRead"]["unreadCount"] == 0
    assert unread(client, "ada") == 1
    send(client, "ada", "cat", "read you")  # writing in a conversation reads it
    assert unread(client, "ada") == 0
    send(client, "bob", "ada", "one more")
    assert (unread(client, "ada"), unread(client, "bob")) == (1, 0)


def test_deleting_a_message_hides_it_from_the_viewer_alone(client: GraphQLClient,
                                                           graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    first = send(client, "ada", "bob", "first")
    last = send(client, "bob", "ada", "second")
    conversation = first["conversation"]["id"]
    assert client.data(DELETE_MESSAGE, {"id": last["id"]}, as_="ada") == {"deleteMessage": True}
    assert client.data(DELETE_MESSAGE, {"id": last["id"]}, as_="ada") == {"deleteMessage": False}
    assert client.data(DELETE_MESSAGE, {"id": "no-such-message"}, as_="ada") == {"deleteMessage": False}
    assert texts(client, "ada", conversation) == ["first"]
    assert texts(client, "bob", conversation) == ["second", "first"]
    seen = conversation_with(client, "ada", "bob")
    assert seen is not None and seen["lastMessage"]["text"] == "first" and seen["unreadCount"] == 0
    page = client.data(MESSAGES, {"id": conversation}, as_="ada")["conversation"]["messages"]
    assert page["totalCount"] == 1
    page = client.data(MESSAGES, {"id": conversation}, as_="bob")["conversation"]["messages"]
    assert page["totalCount"] == 2
    assert stored(graph_db) == {"conversations": 1, "sides": 2, "messages": 2, "deleted": 1}


def test_deleting_a_conversation_clears_it_for_the_viewer_until_a_new_message(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "cat")
    set_message_policy(graph_db, "EVERYONE", "ada", "cat")
    conversation = send(client, "ada", "cat", "spam?")["conversation"]["id"]
    assert client.data(DELETE_CONVERSATION, {"id": conversation}, as_="cat") == {"deleteConversation": True}
    assert client.data(DELETE_CONVERSATION, {"id": conversation}, as_="cat") == {"deleteConversation": False}
    assert listed(client, "cat", "REQUEST") == [] and unread(client, "cat", "REQUEST") == 0
    assert client.data(CONVERSATION, {"id": conversation}, as_="cat") == {"conversation": None}
    assert conversation_with(client, "cat", "ada") is None
    assert texts(client, "ada", conversation) == ["spam?"], "the other side keeps everything"
    # declining by deleting keeps the request: the starter still may not write again
    assert refusal(client, "ada", "cat")[0] == "LIMIT_EXCEEDED"
    send(client, "cat", "ada", "Actually, hello")  # a new message brings it back, with only what is new
    assert texts(client, "cat", conversation) == ["Actually, hello"]
    assert conversation_with(client, "cat", "ada")["status"] == "ACCEPTED"  # type: ignore[index]
    assert texts(client, "ada", conversation) == ["Actually, hello", "spam?"]
    page = client.data(MESSAGES, {"id": conversation}, as_="cat")["conversation"]["messages"]
    assert page["totalCount"] == 1
    assert stored(graph_db)["messages"] == 2


def test_a_block_hides_the_conversation_from_both_until_unblocked(client: GraphQLClient,
                                                                  graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    message = send(client, "bob", "ada", "hello")
    conversation = message["conversation"]["id"]
    mutate(client, "block", "bob", as_="ada")
    for viewer in ("ada", "bob"):
        assert conversations(client, viewer)["totalCount"] == 0 and unread(client, viewer) == 0
        assert client.data(CONVERSATION, {"id": conversation}, as_=viewer) == {"conversation": None}
    assert conversation_with(client, "bob", "ada") is None
    assert client.data(DELETE_MESSAGE, {"id": message["id"]}, as_="ada") == {"deleteMessage": False}
    assert client.error_code(MARK_READ, {"id": conversation}, as_="ada") == "NOT_FOUND"
    assert refusal(client, "bob", "ada")[0] == refusal(client, "ada", "bob")[0] == "FORBIDDEN"
    assert stored(graph_db) == {"conversations": 1, "sides": 2, "messages": 1, "deleted": 0}  # none deleted
    mutate(client, "unblock", "bob", as_="ada")
    assert listed(client, "ada") == ["bob"] and unread(client, "ada") == 1
    assert texts(client, "bob", conversation) == ["hello"]
    # the block ended the connection: sending is refused until R25 allows it again
    assert conversation_with(client, "ada", "bob")["canSend"] is False  # type: ignore[index]
    assert refusal(client, "ada", "bob")[0] == "FORBIDDEN"


def test_after_a_removed_connection_the_history_stays_and_sending_waits(client: GraphQLClient,
                                                                       graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    conversation = send(client, "ada", "bob", "before")["conversation"]["id"]
    mutate(client, "removeConnection", "bob", as_="ada")
    for viewer, other in (("ada", "bob"), ("bob", "ada")):
        assert texts(client, viewer, conversation) == ["before"]
        assert conversation_with(client, viewer, other)["canSend"] is False  # type: ignore[index]
        code, message = refusal(client, viewer, other)
        assert code == "FORBIDDEN" and "connections only" in message
    set_message_policy(graph_db, "EVERYONE", "ada", "bob")  # now R25 allows it: the same conversation
    assert send(client, "bob", "ada", "after")["conversation"]["id"] == conversation
    mutate(client, "sendConnectionRequest", "bob", as_="ada")
    mutate(client, "acceptConnectionRequest", "ada", as_="bob")
    set_message_policy(graph_db, "CONNECTIONS", "ada", "bob")
    assert send(client, "ada", "bob", "connected again")["conversation"]["id"] == conversation
    assert stored(graph_db)["conversations"] == 1


def test_relationship_conversation_is_the_pairs_as_the_viewer_sees_it(client: GraphQLClient,
                                                                      graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cat")
    draw_accepted(graph_db, ("ada", "bob"))
    conversation = send(client, "ada", "bob")["conversation"]["id"]
    query = """{ bob: person(id: "bob") { relationship { conversation { id unreadCount } } }
                 cat: person(id: "cat") { relationship { conversation { id } } } }"""
    assert client.data(query, as_="ada") == {"bob": {"relationship": {"conversation": {
        "id": conversation, "unreadCount": 0}}}, "cat": {"relationship": {"conversation": None}}}
    assert client.data('{ person(id: "ada") { relationship { conversation { id } } } }', as_="cat") == {
        "person": {"relationship": {"conversation": None}}}
