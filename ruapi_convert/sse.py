"""
ruapi_convert.sse
~~~~~~~~~~~~~~~~~

Server-sent events: bytes in, :class:`ServerSentEvent` out, and back. Knows nothing of payloads.

Decoding follows the WHATWG "event stream interpretation" rules
(https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):

* the stream is UTF-8; one leading U+FEFF BOM is dropped;
* lines end in CRLF, LF or CR; a CR at the end of one chunk ends its line at once (no waiting for
  the next chunk), and an LF that starts the next chunk is then skipped as the second half of CRLF;
* a blank line dispatches the event; ``:`` starts a comment; ``field: value`` loses one leading
  space from the value; ``data`` lines are joined with ``\\n``; ``event`` defaults to ``message``;
  ``id`` (unless it contains NUL) persists as the last event id across events; ``retry`` only
  counts if it is all ASCII digits; unknown fields are ignored; an event whose data buffer is empty
  is not dispatched.

Two deliberate departures, both documented on :class:`SSEDecoder`: bytes that are not UTF-8 raise
:class:`~ruapi_convert.errors.InvalidInputError` instead of becoming U+FFFD (a gateway must not
forward silently corrupted text), and :meth:`SSEDecoder.close` dispatches a final event that lacks
its terminating blank line instead of discarding it (servers do end with ``data: [DONE]`` and no
blank line; dropping that would turn a clean finish into a truncated stream).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Protocol, runtime_checkable

from . import _json
from ._quote import quote
from .errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DONE",
    "FRAME_END",
    "Comment",
    "Done",
    "SSETranscoder",
    "SSEDecoder",
    "ServerSentEvent",
    "SupportsSSE",
    "encode",
    "encode_all",
    "frame",
    "frame_head",
]

#: 64 MiB: above the largest request Anthropic accepts (32 MB), so only runaway input hits it.
DEFAULT_MAX_EVENT_SIZE: Final = 64 * 1024 * 1024

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event."""

    #: The event type; ``"message"`` when the stream sent no ``event:`` line (WHATWG default).
    event: str = "message"
    #: The data lines joined with ``\\n`` (no trailing newline).
    data: str = ""
    #: The last event id seen so far in the stream (it persists across events), if any.
    id: str | None = None
    #: The reconnection time in milliseconds, if this event carried a valid ``retry:`` field.
    retry: int | None = None

    @property
    def is_done(self) -> bool:
        """True for OpenAI's ``data: [DONE]`` terminator (matched as the official SDK does)."""
        return self.data.startswith("[DONE]")

    def json(self) -> Any:
        """The data parsed as JSON; :class:`InvalidInputError` if it is not JSON."""
        return _json.loads(self.data, path="data")


@dataclass(frozen=True, slots=True)
class Comment:
    """An SSE comment line (``: text``), e.g. a keep-alive a proxy sends instead of a ping event."""

    text: str = ""


