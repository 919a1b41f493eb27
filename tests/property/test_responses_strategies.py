"""The Responses API strategies of ``ruapi_convert.testing`` are honest.

What they generate round-trips through ``models.responses``, validates in the official SDK's types
(``openai`` 3.57.0), and streams are accepted by the SDK's own accumulator and end in the final
response they come with.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any, get_args

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruapi_convert.models import responses as rm
from ruapi_convert.testing import (
    responses_errors,
    responses_event_streams,
    responses_requests,
    responses_responses,
    with_unknowns,
)

pytestmark = pytest.mark.property

Json = dict[str, Any]

# -- the SDK as an oracle ------------------------------------------------------------------------


def _sdk() -> Any:
    return pytest.importorskip("openai.types.responses")


@functools.cache
def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    # Kept alive: lazily validated ``Iterable`` fields must not outlive their adapter.
    return pydantic.TypeAdapter(tp)


def _materialise(value: Any) -> Any:
    """Walk a validated SDK request: its ``Iterable`` fields validate lazily, item by item."""
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return value
    return [_materialise(v) for v in value]


@functools.cache
def _event_classes() -> dict[str, Any]:
    from openai.types.responses.response_stream_event import ResponseStreamEvent

    members = get_args(get_args(ResponseStreamEvent)[0])
    return {get_args(m.model_fields["type"].annotation)[0]: m for m in members}


def sdk_accumulate(events: list[Json]) -> Any:
    """Feed events to the SDK's ``ResponseStreamState``; its final response (or None)."""
    from openai._models import construct_type
    from openai._types import omit
    from openai.lib.streaming.responses._responses import ResponseStreamState
    from openai.types.responses.response_stream_event import ResponseStreamEvent

    state: Any = ResponseStreamState(input_tools=omit, text_format=omit)
    for event in events:
        state.handle_event(construct_type(type_=ResponseStreamEvent, value=copy.deepcopy(event)))
    return state._completed_response


def _without_logprobs(parts: list[Json]) -> list[Json]:
    return [{k: v for k, v in part.items() if k != "logprobs"} for part in parts]


def accumulate(events: list[Json]) -> dict[int, Json]:
    """An independent accumulator: each output item grown from its ``.added`` state by the deltas,
    checked against its ``.done`` item, by output index."""
    items: dict[int, Json] = {}
    for event in events:
        kind = event["type"]
        if kind == "response.output_item.added":
            items[event["output_index"]] = copy.deepcopy(event["item"])
            continue
        item = items.get(event.get("output_index", -1))
        if kind == "response.content_part.added":
            assert item is not None
            item["content"].append(copy.deepcopy(event["part"]))
        elif kind == "response.output_text.delta":
            assert item is not None
            item["content"][event["content_index"]]["text"] += event["delta"]
        elif kind == "response.refusal.delta":
            assert item is not None
            item["content"][event["content_index"]]["refusal"] += event["delta"]
        elif kind == "response.output_text.annotation.added":
            assert item is not None
            item["content"][event["content_index"]]["annotations"].append(event["annotation"])
        elif kind in (
            "response.function_call_arguments.delta",
            "response.mcp_call_arguments.delta",
        ):
            assert item is not None
            item["arguments"] += event["delta"]
        elif kind == "response.custom_tool_call_input.delta":
            assert item is not None
            item["input"] += event["delta"]
        elif kind == "response.reasoning_summary_part.added":
            assert item is not None
            item["summary"].append(copy.deepcopy(event["part"]))
        elif kind == "response.reasoning_summary_text.delta":
            assert item is not None
            item["summary"][event["summary_index"]]["text"] += event["delta"]
        elif kind == "response.output_item.done":
            grown = items[event["output_index"]]
            done = event["item"]
            assert grown["id"] == done["id"]
            assert grown["type"] == done["type"]
            for key in ("arguments", "input"):
                if key in grown:
                    assert grown[key] == done[key]
            if done["type"] == "message":
                # (token logprobs have another shape in deltas than in parts: compare the rest)
                assert _without_logprobs(grown["content"]) == _without_logprobs(done["content"])
            if done["type"] == "reasoning":
                assert grown["summary"] == done["summary"]
            items[event["output_index"]] = done
    return items


# -- requests ------------------------------------------------------------------------------------


@pytest.mark.oracle
@given(responses_requests(lenient=False))
def test_requests_round_trip_and_validate_in_the_sdk(body: Json) -> None:
    """Requests round-trip through ``ResponseCreateParams`` and validate strictly in the SDK."""
    from openai.types.responses import response_create_params

    _sdk()
    assert rm.ResponseCreateParams.model_validate(body).to_dict() == body
    _materialise(
        _adapter(response_create_params.ResponseCreateParamsBase).validate_python(body, strict=True)
    )


@given(responses_requests())
def test_lenient_requests_round_trip(body: Json) -> None:
    """Requests with Codex's replay shapes round-trip exactly (JSON bytes included)."""
    parsed = rm.ResponseCreateParams.model_validate(body)
    assert parsed.to_dict() == body
    assert json.loads(parsed.to_json()) == body


