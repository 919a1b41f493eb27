"""The strategies of ``ruapi_convert.testing`` are honest.

What they generate validates with this library's models and with the official SDKs' types, streams
accumulate (in the SDKs' own accumulators) to the final object they come with, conversations make
sense, and turning a feature flag off removes that feature.
"""

from __future__ import annotations

import base64
import copy
import functools
import itertools
import json
import math
import re
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from ruapi_convert.models import openai as oai
from ruapi_convert.testing import (
    anthropic_event_streams,
    anthropic_requests,
    anthropic_responses,
    json_values,
    openai_chunk_streams,
    openai_requests,
    openai_responses,
    with_unknowns,
)

from .cases import BODIES, STREAMS, Body, Stream, parse_event

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

pytestmark = pytest.mark.property

JSON = dict[str, Any]

# -- the official SDKs as oracles ----------------------------------------------------------------


@functools.cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def _materialise(value: Any) -> Any:
    """Walk a validated SDK request: its ``Iterable`` fields validate lazily, item by item."""
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return value
    return [_materialise(v) for v in value]


def sdk_validate_request(tp: Any, body: JSON) -> None:
    """Validate a request body strictly against an SDK params TypedDict."""
    _materialise(_adapter(tp).validate_python(body, strict=True))


def without_sdk_additions(snapshot: JSON, final: JSON) -> JSON:
    """The SDK's snapshot less what the SDK adds of its own: each tool call keeps its ``index`` and
    gets a ``parsed_arguments`` (and ``id: null`` when it had none), and message keys the stream
    never sent are filled with ``null``."""
    for choice, expected in zip(snapshot["choices"], final["choices"], strict=True):
        message = choice["message"]
        wanted = expected["message"].get("tool_calls") or []
        for call, want in zip(message.get("tool_calls") or [], wanted, strict=True):
            call.pop("index")
            call["function"].pop("parsed_arguments", None)
            if call.get("id") is None and "id" not in want:
                call.pop("id", None)  # a call the server sent without an id
        choice["message"] = {
            k: v for k, v in message.items() if v is not None or k in expected["message"]
        }
    return snapshot


# -- requests ------------------------------------------------------------------------------------


@given(openai_requests())
def test_openai_requests_with_lenient_shapes_validate_here(body: JSON) -> None:
    """With the lenient shapes too, OpenAI requests validate with our model and make sense."""
    oai.ChatCompletionCreateParams.model_validate(body)
    check_openai_conversation(body)


# -- responses, errors, model lists --------------------------------------------------------------


@pytest.mark.parametrize(
    "case", [b for b in BODIES if "errors" in b.name or "lists" in b.name], ids=str
)
@given(data=st.data())
def test_lenient_errors_and_model_lists_validate_here(case: Body, data: st.DataObject) -> None:
    """With the lenient shapes real servers send, error bodies and model lists still validate."""
    case.model.model_validate(data.draw(case.strategy))


# -- streams -------------------------------------------------------------------------------------


# -- unknowns and JSON values --------------------------------------------------------------------


@pytest.mark.parametrize("case", BODIES, ids=str)
@given(data=st.data())
def test_bodies_with_unknowns_still_validate(case: Body, data: st.DataObject) -> None:
    """Unknown keys and unknown block/part/tool types leave every body valid for our models."""
    body = data.draw(with_unknowns(case.strategy, protocol=case.protocol))
    case.model.model_validate(body)


@pytest.mark.parametrize("case", STREAMS, ids=str)
@given(data=st.data())
def test_streams_with_unknowns_still_validate(case: Stream, data: st.DataObject) -> None:
    """Unknown keys, deltas, blocks and events leave every event (and the final) valid."""
    original = data.draw(case.strategy)
    before = copy.deepcopy(original)
    final, events = data.draw(with_unknowns(st.just(original), protocol=case.protocol))
    case.final_model.model_validate(final)
    for event in events:
        parse_event(case.protocol, event)
    assert original == before, "with_unknowns must not modify what it draws"


@given(with_unknowns(openai_requests(), protocol="openai"))
def test_with_unknowns_adds_something_unknown(body: JSON) -> None:
    """Every value drawn through ``with_unknowns`` carries at least one unknown key or type."""
    assert _has_unknown(body)


