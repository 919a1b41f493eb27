"""Hand-written openai payloads for the model tests: every shape, written from the SDK types and the docs."""

from __future__ import annotations

from typing import Any

from ruapi_convert.models import openai as oai

Json = dict[str, Any]


# -- hand-written payloads -----------------------------------------------------------------------

BREAKPOINT: Json = {"mode": "explicit", "ttl": "30m"}

USER_PARTS: list[Json] = [
    {"type": "text", "text": "Describe these.", "prompt_cache_breakpoint": BREAKPOINT},
    {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "original"}},
    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
    {
        "type": "input_audio",
        "input_audio": {"data": "UklGRg==", "format": "wav"},
        "prompt_cache_breakpoint": {"mode": "explicit"},
    },
    {
        "type": "file",
        "file": {"file_data": "data:application/pdf;base64,JVBERi0=", "filename": "a.pdf"},
        "prompt_cache_breakpoint": {"mode": "explicit", "ttl": "12h"},
    },
    {"type": "file", "file": {"file_id": "file-abc123"}},
]

ALL_ROLES_MESSAGES: list[Json] = [
    {"role": "developer", "content": "Be terse.", "name": "dev"},
    {"role": "developer", "content": [{"type": "text", "text": "Really terse."}]},
    {"role": "system", "content": "You are helpful.", "name": "sys"},
    {
        "role": "system",
        "content": [{"type": "text", "text": "Cache me.", "prompt_cache_breakpoint": BREAKPOINT}],
    },
    {"role": "user", "content": "Hello", "name": "alice"},
    {"role": "user", "content": USER_PARTS},
    {
        "role": "assistant",
        "content": None,
        "refusal": None,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
            },
            {"id": "call_2", "type": "custom", "custom": {"name": "apply_patch", "input": "*** x"}},
        ],
        "reasoning_content": "Two tools are needed.",
    },
    {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
    {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "ok"}]},
    {
        "role": "assistant",
        "content": [
            {"type": "text", "text": "It is 18C."},
            {"type": "refusal", "refusal": "I cannot patch that."},
        ],
        "name": "bot",
    },
    {"role": "assistant", "content": "", "function_call": {"name": "lookup", "arguments": "{}"}},
    {"role": "function", "name": "lookup", "content": None},
    {"role": "function", "name": "lookup", "content": "found"},
    {"role": "assistant", "audio": {"id": "audio_1"}},
    {"role": "assistant", "refusal": "No.", "content": None},
    {"role": "user", "content": None},
]

FUNCTION_TOOL: Json = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "days": {"type": "integer", "minimum": 1}},
            "required": ["city"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}

ALL_TOOLS: list[Json] = [
    FUNCTION_TOOL,
    {"type": "function", "function": {"name": "no_params"}},
    {"type": "function", "function": {"name": "nullable", "description": None, "strict": None}},
    {"type": "custom", "custom": {"name": "free_text"}},
    {"type": "custom", "custom": {"name": "plain", "description": "d", "format": {"type": "text"}}},
    {
        "type": "custom",
        "custom": {
            "name": "apply_patch",
            "format": {
                "type": "grammar",
                "grammar": {"definition": 'start: "a"+', "syntax": "lark"},
            },
        },
    },
    {
        "type": "custom",
        "custom": {
            "name": "digits",
            "format": {"type": "grammar", "grammar": {"definition": "^\\d+$", "syntax": "regex"}},
        },
    },
]

# What Cursor's agent mode sends for models named claude-*: Anthropic tool objects, no wrapper.
CURSOR_TOOLS: list[Json] = [
    {
        "name": "read_file",
        "description": "Read a file.",
        "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}},
    },
    {"name": "list_dir", "input_schema": {"type": "object"}},
    {
        "type": "custom",
        "name": "grep",
        "input_schema": {"type": "object", "properties": {}},
        "cache_control": {"type": "ephemeral"},
    },
    # The flat Responses-API shapes Cursor mixes into Chat Completions tool lists.
    {
        "type": "function",
        "name": "edit_file",
        "description": "Edit a file.",
        "parameters": {"type": "object", "properties": {}},
        "strict": False,
    },
    {
        "type": "custom",
        "name": "ApplyPatch",
        "format": {"type": "grammar", "definition": "start: /.+/", "syntax": "lark"},
    },
    {"type": "custom", "name": "Shell", "format": {"type": "text"}},
]

