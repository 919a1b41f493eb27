"""Benchmarks: ruapi_convert next to the typed floor (and the orjson floor, and LiteLLM), in one run.

    python benchmarks/run.py                  # or: nox -s bench  (under 2 minutes)
    python benchmarks/run.py --litellm        # or: nox -s bench_litellm (about 3 minutes)
    python benchmarks/run.py --quick          # a smoke run, well under a minute (not for figures)
    python benchmarks/run.py --json out.json  # every figure, machine-readable

The reference is the **typed floor**: the least any converter that validates its input with pydantic
can cost. Per row it is ``pydantic_core.from_json`` of the input bytes, ``validate_python`` into a
minimal strict TypedDict schema of the input protocol (``benchmarks/floor_schemas.py``, written for
the benchmark, independent of ``ruapi_convert.models``, shown on every row to reject a wrong type
at any field of the payload), and ``pydantic_core.to_json`` of our own output for that payload
(computed beforehand); for streams the same per input event and per output event. The **orjson
floor** does the same with ``orjson`` and no validation. **LiteLLM** (``--litellm``) runs its
adapters on the same bytes with the standard library's ``json``. ``benchmarks/rows.py`` says
exactly what each contender does.

16 rows (O->A: OpenAI Chat Completions in, Anthropic Messages out; A->O the other way): requests
both ways (small, 60 messages, 1 MB), two A->O requests whose model is gpt-4o (``@gpt-4o``),
replies both ways (small, medium, large), and the two streams per input event, each through
``feed()`` with dicts (the event API) and through ``sse.SSETranscoder`` (the bytes path); the
better of the two counts as ours.

Timing: interleaved rounds (``benchmarks/timing.py``): each round times one batch of every
contender of a row side by side, row after row; figures are medians over the rounds and a ratio is
the median of the per-round ratios. The machine is shared, so only the ratios are meant to be
compared between runs. Then, each in fresh interpreters: the first call of each operation, and the
import (``benchmarks/fresh.py``); and the peak memory over a 100k-event stream.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import importlib.metadata
import json
import os
import platform
import pstats
import statistics
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ruapi_convert as rc
from benchmarks import fresh
from benchmarks.rows import Row, build_rows
from benchmarks.timing import geo_mean, median_ratio, run_rounds

if TYPE_CHECKING:
    from benchmarks.litellm_adapters import LiteLLM
    from benchmarks.timing import Samples

Json = dict[str, Any]

#: The bars of the issue: (key, description, limit).
GEO_BAR, ROW_BAR, FEED_BAR, LITELLM_BAR = 2.0, 3.5, 4.0, 8.0
FIRST_CALL_BAR, IMPORT_BAR, FLAT_BAR = 0.050, 0.300, 2.0


# -- figures -------------------------------------------------------------------------------------------


def row_figures(row: Row, samples: Samples) -> Json:
    """One row's medians and ratios; for a stream, ``ours`` is the better of feed and bytes."""
    s = samples[row.key]
    med = {name: statistics.median(times) for name, times in s.items()}
    to_typed = {name: median_ratio(s[name], s["typed"]) for name in row.ours}
    best = min(row.ours, key=lambda name: to_typed[name])
    figures: Json = {
        "key": row.key,
        "label": row.label,
        "kind": row.kind,
        "input_bytes": row.size,
        "events": row.units if row.kind == "stream" else None,
        "schema": row.schema,
        "schema_fields_checked": row.fields_checked,
        "seconds": med,
        "best": best,
        "ours": med[best],
        "typed": med["typed"],
        "orjson": med["orjson"],
        "ours_typed": to_typed[best],
        "ours_orjson": median_ratio(s[best], s["orjson"]),
        "typed_orjson": median_ratio(s["typed"], s["orjson"]),
        "to_typed": to_typed,
        "litellm": med.get("litellm"),
        "litellm_ours": median_ratio(s["litellm"], s[best]) if "litellm" in s else None,
        "litellm_typed": median_ratio(s["litellm"], s["typed"]) if "litellm" in s else None,
    }
    return figures


def summary(rows: list[Json], litellm: bool) -> Json:
    worst = max(rows, key=lambda r: r["ours_typed"])
    streams = [r for r in rows if r["kind"] == "stream"]
    out: Json = {
        "rows": len(rows),
        "geo_ours_typed": geo_mean([r["ours_typed"] for r in rows]),
        "worst": {"key": worst["key"], "label": worst["label"], "ours_typed": worst["ours_typed"]},
        "geo_ours_orjson": geo_mean([r["ours_orjson"] for r in rows]),
        "geo_typed_orjson": geo_mean([r["typed_orjson"] for r in rows]),
        "feed_worst": max((r["to_typed"]["feed"] for r in streams), default=None),
        "bytes_worst": max((r["to_typed"]["bytes"] for r in streams), default=None),
    }
    lite = [r for r in rows if r["litellm_ours"] is not None]
    if litellm and lite:
        out["litellm_rows"] = len(lite)
        out["geo_litellm_ours"] = geo_mean([r["litellm_ours"] for r in lite])
        out["geo_litellm_typed"] = geo_mean([r["litellm_typed"] for r in lite])
    return out


