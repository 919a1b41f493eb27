"""
ruapi_convert.gateway.relay
~~~~~~~~~~~~~~~~~~~~~~~~~~~

What a gateway needs around a stream converter: the stream options a request asked for, and a
relay that turns upstream bytes into client bytes and also knows how to *end* the client's
stream when the upstream connection fails.

Why a transport failure needs its own end: :meth:`SSETranscoder.close() <ruapi_convert.sse.SSETranscoder.close>`
means "the upstream body ended here", and flushes an event the upstream left half-written
(dispatching its partial data). When the connection broke instead, that partial event is
garbage; :meth:`StreamRelay.fail` drops it and sends the converter's own error framing, with a
message that says what happened to the connection, so that the client's SDK raises its error
class instead of a torn chunked body. After the end, every call returns ``b""``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from typing import Protocol as _Protocol

from .. import _json
from ..errors import StreamProtocolError
from ..losses import Converted
from ..models._base import WireModel
from ..sse import DEFAULT_MAX_EVENT_SIZE, SSETranscoder, Transcodes
from .failures import transport_message

if TYPE_CHECKING:
    from ..losses import Loss
    from .failures import TransportFailure
    from .paths import Protocol

__all__ = ["StreamOptions", "StreamRelay", "stream_options"]


@dataclass(frozen=True, slots=True)
class StreamOptions:
    """What a request asked for about streaming."""

    #: The reply is a stream.
    stream: bool
    #: The client gets usage in the stream: Chat Completions only with
    #: ``stream_options.include_usage``; Messages and Responses streams always carry it.
    include_usage: bool


def stream_options(protocol: Protocol, request: Any) -> StreamOptions:
    """The stream options of a ``protocol`` request: a dict, a model, JSON bytes/str, or the
    ``Converted`` result of a conversion into ``protocol`` (its value is read).

    Read the *client's* request for what the client gets: a converted upstream request may ask
    its upstream for more (a Chat upstream is always asked for usage when a Messages or
    Responses client streams). Raises :class:`~ruapi_convert.errors.InvalidInputError` for a
    body that is not a JSON object.
    """
    if isinstance(request, Converted):
        request = request.value
    if isinstance(request, WireModel):
        body = request.to_dict()
    elif isinstance(request, (bytes, bytearray, memoryview, str)):
        body = _json.loads(request)
    else:
        body = request
    if not isinstance(body, dict):
        from ..errors import InvalidInputError

        raise InvalidInputError("a request must be a JSON object", path="")
    stream = body.get("stream") is True
    if protocol != "openai":
        return StreamOptions(stream, stream)
    options = body.get("stream_options")
    include = isinstance(options, dict) and options.get("include_usage") is True
    return StreamOptions(stream, stream and include)


class _Converter(Transcodes, _Protocol):
    @property
    def losses(self) -> tuple[Loss, ...]: ...


class StreamRelay:
    """Upstream SSE bytes in, client SSE bytes out, with an end for every way a stream ends.

    * :meth:`feed` for each chunk of the upstream body as it arrives;
    * :meth:`close` when the upstream body ended (the converter's closing events, or its error
      framing when the upstream stopped before its end);
    * :meth:`fail` when the upstream connection failed (timeout, reset, closed mid-body): the
      client's error framing, the half-read event dropped.

    ``converter`` is any stream converter of the library (or a
    :class:`~ruapi_convert.gateway.PassthroughStream`).
    """

    __slots__ = ("_ended", "converter", "transcoder")

    def __init__(self, converter: Any, *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self.converter: _Converter = converter
        self.transcoder = SSETranscoder(converter, max_event_size=max_event_size)
        self._ended = False

    @property
    def losses(self) -> tuple[Loss, ...]:
        """What the conversion lost so far."""
        return tuple(self.converter.losses)

    @property
    def error(self) -> Exception | None:
        """The ConversionError that ended the stream (a broken upstream stream), if one did."""
        return self.transcoder.error

    @property
    def ended(self) -> bool:
        """True after :meth:`close` or :meth:`fail`."""
        return self._ended

    def feed(self, data: bytes | bytearray | memoryview) -> bytes:
        """Client bytes for one chunk of the upstream body."""
        if self._ended:
            return b""
        return self.transcoder.feed(data)

    def close(self) -> bytes:
        """The upstream body ended: the last client bytes."""
        if self._ended:
            return b""
        self._ended = True
        return self.transcoder.close()

    def fail(self, failure: TransportFailure, detail: str = "") -> bytes:
        """The upstream connection failed (see :data:`~ruapi_convert.gateway.TransportFailure`):
        the client protocol's error framing, saying so; nothing if the client's stream had
        already ended (its terminator or an error was sent)."""
        if self._ended:
            return b""
        self._ended = True
        if self.transcoder.error is not None:
            return b""
        exc = StreamProtocolError(transport_message(failure, detail))
        return self.converter.error_bytes(exc)
