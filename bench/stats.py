"""Order statistics and ratios for noisy timings.

Every figure the benchmark reports is a ratio of two variants measured side by side, so each
comes with a bootstrap interval: the same ratio recomputed over resampled timings. A wide interval
says the machine was too noisy (or the sample too small) to trust the figure.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100), linear between the closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


@dataclass(frozen=True)
class Ratio:
    """``value`` = a / b, with a bootstrap 95% interval [low, high]."""

    value: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.value:.2f} ({self.low:.2f}-{self.high:.2f})"


def bootstrap_ratio(a: Sequence[float], b: Sequence[float], statistic: Callable[[Sequence[float]], float],
                    *, rounds: int = 400, seed: int = 7) -> Ratio:
    """statistic(a) / statistic(b), with the 2.5th-97.5th percentile of resampled ratios."""
    rng = random.Random(seed)
    ratios = []
    for _ in range(rounds):
        ra = rng.choices(a, k=len(a))
        rb = rng.choices(b, k=len(b))
        ratios.append(statistic(ra) / statistic(rb))
    return Ratio(statistic(a) / statistic(b), percentile(ratios, 2.5), percentile(ratios, 97.5))


def p50(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p99(values: Sequence[float]) -> float:
    return percentile(values, 99)
