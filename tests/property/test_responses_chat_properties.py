"""Properties of the Responses <-> Chat Completions conversions (bodies and streams).

1. Only :class:`~ruapi_convert.ConversionError` escapes, and the output is valid: for generated
   payloads (with and without unknown fields), arbitrary JSON and random bytes, every conversion
   returns a value our target model accepts, or raises a ``ConversionError`` naming a place in the
   input; ``strict=True`` raises exactly when the lenient call reports losses.
2. Nothing disappears silently: every scalar leaf of a generated input reaches the output by value
   or is covered by a loss (the leaf's path or a prefix), except what ``EXEMPT`` lists, each with
   its reason.
3. Round trips are the identity on the portable subset: Responses -> Chat -> Responses for
   requests and for replies, with neither leg reporting a loss. What the subset leaves out, and
   why, is in the comments of ``PORTABLE_*`` and the normalisers.
4. Streams: the converted stream's final response equals the non-stream conversion of the same
   upstream reply (Chat -> Responses: the terminal event's response; Responses -> Chat: the chunks
   accumulated as the OpenAI SDK merges deltas), and cutting the source bytes anywhere gives the
   same output bytes.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ruapi_convert as rc
from ruapi_convert import _json
from ruapi_convert.mapping.envelope import ECHOED
from ruapi_convert.mapping.reasoning_responses import decode_carrier
from ruapi_convert.models import openai as oai
from ruapi_convert.models import responses as rsp
from ruapi_convert.sse import SSEDecoder, SSETranscoder, encode_all
from ruapi_convert.testing import (
    json_values,
    openai_chunk_streams,
    openai_requests,
    openai_responses,
    responses_event_streams,
    responses_requests,
    responses_responses,
    with_unknowns,
)

from ..accumulate import accumulate_openai
from .test_conversion_properties import (
    Reached,
    covers,
    leaves,
    mirrors_details,
    names_input_location,
)

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.property

Json = dict[str, Any]

#: A request a Codex-like client sends: the reply conversions honour its include.
CODEX_REQUEST: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}

CONVERSIONS: dict[str, tuple[Callable[..., Any], Any, type[Any]]] = {
    "responses_to_openai_request": (
        rc.responses_to_openai_request,
        responses_requests(),
        oai.ChatCompletionCreateParams,
    ),
    "openai_to_responses_request": (
        rc.openai_to_responses_request,
        openai_requests(),
        rsp.ResponseCreateParams,
    ),
    "openai_to_responses_response": (
        lambda body, **kw: rc.openai_to_responses_response(body, request=CODEX_REQUEST, **kw),
        openai_responses(),
        rsp.Response,
    ),
    "responses_to_openai_response": (
        rc.responses_to_openai_response,
        responses_responses(),
        oai.ChatCompletion,
    ),
}


# -- property 1: only ConversionError escapes ------------------------------------------------------


def _check(name: str, body: Any, **opts: Any) -> rc.Converted[Any] | None:
    convert, _, target = CONVERSIONS[name]
    try:
        result: rc.Converted[Any] = convert(body, **opts)
    except rc.ConversionError as exc:
        error = exc
    else:
        target.model_validate(result.value.to_dict())
        return result
    assert names_input_location(body, error.path), error
    return None


@pytest.mark.parametrize("name", CONVERSIONS)
@given(data=st.data())
def test_generated_payloads_convert_to_valid_bodies_or_raise_conversion_errors(
    name: str, data: st.DataObject
) -> None:
    """Generated payloads (unknown fields too) give a valid target body or a ConversionError."""
    _, strategy, _ = CONVERSIONS[name]
    unknowns = (
        with_unknowns(strategy, protocol="responses")
        if name.startswith("responses_")
        else with_unknowns(strategy, protocol="openai")
    )
    body = data.draw(st.one_of(strategy, unknowns))
    extensions = data.draw(st.booleans())
    result = _check(name, body, extensions=extensions)
    if result is None:
        return
    convert, _, _ = CONVERSIONS[name]
    if result.losses:
        with pytest.raises(rc.LossyConversionError):
            convert(body, extensions=extensions, strict=True)
    else:
        assert convert(body, extensions=extensions, strict=True).value == result.value


@pytest.mark.parametrize("name", CONVERSIONS)
@given(st.one_of(json_values(), st.binary(max_size=200)))
def test_garbage_raises_only_conversion_errors(name: str, body: Any) -> None:
    """Arbitrary JSON values and bytes either convert or raise a ConversionError."""
    convert, _, _ = CONVERSIONS[name]
    with contextlib.suppress(rc.ConversionError):
        convert(body)


# -- property 2: nothing disappears silently -------------------------------------------------------

_EXEMPT: tuple[tuple[str, str, str], ...] = (
    ("*", r"(^|\.)(type|object|role)$", "a discriminator: the output has the same kind of object"),
    ("*", r"(^|\.)index$", "a position in a list, restated by the output's order"),
    ("*", r"(^|\.)(id|status)$", "item ids and states name stored items (docs/mapping.md)"),
    ("*", r"^choices\[0\]\.finish_reason$|^status$", "a documented vocabulary (status <-> finish)"),
    ("*", r"^(stream|store|parallel_tool_calls|logprobs)$", "a flag: checked by value elsewhere"),
    ("*", r"usage\.", "token counts move field for field; zeros are written where absent"),
    ("*", r"\.strict$", "strict false is written explicitly (Responses defaults to true)"),
    ("responses_to_openai_request", r"^include\[\d+\]$", "honoured by the reply (request=)"),
    ("responses_to_openai_request", r"^truncation$", "'disabled' is the default"),
    ("responses_to_openai_request", r"^reasoning\.(context|mode)$", "defaults are not reported"),
    ("responses_to_openai_request", r"^tool_choice(\.type|\.mode)?$", "a vocabulary"),
    ("responses_to_openai_request", r"\.prewarm$", "false is not reported"),
    ("responses_to_openai_request", r"^background$", "false is not reported"),
    ("*", r"\.(defer_loading|async)$", "false is the default (true is reported)"),
    (
        "responses_to_openai_response",
        r"^(background|store|parallel_tool_calls|truncation|tool_choice|tools|instructions|reasoning|text|max_output_tokens|max_tool_calls|temperature|top_p|top_logprobs|user|safety_identifier|prompt_cache_key|prompt_cache_retention|prompt_cache_options|previous_response_id|prompt|conversation|image|access_programs)(\.|\[|$)",
        "a request echo (docs/mapping.md)",
    ),
    ("responses_to_openai_response", r"^incomplete_details\.reason$", "a vocabulary"),
    ("responses_to_openai_response", r"^completed_at$", "not reported (docs/mapping.md)"),
    ("openai_to_responses_request", r"^(frequency_penalty|presence_penalty)$", "0 is not reported"),
    ("openai_to_responses_request", r"^n$", "1 is the default"),
    ("openai_to_responses_request", r"^modalities\[0\]$", "['text'] is the default"),
    ("openai_to_responses_request", r"^stream_options\.include_usage$", "always on in Responses"),
    ("openai_to_responses_request", r"^reasoning\.enabled$", "implied by an effort"),
    ("openai_to_responses_request", r"^(tool_choice|function_call)$", "a vocabulary"),
    ("openai_to_responses_request", r"^tools\[\d+\]\.function\.strict$", "false is explicit"),
    ("openai_to_responses_response", r"^choices\[0\]\.finish_reason$", "a vocabulary"),
)


def _with_carriers(value: Any) -> Any:
    """The output with each reasoning carrier ("rc1:...") decoded beside it: what it carries
    reached the output (decode_carrier gives it back)."""
    if isinstance(value, dict):
        return {k: _with_carriers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_carriers(v) for v in value]
    carried = decode_carrier(value) if isinstance(value, str) else None
    return [value, carried] if carried is not None else value


def _exempt(name: str, path: str, leaf: Any) -> bool:
    return any(
        conv in ("*", name) and re.search(pattern, path) is not None for conv, pattern, _ in _EXEMPT
    )


@pytest.mark.parametrize("name", CONVERSIONS)
@given(data=st.data())
def test_every_input_leaf_reaches_the_output_or_a_loss(name: str, data: st.DataObject) -> None:
    """Each scalar of a generated input is in the output, covered by a loss, or exempt."""
    _, strategy, _ = CONVERSIONS[name]
    body = data.draw(strategy)
    extensions = data.draw(st.booleans())
    result = _check(name, body, extensions=extensions)
    if result is None:
        return
    reached = Reached(_with_carriers(result.value.to_dict()))
    lost = [loss.path for loss in result.losses]
    silent = [
        (path, leaf)
        for path, leaf in leaves(body)
        if leaf is not None
        and not reached.has(leaf)
        and not any(covers(p, path) for p in lost)
        and not _exempt(name, path, leaf)
        and not mirrors_details(body, path, leaf)
    ]
    assert not silent, silent


# -- property 3: round trips on the portable subset -------------------------------------------------
#
# Portable Responses requests leave out what Chat cannot say: hosted tools and their items
# (builtin_tools), stateful fields, citations and logprobs of replayed text, documents (a file_url
# has no Chat form), the lenient shapes (reasoning without an id is kept by Chat as reasoning_details
# without an id, which a Responses upstream cannot take back), and protocol-specific extras.


def _portable(body: Json) -> Json:
    """Leave out the settings Chat has no field for (each reported on the way): reasoning summaries
    and the like, hosted-tool includes, automatic truncation, deferred tool loading. A portable
    function tool also says whether it is strict (Responses and Chat default differently)."""
    reasoning = body.get("reasoning")
    if isinstance(reasoning, dict):
        body["reasoning"] = {k: v for k, v in reasoning.items() if k == "effort"}
    if body.get("include"):
        body["include"] = [v for v in body["include"] if v == "reasoning.encrypted_content"]
    for key in ("truncation", "max_tool_calls", "context_management", "image", "access_programs"):
        body.pop(key, None)
    for tool in body.get("tools") or []:
        for key in ("defer_loading", "allowed_callers", "output_schema", "async"):
            tool.pop(key, None)
        if tool.get("type") == "function" and tool.get("strict") is None:
            tool["strict"] = False
    return body


PORTABLE_REQUESTS = responses_requests(
    builtin_tools=False,
    stateful=False,
    citations=False,
    logprobs=False,
    documents=False,
    lenient=False,
    protocol_specific=False,
    explicit_nulls=False,
).map(_portable)


def _normalise_request(body: Json) -> Json:
    """Say each thing one way: input as a list of typed messages, absent and default fields."""
    body = copy.deepcopy(body)
    given = body.get("input")
    if isinstance(given, str):
        body["input"] = [{"type": "message", "role": "user", "content": given}]
    items = []
    for item in body.get("input") or []:
        if item.get("type") == "reasoning" and not (
            item.get("summary") or item.get("content") or item.get("encrypted_content")
        ):
            continue  # an empty reasoning item says nothing
        item = {k: v for k, v in item.items() if k not in ("id", "status")}
        if item.get("type") is None and "role" in item:
            item["type"] = "message"
        if item["type"] == "message" and item["role"] == "assistant":
            content = item["content"]
            if isinstance(content, str):
                content = [{"type": "output_text", "text": content}]
            item["content"] = [
                {k: v for k, v in part.items() if k not in ("annotations", "logprobs")}
                for part in content
            ]
        items.append(item)
    # the results of parallel calls are placed in the order of their calls (the order of a run of
    # results has no meaning; Chat needs each run right after its calls)
    calls = [i.get("call_id") for i in items if i["type"] in ("function_call", "custom_tool_call")]
    k = 0
    while k < len(items):
        end = k
        while end < len(items) and items[end]["type"].endswith("_output"):
            end += 1
        if end > k:
            run = sorted(
                items[k:end],
                key=lambda i: calls.index(i["call_id"]) if i["call_id"] in calls else -1,
            )
            items[k:end] = run
        k = end + 1
    if (
        "instructions" not in body
        and items
        and items[0]["role"] == "system"
        and isinstance(items[0]["content"], str)
    ):
        # a leading system message and instructions are the same to a Chat upstream
        body["instructions"] = items.pop(0)["content"]
    body["input"] = items
    body.setdefault("store", False)
    reasoning = body.get("reasoning")
    if isinstance(reasoning, dict):
        body["reasoning"] = {k: v for k, v in reasoning.items() if k == "effort"} or None
    for tool in body.get("tools") or []:
        if tool.get("type") == "function":
            tool.setdefault("parameters", None)
    for key in ("include", "truncation", "stream_options"):
        body.pop(key, None)
    return {k: v for k, v in body.items() if v is not None}


@given(PORTABLE_REQUESTS)
def test_responses_request_round_trip_is_the_identity(body: Json) -> None:
    """Responses -> Chat -> Responses gives the request back on the portable subset."""
    first = rc.responses_to_openai_request(body, dialect="roundtrip")
    second = rc.openai_to_responses_request(first.value)
    assert [str(loss) for loss in first.losses + second.losses] == []
    want, got = _normalise_request(body), _normalise_request(second.value.to_dict())
    assert got == want


PORTABLE_REPLIES = responses_responses(
    builtin_tools=False, stateful=False, logprobs=False, protocol_specific=False
)


def _normalise_reply(body: Json) -> Json:
    """Item ids are derived again; usage details are written out with zeros; an empty reasoning
    item says nothing (Chat has no empty reasoning)."""
    body = copy.deepcopy(body)
    body["output"] = [
        item
        for item in body.get("output") or []
        if item["type"] != "reasoning"
        or item.get("summary")
        or item.get("content")
        or item.get("encrypted_content")
    ]
    for item in body["output"]:
        item.pop("id", None)
        item.pop("status", None)
        for part in item.get("content") or []:
            if part.get("type") == "output_text":
                part.setdefault("annotations", [])
    usage = body.get("usage")
    if usage:
        details = usage.setdefault("input_tokens_details", {})
        details.setdefault("cached_tokens", 0)
        details.setdefault("cache_write_tokens", 0)
        usage.setdefault("output_tokens_details", {"reasoning_tokens": 0})
    return {k: v for k, v in body.items() if v is not None}  # a null echo is no echo


@given(PORTABLE_REPLIES)
def test_responses_reply_round_trip_is_the_identity(body: Json) -> None:
    """Responses -> Chat -> Responses gives a completed reply back, given the request it echoes."""
    if body.get("status") != "completed" or sum(i["type"] == "message" for i in body["output"]) > 1:
        return  # failed replies have no Chat form; several messages join into one (reported)
    request = {k: body[k] for k in ECHOED if body.get(k) is not None}
    first = rc.responses_to_openai_response(body)
    second = rc.openai_to_responses_response(first.value, request=request)
    assert [str(loss) for loss in first.losses + second.losses] == []
    assert _normalise_reply(second.value.to_dict()) == _normalise_reply(body)


# -- property 4: streams -----------------------------------------------------------------------------


def run_o2r(chunks: list[Any], request: Json | None = CODEX_REQUEST) -> list[Json]:
    converter = rc.OpenAIToResponsesStream(request=request)
    out: list[Any] = []
    for chunk in chunks:
        out += converter.feed(chunk)
    return [event.to_dict() for event in out + converter.close()]


def run_r2o(events: list[Any]) -> list[Any]:
    converter = rc.ResponsesToOpenAIStream(include_usage=True)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    return out + converter.close()


@given(openai_chunk_streams(multiple_choices=False))
def test_chat_stream_ends_with_the_non_stream_response(pair: tuple[Json, list[Json]]) -> None:
    """The terminal event of a converted Chat stream holds the non-stream conversion's response."""
    final, chunks = pair
    events = run_o2r(chunks)
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    assert events[0]["type"] == "response.created"
    assert events[-1]["type"] in ("response.completed", "response.incomplete")
    want = rc.openai_to_responses_response(final, request=CODEX_REQUEST).value.to_dict()
    assert events[-1]["response"] == want


