"""
ruapi_convert.gateway.passthrough
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The same-protocol "conversions": a client and an upstream that speak the same protocol still go
through the gateway's one code path, so that routing, model rewriting, error framing and loss
logging do not need a second one.

* :func:`passthrough_request` / :func:`passthrough_response` validate a body with the protocol's
  model and return it unchanged (``parse(x).to_dict() == x`` for every valid payload), as a
  ``Converted`` with no losses; ``model=`` rewrites the request's model as the converters do.
* :class:`PassthroughStream` forwards every event as it came and knows how its protocol ends a
  stream: ``[DONE]`` (or a finished choice) for Chat Completions, ``message_stop`` for Messages,
  ``response.completed`` / ``failed`` / ``incomplete`` for Responses, or an error event in any. A
  stream cut short before that ends with the protocol's error framing, exactly like a converting
  stream; so does :meth:`PassthroughStream.error_bytes` for a transport failure.
* :func:`passthrough_error`, :func:`passthrough_headers` and :func:`passthrough_model_list` are
  the same-vendor edges (the Responses API and Chat Completions share OpenAI's error bodies,
  headers and model list): bodies keep their shape, headers keep the vendor's documented
  response headers only (request ids, retry hints, rate limits), as the converting functions do.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from .. import _json
from .._quote import quote
from ..errors import ConversionError, InvalidInputError
from ..losses import Converted
from ..models import anthropic as ant
from ..models import openai as oai
from ..sse import ServerSentEvent, encode, frame
from ._text import read_headers, usable
from ._vocab import (
    CARRIED_RATE_LIMIT_HEADERS,
    RATE_LIMIT_ANTHROPIC_TO_OPENAI,
    RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI,
)
from .errors import TRUNCATED_MESSAGE, ErrorReply
from .failures import AnyErrorReply, error_reply

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..models._base import WireModel
    from .headers import HeadersInput
    from .paths import Protocol

__all__ = [
    "PassthroughStream",
    "passthrough_error",
    "passthrough_headers",
    "passthrough_model_list",
    "passthrough_request",
    "passthrough_response",
]

Json = dict[str, Any]

#: protocol -> (module, request model, reply model); Responses models load on first use.
_MODELS: Final[dict[str, tuple[str, str, str]]] = {
    "openai": ("ruapi_convert.models.openai", "ChatCompletionCreateParams", "ChatCompletion"),
    "anthropic": ("ruapi_convert.models.anthropic", "MessageCreateParams", "Message"),
    "responses": ("ruapi_convert.models.responses", "ResponseCreateParams", "Response"),
}


def _model_class(protocol: str, which: int) -> type[WireModel]:
    found = _MODELS.get(protocol)
    if found is None:
        raise InvalidInputError(f"unknown protocol {quote(protocol)}", path="protocol")
    cls: type[WireModel] = getattr(importlib.import_module(found[0]), found[which])
    return cls


def passthrough_request(
    protocol: Protocol, body: Any, *, model: str | None = None
) -> Converted[Any]:
    """``body`` validated as a ``protocol`` request, unchanged but for ``model=``."""
    cls = _model_class(protocol, 1)
    value = cls.parse(body)
    if model is not None and value.to_dict().get("model") != model:
        value = cls.parse({**value.to_dict(), "model": model})
    return Converted(value)


def passthrough_response(protocol: Protocol, body: Any) -> Converted[Any]:
    """``body`` validated as a ``protocol`` reply, unchanged."""
    return Converted(_model_class(protocol, 2).parse(body))


# -- streams --------------------------------------------------------------------------------------

#: The Responses events after which nothing follows (an ``error`` event too, unless a response
#: was announced: then ``response.failed`` follows it).
_RESPONSES_END: Final = frozenset({"response.completed", "response.failed", "response.incomplete"})
#: The Responses events that carry the response snapshot a response.failed repeats.
_RESPONSES_SNAPSHOT: Final = frozenset({"response.created", "response.in_progress"})


class PassthroughStream:
    """A stream "converter" between a client and an upstream of the same ``protocol``.

    Events pass through as they came (re-framed one per event, which keeps their name and data);
    what it adds is the end: :meth:`transcode_close` returns the protocol's error framing when the
    upstream stopped before its end, and :meth:`error_bytes` the same for any failure, so that a
    client sees an error rather than a stream that merely stops. Use it with
    :class:`~ruapi_convert.sse.SSETranscoder` or :class:`~ruapi_convert.gateway.StreamRelay`.
    """

    __slots__ = ("_count", "_ended", "_errored", "_finished", "_snapshot", "protocol")

    def __init__(self, protocol: Protocol) -> None:
        _model_class(protocol, 1)  # an unknown protocol fails here, not mid-stream
        self.protocol = protocol
        self._ended = False  # an end event (or an error event) was forwarded
        self._finished = False  # Chat: a choice finished, so a missing [DONE] is no truncation
        self._count = 0  # Responses: events forwarded, for the next sequence_number
        self._snapshot: Json | None = None  # Responses: the response of response.created
        # Responses: the message of an error event that went through (response.failed is due)
        self._errored: str | None = None

    @property
    def losses(self) -> tuple[()]:
        """Nothing is lost in a pass-through."""
        return ()

    @property
    def ended(self) -> bool:
        """True once the stream's end (or an error event) went through."""
        return self._ended

    def transcode(self, event: ServerSentEvent) -> bytes:
        """One upstream event, as the client gets it."""
        if self._ended:
            return b""  # trailing input after the end is not the client's business
        protocol = self.protocol
        if protocol == "anthropic":
            if event.event in ("message_stop", "error"):
                self._ended = True
        elif protocol == "openai":
            if event.is_done:
                self._ended = True
            elif '"finish_reason":' in event.data or '"error"' in event.data:
                self._note_chat(event.data)
        else:
            if event.event in _RESPONSES_SNAPSHOT:
                self._note_snapshot(event.data)
            if event.event in _RESPONSES_END or (event.event == "error" and self._snapshot is None):
                self._ended = True
            elif event.event == "error":
                self._errored = self._error_message(event.data)
            self._count += 1
        return encode(event)

    def transcode_close(self) -> bytes:
        """End of the upstream body: nothing when the stream had ended, its error framing if not."""
        if self._ended or self._finished:
            return b""
        return self._error_frames(TRUNCATED_MESSAGE)

    def error_bytes(self, exc: Any) -> bytes:
        """The protocol's mid-stream error framing for ``exc`` (its text is the message), or
        nothing once the stream had ended."""
        if self._ended:
            return b""
        return self._error_frames(str(exc))

    def _note_chat(self, data: str) -> None:
        try:
            chunk = _json.loads(data)
        except ConversionError:
            return
        if not isinstance(chunk, dict):
            return
        if "error" in chunk:
            self._ended = True
            return
        choices = chunk.get("choices")
        if isinstance(choices, list) and any(
            isinstance(c, dict) and c.get("finish_reason") for c in choices
        ):
            self._finished = True

    def _note_snapshot(self, data: str) -> None:
        try:
            event = _json.loads(data)
        except ConversionError:
            return
        if isinstance(event, dict) and isinstance(event.get("response"), dict):
            self._snapshot = event["response"]

    @staticmethod
    def _error_message(data: str) -> str:
        try:
            event = _json.loads(data)
        except ConversionError:
            return TRUNCATED_MESSAGE
        message = event.get("message") if isinstance(event, dict) else None
        return message if isinstance(message, str) else TRUNCATED_MESSAGE

    def _error_frames(self, message: str) -> bytes:
        self._ended = True
        if self.protocol == "anthropic":
            body = {"type": "error", "error": {"type": "api_error", "message": message}}
            return frame(_json.dumps(body), "error")
        if self.protocol == "openai":
            error = {"message": message, "type": "server_error", "param": None, "code": None}
            return frame(_json.dumps({"error": error}))
        # Responses: an error event, then response.failed once a response was announced (a
        # client that saw response.created waits for the response to end).
        error = {"code": "server_error", "message": message, "param": None}
        out = []
        if self._errored is not None:  # an upstream error event already told the client why
            message = self._errored
        else:
            event = {"type": "error", **error, "sequence_number": self._count}
            out.append(frame(_json.dumps(event), "error"))
            self._count += 1
        if self._snapshot is not None:
            response = {
                **self._snapshot,
                "status": "failed",
                "error": {"code": "server_error", "message": message},
            }
            failed = {
                "type": "response.failed",
                "sequence_number": self._count,
                "response": response,
            }
            out.append(frame(_json.dumps(failed), "response.failed"))
        return b"".join(out)


