"""
docs/render_errors.py
~~~~~~~~~~~~~~~~~~~~~

Renders the errors section of ``docs/mapping.md`` from the error, header and model-list tables -
the status tables by running the conversion's own classification on every documented case - so
that the document cannot say something the code does not do. Regenerate with::

    python docs/render.py > docs/mapping.md

(a test fails when the committed file differs from what this renders). The SDK class columns are
the documentation's only claim about code outside this library; the oracle tests check each of them
against the installed SDKs.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Final

from ruapi_convert.gateway import _vocab as t
from ruapi_convert.gateway._bodies import (
    A2O_ERROR,
    O2A_ERROR,
    anthropic_kind,
    anthropic_type_for_status,
    openai_kind,
)
from ruapi_convert.gateway._time import (
    format_duration,
    format_rfc3339,
    parse_duration,
    parse_rfc3339,
)
from ruapi_convert.gateway.errors import anthropic_to_openai_error, openai_to_anthropic_error
from ruapi_convert.gateway.headers import (
    A2O_REQUEST_HEADERS,
    A2O_RESPONSE_HEADERS,
    O2A_REQUEST_HEADERS,
    O2A_RESPONSE_HEADERS,
)
from ruapi_convert.gateway.model_lists import A2O_MODELS, O2A_MODELS

if TYPE_CHECKING:
    from ruapi_convert.mapping._ledger import FateTable

__all__ = [
    "ANTHROPIC_CASES",
    "OPENAI_CASES",
    "anthropic_case_body",
    "anthropic_sdk_class",
    "openai_case_body",
    "openai_sdk_class",
    "render_errors",
]

#: The Anthropic errors the tables document: (status, error.type, details.error_code). The statuses
#: of docs/protocols.md B.8 and E.39, with the type Anthropic uses for each (other 4xx statuses say
#: invalid_request_error, other 5xx api_error).
ANTHROPIC_CASES: Final[tuple[tuple[int, str, str | None], ...]] = (
    (400, "invalid_request_error", None),
    (401, "authentication_error", None),
    (402, "billing_error", None),
    (403, "permission_error", None),
    (404, "not_found_error", None),
    (408, "invalid_request_error", None),
    (409, "conflict_error", None),
    (413, "request_too_large", None),
    (422, "invalid_request_error", None),
    (429, "rate_limit_error", None),
    (429, "rate_limit_error", "enforced_spend_limit_reached"),
    (429, "rate_limit_error", "contract_spend_limit_reached"),
    (500, "api_error", None),
    (502, "api_error", None),
    (503, "api_error", None),
    (504, "timeout_error", None),
    (529, "overloaded_error", None),
)

#: The OpenAI errors the tables document: (status, type, code), as OpenAI sends them (docs/protocols.md
#: A.9; None where OpenAI's body for that status is not documented).
OPENAI_CASES: Final[tuple[tuple[int, str | None, str | None], ...]] = (
    (400, "invalid_request_error", None),
    (400, "invalid_request_error", "context_length_exceeded"),
    (401, "invalid_request_error", "invalid_api_key"),
    (403, "invalid_request_error", None),
    (404, "invalid_request_error", "model_not_found"),
    (408, None, None),
    (409, None, None),
    (413, None, None),
    (422, None, None),
    (429, "requests", "rate_limit_exceeded"),
    (429, "tokens", "rate_limit_exceeded"),
    (429, "insufficient_quota", "insufficient_quota"),
    (500, "server_error", None),
    (502, None, None),
    (503, "service_unavailable_error", "server_is_overloaded"),
    (503, "service_unavailable_error", "slow_down"),
    (504, None, None),
)

# openai 3.57.0 _client.py::_make_status_error: by status alone.
_OPENAI_SDK: Final = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}

# anthropic 2.14.0 _error_classes.py::ERROR_CLASSES: by (status, details.error_code), then status.
_ANTHROPIC_SDK: Final = {
    400: "BadRequestError",
    401: "AuthenticationError",
    402: "PaymentRequiredError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    408: "RequestTimeoutError",
    409: "ConflictError",
    413: "ContentTooLargeError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
    503: "ServiceUnavailableError",
    504: "GatewayTimeoutError",
    529: "OverloadedError",
}
_ANTHROPIC_SDK_CODES: Final = {
    (429, "enforced_spend_limit_reached"): "EnforcedSpendLimitReachedError",
    (429, "contract_spend_limit_reached"): "ContractSpendLimitReachedError",
}


def openai_sdk_class(status: int) -> str:
    """The exception class the OpenAI SDK raises for a status."""
    return _OPENAI_SDK.get(status) or ("InternalServerError" if status >= 500 else "APIStatusError")


def anthropic_sdk_class(status: int, error_code: str | None) -> str:
    """The exception class the Anthropic SDK raises for a status and details.error_code."""
    found = _ANTHROPIC_SDK_CODES.get((status, error_code or "")) or _ANTHROPIC_SDK.get(status)
    return found or ("InternalServerError" if status >= 500 else "APIStatusError")


def _retried(status: int, no_retry: bool) -> str:
    if no_retry:
        return "no (`x-should-retry: false`)"
    return "yes" if status in (408, 409, 429) or status >= 500 else "no"


def _cell(text: str | None) -> str:
    return "—" if text is None else text.replace("|", "\\|").replace("\n", " ")


def _code(text: str | None) -> str:
    return "—" if text is None else f"`{text}`"


def _a2o_status_table() -> str:
    lines = [
        "| Anthropic status | `error.type` | `details.error_code` | OpenAI status | `type` | `code` | SDK retries | OpenAI SDK raises | why |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for status, kind, code in ANTHROPIC_CASES:
        reply = anthropic_to_openai_error(status, anthropic_case_body(kind, code)).value
        error = reply.body.error
        no_retry = reply.headers.get("x-should-retry") == "false"
        note = openai_kind(status, kind, code).note
        lines.append(
            f"| {status} | {_code(kind)} | {_code(code)} | {reply.status} | "
            f"{_code(error.get('type'))} | {_code(_str(error.get('code')))} | "
            f"{_retried(reply.status, no_retry)} | `{openai_sdk_class(reply.status)}` | "
            f"{_cell(note)} |"
        )
    return "\n".join(lines)


def _o2a_status_table() -> str:
    lines = [
        "| OpenAI status | `type` | `code` | Anthropic status | `error.type` | SDK retries | Anthropic SDK raises | why |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for status, kind, code in OPENAI_CASES:
        reply = openai_to_anthropic_error(status, openai_case_body(kind, code)).value
        error = reply.body.error
        no_retry = reply.headers.get("x-should-retry") == "false"
        note = anthropic_kind(status, kind, code).note or f"Anthropic's type for {reply.status}"
        lines.append(
            f"| {status} | {_code(kind)} | {_code(code)} | {reply.status} | "
            f"{_code(error['type'])} | {_retried(reply.status, no_retry)} | "
            f"`{anthropic_sdk_class(reply.status, None)}` | {_cell(note)} |"
        )
    return "\n".join(lines)


def anthropic_case_body(kind: str, code: str | None, message: str = "m") -> dict[str, Any]:
    """The Anthropic error body of one documented case."""
    error: dict[str, Any] = {"type": kind, "message": message}
    if code is not None:
        error["details"] = {"error_code": code}
    return {"type": "error", "error": error}


def openai_case_body(kind: str | None, code: str | None, message: str = "m") -> dict[str, Any]:
    """The OpenAI error body of one documented case."""
    error: dict[str, Any] = {"message": message, "type": kind, "param": None, "code": code}
    return {"error": {k: v for k, v in error.items() if v is not None or k == "param"}}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _vocabulary() -> str:
    a2o = [
        "| Anthropic `error.type` | OpenAI `type` | OpenAI `code` | OpenAI status | note |",
        "|---|---|---|---|---|",
    ]
    for kind, entry in t.ANTHROPIC_TYPE_TO_OPENAI.items():
        moved = str(entry.status) if entry.status else "kept"
        a2o.append(
            f"| `{kind}` | `{entry.type}` | {_code(entry.code)} | {moved} | {_cell(entry.note)} |"
        )
    a2o.append(
        "| any other | the same word | — | kept | OpenAI's `type` is an open string; the word comes back exactly |"
    )
    o2a = [
        "| OpenAI `code` or `type` | Anthropic `error.type` | Anthropic status | note |",
        "|---|---|---|---|",
    ]
    for word, found in t.OPENAI_CODE_TO_ANTHROPIC.items():
        o2a.append(f"| `{word}` | `{found.type}` | {found.status} | {_cell(found.note)} |")
    o2a.append(
        "| one of Anthropic's words except `invalid_request_error` | the same word | kept | written by this library or a pass-through gateway |"
    )
    o2a.append("| anything else | by status (next table) | kept | |")
    status = [
        "| status | Anthropic `error.type` |",
        "|---|---|",
        *(f"| {s} | `{kind}` |" for s, kind in t.ANTHROPIC_STATUS_TYPES.items()),
        f"| other 4xx | `{anthropic_type_for_status(418)}` |",
        f"| other 5xx | `{anthropic_type_for_status(599)}` |",
    ]
    stream = [
        "| OpenAI `type` | Anthropic `error.type` | note |",
        "|---|---|---|",
        *(
            f"| `{k}` | `{m.value}` | {_cell(m.note)} |"
            for k, m in t.OPENAI_TYPE_TO_ANTHROPIC.items()
        ),
        f"| anything else | `{t.ANTHROPIC_SERVER_ERROR_FALLBACK}` | |",
    ]
    return "\n\n".join(
        [
            "### Anthropic `error.type` -> OpenAI\n\n" + "\n".join(a2o),
            "### OpenAI -> Anthropic `error.type`\n\n" + "\n".join(o2a),
            "### Anthropic's own status table (used for bodies without a type, and for OpenAI errors)\n\n"
            + "\n".join(status),
            "### Mid-stream OpenAI errors (no status) -> Anthropic `error.type`\n\n"
            "The codes of the table above come first; Anthropic's own words are kept.\n\n"
            + "\n".join(stream),
        ]
    )


def _fate_table(table: FateTable, source: str = "source field") -> str:
    lines = [
        f"### {table.title} (`{table.direction}`)",
        "",
        f"| {source} | fate | target | note |",
        "|---|---|---|---|",
    ]
    for row in table:
        target = f"`{_cell(row.to)}`" if row.to else ""
        lines.append(f"| `{_cell(row.field)}` | {row.fate} | {target} | {_cell(row.note)} |")
    return "\n".join(lines)


_NOW: Final = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)


def _reset_examples() -> str:
    lines = [
        f"With `now = {format_rfc3339(_NOW)}`:",
        "",
        "| OpenAI `x-ratelimit-reset-*` | Anthropic `anthropic-ratelimit-*-reset` | back to OpenAI |",
        "|---|---|---|",
    ]
    for duration in ("1s", "12ms", "6m0s", "1h2m3.5s", "0s"):
        delta = parse_duration(duration)
        assert delta is not None
        when = format_rfc3339(_NOW + delta)
        parsed = parse_rfc3339(when)
        assert parsed is not None
        lines.append(f"| `{duration}` | `{when}` | `{format_duration(parsed - _NOW)}` |")
    return "\n".join(lines)


_INTRO = """\
# Errors, headers and model lists

