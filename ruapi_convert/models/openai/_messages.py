"""
ruapi_convert.models.openai._messages
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

``messages`` of a Chat Completions request: the six roles, their content parts, and the tool calls
an assistant message carries in the history.

Shapes follow ``openai.types.chat`` of openai 3.57.0, widened only where real clients send more:

* ``content: null`` is accepted on every role (clients send it for tool-call-only turns and some for
  empty user turns); the SDK allows it on assistant and function messages only.
* ``tool`` messages accept the same content parts as ``user`` messages, not only text: MCP hosts put
  tool-result images there, and Anthropic accepts images inside ``tool_result``.

Naming (all request modules): top-level SDK types keep their SDK names. Helper types that the SDK
declares locally under generic names (``Function``, ``Custom``, ``Audio``, ``ImageURL``, …) get a name
that says what they belong to and, being request-side, end in ``Param`` (``ToolCallFunctionParam``,
``AssistantAudioParam``, ``ImageURLParam``); each docstring names the SDK type it mirrors.
"""

from typing import Annotated, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "PromptCacheBreakpointParam",
    "ChatCompletionContentPartTextParam",
    "ImageURLParam",
    "ChatCompletionContentPartImageParam",
    "InputAudioParam",
    "ChatCompletionContentPartInputAudioParam",
    "FileFileParam",
    "ChatCompletionContentPartFileParam",
    "ChatCompletionContentPartRefusalParam",
    "UnknownContentPartParam",
    "ChatCompletionContentPartParam",
    "ChatCompletionTextContentPartParam",
    "ChatCompletionAssistantContentPartParam",
    "ToolCallFunctionParam",
    "ChatCompletionMessageFunctionToolCallParam",
    "ToolCallCustomParam",
    "ChatCompletionMessageCustomToolCallParam",
    "UnknownToolCallParam",
    "ChatCompletionMessageToolCallUnionParam",
    "ChatCompletionDeveloperMessageParam",
    "ChatCompletionSystemMessageParam",
    "ChatCompletionUserMessageParam",
    "FunctionCallParam",
    "AssistantAudioParam",
    "ChatCompletionAssistantMessageParam",
    "ChatCompletionToolMessageParam",
    "ChatCompletionFunctionMessageParam",
    "UnknownMessageParam",
    "ChatCompletionMessageParam",
]


# -- content parts -------------------------------------------------------------------------------


@wire_dict
class PromptCacheBreakpointParam(TypedDict, total=False):
    """``prompt_cache_breakpoint`` on a content part: cache the prompt up to and including this part."""

    mode: Required[Union[Literal["explicit"], str]]
    ttl: Optional[Union[Literal["30m", "12h"], str]]


@wire_dict
class ChatCompletionContentPartTextParam(TypedDict, total=False):
    """A text content part: ``{"type": "text", "text": ...}``."""

    type: Required[Literal["text"]]
    text: Required[str]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpointParam]


@wire_dict
class ImageURLParam(TypedDict, total=False):
    """The ``image_url`` object of an image part (SDK: ``ImageURL``): an https URL or a data URL."""

    url: Required[str]
    detail: Optional[Union[Literal["auto", "low", "high", "original"], str]]


@wire_dict
class ChatCompletionContentPartImageParam(TypedDict, total=False):
    """An image content part (user messages)."""

    type: Required[Literal["image_url"]]
    image_url: Required[ImageURLParam]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpointParam]


@wire_dict
class InputAudioParam(TypedDict, total=False):
    """The ``input_audio`` object of an audio part (SDK: ``InputAudio``): base64 data and format."""

    data: Required[str]
    format: Required[Union[Literal["wav", "mp3"], str]]


@wire_dict
class ChatCompletionContentPartInputAudioParam(TypedDict, total=False):
    """An audio input content part (user messages)."""

    type: Required[Literal["input_audio"]]
    input_audio: Required[InputAudioParam]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpointParam]


