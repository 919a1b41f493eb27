"""
ruapi_convert.mapping.params_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The params, thinking and cache concepts between the Responses API and Anthropic Messages, for the
top level of a request: token limits, sampling, structured output (``text.format`` <->
``output_config.format``), reasoning (``reasoning.effort`` / ``summary`` <-> ``thinking`` +
``output_config.effort`` / ``display``), identity, service tier, request-level caching, and what
needs server-side state.

A request for a Responses upstream made from an Anthropic one is stateless: ``store: false``, the
whole conversation in ``input``, and - when it asks for reasoning - ``include:
["reasoning.encrypted_content"]``, so that the reasoning comes back as blobs the Anthropic client
can send back in its thinking blocks (see :mod:`.reasoning_responses_anthropic`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..errors import UnsupportedError
from ._ledger import A2R_REQUEST, R2A_REQUEST, Json
from .params import identity_to_anthropic, sampling_to_anthropic
from .params_responses import ENCRYPTED_REASONING
from .thinking import effort_to_thinking, enabled, missing_thinking
from .usage import ANTHROPIC_SERVICE_TIER_TO_OPENAI, OPENAI_SERVICE_TIER_TO_ANTHROPIC

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "params_to_anthropic",
    "params_to_responses",
    "thinking_after_tools",
]

#: The name a json_schema format gets when Anthropic's (which has none) becomes a Responses one.
SCHEMA_NAME: Final = "output"
_SOURCES_INCLUDE: Final = "web_search_call.action.sources"

# -- Responses -> Anthropic ---------------------------------------------------------------------------

R2A_REQUEST.mapped(
    "model",
    "model",
    "unchanged unless the `model` argument replaces it; none raises UnsupportedError",
)
_MAX_OUTPUT = R2A_REQUEST.mapped(
    "max_output_tokens",
    "max_tokens",
    "both include reasoning/thinking tokens; absent -> `default_max_tokens` (defaulted: Anthropic requires max_tokens)",
)
R2A_REQUEST.mapped("stream", "stream")
R2A_REQUEST.mapped("stream_options", "", "Anthropic streams need no options")
_OBFUSCATION = R2A_REQUEST.dropped(
    "stream_options.include_obfuscation", "no Anthropic counterpart (reported when true)"
)
_TEMPERATURE = R2A_REQUEST.mapped(
    "temperature",
    "temperature",
    "as for Chat clients: clamped to Anthropic's 0-1 (approximated), dropped with thinking on or under API version 2026-10-21",
)
R2A_REQUEST.mapped("top_p", "top_p", "as for Chat clients (raised to 0.95 with thinking)")
R2A_REQUEST.dropped("top_logprobs", "Anthropic returns no log probabilities")
R2A_REQUEST.dropped("max_tool_calls", "a limit on hosted tool calls, which Anthropic does not run")
R2A_REQUEST.mapped("text", "output_config.format", "see its fields")
_FORMAT = R2A_REQUEST.mapped(
    "text.format",
    "output_config.format",
    "{type: json_schema, schema} -> {type: json_schema, schema} (Anthropic always enforces it: strict false is approximated); text -> nothing; json_object has no Anthropic form (dropped)",
)
R2A_REQUEST.mapped("text.format.schema", "output_config.format.schema")
_FORMAT_NAME = R2A_REQUEST.dropped(
    "text.format.name",
    "Anthropic's format has no name; dropped (reported, except the 'output' name the reverse direction writes)",
)
_FORMAT_DESCRIPTION = R2A_REQUEST.dropped(
    "text.format.description", "Anthropic's format has no description"
)
R2A_REQUEST.mapped("text.format.strict", "", "see text.format")
_VERBOSITY = R2A_REQUEST.dropped(
    "text.verbosity", "Anthropic has no verbosity setting ('medium', the default, is not reported)"
)
R2A_REQUEST.mapped(
    "reasoning",
    "thinking + output_config.effort",
    "see its fields",
)
R2A_REQUEST.mapped(
    "reasoning.effort",
    "thinking + output_config.effort",
    "as reasoning_effort from a Chat client (thinking_mode adaptive: {type: adaptive} + output_config.effort; enabled: a budget from effort_budgets); none -> {type: disabled}; minimal -> low (approximated)",
)
_SUMMARY = R2A_REQUEST.mapped(
    "reasoning.summary",
    "thinking.display",
    "auto -> Claude's default display, summarized thinking (the thinking text is Claude's summary); concise and detailed -> the same (approximated); none (or no summary) -> the default too: Claude's thinking text then comes back as summaries the client did not ask for (not reported)",
)
R2A_REQUEST.mapped(
    "reasoning.generate_summary", "thinking.display", "deprecated spelling of summary"
)
_CONTEXT = R2A_REQUEST.dropped(
    "reasoning.context", "which turns' reasoning to use: Anthropic decides ('auto' is not reported)"
)
_MODE = R2A_REQUEST.dropped(
    "reasoning.mode", "no Anthropic counterpart ('standard' is not reported)"
)
_INCLUDE = R2A_REQUEST.mapped(
    "include",
    "",
    "reasoning.encrypted_content: reasoning items always carry the signature (see reasoning); web_search_call.action.sources: always written; the others ask for data Anthropic does not produce (dropped)",
)
_METADATA = R2A_REQUEST.dropped(
    "metadata",
    "Anthropic metadata holds only user_id; other keys have no place (an empty object is not reported)",
)
R2A_REQUEST.mapped("safety_identifier", "metadata.user_id", "wins over user")
_USER = R2A_REQUEST.mapped("user", "metadata.user_id")
_CACHE_KEY = R2A_REQUEST.approximated(
    "prompt_cache_key",
    "cache_control",
    "Anthropic has no cache key; the request gets Anthropic's top-level cache_control {type: ephemeral} (automatic caching of the prompt prefix) instead",
)
_RETENTION = R2A_REQUEST.approximated(
    "prompt_cache_retention",
    "cache_control.ttl",
    "24h -> ttl 1h (Anthropic's longest); in_memory -> the 5-minute default",
)
_CACHE_OPTIONS = R2A_REQUEST.dropped(
    "prompt_cache_options",
    "cache mode, TTL, pre-warming and diagnostics of OpenAI's prompt cache have no Anthropic counterpart",
)
for _key in ("mode", "ttl", "prewarm", "comparison_response_id"):
    R2A_REQUEST.dropped(f"prompt_cache_options.{_key}", "see prompt_cache_options")
_TIER = R2A_REQUEST.mapped(
    "service_tier",
    "service_tier",
    "auto -> auto, default -> standard_only, priority and fast -> auto (approximated); flex and scale have no counterpart (dropped)",
)
_TRUNCATION = R2A_REQUEST.dropped(
    "truncation",
    "'auto' lets the server drop the oldest items; Anthropic does not ('disabled' is not reported)",
)
_DROPPED: Final = {
    key: R2A_REQUEST.dropped(key, note)
    for key, note in (
        (
            "context_management",
            "OpenAI's compaction settings: Anthropic's context management is a different beta",
        ),
        ("moderation", "no Anthropic counterpart"),
        ("image", "image context compression has no Anthropic counterpart"),
        ("access_programs", "no Anthropic counterpart"),
    )
}
for _key in ("moderation.model", "moderation.policy", "moderation.policy.input",
             "moderation.policy.output", "context_management[].compact_threshold",
             "image.context_compression", "access_programs.cyber"):  # fmt: skip
    R2A_REQUEST.dropped(_key, "see its parent")
_STATEFUL: Final = {
    "previous_response_id": R2A_REQUEST.stateful(
        "previous_response_id",
        "the items of a stored response: pass them in `history` (then it is served and not reported)",
    ),
    "conversation": R2A_REQUEST.stateful(
        "conversation",
        "the items of a stored conversation: pass them in `history` (then it is served and not reported)",
    ),
    "store": R2A_REQUEST.stateful(
        "store", "true asks the server to store the response; Anthropic stores nothing"
    ),
    "background": R2A_REQUEST.stateful(
        "background", "background mode needs polling of a stored response (false is not reported)"
    ),
    "background_options": R2A_REQUEST.stateful("background_options", "see background"),
    "prompt": R2A_REQUEST.stateful("prompt", "a stored prompt template"),
}
for _key in ("conversation.id", "background_options.completion_window",
             "background_options.continuation_id", "prompt.id", "prompt.version",
             "prompt.variables"):  # fmt: skip
    R2A_REQUEST.stateful(_key, "see its parent")

_DEFAULTS: Final = {"context": "auto", "mode": "standard"}


def params_to_anthropic(req: Json, out: Json, ctx: Context, *, history: bool) -> None:
    """Every top-level field of a Responses request but ``model``, ``instructions``, ``input``,
    ``tools`` and ``tool_choice``, into ``out`` (which already has its messages)."""
    if req.get("max_output_tokens") is not None:
        out["max_tokens"] = req["max_output_tokens"]
    else:
        default = ctx.options.default_max_tokens
        ctx.lose(
            _MAX_OUTPUT,
            "max_output_tokens",
            kind="defaulted",
            detail=f"Anthropic requires max_tokens; the default {default} was sent",
        )
        out["max_tokens"] = default
    if req.get("stream") is not None:
        out["stream"] = req["stream"]
    if (req.get("stream_options") or {}).get("include_obfuscation"):
        ctx.lose(_OBFUSCATION, "stream_options.include_obfuscation")
    _reasoning(req, out, ctx)
    sampling_to_anthropic(req, out, ctx)
    _text(req, out, ctx)
    for k, value in enumerate(req.get("include") or ()):
        if value not in (ENCRYPTED_REASONING, _SOURCES_INCLUDE):
            ctx.lose(
                _INCLUDE,
                f"include[{k}]",
                kind="dropped",
                detail=f"include {ctx.quote(value)} asks for data Anthropic does not produce",
            )
    if req.get("metadata"):
        ctx.lose(_METADATA, "metadata")
    identity_to_anthropic(req, out, ctx)
    _cache(req, out, ctx)
    _tier(req, out, ctx)
    if req.get("truncation") not in (None, "disabled"):
        ctx.lose(_TRUNCATION, "truncation")
    if req.get("top_logprobs") is not None:
        ctx.lose(R2A_REQUEST.row("top_logprobs"), "top_logprobs")
    if req.get("max_tool_calls") is not None:
        ctx.lose(R2A_REQUEST.row("max_tool_calls"), "max_tool_calls")
    for key, row in _DROPPED.items():
        if req.get(key) is not None:
            ctx.lose(row, key)
    for key, row in _STATEFUL.items():
        value = req.get(key)
        if value is None or value is False:
            continue
        if key in ("previous_response_id", "conversation") and history:
            continue
        ctx.lose(row, key)


def _reasoning(req: Json, out: Json, ctx: Context) -> None:
    reasoning = req.get("reasoning")
    if reasoning is None:
        return
    ctx.unknown(
        reasoning,
        frozenset({"effort", "summary", "generate_summary", "context", "mode"}),
        "reasoning",
    )
    if reasoning.get("effort") is not None:
        # as a Chat client's reasoning object (its loss paths are reasoning.effort)
        effort_to_thinking({"reasoning": {"effort": reasoning["effort"]}}, out, ctx)
    for key in ("summary", "generate_summary"):
        summary = reasoning.get(key)
        if summary is None:
            continue
        # Claude 4 models summarize thinking by default (display "summarized"); sending it
        # explicitly would fail on models that do not take display
        if enabled(out) and summary not in ("auto", "none"):
            ctx.lose(
                _SUMMARY,
                f"reasoning.{key}",
                kind="approximated",
                detail=f"summary {ctx.quote(summary)}: Claude summarizes thinking its own way",
            )
        break
    for key, row in (("context", _CONTEXT), ("mode", _MODE)):
        value = reasoning.get(key)
        if value is not None and value != _DEFAULTS[key]:
            ctx.lose(row, f"reasoning.{key}")


def thinking_after_tools(req: Json, out: Json, ctx: Context) -> None:
    """Switch thinking off where Anthropic would reject it: a tool choice that forces a tool
    ("only tool_choice auto or none is supported" with thinking), or an assistant turn being
    continued whose reasoning was not sent back (see ``missing_thinking``)."""
    choice = out.get("tool_choice") or {}
    if enabled(out) and choice.get("type") in ("any", "tool"):
        out.pop("thinking", None)
        config = out.get("output_config") or {}
        config.pop("effort", None)
        if not config:
            out.pop("output_config", None)
        ctx.lose(
            R2A_REQUEST.row("reasoning.effort"),
            "reasoning.effort",
            kind="dropped",
            detail="thinking was not enabled: Anthropic does not allow a forced tool choice with thinking, and the tool choice was kept",
        )
    missing_thinking({"reasoning": req.get("reasoning")}, out, ctx)


def _text(req: Json, out: Json, ctx: Context) -> None:
    text = req.get("text")
    if text is None:
        return
    ctx.unknown(text, frozenset({"format", "verbosity"}), "text")
    if text.get("verbosity") not in (None, "medium"):
        ctx.lose(_VERBOSITY, "text.verbosity")
    fmt = text.get("format")
    if fmt is None or fmt.get("type") == "text":
        return
    if fmt.get("type") == "json_object":
        ctx.lose(
            _FORMAT,
            "text.format",
            kind="dropped",
            detail="json_object has no Anthropic form; dropped",
        )
        return
    if fmt.get("type") != "json_schema":
        ctx.lose(
            _FORMAT,
            "text.format",
            kind="unknown",
            detail=f"text.format type {ctx.quote(fmt.get('type'))} is unknown; dropped",
        )
        return
    ctx.unknown(fmt, frozenset({"type", "name", "schema", "description", "strict"}), "text.format")
    out.setdefault("output_config", {})["format"] = {"type": "json_schema", "schema": fmt["schema"]}
    if fmt.get("name") not in (None, SCHEMA_NAME):
        ctx.lose(_FORMAT_NAME, "text.format.name")
    if fmt.get("description") is not None:
        ctx.lose(_FORMAT_DESCRIPTION, "text.format.description")
    if fmt.get("strict") is False:
        ctx.lose(
            _FORMAT,
            "text.format.strict",
            kind="approximated",
            detail="strict false: Anthropic always enforces the schema",
        )


def _cache(req: Json, out: Json, ctx: Context) -> None:
    key = req.get("prompt_cache_key")
    retention = req.get("prompt_cache_retention")
    if key is not None or retention is not None:
        control: Json = {"type": "ephemeral"}
        if retention == "24h":
            control["ttl"] = "1h"
        out["cache_control"] = control
    if key is not None:
        ctx.lose(_CACHE_KEY, "prompt_cache_key")
    if retention not in (None, "in_memory"):
        ctx.lose(_RETENTION, "prompt_cache_retention")
    options = req.get("prompt_cache_options")
    if options:
        ctx.lose(_CACHE_OPTIONS, "prompt_cache_options")


def _tier(req: Json, out: Json, ctx: Context) -> None:
    tier = req.get("service_tier")
    if tier is None:
        return
    mapped = OPENAI_SERVICE_TIER_TO_ANTHROPIC.get(tier) if isinstance(tier, str) else None
    if mapped is None:
        ctx.lose(
            _TIER,
            "service_tier",
            kind="dropped",
            detail=f"service tier {ctx.quote(tier)} has no Anthropic counterpart",
        )
        return
    out["service_tier"] = mapped.value
    if not mapped.exact:
        ctx.lose(
            _TIER,
            "service_tier",
            kind="approximated",
            detail=f"service tier {tier!r}: {mapped.note}",
        )


def require_model(req: Json, model: str | None) -> str:
    """The model of a Responses request (a stored prompt's request may have none)."""
    name = model or req.get("model")
    if not name:
        raise UnsupportedError("the request names no model (pass model=...)", path="model")
    return str(name)


# -- Anthropic -> Responses ---------------------------------------------------------------------------

A2R_REQUEST.mapped("model", "model", "unchanged unless the `model` argument replaces it")
A2R_REQUEST.mapped("max_tokens", "max_output_tokens", "both include thinking/reasoning tokens")
A2R_REQUEST.mapped("stream", "stream")
_STOP = A2R_REQUEST.dropped("stop_sequences", "a Responses request has no stop sequences")
A2R_REQUEST.mapped("temperature", "temperature")
A2R_REQUEST.mapped("top_p", "top_p")
_TOP_K = A2R_REQUEST.dropped("top_k", "no Responses counterpart")
_A2R_THINKING = A2R_REQUEST.mapped(
    "thinking",
    "reasoning",
    "disabled -> effort none; adaptive -> output_config.effort (adaptive without one -> high, Anthropic's default: approximated); enabled -> the largest effort whose budget in `effort_budgets` fits budget_tokens (approximated unless equal); display summarized (or none: the default) -> summary auto, omitted -> no summary (the reverse direction then leaves Claude's default display, summarized). A request with reasoning also gets include ['reasoning.encrypted_content'] (stateless: store false)",
)
A2R_REQUEST.mapped("thinking.budget_tokens", "reasoning.effort", "see thinking")
A2R_REQUEST.mapped("thinking.display", "reasoning.summary", "see thinking")
_BINDING = A2R_REQUEST.dropped("thinking.block_binding", "no Responses counterpart")
A2R_REQUEST.dropped("thinking.block_binding.prefix_mismatch_behavior", "see thinking.block_binding")
A2R_REQUEST.mapped("output_config", "reasoning.effort + text.format", "see its fields")
_A2R_EFFORT = A2R_REQUEST.mapped(
    "output_config.effort",
    "reasoning.effort",
    "low, medium, high, xhigh -> the same; max -> xhigh (approximated)",
)
A2R_REQUEST.mapped(
    "output_config.format",
    "text.format",
    "{type: json_schema, schema} -> {type: json_schema, name: 'output', schema, strict: true} (Anthropic always enforces the schema)",
)
A2R_REQUEST.mapped("output_config.format.schema", "text.format.schema")
_TASK_BUDGET = A2R_REQUEST.dropped("output_config.task_budget", "no Responses counterpart")
A2R_REQUEST.dropped("output_config.task_budget.total", "see output_config.task_budget")
A2R_REQUEST.dropped("output_config.task_budget.remaining", "see output_config.task_budget")
A2R_REQUEST.mapped("metadata", "user", "see metadata.user_id")
A2R_REQUEST.mapped("metadata.user_id", "user / safety_identifier", "the `user_field` option")
_A2R_TIER = A2R_REQUEST.mapped(
    "service_tier", "service_tier", "auto -> auto, standard_only -> default"
)
_TOP_CACHE = A2R_REQUEST.dropped(
    "cache_control",
    "Anthropic's automatic caching switch: a Responses upstream caches prompt prefixes on its own, with no request field",
)
A2R_REQUEST.dropped("cache_control.ttl", "see cache_control")
_A2R_DROPPED: Final = {
    key: A2R_REQUEST.dropped(key, note)
    for key, note in (
        ("speed", "no Responses counterpart"),
        ("inference_geo", "no Responses counterpart"),
        ("container", "Anthropic's code execution container"),
        ("diagnostics", "no Responses counterpart"),
        ("mcp_servers", "beta: Anthropic-side MCP connections"),
        ("context_management", "beta: Anthropic's context editing"),
        ("compaction", "beta"),
        ("fallbacks", "beta"),
        ("fallback_credit_token", "beta"),
        ("billing_policy", "beta"),
        ("thread", "beta: a stored thread"),
        ("betas", "Anthropic beta names"),
        ("user_profile_id", "an Anthropic header"),
        ("workspace_id", "an Anthropic header"),
    )
}
_EFFORTS: Final = {
    "low": "low",
    "medium": "medium",
    "high": "high",
    "xhigh": "xhigh",
    "none": "none",
}


def params_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """Every top-level field of an Anthropic request but ``model``, ``system``, ``messages``,
    ``tools`` and ``tool_choice``, into ``out``."""
    out["max_output_tokens"] = req["max_tokens"]
    if req.get("stream") is not None:
        out["stream"] = req["stream"]
    if req.get("stop_sequences"):
        ctx.lose(_STOP, "stop_sequences")
    for key in ("temperature", "top_p"):
        if req.get(key) is not None:
            out[key] = req[key]
    if req.get("top_k") is not None:
        ctx.lose(_TOP_K, "top_k")
    _effort(req, out, ctx)
    _format(req, out, ctx)
    metadata = req.get("metadata")
    if metadata is not None:
        ctx.unknown(metadata, frozenset({"user_id"}), "metadata")
        if metadata.get("user_id") is not None:
            out[ctx.options.user_field] = metadata["user_id"]
    tier = req.get("service_tier")
    if tier is not None:
        mapped = ANTHROPIC_SERVICE_TIER_TO_OPENAI.get(tier) if isinstance(tier, str) else None
        if mapped is None:
            ctx.lose(
                _A2R_TIER,
                "service_tier",
                kind="unknown",
                detail=f"service tier {ctx.quote(tier)} is unknown; dropped",
            )
        else:
            out["service_tier"] = mapped.value
    if req.get("cache_control") is not None:
        ctx.lose(_TOP_CACHE, "cache_control")
    for key, row in _A2R_DROPPED.items():
        if req.get(key) is not None:
            ctx.lose(row, key)
    out["store"] = False


def _effort(req: Json, out: Json, ctx: Context) -> None:
    thinking = req.get("thinking")
    config = req.get("output_config") or {}
    ctx.unknown(config, frozenset({"effort", "format", "task_budget"}), "output_config")
    if config.get("task_budget") is not None:
        ctx.lose(_TASK_BUDGET, "output_config.task_budget")
    effort = config.get("effort")
    reasoning: Json = {}
    if effort is not None:
        mapped = _EFFORTS.get(effort)
        if mapped is None:
            ctx.lose(
                _A2R_EFFORT,
                "output_config.effort",
                kind="approximated" if effort == "max" else "unknown",
                detail=f"effort {ctx.quote(effort)} sent as 'xhigh', the highest Responses effort",
            )
            mapped = "xhigh"
        reasoning["effort"] = mapped
    if thinking is not None:
        kind = thinking.get("type")
        ctx.unknown(
            thinking, frozenset({"type", "budget_tokens", "display", "block_binding"}), "thinking"
        )
        if thinking.get("block_binding") is not None:
            ctx.lose(_BINDING, "thinking.block_binding")
        if kind == "disabled":
            if "effort" in reasoning:
                ctx.lose(
                    _A2R_EFFORT,
                    "output_config.effort",
                    kind="dropped",
                    detail="an effort with thinking disabled: Responses has one effort, for reasoning, which is none",
                )
            reasoning["effort"] = "none"
        elif kind == "adaptive" and "effort" not in reasoning:
            reasoning["effort"] = "high"
            ctx.lose(
                _A2R_THINKING,
                "thinking",
                kind="approximated",
                detail="adaptive thinking without an effort sent as effort 'high' (Anthropic's default effort)",
            )
        elif kind == "enabled" and "effort" in reasoning:
            ctx.lose(
                _A2R_THINKING,
                "thinking.budget_tokens",
                kind="approximated",
                detail="a thinking budget beside an effort: Responses has only the effort, which was sent",
            )
        elif kind == "enabled":
            budget = thinking["budget_tokens"]
            table = ctx.options.effort_budgets
            fitting = [(tokens, name) for name, tokens in table.items() if tokens <= budget]
            level = max(fitting)[1] if fitting else min((t, n) for n, t in table.items())[1]
            reasoning["effort"] = level
            if table.get(level) != budget:
                ctx.lose(
                    _A2R_THINKING,
                    "thinking.budget_tokens",
                    kind="approximated",
                    detail=f"thinking budget {budget} sent as effort {ctx.quote(level)} (Responses has effort levels, not budgets)",
                )
        elif kind not in ("adaptive", "enabled"):
            ctx.lose(
                _A2R_THINKING,
                "thinking",
                kind="dropped",
                detail=f"thinking type {ctx.quote(kind)} has no Responses counterpart; dropped",
            )
        display = thinking.get("display")
        if kind in ("adaptive", "enabled") and display in (None, "summarized"):
            reasoning["summary"] = "auto"
        elif display not in (None, "omitted"):
            ctx.lose(
                _A2R_THINKING,
                "thinking.display",
                kind="dropped",
                detail=f"thinking display {ctx.quote(display)} has no Responses counterpart",
            )
    if reasoning:
        out["reasoning"] = reasoning
        if reasoning.get("effort") != "none":
            out["include"] = [ENCRYPTED_REASONING]


def _format(req: Json, out: Json, ctx: Context) -> None:
    fmt = (req.get("output_config") or {}).get("format")
    if fmt is None:
        return
    ctx.unknown(fmt, frozenset({"type", "schema"}), "output_config.format")
    out["text"] = {
        "format": {
            "type": "json_schema",
            "name": SCHEMA_NAME,
            "schema": fmt["schema"],
            "strict": True,
        }
    }
