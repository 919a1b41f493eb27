"""The request body ``MessageCreateParams``, its messages and its configuration objects.

GA fields and the beta ones (``client.beta.messages.create``) live in one model: a gateway sees both
on the same endpoint, the beta ones enabled by the ``anthropic-beta`` header.
"""

from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Count, NonNegativeNumber, WireModel, not_one_of, tags_of, wire_dict
from ._blocks import (
    CompactionBlockParam,
    ContainerUploadBlockParam,
    DocumentBlockParam,
    FallbackBlockParam,
    ImageBlockParam,
    MCPToolListingBlockParam,
    MCPToolResultBlockParam,
    MCPToolUseBlockParam,
    RedactedThinkingBlockParam,
    SearchResultBlockParam,
    ServerToolUseBlockParam,
    TextBlockParam,
    ThinkingBlockParam,
    ToolAdditionBlockParam,
    ToolRemovalBlockParam,
    ToolResultBlockParam,
    ToolUseBlockParam,
)
from ._code_execution_results import (
    BashCodeExecutionToolResultBlockParam,
    CodeExecutionToolResultBlockParam,
    TextEditorCodeExecutionToolResultBlockParam,
)
from ._common import CacheControlEphemeralParam, ContainerParams, Model
from ._context_management import CompactionConfigParam, ContextManagementConfigParam
from ._tool_choice import ToolChoiceParam
from ._tool_results import (
    AdvisorToolResultBlockParam,
    ToolSearchToolResultBlockParam,
    WebFetchToolResultBlockParam,
    WebSearchToolResultBlockParam,
)
from ._tools import ToolUnionParam

__all__ = [
    "CONTENT_BLOCK_TYPES",
    "AssistantMessageParam",
    "BillingPolicyParam",
    "ContentBlockParam",
    "DiagnosticsParam",
    "Effort",
    "FallbackCreditTokenParam",
    "FallbackParam",
    "JSONOutputFormatParam",
    "MessageCreateParams",
    "MessageParam",
    "MetadataParam",
    "OutputConfigParam",
    "OutputFormatParam",
    "RequestMCPServerToolConfigurationParam",
    "RequestMCPServerURLDefinitionParam",
    "SystemMessageContentParam",
    "SystemMessageOutputConfigParam",
    "SystemMessageParam",
    "ThinkingBlockBindingParam",
    "ThinkingConfigAdaptiveParam",
    "ThinkingConfigBetweenToolsParam",
    "ThinkingConfigDisabledParam",
    "ThinkingConfigEnabledParam",
    "ThinkingConfigParam",
    "ThreadContinueParams",
    "ThreadCreateParams",
    "ThreadParam",
    "TokenTaskBudgetParam",
    "UnknownContentBlockParam",
    "UnknownMessageParam",
    "UnknownOutputFormatParam",
    "UnknownSystemMessageContentParam",
    "UnknownThinkingConfigParam",
    "UnknownThreadParam",
    "UserMessageParam",
]

#: ``output_config.effort`` (``adaptive`` is a thinking mode, not an effort).
Effort = Union[Literal["low", "medium", "high", "xhigh", "max"], str]

#: Thinking display modes (``updates`` is beta).
ThinkingDisplay = Union[Literal["summarized", "omitted", "updates"], str]

# -- content blocks ------------------------------------------------------------------------------

_KnownContentBlockParam = Union[
    TextBlockParam,
    ImageBlockParam,
    DocumentBlockParam,
    SearchResultBlockParam,
    ThinkingBlockParam,
    RedactedThinkingBlockParam,
    ToolUseBlockParam,
    ToolResultBlockParam,
    ServerToolUseBlockParam,
    WebSearchToolResultBlockParam,
    WebFetchToolResultBlockParam,
    CodeExecutionToolResultBlockParam,
    BashCodeExecutionToolResultBlockParam,
    TextEditorCodeExecutionToolResultBlockParam,
    ToolSearchToolResultBlockParam,
    ContainerUploadBlockParam,
    AdvisorToolResultBlockParam,
    MCPToolUseBlockParam,
    MCPToolResultBlockParam,
    CompactionBlockParam,
    ToolAdditionBlockParam,
    ToolRemovalBlockParam,
    MCPToolListingBlockParam,
    FallbackBlockParam,
]


@wire_dict
class UnknownContentBlockParam(TypedDict):
    """A content block type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownContentBlockParam)]


#: The ``type`` of every content block this library knows.
CONTENT_BLOCK_TYPES = tags_of(_KnownContentBlockParam)

#: One block of a user or assistant message (response blocks sent back also fit these shapes).
ContentBlockParam = Annotated[
    Union[
        Annotated[_KnownContentBlockParam, Field(discriminator="type")], UnknownContentBlockParam
    ],
    Field(union_mode="left_to_right"),
]

# -- messages ------------------------------------------------------------------------------------


@wire_dict
class UserMessageParam(TypedDict, total=False):
    """A user turn: a string or content blocks (tool results go here)."""

    role: Required[Literal["user"]]
    content: Required[Union[str, list[ContentBlockParam]]]


@wire_dict
class AssistantMessageParam(TypedDict, total=False):
    """An assistant turn; as the last message it is a prefill the response continues."""

    role: Required[Literal["assistant"]]
    content: Required[Union[str, list[ContentBlockParam]]]


_KnownSystemMessageContentParam = Union[
    TextBlockParam, ToolAdditionBlockParam, ToolRemovalBlockParam
]


@wire_dict
class UnknownSystemMessageContentParam(TypedDict):
    """A system-message block type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownSystemMessageContentParam)]


