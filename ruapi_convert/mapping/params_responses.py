"""
ruapi_convert.mapping.params_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the params concept: the scalar request parameters, structured output
(``text.format`` <-> ``response_format``), the identity and cache keys, and the parameters that
ask a server to keep state - ``previous_response_id``, ``conversation``, ``store: true``,
``background``, ``prompt`` - which a pure function cannot serve: they are reported with loss kind
``stateful`` (so ``strict=True`` refuses them), unless the caller resolved them by passing the
stored items in ``history=``.

Defaults differ in two places, and both are kept by writing them out: Responses stores a response
unless ``store: false`` while Chat stores nothing unless ``store: true``, so a Chat request
without ``store`` becomes ``store: false``; and Responses function tools are strict by default
(see :mod:`.tools_responses`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import UnsupportedError
from ._ledger import O2R_REQUEST, R2O_REQUEST, Json

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "ENCRYPTED_REASONING",
    "LOGPROBS_INCLUDE",
    "format_to_responses",
    "include_to_chat",
    "max_output_tokens_to_chat",
    "model_to_chat",
    "params_to_chat",
    "params_to_responses",
    "stateful_to_chat",
    "stream_to_chat",
    "text_to_chat",
]

#: ``include`` values this library understands.
ENCRYPTED_REASONING: Final = "reasoning.encrypted_content"
LOGPROBS_INCLUDE: Final = "message.output_text.logprobs"

# -- Responses -> Chat --------------------------------------------------------------------------------

R2O_REQUEST.mapped(
    "model",
    "model",
    "unchanged unless the `model` argument replaces it; a request without one (a stored prompt's) raises UnsupportedError",
)
_MAX_OUTPUT = R2O_REQUEST.mapped(
    "max_output_tokens",
    "max_completion_tokens",
    "both include reasoning tokens; option max_tokens_field='max_tokens' sends the old name for servers that only know it",
)
R2O_REQUEST.mapped("temperature", "temperature")
R2O_REQUEST.mapped("top_p", "top_p")
R2O_REQUEST.mapped("top_logprobs", "logprobs: true + top_logprobs")
R2O_REQUEST.mapped("text", "response_format + verbosity")
R2O_REQUEST.mapped(
    "text.format",
    "response_format",
    "{type: json_schema, name, schema, description, strict} -> {type: json_schema, json_schema: {name, schema, description, strict}}; text and json_object are the same",
)
for _key in ("name", "schema", "description", "strict"):
    R2O_REQUEST.mapped(f"text.format.{_key}", f"response_format.json_schema.{_key}")
R2O_REQUEST.mapped("text.verbosity", "verbosity")
R2O_REQUEST.mapped(
    "stream",
    "stream",
    "a streaming request also gets stream_options.include_usage: true, because response.completed must carry the usage",
)
R2O_REQUEST.mapped("stream_options", "stream_options")
R2O_REQUEST.mapped("stream_options.include_obfuscation", "stream_options.include_obfuscation")
_INCLUDE = R2O_REQUEST.mapped(
    "include",
    "",
    "reasoning.encrypted_content: honoured by the reply conversions (given the request): reasoning items carry encrypted_content; message.output_text.logprobs -> logprobs: true; the others ask for hosted-tool data and are dropped",
)
for _key in (
    "metadata", "user", "safety_identifier", "prompt_cache_key", "prompt_cache_retention",
    "service_tier", "moderation",
):  # fmt: skip
    R2O_REQUEST.mapped(_key, _key, "the same field in Chat Completions")
for _key in (
    "moderation.model",
    "moderation.policy",
    "moderation.policy.input",
    "moderation.policy.output",
):
    R2O_REQUEST.mapped(_key, _key)
    O2R_REQUEST.mapped(_key, _key)
O2R_REQUEST.mapped("prompt_cache_options.mode", "prompt_cache_options.mode")
O2R_REQUEST.mapped("prompt_cache_options.ttl", "prompt_cache_options.ttl")
R2O_REQUEST.mapped("prompt_cache_options", "prompt_cache_options")
R2O_REQUEST.mapped("prompt_cache_options.mode", "prompt_cache_options.mode")
R2O_REQUEST.mapped("prompt_cache_options.ttl", "prompt_cache_options.ttl")
_PREWARM = R2O_REQUEST.dropped(
    "prompt_cache_options.prewarm",
    "Chat prompt_cache_options have no pre-warming (false is not reported)",
)
R2O_REQUEST.dropped(
    "prompt_cache_options.comparison_response_id", "cache diagnostics need a stored response"
)
_MAX_TOOL_CALLS = R2O_REQUEST.dropped(
    "max_tool_calls", "a limit on hosted tool calls, which a Chat upstream does not run"
)
_TRUNCATION = R2O_REQUEST.dropped(
    "truncation",
    "'auto' lets the server drop the oldest items; Chat has no such setting ('disabled', the default, is not reported)",
)
_CONTEXT_MANAGEMENT = R2O_REQUEST.dropped(
    "context_management",
    "server-side compaction has no Chat counterpart",
)
_IMAGE = R2O_REQUEST.dropped("image", "image context compression has no Chat counterpart")
_ACCESS = R2O_REQUEST.dropped("access_programs", "no Chat counterpart")
_PREVIOUS = R2O_REQUEST.stateful(
    "previous_response_id",
    "the items of a stored response: pass them in `history` (then it is served and not reported)",
)
_CONVERSATION = R2O_REQUEST.stateful(
    "conversation",
    "the items of a stored conversation: pass them in `history` (then it is served and not reported)",
)
_STORE = R2O_REQUEST.stateful(
    "store",
    "true (the Responses default when absent) asks the server to store the response; a Chat upstream stores nothing: the gateway stores it (responses_history_items); false and absent are not reported",
)
_BACKGROUND = R2O_REQUEST.stateful(
    "background",
    "background mode needs polling of a stored response (false is not reported); also background_options",
)
R2O_REQUEST.stateful("background_options", "see background")
_PROMPT = R2O_REQUEST.stateful("prompt", "a stored prompt template; its id, version and variables")

_DROPPED: Final[dict[str, tuple[Fate, Any]]] = {
    "max_tool_calls": (_MAX_TOOL_CALLS, None),
    "truncation": (_TRUNCATION, "disabled"),
    "context_management": (_CONTEXT_MANAGEMENT, []),
    "image": (_IMAGE, {}),
    "access_programs": (_ACCESS, {}),
}
_SAME: Final = (
    "temperature", "top_p", "metadata", "user", "safety_identifier", "prompt_cache_key",
    "prompt_cache_retention", "service_tier", "moderation",
)  # fmt: skip


def model_to_chat(req: Json, model: str | None) -> str:
    """The Chat ``model``: the ``model`` argument, else the request's (Chat requires one)."""
    name = model or req.get("model")
    if not name:
        raise UnsupportedError(
            "a Chat Completions request needs a model (a stored prompt's model cannot be looked up)",
            path="model",
        )
    return name


