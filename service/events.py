"""The ordered change log (R18): what every mutation changed, recorded in its own transaction.

Each change is an ``(:Event {seq, kind, actor, subject, post, comment, detail, cause, at})``;
``seq`` numbers them from 1 in commit order. A transaction records its changes last, under the
write lock of the one ``(:EventLog)`` node (``cypher/record_events.cypher``), so numbers are handed
out in commit order: a reader that has seen event N has seen every event before it, and one
resuming after N neither misses nor repeats one. Events name people, posts and comments by id,
never by relationship, and never carry what someone wrote (a comment's or a message's text), so
they outlive what they name and hold nothing private.

Events are deleted on three paths only, each in the transaction that makes them moot: ``forget``
(what an interaction caused, once it is undone: a reaction removed, a comment deleted, an
endorsement withdrawn; its ``cause`` names it), a post's or an account's erasure (R19), and
retention pruning (``service/retention.py``). A gap in ``seq`` is therefore an event deleted after
it committed, never one still to come.

The log is what keeps every copy of the graph current: the connection index of each worker
(``service/network``) and live notifications follow it through ``service/tailer.py``. Writers
outside the service (``ties import``, an analyst in Browser) record ``GRAPH_CHANGED`` when done,
which makes every copy reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from service import cypher
from service.graph import Graph, Tx, instant

RECORD_EVENTS = cypher.query("record_events")
EVENTS_AFTER = cypher.query("events_after")
FORGET_EVENTS = cypher.query("forget_events")
#: Beyond any event's number (Neo4j integers are 64-bit).
LAST = 2**63 - 1


class Kind(StrEnum):
    PERSON_CREATED = "PERSON_CREATED"
    PROFILE_UPDATED = "PROFILE_UPDATED"
    SETTINGS_UPDATED = "SETTINGS_UPDATED"
    #: actor now follows subject
    FOLLOWED = "FOLLOWED"
    UNFOLLOWED = "UNFOLLOWED"
    #: actor asked subject to connect
    REQUEST_SENT = "REQUEST_SENT"
    REQUEST_WITHDRAWN = "REQUEST_WITHDRAWN"
    #: actor ignored subject's request
    REQUEST_IGNORED = "REQUEST_IGNORED"
    #: actor and subject are now connected: actor accepted subject's request (or sent one that
    #: crossed subject's)
    CONNECTED = "CONNECTED"
    #: actor removed the connection with subject
    DISCONNECTED = "DISCONNECTED"
    #: actor blocks subject (which also ended every tie between them)
    BLOCKED = "BLOCKED"
    UNBLOCKED = "UNBLOCKED"
    POST_CREATED = "POST_CREATED"
    #: actor shared subject's post
    POST_SHARED = "POST_SHARED"
    POST_DELETED = "POST_DELETED"
    #: actor reacted to subject's post for the first time (detail: the kind)
    POST_REACTION = "POST_REACTION"
    #: actor reacted to subject's comment for the first time (detail: the kind)
    COMMENT_REACTION = "COMMENT_REACTION"
    #: actor changed the kind of its reaction to subject's post or comment (detail: the new kind)
    REACTION_CHANGED = "REACTION_CHANGED"
    #: actor removed its reaction to subject's post or comment (detail: the kind it was)
    REACTION_REMOVED = "REACTION_REMOVED"
    #: actor commented on subject's post (comment: the new comment)
    POST_COMMENT = "POST_COMMENT"
    #: actor replied to subject's comment (comment: the reply; the thread's author and the author of
    #: the comment answered, when they differ, each get one)
    COMMENT_REPLY = "COMMENT_REPLY"
    #: actor edited its comment on subject's post
    COMMENT_EDITED = "COMMENT_EDITED"
    #: actor deleted subject's comment (with its replies, for a top-level one)
    COMMENT_DELETED = "COMMENT_DELETED"
    #: actor set who may comment on subject's post (detail: the policy)
    COMMENT_POLICY_CHANGED = "COMMENT_POLICY_CHANGED"
    ACCOUNT_DELETED = "ACCOUNT_DELETED"
    #: the actor lists (or no longer lists) the skill named in detail (R30)
    SKILL_ADDED = "SKILL_ADDED"
    SKILL_REMOVED = "SKILL_REMOVED"
    #: actor endorsed subject's skill (detail, as subject spells it); cause ``endorsement:<id>`` (R31)
    ENDORSED = "ENDORSED"
    ENDORSEMENT_WITHDRAWN = "ENDORSEMENT_WITHDRAWN"
    #: actor hid (showed again) subject's endorsement of actor's skill (detail) (R32)
    ENDORSEMENT_HIDDEN = "ENDORSEMENT_HIDDEN"
    ENDORSEMENT_SHOWN = "ENDORSEMENT_SHOWN"
    #: actor wrote (or revised) a recommendation of subject, now PENDING; cause
    #: ``recommendation:<id>`` (R33)
    RECOMMENDATION_WRITTEN = "RECOMMENDATION_WRITTEN"
    RECOMMENDATION_WITHDRAWN = "RECOMMENDATION_WITHDRAWN"
    #: actor accepted subject's recommendation (detail: SHOWN or HIDDEN), or switched it (R34)
    RECOMMENDATION_ACCEPTED = "RECOMMENDATION_ACCEPTED"
    RECOMMENDATION_SWITCHED = "RECOMMENDATION_SWITCHED"
    #: actor declined (deleted) subject's recommendation; subject is not told (R34)
    RECOMMENDATION_DECLINED = "RECOMMENDATION_DECLINED"
    #: actor asked subject for a recommendation; cause ``recommendation-request:<id>`` (R35)
    RECOMMENDATION_ASKED = "RECOMMENDATION_ASKED"
    RECOMMENDATION_REQUEST_WITHDRAWN = "RECOMMENDATION_REQUEST_WITHDRAWN"
    #: actor dismissed subject's request, silently (R35)
    RECOMMENDATION_REQUEST_DISMISSED = "RECOMMENDATION_REQUEST_DISMISSED"
    #: actor wrote to subject; ``detail`` is the message's id (never its text). Live messages
    #: follow it (``service/messages.py``); it is nobody's notification.
    MESSAGE_SENT = "MESSAGE_SENT"
    #: actor accepted the conversation subject started (``detail``: the conversation's id)
    CONVERSATION_ACCEPTED = "CONVERSATION_ACCEPTED"
    #: someone wrote to the graph outside the service: every copy of it reloads
    GRAPH_CHANGED = "GRAPH_CHANGED"


@dataclass(frozen=True)
class Change:
    """One thing a mutation changed, before it has a number."""

    kind: Kind
    actor: str | None
    subject: str | None = None
    post: str | None = None
    #: The comment it concerns (a comment or reply written, a comment reacted to).
    comment: str | None = None
    #: One word more of what happened, never free text someone wrote: a reaction's kind, a skill.
    detail: str | None = None
    #: What must still stand for the event to mean anything (e.g. ``reaction:<actor>:<post id>``);
    #: ``forget`` deletes the events of a cause once it is undone. None: never undone.
    cause: str | None = None


@dataclass(frozen=True)
class Event(Change):
    """A change as the log holds it."""

    seq: int = 0
    at: datetime | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Event:
        return cls(kind=Kind(row["kind"]), actor=row["actor"], subject=row["subject"], post=row["post"],
                   comment=row.get("comment"), detail=row.get("detail"), cause=row.get("cause"),
                   seq=row["seq"], at=instant(row["at"]))


@dataclass(frozen=True)
class Tail:
    """The log after some event: what a reader needs to catch up."""

    #: The last event's number (0 for an empty log) and the log's epoch (None: no log yet).
    seq: int
    epoch: str | None
    events: list[Event]


async def record(tx: Tx, changes: Sequence[Change]) -> None:
    """Appends ``changes`` to the log in ``tx``; call it last in the transaction."""
    if changes:
        await tx.run(RECORD_EVENTS, changes=[_row(change) for change in changes])


async def announce_outside_change(graph: Graph, who: str) -> None:
    """Records GRAPH_CHANGED for a writer outside the service (``who``): every copy reloads."""
    await graph.write(RECORD_EVENTS, changes=[_row(Change(Kind.GRAPH_CHANGED, actor=who))])


async def forget(tx: Tx, causes: Sequence[str]) -> int:
    """Deletes, in ``tx``, the events caused by what ``causes`` name, now undone (so their
    notifications go too, live ones not yet delivered included). How many went."""
    if not causes:
        return 0
    row = await tx.one(FORGET_EVENTS, causes=list(causes))
    assert row is not None
    forgotten: int = row["forgotten"]
    return forgotten


def _row(change: Change) -> dict[str, Any]:
    return {**asdict(change), "kind": str(change.kind)}


async def end(graph: Graph) -> Tail:
    """The log's last number and epoch, without its events."""
    return await after(graph, LAST, 1)


async def after(graph: Graph, seq: int, limit: int = 1000) -> Tail:
    """The log after event ``seq`` (at most ``limit`` events), oldest first."""
    row = await graph.read_one(EVENTS_AFTER, after=seq, limit=limit)
    assert row is not None  # the query always returns one row
    return Tail(seq=row["seq"], epoch=row["epoch"], events=[Event.from_row(e) for e in row["events"]])
