"""The official openai SDK as the oracle of the Responses <-> Chat conversions.

Requests go through ``client.responses.create(**body)`` / ``client.chat.completions.create(**body)``
over ``httpx2.MockTransport`` and must arrive unchanged; replies must validate as the SDK's
``Response`` / ``ChatCompletion``; converted streams served as SSE bytes must give, through
``client.responses.stream(...)`` / ``client.chat.completions.stream(...)``, the final response the
non-stream conversion of the same upstream reply gives.
"""

from __future__ import annotations

import pytest

pytest.importorskip("openai")

import functools
import inspect
import json
from pathlib import Path
from typing import Any

import httpx2
import openai
from hypothesis import given, settings
from openai.types.chat import ChatCompletion
from openai.types.responses import Response

import ruapi_convert as rc
from ruapi_convert import _json
from ruapi_convert.sse import encode_all
from ruapi_convert.testing import (
    openai_chunk_streams,
    openai_requests,
    openai_responses,
    responses_event_streams,
    responses_requests,
    responses_responses,
)

from ..corpus import REFUSED_REQUESTS, payload_files
from ..oracles import send_openai

pytestmark = pytest.mark.oracle

Json = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]
RESPONSES = ROOT / "fixtures" / "payloads" / "responses"
CODEX_REQUEST: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}

_RESPONSES_PARAMS = frozenset(
    inspect.signature(openai.OpenAI(api_key="k").responses.create).parameters
)


class _Server:
    """An SDK client whose requests are captured and answered with ``reply`` (JSON) or, for a
    streaming request, ``stream`` (SSE bytes)."""

    def __init__(self) -> None:
        self.body: Json | None = None
        self.reply: Json = {}
        self.stream = b""

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.body = json.loads(request.content)
        if self.body and self.body.get("stream"):
            return httpx2.Response(
                200, content=self.stream, headers={"content-type": "text/event-stream"}
            )
        return httpx2.Response(200, json=self.reply)


@functools.cache
def _client() -> tuple[_Server, openai.OpenAI]:
    server = _Server()
    client = openai.OpenAI(
        api_key="k",
        base_url="http://test/v1",
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(server.handle)),
    )
    return server, client


def send_responses(body: Json) -> Json | None:
    """``client.responses.create(**body)`` over the mock transport; what arrived."""
    server, client = _client()
    server.reply = _MINIMAL_RESPONSE
    server.stream = _MINIMAL_STREAM
    kwargs = {k: v for k, v in body.items() if k in _RESPONSES_PARAMS}
    assert kwargs.keys() == body.keys(), body.keys() - kwargs.keys()  # no extra_body needed
    result = client.responses.create(**kwargs)
    if body.get("stream"):
        for _ in result:
            pass
    return server.body


_MINIMAL_RESPONSE: Json = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "model": "m",
    "output": [],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
}
_MINIMAL_STREAM = (
    b'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":'
    + _json.dumps({**_MINIMAL_RESPONSE, "status": "in_progress"})
    + b'}\n\nevent: response.completed\ndata: {"type":"response.completed","sequence_number":1,"response":'
    + _json.dumps({**_MINIMAL_RESPONSE, "status": "completed"})
    + b"}\n\n"
)


# -- requests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [p for p in payload_files("openai", "requests") if p.name not in REFUSED_REQUESTS],
    ids=lambda p: p.name,
)
def test_converted_chat_request_is_sent_unchanged_by_responses_create(path: Path) -> None:
    """Chat request fixture -> Responses: client.responses.create(**body) sends the same JSON."""
    body = rc.openai_to_responses_request(json.loads(path.read_bytes())).value.to_dict()
    assert send_responses(body) == body


