"""Conversations (R26, R28, R29): one per pair, seen by its two participants alone, each with their
own side of it.

Where they live: ``(:Conversation {id, between, createdAt, lastMessageAt, messageCount})`` with two
``(:Person)-[:IN {other, status, since, readUpTo, clearedUpTo, hidden}]->`` relationships, one per
participant, which hold everything that is one side's alone:

    other        the other participant's id, so the list and the unread count leave out a blocked
                 person's conversation without reading the other side (it never changes)
    status       ACCEPTED, or REQUEST for the recipient of a conversation a non-connection started,
                 until they reply or accept (R26)
    readUpTo     the seq of the last message read; it only moves forward. Sending moves the
                 sender's to their own message, so every message after it is the other's (R28)
    clearedUpTo  the seq of the newest message when this side deleted the conversation: nothing up
                 to it is shown on this side; a newer message brings the conversation back (R26)
    hidden       how many messages after clearedUpTo this side deleted one by one (R27), each
                 also a ``(:Person)-[:DELETED {at}]->(:Message)``; a page's total is
                 messageCount - clearedUpTo - hidden, with no message counted

Nothing about a conversation is deleted but by an account's erasure (R19); a block hides it from
both sides and unblocking shows it again (R29), because every read checks for blocks as it goes
(``conversation_views`` and the lists). Changes to one side run under that side's lock
(``lock_membership``), so concurrent read marks and deletions each decide on what the one before
wrote. They are the viewer's alone, so they record nothing in the change log; accepting, which the
other side notices (they may write again), records CONVERSATION_ACCEPTED.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, privacy
from service.errors import NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.messages import ACCEPTED, REQUEST, ConversationStatus, Message
from service.pages import Page, PageRequest, time_cursor
from service.people import Person

CONVERSATION_VIEWS = cypher.query("conversation_views")
CONVERSATIONS_PAGE = cypher.query("conversations_page")
CONVERSATION_IDS_WITH = cypher.query("conversation_ids_with")
UNREAD_CONVERSATION_COUNT = cypher.query("unread_conversation_count")
LOCK_MEMBERSHIP = cypher.query("lock_membership")
ACCEPT_CONVERSATION = cypher.query("accept_conversation")
MARK_CONVERSATION_READ = cypher.query("mark_conversation_read")
HIDE_MESSAGE = cypher.query("hide_message")
CLEAR_CONVERSATION = cypher.query("clear_conversation")
MESSAGE_VIEWS = cypher.query("message_views")


@dataclass(frozen=True)
class Conversation:
    """A conversation as one of its participants sees it."""

    id: str
    #: The other participant.
    person: Person
    #: The viewer's side (R26).
    status: ConversationStatus
    created_at: datetime
    #: The newest message the viewer can see (None when they deleted every one since clearing).
    last_message: Message | None
    unread_count: int
    #: R25 now, and R26's one message until the other side accepts.
    can_send: bool

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Conversation:
        last = row["lastMessage"]
        may_write = privacy.may_message(False, row["connected"], row["myPolicy"], row["theirPolicy"])
        return cls(id=row["id"], person=Person.from_row(row["person"]),
                   status=ConversationStatus(row["status"]), created_at=instant(row["createdAt"]),
                   last_message=None if last is None else Message.from_row(last),
                   unread_count=row["unreadCount"], can_send=may_write and row["theirStatus"] != REQUEST)


#: ``Graph.read`` or ``Tx.run``: the same views are read alone and inside a write.
Read = Callable[..., Awaitable[list[dict[str, Any]]]]


async def _views(read: Read, me: str, ids: list[str]) -> dict[str, Conversation]:
    rows = await read(CONVERSATION_VIEWS, me=me, ids=ids)
    return {row["conversation"]["id"]: Conversation.from_row(row["conversation"]) for row in rows}


async def conversation_views(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, Conversation]:
    """The conversations with these ids the viewer takes part in and sees now, by id."""
    return await _views(graph.read, privacy.require_person(viewer, "see your conversations"), ids)


async def conversations_with(graph: Graph, viewer: Viewer, person_ids: list[str]) -> dict[str, Conversation]:
    """The viewer's conversation with each of these people that has one the viewer sees, by person id."""
    me = privacy.require_person(viewer, "see your conversations")
    rows = await graph.read(CONVERSATION_IDS_WITH, me=me, personIds=person_ids)
    ids = {row["conversationId"]: row["personId"] for row in rows}
    return {ids[found.id]: found for found in (await _views(graph.read, me, list(ids))).values()}


