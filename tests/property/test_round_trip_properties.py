"""Parse then dump is the identity, for every generated payload.

For every valid payload ``x`` of every envelope: ``Model.model_validate(x).to_dict() == x`` and
``json.loads(Model.model_validate_json(json.dumps(x)).to_json()) == x``; the same for each stream
event through its protocol's ``parse_stream_event``; and the same again for payloads from a "newer
API version" (unknown keys at any depth, unknown block, part, tool, delta and event types).
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruapi_convert.models.anthropic import _stream as ant_stream
from ruapi_convert.models.openai import _stream as oai_stream
from ruapi_convert.testing import with_unknowns

from .cases import BODIES, STREAMS, Body, Stream, parse_event

if TYPE_CHECKING:
    from ruapi_convert.models._base import WireModel

pytestmark = pytest.mark.property


def assert_model_round_trip(model: type[WireModel], payload: dict[str, Any]) -> None:
    """Both wire forms of a parsed payload are the payload, and parsing does not mutate it."""
    before = copy.deepcopy(payload)
    assert model.model_validate(payload).to_dict() == payload
    assert payload == before
    text = json.dumps(payload)
    assert json.loads(model.model_validate_json(text).to_json()) == payload
    assert json.loads(model.model_validate_json(text.encode()).to_json()) == payload
    # the converters' entry point validates into a TypedDict twin: the same wire dict, key order too
    wire = model.parse(payload).wire()
    for arg in (payload, text.encode()):
        twin = model.parse_wire(arg)
        assert twin == wire
        assert list(twin) == list(wire)
    assert payload == before


def assert_event_round_trip(case: Stream, event: dict[str, Any]) -> None:
    """A stream event parses (as a dict and as JSON text) and dumps back to itself."""
    assert parse_event(case.protocol, event).to_dict() == event
    assert json.loads(parse_event(case.protocol, json.dumps(event)).to_json()) == event
    # the stream converters' entry validates known events into TypedDict twins: the same dict
    module = ant_stream if case.protocol == "anthropic" else oai_stream
    wire = parse_event(case.protocol, event).wire()
    fast = module.stream_event_wire(event)
    assert fast == wire
    assert list(fast) == list(wire)


@pytest.mark.parametrize("case", BODIES, ids=str)
@given(data=st.data())
def test_bodies_round_trip(case: Body, data: st.DataObject) -> None:
    """Every generated body dumps back exactly, from a dict and from JSON text."""
    assert_model_round_trip(case.model, data.draw(case.strategy))


@pytest.mark.parametrize("case", BODIES, ids=str)
@given(data=st.data())
def test_bodies_with_unknowns_round_trip(case: Body, data: st.DataObject) -> None:
    """Unknown keys and unknown block/part/tool/role types survive parse then dump unchanged."""
    assert_model_round_trip(
        case.model, data.draw(with_unknowns(case.strategy, protocol=case.protocol))
    )


@pytest.mark.parametrize("case", STREAMS, ids=str)
@given(data=st.data())
def test_streams_round_trip(case: Stream, data: st.DataObject) -> None:
    """The final object and every event of a generated stream dump back exactly."""
    final, events = data.draw(case.strategy)
    assert_model_round_trip(case.final_model, final)
    for event in events:
        assert_event_round_trip(case, event)


@pytest.mark.parametrize("case", STREAMS, ids=str)
@given(data=st.data())
def test_streams_with_unknowns_round_trip(case: Stream, data: st.DataObject) -> None:
    """Unknown keys, deltas, blocks and event types in a stream survive parse then dump."""
    final, events = data.draw(with_unknowns(case.strategy, protocol=case.protocol))
    assert_model_round_trip(case.final_model, final)
    for event in events:
        assert_event_round_trip(case, event)


@pytest.mark.parametrize("case", BODIES, ids=str)
@given(data=st.data())
def test_parse_accepts_every_input_form(case: Body, data: st.DataObject) -> None:
    """``parse`` gives the same model for a dict, JSON ``str``, JSON ``bytes`` and an instance."""
    payload = data.draw(case.strategy)
    parsed = case.model.parse(payload)
    assert parsed.to_dict() == payload
    for form in (json.dumps(payload), json.dumps(payload).encode(), parsed):
        assert case.model.parse(form).to_dict() == payload


def assert_trusted_equals_validated(model: type[WireModel], payload: dict[str, Any]) -> None:
    """``Model.trusted(d)`` (how the converters build results, without validation) is the same
    object ``Model.model_validate(d)`` makes: fields, extras and the set of fields given."""
    validated = model.model_validate(payload)
    trusted = model.trusted(validated.wire())
    assert trusted == validated
    assert trusted.model_fields_set == validated.model_fields_set
    assert trusted.__pydantic_extra__ == validated.__pydantic_extra__
    assert trusted.to_dict() == validated.to_dict() == payload


@pytest.mark.parametrize("case", BODIES, ids=str)
@given(data=st.data())
def test_trusted_equals_validated(case: Body, data: st.DataObject) -> None:
    """The unvalidated constructor builds what validation builds, unknown keys included."""
    assert_trusted_equals_validated(
        case.model, data.draw(with_unknowns(case.strategy, protocol=case.protocol))
    )
