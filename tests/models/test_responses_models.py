"""Tests of the Responses API wire models (``ruapi_convert.models.responses``) on hand-written payloads.

Recorded payloads and the official SDK as an oracle are in ``test_responses_fixtures.py``.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import types
import typing
from typing import Any, get_args, get_origin

import pydantic
import pytest
from typing_extensions import is_typeddict

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.models import openai as oai
from ruapi_convert.models import responses as rm
from ruapi_convert.models._base import WireModel

from .responses_payloads import (
    EVENTS,
    FUNCTION_CALL,
    FUTURE,
    MESSAGE,
    OUTPUT_ITEMS,
    OUTPUT_TEXT,
    TEXT_FORMATS,
    TOOL_CHOICES,
    TOOLS,
    USAGE,
    Json,
    item_event,
    request,
    response,
)

# -- helpers -------------------------------------------------------------------------------------


def assert_round_trip(model: type[WireModel], payload: Json) -> WireModel:
    """Validate ``payload`` and check that every wire form gives it back exactly."""
    original = copy.deepcopy(payload)
    parsed = model.model_validate(payload)
    assert payload == original, "validation must not mutate its input"
    assert parsed.to_dict() == payload
    assert json.loads(parsed.to_json()) == payload
    assert model.model_validate_json(json.dumps(payload)).to_dict() == payload
    assert model.parse_wire(payload) == payload
    return parsed


def event_round_trip(payload: Json) -> WireModel:
    """Parse one stream event (dict and JSON bytes) and check both wire forms."""
    event = rm.parse_stream_event(payload)
    assert event.to_dict() == payload
    assert json.loads(event.to_json()) == payload
    assert rm.parse_stream_event(json.dumps(payload).encode()).to_dict() == payload
    assert rm.stream_event_wire(copy.deepcopy(payload)) == payload
    return event


#: Keys whose value is a map with typed values (not a shape that may grow keys).
MAPS = frozenset({"env", "metadata", "headers", "attributes", "variables"})


def sprinkle(value: Any, depth: int = 0) -> Any:
    """Add an unknown key (holding ints, floats and nulls) to every object at every depth."""
    if isinstance(value, dict):
        out = {
            key: item if key in MAPS else sprinkle(item, depth + 1) for key, item in value.items()
        }
        out[f"x_future_{depth}"] = {"n": [1, 1.0, None, "s"], "flag": False}
        return out
    if isinstance(value, list):
        return [sprinkle(item, depth + 1) for item in value]
    return value


def invalid_path(model: type[WireModel], payload: Any) -> str:
    """The ``path`` of the InvalidInputError that validating ``payload`` raises."""
    with pytest.raises(InvalidInputError) as info:
        model.model_validate(payload)
    return info.value.path


# -- round trips ---------------------------------------------------------------------------------


def test_full_request_round_trips() -> None:
    """A request using every top-level field parses and dumps back exactly."""
    body = request(
        *OUTPUT_ITEMS,
        {"role": "user", "content": "Hi"},
        {"id": "msg_0"},
        instructions="Be brief.",
        tools=TOOLS,
        tool_choice="auto",
        parallel_tool_calls=False,
        max_tool_calls=3,
        reasoning={"effort": "high", "summary": "auto", "context": "all_turns", "mode": "pro"},
        text={"format": TEXT_FORMATS[2], "verbosity": "low"},
        include=["reasoning.encrypted_content", "a.future.include"],
        store=False,
        stream=True,
        stream_options={"include_obfuscation": False},
        max_output_tokens=1000,
        temperature=1,
        top_p=0.5,
        top_logprobs=3,
        truncation="auto",
        metadata={"k": "v"},
        user="u",
        safety_identifier="s",
        prompt_cache_key="pck",
        prompt_cache_options={"mode": "implicit", "ttl": "30m", "comparison_response_id": None},
        prompt_cache_retention="in_memory",
        service_tier="ultrafast",
        previous_response_id="resp_0",
        conversation="conv_1",
        prompt={"id": "pmpt_1", "variables": {"x": {"type": "input_text", "text": "y"}}},
        background=True,
        background_options={"completion_window": "2h", "continuation_id": "c"},
        context_management=[{"type": "compaction", "compact_threshold": None}],
        moderation={"model": "omni-moderation-latest"},
        image={"context_compression": "disabled"},
        access_programs={"cyber": "standard"},
    )
    parsed = assert_round_trip(rm.ResponseCreateParams, body)
    assert isinstance(parsed, rm.ResponseCreateParams)
    assert parsed.store is False
    assert parsed.input is not None
    assert len(parsed.input) == len(OUTPUT_ITEMS) + 2


@pytest.mark.parametrize("item", OUTPUT_ITEMS, ids=lambda i: i["type"])
def test_each_output_item_round_trips_in_a_response_and_in_input(item: Json) -> None:
    """Every output item type round-trips in ``Response.output`` and, replayed, in ``input``."""
    assert_round_trip(rm.Response, response(output=[item]))
    assert_round_trip(rm.ResponseCreateParams, request(item))


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t["type"])
def test_each_tool_round_trips(tool: Json) -> None:
    """Every tool type round-trips in a request and in a response echo."""
    assert_round_trip(rm.ResponseCreateParams, request(tools=[tool]))
    assert_round_trip(rm.Response, response(tools=[tool]))


@pytest.mark.parametrize("choice", TOOL_CHOICES, ids=str)
def test_each_tool_choice_round_trips(choice: Any) -> None:
    """Every ``tool_choice`` form round-trips."""
    assert_round_trip(rm.ResponseCreateParams, request(tool_choice=choice))


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=lambda f: f["type"])
def test_each_text_format_round_trips(fmt: Json) -> None:
    """Every ``text.format`` round-trips, also inside a ``configuration_update`` item."""
    assert_round_trip(rm.ResponseCreateParams, request(text={"format": fmt}))
    update = {
        "type": "configuration_update",
        "text": {"format": fmt},
        "reasoning": {"effort": "low"},
    }
    assert_round_trip(rm.ResponseCreateParams, request(update))


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["type"])
def test_each_event_round_trips_into_its_own_class(event: Json) -> None:
    """Every event type parses into the class whose tag it carries and is named after it in SSE."""
    parsed = event_round_trip(event)
    assert type(parsed) is not rm.UnknownEvent
    assert typing.get_args(type(parsed).model_fields["type"].annotation) == (event["type"],)
    assert parsed.sse_event_name() == event["type"]


def test_there_is_one_event_class_per_sdk_event_type() -> None:
    """The union knows 59 event classes, and the hand-written list covers all of them."""
    classes = _union_members(rm.ResponseStreamEvent) - {rm.UnknownEvent}
    assert len(classes) == 59
    assert {type(rm.parse_stream_event(e)) for e in EVENTS} == classes


def test_the_stream_union_works_with_a_type_adapter() -> None:
    """``ResponseStreamEvent`` is a plain annotated union that pydantic can validate directly."""
    adapter = pydantic.TypeAdapter(rm.ResponseStreamEvent)
    event = adapter.validate_python(EVENTS[10])
    assert isinstance(event, rm.ResponseTextDeltaEvent)
    assert event.delta == "Hel"


def test_lifecycle_events_hold_response_models() -> None:
    """The ``response`` of a lifecycle event is a :class:`Response`, dumped back as a dict."""
    event = rm.parse_stream_event(EVENTS[3])
    assert isinstance(event, rm.ResponseCompletedEvent)
    assert isinstance(event.response, rm.Response)
    assert event.wire()["response"] == EVENTS[3]["response"]


@pytest.mark.parametrize("event", [EVENTS[0], EVENTS[6], EVENTS[10]], ids=lambda e: e["type"])
def test_trusted_builds_what_validation_builds(event: Json) -> None:
    """``trusted`` (the converters' unvalidated constructor) gives the model validation gives,
    also for lifecycle events, whose ``response`` becomes a :class:`Response`."""
    cls = type(rm.parse_stream_event(event))
    built = cls.trusted(copy.deepcopy(event))
    assert built == cls.model_validate(event)
    assert built.to_dict() == event


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, lambda b: b.decode()])
def test_parse_stream_event_accepts_every_buffer(wrap: Any) -> None:
    """bytes, bytearray, memoryview and str all parse, as for the other protocols."""
    data = b'{"type":"response.audio.done","sequence_number":0}'
    assert rm.parse_stream_event(wrap(data)).to_dict() == json.loads(data)


@pytest.mark.parametrize("done", ["[DONE]", b"[DONE]", memoryview(b"[DONE]")])
def test_done_is_not_an_event(done: Any) -> None:
    """A ``[DONE]`` some compatible servers send is refused with a message that says what it is."""
    with pytest.raises(InvalidInputError, match=r"\[DONE\]"):
        rm.parse_stream_event(done)


def test_input_tokens_bodies_round_trip() -> None:
    """The input-token count request and reply round-trip."""
    assert_round_trip(
        rm.InputTokenCountParams,
        request(OUTPUT_ITEMS[0], personality="friendly", text={"verbosity": "low"}),
    )
    assert_round_trip(
        rm.InputTokenCountResponse, {"object": "response.input_tokens", "input_tokens": 11}
    )


# -- real-world shapes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        {"role": "user", "content": "Hi"},
        {"role": "developer", "content": [{"type": "input_text", "text": "x"}]},
        {"type": None, "role": "system", "content": "s"},
        {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "x"}]},
        {"type": "message", "role": "assistant", "content": "plain", "phase": "commentary"},
        {
            "role": "user",
            "content": [{"type": "input_image", "image_url": "data:image/png;base64,AA"}],
        },
        {"type": "message", "id": "msg_1", "role": "user", "status": "completed", "content": []},
        {"type": "message", "role": "critic", "content": "a role newer than the SDK"},
    ],
    ids=lambda i: str(i.get("role")),
)
def test_messages_parse_with_or_without_type(item: Json) -> None:
    """Messages (typed or not, in any of the SDK's three shapes or Codex's) are message items."""
    assert rm.input_item_tag(item) == "message"
    assert_round_trip(rm.ResponseCreateParams, request(item))


@pytest.mark.parametrize("item", [{"id": "msg_0"}, {"id": "rs_1", "type": None}], ids=str)
def test_objects_without_type_or_role_are_item_references(item: Json) -> None:
    """An object with neither ``type`` nor ``role`` is an item reference."""
    assert rm.input_item_tag(item) == "item_reference"
    assert_round_trip(rm.ResponseCreateParams, request(item))


def test_codex_replays_validate() -> None:
    """What Codex sends back is accepted: reasoning without id, output_text without annotations."""
    body = request(
        {"type": "reasoning", "summary": [], "content": None, "encrypted_content": None},
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "ok"}],
        },
        {
            "type": "local_shell_call",
            "call_id": None,
            "status": "completed",
            "action": {"type": "exec", "command": ["ls"], "env": None},
        },
        {
            "type": "function_call_output",
            "call_id": "c",
            "output": [{"type": "input_image", "image_url": "u"}],
        },
        {"type": "web_search_call", "id": "ws_1", "status": "completed"},
    )
    assert_round_trip(rm.ResponseCreateParams, body)


def test_error_event_accepts_flat_and_nested_shapes() -> None:
    """The ``error`` event parses as the SDK declares it (flat) and as OpenAI sends it (nested)."""
    flat = {"type": "error", "sequence_number": 1, "code": None, "message": "m", "param": None}
    nested = {
        "type": "error",
        "sequence_number": 2,
        "error": {
            "type": "insufficient_quota",
            "code": "insufficient_quota",
            "message": "m",
            "param": None,
        },
    }
    for payload in (flat, nested):
        assert isinstance(event_round_trip(payload), rm.ResponseErrorEvent)
    assert invalid_path(rm.ResponseErrorEvent, {**nested, "error": {"code": 1}}) == "error.message"


def test_response_errors_keep_unknown_codes() -> None:
    """A failed response's ``error.code`` is an open vocabulary; null is accepted."""
    for code in ("rate_limit_exceeded", "insufficient_quota", "context_length_exceeded", None):
        body = response(
            status="failed", error={"code": code, "message": "m", "param": None, "type": None}
        )
        assert_round_trip(rm.Response, body)


def test_the_http_error_body_is_the_chat_completions_one() -> None:
    """The Responses API's HTTP error body is ``models.openai.ErrorResponse`` itself."""
    assert rm.ErrorResponse is oai.ErrorResponse
    assert rm.ErrorObject is oai.ErrorObject
    body = {
        "error": {"message": "m", "type": "invalid_request_error", "param": "input", "code": None}
    }
    assert_round_trip(rm.ErrorResponse, body)


def test_lenient_response_shapes_are_accepted() -> None:
    """Usage without ``cache_write_tokens`` or details, and a response without ``output``, parse."""
    usage = {
        "input_tokens": 1,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 1,
        "total_tokens": 2,
    }
    assert_round_trip(rm.Response, response(usage=usage))
    assert_round_trip(
        rm.Response, response(usage={"input_tokens": 1, "output_tokens": 1, "total_tokens": 2})
    )
    body = response()
    del body["output"]
    assert_round_trip(rm.Response, body)
    assert_round_trip(rm.Response, response(output=None))


# -- exactness -----------------------------------------------------------------------------------


def test_numbers_keep_their_json_type() -> None:
    """Ints stay ints and floats stay floats: ``created_at: 1`` is not written back as ``1.0``."""
    parsed = rm.Response.model_validate(response(created_at=1767990000, temperature=1, top_p=1.0))
    out = parsed.to_dict()
    assert type(out["created_at"]) is int
    assert type(out["temperature"]) is int
    assert type(out["top_p"]) is float
    assert b'"temperature":1,' in parsed.to_json()


def test_explicit_nulls_and_absence_are_kept_apart() -> None:
    """A key sent as ``null`` comes back as ``null``; a key left out stays out."""
    with_nulls = request(temperature=None, reasoning={"effort": None}, tools=None)
    without = request()
    assert rm.ResponseCreateParams.model_validate(with_nulls).to_dict() == with_nulls
    assert rm.ResponseCreateParams.model_validate(without).to_dict() == without


@pytest.mark.parametrize(
    ("model", "payload"),
    [
        (
            rm.ResponseCreateParams,
            request(*OUTPUT_ITEMS, tools=TOOLS, text={"format": TEXT_FORMATS[2]}),
        ),
        (rm.Response, response(output=OUTPUT_ITEMS, tools=TOOLS, tool_choice=TOOL_CHOICES[6])),
    ],
    ids=["request", "response"],
)
def test_unknown_keys_at_every_depth_round_trip(model: type[WireModel], payload: Json) -> None:
    """An unknown key on every object at every depth is kept (free-form JSON included)."""
    assert_round_trip(model, sprinkle(payload))


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["type"])
def test_unknown_keys_in_events_round_trip(event: Json) -> None:
    """An unknown key on every object of an event is kept."""
    event_round_trip(sprinkle(event))


