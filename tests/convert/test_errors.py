"""Errors, headers and model lists: the tables row by row, odd bodies, secrets, and the SDK oracles."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import anthropic
import httpx2
import openai
import pytest
from render import errors_section
from render_errors import (
    ANTHROPIC_CASES,
    OPENAI_CASES,
    anthropic_case_body,
    anthropic_sdk_class,
    openai_case_body,
    openai_sdk_class,
)

from ruapi_convert.errors import InvalidInputError, LossyConversionError
from ruapi_convert.gateway import (
    ErrorReply,
    _bodies,
    _time,
    anthropic_stream_error,
    anthropic_to_openai_error,
    anthropic_to_openai_headers,
    anthropic_to_openai_model_list,
    anthropic_to_openai_request_headers,
    openai_stream_error,
    openai_to_anthropic_error,
    openai_to_anthropic_headers,
    openai_to_anthropic_model_list,
    openai_to_anthropic_request_headers,
)
from ruapi_convert.gateway._bodies import A2O_ERROR, O2A_ERROR
from ruapi_convert.gateway.headers import (
    A2O_REQUEST_HEADERS,
    A2O_RESPONSE_HEADERS,
    O2A_REQUEST_HEADERS,
    O2A_RESPONSE_HEADERS,
)
from ruapi_convert.gateway.model_lists import A2O_MODELS, O2A_MODELS
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.sse import ServerSentEvent

if TYPE_CHECKING:
    from collections.abc import Callable


ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ROOT / "fixtures" / "payloads"
NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
KEY = "sk-ant-api03-0123456789abcdefghijklmnopqrstuvwxyz"
MESSAGE = "This model does not support effort level 'xhigh'."

Json = dict[str, Any]


def _load(protocol: str, name: str) -> Json:
    data: Json = json.loads((PAYLOADS / protocol / "responses" / name).read_text(encoding="utf-8"))
    return data


# -- the status/type tables, row by row ------------------------------------------------------------

# (Anthropic status, type, details.error_code) -> (OpenAI status, type, code, x-should-retry false)
A2O_EXPECTED: dict[tuple[int, str, str | None], tuple[int, str, str | None, bool]] = {
    (400, "invalid_request_error", None): (400, "invalid_request_error", None, False),
    (401, "authentication_error", None): (401, "authentication_error", None, False),
    (402, "billing_error", None): (429, "insufficient_quota", "insufficient_quota", True),
    (403, "permission_error", None): (403, "permission_error", None, False),
    (404, "not_found_error", None): (404, "not_found_error", None, False),
    (408, "invalid_request_error", None): (408, "invalid_request_error", None, False),
    (409, "conflict_error", None): (409, "conflict_error", None, False),
    (413, "request_too_large", None): (413, "request_too_large", None, False),
    (422, "invalid_request_error", None): (422, "invalid_request_error", None, False),
    (429, "rate_limit_error", None): (429, "rate_limit_error", "rate_limit_exceeded", False),
    (429, "rate_limit_error", "enforced_spend_limit_reached"): (
        429,
        "insufficient_quota",
        "insufficient_quota",
        True,
    ),
    (429, "rate_limit_error", "contract_spend_limit_reached"): (
        429,
        "insufficient_quota",
        "insufficient_quota",
        True,
    ),
    (500, "api_error", None): (500, "server_error", None, False),
    (502, "api_error", None): (502, "server_error", None, False),
    (503, "api_error", None): (503, "server_error", None, False),
    (504, "timeout_error", None): (504, "timeout_error", None, False),
    (529, "overloaded_error", None): (
        503,
        "service_unavailable_error",
        "server_is_overloaded",
        False,
    ),
}

# (OpenAI status, type, code) -> (Anthropic status, type, x-should-retry false)
O2A_EXPECTED: dict[tuple[int, str | None, str | None], tuple[int, str, bool]] = {
    (400, "invalid_request_error", None): (400, "invalid_request_error", False),
    (400, "invalid_request_error", "context_length_exceeded"): (
        400,
        "invalid_request_error",
        False,
    ),
    (401, "invalid_request_error", "invalid_api_key"): (401, "authentication_error", False),
    (403, "invalid_request_error", None): (403, "permission_error", False),
    (404, "invalid_request_error", "model_not_found"): (404, "not_found_error", False),
    (408, None, None): (408, "invalid_request_error", False),
    (409, None, None): (409, "conflict_error", False),
    (413, None, None): (413, "request_too_large", False),
    (422, None, None): (422, "invalid_request_error", False),
    (429, "requests", "rate_limit_exceeded"): (429, "rate_limit_error", False),
    (429, "tokens", "rate_limit_exceeded"): (429, "rate_limit_error", False),
    (429, "insufficient_quota", "insufficient_quota"): (402, "billing_error", True),
    (500, "server_error", None): (500, "api_error", False),
    (502, None, None): (502, "api_error", False),
    (503, "service_unavailable_error", "server_is_overloaded"): (529, "overloaded_error", False),
    (503, "service_unavailable_error", "slow_down"): (529, "overloaded_error", False),
    (504, None, None): (504, "timeout_error", False),
}


def test_documented_cases_are_the_expected_ones() -> None:
    """The docs' case lists are exactly the cases these tests pin down."""
    assert set(ANTHROPIC_CASES) == set(A2O_EXPECTED)
    assert set(OPENAI_CASES) == set(O2A_EXPECTED)


