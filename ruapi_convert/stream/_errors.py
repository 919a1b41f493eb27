"""
ruapi_convert.stream._errors
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Mid-stream error framing. After the HTTP 200 an error can only travel in-band:

* Anthropic: ``event: error`` / ``data: {"type": "error", "error": {"type", "message"}}``;
* OpenAI: ``data: {"error": {"message", "type", "param", "code"}}`` (the OpenAI SDK raises
  ``APIError`` on any event whose data has an ``error`` key).

The error *types* map through the same table as HTTP errors (``convert.errors``); the stream then
ends without its success terminator (no ``[DONE]``, no ``message_stop``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..convert.errors import anthropic_stream_error, openai_stream_error

if TYPE_CHECKING:
    from ..convert._context import Context

__all__ = [
    "anthropic_error_event",
    "openai_error_chunk",
    "truncated_anthropic_error",
    "truncated_openai_error",
]

Json = dict[str, Any]

#: What a client sees when the upstream stream stops before its end (connection dropped, proxy
#: timeout): an error, never a clean finish.
TRUNCATED_MESSAGE = "the upstream stream ended before it was complete"


def openai_error_chunk(event: Json, ctx: Context) -> Json:
    """The OpenAI error chunk for an Anthropic ``error`` event (losses go to ``ctx``)."""
    return openai_stream_error(event, options=ctx.options, losses=ctx.losses).to_dict()


def anthropic_error_event(chunk: Json, ctx: Context) -> Json:
    """The Anthropic ``error`` event for an OpenAI error chunk (losses go to ``ctx``)."""
    return anthropic_stream_error(chunk, options=ctx.options, losses=ctx.losses).to_dict()


def truncated_openai_error() -> Json:
    return {
        "error": {
            "message": TRUNCATED_MESSAGE,
            "type": "server_error",
            "param": None,
            "code": "stream_truncated",
        }
    }


def truncated_anthropic_error() -> Json:
    return {"type": "error", "error": {"type": "api_error", "message": TRUNCATED_MESSAGE}}
