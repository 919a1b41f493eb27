"""
ruapi_convert.testing._responses_replies
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Strategies for what the Responses API sends back: ``Response`` objects, whole event streams that
end in one, and error bodies.

A stream is generated *from* its final response: each output item is announced in its initial state
(``response.output_item.added``: a message without content, a call with empty ``arguments``, a
reasoning item without summary), grown by the events of its kind (content parts and text deltas cut
at random points, argument and input deltas, reasoning summary parts, progress events of built-in
tools), and closed with ``response.output_item.done`` carrying the final item. The SDK's accumulator
(``ResponseStreamState``) accepting every stream is the property that keeps this module honest.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ._common import IdPool, draw_split, fresh, ids, model_names, sometimes, texts, unix_times
from ._responses import MODELS, ResponsesFeatures, output_items, tools

__all__ = ["errors", "event_streams", "responses"]

# -- responses -----------------------------------------------------------------------------------


def _usage(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    prompt = draw(st.integers(1, 50_000))
    completion = draw(st.integers(0, 8_000))
    cached = draw(st.integers(0, prompt)) if f.cache_control else 0
    details: dict[str, Any] = {
        "cached_tokens": cached,
        # Required by the SDK's type (although many recorded replies lack it).
        "cache_write_tokens": draw(st.integers(0, prompt - cached)) if f.cache_control else 0,
    }
    return {
        "input_tokens": prompt,
        "input_tokens_details": details,
        "output_tokens": completion,
        "output_tokens_details": {
            "reasoning_tokens": draw(st.integers(0, completion)) if f.reasoning else 0
        },
        "total_tokens": prompt + completion,
    }


def _base(
    draw: st.DrawFn, f: ResponsesFeatures
) -> tuple[dict[str, Any], list[Any], frozenset[str]]:
    """A response without output, status or usage (the part every lifecycle event repeats)."""
    tool_list, specs, custom = tools(draw, f)
    body: dict[str, Any] = {
        "id": draw(ids("resp_")),
        "object": "response",
        "created_at": draw(unix_times()),
        "status": "in_progress",
        "background": False,
        "error": None,
        "incomplete_details": None,
        "instructions": draw(st.one_of(st.none(), texts(max_size=40))),
        "max_output_tokens": draw(st.one_of(st.none(), st.integers(16, 32_000))),
        "model": draw(model_names(MODELS)),
        "output": [],
        "parallel_tool_calls": draw(st.booleans()),
        "previous_response_id": None,
        "reasoning": {"effort": None, "summary": None},
        "store": draw(st.booleans()) if f.stateful else False,
        "temperature": draw(st.sampled_from([1, 1.0, 0.2])) if f.sampling else None,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": tool_list,
        "top_p": draw(st.sampled_from([1, 1.0, 0.985])) if f.sampling else None,
        "truncation": "disabled",
        "usage": None,
        "user": None,
        "metadata": {},
    }
    if f.reasoning and draw(st.booleans()):
        body["reasoning"] = {
            "effort": draw(st.sampled_from(["low", "medium", "high"])),
            "summary": "detailed",
        }
    if sometimes(draw, f.protocol_specific):
        body["service_tier"] = "auto"
        body["safety_identifier"] = None
        body["prompt_cache_key"] = None
        body["top_logprobs"] = 0
    if sometimes(draw, f.stateful, one_in=5):
        body["previous_response_id"] = draw(ids("resp_"))
    return body, specs, custom


def _finish(
    draw: st.DrawFn, f: ResponsesFeatures, base: dict[str, Any], items: list[dict[str, Any]]
) -> dict[str, Any]:
    """The final response: completed, or (sometimes) incomplete or failed."""
    final = dict(base, output=items, usage=_usage(draw, f))
    ending = draw(st.sampled_from(["completed"] * 6 + ["incomplete", "failed"]))
    final["status"] = ending
    if ending == "incomplete":
        final["incomplete_details"] = {
            "reason": draw(st.sampled_from(["max_output_tokens", "content_filter"]))
        }
    elif ending == "failed":
        final["error"] = {
            "code": draw(
                st.sampled_from(["server_error", "rate_limit_exceeded", "invalid_prompt"])
            ),
            "message": draw(texts(max_size=40)),
        }
    if "service_tier" in final:
        final["service_tier"] = "default"
    return final


@st.composite
def responses(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    """A non-streaming ``Response``."""
    base, specs, custom = _base(draw, f)
    return fresh(_finish(draw, f, base, output_items(draw, f, IdPool(), specs, custom)))


# -- streams -------------------------------------------------------------------------------------


class _Stream:
    """The events of one stream, numbered from 0."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def add(self, kind: str, **fields: Any) -> None:
        self.events.append({"type": kind, "sequence_number": len(self.events), **fields})


