"""Reactions over GraphQL (R20, R24): the kinds, a reaction, its list, and the Reactable interface
that posts and comments share (their counts, the viewer's own reaction, who reacted)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from service import reactions
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person
from service.reactions import FROM_CONNECTIONS


@strawberry.enum(description="How someone reacted to a post or a comment [R20].")
class ReactionKind(Enum):
    LIKE = "LIKE"
    CELEBRATE = "CELEBRATE"
    SUPPORT = "SUPPORT"
    LOVE = "LOVE"
    INSIGHTFUL = "INSIGHTFUL"
    FUNNY = "FUNNY"


if tuple(kind.value for kind in ReactionKind) != reactions.KINDS:
    raise RuntimeError("ReactionKind must list reactions.KINDS, in their order")


@strawberry.type(description="How many reactions of one kind the viewer sees.")
class ReactionCount:
    kind: ReactionKind
    count: int


@strawberry.type(description="Someone's reaction to a post or a comment [R20].")
class Reaction:
    person: Person
    kind: ReactionKind
    at: datetime

    @classmethod
    def of(cls, reaction: reactions.Reaction) -> Reaction:
        return cls(person=Person.of(reaction.person), kind=ReactionKind(reaction.kind), at=reaction.at)


@strawberry.type
class ReactionEdge(Edge[Reaction]):
    pass


@strawberry.type(description="A page of reactions, newest first, and how many the viewer sees in all.")
class ReactionConnection(CountedConnection[ReactionEdge]):
    pass


async def _summary(info: Info[Context, None], subject: reactions.Subject) -> reactions.Summary:
    loaders = info.context.loaders
    loader = loaders.comment_reactions if subject.on_comment else loaders.post_reactions
    return await loader.load(subject.id)


@strawberry.interface(description="A post or a comment: something people react to [R20, R24]. Whoever "
                                  "sees it sees its reactions, less those of people blocked either way "
                                  "with them (R8); every count equals what the viewer can page through.")
class Reactable:
    def reaction_subject(self) -> reactions.Subject:
        """What the fields below are about (each implementation says)."""
        raise NotImplementedError

    @strawberry.field(description="How many reactions the viewer sees [R24].")
    async def reaction_count(self, info: Info[Context, None]) -> int:
        return (await _summary(info, self.reaction_subject())).total

    @strawberry.field(description="The kinds in use and how many of each the viewer sees, most first [R24].")
    async def reaction_counts(self, info: Info[Context, None]) -> list[ReactionCount]:
        summary = await _summary(info, self.reaction_subject())
        return [ReactionCount(kind=ReactionKind(kind), count=count) for kind, count in summary.counts]

    @strawberry.field(description="The viewer's own reaction; null: none [R20].")
    async def viewer_reaction(self, info: Info[Context, None]) -> ReactionKind | None:
        mine = (await _summary(info, self.reaction_subject())).mine
        return None if mine is None else ReactionKind(mine)

    @strawberry.field(description="Who reacted (of this kind, when given), newest first [R24].")
    async def reactions(self, info: Info[Context, None],
                        kind: ReactionKind | None = NO_DEFAULT,
                        first: int | None = DEFAULT_PAGE_SIZE,
                        after: str | None = NO_DEFAULT) -> ReactionConnection:
        subject = self.reaction_subject()
        ctx = info.context
        page = await reactions.reactions(ctx.graph, ctx.viewer, subject.id, subject.on_comment,
                                         kind.value if kind else None, page_request(first, after))
        return ReactionConnection.of(page.map(Reaction.of), ReactionEdge)

    @strawberry.field(description="Up to `first` (at most 100) of the viewer's connections who reacted, "
                                  "newest first: \"Ana and 12 others\" [R24].")
    async def reactions_from_connections(self, info: Info[Context, None],
                                         first: int | None = FROM_CONNECTIONS) -> list[Person]:
        subject = self.reaction_subject()
        ctx = info.context
        found = await reactions.reactions_from_connections(
            ctx.graph, ctx.network, ctx.viewer, subject.id, subject.on_comment,
            FROM_CONNECTIONS if first is None else first)
        return [Person.of(p) for p in found]
