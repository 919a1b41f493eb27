"""Numbers the vendors forbid (a negative count, max_tokens 0 for OpenAI) are refused where they
stand, with their path, through every public entry; valid numbers keep their type."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import ruapi_convert as rc
from ruapi_convert import InvalidInputError
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai

OPENAI_REQUEST = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
ANTHROPIC_REQUEST = {
    "model": "m",
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "hi"}],
}
OPENAI_RESPONSE = {
    "id": "c",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "hi"},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
ANTHROPIC_RESPONSE = {
    "id": "msg",
    "type": "message",
    "role": "assistant",
    "model": "m",
    "content": [{"type": "text", "text": "hi"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 1, "output_tokens": 1},
}


def _with(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``body`` with ``value`` at a dotted ``path`` (``choices.0.index``)."""
    out = copy.deepcopy(body)
    *parents, last = path.split(".")
    node: Any = out
    for key in parents:
        node = node[int(key)] if key.isdigit() else node.setdefault(key, {})
    node[last] = value
    return out


def _refused(convert: Any, body: dict[str, Any]) -> str:
    with pytest.raises(InvalidInputError) as info:
        convert(body)
    return info.value.path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_tokens", 0),  # "Expected a value >= 1"
        ("max_tokens", -1),
        ("max_completion_tokens", 0),
        ("max_completion_tokens", -(10**20)),
        ("n", 0),
        ("n", -1),
        ("top_logprobs", -1),
        ("temperature", -0.5),
        ("temperature", -1),
        ("top_p", -0.1),
    ],
)
def test_openai_request_numbers_below_the_documented_minimum_are_refused(
    field: str, value: Any
) -> None:
    """OpenAI request numbers below what the API accepts are refused naming the field."""
    body = {**OPENAI_REQUEST, field: value}
    assert _refused(rc.openai_to_anthropic_request, body) == field
    assert _refused(oai.ChatCompletionCreateParams.parse, body) == field


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("max_tokens", -1),
        ("temperature", -0.1),
        ("top_p", -1),
        ("top_k", -1),
        ("thinking.budget_tokens", 1023),  # "budget_tokens must be >= 1024"
        ("thinking.budget_tokens", -5),
    ],
)
def test_anthropic_request_numbers_out_of_range_are_refused(path: str, value: Any) -> None:
    """Anthropic request numbers the API forbids are refused naming the field."""
    body = _with(ANTHROPIC_REQUEST, path, value)
    if path.startswith("thinking"):
        body["thinking"]["type"] = "enabled"
        body["max_tokens"] = 4096
    assert _refused(rc.anthropic_to_openai_request, body) == path
    assert _refused(ant.MessageCreateParams.parse, body) == path


def test_anthropic_max_tokens_zero_is_accepted() -> None:
    """max_tokens 0 is valid Anthropic ("set to 0 to populate the prompt cache"), ints stay ints."""
    body = {**ANTHROPIC_REQUEST, "max_tokens": 0, "temperature": 0, "top_k": 0}
    assert ant.MessageCreateParams.parse(body).to_dict() == body
    assert rc.anthropic_to_openai_request(body).value.to_dict()["max_completion_tokens"] == 0


def test_valid_numbers_keep_their_type() -> None:
    """The bounds do not coerce: 1 stays int and 1.0 stays float."""
    for value in (0, 1, 0.0, 2.0):
        body = {**OPENAI_REQUEST, "temperature": value, "top_p": value}
        parsed = oai.ChatCompletionCreateParams.parse(body).to_dict()
        assert type(parsed["temperature"]) is type(value)
        assert parsed == body


@pytest.mark.parametrize(
    "path",
    [
        "usage.prompt_tokens",
        "usage.completion_tokens",
        "usage.total_tokens",
        "usage.prompt_tokens_details.cached_tokens",
        "usage.completion_tokens_details.reasoning_tokens",
        "choices.0.index",
    ],
)
def test_negative_openai_usage_counts_are_refused(path: str) -> None:
    """A negative token count (or choice index) in an OpenAI response is refused with its path."""
    body = _with(OPENAI_RESPONSE, path, -1)
    expected = path.replace(".0.", "[0].")
    assert _refused(rc.openai_to_anthropic_response, body) == expected


@pytest.mark.parametrize(
    "path",
    [
        "usage.input_tokens",
        "usage.output_tokens",
        "usage.cache_read_input_tokens",
        "usage.cache_creation_input_tokens",
        "usage.server_tool_use.web_search_requests",
    ],
)
def test_negative_anthropic_usage_counts_are_refused(path: str) -> None:
    """A negative token count in an Anthropic response is refused with its path."""
    body = _with(ANTHROPIC_RESPONSE, path, -3)
    assert _refused(rc.anthropic_to_openai_response, body) == path


def test_negative_usage_in_a_stream_event_is_refused() -> None:
    """message_start and message_delta usage: a negative count is refused, naming it."""
    start = {"type": "message_start", "message": {**ANTHROPIC_RESPONSE, "content": []}}
    stream = rc.AnthropicToOpenAIStream()
    stream.feed(start)
    delta = {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": -1},
    }
    with pytest.raises(InvalidInputError) as info:
        stream.feed(delta)
    assert info.value.path == "usage.output_tokens"
    bad_start = _with(start, "message.usage.input_tokens", -1)
    with pytest.raises(InvalidInputError) as info:
        rc.AnthropicToOpenAIStream().feed(bad_start)
    assert info.value.path == "message.usage.input_tokens"


def test_negative_model_limits_are_refused() -> None:
    """A model list's max_tokens/max_input_tokens cannot be negative (0 is the docs' placeholder)."""
    model = {"type": "model", "id": "m", "display_name": "M", "created_at": "2026-01-01T00:00:00Z"}
    body = {"data": [{**model, "max_tokens": 0, "max_input_tokens": -1}], "has_more": False}
    assert _refused(rc.anthropic_to_openai_model_list, body) == "data[0].max_input_tokens"
