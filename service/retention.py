"""The event log's retention: events older than TIES_EVENT_RETENTION_DAYS (default 30) are pruned.

Pruning deletes old events in batches of ``PRUNE_BATCH``, each its own short transaction, finding
them through the index on ``Event.at`` (``cypher/prune_events.cypher``). Every service process runs
it at start and then every ``PRUNE_EVERY`` seconds; the pruners of several workers or instances
take one lock in turn, and all but the first find nothing left to do.
"""

from __future__ import annotations

import asyncio
import logging

from service import cypher
from service.errors import TiesError
from service.graph import Graph

PRUNE_EVENTS = cypher.query("prune_events")
PRUNE_BATCH = 5_000
PRUNE_EVERY = 3600.0

log = logging.getLogger("ties.retention")


async def prune(graph: Graph, days: int, batch: int = PRUNE_BATCH) -> int:
    """Deletes every event older than ``days`` days; answers how many."""
    total = 0
    while True:
        [row] = await graph.write(PRUNE_EVENTS, days=days, batch=batch)
        pruned: int = row["pruned"]
        total += pruned
        if pruned < batch:
            return total


async def keep_pruning(graph: Graph, days: int, every: float = PRUNE_EVERY) -> None:
    """Prunes now and every ``every`` seconds, until cancelled (the app's lifespan owns the task)."""
    while True:
        try:
            if pruned := await prune(graph, days):
                log.info("pruned %d events older than %d days", pruned, days)
        except TiesError as exc:  # the database is away: try again next time
            log.warning("pruning the event log failed: %s", exc.message)
        except Exception:
            log.exception("pruning the event log failed")
        await asyncio.sleep(every)
