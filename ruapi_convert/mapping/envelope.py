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

from typing import TYPE_CHECKING, Any

from ..errors import UnsupportedError
from ._ledger import A2O_RESPONSE, O2A_RESPONSE, Json

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
