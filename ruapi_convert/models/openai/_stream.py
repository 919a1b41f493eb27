"""
ruapi_convert.models.openai._stream
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

One event of a streamed Chat Completion: a :class:`ChatCompletionChunk`, or an in-band error.

A Chat Completions stream is a sequence of SSE ``data:`` lines without ``event:`` names, ended by
``data: [DONE]`` (which belongs to :mod:`ruapi_convert.sse`, not to this module). An error after the
HTTP 200 arrives as ``data: {"error": {...}}``, the same shape as an error body, which the SDK turns
into an ``APIError``; :func:`parse_stream_event` tells the two apart by that top-level key.

Shapes follow ``openai.types.chat.ChatCompletionChunk`` of openai 3.57.0, widened where real
servers differ: a tool-call delta may lack ``index`` or carry a ``type`` other than ``"function"``,
and ``object`` may be another string (Azure's content-filter chunks send ``""``).
"""

from typing import Any, Literal, Optional, Union

from typing_extensions import Required, TypedDict

from ... import _json
from ...errors import InvalidInputError
from .._base import Count, WireModel, wire_dict
from ._response import ChoiceLogprobs, CompletionUsage, ErrorResponse, Moderation
from ._vocab import FinishReason, ServiceTier

__all__ = [
    "ChoiceDeltaAudio",
    "ChoiceDeltaFunctionCall",
    "ChoiceDeltaToolCallFunction",
    "ChoiceDeltaToolCall",
    "ChoiceDelta",
    "ChunkChoice",
    "ChatCompletionChunk",
    "parse_stream_event",
]


@wire_dict
class ChoiceDeltaAudio(TypedDict, total=False):
    """A fragment of audio output; the last one carries only ``expires_at``."""

    id: Optional[str]
    data: Optional[str]
    expires_at: Optional[int]
    transcript: Optional[str]


@wire_dict
class ChoiceDeltaFunctionCall(TypedDict, total=False):
    """A fragment of the deprecated ``function_call``: name once, then argument pieces."""

    name: Optional[str]
    arguments: Optional[str]


@wire_dict
class ChoiceDeltaToolCallFunction(TypedDict, total=False):
    """``function`` of a tool-call fragment: ``name`` on the first one, ``arguments`` pieces after."""

    name: Optional[str]
    arguments: Optional[str]


@wire_dict
class ChoiceDeltaToolCall(TypedDict, total=False):
    """A fragment of one tool call; fragments with the same ``index`` concatenate.

    ``index`` is the ordinal of the tool call within the message. The SDK requires it, but some
    OpenAI-compatible servers omit it when a message has a single tool call, so it is optional here.
    ``type`` is ``"function"`` in the SDK; other strings are accepted so that a custom-tool fragment
    (whose ``custom`` object is then kept as an extra key) does not fail the whole chunk.
    """

    index: Optional[Count]
    id: Optional[str]
    type: Optional[Union[Literal["function"], str]]
    function: Optional[ChoiceDeltaToolCallFunction]


@wire_dict
class ChoiceDelta(TypedDict, total=False):
    """What one chunk adds to a choice's message.

    Gateways stream reasoning here (``reasoning_content``, ``reasoning``, ``reasoning_details``);
    those keys are not declared and are kept as given, as the SDK does.
    """

    # Normally only on the first chunk of a choice.
    role: Optional[Union[Literal["developer", "system", "user", "assistant", "tool"], str]]
    # a list of chunks from Mistral's reasoning models (see ChatCompletionMessage.content)
    content: Optional[Union[str, list[dict[str, Any]]]]
    refusal: Optional[str]
    tool_calls: Optional[list[ChoiceDeltaToolCall]]
    function_call: Optional[ChoiceDeltaFunctionCall]
    audio: Optional[ChoiceDeltaAudio]


@wire_dict
class ChunkChoice(TypedDict, total=False):
    """One choice of a chunk (SDK: ``chat_completion_chunk.Choice``)."""

    index: Required[int]
    delta: Required[ChoiceDelta]
    logprobs: Optional[ChoiceLogprobs]
    # null until the last content chunk of this choice.
    finish_reason: Optional[FinishReason]


class ChatCompletionChunk(WireModel):
    """One ``data:`` event of a streamed Chat Completion.

    ``id``, ``created`` and ``model`` repeat on every chunk. With ``stream_options.include_usage``
    every chunk carries ``usage: null`` except a final one with ``choices: []`` and the usage.
    """

    id: str
    # The SDK's literal is "chat.completion.chunk"; Azure's content-filter chunks send "".
    object: Union[Literal["chat.completion.chunk"], str]
    created: int
    model: str
    # (Declared in the order OpenAI sends them, which is the order ``to_json`` writes them in.)
    service_tier: Optional[ServiceTier] = None
    system_fingerprint: Optional[str] = None
    choices: list[ChunkChoice]
    usage: Optional[CompletionUsage] = None
    # Random padding that equalises chunk sizes (``stream_options.include_obfuscation``).
    obfuscation: Optional[str] = None
    moderation: Optional[Moderation] = None


_DONE = "[DONE]"
_DONE_BYTES = b"[DONE]"


def parse_stream_event(
    data: Union[dict[str, Any], bytes, bytearray, memoryview, str],
) -> Union[ChatCompletionChunk, ErrorResponse]:
    """Parse the ``data`` of one Chat Completions SSE event into a chunk or an in-band error.

    A payload whose top-level ``error`` is present and not null is an :class:`ErrorResponse` (the
    SDK raises ``APIError`` on it); anything else must be a :class:`ChatCompletionChunk`. ``[DONE]``
    is not an event: :mod:`ruapi_convert.sse` handles it. Raises :class:`InvalidInputError` (with the
    JSON path) on bad JSON or an invalid payload.
    """
    if isinstance(data, (bytes, bytearray, memoryview, str)):
        if data in (_DONE, _DONE_BYTES):
            raise InvalidInputError("[DONE] ends the stream; it is not an event to parse")
        data = _json.loads(data)
    elif isinstance(data, dict):
        _json.check_foreign(data)  # a caller's dict (see _json.check_foreign)
    return _event_class(data)._validate_parsed(data)


def stream_event_wire(data: Any) -> dict[str, Any]:
    """``parse_stream_event(data).wire()`` for a value our own JSON parser produced.

    The stream converters only read wire dicts: this validates without building the model (see
    ``WireModel.parse_wire``) and skips the screen for values JSON cannot carry, which parsed
    text never holds.
    """
    return _event_class(data)._wire_parsed(data)


def _event_class(data: Any) -> type[ChatCompletionChunk] | type[ErrorResponse]:
    if not isinstance(data, dict):
        raise InvalidInputError(f"a stream event must be a JSON object, got {type(data).__name__}")
    return ErrorResponse if data.get("error") is not None else ChatCompletionChunk
