"""The non-streaming response ``Message``, its usage and the objects only responses carry."""

from typing import Annotated, ClassVar, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Count, WireModel, not_one_of, wire_dict
from ._common import Container, Model
from ._output_blocks import ContentBlock, RefusalCategory

__all__ = [
    "AdvisorMessageIterationUsage",
    "CacheCreation",
    "CacheMissMessagesChanged",
    "CacheMissModelChanged",
    "CacheMissPreviousMessageNotFound",
    "CacheMissReason",
    "CacheMissSystemChanged",
    "CacheMissToolsChanged",
    "CacheMissUnavailable",
    "ClearThinking20251015EditResponse",
    "ClearToolUses20250919EditResponse",
    "CompactionIterationUsage",
    "ContextManagementEditResponse",
    "ContextManagementResponse",
    "Diagnostics",
    "FallbackCreditNotApplied",
    "FallbackCreditRedeemed",
    "FallbackCreditStatus",
    "FallbackCreditUsage",
    "FallbackMessageIterationUsage",
    "InputTransformation",
    "IterationUsage",
    "Message",
    "MessageIterationUsage",
    "OutputTokensDetails",
    "RefusalStopDetails",
    "ServerToolUsage",
    "StopDetails",
    "StopReason",
    "ThinkingDroppedInputTransformation",
    "ThinkingMismatchAllowedInputTransformation",
    "UnknownCacheMissReason",
    "UnknownContextManagementEditResponse",
    "UnknownFallbackCreditStatus",
    "UnknownInputTransformation",
    "UnknownIterationUsage",
    "UnknownStopDetails",
    "Usage",
]

#: Why generation stopped (``compaction`` is beta; the list grows).
StopReason = Union[
    Literal[
        "end_turn",
        "max_tokens",
        "stop_sequence",
        "tool_use",
        "pause_turn",
        "refusal",
        "model_context_window_exceeded",
        "compaction",
    ],
    str,
]

# -- usage ---------------------------------------------------------------------------------------


@wire_dict
class CacheCreation(TypedDict, total=False):
    """Cache-write input tokens by cache lifetime."""

    ephemeral_5m_input_tokens: Required[Count]
    ephemeral_1h_input_tokens: Required[Count]


@wire_dict
class ServerToolUsage(TypedDict, total=False):
    """How many server-tool requests the turn made."""

    # Both are required in the SDK; responses from before web fetch existed carry only the first.
    web_search_requests: Count
    web_fetch_requests: Count


@wire_dict
class OutputTokensDetails(TypedDict, total=False):
    """Breakdown of output tokens (``thinking_tokens`` <= ``output_tokens``)."""

    thinking_tokens: Required[Count]


@wire_dict
class _IterationTokens(TypedDict, total=False):
    """Token counts of one sampling iteration of a turn."""

    input_tokens: Required[Count]
    output_tokens: Required[Count]
    cache_creation_input_tokens: Required[Count]
    cache_read_input_tokens: Required[Count]
    cache_creation: Optional[CacheCreation]


@wire_dict
class MessageIterationUsage(_IterationTokens, total=False):
    """Usage of the iteration that produced the message itself."""

    type: Required[Literal["message"]]
    model: Optional[Model]


@wire_dict
class CompactionIterationUsage(_IterationTokens, total=False):
    """Usage of a compaction iteration."""

    type: Required[Literal["compaction"]]


@wire_dict
class AdvisorMessageIterationUsage(_IterationTokens, total=False):
    """Usage of an advisor-model iteration."""

    type: Required[Literal["advisor_message"]]
    model: Required[Model]


@wire_dict
class FallbackMessageIterationUsage(_IterationTokens, total=False):
    """Usage of an iteration that ran on a fallback model."""

    type: Required[Literal["fallback_message"]]
    model: Required[Model]


_KnownIterationUsage = Union[
    MessageIterationUsage,
    CompactionIterationUsage,
    AdvisorMessageIterationUsage,
    FallbackMessageIterationUsage,
]


