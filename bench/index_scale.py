"""How the connection index (service/network) scales: build time, memory and question times at
sizes beyond what one Neo4j on this machine holds, on synthetic graphs made straight in memory.

    python -m bench.index_scale [--people 1000000 --connections 20000000] [--out FILE]

Each size is a clustered graph (half of everyone's connections inside a group of 200, the rest
anywhere) with lognormal degrees (median ``connections * 2 / people``) and three hubs. Figures:
seconds to build the CSR from edge arrays (what a load does after reading Neo4j), bytes the index
holds, and p50/p99 of reach (levels 1-3), suggestions and 20 degrees, for 50 random people and
the three hubs. The Neo4j read that precedes a build is measured by the main benchmark.

    python -m bench.index_scale --share --people 1000000 --connections 100000000 [--out FILE]

One index per machine (``service/network/snapshot.py``): builds the index, writes it as a snapshot
(timed), then starts fresh Python processes, one after the other, as an added worker would be:
one opens the snapshot memory-mapped, one loads the same files into its own memory (what a worker
that builds its own copy holds once built). Each says how long it took from its start (imports
included) to ready, and its RssAnon (its own memory: what it adds to the machine) and RssFile
(pages of files it maps, shared with every process mapping them) from /proc/self/status, once
ready and again after reading every neighbour entry once.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from service.network import COMPACT_AFTER, search
from service.network.adjacency import Adjacency
from service.network.snapshot import Snapshots

#: The epoch the benchmark's snapshots are filed under.
EPOCH = "bench-index-scale"


def synthetic(people: int, connections: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    mean_degree = 2 * connections / people
    degrees = np.minimum(rng.lognormal(np.log(mean_degree * 0.85), 0.6, people), people // 10)
    degrees[:3] = [5_000, 3_000, 2_000]
    stubs = np.repeat(np.arange(people, dtype=np.int64), (degrees / 2).astype(np.int64))
    targets = rng.integers(0, people, len(stubs))
    local = rng.random(len(stubs)) < 0.5
    targets[local] = (stubs[local] // 200) * 200 + rng.integers(0, 200, int(local.sum()))
    return stubs, targets % people


def timed(call: object, *args: object) -> float:
    started = time.perf_counter()
    call(*args)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def measure(people: int, connections: int) -> str:
    sources, targets = synthetic(people, connections)
    started = time.perf_counter()
    adj = Adjacency([f"p{i:08d}" for i in range(people)], sources, targets)
    build = time.perf_counter() - started
    del sources, targets
    held = adj.nbytes
    rng = np.random.default_rng(2)
    sample = [0, 1, 2, *rng.choice(people, 50, replace=False).tolist()]
    reach = [timed(search.levels, adj, p) for p in sample]
    suggest = [timed(search.suggestions, adj, p, set(), 10) for p in sample]
    degree = [timed(search.degrees, adj, p, rng.choice(people, 20).tolist()) for p in sample]
    hubs = [timed(search.levels, adj, p) for p in (0, 1, 2)]

    def p(values: list[float], q: int) -> str:
        return f"{np.percentile(values, q):.1f}"

    return (f"| {people:,} | {adj.connections:,} | {build:.1f} s | {held / 2**20:,.0f} MiB | "
            f"{p(reach, 50)} / {p(reach, 99)} | {max(hubs):.1f} | {p(suggest, 50)} / {p(suggest, 99)} | "
            f"{p(degree, 50)} / {p(degree, 99)} |")


def memory() -> dict[str, int]:
    """This process's RssAnon and RssFile, in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith(("RssAnon", "RssFile")))
    return {name: int(value.split()[0]) * 1024 for name, value in fields.items()}


