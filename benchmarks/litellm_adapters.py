"""LiteLLM's adapters for both directions, wrapped bytes in -> bytes out (``--litellm`` only).

LiteLLM is a benchmark-only dependency (the ``bench_litellm`` nox session installs it); this module
imports it on construction only. The calls are those of ``peers-python.md`` section 8, with the
standard library's ``json`` as a gateway using LiteLLM would parse and dump.
"""

from __future__ import annotations

import importlib
import json
import os
from typing import Any


def _load(module: str, name: str) -> Any:
    """``module.name``, imported by name: typed ``Any`` whether LiteLLM is installed (its own
    annotations would then be checked) or not (the ``typecheck`` session), so mypy agrees in both."""
    return getattr(importlib.import_module(module), name)


class LiteLLM:
    """The adapters of peers-python.md section 8, wrapped bytes in -> bytes out."""

    def __init__(self) -> None:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        self.litellm = importlib.import_module("litellm")
        anthropic = "litellm.llms.anthropic"
        try:  # the layout of litellm >= 1.10x, then the older one
            adapters = f"{anthropic}.messages.adapters"
            importlib.import_module(adapters)
        except ImportError:
            adapters = f"{anthropic}.experimental_pass_through.adapters"
        self.config = _load(f"{anthropic}.chat.transformation", "AnthropicConfig")()
        self.iterator = _load(f"{anthropic}.chat.handler", "ModelResponseIterator")
        self.map_roles = _load(
            "litellm.llms.base_llm.base_utils", "map_developer_role_to_system_role"
        )
        self.adapter = _load(f"{adapters}.transformation", "LiteLLMAnthropicMessagesAdapter")()
        self.stream_wrapper = _load(f"{adapters}.streaming_iterator", "AnthropicStreamWrapper")
        self.request_type = _load("litellm.types.llms.anthropic", "AnthropicMessagesRequest")
        self.chunk_type = _load("litellm.types.utils", "ModelResponseStream")

    def o2a_request(self, body: bytes) -> bytes:
        req = json.loads(body)
        messages = self.map_roles(messages=req["messages"])
        params = {k: v for k, v in req.items() if k not in ("model", "messages")}
        optional = self.config.map_openai_params(
            non_default_params=params, optional_params={}, model=req["model"], drop_params=True
        )
        optional.pop("json_mode", None)
        out = self.config.transform_request(
            model=req["model"],
            messages=messages,
            optional_params=optional,
            litellm_params={},
            headers={},
        )
        return json.dumps(out).encode()

    def a2o_request(self, body: bytes) -> bytes:
        req = json.loads(body)
        out, _ = self.adapter.translate_anthropic_to_openai(
            anthropic_message_request=self.request_type(**req)
        )
        return json.dumps(out, default=str).encode()

    def a2o_response(self, body: bytes) -> bytes:
        import httpx

        data = json.loads(body)
        raw = httpx.Response(
            200, json=data, request=httpx.Request("POST", "https://api.anthropic.com/v1/messages")
        )
        out = self.config.transform_parsed_response(
            completion_response=data, raw_response=raw, model_response=self.litellm.ModelResponse()
        )
        return json.dumps(out.model_dump(exclude_none=True)).encode()

    def o2a_response(self, body: bytes) -> bytes:
        out = self.adapter.translate_openai_response_to_anthropic(
            response=self.litellm.ModelResponse(**json.loads(body))
        )
        return json.dumps(out, default=str).encode()

    def a2o_stream(self, data: bytes) -> bytes:
        it = self.iterator(streaming_response=iter(()), sync_stream=True)
        out = []
        for frame in data.split(b"\n\n"):
            if frame:
                event = json.loads(frame.rsplit(b"\ndata: ", 1)[-1])
                chunk = it.chunk_parser(event)
                out.append(
                    b"data: " + json.dumps(chunk.model_dump(exclude_none=True)).encode() + b"\n\n"
                )
        return b"".join(out)

    def o2a_stream(self, data: bytes) -> bytes:
        chunks = (
            self.chunk_type(**json.loads(f.removeprefix(b"data: ")))
            for f in data.split(b"\n\n")
            if f and f != b"data: [DONE]"
        )
        return b"".join(
            b"event: "
            + str(event.get("type", "")).encode()
            + b"\ndata: "
            + json.dumps(event, default=str).encode()
            + b"\n\n"
            for event in self.stream_wrapper(completion_stream=chunks, model="gpt-5")
        )
