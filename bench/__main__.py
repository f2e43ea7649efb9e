"""``python -m bench`` (what ``make bench`` runs): the whole benchmark, end to end.

For each network, the sparse one (``ties generate``'s default) and then the dense one
(``--connections-per-person``, issue 11):
1. Starts its own Neo4j (home ``bench/data/<network>/neo4j``, free ports) and, unless the graph is
   already there, generates the network with ``ties generate`` and loads it with ``ties import``.
2. Starts Ties (``ties serve``) and, on the sparse network, the peer (``bench/peer``) against it.
3. Measures, each figure side by side in one run: on the sparse network GraphQL overhead,
   throughput, the peer, lists, import; on both, every graph question at 1 and 16 callers with
   reach beside an in-memory BFS (the questions stage).
4. Last, the soak (bench/soak.py): 16 callers against ``ties serve`` and the Neo4j it supervises,
   which is SIGKILLed twice; counts lost acknowledged writes, errors other than UNAVAILABLE, memory.
Writes ``bench/results/<date>.md`` and prints it.
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

from bench.networks import Network
from bench.processes import DATA
from bench.run import Options, run
from service.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def parse(argv: list[str]) -> Options:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--people", type=int, default=None,
                   help="size of the sparse network (default 100000; 2000 with --quick)")
    p.add_argument("--dense-people", type=int, default=None,
                   help="size of the dense network (default 50000; 2000 with --quick)")
    p.add_argument("--dense-connections", type=float, default=None,
                   help="the dense network's median connections per person (default 120; 50 with --quick)")
    p.add_argument("--networks", default="sparse,dense",
                   help="which networks to run, in order (default: sparse,dense)")
    p.add_argument("--question-samples", type=int, default=_env_int("BENCH_QUESTION_SAMPLES", 50),
                   help="questions stage: samples per kind, the 5 best-connected people included "
                        "(default 50)")
    p.add_argument("--question-calls", type=int, default=_env_int("BENCH_QUESTION_CALLS", 500),
                   help="questions stage: timed one-caller calls per question at most (default 500)")
    p.add_argument("--question-seconds", type=float,
                   default=float(os.environ.get("BENCH_QUESTION_SECONDS", 60)),
                   help="questions stage: one-caller seconds per question at most, once every sample was "
                        "timed (default 60)")
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
    p.add_argument("--only", default="overhead,throughput,lists,import,profile,cost,questions,soak",
                   help="comma-separated stages (default: all of overhead,throughput,lists,import,profile,"
                        "cost,questions,soak); all but cost, questions and soak run on the sparse network "
                        "alone; --only soak runs the soak alone")
    p.add_argument("--cost-seconds", type=float, default=float(os.environ.get("BENCH_COST_SECONDS", 10)),
                   help="cost stage: seconds of one timed turn per request kind (default 10)")
    p.add_argument("--cost-rounds", type=int, default=_env_int("BENCH_COST_ROUNDS", 2),
                   help="cost stage: rounds, each request kind one turn per round (default 2)")
    p.add_argument("--cost-samples", type=int, default=_env_int("BENCH_COST_SAMPLES", 200),
                   help="cost stage: samples per kind of question (default 200)")
    p.add_argument("--cost-rows", default="floor,simple,mutual,question,raw",
                   help="cost stage: which rows, by group (default all of floor,simple,mutual,question,raw; "
                        "the HTTP floor always runs)")
    p.add_argument("--soak-seconds", type=float, default=None,
                   help="length of the soak: callers against `ties serve` while its Neo4j is killed "
                        "(default 600; 60 with --quick)")
    p.add_argument("--soak-people", type=int, default=None,
                   help="size of the soak's network (default 10000; 1000 with --quick)")
    p.add_argument("--soak-kills", type=int, default=2, help="SIGKILLs of the soak's Neo4j (default 2)")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run: few calls, short turns (figures too noisy to keep)")
    p.add_argument("--keep-neo4j", action="store_true", help="leave the benchmark's Neo4j running")
    p.add_argument("--out", type=Path, default=None, help="results file (default bench/results/<date>.md)")
    args = p.parse_args(argv)
    quick = args.quick
    if quick:
        args.calls, args.distinct, args.warmup, args.rounds, args.seconds = 60, 30, 10, 2, 3.0
        args.import_rounds, args.list_rounds = 1, 2
        args.import_people = min(args.import_people, 2000)
        args.question_samples, args.question_calls, args.question_seconds = 12, 40, 10.0
        args.cost_seconds, args.cost_rounds, args.cost_samples = 3.0, 1, 30
    sparse = Network("sparse", args.people or _env_int("BENCH_PEOPLE", 2000 if quick else 100_000))
    dense = Network("dense", args.dense_people or _env_int("BENCH_DENSE_PEOPLE", 2000 if quick else 50_000),
                    args.dense_connections or float(os.environ.get("BENCH_DENSE_CONNECTIONS",
                                                                   50 if quick else 120)))
    known = {"sparse": sparse, "dense": dense}
    names = [name.strip() for name in args.networks.split(",") if name.strip()]
    if not names or set(names) - set(known):
        p.error(f"--networks: a comma-separated list of {', '.join(known)}")
    networks = [known[name] for name in names]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    # Smoke runs stay out of bench/results/: their figures are too noisy to keep.
    out = args.out or (DATA / f"{stamp}-quick.md" if args.quick else RESULTS / f"{stamp}.md")
    return Options(networks=networks, calls=args.calls, distinct=args.distinct, warmup=args.warmup,
                   concurrency=args.concurrency, rounds=args.rounds, seconds=args.seconds,
                   workers=args.workers, import_people=args.import_people,
                   import_rounds=args.import_rounds, list_rounds=args.list_rounds,
                   stages=frozenset(s.strip() for s in args.only.split(",") if s.strip()),
                   question_samples=args.question_samples, question_calls=args.question_calls,
                   question_seconds=args.question_seconds,
                   quick=args.quick, keep_neo4j=args.keep_neo4j, out=out,
                   soak_seconds=args.soak_seconds or (60.0 if args.quick else 600.0),
                   soak_people=args.soak_people or (1000 if args.quick else 10_000),
                   soak_kills=args.soak_kills, cost_seconds=args.cost_seconds,
                   cost_rounds=args.cost_rounds, cost_samples=args.cost_samples,
                   cost_rows=frozenset(g.strip() for g in args.cost_rows.split(",") if g.strip()))


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
