"""Properties of error, header and model-list conversion: garbage in, a well-formed error out."""

from __future__ import annotations

import json
import re
import string
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.gateway import (
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
from ruapi_convert.gateway._vocab import (
    CARRIED_RATE_LIMIT_HEADERS,
    RATE_LIMIT_ANTHROPIC_TO_OPENAI,
    RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI,
)
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.testing import (
    anthropic_errors,
    anthropic_model_lists,
    openai_errors,
    openai_model_lists,
)

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.property

NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
SAFE_VALUE = re.compile(r"[\t\x20-\x7e]*")
TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9a-z]+")

# source header -> output header, per direction (what the mapping says a value may become)
A2O_NAMES = {
    **{k: m.value for k, m in RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI.items()},
    **{k: m.value for k, m in RATE_LIMIT_ANTHROPIC_TO_OPENAI.items()},
    **{k: k for k in CARRIED_RATE_LIMIT_HEADERS},
}
O2A_NAMES = {
    **{m.value: k for k, m in RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI.items()},
    **{m.value: k for k, m in RATE_LIMIT_ANTHROPIC_TO_OPENAI.items()},
    **{k: k for k in CARRIED_RATE_LIMIT_HEADERS},
}
KNOWN_NAMES = sorted(
    {
        *A2O_NAMES,
        *O2A_NAMES,
        "authorization",
        "x-api-key",
        "connection",
        "content-length",
        "transfer-encoding",
        "openai-organization",
        "anthropic-beta",
    }
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
error_like = st.fixed_dictionaries(
    {
        "error": st.fixed_dictionaries(
            {},
            optional={
                "message": json_values,
                "type": json_values,
                "code": json_values,
                "details": json_values,
                "anthropic": json_values,
                "openai": json_values,
            },
        )
    },
    optional={
        "type": json_values,
        "request_id": json_values,
        "detail": json_values,
        "message": json_values,
    },
)
bodies = st.one_of(
    st.binary(max_size=200),
    json_values,
    json_values.map(json.dumps),
    json_values.map(lambda v: json.dumps(v).encode()),
    error_like,
    error_like.map(lambda v: json.dumps(v).encode()),
    anthropic_errors(),
    openai_errors(),
)
statuses = st.one_of(
    st.integers(min_value=-5, max_value=1000),
    st.sampled_from([400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529]),
)
header_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["7", "1500", "true", "false", "6m0s", "12ms", "2026-01-01T12:00:07Z", "req_1"]
    ),
)
header_maps = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_NAMES), st.text(max_size=12)), header_values, max_size=8
)
secrets = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=24, max_size=48)


def _well_formed_headers(headers: dict[str, str]) -> None:
    for name, value in headers.items():
        assert TOKEN.fullmatch(name), name
        assert SAFE_VALUE.fullmatch(value), value


def _provenance(
    out: dict[str, str], given: dict[str, str], names: dict[str, str], body: Any = None
) -> None:
    """Every output value came from the input header the mapping names for it (or is our own)."""
    inputs = {k.strip(" \t").lower(): v for k, v in given.items()}
    sources = {target: source for source, target in names.items()}
    for name, value in out.items():
        if name == "content-type":
            assert value == "application/json"
            continue
        if name == "x-should-retry" and value == "false":
            continue
        if name == "x-request-id" and value == _body_request_id(body):
            continue  # the one header made from the body: Anthropic's request_id
        source = sources[name]
        assert source in inputs, (name, value)
        if name in CARRIED_RATE_LIMIT_HEADERS or "reset" not in name:
            assert value == inputs[source].strip(" \t")
        elif name.startswith("x-"):
            assert _time.parse_duration(value) is not None
        else:
            assert _time.parse_rfc3339(value) is not None


def _body_request_id(body: Any) -> Any:
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    return body.get("request_id") if isinstance(body, dict) else None


@given(status=statuses, body=bodies, headers=header_maps)
def test_anthropic_errors_give_a_well_formed_openai_error(
    status: int, body: Any, headers: dict[str, str]
) -> None:
    """Any status, body and headers: a valid OpenAI error reply, or InvalidInputError for a bad status."""
    try:
        result = anthropic_to_openai_error(status, body, headers, now=NOW)
    except InvalidInputError:
        assert not 400 <= status <= 599
        return
    reply = result.value
    assert 400 <= reply.status <= 599
    wire = json.loads(reply.body.to_json())
    assert oai.ErrorResponse.model_validate(wire).to_dict() == wire
    assert isinstance(wire["error"]["message"], str)
    _well_formed_headers(reply.headers)
    _provenance(reply.headers, headers, A2O_NAMES, body)


