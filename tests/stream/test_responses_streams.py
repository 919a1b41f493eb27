"""Responses <-> Chat Completions streams: the behaviours clients (Codex, the SDKs) rely on."""

from __future__ import annotations

from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.sse import DONE, ServerSentEvent

Json = dict[str, Any]

CODEX: Json = {"model": "m", "include": ["reasoning.encrypted_content"], "store": False}
HEAD: Json = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m"}


def chunk(delta: Json, finish: str | None = None, **extra: Any) -> Json:
    return {**HEAD, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}


USAGE = {
    **HEAD,
    "choices": [],
    "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
}


def run_o2r(chunks: list[Any], request: Json | None = CODEX, **opts: Any) -> list[Json]:
    converter = rc.OpenAIToResponsesStream(request=request, **opts)
    out: list[Any] = []
    for item in chunks:
        out += converter.feed(item)
    return [event.to_dict() for event in out + converter.close()]


def kinds(events: list[Json]) -> list[str]:
    return [e["type"] for e in events]


# -- Chat -> Responses -------------------------------------------------------------------------------


def test_a_text_stream_has_the_lifecycle_codex_reads() -> None:
    """created, in_progress, item added, part added, deltas, done events, then completed."""
    events = run_o2r(
        [chunk({"role": "assistant", "content": "He"}), chunk({"content": "llo"}, "stop"), USAGE],
        request={"model": "m"},
    )
    assert kinds(events) == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        "response.output_text.delta",
        "response.output_text.delta",
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    final = events[-1]["response"]
    assert final["id"] == events[0]["response"]["id"] == "resp_chatcmpl-1"
    assert final["output"][0]["content"][0]["text"] == "Hello"
    assert final["usage"]["total_tokens"] == 7


def test_completed_waits_for_the_usage_chunk() -> None:
    """Chat sends usage after finish_reason: response.completed comes with it, usage included."""
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    converter.feed(chunk({"content": "x"}))
    finished = [e.to_dict() for e in converter.feed(chunk({}, "stop"))]
    assert "response.completed" not in kinds(finished)
    last = [e.to_dict() for e in converter.feed(USAGE)]
    assert kinds(last) == ["response.completed"]


def test_done_or_close_completes_a_stream_without_usage() -> None:
    """[DONE] (or the end of the body) after finish_reason completes it without usage."""
    events = run_o2r(
        [chunk({"content": "x"}, "stop"), ServerSentEvent(data="[DONE]")], request={"model": "m"}
    )
    assert kinds(events)[-1] == "response.completed"
    assert "usage" not in events[-1]["response"]


def test_a_reasoning_item_is_sent_when_encrypted_reasoning_was_asked_for() -> None:
    """With include reasoning.encrypted_content and no upstream reasoning, an empty reasoning item
    is added and done before completed (Codex waits for it)."""
    events = run_o2r([chunk({"content": "x"}, "stop"), USAGE])
    reasoning = [
        e
        for e in events
        if e["type"].startswith("response.output_item") and e["item"]["type"] == "reasoning"
    ]
    assert [e["type"] for e in reasoning] == [
        "response.output_item.added",
        "response.output_item.done",
    ]
    assert "encrypted_content" in reasoning[-1]["item"]
    assert kinds(events).index("response.output_item.done") < kinds(events).index(
        "response.completed"
    )


def test_reasoning_content_streams_as_reasoning_text_never_as_output_text() -> None:
    """reasoning_content deltas become reasoning_text deltas of a reasoning item, not message text."""
    events = run_o2r([chunk({"reasoning_content": "hmm"}), chunk({"content": "x"}, "stop"), USAGE])
    deltas = [(e["type"], e["delta"]) for e in events if e["type"].endswith(".delta")]
    assert deltas == [("response.reasoning_text.delta", "hmm"), ("response.output_text.delta", "x")]
    assert [i["type"] for i in events[-1]["response"]["output"]] == ["reasoning", "message"]


def test_a_cut_stream_ends_failed_never_completed() -> None:
    """An upstream that stops before finish_reason: an error event and response.failed."""
    events = run_o2r([chunk({"content": "x"})])
    assert kinds(events)[-2:] == ["error", "response.failed"]
    assert events[-1]["response"]["status"] == "failed"
    assert events[-1]["response"]["error"]["code"] == "server_error"


