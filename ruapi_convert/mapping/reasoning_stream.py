"""
ruapi_convert.mapping.reasoning_stream
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: an OpenAI-side stream's reasoning becomes Anthropic thinking pieces only here, by the same
conventions and precedence as :mod:`.reasoning` applies to whole replies (``reasoning_details``
win over ``thinking_blocks``, which win over plain text), so that a stream and its reply agree.

Work per delta is bounded: plain text that a later ``reasoning_details`` item may repeat is kept
in a bounded window (:class:`_ReasoningEcho`), never in a buffer that grows with the stream.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from typing_extensions import TypedDict

from ..models import openai as oai
from ..models._base import validate, wire_dict

# the reply rows and check this module shares with the whole-reply mapping (one row per field)
from .reasoning import (
    _REPLY_CONTENT,
    _REPLY_DETAIL_ITEM,
    _REPLY_DETAILS,
    REASONING_SEPARATOR,
    _differs,
)

if TYPE_CHECKING:
    from ._ledger import Context, Fate, Json

__all__ = ["Redacted", "StreamReasoning", "Thinking"]


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
