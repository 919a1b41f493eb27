"""Request conversion, rule by rule (docs/mapping.md is the spec these check)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

import ruapi_convert as rc

Json = dict[str, Any]
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
PDF = base64.b64encode(b"%PDF-1.4\n%tiny\n").decode()


def o2a(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.openai_to_anthropic_request(
        {"model": "m", "max_completion_tokens": 100, **body}, **opts
    )
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def a2o(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.anthropic_to_openai_request({"model": "m", "max_tokens": 100, **body}, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def user(content: Any) -> Json:
    return {"role": "user", "content": content}


# -- system and turn structure ---------------------------------------------------------------------------


def test_single_leading_system_string_becomes_the_system_string() -> None:
    """One leading system message with string content becomes Anthropic's system string."""
    out, losses = o2a({"messages": [{"role": "system", "content": "Be brief."}, user("Hi")]})
    assert out["system"] == "Be brief."
    assert out["messages"] == [user("Hi")]
    assert losses == []


def test_several_leading_system_and_developer_messages_become_text_blocks() -> None:
    """Leading system and developer messages become system text blocks, cache_control kept."""
    messages = [
        {"role": "developer", "content": "A"},
        {
            "role": "system",
            "content": [{"type": "text", "text": "B", "cache_control": {"type": "ephemeral"}}],
        },
        user("Hi"),
    ]
    out, _ = o2a({"messages": messages})
    assert out["system"] == [
        {"type": "text", "text": "A"},
        {"type": "text", "text": "B", "cache_control": {"type": "ephemeral"}},
    ]


@pytest.mark.parametrize(
    ("policy", "expected_kind"),
    [("hoist", "approximated"), ("native", None), ("user", "approximated")],
)
def test_mid_conversation_system_message_policies(policy: str, expected_kind: str | None) -> None:
    """A later system message is hoisted, kept as a native system turn, or sent as user text."""
    messages = [
        user("Hi"),
        {"role": "assistant", "content": "Hello"},
        {"role": "system", "content": "Now in French."},
        user("Bye"),
    ]
    out, losses = o2a({"messages": messages}, system_messages=policy)
    roles = [m["role"] for m in out["messages"]]
    if policy == "hoist":
        assert out["system"] == [{"type": "text", "text": "Now in French."}]
        assert roles == ["user", "assistant", "user"]
    elif policy == "native":
        assert roles == ["user", "assistant", "system", "user"]
    else:
        assert roles == ["user", "assistant", "user"]
        assert out["messages"][2]["content"][0] == {"type": "text", "text": "Now in French."}
    assert [k for p, k in losses if p == "messages[2]"] == (
        [expected_kind] if expected_kind else []
    )


def test_tool_messages_become_one_user_turn_with_results_first_then_text() -> None:
    """Consecutive tool messages and a following user message merge into one user turn, results first."""
    messages = [
        user("weather?"),
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "w", "arguments": '{"c":"Paris"}'}},
            {"id": "call_2", "type": "function", "function": {"name": "w", "arguments": '{"c":"Rome"}'}},
        ]},
        {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
        {"role": "tool", "tool_call_id": "call_2", "content": "25C"},
        user("and tomorrow?"),
    ]  # fmt: skip
    out, losses = o2a({"messages": messages})
    assert out["messages"][1] == {
        "role": "assistant",
        "content": [
            {"type": "tool_use", "id": "call_1", "name": "w", "input": {"c": "Paris"}},
            {"type": "tool_use", "id": "call_2", "name": "w", "input": {"c": "Rome"}},
        ],
    }
    assert out["messages"][2] == {
        "role": "user",
        "content": [
            {"type": "tool_result", "tool_use_id": "call_1", "content": "18C"},
            {"type": "tool_result", "tool_use_id": "call_2", "content": "25C"},
            {"type": "text", "text": "and tomorrow?"},
        ],
    }
    assert losses == []


