"""Where Ties spends its CPU per request, and what each question costs Neo4j.

``profile_question`` drives one question at a running Ties from a few concurrent callers while
py-spy samples the server (``--gil``: only samples holding the GIL, i.e. Python actually running),
and reads the CPU seconds Ties and Neo4j used meanwhile from /proc. The benchmark run calls it for
every question, so each results file carries the profile that explains its figures.

``python -m bench.profile [--question degree] [--plans]`` does the same on its own: it starts Ties
with one worker against the benchmark's Neo4j, prints the shares by layer and the hottest
functions, and with ``--plans`` the PROFILE of each question's Cypher with its database hits. Raw
stacks are kept under ``bench/data/profiles/``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j

from bench import measure
from bench.clients import GraphQLVariant, Tokens, http_session
from bench.networks import Network
from bench.processes import (
    DATA,
    DATABASE,
    LOGS,
    PASSWORD,
    SECRET,
    Neo4jServer,
    cpu_seconds,
    http_ok,
    spawn,
    ties_command,
    ties_env,
    wait_until,
)
from bench.workload import Question, Samples, available
from service.tools.neo4j_server import free_port

PROFILES = DATA / "profiles"
PY_SPY = Path(sys.executable).parent / "py-spy"

#: Layers, by where a frame's file lives; the first match wins.
LAYERS = [
    ("logging", re.compile(r"[(/]logging/|uvicorn/logging|[(/]service/logs")),
    ("GraphQL (strawberry, graphql-core)", re.compile(r"[(/](strawberry|graphql)/")),
    ("Neo4j driver", re.compile(r"[(/]neo4j/|neo4j_rust_ext")),
    ("HTTP (uvicorn, starlette, httptools)", re.compile(r"[(/](uvicorn|starlette|httptools|h11)/")),
    ("JWT", re.compile(r"[(/](jwt|cryptography)/")),
    ("json", re.compile(r"[(/]json/")),
    ("Ties (service/)", re.compile(r"[(/]service/|[(]loaders.py")),
    ("asyncio event loop", re.compile(r"[(/]asyncio/|uvloop")),
]
#: The innermost frames that are a socket write: on this machine a loopback write is dear (the
#: kernel runs the receiving side's network stack in the writer's time slice), so they get a row.
SOCKET_WRITES = re.compile(r"StreamWriter\.write|RequestResponseCycle\.send|_SelectorSocketTransport\.write")


def layer(frame: str) -> str:
    if SOCKET_WRITES.search(frame):
        return "socket writes (Bolt and HTTP)"
    for name, pattern in LAYERS:
        if pattern.search(frame):
            return name
    return "other"


@dataclass
class Profile:
    question: str
    requests: int
    seconds: float
    ties_cpu: float
    neo4j_cpu: float
    #: Share of samples by layer of the innermost frame, largest first.
    layers: list[tuple[str, float]]
    #: Share of samples each function was on the stack for, largest first.
    functions: list[tuple[str, float]]
    raw: Path

    @property
    def ties_ms(self) -> float:
        return self.ties_cpu / self.requests * 1000

    @property
    def neo4j_ms(self) -> float:
        return self.neo4j_cpu / self.requests * 1000


def read_stacks(raw: Path) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    by_layer: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines() if raw.exists() else []:
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        by_layer[layer(frames[-1])] += count
        for frame in set(frames):
            inclusive[frame] += count
    if not total:
        return [], []
    return ([(name, n / total) for name, n in by_layer.most_common()],
            [(frame, n / total) for frame, n in inclusive.most_common()])


async def profile_question(url: str, ties_pid: int, neo4j_pid: int, question: Question, samples: Samples,
                           secret: str, *, seconds: float = 15, callers: int = 4) -> Profile:
    """Loads Ties with ``question`` for ``seconds`` while py-spy samples every Ties process."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    raw = PROFILES / f"ties-{question.name}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    session = http_session(callers)
    try:
        ties = GraphQLVariant("Ties", url, Tokens(secret), session, peer=False)
        work = [(question, sample) for sample in samples.by_kind[question.samples]]
        await measure.closed_loop(ties, work, concurrency=callers, seconds=2)  # warm
        before = cpu_seconds(ties_pid), cpu_seconds(neo4j_pid)
        spy = subprocess.Popen([str(PY_SPY), "record", "--pid", str(ties_pid), "--subprocesses", "--gil",
                                "--duration", str(int(seconds)), "--rate", "200", "--format", "raw",
                                "-o", str(raw), "--nonblocking"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        requests, elapsed, _ = await measure.closed_loop(ties, work, concurrency=callers, seconds=seconds)
        ties_cpu, neo4j_cpu = cpu_seconds(ties_pid) - before[0], cpu_seconds(neo4j_pid) - before[1]
        await asyncio.to_thread(spy.wait, 60)
    finally:
        await session.close()
    layers, functions = read_stacks(raw)
    return Profile(question.name, requests, elapsed, ties_cpu, neo4j_cpu, layers, functions, raw)


def plans(driver: neo4j.Driver, database: str, samples: Samples) -> str:
    """PROFILE of each question's Cypher for its first sample: operators, rows and db hits."""
    out = []
    for question in available():
        sample = samples.by_kind[question.samples][0]
        with driver.session(database=database) as session:
            summary = session.run("PROFILE " + question.query.text, question.raw_params(sample)).consume()
        plan: Any = summary.profile
        out += [f"{question.name} ({question.cypher_file}.cypher) for {sample}: {_total_hits(plan)} db hits",
                *_operators(plan, 0), ""]
    return "\n".join(out)


def _operators(node: dict[str, Any], depth: int) -> list[str]:
    line = (f"    {'  ' * depth}{node['operatorType']:<40} rows {node.get('rows', 0):>8} "
            f"db hits {node.get('dbHits', 0):>8}")
    return [line, *(row for child in node.get("children", []) for row in _operators(child, depth + 1))]


def _total_hits(node: dict[str, Any]) -> int:
    return int(node.get("dbHits", 0)) + sum(_total_hits(c) for c in node.get("children", []))


def describe(profile: Profile, top: int = 30) -> str:
    out = [f"{profile.question}: {profile.requests / profile.seconds:.1f} req/s; CPU per request: Ties "
           f"{profile.ties_ms:.2f} ms (py-spy's sampling included), Neo4j {profile.neo4j_ms:.2f} ms",
           "", "samples by layer (innermost frame):"]
    out += [f"  {share:6.1%}  {name}" for name, share in profile.layers]
    out += ["", f"top {top} functions by inclusive share:"]
    out += [f"  {share:6.1%}  {frame[:150]}" for frame, share in profile.functions[:top]]
    return "\n".join([*out, f"raw stacks: {profile.raw}"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--question", action="append", default=[], help="profile only these (repeatable)")
    p.add_argument("--callers", type=int, default=4)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--plans", action="store_true", help="also PROFILE each question's Cypher")
    p.add_argument("--people", type=int, default=100_000,
                   help="the sparse network `make bench` loaded, by size (default 100000)")
    p.add_argument("--dense", type=float, metavar="MEDIAN", default=None,
                   help="the dense network of that many people with this median connection count instead")
    args = p.parse_args(argv)
    network = (Network("sparse", args.people) if args.dense is None
               else Network("dense", args.people, args.dense))
    neo = Neo4jServer.open(network.home, PASSWORD, os.environ.get("TIES_NEO4J_HEAP", "2g"),
                           os.environ.get("TIES_NEO4J_PAGECACHE", "2g"))
    port = free_port()
    ties = spawn("ties-profiled", ties_command("serve", "--host", "127.0.0.1", "--port", str(port),
                                               "--workers", str(args.workers)), ties_env(neo.uri), LOGS)
    try:
        wait_until(ties, http_ok(f"http://127.0.0.1:{port}/readyz"))
        with neo4j.GraphDatabase.driver(neo.uri, auth=("neo4j", PASSWORD)) as driver:
            samples = Samples.draw(driver, DATABASE, 100)
            if args.plans:
                print(plans(driver, DATABASE, samples))
        for question in available():
            if args.question and question.name not in args.question:
                continue
            found = asyncio.run(profile_question(f"http://127.0.0.1:{port}/graphql", ties.pid, neo.pid,
                                                 question, samples, SECRET, seconds=args.seconds,
                                                 callers=args.callers))
            print(describe(found), "\n")
    finally:
        ties.stop()
        if neo.started_here:
            neo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
