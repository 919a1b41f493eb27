"""The official SDKs as the oracles of the Responses <-> Anthropic Messages conversions.

The ``anthropic`` SDK on the Anthropic side: converted requests go through
``client.messages.create(**body)`` unchanged, converted replies validate as its ``Message``, and a
converted Responses stream served as SSE bytes gives, through ``client.messages.stream(...)`` /
``get_final_message()``, the message the non-stream conversion gives. The ``openai`` SDK on the
Responses side: ``client.responses.create(**body)`` sends converted requests unchanged, replies
validate as its ``Response``, and ``client.responses.stream(...)`` / ``get_final_response()`` over a
converted Anthropic stream gives the non-stream conversion's response.
"""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

from typing import Any

import anthropic
from anthropic.types import Message
from hypothesis import given, settings
from openai.types.responses import Response

import ruapi_convert as rc
from ruapi_convert.sse import encode_all
from ruapi_convert.testing import (
    anthropic_event_streams,
    anthropic_requests,
    anthropic_responses,
    responses_event_streams,
    responses_requests,
    responses_responses,
)

from ..oracles import send_anthropic
from ..property.test_responses_anthropic_properties import started_tier
from ..property.test_stream_properties_sdk import anthropic_sdk_over_http, canonical_message
from .test_responses_chat_sdk import _without_parsed, responses_final, send_responses

pytestmark = pytest.mark.oracle

Json = dict[str, Any]
#: The largest max_tokens the anthropic SDK sends without streaming (its 10-minute estimate).
_LONG = 21_333
CODEX_REQUEST: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}


# -- requests ------------------------------------------------------------------------------------


@settings(max_examples=max(10, settings().max_examples // 3))
@given(responses_requests())
def test_converted_responses_requests_are_sent_unchanged_by_messages_create(body: Json) -> None:
    """Generated Responses requests -> Messages: client.messages.create(**body) sends them
    unchanged (beta fields through the beta client). A large max_tokens is streamed: the SDK
    refuses it without streaming ("Streaming is required for operations that may take longer
    than 10 minutes"), before anything is sent."""
    if (body.get("max_output_tokens") or 0) > _LONG:
        body = {**body, "stream": True}
    try:
        converted = rc.responses_to_anthropic_request(body).value.to_dict()
    except rc.ConversionError:
        return
    captured, _ = send_anthropic(converted)
    assert captured.body == converted


@settings(max_examples=max(10, settings().max_examples // 3))
@given(anthropic_requests())
def test_converted_anthropic_requests_are_sent_unchanged_by_responses_create(body: Json) -> None:
    """Generated Messages requests -> Responses: client.responses.create(**body) sends them
    unchanged, with no extra_body."""
    try:
        converted = rc.anthropic_to_responses_request(body).value.to_dict()
    except rc.ConversionError:
        return
    assert send_responses(converted) == converted


# -- replies -------------------------------------------------------------------------------------


@given(anthropic_responses())
def test_converted_anthropic_replies_validate_as_sdk_responses(body: Json) -> None:
    """Messages replies -> Responses validate as openai.types.responses.Response."""
    result = rc.anthropic_to_responses_response(body, request=CODEX_REQUEST)
    response = Response.model_validate(result.value.to_dict())
    assert response.id == result.value.to_dict()["id"]


@given(responses_responses())
def test_converted_responses_replies_validate_as_sdk_messages(body: Json) -> None:
    """Responses replies -> Messages validate as anthropic.types.Message."""
    try:
        result = rc.responses_to_anthropic_response(body)
    except rc.ConversionError:
        return
    message = Message.model_validate(result.value.to_dict())
    assert message.role == "assistant"


# -- streams -------------------------------------------------------------------------------------


@given(anthropic_event_streams())
def test_converted_anthropic_stream_gives_the_non_stream_response_in_the_sdk(
    pair: tuple[Json, list[Json]],
) -> None:
    """client.responses.stream over a converted Anthropic stream: get_final_response() is the
    non-stream conversion of the same message (the SDK raises on an incomplete response, which
    the converted stream then also ends with)."""
    final, events = pair
    converter = rc.AnthropicToResponsesStream(request=CODEX_REQUEST, created=1)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    out += converter.close()
    want = rc.anthropic_to_responses_response(final, request=CODEX_REQUEST, created=1)
    wanted = want.value.to_dict()
    if out[-1].type != "response.completed":
        assert out[-1].type == "response.incomplete" == f"response.{wanted['status']}"
        return
    expected = _without_parsed(
        Response.model_validate(wanted).model_dump(mode="json", exclude_unset=True)
    )
    assert responses_final(encode_all(out)) == expected


@given(responses_event_streams())
def test_converted_responses_stream_gives_the_non_stream_message_in_the_sdk(
    pair: tuple[Json, list[Json]],
) -> None:
    """client.messages.stream over a converted Responses stream: get_final_message() is the
    non-stream conversion of the same response, with the service tier response.created said (a
    failed one raises the SDK's APIError)."""
    final, events = pair
    converter = rc.ResponsesToAnthropicStream()
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    out += converter.close()
    data = encode_all(out)
    if out[-1].type == "error":
        with pytest.raises(anthropic.APIError):
            anthropic_sdk_over_http(data)
        return
    want = rc.responses_to_anthropic_response(final).value.to_dict()
    want = started_tier(want, [event.to_dict() for event in out])
    assert canonical_message(anthropic_sdk_over_http(data)) == canonical_message(want)
