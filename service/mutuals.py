"""Mutual connections: people connected to both the viewer and someone else (R14).

They are shown even when that someone's connection list is private (LinkedIn does the same): the
viewer already knows each of them as its own connection, so nothing is revealed but the overlap.
People blocked either way with either end are never among them (R8). Nobody has mutual connections
with themselves: the question only makes sense between two people.
"""

from __future__ import annotations

from service import cypher
from service.graph import Graph
from service.pages import Page, PageRequest
from service.people import Person, people_page

MUTUAL_CONNECTIONS = cypher.query("mutual_connections")
MUTUAL_CONNECTION_COUNTS = cypher.query("mutual_connection_counts")


async def mutual_connections(graph: Graph, viewer_id: str, person_id: str,
                             request: PageRequest) -> Page[Person]:
    """One page of the people connected to both, ordered by id."""
    return await people_page(graph, MUTUAL_CONNECTIONS, request, viewerId=viewer_id, personId=person_id)


async def mutual_connection_counts(graph: Graph, viewer_id: str, ids: list[str]) -> dict[str, int]:
    """How many mutual connections the viewer has with each of these people (0 when unknown)."""
    rows = await graph.read(MUTUAL_CONNECTION_COUNTS, viewerId=viewer_id, ids=ids)
    return {row["id"]: row["mutuals"] for row in rows}
