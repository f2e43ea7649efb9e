"""The strength of a network (R36): how many connections, how many of them active, how well
vouched for, and how closely knit, for the person alone or an admin.

What Neo4j holds about the person's own interactions is one query from the person
(``cypher/network_strength.cypher``); the graph measures come from the connection index
(``service/network``): the mean of the mutual connections the person shares with each connection
(embeddedness) and 1 - the local clustering coefficient (diversity) both follow from one count,
the ties among the person's connections (``search.embeddedness``).

**Active connections** are connections with an exchange, either way, in the last 90 days. What
counts today: an endorsement (``ENDORSED.at``), a recommendation written, revised or accepted
(``RECOMMENDED.updatedAt``, ``respondedAt``), a reaction to the other's post or comment
(``REACTED.at``) and a comment on the other's post or reply to the other's comment
(``Comment.createdAt``; a reply answers its thread's author), and a message either way (the
conversation's ``lastMessageAt``).

**Exactness** (R12's rules): exact while the person's connections' rows hold at most
``EXACT_WORK`` entries (every person of the dense benchmark network: its best-connected person's
hold 1.2M); past that the mutual-connection count is estimated from a uniform sample of the
connections and ``exact`` is False.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from service import cypher, privacy
from service.errors import not_in_network
from service.graph import Graph
from service.identity import Viewer
from service.network import RequestNetwork, search

NETWORK_STRENGTH = cypher.query("network_strength")

#: R36: how far back an exchange makes a connection active.
ACTIVE_DAYS = 90
#: Neighbour entries the exact count may read before it is estimated instead (as reach's EXACT_WORK).
EXACT_WORK = 20_000_000


@dataclass(frozen=True)
class NetworkStrength:
    connections: int
    active_connections: int
    endorsers: int
    recommendations: int
    average_mutual_connections: float | None
    diversity: float | None
    exact: bool


async def network_strength(graph: Graph, network: RequestNetwork, viewer: Viewer, person_id: str,
                           exact_work: int = EXACT_WORK) -> NetworkStrength:
    privacy.require_self_or_admin(viewer, person_id, "see the strength of this person's network")
    adj, row = await asyncio.gather(network.current(),
                                    graph.read_one(NETWORK_STRENGTH, person=person_id, days=ACTIVE_DAYS))
    person = adj.number.get(person_id)
    if row is None or person is None:
        raise not_in_network(person_id)
    tied = search.embeddedness(adj, person, network.budget, exact_work)
    mine = set(search.first_degree(adj, person).tolist())
    active = sum(1 for other in row["exchanged"] if adj.number.get(other) in mine)
    clustering = tied.clustering
    return NetworkStrength(connections=tied.connections, active_connections=active,
                           endorsers=row["endorsers"], recommendations=row["recommendations"],
                           average_mutual_connections=tied.average_mutual_connections,
                           diversity=None if clustering is None else 1.0 - clustering, exact=tied.exact)
