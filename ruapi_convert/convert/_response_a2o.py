"""
ruapi_convert.convert._response_a2o
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Anthropic ``Message`` -> OpenAI ``ChatCompletion``.

Theory of operation
-------------------

The reply becomes one choice. Text blocks are concatenated into ``content`` (Anthropic splits text
around citations into consecutive blocks, which join without a separator; text blocks with other
blocks between them join with a blank line), ``tool_use`` blocks
become ``tool_calls``, thinking becomes ``reasoning_content``/``reasoning_details``, and web-search
citations become ``url_citation`` annotations at the character offsets of their text.

A ChatCompletion cannot hold everything a Message can: server-tool blocks and most citation kinds
have no field. Those travel in ``message.anthropic.content`` (extensions on; see :mod:`~ruapi_convert.mapping.extensions`) or
are reported (extensions off). Several text blocks collapse into one string and blocks lose their
relative order either way (reported as approximated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..mapping._ledger import A2O_RESPONSE
from ..mapping.content import annotations_for, joined_text, report_shape
from ..mapping.envelope import chat_envelope
from ..mapping.extensions import (
    carry_message_keys,
    entry_for,
    report_carried,
    restore_openai,
)
from ..mapping.reasoning import REPLY_THINKING, thinking_to_openai
from ..mapping.stop import finish_reason
from ..mapping.tool_calls import tool_call
from ..mapping.usage import anthropic_to_openai_usage

if TYPE_CHECKING:
    from ._context import Context

__all__ = [
    "FATES",
    "convert_response",
    "message_fields",
]

FATES = A2O_RESPONSE

Json = dict[str, Any]

_MESSAGE_KEYS: Final = frozenset(
    {"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details", "usage",
     "container", "diagnostics", "context_management", "input_transformations", "openai"}
)  # fmt: skip


def convert_response(msg: Json, ctx: Context) -> Json:
    """Map a validated Anthropic Message (wire dict) to a ChatCompletion (wire dict)."""
    ctx.unknown(msg, _MESSAGE_KEYS, "")
    carried_ext = msg.get("openai")
    openai_ext: Json = carried_ext if isinstance(carried_ext, dict) else {}
    out = chat_envelope(msg, ctx, carried_created=openai_ext.get("created"), stream=False)
    message = message_fields(msg["content"], ctx, "content")
    # Everything Anthropic-only about the reply goes in message.anthropic: the OpenAI SDK's stream
    # accumulator keeps message (delta) keys, not choice-level ones, so streams can carry it too.
    ext: Json = {}
    choice: Json = {"index": 0, "message": message, "finish_reason": finish_reason(msg, ctx, ext)}
    choice["logprobs"] = openai_ext.get("logprobs")
    out["choices"] = [choice]
    usage = msg.get("usage")
    if usage is not None:
        out["usage"], tier = anthropic_to_openai_usage(usage, ctx, "usage")
        tier = openai_ext.get("service_tier", tier)
        if tier is not None:
            out["service_tier"] = tier
    restore_openai(openai_ext, out, message)
    carry_message_keys(msg, ctx, ext)
    if ext:
        message.setdefault("anthropic", {}).update(ext)
    return out


def message_fields(blocks: list[Json], ctx: Context, path: str) -> Json:
    """The ``choices[].message`` for Anthropic content blocks (see :mod:`~ruapi_convert.mapping.extensions` for the rules)."""
    calls: list[Json] = []
    thinking: list[Json] = []
    carried: list[Json] = []
    cited = False
    for j, block in enumerate(blocks):
        kind = block["type"]
        if kind == "text":
            cited = cited or bool(block.get("citations"))
        elif kind == "tool_use":
            calls.append(tool_call(block))
        elif kind in ("thinking", "redacted_thinking"):
            thinking.append(block)
            if not ctx.options.extensions:
                ctx.lose(REPLY_THINKING, f"{path}[{j}]")
        entry = entry_for(block, j, len(carried))
        if entry is not None:
            carried.append(entry)
    message: Json = {
        "role": "assistant",
        "content": joined_text(blocks),
        "refusal": None,
    }
    if calls:
        message["tool_calls"] = calls
    annotations = annotations_for(blocks) if cited else []
    if annotations:
        message["annotations"] = annotations
    if thinking and ctx.options.extensions:
        message.update(thinking_to_openai(thinking))
    if carried:
        if ctx.options.extensions:
            message["anthropic"] = {"content": carried}
        else:
            report_carried(carried, ctx, path)
    report_shape(blocks, ctx, path)
    return message
