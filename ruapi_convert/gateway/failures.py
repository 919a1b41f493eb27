"""
ruapi_convert.gateway.failures
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The error replies a gateway makes up itself, in the protocol its client speaks: the answers that
do not come from the upstream (those are converted by :mod:`.errors`).

* :func:`conversion_error_reply`: the library refused a body. When it was the client's request,
  the client gets the exception's ``status_hint`` (400: its request is the problem) with the JSON
  path as ``param``; when it was the upstream's reply, the gateway failed the client: 502.
* :func:`transport_error_reply`: the upstream could not be reached or did not answer: 504 for a
  timeout, 502 for everything else (RFC 9110 15.6.3 and 15.6.5). Both SDKs retry these statuses,
  as they would retry the vendor's own 5xx.
* :func:`unsupported_reply`: the gateway has no way to serve the operation for this model (token
  counting through an upstream without it): 404, the answer a vendor gives for an endpoint it
  does not serve, so that no SDK retries it.
* :func:`error_reply`: the general form the others are made with.

The body is the protocol's error body (``{"error": {message, type, param, code}}`` for Chat
Completions and the Responses API, ``{"type": "error", "error": {type, message}}`` for Messages)
and the type the vendor uses for the status (Anthropic: ``api_error`` for 502, ``timeout_error``
for 504 ...). Messages are quoted with the library's limit, so an upstream's exception text cannot
make a reply unbounded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Literal, Union

from .._quote import quote
from ..errors import ConversionError, InvalidInputError
from ..models import anthropic as ant
from ..models import openai as oai
from ._bodies import anthropic_type_for_status
from .errors import ErrorReply

if TYPE_CHECKING:
    from .paths import Protocol

__all__ = [
    "TRANSPORT_FAILURES",
    "AnyErrorReply",
    "TransportFailure",
    "conversion_error_reply",
    "error_reply",
    "transport_error_reply",
    "unsupported_reply",
]

#: An error reply in any protocol (Responses errors are Chat Completions error bodies).
AnyErrorReply = Union[ErrorReply[oai.ErrorResponse], ErrorReply[ant.ErrorResponse]]

#: How an upstream exchange can fail below HTTP: ``timeout`` (connect, read or pool timeout),
#: ``connect`` (refused, unresolvable, TLS), ``read`` (the connection broke while the reply was
#: read: reset, closed before the body ended), ``protocol`` (the upstream spoke broken HTTP).
TransportFailure = Literal["timeout", "connect", "read", "protocol"]

#: Each failure: the status a client gets, the OpenAI ``code``, and what the message says.
TRANSPORT_FAILURES: Final[dict[TransportFailure, tuple[int, str, str]]] = {
    "timeout": (504, "upstream_timeout", "the upstream did not answer in time"),
    "connect": (502, "upstream_unreachable", "the upstream could not be reached"),
    "read": (502, "upstream_connection_lost", "the upstream connection broke"),
    "protocol": (502, "upstream_protocol_error", "the upstream sent a malformed HTTP reply"),
}

#: The OpenAI error ``type`` of a status a gateway makes up.
_OPENAI_TYPES: Final = {400: "invalid_request_error", 404: "invalid_request_error"}


def error_reply(
    protocol: Protocol,
    status: int,
    message: str,
    *,
    type: str | None = None,
    code: str | None = None,
    param: str | None = None,
    retry: bool | None = None,
) -> AnyErrorReply:
    """An error reply of ``protocol`` (``"openai"``, ``"anthropic"`` or ``"responses"``).

    ``type`` defaults to the vendor's word for ``status``; ``code`` and ``param`` appear in the
    OpenAI body only (Anthropic's has no such fields). ``retry=False`` adds
    ``x-should-retry: false`` (both SDKs honour it before any status rule), ``True`` forces a retry.
    """
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        raise InvalidInputError(
            f"status must be an HTTP error status (400 to 599), got {quote(status)}",
            path="status",
        )
    headers = {"content-type": "application/json"}
    if retry is not None:
        headers["x-should-retry"] = "true" if retry else "false"
    if protocol == "anthropic":
        kind = type or anthropic_type_for_status(status)
        body: Any = ant.ErrorResponse.model_validate(
            {"type": "error", "error": {"type": kind, "message": message}}
        )
        return ErrorReply(status, body, headers)
    if protocol not in ("openai", "responses"):
        raise InvalidInputError(f"unknown protocol {quote(protocol)}", path="protocol")
    default = _OPENAI_TYPES.get(status, "invalid_request_error" if status < 500 else "server_error")
    error = {"message": message, "type": type or default, "param": param, "code": code}
    return ErrorReply(status, oai.ErrorResponse.model_validate({"error": error}), headers)


def conversion_error_reply(
    exc: ConversionError, protocol: Protocol, *, upstream: bool = False
) -> AnyErrorReply:
    """The reply for a body the library refused, in the client's ``protocol``.

    ``upstream=False`` (the client's request): status ``exc.status_hint``, type
    ``invalid_request_error``, ``param`` the JSON path. ``upstream=True`` (the upstream's reply,
    or its stream before anything was sent): 502, the message saying the upstream's reply could
    not be converted.
    """
    if upstream:
        return error_reply(
            protocol,
            502,
            f"the upstream's reply could not be converted: {exc}",
            code="upstream_reply_unconvertible",
        )
    status = exc.status_hint
    kind = "invalid_request_error" if status < 500 else None
    return error_reply(
        protocol,
        status,
        str(exc),
        type=kind,
        param=exc.path or None,
    )


def transport_error_reply(
    protocol: Protocol, failure: TransportFailure, detail: str = ""
) -> AnyErrorReply:
    """The reply when the upstream exchange failed below HTTP (see :data:`TransportFailure`):
    504 for ``timeout``, 502 otherwise. ``detail`` (the exception's text, say) is appended,
    quoted and bounded."""
    status, code, message = _failure(failure)
    if detail:
        message = f"{message}: {quote(detail)}"
    return error_reply(protocol, status, message, code=code)


def unsupported_reply(protocol: Protocol, message: str) -> AnyErrorReply:
    """404 in the client's protocol: the operation is not served for this request (no SDK
    retries it)."""
    return error_reply(protocol, 404, message, code="unsupported", retry=False)


def transport_message(failure: TransportFailure, detail: str = "") -> str:
    """The sentence a client reads for ``failure`` (with ``detail`` quoted after it)."""
    message = _failure(failure)[2]
    return f"{message}: {quote(detail)}" if detail else message


def _failure(failure: Any) -> tuple[int, str, str]:
    found = TRANSPORT_FAILURES.get(failure)
    if found is None:
        raise InvalidInputError(
            f"failure must be one of {', '.join(TRANSPORT_FAILURES)}, got {quote(failure)}",
            path="failure",
        )
    return found
