"""
ruapi_convert.convert._error_fates
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The fate of every field of an error body, of the headers the conversions know, and of every field
of a model list, per direction (rendered into docs/mapping.md). A loss is reported only through one
of these rows, as for requests and responses.

Headers are not fields: a header that is in no row is neither copied nor reported (see
docs/mapping.md, "Headers"); only the headers whose loss changes what a client or the upstream does
(an organisation, a beta flag, a credential in the wrong scheme) have ``dropped`` rows.
"""

from __future__ import annotations

from typing import Final

from ._error_tables import (
    CARRIED_RATE_LIMIT_HEADERS,
    RATE_LIMIT_ANTHROPIC_TO_OPENAI,
    RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI,
)
from ._fates import Fate, FateTable

__all__ = [
    "A2O_ERROR",
    "A2O_MODELS",
    "A2O_REQUEST_HEADERS",
    "A2O_RESPONSE_HEADERS",
    "O2A_ERROR",
    "O2A_MODELS",
    "O2A_REQUEST_HEADERS",
    "O2A_RESPONSE_HEADERS",
]

M: Final = "mapped"
C: Final = "carried"
A: Final = "approximated"
D: Final = "dropped"
F: Final = "defaulted"

_NOT_AN_ERROR = (
    "HTML from a load balancer, an empty or non-JSON body, another JSON shape: the message is the "
    "body's own `message`/`detail`/`error`/`error_description` string if it has one, else a "
    "generic text naming the status; no other byte of the body is copied. Type from the status"
)
_REDACTED = "verbatim, except that an exact credential value (from the headers or `redact`) becomes [redacted]"
_BAD_VALUE = "a value with control or non-ASCII characters is never copied into a header (no header injection); nor is a value that contains a credential"

A2O_ERROR = FateTable(
    "Anthropic error -> OpenAI error",
    "anthropic_to_openai_error",
    [
        Fate("status", M, "status", "402 -> 429 and 529 -> 503 (see the table); others kept"),
        Fate(
            "status (not recoverable)",
            C,
            "error.anthropic.status",
            "when openai_to_anthropic_error would not give the same status back (a spend-cap 429 becomes insufficient_quota, whose own answer is 402)",
        ),
        Fate("type", M, "", 'the envelope: `{"type": "error", ...}` -> `{"error": {...}}`'),
        Fate("error.type", M, "error.type, error.code", "see the type table"),
        Fate(
            "error.type (not recoverable)",
            C,
            "error.anthropic.type",
            "when openai_to_anthropic_error would not give the same type back",
        ),
        Fate("error.message", M, "error.message", _REDACTED),
        Fate(
            "error.details",
            C,
            "error.anthropic.details",
            "its error_code also decides the type of spend-cap 429s",
        ),
        Fate(
            "error.openai",
            M,
            "error.type, error.code, error.param, error.misalignment",
            "written by openai_to_anthropic_error; restores the OpenAI fields exactly",
        ),
        Fate(
            "error.openai (invalid)",
            D,
            "",
            "an extension value of the wrong type is ignored",
        ),
        Fate("request_id", M, "x-request-id header", "when the headers have no request-id"),
        Fate(
            "request_id (stream)",
            C,
            "error.anthropic.request_id",
            "a mid-stream error has no headers of its own",
        ),
        Fate("body (not an Anthropic error)", A, "error.message", _NOT_AN_ERROR),
    ],
)

O2A_ERROR = FateTable(
    "OpenAI error -> Anthropic error",
    "openai_to_anthropic_error",
    [
        Fate(
            "status",
            M,
            "status",
            "insufficient_quota -> 402, server_is_overloaded/slow_down -> 529; others kept",
        ),
        Fate(
            "status (not recoverable)",
            C,
            "error.openai.status",
            "when anthropic_to_openai_error would not give the same status back",
        ),
        Fate("error", M, "error", 'the envelope: `{"error": {...}}` -> `{"type": "error", ...}`'),
        Fate(
            "error.type",
            M,
            "error.type",
            "an Anthropic word is kept; otherwise the status decides (OpenAI says invalid_request_error for most 4xx)",
        ),
        Fate(
            "error.type (not recoverable)",
            C,
            "error.openai.type",
            "when anthropic_to_openai_error would not give the same type back",
        ),
        Fate("error.message", M, "error.message", _REDACTED),
        Fate("error.code", M, "status, error.type", "the codes of the table move the status"),
        Fate(
            "error.code (not recoverable)",
            C,
            "error.openai.code",
            "when anthropic_to_openai_error would not give the same code back",
        ),
        Fate("error.param", C, "error.openai.param"),
        Fate("error.misalignment", C, "error.openai.misalignment"),
        Fate(
            "error.anthropic",
            M,
            "error.type, error.details",
            "written by anthropic_to_openai_error; restores the Anthropic fields exactly",
        ),
        Fate(
            "error.anthropic (invalid)",
            D,
            "",
            "an extension value of the wrong type is ignored",
        ),
        Fate("x-request-id header", M, "request_id", "and the request-id header"),
        Fate("body (not an OpenAI error)", A, "error.message", _NOT_AN_ERROR),
    ],
)


