"""Conversations and messages over GraphQL (R25-R29): the Conversation and Message types, the
viewer's conversations, sending and the viewer's side of a conversation, and the live stream.

Everything here is the viewer's own: a conversation is seen by its two participants alone (null or
NOT_FOUND for anyone else, admins included). The stream (``subscription { messages { ... } }``
over graphql-transport-ws, signed in as for notifications) rides the process's one tail of the
change log through ``messages.LiveMessages``; each message is read through the same query as any
other read of it, so a live message obeys the same rules.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry
from strawberry.types import Info

from service import conversations, messages, privacy
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person
from service.errors import NotFound, Unavailable, not_in_network
from service.messages import ConversationStatus


@strawberry.type(description="One message of a conversation; no editing [R27].")
class Message:
    id: strawberry.ID
    text: str
    sent_at: datetime
    data: strawberry.Private[messages.Message]

    @classmethod
    def of(cls, m: messages.Message) -> Message:
        return cls(id=strawberry.ID(m.id), text=m.text, sent_at=m.sent_at, data=m)

    @strawberry.field(description="The conversation it belongs to, as the viewer sees it.")
    async def conversation(self, info: Info[Context, None]) -> Conversation:
        found = await info.context.loaders.conversation.load(self.data.conversation_id)
        if found is None:  # whoever sees a message sees its conversation: the same rules hide both
            raise NotFound(f"The conversation of message {self.id!r} is not visible to you.")
        return Conversation.of(found)

    @strawberry.field(description="Who wrote it: the viewer or the other participant.")
    async def sender(self, info: Info[Context, None]) -> Person:
        found = await info.context.loaders.person.load(self.data.sender_id)
        if found is None:
            raise NotFound(f"The sender of message {self.id!r} is not visible to you.")
        return Person.of(found)


@strawberry.type
class MessageEdge(Edge[Message]):
    pass


@strawberry.type(description="A page of a conversation's messages, newest first, and how many the "
                             "viewer can see in all.")
class MessageConnection(CountedConnection[MessageEdge]):
    pass


@strawberry.type(description="The viewer's conversation with one other person; its two participants "
                             "alone see it, admins included [R26].")
class Conversation:
    id: strawberry.ID
    person: Person = strawberry.field(description="The other participant.")
    status: ConversationStatus = strawberry.field(
        description="The viewer's side: REQUEST while the viewer has not replied to or accepted a "
                    "conversation someone they are not connected to started [R26].")
    created_at: datetime
    last_message: Message | None = strawberry.field(
        description="The newest message the viewer can see (deleted ones and those before the viewer "
                    "deleted the conversation left out).")
    unread_count: int = strawberry.field(
        description="The other's messages after the viewer's read mark; no read receipts [R28].")
    can_send: bool = strawberry.field(
        description="Whether the viewer may write now: R25, and R26's one message until the other "
                    "side accepts.")
    data: strawberry.Private[conversations.Conversation]

    @classmethod
    def of(cls, c: conversations.Conversation) -> Conversation:
        return cls(id=strawberry.ID(c.id), person=Person.of(c.person), status=c.status,
                   created_at=c.created_at,
                   last_message=None if c.last_message is None else Message.of(c.last_message),
                   unread_count=c.unread_count, can_send=c.can_send, data=c)

    @strawberry.field(description="Newest first, less those the viewer deleted [R27].")
    async def messages(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                       after: str | None = NO_DEFAULT) -> MessageConnection:
        ctx = info.context
        page = await messages.messages(ctx.graph, ctx.viewer, self.data.id, page_request(first, after))
        return MessageConnection.of(page.map(Message.of), MessageEdge)


@strawberry.type
class ConversationEdge(Edge[Conversation]):
    pass


@strawberry.type(description="A page of the viewer's conversations, latest message first, and how "
                             "many there are.")
class ConversationConnection(CountedConnection[ConversationEdge]):
    pass


def _status(status: ConversationStatus | None) -> ConversationStatus:
    return ConversationStatus.ACCEPTED if status is None else status


@strawberry.type
class ConversationQuery:
    @strawberry.field(description="Null unless the viewer takes part in it and sees it now [R26].")
    async def conversation(self, info: Info[Context, None], id: strawberry.ID) -> Conversation | None:
        privacy.require_person(info.context.viewer, "see your conversations")
        found = await info.context.loaders.conversation.load(id)
        return None if found is None else Conversation.of(found)

    @strawberry.field(description="The viewer's conversation with that person, if any [R26].")
    async def conversation_with(self, info: Info[Context, None],
                                person_id: strawberry.ID) -> Conversation | None:
        privacy.require_person(info.context.viewer, "see your conversations")
        found = await info.context.loaders.conversation_with.load(person_id)
        return None if found is None else Conversation.of(found)

    @strawberry.field(description="The viewer's conversations with this status for them, latest "
                                  "message first [R26].")
    async def conversations(self, info: Info[Context, None],
                            status: ConversationStatus | None = ConversationStatus.ACCEPTED,
                            first: int | None = DEFAULT_PAGE_SIZE,
                            after: str | None = NO_DEFAULT) -> ConversationConnection:
        ctx = info.context
        page = await conversations.conversations(ctx.graph, ctx.viewer, _status(status),
                                                 page_request(first, after))
        return ConversationConnection.of(page.map(Conversation.of), ConversationEdge)


@strawberry.type
class ConversationMutation:
    @strawberry.mutation(description="Write to a person: connected and no block either way, or both "
                                     "messagePolicy EVERYONE; the first message makes the conversation "
                                     "[R25-R27].")
    async def send_message(self, info: Info[Context, None], person_id: strawberry.ID, text: str) -> Message:
        ctx = info.context
        return Message.of(await messages.send_message(ctx.graph, ctx.viewer, person_id, text,
                                                      ctx.interaction_limits))

    @strawberry.mutation(description="Accept a conversation someone you are not connected to started: "
                                     "they may write again [R26].")
    async def accept_conversation(self, info: Info[Context, None],
                                  conversation_id: strawberry.ID) -> Conversation:
        return Conversation.of(await conversations.accept(info.context.graph, info.context.viewer,
                                                          conversation_id))

    @strawberry.mutation(description="Move the viewer's read mark to this message (default the latest); "
                                     "never back [R28].")
    async def mark_conversation_read(self, info: Info[Context, None], conversation_id: strawberry.ID,
                                     up_to: strawberry.ID | None = NO_DEFAULT) -> Conversation:
        return Conversation.of(await conversations.mark_read(info.context.graph, info.context.viewer,
                                                             conversation_id, up_to or None))

    @strawberry.mutation(description="Delete a message for the viewer alone; false when there was "
                                     "nothing to delete [R27].")
    async def delete_message(self, info: Info[Context, None], message_id: strawberry.ID) -> bool:
        return await conversations.delete_message(info.context.graph, info.context.viewer, message_id)

    @strawberry.mutation(description="Clear a conversation for the viewer alone; a later message brings "
                                     "it back; false when there was nothing to clear [R26].")
    async def delete_conversation(self, info: Info[Context, None], conversation_id: strawberry.ID) -> bool:
        return await conversations.delete_conversation(info.context.graph, info.context.viewer,
                                                       conversation_id)


@strawberry.type
class MessageSubscription:
    @strawberry.subscription(description="Each new message in the viewer's conversations, both ways, "
                                         "over graphql-transport-ws [R27].")
    async def messages(self, info: Info[Context, None]) -> AsyncGenerator[Message, None]:
        ctx = info.context
        me = privacy.require_person(ctx.viewer, "receive your messages")
        if ctx.live_messages is None:
            raise Unavailable("Live messages are not available on this server; poll your conversations.")
        # Listening before the first await: a message committed while the person is looked up
        # waits in the queue instead of passing by before anyone listens.
        with ctx.live_messages.listen(me) as ids:
            if await ctx.loaders.person.load(me) is None:
                raise not_in_network(me)
            while True:
                found = (await messages.message_views(ctx.graph, me, [await ids.get()])).values()
                for message in found:
                    ctx.forget()
                    yield Message.of(message)
