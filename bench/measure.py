"""Side-by-side measurements: every variant runs in the same window, interleaved, warmed up.

- ``latency``: one caller; for each sample, every variant in a freshly shuffled order, so a noisy
  second on the machine lands on all variants alike. Answers are compared on every sample.
- ``throughput``: ``concurrency`` callers in a closed loop over a mixed list of questions, in rounds
  where the variants take turns in shuffled order; CPU seconds of each process are read around
  each turn, which says who was busy (the client, the service, the peer, or Neo4j).
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import random
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.clients import Variant
from bench.workload import Question, Sample


class AnswersDiffer(Exception):
    """Two variants answered one question differently: comparing their speed would mean nothing."""


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """No collector pauses inside timed loops; collect between them instead."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def _check(question: Question, sample: Sample, answers: dict[str, Any]) -> None:
    distinct = {repr(answer) for answer in answers.values()}
    if len(distinct) > 1:
        raise AnswersDiffer(f"{question.name} for {sample}: " +
                            "; ".join(f"{name} -> {answer!r}" for name, answer in answers.items()))


async def latency(question: Question, variants: Sequence[Variant], samples: Sequence[Sample], *,
                  count: int, warmup: int, seed: int = 1) -> dict[str, list[float]]:
    """Seconds per call, by variant name: ``count`` calls each, after ``warmup`` untimed rounds and
    at least one per sample, so no variant meets a sample (its token, its pages) first while timed."""
    rng = random.Random(seed)
    order = list(variants)
    for i in range(max(warmup, len(samples))):
        sample = samples[i % len(samples)]
        _check(question, sample, {v.name: await v(question, sample) for v in order})
    times: dict[str, list[float]] = {v.name: [] for v in variants}
    with _quiet_gc():
        for i in range(count):
            sample = samples[i % len(samples)]
            rng.shuffle(order)
            answers = {}
            for variant in order:
                started = time.perf_counter()
                answers[variant.name] = await variant(question, sample)
                times[variant.name].append(time.perf_counter() - started)
            _check(question, sample, answers)
    return times


@dataclass
class Turn:
    """One variant's turn in a throughput round."""

    requests: int
    seconds: float
    #: CPU seconds each watched process spent during the turn (the client is "bench client").
    cpu: dict[str, float]
    latencies: list[float] = field(repr=False)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


async def closed_loop(variant: Variant, work: Sequence[tuple[Question, Sample]], *, concurrency: int,
                      seconds: float) -> tuple[int, float, list[float]]:
    """``concurrency`` callers, each sending its next request when the last returns, for ``seconds``."""
    positions = itertools.count()
    latencies: list[float] = []
    started = time.perf_counter()
    deadline = started + seconds

    async def caller() -> None:
        while time.perf_counter() < deadline:
            question, sample = work[next(positions) % len(work)]
            sent = time.perf_counter()
            await variant(question, sample)
            latencies.append(time.perf_counter() - sent)

    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return len(latencies), time.perf_counter() - started, latencies


async def throughput(variants: Sequence[Variant], work: Sequence[tuple[Question, Sample]], *,
                     concurrency: int, seconds: float, rounds: int, warmup_seconds: float,
                     processes: dict[str, Callable[[], float]], seed: int = 2,
                     progress: Callable[[str], None] = print) -> dict[str, list[Turn]]:
    """Rounds of turns, one per variant in shuffled order; ``processes`` maps a name to a CPU reader."""
    rng = random.Random(seed)
    for variant in variants:
        await closed_loop(variant, work, concurrency=concurrency, seconds=warmup_seconds)
    turns: dict[str, list[Turn]] = {v.name: [] for v in variants}
    order = list(variants)
    readers = {**processes, "bench client": _self_cpu}
    for round_number in range(rounds):
        rng.shuffle(order)
        for variant in order:
            with _quiet_gc():
                before = {name: read() for name, read in readers.items()}
                requests, elapsed, latencies = await closed_loop(variant, work, concurrency=concurrency,
                                                                 seconds=seconds)
                cpu = {name: read() - before[name] for name, read in readers.items()}
            turns[variant.name].append(Turn(requests, elapsed, cpu, latencies))
            progress(f"  round {round_number + 1}/{rounds} {variant.name}: {requests / elapsed:.1f} req/s")
    return turns
