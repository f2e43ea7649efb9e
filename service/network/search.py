"""The graph questions over connections, answered on the in-memory ``Adjacency``: distance (R13),
one shortest path, mutual connections (R14), the 2nd and 3rd degree of reach (R12) and people you
may know (R16). Each takes people by number and answers exactly what its Cypher twin in
``cypher/`` answers (tests/test_network.py compares them on random graphs with blocks).

A person's network leaves out everyone blocked either way with that person (R8): no path runs
through them, they are nobody's mutual connection, and they are never counted or suggested.
Each function's cost is the neighbour entries it reads; ``Adjacency.work`` prices a step first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from service.errors import LimitExceeded
from service.network.adjacency import EMPTY, Adjacency, Ints, Mask

#: Neighbour entries one request may read on the index (a typical person's reach reads ~1.5M on the
#: dense benchmark network, a hub's less: see ``levels``). Bounds what one request can cost the
#: worker, whoever asks, anonymous callers included: about 0.1-0.3 s of CPU at worst.
REQUEST_WORK = 30_000_000


class Budget:
    """What one request may still read on the index; past it the request is refused.
    ``Budget(None)`` (``UNLIMITED``) counts nothing: for callers that answer to nobody."""

    def __init__(self, entries: int | None = REQUEST_WORK) -> None:
        self.left = entries

    def spend(self, entries: int) -> None:
        if self.left is None:
            return
        self.left -= entries
        if self.left < 0:
            raise LimitExceeded("This request asks too many network questions at once (reach, "
                                "suggestions, paths, mutual connections); ask about fewer people "
                                "per request.")


UNLIMITED = Budget(None)


def _without(people: Ints, excluded: set[int]) -> Ints:
    if not excluded or not len(people):
        return people
    return people[~np.isin(people, np.fromiter(excluded, dtype=np.int64, count=len(excluded)))]


def _mask(size: int, people: Ints) -> Mask:
    mask = np.zeros(size, dtype=bool)
    mask[people] = True
    return mask


def first_degree(adj: Adjacency, person: int) -> Ints:
    """``person``'s connections, blocked people left out."""
    return _without(adj.neighbours(person), adj.blocked_with(person))


@dataclass(frozen=True)
class Levels:
    """How many people are exactly 1, 2 and 3 steps from someone; ``exact`` is False when the third
    level was estimated from a sample (its expansion would have cost more than allowed)."""

    first: int
    second: int
    third: int
    exact: bool = True


