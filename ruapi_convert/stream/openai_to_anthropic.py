"""
ruapi_convert.stream.openai_to_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Chat Completions chunks -> Anthropic Messages stream events.

Theory of operation
-------------------

A chunk's delta has independent channels - reasoning, ``content``, ``refusal`` and one per tool
call (``tool_calls[].index``) - that may interleave. The converter reads each channel's pieces
(reasoning through :class:`~ruapi_convert.mapping.reasoning_stream.StreamReasoning`, tool calls by their
``index``) and hands them to the :class:`~._blocks.BlockScheduler`, which turns them into dense,
ordered Anthropic blocks. ``message_start`` goes out with the first chunk, with that chunk's usage
when it has one (vLLM and SGLang send usage on every chunk) and zeros otherwise (OpenAI reports
usage at the end); ``message_delta`` (stop reason and cumulative usage) is held until a chunk
*after* the one with ``finish_reason`` (OpenAI's usage chunk), ``[DONE]``, or :meth:`close`.

A tool call's block starts only when its name is complete: servers may split the name over
chunks (the OpenAI SDK joins the pieces), and a ``tool_use`` block cannot be renamed. So a call is
held until its first argument bytes, another tool call, or the finish; a call without an id gets
a deterministic one (reported), and a new id at an index already in use starts a new block.

A mid-stream error chunk becomes an ``event: error`` and ends the stream; a source that stops
before ``finish_reason`` makes :meth:`close` return an ``error`` event (never ``message_stop``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Union, cast

from typing_extensions import Unpack

from .._quote import quote
from ..errors import StreamProtocolError
from ..gateway.errors import stream_error_to_anthropic, truncated_anthropic_error
from ..mapping import usage as usage_
from ..mapping.dialects import dialect_of, for_side
from ..mapping.envelope import message_envelope, several_choices
from ..mapping.extensions import (
    ANNOTATIONS,
    AUDIO,
    CARRIED_CONTENT,
    LOGPROBS,
    attach_openai,
    openai_envelope_ext,
)
from ..mapping.reasoning import OPENAI_REASONING_KEYS
from ..mapping.reasoning_forms import ThinkTags, call_signature, lift_delta, signature_block
from ..mapping.reasoning_stream import Redacted, StreamReasoning
from ..mapping.stop import after_finish, missing_finish, stop_fields
from ..mapping.tool_calls import (
    REPLY_CALL_ID,
    REPLY_CALL_NAME,
    REPLY_FUNCTION_CALL,
    missing_call_id,
)
from ..models import anthropic as ant
from ..models import openai as oai
from ..models._base import WireModel, validate
from ..models.openai._stream import stream_event_wire
from ..options import O2AStreamOptions, check_call
from ._base import State, StreamConverter, check_buffer
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


@dataclass(slots=True)
class _ToolCall:
    """One tool call of the stream, from its first fragment to its block."""

    key: tuple[str, int]  # its channel in the scheduler: one per call, even at a reused index
    index: Any  # its tool_calls[].index
    id: str  # "" until the server sends one
    name: list[str] = field(default_factory=list)  # the name's pieces, until the block starts
    name_size: int = 0
    started: bool = False
    start: Json = field(default_factory=dict)  # the content_block it started with
    signature: str | None = None  # Gemini's thought signature, sent in a block before it


_CALLS: Final = "choices[0].delta.tool_calls"
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
        **opts: Unpack[O2AStreamOptions],
    ) -> None:
        super().__init__(options, opts, O2AStreamOptions)
        self._ctx.dialect = for_side(self._ctx.options.dialect, "openai", type(self).__name__)
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
        self._tools: dict[Any, _ToolCall] = {}  # tool_calls[].index -> the call there now
        self._held: _ToolCall | None = None  # a call whose block waits for its whole name
        self._calls = 0  # tool calls seen: each gets its own channel
        self._completion_id: Any = None  # the seed of the ids made for calls without one
        # <think> tags in the content, for dialects whose servers send them (MiniMax)
        self._tags = ThinkTags() if dialect_of(self._ctx).think_tags else None

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        if parsed and is_plain_text_chunk(data):
            # the hottest event needs no pydantic round (a caller's dict was screened for values
            # JSON cannot carry before it got here)
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
        if self._finish is not None:
            # Only usage may follow the chunk with finish_reason: OpenAI's usage chunk (no
            # choices) ends the message. The finish chunk's own usage does not, as servers with
            # continuous usage stats (vLLM, SGLang) put usage on every chunk and still send the
            # usage chunk after it.
            after_finish(data, self._finish, self._ctx)
            return out + self._message_end() if data.get("usage") is not None else out
        for choice in data["choices"]:
            if choice["index"] != 0:
                raise several_choices()
            if choice.get("logprobs") is not None:
                # The non-stream reply keeps them in message.openai, which went out with message_start.
                self._once(LOGPROBS, "choices[0].logprobs", kind="dropped")
            out += self._delta(choice.get("delta") or {})
            if choice.get("finish_reason") is not None:
                out += self._finish_choice(choice["finish_reason"])
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
        if not is_plain_text_chunk(data) or self._finish is not None or self._held is not None:
            return None
        if self._tags is not None and not self._tags.passing:
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
        self._completion_id = chunk.get("id")
        self._start_tier = chunk.get("service_tier")
        # Usage on the first chunk (vLLM/SGLang continuous usage stats) goes in: clients such as
        # Claude Code read the context size from message_start.
        usage: Json = (
            usage_.openai_start_usage(chunk["usage"])
            if chunk.get("usage") is not None
            else {"input_tokens": 0, "output_tokens": 0}
        )
        tier = usage_.tier_to_anthropic(chunk.get("service_tier"))
        if tier is not None:
            usage["service_tier"] = tier
        message = message_envelope(chunk, id=self._id)
        message.update(content=[], stop_reason=None, stop_sequence=None, usage=usage)
        attach_openai(message, openai_envelope_ext(chunk), self._ctx)
        return ("message_start", {"type": "message_start", "message": message})

    # -- deltas ---------------------------------------------------------------------------------------

    def _delta(self, delta: Json) -> list[Raw]:
        content = delta.get("content")
        if isinstance(content, list) or (
            self._tags is not None and isinstance(content, str) and not self._tags.passing
        ):
            delta = self._lift(delta, content)
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
            out += self._release_held()
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

    def _lift(self, delta: Json, content: Any) -> Json:
        """Reasoning in the content (Mistral's thinking chunks; <think> tags for dialects that
        use them) moved to reasoning_content, as the reply conversion does."""
        if isinstance(content, list):
            return lift_delta(delta, self._ctx)
        assert self._tags is not None
        thought, text = self._tags.feed(content)
        lifted = {**delta, "content": text or None}
        if thought:
            lifted["reasoning_content"] = (delta.get("reasoning_content") or "") + thought
        return lifted

    def _text(self, text: str) -> list[Raw]:
        return self._release_held() + self._blocks.piece(
            ("text",), "text", {"type": "text", "text": ""}, {"type": "text_delta", "text": text}
        )

    def _release_held(self) -> list[Raw]:
        """Another channel speaks: a held tool call's name is complete, and its block goes first
        (blocks follow the order in which their channels first spoke)."""
        return self._release(self._held) if self._held is not None else []

    def _once(self, row: Fate, path: str, *, kind: Any = None) -> None:
        if row not in self._lost:
            self._lost.add(row)
            self._ctx.lose(row, path, kind=kind)

    def _reasoning(self, delta: Json) -> list[Raw]:
        pieces = self._thoughts.pieces(delta)
        out: list[Raw] = self._release_held() if pieces else []
        for piece in pieces:
            if isinstance(piece, Redacted):
                out += self._blocks.whole({"type": "redacted_thinking", "data": piece.data})
            else:
                out += self._blocks.thinking(piece.key, piece.text, piece.signature)
        return out

    def _tool_piece(self, call: Json) -> list[Raw]:
        index = call.get("index")
        if index is None:  # lenient: servers that omit index for a single call, or a new id
            index = self._last_tool_index(call)
        signature, call = call_signature(call)
        fn = call.get("function") or {}
        out: list[Raw] = []
        tool = self._tool_at(index, call.get("id") or "")
        if signature is not None and not tool.started:
            tool.signature = signature
        if self._held is not None and self._held is not tool:
            out += self._release(self._held)  # another tool call: the held name is complete
        name = fn.get("name")
        if name:
            if tool.started:
                # The block has started under the name so far; it cannot be renamed.
                self._ctx.lose(
                    REPLY_CALL_NAME,
                    _CALLS,
                    kind="dropped",
                    detail=f"a piece of tool call {index}'s name came after its arguments: {quote(name)} was not sent",
                )
            else:
                tool.name.append(name)
                tool.name_size += len(name)
                check_buffer(self._ctx, tool.name_size, "a tool name", _CALLS)
        fragment = fn.get("arguments") or ""
        if not tool.started:
            if not fragment.strip():
                self._held = tool  # wait: more of the name may come
                return out
            out += self._release(tool)  # argument bytes: the name is complete
        if fragment:
            delta = {"type": "input_json_delta", "partial_json": fragment}
            out += self._blocks.piece(tool.key, "tool_use", tool.start, delta)
        return out

    def _tool_at(self, index: Any, call_id: str) -> _ToolCall:
        """The call a fragment at ``index`` belongs to: the one there, or a new one."""
        tool = self._tools.get(index)
        if tool is not None and call_id and tool.id and call_id != tool.id:
            # A new id where another call is: the OpenAI SDK would merge the two (the second
            # call's arguments appended to the first), running a tool with another's arguments.
            # It is a call of its own, so it gets a block of its own.
            self._ctx.lose(
                REPLY_CALL_ID,
                _CALLS,
                kind="approximated",
                detail=f"tool call index {index} was reused by a new call ({quote(call_id)} after {quote(tool.id)}); it was sent as a tool_use block of its own",
            )
            tool = None
        if tool is None:
            self._calls += 1
            tool = self._tools[index] = _ToolCall(("tool", self._calls), index, call_id)
        elif call_id and not tool.id:
            if tool.started:
                self._ctx.lose(
                    REPLY_CALL_ID,
                    _CALLS,
                    kind="dropped",
                    detail=f"tool call {index}'s id {quote(call_id)} came after its block had started with {quote(tool.start['id'])}",
                )
            else:
                tool.id = call_id
        return tool

    def _release(self, tool: _ToolCall) -> list[Raw]:
        """Start the block of a held call: its name is complete."""
        if self._held is tool:
            self._held = None
        name = "".join(tool.name)
        if not name:
            raise StreamProtocolError(f"tool call {tool.index} has no function name", path=_CALLS)
        tool_id = tool.id or missing_call_id(
            self._completion_id, tool.index, name, f"{_CALLS}[{tool.index}].id", self._ctx
        )
        tool.name, tool.started = [], True
        tool.start = {"type": "tool_use", "id": tool_id, "name": name, "input": {}}
        out: list[Raw] = []
        if tool.signature is not None:  # as the reply's block before the call (reasoning_forms)
            block = signature_block(tool.signature)
            out += self._blocks.thinking(("signature", tool.key), "", block["signature"])
        return out + self._blocks.piece(tool.key, "tool_use", tool.start, None)

    def _last_tool_index(self, call: Json) -> int:
        indices = [i for i in self._tools if isinstance(i, int) and i >= 0]
        if call.get("id") or not indices:
            return max(indices, default=-1) + 1
        return max(indices)

    # -- carried Anthropic data ----------------------------------------------------------------------------

    def _carried(self, carried: Json) -> list[Raw]:
        out: list[Raw] = self._release_held() if carried.get("content") else []
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
        out: list[Raw] = []
        tags, self._tags = self._tags, None  # (the content is over: nothing more to split)
        if tags is not None:
            thought, text = tags.close()
            if thought or text:
                out += self._delta({"reasoning_content": thought or None, "content": text or None})
        self._finish = finish
        out += self._release(self._held) if self._held is not None else []
        return out + self._blocks.finish()

    def _message_end(self) -> list[Raw]:
        self.state = State.FINISHED
        self._thoughts.finish()
        stop = stop_fields(
            self._finish,
            self._ext,
            self._refused,
            self._ctx,
            "choices[0]",
            tool_calls=any(tool.started for tool in self._tools.values()),
        )
        if self._service_tier is not None and self._service_tier != self._start_tier:
            usage_.late_tier(self._service_tier, self._ctx)
        usage, only = usage_.openai_to_anthropic_usage(self._usage, self._ctx, "usage")
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
        if only:
            # The reply keeps OpenAI-only token counts in message.openai.usage; message_start,
            # which carries the openai object, went out before they were known, so they travel
            # on message_delta, the event that has the usage (openai_to_anthropic_usage has
            # reported them when extensions are off).
            event["openai"] = {"usage": only}
        return [("message_delta", event), ("message_stop", {"type": "message_stop"})]

    def _done(self) -> list[Raw]:
        if self.state is State.START:
            raise StreamProtocolError("[DONE] before any chunk", path="data")
        if self._finish is None:
            return self._finish_choice(missing_finish(self._ctx, "choices[0].finish_reason")) + (
                self._message_end()
            )
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
