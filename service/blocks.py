"""BLOCKS (R8): block and unblock.

Blocking deletes the connection, follows both ways and pending requests both ways, in the same
transaction that records the block. While either blocks the other, each is invisible to the other
(``people_by_ids`` hides them; lists leave them out; follows and requests are FORBIDDEN).
Unblocking restores nothing. What each interaction feature ends on a block (R8 as amended) is one
Cypher file of its own in ``ENDED_BY_BLOCK``, run after BLOCK in the same transaction. The
questions that hide blocked people from lists, mutuals, suggestions, reach and feeds take the
viewer as ``privacy.hidden_from(viewer)``; comments stay, hidden from each other while the block
lasts (``service/comments.py``).
"""

from __future__ import annotations

from service import cypher, events
from service.graph import Graph, Tx
from service.identity import Viewer
from service.relationships import PairState, Relationship, change_pair

BLOCK = cypher.query("block")
UNBLOCK = cypher.query("unblock")

#: What else a block ends, both ways, one file per feature, each run with ``$me`` and ``$other``
#: after BLOCK; each returns ``causes``: the causes of the events (notifications) of what it
#: deleted, which are forgotten in the same transaction (``events.forget``).
ENDED_BY_BLOCK = (
    cypher.query("block_validation"),  # endorsements, recommendations and their requests (R30-R35)
    cypher.query("block_reactions"),  # each one's reactions to the other's posts and comments (R20)
)


async def block(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """Idempotent; allowed whether or not the other already blocks the viewer."""

    async def decide(tx: Tx, state: PairState) -> None:
        await tx.run(BLOCK, me=state.me, other=state.other)
        for query in ENDED_BY_BLOCK:
            rows = await tx.run(query, me=state.me, other=state.other)
            await events.forget(tx, [cause for row in rows for cause in row["causes"]])

    return await change_pair(graph, viewer, other, name="block", decide=decide,
                             yourself="You can't block yourself.")


async def unblock(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """Idempotent; the ties the block deleted stay deleted."""

    async def decide(tx: Tx, state: PairState) -> None:
        if state.blocking:
            await tx.run(UNBLOCK, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="unblock", decide=decide,
                             yourself="You can't unblock yourself.")