@pytest.mark.parametrize(
    "payload",
    [
        request(FUTURE),
        request({"role": "user", "content": [FUTURE]}),
        request({"type": "function_call_output", "call_id": "c", "output": [FUTURE]}),
        request(tools=[FUTURE]),
        request(tools=[{"type": "namespace", "name": "n", "description": "d", "tools": [FUTURE]}]),
        request(tools=[{"type": "shell", "environment": FUTURE}]),
        request(tools=[{"type": "file_search", "vector_store_ids": [], "filters": FUTURE}]),
        request(tools=[{"type": "code_interpreter", "container": FUTURE}]),
        request(tool_choice=FUTURE),
        request(text={"format": FUTURE}),
        request({**FUNCTION_CALL, "caller": FUTURE}),
        request({"id": "ws", "type": "web_search_call", "status": "completed", "action": FUTURE}),
        request({**OUTPUT_ITEMS[8], "action": FUTURE, "actions": [FUTURE]}),
        request({**OUTPUT_ITEMS[22], "operation": FUTURE}),
        request({**OUTPUT_ITEMS[24], "error": FUTURE}),
        request({**OUTPUT_ITEMS[21], "output": [{"stdout": "", "stderr": "", "outcome": FUTURE}]}),
    ],
    ids=lambda p: json.dumps(p)[:60],
)
def test_unknown_types_in_requests_round_trip(payload: Json) -> None:
    """Items, parts, tools, choices, formats, callers, actions… of an unknown type are kept."""
    assert_round_trip(rm.ResponseCreateParams, payload)


