"""
ruapi_convert.models.openai._tools
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

``tools`` and ``tool_choice`` of a Chat Completions request, and the deprecated ``functions`` /
``function_call`` pair they replaced.

Besides the two OpenAI tool types (function and custom), ``tools`` accepts the flat tool objects
Cursor sends to OpenAI-compatible endpoints (:class:`AnthropicStyleToolParam`,
:class:`ResponsesStyleFunctionToolParam`, :class:`ResponsesStyleCustomToolParam`); they are kept
exactly as given, and converters decide what they mean.
"""

from typing import Annotated, Any, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "FunctionDefinition",
    "ChatCompletionFunctionToolParam",
    "CustomFormatTextParam",
    "CustomFormatGrammarGrammarParam",
    "CustomFormatGrammarParam",
    "CustomToolInputFormatGrammarParam",
    "UnknownCustomFormatParam",
    "CustomFormatParam",
    "CustomToolInputFormatParam",
    "CustomToolDefinition",
    "ChatCompletionCustomToolParam",
    "AnthropicStyleToolParam",
    "ResponsesStyleFunctionToolParam",
    "ResponsesStyleCustomToolParam",
    "UnknownToolParam",
    "ChatCompletionToolUnionParam",
    "NamedToolChoiceFunctionParam",
    "ChatCompletionNamedToolChoiceParam",
    "NamedToolChoiceCustomParam",
    "ChatCompletionNamedToolChoiceCustomParam",
    "ChatCompletionAllowedToolsParam",
    "ChatCompletionAllowedToolChoiceParam",
    "UnknownToolChoiceParam",
    "ChatCompletionToolChoiceOptionParam",
    "DeprecatedFunctionParam",
    "ChatCompletionFunctionCallOptionParam",
]


# -- tools ---------------------------------------------------------------------------------------


@wire_dict
class FunctionDefinition(TypedDict, total=False):
    """A function the model may call: name, description and JSON-Schema ``parameters``."""

    name: Required[str]
    description: Optional[str]
    # Omitted parameters mean "no parameters"; ``strict`` asks for Structured-Outputs adherence.
    parameters: Optional[dict[str, Any]]
    strict: Optional[bool]


@wire_dict
class ChatCompletionFunctionToolParam(TypedDict, total=False):
    """A function tool: ``{"type": "function", "function": {...}}``."""

    type: Required[Literal["function"]]
    function: Required[FunctionDefinition]


@wire_dict
class CustomFormatTextParam(TypedDict, total=False):
    """Unconstrained free-form text input for a custom tool (SDK: ``CustomFormatText`` / ``Text``)."""

    type: Required[Literal["text"]]


@wire_dict
class CustomFormatGrammarGrammarParam(TypedDict, total=False):
    """The grammar that constrains a custom tool's input (SDK: ``CustomFormatGrammarGrammar``)."""

    definition: Required[str]
    syntax: Required[Union[Literal["lark", "regex"], str]]


@wire_dict
class CustomFormatGrammarParam(TypedDict, total=False):
    """Grammar-constrained input for a custom tool, nested as Chat Completions sends it."""

    type: Required[Literal["grammar"]]
    grammar: Required[CustomFormatGrammarGrammarParam]


@wire_dict
class CustomToolInputFormatGrammarParam(TypedDict, total=False):
    """Grammar-constrained input, flat as the Responses API sends it (SDK: shared ``Grammar``)."""

    type: Required[Literal["grammar"]]
    definition: Required[str]
    syntax: Required[Union[Literal["lark", "regex"], str]]


_KnownCustomFormatParam = Union[CustomFormatTextParam, CustomFormatGrammarParam]