@wire_dict
class UnknownIterationUsage(TypedDict):
    """An iteration kind newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownIterationUsage)]


#: One entry of ``usage.iterations`` (beta).
IterationUsage = Annotated[
    Union[Annotated[_KnownIterationUsage, Field(discriminator="type")], UnknownIterationUsage],
    Field(union_mode="left_to_right"),
]


@wire_dict
class FallbackCreditRedeemed(TypedDict, total=False):
    """The fallback credit token was redeemed."""

    type: Required[Literal["redeemed"]]


@wire_dict
class FallbackCreditNotApplied(TypedDict, total=False):
    """The fallback credit token was not applied, and why."""

    type: Required[Literal["not_applied"]]
    reason: Required[str]
    remove_to_redeem: Optional[list[str]]


_KnownFallbackCreditStatus = Union[FallbackCreditRedeemed, FallbackCreditNotApplied]


@wire_dict
class UnknownFallbackCreditStatus(TypedDict):
    """A fallback credit status newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownFallbackCreditStatus)]


#: ``usage.fallback_credit.status``.
FallbackCreditStatus = Annotated[
    Union[
        Annotated[_KnownFallbackCreditStatus, Field(discriminator="type")],
        UnknownFallbackCreditStatus,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class FallbackCreditUsage(TypedDict, total=False):
    """What happened to the request's fallback credit token (beta)."""

    status: Required[FallbackCreditStatus]


@wire_dict
class Usage(TypedDict, total=False):
    """Token usage of a response; ``input_tokens`` excludes cache reads and writes."""

    input_tokens: Required[Count]
    output_tokens: Required[Count]
    cache_creation_input_tokens: Optional[Count]
    cache_read_input_tokens: Optional[Count]
    cache_creation: Optional[CacheCreation]
    server_tool_use: Optional[ServerToolUsage]
    output_tokens_details: Optional[OutputTokensDetails]
    service_tier: Optional[Union[Literal["standard", "priority", "batch"], str]]
    speed: Optional[Union[Literal["standard", "fast"], str]]
    inference_geo: Optional[str]
    iterations: Optional[list[IterationUsage]]
    fallback_credit: Optional[FallbackCreditUsage]


# -- stop details, diagnostics, context management -----------------------------------------------


@wire_dict
class RefusalStopDetails(TypedDict, total=False):
    """Details of a ``refusal`` stop."""

    type: Required[Literal["refusal"]]
    category: Optional[RefusalCategory]
    explanation: Optional[str]
    fallback_credit_token: Optional[str]
    fallback_has_prefill_claim: Optional[bool]
    recommended_model: Optional[str]


@wire_dict
class UnknownStopDetails(TypedDict):
    """Stop details of a kind newer than this library; the payload is kept as given."""

    type: Annotated[str, not_one_of(RefusalStopDetails)]


#: ``stop_details`` of a message or ``message_delta``.
StopDetails = Annotated[
    Union[RefusalStopDetails, UnknownStopDetails], Field(union_mode="left_to_right")
]


@wire_dict
class CacheMissModelChanged(TypedDict, total=False):
    """The prompt cache missed because the model changed."""

    type: Required[Literal["model_changed"]]
    cache_missed_input_tokens: Required[int]


@wire_dict
class CacheMissSystemChanged(TypedDict, total=False):
    """The prompt cache missed because the system prompt changed."""

    type: Required[Literal["system_changed"]]
    cache_missed_input_tokens: Required[int]


@wire_dict
class CacheMissToolsChanged(TypedDict, total=False):
    """The prompt cache missed because the tools changed."""

    type: Required[Literal["tools_changed"]]
    cache_missed_input_tokens: Required[int]


@wire_dict
class CacheMissMessagesChanged(TypedDict, total=False):
    """The prompt cache missed because earlier messages changed."""

    type: Required[Literal["messages_changed"]]
    cache_missed_input_tokens: Required[int]


@wire_dict
class CacheMissPreviousMessageNotFound(TypedDict, total=False):
    """The message named in ``diagnostics.previous_message_id`` was not found."""

    type: Required[Literal["previous_message_not_found"]]


@wire_dict
class CacheMissUnavailable(TypedDict, total=False):
    """No cache diagnosis is available."""

    type: Required[Literal["unavailable"]]


_KnownCacheMissReason = Union[
    CacheMissModelChanged,
    CacheMissSystemChanged,
    CacheMissToolsChanged,
    CacheMissMessagesChanged,
    CacheMissPreviousMessageNotFound,
    CacheMissUnavailable,
]


@wire_dict
class UnknownCacheMissReason(TypedDict):
    """A cache-miss reason newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCacheMissReason)]


#: ``diagnostics.cache_miss_reason``.
CacheMissReason = Annotated[
    Union[Annotated[_KnownCacheMissReason, Field(discriminator="type")], UnknownCacheMissReason],
    Field(union_mode="left_to_right"),
]


@wire_dict
class Diagnostics(TypedDict, total=False):
    """Prompt-cache diagnostics requested with ``diagnostics.previous_message_id``."""

    cache_miss_reason: Optional[CacheMissReason]


@wire_dict
class ClearToolUses20250919EditResponse(TypedDict, total=False):
    """A ``clear_tool_uses_20250919`` edit that was applied."""

    type: Required[Literal["clear_tool_uses_20250919"]]
    cleared_input_tokens: Required[int]
    cleared_tool_uses: Required[int]


@wire_dict
class ClearThinking20251015EditResponse(TypedDict, total=False):
    """A ``clear_thinking_20251015`` edit that was applied."""

    type: Required[Literal["clear_thinking_20251015"]]
    cleared_input_tokens: Required[int]
    cleared_thinking_turns: Required[int]


_KnownEditResponse = Union[ClearToolUses20250919EditResponse, ClearThinking20251015EditResponse]


@wire_dict
class UnknownContextManagementEditResponse(TypedDict):
    """An applied edit of a kind newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownEditResponse)]