@pytest.mark.parametrize(
    "payload",
    [
        response(output=[FUTURE]),
        response(output=[{**MESSAGE, "content": [FUTURE]}]),
        response(output=[{**MESSAGE, "content": [{**OUTPUT_TEXT, "annotations": [FUTURE]}]}]),
        response(prompt_cache_diagnostics=FUTURE),
        response(moderation={"input": FUTURE, "output": FUTURE}),
    ],
    ids=["item", "part", "annotation", "diagnostics", "moderation"],
)
def test_unknown_types_in_responses_round_trip(payload: Json) -> None:
    """Output items, parts, annotations and diagnostics of an unknown type are kept."""
    assert_round_trip(rm.Response, payload)


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "response.future_event", "sequence_number": 3, "x": [1, 2.0]},
        {
            "type": "response.output_item.added",
            "sequence_number": 1,
            "output_index": 0,
            "item": FUTURE,
        },
        item_event("response.content_part.added", content_index=0, part=FUTURE),
        item_event(
            "response.output_text.annotation.added",
            content_index=0,
            annotation_index=0,
            annotation=FUTURE,
        ),
    ],
    ids=["event", "item", "part", "annotation"],
)
def test_unknown_types_in_streams_round_trip(payload: Json) -> None:
    """Events, items, parts and annotations of an unknown type are kept."""
    event = event_round_trip(payload)
    assert (type(event) is rm.UnknownEvent) == (payload["type"] == "response.future_event")


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        (
            request({"role": "user", "content": [{"type": "input_text", "text": 1}]}),
            "input[0].content[0].text",
        ),
        (request({"type": "message", "role": "user"}), "input[0].content"),
        (request({"role": "user", "content": "x", "status": 5}), "input[0].status"),
        (request({**FUNCTION_CALL, "arguments": {"city": "Paris"}}), "input[0].arguments"),
        (
            request({"type": "reasoning", "summary": [{"type": "summary_text"}]}),
            "input[0].summary[0].text",
        ),
        (request({"type": "function_call_output", "call_id": "c", "output": 3}), "input[0].output"),
        (request({"type": 5}), "input[0].type"),
        ({"model": "m", "input": [7]}, "input[0]"),
        (request(tools=[{"type": "function"}]), "tools[0].name"),
        (
            request(tools=[{"type": "file_search", "vector_store_ids": "vs"}]),
            "tools[0].vector_store_ids",
        ),
        (request(tool_choice={"type": "function"}), "tool_choice.name"),
        (request(text={"format": {"type": "json_schema", "name": "n"}}), "text.format.schema"),
        (request(max_output_tokens="1024"), "max_output_tokens"),
        (request(temperature=float("nan")), "temperature"),
        (request(store="false"), "store"),
        ({"input": "Hi", "model": 5}, "model"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_invalid_requests_name_the_path(payload: Json, path: str) -> None:
    """Bad input raises InvalidInputError naming the JSON path; nothing is coerced."""
    assert invalid_path(rm.ResponseCreateParams, payload) == path


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        (response(created_at="1767990000"), "created_at"),
        (response(output=[{**MESSAGE, "status": None}]), "output[0].status"),
        (response(output=[{**MESSAGE, "role": "user"}]), "output[0].role"),
        (response(usage={**USAGE, "total_tokens": 1.5}), "usage.total_tokens"),
        (response(error={"message": "m"}), "error.code"),
        (response(tools=None), "tools"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_invalid_responses_name_the_path(payload: Json, path: str) -> None:
    """A bad reply names the path of the first problem."""
    assert invalid_path(rm.Response, payload) == path


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"type": "response.output_text.delta", "sequence_number": 1}, "item_id"),
        ({**EVENTS[10], "delta": None}, "delta"),
        ({**EVENTS[10], "sequence_number": "3"}, "sequence_number"),
        ({**EVENTS[6], "item": {**FUNCTION_CALL, "call_id": 1}}, "item.call_id"),
        (
            {**EVENTS[3], "response": {**EVENTS[3]["response"], "output": [{"type": "message"}]}},
            "response.output[0].id",
        ),
        ({"sequence_number": 1}, "type"),
        (b"{not json", ""),
        ([], ""),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_invalid_events_raise_invalid_input(data: Any, path: str) -> None:
    """Bad events raise InvalidInputError with the JSON path, from both parsers."""
    with pytest.raises(InvalidInputError) as info:
        rm.parse_stream_event(data)
    assert info.value.path == path
    if isinstance(data, dict):
        with pytest.raises(InvalidInputError) as again:
            rm.stream_event_wire(data)
        assert again.value.path == path


