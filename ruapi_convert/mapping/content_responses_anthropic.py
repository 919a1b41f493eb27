"""
ruapi_convert.mapping.content_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The content, media and cache concepts between the Responses API and Anthropic Messages, in
requests: message parts (``input_text``, ``output_text``, ``input_image``, ``input_file``) <->
blocks (``text``, ``image``, ``document``), the parts of a tool output <-> the content of a
``tool_result``, and prompt-cache marks.

Media: a Responses ``input_image`` is a flat URL (https or ``data:``) with a required ``detail``;
an Anthropic image has a ``source`` (base64 or url). A Responses ``input_file`` is ``file_data``
(a data URL or raw base64), ``file_url`` or ``file_id`` with a ``filename``; an Anthropic document
is a base64 PDF, a plain-text, a URL PDF or a file source with a ``title``. Nothing is downloaded.
Ids of uploaded files belong to the provider that issued them: dropped, reported.

Cache: a Responses part's ``prompt_cache_breakpoint`` (``{mode: "explicit", ttl?: 30m | 12h}``)
and an Anthropic block's ``cache_control`` (``{type: "ephemeral", ttl?: 5m | 1h}``) both say
"cache the prompt up to here": they map onto each other, the TTLs to the nearest one that lasts
at least as long (approximated). The request-level ``prompt_cache_key`` (Codex always sends one)
has no Anthropic counterpart; it becomes Anthropic's top-level ``cache_control`` (automatic
caching: "the system automatically applies a cache breakpoint to the last cacheable block"), so
that a Codex session in front of Claude gets cache hits at all - the complaint of langfuse PR#16865
and CLIProxyAPI#5557 ("Claude on the Responses path gets no prompt_cache_breakpoint").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import UnsupportedError
from ._ledger import A2R_REQUEST, R2A_REQUEST, Counterpart, Json
from .cache import CACHE_TTL_TO_ANTHROPIC
from .media import (
    IMAGE_MEDIA_TYPES,
    PDF_MEDIA_TYPE,
    TEXT_MEDIA_TYPE,
    b64_to_text,
    data_url,
    parse_data_url,
    sniff_base64,
    text_to_b64,
)

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "CACHE_TTL_TO_RESPONSES",
    "breakpoint_of",
    "cache_control_of",
    "input_part",
    "request_block",
    "user_content",
]

#: Anthropic cache_control.ttl -> Responses prompt_cache_breakpoint.ttl.
CACHE_TTL_TO_RESPONSES: Final[dict[str, Counterpart]] = {
    "5m": Counterpart("", exact=False, note="Responses has no 5-minute TTL; the server's default"),
    "1h": Counterpart("12h", exact=False, note="Responses has 30m and 12h; 12h lasts 1h"),
}

# -- cache marks -----------------------------------------------------------------------------------

_BREAKPOINT = R2A_REQUEST.mapped(
    "input[].content[].prompt_cache_breakpoint",
    "messages[].content[].cache_control",
    "{mode: explicit} <-> {type: ephemeral}; ttl 30m and 12h -> 1h (approximated)",
)
R2A_REQUEST.mapped("input[].content[].prompt_cache_breakpoint.mode", "cache_control.type")
R2A_REQUEST.mapped("input[].content[].prompt_cache_breakpoint.ttl", "cache_control.ttl")
_CACHE_CONTROL = A2R_REQUEST.mapped(
    "messages[].content[].cache_control",
    "input[].content[].prompt_cache_breakpoint",
    "{type: ephemeral} -> {mode: explicit}; ttl 5m -> no ttl, 1h -> 12h (approximated). On blocks that become no part (tool_use, tool_result, thinking, server tool blocks) it is dropped (reported)",
)
A2R_REQUEST.mapped("messages[].content[].cache_control.ttl", "prompt_cache_breakpoint.ttl")
A2R_REQUEST.mapped("system[].cache_control", "input[0].content[].prompt_cache_breakpoint")
A2R_REQUEST.mapped("system[].cache_control.ttl", "prompt_cache_breakpoint.ttl")


def cache_control_of(part: Json, block: Json, path: str, ctx: Context) -> None:
    """``cache_control`` on ``block`` for ``part``'s ``prompt_cache_breakpoint``."""
    point = part.get("prompt_cache_breakpoint")
    if point is None:
        return
    ctx.unknown(point, frozenset({"mode", "ttl"}), f"{path}.prompt_cache_breakpoint")
    control: Json = {"type": "ephemeral"}
    ttl = point.get("ttl")
    if ttl is not None:
        mapped = CACHE_TTL_TO_ANTHROPIC.get(ttl)
        if mapped is not None:
            control["ttl"] = mapped.value
        ctx.lose(
            _BREAKPOINT,
            f"{path}.prompt_cache_breakpoint.ttl",
            kind="approximated",
            detail=f"cache TTL {ctx.quote(ttl)} sent as {mapped.value if mapped else 'the 5-minute default'!r}: Anthropic has 5m and 1h",
        )
    if point.get("mode") != "explicit":
        ctx.lose(
            _BREAKPOINT,
            f"{path}.prompt_cache_breakpoint.mode",
            kind="approximated",
            detail=f"breakpoint mode {ctx.quote(point.get('mode'))} sent as an ephemeral cache_control",
        )
    block["cache_control"] = control


