"""Notifications (R18): what happened to a person, derived from the event log at read time.

The kinds of event in ``KINDS`` are someone's notification, that someone being the event's
``subject``: a connection request received (REQUEST_SENT), a request of theirs accepted
(CONNECTED), a new follower (FOLLOWED), a share of their post (POST_SHARED), a first reaction to
their post or comment (POST_REACTION, COMMENT_REACTION), a comment on their post (POST_COMMENT), a
reply to their comment (COMMENT_REPLY), an endorsement (ENDORSED), a recommendation
(RECOMMENDATION_WRITTEN) and an ask for one (RECOMMENDATION_ASKED); those of an interaction are
deleted when it is undone (``events.forget``). Nothing is copied:
a page reads the index on ``(Event.subject, Event.seq)`` backwards from its cursor and filters as
it goes (``cypher/notifications_page.cypher``), so it costs what it returns, and the rules hold
as things stand at read time: nothing from anyone blocked either way, no request since withdrawn,
nothing of one's own doing, and nothing from before the latest block between the two (unblocking
restores nothing, R8). What a person has read is one number on their node, the seq of the
newest event they marked read (``Person.notificationsReadUpTo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from service import cypher, events, privacy
from service.errors import BadUserInput, not_in_network
from service.events import Kind
from service.graph import Graph, instant
from service.identity import Viewer
from service.live import Listeners
from service.pages import Page, PageRequest, decode_cursor
from service.people import people_hidden_from

NOTIFICATIONS_PAGE = cypher.query("notifications_page")
UNREAD_NOTIFICATION_COUNT = cypher.query("unread_notification_count")
MARK_NOTIFICATIONS_READ = cypher.query("mark_notifications_read")

class NotificationKind(StrEnum):
    """What a notification tells its person; the API's NotificationKind is this enum."""

    CONNECTION_REQUEST = "CONNECTION_REQUEST"
    CONNECTION_ACCEPTED = "CONNECTION_ACCEPTED"
    NEW_FOLLOWER = "NEW_FOLLOWER"
    POST_SHARED = "POST_SHARED"
    POST_REACTION = "POST_REACTION"
    COMMENT_REACTION = "COMMENT_REACTION"
    POST_COMMENT = "POST_COMMENT"
    COMMENT_REPLY = "COMMENT_REPLY"
    ENDORSEMENT = "ENDORSEMENT"
    RECOMMENDATION_RECEIVED = "RECOMMENDATION_RECEIVED"
    RECOMMENDATION_REQUESTED = "RECOMMENDATION_REQUESTED"


#: The one table of notifications: each event kind that is a notification for the event's subject,
#: the notification it becomes, and what that tells them. A new kind is a member above and a row here.
KINDS: dict[Kind, tuple[NotificationKind, str]] = {
    Kind.REQUEST_SENT: (NotificationKind.CONNECTION_REQUEST, "the actor asked to connect"),
    Kind.CONNECTED: (NotificationKind.CONNECTION_ACCEPTED, "the actor accepted your request"),
    Kind.FOLLOWED: (NotificationKind.NEW_FOLLOWER, "the actor follows you"),
    Kind.POST_SHARED: (NotificationKind.POST_SHARED, "the actor shared your post"),
    Kind.POST_REACTION: (NotificationKind.POST_REACTION,
                         "the actor reacted to your post (reaction says how)"),
    Kind.COMMENT_REACTION: (NotificationKind.COMMENT_REACTION,
                            "the actor reacted to your comment (reaction says how)"),
    Kind.POST_COMMENT: (NotificationKind.POST_COMMENT, "the actor commented on your post"),
    Kind.COMMENT_REPLY: (NotificationKind.COMMENT_REPLY,
                         "the actor replied to your comment, or in a thread you started"),
    Kind.ENDORSED: (NotificationKind.ENDORSEMENT, "the actor endorsed your skill (skill names it)"),
    Kind.RECOMMENDATION_WRITTEN: (NotificationKind.RECOMMENDATION_RECEIVED,
                                  "the actor recommended you (or revised it): accept or decline it"),
    Kind.RECOMMENDATION_ASKED: (NotificationKind.RECOMMENDATION_REQUESTED,
                                "the actor asked you for a recommendation"),
}
if {kind for kind, _ in KINDS.values()} != set(NotificationKind):
    raise RuntimeError("every NotificationKind needs its row in notifications.KINDS")
