"""
ruapi_convert.models.responses._response
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Bodies that come back: the :class:`Response` (non-streaming reply, and the ``response`` of the
lifecycle stream events) with its usage, error and diagnostics; the reply of the input-token count
endpoint; and the HTTP error body.

The HTTP error body of the Responses API is the one every OpenAI endpoint uses,
``{"error": {"message", "type", "param", "code"}}``, so :class:`ErrorResponse` and
:class:`ErrorObject` *are* the Chat Completions classes (``models.openai``), re-exported. The
``error`` inside a failed :class:`Response` is a different object, :class:`ResponseError`.

Where recorded replies are narrower than the SDK's types, the key is optional here:
``input_tokens_details.cache_write_tokens`` (newer than most recordings), the two usage details
(absent from some compatible servers' replies) and ``output`` (the SDK's own stream accumulator
accepts lifecycle events whose response has none).
"""

from typing import Annotated, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Number, WireModel, not_one_of, wire_dict
from ..openai._response import (
    ErrorObject,
    ErrorResponse,
    Misalignment,
    ModerationError,
    ModerationResult,
)
from ._config import Reasoning, ResponseTextConfig
from ._item_unions import ResponseInputItem, ResponseOutputItem
from ._request import (
    AccessPrograms,
    ImageOptions,
    PromptCacheOptions,
    ResponseConversationParam,
    ResponsePrompt,
)
from ._tools import Tool, ToolChoice
from ._vocab import (
    IncompleteReason,
    PromptCacheRetention,
    ResponseErrorCode,
    ResponseStatus,
    ServiceTier,
    Truncation,
)

__all__ = [
    "InputTokensDetailsCacheWriteTokensDetails",
    "InputTokensDetails",
    "OutputTokensDetails",
    "ResponseUsage",
    "ResponseError",
    "IncompleteDetails",
    "InputTransformation",
    "PromptCacheDiagnosticsCacheHit",
    "PromptCacheDiagnosticsCacheMiss",
    "PromptCacheDiagnosticsComparisonResponseNotFound",
    "PromptCacheDiagnosticsUnavailable",
    "UnknownPromptCacheDiagnostics",
    "PromptCacheDiagnostics",
    "ToolUsageImageGenCachedTokensDetails",
    "ToolUsageImageGenTokensDetails",
    "ToolUsageImageGen",
    "ToolUsageWebSearch",
    "ToolUsage",
    "UnknownModerationOutcome",
    "ResponseModerationOutcome",
    "ResponseModeration",
    "Response",
    "InputTokenCountResponse",
    "ErrorObject",
    "ErrorResponse",
]

# -- usage ---------------------------------------------------------------------------------------


@wire_dict
class InputTokensDetailsCacheWriteTokensDetails(TypedDict, total=False):
    """Cache writes by time to live."""

    ttl_30m_tokens: Required[int]
    ttl_12h_tokens: Required[int]


@wire_dict
class InputTokensDetails(TypedDict, total=False):
    """Breakdown of ``input_tokens``: read from and written to the prompt cache."""

    # Part of input_tokens (unlike Anthropic's input_tokens, which excludes cache reads).
    cached_tokens: Required[int]
    # Required by the SDK; absent from replies recorded before it existed.
    cache_write_tokens: Optional[int]
    cache_write_tokens_details: Optional[InputTokensDetailsCacheWriteTokensDetails]


@wire_dict
class OutputTokensDetails(TypedDict, total=False):
    """Breakdown of ``output_tokens``."""

    # Part of output_tokens although not visible in the output.
    reasoning_tokens: Required[int]


@wire_dict
class ResponseUsage(TypedDict, total=False):
    """Token counts of a response: ``input_tokens`` includes cached tokens."""

    input_tokens: Required[int]
    input_tokens_details: Optional[InputTokensDetails]
    output_tokens: Required[int]
    output_tokens_details: Optional[OutputTokensDetails]
    total_tokens: Required[int]


# -- error, incomplete details, transformations, diagnostics -------------------------------------