Generated from `ruapi_convert/gateway/` (its `_vocab.py` and the rows beside each function) by
`python docs/render.py`; a test keeps this section and the code in step, and the
oracle tests check every row of the status tables against the official SDKs (openai 3.57.0,
anthropic 2.14.0): the converted status, headers and body, served to the target SDK, raise the
class named here with the original message, and the SDK retries exactly when this says it does.

```python
from datetime import datetime, timezone

import ruapi_convert as rc

reply = rc.anthropic_to_openai_error(upstream.status_code, upstream.content, upstream.headers,
                                     now=datetime.now(timezone.utc)).value
send(reply.status, reply.headers, reply.body.to_json())
```

The functions are pure: a rate-limit reset needs the current time, passed as `now` (an aware
datetime; required only when such a header is present). They raise `InvalidInputError` only for
bad *arguments*: a status that is not an int from 400 to 599, headers that are not strings, a
naive `now`. An upstream body is never a reason to fail: HTML from a load balancer, an empty body,
garbage bytes or another JSON shape (`{"detail": ...}`) still give a well-formed error whose
message is the body's own `message`/`error_description`/`detail`/`error` string, or else
"upstream returned HTTP 502 Bad Gateway with a body that is not JSON"; no other byte of such a
body is copied.

**The message** is the source's, verbatim. The only change: every exact occurrence of a credential
(the values of the input's `authorization`/`x-api-key`/`api-key` headers and the token after
`Bearer`, plus any strings passed as `redact=`) becomes `[redacted]`, in the message and in every
carried string. Credentials shorter than 8 characters are not searched for (they would match
ordinary words); real keys are far longer.