@pytest.mark.parametrize("case", [*BODIES, *STREAMS], ids=str)
@given(data=st.data())
def test_values_are_plain_json_trees(case: Body | Stream, data: st.DataObject) -> None:
    """Values are plain JSON trees that share no dict or list, so tests may mutate them."""
    value = data.draw(case.strategy)
    seen: set[int] = set()
    for node in _containers(list(value) if isinstance(value, tuple) else value):
        assert id(node) not in seen
        seen.add(id(node))


@given(json_values())
def test_json_values_are_json(value: Any) -> None:
    """``json_values`` gives values that survive JSON text unchanged and hold no NaN/infinity."""
    assert json.loads(json.dumps(value, allow_nan=False)) == value
    assert all(math.isfinite(x) for x in _floats(value))


# -- feature flags -------------------------------------------------------------------------------

_FREE_FORM = {"input", "input_schema", "parameters", "schema", "metadata", "logit_bias"}


def _nodes(value: Any) -> Iterable[JSON]:
    """Every object of a payload, outside free-form JSON (schemas, tool inputs, metadata)."""
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        yield value
        for key, item in value.items():
            if key not in _FREE_FORM:
                yield from _nodes(item)


def _keys(value: Any) -> set[str]:
    return {key for node in _nodes(value) for key in node}


def _types(value: Any) -> set[str]:
    return {node["type"] for node in _nodes(value) if isinstance(node.get("type"), str)}


def _anthropic_blocks(body: JSON) -> Iterable[JSON]:
    """The blocks of every message and of every tool_result in them (not deeper)."""
    for message in body["messages"]:
        for block in message["content"] if isinstance(message["content"], list) else []:
            yield block
            if block["type"] == "tool_result" and isinstance(block.get("content"), list):
                yield from block["content"]


def _roles(value: Any) -> list[str]:
    return [m["role"] for m in value.get("messages", [])]


def _openai_specific(body: JSON) -> bool:
    top = {"seed", "logit_bias", "store", "verbosity", "prediction", "web_search_options"}
    message_keys = {k for m in body["messages"] if m["role"] != "function" for k in m}
    return (
        bool(top & set(body))
        or "name" in message_keys
        or bool({"detail", "file_id", "allowed_tools", "custom"} & _keys(body))
    )


