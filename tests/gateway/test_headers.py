"""Request and response headers: credentials, rate limits and their resets, injection, passthrough."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal

import pytest
from render_errors import (
    anthropic_case_body,
    openai_case_body,
)

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.gateway import (
    _time,
    anthropic_to_openai_error,
    anthropic_to_openai_headers,
    anthropic_to_openai_request_headers,
    openai_to_anthropic_error,
    openai_to_anthropic_headers,
    openai_to_anthropic_request_headers,
)

if TYPE_CHECKING:
    from collections.abc import Callable


from .common import KEY, NOW

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


# -- fields named in Connection (RFC 9110 7.6.1) -------------------------------------------------------


def _hop_losses(losses: Any) -> set[str]:
    return {loss.path for loss in losses if "Connection" in loss.detail}


def test_response_headers_named_in_connection_are_never_copied() -> None:
    """A field the Connection header names is dropped even when mapped (retry-after) or named in
    passthrough (x-trace), and reported; Connection itself is never copied."""
    headers = {
        "Connection": "X-Trace, Retry-After",
        "x-trace": "t-1",
        "retry-after": "7",
        "request-id": "req_1",
        "x-other": "o",
    }
    for convert in (anthropic_to_openai_headers, openai_to_anthropic_headers):
        result = convert(headers, passthrough=["x-trace", "connection", "x-other"])
        assert "x-trace" not in result.value
        assert "retry-after" not in result.value
        assert "connection" not in result.value
        assert result.value["x-other"] == "o"
        assert _hop_losses(result.losses) == {"headers.x-trace", "headers.retry-after"}


def test_every_connection_line_counts() -> None:
    """Connection given on several lines (pairs) names the fields of all of them, any case."""
    pairs = [("Connection", "x-a"), ("x-a", "1"), ("x-b", "2"), ("CONNECTION", " X-B ,")]
    out = anthropic_to_openai_headers(pairs, passthrough=["x-a", "x-b"]).value
    assert out == {}


def test_request_headers_named_in_connection_are_never_copied() -> None:
    """Request headers: a passthrough field or even the client's credential named in Connection
    is not forwarded (reported); a key passed as api_key still is, and the named credential is
    still scrubbed from everything else."""
    headers = {
        "authorization": f"Bearer {KEY}",
        "x-api-key": KEY,
        "connection": "x-trace, authorization, x-api-key, openai-organization",
        "x-trace": "t",
        "openai-organization": "org",
    }
    o2a = openai_to_anthropic_request_headers(headers, passthrough=["x-trace"])
    assert o2a.value == {"anthropic-version": "2023-06-01", "content-type": "application/json"}
    assert _hop_losses(o2a.losses) == {
        "headers.authorization",
        "headers.openai-organization",
        "headers.x-trace",
    }
    a2o = anthropic_to_openai_request_headers(headers, passthrough=["x-trace"], api_key="sk-gw-1")
    assert a2o.value == {"authorization": "Bearer sk-gw-1", "content-type": "application/json"}
    assert _hop_losses(a2o.losses) == {
        "headers.authorization",
        "headers.x-api-key",
        "headers.x-trace",
    }
    for result in (o2a, a2o):
        assert all(KEY not in str(loss) for loss in result.losses)


def test_error_replies_drop_headers_named_in_connection() -> None:
    """The error-reply functions apply the same rule to the headers they convert."""
    headers = {"connection": "retry-after, x-trace", "retry-after": "5", "x-trace": "t"}
    reply = anthropic_to_openai_error(429, anthropic_case_body("rate_limit_error", None), headers)
    assert reply.value.headers == {"content-type": "application/json"}
    assert _hop_losses(reply.losses) == {"headers.retry-after"}
    back = openai_to_anthropic_error(
        429, openai_case_body("rate_limit_error", None), headers, passthrough=["x-trace"]
    )
    assert back.value.headers == {"content-type": "application/json"}
    assert _hop_losses(back.losses) == {"headers.retry-after", "headers.x-trace"}


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
