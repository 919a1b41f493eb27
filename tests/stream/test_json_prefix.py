"""The incremental JSON-object-prefix scanner against jiter's partial mode (what the Anthropic
SDK runs on every input_json_delta buffer): it must never forward what the SDK rejects, must
accept every prefix of a real object, and must say "complete" exactly when the object is."""

from __future__ import annotations

import json
from typing import Any

import pydantic_core
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruapi_convert.stream._json_prefix import MAX_DEPTH, JsonObjectPrefix

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_objects = st.dictionaries(st.text(max_size=8), _json_values, max_size=5)


def _serialise(obj: Any, ascii_only: bool, spaced: bool) -> str:
    seps = (", ", ": ") if spaced else (",", ":")
    return json.dumps(obj, ensure_ascii=ascii_only, separators=seps, indent=2 if spaced else None)


def _jiter_accepts(text: str) -> bool:
    """What the Anthropic SDK's accumulator tolerates for an object buffer."""
    try:
        return isinstance(pydantic_core.from_json(text, allow_partial=True), dict)
    except ValueError:
        return False


def _complete(text: str) -> bool:
    try:
        return isinstance(pydantic_core.from_json(text), dict)
    except ValueError:
        return False


def _scan(pieces: list[str]) -> JsonObjectPrefix:
    scan = JsonObjectPrefix()
    for piece in pieces:
        scan.feed(piece)
    return scan


@given(_objects, st.booleans(), st.booleans(), st.data())
def test_every_prefix_of_an_object_is_accepted_and_only_the_whole_is_complete(
    obj: Any, ascii_only: bool, spaced: bool, data: st.DataObject
) -> None:
    text = _serialise(obj, ascii_only, spaced)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    scan = JsonObjectPrefix()
    start = 0
    for cut in [*cuts, len(text)]:
        assert scan.feed(text[start:cut]), text[:cut]
        start = cut
        assert scan.complete == (cut == len(text)), text[:cut]
    assert scan.feed("  \n")
    assert scan.complete


_alphabet = st.sampled_from(
    [*'{}[]",:\\ -+.0123456789eEtrufalsn\tabuD8c\x01\n', "\\u", "\\ud800", "\\udc00"]
)


@given(_objects, st.lists(st.tuples(st.integers(0, 400), _alphabet), min_size=1, max_size=3))
def test_what_the_scanner_forwards_the_sdk_parses(obj: Any, edits: list[tuple[int, str]]) -> None:
    text = _serialise(obj, False, False)
    for position, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position:]
    for end in range(len(text) + 1):
        prefix = text[:end]
        scan = _scan([prefix])
        if not scan.broken:
            # never forward what makes the SDK raise (whitespace before the object is held back)
            assert _jiter_accepts(prefix) or not prefix.strip(" \t\n\r"), prefix
            assert scan.complete == _complete(prefix), prefix
    # (the converse does not hold: jiter's partial mode also takes some text that no suffix can
    # make JSON, such as '{"a":[]{'; refusing it only stops forwarding what is broken anyway)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ('{"a":01', False),
        ('{"a":-0', True),
        ('{"a":1.}', False),
        ('{"a":[1,]', False),
        ('{"a":"\\ud800"}', False),  # a high surrogate with no low one after it
        ('{"a":"\\ud800\\udc00"}', True),
        ('{"a":"\\udc00"}', False),
        ('{"a":"x\\q', False),
        ('{"a":"\n"}', False),  # JSON strings may not hold raw control characters
        ('{"a":tru', True),
        ('{"a":trux', False),
        ("[1]", False),  # tool input is an object
        ('{"a":1} x', False),
        ('{"a":[]{', False),  # jiter's partial mode takes it; no suffix makes it JSON
    ],
)
def test_scanner_edges_agree_with_json(text: str, ok: bool) -> None:
    assert _scan([text]).feed("") is ok


def test_nesting_stops_where_the_sdk_parser_stops() -> None:
    deepest = '{"a":' + "[" * (MAX_DEPTH - 1)
    assert _jiter_accepts(deepest)
    assert _scan([deepest]).feed("")
    assert not _jiter_accepts(deepest + "[")
    assert not _scan([deepest, "["]).feed("")


def test_a_long_string_fed_in_small_pieces_is_read_once() -> None:
    # Not timed: the scanner holds no text, so its state stays the same size however much it read.
    scan = JsonObjectPrefix()
    scan.feed('{"data": "')
    for _ in range(10_000):
        assert scan.feed("abcdefghijklmnop")
    assert scan.feed('"}')
    assert scan.complete
    assert not hasattr(scan, "__dict__")