**Round trips.** What the other side has no field for (Anthropic's `details`, OpenAI's `param`,
a type or status that the reverse mapping would not give back) travels in an extension object,
`error.anthropic` on OpenAI errors and `error.openai` on Anthropic errors (with `extensions=True`,
the default; reported as losses with `extensions=False`). Both SDKs keep unknown keys in
`exc.body`. So Anthropic -> OpenAI -> Anthropic and OpenAI -> Anthropic -> OpenAI give back the
same status, type, code, details and message.

**Mid-stream errors** (`openai_stream_error`, `anthropic_stream_error`) use the same tables without
a status: the HTTP status is already 200. The stream then ends without its success terminator.
"""

_HEADERS = """\
## Headers

Headers cross by rule only: a header that no row below names is neither copied nor reported.
That covers hop-by-hop fields (RFC 9110 7.6.1: `connection`, `keep-alive`, `proxy-*`, `te`,
`trailer`, `transfer-encoding`, `upgrade`), `content-length`, `content-encoding`, `host`,
`accept-encoding`, cookies, and each vendor's infrastructure headers (`openai-processing-ms`,
`openai-version`, `openai-organization`, `anthropic-organization-id`, `cf-ray`, `server`, ...).
Pass `passthrough=["x-trace-id", ...]` to copy more headers verbatim; these can never be copied:
{never}.

