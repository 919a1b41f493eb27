"""Conversion properties whose outputs the official SDK types validate: only ConversionError escapes, every leaf is kept or reported."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

from typing import Any

import anthropic.types
import anthropic.types.beta
import openai.types.chat
import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ruapi_convert as rc
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.testing import (
    anthropic_requests,
    anthropic_responses,
    json_values,
    openai_requests,
    openai_responses,
    with_unknowns,
)

from .test_conversion_properties import (
    CREATED,
    Conversion,
    Json,
    _consume,
    names_input_location,
    silent_losses,
    without_extension_shapes,
)

pytestmark = pytest.mark.oracle


_ANTHROPIC_PARAMS = pydantic.TypeAdapter(anthropic.types.MessageCreateParams)


_ANTHROPIC_BETA_PARAMS = pydantic.TypeAdapter(anthropic.types.beta.MessageCreateParams)


_OPENAI_PARAMS = pydantic.TypeAdapter(openai.types.chat.CompletionCreateParams)


def sdk_anthropic_request(body: Json) -> None:
    """``anthropic.types.MessageCreateParams`` (the beta one when beta-only shapes are present)."""
    try:
        _consume(_ANTHROPIC_PARAMS.validate_python(body))
    except pydantic.ValidationError:
        _consume(_ANTHROPIC_BETA_PARAMS.validate_python(body))


def sdk_openai_request(body: Json) -> None:
    _consume(_OPENAI_PARAMS.validate_python(body))


def sdk_anthropic_response(body: Json) -> None:
    anthropic.types.Message.model_validate(body)


def sdk_openai_response(body: Json) -> None:
    openai.types.chat.ChatCompletion.model_validate(body)


O2A_REQUEST = Conversion(
    "openai_to_anthropic_request",
    rc.openai_to_anthropic_request,
    "openai",
    openai_requests(),
    ant.MessageCreateParams,
    sdk_anthropic_request,
)


A2O_REQUEST = Conversion(
    "anthropic_to_openai_request",
    rc.anthropic_to_openai_request,
    "anthropic",
    anthropic_requests(),
    oai.ChatCompletionCreateParams,
    sdk_openai_request,
)


A2O_RESPONSE = Conversion(
    "anthropic_to_openai_response",
    rc.anthropic_to_openai_response,
    "anthropic",
    anthropic_responses(),
    oai.ChatCompletion,
    sdk_openai_response,
    (("created", CREATED),),
)


O2A_RESPONSE = Conversion(
    "openai_to_anthropic_response",
    rc.openai_to_anthropic_response,
    "openai",
    openai_responses(),
    ant.Message,
    sdk_anthropic_response,
)


CONVERSIONS = [O2A_REQUEST, A2O_REQUEST, A2O_RESPONSE, O2A_RESPONSE]


def check_conversion(conv: Conversion, body: Any, **opts: Any) -> rc.Converted[Any] | None:
    """Run ``conv``; a result must validate, an error must be a ConversionError naming the input."""
    error: rc.ConversionError | None = None
    try:
        result = conv.run(body, **opts)
    except rc.ConversionError as exc:  # anything else escapes and fails the test
        error = exc
    if error is not None:
        assert isinstance(error.path, str)
        if isinstance(error, (rc.InvalidInputError, rc.UnsupportedError)) and isinstance(
            body, dict
        ):
            assert names_input_location(body, error.path), (error.path, str(error))
        return None
    out = result.value.to_dict()
    assert isinstance(result.value, conv.target)
    assert conv.target.model_validate(out).to_dict() == out
    if conv is A2O_REQUEST and opts.get("extensions", True):
        conv.sdk_check(without_extension_shapes(out))
    else:
        conv.sdk_check(out)
    for loss in result.losses:
        assert isinstance(loss, rc.Loss)
        assert loss.kind in ("dropped", "approximated", "defaulted", "unknown")
        assert names_input_location(body, loss.path), loss
    return result


@pytest.mark.parametrize("conv", CONVERSIONS, ids=str)
@given(data=st.data(), extensions=st.booleans(), unknowns=st.booleans())
def test_generated_payloads_convert_to_valid_output_or_raise_conversion_error(
    conv: Conversion, data: st.DataObject, extensions: bool, unknowns: bool
) -> None:
    """Every flag on, with or without unknowns: a valid result (ours and the SDK's) or a
    ConversionError with a path into the input; ``strict=True`` raises iff there were losses."""
    strategy = with_unknowns(conv.strategy, protocol=conv.source) if unknowns else conv.strategy
    body = data.draw(strategy)
    result = check_conversion(conv, body, extensions=extensions)
    if result is None:
        return
    if result.losses:
        with pytest.raises(rc.LossyConversionError) as info:
            conv.run(body, extensions=extensions, strict=True)
        assert info.value.losses == result.losses
    else:
        strict = conv.run(body, extensions=extensions, strict=True)
        assert strict.value.to_dict() == result.value.to_dict()


@pytest.mark.parametrize("conv", CONVERSIONS, ids=str)
@given(
    value=st.one_of(
        json_values(),
        st.binary(max_size=64),
        st.text(max_size=32),
        st.dictionaries(
            st.sampled_from(["model", "messages", "choices", "content"]), json_values()
        ),
    )
)
def test_arbitrary_input_raises_only_conversion_error(conv: Conversion, value: Any) -> None:
    """Arbitrary JSON values, text and bytes: a result or a ConversionError, nothing else."""
    check_conversion(conv, value)


@pytest.mark.parametrize("conv", CONVERSIONS, ids=str)
@given(data=st.data(), extensions=st.booleans(), unknowns=st.booleans())
def test_every_input_leaf_reaches_the_output_or_is_reported(
    conv: Conversion, data: st.DataObject, extensions: bool, unknowns: bool
) -> None:
    """Every scalar of the input is in the output (by value) or under a reported loss."""
    strategy = with_unknowns(conv.strategy, protocol=conv.source) if unknowns else conv.strategy
    body = data.draw(strategy)
    try:
        result = conv.run(body, extensions=extensions)
    except rc.ConversionError:
        return
    assert silent_losses(conv, body, result) == []