def test_tool_call_ids_are_sanitised_the_same_in_use_and_result() -> None:
    """An id Anthropic rejects is rewritten identically in the tool_use and its tool_result."""
    messages = [
        user("x"),
        {
            "role": "assistant",
            "tool_calls": [
                {"id": "fc.1:a", "type": "function", "function": {"name": "f", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "tool_call_id": "fc.1:a", "content": "ok"},
    ]
    out, losses = o2a({"messages": messages})
    used = out["messages"][1]["content"][0]["id"]
    assert used == out["messages"][2]["content"][0]["tool_use_id"]
    assert used.startswith("fc_1_a_")
    assert ("messages[1].tool_calls[0].id", "approximated") in losses


def test_empty_assistant_content_with_tool_calls_emits_no_empty_text_block() -> None:
    """content '' or null next to tool_calls produces only tool_use blocks."""
    for content in ("", None):
        messages = [
            user("x"),
            {
                "role": "assistant",
                "content": content,
                "tool_calls": [
                    {"id": "a", "type": "function", "function": {"name": "f", "arguments": ""}}
                ],
            },
        ]
        out, _ = o2a({"messages": messages})
        assert out["messages"][1]["content"] == [
            {"type": "tool_use", "id": "a", "name": "f", "input": {}}
        ]


def test_consecutive_user_messages_merge_in_order() -> None:
    """Two user messages in a row become one user turn with both texts."""
    out, _ = o2a({"messages": [user("a"), user([{"type": "text", "text": "b"}])]})
    assert out["messages"] == [user([{"type": "text", "text": "a"}, {"type": "text", "text": "b"}])]


@pytest.mark.parametrize("policy", ["prefill", "reject"])
def test_trailing_assistant_is_prefill_or_rejected(policy: str) -> None:
    """A trailing assistant message is sent as prefill (reported, trailing space stripped) or refused."""
    body = {"messages": [user("Say hi"), {"role": "assistant", "content": "Hi "}]}
    if policy == "reject":
        with pytest.raises(rc.UnsupportedError):
            o2a(body, trailing_assistant="reject")
        return
    out, losses = o2a(body)
    assert out["messages"][-1] == {"role": "assistant", "content": "Hi"}
    assert {k for p, k in losses if p.startswith("messages[1]")} == {"approximated"}


def test_empty_user_message_is_dropped_and_reported() -> None:
    """A user message with null content is not sent (Anthropic rejects empty turns) and is reported."""
    out, losses = o2a({"messages": [user(None), user("x")]})
    assert out["messages"] == [user("x")]
    assert ("messages[0].content", "dropped") in losses


# -- content -----------------------------------------------------------------------------------------------


def test_data_url_image_becomes_a_base64_source_and_url_image_a_url_source() -> None:
    """image_url data URLs become base64 sources with their media type; https URLs stay URLs."""
    parts = [
        {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg", "detail": "high"}},
    ]
    out, losses = o2a({"messages": [user(parts)]})
    assert out["messages"][0]["content"] == [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG}},
        {"type": "image", "source": {"type": "url", "url": "https://example.com/a.jpg"}},
    ]
    assert losses == [("messages[0].content[1].image_url.detail", "dropped")]


def test_unsupported_image_type_is_a_clear_error_with_its_path() -> None:
    """An image type Anthropic does not take raises UnsupportedError naming the URL's path."""
    part = {"type": "image_url", "image_url": {"url": "data:image/bmp;base64,Qk0="}}
    with pytest.raises(rc.UnsupportedError) as info:
        o2a({"messages": [user([part])]})
    assert info.value.path == "messages[0].content[0].image_url.url"
    assert "image/bmp" in str(info.value)


def test_pdf_and_text_file_parts_become_documents() -> None:
    """A PDF file part becomes a base64 document, a text/plain one a plain-text document."""
    parts = [
        {
            "type": "file",
            "file": {"file_data": f"data:application/pdf;base64,{PDF}", "filename": "a.pdf"},
        },
        {
            "type": "file",
            "file": {"file_data": "data:text/plain;base64," + base64.b64encode(b"hello").decode()},
        },
        {"type": "file", "file": {"file_data": PDF, "filename": "raw.pdf"}},
    ]
    out, losses = o2a({"messages": [user(parts)]})
    assert out["messages"][0]["content"] == [
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": PDF},
            "title": "a.pdf",
        },
        {
            "type": "document",
            "source": {"type": "text", "media_type": "text/plain", "data": "hello"},
        },
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": PDF},
            "title": "raw.pdf",
        },
    ]
    assert losses == []


