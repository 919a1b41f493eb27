"""Benchmarks: ruapi_convert next to the orjson floor (and LiteLLM with ``--litellm``), in one run.

    python benchmarks/run.py              # or: nox -s bench
    python benchmarks/run.py --litellm    # or: nox -s bench_litellm (installs LiteLLM there only)

What is measured, per payload size, always bytes in -> bytes out:

* **models**: ``Model.model_validate_json(body).to_json()`` (parse and dump in the same protocol);
* **convert**: each body function, from JSON bytes to the converted body's ``to_json()``;
* **stream**: the cost per event of ``sse.SSETranscoder`` (decode SSE, convert, encode SSE) over a
  long stream, and the peak memory while transcoding a 100k-event stream;
* **floor**: ``orjson.dumps(orjson.loads(body))`` of the same bytes (for streams: splitting the SSE
  bytes into events, ``orjson.loads`` + ``orjson.dumps`` of each event's data and re-framing it) -
  the least any converter in Python must do;
* **bars** (with ``--litellm``): under each row, the two bars of issues 3 and 4 (15x faster than
  LiteLLM, at most 3x the floor) next to the least any converter could cost on that input with
  pydantic-core as its JSON codec (the only one a pydantic-only library has), converting
  nothing, without and with validating the input; a bar below that is out of reach for any
  converter of that kind, and the row says so;
* **LiteLLM**: its Anthropic adapters (``litellm.llms.anthropic`` request/response transforms)
  on the same payloads,
  parsing the bytes with ``json.loads`` and dumping with ``json.dumps`` as a gateway would.

Figures are the median of several runs of a timed loop; ratios are computed from the same run.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pydantic_core

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ruapi_convert as rc
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.sse import SSETranscoder

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

Json = dict[str, Any]

# -- payloads ---------------------------------------------------------------------------------------------

_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def openai_request(messages: int, text_size: int = 200) -> Json:
    """A Chat Completions request with a realistic mix: system, user text, tool calls and results."""
    body: list[Json] = [{"role": "system", "content": "You are a helpful assistant. " * 4}]
    i = 0
    while len(body) < messages:
        body.append(
            {
                "role": "user",
                "content": f"Question {i}: " + "lorem ipsum dolor sit amet " * (text_size // 27),
            }
        )
        body.append(
            {
                "role": "assistant",
                "content": "Let me check.",
                "tool_calls": [
                    {
                        "id": f"call_{i}",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                    }
                ],
            }
        )
        body.append(
            {"role": "tool", "tool_call_id": f"call_{i}", "content": '{"temp": 18, "sky": "rain"}'}
        )
        body.append(
            {"role": "assistant", "content": "It is 18 degrees and raining. " * (text_size // 30)}
        )
        i += 1
    return {
        "model": "gpt-5",
        "messages": body[:messages],
        "tools": [_TOOL],
        "max_completion_tokens": 1024,
        "temperature": 0.5,
    }


def payloads() -> dict[str, Json]:
    return {
        "small": {
            "model": "gpt-5",
            "messages": [{"role": "user", "content": "Hello, how are you?"}],
            "max_completion_tokens": 256,
        },
        "60 messages": openai_request(60),
        "1 MB": openai_request(120, text_size=8800),
    }


def anthropic_message(text: str, tools: int = 1) -> Json:
    content: list[Json] = [{"type": "text", "text": text}]
    content += [
        {"type": "tool_use", "id": f"toolu_{i}", "name": "get_weather", "input": {"city": "Paris"}}
        for i in range(tools)
    ]
    return {
        "id": "msg_bench",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": content,
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 1000, "cache_read_input_tokens": 200, "output_tokens": 300},
    }


def anthropic_stream(text_deltas: int) -> bytes:
    """An Anthropic SSE stream: message_start, one text block of ``text_deltas`` deltas, a tool call, end."""
    frames: list[Json] = [
        {
            "type": "message_start",
            "message": {
                "id": "msg_b",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-4-5",
                "content": [],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 1},
            },
        },
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        *(
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": f"token{i} "},
            }
            for i in range(text_deltas)
        ),
        {"type": "content_block_stop", "index": 0},
        {
            "type": "content_block_start",
            "index": 1,
            "content_block": {
                "type": "tool_use",
                "id": "toolu_1",
                "name": "get_weather",
                "input": {},
            },
        },
        {
            "type": "content_block_delta",
            "index": 1,
            "delta": {"type": "input_json_delta", "partial_json": '{"city": "Paris"}'},
        },
        {"type": "content_block_stop", "index": 1},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "tool_use", "stop_sequence": None},
            "usage": {"output_tokens": text_deltas},
        },
        {"type": "message_stop"},
    ]
    return b"".join(
        b"event: " + str(f["type"]).encode() + b"\ndata: " + orjson.dumps(f) + b"\n\n"
        for f in frames
    )


def openai_stream(text_deltas: int) -> bytes:
    base = {"id": "chatcmpl-b", "object": "chat.completion.chunk", "created": 1, "model": "gpt-5"}
    chunks = [
        {
            **base,
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
            ],
        },
        *(
            {
                **base,
                "choices": [
                    {"index": 0, "delta": {"content": f"token{i} "}, "finish_reason": None}
                ],
            }
            for i in range(text_deltas)
        ),
        {
            **base,
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": "call_1",
                                "type": "function",
                                "function": {
                                    "name": "get_weather",
                                    "arguments": '{"city": "Paris"}',
                                },
                            }
                        ]
                    },
                    "finish_reason": None,
                }
            ],
        },
        {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]},
        {
            **base,
            "choices": [],
            "usage": {
                "prompt_tokens": 10,
                "completion_tokens": text_deltas,
                "total_tokens": 10 + text_deltas,
            },
        },
    ]
    return b"".join(b"data: " + orjson.dumps(c) + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"


# -- timing -------------------------------------------------------------------------------------------------


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


def stream_floor(
    data: bytes,
    loads: Callable[[bytes], Any] = orjson.loads,
    dumps: Callable[[Any], bytes] = orjson.dumps,
) -> Callable[[], bytes]:
    """Split events, loads/dumps each JSON payload, re-frame: the cheapest correct-shape transcoder."""

    def run() -> bytes:
        out = []
        for frame in data.split(b"\n\n"):
            if not frame:
                continue
            line = frame.rsplit(b"\ndata: ", 1)[-1].removeprefix(b"data: ")
            if line == b"[DONE]":
                continue
            out.append(b"data: " + dumps(loads(line)) + b"\n\n")
        return b"".join(out)

    return run


def fmt(seconds: float) -> str:
    return f"{seconds * 1e6:9.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:9.2f} ms"


def row(label: str, ours: float, base: float, lite: float | None = None) -> str:
    text = f"  {label:<44} ours {fmt(ours)}   floor {fmt(base)}   ours/floor {ours / base:5.2f}x"
    if lite is not None:
        text += f"   LiteLLM {fmt(lite)}   LiteLLM/ours {lite / ours:6.1f}x"
    return text


# -- LiteLLM (optional) ------------------------------------------------------------------------------------


class LiteLLM:
    """The adapters of peers-python.md §8, wrapped bytes in -> bytes out."""

    def __init__(self) -> None:
        import os

        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        import litellm
        from litellm.llms.anthropic.chat.handler import ModelResponseIterator
        from litellm.llms.anthropic.chat.transformation import AnthropicConfig
        from litellm.llms.base_llm.base_utils import map_developer_role_to_system_role

        try:
            from litellm.llms.anthropic.messages.adapters.streaming_iterator import (
                AnthropicStreamWrapper,
            )
            from litellm.llms.anthropic.messages.adapters.transformation import (
                LiteLLMAnthropicMessagesAdapter,
            )
        except ImportError:
            from litellm.llms.anthropic.experimental_pass_through.adapters.streaming_iterator import (
                AnthropicStreamWrapper,
            )
            from litellm.llms.anthropic.experimental_pass_through.adapters.transformation import (
                LiteLLMAnthropicMessagesAdapter,
            )
        from litellm.types.llms.anthropic import AnthropicMessagesRequest
        from litellm.types.utils import ModelResponseStream

        self.litellm = litellm
        self.config = AnthropicConfig()
        self.map_roles = map_developer_role_to_system_role
        self.adapter = LiteLLMAnthropicMessagesAdapter()
        self.request_type = AnthropicMessagesRequest
        self.stream_wrapper = AnthropicStreamWrapper
        self.chunk_type = ModelResponseStream
        self.iterator = ModelResponseIterator

    def o2a_request(self, body: bytes) -> bytes:
        req = json.loads(body)
        messages = self.map_roles(messages=req["messages"])
        params = {k: v for k, v in req.items() if k not in ("model", "messages")}
        optional = self.config.map_openai_params(
            non_default_params=params, optional_params={}, model=req["model"], drop_params=True
        )
        optional.pop("json_mode", None)
        out = self.config.transform_request(
            model=req["model"],
            messages=messages,
            optional_params=optional,
            litellm_params={},
            headers={},
        )
        return json.dumps(out).encode()

    def a2o_request(self, body: bytes) -> bytes:
        req = json.loads(body)
        out, _ = self.adapter.translate_anthropic_to_openai(
            anthropic_message_request=self.request_type(**req)
        )
        return json.dumps(out, default=str).encode()

    def a2o_response(self, body: bytes) -> bytes:
        import httpx

        data = json.loads(body)
        raw = httpx.Response(
            200, json=data, request=httpx.Request("POST", "https://api.anthropic.com/v1/messages")
        )
        out = self.config.transform_parsed_response(
            completion_response=data, raw_response=raw, model_response=self.litellm.ModelResponse()
        )
        return json.dumps(out.model_dump(exclude_none=True)).encode()

    def o2a_response(self, body: bytes) -> bytes:
        out = self.adapter.translate_openai_response_to_anthropic(
            response=self.litellm.ModelResponse(**json.loads(body))
        )
        return json.dumps(out, default=str).encode()

    def a2o_stream(self, data: bytes) -> bytes:
        it = self.iterator(streaming_response=iter(()), sync_stream=True)
        out = []
        for frame in data.split(b"\n\n"):
            if frame:
                event = json.loads(frame.rsplit(b"\ndata: ", 1)[-1])
                chunk = it.chunk_parser(event)
                out.append(
                    b"data: " + json.dumps(chunk.model_dump(exclude_none=True)).encode() + b"\n\n"
                )
        return b"".join(out)

    def o2a_stream(self, data: bytes) -> bytes:
        chunks = (
            self.chunk_type(**json.loads(f.removeprefix(b"data: ")))
            for f in data.split(b"\n\n")
            if f and f != b"data: [DONE]"
        )
        return b"".join(
            b"event: "
            + str(event.get("type", "")).encode()
            + b"\ndata: "
            + json.dumps(event, default=str).encode()
            + b"\n\n"
            for event in self.stream_wrapper(completion_stream=chunks, model="gpt-5")
        )


# -- the runs ----------------------------------------------------------------------------------------------


def _roundtrip(model: Any, body: bytes) -> bytes:
    result: bytes = model.model_validate_json(body).to_json()
    return result


def bench_models() -> None:
    print("\nmodels: Model.model_validate_json(body).to_json() vs orjson.loads + orjson.dumps")
    for label, body in payloads().items():
        o_bytes = orjson.dumps(body)
        a_bytes = rc.openai_to_anthropic_request(body).value.to_json()
        ours_o = timed(partial(_roundtrip, oai.ChatCompletionCreateParams, o_bytes))
        ours_a = timed(partial(_roundtrip, ant.MessageCreateParams, a_bytes))
        print(row(f"OpenAI request, {label} ({len(o_bytes):,} B)", ours_o, timed(floor(o_bytes))))
        print(
            row(f"Anthropic request, {label} ({len(a_bytes):,} B)", ours_a, timed(floor(a_bytes)))
        )


def bench_convert(lite: LiteLLM | None) -> None:
    print("\nconvert: bytes -> parse -> convert -> to_json() bytes")
    for label, body in payloads().items():
        o_bytes = orjson.dumps(body)
        a_bytes = rc.openai_to_anthropic_request(body).value.to_json()
        cases: list[Case] = [
            (
                "openai_to_anthropic_request",
                oai.ChatCompletionCreateParams,
                o_bytes,
                lambda b: rc.openai_to_anthropic_request(b).value.to_json(),
                lite.o2a_request if lite else None,
            ),
            (
                "anthropic_to_openai_request",
                ant.MessageCreateParams,
                a_bytes,
                lambda b: rc.anthropic_to_openai_request(b).value.to_json(),
                lite.a2o_request if lite else None,
            ),
        ]
        _run_cases(cases, label)
    for label, text, tools in (
        ("small", "Hello!", 0),
        ("medium", "word " * 400, 2),
        ("large", "word " * 100_000, 8),
    ):
        a_resp = orjson.dumps(anthropic_message(text, tools))
        o_resp = rc.anthropic_to_openai_response(a_resp, created=1).value.to_json()
        cases = [
            (
                "anthropic_to_openai_response",
                ant.Message,
                a_resp,
                lambda b: rc.anthropic_to_openai_response(b, created=1).value.to_json(),
                lite.a2o_response if lite else None,
            ),
            (
                "openai_to_anthropic_response",
                oai.ChatCompletion,
                o_resp,
                lambda b: rc.openai_to_anthropic_response(b).value.to_json(),
                lite.o2a_response if lite else None,
            ),
        ]
        _run_cases(cases, label)


#: One timed case: function name, its source model, the input bytes, ours, LiteLLM's (or None).
Case = tuple[str, Any, bytes, "Callable[[bytes], bytes]", "Callable[[bytes], bytes] | None"]


def _run_cases(cases: list[Case], label: str) -> None:
    for name, model, body, fn, other in cases:
        ours = timed(partial(fn, body))
        theirs = None
        if other is not None:
            try:
                theirs = timed(partial(other, body))
            except Exception as exc:  # a peer failing on a payload is a result too
                print(
                    f"  (LiteLLM failed on {name} {label}: {type(exc).__name__}: {str(exc)[:80]})"
                )
        base = timed(floor(body))
        print(row(f"{name}, {label} ({len(body):,} B)", ours, base, theirs))
        if theirs is not None:
            print(bounds(model, body, base, theirs))


def bounds(model: Any, body: bytes, base: float, lite: float) -> str:
    """The two speed bars of issues 3/4 next to the least any converter could cost here.

    * codec: pydantic-core ``from_json`` + ``to_json`` of the body, converting and checking
      nothing: the least a converter pays that may depend on pydantic only (orjson may not be a
      runtime dependency);
    * checked: the body validated as this library validates it (its TypedDict twin), plus the
      codec: the least a converter pays that refuses invalid input with a clear error.

    A bar below one of them cannot be met by any converter of that kind; the verdict says so.
    """
    codec = timed(lambda: pydantic_core.to_json(pydantic_core.from_json(body)))
    checked = timed(lambda: pydantic_core.to_json(model.parse_wire(body)))
    return bars_line(lite / 15, base * 3, codec, checked)


def bars_line(lite_bar: float, floor_bar: float, codec: float, checked: float) -> str:
    """Each bar, and whether any converter could meet it (see :func:`bounds`)."""

    def verdict(bar: float) -> str:
        if bar < codec:
            return "below the codec alone"
        return "below validation + codec" if bar < checked else "reachable"

    return (
        f"      bars: 15x LiteLLM = {fmt(lite_bar).strip()} ({verdict(lite_bar)}),"
        f" 3x floor = {fmt(floor_bar).strip()} ({verdict(floor_bar)});"
        f" least possible: codec {fmt(codec).strip()}, validation + codec {fmt(checked).strip()}"
    )


def bench_streams(lite: LiteLLM | None) -> None:
    print("\nstream: per event, SSE bytes -> SSETranscoder -> SSE bytes")
    n = 2000
    for name, data, make, other in (
        (
            "Anthropic -> OpenAI",
            anthropic_stream(n),
            lambda: rc.AnthropicToOpenAIStream(include_usage=True, created=1),
            lite.a2o_stream if lite else None,
        ),
        (
            "OpenAI -> Anthropic",
            openai_stream(n),
            lambda: rc.OpenAIToAnthropicStream(),
            lite.o2a_stream if lite else None,
        ),
    ):
        events = data.count(b"\n\n")

        def ours(d: bytes = data, mk: Callable[[], Any] = make) -> bytes:
            t = SSETranscoder(mk())
            return t.feed(d) + t.close()

        theirs = None
        if other is not None:
            try:
                theirs = timed(partial(other, data)) / events
            except Exception as exc:
                print(f"  (LiteLLM failed on {name}: {type(exc).__name__}: {str(exc)[:80]})")
        base = timed(stream_floor(data)) / events
        print(row(f"{name} ({events} events)", timed(ours) / events, base, theirs))
        if theirs is not None:
            print(stream_bounds(data, events, base, theirs))
    _memory()


def stream_bounds(data: bytes, events: int, base: float, lite: float) -> str:
    """:func:`bounds` for streams, per event: the floor's own framing with pydantic-core as the
    codec, and that plus validating each event exactly as the stream converters do (their
    shortcut for plain text events included)."""
    converter: Any = (
        rc.AnthropicToOpenAIStream() if data.startswith(b"event:") else rc.OpenAIToAnthropicStream()
    )

    def checked_dumps(value: Any) -> bytes:
        return pydantic_core.to_json(converter._validate(value, parsed=True))

    least = timed(stream_floor(data, pydantic_core.from_json, pydantic_core.to_json)) / events
    checked = timed(stream_floor(data, pydantic_core.from_json, checked_dumps)) / events
    return bars_line(lite / 15, base * 3, least, checked)


def _memory() -> None:
    """Peak traced memory while transcoding 100k text deltas, fed in 64 KiB chunks."""
    data = anthropic_stream(100_000)
    chunks: Iterator[bytes] = (data[i : i + 65536] for i in range(0, len(data), 65536))
    transcoder = SSETranscoder(rc.AnthropicToOpenAIStream(include_usage=True, created=1))
    tracemalloc.start()
    sent = 0
    for chunk in chunks:
        sent += len(transcoder.feed(chunk))
    sent += len(transcoder.close())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  memory: 100,000-event stream ({len(data) / 1e6:.1f} MB in, {sent / 1e6:.1f} MB out): peak {peak / 1e6:.2f} MB traced"
    )


def bench_import() -> None:
    code = "import time; t=time.perf_counter(); import ruapi_convert; print(time.perf_counter()-t)"
    # An installed package imports from cached bytecode; PYTHONDONTWRITEBYTECODE (set in some
    # sandboxes and containers) would make every run compile the sources again, which measures
    # the compiler, not the import. The first run writes the cache and is not counted.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once() -> float:
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
            env=env,
        ).stdout
        return float(out)

    once()
    runs = sorted(once() for _ in range(7))
    print(f"\nimport ruapi_convert: median {runs[3] * 1e3:.0f} ms over 7 fresh interpreters")
    print("  (pydantic alone, same way: ", end="")
    pydantic_code = code.replace("ruapi_convert", "pydantic, pydantic.types")
    base = sorted(
        float(
            subprocess.run(
                [sys.executable, "-c", pydantic_code],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout
        )
        for _ in range(7)
    )
    print(f"median {base[3] * 1e3:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--litellm", action="store_true", help="also time LiteLLM's adapters")
    args = parser.parse_args()
    lite = LiteLLM() if args.litellm else None
    print(
        f"python {sys.version.split()[0]}, ruapi_convert {rc.__version__}"
        + (f", litellm {importlib.metadata.version('litellm')}" if lite else "")
    )
    bench_import()
    bench_models()
    bench_convert(lite)
    bench_streams(lite)


if __name__ == "__main__":
    main()
