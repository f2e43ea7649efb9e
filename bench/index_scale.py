"""How the connection index (service/network) scales: build time, memory and question times at
sizes beyond what one Neo4j on this machine holds, on synthetic graphs made straight in memory.

    python -m bench.index_scale [--people 1000000 --connections 20000000] [--out FILE]

Each size is a clustered graph (half of everyone's connections inside a group of 200, the rest
anywhere) with lognormal degrees (median ``connections * 2 / people``) and three hubs. Figures:
seconds to build the CSR from edge arrays (what a load does after reading Neo4j), bytes the index
holds, and p50/p99 of reach (levels 1-3), suggestions and 20 degrees, for 50 random people and
the three hubs. The Neo4j read that precedes a build is measured by the main benchmark.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from service.network import search
from service.network.adjacency import Adjacency


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, nargs="*", default=[50_000, 1_000_000])
    parser.add_argument("--connections", type=int, nargs="*", default=[4_500_000, 20_000_000])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = ["| people | connections | build | index | reach p50 / p99 ms | worst hub reach ms | "
            "suggestions p50 / p99 ms | 20 degrees p50 / p99 ms |", "|---|---|---|---|---|---|---|---|"]
    for people, connections in zip(args.people, args.connections, strict=True):
        rows.append(measure(people, connections))
        print(rows[-1], flush=True)
    if args.out:
        args.out.write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
