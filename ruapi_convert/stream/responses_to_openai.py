"""
ruapi_convert.stream.responses_to_openai
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Responses stream events -> Chat Completions chunks: a Chat client in front of a Responses-only
model.

Theory of operation
-------------------

``response.created`` gives the envelope (id, created, model) and the first chunk (``role``, sent
once). Then each output item feeds one Chat channel, as the non-stream conversion reads it:

* message items -> ``content`` (text of a later message item after a blank line, as
  :func:`~ruapi_convert.mapping.content_responses.reply_text` joins them) and ``refusal``;
  annotations are held and sent with the finish chunk, their offsets moved into the joined text;
* function and custom tool calls -> ``tool_calls`` entries numbered from 0 in the order they
  begin: the first fragment has ``id``, ``type`` and the name, later ones the arguments (or
  custom input);
* reasoning items -> ``reasoning_content`` (summaries and reasoning text) and, with
  ``extensions=True``, ``reasoning_details`` fragments merged by ``index`` (summaries as
  ``reasoning.summary``, ``encrypted_content`` as ``reasoning.encrypted`` with the item's end).

Text that an upstream sends only in a ``.done`` event (no deltas; BerriAI/litellm#25321) is sent
then. ``response.completed`` / ``response.incomplete`` give the finish chunk, the usage chunk (with
``include_usage``) and ``[DONE]``; ``response.failed`` and ``error`` give an error chunk and end the
stream; a source that stops before its end gives the truncation error chunk from :meth:`close`.

Known difference from the non-stream conversion: a reasoning item's ``encrypted_content`` is
passed on as opaque data even when it is one of our carriers (the non-stream conversion restores
the carried fields), and the log probabilities of text deltas have no ``bytes``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast

from typing_extensions import Unpack

from ..errors import StreamProtocolError
from ..gateway.errors import truncated_openai_error
from ..gateway.responses_errors import chat_error_for_event
from ..mapping._ledger import R2O_RESPONSE
from ..mapping.content import TEXT_SEPARATOR
from ..mapping.content_responses import chat_annotations
from ..mapping.envelope import completion_envelope
from ..mapping.reasoning import REASONING_SEPARATOR
from ..mapping.reasoning_responses import R2O_RESPONSE_REASONING, stream_entry
from ..mapping.replies_responses import HOSTED_OUTPUT
from ..mapping.stop import status_to_finish
from ..mapping.tool_calls_responses import call_to_chat
from ..mapping.usage_responses import chat_usage
from ..models import openai as oai
from ..models.responses._stream import parse_stream_event, stream_event_wire
from ..options import R2OResponseOptions, check_call
from ..sse import DONE, Done, ServerSentEvent
from ._base import State, StreamConverter
from ._fastpath import Raw, chunk

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..errors import ConversionError
    from ..options import Options

__all__ = ["ResponsesToOpenAIStream"]

Json = dict[str, Any]
OpenAIStreamItem = oai.ChatCompletionChunk | oai.ErrorResponse | Done

_LIFECYCLE: Final = frozenset({"response.created", "response.in_progress", "response.queued"})
_HOSTED_ROW: Final = HOSTED_OUTPUT


class _Item:
    """What the converter remembers of one output item."""

    __slots__ = ("call", "entries", "id", "kind", "parts", "sent")

    def __init__(self, kind: str, item_id: str | None) -> None:
        self.kind = kind
        self.id = item_id
        self.call = -1  # the Chat tool-call index of a call item
        self.sent = False  # a call item sent argument / input fragments
        #: (part kind, index) -> [text sent so far, the part's start offset in the content]
        self.parts: dict[tuple[str, int], list[Any]] = {}
        #: reasoning: (part kind, index) -> reasoning_details index of its entry
        self.entries: dict[tuple[str, int], int] = {}


class ResponsesToOpenAIStream(StreamConverter[OpenAIStreamItem]):
    """Translate one Responses event stream into Chat Completions chunks.

    Per stream: ``include_usage`` (send the final usage chunk: the client's
    ``stream_options.include_usage``) and ``id``. Policies: ``extensions``, ``strict``.
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        id: str | None = None,
        include_usage: bool = False,
        **opts: Unpack[R2OResponseOptions],
    ) -> None:
        super().__init__(options, opts, R2OResponseOptions)
        check_call("id", id, str)
        check_call("include_usage", include_usage, bool)
        self.include_usage = include_usage
        self._id = id
        self._template: Json = {}
        self._items: dict[int, _Item] = {}
        self._tools = 0
        self._details = 0  # reasoning_details entries sent
        self._length = 0  # characters of content sent
        self._last_text: _Item | None = None  # the message item whose text came last
        self._reasoning_sent = False
        self._annotations: list[Json] = []
        self._phase: Any = None
        self._lost_keys: set[str] = set()
        self._response_id = ""

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        return stream_event_wire(data) if parsed else parse_stream_event(data).wire()

    def _special(self, event: Any) -> list[Raw] | None:
        return [] if not event.data or event.is_done else None

    def _ignorable(self, event: Any) -> bool:
        """After an ``error`` event OpenAI sends ``response.failed``: the client already has its
        error chunk."""
        if super()._ignorable(event):
            return True
        kind = (
            event.event
            if isinstance(event, ServerSentEvent)
            else (event.get("type") if isinstance(event, dict) else getattr(event, "type", None))
        )
        return self.state is State.FAILED and kind in ("response.failed", "error")

    def _chunk(self, delta: Json, finish: str | None = None) -> tuple[str | None, Json]:
        return cast("tuple[str | None, Json]", chunk(self._template, delta, finish))

    def _feed_raw(self, data: Json) -> list[Raw]:
        kind = data["type"]
        if kind == "error":
            self.state = State.FAILED
            return [(None, chat_error_for_event(data))]
        if kind == "response.created" and self.state is State.START:
            return self._created(data["response"])
        if self.state is State.START:
            raise StreamProtocolError(f"{kind} before response.created", path="type")
        if kind in _LIFECYCLE:
            self._same_response(data)
            return []
        if kind == "response.output_item.added":
            return self._added(data)
        if kind in ("response.completed", "response.incomplete"):
            self._same_response(data)
            return self._end(data["response"])
        if kind == "response.failed":
            self._same_response(data)
            self.state = State.FAILED
            return [(None, chat_error_for_event(data))]
        handler = _HANDLERS.get(kind)
        if handler is not None:
            return handler(self, data, self._item(data))
        if kind.startswith("response.") and "." in kind[9:]:
            return []  # progress of hosted tools (their items are reported) and the like
        self._once(
            "event:" + kind,
            kind="unknown",
            detail=f"stream event type {kind!r} is unknown; skipped",
        )
        return []

    def _same_response(self, data: Json) -> None:
        if data["response"]["id"] != self._response_id:
            raise StreamProtocolError("the response id changed mid-stream", path="response.id")

    def _created(self, response: Json) -> list[Raw]:
        self.state = State.OPEN
        self._response_id = response["id"]
        self._template = completion_envelope(response, self._ctx, id=self._id, stream=True)
        return [self._chunk({"role": "assistant"})]

    def _item(self, data: Json) -> _Item:
        record = self._items.get(data.get("output_index", -1))
        if record is None:
            raise StreamProtocolError(
                f"{data['type']} for output item {data.get('output_index')}, which was never added",
                path="output_index",
            )
        return record

    def _once(self, key: str, *, kind: Any, detail: str) -> None:
        if key not in self._lost_keys:
            self._lost_keys.add(key)
            self._ctx.lose(_HOSTED_ROW, "output", kind=kind, detail=detail)

    # -- items ------------------------------------------------------------------------------------------

    def _added(self, data: Json) -> list[Raw]:
        index, item = data["output_index"], data["item"]
        if index in self._items:
            raise StreamProtocolError(f"output item {index} was added twice", path="output_index")
        record = self._items[index] = _Item(item["type"], item.get("id"))
        if item["type"] in ("function_call", "custom_tool_call"):
            record.call = self._tools
            self._tools += 1
            call = call_to_chat(
                {**item, "arguments": "", "input": ""}, f"output[{index}]", self._ctx, reply=True
            )
            if call["type"] == "function":
                call["function"]["arguments"] = ""
            else:
                call["custom"]["input"] = ""
            return [self._chunk({"tool_calls": [{"index": record.call, **call}]})]
        if item["type"] not in ("message", "reasoning"):
            self._once(
                "item:" + item["type"],
                kind="dropped",
                detail=f"a {item['type']!r} output item has no Chat form; dropped",
            )
        return []

    def _text(
        self, record: _Item, index: int, key: str, piece: str, logprobs: Any = None
    ) -> list[Raw]:
        if record.kind != "message":
            raise StreamProtocolError(f"text for a {record.kind} item", path="type")
        part = record.parts.setdefault((key, index), ["", self._length])
        if not piece:
            return []
        if key == "refusal":
            part[0] += piece
            return [self._chunk({"refusal": piece})]
        text = piece
        if not part[0]:
            if self._length and self._last_text is not record:
                text = TEXT_SEPARATOR + piece
                self._length += len(TEXT_SEPARATOR)
            part[1] = self._length
            self._last_text = record
        part[0] += piece
        self._length += len(piece)
        delta: Json = {"content": text}
        out = self._chunk(delta)
        if logprobs:
            out[1]["choices"][0]["logprobs"] = {"content": _chat_tokens(logprobs), "refusal": None}
        return [out]

    def _reasoning(self, record: _Item, kind: str, index: int, piece: str) -> list[Raw]:
        if record.kind != "reasoning":
            raise StreamProtocolError(f"reasoning for a {record.kind} item", path="type")
        part = record.parts.setdefault((kind, index), ["", 0])
        if not piece:
            return []
        part[0] += piece
        text = piece
        if not part[0][: -len(piece)] and self._reasoning_sent:
            text = REASONING_SEPARATOR + piece  # a new part: texts join with a blank line
        self._reasoning_sent = True
        delta: Json = {"reasoning_content": text}
        if kind == "summary" and self._ctx.options.extensions:
            delta["reasoning_details"] = [
                self._entry(record, (kind, index), "reasoning.summary", piece)
            ]
        if not self._ctx.options.extensions:
            self._lose_reasoning()
            return []
        return [self._chunk(delta)] if delta else []

    def _entry(self, record: _Item, key: tuple[str, int], kind: str, value: str) -> Json:
        first = key not in record.entries
        if first:
            record.entries[key] = self._details
            self._details += 1
        return stream_entry(kind, value, record.id, record.entries[key], first=first)

    def _lose_reasoning(self) -> None:
        if "reasoning" not in self._lost_keys:
            self._lost_keys.add("reasoning")
            self._ctx.lose(R2O_RESPONSE_REASONING, "output")

    def _arguments(self, record: _Item, piece: str) -> list[Raw]:
        if record.call < 0:
            raise StreamProtocolError(f"arguments for a {record.kind} item", path="type")
        if not piece:
            return []
        record.sent = True
        key = "custom" if record.kind == "custom_tool_call" else "function"
        field = "input" if key == "custom" else "arguments"
        return [self._chunk({"tool_calls": [{"index": record.call, key: {field: piece}}]})]

    def _item_done(self, data: Json, record: _Item) -> list[Raw]:
        item = data["item"]
        out: list[Raw] = []
        if record.kind == "message":
            if item.get("phase") is not None:
                self._phase = item["phase"]
            for j, part in enumerate(item.get("content") or ()):
                if part.get("type") == "output_text":
                    out += self._rest(record, j, "text", part.get("text", ""))
                    for annotation in part.get("annotations") or ():
                        self._annotate(record, j, annotation)
                elif part.get("type") == "refusal":
                    out += self._rest(record, j, "refusal", part.get("refusal", ""))
        elif record.kind == "reasoning":
            for kind in ("summary", "content"):
                for j, part in enumerate(item.get(kind) or ()):
                    sent = (record.parts.get((kind, j)) or [""])[0]
                    if not sent and part.get("text"):
                        out += self._reasoning(record, kind, j, part["text"])
            blob = item.get("encrypted_content")
            if (blob or item.get("summary")) and self._ctx.options.extensions:
                # the plain form (reasoning_to_chat): with a summary or a blob, the reasoning text
                # is in reasoning_details too, before the blob
                entries = [
                    self._entry(record, ("text", j), "reasoning.text", part.get("text") or "")
                    for j, part in enumerate(item.get("content") or ())
                    if part.get("type") == "reasoning_text"
                ]
                if blob:
                    entries.append(
                        self._entry(record, ("encrypted", 0), "reasoning.encrypted", blob)
                    )
                if entries:
                    out.append(self._chunk({"reasoning_details": entries}))
            elif blob:
                self._lose_reasoning()
        elif record.call >= 0 and not record.sent:
            value = item.get("input" if record.kind == "custom_tool_call" else "arguments") or ""
            out += self._arguments(record, value)
        return out

    def _rest(self, record: _Item, index: int, key: str, text: str) -> list[Raw]:
        """Text a ``.done`` has that its deltas did not bring (an upstream that sends no deltas)."""
        sent = (record.parts.get((key, index)) or [""])[0]
        if not sent and text:
            return self._text(record, index, key, text)
        return []

    def _annotate(self, record: _Item, index: int, annotation: Json) -> None:
        part = record.parts.get(("text", index))
        offset = part[1] if part is not None else self._length
        converted = chat_annotations(annotation, offset, "output", self._ctx)
        if converted is not None:
            self._annotations.append(converted)

    # -- the end ----------------------------------------------------------------------------------------

    def _end(self, response: Json) -> list[Raw]:
        self.state = State.FINISHED
        delta: Json = {}
        if self._annotations:
            delta["annotations"] = self._annotations
        if self._phase is not None and self._ctx.carry(
            R2O_RESPONSE.row("output[].phase"), "output"
        ):
            delta["phase"] = self._phase
        finish = status_to_finish(response, self._tools > 0, self._ctx)
        last = self._chunk(delta, finish)
        tier = response.get("service_tier")
        if tier is not None:
            last[1]["service_tier"] = tier
        out: list[Raw] = [last]
        if self.include_usage and response.get("usage") is not None:
            final: Json = {
                **self._template,
                "choices": [],
                "usage": chat_usage(response["usage"], self._ctx, "usage"),
            }
            if tier is not None:
                final["service_tier"] = tier
            out.append((None, final))
        out.append(DONE)
        return out

    def _close_raw(self, _: None) -> list[Raw]:
        self.state = State.FAILED
        return [(None, truncated_openai_error())]

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        error = {
            "message": str(exc),
            "type": "server_error",
            "param": None,
            "code": "stream_protocol_error",
        }
        return [(None, {"error": error})]

    def _model(self, item: Raw) -> OpenAIStreamItem:
        if isinstance(item, tuple):
            body = item[1]
            if "error" in body:
                return oai.ErrorResponse.trusted(body)
            return oai.ChatCompletionChunk.trusted(body)
        return item  # type: ignore[return-value]


