"""The cost stage (issue 21): what one answered request costs, in CPU seconds, beside two floors.

For each network, every row below runs as ``callers`` keep-alive callers in a closed loop for
``seconds``, after a short warm-up, in ``rounds`` rounds whose order is shuffled each round:

- **the HTTP floor**: uvicorn + Starlette reading the body and returning a fixed one
  (``bench/floors.py``), served with as many workers as Ties;
- **stock Strawberry** answering ``person(id) { degree }`` from a dict (``bench/floors.py``);
- **Ties** (``ties serve``) answering ``person { name headline }``, ``person { degree }``,
  ``person { degree relationship { mutualConnectionCount } }`` and every graph question of the
  questions stage (``bench/density.py``), each asked by its sample's viewer with a bearer token;
- **raw Bolt**: the person read Ties sends for ``person { name headline }`` (``people_by_ids``),
  sent through the driver from the benchmark's process: what that read alone costs Neo4j.

Around each turn it reads (psutil) the CPU seconds of the server's processes (uvicorn and its
workers), of Neo4j, and of the whole machine, and Neo4j's own count of transactions: every
transaction a database begins takes the next number of its ``<db>-transaction-N`` id, which
``SHOW TRANSACTIONS`` shows for the probe's own transaction. CPU seconds per answered request
hold on a shared machine where latency does not; the report gives them as ratios to the HTTP
floor measured in the same rounds, with the CPU other processes used meanwhile.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import re
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import aiohttp
import neo4j
import psutil

from bench import density, stats
from bench.clients import GraphQLFailed, Tokens, http_session
from bench.processes import DATA, Process, cpu_seconds, family, http_ok, spawn, wait_until
from bench.workload import Sample
from service import cypher
from service.graph import open_driver
from service.tools.neo4j_server import free_port

LOGS = DATA / "logs"
PEOPLE_BY_IDS = cypher.query("people_by_ids")
#: Rows that are not Ties: the two floors and the raw read.
HTTP_FLOOR, STRAWBERRY, RAW = "HTTP floor", "stock Strawberry", "raw Bolt"
PERSON = "query($id: ID!) { person(id: $id) { %s } }"

Call = Callable[[Sample], Awaitable[None]]


@dataclass(frozen=True)
class Row:
    """One line of the cost table: what is asked, of which server, for which samples."""

    name: str
    #: "floor" (the two floors), "simple" (one read of a person), "mutual" (degree + mutuals),
    #: "question" (the questions stage's), "raw" (the read without the service).
    group: str
    server: str
    document: str = ""
    samples: str = "pair"


def rows(reach_has_exact: bool) -> list[Row]:
    degree = "query($id: ID!) { person(id: $id) { degree } }"
    return [
        Row(HTTP_FLOOR, "floor", "http", degree),
        Row(STRAWBERRY + " `person(id) { degree }` from a dict", "floor", "strawberry", degree),
        Row("`person { name headline }`", "simple", "ties", PERSON % "name headline"),
        Row("`person { degree }`", "simple", "ties", PERSON % "degree"),
        Row("`person { degree relationship { mutualConnectionCount } }`", "mutual", "ties",
            PERSON % "degree relationship { mutualConnectionCount }"),
        *(Row(f"`{ask.name}`", "question", "ties", ask.document, ask.samples)
          for ask in density.asks(reach_has_exact)),
        Row(f"{RAW}: `people_by_ids` for `person {{ name headline }}`", "raw", "raw"),
    ]


@dataclass
class Turn:
    answered: int
    refused: int
    seconds: float
    #: CPU seconds during the turn: the server's processes, Neo4j, everything else on the machine.
    server_cpu: float
    neo4j_cpu: float
    others_cpu: float
    transactions: int
    #: The benchmark's own process: the HTTP client, or for raw Bolt the driver doing the read.
    client_cpu: float = 0.0

    def per_request(self, value: float) -> float:
        return value / self.answered if self.answered else float("nan")


@dataclass
class RowResult:
    row: Row
    turns: list[Turn] = field(default_factory=list)

    def median(self, figure: Callable[[Turn], float]) -> float:
        return stats.median([figure(t) for t in self.turns])

    @property
    def server_ms(self) -> float:
        return self.median(lambda t: t.per_request(t.server_cpu) * 1000)

    @property
    def neo4j_ms(self) -> float:
        return self.median(lambda t: t.per_request(t.neo4j_cpu) * 1000)

    @property
    def client_ms(self) -> float:
        return self.median(lambda t: t.per_request(t.client_cpu) * 1000)

    @property
    def transactions(self) -> float:
        return self.median(lambda t: t.per_request(t.transactions))

    def spread(self, figure: Callable[[Turn], float]) -> tuple[float, float]:
        values = [figure(t) for t in self.turns]
        return min(values), max(values)


@dataclass
class CostResult:
    network: str
    callers: int
    seconds: float
    rounds: int
    workers: int
    rows: list[RowResult]
    #: Cores of the machine, for the share others used.
    cores: int

    @property
    def floor_ms(self) -> float:
        return next(r.server_ms for r in self.rows if r.row.name == HTTP_FLOOR)


def _cpu_of_all(roots: list[int]) -> float:
    """CPU seconds of these processes and their descendants, each process counted once (the
    benchmark's own process is the parent of the servers it spawned)."""
    processes = {process.pid: process for root in roots for process in family(root)}
    total = 0.0
    for process in processes.values():
        try:
            used = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += used.user + used.system
    return total


def _machine_busy() -> float:
    """CPU seconds the whole machine spent busy so far (every core, every process)."""
    t = psutil.cpu_times()
    return float(sum(t) - t.idle - getattr(t, "iowait", 0.0))


TRANSACTION_ID = re.compile(r"-transaction-(\d+)$")
PROBE = neo4j.Query("SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.probe = 'cost' "
                    "RETURN transactionId", metadata={"probe": "cost"})


def transaction_number(driver: neo4j.Driver, database: str) -> int:
    """The number Neo4j gave the probe's own transaction: one more than every transaction begun on
    ``database`` before it (so the difference of two probes, less one, counts those between)."""
    with driver.session(database=database) as session:
        [record] = list(session.run(PROBE))
    found = TRANSACTION_ID.search(record["transactionId"])
    if found is None:
        raise RuntimeError(f"unexpected transaction id {record['transactionId']!r}")
    return int(found.group(1))


async def _closed_loop(call: Call, samples: Sequence[Sample], *, callers: int, seconds: float
                       ) -> tuple[int, int, float]:
    """(answered, refused, elapsed) of ``callers`` callers in a closed loop for ``seconds``."""
    positions = itertools.count()
    deadline = time.perf_counter() + seconds
    answered = refused = 0

    async def caller() -> None:
        nonlocal answered, refused
        while time.perf_counter() < deadline:
            try:
                await call(samples[next(positions) % len(samples)])
                answered += 1
            except GraphQLFailed:
                refused += 1

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(callers)))
    return answered, refused, time.perf_counter() - started


