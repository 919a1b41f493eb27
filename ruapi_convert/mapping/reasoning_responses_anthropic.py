"""
ruapi_convert.mapping.reasoning_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The reasoning concept between Anthropic Messages and the Responses API: thinking blocks <->
reasoning items (in replies, streams and the history a client sends back), and the request's
``thinking`` / ``output_config.effort`` <-> ``reasoning``.

Policy, one block per item and one item per block, in order (interleaved thinking across a tool
loop keeps its places):

* **Anthropic -> Responses** (Codex in front of Claude). A ``thinking`` block becomes a reasoning
  item whose summary is the thinking text (Codex shows summaries and sends them back: codex-rs
  sends a reasoning item's ``summary`` and ``encrypted_content``, never its ``content``) and whose
  ``encrypted_content`` is an ``"rc1:"`` carrier of origin ``anthropic`` holding the signature
  (:mod:`.reasoning_responses` documents the carrier and its version rule). A
  ``redacted_thinking`` block becomes an item with no summary and its ``data`` in the carrier.
  ``display: "omitted"`` thinking (empty text, a signature) becomes an item with no summary.
  The carrier is always written - the signature is what lets the client send the thinking back -
  whether or not the request asked for ``include: ["reasoning.encrypted_content"]``.
* **Responses -> Anthropic, requests.** A reasoning item whose ``encrypted_content`` is such a
  carrier becomes the block it came from, byte for byte (text from the summary). Any other item
  is not sent as thinking - Anthropic verifies signatures, so a blob minted by another provider
  (an OpenAI ``gAAAA...`` token, a Chat carrier, an unknown carrier) or reasoning without a blob
  is dropped and reported, never passed off as a signature.
* **Responses -> Anthropic, replies** (Claude Code in front of a Responses model). A reasoning item
  becomes a thinking block whose text is its summary and reasoning text and whose ``signature`` is
  a carrier of origin ``responses`` with the item's id and ``encrypted_content``: OpenAI binds a
  blob to its item id ("Encrypted content item_id did not match the target item id",
  maximhq/bifrost#5186), so the id must come back with it.
* **Anthropic -> Responses, requests.** A thinking block whose signature is such a carrier
  becomes the item it came from (same id, same blob). A block Anthropic signed, or redacted
  thinking, cannot be verified by a Responses upstream: dropped and reported.

A reply's carrier of the other origin (a Response made by this library from Claude's reply, given
back) is restored too, so Messages -> Responses -> Messages and Responses -> Messages -> Responses
keep reasoning exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import A2R_REQUEST, A2R_RESPONSE, R2A_REQUEST, R2A_RESPONSE, Json
from .reasoning import REASONING_SEPARATOR
from .reasoning_responses import (
    ORIGIN_ANTHROPIC,
    ORIGIN_RESPONSES,
    decode_carrier,
    decode_origin,
    encode_origin,
)

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "block_to_item",
    "block_to_request_item",
    "item_text",
    "item_to_block",
    "item_to_request_block",
    "responses_signature",
]

_ITEM_KEYS: Final = frozenset({"id", "type", "status", "summary", "content", "encrypted_content"})

# -- Anthropic -> Responses: replies -----------------------------------------------------------------

A2R_RESPONSE.mapped(
    "content[] (thinking)",
    "output[]: reasoning item",
    "one item per block, in place: summary [{type: summary_text, text: thinking}] (none for empty text, as display 'omitted' gives), encrypted_content = 'rc1:' carrier {origin: anthropic, type: thinking, signature}; a signature that is itself our carrier of origin responses gives back the reasoning item it came from",
)
A2R_RESPONSE.mapped(
    "content[] (redacted_thinking)",
    "output[]: reasoning item",
    "no summary; encrypted_content = 'rc1:' carrier {origin: anthropic, type: redacted_thinking, data}",
)
A2R_RESPONSE.mapped("content[].thinking", "output[].summary[].text")
A2R_RESPONSE.mapped("content[].signature", "output[].encrypted_content", "inside the carrier")
A2R_RESPONSE.mapped("content[].data", "output[].encrypted_content", "inside the carrier")


def block_to_item(block: Json, item_id: str) -> Json:
    """The reasoning output item of a thinking or redacted_thinking block."""
    if block["type"] == "thinking":
        restored = _responses_item(block.get("thinking") or "", block.get("signature"))
        if restored is not None:
            return restored
        text = block.get("thinking") or ""
        payload: Json = {"type": "thinking", "signature": block.get("signature") or ""}
    else:
        text = ""
        payload = {"type": "redacted_thinking", "data": block["data"]}
    item: Json = {"id": item_id, "type": "reasoning"}
    item["summary"] = [{"type": "summary_text", "text": text}] if text else []
    item["encrypted_content"] = encode_origin(ORIGIN_ANTHROPIC, payload)
    return item


def _responses_item(text: str, signature: Any) -> Json | None:
    """The reasoning item a thinking block made by :func:`item_to_block` came from (None: the
    signature is not our carrier of origin responses)."""
    carried = decode_origin(signature)
    if carried is None or carried["origin"] != ORIGIN_RESPONSES:
        return None
    item: Json = {"id": carried["id"], "type": "reasoning"}
    item["summary"] = carried.get("summary", _summary_of(text))
    if "content" in carried:
        item["content"] = carried["content"]
    if "encrypted_content" in carried:
        item["encrypted_content"] = carried["encrypted_content"]
    if "status" in carried:
        item["status"] = carried["status"]
    return item


def _summary_of(text: str) -> list[Json]:
    return [{"type": "summary_text", "text": text}] if text else []


# -- Responses -> Anthropic: replies -----------------------------------------------------------------

R2A_RESPONSE.mapped(
    "output[] (reasoning)",
    "content[]: thinking",
    "one block per item, in place: thinking = the summary and reasoning texts joined by a blank line; signature = 'rc1:' carrier {origin: responses, id, encrypted_content} (and the summary and content parts when the text cannot give them back), which anthropic_to_responses_request turns back into the same item under the same id; an item whose encrypted_content is our carrier of origin anthropic gives back the block it came from",
)
R2A_RESPONSE.mapped("output[].summary", "content[].thinking")
R2A_RESPONSE.mapped("output[].summary[].text", "content[].thinking")
R2A_RESPONSE.mapped("output[].encrypted_content", "content[].signature", "inside the carrier")


def item_text(item: Json) -> str:
    """A reasoning item's text: its summary and reasoning texts, in order, joined by a blank
    line."""
    texts = [
        p.get("text") or ""
        for key in ("summary", "content")
        for p in item.get(key) or ()
        if p.get("type") in ("summary_text", "reasoning_text")
    ]
    return REASONING_SEPARATOR.join(t for t in texts if t)


def responses_signature(item: Json, text: str) -> str:
    """The signature that carries a Responses reasoning item (see :func:`item_to_block`)."""
    payload: Json = {"id": item.get("id") or ""}
    if item.get("encrypted_content") is not None:
        payload["encrypted_content"] = item["encrypted_content"]
    summary = [p for p in item.get("summary") or () if isinstance(p, dict)]
    if summary != _summary_of(text):
        payload["summary"] = summary
    if item.get("content") is not None:
        payload["content"] = item["content"]
    if item.get("status") is not None:
        payload["status"] = item["status"]
    return encode_origin(ORIGIN_RESPONSES, payload)


def item_to_block(item: Json, path: str, ctx: Context) -> Json:
    """The thinking block of a reply's reasoning item (see the module docstring)."""
    ctx.unknown(item, _ITEM_KEYS, path)
    restored = _anthropic_block(item)
    if restored is not None:
        return restored
    text = item_text(item)
    return {"type": "thinking", "thinking": text, "signature": responses_signature(item, text)}


