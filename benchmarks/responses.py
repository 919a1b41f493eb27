"""Benchmarks of the Responses <-> Chat Completions conversions, next to the orjson floor.

    python benchmarks/responses.py

Always bytes in -> bytes out, per payload size: each body function from JSON bytes to the converted
body's ``to_json()``, and each stream converter per event through ``sse.SSETranscoder`` over a long
stream. The floor is ``orjson.dumps(orjson.loads(body))`` of the same bytes (for streams: split the
SSE bytes into events, load and dump each event's data and frame it again). Figures are the median
of several timed loops. (Self-contained on purpose: ``benchmarks/run.py`` is being rewritten; its
timing helpers are repeated here in a few lines.)
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ruapi_convert as rc
from ruapi_convert.models import responses as rsp
from ruapi_convert.sse import SSETranscoder

if TYPE_CHECKING:
    from collections.abc import Callable

Json = dict[str, Any]

ROOT = Path(__file__).resolve().parent.parent
CODEX = json.loads(
    (
        ROOT / "fixtures/payloads/responses/requests/codex_shaped_reasoning_replay_custom_tool.json"
    ).read_bytes()
)


def timed(fn: Callable[[], Any], *, budget: float = 0.25, repeats: int = 5) -> float:
    """Median seconds per call over ``repeats`` loops of about ``budget`` seconds each."""
    fn()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.05:
        fn()
        n += 1
    loops = max(1, int(n * budget / 0.05))
    results = []
    for _ in range(repeats):
        gc.disable()
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        results.append((time.perf_counter() - t0) / loops)
        gc.enable()
    return statistics.median(results)


def floor(body: bytes) -> Callable[[], bytes]:
    return lambda: orjson.dumps(orjson.loads(body))


def stream_floor(data: bytes) -> Callable[[], bytes]:
    """Split events, load and dump each event's data, frame it again (named or not)."""

    def run() -> bytes:
        out = []
        for frame in data.split(b"\n\n"):
            if not frame:
                continue
            head, _, line = frame.rpartition(b"data: ")
            if line == b"[DONE]":
                continue
            out.append(head + b"data: " + orjson.dumps(orjson.loads(line)) + b"\n\n")
        return b"".join(out)

    return run


def row(label: str, ours: float, base: float) -> str:
    def fmt(seconds: float) -> str:
        return f"{seconds * 1e6:9.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:9.2f} ms"

    return f"  {label:<52} ours {fmt(ours)}   floor {fmt(base)}   ours/floor {ours / base:5.2f}x"


#: The request a gateway already parsed (passing the model skips validating it again per reply).
CODEX_MODEL = rsp.ResponseCreateParams.model_validate(CODEX)


def responses_request(turns: int) -> Json:
    """A Codex-shaped request: its instructions, tools and settings, with ``turns`` tool loops of
    reasoning, a call and its output before the last user message."""
    body = dict(CODEX)
    items: list[Json] = list(CODEX["input"][:3])
    for k in range(turns):
        items += [
            {"type": "reasoning", "summary": [], "encrypted_content": "gAAAAAB" + "x" * 400},
            {
                "type": "function_call",
                "name": "shell",
                "call_id": f"call_{k}",
                "arguments": '{"command":["ls","-la"]}',
            },
            {"type": "function_call_output", "call_id": f"call_{k}", "output": "file.txt\n" * 40},
        ]
    items.append(
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Go on."}]}
    )
    body["input"] = items
    return body


def chat_reply(text: str, calls: int) -> Json:
    message: Json = {"role": "assistant", "content": text, "reasoning_content": "Thinking. " * 40}
    if calls:
        message["tool_calls"] = [
            {
                "id": f"call_{k}",
                "type": "function",
                "function": {"name": "shell", "arguments": '{"command":["ls"]}'},
            }
            for k in range(calls)
        ]
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}
        ],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200},
    }


def responses_reply(text: str, calls: int) -> Json:
    return rc.openai_to_responses_response(chat_reply(text, calls), request=CODEX).value.to_dict()


def chat_stream(n: int) -> bytes:
    head = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    chunks = [
        {
            **head,
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
            ],
        }
    ]
    chunks += [
        {**head, "choices": [{"index": 0, "delta": {"content": "word "}, "finish_reason": None}]}
        for _ in range(n)
    ]
    chunks.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    chunks.append(
        {
            **head,
            "choices": [],
            "usage": {"prompt_tokens": 5, "completion_tokens": n, "total_tokens": 5 + n},
        }
    )
    return b"".join(b"data: " + orjson.dumps(c) + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"


def responses_stream(n: int) -> bytes:
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    return SSETranscoder(converter).feed(chat_stream(n))


def main() -> None:
    print(
        "Responses <-> Chat: bytes -> parse -> convert -> to_json() bytes (ours | orjson floor | ratio)"
    )
    for label, turns, text, calls in (
        ("small", 1, "Hello!", 0),
        ("medium", 10, "word " * 400, 2),
        ("large", 60, "word " * 20_000, 8),
    ):
        r_req = orjson.dumps(responses_request(turns))
        c_req = rc.responses_to_openai_request(r_req).value.to_json()
        c_rep = orjson.dumps(chat_reply(text, calls))
        r_rep = orjson.dumps(responses_reply(text, calls))
        cases: list[tuple[str, bytes, Callable[[bytes], bytes]]] = [
            (
                "responses_to_openai_request",
                r_req,
                lambda b: rc.responses_to_openai_request(b).value.to_json(),
            ),
            (
                "openai_to_responses_request",
                c_req,
                lambda b: rc.openai_to_responses_request(b).value.to_json(),
            ),
            (
                "openai_to_responses_response",
                c_rep,
                lambda b: rc.openai_to_responses_response(b, request=CODEX_MODEL).value.to_json(),
            ),
            (
                "responses_to_openai_response",
                r_rep,
                lambda b: rc.responses_to_openai_response(b).value.to_json(),
            ),
        ]
        for name, body, convert in cases:
            took = timed(partial(convert, body))
            print(row(f"{name} {label} ({len(body) / 1000:.1f} kB)", took, timed(floor(body))))
    print("\nstream: per event, SSE bytes -> SSETranscoder -> SSE bytes")
    n = 2000
    for name, data, make in (
        (
            "Chat -> Responses",
            chat_stream(n),
            lambda: rc.OpenAIToResponsesStream(request={"model": "m"}),
        ),
        (
            "Responses -> Chat",
            responses_stream(n),
            lambda: rc.ResponsesToOpenAIStream(include_usage=True),
        ),
    ):
        events = data.count(b"\n\n")

        def transcode(d: bytes = data, mk: Callable[[], Any] = make) -> bytes:
            transcoder = SSETranscoder(mk())
            return transcoder.feed(d) + transcoder.close()

        print(
            row(
                f"{name} ({events} events)",
                timed(transcode) / events,
                timed(stream_floor(data)) / events,
            )
        )


if __name__ == "__main__":
    main()
