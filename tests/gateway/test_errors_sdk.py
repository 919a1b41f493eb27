"""Converted errors, headers and model lists, served to the official SDKs: their exception classes and retries."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

import json
import time
from typing import TYPE_CHECKING

import anthropic
import httpx2
import openai
import pytest
from render_errors import (
    ANTHROPIC_CASES,
    OPENAI_CASES,
    anthropic_case_body,
    anthropic_sdk_class,
    openai_case_body,
    openai_sdk_class,
)

from ruapi_convert.gateway import (
    anthropic_stream_error,
    anthropic_to_openai_error,
    anthropic_to_openai_model_list,
    openai_stream_error,
    openai_to_anthropic_error,
    openai_to_anthropic_model_list,
)
from ruapi_convert.models import anthropic as ant

if TYPE_CHECKING:
    from collections.abc import Callable


from .common import MESSAGE
from .common import load as _load
from .test_errors import A2O_EXPECTED, O2A_EXPECTED

pytestmark = pytest.mark.oracle


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Capture the SDKs' retry delays instead of sleeping (both call time.sleep)."""
    captured: list[float] = []
    monkeypatch.setattr(time, "sleep", captured.append)
    return captured


def test_bodies_from_sdk_models_are_read_by_their_wire_form() -> None:
    """Our own models and the official SDKs' pydantic models are accepted as bodies."""
    ours = ant.ErrorResponse.model_validate(anthropic_case_body("api_error", None, MESSAGE))
    assert anthropic_to_openai_error(500, ours).value.body.error["message"] == MESSAGE
    theirs = openai.types.ErrorObject(message=MESSAGE, type="server_error", param=None, code=None)
    reply = openai_to_anthropic_error(500, {"error": theirs.model_dump()}).value
    assert reply.body.error["message"] == MESSAGE


def _reply_handler(
    status: int, headers: dict[str, str], body: bytes, seen: list[httpx2.Request]
) -> Callable[[httpx2.Request], httpx2.Response]:
    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(status, headers=headers, content=body)

    return handler


def _openai_client(
    handler: Callable[[httpx2.Request], httpx2.Response], retries: int
) -> openai.OpenAI:
    return openai.OpenAI(
        api_key="k",
        base_url="http://test/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
        max_retries=retries,
    )


def _anthropic_client(
    handler: Callable[[httpx2.Request], httpx2.Response], retries: int
) -> anthropic.Anthropic:
    return anthropic.Anthropic(
        api_key="k",
        base_url="http://test",
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
        max_retries=retries,
    )


def _call_openai(client: openai.OpenAI) -> None:
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])


def _call_anthropic(client: anthropic.Anthropic) -> None:
    client.messages.create(model="m", max_tokens=16, messages=[{"role": "user", "content": "hi"}])


@pytest.mark.oracle
@pytest.mark.parametrize("case", ANTHROPIC_CASES, ids=str)
def test_openai_sdk_raises_the_documented_class(
    case: tuple[int, str, str | None], sleeps: list[float]
) -> None:
    """The OpenAI SDK, served our converted reply, raises the documented class with the message
    and retries exactly when the docs say it does."""
    status, kind, code = case
    reply = anthropic_to_openai_error(
        status, anthropic_case_body(kind, code, MESSAGE), {"request-id": "req_42"}
    ).value
    seen: list[httpx2.Request] = []
    handler = _reply_handler(reply.status, reply.headers, reply.body.to_json(), seen)
    with pytest.raises(openai.APIStatusError) as info:
        _call_openai(_openai_client(handler, retries=1))
    exc = info.value
    assert type(exc).__name__ == openai_sdk_class(reply.status)
    assert type(exc) is getattr(openai, openai_sdk_class(reply.status))
    assert MESSAGE in str(exc)
    assert exc.status_code == reply.status
    assert exc.request_id == "req_42"
    assert (exc.type, exc.code) == (reply.body.error["type"], reply.body.error.get("code"))
    retried = A2O_EXPECTED[case][0] in (408, 409, 429) or A2O_EXPECTED[case][0] >= 500
    assert len(seen) == (2 if retried and not A2O_EXPECTED[case][3] else 1)