@given(responses_event_streams())
def test_responses_stream_accumulates_to_the_non_stream_reply(
    pair: tuple[Json, list[Json]],
) -> None:
    """Converted Responses events accumulate (as the SDK merges deltas) to the non-stream reply."""
    final, events = pair
    out = run_r2o(events)
    chunks = [item.to_dict() for item in out if hasattr(item, "to_dict")]
    if any("error" in chunk for chunk in chunks):
        assert final.get("status") == "failed" or any(e["type"] == "error" for e in events)
        return
    got = accumulate_openai(chunks)
    want = rc.responses_to_openai_response(final).value.to_dict()
    assert got is not None
    message, expected = got["choices"][0]["message"], want["choices"][0]["message"]
    for call in message.get("tool_calls") or []:
        call.pop("index", None)
    for key in ("content", "refusal", "tool_calls", "reasoning_content", "reasoning_details"):
        if key == "reasoning_details":
            for entry in message.get(key) or []:
                entry.setdefault("index", None)
        assert message.get(key) == expected.get(key), key
    assert got["choices"][0]["finish_reason"] == want["choices"][0]["finish_reason"]
    assert got.get("usage") == want.get("usage")


def _chat_sse(chunks: list[Json]) -> bytes:
    return b"".join(b"data: " + _json.dumps(c) + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"


@settings(max_examples=max(10, settings().max_examples // 3))
@given(openai_chunk_streams(multiple_choices=False), st.data())
def test_rechunked_chat_bytes_give_the_same_output(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """Cutting the Chat SSE bytes anywhere gives byte-identical Responses output."""
    source = _chat_sse(pair[1])
    whole = SSETranscoder(rc.OpenAIToResponsesStream(request=CODEX_REQUEST))
    expected = whole.feed(source) + whole.close()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(source)), max_size=8)))
    pieces = [source[a:b] for a, b in zip([0, *cuts], [*cuts, len(source)], strict=True)]
    split = SSETranscoder(rc.OpenAIToResponsesStream(request=CODEX_REQUEST))
    assert b"".join(split.feed(p) for p in pieces) + split.close() == expected