#: The event kinds that are someone's notification (the queries' ``$kinds``; an account's erasure).
EVENT_KINDS = [str(kind) for kind in KINDS]
#: Above every seq the log will ever hand out: "from the newest".
_NEWEST = 2**63 - 1


@dataclass(frozen=True)
class Notification:
    seq: int
    kind: NotificationKind
    actor_id: str
    post_id: str | None
    #: The comment it concerns (the event's ``comment``), and its one word more (``detail``: a
    #: reaction's kind, a skill's name).
    comment_id: str | None
    detail: str | None
    at: datetime
    read: bool

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Notification:
        return cls(seq=row["seq"], kind=KINDS[Kind(row["kind"])][0], actor_id=row["actor"],
                   post_id=row["post"], comment_id=row["comment"], detail=row["detail"],
                   at=instant(row["at"]), read=row["read"])


def seq_cursor(cursor: Any) -> int:
    """A notifications cursor -> the seq of its event; a cursor from another list is refused."""
    if not isinstance(cursor, int) or isinstance(cursor, bool) or cursor < 0:
        raise BadUserInput("That is not a cursor from the notifications list; start again without it.")
    return cursor


async def _page(graph: Graph, me: str, before: int, fetch: int) -> list[Notification]:
    row = await graph.read_one(NOTIFICATIONS_PAGE, me=me, before=before, fetch=fetch, kinds=EVENT_KINDS)
    if row is None:
        raise not_in_network(me)
    return [Notification.from_row(r) for r in row["notifications"]]


async def notifications(graph: Graph, viewer: Viewer, request: PageRequest) -> Page[Notification]:
    """One page of the viewer's notifications, newest first. ``total`` is not counted (-1)."""
    me = privacy.require_person(viewer, "see your notifications")
    before = _NEWEST if request.after is None else seq_cursor(request.after)
    rows = await _page(graph, me, before, request.fetch)
    return Page.of(rows, request, -1, key=lambda n: n.seq)


async def notification(graph: Graph, me: str, seq: int) -> Notification | None:
    """The event ``seq`` as ``me``'s notification, if it is one they may see now (live delivery)."""
    found = await _page(graph, me, seq + 1, 1)
    return found[0] if found and found[0].seq == seq else None


async def require_known(graph: Graph, me: str) -> None:
    """NOT_FOUND unless ``me`` is in the network: a live subscription asks once, before it waits."""
    if not await people_hidden_from(graph, None, [me]):
        raise not_in_network(me)


async def unread_count(graph: Graph, viewer: Viewer, person_id: str) -> int:
    me = privacy.require_self(viewer, person_id, "see their notifications")
    row = await graph.read_one(UNREAD_NOTIFICATION_COUNT, me=me, kinds=EVENT_KINDS)
    if row is None:
        raise not_in_network(me)
    unread: int = row["unread"]
    return unread


async def mark_read(graph: Graph, viewer: Viewer, up_to: str) -> int:
    """Marks the viewer's notifications up to and including the cursor ``up_to`` as read (the marker
    never moves back); answers how many are still unread."""
    me = privacy.require_person(viewer, "mark your notifications read")
    seq = seq_cursor(decode_cursor(up_to))
    if not await graph.write(MARK_NOTIFICATIONS_READ, me=me, upTo=seq):
        raise not_in_network(me)
    return await unread_count(graph, viewer, me)


class LiveNotifications(Listeners[int]):
    """Hands each new event of the log to the live subscriptions of the person it is a notification
    for: subscribed once to the process's tailer (``service/tailer.py``), which reads the log every
    200 ms whichever worker or instance wrote it. A subscription listens with ``listen(person)``
    and gets the seq of each candidate event; it fetches the event through ``notification`` (the
    list's own query, so the same rules apply) before telling anyone.
    """

    async def deliver(self, news: list[events.Event], reset: bool) -> None:
        """The tailer's subscriber: costs a dict lookup per event, never fails, never waits."""
        for event in news:
            if event.kind in KINDS and event.subject is not None and event.actor != event.subject:
                self.tell(event.subject, event.seq)