@pytest.mark.oracle
@pytest.mark.parametrize("case", OPENAI_CASES, ids=str)
def test_anthropic_sdk_raises_the_documented_class(
    case: tuple[int, str | None, str | None], sleeps: list[float]
) -> None:
    """The Anthropic SDK, served our converted reply, raises the documented class with the message
    and retries exactly when the docs say it does."""
    status, kind, code = case
    reply = openai_to_anthropic_error(
        status, openai_case_body(kind, code, MESSAGE), {"x-request-id": "req_42"}
    ).value
    seen: list[httpx2.Request] = []
    handler = _reply_handler(reply.status, reply.headers, reply.body.to_json(), seen)
    with pytest.raises(anthropic.APIStatusError) as info:
        _call_anthropic(_anthropic_client(handler, retries=1))
    exc = info.value
    assert type(exc) is getattr(anthropic, anthropic_sdk_class(reply.status, None))
    assert exc.api_message == MESSAGE
    assert MESSAGE in str(exc)
    assert (exc.status_code, exc.type, exc.request_id) == (
        reply.status,
        reply.body.error["type"],
        "req_42",
    )
    want_status, _, no_retry = O2A_EXPECTED[case]
    retried = want_status in (408, 409, 429) or want_status >= 500
    assert len(seen) == (2 if retried and not no_retry else 1)


@pytest.mark.oracle
def test_spend_cap_round_trip_reaches_the_anthropic_sdk_subclass(sleeps: list[float]) -> None:
    """A spend-cap 429 through OpenAI and back is the SDK's EnforcedSpendLimitReachedError again."""
    there = anthropic_to_openai_error(
        429, anthropic_case_body("rate_limit_error", "enforced_spend_limit_reached", MESSAGE)
    ).value
    back = openai_to_anthropic_error(there.status, there.body, there.headers).value
    seen: list[httpx2.Request] = []
    handler = _reply_handler(back.status, back.headers, back.body.to_json(), seen)
    with pytest.raises(anthropic.RateLimitError) as info:
        _call_anthropic(_anthropic_client(handler, retries=2))
    assert type(info.value).__name__ == anthropic_sdk_class(429, "enforced_spend_limit_reached")
    assert info.value.error_code == "enforced_spend_limit_reached"
    assert len(seen) == 1
    assert sleeps == []


@pytest.mark.oracle
@pytest.mark.parametrize(
    ("header", "value", "delay"), [("retry-after", "7", 7.0), ("retry-after-ms", "1500", 1.5)]
)
def test_openai_sdk_waits_the_converted_retry_after(
    header: str, value: str, delay: float, sleeps: list[float]
) -> None:
    """An Anthropic 429's retry-after(-ms), converted, is the delay the OpenAI SDK waits."""
    reply = anthropic_to_openai_error(
        429, anthropic_case_body("rate_limit_error", None), {header: value}
    ).value
    seen: list[httpx2.Request] = []
    handler = _reply_handler(reply.status, reply.headers, reply.body.to_json(), seen)
    with pytest.raises(openai.RateLimitError):
        _call_openai(_openai_client(handler, retries=1))
    assert len(seen) == 2
    assert sleeps == [delay]


@pytest.mark.oracle
@pytest.mark.parametrize(
    ("header", "value", "delay"), [("retry-after", "7", 7.0), ("retry-after-ms", "1500", 1.5)]
)
def test_anthropic_sdk_waits_the_converted_retry_after(
    header: str, value: str, delay: float, sleeps: list[float]
) -> None:
    """An OpenAI 503's retry-after(-ms), converted, is the delay the Anthropic SDK waits."""
    body = openai_case_body("service_unavailable_error", "server_is_overloaded")
    reply = openai_to_anthropic_error(503, body, {header: value}).value
    seen: list[httpx2.Request] = []
    handler = _reply_handler(reply.status, reply.headers, reply.body.to_json(), seen)
    with pytest.raises(anthropic.OverloadedError):
        _call_anthropic(_anthropic_client(handler, retries=1))
    assert len(seen) == 2
    assert sleeps == [delay]