def test_invalid_input_chains_the_pydantic_error() -> None:
    """The pydantic error is kept as the cause, for debugging."""
    with pytest.raises(InvalidInputError) as info:
        rm.ResponseCreateParams.model_validate(request(tools=[{"type": "function"}]))
    assert isinstance(info.value.__cause__, pydantic.ValidationError)


# -- structure -----------------------------------------------------------------------------------


def _union_members(tp: Any) -> set[Any]:
    found: set[Any] = set()
    stack = [tp]
    while stack:
        current = stack.pop()
        origin = get_origin(current)
        if origin is typing.Annotated:
            stack.append(get_args(current)[0])
        elif origin is typing.Union or isinstance(current, types.UnionType):
            stack.extend(get_args(current))
        elif isinstance(current, type):
            found.add(current)
    return found


def _type_literals(cls: Any) -> tuple[Any, ...]:
    if is_typeddict(cls):
        hint = typing.get_type_hints(cls, include_extras=True).get("type")
    elif (
        isinstance(cls, type) and issubclass(cls, pydantic.BaseModel) and "type" in cls.model_fields
    ):
        hint = cls.model_fields["type"].annotation
    else:
        return ()
    values: list[Any] = []
    stack = [hint]
    while stack:
        current = stack.pop()
        if get_origin(current) is typing.Literal:
            values.extend(get_args(current))
        elif get_origin(current) is not None:
            stack.extend(get_args(current))
    return tuple(v for v in values if isinstance(v, str))


