"""Helpers for conversation and message tests over GraphQL: send, list, read one side of a
conversation, and set people's messagePolicy. (Graphs are drawn with ``tests/graphs.py``.)"""

from __future__ import annotations

from typing import Any

import neo4j

from tests.conftest import GraphQLClient
from tests.graphs import draw_cypher

MESSAGE_FIELDS = "id text sentAt sender { id } conversation { id }"
CONVERSATION_FIELDS = f"""
  id status createdAt unreadCount canSend person {{ id }} lastMessage {{ {MESSAGE_FIELDS} }}
"""
SEND = f"""mutation ($to: ID!, $text: String!) {{
  sendMessage(personId: $to, text: $text) {{ {MESSAGE_FIELDS} }} }}"""
CONVERSATION = f"query ($id: ID!) {{ conversation(id: $id) {{ {CONVERSATION_FIELDS} }} }}"
CONVERSATION_WITH = f"query ($id: ID!) {{ conversationWith(personId: $id) {{ {CONVERSATION_FIELDS} }} }}"
CONVERSATIONS = f"""query ($status: ConversationStatus, $first: Int, $after: String) {{
  conversations(status: $status, first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }}
    edges {{ cursor node {{ {CONVERSATION_FIELDS} }} }} }} }}"""
MESSAGES = f"""query ($id: ID!, $first: Int, $after: String) {{
  conversation(id: $id) {{ messages(first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {MESSAGE_FIELDS} }} }} }} }} }}"""
UNREAD = """query ($id: ID!, $status: ConversationStatus) {
  person(id: $id) { unreadConversationCount(status: $status) } }"""
ACCEPT = f"mutation ($id: ID!) {{ acceptConversation(conversationId: $id) {{ {CONVERSATION_FIELDS} }} }}"
MARK_READ = f"""mutation ($id: ID!, $upTo: ID) {{
  markConversationRead(conversationId: $id, upTo: $upTo) {{ {CONVERSATION_FIELDS} }} }}"""
DELETE_MESSAGE = "mutation ($id: ID!) { deleteMessage(messageId: $id) }"
DELETE_CONVERSATION = "mutation ($id: ID!) { deleteConversation(conversationId: $id) }"


def send(client: GraphQLClient, sender: str, recipient: str, text: str = "Hello") -> dict[str, Any]:
    """``sender`` writes to ``recipient``; the Message, which must be sent."""
    message: dict[str, Any] = client.data(SEND, {"to": recipient, "text": text}, as_=sender)["sendMessage"]
    return message


def refusal(client: GraphQLClient, sender: str | None, recipient: str,
            text: str = "Hello") -> tuple[str, str]:
    """A send that must fail: its error's (code, message)."""
    body = client.execute(SEND, {"to": recipient, "text": text}, as_=sender)
    assert body.get("errors"), f"expected a refusal, got {body}"
    error = body["errors"][0]
    return error["extensions"]["code"], error["message"]


def conversation_with(client: GraphQLClient, viewer: str, person: str) -> dict[str, Any] | None:
    data = client.data(CONVERSATION_WITH, {"id": person}, as_=viewer)
    found: dict[str, Any] | None = data["conversationWith"]
    return found


def conversations(client: GraphQLClient, viewer: str, status: str | None = None, first: int | None = None,
                  after: str | None = None) -> dict[str, Any]:
    """The viewer's ``conversations`` connection."""
    page: dict[str, Any] = client.data(CONVERSATIONS, {"status": status, "first": first, "after": after},
                                       as_=viewer)["conversations"]
    return page


def listed(client: GraphQLClient, viewer: str, status: str | None = None) -> list[str]:
    """Whom the viewer's conversations are with, as listed (latest message first)."""
    return [e["node"]["person"]["id"] for e in conversations(client, viewer, status)["edges"]]


def texts(client: GraphQLClient, viewer: str, conversation_id: str, first: int = 100) -> list[str]:
    """The texts of the conversation's messages the viewer sees, newest first (one page)."""
    found = client.data(MESSAGES, {"id": conversation_id, "first": first}, as_=viewer)["conversation"]
    return [] if found is None else [e["node"]["text"] for e in found["messages"]["edges"]]


def unread(client: GraphQLClient, viewer: str, status: str | None = None) -> int:
    count: int = client.data(UNREAD, {"id": viewer, "status": status}, as_=viewer)["person"][
        "unreadConversationCount"]
    return count


def set_message_policy(db: neo4j.Driver, policy: str, *people: str) -> None:
    """Sets these people's messagePolicy (drawn: updateSettings is tested elsewhere)."""
    draw_cypher(db, "MATCH (p:Person) WHERE p.id IN $ids SET p.messagePolicy = $policy",
                ids=list(people), policy=policy)


def stored(db: neo4j.Driver) -> dict[str, int]:
    """How many conversations, memberships, messages and per-person deletions the graph holds."""
    records, _, _ = db.execute_query("""
        RETURN COUNT { (:Conversation) } AS conversations, COUNT { ()-[:IN]->(:Conversation) } AS sides,
               COUNT { (:Message) } AS messages, COUNT { ()-[:DELETED]->(:Message) } AS deleted""")
    return dict(records[0])
