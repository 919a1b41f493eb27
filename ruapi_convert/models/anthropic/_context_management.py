"""Context management (beta): the edits that clear old tool uses and thinking, and compaction."""

from typing import Annotated, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "AllThinkingTurnsParam",
    "ClearThinking20251015EditParam",
    "ClearToolUses20250919EditParam",
    "Compact20260112EditParam",
    "CompactionConfigParam",
    "ContextManagementConfigParam",
    "ContextManagementEditParam",
    "InputTokensClearAtLeastParam",
    "InputTokensTriggerParam",
    "ThinkingTurnsParam",
    "ToolUsesKeepParam",
    "ToolUsesTriggerParam",
    "UnknownContextManagementEditParam",
    "UnknownThinkingTurnsParam",
    "UnknownTriggerParam",
]

# -- context management (beta) -------------------------------------------------------------------


@wire_dict
class InputTokensTriggerParam(TypedDict, total=False):
    """Trigger once the prompt exceeds this many input tokens."""

    type: Required[Literal["input_tokens"]]
    value: Required[int]


@wire_dict
class ToolUsesTriggerParam(TypedDict, total=False):
    """Trigger once the conversation has this many tool uses."""

    type: Required[Literal["tool_uses"]]
    value: Required[int]


_KnownTriggerParam = Union[InputTokensTriggerParam, ToolUsesTriggerParam]


@wire_dict
class UnknownTriggerParam(TypedDict):
    """A trigger kind newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownTriggerParam)]


_TriggerParam = Annotated[
    Union[Annotated[_KnownTriggerParam, Field(discriminator="type")], UnknownTriggerParam],
    Field(union_mode="left_to_right"),
]


@wire_dict
class InputTokensClearAtLeastParam(TypedDict, total=False):
    """Clear at least this many input tokens when the edit runs."""

    type: Required[Literal["input_tokens"]]
    value: Required[int]


@wire_dict
class ToolUsesKeepParam(TypedDict, total=False):
    """Keep the most recent this-many tool uses."""

    type: Required[Literal["tool_uses"]]
    value: Required[int]


@wire_dict
class ClearToolUses20250919EditParam(TypedDict, total=False):
    """Context edit: clear old tool uses and results."""

    type: Required[Literal["clear_tool_uses_20250919"]]
    clear_at_least: Optional[InputTokensClearAtLeastParam]
    clear_tool_inputs: Optional[Union[bool, list[str]]]
    exclude_tools: Optional[list[str]]
    keep: Optional[ToolUsesKeepParam]
    trigger: Optional[_TriggerParam]


@wire_dict
class ThinkingTurnsParam(TypedDict, total=False):
    """Keep thinking of the most recent this-many assistant turns."""

    type: Required[Literal["thinking_turns"]]
    value: Required[int]


@wire_dict
class AllThinkingTurnsParam(TypedDict, total=False):
    """Keep thinking of all assistant turns."""

    type: Required[Literal["all"]]


_KnownThinkingTurnsParam = Union[ThinkingTurnsParam, AllThinkingTurnsParam]


@wire_dict
class UnknownThinkingTurnsParam(TypedDict):
    """A thinking-keep rule newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownThinkingTurnsParam)]


@wire_dict
class ClearThinking20251015EditParam(TypedDict, total=False):
    """Context edit: clear thinking blocks of older turns."""

    type: Required[Literal["clear_thinking_20251015"]]
    keep: Optional[
        Union[
            Literal["all"],
            Annotated[
                Union[
                    Annotated[_KnownThinkingTurnsParam, Field(discriminator="type")],
                    UnknownThinkingTurnsParam,
                ],
                Field(union_mode="left_to_right"),
            ],
        ]
    ]


@wire_dict
class Compact20260112EditParam(TypedDict, total=False):
    """Context edit: summarise (compact) older turns into a compaction block."""

    type: Required[Literal["compact_20260112"]]
    instructions: Optional[str]
    pause_after_compaction: Optional[bool]
    trigger: Optional[InputTokensTriggerParam]


_KnownContextManagementEditParam = Union[
    ClearToolUses20250919EditParam, ClearThinking20251015EditParam, Compact20260112EditParam
]


@wire_dict
class UnknownContextManagementEditParam(TypedDict):
    """A context edit newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownContextManagementEditParam)]


#: One entry of ``context_management.edits``.
ContextManagementEditParam = Annotated[
    Union[
        Annotated[_KnownContextManagementEditParam, Field(discriminator="type")],
        UnknownContextManagementEditParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ContextManagementConfigParam(TypedDict, total=False):
    """Server-side context editing (beta)."""

    edits: Optional[list[ContextManagementEditParam]]


@wire_dict
class CompactionConfigParam(TypedDict, total=False):
    """Ask for a compaction of the conversation instead of a reply (beta)."""

    type: Required[Union[Literal["summarize"], str]]
    instructions: Optional[str]
