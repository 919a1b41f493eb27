"""``WireModel.trusted`` keeps the dict it was built from and writes it out as it is: the result
must be exactly what the model's fields say, whatever happens to the instance afterwards (copies,
pickles, ``model_copy(update=...)``, nested values changed in place) and however many events a
stream converter emits from state it keeps changing."""

from __future__ import annotations

import copy
import json
import pickle
from typing import TYPE_CHECKING, Any

import pytest

import ruapi_convert as rc
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.sse import SSEDecoder

from ..corpus import payload_files

if TYPE_CHECKING:
    from pathlib import Path

    from ruapi_convert.models._base import WireModel

Json = dict[str, Any]


def _walked(model: WireModel) -> bytes:
    """The model's JSON from its fields: a copy keeps no dict of its own (the slow path)."""
    fresh = copy.copy(model)
    # validation may order nested keys differently (declaration order): the same JSON object
    assert json.loads(fresh.to_json()) == type(model).model_validate(model.to_dict()).to_dict()
    return fresh.to_json()


REQUEST: Json = {
    # out of declaration order (messages is declared after model and max_tokens), with an extra
    "messages": [{"role": "user", "content": "Hi"}],
    "x_future": {"a": 1},
    "model": "claude",
    "max_tokens": 5,
}


def test_keys_are_written_in_declaration_order_then_the_extras() -> None:
    model = ant.MessageCreateParams.trusted(dict(REQUEST))
    assert list(json.loads(model.to_json())) == ["model", "max_tokens", "messages", "x_future"]
    assert list(model.wire()) == ["model", "max_tokens", "messages", "x_future"]
    assert model.to_json() == _walked(model)
    assert model.model_fields_set == set(REQUEST)
    assert model.__pydantic_extra__ == {"x_future": {"a": 1}}


def test_wire_is_a_new_dict_each_time() -> None:
    """Handing out the kept dict itself would let a caller change the model's wire form."""
    data = {"model": "claude", "max_tokens": 5, "messages": []}
    model = ant.MessageCreateParams.trusted(data)
    wire = model.wire()
    assert wire == data
    assert wire is not data
    wire["model"] = "changed"
    assert model.to_json() == b'{"model":"claude","max_tokens":5,"messages":[]}'
    assert model.wire() is not model.wire()


def test_copies_pickles_and_equality_ignore_the_kept_dict() -> None:
    model = ant.MessageCreateParams.trusted(dict(REQUEST))
    validated = ant.MessageCreateParams.model_validate(REQUEST)
    assert model == validated
    assert validated == model
    for other in (
        copy.copy(model),
        copy.deepcopy(model),
        pickle.loads(pickle.dumps(model)),
        model.model_copy(),
        model.model_copy(deep=True),
    ):
        assert other == model
        assert other.to_json() == model.to_json()
        assert other.model_fields_set == model.model_fields_set


def test_model_copy_with_an_update_writes_the_update() -> None:
    model = ant.MessageCreateParams.trusted(dict(REQUEST))
    changed = model.model_copy(update={"max_tokens": 9, "temperature": 0.5})
    out = json.loads(changed.to_json())
    assert out["max_tokens"] == 9
    assert out["temperature"] == 0.5
    assert json.loads(model.to_json())["max_tokens"] == 5  # the original is unchanged


def test_nested_values_changed_in_place_are_written() -> None:
    """Nested values are shared with the model (as ``wire()`` documents), before and after."""
    model = ant.MessageCreateParams.trusted(dict(REQUEST))
    model.messages.append({"role": "assistant", "content": "Hello"})
    assert json.loads(model.to_json())["messages"][1] == {"role": "assistant", "content": "Hello"}
    assert model.to_json() == _walked(model)


def test_the_model_is_frozen() -> None:
    model = ant.MessageCreateParams.trusted(dict(REQUEST))
    with pytest.raises(Exception, match="frozen"):
        model.max_tokens = 1


def test_nested_envelopes_are_written_from_their_own_models() -> None:
    event = {
        "type": "message_start",
        "message": {
            "usage": {"input_tokens": 1, "output_tokens": 0},
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "claude",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
        },
    }
    model = ant.RawMessageStartEvent.trusted(copy.deepcopy(event))
    assert isinstance(model.message, ant.Message)
    # the nested message too is written in declaration order, usage last
    assert list(json.loads(model.to_json())["message"])[-1] == "usage"
    assert model.to_json() == _walked(model)
    assert model == ant.RawMessageStartEvent.model_validate(event)


def test_a_validated_model_writes_the_same_bytes() -> None:
    chunk = {
        "object": "chat.completion.chunk",
        "id": "c",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "x"}, "finish_reason": None}],
    }
    trusted = oai.ChatCompletionChunk.trusted(dict(chunk))
    validated = oai.ChatCompletionChunk.model_validate(chunk)
    assert trusted.to_json() == validated.to_json()
    assert trusted.to_dict() == validated.to_dict()


# -- what the stream converters emit -------------------------------------------------------------


def _converter(path: Path) -> Any:
    if "anthropic" in str(path.parent.parent):
        return rc.AnthropicToOpenAIStream(include_usage=True, created=1)
    return rc.OpenAIToAnthropicStream()


@pytest.mark.parametrize(
    "path",
    payload_files("anthropic", "streams") + payload_files("openai", "streams"),
    ids=lambda p: f"{p.parent.parent.name}/{p.name}",
)
def test_emitted_events_still_write_what_they_held_when_emitted(path: Path) -> None:
    """A converter hands each event's dict over for good: by the end of the stream, every model
    it returned still writes the bytes it wrote when it was returned, and what its fields say."""
    decoder = SSEDecoder()
    converter = _converter(path)
    emitted: list[tuple[Any, bytes]] = []
    try:
        for event in decoder.feed(path.read_bytes()) + decoder.close():
            emitted += [(m, m.to_json()) for m in converter.feed(event) if hasattr(m, "to_json")]
        emitted += [(m, m.to_json()) for m in converter.close() if hasattr(m, "to_json")]
    except rc.ConversionError:
        pass  # a stream that ends in an error: what was emitted before it still counts
    assert emitted
    for model, at_the_time in emitted:
        assert model.to_json() == at_the_time == _walked(model)


def test_emitted_responses_events_still_write_what_they_held_when_emitted() -> None:
    """The same for the Chat Completions -> Responses converter, whose events share the
    response snapshot it keeps building."""
    emitted: list[tuple[Any, bytes]] = []
    for path in payload_files("openai", "streams")[:8]:
        decoder = SSEDecoder()
        converter = rc.OpenAIToResponsesStream(request={"model": "m"})
        try:
            for event in decoder.feed(path.read_bytes()) + decoder.close():
                emitted += [
                    (m, m.to_json()) for m in converter.feed(event) if hasattr(m, "to_json")
                ]
            emitted += [(m, m.to_json()) for m in converter.close() if hasattr(m, "to_json")]
        except rc.ConversionError:
            pass
    assert emitted
    for model, at_the_time in emitted:
        assert model.to_json() == at_the_time == _walked(model)
