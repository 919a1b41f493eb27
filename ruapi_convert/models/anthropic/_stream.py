"""Stream events (the ``data`` of each SSE event) and content block deltas.

Each event type is its own envelope class; ``MessageStreamEvent`` is their open union, discriminated
on ``type`` ("new event types may be added; handle gracefully": unknown ones become
:class:`UnknownEvent` with their payload kept).
"""

import functools
from typing import Annotated, Any, ClassVar, Literal, Optional, Union, get_args

from pydantic import Field, ValidationError
from pydantic_core import SchemaValidator
from typing_extensions import Required, TypedDict

from ... import _json
from .._base import (
    Count,
    WireModel,
    adapter,
    invalid_input,
    not_one_of,
    tags_of,
    twin_union,
    wire_dict,
)
from ._common import Container, TextCitation
from ._errors import ErrorResponse
from ._output_blocks import ContentBlock
from ._response import (
    ContextManagementResponse,
    FallbackCreditUsage,
    InputTransformation,
    IterationUsage,
    Message,
    OutputTokensDetails,
    ServerToolUsage,
    StopDetails,
    StopReason,
)

__all__ = [
    "CitationsDelta",
    "CompactionContentBlockDelta",
    "ContentBlockDeltaEvent",
    "ContentBlockStartEvent",
    "ContentBlockStopEvent",
    "ErrorEvent",
    "InputJSONDelta",
    "MessageDelta",
    "MessageDeltaEvent",
    "MessageDeltaUsage",
    "MessageStartEvent",
    "MessageStopEvent",
    "MessageStreamEvent",
    "PingEvent",
    "RawContentBlockDelta",
    "RawContentBlockDeltaEvent",
    "RawContentBlockStartEvent",
    "RawContentBlockStopEvent",
    "RawMessageDeltaEvent",
    "RawMessageStartEvent",
    "RawMessageStopEvent",
    "RawMessageStreamEvent",
    "SignatureDelta",
    "TextDelta",
    "ThinkingDelta",
    "UnknownDelta",
    "UnknownEvent",
    "parse_stream_event",
]

# -- deltas --------------------------------------------------------------------------------------


@wire_dict
class TextDelta(TypedDict, total=False):
    """More text for a ``text`` block."""

    type: Required[Literal["text_delta"]]
    text: Required[str]


@wire_dict
class InputJSONDelta(TypedDict, total=False):
    """A fragment of a tool call's JSON input (valid JSON only once concatenated)."""

    type: Required[Literal["input_json_delta"]]
    partial_json: Required[str]


@wire_dict
class CitationsDelta(TypedDict, total=False):
    """One more citation for a ``text`` block."""

    type: Required[Literal["citations_delta"]]
    citation: Required[TextCitation]


@wire_dict
class ThinkingDelta(TypedDict, total=False):
    """More thinking text for a ``thinking`` block."""

    type: Required[Literal["thinking_delta"]]
    thinking: Required[str]
    estimated_tokens: Optional[int]


@wire_dict
class SignatureDelta(TypedDict, total=False):
    """The signature of a ``thinking`` block (replaces, not appends)."""

    type: Required[Literal["signature_delta"]]
    signature: Required[str]


@wire_dict
class CompactionContentBlockDelta(TypedDict, total=False):
    """Content of a ``compaction`` block (beta)."""

    type: Required[Literal["compaction_delta"]]
    content: Optional[str]
    encrypted_content: Optional[str]


_KnownDelta = Union[
    TextDelta,
    InputJSONDelta,
    CitationsDelta,
    ThinkingDelta,
    SignatureDelta,
    CompactionContentBlockDelta,
]


@wire_dict
class UnknownDelta(TypedDict):
    """A delta type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownDelta)]


#: The ``delta`` of a ``content_block_delta`` event.
RawContentBlockDelta = Annotated[
    Union[Annotated[_KnownDelta, Field(discriminator="type")], UnknownDelta],
    Field(union_mode="left_to_right"),
]


@wire_dict
class MessageDelta(TypedDict, total=False):
    """The top-level changes a ``message_delta`` event carries."""

    stop_reason: Optional[StopReason]
    stop_sequence: Optional[str]
    stop_details: Optional[StopDetails]
    container: Optional[Container]


@wire_dict
class MessageDeltaUsage(TypedDict, total=False):
    """Cumulative usage in a ``message_delta`` event."""

    output_tokens: Required[Count]
    input_tokens: Optional[Count]
    cache_creation_input_tokens: Optional[Count]
    cache_read_input_tokens: Optional[Count]
    server_tool_use: Optional[ServerToolUsage]
    output_tokens_details: Optional[OutputTokensDetails]
    iterations: Optional[list[IterationUsage]]
    fallback_credit: Optional[FallbackCreditUsage]


# -- events --------------------------------------------------------------------------------------


class RawMessageStartEvent(WireModel):
    """First event: the message with empty ``content`` and usage so far."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["message_start"]
    message: Message


