"""The driver boundary: the only module that talks to Neo4j.

Reads run as auto-commit queries in read sessions (routed to secondaries on a cluster; one round
trip each, retried here when the failure says so), writes as managed write transactions (retried by
the driver on transient errors, so each must be idempotent). Every query
carries its file name as transaction metadata, so ``SHOW TRANSACTIONS`` and the query log name it.
Records leave as plain dicts of Python values; Neo4j's exceptions leave as ``service.errors``,
translated here by the table in ``service/driver_errors.py``.
The reads of one request are sent together by ``service/batching.py``, built on this module.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString, TypeVar

import neo4j
import neo4j.exceptions
import neo4j.time
from neo4j import AsyncDriver, AsyncManagedTransaction, Query, RoutingControl, unit_of_work

from service import metrics
from service.cypher import CypherQuery
from service.driver_errors import translated

T = TypeVar("T")
Row = dict[str, Any]
log = logging.getLogger("ties.graph")

#: How the one driver behaves while Neo4j is down: requests fail within seconds (UNAVAILABLE)
#: instead of the driver's defaults (30 s of retries, 30 s to connect, 60 s waiting for the pool),
#: and the pool reconnects by itself when the database is back, so no restart is needed.
#: Retries still cover what they are for: a deadlock between two concurrent writes, a leader
#: switch in a cluster, a connection the server closed while it sat in the pool.
DRIVER_CONFIG: dict[str, Any] = {
    "connection_timeout": 3.0,  # TCP connect and Bolt handshake to one server
    "connection_acquisition_timeout": 5.0,  # waiting for a free pooled connection
    "max_transaction_retry_time": 2.0,  # retrying on transient errors: 3 tries, about 3 s at most
    # A graph with no BLOCKS (say) yet makes every query that mentions them draw an "unknown
    # relationship type" notification: a long warning in the log per query (bench/profile.py).
    "notifications_disabled_classifications": ["UNRECOGNIZED"],
}
#: A read that fails in a way the driver calls retryable is tried this many times in all,
#: waiting READ_RETRY_DELAY, then twice that, between tries.
READ_ATTEMPTS = 3
READ_RETRY_DELAY = 0.1
#: /readyz answers within this many seconds, whatever the database does.
PING_TIMEOUT = 3.0
#: At stop, the driver closes once its calls still running end, or after this many seconds.
CLOSE_GRACE = 10.0


#: Values that are already Python's, looked up by exact type: most values are these, and a set
#: lookup costs less than the isinstance checks below (a page of 5,000 people holds 30,000).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _native(value: Any) -> Any:
    """Neo4j temporal values -> Python's; lists and maps recursively; everything else as is."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (neo4j.time.DateTime, neo4j.time.Date, neo4j.time.Time)):
        return value.to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    return value


def instant(text: str) -> datetime:
    """Neo4j's ``toString`` of a DateTime -> an aware datetime (a zone id in brackets is dropped:
    the offset before it says the same instant).

    Queries return times as text where they return many: the driver hydrates a DateTime in ~40 µs
    of pure Python, a quarter of a suggestions request's CPU when it read forty (bench/README.md).
    """
    return datetime.fromisoformat(text.partition("[")[0])


def _rows(records: list[neo4j.Record]) -> list[Row]:
    return [{k: _native(v) for k, v in zip(record.keys(), record.values(), strict=True)}
            for record in records]


def _tagged(text: LiteralString, names: Sequence[str]) -> Query:
    """Query text tagged with the queries it answers, for ``SHOW TRANSACTIONS`` and the query log."""
    return Query(text, metadata={"app": "ties", "query": "+".join(names)})


@contextmanager
def _translated() -> Iterator[None]:
    """Raises what ``translated`` makes of a driver's exception, chained to it; the rest as it is."""
    try:
        yield
    except Exception as exc:
        if (error := translated(exc)) is None:
            raise
        raise error from exc


#: Driver calls still running, shielded (``_uncancellable``), on any event loop of the process
#: (tests run several services, each on a loop of its own): ``close_driver`` waits for its loop's.
_running: set[asyncio.Future[Any]] = set()


def _uncancellable(call: Awaitable[T]) -> Awaitable[T]:
    """Lets a driver call run to its end even when the request awaiting it is cancelled.

    graphql-core cancels a field's sibling resolvers as soon as one of them fails, and the driver
    leaks the raw socket when a cancellation lands while it is opening a new connection (its
    cleanup catches Exception, not CancelledError). Shielded, the call finishes in the background
    (bounded by DRIVER_CONFIG) and its outcome is dropped; the caller still sees its cancellation,
    or its deadline, at once.
    """
    task = asyncio.ensure_future(call)
    _running.add(task)
    task.add_done_callback(_running.discard)
    task.add_done_callback(drop_outcome)
    return asyncio.shield(task)


