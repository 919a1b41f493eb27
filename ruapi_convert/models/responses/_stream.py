"""
ruapi_convert.models.responses._stream
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

One stream event of the Responses API: :data:`ResponseStreamEvent`, the open union of the 59 event
classes of openai 3.57.0 (``_events``, ``_tool_events``) discriminated on ``type``, with
:class:`UnknownEvent` as the fallback for event types newer than this library.

On the wire each event is an SSE frame ``event: <type>`` / ``data: {...}``, as in Anthropic streams
(``sse_event_name`` gives the name). OpenAI sends no ``[DONE]`` at the end, but some compatible
servers do; it belongs to :mod:`ruapi_convert.sse`, and :func:`parse_stream_event` refuses it with a
clear error.
"""

import functools
from typing import Annotated, Any, ClassVar, Union, get_args

from pydantic import Field, ValidationError

from ... import _json
from ...errors import InvalidInputError
from .._base import WireModel, adapter, invalid_input, not_one_of, tags_of
from ._events import (
    ResponseAudioDeltaEvent,
    ResponseAudioDoneEvent,
    ResponseAudioTranscriptDeltaEvent,
    ResponseAudioTranscriptDoneEvent,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseCustomToolCallInputDeltaEvent,
    ResponseCustomToolCallInputDoneEvent,
    ResponseErrorEvent,
    ResponseFailedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseIncompleteEvent,
    ResponseInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputTextAnnotationAddedEvent,
    ResponseQueuedEvent,
    ResponseReasoningSummaryPartAddedEvent,
    ResponseReasoningSummaryPartDoneEvent,
    ResponseReasoningSummaryTextDeltaEvent,
    ResponseReasoningSummaryTextDoneEvent,
    ResponseReasoningTextDeltaEvent,
    ResponseReasoningTextDoneEvent,
    ResponseRefusalDeltaEvent,
    ResponseRefusalDoneEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from ._tool_events import (
    ResponseCodeInterpreterCallCodeDeltaEvent,
    ResponseCodeInterpreterCallCodeDoneEvent,
    ResponseCodeInterpreterCallCompletedEvent,
    ResponseCodeInterpreterCallInProgressEvent,
    ResponseCodeInterpreterCallInterpretingEvent,
    ResponseCompactionCompactingEvent,
    ResponseFileSearchCallCompletedEvent,
    ResponseFileSearchCallInProgressEvent,
    ResponseFileSearchCallSearchingEvent,
    ResponseImageGenCallCompletedEvent,
    ResponseImageGenCallGeneratingEvent,
    ResponseImageGenCallInProgressEvent,
    ResponseImageGenCallPartialImageEvent,
    ResponseMcpCallArgumentsDeltaEvent,
    ResponseMcpCallArgumentsDoneEvent,
    ResponseMcpCallCompletedEvent,
    ResponseMcpCallFailedEvent,
    ResponseMcpCallInProgressEvent,
    ResponseMcpListToolsCompletedEvent,
    ResponseMcpListToolsFailedEvent,
    ResponseMcpListToolsInProgressEvent,
    ResponseShellCallCommandAddedEvent,
    ResponseShellCallCommandDeltaEvent,
    ResponseShellCallCommandDoneEvent,
    ResponseShellCallOutputContentDeltaEvent,
    ResponseShellCallOutputContentDoneEvent,
    ResponseWebSearchCallCompletedEvent,
    ResponseWebSearchCallInProgressEvent,
    ResponseWebSearchCallSearchingEvent,
)

__all__ = [
    "UnknownEvent",
    "ResponseStreamEvent",
    "parse_stream_event",
    "stream_event_wire",
]

# In the order of the SDK's ``ResponseStreamEvent``.
_KnownEvent = Union[
    ResponseAudioDeltaEvent,
    ResponseAudioDoneEvent,
    ResponseAudioTranscriptDeltaEvent,
    ResponseAudioTranscriptDoneEvent,
    ResponseCodeInterpreterCallCodeDeltaEvent,
    ResponseCodeInterpreterCallCodeDoneEvent,
    ResponseCodeInterpreterCallCompletedEvent,
    ResponseCodeInterpreterCallInProgressEvent,
    ResponseCodeInterpreterCallInterpretingEvent,
    ResponseCompactionCompactingEvent,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseErrorEvent,
    ResponseFileSearchCallCompletedEvent,
    ResponseFileSearchCallInProgressEvent,
    ResponseFileSearchCallSearchingEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseShellCallCommandAddedEvent,
    ResponseShellCallCommandDeltaEvent,
    ResponseShellCallCommandDoneEvent,
    ResponseShellCallOutputContentDeltaEvent,
    ResponseShellCallOutputContentDoneEvent,
    ResponseInProgressEvent,
    ResponseFailedEvent,
    ResponseIncompleteEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseReasoningSummaryPartAddedEvent,
    ResponseReasoningSummaryPartDoneEvent,
    ResponseReasoningSummaryTextDeltaEvent,
    ResponseReasoningSummaryTextDoneEvent,
    ResponseReasoningTextDeltaEvent,
    ResponseReasoningTextDoneEvent,
    ResponseRefusalDeltaEvent,
    ResponseRefusalDoneEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    ResponseWebSearchCallCompletedEvent,
    ResponseWebSearchCallInProgressEvent,
    ResponseWebSearchCallSearchingEvent,
    ResponseImageGenCallCompletedEvent,
    ResponseImageGenCallGeneratingEvent,
    ResponseImageGenCallInProgressEvent,
    ResponseImageGenCallPartialImageEvent,
    ResponseMcpCallArgumentsDeltaEvent,
    ResponseMcpCallArgumentsDoneEvent,
    ResponseMcpCallCompletedEvent,
    ResponseMcpCallFailedEvent,
    ResponseMcpCallInProgressEvent,
    ResponseMcpListToolsCompletedEvent,
    ResponseMcpListToolsFailedEvent,
    ResponseMcpListToolsInProgressEvent,
    ResponseOutputTextAnnotationAddedEvent,
    ResponseQueuedEvent,
    ResponseCustomToolCallInputDeltaEvent,
    ResponseCustomToolCallInputDoneEvent,
]


class UnknownEvent(WireModel):
    """An event type newer than this library; its payload is kept as given."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Annotated[str, not_one_of(_KnownEvent)]


@functools.cache
def _event_classes() -> dict[str, type[WireModel]]:
    """The class of each known event ``type`` (built on first use: importing stays fast)."""
    return {tag: member for member in get_args(_KnownEvent) for tag in tags_of(member)}


#: One stream event. Use with ``pydantic.TypeAdapter`` or :func:`parse_stream_event`.
ResponseStreamEvent = Annotated[
    Union[Annotated[_KnownEvent, Field(discriminator="type")], UnknownEvent],
    Field(union_mode="left_to_right"),
]

_DONE = "[DONE]"
_DONE_BYTES = b"[DONE]"


def parse_stream_event(
    data: Union[dict[str, Any], bytes, bytearray, memoryview, str],
) -> ResponseStreamEvent:
    """Validate one event's ``data`` (a dict or its JSON text) into its event class.

    Raises :class:`~ruapi_convert.errors.InvalidInputError` (with the JSON path) on bad JSON, on
    ``[DONE]`` (not an event) or on an invalid event.
    """
    if isinstance(data, (bytes, bytearray, memoryview, str)):
        if data in (_DONE, _DONE_BYTES):
            raise InvalidInputError("[DONE] ends the stream; it is not an event to parse")
        value = _json.loads(data)
    else:
        value = data
        if isinstance(value, dict):
            _json.check_foreign(value)  # a caller's dict (see _json.check_foreign)
    return _validate_event(value)


def stream_event_wire(data: Any) -> dict[str, Any]:
    """``parse_stream_event(data).wire()`` for a value our own JSON parser produced.

    A known event without nested envelopes is validated without building its model (see
    ``WireModel.parse_wire``); lifecycle events (whose ``response`` is a :class:`Response` model),
    unknown or missing tags and invalid events take the union, so errors and fallbacks are exactly
    those of :func:`parse_stream_event`.
    """
    if isinstance(data, dict):
        tag = data.get("type")
        cls = _event_classes().get(tag) if isinstance(tag, str) else None
        wire = cls._twin_wire(data) if cls is not None else None
        if wire is not None:
            return wire
    return _validate_event(data).wire()


def _validate_event(value: Any) -> ResponseStreamEvent:
    try:
        event: ResponseStreamEvent = adapter(ResponseStreamEvent).validate_python(
            value, strict=True
        )
    except ValidationError as exc:
        raise invalid_input(exc, value) from exc
    return event
