"""The Relationship type, connection requests, and every mutation that changes a tie (R1-R8).

Each mutation is one domain call, which is one write transaction, and answers with the new
Relationship between the viewer and the person acted on.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from service import blocks, connections, follows, relationships
from service.api.context import Context
from service.api.conversations import Conversation
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person

#: R6's wait after a withdrawn request, as the schema tells it (the spec's, not a setting).
_WAIT = connections.ConnectionLimits.withdrawal_wait


@strawberry.type(description="The viewer <-> a person, seen from the viewer.")
class Relationship:
    person: Person
    following: bool = strawberry.field(description="The viewer follows the person.")
    followed_by: bool = strawberry.field(description="The person follows the viewer.")
    connected: bool
    request_sent: bool = strawberry.field(description="The viewer has a pending request to the person.")
    request_received: bool = strawberry.field(
        description="The person has a pending request to the viewer.")
    blocking: bool = strawberry.field(description="The viewer blocks the person.")
    blocked_by: bool = strawberry.field(description="The person blocks the viewer.")
    can_message: bool = strawberry.field(description="No block either way, and connected or both "
                                                     "messagePolicy EVERYONE [R15, R25].")
    data: strawberry.Private[relationships.Relationship]

    @strawberry.field(description="Connections the viewer and the person share [R14].")
    async def mutual_connection_count(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.mutual_count.load(self.person.id)

    @strawberry.field(description="Steps from the viewer over connections: 0 self, 1, 2, 3; null "
                                  "beyond 3, or across a block [R13].")
    async def degree(self, info: Info[Context, None]) -> int | None:
        return await info.context.loaders.degree.load(self.person.id)

    @strawberry.field(description="The viewer's conversation with the person, if any [R26].")
    async def conversation(self, info: Info[Context, None]) -> Conversation | None:
        found = await info.context.loaders.conversation_with.load(self.person.id)
        return None if found is None else Conversation.of(found)

    @classmethod
    def of(cls, r: relationships.Relationship) -> Relationship:
        return cls(person=Person.of(r.person), following=r.following, followed_by=r.followed_by,
                   connected=r.connected, request_sent=r.request_sent,
                   request_received=r.request_received, blocking=r.blocking,
                   blocked_by=r.blocked_by, can_message=r.can_message, data=r)


@strawberry.enum
class RequestDirection(Enum):
    INCOMING = "INCOMING"
    OUTGOING = "OUTGOING"


@strawberry.type(description="A pending connection request.")
class ConnectionRequest:
    sender: Person = strawberry.field(name="from")
    to: Person
    message: str | None
    created_at: datetime

    @classmethod
    def of(cls, r: connections.ConnectionRequest) -> ConnectionRequest:
        return cls(sender=Person.of(r.sender), to=Person.of(r.recipient), message=r.message,
                   created_at=r.created_at)


@strawberry.type
class ConnectionRequestEdge(Edge[ConnectionRequest]):
    pass


@strawberry.type(description="A page of connection requests, and how many are pending in all.")
class ConnectionRequestConnection(CountedConnection[ConnectionRequestEdge]):
    pass


@strawberry.type
class RelationshipQuery:
    @strawberry.field(description="The viewer's pending connection requests, newest first: received "
                                  "(INCOMING) or sent (OUTGOING).")
    async def connection_requests(self, info: Info[Context, None],
                                  direction: RequestDirection | None = RequestDirection.INCOMING,
                                  first: int | None = DEFAULT_PAGE_SIZE,
                                  after: str | None = NO_DEFAULT) -> ConnectionRequestConnection:
        page = await connections.requests(info.context.graph, info.context.viewer,
                                           incoming=direction != RequestDirection.OUTGOING,
                                           request=page_request(first, after))
        return ConnectionRequestConnection.of(page.map(ConnectionRequest.of), ConnectionRequestEdge)


@strawberry.type
class RelationshipMutation:
    @strawberry.mutation(description="Follow a person: no approval needed; following twice is "
                                     "following once [R1].")
    async def follow(self, info: Info[Context, None], person_id: strawberry.ID) -> Relationship:
        return Relationship.of(await follows.follow(info.context.graph, info.context.viewer, person_id))

    @strawberry.mutation(description="Stop following; a connection stays a connection [R2].")
    async def unfollow(self, info: Info[Context, None], person_id: strawberry.ID) -> Relationship:
        return Relationship.of(await follows.unfollow(info.context.graph, info.context.viewer, person_id))

    @strawberry.mutation(description="Ask to connect, with an optional note of up to 300 characters; "
                                     "if they already asked you, you connect at once [R3].")
    async def send_connection_request(self, info: Info[Context, None], person_id: strawberry.ID,
                                      message: str | None = NO_DEFAULT) -> Relationship:
        ctx = info.context
        return Relationship.of(await connections.send_request(ctx.graph, ctx.viewer, person_id,
                                                              message or None, ctx.connection_limits))

    @strawberry.mutation(description="Accept a pending request to you: connects you, and each "
                                     "follows the other [R4].")
    async def accept_connection_request(self, info: Info[Context, None],
                                        person_id: strawberry.ID) -> Relationship:
        ctx = info.context
        return Relationship.of(await connections.accept_request(ctx.graph, ctx.viewer, person_id,
                                                                ctx.connection_limits))

    @strawberry.mutation(description="Delete a pending request to you, silently; with dontKnow, that "
                                     "person may never ask you again [R5].")
    async def ignore_connection_request(self, info: Info[Context, None], person_id: strawberry.ID,
                                        dont_know: bool | None = False) -> Relationship:
        return Relationship.of(await connections.ignore_request(info.context.graph, info.context.viewer,
                                                                person_id, bool(dont_know)))

    @strawberry.mutation(description="Take back your pending request; you may ask them again after "
                                     f"{_WAIT.days} days [R6].")
    async def withdraw_connection_request(self, info: Info[Context, None],
                                          person_id: strawberry.ID) -> Relationship:
        return Relationship.of(await connections.withdraw_request(info.context.graph, info.context.viewer,
                                                                  person_id))

    @strawberry.mutation(description="End a connection; you stop following them too. They are not "
                                     "told [R7].")
    async def remove_connection(self, info: Info[Context, None], person_id: strawberry.ID) -> Relationship:
        return Relationship.of(await connections.remove_connection(info.context.graph, info.context.viewer,
                                                                   person_id))

    @strawberry.mutation(description="Block a person: ends your connection, follows and requests both "
                                     "ways; each becomes invisible to the other [R8].")
    async def block(self, info: Info[Context, None], person_id: strawberry.ID) -> Relationship:
        return Relationship.of(await blocks.block(info.context.graph, info.context.viewer, person_id))

    @strawberry.mutation(description="Stop blocking; restores nothing the block ended [R8].")
    async def unblock(self, info: Info[Context, None], person_id: strawberry.ID) -> Relationship:
        return Relationship.of(await blocks.unblock(info.context.graph, info.context.viewer, person_id))