class Done:
    """The type of :data:`DONE` (there is one instance)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "DONE"


#: OpenAI's end-of-stream marker; ``encode(DONE) == b"data: [DONE]\\n\\n"``.
DONE: Final = Done()


class SSEDecoder:
    """Incremental SSE decoder: ``feed(bytes) -> list[ServerSentEvent]``, then ``close()``.

    ``max_event_size`` bounds, in bytes of UTF-8, both a single line and the data of one event;
    past it :meth:`feed` raises :class:`InvalidInputError` instead of buffering without bound
    (bytes, not characters: a line of 4-byte characters must not hold four times the memory).
    After :meth:`close` (or after an error) the decoder refuses further input.

    Work is linear in the input whatever the chunking: a line whose end has not arrived is kept
    as the list of its pieces (joined once, when it ends) and only each new chunk is scanned.
    """

    __slots__ = (
        "_closed",
        "_data",
        "_data_size",
        "_event",
        "_failed",
        "_last_id",
        "_max",
        "_offset",
        "_pending",
        "_pending_size",
        "_retry",
        "_skip_lf",
        "_started",
        "_utf8",
    )

    def __init__(self, *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        if (
            isinstance(max_event_size, bool)
            or not isinstance(max_event_size, int)
            or max_event_size < 1
        ):
            raise InvalidInputError(
                f"must be a positive int, got {quote(max_event_size)}", path="max_event_size"
            )
        self._max = max_event_size
        self._utf8 = codecs.getincrementaldecoder("utf-8")("strict")
        # The start of a line whose end has not arrived yet, as the pieces it came in: joining
        # them on every chunk would make a long line cost quadratic time.
        self._pending: list[str] = []
        self._pending_size = 0  # its size in bytes
        self._skip_lf = False  # the last chunk ended in CR, so a leading LF belongs to it
        self._started = False  # past the (optional) BOM
        self._event = ""
        self._data: list[str] = []
        self._data_size = 0  # in bytes, with one per line for the joining LF
        self._last_id: str | None = None
        self._retry: int | None = None
        self._offset = 0  # bytes consumed so far, for error messages
        self._closed = False
        self._failed: InvalidInputError | None = None  # raised by the next call (see feed)

    def feed(self, chunk: bytes | bytearray | memoryview) -> list[ServerSentEvent]:
        """Decode one chunk of the byte stream; return the events it completes (maybe none).

        Invalid UTF-8, or a line or event larger than ``max_event_size``, raises
        :class:`InvalidInputError`. The events completed before the problem are returned first
        when there are any (the error is then raised by the next call), so that the outcome does
        not depend on where the byte stream was cut into chunks.
        """
        if self._failed is not None:
            raise self._failed
        if self._closed:
            raise InvalidInputError("SSE decoder already closed")
        buffered = self._utf8.getstate()[0]
        try:
            text = self._utf8.decode(chunk)
        except UnicodeDecodeError as exc:
            self._closed = True
            error = InvalidInputError(
                f"invalid UTF-8 in event stream at byte {self._offset - len(buffered) + exc.start}"
            )
            error.__cause__ = exc
            # exc.start counts from the bytes held back from the last chunk: what precedes it is
            # valid UTF-8 by construction.
            good = (buffered + bytes(chunk))[: exc.start].decode("utf-8")
            events = self._lines(good, final=False) if good else []
            if self._failed is None:  # a size error before the bad byte comes first
                self._failed = error
            return self._events_or_error(events)
        except TypeError as exc:  # not bytes at all
            raise InvalidInputError(
                f"expected bytes, got {type(chunk).__name__}", path="chunk"
            ) from exc
        self._offset += len(chunk)
        events = self._lines(text, final=False)
        return events if self._failed is None else self._events_or_error(events)

    def close(self) -> list[ServerSentEvent]:
        """End of stream: dispatch what is still buffered, as if it had ended with a blank line."""
        if self._failed is not None:
            raise self._failed
        if self._closed:
            return []
        try:
            text = self._utf8.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            self._closed = True
            raise InvalidInputError("event stream ends inside a UTF-8 character") from exc
        events = self._events_or_error(self._lines(text, final=True))
        self._closed = True
        return events

    # -- internals --------------------------------------------------------------------------------

    def _events_or_error(self, events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        """The events decoded, or the error found after them when there are none."""
        if self._failed is not None:
            self._closed = True
            if not events:
                raise self._failed
        return events

    def _fail(self, message: str) -> None:
        self._failed = InvalidInputError(message)

    def _lines(self, text: str, *, final: bool) -> list[ServerSentEvent]:
        if not self._started and text:
            self._started = True
            if text[0] == "\ufeff":
                text = text[1:]
        if text and self._skip_lf:
            # The previous chunk ended in CR: an LF right here completes that CRLF, not a new line.
            self._skip_lf = False
            if text[0] == "\n":
                text = text[1:]
        if text:
            self._skip_lf = text[-1] == "\r"
        # str.split is several times faster than the regex; most streams never send a CR. A text
        # without a line end comes back as itself, uncopied.
        parts = text.split("\n") if "\r" not in text else _LINE_END.split(text)
        if len(parts) == 1:  # no line ends here: the pending line goes on (or the text was empty)
            if text:
                self._pending.append(text)
                self._pending_size += _utf8_size(text)
                if self._pending_size > self._max:
                    self._fail(f"SSE line longer than {self._max} bytes")
                    return []
            if not final:
                return []
            parts = [self._take_pending()]
        else:
            if self._pending:
                parts[0] = self._take_pending() + parts[0]
            tail = parts.pop()
            if final:
                parts.append(tail)
            elif tail:
                self._pending = [tail]
                self._pending_size = len(tail) if tail.isascii() else len(tail.encode())
        if final:
            parts.append("")  # the end of the stream dispatches like a blank line
        # A line can only be too long if the text holding it is: check lines one by one only then
        # (a character is at most 4 bytes of UTF-8).
        if 4 * (len(text) + len(parts[0])) > self._max:
            for index, line in enumerate(parts):
                if _utf8_size(line) > self._max:
                    events = self._dispatch(parts[:index])
                    if self._failed is None:
                        self._fail(f"SSE line longer than {self._max} bytes")
                    return events
        events = self._dispatch(parts)
        if self._failed is None and self._pending_size > self._max:
            self._fail(f"SSE line longer than {self._max} bytes")
        return events

    def _take_pending(self) -> str:
        """The pending pieces as one string (the line they start has ended); none are left."""
        pending = self._pending
        line = pending[0] if len(pending) == 1 else "".join(pending)
        self._pending, self._pending_size = [], 0
        return line

    def _dispatch(self, lines: list[str]) -> list[ServerSentEvent]:
        """Interpret complete lines (WHATWG "interpret an event stream"), returning the events
        their blank lines dispatch. One loop with the state in locals: this runs for every line
        a proxy forwards, and ``data:`` lines are tried first because most lines are. Event data
        past the size limit stops it: the events before are returned, the error is kept."""
        events: list[ServerSentEvent] = []
        data, size, limit = self._data, self._data_size, self._max
        try:
            for line in lines:
                if not line:  # a blank line dispatches the event being built, if it has data
                    if data:
                        events.append(
                            _event(
                                self._event or "message",
                                "\n".join(data),
                                self._last_id,
                                self._retry,
                            )
                        )
                    self._event, self._retry = "", None
                    data, size = [], 0
                    continue
                # the two fields real streams send, decided without partitioning the line
                if line.startswith("data:"):
                    name, value = "data", line[6:] if line.startswith(" ", 5) else line[5:]
                elif line.startswith("event:"):
                    self._event = line[7:] if line.startswith(" ", 6) else line[6:]
                    continue
                else:
                    name, sep, value = line.partition(":")
                    if not name:
                        continue  # a comment line
                    if not sep:
                        value = ""
                    elif value.startswith(" "):
                        value = value[1:]
                if name == "data":
                    # isascii() is O(1) on str: only non-ASCII data pays for counting its bytes
                    size += (len(value) if value.isascii() else len(value.encode())) + 1
                    if size > limit:
                        self._fail(f"SSE event data larger than {limit} bytes")
                        break
                    data.append(value)
                elif name == "event":
                    self._event = value
                elif name == "id":
                    if "\0" not in value:
                        self._last_id = value
                elif name == "retry" and value.isascii() and value.isdigit():
                    self._retry = int(value)
                # any other field name is ignored, as the spec says
        finally:
            self._data, self._data_size = data, size
        return events


def _utf8_size(text: str) -> int:
    """The length of ``text`` in UTF-8 bytes (decoded text never holds a lone surrogate)."""
    return len(text) if text.isascii() else len(text.encode())


def _event(event: str, data: str, id: str | None, retry: int | None) -> ServerSentEvent:
    """``ServerSentEvent(event, data, id, retry)`` without the frozen dataclass's ``__init__``,
    which sets each field through ``object.__setattr__`` and costs twice as much (once per event)."""
    new = object.__new__(ServerSentEvent)
    _SET_EVENT(new, event)
    _SET_DATA(new, data)
    _SET_ID(new, id)
    _SET_RETRY(new, retry)
    return new


# The slot descriptors of ServerSentEvent, which set a field without the frozen check.
_SET_EVENT, _SET_DATA, _SET_ID, _SET_RETRY = (
    vars(ServerSentEvent)[name].__set__ for name in ("event", "data", "id", "retry")
)


@runtime_checkable
class SupportsSSE(Protocol):
    """What :func:`encode` needs from a model: its wire JSON and its SSE event name (or None)."""

    def to_json(self) -> bytes: ...

    def sse_event_name(self) -> str | None: ...


def encode(
    item: ServerSentEvent | SupportsSSE | Comment | Done, *, event: str | None = None
) -> bytes:
    """Frame one event as SSE bytes.

    * a model: ``event: <name>`` (Anthropic events are named after their ``type``; OpenAI chunks
      have no name) and one ``data:`` line of compact JSON, then a blank line;
    * :data:`DONE`: ``data: [DONE]``; a :class:`Comment`: ``: text``;
    * a :class:`ServerSentEvent`: its fields, one ``data:`` line per data line.

    ``event`` overrides the event name of a model.

    Only ``data`` may hold line breaks (each line becomes a ``data:`` line). A CR or LF in an event
    name, an id or a comment would start a line of the receiver's choosing (``id: 1\\nevent: evil``),
    and an id holding NUL is ignored by every WHATWG decoder: both raise
    :class:`~ruapi_convert.errors.InvalidInputError` naming the field, as do a field of the wrong
    type, a lone surrogate (UTF-8 cannot carry it) and an ``item`` that is none of the above.
    """
    to_json = getattr(item, "to_json", None)
    if to_json is not None and not isinstance(item, ServerSentEvent):
        # a model (the usual item: a converter's output), framed first
        event_name = getattr(item, "sse_event_name", None)
        if callable(to_json) and callable(event_name):
            return frame(to_json(), event if event is not None else event_name())
    if isinstance(item, ServerSentEvent):
        name = _text(item.event, "event") if item.event != "message" else event
        return _frame(
            _field(name, "event") if name is not None else None,
            _text(item.data, "data"),
            _field(item.id, "id", nul=True) if item.id is not None else None,
            _retry(item.retry),
        )
    if isinstance(item, Done):
        return frame(b"[DONE]")
    if isinstance(item, Comment):
        return b": " + _utf8(_field(item.text, "text"), "text") + b"\n\n"
    raise InvalidInputError(
        "encode() frames a ServerSentEvent, a Comment, DONE or a model (with to_json() and "
        f"sse_event_name()), got {type(item).__name__}",
        path="item",
    )


#: What ends every event this module frames: the end of its ``data:`` line and a blank line.
FRAME_END: Final = b"\n\n"


#: The heads of the event names framed so far (a protocol has a few dozen; names a caller makes
#: up beyond the bound are framed without being kept).
_HEADS: dict[str, bytes] = {}
_HEADS_KEPT: Final = 256


def frame_head(event: str | None = None) -> bytes:
    """The bytes of an event before its data: ``event: <name>`` (when named) and ``data: ``.

    A name holding a line break, or not a str, raises
    :class:`~ruapi_convert.errors.InvalidInputError` (see :func:`encode`)."""
    if not event:
        return b"data: "
    head = _HEADS.get(event) if type(event) is str else None
    if head is not None:
        return head
    # the checks inline: every event a stream converter frames the slow way comes through here
    try:
        if "\n" not in event and "\r" not in event:
            head = b"event: " + event.encode() + b"\ndata: "
            if len(_HEADS) < _HEADS_KEPT:
                _HEADS[event] = head
            return head
    except (TypeError, AttributeError, UnicodeEncodeError):
        pass
    _utf8(_field(event, "event"), "event")  # raises the error that fits
    raise InvalidInputError("not an SSE event name", path="event")  # pragma: no cover


def frame(data: bytes, event: str | None = None) -> bytes:
    """One event of a single ``data:`` line (``data`` must hold no line break: compact JSON never
    does, as JSON escapes them), optionally named. The one place a payload is framed.

    ``data`` that is not bytes or holds a CR or LF, and a bad name (see :func:`frame_head`), raise
    :class:`~ruapi_convert.errors.InvalidInputError`."""
    try:
        framed = frame_head(event) + data + FRAME_END
    except TypeError:
        raise InvalidInputError(f"must be bytes, got {type(data).__name__}", path="data") from None
    # two memchr scans: the bytes may come from a caller's to_json(), not only from ours
    if b"\n" in data or b"\r" in data:
        raise InvalidInputError(
            "a line break in the data of a single data: line would start a line of its own",
            path="data",
        )
    return framed


def encode_all(items: Iterable[ServerSentEvent | SupportsSSE | Comment | Done]) -> bytes:
    """Frame several events."""
    return b"".join(encode(item) for item in items)


def _frame(event: str | None, data: str, id: str | None, retry: int | None) -> bytes:
    out: list[str] = []
    if event:
        out.append(f"event: {event}\n")
    if id is not None:
        out.append(f"id: {id}\n")
    if retry is not None:
        out.append(f"retry: {retry}\n")
    out.extend(f"data: {line}\n" for line in _split(data))
    out.append("\n")
    try:
        return "".join(out).encode()
    except UnicodeEncodeError:
        for path, value in (("event", event), ("id", id), ("data", data)):
            if value is not None:
                _utf8(value, path)  # raises for the field that holds the lone surrogate
        raise


def _field(given: Any, path: str, *, nul: bool = False) -> str:
    """An SSE field value that stays on its own line: a str with no CR or LF (nor NUL for ids)."""
    value = _text(given, path)
    if "\n" in value or "\r" in value:
        raise InvalidInputError(
            "a line break (CR or LF) in an SSE field would start another field", path=path
        )
    if nul and "\0" in value:
        raise InvalidInputError(
            "an id holding NUL is ignored by the receiver (WHATWG event stream rules)", path=path
        )
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"must be str, got {type(value).__name__}", path=path)
    return value


def _retry(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        # a receiver ignores a retry: field that is not all ASCII digits
        raise InvalidInputError(
            f"must be a non-negative int or None, got {type(value).__name__}", path="retry"
        )
    return value


def _utf8(text: str, path: str) -> bytes:
    try:
        return text.encode()
    except UnicodeEncodeError:
        raise InvalidInputError("a lone surrogate, which UTF-8 cannot carry", path=path) from None


def _split(text: str) -> list[str]:
    return _LINE_END.split(text)


class Transcodes(Protocol):
    """What SSETranscoder needs from a stream converter (both of ours provide it)."""

    def transcode(self, event: ServerSentEvent) -> bytes: ...

    def transcode_close(self) -> bytes: ...

    def error_bytes(self, exc: Any) -> bytes: ...


class SSETranscoder:
    """Bytes in, bytes out: an SSE decoder, a stream converter and the target framing in one.

    For a proxy that pipes the upstream body to the client::

        transcoder = SSETranscoder(AnthropicToOpenAIStream(include_usage=True, created=now))
        async for chunk in upstream.aiter_bytes():
            await client.send(transcoder.feed(chunk))
        await client.send(transcoder.close())

    When the converter raises (the upstream broke its protocol), the bytes returned are the target
    protocol's mid-stream error event, the exception is kept in :attr:`error`, and further input is
    ignored: a proxy cannot un-send what it sent, but it can end the client stream as an error.
    """

    __slots__ = ("_converter", "_decoder", "error")

    def __init__(
        self, converter: Transcodes, *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE
    ) -> None:
        self._converter = converter
        self._decoder = SSEDecoder(max_event_size=max_event_size)
        #: The ConversionError that ended the stream, if one did.
        self.error: Exception | None = None

    def feed(self, data: bytes | bytearray | memoryview) -> bytes:
        """Transcode one chunk of upstream bytes (which may hold any part of any number of events)."""
        if self.error is not None:
            return b""
        out: list[bytes] = []
        try:
            # One event at a time, so that what came before a failing event is still sent.
            for event in self._decoder.feed(data):
                out.append(self._converter.transcode(event))  # noqa: PERF401
        except Exception as exc:
            out.append(self._fail(exc))
        return b"".join(out)

    def close(self) -> bytes:
        """End of the upstream body: the converter's closing events (an error if it was cut short)."""
        if self.error is not None:
            return b""
        out: list[bytes] = []
        try:
            for event in self._decoder.close():
                out.append(self._converter.transcode(event))  # noqa: PERF401
            out.append(self._converter.transcode_close())
        except Exception as exc:
            out.append(self._fail(exc))
        return b"".join(out)

    def _fail(self, exc: Exception) -> bytes:
        from .errors import ConversionError

        if not isinstance(exc, ConversionError):
            raise exc
        self.error = exc
        return self._converter.error_bytes(exc)
