"""
ruapi_convert.mapping.usage
~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: token arithmetic and service tiers are decided here, once for replies and streams.

Anthropic's ``input_tokens`` *excludes* cache reads and writes ("Total input tokens in a request is
the summation of input_tokens, cache_creation_input_tokens, and cache_read_input_tokens"), while
OpenAI's ``prompt_tokens`` *includes* cached tokens. So:

    prompt_tokens                          = input + cache_read + cache_creation
    prompt_tokens_details.cached_tokens    = cache_read
    prompt_tokens_details.cache_write_tokens = cache_creation
    completion_tokens                      = output_tokens (which includes thinking)
    completion_tokens_details.reasoning_tokens = output_tokens_details.thinking_tokens

and back, ``input = prompt - cached - cache_write``. Detail fields are written only when the source
had them, so that absent stays absent through a round trip. Service tiers live here too: the tier a
request asks for, and the tier a reply says served it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .._quote import quote
from ._ledger import A2O_REQUEST, A2O_RESPONSE, O2A_REQUEST, O2A_RESPONSE, Counterpart, Json
from .dialects import dialect_of

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "ANTHROPIC_SERVICE_TIER_TO_OPENAI",
    "OPENAI_SERVICE_TIER_TO_ANTHROPIC",
    "RESPONSE_TIER_ANTHROPIC_TO_OPENAI",
    "RESPONSE_TIER_OPENAI_TO_ANTHROPIC",
    "anthropic_to_openai_usage",
    "exact_tier",
    "late_tier",
    "no_usage",
    "openai_start_usage",
    "openai_to_anthropic_usage",
    "report_openai_only",
    "request_tier_to_anthropic",
    "request_tier_to_openai",
    "tier_to_anthropic",
    "tier_to_openai",
]

# -- service tiers -----------------------------------------------------------------------------------
#
# Request: OpenAI auto | default | flex | scale | priority | fast;  Anthropic auto | standard_only.
# Anthropic "auto" means "use Priority Tier capacity if available, else standard".

OPENAI_SERVICE_TIER_TO_ANTHROPIC: Final[dict[str, Counterpart]] = {
    "auto": Counterpart("auto"),
    "default": Counterpart("standard_only"),
    "priority": Counterpart(
        "auto",
        exact=False,
        note="Anthropic uses priority capacity under 'auto' when the org has it",
    ),
    "fast": Counterpart(
        "auto", exact=False, note="OpenAI reports 'fast' as priority; see 'priority'"
    ),
}

ANTHROPIC_SERVICE_TIER_TO_OPENAI: Final[dict[str, Counterpart]] = {
    "auto": Counterpart("auto"),
    "standard_only": Counterpart("default"),
}

# Response: the tier that served the request. OpenAI reports default | flex | scale | priority;
# Anthropic reports usage.service_tier standard | priority | batch.
RESPONSE_TIER_ANTHROPIC_TO_OPENAI: Final[dict[str, Counterpart]] = {
    "standard": Counterpart("default"),
    "priority": Counterpart("priority"),
}

RESPONSE_TIER_OPENAI_TO_ANTHROPIC: Final[dict[str, Counterpart]] = {
    "default": Counterpart("standard"),
    "priority": Counterpart("priority"),
}

REQUEST_TIER_O2A = O2A_REQUEST.mapped(
    "service_tier",
    "service_tier",
    "auto -> auto, default -> standard_only; priority and fast -> auto (approximated: Anthropic uses priority capacity under auto when the organisation has it); flex and scale are dropped",
)
REQUEST_TIER_A2O = A2O_REQUEST.mapped(
    "service_tier",
    "service_tier",
    "auto -> auto, standard_only -> default",
)


def request_tier_to_anthropic(req: Json, out: Json, ctx: Context) -> None:
    """The request's ``service_tier`` as Anthropic's (the tier asked for)."""
    tier = req.get("service_tier")
    if tier is None:
        return
    mapped = OPENAI_SERVICE_TIER_TO_ANTHROPIC.get(tier)
    if mapped is None:
        ctx.lose(
            REQUEST_TIER_O2A,
            "service_tier",
            kind="dropped",
            detail=f"service tier {quote(tier)} has no Anthropic counterpart; dropped",
        )
        return
    if not mapped.exact:
        ctx.lose(
            REQUEST_TIER_O2A,
            "service_tier",
            kind="approximated",
            detail=f"service tier {quote(tier)}: {mapped.note}",
        )
    out["service_tier"] = mapped.value


def request_tier_to_openai(req: Json, out: Json, ctx: Context) -> None:
    """The request's ``service_tier`` as OpenAI's."""
    tier = req.get("service_tier")
    if tier is None:
        return
    mapped = ANTHROPIC_SERVICE_TIER_TO_OPENAI.get(tier)
    if mapped is None:
        ctx.lose(
            REQUEST_TIER_A2O,
            "service_tier",
            kind="unknown",
            detail=f"service tier {quote(tier)} is unknown; dropped",
        )
    else:
        out["service_tier"] = mapped.value


def tier_to_openai(tier: Any) -> str | None:
    """The OpenAI ``service_tier`` of a reply served at Anthropic ``usage.service_tier``."""
    mapped = RESPONSE_TIER_ANTHROPIC_TO_OPENAI.get(tier) if isinstance(tier, str) else None
    return mapped.value if mapped is not None else None


def tier_to_anthropic(tier: Any) -> str | None:
    """The Anthropic ``usage.service_tier`` of a reply OpenAI served at ``service_tier``."""
    mapped = RESPONSE_TIER_OPENAI_TO_ANTHROPIC.get(tier) if isinstance(tier, str) else None
    return mapped.value if mapped is not None else None


def exact_tier(tier: Any) -> bool:
    """True when ``usage.service_tier`` says all of OpenAI's ``service_tier`` (no need to carry it)."""
    return tier_to_anthropic(tier) is not None


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_USAGE = A2O_RESPONSE.mapped(
    "usage",
    "usage",
)
A2O_RESPONSE.mapped(
    "usage.input_tokens",
    "usage.prompt_tokens",
    "prompt_tokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens (Anthropic's input_tokens excludes the cache, OpenAI's prompt_tokens includes it)",
)
A2O_RESPONSE.mapped(
    "usage.output_tokens",
    "usage.completion_tokens",
    "both include thinking/reasoning tokens; total_tokens = prompt + completion",
)
A2O_RESPONSE.mapped(
    "usage.cache_read_input_tokens",
    "usage.prompt_tokens_details.cached_tokens",
)
A2O_RESPONSE.mapped(
    "usage.cache_creation_input_tokens",
    "usage.prompt_tokens_details.cache_write_tokens",
)
A2O_RESPONSE.mapped(
    "usage.output_tokens_details",
)
A2O_RESPONSE.mapped(
    "usage.output_tokens_details.thinking_tokens",
    "usage.completion_tokens_details.reasoning_tokens",
)
_SERVICE_TIER = A2O_RESPONSE.mapped(
    "usage.service_tier",
    "service_tier",
    "standard -> default, priority -> priority; batch is carried in usage.anthropic.service_tier",
)
_CACHE_CREATION = A2O_RESPONSE.carried(
    "usage.cache_creation",
    "usage.anthropic.cache_creation",
    "the 5-minute / 1-hour split of cache writes",
)
_SERVER_TOOL_USE = A2O_RESPONSE.carried(
    "usage.server_tool_use",
    "usage.anthropic.server_tool_use",
    "web search / fetch request counts",
)
_SPEED = A2O_RESPONSE.carried(
    "usage.speed",
    "usage.anthropic.speed",
)
_INFERENCE_GEO = A2O_RESPONSE.carried(
    "usage.inference_geo",
    "usage.anthropic.inference_geo",
)
_ITERATIONS = A2O_RESPONSE.carried(
    "usage.iterations",
    "usage.anthropic.iterations",
    "beta",
)
_FALLBACK_CREDIT = A2O_RESPONSE.carried(
    "usage.fallback_credit",
    "usage.anthropic.fallback_credit",
    "beta",
)

