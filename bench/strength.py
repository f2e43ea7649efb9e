"""networkStrength at density (issue 20, R36): its latency for the best-connected people of the dense
benchmark network, at one caller, through GraphQL, and its answers checked against Cypher.

Needs the dense network ``make bench`` imported (``bench/data/dense-50000x120``); adds to it, once and
incrementally (every write a MERGE, so running again adds nothing), what R36 counts beside the
connection index: for each of the ``--top`` best-connected people, 20 skills, endorsements of them by
about a third of their connections (at times spread over the last 180 days, so some are within the 90
days that make a connection active) and SHOWN recommendations from about one in 20. Then it starts
``ties serve --workers 2`` on that database and, at one caller, asks each person for their own
``networkStrength`` (``--calls`` times each, in turn, after an untimed call that checks the answer),
and a random sample of other people once each. Writes ``bench/results/<UTC date>-strength.md``.

Run it alone on the machine: ``.venv/bin/python -m bench.strength``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from pathlib import Path
from typing import Any

import aiohttp
import neo4j

from bench import machine, stats
from bench.clients import Tokens
from bench.networks import Network
from bench.processes import (
    DATABASE,
    LOGS,
    PASSWORD,
    SECRET,
    Neo4jServer,
    http_ok,
    spawn,
    ties_command,
    ties_env,
    wait_until,
)
from service.tools.neo4j_server import free_port

RESULTS = Path(__file__).resolve().parent / "results"
DENSE = Network("dense", 50_000, 120)
TARGET_P99 = 0.100
STRENGTH = """query ($id: ID!) { person(id: $id) { networkStrength {
  connections activeConnections endorsers recommendations averageMutualConnections diversity exact } } }"""

BEST_CONNECTED = """
MATCH (p:Person)
WITH p, COUNT { (p)-[:CONNECTED_TO]-() } AS connections
ORDER BY connections DESC, p.id LIMIT $top
RETURN p.id AS id, connections"""

#: Skills, endorsements and recommendations for one person, by MERGE: idempotent. Who endorses what
#: and when is drawn from the two ids' numbers (generated ids are p000000 ...), so every run draws
#: the same.
VALIDATION = """
MATCH (p:Person {id: $id})
UNWIND range(0, 19) AS i
MERGE (s:Skill {key: 'bench skill ' + i})
MERGE (p)-[h:HAS_SKILL]->(s) ON CREATE SET h.name = 'Bench skill ' + i, h.at = datetime()
WITH DISTINCT p
MATCH (p)-[:CONNECTED_TO]-(c:Person)
WITH p, c, (toInteger(substring(c.id, 1)) * 7919 + toInteger(substring(p.id, 1)) * 104729) % 1000003 AS draw
CALL (p, c, draw) {
  WITH p, c, draw WHERE draw % 3 = 0
  UNWIND range(0, draw % 3 + (draw / 3) % 3) AS j
  WITH p, c, draw, 'bench skill ' + ((draw / 9 + j) % 20) AS skill
  MERGE (c)-[e:ENDORSED {skill: skill}]->(p)
    ON CREATE SET e.id = randomUUID(), e.hidden = false,
                  e.at = datetime() - duration({days: (draw / 7) % 180})
}
CALL (p, c, draw) {
  WITH p, c, draw WHERE draw % 20 = 1
  MERGE (c)-[r:RECOMMENDED]->(p)
    ON CREATE SET r.id = randomUUID(), r.text = 'A benchmark recommendation.', r.relationship = 'OTHER',
                  r.status = 'SHOWN', r.createdAt = datetime() - duration({days: (draw / 11) % 365}),
                  r.updatedAt = datetime() - duration({days: (draw / 11) % 365})
}
WITH DISTINCT p
RETURN COUNT { (p)<-[:ENDORSED]-() } AS endorsements, COUNT { (p)<-[:RECOMMENDED]-() } AS recommendations"""

#: The independent answer: ties among the person's connections, counted by Cypher (each tie a-b
#: among them once, from its smaller id).
TIES_AMONG = """
MATCH (p:Person {id: $id})
RETURN COUNT { (p)-[:CONNECTED_TO]-(:Person) } AS connections,
       COUNT { MATCH (p)-[:CONNECTED_TO]-(a:Person)-[:CONNECTED_TO]-(b:Person)-[:CONNECTED_TO]-(p)
               WHERE a.id < b.id } AS ties"""


def log(message: str) -> None:
    print(f"[strength {time.strftime('%H:%M:%S')}] {message}", flush=True)


Best = list[tuple[str, int]]


def prepare(driver: neo4j.Driver, top: int, others: int) -> tuple[Best, list[str], dict[str, Any]]:
    best = [(r["id"], r["connections"]) for r in driver.execute_query(BEST_CONNECTED, top=top,
                                                                         database_=DATABASE).records]
    if not best or best[0][1] < 1000:
        raise SystemExit(f"{DENSE.name} is not imported (best-connected: {best[:1]}); run `make bench` first")
    added: dict[str, Any] = {}
    for person, _ in best:
        started = time.monotonic()
        row = driver.execute_query(VALIDATION, id=person, database_=DATABASE).records[0]
        added[person] = (row["endorsements"], row["recommendations"], time.monotonic() - started)
        log(f"{person}: {row['endorsements']:,} endorsements, {row['recommendations']:,} recommendations "
            f"({added[person][2]:.1f} s)")
    ids = [r["id"] for r in driver.execute_query("MATCH (p:Person) RETURN p.id AS id ORDER BY id",
                                                 database_=DATABASE).records]
    return best, random.Random(20).sample(ids, others), added


async def ask(session: aiohttp.ClientSession, url: str, tokens: Tokens,
              person: str) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    async with session.post(url, json={"query": STRENGTH, "variables": {"id": person}},
                            headers=tokens.header(person)) as response:
        body = await response.json(content_type=None)
    seconds = time.perf_counter() - started
    if body.get("errors"):
        raise RuntimeError(f"networkStrength of {person}: {body['errors']}")
    answer: dict[str, Any] = body["data"]["person"]["networkStrength"]
    return seconds, answer


async def measure(url: str, driver: neo4j.Driver, best: list[tuple[str, int]], others: list[str],
                  calls: int) -> dict[str, Any]:
    tokens = Tokens(SECRET)
    found: dict[str, Any] = {"people": {}, "others": []}
    async with aiohttp.ClientSession() as session:
        for person, _ in best:  # untimed, and checked against Cypher
            _, answer = await ask(session, url, tokens, person)
            row = driver.execute_query(TIES_AMONG, id=person, database_=DATABASE).records[0]
            expected = 2 * row["ties"] / row["connections"]
            assert answer["connections"] == row["connections"], (answer, dict(row))
            if answer["exact"]:
                assert abs(answer["averageMutualConnections"] - expected) < 1e-9, (answer, expected)
            else:
                error = abs(answer["averageMutualConnections"] - expected)
                assert error <= 0.02 * expected, (answer, expected)
            found["people"][person] = {"answer": answer, "seconds": []}
        for _ in range(calls):
            for person, _ in best:
                seconds, _ = await ask(session, url, tokens, person)
                found["people"][person]["seconds"].append(seconds)
        for person in others:
            await ask(session, url, tokens, person)  # untimed: a first call per person, as above
            seconds, _ = await ask(session, url, tokens, person)
            found["others"].append(seconds)
    return found


def report(best: list[tuple[str, int]], added: dict[str, Any], found: dict[str, Any], usage: machine.Usage,
           calls: int) -> str:
    ms = 1000
    lines = [f"# networkStrength at density ({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC)", "",
             f"Network: {DENSE.name} (`bench/data/{DENSE.name}`), `ties serve --workers 2`, one caller, "
             f"{calls} calls per person after one untimed call checked against Cypher (ties among the "
             "person's connections counted by a MATCH).", "",
             "| person | connections | endorsements | active | endorsers | recommendations | avg mutual | "
             "diversity | exact | p50 ms | p99 ms | max ms |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    everything = []
    for person, connections in best:
        f = found["people"][person]
        a, s = f["answer"], f["seconds"]
        everything += s
        lines.append(f"| {person} | {connections:,} | {added[person][0]:,} | {a['activeConnections']:,} | "
                     f"{a['endorsers']:,} | {a['recommendations']:,} | {a['averageMutualConnections']:.2f} | "
                     f"{a['diversity']:.4f} | {a['exact']} | {stats.p50(s) * ms:.1f} | "
                     f"{stats.p99(s) * ms:.1f} | {max(s) * ms:.1f} |")
    p99 = stats.p99(everything)
    others = found["others"]
    lines += ["", f"All {len(everything)} calls for the {len(best)} best-connected: p50 "
              f"{stats.p50(everything) * ms:.1f} ms, p99 {p99 * ms:.1f} ms, "
              f"max {max(everything) * ms:.1f} ms "
              f"(target p99 <= {TARGET_P99 * ms:.0f} ms: {'met' if p99 <= TARGET_P99 else 'NOT met'}).",
              f"{len(others)} random people, one timed call each: p50 {stats.p50(others) * ms:.1f} ms, "
              f"p99 {stats.p99(others) * ms:.1f} ms, max {max(others) * ms:.1f} ms.", "",
              f"Machine: {machine.description()}; load average "
              f"{', '.join(f'{x:.2f}' for x in usage.load_start)} -> "
              f"{', '.join(f'{x:.2f}' for x in usage.load_end)}; "
              f"other processes used {usage.others_share(os.cpu_count() or 1):.0%} of the machine's CPU "
              f"during the run ({', '.join(f'{n} {c:.0f} s' for n, c in usage.others[:5])})."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.strength", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=5, help="best-connected people measured")
    parser.add_argument("--calls", type=int, default=200, help="timed calls per best-connected person")
    parser.add_argument("--others", type=int, default=100, help="random people, one timed call each")
    args = parser.parse_args()
    neo = Neo4jServer.open(DENSE.home, PASSWORD, os.environ.get("TIES_NEO4J_HEAP", "2g"),
                           os.environ.get("TIES_NEO4J_PAGECACHE", "2g"))
    try:
        with neo4j.GraphDatabase.driver(neo.uri, auth=("neo4j", PASSWORD)) as driver:
            log(f"adding skills, endorsements and recommendations to the {args.top} best-connected "
                "(once) ...")
            best, others, added = prepare(driver, args.top, args.others)
            port = free_port()
            ties = spawn("ties-strength", ties_command("serve", "--host", "127.0.0.1", "--port", str(port),
                                                       "--workers", "2"), ties_env(neo.uri), LOGS)
            try:
                wait_until(ties, http_ok(f"http://127.0.0.1:{port}/readyz"), timeout=600)
                start = machine.Snapshot.take()
                url = f"http://127.0.0.1:{port}/graphql"
                found = asyncio.run(measure(url, driver, best, others, args.calls))
                ours = [ties.pid, neo.pid, os.getpid()]
                usage = machine.usage_between(start, machine.Snapshot.take(), ours)
            finally:
                ties.stop()
        text = report(best, added, found, usage, args.calls)
        out = RESULTS / f"{time.strftime('%Y-%m-%d-%H%M', time.gmtime())}-strength.md"
        out.write_text(text)
        print(text)
        log(f"written to {out}")
    finally:
        neo.stop()


if __name__ == "__main__":
    main()
