"""What one process pays once, and memory: first calls, the import, a 100k-event stream.

* **first call**: each operation in its own fresh interpreter: ``import ruapi_convert`` (not
  timed), then one call on a realistic input (built by the parent, so nothing warms the library
  up), output bytes included: any schema built on first use is in it. Next to it, in turn, the
  typed floor's first call on the same input in a fresh interpreter: ``TypeAdapter`` of its
  schema built, the input parsed and validated (each event, for a stream) and dumped again (in
  place of our output, which the child cannot compute without warming the library up);
* **import**: ``import ruapi_convert`` in fresh interpreters, next to ``import pydantic``;
* **memory**: the peak memory traced while ``SSETranscoder`` transcodes 10k and 100k text deltas
  fed in 64 KiB chunks: flat if the larger stream peaks at most twice as high as the smaller.

Run as a script (``python -m benchmarks.fresh [floor] OP``, input on stdin) it times one first call.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["OPERATIONS", "first_calls", "import_times", "memory"]

#: The operations timed on their first call (see :func:`_inputs` for their inputs), with the
#: typed floor's schema of their input.
OPERATIONS = {
    "openai_to_anthropic_request": "openai_request",
    "anthropic_to_openai_request": "anthropic_request",
    "anthropic_to_openai_response": "anthropic_reply",
    "openai_to_anthropic_response": "openai_reply",
    "AnthropicToOpenAIStream.feed": "anthropic_event",
    "AnthropicToOpenAIStream SSETranscoder": "anthropic_event",
    "OpenAIToAnthropicStream.feed": "openai_chunk",
    "OpenAIToAnthropicStream SSETranscoder": "openai_chunk",
}


def _env() -> dict[str, str]:
    # An installed package imports from cached bytecode; PYTHONDONTWRITEBYTECODE (set in some
    # sandboxes and containers) would make every run compile the sources again, which measures
    # the compiler, not the import. The first run of each kind writes the cache and is not counted.
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _python(args: list[str], stdin: bytes = b"") -> float:
    out = subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, check=True, cwd=ROOT, env=_env()
    ).stdout
    return float(out)


def _inputs() -> dict[str, bytes]:
    """The input of each operation: the 60-message requests, the medium replies, short streams."""
    import orjson

    import ruapi_convert as rc

    from .payloads import anthropic_message, anthropic_stream, openai_request, openai_stream

    o_req = orjson.dumps(openai_request(60))
    a_reply = orjson.dumps(anthropic_message("word " * 400, 2))
    a_stream, o_stream = anthropic_stream(20), openai_stream(20)
    return {
        "openai_to_anthropic_request": o_req,
        "anthropic_to_openai_request": rc.openai_to_anthropic_request(o_req).value.to_json(),
        "anthropic_to_openai_response": a_reply,
        "openai_to_anthropic_response": rc.anthropic_to_openai_response(
            a_reply, created=1
        ).value.to_json(),
        "AnthropicToOpenAIStream.feed": a_stream,
        "AnthropicToOpenAIStream SSETranscoder": a_stream,
        "OpenAIToAnthropicStream.feed": o_stream,
        "OpenAIToAnthropicStream SSETranscoder": o_stream,
    }


def _stats(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "min": min(times)}


def first_calls(runs: int) -> dict[str, dict[str, float]]:
    """Seconds of each operation's first call, and of the typed floor's, over ``runs`` fresh
    interpreters each (median, min), and the median of their per-pair ratio."""
    inputs = _inputs()
    for op in OPERATIONS:  # writes the bytecode cache of any module an operation imports late
        _python(["-m", "benchmarks.fresh", op], inputs[op])
    ours: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    floor: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    for _ in range(runs):  # round by round, so that a burst of load spreads over the operations
        for op in OPERATIONS:
            ours[op].append(_python(["-m", "benchmarks.fresh", op], inputs[op]))
            floor[op].append(_python(["-m", "benchmarks.fresh", "floor", op], inputs[op]))
    return {
        op: {
            **_stats(ours[op]),
            "typed_median": statistics.median(floor[op]),
            "ratio": statistics.median(a / b for a, b in zip(ours[op], floor[op], strict=True)),
        }
        for op in OPERATIONS
    }


def import_times(runs: int) -> dict[str, Any]:
    """Seconds of ``import ruapi_convert`` and of ``import pydantic`` in ``runs`` pairs of fresh
    interpreters, run in turn (median, min), and the median of the per-pair ratio."""
    code = "import time; t=time.perf_counter(); import {}; print(time.perf_counter()-t)"
    modules = {"ruapi_convert": "ruapi_convert", "pydantic": "pydantic, pydantic.types"}
    times: dict[str, list[float]] = {name: [] for name in modules}
    for i in range(runs + 1):  # the first pair writes the bytecode caches and is not counted
        for name, imported in modules.items():
            seconds = _python(["-c", code.format(imported)])
            if i:
                times[name].append(seconds)
    result: dict[str, Any] = {name: _stats(t) for name, t in times.items()}
    result["ratio"] = statistics.median(
        ours / base for ours, base in zip(times["ruapi_convert"], times["pydantic"], strict=True)
    )
    return result


def memory(events: int) -> dict[str, float]:
    """Peak traced memory (bytes) while transcoding ``events`` text deltas A->O in 64 KiB chunks."""
    import ruapi_convert as rc

    from .payloads import anthropic_stream

    data = anthropic_stream(events)
    transcoder = rc.sse.SSETranscoder(rc.AnthropicToOpenAIStream(include_usage=True, created=1))
    tracemalloc.start()
    sent = 0
    try:
        for i in range(0, len(data), 65536):
            sent += len(transcoder.feed(data[i : i + 65536]))
        sent += len(transcoder.close())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"events": events, "bytes_in": len(data), "bytes_out": sent, "peak": peak}


# -- the child process -------------------------------------------------------------------------------


def _floor_first_call(op: str, data: bytes) -> float:
    import pydantic_core

    from . import floor_schemas
    from .payloads import sse_data, sse_frames

    stream = "Stream" in op
    lines = [line for line in map(sse_data, sse_frames(data)) if line != b"[DONE]"]

    start = time.perf_counter()
    validate = floor_schemas.validator(OPERATIONS[op]).validate_python
    for line in lines if stream else [data]:
        pydantic_core.to_json(validate(pydantic_core.from_json(line)))
    return time.perf_counter() - start


def _first_call(op: str, data: bytes) -> float:
    import pydantic_core

    import ruapi_convert as rc
    from ruapi_convert import sse

    from .payloads import sse_data, sse_frames

    run: Any
    if op.startswith(("AnthropicToOpenAIStream", "OpenAIToAnthropicStream")):
        kind, how = op.replace(".", " ").split()

        def run() -> bytes:
            converter = (
                rc.AnthropicToOpenAIStream(include_usage=True, created=1)
                if kind == "AnthropicToOpenAIStream"
                else rc.OpenAIToAnthropicStream()
            )
            if how == "SSETranscoder":
                transcoder = sse.SSETranscoder(converter)
                return transcoder.feed(data) + transcoder.close()
            out = [
                sse.encode(item)
                for line in map(sse_data, sse_frames(data))
                if line != b"[DONE]"
                for item in converter.feed(pydantic_core.from_json(line))
            ]
            return b"".join(out + [sse.encode(item) for item in converter.close()])

    else:
        function = getattr(rc, op)
        kwargs = {"created": 1} if op == "anthropic_to_openai_response" else {}

        def run() -> bytes:
            result: bytes = function(data, **kwargs).value.to_json()
            return result

    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        print(_floor_first_call(sys.argv[2], sys.stdin.buffer.read()))
    else:
        print(_first_call(sys.argv[1], sys.stdin.buffer.read()))
