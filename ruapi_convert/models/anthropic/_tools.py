"""Tool definitions (``tools[]``) and ``tool_choice``.

A custom tool has no required ``type`` (``"custom"`` or absent), so ``ToolUnionParam`` is a
left-to-right union: the tagged union of versioned built-in tools, then the custom tool, then the
fallback for unknown tags. The custom tool only accepts ``type`` ``"custom"``/``null``/absent, so a
built-in tool can never validate as a custom tool, whichever branch is tried first. The tagged union
goes first only so that a built-in tool with a bad field is reported at that field and not as "not
a custom tool" (both errors sit at the same depth, and the first one listed wins).
"""

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, tags_of, wire_dict
from ._common import CacheControlEphemeralParam, CitationsConfigParam, Model
from ._toolsets import BrowserToolset20260801Param, ComputerToolset20260801Param

__all__ = [
    "TOOL_TYPES",
    "AdvisorTool20260301Param",
    "CodeExecutionTool20250522Param",
    "CodeExecutionTool20250825Param",
    "CodeExecutionTool20260120Param",
    "CodeExecutionTool20260521Param",
    "InputSchema",
    "MCPToolConfigParam",
    "MCPToolDefaultConfigParam",
    "MCPToolParam",
    "MCPToolsetParam",
    "MemoryTool20250818Param",
    "ToolBash20241022Param",
    "ToolBash20250124Param",
    "ToolComputerUse20241022Param",
    "ToolComputerUse20250124Param",
    "ToolComputerUse20251124Param",
    "ToolParam",
    "ToolSearchToolBm25_20251119Param",
    "ToolSearchToolRegex20251119Param",
    "ToolTextEditor20241022Param",
    "ToolTextEditor20250124Param",
    "ToolTextEditor20250429Param",
    "ToolTextEditor20250728Param",
    "ToolUnionParam",
    "UnknownToolParam",
    "UnknownWebFetchURLSourceParam",
    "UserLocationParam",
    "WebFetchTool20250910Param",
    "WebFetchTool20260209Param",
    "WebFetchTool20260309Param",
    "WebFetchTool20260318Param",
    "WebFetchURLSourceAllParam",
    "WebFetchURLSourceExceptParam",
    "WebFetchURLSourceNoneParam",
    "WebFetchURLSourceOnlyParam",
    "WebFetchURLSourceParam",
    "WebFetchURLSourceToolReferenceParam",
    "WebFetchURLSourcesParam",
    "WebSearchTool20250305Param",
    "WebSearchTool20260209Param",
    "WebSearchTool20260318Param",
]

#: Who may call a tool: the model directly or code running in a code-execution tool.
AllowedCaller = Union[
    Literal[
        "direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"
    ],
    str,
]


@wire_dict
class _ServerToolOptions(TypedDict, total=False):
    """Options every tool definition may carry."""

    allowed_callers: Optional[list[AllowedCaller]]
    cache_control: Optional[CacheControlEphemeralParam]
    defer_loading: Optional[bool]
    strict: Optional[bool]


@wire_dict
class _ClientToolOptions(_ServerToolOptions, total=False):
    """Options of tools whose calls the client executes (adds ``input_examples``)."""

    input_examples: Optional[list[dict[str, Any]]]


# -- custom tools --------------------------------------------------------------------------------


@wire_dict
class InputSchema(TypedDict, total=False):
    """The JSON schema of a custom tool's input; any other JSON-schema keyword is kept as given."""

    # The SDK also accepts any dict here, so ``type`` is not required (the API wants "object").
    type: Union[Literal["object"], str]
    properties: Optional[dict[str, Any]]
    required: Optional[list[str]]


@wire_dict
class ToolParam(_ClientToolOptions, total=False):
    """A custom (client) tool: name, JSON-schema input and description; ``type`` is optional."""

    type: Optional[Literal["custom"]]
    name: Required[str]
    description: Optional[str]
    input_schema: Required[InputSchema]
    eager_input_streaming: Optional[bool]


# -- client-executed built-in tools --------------------------------------------------------------


@wire_dict
class ToolBash20241022Param(_ClientToolOptions, total=False):
    """The Anthropic-defined ``bash`` tool, version 2024-10-22 (beta)."""

    type: Required[Literal["bash_20241022"]]
    name: Required[Literal["bash"]]


