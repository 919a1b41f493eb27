"""Stream properties checked by the official SDKs: converted streams accumulate to the converted reply."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

import contextlib
import copy
import functools
import json
from typing import Any

import anthropic
import httpx2
import hypothesis
import openai
import pytest
from anthropic.lib.streaming._messages import accumulate_event
from anthropic.types import Message, RawMessageStreamEvent
from hypothesis import given
from hypothesis import strategies as st
from openai.lib.streaming.chat._completions import ChatCompletionStreamState
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pydantic import TypeAdapter

import ruapi_convert as rc
from ruapi_convert.sse import DONE

from ..invariants import check_anthropic_events, check_openai_chunks
from .test_stream_properties import (
    _LATE_FOR_MESSAGE_OPENAI,
    CREATED,
    Json,
    Pair,
    _call,
    _chunk,
    anthropic_sse,
    anthropic_streams,
    coarsen_anthropic,
    coarsen_openai,
    details_first,
    interleaved,
    merged_content,
    openai_sse,
    openai_streams,
    resplit_anthropic,
    resplit_openai,
    run_a2o,
    run_o2a,
    transcode,
)

pytestmark = pytest.mark.oracle


_EVENTS: TypeAdapter[Any] = TypeAdapter(RawMessageStreamEvent)


def sdk_accumulate_openai(chunks: list[Json]) -> Json:
    """``ChatCompletionStreamState`` over our chunk dicts (raises if the SDK cannot take them)."""
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    for chunk in chunks:
        state.handle_chunk(ChatCompletionChunk.model_validate(chunk))
    snapshot: Json = state.current_completion_snapshot.to_dict()
    return snapshot


def sdk_accumulate_anthropic(events: list[Json]) -> Json:
    """``accumulate_event`` over our event dicts (raises if the SDK cannot take them)."""
    snapshot: Any = None
    buffers: dict[int, bytes] = {}
    for event in events:
        snapshot = accumulate_event(
            event=_EVENTS.validate_python(event), current_snapshot=snapshot, json_bufs=buffers
        )
    assert snapshot is not None
    result: Json = snapshot.to_dict(mode="json")
    return result


class _Served:
    """One SDK client per test over ``httpx2.MockTransport``; ``body`` is what the next request
    gets back as its ``text/event-stream``."""

    def __init__(self) -> None:
        self.body = b""

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(
            200, content=self.body, headers={"content-type": "text/event-stream"}
        )

    def client(self) -> httpx2.Client:
        return httpx2.Client(transport=httpx2.MockTransport(self.handle))


@functools.cache
def _openai_client() -> tuple[_Served, openai.OpenAI]:
    served = _Served()
    client = openai.OpenAI(
        api_key="k", base_url="http://test/v1", max_retries=0, http_client=served.client()
    )
    return served, client


@functools.cache
def _anthropic_client() -> tuple[_Served, anthropic.Anthropic]:
    served = _Served()
    client = anthropic.Anthropic(
        api_key="k", base_url="http://test", max_retries=0, http_client=served.client()
    )
    return served, client


def openai_sdk_over_http(body: bytes) -> Json:
    """Our OpenAI SSE bytes through ``chat.completions.create(stream=True)``, accumulated."""
    served, client = _openai_client()
    served.body = body
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    for chunk in stream:
        state.handle_chunk(chunk)
    snapshot: Json = state.current_completion_snapshot.to_dict()
    return snapshot


def anthropic_sdk_over_http(body: bytes) -> Json:
    """Our Anthropic SSE bytes through ``messages.stream``: the SDK's final message."""
    served, client = _anthropic_client()
    served.body = body
    with client.messages.stream(
        model="m", max_tokens=1, messages=[{"role": "user", "content": "hi"}]
    ) as stream:
        message = stream.get_final_message()
    result: Json = message.to_dict(mode="json")
    return result


def canonical_completion(completion: Json) -> Json:
    """Tool arguments compared as JSON values; what the SDK adds of its own (each tool call's
    ``index``, ``parsed_arguments``) and keys set to ``null`` are left out."""
    completion = copy.deepcopy(completion)
    for choice in completion["choices"]:
        for call in choice["message"].get("tool_calls") or ():
            call.pop("index", None)
            call["function"].pop("parsed_arguments", None)
            with contextlib.suppress(ValueError):
                call["function"]["arguments"] = json.dumps(
                    json.loads(call["function"]["arguments"]), sort_keys=True
                )
    dumped: Json = ChatCompletion.model_validate(completion).model_dump(exclude_none=True)
    return dumped


