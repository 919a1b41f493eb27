"""The typed floor's schemas: minimal strict TypedDicts of each *input* the benchmark converts.

Written for the benchmark and independent of ``ruapi_convert.models``: they describe the protocols
(OpenAI Chat Completions, Anthropic Messages) only as far as the benchmark's payloads go. Every
field that occurs in a payload is declared with its wire type (unions where the protocol has them,
e.g. Anthropic ``content`` is a string or a list of blocks); unions of blocks and events are tagged
on ``type`` (OpenAI messages on ``role``), with one member per tag that occurs; every level is
``strict=True`` (no coercion) and ``extra="allow"`` (unknown keys kept, as a converter must).
Free-form JSON (a tool's JSON Schema, a tool call's ``input``) is ``dict[str, Any]``.

:func:`check_schema` proves on each row that a schema is not a stub: it validates the payload, and
a copy with any one field given a value of the wrong JSON type is rejected, for every field path
that occurs (see :func:`field_paths`).
"""

# No ``from __future__ import annotations``: pydantic reads these annotations at runtime.

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, with_config
from typing_extensions import NotRequired, TypedDict

__all__ = [
    "FREE_FORM",
    "SCHEMAS",
    "check_schema",
    "field_paths",
    "validator",
]

_CONFIG = ConfigDict(strict=True, extra="allow")
typed = with_config(_CONFIG)

# -- OpenAI Chat Completions --------------------------------------------------------------------------


@typed
class OFunction(TypedDict):
    name: str
    arguments: str


@typed
class OToolCall(TypedDict):
    id: str
    type: Literal["function"]
    function: OFunction


@typed
class OTextPart(TypedDict):
    type: Literal["text"]
    text: str


@typed
class OSystemMessage(TypedDict):
    role: Literal["system"]
    content: Union[str, list[OTextPart]]


@typed
class OUserMessage(TypedDict):
    role: Literal["user"]
    content: Union[str, list[OTextPart]]


@typed
class OAssistantMessage(TypedDict):
    role: Literal["assistant"]
    content: NotRequired[Union[str, list[OTextPart], None]]
    tool_calls: NotRequired[list[OToolCall]]


@typed
class OToolMessage(TypedDict):
    role: Literal["tool"]
    tool_call_id: str
    content: Union[str, list[OTextPart]]


OMessage = Annotated[
    Union[OSystemMessage, OUserMessage, OAssistantMessage, OToolMessage],
    Field(discriminator="role"),
]


@typed
class OFunctionDefinition(TypedDict):
    name: str
    description: NotRequired[str]
    parameters: NotRequired[dict[str, Any]]


@typed
class OTool(TypedDict):
    type: Literal["function"]
    function: OFunctionDefinition


@typed
class OpenAIRequest(TypedDict):
    model: str
    messages: list[OMessage]
    tools: NotRequired[list[OTool]]
    max_completion_tokens: NotRequired[int]
    temperature: NotRequired[float]


FinishReason = Literal["stop", "length", "tool_calls", "content_filter", "function_call"]


@typed
class OPromptTokensDetails(TypedDict):
    cached_tokens: NotRequired[int]


@typed
class OUsage(TypedDict):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: NotRequired[OPromptTokensDetails]


@typed
class OReplyMessage(TypedDict):
    role: Literal["assistant"]
    content: Optional[str]
    refusal: NotRequired[Optional[str]]
    tool_calls: NotRequired[list[OToolCall]]


@typed
class OChoice(TypedDict):
    index: int
    message: OReplyMessage
    finish_reason: FinishReason
    logprobs: NotRequired[Optional[dict[str, Any]]]


@typed
class OpenAIReply(TypedDict):
    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[OChoice]
    usage: NotRequired[OUsage]


@typed
class OChunkFunction(TypedDict):
    name: NotRequired[str]
    arguments: NotRequired[str]


@typed
class OChunkToolCall(TypedDict):
    index: int
    id: NotRequired[str]
    type: NotRequired[Literal["function"]]
    function: NotRequired[OChunkFunction]


@typed
class ODelta(TypedDict):
    role: NotRequired[Literal["assistant"]]
    content: NotRequired[Optional[str]]
    tool_calls: NotRequired[list[OChunkToolCall]]


@typed
class OChunkChoice(TypedDict):
    index: int
    delta: ODelta
    finish_reason: Optional[FinishReason]


@typed
class OpenAIChunk(TypedDict):
    id: str
    object: Literal["chat.completion.chunk"]
    created: int
    model: str
    choices: list[OChunkChoice]
    usage: NotRequired[Optional[OUsage]]


# -- Anthropic Messages ---------------------------------------------------------------------------------


@typed
class AText(TypedDict):
    type: Literal["text"]
    text: str


@typed
class AToolUse(TypedDict):
    type: Literal["tool_use"]
    id: str
    name: str
    input: dict[str, Any]


@typed
class AToolResult(TypedDict):
    type: Literal["tool_result"]
    tool_use_id: str
    content: NotRequired[Union[str, list[AText]]]


ARequestBlock = Annotated[Union[AText, AToolUse, AToolResult], Field(discriminator="type")]


@typed
class AMessage(TypedDict):
    role: Literal["user", "assistant"]
    content: Union[str, list[ARequestBlock]]


@typed
class ATool(TypedDict):
    name: str
    description: NotRequired[str]
    input_schema: dict[str, Any]