@pytest.mark.parametrize("case", ANTHROPIC_CASES, ids=str)
def test_anthropic_error_row(case: tuple[int, str, str | None]) -> None:
    """Each Anthropic status/type becomes the documented OpenAI status/type/code, message kept."""
    status, kind, code = case
    reply = anthropic_to_openai_error(status, anthropic_case_body(kind, code, MESSAGE)).value
    want_status, want_type, want_code, no_retry = A2O_EXPECTED[case]
    error = reply.body.error
    assert (reply.status, error.get("type"), error.get("code")) == (
        want_status,
        want_type,
        want_code,
    )
    assert error["message"] == MESSAGE
    assert (reply.headers.get("x-should-retry") == "false") is no_retry
    assert reply.headers["content-type"] == "application/json"


@pytest.mark.parametrize("case", OPENAI_CASES, ids=str)
def test_openai_error_row(case: tuple[int, str | None, str | None]) -> None:
    """Each OpenAI status/type/code becomes the documented Anthropic status/type, message kept."""
    status, kind, code = case
    reply = openai_to_anthropic_error(status, openai_case_body(kind, code, MESSAGE)).value
    want_status, want_type, no_retry = O2A_EXPECTED[case]
    assert (reply.status, reply.body.error["type"]) == (want_status, want_type)
    assert reply.body.type == "error"
    assert reply.body.error["message"] == MESSAGE
    assert (reply.headers.get("x-should-retry") == "false") is no_retry


@pytest.mark.parametrize("case", ANTHROPIC_CASES, ids=str)
def test_anthropic_error_round_trip(case: tuple[int, str, str | None]) -> None:
    """Anthropic -> OpenAI -> Anthropic gives back status, type, details and message."""
    status, kind, code = case
    body = anthropic_case_body(kind, code, MESSAGE)
    there = anthropic_to_openai_error(status, body).value
    back = openai_to_anthropic_error(there.status, there.body, there.headers)
    assert back.lossless
    assert back.value.status == status
    assert back.value.body.to_dict() == body


@pytest.mark.parametrize("case", OPENAI_CASES, ids=str)
def test_openai_error_round_trip(case: tuple[int, str | None, str | None]) -> None:
    """OpenAI -> Anthropic -> OpenAI gives back status, type, code, param and message."""
    status, kind, code = case
    body = openai_case_body(kind, code, MESSAGE)
    body["error"]["param"] = "messages"
    there = openai_to_anthropic_error(status, body).value
    back = anthropic_to_openai_error(there.status, there.body, there.headers)
    assert back.lossless
    assert back.value.status == status
    error = back.value.body.error
    assert error["message"] == MESSAGE
    assert error.get("param") == "messages"
    assert error.get("code") == code
    if kind is not None:
        assert error.get("type") == kind


def test_error_without_extensions_reports_what_it_cannot_carry() -> None:
    """With extensions=False, details and param are dropped and reported, never silently."""
    body = anthropic_case_body("rate_limit_error", "enforced_spend_limit_reached")
    result = anthropic_to_openai_error(429, body, extensions=False)
    assert "anthropic" not in result.value.body.error
    assert {loss.path for loss in result.losses} == {"error.type", "status", "error.details"}
    back = openai_to_anthropic_error(
        400, {"error": {"message": "m", "type": "x", "param": "p", "code": "c"}}, extensions=False
    )
    assert {loss.path for loss in back.losses} == {"error.type", "error.code", "error.param"}
    with pytest.raises(LossyConversionError):
        anthropic_to_openai_error(429, body, extensions=False, strict=True)


def test_fixture_and_corpus_style_errors_keep_their_message() -> None:
    """Recorded error bodies convert with their message, type and request id intact."""
    anthropic_body = _load("anthropic", "error_400_orphan_tool_result.json")
    reply = anthropic_to_openai_error(400, anthropic_body).value
    assert reply.body.error["message"] == anthropic_body["error"]["message"]
    assert reply.headers["x-request-id"] == anthropic_body["request_id"]
    openai_body = _load("openai", "error_401_invalid_api_key.json")
    back = openai_to_anthropic_error(401, json.dumps(openai_body).encode()).value
    assert back.body.error["type"] == "authentication_error"
    assert back.body.error["message"] == openai_body["error"]["message"]
    assert back.body.to_dict()["error"]["openai"] == {
        "type": "invalid_request_error",
        "code": "invalid_api_key",
    }
    server = openai_to_anthropic_error(500, _load("openai", "error_500_server_error.json")).value
    assert (server.status, server.body.error["type"]) == (500, "api_error")
    assert "openai" not in server.body.error


