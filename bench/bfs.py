"""The baseline for reach: a plain breadth-first search in numpy over the CONNECTED_TO graph.

``ConnectionGraph.load`` reads every person's connections and blocks from Neo4j once, into CSR
arrays (``indptr``/``indices``: the neighbours of person ``i`` are ``indices[indptr[i]:indptr[i+1]]``).
``reach`` then counts the people exactly 2 and 3 steps from a person the way SPEC R8/R12 define
them and ``cypher/reach.cypher`` computes them: people blocked either way with the person are out
of the network (counted nowhere, and no step runs through them). Each level is a vectorized
gather of the frontier's neighbour lists and a mark in a boolean array: no Python loop per person
or per edge, and no sort. This is what a service holding the graph in memory would at least pay.

The same arrays answer degree, mutual-connection counts and path checks, which the questions stage
uses to check Ties' answers, and they draw its samples (the best-connected people, random walks).
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

import neo4j
import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]

IDS = "MATCH (p:Person) RETURN p.id AS id ORDER BY id"
NEIGHBOURS = """
MATCH (p:Person)
RETURN p.id AS id, [(p)-[:CONNECTED_TO]-(q:Person) | q.id] AS connections,
       [(p)-[:BLOCKS]-(b:Person) | b.id] AS blocked
"""


@dataclass(frozen=True)
class ConnectionGraph:
    ids: list[str]
    index: dict[str, int]
    indptr: Ints
    indices: Ints
    #: People blocked either way, by person (only people who have any).
    blocked: dict[int, Ints]
    #: Seconds the load from Neo4j took.
    load_seconds: float

    @classmethod
    def load(cls, driver: neo4j.Driver, database: str) -> ConnectionGraph:
        started = time.monotonic()
        ids = [r["id"] for r in driver.execute_query(IDS, database_=database,
                                                     routing_=neo4j.RoutingControl.READ).records]
        index = {pid: i for i, pid in enumerate(ids)}
        lists: list[Ints] = [np.empty(0, dtype=np.int64)] * len(ids)
        blocked: dict[int, Ints] = {}
        # No notifications: a graph without blocks warns that BLOCKS "does not exist".
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                            notifications_min_severity="OFF") as session:
            # Streamed, each person's list turned into integers as it arrives: 8M ids never sit
            # in memory as Python strings at once.
            for record in session.run(NEIGHBOURS):
                i = index[record["id"]]
                lists[i] = np.fromiter((index[q] for q in record["connections"]), dtype=np.int64,
                                       count=len(record["connections"]))
                if record["blocked"]:
                    blocked[i] = np.array([index[b] for b in record["blocked"]], dtype=np.int64)
        sizes = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        indptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        indices = np.concatenate(lists) if lists else np.empty(0, dtype=np.int64)
        return cls(ids, index, indptr, indices, blocked, time.monotonic() - started)

    @property
    def people(self) -> int:
        return len(self.ids)

    @property
    def connections(self) -> int:
        return len(self.indices) // 2

    def degrees(self) -> Ints:
        return np.diff(self.indptr)

    def neighbours(self, frontier: Ints) -> Ints:
        """Everyone next to someone in ``frontier`` (with repeats): one slice per person, joined by
        one copy (measured faster than an index gather built with ``np.repeat``)."""
        if not len(frontier):
            return np.empty(0, dtype=np.int64)
        indptr, indices = self.indptr, self.indices
        return np.concatenate([indices[indptr[v]:indptr[v + 1]] for v in frontier.tolist()])

    def levels(self, source: int, depth: int = 3) -> list[Ints]:
        """People exactly 1, 2, ... ``depth`` steps from ``source``, its blocked people left out.

        Top-down (the frontier's neighbours), except that the last level is found bottom-up (which
        of the people not yet reached have a neighbour in the frontier) when those people have fewer
        connections than the frontier: from a well-connected person most of the network is within
        two steps, and the few left are cheaper to test than the many to expand.
        """
        seen = np.zeros(self.people, dtype=bool)
        seen[source] = True
        if (blocked := self.blocked.get(source)) is not None:
            seen[blocked] = True
        degrees = self.degrees()
        frontier = np.array([source], dtype=np.int64)
        found: list[Ints] = []
        for level in range(depth):
            unseen = np.flatnonzero(~seen)
            if level == depth - 1 and degrees[unseen].sum() < degrees[frontier].sum():
                in_frontier = np.zeros(self.people, dtype=bool)
                in_frontier[frontier] = True
                lengths = degrees[unseen]
                has = lengths > 0
                hits = in_frontier[self.neighbours(unseen[has])]
                starts = np.concatenate(([0], np.cumsum(lengths[has])[:-1]))
                reached = unseen[has][np.logical_or.reduceat(hits, starts)] if len(hits) else unseen[:0]
                found.append(reached.astype(np.int64))
                break
            mark = np.zeros(self.people, dtype=bool)
            mark[self.neighbours(frontier)] = True
            mark &= ~seen
            frontier = np.flatnonzero(mark).astype(np.int64)
            seen |= mark
            found.append(frontier)
        return found

    def reach(self, person: str) -> tuple[int, int]:
        """(secondDegree, thirdDegree) of ``person``, as Reach defines them."""
        _, second, third = self.levels(self.index[person])
        return len(second), len(third)

    def degree(self, viewer: str, person: str) -> int | None:
        """Steps from ``viewer`` to ``person`` (0-3), None beyond 3: R13, for graphs without blocks."""
        if viewer == person:
            return 0
        target = self.index[person]
        for steps, level in enumerate(self.levels(self.index[viewer]), start=1):
            if np.any(level == target):
                return steps
        return None

    def mutual_count(self, viewer: str, person: str) -> int:
        """People connected to both (R14), for graphs without blocks."""
        a, b = self.index[viewer], self.index[person]
        return len(np.intersect1d(self.indices[self.indptr[a]:self.indptr[a + 1]],
                                  self.indices[self.indptr[b]:self.indptr[b + 1]]))

    def connected(self, a: str, b: str) -> bool:
        i, j = self.index[a], self.index[b]
        return bool(np.any(self.indices[self.indptr[i]:self.indptr[i + 1]] == j))

    def is_path(self, path: Sequence[str]) -> bool:
        return all(self.connected(a, b) for a, b in itertools.pairwise(path))

    def best_connected(self, count: int) -> list[str]:
        """The ``count`` people with the most connections, most first (ties by id)."""
        order = np.lexsort((np.arange(self.people), -self.degrees()))
        return [self.ids[i] for i in order[:count]]

    def walk(self, rng: random.Random, start: str, steps: int) -> str | None:
        """Where ``steps`` random steps from ``start`` end, or None (a dead end, or back at start)."""
        here = self.index[start]
        for _ in range(steps):
            low, high = int(self.indptr[here]), int(self.indptr[here + 1])
            if low == high:
                return None
            here = int(self.indices[rng.randrange(low, high)])
        return self.ids[here] if self.ids[here] != start else None

    def shape(self) -> dict[str, float]:
        """Connections per person: median, p99, max."""
        degrees = self.degrees()
        return {"median": float(np.median(degrees)), "p99": float(np.percentile(degrees, 99)),
                "max": float(degrees.max()) if len(degrees) else 0.0,
                "over 2,000": float(np.sum(degrees > 2000))}