def canonical_message(message: Json) -> Json:
    dumped: Json = Message.model_validate(message).model_dump(exclude_none=True)
    return dumped


@given(anthropic_streams, st.booleans())
def test_anthropic_streams_become_chunks_the_openai_sdk_accumulates_to_the_converted_reply(
    pair: Pair, include_usage: bool
) -> None:
    """OpenAI's stream rules hold; the SDK accumulates our chunks (as dicts and as SSE bytes over
    HTTP) to the non-stream conversion of the final message; every stream loss is a non-stream
    loss."""
    final, events = pair
    out, converter = run_a2o(events, include_usage)
    assert out[-1] is DONE
    chunks = [item.to_dict() for item in out if item is not DONE]
    check_openai_chunks(chunks, done=True, include_usage=include_usage)

    converted = rc.anthropic_to_openai_response(final, created=CREATED)
    want = canonical_completion(converted.value.to_dict())
    if not include_usage:
        want.pop("usage", None)  # without stream_options.include_usage a stream has none
    got = canonical_completion(sdk_accumulate_openai(chunks))
    assert got == want

    body = transcode(
        rc.AnthropicToOpenAIStream(include_usage=include_usage, created=CREATED),
        [anthropic_sse(events)],
    )
    assert body == b"".join(rc.sse.encode(item) for item in out)
    assert canonical_completion(openai_sdk_over_http(body)) == want

    # Losses are reported per source path; a stream reports nothing the reply does not.
    streamed = {(loss.path, loss.kind) for loss in converter.losses}
    whole = {(loss.path, loss.kind) for loss in converted.losses}
    assert streamed <= whole, streamed - whole


@given(openai_streams)
def test_openai_streams_become_events_the_anthropic_sdk_accumulates_to_the_converted_reply(
    pair: Pair,
) -> None:
    """Anthropic's stream rules hold; the SDK accumulates our events (as dicts and as SSE bytes
    over HTTP) to the non-stream conversion of the final completion - exactly when the source's
    channels speak in block order, up to block boundaries and order when they interleave."""
    final, chunks = pair
    chunks = details_first(chunks)
    out, converter = run_o2a(chunks)
    events = [item.to_dict() for item in out]
    check_anthropic_events(events)
    assert events[-1]["type"] == "message_stop"

    converted = rc.openai_to_anthropic_response(final)
    want = canonical_message(converted.value.to_dict())
    got = canonical_message(sdk_accumulate_anthropic(events))
    # message.openai: a stream carries only what it knows at message_start (created, fingerprint).
    streamed, whole = got.pop("openai", {}), want.pop("openai", {})
    assert {k: whole.get(k) for k in streamed} == streamed
    hypothesis.event("source interleaved" if interleaved(chunks) else "source in block order")
    if interleaved(chunks):
        late_signature = any("signature arrived after" in loss.detail for loss in converter.losses)
        got["content"] = merged_content(got["content"], late_signature)
        want["content"] = merged_content(want["content"], late_signature)
    assert got == want

    body = transcode(rc.OpenAIToAnthropicStream(), [openai_sse(chunks)])
    assert body == b"".join(rc.sse.encode(item) for item in out)
    over_http = canonical_message(anthropic_sdk_over_http(body))
    over_http.pop("openai", None)
    if interleaved(chunks):
        over_http["content"] = merged_content(over_http["content"], late_signature)
    assert over_http == got

    streamed_losses = {
        (loss.path.replace("choices[0].delta", "choices[0].message"), loss.kind)
        for loss in converter.losses
    }
    whole_losses = {(loss.path, loss.kind) for loss in converted.losses}
    for path, kind in streamed_losses - whole_losses:
        late = next((k for p, k in _LATE_FOR_MESSAGE_OPENAI.items() if path.startswith(p)), None)
        if late is not None:
            assert kind == "dropped", (path, kind)
            assert whole.get(late) is not None, f"the reply did not carry {late} either"
        else:
            # Reasoning split by other content: an unsigned first part, a late signature.
            assert interleaved(chunks), (path, kind)
            assert path.startswith("choices[0].message"), (path, kind)


@given(anthropic_streams, st.data())
def test_smaller_anthropic_deltas_accumulate_to_the_same_completion(
    pair: Pair, data: st.DataObject
) -> None:
    """Cutting the source's deltas into more, smaller ones changes the chunks, not what the OpenAI
    SDK accumulates from them, nor the losses."""
    events = pair[1]
    coarse = coarsen_anthropic(events)
    split = resplit_anthropic(data, coarse)
    hypothesis.event(f"deltas split: {len(split) > len(coarse)}")
    whole_out, whole = run_a2o(events, True)

    def accumulated(out: list[Any]) -> Json:
        return canonical_completion(
            sdk_accumulate_openai([i.to_dict() for i in out if i is not DONE])
        )

    for stream in (coarse, split):
        out, converter = run_a2o(stream, True)
        assert accumulated(out) == accumulated(whole_out)
        assert set(converter.losses) == set(whole.losses)