def bars(
    s: Json, first: dict[str, dict[str, float]] | None, imports: Json | None, mem: Json | None
) -> list[Json]:
    """The bars of the issue ("done when", then "keep"), each met or missed (None: not measured)."""

    def bar(name: str, value: float | None, limit: float, below: bool = True) -> Json:
        met = None if value is None else (value <= limit if below else value >= limit)
        return {"bar": name, "value": value, "limit": limit, "met": met}

    flat, sizes = None, "100k events <= 2x at 10k"
    if mem is not None:
        flat = mem["large"]["peak"] / max(mem["small"]["peak"], 1)
        sizes = f"{mem['large']['events']:,} events <= {FLAT_BAR:g}x at {mem['small']['events']:,}"
    return [
        bar("geo-mean ours/typed <= 2.0x", s["geo_ours_typed"], GEO_BAR),
        bar("every row ours/typed <= 3.5x", s["worst"]["ours_typed"], ROW_BAR),
        bar("feed() <= 4x typed on every stream row", s["feed_worst"], FEED_BAR),
        bar("LiteLLM/ours geo-mean >= 8x", s.get("geo_litellm_ours"), LITELLM_BAR, below=False),
        bar(
            "first call of each operation < 50 ms",
            max(t["median"] for t in first.values()) if first else None,
            FIRST_CALL_BAR,
        ),
        bar(
            "import ruapi_convert < 300 ms (keep)",
            imports["ruapi_convert"]["median"] if imports else None,
            IMPORT_BAR,
        ),
        bar(f"memory flat: peak at {sizes} (keep)", flat, FLAT_BAR),
    ]


# -- printing ------------------------------------------------------------------------------------------


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    return f"{seconds * 1e3:.2f} ms"


def size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB" if n >= 1e4 else f"{n} B"


def print_rows(rows: list[Json], litellm: bool) -> None:
    head = f"  {'row':<34} {'input':>9} {'ours':>10} {'typed':>10} {'ours/typed':>10} {'orjson':>10} {'ours/orjson':>11}"
    if litellm:
        head += f" {'LiteLLM':>10} {'LiteLLM/ours':>12}"
    print(head)
    for r in rows:
        what = f"{size(r['input_bytes'])}" if r["kind"] == "body" else f"{r['events']} ev"
        line = (
            f"  {r['label']:<34} {what:>9} {fmt(r['ours']):>10} {fmt(r['typed']):>10}"
            f" {r['ours_typed']:>9.2f}x {fmt(r['orjson']):>10} {r['ours_orjson']:>10.2f}x"
        )
        if litellm:
            ratio = "failed" if r["litellm_ours"] is None else f"{r['litellm_ours']:.1f}x"
            line += f" {fmt(r['litellm']):>10} {ratio:>12}"
        print(line)
        if r["kind"] == "stream":
            for name, title in (("feed", "feed() with dicts"), ("bytes", "SSETranscoder")):
                mark = "  <- counts" if r["best"] == name else ""
                print(
                    f"    {title:<42} {fmt(r['seconds'][name]):>10} {'':>10}"
                    f" {r['to_typed'][name]:>9.2f}x{mark}"
                )


def print_summary(s: Json, bar_list: list[Json]) -> None:
    print(
        f"\n  geo-mean over {s['rows']} rows: ours/typed {s['geo_ours_typed']:.2f}x,"
        f" ours/orjson {s['geo_ours_orjson']:.2f}x, typed/orjson {s['geo_typed_orjson']:.2f}x"
    )
    print(f"  worst row: {s['worst']['label']} at {s['worst']['ours_typed']:.2f}x the typed floor")
    if s.get("feed_worst") is not None:
        print(
            f"  streams, worst row: feed() {s['feed_worst']:.2f}x, SSETranscoder {s['bytes_worst']:.2f}x the typed floor"
        )
    if "geo_litellm_ours" in s:
        print(
            f"  LiteLLM over {s['litellm_rows']} rows: {s['geo_litellm_ours']:.1f}x slower than ours,"
            f" {s['geo_litellm_typed']:.1f}x slower than the typed floor (geo-means)"
        )
    print("\nbars")
    for b in bar_list:
        state = {True: "met", False: "MISSED", None: "not measured"}[b["met"]]
        value = b["value"]
        shown = (
            "-" if value is None else f"{value * 1e3:.1f} ms" if b["limit"] < 1 else f"{value:.2f}x"
        )
        print(f"  {b['bar']:<58} {shown:>10}  {state}")


