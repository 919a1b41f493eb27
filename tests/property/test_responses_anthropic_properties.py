"""Properties of the Responses <-> Anthropic Messages conversions (bodies and streams).

1. Only :class:`~ruapi_convert.ConversionError` escapes, and the output is valid: for generated
   payloads (with and without unknown fields), arbitrary JSON and random bytes, every conversion
   returns a value our target model accepts, or raises a ``ConversionError`` naming a place in the
   input; ``strict=True`` raises exactly when the lenient call reports losses.
2. Nothing disappears silently: every scalar leaf of a generated input reaches the output by value
   (a reasoning carrier counts as its decoded contents) or is covered by a loss (the leaf's path or
   a prefix), except what ``_EXEMPT`` lists, each with its reason.
3. Round trips are the identity on the portable subset, with neither leg reporting a loss:
   Responses -> Messages -> Responses and Messages -> Responses -> Messages, for requests and for
   replies. What the subset leaves out, and why, is in the docstrings of the ``_portable_*`` maps
   (and in docs/protocols.md); the normalisers only say one thing one way.
4. Streams: the converted stream's final response equals the non-stream conversion of the same
   upstream reply (Anthropic -> Responses: the terminal event's response; Responses -> Anthropic:
   the events accumulated as the SDK accumulates them), every item or block opened is closed,
   cutting the source bytes anywhere gives the same output bytes, and a stream cut short never
   ends in success.
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
from ruapi_convert.mapping.reasoning_responses import decode_carrier, decode_origin
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import responses as rsp
from ruapi_convert.sse import SSEDecoder, SSETranscoder, encode_all
from ruapi_convert.testing import (
    anthropic_event_streams,
    anthropic_requests,
    anthropic_responses,
    json_values,
    responses_event_streams,
    responses_requests,
    responses_responses,
    with_unknowns,
)

from ..accumulate import accumulate_anthropic
from ..invariants import check_anthropic_events
from .test_conversion_properties import Reached, covers, leaves, names_input_location

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.property

Json = dict[str, Any]

#: A request a Codex-like client sends: the reply conversions honour its include.
CODEX_REQUEST: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}

CONVERSIONS: dict[str, tuple[Callable[..., Any], Any, type[Any]]] = {
    "responses_to_anthropic_request": (
        rc.responses_to_anthropic_request,
        responses_requests(),
        ant.MessageCreateParams,
    ),
    "anthropic_to_responses_request": (
        rc.anthropic_to_responses_request,
        anthropic_requests(),
        rsp.ResponseCreateParams,
    ),
    "anthropic_to_responses_response": (
        lambda body, **kw: rc.anthropic_to_responses_response(body, request=CODEX_REQUEST, **kw),
        anthropic_responses(),
        rsp.Response,
    ),
    "responses_to_anthropic_response": (
        rc.responses_to_anthropic_response,
        responses_responses(),
        ant.Message,
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
        else with_unknowns(strategy, protocol="anthropic")
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
    ("*", r"(^|\.)(stream|store|parallel_tool_calls|strict|is_error)$", "a flag, checked by value"),
    ("*", r"usage\.", "token counts move by the documented arithmetic (docs/mapping.md)"),
    ("*", r"\.(defer_loading|async|eager_input_streaming)$", "false is the default"),
    ("*", r"^(stop_reason|status|incomplete_details\.reason)$", "a vocabulary (stop <-> status)"),
    ("*", r"(^|\.)service_tier$", "a vocabulary (docs/mapping.md)"),
    ("*", r"^(tool_choice|thinking|reasoning|output_config)(\.|$)", "a vocabulary"),
    ("*", r"^text\.(verbosity|format\.(type|name|strict))$", "defaults and vocabulary"),
    ("*", r"\.(detail|media_type|cache_control\.(type|ttl)|display)$", "a vocabulary"),
    ("*", r"\.prompt_cache_breakpoint\.(mode|ttl)$", "a vocabulary (cache breakpoints)"),
    ("*", r"^(prompt_cache_retention|cache_control\.ttl)$", "a vocabulary (cache lifetimes)"),
    ("responses_to_anthropic_request", r"^include\[\d+\]$", "honoured by the reply (request=)"),
    ("responses_to_anthropic_request", r"^(truncation|background)$", "defaults are not reported"),
    (
        "responses_to_anthropic_response",
        r"^(background|store|parallel_tool_calls|truncation|tool_choice|tools|instructions|reasoning|text|max_output_tokens|max_tool_calls|temperature|top_p|top_logprobs|user|safety_identifier|prompt_cache_key|prompt_cache_retention|prompt_cache_options|previous_response_id|prompt|conversation|image|access_programs|metadata|created_at|completed_at)(\.|\[|$)",
        "a request echo or a timestamp (docs/mapping.md)",
    ),
    ("anthropic_to_responses_response", r"^stop_sequence$", "null is not reported"),
)


def _with_carriers(value: Any) -> Any:
    """The output with each reasoning carrier decoded beside it: what it carries reached the
    output (decode_carrier gives it back)."""
    if isinstance(value, dict):
        return {k: _with_carriers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_carriers(v) for v in value]
    carried = (decode_origin(value) or decode_carrier(value)) if isinstance(value, str) else None
    return [value, carried] if carried is not None else value


def _exempt(name: str, path: str) -> bool:
    return any(
        conv in ("*", name) and re.search(pattern, path) is not None for conv, pattern, _ in _EXEMPT
    )


@pytest.mark.parametrize("name", CONVERSIONS)
@given(data=st.data())
def test_every_input_leaf_reaches_the_output_or_a_loss(name: str, data: st.DataObject) -> None:
    """Each scalar of a generated input is in the output, covered by a loss, or exempt."""
    _, strategy, _ = CONVERSIONS[name]
    body = data.draw(strategy)
    result = _check(name, body)
    if result is None:
        return
    reached = Reached(_with_carriers(result.value.to_dict()))
    lost = [loss.path for loss in result.losses]
    silent = [
        (path, leaf)
        for path, leaf in leaves(body)
        if leaf is not None
        and not isinstance(leaf, bool)
        and not reached.has(leaf)
        and not any(covers(p, path) for p in lost)
        and not _exempt(name, path)
    ]
    assert not silent, silent


# -- property 3: round trips on the portable subset -------------------------------------------------


def _walk(value: Any, fix: Callable[[Json], None]) -> None:
    if isinstance(value, dict):
        fix(value)
        for v in value.values():
            _walk(v, fix)
    elif isinstance(value, list):
        for v in value:
            _walk(v, fix)


def _calls(items: Any) -> bool:
    return isinstance(items, list) and any(
        isinstance(i, dict) and i.get("type") in ("function_call", "custom_tool_call")
        for i in items
    )


_SYSTEM = ("system", "developer")


def _portable_responses_request(body: Json) -> Json:
    """Leave out what Claude cannot take as it is (each reported on the way, or joined: system
    messages beside instructions become one system prompt): replayed reasoning
    items that Anthropic did not issue (a signature cannot be made up), reasoning with a tool loop
    whose thinking was not sent back (Anthropic then refuses thinking), a forced or limited tool
    choice with reasoning (Anthropic refuses that), efforts below low, summaries other than auto,
    json_object formats, format names, image and file detail levels, and a missing
    max_output_tokens (Anthropic requires one). A function tool says whether it is strict."""
    body = copy.deepcopy(body)
    body.setdefault("max_output_tokens", 4096)
    if isinstance(body.get("input"), list):
        body["input"] = [i for i in body["input"] if i.get("type") != "reasoning"]
        if body.get("instructions") is not None:
            body["input"] = [i for i in body["input"] if i.get("role") not in _SYSTEM]
        if _calls(body["input"]):
            body.pop("reasoning", None)
    _walk(body.get("input"), lambda d: d.__setitem__("detail", "auto") if "detail" in d else None)
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "allowed_tools":
        body.pop("tool_choice")
    reasoning = body.get("reasoning")
    if isinstance(reasoning, dict):
        if body.get("tool_choice") not in (None, "auto", "none"):
            body.pop("tool_choice")
        if reasoning.get("summary") not in (None, "auto"):
            reasoning["summary"] = "auto"
        if reasoning.get("effort") in ("minimal", "none"):
            reasoning["effort"] = "low"
    text = body.get("text")
    if isinstance(text, dict):
        form = text.get("format") or {}
        if form.get("type") == "json_object":
            del text["format"]
        elif form.get("type") == "json_schema":
            form["name"] = "output"
    for tool in body.get("tools") or []:
        if tool.get("type") == "function" and tool.get("strict") is None:
            tool["strict"] = False
    return body


PORTABLE_RESPONSES_REQUESTS = responses_requests(
    builtin_tools=False,
    stateful=False,
    citations=False,
    logprobs=False,
    documents=False,
    lenient=False,
    protocol_specific=False,
    explicit_nulls=False,
    refusals=False,
    sampling=False,
    cache_control=False,
).map(_portable_responses_request)


def _normalise_responses_request(body: Json) -> Json:
    """Say each thing one way: input as a list of typed messages; reasoning with its summary and
    the include and store that stateless reasoning needs; absent empty objects."""
    body = copy.deepcopy(body)
    given_input = body.get("input")
    if isinstance(given_input, str):
        body["input"] = [{"type": "message", "role": "user", "content": given_input}]
    first = body["input"][0] if body["input"] else {}
    if (
        "instructions" not in body
        and first.get("role") in _SYSTEM
        and isinstance(first["content"], str)
    ):
        # a leading system message and instructions are the same to Anthropic
        body["instructions"] = body["input"].pop(0)["content"]
    for item in body["input"]:
        item.pop("id", None)
        item.pop("status", None)
        if item.get("type") == "function_call":
            item["arguments"] = json.loads(item["arguments"])  # compared as JSON values
        if item.get("role") == "assistant" and isinstance(item.get("content"), list):
            for part in item["content"]:
                for key in ("annotations", "logprobs"):
                    if part.get(key) == []:
                        del part[key]  # none is none
        if item.get("type") is None and "role" in item:
            item["type"] = "message"
    body.pop("include", None)  # honoured by the reply (request=); reasoning implies it
    reasoning = body.get("reasoning")
    if isinstance(reasoning, dict) and reasoning.get("effort"):
        reasoning.setdefault("summary", "auto")
        body["include"] = ["reasoning.encrypted_content"]
        body["store"] = False
    if body.get("parallel_tool_calls") is True or body.get("tool_choice") == "none":
        body.pop("parallel_tool_calls", None)  # the default, or moot when no tool may be called
    if body.get("tool_choice") == "auto":
        del body["tool_choice"]  # the default (written with parallel_tool_calls: false)
    text = body.get("text")
    if isinstance(text, dict) and text.get("format") == {"type": "text"}:
        del text["format"]  # the default
    if body.get("text") == {}:
        body.pop("text")
    body.setdefault("stream", False)
    body.setdefault("store", False)  # stateless: what an Anthropic upstream is
    return {k: v for k, v in body.items() if v is not None}


@given(PORTABLE_RESPONSES_REQUESTS)
def test_responses_request_round_trip_is_the_identity(body: Json) -> None:
    """Responses -> Messages -> Responses gives the request back on the portable subset."""
    first = rc.responses_to_anthropic_request(body)
    second = rc.anthropic_to_responses_request(first.value)
    assert [str(loss) for loss in first.losses + second.losses] == []
    got = _normalise_responses_request(second.value.to_dict())
    assert got == _normalise_responses_request(body)


def _portable_anthropic_request(body: Json) -> Json:
    """Leave out what a Responses model cannot take as it is (each reported on the way): thinking
    blocks Anthropic signed (only Anthropic can verify them), budgets (Responses has effort
    levels: thinking is adaptive with an effort), the max effort, an effort with thinking disabled, thinking with a tool loop (its
    thinking cannot go back), stop sequences and error flags of tool results."""
    body = copy.deepcopy(body)
    body.pop("stop_sequences", None)
    thinking = body.get("thinking")
    if isinstance(thinking, dict) and thinking.get("type") in ("enabled", "adaptive"):
        body["thinking"] = {"type": "adaptive"}
        if "display" in thinking:
            body["thinking"]["display"] = thinking["display"]
        body.setdefault("output_config", {}).setdefault("effort", "medium")
    config = body.get("output_config") or {}
    if (body.get("thinking") or {}).get("type") == "disabled":
        config.pop("effort", None)  # Responses has one effort, none here
    if config.get("effort") == "max":
        config["effort"] = "high"
    for message in body["messages"]:
        content = message["content"]
        if not isinstance(content, list):
            continue
        if any(b.get("type") == "tool_use" for b in content):
            body.pop("thinking", None)
            config.pop("effort", None)
        for block in content:
            if block.get("type") == "tool_result" and block.get("is_error"):
                block["is_error"] = False
        message["content"] = [
            b for b in content if b.get("type") not in ("thinking", "redacted_thinking")
        ] or [{"type": "text", "text": "x"}]
    if body.get("output_config") == {}:
        body.pop("output_config")
    return body


PORTABLE_ANTHROPIC_REQUESTS = anthropic_requests(
    server_tools=False,
    citations=False,
    cache_control=False,
    beta=False,
    protocol_specific=False,
    explicit_nulls=False,
    mid_system=False,
    prefill=False,
    documents=False,
    sampling=False,
    structured_outputs=False,
).map(_portable_anthropic_request)


def _normalise_anthropic_request(body: Json) -> Json:
    """An effort without thinking is adaptive thinking with that effort (Responses has one
    reasoning setting for both); a string content is one text block; strict false, is_error
    false, parallel tool use and an absent tool result content are the defaults."""
    body = copy.deepcopy(body)
    for tool in body.get("tools") or []:
        if tool.get("strict") is False:
            del tool["strict"]
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("disable_parallel_tool_use") is False:
        del choice["disable_parallel_tool_use"]
    for message in body["messages"]:
        if isinstance(message["content"], str):
            message["content"] = [{"type": "text", "text": message["content"]}]
        for block in message["content"]:
            if block.get("type") == "tool_result":
                if block.get("is_error") is False:
                    del block["is_error"]
                block.setdefault("content", "")
    if (body.get("output_config") or {}).get("effort") and "thinking" not in body:
        body["thinking"] = {"type": "adaptive"}
    return body


@given(PORTABLE_ANTHROPIC_REQUESTS)
def test_anthropic_request_round_trip_is_the_identity(body: Json) -> None:
    """Messages -> Responses -> Messages gives the request back on the portable subset."""
    first = rc.anthropic_to_responses_request(body)
    second = rc.responses_to_anthropic_request(first.value)
    assert [str(loss) for loss in first.losses + second.losses] == []
    got = _normalise_anthropic_request(second.value.to_dict())
    assert got == _normalise_anthropic_request(body)


PORTABLE_RESPONSES_REPLIES = responses_responses(
    builtin_tools=False,
    stateful=False,
    logprobs=False,
    protocol_specific=False,
    refusals=False,
    citations=False,
    sampling=False,
    cache_control=False,
)


def _normalise_responses_reply(body: Json) -> Json:
    """Output item ids and states are derived again (a reasoning item's comes back: it rides in its
    carrier); arguments are compared as JSON values; no log probabilities are no log
    probabilities; a null echo is no echo."""
    body = copy.deepcopy(body)
    for item in body["output"]:
        if item["type"] != "reasoning":
            item.pop("id", None)
            item.pop("status", None)  # the response's status restated
        if item["type"] == "function_call":
            item["arguments"] = json.loads(item["arguments"])
        for part in item.get("content") or []:
            if part.get("logprobs") == []:
                del part["logprobs"]
    return {k: v for k, v in body.items() if v is not None}


@given(PORTABLE_RESPONSES_REPLIES)
def test_responses_reply_round_trip_is_the_identity(body: Json) -> None:
    """Responses -> Messages -> Responses gives a reply back, given the request it echoes and its
    timestamp (a Message has neither). A failed response has no Message form."""
    if body.get("status") == "failed":
        return
    request = {k: body[k] for k in ECHOED if body.get(k) is not None}
    first = rc.responses_to_anthropic_response(body)
    second = rc.anthropic_to_responses_response(
        first.value, request=request, created=body["created_at"]
    )
    assert [str(loss) for loss in first.losses + second.losses] == []
    got = _normalise_responses_reply(second.value.to_dict())
    assert got == _normalise_responses_reply(body)


PORTABLE_ANTHROPIC_REPLIES = anthropic_responses(
    server_tools=False,
    citations=False,
    cache_control=False,
    refusals=False,
    beta=False,
    protocol_specific=False,
    explicit_nulls=False,
    lenient=False,
).filter(
    # which stop sequence matched, and a context window (not a budget) filling up, have no
    # Responses form
    lambda m: m["stop_reason"] not in ("stop_sequence", "model_context_window_exceeded")
)


def _normalise_message(body: Json) -> Json:
    """Cache token counts are written out with zeros (a zero thinking count is not); null is
    absent."""
    body = {k: v for k, v in copy.deepcopy(body).items() if v is not None or k == "stop_sequence"}
    if body["usage"].get("output_tokens_details") == {"thinking_tokens": 0}:
        del body["usage"]["output_tokens_details"]
    body["usage"].setdefault("cache_creation_input_tokens", 0)
    body["usage"].setdefault("cache_read_input_tokens", 0)
    return body


@given(PORTABLE_ANTHROPIC_REPLIES)
def test_anthropic_reply_round_trip_is_the_identity(body: Json) -> None:
    """Messages -> Responses -> Messages gives the reply back: thinking and redacted thinking
    byte for byte through their carriers."""
    first = rc.anthropic_to_responses_response(body, request={"model": body["model"]}, created=1)
    second = rc.responses_to_anthropic_response(first.value)
    assert [str(loss) for loss in first.losses + second.losses] == []
    assert _normalise_message(second.value.to_dict()) == _normalise_message(body)


# -- property 4: streams -----------------------------------------------------------------------------


def run_a2r(events: list[Any], request: Json | None = CODEX_REQUEST) -> list[Json]:
    converter = rc.AnthropicToResponsesStream(request=request, created=1)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    return [event.to_dict() for event in out + converter.close()]


def run_r2a(events: list[Any]) -> list[Json]:
    converter = rc.ResponsesToAnthropicStream()
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    return [event.to_dict() for event in out + converter.close()]


def check_responses_events(events: list[Json]) -> None:
    """What the SDK's accumulator and Codex rely on: created then in_progress first, one response
    id, sequence numbers from 0, every item added before its events and done once before the end."""
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    assert [e["type"] for e in events[:2]] == ["response.created", "response.in_progress"]
    assert len({e["response"]["id"] for e in events if "response" in e}) == 1
    state: dict[Any, str] = {}
    for event in events:
        index = event.get("output_index")
        if event["type"] == "response.output_item.added":
            assert index not in state
            state[index] = "open"
        elif event["type"] == "response.output_item.done":
            assert state.get(index) == "open"
            state[index] = "done"
        elif index is not None:
            assert state.get(index) == "open", event
    assert set(state.values()) <= {"done"}


@given(anthropic_event_streams())
def test_anthropic_stream_ends_with_the_non_stream_response(pair: tuple[Json, list[Json]]) -> None:
    """The terminal event of a converted Anthropic stream holds the non-stream conversion's
    response, and every item it lists was added and done."""
    final, events = pair
    out = run_a2r(events)
    check_responses_events(out)
    assert out[-1]["type"] in ("response.completed", "response.incomplete")
    want = rc.anthropic_to_responses_response(final, request=CODEX_REQUEST, created=1)
    assert out[-1]["response"] == want.value.to_dict()
    done = [e["item"] for e in out if e["type"] == "response.output_item.done"]
    assert sorted(done, key=lambda i: i["id"]) == sorted(
        want.value.to_dict()["output"], key=lambda i: i["id"]
    )


@given(responses_event_streams())
def test_responses_stream_accumulates_to_the_non_stream_reply(
    pair: tuple[Json, list[Json]],
) -> None:
    """Converted Responses events follow Anthropic's stream rules and accumulate to the
    non-stream reply (with the service tier response.created said); a failed response ends with
    an error event."""
    final, events = pair
    out = run_r2a(events)
    if out[-1]["type"] == "error":
        assert final.get("status") == "failed" or any(e["type"] == "error" for e in events)
        return
    check_anthropic_events(out)
    want = started_tier(rc.responses_to_anthropic_response(final).value.to_dict(), out)
    assert accumulate_anthropic(out) == want


def started_tier(message: Json, events: list[Json]) -> Json:
    """``message`` with the service tier ``message_start`` said (Anthropic streams say it there
    only: a tier the Responses stream gave only at its end is reported, not sent)."""
    tier = events[0]["message"]["usage"].get("service_tier")
    message["usage"].pop("service_tier", None)
    if tier is not None:
        message["usage"]["service_tier"] = tier
    return message


def _named_sse(events: list[Json]) -> bytes:
    return b"".join(
        b"event: " + e["type"].encode() + b"\ndata: " + _json.dumps(e) + b"\n\n" for e in events
    )


def _rechunked(make: Callable[[], Any], source: bytes, data: st.DataObject) -> None:
    whole = SSETranscoder(make())
    expected = whole.feed(source) + whole.close()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(source)), max_size=8)))
    pieces = [source[a:b] for a, b in zip([0, *cuts], [*cuts, len(source)], strict=True)]
    split = SSETranscoder(make())
    assert b"".join(split.feed(p) for p in pieces) + split.close() == expected


@settings(max_examples=max(10, settings().max_examples // 3))
@given(anthropic_event_streams(), st.data())
def test_rechunked_anthropic_bytes_give_the_same_output(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """Cutting the Anthropic SSE bytes anywhere gives byte-identical Responses output."""
    _rechunked(
        lambda: rc.AnthropicToResponsesStream(request=CODEX_REQUEST, created=1),
        _named_sse(pair[1]),
        data,
    )


@settings(max_examples=max(10, settings().max_examples // 3))
@given(responses_event_streams(), st.data())
def test_rechunked_responses_bytes_give_the_same_output(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """Cutting the Responses SSE bytes anywhere gives byte-identical Anthropic output."""
    _rechunked(rc.ResponsesToAnthropicStream, _named_sse(pair[1]), data)


@given(anthropic_event_streams())
def test_sse_transcoding_gives_the_events_feed_gives(pair: tuple[Json, list[Json]]) -> None:
    """SSETranscoder (the bytes path) and feed() (the dict path) say the same."""
    events = pair[1]
    transcoder = SSETranscoder(rc.AnthropicToResponsesStream(request=CODEX_REQUEST, created=1))
    data = transcoder.feed(_named_sse(events)) + transcoder.close()
    converter = rc.AnthropicToResponsesStream(request=CODEX_REQUEST, created=1)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    assert _decoded(data) == _decoded(encode_all(out + converter.close()))


def _decoded(data: bytes) -> list[tuple[str | None, Any]]:
    return [(e.event, json.loads(e.data)) for e in SSEDecoder().feed(data)]


@given(st.lists(st.one_of(json_values(), st.binary(max_size=60)), max_size=6))
def test_garbage_streams_raise_only_conversion_errors(items: list[Any]) -> None:
    """Any values fed to either stream converter convert or raise a ConversionError, and a stream
    cut short never ends in success."""
    for converter in (rc.AnthropicToResponsesStream(), rc.ResponsesToAnthropicStream()):
        try:
            for item in items:
                converter.feed(item)
            end = converter.close()
        except rc.ConversionError:
            continue
        names = [getattr(e, "type", None) for e in end]
        assert not {"response.completed", "message_stop"} & set(names) or (
            converter.state.value == "finished"
        )


@given(anthropic_event_streams(), st.data())
def test_truncated_anthropic_stream_never_completes(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """An Anthropic stream cut before message_stop ends with response.failed, never completed."""
    events = pair[1]
    cut = data.draw(st.integers(1, len(events) - 1))
    out = run_a2r(events[:cut])
    kinds = [e["type"] for e in out]
    assert kinds[-2:] == ["error", "response.failed"], kinds[-3:]
    assert "response.completed" not in kinds
    assert out[-1]["response"]["error"]["code"] == "server_error"


@given(responses_event_streams(), st.data())
def test_truncated_responses_stream_never_completes(
    pair: tuple[Json, list[Json]], data: st.DataObject
) -> None:
    """A Responses stream cut before its terminal event ends with an Anthropic error event."""
    events = pair[1]
    cut = data.draw(st.integers(1, len(events) - 1))
    out = run_r2a(events[:cut])
    kinds = [e["type"] for e in out]
    assert kinds[-1] == "error"
    assert "message_stop" not in kinds
