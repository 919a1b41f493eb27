"""
ruapi_convert.mapping.reasoning
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: Anthropic thinking blocks meet the OpenAI-side reasoning conventions only here, for
requests, replies and both stream directions, so that all of them agree.

The conventions (none is part of OpenAI's own Chat Completions schema):

* ``reasoning_content`` - plain text (DeepSeek's name; LiteLLM, vLLM < 0.17 and SGLang use it);
  ``reasoning`` is the same text under vLLM's and OpenRouter's name;
* ``reasoning_details`` - OpenRouter's list of items: ``{type: "reasoning.text", text, signature,
  format, index}``, ``{type: "reasoning.encrypted", data, format, index}`` and
  ``{type: "reasoning.summary", summary}``; in a stream, fragments merged by ``index``;
* ``thinking_blocks`` - LiteLLM's copy of Anthropic's blocks.

Policy (DESIGN §4): thinking becomes ``reasoning_content`` (the texts joined with a blank line)
plus ``reasoning_details`` (one item per thinking or redacted block). On the way back
``reasoning_details`` win over ``thinking_blocks``, which win over plain text; reasoning without a
signature is never sent to Anthropic as thinking (Anthropic: thinking blocks "must be returned
unmodified", and an unsigned block is rejected), it is reported instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

from .._quote import quote
from ..models import openai as oai
from ..models._base import validate
from ._ledger import A2O_REQUEST, A2O_RESPONSE, O2A_REQUEST, O2A_RESPONSE, Json

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "OPENAI_REASONING_KEYS",
    "REPLY_THINKING",
    "REQUEST_THINKING",
    "THINKING_IN_USER_TURN",
    "REASONING_SEPARATOR",
    "detail_for",
    "signature_delta",
    "text_delta",
    "whole_delta",
    "openai_to_thinking",
    "thinking_to_openai",
]

#: Keys of an OpenAI message (or delta) that carry reasoning.
OPENAI_REASONING_KEYS: Final = frozenset(
    {"reasoning_details", "thinking_blocks", "reasoning_content", "reasoning"}
)

#: Between the texts of two thinking blocks in ``reasoning_content``.
REASONING_SEPARATOR: Final = "\n\n"


# -- Anthropic -> OpenAI: requests, replies and stream deltas ----------------------------------------

REQUEST_THINKING = A2O_REQUEST.carried(
    "messages[].content[] (thinking)",
    "messages[].reasoning_content + reasoning_details",
    "reasoning_details: {type: reasoning.text, text, signature, format: anthropic-claude-v1, index} per thinking block, {type: reasoning.encrypted, data, ...} per redacted block; reasoning_content: the texts joined by a blank line (DeepSeek and LiteLLM read it)",
)
THINKING_IN_USER_TURN = A2O_REQUEST.dropped(
    "messages[].content[] (thinking in a user turn)",
    "Anthropic allows thinking only in assistant turns",
)
A2O_REQUEST.carried(
    "messages[].content[].thinking",
    "reasoning_details[].text + reasoning_content",
)
A2O_REQUEST.carried(
    "messages[].content[].signature",
    "reasoning_details[].signature",
)
A2O_REQUEST.carried(
    "messages[].content[].data",
    "reasoning_details[] {type: reasoning.encrypted, data}",
    "redacted thinking",
)
REPLY_THINKING = A2O_RESPONSE.carried(
    "content[] (thinking)",
    "choices[0].message.reasoning_content + reasoning_details",
    "see docs: reasoning.text {text, signature, format: anthropic-claude-v1, index}, reasoning.encrypted {data, ...}",
)
A2O_RESPONSE.carried(
    "content[].thinking",
    "choices[0].message.reasoning_details[].text + reasoning_content",
)
A2O_RESPONSE.carried(
    "content[].signature",
    "choices[0].message.reasoning_details[].signature",
)
A2O_RESPONSE.carried(
    "content[].data",
    "choices[0].message.reasoning_details[] {type: reasoning.encrypted, data}",
    "redacted thinking",
)


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


def text_delta(index: int, text: str, *, first: bool, separated: bool) -> Json:
    """The stream delta for more text of the thinking block whose item is ``index``.

    The block's first piece carries the item's ``type`` and ``format`` (the OpenAI SDK merges the
    later fragments into it by ``index``); ``separated``: text of an earlier block was sent, so the
    plain text gets the separator that :func:`thinking_to_openai` puts between blocks.
    """
    if not first:
        return {"reasoning_content": text, "reasoning_details": [{"index": index, "text": text}]}
    entry = detail_for({"type": "thinking", "thinking": text}, index)
    return {
        "reasoning_content": REASONING_SEPARATOR + text if separated else text,
        "reasoning_details": [entry],
    }


def signature_delta(index: int, signature: str) -> Json:
    """The stream delta that completes item ``index`` with its signature (sent at the block's stop)."""
    return {"reasoning_details": [{"index": index, "signature": signature}]}


def whole_delta(block: Json, index: int) -> Json:
    """The stream delta for a block that is sent in one piece: redacted thinking, or a thinking
    block with no text (Anthropic's ``display: "omitted"``) whose signature is all there is."""
    return {"reasoning_details": [detail_for(block, index)]}


# -- OpenAI -> Anthropic: requests and replies -------------------------------------------------------

O2A_REQUEST.mapped(
    "messages[].reasoning_details",
    "messages[].content[]: thinking / redacted_thinking",
    "reasoning.text with a signature -> thinking; reasoning.encrypted -> redacted_thinking; placed first in the assistant turn, in order",
)
_REQUEST_DETAIL_ITEM = O2A_REQUEST.dropped(
    "messages[].reasoning_details[]",
    "reasoning.summary items and unknown types have no Anthropic form",
)
O2A_REQUEST.mapped(
    "messages[].thinking_blocks",
    "messages[].content[]: thinking / redacted_thinking",
    "LiteLLM's convention; read when reasoning_details is absent",
)
_REQUEST_CONTENT = O2A_REQUEST.dropped(
    "messages[].reasoning_content",
    "reasoning without a signature is never sent to Anthropic as thinking (Anthropic rejects unsigned thinking blocks); when reasoning_details carries the same text signed, nothing is lost",
)
O2A_REQUEST.dropped(
    "messages[].reasoning",
    "vLLM/OpenRouter plain reasoning text: as reasoning_content",
)
_REPLY_DETAILS = O2A_RESPONSE.mapped(
    "choices[].message.reasoning_details",
    "content[]: thinking / redacted_thinking",
    "signed reasoning.text -> thinking, reasoning.encrypted -> redacted_thinking, first in the content. In a stream, reasoning that resumes after other content continues in a new thinking block (approximated), and a signature that comes after its block stopped is dropped (reported)",
)
_REPLY_DETAIL_ITEM = O2A_RESPONSE.dropped(
    "choices[].message.reasoning_details[]",
    "reasoning.summary and unknown item types",
)
O2A_RESPONSE.mapped(
    "choices[].message.thinking_blocks",
    "content[]: thinking / redacted_thinking",
    "LiteLLM's convention",
)
_REPLY_CONTENT = O2A_RESPONSE.approximated(
    "choices[].message.reasoning_content",
    "content[]: thinking with an empty signature",
    "reasoning without a signature (DeepSeek, vLLM): unsigned_reasoning='thinking' (default) shows it as a thinking block with signature '' (approximated; such a block is never sent back to Anthropic), 'drop' drops it. Next to signed reasoning_details it is the same text unsigned: not sent, and a difference from the details' texts is reported (in a stream whose details entries come out of index order the two cannot be compared in one pass, which is reported instead)",
)
O2A_RESPONSE.approximated(
    "choices[].message.reasoning",
    "content[]: thinking",
    "as reasoning_content",
)


class _Rows(NamedTuple):
    """The rows of one direction that reasoning losses are reported under."""

    content: Fate
    detail_item: Fate


_REQUEST_ROWS: Final = _Rows(_REQUEST_CONTENT, _REQUEST_DETAIL_ITEM)
_REPLY_ROWS: Final = _Rows(_REPLY_CONTENT, _REPLY_DETAIL_ITEM)


def openai_to_thinking(
    msg: Json, path: str, ctx: Context, *, reply: bool = False, allow_unsigned: bool = False
) -> list[Json]:
    """Thinking blocks for the reasoning fields of an OpenAI assistant message.

    ``reply``: the message is a reply's (its losses are reported under the reply rows).
    ``allow_unsigned`` (replies for Anthropic clients, option ``unsigned_reasoning="thinking"``)
    turns signature-less reasoning into a thinking block with an empty signature instead of
    dropping it; such a block is reported, and the request direction never sends it upstream.
    """
    if msg.keys().isdisjoint(OPENAI_REASONING_KEYS):
        return []  # most messages: nothing to look at
    rows = _REPLY_ROWS if reply else _REQUEST_ROWS
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
            _differs(ctx, rows.content, f"{path}.reasoning_content")
    return blocks


def _differs(ctx: Context, row: Fate, path: str) -> None:
    ctx.lose(
        row,
        path,
        detail="reasoning_content differs from the signed reasoning items; only the signed items were sent",
    )


#: The keys each known reasoning_details item has, read from its model (anything else is unknown).
_DETAIL_KEYS: Final = {
    kind: frozenset(item.__required_keys__ | item.__optional_keys__)
    for kind, item in (
        ("reasoning.text", oai.ReasoningDetailText),
        ("reasoning.encrypted", oai.ReasoningDetailEncrypted),
        ("reasoning.summary", oai.ReasoningDetailSummary),
    )
}


def _unsigned(text: str, path: str, ctx: Context, rows: _Rows, allow_unsigned: bool) -> list[Json]:
    if not allow_unsigned:
        ctx.lose(
            rows.content,
            path,
            kind="dropped",
            detail="reasoning without a signature is never sent to Anthropic as thinking (an unsigned thinking block is rejected)",
        )
        return []
    ctx.lose(
        rows.content,
        path,
        kind="approximated",
        detail="reasoning without a signature became a thinking block with an empty signature; it is never sent back to Anthropic as thinking",
    )
    return [{"type": "thinking", "thinking": text, "signature": ""}]


def _from_details(
    items: list[Json], path: str, ctx: Context, rows: _Rows, allow_unsigned: bool
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
                rows.detail_item,
                f"{path}[{k}]",
                detail="a reasoning summary has no Anthropic form (it carries no signature); dropped",
            )
        else:
            ctx.lose(
                rows.detail_item,
                f"{path}[{k}]",
                kind="unknown",
                detail=f"reasoning item type {quote(kind)} is unknown; dropped",
            )
    return blocks


def _from_thinking_blocks(
    items: list[Json], path: str, ctx: Context, rows: _Rows, allow_unsigned: bool
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
                rows.detail_item,
                f"{path}[{k}]",
                kind="unknown",
                detail=f"thinking block type {quote(item['type'])} is unknown; dropped",
            )
    return blocks