@given(status=statuses, body=bodies, headers=header_maps)
def test_openai_errors_give_a_well_formed_anthropic_error(
    status: int, body: Any, headers: dict[str, str]
) -> None:
    """Any status, body and headers: a valid Anthropic error reply, or InvalidInputError for a bad status."""
    try:
        result = openai_to_anthropic_error(status, body, headers, now=NOW)
    except InvalidInputError:
        assert not 400 <= status <= 599
        return
    reply = result.value
    assert 400 <= reply.status <= 599
    wire = json.loads(reply.body.to_json())
    assert ant.ErrorResponse.model_validate(wire).to_dict() == wire
    assert wire["type"] == "error"
    _well_formed_headers(reply.headers)
    _provenance(reply.headers, headers, O2A_NAMES)


@given(body=bodies)
def test_stream_errors_are_always_well_formed(body: Any) -> None:
    """Any payload in an error event gives a valid error chunk/event, never an exception."""
    chunk = openai_stream_error(body).value
    oai.ErrorResponse.model_validate(json.loads(chunk.to_json()))
    event = anthropic_stream_error(body).value
    assert ant.ErrorEvent.model_validate(json.loads(event.to_json())).type == "error"


@given(
    status=statuses.filter(lambda s: 400 <= s <= 599), body=bodies, key=secrets, headers=header_maps
)
def test_a_key_never_leaks_from_an_error(
    status: int, body: Any, key: str, headers: dict[str, str]
) -> None:
    """A key from the auth headers appears in no output: not in the body text, not in any header."""
    salted = {
        **headers,
        "x-api-key": key,
        "authorization": f"Bearer {key}",
        "request-id": f"r-{key}",
    }
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = {**body, "error": {**body["error"], "message": f"bad key {key}"}}
    for convert in (anthropic_to_openai_error, openai_to_anthropic_error):
        reply = convert(status, body, salted, now=NOW).value
        assert key not in reply.body.to_json().decode()
        assert all(key not in v for v in reply.headers.values())


@given(headers=header_maps, key=secrets, bearer=st.booleans())
def test_request_key_lands_only_in_the_auth_header(
    headers: dict[str, str], key: str, bearer: bool
) -> None:
    """Request conversion puts the key in exactly one header, of the target's scheme."""
    given_headers = {**headers, "authorization": f"Bearer {key}", "x-trace": key}
    auth: Literal["bearer", "x-api-key"] = "bearer" if bearer else "x-api-key"
    out = openai_to_anthropic_request_headers(
        given_headers, anthropic_auth=auth, passthrough=["x-trace"]
    ).value
    _well_formed_headers(out)
    holders = {name: value for name, value in out.items() if key in value}
    assert holders == ({"authorization": f"Bearer {key}"} if bearer else {"x-api-key": key})
    back = anthropic_to_openai_request_headers(
        {**headers, "x-api-key": key, "x-trace": key}, passthrough=["x-trace"]
    ).value
    _well_formed_headers(back)
    assert {name: value for name, value in back.items() if key in value} == {
        "authorization": f"Bearer {key}"
    }


@given(headers=header_maps)
def test_response_headers_follow_the_mapping(headers: dict[str, str]) -> None:
    """Response headers: only mapped names, each value from its mapped source."""
    for convert, names in (
        (anthropic_to_openai_headers, A2O_NAMES),
        (openai_to_anthropic_headers, O2A_NAMES),
    ):
        out = convert(headers, now=NOW).value
        _well_formed_headers(out)
        _provenance(out, headers, names)


@given(body=anthropic_errors(), status=statuses.filter(lambda s: 400 <= s <= 599))
def test_anthropic_errors_round_trip(body: dict[str, Any], status: int) -> None:
    """Anthropic -> OpenAI -> Anthropic gives back status, type, details and message."""
    there = anthropic_to_openai_error(status, body).value
    back = openai_to_anthropic_error(there.status, there.body, there.headers).value
    assert back.status == status
    assert back.body.error == body["error"]
    assert back.body.request_id == body.get("request_id")


