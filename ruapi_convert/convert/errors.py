"""
ruapi_convert.convert.errors
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Everything a gateway sends besides message bodies, both directions:

* error replies - :func:`anthropic_to_openai_error` and :func:`openai_to_anthropic_error` turn an
  upstream status, body and headers into an :class:`ErrorReply` (status, body model, headers) the
  client's own SDK understands: the same exception class, the original message, the same retry
  behaviour;
* mid-stream errors - :func:`openai_stream_error` and :func:`anthropic_stream_error`, for the
  stream converters (the HTTP status is already 200, so only the type is mapped);
* headers - response headers (:func:`anthropic_to_openai_headers`,
  :func:`openai_to_anthropic_headers`: request ids, retry hints, rate limits) and request headers
  (:func:`openai_to_anthropic_request_headers`, :func:`anthropic_to_openai_request_headers`:
  credentials, ``anthropic-version``, ``anthropic-beta``);
* model lists - :func:`anthropic_to_openai_model_list`, :func:`openai_to_anthropic_model_list`.

All are pure: a rate-limit reset needs the current time, which is passed in as ``now``. The
vocabulary is in ``_error_tables``, the fate of each field in ``_error_fates``, and both are
rendered into docs/mapping.md.

Failure contract: an *upstream* body is never a reason to fail - HTML, an empty body, garbage bytes
or an unexpected JSON shape still give a well-formed error - so these functions raise
:class:`~ruapi_convert.errors.InvalidInputError` only for bad *arguments* (a status that is not an
HTTP error status, headers that are not strings, a naive ``now``, a model list that is not one),
and :class:`~ruapi_convert.errors.LossyConversionError` with ``strict=True``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Union

from ..errors import InvalidInputError
from ..models import anthropic as ant
from ..models import openai as oai
from ..options import resolve_options
from ..sse import ServerSentEvent
from . import _error_bodies, _headers, _model_lists
from ._context import Context
from ._error_fates import (
    A2O_ERROR,
    A2O_MODELS,
    A2O_REQUEST_HEADERS,
    A2O_RESPONSE_HEADERS,
    O2A_ERROR,
    O2A_MODELS,
    O2A_REQUEST_HEADERS,
    O2A_RESPONSE_HEADERS,
)

if TYPE_CHECKING:
    from datetime import datetime

    from ..losses import Converted, Loss
    from ..options import Options

__all__ = [
    "ErrorReply",
    "HeadersInput",
    "anthropic_stream_error",
    "anthropic_to_openai_error",
    "anthropic_to_openai_headers",
    "anthropic_to_openai_model_list",
    "anthropic_to_openai_request_headers",
    "openai_stream_error",
    "openai_to_anthropic_error",
    "openai_to_anthropic_headers",
    "openai_to_anthropic_model_list",
    "openai_to_anthropic_request_headers",
]

B = TypeVar("B")

#: What the header arguments accept: a mapping (``httpx.Headers`` included) or ``(name, value)``
#: pairs, all ``str``; names are matched case-insensitively.
HeadersInput = Union[Mapping[str, str], Iterable[tuple[str, str]], None]


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
    **opts: Any,
) -> Converted[ErrorReply[oai.ErrorResponse]]:
    """Convert an Anthropic error reply (status, body, response headers) into an OpenAI one.

    ``body`` is a dict, a model, or the raw bytes/str as received (need not be JSON). ``now`` (an
    aware datetime) is needed when the headers carry rate-limit resets. Credentials found in the
    headers, plus the strings in ``redact``, never appear in the result. ``passthrough`` names
    extra response headers to copy verbatim.
    """
    code = _check_status(status)
    resolved = resolve_options(options, opts)
    hctx = Context(resolved, A2O_RESPONSE_HEADERS)
    out_headers, secrets = _reply_headers_in(headers, hctx, True, now, redact, passthrough)
    ctx = Context(resolved, A2O_ERROR)
    result = _error_bodies.to_openai(body, code, ctx, secrets)
    if result.request_id is not None and "x-request-id" not in out_headers:
        if _headers.usable(result.request_id, secrets):
            out_headers["x-request-id"] = result.request_id
        else:
            ctx.lose("request_id", "request_id", kind="dropped", detail="not a valid header value")
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
    **opts: Any,
) -> Converted[ErrorReply[ant.ErrorResponse]]:
    """Convert an OpenAI error reply (status, body, response headers) into an Anthropic one.

    Arguments as for :func:`anthropic_to_openai_error`. The ``x-request-id`` header becomes both
    the ``request-id`` header and the body's ``request_id``.
    """
    code = _check_status(status)
    resolved = resolve_options(options, opts)
    hctx = Context(resolved, O2A_RESPONSE_HEADERS)
    out_headers, secrets = _reply_headers_in(headers, hctx, False, now, redact, passthrough)
    ctx = Context(resolved, O2A_ERROR)
    result = _error_bodies.to_anthropic(body, code, ctx, secrets)
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
    hdrs = _headers.normalize(headers)
    secrets = _headers.credentials(hdrs, redact)
    out = _headers.response_headers(
        hdrs,
        hctx,
        to_openai=to_openai,
        now=_headers.check_now(now),
        passthrough=passthrough,
        secrets=secrets,
    )
    return out, secrets


def _check_status(status: Any) -> int:
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        raise InvalidInputError(
            f"status must be an HTTP error status (an int from 400 to 599), got {status!r}; "
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
    losses: list[Loss] | None = None,
    options: Options | None = None,
    **opts: Any,
) -> oai.ErrorResponse:
    """The OpenAI error chunk (``data: {"error": {...}}``) for an Anthropic ``error`` event.

    ``event`` is the event as a dict, a model, JSON bytes/str or a ``ServerSentEvent``; anything
    that is not an error event still gives an error chunk. Losses are appended to ``losses`` when
    it is given (a stream converter passes its own list); otherwise ``strict=True`` raises.
    """
    ctx = Context(resolve_options(options, opts), A2O_ERROR)
    data = event.data if isinstance(event, ServerSentEvent) else event
    result = _error_bodies.to_openai(data, None, ctx, _headers.credentials({}, redact))
    return _stream_result(ctx, result.body, losses)


def anthropic_stream_error(
    chunk: Any,
    *,
    redact: Iterable[str] = (),
    losses: list[Loss] | None = None,
    options: Options | None = None,
    **opts: Any,
) -> ant.ErrorEvent:
    """The Anthropic ``error`` event for an OpenAI error chunk (``{"error": {...}}``).

    Arguments as for :func:`openai_stream_error`. Send it as ``event: error``.
    """
    ctx = Context(resolve_options(options, opts), O2A_ERROR)
    data = chunk.data if isinstance(chunk, ServerSentEvent) else chunk
    result = _error_bodies.to_anthropic(data, None, ctx, _headers.credentials({}, redact))
    model = ant.ErrorEvent.model_validate(_anthropic_body(result.error, result.request_id))
    return _stream_result(ctx, model, losses)


T = TypeVar("T")


def _stream_result(ctx: Context, model: T, losses: list[Loss] | None) -> T:
    if losses is None:
        return ctx.finish(model).value
    losses.extend(ctx.losses)
    return model


# -- headers -------------------------------------------------------------------------------------


def anthropic_to_openai_headers(
    headers: HeadersInput,
    *,
    now: datetime | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Any,
) -> Converted[dict[str, str]]:
    """Anthropic response headers -> OpenAI response headers (lower-case names).

    ``request-id`` -> ``x-request-id``; ``retry-after``, ``retry-after-ms`` and ``x-should-retry``
    as they are; ``anthropic-ratelimit-{requests,tokens}-*`` -> ``x-ratelimit-*-{requests,tokens}``
    (resets become durations from ``now``, which is then required). Nothing else is copied unless
    named in ``passthrough``.
    """
    return _response(headers, True, now, redact, passthrough, options, opts)


def openai_to_anthropic_headers(
    headers: HeadersInput,
    *,
    now: datetime | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Any,
) -> Converted[dict[str, str]]:
    """OpenAI response headers -> Anthropic response headers; the inverse of
    :func:`anthropic_to_openai_headers` (durations become RFC 3339 times from ``now``)."""
    return _response(headers, False, now, redact, passthrough, options, opts)


def _response(
    headers: HeadersInput,
    to_openai: bool,
    now: datetime | None,
    redact: Iterable[str],
    passthrough: Iterable[str],
    options: Options | None,
    opts: dict[str, Any],
) -> Converted[dict[str, str]]:
    ctx = Context(
        resolve_options(options, opts), A2O_RESPONSE_HEADERS if to_openai else O2A_RESPONSE_HEADERS
    )
    hdrs = _headers.normalize(headers)
    out = _headers.response_headers(
        hdrs,
        ctx,
        to_openai=to_openai,
        now=_headers.check_now(now),
        passthrough=passthrough,
        secrets=_headers.credentials(hdrs, redact),
    )
    return ctx.finish(out)


def openai_to_anthropic_request_headers(
    headers: HeadersInput,
    *,
    api_key: str | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Any,
) -> Converted[dict[str, str]]:
    """The headers of the Anthropic request for an OpenAI client's request headers.

    The Bearer token (or ``api_key``, which replaces it: a gateway usually sends its own key) goes
    into ``x-api-key``, or ``authorization: Bearer`` with option ``anthropic_auth="bearer"``;
    ``anthropic-version`` and ``anthropic-beta`` come from the options ``anthropic_version`` and
    ``anthropic_beta``; ``content-type`` is JSON. OpenAI-Organization/-Project are dropped and
    reported; nothing else is copied unless named in ``passthrough``.
    """
    ctx = Context(resolve_options(options, opts), O2A_REQUEST_HEADERS)
    return _request_headers(_headers.request_o2a, ctx, headers, api_key, redact, passthrough)


def anthropic_to_openai_request_headers(
    headers: HeadersInput,
    *,
    api_key: str | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Any,
) -> Converted[dict[str, str]]:
    """The headers of the OpenAI request for an Anthropic client's request headers.

    ``x-api-key`` (preferred, as by the Anthropic API) or ``authorization: Bearer`` (or ``api_key``)
    becomes ``authorization: Bearer``; ``content-type`` is JSON; ``anthropic-beta`` and
    ``anthropic-workspace-id`` are dropped and reported; ``anthropic-version`` is not copied;
    nothing else is copied unless named in ``passthrough``.
    """
    ctx = Context(resolve_options(options, opts), A2O_REQUEST_HEADERS)
    return _request_headers(_headers.request_a2o, ctx, headers, api_key, redact, passthrough)


def _request_headers(
    convert: Callable[..., dict[str, str]],
    ctx: Context,
    headers: HeadersInput,
    api_key: str | None,
    redact: Iterable[str],
    passthrough: Iterable[str],
) -> Converted[dict[str, str]]:
    """The upstream request's headers, by ``convert``; the key given is a secret too."""
    hdrs = _headers.normalize(headers)
    secrets = _headers.credentials(hdrs, [*redact, *([api_key] if api_key else [])])
    out = convert(hdrs, ctx, api_key=api_key, passthrough=passthrough, secrets=secrets)
    return ctx.finish(out)


# -- model lists ---------------------------------------------------------------------------------


def anthropic_to_openai_model_list(
    body: Any, *, options: Options | None = None, **opts: Any
) -> Converted[oai.ModelList]:
    """Convert a ``GET /v1/models`` body from Anthropic's form into OpenAI's.

    ``body`` is a dict, a ``ModelList`` or JSON bytes/str; it is not mutated.
    """
    ctx = Context(resolve_options(options, opts), A2O_MODELS)
    converted = _model_lists.to_openai(ant.ModelList.parse(body).to_dict(), ctx)
    return ctx.finish(oai.ModelList.model_validate(converted))


def openai_to_anthropic_model_list(
    body: Any, *, options: Options | None = None, **opts: Any
) -> Converted[ant.ModelList]:
    """Convert a ``GET /v1/models`` body from OpenAI's form into Anthropic's.

    ``body`` is a dict, a ``ModelList`` or JSON bytes/str; it is not mutated.
    """
    ctx = Context(resolve_options(options, opts), O2A_MODELS)
    converted = _model_lists.to_anthropic(oai.ModelList.parse(body).to_dict(), ctx)
    return ctx.finish(ant.ModelList.model_validate(converted))
