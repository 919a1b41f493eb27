"""
ruapi_convert.mapping.envelope
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: the envelope of a reply - ``id``, ``object``/``type``, ``created``, ``model`` - is made here,
once for a whole reply and for the chunks or events of a stream.

Ids are derived reversibly: a Chat Completions id made from a Messages id is ``chatcmpl-`` + that
id, and the reverse prefixes ``msg_``; each direction first strips the other's prefix, so ids
survive any number of round trips. Anthropic has no timestamp, so ``created`` comes from the
caller (a gateway passes ``int(time.time())``), else from our reverse direction's extension, else
it is 0, reported as defaulted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import UnsupportedError
from ._ledger import A2O_RESPONSE, O2A_RESPONSE, O2R_RESPONSE, R2O_RESPONSE, Json

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "chat_envelope",
    "completion_id",
    "message_envelope",
    "message_id",
    "only_choice",
    "several_choices",
]


def completion_id(message_id: str) -> str:
    """The ``chatcmpl-`` id for a ``msg_`` id (and the original id back for ``msg_chatcmpl-...``)."""
    if message_id.startswith("msg_chatcmpl-"):
        return message_id[4:]
    return f"chatcmpl-{message_id}"


def message_id(completion: str) -> str:
    """The ``msg_`` id for a ``chatcmpl-`` id (and the original id back for ``chatcmpl-msg_...``)."""
    if completion.startswith("chatcmpl-msg_"):
        return completion[9:]
    return f"msg_{completion}"


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_RESPONSE.mapped(
    "id",
    "id",
    "'chatcmpl-' + id, or the original id of a 'msg_chatcmpl-...' id made by the reverse direction; the `id` argument overrides",
)
CREATED = A2O_RESPONSE.defaulted(
    "created",
    "created",
    "Anthropic replies carry no timestamp: the `created` argument (a gateway passes int(time.time())), else openai.created carried by the reverse direction, else 0 (reported as defaulted)",
)
A2O_RESPONSE.mapped("type", "object", "always chat.completion")
A2O_RESPONSE.mapped("role", "choices[0].message.role")
A2O_RESPONSE.mapped("model", "model")


def chat_envelope(
    msg: Json,
    ctx: Context,
    *,
    created: int | None,
    id: str | None,
    carried_created: Any = None,
    stream: bool,
) -> Json:
    """``id``, ``object``, ``created`` and ``model`` of the ChatCompletion (or of every chunk of
    the stream) made from Anthropic message ``msg``.

    ``created`` and ``id`` are the caller's; ``carried_created`` is ``openai.created`` from our
    reverse direction, when the message has it.
    """
    if created is None:
        created = carried_created
    if not isinstance(created, int):
        what = "streams" if stream else "replies"
        ctx.lose(
            CREATED,
            "created",
            kind="defaulted",
            detail=f"Anthropic {what} carry no timestamp; created is 0 (pass the created argument)",
        )
        created = 0
    return {
        "id": id or completion_id(msg["id"]),
        "object": "chat.completion.chunk" if stream else "chat.completion",
        "created": created,
        "model": msg["model"],
    }


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_RESPONSE.mapped(
    "id",
    "id",
    "'msg_' + id, or the original id of a 'chatcmpl-msg_...' id made by the reverse direction; the `id` argument overrides",
)
O2A_RESPONSE.mapped("object", "type", "always message")
O2A_RESPONSE.mapped("model", "model")
O2A_RESPONSE.refused(
    "choices", "exactly one choice maps to the message; n > 1 raises UnsupportedError"
)
O2A_RESPONSE.mapped("choices[].index")
O2A_RESPONSE.mapped("choices[].message", "content")
O2A_RESPONSE.mapped("choices[].message.role", "role")


def message_envelope(completion: Json, *, id: str | None) -> Json:
    """``id``, ``type``, ``role`` and ``model`` of the Message (or ``message_start``) made from a
    ChatCompletion (or its first chunk); ``id`` is the caller's."""
    return {
        "id": id or message_id(completion["id"]),
        "type": "message",
        "role": "assistant",
        "model": completion["model"],
    }


def only_choice(choices: list[Json]) -> Json:
    """The one choice an Anthropic message can hold; several raise UnsupportedError."""
    if len(choices) != 1:
        raise UnsupportedError(
            f"an Anthropic message holds one reply; this completion has {len(choices)} choices",
            path="choices",
        )
    return choices[0]


def several_choices() -> UnsupportedError:
    """The error for a stream chunk whose choice is not the first (a stream of ``n > 1``)."""
    return UnsupportedError(
        "a stream with several choices (n > 1) has no Anthropic form", path="choices[].index"
    )


# -- Responses <-> Chat ---
#
# Ids are derived reversibly, as above: a Response made from a Chat completion is ``resp_`` + its
# id, and the reverse prefixes ``chatcmpl-``, each direction first stripping the other's prefix.
# Output items get ids derived from the same base (``msg_<base>``, ``rs_<base>_<k>``,
# ``fc_<base>_<k>``, ``ctc_<base>_<k>``): never the tool call's ``call_id``, which servers such
# as Bedrock Mantle number per response (``call_0`` ...), so it repeats across responses.


def response_id(completion: str) -> str:
    """The ``resp_`` id for a ``chatcmpl-`` id (and the original back for ``chatcmpl-resp_...``)."""
    if completion.startswith("chatcmpl-resp_"):
        return completion[9:]
    return f"resp_{completion}"