def test_file_id_and_input_audio_are_dropped_and_reported() -> None:
    """Provider-scoped file ids and audio input have no Anthropic form: reported, not sent."""
    parts = [
        {"type": "text", "text": "see"},
        {"type": "file", "file": {"file_id": "file-abc"}},
        {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
    ]
    out, losses = o2a({"messages": [user(parts)]})
    assert out["messages"][0]["content"] == [{"type": "text", "text": "see"}]
    assert losses == [
        ("messages[0].content[1].file.file_id", "dropped"),
        ("messages[0].content[2]", "dropped"),
    ]


def test_message_name_is_reported() -> None:
    """The author name of a message has no Anthropic field."""
    _, losses = o2a({"messages": [{"role": "user", "content": "x", "name": "bob"}]})
    assert losses == [("messages[0].name", "dropped")]


# -- tools -------------------------------------------------------------------------------------------------


def test_function_tools_become_custom_tools_and_missing_parameters_an_empty_schema() -> None:
    """parameters -> input_schema; no parameters -> an empty object schema; strict kept."""
    tools = [
        {
            "type": "function",
            "function": {
                "name": "a",
                "description": "d",
                "parameters": {"type": "object", "properties": {"x": {"type": "string"}}},
                "strict": True,
            },
        },
        {"type": "function", "function": {"name": "b"}},
    ]
    out, losses = o2a({"messages": [user("x")], "tools": tools})
    assert out["tools"] == [
        {
            "name": "a",
            "description": "d",
            "input_schema": {"type": "object", "properties": {"x": {"type": "string"}}},
            "strict": True,
        },
        {"name": "b", "input_schema": {"type": "object", "properties": {}}},
    ]
    assert losses == []


def test_cursor_anthropic_shaped_tools_pass_through() -> None:
    """Anthropic-shaped tool objects inside OpenAI tools (Cursor) are sent as they are."""
    tool = {
        "name": "read",
        "description": "Read a file",
        "input_schema": {"type": "object", "properties": {}},
    }
    out, losses = o2a({"messages": [user("x")], "tools": [tool]})
    assert out["tools"] == [tool]
    assert losses == []


def test_custom_grammar_tools_are_dropped_and_strict_refuses() -> None:
    """Custom (grammar) tools have no Anthropic form: reported, and strict=True raises."""
    tool = {
        "type": "custom",
        "custom": {
            "name": "sql",
            "format": {"type": "grammar", "grammar": {"definition": "x", "syntax": "lark"}},
        },
    }
    out, losses = o2a({"messages": [user("x")], "tools": [tool]})
    assert "tools" not in out
    assert losses == [("tools[0]", "dropped")]
    with pytest.raises(rc.LossyConversionError) as info:
        o2a({"messages": [user("x")], "tools": [tool]}, strict=True)
    assert info.value.losses[0].path == "tools[0]"


@pytest.mark.parametrize(
    ("choice", "parallel", "expected"),
    [
        ("none", None, {"type": "none"}),
        ("auto", None, {"type": "auto"}),
        ("required", None, {"type": "any"}),
        ({"type": "function", "function": {"name": "f"}}, None, {"type": "tool", "name": "f"}),
        ("required", False, {"type": "any", "disable_parallel_tool_use": True}),
        (None, False, {"type": "auto", "disable_parallel_tool_use": True}),
    ],
)
def test_tool_choice_forms(choice: Any, parallel: bool | None, expected: Json) -> None:
    """Every tool_choice form, and parallel_tool_calls: false as disable_parallel_tool_use."""
    body: Json = {
        "messages": [user("x")],
        "tools": [{"type": "function", "function": {"name": "f"}}],
    }
    if choice is not None:
        body["tool_choice"] = choice
    if parallel is not None:
        body["parallel_tool_calls"] = parallel
    out, _ = o2a(body)
    assert out["tool_choice"] == expected


def test_invalid_tool_arguments_in_history_are_wrapped_and_unwrapped_back() -> None:
    """Truncated arguments travel as {'_raw_arguments': s} and come back as the same string."""
    messages = [
        user("x"),
        {
            "role": "assistant",
            "tool_calls": [
                {"id": "a", "type": "function", "function": {"name": "f", "arguments": '{"x": 1'}}
            ],
        },
    ]
    out, losses = o2a({"messages": messages})
    assert out["messages"][1]["content"][0]["input"] == {"_raw_arguments": '{"x": 1'}
    assert losses == [("messages[1].tool_calls[0].function.arguments", "approximated")]
    back, _ = a2o({"messages": out["messages"]})
    assert back["messages"][1]["tool_calls"][0]["function"]["arguments"] == '{"x": 1'
    with pytest.raises(rc.InvalidInputError):
        o2a({"messages": messages}, invalid_tool_arguments="reject")


# -- reasoning ---------------------------------------------------------------------------------------------


def test_reasoning_effort_becomes_adaptive_thinking_with_effort() -> None:
    """Default thinking_mode='adaptive': {type: adaptive} + output_config.effort."""
    out, losses = o2a({"messages": [user("x")], "reasoning_effort": "high"})
    assert out["thinking"] == {"type": "adaptive"}
    assert out["output_config"] == {"effort": "high"}
    assert losses == []


@pytest.mark.parametrize(
    ("effort", "max_tokens", "budget"),
    [("low", 8000, 2048), ("high", 4000, 3999), ("max", 100_000, 65536)],
)
def test_reasoning_effort_budget_mode_clamps_below_max_tokens(
    effort: str, max_tokens: int, budget: int
) -> None:
    """thinking_mode='enabled': the effort's budget, clamped to >= 1024 and < max_tokens."""
    out, losses = o2a(
        {"messages": [user("x")], "reasoning_effort": effort, "max_completion_tokens": max_tokens},
        thinking_mode="enabled",
    )
    assert out["thinking"] == {"type": "enabled", "budget_tokens": budget}
    clamped = budget != rc.Options().effort_budgets[effort]
    assert (("reasoning_effort", "approximated") in losses) == clamped


def test_thinking_is_not_enabled_when_max_tokens_is_too_small() -> None:
    """With max_tokens <= 1024 no valid budget exists: thinking is left off and reported."""
    out, losses = o2a(
        {"messages": [user("x")], "reasoning_effort": "low", "max_completion_tokens": 1000},
        thinking_mode="enabled",
    )
    assert "thinking" not in out
    assert losses == [("reasoning_effort", "dropped")]


def test_adaptive_thinking_without_effort_invents_no_effort_only_when_carried() -> None:
    """Round trip: the thinking object is carried and nothing is invented; standard (the default)
    and extensions off: 'high', reported."""
    body = {
        "model": "m",
        "max_tokens": 2000,
        "messages": [{"role": "user", "content": "x"}],
        "thinking": {"type": "adaptive"},
    }
    out, losses = a2o(body, dialect="roundtrip")
    assert out["thinking"] == {"type": "adaptive"}
    assert "reasoning_effort" not in out
    assert losses == []
    for opts in ({}, {"dialect": "roundtrip", "extensions": False}):
        out, losses = a2o(body, **opts)
        assert "thinking" not in out
        assert out["reasoning_effort"] == "high"
        assert losses == [("thinking", "approximated")]


def test_forced_tool_choice_wins_over_thinking() -> None:
    """Anthropic forbids a forced tool with thinking: the tool choice is kept, thinking dropped."""
    body = {
        "messages": [user("x")],
        "reasoning_effort": "high",
        "tools": [{"type": "function", "function": {"name": "f"}}],
        "tool_choice": "required",
    }
    out, losses = o2a(body)
    assert out["tool_choice"] == {"type": "any"}
    assert "thinking" not in out
    assert "output_config" not in out
    assert ("reasoning_effort", "dropped") in losses


def test_signed_reasoning_details_become_thinking_blocks_first() -> None:
    """reasoning_details with signatures become thinking/redacted blocks before the text."""
    assistant = {
        "role": "assistant",
        "content": "Answer",
        "reasoning_content": "think",
        "reasoning_details": [
            {
                "type": "reasoning.text",
                "text": "think",
                "signature": "SIG",
                "format": "anthropic-claude-v1",
                "index": 0,
            },
            {"type": "reasoning.encrypted", "data": "ENC", "index": 1},
        ],
    }
    out, losses = o2a({"messages": [user("q"), assistant, user("again")]})
    assert out["messages"][1]["content"] == [
        {"type": "thinking", "thinking": "think", "signature": "SIG"},
        {"type": "redacted_thinking", "data": "ENC"},
        {"type": "text", "text": "Answer"},
    ]
    assert losses == []


def test_unsigned_reasoning_is_never_sent_as_thinking() -> None:
    """reasoning_content without a signature (DeepSeek) is dropped and reported."""
    assistant = {"role": "assistant", "content": "A", "reasoning_content": "my thoughts"}
    out, losses = o2a({"messages": [user("q"), assistant, user("again")]})
    assert out["messages"][1] == {"role": "assistant", "content": "A"}
    assert losses == [("messages[1].reasoning_content", "dropped")]


def test_litellm_thinking_blocks_are_read() -> None:
    """LiteLLM's thinking_blocks on an assistant message become thinking blocks."""
    assistant = {
        "role": "assistant",
        "content": "A",
        "thinking_blocks": [{"type": "thinking", "thinking": "t", "signature": "S"}],
    }
    out, _ = o2a({"messages": [user("q"), assistant, user("again")]})
    assert out["messages"][1]["content"][0] == {
        "type": "thinking",
        "thinking": "t",
        "signature": "S",
    }


# -- parameters ---------------------------------------------------------------------------------------------


def test_missing_max_tokens_is_defaulted_and_reported() -> None:
    """Anthropic requires max_tokens: the default is sent and reported as defaulted."""
    result = rc.openai_to_anthropic_request(
        {"model": "m", "messages": [user("x")]}, default_max_tokens=777
    )
    assert result.value.max_tokens == 777
    assert [(loss.path, loss.kind) for loss in result.losses] == [
        ("max_completion_tokens", "defaulted")
    ]


def test_sampling_parameters_under_both_api_versions() -> None:
    """2023-06-01 clamps temperature to 1 and keeps top_p; 2026-10-21 drops both (reported)."""
    body = {"messages": [user("x")], "temperature": 1.5, "top_p": 0.9}
    out, losses = o2a(body)
    assert (out["temperature"], out["top_p"]) == (1, 0.9)
    assert losses == [("temperature", "approximated")]
    out, losses = o2a(body, anthropic_version="2026-10-21")
    assert "temperature" not in out
    assert "top_p" not in out
    assert losses == [("temperature", "dropped"), ("top_p", "dropped")]


def test_n_greater_than_one_is_unsupported() -> None:
    """n > 1 raises UnsupportedError naming n; n = 1 is fine."""
    with pytest.raises(rc.UnsupportedError) as info:
        o2a({"messages": [user("x")], "n": 2})
    assert info.value.path == "n"
    assert o2a({"messages": [user("x")], "n": 1})[1] == []


@pytest.mark.parametrize(
    "key",
    [
        "logprobs",
        "top_logprobs",
        "frequency_penalty",
        "presence_penalty",
        "seed",
        "logit_bias",
        "store",
        "prediction",
        "audio",
    ],
)
def test_openai_only_parameters_are_reported(key: str) -> None:
    """Parameters with no Anthropic counterpart are dropped and reported (defaults are not)."""
    values = {
        "logprobs": True,
        "top_logprobs": 3,
        "frequency_penalty": 0.5,
        "presence_penalty": 0.5,
        "seed": 7,
        "logit_bias": {"1": 5},
        "store": True,
        "prediction": {"type": "content", "content": "x"},
        "audio": {"format": "wav", "voice": "alloy"},
    }
    _, losses = o2a({"messages": [user("x")], key: values[key]})
    assert losses == [(key, "dropped")]


def test_stop_user_and_response_format() -> None:
    """stop -> stop_sequences, safety_identifier -> metadata.user_id, json_schema -> output_config.format."""
    body = {
        "messages": [user("x")],
        "stop": "###",
        "safety_identifier": "u-1",
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "r", "schema": {"type": "object"}, "strict": True},
        },
    }
    out, losses = o2a(body)
    assert out["stop_sequences"] == ["###"]
    assert out["metadata"] == {"user_id": "u-1"}
    assert out["output_config"] == {"format": {"type": "json_schema", "schema": {"type": "object"}}}
    assert losses == []


