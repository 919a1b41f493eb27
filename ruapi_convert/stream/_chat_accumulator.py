"""
ruapi_convert.stream._chat_accumulator
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Chat message a chunk stream accumulates to, built as the OpenAI SDK's
``ChatCompletionStreamState`` builds it: strings concatenate, ``tool_calls`` and
``reasoning_details`` entries merge by their ``index``, lists of annotations and log probabilities
grow. A stream converter that must end with exactly what the non-stream conversion of the same
reply gives (the Responses stream's ``response.completed``) hands the accumulated message to the
same mapping functions.
"""

from __future__ import annotations

from typing import Any, Final

from .._quote import quote
from ..errors import StreamProtocolError

Json = dict[str, Any]

__all__ = ["ChatAccumulator"]

#: reasoning_details fields that arrive in pieces (the rest come once).
_DETAIL_STRINGS: Final = frozenset({"text", "summary", "data", "signature"})


class ChatAccumulator:
    """One choice's message, accumulated from its deltas."""

    __slots__ = (
        "annotations",
        "content",
        "details",
        "function_call",
        "logprobs",
        "plain",
        "refusal",
        "tool_calls",
    )

    def __init__(self) -> None:
        self.content: str | None = None
        self.refusal: str | None = None
        self.plain: str | None = None  # reasoning_content / reasoning
        self.details: dict[int, Json] = {}
        self.tool_calls: dict[int, Json] = {}
        self.function_call: Json | None = None
        self.annotations: list[Json] = []
        self.logprobs: Json | None = None

    def text(self, key: str, piece: str) -> None:
        """More ``content``, ``refusal`` or plain reasoning text."""
        attr = "plain" if key in ("reasoning_content", "reasoning") else key
        setattr(self, attr, (getattr(self, attr) or "") + piece)

    def detail(self, index: int, fragment: Json) -> Json:
        """Merge one ``reasoning_details`` fragment; returns the entry so far."""
        entry = self.details.setdefault(index, {})
        for key, value in fragment.items():
            if key == "index":
                continue
            if (
                key in _DETAIL_STRINGS
                and isinstance(value, str)
                and isinstance(entry.get(key), str)
            ):
                entry[key] += value
            elif value is not None or key not in entry:
                entry[key] = value
        return entry

    def tool_call(self, index: int, fragment: Json) -> Json:
        """Merge one tool-call fragment; returns the call so far."""
        call = self.tool_calls.get(index)
        if call is None:
            call = self.tool_calls[index] = {
                "id": fragment.get("id"),
                "type": fragment.get("type") or "function",
            }
        elif fragment.get("id") and not call.get("id"):
            call["id"] = fragment["id"]
        elif fragment.get("id") and fragment["id"] != call["id"]:
            # A new call where another is: merging them (as the SDK would) would run one tool with
            # the other's arguments.
            raise StreamProtocolError(
                f"tool call index {index} was reused by a new call ({quote(fragment['id'])} after {quote(call['id'])})",
                path="choices[0].delta.tool_calls",
            )
        for key in ("function", "custom"):
            part = fragment.get(key)
            if not isinstance(part, dict):
                continue
            have = call.setdefault(key, {})
            if key == "custom":
                call["type"] = "custom"
            for name, value in part.items():
                if value is None:
                    continue
                if name in ("arguments", "input") or (name == "name" and name in have):
                    # (servers that stream a name in pieces: the SDK joins them too)
                    have[name] = have.get(name, "") + value
                elif name not in have:
                    have[name] = value
        return call

    def function(self, fragment: Json) -> None:
        """Merge a fragment of the deprecated ``function_call``."""
        have = self.function_call = self.function_call or {}
        if fragment.get("name") and "name" not in have:
            have["name"] = fragment["name"]
        if fragment.get("arguments"):
            have["arguments"] = have.get("arguments", "") + fragment["arguments"]

    def add_logprobs(self, logprobs: Json) -> None:
        have = self.logprobs = self.logprobs or {"content": None, "refusal": None}
        for key in ("content", "refusal"):
            if logprobs.get(key) is not None:
                have[key] = (have.get(key) or []) + list(logprobs[key])

    def message(self) -> Json:
        """The accumulated assistant message (the fields a reply conversion reads)."""
        msg: Json = {"role": "assistant", "content": self.content}
        if self.refusal is not None:
            msg["refusal"] = self.refusal
        if self.plain is not None:
            msg["reasoning_content"] = self.plain
        if self.details:
            msg["reasoning_details"] = [
                {**self.details[k], "index": k} for k in sorted(self.details)
            ]
        if self.tool_calls:
            calls = []
            for k in sorted(self.tool_calls):
                call = dict(self.tool_calls[k])
                key = "custom" if call["type"] == "custom" else "function"
                body = dict(call.get(key) or {})
                body.setdefault("name", "")
                body.setdefault("input" if key == "custom" else "arguments", "")
                call[key] = body
                calls.append(call)
            msg["tool_calls"] = calls
        if self.function_call is not None:
            msg["function_call"] = {"name": "", "arguments": "", **self.function_call}
        if self.annotations:
            msg["annotations"] = self.annotations
        return msg