def test_an_upstream_error_chunk_ends_the_stream_failed_with_its_code() -> None:
    """A Chat error chunk -> error + response.failed, keeping the code Codex retries on."""
    error = {
        "error": {
            "message": "Rate limit reached. Please try again in 2s.",
            "type": "tokens",
            "code": "rate_limit_exceeded",
            "param": None,
        }
    }
    events = run_o2r([chunk({"content": "x"}), error])
    assert kinds(events)[-2:] == ["error", "response.failed"]
    assert events[-1]["response"]["error"] == {
        "code": "rate_limit_exceeded",
        "message": "Rate limit reached. Please try again in 2s.",
    }


def test_a_length_finish_ends_with_response_incomplete() -> None:
    """finish_reason length -> response.incomplete with max_output_tokens."""
    events = run_o2r([chunk({"content": "x"}, "length"), USAGE], request={"model": "m"})
    assert events[-1]["type"] == "response.incomplete"
    assert events[-1]["response"]["incomplete_details"] == {"reason": "max_output_tokens"}


def test_a_custom_tool_sent_as_a_function_streams_as_a_custom_call() -> None:
    """custom_tools='function': the function call is a custom_tool_call; its input comes whole."""
    request = {**CODEX, "tools": [{"type": "custom", "name": "apply_patch"}]}
    calls = [
        chunk(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": "call_p",
                        "type": "function",
                        "function": {"name": "apply_patch", "arguments": '{"inp'},
                    }
                ]
            }
        ),
        chunk(
            {"tool_calls": [{"index": 0, "function": {"arguments": 'ut":"*** Begin"}'}}]},
            "tool_calls",
        ),
        USAGE,
    ]
    events = run_o2r(calls, request, custom_tools="function")
    added = next(
        e
        for e in events
        if e["type"] == "response.output_item.added" and e["item"]["type"] != "reasoning"
    )
    assert added["item"]["type"] == "custom_tool_call"
    inputs = [e for e in events if e["type"].startswith("response.custom_tool_call_input")]
    assert [(e["type"], e.get("delta", e.get("input"))) for e in inputs] == [
        ("response.custom_tool_call_input.delta", "*** Begin"),
        ("response.custom_tool_call_input.done", "*** Begin"),
    ]


def test_function_call_arguments_stream_and_finish_authoritatively() -> None:
    """Argument fragments stream as deltas; .done and output_item.done carry the whole arguments."""
    calls = [
        chunk(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": "call_a",
                        "type": "function",
                        "function": {"name": "f", "arguments": '{"a"'},
                    }
                ]
            }
        ),
        chunk({"tool_calls": [{"index": 0, "function": {"arguments": ":1}"}}]}, "tool_calls"),
        USAGE,
    ]
    events = run_o2r(calls, request={"model": "m"})
    deltas = [e["delta"] for e in events if e["type"] == "response.function_call_arguments.delta"]
    done = next(e for e in events if e["type"] == "response.output_item.done")
    assert deltas == ['{"a"', ":1}"]
    assert done["item"]["arguments"] == '{"a":1}'
    assert done["item"]["call_id"] == "call_a"
    assert done["item"]["id"] == "fc_chatcmpl-1_0"


def test_a_tool_call_without_id_or_name_is_a_protocol_error() -> None:
    """A tool call whose arguments come without a name raises StreamProtocolError with an error hint."""
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    converter.feed(chunk({"content": "x"}))
    with pytest.raises(rc.StreamProtocolError) as info:
        converter.feed(chunk({"tool_calls": [{"index": 0, "function": {"arguments": "{}"}}]}))
    assert [e.type for e in info.value.event_hint] == ["error", "response.failed"]
    with pytest.raises(rc.StreamProtocolError):
        converter.feed(chunk({"content": "more"}))


def _calls(events: list[Json]) -> list[Json]:
    return [i for i in events[-1]["response"]["output"] if i["type"] == "function_call"]


def test_a_tool_name_in_pieces_opens_its_item_with_the_whole_name() -> None:
    """Servers that stream the name in pieces: the item is added once, with the joined name."""
    events = run_o2r(
        [
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "apply_", "arguments": ""},
                        }
                    ]
                }
            ),
            chunk(
                {
                    "tool_calls": [
                        {"index": 0, "function": {"name": "patch", "arguments": '{"a": 1}'}}
                    ]
                }
            ),
            chunk({}, "tool_calls"),
            USAGE,
        ],
        request={"model": "m"},
    )
    added = [e["item"] for e in events if e["type"] == "response.output_item.added"]
    assert [(i["name"], i["call_id"]) for i in added] == [("apply_patch", "c1")]
    assert [(c["name"], c["arguments"]) for c in _calls(events)] == [("apply_patch", '{"a": 1}')]