#: One block of a mid-conversation system message (text; tool changes in beta).
SystemMessageContentParam = Annotated[
    Union[
        Annotated[_KnownSystemMessageContentParam, Field(discriminator="type")],
        UnknownSystemMessageContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class SystemMessageOutputConfigParam(TypedDict, total=False):
    """Output settings that a mid-conversation system message changes from here on (beta)."""

    effort: Optional[Effort]


@wire_dict
class SystemMessageParam(TypedDict, total=False):
    """A mid-conversation system message; later ones override earlier ones and ``system``."""

    role: Required[Literal["system"]]
    # Optional in the beta type (a message may only change ``output_config`` or ``clear_at``).
    content: Union[str, list[SystemMessageContentParam]]
    clear_at: Optional[Union[Literal["next_user_message", "never"], str]]
    output_config: Optional[SystemMessageOutputConfigParam]


_KnownMessageParam = Union[UserMessageParam, AssistantMessageParam, SystemMessageParam]


@wire_dict
class UnknownMessageParam(TypedDict):
    """A message role newer than this library; its payload is kept as given."""

    role: Annotated[str, not_one_of(_KnownMessageParam, key="role")]


#: One entry of ``messages``, tagged by ``role``.
MessageParam = Annotated[
    Union[Annotated[_KnownMessageParam, Field(discriminator="role")], UnknownMessageParam],
    Field(union_mode="left_to_right"),
]


# -- thinking ------------------------------------------------------------------------------------


@wire_dict
class ThinkingBlockBindingParam(TypedDict, total=False):
    """What to do with echoed thinking blocks that no longer match their prefix (beta)."""

    prefix_mismatch_behavior: Optional[Union[Literal["error", "drop_block"], str]]


@wire_dict
class ThinkingConfigAdaptiveParam(TypedDict, total=False):
    """Adaptive thinking: the model decides when and how much to think."""

    type: Required[Literal["adaptive"]]
    display: Optional[ThinkingDisplay]
    block_binding: Optional[ThinkingBlockBindingParam]


@wire_dict
class ThinkingConfigEnabledParam(TypedDict, total=False):
    """Manual extended thinking with a token budget (at least 1024, below ``max_tokens``)."""

    type: Required[Literal["enabled"]]
    # Anthropic: "budget_tokens must be >= 1024 and less than max_tokens"
    budget_tokens: Required[Annotated[int, Field(ge=1024)]]
    display: Optional[ThinkingDisplay]
    block_binding: Optional[ThinkingBlockBindingParam]


@wire_dict
class ThinkingConfigDisabledParam(TypedDict, total=False):
    """Thinking off."""

    type: Required[Literal["disabled"]]


@wire_dict
class ThinkingConfigBetweenToolsParam(TypedDict, total=False):
    """Thinking only between tool calls."""

    type: Required[Literal["between_tools"]]


_KnownThinkingConfigParam = Union[
    ThinkingConfigAdaptiveParam,
    ThinkingConfigEnabledParam,
    ThinkingConfigDisabledParam,
    ThinkingConfigBetweenToolsParam,
]


@wire_dict
class UnknownThinkingConfigParam(TypedDict):
    """A thinking mode newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownThinkingConfigParam)]


#: The ``thinking`` request field.
ThinkingConfigParam = Annotated[
    Union[
        Annotated[_KnownThinkingConfigParam, Field(discriminator="type")],
        UnknownThinkingConfigParam,
    ],
    Field(union_mode="left_to_right"),
]

# -- output_config -------------------------------------------------------------------------------


@wire_dict
class JSONOutputFormatParam(TypedDict, total=False):
    """Structured output: the response text is JSON valid against ``schema``."""

    type: Required[Literal["json_schema"]]
    schema: Required[dict[str, Any]]


@wire_dict
class UnknownOutputFormatParam(TypedDict):
    """An output format newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(JSONOutputFormatParam)]


#: ``output_config.format``.
OutputFormatParam = Annotated[
    Union[JSONOutputFormatParam, UnknownOutputFormatParam], Field(union_mode="left_to_right")
]


@wire_dict
class TokenTaskBudgetParam(TypedDict, total=False):
    """A token budget for a whole agentic task (beta)."""

    type: Required[Literal["tokens"]]
    total: Required[int]
    remaining: Optional[int]


@wire_dict
class OutputConfigParam(TypedDict, total=False):
    """Effort, structured output format and (beta) task budget."""

    effort: Optional[Effort]
    format: Optional[OutputFormatParam]
    task_budget: Optional[TokenTaskBudgetParam]


# -- other request objects -----------------------------------------------------------------------


@wire_dict
class MetadataParam(TypedDict, total=False):
    """Request metadata: an opaque end-user id."""

    user_id: Optional[str]


@wire_dict
class DiagnosticsParam(TypedDict, total=False):
    """Ask the response to explain prompt-cache misses relative to an earlier message."""

    previous_message_id: Optional[str]


@wire_dict
class RequestMCPServerToolConfigurationParam(TypedDict, total=False):
    """Which tools of an MCP server are usable."""

    enabled: Optional[bool]
    allowed_tools: Optional[list[str]]


@wire_dict
class RequestMCPServerURLDefinitionParam(TypedDict, total=False):
    """A remote MCP server the API connects to (beta)."""

    type: Required[Literal["url"]]
    name: Required[str]
    url: Required[str]
    authorization_token: Optional[str]
    tool_configuration: Optional[RequestMCPServerToolConfigurationParam]


@wire_dict
class FallbackParam(TypedDict, total=False):
    """A model to fall back to server-side when the requested one refuses (beta)."""

    model: Required[Model]
    max_tokens: Optional[int]
    output_config: Optional[OutputConfigParam]
    speed: Optional[Union[Literal["standard", "fast"], str]]
    thinking: Optional[ThinkingConfigParam]


@wire_dict
class FallbackCreditTokenParam(TypedDict, total=False):
    """A fallback credit token from an earlier refusal, with its redemption mode (beta)."""

    token: Required[str]
    mode: Optional[Union[Literal["strict", "best_effort"], str]]


@wire_dict
class BillingPolicyParam(TypedDict, total=False):
    """Who is billed for the request (beta)."""

    type: Required[Literal["billing_policy"]]
    bill_to: Optional[Union[Literal["self", "user_profile"], str]]


@wire_dict
class ThreadCreateParams(TypedDict, total=False):
    """Start a server-held thread with this request (beta)."""

    type: Required[Literal["create"]]


@wire_dict
class ThreadContinueParams(TypedDict, total=False):
    """Continue a server-held thread after the given message (beta)."""

    type: Required[Literal["continue"]]
    previous_message_id: Required[str]


_KnownThreadParam = Union[ThreadCreateParams, ThreadContinueParams]


@wire_dict
class UnknownThreadParam(TypedDict):
    """A thread mode newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownThreadParam)]


#: The ``thread`` request field.
ThreadParam = Annotated[
    Union[Annotated[_KnownThreadParam, Field(discriminator="type")], UnknownThreadParam],
    Field(union_mode="left_to_right"),
]

# -- the request body ----------------------------------------------------------------------------


class MessageCreateParams(WireModel):
    """The ``POST /v1/messages`` request body (GA and beta fields)."""

    _wire_name: ClassVar[str] = "request"

    model: Model
    # 0 is valid: "Set to 0 to populate the prompt cache" (docs/protocols.md)
    max_tokens: Count
    messages: list[MessageParam]
    system: Optional[Union[str, list[TextBlockParam]]] = None
    stop_sequences: Optional[list[str]] = None
    stream: Optional[bool] = None
    tools: Optional[list[ToolUnionParam]] = None
    tool_choice: Optional[ToolChoiceParam] = None
    thinking: Optional[ThinkingConfigParam] = None
    output_config: Optional[OutputConfigParam] = None
    metadata: Optional[MetadataParam] = None
    service_tier: Optional[Union[Literal["auto", "standard_only"], str]] = None
    speed: Optional[Union[Literal["standard", "fast"], str]] = None
    inference_geo: Optional[str] = None
    cache_control: Optional[CacheControlEphemeralParam] = None
    container: Optional[Union[str, ContainerParams]] = None
    diagnostics: Optional[DiagnosticsParam] = None
    # Sent by the SDK as headers, but part of the params type; kept when a client puts them here.
    user_profile_id: Optional[str] = None
    workspace_id: Optional[str] = None
    # Sampling parameters: accepted under 2023-06-01, rejected under 2026-10-21 (see _versions).
    temperature: Optional[NonNegativeNumber] = None
    top_p: Optional[NonNegativeNumber] = None
    top_k: Optional[Count] = None
    # Beta fields.
    betas: Optional[list[str]] = None
    mcp_servers: Optional[list[RequestMCPServerURLDefinitionParam]] = None
    context_management: Optional[ContextManagementConfigParam] = None
    compaction: Optional[CompactionConfigParam] = None
    fallbacks: Optional[Union[Literal["default"], list[FallbackParam]]] = None
    fallback_credit_token: Optional[Union[str, FallbackCreditTokenParam]] = None
    billing_policy: Optional[BillingPolicyParam] = None
    thread: Optional[ThreadParam] = None
