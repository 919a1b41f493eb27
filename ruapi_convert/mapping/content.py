"""
ruapi_convert.mapping.content
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: content parts (OpenAI) and content blocks (Anthropic) are matched up here - text, the
dispatch of every part or block type (images, files and documents go on to :mod:`.media`), the
Anthropic blocks that ride verbatim as parts of their own type, and the layout of a reply's text.

A reply's text: Anthropic splits text into consecutive blocks around citations, which join without
a separator; text blocks with other blocks between them join with a blank line (Anthropic writes
them as separate paragraphs). Web-search citations become ``url_citation`` annotations at the
character offsets of their text in the joined content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .._quote import quote
from ..models import anthropic as ant
from ..models._base import validate
from ._ledger import A2O_REQUEST, A2O_RESPONSE, O2A_REQUEST, O2A_RESPONSE, Json
from .cache import CACHE_CONTROL, PART_CACHE_CONTROL, cache_control
from .extensions import carry_keys
from .media import document_to_file, file_to_block, image_to_anthropic, image_to_openai
from .reasoning import THINKING_IN_USER_TURN

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._ledger import Context, Fate

__all__ = [
    "REPLY_CONTENT",
    "TEXT_SEPARATOR",
    "annotations_for",
    "joined_text",
    "reply_text",
    "report_shape",
    "system_parts",
    "text_part",
    "text_parts",
    "user_block",
    "user_content",
    "user_part",
    "assistant_part",
    "url_citation",
]

# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_REQUEST.mapped(
    "messages[].content[]",
    "messages[].content[]",
    "part types this library does not know are dropped; Anthropic block types (image, document, search_result, server-tool blocks ...) riding as parts pass through verbatim",
)
UNKNOWN_PART = O2A_REQUEST.dropped(
    "messages[].content[] (unknown types)",
    "part types this library does not know, and parts that cannot appear in that role",
)
O2A_REQUEST.mapped(
    "messages[].content[].type",
    "messages[].content[].type",
)
O2A_REQUEST.mapped(
    "messages[].content[].text",
    "messages[].content[].text",
    "empty text parts are left out (Anthropic rejects empty text blocks)",
)
O2A_REQUEST.carried(
    "messages[].content[].citations",
    "messages[].content[].citations",
    "Anthropic key carried by our reverse direction",
)
_INPUT_AUDIO = O2A_REQUEST.dropped(
    "messages[].content[] (input_audio)",
    "Anthropic takes no audio input",
)
O2A_REQUEST.dropped(
    "messages[].content[].input_audio",
    "see input_audio",
)
_REFUSAL_PART = O2A_REQUEST.approximated(
    "messages[].content[] (refusal)",
    "messages[].content[]: text",
    "a refusal part becomes plain text",
)
O2A_REQUEST.approximated(
    "messages[].content[].refusal",
    "messages[].content[].text",
    "see refusal parts",
)

#: OpenAI content-part types; any other part whose type is an Anthropic block type is one of ours,
#: riding verbatim (see the reverse direction), and is passed on after validation.
_OPENAI_PART_TYPES: Final = frozenset({"text", "image_url", "input_audio", "file", "refusal"})
_TEXT_PART_KEYS: Final = frozenset(
    {"type", "text", "prompt_cache_breakpoint", "cache_control", "citations"}
)


def text_parts(content: Any, path: str, ctx: Context) -> list[Json]:
    """System/developer content (text parts only) as text blocks."""
    if content is None or content == "":
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    blocks: list[Json] = []
    for j, part in enumerate(content):
        block = text_part(part, f"{path}.content[{j}]", ctx)
        if block is not None:
            blocks.append(block)
    return blocks


def text_part(part: Json, path: str, ctx: Context) -> Json | None:
    """The text block of a text part; None for an empty one (or a part that is not text)."""
    if part["type"] != "text":
        ctx.lose(
            UNKNOWN_PART,
            path,
            kind="unknown",
            detail=f"content part type {quote(part['type'])} cannot appear here; dropped",
        )
        return None
    ctx.unknown(part, _TEXT_PART_KEYS, path)
    text = part["text"]
    block: Json = {"type": "text", "text": text}
    cache_control(part, block, path, ctx)
    citations = part.get("citations")
    if citations:
        block["citations"] = validate(
            list[ant.TextCitationParam], citations, path=f"{path}.citations"
        )
    if not text:
        if "cache_control" in block:
            ctx.lose(
                CACHE_CONTROL,
                f"{path}.cache_control",
                kind="dropped",
                detail="empty text part dropped (Anthropic rejects empty text blocks) with its cache breakpoint",
            )
        return None
    return block


def user_content(content: Any, path: str, ctx: Context) -> list[Json] | str:
    """A user message's content as Anthropic content (a string stays a string)."""
    if content is None or content == "":
        return ""
    if isinstance(content, str):
        return content
    blocks: list[Json] = []
    for j, part in enumerate(content):
        blocks.extend(user_part(part, f"{path}.content[{j}]", ctx))
    return blocks


