"""R36's network strength in GraphQL: ``Person.networkStrength`` answers with this type
(``service/strength.py`` computes it)."""

from __future__ import annotations

import strawberry

from service import strength


@strawberry.type(description="How strong a person's network is [R36].")
class NetworkStrength:
    connections: int
    active_connections: int = strawberry.field(
        description="Connections with an exchange either way in the last 90 days: an endorsement, a "
                    "recommendation written, revised or accepted, a reaction, a comment or reply, a message.")
    endorsers: int = strawberry.field(description="People who endorsed any of the person's skills.")
    recommendations: int = strawberry.field(description="SHOWN recommendations received.")
    average_mutual_connections: float | None = strawberry.field(
        description="Mean connections shared with each connection (embeddedness); null with none.")
    diversity: float | None = strawberry.field(
        description="1 - the local clustering coefficient; null under 2 connections.")
    exact: bool = strawberry.field(description="False when estimated, as Reach.exact [R12].")

    @classmethod
    def of(cls, s: strength.NetworkStrength) -> NetworkStrength:
        return cls(connections=s.connections, active_connections=s.active_connections, endorsers=s.endorsers,
                   recommendations=s.recommendations, average_mutual_connections=s.average_mutual_connections,
                   diversity=s.diversity, exact=s.exact)
