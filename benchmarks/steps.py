"""Where the time of one call goes, step by step, next to the typed floor's steps.

    python benchmarks/steps.py            # every row below
    python benchmarks/steps.py --only o2a_request_small

``run.py`` says how far each row is from the typed floor; this script says why. Each step is
timed on its own (best of 7 batches, the thread's CPU time, so that a shared machine's load counts
less), with the inputs the step gets in a real call:

* bodies: ``parse`` (``_json.loads`` of the bytes), ``validate`` (the input model's TypedDict twin),
  ``setup`` (options and the conversion's Context), ``convert`` (the walk over the wire dict),
  ``build`` (``trusted()``: the result model), ``write`` (``to_json()``), and what the whole public
  call costs beyond their sum (``rest``: argument checks, the result's ``Converted``, calls);
* streams, per event, for a text event mid-stream (most of a stream's events): ``parse``, then
  ``feed()``'s ``screen`` (``_json.check_foreign`` of a caller's dict), ``validate`` (the
  converter's check of the event), ``convert`` and ``build`` (the models ``feed`` returns), and
  ``write`` (``sse.encode``); and the bytes path's ``shortcut`` (the event's bytes straight from a
  template);
* the typed floor: ``from_json``, ``validate`` (its minimal schema), ``to_json`` of our output.

With ``--first``, the first call of each operation in fresh interpreters, in two parts: building
the pydantic validators the operation needs (the input's TypedDict twin; for an Anthropic stream
the one validator of all its events' twins), and
the rest of the first call, once they are built.

Figures are for comparing steps within one run; ``run.py`` gives the ratios that count.
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson
import pydantic_core

import ruapi_convert as rc
from benchmarks import floor_schemas
from benchmarks.payloads import (
    REPLY_SIZES,
    anthropic_message,
    anthropic_stream,
    openai_stream,
    request_payloads,
    sse_data,
    sse_frames,
)
from benchmarks.rows import stream_converter
from ruapi_convert import _json, sse
from ruapi_convert.convert import requests, responses
from ruapi_convert.mapping._ledger import Context
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.models._base import WireModel, _wire_twin
from ruapi_convert.options import (
    A2ORequestOptions,
    CommonOptions,
    O2ARequestOptions,
    O2AResponseOptions,
    resolve_options,
)

Json = dict[str, Any]
Step = tuple[str, Callable[[], object]]


def cpu(fn: Callable[[], object]) -> float:
    """Seconds of thread CPU time per call: the best of 7 batches of about 20 ms each."""
    once = timeit.timeit(fn, number=1, timer=time.thread_time) or 1e-7
    loops = max(1, int(0.02 / once))
    return min(timeit.repeat(fn, number=loops, repeat=7, timer=time.thread_time)) / loops


# -- bodies --------------------------------------------------------------------------------------------


def body_steps(
    body: bytes,
    source: type[WireModel],
    target: type[WireModel],
    options: type[Any],
    walk: Callable[[Json, Context], Json],
    public: Callable[[bytes], bytes],
    floor: str,
) -> tuple[list[Step], Step, list[Step]]:
    parsed = _json.loads(body)
    twin = _wire_twin(source)
    assert twin is not None
    wire: Json = twin.validate_python(parsed)
    opts = resolve_options(None, {}, options, "steps")
    out = walk(wire, Context(opts))
    model = target.trusted(out)
    output = orjson.loads(public(body))
    check = floor_schemas.validator(floor).validate_python
    ours: list[Step] = [
        ("parse", lambda: _json.loads(body)),
        ("validate", lambda: twin.validate_python(parsed)),
        ("setup", lambda: Context(resolve_options(None, {}, options, "steps"))),
        ("convert", lambda: walk(wire, Context(opts))),
        ("build", lambda: target.trusted(out)),
        ("write", model.to_json),
    ]
    typed: list[Step] = [
        ("from_json", lambda: pydantic_core.from_json(body)),
        ("validate", lambda: check(parsed)),
        ("to_json", lambda: pydantic_core.to_json(output)),
    ]
    return ours, ("whole call", lambda: public(body)), typed


def body_rows() -> dict[str, tuple[list[Step], Step, list[Step]]]:
    rows: dict[str, tuple[list[Step], Step, list[Step]]] = {}
    for size in ("small", "60 messages"):
        o_req = orjson.dumps(request_payloads()[size])
        a_req = rc.openai_to_anthropic_request(o_req).value.to_json()
        slug = size.split()[0]
        rows[f"o2a_request_{slug}"] = body_steps(
            o_req,
            oai.ChatCompletionCreateParams,
            ant.MessageCreateParams,
            O2ARequestOptions,
            lambda w, c: requests._to_anthropic(w, c, None),
            lambda b: rc.openai_to_anthropic_request(b).value.to_json(),
            "openai_request",
        )
        rows[f"a2o_request_{slug}"] = body_steps(
            a_req,
            ant.MessageCreateParams,
            oai.ChatCompletionCreateParams,
            A2ORequestOptions,
            lambda w, c: requests._to_openai(w, c, None),
            lambda b: rc.anthropic_to_openai_request(b).value.to_json(),
            "anthropic_request",
        )
    for size in ("small", "medium"):
        text, tools = REPLY_SIZES[size]
        a_reply = orjson.dumps(anthropic_message(text, tools))
        o_reply = rc.anthropic_to_openai_response(a_reply, created=1).value.to_json()
        rows[f"a2o_reply_{size}"] = body_steps(
            a_reply,
            ant.Message,
            oai.ChatCompletion,
            CommonOptions,
            lambda w, c: responses._to_openai(w, c, 1, None),
            lambda b: rc.anthropic_to_openai_response(b, created=1).value.to_json(),
            "anthropic_reply",
        )
        rows[f"o2a_reply_{size}"] = body_steps(
            o_reply,
            oai.ChatCompletion,
            ant.Message,
            O2AResponseOptions,
            lambda w, c: responses._to_anthropic(w, c, None),
            lambda b: rc.openai_to_anthropic_response(b).value.to_json(),
            "openai_reply",
        )
    return rows


# -- streams -------------------------------------------------------------------------------------------


def stream_steps(direction: str) -> tuple[list[Step], list[Step], list[Step]]:
    """Per event, a text event in the middle of a stream (the converter has seen the start)."""
    data = anthropic_stream(50) if direction == "a2o" else openai_stream(50)
    frames = [sse_data(frame) for frame in sse_frames(data)]
    converter = stream_converter(direction)
    for line in frames[:5]:
        converter.feed(pydantic_core.from_json(line))
    line = frames[5]
    event = pydantic_core.from_json(line)
    raw = converter._feed_raw(event)
    model = converter._model(raw[0])
    output = orjson.loads(model.to_json())
    check = floor_schemas.validator(
        "anthropic_event" if direction == "a2o" else "openai_chunk"
    ).validate_python
    head = sse.encode(model)[: -len(model.to_json()) - 2]
    feed: list[Step] = [
        ("parse", lambda: pydantic_core.from_json(line)),
        ("screen", lambda: _json.check_foreign(event)),
        ("validate", lambda: converter._validate(event, parsed=True)),
        ("convert", lambda: converter._feed_raw(event)),
        ("build", lambda: converter._model(raw[0])),
        ("write", lambda: sse.encode(model)),
    ]
    fast: list[Step] = [
        ("parse", lambda: pydantic_core.from_json(line)),
        ("shortcut", lambda: converter._shortcut(event)),
    ]
    typed: list[Step] = [
        ("from_json", lambda: pydantic_core.from_json(line)),
        ("validate", lambda: check(event)),
        ("to_json", lambda: head + pydantic_core.to_json(output) + b"\n\n"),
    ]
    return feed, fast, typed


# -- printing ------------------------------------------------------------------------------------------


def line(name: str, steps: list[tuple[str, float]], total: float | None = None) -> float:
    shown = "  ".join(f"{step} {seconds * 1e6:.2f}" for step, seconds in steps)
    summed = sum(seconds for _, seconds in steps)
    tail = f"  rest {max(0.0, total - summed) * 1e6:.2f}" if total is not None else ""
    whole = total if total is not None else summed
    print(f"  {name:<8} {whole * 1e6:8.2f} us = {shown}{tail}")
    return whole


# -- first calls -------------------------------------------------------------------------------------


def build_validators(op: str) -> None:
    """Build what the first call of ``op`` builds on first use (see the module docstring)."""
    from ruapi_convert.models.anthropic import _stream as ant_stream

    sources: dict[str, list[type[WireModel]]] = {
        "openai_to_anthropic_request": [oai.ChatCompletionCreateParams],
        "anthropic_to_openai_request": [ant.MessageCreateParams],
        "anthropic_to_openai_response": [ant.Message],
        "openai_to_anthropic_response": [oai.ChatCompletion],
        "OpenAIToAnthropicStream": [oai.ChatCompletionChunk],
        "AnthropicToOpenAIStream": [],
    }
    for cls in sources[op.split()[0].split(".")[0]]:
        _wire_twin(cls)
    if op.startswith("AnthropicToOpenAIStream"):
        ant_stream._event_twins()


def first_child(op: str) -> None:
    from benchmarks import fresh

    data = sys.stdin.buffer.read()
    wall, clock = time.perf_counter(), time.process_time()
    build_validators(op)
    built, built_cpu = time.perf_counter() - wall, time.process_time() - clock
    clock = time.process_time()
    rest = fresh._first_call(op, data)
    print(built, built_cpu, rest, time.process_time() - clock)


def first_calls(runs: int) -> None:
    import statistics
    import subprocess

    from benchmarks import fresh

    inputs = fresh._inputs()
    print(
        "\nfirst call in a fresh interpreter, median of"
        f" {runs}: ms wall (ms CPU): building validators + the rest of the call"
    )
    for op in fresh.OPERATIONS:
        runs_out = []
        for _ in range(runs + 1):  # the first run writes bytecode caches and is not counted
            out = subprocess.run(
                [sys.executable, __file__, "--first-child", op],
                input=inputs[op],
                capture_output=True,
                check=True,
                env=fresh._env(),
            ).stdout
            runs_out.append([float(x) * 1e3 for x in out.split()])
        b, bc, r, rc_ = (statistics.median(x[i] for x in runs_out[1:]) for i in range(4))
        print(
            f"  {op:<40} {b + r:6.0f} ({bc + rc_:4.0f}) ="
            f" validators {b:6.0f} ({bc:4.0f}) + rest {r:5.0f} ({rc_:4.0f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--only", metavar="TEXT", help="only the rows whose key contains TEXT")
    parser.add_argument("--first", action="store_true", help="also the first calls (fresh)")
    parser.add_argument("--first-child", metavar="OP", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_child:
        first_child(args.first_child)
        return
    print("us of thread CPU time per call (streams: per text event), best of 7 batches")
    for key, (ours, whole, typed) in body_rows().items():
        if args.only and args.only not in key:
            continue
        print(key)
        total = line("ours", [(n, cpu(f)) for n, f in ours], cpu(whole[1]))
        floor = line("typed", [(n, cpu(f)) for n, f in typed])
        print(f"  ours/typed {total / floor:.2f}x")
    for direction in ("a2o", "o2a"):
        key = f"{direction}_stream"
        if args.only and args.only not in key:
            continue
        feed, fast, floor_steps = stream_steps(direction)
        print(key)
        fed = line("feed()", [(n, cpu(f)) for n, f in feed])
        quick = line("bytes", [(n, cpu(f)) for n, f in fast])
        floor = line("typed", [(n, cpu(f)) for n, f in floor_steps])
        print(f"  feed()/typed {fed / floor:.2f}x, bytes/typed {quick / floor:.2f}x")
    if args.first:
        first_calls(3)


if __name__ == "__main__":
    main()
