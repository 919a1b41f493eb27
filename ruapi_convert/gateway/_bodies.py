"""
ruapi_convert.gateway._bodies
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Error bodies, both directions: read whatever the upstream sent, classify it through the tables of
``_vocab``, and write the other protocol's error. The fate of each field is declared here.

Theory of operation
-------------------

**Reading never fails on upstream bytes.** An error reply is the one place where a gateway meets
bodies nobody designed: a load balancer's HTML page, an empty 502, a framework's
``{"detail": ...}``. Any body that is not an error object of either protocol still yields a
well-formed error: its message is the body's own ``message``/``error_description``/``detail``/
``error`` string when it has one, else a generic sentence naming the status. Nothing else of such a
body is copied, so a stack trace or an HTML page never reaches the client. Only a *Python* value
that cannot be a body (a set, an object) is an :class:`~ruapi_convert.errors.InvalidInputError`.

**Classifying** is a pure function of (status, type, code) in each direction:
:func:`openai_kind` and :func:`anthropic_kind`. Each direction runs the *other* direction's
function on its own result to learn what would come back; whatever would not (a 402 whose body
said ``invalid_request_error``, an OpenAI ``param``) is carried in the extension object
(``error.anthropic`` on OpenAI errors, ``error.openai`` on Anthropic ones) with ``extensions=True``,
and reported with ``extensions=False``. So A -> O -> A and O -> A -> O give back the same error,
while an error that needs no extension gets none.

**The message is the source's**, verbatim, except that every exact occurrence of a credential
(found in the input's auth headers, or passed as ``redact``) becomes ``[redacted]``, in the message
and in every carried string.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel

from .. import _json
from ..errors import InvalidInputError
from ..mapping._ledger import FateTable
from ..models import anthropic as ant
from ..models import openai as oai
from ..models._base import WireModel, validate
from ._text import scrub
from ._vocab import (
    ANTHROPIC_CLIENT_ERROR_FALLBACK,
    ANTHROPIC_ERROR_TYPES,
    ANTHROPIC_NO_RETRY,
    ANTHROPIC_NO_RETRY_CODES,
    ANTHROPIC_SERVER_ERROR_FALLBACK,
    ANTHROPIC_STATUS_TO_OPENAI,
    ANTHROPIC_STATUS_TYPES,
    ANTHROPIC_TYPE_TO_OPENAI,
    OPENAI_CODE_TO_ANTHROPIC,
    OPENAI_NO_RETRY,
    OPENAI_TYPE_TO_ANTHROPIC,
    AnthropicError,
    OpenAIError,
)

if TYPE_CHECKING:
    from ..mapping._ledger import Context, Fate

__all__ = [
    "A2O_ERROR",
    "O2A_ERROR",
    "REQUEST_ID",
    "AnthropicResult",
    "OpenAIResult",
    "anthropic_kind",
    "anthropic_type_for_status",
    "openai_kind",
    "to_anthropic",
    "to_openai",
]

Json = dict[str, Any]

_ANTHROPIC_TOP: Final = frozenset({"type", "error", "request_id"})
_ANTHROPIC_ERROR: Final = frozenset({"type", "message", "details", "openai"})
_OPENAI_TOP: Final = frozenset({"error"})
_OPENAI_ERROR: Final = frozenset({"message", "type", "param", "code", "misalignment", "anthropic"})

#: Keys of a JSON body that is not an error object which may hold its message, best first
#: (``error_description`` is OAuth's, RFC 6749 5.2; ``detail`` is FastAPI's and RFC 9457's).
_MESSAGE_KEYS: Final = ("message", "error_description", "detail", "error")

# -- fates -------------------------------------------------------------------------------------------

_NOT_AN_ERROR: Final = (
    "HTML from a load balancer, an empty or non-JSON body, another JSON shape: the message is the "
    "body's own `message`/`detail`/`error`/`error_description` string if it has one, else a "
    "generic text naming the status; no other byte of the body is copied. Type from the status"
)
_REDACTED: Final = "verbatim, except that an exact credential value (from the headers or `redact`) becomes [redacted]"

A2O_ERROR = FateTable("Anthropic error -> OpenAI error", "anthropic_to_openai_error")
A2O_ERROR.mapped(
    "status",
    "status",
    "402 -> 429 and 529 -> 503 (see the table); others kept",
)
_A2O_STATUS = A2O_ERROR.carried(
    "status (not recoverable)",
    "error.anthropic.status",
    "when openai_to_anthropic_error would not give the same status back (a spend-cap 429 becomes insufficient_quota, whose own answer is 402)",
)
A2O_ERROR.mapped(
    "type",
    "",
    'the envelope: `{"type": "error", ...}` -> `{"error": {...}}`',
)
A2O_ERROR.mapped(
    "error.type",
    "error.type, error.code",
    "see the type table",
)
_A2O_TYPE = A2O_ERROR.carried(
    "error.type (not recoverable)",
    "error.anthropic.type",
    "when openai_to_anthropic_error would not give the same type back",
)
A2O_ERROR.mapped(
    "error.message",
    "error.message",
    _REDACTED,
)
_A2O_DETAILS = A2O_ERROR.carried(
    "error.details",
    "error.anthropic.details",
    "its error_code also decides the type of spend-cap 429s",
)
A2O_ERROR.mapped(
    "error.openai",
    "error.type, error.code, error.param, error.misalignment",
    "written by openai_to_anthropic_error; restores the OpenAI fields exactly",
)
_OPENAI_INVALID = A2O_ERROR.dropped(
    "error.openai (invalid)",
    "an extension value of the wrong type is ignored",
)
REQUEST_ID = A2O_ERROR.mapped(
    "request_id",
    "x-request-id header",
    "when the headers have no request-id",
)
_A2O_REQUEST_ID = A2O_ERROR.carried(
    "request_id (stream)",
    "error.anthropic.request_id",
    "a mid-stream error has no headers of its own",
)
_NOT_ANTHROPIC = A2O_ERROR.approximated(
    "body (not an Anthropic error)",
    "error.message",
    _NOT_AN_ERROR,
)

O2A_ERROR = FateTable("OpenAI error -> Anthropic error", "openai_to_anthropic_error")
O2A_ERROR.mapped(
    "status",
    "status",
    "insufficient_quota -> 402, server_is_overloaded/slow_down -> 529; others kept",
)
_O2A_STATUS = O2A_ERROR.carried(
    "status (not recoverable)",
    "error.openai.status",
    "when anthropic_to_openai_error would not give the same status back",
)
O2A_ERROR.mapped(
    "error",
    "error",
    'the envelope: `{"error": {...}}` -> `{"type": "error", ...}`',
)
O2A_ERROR.mapped(
    "error.type",
    "error.type",
    "an Anthropic word is kept; otherwise the status decides (OpenAI says invalid_request_error for most 4xx)",
)
_O2A_TYPE = O2A_ERROR.carried(
    "error.type (not recoverable)",
    "error.openai.type",
    "when anthropic_to_openai_error would not give the same type back",
)
O2A_ERROR.mapped(
    "error.message",
    "error.message",
    _REDACTED,
)
O2A_ERROR.mapped(
    "error.code",
    "status, error.type",
    "the codes of the table move the status",
)
_O2A_CODE = O2A_ERROR.carried(
    "error.code (not recoverable)",
    "error.openai.code",
    "when anthropic_to_openai_error would not give the same code back",
)
_O2A_PARAM = O2A_ERROR.carried(
    "error.param",
    "error.openai.param",
)
_O2A_MISALIGNMENT = O2A_ERROR.carried(
    "error.misalignment",
    "error.openai.misalignment",
)
O2A_ERROR.mapped(
    "error.anthropic",
    "error.type, error.details",
    "written by anthropic_to_openai_error; restores the Anthropic fields exactly",
)
_ANTHROPIC_INVALID = O2A_ERROR.dropped(
    "error.anthropic (invalid)",
    "an extension value of the wrong type is ignored",
)
O2A_ERROR.mapped(
    "x-request-id header",
    "request_id",
    "and the request-id header",
)
_NOT_OPENAI = O2A_ERROR.approximated(
    "body (not an OpenAI error)",
    "error.message",
    _NOT_AN_ERROR,
)


class _NotJSON:
    """Marks a body that is not JSON."""


_NOT_JSON: Final = _NotJSON()


# -- classification ------------------------------------------------------------------------------


def anthropic_type_for_status(status: int | None) -> str:
    """Anthropic's documented type for a status (a 5xx or no status: api_error)."""
    if status is None:
        return ANTHROPIC_SERVER_ERROR_FALLBACK
    found = ANTHROPIC_STATUS_TYPES.get(status)
    if found is not None:
        return found
    return ANTHROPIC_CLIENT_ERROR_FALLBACK if status < 500 else ANTHROPIC_SERVER_ERROR_FALLBACK


