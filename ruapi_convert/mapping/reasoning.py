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

from collections import deque
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Optional

from typing_extensions import TypedDict

from .._quote import quote
from ..models import openai as oai
from ..models._base import validate, wire_dict
from ._ledger import A2O_REQUEST, A2O_RESPONSE, O2A_REQUEST, O2A_RESPONSE, Json

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "OPENAI_REASONING_KEYS",
    "REPLY_THINKING",
    "REQUEST_THINKING",
    "THINKING_IN_USER_TURN",
    "REASONING_SEPARATOR",
    "Redacted",
    "StreamReasoning",
    "Thinking",
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


# -- OpenAI -> Anthropic: streams --------------------------------------------------------------------


class Thinking(NamedTuple):
    """A piece of a thinking block for the stream's block scheduler."""

    #: Which block it belongs to: ``("detail", index)`` for reasoning_details items,
    #: ``("reasoning",)`` for the plain-text conventions.
    key: tuple[Any, ...]
    text: str
    signature: str
    signed: bool


class Redacted(NamedTuple):
    """A redacted thinking block, which arrives whole."""

    data: str


@wire_dict
class _DetailFragment(TypedDict, total=False):
    """One streamed ``reasoning_details`` fragment (OpenRouter streams them merged by ``index``)."""

    index: Optional[int]
    type: Optional[str]
    text: Optional[str]
    signature: Optional[str]
    data: Optional[str]
    summary: Optional[str]
    format: Optional[str]
    id: Optional[str]


class StreamReasoning:
    """The reasoning of an OpenAI chunk stream, read as the reply conversion reads a message.

    ``pieces(delta)`` turns one delta's reasoning fields into :class:`Thinking` and
    :class:`Redacted` pieces, with the same precedence as :func:`openai_to_thinking`:
    ``reasoning_details`` win (once any have come, later plain text is the same text unsigned),
    then ``thinking_blocks``, then plain text. ``finish()`` makes the reply's end-of-message report
    (plain text that differs from the details' texts). Each loss is reported once per stream.
    """

    __slots__ = ("_ctx", "_details_seen", "_echo", "_kinds", "_reported")

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._kinds: dict[Any, Any] = {}  # reasoning_details index -> its type
        self._details_seen = False
        # plain reasoning text against the details' texts
        self._echo = _ReasoningEcho(ctx.options.max_stream_buffer)
        self._reported: set[str] = set()

    def pieces(self, delta: Json) -> list[Thinking | Redacted]:
        out: list[Thinking | Redacted] = []
        text = delta.get("reasoning_content")
        if text is None:
            text = delta.get("reasoning")
        if isinstance(text, str):
            # all plain text is compared with the details (the reply conversion compares the
            # accumulated reasoning_content, wherever its pieces came)
            self._echo.plain(text)
        details = delta.get("reasoning_details")
        if details is not None:
            # In a stream these are fragments: type (and format) on an index's first fragment only.
            items = validate(
                list[_DetailFragment], details, path="choices[0].delta.reasoning_details"
            )
            self._details_seen = True
            for item in items:
                out += self._detail(item)
            return out  # reasoning_content alongside is the same text without signatures
        if self._details_seen:
            # The same holds when reasoning_content comes in a later chunk than the details: the
            # non-stream conversion takes the details and ignores reasoning_content/thinking_blocks,
            # and a second, unsigned copy of the text must not become a thinking block of its own.
            return out
        blocks = delta.get("thinking_blocks")
        signature = ""
        if blocks is not None:
            items = validate(
                list[oai.LiteLLMThinkingBlockUnion], blocks, path="choices[0].delta.thinking_blocks"
            )
            for item in items:
                if item["type"] == "redacted_thinking":
                    out.append(Redacted(item["data"]))
                elif item["type"] == "thinking":
                    text = (text or "") if text is not None else item.get("thinking", "")
                    signature = item.get("signature") or signature
        if text is not None and not isinstance(text, str):
            validate(str, text, path="choices[0].delta.reasoning_content")
        if signature:
            out.append(Thinking(("reasoning",), text or "", signature, signed=True))
        elif text and self._ctx.options.unsigned_reasoning == "drop":
            self._once(_REPLY_CONTENT, "choices[0].delta.reasoning_content", kind="dropped")
        elif text:
            out.append(Thinking(("reasoning",), text, "", signed=False))
        return out

    def _detail(self, item: Json) -> list[Thinking | Redacted]:
        index = item.get("index") or 0
        kind = item.get("type") or self._kinds.get(index)
        self._kinds[index] = kind
        if kind == "reasoning.text":
            self._echo.detail(index, item.get("text") or "")
            return [
                Thinking(
                    ("detail", index), item.get("text") or "", item.get("signature") or "", True
                )
            ]
        if kind == "reasoning.encrypted":
            data = item.get("data")
            return [Redacted(data)] if data else []
        self._once(_REPLY_DETAIL_ITEM, "choices[0].delta.reasoning_details", kind="dropped")
        return []

    def unsigned_block(self) -> None:
        """A thinking block without a signature was stopped (shown with signature '')."""
        self._once(_REPLY_CONTENT, "choices[0].delta.reasoning_content", kind="approximated")

    def split(self) -> None:
        """Reasoning resumed after other content: it continues in a new thinking block."""
        if "split" not in self._reported:
            self._reported.add("split")
            self._ctx.lose(
                _REPLY_DETAILS,
                "choices[0].delta",
                kind="approximated",
                detail="reasoning resumed after other content; it continues in a new thinking block",
            )

    def late_signature(self) -> None:
        """A signature came after its block had stopped: it cannot be sent any more."""
        self._ctx.lose(
            _REPLY_DETAILS,
            "choices[0].delta",
            kind="dropped",
            detail="a reasoning signature arrived after its thinking block had stopped",
        )

    def finish(self) -> None:
        """At the end of the message: the reply conversion's report on plain text."""
        if self._details_seen and self._echo.differs():
            _differs(self._ctx, _REPLY_CONTENT, "choices[0].delta.reasoning_content")
        elif self._details_seen and self._echo.unchecked():
            # Entries out of index order cannot be joined in one pass without holding all of
            # their text, nor can text beyond the bound be held; rather than hold it (or stay
            # silent), say that it was not compared.
            self._ctx.lose(
                _REPLY_CONTENT,
                "choices[0].delta.reasoning_content",
                kind="approximated",
                detail=f"{self._echo.unchecked()}, so reasoning_content was not compared with them; only the signed items were sent",
            )

    def _once(self, row: Fate, path: str, *, kind: Any) -> None:
        if row.field not in self._reported:
            self._reported.add(row.field)
            self._ctx.lose(row, path, kind=kind)


