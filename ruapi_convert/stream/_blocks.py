"""
ruapi_convert.stream._blocks
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

OpenAI delta channels in, dense and ordered Anthropic content blocks out.

A chunk's delta has independent channels - reasoning, ``content``, ``refusal`` and one per tool
call - that may interleave, even several tool calls in one chunk. Anthropic streams one block after
another: every block is started, receives deltas of its own type, and is stopped, with indices
dense from 0, and clients (the SDK, Claude Code) index blocks by position. So the scheduler keeps
exactly one block open, the one of the channel that is speaking:

* a piece for the open block's channel is forwarded at once;
* a piece for another channel closes the open block and opens the next one - unless the open
  block is a tool call whose arguments are not yet a complete JSON object. A tool call cannot be
  closed early (a later fragment could not be sent any more), so while its arguments are
  incomplete the other channels' pieces wait in a queue, in order of first appearance, and are
  sent as whole blocks when the arguments complete or the choice finishes.

Argument fragments are forwarded only while their concatenation is still a prefix of a JSON
object: the Anthropic SDK re-parses the buffer after every ``input_json_delta`` and raises on
anything else. (:class:`~._json_prefix.JsonObjectPrefix` answers that per fragment, reading each
character once; whitespace before the object is not forwarded, as the SDK cannot parse it.)

What waits is bounded: the queued pieces and a thinking block's signature may hold at most
``max_stream_buffer`` characters; beyond that the stream ends with a ``StreamProtocolError``.

Example::

    blocks = BlockScheduler(ctx, thoughts)
    events = blocks.piece(("text",), "text", {"type": "text", "text": ""},
                          {"type": "text_delta", "text": "Hi"})   # start + delta
    events += blocks.whole({"type": "redacted_thinking", "data": "..."})  # stop, start, stop
    events += blocks.finish()   # closes the open block, sends every queued one
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import StreamProtocolError
from ..mapping.tool_calls import REPLY_ARGUMENTS
from ._base import check_buffer
from ._fastpath import content_block_delta
from ._json_prefix import JsonObjectPrefix

if TYPE_CHECKING:
    from ..mapping._ledger import Context, Json
    from ..mapping.reasoning_stream import StreamReasoning
    from ._fastpath import Raw

__all__ = ["BlockScheduler"]


@dataclass
class _Channel:
    """One logical Anthropic block being assembled from OpenAI delta pieces."""

    kind: str  # text | refusal | thinking | redacted_thinking | tool_use | a carried block type
    start: Json  # the content_block of its content_block_start
    pieces: list[Json] = field(default_factory=list)  # queued deltas while it waits
    index: int = -1  # its Anthropic block index once started
    args: JsonObjectPrefix = field(default_factory=JsonObjectPrefix)  # tool arguments so far
    signature: str = ""  # thinking signature, sent at the stop
    closed: bool = False
    held: int = 0  # characters of its pieces counted in the scheduler's queue

    @property
    def complete(self) -> bool:
        """A tool call whose arguments are a whole object (so the call is over)."""
        return self.args.complete


class BlockScheduler:
    """Turns pieces of OpenAI channels into Anthropic block events (see the module docstring).

    ``thoughts`` reports what happens to reasoning on the way (a thinking block split in two, a
    signature too late to send, a block stopped without one).
    """

    __slots__ = ("_channels", "_ctx", "_next", "_open", "_queued", "_thoughts", "_waiting")

    def __init__(self, ctx: Context, thoughts: StreamReasoning) -> None:
        self._ctx = ctx
        self._thoughts = thoughts
        self._next = 0  # next Anthropic block index
        self._open: _Channel | None = None
        self._waiting: list[_Channel] = []
        self._queued = 0  # characters of the pieces waiting in _waiting
        self._channels: dict[Any, _Channel] = {}

    # -- what the converter asks -----------------------------------------------------------------

    def open_index(self, key: Any) -> int | None:
        """The block index of channel ``key`` when it is the open block (else None): what the
        fast path needs to frame a text delta without the general path."""
        channel = self._open
        if channel is None or channel.closed or channel is not self._channels.get(key):
            return None
        return channel.index

    def has(self, key: Any) -> bool:
        return key in self._channels

    def keys(self) -> list[Any]:
        return list(self._channels)

    # -- pieces ----------------------------------------------------------------------------------

    def piece(self, key: Any, kind: str, start: Json, delta: Json | None) -> list[Raw]:
        """A piece of channel ``key`` (``delta`` None: only make sure its block exists)."""
        channel = self._channels.get(key)
        if channel is None:
            channel = self._channels[key] = _Channel(kind, start)
        if channel.closed and kind in ("text", "refusal"):
            channel = self._reopen(key, channel)
        if channel.closed:
            if (
                delta is not None
                and delta["type"] == "input_json_delta"
                and not delta["partial_json"].strip()
            ):
                return []
            raise StreamProtocolError(
                f"a {kind} delta arrived after its block was complete", path="choices[0].delta"
            )
        out: list[Raw] = []
        if self._open is not channel:
            if not self._blocked():
                out += self._close_open()
                out += self._flush_waiting()
            if self._blocked():  # possibly a queued tool call that the flush just opened
                if channel not in self._waiting:
                    self._waiting.append(channel)
                if delta is not None:
                    channel.pieces.append(delta)
                    self._hold(channel, _size(delta))
                return out
            out += self._start(channel)
        if delta is not None:
            out += self._send(channel, delta)
        if channel.kind == "tool_use" and self._waiting and channel.complete:
            out += self._close_open()
            out += self._flush_waiting()
        return out

    def thinking(self, key: Any, text: str, signature: str) -> list[Raw]:
        """A piece of a thinking channel: more text, a signature (sent at the block's stop), or
        both."""
        channel = self._channels.get(key)
        if channel is not None and channel.closed:
            if not text:
                if signature:
                    # Its block has stopped (other content came in between): it cannot be sent.
                    self._thoughts.late_signature()
                return []
            channel = self._reopen(key, channel)
        if channel is None:
            channel = _Channel("thinking", {"type": "thinking", "thinking": "", "signature": ""})
            self._channels[key] = channel
        if signature:
            channel.signature += signature
            check_buffer(self._ctx, len(channel.signature), "a signature", "choices[0].delta")
        if not text:
            # A signed block with no text (Anthropic's display "omitted") must still become a
            # block, or its signature would vanish without a loss; this starts it (or keeps it
            # queued) and the signature goes out at its stop.
            return self.piece(key, "thinking", channel.start, None) if signature else []
        return self.piece(
            key, "thinking", channel.start, {"type": "thinking_delta", "thinking": text}
        )

    def whole(self, block: Json) -> list[Raw]:
        """A block that arrives complete (redacted thinking, a carried server-tool block)."""
        channel = _Channel(block["type"], block)
        self._channels[("whole", len(self._channels))] = channel
        if self._blocked():
            self._waiting.append(channel)
            self._hold(channel, _size(block))
            return []
        out = self._close_open() + self._flush_waiting()
        if self._blocked():  # the flush left a queued tool call open: wait behind it
            self._waiting.append(channel)
            self._hold(channel, _size(block))
            return out
        return out + self._start(channel) + self._close_open()

    def finish(self) -> list[Raw]:
        """The end of the choice: close the open block and send every queued one, in order."""
        out = self._close_open()
        while self._waiting:
            out += self._flush_waiting() + self._close_open()
        return out

    def citations(self, citations: list[Json]) -> list[Raw]:
        """Citations for the open text block (none when no text block is open)."""
        channel = self._open
        if not citations or channel is None or channel.kind != "text":
            return []
        return [
            content_block_delta(channel.index, {"type": "citations_delta", "citation": c})
            for c in citations
        ]

    # -- internals -------------------------------------------------------------------------------

    def _reopen(self, key: Any, channel: _Channel) -> _Channel:
        """A new block for a text, refusal or reasoning channel whose block already stopped.

        Such a channel resumes after another one spoke (text between two parallel tool calls,
        reasoning after content); the OpenAI SDK accumulates each channel into one string, so the
        stream is valid and raising would turn it into an error: it continues in a new block.
        A thinking block split this way has its signature only on its last part (reported).
        """
        if channel.kind == "thinking":
            self._thoughts.split()
        new = self._channels[key] = _Channel(channel.kind, channel.start)
        return new

    def _start(self, channel: _Channel) -> list[Raw]:
        channel.index = self._next
        self._next += 1
        self._open = channel
        start = {
            "type": "content_block_start",
            "index": channel.index,
            "content_block": channel.start,
        }
        return [("content_block_start", start)]

    def _hold(self, channel: _Channel, size: int) -> None:
        channel.held += size
        self._queued += size
        check_buffer(
            self._ctx,
            self._queued,
            "the content waiting behind an incomplete tool call",
            "choices[0].delta.tool_calls",
        )

    def _send(self, channel: _Channel, delta: Json) -> list[Raw]:
        if delta["type"] == "input_json_delta":
            args = channel.args
            if args.broken:
                return []
            fragment = delta["partial_json"]
            if not args.started:
                # Whitespace before the object: the SDK's parser raises on a buffer of it alone.
                fragment = fragment.lstrip(" \t\n\r")
                if not fragment:
                    return []
                delta = {"type": "input_json_delta", "partial_json": fragment}
            if not args.feed(fragment):
                self._ctx.lose(
                    REPLY_ARGUMENTS,
                    "choices[0].delta.tool_calls",
                    kind="approximated",
                    detail="the streamed arguments stopped being a JSON object; only the valid part was sent",
                )
                return []
        return [content_block_delta(channel.index, delta)]

    def _close_open(self) -> list[Raw]:
        channel = self._open
        if channel is None:
            return []
        self._open = None
        channel.closed = True
        out: list[Raw] = []
        if channel.kind == "thinking":
            if channel.signature:
                signature = {"type": "signature_delta", "signature": channel.signature}
                out.append(content_block_delta(channel.index, signature))
            else:
                # (unsigned_reasoning='drop' never opens an unsigned block)
                self._thoughts.unsigned_block()
        out.append(("content_block_stop", {"type": "content_block_stop", "index": channel.index}))
        return out

    def _flush_waiting(self) -> list[Raw]:
        out: list[Raw] = []
        waiting, self._waiting = self._waiting, []
        for position, channel in enumerate(waiting):
            pieces, channel.pieces = channel.pieces, []
            self._queued -= channel.held
            channel.held = 0
            out += self._start(channel)
            for delta in pieces:
                out += self._send(channel, delta)
            if channel.kind != "tool_use" or channel.complete:
                out += self._close_open()
            else:
                # A queued tool call whose arguments are still incomplete stays open, and the
                # channels after it keep waiting behind it: starting them would abandon the open
                # block (never stopped) and start the tool call a second time at its next
                # fragment.
                self._waiting = waiting[position + 1 :] + self._waiting
                break
        return out

    def _blocked(self) -> bool:
        """The open block is a tool call whose arguments are incomplete: others must wait."""
        return self._open is not None and self._open.kind == "tool_use" and not self._open.complete


def _size(item: Json) -> int:
    """What a queued piece holds, in characters of its text (at least 1, so that many empty
    pieces count too)."""
    return 1 + sum(len(v) for v in item.values() if isinstance(v, str))
