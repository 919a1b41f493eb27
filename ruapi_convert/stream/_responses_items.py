"""
ruapi_convert.stream._responses_items
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The output items of a Responses stream that :class:`~.openai_to_responses.OpenAIToResponsesStream`
writes: what it remembers of each open item, and the events that close one with its final
values. (The stream decides *when*; the final values come from the non-stream conversion.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ._fastpath import Raw

__all__ = ["Emit", "Item", "added_form", "done_events", "event_class", "text_logprobs"]

Json = dict[str, Any]


class Emit(Protocol):
    """Makes one event with the next sequence number."""

    def __call__(self, kind: str, **fields: Any) -> Raw: ...


class Item:
    """An output item the stream has opened: its index, id, type and open parts."""

    __slots__ = ("buffered", "done", "id", "index", "kind", "parts")

    def __init__(self, index: int, item_id: str, kind: str) -> None:
        self.index = index
        self.id = item_id
        self.kind = kind
        #: part key -> its position: ("text",) / ("refusal",) in a message, ("summary", i) /
        #: ("content", i) in a reasoning item (positions count per kind)
        self.parts: dict[tuple[Any, ...], int] = {}
        self.buffered = False  # a custom call sent as a function: its input is sent at the end
        self.done = False


def _part(event: Emit, kind: str, record: Item, index: int, **fields: Any) -> Raw:
    return event(kind, item_id=record.id, output_index=record.index, content_index=index, **fields)


def done_events(event: Emit, record: Item, final: Json) -> list[Raw]:
    """The events that close ``record`` with the values of its ``final`` item (Codex takes
    ``output_item.done`` as authoritative; the text ``.done`` events say the same)."""
    out: list[Raw] = []
    if record.kind == "message":
        content = final.get("content") or []
        for key, index in record.parts.items():
            kind = "output_text" if key == ("text",) else "refusal"
            part = next((p for p in content if p["type"] == kind), None) or {
                "type": kind,
                kind if kind == "refusal" else "text": "",
            }
            if kind == "output_text":
                part.setdefault("annotations", [])
                tokens = text_logprobs({"content": part.get("logprobs") or []})
                out.append(
                    _part(
                        event,
                        "response.output_text.done",
                        record,
                        index,
                        text=part["text"],
                        logprobs=tokens,
                    )
                )
            else:
                out.append(
                    _part(event, "response.refusal.done", record, index, refusal=part["refusal"])
                )
            out.append(_part(event, "response.content_part.done", record, index, part=part))
    elif record.kind == "reasoning":
        for kind, position in record.parts:
            parts = final.get(kind) or []
            text = parts[position]["text"] if position < len(parts) else ""
            if kind == "summary":
                fields = {
                    "item_id": record.id,
                    "output_index": record.index,
                    "summary_index": position,
                }
                out.append(event("response.reasoning_summary_text.done", **fields, text=text))
                out.append(
                    event(
                        "response.reasoning_summary_part.done",
                        **fields,
                        part={"type": "summary_text", "text": text},
                    )
                )
            else:
                out.append(
                    _part(event, "response.reasoning_text.done", record, position, text=text)
                )
                out.append(
                    _part(
                        event,
                        "response.content_part.done",
                        record,
                        position,
                        part={"type": "reasoning_text", "text": text},
                    )
                )
    elif record.kind == "function_call":
        fields = {"item_id": record.id, "output_index": record.index}
        out.append(
            event(
                "response.function_call_arguments.done",
                **fields,
                arguments=final.get("arguments", ""),
            )
        )
    elif record.kind == "custom_tool_call":
        fields = {"item_id": record.id, "output_index": record.index}
        text = final.get("input", "")
        if record.buffered and text:
            out.append(event("response.custom_tool_call_input.delta", **fields, delta=text))
        out.append(event("response.custom_tool_call_input.done", **fields, input=text))
    record.done = True
    out.append(event("response.output_item.done", output_index=record.index, item=final))
    return out


def text_logprobs(logprobs: Any) -> list[Json]:
    """The ``logprobs`` of a text delta event for a chunk's choice logprobs."""
    if not isinstance(logprobs, dict) or not logprobs.get("content"):
        return []
    return [
        {
            "token": t["token"],
            "logprob": t["logprob"],
            "top_logprobs": [
                {"token": u["token"], "logprob": u["logprob"]} for u in t.get("top_logprobs") or ()
            ],
        }
        for t in logprobs["content"]
    ]


def added_form(final: Json) -> Json:
    """The ``output_item.added`` form of an item that is added and done at once."""
    if final["type"] == "reasoning":
        return {"id": final["id"], "type": "reasoning", "summary": []}
    if final["type"] == "message":
        return {**final, "status": "in_progress", "content": []}
    empty = {"arguments": ""} if final["type"] == "function_call" else {"input": ""}
    return {**final, "status": "in_progress", **empty}


def event_class(name: str) -> Any:
    from ..models.responses._stream import _event_classes

    return _event_classes()[name]
