"""
ruapi_convert.models.responses._builtin_tools
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The tools OpenAI runs (or that the model drives on the client in OpenAI's own shapes): file search,
web search, computer use, MCP servers, code interpreter, image generation, the shell tools, tool
search, programmatic tool calling and ``apply_patch``.

Each class is named after the SDK's response type; the request twin (``…Param``, or the SDK's local
name in ``tool_param``, e.g. ``Mcp``) has the same keys. A tool whose request twin requires a key
that the response type leaves optional requires it here only when both do.
"""

from typing import Annotated, Any, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Number, not_one_of, wire_dict
from ._common import ContainerNetworkPolicy, ShellEnvironment
from ._vocab import AllowedCaller, ReasoningEffort, SearchContextSize

__all__ = [
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
]

# -- file search ---------------------------------------------------------------------------------


@wire_dict
class ComparisonFilter(TypedDict, total=False):
    """Compare one file attribute with a value (``eq``, ``gt``, ``in``, …)."""

    type: Required[Literal["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"]]
    key: Required[str]
    value: Required[Union[str, Number, bool, list[Union[str, Number]]]]


@wire_dict
class CompoundFilter(TypedDict, total=False):
    """Combine filters with ``and`` / ``or``; they may nest."""

    type: Required[Literal["and", "or"]]
    filters: Required[list["FileSearchFilter"]]


_KnownFileSearchFilter = Union[ComparisonFilter, CompoundFilter]


@wire_dict
class UnknownFileSearchFilter(TypedDict):
    """A filter type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownFileSearchFilter)]


#: ``filters`` of the file search tool: a comparison or a compound filter.
FileSearchFilter: TypeAlias = Annotated[
    Union[Annotated[_KnownFileSearchFilter, Field(discriminator="type")], UnknownFileSearchFilter],
    Field(union_mode="left_to_right"),
]


@wire_dict
class RankingOptionsHybridSearch(TypedDict, total=False):
    """Weights of embedding and text matches in hybrid search."""

    embedding_weight: Required[Number]
    text_weight: Required[Number]


@wire_dict
class RankingOptions(TypedDict, total=False):
    """How file search ranks its results."""

    hybrid_search: Optional[RankingOptionsHybridSearch]
    ranker: Optional[Union[Literal["auto", "default-2024-11-15"], str]]
    score_threshold: Optional[Number]


@wire_dict
class FileSearchTool(TypedDict, total=False):
    """Search uploaded files in vector stores."""

    type: Required[Literal["file_search"]]
    vector_store_ids: Required[list[str]]
    filters: Optional[FileSearchFilter]
    max_num_results: Optional[int]
    ranking_options: Optional[RankingOptions]


# -- computer use --------------------------------------------------------------------------------


@wire_dict
class ComputerTool(TypedDict, total=False):
    """Computer use (GA): the model drives a screen the client provides."""

    type: Required[Literal["computer"]]


@wire_dict
class ComputerUsePreviewTool(TypedDict, total=False):
    """Computer use (preview), with the size and kind of the display."""

    type: Required[Literal["computer_use_preview"]]
    display_width: Required[int]
    display_height: Required[int]
    environment: Required[Union[Literal["windows", "mac", "linux", "ubuntu", "browser"], str]]


# -- web search ----------------------------------------------------------------------------------


@wire_dict
class WebSearchFilters(TypedDict, total=False):
    """Domains web search may use."""

    allowed_domains: Optional[list[str]]


@wire_dict
class WebSearchUserLocation(TypedDict, total=False):
    """Approximate location of the user, for local results (both web search tools)."""

    type: Optional[Literal["approximate"]]
    city: Optional[str]
    country: Optional[str]
    region: Optional[str]
    timezone: Optional[str]


@wire_dict
class WebSearchTool(TypedDict, total=False):
    """Web search."""

    type: Required[Literal["web_search", "web_search_2025_08_26"]]
    external_web_access: Optional[bool]
    filters: Optional[WebSearchFilters]
    search_context_size: Optional[SearchContextSize]
    user_location: Optional[WebSearchUserLocation]


@wire_dict
class WebSearchPreviewTool(TypedDict, total=False):
    """Web search (preview)."""

    type: Required[Literal["web_search_preview", "web_search_preview_2025_03_11"]]
    search_content_types: Optional[list[Union[Literal["text", "image"], str]]]
    search_context_size: Optional[SearchContextSize]
    user_location: Optional[WebSearchUserLocation]


# -- MCP -----------------------------------------------------------------------------------------


@wire_dict
class McpToolFilter(TypedDict, total=False):
    """A set of an MCP server's tools: by name and/or read-only hint.

    (SDK: ``McpAllowedToolsMcpToolFilter``, ``McpRequireApprovalMcpToolApprovalFilterAlways`` and
    ``…Never``, which have the same keys.)
    """

    read_only: Optional[bool]
    tool_names: Optional[list[str]]


@wire_dict
class McpToolApprovalFilter(TypedDict, total=False):
    """Which MCP tools need approval before a call, and which never do."""

    always: Optional[McpToolFilter]
    never: Optional[McpToolFilter]


@wire_dict
class McpTool(TypedDict, total=False):
    """A remote MCP server (or an OpenAI connector) whose tools the model may call (SDK: ``Mcp``)."""

    type: Required[Literal["mcp"]]
    server_label: Required[str]
    allowed_callers: Optional[list[AllowedCaller]]
    allowed_tools: Optional[Union[list[str], McpToolFilter]]
    authorization: Optional[str]
    connector_id: Optional[
        Union[
            Literal[
                "connector_dropbox",
                "connector_gmail",
                "connector_googlecalendar",
                "connector_googledrive",
                "connector_microsoftteams",
                "connector_outlookcalendar",
                "connector_outlookemail",
                "connector_sharepoint",
            ],
            str,
        ]
    ]
    defer_loading: Optional[bool]
    headers: Optional[dict[str, str]]
    require_approval: Optional[Union[McpToolApprovalFilter, Literal["always", "never"], str]]
    server_description: Optional[str]
    server_url: Optional[str]
    tunnel_id: Optional[str]


# -- code interpreter ----------------------------------------------------------------------------


@wire_dict
class CodeInterpreterContainerAuto(TypedDict, total=False):
    """A container created for the request (SDK: ``CodeInterpreterContainerCodeInterpreterToolAuto``)."""

    type: Required[Literal["auto"]]
    file_ids: Optional[list[str]]
    memory_limit: Optional[Union[Literal["1g", "4g", "16g", "64g"], str]]
    network_policy: Optional[ContainerNetworkPolicy]


@wire_dict
class UnknownCodeInterpreterContainer(TypedDict):
    """A container type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(CodeInterpreterContainerAuto)]


