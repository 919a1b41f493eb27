"""The benchmark's payloads: requests, replies and SSE streams of both protocols, built in code.

Nothing here imports ``ruapi_convert``: the first-call measurement builds its inputs in the parent
process and must not warm the library up.
"""

from __future__ import annotations

from typing import Any

import orjson

Json = dict[str, Any]

_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def openai_request(messages: int, text_size: int = 200) -> Json:
    """A Chat Completions request with a realistic mix: system, user text, tool calls and results."""
    body: list[Json] = [{"role": "system", "content": "You are a helpful assistant. " * 4}]
    i = 0
    while len(body) < messages:
        body.append(
            {
                "role": "user",
                "content": f"Question {i}: " + "lorem ipsum dolor sit amet " * (text_size // 27),
            }
        )
        body.append(
            {
                "role": "assistant",
                "content": "Let me check.",
                "tool_calls": [
                    {
                        "id": f"call_{i}",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                    }
                ],
            }
        )
        body.append(
            {"role": "tool", "tool_call_id": f"call_{i}", "content": '{"temp": 18, "sky": "rain"}'}
        )
        body.append(
            {"role": "assistant", "content": "It is 18 degrees and raining. " * (text_size // 30)}
        )
        i += 1
    return {
        "model": "gpt-5",
        "messages": body[:messages],
        "tools": [_TOOL],
        "max_completion_tokens": 1024,
        "temperature": 0.5,
    }


def anthropic_message(text: str, tools: int = 1) -> Json:
    content: list[Json] = [{"type": "text", "text": text}]
    content += [
        {"type": "tool_use", "id": f"toolu_{i}", "name": "get_weather", "input": {"city": "Paris"}}
        for i in range(tools)
    ]
    return {
        "id": "msg_bench",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": content,
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 1000, "cache_read_input_tokens": 200, "output_tokens": 300},
    }


def anthropic_stream(text_deltas: int) -> bytes:
    """An Anthropic SSE stream: message_start, one text block of ``text_deltas`` deltas, a tool call, end."""
    frames: list[Json] = [
        {
            "type": "message_start",
            "message": {
                "id": "msg_b",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-4-5",
                "content": [],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 1},
            },
        },
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        *(
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": f"token{i} "},
            }
            for i in range(text_deltas)
        ),
        {"type": "content_block_stop", "index": 0},
        {
            "type": "content_block_start",
            "index": 1,
            "content_block": {
                "type": "tool_use",
                "id": "toolu_1",
                "name": "get_weather",
                "input": {},
            },
        },
        {
            "type": "content_block_delta",
            "index": 1,
            "delta": {"type": "input_json_delta", "partial_json": '{"city": "Paris"}'},
        },
        {"type": "content_block_stop", "index": 1},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "tool_use", "stop_sequence": None},
            "usage": {"output_tokens": text_deltas},
        },
        {"type": "message_stop"},
    ]
    return b"".join(
        b"event: " + str(f["type"]).encode() + b"\ndata: " + orjson.dumps(f) + b"\n\n"
        for f in frames
    )


def openai_stream(text_deltas: int) -> bytes:
    base = {"id": "chatcmpl-b", "object": "chat.completion.chunk", "created": 1, "model": "gpt-5"}
    chunks = [
        {
            **base,
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
            ],
        },
        *(
            {
                **base,
                "choices": [
                    {"index": 0, "delta": {"content": f"token{i} "}, "finish_reason": None}
                ],
            }
            for i in range(text_deltas)
        ),
        {
            **base,
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": "call_1",
                                "type": "function",
                                "function": {
                                    "name": "get_weather",
                                    "arguments": '{"city": "Paris"}',
                                },
                            }
                        ]
                    },
                    "finish_reason": None,
                }
            ],
        },
        {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]},
        {
            **base,
            "choices": [],
            "usage": {
                "prompt_tokens": 10,
                "completion_tokens": text_deltas,
                "total_tokens": 10 + text_deltas,
            },
        },
    ]
    return b"".join(b"data: " + orjson.dumps(c) + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"


def request_payloads() -> dict[str, Json]:
    """The OpenAI requests by size label: small, 60 messages, 1 MB."""
    return {
        "small": {
            "model": "gpt-5",
            "messages": [{"role": "user", "content": "Hello, how are you?"}],
            "max_completion_tokens": 256,
        },
        "60 messages": openai_request(60),
        "1 MB": openai_request(120, text_size=8800),
    }


#: The Anthropic replies by size label: (text, number of tool calls).
REPLY_SIZES: dict[str, tuple[str, int]] = {
    "small": ("Hello!", 0),
    "medium": ("word " * 400, 2),
    "large": ("word " * 100_000, 8),
}


def sse_data(frame: bytes) -> bytes:
    """The data of one SSE frame as this module frames them (one ``data:`` line, maybe named)."""
    return frame.rsplit(b"\ndata: ", 1)[-1].removeprefix(b"data: ")


def sse_frames(data: bytes) -> list[bytes]:
    """The frames of a stream built here (events end in a blank line; no CR, no comments)."""
    return [frame for frame in data.split(b"\n\n") if frame]
