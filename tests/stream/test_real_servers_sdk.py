"""The streams of test_real_servers.py through the official SDKs over ``MockTransport``: what the
OpenAI SDK makes of the upstream's bytes is what the Anthropic SDK makes of ours."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

import json
from typing import Any

import ruapi_convert as rc

from ..property.test_stream_properties import openai_sse, transcode
from ..property.test_stream_properties_sdk import anthropic_sdk_over_http, openai_sdk_over_http
from .test_real_servers import call, chunk, usage, usage_chunk

pytestmark = pytest.mark.oracle

Json = dict[str, Any]


def both_sdks(chunks: list[Json]) -> tuple[Json, Json]:
    """(the OpenAI SDK's completion from the upstream bytes, the Anthropic SDK's message from our
    conversion of them)."""
    upstream = openai_sse(chunks)
    converted = transcode(rc.OpenAIToAnthropicStream(), [upstream])
    return openai_sdk_over_http(upstream), anthropic_sdk_over_http(converted)


def tool_uses(message: Json) -> list[tuple[str, str, Any]]:
    return [(b["id"], b["name"], b["input"]) for b in message["content"] if b["type"] == "tool_use"]


def test_a_split_tool_name_reaches_the_anthropic_sdk_whole_as_the_openai_sdk_joins_it() -> None:
    completion, message = both_sdks(
        [
            chunk({"role": "assistant"}),
            chunk(call(0, id="c1", name="get_", args="")),
            chunk(call(0, name="weather", args='{"city": "Paris"}')),
            chunk({}, "tool_calls"),
        ]
    )
    (sent,) = completion["choices"][0]["message"]["tool_calls"]
    assert sent["function"]["name"] == "get_weather"
    assert tool_uses(message) == [("c1", "get_weather", {"city": "Paris"})]
    assert message["stop_reason"] == "tool_use"


def test_a_first_fragment_without_a_name_reaches_the_sdk_as_one_call() -> None:
    # (the OpenAI SDK's own stream helper asserts a function object on every fragment, so only the
    # Anthropic side is checked here)
    chunks = [
        chunk({"role": "assistant", "tool_calls": [{"index": 0, "id": "c1", "type": "function"}]}),
        chunk(call(0, name="get_weather", args="{}")),
        chunk({}, "tool_calls"),
    ]
    message = anthropic_sdk_over_http(transcode(rc.OpenAIToAnthropicStream(), [openai_sse(chunks)]))
    assert tool_uses(message) == [("c1", "get_weather", {})]


def test_calls_without_ids_get_distinct_ids_the_sdk_can_answer() -> None:
    _, message = both_sdks(
        [
            chunk(call(0, name="a", args="{}")),
            chunk(call(1, name="b", args="{}")),
            chunk({}, "tool_calls"),
        ]
    )
    ids = [i for i, _, _ in tool_uses(message)]
    assert len(set(ids)) == 2
    assert all(i.startswith("toolu_") for i in ids)


def test_tool_calls_ending_with_stop_reach_the_sdk_as_tool_use() -> None:
    _, message = both_sdks([chunk(call(0, id="c1", name="f", args="{}")), chunk({}, "stop")])
    assert message["stop_reason"] == "tool_use"


def test_usage_on_every_chunk_gives_the_sdk_the_prompt_size_from_the_start() -> None:
    chunks = [
        chunk({"role": "assistant", "content": ""}, usage=usage(1200, 0)),
        chunk({"content": "Hi"}, usage=usage(1200, 1)),
        chunk({}, "stop", usage=usage(1200, 2)),
        usage_chunk(usage(1200, 2)),
    ]
    body = transcode(rc.OpenAIToAnthropicStream(), [openai_sse(chunks)])
    first = json.loads(body.split(b"\n\n")[0].split(b"data: ", 1)[1])
    assert first["message"]["usage"]["input_tokens"] == 1200
    message = anthropic_sdk_over_http(body)
    assert message["usage"]["input_tokens"] == 1200
    assert message["usage"]["output_tokens"] == 2


def test_a_reused_index_reaches_the_sdk_as_two_calls_with_their_own_arguments() -> None:
    completion, message = both_sdks(
        [
            chunk(call(0, id="c1", name="get_weather", args='{"city": "Rome"}')),
            chunk(call(0, id="c2", name="delete_file", args='{"path": "/etc"}')),
            chunk({}, "tool_calls"),
        ]
    )
    # The OpenAI SDK itself merges the two (one call, both argument strings appended): what the
    # converter must not pass on.
    assert len(completion["choices"][0]["message"]["tool_calls"]) == 1
    assert tool_uses(message) == [
        ("c1", "get_weather", {"city": "Rome"}),
        ("c2", "delete_file", {"path": "/etc"}),
    ]
