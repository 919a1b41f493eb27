"""
ruapi_convert.stream.responses_to_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Responses stream events -> Anthropic Messages stream events: an Anthropic client (Claude Code) in
front of a Responses model.

Theory of operation
-------------------

``response.created`` becomes ``message_start``. Each output item becomes the blocks the
non-stream conversion makes of it, with dense indices in the order the items come:

* a message item: one ``text`` block per ``output_text`` (or ``refusal``) part, opened by
  ``content_part.added`` (or its first delta) and streamed as ``text_delta``; its annotations
  become ``citations_delta`` events at the part's end, when the text they cite is known;
* a reasoning item: one ``thinking`` block, opened by its first text; summary and reasoning text
  deltas stream as ``thinking_delta`` (a blank line between parts, as the non-stream conversion
  joins them); the ``signature`` - the carrier of the item's id and ``encrypted_content`` - comes
  with ``output_item.done``, which is when the blob is known;
* a function or custom tool call: one ``tool_use`` block, opened by ``output_item.added`` (which
  has the whole name and the call id); its input is sent whole, as one ``input_json_delta``, at
  ``output_item.done``: the Anthropic SDK re-parses the input after every fragment and raises on
  anything that cannot grow into a JSON object, while Responses arguments (and a custom call's
  free text, which sits inside a JSON string) are only final then;
* a web search call: ``server_tool_use`` + ``web_search_tool_result`` at its ``.done``.

At ``output_item.done`` the item's blocks are made by the non-stream functions
(:mod:`ruapi_convert.mapping.replies_responses_anthropic`) and what was streamed is completed to
match them (text a server sent only in its ``.done`` events is sent then). ``response.completed``
/ ``response.incomplete`` closes the message: items only the final response holds are sent, then
``message_delta`` with the stop reason and usage, and ``message_stop``. (The service tier is in
``message_start``, as Anthropic sends it: a tier only the terminal event states is reported.) ``error`` and
``response.failed`` become an Anthropic ``error`` event; a stream that ends before its terminal
event ends with one too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

from typing_extensions import Unpack

from .. import _json
from ..errors import StreamProtocolError
from ..gateway.errors import truncated_anthropic_error
from ..gateway.responses_anthropic_errors import anthropic_error_for_responses_event
from ..mapping._ledger import R2A_RESPONSE, Context
from ..mapping.reasoning import REASONING_SEPARATOR
from ..mapping.reasoning_responses import decode_carrier
from ..mapping.reasoning_responses_anthropic import item_text, item_to_block
from ..mapping.replies_responses_anthropic import (
    anthropic_id,
    output_to_content,
    part_blocks,
    search_blocks,
    tool_use_block,
)
from ..mapping.stop_responses_anthropic import status_to_stop
from ..mapping.usage import RESPONSE_TIER_OPENAI_TO_ANTHROPIC
from ..mapping.usage_responses_anthropic import anthropic_usage
from ..models import anthropic as ant
from ..models.responses._stream import parse_stream_event, stream_event_wire
from ..options import R2AStreamOptions, check_call
from ..sse import ServerSentEvent
from ._base import State, StreamConverter, check_buffer

if TYPE_CHECKING:
    from ..errors import ConversionError
    from ..models._base import WireModel
    from ..options import Options
    from ._fastpath import Raw

__all__ = ["ResponsesToAnthropicStream"]

Json = dict[str, Any]

_TERMINAL: Final = frozenset({"response.completed", "response.incomplete"})
#: Events that say nothing the blocks need (their content comes again in later events).
_QUIET: Final = frozenset(
    {"response.in_progress", "response.queued", "response.output_text.done",
     "response.refusal.done", "response.function_call_arguments.done",
     "response.custom_tool_call_input.done", "response.reasoning_summary_text.done",
     "response.reasoning_summary_part.done", "response.reasoning_text.done",
     "response.web_search_call.in_progress", "response.web_search_call.searching",
     "response.web_search_call.completed", "response.function_call_arguments.delta",
     "response.custom_tool_call_input.delta"}
)  # fmt: skip


class _Open:
    """An output item being streamed: its blocks so far and the text each has sent."""

    __slots__ = ("block", "kind", "parts", "sent", "size", "thinking")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.block: int | None = None  # the open block (a text part's, a thinking block's)
        self.parts: dict[int, tuple[int, list[str]]] = {}  # part index -> (block, text pieces)
        self.thinking: list[str] = []  # the thinking text sent
        self.sent = 0  # summary / content parts that have sent text (for the separators)
        self.size = 0


class ResponsesToAnthropicStream(StreamConverter[Any]):
    """Translate one Responses event stream into Anthropic Messages stream events.

    ``id`` replaces the message id derived from the response's. Policies: ``extensions``,
    ``strict``, ``invalid_tool_arguments``, ``max_stream_buffer``.
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        id: str | None = None,
        **opts: Unpack[R2AStreamOptions],
    ) -> None:
        super().__init__(options, opts, R2AStreamOptions)
        check_call("id", id, str)
        self._id = id
        self._blocks = 0  # blocks started
        self._open: dict[int, _Open] = {}  # output_index -> item
        self._done: set[int] = set()
        self._sent_items = 0  # final output items whose blocks went out
        self._lost: set[str] = set()
        self._held = 0
        self._tier: str | None = None  # the service tier message_start said

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        return stream_event_wire(data) if parsed else parse_stream_event(data).wire()

    def _special(self, event: Any) -> list[Raw] | None:
        return [] if not event.data or event.is_done else None

    def _ignorable(self, event: Any) -> bool:
        """After an ``error`` event OpenAI sends ``response.failed``: the client already has its
        error event."""
        if super()._ignorable(event):
            return True
        kind = (
            event.event
            if isinstance(event, ServerSentEvent)
            else (event.get("type") if isinstance(event, dict) else getattr(event, "type", None))
        )
        return self.state is State.FAILED and kind in ("response.failed", "error")

    def _feed_raw(self, data: Json) -> list[Raw]:
        kind = data.get("type")
        if kind in ("error", "response.failed"):
            self.state = State.FAILED
            return [("error", anthropic_error_for_responses_event(data))]
        if kind == "response.created":
            if self.state is not State.START:
                raise StreamProtocolError("a second response.created", path="type")
            return self._start(data["response"])
        if self.state is State.START:
            raise StreamProtocolError(f"{kind} before response.created", path="type")
        if kind in _TERMINAL:
            return self._end(data["response"])
        if kind in _QUIET:
            return []
        index = data.get("output_index")
        if kind == "response.output_item.added":
            return self._added(data["output_index"], data["item"])
        if kind == "response.output_item.done":
            return self._item_done(data["output_index"], data["item"])
        item = self._open.get(index) if isinstance(index, int) else None
        if item is None:
            if isinstance(kind, str) and kind.startswith("response.") and isinstance(index, int):
                raise StreamProtocolError(
                    f"{kind} for output item {index}, which is not open", path="output_index"
                )
            self._unknown(kind)
            return []
        if kind == "response.content_part.added" and item.kind == "message":
            return self._part_start(item, data["content_index"])
        if kind in ("response.output_text.delta", "response.refusal.delta"):
            return self._text(item, data["content_index"], data["delta"])
        if kind == "response.content_part.done":
            return self._part_done(item, data["content_index"], data["part"])
        if kind in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
            position = data.get("summary_index", data.get("content_index"))
            key = 0 if kind.endswith("summary_text.delta") else 1_000_000
            return self._thinking(item, key + (position or 0), data["delta"])
        if kind in (
            "response.reasoning_summary_part.added",
            "response.output_text.annotation.added",
        ):
            return []  # the text comes with the deltas; annotations with the part's end
        self._unknown(kind)
        return []

    def _unknown(self, kind: Any) -> None:
        key = str(kind)
        if key not in self._lost:
            self._lost.add(key)
            self._ctx.lose(
                R2A_RESPONSE.row("output[] (unknown types)"),
                "event",
                kind="unknown",
                detail=f"stream event type {self._ctx.quote(kind)} has no Anthropic counterpart; skipped",
            )

    def _start(self, response: Json) -> list[Raw]:
        self.state = State.OPEN
        message = {
            "id": self._id or anthropic_id(response["id"]),
            "type": "message",
            "role": "assistant",
            "model": response["model"],
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        }
        # The service tier belongs in message_start (message_delta's usage has no field for it,
        # and the SDK reads it from there only): as response.created says it.
        tier = response.get("service_tier")
        mapped = RESPONSE_TIER_OPENAI_TO_ANTHROPIC.get(tier) if isinstance(tier, str) else None
        if mapped is not None:
            message["usage"]["service_tier"] = self._tier = mapped.value
        return [("message_start", {"type": "message_start", "message": message})]

    # -- blocks -----------------------------------------------------------------------------------------

    def _begin(self, block: Json) -> tuple[int, Raw]:
        index = self._blocks
        self._blocks += 1
        return index, (
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": block},
        )

    def _stop(self, index: int) -> Raw:
        return ("content_block_stop", {"type": "content_block_stop", "index": index})

    def _delta(self, index: int, delta: Json) -> Raw:
        return (
            "content_block_delta",
            {"type": "content_block_delta", "index": index, "delta": delta},
        )

    def _added(self, index: int, item: Json) -> list[Raw]:
        if index in self._open or index in self._done:
            raise StreamProtocolError(f"output item {index} was added twice", path="output_index")
        record = _Open(str(item.get("type")))
        self._open[index] = record
        return []

    def _part_start(self, item: _Open, position: int) -> list[Raw]:
        if position in item.parts:
            return []
        block, event = self._begin({"type": "text", "text": ""})
        item.parts[position] = (block, [])
        return [event]

    def _text(self, item: _Open, position: int, piece: str) -> list[Raw]:
        if item.kind != "message":
            return []
        out = self._part_start(item, position)
        block, pieces = item.parts[position]
        if not piece:
            return out
        pieces.append(piece)
        self._hold(item, piece)
        return [*out, self._delta(block, {"type": "text_delta", "text": piece})]

    def _part_done(self, item: _Open, position: int, part: Json) -> list[Raw]:
        if item.kind != "message" or part.get("type") not in ("output_text", "refusal"):
            return []
        out = self._part_start(item, position)
        block, pieces = item.parts[position]
        if block < 0:
            return out  # already closed
        final = part_blocks(part, f"output[].content[{position}]", Context(self._ctx.options))
        made = final[0] if final else {"type": "text", "text": ""}
        out += self._finish_text(block, "".join(pieces), made["text"], "text_delta", "text")
        for cite in made.get("citations") or ():
            out.append(self._delta(block, {"type": "citations_delta", "citation": cite}))
        out.append(self._stop(block))
        item.parts[position] = (-1, [])
        self._release(item)
        return out

    def _finish_text(self, block: int, sent: str, final: str, kind: str, key: str) -> list[Raw]:
        """The delta that completes ``sent`` into ``final`` (none when it already is)."""
        if final == sent:
            return []
        if final.startswith(sent):
            return [self._delta(block, {"type": kind, key: final[len(sent) :]})]
        self._ctx.lose(
            R2A_RESPONSE.row("output"),
            "output",
            kind="approximated",
            detail="the streamed text differs from the item's final text; the client has the streamed text",
        )
        return []

    def _thinking(self, item: _Open, key: int, piece: str) -> list[Raw]:
        if item.kind != "reasoning" or not piece:
            return []
        out: list[Raw] = []
        if item.block is None:
            item.block, event = self._begin({"type": "thinking", "thinking": "", "signature": ""})
            out.append(event)
        if key != item.sent:
            if item.thinking:
                out.append(
                    self._delta(
                        item.block, {"type": "thinking_delta", "thinking": REASONING_SEPARATOR}
                    )
                )
                item.thinking.append(REASONING_SEPARATOR)
            item.sent = key
        item.thinking.append(piece)
        self._hold(item, piece)
        out.append(self._delta(item.block, {"type": "thinking_delta", "thinking": piece}))
        return out

    def _hold(self, item: _Open, piece: str) -> None:
        item.size += len(piece)
        self._held += len(piece)
        check_buffer(self._ctx, self._held, "the open items' text", "delta")

    def _release(self, item: _Open) -> None:
        self._held -= item.size
        item.size = 0

    def _item_done(self, index: int, final: Json) -> list[Raw]:
        item = self._open.pop(index, None)
        if item is None:
            raise StreamProtocolError(
                f"output item {index} is done but was never added", path="output_index"
            )
        self._done.add(index)
        self._release(item)
        return self._emit(final, item)

    def _emit(self, final: Json, item: _Open | None) -> list[Raw]:
        """The blocks of a finished item (completing what ``item`` streamed of them)."""
        self._sent_items += 1
        kind = final.get("type")
        out: list[Raw] = []
        path = f"output[{self._sent_items - 1}]"
        if kind == "message":
            for position, part in enumerate(final.get("content") or ()):
                if item is not None and position in item.parts:
                    out += self._part_done(item, position, part)
                    continue
                for block in part_blocks(
                    part, f"{path}.content[{position}]", Context(self._ctx.options)
                ):
                    out += self._whole(block)
            for _position, (block_index, _) in sorted((item.parts if item else {}).items()):
                if block_index >= 0:  # a part the final item does not have
                    out.append(self._stop(block_index))
        elif kind == "reasoning":
            if not item_text(final) and decode_carrier(final.get("encrypted_content")) == {}:
                return out  # our empty placeholder item says nothing
            made = item_to_block(final, path, Context(self._ctx.options))
            if item is None or item.block is None:
                return self._whole(made)
            open_block = item.block
            if made["type"] == "thinking":
                out += self._finish_text(
                    open_block,
                    "".join(item.thinking),
                    made["thinking"],
                    "thinking_delta",
                    "thinking",
                )
                out.append(
                    self._delta(
                        open_block, {"type": "signature_delta", "signature": made["signature"]}
                    )
                )
            out.append(self._stop(open_block))
        elif kind in ("function_call", "custom_tool_call"):
            made = tool_use_block(final, path, Context(self._ctx.options))
            index, start = self._begin({**made, "input": {}})
            out.append(start)
            if made["input"]:
                out.append(
                    self._delta(
                        index,
                        {
                            "type": "input_json_delta",
                            "partial_json": _json.dumps(made["input"]).decode(),
                        },
                    )
                )
            out.append(self._stop(index))
        elif kind == "web_search_call":
            for block in search_blocks(final, path, Context(self._ctx.options)):
                out += self._whole(block)
        return out

    def _whole(self, block: Json) -> list[Raw]:
        """A block sent at once: started with its empty form, filled, stopped."""
        kind = block["type"]
        if kind == "text":
            index, start = self._begin({"type": "text", "text": ""})
            out = [start]
            if block["text"]:
                out.append(self._delta(index, {"type": "text_delta", "text": block["text"]}))
            out += [
                self._delta(index, {"type": "citations_delta", "citation": c})
                for c in block.get("citations") or ()
            ]
        elif kind == "thinking":
            index, start = self._begin({"type": "thinking", "thinking": "", "signature": ""})
            out = [start]
            if block["thinking"]:
                out.append(
                    self._delta(index, {"type": "thinking_delta", "thinking": block["thinking"]})
                )
            out.append(
                self._delta(index, {"type": "signature_delta", "signature": block["signature"]})
            )
        elif kind == "server_tool_use":
            index, start = self._begin({**block, "input": {}})
            out = [
                start,
                self._delta(
                    index,
                    {
                        "type": "input_json_delta",
                        "partial_json": _json.dumps(block["input"]).decode(),
                    },
                ),
            ]
        else:  # redacted_thinking, web_search_tool_result: whole in their start
            index, start = self._begin(block)
            out = [start]
        return [*out, self._stop(index)]

    # -- the end ----------------------------------------------------------------------------------------

    def _end(self, response: Json) -> list[Raw]:
        out: list[Raw] = []
        for index in sorted(self._open):  # items the server never closed: their final form
            item = self._open.pop(index)
            output = response.get("output") or []
            final = output[index] if index < len(output) else {"type": item.kind}
            out += self._emit(final, item)
        for final in (response.get("output") or [])[self._sent_items :]:
            out += self._emit(final, None)
        # the final conversion decides the stop reason and usage, and reports what it drops
        _, calls = output_to_content(response.get("output") or [], self._ctx)
        stop = status_to_stop(response, calls, self._ctx)
        usage = anthropic_usage(
            response.get("usage"),
            response.get("tool_usage"),
            response.get("service_tier"),
            self._ctx,
        )
        tier = usage.pop("service_tier", None)
        if tier != self._tier and tier is not None:
            self._ctx.lose(
                R2A_RESPONSE.row("service_tier"),
                "service_tier",
                kind="dropped",
                detail=f"service tier {self._ctx.quote(tier)} came only with the terminal event; an Anthropic stream says it in message_start",
            )
        self.state = State.FINISHED
        delta = {
            "type": "message_delta",
            "delta": {"stop_reason": stop, "stop_sequence": None},
            "usage": usage,
        }
        return [*out, ("message_delta", delta), ("message_stop", {"type": "message_stop"})]

    def _close_raw(self, _: None) -> list[Raw]:
        self.state = State.FAILED
        return [("error", truncated_anthropic_error())]

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        return [("error", {"type": "error", "error": {"type": "api_error", "message": str(exc)}})]

    def _model(self, item: Raw) -> Any:
        name, body = cast("tuple[str, Json]", item)
        return _EVENT_CLASSES[name].trusted(body)


_EVENT_CLASSES: Final[dict[str, type[WireModel]]] = {
    "message_start": ant.RawMessageStartEvent,
    "content_block_start": ant.RawContentBlockStartEvent,
    "content_block_delta": ant.RawContentBlockDeltaEvent,
    "content_block_stop": ant.RawContentBlockStopEvent,
    "message_delta": ant.RawMessageDeltaEvent,
    "message_stop": ant.RawMessageStopEvent,
    "error": ant.ErrorEvent,
}
