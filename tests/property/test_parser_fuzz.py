"""Parsers fail only with ``InvalidInputError``, and its ``path`` points into the input.

Every parser of the library (``model_validate``, ``model_validate_json`` and ``parse`` of every
envelope class, both ``parse_stream_event`` functions, ``sse.SSEDecoder``) is fed arbitrary JSON
values, arbitrary bytes and broken valid payloads (a key dropped, a leaf replaced by a value of
another type, the JSON text cut short). The only exception allowed to escape is
:class:`~ruapi_convert.errors.InvalidInputError`, and its ``.path`` must be a JSON path into the
input (or ``""`` for the whole input, or input that is not JSON at all). Input that *is* accepted
must dump back to itself: the identity holds for every valid payload, not just for generated ones.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import math
import re
from typing import TYPE_CHECKING, Any

import pydantic_core
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ruapi_convert as rc
from ruapi_convert.errors import InvalidInputError
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.models.anthropic import _stream as ant_stream
from ruapi_convert.models.openai import _stream as oai_stream
from ruapi_convert.sse import ServerSentEvent, SSEDecoder
from ruapi_convert.stream._fastpath import is_plain_text_chunk, is_plain_text_delta
from ruapi_convert.testing import json_values, with_unknowns

from .cases import BODIES, STREAMS

if TYPE_CHECKING:
    from collections.abc import Callable

    from ruapi_convert.models._base import WireModel

pytestmark = pytest.mark.property

ENVELOPES: list[type[WireModel]] = [
    oai.ChatCompletionCreateParams,
    oai.ChatCompletion,
    oai.ChatCompletionChunk,
    oai.ErrorResponse,
    oai.ModelList,
    ant.MessageCreateParams,
    ant.Message,
    ant.ErrorResponse,
    ant.ModelList,
    ant.RawMessageStartEvent,
    ant.RawContentBlockStartEvent,
    ant.RawContentBlockDeltaEvent,
    ant.RawContentBlockStopEvent,
    ant.RawMessageDeltaEvent,
    ant.RawMessageStopEvent,
    ant.PingEvent,
    ant.ErrorEvent,
    ant.UnknownEvent,
]

#: Every entry point that takes a parsed JSON value.
VALUE_PARSERS: dict[str, Callable[[Any], Any]] = {
    **{f"{m.__name__}.model_validate": m.model_validate for m in ENVELOPES},
    **{f"{m.__name__}.parse": m.parse for m in ENVELOPES},
    "openai.parse_stream_event": oai.parse_stream_event,
    "anthropic.parse_stream_event": ant.parse_stream_event,
}

#: Every entry point that takes JSON text.
TEXT_PARSERS: dict[str, Callable[[Any], Any]] = {
    **{f"{m.__name__}.model_validate_json": m.model_validate_json for m in ENVELOPES},
    **{f"{m.__name__}.parse": m.parse for m in ENVELOPES},
    "openai.parse_stream_event": oai.parse_stream_event,
    "anthropic.parse_stream_event": ant.parse_stream_event,
}


# -- the property --------------------------------------------------------------------------------


def points_into(path: str, value: Any) -> bool:
    """Whether ``path`` (``messages[3].content[0].source``) names a place in ``value``.

    Keys are not escaped in paths, so every way of reading the path against the value is tried.
    The last step may name a key that is missing from its object (a missing required field).
    """
    return path == "" or _matches(value, path, first=True)


_INDEX = re.compile(r"\[(\d+)\]")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _matches(node: Any, rest: str, *, first: bool) -> bool:
    if rest == "":
        return True
    if isinstance(node, list):
        m = _INDEX.match(rest)
        return (
            m is not None
            and int(m[1]) < len(node)
            and _matches(node[int(m[1])], rest[m.end() :], first=False)
        )
    if not isinstance(node, dict):
        return False
    sep = "" if first else "."
    for key, child in node.items():
        step = sep + key
        if rest.startswith(step) and _matches(child, rest[len(step) :], first=False):
            return True
    missing = rest[len(sep) :]
    return (
        rest.startswith(sep) and missing not in node and _FIELD_NAME.fullmatch(missing) is not None
    )


def _decoded(text: str | bytes) -> tuple[bool, Any]:
    """The JSON value of ``text`` as the library decodes it, if it is JSON at all."""
    try:
        return True, pydantic_core.from_json(text, allow_inf_nan=False)
    except ValueError:
        return False, None


def check_parser(name: str, parse: Callable[[Any], Any], arg: Any) -> None:
    """Run one parser: success (then the identity holds) or an InvalidInputError with a good path."""
    is_text = isinstance(arg, (str, bytes, bytearray, memoryview))
    if is_text:
        ok, value = _decoded(bytes(arg) if isinstance(arg, (bytearray, memoryview)) else arg)
    else:
        ok, value = True, arg
    error: InvalidInputError | None = None
    try:
        result = parse(arg)
    except InvalidInputError as exc:
        error = exc
    if error is not None:
        where = value if ok else None
        assert points_into(error.path, where), f"{name}: path {error.path!r} is not in the input"
        return
    assert ok, f"{name} accepted input that is not JSON"
    assert json.loads(result.to_json()) == value, f"{name}: accepted input does not dump back"
    if not is_text:
        assert result.to_dict() == value, f"{name}: accepted input does not dump back"


def check_parse_wire_agrees(model: type[WireModel], arg: Any) -> None:
    """``parse_wire`` (the converters' entry, validating into a TypedDict twin) accepts exactly
    what ``parse`` accepts, returns its ``wire()`` (keys in the same order), and otherwise raises
    the same error at the same path."""
    assert_same_outcome(
        f"{model.__name__}.parse_wire",
        _outcome(model.parse_wire, arg),
        _outcome(_then_wire(model.parse), arg),
    )


def check_stream_event_wire_agrees(value: Any) -> None:
    """The stream converters' entry (``stream_event_wire``, for parsed JSON) agrees with
    ``parse_stream_event(value).wire()`` of each protocol: same dict and key order, or same error.
    (A string is not compared: ``parse_stream_event`` reads it as JSON text, while for
    ``stream_event_wire`` it is a parsed value, and not an object.)"""
    if isinstance(value, str):
        return
    for name, fast, parse in (
        ("openai", oai_stream.stream_event_wire, oai_stream.parse_stream_event),
        ("anthropic", ant_stream.stream_event_wire, ant_stream.parse_stream_event),
    ):
        assert_same_outcome(
            f"{name} stream_event_wire",
            _outcome(fast, value),
            _outcome(_then_wire(parse), value),
        )


def _then_wire(parse: Callable[[Any], Any]) -> Callable[[Any], dict[str, Any]]:
    """``parse`` followed by ``.wire()`` of the model it returns."""
    return lambda value: parse(value).wire()


def _outcome(parse: Callable[[Any], Any], arg: Any) -> Any:
    """What a parser gives: its result, or the path and message of its InvalidInputError."""
    try:
        return parse(arg)
    except InvalidInputError as exc:
        return (exc.path, exc.message)


def assert_same_outcome(name: str, got: Any, expected: Any) -> None:
    assert got == expected, f"{name} disagrees with the model"
    if isinstance(got, dict):
        assert list(got) == list(expected), f"{name} orders keys differently"


def check_fast_paths(value: Any) -> None:
    """The stream converters skip validating the commonest events (``is_plain_text_delta``,
    ``is_plain_text_chunk``): whatever those accept, the model must accept, unchanged."""
    if is_plain_text_delta(value):
        assert ant.parse_stream_event(value).to_dict() == value
    if is_plain_text_chunk(value):
        assert oai.parse_stream_event(value).to_dict() == value


def check_every_parser(value: Any) -> None:
    """Feed a JSON value to every value parser and its JSON text to every text parser."""
    for name, parse in VALUE_PARSERS.items():
        check_parser(name, parse, value)
    text = json.dumps(value)
    for name, parse in TEXT_PARSERS.items():
        check_parser(name, parse, text)
        check_parser(name, parse, text.encode())
    for model in ENVELOPES:
        check_parse_wire_agrees(model, value)
        check_parse_wire_agrees(model, text.encode())
    check_stream_event_wire_agrees(value)
    check_fast_paths(value)


# -- inputs --------------------------------------------------------------------------------------

# Objects that look like protocol payloads more often than arbitrary dicts do.
_TYPES = st.sampled_from(
    [
        "message",
        "message_start",
        "content_block_start",
        "content_block_delta",
        "message_delta",
        "ping",
        "error",
        "text",
        "tool_use",
        "text_delta",
        "function",
        "chat.completion",
    ]
)
_SHAPED = st.fixed_dictionaries(
    {"type": _TYPES},
    optional={
        "index": st.integers(-2, 3),
        "error": json_values(max_leaves=3),
        "delta": json_values(max_leaves=4),
        "message": json_values(max_leaves=4),
        "content_block": json_values(max_leaves=4),
        "choices": st.lists(json_values(max_leaves=3), max_size=2),
    },
)


_SOURCES: list[st.SearchStrategy[Any]] = [
    *(c.strategy for c in BODIES),
    *(c.strategy for c in STREAMS),
    *(with_unknowns(c.strategy, protocol=c.protocol) for c in BODIES),
    *(with_unknowns(c.strategy, protocol=c.protocol) for c in STREAMS),
]


@st.composite
def broken_payloads(draw: st.DrawFn) -> Any:
    """A valid generated payload or stream event (sometimes from a "newer API version") with one
    thing broken."""
    payload: Any = draw(st.one_of(_SOURCES))
    if isinstance(payload, tuple):
        final, events = payload
        payload = draw(st.sampled_from([final, *events]))
    how = draw(st.sampled_from(["drop", "retype", "truncate"]))
    if how == "truncate":
        text = json.dumps(payload, ensure_ascii=draw(st.booleans())).encode()
        return text[: draw(st.integers(0, len(text) - 1))]
    places = list(_places(payload))
    if not places:
        return payload
    holder, key = draw(st.sampled_from(places))
    if how == "drop":
        del holder[key]
    else:
        old = holder[key]
        holder[key] = draw(json_values(max_leaves=3).filter(lambda v: _kind(v) != _kind(old)))
    return payload


def _places(node: Any) -> Any:
    """Every (container, key or index) pair of a JSON value."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield node, key
            yield from _places(child)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield node, index
            yield from _places(child)


def _other_kind(old: Any) -> Callable[[Any], bool]:
    return lambda value: _kind(value) != _kind(old)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


# -- tests ---------------------------------------------------------------------------------------


@given(json_values())
def test_arbitrary_json_values(value: Any) -> None:
    """Arbitrary JSON values fail with InvalidInputError at a path into them, or round-trip."""
    check_every_parser(value)


@given(_SHAPED)
def test_objects_shaped_like_events(value: dict[str, Any]) -> None:
    """Objects with protocol ``type`` tags and junk around them fail cleanly or round-trip."""
    check_every_parser(value)


@given(broken_payloads())
def test_broken_payloads(value: Any) -> None:
    """Valid payloads with a key dropped, a leaf retyped or the JSON cut short fail cleanly."""
    if isinstance(value, bytes):
        for name, parse in TEXT_PARSERS.items():
            check_parser(name, parse, value)
        for model in ENVELOPES:
            check_parse_wire_agrees(model, value)
    else:
        check_every_parser(value)


@given(st.binary(max_size=200))
def test_arbitrary_bytes(raw: bytes) -> None:
    """Arbitrary bytes (usually not UTF-8, rarely JSON) fail cleanly in every text parser."""
    for name, parse in TEXT_PARSERS.items():
        check_parser(name, parse, raw)
        check_parser(name, parse, memoryview(raw))


# SSE input: mostly the bytes a stream is made of, sometimes anything.
_SSE_PIECES = st.one_of(
    st.sampled_from(
        [
            b"data: ",
            b"data:",
            b"event: ",
            b"id: ",
            b"id: a\x00b",
            b"retry: 1500",
            b"retry: x",
            b": comment",
            b"\n",
            b"\r",
            b"\r\n",
            b"\n\n",
            b"\xef\xbb\xbf",
            b"[DONE]",
            b'{"type":"ping"}',
            "é😀".encode(),
            b"\xff",
            b"\xc3",
        ]
    ),
    st.binary(max_size=8),
)


@given(
    st.lists(_SSE_PIECES, max_size=30).map(b"".join),
    st.lists(st.integers(0, 400), max_size=6),
    st.sampled_from([8, 64, 1 << 20]),
)
def test_sse_decoder_fails_only_with_invalid_input(raw: bytes, cuts: list[int], limit: int) -> None:
    """Any bytes, cut into any chunks, give events or an InvalidInputError with an empty path."""
    bounds = sorted({0, len(raw), *(c for c in cuts if c < len(raw))})
    decoder = SSEDecoder(max_event_size=limit)
    error: InvalidInputError | None = None
    try:
        for start, end in itertools.pairwise(bounds):
            decoder.feed(raw[start:end])
        decoder.close()
    except InvalidInputError as exc:
        error = exc
    assert error is None or error.path == ""


# -- Python values that JSON text cannot carry ---------------------------------------------------
# ``model_validate`` takes a dict, and the dict may come from a decoder other than ours: the
# standard library's ``json.loads`` turns ``NaN``, ``Infinity`` and ``"\\ud800"`` into Python values
# that JSON cannot carry, and any decoder will hand over nesting deeper than ours accepts from
# text. Such input must be refused with InvalidInputError, or dumped back to JSON; today it is
# accepted and then ``to_dict``/``to_json`` fail (or write invalid JSON).

_NOT_JSON = st.sampled_from([math.nan, math.inf, -math.inf, "\ud800", "a\udfffb"])


@st.composite
def _bodies_holding(
    draw: st.DrawFn, values: st.SearchStrategy[Any]
) -> tuple[type[WireModel], dict[str, Any]]:
    """A generated body of any envelope with one more (unknown) key holding one of ``values``."""
    case = draw(st.sampled_from(BODIES))
    payload = draw(case.strategy)
    payload["x_extra"] = draw(values)
    return case.model, payload


def _nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def check_refused_or_dumped(model: type[WireModel], payload: dict[str, Any]) -> None:
    """An InvalidInputError (when parsing, or when writing a value JSON cannot carry), or the model
    dumps to a dict and to JSON our decoder reads: never invalid JSON, never a foreign exception."""
    check_parse_wire_agrees(model, payload)
    try:
        parsed = model.model_validate(payload)
    except InvalidInputError:
        return
    with contextlib.suppress(InvalidInputError):
        parsed.to_dict()
    try:
        data = parsed.to_json()
    except InvalidInputError:
        return
    pydantic_core.from_json(data, allow_inf_nan=False)


@given(_bodies_holding(_NOT_JSON))
def test_values_json_cannot_carry_are_refused_or_dumped(case: tuple[type[WireModel], Any]) -> None:
    """NaN, infinities and lone surrogates in a dict are refused, or dumped as valid JSON."""
    check_refused_or_dumped(*case)


@given(_bodies_holding(st.integers(260, 400).map(_nested)))
def test_deep_nesting_is_refused_or_dumped(case: tuple[type[WireModel], Any]) -> None:
    """A dict nested deeper than the serializer goes is refused, or dumped."""
    check_refused_or_dumped(*case)


# -- numbers: huge and negative -------------------------------------------------------------------
# A caller's dict can hold any Python int: 10**5000 is written by the serialiser but not read back
# by any JSON parser (ours reads 4300 digits), and a negative count is valid JSON the vendors
# refuse. Refused with a path into the input, or kept exactly; and the converters let nothing but
# ConversionError out.

#: Numbers JSON text can hold: counts below zero, the longest integer our parser reads, ...
_HOSTILE_NUMBERS = st.one_of(
    st.sampled_from([-1, -0.5, -(2**63), 2**64, 10**4000, -(10**4300 - 1), 1e308, -1e-300]),
    st.integers(max_value=-1),
)
#: ... and integers no JSON parser reads back (only a caller's dict can hold them).
_TOO_LONG_INTS = st.sampled_from([10**4300, -(10**4300), 10**5000])

#: The public function that converts each body.
_CONVERTERS: dict[type[WireModel], Callable[[Any], Any]] = {
    oai.ChatCompletionCreateParams: rc.openai_to_anthropic_request,
    oai.ChatCompletion: rc.openai_to_anthropic_response,
    oai.ModelList: rc.openai_to_anthropic_model_list,
    oai.ErrorResponse: lambda body: rc.openai_to_anthropic_error(400, body),
    ant.MessageCreateParams: rc.anthropic_to_openai_request,
    ant.Message: rc.anthropic_to_openai_response,
    ant.ModelList: rc.anthropic_to_openai_model_list,
    ant.ErrorResponse: lambda body: rc.anthropic_to_openai_error(400, body),
}


@st.composite
def _bodies_with_a_number(
    draw: st.DrawFn, numbers: st.SearchStrategy[Any]
) -> tuple[type[WireModel], dict[str, Any]]:
    """A generated body with one of its numbers (or, when it has none, one more key) replaced."""
    case = draw(st.sampled_from(BODIES))
    payload = draw(case.strategy)
    places = [(h, k) for h, k in _places(payload) if _kind(h[k]) == "number"]
    holder, key = draw(st.sampled_from(places)) if places else (payload, "x_extra")
    holder[key] = draw(numbers)
    return case.model, payload


def check_converter_contract(model: type[WireModel], payload: dict[str, Any]) -> None:
    """The body's converter returns or raises a ConversionError naming a place in the input."""
    outcome = _converted(model, payload)
    if isinstance(outcome, rc.ConversionError):
        assert points_into(outcome.path, payload), f"path {outcome.path!r} is not in the input"


def _converted(model: type[WireModel], payload: dict[str, Any]) -> Any:
    """The converter's result, or the ConversionError it raised (anything else escapes)."""
    try:
        return _CONVERTERS[model](payload)
    except rc.ConversionError as exc:
        return exc


@given(_bodies_with_a_number(_HOSTILE_NUMBERS))
def test_huge_and_negative_numbers_fail_cleanly_or_round_trip(
    case: tuple[type[WireModel], dict[str, Any]],
) -> None:
    """A number of a generated body replaced by a negative or huge one: every parser refuses it at
    a path into the input or keeps it exactly, and the converter raises only ConversionError."""
    model, payload = case
    check_every_parser(payload)
    check_converter_contract(model, payload)


@given(st.one_of(_bodies_with_a_number(_TOO_LONG_INTS), _bodies_holding(_TOO_LONG_INTS)))
def test_integers_no_parser_reads_back_are_refused(
    case: tuple[type[WireModel], dict[str, Any]],
) -> None:
    """An integer of more than 4300 digits in a caller's dict is refused where it stands, by
    every value parser and by the converter, never written as JSON that cannot be read back."""
    model, payload = case
    for name, parse in VALUE_PARSERS.items():
        check_parser(name, parse, payload)
    check_parse_wire_agrees(model, payload)
    with pytest.raises(InvalidInputError) as info:
        model.model_validate(payload)
    assert points_into(info.value.path, payload)
    with pytest.raises(InvalidInputError) as info:
        _CONVERTERS[model](payload)
    assert points_into(info.value.path, payload)


# -- strings a caller passes: line breaks, NUL, lone surrogates ------------------------------------
# Per-call values (id, model) are written into bodies, and bodies into SSE frames: a CR or LF must
# never leave the JSON string it is in. Refused with the argument's name, or carried escaped.

#: Text with the characters that matter to framing and encoding far more often than st.text().
CALLER_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["\r", "\n", "\r\n", "\x00", "\ud800", "event: evil", "data: x", ": "]),
        st.text(max_size=5),
    ),
    max_size=5,
).map("".join)

