"""
ruapi_convert.convert._response_fates
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The fate of every response field, both directions (rendered into docs/mapping.md). Stream events
use the same rows: a chunk or event carries the same fields, a piece at a time.
"""

from __future__ import annotations

from typing import Final

from ..mapping._ledger import A2O_RESPONSE, O2A_RESPONSE, Fate
from ..models import anthropic as ant
from ..models._base import tags_of

__all__ = ["A2O_RESPONSE", "O2A_RESPONSE"]

#: Reply blocks with no OpenAI field: carried whole in message.anthropic.content.
_CARRIED_BLOCKS = tuple(
    sorted(tags_of(ant.ContentBlock) - {"text", "tool_use", "thinking", "redacted_thinking"})
)

M: Final = "mapped"
C: Final = "carried"
A: Final = "approximated"
D: Final = "dropped"
F: Final = "defaulted"
R: Final = "refused"

for _row in [
    Fate("content[].id", M, "choices[0].message.tool_calls[].id"),
    Fate("content[].name", M, "choices[0].message.tool_calls[].function.name"),
    Fate(
        "content[].input",
        M,
        "choices[0].message.tool_calls[].function.arguments",
        "compact JSON",
    ),
]:
    A2O_RESPONSE.add(_row)

for _row in [
    Fate("choices[].message.tool_calls", M, "content[]: tool_use"),
    Fate(
        "choices[].message.tool_calls[].id",
        M,
        "content[].id",
        "kept as is (Anthropic clients do not check its form)",
    ),
    Fate("choices[].message.tool_calls[].function.name", M, "content[].name"),
    Fate(
        "choices[].message.tool_calls[].function.arguments",
        M,
        "content[].input",
        "parsed; not a JSON object (a model stopped by max tokens mid-call) -> {'_raw_arguments': <string>} with invalid_tool_arguments='wrap' (approximated)",
    ),
    Fate(
        "choices[].message.tool_calls[] (custom)",
        A,
        "content[]: tool_use",
        "input {'input': <string>}",
    ),
    Fate(
        "choices[].message.function_call",
        A,
        "content[]: tool_use",
        "deprecated; synthesised id",
    ),
]:
    O2A_RESPONSE.add(_row)