@wire_dict
class ToolBash20250124Param(_ClientToolOptions, total=False):
    """The Anthropic-defined ``bash`` tool, version 2025-01-24."""

    type: Required[Literal["bash_20250124"]]
    name: Required[Literal["bash"]]


@wire_dict
class ToolTextEditor20241022Param(_ClientToolOptions, total=False):
    """The ``str_replace_editor`` text editor tool, version 2024-10-22 (beta)."""

    type: Required[Literal["text_editor_20241022"]]
    name: Required[Literal["str_replace_editor"]]


@wire_dict
class ToolTextEditor20250124Param(_ClientToolOptions, total=False):
    """The ``str_replace_editor`` text editor tool, version 2025-01-24."""

    type: Required[Literal["text_editor_20250124"]]
    name: Required[Literal["str_replace_editor"]]


@wire_dict
class ToolTextEditor20250429Param(_ClientToolOptions, total=False):
    """The ``str_replace_based_edit_tool`` text editor tool, version 2025-04-29."""

    type: Required[Literal["text_editor_20250429"]]
    name: Required[Literal["str_replace_based_edit_tool"]]


@wire_dict
class ToolTextEditor20250728Param(_ClientToolOptions, total=False):
    """The ``str_replace_based_edit_tool`` text editor tool, version 2025-07-28."""

    type: Required[Literal["text_editor_20250728"]]
    name: Required[Literal["str_replace_based_edit_tool"]]
    max_characters: Optional[int]


@wire_dict
class MemoryTool20250818Param(_ClientToolOptions, total=False):
    """The client-side ``memory`` tool, version 2025-08-18."""

    type: Required[Literal["memory_20250818"]]
    name: Required[Literal["memory"]]


@wire_dict
class _ComputerUseOptions(_ClientToolOptions, total=False):
    """Display settings of the (beta) ``computer`` tools."""

    name: Required[Literal["computer"]]
    display_width_px: Required[int]
    display_height_px: Required[int]
    display_number: Optional[int]


@wire_dict
class ToolComputerUse20241022Param(_ComputerUseOptions, total=False):
    """The ``computer`` tool, version 2024-10-22 (beta)."""

    type: Required[Literal["computer_20241022"]]


@wire_dict
class ToolComputerUse20250124Param(_ComputerUseOptions, total=False):
    """The ``computer`` tool, version 2025-01-24 (beta)."""

    type: Required[Literal["computer_20250124"]]


@wire_dict
class ToolComputerUse20251124Param(_ComputerUseOptions, total=False):
    """The ``computer`` tool, version 2025-11-24 (beta; adds ``enable_zoom``)."""

    type: Required[Literal["computer_20251124"]]
    enable_zoom: Optional[bool]


# -- server-executed tools -----------------------------------------------------------------------


@wire_dict
class CodeExecutionTool20250522Param(_ServerToolOptions, total=False):
    """The server-side ``code_execution`` tool, version 2025-05-22."""

    type: Required[Literal["code_execution_20250522"]]
    name: Required[Literal["code_execution"]]


@wire_dict
class CodeExecutionTool20250825Param(_ServerToolOptions, total=False):
    """The server-side ``code_execution`` tool, version 2025-08-25."""

    type: Required[Literal["code_execution_20250825"]]
    name: Required[Literal["code_execution"]]


@wire_dict
class CodeExecutionTool20260120Param(_ServerToolOptions, total=False):
    """The server-side ``code_execution`` tool, version 2026-01-20."""

    type: Required[Literal["code_execution_20260120"]]
    name: Required[Literal["code_execution"]]


@wire_dict
class CodeExecutionTool20260521Param(_ServerToolOptions, total=False):
    """The server-side ``code_execution`` tool, version 2026-05-21."""

    type: Required[Literal["code_execution_20260521"]]
    name: Required[Literal["code_execution"]]


@wire_dict
class UserLocationParam(TypedDict, total=False):
    """An approximate user location that localises web search results."""

    type: Required[Literal["approximate"]]
    city: Optional[str]
    region: Optional[str]
    country: Optional[str]
    timezone: Optional[str]