@settings(max_examples=max(10, settings().max_examples // 3))
@given(responses_event_streams(), st.data())
def test_rechunked_responses_bytes_give_the_same_output(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """Cutting the Responses SSE bytes anywhere gives byte-identical Chat output."""
    source = b"".join(
        b"event: " + e["type"].encode() + b"\ndata: " + _json.dumps(e) + b"\n\n" for e in pair[1]
    )
    whole = SSETranscoder(rc.ResponsesToOpenAIStream(include_usage=True))
    expected = whole.feed(source) + whole.close()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(source)), max_size=8)))
    pieces = [source[a:b] for a, b in zip([0, *cuts], [*cuts, len(source)], strict=True)]
    split = SSETranscoder(rc.ResponsesToOpenAIStream(include_usage=True))
    assert b"".join(split.feed(p) for p in pieces) + split.close() == expected


@given(st.lists(st.one_of(json_values(), st.binary(max_size=60)), max_size=6))
def test_garbage_streams_raise_only_conversion_errors(items: list[Any]) -> None:
    """Any values fed to either stream converter convert or raise a ConversionError, and a stream
    cut short never ends in success."""
    for converter in (rc.OpenAIToResponsesStream(), rc.ResponsesToOpenAIStream()):
        try:
            for item in items:
                converter.feed(item)
            end = converter.close()
        except rc.ConversionError:
            continue
        names = [getattr(e, "type", None) for e in end]
        assert "response.completed" not in names or converter.state.value == "finished"


@given(openai_chunk_streams(multiple_choices=False), st.data())
def test_truncated_chat_stream_never_completes(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """A Chat stream cut before its finish_reason ends with response.failed, never completed."""
    chunks = pair[1]
    finish = next(
        i for i, c in enumerate(chunks) if any(x.get("finish_reason") for x in c["choices"])
    )
    if finish == 0:
        return  # the first chunk already finishes: nothing to cut before it
    cut = data.draw(st.integers(1, finish))
    events = run_o2r(chunks[:cut])
    kinds = [e["type"] for e in events]
    assert kinds[-1] == "response.failed", kinds[-3:]
    assert "response.completed" not in kinds


def test_stream_events_frame_as_named_sse() -> None:
    """Responses events are framed as named SSE events, which SSEDecoder reads back."""
    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": "stop"}],
    }
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    data = encode_all(converter.feed(chunk) + converter.close())
    events = SSEDecoder().feed(data)
    assert [e.event for e in events] == [json.loads(e.data)["type"] for e in events]
