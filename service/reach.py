"""Reach: how many distinct people someone reaches, by tie and by distance (R12).

Every number counts distinct people and leaves out everyone blocked either way with the person
(R8); blocked people are out of the person's network altogether, so no distance runs through them.
Counts are public like the follower and connection counts they refine (R9).
"""

from __future__ import annotations

from dataclasses import dataclass

from service import cypher
from service.graph import Graph

REACH = cypher.query("reach")


@dataclass(frozen=True)
class Reach:
    followers: int = 0
    connections: int = 0
    followers_outside_connections: int = 0
    second_degree: int = 0
    third_degree: int = 0
    #: Who would see a PUBLIC post by the person: followers and connections, each person once.
    audience: int = 0


async def reach_by_ids(graph: Graph, ids: list[str]) -> dict[str, Reach]:
    rows = await graph.read(REACH, ids=ids)
    return {row["id"]: Reach(followers=row["followers"], connections=row["connections"],
                             followers_outside_connections=row["followersOutsideConnections"],
                             second_degree=row["secondDegree"], third_degree=row["thirdDegree"],
                             audience=row["audience"])
            for row in rows}