def _post(session: aiohttp.ClientSession, url: str, tokens: Tokens, document: str, *, check: bool) -> Call:
    async def call(sample: Sample) -> None:
        variables = {"id": sample.post or sample.person} if "$id" in document else {}
        async with session.post(url, json={"query": document, "variables": variables},
                                headers=tokens.header(sample.viewer)) as response:
            body = await response.read()
        if check:
            answer = json.loads(body)
            if response.status != 200 or answer.get("errors"):
                raise GraphQLFailed(f"{response.status} {answer.get('errors')}")

    return call


def _raw(driver: neo4j.AsyncDriver, database: str) -> Call:
    """The person read as ``service/graph.py`` sends it: an auto-commit query in a read session."""
    async def call(sample: Sample) -> None:
        async with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            params = {"ids": [sample.person], "viewerId": sample.viewer}
            result = await session.run(PEOPLE_BY_IDS.text, params)
            await result.consume()

    return call


async def measure(network: str, ties: Process, neo4j_pid: int, uri: str, auth: tuple[str, str],
                  database: str, secret: str, samples: dict[str, list[Sample]], *, callers: int,
                  seconds: float, rounds: int, workers: int, reach_has_exact: bool,
                  log: Callable[[str], None], groups: frozenset[str] = frozenset(), seed: int = 21
                  ) -> CostResult:
    """Every row of ``rows`` in ``rounds`` shuffled rounds; the floors run beside Ties meanwhile."""
    floors: dict[str, Process] = {}
    session = http_session(callers)
    tokens = Tokens(secret)
    # Configured as the service's own driver is (service.graph.DRIVER_CONFIG), pool aside.
    raw_driver = open_driver(uri, *auth, max_connection_pool_size=callers * 2)
    counter = neo4j.GraphDatabase.driver(uri, auth=auth)
    try:
        for name in ("http", "strawberry"):
            port = free_port()
            floors[name] = spawn(f"floor-{name}", [sys.executable, "-m", "bench.floors", name, "--port",
                                                   str(port), "--workers", str(workers)], {}, LOGS)
            floors[name].url = f"http://127.0.0.1:{port}/graphql"
        for process in floors.values():
            wait_until(process, http_ok(process.url, {"query": "{ __typename }"}))
        # The HTTP floor always: every other row is a multiple of it.
        results = [RowResult(row) for row in rows(reach_has_exact)
                   if not groups or row.group in groups or row.name == HTTP_FLOOR]
        calls: dict[str, tuple[Call, int | None]] = {}
        for result in results:
            row = result.row
            if row.server == "raw":
                calls[row.name] = (_raw(raw_driver, database), None)
            else:
                process = ties if row.server == "ties" else floors[row.server]
                post = _post(session, process.url, tokens, row.document, check=row.server == "ties")
                calls[row.name] = (post, process.pid)
        ours = [ties.pid, neo4j_pid, *(p.pid for p in floors.values())]
        rng = random.Random(seed)
        order = list(results)
        for round_number in range(rounds):
            rng.shuffle(order)
            for result in order:
                row = result.row
                call, pid = calls[row.name]
                chosen = samples[row.samples]
                await _closed_loop(call, chosen, callers=callers, seconds=min(2.0, seconds))  # warm-up
                turn = await _turn(call, chosen, pid, neo4j_pid, ours, counter, database, callers=callers,
                                   seconds=seconds)
                result.turns.append(turn)
                log(f"  cost {network} round {round_number + 1}/{rounds} {row.name}: "
                    f"{turn.answered / turn.seconds:.0f} req/s, server "
                    f"{turn.per_request(turn.server_cpu) * 1000:.2f} ms, Neo4j "
                    f"{turn.per_request(turn.neo4j_cpu) * 1000:.2f} ms, "
                    f"{turn.per_request(turn.transactions):.2f} tx per request"
                    + (f", {turn.refused} refused" if turn.refused else ""))
        return CostResult(network, callers, seconds, rounds, workers, results, psutil.cpu_count() or 1)
    finally:
        await session.close()
        await raw_driver.close()
        counter.close()
        for process in floors.values():
            process.stop()


