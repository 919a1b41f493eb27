"""Interleaved rounds: every contender of every row timed once per round, side by side.

The machine is shared and noisy, so absolute times drift; ratios taken between batches that ran
milliseconds apart do not. Each round times one batch of each contender of a row in turn (the
order rotates from round to round), then the next row. A contender's figure is the median of its
per-round times; a ratio between two contenders is the median of their per-round ratios (paired
within a round), which cancels the load that changes between rounds.
"""

from __future__ import annotations

import gc
import math
import statistics
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .rows import Row

__all__ = ["Samples", "calibrate", "geo_mean", "median_ratio", "run_rounds"]

#: Per row key and contender name, the seconds per unit (call, or input event) of each round.
Samples = dict[str, dict[str, list[float]]]


def _time(fn: Callable[[], object], loops: int) -> float:
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        return time.perf_counter() - start
    finally:
        gc.enable()


def calibrate(fn: Callable[[], object], batch: float) -> int:
    """How many calls of ``fn`` make a batch of about ``batch`` seconds (at least one)."""
    fn()  # warm up (and the first call, which may build caches, is not timed)
    loops, elapsed = 1, _time(fn, 1)
    while elapsed < batch / 4:
        loops *= 4
        elapsed = _time(fn, loops)
    return max(1, round(loops * batch / elapsed))


def run_rounds(
    rows: Sequence[Row], rounds: int, batch: float, progress: bool = True
) -> tuple[Samples, dict[str, dict[str, int]]]:
    """Time every contender of every row in ``rounds`` interleaved rounds of ``batch`` seconds."""
    loops = {row.key: {name: calibrate(fn, batch) for name, fn in row.fns.items()} for row in rows}
    samples: Samples = {row.key: {name: [] for name in row.fns} for row in rows}
    progress = progress and sys.stderr.isatty()
    for r in range(rounds):
        if progress:
            print(f"\r  round {r + 1}/{rounds}", end="", file=sys.stderr, flush=True)
        for row in rows:
            names = list(row.fns)
            shift = r % len(names)
            for name in names[shift:] + names[:shift]:
                n = loops[row.key][name]
                samples[row.key][name].append(_time(row.fns[name], n) / n / row.units)
        gc.collect()
    if progress:
        print("\r" + " " * 30 + "\r", end="", file=sys.stderr, flush=True)
    return samples, loops


def median_ratio(a: list[float], b: list[float]) -> float:
    """The median over rounds of ``a / b``, each round's pair timed side by side."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def geo_mean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))
