"""Stream converters, case by case: framing, errors, truncation, order, interleaving, strictness."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.models import openai as oai
from ruapi_convert.sse import DONE, Comment, ServerSentEvent, SSEDecoder, SSETranscoder

from ..invariants import check_anthropic_events, check_openai_chunks

Json = dict[str, Any]

START: Json = {
    "type": "message_start",
    "message": {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-x",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 1},
    },
}


def text_block(index: int = 0) -> Json:
    return {
        "type": "content_block_start",
        "index": index,
        "content_block": {"type": "text", "text": ""},
    }


def text_delta(text: str, index: int = 0) -> Json:
    return {
        "type": "content_block_delta",
        "index": index,
        "delta": {"type": "text_delta", "text": text},
    }


def stop(index: int = 0) -> Json:
    return {"type": "content_block_stop", "index": index}


END: list[Json] = [
    {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": 5},
    },
    {"type": "message_stop"},
]


def a2o(events: list[Any], **opts: Any) -> list[Any]:
    converter = rc.AnthropicToOpenAIStream(created=1, **opts)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    return out + converter.close()


def chunk(delta: Json, finish: str | None = None, **extra: Any) -> Json:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-x",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }


USAGE = {
    "id": "chatcmpl-1",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "gpt-x",
    "choices": [],
    "usage": {
        "prompt_tokens": 20,
        "completion_tokens": 7,
        "total_tokens": 27,
        "prompt_tokens_details": {"cached_tokens": 5},
    },
}


def o2a(chunks: list[Any], **opts: Any) -> list[Json]:
    converter = rc.OpenAIToAnthropicStream(**opts)
    out: list[Any] = []
    for item in chunks:
        out += converter.feed(item)
    return [e.to_dict() for e in out + converter.close()]


# -- Anthropic -> OpenAI ---------------------------------------------------------------------------------


def test_text_stream_has_role_once_and_done_at_the_end() -> None:
    """A plain text stream: role in the first chunk only, the text, the finish reason, [DONE]."""
    out = a2o([START, text_block(), text_delta("Hel"), text_delta("lo"), stop(), *END])
    assert out[-1] is DONE
    chunks = [c.to_dict() for c in out[:-1]]
    check_openai_chunks(chunks, done=True, include_usage=False)
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == "Hello"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_usage_chunk_only_with_include_usage_and_last() -> None:
    """include_usage adds one final choices-less chunk with the cache-inclusive prompt count."""
    start = json.loads(json.dumps(START))
    start["message"]["usage"] = {
        "input_tokens": 10,
        "cache_read_input_tokens": 30,
        "output_tokens": 1,
    }
    out = a2o([start, text_block(), text_delta("x"), stop(), *END], include_usage=True)
    chunks = [c.to_dict() for c in out[:-1]]
    check_openai_chunks(chunks, done=True, include_usage=True)
    usage = chunks[-1]["usage"]
    assert usage["prompt_tokens"] == 40
    assert usage["prompt_tokens_details"] == {"cached_tokens": 30}
    assert usage["completion_tokens"] == 5
    assert all("usage" not in c or c["usage"] is None for c in chunks[:-1])


def test_tool_call_id_and_name_once_and_empty_arguments_become_braces() -> None:
    """A tool_use with only an empty partial_json sends id/name once and arguments "{}"."""
    events = [
        START,
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "tool_use", "id": "toolu_1", "name": "now", "input": {}},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": ""},
        },
        stop(),
        {
            "type": "message_delta",
            "delta": {"stop_reason": "tool_use"},
            "usage": {"output_tokens": 3},
        },
        {"type": "message_stop"},
    ]
    chunks = [c.to_dict() for c in a2o(events)[:-1]]
    check_openai_chunks(chunks, done=True, include_usage=False)
    calls = [tc for c in chunks for ch in c["choices"] for tc in ch["delta"].get("tool_calls", [])]
    assert "".join(tc["function"].get("arguments", "") for tc in calls) == "{}"
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_parallel_tool_calls_get_dense_tool_indices_apart_from_block_indices() -> None:
    """Block indices count every block; OpenAI tool-call indices count tool calls only."""
    events = [START, text_block(0), text_delta("Checking."), stop(0)]
    for n, city in ((1, "Paris"), (2, "Rome")):
        events += [
            {
                "type": "content_block_start",
                "index": n,
                "content_block": {
                    "type": "tool_use",
                    "id": f"toolu_{n}",
                    "name": "weather",
                    "input": {},
                },
            },
            {
                "type": "content_block_delta",
                "index": n,
                "delta": {"type": "input_json_delta", "partial_json": '{"city": '},
            },
            {
                "type": "content_block_delta",
                "index": n,
                "delta": {"type": "input_json_delta", "partial_json": f'"{city}"}}'},
            },
            stop(n),
        ]
    chunks = [c.to_dict() for c in a2o([*events, *END])[:-1]]
    check_openai_chunks(chunks, done=True, include_usage=False)
    indices = [
        tc["index"]
        for c in chunks
        for ch in c["choices"]
        for tc in ch["delta"].get("tool_calls", [])
    ]
    assert sorted(set(indices)) == [0, 1]


def test_thinking_signature_is_sent_once_at_the_stop() -> None:
    """thinking_delta text goes to reasoning_content; the signature joins its reasoning_details entry once."""
    events = [
        START,
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "thinking", "thinking": "", "signature": ""},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "thinking_delta", "thinking": "Hmm"},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "signature_delta", "signature": "SIG"},
        },
        stop(0),
        *END,
    ]
    chunks = [c.to_dict() for c in a2o(events)[:-1]]
    details = [
        d for c in chunks for ch in c["choices"] for d in ch["delta"].get("reasoning_details", [])
    ]
    assert details == [
        {"type": "reasoning.text", "text": "Hmm", "format": "anthropic-claude-v1", "index": 0},
        {"index": 0, "signature": "SIG"},
    ]


def test_ping_is_never_data_and_becomes_a_comment_with_keepalive() -> None:
    """A ping yields nothing, or an SSE comment when keepalive=True."""
    ping = ServerSentEvent(event="ping", data='{"type": "ping"}')
    assert a2o([START, ping, *END])[1:-1] == a2o([START, *END])[1:-1]
    assert Comment("ping") in a2o([START, ping, *END], keepalive=True)


def test_midstream_error_becomes_an_openai_error_chunk_and_no_done() -> None:
    """An Anthropic error event ends the client stream with an OpenAI error chunk and no [DONE]."""
    error = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    out = a2o([START, text_block(), text_delta("x"), error])
    assert DONE not in out
    last = out[-1].to_dict()
    assert last["error"]["message"] == "Overloaded"


def test_truncated_source_ends_with_an_error_never_a_clean_finish() -> None:
    """close() before message_stop yields an error chunk (the client must not see a clean finish)."""
    out = a2o([START, text_block(), text_delta("partial")])
    assert DONE not in out
    assert "error" in out[-1].to_dict()


@pytest.mark.parametrize(
    "events",
    [
        [START, text_delta("x")],  # a delta for a block that never started
        [START, text_block(1)],  # a start at a non-dense index
        [START, START],  # a second message_start
        [text_block()],  # no message_start first
        [START, text_block(), stop(), stop()],  # stopped twice
        [
            START,
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "tool_use", "id": "t", "name": "n", "input": {}},
            },
            text_delta("x"),
        ],
    ],
)
def test_out_of_order_input_raises_stream_protocol_error_with_a_hint(events: list[Json]) -> None:
    """Out-of-order events raise StreamProtocolError whose event_hint is the error to send downstream."""
    converter = rc.AnthropicToOpenAIStream(created=1)
    with pytest.raises(rc.StreamProtocolError) as info:  # noqa: PT012 - the bad event is the last one
        for event in events:
            converter.feed(event)
    assert info.value.event_hint
    with pytest.raises(rc.StreamProtocolError):
        converter.feed(END[-1])  # a failed converter refuses further input


def test_unknown_event_type_is_skipped_and_reported() -> None:
    """An event type newer than this library produces nothing and a loss of kind unknown."""
    converter = rc.AnthropicToOpenAIStream(created=1)
    converter.feed(START)
    assert converter.feed({"type": "thread_info", "thread": {"id": "t"}}) == []
    assert [loss.kind for loss in converter.losses if loss.kind == "unknown"] == ["unknown"]


def test_deltas_of_an_unknown_block_type_are_skipped_and_the_block_carried() -> None:
    """A future block type may stream deltas we know by name; they are skipped and reported, and
    the block is carried (message.anthropic.content) as it started, like in a reply."""
    converter = rc.AnthropicToOpenAIStream(created=1)
    converter.feed(START)
    start = {
        "type": "content_block_start",
        "index": 0,
        "content_block": {"type": "future_block", "text": "kept"},
    }
    assert converter.feed(start) == []
    assert converter.feed(text_delta("more")) == []
    out = converter.feed(stop())
    losses = [(loss.path, loss.kind) for loss in converter.losses]
    assert ("content[0]", "unknown") in losses
    carried = [c for c in out if isinstance(c, oai.ChatCompletionChunk) and c.wire()["choices"]]
    entry = carried[0].to_dict()["choices"][0]["delta"]["anthropic"]["content"][0]
    assert entry["type"] == "future_block"
    assert entry["text"] == "kept"


def test_strict_stream_raises_on_the_first_loss() -> None:
    """With strict=True a stream converter raises LossyConversionError instead of losing data."""
    converter = rc.AnthropicToOpenAIStream(strict=True)
    with pytest.raises(rc.LossyConversionError):
        converter.feed(START)  # no created option: created defaults to 0, a reported loss


def test_transcoder_turns_a_protocol_error_into_error_framing() -> None:
    """SSETranscoder sends the target error event when the upstream breaks its protocol, then stops."""
    bad = b'event: content_block_delta\ndata: {"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"x"}}\n\n'
    start = b"event: message_start\ndata: " + json.dumps(START).encode() + b"\n\n"
    transcoder = SSETranscoder(rc.AnthropicToOpenAIStream(created=1))
    out = transcoder.feed(start + bad)
    assert isinstance(transcoder.error, rc.StreamProtocolError)
    events = SSEDecoder().feed(out)
    assert json.loads(events[0].data)["choices"][0]["delta"] == {"role": "assistant"}
    assert "error" in json.loads(events[-1].data)
    assert transcoder.feed(b"data: more\n\n") == b""


# -- OpenAI -> Anthropic --------------------------------------------------------------------------------


def test_usage_chunk_after_finish_reason_reaches_message_delta() -> None:
    """message_delta waits for the usage chunk OpenAI sends after finish_reason."""
    events = o2a(
        [
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Hi"}),
            chunk({}, "stop"),
            USAGE,
            ServerSentEvent(data="[DONE]"),
        ]
    )
    check_anthropic_events(events)
    delta = next(e for e in events if e["type"] == "message_delta")
    assert delta["usage"] == {"input_tokens": 15, "cache_read_input_tokens": 5, "output_tokens": 7}
    assert delta["delta"]["stop_reason"] == "end_turn"


def test_interleaved_tool_calls_in_one_chunk_become_sequential_blocks() -> None:
    """Fragments of two tool calls interleaved (even in one chunk) give two complete, ordered blocks."""
    first = chunk({"role": "assistant", "tool_calls": [
        {"index": 0, "id": "call_a", "type": "function", "function": {"name": "f", "arguments": '{"x": '}},
        {"index": 1, "id": "call_b", "type": "function", "function": {"name": "g", "arguments": '{"y": 2}'}},
    ]})  # fmt: skip
    second = chunk({"tool_calls": [{"index": 0, "function": {"arguments": "1}"}}]})
    events = o2a([first, second, chunk({}, "tool_calls"), ServerSentEvent(data="[DONE]")])
    check_anthropic_events(events)
    starts = [e["content_block"] for e in events if e["type"] == "content_block_start"]
    assert [(b["id"], b["name"]) for b in starts] == [("call_a", "f"), ("call_b", "g")]
    args = {0: "", 1: ""}
    for e in events:
        if e["type"] == "content_block_delta":
            args[e["index"]] += e["delta"]["partial_json"]
    assert [json.loads(a) for a in args.values()] == [{"x": 1}, {"y": 2}]


def test_text_after_an_incomplete_tool_call_waits_for_it() -> None:
    """Text arriving while a tool call's arguments are incomplete is sent after that block, whole."""
    events = o2a([
        chunk({"role": "assistant", "tool_calls": [{"index": 0, "id": "c", "type": "function", "function": {"name": "f", "arguments": '{"a"'}}]}),
        chunk({"content": "note"}),
        chunk({"tool_calls": [{"index": 0, "function": {"arguments": ": 1}"}}]}),
        chunk({}, "tool_calls"),
    ])  # fmt: skip
    check_anthropic_events(events)
    kinds = [e["content_block"]["type"] for e in events if e["type"] == "content_block_start"]
    assert kinds == ["tool_use", "text"]


