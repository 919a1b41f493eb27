"""Hand-written anthropic payloads for the model tests: every shape, written from the SDK types and the docs."""

from __future__ import annotations

from typing import Any


def request(*messages: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A minimal valid request body around ``messages``."""
    body: dict[str, Any] = {"model": "claude-sonnet-4-5", "max_tokens": 1024}
    body["messages"] = list(messages) or [{"role": "user", "content": "Hello"}]
    body.update(fields)
    return body


def user(*blocks: dict[str, Any]) -> dict[str, Any]:
    """A user message with the given content blocks."""
    return {"role": "user", "content": list(blocks)}


def assistant(*blocks: dict[str, Any]) -> dict[str, Any]:
    """An assistant message with the given content blocks."""
    return {"role": "assistant", "content": list(blocks)}


# -- hand-written payloads -----------------------------------------------------------------------

CACHE = {"type": "ephemeral"}
CACHE_1H = {"type": "ephemeral", "ttl": "1h"}

CITATIONS: list[dict[str, Any]] = [
    {
        "type": "char_location",
        "cited_text": "The grass is green.",
        "document_index": 0,
        "document_title": "Facts",
        "start_char_index": 0,
        "end_char_index": 20,
    },
    {
        "type": "page_location",
        "cited_text": "Page text",
        "document_index": 1,
        "document_title": None,
        "start_page_number": 1,
        "end_page_number": 2,
        "file_id": "file_011",
    },
    {
        "type": "content_block_location",
        "cited_text": "Block text",
        "document_index": 2,
        "document_title": "Custom",
        "start_block_index": 0,
        "end_block_index": 1,
    },
    {
        "type": "web_search_result_location",
        "cited_text": "Result text",
        "url": "https://example.com",
        "title": "Example",
        "encrypted_index": "EqgfCioIARgBIiQ3",
    },
    {
        "type": "search_result_location",
        "cited_text": "RAG text",
        "search_result_index": 0,
        "source": "https://kb.example.com/1",
        "title": None,
        "start_block_index": 0,
        "end_block_index": 0,
    },
]

IMAGE_SOURCES = [
    {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
    {"type": "base64", "media_type": "image/avif", "data": "AAAA"},  # media types grow
    {"type": "url", "url": "https://example.com/cat.jpg"},
    {"type": "file", "file_id": "file_011CNha8iCJcU1wXNR6q4V8w"},
]

DOCUMENT_SOURCES = [
    {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQK"},
    {"type": "url", "url": "https://example.com/paper.pdf"},
    {"type": "text", "media_type": "text/plain", "data": "The grass is green."},
    {"type": "content", "content": "Plain string content"},
    {
        "type": "content",
        "content": [
            {"type": "text", "text": "First chunk"},
            {"type": "image", "source": IMAGE_SOURCES[2]},
        ],
    },
    {"type": "file", "file_id": "file_011"},
]

TEXT_BLOCK = {"type": "text", "text": "Hello", "cache_control": CACHE}
SEARCH_RESULT = {
    "type": "search_result",
    "source": "https://kb.example.com/1",
    "title": "Knowledge base",
    "content": [{"type": "text", "text": "Grass is green."}],
    "citations": {"enabled": True},
    "cache_control": CACHE,
}
DOCUMENT = {
    "type": "document",
    "source": DOCUMENT_SOURCES[0],
    "title": "Paper",
    "context": "Uploaded by the user",
    "citations": {"enabled": True},
    "cache_control": CACHE_1H,
}
BROWSER_STATE = {
    "type": "browser_state",
    "tabs": [{"tab_id": "t1", "title": "Home", "url": "https://example.com", "active": True}],
    "state_changes": [
        {"type": "tab_opened", "tab_id": "t2"},
        {"type": "download_started", "download_id": "d1", "url": "https://example.com/f"},
        {
            "type": "download_completed",
            "download_id": "d1",
            "url": "https://example.com/f",
            "path": "/tmp/f",
            "size_bytes": 12,
        },
        {"type": "download_failed", "download_id": "d2", "url": "https://x", "error": "denied"},
    ],
}

USER_BLOCKS: list[dict[str, Any]] = [
    TEXT_BLOCK,
    *[{"type": "image", "source": source} for source in IMAGE_SOURCES],
    {"type": "image", "source": IMAGE_SOURCES[0], "transformations": {"oversized_image": "error"}},
    *[{"type": "document", "source": source} for source in DOCUMENT_SOURCES],
    DOCUMENT,
    SEARCH_RESULT,
    {"type": "tool_result", "tool_use_id": "toolu_1", "content": "259.75 USD"},
    {
        "type": "tool_result",
        "tool_use_id": "toolu_2",
        "is_error": True,
        "cache_control": CACHE,
        "toolset_name": "browser",
        "content": [
            {"type": "text", "text": "result"},
            {"type": "image", "source": IMAGE_SOURCES[0]},
            SEARCH_RESULT,
            DOCUMENT,
            {"type": "tool_reference", "tool_name": "get_weather"},
            BROWSER_STATE,
        ],
    },
    {"type": "tool_result", "tool_use_id": "toolu_3"},
    {"type": "container_upload", "file_id": "file_1", "cache_control": CACHE},
    {
        "type": "mcp_tool_result",
        "tool_use_id": "mcptoolu_1",
        "is_error": False,
        "content": [{"type": "text", "text": "ok"}],
    },
    {"type": "mcp_tool_result", "tool_use_id": "mcptoolu_2", "content": "plain"},
]

SERVER_RESULT_BLOCKS: list[dict[str, Any]] = [
    {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_1",
        "content": [
            {
                "type": "web_search_result",
                "url": "https://example.com",
                "title": "Example",
                "encrypted_content": "EqgfCioIARgB",
                "page_age": "April 30, 2025",
            }
        ],
    },
    {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_2",
        "caller": {"type": "direct"},
        "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
    },
    {
        "type": "web_fetch_tool_result",
        "tool_use_id": "srvtoolu_3",
        "content": {
            "type": "web_fetch_result",
            "url": "https://example.com/page",
            "retrieved_at": "2025-08-25T10:30:00Z",
            "content": {
                "type": "document",
                "source": {"type": "text", "media_type": "text/plain", "data": "Page"},
                "title": "Page",
                "citations": {"enabled": True},
            },
        },
    },
    {
        "type": "web_fetch_tool_result",
        "tool_use_id": "srvtoolu_4",
        "content": {"type": "web_fetch_tool_result_error", "error_code": "url_not_accessible"},
    },
    {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_5",
        "content": {
            "type": "code_execution_result",
            "stdout": "4\n",
            "stderr": "",
            "return_code": 0,
            "content": [{"type": "code_execution_output", "file_id": "file_out"}],
        },
    },
    {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_6",
        "content": {
            "type": "encrypted_code_execution_result",
            "encrypted_stdout": "ENC",
            "stderr": "",
            "return_code": 0,
            "content": [],
        },
    },
    {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_7",
        "content": {"type": "code_execution_tool_result_error", "error_code": "unavailable"},
    },
    {
        "type": "bash_code_execution_tool_result",
        "tool_use_id": "srvtoolu_8",
        "content": {
            "type": "bash_code_execution_result",
            "stdout": "ok",
            "stderr": "",
            "return_code": 0,
            "content": [{"type": "bash_code_execution_output", "file_id": "file_b"}],
        },
    },
    {
        "type": "bash_code_execution_tool_result",
        "tool_use_id": "srvtoolu_9",
        "content": {
            "type": "bash_code_execution_tool_result_error",
            "error_code": "output_file_too_large",
        },
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_10",
        "content": {
            "type": "text_editor_code_execution_view_result",
            "content": "print(1)",
            "file_type": "text",
            "num_lines": 1,
            "start_line": 1,
            "total_lines": 1,
        },
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_11",
        "content": {"type": "text_editor_code_execution_create_result", "is_file_update": False},
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_12",
        "content": {
            "type": "text_editor_code_execution_str_replace_result",
            "lines": ["-a", "+b"],
            "new_lines": 1,
            "new_start": 3,
            "old_lines": 1,
            "old_start": 3,
        },
    },
    {
        "type": "text_editor_code_execution_tool_result",
        "tool_use_id": "srvtoolu_13",
        "content": {
            "type": "text_editor_code_execution_tool_result_error",
            "error_code": "file_not_found",
            "error_message": "no such file",
        },
    },
    {
        "type": "tool_search_tool_result",
        "tool_use_id": "srvtoolu_14",
        "content": {
            "type": "tool_search_tool_search_result",
            "tool_references": [{"type": "tool_reference", "tool_name": "get_weather"}],
        },
    },
    {
        "type": "tool_search_tool_result",
        "tool_use_id": "srvtoolu_15",
        "content": {"type": "tool_search_tool_result_error", "error_code": "invalid_tool_input"},
    },
    {
        "type": "advisor_tool_result",
        "tool_use_id": "srvtoolu_16",
        "content": {"type": "advisor_result", "text": "Check the edge cases.", "stop_reason": None},
    },
    {
        "type": "advisor_tool_result",
        "tool_use_id": "srvtoolu_17",
        "content": {"type": "advisor_redacted_result", "encrypted_content": "ENC"},
    },
    {
        "type": "advisor_tool_result",
        "tool_use_id": "srvtoolu_18",
        "content": {"type": "advisor_tool_result_error", "error_code": "overloaded"},
    },
]

TOOL_CHANGES: list[dict[str, Any]] = [
    {"type": "tool_addition", "tool": {"type": "tool_reference", "name": "get_weather"}},
    {
        "type": "tool_addition",
        "tool": {"type": "mcp_tool_reference", "name": "search", "server_name": "docs"},
    },
    {"type": "tool_removal", "tool": {"type": "mcp_toolset_reference", "server_name": "docs"}},
    {
        "type": "tool_addition",
        "tool": {
            "type": "tool_definition",
            "definition": {"name": "lookup", "input_schema": {"type": "object"}},
        },
    },
]

ASSISTANT_BLOCKS: list[dict[str, Any]] = [
    {"type": "thinking", "thinking": "Let me think.", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA"},
    {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT"},
    {"type": "text", "text": "The grass is green.", "citations": CITATIONS},
    {"type": "tool_use", "id": "toolu_1", "name": "get_stock_price", "input": {"ticker": "^GSPC"}},
    {
        "type": "tool_use",
        "id": "toolu_2",
        "name": "navigate",
        "input": {"url": "https://example.com"},
        "caller": {"type": "code_execution_20250825", "tool_id": "srvtoolu_0"},
        "toolset_name": "browser",
        "cache_control": CACHE,
    },
    {
        "type": "tool_use",
        "id": "toolu_3",
        "name": "screenshot",
        "input": {},
        "caller": {"type": "code_execution_20260120", "tool_id": "srvtoolu_0"},
    },
    {
        "type": "server_tool_use",
        "id": "srvtoolu_1",
        "name": "web_search",
        "input": {"query": "grass"},
        "caller": {"type": "direct"},
    },
    {"type": "server_tool_use", "id": "srvtoolu_x", "name": "future_tool", "input": {}},
    *SERVER_RESULT_BLOCKS,
    {
        "type": "mcp_tool_use",
        "id": "mcptoolu_1",
        "name": "search",
        "server_name": "docs",
        "input": {"q": "x"},
    },
    {
        "type": "mcp_tool_listing",
        "mcp_server_name": "docs",
        "tools": [{"name": "search", "description": None, "input_schema": {"type": "object"}}],
    },
    {
        "type": "compaction",
        "content": "Summary of the conversation so far.",
        "encrypted_content": None,
        "signature": "sig",
        "tool_changes": TOOL_CHANGES,
        "cache_control": CACHE,
    },
    {
        "type": "fallback",
        "from": {"model": "claude-opus-4-8"},
        "to": {"model": "claude-sonnet-4-6"},
        "trigger": {"type": "refusal", "category": "cyber"},
    },
    {"type": "fallback", "from": {"model": "a"}, "to": {"model": "b"}, "trigger": None},
]

SYSTEM_MESSAGES: list[dict[str, Any]] = [
    {"role": "system", "content": "Answer in French from now on."},
    {
        "role": "system",
        "content": [
            {"type": "text", "text": "Be brief.", "cache_control": CACHE},
            *TOOL_CHANGES[:3],
        ],
        "clear_at": "next_user_message",
        "output_config": {"effort": "low"},
    },
    {"role": "system", "clear_at": "never"},
]

TOOLS: list[dict[str, Any]] = [
    {
        "name": "get_weather",
        "description": "Get the weather.",
        "input_schema": {
            "type": "object",
            "properties": {"location": {"type": "string"}},
            "required": ["location"],
            "additionalProperties": False,
            "$defs": {},
        },
        "strict": True,
        "cache_control": CACHE,
        "defer_loading": False,
        "eager_input_streaming": None,
        "input_examples": [{"location": "Paris"}],
        "allowed_callers": ["direct", "code_execution_20250825"],
    },
    {"type": "custom", "name": "c", "input_schema": {"type": "object"}},
    {"type": None, "name": "n", "input_schema": {"type": "object", "properties": None}},
    {"type": "bash_20241022", "name": "bash"},
    {"type": "bash_20250124", "name": "bash", "input_examples": [{"command": "ls"}]},
    {"type": "text_editor_20241022", "name": "str_replace_editor"},
    {"type": "text_editor_20250124", "name": "str_replace_editor"},
    {"type": "text_editor_20250429", "name": "str_replace_based_edit_tool"},
    {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool", "max_characters": 10},
    {"type": "memory_20250818", "name": "memory", "strict": False},
    {
        "type": "computer_20241022",
        "name": "computer",
        "display_width_px": 1024,
        "display_height_px": 768,
        "display_number": 1,
    },
    {
        "type": "computer_20250124",
        "name": "computer",
        "display_width_px": 1,
        "display_height_px": 1,
    },
    {
        "type": "computer_20251124",
        "name": "computer",
        "display_width_px": 1,
        "display_height_px": 1,
        "enable_zoom": True,
    },
    {"type": "code_execution_20250522", "name": "code_execution"},
    {"type": "code_execution_20250825", "name": "code_execution", "defer_loading": True},
    {"type": "code_execution_20260120", "name": "code_execution"},
    {"type": "code_execution_20260521", "name": "code_execution", "cache_control": CACHE},
    {
        "type": "web_search_20250305",
        "name": "web_search",
        "max_uses": 5,
        "allowed_domains": ["example.com"],
        "blocked_domains": None,
        "user_location": {
            "type": "approximate",
            "city": "San Francisco",
            "region": "California",
            "country": "US",
            "timezone": "America/Los_Angeles",
        },
    },
    {"type": "web_search_20260209", "name": "web_search", "blocked_domains": ["x.com"]},
    {"type": "web_search_20260318", "name": "web_search", "response_inclusion": "excluded"},
    {
        "type": "web_fetch_20250910",
        "name": "web_fetch",
        "max_uses": 2,
        "max_content_tokens": 1000,
        "citations": {"enabled": True},
        "url_sources": {
            "user_input": {"type": "all"},
            "client_tool_results": {
                "type": "only",
                "tools": [{"type": "tool_reference", "name": "get_weather"}],
            },
            "server_tool_results": {
                "type": "except",
                "tools": [{"type": "tool_reference", "name": "web_search"}],
            },
        },
    },
    {
        "type": "web_fetch_20260209",
        "name": "web_fetch",
        "url_sources": {"user_input": {"type": "none"}},
    },
    {"type": "web_fetch_20260309", "name": "web_fetch", "use_cache": False},
    {"type": "web_fetch_20260318", "name": "web_fetch", "response_inclusion": "full"},
    {"type": "tool_search_tool_bm25_20251119", "name": "tool_search_tool_bm25"},
    {"type": "tool_search_tool_bm25", "name": "tool_search_tool_bm25"},
    {"type": "tool_search_tool_regex_20251119", "name": "tool_search_tool_regex"},
    {"type": "tool_search_tool_regex", "name": "tool_search_tool_regex"},
    {
        "type": "computer_toolset_20260801",
        "configs": {"screenshot": {"enabled": True}, "zoom": {"defer_loading": True}},
    },
    {
        "type": "browser_toolset_20260801",
        "cache_control": CACHE,
        "configs": {"navigate": {"enabled": True}, "type": {"enabled": False}},
    },
    {
        "type": "advisor_20260301",
        "name": "advisor",
        "model": "claude-opus-4-8",
        "max_uses": 3,
        "max_tokens": 2048,
        "caching": CACHE,
    },
    {
        "type": "mcp_toolset",
        "mcp_server_name": "docs",
        "default_config": {"enabled": False},
        "configs": {"search": {"enabled": True, "defer_loading": True}},
    },
]

THINKING_CONFIGS: list[dict[str, Any]] = [
    {"type": "adaptive"},
    {"type": "adaptive", "display": "summarized"},
    {
        "type": "adaptive",
        "display": "updates",
        "block_binding": {"prefix_mismatch_behavior": "error"},
    },
    {"type": "enabled", "budget_tokens": 1024},
    {"type": "enabled", "budget_tokens": 16000, "display": "omitted"},
    {"type": "disabled"},
    {"type": "between_tools"},
    {"type": "ultra", "budget": "all"},  # a newer mode keeps its payload
]

TOOL_CHOICES: list[dict[str, Any]] = [
    {"type": "auto"},
    {"type": "auto", "disable_parallel_tool_use": True},
    {"type": "any", "disable_parallel_tool_use": False},
    {"type": "tool", "name": "get_weather"},
    {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True},
    {"type": "none"},
    {"type": "required_one_of", "names": ["a", "b"]},
]

FULL_REQUEST = request(
    {"role": "user", "content": "Start"},
    user(*USER_BLOCKS),
    SYSTEM_MESSAGES[0],
    assistant(*ASSISTANT_BLOCKS),
    user(*SERVER_RESULT_BLOCKS),
    SYSTEM_MESSAGES[1],
    {"role": "assistant", "content": "Prefill"},
    SYSTEM_MESSAGES[2],
    system=[{"type": "text", "text": "You are helpful.", "cache_control": CACHE}],
    stop_sequences=["\n\nHuman:"],
    stream=True,
    tools=TOOLS,
    tool_choice={"type": "auto", "disable_parallel_tool_use": True},
    thinking={"type": "enabled", "budget_tokens": 2048, "display": "summarized"},
    output_config={
        "effort": "xhigh",
        "format": {"type": "json_schema", "schema": {"type": "object", "properties": {}}},
        "task_budget": {"type": "tokens", "total": 100000, "remaining": None},
    },
    metadata={"user_id": "user-123"},
    service_tier="standard_only",
    speed="fast",
    inference_geo=None,
    cache_control=CACHE_1H,
    container={"id": "container_1", "skills": [{"type": "anthropic", "skill_id": "xlsx"}]},
    diagnostics={"previous_message_id": "msg_0"},
    user_profile_id="uprof_1",
    workspace_id="wrkspc_1",
    temperature=1,
    top_p=0.9,
    top_k=40,
    betas=["context-management-2025-06-27", "some-future-beta"],
    mcp_servers=[
        {
            "type": "url",
            "name": "docs",
            "url": "https://mcp.example.com/sse",
            "authorization_token": "tok",
            "tool_configuration": {"enabled": True, "allowed_tools": ["search"]},
        }
    ],
    context_management={
        "edits": [
            {
                "type": "clear_tool_uses_20250919",
                "trigger": {"type": "input_tokens", "value": 30000},
                "keep": {"type": "tool_uses", "value": 3},
                "clear_at_least": {"type": "input_tokens", "value": 5000},
                "exclude_tools": ["web_search"],
                "clear_tool_inputs": ["bash"],
            },
            {"type": "clear_tool_uses_20250919", "trigger": {"type": "tool_uses", "value": 5}},
            {"type": "clear_tool_uses_20250919", "clear_tool_inputs": True},
            {"type": "clear_thinking_20251015", "keep": {"type": "thinking_turns", "value": 2}},
            {"type": "clear_thinking_20251015", "keep": {"type": "all"}},
            {"type": "clear_thinking_20251015", "keep": "all"},
            {
                "type": "compact_20260112",
                "trigger": {"type": "input_tokens", "value": 150000},
                "instructions": None,
                "pause_after_compaction": True,
            },
            {"type": "forget_everything_20270101", "really": True},
        ]
    },
    compaction={"type": "summarize", "instructions": "Keep the numbers."},
    fallbacks=[
        {
            "model": "claude-sonnet-4-6",
            "max_tokens": 512,
            "speed": "standard",
            "thinking": {"type": "adaptive"},
            "output_config": {"effort": "low"},
        }
    ],
    fallback_credit_token={"token": "fct_1", "mode": "best_effort"},
    billing_policy={"type": "billing_policy", "bill_to": "user_profile"},
    thread={"type": "continue", "previous_message_id": "msg_1"},
)

USAGE_FULL = {
    "input_tokens": 2095,
    "output_tokens": 503,
    "cache_creation_input_tokens": 2051,
    "cache_read_input_tokens": 0,
    "cache_creation": {"ephemeral_5m_input_tokens": 2051, "ephemeral_1h_input_tokens": 0},
    "server_tool_use": {"web_search_requests": 1, "web_fetch_requests": 0},
    "output_tokens_details": {"thinking_tokens": 120},
    "service_tier": "standard",
    "speed": "fast",
    "inference_geo": "us",
    "iterations": [
        {
            "type": "compaction",
            "input_tokens": 100,
            "output_tokens": 83,
            "cache_read_input_tokens": 5,
            "cache_creation_input_tokens": 0,
            "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
        },
        {
            "type": "message",
            "input_tokens": 1,
            "output_tokens": 2,
            "cache_read_input_tokens": 0,
            "cache_creation_input_tokens": 0,
            "model": "claude-sonnet-4-6",
        },
        {
            "type": "advisor_message",
            "model": "claude-opus-4-8",
            "input_tokens": 1,
            "output_tokens": 2,
            "cache_read_input_tokens": 0,
            "cache_creation_input_tokens": 0,
        },
        {
            "type": "fallback_message",
            "model": "claude-sonnet-4-6",
            "input_tokens": 1,
            "output_tokens": 2,
            "cache_read_input_tokens": 0,
            "cache_creation_input_tokens": 0,
        },
        {"type": "speculative", "tokens": 3},
    ],
    "fallback_credit": {"status": {"type": "not_applied", "reason": "expired"}},
}

OUTPUT_BLOCKS: list[dict[str, Any]] = [
    {"type": "text", "text": "Hi", "citations": None},
    {"type": "text", "text": "Grass is green.", "citations": CITATIONS},
    {"type": "thinking", "thinking": "Hmm.", "signature": "EqQBCgIYAhIM"},
    {"type": "redacted_thinking", "data": "EmwKAhgBEgy3"},
    {
        "type": "tool_use",
        "id": "toolu_1",
        "name": "left_click",
        "input": {"target": {"type": "coordinate", "x": 1, "y": 2}},
        "caller": {"type": "direct"},
        "toolset_name": "computer",
    },
    {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_fetch", "input": {"url": "u"}},
    *SERVER_RESULT_BLOCKS,
    {"type": "container_upload", "file_id": "file_1"},
    {"type": "mcp_tool_use", "id": "mcptoolu_1", "name": "s", "server_name": "docs", "input": {}},
    {
        "type": "mcp_tool_result",
        "tool_use_id": "mcptoolu_1",
        "is_error": False,
        "content": [{"type": "text", "text": "ok", "citations": None}],
    },
    {"type": "mcp_tool_result", "tool_use_id": "mcptoolu_2", "is_error": True, "content": "boom"},
    {"type": "compaction", "content": None},
    {"type": "compaction", "content": "Summary", "tool_changes": TOOL_CHANGES, "signature": "s"},
    {
        "type": "fallback",
        "from": {"model": "claude-opus-4-8"},
        "to": {"model": "claude-sonnet-4-6"},
        "trigger": {"type": "refusal", "category": None},
    },
    {
        "type": "mcp_tool_listing",
        "mcp_server_name": "docs",
        "tools": [{"name": "search", "input_schema": {"type": "object"}}],
    },
]

FULL_MESSAGE: dict[str, Any] = {
    "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
    "type": "message",
    "role": "assistant",
    "model": "claude-opus-4-8",
    "content": OUTPUT_BLOCKS,
    "stop_reason": "refusal",
    "stop_sequence": None,
    "stop_details": {
        "type": "refusal",
        "category": "reasoning_extraction",
        "explanation": "no",
        "fallback_credit_token": "fct_1",
        "fallback_has_prefill_claim": False,
        "recommended_model": "claude-sonnet-4-6",
    },
    "usage": USAGE_FULL,
    "container": {
        "id": "container_1",
        "expires_at": "2025-05-23T21:13:31.749448Z",
        "skills": [{"type": "custom", "skill_id": "s1", "version": "latest"}],
    },
    "diagnostics": {"cache_miss_reason": {"type": "tools_changed", "cache_missed_input_tokens": 9}},
    "context_management": {
        "applied_edits": [
            {
                "type": "clear_tool_uses_20250919",
                "cleared_input_tokens": 100,
                "cleared_tool_uses": 2,
            },
            {
                "type": "clear_thinking_20251015",
                "cleared_input_tokens": 50,
                "cleared_thinking_turns": 1,
            },
        ]
    },
    "input_transformations": [
        {
            "type": "thinking_dropped",
            "path": "messages[1].content[0]",
            "reason": "model_binding_mismatch",
        },
        {"type": "thinking_mismatch_allowed", "path": "messages[3].content[0]", "reason": "x"},
    ],
}

DELTAS: list[dict[str, Any]] = [
    {"type": "text_delta", "text": "Hello"},
    {"type": "input_json_delta", "partial_json": ""},
    {"type": "input_json_delta", "partial_json": '{"location": "San Fra'},
    *[{"type": "citations_delta", "citation": citation} for citation in CITATIONS],
    {"type": "thinking_delta", "thinking": "Let me", "estimated_tokens": 3},
    {"type": "signature_delta", "signature": "EqQBCgIYAhIM"},
    {"type": "compaction_delta", "content": "Summary", "encrypted_content": None},
]

EVENTS: list[dict[str, Any]] = [
    {
        "type": "message_start",
        "message": {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-6",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 25, "output_tokens": 1},
        },
    },
    # The docs' own thinking-stream example: no usage in message_start.
    {
        "type": "message_start",
        "message": {
            "id": "msg_2",
            "type": "message",
            "role": "assistant",
            "content": [],
            "model": "claude-sonnet-4-6",
            "stop_reason": None,
            "stop_sequence": None,
        },
    },
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    {
        "type": "content_block_start",
        "index": 1,
        "content_block": {"type": "thinking", "thinking": "", "signature": ""},
    },
    {
        "type": "content_block_start",
        "index": 2,
        "content_block": {"type": "thinking", "thinking": ""},
    },
    *[
        {"type": "content_block_start", "index": i, "content_block": block}
        for i, block in enumerate(OUTPUT_BLOCKS, start=3)
    ],
    *[{"type": "content_block_delta", "index": 0, "delta": delta} for delta in DELTAS],
    {"type": "content_block_stop", "index": 0},
    {
        "type": "message_delta",
        "delta": {"stop_reason": "tool_use", "stop_sequence": None},
        "usage": {"output_tokens": 89},
    },
    {
        "type": "message_delta",
        "delta": {
            "stop_reason": "compaction",
            "stop_sequence": None,
            "stop_details": {"type": "refusal", "category": "bio"},
            "container": {"id": "c", "expires_at": "2025-05-23T21:13:31Z"},
        },
        "usage": {
            "output_tokens": 8,
            "input_tokens": 181,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "server_tool_use": {"web_search_requests": 1},
            "output_tokens_details": {"thinking_tokens": 3},
            "iterations": USAGE_FULL["iterations"],
            "fallback_credit": {"status": {"type": "redeemed"}},
        },
        "context_management": {"applied_edits": []},
        "input_transformations": [],
    },
    # The docs' own thinking-stream example: no usage in message_delta.
    {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}},
    {"type": "message_stop"},
    {"type": "ping"},
    {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
    {
        "type": "error",
        "error": {
            "type": "rate_limit_error",
            "message": "spend limit",
            "details": {"error_code": "enforced_spend_limit_reached"},
        },
        "request_id": "req_011",
    },
]
