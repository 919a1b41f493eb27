"""
ruapi_convert.testing._anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Strategies for Anthropic Messages request bodies, and the feature flags and pieces (citations,
thinking, tool use, server tool exchanges) that responses share with them (those are in
``_anthropic_responses``). The public wrappers, with every flag documented, are in
:mod:`ruapi_convert.testing.strategies`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from ._common import (
    IMAGES_B64,
    PDF_B64,
    IdPool,
    ToolSpec,
    file_names,
    fresh,
    ids,
    maybe_null,
    model_names,
    sometimes,
    texts,
    tool_input,
    tool_specs,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "MODELS",
    "AnthropicFeatures",
    "citation",
    "requests",
    "server_exchange",
    "signature",
    "thinking_blocks",
    "tool_use_block",
]

MODELS = (
    "claude-opus-4-8",
    "claude-opus-4-5-20251101",
    "claude-sonnet-5",
    "claude-sonnet-4-6",
    "claude-sonnet-4-5-20250929",
    "claude-haiku-4-5",
)


@dataclass(frozen=True)
class AnthropicFeatures:
    """Which parts of the protocol to generate (see the public functions for each flag)."""

    tools: bool = True
    images: bool = True
    documents: bool = True
    thinking: bool = True
    server_tools: bool = True
    citations: bool = True
    cache_control: bool = True
    structured_outputs: bool = True
    sampling: bool = True
    refusals: bool = True
    mid_system: bool = True
    prefill: bool = True
    beta: bool = True
    protocol_specific: bool = True
    explicit_nulls: bool = True
    lenient: bool = True
    streaming: bool = True
    pings: bool = True
    max_messages: int = 8
    max_tools: int = 4


def cache_control(draw: st.DrawFn, f: AnthropicFeatures, block: dict[str, Any]) -> dict[str, Any]:
    """``block``, sometimes with a ``cache_control`` breakpoint (when that feature is on)."""
    if sometimes(draw, f.cache_control, one_in=5):
        control: dict[str, Any] = {"type": "ephemeral"}
        if draw(st.booleans()):
            control["ttl"] = draw(st.sampled_from(["5m", "1h"]))
        block["cache_control"] = control
    return block


def signature(draw: st.DrawFn) -> str:
    """An opaque base64-ish token: thinking signatures, encrypted content and indices."""
    return draw(ids("", extra="+/="))


# -- citations -----------------------------------------------------------------------------------


def citation(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    """One citation location of any kind (web search results only with server tools)."""
    cited = draw(texts(max_size=20))
    kind = draw(
        st.sampled_from(
            ["char_location", "page_location", "content_block_location", "search_result_location"]
            + (["web_search_result_location"] if f.server_tools else [])
        )
    )
    start = draw(st.integers(0, 50))
    end = start + draw(st.integers(1, 50))
    out: dict[str, Any] = {"type": kind, "cited_text": cited}
    if kind == "web_search_result_location":
        out.update(
            url=f"https://example.com/{draw(words())}",
            title=draw(texts(max_size=20)),
            encrypted_index=signature(draw),
        )
    elif kind == "search_result_location":
        out.update(
            search_result_index=draw(st.integers(0, 3)),
            source=f"https://example.com/{draw(words())}",
            title=draw(texts(max_size=20)),
            start_block_index=start,
            end_block_index=end,
        )
    else:
        out.update(document_index=draw(st.integers(0, 3)), document_title=draw(texts(max_size=20)))
        field = {
            "char_location": "char",
            "page_location": "page",
            "content_block_location": "block",
        }
        unit = field[kind]
        if unit == "page":
            out.update(start_page_number=start + 1, end_page_number=end + 1)
        else:
            out[f"start_{unit}_index"] = start
            out[f"end_{unit}_index"] = end
    return out


# -- request: blocks -----------------------------------------------------------------------------


def _text_block(draw: st.DrawFn, f: AnthropicFeatures, *, cited: bool = False) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "text", "text": draw(texts(max_size=40))}
    if cited and sometimes(draw, f.citations):
        block["citations"] = [citation(draw, f) for _ in range(draw(st.integers(1, 2)))]
    return cache_control(draw, f, block)


def _image_block(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    media_type = draw(st.sampled_from(sorted(IMAGES_B64)))
    source: dict[str, Any] = {
        "type": "base64",
        "media_type": media_type,
        "data": IMAGES_B64[media_type],
    }
    if draw(st.integers(0, 3)) == 0:
        source = {"type": "url", "url": f"https://example.com/{draw(words())}.png"}
    elif sometimes(draw, f.protocol_specific, one_in=6):
        source = {"type": "file", "file_id": draw(ids("file_"))}
    block: dict[str, Any] = {"type": "image", "source": source}
    if sometimes(draw, f.protocol_specific, one_in=6):
        block["transformations"] = {"oversized_image": draw(st.sampled_from(["downsize", "error"]))}
    return cache_control(draw, f, block)


def _document_block(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    kind = draw(st.sampled_from(["pdf", "pdf", "text", "url", "content"]))
    source: dict[str, Any]
    if kind == "pdf":
        source = {"type": "base64", "media_type": "application/pdf", "data": PDF_B64}
    elif kind == "text":
        source = {"type": "text", "media_type": "text/plain", "data": draw(texts(max_size=60))}
    elif kind == "url":
        source = {"type": "url", "url": f"https://example.com/{draw(words())}.pdf"}
    else:
        content: Any = draw(texts(max_size=40))
        if draw(st.booleans()):
            content = [{"type": "text", "text": draw(texts(max_size=30))}]
            if f.images and draw(st.booleans()):
                content.append(_image_block(draw, f))
        source = {"type": "content", "content": content}
    if sometimes(draw, f.protocol_specific, one_in=8):
        source = {"type": "file", "file_id": draw(ids("file_"))}
    block: dict[str, Any] = {"type": "document", "source": source}
    if draw(st.booleans()):
        block["title"] = draw(file_names(".pdf"))
    if sometimes(draw, f.protocol_specific, one_in=4):
        block["context"] = draw(texts(max_size=30))
    if sometimes(draw, f.citations):
        block["citations"] = {"enabled": draw(st.booleans())}
    return cache_control(draw, f, block)


def _search_result_block(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "search_result",
        "source": f"https://example.com/{draw(words())}",
        "title": draw(texts(max_size=20)),
        "content": [{"type": "text", "text": draw(texts(max_size=40))}],
    }
    if sometimes(draw, f.citations):
        block["citations"] = {"enabled": True}
    return cache_control(draw, f, block)


def _user_blocks(draw: st.DrawFn, f: AnthropicFeatures) -> list[dict[str, Any]]:
    makers: list[Callable[[st.DrawFn, AnthropicFeatures], dict[str, Any]]] = [_text_block]
    makers += [_image_block] if f.images else []
    makers += [_document_block, _search_result_block] if f.documents else []
    blocks = [draw(st.sampled_from(makers))(draw, f) for _ in range(draw(st.integers(1, 3)))]
    if sometimes(draw, f.server_tools and f.protocol_specific, one_in=8):
        blocks.append({"type": "container_upload", "file_id": draw(ids("file_"))})
    return blocks


def _tool_result_block(draw: st.DrawFn, f: AnthropicFeatures, tool_use_id: str) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "tool_result", "tool_use_id": tool_use_id}
    shape = draw(st.integers(0, 4))
    if shape == 0:
        pass  # no content: the tool succeeded and had nothing to say
    elif shape <= 2:
        block["content"] = draw(texts(max_size=40))
    else:
        parts = [{"type": "text", "text": draw(texts(max_size=40))}]
        if f.images and draw(st.booleans()):
            parts.append(_image_block(draw, f))
        if f.documents and draw(st.integers(0, 3)) == 0:
            parts.append(_search_result_block(draw, f))
        block["content"] = parts
    if draw(st.integers(0, 4)) == 0:
        block["is_error"] = draw(st.booleans())
    return cache_control(draw, f, block)


# -- server tools (shared by history and responses) ----------------------------------------------

_SERVER_TOOLS = {
    "web_search": {"type": "web_search_20250305", "name": "web_search"},
    "web_fetch": {"type": "web_fetch_20250910", "name": "web_fetch"},
    "code_execution": {"type": "code_execution_20250825", "name": "code_execution"},
}


def server_exchange(draw: st.DrawFn, pool: IdPool) -> list[dict[str, Any]]:
    """A ``server_tool_use`` block and the result block that answers it."""
    tool_id = pool.new(draw, "srvtoolu_")
    kind = draw(st.sampled_from(["web_search", "web_fetch", "bash_code_execution"]))
    result: dict[str, Any]
    if kind == "web_search":
        use_input: dict[str, Any] = {"query": draw(texts(max_size=30))}
        content: Any = [
            {
                "type": "web_search_result",
                "url": f"https://example.com/{draw(words())}",
                "title": draw(texts(max_size=20)),
                "encrypted_content": signature(draw),
                "page_age": draw(st.one_of(st.none(), st.just("2 days ago"))),
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
        if draw(st.integers(0, 4)) == 0:
            content = {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"}
        result = {"type": "web_search_tool_result", "tool_use_id": tool_id, "content": content}
    elif kind == "web_fetch":
        url = f"https://example.com/{draw(words())}"
        use_input = {"url": url}
        document = {
            "type": "document",
            "source": {
                "type": "text",
                "media_type": "text/plain",
                "data": draw(texts(max_size=60)),
            },
            "title": draw(texts(max_size=20)),
        }
        content = {"type": "web_fetch_result", "url": url, "content": document}
        if draw(st.booleans()):
            content["retrieved_at"] = "2026-05-01T12:00:00Z"
        if draw(st.integers(0, 4)) == 0:
            content = {"type": "web_fetch_tool_result_error", "error_code": "url_not_accessible"}
        result = {"type": "web_fetch_tool_result", "tool_use_id": tool_id, "content": content}
    else:
        use_input = {"command": draw(texts(max_size=30))}
        content = {
            "type": "bash_code_execution_result",
            "stdout": draw(texts(min_size=0, max_size=30)),
            "stderr": "",
            "return_code": draw(st.sampled_from([0, 0, 1, 127])),
            "content": [],
        }
        result = {
            "type": "bash_code_execution_tool_result",
            "tool_use_id": tool_id,
            "content": content,
        }
    use = {"type": "server_tool_use", "id": tool_id, "name": kind, "input": use_input}
    return [use, result]


# -- request: messages ---------------------------------------------------------------------------


def thinking_blocks(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Signed thinking blocks (sometimes with empty, "omitted" text) and redacted ones."""
    blocks = []
    for _ in range(draw(st.integers(1, 2))):
        if draw(st.integers(0, 4)) == 0:
            blocks.append({"type": "redacted_thinking", "data": signature(draw)})
        else:
            thought = draw(st.one_of(st.just(""), texts(max_size=40)))
            blocks.append({"type": "thinking", "thinking": thought, "signature": signature(draw)})
    return blocks


