"""
ruapi_convert.mapping.dialect_shaping
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: the last changes a request gets for its upstream's dialect - fields the server refuses,
tool-call ids it would reject, body routing for Bedrock and Vertex, media a server cannot read -
are made here, after the concept modules wrote the standard form, each one reported.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Final

from ._ledger import A2O_REQUEST, O2A_REQUEST
from .dialects import dialect_of

if TYPE_CHECKING:
    from ._ledger import Context, Json

__all__ = ["drop_media", "drop_refused", "mistral_tool_id", "rewrite_tool_ids", "route_body"]


#: Mistral: "Tool call id ... must be a-z, A-Z, 0-9, with a length of 9" (mistral-common validator).
_MISTRAL_ID: Final = re.compile(r"[A-Za-z0-9]{9}")
_ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def mistral_tool_id(tool_id: str) -> str:
    """A tool-call id Mistral accepts: the id itself when it already is one, else nine letters and
    digits from a hash of it (the same for a call and its result, different for different ids)."""
    if _MISTRAL_ID.fullmatch(tool_id):
        return tool_id
    number = int.from_bytes(hashlib.sha256(tool_id.encode()).digest()[:8], "big")
    out = []
    for _ in range(9):
        number, digit = divmod(number, len(_ALPHABET))
        out.append(_ALPHABET[digit])
    return "".join(out)


# -- fate rows of what a dialect changes ------------------------------------------------------------------

REFUSED_FIELD = A2O_REQUEST.dropped(
    "(a field the dialect's server refuses)",
    "each dialect's rejects (docs/dialects.md): sent, the request would fail; dropped and reported",
)
DIALECT_TOOL_ID = A2O_REQUEST.approximated(
    "messages[].tool_calls[].id (dialect)",
    "messages[].tool_calls[].id",
    "dialect 'mistral': ids that are not nine letters and digits are rewritten from a hash, identically in the tool message",
)
BODY_ROUTING = O2A_REQUEST.mapped(
    "model / stream (Bedrock, Vertex)",
    "the URL path",
    "dialects 'bedrock' and 'vertex' leave model (and for Bedrock stream) out of the body: the URL path names them; anthropic_version goes in the body",
)
MEDIA = O2A_REQUEST.dropped(
    "messages[].content[] (image or file, dialect)",
    "dialects whose server reads text and tool calls only (deepseek-anthropic, minimax-anthropic): images and documents are dropped",
)


def drop_refused(out: Json, ctx: Context) -> None:
    """Drop the top-level fields (and message names) the dialect's server refuses, reported."""
    dialect = dialect_of(ctx)
    for key in sorted(dialect.rejects & out.keys()):
        del out[key]
        ctx.lose(
            REFUSED_FIELD,
            key,
            detail=f"{dialect.title} refuses {key}; it was not sent",
        )
    if dialect.rejects_message_name:
        for i, msg in enumerate(out.get("messages") or ()):
            if msg.pop("name", None) is not None:
                ctx.lose(
                    REFUSED_FIELD,
                    f"messages[{i}].name",
                    detail=f"{dialect.title} refuses messages[].name; it was not sent",
                )


def rewrite_tool_ids(out: Json, ctx: Context) -> None:
    """Tool-call ids the dialect's server accepts, the same in each call and its result."""
    if dialect_of(ctx).tool_ids != "mistral":
        return
    for i, msg in enumerate(out.get("messages") or ()):
        for j, call in enumerate(msg.get("tool_calls") or ()):
            new = mistral_tool_id(call["id"])
            if new != call["id"]:
                ctx.lose(
                    DIALECT_TOOL_ID,
                    f"messages[{i}].tool_calls[{j}].id",
                    detail=f"id {call['id']!r} sent as {new!r} (Mistral takes nine letters and digits; its result got the same id)",
                )
                call["id"] = new
        if msg.get("role") == "tool":
            msg["tool_call_id"] = mistral_tool_id(msg["tool_call_id"])


def route_body(out: Json, ctx: Context, betas: tuple[str, ...] = ()) -> None:
    """Bedrock and Vertex: the body as their endpoints take it (model and stream in the URL)."""
    dialect = dialect_of(ctx)
    if dialect.anthropic_version is not None:
        out["anthropic_version"] = dialect.anthropic_version
    if not dialect.model_in_body:
        out.pop("model", None)
    if not dialect.stream_in_body:
        out.pop("stream", None)
    if dialect.betas_in_body and betas:
        out["anthropic_beta"] = list(betas)


def drop_media(out: Json, ctx: Context) -> None:
    """Images and documents, for a server that reads text and tool calls only."""
    dialect = dialect_of(ctx)
    if dialect.media:
        return
    for i, msg in enumerate(out["messages"]):
        content = msg.get("content")
        if not isinstance(content, list):
            continue
        kept = []
        for j, block in enumerate(content):
            if block["type"] in ("image", "document"):
                ctx.lose(
                    MEDIA,
                    f"messages[{i}].content[{j}]",
                    detail=f"{dialect.title} reads no {block['type']} input; it was not sent",
                )
                continue
            if block["type"] == "tool_result" and isinstance(block.get("content"), list):
                inner = [b for b in block["content"] if b["type"] not in ("image", "document")]
                if len(inner) != len(block["content"]):
                    ctx.lose(
                        MEDIA,
                        f"messages[{i}].content[{j}].content",
                        detail=f"{dialect.title} reads no image or document input; the tool result's were not sent",
                    )
                    block = {**block, "content": inner}
            kept.append(block)
        msg["content"] = kept
