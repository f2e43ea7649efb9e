"""A person's own settings (R1, R9, R25, R31) in GraphQL: the policies as enums, ``Person.settings``
and ``updateSettings``. Who may read them is ``privacy.may_see_settings``'s to say."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from service import people
from service.api.context import Context


@strawberry.enum(description="Who may list my connections [R9].")
class ConnectionsVisibility(Enum):
    PUBLIC = "PUBLIC"
    CONNECTIONS = "CONNECTIONS"
    PRIVATE = "PRIVATE"


@strawberry.enum(description="Who may follow me [R1].")
class FollowPolicy(Enum):
    EVERYONE = "EVERYONE"
    CONNECTIONS = "CONNECTIONS"


@strawberry.enum(description="Who may message me [R25].")
class MessagePolicy(Enum):
    CONNECTIONS = "CONNECTIONS"
    EVERYONE = "EVERYONE"


@strawberry.type(description="A person's own settings.")
class Settings:
    connections_visibility: ConnectionsVisibility
    follow_policy: FollowPolicy
    message_policy: MessagePolicy = strawberry.field(
        description="CONNECTIONS (default): my connections may message me; EVERYONE: so may anyone whose "
                    "own policy is EVERYONE [R25].")
    endorsable: bool = strawberry.field(description="False: nobody may endorse my skills [R31].")

    @classmethod
    def of(cls, settings: people.Settings) -> Settings:
        return cls(connections_visibility=ConnectionsVisibility(settings.connections_visibility),
                   follow_policy=FollowPolicy(settings.follow_policy),
                   message_policy=MessagePolicy(settings.message_policy), endorsable=settings.endorsable)


@strawberry.input(description="Settings to change; a field left out keeps its value.")
class SettingsInput:
    connections_visibility: ConnectionsVisibility | None = None
    follow_policy: FollowPolicy | None = None
    message_policy: MessagePolicy | None = None
    endorsable: bool | None = None


@strawberry.type
class SettingsMutation:
    @strawberry.mutation(description="Changes the viewer's own settings.")
    async def update_settings(self, info: Info[Context, None], input: SettingsInput) -> Settings:
        updated = await people.update_settings(
            info.context.graph, info.context.viewer,
            input.connections_visibility.value if input.connections_visibility else None,
            input.follow_policy.value if input.follow_policy else None,
            input.message_policy.value if input.message_policy else None,
            input.endorsable)
        return Settings.of(updated)