TOOL_CHOICES: list[Any] = [
    "none",
    "auto",
    "required",
    {"type": "function", "function": {"name": "get_weather"}},
    {"type": "custom", "custom": {"name": "apply_patch"}},
    {
        "type": "allowed_tools",
        "allowed_tools": {
            "mode": "auto",
            "tools": [
                {"type": "function", "function": {"name": "get_weather"}},
                {"type": "custom", "custom": {"name": "apply_patch"}},
            ],
        },
    },
    {"type": "allowed_tools", "allowed_tools": {"mode": "required", "tools": []}},
]

RESPONSE_FORMATS: list[Json] = [
    {"type": "text"},
    {"type": "json_object"},
    {
        "type": "json_schema",
        "json_schema": {
            "name": "weather",
            "description": "A forecast.",
            "schema": {"type": "object", "properties": {"t": {"type": "number"}}},
            "strict": True,
        },
    },
    {"type": "json_schema", "json_schema": {"name": "bare"}},
]

FULL_REQUEST: Json = {
    "model": "gpt-5.4",
    "messages": ALL_ROLES_MESSAGES,
    "stream": True,
    "stream_options": {"include_usage": True, "include_obfuscation": False},
    "max_completion_tokens": 1024,
    "max_tokens": 512,
    "temperature": 1,
    "top_p": 0.9,
    "frequency_penalty": -0.5,
    "presence_penalty": 0.0,
    "logit_bias": {"50256": -100, "15339": 5},
    "logprobs": True,
    "top_logprobs": 3,
    "n": 1,
    "seed": 42,
    "stop": ["\n\n", "END"],
    "tools": ALL_TOOLS,
    "tool_choice": "auto",
    "parallel_tool_calls": False,
    "functions": [
        {"name": "lookup", "description": "Look up.", "parameters": {"type": "object"}},
        {"name": "noop"},
    ],
    "function_call": {"name": "lookup"},
    "response_format": RESPONSE_FORMATS[2],
    "reasoning_effort": "xhigh",
    "verbosity": "low",
    "modalities": ["text", "audio"],
    "audio": {"format": "pcm16", "voice": "marin"},
    "prediction": {"type": "content", "content": [{"type": "text", "text": "def f(): pass"}]},
    "web_search_options": {
        "search_context_size": "high",
        "user_location": {
            "type": "approximate",
            "approximate": {
                "city": "Paris",
                "country": "FR",
                "region": "IDF",
                "timezone": "Europe/Paris",
            },
        },
    },
    "metadata": {"team": "search", "ticket": "42"},
    "store": True,
    "service_tier": "flex",
    "prompt_cache_key": "tenant-7",
    "prompt_cache_options": {"mode": "explicit", "ttl": "30m"},
    "prompt_cache_retention": "24h",
    "safety_identifier": "user-hash-1",
    "user": "legacy-user",
    "moderation": {
        "model": "omni-moderation-latest",
        "policy": {"input": {"mode": "block"}, "output": {"mode": "score"}},
    },
}

# Clients send null for every absent option; those must stay null.
NULL_OPTIONS_REQUEST: Json = {
    "model": "gpt-4o",
    "messages": [{"role": "user", "content": "hi"}],
    **{
        key: None
        for key in oai.ChatCompletionCreateParams.model_fields
        if key not in ("model", "messages")
    },
}