#: Anthropic usage keys with no OpenAI field; carried in ``usage.anthropic``.
ANTHROPIC_ONLY: Final = (
    "cache_creation",
    "server_tool_use",
    "speed",
    "inference_geo",
    "iterations",
    "fallback_credit",
)
_A2O_CARRIED_ROWS: Final[dict[str, Fate]] = {
    "cache_creation": _CACHE_CREATION,
    "server_tool_use": _SERVER_TOOL_USE,
    "speed": _SPEED,
    "inference_geo": _INFERENCE_GEO,
    "iterations": _ITERATIONS,
    "fallback_credit": _FALLBACK_CREDIT,
    "service_tier": _SERVICE_TIER,
}
_ANTHROPIC_KNOWN: Final = frozenset(
    {
        "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
        "output_tokens_details", "service_tier", *ANTHROPIC_ONLY,
    }
)  # fmt: skip


def anthropic_to_openai_usage(usage: Json, ctx: Context, path: str) -> tuple[Json, str | None]:
    """OpenAI ``usage`` for Anthropic ``usage`` (or cumulative message_delta usage), and the
    OpenAI ``service_tier`` it implies."""
    ctx.unknown(usage, _ANTHROPIC_KNOWN, path)
    if isinstance(usage.get("output_tokens_details"), dict):
        # unknown keys of the details object are not copied: report them
        ctx.unknown(
            usage["output_tokens_details"],
            frozenset({"thinking_tokens"}),
            f"{path}.output_tokens_details",
        )
    cache_read = usage.get("cache_read_input_tokens")
    cache_write = usage.get("cache_creation_input_tokens")
    prompt = usage.get("input_tokens") or 0
    if not dialect_of(ctx).usage_includes_cache:
        # Anthropic: input_tokens are the tokens "after the last cache breakpoint"; OpenAI's
        # prompt_tokens count the cached ones too. (Some Anthropic-compatible endpoints already
        # count the cache in input_tokens: their dialects say so.)
        prompt += (cache_read or 0) + (cache_write or 0)
    completion = usage.get("output_tokens") or 0
    out: Json = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    details: Json = {}
    if cache_read is not None:
        details["cached_tokens"] = cache_read
    if cache_write is not None:
        details["cache_write_tokens"] = cache_write
    if details:
        out["prompt_tokens_details"] = details
    thinking = (usage.get("output_tokens_details") or {}).get("thinking_tokens")
    if thinking is not None:
        out["completion_tokens_details"] = {"reasoning_tokens": thinking}
    carried = (
        {}
        if usage.keys().isdisjoint(ANTHROPIC_ONLY)
        else {k: usage[k] for k in ANTHROPIC_ONLY if usage.get(k) is not None}
    )
    tier = usage.get("service_tier")
    openai_tier = None
    if tier is not None:
        openai_tier = tier_to_openai(tier)
        if openai_tier is None:
            carried["service_tier"] = tier
    if carried:
        if ctx.options.extensions:
            out["anthropic"] = carried
        else:
            for key in carried:
                ctx.lose(_A2O_CARRIED_ROWS[key], f"{path}.{key}", kind="dropped")
    return out, openai_tier


