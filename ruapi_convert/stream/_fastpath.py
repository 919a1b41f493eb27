"""
ruapi_convert.stream._fastpath
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Every byte-level shortcut of the stream converters, in one place.

Most events of a stream are a few words of text. For those, ``SSETranscoder`` skips pydantic and
the general path: a predicate recognises the event as valid as it stands, and its output is
written straight from a byte template. Each template sits beside the one function that builds the
same event the slow way, and two properties keep them honest: whatever a predicate accepts, the
model accepts unchanged (``tests/property/test_parser_fuzz.py``), and the transcoder's bytes equal
``feed()``'s models encoded (``tests/property/test_stream_properties.py``), which fails on a wrong
template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeGuard

from .. import _json
from ..sse import FRAME_END, Comment, Done, encode, frame, frame_head

if TYPE_CHECKING:
    from ..mapping._ledger import Json

__all__ = [
    "Raw",
    "chunk",
    "content_block_delta",
    "encode_raw",
    "is_plain_text_chunk",
    "is_plain_text_delta",
    "text_chunk_head",
    "text_chunk_tail",
    "text_delta_bytes",
]

#: What a converter emits before it becomes a model: (SSE event name or None, JSON body), or a
#: framing item (DONE, Comment).
Raw = tuple[str | None, "Json"] | Comment | Done


def encode_raw(item: Raw) -> bytes:
    """The SSE bytes of one raw item (framed by :func:`ruapi_convert.sse.frame`)."""
    if isinstance(item, tuple):
        name, body = item
        return frame(_json.dumps(body), name)
    return encode(item)


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------


def is_plain_text_delta(data: Any) -> TypeGuard[Json]:
    """True for ``{"type": "content_block_delta", "index": <int>, "delta": {"type": "text_delta",
    "text": <str>}}`` and nothing more: valid as it stands, so the converter can skip validating
    it."""
    if type(data) is not dict or len(data) != 3 or data.get("type") != "content_block_delta":
        return False
    delta = data.get("delta")
    return (
        type(delta) is dict
        and len(delta) == 2
        and delta.get("type") == "text_delta"
        and type(delta.get("text")) is str
        and type(data.get("index")) is int
    )


def chunk(template: Json, delta: Json, finish: str | None = None) -> Raw:
    """The slow way: one chunk of the stream (``template`` holds id, object, created, model and
    maybe service_tier) with one choice carrying ``delta``."""
    choice: Json = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
    return None, {**template, "choices": [choice]}


def text_chunk_head(template: Json) -> bytes:
    """``chunk(template, {"content": text})`` as SSE bytes is this head, the JSON string of the
    text, and :func:`text_chunk_tail`."""
    return frame_head() + _json.dumps(template)[:-1] + b',"choices":[{"index":0,"delta":{"content":'


_TEXT_CHUNK_TAIL: Final = b'},"logprobs":null,"finish_reason":null}]}' + FRAME_END


def text_chunk_tail() -> bytes:
    return _TEXT_CHUNK_TAIL


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

#: A delta with only these keys carries text and nothing else (no reasoning, tools or extensions).
TEXT_DELTA_KEYS: Final = frozenset({"role", "content"})

# The predicate below checks each of these keys itself, so a chunk with any other key (a field
# newer than this code, moderation, ...) takes the full validation: the key sets are built from
# the checks rather than from the model, whose fields may outgrow them.
_CHUNK_STRINGS: Final = ("id", "object", "model")
_CHUNK_OPTIONAL_STRINGS: Final = ("service_tier", "system_fingerprint", "obfuscation")
_CHUNK_KEYS: Final = frozenset(
    {*_CHUNK_STRINGS, *_CHUNK_OPTIONAL_STRINGS, "created", "choices", "usage"}
)
_CHOICE_KEYS: Final = frozenset({"index", "delta", "finish_reason", "logprobs"})


def is_plain_text_chunk(data: Any) -> TypeGuard[Json]:
    """True for the commonest chunk, as OpenAI sends it mid-stream: one choice whose delta holds
    only ``content`` (and maybe ``role``), no finish_reason, logprobs or usage yet, and no keys
    beyond the declared ones. Such a dict is valid as it stands, so the converter can skip
    validating it."""
    if (
        type(data) is not dict
        or not data.keys() <= _CHUNK_KEYS
        or type(data.get("created")) is not int
    ):
        return False
    for key in _CHUNK_STRINGS:
        if type(data.get(key)) is not str:
            return False
    for key in _CHUNK_OPTIONAL_STRINGS:
        value = data.get(key)
        if value is not None and type(value) is not str:
            return False
    choices = data.get("choices")
    if type(choices) is not list or len(choices) != 1 or data.get("usage") is not None:
        return False
    choice = choices[0]
    if (
        type(choice) is not dict
        or not choice.keys() <= _CHOICE_KEYS
        or type(choice.get("index")) is not int
        or choice.get("finish_reason") is not None
        or choice.get("logprobs") is not None
    ):
        return False
    delta = choice.get("delta")
    if type(delta) is not dict or not delta.keys() <= TEXT_DELTA_KEYS:
        return False
    content, role = delta.get("content"), delta.get("role")
    return (content is None or type(content) is str) and (role is None or type(role) is str)


def content_block_delta(index: int, delta: Json) -> Raw:
    """The slow way: a ``content_block_delta`` event for block ``index``."""
    return ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})


_TEXT_DELTA_HEAD: Final = (
    frame_head("content_block_delta") + b'{"type":"content_block_delta","index":'
)
_TEXT_DELTA_MIDDLE: Final = b',"delta":{"type":"text_delta","text":'
_TEXT_DELTA_TAIL: Final = b"}}" + FRAME_END


def text_delta_bytes(index: int, text: str) -> bytes:
    """``content_block_delta(index, {"type": "text_delta", "text": text})`` as SSE bytes."""
    return b"%s%d%s%s%s" % (
        _TEXT_DELTA_HEAD,
        index,
        _TEXT_DELTA_MIDDLE,
        _json.dumps(text),
        _TEXT_DELTA_TAIL,
    )
