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
    "EFFORT_BUDGETS",
    "EFFORT_TO_ANTHROPIC",
    "IMAGE_MEDIA_TYPES",
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


# -- reasoning effort ----------------------------------------------------------------------------------
#
# OpenAI reasoning_effort: none | minimal | low | medium | high | xhigh | max.
# Anthropic output_config.effort: low | medium | high | xhigh | max (used with adaptive thinking).

EFFORT_TO_ANTHROPIC: Final[dict[str, Mapping]] = {
    "minimal": Mapping("low", exact=False, note="Anthropic has no level below low"),
    "low": Mapping("low"),
    "medium": Mapping("medium"),
    "high": Mapping("high"),
    "xhigh": Mapping("xhigh"),
    "max": Mapping("max"),
}

#: Default reasoning_effort -> thinking.budget_tokens for ``thinking_mode="enabled"`` (an option).
#: Anthropic: "budget_tokens must be >= 1024 and less than max_tokens". The figures follow the
#: middle of what gateways use (claudine: low 1024 / medium 8192 / high 24576; OpenRouter: 20/50/80 %
#: of max_tokens); the reverse direction picks the largest effort whose budget fits.
EFFORT_BUDGETS: Final[dict[str, int]] = {
    "minimal": 1024,
    "low": 2048,
    "medium": 8192,
    "high": 16384,
    "xhigh": 32768,
    "max": 65536,
}

#: Anthropic's documented minimum thinking budget.
MIN_THINKING_BUDGET: Final = 1024


# -- media -----------------------------------------------------------------------------------------------

#: Anthropic image sources accept exactly these media types ("image/jpeg, image/png, image/gif, or
#: image/webp"); anything else is refused with a clear error rather than sent upstream to fail.
IMAGE_MEDIA_TYPES: Final = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})

#: Document sources that carry base64 data: PDF as ``base64``, plain text as ``text``.
PDF_MEDIA_TYPE: Final = "application/pdf"
TEXT_MEDIA_TYPE: Final = "text/plain"


# -- cache ------------------------------------------------------------------------------------------------

#: OpenAI prompt_cache_breakpoint.ttl -> Anthropic cache_control.ttl (the next TTL that is not shorter,
#: capped at Anthropic's longest). Anthropic: ttl "5m" (default) or "1h".
CACHE_TTL_TO_ANTHROPIC: Final[dict[str, Mapping]] = {
    "30m": Mapping(
        "1h", exact=False, note="Anthropic has 5m and 1h; 1h is the shortest that lasts 30m"
    ),
    "12h": Mapping("1h", exact=False, note="Anthropic's longest TTL is 1h"),
}
