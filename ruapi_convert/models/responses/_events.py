"""
ruapi_convert.models.responses._events
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Stream events of the response itself and of the items every client handles: the lifecycle
(``response.created`` … ``response.completed``/``.failed``/``.incomplete``), output items, content
parts, text, refusals, function and custom tool arguments, reasoning, audio, and ``error``.

Each event type is its own envelope class, named after the SDK's (openai 3.57.0); events of built-in
tools are in ``_tool_events``, the open union of all of them in ``_stream``. Every event carries
``type`` and a ``sequence_number`` that counts from 0 within a stream. ``.delta`` events that carry
text also accept ``obfuscation``: the random padding OpenAI adds to them unless
``stream_options.include_obfuscation`` is false (the SDK declares it on one event only).
"""

from typing import ClassVar, Literal, Optional, Union

from typing_extensions import Required, TypedDict

from .._base import Number, WireModel, wire_dict
from ..openai._response import ErrorObject
from ._content import Annotation, ResponseContentPart, SummaryTextContent
from ._item_unions import ResponseOutputItem
from ._response import Response

__all__ = [
    "TextLogprobTopLogprob",
    "TextLogprob",
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCompletedEvent",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseCreatedEvent",
    "ResponseErrorEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseInProgressEvent",
    "ResponseFailedEvent",
    "ResponseIncompleteEvent",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseReasoningSummaryPartAddedEvent",
    "ResponseReasoningSummaryPartDoneEvent",
    "ResponseReasoningSummaryTextDeltaEvent",
    "ResponseReasoningSummaryTextDoneEvent",
    "ResponseReasoningTextDeltaEvent",
    "ResponseReasoningTextDoneEvent",
    "ResponseRefusalDeltaEvent",
    "ResponseRefusalDoneEvent",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "ResponseOutputTextAnnotationAddedEvent",
    "ResponseQueuedEvent",
    "ResponseCustomToolCallInputDeltaEvent",
    "ResponseCustomToolCallInputDoneEvent",
]


class _Event(WireModel):
    """Base of the stream events: SSE frames them as ``event: <type>``."""

    _wire_name: ClassVar[str] = "event"
    _sse_named: ClassVar[bool] = True


@wire_dict
class TextLogprobTopLogprob(TypedDict, total=False):
    """One of the most likely tokens at a position (SDK: ``response_text_delta_event.LogprobTopLogprob``)."""

    token: Optional[str]
    logprob: Optional[Number]


@wire_dict
class TextLogprob(TypedDict, total=False):
    """Log probability of one token of a text delta (SDK: ``response_text_delta_event.Logprob``)."""

    token: Required[str]
    logprob: Required[Number]
    top_logprobs: Optional[list[TextLogprobTopLogprob]]


class ResponseAudioDeltaEvent(_Event):
    """A chunk of base64 audio output."""

    type: Literal["response.audio.delta"]
    sequence_number: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseAudioDoneEvent(_Event):
    """The audio output is complete."""

    type: Literal["response.audio.done"]
    sequence_number: int


class ResponseAudioTranscriptDeltaEvent(_Event):
    """More of the transcript of the audio output."""

    type: Literal["response.audio.transcript.delta"]
    sequence_number: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseAudioTranscriptDoneEvent(_Event):
    """The transcript of the audio output is complete."""

    type: Literal["response.audio.transcript.done"]
    sequence_number: int


class ResponseCompletedEvent(_Event):
    """Last event of a successful stream: the final response, with ``output`` and ``usage``."""

    type: Literal["response.completed"]
    sequence_number: int
    response: Response