class _ReasoningEcho:
    """Is the plain reasoning text the details' non-empty texts joined by a blank line (what the
    reply conversion checks)? Compared as both sides arrive: only the text one side has sent and
    the other not yet is held (never the whole reasoning of a long stream), each character is
    compared once, and at most ``limit`` characters are held - past that the two are reported as
    not compared rather than held without bound (a server that sends plain reasoning and no
    details would otherwise pile all of it up)."""

    __slots__ = (
        "_ahead",
        "_last",
        "_limit",
        "_mismatch",
        "_offset",
        "_plain_seen",
        "_side",
        "_size",
        "_unsure",
    )

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._ahead: deque[str] = deque()  # text of one side that the other has not matched yet
        self._side = ""  # whose text _ahead holds: "plain" or "details"
        self._offset = 0  # how much of _ahead[0] is matched already
        self._size = 0  # characters held in _ahead (after the offset)
        self._last: Any = None  # the index of the last details entry with text
        self._plain_seen = False
        self._mismatch = False
        self._unsure = ""  # why the two cannot be compared ("" while they can)

    def detail(self, index: Any, text: str) -> None:
        if not text or self._mismatch or self._unsure:
            return
        if index != self._last:
            if self._last is not None:
                if (
                    not (isinstance(index, int) and isinstance(self._last, int))
                    or index < self._last
                ):
                    self._unsure = "reasoning_details entries arrived out of index order"
                    self._clear()
                    return
                self._arrive("details", REASONING_SEPARATOR)
            self._last = index
        self._arrive("details", text)

    def plain(self, text: str) -> None:
        if not text:
            return
        self._plain_seen = True
        if not (self._mismatch or self._unsure):
            self._arrive("plain", text)

    def unchecked(self) -> str:
        """At the end: why plain text that was sent was not compared with the details ("" when
        it was; :meth:`differs` cannot tell otherwise)."""
        return self._unsure if self._plain_seen else ""

    def differs(self) -> bool:
        """At the end: plain text was sent and it is not the joined details texts."""
        if not self._plain_seen or self._unsure:
            return False
        return self._mismatch or self._size > 0

    def _arrive(self, side: str, text: str) -> None:
        pos = 0
        if self._side != side:
            # Match ``text`` against what the other side is ahead by.
            while pos < len(text) and self._ahead:
                head = self._ahead[0]
                n = min(len(head) - self._offset, len(text) - pos)
                if not head.startswith(text[pos : pos + n], self._offset):
                    self._mismatch = True
                    self._clear()
                    return
                pos += n
                self._offset += n
                self._size -= n
                if self._offset == len(head):
                    self._ahead.popleft()
                    self._offset = 0
            if pos == len(text):
                return
            self._side = side  # the other side is all matched; this one is ahead now
        rest = text[pos:] if pos else text
        self._ahead.append(rest)
        self._size += len(rest)
        if self._size > self._limit:
            self._unsure = f"more than {self._limit} characters of reasoning would have had to be held to compare them (max_stream_buffer)"
            self._clear()

    def _clear(self) -> None:
        self._ahead.clear()
        self._offset = self._size = 0
