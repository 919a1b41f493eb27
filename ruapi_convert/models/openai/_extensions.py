"""
ruapi_convert.models.openai._extensions
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Fields that OpenAI's own schema does not have but OpenAI-compatible gateways put on messages and
deltas to carry reasoning, and that this library reads and writes (see docs/mapping.md).

They are not declared on the message TypedDicts (which mirror the official schema exactly); they
ride there as extra keys and are validated against these types when a converter reads them.

* ``reasoning_details`` (OpenRouter's convention, https://openrouter.ai/docs/use-cases/reasoning-tokens):
  a list of reasoning items, ``reasoning.text`` (with Anthropic's ``signature``),
  ``reasoning.encrypted`` (Anthropic's ``redacted_thinking`` data) and ``reasoning.summary``.
* ``thinking_blocks`` (LiteLLM's convention): Anthropic thinking blocks as they are.
* ``reasoning_content`` (DeepSeek, LiteLLM) and ``reasoning`` (vLLM, OpenRouter): plain text, no
  signature.
"""

from typing import Annotated, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "REASONING_FORMAT",
    "LiteLLMRedactedThinkingBlock",
    "LiteLLMThinkingBlock",
    "LiteLLMThinkingBlockUnion",
    "ReasoningDetail",
    "ReasoningDetailEncrypted",
    "ReasoningDetailSummary",
    "ReasoningDetailText",
    "UnknownLiteLLMThinkingBlock",
    "UnknownReasoningDetail",
]

#: ``format`` of reasoning items that came from Claude (OpenRouter's name for Anthropic's format).
REASONING_FORMAT = "anthropic-claude-v1"


@wire_dict
class ReasoningDetailText(TypedDict, total=False):
    """Reasoning text; ``signature`` is Anthropic's thinking signature when the text came from Claude."""

    type: Required[Literal["reasoning.text"]]
    text: Optional[str]
    signature: Optional[str]
    id: Optional[str]
    format: Optional[str]
    index: Optional[int]


@wire_dict
class ReasoningDetailEncrypted(TypedDict, total=False):
    """Opaque reasoning (Anthropic ``redacted_thinking``); must be sent back unchanged."""

    type: Required[Literal["reasoning.encrypted"]]
    data: Required[str]
    id: Optional[str]
    format: Optional[str]
    index: Optional[int]


@wire_dict
class ReasoningDetailSummary(TypedDict, total=False):
    """A summary of reasoning (OpenAI Responses models behind OpenRouter); no Anthropic form."""

    type: Required[Literal["reasoning.summary"]]
    summary: Required[str]
    id: Optional[str]
    format: Optional[str]
    index: Optional[int]


_KnownReasoningDetail = Union[ReasoningDetailText, ReasoningDetailEncrypted, ReasoningDetailSummary]


@wire_dict
class UnknownReasoningDetail(TypedDict):
    """A reasoning item type newer than this library."""

    type: Annotated[str, not_one_of(_KnownReasoningDetail)]


#: One entry of ``reasoning_details``.
ReasoningDetail = Annotated[
    Union[Annotated[_KnownReasoningDetail, Field(discriminator="type")], UnknownReasoningDetail],
    Field(union_mode="left_to_right"),
]


@wire_dict
class LiteLLMThinkingBlock(TypedDict, total=False):
    """LiteLLM ``thinking_blocks`` entry: an Anthropic thinking block (signature may be missing)."""

    type: Required[Literal["thinking"]]
    thinking: Required[str]
    signature: Optional[str]


@wire_dict
class LiteLLMRedactedThinkingBlock(TypedDict, total=False):
    """LiteLLM ``thinking_blocks`` entry: an Anthropic redacted thinking block."""

    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


_KnownLiteLLMThinkingBlock = Union[LiteLLMThinkingBlock, LiteLLMRedactedThinkingBlock]


@wire_dict
class UnknownLiteLLMThinkingBlock(TypedDict):
    """A ``thinking_blocks`` entry of an unknown type."""

    type: Annotated[str, not_one_of(_KnownLiteLLMThinkingBlock)]


#: One entry of LiteLLM's ``thinking_blocks``.
LiteLLMThinkingBlockUnion = Annotated[
    Union[
        Annotated[_KnownLiteLLMThinkingBlock, Field(discriminator="type")],
        UnknownLiteLLMThinkingBlock,
    ],
    Field(union_mode="left_to_right"),
]
