"""``python -m bench.profile``: where Ties spends its CPU, and what each question costs Neo4j.

Starts Ties (one worker) against the benchmark's Neo4j, drives the chosen questions at it from
``--callers`` concurrent clients, and samples the server with py-spy for ``--seconds``. Prints the
share of samples by layer (GraphQL execution, the Neo4j driver, HTTP, logging, our own code, ...)
and the functions with the most samples, and keeps the raw stacks (and a flame graph) under
``bench/data/profiles/``. With ``--plans`` it also PROFILEs each question's cypher/ file once and
prints the database hits per operator, so both sides of a request are accounted for.
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
from pathlib import Path
from typing import Any

import neo4j

from bench import measure
from bench.clients import GraphQLVariant, Tokens, http_session
from bench.processes import Neo4jServer, cpu_seconds, free_port, http_ok, spawn, wait_until
from bench.run import DATA, DATABASE, LOGS, PASSWORD, SECRET, ties_command, ties_env
from bench.workload import Samples, available

PROFILES = DATA / "profiles"
PY_SPY = Path(sys.executable).parent / "py-spy"

#: Layers, by where a frame's file lives; the first match wins.
LAYERS = [
    ("logging", re.compile(r"[(/]logging/|uvicorn/logging")),
    ("GraphQL (strawberry, graphql-core)", re.compile(r"[(/](strawberry|graphql)/")),
    ("Neo4j driver", re.compile(r"[(/]neo4j/|neo4j_rust_ext")),
    ("HTTP (uvicorn, starlette, httptools)", re.compile(r"[(/](uvicorn|starlette|httptools|h11)/")),
    ("JWT", re.compile(r"[(/](jwt|cryptography)/")),
    ("json", re.compile(r"[(/]json/")),
    ("Ties (service/)", re.compile(r"[(/]service/|[(]loaders.py")),
    ("asyncio event loop", re.compile(r"[(/]asyncio/|uvloop")),
]


def layer(frame: str) -> str:
    for name, pattern in LAYERS:
        if pattern.search(frame):
            return name
    return "other"


def summarize(raw: Path, top: int = 25) -> str:
    """Self samples by layer (the innermost frame decides), inclusive samples by function."""
    by_layer: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        # the innermost frame that is not the interpreter idling decides the layer
        by_layer[layer(frames[-1])] += count
        for frame in set(frames):
            inclusive[frame] += count
    if not total:
        return "no samples"
    out = [f"{total} samples", "", "self time by layer:"]
    out += [f"  {share / total:6.1%}  {name}" for name, share in by_layer.most_common()]
    out += ["", f"top {top} functions by inclusive time:"]
    out += [f"  {share / total:6.1%}  {frame[:150]}" for frame, share in inclusive.most_common(top)]
    return "\n".join(out)


def plans(driver: neo4j.Driver, samples: Samples) -> str:
    out = []
    for question in available():
        sample = samples.by_kind[question.samples][0]
        with driver.session(database=DATABASE) as session:
            summary = session.run("PROFILE " + question.query.text,
                                  question.raw_params(sample)).consume()
        plan: Any = summary.profile
        rows = _operators(plan, 0)
        hits = _total_hits(plan)
        out += [f"{question.name} ({question.cypher_file}.cypher) for {sample}: {hits} db hits, "
                f"{summary.result_available_after} ms to first row", *rows, ""]
    return "\n".join(out)


def _operators(node: dict[str, Any], depth: int) -> list[str]:
    line = (f"    {'  ' * depth}{node['operatorType']:<40} rows {node.get('rows', 0):>8} "
            f"db hits {node.get('dbHits', 0):>8}")
    return [line, *(row for child in node.get("children", []) for row in _operators(child, depth + 1))]


def _total_hits(node: dict[str, Any]) -> int:
    return int(node.get("dbHits", 0)) + sum(_total_hits(c) for c in node.get("children", []))


async def drive(url: str, questions: list[str], callers: int, seconds: float,
                samples: Samples) -> tuple[int, float]:
    session = http_session(callers)
    try:
        ties = GraphQLVariant("Ties", url, Tokens(SECRET), session, peer=False)
        chosen = [q for q in available() if not questions or q.name in questions]
        count = len(samples.by_kind["pair"])
        work = [(q, samples.by_kind[q.samples][i]) for i in range(count) for q in chosen]
        requests, elapsed, _ = await measure.closed_loop(ties, work, concurrency=callers, seconds=seconds)
        return requests, requests / elapsed
    finally:
        await session.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--question", action="append", default=[], help="profile only these (repeatable)")
    p.add_argument("--callers", type=int, default=4)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--plans", action="store_true", help="also PROFILE each question's Cypher")
    p.add_argument("--no-spy", action="store_true", help="only count CPU per request, without py-spy")
    args = p.parse_args(argv)


    neo = Neo4jServer.open(DATA / "neo4j", PASSWORD, os.environ.get("TIES_NEO4J_HEAP", "2g"),
                           os.environ.get("TIES_NEO4J_PAGECACHE", "2g"))
    PROFILES.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = "-".join(args.question) or "mix"
    raw, svg = PROFILES / f"ties-{name}-{stamp}.txt", PROFILES / f"ties-{name}-{stamp}.svg"
    port = free_port()
    ties = spawn("ties-profiled", ties_command("serve", "--host", "127.0.0.1", "--port", str(port),
                                               "--workers", "1"), ties_env(neo.uri), LOGS)
    try:
        wait_until(ties, http_ok(f"http://127.0.0.1:{port}/readyz"))
        with neo4j.GraphDatabase.driver(neo.uri, auth=("neo4j", PASSWORD)) as driver:
            samples = Samples.draw(driver, DATABASE, 100)
            if args.plans:
                print(plans(driver, samples))
        url = f"http://127.0.0.1:{port}/graphql"
        asyncio.run(drive(url, args.question, args.callers, 3, samples))  # warm up
        cpu_before = (cpu_seconds(ties.pid), cpu_seconds(neo.pid))
        record = [str(PY_SPY), "record", "--pid", str(ties.pid), "--duration", str(int(args.seconds)),
                  "--rate", "250", "--format", "raw", "-o", str(raw), "--nonblocking",
                  *(["--gil"] if os.environ.get("BENCH_SPY_GIL") else [])]
        spy = subprocess.Popen(["sleep", "0"] if args.no_spy else record,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        requests, rate = asyncio.run(drive(url, args.question, args.callers, args.seconds + 1, samples))
        ties_cpu, neo_cpu = (cpu_seconds(ties.pid) - cpu_before[0], cpu_seconds(neo.pid) - cpu_before[1])
        spy.wait(60)
        print(f"Ties served {rate:.1f} req/s to {args.callers} callers while sampled; CPU per request: "
              f"Ties {ties_cpu / requests * 1000:.2f} ms (py-spy's own sampling included), "
              f"Neo4j {neo_cpu / requests * 1000:.2f} ms; raw stacks in {raw}")
        if not args.no_spy:
            print(summarize(raw))
            _flamegraph(raw, svg)
    finally:
        ties.stop()
        if neo.started_here:
            neo.stop()
    return 0


def _flamegraph(raw: Path, svg: Path) -> None:
    """A flame graph beside the raw stacks when the `inferno` tool is around; optional."""
    try:
        with raw.open() as src, svg.open("w") as out:
            subprocess.run(["inferno-flamegraph"], stdin=src, stdout=out, check=True)
    except (OSError, subprocess.CalledProcessError):
        svg.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
