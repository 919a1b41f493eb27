"""
ruapi_convert.convert.responses_chat_replies
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Non-stream replies between Chat Completions and the Responses API, both directions:
``openai_to_responses_response`` (a Chat upstream's ``ChatCompletion`` for a Responses client) and
``responses_to_openai_response`` (a Responses upstream's ``Response`` for a Chat client).

A Response repeats the request's settings (tools, tool_choice, ...) and honours its ``include``
(encrypted reasoning), so the Chat -> Responses direction takes the client's Responses request as
``request=``. The stream converters make the same decisions through the same mapping functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ..errors import UnsupportedError
from ..mapping._ledger import O2R_RESPONSE, Context, Fate, Json
from ..mapping.dialects import for_side
from ..mapping.envelope import completion_envelope, response_envelope
from ..mapping.params_responses import ENCRYPTED_REASONING
from ..mapping.reasoning_forms import lift_reasoning
from ..mapping.replies_responses import reply_extras, reply_items, reply_message
from ..mapping.stop import finish_to_status, status_to_finish
from ..mapping.tools_responses import tool_names
from ..mapping.usage_responses import chat_usage, responses_usage
from ..models import openai as oai
from ..models import responses as rsp
from ..options import O2RResponseOptions, R2OResponseOptions, check_call, resolve_options

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = [
    "openai_to_responses_response",
    "parse_request",
    "responses_to_openai_response",
]


def openai_to_responses_response(
    body: Any,
    *,
    options: Options | None = None,
    id: str | None = None,
    request: Any = None,
    **opts: Unpack[O2RResponseOptions],
) -> Converted[rsp.Response]:
    """Convert a Chat Completions response (``ChatCompletion``) into a Responses ``Response``.

    ``body`` is a dict, a ``ChatCompletion`` or JSON bytes/str; it is not mutated. ``request`` is
    the client's Responses request: the Response echoes its settings, honours its ``include``
    (reasoning items carry ``encrypted_content``) and reads calls of its custom and namespaced
    tools back; without it the echo is defaulted (reported). A gateway that parsed the request
    (``ResponseCreateParams``) passes the model, which is not validated again. ``id`` replaces the
    id derived from the completion's. A completion with more than one choice raises
    :class:`~ruapi_convert.errors.UnsupportedError`.
    """
    function = "openai_to_responses_response"
    ctx = Context(resolve_options(options, opts, O2RResponseOptions, function))
    # the upstream's dialect matters to a reply only for <think> tags in its content
    ctx.dialect = for_side(ctx.options.dialect, "openai", function)
    check_call("id", id, str)
    req = parse_request(request)
    completion = oai.ChatCompletion.parse_wire(body)
    return ctx.finish(rsp.Response.trusted(_to_responses(completion, req, ctx, id)))


def parse_request(request: Any) -> Json | None:
    """The ``request`` argument as a validated Responses request (None when not given)."""
    return None if request is None else rsp.ResponseCreateParams.parse_wire(request)


_COMPLETION_KEYS: Final = frozenset(
    {"id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint",
     "metadata", "moderation"}
)  # fmt: skip
_CHOICE_KEYS: Final = frozenset({"index", "message", "finish_reason", "logprobs"})
_MESSAGE_KEYS: Final = frozenset(
    {"role", "content", "refusal", "tool_calls", "annotations", "audio", "function_call",
     "reasoning_content", "reasoning_details", "thinking_blocks", "reasoning"}
)  # fmt: skip


def one_choice(choices: list[Json]) -> Json:
    """The one choice a Response can hold; several raise UnsupportedError."""
    if len(choices) != 1:
        raise UnsupportedError(
            f"a Response holds one reply; this completion has {len(choices)} choices",
            path="choices",
        )
    return choices[0]


def _to_responses(comp: Json, req: Json | None, ctx: Context, id: str | None) -> Json:
    ctx.unknown(comp, _COMPLETION_KEYS, "")
    choice = one_choice(comp["choices"])
    ctx.unknown(choice, _CHOICE_KEYS, "choices[0]")
    # reasoning in the content (Mistral's thinking chunks; <think> tags where the dialect says)
    msg = lift_reasoning(choice["message"], ctx)
    ctx.unknown(msg, _MESSAGE_KEYS, "choices[0].message")
    out = response_envelope(comp, ctx, id=id, request=req)
    status, incomplete = finish_to_status(
        choice.get("finish_reason"), ctx, "choices[0].finish_reason"
    )
    out["status"] = status
    out["error"] = None
    out["incomplete_details"] = incomplete
    include = ENCRYPTED_REASONING in ((req or {}).get("include") or ())
    out["output"] = reply_items(
        msg,
        choice.get("logprobs"),
        out["id"],
        "incomplete" if status == "incomplete" else "completed",
        include_encrypted=include,
        names=tool_names(req, ctx.options.custom_tools),
        ctx=ctx,
    )
    if comp.get("usage") is not None:
        out["usage"] = responses_usage(comp["usage"], ctx, "usage")
    if comp.get("service_tier") is not None:
        out["service_tier"] = comp["service_tier"]
    if comp.get("metadata") is not None:
        out["metadata"] = comp["metadata"]
    if comp.get("system_fingerprint") is not None:
        ctx.lose(_dropped("system_fingerprint"), "system_fingerprint")
    if comp.get("moderation") is not None:
        ctx.lose(_dropped("moderation"), "moderation")
    if msg.get("audio") is not None:
        ctx.lose(_dropped("choices[].message.audio"), "choices[0].message.audio")
    return out


def _dropped(field: str) -> Fate:
    return O2R_RESPONSE.row(field)


# -- Responses -> Chat -------------------------------------------------------------------------------


def responses_to_openai_response(
    body: Any,
    *,
    options: Options | None = None,
    id: str | None = None,
    **opts: Unpack[R2OResponseOptions],
) -> Converted[oai.ChatCompletion]:
    """Convert a Responses ``Response`` into a Chat Completions response (``ChatCompletion``).

    ``body`` is a dict, a ``Response`` or JSON bytes/str; it is not mutated. ``id`` replaces the
    id derived from the response's. Reasoning items become ``reasoning_content`` /
    ``reasoning_details`` with ``extensions=True`` and are reported otherwise.
    """
    ctx = Context(
        resolve_options(options, opts, R2OResponseOptions, "responses_to_openai_response")
    )
    check_call("id", id, str)
    response = rsp.Response.parse_wire(body)
    return ctx.finish(oai.ChatCompletion.trusted(_to_chat(response, ctx, id)))


_RESPONSE_KEYS: Final = frozenset(
    {"id", "object", "created_at", "status", "background", "completed_at", "error",
     "incomplete_details", "instructions", "max_output_tokens", "max_tool_calls", "model",
     "output", "parallel_tool_calls", "previous_response_id", "prompt_cache_key",
     "prompt_cache_retention", "reasoning", "safety_identifier", "service_tier", "store",
     "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation",
     "usage", "user", "metadata", "conversation", "prompt", "prompt_cache_options",
     "prompt_cache_diagnostics", "input_transformations", "tool_usage", "moderation", "image",
     "access_programs"}
)  # fmt: skip


def _to_chat(resp: Json, ctx: Context, id: str | None) -> Json:
    ctx.unknown(resp, _RESPONSE_KEYS, "")
    out = completion_envelope(resp, ctx, id=id, stream=False)
    message, logprobs, has_calls = reply_message(resp.get("output") or [], ctx)
    choice: Json = {"index": 0, "message": message, "logprobs": logprobs}
    choice["finish_reason"] = status_to_finish(resp, has_calls, ctx)
    out["choices"] = [choice]
    if resp.get("usage") is not None:
        out["usage"] = chat_usage(resp["usage"], ctx, "usage")
    if resp.get("service_tier") is not None:
        out["service_tier"] = resp["service_tier"]
    if resp.get("metadata") is not None:
        out["metadata"] = resp["metadata"]
    reply_extras(resp, ctx)
    return out