@wire_dict
class _WebSearchOptions(_ServerToolOptions, total=False):
    """Options shared by every ``web_search`` tool version."""

    name: Required[Literal["web_search"]]
    allowed_domains: Optional[list[str]]
    blocked_domains: Optional[list[str]]
    max_uses: Optional[int]
    user_location: Optional[UserLocationParam]


@wire_dict
class WebSearchTool20250305Param(_WebSearchOptions, total=False):
    """The server-side ``web_search`` tool, version 2025-03-05."""

    type: Required[Literal["web_search_20250305"]]


@wire_dict
class WebSearchTool20260209Param(_WebSearchOptions, total=False):
    """The server-side ``web_search`` tool, version 2026-02-09."""

    type: Required[Literal["web_search_20260209"]]


@wire_dict
class WebSearchTool20260318Param(_WebSearchOptions, total=False):
    """The server-side ``web_search`` tool, version 2026-03-18 (adds ``response_inclusion``)."""

    type: Required[Literal["web_search_20260318"]]
    response_inclusion: Optional[Union[Literal["full", "excluded"], str]]


@wire_dict
class WebFetchURLSourceToolReferenceParam(TypedDict, total=False):
    """Names a tool whose results may supply URLs to fetch."""

    type: Required[Literal["tool_reference"]]
    name: Required[str]


@wire_dict
class WebFetchURLSourceAllParam(TypedDict, total=False):
    """URLs from every source of this kind may be fetched."""

    type: Required[Literal["all"]]


@wire_dict
class WebFetchURLSourceNoneParam(TypedDict, total=False):
    """URLs from this kind of source may not be fetched."""

    type: Required[Literal["none"]]


@wire_dict
class WebFetchURLSourceOnlyParam(TypedDict, total=False):
    """Only URLs from the listed tools' results may be fetched."""

    type: Required[Literal["only"]]
    tools: Required[list[WebFetchURLSourceToolReferenceParam]]


@wire_dict
class WebFetchURLSourceExceptParam(TypedDict, total=False):
    """URLs from any tool's results except the listed ones may be fetched."""

    type: Required[Literal["except"]]
    tools: Required[list[WebFetchURLSourceToolReferenceParam]]


_KnownWebFetchURLSource = Union[
    WebFetchURLSourceAllParam,
    WebFetchURLSourceNoneParam,
    WebFetchURLSourceOnlyParam,
    WebFetchURLSourceExceptParam,
]


@wire_dict
class UnknownWebFetchURLSourceParam(TypedDict):
    """A URL-source rule newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownWebFetchURLSource)]


#: One rule of ``url_sources``.
WebFetchURLSourceParam = Annotated[
    Union[
        Annotated[_KnownWebFetchURLSource, Field(discriminator="type")],
        UnknownWebFetchURLSourceParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class WebFetchURLSourcesParam(TypedDict, total=False):
    """Where the URLs that ``web_fetch`` may fetch are allowed to come from."""

    user_input: Optional[WebFetchURLSourceParam]
    client_tool_results: Optional[WebFetchURLSourceParam]
    server_tool_results: Optional[WebFetchURLSourceParam]


@wire_dict
class _WebFetchOptions(_ServerToolOptions, total=False):
    """Options shared by every ``web_fetch`` tool version."""

    name: Required[Literal["web_fetch"]]
    allowed_domains: Optional[list[str]]
    blocked_domains: Optional[list[str]]
    citations: Optional[CitationsConfigParam]
    max_content_tokens: Optional[int]
    max_uses: Optional[int]
    url_sources: Optional[WebFetchURLSourcesParam]


@wire_dict
class WebFetchTool20250910Param(_WebFetchOptions, total=False):
    """The server-side ``web_fetch`` tool, version 2025-09-10."""

    type: Required[Literal["web_fetch_20250910"]]


@wire_dict
class WebFetchTool20260209Param(_WebFetchOptions, total=False):
    """The server-side ``web_fetch`` tool, version 2026-02-09."""

    type: Required[Literal["web_fetch_20260209"]]


@wire_dict
class WebFetchTool20260309Param(_WebFetchOptions, total=False):
    """The server-side ``web_fetch`` tool, version 2026-03-09 (adds ``use_cache``)."""

    type: Required[Literal["web_fetch_20260309"]]
    use_cache: Optional[bool]


@wire_dict
class WebFetchTool20260318Param(_WebFetchOptions, total=False):
    """The server-side ``web_fetch`` tool, version 2026-03-18 (adds ``response_inclusion``)."""

    type: Required[Literal["web_fetch_20260318"]]
    use_cache: Optional[bool]
    response_inclusion: Optional[Union[Literal["full", "excluded"], str]]


@wire_dict
class ToolSearchToolBm25_20251119Param(_ServerToolOptions, total=False):
    """The BM25 tool-search tool (finds deferred tools by natural-language query)."""

    type: Required[Literal["tool_search_tool_bm25_20251119", "tool_search_tool_bm25"]]
    name: Required[Literal["tool_search_tool_bm25"]]


@wire_dict
class ToolSearchToolRegex20251119Param(_ServerToolOptions, total=False):
    """The regex tool-search tool (finds deferred tools by pattern)."""

    type: Required[Literal["tool_search_tool_regex_20251119", "tool_search_tool_regex"]]
    name: Required[Literal["tool_search_tool_regex"]]


@wire_dict
class AdvisorTool20260301Param(_ServerToolOptions, total=False):
    """The (beta) ``advisor`` tool: a second model the main model may consult."""

    type: Required[Literal["advisor_20260301"]]
    name: Required[Literal["advisor"]]
    model: Required[Model]
    caching: Optional[CacheControlEphemeralParam]
    max_tokens: Optional[int]
    max_uses: Optional[int]


@wire_dict
class MCPToolConfigParam(TypedDict, total=False):
    """Settings of one tool of an MCP toolset."""

    enabled: Optional[bool]
    defer_loading: Optional[bool]


@wire_dict
class MCPToolDefaultConfigParam(TypedDict, total=False):
    """Default settings of the tools of an MCP toolset."""

    enabled: Optional[bool]
    defer_loading: Optional[bool]


@wire_dict
class MCPToolParam(TypedDict, total=False):
    """An MCP tool's name, description and input schema (in toolsets and tool listings)."""

    name: Required[str]
    description: Optional[str]
    input_schema: Required[dict[str, Any]]


