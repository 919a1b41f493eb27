"""The gateway kit: path detection, the dispatch table, made-up error replies, the pass-through
stream, the stream relay's transport-failure end, stream options and whole exchanges."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.gateway import (
    DIRECTIONS,
    PROTOCOLS,
    conversion,
    match_path,
    models_protocol,
    normalize_path,
    passthrough_error,
    passthrough_headers,
)
from ruapi_convert.sse import SSEDecoder

Json = dict[str, Any]

CHAT: Json = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 5}
MESSAGES: Json = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 5}
RESPONSES: Json = {"model": "m", "input": "hi"}
REQUESTS = {"openai": CHAT, "anthropic": MESSAGES, "responses": RESPONSES}

ANTHROPIC_START = (
    b"event: message_start\n"
    b'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",'
    b'"model":"m","content":[],"stop_reason":null,"stop_sequence":null,'
    b'"usage":{"input_tokens":1,"output_tokens":1}}}\n\n'
)


def _events(data: bytes) -> list[tuple[str, Any]]:
    return [(e.event, e.data if e.is_done else e.json()) for e in SSEDecoder().feed(data)]


# -- paths ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "protocol", "operation", "canonical"),
    [
        ("/v1/messages", "anthropic", "create", "/v1/messages"),
        ("/messages", "anthropic", "create", "/v1/messages"),
        ("/v1/v1/messages", "anthropic", "create", "/v1/messages"),
        ("/anthropic/v1/messages", "anthropic", "create", "/v1/messages"),
        ("/v1/messages?beta=true", "anthropic", "create", "/v1/messages"),
        ("/v1/messages/count_tokens", "anthropic", "count_tokens", "/v1/messages/count_tokens"),
        ("/v1/chat/completions", "openai", "create", "/v1/chat/completions"),
        ("/chat/completions/", "openai", "create", "/v1/chat/completions"),
        ("/openai/v1/chat/completions", "openai", "create", "/v1/chat/completions"),
        ("/v1/responses", "responses", "create", "/v1/responses"),
        ("//v1//responses", "responses", "create", "/v1/responses"),
        ("/v1/responses/input_tokens", "responses", "count_tokens", "/v1/responses/input_tokens"),
        ("/v1/models", None, "models", "/v1/models"),
        ("/models", None, "models", "/v1/models"),
    ],
)
def test_paths_name_their_protocol_and_operation(
    path: str, protocol: str | None, operation: str, canonical: str
) -> None:
    """Every spelling clients produce names the documented endpoint."""
    endpoint = match_path(path)
    assert endpoint is not None
    assert (endpoint.protocol, endpoint.operation, endpoint.path) == (
        protocol,
        operation,
        canonical,
    )


def test_model_paths_keep_ids_with_slashes() -> None:
    """``/v1/models/<id>`` keeps the whole id, even one that ends like an operation."""
    found = match_path("/v1/models/meta-llama/Llama-3")
    assert found is not None
    assert (found.operation, found.model) == ("model", "meta-llama/Llama-3")
    found = match_path("/v1/models/responses")
    assert found is not None
    assert found.model == "responses"


@pytest.mark.parametrize("path", ["/", "", "/v1", "/v1/completions", "/v1/embeddings"])
def test_other_paths_name_nothing(path: str) -> None:
    """Paths of endpoints the library does not convert give None."""
    assert match_path(path) is None


def test_normalize_path() -> None:
    """Query, fragment, empty segments and trailing slashes go."""
    assert normalize_path("//v1//messages/?a=1#x") == "/v1/messages"


def test_models_protocol_follows_the_sdk_headers() -> None:
    """The Anthropic SDK's anthropic-version header (or a bare x-api-key) means Anthropic."""
    assert models_protocol({"Anthropic-Version": "2023-06-01"}) == "anthropic"
    assert models_protocol({"x-api-key": "k"}) == "anthropic"
    assert models_protocol({"authorization": "Bearer k"}) == "openai"
    assert models_protocol(None) == "openai"


# -- the dispatch table --------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), DIRECTIONS)
def test_every_direction_of_the_table_resolves_every_kind(source: Any, target: Any) -> None:
    """A table line names a pair; the request, reply and stream functions follow the naming."""
    for kind in ("request", "response", "stream", "error", "headers", "model_list"):
        assert callable(conversion(source, target, kind).function)
    assert conversion(source, target, "request").name == f"{source}_to_{target}_request"


