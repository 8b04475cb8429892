"""Small statistics shared by every benchmark: timings are reported as median with spread."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Repeated measurements of one thing, in seconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        """(min, max): with few repeats on a noisy machine this says more than a standard deviation."""
        return min(self.samples), max(self.samples)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.samples)
        index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
        return ordered[index]

    def describe(self, scale: float = 1.0, unit: str = "s", digits: int = 2) -> str:
        low, high = self.spread
        return f"{self.median * scale:.{digits}f} {unit} (min {low * scale:.{digits}f}, max {high * scale:.{digits}f})"


def time_repeated(function: Callable[[], Any], repeats: int) -> tuple[Timing, Any]:
    """Run ``function`` ``repeats`` times; return the timings and the last result."""
    if repeats < 1:
        raise ValueError(f"repeats={repeats} must be at least 1")
    samples = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return Timing(tuple(samples)), result
