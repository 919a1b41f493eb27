"""Input content blocks (``messages[].content[]``), except the server-tool results.

The union of all of them, ``ContentBlockParam``, is assembled in ``_request`` because it also needs
the server-tool result blocks of ``_tool_results``.
"""

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ._common import (
    Base64PDFSourceParam,
    CacheControlEphemeralParam,
    CallerParam,
    CitationsConfigParam,
    FileDocumentSourceParam,
    ImageSourceParam,
    ImageTransformationsParam,
    Model,
    PlainTextSourceParam,
    TextCitationParam,
    URLPDFSourceParam,
)
from ._tools import MCPToolParam, ToolUnionParam

__all__ = [
    "BrowserStateBlockParam",
    "BrowserStateChangeDownloadCompletedParam",
    "BrowserStateChangeDownloadFailedParam",
    "BrowserStateChangeDownloadStartedParam",
    "BrowserStateChangeParam",
    "BrowserStateChangeTabOpenedParam",
    "BrowserStateTabEntryParam",
    "CompactionBlockParam",
    "ContainerUploadBlockParam",
    "ContentBlockSourceContentParam",
    "ContentBlockSourceParam",
    "DocumentBlock",
    "DocumentBlockParam",
    "DocumentSourceParam",
    "FallbackBlockParam",
    "FallbackInfoParam",
    "ImageBlockParam",
    "MCPToolListingBlockParam",
    "MCPToolResultBlockParam",
    "MCPToolUseBlockParam",
    "RedactedThinkingBlockParam",
    "SearchResultBlockParam",
    "ServerToolName",
    "ServerToolUseBlockParam",
    "TextBlockParam",
    "ThinkingBlockParam",
    "ToolAdditionBlock",
    "ToolAdditionBlockParam",
    "ToolChangeMCPToolReferenceParam",
    "ToolChangeMCPToolsetReferenceParam",
    "ToolChangeParam",
    "ToolChangeReferenceParam",
    "ToolChangeToolDefinitionParam",
    "ToolChangeToolReferenceParam",
    "ToolReferenceBlockParam",
    "ToolRemovalBlock",
    "ToolRemovalBlockParam",
    "ToolResultBlockParam",
    "ToolResultContentParam",
    "ToolUseBlockParam",
    "UnknownBrowserStateChangeParam",
    "UnknownContentBlockSourceContentParam",
    "UnknownDocumentSourceParam",
    "UnknownToolChangeParam",
    "UnknownToolReferenceParam",
    "UnknownToolResultContentParam",
]


# -- text, images, documents ---------------------------------------------------------------------


@wire_dict
class TextBlockParam(TypedDict, total=False):
    """A text block; ``citations`` when it echoes a cited answer back."""

    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]
    citations: Optional[list[TextCitationParam]]


@wire_dict
class ImageBlockParam(TypedDict, total=False):
    """An image block (base64, URL or Files-API source)."""

    type: Required[Literal["image"]]
    source: Required[ImageSourceParam]
    cache_control: Optional[CacheControlEphemeralParam]
    transformations: Optional[ImageTransformationsParam]


_KnownContentBlockSourceContentParam = Union[TextBlockParam, ImageBlockParam]


@wire_dict
class UnknownContentBlockSourceContentParam(TypedDict):
    """A block type inside a custom-content document that is newer than this library."""

    type: Annotated[str, not_one_of(_KnownContentBlockSourceContentParam)]


