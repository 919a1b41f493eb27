"""
ruapi_convert.stream.openai_to_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Chat Completions chunks -> Responses stream events: a Responses client (Codex) in front of a Chat
upstream.

Theory of operation
-------------------

A chunk's delta has independent channels (reasoning, ``content``, ``refusal``, one per tool call);
a Responses stream has output items, each opened by ``response.output_item.added`` and closed by
``response.output_item.done``. The converter opens an item when its channel first speaks:

* reasoning -> a ``reasoning`` item (one per ``reasoning_details`` id; id-less entries and plain
  ``reasoning_content`` share one): summary entries stream as ``reasoning_summary_*`` events,
  reasoning text as ``reasoning_text`` events of a ``reasoning_text`` part;
* ``content`` / ``refusal`` -> one ``message`` item with an ``output_text`` / ``refusal`` part
  (``content_part.added`` first), text as ``output_text.delta`` (with the chunk's log
  probabilities), annotations as ``output_text.annotation.added``;
* each tool call -> a ``function_call`` item (``custom_tool_call`` for Chat custom calls, and for a
  custom tool the request sent as a function, whose input is sent whole at the end).

Everything is also accumulated as the OpenAI SDK accumulates a Chat message
(:class:`~._chat_accumulator.ChatAccumulator`). At ``finish_reason`` the final items are made from
the accumulated message by the very function the non-stream conversion uses
(:func:`~ruapi_convert.mapping.turns_responses.reply_items`), and every item is closed with its
``.done`` events carrying those final values (Codex takes ``output_item.done`` as authoritative);
final items no channel opened (the empty reasoning item a client asked for with ``include``) are
added and closed there too. ``response.completed`` (or ``response.incomplete``) follows the usage
chunk that Chat sends after ``finish_reason`` (or ``[DONE]``, or :meth:`close`), with the final
output in the non-stream conversion's order and the usage.

Invariants the SDK's accumulator and Codex rely on: ``response.created`` first, then
``response.in_progress``; one response id throughout; ``output_item.added`` before any event of its
item; every item ``.done`` before the end; ``sequence_number`` counting from 0. A source that ends
before ``finish_reason`` ends with ``response.failed`` (after an ``error`` event), never
``response.completed``; an upstream error chunk does the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

from typing_extensions import Unpack

from ..convert.responses_chat_replies import parse_request
from ..errors import StreamProtocolError
from ..gateway.responses_errors import responses_error_for_chunk, truncated_responses_error
from ..mapping._ledger import O2R_RESPONSE
from ..mapping.envelope import item_id, response_envelope, several_choices
from ..mapping.params_responses import ENCRYPTED_REASONING
from ..mapping.reasoning_forms import lift_delta
from ..mapping.replies_responses import reply_items
from ..mapping.stop import O2R_AFTER_FINISH, after_finish, finish_to_status
from ..mapping.tool_calls import synthesized_call_id
from ..mapping.tools_responses import tool_names
from ..mapping.usage_responses import responses_usage
from ..models import openai as oai
from ..models.openai._stream import stream_event_wire
from ..options import O2RResponseOptions, check_call
from ._base import State, StreamConverter
from ._chat_accumulator import ChatAccumulator

if TYPE_CHECKING:
    from ..errors import ConversionError
    from ..mapping._ledger import Fate
    from ..options import Options
    from ..sse import ServerSentEvent
    from ._fastpath import Raw
from ._responses_items import Item, added_form, done_events, event_class, text_logprobs

__all__ = ["OpenAIToResponsesStream"]

Json = dict[str, Any]

_DELTA_KEYS: Final = frozenset(
    {"role", "content", "refusal", "tool_calls", "function_call", "audio", "annotations",
     "reasoning_content", "reasoning", "reasoning_details"}
)  # fmt: skip
_TERMINAL: Final = {"completed": "response.completed", "incomplete": "response.incomplete"}


class OpenAIToResponsesStream(StreamConverter[Any]):
    """Translate one Chat Completions chunk stream into Responses stream events.

    ``request`` is the client's Responses request (echo, ``include``, custom and namespaced tools:
    see :func:`~ruapi_convert.openai_to_responses_response`); ``id`` replaces the derived response
    id. Policies: ``extensions``, ``strict``, ``custom_tools``.
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        id: str | None = None,
        request: Any = None,
        **opts: Unpack[O2RResponseOptions],
    ) -> None:
        super().__init__(options, opts, O2RResponseOptions)
        check_call("id", id, str)
        self._id = id
        self._request = parse_request(request)
        self._include = ENCRYPTED_REASONING in ((self._request or {}).get("include") or ())
        self._names = tool_names(self._request, self._ctx.options.custom_tools)
        self._seq = 0
        self._response: Json = {}
        self._acc = ChatAccumulator()
        self._items: list[Item] = []
        self._message: Item | None = None
        self._reasoning: dict[Any, Item] = {}  # group id (None: id-less) -> item
        self._detail_groups: dict[int, Any] = {}  # reasoning_details index -> group id
        self._calls: dict[int, Item] = {}
        self._finish: str | None = None
        self._final: list[Json] = []
        self._status = "completed"
        self._usage: Json | None = None
        self._tier: Any = None
        self._lost: set[str] = set()
        self._failed_with: tuple[ConversionError, list[Raw]] | None = None

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        return stream_event_wire(data) if parsed else oai.parse_stream_event(data).wire()

    def _special(self, event: ServerSentEvent) -> list[Raw] | None:
        if event.is_done:
            return self._done()
        return [] if not event.data else None

    def _event(self, kind: str, **fields: Any) -> Raw:
        body: Json = {"type": kind, "sequence_number": self._seq, **fields}
        self._seq += 1
        return (kind, body)

    def _feed_raw(self, data: Json) -> list[Raw]:
        if "error" in data and "choices" not in data:
            return self._fail(responses_error_for_chunk(data))
        out: list[Raw] = []
        if self.state is State.START:
            out += self._start(data)
        if data.get("usage") is not None:
            self._usage = data["usage"]
        if data.get("service_tier") is not None:
            self._tier = data["service_tier"]
        if data.get("system_fingerprint") is not None:
            self._once("system_fingerprint", O2R_RESPONSE.row("system_fingerprint"))
        if self._finish is not None:
            # Only usage may follow the chunk with finish_reason; the usage chunk ends the
            # response (the finish chunk's own usage does not: servers with continuous usage
            # stats put usage on every chunk and still send the usage chunk after it).
            after_finish(data, self._finish, self._ctx, O2R_AFTER_FINISH)
            return out + self._end() if data.get("usage") is not None else out
        for choice in data["choices"]:
            if choice["index"] != 0:
                raise several_choices()
            logprobs = choice.get("logprobs")
            out += self._delta(choice.get("delta") or {}, logprobs)
            if isinstance(logprobs, dict):
                self._acc.add_logprobs(logprobs)
            if choice.get("finish_reason") is not None:
                out += self._close_items(choice["finish_reason"])
        return out

    def _start(self, chunk: Json) -> list[Raw]:
        self.state = State.OPEN
        self._response = response_envelope(chunk, self._ctx, id=self._id, request=self._request)
        snapshot = {**self._response, "status": "in_progress", "error": None}
        snapshot.update(incomplete_details=None, output=[])
        return [
            self._event("response.created", response=snapshot),
            self._event("response.in_progress", response=snapshot),
        ]

    # -- deltas -----------------------------------------------------------------------------------------

    def _delta(self, delta: Json, logprobs: Any) -> list[Raw]:
        if not delta.keys() <= _DELTA_KEYS:
            for key in sorted(delta.keys() - _DELTA_KEYS):
                if key not in self._lost:
                    self._lost.add(key)
                    self._ctx.unknown({key: None}, frozenset(), "choices[0].delta")
        if isinstance(delta.get("content"), list):
            # Mistral's chunks: thinking to reasoning, text parts to text, as the reply does
            delta = lift_delta(delta, self._ctx)
        out: list[Raw] = []
        out += self._reasoning_delta(delta)
        if isinstance(delta.get("content"), str):
            out += self._text("text", delta["content"], logprobs)
        if isinstance(delta.get("refusal"), str):
            out += self._text("refusal", delta["refusal"], None)
        for annotation in delta.get("annotations") or ():
            out += self._annotation(annotation)
        for call in delta.get("tool_calls") or ():
            out += self._tool(call)
        if delta.get("function_call") is not None:
            self._acc.function(delta["function_call"])
        if delta.get("audio") is not None:
            self._once("audio", O2R_RESPONSE.row("choices[].message.audio"))
        return out

    def _open(self, kind: str, item_id: str, item: Json) -> tuple[Item, Raw]:
        record = Item(len(self._items), item_id, kind)
        self._items.append(record)
        return record, self._event(
            "response.output_item.added", output_index=record.index, item=item
        )

    def _text(self, key: str, piece: str, logprobs: Any) -> list[Raw]:
        self._acc.text("content" if key == "text" else "refusal", piece)
        if not piece:
            return []  # "" opens nothing: the final item decides whether an empty text exists
        out: list[Raw] = []
        item = self._message_item(out)
        index = item.parts.get((key,))
        if index is None:
            index = item.parts[(key,)] = len(item.parts)
            part: Json = (
                {"type": "output_text", "annotations": [], "text": ""}
                if key == "text"
                else {"type": "refusal", "refusal": ""}
            )
            out.append(self._part_event("response.content_part.added", item, index, part=part))
        if key == "text":
            tokens = text_logprobs(logprobs)
            out.append(
                self._part_event(
                    "response.output_text.delta", item, index, delta=piece, logprobs=tokens
                )
            )
        else:
            out.append(self._part_event("response.refusal.delta", item, index, delta=piece))
        return out

    def _message_item(self, out: list[Raw]) -> Item:
        if self._message is None:
            item_id_ = item_id("msg", self._response["id"])
            added = {
                "id": item_id_,
                "type": "message",
                "status": "in_progress",
                "content": [],
                "role": "assistant",
            }
            self._message, event = self._open("message", item_id_, added)
            out.append(event)
        return self._message

    def _part_event(self, kind: str, item: Item, index: int, **fields: Any) -> Raw:
        return self._event(
            kind, item_id=item.id, output_index=item.index, content_index=index, **fields
        )

    def _annotation(self, annotation: Json) -> list[Raw]:
        self._acc.annotations.append(annotation)
        if annotation.get("type") != "url_citation":
            return []  # reported by the final conversion
        out: list[Raw] = []
        item = self._message_item(out)
        if ("text",) not in item.parts:
            item.parts[("text",)] = len(item.parts)
            out.append(
                self._part_event(
                    "response.content_part.added",
                    item,
                    item.parts[("text",)],
                    part={"type": "output_text", "annotations": [], "text": ""},
                )
            )
        cite = annotation["url_citation"]
        flat = {
            "type": "url_citation",
            **{k: cite[k] for k in ("start_index", "end_index", "title", "url")},
        }
        count = sum(1 for a in self._acc.annotations if a.get("type") == "url_citation") - 1
        out.append(
            self._event(
                "response.output_text.annotation.added",
                item_id=item.id,
                output_index=item.index,
                content_index=item.parts[("text",)],
                annotation_index=count,
                annotation=flat,
            )
        )
        return out

    def _tool(self, call: Json) -> list[Raw]:
        index = call.get("index")
        if not isinstance(index, int):  # lenient: servers that omit index for a single call
            index = max(self._calls, default=-1) + (1 if call.get("id") or not self._calls else 0)
        merged = self._acc.tool_call(index, call)
        if merged["type"] not in ("function", "custom"):
            return []  # reported by the final conversion (an unknown tool call type)
        item = self._calls.get(index)
        if item is None:
            # The item opens with its whole name, which servers may send in pieces: at the first
            # argument bytes (a call whose arguments never come opens with the final items),
            # after the calls before it, so that output indices follow the final order.
            if not _arguments(merged).strip():
                return []
            if not _name(merged):
                raise StreamProtocolError(
                    f"tool call {index} has arguments but no function name",
                    path="choices[0].delta.tool_calls",
                )
            out: list[Raw] = []
            for earlier in sorted(self._acc.tool_calls):
                held = self._acc.tool_calls[earlier]
                if earlier < index and earlier not in self._calls and _name(held):
                    out += self._open_call(earlier, held)
            return out + self._open_call(index, merged)
        kind = merged["type"]
        fragment = (
            (call.get("custom") or {}).get("input")
            if kind == "custom"
            else (call.get("function") or {}).get("arguments")
        )
        return self._call_delta(item, fragment) if fragment and not item.buffered else []

    def _open_call(self, index: int, merged: Json) -> list[Raw]:
        """The item of a Chat tool call, and the arguments it has so far."""
        kind, name = merged["type"], _name(merged)
        position = sum(i < index for i in self._acc.tool_calls)  # its place in the final list
        call_id = merged.get("id") or synthesized_call_id(
            self._response["id"], position, name, "call_"
        )  # (reported by the final conversion, which makes the same id)
        custom = kind == "custom" or name in self._names.custom_functions
        split = self._names.namespaced.get(name)
        added: Json = {
            "id": item_id("ctc" if custom else "fc", self._response["id"], position),
            "type": "custom_tool_call" if custom else "function_call",
            "status": "in_progress",
            "call_id": call_id,
        }
        added.update({"input": ""} if custom else {"arguments": ""})
        if split is not None:
            added["namespace"], added["name"] = split
        else:
            added["name"] = name
        item, event = self._open(added["type"], added["id"], added)
        item.buffered = custom and kind != "custom"
        self._calls[index] = item
        so_far = _arguments(merged)
        if so_far and not item.buffered:
            return [event, *self._call_delta(item, so_far)]
        return [event]

    def _call_delta(self, item: Item, fragment: str) -> list[Raw]:
        delta_kind = (
            "response.custom_tool_call_input.delta"
            if item.kind == "custom_tool_call"
            else "response.function_call_arguments.delta"
        )
        return [self._event(delta_kind, item_id=item.id, output_index=item.index, delta=fragment)]

    def _reasoning_delta(self, delta: Json) -> list[Raw]:
        out: list[Raw] = []
        details = delta.get("reasoning_details")
        if details is not None:
            for fragment in details:
                out += self._detail(fragment if isinstance(fragment, dict) else {})
        elif not self._acc.details:
            for key in ("reasoning_content", "reasoning"):
                text = delta.get(key)
                if isinstance(text, str):
                    self._acc.text(key, text)
                    if text:
                        out += self._reasoning_text(None, ("content", 0), text)
                    break
        else:
            for key in ("reasoning_content", "reasoning"):
                if isinstance(delta.get(key), str):
                    self._acc.text(key, delta[key])
                    break
        return out

    def _detail(self, fragment: Json) -> list[Raw]:
        index = fragment.get("index")
        index = index if isinstance(index, int) else 0
        first = index not in self._acc.details
        entry = self._acc.detail(index, fragment)
        if first:
            self._detail_groups[index] = (
                entry.get("id") if isinstance(entry.get("id"), str) else None
            )
        group = self._detail_groups[index]
        kind = entry.get("type")
        if kind == "reasoning.text":
            text = fragment.get("text")
            if isinstance(text, str):
                position = sum(
                    1
                    for k, e in self._acc.details.items()
                    if k < index
                    and e.get("type") == "reasoning.text"
                    and self._detail_groups.get(k) == group
                )
                return self._reasoning_text(group, ("content", position), text)
        elif kind == "reasoning.summary":
            text = fragment.get("summary")
            if isinstance(text, str):
                position = sum(
                    1
                    for k, e in self._acc.details.items()
                    if k < index
                    and e.get("type") == "reasoning.summary"
                    and self._detail_groups.get(k) == group
                )
                return self._reasoning_text(group, ("summary", position), text)
        elif kind == "reasoning.encrypted":
            out: list[Raw] = []
            self._reasoning_item(group, out)
            return out
        return []

    def _reasoning_item(self, group: Any, out: list[Raw]) -> Item:
        item = self._reasoning.get(group)
        if item is None:
            item_id_ = group if group is not None else item_id("rs", self._response["id"], 0)
            added: Json = {"id": item_id_, "type": "reasoning", "summary": []}
            item, event = self._open("reasoning", item_id_, added)
            self._reasoning[group] = item
            out.append(event)
        return item

    def _reasoning_text(self, group: Any, key: tuple[str, int], text: str) -> list[Raw]:
        out: list[Raw] = []
        item = self._reasoning_item(group, out)
        summary = key[0] == "summary"
        if key not in item.parts:
            item.parts[key] = key[1]
            if summary:
                out.append(
                    self._event(
                        "response.reasoning_summary_part.added",
                        item_id=item.id,
                        output_index=item.index,
                        summary_index=key[1],
                        part={"type": "summary_text", "text": ""},
                    )
                )
            else:
                part = {"type": "reasoning_text", "text": ""}
                out.append(self._part_event("response.content_part.added", item, key[1], part=part))
        if not text:
            return out
        if summary:
            out.append(
                self._event(
                    "response.reasoning_summary_text.delta",
                    item_id=item.id,
                    output_index=item.index,
                    summary_index=key[1],
                    delta=text,
                )
            )
        else:
            out.append(self._part_event("response.reasoning_text.delta", item, key[1], delta=text))
        return out

    def _once(self, key: str, row: Fate) -> None:
        if key not in self._lost:
            self._lost.add(key)
            self._ctx.lose(row, "choices[0].delta" if key == "audio" else key)

    # -- the end ----------------------------------------------------------------------------------------

    def _close_items(self, finish: str) -> list[Raw]:
        self._finish = finish
        status, incomplete = finish_to_status(finish, self._ctx, "choices[0].finish_reason")
        self._status = status
        self._response["status"] = status
        self._response["error"] = None
        self._response["incomplete_details"] = incomplete
        item_status = "incomplete" if status == "incomplete" else "completed"
        self._final = reply_items(
            self._acc.message(),
            self._acc.logprobs,
            self._response["id"],
            item_status,
            include_encrypted=self._include,
            names=self._names,
            ctx=self._ctx,
        )
        by_id = {item["id"]: item for item in self._final}
        out: list[Raw] = []
        for record in list(self._items):
            final = by_id.get(record.id) or self._fallback(record, item_status)
            out += done_events(self._event, record, final)
        for final in self._final:
            if final["id"] not in {r.id for r in self._items}:
                added = added_form(final)
                record, event = self._open(final["type"], final["id"], added)
                out.append(event)
                out += done_events(self._event, record, final)
        return out

    def _fallback(self, record: Item, status: str) -> Json:
        """The done form of an item the final conversion has no twin for (plain reasoning text that
        the reasoning_details of a later chunk superseded): what was streamed."""
        item: Json = {"id": record.id, "type": record.kind, "summary": []}
        text = self._acc.plain or ""
        if text:
            item["content"] = [{"type": "reasoning_text", "text": text}]
        self._final.append(item)
        return item

    def _end(self) -> list[Raw]:
        self.state = State.FINISHED
        response = dict(self._response)
        response["output"] = self._final
        if self._usage is not None:
            response["usage"] = responses_usage(self._usage, self._ctx, "usage")
        if self._tier is not None:
            response["service_tier"] = self._tier
        return [self._event(_TERMINAL.get(self._status, "response.completed"), response=response)]

    def _done(self) -> list[Raw]:
        if self.state is State.START:
            raise StreamProtocolError("[DONE] before any chunk", path="data")
        if self._finish is None:
            return self._fail(truncated_responses_error())
        return self._end()

    def _close_raw(self, _: None) -> list[Raw]:
        if self.state is State.OPEN and self._finish is not None:
            return self._end()  # a server that does not send [DONE]
        return self._fail(truncated_responses_error())

    def _fail(self, error: Json) -> list[Raw]:
        """An ``error`` event, and ``response.failed`` when the response had started."""
        started = bool(self._response)  # response.created went out
        self.state = State.FAILED
        out = [self._event("error", **error)]
        if started:
            response = {**self._response, "status": "failed", "incomplete_details": None}
            response["error"] = {"code": error["code"], "message": error["message"]}
            response["output"] = list(self._final) if self._finish is not None else []
            out.append(self._event("response.failed", response=response))
        return out

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        # Asked twice for one error (the exception's event_hint, then a transcoder's bytes): the
        # same events, so that sequence numbers do not skip.
        if self._failed_with is None or self._failed_with[0] is not exc:
            error = {"code": "server_error", "message": str(exc), "param": None}
            self._failed_with = (exc, self._fail(error))
        return self._failed_with[1]

    def _model(self, item: Raw) -> Any:
        name, body = cast("tuple[str, Json]", item)
        return event_class(name).trusted(body)


def _name(call: Json) -> str:
    """The name of an accumulated Chat tool call so far ("" before it came)."""
    body = call.get("custom" if call["type"] == "custom" else "function") or {}
    return str(body.get("name") or "")


def _arguments(call: Json) -> str:
    """The arguments (a custom call's input) of an accumulated Chat tool call so far."""
    if call["type"] == "custom":
        return str((call.get("custom") or {}).get("input") or "")
    return str((call.get("function") or {}).get("arguments") or "")
