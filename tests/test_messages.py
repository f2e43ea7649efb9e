"""Sending and reading messages over GraphQL (R25-R27, R37's limits): who may write to whom, the one
conversation per pair and its statuses, the text's limits, and messages newest first."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest

from service.settings import Settings
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_accepted, draw_cypher, draw_people
from tests.messaging_api import (
    ACCEPT,
    CONVERSATION,
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
from tests.relationship_api import relationship


def test_connections_write_to_each_other_in_one_conversation(client: GraphQLClient,
                                                             graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    first = send(client, "ada", "bob", "  Hello, Bob  ")
    assert first["text"] == "Hello, Bob" and first["sender"] == {"id": "ada"}
    seen_by_bob = conversation_with(client, "bob", "ada")
    assert seen_by_bob is not None
    assert seen_by_bob["id"] == first["conversation"]["id"]
    assert [seen_by_bob[k] for k in ("status", "unreadCount", "canSend")] == ["ACCEPTED", 1, True]
    assert seen_by_bob["person"] == {"id": "ada"} and seen_by_bob["lastMessage"]["text"] == "Hello, Bob"
    reply = send(client, "bob", "ada", "Hi Ada")
    assert reply["conversation"]["id"] == first["conversation"]["id"]
    assert texts(client, "ada", first["conversation"]["id"]) == ["Hi Ada", "Hello, Bob"]
    assert texts(client, "bob", first["conversation"]["id"]) == ["Hi Ada", "Hello, Bob"]
    assert stored(graph_db) == {"conversations": 1, "sides": 2, "messages": 2, "deleted": 0}
    # the model R36 reads: lastMessageAt is the newest message's time, seq numbers them in order
    records, _, _ = graph_db.execute_query("""
        MATCH (c:Conversation)<-[:OF]-(m:Message)
        WITH c, m ORDER BY m.seq
        WITH c, max(m.sentAt) AS newest, collect(m.seq) AS seqs
        RETURN c.lastMessageAt = newest AS newest, seqs, c.between AS between""")
    assert dict(records[0]) == {"newest": True, "seqs": [1, 2], "between": ["ada", "bob"]}


#: R25 case by case: (connected, ada's policy, bob's policy, who blocks whom) -> ada writing to bob.
WHO_MAY_WRITE = {
    "connected": (True, "CONNECTIONS", "CONNECTIONS", None, "ok"),
    "strangers": (False, "CONNECTIONS", "CONNECTIONS", None, "connections only"),
    "the recipient takes everyone, the sender does not": (False, "CONNECTIONS", "EVERYONE", None,
                                                          "your own messagePolicy"),
    "the sender takes everyone, the recipient does not": (False, "EVERYONE", "CONNECTIONS", None,
                                                          "connections only"),
    "both take everyone": (False, "EVERYONE", "EVERYONE", None, "ok"),
    "the recipient blocks": (False, "EVERYONE", "EVERYONE", ("bob", "ada"), "blocks"),
    "the sender blocks": (False, "EVERYONE", "EVERYONE", ("ada", "bob"), "blocks"),
}


@pytest.mark.parametrize("case", WHO_MAY_WRITE)
def test_who_may_write_to_whom_and_can_message_agree(client: GraphQLClient, graph_db: neo4j.Driver,
                                                     case: str) -> None:
    connected, mine, theirs, block, outcome = WHO_MAY_WRITE[case]
    draw_people(graph_db, "ada", "bob")
    set_message_policy(graph_db, mine, "ada")
    set_message_policy(graph_db, theirs, "bob")
    if connected:
        draw_accepted(graph_db, ("ada", "bob"))
    if block:
        draw_cypher(graph_db, "MATCH (a:Person {id: $a}), (b:Person {id: $b}) CREATE (a)-[:BLOCKS]->(b)",
                    a=block[0], b=block[1])
    if outcome == "ok":
        send(client, "ada", "bob")
    else:
        code, message = refusal(client, "ada", "bob")
        assert code == "FORBIDDEN" and outcome in message, message
        assert stored(graph_db)["conversations"] == 0, "a refused message makes no conversation"
    if block is None:  # across a block bob is invisible to ada: person(id) is null
        assert relationship(client, "bob", as_="ada")["canMessage"] is (outcome == "ok"), "R15 follows R25"


def test_yourself_nobody_and_anonymous_are_refused(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    assert refusal(client, "ada", "ada")[0] == "BAD_USER_INPUT"
    assert refusal(client, "ada", "nobody")[0] == "NOT_FOUND"
    assert refusal(client, None, "ada")[0] == "UNAUTHENTICATED"
    assert refusal(client, "ghost", "ada")[0] == "NOT_FOUND"  # a token for an account not made yet


def test_a_message_is_1_to_8000_characters(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    for text in ("", "   \n ", "x" * 8001):
        assert refusal(client, "ada", "bob", text)[0] == "BAD_USER_INPUT"
    assert len(send(client, "ada", "bob", "x" * 8000)["text"]) == 8000


def test_a_conversation_a_non_connection_starts_is_a_request_until_the_recipient_replies(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "cat")
    set_message_policy(graph_db, "EVERYONE", "ada", "cat")
    first = send(client, "ada", "cat", "Hello, we met at the conference")
    mine = conversation_with(client, "ada", "cat")
    theirs = conversation_with(client, "cat", "ada")
    assert mine is not None and theirs is not None
    assert (mine["status"], mine["canSend"]) == ("ACCEPTED", False)
    assert (theirs["status"], theirs["canSend"], theirs["unreadCount"]) == ("REQUEST", True, 1)
    assert listed(client, "cat") == [] and listed(client, "cat", "REQUEST") == ["ada"]
    assert (unread(client, "cat"), unread(client, "cat", "REQUEST")) == (0, 1)
    code, message = refusal(client, "ada", "cat", "Did you see my message?")
    assert code == "LIMIT_EXCEEDED" and "one message" in message
    send(client, "cat", "ada", "Yes, hello!")  # a reply accepts
    assert conversation_with(client, "cat", "ada")["status"] == "ACCEPTED"  # type: ignore[index]
    assert listed(client, "cat") == ["ada"] and listed(client, "cat", "REQUEST") == []
    send(client, "ada", "cat", "Great")
    assert texts(client, "cat", first["conversation"]["id"]) == ["Great", "Yes, hello!",
                                                                  "Hello, we met at the conference"]


def test_accepting_a_request_lets_its_starter_write_again(client: GraphQLClient,
                                                          graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "cat", "dan")
    set_message_policy(graph_db, "EVERYONE", "ada", "cat")
    conversation = send(client, "ada", "cat")["conversation"]["id"]
    assert client.error_code(ACCEPT, {"id": conversation}, as_="dan") == "NOT_FOUND"
    accepted = client.data(ACCEPT, {"id": conversation}, as_="cat")["acceptConversation"]
    assert (accepted["status"], accepted["unreadCount"]) == ("ACCEPTED", 1)  # accepting is not reading
    assert client.data(ACCEPT, {"id": conversation}, as_="cat")["acceptConversation"]["status"] == "ACCEPTED"
    assert client.data(ACCEPT, {"id": conversation}, as_="ada")["acceptConversation"]["status"] == "ACCEPTED"
    assert conversation_with(client, "ada", "cat")["canSend"] is True  # type: ignore[index]
    send(client, "ada", "cat", "Thanks for accepting")
    records, _, _ = graph_db.execute_query(
        "MATCH (e:Event {kind: 'CONVERSATION_ACCEPTED'}) RETURN e.actor AS actor, e.subject AS subject")
    assert [dict(r) for r in records] == [{"actor": "cat", "subject": "ada"}]  # once, when it changed


def test_messages_between_connections_open_no_request(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    send(client, "ada", "bob")
    send(client, "ada", "bob", "and again")  # connections have no one-message cap
    assert listed(client, "bob") == ["ada"] and listed(client, "bob", "REQUEST") == []


@pytest.fixture
def strict(settings: Settings) -> Iterator[GraphQLClient]:
    """A service whose R37 limits are small: 4 messages (with comments) per 3 hours, 2 new
    conversations with non-connections per 7 days."""
    with ServiceThread(Settings(**{**vars(settings), "writing_limit": 4, "new_conversation_limit": 2})) as s:
        c = GraphQLClient(s.url, TEST_SECRET)
        yield c
        c.close()


def test_messages_and_new_conversations_count_against_their_limits(strict: GraphQLClient,
                                                                   graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "s1", "s2", "s3")
    set_message_policy(graph_db, "EVERYONE", "ada", "s1", "s2", "s3")
    draw_accepted(graph_db, ("ada", "bob"))
    send(strict, "ada", "bob")  # a connection: a message, no new conversation counted
    send(strict, "ada", "s1")
    send(strict, "ada", "s2")
    body = strict.execute("mutation { sendMessage(personId: \"s3\", text: \"Hi\") { id } }", as_="ada")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["limit"] == "recentNewConversations" and "retryAt" in error["extensions"]
    assert conversation_with(strict, "s3", "ada") is None, "a refused message leaves nothing behind"
    send(strict, "ada", "bob", "fourth")
    body = strict.execute("mutation { sendMessage(personId: \"bob\", text: \"fifth\") { id } }", as_="ada")
    assert body["errors"][0]["extensions"]["limit"] == "recentWriting"
    records, _, _ = graph_db.execute_query(
        "MATCH (p:Person {id: 'ada'}) RETURN size(p.recentWriting) AS w, size(p.recentNewConversations) AS n")
    assert dict(records[0]) == {"w": 4, "n": 2}, "refusals take nothing"


def test_messages_are_newest_first_page_by_page(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    conversation = send(client, "ada", "bob", "m00")["conversation"]["id"]
    for n in range(1, 25):
        send(client, "bob" if n % 2 else "ada", "ada" if n % 2 else "bob", f"m{n:02}")
    seen: list[str] = []
    after = None
    while True:
        page = client.data(MESSAGES, {"id": conversation, "first": 10, "after": after},
                           as_="bob")["conversation"]["messages"]
        assert page["totalCount"] == 25
        seen += [e["node"]["text"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"m{n:02}" for n in reversed(range(25))]
    other_list = conversations(client, "bob")["edges"][0]["cursor"]  # a cursor from another list
    wrong = {"id": conversation, "after": other_list}
    assert client.error_code(MESSAGES, wrong, as_="bob") == "BAD_USER_INPUT"
    assert client.error_code(MESSAGES, {"id": conversation, "first": 101}, as_="bob") == "BAD_USER_INPUT"


def test_nobody_but_the_two_sees_a_conversation_or_its_messages(client: GraphQLClient,
                                                                 graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "eve")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "eve"), ("bob", "eve"))
    message = send(client, "ada", "bob", "Just between us")
    conversation = message["conversation"]["id"]
    for who in ({"as_": "eve"}, {"admin": True}):
        assert client.data(CONVERSATION, {"id": conversation}, **who) == {"conversation": None}
        assert client.data(MESSAGES, {"id": conversation}, **who) == {"conversation": None}
    assert conversation_with(client, "eve", "ada") is None and conversations(client, "eve")["totalCount"] == 0
    assert client.data("mutation ($id: ID!) { deleteMessage(messageId: $id) }", {"id": message["id"]},
                       as_="eve") == {"deleteMessage": False}
    assert texts(client, "bob", conversation) == ["Just between us"]
