"""The official SDKs as oracles: send our converted bodies through them, parse our output with them.

Everything here goes through the SDKs' own HTTP stack (``httpx2.MockTransport``), so an SDK that
rejects a parameter name, re-shapes a body or cannot parse a reply makes the test fail.
"""

from __future__ import annotations

import functools
import inspect
import json
from typing import Any

import anthropic
import httpx2
import openai
import openai.types.chat
from pydantic import TypeAdapter

Json = dict[str, Any]

# What each SDK's create() accepts as keyword arguments (everything else must go in extra_body).
_ANTHROPIC_PARAMS = frozenset(
    inspect.signature(anthropic.Anthropic(api_key="k").messages.create).parameters
)
_ANTHROPIC_BETA_PARAMS = frozenset(
    inspect.signature(anthropic.Anthropic(api_key="k").beta.messages.create).parameters
)
_OPENAI_PARAMS = frozenset(
    inspect.signature(openai.OpenAI(api_key="k").chat.completions.create).parameters
)

#: Anthropic parameters the SDK 2.x dropped but API version 2023-06-01 still takes.
LEGACY_ANTHROPIC = frozenset({"temperature", "top_p", "top_k"})
#: Parameters the Anthropic SDK sends as headers, not in the body.
ANTHROPIC_HEADER_PARAMS = frozenset({"betas", "user_profile_id", "workspace_id"})

_MESSAGE_REPLY: Json = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "m",
    "content": [{"type": "text", "text": "ok"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 1, "output_tokens": 1},
}
_COMPLETION_REPLY: Json = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}
    ],
}


class Captured:
    """The request a mock transport received."""

    def __init__(self) -> None:
        self.body: Json | None = None
        self.headers: dict[str, str] = {}

    def handler(self, reply: Json, stream: bytes) -> Any:
        def handle(request: httpx2.Request) -> httpx2.Response:
            self.body = json.loads(request.content)
            self.headers = dict(request.headers)
            if self.body and self.body.get("stream"):
                return httpx2.Response(
                    200, content=stream, headers={"content-type": "text/event-stream"}
                )
            return httpx2.Response(200, json=reply)

        return handle


def send_anthropic(body: Json) -> tuple[Captured, set[str]]:
    """Send ``body`` with ``Anthropic().messages.create`` (the beta client when it has beta fields).

    Returns what arrived and the keys that had to go through ``extra_body``.
    """
    captured = Captured()
    stream = (
        b'event: message_start\ndata: {"type":"message_start","message":'
        + json.dumps({**_MESSAGE_REPLY, "content": []}).encode()
        + b'}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n'
    )
    client = anthropic.Anthropic(
        api_key="k",
        base_url="http://test",
        max_retries=0,
        http_client=httpx2.Client(
            transport=httpx2.MockTransport(captured.handler(_MESSAGE_REPLY, stream))
        ),
    )
    beta = bool(body.keys() & (_ANTHROPIC_BETA_PARAMS - _ANTHROPIC_PARAMS))
    known = _ANTHROPIC_BETA_PARAMS if beta else _ANTHROPIC_PARAMS
    kwargs = {k: v for k, v in body.items() if k in known}
    extra = {k: v for k, v in body.items() if k not in known}
    create = client.beta.messages.create if beta else client.messages.create
    result = create(**kwargs, extra_body=extra or None)
    if body.get("stream"):
        for _ in result:
            pass
    return captured, set(extra)


def send_openai(body: Json) -> tuple[Captured, set[str]]:
    """Send ``body`` with ``OpenAI().chat.completions.create``; returns what arrived and the extras."""
    captured = Captured()
    chunk = {
        **_COMPLETION_REPLY,
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": "ok"}, "finish_reason": "stop"}],
    }
    stream = b"data: " + json.dumps(chunk).encode() + b"\n\ndata: [DONE]\n\n"
    client = openai.OpenAI(
        api_key="k",
        base_url="http://test/v1",
        max_retries=0,
        http_client=httpx2.Client(
            transport=httpx2.MockTransport(captured.handler(_COMPLETION_REPLY, stream))
        ),
    )
    kwargs = {k: v for k, v in body.items() if k in _OPENAI_PARAMS}
    extra = {k: v for k, v in body.items() if k not in _OPENAI_PARAMS}
    result = client.chat.completions.create(**kwargs, extra_body=extra or None)
    if body.get("stream"):
        for _ in result:
            pass
    return captured, set(extra)


@functools.cache
def _openai_request_type() -> TypeAdapter[Any]:
    return TypeAdapter(openai.types.chat.CompletionCreateParams)


def _materialise(value: Any) -> Any:
    """A validated SDK request as plain JSON (its ``Iterable`` fields validate lazily)."""
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return value
    return [_materialise(v) for v in value]


def assert_standard_openai_request(body: Json) -> None:
    """``body`` is a Chat Completions request as the official SDK documents it, key for key:
    its request types validate it and keep every key (a TypedDict drops the keys it does not
    know, so a body that comes back smaller held a non-standard field somewhere inside), and
    ``create(**body)`` takes it without ``extra_body`` and sends it unchanged."""
    validated = _materialise(_openai_request_type().validate_python(body, strict=True))
    assert validated == body, "the SDK's request types do not know a key of the body"
    captured, extra = send_openai(body)
    assert extra == set(), f"create() needs extra_body for {sorted(extra)}"
    assert captured.body == body