def test_argument_fragments_split_inside_a_multibyte_character() -> None:
    """Arguments are strings: a fragment boundary inside a character's UTF-8 bytes is not an issue."""
    text = '{"city": "Zürich 🌍"}'
    pieces = [text[:11], text[11:17], text[17:]]
    first = chunk(
        {
            "role": "assistant",
            "tool_calls": [
                {
                    "index": 0,
                    "id": "c",
                    "type": "function",
                    "function": {"name": "f", "arguments": pieces[0]},
                }
            ],
        }
    )
    rest = [chunk({"tool_calls": [{"index": 0, "function": {"arguments": p}}]}) for p in pieces[1:]]
    raw = b"".join(
        b"data: " + json.dumps(c, ensure_ascii=False).encode() + b"\n\n"
        for c in [first, *rest, chunk({}, "tool_calls")]
    )
    transcoder = SSETranscoder(rc.OpenAIToAnthropicStream())
    out = (
        b"".join(transcoder.feed(raw[i : i + 3]) for i in range(0, len(raw), 3))
        + transcoder.close()
    )
    events = [json.loads(e.data) for e in SSEDecoder().feed(out)]
    check_anthropic_events(events)
    args = "".join(e["delta"]["partial_json"] for e in events if e["type"] == "content_block_delta")
    assert json.loads(args) == {"city": "Zürich 🌍"}