def test_unknown_top_level_field_is_reported_as_unknown() -> None:
    """A parameter newer than this library is reported with kind unknown, not sent."""
    out, losses = o2a({"messages": [user("x")], "future_param": 1})
    assert "future_param" not in out
    assert losses == [("future_param", "unknown")]


def test_the_input_is_never_mutated() -> None:
    """Converting does not change the caller's dict."""
    import copy

    body = {
        "model": "m",
        "messages": [
            {"role": "system", "content": "s"},
            user([{"type": "text", "text": "x"}]),
            {"role": "assistant", "content": "y "},
        ],
    }
    before = copy.deepcopy(body)
    rc.openai_to_anthropic_request(body)
    assert body == before


def test_bytes_str_dict_and_model_inputs_agree() -> None:
    """The body may be a dict, JSON bytes, JSON text or a model, with the same result."""
    import json

    body = {"model": "m", "max_completion_tokens": 5, "messages": [user("x")]}
    results = {
        rc.openai_to_anthropic_request(b).value.to_json()
        for b in (
            body,
            json.dumps(body),
            json.dumps(body).encode(),
            rc.models.openai.ChatCompletionCreateParams.model_validate(body),
        )
    }
    assert len(results) == 1


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (b"{not json", ""),
        (b'{"model": "m", "messages": [{"role": "user", "content": 5}]}', "messages[0].content"),
        (b'{"model": "m", "messages": "x"}', "messages"),
        (b"\xff\xfe", ""),
    ],
)
def test_invalid_input_raises_invalid_input_error_with_a_path(body: bytes, path: str) -> None:
    """Bad JSON, bad UTF-8 and invalid bodies raise InvalidInputError naming the JSON path."""
    with pytest.raises(rc.InvalidInputError) as info:
        rc.openai_to_anthropic_request(body)
    assert info.value.path == path


