"""Responses <-> Anthropic Messages: the behaviours the issue names, one example each.

Thinking through a Responses client byte for byte (the carrier and its version rule), blobs of
another origin never sent to Anthropic as signatures, custom tools, stop reasons, usage
arithmetic, error shapes both ways, and the stream converters' handling of broken, truncated and
failing streams. (The properties, round trips and SDK oracles are in
tests/property/test_responses_anthropic_properties.py and test_responses_anthropic_sdk.py.)
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.mapping.reasoning_responses import decode_origin
from ruapi_convert.sse import SSETranscoder

Json = dict[str, Any]

CODEX: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}
SIGNATURE = "EqQBCkYIBxgCKkBv2xV1uJ8h5Qm3k0bJqT7t4ZcN1yR6wP0aS9dL2fG8hK3jM5nB7vC4xZ1"


def _message(content: list[Json], stop: str = "end_turn", **usage: int) -> Json:
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-opus-4-8",
        "content": content,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 5, **usage},
    }


def _carrier(payload: Json) -> str:
    """The documented carrier written independently of the library: "rc1:" + base64(JSON)."""
    text = json.dumps(payload, separators=(",", ":"))
    return "rc1:" + base64.b64encode(text.encode()).decode()


# -- thinking through a Responses client -------------------------------------------------------------


def test_thinking_becomes_a_reasoning_item_with_its_signature_in_the_documented_carrier() -> None:
    """A thinking block: its text is the summary, its signature rides in encrypted_content as
    rc1 + base64 of {origin: anthropic, type: thinking, signature}; redacted data likewise."""
    reply = _message(
        [
            {"type": "thinking", "thinking": "Plan.", "signature": SIGNATURE},
            {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"},
            {"type": "text", "text": "Hi"},
        ]
    )
    output = rc.anthropic_to_responses_response(reply, request=CODEX).value.to_dict()["output"]
    assert output[0]["summary"] == [{"type": "summary_text", "text": "Plan."}]
    assert output[0]["encrypted_content"] == _carrier(
        {"origin": "anthropic", "type": "thinking", "signature": SIGNATURE}
    )
    assert output[1]["summary"] == []
    assert output[1]["encrypted_content"] == _carrier(
        {"origin": "anthropic", "type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"}
    )


def test_interleaved_thinking_across_a_tool_loop_comes_back_byte_for_byte_in_order() -> None:
    """Thinking, call, thinking, call in one reply -> items in order -> the same blocks."""
    reply = _message(
        [
            {"type": "thinking", "thinking": "First.", "signature": "sig-1"},
            {"type": "tool_use", "id": "toolu_1", "name": "ls", "input": {"path": "."}},
            {"type": "thinking", "thinking": "", "signature": "sig-2"},  # display omitted
            {"type": "tool_use", "id": "toolu_2", "name": "ls", "input": {"path": "src"}},
        ],
        stop="tool_use",
    )
    there = rc.anthropic_to_responses_response(reply, request=CODEX, created=1)
    assert [i["type"] for i in there.value.to_dict()["output"]] == [
        "reasoning", "function_call", "reasoning", "function_call",
    ]  # fmt: skip
    back = rc.responses_to_anthropic_response(there.value)
    assert back.value.to_dict()["content"] == reply["content"]
    assert there.losses == back.losses == ()


def test_replayed_reasoning_restores_the_signed_thinking_of_the_assistant_turn() -> None:
    """Codex sends the reasoning item back (no id, content null): Anthropic gets the block."""
    request = {
        "model": "claude-opus-4-8",
        "max_output_tokens": 1024,
        "reasoning": {"effort": "low"},
        "input": [
            {"role": "user", "content": "Hi"},
            {
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": "Plan."}],
                "content": None,
                "encrypted_content": _carrier(
                    {"origin": "anthropic", "type": "thinking", "signature": SIGNATURE}
                ),
            },
            {"type": "function_call", "call_id": "toolu_1", "name": "ls", "arguments": "{}"},
            {"type": "function_call_output", "call_id": "toolu_1", "output": "a.txt"},
        ],
        "tools": [{"type": "function", "name": "ls", "parameters": {"type": "object"}}],
    }
    result = rc.responses_to_anthropic_request(request)
    body = result.value.to_dict()
    assert body["messages"][1]["content"][0] == {
        "type": "thinking",
        "thinking": "Plan.",
        "signature": SIGNATURE,
    }
    assert body["thinking"] == {"type": "adaptive"}  # signed thinking before the call: kept on


@pytest.mark.parametrize(
    "blob",
    [
        "gAAAAABpNx1kR0Qm5zX2vL8tW3yB6nE1cU9aF4hJ7kD0sG2pM5qZ8",  # OpenAI's own
        _carrier({"reasoning_content": "a Chat upstream's reasoning"}),  # a Chat carrier
        _carrier({"origin": "anthropic", "type": "thinking", "signature": "s", "extra": 1}),
        "rc2:" + base64.b64encode(b'{"origin":"anthropic"}').decode(),  # a later version
    ],
    ids=["openai", "chat-carrier", "unknown-key", "rc2"],
)
def test_a_blob_anthropic_did_not_issue_is_never_sent_as_a_signature(blob: str) -> None:
    """Reasoning with another origin's blob is dropped and reported, never a signature."""
    request = {
        "model": "claude-opus-4-8",
        "max_output_tokens": 1024,
        "input": [
            {"role": "user", "content": "Hi"},
            {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": blob},
            {"role": "assistant", "content": [{"type": "output_text", "text": "Hello"}]},
            {"role": "user", "content": "Again"},
        ],
    }
    result = rc.responses_to_anthropic_request(request)
    sent = json.dumps(result.value.to_dict())
    assert '"thinking"' not in sent
    assert '"redacted_thinking"' not in sent
    assert blob not in sent
    assert [loss.path for loss in result.losses] == ["input[1]"]


def test_responses_reasoning_rides_in_the_signature_and_goes_back_under_its_item_id() -> None:
    """An Anthropic client in front of a Responses upstream: the item's id and blob ride in the
    thinking block's signature and return exactly."""
    response = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "gpt-5.2",
        "output": [
            {
                "id": "rs_abc",
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": "Think."}],
                "encrypted_content": "gAAAAABblob",
            },
            {
                "id": "fc_1",
                "type": "function_call",
                "status": "completed",
                "call_id": "call_1",
                "name": "ls",
                "arguments": '{"path":"."}',
            },
        ],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
    }
    message = rc.responses_to_anthropic_response(response).value.to_dict()
    thinking = message["content"][0]
    assert decode_origin(thinking["signature"]) == {
        "origin": "responses",
        "id": "rs_abc",
        "encrypted_content": "gAAAAABblob",
    }
    request = {
        "model": "gpt-5.2",
        "max_tokens": 100,
        "messages": [
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": message["content"]},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "call_1", "content": "a"}],
            },
        ],
    }
    items = rc.anthropic_to_responses_request(request).value.to_dict()["input"]
    assert items[1] == {
        "id": "rs_abc",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Think."}],
        "encrypted_content": "gAAAAABblob",
    }