FULL_MESSAGE: Json = {
    "role": "assistant",
    "content": "See [1].",
    "refusal": None,
    "tool_calls": [
        {"id": "call_9", "type": "function", "function": {"name": "f", "arguments": "{}"}},
        {"id": "call_10", "type": "custom", "custom": {"name": "g", "input": "raw text"}},
    ],
    "annotations": [
        {
            "type": "url_citation",
            "url_citation": {
                "start_index": 4,
                "end_index": 7,
                "title": "Ex",
                "url": "https://ex.com",
            },
        }
    ],
    "audio": {
        "id": "audio_9",
        "data": "UklGRg==",
        "expires_at": 1760000000,
        "transcript": "See one.",
    },
    "function_call": {"name": "legacy", "arguments": "{}"},
    # Gateway reasoning extensions are kept as extra keys.
    "reasoning_content": "Thinking...",
    "reasoning_details": [{"type": "reasoning.text", "text": "Thinking...", "signature": "sig"}],
    "thinking_blocks": [{"type": "thinking", "thinking": "Thinking...", "signature": "sig"}],
}

TOKEN_LOGPROB: Json = {
    "token": "Hi",
    "logprob": -0.25,
    "bytes": [72, 105],
    "top_logprobs": [
        {"token": "Hi", "logprob": -0.25, "bytes": [72, 105]},
        {"token": "<|end|>", "logprob": -9999.0, "bytes": None},
        {"token": "Yo", "logprob": -3},
    ],
}

USAGE: Json = {
    "prompt_tokens": 120,
    "completion_tokens": 40,
    "total_tokens": 160,
    "prompt_tokens_details": {
        "cached_tokens": 100,
        "cache_write_tokens": 20,
        "audio_tokens": 0,
        "image_tokens": 0,
        "text_tokens": 120,
    },
    "completion_tokens_details": {
        "reasoning_tokens": 10,
        "accepted_prediction_tokens": 3,
        "rejected_prediction_tokens": 1,
        "audio_tokens": 0,
        "text_tokens": 30,
    },
}

MODERATION: Json = {
    "input": {
        "type": "moderation_results",
        "model": "omni-moderation-latest",
        "results": [
            {
                "type": "moderation_result",
                "model": "omni-moderation-latest",
                "flagged": False,
                "categories": {"violence": False},
                "category_scores": {"violence": 0.0012, "hate": 0},
                "category_applied_input_types": {"violence": ["text", "image"]},
            }
        ],
    },
    "output": {"type": "error", "code": "moderation_unavailable", "message": "Try later."},
}

FULL_RESPONSE: Json = {
    "id": "chatcmpl-123",
    "object": "chat.completion",
    "created": 1760000000,
    "model": "gpt-5.4-2026-03-05",
    "choices": [
        {
            "index": 0,
            "message": FULL_MESSAGE,
            "logprobs": {"content": [TOKEN_LOGPROB], "refusal": None},
            "finish_reason": "tool_calls",
        },
        {
            "index": 1,
            "message": {"role": "assistant", "content": None, "refusal": "I can't."},
            "logprobs": {"content": None, "refusal": [TOKEN_LOGPROB]},
            "finish_reason": "content_filter",
        },
        {"index": 2, "message": {"role": "assistant", "content": "x"}, "finish_reason": "length"},
        {"index": 3, "message": {"role": "assistant"}, "finish_reason": "function_call"},
        {
            "index": 4,
            "message": {"role": "assistant", "content": "y"},
            "finish_reason": "stop",
            "logprobs": None,
        },
    ],
    "usage": USAGE,
    "service_tier": "priority",
    "system_fingerprint": "fp_abc",
    "metadata": {"k": "v"},
    "moderation": MODERATION,
}

CHUNK_BASE: Json = {
    "id": "chatcmpl-9",
    "object": "chat.completion.chunk",
    "created": 1760000000,
    "model": "gpt-5.4",
    "system_fingerprint": "fp_1",
}