def breakpoint_of(block: Json, part: Json, path: str, ctx: Context) -> None:
    """``prompt_cache_breakpoint`` on ``part`` for ``block``'s ``cache_control``."""
    control = block.get("cache_control")
    if control is None:
        return
    ctx.unknown(control, frozenset({"type", "ttl"}), f"{path}.cache_control")
    point: Json = {"mode": "explicit"}
    ttl = control.get("ttl")
    if ttl is not None:
        mapped = CACHE_TTL_TO_RESPONSES.get(ttl)
        if mapped is not None and mapped.value:
            point["ttl"] = mapped.value
        ctx.lose(
            _CACHE_CONTROL,
            f"{path}.cache_control.ttl",
            kind="approximated",
            detail=f"cache TTL {ctx.quote(ttl)}: {mapped.note if mapped else 'unknown; the default was used'}",
        )
    part["prompt_cache_breakpoint"] = point


def lose_cache_control(block: Json, path: str, ctx: Context) -> None:
    """Report the ``cache_control`` of a block that becomes no part."""
    if block.get("cache_control") is not None:
        ctx.lose(
            _CACHE_CONTROL,
            f"{path}.cache_control",
            kind="dropped",
            detail="a Responses item of this kind has no cache breakpoint",
        )


# -- Responses -> Anthropic: parts -> blocks ---------------------------------------------------------

R2A_REQUEST.mapped("input[].content", "messages[].content", "a string stays a string")
R2A_REQUEST.mapped("input[].content[].text", "messages[].content[].text")
_ANNOTATIONS = R2A_REQUEST.dropped(
    "input[].content[].annotations",
    "citations of replayed text: Anthropic request citations need the encrypted index of its own search results (an empty list is not reported)",
)
_LOGPROBS = R2A_REQUEST.dropped(
    "input[].content[].logprobs",
    "log probabilities of a replayed reply mean nothing to the model (an empty list is not reported)",
)
_UNKNOWN_PART = R2A_REQUEST.dropped(
    "input[].content[] (unknown types)",
    "part types with no Anthropic block here: input_audio, parts a role cannot have (an image in a system message), and unknown types",
)
R2A_REQUEST.dropped("input[].content[].input_audio", "Anthropic takes no audio")
R2A_REQUEST.mapped(
    "input[].content[].image_url",
    "messages[].content[].source",
    "data:<image type>;base64 -> {type: base64, media_type, data}; https -> {type: url, url}; other media types and schemes raise UnsupportedError (nothing is downloaded)",
)
_DETAIL = R2A_REQUEST.dropped(
    "input[].content[].detail",
    "Anthropic has no image or file detail level ('auto' is not reported)",
)
_FILE_ID = R2A_REQUEST.dropped(
    "input[].content[].file_id",
    "ids of uploaded files belong to the provider that issued them; a part with nothing else is dropped",
)
R2A_REQUEST.mapped(
    "input[].content[].file_data",
    "messages[].content[]: document source",
    "a data URL or raw base64 (sniffed): PDF -> base64 document, text/plain -> text document, images -> image block; other types raise UnsupportedError",
)
R2A_REQUEST.mapped(
    "input[].content[].file_url",
    "messages[].content[].source: {type: url, url}",
    "a document by URL (Anthropic fetches PDFs by URL itself)",
)
R2A_REQUEST.mapped("input[].content[].filename", "messages[].content[].title")

_TEXT_KEYS: Final = frozenset(
    {"type", "text", "prompt_cache_breakpoint", "annotations", "logprobs"}
)
_IMAGE_KEYS: Final = frozenset(
    {"type", "image_url", "file_id", "detail", "prompt_cache_breakpoint"}
)
_FILE_KEYS: Final = frozenset(
    {"type", "file_data", "file_id", "file_url", "filename", "detail", "prompt_cache_breakpoint"}
)


def user_content(content: Any, path: str, ctx: Context, *, images: bool = True) -> Any:
    """Anthropic content for a Responses message's (or tool output's) ``content``: a string
    stays a string, parts become blocks (media only where ``images``)."""
    if isinstance(content, str):
        return content
    blocks: list[Json] = []
    for j, part in enumerate(content):
        block = request_block(part, f"{path}[{j}]", ctx, images=images)
        if block is not None:
            blocks.append(block)
    return blocks


