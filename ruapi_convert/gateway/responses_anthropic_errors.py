"""
ruapi_convert.gateway.responses_anthropic_errors
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Errors between Anthropic Messages and the Responses API.

HTTP error *bodies*: every OpenAI endpoint, ``/v1/responses`` included, answers errors with
``{"error": {message, type, param, code}}``, so :func:`anthropic_to_responses_error` and
:func:`responses_to_anthropic_error` are :func:`~.errors.anthropic_to_openai_error` and
:func:`~.errors.openai_to_anthropic_error` (status, headers, retry hints, redaction) with one thing
added for the codes a Codex client acts on: Anthropic's context overflow is a 400
``invalid_request_error`` whose message says "prompt is too long: N tokens > M maximum", which
becomes OpenAI's code ``context_length_exceeded`` (and back).

Inside a stream an Anthropic error is an ``error`` event (``{type: error, error: {type, message}}``);
a Responses one is an ``error`` event and, once the response started, ``response.failed`` whose
``response.error.code`` Codex retries on (codex-rs ``sse/responses.rs``): ``rate_limit_exceeded``
(with the delay parsed from "try again in N s"), ``context_length_exceeded``,
``insufficient_quota``, ``usage_not_included``, ``server_is_overloaded``. The codes come from the
same vocabulary as the error bodies (:mod:`._vocab`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ._vocab import ANTHROPIC_TYPE_TO_OPENAI
from .errors import anthropic_to_openai_error, openai_to_anthropic_error

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from ..losses import Converted
    from ..models import anthropic as ant
    from ..models import openai as oai
    from ..options import CommonOptions, Options
    from .errors import ErrorReply
    from .headers import HeadersInput

__all__ = [
    "CONTEXT_LENGTH_EXCEEDED",
    "anthropic_error_for_responses_event",
    "anthropic_to_responses_error",
    "responses_error_for_anthropic_event",
    "responses_to_anthropic_error",
]

Json = dict[str, Any]

#: OpenAI's code for a prompt that does not fit the context window.
CONTEXT_LENGTH_EXCEEDED: Final = "context_length_exceeded"
#: How Anthropic words a context overflow ("prompt is too long: 210000 tokens > 200000 maximum").
_TOO_LONG: Final = re.compile(r"prompt is too long|input is too long|context window", re.IGNORECASE)


def _context_overflow(kind: Any, message: Any) -> bool:
    return (
        kind == "invalid_request_error"
        and isinstance(message, str)
        and bool(_TOO_LONG.search(message))
    )


def anthropic_to_responses_error(
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
    """An Anthropic error reply as the Responses API's (the OpenAI error body), with a context
    overflow coded ``context_length_exceeded``. Arguments as for ``anthropic_to_openai_error``."""
    result = anthropic_to_openai_error(
        status,
        body,
        headers,
        now=now,
        redact=redact,
        passthrough=passthrough,
        options=options,
        **opts,
    )
    wire = result.value.body.to_dict()
    error = wire.get("error") or {}
    if _context_overflow(error.get("type"), error.get("message")) and error.get("code") is None:
        error["code"] = CONTEXT_LENGTH_EXCEEDED
        body_model = type(result.value.body).model_validate(wire)
        value = dataclasses.replace(result.value, body=body_model)
        return dataclasses.replace(result, value=value)
    return result


def responses_to_anthropic_error(
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
    """A Responses error reply (the OpenAI error body) as Anthropic's. ``context_length_exceeded``
    is a 400 ``invalid_request_error`` on both sides, and its message is kept, so Anthropic
    clients that look for "prompt is too long" do not see it; the rest is
    ``openai_to_anthropic_error``."""
    return openai_to_anthropic_error(
        status,
        body,
        headers,
        now=now,
        redact=redact,
        passthrough=passthrough,
        options=options,
        **opts,
    )


# -- inside streams ----------------------------------------------------------------------------------


def responses_error_for_anthropic_event(event: Json) -> Json:
    """``{code, message, param}`` of the Responses error for an Anthropic ``error`` event."""
    error = event.get("error")
    error = error if isinstance(error, dict) else {}
    kind, message = error.get("type"), error.get("message")
    if _context_overflow(kind, message):
        code = CONTEXT_LENGTH_EXCEEDED
    else:
        mapped = ANTHROPIC_TYPE_TO_OPENAI.get(kind) if isinstance(kind, str) else None
        code = (mapped.code or mapped.type) if mapped is not None else "server_error"
        if code in ("rate_limit_error",):
            code = "rate_limit_exceeded"
    return {
        "code": code,
        "message": message if isinstance(message, str) else "upstream error",
        "param": None,
    }


#: Responses error code -> Anthropic error type, for an error event inside a stream.
_CODE_TO_TYPE: Final = {
    "rate_limit_exceeded": "rate_limit_error",
    "insufficient_quota": "billing_error",
    "usage_not_included": "permission_error",
    "context_length_exceeded": "invalid_request_error",
    "invalid_prompt": "invalid_request_error",
    "server_is_overloaded": "overloaded_error",
    "slow_down": "overloaded_error",
    "server_error": "api_error",
}


def anthropic_error_for_responses_event(event: Json) -> Json:
    """The Anthropic ``error`` event for a Responses ``error`` or ``response.failed`` event."""
    if event.get("type") == "response.failed":
        source = (event.get("response") or {}).get("error") or {}
    elif isinstance(event.get("error"), dict):
        source = event["error"]  # the nested form OpenAI was recorded sending
    else:
        source = event
    code, message = source.get("code"), source.get("message")
    kind = _CODE_TO_TYPE.get(code, "api_error") if isinstance(code, str) else "api_error"
    return {
        "type": "error",
        "error": {
            "type": kind,
            "message": message if isinstance(message, str) else "upstream error",
        },
    }