#: The event names an Anthropic stream has (any other name in our output would be injected).
_EVENT_NAMES = frozenset(
    {
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
        "ping",
        "error",
    }
)


def check_framing(raw: bytes) -> None:
    """SSE bytes of ours: every line a known event name, a comment, a JSON data line or blank."""
    assert b"\r" not in raw
    for line in raw.decode().split("\n"):
        if line.startswith("data: "):
            data = line[6:]
            assert data == "[DONE]" or _decoded(data)[0], line
        elif line.startswith("event: "):
            assert line[7:] in _EVENT_NAMES, line
        else:
            assert line in ("", ": ping"), line


def _refused_naming(name: str, call: Callable[[], Any], body: Any = None) -> Any:
    """``call()``, or None when it raised a ConversionError naming ``name`` or a place in ``body``
    (a body the conversion refuses on its own); anything else fails."""
    error: rc.ConversionError | None = None
    try:
        return call()
    except rc.ConversionError as exc:
        error = exc
    assert error.path == name or (body is not None and points_into(error.path, body)), error.path
    return None


@given(st.data(), CALLER_TEXT, st.integers(0, 2**40))
def test_a_per_call_id_never_breaks_the_sse_framing(
    data: st.DataObject, id: str, created: int
) -> None:
    """A stream converter given any id (line breaks, NUL, lone surrogates): refused naming id, or
    every byte it frames is a known event, a comment or a JSON data line."""
    case = data.draw(st.sampled_from(STREAMS))
    _, events = data.draw(case.strategy)
    converter: Any
    if case.protocol == "anthropic":
        converter = _refused_naming(
            "id", lambda: rc.AnthropicToOpenAIStream(id=id, created=created, keepalive=True)
        )
    else:
        converter = _refused_naming("id", lambda: rc.OpenAIToAnthropicStream(id=id))
    if converter is None:
        return
    transcoder = rc.sse.SSETranscoder(converter)
    raw = b"".join(
        transcoder.feed(
            rc.sse.encode(
                ServerSentEvent(
                    event=e["type"] if case.protocol == "anthropic" else "message",
                    data=json.dumps(e),
                )
            )
        )
        for e in events
    )
    raw += transcoder.close()
    check_framing(raw)


