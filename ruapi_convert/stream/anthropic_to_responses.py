"""
ruapi_convert.stream.anthropic_to_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Anthropic Messages stream events -> Responses stream events: a Responses client (Codex) in front
of Claude.

Theory of operation
-------------------

Anthropic streams blocks one at a time (``content_block_start`` / ``_delta`` / ``_stop``); a
Responses stream has output items, each opened by ``response.output_item.added`` and closed by
``response.output_item.done``. The converter opens an item as its first block starts, with the
id the non-stream conversion gives it (derived from the block's index):

* a run of text blocks -> one ``message`` item, one ``output_text`` part per block
  (``content_part.added`` at the block's start, ``output_text.delta`` per ``text_delta``; a web
  search citation becomes ``output_text.annotation.added`` at the block's end, when the length it
  spans is known);
* ``thinking`` -> a ``reasoning`` item whose summary part streams the thinking text
  (``reasoning_summary_part.added`` + ``reasoning_summary_text.delta``); ``redacted_thinking``
  -> a reasoning item with no summary;
* ``tool_use`` -> a ``function_call`` item (its whole name is in ``content_block_start``) whose
  ``input_json_delta`` fragments are ``function_call_arguments.delta``; a call of a custom tool
  of the request -> a ``custom_tool_call`` whose text is sent whole at the end (it sits inside a
  JSON string until then);
* a web search ``server_tool_use`` -> a ``web_search_call`` item (its result block adds the
  sources).

Everything is also accumulated into the Message the stream describes. At ``message_stop`` the
final items are made from it by the very function the non-stream conversion uses
(:func:`~ruapi_convert.mapping.replies_responses_anthropic.reply_items`), every item is closed
with ``.done`` events carrying those final values (Codex takes ``output_item.done`` as
authoritative; a reasoning item's ``encrypted_content``, the signature's carrier, is only known
then), and ``response.completed`` (or ``response.incomplete``) carries the final output and usage.

Invariants the SDK's accumulator and Codex rely on: ``response.created`` then
``response.in_progress`` first; one response id; ``output_item.added`` before any event of its
item; every item ``.done`` before the end; ``sequence_number`` from 0. An upstream ``error`` event
becomes ``error`` + ``response.failed`` with the code Codex retries on; a stream that ends before
``message_stop`` ends the same way, never ``response.completed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

import pydantic_core
from typing_extensions import Unpack

from .. import _json
from ..convert.responses_anthropic_replies import response_start
from ..convert.responses_chat_replies import parse_request
from ..errors import InvalidInputError, StreamProtocolError
from ..gateway.responses_anthropic_errors import responses_error_for_anthropic_event
from ..gateway.responses_errors import truncated_responses_error
from ..mapping._ledger import A2R_RESPONSE
from ..mapping.envelope import item_id
from ..mapping.params_responses import ENCRYPTED_REASONING
from ..mapping.replies_responses_anthropic import reply_items
from ..mapping.stop_responses_anthropic import stop_to_status
from ..mapping.tools_responses import tool_names
from ..mapping.tools_responses_anthropic import WEB_SEARCH_NAME, custom_names
from ..mapping.usage_responses_anthropic import responses_usage
from ..models import anthropic as ant
from ..models.anthropic._stream import stream_event_wire
from ..options import A2RStreamOptions, check_call
from ._base import State, StreamConverter, check_buffer
from ._responses_items import Item, added_form, done_events, event_class

if TYPE_CHECKING:
    from ..errors import ConversionError
    from ..mapping._ledger import Context
    from ..options import Options
    from ._fastpath import Raw

__all__ = ["AnthropicToResponsesStream"]

Json = dict[str, Any]

_TERMINAL: Final = {"completed": "response.completed", "incomplete": "response.incomplete"}
#: Blocks whose deltas are not an input's JSON.
_NOT_INPUT: Final = frozenset({"text", "thinking", "redacted_thinking", "compaction"})
_DELTA_TYPES: Final = frozenset(
    {"text_delta", "input_json_delta", "thinking_delta", "signature_delta", "citations_delta",
     "compaction_delta"}
)  # fmt: skip
_EVENT_KEYS: Final = {
    "message_start": frozenset({"type", "message"}),
    "content_block_start": frozenset({"type", "index", "content_block"}),
    "content_block_delta": frozenset({"type", "index", "delta"}),
    "content_block_stop": frozenset({"type", "index"}),
    "message_delta": frozenset({"type", "delta", "usage", "context_management"}),
    "message_stop": frozenset({"type"}),
}


def _cut_input(text: str, index: int, exc: InvalidInputError, ctx: Context) -> Any:
    """The input of a tool whose streamed JSON stops short - Claude stopped at max_tokens inside
    it - as the Anthropic SDK accumulates it (what parses of the prefix; reported), or a
    StreamProtocolError when the text is not a JSON prefix at all."""
    path = f"content_block_delta[{index}].partial_json"
    try:
        value = pydantic_core.from_json(text, allow_partial=True)
    except ValueError:
        raise StreamProtocolError("a tool's streamed input is not JSON", path=path) from exc
    if not isinstance(value, dict):
        raise StreamProtocolError(
            "a tool's streamed input is not a JSON object", path=path
        ) from exc
    ctx.lose(
        A2R_RESPONSE.row("content[].input"),
        f"content[{index}].input",
        kind="approximated",
        detail="the tool's input JSON was cut short (the reply stopped inside it): its parsed prefix was sent",
    )
    return value


class _Block:
    """One content block being accumulated: its text pieces (joined at its end) and its item."""

    __slots__ = ("block", "item", "part", "pieces", "size")

    def __init__(self, block: Json) -> None:
        self.block = block
        self.pieces: list[str] = []
        self.size = 0
        self.item: Item | None = None
        self.part = -1  # its output_text part / summary part in the item


class AnthropicToResponsesStream(StreamConverter[Any]):
    """Translate one Anthropic Messages event stream into Responses stream events.

    ``request`` is the client's Responses request (echo, ``include``, custom and namespaced tools:
    see :func:`~ruapi_convert.anthropic_to_responses_response`); ``id`` replaces the derived
    response id; ``created`` is ``created_at`` (Anthropic streams carry no timestamp). Policies:
    ``extensions``, ``strict``, ``max_stream_buffer``.
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        id: str | None = None,
        created: int | None = None,
        request: Any = None,
        **opts: Unpack[A2RStreamOptions],
    ) -> None:
        super().__init__(options, opts, A2RStreamOptions)
        check_call("id", id, str)
        check_call("created", created, int)
        self._id = id
        self._created = created
        self._request = parse_request(request)
        self._include = ENCRYPTED_REASONING in ((self._request or {}).get("include") or ())
        self._custom = custom_names(self._request)
        self._names = tool_names(self._request, "custom")
        self._seq = 0
        self._response: Json = {}
        self._message: Json = {}
        self._blocks: dict[int, _Block] = {}
        self._items: list[Item] = []
        self._text_item: Item | None = None  # the message item a text block would join
        self._finished: list[Json] = []
        self._held = 0  # characters held in open blocks
        self._failed_with: tuple[ConversionError, list[Raw]] | None = None

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        return stream_event_wire(data) if parsed else ant.parse_stream_event(data).wire()

    def _event(self, kind: str, **fields: Any) -> Raw:
        body: Json = {"type": kind, "sequence_number": self._seq, **fields}
        self._seq += 1
        return (kind, body)

    def _feed_raw(self, data: Json) -> list[Raw]:
        kind = data.get("type")
        if kind == "ping":
            return []
        if kind == "error":
            return self._fail(responses_error_for_anthropic_event(data))
        keys = _EVENT_KEYS.get(kind)  # type: ignore[arg-type]
        if keys is None:
            self._ctx.lose(
                A2R_RESPONSE.row("content[] (unknown types)"),
                "event",
                kind="unknown",
                detail=f"stream event type {self._ctx.quote(kind)} is unknown; skipped",
            )
            return []
        self._ctx.unknown(data, keys, kind or "event")
        if kind == "message_start":
            if self.state is not State.START:
                raise StreamProtocolError("a second message_start", path="message_start")
            return self._start(data["message"])
        if self.state is State.START:
            raise StreamProtocolError(f"{kind} before message_start", path=kind or "")
        if kind == "content_block_start":
            return self._block_start(data["index"], data["content_block"])
        if kind == "content_block_delta":
            return self._delta(data["index"], data["delta"])
        if kind == "content_block_stop":
            return self._block_stop(data["index"])
        if kind == "message_delta":
            self._message.update(data["delta"])
            if data.get("usage"):
                usage = self._message.setdefault("usage", {})
                usage.update({k: v for k, v in data["usage"].items() if v is not None})
            if data.get("context_management") is not None:
                self._message["context_management"] = data["context_management"]
            return []
        return self._end()

    def _start(self, message: Json) -> list[Raw]:
        self.state = State.OPEN
        self._message = {**message, "content": []}
        self._response = response_start(message, self._request, self._ctx, self._id, self._created)
        snapshot = {**self._response, "status": "in_progress", "error": None}
        snapshot.update(incomplete_details=None, output=[])
        return [
            self._event("response.created", response=snapshot),
            self._event("response.in_progress", response=snapshot),
        ]

    # -- blocks -----------------------------------------------------------------------------------------

    def _block_start(self, index: int, block: Json) -> list[Raw]:
        if index != len(self._message["content"]):
            raise StreamProtocolError(
                f"content block {index} starts out of order", path="content_block_start.index"
            )
        record = _Block(dict(block))
        self._blocks[index] = record
        self._message["content"].append(record.block)
        kind = block.get("type")
        out: list[Raw] = []
        if kind != "text":
            self._text_item = None
        resp = self._response["id"]
        added: Json
        if kind == "text":
            if self._text_item is None:
                added = {"id": item_id("msg", resp, index), "type": "message", "status": "in_progress",
                         "content": [], "role": "assistant"}  # fmt: skip
                self._text_item = self._open("message", added, out)
            item = self._text_item
            record.item, record.part = item, len(item.parts)
            item.parts[("text", record.part)] = record.part
            part = {"type": "output_text", "annotations": [], "text": ""}
            out.append(self._part("response.content_part.added", item, record.part, part=part))
            if block.get("text"):
                out += self._delta(index, {"type": "text_delta", "text": block["text"]}, start=True)
                record.block["text"] = ""
        elif kind in ("thinking", "redacted_thinking"):
            added = {"id": item_id("rs", resp, index), "type": "reasoning", "summary": []}
            record.item = self._open("reasoning", added, out)
            if block.get("thinking"):
                out += self._delta(
                    index, {"type": "thinking_delta", "thinking": block["thinking"]}, start=True
                )
                record.block["thinking"] = ""
        elif kind == "tool_use":
            custom = block["name"] in self._custom
            added = {
                "id": item_id("ctc" if custom else "fc", resp, index),
                "type": "custom_tool_call" if custom else "function_call",
                "status": "in_progress",
                "call_id": block["id"],
            }
            added.update({"input": ""} if custom else {"arguments": ""})
            split = self._names.namespaced.get(block["name"])
            if split is not None:
                added["namespace"], added["name"] = split
            else:
                added["name"] = block["name"]
            record.item = self._open(added["type"], added, out)
            record.item.buffered = custom
            if block.get("input"):  # a whole input in the start event (lenient servers)
                record.pieces.append(_json.dumps(block["input"]).decode())
        elif kind == "server_tool_use" and block.get("name") == WEB_SEARCH_NAME:
            added = {"id": block["id"], "type": "web_search_call", "status": "in_progress"}
            record.item = self._open("web_search_call", added, out)
        return out

    def _open(self, kind: str, added: Json, out: list[Raw]) -> Item:
        item = Item(len(self._items), added["id"], kind)
        self._items.append(item)
        out.append(self._event("response.output_item.added", output_index=item.index, item=added))
        return item

    def _part(self, kind: str, item: Item, index: int, **fields: Any) -> Raw:
        return self._event(
            kind, item_id=item.id, output_index=item.index, content_index=index, **fields
        )

    def _delta(self, index: int, delta: Json, *, start: bool = False) -> list[Raw]:
        record = self._blocks.get(index)
        if record is None:
            raise StreamProtocolError(
                f"a delta for block {index}, which is not open", path="content_block_delta.index"
            )
        kind = delta.get("type")
        block = record.block
        item = record.item
        if kind == "text_delta" and block.get("type") == "text":
            self._hold(record, delta["text"])
            assert item is not None
            return [
                self._part(
                    "response.output_text.delta",
                    item,
                    record.part,
                    delta=delta["text"],
                    logprobs=[],
                )
            ]
        if kind == "thinking_delta" and block.get("type") == "thinking":
            self._hold(record, delta["thinking"])
            assert item is not None
            out: list[Raw] = []
            if record.part < 0 and delta["thinking"]:
                record.part = 0
                item.parts[("summary", 0)] = 0
                out.append(
                    self._event(
                        "response.reasoning_summary_part.added",
                        item_id=item.id,
                        output_index=item.index,
                        summary_index=0,
                        part={"type": "summary_text", "text": ""},
                    )
                )
            if delta["thinking"]:
                out.append(
                    self._event(
                        "response.reasoning_summary_text.delta",
                        item_id=item.id,
                        output_index=item.index,
                        summary_index=0,
                        delta=delta["thinking"],
                    )
                )
            return out
        if kind == "signature_delta" and block.get("type") == "thinking":
            check_buffer(
                self._ctx,
                len(delta["signature"]),
                "a thinking block's signature",
                "content_block_delta",
            )
            block["signature"] = delta["signature"]
            return []
        if kind == "input_json_delta" and block.get("type") not in _NOT_INPUT:
            # tool_use, server_tool_use, mcp_tool_use: the input's JSON, parsed at the stop
            self._hold(record, delta["partial_json"])
            if (
                item is not None
                and block["type"] == "tool_use"
                and not item.buffered
                and delta["partial_json"]
            ):
                return [
                    self._event(
                        "response.function_call_arguments.delta",
                        item_id=item.id,
                        output_index=item.index,
                        delta=delta["partial_json"],
                    )
                ]
            return []
        if kind == "citations_delta" and block.get("type") == "text":
            if block.get("citations") is None:
                block["citations"] = []
            block["citations"].append(delta["citation"])
            return []
        if kind == "compaction_delta" and block.get("type") == "compaction":
            if isinstance(delta.get("content"), str):
                self._hold(record, delta["content"])
            if delta.get("encrypted_content") is not None:
                block["encrypted_content"] = delta["encrypted_content"]
            return []
        if start:
            return []
        if block.get("type") not in ant.CONTENT_BLOCK_TYPES or kind not in _DELTA_TYPES:
            # a block or delta type newer than this library: how it builds its block is unknown
            # (the block itself is reported by the final conversion)
            self._ctx.lose(
                A2R_RESPONSE.row("content[] (unknown types)"),
                f"content[{index}]",
                kind="unknown",
                detail=f"a {self._ctx.quote(kind)} delta of a {self._ctx.quote(block.get('type'))} block is unknown; skipped",
            )
            return []
        raise StreamProtocolError(
            f"a {self._ctx.quote(kind)} delta cannot change a {self._ctx.quote(block.get('type'))} block",
            path="content_block_delta.delta.type",
        )

    def _hold(self, record: _Block, piece: str) -> None:
        record.pieces.append(piece)
        record.size += len(piece)
        self._held += len(piece)
        check_buffer(self._ctx, self._held, "the open blocks' content", "content_block_delta")

    def _block_stop(self, index: int) -> list[Raw]:
        record = self._blocks.pop(index, None)
        if record is None:
            raise StreamProtocolError(
                f"block {index} stops but is not open", path="content_block_stop.index"
            )
        block = record.block
        text = "".join(record.pieces)
        self._held -= record.size
        record.pieces, record.size = [], 0
        kind = block.get("type")
        if kind == "text":
            block["text"] = text
        elif kind == "thinking":
            block["thinking"] = text
        elif kind == "compaction":
            if text:
                block["content"] = (block.get("content") or "") + text
        elif kind not in _NOT_INPUT and (text.strip() or "input" in block):
            try:
                block["input"] = (
                    _json.loads(text, path="partial_json")
                    if text.strip()
                    else block.get("input") or {}
                )
            except InvalidInputError as exc:
                block["input"] = _cut_input(text, index, exc, self._ctx)
        if kind != "text" or not block.get("citations"):
            return []
        item = record.item
        assert item is not None
        return [
            self._event(
                "response.output_text.annotation.added",
                item_id=item.id,
                output_index=item.index,
                content_index=record.part,
                annotation_index=k,
                annotation={
                    "type": "url_citation",
                    "start_index": 0,
                    "end_index": len(text),
                    "title": cite.get("title") or "",
                    "url": cite["url"],
                },
            )
            for k, cite in enumerate(
                c for c in block["citations"] if c.get("type") == "web_search_result_location"
            )
        ]

    # -- the end ----------------------------------------------------------------------------------------

    def _end(self) -> list[Raw]:
        out: list[Raw] = []
        for index in sorted(self._blocks):  # lenient: blocks the server did not stop
            out += self._block_stop(index)
        status, incomplete = stop_to_status(self._message, self._ctx)
        response = self._response
        response["status"] = status
        response["error"] = None
        response["incomplete_details"] = incomplete
        final = reply_items(
            self._message["content"],
            response["id"],
            "incomplete" if status == "incomplete" else "completed",
            include_encrypted=self._include,
            custom=self._custom,
            names=self._names,
            ctx=self._ctx,
        )
        self._finished = final
        by_id = {item["id"]: item for item in final}
        for record in self._items:
            done = by_id.get(record.id)
            if done is None:
                # (cannot happen: items open with the ids the final conversion gives; were it to,
                # the item still closes, as it was added, rather than stay open)
                done = {"id": record.id, "type": record.kind, "status": "completed"}
            out += self._close(record, done)
        opened = {r.id for r in self._items}
        for done in final:
            if done["id"] not in opened:
                record = self._open(done["type"], added_form(done), out)
                out += self._close(record, done)
        usage = self._message.get("usage")
        if usage is not None:
            response["usage"], tool_usage, tier = responses_usage(usage, self._ctx, "usage")
            if tool_usage is not None:
                response["tool_usage"] = tool_usage
            if tier is not None:
                response["service_tier"] = tier
        response["output"] = final
        self.state = State.FINISHED
        out.append(self._event(_TERMINAL.get(status, "response.completed"), response=response))
        return out

    def _close(self, record: Item, final: Json) -> list[Raw]:
        if record.kind != "message":
            if record.kind == "web_search_call":
                return [
                    self._event("response.output_item.done", output_index=record.index, item=final)
                ]
            return done_events(self._event, record, final)
        out: list[Raw] = []
        parts = final.get("content") or []
        for _, position in sorted(record.parts.items(), key=lambda kv: kv[1]):
            part = (
                parts[position]
                if position < len(parts)
                else {"type": "output_text", "annotations": [], "text": ""}
            )
            out.append(
                self._part(
                    "response.output_text.done", record, position, text=part["text"], logprobs=[]
                )
            )
            out.append(self._part("response.content_part.done", record, position, part=part))
        out.append(self._event("response.output_item.done", output_index=record.index, item=final))
        return out

    def _close_raw(self, _: None) -> list[Raw]:
        return self._fail(truncated_responses_error())

    def _fail(self, error: Json) -> list[Raw]:
        """An ``error`` event, and ``response.failed`` when the response had started."""
        started = bool(self._response)
        self.state = State.FAILED
        out = [self._event("error", **error)]
        if started:
            response = {**self._response, "status": "failed", "incomplete_details": None}
            response["error"] = {"code": error["code"], "message": error["message"]}
            response["output"] = []
            out.append(self._event("response.failed", response=response))
        return out

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        # asked twice for one error (event_hint, then a transcoder's bytes): the same events
        if self._failed_with is None or self._failed_with[0] is not exc:
            error = {"code": "server_error", "message": str(exc), "param": None}
            self._failed_with = (exc, self._fail(error))
        return self._failed_with[1]

    def _model(self, item: Raw) -> Any:
        name, body = cast("tuple[str, Json]", item)
        return event_class(name).trusted(body)