def user_part(part: Json, path: str, ctx: Context) -> list[Json]:
    """The blocks (none or one) of a user (or tool result) content part."""
    kind = part["type"]
    if kind == "text":
        block = text_part(part, path, ctx)
        return [block] if block is not None else []
    if kind == "image_url":
        return [image_to_anthropic(part, path, ctx)]
    if kind == "file":
        block = file_to_block(part, path, ctx)
        return [block] if block is not None else []
    if kind == "input_audio":
        ctx.lose(_INPUT_AUDIO, path)
        return []
    if kind == "refusal":
        return _refusal(part, path, ctx)
    return _carried_block(part, path, ctx)


def assistant_part(part: Json, path: str, ctx: Context) -> list[Json]:
    """The blocks (none or one) of an assistant content part."""
    if part["type"] == "text":
        block = text_part(part, path, ctx)
        return [block] if block is not None else []
    if part["type"] == "refusal":
        return _refusal(part, path, ctx)
    return _carried_block(part, path, ctx)


def _refusal(part: Json, path: str, ctx: Context) -> list[Json]:
    ctx.lose(_REFUSAL_PART, path)
    return [{"type": "text", "text": part["refusal"]}] if part["refusal"] else []


def _carried_block(part: Json, path: str, ctx: Context) -> list[Json]:
    if part["type"] in _OPENAI_PART_TYPES or part["type"] not in ant.CONTENT_BLOCK_TYPES:
        ctx.lose(
            UNKNOWN_PART,
            path,
            kind="unknown",
            detail=f"content part type {quote(part['type'])} is unknown; dropped",
        )
        return []
    return [validate(ant.ContentBlockParam, part, path=path)]


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

#: Anthropic request blocks that have an OpenAI form (mapped field by field); every other block
#: type rides verbatim as a content part of its own type.
_MAPPED_BLOCKS: Final = frozenset(
    {"text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking"}
)
_VERBATIM_BLOCKS: Final = tuple(sorted(ant.CONTENT_BLOCK_TYPES - _MAPPED_BLOCKS))

A2O_REQUEST.mapped(
    "system[].text",
    "messages[0].content[].text",
)
A2O_REQUEST.carried(
    "system[].citations",
    "messages[0].content[].citations",
)
A2O_REQUEST.mapped(
    "messages[].content[].text",
    "messages[].content[].text",
)
PART_CITATIONS = A2O_REQUEST.carried(
    "messages[].content[].citations",
    "messages[].content[].citations",
    "on text parts (citations) and file parts (document citations config)",
)
UNKNOWN_BLOCK = A2O_REQUEST.dropped(
    "messages[].content[] (unknown types)",
    "block types this library does not know",
)
_VERBATIM = A2O_REQUEST.carried(
    "messages[].content[] (blocks without an OpenAI part)",
    "the block itself, as a content part",
    "search results, server-tool and MCP blocks and the like ride verbatim as parts of their own type: "
    + ", ".join(_VERBATIM_BLOCKS),
    _VERBATIM_BLOCKS,
)

_TEXT_KEYS: Final = frozenset({"type", "text", "cache_control", "citations"})
_TEXT_CARRIED: Final[dict[str, Fate]] = {
    "cache_control": PART_CACHE_CONTROL,
    "citations": PART_CITATIONS,
}


def system_parts(blocks: list[Json], path: str, ctx: Context) -> list[Json]:
    """System text blocks as text parts. A block of an unknown type (a newer API version) is
    reported and skipped (it need not have a ``text``)."""
    parts: list[Json] = []
    for j, block in enumerate(blocks):
        if block["type"] == "text":
            parts.append(text_to_part(block, f"{path}[{j}]", ctx))
        else:
            ctx.lose(
                UNKNOWN_BLOCK,
                f"{path}[{j}]",
                kind="unknown",
                detail=f"system block type {quote(block['type'])} is unknown; dropped",
            )
    return parts


