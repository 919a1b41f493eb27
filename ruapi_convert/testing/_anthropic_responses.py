"""
ruapi_convert.testing._anthropic_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Strategies for what Anthropic Messages sends back: messages, event streams that accumulate to a
message, error bodies and model lists.

A stream is generated *from* its final message: ``message_start`` carries the message without its
content, every block is started, filled by deltas cut at random points and stopped, in order, and
one or more ``message_delta`` events bring the stop reason and the cumulative usage. The SDK's
``accumulate_event`` reaching the final message is the property that keeps this module honest.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ._anthropic import (
    MODELS,
    AnthropicFeatures,
    citation,
    server_exchange,
    thinking_blocks,
    tool_use_block,
)
from ._common import (
    IdPool,
    draw_split,
    fresh,
    ids,
    interleave,
    json_text,
    model_names,
    sometimes,
    texts,
    tool_specs,
    words,
)

__all__ = ["errors", "event_streams", "messages", "model_lists"]


# -- responses -----------------------------------------------------------------------------------


def _usage(draw: st.DrawFn, f: AnthropicFeatures, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    usage: dict[str, Any] = {
        "input_tokens": draw(st.integers(0, 50_000)),
        "output_tokens": draw(st.integers(1, 8_000)),
    }
    if draw(st.integers(0, 4)) > 0:
        usage["cache_creation_input_tokens"] = draw(st.integers(0, 5_000)) if f.cache_control else 0
        usage["cache_read_input_tokens"] = draw(st.integers(0, 5_000)) if f.cache_control else 0
    if sometimes(draw, f.cache_control and f.protocol_specific):
        usage["cache_creation"] = {
            "ephemeral_5m_input_tokens": usage.get("cache_creation_input_tokens", 0),
            "ephemeral_1h_input_tokens": 0,
        }
    searches = sum(b["type"] == "server_tool_use" and b["name"] == "web_search" for b in blocks)
    fetches = sum(b["type"] == "server_tool_use" and b["name"] == "web_fetch" for b in blocks)
    if searches or fetches:
        usage["server_tool_use"] = {"web_search_requests": searches, "web_fetch_requests": fetches}
    if any(b["type"] in ("thinking", "redacted_thinking") for b in blocks) and draw(st.booleans()):
        usage["output_tokens_details"] = {
            "thinking_tokens": draw(st.integers(0, usage["output_tokens"]))
        }
    if sometimes(draw, f.protocol_specific):
        usage["service_tier"] = draw(st.sampled_from(["standard", "priority", "batch"]))
    if sometimes(draw, f.protocol_specific, one_in=5):
        usage["inference_geo"] = "us"
    return usage


def _output_blocks(draw: st.DrawFn, f: AnthropicFeatures) -> list[dict[str, Any]]:
    pool = IdPool()
    blocks: list[dict[str, Any]] = []
    if sometimes(draw, f.thinking, one_in=2):
        blocks += thinking_blocks(draw)
    middle: list[list[dict[str, Any]]] = []
    if sometimes(draw, f.server_tools, one_in=3):
        middle += [server_exchange(draw, pool) for _ in range(draw(st.integers(1, 2)))]
    if sometimes(draw, f.beta, one_in=6):
        use_id = pool.new(draw, "mcptoolu_")
        middle.append(
            [
                {
                    "type": "mcp_tool_use",
                    "id": use_id,
                    "name": draw(words()),
                    "server_name": "example-mcp",
                    "input": {"q": draw(texts())},
                },
                {
                    "type": "mcp_tool_result",
                    "tool_use_id": use_id,
                    "is_error": False,
                    "content": [{"type": "text", "text": draw(texts())}],
                },
            ]
        )
    for _ in range(draw(st.integers(0 if middle else 1, 2))):
        block: dict[str, Any] = {"type": "text", "text": draw(texts(max_size=60))}
        if sometimes(draw, f.citations):
            block["citations"] = [citation(draw, f) for _ in range(draw(st.integers(1, 3)))]
        elif sometimes(draw, f.explicit_nulls and f.citations, one_in=5):
            block["citations"] = None
        middle.append([block])
    for group in draw(st.permutations(middle)):
        blocks += group
    if f.tools and draw(st.integers(0, 2)) == 0:
        specs = draw(tool_specs(max_size=min(3, max(1, f.max_tools))))
        blocks += [tool_use_block(draw, f, pool, spec, request=False) for spec in specs]
    return blocks


def _message(draw: st.DrawFn, f: AnthropicFeatures, *, stream: bool) -> dict[str, Any]:
    blocks = _output_blocks(draw, f)
    if f.lenient and draw(st.integers(0, 19)) == 0:
        blocks = []  # refusals and max_tokens=0 calls come back without any content
    if any(b["type"] == "tool_use" for b in blocks):
        stop = "tool_use"
    else:
        stop = draw(
            st.sampled_from(
                [
                    "end_turn",
                    "end_turn",
                    "max_tokens",
                    "stop_sequence",
                    "model_context_window_exceeded",
                ]
                + (["refusal"] if f.refusals else [])
                + (["pause_turn"] if f.server_tools else [])
            )
        )
    msg: dict[str, Any] = {
        "id": draw(ids("msg_")),
        "type": "message",
        "role": "assistant",
        "model": draw(model_names(MODELS)),
        "content": blocks,
        "stop_reason": stop,
        "stop_sequence": draw(texts(max_size=8)) if stop == "stop_sequence" else None,
    }
    if stop == "refusal":
        details: dict[str, Any] = {"type": "refusal"}
        if draw(st.booleans()):
            details["category"] = draw(st.sampled_from(["cyber", "bio", "general_harms"]))
        if draw(st.booleans()):
            details["explanation"] = draw(texts(max_size=40))
        msg["stop_details"] = details
    elif stream or draw(st.booleans()):
        msg["stop_details"] = None
    msg["usage"] = _usage(draw, f, blocks)
    if sometimes(draw, f.server_tools and f.protocol_specific, one_in=4):
        msg["container"] = {"id": draw(ids("container_")), "expires_at": "2026-05-01T12:00:00Z"}
    return msg


@st.composite
def messages(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    """A non-streaming ``Message``."""
    return fresh(_message(draw, f, stream=False))


# -- streams -------------------------------------------------------------------------------------

# Blocks whose input streams as ``input_json_delta`` (the SDK re-parses the buffer on each one).
_STREAMED_INPUT = frozenset({"tool_use", "server_tool_use", "mcp_tool_use"})


def _block_events(
    draw: st.DrawFn, f: AnthropicFeatures, index: int, block: dict[str, Any]
) -> list[dict[str, Any]]:
    """``content_block_start``, the deltas that rebuild ``block`` from it, ``content_block_stop``."""
    kind = block["type"]
    deltas: list[dict[str, Any]] = []
    start = dict(block)
    if kind == "text":
        start["text"] = ""
        cites = block.get("citations")
        if cites:
            start.pop("citations")
            if draw(st.booleans()):
                start["citations"] = draw(st.sampled_from([[], None]))
        pieces = [{"type": "text_delta", "text": t} for t in draw_split(draw, block["text"])]
        notes = [{"type": "citations_delta", "citation": c} for c in cites or []]
        deltas = [d for _, d in interleave(draw, [notes, pieces])]
    elif kind == "thinking":
        start["thinking"] = ""
        start["signature"] = ""
        if f.lenient and draw(st.integers(0, 3)) == 0:
            del start["signature"]  # as in the docs' own stream examples
        if block["thinking"]:
            deltas = [
                {"type": "thinking_delta", "thinking": t}
                for t in draw_split(draw, block["thinking"])
            ]
        deltas.append({"type": "signature_delta", "signature": block["signature"]})
    elif kind in _STREAMED_INPUT:
        start["input"] = {}
        value = block["input"]
        text = json_text(draw, value)
        if value == {}:
            fragments = draw(st.sampled_from([[], [""], ["{}"], ["", "{", "}"]]))
        else:
            fragments = draw_split(draw, text, max_pieces=8, allow_empty=True)
            if draw(st.booleans()):
                fragments.insert(0, "")
        deltas = [{"type": "input_json_delta", "partial_json": p} for p in fragments]
    events: list[dict[str, Any]] = [
        {"type": "content_block_start", "index": index, "content_block": start}
    ]
    events += [{"type": "content_block_delta", "index": index, "delta": d} for d in deltas]
    events.append({"type": "content_block_stop", "index": index})
    return events


# Usage keys a ``message_delta`` may bring (the SDK overwrites them when present and not null).
_DELTA_USAGE_KEYS = (
    "input_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
    "server_tool_use",
    "output_tokens_details",
)


@st.composite
def event_streams(
    draw: st.DrawFn, f: AnthropicFeatures
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A final ``Message`` and the stream events that accumulate to it."""
    final = _message(draw, f, stream=True)
    usage = final["usage"]
    start_usage = dict(usage)
    start_usage["output_tokens"] = draw(st.integers(0, usage["output_tokens"]))
    late = [k for k in _DELTA_USAGE_KEYS if k in usage and draw(st.booleans())]
    for key in late:
        if key == "input_tokens":
            start_usage[key] = draw(st.integers(0, usage[key]))
        else:
            del start_usage[key]
    start = {
        k: v for k, v in final.items() if k not in ("stop_reason", "stop_sequence", "stop_details")
    }
    start.update(content=[], stop_reason=None, stop_sequence=None, usage=start_usage)
    if draw(st.booleans()):
        start["stop_details"] = None
    container_late = "container" in final and draw(st.booleans())
    if container_late:
        del start["container"]
    events: list[dict[str, Any]] = [{"type": "message_start", "message": start}]
    for index, block in enumerate(final["content"]):
        events += _block_events(draw, f, index, block)
    progress = st.integers(start_usage["output_tokens"], usage["output_tokens"])
    for so_far in sorted(draw(st.lists(progress, max_size=2))):
        # Earlier message_delta events: usage so far (it only grows), no stop reason yet.
        events.append(
            {
                "type": "message_delta",
                "delta": {"stop_reason": None, "stop_sequence": None},
                "usage": {"output_tokens": so_far},
            }
        )
    delta: dict[str, Any] = {
        "stop_reason": final["stop_reason"],
        "stop_sequence": final["stop_sequence"],
    }
    if final["stop_details"] is not None or draw(st.booleans()):
        delta["stop_details"] = final["stop_details"]
    if container_late:
        delta["container"] = final["container"]
    last_usage = {"output_tokens": usage["output_tokens"]}
    for key in _DELTA_USAGE_KEYS:
        if key in usage and (key in late or draw(st.integers(0, 2)) == 0):
            last_usage[key] = usage[key]
    events.append({"type": "message_delta", "delta": delta, "usage": last_usage})
    events.append({"type": "message_stop"})
    if f.pings:
        for _ in range(draw(st.integers(0, 3))):
            events.insert(draw(st.integers(1, len(events) - 1)), {"type": "ping"})
    return fresh((final, events))