@typed
class AnthropicRequest(TypedDict):
    model: str
    max_tokens: int
    messages: list[AMessage]
    system: NotRequired[Union[str, list[AText]]]
    tools: NotRequired[list[ATool]]
    temperature: NotRequired[float]


StopReason = Literal["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal"]
AReplyBlock = Annotated[Union[AText, AToolUse], Field(discriminator="type")]


@typed
class AUsage(TypedDict):
    input_tokens: int
    output_tokens: int
    cache_read_input_tokens: NotRequired[Optional[int]]


@typed
class AnthropicReply(TypedDict):
    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    model: str
    content: list[AReplyBlock]
    stop_reason: Optional[StopReason]
    stop_sequence: Optional[str]
    usage: AUsage


@typed
class AMessageStart(TypedDict):
    type: Literal["message_start"]
    message: AnthropicReply


@typed
class ABlockStart(TypedDict):
    type: Literal["content_block_start"]
    index: int
    content_block: AReplyBlock


@typed
class ATextDelta(TypedDict):
    type: Literal["text_delta"]
    text: str


@typed
class AInputJSONDelta(TypedDict):
    type: Literal["input_json_delta"]
    partial_json: str


@typed
class ABlockDelta(TypedDict):
    type: Literal["content_block_delta"]
    index: int
    delta: Annotated[Union[ATextDelta, AInputJSONDelta], Field(discriminator="type")]


@typed
class ABlockStop(TypedDict):
    type: Literal["content_block_stop"]
    index: int


@typed
class AMessageDeltaBody(TypedDict):
    stop_reason: Optional[StopReason]
    stop_sequence: Optional[str]


@typed
class ADeltaUsage(TypedDict):
    output_tokens: int
    input_tokens: NotRequired[Optional[int]]


@typed
class AMessageDelta(TypedDict):
    type: Literal["message_delta"]
    delta: AMessageDeltaBody
    usage: ADeltaUsage


@typed
class AMessageStop(TypedDict):
    type: Literal["message_stop"]


AnthropicEvent = Annotated[
    Union[AMessageStart, ABlockStart, ABlockDelta, ABlockStop, AMessageDelta, AMessageStop],
    Field(discriminator="type"),
]

#: The schema of each input the benchmark converts, by name.
SCHEMAS: dict[str, Any] = {
    "openai_request": OpenAIRequest,
    "anthropic_request": AnthropicRequest,
    "anthropic_reply": AnthropicReply,
    "openai_reply": OpenAIReply,
    "anthropic_event": AnthropicEvent,
    "openai_chunk": OpenAIChunk,
}

#: Keys whose value is free-form JSON in the protocol (a JSON Schema, a tool call's arguments): the
#: schema checks only that it is an object, so :func:`field_paths` does not descend into it.
FREE_FORM = frozenset({"parameters", "input_schema", "input"})


def validator(name: str) -> Any:
    """The compiled validator of a schema (``TypeAdapter(...).validator``), built once."""
    return TypeAdapter(SCHEMAS[name]).validator


# -- the not-a-stub check ----------------------------------------------------------------------------------

Path = tuple[Union[str, int], ...]


def field_paths(value: Any) -> dict[tuple[str, ...], Path]:
    """Every field path of a JSON value down to its leaves, once per shape.

    The shape of a path is the path with list indices replaced by ``*`` and, at each object that
    carries a ``type`` or ``role`` tag, the tag's value: so each member of a tagged union has its
    own shapes. The first path of each shape is kept. Leaves are scalars, empty containers and the
    values of :data:`FREE_FORM` keys.
    """
    found: dict[tuple[str, ...], Path] = {}

    def walk(node: Any, at: Path, shape: tuple[str, ...]) -> None:
        free = bool(at) and at[-1] in FREE_FORM
        if isinstance(node, dict) and node and not free:
            tags = tuple(f"{k}={node[k]}" for k in ("type", "role") if isinstance(node.get(k), str))
            for key, item in node.items():
                walk(item, (*at, key), (*shape, *tags, key))
        elif isinstance(node, list) and node:
            for i, item in enumerate(node):
                walk(item, (*at, i), (*shape, "*"))
        else:
            found.setdefault(shape, at)

    walk(value, (), ())
    return found


def _wrong_type(value: Any) -> Any:
    """A value of another JSON type than ``value``'s (strict validation must refuse it)."""
    if isinstance(value, bool):
        return "x"
    if isinstance(value, (int, float)):
        return "42"
    if isinstance(value, str):
        return 42
    if value is None:
        return []
    return 42  # a container


def check_schema(name: str, payloads: list[Any]) -> int:
    """Validate each payload with schema ``name``, and check that corrupting any one of its field
    paths (each shape once over all payloads) makes validation fail. Returns the number of field
    shapes checked; raises ``AssertionError`` naming the first field the schema does not check."""
    validate = validator(name).validate_python
    seen: set[tuple[str, ...]] = set()
    for payload in payloads:
        assert validate(payload) == payload, f"{name}: validation changed the payload"
        for shape, path in field_paths(payload).items():
            if shape in seen:
                continue
            seen.add(shape)
            *parents, last = path
            node = payload
            for step in parents:
                node = node[step]
            original = node[last]
            node[last] = _wrong_type(original)
            try:
                validate(payload)
            except ValidationError:
                pass
            else:
                raise AssertionError(f"{name}: a wrong type at {'.'.join(map(str, path))} passes")
            finally:
                node[last] = original
    return len(seen)
