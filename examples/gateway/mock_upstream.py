"""Deterministic mock upstreams for the three protocols, written by hand from the vendors' docs
(not with ruapi_convert, so that a test through the gateway checks the library against something
it did not produce).

One Starlette app serves all three: ``POST /v1/chat/completions`` (Chat Completions),
``/v1/messages`` and ``/v1/messages/count_tokens`` (Messages), ``/v1/responses`` and
``/v1/responses/input_tokens`` (Responses), ``GET /v1/models``. The *mode* is the last segment of
the requested model (``anthropic/tools`` -> ``tools``):

========== ===============================================================================
text       one text reply; usage with cache tokens (every mode has them)
tools      two parallel tool calls (get_weather, get_time); once tool results come back, a
           text reply naming the call ids it received
thinking   signed reasoning (Anthropic thinking + signature, Chat ``reasoning_details`` with a
           signature, Responses ``encrypted_content``) and one tool call; once results come
           back, signed reasoning and a text naming the signatures it saw in the history
error      429 with the vendor's error body, before anything is streamed
midstream  a stream that sends some text, then the vendor's in-stream error event
slow       40 text deltas 0.1 s apart; a cancelled request is recorded in :attr:`MockUpstream.log`
drop       the connection is dropped after part of the body
garbage    200 with a body that is no reply of the protocol (a stream of one unreadable event)
========== ===============================================================================

Every reply's text says what the mock saw (turns, tool result ids, signatures), so a test can
check that a follow-up turn reached the upstream with its history intact.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from starlette.requests import Request

Json = dict[str, Any]

MODES = ("text", "tools", "thinking", "error", "midstream", "slow", "drop", "garbage")
ERROR_MESSAGE = "mock rate limit reached, slow down"
MIDSTREAM_MESSAGE = "mock upstream overloaded mid-stream"


@dataclass
class Seen:
    """What a request carried that a reply reports back."""

    turns: int = 0
    tool_results: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)


@dataclass
class Script:
    """One reply, protocol-neutral: what each protocol writer renders."""

    key: str
    model: str
    text: str
    thinking: str | None = None
    signature: str | None = None
    calls: list[tuple[str, str, str]] = field(default_factory=list)  # (id suffix, name, args)


def _seen_anthropic(body: Json) -> Seen:
    seen = Seen(turns=len(body.get("messages", [])))
    for message in body.get("messages", []):
        content = message.get("content")
        for block in content if isinstance(content, list) else []:
            if block.get("type") == "tool_result":
                seen.tool_results.append(block["tool_use_id"])
            elif block.get("type") == "thinking" and block.get("signature"):
                seen.signatures.append(block["signature"])
    return seen


def _seen_chat(body: Json) -> Seen:
    seen = Seen(turns=len(body.get("messages", [])))
    for message in body.get("messages", []):
        if message.get("role") == "tool":
            seen.tool_results.append(message["tool_call_id"])
        for detail in message.get("reasoning_details") or []:
            if detail.get("signature"):
                seen.signatures.append(detail["signature"])
    return seen


def _seen_responses(body: Json) -> Seen:
    items = body.get("input")
    items = [{"role": "user", "content": items}] if isinstance(items, str) else items or []
    seen = Seen(turns=len(items))
    for item in items:
        if item.get("type") == "function_call_output":
            seen.tool_results.append(item["call_id"])
        elif item.get("type") == "reasoning" and item.get("encrypted_content"):
            seen.signatures.append(item["encrypted_content"])
    return seen


def script_for(protocol: str, body: Json, raw: bytes) -> Script:
    """The reply to ``body``: its mode from the model, its text from what it carried."""
    model = str(body.get("model", "mock"))
    mode = model.rsplit("/", 1)[-1]
    seen = {"anthropic": _seen_anthropic, "openai": _seen_chat, "responses": _seen_responses}[
        protocol
    ](body)
    key = hashlib.sha256(raw).hexdigest()[:12]
    hello = f"Hello from the mock {protocol} upstream ({seen.turns} turn(s) seen)."
    script = Script(key, model, hello)
    if mode == "tools" and not seen.tool_results:
        script.text = "Checking both."
        script.calls = [("1", "get_weather", '{"city":"Paris"}'), ("2", "get_time", '{"tz":"CET"}')]
    elif mode == "tools":
        script.text = f"Got results for {', '.join(seen.tool_results)}."
    elif mode == "thinking":
        script.thinking = "The user asks about Paris; look it up first."
        script.signature = f"sig-{key}"
        if seen.tool_results:
            script.text = f"Signatures seen: {', '.join(seen.signatures) or 'none'}."
        else:
            script.text = "Looking it up."
            script.calls = [("1", "get_weather", '{"city":"Paris"}')]
    elif mode == "slow":
        script.text = "".join(f"w{i} " for i in range(40))
    return script


# -- Anthropic Messages --------------------------------------------------------------------------


def _anthropic_usage(output: int) -> Json:
    return {
        "input_tokens": 10,
        "cache_creation_input_tokens": 2,
        "cache_read_input_tokens": 5,
        "output_tokens": output,
    }


def _anthropic_blocks(s: Script) -> list[Json]:
    blocks: list[Json] = []
    if s.thinking is not None:
        blocks.append({"type": "thinking", "thinking": s.thinking, "signature": s.signature})
    blocks.append({"type": "text", "text": s.text})
    for suffix, name, args in s.calls:
        blocks.append(
            {
                "type": "tool_use",
                "id": f"toolu_{s.key}_{suffix}",
                "name": name,
                "input": json.loads(args),
            }
        )
    return blocks


def anthropic_message(s: Script) -> Json:
    return {
        "id": f"msg_{s.key}",
        "type": "message",
        "role": "assistant",
        "model": s.model,
        "content": _anthropic_blocks(s),
        "stop_reason": "tool_use" if s.calls else "end_turn",
        "stop_sequence": None,
        "usage": _anthropic_usage(7),
    }


def anthropic_events(s: Script, midstream: bool = False) -> Iterator[tuple[str, Json]]:
    message = {**anthropic_message(s), "content": [], "stop_reason": None}
    message["usage"] = {**message["usage"], "output_tokens": 1}
    yield "message_start", {"type": "message_start", "message": message}
    for index, block in enumerate(_anthropic_blocks(s)):
        kind = block["type"]
        start = {
            "thinking": {**block, "thinking": "", "signature": ""},
            "text": {**block, "text": ""},
        }
        empty = start.get(kind, {**block, "input": {}})
        yield (
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": empty},
        )
        if index == 0:
            yield "ping", {"type": "ping"}
        for delta in _anthropic_deltas(block):
            yield (
                "content_block_delta",
                {"type": "content_block_delta", "index": index, "delta": delta},
            )
            if midstream and kind == "text":
                error = {"type": "overloaded_error", "message": MIDSTREAM_MESSAGE}
                yield "error", {"type": "error", "error": error}
                return
        yield "content_block_stop", {"type": "content_block_stop", "index": index}
    delta = {"stop_reason": "tool_use" if s.calls else "end_turn", "stop_sequence": None}
    yield "message_delta", {"type": "message_delta", "delta": delta, "usage": {"output_tokens": 7}}
    yield "message_stop", {"type": "message_stop"}


def _anthropic_deltas(block: Json) -> Iterator[Json]:
    if block["type"] == "thinking":
        yield {"type": "thinking_delta", "thinking": block["thinking"]}
        yield {"type": "signature_delta", "signature": block["signature"]}
    elif block["type"] == "text":
        for piece in _pieces(block["text"]):
            yield {"type": "text_delta", "text": piece}
    else:
        for piece in _pieces(json.dumps(block["input"]), 2):
            yield {"type": "input_json_delta", "partial_json": piece}


def _pieces(text: str, count: int = 0) -> list[str]:
    """``text`` in ``count`` pieces (0: word by word)."""
    if count == 0:
        words = text.split(" ")
        return [w + " " for w in words[:-1]] + [words[-1]] if text else [""]
    size = max(1, -(-len(text) // count))
    return [text[i : i + size] for i in range(0, len(text), size)]


# -- Chat Completions ----------------------------------------------------------------------------


def _chat_usage() -> Json:
    return {
        "prompt_tokens": 17,
        "completion_tokens": 7,
        "total_tokens": 24,
        "prompt_tokens_details": {"cached_tokens": 5},
        "completion_tokens_details": {"reasoning_tokens": 3},
    }


def _chat_calls(s: Script) -> list[Json]:
    return [
        {
            "id": f"call_{s.key}_{suffix}",
            "type": "function",
            "function": {"name": name, "arguments": args},
        }
        for suffix, name, args in s.calls
    ]


def chat_completion(s: Script) -> Json:
    message: Json = {"role": "assistant", "content": s.text}
    if s.thinking is not None:
        message["reasoning_content"] = s.thinking
        message["reasoning_details"] = [
            {"type": "reasoning.text", "text": s.thinking, "signature": s.signature, "index": 0}
        ]
    if s.calls:
        message["tool_calls"] = _chat_calls(s)
    return {
        "id": f"chatcmpl-{s.key}",
        "object": "chat.completion",
        "created": 1_765_000_000,
        "model": s.model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": "tool_calls" if s.calls else "stop",
            }
        ],
        "usage": _chat_usage(),
    }


def chat_chunks(s: Script, include_usage: bool, midstream: bool = False) -> Iterator[Json]:
    def chunk(delta: Json, finish: str | None = None) -> Json:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {
            "id": f"chatcmpl-{s.key}",
            "object": "chat.completion.chunk",
            "created": 1_765_000_000,
            "model": s.model,
            "choices": [choice],
        }

    yield chunk({"role": "assistant", "content": ""})
    if s.thinking is not None:
        detail = {"type": "reasoning.text", "text": s.thinking, "index": 0}
        yield chunk({"reasoning_content": s.thinking, "reasoning_details": [detail]})
        yield chunk({"reasoning_details": [{"index": 0, "signature": s.signature}]})
    for piece in _pieces(s.text):
        yield chunk({"content": piece})
        if midstream:
            yield {
                "error": {
                    "message": MIDSTREAM_MESSAGE,
                    "type": "server_error",
                    "param": None,
                    "code": None,
                }
            }
            return
    for index, call in enumerate(_chat_calls(s)):
        first, rest = call["function"]["arguments"][:5], call["function"]["arguments"][5:]
        head = {
            **call,
            "index": index,
            "function": {"name": call["function"]["name"], "arguments": first},
        }
        yield chunk({"tool_calls": [head]})
        yield chunk({"tool_calls": [{"index": index, "function": {"arguments": rest}}]})
    yield chunk({}, "tool_calls" if s.calls else "stop")
    if include_usage:
        yield {**chunk({}), "choices": [], "usage": _chat_usage()}


# -- Responses -----------------------------------------------------------------------------------


def _responses_usage() -> Json:
    return {
        "input_tokens": 17,
        "input_tokens_details": {"cached_tokens": 5},
        "output_tokens": 7,
        "output_tokens_details": {"reasoning_tokens": 3},
        "total_tokens": 24,
    }


def _responses_items(s: Script) -> list[Json]:
    items: list[Json] = []
    if s.thinking is not None:
        items.append(
            {
                "id": f"rs_{s.key}",
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": s.thinking}],
                "encrypted_content": s.signature,
            }
        )
    part = {"type": "output_text", "text": s.text, "annotations": [], "logprobs": []}
    items.append(
        {
            "id": f"msg_{s.key}",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [part],
        }
    )
    for suffix, name, args in s.calls:
        items.append(
            {
                "id": f"fc_{s.key}_{suffix}",
                "type": "function_call",
                "call_id": f"call_{s.key}_{suffix}",
                "name": name,
                "arguments": args,
                "status": "completed",
            }
        )
    return items


def responses_response(s: Script, status: str = "completed") -> Json:
    done = status == "completed"
    return {
        "id": f"resp_{s.key}",
        "object": "response",
        "created_at": 1_765_000_000,
        "status": status,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "model": s.model,
        "output": _responses_items(s) if done else [],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": _responses_usage() if done else None,
    }


def responses_events(s: Script, midstream: bool = False) -> Iterator[Json]:
    yield {"type": "response.created", "response": responses_response(s, "in_progress")}
    yield {"type": "response.in_progress", "response": responses_response(s, "in_progress")}
    for at, item in enumerate(_responses_items(s)):
        base = {"output_index": at}
        if item["type"] == "reasoning":
            yield {"type": "response.output_item.added", **base, "item": {**item, "summary": []}}
            ref = {**base, "item_id": item["id"], "summary_index": 0}
            text = item["summary"][0]["text"]
            yield {
                "type": "response.reasoning_summary_part.added",
                **ref,
                "part": {"type": "summary_text", "text": ""},
            }
            yield {"type": "response.reasoning_summary_text.delta", **ref, "delta": text}
            yield {"type": "response.reasoning_summary_text.done", **ref, "text": text}
            yield {
                "type": "response.reasoning_summary_part.done",
                **ref,
                "part": item["summary"][0],
            }
        elif item["type"] == "message":
            empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            yield {
                "type": "response.output_item.added",
                **base,
                "item": {**item, "status": "in_progress", "content": []},
            }
            ref = {**base, "item_id": item["id"], "content_index": 0}
            yield {"type": "response.content_part.added", **ref, "part": empty}
            for piece in _pieces(s.text):
                yield {"type": "response.output_text.delta", **ref, "delta": piece, "logprobs": []}
                if midstream:
                    yield {
                        "type": "error",
                        "code": "server_error",
                        "message": MIDSTREAM_MESSAGE,
                        "param": None,
                    }
                    failed = responses_response(s, "failed")
                    failed["error"] = {"code": "server_error", "message": MIDSTREAM_MESSAGE}
                    yield {"type": "response.failed", "response": failed}
                    return
            yield {"type": "response.output_text.done", **ref, "text": s.text, "logprobs": []}
            yield {"type": "response.content_part.done", **ref, "part": item["content"][0]}
        else:
            yield {
                "type": "response.output_item.added",
                **base,
                "item": {**item, "arguments": "", "status": "in_progress"},
            }
            ref = {**base, "item_id": item["id"]}
            yield {
                "type": "response.function_call_arguments.delta",
                **ref,
                "delta": item["arguments"],
            }
            yield {
                "type": "response.function_call_arguments.done",
                **ref,
                "arguments": item["arguments"],
            }
        yield {"type": "response.output_item.done", **base, "item": item}
    yield {"type": "response.completed", "response": responses_response(s)}


# -- the app -------------------------------------------------------------------------------------


def _sse(event: str | None, data: Json | str) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {text}\n\n".encode()


def _error_body(protocol: str, status: int, message: str) -> Json:
    if protocol == "anthropic":
        kind = "rate_limit_error" if status == 429 else "api_error"
        return {"type": "error", "error": {"type": kind, "message": message}}
    kind = "rate_limit_exceeded" if status == 429 else "server_error"
    return {"error": {"message": message, "type": kind, "param": None, "code": kind}}


_HEADERS = {
    "anthropic": {"request-id": "req_mock_anthropic", "anthropic-ratelimit-requests-limit": "50"},
    "openai": {"x-request-id": "req_mock_openai", "x-ratelimit-limit-requests": "50"},
}


class MockUpstream:
    """The mock: :attr:`app` to serve, :attr:`log` for what happened (``cancelled <model>``,
    ``request <protocol> <model>``), :attr:`bodies` for the request bodies it received."""

    def __init__(self, *, slow_delay: float = 0.1) -> None:
        self.slow_delay = slow_delay
        self.log: list[str] = []
        self.bodies: list[Json] = []
        #: the signatures its replies carried, in order
        self.signatures: list[str] = []
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._create("openai"), methods=["POST"]),
                Route("/v1/messages", self._create("anthropic"), methods=["POST"]),
                Route("/v1/responses", self._create("responses"), methods=["POST"]),
                Route("/v1/messages/count_tokens", self._count, methods=["POST"]),
                Route("/v1/responses/input_tokens", self._count, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
            ]
        )

    async def _models(self, request: Request) -> Response:
        ids = [f"mock/{mode}" for mode in MODES]
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"id": i, "object": "model", "created": 0, "owned_by": "mock"} for i in ids
                ],
            }
        )

    async def _count(self, request: Request) -> Response:
        body = await request.body()
        tokens = max(1, len(body) // 4)
        if request.url.path.endswith("input_tokens"):
            return JSONResponse({"object": "response.input_tokens", "input_tokens": tokens})
        return JSONResponse({"input_tokens": tokens})

    def _create(self, protocol: str) -> Any:
        async def endpoint(request: Request) -> Response:
            raw = await request.body()
            body = json.loads(raw)
            self.bodies.append(body)
            script = script_for(protocol, body, raw)
            if script.signature is not None:
                self.signatures.append(script.signature)
            mode = script.model.rsplit("/", 1)[-1]
            self.log.append(f"request {protocol} {script.model}")
            vendor = "anthropic" if protocol == "anthropic" else "openai"
            headers = _HEADERS[vendor]
            if mode == "error" or (mode == "midstream" and not body.get("stream")):
                status = 429 if mode == "error" else 500
                message = ERROR_MESSAGE if mode == "error" else MIDSTREAM_MESSAGE
                return JSONResponse(_error_body(protocol, status, message), status, headers)
            if mode == "garbage":
                if body.get("stream"):
                    return Response(b"data: {not json\n\n", media_type="text/event-stream")
                return JSONResponse({"unexpected": True}, headers=headers)
            if mode == "drop":
                return self._dropped(protocol, script, headers, bool(body.get("stream")))
            if not body.get("stream"):
                whole = {
                    "anthropic": anthropic_message,
                    "openai": chat_completion,
                    "responses": responses_response,
                }
                return JSONResponse(whole[protocol](script), headers=headers)
            frames = self._frames(protocol, script, body, mode == "midstream")
            return StreamingResponse(
                self._paced(frames, script.model, mode == "slow"),
                media_type="text/event-stream",
                headers=headers,
            )

        return endpoint

    def _frames(self, protocol: str, s: Script, body: Json, midstream: bool) -> list[bytes]:
        if protocol == "anthropic":
            return [_sse(name, data) for name, data in anthropic_events(s, midstream)]
        if protocol == "openai":
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            frames = [_sse(None, chunk) for chunk in chat_chunks(s, usage, midstream)]
            return frames if midstream else [*frames, _sse(None, "[DONE]")]
        return [
            _sse(event["type"], {**event, "sequence_number": n})
            for n, event in enumerate(responses_events(s, midstream))
        ]

    async def _paced(self, frames: list[bytes], model: str, slow: bool) -> AsyncIterator[bytes]:
        finished = False
        try:
            for frame in frames:
                if slow:
                    await asyncio.sleep(self.slow_delay)
                yield frame
            finished = True
        finally:
            if not finished:
                self.log.append(f"cancelled {model}")

    def _dropped(self, protocol: str, s: Script, headers: dict[str, str], stream: bool) -> Response:
        """Part of the body, then the connection goes: the app raises after the first bytes, and
        the server closes the connection without ending the chunked body."""
        first = self._frames(protocol, s, {}, False)[:2] if stream else [b'{"id": "cut']

        async def body() -> AsyncIterator[bytes]:
            for frame in first:
                yield frame
            await asyncio.sleep(0.05)
            raise ConnectionAbortedError("mock upstream dropped the connection")

        media = "text/event-stream" if stream else "application/json"
        return StreamingResponse(body(), media_type=media, headers=headers)


def app() -> Starlette:
    """``uvicorn --factory examples.gateway.mock_upstream:app``"""
    return MockUpstream().app