def chat_id(response: str) -> str:
    """The ``chatcmpl-`` id for a ``resp_`` id (and the original back for ``resp_chatcmpl-...``)."""
    if response.startswith("resp_chatcmpl-"):
        return response[5:]
    return f"chatcmpl-{response}"


def item_id(prefix: str, response: str, k: int | None = None) -> str:
    """A derived output item id: ``<prefix>_<response id without resp_>[_<k>]``."""
    base = response[5:] if response.startswith("resp_") else response
    return f"{prefix}_{base}" if k is None else f"{prefix}_{base}_{k}"


O2R_RESPONSE.mapped(
    "id",
    "id",
    "'resp_' + id, or the original id of a 'chatcmpl-resp_...' id made by the reverse direction; the `id` argument overrides. Output item ids derive from it (msg_, rs_, fc_, ctc_ + the same base), never from a call_id",
)
O2R_RESPONSE.mapped("object", "object", "always response")
O2R_RESPONSE.mapped("created", "created_at")
O2R_RESPONSE.mapped("model", "model")
O2R_RESPONSE.refused(
    "choices", "exactly one choice maps to the response; n > 1 raises UnsupportedError"
)
O2R_RESPONSE.mapped("choices[].index")
O2R_RESPONSE.mapped("choices[].message", "output[]")
O2R_RESPONSE.mapped("choices[].message.role", "output[].role")
O2R_RESPONSE.dropped(
    "system_fingerprint",
    "a Response has no backend fingerprint",
)
O2R_RESPONSE.mapped("metadata", "metadata")
O2R_RESPONSE.dropped(
    "moderation",
    "Chat moderation verdicts are lists, a Response's one verdict per side; not carried",
)
ECHO = O2R_RESPONSE.defaulted(
    "(request echo)",
    "instructions, tools, tool_choice, parallel_tool_calls, max_output_tokens, reasoning, text, temperature, top_p, ...",
    "a Response repeats the request's settings and requires tools, tool_choice and parallel_tool_calls: they come from the `request` argument (the client's Responses request); without it they are [], 'auto' and true, reported once as defaulted at path `request`",
)

#: Request fields a Response repeats (a hand list of the Response fields that echo a request).
ECHOED: Final = (
    "background", "instructions", "max_output_tokens", "max_tool_calls", "parallel_tool_calls",
    "previous_response_id", "prompt_cache_key", "prompt_cache_retention", "reasoning",
    "safety_identifier", "store", "temperature", "text", "tool_choice", "tools", "top_logprobs",
    "top_p", "truncation", "user", "metadata", "prompt", "prompt_cache_options", "image",
    "access_programs",
)  # fmt: skip


def response_envelope(
    completion: Json, ctx: Context, *, id: str | None, request: Json | None
) -> Json:
    """``id``, ``object``, ``created_at``, ``model`` and the request echo of the Response made from
    a ChatCompletion (or from the first chunk of a stream)."""
    out: Json = {
        "id": id or response_id(completion["id"]),
        "object": "response",
        "created_at": completion["created"],
    }
    if request is None:
        ctx.lose(
            ECHO,
            "request",
            kind="defaulted",
            detail="no `request` given: the response echoes tools [], tool_choice 'auto' and parallel_tool_calls true",
        )
        request = {}
    for key in ECHOED:
        if request.get(key) is not None:
            out[key] = request[key]
    conversation = request.get("conversation")
    if conversation is not None:
        out["conversation"] = (
            {"id": conversation} if isinstance(conversation, str) else conversation
        )
    out["model"] = completion["model"]
    out.setdefault("parallel_tool_calls", True)
    out.setdefault("tool_choice", "auto")
    out.setdefault("tools", [])
    return out


R2O_RESPONSE.mapped(
    "id",
    "id",
    "'chatcmpl-' + id, or the original id of a 'resp_chatcmpl-...' id made by the reverse direction; the `id` argument overrides",
)
R2O_RESPONSE.mapped("object", "object", "always chat.completion")
CREATED_AT = R2O_RESPONSE.mapped(
    "created_at",
    "created",
    "a fractional timestamp is truncated to whole seconds (approximated)",
)
R2O_RESPONSE.mapped("model", "model")
R2O_RESPONSE.mapped(
    "completed_at",
    "",
    "when the response finished; a ChatCompletion has only its creation time (not reported)",
)
R2O_RESPONSE.mapped("metadata", "metadata")
R2O_RESPONSE.dropped(
    "(request echo)",
    "background, instructions, max_output_tokens, max_tool_calls, parallel_tool_calls, previous_response_id, prompt_cache_key, prompt_cache_retention, prompt_cache_options, reasoning, safety_identifier, store, temperature, text, tool_choice, tools, top_logprobs, top_p, truncation, user, prompt, conversation, image, access_programs: a Response repeats the request; the Chat client sent it itself, and a ChatCompletion does not repeat it (not reported)",
)
for _key in (*ECHOED, "conversation"):
    if _key != "metadata":
        R2O_RESPONSE.dropped(_key, "an echo of the request (see (request echo)); not reported")


def completion_envelope(response: Json, ctx: Context, *, id: str | None, stream: bool) -> Json:
    """``id``, ``object``, ``created`` and ``model`` of the ChatCompletion (or of every chunk of a
    stream) made from a Response."""
    created = response["created_at"]
    if not isinstance(created, int):
        ctx.lose(
            CREATED_AT,
            "created_at",
            kind="approximated",
            detail=f"created_at {created!r} truncated to whole seconds",
        )
        created = int(created)
    return {
        "id": id or chat_id(response["id"]),
        "object": "chat.completion.chunk" if stream else "chat.completion",
        "created": created,
        "model": response["model"],
    }