def test_request_id_moves_between_header_and_body() -> None:
    """request-id <-> x-request-id; OpenAI's header id also fills the Anthropic body's request_id."""
    reply = openai_to_anthropic_error(
        404, openai_case_body("invalid_request_error", None), {"X-Request-Id": "req_abc"}
    ).value
    assert reply.headers["request-id"] == "req_abc"
    assert reply.body.request_id == "req_abc"
    back = anthropic_to_openai_error(reply.status, reply.body, reply.headers).value
    assert back.headers["x-request-id"] == "req_abc"


def test_unknown_fields_of_an_error_are_reported() -> None:
    """Keys newer than this library are reported as unknown, not carried."""
    body = {"type": "error", "error": {"type": "api_error", "message": "m", "hint": "x"}, "n": 1}
    losses = anthropic_to_openai_error(500, body).losses
    assert {(loss.path, loss.kind) for loss in losses} == {
        ("error.hint", "unknown"),
        ("n", "unknown"),
    }


def test_unknown_anthropic_type_passes_through_and_back() -> None:
    """An error type newer than this library passes through to OpenAI and comes back exactly."""
    body = anthropic_case_body("quantum_error", None)
    there = anthropic_to_openai_error(418, body).value
    assert there.body.error["type"] == "quantum_error"
    assert openai_to_anthropic_error(there.status, there.body).value.body.to_dict() == body


def test_invalid_extension_values_are_ignored_and_reported() -> None:
    """A foreign 'anthropic'/'openai' object of the wrong shape never breaks the conversion."""
    body = {"error": {"message": "m", "type": "server_error", "anthropic": {"details": 5, "x": 1}}}
    result = openai_to_anthropic_error(500, body)
    assert "details" not in result.value.body.error
    assert {loss.path for loss in result.losses} == {
        "error.anthropic.details",
        "error.anthropic.x",
    }
    odd = {"type": "error", "error": {"type": "api_error", "message": "m", "openai": "nope"}}
    assert anthropic_to_openai_error(500, odd).losses[0].path == "error.openai"


# -- bodies that are not error objects ---------------------------------------------------------------

ODD_BODIES: list[tuple[Any, str]] = [
    (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "with a body that is not JSON"),
    (b"", "with an empty body"),
    ("   ", "with an empty body"),
    (None, "with an empty body"),
    (b"\xff\xfe\x00garbage", "with a body that is not JSON"),
    (memoryview(b"{not json"), "with a body that is not JSON"),
    (b"[1, 2, 3]", "with a JSON body that is not an error object"),
    (b'"just a string"', "with a JSON body that is not an error object"),
    (42, "with a JSON body that is not an error object"),
    ({"error": {"type": "api_error"}}, "with a JSON body that is not an error object"),
    ({"error": {"message": 5}}, "with a JSON body that is not an error object"),
]


@pytest.mark.parametrize(
    ("body", "text"),
    ODD_BODIES,
    ids=[
        "html",
        "empty",
        "blank",
        "none",
        "bad-utf8",
        "memoryview",
        "array",
        "string",
        "number",
        "no-message",
        "bad-message",
    ],
)
@pytest.mark.parametrize("direction", ["a2o", "o2a"])
def test_odd_bodies_give_a_generic_well_formed_error(body: Any, text: str, direction: str) -> None:
    """HTML, empty, non-UTF-8, non-object or message-less bodies still give a well-formed error."""
    if direction == "a2o":
        result = anthropic_to_openai_error(502, body)
        message = result.value.body.error["message"]
        oai.ErrorResponse.model_validate(result.value.body.to_dict())
    else:
        result2 = openai_to_anthropic_error(502, body)
        message = result2.value.body.error["message"]
        assert result2.value.body.error["type"] == "api_error"
        ant.ErrorResponse.model_validate(result2.value.body.to_dict())
    assert message == f"upstream returned HTTP 502 Bad Gateway {text}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"detail": "Not Found"}, "Not Found"),
        ({"message": "upstream timed out"}, "upstream timed out"),
        ({"error": "invalid_token", "error_description": "The token expired"}, "The token expired"),
        ({"error": "something broke"}, "something broke"),
        (b'{"detail": [{"loc": ["body"], "msg": "x"}]}', None),
    ],
)
def test_other_json_shapes_lend_their_own_message(body: Any, message: str | None) -> None:
    """A JSON body of another shape gives its own message string, and nothing else of it."""
    result = anthropic_to_openai_error(404, body)
    error = result.value.body.error
    expected = (
        message
        or "upstream returned HTTP 404 Not Found with a JSON body that is not an error object"
    )
    assert error["message"] == expected
    assert error["type"] == "not_found_error"
    assert set(error) == {"message", "type", "param", "code"}
    assert [loss.kind for loss in result.losses] == ["approximated"]


