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