def test_anthropic_signed_thinking_is_not_sent_to_a_responses_upstream() -> None:
    """Only Anthropic can verify its signatures: its thinking in history is dropped, reported."""
    request = {
        "model": "gpt-5.2",
        "max_tokens": 100,
        "messages": [
            {"role": "user", "content": "Hi"},
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": "t", "signature": SIGNATURE},
                    {"type": "text", "text": "Hello"},
                ],
            },
            {"role": "user", "content": "Again"},
        ],
    }
    result = rc.anthropic_to_responses_request(request)
    assert all(i["type"] != "reasoning" for i in result.value.to_dict()["input"])
    assert [loss.path for loss in result.losses] == ["messages[1].content[0]"]


# -- custom tools ----------------------------------------------------------------------------------


def test_a_custom_tool_call_of_the_request_comes_back_as_custom_tool_call() -> None:
    request = {**CODEX, "tools": [{"type": "custom", "name": "apply_patch"}]}
    patch = "*** Begin Patch\n*** End Patch\n"
    reply = _message(
        [{"type": "tool_use", "id": "toolu_1", "name": "apply_patch", "input": {"input": patch}}],
        stop="tool_use",
    )
    item = rc.anthropic_to_responses_response(reply, request=request).value.to_dict()["output"][-1]
    assert item["type"] == "custom_tool_call"
    assert (item["call_id"], item["name"], item["input"]) == ("toolu_1", "apply_patch", patch)


def test_a_custom_call_without_the_custom_form_is_sent_as_its_json_and_reported() -> None:
    request = {**CODEX, "tools": [{"type": "custom", "name": "apply_patch"}]}
    reply = _message(
        [{"type": "tool_use", "id": "toolu_1", "name": "apply_patch", "input": {"patch": "x"}}],
        stop="tool_use",
    )
    result = rc.anthropic_to_responses_response(reply, request=request, created=1)
    assert result.value.to_dict()["output"][-1]["input"] == '{"patch":"x"}'
    assert [(loss.path, loss.kind) for loss in result.losses] == [
        ("content[0].input", "approximated")
    ]


