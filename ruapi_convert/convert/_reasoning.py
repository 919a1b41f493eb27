"""
ruapi_convert.convert._reasoning
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Anthropic thinking blocks <-> the OpenAI-side reasoning fields, used by requests, responses and
streams alike so that all three agree.

Policy (DESIGN §4): thinking becomes ``reasoning_content`` (the texts joined with a blank line)
plus ``reasoning_details`` - ``{type: "reasoning.text", text, signature, format, index}`` per
thinking block and ``{type: "reasoning.encrypted", data, format, index}`` per redacted block.
On the way back ``reasoning_details`` (or LiteLLM's ``thinking_blocks``) become thinking blocks;
reasoning without a signature is never sent to Anthropic as thinking (Anthropic: thinking blocks
"must be returned unmodified", and an unsigned block is rejected), it is reported instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..models import openai as oai
from ..models._base import validate

if TYPE_CHECKING:
    from ._context import Context

__all__ = [
    "OPENAI_REASONING_KEYS",
    "REASONING_SEPARATOR",
    "detail_for",
    "openai_to_thinking",
    "thinking_to_openai",
]

Json = dict[str, Any]

#: Keys of an OpenAI message (or delta) that carry reasoning, in order of preference when reading.
OPENAI_REASONING_KEYS: Final = frozenset(
    {"reasoning_details", "thinking_blocks", "reasoning_content", "reasoning"}
)

#: Between the texts of two thinking blocks in ``reasoning_content``.
REASONING_SEPARATOR: Final = "\n\n"


def detail_for(block: Json, index: int) -> Json | None:
    """The ``reasoning_details`` item of one Anthropic thinking or redacted_thinking block."""
    if block["type"] == "thinking":
        item: Json = {"type": "reasoning.text", "text": block.get("thinking", "")}
        if "signature" in block:
            item["signature"] = block["signature"]
    elif block["type"] == "redacted_thinking":
        item = {"type": "reasoning.encrypted", "data": block["data"]}
    else:
        return None
    item["format"] = oai.REASONING_FORMAT
    item["index"] = index
    return item


def thinking_to_openai(blocks: list[Json]) -> Json:
    """``reasoning_content``/``reasoning_details`` for the thinking blocks of one message ({} if none)."""
    details: list[Json] = []
    texts: list[str] = []
    for block in blocks:
        item = detail_for(block, len(details))
        if item is None:
            continue
        details.append(item)
        if block["type"] == "thinking" and block.get("thinking"):
            texts.append(block["thinking"])
    if not details:
        return {}
    out: Json = {}
    if texts:
        out["reasoning_content"] = REASONING_SEPARATOR.join(texts)
    out["reasoning_details"] = details
    return out


def openai_to_thinking(
    msg: Json, path: str, ctx: Context, *, rows: str = "messages[]", allow_unsigned: bool = False
) -> list[Json]:
    """Thinking blocks for the reasoning fields of an OpenAI assistant message (or delta).

    ``rows`` is the fate-table prefix of the message (``messages[]`` in requests,
    ``choices[].message`` in responses).

    ``allow_unsigned`` (responses for Anthropic clients, option ``unsigned_reasoning="thinking"``)
    turns signature-less reasoning into a thinking block with an empty signature instead of
    dropping it; such a block is reported, and the request direction never sends it upstream.
    """
    if msg.keys().isdisjoint(OPENAI_REASONING_KEYS):
        return []  # most messages: nothing to look at
    text = msg.get("reasoning_content")
    if text is None:
        text = msg.get("reasoning")
    if text is not None and not isinstance(text, str):
        key = "reasoning_content" if "reasoning_content" in msg else "reasoning"
        validate(str, text, path=f"{path}.{key}")
    details = msg.get("reasoning_details")
    if details is not None:
        items = validate(list[oai.ReasoningDetail], details, path=f"{path}.reasoning_details")
        blocks = _from_details(items, f"{path}.reasoning_details", ctx, rows, allow_unsigned)
    elif msg.get("thinking_blocks") is not None:
        items = validate(
            list[oai.LiteLLMThinkingBlockUnion],
            msg["thinking_blocks"],
            path=f"{path}.thinking_blocks",
        )
        blocks = _from_thinking_blocks(items, f"{path}.thinking_blocks", ctx, rows, allow_unsigned)
    else:
        blocks = []
        if text:
            key = "reasoning_content" if msg.get("reasoning_content") is not None else "reasoning"
            blocks.extend(_unsigned(text, f"{path}.{key}", ctx, rows, allow_unsigned))
        return blocks
    if text:
        joined = REASONING_SEPARATOR.join(
            b["thinking"] for b in blocks if b["type"] == "thinking" and b["thinking"]
        )
        if text != joined:
            ctx.lose(
                f"{rows}.reasoning_content",
                f"{path}.reasoning_content",
                detail="reasoning_content differs from the signed reasoning items; only the signed items were sent",
            )
    return blocks


#: The keys each known reasoning_details item has, read from its model (anything else is unknown).
_DETAIL_KEYS: Final = {
    kind: frozenset(item.__required_keys__ | item.__optional_keys__)
    for kind, item in (
        ("reasoning.text", oai.ReasoningDetailText),
        ("reasoning.encrypted", oai.ReasoningDetailEncrypted),
        ("reasoning.summary", oai.ReasoningDetailSummary),
    )
}


def _unsigned(text: str, path: str, ctx: Context, rows: str, allow_unsigned: bool) -> list[Json]:
    if not allow_unsigned:
        ctx.lose(
            f"{rows}.reasoning_content",
            path,
            kind="dropped",
            detail="reasoning without a signature is never sent to Anthropic as thinking (an unsigned thinking block is rejected)",
        )
        return []
    ctx.lose(
        f"{rows}.reasoning_content",
        path,
        kind="approximated",
        detail="reasoning without a signature became a thinking block with an empty signature; it is never sent back to Anthropic as thinking",
    )
    return [{"type": "thinking", "thinking": text, "signature": ""}]


def _from_details(
    items: list[Json], path: str, ctx: Context, rows: str, allow_unsigned: bool
) -> list[Json]:
    blocks: list[Json] = []
    for k, item in enumerate(items):
        kind = item["type"]
        if kind in _DETAIL_KEYS:
            # unknown keys of known items are not copied: report them
            ctx.unknown(item, _DETAIL_KEYS[kind], f"{path}[{k}]")
        if kind == "reasoning.text":
            signature = item.get("signature")
            if signature:
                blocks.append(
                    {"type": "thinking", "thinking": item.get("text") or "", "signature": signature}
                )
            elif item.get("text"):
                blocks.extend(_unsigned(item["text"], f"{path}[{k}]", ctx, rows, allow_unsigned))
        elif kind == "reasoning.encrypted":
            blocks.append({"type": "redacted_thinking", "data": item["data"]})
        elif kind == "reasoning.summary":
            ctx.lose(
                f"{rows}.reasoning_details[]",
                f"{path}[{k}]",
                detail="a reasoning summary has no Anthropic form (it carries no signature); dropped",
            )
        else:
            ctx.lose(
                f"{rows}.reasoning_details[]",
                f"{path}[{k}]",
                kind="unknown",
                detail=f"reasoning item type {kind!r} is unknown; dropped",
            )
    return blocks


def _from_thinking_blocks(
    items: list[Json], path: str, ctx: Context, rows: str, allow_unsigned: bool
) -> list[Json]:
    blocks: list[Json] = []
    for k, item in enumerate(items):
        if item["type"] == "thinking":
            signature = item.get("signature")
            if signature:
                blocks.append(
                    {"type": "thinking", "thinking": item["thinking"], "signature": signature}
                )
            elif item["thinking"]:
                blocks.extend(
                    _unsigned(item["thinking"], f"{path}[{k}]", ctx, rows, allow_unsigned)
                )
        elif item["type"] == "redacted_thinking":
            blocks.append({"type": "redacted_thinking", "data": item["data"]})
        else:
            ctx.lose(
                f"{rows}.reasoning_details[]",
                f"{path}[{k}]",
                kind="unknown",
                detail=f"thinking block type {item['type']!r} is unknown; dropped",
            )
    return blocks
