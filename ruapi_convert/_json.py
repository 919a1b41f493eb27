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

from typing import Any

import pydantic_core

from .errors import InvalidInputError

__all__ = ["dumps", "loads", "path_join", "to_jsonable"]


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


def dumps(value: Any) -> bytes:
    """Serialise a JSON value compactly as UTF-8 bytes.

    Values that JSON cannot carry raise :class:`InvalidInputError`, never invalid output: they can
    only come from a dict built outside this library (``json.loads`` accepts ``NaN``, ``Infinity``
    and ``"\\ud800"``; nothing stops a caller nesting lists 300 deep).
    """
    try:
        data = pydantic_core.to_json(value)
    except (pydantic_core.PydanticSerializationError, ValueError, RecursionError) as exc:
        raise InvalidInputError(f"the value cannot be written as JSON: {exc}") from exc
    # pydantic-core writes a float NaN or infinity as the bare constant. The substring test costs
    # almost nothing; only when it hits (e.g. the word inside a string) is the output re-read.
    if (b"NaN" in data or b"Infinity" in data) and not _is_json(data):
        raise InvalidInputError("the value cannot be written as JSON: it holds NaN or Infinity")
    return data


def to_jsonable(value: Any) -> Any:
    """A private plain-JSON copy of a value (dicts, lists, str, int, float, bool, None)."""
    try:
        return pydantic_core.to_jsonable_python(value)
    except (pydantic_core.PydanticSerializationError, ValueError, RecursionError) as exc:
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