@wire_dict
class MCPToolsetParam(TypedDict, total=False):
    """The tools of one MCP server named in ``mcp_servers`` (beta)."""

    type: Required[Literal["mcp_toolset"]]
    mcp_server_name: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]
    configs: Optional[dict[str, MCPToolConfigParam]]
    default_config: Optional[MCPToolDefaultConfigParam]
    tools: Optional[list[MCPToolParam]]


_KnownBuiltinToolParam = Union[
    ToolBash20241022Param,
    ToolBash20250124Param,
    ToolTextEditor20241022Param,
    ToolTextEditor20250124Param,
    ToolTextEditor20250429Param,
    ToolTextEditor20250728Param,
    MemoryTool20250818Param,
    ToolComputerUse20241022Param,
    ToolComputerUse20250124Param,
    ToolComputerUse20251124Param,
    BrowserToolset20260801Param,
    ComputerToolset20260801Param,
    CodeExecutionTool20250522Param,
    CodeExecutionTool20250825Param,
    CodeExecutionTool20260120Param,
    CodeExecutionTool20260521Param,
    WebSearchTool20250305Param,
    WebSearchTool20260209Param,
    WebSearchTool20260318Param,
    WebFetchTool20250910Param,
    WebFetchTool20260209Param,
    WebFetchTool20260309Param,
    WebFetchTool20260318Param,
    ToolSearchToolBm25_20251119Param,
    ToolSearchToolRegex20251119Param,
    AdvisorTool20260301Param,
    MCPToolsetParam,
]


@wire_dict
class UnknownToolParam(TypedDict):
    """A tool type newer than this library; its payload is kept as given."""

    # ``ToolParam`` is listed so that ``"custom"`` counts as known.
    type: Annotated[str, not_one_of(Union[_KnownBuiltinToolParam, ToolParam])]


#: The ``type`` of every built-in (server or client) tool this library knows.
TOOL_TYPES = tags_of(_KnownBuiltinToolParam)

#: One entry of ``tools``: a custom tool or a versioned built-in tool (see the module docstring).
ToolUnionParam = Annotated[
    Union[
        Annotated[_KnownBuiltinToolParam, Field(discriminator="type")],
        ToolParam,
        UnknownToolParam,
    ],
    Field(union_mode="left_to_right"),
]