# -- Anthropic -> OpenAI ------------------------------------------------------------------------------------


def test_anthropic_request_maps_system_tools_choice_and_thinking() -> None:
    """A typical Claude Code-like request converts field by field."""
    body = {
        "system": [{"type": "text", "text": "S", "cache_control": {"type": "ephemeral"}}],
        "messages": [user("hi")],
        "tools": [
            {"name": "f", "description": "d", "input_schema": {"type": "object", "properties": {}}}
        ],
        "tool_choice": {"type": "any", "disable_parallel_tool_use": True},
        "thinking": {"type": "enabled", "budget_tokens": 8192},
        "metadata": {"user_id": "u"},
        "stop_sequences": ["X"],
        "stream": True,
    }
    out, losses = a2o(body)
    assert out["messages"][0] == {"role": "system", "content": [{"type": "text", "text": "S"}]}
    assert out["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "f",
                "description": "d",
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ]
    assert out["tool_choice"] == "required"
    assert out["parallel_tool_calls"] is False
    assert out["reasoning_effort"] == "medium"
    assert "thinking" not in out  # not a standard field: the effort says it
    assert out["user"] == "u"
    assert out["stop"] == ["X"]
    assert out["max_completion_tokens"] == 100
    assert out["stream_options"] == {"include_usage": True}
    assert losses == [("system[0].cache_control", "dropped")]
    # the round-trip dialect carries both extension fields, and loses nothing
    out, losses = a2o(body, dialect="roundtrip")
    assert out["messages"][0]["content"][0]["cache_control"] == {"type": "ephemeral"}
    assert out["thinking"] == {"type": "enabled", "budget_tokens": 8192}
    assert losses == []


