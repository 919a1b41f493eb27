"""Responses <-> Chat Completions replies, and the items a gateway stores: one test per decision."""

from __future__ import annotations

from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.mapping.reasoning_responses import decode_carrier

Json = dict[str, Any]

CODEX: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}


def completion(message: Json, finish: str | None = "stop", **extra: Any) -> Json:
    return {
        "id": "chatcmpl-abc",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "m",
        "choices": [
            {"index": 0, "message": {"role": "assistant", **message}, "finish_reason": finish}
        ],
        **extra,
    }


def o2r(
    body: Json, request: Json | None = CODEX, **opts: Any
) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.openai_to_responses_response(body, request=request, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def response(output: list[Json], **extra: Any) -> Json:
    return {
        "id": "resp_xyz",
        "object": "response",
        "created_at": 1_700_000_000,
        "status": "completed",
        "model": "m",
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        **extra,
    }


def r2o(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.responses_to_openai_response(body, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def text_item(text: str, item_id: str = "msg_1", **extra: Any) -> Json:
    part = {"type": "output_text", "annotations": [], "text": text}
    return {
        "id": item_id,
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [part],
        **extra,
    }


# -- Chat -> Responses ---------------------------------------------------------------------------


def test_ids_derive_from_the_completion_and_call_ids_stay_apart() -> None:
    """resp_/msg_/fc_ ids derive from the completion id; call_id keeps the Chat call id."""
    call = {"id": "call_0", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    body, _ = o2r(completion({"content": "x", "tool_calls": [call]}, "tool_calls"), request=None)
    assert body["id"] == "resp_chatcmpl-abc"
    assert [item["id"] for item in body["output"]] == ["msg_chatcmpl-abc", "fc_chatcmpl-abc_0"]
    assert body["output"][1]["call_id"] == "call_0"


def test_the_reverse_id_is_restored() -> None:
    """A completion id made from a response id gives that response id back."""
    body, _ = o2r(completion({"content": "x"}) | {"id": "chatcmpl-resp_1"})
    assert body["id"] == "resp_1"


@pytest.mark.parametrize(
    ("finish", "status", "reason"),
    [
        ("stop", "completed", None),
        ("tool_calls", "completed", None),
        ("length", "incomplete", "max_output_tokens"),
        ("content_filter", "incomplete", "content_filter"),
    ],
)
def test_finish_reason_becomes_status(finish: str, status: str, reason: str | None) -> None:
    """finish_reason -> status and incomplete_details.reason (docs/mapping.md vocabulary)."""
    body, _ = o2r(completion({"content": "x"}, finish))
    assert body["status"] == status
    assert body["incomplete_details"] == ({"reason": reason} if reason else None)


def test_usage_moves_field_for_field() -> None:
    """prompt/completion tokens and their cached, cache-write and reasoning details map 1:1."""
    usage = {
        "prompt_tokens": 100,
        "completion_tokens": 20,
        "total_tokens": 120,
        "prompt_tokens_details": {"cached_tokens": 60, "cache_write_tokens": 10},
        "completion_tokens_details": {"reasoning_tokens": 5},
    }
    body, losses = o2r(completion({"content": "x"}, usage=usage))
    assert body["usage"] == {
        "input_tokens": 100,
        "input_tokens_details": {"cached_tokens": 60, "cache_write_tokens": 10},
        "output_tokens": 20,
        "output_tokens_details": {"reasoning_tokens": 5},
        "total_tokens": 120,
    }
    assert losses == []


def test_plain_reasoning_becomes_a_reasoning_item_with_a_carrier_when_asked() -> None:
    """reasoning_content -> a reasoning_text part; with include, the text also rides in a carrier."""
    body, _ = o2r(completion({"content": "x", "reasoning_content": "think"}))
    item = body["output"][0]
    assert item["content"] == [{"type": "reasoning_text", "text": "think"}]
    assert decode_carrier(item["encrypted_content"]) == {"reasoning_content": "think"}
    body, _ = o2r(
        completion({"content": "x", "reasoning_content": "think"}), request={"model": "m"}
    )
    assert "encrypted_content" not in body["output"][0]


def test_a_reply_without_reasoning_gets_the_reasoning_item_it_asked_for() -> None:
    """include reasoning.encrypted_content and no reasoning: one empty reasoning item (Codex waits)."""
    body, _ = o2r(completion({"content": "x"}))
    assert body["output"][0]["type"] == "reasoning"
    assert body["output"][0]["summary"] == []
    assert decode_carrier(body["output"][0]["encrypted_content"]) == {}


def test_openai_reasoning_keeps_its_id_and_blob_as_they_are() -> None:
    """openai-responses-v1 details with an id -> the reasoning item with that id and the raw blob."""
    details = [
        {
            "type": "reasoning.summary",
            "summary": "plan",
            "id": "rs_7",
            "format": "openai-responses-v1",
            "index": 0,
        },
        {
            "type": "reasoning.encrypted",
            "data": "gAAAA-blob",
            "id": "rs_7",
            "format": "openai-responses-v1",
            "index": 1,
        },
    ]
    body, losses = o2r(
        completion({"content": "x", "reasoning_content": "plan", "reasoning_details": details})
    )
    assert body["output"][0] == {
        "id": "rs_7",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "plan"}],
        "encrypted_content": "gAAAA-blob",
    }
    assert losses == []


def test_signed_reasoning_rides_in_a_carrier() -> None:
    """Anthropic-signed reasoning has no plain Responses form: its entries travel in a carrier."""
    details = [
        {
            "type": "reasoning.text",
            "text": "t",
            "signature": "sig",
            "format": "anthropic-claude-v1",
            "index": 0,
        }
    ]
    body, _ = o2r(
        completion({"content": "x", "reasoning_content": "t", "reasoning_details": details})
    )
    item = body["output"][0]
    assert item["content"] == [{"type": "reasoning_text", "text": "t"}]
    assert decode_carrier(item["encrypted_content"]) == {"reasoning_details": details}


def test_reasoning_content_that_differs_from_the_details_is_reported() -> None:
    """When reasoning_content is not the details' text, only the details are carried: reported."""
    details = [{"type": "reasoning.text", "text": "t", "signature": "sig", "index": 0}]
    _, losses = o2r(
        completion({"content": "x", "reasoning_content": "other", "reasoning_details": details})
    )
    assert losses == [("choices[0].message.reasoning_content", "approximated")]


def test_custom_calls_sent_as_functions_are_read_back_as_custom_calls() -> None:
    """With custom_tools='function', a call of the request's custom tool is a custom_tool_call."""
    request = {**CODEX, "tools": [{"type": "custom", "name": "apply_patch"}]}
    call = {
        "id": "call_p",
        "type": "function",
        "function": {"name": "apply_patch", "arguments": '{"input":"*** Begin"}'},
    }
    body, _ = o2r(
        completion({"content": None, "tool_calls": [call]}, "tool_calls"),
        request,
        custom_tools="function",
    )
    assert body["output"][-1] == {
        "id": "ctc_chatcmpl-abc_0",
        "type": "custom_tool_call",
        "status": "completed",
        "call_id": "call_p",
        "input": "*** Begin",
        "name": "apply_patch",
    }


def test_namespaced_calls_are_split_again() -> None:
    """A <namespace>__<name> call of a namespaced tool of the request gets its namespace back."""
    tool = {
        "type": "namespace",
        "name": "gh",
        "description": "",
        "tools": [{"type": "function", "name": "issue"}],
    }
    call = {
        "id": "call_g",
        "type": "function",
        "function": {"name": "gh__issue", "arguments": "{}"},
    }
    body, _ = o2r(completion({"tool_calls": [call]}, "tool_calls"), {**CODEX, "tools": [tool]})
    assert (body["output"][-1]["namespace"], body["output"][-1]["name"]) == ("gh", "issue")


def test_the_response_echoes_the_request() -> None:
    """Tools, tool_choice, instructions ... come from the request; without it, defaults (reported)."""
    request = {
        "model": "m",
        "instructions": "Be brief.",
        "tool_choice": "none",
        "tools": [],
        "parallel_tool_calls": False,
    }
    body, losses = o2r(completion({"content": "x"}), request)
    assert (body["instructions"], body["tool_choice"], body["parallel_tool_calls"]) == (
        "Be brief.",
        "none",
        False,
    )
    assert losses == []
    body, losses = o2r(completion({"content": "x"}), None)
    assert (body["tools"], body["tool_choice"], body["parallel_tool_calls"]) == ([], "auto", True)
    assert losses == [("request", "defaulted")]


def test_annotations_flatten_and_logprobs_move_to_the_text_part() -> None:
    """url_citation annotations flatten (same offsets); content logprobs go on output_text."""
    annotation = {
        "type": "url_citation",
        "url_citation": {"start_index": 0, "end_index": 2, "title": "T", "url": "https://x"},
    }
    token = {"token": "hi", "logprob": -0.1, "bytes": [104, 105], "top_logprobs": []}
    body = completion({"content": "hi", "annotations": [annotation]})
    body["choices"][0]["logprobs"] = {"content": [token], "refusal": None}
    converted, _ = o2r(body, {"model": "m"})
    part = converted["output"][0]["content"][0]
    assert part["annotations"] == [
        {"type": "url_citation", "start_index": 0, "end_index": 2, "title": "T", "url": "https://x"}
    ]
    assert part["logprobs"] == [
        {"token": "hi", "bytes": [104, 105], "logprob": -0.1, "top_logprobs": []}
    ]


def test_empty_text_next_to_tool_calls_makes_no_message_item() -> None:
    """content '' with tool calls (servers send it) is no message; a reply of '' alone is one."""
    call = {"id": "call_0", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    body, _ = o2r(completion({"content": "", "tool_calls": [call]}, "tool_calls"), {"model": "m"})
    assert [i["type"] for i in body["output"]] == ["function_call"]
    body, _ = o2r(completion({"content": ""}), {"model": "m"})
    assert [i["type"] for i in body["output"]] == ["message"]


def test_several_choices_are_unsupported() -> None:
    """A Response is one reply: n > 1 raises UnsupportedError naming choices."""
    body = completion({"content": "x"})
    body["choices"].append({**body["choices"][0], "index": 1})
    with pytest.raises(rc.UnsupportedError) as info:
        o2r(body)
    assert info.value.path == "choices"


# -- Responses -> Chat ---------------------------------------------------------------------------


def test_message_items_become_content_joined_by_a_blank_line() -> None:
    """Several message items join into one content string (blank line between; approximated)."""
    body, losses = r2o(
        response([text_item("first"), text_item("second", "msg_2", phase="final_answer")])
    )
    message = body["choices"][0]["message"]
    assert (message["content"], message["phase"]) == ("first\n\nsecond", "final_answer")
    assert losses == [("output", "approximated")]


def test_calls_become_tool_calls_and_the_finish_reason_tool_calls() -> None:
    """function_call / custom_tool_call items -> tool_calls; completed with calls -> tool_calls."""
    output = [
        {
            "id": "fc_1",
            "type": "function_call",
            "status": "completed",
            "call_id": "call_a",
            "name": "f",
            "arguments": "{}",
        },
        {
            "id": "ctc_1",
            "type": "custom_tool_call",
            "status": "completed",
            "call_id": "call_p",
            "name": "apply_patch",
            "input": "x",
        },
    ]
    body, losses = r2o(response(output))
    choice = body["choices"][0]
    assert choice["message"]["tool_calls"] == [
        {"id": "call_a", "type": "function", "function": {"name": "f", "arguments": "{}"}},
        {"id": "call_p", "type": "custom", "custom": {"name": "apply_patch", "input": "x"}},
    ]
    assert choice["finish_reason"] == "tool_calls"
    assert losses == []


def test_an_incomplete_response_finishes_by_its_reason() -> None:
    """incomplete with max_output_tokens -> length; content_filter -> content_filter."""
    body, _ = r2o(
        response(
            [text_item("x")],
            status="incomplete",
            incomplete_details={"reason": "max_output_tokens"},
        )
    )
    assert body["choices"][0]["finish_reason"] == "length"
    body, _ = r2o(
        response(
            [text_item("x")], status="incomplete", incomplete_details={"reason": "content_filter"}
        )
    )
    assert body["choices"][0]["finish_reason"] == "content_filter"


def test_reasoning_items_become_reasoning_fields_or_are_reported() -> None:
    """Reasoning -> reasoning_content + reasoning_details with extensions; dropped otherwise."""
    item = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "plan"}],
        "encrypted_content": "blob",
    }
    body, _ = r2o(response([item, text_item("x")]))
    message = body["choices"][0]["message"]
    assert message["reasoning_content"] == "plan"
    assert [d["type"] for d in message["reasoning_details"]] == [
        "reasoning.summary",
        "reasoning.encrypted",
    ]
    body, losses = r2o(response([item, text_item("x")]), extensions=False)
    assert "reasoning_details" not in body["choices"][0]["message"]
    assert losses == [("output[0]", "dropped")]


