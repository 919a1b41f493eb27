"""
ruapi_convert.models.responses._vocab
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Vocabularies of the Responses API that OpenAI grows over time.

Every vocabulary here is *open*, as in ``models.openai._vocab``: the known values of openai 3.57.0
are listed (for type checkers and readers), and any other string is accepted too, so that a body
from a newer API version parses. The ``type`` tags that choose a union member are not here: those
are closed ``Literal``\\ s with an ``Unknown*`` fallback (see ``models._base``).
"""

from typing import Literal, TypeAlias, Union

__all__ = [
    "AllowedCaller",
    "ImageDetail",
    "IncompleteReason",
    "ItemStatus",
    "MessagePhase",
    "MessageRole",
    "PromptCacheRetention",
    "PromptCacheTTL",
    "ReasoningEffort",
    "ReasoningSummary",
    "ResponseErrorCode",
    "ResponseIncludable",
    "ResponseStatus",
    "SearchContextSize",
    "ServiceTier",
    "Truncation",
    "Verbosity",
]

#: Lifecycle of a whole response (``Response.status``).
ResponseStatus: TypeAlias = Union[
    Literal["completed", "failed", "in_progress", "cancelled", "queued", "incomplete"], str
]

#: Lifecycle of one item (messages, tool calls, reasoning). Built-in tool calls add their own values
#: (``searching``, ``interpreting``, ``generating``, ``calling``, ``failed``), which fit here too.
ItemStatus: TypeAlias = Union[Literal["in_progress", "completed", "incomplete"], str]

#: Why a response stopped early (``incomplete_details.reason``).
IncompleteReason: TypeAlias = Union[
    Literal["max_output_tokens", "max_messages", "content_filter", "steered"], str
]

#: Author of a message item. Output items also report ``unknown``, ``critic``, ``discriminator``
#: and ``tool`` (on ``additional_tools``).
MessageRole: TypeAlias = Union[Literal["user", "assistant", "system", "developer"], str]

#: ``phase`` of an assistant message: interim ``commentary`` or the ``final_answer``. The SDK warns
#: that dropping it from replayed messages degrades gpt-5.3-codex and later.
MessagePhase: TypeAlias = Union[Literal["commentary", "final_answer"], str]

#: Processing tier asked for (request) or used (response).
ServiceTier: TypeAlias = Union[
    Literal["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"], str
]

#: ``reasoning.effort`` levels; not every model accepts every level.
ReasoningEffort: TypeAlias = Union[
    Literal["none", "minimal", "low", "medium", "high", "xhigh", "max"], str
]

#: ``reasoning.summary`` (and the deprecated ``generate_summary``).
ReasoningSummary: TypeAlias = Union[Literal["auto", "concise", "detailed"], str]

#: ``text.verbosity``.
Verbosity: TypeAlias = Union[Literal["low", "medium", "high"], str]

#: ``truncation``: ``auto`` lets the server drop the oldest items when the context overflows.
Truncation: TypeAlias = Union[Literal["auto", "disabled"], str]

#: Extra output data a request asks for with ``include``.
ResponseIncludable: TypeAlias = Union[
    Literal[
        "file_search_call.results",
        "web_search_call.results",
        "web_search_call.action.sources",
        "message.input_image.image_url",
        "computer_call_output.output.image_url",
        "code_interpreter_call.outputs",
        "reasoning.encrypted_content",
        "message.output_text.logprobs",
    ],
    str,
]

#: ``prompt_cache_retention``.
PromptCacheRetention: TypeAlias = Union[Literal["in_memory", "24h"], str]

#: Time to live of an explicit prompt-cache breakpoint or of ``prompt_cache_options``.
PromptCacheTTL: TypeAlias = Union[Literal["30m", "12h"], str]

#: ``detail`` of an image part.
ImageDetail: TypeAlias = Union[Literal["low", "high", "auto", "original"], str]

#: Who may call a tool: the model directly, or a program the model wrote.
AllowedCaller: TypeAlias = Union[Literal["direct", "programmatic"], str]

#: ``search_context_size`` of the web search tools.
SearchContextSize: TypeAlias = Union[Literal["low", "medium", "high"], str]

#: ``code`` of the ``error`` of a failed :class:`Response` (``ResponseError``). Codex retries on
#: ``rate_limit_exceeded`` and also reads ``context_length_exceeded``, ``insufficient_quota`` and
#: ``usage_not_included``, which the SDK does not list; unknown codes are kept as given.
ResponseErrorCode: TypeAlias = Union[
    Literal[
        "server_error",
        "rate_limit_exceeded",
        "invalid_prompt",
        "data_residency_mismatch",
        "bio_policy",
        "misalignment_policy_violation",
        "vector_store_timeout",
        "invalid_image",
        "invalid_image_format",
        "invalid_base64_image",
        "invalid_image_url",
        "image_too_large",
        "image_too_small",
        "image_parse_error",
        "image_content_policy_violation",
        "invalid_image_mode",
        "image_file_too_large",
        "unsupported_image_media_type",
        "empty_image_file",
        "failed_to_download_image",
        "image_file_not_found",
    ],
    str,
]
