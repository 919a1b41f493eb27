"""Responses <-> Chat Completions requests: one test per mapping decision (docs/mapping.md)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert.mapping.reasoning_responses import decode_carrier, encode_carrier

Json = dict[str, Any]


def r2o(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    """The conversion for this library on the other side (``dialect="roundtrip"``, which carries
    reasoning history), unless the test names another dialect."""
    opts.setdefault("dialect", "roundtrip")
    result = rc.responses_to_openai_request({"model": "m", **body}, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def test_by_default_reasoning_history_is_not_sent_to_a_standard_upstream() -> None:
    """The default dialect is standard OpenAI, which has no field for earlier reasoning: it is
    reported, not sent; a named server gets it in its own field."""
    reasoning = {
        "type": "reasoning",
        "id": "rs_1",
        "summary": [{"type": "summary_text", "text": "plan"}],
    }
    body = {"input": [user("go"), reasoning, call("call_a"), output("call_a")]}
    standard, losses = r2o(body, dialect=None)
    assert "reasoning_content" not in standard["messages"][1]
    assert "reasoning_details" not in standard["messages"][1]
    assert ("input[1]", "dropped") in losses
    deepseek, losses = r2o(body, dialect="deepseek")
    assert deepseek["messages"][1]["reasoning_content"] == "plan"
    assert "reasoning_details" not in deepseek["messages"][1]
    assert ("input[1]", "dropped") not in losses
    # and a tool-call turn without reasoning still gets reasoning_content for DeepSeek
    bare, _ = r2o({"input": [user("go"), call("call_a"), output("call_a")]}, dialect="deepseek")
    assert bare["messages"][1]["reasoning_content"] == ""


def o2r(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.openai_to_responses_request({"model": "m", **body}, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def user(text: str) -> Json:
    return {"type": "message", "role": "user", "content": text}


def call(call_id: str, name: str = "shell", arguments: str = "{}") -> Json:
    return {"type": "function_call", "call_id": call_id, "name": name, "arguments": arguments}


def output(call_id: str, text: Any = "ok") -> Json:
    return {"type": "function_call_output", "call_id": call_id, "output": text}


# -- Responses -> Chat: structure --------------------------------------------------------------------


def test_instructions_become_a_leading_system_message() -> None:
    """instructions are the first Chat message, with the role the system_role option names."""
    body, losses = r2o({"instructions": "Be brief.", "input": "Hi"})
    assert body["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
    ]
    assert losses == []
    body, _ = r2o({"instructions": "Be brief.", "input": "Hi"}, system_role="developer")
    assert body["messages"][0]["role"] == "developer"


def test_a_run_of_calls_is_one_assistant_message_followed_by_all_results() -> None:
    """Assistant text, reasoning and parallel calls merge into one message; results follow it."""
    body, _ = r2o(
        {
            "input": [
                user("List and read."),
                {
                    "type": "reasoning",
                    "id": "rs_1",
                    "summary": [{"type": "summary_text", "text": "plan"}],
                },
                {
                    "type": "message",
                    "role": "assistant",
                    "content": [{"type": "output_text", "text": "On it."}],
                },
                call("call_a", arguments='{"cmd":"ls"}'),
                call("call_b", arguments='{"cmd":"cat"}'),
                output("call_b", "b"),
                output("call_a", "a"),
            ]
        }
    )
    assistant = body["messages"][1]
    assert assistant["content"] == "On it."
    assert [c["id"] for c in assistant["tool_calls"]] == ["call_a", "call_b"]
    assert assistant["reasoning_content"] == "plan"
    assert body["messages"][2:] == [
        {"role": "tool", "tool_call_id": "call_a", "content": "a"},
        {"role": "tool", "tool_call_id": "call_b", "content": "b"},
    ]


def test_a_result_after_other_messages_moves_right_after_its_call() -> None:
    """Chat needs results right after their call: a result placed later moves up (approximated)."""
    body, losses = r2o({"input": [user("go"), call("call_a"), user("wait"), output("call_a")]})
    assert [m["role"] for m in body["messages"]] == ["user", "assistant", "tool", "user"]
    assert ("input[3]", "approximated") in losses


def test_a_call_without_output_gets_an_empty_tool_message() -> None:
    """Each call needs a tool message in Chat: a missing one is sent empty (defaulted)."""
    body, losses = r2o({"input": [user("go"), call("call_a")]})
    assert body["messages"][-1] == {"role": "tool", "tool_call_id": "call_a", "content": ""}
    assert losses == [("input[1]", "defaulted")]


def test_an_output_without_its_call_is_sent_as_user_content() -> None:
    """A tool output that answers no earlier call becomes a user message (approximated)."""
    body, losses = r2o({"input": [user("go"), output("call_x", "result")]})
    assert body["messages"][-1] == {"role": "user", "content": "result"}
    assert losses == [("input[1]", "approximated")]


def test_an_output_without_call_id_is_invalid() -> None:
    """A function_call_output without call_id raises InvalidInputError naming it."""
    with pytest.raises(rc.InvalidInputError) as info:
        r2o({"input": [user("go"), {"type": "function_call_output", "output": "x"}]})
    assert info.value.path == "input[1].call_id"


def test_output_arrays_keep_text_and_move_images_without_extensions() -> None:
    """Tool output parts: text stays; an image stays with extensions, else moves to a user message."""
    parts = [
        {"type": "input_text", "text": "see"},
        {"type": "input_image", "image_url": "https://x/a.png"},
    ]
    items = [user("go"), call("call_a"), output("call_a", parts)]
    body, losses = r2o({"input": items})
    assert body["messages"][2]["content"] == [
        {"type": "text", "text": "see"},
        {"type": "image_url", "image_url": {"url": "https://x/a.png"}},
    ]
    assert losses == []
    body, losses = r2o({"input": items}, extensions=False)
    assert body["messages"][2]["content"] == [{"type": "text", "text": "see"}]
    assert body["messages"][3] == {
        "role": "user",
        "content": [{"type": "image_url", "image_url": {"url": "https://x/a.png"}}],
    }
    assert losses == [("input[2].output[1]", "approximated")]


def test_assistant_text_after_a_call_moves_before_it() -> None:
    """Chat puts text before tool calls: text after a call in one run is merged (approximated)."""
    said = {"type": "message", "role": "assistant", "content": "done"}
    body, losses = r2o({"input": [user("go"), call("call_a"), said, output("call_a")]})
    assert body["messages"][1]["content"] == "done"
    assert ("input[2]", "approximated") in losses


def test_history_items_come_before_input_and_serve_previous_response_id() -> None:
    """history= is prepended to input; previous_response_id is then served, not reported."""
    result = rc.responses_to_openai_request(
        {"model": "m", "previous_response_id": "resp_1", "input": "and now?"},
        history=[user("first"), {"type": "message", "role": "assistant", "content": "ok"}],
    )
    assert [m["content"] for m in result.value.to_dict()["messages"]] == ["first", "ok", "and now?"]
    assert result.losses == ()


# -- Responses -> Chat: stateful --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("previous_response_id", "resp_1"),
        ("conversation", "conv_1"),
        ("store", True),
        ("background", True),
        ("prompt", {"id": "pmpt_1"}),
    ],
)
def test_stateful_fields_are_reported_as_stateful(field: str, value: Any) -> None:
    """Fields that need server-side state are reported with loss kind 'stateful'."""
    _, losses = r2o({"input": "hi", field: value})
    assert losses == [(field, "stateful")]


def test_strict_refuses_a_stateful_request() -> None:
    """strict=True raises LossyConversionError for previous_response_id without history."""
    with pytest.raises(rc.LossyConversionError) as info:
        r2o({"input": "hi", "previous_response_id": "resp_1"}, strict=True)
    assert info.value.losses[0].kind == "stateful"


def test_an_item_reference_is_reported_as_stateful() -> None:
    """An item_reference names a stored item: reported, not sent."""
    body, losses = r2o({"input": [{"type": "item_reference", "id": "msg_1"}, user("hi")]})
    assert body["messages"] == [{"role": "user", "content": "hi"}]
    assert losses == [("input[0]", "stateful")]


def test_store_false_is_not_a_loss() -> None:
    """store: false (Codex) asks for nothing a Chat upstream must do."""
    assert r2o({"input": "hi", "store": False})[1] == []


# -- Responses -> Chat: reasoning --------------------------------------------------------------------

RS: Json = {
    "type": "reasoning",
    "id": "rs_9",
    "summary": [{"type": "summary_text", "text": "Check the file."}],
    "encrypted_content": "gAAAAAB-opaque",
}


def test_reasoning_items_become_reasoning_fields_with_their_ids() -> None:
    """A reasoning item -> reasoning_content + reasoning_details keeping the rs_ id and the blob."""
    body, losses = r2o({"input": [user("go"), RS, call("call_a"), output("call_a")]})
    assistant = body["messages"][1]
    assert assistant["reasoning_content"] == "Check the file."
    assert assistant["reasoning_details"] == [
        {
            "type": "reasoning.summary",
            "summary": "Check the file.",
            "id": "rs_9",
            "format": "openai-responses-v1",
            "index": 0,
        },
        {
            "type": "reasoning.encrypted",
            "data": "gAAAAAB-opaque",
            "id": "rs_9",
            "format": "openai-responses-v1",
            "index": 1,
        },
    ]
    assert losses == []


def test_reasoning_is_dropped_and_reported_without_extensions() -> None:
    """With extensions off (a standard OpenAI upstream) reasoning is dropped and reported."""
    body, losses = r2o(
        {"input": [user("go"), RS, call("call_a"), output("call_a")]}, extensions=False
    )
    assert "reasoning_details" not in body["messages"][1]
    assert losses == [("input[1]", "dropped")]


def test_reasoning_text_alone_becomes_reasoning_content_only() -> None:
    """An item with reasoning_text parts only (open-weight servers) is reasoning_content alone."""
    item = {
        "type": "reasoning",
        "summary": [],
        "content": [{"type": "reasoning_text", "text": "hm"}],
    }
    body, _ = r2o(
        {"input": [user("go"), item, {"type": "message", "role": "assistant", "content": "a"}]}
    )
    assert body["messages"][1] == {"role": "assistant", "content": "a", "reasoning_content": "hm"}


def test_a_carrier_restores_the_chat_reasoning_fields_exactly() -> None:
    """encrypted_content made by the reply direction ('rc1:') gives back the fields it carries."""
    fields = {
        "reasoning_details": [
            {
                "type": "reasoning.text",
                "text": "t",
                "signature": "sig",
                "format": "anthropic-claude-v1",
                "index": 0,
            }
        ]
    }
    item = {"type": "reasoning", "summary": [], "encrypted_content": encode_carrier(fields)}
    body, _ = r2o({"input": [user("go"), item, call("call_a"), output("call_a")]})
    assert body["messages"][1]["reasoning_details"] == fields["reasoning_details"]
    assert body["messages"][1]["reasoning_content"] == "t"


def test_a_foreign_blob_that_looks_like_a_carrier_is_passed_on() -> None:
    """A blob with our prefix that does not decode is sent on as opaque data, never reshaped."""
    assert decode_carrier("rc1:not base64!") is None
    assert decode_carrier("rc1:" + base64.b64encode(b'{"x": 1}').decode()) is None


def test_reasoning_without_an_assistant_message_after_it_is_dropped() -> None:
    """Reasoning followed by a user message has no Chat assistant message to ride on: reported."""
    body, losses = r2o({"input": [user("go"), RS, user("again")]})
    assert [m["role"] for m in body["messages"]] == ["user", "user"]
    assert losses == [("input[1]", "dropped")]


# -- Responses -> Chat: tools ------------------------------------------------------------------------

APPLY_PATCH: Json = {
    "type": "custom",
    "name": "apply_patch",
    "description": "Edit files.",
    "format": {"type": "grammar", "syntax": "lark", "definition": "start: /.+/"},
}


def test_custom_tools_are_chat_custom_tools_by_default() -> None:
    """A custom tool is a Chat custom tool; its flat grammar nests under grammar."""
    body, losses = r2o({"input": "hi", "tools": [APPLY_PATCH]})
    assert body["tools"] == [
        {
            "type": "custom",
            "custom": {
                "name": "apply_patch",
                "description": "Edit files.",
                "format": {
                    "type": "grammar",
                    "grammar": {"definition": "start: /.+/", "syntax": "lark"},
                },
            },
        }
    ]
    assert losses == []


def test_custom_tools_become_one_string_functions_when_asked() -> None:
    """custom_tools='function': a function with one string parameter; the grammar is reported."""
    patch = {
        "type": "custom_tool_call",
        "call_id": "call_p",
        "name": "apply_patch",
        "input": "*** Begin",
    }
    body, losses = r2o(
        {
            "input": [
                user("go"),
                patch,
                {"type": "custom_tool_call_output", "call_id": "call_p", "output": "ok"},
            ],
            "tools": [APPLY_PATCH],
        },
        custom_tools="function",
    )
    fn = body["tools"][0]["function"]
    assert fn["parameters"]["properties"] == {"input": {"type": "string"}}
    assert body["messages"][1]["tool_calls"][0]["function"] == {
        "name": "apply_patch",
        "arguments": '{"input":"*** Begin"}',
    }
    assert losses == [("tools[0].format", "approximated")]


def test_namespaced_tools_and_calls_are_flattened() -> None:
    """A namespace's members and calls are named <namespace>__<name> in Chat."""
    tool = {
        "type": "namespace",
        "name": "github",
        "description": "GitHub",
        "tools": [{"type": "function", "name": "get_issue", "parameters": None, "strict": True}],
    }
    item = {**call("call_g", "get_issue"), "namespace": "github"}
    body, losses = r2o({"input": [user("go"), item, output("call_g")], "tools": [tool]})
    assert body["tools"] == [
        {"type": "function", "function": {"name": "github__get_issue", "strict": True}}
    ]
    assert body["messages"][1]["tool_calls"][0]["function"]["name"] == "github__get_issue"
    assert losses == [("tools[0].description", "dropped")]


