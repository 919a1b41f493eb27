"""Every recorded payload (repository fixtures and the shared corpus) round-trips exactly."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai

from .corpus import (
    CORPUS_MISSING,
    REFUSED_REQUESTS,
    corpus_dir,
    payload_files,
    response_model,
    stream_events,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ruapi_convert.models._base import WireModel

REQUESTS = [("openai", p) for p in payload_files("openai", "requests")] + [
    ("anthropic", p) for p in payload_files("anthropic", "requests")
]
RESPONSES = [("openai", p) for p in payload_files("openai", "responses")] + [
    ("anthropic", p) for p in payload_files("anthropic", "responses")
]
STREAMS = [("openai", p) for p in payload_files("openai", "streams")] + [
    ("anthropic", p) for p in payload_files("anthropic", "streams")
]


def _id(case: tuple[str, Path]) -> str:
    protocol, path = case
    origin = "corpus" if corpus_dir() is not None and corpus_dir() in path.parents else "fixture"
    return f"{origin}:{protocol}/{path.name}"


def assert_round_trip(model: type[WireModel], data: Any) -> None:
    parsed = model.model_validate(data)
    assert parsed.to_dict() == data
    assert json.loads(parsed.to_json()) == data
    assert model.model_validate_json(json.dumps(data)).to_dict() == data


def test_corpus_is_found() -> None:
    """The shared corpus is on this machine (CI has it); if not, this test says where it looked."""
    if corpus_dir() is None:
        pytest.skip(CORPUS_MISSING)
    assert len(REQUESTS) + len(RESPONSES) + len(STREAMS) >= 121


def test_there_are_enough_fixtures() -> None:
    """The repository's own fixtures hold at least 60 payloads of all three kinds."""
    from .corpus import fixture_files

    counts = {
        (p, k): len(fixture_files(p, k))
        for p in ("openai", "anthropic")
        for k in ("requests", "responses", "streams")
    }
    assert sum(counts.values()) >= 60, counts
    assert all(counts.values()), counts


@pytest.mark.parametrize("case", REQUESTS, ids=_id)
def test_request_round_trips(case: tuple[str, Path]) -> None:
    """A recorded request body parses and dumps back to exactly the same JSON value (one recorded
    to get a 400 is refused instead, at the path of its first problem)."""
    protocol, path = case
    model = oai.ChatCompletionCreateParams if protocol == "openai" else ant.MessageCreateParams
    body = json.loads(path.read_bytes())
    if path.name in REFUSED_REQUESTS:
        with pytest.raises(InvalidInputError) as info:
            model.model_validate(body)
        assert info.value.path == REFUSED_REQUESTS[path.name]
        return
    assert_round_trip(model, body)


@pytest.mark.parametrize("case", RESPONSES, ids=_id)
def test_response_round_trips(case: tuple[str, Path]) -> None:
    """A recorded response, error or model-list body parses and dumps back exactly."""
    protocol, path = case
    data = json.loads(path.read_bytes())
    assert_round_trip(response_model(protocol, data), data)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", STREAMS, ids=_id)
def test_stream_events_round_trip(case: tuple[str, Path]) -> None:
    """Every event of a recorded stream parses into a known event class and dumps back exactly."""
    protocol, path = case
    events = stream_events(path)
    assert events
    for data in events:
        event = (oai if protocol == "openai" else ant).parse_stream_event(data)
        assert type(event).__name__ not in ("UnknownEvent",), data
        assert event.to_dict() == data
        assert json.loads(event.to_json()) == data
