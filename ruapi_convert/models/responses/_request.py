"""
ruapi_convert.models.responses._request
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Request bodies: ``POST /v1/responses`` (:class:`ResponseCreateParams`) and
``POST /v1/responses/input_tokens`` (:class:`InputTokenCountParams`), with the options that only
requests carry (prompt templates, conversations, stream options, caching, background mode).

Fields marked *stateful* need a server that stores responses or prompts (``previous_response_id``,
``conversation``, ``prompt``, ``background``, ``store: true``): a pure converter can only report
them. They are modelled like any other field so that they round-trip.
"""

from typing import Literal, Optional, Union

from typing_extensions import Required, TypedDict

from .._base import Number, WireModel, wire_dict
from ..openai._request import ModerationParam
from ._config import Reasoning, ResponseTextConfig
from ._content import ResponseInputContent
from ._item_unions import ResponseInputItem
from ._tools import Tool, ToolChoice
from ._vocab import (
    PromptCacheRetention,
    PromptCacheTTL,
    ResponseIncludable,
    ServiceTier,
    Truncation,
)

__all__ = [
    "ResponsePrompt",
    "ResponseConversationParam",
    "StreamOptions",
    "PromptCacheOptions",
    "ContextManagement",
    "BackgroundOptions",
    "AccessPrograms",
    "ImageOptions",
    "ResponseCreateParams",
    "InputTokenCountParams",
]


@wire_dict
class ResponsePrompt(TypedDict, total=False):
    """``prompt``: a stored prompt template by id, with values for its variables (*stateful*)."""

    id: Required[str]
    version: Optional[str]
    # Values are strings or input parts (text, image, file).
    variables: Optional[dict[str, Union[str, ResponseInputContent]]]


@wire_dict
class ResponseConversationParam(TypedDict, total=False):
    """``conversation`` as an object: ``{"id": "conv_…"}`` (also the echo in a response)."""

    id: Required[str]


@wire_dict
class StreamOptions(TypedDict, total=False):
    """``stream_options``: whether delta events carry ``obfuscation`` padding."""

    include_obfuscation: Optional[bool]


@wire_dict
class PromptCacheOptions(TypedDict, total=False):
    """``prompt_cache_options``: implicit or explicit caching, its TTL, pre-warming, and a response
    to compare cache use against (the response echo always has ``mode`` and ``ttl``)."""

    mode: Optional[Union[Literal["implicit", "explicit"], str]]
    ttl: Optional[PromptCacheTTL]
    prewarm: Optional[bool]
    comparison_response_id: Optional[str]


@wire_dict
class ContextManagement(TypedDict, total=False):
    """One entry of ``context_management``, e.g. ``{"type": "compaction", "compact_threshold": n}``.

    The SDK types ``type`` as any string, so this is not a tagged union.
    """

    type: Required[str]
    compact_threshold: Optional[int]


@wire_dict
class BackgroundOptions(TypedDict, total=False):
    """``background_options``: when a background response must finish (*stateful*)."""

    completion_window: Optional[Union[Literal["soonest", "2h", "8h"], str]]
    continuation_id: Optional[str]


@wire_dict
class AccessPrograms(TypedDict, total=False):
    """``access_programs``: special access programs the request runs under."""

    cyber: Optional[Union[Literal["standard", "daybreak_blue", "daybreak_red"], str]]


@wire_dict
class ImageOptions(TypedDict, total=False):
    """``image``: how input images are handled (SDK: ``Image``)."""

    context_compression: Optional[Union[Literal["auto", "enabled", "disabled"], str]]


class ResponseCreateParams(WireModel):
    """The request body of ``POST /v1/responses`` (every key of openai 3.57.0, streaming or not).

    Every key is optional (a stored ``prompt`` can supply the model and the input) and accepts
    ``null``. ``input`` is a string (one user message) or a list of items.
    """

    model: Optional[str] = None
    instructions: Optional[str] = None
    input: Optional[Union[str, list[ResponseInputItem]]] = None

    tools: Optional[list[Tool]] = None
    tool_choice: Optional[ToolChoice] = None
    parallel_tool_calls: Optional[bool] = None
    # Built-in tool calls only.
    max_tool_calls: Optional[int] = None

    reasoning: Optional[Reasoning] = None
    text: Optional[ResponseTextConfig] = None
    include: Optional[list[ResponseIncludable]] = None
    # Stored by default (true); Codex and other stateless clients send false.
    store: Optional[bool] = None
    stream: Optional[bool] = None
    stream_options: Optional[StreamOptions] = None

    # Upper bound on generated tokens *including* reasoning tokens.
    max_output_tokens: Optional[int] = None
    temperature: Optional[Number] = None
    top_p: Optional[Number] = None
    top_logprobs: Optional[int] = None
    truncation: Optional[Truncation] = None

    # Up to 16 string pairs.
    metadata: Optional[dict[str, str]] = None
    # Deprecated in favour of safety_identifier and prompt_cache_key.
    user: Optional[str] = None
    safety_identifier: Optional[str] = None
    prompt_cache_key: Optional[str] = None
    prompt_cache_options: Optional[PromptCacheOptions] = None
    prompt_cache_retention: Optional[PromptCacheRetention] = None
    service_tier: Optional[ServiceTier] = None

    # Stateful (see the module docstring).
    previous_response_id: Optional[str] = None
    conversation: Optional[Union[str, ResponseConversationParam]] = None
    prompt: Optional[ResponsePrompt] = None
    background: Optional[bool] = None
    background_options: Optional[BackgroundOptions] = None
    context_management: Optional[list[ContextManagement]] = None

    moderation: Optional[ModerationParam] = None
    image: Optional[ImageOptions] = None
    access_programs: Optional[AccessPrograms] = None


class InputTokenCountParams(WireModel):
    """The request body of ``POST /v1/responses/input_tokens``: what a request would send, to count
    its input tokens. The reply is :class:`InputTokenCountResponse`."""

    model: Optional[str] = None
    instructions: Optional[str] = None
    input: Optional[Union[str, list[ResponseInputItem]]] = None
    tools: Optional[list[Tool]] = None
    tool_choice: Optional[ToolChoice] = None
    parallel_tool_calls: Optional[bool] = None
    reasoning: Optional[Reasoning] = None
    text: Optional[ResponseTextConfig] = None
    truncation: Optional[Truncation] = None
    personality: Optional[Union[Literal["friendly", "pragmatic"], str]] = None
    previous_response_id: Optional[str] = None
    conversation: Optional[Union[str, ResponseConversationParam]] = None