def test_hosted_tool_items_and_the_error_are_reported() -> None:
    """Hosted tool calls have no ChatCompletion place; a failed response's error is reported."""
    search = {
        "id": "ws_1",
        "type": "web_search_call",
        "status": "completed",
        "action": {"type": "search", "query": "q"},
    }
    error = {"code": "server_error", "message": "boom"}
    _, losses = r2o(response([search, text_item("x")], status="failed", error=error))
    assert sorted(losses) == [
        ("error", "dropped"),
        ("output[0]", "dropped"),
        ("status", "approximated"),
    ]


def test_annotation_offsets_move_into_the_joined_content() -> None:
    """A citation in the second message item is shifted by the text (and separator) before it."""
    cited = text_item("abc", "msg_2")
    cited["content"][0]["annotations"] = [
        {"type": "url_citation", "start_index": 0, "end_index": 3, "title": "T", "url": "u"}
    ]
    body, _ = r2o(response([text_item("xy"), cited]))
    cite = body["choices"][0]["message"]["annotations"][0]["url_citation"]
    assert (cite["start_index"], cite["end_index"]) == (4, 7)


def test_a_fractional_created_at_is_truncated() -> None:
    """created_at 1.5 -> created 1 (approximated)."""
    body, losses = r2o(response([text_item("x")], created_at=1.5))
    assert body["created"] == 1
    assert losses == [("created_at", "approximated")]


