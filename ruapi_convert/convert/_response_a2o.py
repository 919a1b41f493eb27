"""
ruapi_convert.convert._response_a2o
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Anthropic ``Message`` -> OpenAI ``ChatCompletion``.

Theory of operation
-------------------

The reply becomes one choice. Text blocks are concatenated into ``content`` (Anthropic splits text
around citations into consecutive blocks, so they join without a separator), ``tool_use`` blocks
become ``tool_calls``, thinking becomes ``reasoning_content``/``reasoning_details``, and web-search
citations become ``url_citation`` annotations at the character offsets of their text.

A ChatCompletion cannot hold everything a Message can: several text blocks collapse into one
string, blocks keep no order relative to each other, server-tool blocks and most citation kinds
have no field. When the standard fields cannot reproduce the content exactly, the original blocks
travel in ``message.anthropic.content`` (extensions on) - the reverse direction prefers them when
they agree with the standard fields - or each missing piece is reported (extensions off).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._content import completion_id, input_to_arguments
from ._reasoning import thinking_to_openai
from ._response_fates import A2O_RESPONSE
from ._tables import STOP_TO_FINISH, UNKNOWN_STOP_FINISH
from ._usage import anthropic_to_openai_usage

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["FATES", "convert_response", "finish_reason", "message_fields"]

FATES = A2O_RESPONSE

Json = dict[str, Any]

_MESSAGE_KEYS: Final = frozenset(
    {"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details", "usage",
     "container", "diagnostics", "context_management", "input_transformations", "openai"}
)  # fmt: skip
#: Message keys with no ChatCompletion field, carried in the completion's ``anthropic`` object.
_CARRIED_KEYS: Final = ("container", "diagnostics", "context_management", "input_transformations")
#: The block types (and keys) the standard OpenAI fields reproduce exactly.
_PLAIN_KEYS: Final = {
    "text": frozenset({"type", "text"}),
    "tool_use": frozenset({"type", "id", "name", "input"}),
    "thinking": frozenset({"type", "thinking", "signature"}),
    "redacted_thinking": frozenset({"type", "data"}),
}
_ORDER: Final = {"thinking": 0, "redacted_thinking": 0, "text": 1, "tool_use": 2}


def convert_response(msg: Json, ctx: Context) -> Json:
    """Map a validated Anthropic Message (wire dict) to a ChatCompletion (wire dict)."""
    ctx.unknown(msg, _MESSAGE_KEYS, "")
    opts = ctx.options
    carried_ext = msg.get("openai")
    openai_ext: Json = carried_ext if isinstance(carried_ext, dict) else {}
    created = opts.created if opts.created is not None else openai_ext.get("created")
    if not isinstance(created, int):
        ctx.lose(
            "created",
            "id",
            kind="defaulted",
            detail="Anthropic replies carry no timestamp; created is 0 (pass the created option)",
        )
        created = 0
    message, _ = message_fields(msg["content"], ctx, "content")
    choice: Json = {"index": 0, "message": message}
    choice["finish_reason"] = finish_reason(msg, ctx, choice)
    choice["logprobs"] = openai_ext.get("logprobs")
    out: Json = {
        "id": opts.id or completion_id(msg["id"]),
        "object": "chat.completion",
        "created": created,
        "model": msg["model"],
        "choices": [choice],
    }
    usage = msg.get("usage")
    if usage is not None:
        out["usage"], tier = anthropic_to_openai_usage(usage, ctx, "usage", "usage")
        for group, values in (openai_ext.get("usage") or {}).items():
            out["usage"].setdefault(group, {}).update(values)
        tier = openai_ext.get("service_tier", tier)
        if tier is not None:
            out["service_tier"] = tier
    if openai_ext.get("system_fingerprint") is not None:
        out["system_fingerprint"] = openai_ext["system_fingerprint"]
    carried = {k: msg[k] for k in _CARRIED_KEYS if msg.get(k) is not None}
    if carried:
        if opts.extensions:
            out["anthropic"] = carried
        else:
            for key in carried:
                ctx.lose(key, key)
    return out


def message_fields(blocks: list[Json], ctx: Context, path: str) -> tuple[Json, bool]:
    """The ``choices[].message`` for Anthropic content blocks (shared with the stream converter).

    Returns the message and whether the standard fields reproduce the blocks exactly.
    """
    texts: list[str] = []
    annotations: list[Json] = []
    calls: list[Json] = []
    thinking: list[Json] = []
    exact = True
    offset = 0
    for block in blocks:
        kind = block["type"]
        if kind == "text":
            text = block["text"]
            annotations.extend(
                _url_citation(citation, offset, offset + len(text))
                for citation in block.get("citations") or ()
                if citation.get("type") == "web_search_result_location"
            )
            texts.append(text)
            offset += len(text)
        elif kind == "tool_use":
            calls.append(
                {
                    "id": block["id"],
                    "type": "function",
                    "function": {
                        "name": block["name"],
                        "arguments": input_to_arguments(block["input"]),
                    },
                }
            )
        elif kind in ("thinking", "redacted_thinking"):
            thinking.append(block)
        if (
            kind not in _PLAIN_KEYS
            or not {k for k, v in block.items() if v is not None} <= _PLAIN_KEYS[kind]
        ):
            exact = False
    if len(texts) > 1 or [_ORDER.get(b["type"], 3) for b in blocks] != sorted(
        _ORDER.get(b["type"], 3) for b in blocks
    ):
        exact = False
    message: Json = {
        "role": "assistant",
        "content": "".join(texts) if texts else None,
        "refusal": None,
    }
    if calls:
        message["tool_calls"] = calls
    if annotations:
        message["annotations"] = annotations
    if thinking:
        if ctx.options.extensions:
            message.update(thinking_to_openai(thinking))
        else:
            ctx.lose("content[] (thinking)", f"{path}")
    if not exact:
        if ctx.options.extensions:
            message["anthropic"] = {"content": blocks}
        else:
            _report_inexact(blocks, ctx, path)
    return message, exact


def _report_inexact(blocks: list[Json], ctx: Context, path: str) -> None:
    for j, block in enumerate(blocks):
        kind, bpath = block["type"], f"{path}[{j}]"
        if kind not in _PLAIN_KEYS:
            ctx.lose("content[] (blocks without an OpenAI field)", bpath)
            continue
        for key in sorted({k for k, v in block.items() if v is not None} - _PLAIN_KEYS[kind]):
            if key == "citations":
                ctx.lose("content[].citations", f"{bpath}.citations")
            else:
                ctx.lose(
                    "content[] (blocks without an OpenAI field)",
                    f"{bpath}.{key}",
                    detail=f"{kind}.{key} has no OpenAI field",
                )
    texts = sum(1 for b in blocks if b["type"] == "text")
    if texts > 1:
        ctx.lose(
            "content[] (text)",
            path,
            kind="approximated",
            detail=f"{texts} text blocks were joined into one content string",
        )


def _url_citation(citation: Json, start: int, end: int) -> Json:
    return {
        "type": "url_citation",
        "url_citation": {
            "start_index": start,
            "end_index": end,
            "title": citation.get("title") or "",
            "url": citation["url"],
        },
    }


def finish_reason(msg: Json, ctx: Context, choice: Json) -> str:
    """``finish_reason`` for the stop fields of a Message (or message_delta); carries what it loses."""
    stop = msg.get("stop_reason")
    if stop is None:
        ctx.lose(
            "stop_reason",
            "stop_reason",
            kind="defaulted",
            detail="the message has no stop_reason; finish_reason 'stop' was sent",
        )
        return UNKNOWN_STOP_FINISH
    mapped = STOP_TO_FINISH.get(stop)
    carried: Json = {}
    if mapped is None:
        ctx.lose(
            "stop_reason",
            "stop_reason",
            kind="unknown",
            detail=f"stop_reason {stop!r} is unknown; finish_reason {UNKNOWN_STOP_FINISH!r} was sent",
        )
        value = UNKNOWN_STOP_FINISH
    else:
        value = mapped.value
    if mapped is None or stop in (
        "stop_sequence",
        "pause_turn",
        "model_context_window_exceeded",
        "compaction",
    ):
        carried["stop_reason"] = stop
    for key in ("stop_sequence", "stop_details"):
        if msg.get(key) is not None:
            carried[key] = msg[key]
    if carried:
        if ctx.options.extensions:
            choice["anthropic"] = carried
        else:
            for key in carried:
                if key == "stop_reason" and mapped is not None:
                    ctx.lose(
                        "stop_reason",
                        "stop_reason",
                        kind="approximated",
                        detail=f"stop_reason {stop!r} became finish_reason {value!r}: {mapped.note or 'OpenAI does not distinguish it'}",
                    )
                elif key != "stop_reason":
                    ctx.lose(key, key)
    return value