# -- errors and model lists ----------------------------------------------------------------------

_ERROR_TYPES = [
    "invalid_request_error",
    "authentication_error",
    "billing_error",
    "permission_error",
    "not_found_error",
    "rate_limit_error",
    "timeout_error",
    "api_error",
    "overloaded_error",
]


@st.composite
def errors(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    """An error body ``{"type": "error", "error": {type, message}, "request_id"?}``."""
    kinds = _ERROR_TYPES + (["request_too_large", "future_error_v9"] if f.lenient else [])
    error: dict[str, Any] = {
        "type": draw(st.sampled_from(kinds)),
        "message": draw(texts(max_size=60)),
    }
    if sometimes(draw, f.protocol_specific, one_in=4):
        error["details"] = {
            "error_code": draw(
                st.sampled_from(["enforced_spend_limit_reached", "invalid_signature"])
            )
        }
    body: dict[str, Any] = {"type": "error", "error": error}
    if draw(st.booleans()):
        body["request_id"] = draw(ids("req_"))
    return body


@st.composite
def model_lists(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    """A ``GET /v1/models`` body (one page)."""
    names = draw(st.lists(st.sampled_from(MODELS), max_size=4, unique=True))
    data = []
    for name in names:
        info: dict[str, Any] = {
            "type": "model",
            "id": name,
            "display_name": name.replace("-", " ").title(),
            "created_at": "2025-09-29T00:00:00Z",
        }
        if not f.lenient or draw(st.integers(0, 3)) > 0:
            info["lifecycle"] = draw(st.sampled_from(["active", "deprecated"]))
        if draw(st.booleans()):
            info["max_input_tokens"] = 200_000
            info["max_tokens"] = 64_000
        data.append(info)
    return {
        "data": data,
        "has_more": draw(st.booleans()),
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
    }