def test_calls_without_ids_get_the_ids_the_final_response_has() -> None:
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    out: list[Any] = []
    for item in [
        chunk(
            {
                "tool_calls": [
                    {"index": 0, "type": "function", "function": {"name": "a", "arguments": "{}"}}
                ]
            }
        ),
        chunk(
            {
                "tool_calls": [
                    {"index": 1, "type": "function", "function": {"name": "b", "arguments": "{}"}}
                ]
            }
        ),
        chunk({}, "stop"),
        USAGE,
    ]:
        out += converter.feed(item)
    events = [e.to_dict() for e in out]
    added = [e["item"]["call_id"] for e in events if e["type"] == "response.output_item.added"]
    assert added == [c["call_id"] for c in _calls(events)]
    assert len(set(added)) == 2
    assert all(i.startswith("call_") for i in added)
    assert [loss.path for loss in converter.losses if "no id" in loss.detail] == [
        "choices[0].message.tool_calls[0].id",
        "choices[0].message.tool_calls[1].id",
    ]


def test_a_new_call_at_a_used_index_is_refused_not_merged() -> None:
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    converter.feed(
        chunk(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": "c1",
                        "type": "function",
                        "function": {"name": "get", "arguments": "{}"},
                    }
                ]
            }
        )
    )
    with pytest.raises(rc.StreamProtocolError, match="reused by a new call"):
        converter.feed(
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "c2",
                            "type": "function",
                            "function": {"name": "delete", "arguments": "{}"},
                        }
                    ]
                }
            )
        )


def test_usage_on_every_chunk_completes_with_the_usage_chunk_after_the_finish() -> None:
    usage = {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}
    events = run_o2r(
        [chunk({"content": "x"}, usage=usage), chunk({}, "stop", usage=usage), USAGE],
        request={"model": "m"},
    )
    assert kinds(events)[-1] == "response.completed"
    assert events[-1]["response"]["usage"]["total_tokens"] == 7


# -- Responses -> Chat -------------------------------------------------------------------------------

RESPONSE: Json = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "status": "in_progress",
    "model": "m",
    "output": [],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
}
MESSAGE: Json = {
    "id": "msg_1",
    "type": "message",
    "status": "in_progress",
    "role": "assistant",
    "content": [],
}


def event(kind: str, **fields: Any) -> Json:
    return {"type": kind, "sequence_number": 0, **fields}


def completed(output: list[Json], **extra: Any) -> Json:
    usage = {
        "input_tokens": 3,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": 1,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 4,
    }
    return event(
        "response.completed",
        response={**RESPONSE, "status": "completed", "output": output, "usage": usage, **extra},
    )


def run_r2o(events: list[Json], **opts: Any) -> list[Any]:
    converter = rc.ResponsesToOpenAIStream(**opts)
    out: list[Any] = []
    for item in events:
        out += converter.feed(item)
    return out + converter.close()


def dicts(items: list[Any]) -> list[Any]:
    return [item if item is DONE else item.to_dict() for item in items]


def test_a_text_stream_becomes_chunks_ending_in_usage_and_done() -> None:
    """role once, content deltas, the finish chunk, the usage chunk and [DONE]."""
    done = {
        **MESSAGE,
        "status": "completed",
        "content": [{"type": "output_text", "annotations": [], "text": "Hi"}],
    }
    out = dicts(
        run_r2o(
            [
                event("response.created", response=RESPONSE),
                event("response.output_item.added", output_index=0, item=MESSAGE),
                event(
                    "response.output_text.delta",
                    item_id="msg_1",
                    output_index=0,
                    content_index=0,
                    delta="Hi",
                    logprobs=[],
                ),
                event("response.output_item.done", output_index=0, item=done),
                completed([done]),
            ],
            include_usage=True,
        )
    )
    deltas = [c["choices"][0]["delta"] for c in out[:-2]]
    assert deltas == [{"role": "assistant"}, {"content": "Hi"}, {}]
    assert out[2]["choices"][0]["finish_reason"] == "stop"
    assert out[3]["usage"]["total_tokens"] == 4
    assert out[-1] is DONE


def test_text_sent_only_in_done_events_still_arrives() -> None:
    """An upstream that sends no deltas (only .done) still gives the client its text."""
    done = {
        **MESSAGE,
        "status": "completed",
        "content": [{"type": "output_text", "annotations": [], "text": "Hi"}],
    }
    out = dicts(
        run_r2o(
            [
                event("response.created", response=RESPONSE),
                event("response.output_item.added", output_index=0, item=MESSAGE),
                event("response.output_item.done", output_index=0, item=done),
                completed([done]),
            ]
        )
    )
    assert [c["choices"][0]["delta"].get("content") for c in out if c is not DONE][1] == "Hi"


