"""
ruapi_convert.mapping.usage_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The usage concept between Anthropic Messages and the Responses API: token counts, web search
counts and the service tier of a reply.

The arithmetic: Anthropic's ``input_tokens`` *excludes* the cache ("input_tokens ... does not
include cache_creation_input_tokens or cache_read_input_tokens"), a Response's ``input_tokens``
*includes* it (``cached_tokens`` is "the number of tokens that were retrieved from the cache"
out of it), so::

    input_tokens (Responses)        = input_tokens + cache_read_input_tokens
                                      + cache_creation_input_tokens (Anthropic)
    input_tokens_details.cached_tokens      <-> cache_read_input_tokens
    input_tokens_details.cache_write_tokens <-> cache_creation_input_tokens
    output_tokens                           <-> output_tokens (both include thinking)
    output_tokens_details.reasoning_tokens  <-> output_tokens_details.thinking_tokens
    total_tokens = input_tokens + output_tokens (Responses)

and the reverse subtracts (never below 0). Web search requests are counted in
``tool_usage.web_search.num_requests`` <-> ``usage.server_tool_use.web_search_requests``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Final

from ._ledger import A2R_RESPONSE, R2A_RESPONSE, Json
from .usage import RESPONSE_TIER_ANTHROPIC_TO_OPENAI, RESPONSE_TIER_OPENAI_TO_ANTHROPIC

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["anthropic_usage", "responses_usage", "web_search_count"]

# -- Anthropic -> Responses ----------------------------------------------------------------------------

A2R_RESPONSE.mapped("usage", "usage", "both detail objects are always written (0 where absent)")
A2R_RESPONSE.mapped(
    "usage.input_tokens",
    "usage.input_tokens",
    "Responses input_tokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens (Anthropic's excludes the cache, a Response's includes it); total_tokens = input + output",
)
A2R_RESPONSE.mapped("usage.output_tokens", "usage.output_tokens", "both include thinking")
A2R_RESPONSE.mapped("usage.cache_read_input_tokens", "usage.input_tokens_details.cached_tokens")
A2R_RESPONSE.mapped(
    "usage.cache_creation_input_tokens", "usage.input_tokens_details.cache_write_tokens"
)
A2R_RESPONSE.mapped("usage.output_tokens_details", "usage.output_tokens_details")
A2R_RESPONSE.mapped(
    "usage.output_tokens_details.thinking_tokens",
    "usage.output_tokens_details.reasoning_tokens",
)
_CACHE_SPLIT = A2R_RESPONSE.dropped(
    "usage.cache_creation",
    "the 5-minute / 1-hour split of cache writes: a Response splits them into 30-minute and 12-hour buckets, which are not the same (reported when a 1-hour write is counted)",
)
A2R_RESPONSE.mapped(
    "usage.server_tool_use",
    "tool_usage",
    "web_search_requests -> tool_usage.web_search.num_requests; web_fetch_requests has no Responses counter (reported when not 0)",
)
_WEB_FETCH = A2R_RESPONSE.row("usage.server_tool_use")
A2R_RESPONSE.mapped(
    "usage.server_tool_use.web_search_requests", "tool_usage.web_search.num_requests"
)
A2R_RESPONSE.dropped(
    "usage.server_tool_use.web_fetch_requests", "no Responses counter (reported when not 0)"
)
_TIER = A2R_RESPONSE.mapped(
    "usage.service_tier",
    "service_tier",
    "standard -> default, priority -> priority; batch has no Responses tier (dropped)",
)
_USAGE_DROPPED: Final = {
    key: A2R_RESPONSE.dropped(f"usage.{key}", note)
    for key, note in (
        ("speed", "no Responses counterpart"),
        ("inference_geo", "no Responses counterpart"),
        ("iterations", "per-iteration usage of a compaction turn (beta): no Responses counterpart"),
        ("fallback_credit", "beta: no Responses counterpart"),
    )
}
_A2R_KNOWN: Final = frozenset(
    {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
     "output_tokens_details", "service_tier", "cache_creation", "server_tool_use", *_USAGE_DROPPED}
)  # fmt: skip


#: ``tool_usage.image_gen`` of a response that generated no image.
NO_IMAGE_GEN: Final = {
    "input_tokens": 0,
    "input_tokens_details": {"image_tokens": 0, "text_tokens": 0},
    "output_tokens": 0,
    "total_tokens": 0,
}


def responses_usage(usage: Json, ctx: Context, path: str) -> tuple[Json, Json | None, Any]:
    """Responses ``usage`` for Anthropic ``usage`` (or a stream's cumulative usage), the
    ``tool_usage`` it implies (None: no web search) and the ``service_tier`` (None: none)."""
    ctx.unknown(usage, _A2R_KNOWN, path)
    read = usage.get("cache_read_input_tokens") or 0
    write = usage.get("cache_creation_input_tokens") or 0
    total_in = (usage.get("input_tokens") or 0) + read + write
    output = usage.get("output_tokens") or 0
    details = usage.get("output_tokens_details") or {}
    ctx.unknown(details, frozenset({"thinking_tokens"}), f"{path}.output_tokens_details")
    out: Json = {
        "input_tokens": total_in,
        "input_tokens_details": {"cached_tokens": read, "cache_write_tokens": write},
        "output_tokens": output,
        "output_tokens_details": {"reasoning_tokens": details.get("thinking_tokens") or 0},
        "total_tokens": total_in + output,
    }
    split = usage.get("cache_creation") or {}
    if split.get("ephemeral_1h_input_tokens"):
        ctx.lose(_CACHE_SPLIT, f"{path}.cache_creation")
    tool_usage = None
    servers = usage.get("server_tool_use")
    if servers is not None:
        ctx.unknown(
            servers,
            frozenset({"web_search_requests", "web_fetch_requests"}),
            f"{path}.server_tool_use",
        )
        if servers.get("web_fetch_requests"):
            ctx.lose(
                _WEB_FETCH,
                f"{path}.server_tool_use.web_fetch_requests",
                kind="dropped",
                detail="web fetch requests have no Responses counter",
            )
        # (image_gen is required by the schema: zeros, which the reverse does not report)
        tool_usage = {
            "image_gen": copy.deepcopy(NO_IMAGE_GEN),
            "web_search": {"num_requests": servers.get("web_search_requests") or 0},
        }
    for key, row in _USAGE_DROPPED.items():
        if usage.get(key) is not None:
            ctx.lose(row, f"{path}.{key}")
    tier = usage.get("service_tier")
    mapped = RESPONSE_TIER_ANTHROPIC_TO_OPENAI.get(tier) if isinstance(tier, str) else None
    if tier is not None and mapped is None:
        ctx.lose(
            _TIER,
            f"{path}.service_tier",
            kind="dropped",
            detail=f"service tier {ctx.quote(tier)} has no Responses counterpart",
        )
    return out, tool_usage, mapped.value if mapped is not None else None


def web_search_count(tool_usage: Any) -> int | None:
    """The web search count of a Response's ``tool_usage`` (None: not given)."""
    if not isinstance(tool_usage, dict) or not isinstance(tool_usage.get("web_search"), dict):
        return None
    count = tool_usage["web_search"].get("num_requests")
    return count if isinstance(count, int) else None


# -- Responses -> Anthropic ----------------------------------------------------------------------------

R2A_RESPONSE.mapped("usage", "usage")
R2A_RESPONSE.mapped(
    "usage.input_tokens",
    "usage.input_tokens",
    "input_tokens = Responses input_tokens - cached_tokens - cache_write_tokens (never below 0)",
)
R2A_RESPONSE.mapped("usage.output_tokens", "usage.output_tokens")
R2A_RESPONSE.mapped("usage.total_tokens", "", "input + output again on the Anthropic side")
R2A_RESPONSE.mapped("usage.input_tokens_details", "usage")
R2A_RESPONSE.mapped("usage.input_tokens_details.cached_tokens", "usage.cache_read_input_tokens")
R2A_RESPONSE.mapped(
    "usage.input_tokens_details.cache_write_tokens", "usage.cache_creation_input_tokens"
)
_TTL_SPLIT = R2A_RESPONSE.dropped(
    "usage.input_tokens_details.cache_write_tokens_details",
    "the 30-minute / 12-hour split of cache writes: Anthropic splits them into 5-minute and 1-hour buckets",
)
R2A_RESPONSE.mapped("usage.output_tokens_details", "usage.output_tokens_details")
R2A_RESPONSE.mapped(
    "usage.output_tokens_details.reasoning_tokens",
    "usage.output_tokens_details.thinking_tokens",
    "written when not 0",
)
R2A_RESPONSE.mapped(
    "tool_usage",
    "usage.server_tool_use",
    "web_search.num_requests -> web_search_requests; image generation metering has no Anthropic counterpart (reported)",
)
R2A_RESPONSE.mapped("tool_usage.web_search", "usage.server_tool_use.web_search_requests")
R2A_RESPONSE.mapped(
    "tool_usage.web_search.num_requests", "usage.server_tool_use.web_search_requests"
)
_IMAGE_GEN = R2A_RESPONSE.dropped("tool_usage.image_gen", "no Anthropic counterpart")
_R2A_TIER = R2A_RESPONSE.mapped(
    "service_tier",
    "usage.service_tier",
    "default -> standard, priority -> priority; auto, flex, scale and others have no Anthropic counterpart (dropped)",
)


def anthropic_usage(
    usage: Json | None, tool_usage: Any, tier: Any, ctx: Context, path: str = "usage"
) -> Json:
    """Anthropic ``usage`` for a Response's ``usage``, ``tool_usage`` and ``service_tier``."""
    out: Json = {"input_tokens": 0, "output_tokens": 0}
    if usage is not None:
        ctx.unknown(
            usage,
            frozenset({"input_tokens", "input_tokens_details", "output_tokens",
                       "output_tokens_details", "total_tokens"}),
            path,
        )  # fmt: skip
        inputs = usage.get("input_tokens_details") or {}
        ctx.unknown(
            inputs,
            frozenset({"cached_tokens", "cache_write_tokens", "cache_write_tokens_details"}),
            f"{path}.input_tokens_details",
        )
        read = inputs.get("cached_tokens") or 0
        write = inputs.get("cache_write_tokens") or 0
        out["input_tokens"] = max(0, usage["input_tokens"] - read - write)
        out["output_tokens"] = usage["output_tokens"]
        out["cache_creation_input_tokens"] = write
        out["cache_read_input_tokens"] = read
        if inputs.get("cache_write_tokens_details") is not None:
            ctx.lose(_TTL_SPLIT, f"{path}.input_tokens_details.cache_write_tokens_details")
        outputs = usage.get("output_tokens_details") or {}
        ctx.unknown(outputs, frozenset({"reasoning_tokens"}), f"{path}.output_tokens_details")
        if outputs.get("reasoning_tokens"):
            out["output_tokens_details"] = {"thinking_tokens": outputs["reasoning_tokens"]}
    count = web_search_count(tool_usage)
    if count is not None:
        out["server_tool_use"] = {"web_search_requests": count}
    if isinstance(tool_usage, dict):
        ctx.unknown(tool_usage, frozenset({"web_search", "image_gen"}), "tool_usage")
        if tool_usage.get("image_gen") not in (None, NO_IMAGE_GEN):
            ctx.lose(_IMAGE_GEN, "tool_usage.image_gen")
    if tier is not None:
        mapped = RESPONSE_TIER_OPENAI_TO_ANTHROPIC.get(tier) if isinstance(tier, str) else None
        if mapped is None:
            ctx.lose(
                _R2A_TIER,
                "service_tier",
                kind="dropped",
                detail=f"service tier {ctx.quote(tier)} has no Anthropic counterpart",
            )
        else:
            out["service_tier"] = mapped.value
    return out
