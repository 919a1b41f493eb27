"""
ruapi_convert.stream._base
~~~~~~~~~~~~~~~~~~~~~~~~~~

What both stream converters share: the lifecycle (open -> finished / failed), input normalisation
(a dict, a model or a ``ServerSentEvent``), strict mode, and the entry point of the byte-level
fast path that ``sse.SSETranscoder`` uses (the bytes themselves are ``_fastpath``'s).

Lifecycle, after h11: an error poisons the converter. Once ``feed`` has raised, every later call
raises :class:`~ruapi_convert.errors.StreamProtocolError` at once; ``feed`` after ``close`` does too.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .. import _json
from ..errors import ConversionError, InvalidInputError, LossyConversionError, StreamProtocolError
from ..mapping._ledger import Context
from ..models._base import WireModel
from ..options import resolve_options
from ..sse import ServerSentEvent
from ._fastpath import Raw, encode_raw

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..losses import Loss
    from ..options import Options

__all__ = ["State", "StreamConverter", "check_buffer"]

Json = dict[str, Any]
T = TypeVar("T")


def check_buffer(ctx: Context, size: int, what: str, path: str) -> None:
    """Refuse to hold more than ``max_stream_buffer`` characters of ``what``: the stream ends
    with the target's error event rather than grow without bound."""
    limit = ctx.options.max_stream_buffer
    if size > limit:
        raise StreamProtocolError(
            f"{what} outgrew max_stream_buffer ({size} > {limit} characters held)", path=path
        )


class State(enum.Enum):
    #: Nothing received yet.
    START = "start"
    #: Inside a message.
    OPEN = "open"
    #: The stream ended cleanly; no more input is accepted.
    FINISHED = "finished"
    #: An error was raised or forwarded; no more input is accepted.
    FAILED = "failed"