def test_every_protocol_passes_through_to_itself() -> None:
    """Same protocol: the pass-through, for every kind."""
    for protocol in PROTOCOLS:
        found = conversion(protocol, protocol, "request")(REQUESTS[protocol], model="other")
        assert found.value.to_dict()["model"] == "other"
        assert found.losses == ()


def test_the_served_pairs() -> None:
    """What a gateway can serve: every protocol to itself and each to each other."""
    assert set(rc.directions()) == {
        ("openai", "openai"),
        ("anthropic", "anthropic"),
        ("responses", "responses"),
        ("openai", "anthropic"),
        ("anthropic", "openai"),
        ("responses", "openai"),
        ("openai", "responses"),
        ("responses", "anthropic"),
        ("anthropic", "responses"),
    }


@pytest.fixture
def without_responses_anthropic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table without Responses <-> Messages: a pair the library lacks (every pair is served
    now, so the refusal is tested on a table with one taken out)."""
    lines = tuple(pair for pair in DIRECTIONS if set(pair) != {"responses", "anthropic"})
    monkeypatch.setattr("ruapi_convert.gateway.dispatch.DIRECTIONS", lines)


@pytest.mark.usefixtures("without_responses_anthropic")
def test_a_pair_the_library_lacks_is_unsupported() -> None:
    """A pair outside the table: an UnsupportedError naming the pair and what exists, for every
    kind that converts bodies; the pair is not among the served directions."""
    assert ("responses", "anthropic") not in rc.directions()
    for kind in ("request", "response", "stream"):
        with pytest.raises(rc.UnsupportedError, match="openai->anthropic") as info:
            conversion("responses", "anthropic", kind)
        assert f"no {kind} conversion from responses to anthropic" in str(info.value)


def test_bad_protocol_or_kind_is_invalid_input() -> None:
    """A misspelt protocol or kind is an InvalidInputError naming the argument."""
    with pytest.raises(rc.InvalidInputError) as info:
        conversion("chat", "openai", "request")  # type: ignore[arg-type]
    assert info.value.path == "source"
    with pytest.raises(rc.InvalidInputError):
        conversion("openai", "anthropic", "reply")  # type: ignore[arg-type]


def test_call_values_reach_only_the_functions_that_read_them() -> None:
    """``created`` goes to the Anthropic -> Chat reply, and is left out for the reverse."""
    reply = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [{"type": "text", "text": "hi"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }
    a2o = conversion("anthropic", "openai", "response")
    assert "created" in a2o.reads
    assert a2o(reply, created=7, request=CHAT).value.to_dict()["created"] == 7
    chat = a2o(reply, created=7).value
    o2a = conversion("openai", "anthropic", "response")
    assert "created" not in o2a.reads
    assert o2a(chat, created=7).value.to_dict()["content"][0]["text"] == "hi"


def test_the_responses_and_chat_vendors_share_errors_and_headers() -> None:
    """Responses <-> Chat errors and headers are the same vendor's: a pass-through."""
    assert conversion("responses", "openai", "error").name == "passthrough_error[openai]"
    assert conversion("anthropic", "responses", "error").name == "anthropic_to_openai_error"


# -- made-up error replies -----------------------------------------------------------------------


def test_transport_failures_have_their_status_in_each_protocol() -> None:
    """Timeout -> 504, anything else -> 502, in the protocol's body shape and vendor type."""
    timeout = rc.transport_error_reply("anthropic", "timeout", "ReadTimeout")
    assert timeout.status == 504
    assert timeout.body.to_dict()["error"]["type"] == "timeout_error"
    refused = rc.transport_error_reply("openai", "connect", "[Errno 111] Connection refused")
    assert refused.status == 502
    error = refused.body.to_dict()["error"]
    assert (error["type"], error["code"]) == ("server_error", "upstream_unreachable")
    assert "Connection refused" in error["message"]
    assert rc.transport_error_reply("responses", "read").status == 502


def test_an_unknown_failure_is_invalid_input() -> None:
    """A misspelt failure kind names the argument."""
    with pytest.raises(rc.InvalidInputError):
        rc.transport_error_reply("openai", "slow")  # type: ignore[arg-type]


