"""The ``tool_choice`` request field: auto, any, a named tool, none (and newer forms, kept as given)."""

from typing import Annotated, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "ToolChoiceAnyParam",
    "ToolChoiceAutoParam",
    "ToolChoiceNoneParam",
    "ToolChoiceParam",
    "ToolChoiceToolParam",
    "UnknownToolChoiceParam",
]

# -- tool_choice ---------------------------------------------------------------------------------


@wire_dict
class ToolChoiceAutoParam(TypedDict, total=False):
    """The model decides whether and which tools to call."""

    type: Required[Literal["auto"]]
    disable_parallel_tool_use: Optional[bool]


@wire_dict
class ToolChoiceAnyParam(TypedDict, total=False):
    """The model must call some tool."""

    type: Required[Literal["any"]]
    disable_parallel_tool_use: Optional[bool]


@wire_dict
class ToolChoiceToolParam(TypedDict, total=False):
    """The model must call the named tool."""

    type: Required[Literal["tool"]]
    name: Required[str]
    disable_parallel_tool_use: Optional[bool]


@wire_dict
class ToolChoiceNoneParam(TypedDict, total=False):
    """The model may not call tools."""

    type: Required[Literal["none"]]


_KnownToolChoiceParam = Union[
    ToolChoiceAutoParam, ToolChoiceAnyParam, ToolChoiceToolParam, ToolChoiceNoneParam
]


@wire_dict
class UnknownToolChoiceParam(TypedDict):
    """A tool_choice type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolChoiceParam)]


#: The ``tool_choice`` request field.
ToolChoiceParam = Annotated[
    Union[Annotated[_KnownToolChoiceParam, Field(discriminator="type")], UnknownToolChoiceParam],
    Field(union_mode="left_to_right"),
]
