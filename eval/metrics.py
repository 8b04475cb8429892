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


def diarization_error_rate(
    reference: list[tuple[float, float, str]], hypothesis: list[tuple[float, float, str]], collar: float = 0.25,
    step: float = 0.01,
) -> float:
    """DER on a 10 ms grid: (missed + false alarm + confusion) / reference speech, with the best speaker mapping.

    ``collar`` seconds around every reference boundary are not scored (the usual forgiveness for
    hand-marked boundaries). Overlapping speech is scored by its first reference speaker.
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    end = max([e for _, e, _ in reference + hypothesis], default=0.0)
    frames = int(np.ceil(end / step)) + 1
    scored = np.ones(frames, dtype=bool)
    for start, stop, _ in reference:
        for boundary in (start, stop):
            scored[max(0, int((boundary - collar) / step)) : int((boundary + collar) / step) + 1] = False

    def labels(turns: list[tuple[float, float, str]]) -> tuple[np.ndarray, list[str]]:
        names = sorted({name for _, _, name in turns})
        grid = np.full(frames, -1)
        for start, stop, name in turns:
            span = grid[int(start / step) : int(stop / step)]
            span[span < 0] = names.index(name)
        return grid, names

    ref, ref_names = labels(reference)
    hyp, hyp_names = labels(hypothesis)
    ref, hyp = ref[scored], hyp[scored]
    speech = ref >= 0
    if not speech.any():
        return 0.0
    missed = np.sum(speech & (hyp < 0))
    false_alarm = np.sum(~speech & (hyp >= 0))
    both = speech & (hyp >= 0)
    overlap = np.zeros((len(ref_names), max(1, len(hyp_names))))
    for r, h in zip(ref[both], hyp[both], strict=True):
        overlap[r, h] += 1
    rows, cols = linear_sum_assignment(-overlap)
    confusion = both.sum() - overlap[rows, cols].sum()
    return float((missed + false_alarm + confusion) / speech.sum())