#: One block of a custom-content document.
ContentBlockSourceContentParam = Annotated[
    Union[
        Annotated[_KnownContentBlockSourceContentParam, Field(discriminator="type")],
        UnknownContentBlockSourceContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ContentBlockSourceParam(TypedDict, total=False):
    """A custom-content document: a string or text/image blocks, cited by block index."""

    type: Required[Literal["content"]]
    content: Required[Union[str, list[ContentBlockSourceContentParam]]]


_KnownDocumentSourceParam = Union[
    Base64PDFSourceParam,
    PlainTextSourceParam,
    ContentBlockSourceParam,
    URLPDFSourceParam,
    FileDocumentSourceParam,
]


@wire_dict
class UnknownDocumentSourceParam(TypedDict):
    """A document source type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownDocumentSourceParam)]


#: The ``source`` of a ``document`` block.
DocumentSourceParam = Annotated[
    Union[
        Annotated[_KnownDocumentSourceParam, Field(discriminator="type")],
        UnknownDocumentSourceParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class DocumentBlockParam(TypedDict, total=False):
    """A document block: a PDF, plain text, custom content or a Files-API file."""

    type: Required[Literal["document"]]
    source: Required[DocumentSourceParam]
    cache_control: Optional[CacheControlEphemeralParam]
    citations: Optional[CitationsConfigParam]
    context: Optional[str]
    title: Optional[str]


#: The response form (inside a ``web_fetch_result``) has a subset of the request's keys.
DocumentBlock = DocumentBlockParam


@wire_dict
class SearchResultBlockParam(TypedDict, total=False):
    """A citable search result supplied by the client (RAG), with text content blocks."""

    type: Required[Literal["search_result"]]
    source: Required[str]
    title: Required[str]
    content: Required[list[TextBlockParam]]
    cache_control: Optional[CacheControlEphemeralParam]
    citations: Optional[CitationsConfigParam]


# -- thinking ------------------------------------------------------------------------------------


@wire_dict
class ThinkingBlockParam(TypedDict, total=False):
    """A thinking block echoed back unchanged, with its signature."""

    type: Required[Literal["thinking"]]
    thinking: Required[str]
    signature: Required[str]


@wire_dict
class RedactedThinkingBlockParam(TypedDict, total=False):
    """A redacted (encrypted) thinking block echoed back unchanged."""

    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


# -- client tools --------------------------------------------------------------------------------


@wire_dict
class ToolUseBlockParam(TypedDict, total=False):
    """A call of a client tool by the model (in an assistant turn)."""

    type: Required[Literal["tool_use"]]
    id: Required[str]
    name: Required[str]
    input: Required[dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]
    caller: Optional[CallerParam]
    toolset_name: Optional[str]


@wire_dict
class ToolReferenceBlockParam(TypedDict, total=False):
    """A reference to a (deferred) tool definition, e.g. in a tool_result of a tool search."""

    type: Required[Literal["tool_reference"]]
    tool_name: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class BrowserStateTabEntryParam(TypedDict, total=False):
    """One open browser tab."""

    tab_id: Required[str]
    title: Required[str]
    url: Required[str]
    active: Optional[bool]


@wire_dict
class BrowserStateChangeTabOpenedParam(TypedDict, total=False):
    """A tab was opened."""

    type: Required[Literal["tab_opened"]]
    tab_id: Required[str]


@wire_dict
class BrowserStateChangeDownloadStartedParam(TypedDict, total=False):
    """A download started."""

    type: Required[Literal["download_started"]]
    download_id: Required[str]
    url: Required[str]


@wire_dict
class BrowserStateChangeDownloadCompletedParam(TypedDict, total=False):
    """A download completed."""

    type: Required[Literal["download_completed"]]
    download_id: Required[str]
    url: Required[str]
    path: Optional[str]
    size_bytes: Optional[int]


@wire_dict
class BrowserStateChangeDownloadFailedParam(TypedDict, total=False):
    """A download failed."""

    type: Required[Literal["download_failed"]]
    download_id: Required[str]
    url: Required[str]
    error: Optional[str]


_KnownBrowserStateChangeParam = Union[
    BrowserStateChangeTabOpenedParam,
    BrowserStateChangeDownloadStartedParam,
    BrowserStateChangeDownloadCompletedParam,
    BrowserStateChangeDownloadFailedParam,
]


@wire_dict
class UnknownBrowserStateChangeParam(TypedDict):
    """A browser state change newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownBrowserStateChangeParam)]