def test_a_function_tool_without_strict_is_reported() -> None:
    """Responses tools are strict unless they say otherwise, Chat tools are not: reported."""
    body, losses = r2o(
        {"input": "hi", "tools": [{"type": "function", "name": "f", "parameters": None}]}
    )
    assert body["tools"] == [{"type": "function", "function": {"name": "f"}}]
    assert losses == [("tools[0].strict", "approximated")]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("required", "required"),
        ({"type": "function", "name": "f"}, {"type": "function", "function": {"name": "f"}}),
        (
            {"type": "custom", "name": "apply_patch"},
            {"type": "custom", "custom": {"name": "apply_patch"}},
        ),
        (
            {"type": "allowed_tools", "mode": "auto", "tools": [{"type": "function", "name": "f"}]},
            {
                "type": "allowed_tools",
                "allowed_tools": {
                    "mode": "auto",
                    "tools": [{"type": "function", "function": {"name": "f"}}],
                },
            },
        ),
    ],
)
def test_tool_choice_maps_to_the_chat_shape(choice: Any, expected: Any) -> None:
    """tool_choice options, named functions, custom tools and allowed_tools nest as Chat's."""
    tools = [{"type": "function", "name": "f", "parameters": None, "strict": False}, APPLY_PATCH]
    body, losses = r2o({"input": "hi", "tools": tools, "tool_choice": choice})
    assert body["tool_choice"] == expected
    assert losses == []