# -- stop reasons and usage --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stop", "status", "reason", "reported"),
    [
        ("end_turn", "completed", None, False),
        ("pause_turn", "completed", None, True),
        ("max_tokens", "incomplete", "max_output_tokens", False),
        ("model_context_window_exceeded", "incomplete", "max_output_tokens", True),
        ("refusal", "incomplete", "content_filter", False),
    ],
)
def test_stop_reasons_become_status_and_incomplete_details(
    stop: str, status: str, reason: str | None, reported: bool
) -> None:
    result = rc.anthropic_to_responses_response(_message([{"type": "text", "text": "x"}], stop))
    body = result.value.to_dict()
    assert body["status"] == status
    assert body["incomplete_details"] == ({"reason": reason} if reason else None)
    assert any(loss.path == "stop_reason" for loss in result.losses) is reported


def test_usage_arithmetic_both_ways() -> None:
    """Responses input_tokens include cache reads and writes; Anthropic's do not."""
    reply = _message(
        [{"type": "text", "text": "x"}],
        cache_read_input_tokens=100,
        cache_creation_input_tokens=20,
    )
    there = rc.anthropic_to_responses_response(reply).value.to_dict()["usage"]
    assert there == {
        "input_tokens": 130,
        "input_tokens_details": {"cached_tokens": 100, "cache_write_tokens": 20},
        "output_tokens": 5,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 135,
    }
    response = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "m",
        "output": [],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": there,
    }
    back = rc.responses_to_anthropic_response(response).value.to_dict()["usage"]
    assert (back["input_tokens"], back["cache_read_input_tokens"]) == (10, 100)
    assert back["cache_creation_input_tokens"] == 20


def test_count_tokens_bodies_both_ways() -> None:
    body = {"model": "m", "input": "Hi", "instructions": "Be brief."}
    counted = rc.responses_to_anthropic_count_tokens_request(body).value.to_dict()
    assert counted == {
        "model": "m",
        "system": "Be brief.",
        "messages": [{"role": "user", "content": "Hi"}],
    }
    reply = rc.anthropic_to_responses_count_tokens_response({"input_tokens": 42})
    assert reply.value.to_dict() == {"object": "response.input_tokens", "input_tokens": 42}


# -- errors ------------------------------------------------------------------------------------------


def test_an_anthropic_context_overflow_is_context_length_exceeded_for_codex() -> None:
    body = {
        "type": "error",
        "error": {
            "type": "invalid_request_error",
            "message": "prompt is too long: 210000 tokens > 200000 maximum",
        },
    }
    result = rc.anthropic_to_responses_error(400, body)
    assert result.value.status == 400
    assert result.value.body.to_dict()["error"]["code"] == "context_length_exceeded"


def test_an_anthropic_rate_limit_keeps_status_and_retry_after() -> None:
    body = {"type": "error", "error": {"type": "rate_limit_error", "message": "slow down"}}
    result = rc.anthropic_to_responses_error(429, body, {"retry-after": "7"})
    assert result.value.status == 429
    assert result.value.body.to_dict()["error"]["code"] == "rate_limit_exceeded"
    assert result.value.headers["retry-after"] == "7"


def test_a_responses_quota_error_is_an_anthropic_billing_error() -> None:
    body = {
        "error": {
            "message": "You exceeded your current quota",
            "type": "insufficient_quota",
            "param": None,
            "code": "insufficient_quota",
        }
    }
    result = rc.responses_to_anthropic_error(429, body)
    assert result.value.body.to_dict()["error"]["type"] == "billing_error"


def _a2r(events: list[Json], **kw: Any) -> list[Json]:
    converter = rc.AnthropicToResponsesStream(request=CODEX, created=1, **kw)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    return [e.to_dict() for e in out + converter.close()]


_START: Json = {"type": "message_start", "message": {**_message([]), "stop_reason": None}}


