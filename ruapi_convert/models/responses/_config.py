"""
ruapi_convert.models.responses._config
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The two pieces of model configuration that a request sets, a response echoes and a
``configuration_update`` item changes mid-conversation: ``text`` (output format and verbosity)
and ``reasoning`` (effort and summaries).

Structured output is ``text.format = {"type": "json_schema", "name", "schema", "strict"}``: flat,
where Chat Completions nests the same keys under ``response_format.json_schema``.
"""

from typing import Annotated, Any, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ._vocab import ReasoningEffort, ReasoningSummary, Verbosity

__all__ = [
    "ResponseFormatText",
    "ResponseFormatJSONObject",
    "ResponseFormatTextJSONSchemaConfig",
    "UnknownResponseFormat",
    "ResponseFormatTextConfig",
    "ResponseTextConfig",
    "Reasoning",
]


@wire_dict
class ResponseFormatText(TypedDict, total=False):
    """``{"type": "text"}``: plain text (the default)."""

    type: Required[Literal["text"]]


@wire_dict
class ResponseFormatJSONObject(TypedDict, total=False):
    """``{"type": "json_object"}``: any valid JSON object (JSON mode)."""

    type: Required[Literal["json_object"]]


@wire_dict
class ResponseFormatTextJSONSchemaConfig(TypedDict, total=False):
    """JSON that follows ``schema`` (Structured Outputs); ``name`` labels it."""

    type: Required[Literal["json_schema"]]
    name: Required[str]
    schema: Required[dict[str, Any]]
    description: Optional[str]
    strict: Optional[bool]


_KnownResponseFormat = Union[
    ResponseFormatText, ResponseFormatTextJSONSchemaConfig, ResponseFormatJSONObject
]


@wire_dict
class UnknownResponseFormat(TypedDict):
    """A text format type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownResponseFormat)]


#: ``text.format``.
ResponseFormatTextConfig: TypeAlias = Annotated[
    Union[Annotated[_KnownResponseFormat, Field(discriminator="type")], UnknownResponseFormat],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ResponseTextConfig(TypedDict, total=False):
    """``text``: the output format and how verbose the model should be.

    (SDK also: ``ResponseTextConfigParam``, and ``input_token_count_params.Text``.)
    """

    format: Optional[ResponseFormatTextConfig]
    verbosity: Optional[Verbosity]


@wire_dict
class Reasoning(TypedDict, total=False):
    """``reasoning`` for reasoning models: effort, summaries, and which turns' reasoning to use."""

    effort: Optional[ReasoningEffort]
    summary: Optional[ReasoningSummary]
    # Deprecated spelling of ``summary``.
    generate_summary: Optional[ReasoningSummary]
    context: Optional[Union[Literal["auto", "current_turn", "all_turns"], str]]
    mode: Optional[Union[Literal["standard", "pro"], str]]
