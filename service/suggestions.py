"""People you may know (R16): people two steps away, ranked by the connections they share with you.

Only the person themselves (or an admin) may ask. Each suggestion carries its mutual-connection
count and the first few of those mutual connections (by id) that explain it; a caller wanting more
than ``EXPLAINED`` gets them through the mutual-connections list instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from service import cypher
from service.errors import Forbidden
from service.graph import Graph
from service.identity import Viewer
from service.pages import PageRequest
from service.people import Person

SUGGESTIONS = cypher.query("suggestions")

#: Mutual connections fetched with each suggestion to explain it: the contract's default asks for 3.
#: Each is a whole person to read and convert; at 10, reading them was most of a suggestions
#: request's CPU (bench/profile.py), for explanations that clients asking the default never see.
EXPLAINED = 3


@dataclass(frozen=True)
class Suggestion:
    #: Whose suggestion this is: the mutual connections are between this person and ``person``.
    for_id: str
    person: Person
    mutual_count: int
    #: The first ``EXPLAINED`` mutual connections, by id.
    mutuals: list[Person]


def may_see_suggestions(viewer: Viewer, person_id: str) -> None:
    """The person alone, or an admin; anyone else is FORBIDDEN (anonymous: UNAUTHENTICATED)."""
    if viewer.admin:
        return
    if viewer.require_person() != person_id:
        raise Forbidden("Only the person themselves may see their suggestions.")


async def suggestions(graph: Graph, viewer: Viewer, person_id: str, first: int) -> list[Suggestion]:
    may_see_suggestions(viewer, person_id)
    first = PageRequest.parse(first, None).first  # the page size every list allows
    rows = await graph.read(SUGGESTIONS, id=person_id, first=first, explain=EXPLAINED)
    return [Suggestion(for_id=person_id, person=Person.from_row(row["person"]),
                       mutual_count=row["mutualConnectionCount"],
                       mutuals=[Person.from_row(m) for m in row["mutualConnections"]])
            for row in rows]
