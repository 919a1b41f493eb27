"""
ruapi_convert.testing._common
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Building blocks both vendors' strategies share: JSON values, short texts, ids, tool definitions and
inputs that fit them, tiny but real media files, and the helpers that cut strings into stream
fragments and interleave fragment sequences.

Every choice is drawn from Hypothesis (no ``random``, no counters, no state that outlives a draw
except caches of immutable strategy objects), so a failing example shrinks and replays like any
other.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
import string
import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "AUDIO_WAV_B64",
    "IMAGES_B64",
    "IdPool",
    "PDF_B64",
    "ToolSpec",
    "any_text",
    "draw_split",
    "file_names",
    "fresh",
    "ids",
    "interleave",
    "json_text",
    "json_values",
    "maybe_null",
    "model_names",
    "sometimes",
    "texts",
    "tool_input",
    "tool_specs",
    "unix_times",
    "words",
]

T = TypeVar("T")

# -- JSON values ---------------------------------------------------------------------------------

# Keys a fuzzer should see: ordinary names, names the protocols use, and odd text.
_KEYS = st.one_of(
    st.sampled_from(["type", "role", "content", "text", "id", "index", "error", "data", "x", ""]),
    st.text(max_size=8),
)


@functools.cache
def json_values(*, max_leaves: int = 12, big_ints: bool = True) -> st.SearchStrategy[Any]:
    """Any JSON value: null, booleans, integers, finite floats, strings, lists and objects."""
    ints = st.integers() if big_ints else st.integers(-(2**63), 2**63 - 1)
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        ints,
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(_KEYS, inner, max_size=4),
        ),
        max_leaves=max_leaves,
    )


# -- text ----------------------------------------------------------------------------------------

# The strategy factories below are cached: building a text strategy (and having Hypothesis validate
# it) costs far more than drawing from it, and these are called for every block of every payload.
# A cached strategy is an immutable value, so the cache holds no state that could leak between runs.

_PLAIN = string.ascii_letters + string.digits + "    ,.!?-'"
# The characters that break naive code: multi-byte UTF-8, astral-plane emoji, combining marks and
# zero-width joiners (one "character" made of several code points), quotes, backslashes, control
# characters and newlines.
_TRICKY = 'éßçñ中文日本語한국어Ωж😀🎉👍🏽\u200d\u0301"\\\n\t/<>{}[]:'
_ALPHABETS = (
    st.sampled_from(_PLAIN),
    st.sampled_from(_PLAIN + _TRICKY),
    st.characters(codec="utf-8"),  # any code point UTF-8 can carry (so no lone surrogates)
)


@functools.cache
def any_text(*, max_size: int) -> st.SearchStrategy[str]:
    """Short text, blank or empty included: plain prose, prose with tricky characters, or anything."""
    return st.one_of(*(st.text(a, max_size=max_size) for a in _ALPHABETS))


@functools.cache
def texts(*, min_size: int = 1, max_size: int = 24) -> st.SearchStrategy[str]:
    """Short text with at least one non-whitespace character (Anthropic rejects blank text)."""
    return st.one_of(*(st.text(a, min_size=min_size, max_size=max_size) for a in _ALPHABETS)).map(
        lambda s: s if s.strip() else "x" + s
    )


@functools.cache
def words(*, min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """A short ASCII word: for names, titles and other identifiers people type."""
    return st.text(string.ascii_lowercase, min_size=min_size, max_size=max_size)


_ID_CHARS = string.ascii_letters + string.digits


@functools.cache
def ids(prefix: str, *, extra: str = "") -> st.SearchStrategy[str]:
    """An id such as ``toolu_01Ab…``: the prefix, then letters and digits (and ``extra`` chars).

    Without ``extra`` the result matches Anthropic's ``^[a-zA-Z0-9_-]+$``.
    """
    return st.text(_ID_CHARS + extra, min_size=6, max_size=24).map(lambda s: prefix + s)


class IdPool:
    """Hands out ids that are unique within one payload (Hypothesis readily draws one id twice)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def new(self, draw: st.DrawFn, prefix: str) -> str:
        """A fresh id with the given prefix (see :func:`ids`)."""
        value = draw(ids(prefix))
        while value in self._used:
            value += str(len(self._used) % 10)
        self._used.add(value)
        return value


def unix_times() -> st.SearchStrategy[int]:
    """A Unix timestamp in seconds between 2023 and 2033."""
    return st.integers(1_672_531_200, 1_988_150_400)


@functools.cache
def file_names(suffix: str) -> st.SearchStrategy[str]:
    """A plain file name with the given suffix."""
    return words(max_size=10).map(lambda w: f"{w}{suffix}")


