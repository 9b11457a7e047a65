"""A small timing harness that measures ratios, not absolute times.

Absolute times on a shared machine are noise: another process, a frequency change or a cold
cache moves them by tens of percent. The ratio of two operations timed side by side moves far
less. So every comparison here is a *group* of callables timed in the same process, round
after round; in each round every member is timed once (the order rotating from round to round,
so that no member always runs first or last), and a ratio is taken between two members of the
same round. The reported ratio is the median of the per-round ratios, with their interquartile
range as the spread.

Each sample runs a callable ``number`` times, with ``number`` calibrated (as ``timeit`` does)
so that one sample lasts at least ``min_time`` seconds. The garbage collector stays on: loading
a report allocates many objects and collecting them is part of the real cost.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["Group", "Ratio", "calibrate", "measure"]


def calibrate(fn: Callable[[], object], min_time: float) -> int:
    """How many calls make one sample last at least ``min_time`` seconds (1, 2, 5, 10, 20, …)."""
    number = 1
    while True:
        for factor in (1, 2, 5):
            n = number * factor
            start = time.perf_counter()
            for _ in range(n):
                fn()
            if time.perf_counter() - start >= min_time:
                return n
        number *= 10


@dataclass(frozen=True)
class Group:
    """Per-call times (seconds) of each member, one entry per round."""

    times: Mapping[str, list[float]]

    def best(self, name: str) -> float:
        return min(self.times[name])

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])

    def ratio(self, subject: str, baseline: str) -> Ratio:
        per_round = [s / b for s, b in zip(self.times[subject], self.times[baseline])]
        return Ratio.of(per_round)


@dataclass(frozen=True)
class Ratio:
    """The median of per-round ratios and their interquartile range."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Ratio:
        if len(values) < 4:
            return cls(statistics.median(values), min(values), max(values))
        q1, q2, q3 = statistics.quantiles(values, n=4)
        return cls(q2, q1, q3)


def measure(fns: Mapping[str, Callable[[], object]], *, rounds: int, min_time: float) -> Group:
    """Time every callable of ``fns`` once per round for ``rounds`` rounds (after one warm-up)."""
    names = list(fns)
    numbers = {name: calibrate(fns[name], min_time) for name in names}  # also warms up
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            fn, n = fns[name], numbers[name]
            start = time.perf_counter()
            for _ in range(n):
                fn()
            times[name].append((time.perf_counter() - start) / n)
    return Group(times)
