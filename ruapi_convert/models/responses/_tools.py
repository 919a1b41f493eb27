"""
ruapi_convert.models.responses._tools
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Tools the client declares (``function``, ``custom``, ``namespace``), the open union of every tool
type (:data:`Tool`, with the built-ins of ``_builtin_tools``), and ``tool_choice``.

Unlike Chat Completions, tools are flat: ``{"type": "function", "name", "parameters", "strict", …}``
without a nested ``function`` object, and ``tool_choice`` names a function as
``{"type": "function", "name": …}``.
"""

from typing import Annotated, Any, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ..openai._tools import CustomToolInputFormatParam
from ._builtin_tools import (
    ApplyPatchTool,
    CodeInterpreterTool,
    ComputerTool,
    ComputerUsePreviewTool,
    FileSearchTool,
    FunctionShellTool,
    ImageGenerationTool,
    LocalShellTool,
    McpTool,
    ProgrammaticToolCallingTool,
    ToolSearchTool,
    WebSearchPreviewTool,
    WebSearchTool,
)
from ._common import AsyncFlag
from ._vocab import AllowedCaller

__all__ = [
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
]

#: ``format`` of a custom tool: free text, or a Lark/regex grammar (flat, as in Chat's
#: Responses-style custom tools, hence the same type).
CustomToolInputFormat: TypeAlias = CustomToolInputFormatParam


@wire_dict
class FunctionTool(AsyncFlag, total=False):
    """A function the client runs; the model calls it with JSON ``arguments``.

    The request type requires ``parameters`` and ``strict`` (both nullable); the response echo
    leaves them optional, and so does this class.
    """

    type: Required[Literal["function"]]
    name: Required[str]
    description: Optional[str]
    parameters: Optional[dict[str, Any]]
    strict: Optional[bool]
    allowed_callers: Optional[list[AllowedCaller]]
    defer_loading: Optional[bool]
    output_schema: Optional[dict[str, Any]]


@wire_dict
class CustomTool(AsyncFlag, total=False):
    """A tool whose input is free text (optionally constrained by a grammar), e.g. Codex's
    ``apply_patch`` when it is not the built-in one."""

    type: Required[Literal["custom"]]
    name: Required[str]
    description: Optional[str]
    format: Optional[CustomToolInputFormat]
    allowed_callers: Optional[list[AllowedCaller]]
    defer_loading: Optional[bool]


@wire_dict
class NamespaceToolFunction(AsyncFlag, total=False):
    """A function inside a namespace (SDK: ``namespace_tool.ToolFunction``): ``parameters`` may be
    any JSON value there."""

    type: Required[Literal["function"]]
    name: Required[str]
    description: Optional[str]
    parameters: Optional[Any]
    strict: Optional[bool]
    allowed_callers: Optional[list[AllowedCaller]]
    defer_loading: Optional[bool]
    output_schema: Optional[dict[str, Any]]


_KnownNamespaceMember = Union[NamespaceToolFunction, CustomTool]


@wire_dict
class UnknownNamespaceMember(TypedDict):
    """A namespace member type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownNamespaceMember)]


#: One entry of a namespace's ``tools``.
NamespaceMember: TypeAlias = Annotated[
    Union[Annotated[_KnownNamespaceMember, Field(discriminator="type")], UnknownNamespaceMember],
    Field(union_mode="left_to_right"),
]


@wire_dict
class NamespaceTool(TypedDict, total=False):
    """A named group of function and custom tools; calls name it in ``namespace``.

    (SDK also: ``ToolSearchOutputNamespaceTool``, the same shape in tool search results.)
    """

    type: Required[Literal["namespace"]]
    name: Required[str]
    description: Required[str]
    tools: Required[list[NamespaceMember]]


_KnownTool = Union[
    FunctionTool,
    FileSearchTool,
    ComputerTool,
    ComputerUsePreviewTool,
    WebSearchTool,
    McpTool,
    CodeInterpreterTool,
    ProgrammaticToolCallingTool,
    ImageGenerationTool,
    LocalShellTool,
    FunctionShellTool,
    CustomTool,
    NamespaceTool,
    ToolSearchTool,
    WebSearchPreviewTool,
    ApplyPatchTool,
]


@wire_dict
class UnknownTool(TypedDict):
    """A tool type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownTool)]


#: One entry of ``tools`` (SDK: ``Tool`` / ``ToolParam``).
Tool: TypeAlias = Annotated[
    Union[Annotated[_KnownTool, Field(discriminator="type")], UnknownTool],
    Field(union_mode="left_to_right"),
]


# -- tool_choice ---------------------------------------------------------------------------------

#: ``tool_choice`` as a string: no tools, the model decides, or at least one tool call.
ToolChoiceOptions: TypeAlias = Union[Literal["none", "auto", "required"], str]


@wire_dict
class ToolChoiceAllowed(TypedDict, total=False):
    """Restrict the model to a subset of ``tools`` (``mode`` ``auto`` or ``required``).

    ``tools`` entries are tool references such as ``{"type": "function", "name": …}`` or
    ``{"type": "mcp", "server_label": …}``; the SDK types them as plain objects.
    """

    type: Required[Literal["allowed_tools"]]
    mode: Required[Union[Literal["auto", "required"], str]]
    tools: Required[list[dict[str, Any]]]


@wire_dict
class ToolChoiceTypes(TypedDict, total=False):
    """Force a call of a built-in tool, by type."""

    type: Required[
        Literal[
            "file_search",
            "web_search_preview",
            "computer",
            "computer_use_preview",
            "computer_use",
            "web_search_preview_2025_03_11",
            "image_generation",
            "code_interpreter",
        ]
    ]


@wire_dict
class ToolChoiceFunction(TypedDict, total=False):
    """Force a call of the named function."""

    type: Required[Literal["function"]]
    name: Required[str]


@wire_dict
class ToolChoiceMcp(TypedDict, total=False):
    """Force a call of a tool (or any tool) of an MCP server."""

    type: Required[Literal["mcp"]]
    server_label: Required[str]
    name: Optional[str]


@wire_dict
class ToolChoiceCustom(TypedDict, total=False):
    """Force a call of the named custom tool."""

    type: Required[Literal["custom"]]
    name: Required[str]


@wire_dict
class ToolChoiceProgrammaticToolCalling(TypedDict, total=False):
    """Force programmatic tool calling (SDK: ``ToolChoiceSpecificProgrammaticToolCallingParam``)."""

    type: Required[Literal["programmatic_tool_calling"]]


@wire_dict
class ToolChoiceApplyPatch(TypedDict, total=False):
    """Force a call of the built-in ``apply_patch`` tool."""

    type: Required[Literal["apply_patch"]]


@wire_dict
class ToolChoiceShell(TypedDict, total=False):
    """Force a call of the shell tool."""

    type: Required[Literal["shell"]]


_KnownToolChoice = Union[
    ToolChoiceAllowed,
    ToolChoiceTypes,
    ToolChoiceFunction,
    ToolChoiceMcp,
    ToolChoiceCustom,
    ToolChoiceProgrammaticToolCalling,
    ToolChoiceApplyPatch,
    ToolChoiceShell,
]


@wire_dict
class UnknownToolChoice(TypedDict):
    """A ``tool_choice`` object type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolChoice)]


#: ``tool_choice``: a string option or an object naming what to call.
ToolChoice: TypeAlias = Union[
    ToolChoiceOptions,
    Annotated[
        Union[Annotated[_KnownToolChoice, Field(discriminator="type")], UnknownToolChoice],
        Field(union_mode="left_to_right"),
    ],
]