def test_a_nonstandard_status_gets_a_generic_message_without_a_phrase() -> None:
    """529 has no reason phrase; the generic message still names it."""
    reply = anthropic_to_openai_error(529, b"").value
    assert reply.status == 503
    assert reply.body.error["message"] == "upstream returned HTTP 529 with an empty body"
    assert reply.body.error["type"] == "service_unavailable_error"


def test_bodies_from_sdk_models_are_read_by_their_wire_form() -> None:
    """Our own models and the official SDKs' pydantic models are accepted as bodies."""
    ours = ant.ErrorResponse.model_validate(anthropic_case_body("api_error", None, MESSAGE))
    assert anthropic_to_openai_error(500, ours).value.body.error["message"] == MESSAGE
    theirs = openai.types.ErrorObject(message=MESSAGE, type="server_error", param=None, code=None)
    reply = openai_to_anthropic_error(500, {"error": theirs.model_dump()}).value
    assert reply.body.error["message"] == MESSAGE


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: anthropic_to_openai_error(200, {}), "status"),
        (lambda: anthropic_to_openai_error(600, {}), "status"),
        (lambda: anthropic_to_openai_error(399, {}), "status"),
        (lambda: anthropic_to_openai_error("500", {}), "status"),  # type: ignore[arg-type]
        (lambda: anthropic_to_openai_error(True, {}), "status"),
        (lambda: openai_to_anthropic_error(500, {}, 5), "headers"),  # type: ignore[arg-type]
        (lambda: openai_to_anthropic_error(500, {}, {"a": 1}), "header"),  # type: ignore[arg-type]
        (lambda: openai_to_anthropic_error(500, {}, [("a",)]), "pairs"),  # type: ignore[list-item]
        (lambda: openai_to_anthropic_error(500, {}, "a: b"), "headers"),  # type: ignore[arg-type]
        (lambda: openai_to_anthropic_error(500, {1, 2}), "error body"),
        (lambda: openai_to_anthropic_error(500, {}, now=datetime(2026, 1, 1)), "timezone"),
        (lambda: openai_to_anthropic_error(500, {}, redact=[5]), "redact"),  # type: ignore[list-item]
        (lambda: openai_to_anthropic_error(500, {}, passthrough="x-a"), "passthrough"),
        (lambda: openai_to_anthropic_error(500, {}, passthrough=["bad name"]), "header name"),
    ],
)
def test_bad_arguments_are_invalid_input(call: Callable[[], object], match: str) -> None:
    """Only bad arguments (never upstream bytes) raise InvalidInputError."""
    with pytest.raises(InvalidInputError, match=match):
        call()


# -- secrets ---------------------------------------------------------------------------------------


def test_a_key_in_the_message_is_redacted_everywhere() -> None:
    """The exact key from the headers never appears in the converted body or other headers."""
    body = {
        "type": "error",
        "error": {
            "type": "authentication_error",
            "message": f"invalid x-api-key: {KEY}",
            "details": {"error_code": "bad_key", "paths": [KEY]},
        },
    }
    headers = {"x-api-key": KEY, "request-id": f"req_{KEY}", "Authorization": f"Bearer {KEY}"}
    reply = anthropic_to_openai_error(401, body, headers).value
    text = reply.body.to_json().decode()
    assert KEY not in text
    assert "invalid x-api-key: [redacted]" in text
    assert all(KEY not in value for value in reply.headers.values())
    assert "x-request-id" not in reply.headers


def test_redact_scrubs_strings_the_headers_do_not_show() -> None:
    """``redact=`` names the credentials a gateway knows from the request."""
    body = {"error": {"message": f"Incorrect API key provided: {KEY}.", "type": "x"}}
    reply = openai_to_anthropic_error(401, body, redact=[KEY]).value
    assert reply.body.error["message"] == "Incorrect API key provided: [redacted]."
    assert KEY not in reply.body.to_json().decode()


def test_short_credentials_are_not_searched_for() -> None:
    """A credential shorter than 8 characters would match ordinary words: it is left alone."""
    reply = openai_to_anthropic_error(401, {"error": {"message": "bad key"}}, {"x-api-key": "key"})
    assert reply.value.body.error["message"] == "bad key"


@pytest.mark.parametrize("auth", ["x-api-key", "bearer"])
def test_request_key_goes_only_into_the_auth_header_of_the_scheme(
    auth: Literal["x-api-key", "bearer"],
) -> None:
    """OpenAI Bearer -> Anthropic x-api-key (or Bearer by option), and nowhere else."""
    headers = {
        "Authorization": f"Bearer {KEY}",
        "X-Trace": f"trace-{KEY}",
        "OpenAI-Organization": "org-1",
        "Connection": "keep-alive",
        "Content-Length": "12",
    }
    result = openai_to_anthropic_request_headers(
        headers, anthropic_auth=auth, passthrough=["x-trace"]
    )
    out = result.value
    if auth == "bearer":
        assert out["authorization"] == f"Bearer {KEY}"
        assert "x-api-key" not in out
    else:
        assert out["x-api-key"] == KEY
        assert "authorization" not in out
    holders = [name for name, value in out.items() if KEY in value]
    assert len(holders) == 1
    assert out["anthropic-version"] == "2023-06-01"
    assert out["content-type"] == "application/json"
    assert "connection" not in out
    assert "content-length" not in out
    assert {loss.path for loss in result.losses} == {
        "headers.openai-organization",
        "headers.x-trace",
    }