def test_an_error_event_then_failed_gives_one_error_chunk() -> None:
    """error then response.failed: one Chat error chunk, no [DONE]."""
    failed = {
        **RESPONSE,
        "status": "failed",
        "error": {"code": "rate_limit_exceeded", "message": "slow down"},
    }
    out = dicts(
        run_r2o(
            [
                event("response.created", response=RESPONSE),
                event("error", code="rate_limit_exceeded", message="slow down", param=None),
                event("response.failed", response=failed),
            ]
        )
    )
    assert out[-1] == {
        "error": {
            "message": "slow down",
            "type": "server_error",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    }
    assert DONE not in out


def test_a_cut_responses_stream_ends_with_an_error_chunk() -> None:
    """A Responses stream that stops before its terminal event: the truncation error chunk."""
    out = dicts(run_r2o([event("response.created", response=RESPONSE)]))
    assert out[-1]["error"]["code"] == "stream_truncated"


def test_a_delta_for_an_item_never_added_is_a_protocol_error() -> None:
    """Out-of-order input raises StreamProtocolError, and the converter refuses more input."""
    converter = rc.ResponsesToOpenAIStream()
    converter.feed(event("response.created", response=RESPONSE))
    with pytest.raises(rc.StreamProtocolError):
        converter.feed(
            event(
                "response.output_text.delta",
                item_id="msg_1",
                output_index=3,
                content_index=0,
                delta="x",
                logprobs=[],
            )
        )


def test_reasoning_summaries_stream_as_reasoning_fields() -> None:
    """Summary deltas -> reasoning_content + reasoning.summary fragments; the blob comes at the end."""
    item = {"id": "rs_1", "type": "reasoning", "summary": []}
    done = {
        **item,
        "summary": [{"type": "summary_text", "text": "plan"}],
        "encrypted_content": "blob",
    }
    out = dicts(
        run_r2o(
            [
                event("response.created", response=RESPONSE),
                event("response.output_item.added", output_index=0, item=item),
                event(
                    "response.reasoning_summary_text.delta",
                    item_id="rs_1",
                    output_index=0,
                    summary_index=0,
                    delta="plan",
                ),
                event("response.output_item.done", output_index=0, item=done),
                completed([done]),
            ]
        )
    )
    deltas = [c["choices"][0]["delta"] for c in out[1:-2]]
    assert deltas == [
        {
            "reasoning_content": "plan",
            "reasoning_details": [
                {
                    "type": "reasoning.summary",
                    "summary": "plan",
                    "id": "rs_1",
                    "format": "openai-responses-v1",
                    "index": 0,
                }
            ],
        },
        {
            "reasoning_details": [
                {
                    "type": "reasoning.encrypted",
                    "data": "blob",
                    "id": "rs_1",
                    "format": "openai-responses-v1",
                    "index": 1,
                }
            ]
        },
    ]


def test_function_calls_number_from_zero_with_id_and_name_once() -> None:
    """Calls become tool_calls entries numbered from 0; id and name come with the first only."""
    call = {
        "id": "fc_1",
        "type": "function_call",
        "status": "in_progress",
        "call_id": "call_a",
        "name": "f",
        "arguments": "",
    }
    done = {**call, "status": "completed", "arguments": "{}"}
    out = dicts(
        run_r2o(
            [
                event("response.created", response=RESPONSE),
                event("response.output_item.added", output_index=0, item=call),
                event(
                    "response.function_call_arguments.delta",
                    item_id="fc_1",
                    output_index=0,
                    delta="{}",
                ),
                event("response.output_item.done", output_index=0, item=done),
                completed([done]),
            ]
        )
    )
    calls = [c["choices"][0]["delta"].get("tool_calls") for c in out[1:-2]]
    assert calls == [
        [
            {
                "index": 0,
                "id": "call_a",
                "type": "function",
                "function": {"name": "f", "arguments": ""},
            }
        ],
        [{"index": 0, "function": {"arguments": "{}"}}],
    ]
    assert out[-2]["choices"][0]["finish_reason"] == "tool_calls"


def test_an_invalid_first_chunk_fails_without_a_response() -> None:
    """A stream that fails before response.created sends only an error event (no failed
    response it never created), once, however often the error is framed."""
    converter = rc.OpenAIToResponsesStream(request={"model": "m"})
    with pytest.raises(rc.ConversionError) as info:
        converter.feed({"choices": "not a list"})
    first = converter.error_bytes(info.value)
    assert first.count(b"event: ") == 1
    assert b"event: error" in first
    assert converter.error_bytes(info.value) == first