def no_usage(ctx: Context) -> None:
    """Report a stream that never said how many tokens it used (the usage chunk has zeros)."""
    ctx.lose(
        A2O_USAGE,
        "usage",
        kind="defaulted",
        detail="the stream reported no usage; the usage chunk has zeros",
    )


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_USAGE = O2A_RESPONSE.mapped(
    "usage",
    "usage",
    "absent -> zeros, reported as defaulted (Anthropic requires usage)",
)
PROMPT_TOKENS = O2A_RESPONSE.mapped(
    "usage.prompt_tokens",
    "usage.input_tokens",
    "input_tokens = prompt_tokens - cached_tokens - cache_write_tokens",
)
O2A_RESPONSE.mapped(
    "usage.completion_tokens",
    "usage.output_tokens",
)
O2A_RESPONSE.mapped(
    "usage.prompt_tokens_details",
    "",
    "see its fields",
)
O2A_RESPONSE.mapped(
    "usage.completion_tokens_details",
    "",
    "see its fields",
)
O2A_RESPONSE.mapped(
    "usage.total_tokens",
    "",
    "derived",
)
O2A_RESPONSE.mapped(
    "usage.prompt_tokens_details.cached_tokens",
    "usage.cache_read_input_tokens",
)
O2A_RESPONSE.mapped(
    "usage.prompt_tokens_details.cache_write_tokens",
    "usage.cache_creation_input_tokens",
)
_PROMPT_AUDIO_TOKENS = O2A_RESPONSE.carried(
    "usage.prompt_tokens_details.audio_tokens",
    "openai.usage.prompt_tokens_details.audio_tokens",
)
_PROMPT_IMAGE_TOKENS = O2A_RESPONSE.carried(
    "usage.prompt_tokens_details.image_tokens",
    "openai.usage.prompt_tokens_details.image_tokens",
)
_PROMPT_TEXT_TOKENS = O2A_RESPONSE.carried(
    "usage.prompt_tokens_details.text_tokens",
    "openai.usage.prompt_tokens_details.text_tokens",
)
O2A_RESPONSE.mapped(
    "usage.completion_tokens_details.reasoning_tokens",
    "usage.output_tokens_details.thinking_tokens",
)
_COMPLETION_ACCEPTED_PREDICTION_TOKENS = O2A_RESPONSE.carried(
    "usage.completion_tokens_details.accepted_prediction_tokens",
    "openai.usage.completion_tokens_details.accepted_prediction_tokens",
)
_COMPLETION_REJECTED_PREDICTION_TOKENS = O2A_RESPONSE.carried(
    "usage.completion_tokens_details.rejected_prediction_tokens",
    "openai.usage.completion_tokens_details.rejected_prediction_tokens",
)
_COMPLETION_AUDIO_TOKENS = O2A_RESPONSE.carried(
    "usage.completion_tokens_details.audio_tokens",
    "openai.usage.completion_tokens_details.audio_tokens",
)
_COMPLETION_TEXT_TOKENS = O2A_RESPONSE.carried(
    "usage.completion_tokens_details.text_tokens",
    "openai.usage.completion_tokens_details.text_tokens",
)
O2A_RESPONSE.mapped(
    "usage.anthropic",
    "usage",
    "Anthropic-only usage carried by the reverse direction: restored",
)
SERVICE_TIER = O2A_RESPONSE.mapped(
    "service_tier",
    "usage.service_tier",
    "default -> standard, priority -> priority; other tiers are carried in openai.service_tier. A stream sends it with message_start: a tier that first comes (or changes) in a later chunk is reported as dropped",
)