@functools.cache
def model_names(known: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A model name: usually one the vendor lists, sometimes a gateway's own alias."""
    return st.one_of(
        st.sampled_from(known),
        st.builds(lambda a, b: f"{a}/{b}", words(), words()),
    )


def fresh(value: T) -> T:
    """A copy of a JSON value (or a tuple of them) that shares no list or dict with the original.

    Generated payloads reuse objects while being built (a schema in two places, a block in both
    the final message and its start event); what a strategy returns must not, or mutating one
    place in a test would silently change another.
    """
    if isinstance(value, dict):
        return {k: fresh(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [fresh(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(fresh(v) for v in value)  # type: ignore[return-value]
    return value


def sometimes(draw: st.DrawFn, enabled: bool = True, *, one_in: int = 3) -> bool:
    """True once in ``one_in`` draws, and never when ``enabled`` is false (a feature flag)."""
    return enabled and draw(st.integers(0, one_in - 1)) == 0


def json_text(draw: st.DrawFn, value: Any) -> str:
    """``value`` as JSON text the way a server may write it: compact or spaced, with non-ASCII
    characters escaped (``\\u00e9``, surrogate pairs for emoji) or written as they are."""
    compact = draw(st.booleans())
    return json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        separators=(",", ":") if compact else (", ", ": "),
    )


def maybe_null(draw: st.DrawFn, out: dict[str, Any], keys: dict[str, bool], enabled: bool) -> None:
    """Add some of ``keys`` (those absent from ``out`` and mapped to True, i.e. whose feature is
    on) as explicit ``null``s, when ``enabled``."""
    if not enabled:
        return
    for key, allowed in keys.items():
        if allowed and key not in out and draw(st.integers(0, 7)) == 0:
            out[key] = None


# -- tools ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolSpec:
    """A tool both protocols can describe: a name, a description and a JSON schema for the input."""

    name: str
    description: str | None
    schema: dict[str, Any]


_TOOL_NAME_CHARS = string.ascii_letters + string.digits + "_-"
_SCALAR_TYPES = ("string", "integer", "number", "boolean")


@st.composite
def _property_schema(draw: st.DrawFn, nested: bool) -> dict[str, Any]:
    kinds = [*_SCALAR_TYPES, "enum", "array"] + (["object"] if nested else [])
    kind = draw(st.sampled_from(kinds))
    schema: dict[str, Any]
    if kind == "enum":
        schema = {"type": "string", "enum": draw(_ENUM_VALUES)}
    elif kind == "array":
        schema = {"type": "array", "items": {"type": draw(st.sampled_from(_SCALAR_TYPES))}}
    elif kind == "object":
        schema = {"type": "object", "properties": draw(_NESTED_PROPERTIES)}
    else:
        schema = {"type": kind}
    if draw(st.booleans()):
        schema["description"] = draw(texts(max_size=16))
    return schema


_ENUM_VALUES = st.lists(words(), min_size=1, max_size=3, unique=True)
_NESTED_PROPERTIES = st.dictionaries(
    words(max_size=8), _property_schema(False), min_size=1, max_size=2
)
_PROPERTIES = st.dictionaries(words(max_size=10), _property_schema(True), max_size=3)
_TOOL_NAMES = st.text(_TOOL_NAME_CHARS, min_size=1, max_size=20)
_DESCRIPTIONS = st.one_of(st.none(), texts(max_size=40))


@st.composite
def _tool_specs(draw: st.DrawFn, min_size: int, max_size: int) -> list[ToolSpec]:
    names = draw(st.lists(_TOOL_NAMES, min_size=min_size, max_size=max_size, unique=True))
    specs = []
    for name in names:
        props = draw(_PROPERTIES)
        schema: dict[str, Any] = {"type": "object", "properties": props}
        if bool(props) and draw(st.booleans()):
            schema["required"] = draw(
                st.lists(st.sampled_from(sorted(props)), min_size=1, unique=True)
            )
        if draw(st.booleans()):
            schema["additionalProperties"] = False
        specs.append(ToolSpec(name=name, description=draw(_DESCRIPTIONS), schema=schema))
    return specs


@functools.cache
def tool_specs(*, min_size: int = 1, max_size: int = 4) -> st.SearchStrategy[list[ToolSpec]]:
    """Tools with distinct names matching ``^[a-zA-Z0-9_-]{1,64}$`` and object input schemas."""
    return _tool_specs(min_size, max_size)


def _value_for(draw: st.DrawFn, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if "enum" in schema:
        return draw(st.sampled_from(schema["enum"]))
    if kind == "string":
        return draw(any_text(max_size=16))
    if kind == "integer":
        return draw(st.integers(-(10**6), 10**6))
    if kind == "number":
        return draw(
            st.one_of(
                st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
                st.integers(-1000, 1000),
            )
        )
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "array":
        return [_value_for(draw, schema["items"]) for _ in range(draw(st.integers(0, 3)))]
    if kind == "object":
        return _object_for(draw, schema)
    return draw(json_values(max_leaves=4, big_ints=False))


def _object_for(draw: st.DrawFn, schema: dict[str, Any]) -> dict[str, Any]:
    required = set(schema.get("required", ()))
    out: dict[str, Any] = {}
    for key, sub in schema.get("properties", {}).items():
        if key in required or draw(st.booleans()):
            out[key] = _value_for(draw, sub)
    return out


def tool_input(draw: st.DrawFn, spec: ToolSpec) -> dict[str, Any]:
    """An input object that follows the tool's schema."""
    return _object_for(draw, spec.schema)


# -- splitting and interleaving ------------------------------------------------------------------


def draw_split(
    draw: st.DrawFn, text: str, *, max_pieces: int = 6, allow_empty: bool = False
) -> list[str]:
    """Cut ``text`` into pieces that concatenate back to it, at random code-point positions.

    Cuts may fall anywhere in the string: inside a JSON escape sequence, between an emoji and its
    skin-tone modifier, before a combining accent. With ``allow_empty`` some pieces may be ``""``.
    An empty ``text`` gives ``[""]``.
    """
    if not text:
        return [""]
    low = 0 if allow_empty else 1
    high = len(text) if allow_empty else len(text) - 1
    if high < low:
        return [text]
    cuts = draw(st.lists(st.integers(low, high), max_size=max_pieces - 1, unique=not allow_empty))
    cuts.sort()
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def interleave(
    draw: st.DrawFn,
    sequences: Sequence[Sequence[T]],
    *,
    ready: Callable[[int, list[int]], bool] | None = None,
) -> list[tuple[int, T]]:
    """Merge sequences into one, keeping each one's order: ``[(sequence number, item), …]``.

    ``ready(j, taken)`` may hold back sequence ``j`` (``taken[j]`` counts the items already taken
    from each sequence); at least one non-empty sequence must always be ready.
    """
    taken = [0] * len(sequences)
    out: list[tuple[int, T]] = []
    total = sum(len(s) for s in sequences)
    while len(out) < total:
        choices = [
            j
            for j, seq in enumerate(sequences)
            if taken[j] < len(seq) and (ready is None or ready(j, taken))
        ]
        j = choices[draw(st.integers(0, len(choices) - 1))] if len(choices) > 1 else choices[0]
        out.append((j, sequences[j][taken[j]]))
        taken[j] += 1
    return out


# -- tiny media files ----------------------------------------------------------------------------
# Real, decodable 1x1 images (built here, byte by byte) so that any consumer that sniffs or decodes
# them sees the format the media type claims.


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x80\x00")  # filter byte, one orange pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _jpeg() -> bytes:
    # Baseline JPEG, one 8-bit grey component, 1x1: every coefficient zero, so the entropy-coded
    # data is a DC difference of category 0 (code "0") and an end-of-block (code "0").
    def segment(marker: int, body: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body

    dqt = segment(0xDB, b"\x00" + b"\x01" * 64)
    sof = segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
    dc = segment(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")
    ac = segment(0xC4, b"\x10" + b"\x01" + b"\x00" * 15 + b"\x00")
    sos = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    return b"\xff\xd8" + dqt + sof + dc + ac + sos + b"\x3f" + b"\xff\xd9"


def _gif() -> bytes:
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
        b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


def _webp() -> bytes:
    # Lossless VP8L bitstream of a 1x1 image (13 bytes, padded to an even chunk size).
    vp8l = bytes.fromhex("2f00000010071011118888fe07")
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l + b"\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _wav() -> bytes:
    samples = struct.pack("<8h", 0, 1200, 2400, 1200, 0, -1200, -2400, -1200)
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(samples)) + samples
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


#: Base64 (no ``data:`` prefix) of a 1x1 image per media type Anthropic accepts.
IMAGES_B64: dict[str, str] = {
    "image/png": _b64(_png()),
    "image/jpeg": _b64(_jpeg()),
    "image/gif": _b64(_gif()),
    "image/webp": _b64(_webp()),
}
#: Base64 of a one-page, empty PDF.
PDF_B64 = _b64(_pdf())
#: Base64 of a few milliseconds of 16-bit mono WAV.
AUDIO_WAV_B64 = _b64(_wav())
