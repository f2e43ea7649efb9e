"""Order statistics and ratios for noisy timings.

Every figure the benchmark reports is a ratio of two variants measured side by side, so each
comes with a bootstrap interval: the same ratio recomputed over resampled timings. A wide interval
says the machine was too noisy (or the sample too small) to trust the figure.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Method = Literal["linear", "higher"]


def percentile(values: Sequence[float], q: float, method: Method = "linear") -> float:
    """The ``q``-th percentile (0..100): by default linear between the closest ranks; ``"higher"``
    takes the closer rank above instead (one of the values, never a value between two)."""
    if not len(values):
        raise ValueError("percentile of no values")
    return float(np.percentile(values, q, method=method))


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
    low, high = np.percentile(ratios, [2.5, 97.5])
    return Ratio(statistic(a) / statistic(b), float(low), float(high))


def p50(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p99(values: Sequence[float]) -> float:
    return percentile(values, 99)