def test_a_hosted_tool_choice_is_dropped() -> None:
    """Forcing a hosted tool has no Chat form: dropped and reported."""
    body, losses = r2o({"input": "hi", "tool_choice": {"type": "file_search"}})
    assert "tool_choice" not in body
    assert losses == [("tool_choice", "dropped")]


def test_web_search_becomes_web_search_options() -> None:
    """The web_search tool becomes Chat web_search_options (approximated: search models only)."""
    tool = {
        "type": "web_search",
        "search_context_size": "low",
        "user_location": {"type": "approximate", "city": "Paris"},
    }
    body, losses = r2o({"input": "hi", "tools": [tool]})
    assert body["web_search_options"] == {
        "search_context_size": "low",
        "user_location": {"type": "approximate", "approximate": {"city": "Paris"}},
    }
    assert losses == [("tools[0]", "approximated")]


# -- Responses -> Chat: parameters -------------------------------------------------------------------


def test_max_output_tokens_goes_where_max_tokens_field_says() -> None:
    """max_output_tokens -> max_completion_tokens, or max_tokens with the option."""
    assert r2o({"input": "hi", "max_output_tokens": 64})[0]["max_completion_tokens"] == 64
    body, _ = r2o({"input": "hi", "max_output_tokens": 64}, max_tokens_field="max_tokens")
    assert body["max_tokens"] == 64