@wire_dict
class FileFileParam(TypedDict, total=False):
    """The ``file`` object of a file part (SDK: ``FileFile``): inline data, an uploaded id, a name."""

    # "base64 encoded file data" per the SDK; in practice a data URL (data:application/pdf;base64,…).
    file_data: Optional[str]
    file_id: Optional[str]
    filename: Optional[str]


@wire_dict
class ChatCompletionContentPartFileParam(TypedDict, total=False):
    """A file content part, e.g. a PDF (SDK: ``File`` in ``chat_completion_content_part_param``)."""

    type: Required[Literal["file"]]
    file: Required[FileFileParam]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpointParam]


@wire_dict
class ChatCompletionContentPartRefusalParam(TypedDict, total=False):
    """A refusal content part (assistant messages)."""

    type: Required[Literal["refusal"]]
    refusal: Required[str]


_KnownContentPartParam = Union[
    ChatCompletionContentPartTextParam,
    ChatCompletionContentPartImageParam,
    ChatCompletionContentPartInputAudioParam,
    ChatCompletionContentPartFileParam,
    ChatCompletionContentPartRefusalParam,
]


@wire_dict
class UnknownContentPartParam(TypedDict):
    """A content part type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownContentPartParam)]


# One fallback serves the three per-role unions below: it refuses every part type this module knows,
# so a known part that is not allowed for a role ("refusal" in a user message) is an error that says
# so, instead of passing as "unknown".

#: A part of user (and, leniently, tool) content: text, image, audio or file.
ChatCompletionContentPartParam: TypeAlias = Annotated[
    Union[
        Annotated[
            Union[
                ChatCompletionContentPartTextParam,
                ChatCompletionContentPartImageParam,
                ChatCompletionContentPartInputAudioParam,
                ChatCompletionContentPartFileParam,
            ],
            Field(discriminator="type"),
        ],
        UnknownContentPartParam,
    ],
    Field(union_mode="left_to_right"),
]

#: A part of system and developer content: text only (plus newer part types).
ChatCompletionTextContentPartParam: TypeAlias = Annotated[
    Union[ChatCompletionContentPartTextParam, UnknownContentPartParam],
    Field(union_mode="left_to_right"),
]

#: A part of assistant content: text or refusal.
ChatCompletionAssistantContentPartParam: TypeAlias = Annotated[
    Union[
        Annotated[
            Union[ChatCompletionContentPartTextParam, ChatCompletionContentPartRefusalParam],
            Field(discriminator="type"),
        ],
        UnknownContentPartParam,
    ],
    Field(union_mode="left_to_right"),
]


# -- tool calls in assistant messages ------------------------------------------------------------


@wire_dict
class ToolCallFunctionParam(TypedDict, total=False):
    """``function`` of a function tool call in history (SDK: ``Function``)."""

    name: Required[str]
    # A JSON text that, per the SDK docs, "may not be valid JSON": kept as a string, never parsed here.
    arguments: Required[str]


@wire_dict
class ChatCompletionMessageFunctionToolCallParam(TypedDict, total=False):
    """A function tool call made by the assistant, as sent back in the history."""

    id: Required[str]
    type: Required[Literal["function"]]
    function: Required[ToolCallFunctionParam]


@wire_dict
class ToolCallCustomParam(TypedDict, total=False):
    """``custom`` of a custom tool call in history (SDK: ``Custom``): free-form string input."""

    name: Required[str]
    input: Required[str]


@wire_dict
class ChatCompletionMessageCustomToolCallParam(TypedDict, total=False):
    """A custom (free-form input) tool call made by the assistant, as sent back in the history."""

    id: Required[str]
    type: Required[Literal["custom"]]
    custom: Required[ToolCallCustomParam]


_KnownToolCallParam = Union[
    ChatCompletionMessageFunctionToolCallParam, ChatCompletionMessageCustomToolCallParam
]


@wire_dict
class UnknownToolCallParam(TypedDict):
    """A tool call type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolCallParam)]