def max_output_tokens_to_chat(req: Json, out: Json, ctx: Context) -> None:
    """``max_output_tokens`` under the Chat field the upstream takes.

    Dialect hook: the field name (``max_completion_tokens`` or ``max_tokens``) is decided here and
    only here (option ``max_tokens_field``).
    """
    if req.get("max_output_tokens") is not None:
        out[ctx.options.max_tokens_field] = req["max_output_tokens"]


def params_to_chat(req: Json, out: Json, ctx: Context) -> None:
    """Sampling, log probabilities, identity, cache and tier parameters, and the dropped ones."""
    for key in _SAME:
        if req.get(key) is not None:
            out[key] = req[key]
    if req.get("top_logprobs") is not None:
        out["logprobs"] = True
        out["top_logprobs"] = req["top_logprobs"]
    options = req.get("prompt_cache_options")
    if options is not None:
        ctx.unknown(
            options,
            frozenset({"mode", "ttl", "prewarm", "comparison_response_id"}),
            "prompt_cache_options",
        )
        out["prompt_cache_options"] = {
            k: options[k] for k in ("mode", "ttl") if options.get(k) is not None
        }
        if options.get("prewarm"):
            ctx.lose(_PREWARM, "prompt_cache_options.prewarm")
        if options.get("comparison_response_id") is not None:
            ctx.lose(
                R2O_REQUEST.row("prompt_cache_options.comparison_response_id"),
                "prompt_cache_options.comparison_response_id",
            )
    for key, (row, default) in _DROPPED.items():
        value = req.get(key)
        if value is not None and value != default:
            ctx.lose(row, key)


def text_to_chat(req: Json, out: Json, ctx: Context) -> None:
    """``response_format`` and ``verbosity`` for ``text``."""
    text = req.get("text")
    if text is None:
        return
    ctx.unknown(text, frozenset({"format", "verbosity"}), "text")
    if text.get("verbosity") is not None:
        out["verbosity"] = text["verbosity"]
    fmt = text.get("format")
    if fmt is None:
        return
    kind = fmt["type"]
    if kind in ("text", "json_object"):
        ctx.unknown(fmt, frozenset({"type"}), "text.format")
        out["response_format"] = {"type": kind}
    elif kind == "json_schema":
        ctx.unknown(
            fmt, frozenset({"type", "name", "schema", "description", "strict"}), "text.format"
        )
        spec = {k: fmt[k] for k in ("name", "description", "schema", "strict") if k in fmt}
        out["response_format"] = {"type": "json_schema", "json_schema": spec}
    else:
        ctx.lose(
            R2O_REQUEST.row("text.format"),
            "text.format",
            kind="unknown",
            detail=f"text format {kind!r} is unknown; dropped",
        )


