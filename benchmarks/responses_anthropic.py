"""Benchmarks of the Responses <-> Anthropic Messages conversions, next to the orjson floor.

    python benchmarks/responses_anthropic.py

The same measure as ``benchmarks/responses.py`` (whose helpers it uses): bytes in -> bytes out per
payload size for each body function, and per event through ``sse.SSETranscoder`` over a long
stream for each stream converter, with ``orjson.dumps(orjson.loads(...))`` of the same bytes as
the floor.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ruapi_convert as rc
from benchmarks.responses import (
    CODEX,
    CODEX_MODEL,
    floor,
    responses_request,
    row,
    stream_floor,
    timed,
)
from ruapi_convert.sse import SSETranscoder

if TYPE_CHECKING:
    from collections.abc import Callable

Json = dict[str, Any]


def anthropic_reply(text: str, calls: int) -> Json:
    """A Message with signed thinking, text and ``calls`` tool calls."""
    content: list[Json] = [
        {"type": "thinking", "thinking": "Thinking. " * 40, "signature": "Eq" + "x" * 400},
        {"type": "text", "text": text},
    ]
    content += [
        {"type": "tool_use", "id": f"toolu_{k}", "name": "shell", "input": {"command": ["ls"]}}
        for k in range(calls)
    ]
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-opus-4-8",
        "content": content,
        "stop_reason": "tool_use" if calls else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1000, "output_tokens": 200, "cache_read_input_tokens": 500},
    }


def anthropic_stream(n: int) -> bytes:
    """message_start, one text block of ``n`` deltas, message_delta, message_stop."""
    message = {**anthropic_reply("", 0), "content": [], "stop_reason": None}
    events: list[Json] = [
        {"type": "message_start", "message": message},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    ]
    events += [
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "text_delta", "text": "word "},
        }
        for _ in range(n)
    ]
    events += [
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": n},
        },
        {"type": "message_stop"},
    ]
    return b"".join(
        b"event: " + e["type"].encode() + b"\ndata: " + orjson.dumps(e) + b"\n\n" for e in events
    )


def responses_stream(n: int) -> bytes:
    converter = rc.AnthropicToResponsesStream(request={"model": "m"}, created=1)
    transcoder = SSETranscoder(converter)
    return transcoder.feed(anthropic_stream(n)) + transcoder.close()


def main() -> None:
    print(
        "Responses <-> Messages: bytes -> parse -> convert -> to_json() bytes (ours | orjson floor | ratio)"
    )
    for label, turns, text, calls in (
        ("small", 1, "Hello!", 0),
        ("medium", 10, "word " * 400, 2),
        ("large", 60, "word " * 20_000, 8),
    ):
        r_req = orjson.dumps(responses_request(turns))
        a_req = rc.responses_to_anthropic_request(r_req).value.to_json()
        a_rep = orjson.dumps(anthropic_reply(text, calls))
        r_rep = rc.anthropic_to_responses_response(a_rep, request=CODEX, created=1).value.to_json()
        cases: list[tuple[str, bytes, Callable[[bytes], bytes]]] = [
            (
                "responses_to_anthropic_request",
                r_req,
                lambda b: rc.responses_to_anthropic_request(b).value.to_json(),
            ),
            (
                "anthropic_to_responses_request",
                a_req,
                lambda b: rc.anthropic_to_responses_request(b).value.to_json(),
            ),
            (
                "anthropic_to_responses_response",
                a_rep,
                lambda b: rc.anthropic_to_responses_response(
                    b, request=CODEX_MODEL, created=1
                ).value.to_json(),
            ),
            (
                "responses_to_anthropic_response",
                r_rep,
                lambda b: rc.responses_to_anthropic_response(b).value.to_json(),
            ),
        ]
        for name, body, convert in cases:
            took = timed(partial(convert, body))
            print(row(f"{name} {label} ({len(body) / 1000:.1f} kB)", took, timed(floor(body))))
    print("\nstream: per event, SSE bytes -> SSETranscoder -> SSE bytes")
    n = 2000
    streams: tuple[tuple[str, bytes, Callable[[], Any]], ...] = (
        (
            "Anthropic -> Responses",
            anthropic_stream(n),
            lambda: rc.AnthropicToResponsesStream(request={"model": "m"}, created=1),
        ),
        ("Responses -> Anthropic", responses_stream(n), rc.ResponsesToAnthropicStream),
    )
    for name, data, make in streams:
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
