"""Hand-written Responses API payloads shared by the model tests: one of every item, tool, tool
choice, text format and stream event type of openai 3.57.0."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


def request(*items: Json, **fields: Any) -> Json:
    """A minimal request around ``items``."""
    return {"model": "gpt-5", "input": list(items) or "Hi", **fields}


USAGE: Json = {
    "input_tokens": 5402,
    "input_tokens_details": {
        "cached_tokens": 4992,
        "cache_write_tokens": 128,
        "cache_write_tokens_details": {"ttl_30m_tokens": 128, "ttl_12h_tokens": 0},
    },
    "output_tokens": 287,
    "output_tokens_details": {"reasoning_tokens": 192},
    "total_tokens": 5689,
}

OUTPUT_TEXT: Json = {
    "type": "output_text",
    "annotations": [
        {
            "type": "url_citation",
            "start_index": 0,
            "end_index": 5,
            "title": "T",
            "url": "https://a.b/",
        },
        {"type": "file_citation", "file_id": "file_1", "filename": "a.pdf", "index": 3},
        {
            "type": "container_file_citation",
            "container_id": "cntr_1",
            "file_id": "cfile_1",
            "filename": "plot.png",
            "start_index": 0,
            "end_index": 2,
        },
        {"type": "file_path", "file_id": "cfile_1", "index": 5},
    ],
    "logprobs": [
        {
            "token": "Hello",
            "bytes": [72, 101, 108, 108, 111],
            "logprob": -0.01,
            "top_logprobs": [{"token": "Hi", "bytes": [72, 105], "logprob": -5}],
        }
    ],
    "text": "Hello",
}

MESSAGE: Json = {
    "id": "msg_1",
    "type": "message",
    "status": "completed",
    "content": [OUTPUT_TEXT, {"type": "refusal", "refusal": "No."}],
    "role": "assistant",
    "phase": "final_answer",
}
FUNCTION_CALL: Json = {
    "id": "fc_1",
    "type": "function_call",
    "status": "completed",
    "arguments": '{"city":"Paris"}',
    "call_id": "call_1",
    "name": "get_weather",
}
REASONING: Json = {
    "id": "rs_1",
    "type": "reasoning",
    "encrypted_content": "gAAAAABblob",
    "summary": [{"type": "summary_text", "text": "**Thinking**"}],
    "content": [{"type": "reasoning_text", "text": "raw"}],
}
CUSTOM_CALL: Json = {
    "id": "ctc_1",
    "type": "custom_tool_call",
    "status": "completed",
    "call_id": "call_2",
    "name": "apply_patch",
    "input": "*** Begin Patch\n*** End Patch\n",
}

#: One output item of each type (every member of ``ResponseOutputItem``).
OUTPUT_ITEMS: list[Json] = [
    MESSAGE,
    FUNCTION_CALL,
    REASONING,
    CUSTOM_CALL,
    {
        "id": "fco_1",
        "type": "function_call_output",
        "status": "completed",
        "call_id": "call_1",
        "output": "18 C",
    },
    {
        "id": "ctco_1",
        "type": "custom_tool_call_output",
        "status": "completed",
        "call_id": "call_2",
        "output": "ok",
    },
    {
        "id": "fs_1",
        "type": "file_search_call",
        "status": "completed",
        "queries": ["q"],
        "results": None,
    },
    {
        "id": "ws_1",
        "type": "web_search_call",
        "status": "completed",
        "action": {"type": "search", "query": "q"},
    },
    {
        "id": "cu_1",
        "type": "computer_call",
        "status": "completed",
        "call_id": "call_3",
        "action": {"type": "screenshot"},
        "pending_safety_checks": [],
    },
    {
        "id": "cuo_1",
        "type": "computer_call_output",
        "status": "completed",
        "call_id": "call_3",
        "output": {"type": "computer_screenshot", "file_id": "file_2"},
    },
    {"id": "prog_1", "type": "program", "call_id": "call_4", "code": "f()", "fingerprint": "fp"},
    {
        "id": "po_1",
        "type": "program_output",
        "call_id": "call_4",
        "status": "completed",
        "result": "1",
    },
    {
        "id": "tsc_1",
        "type": "tool_search_call",
        "status": "completed",
        "execution": "server",
        "arguments": {"q": "cal"},
    },
    {
        "id": "tso_1",
        "type": "tool_search_output",
        "status": "completed",
        "execution": "server",
        "tools": [],
    },
    {
        "id": "at_1",
        "type": "additional_tools",
        "role": "critic",
        "tools": [{"type": "local_shell"}],
    },
    {"id": "cmp_1", "type": "compaction", "encrypted_content": "gAAAAABc"},
    {"id": "ig_1", "type": "image_generation_call", "status": "generating", "result": None},
    {
        "id": "ci_1",
        "type": "code_interpreter_call",
        "status": "interpreting",
        "container_id": "cntr_1",
        "code": None,
        "outputs": None,
    },
    {
        "id": "lsh_1",
        "type": "local_shell_call",
        "status": "completed",
        "call_id": "call_5",
        "action": {"type": "exec", "command": ["ls"], "env": {}},
    },
    {"id": "lsh_1", "type": "local_shell_call_output", "output": "a\n"},
    {
        "id": "sh_1",
        "type": "shell_call",
        "status": "completed",
        "call_id": "call_6",
        "action": {"commands": ["ls"]},
        "environment": {"type": "container_reference", "container_id": "cntr_1"},
    },
    {
        "id": "sho_1",
        "type": "shell_call_output",
        "status": "completed",
        "call_id": "call_6",
        "output": [{"stdout": "", "stderr": "x", "outcome": {"type": "exit", "exit_code": 1}}],
    },
    {
        "id": "ap_1",
        "type": "apply_patch_call",
        "status": "completed",
        "call_id": "call_7",
        "operation": {"type": "create_file", "path": "a.py", "diff": "+x\n"},
    },
    {"id": "apo_1", "type": "apply_patch_call_output", "status": "failed", "call_id": "call_7"},
    {
        "id": "mcp_1",
        "type": "mcp_call",
        "status": "failed",
        "server_label": "s",
        "name": "n",
        "arguments": "{}",
        "error": {"type": "http_error", "code": 502, "message": "Bad gateway"},
    },
    {"id": "mcpl_1", "type": "mcp_list_tools", "server_label": "s", "tools": [], "error": None},
    {
        "id": "mcpr_1",
        "type": "mcp_approval_request",
        "server_label": "s",
        "name": "n",
        "arguments": "{}",
    },
    {
        "id": "mcpa_1",
        "type": "mcp_approval_response",
        "approval_request_id": "mcpr_1",
        "approve": True,
    },
]


def response(**fields: Any) -> Json:
    """A complete response body (keys in OpenAI's order)."""
    body: Json = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1767990000,
        "status": "completed",
        "background": False,
        "completed_at": 1767990004,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "max_tool_calls": None,
        "model": "gpt-5.2",
        "output": [MESSAGE],
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "prompt_cache_key": None,
        "prompt_cache_retention": None,
        "reasoning": {"effort": None, "summary": None},
        "safety_identifier": None,
        "service_tier": "default",
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": [],
        "top_logprobs": 0,
        "top_p": 1,
        "truncation": "disabled",
        "usage": USAGE,
        "user": None,
        "metadata": {},
    }
    body.update(fields)
    return body


