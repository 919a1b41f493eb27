"""
ruapi_convert.mapping.turns_anthropic_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The turns concept from Anthropic Messages to the Responses API, in requests (the other direction is
:mod:`.turns_responses_anthropic`): ``system`` becomes ``instructions`` (a string) or a leading
system message of input_text parts (blocks, which can carry cache breakpoints); each turn's blocks
become items in order: text runs -> one message item, ``thinking`` -> reasoning items (those that
came from a Responses upstream), ``tool_use`` -> function_call (or custom_tool_call for a tool in
the custom form), ``tool_result`` -> function_call_output (custom_tool_call_output), web search
blocks -> ``web_search_call``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import InvalidInputError
from ._ledger import A2R_REQUEST, Fate, Json
from .content_responses_anthropic import (
    breakpoint_of,
    input_part,
    lose_cache_control,
)
from .reasoning_responses_anthropic import block_to_request_item
from .tool_calls import input_to_arguments
from .tools_responses import CUSTOM_INPUT_KEY
from .tools_responses_anthropic import WEB_SEARCH_NAME, is_custom_form

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["messages_to_input"]


A2R_REQUEST.mapped(
    "system",
    "instructions / input[0]",
    "a string -> instructions; text blocks -> a leading system message of input_text parts (which can carry their cache breakpoints)",
)
A2R_REQUEST.mapped("system[].text", "input[0].content[].text")
_SYSTEM_CITATIONS = A2R_REQUEST.dropped(
    "system[].citations", "citations of the system prompt have no Responses input form"
)
A2R_REQUEST.mapped("messages", "input", "each turn's blocks become items in order")
A2R_REQUEST.mapped(
    "messages[].role",
    "input[].role",
    "user -> user message items and tool outputs, assistant -> assistant message items, reasoning and calls, system (native mid-conversation) -> a system message item",
)
A2R_REQUEST.mapped(
    "messages[].content[] (tool_use)",
    "input[]: function_call",
    "{call_id: id, name, arguments: input as JSON ({_raw_arguments: s} gives s back)}; a call of a tool in the custom form -> custom_tool_call {call_id, name, input: input.input}",
)
A2R_REQUEST.mapped("messages[].content[].id", "input[].call_id")
A2R_REQUEST.mapped("messages[].content[].name", "input[].name")
A2R_REQUEST.mapped("messages[].content[].input", "input[].arguments")
A2R_REQUEST.mapped(
    "messages[].content[] (tool_result)",
    "input[]: function_call_output",
    "{call_id: tool_use_id, output: content (a string, or input_text / input_image / input_file parts)}; custom_tool_call_output when it answers a custom call",
)
A2R_REQUEST.mapped("messages[].content[].tool_use_id", "input[].call_id")
A2R_REQUEST.mapped("messages[].content[].content", "input[].output")
_IS_ERROR = A2R_REQUEST.dropped(
    "messages[].content[].is_error",
    "a Responses tool output has no error flag (false is not reported)",
)
_CALLER_A2R = A2R_REQUEST.dropped(
    "messages[].content[].caller", "who made the call: no Responses field (direct is not reported)"
)
A2R_REQUEST.mapped(
    "messages[].content[] (server_tool_use)",
    "input[]: web_search_call",
    "web_search {id, input: {query}} with its web_search_tool_result -> {id, type: web_search_call, status: completed (failed for an error result), action: {type: search, query, sources: [{type: url, url}]}}; titles, page ages and encrypted contents have no Responses place (approximated). Other server tools are dropped",
)
_SERVER = A2R_REQUEST.row("messages[].content[] (server_tool_use)")
_A2R_HOSTED: Final = (
    "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
    "text_editor_code_execution_tool_result", "tool_search_tool_result", "mcp_tool_use",
    "mcp_tool_result", "container_upload", "compaction", "search_result", "tool_reference",
    "browser_state", "web_search_tool_result",
)  # fmt: skip
A2R_REQUEST.add(
    Fate(
        "messages[].content[] (other server tool blocks)",
        "dropped",
        "",
        "results of Anthropic-hosted tools other than web search, MCP blocks, compaction and container blocks: no Responses input item. "
        + ", ".join(_A2R_HOSTED),
        _A2R_HOSTED,
    )
)
_A2R_OTHER = A2R_REQUEST.row("messages[].content[] (other server tool blocks)")
_A2R_TRAILING_KEYS: Final = frozenset({"role", "content", "clear_at", "output_config"})
_A2R_SYSTEM_KEYS: Final = {
    key: A2R_REQUEST.dropped(
        f"messages[].{key}",
        "a beta key of a mid-conversation system message: no Responses counterpart",
    )
    for key in ("clear_at", "output_config")
}
A2R_REQUEST.dropped("messages[].output_config.effort", "see messages[].output_config")
for _key in ("from", "to", "mcp_server_name", "tool", "tools", "toolset_name", "trigger"):
    A2R_REQUEST.dropped(
        f"messages[].content[].{_key}",
        "a field of the blocks with no Responses item (see messages[].content[] (other server tool blocks))",
    )


def messages_to_input(req: Json, out: Json, ctx: Context) -> None:
    """``instructions`` and ``input`` (into ``out``) for Anthropic ``system`` and ``messages``."""
    items: list[Json] = []
    system = req.get("system")
    if isinstance(system, str):
        if system:
            out["instructions"] = system
    elif system:
        parts = []
        for j, block in enumerate(system):
            path = f"system[{j}]"
            ctx.unknown(block, frozenset({"type", "text", "cache_control", "citations"}), path)
            if block.get("citations"):
                ctx.lose(_SYSTEM_CITATIONS, f"{path}.citations")
            part: Json = {"type": "input_text", "text": block["text"]}
            breakpoint_of(block, part, path, ctx)
            parts.append(part)
        items.append({"type": "message", "role": "system", "content": parts})
    custom = {
        t["name"]
        for t in req.get("tools") or ()
        if t.get("type") in (None, "custom") and is_custom_form(t)
    }
    custom_ids: set[str] = set()
    if not req["messages"]:  # the Messages API requires at least one
        raise InvalidInputError("must hold at least one message", path="messages")
    for i, msg in enumerate(req["messages"]):
        path = f"messages[{i}]"
        ctx.unknown(msg, _A2R_TRAILING_KEYS, path)
        role, content = msg["role"], msg["content"]
        if role not in ("user", "assistant", "system"):
            # (the Messages API refuses a role it does not know, and so does this direction)
            raise InvalidInputError(
                f"role {ctx.quote(role)} is not a Messages role (user, assistant, system)",
                path=f"{path}.role",
            )
        for key, row in _A2R_SYSTEM_KEYS.items():
            if msg.get(key) is not None:
                ctx.lose(row, f"{path}.{key}")
        if not isinstance(content, (str, list)):
            raise InvalidInputError("must be a string or a list of blocks", path=f"{path}.content")
        if isinstance(content, str):
            kind = "output_text" if role == "assistant" else "input_text"
            if role == "assistant":
                items.append(
                    {"type": "message", "role": role, "content": [{"type": kind, "text": content}]}
                )
            else:
                items.append({"type": "message", "role": role, "content": content})
            continue
        items.extend(_blocks_to_items(role, content, path, ctx, custom, custom_ids))
    out["input"] = items


def _blocks_to_items(
    role: str, blocks: list[Json], path: str, ctx: Context, custom: set[str], custom_ids: set[str]
) -> list[Json]:
    items: list[Json] = []
    parts: list[Json] = []
    assistant = role == "assistant"

    def flush() -> None:
        if parts:
            items.append({"type": "message", "role": role, "content": list(parts)})
            parts.clear()

    searches: dict[str, Json] = {}
    for j, block in enumerate(blocks):
        bpath = f"{path}.content[{j}]"
        kind = block.get("type")
        if kind in ("text", "image", "document"):
            part = input_part(block, bpath, ctx, output=assistant)
            if part is not None:
                parts.append(part)
            continue
        flush()
        if kind in ("thinking", "redacted_thinking"):
            lose_cache_control(block, bpath, ctx)
            item = block_to_request_item(block, bpath, ctx)
            if item is not None:
                items.append(item)
        elif kind == "tool_use":
            items.append(_call_item(block, bpath, ctx, custom, custom_ids))
        elif kind == "tool_result":
            items.append(_output_item(block, bpath, ctx, custom_ids))
        elif kind == "server_tool_use" and block.get("name") == WEB_SEARCH_NAME:
            lose_cache_control(block, bpath, ctx)
            query = (block.get("input") or {}).get("query")
            action: Json = {"type": "search", "query": query if isinstance(query, str) else ""}
            item = {
                "id": block["id"],
                "type": "web_search_call",
                "status": "completed",
                "action": action,
            }
            searches[block["id"]] = item
            items.append(item)
        elif kind == "web_search_tool_result" and block.get("tool_use_id") in searches:
            _search_results(block, searches[block["tool_use_id"]], bpath, ctx)
        else:
            ctx.lose(
                _A2R_OTHER
                if kind in _A2R_HOSTED or kind == "server_tool_use"
                else A2R_REQUEST.row("messages[].content[] (unknown types)"),
                bpath,
                kind="dropped" if kind in _A2R_HOSTED or kind == "server_tool_use" else "unknown",
                detail=f"a {ctx.quote(kind)} block has no Responses input item; dropped",
            )
    flush()
    return items


def _call_item(
    block: Json, path: str, ctx: Context, custom: set[str], custom_ids: set[str]
) -> Json:
    ctx.unknown(block, frozenset({"type", "id", "name", "input", "cache_control", "caller"}), path)
    lose_cache_control(block, path, ctx)
    if block.get("caller") not in (None, {"type": "direct"}):
        ctx.lose(_CALLER_A2R, f"{path}.caller")
    tool_input = block["input"]
    if (
        block["name"] in custom
        and isinstance(tool_input, dict)
        and set(tool_input) == {CUSTOM_INPUT_KEY}
        and isinstance(tool_input[CUSTOM_INPUT_KEY], str)
    ):
        custom_ids.add(block["id"])
        return {
            "type": "custom_tool_call",
            "call_id": block["id"],
            "name": block["name"],
            "input": tool_input[CUSTOM_INPUT_KEY],
        }
    return {
        "type": "function_call",
        "call_id": block["id"],
        "name": block["name"],
        "arguments": input_to_arguments(tool_input),
    }


def _output_item(block: Json, path: str, ctx: Context, custom_ids: set[str]) -> Json:
    ctx.unknown(
        block, frozenset({"type", "tool_use_id", "content", "is_error", "cache_control"}), path
    )
    lose_cache_control(block, path, ctx)
    if block.get("is_error"):
        ctx.lose(_IS_ERROR, f"{path}.is_error")
    content = block.get("content")
    output: Any
    if content is None or isinstance(content, str):
        output = content or ""
    else:
        output = []
        for k, inner in enumerate(content):
            part = input_part(inner, f"{path}.content[{k}]", ctx)
            if part is not None:
                output.append(part)
    kind = (
        "custom_tool_call_output" if block["tool_use_id"] in custom_ids else "function_call_output"
    )
    return {"type": kind, "call_id": block["tool_use_id"], "output": output}


def _search_results(block: Json, item: Json, path: str, ctx: Context) -> None:
    """Fold a web_search_tool_result into its web_search_call item."""
    lose_cache_control(block, path, ctx)
    content = block.get("content")
    if isinstance(content, list):
        item["action"]["sources"] = [
            {"type": "url", "url": r["url"]}
            for r in content
            if isinstance(r, dict) and isinstance(r.get("url"), str)
        ]
        if any(
            r.get("title") or r.get("encrypted_content") for r in content if isinstance(r, dict)
        ):
            ctx.lose(
                _SERVER,
                f"{path}.content",
                kind="approximated",
                detail="the results' titles, page ages and encrypted contents have no place in a web_search_call (its sources keep the URLs)",
            )
    else:
        item["status"] = "failed"
        ctx.lose(
            _SERVER,
            f"{path}.content",
            kind="approximated",
            detail="a failed search (its error code) is a web_search_call with status failed",
        )