async def close_driver(driver: AsyncDriver, grace: float = CLOSE_GRACE) -> None:
    """Closes the driver once the calls still running on this event loop have ended, those whose
    callers gave up on them included (a dropped early answer, a cancelled background task), or
    after ``grace`` seconds: a call the close cuts off would leave its socket open."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + grace
    while running := [task for task in list(_running) if task.get_loop() is loop]:
        if loop.time() >= deadline:
            log.warning("closing the Neo4j driver with %d call(s) still running after %.0f s",
                        len(running), grace)
            break
        await asyncio.wait(running, timeout=deadline - loop.time())
    await driver.close()


def drop_outcome(future: asyncio.Future[Any]) -> None:
    """A done callback for a future whose outcome may go unread (a shielded call whose caller was
    cancelled, an answer started early for a field never resolved): its exception counts as
    retrieved, so asyncio does not log it as "never retrieved"."""
    if not future.cancelled():
        future.exception()


@dataclass(frozen=True)
class Counters:
    """What one write transaction created."""

    nodes_created: int = 0
    relationships_created: int = 0


class Tx:
    """One open write transaction; every ``run`` inside it commits or rolls back together."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self._tx = tx

    async def run(self, query: CypherQuery, **params: Any) -> list[Row]:
        result = await self._tx.run(query.text, params)
        return _rows([record async for record in result])

    async def one(self, query: CypherQuery, **params: Any) -> Row | None:
        rows = await self.run(query, **params)
        return rows[0] if rows else None


class Graph:
    """Read and write helpers over one driver and one database."""

    def __init__(self, driver: AsyncDriver, database: str, timeout: float | None = None) -> None:
        """``timeout``: seconds one call may take, retries included, before it fails as Unavailable.

        The service sets it (``TIES_QUERY_TIMEOUT``) so no request waits on the database without
        end (a database that is still recovering accepts queries and holds them); migrations and
        imports leave it unset.
        """
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def read(self, query: CypherQuery, **params: Any) -> list[Row]:
        """One read query, as an auto-commit query in a read session.

        ``execute_query`` wraps a read in BEGIN ... COMMIT: two round trips to Neo4j where one will
        do, and on this kind of machine each round trip is most of a small query's cost
        (bench/README.md). Reads are safe to repeat, so a failure the driver calls retryable (a
        dead pooled connection, a database starting up) is tried again here, as the driver would.
        Sessions share ``execute_query``'s bookmarks, so a read still sees the writes before it.
        """
        return await self._statement(query.text, params, [query.name])

    async def _statement(self, text: LiteralString, params: dict[str, Any],
                         names: Sequence[str]) -> list[Row]:
        """Runs one read statement, answering the queries ``names`` (several when batched)."""
        return _rows(await self._guarded(names, self._read(_tagged(text, names), params)))

    async def _guarded(self, names: Sequence[str], call: Awaitable[T]) -> T:
        """Every driver call goes through here: under the deadline, shielded from cancellation,
        its errors translated, its time observed for each query it answers."""
        started = time.perf_counter()
        try:
            with _translated():
                async with asyncio.timeout(self.timeout):
                    return await _uncancellable(call)
        finally:
            seconds = time.perf_counter() - started
            for name in names:
                metrics.labelled(metrics.NEO4J_SECONDS, name).observe(seconds)

    async def _read(self, query: Query, params: dict[str, Any]) -> list[neo4j.Record]:
        attempt = 1
        while True:
            try:
                async with self.driver.session(
                        database=self.database, default_access_mode=neo4j.READ_ACCESS,
                        bookmark_manager=self.driver.execute_query_bookmark_manager) as session:
                    result = await session.run(query, params)
                    return [record async for record in result]
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
                if attempt == READ_ATTEMPTS or not exc.is_retryable():
                    raise
            await asyncio.sleep(READ_RETRY_DELAY * attempt)
            attempt += 1

    async def read_one(self, query: CypherQuery, **params: Any) -> Row | None:
        rows = await self.read(query, **params)
        return rows[0] if rows else None

    async def write(self, query: CypherQuery, **params: Any) -> list[Row]:
        """One query, one write transaction."""
        return (await self.write_counted(query, **params))[0]

    async def write_counted(self, query: CypherQuery, **params: Any) -> tuple[list[Row], Counters]:
        """Like ``write``, plus what the transaction changed (for bulk loads that report it)."""
        result = await self._guarded([query.name], self.driver.execute_query(
            _tagged(query.text, [query.name]), params, routing_=RoutingControl.WRITE,
            database_=self.database))
        c = result.summary.counters
        return _rows(result.records), Counters(c.nodes_created, c.relationships_created)

    async def transaction(self, name: str, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Runs ``work`` in one managed write transaction tagged ``name``.

        The driver retries it on transient errors (deadlocks among them), so ``work`` must be safe
        to run again from the start; it must not keep state outside the transaction.
        """

        @unit_of_work(metadata={"app": "ties", "query": name})
        async def run(tx: AsyncManagedTransaction) -> T:
            return await work(Tx(tx))

        async def in_session() -> T:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(run)

        return await self._guarded([name], in_session())

    async def ping(self, timeout: float = PING_TIMEOUT) -> bool:
        """True when the database answers a trivial read within ``timeout`` seconds.

        Auto-commit queries, not the retrying managed kind, so a probe never waits on the retry
        budget; a second try covers a pooled connection the server closed since it was last used.
        """
        async def answers() -> bool:
            for _attempt in range(2):
                try:
                    async with self.driver.session(database=self.database,
                                                   default_access_mode=neo4j.READ_ACCESS) as session:
                        await (await session.run("RETURN 1")).consume()
                        return True
                except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
                    continue
            return False

        try:
            async with asyncio.timeout(timeout):
                return await _uncancellable(answers())
        except TimeoutError:
            pass
        return False


def open_driver(uri: str, user: str, password: str, **config: Any) -> AsyncDriver:
    """The process's one driver (the app's lifespan owns it), configured by ``DRIVER_CONFIG``."""
    return neo4j.AsyncGraphDatabase.driver(uri, auth=(user, password), **{**DRIVER_CONFIG, **config})
