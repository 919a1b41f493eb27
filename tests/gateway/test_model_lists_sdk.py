"""Converted model lists validate in the official Anthropic SDK's ``ModelInfo`` (anthropic 2.14.0)."""

from __future__ import annotations

import pytest

pytest.importorskip("anthropic")

from typing import Any

import anthropic.types as ant_sdk
from hypothesis import given
from hypothesis import strategies as st

from ruapi_convert.gateway import anthropic_to_openai_model_list, openai_to_anthropic_model_list
from ruapi_convert.testing import anthropic_model_lists, openai_model_lists

from .common import load

pytestmark = pytest.mark.oracle


def _validate_in_the_sdk(body: dict[str, Any]) -> None:
    for model in body["data"]:
        # validated, not constructed: the SDK's models.list() builds pages without validation,
        # which is how a list lacking a required field went unnoticed
        ant_sdk.ModelInfo.model_validate(model)


@pytest.mark.property
@given(openai_model_lists(), st.booleans())
def test_every_converted_openai_model_list_validates_as_sdk_model_info(
    body: dict[str, Any], extensions: bool
) -> None:
    """Every model of every converted OpenAI list is a valid SDK ModelInfo, extensions on or off."""
    _validate_in_the_sdk(
        openai_to_anthropic_model_list(body, extensions=extensions).value.to_dict()
    )


@pytest.mark.property
@given(anthropic_model_lists(lenient=False))
def test_sdk_valid_anthropic_lists_stay_valid_after_a_round_trip(body: dict[str, Any]) -> None:
    """An SDK-valid Anthropic list, through OpenAI and back, still validates in the SDK."""
    there = anthropic_to_openai_model_list(body).value
    _validate_in_the_sdk(openai_to_anthropic_model_list(there).value.to_dict())


def test_the_docs_openai_model_list_validates_as_sdk_model_info() -> None:
    """OpenAI's documented GET /v1/models example converts to SDK-valid models, lifecycle active."""
    out = openai_to_anthropic_model_list(load("openai", "docs_models_list.json")).value.to_dict()
    _validate_in_the_sdk(out)
    assert {model["lifecycle"] for model in out["data"]} == {"active"}
