"""Values a Python dict can hold but JSON cannot: refused with a path, never written as bad JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ruapi_convert import InvalidInputError
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai


def test_nan_in_a_typed_number_is_refused_where_it_stands() -> None:
    body = json.loads('{"model": "m", "messages": [], "temperature": NaN}')
    with pytest.raises(InvalidInputError) as info:
        oai.ChatCompletionCreateParams.model_validate(body)
    assert info.value.path == "temperature"


def test_infinity_in_a_nested_typed_number_is_refused_with_its_path() -> None:
    body = json.loads(
        '{"model": "m", "max_tokens": 5, "messages": [], "metadata": {"user_id": "u"},'
        ' "thinking": {"type": "enabled", "budget_tokens": Infinity}}'
    )
    with pytest.raises(InvalidInputError) as info:
        ant.MessageCreateParams.model_validate(body)
    assert info.value.path == "thinking.budget_tokens"


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), "\ud800", [[[0]]]],
    ids=["nan", "inf", "lone-surrogate", "nested-ok"],
)
def test_open_fields_refuse_values_json_cannot_carry(value: Any) -> None:
    """Unknown keys accept any JSON value; a caller's dict holding what JSON cannot carry is
    refused when it is validated, not written as invalid JSON later."""
    body = {"type": "ping", "x": value}
    if value == [[[0]]]:
        assert json.loads(ant.PingEvent.model_validate(body).to_json()) == body
        return
    with pytest.raises(InvalidInputError, match="JSON") as info:
        ant.PingEvent.model_validate(body)
    assert info.value.path == "x"
    with pytest.raises(InvalidInputError, match="JSON"):
        ant.parse_stream_event(body)
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    with pytest.raises(InvalidInputError, match="JSON"):
        oai.parse_stream_event({**chunk, "choices": [], "x": value})


def test_the_word_nan_inside_a_string_is_not_mistaken_for_the_constant() -> None:
    event = ant.PingEvent.model_validate({"type": "ping", "x": "NaN and Infinity"})
    assert json.loads(event.to_json())["x"] == "NaN and Infinity"


def test_nesting_deeper_than_the_serialiser_goes_is_refused() -> None:
    value: Any = 0
    for _ in range(300):
        value = [value]
    with pytest.raises(InvalidInputError, match="nesting deeper") as info:
        ant.PingEvent.model_validate({"type": "ping", "x": value})
    assert info.value.path.startswith("x[0][0]")


def test_our_own_parser_needs_no_screening() -> None:
    """Bytes are parsed by a parser that already refuses NaN: the error is the parser's."""
    with pytest.raises(InvalidInputError, match="invalid JSON"):
        oai.ChatCompletionCreateParams.parse(b'{"model": "m", "messages": [], "x": NaN}')