def test_openai_error_chunk_becomes_an_anthropic_error_event() -> None:
    """An OpenAI in-band error ends the stream with event: error and no message_stop."""
    events = o2a(
        [
            chunk({"role": "assistant", "content": "a"}),
            {"error": {"message": "boom", "type": "server_error"}},
        ]
    )
    assert events[-1]["type"] == "error"
    assert events[-1]["error"]["message"] == "boom"
    assert all(e["type"] != "message_stop" for e in events)


def test_openai_truncated_stream_ends_with_an_error_event() -> None:
    """close() before finish_reason gives an Anthropic error event, never message_stop."""
    events = o2a([chunk({"role": "assistant", "content": "a"})])
    assert events[-1]["type"] == "error"
    check_anthropic_events(events)


def test_finish_without_done_still_finishes_on_close() -> None:
    """A server that sends finish_reason but no [DONE] still gets message_delta and message_stop."""
    events = o2a([chunk({"role": "assistant", "content": "a"}), chunk({}, "stop")])
    assert [e["type"] for e in events[-2:]] == ["message_delta", "message_stop"]


def test_n_greater_than_one_is_unsupported() -> None:
    """A chunk for a second choice raises UnsupportedError."""
    converter = rc.OpenAIToAnthropicStream()
    converter.feed(chunk({"role": "assistant"}))
    second = chunk({"content": "b"})
    second["choices"][0]["index"] = 1
    with pytest.raises(rc.UnsupportedError):
        converter.feed(second)


