"""Options: keyword options over an Options object, checked per function and per value."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ruapi_convert as rc
from ruapi_convert.errors import InvalidInputError
from ruapi_convert.options import A2ORequestOptions, CommonOptions, Options, resolve_options

_HINTS = typing.get_type_hints(Options)

REQUEST = {"model": "m", "messages": [{"role": "user", "content": "Hi"}]}


def test_no_overrides_returns_the_base_itself() -> None:
    """Without keyword options the call uses the given object (or the defaults) as it is."""
    base = Options(strict=True)
    assert resolve_options(base, {}, CommonOptions, "f") is base
    assert resolve_options(None, {}, CommonOptions, "f") == Options()


def test_overrides_win_over_the_base_which_is_not_changed() -> None:
    """A keyword option overrides the object's value for this call only."""
    base = Options(strict=True, system_role="developer")
    resolved = resolve_options(base, {"system_role": "system"}, A2ORequestOptions, "f")
    assert (resolved.system_role, resolved.strict) == ("system", True)
    assert base.system_role == "developer"


def test_a_misspelt_keyword_is_a_type_error() -> None:
    """A keyword no function knows fails like a misspelt Python keyword argument."""
    with pytest.raises(TypeError, match="unexpected keyword argument 'stirct'"):
        rc.openai_to_anthropic_request(REQUEST, stirct=True)  # type: ignore[call-arg]


def test_a_keyword_the_function_does_not_read_is_a_type_error() -> None:
    """include_usage means something to a stream, nothing to a request conversion."""
    with pytest.raises(TypeError, match=r"openai_to_anthropic_request.*'include_usage'"):
        rc.openai_to_anthropic_request(REQUEST, include_usage=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'system_role'"):
        rc.anthropic_to_openai_response({}, system_role="developer")  # type: ignore[call-arg]


def test_a_shared_options_object_may_hold_policies_a_function_does_not_read() -> None:
    """One Options serves a whole gateway: the object is not checked against the function."""
    options = Options(system_role="developer", unsigned_reasoning="drop")
    out = rc.openai_to_anthropic_request(REQUEST, options=options)
    assert out.value.to_dict()["messages"] == REQUEST["messages"]


def test_per_call_values_are_keyword_arguments() -> None:
    """created, id and a model override belong to the call, not to the policy object."""
    reply: dict[str, object] = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude",
        "content": [],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }
    out = rc.anthropic_to_openai_response(reply, created=1700000000, id="chatcmpl-x").value
    assert (out.created, out.id) == (1700000000, "chatcmpl-x")
    assert rc.openai_to_anthropic_request(REQUEST, model="claude-x").value.model == "claude-x"
    assert not hasattr(Options(), "created")


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"anthropic_version": "2024-01-01"}, "options.anthropic_version"),
        ({"anthropic_version": "2023-06-01\r\nx: y"}, "options.anthropic_version"),
        ({"strict": 1}, "options.strict"),
        ({"default_max_tokens": 0}, "options.default_max_tokens"),
        ({"default_max_tokens": True}, "options.default_max_tokens"),
        ({"system_messages": "drop"}, "options.system_messages"),
        ({"effort_budgets": {"low": -1}}, "options.effort_budgets"),
        ({"anthropic_beta": "a,b"}, "options.anthropic_beta"),
        ({"anthropic_beta": ["a\r\nx-injected: 1"]}, "options.anthropic_beta"),
        ({"anthropic_beta": ["a,b"]}, "options.anthropic_beta"),
        ({"anthropic_beta": [""]}, "options.anthropic_beta"),
        ({"effort_budgets": {"low\n": 1024}}, "options.effort_budgets"),
        ({"effort_budgets": {"low": 10**4300}}, "options.effort_budgets"),
        ({"default_max_tokens": 10**5000}, "options.default_max_tokens"),
        ({"anthropic_auth": "bearer\r\n"}, "options.anthropic_auth"),
        ({"anthropic_version": 10**5000}, "options.anthropic_version"),
    ],
)
def test_an_option_value_outside_its_vocabulary_names_its_path(
    kwargs: dict[str, object], path: str
) -> None:
    """A value the option cannot take is refused where it is given, with its path."""
    with pytest.raises(InvalidInputError) as info:
        Options(**kwargs)  # type: ignore[arg-type]
    assert info.value.path == path


@pytest.mark.parametrize(
    "created", [-1, 10**4300, -(10**5000)], ids=["-1", "4301-digits", "-1e5000"]
)
def test_a_per_call_int_json_cannot_read_back_is_invalid_input(created: int) -> None:
    """created must be a non-negative int our JSON parser reads back (at most 4300 digits)."""
    with pytest.raises(InvalidInputError) as info:
        rc.AnthropicToOpenAIStream(created=created)
    assert info.value.path == "created"


def test_a_per_call_value_of_the_wrong_type_is_invalid_input() -> None:
    """created must be a non-negative int, id and model strings."""
    with pytest.raises(InvalidInputError) as info:
        rc.AnthropicToOpenAIStream(created="now")  # type: ignore[arg-type]
    assert info.value.path == "created"
    with pytest.raises(InvalidInputError):
        rc.openai_to_anthropic_request(REQUEST, model=5)  # type: ignore[arg-type]


_STRING_OPTIONS = sorted(
    f.name for f in dataclasses.fields(Options) if typing.get_origin(_HINTS[f.name]) is Literal
)
_hostile_text = st.lists(
    st.one_of(
        st.sampled_from(["\r", "\n", "\x00", "\ud800", "2023-06-01", "hoist", "bearer"]),
        st.text(max_size=4),
    ),
    max_size=4,
).map("".join)


@pytest.mark.property
@given(name=st.sampled_from(_STRING_OPTIONS), text=_hostile_text)
def test_every_string_option_refuses_what_it_does_not_list(name: str, text: str) -> None:
    """Any text (line breaks, NUL, lone surrogates) for a string option: accepted only when it is
    one of the option's values, else refused naming options.<name>."""
    allowed = typing.get_args(_HINTS[name])
    kwargs: dict[str, Any] = {name: text}
    if text in allowed:
        assert getattr(Options(**kwargs), name) == text
        return
    with pytest.raises(InvalidInputError) as info:
        Options(**kwargs)
    assert info.value.path == f"options.{name}"


@pytest.mark.property
@given(names=st.lists(_hostile_text, min_size=1, max_size=3))
def test_beta_and_effort_names_with_line_breaks_are_refused(names: list[str]) -> None:
    """Beta names must be HTTP tokens, effort names printable: CR, LF and NUL never get in."""
    for name in names:
        if any(c in name for c in "\r\n\x00"):
            with pytest.raises(InvalidInputError) as info:
                Options(anthropic_beta=[name])
            assert info.value.path == "options.anthropic_beta"
            with pytest.raises(InvalidInputError) as info:
                Options(effort_budgets={name: 1024})
            assert info.value.path == "options.effort_budgets"
