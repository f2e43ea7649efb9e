"""``python -m bench`` (what ``make bench`` runs): the whole benchmark, end to end.

1. Starts the benchmark's own Neo4j (home ``bench/data/neo4j``, free ports) and, unless the graph
   is already there, generates the network with ``ties generate`` and loads it with ``ties import``.
2. Starts Ties (``ties serve``) and the peer (``bench/peer``) against it.
3. Measures, each figure side by side in one run: GraphQL overhead, throughput, the peer, lists,
   import. Writes ``bench/results/<date>.md`` and prints it.
Everything it starts, it stops (``--keep-neo4j`` leaves the database up for the next run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.processes import DATA
from bench.run import Options, run
from service.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def parse(argv: list[str]) -> Options:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--people", type=int, default=_env_int("BENCH_PEOPLE", 100_000),
                   help="size of the generated network (default 100000)")
    p.add_argument("--calls", type=int, default=_env_int("BENCH_CALLS", 1000),
                   help="timed calls per question and variant in the latency runs (default 1000)")
    p.add_argument("--distinct", type=int, default=_env_int("BENCH_DISTINCT", 250),
                   help="distinct people/posts drawn per kind of question (default 250)")
    p.add_argument("--warmup", type=int, default=_env_int("BENCH_WARMUP", 100),
                   help="untimed calls per question and variant before timing (default 100)")
    p.add_argument("--concurrency", type=int, default=16, help="callers in the throughput runs (16)")
    p.add_argument("--rounds", type=int, default=_env_int("BENCH_ROUNDS", 5),
                   help="throughput rounds; each variant takes one turn per round (default 5)")
    p.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 15)),
                   help="length of one throughput turn (default 15)")
    p.add_argument("--workers", type=int, default=_env_int("BENCH_WORKERS", 2),
                   help="uvicorn workers for Ties (default 2, one per core)")
    p.add_argument("--import-people", type=int, default=_env_int("BENCH_IMPORT_PEOPLE", 10_000),
                   help="size of the network the import comparison loads (default 10000)")
    p.add_argument("--import-rounds", type=int, default=_env_int("BENCH_IMPORT_ROUNDS", 3))
    p.add_argument("--list-rounds", type=int, default=_env_int("BENCH_LIST_ROUNDS", 9))
    p.add_argument("--only", default="overhead,throughput,lists,import,profile",
                   help="comma-separated stages (default: all of overhead,throughput,lists,import,profile)")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run: few calls, short turns (figures too noisy to keep)")
    p.add_argument("--keep-neo4j", action="store_true", help="leave the benchmark's Neo4j running")
    p.add_argument("--out", type=Path, default=None, help="results file (default bench/results/<date>.md)")
    args = p.parse_args(argv)
    if args.quick:
        args.calls, args.distinct, args.warmup, args.rounds, args.seconds = 60, 30, 10, 2, 3.0
        args.import_rounds, args.list_rounds = 1, 2
        args.import_people = min(args.import_people, 2000)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    # Smoke runs stay out of bench/results/: their figures are too noisy to keep.
    out = args.out or (DATA / f"{stamp}-quick.md" if args.quick else RESULTS / f"{stamp}.md")
    return Options(people=args.people, calls=args.calls, distinct=args.distinct, warmup=args.warmup,
                   concurrency=args.concurrency, rounds=args.rounds, seconds=args.seconds,
                   workers=args.workers, import_people=args.import_people,
                   import_rounds=args.import_rounds, list_rounds=args.list_rounds,
                   stages=frozenset(s.strip() for s in args.only.split(",") if s.strip()),
                   quick=args.quick, keep_neo4j=args.keep_neo4j, out=out)


def main(argv: list[str] | None = None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    report = asyncio.run(run(options))
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(report)
    print(report)
    print(f"written to {options.out} in {(time.monotonic() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
