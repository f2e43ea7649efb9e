"""The soak stage: ``concurrency`` callers of mixed reads and writes against ``ties serve`` and the
local Neo4j it supervises, for ``seconds``, while that Neo4j is SIGKILLed ``kills`` times (as the
kernel's out-of-memory killer would) and comes back by supervision alone (service/tools/supervision.py).

What it checks, from what a caller saw: no acknowledged write is lost (each is recorded and all are
looked up at the end), no error other than UNAVAILABLE, and the service's memory (RSS of
``ties serve`` and its workers, Neo4j excluded) grows less than 10% from the end of the warm-up to
the end. Its Neo4j lives in ``bench/data/soak/neo4j``, fresh each run, loaded with a generated
network of ``people`` (``ties generate`` + ``ties import``).
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import neo4j

from bench import stats
from bench.clients import Tokens, http_session
from bench.processes import DATA, http_ok, service_rss, spawn, ties_command, wait_until
from bench.workload import Question, Samples, available
from service.identity import issue_token
from service.settings import PROJECT_ROOT
from service.tools.neo4j_server import LocalNeo4j, free_port

HOME = DATA / "soak" / "neo4j"
WRITE_SHARE = 0.3
#: Memory is compared from the end of the warm-up on; the warm-up also fills the driver's pool.
WARMUP_SHARE = 0.15
#: Each RSS figure is the median of the samples in a window this long (one sample per second).
RSS_WINDOW = 30.0

CREATE = "mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }"
FOLLOW = "mutation ($id: ID!) { follow(personId: $id) { following } }"
REQUEST = "mutation ($id: ID!) { sendConnectionRequest(personId: $id) { requestSent connected } }"
ACCEPT = "mutation ($id: ID!) { acceptConnectionRequest(personId: $id) { connected } }"

#: People anyone may follow (R1: a CONNECTIONS follow policy would answer FORBIDDEN).
FOLLOWABLE = """MATCH (p:Person) WHERE coalesce(p.followPolicy, 'EVERYONE') <> 'CONNECTIONS'
                RETURN p.id AS id ORDER BY id LIMIT 500"""
LOST = """
UNWIND $writes AS w
OPTIONAL MATCH (a:Person {id: w[1]})
OPTIONAL MATCH (b:Person {id: w[2]})
WITH w, CASE w[0]
          WHEN 'person' THEN a IS NOT NULL
          WHEN 'follows' THEN EXISTS { (a)-[:FOLLOWS]->(b) }
          WHEN 'requested' THEN EXISTS { (a)-[:REQUESTED]->(b) } OR EXISTS { (a)-[:CONNECTED_TO]-(b) }
          WHEN 'connected' THEN EXISTS { (a)-[:CONNECTED_TO]-(b) }
        END AS present