def test_a_streaming_request_asks_its_chat_upstream_for_usage() -> None:
    """stream: true adds stream_options.include_usage (response.completed carries usage)."""
    body, _ = r2o({"input": "hi", "stream": True})
    assert body["stream_options"] == {"include_usage": True}


def test_text_format_and_effort_map_to_chat_parameters() -> None:
    """text.format json_schema nests under response_format; effort is reasoning_effort."""
    fmt = {"type": "json_schema", "name": "out", "schema": {"type": "object"}, "strict": True}
    body, losses = r2o(
        {
            "input": "hi",
            "text": {"format": fmt, "verbosity": "low"},
            "reasoning": {"effort": "high", "summary": "auto"},
        }
    )
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "out", "schema": {"type": "object"}, "strict": True},
    }
    assert (body["verbosity"], body["reasoning_effort"]) == ("low", "high")
    assert losses == [("reasoning.summary", "dropped")]


def test_top_logprobs_and_the_logprobs_include_ask_for_logprobs() -> None:
    """top_logprobs and include message.output_text.logprobs -> logprobs: true."""
    body, losses = r2o(
        {"input": "hi", "top_logprobs": 3, "include": ["message.output_text.logprobs"]}
    )
    assert (body["logprobs"], body["top_logprobs"]) == (True, 3)
    assert losses == []


