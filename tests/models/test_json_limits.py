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
    assert info.value.path.startswith("thinking")


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), "\ud800", [[[0]]]],
    ids=["nan", "inf", "lone-surrogate", "nested-ok"],
)
def test_open_fields_dump_as_json_or_refuse(value: Any) -> None:
    """Unknown keys accept any value; writing one JSON cannot carry is an InvalidInputError."""
    event = ant.PingEvent.model_validate({"type": "ping", "x": value})
    if value == [[[0]]]:
        assert json.loads(event.to_json()) == {"type": "ping", "x": value}
        return
    with pytest.raises(InvalidInputError, match="cannot be written as JSON"):
        event.to_json()


def test_the_word_nan_inside_a_string_is_not_mistaken_for_the_constant() -> None:
    event = ant.PingEvent.model_validate({"type": "ping", "x": "NaN and Infinity"})
    assert json.loads(event.to_json())["x"] == "NaN and Infinity"


def test_nesting_deeper_than_the_serialiser_goes_is_refused_on_dump() -> None:
    value: Any = 0
    for _ in range(300):
        value = [value]
    event = ant.PingEvent.model_validate({"type": "ping", "x": value})
    with pytest.raises(InvalidInputError):
        event.to_dict()
    with pytest.raises(InvalidInputError):
        event.to_json()
