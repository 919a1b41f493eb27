"""Independent reference accumulators for both protocols' streams (test helpers).

They follow the official SDKs' documented semantics but are lenient where the recorded streams are
(docs abbreviations without usage, beta blocks the SDK's non-beta accumulator ignores), so they can
compute "the source message" of any fixture stream. The SDKs themselves are used as oracles on our
*output* elsewhere.
"""

from __future__ import annotations

import copy
from typing import Any

import pydantic_core

Json = dict[str, Any]


def accumulate_anthropic(events: list[Json]) -> Json | None:
    """The Message an Anthropic event stream describes (None if it has no message_start)."""
    message: Json | None = None
    buffers: dict[int, str] = {}
    for event in events:
        kind = event["type"]
        if kind == "message_start":
            message = copy.deepcopy(event["message"])
        elif message is None or kind in ("ping", "error"):
            continue
        elif kind == "content_block_start":
            message["content"].append(copy.deepcopy(event["content_block"]))
        elif kind == "content_block_delta":
            block = message["content"][event["index"]]
            delta = event["delta"]
            dtype = delta["type"]
            if dtype == "text_delta":
                block["text"] = block.get("text", "") + delta["text"]
            elif dtype == "input_json_delta":
                buffers[event["index"]] = buffers.get(event["index"], "") + delta["partial_json"]
                text = buffers[event["index"]]
                if text.strip():
                    block["input"] = pydantic_core.from_json(text, allow_partial=True)
            elif dtype == "thinking_delta":
                block["thinking"] = block.get("thinking", "") + delta["thinking"]
            elif dtype == "signature_delta":
                block["signature"] = delta["signature"]
            elif dtype == "citations_delta":
                block["citations"] = [*(block.get("citations") or []), delta["citation"]]
            elif dtype == "compaction_delta":
                if delta.get("content") is not None:
                    block["content"] = (block.get("content") or "") + delta["content"]
                if delta.get("encrypted_content") is not None:
                    block["encrypted_content"] = delta["encrypted_content"]
        elif kind == "message_delta":
            for key, value in event["delta"].items():
                message[key] = value
            usage = event.get("usage")
            if usage:
                message.setdefault("usage", {}).update(
                    {k: v for k, v in usage.items() if v is not None}
                )
            for key in ("context_management", "input_transformations"):
                if event.get(key) is not None:
                    message[key] = event[key]
    return message


def accumulate_openai(chunks: list[Json]) -> Json | None:
    """The ChatCompletion a chunk stream describes, merged as the OpenAI SDK merges deltas."""
    from openai.lib.streaming._deltas import accumulate_delta

    completion: Json | None = None
    for chunk in chunks:
        if "error" in chunk:
            continue
        if completion is None:
            completion = {k: v for k, v in chunk.items() if k not in ("choices", "obfuscation")}
            completion["object"] = "chat.completion"
            completion["choices"] = []
        for key in ("usage", "system_fingerprint", "service_tier"):
            if chunk.get(key) is not None:
                completion[key] = chunk[key]
        for choice in chunk.get("choices") or []:
            while len(completion["choices"]) <= choice["index"]:
                completion["choices"].append(
                    {
                        "index": len(completion["choices"]),
                        "message": {},
                        "finish_reason": None,
                        "logprobs": None,
                    }
                )
            target = completion["choices"][choice["index"]]
            accumulate_delta(target["message"], copy.deepcopy(choice["delta"]))
            if choice.get("finish_reason"):
                target["finish_reason"] = choice["finish_reason"]
            for key, value in choice.items():
                if key not in ("index", "delta", "finish_reason", "logprobs"):
                    target[key] = value
    return completion
