"""How far people are from the viewer over connections, and one way there (R13).

Distances are counted over CONNECTED_TO only (follows are not ties of trust) and capped at 3:
beyond that a professional network stops meaning anything, and the search stays small. The viewer's
network leaves out everyone blocked either way with the viewer (R8), so no path runs through them.
Both are answered on the connection index (``service/network``); ``cypher/degree.cypher`` and
``cypher/connection_path.cypher`` ask the same in Cypher, for Browser.
"""

from __future__ import annotations

from service.graph import Graph
from service.network import RequestNetwork, search
from service.people import Person, people_hidden_from


async def degrees(network: RequestNetwork, viewer_id: str, ids: list[str]) -> dict[str, int | None]:
    """Each id's distance from the viewer: 0 for the viewer, 1 to 3, or None (beyond 3, unknown)."""
    adj = await network.current()
    viewer = adj.number.get(viewer_id)
    if viewer is None:
        return {}
    targets = {person_id: adj.number[person_id] for person_id in ids if person_id in adj.number}
    found = search.degrees(adj, viewer, list(targets.values()), network.budget)
    return {person_id: found[number] for person_id, number in targets.items()}


async def connection_path(graph: Graph, network: RequestNetwork, viewer_id: str,
                          person_id: str) -> list[Person] | None:
    """One shortest path from the viewer to the person, both ends included; None beyond 3 steps."""
    adj = await network.current()
    viewer, target = adj.number.get(viewer_id), adj.number.get(person_id)
    if viewer is None or target is None:
        return None
    steps = search.path(adj, viewer, target, network.budget)
    if steps is None:
        return None
    ids = [adj.ids[step] for step in steps]
    people = await people_hidden_from(graph, viewer_id, ids)
    if len(people) < len(ids):  # someone on it was deleted or blocked since: no path to show
        return None
    return [people[person_id] for person_id in ids]