@pytest.mark.oracle
def test_x_should_retry_false_stops_both_sdks(sleeps: list[float]) -> None:
    """Billing errors are never retried, although the OpenAI status is a retryable 429."""
    reply = anthropic_to_openai_error(
        402, anthropic_case_body("billing_error", None, MESSAGE), {"retry-after": "1"}
    ).value
    seen: list[httpx2.Request] = []
    handler = _reply_handler(reply.status, reply.headers, reply.body.to_json(), seen)
    with pytest.raises(openai.RateLimitError) as info:
        _call_openai(_openai_client(handler, retries=3))
    assert info.value.code == "insufficient_quota"
    assert (len(seen), sleeps) == (1, [])
    back = openai_to_anthropic_error(
        429,
        openai_case_body("insufficient_quota", "insufficient_quota", MESSAGE),
        {"retry-after": "1"},
    ).value
    seen.clear()
    handler = _reply_handler(back.status, back.headers, back.body.to_json(), seen)
    with pytest.raises(anthropic.PaymentRequiredError):
        _call_anthropic(_anthropic_client(handler, retries=3))
    assert (len(seen), sleeps) == (1, [])


@pytest.mark.oracle
def test_openai_sdk_raises_on_a_converted_mid_stream_error() -> None:
    """The OpenAI SDK raises APIError with the message of a converted Anthropic error event."""
    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [
            {"index": 0, "delta": {"role": "assistant", "content": "Hi"}, "finish_reason": None}
        ],
    }
    error = openai_stream_error(
        {"type": "error", "error": {"type": "overloaded_error", "message": MESSAGE}}
    ).value
    body = f"data: {json.dumps(chunk)}\n\ndata: {error.to_json().decode()}\n\n".encode()
    client = _openai_client(
        lambda _: httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=body),
        0,
    )
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    with pytest.raises(openai.APIError) as info:
        list(stream)
    assert info.value.message == MESSAGE
    assert info.value.code == "server_is_overloaded"


@pytest.mark.oracle
def test_anthropic_sdk_raises_on_a_converted_mid_stream_error() -> None:
    """The Anthropic SDK raises APIStatusError with the message of a converted OpenAI error chunk."""
    start = {
        "type": "message_start",
        "message": {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "m",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
        },
    }
    event = anthropic_stream_error({"error": {"message": MESSAGE, "type": "server_error"}}).value
    body = (
        f"event: message_start\ndata: {json.dumps(start)}\n\n"
        f"event: {event.sse_event_name()}\ndata: {event.to_json().decode()}\n\n"
    ).encode()
    client = _anthropic_client(
        lambda _: httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=body),
        0,
    )
    stream = client.messages.create(
        model="m", max_tokens=16, messages=[{"role": "user", "content": "hi"}], stream=True
    )
    with pytest.raises(anthropic.APIStatusError) as info:
        list(stream)
    assert info.value.api_message == MESSAGE
    assert info.value.type == "api_error"


@pytest.mark.oracle
def test_both_sdks_list_converted_models() -> None:
    """Each SDK's models.list() parses our converted list, pagination included."""
    anthropic_body = _load("anthropic", "docs_models_list_capabilities.json")
    to_openai = anthropic_to_openai_model_list(anthropic_body).value
    client = _openai_client(lambda _: httpx2.Response(200, content=to_openai.to_json()), 0)
    models = list(client.models.list())
    assert [(m.id, m.object, m.owned_by) for m in models] == [
        ("claude-opus-4-6", "model", "anthropic")
    ]
    openai_body = _load("openai", "docs_models_list.json")
    to_anthropic = openai_to_anthropic_model_list(openai_body).value
    aclient = _anthropic_client(lambda _: httpx2.Response(200, content=to_anthropic.to_json()), 0)
    page = aclient.models.list()
    assert [m.id for m in page.data] == ["model-id-0", "model-id-1", "model-id-2"]
    assert (page.has_more, page.first_id, page.last_id) == (False, "model-id-0", "model-id-2")
    assert page.data[0].display_name == "model-id-0"