def test_reasoning_details_round_trip_through_both_converters() -> None:
    """Thinking -> OpenAI reasoning deltas -> Anthropic thinking keeps text and signature."""
    events = [
        START,
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "thinking", "thinking": "", "signature": ""},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "thinking_delta", "thinking": "plan"},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "signature_delta", "signature": "SIG"},
        },
        stop(0),
        text_block(1),
        text_delta("done", 1),
        stop(1),
        *END,
    ]
    chunks = [c for c in a2o(events) if c is not DONE]
    back = o2a([*chunks, ServerSentEvent(data="[DONE]")])
    check_anthropic_events(back)
    thinking = [e for e in back if e["type"] == "content_block_delta" and e["index"] == 0]
    assert [e["delta"] for e in thinking] == [
        {"type": "thinking_delta", "thinking": "plan"},
        {"type": "signature_delta", "signature": "SIG"},
    ]


@pytest.mark.parametrize(("plain", "reported"), [("think", False), ("other", True)])
def test_plain_reasoning_next_to_details_is_compared_like_in_a_reply(
    plain: str, reported: bool
) -> None:
    """reasoning_content that is not the details' text is reported once, as the non-stream
    conversion reports it; the same text is not."""
    detail = {"type": "reasoning.text", "index": 0, "text": "thi", "signature": ""}
    chunks: list[Any] = [
        chunk({"role": "assistant", "reasoning_details": [detail]}),
        chunk({"reasoning_details": [{"index": 0, "text": "nk", "signature": "sig"}]}),
        chunk({"reasoning_content": plain}),
        chunk({"content": "answer"}, finish="stop"),
        USAGE,
        ServerSentEvent(data="[DONE]"),
    ]
    converter = rc.OpenAIToAnthropicStream()
    for item in chunks:
        converter.feed(item)
    converter.close()
    paths = [loss.path for loss in converter.losses]
    assert paths.count("choices[0].delta.reasoning_content") == (1 if reported else 0)
    message = {
        **chunks[0],
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "content": "answer",
                    "reasoning_content": plain,
                    "reasoning_details": [{**detail, "text": "think", "signature": "sig"}],
                },
            }
        ],
    }
    reply = rc.openai_to_anthropic_response(message)
    assert any(loss.path.endswith("reasoning_content") for loss in reply.losses) is reported