# (strategy with one flag off, what must then never appear)
_FLAG_CASES: list[tuple[str, st.SearchStrategy[Any], Callable[[Any], bool]]] = [
    (
        "openai tools",
        openai_requests(tools=False),
        lambda b: bool({"tools", "tool_calls", "tool_choice"} & _keys(b)) or "tool" in _roles(b),
    ),
    ("openai images", openai_requests(images=False), lambda b: "image_url" in _types(b)),
    ("openai documents", openai_requests(documents=False), lambda b: "file" in _types(b)),
    (
        "openai audio",
        openai_requests(audio=False),
        lambda b: "input_audio" in _types(b) or bool({"audio", "modalities"} & _keys(b)),
    ),
    (
        "openai reasoning",
        openai_requests(reasoning=False),
        lambda b: bool({"reasoning_effort", "reasoning_content", "reasoning_details"} & _keys(b)),
    ),
    (
        "openai refusals",
        openai_requests(refusals=False),
        lambda b: "refusal" in _keys(b) or "refusal" in _types(b),
    ),
    (
        "openai structured outputs",
        openai_requests(structured_outputs=False),
        lambda b: "json_schema" in _types(b),
    ),
    (
        "openai sampling",
        openai_requests(sampling=False),
        lambda b: bool({"temperature", "top_p"} & set(b)),
    ),
    (
        "openai logprobs",
        openai_requests(logprobs=False),
        lambda b: bool({"logprobs", "top_logprobs"} & set(b)),
    ),
    (
        "openai cache control",
        openai_requests(cache_control=False),
        lambda b: bool(
            {"prompt_cache_breakpoint", "prompt_cache_key", "prompt_cache_options"} & _keys(b)
        ),
    ),
    (
        "openai mid_system",
        openai_requests(mid_system=False),
        lambda b: any(r in ("system", "developer") for r in _roles(b)[1:]),
    ),
    (
        "openai prefill",
        openai_requests(prefill=False, tools=False, deprecated=False),
        lambda b: _roles(b)[-1] == "assistant",
    ),
    ("openai multiple choices", openai_requests(multiple_choices=False), lambda b: "n" in b),
    (
        "openai deprecated",
        openai_requests(deprecated=False),
        lambda b: (
            bool({"functions", "function_call", "max_tokens", "user"} & _keys(b))
            or "function" in _roles(b)
        ),
    ),
    (
        "openai protocol-specific",
        openai_requests(protocol_specific=False),
        _openai_specific,
    ),
    (
        "openai explicit nulls",
        openai_requests(explicit_nulls=False, lenient=False),
        lambda b: None in b.values(),
    ),
    (
        "openai streaming",
        openai_requests(streaming=False),
        lambda b: bool({"stream", "stream_options"} & set(b)),
    ),
    (
        "openai lenient",
        openai_requests(lenient=False),
        lambda b: (
            any(m["role"] == "user" and m["content"] is None for m in b["messages"])
            or any("type" not in t for t in b.get("tools", []))
        ),
    ),
    (
        "openai response tools/refusals/audio/reasoning/citations/logprobs",
        openai_responses(
            tools=False,
            refusals=False,
            audio=False,
            reasoning=False,
            citations=False,
            logprobs=False,
            deprecated=False,
        ),
        lambda b: (
            bool(
                {"tool_calls", "audio", "reasoning_content", "reasoning_details", "function_call"}
                & _keys(b)
            )
            or any(
                c["message"].get("refusal") or c["message"].get("annotations") or c.get("logprobs")
                for c in b["choices"]
            )
        ),
    ),
    (
        "openai response choices",
        openai_responses(multiple_choices=False, protocol_specific=False),
        lambda b: len(b["choices"]) > 1 or bool({"service_tier", "system_fingerprint"} & set(b)),
    ),
    (
        "openai lenient servers",
        openai_chunk_streams(lenient=False),
        lambda p: (
            any(
                c["finish_reason"] == "stop" and c["message"].get("tool_calls")
                for c in p[0]["choices"]
            )
            or any(
                "id" not in call
                for c in p[0]["choices"]
                for call in c["message"].get("tool_calls") or ()
            )
            or any(c.get("usage") for c in p[1][:-1])
            or any(
                "name" in call.get("function", {}) and "id" not in call
                for c in p[1]
                for choice in c["choices"]
                for call in choice["delta"].get("tool_calls") or ()
            )
        ),
    ),
    (
        "openai stream usage off",
        openai_chunk_streams(include_usage=False),
        lambda p: p[0]["usage"] is not None or any("usage" in c for c in p[1]),
    ),
    (
        "openai stream usage on",
        openai_chunk_streams(include_usage=True),
        lambda p: p[1][-1]["choices"] != [] or p[0]["usage"] is None,
    ),
    (
        "anthropic tools",
        anthropic_requests(tools=False, server_tools=False, beta=False, protocol_specific=False),
        lambda b: (
            bool({"tools", "tool_choice"} & set(b)) or bool({"tool_use", "tool_result"} & _types(b))
        ),
    ),
    ("anthropic images", anthropic_requests(images=False), lambda b: "image" in _types(b)),
    (
        "anthropic documents",
        anthropic_requests(documents=False),
        lambda b: bool({"document", "search_result"} & {x["type"] for x in _anthropic_blocks(b)}),
    ),
    (
        "anthropic thinking",
        anthropic_requests(thinking=False),
        lambda b: (
            bool({"thinking", "redacted_thinking"} & _types(b))
            or "thinking" in b
            or "effort" in _keys(b)
        ),
    ),
    (
        "anthropic server tools",
        anthropic_requests(server_tools=False),
        lambda b: any(
            t.startswith(("server_tool_use", "web_", "code_execution", "bash_code"))
            for t in _types(b)
        ),
    ),
    ("anthropic citations", anthropic_requests(citations=False), lambda b: "citations" in _keys(b)),
    (
        "anthropic cache control",
        anthropic_requests(cache_control=False),
        lambda b: "cache_control" in _keys(b),
    ),
    (
        "anthropic structured outputs",
        anthropic_requests(structured_outputs=False),
        lambda b: "format" in _keys(b),
    ),
    (
        "anthropic sampling",
        anthropic_requests(sampling=False),
        lambda b: bool({"temperature", "top_p", "top_k"} & set(b)),
    ),
    ("anthropic mid_system", anthropic_requests(mid_system=False), lambda b: "system" in _roles(b)),
    (
        "anthropic prefill",
        anthropic_requests(prefill=False),
        lambda b: _roles(b)[-1] == "assistant",
    ),
    (
        "anthropic beta",
        anthropic_requests(beta=False),
        lambda b: (
            bool({"mcp_servers", "betas", "context_management"} & set(b))
            or bool({"mcp_tool_use", "mcp_tool_result", "mcp_toolset", "compaction"} & _types(b))
        ),
    ),
    (
        "anthropic protocol-specific",
        anthropic_requests(protocol_specific=False),
        lambda b: (
            bool(
                {"metadata", "service_tier", "speed", "inference_geo", "container", "diagnostics"}
                & set(b)
            )
            or bool(
                {"caller", "transformations", "context", "display", "defer_loading", "file_id"}
                & _keys(b)
            )
            or bool({"bash_20250124", "text_editor_20250728", "memory_20250818"} & _types(b))
        ),
    ),
    (
        "anthropic explicit nulls",
        anthropic_requests(explicit_nulls=False),
        lambda b: None in b.values(),
    ),
    ("anthropic streaming", anthropic_requests(streaming=False), lambda b: "stream" in b),
    (
        "anthropic response features",
        anthropic_responses(
            tools=False,
            thinking=False,
            server_tools=False,
            citations=False,
            refusals=False,
            beta=False,
        ),
        lambda b: (
            bool(
                {"tool_use", "thinking", "redacted_thinking", "server_tool_use", "mcp_tool_use"}
                & _types(b)
            )
            or "citations" in _keys(b)
            or b["stop_reason"] in ("refusal", "pause_turn", "tool_use")
        ),
    ),
    (
        "anthropic pings",
        anthropic_event_streams(pings=False),
        lambda p: any(e["type"] == "ping" for e in p[1]),
    ),
    (
        "anthropic stream lenient",
        anthropic_event_streams(lenient=False),
        lambda p: any(
            e["type"] == "content_block_start"
            and e["content_block"]["type"] == "thinking"
            and "signature" not in e["content_block"]
            for e in p[1]
        ),
    ),
]


