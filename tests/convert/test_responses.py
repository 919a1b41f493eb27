"""Response conversion, rule by rule (docs/mapping.md is the spec these check)."""

from __future__ import annotations

from typing import Any

import pytest

import ruapi_convert as rc

Json = dict[str, Any]


def message(content: list[Json], stop: str = "end_turn", **extra: Any) -> Json:
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-x",
        "content": content,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 5},
        **extra,
    }


def completion(msg: Json, finish: str = "stop", **extra: Any) -> Json:
    return {
        "id": "chatcmpl-9",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-x",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", **msg},
                "finish_reason": finish,
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 30, "completion_tokens": 5, "total_tokens": 35},
        **extra,
    }


def a2o(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.anthropic_to_openai_response(body, created=1, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def o2a(body: Json, **opts: Any) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.openai_to_anthropic_response(body, **opts)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def test_text_reply() -> None:
    """A text reply becomes one choice with content, finish_reason stop and derived ids."""
    out, losses = a2o(message([{"type": "text", "text": "Hi"}]))
    assert out["id"] == "chatcmpl-msg_01"
    assert out["created"] == 1
    assert out["choices"] == [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hi", "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ]
    assert out["usage"] == {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
    assert losses == []


def test_missing_created_is_defaulted_and_reported() -> None:
    """Anthropic has no timestamp: without the created option, created is 0 and reported."""
    result = rc.anthropic_to_openai_response(message([{"type": "text", "text": "x"}]))
    assert result.value.created == 0
    assert [(loss.path, loss.kind) for loss in result.losses] == [("created", "defaulted")]


def test_tool_use_becomes_tool_calls_with_compact_json_arguments() -> None:
    """tool_use blocks become tool calls; input is serialised; finish_reason tool_calls."""
    out, _ = a2o(
        message(
            [
                {"type": "text", "text": "Checking"},
                {"type": "tool_use", "id": "toolu_1", "name": "w", "input": {"city": "Paris"}},
            ],
            stop="tool_use",
        )
    )
    choice = out["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["tool_calls"] == [
        {
            "id": "toolu_1",
            "type": "function",
            "function": {"name": "w", "arguments": '{"city":"Paris"}'},
        }
    ]


@pytest.mark.parametrize(
    ("stop", "finish", "carried"),
    [
        ("end_turn", "stop", False),
        ("max_tokens", "length", False),
        ("tool_use", "tool_calls", False),
        ("refusal", "content_filter", False),
        ("stop_sequence", "stop", True),
        ("pause_turn", "stop", True),
        ("model_context_window_exceeded", "length", True),
        ("compaction", "stop", True),
        ("some_future_reason", "stop", True),
    ],
)
def test_every_stop_reason_maps_and_the_exact_one_survives_the_round_trip(
    stop: str, finish: str, carried: bool
) -> None:
    """The stop reason table, and message.anthropic carrying reasons that collapse."""
    body = message([{"type": "text", "text": "x"}], stop=stop)
    out, _ = a2o(body)
    choice = out["choices"][0]
    assert choice["finish_reason"] == finish
    assert ("stop_reason" in choice["message"].get("anthropic", {})) == carried
    back, _ = o2a(out)
    assert back["stop_reason"] == stop


def test_stop_sequence_and_refusal_details_survive_the_round_trip() -> None:
    """stop_sequence and stop_details travel in message.anthropic and come back."""
    body = message([{"type": "text", "text": "x"}], stop="stop_sequence", stop_sequence="###")
    back, _ = o2a(a2o(body)[0])
    assert (back["stop_reason"], back["stop_sequence"]) == ("stop_sequence", "###")
    details = {"type": "refusal", "category": "cyber", "explanation": "no"}
    body = message([], stop="refusal", stop_details=details)
    out, _ = a2o(body)
    assert out["choices"][0]["finish_reason"] == "content_filter"
    assert o2a(out)[0]["stop_details"] == details


def test_usage_arithmetic_both_ways() -> None:
    """prompt_tokens = input + cache_read + cache_creation; the reverse subtracts them again."""
    body = message(
        [{"type": "text", "text": "x"}],
        usage={
            "input_tokens": 10,
            "cache_creation_input_tokens": 200,
            "cache_read_input_tokens": 1000,
            "output_tokens": 50,
            "output_tokens_details": {"thinking_tokens": 20},
        },
    )
    out, _ = a2o(body)
    assert out["usage"] == {
        "prompt_tokens": 1210,
        "completion_tokens": 50,
        "total_tokens": 1260,
        "prompt_tokens_details": {"cached_tokens": 1000, "cache_write_tokens": 200},
        "completion_tokens_details": {"reasoning_tokens": 20},
    }
    back, _ = o2a(out)
    assert back["usage"] == body["usage"]


def test_cache_ttl_split_is_carried_or_reported() -> None:
    """The 5m/1h cache-write split has no OpenAI field: usage.anthropic, or a loss without extensions."""
    usage = {
        "input_tokens": 1,
        "output_tokens": 1,
        "cache_creation_input_tokens": 3,
        "cache_creation": {"ephemeral_5m_input_tokens": 1, "ephemeral_1h_input_tokens": 2},
    }
    out, losses = a2o(message([], usage=usage))
    assert out["usage"]["anthropic"] == {"cache_creation": usage["cache_creation"]}
    assert losses == []
    out, losses = a2o(message([], usage=usage), extensions=False)
    assert "anthropic" not in out["usage"]
    assert losses == [("usage.cache_creation", "dropped")]


def test_thinking_and_redacted_thinking_become_reasoning_fields() -> None:
    """thinking -> reasoning_content + reasoning_details (signature kept); redacted -> encrypted."""
    blocks: list[Json] = [
        {"type": "thinking", "thinking": "plan A", "signature": "S1"},
        {"type": "redacted_thinking", "data": "ENC"},
        {"type": "thinking", "thinking": "plan B", "signature": "S2"},
        {"type": "text", "text": "Done"},
    ]
    out, losses = a2o(message(blocks))
    msg = out["choices"][0]["message"]
    assert msg["reasoning_content"] == "plan A\n\nplan B"
    assert msg["reasoning_details"] == [
        {
            "type": "reasoning.text",
            "text": "plan A",
            "signature": "S1",
            "format": "anthropic-claude-v1",
            "index": 0,
        },
        {"type": "reasoning.encrypted", "data": "ENC", "format": "anthropic-claude-v1", "index": 1},
        {
            "type": "reasoning.text",
            "text": "plan B",
            "signature": "S2",
            "format": "anthropic-claude-v1",
            "index": 2,
        },
    ]
    assert losses == []
    back, _ = o2a(out)
    assert back["content"] == blocks


def test_server_tool_blocks_and_citations_are_carried_and_rebuilt() -> None:
    """Web search blocks ride in message.anthropic.content; citations also become url annotations."""
    citation = {
        "type": "web_search_result_location",
        "cited_text": "c",
        "url": "https://a.example",
        "title": "A",
        "encrypted_index": "E",
    }
    blocks: list[Json] = [
        {
            "type": "server_tool_use",
            "id": "srvtoolu_1",
            "name": "web_search",
            "input": {"query": "q"},
        },
        {
            "type": "web_search_tool_result",
            "tool_use_id": "srvtoolu_1",
            "content": [
                {
                    "type": "web_search_result",
                    "url": "https://a.example",
                    "title": "A",
                    "encrypted_content": "X",
                    "page_age": None,
                }
            ],
        },
        {"type": "text", "text": "It is sunny.", "citations": [citation]},
    ]
    out, losses = a2o(message(blocks))
    msg = out["choices"][0]["message"]
    assert msg["content"] == "It is sunny."
    assert msg["annotations"] == [
        {
            "type": "url_citation",
            "url_citation": {
                "start_index": 0,
                "end_index": 12,
                "title": "A",
                "url": "https://a.example",
            },
        }
    ]
    assert [e["block_index"] for e in msg["anthropic"]["content"]] == [0, 1, 2]
    assert losses == []
    back, _back_losses = o2a(out)
    assert back["content"] == blocks
    out_off, losses_off = a2o(message(blocks), extensions=False)
    assert "anthropic" not in out_off["choices"][0]["message"]
    assert ("content[0]", "dropped") in losses_off
    assert ("content[2].citations", "dropped") in losses_off


def test_text_blocks_split_by_other_blocks_join_with_a_blank_line() -> None:
    """Text before and after a tool block are separate paragraphs; adjacent text blocks join directly."""
    blocks: list[Json] = [
        {"type": "text", "text": "Looking"},
        {"type": "server_tool_use", "id": "s", "name": "web_fetch", "input": {}},
        {"type": "text", "text": "Found "},
        {"type": "text", "text": "it."},
    ]
    out, losses = a2o(message(blocks))
    assert out["choices"][0]["message"]["content"] == "Looking\n\nFound it."
    assert ("content", "approximated") in losses


def test_openai_reply_becomes_message_with_reasoning_first() -> None:
    """OpenAI content, tool calls and signed reasoning become thinking, text, tool_use in that order."""
    msg = {
        "content": "Let me check.",
        "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "w", "arguments": '{"c": 1}'}}
        ],
        "reasoning_details": [{"type": "reasoning.text", "text": "t", "signature": "S"}],
    }
    out, losses = o2a(completion(msg, finish="tool_calls"))
    assert out["id"] == "msg_chatcmpl-9"
    assert out["content"] == [
        {"type": "thinking", "thinking": "t", "signature": "S"},
        {"type": "text", "text": "Let me check."},
        {"type": "tool_use", "id": "call_1", "name": "w", "input": {"c": 1}},
    ]
    assert out["stop_reason"] == "tool_use"
    assert out["usage"] == {"input_tokens": 30, "output_tokens": 5}
    assert out["openai"] == {"created": 1_700_000_000}
    assert losses == []


@pytest.mark.parametrize(("policy", "kind"), [("thinking", "approximated"), ("drop", "dropped")])
def test_unsigned_reasoning_in_a_reply_by_policy(policy: str, kind: str) -> None:
    """DeepSeek-style reasoning_content: a thinking block with an empty signature, or dropped."""
    out, losses = o2a(
        completion({"content": "A", "reasoning_content": "why"}), unsigned_reasoning=policy
    )
    if policy == "thinking":
        assert out["content"][0] == {"type": "thinking", "thinking": "why", "signature": ""}
    else:
        assert out["content"] == [{"type": "text", "text": "A"}]
    assert losses == [("choices[0].message.reasoning_content", kind)]


def test_refusal_becomes_text_with_stop_reason_refusal() -> None:
    """OpenAI's refusal channel becomes text and stop_reason refusal (approximated)."""
    out, losses = o2a(completion({"content": None, "refusal": "I can't help with that."}))
    assert out["content"] == [{"type": "text", "text": "I can't help with that."}]
    assert out["stop_reason"] == "refusal"
    assert losses == [("choices[0].message.refusal", "approximated")]


def test_truncated_tool_arguments_in_a_reply_are_wrapped() -> None:
    """Arguments cut off by a length stop cannot be an object: they are wrapped and reported."""
    msg = {
        "content": None,
        "tool_calls": [
            {"id": "c", "type": "function", "function": {"name": "f", "arguments": '{"a": "tru'}}
        ],
    }
    out, losses = o2a(completion(msg, finish="length"))
    assert out["content"][0]["input"] == {"_raw_arguments": '{"a": "tru'}
    assert out["stop_reason"] == "max_tokens"
    assert ("choices[0].message.tool_calls[0].function.arguments", "approximated") in losses


def test_openai_only_response_fields_are_carried_or_reported() -> None:
    """created, logprobs, system_fingerprint and annotations go to openai, or are reported without extensions."""
    body = completion(
        {
            "content": "x",
            "annotations": [
                {
                    "type": "url_citation",
                    "url_citation": {
                        "start_index": 0,
                        "end_index": 1,
                        "title": "t",
                        "url": "https://u",
                    },
                }
            ],
        },
        system_fingerprint="fp_1",
    )
    body["choices"][0]["logprobs"] = {"content": [], "refusal": None}
    out, losses = o2a(body)
    assert set(out["openai"]) == {"created", "system_fingerprint", "logprobs", "annotations"}
    assert losses == []
    out, losses = o2a(body, extensions=False)
    assert "openai" not in out
    assert sorted(losses) == [
        ("choices[0].logprobs", "dropped"),
        ("choices[0].message.annotations", "dropped"),
        ("created", "dropped"),
        ("system_fingerprint", "dropped"),
    ]


def test_openai_round_trip_keeps_created_fingerprint_and_logprobs() -> None:
    """OpenAI -> Anthropic -> OpenAI restores id, created, system_fingerprint and logprobs."""
    body = completion({"content": "x"}, system_fingerprint="fp_1")
    body["choices"][0]["logprobs"] = {
        "content": [{"token": "x", "logprob": -0.1, "bytes": [120], "top_logprobs": []}],
        "refusal": None,
    }
    back = rc.anthropic_to_openai_response(rc.openai_to_anthropic_response(body).value)
    assert back.losses == ()
    got = back.value.to_dict()
    assert (got["id"], got["created"], got["system_fingerprint"]) == (
        "chatcmpl-9",
        1_700_000_000,
        "fp_1",
    )
    assert got["choices"][0]["logprobs"] == body["choices"][0]["logprobs"]


def test_missing_usage_and_several_choices() -> None:
    """No usage -> zeros (defaulted); n > 1 -> UnsupportedError on choices."""
    body = completion({"content": "x"})
    del body["usage"]
    out, losses = o2a(body)
    assert out["usage"] == {"input_tokens": 0, "output_tokens": 0}
    assert losses == [("usage", "defaulted")]
    body = completion({"content": "x"})
    body["choices"].append({**body["choices"][0], "index": 1})
    with pytest.raises(rc.UnsupportedError) as info:
        o2a(body)
    assert info.value.path == "choices"


def test_stale_or_invalid_carried_blocks_are_an_input_error() -> None:
    """message.anthropic.content that is not valid Anthropic content raises InvalidInputError."""
    body = completion(
        {
            "content": "x",
            "anthropic": {
                "content": [{"index": 0, "block_index": 1, "type": "server_tool_use", "id": 5}]
            },
        }
    )
    with pytest.raises(rc.InvalidInputError):
        o2a(body)


@pytest.mark.parametrize(
    ("plain", "reported"), [("one\n\ntwo", False), ("onetwo", True), ("other", True)]
)
def test_reasoning_content_is_checked_against_the_details(plain: str, reported: bool) -> None:
    """reasoning_content is a copy of the reasoning.text texts joined by a blank line; a copy
    that says something else is reported (only the signed details are sent)."""
    details = [
        {"type": "reasoning.text", "text": "one", "signature": "s1"},
        {"type": "reasoning.text", "text": "two", "signature": "s2"},
    ]
    out, losses = o2a(
        completion({"content": "x", "reasoning_content": plain, "reasoning_details": details})
    )
    assert [b["thinking"] for b in out["content"] if b["type"] == "thinking"] == ["one", "two"]
    expected = [("choices[0].message.reasoning_content", "approximated")] if reported else []
    assert [loss for loss in losses if "reasoning" in loss[0]] == expected
