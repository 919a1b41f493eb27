"""Values a Python dict can hold but JSON cannot: refused with a path, never written as bad JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ruapi_convert as rc
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


# -- integers longer than a JSON parser reads back ---------------------------------------------------


@pytest.mark.parametrize(
    "value", [10**5000, -(10**5000), 10**4300], ids=["1e5000", "-1e5000", "4301-digits"]
)
def test_an_integer_too_long_to_read_back_is_refused_where_it_stands(value: int) -> None:
    """max_tokens=10**5000 in a dict was accepted and written as JSON our own parser refuses; it is
    refused with its path, in a typed field and in an open one alike."""
    body = {"model": "m", "messages": [], "max_tokens": value}
    with pytest.raises(InvalidInputError, match="more than 4300 digits") as info:
        oai.ChatCompletionCreateParams.model_validate(body)
    assert info.value.path == "max_tokens"
    with pytest.raises(InvalidInputError) as info:
        ant.PingEvent.model_validate({"type": "ping", "x": [1, {"y": value}]})
    assert info.value.path == "x[1].y"


@pytest.mark.parametrize("offset", [0, 1, 7, 1000, 2149, 2150, 2151, 4299, 4300, 4301, 9000])
def test_a_long_integer_is_found_wherever_it_stands_in_the_body(offset: int) -> None:
    """The screen samples the written JSON: a long integer is caught at any byte offset, and
    a run of digits inside a string (5000 here) is not mistaken for one."""
    body = {"type": "ping", "pad": "7" * offset, "x": -(10**4300)}
    with pytest.raises(InvalidInputError) as info:
        ant.PingEvent.model_validate(body)
    assert info.value.path == "x"
    fine = {"type": "ping", "pad": "7" * offset, "x": 10**4300 - 1, "digits": "9" * 5000}
    assert ant.PingEvent.model_validate(fine).to_dict() == fine


def test_the_longest_integer_our_parser_reads_is_kept_exactly() -> None:
    """An integer of 4300 digits in an open field is written and read back as the same int."""
    value = 10**4300 - 1
    event = ant.PingEvent.model_validate({"type": "ping", "x": value})
    assert ant.PingEvent.model_validate_json(event.to_json()).to_dict() == {
        "type": "ping",
        "x": value,
    }


def test_a_huge_temperature_is_invalid_input_with_its_path() -> None:
    """temperature=10**5000 raised a bare ValueError from deep in the conversion; it is an
    InvalidInputError naming temperature."""
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 10**5000}
    with pytest.raises(InvalidInputError) as info:
        rc.openai_to_anthropic_request(body)
    assert info.value.path == "temperature"
