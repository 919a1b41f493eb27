"""
ruapi_convert.convert.responses_anthropic_replies
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Non-stream replies between Anthropic Messages and the Responses API, both directions:
``anthropic_to_responses_response`` (Claude's ``Message`` for a Responses client) and
``responses_to_anthropic_response`` (a Responses upstream's ``Response`` for an Anthropic client).

A Response repeats the request's settings and honours its ``include``, and custom tool calls are
told from function calls by the request's tools, so the Anthropic -> Responses direction takes
the client's Responses request as ``request=``. The stream converters make the same decisions
through the same mapping functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ..mapping._ledger import A2R_RESPONSE, R2A_RESPONSE, Context, Json
from ..mapping.envelope import ECHOED, response_envelope
from ..mapping.params_responses import ENCRYPTED_REASONING
from ..mapping.replies_responses_anthropic import (
    anthropic_id,
    output_to_content,
    reply_items,
    response_id,
)
from ..mapping.stop_responses_anthropic import status_to_stop, stop_to_status
from ..mapping.tools_responses import tool_names
from ..mapping.tools_responses_anthropic import custom_names
from ..mapping.usage_responses_anthropic import anthropic_usage, responses_usage
from ..models import anthropic as ant
from ..models import responses as rsp
from ..options import A2RResponseOptions, R2AResponseOptions, check_call, resolve_options
from .responses_chat_replies import parse_request

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = ["anthropic_to_responses_response", "responses_to_anthropic_response", "response_start"]


def anthropic_to_responses_response(
    body: Any,
    *,
    options: Options | None = None,
    id: str | None = None,
    created: int | None = None,
    request: Any = None,
    **opts: Unpack[A2RResponseOptions],
) -> Converted[rsp.Response]:
    """Convert an Anthropic ``Message`` into a Responses ``Response``.

    ``body`` is a dict, a ``Message`` or JSON bytes/str; it is not mutated. ``request`` is the
    client's Responses request: the Response echoes its settings, honours its ``include`` and reads
    calls of its custom and namespaced tools back; without it the echo is defaulted (reported).
    ``created`` is the ``created_at`` timestamp (Anthropic replies carry none; 0, reported, when
    not given); ``id`` replaces the id derived from the message's. Thinking becomes reasoning
    items whose ``encrypted_content`` carries the signature (docs/mapping.md).
    """
    ctx = Context(
        resolve_options(options, opts, A2RResponseOptions, "anthropic_to_responses_response")
    )
    check_call("id", id, str)
    check_call("created", created, int)
    req = parse_request(request)
    message = ant.Message.parse_wire(body)
    return ctx.finish(rsp.Response.trusted(_to_responses(message, req, ctx, id, created)))


_CREATED = A2R_RESPONSE.defaulted(
    "(created_at)",
    "created_at",
    "Anthropic replies carry no timestamp: the `created` argument (a gateway passes int(time.time())), else 0 (reported as defaulted)",
)
_MESSAGE_KEYS: Final = frozenset(
    {"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details",
     "usage", "container", "diagnostics", "context_management", "input_transformations"}
)  # fmt: skip
_DROPPED: Final = {
    key: A2R_RESPONSE.dropped(key, note)
    for key, note in (
        ("container", "Anthropic's code execution container has no Responses field"),
        ("diagnostics", "no Responses counterpart"),
        (
            "context_management",
            "edits Anthropic's context management made: no Responses counterpart",
        ),
        (
            "input_transformations",
            "blocks Anthropic removed from the input: no Responses counterpart",
        ),
    )
}


def response_start(
    message: Json, req: Json | None, ctx: Context, id: str | None, created: int | None
) -> Json:
    """The envelope and request echo of the Response made from ``message`` (or from a stream's
    ``message_start``)."""
    if created is None:
        ctx.lose(
            _CREATED,
            "created",
            kind="defaulted",
            detail="Anthropic replies carry no timestamp; created_at is 0 (pass the created argument)",
        )
        created = 0
    source = {"id": message["id"], "created": created, "model": message["model"]}
    return response_envelope(source, ctx, id=id or response_id(message["id"]), request=req)


def _to_responses(
    msg: Json, req: Json | None, ctx: Context, id: str | None, created: int | None
) -> Json:
    ctx.unknown(msg, _MESSAGE_KEYS, "")
    out = response_start(msg, req, ctx, id, created)
    status, incomplete = stop_to_status(msg, ctx)
    out["status"] = status
    out["error"] = None
    out["incomplete_details"] = incomplete
    out["output"] = reply_items(
        msg["content"],
        out["id"],
        "incomplete" if status == "incomplete" else "completed",
        include_encrypted=ENCRYPTED_REASONING in ((req or {}).get("include") or ()),
        custom=custom_names(req),
        names=tool_names(req, "custom"),
        ctx=ctx,
    )
    if msg.get("usage") is not None:
        usage, tool_usage, tier = responses_usage(msg["usage"], ctx, "usage")
        out["usage"] = usage
        if tool_usage is not None:
            out["tool_usage"] = tool_usage
        if tier is not None:
            out["service_tier"] = tier
    for key, row in _DROPPED.items():
        if msg.get(key) is not None:
            ctx.lose(row, key)
    return out


# -- Responses -> Anthropic ---------------------------------------------------------------------------


def responses_to_anthropic_response(
    body: Any,
    *,
    options: Options | None = None,
    id: str | None = None,
    **opts: Unpack[R2AResponseOptions],
) -> Converted[ant.Message]:
    """Convert a Responses ``Response`` into an Anthropic ``Message``.

    ``body`` is a dict, a ``Response`` or JSON bytes/str; it is not mutated. ``id`` replaces the id
    derived from the response's. Reasoning items become thinking blocks whose ``signature``
    carries the item's id and ``encrypted_content``, so that the Anthropic client's next request
    gives them back to the Responses upstream exactly (docs/mapping.md).
    """
    ctx = Context(
        resolve_options(options, opts, R2AResponseOptions, "responses_to_anthropic_response")
    )
    check_call("id", id, str)
    response = rsp.Response.parse_wire(body)
    return ctx.finish(ant.Message.trusted(_to_anthropic(response, ctx, id)))


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
_ERROR = R2A_RESPONSE.dropped(
    "error",
    "the error of a failed response: a Message has no error field (a gateway should answer a failed response with an error reply)",
)
R2A_RESPONSE.dropped(
    "(request echo)",
    "instructions, tools, tool_choice, parallel_tool_calls, max_output_tokens, reasoning, text, temperature, top_p, metadata and the other settings a Response repeats: the Anthropic client sent them itself, and a Message does not repeat them (not reported)",
)
for _key in (*ECHOED, "conversation"):
    R2A_RESPONSE.dropped(_key, "an echo of the request (see (request echo)); not reported")
_REPLY_DROPPED: Final = {
    key: R2A_RESPONSE.dropped(key, note)
    for key, note in (
        ("prompt_cache_diagnostics", "no Anthropic counterpart"),
        (
            "input_transformations",
            "items the server dropped from the input: Anthropic's input_transformations have another shape",
        ),
        ("moderation", "no Anthropic counterpart"),
    )
}


def _to_anthropic(resp: Json, ctx: Context, id: str | None) -> Json:
    ctx.unknown(resp, _RESPONSE_KEYS, "")
    content, calls = output_to_content(resp.get("output") or [], ctx)
    out: Json = {
        "id": id or anthropic_id(resp["id"]),
        "type": "message",
        "role": "assistant",
        "model": resp["model"],
        "content": content,
        "stop_reason": status_to_stop(resp, calls, ctx),
        "stop_sequence": None,
        "usage": anthropic_usage(
            resp.get("usage"), resp.get("tool_usage"), resp.get("service_tier"), ctx
        ),
    }
    if resp.get("error") is not None:
        ctx.lose(_ERROR, "error")
    for key, row in _REPLY_DROPPED.items():
        if resp.get(key) is not None:
            ctx.lose(row, key)
    return out
