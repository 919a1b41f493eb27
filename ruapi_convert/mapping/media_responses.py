"""
ruapi_convert.mapping.media_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the media concept: image and file parts, both ways.

Responses flattens what Chat nests: ``{type: input_image, image_url: "<url>", detail}`` is Chat's
``{type: image_url, image_url: {url, detail}}``, and ``{type: input_file, file_data | file_id |
file_url, filename}`` is Chat's ``{type: file, file: {file_data | file_id, filename}}``. Nothing
is downloaded: a URL stays a URL. What one side can reference and the other cannot (an image by
``file_id``, a file by ``file_url``) is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._ledger import O2R_REQUEST, R2O_REQUEST, Json
from .cache import copy_breakpoint

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["chat_file", "chat_image", "input_file", "input_image"]

# -- Responses -> Chat --------------------------------------------------------------------------------

R2O_REQUEST.mapped(
    "input[].content[].image_url",
    "messages[].content[].image_url.url",
    "the flat URL (https or data:) nests under image_url.url",
)
_IMAGE_DETAIL = R2O_REQUEST.mapped(
    "input[].content[].detail",
    "messages[].content[].image_url.detail / the file's detail",
    "image detail carries over; a file part's detail has no Chat field (reported unless 'auto')",
)
_IMAGE_FILE_ID = R2O_REQUEST.dropped(
    "input[].content[].file_id",
    "images: Chat image parts take a URL, not an uploaded file id (dropped with the part); files: carried as file.file_id",
)
R2O_REQUEST.mapped("input[].content[].file_data", "messages[].content[].file.file_data")
R2O_REQUEST.mapped("input[].content[].filename", "messages[].content[].file.filename")
_FILE_URL = R2O_REQUEST.dropped(
    "input[].content[].file_url",
    "a Chat file part has no URL form (nothing is downloaded); the part is dropped when it has nothing else",
)
R2O_REQUEST.mapped("input[].content[].input_audio", "messages[].content[].input_audio")
R2O_REQUEST.mapped("input[].content[].input_audio.data", "messages[].content[].input_audio.data")
R2O_REQUEST.mapped(
    "input[].content[].input_audio.format", "messages[].content[].input_audio.format"
)

_PART_KEYS: Final = {
    "input_image": frozenset({"type", "image_url", "file_id", "detail", "prompt_cache_breakpoint"}),
    "input_file": frozenset(
        {
            "type",
            "file_data",
            "file_id",
            "file_url",
            "filename",
            "detail",
            "prompt_cache_breakpoint",
        }
    ),
}


def chat_image(part: Json, path: str, ctx: Context) -> Json | None:
    """The Chat ``image_url`` part of an ``input_image`` part (None when it has no URL)."""
    ctx.unknown(part, _PART_KEYS["input_image"], path)
    url = part.get("image_url")
    if url is None:
        ctx.lose(
            _IMAGE_FILE_ID,
            path,  # the whole part is not sent
            detail="an image given by file_id (or by nothing) has no Chat form: Chat image parts take a URL; the part was dropped",
        )
        return None
    if part.get("file_id") is not None:
        ctx.lose(
            _IMAGE_FILE_ID, f"{path}.file_id", detail="file_id next to image_url: the URL was sent"
        )
    image: Json = {"url": url}
    if part.get("detail") is not None:
        image["detail"] = part["detail"]
    out: Json = {"type": "image_url", "image_url": image}
    copy_breakpoint(part, out)
    return out


def chat_file(part: Json, path: str, ctx: Context) -> Json | None:
    """The Chat ``file`` part of an ``input_file`` part (None when it has only a URL)."""
    ctx.unknown(part, _PART_KEYS["input_file"], path)
    if part.get("file_url") is not None and (part.get("file_data") or part.get("file_id")):
        ctx.lose(_FILE_URL, f"{path}.file_url")
    if part.get("detail") not in (None, "auto"):
        ctx.lose(
            _IMAGE_DETAIL,
            f"{path}.detail",
            kind="dropped",
            detail="a Chat file part has no detail level",
        )
    file: Json = {
        k: part[k] for k in ("file_data", "file_id", "filename") if part.get(k) is not None
    }
    if "file_data" not in file and "file_id" not in file:
        ctx.lose(
            _FILE_URL,
            path,  # the whole part is not sent
            detail="a file part with neither file_data nor file_id has no Chat form; dropped",
        )
        return None
    out: Json = {"type": "file", "file": file}
    copy_breakpoint(part, out)
    return out


# -- Chat -> Responses --------------------------------------------------------------------------------

O2R_REQUEST.mapped(
    "messages[].content[].image_url",
    "input[].content[]: input_image",
    "{url, detail} -> image_url (flat) and detail",
)
O2R_REQUEST.mapped("messages[].content[].image_url.url", "input[].content[].image_url")
O2R_REQUEST.mapped("messages[].content[].image_url.detail", "input[].content[].detail")
O2R_REQUEST.mapped("messages[].content[].file", "input[].content[]: input_file")
O2R_REQUEST.mapped("messages[].content[].file.file_data", "input[].content[].file_data")
O2R_REQUEST.mapped("messages[].content[].file.file_id", "input[].content[].file_id")
O2R_REQUEST.mapped("messages[].content[].file.filename", "input[].content[].filename")


def input_image(part: Json, path: str, ctx: Context) -> Json:
    """The ``input_image`` part of a Chat ``image_url`` part."""
    ctx.unknown(part, frozenset({"type", "image_url", "prompt_cache_breakpoint"}), path)
    image = part["image_url"]
    ctx.unknown(image, frozenset({"url", "detail"}), f"{path}.image_url")
    out: Json = {"type": "input_image", "image_url": image["url"]}
    if image.get("detail") is not None:
        out["detail"] = image["detail"]
    copy_breakpoint(part, out)
    return out


def input_file(part: Json, path: str, ctx: Context) -> Json:
    """The ``input_file`` part of a Chat ``file`` part."""
    ctx.unknown(part, frozenset({"type", "file", "prompt_cache_breakpoint"}), path)
    file = part["file"]
    ctx.unknown(file, frozenset({"file_data", "file_id", "filename"}), f"{path}.file")
    out: Json = {"type": "input_file"}
    out.update(
        {k: file[k] for k in ("file_data", "file_id", "filename") if file.get(k) is not None}
    )
    copy_breakpoint(part, out)
    return out
