"""Messages (R25-R27, R29): who may write to whom, sending, reading, and live delivery.

Where they live: each message is a ``(:Message {id, conversation, seq, sender, text, sentAt})``
node hanging off its conversation, ``(m)-[:OF]->(:Conversation)``. ``seq`` numbers a
conversation's messages 1, 2, 3 ... (the conversation's ``messageCount`` hands them out), and the
index on ``(conversation, seq)`` lists them newest first as one seek in order, so a page costs what
it returns however long the conversation. The sender is named by id, as the change log names
people: both participants' conversations go when either account is erased (R19), so a sender is
always one of the two.

Sending (``send_message``) is one write transaction, in the order ``relationships.change_pair``
keeps: lock both people in id order (``lock_pair``), read the pair (``message_pair_state``),
decide (R25 in ``privacy.require_may_message``; R26's one message until a REQUEST is accepted;
R37's quotas), write the message (``send_message``; the first one makes the conversation), and
record MESSAGE_SENT last. Because both people are locked, two first messages at the same moment
make one conversation (the unique ``between`` key holds it too), and a message cannot slip past a
block or a removed connection committed at the same time: each is judged when sent (R29).

Live: MESSAGE_SENT carries the message's id, never its text. ``LiveMessages``, subscribed to the
process's tailer like live notifications, hands the id to both participants' subscriptions, which
read the message through ``message_views`` (so what they may see is decided as for any read).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from service import cypher, events, privacy, quotas
from service.errors import BadUserInput, LimitExceeded, NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.live import Listeners
from service.pages import Page, PageRequest
from service.quotas import InteractionLimits

LOCK_PAIR = cypher.query("lock_pair")
MESSAGE_PAIR_STATE = cypher.query("message_pair_state")
SEND_MESSAGE = cypher.query("send_message")
MESSAGES_PAGE = cypher.query("messages_page")
MESSAGE_VIEWS = cypher.query("message_views")

MAX_TEXT = 8000


class ConversationStatus(StrEnum):
    """A conversation's status for one participant (R26); the API serves this enum as is."""

    ACCEPTED = "ACCEPTED"
    #: The recipient's side of a conversation a non-connection started, until they reply or accept.
    REQUEST = "REQUEST"


ACCEPTED, REQUEST = ConversationStatus.ACCEPTED, ConversationStatus.REQUEST
#: Above every seq a conversation will ever hand out: "from the newest".
_NEWEST = 2**63 - 1


@dataclass(frozen=True)
class Message:
    id: str
    conversation_id: str
    #: Its place in its conversation: 1, 2, 3 ... (the cursor of a page of messages).
    seq: int
    sender_id: str
    text: str
    sent_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Message:
        return cls(id=row["id"], conversation_id=row["conversation"], seq=row["seq"],
                   sender_id=row["sender"], text=row["text"], sent_at=instant(row["sentAt"]))


def between(a: str, b: str) -> list[str]:
    """A pair's conversation key: the two ids in order (``Conversation.between``)."""
    return sorted([a, b])


async def send_message(graph: Graph, viewer: Viewer, other: str, text: str,
                       limits: InteractionLimits) -> Message:
    """R25-R27: the viewer writes to ``other``, in their one conversation (made by the first message)."""
    me = privacy.require_person(viewer, "send messages")
    if other == me:
        raise BadUserInput("You can't message yourself.")
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise BadUserInput(f"A message's text must be 1 to {MAX_TEXT:,} characters.")
    pair = between(me, other)

    async def send(tx: Tx) -> Message:
        found = {row["id"] for row in await tx.run(LOCK_PAIR, ids=pair)}
        if me not in found:
            raise not_in_network(me)
        if other not in found:
            raise NotFound(f"Nobody has the id {other!r}; check it and try again.")
        state = await tx.one(MESSAGE_PAIR_STATE, me=me, other=other, between=pair)
        if state is None:  # an account was deleted while this waited for its lock (accounts.py)
            raise NotFound(f"Nobody has the id {other!r} any more (or your account is being deleted).")
        privacy.require_may_message(state["blocked"], state["connected"], state["myPolicy"],
                                    state["theirPolicy"], state["theirName"])
        conversation = state["conversation"]
        if conversation is not None and conversation["theirStatus"] == REQUEST:
            raise LimitExceeded(f"{state['theirName']} has not accepted your conversation yet: until "
                                "they reply or accept it, you may send them one message.")
        await quotas.take(tx, me, limits.writing)
        if conversation is None and not state["connected"]:
            await quotas.take(tx, me, limits.new_conversations)
        row = await tx.one(SEND_MESSAGE, me=me, other=other, between=pair,
                           conversationId=str(uuid.uuid4()), messageId=str(uuid.uuid4()), text=text,
                           recipientStatus=str(ACCEPTED if state["connected"] else REQUEST))
        assert row is not None
        message = Message.from_row(row["message"])
        await events.record(tx, [Change(Kind.MESSAGE_SENT, actor=me, subject=other, detail=message.id)])
        return message

    return await graph.transaction("send_message", send)


def seq_cursor(cursor: Any) -> int:
    """A messages cursor -> the seq of its message; a cursor from another list is refused."""
    if not isinstance(cursor, int) or isinstance(cursor, bool) or cursor < 0:
        raise BadUserInput("'after' is not a cursor from this conversation's messages; start again "
                           "without it.")
    return cursor


async def messages(graph: Graph, viewer: Viewer, conversation_id: str,
                   request: PageRequest) -> Page[Message]:
    """One page of a conversation's messages the viewer can see, newest first (R27); nothing for
    anyone who does not see the conversation."""
    me = privacy.require_person(viewer, "read messages")
    before = _NEWEST if request.after is None else seq_cursor(request.after)
    row = await graph.read_one(MESSAGES_PAGE, me=me, conversationId=conversation_id, before=before,
                               fetch=request.fetch)
    if row is None:
        return Page.empty()
    return Page.of([Message.from_row(m) for m in row["messages"]], request, row["total"],
                   key=lambda m: m.seq)


async def message_views(graph: Graph, me: str, ids: list[str]) -> dict[str, Message]:
    """The messages with these ids that ``me`` can see, by id (anything else: absent)."""
    rows = await graph.read(MESSAGE_VIEWS, me=me, ids=ids)
    return {row["message"]["id"]: Message.from_row(row["message"]) for row in rows}


class LiveMessages(Listeners[str]):
    """Hands the id of each new message to the live subscriptions of both its participants:
    subscribed once to the process's tailer (``service/tailer.py``), as ``LiveNotifications`` is,
    so a message sent through any worker or instance arrives within the tailer's interval. A
    subscription reads each message through ``message_views`` before telling anyone."""

    async def deliver(self, news: list[events.Event], reset: bool) -> None:
        """The tailer's subscriber: costs a dict lookup per event, never fails, never waits."""
        for event in news:
            if event.kind is Kind.MESSAGE_SENT and event.detail is not None:
                for person in {event.actor, event.subject}:
                    if person is not None:
                        self.tell(person, event.detail)