#: One entry of ``context_management.applied_edits``.
ContextManagementEditResponse = Annotated[
    Union[
        Annotated[_KnownEditResponse, Field(discriminator="type")],
        UnknownContextManagementEditResponse,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ContextManagementResponse(TypedDict, total=False):
    """The context edits the server applied (beta)."""

    applied_edits: Required[list[ContextManagementEditResponse]]


@wire_dict
class ThinkingDroppedInputTransformation(TypedDict, total=False):
    """An echoed thinking block was dropped from the prompt (beta)."""

    type: Required[Literal["thinking_dropped"]]
    path: Required[str]
    reason: Required[str]


@wire_dict
class ThinkingMismatchAllowedInputTransformation(TypedDict, total=False):
    """An echoed thinking block that did not match was kept anyway (beta)."""

    type: Required[Literal["thinking_mismatch_allowed"]]
    path: Required[str]
    reason: Required[str]


_KnownInputTransformation = Union[
    ThinkingDroppedInputTransformation, ThinkingMismatchAllowedInputTransformation
]


@wire_dict
class UnknownInputTransformation(TypedDict):
    """An input transformation newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownInputTransformation)]


#: One entry of ``input_transformations`` (beta).
InputTransformation = Annotated[
    Union[
        Annotated[_KnownInputTransformation, Field(discriminator="type")],
        UnknownInputTransformation,
    ],
    Field(union_mode="left_to_right"),
]

# -- the message ---------------------------------------------------------------------------------


class Message(WireModel):
    """The ``POST /v1/messages`` response body (also ``message_start.message`` in streams)."""

    _wire_name: ClassVar[str] = "response"

    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    model: Model
    content: list[ContentBlock]
    stop_reason: Optional[StopReason] = None
    stop_sequence: Optional[str] = None
    stop_details: Optional[StopDetails] = None
    # Always present in complete responses; ``message_start`` events in the docs' own examples omit
    # it, and the stream form of a message is the same class, so its absence is accepted.
    usage: Optional[Usage] = None
    container: Optional[Container] = None
    diagnostics: Optional[Diagnostics] = None
    context_management: Optional[ContextManagementResponse] = None
    input_transformations: Optional[list[InputTransformation]] = None
