"""What real OpenAI-compatible servers send, through the public API, stream and reply alike:
tool names in pieces, calls without ids, usage on every chunk, tool calls ending with "stop",
OpenAI-only usage counts, a reused tool-call index, content after the finish, and the bounds on
what a stream converter holds. (The same streams through the SDKs: test_real_servers_sdk.py.)"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.sse import ServerSentEvent, SSEDecoder, SSETranscoder

from ..invariants import check_anthropic_events

Json = dict[str, Any]
DONE = ServerSentEvent(data="[DONE]")


def chunk(delta: Json, finish: str | None = None, **extra: Any) -> Json:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "qwen3",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }


def call(
    index: int, *, id: str | None = None, name: str | None = None, args: str | None = None
) -> Json:
    fn: Json = {}
    if name is not None:
        fn["name"] = name
    if args is not None:
        fn["arguments"] = args
    piece: Json = {"index": index, "function": fn}
    if id is not None:
        piece.update(id=id, type="function")
    return {"tool_calls": [piece]}


def usage(prompt: int, completion: int, **details: Any) -> Json:
    out: Json = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    out.update(details)
    return out


def usage_chunk(value: Json) -> Json:
    return {**chunk({}), "choices": [], "usage": value}


def convert(chunks: list[Any], **opts: Any) -> tuple[list[Json], rc.OpenAIToAnthropicStream]:
    converter = rc.OpenAIToAnthropicStream(**opts)
    out: list[Any] = []
    for item in chunks:
        out += converter.feed(item)
    events = [e.to_dict() for e in out + converter.close()]
    check_anthropic_events(events)
    return events, converter


def feed_all(converter: Any, items: list[Any]) -> None:
    for item in items:
        converter.feed(item)


def blocks(events: list[Json]) -> list[Json]:
    """The content blocks the events build (tool input parsed from its fragments)."""
    out: list[Json] = []
    for event in events:
        if event["type"] == "content_block_start":
            out.append(copy.deepcopy(event["content_block"]) | {"_json": ""})
        elif event["type"] == "content_block_delta":
            delta = event["delta"]
            block = out[event["index"]]
            if delta["type"] == "input_json_delta":
                block["_json"] += delta["partial_json"]
            elif delta["type"] == "text_delta":
                block["text"] += delta["text"]
    for block in out:
        if block["type"] == "tool_use" and block["_json"]:
            block["input"] = json.loads(block["_json"])
        del block["_json"]
    return out


def reply(message: Json, finish: str, **extra: Any) -> Json:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "qwen3",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": usage(10, 5),
        **extra,
    }


# -- 1. a tool name in pieces --------------------------------------------------------------------


def test_a_tool_name_split_across_chunks_starts_its_block_with_the_whole_name() -> None:
    events, _ = convert(
        [
            chunk({"role": "assistant"}),
            chunk(call(0, id="c1", name="get_", args="")),
            chunk(call(0, name="weather", args='{"city": "Paris"}')),
            chunk({}, "tool_calls"),
            DONE,
        ]
    )
    assert blocks(events) == [
        {"type": "tool_use", "id": "c1", "name": "get_weather", "input": {"city": "Paris"}}
    ]


def test_a_name_piece_after_the_arguments_began_is_reported_not_sent() -> None:
    events, converter = convert(
        [
            chunk(call(0, id="c1", name="get", args="{")),
            chunk(call(0, name="_weather", args="}")),
            chunk({}, "tool_calls"),
            DONE,
        ]
    )
    assert blocks(events)[0]["name"] == "get"
    assert any("'_weather' was not sent" in loss.detail for loss in converter.losses)


def test_a_held_tool_call_starts_when_another_channel_speaks_keeping_first_appearance_order() -> (
    None
):
    events, _ = convert(
        [
            chunk(call(0, id="c1", name="lookup", args="")),
            chunk({"content": "Looking it up."}),
            chunk(call(0, args="{}")),
            chunk({}, "tool_calls"),
            DONE,
        ]
    )
    assert [(b["type"], b.get("name")) for b in blocks(events)] == [
        ("tool_use", "lookup"),
        ("text", None),
    ]


# -- 2. a first fragment without a name, or a call without an id ---------------------------------


def test_a_tool_call_whose_first_fragment_has_no_name_waits_for_it() -> None:
    events, converter = convert(
        [
            chunk(
                {"role": "assistant", "tool_calls": [{"index": 0, "id": "c1", "type": "function"}]}
            ),
            chunk(call(0, name="get_weather", args="{}")),
            chunk({}, "tool_calls"),
            DONE,
        ]
    )
    assert blocks(events) == [{"type": "tool_use", "id": "c1", "name": "get_weather", "input": {}}]
    assert [loss.path for loss in converter.losses] == ["usage"]  # (no usage chunk was sent)


def test_a_tool_call_that_never_gets_a_name_ends_the_stream_with_an_error_naming_that() -> None:
    converter = rc.OpenAIToAnthropicStream()
    converter.feed(chunk({"tool_calls": [{"index": 0, "id": "c1", "type": "function"}]}))
    with pytest.raises(rc.StreamProtocolError, match="no function name"):
        converter.feed(chunk({}, "tool_calls"))


def test_a_tool_call_without_an_id_gets_the_same_deterministic_id_streamed_and_whole() -> None:
    streamed, converter = convert(
        [
            chunk(call(0, name="get_weather", args='{"city": "Oslo"}') | {"role": "assistant"}),
            chunk(call(1, name="get_time", args="{}")),
            chunk({}, "tool_calls"),
            DONE,
        ]
    )
    ids = [b["id"] for b in blocks(streamed)]
    assert all(i.startswith("toolu_") for i in ids)
    assert len(set(ids)) == 2
    paths = [loss.path for loss in converter.losses if "no id" in loss.detail]
    assert paths == ["choices[0].delta.tool_calls[0].id", "choices[0].delta.tool_calls[1].id"]

    whole = rc.openai_to_anthropic_response(
        reply(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
                    },
                    {"type": "function", "function": {"name": "get_time", "arguments": "{}"}},
                ],
            },
            "tool_calls",
        )
    )
    assert [b["id"] for b in whole.value.to_dict()["content"]] == ids
    assert [loss.path for loss in whole.losses if "no id" in loss.detail] == [
        "choices[0].message.tool_calls[0].id",
        "choices[0].message.tool_calls[1].id",
    ]
    again, _ = convert(
        [
            chunk(call(0, name="get_weather", args='{"city": "Oslo"}')),
            chunk(call(1, name="get_time", args="{}")),
            chunk({}, "tool_calls"),
        ]
    )
    assert [b["id"] for b in blocks(again)] == ids  # the same input, the same ids


def test_an_id_that_comes_after_the_block_started_is_reported() -> None:
    events, converter = convert(
        [
            chunk(call(0, name="f", args="{")),
            chunk({"tool_calls": [{"index": 0, "id": "late", "function": {"arguments": "}"}}]}),
            chunk({}, "tool_calls"),
        ]
    )
    assert blocks(events)[0]["id"].startswith("toolu_")
    assert any(
        "'late' came after its block had started" in loss.detail for loss in converter.losses
    )


# -- 5. usage on every chunk -----------------------------------------------------------------------


def test_usage_on_the_first_chunk_reaches_message_start() -> None:
    running = [
        chunk({"role": "assistant", "content": ""}, usage=usage(1200, 0)),
        chunk({"content": "Hi"}, usage=usage(1200, 1)),
        chunk({}, "stop", usage=usage(1200, 2)),
        usage_chunk(usage(1200, 2)),
        DONE,
    ]
    events, converter = convert(running)
    start = events[0]["message"]["usage"]
    assert start == {"input_tokens": 1200, "output_tokens": 0}
    end = next(e for e in events if e["type"] == "message_delta")
    assert end["usage"] == {"input_tokens": 1200, "output_tokens": 2}
    assert [e["type"] for e in events][-1] == "message_stop"
    assert converter.losses == ()


def test_cached_tokens_on_the_first_chunk_are_split_out_of_input_tokens() -> None:
    first = chunk(
        {"role": "assistant"}, usage=usage(1000, 0, prompt_tokens_details={"cached_tokens": 800})
    )
    events, _ = convert([first, chunk({"content": "x"}, "stop"), DONE])
    assert events[0]["message"]["usage"] == {
        "input_tokens": 200,
        "cache_read_input_tokens": 800,
        "output_tokens": 0,
    }


def test_a_finish_chunk_with_usage_waits_for_the_usage_chunk_after_it() -> None:
    """Servers with continuous usage put usage on the finish chunk too, and still send the usage
    chunk after it: the message must not end before that chunk (which would then be refused)."""
    events, _ = convert(
        [
            chunk({"content": "Hi"}, usage=usage(10, 1)),
            chunk({}, "stop", usage=usage(10, 1)),
            usage_chunk(usage(10, 3)),
            DONE,
        ]
    )
    end = next(e for e in events if e["type"] == "message_delta")
    assert end["usage"]["output_tokens"] == 3


# -- 6. tool calls with finish_reason "stop" -----------------------------------------------------


def test_tool_calls_with_finish_reason_stop_end_as_tool_use_in_streams_and_replies() -> None:
    events, converter = convert(
        [chunk(call(0, id="c1", name="get_weather", args="{}")), chunk({}, "stop"), DONE]
    )
    end = next(e for e in events if e["type"] == "message_delta")
    assert end["delta"]["stop_reason"] == "tool_use"
    streamed = [(loss.path, loss.kind) for loss in converter.losses if "tool_use" in loss.detail]
    assert streamed == [("choices[0].finish_reason", "approximated")]

    whole = rc.openai_to_anthropic_response(
        reply(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "c1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": "{}"},
                    }
                ],
            },
            "stop",
        )
    )
    assert whole.value.stop_reason == "tool_use"
    assert [(loss.path, loss.kind) for loss in whole.losses] == streamed


def test_stop_without_tool_calls_stays_end_turn() -> None:
    events, converter = convert([chunk({"content": "Hi"}), chunk({}, "stop"), DONE])
    end = next(e for e in events if e["type"] == "message_delta")
    assert end["delta"]["stop_reason"] == "end_turn"
    assert not any("tool_use" in loss.detail for loss in converter.losses)


# -- 7. OpenAI-only usage counts -----------------------------------------------------------------


_ONLY = usage(
    30,
    12,
    prompt_tokens_details={"cached_tokens": 0, "audio_tokens": 3},
    completion_tokens_details={"reasoning_tokens": 4, "accepted_prediction_tokens": 2},
)


def test_openai_only_usage_counts_travel_like_the_reply_carries_them() -> None:
    events, converter = convert(
        [chunk({"content": "Hi"}), chunk({}, "stop"), usage_chunk(_ONLY), DONE]
    )
    end = next(e for e in events if e["type"] == "message_delta")
    whole = rc.openai_to_anthropic_response(
        reply({"role": "assistant", "content": "Hi"}, "stop") | {"usage": _ONLY}
    )
    assert end["openai"] == {"usage": whole.value.to_dict()["openai"]["usage"]}
    assert converter.losses == ()

    # ... and back: the reverse stream restores them in its usage chunk, as the reply does
    back = rc.AnthropicToOpenAIStream(created=1, include_usage=True)
    out: list[Any] = []
    for event in events:
        out += back.feed(event)
    last = [item.to_dict() for item in out if hasattr(item, "to_dict")][-1]
    assert last["usage"] == _ONLY


def test_without_extensions_openai_only_usage_counts_are_reported_in_the_stream_too() -> None:
    events, converter = convert(
        [chunk({"content": "Hi"}), chunk({}, "stop"), usage_chunk(_ONLY), DONE], extensions=False
    )
    assert "openai" not in next(e for e in events if e["type"] == "message_delta")
    whole = rc.openai_to_anthropic_response(
        reply({"role": "assistant", "content": "Hi"}, "stop") | {"usage": _ONLY}, extensions=False
    )
    usage_losses = {
        (loss.path, loss.kind) for loss in whole.losses if loss.path.startswith("usage")
    }
    assert usage_losses
    assert {(loss.path, loss.kind) for loss in converter.losses} >= usage_losses


# -- 11.4 a new call at an index already in use --------------------------------------------------


def test_a_new_call_at_a_used_index_gets_its_own_block_never_the_first_ones_arguments() -> None:
    events, converter = convert(
        [
            chunk(call(0, id="c1", name="get_weather", args='{"city": "Rome"}')),
            chunk(call(0, id="c2", name="delete_file", args='{"path": "/etc"}')),
            chunk({}, "tool_calls"),
            DONE,
        ]
    )
    assert blocks(events) == [
        {"type": "tool_use", "id": "c1", "name": "get_weather", "input": {"city": "Rome"}},
        {"type": "tool_use", "id": "c2", "name": "delete_file", "input": {"path": "/etc"}},
    ]
    assert any("reused by a new call" in loss.detail for loss in converter.losses)


# -- 11.5 content after the finish ----------------------------------------------------------------


def test_content_and_a_second_finish_after_finish_reason_are_reported() -> None:
    events, converter = convert(
        [
            chunk({"content": "Done."}, "stop"),
            chunk({"content": " And more."}),
            chunk({}, "length"),
            usage_chunk(usage(5, 3)),
            DONE,
        ]
    )
    assert blocks(events) == [{"type": "text", "text": "Done."}]
    assert (
        next(e for e in events if e["type"] == "message_delta")["delta"]["stop_reason"]
        == "end_turn"
    )
    details = [loss.detail for loss in converter.losses if loss.path.startswith("choices[0]")]
    assert "content after finish_reason 'stop': dropped" in details
    assert "a second finish_reason 'length' after 'stop': the first was kept" in details


def test_an_empty_delta_after_the_finish_is_not_a_loss() -> None:
    _, converter = convert(
        [chunk({"content": "x"}, "stop"), chunk({}), usage_chunk(usage(1, 1)), DONE]
    )
    assert converter.losses == ()


# -- 11.6 bounded buffers --------------------------------------------------------------------------


def test_content_queued_behind_an_incomplete_tool_call_is_bounded() -> None:
    converter = rc.OpenAIToAnthropicStream(max_stream_buffer=1_000)
    converter.feed(chunk(call(0, id="c1", name="f", args='{"a": ')))
    with pytest.raises(rc.StreamProtocolError, match="max_stream_buffer") as raised:
        feed_all(converter, [chunk({"content": "0123456789"})] * 200)
    assert raised.value.event_hint is not None  # the error event a gateway sends
    assert converter.state.value == "failed"


def test_the_transcoder_ends_an_over_long_wait_with_an_anthropic_error_event() -> None:
    body = b"".join(
        b"data: " + json.dumps(c).encode() + b"\n\n"
        for c in [
            chunk(call(0, id="c1", name="f", args='{"a": ')),
            *[chunk({"content": "x" * 100})] * 20,
        ]
    )
    transcoder = SSETranscoder(rc.OpenAIToAnthropicStream(max_stream_buffer=1_000))
    events = SSEDecoder().feed(transcoder.feed(body) + transcoder.close())
    assert events[-1].event == "error"
    assert "max_stream_buffer" in json.loads(events[-1].data)["error"]["message"]


def test_a_tool_name_is_bounded_while_it_is_held() -> None:
    converter = rc.OpenAIToAnthropicStream(max_stream_buffer=100)
    converter.feed(chunk(call(0, id="c1", name="n" * 60, args="")))
    with pytest.raises(rc.StreamProtocolError, match="a tool name"):
        converter.feed(chunk(call(0, name="n" * 60, args="")))


def test_plain_reasoning_without_details_is_not_held_beyond_the_bound() -> None:
    """Plain reasoning text is compared with reasoning_details; with no details for a long while
    only max_stream_buffer characters are held, then the comparison is given up and reported."""
    chunks: list[Any] = [chunk({"reasoning_content": "r" * 100}) for _ in range(50)]
    chunks += [
        chunk(
            {
                "reasoning_details": [
                    {"type": "reasoning.text", "index": 0, "text": "t", "signature": "s"}
                ]
            }
        ),
        chunk({"content": "x"}, "stop"),
        DONE,
    ]
    _, converter = convert(chunks, max_stream_buffer=1_000)
    assert any("max_stream_buffer" in loss.detail for loss in converter.losses)


def test_a_server_tool_input_is_bounded_in_the_anthropic_to_openai_stream() -> None:
    start = {
        "type": "message_start",
        "message": {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "claude-x",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
        },
    }
    block = {
        "type": "content_block_start",
        "index": 0,
        "content_block": {
            "type": "server_tool_use",
            "id": "srvtoolu_1",
            "name": "web_search",
            "input": {},
        },
    }
    converter = rc.AnthropicToOpenAIStream(created=1, max_stream_buffer=1_000)
    converter.feed(start)
    converter.feed(block)
    piece = {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "input_json_delta", "partial_json": "x" * 100},
    }
    with pytest.raises(rc.StreamProtocolError, match="server tool's input"):
        feed_all(converter, [piece] * 20)


def test_max_stream_buffer_is_an_option_of_the_stream_converters_only() -> None:
    with pytest.raises(TypeError):
        rc.openai_to_anthropic_response(
            reply({"role": "assistant", "content": "x"}, "stop"), max_stream_buffer=5
        )  # type: ignore[call-arg]
    with pytest.raises(rc.InvalidInputError, match=r"options\.max_stream_buffer"):
        rc.OpenAIToAnthropicStream(max_stream_buffer=0)
