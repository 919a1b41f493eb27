"""
ruapi_convert.convert._tables
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Every vocabulary mapping between the two protocols, both directions side by side.

Rule 1 (after h11's ``_state.py``): this is the only module where an OpenAI word meets an Anthropic
word. Converters look values up here; ``docs/mapping.md`` is generated from here; tests check which
entries invert. Tables are plain dicts so that a test can walk them. Errors, HTTP headers and
model lists have an annex under the same rule, ``_error_tables.py``.

Where a value has no exact counterpart the entry says so (``exact=False``) and the converter
reports the result as ``approximated``.
"""

from __future__ import annotations

from typing import Final

from ..mapping._ledger import Counterpart

__all__ = [
    "TOOL_CHOICE_TO_ANTHROPIC",
    "TOOL_CHOICE_TO_OPENAI",
    "Mapping",
]


#: Transitional name of :class:`~ruapi_convert.mapping._ledger.Counterpart`.
Mapping = Counterpart


# -- tool_choice -------------------------------------------------------------------------------------
#
# OpenAI strings <-> Anthropic {type} objects. The named forms ({type:function,function:{name}} <->
# {type:tool,name}) and parallel_tool_calls <-> disable_parallel_tool_use are handled in code.

TOOL_CHOICE_TO_ANTHROPIC: Final[dict[str, Mapping]] = {
    "none": Mapping("none"),
    "auto": Mapping("auto"),
    "required": Mapping("any"),
}

TOOL_CHOICE_TO_OPENAI: Final[dict[str, Mapping]] = {
    "none": Mapping("none"),
    "auto": Mapping("auto"),
    "any": Mapping("required"),
}