def _obfuscate(draw: st.DrawFn, f: ResponsesFeatures, fields: dict[str, Any]) -> dict[str, Any]:
    if sometimes(draw, f.protocol_specific, one_in=2):
        fields["obfuscation"] = draw(st.text("abcdefXYZ0123456789", max_size=12))
    return fields


def _text_events(
    draw: st.DrawFn,
    f: ResponsesFeatures,
    s: _Stream,
    where: dict[str, Any],
    part: dict[str, Any],
    index: int,
) -> None:
    """Events of one content part of a message: added, deltas (with annotations), done."""
    if part["type"] == "output_text":
        empty = {"type": "output_text", "annotations": [], "logprobs": [], "text": ""}
        s.add("response.content_part.added", **where, content_index=index, part=empty)
        # Token logprobs travel with the delta of their token (the generator makes one token).
        logprobs = [
            {"token": lp["token"], "logprob": lp["logprob"], "top_logprobs": []}
            for lp in part.get("logprobs") or []
        ]
        pieces = [part["text"]] if logprobs else draw_split(draw, part["text"], allow_empty=True)
        for piece in pieces:
            delta = dict(where, content_index=index, delta=piece, logprobs=logprobs)
            s.add("response.output_text.delta", **_obfuscate(draw, f, delta))
        for number, annotation in enumerate(part["annotations"]):
            s.add(
                "response.output_text.annotation.added",
                **where,
                content_index=index,
                annotation_index=number,
                annotation=annotation,
            )
        s.add(
            "response.output_text.done",
            **where,
            content_index=index,
            text=part["text"],
            logprobs=logprobs,
        )
    else:
        s.add(
            "response.content_part.added",
            **where,
            content_index=index,
            part={"type": "refusal", "refusal": ""},
        )
        for piece in draw_split(draw, part["refusal"], allow_empty=True):
            s.add(
                "response.refusal.delta",
                **_obfuscate(draw, f, dict(where, content_index=index, delta=piece)),
            )
        s.add("response.refusal.done", **where, content_index=index, refusal=part["refusal"])
    s.add("response.content_part.done", **where, content_index=index, part=part)


def _reasoning_events(
    draw: st.DrawFn, f: ResponsesFeatures, s: _Stream, where: dict[str, Any], item: dict[str, Any]
) -> None:
    for number, summary in enumerate(item["summary"]):
        s.add(
            "response.reasoning_summary_part.added",
            **where,
            summary_index=number,
            part={"type": "summary_text", "text": ""},
        )
        for piece in draw_split(draw, summary["text"], allow_empty=True):
            s.add(
                "response.reasoning_summary_text.delta",
                **_obfuscate(draw, f, dict(where, summary_index=number, delta=piece)),
            )
        s.add(
            "response.reasoning_summary_text.done",
            **where,
            summary_index=number,
            text=summary["text"],
        )
        s.add("response.reasoning_summary_part.done", **where, summary_index=number, part=summary)
    for number, content in enumerate(item.get("content") or []):
        for piece in draw_split(draw, content["text"], allow_empty=True):
            s.add("response.reasoning_text.delta", **where, content_index=number, delta=piece)
        s.add("response.reasoning_text.done", **where, content_index=number, text=content["text"])


#: Built-in call type -> (event prefix, progress steps before and after the payload events).
_PROGRESS = {
    "web_search_call": ("response.web_search_call", ["in_progress", "searching"], ["completed"]),
    "file_search_call": ("response.file_search_call", ["in_progress", "searching"], ["completed"]),
    "code_interpreter_call": (
        "response.code_interpreter_call",
        ["in_progress"],
        ["interpreting", "completed"],
    ),
    "image_generation_call": (
        "response.image_generation_call",
        ["in_progress", "generating"],
        ["completed"],
    ),
    "mcp_call": ("response.mcp_call", ["in_progress"], ["completed"]),
}