def _is_fallback(cls: Any) -> bool:
    return str(cls.__name__).startswith("Unknown")


def _annotations() -> list[tuple[str, Any]]:
    """Every field annotation of every class of the package, and every exported alias."""
    found: list[tuple[str, Any]] = []
    for name in rm.__all__:
        value = getattr(rm, name)
        if is_typeddict(value):
            found += [
                (f"{name}.{k}", v)
                for k, v in typing.get_type_hints(value, include_extras=True).items()
            ]
        elif isinstance(value, type) and issubclass(value, WireModel):
            found += [(f"{name}.{k}", f.annotation) for k, f in value.model_fields.items()]
        else:
            found.append((name, value))
    return found


def _flat_union(tp: Any) -> list[Any]:
    """The members of a (nested, annotated) union; anything else is its own single member."""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _flat_union(get_args(tp)[0])
    if origin is typing.Union or isinstance(tp, types.UnionType):
        return [m for a in get_args(tp) for m in _flat_union(a)]
    return [tp]


def _closed_unions(tp: Any) -> int:
    """How many unions of two or more ``type``-tagged shapes without a fallback ``tp`` holds."""
    members = _flat_union(tp)
    shapes = [m for m in members if isinstance(m, type) and (_type_literals(m) or _is_fallback(m))]
    closed = int(len(shapes) >= 2 and not any(_is_fallback(s) for s in shapes))
    for member in members:
        if get_origin(member) is not None and get_origin(member) is not typing.Literal:
            closed += sum(_closed_unions(a) for a in get_args(member))
    return closed


