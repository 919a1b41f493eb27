"""
ruapi_convert.models.openai._request
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The request body of ``POST /v1/chat/completions``, :class:`ChatCompletionCreateParams`, and its
options other than messages and tools (``response_format``, audio, prediction, web search, prompt
caching, moderation, stream options). Messages live in ``_messages``, tools in ``_tools``.
"""

from typing import Annotated, Any, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Count, NonNegativeNumber, Number, PositiveInt, WireModel, not_one_of, wire_dict
from ._messages import ChatCompletionMessageParam, ChatCompletionTextContentPartParam
from ._tools import (
    ChatCompletionFunctionCallOptionParam,
    ChatCompletionToolChoiceOptionParam,
    ChatCompletionToolUnionParam,
    DeprecatedFunctionParam,
)
from ._vocab import ReasoningEffort, ServiceTier

__all__ = [
    "ResponseFormatTextParam",
    "JSONSchemaParam",
    "ResponseFormatJSONSchemaParam",
    "ResponseFormatJSONObjectParam",
    "UnknownResponseFormatParam",
    "ResponseFormatParam",
    "ChatCompletionStreamOptionsParam",
    "VoiceIDParam",
    "ChatCompletionAudioParam",
    "ChatCompletionPredictionContentParam",
    "WebSearchOptionsUserLocationApproximateParam",
    "WebSearchOptionsUserLocationParam",
    "WebSearchOptionsParam",
    "PromptCacheOptionsParam",
    "ModerationPolicyModeParam",
    "ModerationPolicyParam",
    "ModerationParam",
    "ChatCompletionCreateParams",
]


# -- response_format -----------------------------------------------------------------------------


@wire_dict
class ResponseFormatTextParam(TypedDict, total=False):
    """``response_format: {"type": "text"}``: plain text (the default)."""

    type: Required[Literal["text"]]


@wire_dict
class JSONSchemaParam(TypedDict, total=False):
    """``json_schema`` of a JSON-Schema response format (SDK: ``JSONSchema``)."""

    name: Required[str]
    description: Optional[str]
    schema: Optional[dict[str, Any]]
    strict: Optional[bool]


@wire_dict
class ResponseFormatJSONSchemaParam(TypedDict, total=False):
    """``response_format`` asking for JSON that follows a schema (Structured Outputs)."""

    type: Required[Literal["json_schema"]]
    json_schema: Required[JSONSchemaParam]


@wire_dict
class ResponseFormatJSONObjectParam(TypedDict, total=False):
    """``response_format: {"type": "json_object"}``: any valid JSON object (JSON mode)."""

    type: Required[Literal["json_object"]]


_KnownResponseFormatParam = Union[
    ResponseFormatTextParam, ResponseFormatJSONSchemaParam, ResponseFormatJSONObjectParam
]