#: One entry of ``state_changes``.
BrowserStateChangeParam = Annotated[
    Union[
        Annotated[_KnownBrowserStateChangeParam, Field(discriminator="type")],
        UnknownBrowserStateChangeParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class BrowserStateBlockParam(TypedDict, total=False):
    """The browser's tabs and recent changes, returned in a browser-toolset tool_result."""

    type: Required[Literal["browser_state"]]
    tabs: Required[list[BrowserStateTabEntryParam]]
    state_changes: Optional[list[BrowserStateChangeParam]]
    cache_control: Optional[CacheControlEphemeralParam]


_KnownToolResultContentParam = Union[
    TextBlockParam,
    ImageBlockParam,
    SearchResultBlockParam,
    DocumentBlockParam,
    ToolReferenceBlockParam,
    BrowserStateBlockParam,
]


@wire_dict
class UnknownToolResultContentParam(TypedDict):
    """A tool_result content block type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolResultContentParam)]


#: One block of a ``tool_result``'s content.
ToolResultContentParam = Annotated[
    Union[
        Annotated[_KnownToolResultContentParam, Field(discriminator="type")],
        UnknownToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ToolResultBlockParam(TypedDict, total=False):
    """The result of a client tool call, sent in the user turn right after the tool_use."""

    type: Required[Literal["tool_result"]]
    tool_use_id: Required[str]
    content: Optional[Union[str, list[ToolResultContentParam]]]
    is_error: Optional[bool]
    cache_control: Optional[CacheControlEphemeralParam]
    toolset_name: Optional[str]


# -- server tools --------------------------------------------------------------------------------

#: Names of the server tools that ``server_tool_use`` blocks call (the list grows).
ServerToolName = Union[
    Literal[
        "advisor",
        "web_search",
        "web_fetch",
        "code_execution",
        "bash_code_execution",
        "text_editor_code_execution",
        "tool_search_tool_regex",
        "tool_search_tool_bm25",
    ],
    str,
]


@wire_dict
class ServerToolUseBlockParam(TypedDict, total=False):
    """A call of a server tool by the model, echoed back verbatim."""

    type: Required[Literal["server_tool_use"]]
    id: Required[str]
    name: Required[ServerToolName]
    input: Required[dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]
    caller: Optional[CallerParam]


@wire_dict
class ContainerUploadBlockParam(TypedDict, total=False):
    """A file to make available in the code-execution container."""

    type: Required[Literal["container_upload"]]
    file_id: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]


# -- beta blocks: MCP, compaction, tool changes, fallback ----------------------------------------


@wire_dict
class MCPToolUseBlockParam(TypedDict, total=False):
    """A call of a tool on a remote MCP server (beta), echoed back verbatim."""

    type: Required[Literal["mcp_tool_use"]]
    id: Required[str]
    name: Required[str]
    server_name: Required[str]
    input: Required[dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class MCPToolResultBlockParam(TypedDict, total=False):
    """The result of an MCP tool call (beta; the SDK's ``BetaRequestMCPToolResultBlockParam``)."""

    type: Required[Literal["mcp_tool_result"]]
    tool_use_id: Required[str]
    content: Optional[Union[str, list[TextBlockParam]]]
    is_error: Optional[bool]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class MCPToolListingBlockParam(TypedDict, total=False):
    """The tools an MCP server offered (beta), echoed back verbatim."""

    type: Required[Literal["mcp_tool_listing"]]
    mcp_server_name: Required[str]
    tools: Required[list[MCPToolParam]]


@wire_dict
class ToolChangeToolReferenceParam(TypedDict, total=False):
    """Names a tool declared in ``tools``."""

    type: Required[Literal["tool_reference"]]
    name: Required[str]


@wire_dict
class ToolChangeMCPToolReferenceParam(TypedDict, total=False):
    """Names one tool of an MCP server."""

    type: Required[Literal["mcp_tool_reference"]]
    name: Required[str]
    server_name: Required[str]


@wire_dict
class ToolChangeMCPToolsetReferenceParam(TypedDict, total=False):
    """Names all tools of an MCP server."""

    type: Required[Literal["mcp_toolset_reference"]]
    server_name: Required[str]


@wire_dict
class ToolChangeToolDefinitionParam(TypedDict, total=False):
    """Defines a tool inline (any entry that ``tools`` accepts)."""

    type: Required[Literal["tool_definition"]]
    definition: Required[ToolUnionParam]


_KnownToolReferenceParam = Union[
    ToolChangeToolReferenceParam,
    ToolChangeMCPToolReferenceParam,
    ToolChangeMCPToolsetReferenceParam,
    ToolChangeToolDefinitionParam,
]


@wire_dict
class UnknownToolReferenceParam(TypedDict):
    """A tool reference type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolReferenceParam)]


#: The ``tool`` of a tool addition or removal (removals use only the reference kinds).
ToolChangeReferenceParam = Annotated[
    Union[
        Annotated[_KnownToolReferenceParam, Field(discriminator="type")], UnknownToolReferenceParam
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ToolAdditionBlockParam(TypedDict, total=False):
    """Adds a tool mid-conversation (beta; in system messages and compaction ``tool_changes``)."""

    type: Required[Literal["tool_addition"]]
    tool: Required[ToolChangeReferenceParam]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class ToolRemovalBlockParam(TypedDict, total=False):
    """Removes a tool mid-conversation (beta)."""

    type: Required[Literal["tool_removal"]]
    tool: Required[ToolChangeReferenceParam]
    cache_control: Optional[CacheControlEphemeralParam]


#: Responses carry the same tool-change shapes without ``cache_control``.
ToolAdditionBlock = ToolAdditionBlockParam
ToolRemovalBlock = ToolRemovalBlockParam

_KnownToolChangeParam = Union[ToolAdditionBlockParam, ToolRemovalBlockParam]


@wire_dict
class UnknownToolChangeParam(TypedDict):
    """A tool change type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolChangeParam)]


#: One entry of a compaction block's ``tool_changes``.
ToolChangeParam = Annotated[
    Union[Annotated[_KnownToolChangeParam, Field(discriminator="type")], UnknownToolChangeParam],
    Field(union_mode="left_to_right"),
]


@wire_dict
class CompactionBlockParam(TypedDict, total=False):
    """A compaction summary of earlier turns (beta), echoed back verbatim."""

    type: Required[Literal["compaction"]]
    content: Optional[str]
    encrypted_content: Optional[str]
    signature: Optional[str]
    tool_changes: Optional[list[ToolChangeParam]]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class FallbackInfoParam(TypedDict, total=False):
    """One side of a server-side model fallback hop."""

    model: Required[Model]


# ``from`` is a Python keyword, so that key needs the functional TypedDict syntax.
_FallbackBlockParamFrom = TypedDict(
    "_FallbackBlockParamFrom", {"from": Required[FallbackInfoParam]}, total=False
)


@wire_dict
class FallbackBlockParam(_FallbackBlockParamFrom, total=False):
    """A ``fallback`` marker echoed back in place (beta): the turn switched models here."""

    type: Required[Literal["fallback"]]
    to: Required[FallbackInfoParam]
    # "The response block's trigger, echoed verbatim. Accepted and ignored by the server."
    trigger: Any
