"""
ruapi_convert.mapping.cache
~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: prompt-cache breakpoints are placed here. Anthropic marks a block with ``cache_control``
(``{type: ephemeral, ttl?: 5m | 1h}``); OpenAI marks a content part with
``prompt_cache_breakpoint`` (``{ttl?: 30m | 12h}``), and OpenRouter and LiteLLM put Anthropic's own
``cache_control`` on OpenAI parts, which our reverse direction writes and reads too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..models import anthropic as ant
from ..models._base import validate
from ._ledger import A2O_REQUEST, O2A_REQUEST, O2R_REQUEST, R2O_REQUEST, Counterpart, Json

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["CACHE_CONTROL", "CACHE_TTL_TO_ANTHROPIC", "PART_CACHE_CONTROL", "cache_control"]

#: OpenAI prompt_cache_breakpoint.ttl -> Anthropic cache_control.ttl (the next TTL that is not shorter,
#: capped at Anthropic's longest). Anthropic: ttl "5m" (default) or "1h".
CACHE_TTL_TO_ANTHROPIC: Final[dict[str, Counterpart]] = {
    "30m": Counterpart(
        "1h", exact=False, note="Anthropic has 5m and 1h; 1h is the shortest that lasts 30m"
    ),
    "12h": Counterpart("1h", exact=False, note="Anthropic's longest TTL is 1h"),
}

# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

CACHE_CONTROL = O2A_REQUEST.carried(
    "messages[].content[].cache_control",
    "messages[].content[].cache_control",
    "OpenRouter/LiteLLM convention",
)
_BREAKPOINT = O2A_REQUEST.approximated(
    "messages[].content[].prompt_cache_breakpoint",
    "messages[].content[].cache_control",
    "{type: ephemeral}; ttl 30m and 12h -> 1h (Anthropic has 5m and 1h)",
)


def cache_control(part: Json, block: Json, path: str, ctx: Context) -> None:
    """``cache_control`` on ``block`` for a part's ``cache_control`` (our extension / OpenRouter's)
    or ``prompt_cache_breakpoint``; when both are there, ``cache_control`` wins."""
    cc = part.get("cache_control")
    bp = part.get("prompt_cache_breakpoint")
    if cc is not None:
        block["cache_control"] = validate(
            ant.CacheControlEphemeralParam, cc, path=f"{path}.cache_control"
        )
        if bp is not None:  # one of the two is lost
            ctx.lose(
                _BREAKPOINT,
                f"{path}.prompt_cache_breakpoint",
                kind="dropped",
                detail="cache_control on the same part was sent instead",
            )
        return
    if bp is not None:
        control: Json = {"type": "ephemeral"}
        ttl = bp.get("ttl")
        if ttl is not None:
            mapped = CACHE_TTL_TO_ANTHROPIC.get(ttl)
            if mapped is not None:
                control["ttl"] = mapped.value
        block["cache_control"] = control
        ctx.lose(_BREAKPOINT, f"{path}.prompt_cache_breakpoint")


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

#: ``cache_control`` (and the other Anthropic keys that ride with it on parts, tool calls, tool
#: messages and tools) carried under its own name.
PART_CACHE_CONTROL = A2O_REQUEST.carried(
    "messages[].content[].cache_control",
    "cache_control on the part / tool call / tool message / tool",
    "OpenRouter/LiteLLM convention for parts; the same key wherever Anthropic has one",
)
A2O_REQUEST.carried(
    "system[].cache_control",
    "messages[0].content[].cache_control",
    "OpenRouter/LiteLLM convention",
)


# -- Responses <-> Chat ---
#
# Both APIs mark an input part with the same ``prompt_cache_breakpoint`` object ({mode, ttl}), so
# it is copied as it is, both ways. (The request-level cache keys are the params mapping's.)


R2O_REQUEST.mapped(
    "input[].content[].prompt_cache_breakpoint",
    "messages[].content[].prompt_cache_breakpoint",
    "the same object in both APIs",
)
R2O_REQUEST.mapped(
    "input[].content[].prompt_cache_breakpoint.mode",
    "messages[].content[].prompt_cache_breakpoint.mode",
)
R2O_REQUEST.mapped(
    "input[].content[].prompt_cache_breakpoint.ttl",
    "messages[].content[].prompt_cache_breakpoint.ttl",
)
O2R_REQUEST.mapped(
    "messages[].content[].prompt_cache_breakpoint",
    "input[].content[].prompt_cache_breakpoint",
    "the same object in both APIs",
)


def copy_breakpoint(part: Json, out: Json) -> None:
    """Copy a part's ``prompt_cache_breakpoint`` (Responses and Chat use the same object)."""
    if part.get("prompt_cache_breakpoint") is not None:
        out["prompt_cache_breakpoint"] = part["prompt_cache_breakpoint"]
