"""One request's reads, sent together: those its resolvers issue in one turn of the event loop reach
Neo4j as one statement of ``CALL`` subqueries, in one round trip.

A GraphQL request asks for a person and their degree at once (``service/api/prefetch.py``): two
queries, each paying a round trip and Neo4j's fixed cost per query, which on a small machine is
more than these queries themselves cost (bench/README.md). Sent together they share both.

Each query keeps its own parameters (renamed per subquery), rows and errors: if the combined
statement fails in a way one query could have caused, each runs again on its own. Combining needs
each query's column names, which its file's ``Returns:`` line gives (``service/cypher.py`` checks
them against the RETURN at load), so a query joins others from its first run. Writes and
transactions are not batched.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, LiteralString

from service import cypher
from service.cypher import CypherQuery
from service.errors import Unavailable
from service.graph import Graph, Row


@dataclass
class _Pending:
    query: CypherQuery
    params: dict[str, Any]
    answer: asyncio.Future[list[Row]]


class RequestGraph(Graph):
    """One request's graph (the Context holds one per request): reads are batched, the rest is the graph's."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.driver, graph.database, graph.timeout)
        self._pending: list[_Pending] = []
        self._sending: set[asyncio.Future[None]] = set()
        #: Statements sent for reads so far (a read that joined others counts with them once).
        self.statements = 0

    async def read(self, query: CypherQuery, **params: Any) -> list[Row]:
        if not query.columns:  # only a query made in code whose RETURN does not name its columns
            self.statements += 1
            return await super().read(query, **params)
        loop = asyncio.get_running_loop()
        pending = _Pending(query, params, loop.create_future())
        self._pending.append(pending)
        if len(self._pending) == 1:
            # Resolvers started in this turn issue their reads in the next: send after that.
            loop.call_soon(loop.call_soon, self._send_pending)
        return await pending.answer

    def _send_pending(self) -> None:
        batch, self._pending = self._pending, []
        sending = asyncio.ensure_future(self._send(batch))
        self._sending.add(sending)  # held until done: the loop keeps only weak references to tasks
        sending.add_done_callback(self._sending.discard)

    async def _send(self, batch: list[_Pending]) -> None:
        self.statements += 1
        if len(batch) == 1:
            await _settle(batch[0], super().read(batch[0].query, **batch[0].params))
            return
        batch.sort(key=lambda p: p.query.name)
        params = {f"q{i}_{name}": value for i, p in enumerate(batch) for name, value in p.params.items()}
        names = [p.query.name for p in batch]
        try:
            [row] = await self._statement(_combined(tuple(p.query for p in batch)), params, names)
        except Unavailable as exc:
            for p in batch:
                _fail(p, exc)
        except Exception:
            # One of them may be at fault (a bad parameter, say): each gets its own answer or error.
            self.statements += len(batch)
            await asyncio.gather(*(_settle(p, super(RequestGraph, self).read(p.query, **p.params))
                                   for p in batch))
        else:
            for i, p in enumerate(batch):
                if not p.answer.done():
                    p.answer.set_result(row[f"r{i}"])


async def _settle(pending: _Pending, answer: Awaitable[list[Row]]) -> None:
    try:
        rows = await answer
    except Exception as exc:
        _fail(pending, exc)
    else:
        if not pending.answer.done():
            pending.answer.set_result(rows)


def _fail(pending: _Pending, exc: Exception) -> None:
    if not pending.answer.done():
        pending.answer.set_exception(exc)


@functools.lru_cache(maxsize=512)
def _combined(queries: tuple[CypherQuery, ...]) -> LiteralString:
    """The statement for these queries, made once per combination a process meets."""
    return cypher.combined(queries)