class ResponseContentPartAddedEvent(_Event):
    """A content part starts (``output_text`` with empty text, ``refusal`` or ``reasoning_text``)."""

    type: Literal["response.content_part.added"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    part: ResponseContentPart


class ResponseContentPartDoneEvent(_Event):
    """A content part is complete."""

    type: Literal["response.content_part.done"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    part: ResponseContentPart


class ResponseCreatedEvent(_Event):
    """First event of every stream: the response with ``status: "in_progress"`` and no output."""

    type: Literal["response.created"]
    sequence_number: int
    response: Response


class ResponseErrorEvent(_Event):
    """An error after the stream started (HTTP 200 already sent).

    The SDK declares ``code``, ``message`` and ``param`` at the top level; OpenAI's streams were
    recorded sending them nested, ``{"type": "error", "sequence_number": n, "error": {"type",
    "code", "message", "param"}}`` (the shape of an HTTP error body's ``error``). Both are
    accepted, so ``message`` is optional here.
    """

    type: Literal["error"]
    sequence_number: int
    code: Optional[str] = None
    message: Optional[str] = None
    param: Optional[str] = None
    error: Optional[ErrorObject] = None


class ResponseFunctionCallArgumentsDeltaEvent(_Event):
    """A fragment of a function call's ``arguments`` (JSON only once concatenated)."""

    type: Literal["response.function_call_arguments.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseFunctionCallArgumentsDoneEvent(_Event):
    """A function call's ``arguments`` are complete."""

    type: Literal["response.function_call_arguments.done"]
    sequence_number: int
    item_id: str
    output_index: int
    arguments: str


class ResponseInProgressEvent(_Event):
    """The response is being generated (often right after ``response.created``)."""

    type: Literal["response.in_progress"]
    sequence_number: int
    response: Response


class ResponseFailedEvent(_Event):
    """Last event of a failed stream: the response with ``status: "failed"`` and its ``error``."""

    type: Literal["response.failed"]
    sequence_number: int
    response: Response


class ResponseIncompleteEvent(_Event):
    """Last event of a stream cut short: the response with ``incomplete_details``."""

    type: Literal["response.incomplete"]
    sequence_number: int
    response: Response


class ResponseOutputItemAddedEvent(_Event):
    """An output item starts at ``output_index`` (a message with no content, a call with empty arguments, …)."""

    type: Literal["response.output_item.added"]
    sequence_number: int
    output_index: int
    item: ResponseOutputItem


class ResponseOutputItemDoneEvent(_Event):
    """An output item is complete; clients such as Codex take this item as authoritative."""

    type: Literal["response.output_item.done"]
    sequence_number: int
    output_index: int
    item: ResponseOutputItem


class ResponseReasoningSummaryPartAddedEvent(_Event):
    """A reasoning summary part starts."""

    type: Literal["response.reasoning_summary_part.added"]
    sequence_number: int
    item_id: str
    output_index: int
    summary_index: int
    part: SummaryTextContent


class ResponseReasoningSummaryPartDoneEvent(_Event):
    """A reasoning summary part is complete."""

    type: Literal["response.reasoning_summary_part.done"]
    sequence_number: int
    item_id: str
    output_index: int
    summary_index: int
    part: SummaryTextContent
    status: Optional[Union[Literal["incomplete"], str]] = None


class ResponseReasoningSummaryTextDeltaEvent(_Event):
    """More text of a reasoning summary part."""

    type: Literal["response.reasoning_summary_text.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    summary_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseReasoningSummaryTextDoneEvent(_Event):
    """The text of a reasoning summary part is complete."""

    type: Literal["response.reasoning_summary_text.done"]
    sequence_number: int
    item_id: str
    output_index: int
    summary_index: int
    text: str


class ResponseReasoningTextDeltaEvent(_Event):
    """More raw reasoning text (open-weight models)."""

    type: Literal["response.reasoning_text.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseReasoningTextDoneEvent(_Event):
    """A raw reasoning text part is complete."""

    type: Literal["response.reasoning_text.done"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    text: str


class ResponseRefusalDeltaEvent(_Event):
    """More text of a refusal part."""

    type: Literal["response.refusal.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseRefusalDoneEvent(_Event):
    """A refusal part is complete."""

    type: Literal["response.refusal.done"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    refusal: str


class ResponseTextDeltaEvent(_Event):
    """More text of an ``output_text`` part."""

    type: Literal["response.output_text.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    delta: str
    logprobs: list[TextLogprob]
    obfuscation: Optional[str] = None


class ResponseTextDoneEvent(_Event):
    """An ``output_text`` part is complete."""

    type: Literal["response.output_text.done"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    logprobs: list[TextLogprob]
    text: str


class ResponseOutputTextAnnotationAddedEvent(_Event):
    """An annotation (citation) was added to an ``output_text`` part."""

    type: Literal["response.output_text.annotation.added"]
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    annotation_index: int
    annotation: Optional[Annotation] = None


class ResponseQueuedEvent(_Event):
    """A background response is queued."""

    type: Literal["response.queued"]
    sequence_number: int
    response: Response


class ResponseCustomToolCallInputDeltaEvent(_Event):
    """A fragment of a custom tool call's ``input``."""

    type: Literal["response.custom_tool_call_input.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseCustomToolCallInputDoneEvent(_Event):
    """A custom tool call's ``input`` is complete."""

    type: Literal["response.custom_tool_call_input.done"]
    sequence_number: int
    item_id: str
    output_index: int
    input: str
