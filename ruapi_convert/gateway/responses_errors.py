"""
ruapi_convert.gateway.responses_errors
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Errors inside a stream, between Chat Completions and the Responses API. (Error *bodies* need no
conversion: every OpenAI endpoint answers errors with the same ``{"error": {message, type, param,
code}}``, which is ``models.responses.ErrorResponse`` too.)

Inside a Chat stream an error is a ``data: {"error": {...}}`` chunk; inside a Responses stream it
is an ``error`` event (``{type: "error", code, message, param}``; OpenAI has also been recorded
nesting them under ``error``) and, once the response has started, ``response.failed`` whose
``response.error`` is ``{code, message}``. Codex retries on the failed response's ``error.code``
(``rate_limit_exceeded`` with "try again in N s" in the message, ``context_length_exceeded``,
``insufficient_quota``, ``usage_not_included``), so a Chat error's ``code`` is kept as it is and
its message verbatim; an error without a code gets one from its ``type``.
"""

from __future__ import annotations

from typing import Any, Final

from .errors import TRUNCATED_MESSAGE

__all__ = [
    "chat_error_for_event",
    "responses_error_for_chunk",
    "truncated_responses_error",
]

Json = dict[str, Any]

#: Chat error ``type`` -> Responses error ``code``, for an error that has no string code.
_TYPE_TO_CODE: Final = {
    "rate_limit_exceeded": "rate_limit_exceeded",
    "rate_limit_error": "rate_limit_exceeded",
    "insufficient_quota": "insufficient_quota",
}


def responses_error_for_chunk(chunk: Json) -> Json:
    """``{code, message, param}`` of the Responses error for a Chat error chunk's ``error``."""
    error = chunk.get("error")
    error = error if isinstance(error, dict) else {}
    message = error.get("message")
    code = error.get("code")
    if not isinstance(code, str) or not code:
        kind = error.get("type")
        code = _TYPE_TO_CODE.get(kind, "server_error") if isinstance(kind, str) else "server_error"
    param = error.get("param")
    return {
        "code": code,
        "message": message if isinstance(message, str) else "upstream error",
        "param": param if isinstance(param, str) else None,
    }


def truncated_responses_error() -> Json:
    """``{code, message, param}`` of the Responses error for a stream cut short."""
    return {"code": "server_error", "message": TRUNCATED_MESSAGE, "param": None}


def chat_error_for_event(event: Json) -> Json:
    """The Chat error chunk for a Responses ``error`` event or ``response.failed`` event."""
    kind = None
    if event.get("type") == "response.failed":
        source = (event.get("response") or {}).get("error") or {}
        kind = source.get("type")
    elif isinstance(event.get("error"), dict):
        source = event["error"]  # the nested form OpenAI was recorded sending
        kind = source.get("type")
    else:
        source = event  # the top-level form: its "type" is the event's, "error"
    message = source.get("message")
    code = source.get("code")
    return {
        "error": {
            "message": message if isinstance(message, str) else "upstream error",
            "type": kind if isinstance(kind, str) else "server_error",
            "param": source.get("param") if isinstance(source.get("param"), str) else None,
            "code": code if isinstance(code, str) else None,
        }
    }