class StreamConverter(Generic[T]):
    """Base of both converters: ``feed(event) -> list[T]``, ``close() -> list[T]``, ``.losses``."""

    def __init__(
        self, options: Options | None, opts: Mapping[str, Any], allowed: type[Any]
    ) -> None:
        """``opts`` are the keyword options, checked against ``allowed`` (the subclass's options
        TypedDict)."""
        self._ctx = Context(resolve_options(options, opts, allowed, type(self).__name__))
        self.state = State.START
        self._reported = 0  # losses already checked by strict mode
        self._failure: ConversionError | None = None  # the error that failed this converter

    @property
    def losses(self) -> tuple[Loss, ...]:
        """Everything lost so far in this stream."""
        return tuple(self._ctx.losses)

    # -- public API ------------------------------------------------------------------------------------

    def feed(self, event: Any) -> list[T]:
        """Convert one source event (a dict, a model, or an ``sse.ServerSentEvent``)."""
        return [self._model(item) for item in self._guarded(self._feed_any, event)]

    def close(self) -> list[T]:
        """End of the source stream: what must still be sent (a truncated source yields an error)."""
        return [self._model(item) for item in self._guarded(self._close_raw, None)]

    # -- fast path for SSETranscoder --------------------------------------------------------------------

    def transcode(self, event: ServerSentEvent) -> bytes:
        """One decoded SSE event in, the target protocol's SSE bytes out.

        Mid-stream, the data is parsed here and offered to :meth:`_shortcut` first: the event
        most streams are made of becomes its bytes straight from a template. Anything the
        shortcut declines takes the general path with the data already parsed; framing events
        (pings, empty data, ``[DONE]``, which is not JSON) take it from the start.
        """
        if self.state is State.OPEN and event.data and event.event != "ping":
            try:
                data = _json.loads(event.data, path="data")
            except InvalidInputError:
                pass  # the general path reports it (or, for OpenAI's [DONE], ends the stream)
            else:
                fast = self._shortcut(data)
                if fast is not None:
                    return fast
                return self._encode_all(self._guarded(self._feed_parsed, data))
        return self._encode_all(self._guarded(self._feed_any, event))

    def transcode_close(self) -> bytes:
        return self._encode_all(self._guarded(self._close_raw, None))

    def error_bytes(self, exc: ConversionError) -> bytes:
        """The target protocol's mid-stream error framing for an error raised by this converter.

        Nothing once the stream had already ended (its terminator or an error was sent) before
        ``exc``: input after the end - trailing junk after ``message_stop``, a bad event after a
        forwarded upstream error - must not append an error to a finished client stream (the
        Anthropic SDK raises on an ``event: error`` even after ``message_stop``).
        """
        if self.state is State.FINISHED or (
            self.state is State.FAILED and exc is not self._failure
        ):
            return b""
        return b"".join(encode_raw(item) for item in self._error_items(exc))

    # -- for subclasses ----------------------------------------------------------------------------------

    def _feed_raw(self, data: Json) -> list[Raw]:
        raise NotImplementedError

    def _close_raw(self, _: None) -> list[Raw]:
        raise NotImplementedError

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        raise NotImplementedError

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        """Validate one source event and return its wire dict.

        ``parsed``: ``data`` is a dict known to hold JSON values only (our JSON parser's output,
        or a caller's dict that ``_json.check_foreign`` screened), so the shortcuts for plain
        text events may take it as it is. Otherwise it is not a dict at all, and the model's
        validation refuses it with its error.
        """
        raise NotImplementedError

    def _shortcut(self, data: Any) -> bytes | None:
        """The SSE bytes of a parsed event that needs none of the general path, or None.

        It must give exactly the bytes the general path would (a property test compares
        SSETranscoder with feed()) and may only be taken while the stream is open.
        """
        return None

    def _model(self, item: Raw) -> T:
        raise NotImplementedError

    def _ignorable(self, event: Any) -> bool:
        """Framing that may follow the end of a stream: OpenAI's [DONE], keep-alive pings."""
        if isinstance(event, ServerSentEvent):
            return event.is_done or event.event == "ping" or not event.data
        return isinstance(event, dict) and event.get("type") == "ping"

    def _special(self, event: ServerSentEvent) -> list[Raw] | None:
        """Handle framing-level events (``[DONE]``, empty data); None means 'parse the data'."""
        return [] if not event.data else None

    # -- internals -------------------------------------------------------------------------------------------

    def _feed_parsed(self, data: Any) -> list[Raw]:
        """The data of an SSE event, already parsed by our JSON parser."""
        return self._feed_raw(self._validate(data, parsed=True))

    def _feed_any(self, event: Any) -> list[Raw]:
        if isinstance(event, ServerSentEvent):
            special = self._special(event)
            if special is not None:
                return special
            return self._feed_parsed(_json.loads(event.data, path="data"))
        if isinstance(event, WireModel):
            event = event.to_dict()  # (a model built with model_construct was never screened)
        elif not isinstance(event, dict):
            return self._feed_raw(self._validate(event, parsed=False))  # refused there, named
        # A caller's dict, screened once for values JSON cannot carry, is then as good as our
        # parser's output: it takes the same path as the bytes (plain-text shortcut, TypedDict
        # twin), which gives the same events and the same errors as validating it into a model.
        _json.check_foreign(event)
        return self._feed_parsed(event)

    def _guarded(self, step: Any, arg: Any) -> list[Raw]:
        if self.state in (State.FINISHED, State.FAILED):
            if step == self._close_raw or self._ignorable(arg):
                return []
            raise StreamProtocolError(
                f"the stream is {self.state.value}; no more events are accepted"
            )
        try:
            items: list[Raw] = step(arg)
        except ConversionError as exc:
            self.state = State.FAILED
            self._failure = exc
            if isinstance(exc, StreamProtocolError) and exc.event_hint is None:
                exc.event_hint = [self._model(item) for item in self._error_items(exc)]
            raise
        if self._ctx.options.strict and len(self._ctx.losses) > self._reported:
            self.state = State.FAILED
            self._failure = LossyConversionError(self._ctx.losses[self._reported :])
            raise self._failure
        self._reported = len(self._ctx.losses)
        return items

    def _encode_all(self, items: list[Raw]) -> bytes:
        if len(items) == 1:  # the usual case: one event in, one out
            return encode_raw(items[0])
        return b"".join([encode_raw(item) for item in items])
