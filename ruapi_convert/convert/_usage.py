"""
ruapi_convert.convert._usage
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Token usage arithmetic, one place for responses and streams.

Anthropic's ``input_tokens`` *excludes* cache reads and writes ("Total input tokens in a request is
the summation of input_tokens, cache_creation_input_tokens, and cache_read_input_tokens"), while
OpenAI's ``prompt_tokens`` *includes* cached tokens. So:

    prompt_tokens                          = input + cache_read + cache_creation
    prompt_tokens_details.cached_tokens    = cache_read
    prompt_tokens_details.cache_write_tokens = cache_creation
    completion_tokens                      = output_tokens (which includes thinking)
    completion_tokens_details.reasoning_tokens = output_tokens_details.thinking_tokens

and back, ``input = prompt - cached - cache_write``. Detail fields are written only when the source
had them, so that absent stays absent through a round trip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._tables import RESPONSE_TIER_ANTHROPIC_TO_OPENAI, RESPONSE_TIER_OPENAI_TO_ANTHROPIC

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["anthropic_to_openai_usage", "openai_to_anthropic_usage"]

Json = dict[str, Any]

#: Anthropic usage keys with no OpenAI field; carried in ``usage.anthropic``.
ANTHROPIC_ONLY: Final = (
    "cache_creation",
    "server_tool_use",
    "speed",
    "inference_geo",
    "iterations",
    "fallback_credit",
)
_ANTHROPIC_KNOWN: Final = frozenset(
    {
        "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
        "output_tokens_details", "service_tier", *ANTHROPIC_ONLY,
    }
)  # fmt: skip
_OPENAI_KNOWN: Final = frozenset(
    {
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "prompt_tokens_details",
        "completion_tokens_details",
        "anthropic",
    }
)
#: OpenAI detail keys with no Anthropic field; carried in the message's ``openai.usage``.
_OPENAI_ONLY_PROMPT: Final = ("audio_tokens", "image_tokens", "text_tokens")
_OPENAI_ONLY_COMPLETION: Final = (
    "accepted_prediction_tokens",
    "rejected_prediction_tokens",
    "audio_tokens",
    "text_tokens",
)


def anthropic_to_openai_usage(
    usage: Json, ctx: Context, path: str, rows: str
) -> tuple[Json, str | None]:
    """OpenAI ``usage`` for Anthropic ``usage`` (or cumulative message_delta usage), and the
    OpenAI ``service_tier`` it implies. ``rows`` is the fate-table prefix of the usage object."""
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
    prompt = (usage.get("input_tokens") or 0) + (cache_read or 0) + (cache_write or 0)
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
    carried = {k: usage[k] for k in ANTHROPIC_ONLY if usage.get(k) is not None}
    tier = usage.get("service_tier")
    openai_tier = None
    if tier is not None:
        mapped = RESPONSE_TIER_ANTHROPIC_TO_OPENAI.get(tier)
        if mapped is not None:
            openai_tier = mapped.value
        else:
            carried["service_tier"] = tier
    if carried:
        if ctx.options.extensions:
            out["anthropic"] = carried
        else:
            for key in carried:
                ctx.lose(f"{rows}.{key}", f"{path}.{key}", kind="dropped")
    return out, openai_tier


def openai_to_anthropic_usage(
    usage: Json | None, ctx: Context, path: str, rows: str, *, service_tier: Any = None
) -> tuple[Json, Json]:
    """Anthropic ``usage`` for OpenAI ``usage``, and the OpenAI-only detail counts (for the
    ``openai`` extension of the message). A missing usage gives zeros, reported as defaulted."""
    if usage is None:
        ctx.lose(
            rows,
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
    ctx.unknown(
        prompt_details,
        frozenset({"cached_tokens", "cache_write_tokens", *_OPENAI_ONLY_PROMPT}),
        f"{path}.prompt_tokens_details",
    )
    ctx.unknown(
        completion_details,
        frozenset({"reasoning_tokens", *_OPENAI_ONLY_COMPLETION}),
        f"{path}.completion_tokens_details",
    )
    cached = prompt_details.get("cached_tokens")
    written = prompt_details.get("cache_write_tokens")
    input_tokens = usage["prompt_tokens"] - (cached or 0) - (written or 0)
    if input_tokens < 0:
        ctx.lose(
            f"{rows}.prompt_tokens",
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
    prompt_only = {
        k: prompt_details[k] for k in _OPENAI_ONLY_PROMPT if prompt_details.get(k) is not None
    }
    completion_only = {
        k: completion_details[k]
        for k in _OPENAI_ONLY_COMPLETION
        if completion_details.get(k) is not None
    }
    if prompt_only:
        extra["prompt_tokens_details"] = prompt_only
    if completion_only:
        extra["completion_tokens_details"] = completion_only
    if extra and not ctx.options.extensions:
        for group, values in extra.items():
            for key in values:
                ctx.lose(f"{rows}.{group}.{key}", f"{path}.{group}.{key}", kind="dropped")
        extra = {}
    return out, extra


def _tier(usage: Json, service_tier: Any) -> None:
    mapped = (
        RESPONSE_TIER_OPENAI_TO_ANTHROPIC.get(service_tier)
        if isinstance(service_tier, str)
        else None
    )
    if mapped is not None:
        usage["service_tier"] = mapped.value