async def conversations(graph: Graph, viewer: Viewer, status: ConversationStatus,
                        request: PageRequest) -> Page[Conversation]:
    """One page of the viewer's conversations with this status for them, latest message first."""
    me = privacy.require_person(viewer, "see your conversations")
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(CONVERSATIONS_PAGE, me=me, status=str(status), afterAt=after_at,
                               afterId=after_id, fetch=request.fetch)
    if row is None:
        raise not_in_network(me)
    keys = {c["id"]: c["cursorAt"] for c in row["conversations"]}
    views = await _views(graph.read, me, list(keys))
    # a conversation changed between the two reads (blocked, cleared) is left out of the page
    found = [views[c] for c in keys if c in views]
    return Page.of(found, request, row["total"], key=lambda c: [keys[c.id], c.id])


async def unread_conversation_count(graph: Graph, viewer: Viewer, person_id: str,
                                    status: ConversationStatus) -> int:
    """R28: how many of the person's conversations with this status hold unread messages; the
    person alone may ask (admins too are refused)."""
    me = privacy.require_self(viewer, person_id, "see their unread conversations")
    row = await graph.read_one(UNREAD_CONVERSATION_COUNT, me=me, status=str(status))
    if row is None:
        raise not_in_network(me)
    unread: int = row["unread"]
    return unread


async def _lock_side(tx: Tx, me: str, *, conversation_id: str | None = None,
                     message_id: str | None = None) -> str | None:
    """Locks the viewer's side of the conversation (named directly or by one of its messages); its
    id, or None when the viewer takes no part in it."""
    row = await tx.one(LOCK_MEMBERSHIP, me=me, conversationId=conversation_id, messageId=message_id)
    if row is None:
        raise not_in_network(me)
    found: str | None = row["conversation"]
    return found


async def _seen(tx: Tx, me: str, conversation_id: str) -> Conversation:
    """The conversation as the viewer sees it, inside a write; NOT_FOUND when they do not."""
    found = (await _views(tx.run, me, [conversation_id])).get(conversation_id)
    if found is None:
        raise NotFound(f"You have no conversation {conversation_id!r}.")
    return found


async def accept(graph: Graph, viewer: Viewer, conversation_id: str) -> Conversation:
    """R26: the recipient of a REQUEST accepts it (its starter may write again); idempotent."""
    me = privacy.require_person(viewer, "accept conversations")

    async def work(tx: Tx) -> Conversation:
        await _lock_side(tx, me, conversation_id=conversation_id)
        seen = await _seen(tx, me, conversation_id)
        if seen.status == ACCEPTED:
            return seen
        row = await tx.one(ACCEPT_CONVERSATION, me=me, conversationId=conversation_id)
        assert row is not None
        await events.record(tx, [Change(Kind.CONVERSATION_ACCEPTED, actor=me, subject=row["starter"],
                                        detail=conversation_id)])
        return await _seen(tx, me, conversation_id)

    return await graph.transaction("accept_conversation", work)


async def mark_read(graph: Graph, viewer: Viewer, conversation_id: str, up_to: str | None) -> Conversation:
    """R28: moves the viewer's read mark to the message ``up_to`` (None: the newest); never back."""
    me = privacy.require_person(viewer, "mark your conversations read")

    async def work(tx: Tx) -> Conversation:
        await _lock_side(tx, me, conversation_id=conversation_id)
        await _seen(tx, me, conversation_id)
        row = await tx.one(MARK_CONVERSATION_READ, me=me, conversationId=conversation_id, upTo=up_to)
        if row is None or not row["found"]:
            raise NotFound(f"There is no message {up_to!r} in this conversation.")
        return await _seen(tx, me, conversation_id)

    return await graph.transaction("mark_conversation_read", work)


async def delete_message(graph: Graph, viewer: Viewer, message_id: str) -> bool:
    """R27: hides a message from the viewer alone. True when it went; False when the viewer had
    nothing to delete (deleted before, cleared, not theirs to see, unknown)."""
    me = privacy.require_person(viewer, "delete messages")

    async def work(tx: Tx) -> bool:
        if await _lock_side(tx, me, message_id=message_id) is None:
            return False
        if not await tx.run(MESSAGE_VIEWS, me=me, ids=[message_id]):
            return False
        await tx.run(HIDE_MESSAGE, me=me, messageId=message_id)
        return True

    return await graph.transaction("delete_message", work)


async def delete_conversation(graph: Graph, viewer: Viewer, conversation_id: str) -> bool:
    """R26: clears the conversation for the viewer alone (its status unchanged; a newer message
    brings it back). True when something went; False when the viewer had nothing there."""
    me = privacy.require_person(viewer, "delete conversations")

    async def work(tx: Tx) -> bool:
        if await _lock_side(tx, me, conversation_id=conversation_id) is None:
            return False
        if not (await _views(tx.run, me, [conversation_id])):
            return False
        await tx.run(CLEAR_CONVERSATION, me=me, conversationId=conversation_id)
        return True

    return await graph.transaction("delete_conversation", work)