def test_extensions_off_reports_instead_of_carrying() -> None:
    """With extensions=False no extension field is written; each carried value is reported."""
    body = {
        "system": [{"type": "text", "text": "S", "cache_control": {"type": "ephemeral"}}],
        "messages": [user("hi")],
        "top_k": 5,
        "thinking": {"type": "enabled", "budget_tokens": 2048},
    }
    out, losses = a2o(body, extensions=False)
    assert out["messages"][0] == {"role": "system", "content": [{"type": "text", "text": "S"}]}
    assert "top_k" not in out
    assert "thinking" not in out
    assert out["reasoning_effort"] == "low"
    assert {p for p, _ in losses} == {"system[0].cache_control", "top_k"}


def test_tool_results_split_into_tool_messages_then_user_text() -> None:
    """A user turn's tool_result blocks become tool messages before a user message with the rest."""
    body = {
        "messages": [
            user("q"),
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {"a": 1}}],
            },
            user(
                [
                    {"type": "tool_result", "tool_use_id": "t1", "content": "r", "is_error": True},
                    {"type": "text", "text": "more"},
                ]
            ),
        ]
    }
    out, losses = a2o(body)
    assert out["messages"][1] == {
        "role": "assistant",
        "tool_calls": [
            {"id": "t1", "type": "function", "function": {"name": "f", "arguments": '{"a":1}'}}
        ],
    }
    assert out["messages"][2] == {"role": "tool", "tool_call_id": "t1", "content": "r"}
    assert out["messages"][3] == {"role": "user", "content": [{"type": "text", "text": "more"}]}
    assert losses == [("messages[2].content[0].is_error", "dropped")]
    out, losses = a2o(body, dialect="roundtrip")
    assert out["messages"][2]["is_error"] is True
    assert losses == []