#: A code-interpreter container given as an object (a string ``container`` is a container id).
CodeInterpreterContainer: TypeAlias = Annotated[
    Union[CodeInterpreterContainerAuto, UnknownCodeInterpreterContainer],
    Field(union_mode="left_to_right"),
]


@wire_dict
class CodeInterpreterTool(TypedDict, total=False):
    """Run Python in a sandboxed container (SDK: ``CodeInterpreter``)."""

    type: Required[Literal["code_interpreter"]]
    # A container id, or a container made for the request.
    container: Required[Union[str, CodeInterpreterContainer]]
    allowed_callers: Optional[list[AllowedCaller]]


# -- image generation ----------------------------------------------------------------------------


@wire_dict
class ImageGenerationInputImageMask(TypedDict, total=False):
    """Mask for inpainting: an image URL or an uploaded file."""

    file_id: Optional[str]
    image_url: Optional[str]


@wire_dict
class ImageGenerationSvgReasoning(TypedDict, total=False):
    """Reasoning effort of the model that writes SVG output."""

    effort: Optional[ReasoningEffort]


@wire_dict
class ImageGenerationSvg(TypedDict, total=False):
    """Options for SVG output."""

    model: Optional[str]
    reasoning: Optional[ImageGenerationSvgReasoning]


@wire_dict
class ImageGenerationTool(TypedDict, total=False):
    """Generate or edit images (SDK: ``ImageGeneration``)."""

    type: Required[Literal["image_generation"]]
    action: Optional[Union[Literal["generate", "edit", "auto"], str]]
    background: Optional[Union[Literal["transparent", "opaque", "auto"], str]]
    complexity: Optional[Union[Literal["low", "medium", "high"], str]]
    frame_count: Optional[int]
    frame_duration_ms: Optional[int]
    input_fidelity: Optional[Union[Literal["high", "low"], str]]
    input_image_mask: Optional[ImageGenerationInputImageMask]
    # Any string: the SDK lists gpt-image-1 … chatgpt-image-latest.
    model: Optional[str]
    moderation: Optional[Union[Literal["auto", "low"], str]]
    output_compression: Optional[int]
    output_format: Optional[Union[Literal["png", "webp", "jpeg", "gif", "svg"], str]]
    partial_images: Optional[int]
    quality: Optional[Union[Literal["low", "medium", "high", "xhigh", "max", "auto"], str]]
    size: Optional[Union[Literal["1024x1024", "1024x1536", "1536x1024", "auto"], str]]
    svg: Optional[ImageGenerationSvg]


# -- shells, tool search, programmatic tool calling, apply_patch ---------------------------------


@wire_dict
class LocalShellTool(TypedDict, total=False):
    """The legacy local shell tool: the client runs the commands (SDK: ``LocalShell``)."""

    type: Required[Literal["local_shell"]]


@wire_dict
class FunctionShellTool(TypedDict, total=False):
    """The shell tool: commands run locally or in a hosted container."""

    type: Required[Literal["shell"]]
    allowed_callers: Optional[list[AllowedCaller]]
    environment: Optional[ShellEnvironment]


@wire_dict
class ToolSearchTool(TypedDict, total=False):
    """Let the model search for tools loaded with ``defer_loading`` (on the server or the client)."""

    type: Required[Literal["tool_search"]]
    description: Optional[str]
    execution: Optional[Union[Literal["server", "client"], str]]
    # JSON schema of the search call's arguments (client execution).
    parameters: Optional[Any]


@wire_dict
class ProgrammaticToolCallingTool(TypedDict, total=False):
    """Let the model write a program that calls tools (SDK: ``ProgrammaticToolCalling``)."""

    type: Required[Literal["programmatic_tool_calling"]]


@wire_dict
class ApplyPatchTool(TypedDict, total=False):
    """Let the model create, update and delete files with structured diffs the client applies."""

    type: Required[Literal["apply_patch"]]
    allowed_callers: Optional[list[AllowedCaller]]
