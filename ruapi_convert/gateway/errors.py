"""
ruapi_convert.gateway.errors
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Error replies, both directions, and the error framing of a stream:

* :func:`anthropic_to_openai_error` and :func:`openai_to_anthropic_error` turn an upstream status,
  body and headers into an :class:`ErrorReply` (status, body model, headers) the client's own SDK
  understands: the same exception class, the original message, the same retry behaviour;
* :func:`openai_stream_error` and :func:`anthropic_stream_error` convert an error *inside* a
  stream (the HTTP status is already 200, so only the type is mapped); a stream that ends before
  its end becomes :func:`truncated_openai_error` / :func:`truncated_anthropic_error`.

All are pure. The vocabulary is in ``_vocab``, the fate of each field beside the code that reports
it (``_bodies``), and both are rendered into docs/mapping.md.

Failure contract: an *upstream* body is never a reason to fail - HTML, an empty body, garbage bytes
or an unexpected JSON shape still give a well-formed error - so these functions raise
:class:`~ruapi_convert.errors.InvalidInputError` only for bad *arguments* (a status that is not an
HTTP error status, headers that are not strings, a naive ``now``),
and :class:`~ruapi_convert.errors.LossyConversionError` with ``strict=True``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from typing_extensions import Unpack

from .._quote import quote
from ..errors import InvalidInputError
from ..mapping._ledger import Context
from ..models import anthropic as ant
from ..models import openai as oai
from ..options import CommonOptions, resolve_options
from ..sse import ServerSentEvent
from . import _bodies
from ._text import check_now, credentials, read_headers, usable
from .headers import HeadersInput, response_headers

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from ..losses import Converted
    from ..options import Options

__all__ = [
    "TRUNCATED_MESSAGE",
    "ErrorReply",
    "anthropic_stream_error",
    "anthropic_to_openai_error",
    "openai_stream_error",
    "openai_to_anthropic_error",
    "stream_error_to_anthropic",
    "stream_error_to_openai",
    "truncated_anthropic_error",
    "truncated_openai_error",
]

B = TypeVar("B")


@dataclass(frozen=True, slots=True)
class ErrorReply(Generic[B]):
    """An error reply to send to the client: status, body model and headers (lower-case names).

    ``headers`` always has ``content-type: application/json``; send ``body.to_json()`` as the body
    (and let the HTTP layer set ``content-length``).
    """

    status: int
    body: B
    headers: dict[str, str]


# -- error replies -------------------------------------------------------------------------------


def anthropic_to_openai_error(
    status: int,
    body: Any,
    headers: HeadersInput = None,
    *,
    now: datetime | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[CommonOptions],
) -> Converted[ErrorReply[oai.ErrorResponse]]:
    """Convert an Anthropic error reply (status, body, response headers) into an OpenAI one.

    ``body`` is a dict, a model, or the raw bytes/str as received (need not be JSON). ``now`` (an
    aware datetime) is needed when the headers carry rate-limit resets. Credentials found in the
    headers, plus the strings in ``redact``, never appear in the result. ``passthrough`` names
    extra response headers to copy verbatim.
    """
    code = _check_status(status)
    resolved = resolve_options(options, opts, CommonOptions, "anthropic_to_openai_error")
    hctx = Context(resolved)
    out_headers, secrets = _reply_headers_in(headers, hctx, True, now, redact, passthrough)
    ctx = Context(resolved)
    result = _bodies.to_openai(body, code, ctx, secrets)
    if result.request_id is not None and "x-request-id" not in out_headers:
        if usable(result.request_id, secrets):
            out_headers["x-request-id"] = result.request_id
        else:
            ctx.lose(
                _bodies.REQUEST_ID, "request_id", kind="dropped", detail="not a valid header value"
            )
    ctx.merge(hctx.losses)
    out_status = code if result.status is None else result.status
    return ctx.finish(
        ErrorReply(out_status, result.body, _reply_headers(out_headers, result.no_retry))
    )


def openai_to_anthropic_error(
    status: int,
    body: Any,
    headers: HeadersInput = None,
    *,
    now: datetime | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[CommonOptions],
) -> Converted[ErrorReply[ant.ErrorResponse]]:
    """Convert an OpenAI error reply (status, body, response headers) into an Anthropic one.

    Arguments as for :func:`anthropic_to_openai_error`. The ``x-request-id`` header becomes both
    the ``request-id`` header and the body's ``request_id``.
    """
    code = _check_status(status)
    resolved = resolve_options(options, opts, CommonOptions, "openai_to_anthropic_error")
    hctx = Context(resolved)
    out_headers, secrets = _reply_headers_in(headers, hctx, False, now, redact, passthrough)
    ctx = Context(resolved)
    result = _bodies.to_anthropic(body, code, ctx, secrets)
    request_id = out_headers.get("request-id", result.request_id)
    ctx.merge(hctx.losses)
    model = ant.ErrorResponse.model_validate(_anthropic_body(result.error, request_id))
    out_status = code if result.status is None else result.status
    return ctx.finish(ErrorReply(out_status, model, _reply_headers(out_headers, result.no_retry)))


def _reply_headers_in(
    headers: HeadersInput,
    hctx: Context,
    to_openai: bool,
    now: datetime | None,
    redact: Iterable[str],
    passthrough: Iterable[str],
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The converted response headers of an error reply, and the secrets its body must not show."""
    hdrs, named = read_headers(headers)
    secrets = credentials(hdrs, redact)
    out = response_headers(
        hdrs,
        hctx,
        to_openai=to_openai,
        now=check_now(now),
        passthrough=passthrough,
        secrets=secrets,
        hop_by_hop=named,
    )
    return out, secrets