CHUNKS: list[Json] = [
    {
        **CHUNK_BASE,
        "service_tier": "default",
        "choices": [
            {
                "index": 0,
                "delta": {"role": "assistant", "content": "", "refusal": None},
                "logprobs": None,
                "finish_reason": None,
            }
        ],
        "usage": None,
        "obfuscation": "aZ3",
    },
    {
        **CHUNK_BASE,
        "choices": [
            {
                "index": 0,
                "delta": {"content": "Hi"},
                "logprobs": {"content": [TOKEN_LOGPROB], "refusal": None},
                "finish_reason": None,
            }
        ],
    },
    {**CHUNK_BASE, "choices": [{"index": 0, "delta": {"refusal": "No"}}]},
    {
        **CHUNK_BASE,
        "choices": [{"index": 0, "delta": {"reasoning_content": "Hmm", "reasoning": "Hmm"}}],
    },
    {
        **CHUNK_BASE,
        "choices": [
            {
                "index": 0,
                "delta": {
                    "reasoning_details": [
                        {"index": 0, "type": "reasoning.text", "text": "", "signature": "sig"}
                    ]
                },
            }
        ],
    },
    {
        **CHUNK_BASE,
        "choices": [
            {
                "index": 0,
                "delta": {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "get_weather", "arguments": ""},
                        }
                    ]
                },
            }
        ],
    },
    {
        **CHUNK_BASE,
        "choices": [
            {"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": '{"ci'}}]}}
        ],
    },
    # Some OpenAI-compatible servers leave out the tool-call index.
    {
        **CHUNK_BASE,
        "choices": [
            {"index": 0, "delta": {"tool_calls": [{"id": "call_2", "function": {"name": "g"}}]}}
        ],
    },
    {
        **CHUNK_BASE,
        "choices": [
            {
                "index": 0,
                "delta": {
                    "tool_calls": [
                        {
                            "index": 1,
                            "id": "call_3",
                            "type": "custom",
                            "custom": {"name": "p", "input": ""},
                        }
                    ]
                },
            }
        ],
    },
    {
        **CHUNK_BASE,
        "choices": [{"index": 0, "delta": {"function_call": {"name": "f", "arguments": ""}}}],
    },
    {
        **CHUNK_BASE,
        "choices": [
            {"index": 0, "delta": {"audio": {"id": "audio_1", "data": "AAA=", "transcript": "Hi"}}}
        ],
    },
    {**CHUNK_BASE, "choices": [{"index": 0, "delta": {"audio": {"expires_at": 1760003600}}}]},
    {**CHUNK_BASE, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]},
    {**CHUNK_BASE, "choices": [], "usage": USAGE, "moderation": MODERATION},
    {
        **CHUNK_BASE,
        "choices": [{"index": 2, "delta": {"role": "assistant"}, "finish_reason": None}],
    },
    # Azure's content-filter chunk: empty id/model/object, and its own extra keys.
    {
        "id": "",
        "object": "",
        "created": 0,
        "model": "",
        "choices": [],
        "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {}}],
    },
]

ERROR_BODIES: list[Json] = [
    {
        "error": {
            "message": "Unsupported parameter: 'max_tokens'.",
            "type": "invalid_request_error",
            "param": "max_tokens",
            "code": "unsupported_parameter",
        }
    },
    {"error": {"message": "Server error.", "type": "server_error"}},
    {"error": {"message": "Rate limited", "code": 429, "metadata": {"provider": "x"}}},
    {"error": {"message": "m", "type": None, "param": None, "code": None}},
    {
        "error": {
            "message": "Refused.",
            "type": "invalid_request_error",
            "param": None,
            "code": "misaligned",
            "misalignment": {
                "error_type": "potentially_unintended_data_transfer",
                "detailed_explanation": "Would send secrets.",
                "review_target": "tool_call:call_1",
                "steer": {"message": "Ask the user first."},
            },
        }
    },
]

MODEL_LIST: Json = {
    "object": "list",
    "data": [
        {"id": "gpt-5.4", "object": "model", "created": 1760000000, "owned_by": "system"},
        {
            "id": "gpt-4o-2024-05-13",
            "object": "model",
            "created": 1715368132,
            "owned_by": "system",
            "shutdown_date": "2026-12-01",
        },
    ],
}