def request_block(part: Json, path: str, ctx: Context, *, images: bool = True) -> Json | None:
    """The Anthropic block of one Responses part, or None (reported)."""
    kind = part.get("type")
    if kind in ("input_text", "output_text"):
        ctx.unknown(part, _TEXT_KEYS, path)
        if part.get("annotations"):
            ctx.lose(_ANNOTATIONS, f"{path}.annotations")
        if part.get("logprobs"):
            ctx.lose(_LOGPROBS, f"{path}.logprobs")
        block: Json = {"type": "text", "text": part["text"]}
        cache_control_of(part, block, path, ctx)
        return block
    if kind == "input_image" and images:
        return _image(part, path, ctx)
    if kind == "input_file" and images:
        return _file(part, path, ctx)
    ctx.lose(
        _UNKNOWN_PART,
        path,
        kind="dropped" if kind in ("input_audio", "input_image", "input_file") else "unknown",
        detail=f"content part type {ctx.quote(kind)} has no Anthropic block here; dropped",
    )
    return None


def _image(part: Json, path: str, ctx: Context) -> Json | None:
    ctx.unknown(part, _IMAGE_KEYS, path)
    _detail(part, path, ctx)
    url = part.get("image_url")
    if url is None:
        ctx.lose(_FILE_ID, path, detail="an image given by file_id (or by nothing) was dropped")
        return None
    if part.get("file_id") is not None:
        ctx.lose(_FILE_ID, f"{path}.file_id", detail="file_id next to image_url: the URL was sent")
    block: Json = {"type": "image", "source": image_source(url, f"{path}.image_url")}
    cache_control_of(part, block, path, ctx)
    return block


def image_source(url: str, path: str) -> Json:
    """The Anthropic image ``source`` of a URL (https or a base64 data URL)."""
    parsed = parse_data_url(url)
    if parsed is not None:
        media_type, data, is_base64 = parsed
        if not is_base64 or media_type not in IMAGE_MEDIA_TYPES:
            raise UnsupportedError(
                "Anthropic images are base64 JPEG, PNG, GIF or WebP, or https URLs", path=path
            )
        return {"type": "base64", "media_type": media_type, "data": data}
    if url.split(":", 1)[0].lower() in ("http", "https"):
        return {"type": "url", "url": url}
    raise UnsupportedError("Anthropic takes https URLs or base64 data for images", path=path)


def _detail(part: Json, path: str, ctx: Context) -> None:
    if part.get("detail") not in (None, "auto"):
        ctx.lose(_DETAIL, f"{path}.detail")


def _file(part: Json, path: str, ctx: Context) -> Json | None:
    ctx.unknown(part, _FILE_KEYS, path)
    _detail(part, path, ctx)
    data, url = part.get("file_data"), part.get("file_url")
    if data is None and url is None:
        ctx.lose(_FILE_ID, path, detail="a file given by file_id (or by nothing) was dropped")
        return None
    if part.get("file_id") is not None:
        ctx.lose(_FILE_ID, f"{path}.file_id", detail="file_id next to the file's data or URL")
    block: Json
    if data is None:
        block = {"type": "document", "source": {"type": "url", "url": url}}
    else:
        if url is not None:
            ctx.lose(
                _FILE_ID, f"{path}.file_url", detail="file_url next to file_data: the data was sent"
            )
        parsed = parse_data_url(data)
        if parsed is not None:
            media_type, payload, is_base64 = parsed
            if not is_base64:
                raise UnsupportedError(
                    "only base64 data URLs can become Anthropic documents", path=f"{path}.file_data"
                )
        else:
            payload, media_type = data, sniff_base64(data) or _by_name(part.get("filename"))
        if media_type == PDF_MEDIA_TYPE:
            source: Json = {"type": "base64", "media_type": PDF_MEDIA_TYPE, "data": payload}
        elif media_type == TEXT_MEDIA_TYPE:
            text = b64_to_text(payload, f"{path}.file_data")
            source = {"type": "text", "media_type": TEXT_MEDIA_TYPE, "data": text}
        elif media_type in IMAGE_MEDIA_TYPES:
            block = {
                "type": "image",
                "source": {"type": "base64", "media_type": media_type, "data": payload},
            }
            if part.get("filename") is not None:
                ctx.lose(_FILE_ID, f"{path}.filename", detail="an image has no title on Anthropic")
            cache_control_of(part, block, path, ctx)
            return block
        else:
            raise UnsupportedError(
                f"file media type {ctx.quote(media_type)} has no Anthropic form (PDF, plain text and images do)",
                path=f"{path}.file_data",
            )
        block = {"type": "document", "source": source}
    if part.get("filename") is not None:
        block["title"] = part["filename"]
    cache_control_of(part, block, path, ctx)
    return block


