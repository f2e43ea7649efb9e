"""Reach: how many distinct people someone reaches, by tie and by distance (R12).

Every number counts distinct people and leaves out everyone blocked either way with the person
(R8); blocked people are out of the person's network altogether, so no distance runs through them.
Counts are public like the follower and connection counts they refine (R9).

Follower counts come from Neo4j (``cypher/follower_reach.cypher``); the 2nd and 3rd degree from the
connection index (``service/network``), exactly, unless expanding the 3rd level would read more
than ``exact_work`` neighbour entries: then it is estimated from a sample and the answer says so
(``exact``). ``cypher/reach.cypher`` answers all of it in Cypher, for Browser.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from service import cypher
from service.graph import Graph
from service.network import RequestNetwork, search

FOLLOWER_REACH = cypher.query("follower_reach")

#: Neighbour entries a 3rd level may read before it is estimated instead: above any person's work
#: on the benchmark's dense network (50k people, 4.5M connections: at most ~9M entries), so every
#: answer there is exact; on a network of millions, the few people whose 2nd level is huge get an
#: estimate that costs the same at any size (``search.SAMPLE``).
EXACT_WORK = 20_000_000


@dataclass(frozen=True)
class Reach:
    followers: int = 0
    connections: int = 0
    followers_outside_connections: int = 0
    second_degree: int = 0
    third_degree: int = 0
    #: Who would see a PUBLIC post by the person: followers and connections, each person once.
    audience: int = 0
    #: False when the third degree was estimated.
    exact: bool = True


async def reach_by_ids(graph: Graph, network: RequestNetwork, ids: list[str],
                       exact_work: int = EXACT_WORK) -> dict[str, Reach]:
    # Both at once: catching up with the change log and counting followers are a round trip each.
    # Neo4j's part costs what the people's follower and connection lists hold (at most a page of
    # them per batch); the index's part is what the request's budget bounds.
    adj, rows = await asyncio.gather(network.current(), graph.read(FOLLOWER_REACH, ids=ids))
    levels = {person_id: search.levels(adj, adj.number[person_id], network.budget, exact_work)
              for person_id in ids if person_id in adj.number}
    found = {}
    for row in rows:
        level = levels.get(row["id"], search.Levels(0, 0, 0))
        found[row["id"]] = Reach(followers=row["followers"], connections=row["connections"],
                                 followers_outside_connections=row["followersOutsideConnections"],
                                 second_degree=level.second, third_degree=level.third,
                                 audience=row["audience"], exact=level.exact)
    return found