@wire_dict
class UnknownResponseFormatParam(TypedDict):
    """A response format type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownResponseFormatParam)]


#: ``response_format``.
ResponseFormatParam: TypeAlias = Annotated[
    Union[
        Annotated[_KnownResponseFormatParam, Field(discriminator="type")],
        UnknownResponseFormatParam,
    ],
    Field(union_mode="left_to_right"),
]


# -- other options -------------------------------------------------------------------------------


@wire_dict
class ChatCompletionStreamOptionsParam(TypedDict, total=False):
    """``stream_options``: a final usage chunk, and whether chunks carry ``obfuscation`` padding."""

    include_usage: Optional[bool]
    include_obfuscation: Optional[bool]


@wire_dict
class VoiceIDParam(TypedDict, total=False):
    """A custom voice by id (SDK: ``VoiceID``)."""

    id: Required[str]


@wire_dict
class ChatCompletionAudioParam(TypedDict, total=False):
    """``audio``: output format and voice, required when ``modalities`` includes ``"audio"``."""

    format: Required[Union[Literal["wav", "aac", "mp3", "flac", "opus", "pcm16"], str]]
    voice: Required[
        Union[
            Literal[
                "alloy",
                "ash",
                "ballad",
                "coral",
                "echo",
                "sage",
                "shimmer",
                "verse",
                "marin",
                "cedar",
            ],
            str,
            VoiceIDParam,
        ]
    ]


@wire_dict
class ChatCompletionPredictionContentParam(TypedDict, total=False):
    """``prediction`` (Predicted Outputs): content expected to appear largely unchanged in the reply."""

    type: Required[Literal["content"]]
    content: Required[Union[str, list[ChatCompletionTextContentPartParam]]]


@wire_dict
class WebSearchOptionsUserLocationApproximateParam(TypedDict, total=False):
    """Approximate user location for web search (SDK: ``WebSearchOptionsUserLocationApproximate``)."""

    city: Optional[str]
    country: Optional[str]
    region: Optional[str]
    timezone: Optional[str]


@wire_dict
class WebSearchOptionsUserLocationParam(TypedDict, total=False):
    """``user_location`` of ``web_search_options`` (SDK: ``WebSearchOptionsUserLocation``)."""

    type: Required[Literal["approximate"]]
    approximate: Required[WebSearchOptionsUserLocationApproximateParam]


@wire_dict
class WebSearchOptionsParam(TypedDict, total=False):
    """``web_search_options`` for search models (SDK: ``WebSearchOptions``)."""

    search_context_size: Optional[Union[Literal["low", "medium", "high"], str]]
    user_location: Optional[WebSearchOptionsUserLocationParam]


@wire_dict
class PromptCacheOptionsParam(TypedDict, total=False):
    """``prompt_cache_options``: implicit or explicit (breakpoint-driven) caching, and its TTL."""

    mode: Optional[Union[Literal["implicit", "explicit"], str]]
    ttl: Optional[Union[Literal["30m"], str]]


@wire_dict
class ModerationPolicyModeParam(TypedDict, total=False):
    """How one side of a moderated completion is checked (SDK: ``ModerationPolicyInput``/``Output``)."""

    mode: Required[Union[Literal["score", "block"], str]]


@wire_dict
class ModerationPolicyParam(TypedDict, total=False):
    """``policy`` of ``moderation`` (SDK: ``ModerationPolicy``): input and output checks."""

    input: Optional[ModerationPolicyModeParam]
    output: Optional[ModerationPolicyModeParam]


@wire_dict
class ModerationParam(TypedDict, total=False):
    """``moderation``: run a moderation model on the input and/or output (SDK: ``Moderation``)."""

    model: Required[str]
    policy: Optional[ModerationPolicyParam]


# -- the body ------------------------------------------------------------------------------------


class ChatCompletionCreateParams(WireModel):
    """The request body of ``POST /v1/chat/completions`` (all 37 keys of openai 3.57.0).

    Every optional key also accepts ``null``. Deprecated keys (``max_tokens``, ``functions``,
    ``function_call``, ``user``, ``prompt_cache_retention``) are still accepted: clients send them.
    """

    messages: list[ChatCompletionMessageParam]
    # Any string: the SDK's ChatModel list is advisory and gateways route on their own names.
    model: str

    stream: Optional[bool] = None
    stream_options: Optional[ChatCompletionStreamOptionsParam] = None

    # Upper bound on generated tokens *including* reasoning tokens.
    max_completion_tokens: Optional[PositiveInt] = None
    # Deprecated in favour of max_completion_tokens and "not compatible with o-series models".
    max_tokens: Optional[PositiveInt] = None
    temperature: Optional[NonNegativeNumber] = None
    top_p: Optional[NonNegativeNumber] = None
    frequency_penalty: Optional[Number] = None
    presence_penalty: Optional[Number] = None
    # Token id (as a JSON object key) -> bias from -100 to 100.
    logit_bias: Optional[dict[str, int]] = None
    logprobs: Optional[bool] = None
    top_logprobs: Optional[Count] = None
    n: Optional[PositiveInt] = None
    seed: Optional[int] = None
    stop: Optional[Union[str, list[str]]] = None

    tools: Optional[list[ChatCompletionToolUnionParam]] = None
    tool_choice: Optional[ChatCompletionToolChoiceOptionParam] = None
    parallel_tool_calls: Optional[bool] = None
    functions: Optional[list[DeprecatedFunctionParam]] = None
    function_call: Optional[
        Union[Literal["none", "auto"], str, ChatCompletionFunctionCallOptionParam]
    ] = None

    response_format: Optional[ResponseFormatParam] = None
    reasoning_effort: Optional[ReasoningEffort] = None
    verbosity: Optional[Union[Literal["low", "medium", "high"], str]] = None
    modalities: Optional[list[Union[Literal["text", "audio"], str]]] = None
    audio: Optional[ChatCompletionAudioParam] = None
    prediction: Optional[ChatCompletionPredictionContentParam] = None
    web_search_options: Optional[WebSearchOptionsParam] = None

    # Up to 16 string pairs, for stored completions.
    metadata: Optional[dict[str, str]] = None
    store: Optional[bool] = None
    service_tier: Optional[ServiceTier] = None
    prompt_cache_key: Optional[str] = None
    prompt_cache_options: Optional[PromptCacheOptionsParam] = None
    prompt_cache_retention: Optional[Union[Literal["in_memory", "24h"], str]] = None
    safety_identifier: Optional[str] = None
    user: Optional[str] = None
    moderation: Optional[ModerationParam] = None
