"""Notifications over GraphQL (R18): the list, the unread count, marking read, and the live stream.

The stream (``subscription { notifications { ... } }`` over graphql-transport-ws) rides the
process's one tail of the event log (``service/tailer.py``) through ``LiveNotifications``, which
hands each subscription the events naming its viewer; each is fetched with the same query the list
uses, so a live notification obeys the same rules (blocks, withdrawn requests) as a listed one.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service import notifications, privacy
from service.api.comments import Comment
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, Connection, Edge, page_request
from service.api.people import Person
from service.api.posts import Post
from service.api.reactions import ReactionKind
from service.errors import Unavailable
from service.pages import encode_cursor

if TYPE_CHECKING:
    from service.api.recommendations import Recommendation

strawberry.enum(notifications.NotificationKind, description="What a notification tells [R18].")


@strawberry.type(description="One thing that happened to the viewer: who did it, what, when [R18].")
class Notification:
    id: strawberry.ID
    kind: notifications.NotificationKind = strawberry.field(
        description="; ".join(f"{kind}: {tells}" for kind, tells in notifications.KINDS.values()) + ".")
    at: str = strawberry.field(description="When it happened (ISO 8601).")
    read: bool = strawberry.field(description="At or before the point markNotificationsRead reached.")
    cursor: str = strawberry.field(description="Where it sits in the list (for markNotificationsRead).")
    data: strawberry.Private[notifications.Notification]

    @classmethod
    def of(cls, n: notifications.Notification) -> Notification:
        return cls(id=strawberry.ID(str(n.seq)), kind=n.kind, at=_iso(n.at), read=n.read,
                   cursor=encode_cursor(n.seq), data=n)

    @strawberry.field(description="The person who caused it (null if that account has since been deleted).")
    async def actor(self, info: Info[Context, None]) -> Person | None:
        found = await info.context.loaders.person.load(self.data.actor_id)
        return None if found is None else Person.of(found)

    @strawberry.field(description="The post it is about (POST_SHARED, POST_REACTION, POST_COMMENT, and "
                                  "the post of a comment reacted to or replied to), while it exists and "
                                  "the viewer may see it; else null.")
    async def post(self, info: Info[Context, None]) -> Post | None:
        if self.data.post_id is None:
            return None
        found = await info.context.loaders.post.load(self.data.post_id)
        return None if found is None else Post.of(found)

    @strawberry.field(description="The comment written (POST_COMMENT), the reply (COMMENT_REPLY) or the "
                                  "comment reacted to (COMMENT_REACTION), while it exists and the viewer "
                                  "may see it; else null.")
    async def comment(self, info: Info[Context, None]) -> Comment | None:
        if self.data.comment_id is None:
            return None
        found = await info.context.loaders.comment.load(self.data.comment_id)
        return None if found is None else Comment.of(found)

    @strawberry.field(description="How the actor reacted (POST_REACTION, COMMENT_REACTION); else null.")
    def reaction(self) -> ReactionKind | None:
        if self.kind not in (notifications.NotificationKind.POST_REACTION,
                             notifications.NotificationKind.COMMENT_REACTION) or self.data.detail is None:
            return None
        return ReactionKind(self.data.detail)


    @strawberry.field(description="The skill endorsed (ENDORSEMENT), as its person spells it; else null.")
    def skill(self) -> str | None:
        return self.data.detail if self.kind is notifications.NotificationKind.ENDORSEMENT else None


    @strawberry.field(description="The recommendation received (RECOMMENDATION_RECEIVED) while it is "
                                  "pending; else null.")
    async def recommendation(
        self, info: Info[Context, None]
    ) -> Annotated[Recommendation, strawberry.lazy("service.api.recommendations")] | None:
        from service.api.recommendations import Recommendation

        me = info.context.viewer.id
        if self.kind is not notifications.NotificationKind.RECOMMENDATION_RECEIVED or me is None:
            return None
        found = await info.context.loaders.pending_recommendation.load((self.data.actor_id, me))
        return None if found is None else Recommendation.of(found)


def _iso(at: datetime) -> str:
    return at.isoformat()


@strawberry.type
class NotificationEdge(Edge[Notification]):
    pass


@strawberry.type(description="A page of the viewer's notifications, newest first.")
class NotificationConnection(Connection[NotificationEdge]):
    pass


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="The viewer's notifications, newest first [R18].")
    async def notifications(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                            after: str | None = NO_DEFAULT) -> NotificationConnection:
        ctx = info.context
        page = await notifications.notifications(ctx.graph, ctx.viewer, page_request(first, after))
        return NotificationConnection.of(page.map(Notification.of), NotificationEdge)


@strawberry.type
class NotificationMutation:
    @strawberry.mutation(description="Marks the viewer's notifications up to and including this cursor "
                                     "as read (never unmarks); answers how many are still unread [R18].")
    async def mark_notifications_read(self, info: Info[Context, None], up_to: str) -> int:
        return await notifications.mark_read(info.context.graph, info.context.viewer, up_to)


@strawberry.type
class NotificationSubscription:
    @strawberry.subscription(description="The viewer's notifications as they happen, over "
                                         "graphql-transport-ws [R18].")
    async def notifications(self, info: Info[Context, None]) -> AsyncGenerator[Notification, None]:
        ctx = info.context
        me = privacy.require_person(ctx.viewer, "receive your notifications")
        if ctx.live is None:
            raise Unavailable("Live notifications are not available on this server; poll the list.")
        # Listening before the first await: an event committed while the person is looked up
        # waits in the queue instead of passing by before anyone listens.
        with ctx.live.listen(me) as seqs:
            await notifications.require_known(ctx.graph, me)
            while True:
                found = await notifications.notification(ctx.graph, me, await seqs.get())
                if found is not None:
                    ctx.forget()
                    yield Notification.of(found)