def test_a_refused_client_request_is_answered_with_its_path() -> None:
    """The client's own bad request: its status hint, invalid_request_error, the JSON path."""
    exc = rc.InvalidInputError("must be a string", path="messages[0].role")
    reply = rc.conversion_error_reply(exc, "openai")
    assert reply.status == 400
    assert reply.body.to_dict()["error"]["param"] == "messages[0].role"
    anthropic = rc.conversion_error_reply(exc, "anthropic").body.to_dict()
    assert anthropic["error"]["type"] == "invalid_request_error"


def test_a_refused_upstream_reply_is_a_bad_gateway() -> None:
    """The upstream's reply could not be converted: 502, not the client's fault."""
    reply = rc.conversion_error_reply(rc.InvalidInputError("bad"), "anthropic", upstream=True)
    assert reply.status == 502
    assert reply.body.to_dict()["error"]["type"] == "api_error"


def test_unsupported_is_a_404_no_sdk_retries() -> None:
    """An operation the gateway cannot serve for the model: 404 and x-should-retry: false."""
    reply = rc.unsupported_reply("anthropic", "no token counting upstream")
    assert (reply.status, reply.headers["x-should-retry"]) == (404, "false")
    assert reply.body.to_dict()["error"]["type"] == "not_found_error"


def test_error_reply_refuses_a_status_that_is_no_error() -> None:
    """Only 4xx and 5xx are error statuses."""
    with pytest.raises(rc.InvalidInputError):
        rc.error_reply("openai", 200, "ok")


# -- pass-through edges --------------------------------------------------------------------------


def test_same_vendor_errors_keep_their_body_and_documented_headers() -> None:
    """An OpenAI error passes through; headers keep the vendor's and drop the rest."""
    body = {"error": {"message": "slow down", "type": "requests", "param": None, "code": "x"}}
    headers = {"x-request-id": "req_1", "set-cookie": "a=b", "retry-after": "2"}
    reply = passthrough_error("openai", 429, json.dumps(body), headers).value
    assert reply.body.to_dict() == body
    assert reply.headers == {
        "content-type": "application/json",
        "x-request-id": "req_1",
        "retry-after": "2",
    }


def test_a_same_vendor_error_that_is_not_json_becomes_a_generic_error() -> None:
    """A proxy's HTML page still gives the vendor's error shape."""
    reply = passthrough_error("anthropic", 502, b"<html>bad gateway</html>").value
    assert reply.status == 502
    assert reply.body.to_dict()["type"] == "error"


def test_passthrough_headers_never_copy_bad_values() -> None:
    """A value with a line break is never a header value."""
    out = passthrough_headers({"request-id": "a\r\nx-evil: 1", "x-request-id": "ok"}).value
    assert out == {"x-request-id": "ok"}


# -- streams -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("protocol", "stream", "truncated_event"),
    [
        ("anthropic", ANTHROPIC_START, "error"),
        (
            "openai",
            b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",'
            b'"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}\n\n',
            "message",
        ),
    ],
)
def test_a_passthrough_stream_cut_short_ends_with_an_error(
    protocol: Any, stream: bytes, truncated_event: str
) -> None:
    """Events pass unchanged; a missing end becomes the protocol's error framing."""
    transcoder = rc.sse.SSETranscoder(rc.PassthroughStream(protocol))
    out = transcoder.feed(stream)
    assert _events(out) == _events(stream)
    closing = _events(transcoder.close())
    assert closing[-1][0] == truncated_event
    assert "error" in closing[-1][1]


def test_a_finished_passthrough_stream_adds_nothing() -> None:
    """After message_stop nothing is appended, whatever follows."""
    transcoder = rc.sse.SSETranscoder(rc.PassthroughStream("anthropic"))
    transcoder.feed(ANTHROPIC_START + b'event: message_stop\ndata: {"type":"message_stop"}\n\n')
    assert transcoder.feed(b"event: ping\ndata: {}\n\n") == b""
    assert transcoder.close() == b""


def test_a_responses_passthrough_fails_the_announced_response() -> None:
    """A Responses stream cut short: an error event, then response.failed with the snapshot."""
    created = (
        b'event: response.created\ndata: {"type":"response.created","sequence_number":0,'
        b'"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}\n\n'
    )
    relay = rc.StreamRelay(rc.PassthroughStream("responses"))
    relay.feed(created)
    events = _events(relay.fail("read", "reset"))
    assert [name for name, _ in events] == ["error", "response.failed"]
    assert [data["sequence_number"] for _, data in events] == [1, 2]
    assert events[1][1]["response"]["id"] == "resp_1"
    assert "connection broke" in events[1][1]["response"]["error"]["message"]


