"""
ruapi_convert.models.responses._content
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Content parts: what messages, tool outputs and reasoning items are made of.

Input parts (``input_text``, ``input_image``, ``input_file``, ``input_audio``) carry what the user or
a tool provides; output parts (``output_text`` with its annotations and logprobs, ``refusal``) what
the model wrote; ``reasoning_text`` and ``summary_text`` make up reasoning items.

The SDK has up to four twins of each input part (``ResponseInputText``, ``ResponseInputTextParam``,
``ResponseInputTextContent``, ``ResponseInputTextContentParam``) with the same keys; here each part
is one class, named after the response type, whose required keys are those every twin requires.
So ``input_image`` does not require ``detail`` (the request twin does, the ``…Content`` twins do
not, and Codex leaves it out), and ``output_text`` does not require ``annotations`` (Codex replays
assistant turns as ``{"type": "output_text", "text": …}``).
"""

from typing import Annotated, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Number, not_one_of, wire_dict
from ..openai._messages import PromptCacheBreakpointParam
from ._vocab import ImageDetail

__all__ = [
    "PromptCacheBreakpoint",
    "ResponseInputText",
    "ResponseInputImage",
    "ResponseInputFile",
    "InputAudio",
    "ResponseInputAudio",
    "AnnotationFileCitation",
    "AnnotationURLCitation",
    "AnnotationContainerFileCitation",
    "AnnotationFilePath",
    "UnknownAnnotation",
    "Annotation",
    "LogprobTopLogprob",
    "Logprob",
    "ResponseOutputText",
    "ResponseOutputRefusal",
    "ReasoningTextContent",
    "SummaryTextContent",
    "UnknownContentPart",
    "ResponseInputContent",
    "ResponseMessageContent",
    "ResponseOutputMessageContent",
    "ResponseContentPart",
]

#: ``prompt_cache_breakpoint`` of an input part: cache the prompt up to and including this part.
#: (The same shape as in Chat Completions, hence the same class.)
PromptCacheBreakpoint: TypeAlias = PromptCacheBreakpointParam


# -- input parts ---------------------------------------------------------------------------------


@wire_dict
class ResponseInputText(TypedDict, total=False):
    """A text input part: ``{"type": "input_text", "text": ...}``."""

    type: Required[Literal["input_text"]]
    text: Required[str]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpoint]


@wire_dict
class ResponseInputImage(TypedDict, total=False):
    """An image input part: a URL (https or data URL) in ``image_url``, or an uploaded ``file_id``.

    Unlike Chat Completions, ``image_url`` is a flat string and ``detail`` sits beside it.
    """

    type: Required[Literal["input_image"]]
    detail: Optional[ImageDetail]
    file_id: Optional[str]
    image_url: Optional[str]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpoint]


@wire_dict
class ResponseInputFile(TypedDict, total=False):
    """A file input part (e.g. a PDF): inline ``file_data``, an uploaded ``file_id`` or a ``file_url``."""

    type: Required[Literal["input_file"]]
    detail: Optional[Union[Literal["auto", "low", "high"], str]]
    # "The content of the file to be sent to the model"; in practice a base64 data URL.
    file_data: Optional[str]
    file_id: Optional[str]
    file_url: Optional[str]
    filename: Optional[str]
    prompt_cache_breakpoint: Optional[PromptCacheBreakpoint]


@wire_dict
class InputAudio(TypedDict, total=False):
    """``input_audio`` of an audio part (SDK: ``response_input_audio.InputAudio``)."""

    data: Required[str]
    format: Required[Union[Literal["mp3", "wav"], str]]


@wire_dict
class ResponseInputAudio(TypedDict, total=False):
    """An audio input part. The SDK defines it but lists it in no union of 3.57.0; accepted anyway."""

    type: Required[Literal["input_audio"]]
    input_audio: Required[InputAudio]


# -- output text: annotations and logprobs -------------------------------------------------------


@wire_dict
class AnnotationFileCitation(TypedDict, total=False):
    """A citation of an uploaded file (file search), placed at character ``index`` of the text."""

    type: Required[Literal["file_citation"]]
    file_id: Required[str]
    filename: Required[str]
    index: Required[int]


@wire_dict
class AnnotationURLCitation(TypedDict, total=False):
    """A web source cited by ``text[start_index:end_index]`` (web search)."""

    type: Required[Literal["url_citation"]]
    start_index: Required[int]
    end_index: Required[int]
    title: Required[str]
    url: Required[str]


@wire_dict
class AnnotationContainerFileCitation(TypedDict, total=False):
    """A citation of a file in a code-interpreter container, spanning ``start_index:end_index``."""

    type: Required[Literal["container_file_citation"]]
    container_id: Required[str]
    file_id: Required[str]
    filename: Required[str]
    start_index: Required[int]
    end_index: Required[int]