def test_round_trip_of_an_anthropic_request_through_openai_is_exact() -> None:
    """Anthropic -> OpenAI -> Anthropic gives back the same request for what both can express."""
    body = {
        "model": "m",
        "max_tokens": 100,
        "system": "S",
        "messages": [
            user(
                [
                    {"type": "text", "text": "look", "cache_control": {"type": "ephemeral"}},
                    {
                        "type": "image",
                        "source": {"type": "base64", "media_type": "image/png", "data": PNG},
                    },
                ]
            ),
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": "t", "signature": "S"},
                    {"type": "text", "text": "ok"},
                    {"type": "tool_use", "id": "t1", "name": "f", "input": {"q": [1, 2]}},
                ],
            },
            user([{"type": "tool_result", "tool_use_id": "t1", "content": "done"}]),
        ],
        "tools": [
            {
                "name": "f",
                "input_schema": {"type": "object", "properties": {"q": {"type": "array"}}},
            }
        ],
        "tool_choice": {"type": "auto"},
        "temperature": 0.5,
        "top_k": 3,
    }
    there = rc.anthropic_to_openai_request(body, dialect="roundtrip")
    back = rc.openai_to_anthropic_request(there.value)
    assert there.losses == ()
    assert back.losses == ()
    assert back.value.to_dict() == body


def test_is_error_false_is_not_reported_when_not_carried() -> None:
    """is_error: false is the default, so leaving it out loses nothing; true is reported."""

    def body(flag: bool) -> Json:
        return {
            "model": "m",
            "max_tokens": 100,
            "messages": [
                {
                    "role": "assistant",
                    "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}],
                },
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "tool_result",
                            "tool_use_id": "t1",
                            "content": "ok",
                            "is_error": flag,
                        }
                    ],
                },
            ],
        }

    _, losses = a2o(body(False), extensions=False)
    assert losses == []
    _, losses = a2o(body(True), extensions=False)
    assert losses == [("messages[1].content[0].is_error", "dropped")]
    _, losses = a2o(body(False))
    assert losses == []
    out, losses = a2o(body(False), dialect="roundtrip")
    assert out["messages"][1]["is_error"] is False
    assert losses == []


@pytest.mark.parametrize(
    ("strict", "expected"),
    [
        (True, []),
        (False, [("response_format.json_schema.strict", "approximated")]),
        (None, [("response_format.json_schema", "approximated")]),
    ],
)
def test_json_schema_that_was_not_strict_is_reported(strict: bool | None, expected: Any) -> None:
    """Anthropic always enforces output_config.format; OpenAI only with strict: true."""
    spec: Json = {"name": "r", "schema": {"type": "object", "properties": {}}}
    if strict is not None:
        spec["strict"] = strict
    body = {
        "model": "m",
        "max_completion_tokens": 10,
        "messages": [user("x")],
        "response_format": {"type": "json_schema", "json_schema": spec},
    }
    out, losses = o2a(body)
    assert out["output_config"]["format"]["type"] == "json_schema"
    assert losses == expected


