"""
ruapi_convert.convert._model_lists
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

``GET /v1/models`` bodies, both directions.

The two lists agree on little: an id, a creation time (OpenAI unix seconds, Anthropic an RFC 3339
string) and the word "model". Everything else rides in the extension object of each model
(``anthropic`` on OpenAI models, ``openai`` on Anthropic ones) so that a list survives the round
trip; Anthropic's required ``display_name`` falls back to the id. Pagination keeps its names in
both directions: ``has_more``/``first_id``/``last_id`` are the words of OpenAI's own paginated
lists too (files, batches, vector stores). An OpenAI model list, which is never paginated, is one
complete page (``has_more: false``, first and last ids from its data), and an Anthropic page that
says just that needs no pagination fields on the OpenAI side.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Final

from ._error_tables import OWNED_BY
from ._headers import format_rfc3339, parse_rfc3339

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["to_anthropic", "to_openai"]

Json = dict[str, Any]

_ANTHROPIC_LIST: Final = frozenset({"data", "has_more", "first_id", "last_id"})
_OPENAI_LIST: Final = frozenset({"object", "data", "has_more", "first_id", "last_id"})
_PAGINATION: Final = ("has_more", "first_id", "last_id")


def to_openai(body: Json, ctx: Context) -> Json:
    """An Anthropic ``ModelList`` (wire dict) -> an OpenAI ``ModelList`` (wire dict)."""
    ctx.unknown(body, _ANTHROPIC_LIST, "")
    data = [_model_to_openai(m, f"data[{i}]", ctx) for i, m in enumerate(body["data"])]
    out: Json = {"object": "list", "data": data}
    ids = [m["id"] for m in data]
    one_page = {
        "has_more": False,
        "first_id": ids[0] if ids else None,
        "last_id": ids[-1] if ids else None,
    }
    if any(body.get(key) != one_page[key] for key in _PAGINATION):
        # A complete single page is what an OpenAI list means anyway (and what the reverse
        # direction makes of one); anything else keeps its pagination, under the same names.
        for key in _PAGINATION:
            if key in body:
                out[key] = body[key]
    return out


def _model_to_openai(model: Json, path: str, ctx: Context) -> Json:
    created_at = model["created_at"]
    when = parse_rfc3339(created_at)
    created = math.floor(when.timestamp()) if when is not None else 0
    if when is None:
        ctx.lose(
            "data[].created_at",
            f"{path}.created_at",
            kind="defaulted",
            detail=f"{created_at!r} is not an RFC 3339 time; created is 0",
        )
    out: Json = {"id": model["id"], "object": "model", "created": created, "owned_by": OWNED_BY}
    ext = {k: v for k, v in model.items() if k not in ("id", "type", "created_at", "openai")}
    if ext.get("display_name") == model["id"]:
        # what the reverse direction defaults to: an OpenAI model that went through it comes back
        # without an extension it never had
        del ext["display_name"]
    if when is None or format_rfc3339(datetime.fromtimestamp(created, timezone.utc)) != created_at:
        ext["created_at"] = created_at
    carried = model.get("openai")
    if isinstance(carried, dict):
        out.update({k: v for k, v in carried.items() if k not in out or k == "owned_by"})
    if ext:
        if ctx.options.extensions:
            out["anthropic"] = ext
        else:
            for key in ext:
                ctx.lose("data[] (Anthropic-only keys)", f"{path}.{key}")
    return out


def to_anthropic(body: Json, ctx: Context) -> Json:
    """An OpenAI ``ModelList`` (wire dict) -> an Anthropic ``ModelList`` (wire dict)."""
    ctx.unknown(body, _OPENAI_LIST, "")
    data = [_model_to_anthropic(m, f"data[{i}]", ctx) for i, m in enumerate(body["data"])]
    has_more = body.get("has_more")
    first_id = body.get("first_id")
    last_id = body.get("last_id")
    return {
        "data": data,
        "has_more": has_more if isinstance(has_more, bool) else False,
        "first_id": first_id if isinstance(first_id, str) else (data[0]["id"] if data else None),
        "last_id": last_id if isinstance(last_id, str) else (data[-1]["id"] if data else None),
    }


def _model_to_anthropic(model: Json, path: str, ctx: Context) -> Json:
    try:
        created_at = format_rfc3339(datetime.fromtimestamp(model["created"], timezone.utc))
    except (OverflowError, OSError, ValueError):  # before year 1 or after 9999
        created_at = "1970-01-01T00:00:00Z"
        ctx.lose(
            "data[].created",
            f"{path}.created",
            kind="defaulted",
            detail=f"{model['created']} is not a representable time; created_at is the epoch",
        )
    out: Json = {"type": "model", "id": model["id"], "created_at": created_at}
    carried = model.get("anthropic")
    if isinstance(carried, dict):
        out.update({k: v for k, v in carried.items() if k not in ("type", "id")})
    if "display_name" not in out:
        out["display_name"] = model["id"]
        ctx.lose("display_name", f"{path}.display_name")
    ext = {k: v for k, v in model.items() if k not in ("id", "object", "created", "anthropic")}
    if ext.get("owned_by") == OWNED_BY:
        del ext["owned_by"]  # what the reverse direction writes anyway
    if ext:
        if ctx.options.extensions:
            out["openai"] = ext
        else:
            for key in ext:
                ctx.lose("data[] (OpenAI-only keys)", f"{path}.{key}")
    return out
