"""
ruapi_convert.convert.responses_chat
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Request bodies between the Responses API and Chat Completions, both directions:
``responses_to_openai_request`` (a Responses client such as Codex in front of a Chat upstream)
and ``openai_to_responses_request`` (a Chat client in front of a Responses-only model), plus
``responses_history_items``, the helper that gives a gateway the items to store for a later
``previous_response_id``.

Each walker only orders the calls into :mod:`ruapi_convert.mapping` (the ``*_responses`` modules
and the Responses sections of the small ones), where every decision is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from .. import _json
from ..errors import InvalidInputError
from ..mapping import dialect_shaping, dialects
from ..mapping import params_responses as params
from ..mapping._ledger import Context, Json
from ..mapping.thinking import effort_to_dialect
from ..mapping.thinking_responses import effort_to_responses, reasoning_to_effort
from ..mapping.tools_responses import (
    tool_choice_to_chat,
    tool_choice_to_responses,
    tools_to_chat,
    tools_to_responses,
)
from ..mapping.turns_responses import history_items, input_to_messages, messages_to_input
from ..models import openai as oai
from ..models import responses as rsp
from ..models._base import validate
from ..options import O2RRequestOptions, R2ORequestOptions, check_call, resolve_options

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = [
    "openai_to_responses_request",
    "parse_history",
    "responses_history_items",
    "responses_to_openai_request",
]


def responses_to_openai_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    history: Any = None,
    **opts: Unpack[R2ORequestOptions],
) -> Converted[oai.ChatCompletionCreateParams]:
    """Convert a Responses request (``POST /v1/responses``) into a Chat Completions request.

    ``body`` is a dict, a ``ResponseCreateParams`` or JSON bytes/str; it is not mutated. ``model``
    replaces the model name. ``history`` is the list of stored items (Responses input items) a
    gateway looked up for ``previous_response_id`` or ``conversation``: they come before
    ``input``, and those fields are then not reported. Stateful features without ``history``
    (and ``store: true``, ``background``, ``prompt``, ``item_reference``) are reported with loss
    kind ``stateful``; ``strict=True`` refuses them. Options: ``dialect`` (the upstream: standard
    OpenAI by default, which gets no reasoning history, reported; ``"roundtrip"`` carries it as
    ``reasoning_content``/``reasoning_details``; a named server gets it in its own field),
    ``custom_tools``, ``system_role``, ``max_tokens_field``, ``strict``.
    """
    function = "responses_to_openai_request"
    ctx = dialects.request_context(
        resolve_options(options, opts, R2ORequestOptions, function), function
    )
    check_call("model", model, str)
    items = parse_history(history)
    request = rsp.ResponseCreateParams.parse_wire(body)
    return ctx.finish(oai.ChatCompletionCreateParams.trusted(_to_chat(request, items, ctx, model)))


def parse_history(history: Any) -> list[Json] | None:
    """The ``history`` argument as validated input items (None when not given)."""
    if history is None:
        return None
    if isinstance(history, (bytes, bytearray, memoryview, str)):
        history = _json.loads(history, path="history")
    elif isinstance(history, Sequence):
        history = list(history)
        _json.check_foreign(history, path="history")
    else:
        raise InvalidInputError(
            f"must be a list of input items, got {type(history).__name__}", path="history"
        )
    items: list[Json] = validate(list[rsp.ResponseInputItem], history, path="history")
    return items


#: The request keys this walker hands to a mapping; anything else is reported as unknown (a hand
#: list on purpose: a field added to the model must be reported until a mapping handles it).
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


def _to_chat(req: Json, history: list[Json] | None, ctx: Context, model: str | None) -> Json:
    out: Json = {"model": params.model_to_chat(req, model)}
    out["messages"] = input_to_messages(req, history or [], ctx)
    params.max_output_tokens_to_chat(req, out, ctx)
    params.stream_to_chat(req, out)
    params.params_to_chat(req, out, ctx)
    params.include_to_chat(req, out, ctx)
    params.text_to_chat(req, out, ctx)
    reasoning_to_effort(req, out, ctx)
    # tools before tool_choice: a choice and parallel_tool_calls are sent only with tools
    tools_to_chat(req, out, ctx)
    tool_choice_to_chat(req, out, ctx)
    params.stateful_to_chat(req, ctx, history=history is not None)
    ctx.unknown(req, _RESPONSES_KEYS, "")
    # the dialect's server: its thinking knob, the fields it refuses, the tool-call ids it takes
    effort_to_dialect({}, out, ctx, path="reasoning.effort")
    dialect_shaping.drop_refused(out, ctx)
    dialect_shaping.rewrite_tool_ids(out, ctx)
    return out


# -- Chat -> Responses -------------------------------------------------------------------------------


def openai_to_responses_request(
    body: Any,
    *,
    options: Options | None = None,
    model: str | None = None,
    **opts: Unpack[O2RRequestOptions],
) -> Converted[rsp.ResponseCreateParams]:
    """Convert a Chat Completions request into a Responses request (``POST /v1/responses``).

    ``body`` is a dict, a ``ChatCompletionCreateParams`` or JSON bytes/str; it is not mutated.
    ``model`` replaces the model name. The request is stateless (``store: false`` unless the
    client asked to store): the whole conversation travels in ``input``.
    """
    ctx = Context(resolve_options(options, opts, O2RRequestOptions, "openai_to_responses_request"))
    check_call("model", model, str)
    request = oai.ChatCompletionCreateParams.parse_wire(body)
    return ctx.finish(rsp.ResponseCreateParams.trusted(_to_responses(request, ctx, model)))


_CHAT_KEYS: Final = frozenset(
    {
        "messages", "model", "audio", "frequency_penalty", "function_call", "functions",
        "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities",
        "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty",
        "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning_effort",
        "response_format", "safety_identifier", "seed", "service_tier", "stop", "store", "stream",
        "stream_options", "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user",
        "verbosity", "web_search_options", "reasoning",
    }
)  # fmt: skip


def _to_responses(req: Json, ctx: Context, model: str | None) -> Json:
    out: Json = {"model": model or req["model"]}
    messages_to_input(req["messages"], out, ctx)
    tools_to_responses(req, out, ctx)
    tool_choice_to_responses(req, out, ctx)
    effort_to_responses(req, out, ctx)
    params.params_to_responses(req, out, ctx)
    ctx.unknown(req, _CHAT_KEYS, "")
    return out


# -- the items a gateway stores ---------------------------------------------------------------------


def responses_history_items(request: Any, response: Any, *, history: Any = None) -> list[Json]:
    """The items to store for a finished Response: ``history`` (the items this request continued,
    if any) + the request's ``input`` + the response's ``output``, as plain wire dicts.

    A gateway stores them under the response's id; when a later request names that id in
    ``previous_response_id``, it passes them as ``responses_to_openai_request(..., history=...)``.
    ``request`` is the Responses request, ``response`` the finished Response (dicts, models or
    JSON); raises :class:`~ruapi_convert.errors.InvalidInputError` for invalid ones.
    """
    items = parse_history(history) or []
    req = rsp.ResponseCreateParams.parse_wire(request)
    reply = rsp.Response.parse_wire(response)
    return [_json.to_jsonable(item) for item in history_items(req, reply, items)]