def test_anthropic_request_keys_become_one_bearer_header() -> None:
    """x-api-key (preferred) or Bearer -> OpenAI's Authorization: Bearer."""
    out = anthropic_to_openai_request_headers({"x-api-key": KEY}).value
    assert out == {"authorization": f"Bearer {KEY}", "content-type": "application/json"}
    out = anthropic_to_openai_request_headers({"authorization": f"bearer {KEY}"}).value
    assert out["authorization"] == f"Bearer {KEY}"
    both = anthropic_to_openai_request_headers(
        {"x-api-key": KEY, "authorization": "Bearer other-key-1"}
    )
    assert both.value["authorization"] == f"Bearer {KEY}"
    assert [loss.path for loss in both.losses] == ["headers.authorization"]


def test_request_headers_options_and_drops() -> None:
    """anthropic-version/beta come from options; beta/workspace/org headers are reported."""
    out = openai_to_anthropic_request_headers(
        {"openai-project": "p"},
        anthropic_version="2026-10-21",
        anthropic_beta=["files-api-2025-04-14", "context-1m-2025-08-07"],
        api_key="gateway-key-123",
    )
    assert out.value == {
        "x-api-key": "gateway-key-123",
        "anthropic-version": "2026-10-21",
        "anthropic-beta": "files-api-2025-04-14,context-1m-2025-08-07",
        "content-type": "application/json",
    }
    assert [loss.path for loss in out.losses] == ["headers.openai-project"]
    back = anthropic_to_openai_request_headers(
        {"anthropic-version": "2023-06-01", "anthropic-beta": "x", "anthropic-workspace-id": "w"}
    )
    assert back.value == {"content-type": "application/json"}
    assert {loss.path for loss in back.losses} == {
        "headers.anthropic-beta",
        "headers.anthropic-workspace-id",
    }


def test_non_bearer_credentials_are_never_moved() -> None:
    """A Basic credential has no counterpart: dropped and reported, never placed anywhere."""
    result = openai_to_anthropic_request_headers({"authorization": "Basic dXNlcjpwYXNz"})
    assert "x-api-key" not in result.value
    assert "dXNlcjpwYXNz" not in json.dumps(result.value)
    assert [loss.path for loss in result.losses] == ["headers.authorization"]
    back = anthropic_to_openai_request_headers({"authorization": "Basic dXNlcjpwYXNz"})
    assert "authorization" not in back.value


@pytest.mark.parametrize(
    "call",
    [
        lambda: openai_to_anthropic_request_headers({}, api_key="bad\nkey"),
        lambda: openai_to_anthropic_request_headers({}, anthropic_beta="a,b"),
        lambda: openai_to_anthropic_request_headers({}, anthropic_beta=["a b"]),
    ],
)
def test_bad_request_header_arguments(call: Callable[[], object]) -> None:
    """A key with a line break or a malformed beta list is a bad argument."""
    with pytest.raises(InvalidInputError):
        call()


# -- response headers -------------------------------------------------------------------------------

ANTHROPIC_HEADERS = {
    "Request-Id": "req_011CV5Jab6gR3ZNs9Sj6apiD",
    "retry-after": "7",
    "retry-after-ms": "6500",
    "anthropic-ratelimit-requests-limit": "50",
    "anthropic-ratelimit-requests-remaining": "0",
    "anthropic-ratelimit-requests-reset": "2026-01-01T12:00:07Z",
    "anthropic-ratelimit-tokens-limit": "40000",
    "anthropic-ratelimit-tokens-remaining": "39000",
    "anthropic-ratelimit-tokens-reset": "2026-01-01T12:06:00.012Z",
    "anthropic-ratelimit-input-tokens-reset": "2026-01-01T12:00:01Z",
    "anthropic-organization-id": "org-uuid",
    "connection": "close",
    "transfer-encoding": "chunked",
    "content-length": "123",
    "cf-ray": "abc",
}
OPENAI_HEADERS = {
    "x-request-id": "req_011CV5Jab6gR3ZNs9Sj6apiD",
    "retry-after": "7",
    "retry-after-ms": "6500",
    "x-ratelimit-limit-requests": "50",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-reset-requests": "7s",
    "x-ratelimit-limit-tokens": "40000",
    "x-ratelimit-remaining-tokens": "39000",
    "x-ratelimit-reset-tokens": "6m0.012s",
    "anthropic-ratelimit-input-tokens-reset": "2026-01-01T12:00:01Z",
}