@given(openai_streams, st.data())
def test_smaller_openai_deltas_accumulate_to_the_same_message(
    pair: Pair, data: st.DataObject
) -> None:
    """Cutting the source's content, refusal, reasoning and argument fragments (arguments anywhere,
    inside escapes too) into smaller ones changes the events, not what the Anthropic SDK
    accumulates from them, nor the losses."""
    chunks = details_first(pair[1])
    coarse = coarsen_openai(chunks)
    split = resplit_openai(data, coarse)
    hypothesis.event(f"deltas split: {len(split) > len(coarse)}")
    whole_out, whole = run_o2a(chunks)

    def accumulated(out: list[Any]) -> Json:
        return canonical_message(sdk_accumulate_anthropic([i.to_dict() for i in out]))

    for stream in (coarse, split):
        out, converter = run_o2a(stream)
        assert accumulated(out) == accumulated(whole_out)
        assert {(x.path, x.kind) for x in converter.losses} == {
            (x.path, x.kind) for x in whole.losses
        }


def _blocks(events: list[Json]) -> list[Json]:
    check_anthropic_events(events)
    return list(sdk_accumulate_anthropic(events)["content"])


def test_regression_container_in_message_start_reaches_the_chunks() -> None:
    start: Json = {
        "type": "message_start",
        "message": {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "c",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
            "container": {"id": "container_1", "expires_at": "2026-05-01T12:00:00Z"},
        },
    }
    end: list[Json] = [
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 2},
        },
        {"type": "message_stop"},
    ]
    out, _ = run_a2o([start, *end], False)
    message = sdk_accumulate_openai([i.to_dict() for i in out if i is not DONE])
    assert message["choices"][0]["message"]["anthropic"]["container"]["id"] == "container_1"


def test_regression_a_queued_tool_call_with_incomplete_arguments_stays_open() -> None:
    chunks = [
        _chunk({"role": "assistant"}),
        _chunk(_call(0, "", first=True)),
        _chunk(_call(1, "", first=True)),
        _chunk({"content": "hi"}),
        _chunk(_call(0, "{}")),
        _chunk(_call(1, '{"a": 1}'), "tool_calls"),
    ]
    out, _ = run_o2a(chunks)
    blocks = _blocks([i.to_dict() for i in out])
    assert [(b["type"], b.get("id"), b.get("input")) for b in blocks] == [
        ("tool_use", "call_0", {}),
        ("tool_use", "call_1", {"a": 1}),
        ("text", None, None),
    ]


def test_regression_text_and_reasoning_resume_in_new_blocks() -> None:
    chunks = [
        _chunk({"role": "assistant", "reasoning_content": "r1", "content": "a"}),
        _chunk(_call(0, "{}", first=True)),
        _chunk({"content": "b", "reasoning_content": "r2"}, "tool_calls"),
    ]
    out, converter = run_o2a(chunks)
    blocks = _blocks([i.to_dict() for i in out])
    assert [b.get("text") or b.get("thinking") or b["type"] for b in blocks] == [
        "r1",
        "a",
        "tool_use",
        "r2",
        "b",
    ]
    assert any("resumed after other content" in loss.detail for loss in converter.losses)


def test_regression_a_signed_reasoning_detail_without_text_becomes_a_thinking_block() -> None:
    detail = {"index": 0, "type": "reasoning.text", "text": "", "signature": "sig"}
    out, _ = run_o2a(
        [
            _chunk({"role": "assistant", "reasoning_details": [detail]}),
            _chunk({"content": "x"}, "stop"),
        ]
    )
    blocks = _blocks([i.to_dict() for i in out])
    assert blocks[0] == {"type": "thinking", "thinking": "", "signature": "sig"}


def test_regression_reasoning_content_after_reasoning_details_is_the_same_text() -> None:
    detail = {"index": 0, "type": "reasoning.text", "text": "t", "signature": "sig"}
    out, _ = run_o2a(
        [
            _chunk({"role": "assistant", "reasoning_details": [detail]}),
            _chunk({"reasoning_content": "t"}),
            _chunk({"content": "x"}, "stop"),
        ]
    )
    blocks = _blocks([i.to_dict() for i in out])
    assert [b["type"] for b in blocks] == ["thinking", "text"]