def _response_rows(reverse: bool) -> list[Fate]:
    rows: list[Fate] = []
    for table in (RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI, RATE_LIMIT_ANTHROPIC_TO_OPENAI):
        for anthropic, entry in table.items():
            source, target = (entry.value, anthropic) if reverse else (anthropic, entry.value)
            rows.append(Fate(source, M, target, entry.note))
    rows.extend(
        Fate(name, M, name, "no OpenAI family: same name both ways")
        for name in sorted(CARRIED_RATE_LIMIT_HEADERS)
    )
    rows.append(Fate("(bad value)", D, "", _BAD_VALUE))
    return rows


A2O_RESPONSE_HEADERS = FateTable(
    "Anthropic response headers -> OpenAI response headers",
    "anthropic_to_openai_headers",
    _response_rows(reverse=False),
)

O2A_RESPONSE_HEADERS = FateTable(
    "OpenAI response headers -> Anthropic response headers",
    "openai_to_anthropic_headers",
    _response_rows(reverse=True),
)

O2A_REQUEST_HEADERS = FateTable(
    "OpenAI request headers -> Anthropic request headers",
    "openai_to_anthropic_request_headers",
    [
        Fate(
            "authorization",
            M,
            "x-api-key (or authorization: Bearer)",
            "the Bearer token, placed as option `anthropic_auth` says; `api_key=` replaces it",
        ),
        Fate(
            "authorization (not Bearer)",
            D,
            "",
            "another scheme has no Anthropic form; the credential is never moved elsewhere",
        ),
        Fate(
            "openai-organization",
            D,
            "",
            "Anthropic has no organisation header: the key decides the organisation",
        ),
        Fate("openai-project", D, "", "Anthropic has no project header: the key decides"),
        Fate("(bad value)", D, "", _BAD_VALUE),
    ],
)

A2O_REQUEST_HEADERS = FateTable(
    "Anthropic request headers -> OpenAI request headers",
    "anthropic_to_openai_request_headers",
    [
        Fate("x-api-key", M, "authorization: Bearer", "`api_key=` replaces it"),
        Fate("authorization", M, "authorization: Bearer", "a Bearer token (Anthropic SDK 2.x)"),
        Fate(
            "authorization (with x-api-key)",
            D,
            "",
            "both present and different: x-api-key wins, as the Anthropic API prefers it",
        ),
        Fate("authorization (not Bearer)", D, "", "another scheme has no OpenAI form"),
        Fate(
            "anthropic-beta",
            D,
            "",
            "beta features have no OpenAI switch; the request is converted without them",
        ),
        Fate(
            "anthropic-workspace-id",
            D,
            "",
            "OpenAI has no workspace header (openai-project is chosen by the key's owner)",
        ),
        Fate("(bad value)", D, "", _BAD_VALUE),
    ],
)

A2O_MODELS = FateTable(
    "Anthropic model list -> OpenAI model list",
    "anthropic_to_openai_model_list",
    [
        Fate("data", M, "data", 'with `"object": "list"`'),
        Fate("data[].id", M, "data[].id"),
        Fate("data[].type", M, "data[].object", "model -> model; `owned_by` is `anthropic`"),
        Fate(
            "data[].created_at",
            M,
            "data[].created",
            "RFC 3339 -> unix seconds; a time that does not survive that exactly (fractions, an offset, not a time) is also carried in data[].anthropic.created_at, and an unreadable one gives created 0 (reported)",
        ),
        Fate(
            "data[] (Anthropic-only keys)",
            C,
            "data[].anthropic",
            "display_name, capabilities, lifecycle, line, max_input_tokens, max_tokens, deprecated_at, retires_at and newer keys",
        ),
        Fate(
            "data[].openai",
            M,
            "data[].owned_by ...",
            "written by openai_to_anthropic_model_list; restores the OpenAI keys",
        ),
        Fate(
            "has_more",
            M,
            "has_more",
            "same name (OpenAI's own paginated lists use has_more/first_id/last_id); left out, with first_id/last_id, when the page is the whole list (has_more false, ids those of the data): an OpenAI model list means exactly that",
        ),
        Fate("first_id", M, "first_id", "see has_more"),
        Fate("last_id", M, "last_id", "see has_more"),
    ],
)

O2A_MODELS = FateTable(
    "OpenAI model list -> Anthropic model list",
    "openai_to_anthropic_model_list",
    [
        Fate("object", M, "", "the envelope"),
        Fate("data", M, "data"),
        Fate("data[].id", M, "data[].id"),
        Fate("data[].object", M, "data[].type", "model -> model"),
        Fate("data[].created", M, "data[].created_at", "unix seconds -> RFC 3339 (UTC, Z)"),
        Fate(
            "data[] (OpenAI-only keys)",
            C,
            "data[].openai",
            "owned_by, shutdown_date and newer keys",
        ),
        Fate(
            "data[].anthropic",
            M,
            "data[].display_name ...",
            "written by anthropic_to_openai_model_list; restores the Anthropic keys",
        ),
        Fate(
            "display_name",
            F,
            "data[].display_name",
            "required by Anthropic: the model id when not carried in data[].anthropic",
        ),
        Fate(
            "has_more",
            M,
            "has_more",
            "an OpenAI model list is one complete page: false unless the body says otherwise",
        ),
        Fate("first_id", M, "first_id", "the first model's id unless the body has one"),
        Fate("last_id", M, "last_id", "the last model's id unless the body has one"),
    ],
)