def _anthropic_block(item: Json) -> Json | None:
    """The block an item made by :func:`block_to_item` came from (None: not our carrier)."""
    carried = decode_origin(item.get("encrypted_content"))
    if carried is None or carried["origin"] != ORIGIN_ANTHROPIC:
        return None
    if carried["type"] == "redacted_thinking":
        return {"type": "redacted_thinking", "data": carried["data"]}
    texts = [p.get("text") or "" for p in item.get("summary") or ()]
    return {
        "type": "thinking",
        "thinking": REASONING_SEPARATOR.join(t for t in texts if t),
        "signature": carried["signature"],
    }


# -- Responses -> Anthropic: requests ---------------------------------------------------------------

R2A_REQUEST.mapped(
    "input[] (reasoning)",
    "messages[].content[]: thinking / redacted_thinking",
    "only an item whose encrypted_content is our 'rc1:' carrier of origin anthropic (made by anthropic_to_responses_response from Claude's reply) becomes the block it came from, byte for byte: thinking text from the summary, signature (or redacted data) from the carrier",
)
_FOREIGN = R2A_REQUEST.dropped(
    "input[] (reasoning from another provider)",
    "Anthropic verifies thinking signatures: reasoning whose encrypted_content was minted by another provider (an OpenAI blob, a Chat carrier, an unknown carrier) or that has none is never sent as thinking (dropped; an empty item is not reported)",
)
R2A_REQUEST.mapped("input[].summary", "messages[].content[].thinking")
R2A_REQUEST.mapped("input[].summary[].text", "messages[].content[].thinking")
R2A_REQUEST.mapped(
    "input[].encrypted_content", "messages[].content[].signature / data", "see input[] (reasoning)"
)