# -- requests the upstream would refuse ------------------------------------------------------------


def _tool_loop(assistant: Json) -> list[Json]:
    return [
        user("What is the weather in Paris?"),
        assistant,
        {"role": "tool", "tool_call_id": "c1", "content": "18C"},
    ]


_CALL = {"id": "c1", "type": "function", "function": {"name": "weather", "arguments": "{}"}}


@pytest.mark.parametrize(
    "thinking",
    [{"reasoning_effort": "high"}, {"reasoning": {"max_tokens": 2048}}],
)
def test_thinking_is_switched_off_for_a_tool_loop_whose_reasoning_was_not_sent_back(
    thinking: Json,
) -> None:
    """Apps rebuild the assistant turn from content and tool_calls; with thinking on, Anthropic
    answers 400 ("a final assistant message must start with a thinking block"). The request goes
    without thinking, reported."""
    body = {
        "max_completion_tokens": 8000,
        "messages": _tool_loop({"role": "assistant", "content": None, "tool_calls": [_CALL]}),
        **thinking,
    }
    out, losses = o2a(body)
    assert "thinking" not in out
    assert "effort" not in out.get("output_config", {})
    (cause,) = thinking
    assert (cause, "dropped") in losses
    with pytest.raises(rc.UnsupportedError, match="no signed thinking"):
        o2a(body, missing_thinking="reject")


def test_thinking_stays_on_when_the_tool_loop_sends_its_signed_reasoning_back() -> None:
    assistant = {
        "role": "assistant",
        "content": None,
        "tool_calls": [_CALL],
        "reasoning_details": [
            {"type": "reasoning.text", "text": "Need the weather.", "signature": "sig", "index": 0}
        ],
    }
    out, losses = o2a({"reasoning_effort": "high", "messages": _tool_loop(assistant)})
    assert out["thinking"] == {"type": "adaptive"}
    assert out["messages"][1]["content"][0]["type"] == "thinking"
    assert not any(path == "reasoning_effort" for path, _ in losses)


def test_thinking_stays_on_when_no_assistant_turn_calls_tools() -> None:
    messages = [user("Hi"), {"role": "assistant", "content": "Hello"}, user("Think hard.")]
    out, _ = o2a({"reasoning_effort": "low", "messages": messages})
    assert out["thinking"] == {"type": "adaptive"}


def test_an_unknown_role_is_invalid_input_in_both_directions() -> None:
    with pytest.raises(rc.InvalidInputError) as raised:
        o2a({"messages": [user("Hi"), {"role": "bogus", "content": "x"}]})
    assert raised.value.path == "messages[1].role"
    with pytest.raises(rc.InvalidInputError) as raised:
        a2o({"messages": [user("Hi"), {"role": "bogus", "content": "x"}]})
    assert raised.value.path == "messages[1].role"


def test_no_messages_at_all_is_invalid_input_in_both_directions() -> None:
    with pytest.raises(rc.InvalidInputError, match="at least one message"):
        o2a({"messages": []})
    with pytest.raises(rc.InvalidInputError, match="at least one message"):
        a2o({"messages": [], "system": "Be brief."})


def test_a_system_only_request_sends_its_instructions_as_the_user_turn() -> None:
    """Valid OpenAI, and never an empty messages list upstream: the nearest Anthropic form."""
    out, losses = o2a({"messages": [{"role": "system", "content": "Write a haiku about rain."}]})
    assert out["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Write a haiku about rain."}]}
    ]
    assert "system" not in out
    assert losses == [("messages", "approximated")]


def test_a_request_whose_every_message_is_empty_is_unsupported_not_sent_empty() -> None:
    with pytest.raises(rc.UnsupportedError) as raised:
        o2a({"messages": [user("")]})
    assert raised.value.path == "messages"


def test_many_consecutive_messages_of_one_role_merge_into_one_turn() -> None:
    """(Linear in the number of messages: benchmarks/linear.py o2a_request_user_messages.)"""
    out, _ = o2a({"messages": [user("one"), user("two"), user([{"type": "text", "text": "3"}])]})
    assert out["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "one"},
                {"type": "text", "text": "two"},
                {"type": "text", "text": "3"},
            ],
        }
    ]