def test_anthropic_response_headers_become_openai_ones() -> None:
    """request-id, retry hints and rate limits map; resets become durations from now."""
    result = anthropic_to_openai_headers(ANTHROPIC_HEADERS, now=NOW)
    assert result.lossless
    assert result.value == OPENAI_HEADERS


def test_openai_response_headers_become_anthropic_ones() -> None:
    """The inverse mapping: durations become RFC 3339 times from now."""
    result = openai_to_anthropic_headers(OPENAI_HEADERS, now=NOW)
    assert result.lossless
    expected = {k.lower(): v for k, v in ANTHROPIC_HEADERS.items()}
    for name in (
        "anthropic-organization-id",
        "connection",
        "transfer-encoding",
        "content-length",
        "cf-ray",
    ):
        del expected[name]
    assert result.value == expected


def test_reset_conversion_needs_now_and_rejects_garbage() -> None:
    """A reset header without now is an argument error; an unreadable reset is reported."""
    with pytest.raises(InvalidInputError, match="now"):
        openai_to_anthropic_headers({"x-ratelimit-reset-tokens": "1s"})
    result = openai_to_anthropic_headers({"x-ratelimit-reset-tokens": "soon"}, now=NOW)
    assert result.value == {}
    assert [(loss.path, loss.kind) for loss in result.losses] == [
        ("headers.x-ratelimit-reset-tokens", "dropped")
    ]
    assert anthropic_to_openai_headers({"x": "y"}).value == {}


def test_past_resets_are_zero_and_offsets_are_understood() -> None:
    """A reset in the past is 0s; an RFC 3339 offset is honoured."""
    out = anthropic_to_openai_headers(
        {
            "anthropic-ratelimit-requests-reset": "2025-12-31T00:00:00Z",
            "anthropic-ratelimit-tokens-reset": "2026-01-01T13:00:30+01:00",
        },
        now=NOW,
    ).value
    assert out == {"x-ratelimit-reset-requests": "0s", "x-ratelimit-reset-tokens": "30s"}


def test_header_injection_is_impossible() -> None:
    """A value with CR/LF or non-ASCII characters is dropped and reported, never copied."""
    result = anthropic_to_openai_headers(
        {"request-id": "req_1\r\nset-cookie: a=b", "retry-after": "5\u00a0"}, passthrough=["cf-ray"]
    )
    assert result.value == {}
    assert {loss.path for loss in result.losses} == {"headers.request-id", "headers.retry-after"}


def test_passthrough_copies_named_headers_but_never_forbidden_ones() -> None:
    """passthrough copies verbatim, except hop-by-hop, length, host and credential headers."""
    headers = {"X-Trace-Id": "t-1", "Connection": "close", "Host": "h", "x-api-key": KEY}
    out = anthropic_to_openai_headers(
        headers, passthrough=["x-trace-id", "connection", "host", "x-api-key"]
    ).value
    assert out == {"x-trace-id": "t-1"}


def test_no_retry_errors_lose_their_retry_after() -> None:
    """Billing and spend-cap replies say x-should-retry: false and carry no retry-after."""
    headers = {"retry-after": "30", "retry-after-ms": "30000", "x-should-retry": "true"}
    reply = anthropic_to_openai_error(
        402, anthropic_case_body("billing_error", None), headers
    ).value
    assert reply.headers == {"content-type": "application/json", "x-should-retry": "false"}
    back = openai_to_anthropic_error(
        429, openai_case_body("insufficient_quota", "insufficient_quota"), headers
    ).value
    assert back.headers == {"content-type": "application/json", "x-should-retry": "false"}


@pytest.mark.parametrize(
    ("text", "millis"),
    [
        ("0", 0),
        ("0s", 0),
        ("1s", 1000),
        ("12ms", 12),
        ("6m0s", 360_000),
        ("1h2m3.5s", 3_723_500),
        ("1.5", 1500),
        ("500us", 0.5),
        ("2µs", 0.002),
        ("1m1m", 120_000),
    ],
)
def test_go_durations_parse(text: str, millis: float) -> None:
    """Go duration syntax (and bare seconds) parses to the exact duration."""
    parsed = _time.parse_duration(text)
    assert parsed == timedelta(milliseconds=millis)


@pytest.mark.parametrize("text", ["", "s", "-1s", "1d", "1 s", "9" * 40 + "h", "1.2.3s", "h1s"])
def test_non_durations_are_rejected(text: str) -> None:
    """Anything else (negative, unknown unit, absurdly long) is not a duration."""
    assert _time.parse_duration(text) is None


@pytest.mark.parametrize(
    ("millis", "text"),
    [
        (0, "0s"),
        (1, "1ms"),
        (999, "999ms"),
        (1000, "1s"),
        (60_000, "1m0s"),
        (3_723_500, "1h2m3.5s"),
    ],
)
def test_durations_print_as_go_prints_them(millis: int, text: str) -> None:
    """Durations print in Go's form, to the millisecond."""
    assert _time.format_duration(timedelta(milliseconds=millis)) == text