#: OpenAI detail keys with no Anthropic field; carried in the message's ``openai.usage``.
_OPENAI_ONLY: Final[dict[str, dict[str, Fate]]] = {
    "prompt_tokens_details": {
        "audio_tokens": _PROMPT_AUDIO_TOKENS,
        "image_tokens": _PROMPT_IMAGE_TOKENS,
        "text_tokens": _PROMPT_TEXT_TOKENS,
    },
    "completion_tokens_details": {
        "accepted_prediction_tokens": _COMPLETION_ACCEPTED_PREDICTION_TOKENS,
        "rejected_prediction_tokens": _COMPLETION_REJECTED_PREDICTION_TOKENS,
        "audio_tokens": _COMPLETION_AUDIO_TOKENS,
        "text_tokens": _COMPLETION_TEXT_TOKENS,
    },
}
#: Cache reads some servers count at the top of usage instead of prompt_tokens_details, read
#: when the details have none: DeepSeek's prompt_cache_hit_tokens, Moonshot's cached_tokens.
TOP_LEVEL_CACHE: Final = ("prompt_cache_hit_tokens", "cached_tokens")
for _key in TOP_LEVEL_CACHE:
    O2A_RESPONSE.mapped(
        f"usage.{_key}",
        "usage.cache_read_input_tokens",
        "DeepSeek's and Moonshot's cache hits at the top of usage, read when prompt_tokens_details.cached_tokens is absent (and left out of input_tokens)",
    )
O2A_RESPONSE.mapped(
    "usage.prompt_cache_miss_tokens",
    "usage.input_tokens",
    "DeepSeek: prompt_tokens less the hits, which input_tokens already is",
)
_OPENAI_KNOWN: Final = frozenset(
    {
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "prompt_tokens_details",
        "completion_tokens_details",
        "anthropic",
        *TOP_LEVEL_CACHE,
        "prompt_cache_miss_tokens",  # DeepSeek: prompt_tokens - hits; nothing of its own
    }
)


def top_level_cache(usage: Json) -> int | None:
    """Cache reads a server counts at the top of usage (DeepSeek, Moonshot), or None."""
    return next((usage[k] for k in TOP_LEVEL_CACHE if isinstance(usage.get(k), int)), None)


_PROMPT_DETAILS_KNOWN: Final = frozenset(
    {"cached_tokens", "cache_write_tokens", *_OPENAI_ONLY["prompt_tokens_details"]}
)
_COMPLETION_DETAILS_KNOWN: Final = frozenset(
    {"reasoning_tokens", *_OPENAI_ONLY["completion_tokens_details"]}
)