# -- same-vendor edges ----------------------------------------------------------------------------

#: Every response header a vendor documents (both vendors' names: a same-vendor reply keeps its own).
_VENDOR_HEADERS: Final = frozenset(
    {
        *RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI,
        *(entry.value for entry in RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI.values()),
        *RATE_LIMIT_ANTHROPIC_TO_OPENAI,
        *(entry.value for entry in RATE_LIMIT_ANTHROPIC_TO_OPENAI.values()),
        *CARRIED_RATE_LIMIT_HEADERS,
        "openai-processing-ms",
        "x-ratelimit-limit-tokens-usage-based",
    }
)


def passthrough_headers(
    headers: HeadersInput, *, passthrough: Iterable[str] = ()
) -> Converted[dict[str, str]]:
    """The upstream's response headers a same-vendor client gets: the vendor's documented ones
    (request id, retry hints, rate limits) and those named in ``passthrough``, with values that
    are legal header values; never hop-by-hop or framing headers (lower-case names)."""
    hdrs, named = read_headers(headers)
    extra = {name.lower() for name in passthrough}
    out = {
        name: value
        for name, value in hdrs.items()
        if (name in _VENDOR_HEADERS or name in extra) and name not in named and usable(value, ())
    }
    return Converted(out)


def passthrough_error(
    protocol: Protocol, status: int, body: Any, headers: HeadersInput = None
) -> Converted[AnyErrorReply]:
    """An upstream error of the client's own vendor: the body as it came when it is the
    vendor's error shape, a generic error of the status otherwise (an HTML page from a proxy),
    and the vendor's headers (:func:`passthrough_headers`)."""
    hdrs = passthrough_headers(headers).value
    cls: type[WireModel] = ant.ErrorResponse if protocol == "anthropic" else oai.ErrorResponse
    try:
        parsed = cls.parse(body)
    except ConversionError:
        made: Any = error_reply(protocol, status, f"the upstream answered HTTP {status}")
        return Converted(ErrorReply(made.status, made.body, {**made.headers, **hdrs}))
    reply: Any = ErrorReply(status, parsed, {"content-type": "application/json", **hdrs})
    return Converted(reply)


def passthrough_model_list(protocol: Protocol, body: Any) -> Converted[Any]:
    """A model list of the client's own vendor, validated and unchanged."""
    cls: type[WireModel] = ant.ModelList if protocol == "anthropic" else oai.ModelList
    return Converted(cls.parse(body))
