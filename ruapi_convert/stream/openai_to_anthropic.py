"""
ruapi_convert.stream.openai_to_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Chat Completions chunks -> Anthropic Messages stream events.

Theory of operation
-------------------

A chunk's delta has independent channels - reasoning, ``content``, ``refusal`` and one per tool
call (``tool_calls[].index``) - that may interleave. The converter reads each channel's pieces
(reasoning through :class:`~ruapi_convert.mapping.reasoning.StreamReasoning`, tool calls by their
``index``) and hands them to the :class:`~._blocks.BlockScheduler`, which turns them into dense,
ordered Anthropic blocks. ``message_start`` goes out with the first chunk, with zero usage
(OpenAI reports usage at the end); ``message_delta`` (stop reason and cumulative usage) is held
until the usage chunk that OpenAI sends *after* ``finish_reason`` arrives, or ``[DONE]``, or
:meth:`close`.

A mid-stream error chunk becomes an ``event: error`` and ends the stream; a source that stops
before ``finish_reason`` makes :meth:`close` return an ``error`` event (never ``message_stop``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Union, cast

from typing_extensions import Unpack

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
from ..mapping.tool_calls import REPLY_FUNCTION_CALL
from ..models import anthropic as ant
from ..models import openai as oai
from ..models._base import WireModel, validate
from ..models.openai._stream import stream_event_wire
from ..options import O2AResponseOptions, check_call
from ._base import State, StreamConverter
from ._blocks import BlockScheduler
from ._fastpath import TEXT_DELTA_KEYS, Raw, is_plain_text_chunk, text_delta_bytes

if TYPE_CHECKING:
    from ..errors import ConversionError
    from ..mapping._ledger import Fate
    from ..options import Options
    from ..sse import ServerSentEvent

__all__ = ["OpenAIToAnthropicStream"]

Json = dict[str, Any]
#: What :meth:`OpenAIToAnthropicStream.feed` returns: Anthropic stream events.
AnthropicStreamItem = Union[
    ant.RawMessageStartEvent,
    ant.RawContentBlockStartEvent,
    ant.RawContentBlockDeltaEvent,
    ant.RawContentBlockStopEvent,
    ant.RawMessageDeltaEvent,
    ant.RawMessageStopEvent,
    ant.ErrorEvent,
]

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


class OpenAIToAnthropicStream(StreamConverter[AnthropicStreamItem]):
    """Translate one Chat Completions chunk stream into Anthropic Messages events.

    Options: ``extensions``, ``strict``, ``unsigned_reasoning`` (reasoning without a signature:
    shown as thinking with an empty signature, or dropped), ``id``, ``invalid_tool_arguments``.
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        id: str | None = None,
        **opts: Unpack[O2AResponseOptions],
    ) -> None:
        super().__init__(options, opts, O2AResponseOptions)
        check_call("id", id, str)
        self._id = id
        self._finish: str | None = None
        self._ext: Json = {}  # delta.anthropic stop fields and Message keys (our reverse direction)
        self._usage: Json | None = None
        self._service_tier: Any = None  # the last one a chunk carried
        self._start_tier: Any = None  # the one message_start was made from
        self._refused = False
        self._lost: set[Fate] = set()
        self._thoughts = StreamReasoning(self._ctx)
        self._blocks = BlockScheduler(self._ctx, self._thoughts)
        self._tool_starts: dict[Any, Json] = {}  # tool-call channel -> its content_block

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
        if not text or choice["index"] != 0:
            return None
        index = self._blocks.open_index(("text",))
        if index is None:
            return None
        self._note_chunk(data)
        return text_delta_bytes(index, text)

    def _message_start(self, chunk: Json) -> Raw:
        self.state = State.OPEN
        usage: Json = {"input_tokens": 0, "output_tokens": 0}
        self._start_tier = chunk.get("service_tier")
        tier = usage_.tier_to_anthropic(chunk.get("service_tier"))
        if tier is not None:
            usage["service_tier"] = tier
        message = message_envelope(chunk, id=self._id)
        message.update(content=[], stop_reason=None, stop_sequence=None, usage=usage)
        attach_openai(message, openai_envelope_ext(chunk), self._ctx)
        return ("message_start", {"type": "message_start", "message": message})

    # -- deltas ---------------------------------------------------------------------------------------

    def _delta(self, delta: Json) -> list[Raw]:
        if delta.keys() <= TEXT_DELTA_KEYS:  # most deltas: text only, nothing else to look at
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
            out += self._blocks.piece(
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
        return self._blocks.piece(
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
                out += self._blocks.whole({"type": "redacted_thinking", "data": piece.data})
            else:
                out += self._blocks.thinking(piece.key, piece.text, piece.signature)
        return out

    def _tool_piece(self, call: Json) -> list[Raw]:
        index = call.get("index")
        if index is None:  # lenient: servers that omit index for a single call, or a new id
            index = self._last_tool_index(call)
        key = ("tool", index)
        start = self._tool_starts.get(key)
        fn = call.get("function") or {}
        out: list[Raw] = []
        if start is None:
            if not call.get("id") or not fn.get("name"):
                raise StreamProtocolError(
                    f"tool call {index} starts without id and name",
                    path="choices[0].delta.tool_calls",
                )
            start = {"type": "tool_use", "id": call["id"], "name": fn["name"], "input": {}}
            self._tool_starts[key] = start
            out = self._blocks.piece(key, "tool_use", start, None)
        fragment = fn.get("arguments") or ""
        if fragment:
            delta = {"type": "input_json_delta", "partial_json": fragment}
            out += self._blocks.piece(key, "tool_use", start, delta)
        return out

    def _last_tool_index(self, call: Json) -> int:
        tools: list[int] = [k[1] for k in self._tool_starts]
        if call.get("id") or not tools:
            return max(tools, default=-1) + 1
        return max(tools)

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
                out += self._blocks.whole(checked)
        for key, value in carried.items():
            if key != "content":
                self._ext[key] = value
        return out

    def _carried_keys(self, entry: Json) -> list[Raw]:
        citations = entry.get("citations") if entry["type"] == "text" else None
        if citations:
            sent = self._blocks.citations(citations)
            if sent:
                return sent
        if len(entry) > 2:
            self._once(CARRIED_CONTENT, "choices[0].delta.anthropic", kind="approximated")
        return []

    # -- the end -----------------------------------------------------------------------------------------

    def _finish_choice(self, finish: str) -> list[Raw]:
        self._finish = finish
        return self._blocks.finish()

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
            out = self._blocks.finish()
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
        # (this converter emits events only: no [DONE], no comments)
        name, body = cast("tuple[str, Json]", item)
        return cast("AnthropicStreamItem", _EVENT_CLASSES[name].trusted(body))


_EVENT_CLASSES: Final[dict[str, type[WireModel]]] = {
    "message_start": ant.RawMessageStartEvent,
    "content_block_start": ant.RawContentBlockStartEvent,
    "content_block_delta": ant.RawContentBlockDeltaEvent,
    "content_block_stop": ant.RawContentBlockStopEvent,
    "message_delta": ant.RawMessageDeltaEvent,
    "message_stop": ant.RawMessageStopEvent,
    "error": ant.ErrorEvent,
}
