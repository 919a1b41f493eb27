"""Linearity checks: the cost of work whose input a stranger sizes, at N and at 4N.

    python benchmarks/linear.py            # a table
    python benchmarks/linear.py --json     # the same figures as JSON
    python benchmarks/linear.py --only sse_long_line

Each measurement is a function of one size ``n`` (bytes of input) returning the seconds the work
took; it is registered with :func:`measurement` and runs at ``N`` and ``4 * N``. Work linear in its
input takes about 4 times as long at 4N; the script fails (exit status 1) when a ratio reaches
:data:`MAX_RATIO`, which only a superlinear cost (or a very noisy machine) does. A measurement
takes the best of a few runs, so that a pause of the machine does not count as the library's.

Add a measurement by writing one more decorated function; ``main`` runs them all.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ruapi_convert.sse import SSEDecoder

#: A ratio t(4N) / t(N) at or above this is superlinear (linear gives about 4, quadratic 16).
MAX_RATIO: Final = 5.0
#: The smallest N: small inputs measure the interpreter's constant costs rather than the growth.
MIN_N: Final = 8 * 1024 * 1024
#: The best of this many runs is taken.
RUNS: Final = 3

Measure = Callable[[int], float]

#: name -> (what it measures, the function); filled by :func:`measurement` in definition order.
MEASUREMENTS: dict[str, tuple[str, Measure]] = {}


def measurement(description: str) -> Callable[[Measure], Measure]:
    """Register a function ``(n) -> seconds`` under its own name."""

    def register(fn: Measure) -> Measure:
        MEASUREMENTS[fn.__name__] = (description, fn)
        return fn

    return register


def timed(work: Callable[[], object]) -> float:
    """The seconds ``work()`` takes, with the garbage collector off, as in ``timeit``."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start
    finally:
        gc.enable()


# -- measurements ---------------------------------------------------------------------------------

#: The size of the pieces a long input arrives in (a typical socket read).
PIECE: Final = 16 * 1024


@measurement("SSEDecoder: one unterminated data line of n bytes fed in 16 KB pieces, then close()")
def sse_long_line(n: int) -> float:
    piece = b"x" * PIECE
    head = b"data: "
    count = max(1, (n - len(head)) // PIECE)

    def work() -> None:
        decoder = SSEDecoder(max_event_size=n + PIECE)
        decoder.feed(head)
        for _ in range(count):
            decoder.feed(piece)
        events = decoder.close()
        assert len(events[0].data) == count * PIECE

    return timed(work)


# -- running ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    name: str
    description: str
    n: int
    seconds_n: float
    seconds_4n: float

    @property
    def ratio(self) -> float:
        return self.seconds_4n / self.seconds_n if self.seconds_n > 0 else float("inf")


def run(name: str, n: int) -> Result:
    description, fn = MEASUREMENTS[name]
    small = min(fn(n) for _ in range(RUNS))
    large = min(fn(4 * n) for _ in range(RUNS))
    return Result(name, description, n, small, large)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--n", type=int, default=MIN_N, help=f"N in bytes (at least {MIN_N}; default %(default)s)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", action="append", choices=sorted(MEASUREMENTS), default=None)
    args = parser.parse_args(argv)
    n = max(args.n, MIN_N)
    results = [run(name, n) for name in (args.only or list(MEASUREMENTS))]
    if args.json:
        print(json.dumps([{**asdict(r), "ratio": r.ratio} for r in results], indent=2))
    else:
        print(f"{'measurement':<28} {'N':>12} {'t(N) s':>9} {'t(4N) s':>9} {'ratio':>6}")
        for r in results:
            flag = "" if r.ratio < MAX_RATIO else "  SUPERLINEAR"
            print(
                f"{r.name:<28} {r.n:>12} {r.seconds_n:>9.3f} {r.seconds_4n:>9.3f} "
                f"{r.ratio:>6.2f}{flag}"
            )
    return 0 if all(r.ratio < MAX_RATIO for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