@wire_dict
class UnknownCustomFormatParam(TypedDict):
    """A custom tool input format newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCustomFormatParam)]


#: ``format`` of a Chat Completions custom tool.
CustomFormatParam: TypeAlias = Annotated[
    Union[
        Annotated[_KnownCustomFormatParam, Field(discriminator="type")], UnknownCustomFormatParam
    ],
    Field(union_mode="left_to_right"),
]

#: ``format`` of a flat (Responses-style) custom tool.
CustomToolInputFormatParam: TypeAlias = Annotated[
    Union[
        Annotated[
            Union[CustomFormatTextParam, CustomToolInputFormatGrammarParam],
            Field(discriminator="type"),
        ],
        UnknownCustomFormatParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class CustomToolDefinition(TypedDict, total=False):
    """``custom`` of a custom tool (SDK: ``Custom``): name, description, input format."""

    name: Required[str]
    description: Optional[str]
    format: Optional[CustomFormatParam]


@wire_dict
class ChatCompletionCustomToolParam(TypedDict, total=False):
    """A custom tool, whose input is a free-form string: ``{"type": "custom", "custom": {...}}``."""

    type: Required[Literal["custom"]]
    custom: Required[CustomToolDefinition]


@wire_dict
class AnthropicStyleToolParam(TypedDict, total=False):
    """A tool in Anthropic's shape inside an OpenAI ``tools`` list: ``{name, description?, input_schema}``.

    Not an OpenAI type. Cursor's agent mode picks its tool format by model name, and for models whose
    name contains ``claude`` it sends Anthropic tool objects (no ``function`` wrapper, ``type`` absent
    or ``"custom"``) to OpenAI-compatible endpoints. Rejecting them would break every such client, so
    they validate and round-trip unchanged (Anthropic-only keys such as ``cache_control`` are extras).
    """

    name: Required[str]
    input_schema: Required[dict[str, Any]]
    type: Optional[Literal["custom"]]
    description: Optional[str]


@wire_dict
class ResponsesStyleFunctionToolParam(TypedDict, total=False):
    """A function tool in the flat Responses-API shape: ``{type: "function", name, parameters?, …}``.

    Not a Chat Completions type, but Cursor mixes such flat definitions into the ``tools`` of genuine
    Chat Completions bodies, so they are accepted and kept as given.
    """

    type: Required[Literal["function"]]
    name: Required[str]
    description: Optional[str]
    parameters: Optional[dict[str, Any]]
    strict: Optional[bool]


@wire_dict
class ResponsesStyleCustomToolParam(TypedDict, total=False):
    """A custom tool in the flat Responses-API shape: ``{type: "custom", name, format?, …}``.

    Accepted for the same reason as :class:`ResponsesStyleFunctionToolParam`.
    """

    type: Required[Literal["custom"]]
    name: Required[str]
    description: Optional[str]
    format: Optional[CustomToolInputFormatParam]


_KnownToolParam = Union[ChatCompletionFunctionToolParam, ChatCompletionCustomToolParam]


@wire_dict
class UnknownToolParam(TypedDict):
    """A tool type newer than this library (or another vendor's); its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolParam)]


#: One entry of ``tools``. The standard shapes are tried first, so a standard tool with a bad field
#: reports that field; the flat shapes come next (the Anthropic one before the Responses custom one,
#: which would also match it), then the fallback for unknown types.
ChatCompletionToolUnionParam: TypeAlias = Annotated[
    Union[
        Annotated[_KnownToolParam, Field(discriminator="type")],
        AnthropicStyleToolParam,
        ResponsesStyleFunctionToolParam,
        ResponsesStyleCustomToolParam,
        UnknownToolParam,
    ],
    Field(union_mode="left_to_right"),
]


# -- tool_choice and the deprecated functions API ------------------------------------------------


@wire_dict
class NamedToolChoiceFunctionParam(TypedDict, total=False):
    """``function`` of a named tool choice (SDK: ``Function``)."""

    name: Required[str]


@wire_dict
class ChatCompletionNamedToolChoiceParam(TypedDict, total=False):
    """Force one function tool: ``{"type": "function", "function": {"name": ...}}``."""

    type: Required[Literal["function"]]
    function: Required[NamedToolChoiceFunctionParam]


@wire_dict
class NamedToolChoiceCustomParam(TypedDict, total=False):
    """``custom`` of a named custom tool choice (SDK: ``Custom``)."""

    name: Required[str]


@wire_dict
class ChatCompletionNamedToolChoiceCustomParam(TypedDict, total=False):
    """Force one custom tool: ``{"type": "custom", "custom": {"name": ...}}``."""

    type: Required[Literal["custom"]]
    custom: Required[NamedToolChoiceCustomParam]


@wire_dict
class ChatCompletionAllowedToolsParam(TypedDict, total=False):
    """A subset of ``tools`` the model may use, and whether it must use one of them."""

    mode: Required[Union[Literal["auto", "required"], str]]
    # Tool references such as {"type": "function", "function": {"name": ...}}; the SDK types them as
    # free-form objects.
    tools: Required[list[dict[str, Any]]]


@wire_dict
class ChatCompletionAllowedToolChoiceParam(TypedDict, total=False):
    """Restrict the model to some tools: ``{"type": "allowed_tools", "allowed_tools": {...}}``."""

    type: Required[Literal["allowed_tools"]]
    allowed_tools: Required[ChatCompletionAllowedToolsParam]


_KnownToolChoiceParam = Union[
    ChatCompletionNamedToolChoiceParam,
    ChatCompletionNamedToolChoiceCustomParam,
    ChatCompletionAllowedToolChoiceParam,
]


@wire_dict
class UnknownToolChoiceParam(TypedDict):
    """A ``tool_choice`` object of a type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolChoiceParam)]


#: ``tool_choice``: a mode string ("none", "auto", "required") or a tool-choice object.
ChatCompletionToolChoiceOptionParam: TypeAlias = Annotated[
    Union[
        Union[Literal["none", "auto", "required"], str],
        Annotated[_KnownToolChoiceParam, Field(discriminator="type")],
        UnknownToolChoiceParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class DeprecatedFunctionParam(TypedDict, total=False):
    """One entry of the deprecated ``functions`` list (SDK: ``completion_create_params.Function``)."""

    name: Required[str]
    description: Optional[str]
    parameters: Optional[dict[str, Any]]


@wire_dict
class ChatCompletionFunctionCallOptionParam(TypedDict, total=False):
    """Deprecated ``function_call: {"name": ...}``: force one of ``functions``."""

    name: Required[str]