async def _turn(call: Call, samples: Sequence[Sample], pid: int | None, neo4j_pid: int, ours: list[int],
                counter: neo4j.Driver, database: str, *, callers: int, seconds: float) -> Turn:
    """One timed closed loop; ``ours`` are the roots of every process the stage runs (the rest of the
    machine's CPU is others')."""
    def read() -> tuple[float, float, float, float, float]:
        return (cpu_seconds(pid) if pid is not None else 0.0, cpu_seconds(neo4j_pid), _machine_busy(),
                _cpu_of_all([*ours, os.getpid()]), _own_cpu())

    first = await asyncio.to_thread(transaction_number, counter, database)
    before = read()
    answered, refused, elapsed = await _closed_loop(call, samples, callers=callers, seconds=seconds)
    after = read()
    last = await asyncio.to_thread(transaction_number, counter, database)
    return Turn(answered, refused, elapsed, server_cpu=after[0] - before[0], neo4j_cpu=after[1] - before[1],
                others_cpu=max(0.0, (after[2] - before[2]) - (after[3] - before[3])),
                transactions=last - first - 1, client_cpu=after[4] - before[4])


def _own_cpu() -> float:
    """CPU seconds of the benchmark's process alone (its children, the servers, left out)."""
    used = psutil.Process().cpu_times()
    return float(used.user + used.system)