@wire_dict
class AnnotationFilePath(TypedDict, total=False):
    """A path to a file the model produced, placed at character ``index`` of the text."""

    type: Required[Literal["file_path"]]
    file_id: Required[str]
    index: Required[int]


_KnownAnnotation = Union[
    AnnotationFileCitation,
    AnnotationURLCitation,
    AnnotationContainerFileCitation,
    AnnotationFilePath,
]


@wire_dict
class UnknownAnnotation(TypedDict):
    """An annotation type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownAnnotation)]


#: One entry of ``output_text.annotations`` (and the ``annotation`` of its stream event).
Annotation: TypeAlias = Annotated[
    Union[Annotated[_KnownAnnotation, Field(discriminator="type")], UnknownAnnotation],
    Field(union_mode="left_to_right"),
]


@wire_dict
class LogprobTopLogprob(TypedDict, total=False):
    """One of the most likely tokens at a position of an ``output_text``."""

    token: Required[str]
    bytes: Required[list[int]]
    logprob: Required[Number]


@wire_dict
class Logprob(TypedDict, total=False):
    """Log probability of one output token, with the most likely alternatives."""

    token: Required[str]
    bytes: Required[list[int]]
    logprob: Required[Number]
    top_logprobs: Required[list[LogprobTopLogprob]]


# -- output parts --------------------------------------------------------------------------------


@wire_dict
class ResponseOutputText(TypedDict, total=False):
    """Text the model wrote, with its annotations (citations) and, when asked for, logprobs.

    ``annotations`` is required in the SDK's response type; it is optional here because clients
    replay assistant text without it (see the module docstring).
    """

    type: Required[Literal["output_text"]]
    annotations: Optional[list[Annotation]]
    logprobs: Optional[list[Logprob]]
    text: Required[str]


@wire_dict
class ResponseOutputRefusal(TypedDict, total=False):
    """A refusal the model wrote instead of an answer."""

    type: Required[Literal["refusal"]]
    refusal: Required[str]


@wire_dict
class ReasoningTextContent(TypedDict, total=False):
    """Raw reasoning text of a reasoning item (SDK: ``response_reasoning_item.Content``)."""

    type: Required[Literal["reasoning_text"]]
    text: Required[str]


@wire_dict
class SummaryTextContent(TypedDict, total=False):
    """One summary part of a reasoning item (SDK: ``response_reasoning_item.Summary``)."""

    type: Required[Literal["summary_text"]]
    text: Required[str]


_KnownContentPart = Union[
    ResponseInputText,
    ResponseInputImage,
    ResponseInputFile,
    ResponseInputAudio,
    ResponseOutputText,
    ResponseOutputRefusal,
    ReasoningTextContent,
]


@wire_dict
class UnknownContentPart(TypedDict):
    """A content part type newer than this library; its payload is kept as given.

    One fallback serves every part union below: it refuses every part type this module knows, so a
    known part where it does not belong (``summary_text`` in a message) is an error that says so.
    """

    type: Annotated[str, not_one_of(Union[_KnownContentPart, SummaryTextContent])]


#: A part of tool output (``function_call_output.output``, ``custom_tool_call_output.output``) and of
#: input messages: text, image, file (and audio).
ResponseInputContent: TypeAlias = Annotated[
    Union[
        Annotated[
            Union[ResponseInputText, ResponseInputImage, ResponseInputFile, ResponseInputAudio],
            Field(discriminator="type"),
        ],
        UnknownContentPart,
    ],
    Field(union_mode="left_to_right"),
]

#: A part of an easy input message: input parts, and the ``output_text``/``refusal`` parts that
#: clients send when they replay assistant turns without ids (Codex does).
ResponseMessageContent: TypeAlias = Annotated[
    Union[
        Annotated[
            Union[
                ResponseInputText,
                ResponseInputImage,
                ResponseInputFile,
                ResponseInputAudio,
                ResponseOutputText,
                ResponseOutputRefusal,
            ],
            Field(discriminator="type"),
        ],
        UnknownContentPart,
    ],
    Field(union_mode="left_to_right"),
]

#: A part of an output message: text or refusal.
ResponseOutputMessageContent: TypeAlias = Annotated[
    Union[
        Annotated[Union[ResponseOutputText, ResponseOutputRefusal], Field(discriminator="type")],
        UnknownContentPart,
    ],
    Field(union_mode="left_to_right"),
]

#: The ``part`` of ``response.content_part.added``/``.done``: output text, refusal or reasoning text.
ResponseContentPart: TypeAlias = Annotated[
    Union[
        Annotated[
            Union[ResponseOutputText, ResponseOutputRefusal, ReasoningTextContent],
            Field(discriminator="type"),
        ],
        UnknownContentPart,
    ],
    Field(union_mode="left_to_right"),
]
