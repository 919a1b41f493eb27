"""
ruapi_convert.gateway.model_lists
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

``GET /v1/models`` bodies, both directions.

The two lists agree on little: an id, a creation time (OpenAI unix seconds, Anthropic an RFC 3339
string) and the word "model". Everything else rides in the extension object of each model
(``anthropic`` on OpenAI models, ``openai`` on Anthropic ones) so that a list survives the round
trip. What Anthropic requires and OpenAI lacks gets a documented default, reported as
``defaulted``: ``display_name`` falls back to the id, ``lifecycle`` to ``active`` (an OpenAI list
names the models a key can call, which is what Anthropic calls active), so that every converted
model validates as the Anthropic SDK's ``ModelInfo``; the reverse direction leaves out a value that
equals the default when nothing else needs carrying, so an OpenAI list comes back exactly. Pagination keeps its names in
both directions: ``has_more``/``first_id``/``last_id`` are the words of OpenAI's own paginated
lists too (files, batches, vector stores). An OpenAI model list, which is never paginated, is one
complete page (``has_more: false``, first and last ids from its data), and an Anthropic page that
says just that needs no pagination fields on the OpenAI side.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ..mapping._ledger import Context, FateTable, quote
from ..models import anthropic as ant
from ..models import openai as oai
from ..options import CommonOptions, resolve_options
from ._time import format_rfc3339, parse_rfc3339
from ._vocab import OWNED_BY

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = [
    "A2O_MODELS",
    "O2A_MODELS",
    "DEFAULT_LIFECYCLE",
    "anthropic_to_openai_model_list",
    "openai_to_anthropic_model_list",
]

Json = dict[str, Any]

_ANTHROPIC_LIST: Final = frozenset({"data", "has_more", "first_id", "last_id"})
_OPENAI_LIST: Final = frozenset({"object", "data", "has_more", "first_id", "last_id"})
_PAGINATION: Final = ("has_more", "first_id", "last_id")
#: The ``lifecycle`` of a model from an OpenAI list (Anthropic requires one; see the docstring).
DEFAULT_LIFECYCLE: Final = "active"


def anthropic_to_openai_model_list(
    body: Any, *, options: Options | None = None, **opts: Unpack[CommonOptions]
) -> Converted[oai.ModelList]:
    """Convert a ``GET /v1/models`` body from Anthropic's form into OpenAI's.

    ``body`` is a dict, a ``ModelList`` or JSON bytes/str; it is not mutated.
    """
    ctx = Context(resolve_options(options, opts, CommonOptions, "anthropic_to_openai_model_list"))
    converted = _to_openai(ant.ModelList.parse(body).to_dict(), ctx)
    return ctx.finish(oai.ModelList.model_validate(converted))


def openai_to_anthropic_model_list(
    body: Any, *, options: Options | None = None, **opts: Unpack[CommonOptions]
) -> Converted[ant.ModelList]:
    """Convert a ``GET /v1/models`` body from OpenAI's form into Anthropic's.

    ``body`` is a dict, a ``ModelList`` or JSON bytes/str; it is not mutated.
    """
    ctx = Context(resolve_options(options, opts, CommonOptions, "openai_to_anthropic_model_list"))
    converted = _to_anthropic(oai.ModelList.parse(body).to_dict(), ctx)
    return ctx.finish(ant.ModelList.model_validate(converted))


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_MODELS = FateTable(
    "Anthropic model list -> OpenAI model list", "anthropic_to_openai_model_list"
)
A2O_MODELS.mapped(
    "data",
    "data",
    'with `"object": "list"`',
)
A2O_MODELS.mapped(
    "data[].id",
    "data[].id",
)
A2O_MODELS.mapped(
    "data[].type",
    "data[].object",
    "model -> model; `owned_by` is `anthropic`",
)
_CREATED_AT = A2O_MODELS.mapped(
    "data[].created_at",
    "data[].created",
    "RFC 3339 -> unix seconds; a time that does not survive that exactly (fractions, an offset, not a time) is also carried in data[].anthropic.created_at, and an unreadable one gives created 0 (reported)",
)
_ANTHROPIC_ONLY = A2O_MODELS.carried(
    "data[] (Anthropic-only keys)",
    "data[].anthropic",
    "display_name (unless it is the id), capabilities, lifecycle (unless active and alone), line, max_input_tokens, max_tokens, deprecated_at, retires_at and newer keys",
)
A2O_MODELS.mapped(
    "data[].openai",
    "data[].owned_by ...",
    "written by openai_to_anthropic_model_list; restores the OpenAI keys",
)
A2O_MODELS.mapped(
    "has_more",
    "has_more",
    "same name (OpenAI's own paginated lists use has_more/first_id/last_id); left out, with first_id/last_id, when the page is the whole list (has_more false, ids those of the data): an OpenAI model list means exactly that",
)
A2O_MODELS.mapped(
    "first_id",
    "first_id",
    "see has_more",
)
A2O_MODELS.mapped(
    "last_id",
    "last_id",
    "see has_more",
)


def _to_openai(body: Json, ctx: Context) -> Json:
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
            _CREATED_AT,
            f"{path}.created_at",
            kind="defaulted",
            detail=f"{quote(created_at)} is not an RFC 3339 time; created is 0",
        )
    out: Json = {"id": model["id"], "object": "model", "created": created, "owned_by": OWNED_BY}
    ext = {k: v for k, v in model.items() if k not in ("id", "type", "created_at", "openai")}
    if ext.get("display_name") == model["id"]:
        # what the reverse direction defaults to: an OpenAI model that went through it comes back
        # without an extension it never had
        del ext["display_name"]
    if when is None or format_rfc3339(datetime.fromtimestamp(created, timezone.utc)) != created_at:
        ext["created_at"] = created_at
    if ext == {"lifecycle": DEFAULT_LIFECYCLE}:
        # likewise, when it is all there is to carry; with other keys it rides along, so that
        # an Anthropic model comes back without a default reported
        del ext["lifecycle"]
    carried = model.get("openai")
    if isinstance(carried, dict):
        out.update({k: v for k, v in carried.items() if k not in out or k == "owned_by"})
    if ext:
        if ctx.options.extensions:
            out["anthropic"] = ext
        else:
            for key in ext:
                ctx.lose(_ANTHROPIC_ONLY, f"{path}.{key}")
    return out


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_MODELS = FateTable(
    "OpenAI model list -> Anthropic model list", "openai_to_anthropic_model_list"
)
O2A_MODELS.mapped(
    "object",
    "",
    "the envelope",
)
O2A_MODELS.mapped(
    "data",
    "data",
)
O2A_MODELS.mapped(
    "data[].id",
    "data[].id",
)
O2A_MODELS.mapped(
    "data[].object",
    "data[].type",
    "model -> model",
)
_CREATED = O2A_MODELS.mapped(
    "data[].created",
    "data[].created_at",
    "unix seconds -> RFC 3339 (UTC, Z)",
)
_OPENAI_ONLY = O2A_MODELS.carried(
    "data[] (OpenAI-only keys)",
    "data[].openai",
    "owned_by, shutdown_date and newer keys",
)
O2A_MODELS.mapped(
    "data[].anthropic",
    "data[].display_name ...",
    "written by anthropic_to_openai_model_list; restores the Anthropic keys",
)
_DISPLAY_NAME = O2A_MODELS.defaulted(
    "display_name",
    "data[].display_name",
    "required by Anthropic: the model id when not carried in data[].anthropic",
)
_LIFECYCLE = O2A_MODELS.defaulted(
    "lifecycle",
    "data[].lifecycle",
    f"required by Anthropic (SDK ModelInfo): `{DEFAULT_LIFECYCLE}` when not carried in data[].anthropic; an OpenAI list names the models the key can call",
)
O2A_MODELS.mapped(
    "has_more",
    "has_more",
    "an OpenAI model list is one complete page: false unless the body says otherwise",
)
O2A_MODELS.mapped(
    "first_id",
    "first_id",
    "the first model's id unless the body has one",
)
O2A_MODELS.mapped(
    "last_id",
    "last_id",
    "the last model's id unless the body has one",
)


def _to_anthropic(body: Json, ctx: Context) -> Json:
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
            _CREATED,
            f"{path}.created",
            kind="defaulted",
            detail=f"{quote(model['created'])} is not a representable time; created_at is the epoch",
        )
    out: Json = {"type": "model", "id": model["id"], "created_at": created_at}
    carried = model.get("anthropic")
    if isinstance(carried, dict):
        out.update({k: v for k, v in carried.items() if k not in ("type", "id")})
    if "display_name" not in out:
        out["display_name"] = model["id"]
        ctx.lose(_DISPLAY_NAME, f"{path}.display_name")
    if "lifecycle" not in out:
        out["lifecycle"] = DEFAULT_LIFECYCLE
        ctx.lose(_LIFECYCLE, f"{path}.lifecycle")
    ext = {k: v for k, v in model.items() if k not in ("id", "object", "created", "anthropic")}
    if ext.get("owned_by") == OWNED_BY:
        del ext["owned_by"]  # what the reverse direction writes anyway
    if ext:
        if ctx.options.extensions:
            out["openai"] = ext
        else:
            for key in ext:
                ctx.lose(_OPENAI_ONLY, f"{path}.{key}")
    return out
