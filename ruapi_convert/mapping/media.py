"""
ruapi_convert.mapping.media
~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: images, files and documents change form here. OpenAI carries them as ``image_url`` parts
(a URL or a ``data:`` URL) and ``file`` parts (``file_data``: a data URL or raw base64); Anthropic
as ``image`` and ``document`` blocks with a ``source`` (base64, url, text, file). Nothing is ever
downloaded: a URL stays a URL, and what has no form on the other side is refused or reported.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any, Final

from .._quote import quote
from ..errors import InvalidInputError, UnsupportedError
from ..models import anthropic as ant
from ..models._base import validate
from ._ledger import A2O_REQUEST, O2A_REQUEST, Json
from .cache import PART_CACHE_CONTROL, cache_control
from .extensions import carry_keys

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "IMAGE_MEDIA_TYPES",
    "data_url",
    "document_to_file",
    "file_to_block",
    "image_to_anthropic",
    "image_to_openai",
    "parse_data_url",
]

#: Anthropic image sources accept exactly these media types ("image/jpeg, image/png, image/gif, or
#: image/webp"); anything else is refused with a clear error rather than sent upstream to fail.
IMAGE_MEDIA_TYPES: Final = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})

#: Document sources that carry base64 data: PDF as ``base64``, plain text as ``text``.
PDF_MEDIA_TYPE: Final = "application/pdf"
TEXT_MEDIA_TYPE: Final = "text/plain"

# -- data URLs ---------------------------------------------------------------------------------------

# RFC 2397: data:[<mediatype>][;param=value]*[;base64],<data>. Only base64 payloads are useful to
# Anthropic (its sources want base64), so a percent-encoded data URL is reported, not decoded.
_DATA_URL: Final = re.compile(r"data:(?P<type>[^;,]*)(?P<params>(?:;[^;,]*)*),", re.IGNORECASE)


def parse_data_url(url: str) -> tuple[str, str, bool] | None:
    """Split ``data:<media type>[;...][;base64],<data>`` into (media type, data, is_base64).

    Returns None when ``url`` is not a data URL. The media type is lower-cased (MIME types are
    case-insensitive) and defaults to ``text/plain`` as RFC 2397 says.
    """
    match = _DATA_URL.match(url)
    if match is None:
        return None
    media_type = match["type"].strip().lower() or "text/plain"
    params = [p.strip().lower() for p in match["params"].split(";") if p.strip()]
    return media_type, url[match.end() :], "base64" in params


def data_url(media_type: str, data: str) -> str:
    """The data URL for base64 ``data`` of ``media_type``."""
    return f"data:{media_type};base64,{data}"


def sniff_base64(data: str) -> str | None:
    """Guess the media type of raw base64 file data from its first bytes (PDF and the four images)."""
    try:
        head = base64.b64decode(data[:16] + "=" * (-len(data[:16]) % 4), validate=False)
    except (binascii.Error, ValueError):
        return None
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def b64_to_text(data: str, path: str) -> str:
    """Decode base64 UTF-8 text (a text/plain file part becoming a plain-text document source)."""
    try:
        return base64.b64decode(data, validate=True).decode("utf-8")
    except (binascii.Error, ValueError) as exc:
        raise InvalidInputError(
            "text/plain file data is not base64-encoded UTF-8", path=path
        ) from exc


def text_to_b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode("ascii")


def _media_type_from_name(filename: Any) -> str | None:
    if not isinstance(filename, str):
        return None
    lower = filename.lower()
    if lower.endswith(".pdf"):
        return PDF_MEDIA_TYPE
    if lower.endswith((".txt", ".md", ".text")):
        return TEXT_MEDIA_TYPE
    return None


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_REQUEST.mapped(
    "messages[].content[].image_url",
    "messages[].content[]: image",
)
O2A_REQUEST.mapped(
    "messages[].content[].image_url.url",
    "messages[].content[].source",
    "data:<type>;base64,<data> -> {type: base64, media_type, data}; http(s) -> {type: url, url}; other media types than jpeg/png/gif/webp, non-base64 data URLs and other schemes raise UnsupportedError (no download: the library does no I/O)",
)
_IMAGE_DETAIL = O2A_REQUEST.dropped(
    "messages[].content[].image_url.detail",
    "Anthropic has no image detail level ('auto' is not reported)",
)
O2A_REQUEST.mapped(
    "messages[].content[].file",
    "messages[].content[]: document",
    "file_data (data URL or raw base64, sniffed) -> application/pdf: base64 document; text/plain: text document (decoded); jpeg/png/gif/webp: image; other types raise UnsupportedError",
)
O2A_REQUEST.mapped(
    "messages[].content[].file.file_data",
    "messages[].content[].source.data",
)
_FILENAME = O2A_REQUEST.mapped(
    "messages[].content[].file.filename",
    "messages[].content[].title",
    "dropped (reported) for images, which have no title",
)
_FILE_ID = O2A_REQUEST.dropped(
    "messages[].content[].file.file_id",
    "file ids belong to the provider that issued them; a part with only a file_id is dropped",
)
O2A_REQUEST.carried(
    "messages[].content[].title",
    "messages[].content[].title",
    "document keys carried by our reverse direction: title, context, citations",
)

_IMAGE_PART_KEYS: Final = frozenset(
    {"type", "image_url", "prompt_cache_breakpoint", "cache_control", "transformations"}
)
_IMAGE_URL_KEYS: Final = frozenset({"url", "detail"})
_FILE_PART_KEYS: Final = frozenset(
    {"type", "file", "prompt_cache_breakpoint", "cache_control", "citations", "context", "title"}
)
_FILE_KEYS: Final = frozenset({"file_data", "file_id", "filename"})


def image_to_anthropic(part: Json, path: str, ctx: Context) -> Json:
    """The ``image`` block for an ``image_url`` part."""
    ctx.unknown(part, _IMAGE_PART_KEYS, path)
    image = part["image_url"]
    ctx.unknown(image, _IMAGE_URL_KEYS, f"{path}.image_url")
    url: str = image["url"]
    block: Json = {"type": "image", "source": _image_source(url, f"{path}.image_url.url")}
    detail = image.get("detail")
    if detail is not None and detail != "auto":
        ctx.lose(_IMAGE_DETAIL, f"{path}.image_url.detail")
    cache_control(part, block, path, ctx)
    if part.get("transformations") is not None:
        block["transformations"] = validate(
            ant.ImageTransformationsParam,
            part["transformations"],
            path=f"{path}.transformations",
        )
    return block


def _image_source(url: str, path: str) -> Json:
    parsed = parse_data_url(url)
    if parsed is not None:
        media_type, data, is_base64 = parsed
        if not is_base64:
            raise UnsupportedError(
                "only base64 data URLs can become Anthropic image sources", path=path
            )
        if media_type not in IMAGE_MEDIA_TYPES:
            raise UnsupportedError(
                f"image media type {quote(media_type)} is not supported by Anthropic (image/jpeg, image/png, image/gif, image/webp)",
                path=path,
            )
        return {"type": "base64", "media_type": media_type, "data": data}
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("http", "https"):
        return {"type": "url", "url": url}
    raise UnsupportedError(
        f"image URL scheme {quote(scheme)} is not supported; Anthropic takes https URLs or base64 data",
        path=path,
    )


def file_to_block(part: Json, path: str, ctx: Context) -> Json | None:
    """The ``document`` (or ``image``) block for a ``file`` part; None when it has no data."""
    ctx.unknown(part, _FILE_PART_KEYS, path)
    file = part["file"]
    ctx.unknown(file, _FILE_KEYS, f"{path}.file")
    data = file.get("file_data")
    if data is None:
        ctx.lose(_FILE_ID, f"{path}.file.file_id" if file.get("file_id") else f"{path}.file")
        # the rest of the dropped part (filename, a cache breakpoint ...) is lost with it; the
        # loss above keeps its reviewed path, so these are reported one by one
        dropped = [
            f"{path}.{k}"
            for k in sorted(_FILE_PART_KEYS - {"type", "file"})
            if part.get(k) is not None
        ]
        if file.get("filename") is not None:
            dropped.append(f"{path}.file.filename")
        for other in dropped:
            ctx.lose(_FILE_ID, other, detail="dropped with its part, which has no file_data")
        return None
    if file.get("file_id") is not None:
        ctx.lose(
            _FILE_ID,
            f"{path}.file.file_id",
            detail="file_id dropped; the inline file_data was sent",
        )
    parsed = parse_data_url(data)
    if parsed is not None:
        media_type, payload, is_base64 = parsed
        if not is_base64:
            raise UnsupportedError(
                "only base64 data URLs can become Anthropic documents",
                path=f"{path}.file.file_data",
            )
    else:
        payload = data
        media_type = (
            sniff_base64(data)
            or _media_type_from_name(file.get("filename"))
            or "application/octet-stream"
        )
    block: Json
    if media_type == PDF_MEDIA_TYPE:
        block = {
            "type": "document",
            "source": {"type": "base64", "media_type": PDF_MEDIA_TYPE, "data": payload},
        }
    elif media_type == TEXT_MEDIA_TYPE:
        text = b64_to_text(payload, f"{path}.file.file_data")
        block = {
            "type": "document",
            "source": {"type": "text", "media_type": TEXT_MEDIA_TYPE, "data": text},
        }
    elif media_type in IMAGE_MEDIA_TYPES:
        block = {
            "type": "image",
            "source": {"type": "base64", "media_type": media_type, "data": payload},
        }
        if file.get("filename") is not None:
            ctx.lose(
                _FILENAME,
                f"{path}.file.filename",
                kind="dropped",
                detail="an image has no title on Anthropic; the filename was dropped",
            )
        cache_control(part, block, path, ctx)
        return block
    else:
        raise UnsupportedError(
            f"file media type {quote(media_type)} has no Anthropic form (PDF, plain text and images do)",
            path=f"{path}.file.file_data",
        )
    title = part.get("title", file.get("filename"))
    if title is not None:
        block["title"] = title
    for key in ("context", "citations"):
        if part.get(key) is not None:
            block[key] = part[key]
    if "citations" in block:
        block["citations"] = validate(
            ant.CitationsConfigParam, block["citations"], path=f"{path}.citations"
        )
    cache_control(part, block, path, ctx)
    return block


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_REQUEST.mapped(
    "messages[].content[] (image)",
    "image_url part",
    "base64 source -> data URL; url source -> the URL",
)
_FILE_IMAGE = A2O_REQUEST.carried(
    "messages[].content[].source (file)",
    "the image block itself, as a part",
    "Files API ids belong to Anthropic; with extensions off the image is dropped",
)
A2O_REQUEST.mapped(
    "messages[].content[] (document)",
    "file part",
    "base64 PDF -> file_data data URL; plain-text source -> text/plain data URL; title -> filename",
)
_OTHER_DOCUMENT = A2O_REQUEST.carried(
    "messages[].content[].source (url, content, file)",
    "the document block itself, as a part",
    "URL, custom-content and Files API documents have no OpenAI file form",
)
A2O_REQUEST.mapped(
    "messages[].content[].source",
    "image_url.url / file.file_data",
    "see image and document blocks",
)
A2O_REQUEST.mapped(
    "messages[].content[].title",
    "file.filename",
    "document title",
)
_TRANSFORMATIONS = A2O_REQUEST.carried(
    "messages[].content[].transformations",
    "messages[].content[].transformations",
    "image transformations",
)
_CONTEXT = A2O_REQUEST.carried(
    "messages[].content[].context",
    "messages[].content[].context",
    "document context",
)

_IMAGE_KEYS: Final = frozenset({"type", "source", "cache_control", "transformations"})
_DOCUMENT_KEYS: Final = frozenset(
    {"type", "source", "cache_control", "citations", "context", "title"}
)
#: Keys of the image and document sources that become data URLs or URLs.
_SOURCE_KEYS: Final = {
    "base64": frozenset({"type", "media_type", "data"}),
    "text": frozenset({"type", "media_type", "data"}),
    "url": frozenset({"type", "url"}),
}
_IMAGE_CARRIED: Final[dict[str, Fate]] = {
    "cache_control": PART_CACHE_CONTROL,
    "transformations": _TRANSFORMATIONS,
}


def image_to_openai(block: Json, path: str, ctx: Context) -> Json | None:
    """The ``image_url`` part for an ``image`` block (a Files API image rides verbatim)."""
    ctx.unknown(block, _IMAGE_KEYS, path)
    source = block["source"]
    if source["type"] in _SOURCE_KEYS:
        # unknown keys of a converted source are not copied: report them
        ctx.unknown(source, _SOURCE_KEYS[source["type"]], f"{path}.source")
    if source["type"] == "base64":
        url = data_url(source["media_type"], source["data"])
    elif source["type"] == "url":
        url = source["url"]
    else:
        return _verbatim(block, path, _FILE_IMAGE, ctx)
    part: Json = {"type": "image_url", "image_url": {"url": url}}
    carry_keys(block, part, _IMAGE_CARRIED, path, ctx)
    return part


def document_to_file(block: Json, path: str, ctx: Context, citations: Fate) -> Json | None:
    """The ``file`` part for a ``document`` block (base64 PDF or plain text); other sources ride
    verbatim. ``citations`` is the row of the carried ``citations`` key."""
    ctx.unknown(block, _DOCUMENT_KEYS, path)
    source = block["source"]
    if source["type"] in ("base64", "text"):
        # unknown keys of a converted source are not copied: report them
        ctx.unknown(source, _SOURCE_KEYS[source["type"]], f"{path}.source")
    if source["type"] == "base64" and source.get("media_type") == PDF_MEDIA_TYPE:
        file_data = data_url(PDF_MEDIA_TYPE, source["data"])
    elif source["type"] == "text":
        file_data = data_url(TEXT_MEDIA_TYPE, text_to_b64(source["data"]))
    else:
        return _verbatim(block, path, _OTHER_DOCUMENT, ctx)
    file: Json = {"file_data": file_data}
    if block.get("title") is not None:
        file["filename"] = block["title"]
    part: Json = {"type": "file", "file": file}
    rows = {"cache_control": PART_CACHE_CONTROL, "citations": citations, "context": _CONTEXT}
    carry_keys(block, part, rows, path, ctx)
    return part


def _verbatim(block: Json, path: str, row: Fate, ctx: Context) -> Json | None:
    # without extensions the whole block is dropped (title, context, cache_control too), so
    # the loss names the block, not just its source
    if ctx.carry(row, path):
        return dict(block)
    return None