@pytest.mark.parametrize(
    ("kind", "message", "code"),
    [
        ("rate_limit_error", "Rate limited", "rate_limit_exceeded"),
        ("overloaded_error", "Overloaded", "server_is_overloaded"),
        ("billing_error", "Credit balance is too low", "insufficient_quota"),
        ("invalid_request_error", "prompt is too long: 5 tokens > 4 maximum", "context_length_exceeded"),
        ("api_error", "Internal", "server_error"),
    ],
)  # fmt: skip
def test_an_anthropic_error_event_fails_the_response_with_the_code_codex_retries_on(
    kind: str, message: str, code: str
) -> None:
    error = {"type": "error", "error": {"type": kind, "message": message}}
    events = _a2r([_START, error])
    assert [e["type"] for e in events][-2:] == ["error", "response.failed"]
    assert events[-2]["code"] == code
    assert events[-1]["response"]["error"] == {"code": code, "message": message}


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("rate_limit_exceeded", "rate_limit_error"),
        ("context_length_exceeded", "invalid_request_error"),
        ("insufficient_quota", "billing_error"),
        ("server_is_overloaded", "overloaded_error"),
        ("server_error", "api_error"),
    ],
)
def test_a_failed_response_is_an_anthropic_error_event(code: str, kind: str) -> None:
    created: Json = {
        "type": "response.created",
        "sequence_number": 0,
        "response": {"id": "resp_1", "object": "response", "created_at": 1, "model": "m",
                     "status": "in_progress", "output": [], "parallel_tool_calls": True,
                     "tool_choice": "auto", "tools": []},
    }  # fmt: skip
    failed = {
        "type": "response.failed",
        "sequence_number": 1,
        "response": {**created["response"], "status": "failed",
                     "error": {"code": code, "message": "m"}},
    }  # fmt: skip
    converter = rc.ResponsesToAnthropicStream()
    out = [e.to_dict() for e in converter.feed(created) + converter.feed(failed)]
    assert out[-1] == {"type": "error", "error": {"type": kind, "message": "m"}}
    assert converter.close() == []


# -- broken streams ----------------------------------------------------------------------------------


def test_a_delta_before_its_block_starts_is_a_stream_protocol_error() -> None:
    converter = rc.AnthropicToResponsesStream()
    converter.feed(_START)
    delta = {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "text_delta", "text": "x"},
    }
    with pytest.raises(rc.StreamProtocolError) as info:
        converter.feed(delta)
    hint = [e.to_dict()["type"] for e in info.value.event_hint or []]
    assert hint == ["error", "response.failed"]


def test_events_after_message_stop_are_refused_and_pings_ignored() -> None:
    converter = rc.AnthropicToResponsesStream()
    for event in (_START, {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                           "usage": {"output_tokens": 1}}, {"type": "message_stop"}):  # fmt: skip
        converter.feed(event)
    assert converter.feed({"type": "ping"}) == []
    with pytest.raises(rc.StreamProtocolError):
        converter.feed(_START)


def test_an_anthropic_stream_cut_short_fails_through_the_transcoder_too() -> None:
    transcoder = SSETranscoder(rc.AnthropicToResponsesStream(request=CODEX))
    data = b"event: message_start\ndata: " + json.dumps(_START).encode() + b"\n\n"
    out = transcoder.feed(data) + transcoder.close()
    assert out.count(b"event: response.failed") == 1
    assert b"response.completed" not in out


def test_held_text_is_bounded_by_max_stream_buffer() -> None:
    """A custom call's input is held until its block stops: beyond the bound the stream fails."""
    request = {**CODEX, "tools": [{"type": "custom", "name": "apply_patch"}]}
    converter = rc.AnthropicToResponsesStream(request=request, max_stream_buffer=10)
    converter.feed(_START)
    block = {"type": "tool_use", "id": "toolu_1", "name": "apply_patch", "input": {}}
    converter.feed({"type": "content_block_start", "index": 0, "content_block": block})
    piece = {"type": "input_json_delta", "partial_json": '{"input": "0123456789'}
    with pytest.raises(rc.StreamProtocolError, match="max_stream_buffer"):
        converter.feed({"type": "content_block_delta", "index": 0, "delta": piece})


def test_arguments_only_in_the_done_event_still_reach_the_tool_use() -> None:
    """function_call_arguments.done without deltas (the peers' empty-input bug): the tool_use's
    input is the final arguments."""
    response = {"id": "resp_1", "object": "response", "created_at": 1, "model": "m",
                "output": [], "parallel_tool_calls": True, "tool_choice": "auto", "tools": []}  # fmt: skip
    call = {"id": "fc_1", "type": "function_call", "status": "completed", "call_id": "call_1",
            "name": "ls", "arguments": '{"path":"src"}'}  # fmt: skip
    events = [
        {"type": "response.created", "sequence_number": 0,
         "response": {**response, "status": "in_progress"}},
        {"type": "response.output_item.added", "sequence_number": 1, "output_index": 0,
         "item": {**call, "status": "in_progress", "arguments": ""}},
        {"type": "response.function_call_arguments.done", "sequence_number": 2,
         "output_index": 0, "item_id": "fc_1", "arguments": call["arguments"]},
        {"type": "response.output_item.done", "sequence_number": 3, "output_index": 0,
         "item": call},
        {"type": "response.completed", "sequence_number": 4,
         "response": {**response, "status": "completed", "output": [call]}},
    ]  # fmt: skip
    converter = rc.ResponsesToAnthropicStream()
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    deltas = [e.to_dict()["delta"] for e in out if e.type == "content_block_delta"]
    assert deltas == [{"type": "input_json_delta", "partial_json": '{"path":"src"}'}]
    assert out[-2].to_dict()["delta"]["stop_reason"] == "tool_use"