def _check_status(status: Any) -> int:
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        raise InvalidInputError(
            f"status must be an HTTP error status (an int from 400 to 599), got {quote(status)}; "
            "for an error event inside a 200 stream use openai_stream_error/anthropic_stream_error",
            path="status",
        )
    return status


def _reply_headers(headers: dict[str, str], no_retry: bool) -> dict[str, str]:
    out = {"content-type": "application/json", **headers}
    if no_retry:
        # Paying or raising a limit is the only cure: no delay to wait, and no retry at all.
        out.pop("retry-after", None)
        out.pop("retry-after-ms", None)
        out["x-should-retry"] = "false"
    return out


def _anthropic_body(error: dict[str, Any], request_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "error", "error": error}
    if request_id is not None:
        body["request_id"] = request_id
    return body


# -- mid-stream errors ---------------------------------------------------------------------------


def openai_stream_error(
    event: Any,
    *,
    redact: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[CommonOptions],
) -> Converted[oai.ErrorResponse]:
    """The OpenAI error chunk (``data: {"error": {...}}``) for an Anthropic ``error`` event.

    ``event`` is the event as a dict, a model, JSON bytes/str or a ``ServerSentEvent``; anything
    that is not an error event still gives an error chunk.
    """
    ctx = Context(resolve_options(options, opts, CommonOptions, "openai_stream_error"))
    return ctx.finish(stream_error_to_openai(event, ctx, redact))


def anthropic_stream_error(
    chunk: Any,
    *,
    redact: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[CommonOptions],
) -> Converted[ant.ErrorEvent]:
    """The Anthropic ``error`` event for an OpenAI error chunk (``{"error": {...}}``).

    Arguments as for :func:`openai_stream_error`. Send it as ``event: error``.
    """
    ctx = Context(resolve_options(options, opts, CommonOptions, "anthropic_stream_error"))
    return ctx.finish(stream_error_to_anthropic(chunk, ctx, redact))


def stream_error_to_openai(
    event: Any, ctx: Context, redact: Iterable[str] = ()
) -> oai.ErrorResponse:
    """:func:`openai_stream_error` inside a conversion: losses go to ``ctx`` (a stream's)."""
    data = event.data if isinstance(event, ServerSentEvent) else event
    return _bodies.to_openai(data, None, ctx, credentials({}, redact)).body


def stream_error_to_anthropic(
    chunk: Any, ctx: Context, redact: Iterable[str] = ()
) -> ant.ErrorEvent:
    """:func:`anthropic_stream_error` inside a conversion: losses go to ``ctx`` (a stream's)."""
    data = chunk.data if isinstance(chunk, ServerSentEvent) else chunk
    result = _bodies.to_anthropic(data, None, ctx, credentials({}, redact))
    return ant.ErrorEvent.model_validate(_anthropic_body(result.error, result.request_id))


# -- a stream that ends before its end ---------------------------------------------------------------

#: What a client sees when the upstream stream stops before its end (connection dropped, proxy
#: timeout): an error, never a clean finish.
TRUNCATED_MESSAGE: Final = "the upstream stream ended before it was complete"


def truncated_openai_error() -> dict[str, Any]:
    """The OpenAI error chunk for a stream cut short."""
    return {
        "error": {
            "message": TRUNCATED_MESSAGE,
            "type": "server_error",
            "param": None,
            "code": "stream_truncated",
        }
    }


def truncated_anthropic_error() -> dict[str, Any]:
    """The Anthropic ``error`` event for a stream cut short."""
    return {"type": "error", "error": {"type": "api_error", "message": TRUNCATED_MESSAGE}}
