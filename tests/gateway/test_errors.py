"""Error replies and stream errors: the status/type tables row by row, odd bodies, secrets, extensions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pytest
from render import errors_section
from render_errors import (
    ANTHROPIC_CASES,
    OPENAI_CASES,
    anthropic_case_body,
    openai_case_body,
)

from ruapi_convert.errors import InvalidInputError, LossyConversionError
from ruapi_convert.gateway import (
    ErrorReply,
    _bodies,
    anthropic_stream_error,
    anthropic_to_openai_error,
    openai_stream_error,
    openai_to_anthropic_error,
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


from .common import MESSAGE, ROOT
from .common import load as _load

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
