"""BLOCKS (R8): block and unblock.

Blocking deletes the connection, follows both ways and pending requests both ways, in the same
transaction that records the block. While either blocks the other, each is invisible to the other
(``people_by_ids`` hides them; lists leave them out; follows and requests are FORBIDDEN).
Unblocking restores nothing. The questions that hide blocked people from lists, mutuals,
suggestions, reach and feeds take the viewer as ``privacy.hidden_from(viewer)``.
"""

from __future__ import annotations

from service import cypher
from service.graph import Graph, Tx
from service.identity import Viewer
from service.relationships import PairState, Relationship, change_pair

BLOCK = cypher.query("block")
UNBLOCK = cypher.query("unblock")


async def block(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """Idempotent; allowed whether or not the other already blocks the viewer."""

    async def decide(tx: Tx, state: PairState) -> None:
        await tx.run(BLOCK, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="block", decide=decide,
                             yourself="You can't block yourself.")


async def unblock(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """Idempotent; the ties the block deleted stay deleted."""

    async def decide(tx: Tx, state: PairState) -> None:
        if state.blocking:
            await tx.run(UNBLOCK, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="unblock", decide=decide,
                             yourself="You can't unblock yourself.")
