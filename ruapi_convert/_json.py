"""
ruapi_convert._json
~~~~~~~~~~~~~~~~~~~

The one place where bytes become JSON values and back.

Both directions use pydantic-core (Rust): ``from_json`` parses about as fast as orjson and, unlike the
standard library, rejects invalid UTF-8 and lone surrogates instead of passing them on; ``to_json``
is four times faster than ``json.dumps``. Output is compact UTF-8 (no ASCII escaping), which both
vendors send and accept.
"""

from __future__ import annotations

import math
from typing import Any, Final

import pydantic_core

from .errors import InvalidInputError

__all__ = [
    "PARSER_MAX_INT_DIGITS",
    "check_foreign",
    "dumps",
    "loads",
    "path_join",
    "to_jsonable",
]

#: The most digits an integer may have and still be read by :func:`loads`: pydantic-core's own
#: bound, whatever ``sys.set_int_max_str_digits()`` says, and Python's default limit for printing
#: one. An integer of more digits can be *written* (the serialiser has no bound) but not read
#: back, so no caller-built value may hold one (:func:`check_foreign`). A process that lowers
#: Python's limit below this can no longer print every integer the parser reads; that setting is
#: not supported.
PARSER_MAX_INT_DIGITS: Final = 4300


def loads(data: bytes | bytearray | memoryview | str, *, path: str = "") -> Any:
    """Parse one JSON document; raise :class:`InvalidInputError` on bad JSON or bad UTF-8."""
    if isinstance(data, memoryview):
        data = data.tobytes()
    try:
        return pydantic_core.from_json(data, allow_inf_nan=False, cache_strings="keys")
    except ValueError as exc:
        raise InvalidInputError(_describe(data, exc), path=path) from exc
    except TypeError as exc:  # not bytes or str at all
        raise InvalidInputError(
            f"expected JSON text as bytes or str, got {type(data).__name__}", path=path
        ) from exc


#: What pydantic-core raises for a value it cannot write (a lone surrogate, too deep a nesting).
_UNWRITABLE: Final = (pydantic_core.PydanticSerializationError, ValueError, RecursionError)


def dumps(value: Any) -> bytes:
    """Serialise a JSON value compactly as UTF-8 bytes.

    A value JSON cannot carry (a lone surrogate, nesting deeper than the serialiser goes) raises
    :class:`InvalidInputError`; such values can only come from dicts built outside this library,
    which :func:`check_foreign` screens.
    """
    try:
        return pydantic_core.to_json(value)
    except _UNWRITABLE as exc:
        raise InvalidInputError(f"the value cannot be written as JSON: {exc}") from exc


def check_foreign(value: Any, *, path: str = "") -> None:
    """Refuse a caller-built value that JSON cannot carry, before it is accepted.

    ``json.loads`` turns ``NaN``, ``Infinity`` and ``"\\ud800"`` into Python values that
    pydantic-core would later write as bare ``NaN`` (not JSON) or refuse to write; nothing stops a
    caller nesting lists 300 deep, or writing ``10**5000``, which the serialiser writes and our own
    parser then refuses (see :data:`PARSER_MAX_INT_DIGITS`). Values this module parsed never need
    it (``loads`` refuses all of these), so only dicts handed in by callers pay for this: one
    serialisation, and scans that only re-read the output when they find the constant's name or a
    run of digits long enough to matter.
    """
    try:
        data = pydantic_core.to_json(value)
    except _UNWRITABLE as exc:
        raise _unwritable(value, path) from exc
    if (
        b"NaN" in data or b"Infinity" in data or _may_hold_a_long_int(data, PARSER_MAX_INT_DIGITS)
    ) and not _is_json(data):
        raise _unwritable(value, path)


def _may_hold_a_long_int(data: bytes, digits: int) -> bool:
    """Whether ``data`` may hold a run of more than ``digits`` ASCII digits (no false negative).

    Reads one byte in every ``step``: a run of more than ``digits`` digits covers two consecutive
    samples, and only then is the stretch between them read in full. Typical JSON is skipped for
    the cost of a slice a thousandth of its size."""
    if len(data) <= digits:
        return False
    step = (digits + 1) // 2
    previous = False
    for index, byte in enumerate(data[::step]):
        digit = 48 <= byte <= 57
        if digit and previous and data[(index - 1) * step : index * step + 1].isdigit():
            return True
        previous = digit
    return False


#: The smallest integer (in absolute value) with more than PARSER_MAX_INT_DIGITS digits.
_TOO_LONG_INT: Final = 10**PARSER_MAX_INT_DIGITS
#: pydantic-core's serialiser stops a little deeper than this; the search below stops here.
_MAX_DEPTH: Final = 200


def _unwritable(value: Any, path: str) -> InvalidInputError:
    """The error for a value known to hold something JSON cannot carry, naming where it is."""
    where, what = _find_unwritable(value, path, 0) or (path, "a value")
    if what.startswith("an integer"):
        return InvalidInputError(f"{what}, which a JSON parser does not read back", path=where)
    return InvalidInputError(f"{what}, which JSON cannot carry", path=where)


def _find_unwritable(value: Any, path: str, depth: int) -> tuple[str, str] | None:
    # Only runs once a problem is known to exist, so a plain recursive walk is fine.
    if depth > _MAX_DEPTH:
        return path, f"nesting deeper than {_MAX_DEPTH} levels"
    if isinstance(value, float) and not math.isfinite(value):
        return path, f"the number {value!r}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _TOO_LONG_INT:
        # never str(value): Python itself refuses to print an integer this long
        return path, f"an integer of more than {PARSER_MAX_INT_DIGITS} digits"
    if isinstance(value, str):
        return None if _encodable(value) else (path, "a lone surrogate in a string")
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and not _encodable(key):
                return path, "a lone surrogate in a key"
            found = _find_unwritable(item, path_join(path, str(key)), depth + 1)
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _find_unwritable(item, path_join(path, index), depth + 1)
            if found is not None:
                return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def to_jsonable(value: Any) -> Any:
    """A private plain-JSON copy of a value (dicts, lists, str, int, float, bool, None)."""
    try:
        return pydantic_core.to_jsonable_python(value)
    except _UNWRITABLE as exc:
        raise InvalidInputError(f"the value cannot be copied as JSON: {exc}") from exc


def _is_json(data: bytes) -> bool:
    try:
        pydantic_core.from_json(data, allow_inf_nan=False)
    except ValueError:
        return False
    return True


def _describe(data: bytes | bytearray | memoryview | str, exc: ValueError) -> str:
    # pydantic-core reports a stray byte as "expected value"; say what is really wrong.
    if not isinstance(data, str):
        try:
            bytes(data).decode("utf-8")
        except UnicodeDecodeError as bad:
            return f"invalid UTF-8 at byte {bad.start}"
    return f"invalid JSON: {exc}"


def path_join(parent: str, key: str | int) -> str:
    """Extend a JSON path: ``path_join("messages", 3) == "messages[3]"``."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key
