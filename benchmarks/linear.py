"""Linearity checks: the cost of work whose input a stranger sizes, at N and at 4N.

    python benchmarks/linear.py            # a table
    python benchmarks/linear.py --json     # the same figures as JSON
    python benchmarks/linear.py --only sse_long_line

Each measurement is a function of one size ``n`` (bytes, messages or events, as its registration
says) returning the seconds the work took; it is registered with :func:`measurement` with its own
``N`` and runs at ``N`` and ``4 * N``. Work linear in its input takes about 4 times as long at 4N;
the script fails (exit status 1) when a ratio reaches :data:`MAX_RATIO`, which only a superlinear
cost (or a very noisy machine) does. A measurement takes the best of a few runs, so that a pause of
the machine does not count as the library's.

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

import ruapi_convert as rc
from ruapi_convert.sse import SSEDecoder

#: A ratio t(4N) / t(N) at or above this is superlinear (linear gives about 4, quadratic 16).
MAX_RATIO: Final = 5.0
#: N for a long line, in bytes: small inputs measure the interpreter's constant costs rather than
#: the growth.
LINE_N: Final = 8 * 1024 * 1024
#: N for messages and stream events (the issue's floor is 10,000).
COUNT_N: Final = 20_000
#: The best of this many runs is taken.
RUNS: Final = 3

Measure = Callable[[int], float]

#: name -> (what it measures, its N, the function); filled by :func:`measurement` in order.
MEASUREMENTS: dict[str, tuple[str, int, Measure]] = {}


def measurement(description: str, n: int = COUNT_N) -> Callable[[Measure], Measure]:
    """Register a function ``(n) -> seconds`` under its own name, to run at ``n`` and ``4n``."""

    def register(fn: Measure) -> Measure:
        MEASUREMENTS[fn.__name__] = (description, n, fn)
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


@measurement(
    "SSEDecoder: one unterminated data line of n bytes fed in 16 KB pieces, then close()", LINE_N
)
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


def _chunk(delta: dict[str, object], finish: str | None = None) -> dict[str, object]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _o2a_stream(chunks: list[dict[str, object]]) -> float:
    def work() -> None:
        converter = rc.OpenAIToAnthropicStream()
        for chunk in chunks:
            converter.feed(chunk)
        converter.close()

    return timed(work)


@measurement(
    "openai_to_anthropic_request: n one-word user messages in a row (merged into one turn)"
)
def o2a_request_user_messages(n: int) -> float:
    body = {"model": "m", "messages": [{"role": "user", "content": "word"}] * n}
    return timed(lambda: rc.openai_to_anthropic_request(body))


@measurement("openai_to_anthropic_request: one assistant turn of n tool calls, then n results")
def o2a_request_tool_results(n: int) -> float:
    calls = [
        {"id": f"c{i}", "type": "function", "function": {"name": "f", "arguments": "{}"}}
        for i in range(n)
    ]
    results = [{"role": "tool", "tool_call_id": f"c{i}", "content": "ok"} for i in range(n)]
    body = {
        "model": "m",
        "messages": [
            {"role": "user", "content": "go"},
            {"role": "assistant", "content": None, "tool_calls": calls},
            *results,
        ],
    }
    return timed(lambda: rc.openai_to_anthropic_request(body))


@measurement("OpenAIToAnthropicStream: one tool call's arguments in n 16-byte deltas")
def o2a_stream_argument_deltas(n: int) -> float:
    head = {
        "index": 0,
        "id": "c",
        "type": "function",
        "function": {"name": "f", "arguments": '{"a": "'},
    }
    piece = {"index": 0, "function": {"arguments": "0123456789abcdef"}}
    chunks = [_chunk({"tool_calls": [head]})]
    chunks += [_chunk({"tool_calls": [piece]})] * n
    chunks.append(
        _chunk({"tool_calls": [{"index": 0, "function": {"arguments": '"}'}}]}, "tool_calls")
    )
    return _o2a_stream(chunks)


@measurement("OpenAIToAnthropicStream: n reasoning_content deltas and no reasoning_details")
def o2a_stream_reasoning_deltas(n: int) -> float:
    chunks = [_chunk({"reasoning_content": "some thought "})] * n
    chunks.append(_chunk({"content": "answer"}, "stop"))
    return _o2a_stream(chunks)


@measurement("OpenAIToAnthropicStream: n text deltas waiting behind an incomplete tool call")
def o2a_stream_text_behind_a_tool_call(n: int) -> float:
    head = {"index": 0, "id": "c", "type": "function", "function": {"name": "f", "arguments": "{"}}
    chunks = [_chunk({"tool_calls": [head]})]
    chunks += [_chunk({"content": "word "})] * n
    chunks.append(
        _chunk({"tool_calls": [{"index": 0, "function": {"arguments": "}"}}]}, "tool_calls")
    )
    return _o2a_stream(chunks)


@measurement("AnthropicToOpenAIStream: a server tool's input in n 16-byte deltas")
def a2o_stream_server_tool_input(n: int) -> float:
    start = {
        "type": "message_start",
        "message": {
            "id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": [],
            "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
        },
    }  # fmt: skip
    block = {
        "type": "content_block_start",
        "index": 0,
        "content_block": {
            "type": "server_tool_use",
            "id": "srvtoolu_1",
            "name": "web_search",
            "input": {},
        },
    }

    def delta(text: str) -> dict[str, object]:
        return {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": text},
        }

    events = [start, block, delta('{"query": "'), *[delta("0123456789abcdef")] * n, delta('"}')]
    events += [
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 1},
        },
        {"type": "message_stop"},
    ]

    def work() -> None:
        converter = rc.AnthropicToOpenAIStream(created=1)
        for event in events:
            converter.feed(event)

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


def run(name: str, scale: float = 1.0) -> Result:
    description, default, fn = MEASUREMENTS[name]
    n = max(1, int(default * scale))
    small = min(fn(n) for _ in range(RUNS))
    large = min(fn(4 * n) for _ in range(RUNS))
    return Result(name, description, n, small, large)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every measurement's N (default 1)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", action="append", choices=sorted(MEASUREMENTS), default=None)
    args = parser.parse_args(argv)
    results = [run(name, args.scale) for name in (args.only or list(MEASUREMENTS))]
    if args.json:
        print(json.dumps([{**asdict(r), "ratio": r.ratio} for r in results], indent=2))
    else:
        print(f"{'measurement':<36} {'N':>12} {'t(N) s':>9} {'t(4N) s':>9} {'ratio':>6}")
        for r in results:
            flag = "" if r.ratio < MAX_RATIO else "  SUPERLINEAR"
            print(
                f"{r.name:<36} {r.n:>12} {r.seconds_n:>9.3f} {r.seconds_4n:>9.3f} "
                f"{r.ratio:>6.2f}{flag}"
            )
    return 0 if all(r.ratio < MAX_RATIO for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