def openai_kind(status: int | None, anthropic_type: str, error_code: str | None) -> OpenAIError:
    """The OpenAI error for an Anthropic (status, type, details.error_code)."""
    if error_code is not None and error_code in ANTHROPIC_NO_RETRY_CODES:
        return ANTHROPIC_NO_RETRY_CODES[error_code]
    if status is not None and status in ANTHROPIC_STATUS_TO_OPENAI:
        return ANTHROPIC_STATUS_TO_OPENAI[status]
    return ANTHROPIC_TYPE_TO_OPENAI.get(anthropic_type) or OpenAIError(anthropic_type)


def anthropic_kind(status: int | None, openai_type: Any, openai_code: Any) -> AnthropicError:
    """The Anthropic error for an OpenAI (status, type, code)."""
    for word in (openai_code, openai_type):
        if isinstance(word, str) and word in OPENAI_CODE_TO_ANTHROPIC:
            return OPENAI_CODE_TO_ANTHROPIC[word]
    # OpenAI itself says invalid_request_error for 401s, 403s and 404s alike, so that one word
    # never overrides the status; any other Anthropic word was put there on purpose.
    if (
        isinstance(openai_type, str)
        and openai_type in ANTHROPIC_ERROR_TYPES
        and openai_type != ANTHROPIC_CLIENT_ERROR_FALLBACK
    ):
        return AnthropicError(openai_type)
    if status is not None:
        return AnthropicError(anthropic_type_for_status(status))
    found = OPENAI_TYPE_TO_ANTHROPIC.get(openai_type) if isinstance(openai_type, str) else None
    return AnthropicError(found.value if found else ANTHROPIC_SERVER_ERROR_FALLBACK)