@settings(max_examples=max(10, settings().max_examples // 3))
@given(openai_requests(multiple_choices=False))
def test_generated_chat_requests_are_sent_unchanged_by_responses_create(body: Json) -> None:
    """Generated Chat requests -> Responses: the SDK sends them unchanged, with no extra_body."""
    try:
        converted = rc.openai_to_responses_request(body).value.to_dict()
    except rc.UnsupportedError:
        return
    assert send_responses(converted) == converted


_RESPONSES_REQUESTS = sorted(
    p for p in (RESPONSES / "requests").glob("*.json") if not p.name.startswith("input_tokens")
)


@pytest.mark.parametrize("path", _RESPONSES_REQUESTS, ids=lambda p: p.name)
@pytest.mark.parametrize("extensions", [True, False])
def test_converted_responses_request_is_sent_unchanged_by_chat_create(
    path: Path, extensions: bool
) -> None:
    """Responses request fixture -> Chat: chat.completions.create(**body) sends the same JSON, and
    without extensions needs no extra_body."""
    result = rc.responses_to_openai_request(json.loads(path.read_bytes()), extensions=extensions)
    body = result.value.to_dict()
    captured, extra = send_openai(body)
    assert captured.body == body
    assert not extra


@settings(max_examples=max(10, settings().max_examples // 3))
@given(responses_requests())
def test_generated_responses_requests_are_sent_unchanged_by_chat_create(body: Json) -> None:
    """Generated Responses requests -> Chat (extensions off): the SDK sends them unchanged."""
    try:
        converted = rc.responses_to_openai_request(body, extensions=False).value.to_dict()
    except rc.ConversionError:
        return
    captured, extra = send_openai(converted)
    assert captured.body == converted
    assert not extra


# -- replies -------------------------------------------------------------------------------------


@given(openai_responses(multiple_choices=False))
def test_converted_chat_replies_validate_as_sdk_responses(body: Json) -> None:
    """Chat replies -> Responses validate as openai.types.responses.Response."""
    result = rc.openai_to_responses_response(body, request=CODEX_REQUEST)
    response = Response.model_validate(result.value.to_dict())
    assert response.id == result.value.to_dict()["id"]


@given(responses_responses())
def test_converted_responses_replies_validate_as_sdk_chat_completions(body: Json) -> None:
    """Responses replies -> Chat validate as openai.types.chat.ChatCompletion."""
    for extensions in (True, False):
        result = rc.responses_to_openai_response(body, extensions=extensions)
        completion = ChatCompletion.model_validate(result.value.to_dict())
        assert completion.choices[0].message.role == "assistant"


# -- streams -------------------------------------------------------------------------------------


def responses_final(stream: bytes) -> Json:
    """Our Responses SSE bytes through ``client.responses.stream(...)``: get_final_response()."""
    server, client = _client()
    server.stream = stream
    with client.responses.stream(model="m", input="hi") as events:
        final = events.get_final_response()
    dumped: Json = _without_parsed(final.model_dump(mode="json", exclude_unset=True))
    return dumped


def _without_parsed(value: Any) -> Any:
    """The SDK's parsing helpers add ``parsed`` / ``parsed_arguments`` to output; not wire data."""
    if isinstance(value, dict):
        return {
            k: _without_parsed(v)
            for k, v in value.items()
            if k not in ("parsed", "parsed_arguments")
        }
    if isinstance(value, list):
        return [_without_parsed(v) for v in value]
    return value


def _converted_stream(chunks: list[Json]) -> tuple[bytes, list[str]]:
    converter = rc.OpenAIToResponsesStream(request=CODEX_REQUEST)
    out: list[Any] = []
    for chunk in chunks:
        out += converter.feed(chunk)
    out += converter.close()
    return encode_all(out), [getattr(e, "type", "") for e in out]


@given(openai_chunk_streams(multiple_choices=False))
def test_converted_chat_stream_gives_the_non_stream_response_in_the_sdk(
    pair: tuple[Json, list[Json]],
) -> None:
    """client.responses.stream over a converted Chat stream: get_final_response() is the
    non-stream conversion of the same reply (a stream cut by length ends incomplete instead)."""
    final, chunks = pair
    data, kinds = _converted_stream(chunks)
    want = rc.openai_to_responses_response(final, request=CODEX_REQUEST).value.to_dict()
    if kinds[-1] != "response.completed":
        assert want["status"] == "incomplete"
        return
    expected = _without_parsed(
        Response.model_validate(want).model_dump(mode="json", exclude_unset=True)
    )
    assert responses_final(data) == expected


@pytest.mark.parametrize("path", payload_files("openai", "streams"), ids=lambda p: p.name)
def test_fixture_chat_streams_convert_to_streams_the_sdk_accepts(path: Path) -> None:
    """Every recorded Chat stream, converted, is accepted by client.responses.stream (or, when it
    has no finish, ends in an error the SDK raises)."""
    converter = rc.OpenAIToResponsesStream(request=CODEX_REQUEST)
    transcoder = rc.sse.SSETranscoder(converter)
    data = transcoder.feed(path.read_bytes()) + transcoder.close()
    if transcoder.error is not None or b"response.completed" not in data:
        with pytest.raises((openai.APIError, RuntimeError)):
            responses_final(data)
        return
    final = responses_final(data)
    assert final["id"].startswith("resp_")


def chat_final(stream: bytes) -> Json:
    """Our Chat SSE bytes through ``client.chat.completions.stream(...)``: the final completion."""
    server, client = _client()
    server.stream = stream
    with client.chat.completions.stream(model="m", messages=[]) as chunks:
        final = chunks.get_final_completion()
    return final.model_dump(mode="json", exclude_unset=True)


def _has_custom_calls(final: Json) -> bool:
    return any(i["type"] == "custom_tool_call" for i in final.get("output") or [])


@given(responses_event_streams())
def test_converted_responses_stream_gives_the_non_stream_reply_in_the_sdk(
    pair: tuple[Json, list[Json]],
) -> None:
    """client.chat.completions.stream over a converted completed Responses stream gives the
    content, tool calls and finish reason of the non-stream conversion (custom tool calls excepted:
    the SDK's Chat stream accumulator does not handle them)."""
    final, events = pair
    if final.get("status") != "completed" or _has_custom_calls(final):
        return  # the SDK's Chat stream raises on length and content_filter finishes by design
    converter = rc.ResponsesToOpenAIStream(include_usage=True)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    out += converter.close()
    if any(isinstance(item, rc.models.openai.ErrorResponse) for item in out):
        return
    got = chat_final(encode_all(out))
    want = rc.responses_to_openai_response(final).value.to_dict()
    message, expected = got["choices"][0]["message"], want["choices"][0]["message"]
    assert message.get("content") == expected.get("content")
    assert message.get("refusal") == expected.get("refusal")
    calls = [
        {
            "id": c["id"],
            "type": c["type"],
            "function": {k: c["function"][k] for k in ("name", "arguments")},
        }
        for c in message.get("tool_calls") or []
    ]
    assert calls == (expected.get("tool_calls") or [])
    assert got["choices"][0]["finish_reason"] == want["choices"][0]["finish_reason"]
    assert got.get("usage") == want.get("usage")