def test_plain_reasoning_before_the_details_counts_too() -> None:
    """The reply compares the whole reasoning_content, wherever its pieces came in the stream."""
    detail = {"type": "reasoning.text", "index": 0, "text": "0", "signature": "s"}
    chunks: list[Any] = [
        chunk({"role": "assistant"}),
        chunk({"reasoning_content": "0"}),
        chunk({"reasoning_details": [detail]}),
        chunk({"reasoning_content": ""}),
        chunk({"content": "x"}, finish="stop"),
        ServerSentEvent(data="[DONE]"),
    ]
    converter = rc.OpenAIToAnthropicStream()
    for item in chunks:
        converter.feed(item)
    converter.close()
    # (the text before the details is an unsigned thinking block, reported as such; see
    # details_first in tests/property/test_stream_properties.py for why a stream cannot tell)
    assert not any("differs" in loss.detail for loss in converter.losses)


def test_reasoning_echo_holds_only_what_one_side_is_ahead_by() -> None:
    """The plain-vs-details comparison keeps only the unmatched tail, so memory stays flat over a
    long reasoning stream; a mismatch anywhere, or text left over at the end, is a difference."""
    from ruapi_convert.mapping.reasoning_stream import _ReasoningEcho

    echo = _ReasoningEcho(limit=1_000)
    for _ in range(10_000):
        echo.detail(0, "abc")
        echo.plain("abc")
    assert echo._size == 0
    assert not echo._ahead
    echo.detail(1, "z")  # a second entry: joined with a blank line
    echo.plain("\n\nz")
    assert not echo.differs()
    echo.plain("extra")
    assert echo.differs()

    swapped = _ReasoningEcho(limit=1_000)
    swapped.detail(1, "b")
    swapped.detail(0, "a")  # out of index order: not comparable in one pass...
    assert not swapped.unchecked()  # (nothing to compare yet)
    swapped.plain("other")
    assert not swapped.differs()
    assert swapped.unchecked()  # ...so the converter reports that it did not compare them