WHERE NOT present
RETURN w"""


@dataclass
class SoakResult:
    seconds: float
    callers: int
    people: int
    write_share: float = WRITE_SHARE
    reads: int = 0
    #: Acknowledged writes as (kind, a, b): what the end checks one by one.
    acknowledged: list[tuple[str, str, str]] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    #: Per kill: seconds from SIGKILL until /readyz said ready again (None: it never did).
    recoveries: list[float | None] = field(default_factory=list)
    lost: int = -1
    service_restarted: bool = False
    #: (seconds since start, RSS bytes of the service without Neo4j), once a second.
    rss: list[tuple[float, int]] = field(default_factory=list)

    @property
    def other_errors(self) -> int:
        return sum(n for code, n in self.errors.items() if code != "UNAVAILABLE")

    def rss_at(self, start: float) -> float:
        """The median RSS of the samples in [start, start + RSS_WINDOW): the middle sample, the
        higher of the two middle ones when their number is even (as every recorded soak took it)."""
        window = [b for t, b in self.rss if start <= t < start + RSS_WINDOW]
        return stats.percentile(window, 50, method="higher") if window else float("nan")

    @property
    def rss_growth(self) -> tuple[float, float, float]:
        """(after warm-up, at the end, relative growth): medians over RSS_WINDOW each."""
        base = self.rss_at(self.seconds * WARMUP_SHARE)
        end = self.rss_at(max(self.seconds - RSS_WINDOW, 0.0))
        return base, end, end / base - 1


class Callers:
    """The load: each caller reads (a question about a sampled person) or writes (a new person who
    follows a sampled one and asks the caller's previous person to connect, who accepts)."""

    def __init__(self, url: str, secret: str, work: list[tuple[Question, Any]], people: list[str],
                 result: SoakResult) -> None:
        self.url, self.work, self.people, self.result = url, work, people, result
        self.tokens = Tokens(secret)
        admin = issue_token(secret, "admin", admin=True, ttl_seconds=86400)
        self.admin = {"Authorization": f"Bearer {admin}"}

    async def post(self, session: aiohttp.ClientSession, query: str, variables: dict[str, Any],
                   headers: dict[str, str]) -> dict[str, Any] | None:
        """The reply's data, or None after counting its error codes (HTTP failures as HTTP <status>)."""
        try:
            async with session.post(self.url, json={"query": query, "variables": variables},
                                    headers=headers) as response:
                body: dict[str, Any] = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            self.result.errors[f"HTTP {type(exc).__name__}"] += 1
            return None
        if errors := body.get("errors"):
            self.result.errors.update(e.get("extensions", {}).get("code", "NO CODE") for e in errors)
            return None
        data: dict[str, Any] = body["data"]
        return data

    async def caller(self, n: int, session: aiohttp.ClientSession, deadline: float) -> None:
        rng = random.Random(n)
        previous: str | None = None
        step = 0
        while time.monotonic() < deadline:
            if rng.random() >= self.result.write_share:
                question, sample = self.work[rng.randrange(len(self.work))]
                ok = await self.post(session, question.ties, question.ties_vars(sample),
                                     self.tokens.header(sample.viewer)) is not None
                self.result.reads += ok
            else:
                step += 1
                me = f"soak-{n}-{step}"
                ok = await self.write_step(session, me, previous, rng.choice(self.people))
                previous = me if ok else previous
            if not ok:
                await asyncio.sleep(0.1)  # the service is telling us to come back shortly

    async def write_step(self, session: aiohttp.ClientSession, me: str, previous: str | None,
                         famous: str) -> bool:
        ack = self.result.acknowledged
        if await self.post(session, CREATE, {"input": {"id": me, "name": me}}, self.admin) is None:
            return False
        ack.append(("person", me, me))
        mine = self.tokens.header(me)
        if await self.post(session, FOLLOW, {"id": famous}, mine) is not None:
            ack.append(("follows", me, famous))
        if previous is not None and await self.post(session, REQUEST, {"id": previous}, mine) is not None:
            ack.append(("requested", me, previous))
            if await self.post(session, ACCEPT, {"id": me}, self.tokens.header(previous)) is not None:
                ack.append(("connected", me, previous))
        return True


async def _kill_and_watch(server: LocalNeo4j, ready_url: str, started: float, seconds: float, kills: int,
                          result: SoakResult, log: Callable[[str], None]) -> None:
    """SIGKILLs the Neo4j at evenly spaced moments and times each return of /readyz to 200."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async def ready() -> bool:
            try:
                async with session.get(ready_url) as response:
                    return response.status == 200
            except (aiohttp.ClientError, TimeoutError):
                return False

        for k in range(1, kills + 1):
            await asyncio.sleep(max(0.0, started + seconds * k / (kills + 1) - time.monotonic()))
            if (pid := server.pid()) is None:
                log("soak: no Neo4j to kill (still down from the last kill?)")
                result.recoveries.append(None)
                continue
            os.kill(pid, signal.SIGKILL)
            killed = time.monotonic()
            log(f"soak: SIGKILLed Neo4j (pid {pid}), kill {k} of {kills}")
            await asyncio.sleep(1.0)
            while not await ready():
                if time.monotonic() > started + seconds + 300:
                    result.recoveries.append(None)
                    break
                await asyncio.sleep(0.5)
            else:
                result.recoveries.append(time.monotonic() - killed)
                log(f"soak: ready again {result.recoveries[-1]:.1f} s after the kill")


async def _sample_rss(pid: int, started: float, deadline: float, result: SoakResult) -> None:
    while time.monotonic() < deadline:
        result.rss.append((time.monotonic() - started, service_rss(pid)))
        await asyncio.sleep(1.0)


def _network(people: int, env: dict[str, str], log: Callable[[str], None]) -> None:
    """Generates (once) and imports a ``people`` network into the soak's fresh Neo4j."""
    network = DATA / f"network-{people}"
    if not (network / "people.csv").exists():
        log(f"soak: generating a {people:,}-person network ...")
        spawn_and_wait(ties_command("generate", str(network), "--people", str(people)), env)
    files = [arg for kind in ("people", "follows", "connections", "requests", "posts", "shares")
             if (network / f"{kind}.csv").exists() for arg in (f"--{kind}", str(network / f"{kind}.csv"))]
    log("soak: importing it ...")
    spawn_and_wait(ties_command("import", *files, "--quiet"), env)


def spawn_and_wait(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[2:4])} failed:\n{done.stdout}{done.stderr}")


