"""
ruapi_convert.convert.responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Request bodies between the Responses API and Anthropic Messages, both directions:
``responses_to_anthropic_request`` (a Responses client such as Codex in front of Claude) and
``anthropic_to_responses_request`` (an Anthropic client such as Claude Code in front of a
Responses model), and the token-count bodies of the same two (``POST /v1/responses/input_tokens``
<-> ``POST /v1/messages/count_tokens``) with their replies.

Each walker only orders the calls into :mod:`ruapi_convert.mapping` (the ``*_responses_anthropic``
modules), where every decision is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ..errors import InvalidInputError
from ..mapping._ledger import Context, Json
from ..mapping.params_responses_anthropic import (
    params_to_anthropic,
    params_to_responses,
    require_model,
    thinking_after_tools,
)
from ..mapping.tools_responses_anthropic import (
    tool_choice_to_anthropic,
    tool_choice_to_responses,
    tools_to_anthropic,
    tools_to_responses,
)
from ..mapping.turns_anthropic_responses import messages_to_input
from ..mapping.turns_responses_anthropic import input_to_messages
from ..models import anthropic as ant
from ..models import responses as rsp
from ..options import A2RRequestOptions, R2ARequestOptions, check_call, resolve_options
from .responses_chat import parse_history

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = [
    "anthropic_to_responses_count_tokens_request",
    "anthropic_to_responses_count_tokens_response",
    "anthropic_to_responses_request",
    "responses_to_anthropic_count_tokens_request",
    "responses_to_anthropic_count_tokens_response",
    "responses_to_anthropic_request",
]


def responses_to_anthropic_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    history: Any = None,
    **opts: Unpack[R2ARequestOptions],
) -> Converted[ant.MessageCreateParams]:
    """Convert a Responses request (``POST /v1/responses``) into an Anthropic Messages request.

    ``body`` is a dict, a ``ResponseCreateParams`` or JSON bytes/str; it is not mutated. ``model``
    replaces the model name. ``history`` is the list of stored items a gateway looked up for
    ``previous_response_id`` or ``conversation``: they come before ``input``, and those fields are
    then not reported. Reasoning items that came from Claude (made by
    :func:`anthropic_to_responses_response`) become the thinking blocks they were, byte for byte;
    reasoning from any other provider is dropped and reported. Options: ``anthropic_version``,
    ``default_max_tokens``, ``system_messages``, ``trailing_assistant``, ``thinking_mode``,
    ``effort_budgets``, ``invalid_tool_arguments``, ``missing_thinking``, ``strict``.
    """
    ctx = Context(
        resolve_options(options, opts, R2ARequestOptions, "responses_to_anthropic_request")
    )
    check_call("model", model, str)
    items = parse_history(history)
    request = rsp.ResponseCreateParams.parse_wire(body)
    out = _to_anthropic(request, items, ctx, model)
    return ctx.finish(ant.MessageCreateParams.trusted(out))


#: The request keys the walker hands to a mapping (a hand list: a field added to the model must be
#: reported until a mapping handles it).
_RESPONSES_KEYS: Final = frozenset(
    {
        "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls",
        "max_tool_calls", "reasoning", "text", "include", "store", "stream", "stream_options",
        "max_output_tokens", "temperature", "top_p", "top_logprobs", "truncation", "metadata",
        "user", "safety_identifier", "prompt_cache_key", "prompt_cache_options",
        "prompt_cache_retention", "service_tier", "previous_response_id", "conversation",
        "prompt", "background", "background_options", "context_management", "moderation",
        "image", "access_programs",
    }
)  # fmt: skip


def _to_anthropic(req: Json, history: list[Json] | None, ctx: Context, model: str | None) -> Json:
    out: Json = {"model": require_model(req, model)}
    input_to_messages(req, history or [], out, ctx)
    params_to_anthropic(req, out, ctx, history=history is not None)
    tools_to_anthropic(req, out, ctx)
    tool_choice_to_anthropic(req, out, ctx)
    thinking_after_tools(req, out, ctx)
    ctx.unknown(req, _RESPONSES_KEYS, "")
    return out


# -- Anthropic -> Responses --------------------------------------------------------------------------


def anthropic_to_responses_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    **opts: Unpack[A2RRequestOptions],
) -> Converted[rsp.ResponseCreateParams]:
    """Convert an Anthropic Messages request into a Responses request (``POST /v1/responses``).

    ``body`` is a dict, a ``MessageCreateParams`` or JSON bytes/str; it is not mutated. ``model``
    replaces the model name. The request is stateless (``store: false``): the whole conversation
    travels in ``input``, and a request with reasoning asks for ``include:
    ["reasoning.encrypted_content"]``. Thinking blocks that came from the Responses upstream (made
    by :func:`responses_to_anthropic_response`) become the reasoning items they were, under the
    same ids; thinking Anthropic signed is dropped and reported. Options: ``user_field``,
    ``effort_budgets``, ``strict``.
    """
    ctx = Context(
        resolve_options(options, opts, A2RRequestOptions, "anthropic_to_responses_request")
    )
    check_call("model", model, str)
    request = ant.MessageCreateParams.parse_wire(body)
    return ctx.finish(rsp.ResponseCreateParams.trusted(_to_responses(request, ctx, model)))


_ANTHROPIC_KEYS: Final = frozenset(
    {
        "model", "max_tokens", "messages", "system", "stop_sequences", "stream", "tools",
        "tool_choice", "thinking", "output_config", "metadata", "service_tier", "speed",
        "inference_geo", "cache_control", "container", "diagnostics", "user_profile_id",
        "workspace_id", "temperature", "top_p", "top_k", "betas", "mcp_servers",
        "context_management", "compaction", "fallbacks", "fallback_credit_token",
        "billing_policy", "thread",
    }
)  # fmt: skip


def _to_responses(req: Json, ctx: Context, model: str | None) -> Json:
    out: Json = {"model": model or req["model"]}
    messages_to_input(req, out, ctx)
    tools_to_responses(req, out, ctx)
    tool_choice_to_responses(req, out, ctx)
    params_to_responses(req, out, ctx)
    ctx.unknown(req, _ANTHROPIC_KEYS, "")
    return out


# -- token counts -------------------------------------------------------------------------------------

#: What a Messages count_tokens body takes of a Messages request.
_COUNT_KEYS: Final = (
    "model",
    "system",
    "messages",
    "tools",
    "tool_choice",
    "thinking",
    "output_config",
)
_INPUT_TOKEN_KEYS: Final = (
    "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls", "reasoning",
    "text",
)  # fmt: skip


def responses_to_anthropic_count_tokens_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    history: Any = None,
    **opts: Unpack[R2ARequestOptions],
) -> Converted[ant.MessageCountTokensParams]:
    """Convert a ``POST /v1/responses/input_tokens`` body into a ``POST
    /v1/messages/count_tokens`` body: the same conversion as
    :func:`responses_to_anthropic_request`, keeping what Anthropic counts (system, messages,
    tools, tool_choice, thinking, output_config). Arguments as for that function."""
    ctx = Context(
        resolve_options(
            options, opts, R2ARequestOptions, "responses_to_anthropic_count_tokens_request"
        )
    )
    check_call("model", model, str)
    items = parse_history(history)
    request = dict(rsp.InputTokenCountParams.parse_wire(body))
    if request.get("personality") is not None:
        ctx.unknown({"personality": request.pop("personality")}, frozenset(), "")
    # a count has no output: the default budget only sizes thinking, and is not reported
    request["max_output_tokens"] = ctx.options.default_max_tokens
    out = _to_anthropic(request, items, ctx, model)
    return ctx.finish(
        ant.MessageCountTokensParams.trusted({k: out[k] for k in _COUNT_KEYS if k in out})
    )


def anthropic_to_responses_count_tokens_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    **opts: Unpack[A2RRequestOptions],
) -> Converted[rsp.InputTokenCountParams]:
    """Convert a ``POST /v1/messages/count_tokens`` body into a ``POST
    /v1/responses/input_tokens`` body (the conversion of :func:`anthropic_to_responses_request`,
    keeping what a Responses count takes)."""
    ctx = Context(
        resolve_options(
            options, opts, A2RRequestOptions, "anthropic_to_responses_count_tokens_request"
        )
    )
    check_call("model", model, str)
    request = dict(ant.MessageCountTokensParams.parse_wire(body))
    request["max_tokens"] = 1  # a count has no output (not in the body, not reported)
    out = _to_responses(request, ctx, model)
    return ctx.finish(
        rsp.InputTokenCountParams.trusted({k: out[k] for k in _INPUT_TOKEN_KEYS if k in out})
    )


def anthropic_to_responses_count_tokens_response(
    body: Any,
) -> Converted[rsp.InputTokenCountResponse]:
    """``{"input_tokens": n}`` (Anthropic's count) -> ``{"object": "response.input_tokens",
    "input_tokens": n}``: both count the whole input (no cache split in a count)."""
    count = ant.MessageTokensCount.parse_wire(body)
    ctx = Context(resolve_options(None, {}, A2RRequestOptions, "count"))
    ctx.unknown(count, frozenset({"input_tokens", "context_management"}), "")
    if count.get("context_management") is not None:
        ctx.unknown({"context_management": None}, frozenset(), "")
    return ctx.finish(
        rsp.InputTokenCountResponse.trusted(
            {"object": "response.input_tokens", "input_tokens": count["input_tokens"]}
        )
    )


def responses_to_anthropic_count_tokens_response(body: Any) -> Converted[ant.MessageTokensCount]:
    """``{"object": "response.input_tokens", "input_tokens": n}`` -> ``{"input_tokens": n}``."""
    count = rsp.InputTokenCountResponse.parse_wire(body)
    if not isinstance(count.get("input_tokens"), int):
        raise InvalidInputError("must be an integer", path="input_tokens")
    ctx = Context(resolve_options(None, {}, R2ARequestOptions, "count"))
    ctx.unknown(count, frozenset({"object", "input_tokens"}), "")
    return ctx.finish(ant.MessageTokensCount.trusted({"input_tokens": count["input_tokens"]}))
