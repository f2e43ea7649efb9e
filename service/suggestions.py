"""People you may know (R16): people two steps away, ranked by the connections they share with you.

Only the person themselves (or an admin) may ask. Each suggestion carries its mutual-connection
count and the first few of those mutual connections (by id) that explain it; a caller wanting more
than ``EXPLAINED`` gets them through the mutual-connections list instead. Ranked on the connection
index (``service/network``); Neo4j supplies what only it keeps (pending requests, dismissals) and
the people's details. ``cypher/suggestions.cypher`` asks the same in Cypher, for Browser.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from service import cypher, privacy
from service.graph import Graph
from service.identity import Viewer
from service.network import RequestNetwork, search
from service.pages import PageRequest
from service.people import Person, people_hidden_from

RULED_OUT_SUGGESTIONS = cypher.query("ruled_out_suggestions")

#: Mutual connections fetched with each suggestion to explain it: the contract's default asks for 3.
EXPLAINED = 3


@dataclass(frozen=True)
class Suggestion:
    #: Whose suggestion this is: the mutual connections are between this person and ``person``.
    for_id: str
    person: Person
    mutual_count: int
    #: The first ``EXPLAINED`` mutual connections, by id.
    mutuals: list[Person]


async def suggestions(graph: Graph, network: RequestNetwork, viewer: Viewer, person_id: str,
                      first: int) -> list[Suggestion]:
    privacy.require_self_or_admin(viewer, person_id, "see this person's suggestions")
    first = PageRequest.parse(first, None).first  # the page size every list allows
    rows, adj = await asyncio.gather(graph.read(RULED_OUT_SUGGESTIONS, id=person_id), network.current())
    ruled_out = [row["id"] for row in rows]
    person = adj.number.get(person_id)
    if person is None:
        return []
    excluded = {adj.number[i] for i in ruled_out if i in adj.number}
    ranked = search.suggestions(adj, person, excluded, first, network.budget)
    explained = {}
    for candidate, _ in ranked:
        shared = search.mutuals(adj, person, candidate, network.budget).tolist()
        explained[candidate] = sorted(adj.ids[m] for m in shared)[:EXPLAINED]
    wanted = {adj.ids[c] for c, _ in ranked} | {i for ids in explained.values() for i in ids}
    people = await people_hidden_from(graph, None, sorted(wanted))
    return [Suggestion(for_id=person_id, person=people[adj.ids[candidate]], mutual_count=count,
                       mutuals=[people[i] for i in explained[candidate] if i in people])
            for candidate, count in ranked if adj.ids[candidate] in people]