def test_rfc3339_parse_and_format() -> None:
    """RFC 3339 times parse with offsets and fractions; odd ones are rejected."""
    assert _time.parse_rfc3339("2026-01-01T12:00:00.5+02:00") == datetime(
        2026, 1, 1, 10, 0, 0, 500_000, tzinfo=timezone.utc
    )
    for bad in (
        "2026-13-01T00:00:00Z",
        "2026-01-01",
        "2026-01-01T00:00:60Z",
        "x",
        "2026-01-01T00:00:00+24:00",
    ):
        assert _time.parse_rfc3339(bad) is None
    assert _time.format_rfc3339(datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=1)))) == (
        "2025-12-31T23:00:00Z"
    )


def test_absurd_durations_are_dropped_not_crashing() -> None:
    """A duration that ends after the year 9999 is reported, not an OverflowError."""
    result = openai_to_anthropic_headers(
        {"x-ratelimit-reset-tokens": "87000h"}, now=datetime(9999, 1, 1, tzinfo=timezone.utc)
    )
    assert result.value == {}
    assert len(result.losses) == 1


# -- mid-stream errors --------------------------------------------------------------------------------


def test_anthropic_error_event_becomes_an_openai_error_chunk() -> None:
    """An Anthropic error event maps by type only; the request id rides in the extension."""
    event = {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
        "request_id": "req_9",
    }
    chunk = openai_stream_error(event).value
    assert chunk.to_dict() == {
        "error": {
            "message": "Overloaded",
            "type": "service_unavailable_error",
            "param": None,
            "code": "server_is_overloaded",
            "anthropic": {"request_id": "req_9"},
        }
    }
    back = anthropic_stream_error(chunk).value
    assert back.to_dict() == event
    assert back.sse_event_name() == "error"


def test_stream_errors_accept_server_sent_events_and_report_into_a_list() -> None:
    """SSE events are read by their data; the result reports its losses."""
    sse = ServerSentEvent(
        event="error", data='{"type":"error","error":{"type":"api_error","message":"x"}}'
    )
    assert openai_stream_error(sse).value.error == {
        "message": "x",
        "type": "server_error",
        "param": None,
        "code": None,
    }
    event = anthropic_stream_error(
        ServerSentEvent(data='{"error": {"message": "boom", "param": "p"}}'), extensions=False
    )
    assert event.value.error == {"type": "api_error", "message": "boom"}
    assert [loss.path for loss in event.losses] == ["error.param"]
    with pytest.raises(LossyConversionError):
        anthropic_stream_error(
            {"error": {"message": "boom", "param": "p"}}, extensions=False, strict=True
        )


@pytest.mark.parametrize(
    ("chunk", "kind"),
    [
        ({"error": {"message": "m", "type": "server_error"}}, "api_error"),
        ({"error": {"message": "m", "type": "invalid_request_error"}}, "invalid_request_error"),
        (
            {"error": {"message": "m", "type": "tokens", "code": "rate_limit_exceeded"}},
            "rate_limit_error",
        ),
        ({"error": {"message": "m", "code": "insufficient_quota"}}, "billing_error"),
        ({"error": {"message": "m", "code": 502}}, "api_error"),
        ({"error": {"message": "m", "type": "overloaded_error"}}, "overloaded_error"),
        (b"data: nonsense", "api_error"),
    ],
)
def test_openai_error_chunk_types(chunk: Any, kind: str) -> None:
    """Without a status, the OpenAI type (or code) alone decides the Anthropic type."""
    assert anthropic_stream_error(chunk).value.error["type"] == kind


def test_a_garbage_stream_error_still_gives_an_error_event() -> None:
    """A non-error payload in an error event gives a generic, well-formed error."""
    chunk = openai_stream_error(b"\x00\x01").value
    assert (
        chunk.error["message"]
        == "the upstream stream sent an error event with a body that is not JSON"
    )


# -- model lists --------------------------------------------------------------------------------------


def test_anthropic_model_list_becomes_openai() -> None:
    """id/created_at/type map; display_name and capabilities ride in 'anthropic'; pages keep names."""
    body = _load("anthropic", "docs_models_list_capabilities.json")
    result = anthropic_to_openai_model_list(body)
    assert result.lossless
    out = result.value.to_dict()
    model = out["data"][0]
    assert (model["id"], model["object"], model["owned_by"]) == (
        "claude-opus-4-6",
        "model",
        "anthropic",
    )
    assert model["created"] == int(datetime(2026, 2, 4, tzinfo=timezone.utc).timestamp())
    assert model["anthropic"]["display_name"] == "Claude Opus 4.6"
    assert "created_at" not in model["anthropic"]
    assert (out["object"], out["has_more"], out["first_id"], out["last_id"]) == (
        "list",
        True,
        "first_id",
        "last_id",
    )
    back = openai_to_anthropic_model_list(result.value)
    assert back.lossless
    assert back.value.to_dict() == ant.ModelList.model_validate(body).to_dict()


