"""Recorded payloads through the Responses <-> Messages conversions.

Every recorded Anthropic stream (repository fixtures and, when present, the shared corpus) through
``AnthropicToResponsesStream`` ends with the response the non-stream conversion gives for the
message it describes, with every item added and done, accepted by ``client.responses.stream``;
every recorded Responses stream through ``ResponsesToAnthropicStream`` accumulates (in the
anthropic SDK) to the non-stream conversion of its final response, or ends in the error event
its upstream error calls for. Recorded request and reply bodies convert to valid bodies or raise a
``ConversionError``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

import ruapi_convert as rc
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import responses as rsp
from ruapi_convert.sse import encode_all

from ..accumulate import accumulate_anthropic
from ..corpus import REFUSED_REQUESTS, payload_files, stream_events
from ..property.test_responses_anthropic_properties import (
    CODEX_REQUEST,
    check_responses_events,
    started_tier,
)

if TYPE_CHECKING:
    from collections.abc import Callable

Json = dict[str, Any]
RESPONSES = Path(__file__).resolve().parents[2] / "fixtures" / "payloads" / "responses"


@pytest.mark.parametrize("path", payload_files("anthropic", "streams"), ids=lambda p: p.name)
def test_recorded_anthropic_streams_end_with_the_non_stream_response(path: Path) -> None:
    events = stream_events(path)
    converter = rc.AnthropicToResponsesStream(request=CODEX_REQUEST, created=1)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    out += converter.close()
    dumped = [e.to_dict() for e in out]
    final = accumulate_anthropic(events)
    assert final is not None
    if any(e.get("type") == "error" for e in events) or dumped[-1]["type"] == "response.failed":
        assert dumped[-1]["type"] == "response.failed"  # (items may stay open: it failed)
        return
    check_responses_events(dumped)
    want = rc.anthropic_to_responses_response(final, request=CODEX_REQUEST, created=1)
    assert dumped[-1]["response"] == want.value.to_dict()
    # every stream loss is a non-stream loss, but for a tool input cut short by max_tokens, which
    # only the stream sees (the accumulated message holds what parsed of it)
    cut = {
        (loss.path, loss.kind)
        for loss in converter.losses
        if final["stop_reason"] == "max_tokens" and "cut short" in loss.detail
    }
    assert {(loss.path, loss.kind) for loss in converter.losses} - cut <= {
        (loss.path, loss.kind) for loss in want.losses
    }
    rsp.parse_stream_event(dumped[-1])  # our model takes it back
    assert encode_all(out).count(b"event: response.output_item.done") == len(
        want.value.to_dict()["output"]
    )


@pytest.mark.parametrize(
    "path", sorted((RESPONSES / "streams").glob("*.sse")), ids=lambda p: p.name
)
def test_recorded_responses_streams_accumulate_to_the_non_stream_message(path: Path) -> None:
    events = stream_events(path)
    converter = rc.ResponsesToAnthropicStream()
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    out += converter.close()
    dumped = [e.to_dict() for e in out]
    terminal = next(
        (e for e in reversed(events) if str(e.get("type")).startswith("response.")
         and e.get("type") in ("response.completed", "response.incomplete", "response.failed")),
        None,
    )  # fmt: skip
    if (
        terminal is None
        or terminal["type"] == "response.failed"
        or any(e.get("type") == "error" for e in events)
    ):
        assert dumped[-1]["type"] == "error"
        return
    # OpenAI re-encrypts a reasoning item's blob per event (recorded: the blob in
    # output_item.done differs from the one in response.completed); the stream sends the item's
    # own, so the oracle is the final response with the items as their .done events gave them.
    response: Json = dict(cast("Json", terminal["response"]))
    done = [e["item"] for e in events if e.get("type") == "response.output_item.done"]
    if len(done) == len(response["output"]):
        response["output"] = done
    want = rc.responses_to_anthropic_response(response).value.to_dict()
    assert accumulate_anthropic(dumped) == started_tier(want, dumped)


def _converted(convert: Callable[[Any], rc.Converted[Any]], body: Any) -> rc.Converted[Any] | None:
    """The conversion, or None when it raised a ConversionError that names a path."""
    error: rc.ConversionError | None = None
    try:
        return convert(body)
    except rc.ConversionError as exc:
        error = exc
    assert error.path is not None, error
    return None


@pytest.mark.parametrize("path", payload_files("anthropic", "requests"), ids=lambda p: p.name)
def test_recorded_anthropic_requests_convert_to_valid_responses_requests(path: Path) -> None:
    if path.name in REFUSED_REQUESTS:
        return
    result = _converted(rc.anthropic_to_responses_request, json.loads(path.read_bytes()))
    if result is not None:
        rsp.ResponseCreateParams.model_validate(result.value.to_dict())


@pytest.mark.parametrize(
    "path", sorted((RESPONSES / "requests").glob("*.json")), ids=lambda p: p.name
)
def test_recorded_responses_requests_convert_to_valid_messages_requests(path: Path) -> None:
    body = json.loads(path.read_bytes())
    if path.name.startswith("input_tokens"):
        result = rc.responses_to_anthropic_count_tokens_request(body)
        ant.MessageCountTokensParams.model_validate(result.value.to_dict())
        return
    converted = _converted(rc.responses_to_anthropic_request, body)
    if converted is not None:
        ant.MessageCreateParams.model_validate(converted.value.to_dict())


@pytest.mark.parametrize("path", payload_files("anthropic", "responses"), ids=lambda p: p.name)
def test_recorded_anthropic_replies_convert_to_valid_responses(path: Path) -> None:
    data = json.loads(path.read_bytes())
    if data.get("type") != "message":
        return  # error bodies and model lists
    result = rc.anthropic_to_responses_response(data, request=CODEX_REQUEST, created=1)
    rsp.Response.model_validate(result.value.to_dict())
