"""
ruapi_convert.models.responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Wire models of the OpenAI Responses API (openai 3.57.0): the request body
:class:`ResponseCreateParams`, the reply :class:`Response`, one stream event
:data:`ResponseStreamEvent` (an annotated union of 59 event classes, usable with
``pydantic.TypeAdapter``; see :func:`parse_stream_event`), the HTTP error body
:class:`ErrorResponse` (the same class as ``models.openai.ErrorResponse``: every OpenAI endpoint
sends the same error body), the ``error`` of a failed response :class:`ResponseError`, and the
input-token count endpoint (:class:`InputTokenCountParams`, :class:`InputTokenCountResponse`).

The bodies and events are frozen ``WireModel`` envelopes (``model_validate``, ``to_dict``,
``to_json``); everything inside them is a ``TypedDict`` that validates into plain dicts (see
``models._base``). Parsing and dumping again is the identity for every valid payload, including
keys, items, parts, tools and events newer than this library.

Naming. Classes are named after the SDK's types. Where the SDK has a request (``…Param``) and a
response twin of the same shape, there is one class with the response name (``FunctionTool``,
``ResponseFunctionToolCall``) and its required keys are those both twins require; the request
names most code reaches for are aliases of it (``FunctionToolParam``, ``EasyInputMessageParam``,
``ResponseInputItemParam``, ``ToolParam``). Types the SDK declares locally under generic names get
a name that says what they are (``Mcp`` -> :class:`McpTool`, ``ItemReference`` ->
:class:`ResponseItemReference`, ``Summary`` -> :class:`SummaryTextContent`).

Where real traffic is narrower or wider than the SDK types, the real shape is accepted and kept as
given: messages in ``input`` without ``type`` (and item references without it), assistant turns
replayed as ``output_text`` parts without ``annotations``, ids or ``status`` (Codex), reasoning
items without ``id``, image parts without ``detail``, usage without ``cache_write_tokens``,
``web_search_call`` without ``action``, the ``obfuscation`` padding of delta events.

The package is split in private modules (``_content``, ``_tools``, ``_builtin_tools``, ``_items``,
``_builtin_items``, ``_exec_items``, ``_item_unions``, ``_config``, ``_request``, ``_response``,
``_events``, ``_tool_events``, ``_stream``, and the open vocabularies in ``_vocab``); import
everything from here.
"""

# Each private module lists its public names in its ``__all__``, and all of them are re-exported
# here: star imports keep this file short, ``__all__`` below names every one of them, and a test
# checks that it is exactly the union of the modules' lists.
# ruff: noqa: F405

from typing import TypeAlias

# Shapes the Responses API shares with Chat Completions: the same classes as in ``models.openai``.
from ..openai._request import ModerationParam, ModerationPolicyModeParam, ModerationPolicyParam
from ..openai._response import Misalignment, MisalignmentSteer, ModerationError, ModerationResult
from ..openai._tools import CustomFormatTextParam, CustomToolInputFormatGrammarParam
from ._builtin_items import *  # noqa: F403
from ._builtin_tools import *  # noqa: F403
from ._common import *  # noqa: F403
from ._config import *  # noqa: F403
from ._content import *  # noqa: F403
from ._events import *  # noqa: F403
from ._exec_items import *  # noqa: F403
from ._item_unions import *  # noqa: F403
from ._items import *  # noqa: F403
from ._request import *  # noqa: F403
from ._response import *  # noqa: F403
from ._stream import *  # noqa: F403
from ._tool_events import *  # noqa: F403
from ._tools import *  # noqa: F403
from ._vocab import *  # noqa: F403

# -- request-side names of the SDK (see the module docstring) ---

EasyInputMessageParam: TypeAlias = EasyInputMessage
ResponseInputItemParam: TypeAlias = ResponseInputItem
ResponseOutputMessageParam: TypeAlias = ResponseOutputMessage
ResponseFunctionToolCallParam: TypeAlias = ResponseFunctionToolCall
ResponseCustomToolCallParam: TypeAlias = ResponseCustomToolCall
ResponseCustomToolCallOutputParam: TypeAlias = ResponseCustomToolCallOutput
ResponseReasoningItemParam: TypeAlias = ResponseReasoningItem
ResponseInputTextParam: TypeAlias = ResponseInputText
ResponseInputImageParam: TypeAlias = ResponseInputImage
ResponseInputFileParam: TypeAlias = ResponseInputFile
ResponseOutputTextParam: TypeAlias = ResponseOutputText
ResponseOutputRefusalParam: TypeAlias = ResponseOutputRefusal
ToolParam: TypeAlias = Tool
FunctionToolParam: TypeAlias = FunctionTool
CustomToolParam: TypeAlias = CustomTool
NamespaceToolParam: TypeAlias = NamespaceTool
ResponseTextConfigParam: TypeAlias = ResponseTextConfig
ResponseFormatTextJSONSchemaConfigParam: TypeAlias = ResponseFormatTextJSONSchemaConfig
ResponsePromptParam: TypeAlias = ResponsePrompt