@given(body=openai_errors(), status=statuses.filter(lambda s: 400 <= s <= 599))
def test_openai_errors_round_trip(body: dict[str, Any], status: int) -> None:
    """OpenAI -> Anthropic -> OpenAI gives back status, message, and type/code/param when set."""
    there = openai_to_anthropic_error(status, body).value
    back = anthropic_to_openai_error(there.status, there.body, there.headers).value
    assert back.status == status
    error, original = back.body.error, body["error"]
    assert error["message"] == original["message"]
    for key in ("type", "code", "param"):
        if original.get(key) is not None:
            assert error.get(key) == original[key]


@given(millis=st.integers(min_value=0, max_value=10**9))
def test_reset_durations_survive_the_round_trip(millis: int) -> None:
    """A duration becomes a time and back to the same duration (same now)."""
    duration = _time.format_duration(timedelta(milliseconds=millis))
    there = openai_to_anthropic_headers({"x-ratelimit-reset-tokens": duration}, now=NOW).value
    back = anthropic_to_openai_headers(there, now=NOW).value
    assert back == {"x-ratelimit-reset-tokens": duration}


@given(body=anthropic_model_lists())
def test_anthropic_model_lists_round_trip(body: dict[str, Any]) -> None:
    """Anthropic -> OpenAI -> Anthropic model lists are the identity, except that a model without
    lifecycle (older API releases) gets the documented default, reported."""
    there = anthropic_to_openai_model_list(body)
    back = openai_to_anthropic_model_list(there.value)
    expected = ant.ModelList.model_validate(body).to_dict()
    defaulted = []
    for index, model in enumerate(expected["data"]):
        if "lifecycle" not in model:
            model["lifecycle"] = "active"
            defaulted.append(f"data[{index}].lifecycle")
    assert back.value.to_dict() == expected
    assert [loss.path for loss in back.losses if loss.path.endswith("lifecycle")] == defaulted


@given(body=openai_model_lists())
def test_openai_model_lists_round_trip(body: dict[str, Any]) -> None:
    """OpenAI -> Anthropic -> OpenAI model lists are the identity."""
    there = openai_to_anthropic_model_list(body)
    back = anthropic_to_openai_model_list(there.value)
    assert back.value.to_dict() == oai.ModelList.model_validate(body).to_dict()


@given(headers=header_maps, data=st.data())
def test_fields_named_in_connection_never_reach_any_output(
    headers: dict[str, str], data: st.DataObject
) -> None:
    """The fields the Connection header names change no output, even with every name of the
    input in passthrough, and Connection itself is never copied: all four header functions and
    both error replies give what they give for the headers without those fields."""
    headers = {k: v for k, v in headers.items() if k.strip(" \t").lower() != "connection"}
    names = sorted({k.strip(" \t").lower() for k in headers} - {""})
    named = data.draw(st.lists(st.sampled_from(names), unique=True) if names else st.just([]))
    given_headers = {**headers, "Connection": ", ".join(named)}
    without = {k: v for k, v in headers.items() if k.strip(" \t").lower() not in named}
    passthrough = [n for n in names if TOKEN.fullmatch(n)] + ["connection"]
    # the credentials of the full headers stay secrets either way (a named one is still scrubbed)
    redact = [
        part
        for k, v in headers.items()
        if k.strip(" \t").lower()
        in {"authorization", "x-api-key", "api-key", "proxy-authorization"}
        for part in (v.strip(" \t"), v.strip(" \t").partition(" ")[2].strip(" \t"))
    ]
    calls: list[Callable[[dict[str, str]], dict[str, str]]] = [
        *(
            lambda h, f=f: f(h, now=NOW, passthrough=passthrough, redact=redact).value
            for f in (anthropic_to_openai_headers, openai_to_anthropic_headers)
        ),
        *(
            lambda h, f=f: f(h, passthrough=passthrough, redact=redact).value
            for f in (anthropic_to_openai_request_headers, openai_to_anthropic_request_headers)
        ),
        *(
            lambda h, f=f: (
                f(429, b"", h, now=NOW, passthrough=passthrough, redact=redact).value.headers
            )
            for f in (anthropic_to_openai_error, openai_to_anthropic_error)
        ),
    ]
    for call in calls:
        out = call(given_headers)
        assert "connection" not in out
        assert out == call(without)


@st.composite
def _keys_holding(draw: st.DrawFn, secret: str) -> str:
    """An object key that holds ``secret``: as it is, inside other text, or far into a long key."""
    before = draw(st.sampled_from(["", "x-", "a" * 150, "b" * 199, "c" * 300]))
    after = draw(st.sampled_from(["", "-y", "z" * 250]))
    return before + secret + after