def stream_to_chat(req: Json, out: Json) -> None:
    """``stream`` (asking a streaming upstream for usage) and ``stream_options``."""
    if req.get("stream") is not None:
        out["stream"] = req["stream"]
    options: Json = {}
    if req.get("stream"):
        # response.completed carries usage, which a Chat stream sends only when asked
        options["include_usage"] = True
    given = req.get("stream_options")
    if given is not None and given.get("include_obfuscation") is not None:
        options["include_obfuscation"] = given["include_obfuscation"]
    if options:
        out["stream_options"] = options


def include_to_chat(req: Json, out: Json, ctx: Context) -> None:
    """What ``include`` asks of a Chat upstream: log probabilities; the rest is the reply's."""
    for k, value in enumerate(req.get("include") or ()):
        if value == LOGPROBS_INCLUDE:
            out["logprobs"] = True
        elif value != ENCRYPTED_REASONING:
            ctx.lose(
                _INCLUDE,
                f"include[{k}]",
                kind="dropped",
                detail=f"include {value!r} asks for hosted-tool data a Chat upstream does not produce",
            )


def stateful_to_chat(req: Json, ctx: Context, *, history: bool) -> None:
    """Report what needs server-side state (``history``: the caller passed the stored items)."""
    if req.get("previous_response_id") is not None and not history:
        ctx.lose(_PREVIOUS, "previous_response_id")
    if req.get("conversation") is not None and not history:
        ctx.lose(_CONVERSATION, "conversation")
    if req.get("store") is True:
        ctx.lose(_STORE, "store")
    if req.get("background"):
        ctx.lose(_BACKGROUND, "background")
    if req.get("background_options") is not None:
        ctx.lose(R2O_REQUEST.row("background_options"), "background_options")
    if req.get("prompt") is not None:
        ctx.lose(_PROMPT, "prompt")


# -- Chat -> Responses --------------------------------------------------------------------------------

O2R_REQUEST.mapped("model", "model", "unchanged unless the `model` argument replaces it")
O2R_REQUEST.mapped("max_completion_tokens", "max_output_tokens", "both include reasoning tokens")
_O2R_MAX_TOKENS = O2R_REQUEST.mapped(
    "max_tokens",
    "max_output_tokens",
    "deprecated spelling; when both are given and differ, max_completion_tokens wins (reported)",
)
O2R_REQUEST.refused(
    "n", "1 (or absent) is fine; n > 1 raises UnsupportedError: a Response is one reply"
)
O2R_REQUEST.mapped("temperature", "temperature")
O2R_REQUEST.mapped("top_p", "top_p")
O2R_REQUEST.mapped(
    "logprobs",
    "include: [message.output_text.logprobs]",
    "true asks for the output text's log probabilities",
)
O2R_REQUEST.mapped("top_logprobs", "top_logprobs")
O2R_REQUEST.mapped(
    "response_format",
    "text.format",
    "json_schema flattened: {type, name, schema, description, strict}",
)
O2R_REQUEST.mapped("response_format.json_schema", "text.format")
for _key in ("name", "description", "strict"):
    O2R_REQUEST.mapped(f"response_format.json_schema.{_key}", f"text.format.{_key}")
O2R_REQUEST.mapped(
    "response_format.json_schema.schema",
    "text.format.schema",
    "absent -> {type: object, properties: {}} (defaulted: Responses requires a schema)",
)
O2R_REQUEST.mapped("verbosity", "text.verbosity")
O2R_REQUEST.mapped("stream", "stream")
O2R_REQUEST.mapped("stream_options", "stream_options")
O2R_REQUEST.mapped(
    "stream_options.include_usage",
    "",
    "a Responses stream always ends with its usage; ResponsesToOpenAIStream(include_usage=...) decides what the client gets",
)
O2R_REQUEST.mapped("stream_options.include_obfuscation", "stream_options.include_obfuscation")
O2R_REQUEST.mapped(
    "store",
    "store",
    "absent -> false: Chat stores nothing unless asked, Responses stores unless told not to",
)
for _key in (
    "metadata", "user", "safety_identifier", "prompt_cache_key", "prompt_cache_retention",
    "service_tier", "moderation", "prompt_cache_options",
):  # fmt: skip
    O2R_REQUEST.mapped(_key, _key, "the same field in the Responses API")
