"""The Person type, and the queries and mutations that find and create people."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from service import people
from service.api.context import Context


@strawberry.type(description="Someone in the network.")
class Person:
    id: strawberry.ID
    name: str
    headline: str | None
    created_at: datetime
    data: strawberry.Private[people.Person]

    @classmethod
    def of(cls, person: people.Person) -> Person:
        return cls(id=strawberry.ID(person.id), name=person.name, headline=person.headline,
                   created_at=person.created_at, data=person)

    @strawberry.field(description="People who follow this person; public [R9].")
    async def follower_count(self, info: Info[Context, None]) -> int:
        return (await info.context.loaders.counts.load(self.id)).followers

    @strawberry.field(description="People this person follows.")
    async def following_count(self, info: Info[Context, None]) -> int:
        return (await info.context.loaders.counts.load(self.id)).following

    @strawberry.field(description="This person's connections; public [R9].")
    async def connection_count(self, info: Info[Context, None]) -> int:
        return (await info.context.loaders.counts.load(self.id)).connections


async def load_person(info: Info[Context, None], person_id: str) -> Person | None:
    """The person as the viewer may see them, batched with every other lookup in the request."""
    found = await info.context.loaders.person.load(person_id)
    return None if found is None else Person.of(found)


@strawberry.input
class CreatePersonInput:
    id: strawberry.ID | None = None
    name: str
    headline: str | None = None


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="The authenticated person; null when anonymous.")
    async def viewer(self, info: Info[Context, None]) -> Person | None:
        viewer = info.context.viewer
        return None if viewer.id is None else await load_person(info, viewer.id)

    @strawberry.field(description="Null when unknown, or when either side blocks the other [R8].")
    async def person(self, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        return await load_person(info, id)


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Admin only. Without an id, one is made up.")
    async def create_person(self, info: Info[Context, None], input: CreatePersonInput) -> Person:
        created = await people.create_person(info.context.graph, info.context.viewer, input.name,
                                             input.headline, input.id)
        return Person.of(created)