def added_worker(directory: Path, private: bool, started: float) -> dict[str, Any]:
    """What ``--worker`` prints: an added worker's start, and its memory once ready."""
    snapshot = Snapshots(directory, 30).newest(EPOCH)
    assert snapshot is not None, f"no snapshot in {directory}"
    before = memory()  # the interpreter, numpy, scipy and the service's modules
    opened = time.perf_counter()
    adj = snapshot.open()
    if private:  # the same index held in this process's own memory
        indptr, indices, data = adj.arrays()
        adj = Adjacency.of(adj.ids, np.array(indptr), np.array(indices), np.array(data), adj.present)
    ready = time.perf_counter()
    asked = timed(search.levels, adj, 12345)
    report: dict[str, Any] = {"open": ready - opened, "ready": ready - started, "levels_ms": asked,
                              "people": adj.size, "connections": adj.connections, "before": before,
                              **memory()}
    _, indices, _ = adj.arrays()
    report["checksum"] = int(indices.sum(dtype=np.int64))  # reads every neighbour entry once
    report["touched"] = memory()
    return report


def share(people: int, connections: int, directory: Path) -> list[str]:
    sources, targets = synthetic(people, connections)
    started = time.perf_counter()
    adj = Adjacency([f"p{i:08d}" for i in range(people)], sources, targets)
    build = time.perf_counter() - started
    del sources, targets
    started = time.perf_counter()
    snapshot = Snapshots(directory, 30).save(adj, EPOCH, 1, time.time())
    write = time.perf_counter() - started
    size = sum(f.stat().st_size for f in snapshot.path.iterdir())
    adj = snapshot.open()
    rng = np.random.default_rng(3)
    for a, b in rng.integers(0, people, (COMPACT_AFTER // 2 + 1, 2)).tolist():  # two rows each
        adj.connect(a, b)
    started = time.perf_counter()
    adj.compact()
    compact = time.perf_counter() - started
    started = time.perf_counter()
    Snapshots(directory, 30).save(adj, EPOCH, 2, time.time())
    rewrite = time.perf_counter() - started
    del adj
    rows = [f"Built {people:,} people, {snapshot.connections:,} connections in {build:.1f} s; snapshot "
            f"written in {write:.1f} s ({size / 2**20:,.0f} MiB, fsynced). Once {COMPACT_AFTER:,} "
            f"people's rows have changed: compact() {compact:.1f} s, the new snapshot written in "
            f"{rewrite:.1f} s.", "",
            "| added worker | ready after start | of which opening | RssAnon before opening | RssAnon | "
            "RssFile | RssAnon / RssFile after reading every entry | one reach ms |",
            "|---|---|---|---|---|---|---|---|"]
    for private in (False, True):
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench.index_scale", "--worker", str(directory),
                               *(["--private"] if private else [])],
                              check=True, capture_output=True, text=True)
        wall = time.perf_counter() - began
        got = json.loads(done.stdout)
        def mib(value: int) -> str:
            return f"{value / 2**20:,.0f} MiB"

        rows.append(f"| {'own copy (np.load)' if private else 'snapshot, mapped'} | {wall:.2f} s "
                    f"({got['ready']:.2f} s after its imports) | {got['open']:.2f} s | "
                    f"{mib(got['before']['RssAnon'])} | {mib(got['RssAnon'])} | {mib(got['RssFile'])} | "
                    f"{mib(got['touched']['RssAnon'])} / {mib(got['touched']['RssFile'])} | "
                    f"{got['levels_ms']:.0f} |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, nargs="*", default=[50_000, 1_000_000])
    parser.add_argument("--connections", type=int, nargs="*", default=[4_500_000, 20_000_000])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--share", action="store_true", help="measure one index per machine")
    parser.add_argument("--dir", type=Path, help="where --share writes its snapshot (a temp dir)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--private", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(added_worker(args.worker, args.private, started)))
        return
    if args.share:
        with tempfile.TemporaryDirectory(dir=args.dir) as directory:
            rows = share(args.people[0], args.connections[0], Path(directory))
        if args.out:
            args.out.write_text("\n".join(rows) + "\n")
        return
    rows = ["| people | connections | build | index | reach p50 / p99 ms | worst hub reach ms | "
            "suggestions p50 / p99 ms | 20 degrees p50 / p99 ms |", "|---|---|---|---|---|---|---|---|"]
    for people, connections in zip(args.people, args.connections, strict=True):
        rows.append(measure(people, connections))
        print(rows[-1], flush=True)
    if args.out:
        args.out.write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