async def soak(*, seconds: float, callers: int, people: int, kills: int, workers: int, password: str,
               secret: str, log: Callable[[str], None]) -> SoakResult:
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    (HOME / "lib").symlink_to(PROJECT_ROOT / ".neo4j" / "lib")
    server = LocalNeo4j(home=HOME, lib=HOME / "lib", bolt_port=free_port(), http_port=free_port(),
                        user="neo4j", password=password, heap=os.environ.get("TIES_NEO4J_HEAP", "1g"),
                        pagecache=os.environ.get("TIES_NEO4J_PAGECACHE", "512m"))
    port = free_port()
    env = {"TIES_NEO4J_HOME": str(HOME), "TIES_NEO4J_BOLT_PORT": str(server.bolt_port),
           "TIES_NEO4J_HTTP_PORT": str(server.http_port), "TIES_NEO4J_HEAP": server.heap,
           "TIES_NEO4J_PAGECACHE": server.pagecache, "NEO4J_PASSWORD": password, "TIES_JWT_SECRET": secret,
           "NEO4J_URI": ""}  # empty: `ties serve` runs and supervises its own Neo4j
    log(f"soak: `ties serve --workers {workers}` with its own Neo4j in {HOME} ...")
    ties = spawn("soak-ties", ties_command("serve", "--port", str(port), "--workers", str(workers)),
                 env, DATA / "logs")
    result = SoakResult(seconds=seconds, callers=callers, people=people)
    try:
        wait_until(ties, http_ok(f"http://127.0.0.1:{port}/readyz"), timeout=300)
        _network(people, {**env, "NEO4J_URI": server.bolt_uri}, log)
        with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", password)) as driver:
            samples = Samples.draw(driver, "neo4j", 50)
            ids = [r["id"] for r in driver.execute_query(FOLLOWABLE, database_="neo4j").records]
            work = [(q, s) for q in available() for s in samples.by_kind[q.samples]]
            load = Callers(f"http://127.0.0.1:{port}/graphql", secret, work, ids, result)
            log(f"soak: {callers} callers for {seconds:.0f} s, Neo4j SIGKILLed {kills} times ...")
            started = time.monotonic()
            deadline = started + seconds
            session = http_session(callers)
            try:
                await asyncio.gather(
                    *(load.caller(n, session, deadline) for n in range(callers)),
                    _kill_and_watch(server, f"http://127.0.0.1:{port}/readyz", started, seconds, kills,
                                    result, log),
                    _sample_rss(ties.pid, started, deadline, result))
            finally:
                await session.close()
            result.service_restarted = not ties.alive()
            records = driver.execute_query(LOST, writes=[list(w) for w in result.acknowledged],
                                           database_="neo4j").records
            result.lost = len(records)
    finally:
        ties.stop(timeout=90)
        if (left := server.pid()) is not None:  # never leave a server behind
            os.kill(left, signal.SIGKILL)
    return result