# -- main ----------------------------------------------------------------------------------------------


def profile(rows: list[Row], key: str, top: int = 25) -> None:
    """cProfile our contender(s) on one row, sorted by own time."""
    row = next(r for r in rows if r.key == key)
    for name in row.ours:
        fn = row.fns[name]
        loops = max(1, int(0.5 / max(1e-7, _once(fn))))
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(loops):
            fn()
        profiler.disable()
        print(f"\nprofile of {name} on {row.label}, {loops} calls")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def _once(fn: Any) -> float:
    import time

    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--litellm", action="store_true", help="also time LiteLLM's adapters")
    parser.add_argument("--json", metavar="PATH", help="write every figure to PATH as JSON")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 30; quick: 3)")
    parser.add_argument(
        "--batch", type=float, help="milliseconds per timed batch (default 20; quick: 2)"
    )
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (not for figures)")
    parser.add_argument("--only", metavar="TEXT", help="only the rows whose key contains TEXT")
    parser.add_argument(
        "--no-fresh", action="store_true", help="skip first calls, import and memory"
    )
    parser.add_argument("--profile", metavar="ROW", help="cProfile ours on the row ROW and exit")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 30)
    batch = (args.batch or (2 if args.quick else 20)) / 1e3
    deltas = 200 if args.quick else 2000

    lite: LiteLLM | None = None
    if args.litellm:
        from benchmarks.litellm_adapters import LiteLLM

        lite = LiteLLM()
    versions = {
        "python": platform.python_version(),
        "ruapi_convert": rc.__version__,
        "pydantic": importlib.metadata.version("pydantic"),
        "pydantic_core": importlib.metadata.version("pydantic_core"),
        "orjson": importlib.metadata.version("orjson"),
    }
    if lite:
        versions["litellm"] = importlib.metadata.version("litellm")
    meta: Json = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "versions": versions,
        "rounds": rounds,
        "batch_ms": batch * 1e3,
        "stream_text_deltas": deltas,
        "quick": args.quick,
        "units": "seconds per call; for streams, per input event",
    }
    print(", ".join(f"{k} {v}" for k, v in versions.items()) + f"; {meta['machine']}")

    rows = build_rows(lite, deltas)
    if args.only:
        rows = [row for row in rows if args.only in row.key]
    if args.profile:
        profile(rows, args.profile)
        return
    print(
        f"\nper row, {rounds} interleaved rounds of {batch * 1e3:g} ms batches"
        " (streams: per input event)"
    )
    samples, _ = run_rounds(rows, rounds, batch)
    figures = [row_figures(row, samples) for row in rows]
    print_rows(figures, lite is not None)
    totals = summary(figures, lite is not None)

    first = imports = mem = None
    if not args.no_fresh:
        runs = 1 if args.quick else 3
        first = fresh.first_calls(runs)
        print(
            f"\nfirst call in a fresh process (the import not in it), median (min) of {runs};"
            " the typed floor's first call (its schema built) in turn"
        )
        for op, t in first.items():
            print(
                f"  {op:<40} {t['median'] * 1e3:7.1f} ms ({t['min'] * 1e3:.1f})"
                f"   typed {t['typed_median'] * 1e3:5.1f} ms   ours/typed {t['ratio']:5.1f}x"
            )
        imports = fresh.import_times(3 if args.quick else 7)
        ours, base = imports["ruapi_convert"], imports["pydantic"]
        print(
            f"\nimport ruapi_convert: {ours['median'] * 1e3:.0f} ms ({ours['min'] * 1e3:.0f});"
            f" import pydantic: {base['median'] * 1e3:.0f} ms ({base['min'] * 1e3:.0f});"
            f" ratio {imports['ratio']:.2f}x (median (min) of fresh interpreters, in turn)"
        )
        small, large = (2_000, 20_000) if args.quick else (10_000, 100_000)
        mem = {"small": fresh.memory(small), "large": fresh.memory(large)}
        for m in mem.values():
            print(
                f"  memory: {m['events']:,}-event stream ({m['bytes_in'] / 1e6:.1f} MB in,"
                f" {m['bytes_out'] / 1e6:.1f} MB out): peak {m['peak'] / 1e6:.2f} MB traced"
            )
    bar_list = bars(totals, first, imports, mem)
    print_summary(totals, bar_list)

    if args.json:
        result = {
            "meta": meta,
            "rows": figures,
            "summary": totals,
            "bars": bar_list,
            "first_call_seconds": first,
            "import_seconds": imports,
            "memory": mem,
        }
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