def item_event(kind: str, **fields: Any) -> Json:
    """An event about one output item (``item_id`` at ``output_index``)."""
    return {"type": kind, "sequence_number": 7, "item_id": "x_1", "output_index": 1, **fields}


def lifecycle(kind: str, **fields: Any) -> Json:
    """A lifecycle event whose response has ``fields`` changed."""
    return {"type": kind, "sequence_number": 0, "response": response(**fields)}


#: One payload per event type of openai 3.57.0 (59).
EVENTS: list[Json] = [
    lifecycle("response.created", status="in_progress", output=[], usage=None),
    lifecycle("response.in_progress", status="in_progress", output=[], usage=None),
    lifecycle("response.queued", status="queued", output=[], usage=None, background=True),
    lifecycle("response.completed"),
    lifecycle(
        "response.failed",
        status="failed",
        error={"code": "server_error", "message": "The model failed to generate a response."},
    ),
    lifecycle(
        "response.incomplete",
        status="incomplete",
        incomplete_details={"reason": "max_output_tokens"},
    ),
    {
        "type": "response.output_item.added",
        "sequence_number": 2,
        "output_index": 0,
        "item": FUNCTION_CALL,
    },
    {"type": "response.output_item.done", "sequence_number": 9, "output_index": 0, "item": MESSAGE},
    item_event("response.content_part.added", content_index=0, part=OUTPUT_TEXT),
    item_event(
        "response.content_part.done", content_index=1, part={"type": "reasoning_text", "text": "r"}
    ),
    item_event(
        "response.output_text.delta", content_index=0, delta="Hel", logprobs=[], obfuscation="Zx"
    ),
    item_event(
        "response.output_text.done",
        content_index=0,
        text="Hello",
        logprobs=[
            {"token": "Hello", "logprob": -0.5, "top_logprobs": [{"token": "Hi", "logprob": -2}]}
        ],
    ),
    item_event(
        "response.output_text.annotation.added",
        content_index=0,
        annotation_index=0,
        annotation=OUTPUT_TEXT["annotations"][0],
    ),
    item_event("response.refusal.delta", content_index=0, delta="No"),
    item_event("response.refusal.done", content_index=0, refusal="No."),
    item_event("response.function_call_arguments.delta", delta='{"a"', obfuscation=""),
    item_event("response.function_call_arguments.done", arguments='{"a":1}'),
    item_event("response.custom_tool_call_input.delta", delta="*** Begin"),
    item_event("response.custom_tool_call_input.done", input="*** Begin Patch"),
    item_event(
        "response.reasoning_summary_part.added",
        summary_index=0,
        part={"type": "summary_text", "text": ""},
    ),
    item_event(
        "response.reasoning_summary_part.done",
        summary_index=0,
        part={"type": "summary_text", "text": "s"},
        status="incomplete",
    ),
    item_event("response.reasoning_summary_text.delta", summary_index=0, delta="s"),
    item_event("response.reasoning_summary_text.done", summary_index=0, text="s"),
    item_event("response.reasoning_text.delta", content_index=0, delta="r"),
    item_event("response.reasoning_text.done", content_index=0, text="r"),
    {"type": "response.audio.delta", "sequence_number": 3, "delta": "UklGRg=="},
    {"type": "response.audio.done", "sequence_number": 4},
    {"type": "response.audio.transcript.delta", "sequence_number": 5, "delta": "hi"},
    {"type": "response.audio.transcript.done", "sequence_number": 6},
    {
        "type": "error",
        "sequence_number": 3,
        "code": "ERR",
        "message": "Something went wrong",
        "param": None,
    },
    item_event("response.web_search_call.in_progress"),
    item_event("response.web_search_call.searching"),
    item_event("response.web_search_call.completed"),
    item_event("response.file_search_call.in_progress"),
    item_event("response.file_search_call.searching"),
    item_event("response.file_search_call.completed"),
    item_event("response.code_interpreter_call.in_progress"),
    item_event("response.code_interpreter_call.interpreting"),
    item_event("response.code_interpreter_call.completed"),
    item_event("response.code_interpreter_call_code.delta", delta="print("),
    item_event("response.code_interpreter_call_code.done", code="print(1)"),
    item_event("response.image_generation_call.in_progress"),
    item_event("response.image_generation_call.generating"),
    item_event("response.image_generation_call.completed"),
    item_event(
        "response.image_generation_call.partial_image",
        partial_image_index=0,
        partial_image_b64="iVBORw0KGgo=",
        output_format="png",
    ),
    item_event("response.mcp_call.in_progress"),
    item_event("response.mcp_call.completed"),
    item_event("response.mcp_call.failed"),
    item_event("response.mcp_call_arguments.delta", delta="{"),
    item_event("response.mcp_call_arguments.done", arguments="{}"),
    item_event("response.mcp_list_tools.in_progress"),
    item_event("response.mcp_list_tools.completed"),
    item_event("response.mcp_list_tools.failed"),
    item_event("response.compaction.compacting"),
    {
        "type": "response.shell_call_command.added",
        "sequence_number": 3,
        "output_index": 0,
        "command_index": 0,
        "command": "",
    },
    {
        "type": "response.shell_call_command.delta",
        "sequence_number": 4,
        "output_index": 0,
        "command_index": 0,
        "delta": "ls",
        "obfuscation": "abc",
    },
    {
        "type": "response.shell_call_command.done",
        "sequence_number": 5,
        "output_index": 0,
        "command_index": 0,
        "command": "ls",
    },
    item_event("response.shell_call_output_content.delta", command_index=0, delta={"stdout": "a"}),
    item_event(
        "response.shell_call_output_content.done",
        command_index=0,
        output=[{"stdout": "a", "stderr": "", "outcome": {"type": "timeout"}}],
    ),
]