def test_a_responses_passthrough_keeps_the_failed_response_after_an_error_event() -> None:
    """An upstream error event after response.created is not the end: its response.failed goes
    through too; cut short after the error, the client gets response.failed with its message."""
    created = (
        b'event: response.created\ndata: {"type":"response.created","sequence_number":0,'
        b'"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}\n\n'
    )
    error = b'event: error\ndata: {"type":"error","code":"x","message":"busy","param":null,"sequence_number":1}\n\n'
    failed = (
        b'event: response.failed\ndata: {"type":"response.failed","sequence_number":2,'
        b'"response":{"id":"resp_1","object":"response","status":"failed","output":[]}}\n\n'
    )
    whole = rc.sse.SSETranscoder(rc.PassthroughStream("responses"))
    assert _events(whole.feed(created + error + failed)) == _events(created + error + failed)
    assert whole.close() == b""
    cut = rc.sse.SSETranscoder(rc.PassthroughStream("responses"))
    cut.feed(created + error)
    closing = _events(cut.close())
    assert [name for name, _ in closing] == ["response.failed"]
    assert closing[0][1]["sequence_number"] == 2
    assert closing[0][1]["response"]["error"]["message"] == "busy"


def test_relay_fail_drops_the_half_read_event() -> None:
    """A transport failure mid-event: the partial event is not flushed, the error is sent once."""
    relay = rc.Exchange("openai", "anthropic", {**CHAT, "stream": True}).stream_relay()
    relay.feed(ANTHROPIC_START + b'event: content_block_start\ndata: {"type":"content_')
    events = _events(relay.fail("timeout"))
    assert len(events) == 1
    assert events[0][1]["error"]["message"] == "the upstream did not answer in time"
    assert relay.fail("read") == b""
    assert relay.close() == b""
    assert relay.feed(b"data: x\n\n") == b""


def test_relay_fail_after_the_end_sends_nothing() -> None:
    """A connection that breaks after the stream's end adds no error."""
    relay = rc.StreamRelay(rc.PassthroughStream("openai"))
    relay.feed(b"data: [DONE]\n\n")
    assert relay.fail("read") == b""


@pytest.mark.parametrize(
    ("protocol", "body", "expected"),
    [
        ("openai", {"stream": True}, (True, False)),
        ("openai", {"stream": True, "stream_options": {"include_usage": True}}, (True, True)),
        ("openai", {"stream_options": {"include_usage": True}}, (False, False)),
        ("anthropic", {"stream": True}, (True, True)),
        ("responses", b'{"stream": false}', (False, False)),
    ],
)
def test_stream_options(protocol: Any, body: Any, expected: tuple[bool, bool]) -> None:
    """Whether the client streams, and whether its stream carries usage."""
    found = rc.stream_options(protocol, body)
    assert (found.stream, found.include_usage) == expected


def test_stream_options_of_a_converted_request() -> None:
    """A Converted is read through its value."""
    converted = rc.openai_to_anthropic_request({**CHAT, "stream": True})
    assert rc.stream_options("anthropic", converted).stream


# -- exchanges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("client", "upstream"), rc.directions())
def test_an_exchange_converts_the_request_of_every_served_pair(client: Any, upstream: Any) -> None:
    """Every (client, upstream) pair of ``directions()`` converts a request."""
    exchange = rc.Exchange(client, upstream, json.dumps(REQUESTS[client]), model="up-model")
    assert json.loads(exchange.upstream_body())["model"] == "up-model"
    assert not exchange.stream


def test_an_exchange_converts_replies_and_errors_for_its_client() -> None:
    """Chat client, Messages upstream: reply, error and headers in the client's terms."""
    exchange = rc.Exchange("openai", "anthropic", CHAT, created=5)
    reply = exchange.reply(
        {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "m",
            "content": [{"type": "text", "text": "hi"}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
        }
    )
    assert reply.value.to_dict()["choices"][0]["message"]["content"] == "hi"
    error = exchange.error(
        529, {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}
    ).value
    assert error.status == 503
    assert error.body.to_dict()["error"]["message"] == "busy"
    assert exchange.headers({"request-id": "req_1"}).value == {"x-request-id": "req_1"}


def test_an_exchange_raises_conversion_errors_for_bad_requests() -> None:
    """A request with no valid form raises a ConversionError the gateway answers with."""
    with pytest.raises(rc.ConversionError):
        rc.Exchange("openai", "anthropic", b'{"model": 1}')
