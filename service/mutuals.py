"""Mutual connections: people connected to both the viewer and someone else (R14).

They are shown even when that someone's connection list is private (LinkedIn does the same): the
viewer already knows each of them as its own connection, so nothing is revealed but the overlap.
People blocked either way with either end are never among them (R8). Nobody has mutual connections
with themselves: the question only makes sense between two people. Answered on the connection
index (``service/network``); ``cypher/mutual_connections.cypher`` asks the same in Cypher.
"""

from __future__ import annotations

import bisect

from service.graph import Graph
from service.network import RequestNetwork, search
from service.pages import Page, PageRequest, person_cursor
from service.people import Person, people_hidden_from


async def mutual_ids(network: RequestNetwork, viewer_id: str, person_id: str) -> list[str]:
    """The ids of the people connected to both, in id order."""
    adj = await network.current()
    a, b = adj.number.get(viewer_id), adj.number.get(person_id)
    if a is None or b is None:
        return []
    return sorted(adj.ids[m] for m in search.mutuals(adj, a, b, network.budget).tolist())


async def mutual_connections(graph: Graph, network: RequestNetwork, viewer_id: str, person_id: str,
                             request: PageRequest) -> Page[Person]:
    """One page of the people connected to both, ordered by id."""
    ids = await mutual_ids(network, viewer_id, person_id)
    after = person_cursor(request)
    start = 0 if after is None else bisect.bisect_right(ids, after)
    page = ids[start:start + request.fetch]
    people = await people_hidden_from(graph, None, page)
    return Page.of([people[i] for i in page if i in people], request, len(ids), key=lambda p: p.id)


async def mutual_connection_counts(network: RequestNetwork, viewer_id: str, ids: list[str]) -> dict[str, int]:
    """How many mutual connections the viewer has with each of these people (0 when unknown)."""
    adj = await network.current()
    viewer = adj.number.get(viewer_id)
    if viewer is None:
        return {}
    return {person_id: len(search.mutuals(adj, viewer, adj.number[person_id], network.budget))
            for person_id in ids if person_id in adj.number}
