"""Recommendations and recommendation requests over GraphQL (R33-R35)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from service import recommendation_requests, recommendations
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person
from service.api.relationships import RequestDirection


@strawberry.enum(description="Where a recommendation stands: PENDING and HIDDEN are the two people's "
                             "alone [R34].")
class RecommendationStatus(Enum):
    PENDING = "PENDING"
    SHOWN = "SHOWN"
    HIDDEN = "HIDDEN"


@strawberry.enum(description="How the author knows the recipient [R33].")
class RecommendationRelationship(Enum):
    MANAGED = "MANAGED"
    REPORTED_TO = "REPORTED_TO"
    SAME_TEAM = "SAME_TEAM"
    OTHER_TEAM = "OTHER_TEAM"
    CLIENT = "CLIENT"
    MENTOR = "MENTOR"
    OTHER = "OTHER"


@strawberry.type(description="What one person wrote about another [R33, R34].")
class Recommendation:
    id: strawberry.ID
    author: Person
    recipient: Person
    relationship: RecommendationRelationship
    text: str
    status: RecommendationStatus = strawberry.field(
        description="PENDING until the recipient accepts it; PENDING and HIDDEN: the two alone [R34].")
    created_at: datetime
    updated_at: datetime = strawberry.field(description="When it was last written (revised).")

    @classmethod
    def of(cls, r: recommendations.Recommendation) -> Recommendation:
        return cls(id=strawberry.ID(r.id), author=Person.of(r.author), recipient=Person.of(r.recipient),
                   relationship=RecommendationRelationship(r.relationship), text=r.text,
                   status=RecommendationStatus(r.status), created_at=r.created_at, updated_at=r.updated_at)


@strawberry.type
class RecommendationEdge(Edge[Recommendation]):
    pass


@strawberry.type(description="A page of recommendations, and how many the viewer may page through.")
class RecommendationConnection(CountedConnection[RecommendationEdge]):
    pass


@strawberry.type(description="A pending ask for a recommendation [R35].")
class RecommendationRequest:
    sender: Person = strawberry.field(name="from")
    to: Person
    message: str | None
    created_at: datetime

    @classmethod
    def of(cls, r: recommendation_requests.RecommendationRequest) -> RecommendationRequest:
        return cls(sender=Person.of(r.asker), to=Person.of(r.asked), message=r.message,
                   created_at=r.created_at)


@strawberry.type
class RecommendationRequestEdge(Edge[RecommendationRequest]):
    pass


@strawberry.type(description="A page of recommendation requests, and how many are pending in all.")
class RecommendationRequestConnection(CountedConnection[RecommendationRequestEdge]):
    pass


@strawberry.input(description="A recommendation: 1-3,000 characters, and how the author knows the "
                              "recipient [R33].")
class RecommendationInput:
    text: str
    relationship: RecommendationRelationship


@strawberry.type
class RecommendationQuery:
    @strawberry.field(description="The viewer's pending recommendation requests, newest first: received "
                                  "(INCOMING) or sent (OUTGOING) [R35].")
    async def recommendation_requests(self, info: Info[Context, None],
                                      direction: RequestDirection | None = RequestDirection.INCOMING,
                                      first: int | None = DEFAULT_PAGE_SIZE,
                                      after: str | None = NO_DEFAULT) -> RecommendationRequestConnection:
        page = await recommendation_requests.requests(info.context.graph, info.context.viewer,
                                                      incoming=direction != RequestDirection.OUTGOING,
                                                      request=page_request(first, after))
        return RecommendationRequestConnection.of(page.map(RecommendationRequest.of),
                                                  RecommendationRequestEdge)


@strawberry.type
class RecommendationMutation:
    @strawberry.mutation(description="Writes (or revises) a recommendation of a 1st-degree connection: "
                                     "PENDING until they accept it; it fulfils their request [R33].")
    async def write_recommendation(self, info: Info[Context, None], person_id: strawberry.ID,
                                   input: RecommendationInput) -> Recommendation:
        return Recommendation.of(await recommendations.write(
            info.context.graph, info.context.viewer, person_id, input.text, input.relationship.value))

    @strawberry.mutation(description="Takes back the viewer's recommendation of the person. True when "
                                     "there was one [R33].")
    async def withdraw_recommendation(self, info: Info[Context, None], person_id: strawberry.ID) -> bool:
        return await recommendations.withdraw(info.context.graph, info.context.viewer, person_id)

    @strawberry.mutation(description="Accepts the author's recommendation of the viewer: SHOWN, or "
                                     "HIDDEN with show false [R34].")
    async def accept_recommendation(self, info: Info[Context, None], author_id: strawberry.ID,
                                    show: bool | None = True) -> Recommendation:
        status = "HIDDEN" if show is False else "SHOWN"
        return Recommendation.of(await recommendations.respond(info.context.graph, info.context.viewer,
                                                               author_id, status, accepting=True))

    @strawberry.mutation(description="Switches an accepted recommendation of the viewer between SHOWN and "
                                     "HIDDEN [R34].")
    async def set_recommendation_hidden(self, info: Info[Context, None], author_id: strawberry.ID,
                                        hidden: bool) -> Recommendation:
        status = "HIDDEN" if hidden else "SHOWN"
        return Recommendation.of(await recommendations.respond(info.context.graph, info.context.viewer,
                                                               author_id, status, accepting=False))

    @strawberry.mutation(description="Deletes the author's recommendation of the viewer; the author is not "
                                     "told. True when there was one [R34].")
    async def decline_recommendation(self, info: Info[Context, None], author_id: strawberry.ID) -> bool:
        return await recommendations.decline(info.context.graph, info.context.viewer, author_id)

    @strawberry.mutation(description="Asks a 1st-degree connection for a recommendation, with an optional "
                                     "note of up to 300 characters; asking again changes nothing [R35].")
    async def request_recommendation(self, info: Info[Context, None], person_id: strawberry.ID,
                                     message: str | None = NO_DEFAULT) -> RecommendationRequest:
        ctx = info.context
        quota = ctx.interaction_limits.recommendation_requests
        return RecommendationRequest.of(await recommendation_requests.ask(ctx.graph, ctx.viewer, person_id,
                                                                          message or None, quota))

    @strawberry.mutation(description="Takes back the viewer's pending request to the person. True when "
                                     "there was one [R35].")
    async def withdraw_recommendation_request(self, info: Info[Context, None],
                                              person_id: strawberry.ID) -> bool:
        ctx = info.context
        return await recommendation_requests.end_request(ctx.graph, ctx.viewer, person_id, mine=True)

    @strawberry.mutation(description="Dismisses the person's pending request to the viewer, silently. True "
                                     "when there was one [R35].")
    async def dismiss_recommendation_request(self, info: Info[Context, None],
                                             person_id: strawberry.ID) -> bool:
        ctx = info.context
        return await recommendation_requests.end_request(ctx.graph, ctx.viewer, person_id, mine=False)
