"""
ruapi_convert.mapping.stop
~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: everything that decides why a reply stopped lives here. ``stop_reason`` (Anthropic) <->
``finish_reason`` (OpenAI), for replies and streams alike: both tables, which Anthropic reasons
collapse (and so ride in ``message.anthropic``), refusal precedence, the fallbacks, and the rows
``docs/mapping.md`` renders for these fields.

OpenAI documents five finish reasons; Anthropic has eight stop reasons (one beta). Where several
Anthropic reasons collapse into one OpenAI reason, the original is carried in the message's
``anthropic`` extension, so Anthropic -> OpenAI -> Anthropic is exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .._quote import quote
from ._ledger import A2O_RESPONSE, O2A_RESPONSE, O2R_RESPONSE, R2O_RESPONSE, Counterpart, Json

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "COLLAPSING",
    "FINISH_TO_STOP",
    "STOP_TO_FINISH",
    "after_finish",
    "finish_reason",
    "missing_finish",
    "stop_fields",
]

STOP_TO_FINISH: Final[dict[str, Counterpart]] = {
    "end_turn": Counterpart("stop"),
    # OpenAI: '"stop" if the model hit a natural stop point or a provided stop sequence' — the
    # matched sequence itself has no field; it travels in the extension.
    "stop_sequence": Counterpart("stop"),
    "max_tokens": Counterpart("length"),
    "tool_use": Counterpart("tool_calls"),
    "refusal": Counterpart(
        "content_filter",
        note="Anthropic's classifiers stopped the reply; OpenAI calls that content_filter",
    ),
    # Claude 4.5+: "the model stopped because it reached its context window limit".
    "model_context_window_exceeded": Counterpart(
        "length", exact=False, note="the context window, not max_tokens, was exhausted"
    ),
    # "Claude paused a long-running turn": the client must send the reply back to continue.
    "pause_turn": Counterpart(
        "stop", exact=False, note="OpenAI has no 'paused, send it back' reason"
    ),
    # Beta: the context was compacted; the turn is not finished.
    "compaction": Counterpart("stop", exact=False, note="OpenAI has no compaction reason"),
}

FINISH_TO_STOP: Final[dict[str, Counterpart]] = {
    "stop": Counterpart("end_turn"),
    "length": Counterpart("max_tokens"),
    "tool_calls": Counterpart("tool_use"),
    "function_call": Counterpart(
        "tool_use", note="deprecated function_call becomes a tool_use block"
    ),
    "content_filter": Counterpart("refusal"),
}

#: The fallbacks for a reason newer than this library (reported as ``unknown``).
UNKNOWN_STOP_FINISH: Final = "stop"
UNKNOWN_FINISH_STOP: Final = "end_turn"

#: Stop reasons that share their finish reason with another one: only the extension can bring them
#: back, so they are carried (derived from the two tables, never listed by hand).
COLLAPSING: Final = frozenset(
    stop for stop, c in STOP_TO_FINISH.items() if FINISH_TO_STOP[c.value].value != stop
)

# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

STOP_REASON = A2O_RESPONSE.mapped(
    "stop_reason",
    "choices[0].finish_reason",
    "end_turn/stop_sequence/pause_turn/compaction -> stop; max_tokens/model_context_window_exceeded -> length; tool_use -> tool_calls; refusal -> content_filter. Reasons that collapse are carried in choices[0].message.anthropic.stop_reason (approximated with extensions off)",
)
STOP_SEQUENCE = A2O_RESPONSE.carried(
    "stop_sequence",
    "choices[0].message.anthropic.stop_sequence",
    "OpenAI does not say which stop sequence matched",
)
STOP_DETAILS = A2O_RESPONSE.carried(
    "stop_details",
    "choices[0].message.anthropic.stop_details",
    "the refusal category and explanation",
)
_CARRIED_ROWS: Final = {"stop_sequence": STOP_SEQUENCE, "stop_details": STOP_DETAILS}


def finish_reason(msg: Json, ctx: Context, ext: Json) -> str:
    """``finish_reason`` for the stop fields of a Message (or the end of a stream).

    What the finish reason cannot say - a collapsing or unknown stop reason, the matched
    ``stop_sequence``, ``stop_details`` - goes into ``ext`` (the ``message.anthropic`` extension)
    with extensions on, and is reported otherwise.
    """
    stop = msg.get("stop_reason")
    if stop is None:
        ctx.lose(
            STOP_REASON,
            "stop_reason",
            kind="defaulted",
            detail="the message has no stop_reason; finish_reason 'stop' was sent",
        )
        return UNKNOWN_STOP_FINISH
    mapped = STOP_TO_FINISH.get(stop)
    carried: Json = {}
    if mapped is None:
        ctx.lose(
            STOP_REASON,
            "stop_reason",
            kind="unknown",
            detail=f"stop_reason {quote(stop)} is unknown; finish_reason {UNKNOWN_STOP_FINISH!r} was sent",
        )
        value = UNKNOWN_STOP_FINISH
    else:
        value = mapped.value
    if mapped is None or stop in COLLAPSING:
        carried["stop_reason"] = stop
    for key in ("stop_sequence", "stop_details"):
        if msg.get(key) is not None:
            carried[key] = msg[key]
    if carried:
        if ctx.options.extensions:
            ext.update(carried)
        else:
            for key in carried:
                if key == "stop_reason" and mapped is not None:
                    ctx.lose(
                        STOP_REASON,
                        "stop_reason",
                        kind="approximated",
                        detail=f"stop_reason {quote(stop)} became finish_reason {quote(value)}: {mapped.note or 'OpenAI does not distinguish it'}",
                    )
                elif key != "stop_reason":
                    ctx.lose(_CARRIED_ROWS[key], key)
    return value


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

FINISH_REASON = O2A_RESPONSE.mapped(
    "choices[].finish_reason",
    "stop_reason",
    "stop -> end_turn, length -> max_tokens, tool_calls/function_call -> tool_use, content_filter -> refusal; message.anthropic (from the reverse direction) restores the exact reason, stop_sequence and stop_details. A choice with tool calls that would end as end_turn (finish_reason stop, as Ollama sends it, or none) gets tool_use (approximated)",
)
REFUSAL = O2A_RESPONSE.approximated(
    "choices[].message.refusal",
    "content[]: text + stop_reason refusal",
    "OpenAI's separate refusal channel becomes ordinary text with stop_reason 'refusal' (exact when finish_reason is content_filter)",
)


def stop_fields(
    finish: Any, carried: Any, refusal: Any, ctx: Context, path: str, *, tool_calls: bool = False
) -> Json:
    """``stop_reason``/``stop_sequence``/``stop_details`` for a finish_reason (replies and streams).

    ``carried`` is the choice's ``message.anthropic`` extension (our reverse direction's), whose
    exact reason wins when it maps back to ``finish``; a ``refusal`` makes the reason ``refusal``;
    ``tool_calls``: the choice made tool calls, which makes an ``end_turn`` a ``tool_use``.
    """
    out = _stop_fields(finish, carried, refusal, ctx, path)
    if tool_calls and out["stop_reason"] == UNKNOWN_FINISH_STOP:
        # Ollama and other servers end a tool-calling turn with "stop". Anthropic clients run the
        # tools only on stop_reason "tool_use" (Claude Code, the SDK's tool runner), so the reason
        # follows the content, as OpenAI's own "tool_calls" would have said.
        out["stop_reason"] = "tool_use"
        ctx.lose(
            FINISH_REASON,
            f"{path}.finish_reason",
            kind="approximated",
            detail=f"finish_reason {quote(finish)} next to tool calls: stop_reason 'tool_use' was sent",
        )
    return out


def _stop_fields(finish: Any, carried: Any, refusal: Any, ctx: Context, path: str) -> Json:
    if isinstance(carried, dict) and carried.get("stop_reason") is not None:
        stop = carried["stop_reason"]
        # Only a reason that maps back to this finish_reason is trusted (the extension could be stale).
        mapped = STOP_TO_FINISH.get(stop)
        if mapped is None or finish is None or mapped.value == finish:
            out: Json = {"stop_reason": stop, "stop_sequence": carried.get("stop_sequence")}
            if carried.get("stop_details") is not None:
                out["stop_details"] = carried["stop_details"]
            return out
    out = {"stop_sequence": None}
    if finish is None:
        ctx.lose(
            FINISH_REASON,
            f"{path}.finish_reason",
            kind="defaulted",
            detail=f"no finish_reason; stop_reason {UNKNOWN_FINISH_STOP!r} was sent",
        )
        out["stop_reason"] = UNKNOWN_FINISH_STOP
        return out
    if refusal:
        out["stop_reason"] = "refusal"
        if finish != "content_filter":
            ctx.lose(REFUSAL, f"{path}.message.refusal")
        return out
    mapped = FINISH_TO_STOP.get(finish)
    if mapped is None:
        ctx.lose(
            FINISH_REASON,
            f"{path}.finish_reason",
            kind="unknown",
            detail=f"finish_reason {quote(finish)} is unknown; stop_reason {UNKNOWN_FINISH_STOP!r} was sent",
        )
        out["stop_reason"] = UNKNOWN_FINISH_STOP
        return out
    out["stop_reason"] = mapped.value
    if isinstance(carried, dict):
        for key in ("stop_sequence", "stop_details"):
            if carried.get(key) is not None:
                out[key] = carried[key]
    return out


#: The finish reason whose stop reason is the fallback: what a stream that ended without one gets.
_DEFAULT_FINISH: Final = next(
    finish for finish, c in FINISH_TO_STOP.items() if c.value == UNKNOWN_FINISH_STOP
)


def missing_finish(ctx: Context, path: str) -> str:
    """The finish reason for a stream that ended (``[DONE]``) without one, reported as defaulted."""
    ctx.lose(
        FINISH_REASON,
        path,
        kind="defaulted",
        detail=f"[DONE] without a finish_reason; stop_reason {UNKNOWN_FINISH_STOP!r} was sent",
    )
    return _DEFAULT_FINISH


AFTER_FINISH = O2A_RESPONSE.dropped(
    "choices[].delta (after finish_reason)",
    "a stream's choice ends at its finish_reason; content or a second finish_reason after it has no place in the Anthropic stream, whose blocks are closed by then",
)


def after_finish(chunk: Json, finish: str, ctx: Context, row: Fate = AFTER_FINISH) -> None:
    """Report what a chunk after the one with ``finish_reason`` still says: only usage belongs
    there (``row``: the target's after-the-finish row)."""
    for choice in chunk["choices"]:
        delta = choice.get("delta") or {}
        said = sorted(k for k, v in delta.items() if v not in (None, "", [], {}) and k != "role")
        if said:
            ctx.lose(
                row,
                "choices[0].delta",
                detail=f"{', '.join(said)} after finish_reason {quote(finish)}: dropped",
            )
        if choice.get("finish_reason") is not None:
            ctx.lose(
                row,
                "choices[0].finish_reason",
                detail=f"a second finish_reason {quote(choice['finish_reason'])} after {quote(finish)}: the first was kept",
            )


# -- Responses <-> Chat ---
#
# A Chat reply says why it stopped in ``finish_reason``; a Response says whether it finished in
# ``status`` and, when it did not, why in ``incomplete_details.reason`` ("max_output_tokens" |
# "max_messages" | "content_filter" | "steered"). A Response has no "stopped to call tools"
# status: it is ``completed`` with function_call items in ``output``.


#: Chat finish_reason -> Responses (status, incomplete_details.reason).
FINISH_TO_STATUS: Final[dict[str, tuple[str, str | None]]] = {
    "stop": ("completed", None),
    "tool_calls": ("completed", None),
    "function_call": ("completed", None),
    "length": ("incomplete", "max_output_tokens"),
    "content_filter": ("incomplete", "content_filter"),
}

#: Responses incomplete_details.reason -> Chat finish_reason.
INCOMPLETE_TO_FINISH: Final[dict[str, Counterpart]] = {
    "max_output_tokens": Counterpart("length"),
    "content_filter": Counterpart("content_filter"),
    "max_messages": Counterpart(
        "length", exact=False, note="the server's limit on output items, not on tokens"
    ),
    "steered": Counterpart(
        "stop", exact=False, note="the reply was steered (cut short by a steer event)"
    ),
}

_O2R_FINISH = O2R_RESPONSE.mapped(
    "choices[].finish_reason",
    "status + incomplete_details.reason",
    "stop/tool_calls/function_call -> completed; length -> incomplete (max_output_tokens); content_filter -> incomplete (content_filter); absent -> completed (defaulted); unknown -> completed (unknown)",
)
_R2O_STATUS = R2O_RESPONSE.mapped(
    "status",
    "choices[0].finish_reason",
    "completed -> stop, or tool_calls when the output has function or custom tool calls; incomplete -> incomplete_details.reason (max_output_tokens -> length, content_filter -> content_filter, max_messages -> length and steered -> stop, approximated); failed, cancelled, in_progress, queued -> stop (approximated)",
)
R2O_RESPONSE.mapped(
    "incomplete_details",
    "choices[0].finish_reason",
    "see status",
)
R2O_RESPONSE.mapped(
    "incomplete_details.reason",
    "choices[0].finish_reason",
    "see status",
)


O2R_AFTER_FINISH = O2R_RESPONSE.dropped(
    "choices[].delta (after finish_reason)",
    "a stream's choice ends at its finish_reason; content or a second finish_reason after it has no place in the Responses stream, whose items are done by then",
)


def finish_to_status(finish: Any, ctx: Context, path: str) -> tuple[str, Json | None]:
    """The Response ``status`` and ``incomplete_details`` for a Chat ``finish_reason``."""
    if finish is None:
        ctx.lose(
            _O2R_FINISH,
            path,
            kind="defaulted",
            detail="no finish_reason; the response is 'completed'",
        )
        return "completed", None
    mapped = FINISH_TO_STATUS.get(finish)
    if mapped is None:
        ctx.lose(
            _O2R_FINISH,
            path,
            kind="unknown",
            detail=f"finish_reason {finish!r} is unknown; the response is 'completed'",
        )
        return "completed", None
    status, reason = mapped
    return status, ({"reason": reason} if reason is not None else None)


def status_to_finish(response: Json, has_calls: bool, ctx: Context) -> str:
    """The Chat ``finish_reason`` for a Response's ``status`` (and ``incomplete_details``)."""
    status = response.get("status")
    if status in ("completed", None):
        return "tool_calls" if has_calls else "stop"
    if status == "incomplete":
        details = response.get("incomplete_details") or {}
        reason = details.get("reason")
        mapped = INCOMPLETE_TO_FINISH.get(reason) if isinstance(reason, str) else None
        if mapped is None:
            ctx.lose(
                _R2O_STATUS,
                "incomplete_details.reason",
                kind="unknown" if reason is not None else "defaulted",
                detail=f"incomplete reason {reason!r} has no finish reason; 'length' was sent",
            )
            return "length"
        if not mapped.exact:
            ctx.lose(
                _R2O_STATUS,
                "incomplete_details.reason",
                kind="approximated",
                detail=f"incomplete reason {reason!r} became finish_reason {mapped.value!r}: {mapped.note}",
            )
        return mapped.value
    ctx.lose(
        _R2O_STATUS,
        "status",
        kind="approximated",
        detail=f"status {status!r} has no finish reason; 'stop' was sent",
    )
    return "stop"
