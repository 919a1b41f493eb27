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

from ..mapping.envelope import chat_envelope
from ..mapping.extensions import (
    carry_message_keys,
    entry_for,
    report_carried,
    restore_openai,
)
from ..mapping.reasoning import REPLY_THINKING, thinking_to_openai
from ..mapping.stop import finish_reason
from ..mapping.usage import anthropic_to_openai_usage
from ._content import input_to_arguments
from ._response_fates import A2O_RESPONSE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._context import Context

__all__ = [
    "FATES",
    "TEXT_SEPARATOR",
    "annotations_for",
    "convert_response",
    "message_fields",
    "tool_call",
]

FATES = A2O_RESPONSE

Json = dict[str, Any]

_MESSAGE_KEYS: Final = frozenset(
    {"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details", "usage",
     "container", "diagnostics", "context_management", "input_transformations", "openai"}
)  # fmt: skip
_ORDER: Final = {"thinking": 0, "redacted_thinking": 0, "text": 1, "tool_use": 2}

#: Joins two text blocks that other blocks (a tool call, a server-tool result) stood between:
#: Anthropic writes them as separate paragraphs, and gluing them would run sentences together.
#: Adjacent text blocks (Anthropic splits text at each citation) join with nothing.
TEXT_SEPARATOR: Final = "\n\n"


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
    texts: list[str] = []
    for block, _, separated in _text_layout(blocks):
        if separated:
            texts.append(TEXT_SEPARATOR)
        texts.append(block["text"])
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
        "content": "".join(texts) if texts else None,
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


def annotations_for(blocks: list[Json]) -> list[Json]:
    """The ``url_citation`` annotations :func:`message_fields` makes for ``blocks`` (over the cited
    text in the joined content). The reverse direction uses it to recognise annotations it can
    make again."""
    return [
        url_citation(citation, start, start + len(block["text"]))
        for block, start, _ in _text_layout(blocks)
        for citation in block.get("citations") or ()
        if citation.get("type") == "web_search_result_location"
    ]


def _text_layout(blocks: list[Json]) -> Iterator[tuple[Json, int, bool]]:
    """Each text block, its offset in the joined content, and whether a separator precedes it
    (text blocks with other blocks between them are joined with TEXT_SEPARATOR)."""
    offset = 0
    previous = ""
    for block in blocks:
        if block["type"] == "text":
            separated = bool(offset) and previous != "text"
            if separated:
                offset += len(TEXT_SEPARATOR)
            yield block, offset, separated
            offset += len(block["text"])
        previous = block["type"]


def tool_call(block: Json) -> Json:
    """The OpenAI tool call of a tool_use block."""
    return {
        "id": block["id"],
        "type": "function",
        "function": {"name": block["name"], "arguments": input_to_arguments(block["input"])},
    }


def report_shape(blocks: list[Json], ctx: Context, path: str) -> None:
    """Text boundaries and the relative order of blocks do not survive (see :mod:`~ruapi_convert.mapping.extensions`)."""
    texts, ordered, previous = 0, True, -1
    for block in blocks:  # one pass: this runs for every reply and every stream
        kind = block["type"]
        texts += kind == "text"
        rank = _ORDER.get(kind)
        if rank is not None:
            ordered = ordered and rank >= previous
            previous = rank
    if texts > 1:
        ctx.lose(
            "content[] (text)",
            path,
            kind="approximated",
            detail=f"{texts} text blocks were joined into one content string",
        )
    if not ordered:
        ctx.lose(
            "content[] (text)",
            path,
            kind="approximated",
            detail="text, thinking and tool calls lose their relative order (OpenAI keeps them in separate fields)",
        )


def url_citation(citation: Json, start: int, end: int) -> Json:
    return {
        "type": "url_citation",
        "url_citation": {
            "start_index": start,
            "end_index": end,
            "title": citation.get("title") or "",
            "url": citation["url"],
        },
    }