def tool_use_block(
    draw: st.DrawFn, f: AnthropicFeatures, pool: IdPool, spec: ToolSpec, *, request: bool
) -> dict[str, Any]:
    """A call of ``spec`` with an input that fits its schema (``cache_control`` only in requests)."""
    block: dict[str, Any] = {
        "type": "tool_use",
        "id": pool.new(draw, "toolu_"),
        "name": spec.name,
        "input": tool_input(draw, spec),
    }
    if sometimes(draw, f.protocol_specific, one_in=6):
        block["caller"] = {"type": "direct"}
    return cache_control(draw, f, block) if request else block


def _assistant_turn(
    draw: st.DrawFn, f: AnthropicFeatures, pool: IdPool, specs: list[ToolSpec], calls: int
) -> tuple[dict[str, Any], list[str]]:
    """An assistant message of the history and the ids of the client tools it calls."""
    blocks: list[dict[str, Any]] = []
    if sometimes(draw, f.thinking, one_in=2):
        blocks += thinking_blocks(draw)
    if sometimes(draw, f.beta, one_in=8) and not blocks:
        blocks.append({"type": "compaction", "content": draw(texts(max_size=40))})
    if sometimes(draw, f.server_tools, one_in=4):
        blocks += server_exchange(draw, pool)
    if sometimes(draw, f.beta, one_in=8):
        use_id = pool.new(draw, "mcptoolu_")
        blocks.append(
            {
                "type": "mcp_tool_use",
                "id": use_id,
                "name": draw(words()),
                "server_name": "example-mcp",
                "input": {},
            }
        )
        blocks.append(
            {
                "type": "mcp_tool_result",
                "tool_use_id": use_id,
                "content": [{"type": "text", "text": draw(texts())}],
            }
        )
    if not calls or draw(st.booleans()):
        blocks.append(_text_block(draw, f, cited=True))
    uses = [
        tool_use_block(draw, f, pool, draw(st.sampled_from(specs)), request=True)
        for _ in range(calls)
    ]
    blocks += uses
    content: Any = blocks
    plain = len(blocks) == 1 and blocks[0]["type"] == "text" and set(blocks[0]) == {"type", "text"}
    if plain and draw(st.booleans()):
        content = blocks[0]["text"]
    return {"role": "assistant", "content": content}, [u["id"] for u in uses]


