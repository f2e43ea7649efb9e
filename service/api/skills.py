"""Skills and endorsements over GraphQL (R30-R32): the Skill type and its mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from service import skills
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person


@strawberry.type(description="Someone's endorsement of a skill [R32].")
class Endorsement:
    endorser: Person
    at: datetime
    hidden: bool = strawberry.field(description="Hidden by the person: they (and admins) alone see it, "
                                                "marked so [R32].")

    @classmethod
    def of(cls, e: skills.Endorsement) -> Endorsement:
        return cls(endorser=Person.of(e.endorser), at=e.at, hidden=e.hidden)


@strawberry.type
class EndorsementEdge(Edge[Endorsement]):
    pass


@strawberry.type(description="A page of endorsements, and how many the viewer may page through.")
class EndorsementConnection(CountedConnection[EndorsementEdge]):
    pass


@strawberry.type(description="A skill a person lists [R30].")
class Skill:
    name: str = strawberry.field(description="As the person spells it.")
    endorsement_count: int = strawberry.field(
        description="Public; hidden endorsements left out (the person sees them counted) [R32].")
    viewer_has_endorsed: bool
    data: strawberry.Private[skills.Skill]

    @classmethod
    def of(cls, s: skills.Skill) -> Skill:
        return cls(name=s.name, endorsement_count=s.endorsement_count,
                   viewer_has_endorsed=s.viewer_has_endorsed, data=s)

    @strawberry.field(description="Who endorsed it, newest first; signed-in viewers [R32].")
    async def endorsements(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                           after: str | None = NO_DEFAULT) -> EndorsementConnection:
        ctx = info.context
        page = await skills.endorsements(ctx.graph, ctx.viewer, self.data, page_request(first, after))
        return EndorsementConnection.of(page.map(Endorsement.of), EndorsementEdge)

    @strawberry.field(description="The viewer's connections who endorsed it, newest first (\"endorsed by "
                                  "people you know\") [R32].")
    async def endorsements_from_connections(self, info: Info[Context, None],
                                            first: int | None = skills.FROM_CONNECTIONS) -> list[Person]:
        ctx = info.context
        first = skills.FROM_CONNECTIONS if first is None else first
        found = await skills.endorsements_from_connections(ctx.graph, ctx.network, ctx.viewer, self.data,
                                                           first)
        return [Person.of(p) for p in found]


@strawberry.type
class SkillMutation:
    @strawberry.mutation(description="Lists a skill (1-80 characters, at most 50 skills); one already "
                                     "listed, in any case, changes nothing [R30].")
    async def add_skill(self, info: Info[Context, None], name: str) -> Skill:
        return Skill.of(await skills.add_skill(info.context.graph, info.context.viewer, name))

    @strawberry.mutation(description="Stops listing a skill; its endorsements go with it. True when it "
                                     "was listed [R30].")
    async def remove_skill(self, info: Info[Context, None], name: str) -> bool:
        return await skills.remove_skill(info.context.graph, info.context.viewer, name)

    @strawberry.mutation(description="Endorses a skill a 1st-degree connection lists; again changes "
                                     "nothing [R31].")
    async def endorse(self, info: Info[Context, None], person_id: strawberry.ID, skill: str) -> Skill:
        ctx = info.context
        return Skill.of(await skills.endorse(ctx.graph, ctx.viewer, person_id, skill,
                                             ctx.interaction_limits.endorsements))

    @strawberry.mutation(description="Takes back the viewer's endorsement of that skill (idempotent) [R31].")
    async def withdraw_endorsement(self, info: Info[Context, None], person_id: strawberry.ID,
                                   skill: str) -> Skill:
        return Skill.of(await skills.withdraw_endorsement(info.context.graph, info.context.viewer,
                                                          person_id, skill))

    @strawberry.mutation(description="Hides one endorsement of the viewer's own skill from everyone "
                                     "else, or shows it again [R32].")
    async def set_endorsement_hidden(self, info: Info[Context, None], skill: str, endorser_id: strawberry.ID,
                                     hidden: bool) -> Skill:
        return Skill.of(await skills.set_endorsement_hidden(info.context.graph, info.context.viewer, skill,
                                                            endorser_id, hidden))
