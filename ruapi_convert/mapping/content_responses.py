"""
ruapi_convert.mapping.content_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the content concept: message parts (``input_text``, ``output_text``,
``refusal``, and the media parts of :mod:`.media_responses`) <-> Chat content parts, a reply's
text with its ``url_citation`` annotations (``start_index``/``end_index`` flat in Responses,
nested under ``url_citation`` in Chat, the same character offsets) and its log probabilities.

Policy: an assistant message of one text part becomes a Chat string (what every Chat server
takes); several parts stay parts. A Chat reply's text is one ``output_text`` part of one message
item; the other way, the ``output_text`` parts of a Response's message items are joined (parts of
one message with nothing, messages with a blank line, as :mod:`.content` joins Anthropic blocks),
and annotation offsets are moved with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import O2R_REQUEST, O2R_RESPONSE, R2O_REQUEST, R2O_RESPONSE, Json
from .cache import copy_breakpoint
from .content import TEXT_SEPARATOR
from .media_responses import chat_file, chat_image, input_file, input_image

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "PHASE",
    "assistant_content",
    "chat_annotations",
    "chat_logprobs",
    "input_parts",
    "message_item",
    "output_annotations",
    "output_logprobs",
    "reply_text",
    "text_parts",
    "user_part",
]

# -- Responses -> Chat: requests ------------------------------------------------------------------

R2O_REQUEST.mapped(
    "input[].content",
    "messages[].content",
    "a string stays a string; input parts become Chat parts; an assistant message of one text part becomes a string",
)
R2O_REQUEST.mapped("input[].content[].text", "messages[].content[].text")
_UNKNOWN_PART = R2O_REQUEST.dropped(
    "input[].content[] (unknown types)",
    "part types this library does not know, and parts that cannot appear in that role (an image in a system message)",
)
_ANNOTATIONS = R2O_REQUEST.dropped(
    "input[].content[].annotations",
    "Chat request parts carry no citations (an empty list is not reported)",
)
_LOGPROBS = R2O_REQUEST.dropped(
    "input[].content[].logprobs",
    "log probabilities of a replayed reply mean nothing to the model (an empty list is not reported)",
)
R2O_REQUEST.mapped(
    "input[].content[].refusal",
    "messages[].refusal",
    "an assistant refusal part becomes the message's refusal (several join with nothing)",
)
PHASE = R2O_REQUEST.carried(
    "input[].phase",
    "messages[].phase",
    "commentary / final_answer of an assistant message, on the Chat assistant message under its own name (the SDK warns that dropping it degrades gpt-5.3-codex and later)",
)

_TEXT_KEYS: Final = frozenset({"type", "text", "prompt_cache_breakpoint"})
_OUTPUT_TEXT_KEYS: Final = frozenset({"type", "text", "annotations", "logprobs"})


def text_parts(content: Any, path: str, ctx: Context) -> Any:
    """System or developer content: a string, or its text parts (other parts are reported)."""
    if isinstance(content, str):
        return content
    parts: list[Json] = []
    for j, part in enumerate(content):
        ppath = f"{path}[{j}]"
        if part["type"] in ("input_text", "output_text"):
            parts.append(_text(part, ppath, ctx))
        else:
            _unknown(part, ppath, ctx)
    return parts


def user_part(part: Json, path: str, ctx: Context) -> Json | None:
    """The Chat part of a user (or tool output) part; None when it has no Chat form."""
    kind = part["type"]
    if kind in ("input_text", "output_text"):
        return _text(part, path, ctx)
    if kind == "input_image":
        return chat_image(part, path, ctx)
    if kind == "input_file":
        return chat_file(part, path, ctx)
    if kind == "input_audio":
        ctx.unknown(part, frozenset({"type", "input_audio"}), path)
        return {"type": "input_audio", "input_audio": part["input_audio"]}
    _unknown(part, path, ctx)
    return None


def assistant_content(content: Any, path: str, ctx: Context) -> tuple[Any, str | None]:
    """An assistant message's Chat ``content`` (a string for one text part) and ``refusal``."""
    if isinstance(content, str):
        return content, None
    parts: list[Json] = []
    refusals: list[str] = []
    for j, part in enumerate(content):
        ppath = f"{path}[{j}]"
        if part["type"] in ("output_text", "input_text"):
            parts.append(_text(part, ppath, ctx))
        elif part["type"] == "refusal":
            ctx.unknown(part, frozenset({"type", "refusal"}), ppath)
            refusals.append(part["refusal"])
        else:
            _unknown(part, ppath, ctx)
    refusal = "".join(refusals) if refusals else None
    if len(parts) == 1 and set(parts[0]) == {"type", "text"}:
        return parts[0]["text"], refusal
    return (parts or None), refusal