def text_to_part(block: Json, path: str, ctx: Context) -> Json:
    """The text part of a text block (its Anthropic keys carried)."""
    ctx.unknown(block, _TEXT_KEYS, path)
    part: Json = {"type": "text", "text": block["text"]}
    carry_keys(block, part, _TEXT_CARRIED, path, ctx)
    return part


def user_block(block: Json, path: str, ctx: Context) -> Json | None:
    """The part of a user (or tool result) block other than a tool result; None when it has none."""
    kind = block["type"]
    if kind == "text":
        return text_to_part(block, path, ctx)
    if kind == "image":
        return image_to_openai(block, path, ctx)
    if kind == "document":
        return document_to_file(block, path, ctx, PART_CITATIONS)
    return verbatim(block, path, ctx)


def verbatim(block: Json, path: str, ctx: Context) -> Json | None:
    """A block with no OpenAI part: carried as a part of its own type, or reported."""
    kind = block["type"]
    if kind not in ant.CONTENT_BLOCK_TYPES:
        ctx.lose(
            UNKNOWN_BLOCK,
            path,
            kind="unknown",
            detail=f"content block type {quote(kind)} is unknown; dropped",
        )
        return None
    if kind in ("thinking", "redacted_thinking"):
        ctx.lose(THINKING_IN_USER_TURN, path)
        return None
    if ctx.carry(_VERBATIM, path):
        return dict(block)
    return None


# -- replies -----------------------------------------------------------------------------------------

REPLY_CONTENT = A2O_RESPONSE.mapped(
    "content",
    "choices[0].message",
    "text -> content (blocks joined without a separator: Anthropic splits text at citations); tool_use -> tool_calls (arguments = compact JSON of input); thinking -> reasoning_content + reasoning_details. When these fields cannot reproduce the blocks exactly (several text blocks, blocks out of the thinking/text/tool_use order, other block types, extra keys), the blocks themselves are carried in message.anthropic.content",
)
_TEXT_SHAPE = A2O_RESPONSE.mapped(
    "content[] (text)",
    "choices[0].message.content",
    "several text blocks join into one string, and text, thinking and tool calls lose their relative order: always reported as approximated (with extensions on the blocks are also carried in message.anthropic.content, so an Anthropic client gets them back exactly)",
)
A2O_RESPONSE.mapped(
    "content[].text",
    "choices[0].message.content",
)
O2A_RESPONSE.mapped(
    "choices[].message.content",
    "content[]: text",
)

#: Joins two text blocks that other blocks (a tool call, a server-tool result) stood between:
#: Anthropic writes them as separate paragraphs, and gluing them would run sentences together.
#: Adjacent text blocks (Anthropic splits text at each citation) join with nothing.
TEXT_SEPARATOR: Final = "\n\n"

#: The order the standard OpenAI fields give back: thinking, then text, then tool calls.
_ORDER: Final = {"thinking": 0, "redacted_thinking": 0, "text": 1, "tool_use": 2}


def joined_text(blocks: list[Json]) -> str | None:
    """The ``content`` string of a reply with these blocks (None when it has no text block)."""
    texts: list[str] = []
    for block, _, separated in _text_layout(blocks):
        if separated:
            texts.append(TEXT_SEPARATOR)
        texts.append(block["text"])
    return "".join(texts) if texts else None


def annotations_for(blocks: list[Json]) -> list[Json]:
    """The ``url_citation`` annotations of a reply with these blocks (over the cited text in the
    joined content). The reverse direction uses it to recognise annotations it can make again."""
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


def url_citation(citation: Json, start: int, end: int) -> Json:
    """The ``url_citation`` annotation of a web-search citation of the text at [start, end)."""
    return {
        "type": "url_citation",
        "url_citation": {
            "start_index": start,
            "end_index": end,
            "title": citation.get("title") or "",
            "url": citation["url"],
        },
    }


def report_shape(blocks: list[Json], ctx: Context, path: str) -> None:
    """Text boundaries and the relative order of blocks do not survive (see :mod:`.extensions`)."""
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
            _TEXT_SHAPE,
            path,
            kind="approximated",
            detail=f"{texts} text blocks were joined into one content string",
        )
    if not ordered:
        ctx.lose(
            _TEXT_SHAPE,
            path,
            kind="approximated",
            detail="text, thinking and tool calls lose their relative order (OpenAI keeps them in separate fields)",
        )


def reply_text(content: Any) -> str | None:
    """The text of an OpenAI reply message's ``content`` (lenient servers send parts)."""
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else None