def test_a_request_without_a_model_is_unsupported() -> None:
    """A Chat request needs a model: none (a stored prompt's) raises UnsupportedError."""
    with pytest.raises(rc.UnsupportedError) as info:
        rc.responses_to_openai_request({"input": "hi"})
    assert info.value.path == "model"


def test_item_ids_are_not_sent_and_phase_is_carried() -> None:
    """Item ids name stored items (not sent, not reported); phase rides with extensions only."""
    said = {
        "type": "message",
        "id": "msg_1",
        "role": "assistant",
        "content": "ok",
        "phase": "final_answer",
    }
    body, losses = r2o({"input": [user("go"), said]})
    assert body["messages"][1] == {"role": "assistant", "content": "ok", "phase": "final_answer"}
    assert losses == []
    body, losses = r2o({"input": [user("go"), said]}, extensions=False)
    assert "phase" not in body["messages"][1]
    assert losses == [("input[1].phase", "dropped")]


def test_flat_image_urls_nest_and_file_urls_are_reported() -> None:
    """input_image's flat URL nests under image_url.url; a file by URL has no Chat form."""
    content = [
        {"type": "input_image", "image_url": "data:image/png;base64,AAAA", "detail": "low"},
        {"type": "input_file", "file_url": "https://x/a.pdf"},
    ]
    body, losses = r2o({"input": [{"role": "user", "content": content}]})
    assert body["messages"][0]["content"] == [
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA", "detail": "low"}}
    ]
    assert losses == [("input[0].content[1]", "dropped")]


def test_hosted_and_unknown_items_are_reported() -> None:
    """Hosted tool calls are dropped (reported) and unknown item types reported as unknown."""
    _, losses = r2o(
        {
            "input": [
                user("go"),
                {"type": "web_search_call", "id": "ws_1", "status": "completed"},
                {"type": "future_item_v9"},
            ]
        }
    )
    assert losses == [("input[1]", "dropped"), ("input[2]", "unknown")]


# -- Chat -> Responses -------------------------------------------------------------------------------


def test_a_leading_system_message_becomes_instructions() -> None:
    """The first system message (a string) is instructions; a developer message stays an item."""
    body, _ = o2r(
        {
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "developer", "content": "Use JSON."},
                {"role": "user", "content": "Hi"},
            ]
        }
    )
    assert body["instructions"] == "Be brief."
    assert body["input"] == [
        {"type": "message", "role": "developer", "content": "Use JSON."},
        {"type": "message", "role": "user", "content": "Hi"},
    ]


def test_tool_turns_become_call_and_output_items() -> None:
    """An assistant message with tool calls -> message and call items; tool messages -> outputs."""
    messages = [
        {"role": "user", "content": "go"},
        {
            "role": "assistant",
            "content": "On it.",
            "tool_calls": [
                {
                    "id": "call_a",
                    "type": "function",
                    "function": {"name": "shell", "arguments": "{}"},
                },
                {
                    "id": "call_p",
                    "type": "custom",
                    "custom": {"name": "apply_patch", "input": "*** Begin"},
                },
            ],
        },
        {"role": "tool", "tool_call_id": "call_a", "content": "ok"},
        {"role": "tool", "tool_call_id": "call_p", "content": "patched"},
    ]
    body, losses = o2r({"messages": messages})
    assert body["input"][1:] == [
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "On it."}],
        },
        {"type": "function_call", "call_id": "call_a", "name": "shell", "arguments": "{}"},
        {
            "type": "custom_tool_call",
            "call_id": "call_p",
            "name": "apply_patch",
            "input": "*** Begin",
        },
        {"type": "function_call_output", "call_id": "call_a", "output": "ok"},
        {"type": "custom_tool_call_output", "call_id": "call_p", "output": "patched"},
    ]
    assert losses == []