@given(st.data(), CALLER_TEXT)
def test_per_call_strings_are_refused_by_name_or_stay_inside_json(
    data: st.DataObject, text: str
) -> None:
    """model (requests) and id (replies) of any text: refused naming the argument, or written
    into the body's JSON, whose text holds no raw line break and reads back to the same value."""
    case = data.draw(st.sampled_from([c for c in BODIES if c.model in _PER_CALL]))
    payload = data.draw(case.strategy)
    name, convert = _PER_CALL[case.model]
    result = _refused_naming(name, lambda: convert(payload, text), payload)
    if result is None:
        return
    written = result.value.to_json()
    assert b"\r" not in written
    assert b"\n" not in written
    if text:  # (an empty id means "not given")
        assert json.loads(written)[name] == text


#: Body model -> (the per-call string argument its converter takes, a call with it).
_PER_CALL: dict[type[WireModel], tuple[str, Callable[[Any, str], Any]]] = {
    oai.ChatCompletionCreateParams: (
        "model",
        lambda body, text: rc.openai_to_anthropic_request(body, model=text),
    ),
    ant.MessageCreateParams: (
        "model",
        lambda body, text: rc.anthropic_to_openai_request(body, model=text),
    ),
    oai.ChatCompletion: ("id", lambda body, text: rc.openai_to_anthropic_response(body, id=text)),
    ant.Message: ("id", lambda body, text: rc.anthropic_to_openai_response(body, id=text)),
}


