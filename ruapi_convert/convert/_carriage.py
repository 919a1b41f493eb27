"""
ruapi_convert.convert._carriage
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

How Anthropic content that an OpenAI reply cannot express travels inside it, identically in
responses and in streams.

An OpenAI message has one text, a list of tool calls and (by convention) reasoning fields. An
Anthropic reply may also hold server-tool blocks (``server_tool_use``, ``web_search_tool_result``
...), MCP blocks, and keys such as text ``citations`` or a tool call's ``caller``. These travel in
``message.anthropic.content`` (``delta.anthropic.content`` in streams): a list of entries, each
naming the position of its block in the Anthropic content as ``block_index`` -

* a block with no OpenAI field travels whole:
  ``{"index": 0, "block_index": 1, "type": "server_tool_use", ...}``;
* a text, tool_use or thinking block with extra keys travels as a partial entry holding only its
  ``type`` and those keys: ``{"index": 1, "block_index": 3, "type": "text", "citations": [...]}``
  (a tool_use entry also names its ``id``, to find its call again).

``index`` is the entry's own position in the list. The OpenAI SDK's stream accumulator needs it:
it merges a list delta entry into the accumulated list *at position* ``index`` (and refuses a
dict entry without one), so each entry is sent in one piece, in block order, and a streamed reply
accumulates to exactly the list the non-stream conversion writes. The reverse direction rebuilds
the content: whole blocks at their ``block_index``, the blocks made from the standard fields
(thinking, text, tool_use in that order) in the remaining positions, partial entries merged into
their blocks.

What this does not keep: the boundaries between several text blocks (they are one string in
OpenAI) and the order of text, thinking and tool calls relative to each other. Conversions report
both as approximated.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["PLAIN_KEYS", "entry_for", "rebuild"]

Json = dict[str, Any]

#: Block types the standard OpenAI fields express, and the keys they express of each.
PLAIN_KEYS: Final = {
    "text": frozenset({"type", "text"}),
    "tool_use": frozenset({"type", "id", "name", "input"}),
    "thinking": frozenset({"type", "thinking", "signature"}),
    "redacted_thinking": frozenset({"type", "data"}),
}


def extra_keys(block: Json) -> list[str]:
    """The keys of a text/tool_use/thinking block that the standard fields do not carry."""
    plain = PLAIN_KEYS[block["type"]]
    return [k for k, v in block.items() if k not in plain and v is not None]


def entry_for(block: Json, block_index: int, position: int) -> Json | None:
    """The carriage entry of one block (the ``position``-th entry of the list), or None when the
    standard fields carry the block entirely."""
    kind = block["type"]
    plain = PLAIN_KEYS.get(kind)
    if plain is None:
        return {"index": position, "block_index": block_index, **block}
    if block.keys() <= plain:  # the usual case, decided without building a list
        return None
    extras = extra_keys(block)
    if not extras:
        return None
    entry: Json = {"index": position, "block_index": block_index, "type": kind}
    if kind == "tool_use":
        entry["id"] = block["id"]
    for key in extras:
        entry[key] = block[key]
    return entry


def rebuild(standard: list[Json], entries: list[Json]) -> list[Json]:
    """Merge carried entries back into the blocks made from the standard fields."""
    whole: dict[int, Json] = {}
    partial: list[Json] = []
    for entry in entries:
        index = entry.get("block_index")
        if not isinstance(index, int):
            continue
        if entry.get("type") in PLAIN_KEYS:
            partial.append(entry)
        else:
            whole[index] = {k: v for k, v in entry.items() if k not in ("index", "block_index")}
    blocks = [dict(b) for b in standard]
    for entry in partial:
        _merge_partial(blocks, entry)
    out: list[Json] = []
    rest = iter(blocks)
    position = 0
    pending = len(blocks)
    while whole or pending:
        if position in whole:
            out.append(whole.pop(position))
        elif pending:
            out.append(next(rest))
            pending -= 1
        else:  # an index past the end: keep the carried blocks in their order
            out.extend(whole.pop(k) for k in sorted(whole))
        position += 1
    return out


def _merge_partial(blocks: list[Json], entry: Json) -> None:
    kind = entry["type"]
    extras = {k: v for k, v in entry.items() if k not in ("index", "block_index", "type", "id")}
    for block in blocks:
        if block["type"] != kind:
            continue
        if kind == "tool_use" and block.get("id") != entry.get("id"):
            continue
        for key, value in extras.items():
            if isinstance(value, list) and isinstance(block.get(key), list):
                block[key] = [*block[key], *value]  # several text blocks merged into one
            else:
                block[key] = value
        return