def test_a_chat_request_is_stateless_in_responses() -> None:
    """Without store, a Chat request asks for nothing stored: the Responses request says store: false."""
    assert o2r({"messages": [{"role": "user", "content": "hi"}]})[0]["store"] is False


def test_function_tools_flatten_and_state_their_strictness() -> None:
    """Chat function tools become flat Responses tools with strict false when unstated."""
    tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
    body, _ = o2r({"messages": [{"role": "user", "content": "hi"}], "tools": tools})
    assert body["tools"] == [
        {"type": "function", "name": "f", "parameters": {"type": "object"}, "strict": False}
    ]


def test_chat_only_parameters_are_reported() -> None:
    """stop and seed have no Responses counterpart: reported; n > 1 is refused."""
    _, losses = o2r({"messages": [{"role": "user", "content": "hi"}], "stop": ["\n"], "seed": 1})
    assert sorted(losses) == [("seed", "dropped"), ("stop", "dropped")]
    with pytest.raises(rc.UnsupportedError):
        o2r({"messages": [{"role": "user", "content": "hi"}], "n": 2})


def test_responses_reasoning_in_chat_history_goes_back_as_reasoning_items() -> None:
    """reasoning_details of the openai-responses-v1 form with an id -> the reasoning item again."""
    first, _ = r2o({"input": [user("go"), RS, call("call_a"), output("call_a")]})
    body, losses = o2r({"messages": first["messages"]})
    assert body["input"][1] == {
        "id": "rs_9",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Check the file."}],
        "encrypted_content": "gAAAAAB-opaque",
    }
    assert losses == []


def test_foreign_reasoning_is_not_sent_to_a_responses_upstream() -> None:
    """Anthropic-signed reasoning has no Responses input form: dropped and reported."""
    details = [
        {
            "type": "reasoning.text",
            "text": "t",
            "signature": "sig",
            "format": "anthropic-claude-v1",
            "index": 0,
        }
    ]
    messages = [
        {"role": "user", "content": "go"},
        {
            "role": "assistant",
            "content": "a",
            "reasoning_content": "t",
            "reasoning_details": details,
        },
    ]
    body, losses = o2r({"messages": messages})
    assert [i["type"] for i in body["input"]] == ["message", "message"]
    assert losses == [("messages[1].reasoning_details", "dropped")]


def test_importing_the_package_leaves_the_responses_models_unloaded() -> None:
    """import ruapi_convert does not import models.responses (they load with the first use)."""
    code = "import sys, ruapi_convert; print('ruapi_convert.models.responses' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    code += "; ruapi_convert.responses_to_openai_request; print('ruapi_convert.models.responses' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_the_hand_lists_of_tool_types_match_the_models() -> None:
    """tools_responses lists hosted tool and tool_choice types by hand; they equal the models'."""
    from ruapi_convert.mapping import tools_responses
    from ruapi_convert.models import responses as rsp
    from ruapi_convert.models._base import tags_of

    hosted = tags_of(rsp.Tool) - {"function", "custom", "namespace"}
    assert set(tools_responses.BUILTIN_TOOLS) == {
        t for t in hosted if not t.startswith("web_search")
    }
    assert set(tools_responses.KNOWN_CHOICES) == set(tags_of(rsp.ToolChoice))


def test_json_bytes_in_give_the_same_conversion() -> None:
    """A body given as JSON bytes converts as the dict does."""
    body = {"model": "m", "input": "hi", "stream": True}
    assert (
        rc.responses_to_openai_request(json.dumps(body).encode()).value
        == rc.responses_to_openai_request(body).value
    )


def test_a_json_schema_without_schema_gets_the_empty_object_schema() -> None:
    """Responses requires text.format.schema: a Chat json_schema without one gets {} (defaulted)."""
    fmt = {"type": "json_schema", "json_schema": {"name": "out"}}
    body, losses = o2r({"messages": [{"role": "user", "content": "hi"}], "response_format": fmt})
    assert body["text"]["format"] == {
        "type": "json_schema",
        "name": "out",
        "schema": {"type": "object", "properties": {}},
    }
    assert losses == [("response_format.json_schema", "defaulted")]
