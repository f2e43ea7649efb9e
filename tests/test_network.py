"""The connection index on its own (no database): every answer of ``service/network/search.py``
against a plain breadth-first search over Python sets, on seeded random graphs with hubs and
blocks, both freshly built and after a stream of changes applied as events (and compacted)."""

from __future__ import annotations

import itertools
import random
from collections import deque

import numpy as np
import pytest

from service.events import Event, Kind
from service.network import apply
from service.network.adjacency import Adjacency
from service.network.search import degrees, levels, mutuals, path, suggestions


class Plain:
    """The same graph as sets: the reference every answer is checked against."""

    def __init__(self, n: int) -> None:
        self.ties: dict[int, set[int]] = {i: set() for i in range(n)}
        self.blocks: set[tuple[int, int]] = set()
        self.gone: set[int] = set()

    def blocked(self, p: int) -> set[int]:
        return {b for a, b in self.blocks if a == p} | {a for a, b in self.blocks if b == p}

    def distances(self, source: int, cap: int = 3) -> dict[int, int]:
        out, queue, blocked = {source: 0}, deque([source]), self.blocked(source)
        while queue:
            p = queue.popleft()
            if out[p] == cap:
                continue
            for q in self.ties[p]:
                if q not in out and q not in blocked:
                    out[q] = out[p] + 1
                    queue.append(q)
        return out

    def mutuals(self, a: int, b: int) -> set[int]:
        if a == b or b in self.blocked(a):
            return set()
        return (self.ties[a] & self.ties[b]) - self.blocked(a) - self.blocked(b)


def draw(seed: int, n: int = 120) -> tuple[Plain, Adjacency]:
    rng = random.Random(seed)
    plain = Plain(n)
    hubs = rng.sample(range(n), 3)
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(n * 3)]
    pairs += [(h, rng.randrange(n)) for h in hubs for _ in range(n // 3)]
    for a, b in pairs:
        if a != b:
            plain.ties[a].add(b)
            plain.ties[b].add(a)
    blocks = {(rng.randrange(n), rng.randrange(n)) for _ in range(6)}
    plain.blocks = {(a, b) for a, b in blocks if a != b}
    sources = np.array([a for a, b in pairs], dtype=np.int64)
    targets = np.array([b for a, b in pairs], dtype=np.int64)
    ids = [f"p{i:04d}" for i in range(n)]
    return plain, Adjacency(ids, sources, targets, plain.blocks)


def assert_same(plain: Plain, adj: Adjacency, seed: int) -> None:
    n = adj.size
    rng = random.Random(seed)
    for source in rng.sample(range(n), 15):
        if source in plain.gone:
            continue
        dist = plain.distances(source)
        got = levels(adj, source)
        assert (got.first, got.second, got.third) == tuple(
            sum(1 for d in dist.values() if d == k) for k in (1, 2, 3)), f"levels of {source}"
        targets = rng.sample(range(n), 20)
        assert degrees(adj, source, targets) == {
            t: (None if t in plain.gone else dist.get(t)) for t in targets}
        for t in targets:
            steps = path(adj, source, t)
            if dist.get(t) is None or t in plain.gone:
                assert steps is None
                continue
            assert steps is not None and len(steps) == dist[t] + 1 and steps[0] == source and steps[-1] == t
            assert all(b in plain.ties[a] for a, b in itertools.pairwise(steps))
            assert not set(steps[1:-1]) & plain.blocked(source)
            assert set(mutuals(adj, source, t).tolist()) == plain.mutuals(source, t)


@pytest.mark.parametrize("seed", range(8))
def test_a_freshly_built_index_answers_as_a_plain_search(seed: int) -> None:
    plain, adj = draw(seed)
    assert_same(plain, adj, seed)


@pytest.mark.parametrize("seed", range(8))
def test_changes_applied_as_events_answer_as_the_changed_graph(seed: int) -> None:
    plain, adj = draw(seed)
    rng = random.Random(seed + 100)
    ids = adj.ids
    for _ in range(300):
        a, b = rng.sample(range(adj.size), 2)
        kind = rng.choice([Kind.CONNECTED, Kind.CONNECTED, Kind.DISCONNECTED, Kind.BLOCKED, Kind.UNBLOCKED])
        apply(adj, Event(kind, ids[a], ids[b]))
        if kind is Kind.CONNECTED:
            plain.ties[a].add(b)
            plain.ties[b].add(a)
        elif kind in (Kind.DISCONNECTED, Kind.BLOCKED):
            plain.ties[a].discard(b)
            plain.ties[b].discard(a)
        if kind is Kind.BLOCKED:
            plain.blocks.add((a, b))
        elif kind is Kind.UNBLOCKED:
            plain.blocks.discard((a, b))
    new = adj.size
    apply(adj, Event(Kind.PERSON_CREATED, "admin", "newcomer"))
    plain.ties[new] = set()
    for friend in rng.sample(range(new), 5):
        apply(adj, Event(Kind.CONNECTED, "newcomer", ids[friend]))
        plain.ties[new].add(friend)
        plain.ties[friend].add(new)
    gone = rng.randrange(new)
    apply(adj, Event(Kind.ACCOUNT_DELETED, "admin", ids[gone]))
    for other in plain.ties.pop(gone):
        plain.ties[other].discard(gone)
    plain.ties[gone] = set()
    plain.blocks = {(a, b) for a, b in plain.blocks if gone not in (a, b)}
    plain.gone.add(gone)
    assert_same(plain, adj, seed)
    adj.compact()
    assert_same(plain, adj, seed)
    assert adj.connections == sum(len(t) for t in plain.ties.values()) // 2


@pytest.mark.parametrize("seed", range(4))
def test_suggestions_rank_second_degree_people_by_mutuals_then_id(seed: int) -> None:
    plain, adj = draw(seed)
    person = random.Random(seed).randrange(adj.size)
    excluded = {next(iter(plain.distances(person, 2)))}  # any one: ruled out by the caller
    dist = plain.distances(person, 2)
    expected = sorted(((p, len(plain.mutuals(person, p))) for p, d in dist.items()
                       if d == 2 and p not in excluded),
                      key=lambda pc: (-pc[1], adj.ids[pc[0]]))
    assert suggestions(adj, person, excluded, 10) == expected[:10]


def test_a_third_level_too_costly_to_expand_is_estimated_within_two_percent() -> None:
    rng = np.random.default_rng(7)
    n = 60_000
    sources = rng.integers(0, n, n * 8)
    targets = rng.integers(0, n, n * 8)
    adj = Adjacency([f"p{i:06d}" for i in range(n)], sources, targets)
    hub = int(np.argmax(np.bincount(np.concatenate([sources, targets]), minlength=n)))
    exact = levels(adj, hub)
    estimated = levels(adj, hub, exact_work=1)
    assert exact.exact and not estimated.exact
    assert (estimated.first, estimated.second) == (exact.first, exact.second)
    assert abs(estimated.third - exact.third) <= 0.02 * exact.third