@settings(max_examples=40)  # a structural check: fewer examples suffice
@given(responses_requests())
def test_requests_keep_calls_and_outputs_together(body: Json) -> None:
    """Every tool output answers a call made before it, and calls name declared tools."""
    items = body["input"] if isinstance(body["input"], list) else []
    names = {t.get("name") for t in body.get("tools") or []}
    called: set[str] = set()
    for item in items:
        if item.get("type") in ("function_call", "custom_tool_call"):
            assert item["name"] in names
            called.add(item["call_id"])
        elif item.get("type") in ("function_call_output", "custom_tool_call_output"):
            assert item["call_id"] in called


# -- responses, streams, errors ------------------------------------------------------------------


@pytest.mark.oracle
@given(responses_responses())
def test_responses_round_trip_and_validate_in_the_sdk(body: Json) -> None:
    """Responses round-trip through ``Response`` and validate in the SDK's ``Response``."""
    sdk = _sdk()
    assert rm.Response.model_validate(body).to_dict() == body
    sdk.Response.model_validate(body)
    usage = body["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]


@pytest.mark.oracle
@given(responses_event_streams())
def test_streams_validate_and_accumulate_in_the_sdk(pair: tuple[Json, list[Json]]) -> None:
    """Every event validates in its SDK class and round-trips here; the SDK's accumulator takes
    the whole stream, and both accumulators end in the final response's items."""
    _sdk()
    final, events = pair
    assert rm.Response.model_validate(final).to_dict() == final
    for event in events:
        assert rm.parse_stream_event(event).to_dict() == event
        _event_classes()[event["type"]].model_validate(event)
    completed = sdk_accumulate(events)
    if final["status"] == "completed":
        assert completed is not None
        assert completed.id == final["id"]
        assert [(o.type, o.id) for o in completed.output] == [
            (o["type"], o["id"]) for o in final["output"]
        ]
    else:
        assert completed is None
    grown = accumulate(events)
    assert [grown[i] for i in sorted(grown)] == final["output"]


@given(responses_event_streams())
def test_streams_keep_the_stream_invariants(pair: tuple[Json, list[Json]]) -> None:
    """``response.created`` first, sequence numbers 0, 1, 2…, one response id, items added
    before their events and done before the end, the terminal event carrying the final response."""
    final, events = pair
    assert events[0]["type"] == "response.created"
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    assert {e["response"]["id"] for e in events if "response" in e} == {final["id"]}
    added: set[int] = set()
    done: set[int] = set()
    for event in events:
        if event["type"] == "response.output_item.added":
            added.add(event["output_index"])
        elif event["type"] == "response.output_item.done":
            done.add(event["output_index"])
        elif "output_index" in event:
            assert event["output_index"] in added - done
    assert added == done == set(range(len(final["output"])))
    assert events[-1]["response"] == final


@pytest.mark.oracle
@given(responses_errors(lenient=False))
def test_errors_round_trip_and_validate_in_the_sdk(body: Json) -> None:
    """Error bodies round-trip through ``ErrorResponse`` and their ``error`` is an SDK ErrorObject."""
    from openai.types.shared import ErrorObject

    _sdk()
    assert rm.ErrorResponse.model_validate(body).to_dict() == body
    ErrorObject.model_validate(body["error"])


@settings(max_examples=40)  # a structural check: fewer examples suffice
@given(responses_errors())
def test_lenient_errors_round_trip(body: Json) -> None:
    """Errors with only a message (and a numeric code) round-trip too."""
    assert rm.ErrorResponse.model_validate(body).to_dict() == body


# -- unknowns and flags --------------------------------------------------------------------------


@given(with_unknowns(responses_requests(), protocol="responses"))
def test_requests_with_unknowns_round_trip(body: Json) -> None:
    """Requests with unknown keys, items, parts, tools and tool choices round-trip exactly."""
    assert rm.ResponseCreateParams.model_validate(body).to_dict() == body


@given(with_unknowns(responses_event_streams(), protocol="responses"))
def test_streams_with_unknowns_round_trip(pair: tuple[Json, list[Json]]) -> None:
    """Streams with unknown events, items, parts and keys, and their final response, round-trip."""
    final, events = pair
    assert rm.Response.model_validate(final).to_dict() == final
    for event in events:
        assert rm.parse_stream_event(event).to_dict() == event


@settings(max_examples=40)  # a structural check: fewer examples suffice
@given(st.data())
def test_with_unknowns_adds_something_unknown(data: st.DataObject) -> None:
    """``with_unknowns(..., protocol="responses")`` changes the payload (and only adds to it)."""
    body = data.draw(responses_requests())
    changed = data.draw(with_unknowns(st.just(body), protocol="responses"))
    assert changed != body


def _mentions(value: Any, needle: str) -> bool:
    return needle in json.dumps(value)


@settings(max_examples=40)  # a structural check: fewer examples suffice
@given(
    responses_requests(tools=False, reasoning=False, stateful=False, builtin_tools=False),
    responses_event_streams(tools=False, reasoning=False, builtin_tools=False),
)
def test_flags_turned_off_remove_their_features(body: Json, pair: tuple[Json, list[Json]]) -> None:
    """Without tools, reasoning, state or built-in tools, none of them appear."""
    for needle in ('"function_call', '"reasoning"', '"previous_response_id"', '"item_reference"'):
        assert not _mentions(body, needle), needle
    assert "tools" not in body
    final, events = pair
    assert all(item["type"] == "message" for item in final["output"])
    assert not _mentions(events, '_call"')
