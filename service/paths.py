"""How far people are from the viewer over connections, and one way there (R13).

Distances are counted over CONNECTED_TO only (follows are not ties of trust) and capped at 3:
beyond that a professional network stops meaning anything, and the search stays small. The viewer's
network leaves out everyone blocked either way with the viewer (R8), so no path runs through them.
"""

from __future__ import annotations

from service import cypher
from service.graph import Graph
from service.people import Person

DEGREE = cypher.query("degree")
CONNECTION_PATH = cypher.query("connection_path")

async def degrees(graph: Graph, viewer_id: str, ids: list[str]) -> dict[str, int | None]:
    """Each id's distance from the viewer: 0 for the viewer, 1 to 3, or None (beyond 3, unknown)."""
    rows = await graph.read(DEGREE, viewerId=viewer_id, ids=ids)
    return {row["id"]: row["degree"] for row in rows}


async def connection_path(graph: Graph, viewer_id: str, person_id: str) -> list[Person] | None:
    """One shortest path from the viewer to the person, both ends included; None beyond 3 steps."""
    row = await graph.read_one(CONNECTION_PATH, viewerId=viewer_id, personId=person_id)
    return None if row is None else [Person.from_row(p) for p in row["people"]]