#: One tool of each type.
TOOLS: list[Json] = [
    {"type": "function", "name": "f", "parameters": None, "strict": None, "async": True},
    {"type": "custom", "name": "c", "format": {"type": "text"}},
    {
        "type": "custom",
        "name": "g",
        "format": {"type": "grammar", "syntax": "lark", "definition": "s"},
    },
    {
        "type": "namespace",
        "name": "ns",
        "description": "d",
        "tools": [{"type": "function", "name": "h"}],
    },
    {
        "type": "file_search",
        "vector_store_ids": ["vs_1"],
        "filters": {"type": "in", "key": "k", "value": ["a", 1]},
    },
    {"type": "web_search", "user_location": {"type": "approximate", "city": None}},
    {"type": "web_search_2025_08_26"},
    {"type": "web_search_preview_2025_03_11", "search_content_types": ["text", "image"]},
    {"type": "computer"},
    {"type": "computer_use_preview", "display_width": 1, "display_height": 1, "environment": "mac"},
    {"type": "mcp", "server_label": "s", "allowed_tools": {"read_only": True}, "headers": None},
    {
        "type": "code_interpreter",
        "container": {"type": "auto", "network_policy": {"type": "disabled"}},
    },
    {"type": "image_generation", "model": "gpt-image-2", "svg": {"reasoning": {"effort": "low"}}},
    {"type": "local_shell"},
    {
        "type": "shell",
        "environment": {
            "type": "container_auto",
            "skills": [
                {
                    "type": "inline",
                    "name": "n",
                    "description": "d",
                    "source": {
                        "type": "base64",
                        "media_type": "application/zip",
                        "data": "UEsDBA==",
                    },
                }
            ],
        },
    },
    {"type": "tool_search", "execution": "client", "parameters": {"type": "object"}},
    {"type": "programmatic_tool_calling"},
    {"type": "apply_patch", "allowed_callers": ["programmatic"]},
]

TOOL_CHOICES: list[Any] = [
    "none",
    "auto",
    "required",
    {"type": "function", "name": "f"},
    {"type": "custom", "name": "c"},
    {"type": "mcp", "server_label": "s", "name": None},
    {"type": "allowed_tools", "mode": "required", "tools": [{"type": "function", "name": "f"}]},
    {"type": "file_search"},
    {"type": "image_generation"},
    {"type": "apply_patch"},
    {"type": "shell"},
    {"type": "programmatic_tool_calling"},
]

TEXT_FORMATS: list[Json] = [
    {"type": "text"},
    {"type": "json_object"},
    {
        "type": "json_schema",
        "name": "out",
        "schema": {"type": "object"},
        "strict": True,
        "description": "d",
    },
]


#: An object of a ``type`` newer than this library, with a payload.
FUTURE: Json = {"type": "future_thing_v9", "payload": {"n": [1, 2.5, None]}}
