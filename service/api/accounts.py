"""The life of an account over GraphQL (R19): updateProfile, deleteAccount and myData."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from service import accounts
from service.api.context import Context
from service.api.pagination import NO_DEFAULT
from service.api.people import Person


@strawberry.input(description="Profile fields to change; a field left out keeps its value. A null or "
                              "blank headline clears it; createPerson's limits apply [R19].")
class ProfileInput:
    name: str | None = NO_DEFAULT
    headline: str | None = NO_DEFAULT


@strawberry.type
class AccountQuery:
    @strawberry.field(description="Everything stored about the viewer (profile, settings, follows both "
                                  "ways, connections, requests, blocks, posts, shares, conversations) "
                                  "as one JSON "
                                  "document; the viewer alone [R19].")
    async def my_data(self, info: Info[Context, None]) -> str:
        ctx = info.context
        return accounts.as_json(await accounts.my_data(ctx.graph, ctx.viewer))


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Changes the viewer's name and headline (an admin may name "
                                     "anyone with personId); createPerson's limits apply [R19].")
    async def update_profile(self, info: Info[Context, None], input: ProfileInput,
                             person_id: strawberry.ID | None = NO_DEFAULT) -> Person:
        ctx = info.context
        given_headline = input.headline is not strawberry.UNSET
        updated = await accounts.update_profile(
            ctx.graph, ctx.viewer, name=None if input.name is strawberry.UNSET else input.name,
            headline=input.headline if given_headline else None, set_headline=given_headline,
            person_id=person_id or None)
        return Person.of(updated)

    @strawberry.mutation(description="The person themself or an admin: erases the person and "
                                     "everything of theirs (ties, requests, blocks, posts, shares, "
                                     "notifications, conversations). True when an account was "
                                     "erased; false when there was none (already deleted) [R19].")
    async def delete_account(self, info: Info[Context, None], person_id: strawberry.ID) -> bool:
        return await accounts.delete_account(info.context.graph, info.context.viewer, person_id)