def _text(part: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(part, _TEXT_KEYS | _OUTPUT_TEXT_KEYS, path)
    if part.get("annotations"):
        ctx.lose(_ANNOTATIONS, f"{path}.annotations")
    if part.get("logprobs"):
        ctx.lose(_LOGPROBS, f"{path}.logprobs")
    out: Json = {"type": "text", "text": part["text"]}
    copy_breakpoint(part, out)
    return out


def _unknown(part: Json, path: str, ctx: Context) -> None:
    ctx.lose(
        _UNKNOWN_PART,
        path,
        kind="unknown",
        detail=f"content part type {part['type']!r} cannot appear here; dropped",
    )


# -- Chat -> Responses: requests ------------------------------------------------------------------

O2R_REQUEST.mapped(
    "messages[].content",
    "input[].content",
    "a string stays a string (an assistant string becomes one output_text part); parts become input parts",
)
O2R_REQUEST.mapped("messages[].content[].text", "input[].content[].text")
_O2R_UNKNOWN_PART = O2R_REQUEST.dropped(
    "messages[].content[] (unknown types)",
    "part types with no Responses input form: input_audio (Responses input messages take no audio), and unknown types",
)
O2R_REQUEST.dropped("messages[].content[].input_audio", "see the unknown part types")
O2R_REQUEST.mapped(
    "messages[].content[].refusal",
    "input[].content[]: refusal",
)
O2R_REQUEST.carried(
    "messages[].phase",
    "input[].phase",
    "the extension our reverse direction writes",
)


def input_parts(content: Any, path: str, ctx: Context, *, output: bool = False) -> Any:
    """Chat content as Responses content: a string stays a string (except for ``output``, the
    parts of an assistant message, which are always a list); parts become input parts."""
    if isinstance(content, str):
        return [{"type": "output_text", "text": content}] if output else content
    parts: list[Json] = []
    for j, part in enumerate(content or ()):
        ppath = f"{path}[{j}]"
        kind = part["type"]
        if kind == "text":
            ctx.unknown(part, frozenset({"type", "text", "prompt_cache_breakpoint"}), ppath)
            out: Json = {"type": "output_text" if output else "input_text", "text": part["text"]}
            if not output:
                copy_breakpoint(part, out)
            parts.append(out)
        elif kind == "refusal" and output:
            parts.append({"type": "refusal", "refusal": part["refusal"]})
        elif kind == "image_url" and not output:
            parts.append(input_image(part, ppath, ctx))
        elif kind == "file" and not output:
            parts.append(input_file(part, ppath, ctx))
        else:
            ctx.lose(
                _O2R_UNKNOWN_PART,
                ppath,
                kind="dropped" if kind == "input_audio" else "unknown",
                detail=f"content part type {kind!r} has no Responses form here; dropped",
            )
    return parts


# -- Chat -> Responses: replies -------------------------------------------------------------------

O2R_RESPONSE.mapped(
    "choices[].message.content",
    "output[]: message item, output_text part",
    "one message item (id msg_ + the response id's base) with one output_text part; annotations [] when the reply has none; empty text next to tool calls or reasoning makes no message item",
)
O2R_RESPONSE.mapped(
    "choices[].message.refusal",
    "output[]: message item, refusal part",
    "after the text part",
)
O2R_RESPONSE.mapped(
    "choices[].message.annotations",
    "output[].content[].annotations",
    "url_citation {url_citation: {start_index, end_index, title, url}} -> {type: url_citation, start_index, end_index, title, url} (the same offsets); other types are dropped (unknown)",
)
O2R_LOGPROBS = O2R_RESPONSE.mapped(
    "choices[].logprobs",
    "output[].content[].logprobs",
    "content token logprobs -> the output_text part's logprobs (bytes null -> []); refusal logprobs are dropped",
)
O2R_RESPONSE.dropped(
    "choices[].message.audio",
    "a Response has no audio output item",
)


def output_annotations(annotations: Any, path: str, ctx: Context) -> list[Json]:
    """Responses ``output_text`` annotations for Chat ``annotations``."""
    out: list[Json] = []
    for j, annotation in enumerate(annotations or ()):
        if annotation.get("type") == "url_citation":
            cite = annotation["url_citation"]
            out.append({"type": "url_citation", **{k: cite[k] for k in _CITE_KEYS}})
        else:
            ctx.lose(
                O2R_RESPONSE.row("choices[].message.annotations"),
                f"{path}[{j}]",
                kind="unknown",
                detail=f"annotation type {annotation.get('type')!r} is unknown; dropped",
            )
    return out


_CITE_KEYS: Final = ("start_index", "end_index", "title", "url")


def output_logprobs(logprobs: Any) -> list[Json] | None:
    """Responses ``output_text.logprobs`` for a Chat choice's ``logprobs`` (None: there are none)."""
    if not isinstance(logprobs, dict) or logprobs.get("content") is None:
        return None
    return [_token(t, top=True) for t in logprobs["content"]]


def _token(token: Json, *, top: bool) -> Json:
    out: Json = {
        "token": token["token"],
        "bytes": token.get("bytes") or [],
        "logprob": token["logprob"],
    }
    if top:
        out["top_logprobs"] = [_token(t, top=False) for t in token.get("top_logprobs") or ()]
    return out


def message_item(
    text: str | None,
    refusal: str | None,
    annotations: list[Json],
    logprobs: list[Json] | None,
    item_id: str,
    status: str,
    *,
    alone: bool,
) -> Json | None:
    """The message output item of a Chat reply's text and refusal: None when it has neither, or
    when its text is empty (``""``, which servers send with tool calls) and it is not ``alone``
    (the reply has nothing else, and a Response that said nothing still has its message)."""
    content: list[Json] = []
    if text is not None and (text or (alone and not refusal)):
        part: Json = {"type": "output_text", "annotations": annotations, "text": text}
        if logprobs is not None:
            part["logprobs"] = logprobs
        content.append(part)
    if refusal:
        content.append({"type": "refusal", "refusal": refusal})
    if not content:
        return None
    return {
        "id": item_id,
        "type": "message",
        "status": status,
        "content": content,
        "role": "assistant",
    }


# -- Responses -> Chat: replies -------------------------------------------------------------------

R2O_RESPONSE.mapped(
    "output[] (message)",
    "choices[0].message.content / refusal",
    "the output_text parts of every message item, joined (parts of one item with nothing, items with a blank line; several items are reported as approximated); refusal parts -> refusal",
)
R2O_RESPONSE.mapped("output[].content", "choices[0].message.content")
R2O_RESPONSE.mapped("output[].content[].text", "choices[0].message.content")
R2O_RESPONSE.mapped("output[].content[].refusal", "choices[0].message.refusal")
R2O_RESPONSE.mapped(
    "output[].content[].annotations",
    "choices[0].message.annotations",
    "url_citation -> {type: url_citation, url_citation: {start_index, end_index, title, url}}, offsets moved into the joined content; file_citation, container_file_citation and file_path have no Chat form (dropped)",
)
R2O_RESPONSE.mapped(
    "output[].content[].logprobs",
    "choices[0].logprobs.content",
)
_R2O_PART = R2O_RESPONSE.dropped(
    "output[].content[] (unknown types)",
    "part types this library does not know",
)
_R2O_PHASE = R2O_RESPONSE.carried(
    "output[].phase",
    "choices[0].message.phase",
    "the phase of the (last) message item",
)
_SEVERAL = R2O_RESPONSE.row("output[] (message)")


def reply_text(items: list[tuple[Json, str]], ctx: Context) -> Json:
    """The Chat message fields (``content``, ``refusal``, ``annotations``, ``phase``) and the
    choice's ``logprobs`` (under ``"logprobs"``) for a Response's message items."""
    texts: list[str] = []
    length = 0
    last = -1  # the message item of the last output_text part
    refusals: list[str] = []
    annotations: list[Json] = []
    logprobs: list[Json] = []
    has_logprobs = False
    phase = None
    for n, (item, path) in enumerate(items):
        for j, part in enumerate(item.get("content") or ()):
            ppath = f"{path}.content[{j}]"
            if part["type"] == "output_text":
                if length and last != n:
                    texts.append(TEXT_SEPARATOR)  # separate messages, as separate paragraphs
                    length += len(TEXT_SEPARATOR)
                last = n
                for k, annotation in enumerate(part.get("annotations") or ()):
                    converted = chat_annotations(
                        annotation, length, f"{ppath}.annotations[{k}]", ctx
                    )
                    if converted is not None:
                        annotations.append(converted)
                if part.get("logprobs") is not None:
                    has_logprobs = True
                    logprobs.extend(chat_logprobs(part["logprobs"]))
                texts.append(part["text"])
                length += len(part["text"])
            elif part["type"] == "refusal":
                refusals.append(part["refusal"])
            else:
                ctx.lose(
                    _R2O_PART,
                    ppath,
                    kind="unknown",
                    detail=f"content part type {part['type']!r} is unknown; dropped",
                )
        if item.get("phase") is not None:
            phase = (item["phase"], f"{path}.phase")
    if len(items) > 1:
        ctx.lose(
            _SEVERAL,
            "output",
            kind="approximated",
            detail=f"{len(items)} message items were joined into one content string",
        )
    out: Json = {"content": "".join(texts) if texts else None}
    out["refusal"] = "".join(refusals) if refusals else None
    if annotations:
        out["annotations"] = annotations
    if phase is not None and ctx.carry(_R2O_PHASE, phase[1]):
        out["phase"] = phase[0]
    if has_logprobs:
        out["logprobs"] = {"content": logprobs, "refusal": None}
    return out


def chat_annotations(annotation: Json, offset: int, path: str, ctx: Context) -> Json | None:
    """The Chat annotation of a Responses one (offsets moved by ``offset``), or None (reported)."""
    if annotation.get("type") != "url_citation":
        ctx.lose(
            R2O_RESPONSE.row("output[].content[].annotations"),
            path,
            kind="dropped",
            detail=f"a {annotation.get('type')!r} annotation has no Chat form; dropped",
        )
        return None
    cite = {k: annotation[k] for k in _CITE_KEYS}
    cite["start_index"] += offset
    cite["end_index"] += offset
    return {"type": "url_citation", "url_citation": cite}


def chat_logprobs(logprobs: list[Json]) -> list[Json]:
    """Chat ``logprobs.content`` entries for an ``output_text`` part's logprobs."""
    return [
        {
            "token": t["token"],
            "logprob": t["logprob"],
            "bytes": t.get("bytes"),
            "top_logprobs": [
                {"token": u["token"], "logprob": u["logprob"], "bytes": u.get("bytes")}
                for u in t.get("top_logprobs") or ()
            ],
        }
        for t in logprobs
    ]