@wire_dict
class ResponseError(TypedDict, total=False):
    """The ``error`` of a failed response (``status: "failed"``, ``response.failed``).

    ``code`` is an open vocabulary (see :data:`ResponseErrorCode`); null is accepted, as in the
    stream's ``error`` event.
    """

    code: Required[Optional[ResponseErrorCode]]
    message: Required[str]
    param: Optional[str]
    type: Optional[str]
    misalignment: Optional[Misalignment]


@wire_dict
class IncompleteDetails(TypedDict, total=False):
    """Why a response is ``incomplete``."""

    reason: Optional[IncompleteReason]


@wire_dict
class InputTransformation(TypedDict, total=False):
    """An input item the server changed before use, e.g. replayed reasoning it dropped."""

    id: Required[str]
    type: Required[Union[Literal["reasoning"], str]]
    action: Required[Union[Literal["removed"], str]]
    reason: Required[
        Union[
            Literal[
                "organization_mismatch",
                "end_user_mismatch",
                "model_mismatch",
                "prefix_mismatch",
                "turn_boundary",
            ],
            str,
        ]
    ]


@wire_dict
class PromptCacheDiagnosticsCacheHit(TypedDict, total=False):
    """The prompt cache was used."""

    type: Required[Literal["cache_hit"]]


@wire_dict
class PromptCacheDiagnosticsCacheMiss(TypedDict, total=False):
    """The prompt cache was missed, and why."""

    type: Required[Literal["cache_miss"]]
    reason: Required[
        Union[
            Literal[
                "model_changed",
                "prompt_cache_key_changed",
                "tools_changed",
                "text_format_changed",
                "reasoning_effort_changed",
                "verbosity_changed",
                "context_compacted",
                "input_changed",
                "service_tier_changed",
            ],
            str,
        ]
    ]
    cache_missed_tokens: Required[int]
    comparison_reusable_tokens: Optional[int]


@wire_dict
class PromptCacheDiagnosticsComparisonResponseNotFound(TypedDict, total=False):
    """The response named in ``prompt_cache_options.comparison_response_id`` was not found."""

    type: Required[Literal["comparison_response_not_found"]]


@wire_dict
class PromptCacheDiagnosticsUnavailable(TypedDict, total=False):
    """No diagnostics are available."""

    type: Required[Literal["unavailable"]]


_KnownPromptCacheDiagnostics = Union[
    PromptCacheDiagnosticsCacheMiss,
    PromptCacheDiagnosticsCacheHit,
    PromptCacheDiagnosticsComparisonResponseNotFound,
    PromptCacheDiagnosticsUnavailable,
]


@wire_dict
class UnknownPromptCacheDiagnostics(TypedDict):
    """A diagnostics type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownPromptCacheDiagnostics)]


#: ``prompt_cache_diagnostics``.
PromptCacheDiagnostics: TypeAlias = Annotated[
    Union[
        Annotated[_KnownPromptCacheDiagnostics, Field(discriminator="type")],
        UnknownPromptCacheDiagnostics,
    ],
    Field(union_mode="left_to_right"),
]


# -- built-in tool usage -------------------------------------------------------------------------


@wire_dict
class ToolUsageImageGenCachedTokensDetails(TypedDict, total=False):
    """Cached image and text tokens of image generation."""

    cached_image_tokens: Required[int]
    cached_text_tokens: Required[int]


@wire_dict
class ToolUsageImageGenTokensDetails(TypedDict, total=False):
    """Image and text tokens (SDK: ``ToolUsageImageGenInputTokensDetails`` and ``…Output…``)."""

    image_tokens: Required[int]
    text_tokens: Required[int]


@wire_dict
class ToolUsageImageGen(TypedDict, total=False):
    """Token usage of image generation."""

    input_tokens: Required[int]
    input_tokens_details: Required[ToolUsageImageGenTokensDetails]
    output_tokens: Required[int]
    output_tokens_details: Optional[ToolUsageImageGenTokensDetails]
    total_tokens: Required[int]
    cached_tokens: Optional[int]
    cached_tokens_details: Optional[ToolUsageImageGenCachedTokensDetails]


@wire_dict
class ToolUsageWebSearch(TypedDict, total=False):
    """How many web searches ran."""

    num_requests: Required[int]


@wire_dict
class ToolUsage(TypedDict, total=False):
    """Metering of built-in tools."""

    image_gen: Required[ToolUsageImageGen]
    web_search: Required[ToolUsageWebSearch]


# -- moderation ----------------------------------------------------------------------------------

_KnownModerationOutcome = Union[ModerationResult, ModerationError]


@wire_dict
class UnknownModerationOutcome(TypedDict):
    """A moderation outcome type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownModerationOutcome)]