__all__ = [
    # open vocabularies
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
    # content parts
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
    # shared shapes: caller, environments
    "AsyncFlag",
    "CallerDirect",
    "CallerProgram",
    "UnknownCaller",
    "Caller",
    "ContainerNetworkPolicyDisabled",
    "ContainerNetworkPolicyDomainSecret",
    "ContainerNetworkPolicyAllowlist",
    "UnknownContainerNetworkPolicy",
    "ContainerNetworkPolicy",
    "InlineSkillSource",
    "InlineSkill",
    "SkillReference",
    "UnknownSkill",
    "Skill",
    "LocalSkill",
    "ContainerAuto",
    "LocalEnvironment",
    "ContainerReference",
    "UnknownEnvironment",
    "ShellEnvironment",
    # text and reasoning configuration
    "ResponseFormatText",
    "ResponseFormatJSONObject",
    "ResponseFormatTextJSONSchemaConfig",
    "UnknownResponseFormat",
    "ResponseFormatTextConfig",
    "ResponseTextConfig",
    "Reasoning",
    # built-in tools
    "ComparisonFilter",
    "CompoundFilter",
    "UnknownFileSearchFilter",
    "FileSearchFilter",
    "RankingOptionsHybridSearch",
    "RankingOptions",
    "FileSearchTool",
    "ComputerTool",
    "ComputerUsePreviewTool",
    "WebSearchFilters",
    "WebSearchUserLocation",
    "WebSearchTool",
    "WebSearchPreviewTool",
    "McpToolFilter",
    "McpToolApprovalFilter",
    "McpTool",
    "CodeInterpreterContainerAuto",
    "UnknownCodeInterpreterContainer",
    "CodeInterpreterContainer",
    "CodeInterpreterTool",
    "ImageGenerationInputImageMask",
    "ImageGenerationSvgReasoning",
    "ImageGenerationSvg",
    "ImageGenerationTool",
    "LocalShellTool",
    "FunctionShellTool",
    "ToolSearchTool",
    "ProgrammaticToolCallingTool",
    "ApplyPatchTool",
    # tools and tool_choice
    "CustomToolInputFormat",
    "FunctionTool",
    "CustomTool",
    "NamespaceToolFunction",
    "UnknownNamespaceMember",
    "NamespaceMember",
    "NamespaceTool",
    "UnknownTool",
    "Tool",
    "ToolChoiceOptions",
    "ToolChoiceAllowed",
    "ToolChoiceTypes",
    "ToolChoiceFunction",
    "ToolChoiceMcp",
    "ToolChoiceCustom",
    "ToolChoiceProgrammaticToolCalling",
    "ToolChoiceApplyPatch",
    "ToolChoiceShell",
    "UnknownToolChoice",
    "ToolChoice",
    # items: messages, calls, reasoning, control items
    "EasyInputMessage",
    "ResponseInputMessageItem",
    "ResponseOutputMessage",
    "ResponseFunctionToolCall",
    "ResponseFunctionToolCallOutputItem",
    "ResponseCustomToolCall",
    "ResponseCustomToolCallOutput",
    "ResponseReasoningItem",
    "ResponseCompactionItem",
    "ResponseCompactionTrigger",
    "ResponseItemReference",
    "ConfigurationUpdateReasoning",
    "ConfigurationUpdateText",
    "ResponseConfigurationUpdateItem",
    "ResponseAdditionalTools",
    "ResponseToolSearchCall",
    "ResponseToolSearchOutputItem",
    "ResponseProgram",
    "ResponseProgramOutput",
    # items: hosted tool calls
    "WebSearchActionSearchSource",
    "WebSearchActionSearch",
    "WebSearchActionOpenPage",
    "WebSearchActionFind",
    "UnknownWebSearchAction",
    "WebSearchAction",
    "ResponseFunctionWebSearch",
    "FileSearchResult",
    "ResponseFileSearchToolCall",
    "ComputerActionClick",
    "ComputerActionDoubleClick",
    "ComputerActionDragPath",
    "ComputerActionDrag",
    "ComputerActionKeypress",
    "ComputerActionMove",
    "ComputerActionScreenshot",
    "ComputerActionScroll",
    "ComputerActionType",
    "ComputerActionWait",
    "UnknownComputerAction",
    "ComputerAction",
    "PendingSafetyCheck",
    "ResponseComputerToolCall",
    "ResponseComputerToolCallOutputScreenshot",
    "ResponseComputerToolCallOutputItem",
    "CodeInterpreterOutputLogs",
    "CodeInterpreterOutputImage",
    "UnknownCodeInterpreterOutput",
    "CodeInterpreterOutput",
    "ResponseCodeInterpreterToolCall",
    "ImageGenerationCallErrorModerationDetails",
    "ImageGenerationCallError",
    "ImageGenerationCallSvgUsage",
    "ResponseImageGenerationCall",
    # items: shell, apply_patch, MCP
    "LocalShellCallAction",
    "ResponseLocalShellCall",
    "ResponseLocalShellCallOutput",
    "ShellCallAction",
    "ResponseFunctionShellToolCall",
    "ShellCallOutcomeExit",
    "ShellCallOutcomeTimeout",
    "UnknownShellCallOutcome",
    "ShellCallOutcome",
    "ResponseFunctionShellCallOutputContent",
    "ResponseFunctionShellToolCallOutput",
    "ApplyPatchOperationCreateFile",
    "ApplyPatchOperationDeleteFile",
    "ApplyPatchOperationUpdateFile",
    "UnknownApplyPatchOperation",
    "ApplyPatchOperation",
    "ResponseApplyPatchToolCall",
    "ResponseApplyPatchToolCallOutput",
    "McpListToolsTool",
    "ResponseMcpListTools",
    "ResponseMcpApprovalRequest",
    "ResponseMcpApprovalResponse",
    "McpProtocolError",
    "McpToolExecutionError",
    "McpHTTPError",
    "UnknownMcpToolCallError",
    "McpToolCallError",
    "ResponseMcpCall",
    # item unions
    "UnknownInputItem",
    "ResponseInputItem",
    "ResponseInputParam",
    "input_item_tag",
    "UnknownOutputItem",
    "ResponseOutputItem",
    # request bodies
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
    # response, usage, errors
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
    # stream events
    "TextLogprobTopLogprob",
    "TextLogprob",
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCompletedEvent",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseCreatedEvent",
    "ResponseErrorEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseInProgressEvent",
    "ResponseFailedEvent",
    "ResponseIncompleteEvent",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseReasoningSummaryPartAddedEvent",
    "ResponseReasoningSummaryPartDoneEvent",
    "ResponseReasoningSummaryTextDeltaEvent",
    "ResponseReasoningSummaryTextDoneEvent",
    "ResponseReasoningTextDeltaEvent",
    "ResponseReasoningTextDoneEvent",
    "ResponseRefusalDeltaEvent",
    "ResponseRefusalDoneEvent",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "ResponseOutputTextAnnotationAddedEvent",
    "ResponseQueuedEvent",
    "ResponseCustomToolCallInputDeltaEvent",
    "ResponseCustomToolCallInputDoneEvent",
    # stream events of built-in tools
    "ShellCallOutputContentDelta",
    "ResponseCodeInterpreterCallCodeDeltaEvent",
    "ResponseCodeInterpreterCallCodeDoneEvent",
    "ResponseCodeInterpreterCallCompletedEvent",
    "ResponseCodeInterpreterCallInProgressEvent",
    "ResponseCodeInterpreterCallInterpretingEvent",
    "ResponseCompactionCompactingEvent",
    "ResponseFileSearchCallCompletedEvent",
    "ResponseFileSearchCallInProgressEvent",
    "ResponseFileSearchCallSearchingEvent",
    "ResponseShellCallCommandAddedEvent",
    "ResponseShellCallCommandDeltaEvent",
    "ResponseShellCallCommandDoneEvent",
    "ResponseShellCallOutputContentDeltaEvent",
    "ResponseShellCallOutputContentDoneEvent",
    "ResponseWebSearchCallCompletedEvent",
    "ResponseWebSearchCallInProgressEvent",
    "ResponseWebSearchCallSearchingEvent",
    "ResponseImageGenCallCompletedEvent",
    "ResponseImageGenCallGeneratingEvent",
    "ResponseImageGenCallInProgressEvent",
    "ResponseImageGenCallPartialImageEvent",
    "ResponseMcpCallArgumentsDeltaEvent",
    "ResponseMcpCallArgumentsDoneEvent",
    "ResponseMcpCallCompletedEvent",
    "ResponseMcpCallFailedEvent",
    "ResponseMcpCallInProgressEvent",
    "ResponseMcpListToolsCompletedEvent",
    "ResponseMcpListToolsFailedEvent",
    "ResponseMcpListToolsInProgressEvent",
    # the stream event union
    "UnknownEvent",
    "ResponseStreamEvent",
    "parse_stream_event",
    "stream_event_wire",
    # shared with Chat Completions (models.openai)
    "ModerationParam",
    "ModerationPolicyParam",
    "ModerationPolicyModeParam",
    "ModerationResult",
    "ModerationError",
    "Misalignment",
    "MisalignmentSteer",
    "CustomFormatTextParam",
    "CustomToolInputFormatGrammarParam",
    # request-side aliases
    "EasyInputMessageParam",
    "ResponseInputItemParam",
    "ResponseOutputMessageParam",
    "ResponseFunctionToolCallParam",
    "ResponseCustomToolCallParam",
    "ResponseCustomToolCallOutputParam",
    "ResponseReasoningItemParam",
    "ResponseInputTextParam",
    "ResponseInputImageParam",
    "ResponseInputFileParam",
    "ResponseOutputTextParam",
    "ResponseOutputRefusalParam",
    "ToolParam",
    "FunctionToolParam",
    "CustomToolParam",
    "NamespaceToolParam",
    "ResponseTextConfigParam",
    "ResponseFormatTextJSONSchemaConfigParam",
    "ResponsePromptParam",
]