def test_points_into_reads_paths_as_the_library_writes_them() -> None:
    """The path checker accepts paths into the value (and a missing last key) and nothing else."""
    value = {"messages": [{"content": [{"a.b": 1}]}], "x": None}
    assert points_into("", value)
    assert points_into("messages[0].content[0]", value)
    assert points_into("messages[0].content[0].a.b", value)
    assert points_into("messages[0].role", value)  # a missing required key
    assert points_into("x", value)
    assert not points_into("messages[1]", value)
    assert not points_into("messages.0", value)
    assert not points_into("nope.deeper", value)
    assert not points_into("x.y", value)


@given(st.data())
def test_fast_paths_accept_only_valid_events(data: st.DataObject) -> None:
    """Every event of generated streams (plain and with unknown keys) and every broken one: what
    a converter's fast path accepts, the model accepts unchanged."""
    case = data.draw(st.sampled_from(STREAMS))
    strategy = data.draw(
        st.sampled_from([case.strategy, with_unknowns(case.strategy, protocol=case.protocol)])
    )
    _, events = data.draw(strategy)
    for event in events:
        check_fast_paths(event)


@given(st.data())
def test_fast_paths_refuse_retyped_events(data: st.DataObject) -> None:
    """A text event the fast paths take, with any one value replaced by a value of another type
    (every place in turn): the fast paths never take what the model refuses."""
    case = data.draw(st.sampled_from(STREAMS))
    _, events = data.draw(case.strategy)
    plain = [e for e in events if is_plain_text_delta(e) or is_plain_text_chunk(e)]
    for event in plain[:3]:
        for n in range(len(list(_places(event)))):
            broken = copy.deepcopy(event)
            holder, key = list(_places(broken))[n]
            old = holder[key]
            holder[key] = data.draw(json_values(max_leaves=2).filter(_other_kind(old)))
            check_fast_paths(broken)


def test_fast_paths_take_real_text_events() -> None:
    """The fast paths are not dead code: they take text events as the vendors send them (shapes
    from fixtures/payloads and the shared corpus' recorded streams)."""
    assert is_plain_text_delta(
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hi"}}
    )
    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-5",
        "service_tier": "default",
        "system_fingerprint": None,
        "choices": [
            {"index": 0, "delta": {"content": "Hi"}, "logprobs": None, "finish_reason": None}
        ],
        "usage": None,
        "obfuscation": "abc",
    }
    assert is_plain_text_chunk(chunk)
    assert not is_plain_text_chunk({**chunk, "created": True})  # strict: a bool is not an int
    assert not is_plain_text_chunk({**chunk, "choices": [{"index": 0, "delta": {"content": 1}}]})