# -- server tools, tool-result media, cache and format -------------------------------------------------


def test_web_search_blocks_and_citations_become_a_web_search_call_and_url_citations() -> None:
    reply = _message(
        [
            {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search",
             "input": {"query": "ruapi"}},
            {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1",
             "content": [{"type": "web_search_result", "url": "https://a.example/x",
                          "title": "A", "encrypted_content": "EqA", "page_age": None}]},
            {"type": "text", "text": "It is a library.",
             "citations": [{"type": "web_search_result_location", "url": "https://a.example/x",
                            "title": "A", "cited_text": "a library", "encrypted_index": "Eo1"}]},
        ],
        server_tool_use={"web_search_requests": 1},  # type: ignore[arg-type]
    )  # fmt: skip
    result = rc.anthropic_to_responses_response(reply, request={"model": "m"}, created=1)
    body = result.value.to_dict()
    search, message = body["output"]
    assert search == {
        "id": "srvtoolu_1",
        "type": "web_search_call",
        "status": "completed",
        "action": {
            "type": "search",
            "query": "ruapi",
            "sources": [{"type": "url", "url": "https://a.example/x"}],
        },
    }
    assert message["content"][0]["annotations"] == [
        {"type": "url_citation", "start_index": 0, "end_index": 16, "title": "A",
         "url": "https://a.example/x"}
    ]  # fmt: skip
    assert body["tool_usage"]["web_search"] == {"num_requests": 1}
    assert sorted((loss.path, loss.kind) for loss in result.losses) == [
        ("content[1].content", "approximated"),
        ("content[2].citations[0]", "approximated"),
    ]


def test_images_and_documents_in_tool_results_survive_both_ways() -> None:
    """Anthropic keeps media in tool results; a Responses tool output holds input_image and
    input_file parts: nothing is lost either way."""
    result_block = {
        "type": "tool_result",
        "tool_use_id": "toolu_1",
        "content": [
            {"type": "text", "text": "here"},
            {"type": "image",
             "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
            {"type": "document", "title": "a.pdf",
             "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="}},
        ],
    }  # fmt: skip
    request = {
        "model": "m",
        "max_tokens": 100,
        "messages": [
            {"role": "user", "content": "Hi"},
            {"role": "assistant",
             "content": [{"type": "tool_use", "id": "toolu_1", "name": "shot", "input": {}}]},
            {"role": "user", "content": [result_block]},
        ],
    }  # fmt: skip
    there = rc.anthropic_to_responses_request(request)
    assert there.value.to_dict()["input"][2]["output"] == [
        {"type": "input_text", "text": "here"},
        {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo=",
         "detail": "auto"},
        {"type": "input_file", "file_data": "data:application/pdf;base64,JVBERi0=",
         "filename": "a.pdf"},
    ]  # fmt: skip
    back = rc.responses_to_anthropic_request(there.value)
    assert back.value.to_dict()["messages"][2]["content"] == [result_block]
    assert there.losses == back.losses == ()


def test_cache_breakpoints_and_json_schema_formats_correspond() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "required": ["a"],
        "additionalProperties": False,
    }
    request = {
        "model": "m",
        "max_output_tokens": 100,
        "input": [{"role": "user", "content": [
            {"type": "input_text", "text": "Hi", "prompt_cache_breakpoint": {"mode": "explicit"}}
        ]}],
        "text": {"format": {"type": "json_schema", "name": "output", "schema": schema,
                            "strict": True}},
    }  # fmt: skip
    result = rc.responses_to_anthropic_request(request)
    body = result.value.to_dict()
    assert body["messages"][0]["content"] == [
        {"type": "text", "text": "Hi", "cache_control": {"type": "ephemeral"}}
    ]
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": schema}}
    assert result.losses == ()