class RawContentBlockStartEvent(WireModel):
    """A content block starts at ``index`` (result blocks arrive complete here)."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["content_block_start"]
    index: int
    content_block: ContentBlock


class RawContentBlockDeltaEvent(WireModel):
    """An increment of the content block at ``index``."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["content_block_delta"]
    index: int
    delta: RawContentBlockDelta


class RawContentBlockStopEvent(WireModel):
    """The content block at ``index`` is complete."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["content_block_stop"]
    index: int


class RawMessageDeltaEvent(WireModel):
    """Stop reason and cumulative usage, near the end of the stream."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["message_delta"]
    delta: MessageDelta
    # Required by the SDK, but the docs' own example streams send ``message_delta`` without it.
    usage: Optional[MessageDeltaUsage] = None
    context_management: Optional[ContextManagementResponse] = None
    input_transformations: Optional[list[InputTransformation]] = None


class RawMessageStopEvent(WireModel):
    """Last event of a successful stream."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["message_stop"]


class PingEvent(WireModel):
    """Keep-alive; may appear anywhere in the stream."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Literal["ping"]


class ErrorEvent(ErrorResponse):
    """An error after the stream started (HTTP 200 already sent), e.g. ``overloaded_error``."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True


_KnownEvent = Union[
    RawMessageStartEvent,
    RawContentBlockStartEvent,
    RawContentBlockDeltaEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStopEvent,
    PingEvent,
    ErrorEvent,
]


class UnknownEvent(WireModel):
    """An event type newer than this library; its payload is kept as given."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True

    type: Annotated[str, not_one_of(_KnownEvent)]


#: The class of each known event ``type``.
_EVENT_CLASSES: dict[str, type[WireModel]] = {
    tag: member for member in get_args(_KnownEvent) for tag in tags_of(member)
}

#: One stream event. Use with ``pydantic.TypeAdapter`` or :func:`parse_stream_event`.
MessageStreamEvent = Annotated[
    Union[Annotated[_KnownEvent, Field(discriminator="type")], UnknownEvent],
    Field(union_mode="left_to_right"),
]
RawMessageStreamEvent = MessageStreamEvent

MessageStartEvent = RawMessageStartEvent
ContentBlockStartEvent = RawContentBlockStartEvent
ContentBlockDeltaEvent = RawContentBlockDeltaEvent
ContentBlockStopEvent = RawContentBlockStopEvent
MessageDeltaEvent = RawMessageDeltaEvent
MessageStopEvent = RawMessageStopEvent


def parse_stream_event(
    data: Union[dict[str, Any], bytes, bytearray, memoryview, str],
) -> MessageStreamEvent:
    """Validate one event's ``data`` (a dict or its JSON text) into its event class.

    Raises :class:`~ruapi_convert.errors.InvalidInputError` on bad JSON or an invalid event.
    """
    if isinstance(data, (bytes, bytearray, memoryview, str)):
        value = _json.loads(data)
    else:
        value = data
        if isinstance(value, dict):
            _json.check_foreign(value)  # a caller's dict (see _json.check_foreign)
    return _validate_event(value)


def stream_event_wire(data: Any) -> dict[str, Any]:
    """``parse_stream_event(data).wire()`` for a value our own JSON parser produced.

    The stream converters only read wire dicts: a known event is validated without building its
    model (see ``WireModel.parse_wire``), and the screen for values JSON cannot carry is skipped,
    since parsed text never holds them. Anything else (an unknown or missing tag, an invalid
    event) takes the union, so errors and fallbacks are exactly those of ``parse_stream_event``.
    """
    if isinstance(data, dict):
        tag = data.get("type")
        if isinstance(tag, str) and tag in _EVENT_CLASSES:
            try:
                wire: dict[str, Any] = _event_twins().validate_python(data)
            except ValidationError:
                pass  # the union reports it, as parse_stream_event does
            else:
                return wire
    return _validate_event(data).wire()


@functools.cache
def _event_twins() -> SchemaValidator:
    """The twins of every known event in one validator (see ``twin_union``): every stream sends
    most of them, and two of them hold content blocks."""
    return twin_union(dict.fromkeys(_EVENT_CLASSES.values()))


def _validate_event(value: Any) -> MessageStreamEvent:
    try:
        event: MessageStreamEvent = adapter(MessageStreamEvent).validate_python(value, strict=True)
    except ValidationError as exc:
        raise invalid_input(exc, value) from exc
    return event