def test_usage_comes_back_with_the_details_the_response_had() -> None:
    """Responses usage -> Chat usage, cached and cache-write tokens included."""
    usage = {
        "input_tokens": 10,
        "input_tokens_details": {"cached_tokens": 4, "cache_write_tokens": 2},
        "output_tokens": 3,
        "output_tokens_details": {"reasoning_tokens": 1},
        "total_tokens": 13,
    }
    body, _ = r2o(response([text_item("x")], usage=usage))
    assert body["usage"] == {
        "prompt_tokens": 10,
        "completion_tokens": 3,
        "total_tokens": 13,
        "prompt_tokens_details": {"cached_tokens": 4, "cache_write_tokens": 2},
        "completion_tokens_details": {"reasoning_tokens": 1},
    }


# -- the items a gateway stores ---------------------------------------------------------------------


def test_history_items_are_history_then_input_then_output() -> None:
    """responses_history_items gives history + the request's input + the response's output."""
    earlier = [{"type": "message", "role": "user", "content": "first"}]
    request = {"model": "m", "instructions": "not stored", "input": "second"}
    reply = response([text_item("answer")])
    items = rc.responses_history_items(request, reply, history=earlier)
    assert items == [
        earlier[0],
        {"type": "message", "role": "user", "content": "second"},
        text_item("answer"),
    ]


def test_stored_items_continue_the_conversation_through_history() -> None:
    """The stored items, passed as history=, make the next request's Chat messages."""
    stored = rc.responses_history_items(
        {"model": "m", "input": "hi"}, response([text_item("hello")])
    )
    result = rc.responses_to_openai_request(
        {"model": "m", "previous_response_id": "resp_xyz", "input": "again"}, history=stored
    )
    assert [m["content"] for m in result.value.to_dict()["messages"]] == ["hi", "hello", "again"]
    assert result.losses == ()


def test_invalid_history_names_its_path() -> None:
    """A history that is not a list of items raises InvalidInputError naming history."""
    with pytest.raises(rc.InvalidInputError) as info:
        rc.responses_to_openai_request({"model": "m", "input": "x"}, history=[{"type": "message"}])
    assert info.value.path.startswith("history")