@given(
    status=statuses.filter(lambda s: 400 <= s <= 599),
    body=error_like,
    key=secrets,
    data=st.data(),
    via_headers=st.booleans(),
)
def test_no_loss_shows_a_secret_held_by_an_unknown_key(
    status: int, body: dict[str, Any], key: str, data: st.DataObject, via_headers: bool
) -> None:
    """Error bodies whose unknown keys (top level and in error) hold the credential, found in the
    headers or passed as redact=: no loss path, detail or message shows it, in either direction
    or in a stream error."""
    body = {**body, data.draw(_keys_holding(key)): 1}
    body["error"] = {**body["error"], data.draw(_keys_holding(key)): data.draw(json_values)}
    headers = {"x-api-key": key} if via_headers else {}
    redact = [] if via_headers else [key]
    losses = [
        loss
        for convert in (anthropic_to_openai_error, openai_to_anthropic_error)
        for loss in convert(status, body, headers, now=NOW, redact=redact).losses
    ]
    losses += [
        loss
        for stream in (openai_stream_error, anthropic_stream_error)
        for loss in stream(body, redact=[key]).losses
    ]
    for loss in losses:
        assert key not in loss.path
        assert key not in loss.detail
        assert key not in str(loss)


#: Text with CR, LF, NUL, a lone surrogate or a header line far more often than st.text() has them.
caller_text = st.lists(
    st.one_of(
        st.sampled_from(["\r", "\n", "\r\n", "\x00", "\ud800", "x-injected: 1", ",", " "]),
        st.sampled_from(["2023-06-01", "bearer", "x-trace", "sk-gateway-key-0123456789"]),
        st.text(max_size=5),
    ),
    max_size=4,
).map("".join)

#: The paths a caller's string argument may be refused at.
CALLER_PATHS = {
    "api_key",
    "passthrough",
    "redact",
    "options.anthropic_version",
    "options.anthropic_beta",
    "options.anthropic_auth",
}


@given(
    headers=header_maps,
    api_key=st.none() | caller_text,
    passthrough=st.lists(caller_text | st.sampled_from(KNOWN_NAMES), max_size=3),
    redact=st.lists(caller_text, max_size=2),
    version=caller_text | st.sampled_from(["2023-06-01", "2026-10-21"]),
    betas=st.lists(caller_text | st.just("prompt-caching-2024-07-31"), max_size=2),
    auth=caller_text | st.sampled_from(["x-api-key", "bearer"]),
)
def test_caller_strings_never_reach_a_header_line(
    headers: dict[str, str],
    api_key: str | None,
    passthrough: list[str],
    redact: list[str],
    version: str,
    betas: list[str],
    auth: str,
) -> None:
    """api_key, passthrough names, redact, and the version/beta/auth options with line breaks,
    NUL or lone surrogates: each call is refused naming the argument, or every header it returns
    is a token name with a visible-ASCII value (no line of the caller's making)."""
    options: dict[str, Any] = {
        "anthropic_version": version,
        "anthropic_beta": betas,
        "anthropic_auth": auth,
    }
    calls: list[Callable[[], dict[str, str]]] = [
        lambda: (
            openai_to_anthropic_request_headers(
                headers, api_key=api_key, passthrough=passthrough, redact=redact, **options
            ).value
        ),
        lambda: (
            anthropic_to_openai_request_headers(
                headers, api_key=api_key, passthrough=passthrough, redact=redact
            ).value
        ),
        *(
            lambda f=f: f(headers, now=NOW, passthrough=passthrough, redact=redact).value
            for f in (anthropic_to_openai_headers, openai_to_anthropic_headers)
        ),
        *(
            lambda f=f: (
                f(429, b"", headers, now=NOW, passthrough=passthrough, redact=redact).value.headers
            )
            for f in (anthropic_to_openai_error, openai_to_anthropic_error)
        ),
    ]
    for call in calls:
        out = _refused_at(CALLER_PATHS, call)
        if out is not None:
            _well_formed_headers(out)


def _refused_at(paths: set[str], call: Callable[[], dict[str, str]]) -> dict[str, str] | None:
    """``call()``, or None when it raised a ConversionError at one of ``paths``."""
    error: InvalidInputError | None = None
    try:
        return call()
    except InvalidInputError as exc:
        error = exc
    assert error.path in paths, error
    return None