#: ``moderation.input`` / ``.output`` of a response: one verdict (the same shape as a Chat
#: Completions ``moderation_result``) or an error. (Chat wraps its verdicts in a list.)
ResponseModerationOutcome: TypeAlias = Annotated[
    Union[
        Annotated[_KnownModerationOutcome, Field(discriminator="type")], UnknownModerationOutcome
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ResponseModeration(TypedDict, total=False):
    """``moderation`` of a moderated response: outcomes for input and output."""

    input: Required[ResponseModerationOutcome]
    output: Required[ResponseModerationOutcome]


# -- bodies --------------------------------------------------------------------------------------


class Response(WireModel):
    """A response: the body of ``POST /v1/responses`` (and ``GET /v1/responses/{id}``), and the
    ``response`` of the lifecycle stream events.

    Besides what the model produced (``output``, ``usage``, ``status``, ``error``,
    ``incomplete_details``), it echoes the request's settings. Declared in the order OpenAI sends
    the keys, which is the order ``to_json`` writes them in.
    """

    id: str
    object: Literal["response"]
    # Unix seconds; OpenAI sends integers, which stay integers.
    created_at: Number
    status: Optional[ResponseStatus] = None
    background: Optional[bool] = None
    completed_at: Optional[Number] = None
    error: Optional[ResponseError] = None
    incomplete_details: Optional[IncompleteDetails] = None
    instructions: Optional[Union[str, list[ResponseInputItem]]] = None
    max_output_tokens: Optional[int] = None
    max_tool_calls: Optional[int] = None
    model: str
    output: Optional[list[ResponseOutputItem]] = None
    parallel_tool_calls: bool
    previous_response_id: Optional[str] = None
    prompt_cache_key: Optional[str] = None
    prompt_cache_retention: Optional[PromptCacheRetention] = None
    reasoning: Optional[Reasoning] = None
    safety_identifier: Optional[str] = None
    service_tier: Optional[ServiceTier] = None
    # Sent by OpenAI although the SDK's Response does not declare it.
    store: Optional[bool] = None
    temperature: Optional[Number] = None
    text: Optional[ResponseTextConfig] = None
    tool_choice: ToolChoice
    tools: list[Tool]
    top_logprobs: Optional[int] = None
    top_p: Optional[Number] = None
    truncation: Optional[Truncation] = None
    usage: Optional[ResponseUsage] = None
    user: Optional[str] = None
    metadata: Optional[dict[str, str]] = None
    conversation: Optional[ResponseConversationParam] = None
    prompt: Optional[ResponsePrompt] = None
    prompt_cache_options: Optional[PromptCacheOptions] = None
    prompt_cache_diagnostics: Optional[PromptCacheDiagnostics] = None
    input_transformations: Optional[list[InputTransformation]] = None
    tool_usage: Optional[ToolUsage] = None
    moderation: Optional[ResponseModeration] = None
    image: Optional[ImageOptions] = None
    access_programs: Optional[AccessPrograms] = None


class InputTokenCountResponse(WireModel):
    """The body of ``POST /v1/responses/input_tokens``: ``{"object": "response.input_tokens",
    "input_tokens": n}``."""

    object: Literal["response.input_tokens"]
    input_tokens: int