def test_reasoning_details_out_of_index_order_are_reported_as_unchecked() -> None:
    """Plain reasoning text next to details whose entries arrive out of index order cannot be
    compared in one pass; the stream says so instead of staying silent."""
    chunks = [
        chunk({"role": "assistant"}),
        chunk(
            {
                "reasoning_details": [
                    {"type": "reasoning.text", "index": 1, "text": "b", "signature": "s1"}
                ]
            }
        ),
        chunk(
            {
                "reasoning_details": [
                    {"type": "reasoning.text", "index": 0, "text": "a", "signature": "s0"}
                ]
            }
        ),
        chunk({"reasoning_content": "something else"}),
        chunk({"content": "x"}, finish="stop"),
        ServerSentEvent(data="[DONE]"),
    ]
    converter = rc.OpenAIToAnthropicStream()
    for item in chunks:
        converter.feed(item)
    converter.close()
    unchecked = [loss for loss in converter.losses if "not compared" in loss.detail]
    assert [(loss.path, loss.kind) for loss in unchecked] == [
        ("choices[0].delta.reasoning_content", "approximated")
    ]


def test_transcoder_shortcut_notes_the_service_tier_of_a_text_chunk() -> None:
    """SSETranscoder's shortcut for plain text chunks still notes what every chunk may carry:
    here the service tier first comes with a text chunk, after message_start went out without
    one; no Anthropic event after message_start can carry it, so it is reported, by both paths."""
    chunks = [
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hi"}),
        chunk({"content": " there"}, service_tier="priority"),
        chunk({}, finish="stop"),
        USAGE,
    ]
    raw = (
        b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"
    )
    converter = rc.OpenAIToAnthropicStream()
    transcoder = SSETranscoder(converter)
    out = transcoder.feed(raw) + transcoder.close()
    events = [json.loads(e.data) for e in SSEDecoder().feed(out)]
    fed = rc.OpenAIToAnthropicStream()
    expected = [m.to_dict() for e in SSEDecoder().feed(raw) for m in fed.feed(e)]
    assert events == expected
    for losses in (converter.losses, fed.losses):
        assert [(x.path, x.kind) for x in losses if "service_tier" in x.detail] == [
            ("service_tier", "dropped")
        ]


def test_a_service_tier_on_every_chunk_is_not_reported() -> None:
    """OpenAI repeats the tier on every chunk: the one message_start carried, nothing lost."""
    chunks = [
        chunk({"role": "assistant", "content": ""}, service_tier="default"),
        chunk({"content": "Hi"}, service_tier="default"),
        chunk({}, finish="stop", service_tier="default"),
    ]
    converter = rc.OpenAIToAnthropicStream()
    events = [e for c in chunks for e in converter.feed(c)]
    events += converter.feed(ServerSentEvent(data="[DONE]")) + converter.close()
    start = events[0].to_dict()
    assert start["message"]["usage"]["service_tier"] == "standard"
    assert not [x for x in converter.losses if "service_tier" in x.detail]