def test_every_union_tagged_by_type_is_open() -> None:
    """Each union of two or more ``type``-tagged shapes has an ``Unknown*`` fallback."""
    closed = [where for where, annotation in _annotations() if _closed_unions(annotation)]
    assert not closed, closed
    # the check does find a closed union
    assert _closed_unions(list[typing.Union[rm.ResponseInputText, rm.ResponseInputImage]]) == 1


def test_input_item_tags_are_the_literal_tags_of_their_classes() -> None:
    """Each ``Tag`` of the input item union equals its class's ``type`` literal."""
    union_args = get_args(get_args(rm.ResponseInputItem)[0])
    checked = 0
    for arg in union_args:
        cls, tag = get_args(arg)
        if _is_fallback(cls):
            continue
        assert tag.tag in _type_literals(cls), (cls, tag.tag)
        checked += 1
    assert checked == 31


def test_public_names_are_exported() -> None:
    """``__all__`` lists only names that exist, once, including the contract's names."""
    for name in rm.__all__:
        assert hasattr(rm, name), name
    assert len(set(rm.__all__)) == len(rm.__all__)
    for name in (
        "ResponseCreateParams",
        "Response",
        "ResponseStreamEvent",
        "ResponseError",
        "ErrorResponse",
        "InputTokenCountParams",
        "InputTokenCountResponse",
        "parse_stream_event",
        "stream_event_wire",
        "EasyInputMessageParam",
        "ResponseInputItemParam",
    ):
        assert name in rm.__all__


def test_all_is_exactly_what_the_modules_export() -> None:
    """The package's ``__all__`` is the union of its modules' ``__all__`` lists, plus the request-side
    aliases and the classes shared with ``models.openai`` (so a new class cannot be forgotten)."""
    import importlib
    import pkgutil

    exported: set[str] = set()
    for module in pkgutil.iter_modules(rm.__path__):
        exported |= set(importlib.import_module(f"{rm.__name__}.{module.name}").__all__)
    extra = set(rm.__all__) - exported
    assert exported <= set(rm.__all__)
    assert all(name.endswith("Param") or hasattr(oai, name) for name in extra), extra


def test_importing_builds_no_schema() -> None:
    """``defer_build``: importing the package builds no validator (that happens on first use)."""
    code = (
        "import ruapi_convert.models.responses as r\n"
        "print(r.Response.__pydantic_complete__, r.ResponseCreateParams.__pydantic_complete__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