def test_openai_model_list_becomes_anthropic() -> None:
    """created becomes RFC 3339; owned_by rides in 'openai'; display_name defaults to the id."""
    body = _load("openai", "docs_models_list.json")
    result = openai_to_anthropic_model_list(body)
    out = result.value.to_dict()
    assert out["data"][0] == {
        "type": "model",
        "id": "model-id-0",
        "created_at": "2023-06-16T17:03:22Z",
        "display_name": "model-id-0",
        "openai": {"owned_by": "organization-owner"},
    }
    assert (out["has_more"], out["first_id"], out["last_id"]) == (False, "model-id-0", "model-id-2")
    assert [(loss.path, loss.kind) for loss in result.losses] == [
        (f"data[{i}].display_name", "defaulted") for i in range(3)
    ]
    back = anthropic_to_openai_model_list(result.value)
    assert back.value.data == oai.ModelList.model_validate(body).data


def test_model_lists_without_extensions_report_each_key() -> None:
    """With extensions=False, every key without a counterpart is reported."""
    body = _load("openai", "docs_models_list.json")
    result = openai_to_anthropic_model_list(body, extensions=False)
    assert "openai" not in result.value.data[0]
    assert "data[0].owned_by" in {loss.path for loss in result.losses}


def test_model_times_that_do_not_survive_are_carried_or_reported() -> None:
    """A fractional created_at is carried exactly; an unreadable one gives created 0 (reported)."""
    model = {
        "type": "model",
        "id": "m",
        "display_name": "M",
        "created_at": "2026-01-01T00:00:00.5Z",
    }
    body = {"data": [model, {**model, "created_at": "yesterday"}], "has_more": False}
    result = anthropic_to_openai_model_list(body)
    first, second = result.value.data
    assert first["created"] == int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp())
    assert result.value.to_dict()["data"][0]["anthropic"]["created_at"] == "2026-01-01T00:00:00.5Z"
    assert second["created"] == 0
    assert [loss.path for loss in result.losses] == ["data[1].created_at"]
    back = openai_to_anthropic_model_list(result.value)
    assert [m["created_at"] for m in back.value.data] == ["2026-01-01T00:00:00.5Z", "yesterday"]


def test_an_empty_openai_list_is_an_empty_page() -> None:
    """No models: no first/last id, has_more false."""
    out = openai_to_anthropic_model_list(b'{"object":"list","data":[]}').value.to_dict()
    assert out == {"data": [], "has_more": False, "first_id": None, "last_id": None}


def test_unrepresentable_created_is_the_epoch() -> None:
    """A created far outside the calendar is reported, not an OverflowError."""
    body = {
        "object": "list",
        "data": [{"id": "m", "object": "model", "created": 10**15, "owned_by": "o"}],
    }
    result = openai_to_anthropic_model_list(body)
    assert result.value.data[0]["created_at"] == "1970-01-01T00:00:00Z"
    assert "data[0].created" in {loss.path for loss in result.losses}


def test_invalid_model_lists_are_invalid_input() -> None:
    """A model list that is not one is an argument error (it is the caller's success body)."""
    with pytest.raises(InvalidInputError):
        anthropic_to_openai_model_list({"data": "nope"})
    with pytest.raises(InvalidInputError):
        openai_to_anthropic_model_list(b"<html>")


# -- docs and tables ----------------------------------------------------------------------------------


def test_docs_mapping_holds_the_error_and_header_tables() -> None:
    """docs/mapping.md (enforced equal to its render in test_fates) holds this render, headings
    one level down (regenerate: python docs/render.py > docs/mapping.md)."""
    committed = (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")
    assert errors_section() in committed
    assert "## Errors, headers and model lists" in committed
    assert "### Status and type" in committed
    assert "### Headers" in committed


def test_every_carried_key_has_a_fate_row() -> None:
    """Each extension key the error code may report names an existing fate row."""
    for rows, table in ((_bodies._A2O_ROWS, A2O_ERROR), (_bodies._O2A_ROWS, O2A_ERROR)):
        for row, _ in rows.values():
            assert table.row(row.field) is row
    for table in (
        A2O_RESPONSE_HEADERS,
        O2A_RESPONSE_HEADERS,
        A2O_REQUEST_HEADERS,
        O2A_REQUEST_HEADERS,
        A2O_MODELS,
        O2A_MODELS,
    ):
        assert "(bad value)" in table or table in (A2O_MODELS, O2A_MODELS)


def test_error_reply_is_a_frozen_value() -> None:
    """ErrorReply is an immutable value object."""
    reply = anthropic_to_openai_error(500, b"").value
    assert isinstance(reply, ErrorReply)
    with pytest.raises(AttributeError):
        reply.status = 400  # type: ignore[misc]


# -- oracles: the official SDKs ---------------------------------------------------------------------


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


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Capture the SDKs' retry delays instead of sleeping (both call time.sleep)."""
    captured: list[float] = []
    monkeypatch.setattr(time, "sleep", captured.append)
    return captured


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