def _chat_tokens(logprobs: list[Json]) -> list[Json]:
    return [
        {
            "token": t["token"],
            "logprob": t["logprob"],
            "bytes": None,
            "top_logprobs": [
                {"token": u.get("token"), "logprob": u.get("logprob"), "bytes": None}
                for u in t.get("top_logprobs") or ()
            ],
        }
        for t in logprobs
    ]


_Handler: TypeAlias = "Callable[[ResponsesToOpenAIStream, Json, _Item], list[Raw]]"
_HANDLERS: Final[dict[str, _Handler]] = {
    "response.output_text.delta": lambda s, d, r: s._text(
        r, d["content_index"], "text", d["delta"], d.get("logprobs")
    ),
    "response.output_text.done": lambda s, d, r: s._rest(r, d["content_index"], "text", d["text"]),
    "response.refusal.delta": lambda s, d, r: s._text(r, d["content_index"], "refusal", d["delta"]),
    "response.refusal.done": lambda s, d, r: s._rest(
        r, d["content_index"], "refusal", d["refusal"]
    ),
    "response.content_part.added": lambda s, d, r: [],
    "response.content_part.done": lambda s, d, r: [],
    "response.output_text.annotation.added": lambda s, d, r: [],
    "response.reasoning_summary_part.added": lambda s, d, r: [],
    "response.reasoning_summary_part.done": lambda s, d, r: [],
    "response.reasoning_summary_text.delta": lambda s, d, r: s._reasoning(
        r, "summary", d["summary_index"], d["delta"]
    ),
    "response.reasoning_summary_text.done": lambda s, d, r: [],
    "response.reasoning_text.delta": lambda s, d, r: s._reasoning(
        r, "content", d["content_index"], d["delta"]
    ),
    "response.reasoning_text.done": lambda s, d, r: [],
    "response.function_call_arguments.delta": lambda s, d, r: s._arguments(r, d["delta"]),
    "response.function_call_arguments.done": lambda s, d, r: (
        [] if r.sent else s._arguments(r, d["arguments"])
    ),
    "response.custom_tool_call_input.delta": lambda s, d, r: s._arguments(r, d["delta"]),
    "response.custom_tool_call_input.done": lambda s, d, r: (
        [] if r.sent else s._arguments(r, d["input"])
    ),
    "response.output_item.done": lambda s, d, r: s._item_done(d, r),
}