#: One entry of an assistant message's ``tool_calls``.
ChatCompletionMessageToolCallUnionParam: TypeAlias = Annotated[
    Union[Annotated[_KnownToolCallParam, Field(discriminator="type")], UnknownToolCallParam],
    Field(union_mode="left_to_right"),
]


# -- messages ------------------------------------------------------------------------------------


@wire_dict
class ChatCompletionDeveloperMessageParam(TypedDict, total=False):
    """A developer message: instructions that o1-and-later models follow over user messages."""

    role: Required[Literal["developer"]]
    content: Required[Union[str, list[ChatCompletionTextContentPartParam], None]]
    name: Optional[str]


@wire_dict
class ChatCompletionSystemMessageParam(TypedDict, total=False):
    """A system message (older models; newer ones treat it like a developer message)."""

    role: Required[Literal["system"]]
    content: Required[Union[str, list[ChatCompletionTextContentPartParam], None]]
    name: Optional[str]


@wire_dict
class ChatCompletionUserMessageParam(TypedDict, total=False):
    """A user message: a string or a list of text, image, audio and file parts."""

    role: Required[Literal["user"]]
    content: Required[Union[str, list[ChatCompletionContentPartParam], None]]
    name: Optional[str]


@wire_dict
class FunctionCallParam(TypedDict, total=False):
    """Deprecated ``function_call`` of an assistant message (SDK: ``FunctionCall``)."""

    name: Required[str]
    arguments: Required[str]


@wire_dict
class AssistantAudioParam(TypedDict, total=False):
    """``audio`` of an assistant message (SDK: ``Audio``): the id of an earlier audio response."""

    id: Required[str]


@wire_dict
class ChatCompletionAssistantMessageParam(TypedDict, total=False):
    """An assistant message in the history: text, refusal, tool calls, or an earlier audio reply.

    Gateway reasoning extensions (``reasoning_content``, ``reasoning``, ``reasoning_details``,
    ``thinking_blocks``) are not declared: they are kept as extra keys, exactly as sent.
    """

    role: Required[Literal["assistant"]]
    # Required by the API "unless tool_calls or function_call is specified"; null is common then.
    content: Optional[Union[str, list[ChatCompletionAssistantContentPartParam]]]
    refusal: Optional[str]
    tool_calls: Optional[list[ChatCompletionMessageToolCallUnionParam]]
    function_call: Optional[FunctionCallParam]
    audio: Optional[AssistantAudioParam]
    name: Optional[str]


@wire_dict
class ChatCompletionToolMessageParam(TypedDict, total=False):
    """The result of one tool call, matched to it by ``tool_call_id``."""

    role: Required[Literal["tool"]]
    # The SDK allows text parts only; image and file parts are accepted too (see the module docstring).
    content: Required[Union[str, list[ChatCompletionContentPartParam], None]]
    tool_call_id: Required[str]


@wire_dict
class ChatCompletionFunctionMessageParam(TypedDict, total=False):
    """Deprecated result of a ``function_call``, matched to it by ``name``."""

    role: Required[Literal["function"]]
    content: Required[Optional[str]]
    name: Required[str]


_KnownMessageParam = Union[
    ChatCompletionDeveloperMessageParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionUserMessageParam,
    ChatCompletionAssistantMessageParam,
    ChatCompletionToolMessageParam,
    ChatCompletionFunctionMessageParam,
]


@wire_dict
class UnknownMessageParam(TypedDict):
    """A message with a role newer than this library; its payload is kept as given."""

    role: Annotated[str, not_one_of(_KnownMessageParam, key="role")]


#: One entry of ``messages``, chosen by ``role``.
ChatCompletionMessageParam: TypeAlias = Annotated[
    Union[Annotated[_KnownMessageParam, Field(discriminator="role")], UnknownMessageParam],
    Field(union_mode="left_to_right"),
]
