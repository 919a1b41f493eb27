"""GET /v1/models bodies, both directions."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.gateway import (
    anthropic_to_openai_model_list,
    openai_to_anthropic_model_list,
)
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai

from .common import load as _load

# -- model lists --------------------------------------------------------------------------------------


def test_anthropic_model_list_becomes_openai() -> None:
    """id/created_at/type map; display_name and capabilities ride in 'anthropic'; pages keep names.
    The docs' example has no lifecycle (it predates the field): the way back fills in `active`."""
    body = _load("anthropic", "docs_models_list_capabilities.json")
    result = anthropic_to_openai_model_list(body)
    assert result.lossless
    out = result.value.to_dict()
    model = out["data"][0]
    assert (model["id"], model["object"], model["owned_by"]) == (
        "claude-opus-4-6",
        "model",
        "anthropic",
    )
    assert model["created"] == int(datetime(2026, 2, 4, tzinfo=timezone.utc).timestamp())
    assert model["anthropic"]["display_name"] == "Claude Opus 4.6"
    assert "created_at" not in model["anthropic"]
    assert (out["object"], out["has_more"], out["first_id"], out["last_id"]) == (
        "list",
        True,
        "first_id",
        "last_id",
    )
    back = openai_to_anthropic_model_list(result.value)
    assert [(loss.path, loss.kind) for loss in back.losses] == [("data[0].lifecycle", "defaulted")]
    expected = ant.ModelList.model_validate(body).to_dict()
    expected["data"][0]["lifecycle"] = "active"
    assert back.value.to_dict() == expected


def test_openai_model_list_becomes_anthropic() -> None:
    """created becomes RFC 3339; owned_by rides in 'openai'; display_name defaults to the id,
    lifecycle to active."""
    body = _load("openai", "docs_models_list.json")
    result = openai_to_anthropic_model_list(body)
    out = result.value.to_dict()
    assert out["data"][0] == {
        "type": "model",
        "id": "model-id-0",
        "created_at": "2023-06-16T17:03:22Z",
        "display_name": "model-id-0",
        "lifecycle": "active",
        "openai": {"owned_by": "organization-owner"},
    }
    assert (out["has_more"], out["first_id"], out["last_id"]) == (False, "model-id-0", "model-id-2")
    assert [(loss.path, loss.kind) for loss in result.losses] == [
        (f"data[{i}].{field}", "defaulted")
        for i in range(3)
        for field in ("display_name", "lifecycle")
    ]
    back = anthropic_to_openai_model_list(result.value)
    assert back.value.data == oai.ModelList.model_validate(body).data


def test_model_lists_without_extensions_report_each_key() -> None:
    """With extensions=False, every key without a counterpart is reported."""
    body = _load("openai", "docs_models_list.json")
    result = openai_to_anthropic_model_list(body, extensions=False)
    assert "openai" not in result.value.data[0]
    assert "data[0].owned_by" in {loss.path for loss in result.losses}


def test_model_times_that_do_not_survive_are_carried_or_reported() -> None:
    """A fractional created_at is carried exactly; an unreadable one gives created 0 (reported)."""
    model = {
        "type": "model",
        "id": "m",
        "display_name": "M",
        "created_at": "2026-01-01T00:00:00.5Z",
    }
    body = {"data": [model, {**model, "created_at": "yesterday"}], "has_more": False}
    result = anthropic_to_openai_model_list(body)
    first, second = result.value.data
    assert first["created"] == int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp())
    assert result.value.to_dict()["data"][0]["anthropic"]["created_at"] == "2026-01-01T00:00:00.5Z"
    assert second["created"] == 0
    assert [loss.path for loss in result.losses] == ["data[1].created_at"]
    back = openai_to_anthropic_model_list(result.value)
    assert [m["created_at"] for m in back.value.data] == ["2026-01-01T00:00:00.5Z", "yesterday"]


def test_a_carried_lifecycle_is_restored_and_active_is_not_carried() -> None:
    """A lifecycle carried in data[].anthropic comes back as it was (no default, no loss);
    `active`, what the way back defaults to, is not carried when nothing else is."""
    model = {"type": "model", "id": "m", "display_name": "M", "created_at": "2026-01-01T00:00:00Z"}
    body = {
        "data": [
            {**model, "lifecycle": "deprecated"},
            {**model, "lifecycle": "active"},
            {**model, "display_name": "m", "lifecycle": "active"},
        ],
        "has_more": False,
    }
    there = anthropic_to_openai_model_list(body)
    assert [m.get("anthropic") for m in there.value.data] == [
        {"display_name": "M", "lifecycle": "deprecated"},
        {"display_name": "M", "lifecycle": "active"},
        None,
    ]
    back = openai_to_anthropic_model_list(there.value)
    assert [m["lifecycle"] for m in back.value.data] == ["deprecated", "active", "active"]
    assert back.value.to_dict()["data"] == body["data"]
    assert [loss.path for loss in back.losses] == ["data[2].display_name", "data[2].lifecycle"]


def test_an_empty_openai_list_is_an_empty_page() -> None:
    """No models: no first/last id, has_more false."""
    out = openai_to_anthropic_model_list(b'{"object":"list","data":[]}').value.to_dict()
    assert out == {"data": [], "has_more": False, "first_id": None, "last_id": None}


def test_unrepresentable_created_is_the_epoch() -> None:
    """A created far outside the calendar is reported, not an OverflowError."""
    body = {
        "object": "list",
        "data": [{"id": "m", "object": "model", "created": 10**15, "owned_by": "o"}],
    }
    result = openai_to_anthropic_model_list(body)
    assert result.value.data[0]["created_at"] == "1970-01-01T00:00:00Z"
    assert "data[0].created" in {loss.path for loss in result.losses}


def test_invalid_model_lists_are_invalid_input() -> None:
    """A model list that is not one is an argument error (it is the caller's success body)."""
    with pytest.raises(InvalidInputError):
        anthropic_to_openai_model_list({"data": "nope"})
    with pytest.raises(InvalidInputError):
        openai_to_anthropic_model_list(b"<html>")
