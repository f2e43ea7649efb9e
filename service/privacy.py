"""R9 in one place: who may list whose followers, following and connections, and see whose settings.

Counts are public (they are never asked here). Lists:

    list          the person   admin   others (signed in)                        anonymous
    followers     yes          yes     FORBIDDEN                                  UNAUTHENTICATED
    following     yes          yes     FORBIDDEN                                  UNAUTHENTICATED
    connections   yes          yes     per connectionsVisibility:                 UNAUTHENTICATED
                                         PUBLIC: anyone not blocked either way
                                         CONNECTIONS: the person's connections
                                         PRIVATE: FORBIDDEN
    settings      yes          yes     null                                       null

A refusal is an error, never an empty list: an empty list would say "nobody" when the truth is
"not for you". Anonymous callers are told to sign in (UNAUTHENTICATED) rather than FORBIDDEN,
because signing in is what they can do about it. People blocked either way may not list each
other's anything (R8: each is invisible to the other).
"""

from __future__ import annotations

from service import cypher
from service.errors import Forbidden, Unauthenticated
from service.graph import Graph
from service.identity import Viewer
from service.people import Person

PAIR_VISIBILITY = cypher.query("pair_visibility")


def _signed_in(viewer: Viewer, what: str) -> None:
    if not viewer.signed_in:
        raise Unauthenticated(f"Sign in to see {what}: send 'Authorization: Bearer <token>'.")


def require_may_list_follows(viewer: Viewer, person: Person, which: str) -> None:
    """``followers`` and ``following`` lists: the person alone, or an admin."""
    _signed_in(viewer, f"whom {person.name} {'is followed by' if which == 'followers' else 'follows'}")
    if viewer.admin or viewer.id == person.id:
        return
    raise Forbidden(f"Only {person.name} can see their {which} list; their {which} count is public.")


async def require_may_list_connections(graph: Graph, viewer: Viewer, person: Person) -> None:
    """``connections`` lists, per the person's connectionsVisibility."""
    _signed_in(viewer, f"{person.name}'s connections")
    if viewer.admin or viewer.id == person.id:
        return
    visibility = person.connections_visibility
    if visibility == "PRIVATE":
        raise Forbidden(f"{person.name} keeps their connections private; their connection count is public.")
    row = await graph.read_one(PAIR_VISIBILITY, viewerId=viewer.id, personId=person.id)
    if row is not None and row["blocked"]:
        raise Forbidden(f"You can't see {person.name}'s connections while either of you blocks the other.")
    if visibility == "CONNECTIONS" and not (row is not None and row["connected"]):
        raise Forbidden(f"Only {person.name}'s connections can see their connections; "
                        "connect with them to see the list.")


def may_see_settings(viewer: Viewer, person: Person) -> bool:
    """A person's settings: the person alone, or an admin (others get null, not an error)."""
    return viewer.admin or (viewer.id is not None and viewer.id == person.id)