def levels(adj: Adjacency, person: int, budget: Budget = UNLIMITED, exact_work: int | None = None,
           rng_seed: int = 0) -> Levels:
    """Breadth-first, level by level, each level's people marked once: O(entries read) + O(n).

    The third level is found from whichever side reads less (direction-optimizing search): by
    expanding the second level (top-down), or by asking each person not yet reached whether any
    of their connections is on the second level (bottom-up), which is cheaper once the first two
    levels have reached most of the network, as they do from a hub.
    With ``exact_work`` set and both ways over it, the third level is estimated instead, from a
    uniform sample of the people not yet reached (their share of hits, times how many there are):
    the work no longer grows with the network.
    """
    n = adj.size
    seen = np.zeros(n, dtype=bool)
    seen[person] = True
    blocked = adj.blocked_with(person)
    if blocked:
        seen[list(blocked)] = True
    first = first_degree(adj, person)
    budget.spend(adj.work(first))
    seen[first] = True
    reached = np.zeros(n, dtype=bool)
    reached[adj.gather(first)] = True
    reached &= ~seen
    second = np.flatnonzero(reached)
    seen |= reached
    unseen = np.flatnonzero(~seen & adj.present)
    top_down, bottom_up = adj.work(second), adj.work(unseen)
    if exact_work is not None and min(top_down, bottom_up) > exact_work:
        budget.spend(min(len(unseen), SAMPLE) * max(1, bottom_up // max(len(unseen), 1)))
        return Levels(len(first), len(second), _estimate_third(adj, unseen, reached, rng_seed), exact=False)
    budget.spend(min(top_down, bottom_up))
    if bottom_up < top_down:
        return Levels(len(first), len(second), int(np.count_nonzero(adj.any_neighbour_in(unseen, reached))))
    reached[:] = False
    reached[adj.gather(second)] = True
    reached &= ~seen
    return Levels(len(first), len(second), int(np.count_nonzero(reached)))


#: People sampled to estimate a third level: the share p of hits among SAMPLE draws has a relative
#: standard error sqrt((1 - p) / (p * SAMPLE)), under 1% for p >= 0.3 (where estimates happen:
#: a large second level reaches most of the rest of the network).
SAMPLE = 20_000


def _estimate_third(adj: Adjacency, candidates: Ints, second: Mask, rng_seed: int) -> int:
    if len(candidates) <= SAMPLE:
        sample = candidates
    else:
        sample = np.random.default_rng(rng_seed).choice(candidates, SAMPLE, replace=False)
    hits = int(np.count_nonzero(adj.any_neighbour_in(sample, second)))
    return round(hits * len(candidates) / max(len(sample), 1))


def degrees(adj: Adjacency, viewer: int, targets: list[int],
            budget: Budget = UNLIMITED) -> dict[int, int | None]:
    """Each target's distance from the viewer over connections: 0 to 3, None beyond (R13).

    Meets in the middle: 1 if the viewer's first level holds the target, 2 if the two first levels
    meet, 3 if an edge joins them; that edge is looked for from the cheaper side.
    """
    blocked = adj.blocked_with(viewer)
    mine = first_degree(adj, viewer)
    my_level = _mask(adj.size, mine)
    my_cost = adj.work(mine)
    my_second: Mask | None = None
    answers: dict[int, int | None] = {}
    budget.spend(len(mine))
    for target in targets:
        if target == viewer:
            answers[target] = 0
        elif target in blocked or not adj.present[target]:
            answers[target] = None
        elif my_level[target]:
            answers[target] = 1
        else:
            theirs = _without(adj.neighbours(target), blocked)
            budget.spend(len(theirs))
            if my_level[theirs].any():
                answers[target] = 2
            elif my_second is None and adj.work(theirs) < my_cost:
                budget.spend(adj.work(theirs))
                answers[target] = 3 if my_level[adj.gather(theirs)].any() else None
            else:
                if my_second is None:
                    budget.spend(my_cost)
                    my_second = _mask(adj.size, adj.gather(mine))
                answers[target] = 3 if my_second[theirs].any() else None
    return answers


def path(adj: Adjacency, viewer: int, target: int, budget: Budget = UNLIMITED) -> list[int] | None:
    """One shortest path viewer..target (ends included), the lowest-numbered at each step; None
    beyond 3 steps."""
    distance = degrees(adj, viewer, [target], budget)[target]
    if distance is None:
        return None
    if distance <= 1:
        return [viewer, target][: distance + 1]
    blocked = adj.blocked_with(viewer)
    mine = first_degree(adj, viewer)
    theirs = _without(adj.neighbours(target), blocked)
    if distance == 2:
        return [viewer, int(np.intersect1d(mine, theirs, assume_unique=True)[0]), target]
    my_level = _mask(adj.size, mine)
    for middle in theirs.tolist():
        hits = adj.neighbours(middle)[my_level[adj.neighbours(middle)]]
        if len(hits):
            return [viewer, int(hits[0]), middle, target]
    raise AssertionError("degrees() found a third step that is not there")


def mutuals(adj: Adjacency, a: int, b: int, budget: Budget = UNLIMITED) -> Ints:
    """People connected to both, blocked people of either left out; none across a block (R14)."""
    if a == b or b in adj.blocked_with(a):
        return EMPTY
    budget.spend(adj.degree(a) + adj.degree(b))
    common = np.intersect1d(adj.neighbours(a), adj.neighbours(b), assume_unique=True)
    return _without(_without(common, adj.blocked_with(a)), adj.blocked_with(b))


def suggestions(adj: Adjacency, person: int, excluded: set[int], first: int,
                budget: Budget = UNLIMITED) -> list[tuple[int, int]]:
    """People two steps away by how many connections they share with ``person``, then id (R16):
    ``(number, mutual count)``, at most ``first``. ``excluded``: people with a pending request or a
    dismissal either way (the graph keeps those; connections and blocks are left out here)."""
    mine = first_degree(adj, person)
    budget.spend(adj.work(mine))
    shared = np.bincount(adj.gather(mine), minlength=adj.size)
    shared[person] = 0
    shared[mine] = 0
    shared[~adj.present] = 0
    for other in adj.blocked_with(person) | excluded:
        shared[other] = 0
    candidates = np.flatnonzero(shared)
    best = candidates[np.lexsort((adj.rank[candidates], -shared[candidates]))[:first]]
    return [(int(c), int(shared[c])) for c in best]


@dataclass(frozen=True)
class Embeddedness:
    """How closely knit someone's connections are (R36): ``shared`` is the connections each of their
    connections shares with them, summed over those connections, which is twice the ties among
    them (each tie a-b among them is counted from a and from b). Mean mutual connections per
    connection = shared / connections; local clustering coefficient = shared / (k (k - 1))."""

    connections: int
    shared: float
    exact: bool = True

    @property
    def average_mutual_connections(self) -> float | None:
        return None if self.connections == 0 else self.shared / self.connections

    @property
    def clustering(self) -> float | None:
        k = self.connections
        return None if k < 2 else min(1.0, self.shared / (k * (k - 1)))


#: Estimating: connections sampled per round, and the relative standard error at which it stops
#: (with finite-population correction): errors stay under four of them, 2%.
EMBEDDEDNESS_ROUND = 1_000
EMBEDDEDNESS_TARGET_SE = 0.005


def embeddedness(adj: Adjacency, person: int, budget: Budget = UNLIMITED, exact_work: int | None = None,
                 rng_seed: int = 0) -> Embeddedness:
    """Counts, for each of ``person``'s connections, the connections it shares with them: one sparse
    matrix-vector product over their rows, whose work is the sum of their degrees.

    With ``exact_work`` set and that sum over it, the connections are taken in a seeded random order,
    ``EMBEDDEDNESS_ROUND`` more at a time, until the mean of their counts has a relative standard
    error under ``EMBEDDEDNESS_TARGET_SE`` (or all are taken); the sum is that mean times how many
    connections there are.
    """
    mine = first_degree(adj, person)
    k = len(mine)
    budget.spend(k)
    if k < 2:
        return Embeddedness(k, 0.0)
    mask = _mask(adj.size, mine)
    work = adj.work(mine)
    if exact_work is None or work <= exact_work:
        budget.spend(work)
        return Embeddedness(k, float(adj.neighbours_in(mine, mask).sum()))
    order = np.random.default_rng(rng_seed).permutation(mine)
    counts = np.zeros(0, dtype=np.int64)
    while len(counts) < k:
        chunk = order[len(counts):len(counts) + max(EMBEDDEDNESS_ROUND, len(counts))]
        budget.spend(adj.work(chunk))
        counts = np.concatenate([counts, adj.neighbours_in(chunk, mask)])
        n, mean = len(counts), float(counts.mean())
        if n < k and mean > 0:
            relative_se = float(counts.std(ddof=1)) / mean * np.sqrt((1 - n / k) / n)
            if relative_se <= EMBEDDEDNESS_TARGET_SE:
                return Embeddedness(k, mean * k, exact=False)
    return Embeddedness(k, float(counts.sum()))
