"""
ruapi_convert.mapping.reasoning_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the reasoning concept: ``reasoning`` items <-> the reasoning fields
of a Chat assistant message (``reasoning_content`` / ``reasoning_details``, the conventions of
:mod:`.reasoning`), in requests, replies and streams, both ways.

A reasoning item has summary parts (``summary_text``), raw reasoning parts (``reasoning_text``,
open-weight servers) and an opaque ``encrypted_content`` that a stateless client (``store:
false``) sends back. Chat has no reasoning field of its own; the conventions this library writes
on the Chat side (with ``extensions=True``; a standard OpenAI upstream rejects them):

* ``reasoning_details``, OpenRouter's list, with OpenRouter's ``format`` for reasoning that comes
  from OpenAI's Responses API, ``openai-responses-v1``, and the item's ``rs_`` id in each entry's
  ``id``: a summary part -> ``{type: reasoning.summary, summary}``, a reasoning_text part ->
  ``{type: reasoning.text, text}``, ``encrypted_content`` -> ``{type: reasoning.encrypted, data}``;
* ``reasoning_content``: the texts (summary parts, then reasoning_text parts) joined by a blank
  line, which DeepSeek, Kimi and GLM need back on tool-call turns ("The `reasoning_content` in the
  thinking mode must be passed back", router-for-me/CLIProxyAPI#3451). An item with reasoning
  text only becomes ``reasoning_content`` alone.

The other way, a Chat message's reasoning becomes one reasoning item per ``id`` of its
``reasoning_details`` (entries without an id share one item), or one item for plain
``reasoning_content``. The item is written in the plain form above only when that form gives
back exactly the same Chat fields. Otherwise - Anthropic signatures, redacted thinking, another
vendor's ``format`` - the exact fields travel in ``encrypted_content`` as a *carrier*:
``"rc1:" + base64(JSON {reasoning_details?, reasoning_content?})``, which the request direction
restores byte for byte. The prefix tells our carriers from OpenAI's own blobs (which are
base64 Fernet tokens, ``gAAAA...``) so those are never reshaped, and an item that carries a blob
keeps its id: OpenAI binds ``encrypted_content`` to it ("Encrypted content item_id did not match
the target item id", maximhq/bifrost#5186).

When the client asked for ``include: ["reasoning.encrypted_content"]`` (Codex always does with
``store: false``), reasoning text rides in a carrier too, because Codex does not send
``reasoning_text`` parts back (codex-rs ``should_serialize_reasoning_content``), and a reply
without reasoning still gets one empty reasoning item: Codex waits for the reasoning item it
asked for (rynfar/meridian#655).

The same carrier, with an ``origin``, carries Anthropic thinking through the Responses API and
Responses reasoning through Anthropic Messages; the last section says how, and states the
carrier's version rule.
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any, Final

from .. import _json
from ..errors import InvalidInputError
from ..models import openai as oai
from ..models._base import validate
from ._ledger import O2R_REQUEST, O2R_RESPONSE, R2O_REQUEST, R2O_RESPONSE, Json
from .dialects import dialect_of
from .reasoning import REASONING_SEPARATOR

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._ledger import Context, Fate

__all__ = [
    "CARRIER_PREFIX",
    "ORIGIN_ANTHROPIC",
    "ORIGIN_RESPONSES",
    "decode_origin",
    "encode_origin",
    "RESPONSES_FORMAT",
    "chat_to_reasoning",
    "decode_carrier",
    "encode_carrier",
    "implied_text",
    "placeholder",
    "reasoning_to_chat",
    "stream_entry",
]

#: OpenRouter's ``format`` of reasoning that comes from OpenAI's Responses API.
RESPONSES_FORMAT: Final = "openai-responses-v1"

#: The prefix of an ``encrypted_content`` that carries Chat reasoning fields (see the module doc).
CARRIER_PREFIX: Final = "rc1:"

_CARRIER_KEYS: Final = frozenset({"reasoning_details", "reasoning_content"})
_ITEM_KEYS: Final = frozenset({"id", "type", "status", "summary", "content", "encrypted_content"})


def encode_carrier(fields: Json) -> str:
    """``encrypted_content`` that carries the Chat reasoning ``fields`` exactly."""
    return CARRIER_PREFIX + base64.b64encode(_json.dumps(fields)).decode("ascii")


def decode_carrier(blob: Any) -> Json | None:
    """The Chat reasoning fields of one of our carriers; None for anything else (a vendor's blob,
    or a string that only looks like ours, which is then passed on as a blob)."""
    if not isinstance(blob, str) or not blob.startswith(CARRIER_PREFIX):
        return None
    try:
        value = _json.loads(base64.b64decode(blob[len(CARRIER_PREFIX) :], validate=True))
    except (binascii.Error, ValueError, InvalidInputError):
        return None
    if not isinstance(value, dict) or not value.keys() <= _CARRIER_KEYS:
        return None
    content = value.get("reasoning_content")
    details = value.get("reasoning_details")
    if content is not None and not isinstance(content, str):
        return None
    if details is not None and not (
        isinstance(details, list) and all(isinstance(d, dict) for d in details)
    ):
        return None
    return value


def implied_text(details: list[Json]) -> str:
    """The ``reasoning_content`` that ``reasoning_details`` imply: the non-empty summary and
    reasoning texts, in order, joined by a blank line (as :mod:`.reasoning` joins thinking)."""
    texts = [
        d.get("summary") if d.get("type") == "reasoning.summary" else d.get("text")
        for d in details
        if d.get("type") in ("reasoning.summary", "reasoning.text")
    ]
    return REASONING_SEPARATOR.join(t for t in texts if isinstance(t, str) and t)


# -- Responses -> Chat: requests and replies ---------------------------------------------------------

R2O_REASONING = R2O_REQUEST.carried(
    "input[] (reasoning)",
    "the next assistant message's reasoning_content + reasoning_details",
    "reasoning_details: {type: reasoning.summary, summary} per summary part, {type: reasoning.text, text} per reasoning_text part, {type: reasoning.encrypted, data: encrypted_content}, each with id (the rs_ id) and format openai-responses-v1; an item with reasoning_text parts only becomes reasoning_content alone; reasoning_content: the summaries and reasoning texts joined by a blank line; an encrypted_content made by openai_to_responses_* ('rc1:' carrier) restores the Chat fields it carries exactly. Reasoning with no assistant message after it in its turn is dropped. Never sent as visible text",
    ("reasoning",),
)
R2O_RESPONSE_REASONING = R2O_RESPONSE.carried(
    "output[] (reasoning)",
    "choices[0].message.reasoning_content + reasoning_details",
    "as in requests (see responses_to_openai_request); in a stream, summary and reasoning text come as reasoning_content + reasoning_details deltas and encrypted_content with the item's end",
    ("reasoning",),
)
for _table in (R2O_REQUEST, R2O_RESPONSE):
    _root = "input[]" if _table is R2O_REQUEST else "output[]"
    _table.carried(f"{_root}.summary", "reasoning_details[] {type: reasoning.summary}")
    _table.carried(f"{_root}.summary[].text", "reasoning_details[].summary + reasoning_content")
    _table.carried(f"{_root}.encrypted_content", "reasoning_details[] {type: reasoning.encrypted}")
_ORPHAN = R2O_REQUEST.dropped(
    "input[] (reasoning without an assistant message)",
    "Chat carries reasoning on an assistant message; reasoning followed by no assistant message, text or call in its turn has nowhere to go",
)


def reasoning_to_chat(items: list[tuple[Json, str]], ctx: Context, *, reply: bool = False) -> Json:
    """The reasoning fields of the Chat assistant message that follows reasoning ``items``
    (``(item, path)`` pairs, in order): ``reasoning_content`` and ``reasoning_details``.

    Dialect hook: where a Chat upstream wants reasoning history is decided here and only here.
    Today ``extensions=True`` writes the round-trip convention (module docstring) and
    ``extensions=False`` (a standard OpenAI upstream, which rejects unknown fields) drops the
    reasoning, reported per item that had any.
    """
    row = R2O_RESPONSE_REASONING if reply else R2O_REASONING
    # the fields to write: both with extensions (the round trip, and replies), else the ones the
    # request's dialect reads back (none for a standard OpenAI upstream)
    wanted = set(dialect_of(ctx).replay) & {"reasoning_content", "reasoning", "reasoning_details"}
    if not wanted and ctx.options.extensions:
        wanted = {"reasoning_content", "reasoning_details"}
    if not wanted:
        for item, path in items:
            if _has_reasoning(item):
                ctx.lose(row, path)
        return {}
    details: list[Json] = []
    texts: list[str] = []
    for item, path in items:
        ctx.unknown(item, _ITEM_KEYS, path)
        carried = decode_carrier(item.get("encrypted_content"))
        if carried is not None:
            entries = carried.get("reasoning_details") or []
            details.extend(entries)
            text = carried.get("reasoning_content")
            texts.append(text if isinstance(text, str) else implied_text(entries))
            continue
        entries, text = _plain_details(item, len(details))
        details.extend(entries)
        texts.append(text)
    out: Json = {}
    joined = REASONING_SEPARATOR.join(t for t in texts if t)
    for name in ("reasoning_content", "reasoning"):
        if joined and name in wanted:
            out[name] = joined
    if details and "reasoning_details" in wanted:
        out["reasoning_details"] = details
    elif any(d.get("signature") or d.get("data") for d in details):
        ctx.lose(
            row,
            items[0][1],
            detail=f"{dialect_of(ctx).title} takes reasoning back as text: encrypted reasoning and signatures were not sent",
        )
    return out


def _has_reasoning(item: Json) -> bool:
    if item.get("summary") or item.get("content"):
        return True
    blob = item.get("encrypted_content")
    carried = decode_carrier(blob)
    if carried is not None:
        return bool(carried.get("reasoning_details") or carried.get("reasoning_content"))
    return bool(blob)


def _plain_details(item: Json, start: int) -> tuple[list[Json], str]:
    """The plain convention for one item: its ``reasoning_details`` entries (numbered from
    ``start``) and its text."""
    summaries = [p["text"] for p in item.get("summary") or () if p.get("type") == "summary_text"]
    contents = [p["text"] for p in item.get("content") or () if p.get("type") == "reasoning_text"]
    blob = item.get("encrypted_content")
    text = REASONING_SEPARATOR.join(t for t in (*summaries, *contents) if t)
    if not summaries and not blob:
        return [], text  # reasoning text only: reasoning_content, as DeepSeek-style servers send it
    entries: list[Json] = []
    for kind, key, values in (
        ("reasoning.summary", "summary", summaries),
        ("reasoning.text", "text", contents),
        ("reasoning.encrypted", "data", [blob] if blob else []),
    ):
        for value in values:
            entry: Json = {"type": kind, key: value}
            if item.get("id") is not None:
                entry["id"] = item["id"]
            entry["format"] = RESPONSES_FORMAT
            entry["index"] = start + len(entries)
            entries.append(entry)
    return entries, text


# -- Chat -> Responses: replies (and requests) -------------------------------------------------------

O2R_DETAILS = O2R_RESPONSE.mapped(
    "choices[].message.reasoning_details",
    "output[]: reasoning items",
    "one reasoning item per id (entries without an id share one item; an id is kept as the item id, never re-minted): reasoning.summary -> summary parts, reasoning.text -> reasoning_text parts, reasoning.encrypted -> encrypted_content; written that plainly when the reverse direction gives back exactly these entries, otherwise (signatures, redacted data, another format) the entries travel in encrypted_content as an 'rc1:' carrier that responses_to_openai_request restores exactly",
)
O2R_RESPONSE.mapped(
    "choices[].message.reasoning_details[]",
    "output[]: reasoning items",
    "unknown entry types are dropped (unknown)",
)
O2R_CONTENT = O2R_RESPONSE.mapped(
    "choices[].message.reasoning_content",
    "output[]: a reasoning item's reasoning_text part",
    "plain reasoning text (DeepSeek, vLLM, SGLang) -> one reasoning item; when the request asked for include reasoning.encrypted_content, the text also rides in an 'rc1:' carrier so that clients that do not send reasoning_text back (Codex) still return it. Next to reasoning_details it is the same text: not carried, and a difference is reported",
)
O2R_RESPONSE.mapped(
    "choices[].message.reasoning",
    "output[]: reasoning item",
    "vLLM/OpenRouter name of reasoning_content; the same",
)
O2R_RESPONSE.mapped(
    "choices[].message.thinking_blocks",
    "output[]: reasoning item",
    "LiteLLM's convention: read as reasoning_details (thinking -> reasoning.text with its signature, redacted_thinking -> reasoning.encrypted), carried in an 'rc1:' carrier",
)
O2R_PLACEHOLDER = O2R_RESPONSE.mapped(
    "(no reasoning)",
    "output[0]: an empty reasoning item",
    "when the request asked for include reasoning.encrypted_content and the reply has no reasoning, one empty reasoning item is sent anyway (Codex waits for it)",
)
_REQUEST_REASONING = O2R_REQUEST.mapped(
    "messages[].reasoning_details",
    "input[]: reasoning items before the assistant's message",
    "only reasoning a Responses upstream can take back: groups (one per id) in the plain openai-responses-v1 form, with an id -> reasoning items {id, summary, content, encrypted_content}; anything else (signatures, other formats, entries without an id) is dropped and reported",
)
_REQUEST_TEXT = O2R_REQUEST.dropped(
    "messages[].reasoning_content",
    "plain reasoning text has no Responses input form a server accepts (a reasoning item needs its id and encrypted_content); dropped unless it only repeats the reasoning_details",
)
O2R_REQUEST.dropped("messages[].reasoning", "as reasoning_content")
O2R_REQUEST.dropped(
    "messages[].thinking_blocks",
    "Anthropic thinking blocks have no Responses input form",
)

_LITELLM_KINDS: Final = {"thinking": "reasoning.text", "redacted_thinking": "reasoning.encrypted"}


def chat_to_reasoning(
    msg: Json,
    path: str,
    ctx: Context,
    *,
    new_id: Callable[[], str],
    include_encrypted: bool = False,
    reply: bool = True,
) -> list[Json]:
    """The reasoning items of a Chat assistant message's reasoning fields.

    ``new_id`` gives the id of each item whose entries have none (the caller derives them from
    the response id). In a ``reply`` an item that the plain form cannot give
    back exactly uses a carrier; in a request (``reply=False``, for a Responses upstream) such
    reasoning is dropped and reported, as is plain text.
    """
    details = _details(msg, path, ctx, reply)
    text = msg.get("reasoning_content")
    key = "reasoning_content"
    if text is None:
        text, key = msg.get("reasoning"), "reasoning"
    if text is not None and not isinstance(text, str):
        validate(str, text, path=f"{path}.{key}")
    if details is None:
        if not text:
            return []
        if not reply:
            ctx.lose(_REQUEST_TEXT, f"{path}.{key}")
            return []
        item: Json = {"id": new_id(), "type": "reasoning", "summary": []}
        item["content"] = [{"type": "reasoning_text", "text": text}]
        if include_encrypted:
            item["encrypted_content"] = encode_carrier({"reasoning_content": text})
        return [item]
    if text and text != implied_text(details):
        ctx.lose(
            O2R_CONTENT if reply else _REQUEST_TEXT,
            f"{path}.{key}",
            kind="approximated" if reply else "dropped",
            detail="reasoning_content differs from the text of reasoning_details; only the details were carried",
        )
    groups: dict[Any, list[Json]] = {}
    for entry in details:
        groups.setdefault(entry.get("id"), []).append(entry)
    items: list[Json] = []
    start = 0
    for group_id, entries in groups.items():
        made = _item(
            entries, group_id, start, include_encrypted, reply, f"{path}.reasoning_details", ctx
        )
        if made is not None and made["id"] is None:
            made["id"] = new_id()
        start += len(entries)
        if made is not None:
            items.append(made)
    return items


def placeholder(item_id: str) -> Json:
    """The empty reasoning item of a reply without reasoning whose request asked for it."""
    return {
        "id": item_id,
        "type": "reasoning",
        "summary": [],
        "encrypted_content": encode_carrier({}),
    }


def _details(msg: Json, path: str, ctx: Context, reply: bool) -> list[Json] | None:
    """The message's reasoning_details (LiteLLM's thinking_blocks read as such), known types only."""
    raw = msg.get("reasoning_details")
    key = "reasoning_details"
    if raw is None and msg.get("thinking_blocks") is not None:
        blocks = validate(
            list[oai.LiteLLMThinkingBlockUnion],
            msg["thinking_blocks"],
            path=f"{path}.thinking_blocks",
        )
        raw, key = [], "thinking_blocks"
        for k, block in enumerate(blocks):
            kind = _LITELLM_KINDS.get(block["type"])
            if kind is None:
                _unknown(ctx, f"{path}.thinking_blocks[{k}]", block["type"], reply)
            elif kind == "reasoning.text":
                entry: Json = {"type": kind, "text": block.get("thinking", "")}
                if block.get("signature") is not None:
                    entry["signature"] = block["signature"]
                raw.append(entry)
            else:
                raw.append({"type": kind, "data": block["data"]})
        return raw or None
    if raw is None:
        return None
    entries = validate(list[oai.ReasoningDetail], raw, path=f"{path}.{key}")
    known: list[Json] = []
    for k, entry in enumerate(entries):
        if entry["type"] in ("reasoning.text", "reasoning.summary", "reasoning.encrypted"):
            known.append(entry)
        else:
            _unknown(ctx, f"{path}.{key}[{k}]", entry["type"], reply)
    return known or None


def _unknown(ctx: Context, path: str, kind: str, reply: bool) -> None:
    row: Fate = O2R_DETAILS if reply else _REQUEST_REASONING
    ctx.lose(row, path, kind="unknown", detail=f"reasoning entry type {kind!r} is unknown; dropped")


def _item(
    entries: list[Json],
    group_id: Any,
    start: int,
    include_encrypted: bool,
    reply: bool,
    path: str,
    ctx: Context,
) -> Json | None:
    item: Json = {
        "id": group_id if isinstance(group_id, str) and group_id else None,  # the caller's if None
        "type": "reasoning",
    }
    item["summary"] = [
        {"type": "summary_text", "text": e["summary"]}
        for e in entries
        if e["type"] == "reasoning.summary"
    ]
    content = [
        {"type": "reasoning_text", "text": e.get("text") or ""}
        for e in entries
        if e["type"] == "reasoning.text"
    ]
    if content:
        item["content"] = content
    blobs = [e["data"] for e in entries if e["type"] == "reasoning.encrypted"]
    # Codex does not send reasoning_text parts back: with include, text rides in a carrier
    plain = len(blobs) <= 1 and not (include_encrypted and content)
    if plain and blobs:
        item["encrypted_content"] = blobs[0]
    if plain and item["id"] is not None:
        rebuilt, _ = _plain_details(item, start)
        plain = rebuilt == entries
    elif plain:
        plain = False  # entries without an id: the plain form would not give their ids back
    if plain:
        return item
    if not reply:
        ctx.lose(
            _REQUEST_REASONING,
            path,
            kind="dropped",
            detail="reasoning that is not a Responses reasoning item (no id, a signature, another format) cannot be sent to a Responses upstream; dropped",
        )
        return None
    item["encrypted_content"] = encode_carrier({"reasoning_details": entries})
    return item


# -- Responses -> Chat: streams -----------------------------------------------------------------------


def stream_entry(kind: str, value: str, item: str | None, index: int, *, first: bool) -> Json:
    """One streamed ``reasoning_details`` fragment of a reasoning item (``item``: its id): the
    entry's first fragment has the shape :func:`reasoning_to_chat` writes, later ones only the
    ``index`` and more of the value (the OpenAI SDK concatenates them by ``index``)."""
    key = {"reasoning.summary": "summary", "reasoning.text": "text"}.get(kind, "data")
    if not first:
        return {"index": index, key: value}
    entry: Json = {"type": kind, key: value}
    if item:
        entry["id"] = item
    entry["format"] = RESPONSES_FORMAT
    entry["index"] = index
    return entry


# -- the carrier's origins: Responses <-> Anthropic -------------------------------------------------
#
# The same versioned carrier carries reasoning between the Responses API and Anthropic Messages.
# An "rc1:" carrier is ``"rc1:" + base64(JSON object)``; the object says where its content came
# from:
#
# * no ``origin`` key, only ``reasoning_details`` / ``reasoning_content``: a Chat upstream's
#   reasoning fields (the Responses <-> Chat work above);
# * ``{"origin": "anthropic", "type": "thinking", "signature": ...}`` or ``{"origin":
#   "anthropic", "type": "redacted_thinking", "data": ...}``: one Anthropic thinking block, whose
#   text is the reasoning item's summary (Codex shows summaries and sends them back), in a
#   reasoning item's ``encrypted_content``;
# * ``{"origin": "responses", "id": "rs_...", "encrypted_content"?: ..., "summary"?: [...],
#   "content"?: [...], "status"?: ...}``: one Responses reasoning item, in an Anthropic thinking block's
#   ``signature`` (the block's text is the item's summary and reasoning text; summary and content
#   are in the carrier only when that text cannot give them back exactly).
#
# Version rule. The prefix names the version; a reader decodes only the versions and the exact key
# sets it knows, and treats anything else - another version, another origin, a key it does not
# know - as a foreign blob: passed on untouched where the target can take it, never unpacked, never
# sent to Anthropic as a signature. So a new origin or a new optional key may be added under
# "rc1:" (older readers pass such carriers on as opaque blobs); changing what an existing key means
# needs "rc2:".

#: Where an origin carrier's reasoning came from.
ORIGIN_ANTHROPIC: Final = "anthropic"
ORIGIN_RESPONSES: Final = "responses"

_ANTHROPIC_KEYS: Final = {
    "thinking": frozenset({"origin", "type", "signature"}),
    "redacted_thinking": frozenset({"origin", "type", "data"}),
}
_RESPONSES_KEYS: Final = frozenset(
    {"origin", "id", "encrypted_content", "summary", "content", "status"}
)


def encode_origin(origin: str, payload: Json) -> str:
    """The carrier of reasoning that came from ``origin`` (see the section comment)."""
    return encode_carrier({"origin": origin, **payload})


def decode_origin(blob: Any) -> Json | None:
    """The payload of an origin carrier (with its ``origin``), or None for anything else: a
    vendor's blob, a Chat carrier, a carrier of a shape this version does not know."""
    if not isinstance(blob, str) or not blob.startswith(CARRIER_PREFIX):
        return None
    try:
        value = _json.loads(base64.b64decode(blob[len(CARRIER_PREFIX) :], validate=True))
    except (binascii.Error, ValueError, InvalidInputError):
        return None
    if not isinstance(value, dict):
        return None
    origin = value.get("origin")
    if origin == ORIGIN_ANTHROPIC:
        keys = _ANTHROPIC_KEYS.get(value.get("type"))  # type: ignore[arg-type]
        field = "signature" if value.get("type") == "thinking" else "data"
        if keys is None or value.keys() != keys or not isinstance(value[field], str):
            return None
        return value
    if origin == ORIGIN_RESPONSES:
        if not value.keys() <= _RESPONSES_KEYS or not isinstance(value.get("id"), str):
            return None
        if not all(isinstance(value.get(k, ""), str) for k in ("encrypted_content", "status")):
            return None
        for key in ("summary", "content"):
            parts = value.get(key, [])
            if not isinstance(parts, list) or not all(
                isinstance(p, dict) and isinstance(p.get("text"), str) for p in parts
            ):
                return None
        return value
    return None