def _user_turn(draw: st.DrawFn, f: AnthropicFeatures, answering: list[str]) -> dict[str, Any]:
    blocks = [_tool_result_block(draw, f, use_id) for use_id in answering]
    if not blocks or draw(st.integers(0, 2)) == 0:
        if not blocks and draw(st.booleans()):
            return {"role": "user", "content": draw(texts(max_size=60))}
        blocks += _user_blocks(draw, f)
    return {"role": "user", "content": blocks}


def _system_turn(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    content: Any = draw(texts(max_size=40))
    if draw(st.booleans()):
        content = [_text_block(draw, f)]
    return {"role": "system", "content": content}


def _messages(draw: st.DrawFn, f: AnthropicFeatures, specs: list[ToolSpec]) -> list[dict[str, Any]]:
    limit = max(1, f.max_messages)
    pool = IdPool()
    messages = [_user_turn(draw, f, [])]
    while limit - len(messages) >= 2 and draw(st.integers(0, 2)) > 0:
        if f.mid_system and limit - len(messages) >= 3 and draw(st.integers(0, 5)) == 0:
            # Only right after a user turn and right before an assistant turn (the API's rule).
            messages.append(_system_turn(draw, f))
        calls = draw(st.integers(1, 3)) if bool(specs) and draw(st.booleans()) else 0
        assistant, use_ids = _assistant_turn(draw, f, pool, specs, calls)
        messages.append(assistant)
        messages.append(_user_turn(draw, f, use_ids))
    if f.prefill and len(messages) < limit and draw(st.integers(0, 5)) == 0:
        # A prefill may not end in whitespace.
        messages.append({"role": "assistant", "content": draw(texts(max_size=20)).rstrip()})
    return messages


# -- request: tools and the body -----------------------------------------------------------------


def _tool_param(draw: st.DrawFn, f: AnthropicFeatures, spec: ToolSpec) -> dict[str, Any]:
    tool: dict[str, Any] = {"name": spec.name, "input_schema": spec.schema}
    if spec.description is not None:
        tool["description"] = spec.description
    if draw(st.integers(0, 3)) == 0:
        tool["strict"] = draw(st.booleans())
    if f.protocol_specific:
        if draw(st.integers(0, 4)) == 0:
            tool["type"] = "custom"
        if draw(st.integers(0, 6)) == 0:
            tool["defer_loading"] = draw(st.booleans())
        if draw(st.integers(0, 6)) == 0:
            tool["eager_input_streaming"] = draw(st.booleans())
    return cache_control(draw, f, tool)


def _builtin_tools(draw: st.DrawFn, f: AnthropicFeatures) -> list[dict[str, Any]]:
    tools: list[dict[str, Any]] = []
    if sometimes(draw, f.server_tools):
        for name in draw(st.lists(st.sampled_from(sorted(_SERVER_TOOLS)), min_size=1, unique=True)):
            tool: dict[str, Any] = dict(_SERVER_TOOLS[name])
            if name != "code_execution" and draw(st.booleans()):
                tool["max_uses"] = draw(st.integers(1, 10))
            tools.append(tool)
    if sometimes(draw, f.protocol_specific, one_in=5):
        tools.append(
            draw(
                st.sampled_from(
                    [
                        {"type": "bash_20250124", "name": "bash"},
                        {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool"},
                        {"type": "memory_20250818", "name": "memory"},
                    ]
                )
            )
        )
    if sometimes(draw, f.beta, one_in=6):
        tools.append({"type": "mcp_toolset", "mcp_server_name": "example-mcp"})
    return tools


def _thinking_fits_tool_loop(
    draw: st.DrawFn, thinking: dict[str, Any], messages: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """With thinking on, the API requires the last assistant turn, when it calls tools, to start
    with a thinking block ("a final assistant message must start with a thinking block"): give it
    one, or leave thinking off."""
    last = next((m for m in reversed(messages) if m["role"] == "assistant"), None)
    content = last["content"] if last is not None else None
    if not isinstance(content, list) or not any(b["type"] == "tool_use" for b in content):
        return thinking
    if content[0]["type"] in ("thinking", "redacted_thinking"):
        return thinking
    if content[0]["type"] == "compaction" or draw(st.booleans()):
        return None
    content[:0] = thinking_blocks(draw)
    return thinking


def _nullable_params(f: AnthropicFeatures) -> dict[str, bool]:
    """Top-level keys our model accepts as null (the SDK types some as non-Optional), each mapped
    to whether its feature is on."""
    return {
        "system": True,
        "stop_sequences": True,
        "tools": f.tools,
        "tool_choice": f.tools,
        "thinking": f.thinking,
        "metadata": f.protocol_specific,
    }


@st.composite
def requests(draw: st.DrawFn, f: AnthropicFeatures) -> dict[str, Any]:
    """A ``POST /v1/messages`` request body."""
    specs: list[ToolSpec] = []
    if f.tools and f.max_tools > 0 and draw(st.integers(0, 2)) > 0:
        specs = draw(tool_specs(max_size=f.max_tools))
    thinking: dict[str, Any] | None = None
    max_tokens = draw(st.integers(1, 64_000))
    if sometimes(draw, f.thinking, one_in=2):
        mode = draw(st.sampled_from(["enabled", "adaptive", "disabled"]))
        if mode == "enabled":
            max_tokens = max(max_tokens, 1025)
            thinking = {"type": "enabled", "budget_tokens": draw(st.integers(1024, max_tokens - 1))}
        else:
            thinking = {"type": mode}
        if mode != "disabled" and sometimes(draw, f.protocol_specific):
            thinking["display"] = draw(st.sampled_from(["summarized", "omitted"]))
    body: dict[str, Any] = {
        "model": draw(model_names(MODELS)),
        "max_tokens": max_tokens,
        "messages": _messages(draw, f, specs),
    }
    if thinking is not None and thinking["type"] != "disabled":
        thinking = _thinking_fits_tool_loop(draw, thinking, body["messages"])
    if draw(st.booleans()):
        body["system"] = draw(texts(max_size=60))
        if draw(st.booleans()):
            body["system"] = [_text_block(draw, f) for _ in range(draw(st.integers(1, 2)))]
    tools = [_tool_param(draw, f, s) for s in specs] + _builtin_tools(draw, f)
    if tools:
        body["tools"] = tools
    if bool(specs) and draw(st.booleans()):
        forced_ok = thinking is None or thinking["type"] == "disabled"
        choice: dict[str, Any] = draw(
            st.sampled_from(
                [{"type": "auto"}, {"type": "none"}]
                + (
                    [{"type": "any"}, {"type": "tool", "name": draw(st.sampled_from(specs)).name}]
                    if forced_ok
                    else []
                )
            )
        )
        if choice["type"] != "none" and draw(st.booleans()):
            choice = {**choice, "disable_parallel_tool_use": draw(st.booleans())}
        body["tool_choice"] = choice
    if thinking is not None:
        body["thinking"] = thinking
    output_config: dict[str, Any] = {}
    if sometimes(draw, f.thinking):
        output_config["effort"] = draw(st.sampled_from(["low", "medium", "high", "xhigh", "max"]))
    if sometimes(draw, f.structured_outputs, one_in=4):
        output_config["format"] = {
            "type": "json_schema",
            "schema": draw(tool_specs(max_size=1))[0].schema,
        }
    if output_config:
        body["output_config"] = output_config
    if draw(st.integers(0, 3)) == 0:
        body["stop_sequences"] = draw(st.lists(texts(max_size=8), min_size=1, max_size=4))
    if f.streaming and draw(st.booleans()):
        body["stream"] = draw(st.booleans())
    # Sampling parameters do not combine with extended thinking.
    sampling = f.sampling and (thinking is None or thinking["type"] == "disabled")
    if sometimes(draw, sampling):
        body["temperature"] = draw(st.one_of(st.integers(0, 1), st.floats(0, 1)))
    if sometimes(draw, sampling, one_in=5):
        body["top_p"] = draw(st.floats(0, 1))
    if sometimes(draw, sampling, one_in=5):
        body["top_k"] = draw(st.integers(1, 500))
    if sometimes(draw, f.cache_control, one_in=5):
        body["cache_control"] = {"type": "ephemeral"}
    if f.protocol_specific:
        _protocol_specific_params(draw, body)
    if f.beta:
        _beta_params(draw, body)
    maybe_null(draw, body, _nullable_params(f), f.explicit_nulls)
    return fresh(body)


# Parameters without an OpenAI counterpart, each sent now and then.
_PROTOCOL_SPECIFIC: dict[str, st.SearchStrategy[Any]] = {
    "metadata": st.builds(lambda u: {"user_id": u}, ids("user-")),
    "service_tier": st.sampled_from(["auto", "standard_only"]),
    "speed": st.sampled_from(["standard", "fast"]),
    "inference_geo": st.sampled_from(["us", "global"]),
    "container": ids("container_"),
    "diagnostics": st.builds(lambda m: {"previous_message_id": m}, ids("msg_")),
}


def _protocol_specific_params(draw: st.DrawFn, body: dict[str, Any]) -> None:
    for key, strategy in _PROTOCOL_SPECIFIC.items():
        if draw(st.integers(0, 7)) == 0:
            body[key] = draw(strategy)


def _beta_params(draw: st.DrawFn, body: dict[str, Any]) -> None:
    uses_mcp = any(t.get("type") == "mcp_toolset" for t in body.get("tools") or [])
    if uses_mcp or draw(st.integers(0, 9)) == 0:
        body["mcp_servers"] = [
            {"type": "url", "name": "example-mcp", "url": "https://mcp.example.com/sse"}
        ]
        body["betas"] = ["mcp-client-2025-11-20"]
    if draw(st.integers(0, 9)) == 0:
        body["context_management"] = {"edits": [{"type": "clear_tool_uses_20250919"}]}
        body["betas"] = [*body.get("betas", []), "context-management-2025-06-27"]
