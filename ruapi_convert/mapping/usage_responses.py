"""
ruapi_convert.mapping.usage_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the usage concept: token counts and the service tier of a reply,
Responses <-> Chat. Both APIs count the same way - ``input_tokens`` like ``prompt_tokens``
*includes* cached tokens, and ``output_tokens`` like ``completion_tokens`` includes reasoning
tokens - so the counts move field for field, with no arithmetic:

    input_tokens                               <-> prompt_tokens
    input_tokens_details.cached_tokens         <-> prompt_tokens_details.cached_tokens
    input_tokens_details.cache_write_tokens    <-> prompt_tokens_details.cache_write_tokens
    output_tokens                              <-> completion_tokens
    output_tokens_details.reasoning_tokens     <-> completion_tokens_details.reasoning_tokens
    total_tokens                               <-> total_tokens

The Responses side always writes both detail objects (the SDK's ``ResponseUsage`` requires them),
with 0 for a count the Chat reply did not give; the Chat side writes what the Response had.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._ledger import O2R_RESPONSE, R2O_RESPONSE, Json
from .usage import TOP_LEVEL_CACHE, top_level_cache

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["chat_usage", "responses_usage"]

# -- Chat -> Responses --------------------------------------------------------------------------------

O2R_RESPONSE.mapped("usage", "usage", "absent -> no usage")
O2R_RESPONSE.mapped("usage.prompt_tokens", "usage.input_tokens", "both include cached tokens")
O2R_RESPONSE.mapped(
    "usage.completion_tokens", "usage.output_tokens", "both include reasoning tokens"
)
O2R_RESPONSE.mapped("usage.total_tokens", "usage.total_tokens")
O2R_RESPONSE.mapped(
    "usage.prompt_tokens_details", "usage.input_tokens_details", "absent counts -> 0"
)
O2R_RESPONSE.mapped(
    "usage.prompt_tokens_details.cached_tokens", "usage.input_tokens_details.cached_tokens"
)
O2R_RESPONSE.mapped(
    "usage.prompt_tokens_details.cache_write_tokens",
    "usage.input_tokens_details.cache_write_tokens",
)
for _key in TOP_LEVEL_CACHE:
    O2R_RESPONSE.mapped(
        f"usage.{_key}",
        "usage.input_tokens_details.cached_tokens",
        "DeepSeek's and Moonshot's cache hits at the top of usage, read when prompt_tokens_details.cached_tokens is absent",
    )
O2R_RESPONSE.mapped(
    "usage.prompt_cache_miss_tokens",
    "usage.input_tokens",
    "DeepSeek: prompt_tokens less the hits; input_tokens (which includes the cache) says it with the cached count",
)
O2R_RESPONSE.mapped("usage.completion_tokens_details", "usage.output_tokens_details")
O2R_RESPONSE.mapped(
    "usage.completion_tokens_details.reasoning_tokens",
    "usage.output_tokens_details.reasoning_tokens",
)
_CHAT_ONLY: Final = {
    "prompt_tokens_details": ("audio_tokens", "image_tokens", "text_tokens"),
    "completion_tokens_details": (
        "accepted_prediction_tokens",
        "rejected_prediction_tokens",
        "audio_tokens",
        "text_tokens",
    ),
}
for _group, _keys in _CHAT_ONLY.items():
    for _key in _keys:
        O2R_RESPONSE.dropped(
            f"usage.{_group}.{_key}", "a Response counts no such tokens (0 is not reported)"
        )
O2R_RESPONSE.mapped("service_tier", "service_tier", "the same vocabulary")


def responses_usage(usage: Json, ctx: Context, path: str) -> Json:
    """Responses ``usage`` for Chat ``usage``."""
    ctx.unknown(
        usage,
        frozenset(
            {"prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
             "completion_tokens_details", "prompt_cache_miss_tokens", *TOP_LEVEL_CACHE}
        ),
        path,
    )  # fmt: skip
    prompt = usage.get("prompt_tokens_details") or {}
    completion = usage.get("completion_tokens_details") or {}
    for group, details, known in (
        ("prompt_tokens_details", prompt, ("cached_tokens", "cache_write_tokens")),
        ("completion_tokens_details", completion, ("reasoning_tokens",)),
    ):
        ctx.unknown(details, frozenset({*known, *_CHAT_ONLY[group]}), f"{path}.{group}")
        for key in _CHAT_ONLY[group]:
            if details.get(key):
                ctx.lose(O2R_RESPONSE.row(f"usage.{group}.{key}"), f"{path}.{group}.{key}")
    return {
        "input_tokens": usage["prompt_tokens"],
        "input_tokens_details": {
            # DeepSeek and Moonshot count cache hits at the top of usage (liberal reading)
            "cached_tokens": prompt.get("cached_tokens") or top_level_cache(usage) or 0,
            "cache_write_tokens": prompt.get("cache_write_tokens") or 0,
        },
        "output_tokens": usage["completion_tokens"],
        "output_tokens_details": {"reasoning_tokens": completion.get("reasoning_tokens") or 0},
        "total_tokens": usage["total_tokens"],
    }


# -- Responses -> Chat --------------------------------------------------------------------------------

R2O_RESPONSE.mapped("usage", "usage")
R2O_RESPONSE.mapped("usage.input_tokens", "usage.prompt_tokens", "both include cached tokens")
R2O_RESPONSE.mapped(
    "usage.output_tokens", "usage.completion_tokens", "both include reasoning tokens"
)
R2O_RESPONSE.mapped("usage.total_tokens", "usage.total_tokens")
R2O_RESPONSE.mapped("usage.input_tokens_details", "usage.prompt_tokens_details")
R2O_RESPONSE.mapped(
    "usage.input_tokens_details.cached_tokens", "usage.prompt_tokens_details.cached_tokens"
)
R2O_RESPONSE.mapped(
    "usage.input_tokens_details.cache_write_tokens",
    "usage.prompt_tokens_details.cache_write_tokens",
)
_TTL_SPLIT = R2O_RESPONSE.dropped(
    "usage.input_tokens_details.cache_write_tokens_details",
    "the 30-minute / 12-hour split of cache writes has no Chat field",
)
R2O_RESPONSE.mapped("usage.output_tokens_details", "usage.completion_tokens_details")
R2O_RESPONSE.mapped(
    "usage.output_tokens_details.reasoning_tokens",
    "usage.completion_tokens_details.reasoning_tokens",
)
R2O_RESPONSE.mapped("service_tier", "service_tier", "the same vocabulary")


def chat_usage(usage: Json, ctx: Context, path: str) -> Json:
    """Chat ``usage`` for Responses ``usage``."""
    ctx.unknown(
        usage,
        frozenset(
            {"input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details",
             "total_tokens"}
        ),
        path,
    )  # fmt: skip
    out: Json = {
        "prompt_tokens": usage["input_tokens"],
        "completion_tokens": usage["output_tokens"],
        "total_tokens": usage["total_tokens"],
    }
    inputs = usage.get("input_tokens_details")
    if inputs is not None:
        ctx.unknown(
            inputs,
            frozenset({"cached_tokens", "cache_write_tokens", "cache_write_tokens_details"}),
            f"{path}.input_tokens_details",
        )
        details = {
            k: inputs[k]
            for k in ("cached_tokens", "cache_write_tokens")
            if inputs.get(k) is not None
        }
        out["prompt_tokens_details"] = details
        if inputs.get("cache_write_tokens_details") is not None:
            ctx.lose(_TTL_SPLIT, f"{path}.input_tokens_details.cache_write_tokens_details")
    outputs = usage.get("output_tokens_details")
    if outputs is not None:
        ctx.unknown(outputs, frozenset({"reasoning_tokens"}), f"{path}.output_tokens_details")
        out["completion_tokens_details"] = {"reasoning_tokens": outputs["reasoning_tokens"]}
    return out
