"""
ruapi_convert.stream.openai_to_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Chat Completions chunks -> Anthropic Messages stream events.

Theory of operation
-------------------

A chunk's delta has independent channels - reasoning, ``content``, ``refusal`` and one per tool
call (``tool_calls[].index``) - that may interleave, even several tool calls in one chunk. Anthropic
streams one block after another: every block is started, receives deltas of its own type, and is
stopped, with indices dense from 0, and clients (the SDK, Claude Code) index blocks by position.
So the converter keeps exactly one block open, the one of the channel that is speaking:

* a piece for the open block's channel is forwarded at once;
* a piece for another channel closes the open block and opens the next one - unless the open
  block is a tool call whose arguments are not yet a complete JSON object. A tool call cannot be
  closed early (a later fragment could not be sent any more), so while its arguments are
  incomplete the other channels' pieces wait in a queue, in order of first appearance, and are
  sent as whole blocks when the arguments complete or the choice finishes. Only in-flight
  arguments and pieces that arrive during such an interleaving are buffered.

Argument fragments are forwarded only while their concatenation is still a prefix of a JSON
object: the Anthropic SDK re-parses the buffer after every ``input_json_delta`` and raises on
anything else. ``message_start`` goes out with the first chunk, with zero usage (OpenAI reports
usage at the end); ``message_delta`` (stop reason and cumulative usage) is held until the usage
chunk that OpenAI sends *after* ``finish_reason`` arrives, or ``[DONE]``, or :meth:`close`.

A mid-stream error chunk becomes an ``event: error`` and ends the stream; a source that stops
before ``finish_reason`` makes :meth:`close` return an ``error`` event (never ``message_stop``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeGuard

import pydantic_core

from .. import _json
from ..errors import StreamProtocolError
from ..gateway.errors import stream_error_to_anthropic, truncated_anthropic_error
from ..mapping import usage as usage_
from ..mapping.envelope import message_envelope, several_choices
from ..mapping.extensions import (
    ANNOTATIONS,
    AUDIO,
    CARRIED_CONTENT,
    LOGPROBS,
    attach_openai,
    openai_envelope_ext,
)
from ..mapping.reasoning import OPENAI_REASONING_KEYS, Redacted, StreamReasoning
from ..mapping.stop import missing_finish, stop_fields
from ..mapping.tool_calls import REPLY_ARGUMENTS, REPLY_FUNCTION_CALL
from ..models import anthropic as ant
from ..models import openai as oai
from ..models._base import validate
from ..models.openai._stream import stream_event_wire
from ..sse import Comment, ServerSentEvent
from ._base import Raw, State, StreamConverter

if TYPE_CHECKING:
    from ..errors import ConversionError
    from ..mapping._ledger import Fate
    from ..options import Options

__all__ = ["OpenAIToAnthropicStream"]

Json = dict[str, Any]
AnthropicStreamItem = Any  # an Anthropic stream event model, or an sse.Comment

_DELTA_KEYS: Final = frozenset(
    {
        "role",
        "content",
        "refusal",
        "tool_calls",
        "function_call",
        "audio",
        "anthropic",
        "annotations",
        *OPENAI_REASONING_KEYS,
    }
)

#: A delta with only these keys carries text and nothing else (no reasoning, tools or extensions).
_TEXT_DELTA_KEYS: Final = frozenset({"role", "content"})


@dataclass
class _Channel:
    """One logical Anthropic block being assembled from OpenAI delta pieces."""

    kind: str  # text | refusal | thinking | redacted_thinking | tool_use
    start: Json  # the content_block of its content_block_start
    pieces: list[Json] = field(default_factory=list)  # queued deltas while it waits
    index: int = -1  # its Anthropic block index once started
    args: str = ""  # tool arguments received so far
    broken: bool = False  # arguments stopped being a JSON prefix
    signature: str = ""  # thinking signature, sent at the stop
    closed: bool = False


# The shortcut below checks each of these keys itself, so a chunk with any other key (a field
# newer than this code, moderation, ...) takes the full validation: the key sets are built from
# the checks rather than from the model, whose fields may outgrow them.
_CHUNK_STRINGS: Final = ("id", "object", "model")
_CHUNK_OPTIONAL_STRINGS: Final = ("service_tier", "system_fingerprint", "obfuscation")
_CHUNK_KEYS: Final = frozenset(
    {*_CHUNK_STRINGS, *_CHUNK_OPTIONAL_STRINGS, "created", "choices", "usage"}
)
_CHOICE_KEYS: Final = frozenset({"index", "delta", "finish_reason", "logprobs"})


def is_plain_text_chunk(data: Any) -> TypeGuard[Json]:
    """True for the commonest chunk, as OpenAI sends it mid-stream: one choice whose delta holds
    only ``content`` (and maybe ``role``), no finish_reason, logprobs or usage yet, and no keys
    beyond the declared ones. Such a dict is valid as it stands (a property test checks that the
    model accepts every dict this accepts, unchanged), so the converter can skip validating it."""
    if (
        type(data) is not dict
        or not data.keys() <= _CHUNK_KEYS
        or type(data.get("created")) is not int
    ):
        return False
    for key in _CHUNK_STRINGS:
        if type(data.get(key)) is not str:
            return False
    for key in _CHUNK_OPTIONAL_STRINGS:
        value = data.get(key)
        if value is not None and type(value) is not str:
            return False
    choices = data.get("choices")
    if type(choices) is not list or len(choices) != 1 or data.get("usage") is not None:
        return False
    choice = choices[0]
    if (
        type(choice) is not dict
        or not choice.keys() <= _CHOICE_KEYS
        or type(choice.get("index")) is not int
        or choice.get("finish_reason") is not None
        or choice.get("logprobs") is not None
    ):
        return False
    delta = choice.get("delta")
    if type(delta) is not dict or not delta.keys() <= _TEXT_DELTA_KEYS:
        return False
    content, role = delta.get("content"), delta.get("role")
    return (content is None or type(content) is str) and (role is None or type(role) is str)


#: A text_delta event as SSE bytes: head, block index, middle, the JSON string, ``}}`` and the
#: blank line (what _send's content_block_delta for a text piece encodes to).
_TEXT_EVENT_HEAD: Final = (
    b'event: content_block_delta\ndata: {"type":"content_block_delta","index":'
)
_TEXT_EVENT_MIDDLE: Final = b',"delta":{"type":"text_delta","text":'


class OpenAIToAnthropicStream(StreamConverter[AnthropicStreamItem]):
    """Translate one Chat Completions chunk stream into Anthropic Messages events.

    Options: ``extensions``, ``strict``, ``unsigned_reasoning`` (reasoning without a signature:
    shown as thinking with an empty signature, or dropped), ``id``, ``invalid_tool_arguments``.
    """

    def __init__(self, options: Options | None = None, **opts: Any) -> None:
        super().__init__(options, **opts)
        self._next = 0  # next Anthropic block index
        self._open: _Channel | None = None
        self._waiting: list[_Channel] = []
        self._channels: dict[Any, _Channel] = {}
        self._finish: str | None = None
        self._ext: Json = {}  # delta.anthropic stop fields and Message keys (our reverse direction)
        self._usage: Json | None = None
        self._service_tier: Any = None  # the last one a chunk carried
        self._start_tier: Any = None  # the one message_start was made from
        self._refused = False
        self._lost: set[Fate] = set()
        self._thoughts = StreamReasoning(self._ctx)

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        if parsed and is_plain_text_chunk(data):
            # the hottest event needs no pydantic round (a caller's dict still gets the screen
            # for values JSON cannot carry, so it takes the full path)
            return data
        return stream_event_wire(data) if parsed else oai.parse_stream_event(data).wire()

    def _special(self, event: ServerSentEvent) -> list[Raw] | None:
        if event.is_done:
            return self._done()
        return [] if not event.data else None

    def _feed_raw(self, data: Json) -> list[Raw]:
        if "error" in data and "choices" not in data:
            self.state = State.FAILED
            return [("error", stream_error_to_anthropic(data, self._ctx).to_dict())]
        out: list[Raw] = []
        if self.state is State.START:
            out.append(self._message_start(data))
        self._note_chunk(data)
        for choice in data["choices"]:
            if choice["index"] != 0:
                raise several_choices()
            if self._finish is not None:
                continue  # nothing may follow finish_reason but the usage chunk
            if choice.get("logprobs") is not None:
                # The non-stream reply keeps them in message.openai, which went out with message_start.
                self._once(LOGPROBS, "choices[0].logprobs", kind="dropped")
            out += self._delta(choice.get("delta") or {})
            if choice.get("finish_reason") is not None:
                out += self._finish_choice(choice["finish_reason"])
        if self._finish is not None and data.get("usage") is not None:
            out += self._message_end()
        return out

    def _note_chunk(self, data: Json) -> None:
        """What every chunk may update: the usage (on the last one) and the service tier."""
        if data.get("usage") is not None:
            self._usage = data["usage"]
        if data.get("service_tier") is not None:
            self._service_tier = data["service_tier"]

    def _shortcut(self, data: Any) -> bytes | None:
        """Text while the text block is the open one: its ``content_block_delta`` bytes straight
        from a template (see :meth:`StreamConverter._shortcut`)."""
        if not is_plain_text_chunk(data) or self._finish is not None:
            return None
        choice = data["choices"][0]
        text = choice["delta"].get("content")
        channel = self._open
        if (
            not text
            or choice["index"] != 0
            or channel is None
            or channel is not self._channels.get(("text",))
            or channel.closed
        ):
            return None
        self._note_chunk(data)
        return b"%s%d%s%s}}\n\n" % (
            _TEXT_EVENT_HEAD,
            channel.index,
            _TEXT_EVENT_MIDDLE,
            _json.dumps(text),
        )

    def _message_start(self, chunk: Json) -> Raw:
        self.state = State.OPEN
        usage: Json = {"input_tokens": 0, "output_tokens": 0}
        self._start_tier = chunk.get("service_tier")
        tier = usage_.tier_to_anthropic(chunk.get("service_tier"))
        if tier is not None:
            usage["service_tier"] = tier
        message = message_envelope(chunk, self._ctx)
        message.update(content=[], stop_reason=None, stop_sequence=None, usage=usage)
        attach_openai(message, openai_envelope_ext(chunk), self._ctx)
        return ("message_start", {"type": "message_start", "message": message})

    # -- deltas ---------------------------------------------------------------------------------------

    def _delta(self, delta: Json) -> list[Raw]:
        if delta.keys() <= _TEXT_DELTA_KEYS:  # most deltas: text only, nothing else to look at
            return self._text(delta["content"]) if delta.get("content") else []
        self._ctx.unknown(delta, _DELTA_KEYS, "choices[0].delta")
        out: list[Raw] = []
        out += self._reasoning(delta)
        carried = delta.get("anthropic")
        if isinstance(carried, dict):
            out += self._carried(carried)
        if delta.get("content"):
            out += self._text(delta["content"])
        if delta.get("refusal"):
            self._refused = True
            out += self._piece(
                ("refusal",),
                "refusal",
                {"type": "text", "text": ""},
                {"type": "text_delta", "text": delta["refusal"]},
            )
        for call in delta.get("tool_calls") or ():
            out += self._tool_piece(call)
        if delta.get("function_call") is not None:
            fc = delta["function_call"]
            out += self._tool_piece({"index": -1, "id": "call_function_call", "function": fc})
            self._once(REPLY_FUNCTION_CALL, "choices[0].delta.function_call")
        if delta.get("audio") is not None:
            self._once(AUDIO, "choices[0].delta.audio", kind="dropped")
        if delta.get("annotations"):
            self._once(ANNOTATIONS, "choices[0].delta.annotations", kind="dropped")
        return out

    def _text(self, text: str) -> list[Raw]:
        return self._piece(
            ("text",), "text", {"type": "text", "text": ""}, {"type": "text_delta", "text": text}
        )

    def _once(self, row: Fate, path: str, *, kind: Any = None) -> None:
        if row not in self._lost:
            self._lost.add(row)
            self._ctx.lose(row, path, kind=kind)

    def _reasoning(self, delta: Json) -> list[Raw]:
        out: list[Raw] = []
        for piece in self._thoughts.pieces(delta):
            if isinstance(piece, Redacted):
                out += self._whole({"type": "redacted_thinking", "data": piece.data})
            else:
                out += self._thinking_piece(
                    piece.key, piece.text, piece.signature, signed=piece.signed
                )
        return out

    def _thinking_piece(
        self, key: tuple[Any, ...], text: str, signature: str, *, signed: bool
    ) -> list[Raw]:
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
        if not text:
            # A signed block with no text (Anthropic's display "omitted") must still become a
            # block, or its signature would vanish without a loss; this starts it (or keeps it
            # queued) and the signature goes out at its stop.
            return self._piece(key, "thinking", channel.start, None) if signature else []
        return self._piece(
            key, "thinking", channel.start, {"type": "thinking_delta", "thinking": text}
        )

    def _tool_piece(self, call: Json) -> list[Raw]:
        index = call.get("index")
        if index is None:  # lenient: servers that omit index for a single call, or a new id
            index = self._last_tool_index(call)
        key = ("tool", index)
        channel = self._channels.get(key)
        fn = call.get("function") or {}
        if channel is None:
            if not call.get("id") or not fn.get("name"):
                raise StreamProtocolError(
                    f"tool call {index} starts without id and name",
                    path="choices[0].delta.tool_calls",
                )
            start = {"type": "tool_use", "id": call["id"], "name": fn["name"], "input": {}}
            channel = _Channel("tool_use", start)
            self._channels[key] = channel
            out = self._piece(key, "tool_use", start, None)
        else:
            out = []
        fragment = fn.get("arguments") or ""
        if fragment:
            out += self._piece(
                key,
                "tool_use",
                channel.start,
                {"type": "input_json_delta", "partial_json": fragment},
            )
        return out

    def _last_tool_index(self, call: Json) -> int:
        tools: list[int] = [k[1] for k in self._channels if k[0] == "tool"]
        if call.get("id") or not tools:
            return max(tools, default=-1) + 1
        return max(tools)

    # -- scheduling (see the module docstring) ----------------------------------------------------------

    def _piece(self, key: Any, kind: str, start: Json, delta: Json | None) -> list[Raw]:
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
                return out
            out += self._start(channel)
        if delta is not None:
            out += self._send(channel, delta)
        if channel.kind == "tool_use" and self._waiting and _complete(channel.args):
            out += self._close_open()
            out += self._flush_waiting()
        return out

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
        return [
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": channel.index,
                    "content_block": channel.start,
                },
            )
        ]

    def _send(self, channel: _Channel, delta: Json) -> list[Raw]:
        if delta["type"] == "input_json_delta":
            if channel.broken:
                return []
            candidate = channel.args + delta["partial_json"]
            if not _json_object_prefix(candidate):
                channel.broken = True
                self._ctx.lose(
                    REPLY_ARGUMENTS,
                    "choices[0].delta.tool_calls",
                    kind="approximated",
                    detail="the streamed arguments stopped being a JSON object; only the valid part was sent",
                )
                return []
            channel.args = candidate
        return [
            (
                "content_block_delta",
                {"type": "content_block_delta", "index": channel.index, "delta": delta},
            )
        ]

    def _close_open(self) -> list[Raw]:
        channel = self._open
        if channel is None:
            return []
        self._open = None
        channel.closed = True
        out: list[Raw] = []
        if channel.kind == "thinking":
            if channel.signature:
                out.append(
                    (
                        "content_block_delta",
                        {
                            "type": "content_block_delta",
                            "index": channel.index,
                            "delta": {"type": "signature_delta", "signature": channel.signature},
                        },
                    )
                )
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
            out += self._start(channel)
            for delta in pieces:
                out += self._send(channel, delta)
            if channel.kind != "tool_use" or _complete(channel.args):
                out += self._close_open()
            else:
                # A queued tool call whose arguments are still incomplete stays open, and the
                # channels after it keep waiting behind it: starting them would abandon the open
                # block (never stopped) and start the tool call a second time at its next
                # fragment.
                self._waiting = waiting[position + 1 :] + self._waiting
                break
        return out

    def _flush_all(self) -> list[Raw]:
        """The end of the choice: close the open block and send every queued one, in order."""
        out = self._close_open()
        while self._waiting:
            out += self._flush_waiting() + self._close_open()
        return out

    def _blocked(self) -> bool:
        """The open block is a tool call whose arguments are incomplete: others must wait."""
        return (
            self._open is not None
            and self._open.kind == "tool_use"
            and not _complete(self._open.args)
        )

    def _whole(self, block: Json) -> list[Raw]:
        """A block that arrives complete (redacted thinking, a carried server-tool block)."""
        channel = _Channel(block["type"], block)
        self._channels[("whole", len(self._channels))] = channel
        return self._piece_whole(channel)

    def _piece_whole(self, channel: _Channel) -> list[Raw]:
        if self._blocked():
            self._waiting.append(channel)
            return []
        out = self._close_open() + self._flush_waiting()
        if self._blocked():  # the flush left a queued tool call open: wait behind it
            self._waiting.append(channel)
            return out
        return out + self._start(channel) + self._close_open()

    # -- carried Anthropic data ----------------------------------------------------------------------------

    def _carried(self, carried: Json) -> list[Raw]:
        out: list[Raw] = []
        for entry in carried.get("content") or ():
            if not isinstance(entry, dict):
                continue
            kind = entry.get("type")
            block = {k: v for k, v in entry.items() if k not in ("index", "block_index")}
            if kind in ("text", "tool_use", "thinking", "redacted_thinking"):
                out += self._carried_keys(block)
            else:
                checked = validate(
                    ant.ContentBlock, block, path="choices[0].delta.anthropic.content"
                )
                out += self._whole(checked)
        for key, value in carried.items():
            if key != "content":
                self._ext[key] = value
        return out

    def _carried_keys(self, entry: Json) -> list[Raw]:
        citations = entry.get("citations") if entry["type"] == "text" else None
        if citations and self._open is not None and self._open.kind == "text":
            return [
                (
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": self._open.index,
                        "delta": {"type": "citations_delta", "citation": c},
                    },
                )
                for c in citations
            ]
        if len(entry) > 2:
            self._once(CARRIED_CONTENT, "choices[0].delta.anthropic", kind="approximated")
        return []

    # -- the end -----------------------------------------------------------------------------------------

    def _finish_choice(self, finish: str) -> list[Raw]:
        self._finish = finish
        return self._flush_all()

    def _message_end(self) -> list[Raw]:
        self.state = State.FINISHED
        self._thoughts.finish()
        stop = stop_fields(self._finish, self._ext, self._refused, self._ctx, "choices[0]")
        if self._service_tier is not None and self._service_tier != self._start_tier:
            usage_.late_tier(self._service_tier, self._ctx)
        usage, late = usage_.openai_to_anthropic_usage(self._usage, self._ctx, "usage")
        # The non-stream conversion keeps OpenAI-only token counts in message.openai.usage; a
        # stream cannot (message_start, the only place for the openai object, is long gone).
        usage_.report_openai_only(late, self._ctx, "usage")
        delta: Json = {
            "stop_reason": stop["stop_reason"],
            "stop_sequence": stop.get("stop_sequence"),
        }
        if stop.get("stop_details") is not None:
            delta["stop_details"] = stop["stop_details"]
        if self._ext.get("container") is not None:
            delta["container"] = self._ext["container"]
        event: Json = {"type": "message_delta", "delta": delta, "usage": usage}
        for key in ("context_management", "input_transformations"):
            if self._ext.get(key) is not None:
                event[key] = self._ext[key]
        return [("message_delta", event), ("message_stop", {"type": "message_stop"})]

    def _done(self) -> list[Raw]:
        if self.state is State.START:
            raise StreamProtocolError("[DONE] before any chunk", path="data")
        if self._finish is None:
            self._finish = missing_finish(self._ctx, "choices[0].finish_reason")
            out = self._flush_all()
            return out + self._message_end()
        return self._message_end()

    def _close_raw(self, _: None) -> list[Raw]:
        if self.state is State.OPEN and self._finish is not None:
            return self._message_end()  # a server that does not send [DONE]
        self.state = State.FAILED
        return [("error", truncated_anthropic_error())]

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        return [("error", {"type": "error", "error": {"type": "api_error", "message": str(exc)}})]

    def _model(self, item: Raw) -> AnthropicStreamItem:
        if isinstance(item, tuple):
            return _EVENT_CLASSES[item[0] or ""].trusted(item[1])
        if isinstance(item, Comment):
            return item
        return item


_EVENT_CLASSES: Final[dict[str, Any]] = {
    "message_start": ant.RawMessageStartEvent,
    "content_block_start": ant.RawContentBlockStartEvent,
    "content_block_delta": ant.RawContentBlockDeltaEvent,
    "content_block_stop": ant.RawContentBlockStopEvent,
    "message_delta": ant.RawMessageDeltaEvent,
    "message_stop": ant.RawMessageStopEvent,
    "error": ant.ErrorEvent,
}


def _complete(args: str) -> bool:
    """True when tool arguments are a whole JSON object (so the tool call is over)."""
    if not args.rstrip().endswith("}"):
        return False
    try:
        return isinstance(pydantic_core.from_json(args), dict)
    except ValueError:
        return False


def _json_object_prefix(text: str) -> bool:
    """True when ``text`` can still grow into a JSON object (what the Anthropic SDK accepts)."""
    if not text.strip():
        return True
    try:
        return isinstance(pydantic_core.from_json(text, allow_partial=True), dict)
    except ValueError:
        return False
