"""Stream invariants of both protocols (what clients such as the SDKs and Claude Code rely on)."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

_DELTA_FOR_BLOCK = {
    "text_delta": {"text"},
    "citations_delta": {"text"},
    "input_json_delta": {"tool_use", "server_tool_use", "mcp_tool_use"},
    "thinking_delta": {"thinking"},
    "signature_delta": {"thinking"},
    "compaction_delta": {"compaction"},
}


def check_anthropic_events(events: list[Json]) -> None:
    """Assert the Anthropic stream rules on a converted event list (an error event may end it)."""
    assert events, "no events"
    if events[0]["type"] == "error":
        assert len(events) == 1
        return
    assert events[0]["type"] == "message_start", events[0]
    assert events[0]["message"].get("usage") is not None, "message_start without usage"
    kinds: list[str] = []
    open_blocks: set[int] = set()
    ended = False
    for event in events[1:]:
        kind = event["type"]
        assert not ended, f"{kind} after the end of the stream"
        if kind == "content_block_start":
            assert event["index"] == len(kinds), (
                f"block {event['index']} started, expected {len(kinds)}"
            )
            kinds.append(event["content_block"]["type"])
            open_blocks.add(event["index"])
        elif kind == "content_block_delta":
            assert event["index"] in open_blocks, (
                f"delta for closed or unknown block {event['index']}"
            )
            allowed = _DELTA_FOR_BLOCK.get(event["delta"]["type"], set())
            assert kinds[event["index"]] in allowed, (
                f"{event['delta']['type']} in a {kinds[event['index']]} block"
            )
        elif kind == "content_block_stop":
            assert event["index"] in open_blocks, (
                f"stop for closed or unknown block {event['index']}"
            )
            open_blocks.discard(event["index"])
        elif kind == "message_delta":
            assert not open_blocks, f"message_delta with open blocks {open_blocks}"
            assert "output_tokens" in (event.get("usage") or {}), (
                "message_delta without usage.output_tokens"
            )
        elif kind in ("message_stop", "error"):
            ended = True
            if kind == "message_stop":
                assert not open_blocks
        elif kind == "message_start":
            raise AssertionError("a second message_start")
    assert ended, "the stream has no message_stop or error at its end"


def check_openai_chunks(chunks: list[Json], *, done: bool, include_usage: bool) -> None:
    """Assert the OpenAI stream rules on converted chunk bodies (``done``: [DONE] followed them)."""
    assert chunks, "no chunks"
    if "error" in chunks[-1]:
        assert not done, "[DONE] after an error"
        chunks = chunks[:-1]
        if not chunks:
            return
        finishes_allowed = 1
    else:
        assert done, "no [DONE] at the end of a successful stream"
        finishes_allowed = 1
    roles = 0
    seen_ids: dict[int, int] = {}
    finishes = 0
    for position, chunk in enumerate(chunks):
        assert chunk["object"] == "chat.completion.chunk"
        if chunk.get("usage") is not None:
            assert position == len(chunks) - 1, "usage before the last chunk"
            assert chunk["choices"] == []
            assert include_usage
        for choice in chunk["choices"]:
            assert choice["index"] == 0
            delta = choice["delta"]
            if "role" in delta:
                roles += 1
            for call in delta.get("tool_calls") or ():
                index = call["index"]
                if "id" in call:
                    seen_ids[index] = seen_ids.get(index, 0) + 1
                    assert "name" in call["function"]
                else:
                    assert index in seen_ids, f"tool call {index} continued before it started"
                    assert "name" not in call.get("function", {}), "function.name sent twice"
            if choice.get("finish_reason") is not None:
                finishes += 1
    assert roles == 1, f"role sent {roles} times"
    assert all(n == 1 for n in seen_ids.values()), f"a tool call id sent twice: {seen_ids}"
    assert sorted(seen_ids) == list(range(len(seen_ids))), (
        f"tool-call indices not dense: {sorted(seen_ids)}"
    )
    if "error" not in chunks[-1]:
        assert finishes <= finishes_allowed
    if include_usage and done:
        assert chunks[-1].get("usage") is not None, "include_usage but no usage chunk"