Every value that reaches the output is checked: it must be visible ASCII (no CR/LF: nothing the
upstream sends can inject a header line), and no header other than the auth header of the right
scheme may contain a credential. A value that fails is dropped and reported.

The error functions add `content-type: application/json`, and for billing and spend-cap errors
`x-should-retry: false` without `retry-after`/`retry-after-ms`. The request functions always set
`content-type: application/json`; the OpenAI -> Anthropic one also sets `anthropic-version` (option
`anthropic_version`, default `2023-06-01`) and, when option `anthropic_beta` is non-empty,
`anthropic-beta` (comma-joined). A key goes into exactly one header: `x-api-key` (option
`anthropic_auth="x-api-key"`, the default) or `authorization: Bearer` (`anthropic_auth="bearer"`)
towards Anthropic, `authorization: Bearer` towards OpenAI; `api_key=` replaces the client's key
(a gateway usually sends its own).

Retry hints mean the same to both SDKs (`retry-after-ms`, then `retry-after` in seconds or as an
HTTP date; `x-should-retry` overrides the status rules) and are copied as they are. One difference
cannot be hidden: the OpenAI SDK does not retry at all when the delay is over 120 s, the Anthropic
SDK waits as long as it is told.

### Rate-limit resets

Anthropic sends the time of the reset (RFC 3339), OpenAI the time until it (a Go duration: `1s`,
`6m0s`, `12ms`, `1h2m3.5s`). A time becomes `time - now` (never negative), rounded up to the
millisecond and printed as Go prints durations; a duration (Go syntax, or bare seconds) becomes
`now + duration` in UTC, truncated to the millisecond (`.123` only when there are milliseconds).
So a duration survives OpenAI -> Anthropic -> OpenAI with the same `now`. A value that is not a
time or duration is dropped and reported. `anthropic-ratelimit-input-tokens-*` and
`-output-tokens-*` have no OpenAI family and keep their names (and RFC 3339 resets).
"""


def render_errors() -> str:
    """The errors part of docs/mapping.md (its section "Errors, headers and model lists")."""
    never = ", ".join(f"`{h}`" for h in sorted(t.NEVER_COPIED_HEADERS))
    parts = [
        _INTRO,
        "## Status and type\n\n### Anthropic error -> OpenAI error\n\n" + _a2o_status_table(),
        "### OpenAI error -> Anthropic error\n\n" + _o2a_status_table(),
        _vocabulary(),
        _HEADERS.replace("{never}", never),
        _reset_examples(),
        _fate_table(A2O_RESPONSE_HEADERS, "source header"),
        _fate_table(O2A_RESPONSE_HEADERS, "source header"),
        _fate_table(O2A_REQUEST_HEADERS, "source header"),
        _fate_table(A2O_REQUEST_HEADERS, "source header"),
        "## Error bodies\n\nThe fate of each field of an error body (and of a mid-stream error event).",
        _fate_table(A2O_ERROR),
        _fate_table(O2A_ERROR),
        "## Model lists (`GET /v1/models`)\n\n"
        "Pagination keeps its names both ways: `has_more`/`first_id`/`last_id` are also the words of "
        "OpenAI's own paginated lists (files, batches, vector stores). An OpenAI model list is never "
        "paginated, so it is one complete page for Anthropic. Each model's keys without a "
        "counterpart ride in its extension object (`anthropic` on OpenAI models, `openai` on "
        "Anthropic ones), so a list survives the round trip.",
        _fate_table(A2O_MODELS),
        _fate_table(O2A_MODELS),
    ]
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