_O2R_DROPPED: Final[dict[str, tuple[Fate, Any]]] = {
    row.field: (row, default)
    for row, default in (
        (O2R_REQUEST.dropped("stop", "the Responses API has no stop sequences"), None),
        (
            O2R_REQUEST.dropped(
                "frequency_penalty", "no Responses counterpart (0 is not reported)"
            ),
            0,
        ),
        (
            O2R_REQUEST.dropped("presence_penalty", "no Responses counterpart (0 is not reported)"),
            0,
        ),
        (O2R_REQUEST.dropped("logit_bias", "no Responses counterpart"), {}),
        (O2R_REQUEST.dropped("seed", "no Responses counterpart"), None),
        (
            O2R_REQUEST.dropped("modalities", "text output only (['text'] is not reported)"),
            ["text"],
        ),
        (O2R_REQUEST.dropped("audio", "no audio output on the Responses API"), None),
        (O2R_REQUEST.dropped("prediction", "no Predicted Outputs on the Responses API"), None),
    )
}
_O2R_SAME: Final = (
    "temperature", "top_p", "metadata", "user", "safety_identifier", "prompt_cache_key",
    "prompt_cache_retention", "service_tier", "moderation", "prompt_cache_options",
)  # fmt: skip


def params_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """The scalar parameters of a Chat request as Responses ones (and the dropped ones)."""
    n = req.get("n")
    if n is not None and n != 1:
        raise UnsupportedError(
            "a Response is exactly one reply; n > 1 has no faithful conversion", path="n"
        )
    mct, mt = req.get("max_completion_tokens"), req.get("max_tokens")
    if mct is not None:
        out["max_output_tokens"] = mct
        if mt is not None and mt != mct:
            ctx.lose(
                _O2R_MAX_TOKENS,
                "max_tokens",
                kind="dropped",
                detail="both max_tokens and max_completion_tokens given; max_completion_tokens used",
            )
    elif mt is not None:
        out["max_output_tokens"] = mt
    for key in _O2R_SAME:
        if req.get(key) is not None:
            out[key] = req[key]
    if req.get("logprobs"):
        out["include"] = [LOGPROBS_INCLUDE]
    if req.get("top_logprobs") is not None and (req.get("logprobs") or req["top_logprobs"]):
        out["top_logprobs"] = req["top_logprobs"]
    out["store"] = bool(req.get("store"))
    if req.get("stream") is not None:
        out["stream"] = req["stream"]
    options = req.get("stream_options")
    if options is not None:
        ctx.unknown(options, frozenset({"include_usage", "include_obfuscation"}), "stream_options")
        if options.get("include_obfuscation") is not None:
            out["stream_options"] = {"include_obfuscation": options["include_obfuscation"]}
    for key, (row, default) in _O2R_DROPPED.items():
        value = req.get(key)
        if value is not None and value != default:
            ctx.lose(row, key)
    format_to_responses(req, out, ctx)


def format_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """``text`` (format and verbosity) for ``response_format`` and ``verbosity``."""
    text: Json = {}
    fmt = req.get("response_format")
    if fmt is not None:
        kind = fmt["type"]
        if kind in ("text", "json_object"):
            ctx.unknown(fmt, frozenset({"type"}), "response_format")
            text["format"] = {"type": kind}
        elif kind == "json_schema":
            ctx.unknown(fmt, frozenset({"type", "json_schema"}), "response_format")
            spec = fmt["json_schema"]
            ctx.unknown(
                spec,
                frozenset({"name", "description", "schema", "strict"}),
                "response_format.json_schema",
            )
            text["format"] = {"type": "json_schema", **spec}
            if spec.get("schema") is None:
                # Chat makes the schema optional, Responses requires it ("schema ... Required")
                text["format"]["schema"] = {"type": "object", "properties": {}}
                ctx.lose(
                    O2R_REQUEST.row("response_format.json_schema.schema"),
                    "response_format.json_schema",
                    kind="defaulted",
                    detail="no schema: Responses requires one; {type: object, properties: {}} was sent",
                )
        else:
            ctx.lose(
                O2R_REQUEST.row("response_format"),
                "response_format",
                kind="unknown",
                detail=f"response_format type {kind!r} is unknown; dropped",
            )
    if req.get("verbosity") is not None:
        text["verbosity"] = req["verbosity"]
    if text:
        out["text"] = text
