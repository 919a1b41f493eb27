"""
ruapi_convert.mapping.thinking
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: how much a model may think is decided here. ``reasoning_effort`` (and OpenRouter's
``reasoning`` object) <-> Anthropic ``thinking`` + ``output_config.effort``, the budget table, and
the constraints thinking puts on the rest of an Anthropic request: a forced tool choice turns it
off again (Anthropic: with extended thinking "only tool_choice auto or none is supported"), and
sampling parameters must respect it (see :func:`enabled`, which the sampling mapping reads).

Two ways to turn effort into thinking (option ``thinking_mode``): ``adaptive`` sends
``{type: adaptive}`` + ``output_config.effort`` (current models); ``enabled`` sends a
``budget_tokens`` from ``effort_budgets`` (models before adaptive thinking). The reverse direction
picks the largest effort whose budget fits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .._quote import quote
from ..errors import InvalidInputError, UnsupportedError
from ._ledger import A2O_REQUEST, O2A_REQUEST, Counterpart, Json
from .dialects import dialect_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._ledger import Context

__all__ = [
    "EFFORT_BUDGETS",
    "EFFORT_TO_ANTHROPIC",
    "MIN_THINKING_BUDGET",
    "effort_to_dialect",
    "effort_to_thinking",
    "enabled",
    "forced_tool_choice",
    "missing_thinking",
    "thinking_to_effort",
]

# OpenAI reasoning_effort: none | minimal | low | medium | high | xhigh | max.
# Anthropic output_config.effort: low | medium | high | xhigh | max (used with adaptive thinking).
EFFORT_TO_ANTHROPIC: Final[dict[str, Counterpart]] = {
    "minimal": Counterpart("low", exact=False, note="Anthropic has no level below low"),
    "low": Counterpart("low"),
    "medium": Counterpart("medium"),
    "high": Counterpart("high"),
    "xhigh": Counterpart("xhigh"),
    "max": Counterpart("max"),
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


def enabled(out: Json) -> bool:
    """True when the Anthropic request ``out`` (as built so far) has thinking switched on."""
    thinking = out.get("thinking")
    return thinking is not None and thinking.get("type") not in ("disabled", None)


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

REASONING_EFFORT = O2A_REQUEST.mapped(
    "reasoning_effort",
    "thinking + output_config.effort",
    "thinking_mode='adaptive' (default): {type: adaptive} + output_config.effort (minimal -> low, approximated); thinking_mode='enabled': {type: enabled, budget_tokens: effort_budgets[effort]} clamped to >= 1024 and < max_tokens (approximated when clamped; dropped when max_tokens <= 1024); none -> {type: disabled}. Dropped (reported) when tool_choice forces a tool, which Anthropic does not allow with thinking, and when the last assistant turn has tool calls but no signed thinking to start with, which Anthropic rejects with thinking on (missing_thinking='disable'; 'reject' raises UnsupportedError)",
)
O2A_REQUEST.mapped(
    "reasoning",
    "thinking",
    "OpenRouter's reasoning object: effort as reasoning_effort, max_tokens as a thinking budget",
)
O2A_REQUEST.mapped(
    "reasoning.effort",
    "thinking + output_config.effort",
    "as reasoning_effort",
)
O2A_REQUEST.mapped(
    "reasoning.max_tokens",
    "thinking.budget_tokens",
    "clamped like a budget from reasoning_effort",
)
O2A_REQUEST.mapped(
    "reasoning.enabled",
    "",
    "implied by effort or max_tokens",
)
_ROUTER_EXCLUDE = O2A_REQUEST.dropped(
    "reasoning.exclude",
    "Anthropic always returns thinking when it is on (display can hide it, but that is its own parameter)",
)
O2A_REQUEST.carried(
    "thinking",
    "thinking",
    "not an OpenAI parameter; Anthropic's own OpenAI-SDK compatibility layer documents it in extra_body; sent verbatim",
)


def effort_to_thinking(req: Json, out: Json, ctx: Context) -> None:
    """``thinking`` (and ``output_config.effort``) for ``reasoning_effort`` or OpenRouter's
    ``reasoning`` object. A ``thinking`` object our reverse direction carried (already in ``out``)
    wins; an effort then only sets ``output_config.effort``."""
    effort = req.get("reasoning_effort")
    path = "reasoning_effort"
    router = req.get("reasoning")  # OpenRouter: {effort?, max_tokens?, enabled?, exclude?}
    if router is not None:
        if not isinstance(router, dict):
            raise InvalidInputError("must be an object", path="reasoning")
        if effort is None and router.get("effort") is not None:
            effort, path = router["effort"], "reasoning.effort"
        if router.get("max_tokens") is not None and "thinking" not in out:
            budget = router["max_tokens"]
            if not isinstance(budget, int) or isinstance(budget, bool):
                raise InvalidInputError("must be an integer", path="reasoning.max_tokens")
            _enable_budget(out, budget, "reasoning.max_tokens", ctx)
            return
        if router.get("exclude"):
            ctx.lose(_ROUTER_EXCLUDE, "reasoning.exclude")
    if effort is None:
        return
    if "effort" in out.get("output_config", {}):
        # output_config.effort carried by our reverse direction: an effort without (adaptive)
        # thinking, which reasoning_effort only mirrors; no thinking is to be inferred from it
        return
    if "thinking" in out:  # carried verbatim; effort only sets output_config.effort
        if effort in EFFORT_TO_ANTHROPIC and out["thinking"].get("type") == "adaptive":
            out.setdefault("output_config", {})["effort"] = EFFORT_TO_ANTHROPIC[effort].value
        return
    if effort == "none":
        out["thinking"] = {"type": "disabled"}
        return
    mapped = EFFORT_TO_ANTHROPIC.get(effort)
    if mapped is None:
        ctx.lose(
            REASONING_EFFORT,
            path,
            kind="unknown",
            detail=f"reasoning_effort {quote(effort)} is unknown; thinking was not enabled",
        )
        return
    if not mapped.exact:
        ctx.lose(
            REASONING_EFFORT,
            path,
            kind="approximated",
            detail=f"reasoning_effort {quote(effort)}: {mapped.note}; sent as {mapped.value!r}",
        )
    if ctx.options.thinking_mode == "adaptive":
        out["thinking"] = {"type": "adaptive"}
        out.setdefault("output_config", {})["effort"] = mapped.value
    else:
        budget = ctx.options.effort_budgets.get(effort, MIN_THINKING_BUDGET)
        _enable_budget(out, budget, path, ctx)


def _enable_budget(out: Json, budget: int, path: str, ctx: Context) -> None:
    # Anthropic: "budget_tokens must be >= 1024 and less than max_tokens".
    limit = out["max_tokens"] - 1
    if limit < MIN_THINKING_BUDGET:
        ctx.lose(
            REASONING_EFFORT,
            path,
            kind="dropped",
            detail=f"thinking was not enabled: max_tokens {out['max_tokens']} leaves no room for the minimum {MIN_THINKING_BUDGET}-token budget",
        )
        return
    if budget > limit or budget < MIN_THINKING_BUDGET:
        clamped = max(MIN_THINKING_BUDGET, min(budget, limit))
        ctx.lose(
            REASONING_EFFORT,
            path,
            kind="approximated",
            detail=f"thinking budget {budget} clamped to {clamped} (>= {MIN_THINKING_BUDGET} and < max_tokens)",
        )
        budget = clamped
    out["thinking"] = {"type": "enabled", "budget_tokens": budget}


def forced_tool_choice(out: Json, ctx: Context) -> None:
    """The tool choice of ``out`` forces a tool: switch thinking off again, and say so.

    Anthropic: with extended thinking "only tool_choice auto or none is supported". The tool
    choice is what the client asked for explicitly, so it wins over the effort.
    """
    if not enabled(out):
        return
    _switch_off(out)
    ctx.lose(
        REASONING_EFFORT,
        "reasoning_effort",
        kind="dropped",
        detail="thinking was not enabled: Anthropic does not allow a forced tool choice with thinking, and the tool choice was kept",
    )


def missing_thinking(req: Json, out: Json, ctx: Context) -> None:
    """Thinking is on, but the assistant turn being continued has tool calls and no signed
    thinking to start with: switch thinking off (or refuse, as ``missing_thinking`` says).

    Most apps rebuild the assistant message from ``content`` and ``tool_calls`` and drop the
    reasoning fields, and the Messages API answers such a request with 400: "When `thinking` is
    enabled, a final `assistant` message must start with a thinking block (preceeding the
    lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks
    from previous turns. To avoid this requirement, disable `thinking`." The second is the one a
    converter can do.
    """
    if not enabled(out):
        return
    last = next(
        (
            i
            for i in range(len(out["messages"]) - 1, -1, -1)
            if out["messages"][i]["role"] == "assistant"
        ),
        None,
    )
    if last is None:
        return
    content = out["messages"][last]["content"]
    if not isinstance(content, list) or not any(b["type"] == "tool_use" for b in content):
        return
    if content[0]["type"] in ("thinking", "redacted_thinking"):
        return
    cause = next((k for k in ("reasoning_effort", "reasoning", "thinking") if k in req), "thinking")
    problem = "the last assistant turn has tool calls but no signed thinking before them (its reasoning was not sent back), which Anthropic rejects with thinking on"
    if ctx.options.missing_thinking == "reject":
        raise UnsupportedError(f"{problem} (missing_thinking='reject')", path=cause)
    _switch_off(out)
    ctx.lose(
        REASONING_EFFORT,
        cause,
        kind="dropped",
        detail=f"thinking was not enabled: {problem}",
    )


def _switch_off(out: Json) -> None:
    out.pop("thinking", None)
    config = out.get("output_config")
    if config is not None:
        config.pop("effort", None)
        if not config:
            del out["output_config"]


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

_THINKING = A2O_REQUEST.mapped(
    "thinking",
    "reasoning_effort",
    "disabled -> none; enabled -> the largest effort whose budget in `effort_budgets` fits budget_tokens (approximated unless equal); adaptive -> output_config.effort when given. With extensions on, the thinking object is carried verbatim as `thinking` (Anthropic's own OpenAI-compatibility layer reads it there), which makes the round trip exact (not a plain {type: adaptive} with an effort, which reasoning_effort alone gives back; disabled only next to an effort), and no effort is invented for adaptive thinking without one; with extensions off that case sends 'high', Anthropic's default effort (approximated)",
)
A2O_REQUEST.mapped(
    "thinking.budget_tokens",
    "reasoning_effort",
    "see thinking",
)
A2O_REQUEST.carried(
    "thinking.display",
    "thinking.display",
    "carried inside the verbatim thinking object",
)
_BLOCK_BINDING = A2O_REQUEST.carried(
    "thinking.block_binding",
    "thinking.block_binding",
    "carried inside the verbatim thinking object",
)
_EFFORT = A2O_REQUEST.mapped(
    "output_config.effort",
    "reasoning_effort",
    "same vocabulary (low, medium, high, xhigh, max). Unless thinking is adaptive, with "
    "extensions on it is also carried as output_config.effort, so that the reverse "
    "direction keeps the effort and does not read it as adaptive thinking",
)


def thinking_to_effort(req: Json, out: Json, ctx: Context) -> None:
    """``reasoning_effort`` for ``thinking`` and ``output_config.effort``; with extensions on the
    ``thinking`` object is also carried verbatim (Anthropic's own OpenAI-compatibility layer reads
    it there), and an effort next to non-adaptive thinking is carried as ``output_config.effort``."""
    _thinking(req, out, ctx)
    config = req.get("output_config") or {}
    effort = config.get("effort")
    if effort is not None:
        if effort in EFFORT_TO_ANTHROPIC or effort == "none":
            out["reasoning_effort"] = effort
        else:
            ctx.lose(
                _EFFORT,
                "output_config.effort",
                kind="unknown",
                detail=f"effort {quote(effort)} is unknown; dropped",
            )
    thinking = req.get("thinking")
    if (
        ctx.options.extensions
        and "reasoning_effort" in out
        and effort is not None
        and (thinking is None or thinking["type"] != "adaptive")
    ):
        # The reverse direction reads a bare reasoning_effort as adaptive thinking with that
        # effort. Next to enabled or disabled thinking (carried verbatim) it would drop the
        # effort, and with no thinking at all it would switch thinking on; carried, the effort
        # comes back as it was.
        out.setdefault("output_config", {})["effort"] = effort


def _thinking(req: Json, out: Json, ctx: Context) -> None:
    thinking = req.get("thinking")
    if thinking is None:
        return
    kind = thinking["type"]
    effort = (req.get("output_config") or {}).get("effort")
    carried = ctx.options.extensions
    mapped = EFFORT_TO_ANTHROPIC.get(effort) if effort is not None else None
    if thinking == {"type": "adaptive"} and mapped is not None and mapped.exact:
        # reasoning_effort (set from output_config.effort) already says all of it: the reverse
        # direction makes {type: adaptive} + that effort again. Carrying it as well would give
        # an OpenAI client's request back with an extra thinking key.
        carried = False
    if not carried or (kind == "disabled" and effort is None):
        # not carried verbatim (disabled thinking is carried only next to an effort): its
        # unknown keys and block_binding are lost, so they are reported
        ctx.unknown(
            thinking,
            frozenset({"type", "budget_tokens", "display", "block_binding"}),
            "thinking",
        )
        if thinking.get("block_binding") is not None:
            ctx.lose(
                _BLOCK_BINDING,
                "thinking.block_binding",
                detail="thinking.block_binding has no OpenAI counterpart",
            )
    if kind == "disabled":
        out["reasoning_effort"] = "none"
        if carried and effort is not None:
            # output_config.effort overrides reasoning_effort; carry the thinking object so that
            # the reverse direction does not read that effort as adaptive thinking
            out["thinking"] = thinking
        return
    if carried:
        out["thinking"] = thinking
    if kind == "adaptive":
        if effort is None and not carried:
            out["reasoning_effort"] = "high"
            ctx.lose(
                _THINKING,
                "thinking",
                kind="approximated",
                detail="adaptive thinking without an effort level sent as reasoning_effort 'high' (Anthropic's default effort)",
            )
        elif not carried:
            _display(thinking, ctx)
    elif kind == "enabled":
        budget = thinking["budget_tokens"]
        level = _effort_for_budget(budget, ctx.options.effort_budgets)
        if effort is None:
            out["reasoning_effort"] = level
        if not carried and dialect_of(ctx).knob != "openrouter":  # (OpenRouter takes budgets)
            if ctx.options.effort_budgets.get(level) != budget:
                ctx.lose(
                    _THINKING,
                    "thinking.budget_tokens",
                    kind="approximated",
                    detail=f"thinking budget {budget} sent as reasoning_effort {quote(level)} (OpenAI has effort levels, not budgets)",
                )
            _display(thinking, ctx)
    elif not carried:
        ctx.lose(
            _THINKING,
            "thinking",
            kind="dropped",
            detail=f"thinking type {quote(kind)} has no OpenAI counterpart; dropped",
        )


def _display(thinking: Json, ctx: Context) -> None:
    if thinking.get("display") is not None:
        ctx.lose(
            _THINKING,
            "thinking.display",
            kind="dropped",
            detail="thinking.display has no OpenAI counterpart",
        )


def _effort_for_budget(budget: int, table: Mapping[str, int]) -> str:
    """The largest effort whose budget fits in ``budget`` (the smallest one when none fits)."""
    fitting = [(tokens, effort) for effort, tokens in table.items() if tokens <= budget]
    if fitting:
        return max(fitting)[1]
    return min((tokens, effort) for effort, tokens in table.items())[1]


# -- Anthropic -> an OpenAI-side dialect -------------------------------------------------------------

_DIALECT_KNOB = A2O_REQUEST.mapped(
    "thinking (dialect)",
    "the dialect's thinking switch",
    "reasoning_effort, as for OpenAI, becomes what the dialect reads (docs/dialects.md): its own effort levels (approximated when they differ), OpenRouter's reasoning object (a thinking budget exactly as reasoning.max_tokens), thinking: {type: enabled|disabled} (with an explicit disabled for servers that think by default), DashScope's enable_thinking (off outside streams, reported), nothing for servers without a switch (reported)",
)


def effort_to_dialect(req: Json, out: Json, ctx: Context, path: str | None = None) -> None:
    """The standard ``reasoning_effort`` (already in ``out``) in the form the dialect's server
    reads, and the fields it needs to answer with its reasoning separated. ``req`` is the
    Anthropic request (its exact budget goes to OpenRouter), ``path`` where the effort came from
    when it is not one (a Responses request's ``reasoning.effort``)."""
    dialect = dialect_of(ctx)
    if dialect.name in ("", "openai", "roundtrip"):
        return
    effort = out.pop("reasoning_effort", None)
    on = effort is not None and effort != "none"
    if path is None:
        path = "thinking" if req.get("thinking") is not None else "output_config.effort"
    knob = dialect.knob
    if knob == "reasoning_effort":
        if effort is not None:
            out["reasoning_effort"] = _dialect_effort(effort, path, ctx)
    elif knob == "openrouter":
        thinking = req.get("thinking") or {}
        if thinking.get("type") == "enabled":
            out["reasoning"] = {"max_tokens": thinking["budget_tokens"]}
        elif effort is not None:
            out["reasoning"] = {"effort": _dialect_effort(effort, path, ctx)}
    elif knob == "thinking_type":
        if on or dialect.thinks_by_default or effort is not None:
            out["thinking"] = {"type": "enabled" if on else "disabled"}
        if on and dialect.efforts:
            out["reasoning_effort"] = _dialect_effort(effort, path, ctx)
        elif on and effort != "high":
            ctx.lose(
                _DIALECT_KNOB,
                path,
                kind="approximated",
                detail=f"{dialect.title} has no effort levels: effort {quote(effort)} sent as thinking on",
            )
    elif knob == "enable_thinking":
        if on and dialect.thinks_only_streaming and not req.get("stream"):
            ctx.lose(
                _DIALECT_KNOB,
                path,
                kind="dropped",
                detail=f"{dialect.title} thinks in streams only; thinking was switched off for this non-stream request",
            )
            on = False
        if effort is not None or on:
            out["enable_thinking"] = on
    elif on:
        ctx.lose(
            _DIALECT_KNOB,
            path,
            kind="dropped",
            detail=f"{dialect.title} has no thinking switch; effort {quote(effort)} was not sent",
        )
    if on:
        out.update(dialect.adds_when_thinking)
    out.update(dialect.adds)


def _dialect_effort(effort: str, path: str, ctx: Context) -> str:
    dialect = dialect_of(ctx)
    value = dialect.efforts.get(effort, effort)
    if value != effort:
        ctx.lose(
            _DIALECT_KNOB,
            path,
            kind="approximated",
            detail=f"{dialect.title} has no effort {quote(effort)}: sent as {quote(value)}",
        )
    return value