@pytest.mark.parametrize(
    ("strategy", "present"), [c[1:] for c in _FLAG_CASES], ids=[c[0] for c in _FLAG_CASES]
)
# Forty cases of a "never" property: a quarter of the profile's examples each keeps the file fast.
@settings(max_examples=max(10, settings().max_examples // 4))
@given(data=st.data())
def test_a_flag_turned_off_removes_its_feature(
    strategy: st.SearchStrategy[Any], present: Callable[[Any], bool], data: st.DataObject
) -> None:
    """With a feature flag off, nothing of that feature is ever generated."""
    assert not present(data.draw(strategy))


# -- what "makes sense" means ----------------------------------------------------------------------

_ANTHROPIC_ID = re.compile(r"^[a-zA-Z0-9_-]+$")
_MAGIC = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/gif": b"GIF8",
    "image/webp": b"RIFF",
}


def _check_image(media_type: str, data: str) -> None:
    assert base64.b64decode(data, validate=True).startswith(_MAGIC[media_type])


def check_openai_conversation(body: JSON) -> None:
    """Tool calls are answered right after, by id; called tools are declared; images are real."""
    declared = {
        (t.get("function") or t.get("custom") or t)["name"] for t in body.get("tools") or []
    }
    messages = body["messages"]
    for i, message in enumerate(messages):
        if message["role"] == "assistant" and message.get("tool_calls"):
            calls = message["tool_calls"]
            ids = {c["id"] for c in calls}
            answers = []
            for later in messages[i + 1 :]:
                if later["role"] != "tool":
                    break
                answers.append(later["tool_call_id"])
            assert sorted(answers) == sorted(ids)
            assert {(c.get("function") or c.get("custom"))["name"] for c in calls} <= declared
            for call in calls:
                if call["type"] == "function":
                    assert isinstance(json.loads(call["function"]["arguments"]), dict)
        if message["role"] == "tool":
            previous = next(m for m in reversed(messages[:i]) if m["role"] != "tool")
            assert message["tool_call_id"] in {c["id"] for c in previous.get("tool_calls") or []}
        if isinstance(message.get("content"), str) and message["role"] != "assistant":
            assert message["content"].strip()
        content = message.get("content")
        for part in content if isinstance(content, list) else []:
            if part["type"] == "image_url" and part["image_url"]["url"].startswith("data:"):
                head, data = part["image_url"]["url"].split(",", 1)
                _check_image(head[5:].split(";")[0], data)


def check_openai_choices(body: JSON) -> None:
    """Finish reasons fit messages; logprob tokens spell the content; usage adds up."""
    for choice in body["choices"]:
        message = choice["message"]
        if message.get("tool_calls"):
            # ("stop": what Ollama and other OpenAI-compatible servers send, lenient only)
            assert choice["finish_reason"] in ("tool_calls", "stop")
        logprobs = choice.get("logprobs")
        if logprobs and logprobs["content"] is not None:
            assert "".join(t["token"] for t in logprobs["content"]) == message["content"]
        for note in message.get("annotations") or []:
            citation = note["url_citation"]
            assert 0 <= citation["start_index"] <= citation["end_index"] <= len(message["content"])
    usage = body.get("usage")
    if usage:
        assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def check_openai_stream(final: JSON, chunks: list[JSON]) -> None:
    """Role once per choice, one finish reason per choice, tool-call ids/types/names on the first
    fragment only, and the usage chunk (if any) last."""
    for chunk in chunks:
        assert (chunk["id"], chunk["created"], chunk["model"]) == (
            final["id"],
            final["created"],
            final["model"],
        )
    for choice in final["choices"]:
        entries = [e for c in chunks for e in c["choices"] if e["index"] == choice["index"]]
        assert ["role" in e["delta"] for e in entries].count(True) == 1
        assert "role" in entries[0]["delta"]
        assert [e["finish_reason"] is not None for e in entries] == [False] * (len(entries) - 1) + [
            True
        ]
        seen: set[int] = set()
        named: dict[int, str] = {}
        arguments: set[int] = set()  # indices whose argument bytes have begun
        for entry in entries:
            for call in entry["delta"].get("tool_calls") or []:
                first = call["index"] not in seen
                seen.add(call["index"])
                assert ("id" in call) <= first  # (lenient: some servers send no id)
                assert ("type" in call) == first
                # the name on the first fragment - in pieces (lenient), before any argument bytes
                assert first <= ("name" in call["function"])
                if "name" in call["function"]:
                    assert call["index"] not in arguments
                    named[call["index"]] = named.get(call["index"], "") + call["function"]["name"]
                if call["function"].get("arguments"):
                    arguments.add(call["index"])
        calls = choice["message"].get("tool_calls") or []
        assert [named[i] for i in sorted(named)] == [c["function"]["name"] for c in calls]
    usage_chunks = [c for c in chunks if c.get("usage")]
    if final["usage"] is not None:
        # the usage chunk last; a running count on the others (lenient: continuous usage stats)
        assert usage_chunks[-1] is chunks[-1]
        assert chunks[-1]["choices"] == []
        assert usage_chunks in ([chunks[-1]], chunks)
    else:
        assert not usage_chunks


def check_anthropic_conversation(body: JSON) -> None:
    """Turns alternate, tool uses are answered first thing in the next user turn, ids are valid,
    thinking comes first, budgets fit, documents and citations are where the API allows them."""
    messages = [m for m in body["messages"] if m["role"] != "system"]
    roles = [m["role"] for m in messages]
    assert roles[0] == "user"
    assert all(a != b for a, b in itertools.pairwise(roles))
    for i, message in enumerate(body["messages"]):
        if message["role"] == "system":
            assert i > 0
            assert body["messages"][i - 1]["role"] == "user"
            assert i + 1 == len(body["messages"]) or body["messages"][i + 1]["role"] == "assistant"
    for i, message in enumerate(messages):
        blocks = message["content"] if isinstance(message["content"], list) else []
        types = [b["type"] for b in blocks]
        if message["role"] == "assistant":
            uses = [b["id"] for b in blocks if b["type"] == "tool_use"]
            assert all(_ANTHROPIC_ID.match(u) for u in uses)
            assert "document" not in types
            thought = [t in ("thinking", "redacted_thinking") for t in types]
            assert thought == sorted(thought, reverse=True), "thinking comes first"
            if uses:
                following = messages[i + 1]["content"]
                answers = [b["tool_use_id"] for b in following[: len(uses)]]
                assert answers == uses
        else:
            assert not any(b.get("citations") for b in blocks if b["type"] == "text")
        for block in blocks:
            if block["type"] == "text":
                assert block["text"].strip()
            if block["type"] == "image" and block["source"]["type"] == "base64":
                _check_image(block["source"]["media_type"], block["source"]["data"])
    if isinstance(messages[-1]["content"], str) and messages[-1]["role"] == "assistant":
        assert messages[-1]["content"] == messages[-1]["content"].rstrip()
    thinking = body.get("thinking")
    if thinking and thinking["type"] == "enabled":
        assert 1024 <= thinking["budget_tokens"] < body["max_tokens"]
    if thinking and thinking["type"] != "disabled":
        assert thinking_fits_the_tool_loop(body["messages"])


def thinking_fits_the_tool_loop(messages: list[JSON]) -> bool:
    """With thinking on, the API requires the last assistant turn, when it calls tools, to start
    with a thinking block ("a final assistant message must start with a thinking block")."""
    last = next((m for m in reversed(messages) if m["role"] == "assistant"), None)
    content = last["content"] if last is not None else None
    if not isinstance(content, list) or not any(b["type"] == "tool_use" for b in content):
        return True
    return bool(content[0]["type"] in ("thinking", "redacted_thinking"))


def check_anthropic_message(message: JSON) -> None:
    """The stop reason fits the content; server tool calls are followed by their results."""
    types = [b["type"] for b in message["content"]]
    assert (message["stop_reason"] == "tool_use") == ("tool_use" in types)
    assert (message["stop_sequence"] is not None) == (message["stop_reason"] == "stop_sequence")
    for i, block in enumerate(message["content"]):
        if block["type"] == "server_tool_use":
            assert message["content"][i + 1]["tool_use_id"] == block["id"]
        if block["type"] == "tool_use":
            assert _ANTHROPIC_ID.match(block["id"])


def check_anthropic_stream(final: JSON, events: list[JSON]) -> None:
    """message_start first, message_stop last, blocks started and stopped one at a time with dense
    indices, deltas that fit their block, one signature per thinking block, usage that only grows."""
    assert events[0]["type"] == "message_start"
    assert events[0]["message"]["content"] == []
    assert events[0]["message"]["stop_reason"] is None
    assert events[-1]["type"] == "message_stop"
    open_block: JSON | None = None
    started = 0
    signatures = 0
    output_tokens = [events[0]["message"]["usage"]["output_tokens"]]
    for event in events[1:-1]:
        kind = event["type"]
        if kind == "content_block_start":
            assert open_block is None
            assert event["index"] == started
            open_block = event["content_block"]
            started += 1
            signatures = 0
            if open_block["type"] in ("tool_use", "server_tool_use"):
                assert open_block["input"] == {}
        elif kind == "content_block_delta":
            assert open_block is not None
            assert event["index"] == started - 1
            delta = event["delta"]["type"]
            allowed = {
                "text": {"text_delta", "citations_delta"},
                "thinking": {"thinking_delta", "signature_delta"},
            }.get(open_block["type"], {"input_json_delta"})
            assert delta in allowed
            assert signatures == 0, "signature_delta is the last delta of its block"
            signatures += delta == "signature_delta"
        elif kind == "content_block_stop":
            assert open_block is not None
            assert event["index"] == started - 1
            assert signatures == (open_block["type"] == "thinking")
            open_block = None
        elif kind == "message_delta":
            assert open_block is None
            output_tokens.append(event["usage"]["output_tokens"])
        else:
            assert kind == "ping"
    assert started == len(final["content"])
    assert output_tokens == sorted(output_tokens)
    assert output_tokens[-1] == final["usage"]["output_tokens"]


def _has_unknown(value: Any) -> bool:
    if isinstance(value, dict):
        if any(k.startswith("x_future_") for k in value):
            return True
        if (
            str(value.get("type", "")).startswith("future_")
            or value.get("role") == "future_role_v9"
        ):
            return True
        return any(_has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_unknown(v) for v in value)
    return False


def _containers(value: Any) -> Iterable[Any]:
    if isinstance(value, (dict, list)):
        yield value
        for item in value.values() if isinstance(value, dict) else value:
            yield from _containers(item)
    else:
        assert value is None or isinstance(value, (str, int, float, bool))


def _floats(value: Any) -> Iterable[float]:
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _floats(item)
    elif isinstance(value, list):
        for item in value:
            yield from _floats(item)
