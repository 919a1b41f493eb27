"""
ruapi_convert.mapping.stop_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The stop concept between Anthropic Messages and the Responses API: ``stop_reason`` <->
``status`` + ``incomplete_details.reason``.

A Message says why it stopped (``end_turn``, ``tool_use``, ``max_tokens``, ``stop_sequence``,
``pause_turn``, ``refusal``, ``model_context_window_exceeded``); a Response says whether it
finished (``completed``, ``incomplete``, ``failed`` ...) and, when it did not, why
(``max_output_tokens``, ``content_filter``, ``max_messages``, ``steered``). A Response has no
"stopped to call tools": it is ``completed`` with call items in ``output``, so the reverse
direction looks at the output to tell ``tool_use`` from ``end_turn``.

``pause_turn`` is Anthropic's "a long server-tool turn was paused; send the conversation back to
let it continue" - Anthropic's docs: "you can provide the response back as-is in a subsequent
request to let Claude continue its turn". A Responses client has no such signal: it sees a
``completed`` response (what LiteLLM sends too), reported as approximated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import A2R_RESPONSE, R2A_RESPONSE, Counterpart, Json

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["STOP_TO_STATUS", "status_to_stop", "stop_to_status"]

#: Anthropic stop_reason -> (Responses status, incomplete reason); inexact entries are reported.
STOP_TO_STATUS: Final[dict[str, tuple[str, Counterpart | None, bool]]] = {
    "end_turn": ("completed", None, True),
    "tool_use": ("completed", None, True),
    "stop_sequence": ("completed", None, True),
    "pause_turn": ("completed", None, False),
    "max_tokens": ("incomplete", Counterpart("max_output_tokens"), True),
    "model_context_window_exceeded": (
        "incomplete",
        Counterpart(
            "max_output_tokens",
            exact=False,
            note="the context window filled up, not the max_output_tokens budget",
        ),
        False,
    ),
    "refusal": ("incomplete", Counterpart("content_filter"), True),
}

_A2R_STOP = A2R_RESPONSE.mapped(
    "stop_reason",
    "status + incomplete_details.reason",
    "end_turn, tool_use, stop_sequence -> completed; pause_turn -> completed (approximated: a Responses client has no 'send it back to continue' signal); max_tokens -> incomplete (max_output_tokens); model_context_window_exceeded -> incomplete (max_output_tokens, approximated); refusal -> incomplete (content_filter); absent (a stream cut before its message_delta) -> completed (defaulted); unknown -> completed (unknown)",
)
_STOP_SEQUENCE = A2R_RESPONSE.dropped(
    "stop_sequence",
    "which stop sequence matched: a Response has no stop sequences (null is not reported)",
)
_STOP_DETAILS = A2R_RESPONSE.dropped(
    "stop_details",
    "the category and explanation of a refusal: a Response says only content_filter",
)


def stop_to_status(message: Json, ctx: Context) -> tuple[str, Json | None]:
    """The Response ``status`` and ``incomplete_details`` for a Message's ``stop_reason``."""
    stop = message.get("stop_reason")
    if message.get("stop_sequence") is not None:
        ctx.lose(_STOP_SEQUENCE, "stop_sequence")
    if message.get("stop_details") is not None:
        ctx.lose(_STOP_DETAILS, "stop_details")
    if stop is None:
        ctx.lose(
            _A2R_STOP,
            "stop_reason",
            kind="defaulted",
            detail="no stop_reason; the response is 'completed'",
        )
        return "completed", None
    mapped = STOP_TO_STATUS.get(stop)
    if mapped is None:
        ctx.lose(
            _A2R_STOP,
            "stop_reason",
            kind="unknown",
            detail=f"stop_reason {ctx.quote(stop)} is unknown; the response is 'completed'",
        )
        return "completed", None
    status, reason, exact = mapped
    if not exact:
        note = reason.note if reason is not None else "send the response back to continue the turn"
        ctx.lose(
            _A2R_STOP,
            "stop_reason",
            kind="approximated",
            detail=f"stop_reason {stop!r} became status {status!r}: {note}",
        )
    return status, ({"reason": reason.value} if reason is not None else None)


# -- Responses -> Anthropic ---------------------------------------------------------------------------

#: Responses incomplete_details.reason -> Anthropic stop_reason.
INCOMPLETE_TO_STOP: Final[dict[str, Counterpart]] = {
    "max_output_tokens": Counterpart("max_tokens"),
    "content_filter": Counterpart("refusal"),
    "max_messages": Counterpart(
        "max_tokens", exact=False, note="the server's limit on output items, not on tokens"
    ),
    "steered": Counterpart("end_turn", exact=False, note="the reply was cut short by a steer"),
}

_R2A_STATUS = R2A_RESPONSE.mapped(
    "status",
    "stop_reason",
    "completed -> tool_use when the output has function or custom tool calls, else end_turn; incomplete -> incomplete_details.reason (max_output_tokens -> max_tokens, content_filter -> refusal, max_messages -> max_tokens and steered -> end_turn, approximated); failed, cancelled, in_progress, queued -> end_turn (approximated)",
)
R2A_RESPONSE.mapped("incomplete_details", "stop_reason", "see status")
R2A_RESPONSE.mapped("incomplete_details.reason", "stop_reason", "see status")


def status_to_stop(response: Json, has_calls: bool, ctx: Context) -> str:
    """The Anthropic ``stop_reason`` for a Response's ``status`` (and ``incomplete_details``)."""
    status: Any = response.get("status")
    if status in ("completed", None):
        return "tool_use" if has_calls else "end_turn"
    if status == "incomplete":
        reason = (response.get("incomplete_details") or {}).get("reason")
        mapped = INCOMPLETE_TO_STOP.get(reason) if isinstance(reason, str) else None
        if mapped is None:
            ctx.lose(
                _R2A_STATUS,
                "incomplete_details.reason",
                kind="unknown" if reason is not None else "defaulted",
                detail=f"incomplete reason {ctx.quote(reason)} has no stop reason; 'max_tokens' was sent",
            )
            return "max_tokens"
        if not mapped.exact:
            ctx.lose(
                _R2A_STATUS,
                "incomplete_details.reason",
                kind="approximated",
                detail=f"incomplete reason {reason!r} became stop_reason {mapped.value!r}: {mapped.note}",
            )
        return mapped.value
    ctx.lose(
        _R2A_STATUS,
        "status",
        kind="approximated",
        detail=f"status {ctx.quote(status)} has no stop reason; 'end_turn' was sent",
    )
    return "end_turn"
