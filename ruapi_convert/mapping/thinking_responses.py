"""
ruapi_convert.mapping.thinking_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the thinking concept: how much a model may reason. Responses asks
with ``reasoning: {effort, summary, context, mode}``, Chat with ``reasoning_effort``; the effort
levels are the same words (none | minimal | low | medium | high | xhigh | max). Summaries, the
context of earlier turns' reasoning and the "pro" mode have no Chat parameter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._ledger import O2R_REQUEST, R2O_REQUEST, Json

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["effort_to_responses", "reasoning_to_effort"]

R2O_REQUEST.mapped("reasoning", "reasoning_effort", "see its fields")
R2O_REQUEST.mapped("reasoning.effort", "reasoning_effort", "the same levels")
_SUMMARY = R2O_REQUEST.dropped(
    "reasoning.summary",
    "Chat has no reasoning summaries (a Chat upstream's reasoning text still comes back as reasoning items)",
)
R2O_REQUEST.dropped("reasoning.generate_summary", "deprecated spelling of summary; see it")
_CONTEXT = R2O_REQUEST.dropped(
    "reasoning.context",
    "which turns' reasoning to use is the server's; a Chat upstream gets the reasoning history as sent ('auto' is not reported)",
)
_MODE = R2O_REQUEST.dropped("reasoning.mode", "no Chat counterpart ('standard' is not reported)")

#: Values that ask for nothing beyond the default.
_DEFAULTS = {"context": "auto", "mode": "standard"}


def reasoning_to_effort(req: Json, out: Json, ctx: Context) -> None:
    """``reasoning_effort`` for ``reasoning.effort``; the rest of ``reasoning`` is reported."""
    reasoning = req.get("reasoning")
    if reasoning is None:
        return
    ctx.unknown(
        reasoning,
        frozenset({"effort", "summary", "generate_summary", "context", "mode"}),
        "reasoning",
    )
    if reasoning.get("effort") is not None:
        out["reasoning_effort"] = reasoning["effort"]
    for key, row in (
        ("summary", _SUMMARY),
        ("generate_summary", _SUMMARY),
        ("context", _CONTEXT),
        ("mode", _MODE),
    ):
        value = reasoning.get(key)
        if value is not None and value != _DEFAULTS.get(key):
            ctx.lose(row, f"reasoning.{key}")


O2R_REQUEST.mapped("reasoning_effort", "reasoning.effort", "the same levels")
O2R_REQUEST.mapped(
    "reasoning",
    "reasoning.effort",
    "OpenRouter's reasoning object: its effort; max_tokens, exclude and enabled have no Responses field (reported)",
)
_ROUTER = O2R_REQUEST.dropped(
    "reasoning.max_tokens", "a Responses request sets an effort, not a budget"
)
O2R_REQUEST.dropped("reasoning.exclude", "see reasoning.max_tokens")
O2R_REQUEST.mapped("reasoning.effort", "reasoning.effort")
O2R_REQUEST.mapped("reasoning.enabled", "", "implied by an effort")


def effort_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """``reasoning.effort`` for ``reasoning_effort`` (or OpenRouter's ``reasoning`` object)."""
    effort = req.get("reasoning_effort")
    router = req.get("reasoning")
    if isinstance(router, dict):
        ctx.unknown(router, frozenset({"effort", "max_tokens", "exclude", "enabled"}), "reasoning")
        for key in ("max_tokens", "exclude"):
            if router.get(key) not in (None, False):
                ctx.lose(_ROUTER, f"reasoning.{key}")
        if effort is None:
            effort = router.get("effort")
    if effort is not None:
        out["reasoning"] = {"effort": effort}
