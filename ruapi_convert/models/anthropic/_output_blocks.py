"""Output content blocks: ``Message.content[]`` and ``content_block_start.content_block``."""

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ._blocks import FallbackInfoParam, ServerToolName, ToolChangeParam
from ._code_execution_results import (
    BashCodeExecutionToolResultBlock,
    CodeExecutionToolResultBlock,
    TextEditorCodeExecutionToolResultBlock,
)
from ._common import CallerParam, TextCitation
from ._tool_results import (
    AdvisorToolResultBlock,
    ToolSearchToolResultBlock,
    WebFetchToolResultBlock,
    WebSearchToolResultBlock,
)
from ._tools import MCPToolParam

__all__ = [
    "CompactionBlock",
    "ContainerUploadBlock",
    "ContentBlock",
    "FallbackBlock",
    "FallbackInfo",
    "FallbackRefusalTrigger",
    "FallbackTrigger",
    "MCPTool",
    "MCPToolListingBlock",
    "MCPToolResultBlock",
    "MCPToolUseBlock",
    "RedactedThinkingBlock",
    "RefusalCategory",
    "ServerToolUseBlock",
    "TextBlock",
    "ThinkingBlock",
    "ToolUseBlock",
    "UnknownContentBlock",
    "UnknownFallbackTrigger",
]

#: Why the model refused (also in ``stop_details``).
RefusalCategory = Union[
    Literal["cyber", "bio", "frontier_llm", "reasoning_extraction", "general_harms"], str
]


@wire_dict
class TextBlock(TypedDict, total=False):
    """Generated text, with the citations that support it."""

    type: Required[Literal["text"]]
    text: Required[str]
    citations: Optional[list[TextCitation]]


@wire_dict
class ThinkingBlock(TypedDict, total=False):
    """The model's (summarised) thinking and the signature that lets it be sent back."""

    type: Required[Literal["thinking"]]
    thinking: Required[str]
    # Always present in complete messages; the docs' own stream examples start thinking blocks
    # without it (it arrives later in a ``signature_delta``), so its absence is accepted.
    signature: Optional[str]


@wire_dict
class RedactedThinkingBlock(TypedDict, total=False):
    """Thinking the safety systems encrypted; send it back unchanged."""

    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


@wire_dict
class ToolUseBlock(TypedDict, total=False):
    """A call of a client tool (toolset members carry ``toolset_name``)."""

    type: Required[Literal["tool_use"]]
    id: Required[str]
    name: Required[str]
    input: Required[dict[str, Any]]
    caller: Optional[CallerParam]
    toolset_name: Optional[str]


@wire_dict
class ServerToolUseBlock(TypedDict, total=False):
    """A call of a server tool that the API runs itself."""

    type: Required[Literal["server_tool_use"]]
    id: Required[str]
    name: Required[ServerToolName]
    input: Required[dict[str, Any]]
    caller: Optional[CallerParam]


@wire_dict
class ContainerUploadBlock(TypedDict, total=False):
    """A file uploaded to the code-execution container."""

    type: Required[Literal["container_upload"]]
    file_id: Required[str]


@wire_dict
class MCPToolUseBlock(TypedDict, total=False):
    """A call of a tool on a remote MCP server (beta)."""

    type: Required[Literal["mcp_tool_use"]]
    id: Required[str]
    name: Required[str]
    server_name: Required[str]
    input: Required[dict[str, Any]]


@wire_dict
class MCPToolResultBlock(TypedDict, total=False):
    """The result of an MCP tool call (beta)."""

    type: Required[Literal["mcp_tool_result"]]
    tool_use_id: Required[str]
    content: Required[Union[str, list[TextBlock]]]
    is_error: Required[bool]


MCPTool = MCPToolParam


@wire_dict
class MCPToolListingBlock(TypedDict, total=False):
    """The tools an MCP server offered (beta)."""

    type: Required[Literal["mcp_tool_listing"]]
    mcp_server_name: Required[str]
    tools: Required[list[MCPTool]]


@wire_dict
class CompactionBlock(TypedDict, total=False):
    """A compaction summary (beta): ``content`` streams in ``compaction_delta``s."""

    type: Required[Literal["compaction"]]
    content: Optional[str]
    encrypted_content: Optional[str]
    signature: Optional[str]
    tool_changes: Optional[list[ToolChangeParam]]


FallbackInfo = FallbackInfoParam


@wire_dict
class FallbackRefusalTrigger(TypedDict, total=False):
    """The fallback happened because the model refused."""

    type: Required[Literal["refusal"]]
    category: Optional[RefusalCategory]


@wire_dict
class UnknownFallbackTrigger(TypedDict):
    """A fallback trigger newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(FallbackRefusalTrigger)]


#: Why a fallback happened.
FallbackTrigger = Annotated[
    Union[FallbackRefusalTrigger, UnknownFallbackTrigger], Field(union_mode="left_to_right")
]

# ``from`` is a Python keyword, so that key needs the functional TypedDict syntax.
_FallbackBlockFrom = TypedDict("_FallbackBlockFrom", {"from": Required[FallbackInfo]}, total=False)


@wire_dict
class FallbackBlock(_FallbackBlockFrom, total=False):
    """The turn switched to a fallback model here (beta); keep it in place when sending back."""

    type: Required[Literal["fallback"]]
    to: Required[FallbackInfo]
    trigger: Required[FallbackTrigger]


_KnownContentBlock = Union[
    TextBlock,
    ThinkingBlock,
    RedactedThinkingBlock,
    ToolUseBlock,
    ServerToolUseBlock,
    WebSearchToolResultBlock,
    WebFetchToolResultBlock,
    AdvisorToolResultBlock,
    CodeExecutionToolResultBlock,
    BashCodeExecutionToolResultBlock,
    TextEditorCodeExecutionToolResultBlock,
    ToolSearchToolResultBlock,
    MCPToolUseBlock,
    MCPToolResultBlock,
    ContainerUploadBlock,
    CompactionBlock,
    FallbackBlock,
    MCPToolListingBlock,
]


@wire_dict
class UnknownContentBlock(TypedDict):
    """An output block type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownContentBlock)]


#: One block of a response's ``content``.
ContentBlock = Annotated[
    Union[Annotated[_KnownContentBlock, Field(discriminator="type")], UnknownContentBlock],
    Field(union_mode="left_to_right"),
]
