"""
ruapi_convert.convert.requests
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Request bodies, both directions: ``openai_to_anthropic_request`` and its inverse
``anthropic_to_openai_request``.

Each walker only orders the calls into :mod:`ruapi_convert.mapping`, where every decision is made
(and where docs/mapping.md reads the fate of each field). Where the order matters, a comment says
why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ..mapping import dialect_shaping, dialects, params, turns
from ..mapping._ledger import Context, Json
from ..mapping.extensions import CARRIED_PARAMS, READ_BACK_PARAMS, carry_params, read_carried_params
from ..mapping.thinking import (
    effort_to_dialect,
    effort_to_thinking,
    missing_thinking,
    thinking_to_effort,
)
from ..mapping.tools import (
    tool_choice_to_anthropic,
    tool_choice_to_openai,
    tools_to_anthropic,
    tools_to_openai,
)
from ..mapping.usage import request_tier_to_anthropic, request_tier_to_openai
from ..models import anthropic as ant
from ..models import openai as oai
from ..options import A2ORequestOptions, O2ARequestOptions, check_call, resolve_options

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = ["anthropic_to_openai_request", "openai_to_anthropic_request"]


def openai_to_anthropic_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    **opts: Unpack[O2ARequestOptions],
) -> Converted[ant.MessageCreateParams]:
    """Convert a Chat Completions request into a Messages request.

    ``body`` is a dict, a ``ChatCompletionCreateParams`` or JSON bytes/str; it is not mutated.
    ``model`` replaces the model name. Options (keywords or ``options=``) are documented on
    :class:`~ruapi_convert.options.Options`. Raises :class:`~ruapi_convert.errors.InvalidInputError` for an invalid body,
    :class:`~ruapi_convert.errors.UnsupportedError` for a valid one with no Anthropic form
    (``n > 1``, an unsupported image type), and, with ``strict=True``,
    :class:`~ruapi_convert.errors.LossyConversionError` instead of returning losses.
    """
    function = "openai_to_anthropic_request"
    ctx = Context(resolve_options(options, opts, O2ARequestOptions, function))
    ctx.dialect = dialects.for_side(ctx.options.dialect, "anthropic", function)
    check_call("model", model, str)
    request = oai.ChatCompletionCreateParams.parse_wire(body)
    return ctx.finish(ant.MessageCreateParams.trusted(_to_anthropic(request, ctx, model)))


def anthropic_to_openai_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    **opts: Unpack[A2ORequestOptions],
) -> Converted[oai.ChatCompletionCreateParams]:
    """Convert a Messages request into a Chat Completions request.

    ``body`` is a dict, a ``MessageCreateParams`` or JSON bytes/str; it is not mutated. The result
    is what the upstream's dialect (option ``dialect``; standard OpenAI by default) accepts: what
    it has no field for is reported as lost, never sent. ``dialect="roundtrip"`` carries it in the
    documented extension fields instead.
    """
    function = "anthropic_to_openai_request"
    ctx = dialects.request_context(
        resolve_options(options, opts, A2ORequestOptions, function), function
    )
    check_call("model", model, str)
    request = ant.MessageCreateParams.parse_wire(body)
    return ctx.finish(oai.ChatCompletionCreateParams.trusted(_to_openai(request, ctx, model)))


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

#: The request keys this walker hands to a mapping; anything else is reported as unknown. A hand
#: list on purpose: a field added to the model must be reported until a mapping handles it.
_OPENAI_KEYS: Final = frozenset(
    {
        "messages", "model", "audio", "frequency_penalty", "function_call", "functions",
        "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities",
        "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty",
        "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning_effort",
        "response_format", "safety_identifier", "seed", "service_tier", "stop", "store", "stream",
        "stream_options", "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user",
        "verbosity", "web_search_options", "reasoning",
        *READ_BACK_PARAMS,
    }
)  # fmt: skip


def _to_anthropic(req: Json, ctx: Context, model: str | None) -> Json:
    params.refuse_n(req)
    out: Json = {"model": model or req["model"]}
    out["max_tokens"] = params.max_tokens_to_anthropic(req, ctx)
    system, messages = turns.messages_to_anthropic(req["messages"], ctx)
    if system:
        out["system"] = system
    out["messages"] = messages
    params.stop_to_anthropic(req, out)
    if req.get("stream") is not None:
        out["stream"] = req["stream"]
    params.stream_options_to_anthropic(req, ctx)
    tools = tools_to_anthropic(req, ctx)
    if tools:
        out["tools"] = tools
    # The order of the next five matters: a carried thinking object wins over an effort; a forced
    # tool choice, then a tool loop without signed thinking, switch thinking off again; sampling
    # is then checked against thinking.
    read_carried_params(req, out)
    effort_to_thinking(req, out, ctx)
    tool_choice_to_anthropic(req, out, ctx, has_tools=bool(tools))
    missing_thinking(req, out, ctx)
    params.sampling_to_anthropic(req, out, ctx)
    params.response_format_to_anthropic(req, out, ctx)
    params.identity_to_anthropic(req, out, ctx)
    request_tier_to_anthropic(req, out, ctx)
    params.drop_unmapped(req, ctx)
    ctx.unknown(req, _OPENAI_KEYS, "")
    # the dialect's server: its body layout (Bedrock, Vertex) and what it cannot read
    dialect_shaping.drop_media(out, ctx)
    dialect_shaping.route_body(out, ctx, tuple(ctx.options.anthropic_beta))
    return out


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

#: The request keys this walker hands to a mapping (a hand list on purpose, as above).
_ANTHROPIC_KEYS: Final = frozenset(
    {
        "model", "max_tokens", "messages", "system", "stop_sequences", "stream", "tools",
        "tool_choice", "thinking", "output_config", "metadata", "service_tier", "temperature",
        "top_p", *CARRIED_PARAMS,
    }
)  # fmt: skip


def _to_openai(req: Json, ctx: Context, model: str | None) -> Json:
    opts = ctx.options
    out: Json = {"model": model or req["model"]}
    out["messages"] = turns.messages_to_openai(req, ctx)
    out[opts.max_tokens_field] = req["max_tokens"]
    params.stop_to_openai(req, out, ctx)
    if req.get("stream") is not None:
        out["stream"] = req["stream"]
        if req["stream"]:
            # Anthropic streams always report usage; ask the OpenAI upstream for it too.
            out["stream_options"] = {"include_usage": True}
    for key in ("temperature", "top_p"):
        if req.get(key) is not None:
            out[key] = req[key]
    tools_to_openai(req, out, ctx)
    tool_choice_to_openai(req, out, ctx)
    # output_config first: the effort mapping may add output_config.effort after its task budget
    params.output_config_to_openai(req, out, ctx)
    thinking_to_effort(req, out, ctx)
    effort_to_dialect(req, out, ctx)
    metadata = req.get("metadata")
    if metadata is not None:
        ctx.unknown(metadata, frozenset({"user_id"}), "metadata")
        if metadata.get("user_id") is not None:
            out[opts.user_field] = metadata["user_id"]
    request_tier_to_openai(req, out, ctx)
    carry_params(req, out, ctx)
    ctx.unknown(req, _ANTHROPIC_KEYS, "")
    # the dialect's server: the fields it refuses, the tool-call ids it takes
    dialect_shaping.drop_refused(out, ctx)
    dialect_shaping.rewrite_tool_ids(out, ctx)
    return out