def openai_to_anthropic_usage(
    usage: Json | None, ctx: Context, path: str, *, service_tier: Any = None
) -> tuple[Json, Json]:
    """Anthropic ``usage`` for OpenAI ``usage``, and the OpenAI-only detail counts (for the
    ``openai`` extension of the message). A missing usage gives zeros, reported as defaulted."""
    if usage is None:
        ctx.lose(
            O2A_USAGE,
            path,
            kind="defaulted",
            detail="the OpenAI reply has no usage; Anthropic requires it, so zeros were sent",
        )
        zeros: Json = {"input_tokens": 0, "output_tokens": 0}
        _tier(zeros, service_tier)
        return zeros, {}
    ctx.unknown(usage, _OPENAI_KNOWN, path)
    prompt_details = usage.get("prompt_tokens_details") or {}
    completion_details = usage.get("completion_tokens_details") or {}
    # unknown keys of the details objects are not copied: report them
    ctx.unknown(prompt_details, _PROMPT_DETAILS_KNOWN, f"{path}.prompt_tokens_details")
    ctx.unknown(completion_details, _COMPLETION_DETAILS_KNOWN, f"{path}.completion_tokens_details")
    cached = prompt_details.get("cached_tokens")
    if cached is None:
        cached = top_level_cache(usage)
    written = prompt_details.get("cache_write_tokens")
    input_tokens = usage["prompt_tokens"] - (cached or 0) - (written or 0)
    if input_tokens < 0:
        ctx.lose(
            PROMPT_TOKENS,
            f"{path}.prompt_tokens",
            kind="approximated",
            detail="cached tokens exceed prompt_tokens; input_tokens set to 0",
        )
        input_tokens = 0
    out: Json = {"input_tokens": input_tokens}
    if written is not None:
        out["cache_creation_input_tokens"] = written
    if cached is not None:
        out["cache_read_input_tokens"] = cached
    out["output_tokens"] = usage["completion_tokens"]
    reasoning = completion_details.get("reasoning_tokens")
    if reasoning is not None:
        out["output_tokens_details"] = {"thinking_tokens": reasoning}
    carried = usage.get("anthropic")
    if isinstance(carried, dict):
        for key, value in carried.items():
            if key in ANTHROPIC_ONLY or key == "service_tier":
                out[key] = value
    if "service_tier" not in out:
        _tier(out, service_tier)
    extra: Json = {}
    for group, details in (
        ("prompt_tokens_details", prompt_details),
        ("completion_tokens_details", completion_details),
    ):
        only = {k: details[k] for k in _OPENAI_ONLY[group] if details.get(k) is not None}
        if only:
            extra[group] = only
    if extra and not ctx.options.extensions:
        report_openai_only(extra, ctx, path)
        extra = {}
    return out, extra


def openai_start_usage(usage: Json) -> Json:
    """``message_start``'s usage from a first chunk that already has usage (vLLM and SGLang
    send it on every chunk with continuous usage stats): the same counts as
    :func:`openai_to_anthropic_usage`, without its reports, which the last usage makes once."""
    details = usage.get("prompt_tokens_details") or {}
    cached = details.get("cached_tokens")
    written = details.get("cache_write_tokens")
    out: Json = {"input_tokens": max(0, usage["prompt_tokens"] - (cached or 0) - (written or 0))}
    if written is not None:
        out["cache_creation_input_tokens"] = written
    if cached is not None:
        out["cache_read_input_tokens"] = cached
    out["output_tokens"] = usage["completion_tokens"]
    return out


def report_openai_only(extra: Json, ctx: Context, path: str) -> None:
    """Report OpenAI-only token counts (as :func:`openai_to_anthropic_usage` returns them) that
    could not be carried."""
    for group, values in extra.items():
        for key in values:
            ctx.lose(_OPENAI_ONLY[group][key], f"{path}.{group}.{key}", kind="dropped")


def late_tier(tier: Any, ctx: Context) -> None:
    """Report a ``service_tier`` that a stream sent only after ``message_start``."""
    # message_delta's usage has no service_tier (MessageDeltaUsage): only message_start carries
    # it, and that went out with the first chunk's.
    ctx.lose(
        SERVICE_TIER,
        "service_tier",
        kind="dropped",
        detail=f"service_tier {quote(tier)} came after message_start, the only Anthropic event that carries it; not sent",
    )


def _tier(usage: Json, service_tier: Any) -> None:
    tier = tier_to_anthropic(service_tier)
    if tier is not None:
        usage["service_tier"] = tier


CACHE_INCLUSIVE = A2O_RESPONSE.mapped(
    "usage.input_tokens (dialect)",
    "usage.prompt_tokens",
    "dialects whose input_tokens already include the cache (the Anthropic-compatible endpoints of DeepSeek, Kimi, GLM, MiniMax): prompt_tokens = input_tokens, not input + cache",
)