def item_to_request_block(item: Json, path: str, ctx: Context) -> Json | None:
    """The thinking block of a reasoning item a client sent back, or None (reported when the item
    said anything)."""
    ctx.unknown(item, _ITEM_KEYS, path)
    restored = _anthropic_block(item)
    if restored is not None:
        return restored
    blob = item.get("encrypted_content")
    if not blob and not item_text(item):
        return None  # an empty item (a placeholder) says nothing
    if decode_carrier(blob) == {}:
        return None  # our empty placeholder item (see reasoning_responses.placeholder)
    if blob:
        detail = f"encrypted_content {ctx.quote(blob)} was not made from Anthropic thinking (another provider's blob); Anthropic verifies signatures, so it was not sent"
    else:
        detail = "reasoning without a signature cannot be sent to Anthropic as thinking; dropped"
    ctx.lose(_FOREIGN, path, detail=detail)
    return None


# -- Anthropic -> Responses: requests ---------------------------------------------------------------

A2R_REQUEST.mapped(
    "messages[].content[] (thinking)",
    "input[]: reasoning item",
    "only a block whose signature is our 'rc1:' carrier of origin responses (made by responses_to_anthropic_response) becomes the item it came from: same id, same encrypted_content, summary from the thinking text",
)
_SIGNED = A2R_REQUEST.dropped(
    "messages[].content[] (thinking signed by Anthropic)",
    "a Responses upstream cannot verify Anthropic's signatures or redacted data: thinking blocks and redacted_thinking that Anthropic issued are dropped (reported)",
)
A2R_REQUEST.mapped("messages[].content[].thinking", "input[].summary[].text")
A2R_REQUEST.mapped(
    "messages[].content[].signature", "input[].id + encrypted_content", "inside the carrier"
)
A2R_REQUEST.dropped(
    "messages[].content[].data", "redacted thinking: see the thinking signed by Anthropic"
)


def block_to_request_item(block: Json, path: str, ctx: Context) -> Json | None:
    """The reasoning item of a thinking block an Anthropic client sent back, or None (reported)."""
    if block["type"] == "thinking":
        ctx.unknown(block, frozenset({"type", "thinking", "signature", "cache_control"}), path)
        restored = _responses_item(block.get("thinking") or "", block.get("signature"))
        if restored is not None:
            restored.pop("status", None)  # a replayed item's state says nothing
            return restored
    ctx.lose(
        _SIGNED,
        path,
        detail=f"a {block['type']} block from Anthropic cannot be verified by a Responses upstream; dropped",
    )
    return None