# -- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    top: Json  # the body when it is a JSON object, else {}
    error: Json  # its error object when it has one, else {}
    message: str
    type: str | None
    shaped: bool  # an error object with a message: the protocol's own shape


def _decode(body: Any) -> Any:
    if body is None:
        return None
    if isinstance(body, memoryview):
        body = body.tobytes()
    if isinstance(body, (bytes, bytearray, str)):
        if not body.strip():
            return None
        try:
            return _json.loads(body)
        except InvalidInputError:
            return _NOT_JSON
    if isinstance(body, WireModel):
        return body.to_dict()
    if isinstance(body, BaseModel):  # e.g. an official SDK's model: its wire form
        return body.model_dump(mode="json", exclude_unset=True)
    if isinstance(body, (dict, list, int, float, bool)):
        # a caller's value, maybe from another JSON decoder: refused where it stands (with its
        # path in the input) if JSON cannot carry it, rather than when the reply is validated
        _json.check_foreign(body)
        return body
    raise InvalidInputError(
        f"an error body must be a dict, a model, or JSON bytes/str, got {type(body).__name__}"
    )


def _read(body: Any, status: int | None, ctx: Context, row: Fate) -> _Source:
    value = _decode(body)
    top: Json = value if isinstance(value, dict) else {}
    error = top.get("error")
    if isinstance(error, dict):
        kind = error.get("type")
        kind = kind if isinstance(kind, str) else None
        message = error.get("message")
        if isinstance(message, str):
            return _Source(top, error, message, kind, True)
    else:
        kind = None
    what = (
        "an empty body"
        if value is None
        else "a body that is not JSON"
        if value is _NOT_JSON
        else "a JSON body that is not an error object"
    )
    own = next(
        (v for k in _MESSAGE_KEYS if isinstance(v := top.get(k), str) and v.strip()),
        None,
    )
    ctx.lose(row, "", detail=f"the upstream sent {what}; the error was made from its status")
    return _Source(top, {}, own if own is not None else _generic(status, what), kind, False)


