"""Enumerate the field paths of a model, for the fate-table completeness test.

Each path comes with the tags of the union members it was reached through, e.g. the path
``content[].tool_use_id`` of a ``web_search_tool_result`` block carries
``("content[]", "web_search_tool_result")``, so that a fate row covering that block type can cover
the block's fields.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from typing_extensions import is_typeddict

Tags = tuple[tuple[str, str], ...]

# Discriminators are described by the row of their object.
_SKIP_KEYS = frozenset({"type", "role"})


def field_paths(tp: Any, *, depth: int = 3) -> dict[str, set[Tags]]:
    """Every path of named fields reachable from ``tp`` (``[]`` marks list items)."""
    out: dict[str, set[Tags]] = {}
    _walk(tp, "", (), depth, out, frozenset())
    return out


def _walk(
    tp: Any, prefix: str, tags: Tags, depth: int, out: dict[str, set[Tags]], seen: frozenset[Any]
) -> None:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        _walk(get_args(tp)[0], prefix, tags, depth, out, seen)
        return
    if origin in (Union, types.UnionType):
        members = list(get_args(tp))
        for arg in members:
            _walk(arg, prefix, tags, depth, out, seen)
        return
    if origin is list:
        _walk(get_args(tp)[0], f"{prefix}[]", tags, depth, out, seen)
        return
    if depth <= 0 or tp in seen:
        return
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        hints: dict[str, Any] = {name: f.annotation for name, f in tp.model_fields.items()}
    elif is_typeddict(tp):
        if tp.__name__.startswith("Unknown"):
            return
        hints = typing.get_type_hints(tp, include_extras=True)
    else:
        return
    tag = _tag(hints.get("type"))
    if tag is not None and prefix:
        tags = (*tags, (prefix, tag))
    for name, hint in hints.items():
        path = f"{prefix}.{name}" if prefix else name
        if name not in _SKIP_KEYS:
            out.setdefault(path, set()).add(tags)
        _walk(_unwrap(hint), path, tags, depth - 1, out, seen | {tp})


def _tag(hint: Any) -> str | None:
    hint = _unwrap(hint)
    if get_origin(hint) is typing.Literal and len(get_args(hint)) == 1:
        value = get_args(hint)[0]
        return value if isinstance(value, str) else None
    return None


def _unwrap(hint: Any) -> Any:
    while True:
        origin = get_origin(hint)
        if getattr(origin, "__name__", "") in ("Required", "NotRequired", "ReadOnly"):
            hint = get_args(hint)[0]
        elif origin in (Union, types.UnionType) and type(None) in get_args(hint):
            rest = [a for a in get_args(hint) if a is not type(None)]
            if len(rest) != 1:
                return hint
            hint = rest[0]
        else:
            return hint