def _initial(item: dict[str, Any]) -> dict[str, Any]:
    """An item as ``response.output_item.added`` announces it."""
    kind = item["type"]
    if kind == "message":
        return dict(item, status="in_progress", content=[])
    if kind == "reasoning":
        return {k: v for k, v in item.items() if k not in ("content",)} | {"summary": []}
    if kind == "function_call":
        return dict(item, status="in_progress", arguments="")
    if kind == "custom_tool_call":
        return dict(item, status="in_progress", input="")
    if kind == "code_interpreter_call":
        return dict(item, status="in_progress", code="", outputs=None)
    if kind == "image_generation_call":
        return dict(item, status="in_progress", result=None)
    if kind == "mcp_call":
        return {k: v for k, v in item.items() if k != "output"} | {
            "status": "in_progress",
            "arguments": "",
        }
    return dict(item, status="in_progress")


def _item_events(
    draw: st.DrawFn, f: ResponsesFeatures, s: _Stream, index: int, item: dict[str, Any]
) -> None:
    s.add("response.output_item.added", output_index=index, item=_initial(item))
    where = {"item_id": item["id"], "output_index": index}
    kind = item["type"]
    if kind == "message":
        for number, part in enumerate(item["content"]):
            _text_events(draw, f, s, where, part, number)
    elif kind == "reasoning":
        _reasoning_events(draw, f, s, where, item)
    elif kind == "function_call":
        for piece in draw_split(draw, item["arguments"], max_pieces=8, allow_empty=True):
            s.add(
                "response.function_call_arguments.delta",
                **_obfuscate(draw, f, dict(where, delta=piece)),
            )
        s.add("response.function_call_arguments.done", **where, arguments=item["arguments"])
    elif kind == "custom_tool_call":
        for piece in draw_split(draw, item["input"], allow_empty=True):
            s.add("response.custom_tool_call_input.delta", **where, delta=piece)
        s.add("response.custom_tool_call_input.done", **where, input=item["input"])
    elif kind in _PROGRESS:
        prefix, before, after = _PROGRESS[kind]
        for step in before:
            s.add(f"{prefix}.{step}", **where)
        if kind == "code_interpreter_call":
            for piece in draw_split(draw, item["code"], allow_empty=True):
                s.add("response.code_interpreter_call_code.delta", **where, delta=piece)
            s.add("response.code_interpreter_call_code.done", **where, code=item["code"])
        elif kind == "mcp_call":
            for piece in draw_split(draw, item["arguments"], allow_empty=True):
                s.add("response.mcp_call_arguments.delta", **where, delta=piece)
            s.add("response.mcp_call_arguments.done", **where, arguments=item["arguments"])
        elif kind == "image_generation_call" and draw(st.booleans()):
            s.add(
                "response.image_generation_call.partial_image",
                **where,
                partial_image_index=0,
                partial_image_b64=item["result"],
            )
        for step in after:
            s.add(f"{prefix}.{step}", **where)
    s.add("response.output_item.done", output_index=index, item=item)


@st.composite
def event_streams(
    draw: st.DrawFn, f: ResponsesFeatures
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A final ``Response`` and the events of the stream that ends in it."""
    base, specs, custom = _base(draw, f)
    items = output_items(draw, f, IdPool(), specs, custom)
    final = _finish(draw, f, base, items)
    s = _Stream()
    s.add("response.created", response=base)
    if draw(st.booleans()):
        s.add("response.in_progress", response=base)
    for index, item in enumerate(items):
        _item_events(draw, f, s, index, item)
    if final["status"] == "failed" and draw(st.booleans()):
        s.add("error", code=final["error"]["code"], message=final["error"]["message"], param=None)
    s.add(f"response.{final['status']}", response=final)
    return fresh((final, s.events))


# -- errors --------------------------------------------------------------------------------------

_ERRORS = [
    ("invalid_request_error", None, "input"),
    ("invalid_request_error", "invalid_value", "tools[0].name"),
    ("invalid_request_error", "context_length_exceeded", "input"),
    ("invalid_request_error", None, "temperature"),
    ("invalid_request_error", "invalid_api_key", None),
    ("insufficient_quota", "insufficient_quota", None),
    ("tokens", "rate_limit_exceeded", None),
    ("server_error", None, None),
]


@st.composite
def errors(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    """An HTTP error body ``{"error": {message, type, param, code}}`` (the Chat Completions shape)."""
    kind, code, param = draw(st.sampled_from(_ERRORS))
    error: dict[str, Any] = {
        "message": draw(texts(max_size=60)),
        "type": kind,
        "param": param,
        "code": code,
    }
    if f.lenient and draw(st.integers(0, 3)) == 0:
        error = {"message": error["message"]}
        if draw(st.booleans()):
            error["code"] = draw(st.sampled_from([400, 429, 500, 503]))
    return {"error": error}