def _generic(status: int | None, what: str) -> str:
    if status is None:
        return f"the upstream stream sent an error event with {what}"
    try:
        phrase = " " + HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"upstream returned HTTP {status}{phrase} with {what}"


def _scrub_tree(value: Any, secrets: tuple[str, ...]) -> Any:
    if not secrets:
        return value
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, dict):
        return {scrub(str(k), secrets): _scrub_tree(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_tree(v, secrets) for v in value]
    return value


def _error_status(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599


# -- Anthropic -> OpenAI -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenAIResult:
    status: int | None
    body: oai.ErrorResponse
    request_id: str | None
    no_retry: bool


def to_openai(
    body: Any, status: int | None, ctx: Context, secrets: tuple[str, ...]
) -> OpenAIResult:
    """An Anthropic error body (or anything else) -> the OpenAI error; ``status`` None in a stream."""
    ctx = ctx.with_secrets(secrets)  # the losses are scrubbed as the body is
    src = _read(body, status, ctx, _NOT_ANTHROPIC)
    error = src.error
    if src.shaped:
        ctx.unknown(src.top, _ANTHROPIC_TOP, "")
        ctx.unknown(error, _ANTHROPIC_ERROR, "error")
    anthropic_type = src.type or anthropic_type_for_status(status)
    details = error.get("details")
    code = details.get("error_code") if isinstance(details, dict) else None
    error_code = code if isinstance(code, str) else None

    kind = openai_kind(status, anthropic_type, error_code)
    out_status = None if status is None else kind.status or status
    out: Json = {"message": src.message, "type": kind.type, "param": None, "code": kind.code}
    carried_status = _restore_openai(error.get("openai"), out, ctx)
    if carried_status is not None and out_status is not None:
        out_status = carried_status

    # What openai_to_anthropic_error would make of this; carry what it would not get back.
    back = anthropic_kind(out_status, out["type"], out["code"])
    ext: Json = {}
    if src.type is not None and back.type != anthropic_type:
        ext["type"] = anthropic_type
    if status is not None and (back.status or out_status) != status:
        ext["status"] = status
    if "details" in error:
        ext["details"] = details
    request_id = src.top.get("request_id") if src.shaped else None
    request_id = request_id if isinstance(request_id, str) else None
    if status is None and request_id is not None:  # no headers in a stream: it travels in the body
        ext["request_id"] = request_id
    _carry(ctx, out, "anthropic", ext, _A2O_ROWS)

    no_retry = (
        anthropic_type in ANTHROPIC_NO_RETRY
        or (error_code is not None and error_code in ANTHROPIC_NO_RETRY)
        or out["type"] in OPENAI_NO_RETRY
        or (isinstance(out["code"], str) and out["code"] in OPENAI_NO_RETRY)
    )
    model = oai.ErrorResponse.model_validate({"error": _scrub_tree(out, secrets)})
    return OpenAIResult(out_status, model, request_id, no_retry)


def _restore_openai(ext: Any, out: Json, ctx: Context) -> int | None:
    """Apply the ``error.openai`` extension (written by the reverse direction) to ``out``."""
    if ext is None:
        return None
    if not isinstance(ext, dict):
        ctx.lose(_OPENAI_INVALID, "error.openai")
        return None
    status = None
    for key, value in ext.items():
        if key == "type" and isinstance(value, str):
            out["type"] = value
        elif key == "code" and (value is None or _is_code(value)):
            out["code"] = value
        elif key == "param" and (value is None or isinstance(value, str)):
            out["param"] = value
        elif key == "misalignment" and _valid(oai.Misalignment, value):
            out["misalignment"] = value
        elif key == "status" and _error_status(value):
            status = value
        else:
            ctx.lose(_OPENAI_INVALID, f"error.openai.{key}")
    return status


def _is_code(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _valid(tp: Any, value: Any) -> bool:
    try:
        validate(tp, value)
    except InvalidInputError:
        return False
    return True


# -- OpenAI -> Anthropic -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnthropicResult:
    status: int | None
    error: Json  # the Anthropic ``error`` object
    request_id: str | None  # carried in the body by the reverse direction (streams)
    no_retry: bool


def to_anthropic(
    body: Any, status: int | None, ctx: Context, secrets: tuple[str, ...]
) -> AnthropicResult:
    """An OpenAI error body (or anything else) -> the Anthropic error; ``status`` None in a stream."""
    ctx = ctx.with_secrets(secrets)  # the losses are scrubbed as the body is
    src = _read(body, status, ctx, _NOT_OPENAI)
    error = src.error
    if src.shaped:
        ctx.unknown(src.top, _OPENAI_TOP, "")
        ctx.unknown(error, _OPENAI_ERROR, "error")
    openai_type = src.type
    openai_code = error.get("code")

    kind = anthropic_kind(status, openai_type, openai_code)
    out_status = None if status is None else kind.status or status
    out: Json = {"type": kind.type, "message": src.message}
    carried_status, request_id = _restore_anthropic(error.get("anthropic"), out, ctx)
    if carried_status is not None and out_status is not None:
        out_status = carried_status

    details = out.get("details")
    code = details.get("error_code") if isinstance(details, dict) else None
    error_code = code if isinstance(code, str) else None
    back = openai_kind(out_status, out["type"], error_code)
    ext: Json = {}
    if openai_type is not None and back.type != openai_type:
        ext["type"] = openai_type
    if "code" in error and back.code != openai_code:
        ext["code"] = openai_code
    for key in ("param", "misalignment"):
        if error.get(key) is not None:
            ext[key] = error[key]
    if status is not None and (back.status or out_status) != status:
        ext["status"] = status
    _carry(ctx, out, "openai", ext, _O2A_ROWS)

    no_retry = (
        out["type"] in ANTHROPIC_NO_RETRY
        or (error_code is not None and error_code in ANTHROPIC_NO_RETRY)
        or openai_type in OPENAI_NO_RETRY
        or (isinstance(openai_code, str) and openai_code in OPENAI_NO_RETRY)
    )
    return AnthropicResult(out_status, _scrub_tree(out, secrets), request_id, no_retry)


def _restore_anthropic(ext: Any, out: Json, ctx: Context) -> tuple[int | None, str | None]:
    """Apply the ``error.anthropic`` extension (written by the reverse direction) to ``out``."""
    if ext is None:
        return None, None
    if not isinstance(ext, dict):
        ctx.lose(_ANTHROPIC_INVALID, "error.anthropic")
        return None, None
    status = request_id = None
    for key, value in ext.items():
        if key == "type" and isinstance(value, str):
            out["type"] = value
        elif key == "details" and (value is None or _valid(ant.ErrorDetails, value)):
            out["details"] = value
        elif key == "status" and _error_status(value):
            status = value
        elif key == "request_id" and isinstance(value, str):
            request_id = value
        else:
            ctx.lose(_ANTHROPIC_INVALID, f"error.anthropic.{key}")
    return status, request_id


# -- carriage ------------------------------------------------------------------------------------

# extension key -> (fate row, input path) for the loss report when extensions are off
_A2O_ROWS: Final[dict[str, tuple[Fate, str]]] = {
    "type": (_A2O_TYPE, "error.type"),
    "status": (_A2O_STATUS, "status"),
    "details": (_A2O_DETAILS, "error.details"),
    "request_id": (_A2O_REQUEST_ID, "request_id"),
}
_O2A_ROWS: Final[dict[str, tuple[Fate, str]]] = {
    "type": (_O2A_TYPE, "error.type"),
    "code": (_O2A_CODE, "error.code"),
    "param": (_O2A_PARAM, "error.param"),
    "misalignment": (_O2A_MISALIGNMENT, "error.misalignment"),
    "status": (_O2A_STATUS, "status"),
}


def _carry(
    ctx: Context, out: Json, name: str, ext: Json, rows: dict[str, tuple[Fate, str]]
) -> None:
    if not ext:
        return
    if ctx.options.extensions:
        out[name] = ext
        return
    for key in ext:
        row, path = rows[key]
        ctx.lose(row, path)
