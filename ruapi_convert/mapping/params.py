"""
ruapi_convert.mapping.params
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: the scalar request parameters are mapped here: the model, the token limit, stop sequences,
streaming, sampling, structured output (``response_format`` <-> ``output_config.format``), the
end-user identity, and the parameters with no counterpart at all.

A parameter whose value is the protocol's documented default (``n: 1``, ``logprobs: false``,
penalties of 0, ``modalities: ["text"]`` ...) asks for nothing, so dropping it is not a loss.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .._quote import quote
from ..errors import UnsupportedError
from ._ledger import A2O_REQUEST, O2A_REQUEST, Json
from .thinking import enabled

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "drop_unmapped",
    "identity_to_anthropic",
    "max_tokens_to_anthropic",
    "output_config_to_openai",
    "refuse_n",
    "response_format_to_anthropic",
    "sampling_to_anthropic",
    "stop_to_anthropic",
    "stop_to_openai",
    "stream_options_to_anthropic",
]

# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_REQUEST.mapped(
    "model",
    "model",
    "unchanged unless the `model` option replaces it",
)
_MAX_COMPLETION_TOKENS = O2A_REQUEST.mapped(
    "max_completion_tokens",
    "max_tokens",
    "both include reasoning/thinking tokens; when neither max_completion_tokens nor max_tokens is given, `default_max_tokens` (4096) is sent and reported as defaulted, because Anthropic requires max_tokens",
)
_MAX_TOKENS = O2A_REQUEST.mapped(
    "max_tokens",
    "max_tokens",
    "deprecated OpenAI spelling; if both are given and differ, max_completion_tokens wins and max_tokens is reported",
)
O2A_REQUEST.refused(
    "n",
    "1 (or absent) is fine; n > 1 raises UnsupportedError: Anthropic returns one reply",
)
O2A_REQUEST.mapped(
    "stop",
    "stop_sequences",
    "a string becomes a one-element list",
)
O2A_REQUEST.mapped(
    "stream",
    "stream",
)
O2A_REQUEST.mapped(
    "stream_options",
    "",
    "include_usage needs no field: Anthropic streams always carry usage, and AnthropicToOpenAIStream(include_usage=...) decides what the client gets",
)
O2A_REQUEST.mapped(
    "stream_options.include_usage",
    "",
    "see stream_options",
)
_OBFUSCATION = O2A_REQUEST.dropped(
    "stream_options.include_obfuscation",
    "obfuscation padding has no Anthropic counterpart; reported only when true",
)
_TEMPERATURE = O2A_REQUEST.mapped(
    "temperature",
    "temperature",
    "API version 2023-06-01: values above Anthropic's maximum of 1 are clamped to 1 (approximated); dropped when thinking is on (Anthropic rejects it then). Version 2026-10-21 rejects the parameter: dropped",
)
_TOP_P = O2A_REQUEST.mapped(
    "top_p",
    "top_p",
    "2023-06-01 only (dropped under 2026-10-21); with thinking Anthropic allows 0.95-1, lower values are raised to 0.95 (approximated)",
)
_TOP_K = O2A_REQUEST.carried(
    "top_k",
    "top_k",
    "not an OpenAI parameter; read from the request when present (vLLM/OpenRouter convention, and our reverse direction) and sent under 2023-06-01 without thinking",
)
O2A_REQUEST.mapped(
    "safety_identifier",
    "metadata.user_id",
    "Anthropic: 'an external identifier for the user'; wins over user when both are given",
)
_USER = O2A_REQUEST.mapped(
    "user",
    "metadata.user_id",
    "used when safety_identifier is absent; reported when both differ",
)
_RESPONSE_FORMAT = O2A_REQUEST.mapped(
    "response_format",
    "output_config.format",
    "text: nothing to send; json_schema: output_config.format {type: json_schema, schema}",
)
O2A_REQUEST.mapped(
    "response_format.type",
    "output_config.format.type",
)
O2A_REQUEST.mapped(
    "response_format.json_schema",
    "output_config.format",
)
O2A_REQUEST.mapped(
    "response_format.json_schema.schema",
    "output_config.format.schema",
    "sent as given (Anthropic supports a subset of JSON Schema and says which keywords it rejects); absent -> {type: object, properties: {}}",
)
O2A_REQUEST.mapped(
    "response_format.json_schema.name",
    "",
    "an identifier OpenAI requires and the model does not read; Anthropic's output format needs none, so it is not reported",
)
_SCHEMA_DESCRIPTION = O2A_REQUEST.dropped(
    "response_format.json_schema.description",
    "Anthropic's output format has no description",
)
_SCHEMA_STRICT = O2A_REQUEST.mapped(
    "response_format.json_schema.strict",
    "",
    "Anthropic always enforces the schema; strict false or absent (OpenAI's default is false) is reported as approximated",
)
_JSON_OBJECT = O2A_REQUEST.dropped(
    "response_format (json_object)",
    "JSON mode without a schema has no Anthropic counterpart; use json_schema",
)

#: Parameters with no Anthropic counterpart at all.
_DROPPED_ROWS: Final[dict[str, Fate]] = {
    row.field: row
    for row in (
        O2A_REQUEST.dropped(
            "frequency_penalty",
            "no Anthropic counterpart (0 is not reported)",
        ),
        O2A_REQUEST.dropped(
            "presence_penalty",
            "no Anthropic counterpart (0 is not reported)",
        ),
        O2A_REQUEST.dropped(
            "logit_bias",
            "no Anthropic counterpart",
        ),
        O2A_REQUEST.dropped(
            "logprobs",
            "Anthropic returns no log probabilities (false is not reported)",
        ),
        O2A_REQUEST.dropped(
            "top_logprobs",
            "Anthropic returns no log probabilities",
        ),
        O2A_REQUEST.dropped(
            "seed",
            "no Anthropic counterpart",
        ),
        O2A_REQUEST.dropped(
            "metadata",
            "OpenAI's stored-completion tags have no Anthropic counterpart (Anthropic's metadata holds only user_id, which comes from safety_identifier/user)",
        ),
        O2A_REQUEST.dropped(
            "store",
            "no Anthropic counterpart (false is not reported)",
        ),
        O2A_REQUEST.dropped(
            "modalities",
            "Anthropic replies in text only (['text'] is not reported)",
        ),
        O2A_REQUEST.dropped(
            "audio",
            "no audio output on Anthropic",
        ),
        O2A_REQUEST.dropped(
            "prediction",
            "no Predicted Outputs on Anthropic",
        ),
        O2A_REQUEST.dropped(
            "verbosity",
            "no Anthropic counterpart ('medium', the default, is not reported)",
        ),
        O2A_REQUEST.dropped(
            "prompt_cache_key",
            "Anthropic caches by prefix and cache_control breakpoints, not by key",
        ),
        O2A_REQUEST.dropped(
            "prompt_cache_options",
            "Anthropic caching is set per block with cache_control",
        ),
        O2A_REQUEST.dropped(
            "prompt_cache_retention",
            "no Anthropic counterpart",
        ),
        O2A_REQUEST.dropped(
            "moderation",
            "no moderated completions on Anthropic",
        ),
    )
}

# Parameters whose value, when it equals the protocol default, means "nothing asked for": not a loss.
_NOOP_DEFAULTS: Final[dict[str, Any]] = {
    "n": 1,
    "logprobs": False,
    "top_logprobs": 0,
    "frequency_penalty": 0,
    "presence_penalty": 0,
    "store": False,
    "modalities": ["text"],
    "logit_bias": {},
    "metadata": {},
    "verbosity": "medium",
}
_MISSING: Final = object()


def refuse_n(req: Json) -> None:
    """``n > 1`` has no Anthropic form: Anthropic returns exactly one reply."""
    n = req.get("n")
    if n is not None and n != 1:
        raise UnsupportedError(
            "Anthropic returns exactly one reply; n > 1 has no faithful conversion", path="n"
        )


def max_tokens_to_anthropic(req: Json, ctx: Context) -> int:
    """Anthropic's (required) ``max_tokens``: ``max_completion_tokens``, else the deprecated
    ``max_tokens``, else the ``default_max_tokens`` option (reported as defaulted)."""
    mct, mt = req.get("max_completion_tokens"), req.get("max_tokens")
    if mct is not None:
        if mt is not None and mt != mct:
            ctx.lose(
                _MAX_TOKENS,
                "max_tokens",
                kind="dropped",
                detail="both max_tokens and max_completion_tokens given; max_completion_tokens used",
            )
        return int(mct)
    if mt is not None:
        return int(mt)
    default = ctx.options.default_max_tokens
    ctx.lose(
        _MAX_COMPLETION_TOKENS,
        "max_completion_tokens",
        kind="defaulted",
        detail=f"Anthropic requires max_tokens; the default {default} was sent",
    )
    return default


def stop_to_anthropic(req: Json, out: Json) -> None:
    """``stop`` (a string or a list) as ``stop_sequences``."""
    stop = req.get("stop")
    if stop is None:
        return
    sequences = [stop] if isinstance(stop, str) else list(stop)
    if sequences:
        out["stop_sequences"] = sequences


def stream_options_to_anthropic(req: Json, ctx: Context) -> None:
    """``stream_options`` need no field: Anthropic streams always report usage."""
    opts = req.get("stream_options")
    if opts is None:
        return
    # include_usage: AnthropicToOpenAIStream(include_usage=...) decides whether the client gets
    # the final usage chunk. include_obfuscation is padding only.
    if opts.get("include_obfuscation"):
        ctx.lose(_OBFUSCATION, "stream_options.include_obfuscation")
    ctx.unknown(opts, frozenset({"include_usage", "include_obfuscation"}), "stream_options")


_SAMPLING_ROWS: Final = {"temperature": _TEMPERATURE, "top_p": _TOP_P, "top_k": _TOP_K}


def sampling_to_anthropic(req: Json, out: Json, ctx: Context) -> None:
    """``temperature``, ``top_p`` and ``top_k`` (carried by our reverse direction) within what the
    API version and thinking allow. Runs after the effort mapping, which decides thinking."""
    if "temperature" not in req and "top_p" not in req and "top_k" not in out:
        return  # most requests: no sampling parameter
    version = ctx.options.anthropic_version
    thinking_on = enabled(out)
    for key, row in _SAMPLING_ROWS.items():
        value = out.pop(key, None) if key == "top_k" else req.get(key)
        if value is None:
            continue
        if version == "2026-10-21":
            ctx.lose(
                row,
                key,
                kind="dropped",
                detail=f"{key} is not accepted by Anthropic API version 2026-10-21 (any value is a 400)",
            )
            continue
        if thinking_on and (key == "top_k" or (key == "temperature" and value != 1)):
            # Anthropic: "Thinking isn't compatible with temperature or top_k modifications".
            ctx.lose(
                row,
                key,
                kind="dropped",
                detail=f"Anthropic does not allow {key} with thinking (only the default temperature of 1)",
            )
            continue
        if key == "temperature" and value > 1:
            ctx.lose(
                row,
                key,
                kind="approximated",
                detail=f"temperature {value} clamped to 1 (Anthropic's range is 0-1)",
            )
            value = 1
        if key == "top_p" and thinking_on and value < 0.95:
            ctx.lose(
                row,
                key,
                kind="approximated",
                detail=f"top_p {value} raised to 0.95: with thinking Anthropic allows 0.95-1",
            )
            value = 0.95
        out[key] = value


def response_format_to_anthropic(req: Json, out: Json, ctx: Context) -> None:
    """``response_format`` json_schema as ``output_config.format``."""
    fmt = req.get("response_format")
    if fmt is None:
        return
    if fmt["type"] in ("text", "json_object"):
        # unknown keys are not copied: report them
        ctx.unknown(fmt, frozenset({"type"}), "response_format")
    if fmt["type"] == "text":
        return
    if fmt["type"] == "json_schema":
        spec = fmt["json_schema"]
        # unknown keys are not copied: report them
        ctx.unknown(fmt, frozenset({"type", "json_schema"}), "response_format")
        ctx.unknown(
            spec,
            frozenset({"name", "description", "schema", "strict"}),
            "response_format.json_schema",
        )
        schema = spec.get("schema") or {"type": "object", "properties": {}}
        out.setdefault("output_config", {})["format"] = {"type": "json_schema", "schema": schema}
        if spec.get("description") is not None:
            ctx.lose(_SCHEMA_DESCRIPTION, "response_format.json_schema.description")
        if spec.get("strict") is not True:
            # OpenAI's default is false (best effort); Anthropic's output_config.format is
            # always enforced, so a schema that was only a hint becomes a constraint.
            given = spec.get("strict") is not None
            ctx.lose(
                _SCHEMA_STRICT,
                "response_format.json_schema.strict" if given else "response_format.json_schema",
                kind="approximated",
                detail=f"strict {'false' if given else 'absent (false by default)'}: Anthropic always enforces the schema",
            )
    elif fmt["type"] == "json_object":
        ctx.lose(_JSON_OBJECT, "response_format")
    else:
        ctx.lose(
            _RESPONSE_FORMAT,
            "response_format",
            kind="unknown",
            detail=f"response_format type {quote(fmt['type'])} is unknown; dropped",
        )


def identity_to_anthropic(req: Json, out: Json, ctx: Context) -> None:
    """``safety_identifier`` (else ``user``) as ``metadata.user_id``."""
    sid, user = req.get("safety_identifier"), req.get("user")
    if sid is not None:
        out["metadata"] = {"user_id": sid}
        if user is not None and user != sid:
            ctx.lose(
                _USER,
                "user",
                kind="dropped",
                detail="user dropped: safety_identifier was sent as metadata.user_id",
            )
    elif user is not None:
        out["metadata"] = {"user_id": user}


def drop_unmapped(req: Json, ctx: Context) -> None:
    """Report every parameter with no Anthropic counterpart that asks for something."""
    for key in sorted(req.keys() & _DROPPED_ROWS.keys()):
        value = req[key]
        if value is not None and _NOOP_DEFAULTS.get(key, _MISSING) != value:
            ctx.lose(_DROPPED_ROWS[key], key)


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_REQUEST.mapped(
    "model",
    "model",
    "unchanged unless the `model` option replaces it",
)
A2O_REQUEST.mapped(
    "max_tokens",
    "max_completion_tokens",
    "both include reasoning/thinking tokens; the `max_tokens_field` option sends max_tokens instead for servers that only know the old name",
)
A2O_REQUEST.mapped(
    "stop_sequences",
    "stop",
    "OpenAI takes up to 4 sequences",
)
_EXTRA_STOP = A2O_REQUEST.dropped(
    "stop_sequences[]",
    "sequences past the fourth: OpenAI accepts at most 4",
)
A2O_REQUEST.mapped(
    "stream",
    "stream",
    "a streaming request also gets stream_options.include_usage: true, because Anthropic clients always receive usage",
)
A2O_REQUEST.mapped(
    "temperature",
    "temperature",
    "Anthropic's 0-1 lies inside OpenAI's 0-2",
)
A2O_REQUEST.mapped(
    "top_p",
    "top_p",
)
A2O_REQUEST.mapped(
    "metadata",
)
A2O_REQUEST.mapped(
    "metadata.user_id",
    "user",
    "the `user_field` option sends it as safety_identifier instead",
)
A2O_REQUEST.mapped(
    "output_config",
)
_OUTPUT_FORMAT = A2O_REQUEST.mapped(
    "output_config.format",
    "response_format",
    "{type: json_schema, json_schema: {name: 'response', schema, strict: true}}: OpenAI requires a name",
)
_TASK_BUDGET = A2O_REQUEST.carried(
    "output_config.task_budget",
    "output_config.task_budget",
    "beta",
)
A2O_REQUEST.mapped(
    "output_config.format.schema",
    "response_format.json_schema.schema",
)

#: OpenAI's maximum number of stop sequences ("Up to 4 sequences").
_MAX_STOP: Final = 4


def stop_to_openai(req: Json, out: Json, ctx: Context) -> None:
    """``stop_sequences`` as ``stop`` (OpenAI takes at most four)."""
    stops = req.get("stop_sequences")
    if not stops:
        return
    if len(stops) > _MAX_STOP:
        for k in range(_MAX_STOP, len(stops)):
            ctx.lose(_EXTRA_STOP, f"stop_sequences[{k}]")
    out["stop"] = stops[:_MAX_STOP]


def output_config_to_openai(req: Json, out: Json, ctx: Context) -> None:
    """``output_config.format`` as ``response_format``, and ``task_budget`` carried (the effort
    is the effort mapping's: see :func:`.thinking.thinking_to_effort`, which runs after this)."""
    config = req.get("output_config")
    if config is None:
        return
    ctx.unknown(config, frozenset({"effort", "format", "task_budget"}), "output_config")
    fmt = config.get("format")
    if fmt is not None:
        if fmt["type"] == "json_schema":
            # unknown keys are not copied: report them
            ctx.unknown(fmt, frozenset({"type", "schema"}), "output_config.format")
            # OpenAI requires a name; the reverse direction does not report this one as lost.
            out["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "response", "schema": fmt["schema"], "strict": True},
            }
        else:
            ctx.lose(
                _OUTPUT_FORMAT,
                "output_config.format",
                kind="unknown",
                detail=f"output format {quote(fmt['type'])} is unknown; dropped",
            )
    budget = config.get("task_budget")
    if budget is not None and ctx.carry(_TASK_BUDGET, "output_config.task_budget"):
        out.setdefault("output_config", {})["task_budget"] = budget