def _by_name(filename: Any) -> str:
    if isinstance(filename, str) and filename.lower().endswith(".pdf"):
        return PDF_MEDIA_TYPE
    if isinstance(filename, str) and filename.lower().endswith((".txt", ".md")):
        return TEXT_MEDIA_TYPE
    return "application/octet-stream"


# -- Anthropic -> Responses: blocks -> parts ---------------------------------------------------------

A2R_REQUEST.mapped("messages[].content", "input[].content", "a string stays a string")
A2R_REQUEST.mapped("messages[].content[].text", "input[].content[].text")
_CITATIONS = A2R_REQUEST.dropped(
    "messages[].content[].citations",
    "citations of replayed text (and a document's citation setting) have no Responses input form",
)
A2R_REQUEST.mapped(
    "messages[].content[] (image)",
    "input[].content[]: input_image",
    "base64 -> data URL, url -> the URL; detail 'auto' (Responses requires one)",
)
A2R_REQUEST.mapped(
    "messages[].content[] (document)",
    "input[].content[]: input_file",
    "base64 PDF and plain text -> file_data (a data URL), URL -> file_url, title -> filename; custom content documents and file sources are dropped (reported)",
)
A2R_REQUEST.mapped(
    "messages[].content[].source", "input[].content[].image_url / file_data / file_url"
)
_SOURCE = A2R_REQUEST.row("messages[].content[].source")
A2R_REQUEST.mapped("messages[].content[].title", "input[].content[].filename")
_CONTEXT = A2R_REQUEST.dropped(
    "messages[].content[].context", "a document's context has no Responses field"
)
_TRANSFORMATIONS = A2R_REQUEST.dropped(
    "messages[].content[].transformations", "image transformations have no Responses field"
)
_A2R_UNKNOWN = A2R_REQUEST.dropped(
    "messages[].content[] (unknown types)",
    "block types with no Responses part in this place: search_result, tool_reference, browser state, container uploads, and unknown types",
)

_BLOCK_KEYS: Final = {
    "text": frozenset({"type", "text", "cache_control", "citations"}),
    "image": frozenset({"type", "source", "cache_control", "transformations"}),
    "document": frozenset({"type", "source", "cache_control", "title", "context", "citations"}),
}


def input_part(block: Json, path: str, ctx: Context, *, output: bool = False) -> Json | None:
    """The Responses part of an Anthropic block (``output_text`` when ``output``), or None."""
    kind = block.get("type")
    keys = _BLOCK_KEYS.get(kind)  # type: ignore[arg-type]
    if keys is None or (output and kind != "text"):
        ctx.lose(
            _A2R_UNKNOWN,
            path,
            kind="unknown" if keys is None else "dropped",
            detail=f"block type {ctx.quote(kind)} has no Responses part here; dropped",
        )
        return None
    ctx.unknown(block, keys, path)
    if block.get("citations"):
        ctx.lose(_CITATIONS, f"{path}.citations")
    for key, row in (("context", _CONTEXT), ("transformations", _TRANSFORMATIONS)):
        if block.get(key) is not None:
            ctx.lose(row, f"{path}.{key}")
    part: Json
    if kind == "text":
        part = {"type": "output_text" if output else "input_text", "text": block["text"]}
    else:
        made = _media_part(block, path, ctx)
        if made is None:
            return None
        part = made
    if output:
        if block.get("cache_control") is not None:
            lose_cache_control(block, path, ctx)
    else:
        breakpoint_of(block, part, path, ctx)
    return part


def _media_part(block: Json, path: str, ctx: Context) -> Json | None:
    source = block["source"]
    kind = source.get("type")
    if block["type"] == "image":
        if kind == "base64":
            url = data_url(source["media_type"], source["data"])
        elif kind == "url":
            url = source["url"]
        else:
            _lost_source(kind, path, ctx)
            return None
        return {"type": "input_image", "image_url": url, "detail": "auto"}
    part: Json = {"type": "input_file"}
    if kind == "base64":
        part["file_data"] = data_url(source.get("media_type") or PDF_MEDIA_TYPE, source["data"])
    elif kind == "text":
        part["file_data"] = data_url(TEXT_MEDIA_TYPE, text_to_b64(source["data"]))
    elif kind == "url":
        part["file_url"] = source["url"]
    else:
        _lost_source(kind, path, ctx)
        return None
    if block.get("title") is not None:
        part["filename"] = block["title"]
    return part


def _lost_source(kind: Any, path: str, ctx: Context) -> None:
    ctx.lose(
        _SOURCE,
        path,  # the whole block is dropped, title and all
        kind="dropped",
        detail=f"a {ctx.quote(kind)} source has no Responses form (file ids belong to Anthropic); the block was dropped",
    )
