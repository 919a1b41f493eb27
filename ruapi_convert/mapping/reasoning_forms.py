"""
ruapi_convert.mapping.reasoning_forms
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: reasoning in the forms other servers use - in replies and in the history sent back to
them - is translated here to and from the standard fields that :mod:`.reasoning` maps.

Reading (every reply and stream, whatever the dialect, except ``<think>`` tags):

* Mistral's content list: ``[{"type": "thinking", "thinking": [{"type": "text", "text": ...}]},
  {"type": "text", "text": ...}]`` - the thinking chunks are reasoning, the text chunks content.
* ``<think>...</think>`` at the start of the content (MiniMax without ``reasoning_split``): only
  for dialects that say so, since ordinary text may start with the same characters.

Writing (a tool loop's history, to the dialect named): ``reasoning_content`` (DeepSeek, Kimi,
GLM ...), ``reasoning`` (vLLM, Ollama), ``reasoning_details`` (OpenRouter, MiniMax),
``thinking_blocks`` (LiteLLM), or a thinking chunk at the start of the content (Mistral). Only
``reasoning_details`` and ``thinking_blocks`` can hold signatures and redacted blocks; the other
forms send the text and report what they could not hold.

Gemini's thought signatures ride on tool calls (``tool_calls[].extra_content.google
.thought_signature``; "you must pass back thought signatures during function calling, otherwise
you will get a validation error", ai.google.dev/gemini-api/docs/thought-signatures). An Anthropic
message has no field on a ``tool_use`` block for one, so a reply's signature becomes an empty
thinking block just before the call's ``tool_use`` block, its signature marked as Gemini's
(:data:`GEMINI_SIGNATURE`); the client sends the block back with the history, and for dialect
``gemini`` it goes back onto the call that follows it. The mark keeps a Claude signature from ever
being sent to Gemini as a thought signature (and the other way round, it tells a reader where the
signature came from).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import A2O_REQUEST, O2A_RESPONSE, Json
from .content import reply_text
from .dialects import dialect_of
from .reasoning import REASONING_SEPARATOR, REQUEST_THINKING, thinking_to_openai

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "GEMINI_SIGNATURE",
    "ThinkTags",
    "call_signature",
    "gemini_signature",
    "lift_delta",
    "lift_reasoning",
    "replay_reasoning",
    "require_reasoning",
    "signature_block",
    "unplaced_signature",
]

_OPEN: Final = "<think>"
_CLOSE: Final = "</think>"

_PARTIAL_REPLAY = A2O_REQUEST.approximated(
    "messages[].content[] (thinking, dialect)",
    "messages[]: the dialect's reasoning field",
    "a dialect that reads reasoning as text (reasoning_content, reasoning, Mistral's thinking chunks) gets the thinking texts joined; signatures and redacted blocks are not sent (reported)",
)

_NO_TEXT_REPLAY = A2O_REQUEST.dropped(
    "messages[].content[] (thinking text, dialect gemini)",
    "dialect 'gemini' takes no reasoning text back (only the thought signatures on tool calls): thinking texts are not sent (reported)",
)
#: The mark of a Gemini thought signature in an Anthropic thinking block's ``signature``.
GEMINI_SIGNATURE: Final = "gemini-thought-signature:"
_THOUGHT_SIGNATURE = O2A_RESPONSE.mapped(
    "choices[].message.tool_calls[].extra_content.google.thought_signature",
    "content[]: thinking (empty, signature marked 'gemini-thought-signature:') before the tool_use",
    "Gemini (OpenAI endpoint): the signature goes back onto the same call for dialect 'gemini' (tool_calls[].extra_content.google.thought_signature); other dialects do not get it",
)
_THOUGHT_SIGNATURE_BACK = A2O_REQUEST.mapped(
    "messages[].content[] (thinking with a Gemini signature)",
    "messages[].tool_calls[].extra_content.google.thought_signature",
    "dialect 'gemini': onto the tool call that follows the block",
)


THINK_TAGS = O2A_RESPONSE.mapped(
    "choices[].message.content (<think> tags)",
    "content[]: thinking",
    "dialect 'minimax': a leading <think>...</think> in the content is the reasoning (an unsigned thinking block)",
)


# -- reading -------------------------------------------------------------------------------------------


def call_signature(call: Json) -> tuple[str | None, Json]:
    """(a reply tool call's Gemini thought signature or None, the call without it)."""
    extra = call.get("extra_content")
    if not isinstance(extra, dict) or not isinstance(extra.get("google"), dict):
        return None, call
    google: Json = extra["google"]
    signature = google.get("thought_signature")
    if not isinstance(signature, str) or not signature:
        return None, call
    rest = {k: v for k, v in google.items() if k != "thought_signature"}
    outer = {k: v for k, v in extra.items() if k != "google"} | ({"google": rest} if rest else {})
    stripped = {k: v for k, v in call.items() if k != "extra_content"}
    if outer:  # anything else in extra_content stays, to be reported as unknown
        stripped["extra_content"] = outer
    return signature, stripped


def gemini_signature(block: Json, ctx: Context) -> str | None:
    """The Gemini thought signature a history's thinking block carries, for dialect ``gemini``
    (which puts it on the next tool call); None for any other block or dialect."""
    signature = block.get("signature")
    if (
        block["type"] == "thinking"
        and isinstance(signature, str)
        and signature.startswith(GEMINI_SIGNATURE)
        and "thought_signature" in dialect_of(ctx).replay
    ):
        return signature[len(GEMINI_SIGNATURE) :]
    return None


def unplaced_signature(path: str, ctx: Context) -> None:
    """A Gemini signature with no tool call after it in its turn: nowhere to send it."""
    ctx.lose(
        _THOUGHT_SIGNATURE_BACK,
        path,
        kind="dropped",
        detail="a Gemini thought signature with no tool call after it in the turn was not sent",
    )


def signature_block(signature: str) -> Json:
    """The thinking block that carries a Gemini thought signature to an Anthropic client."""
    return {"type": "thinking", "thinking": "", "signature": GEMINI_SIGNATURE + signature}


def lift_reasoning(message: Json, ctx: Context) -> Json:
    """``message`` with reasoning found in its content moved to ``reasoning_content`` (a copy;
    the message itself when there is none). A message that already has reasoning fields keeps
    them; the content's reasoning then only leaves the content."""
    content = message.get("content")
    thought: str | None = None
    if isinstance(content, list) and any(_is_thinking(p) for p in content):
        thought = REASONING_SEPARATOR.join(
            text for p in content if _is_thinking(p) for text in [_chunk_text(p)] if text
        )
        content = [p for p in content if not _is_thinking(p)]
    elif isinstance(content, str) and dialect_of(ctx).think_tags:
        split = _split_tags(content)
        if split is None:
            return message
        thought, content = split
    else:
        return message
    lifted = {**message, "content": content}
    has_reasoning = any(
        message.get(k) is not None for k in ("reasoning_content", "reasoning", "reasoning_details")
    )
    if thought and not has_reasoning:
        lifted["reasoning_content"] = thought
    return lifted


def lift_delta(delta: Json, ctx: Context) -> Json:
    """A stream delta whose content is a list of chunks (Mistral): its thinking chunks moved to
    ``reasoning_content`` as :func:`lift_reasoning` does for a whole message, and the rest of
    the content as the text it says (None when none)."""
    lifted = lift_reasoning(delta, ctx)
    return {**lifted, "content": reply_text(lifted["content"]) or None}


def _is_thinking(part: Any) -> bool:
    return isinstance(part, dict) and part.get("type") == "thinking"


def _chunk_text(chunk: Json) -> str:
    inner = chunk.get("thinking")
    if isinstance(inner, str):
        return inner
    if isinstance(inner, list):
        return "".join(p.get("text", "") for p in inner if isinstance(p, dict))
    return ""


def _split_tags(content: str) -> tuple[str, str] | None:
    head = content.lstrip()
    if not head.startswith(_OPEN):
        return None
    body = head[len(_OPEN) :]
    end = body.find(_CLOSE)
    if end < 0:  # cut off while thinking (max tokens): all of it is reasoning
        return body.strip("\n"), ""
    return body[:end].strip("\n"), body[end + len(_CLOSE) :].lstrip("\n")


class ThinkTags:
    """A leading ``<think>...</think>`` in streamed content, split as it arrives, exactly as
    :func:`lift_reasoning` splits a whole reply's content.

    ``feed(text)`` returns ``(reasoning, content)`` pieces; what the next chunk decides (a tag cut
    between two chunks, newlines that may precede the closing tag) is held, never more than a few
    characters, so work per chunk stays constant.
    """

    __slots__ = ("_held", "_lead", "_state", "_strip")

    def __init__(self) -> None:
        self._state = "start"  # start | thinking | after
        self._held = ""
        self._lead = True  # newlines at the start of the reasoning are dropped
        self._strip = False  # newlines right after the closing tag are dropped

    @property
    def passing(self) -> bool:
        """Content goes through unchanged from now on."""
        return self._state == "after" and not self._strip and not self._held

    def feed(self, text: str) -> tuple[str, str]:
        text = self._held + text
        self._held = ""
        if self._state == "start":
            head = text.lstrip()
            if len(head) < len(_OPEN) and _OPEN.startswith(head):
                self._held = text  # only whitespace, or "<thi": the next chunk decides
                return "", ""
            if not head.startswith(_OPEN):
                self._state = "after"
                return "", text
            self._state = "thinking"
            text = head[len(_OPEN) :]
        if self._state == "thinking":
            if self._lead:
                text = text.lstrip("\n")
                self._lead = not text
            end = text.find(_CLOSE)
            if end < 0:
                keep = _tail_prefix(text, _CLOSE)
                base = text[: len(text) - keep]
                keep += len(base) - len(base.rstrip("\n"))
                self._held = text[len(text) - keep :]
                return text[: len(text) - keep], ""
            self._state = "after"
            self._strip = True
            return text[:end].rstrip("\n"), self._after(text[end + len(_CLOSE) :])
        return "", self._after(text)

    def _after(self, text: str) -> str:
        if self._strip:
            text = text.lstrip("\n")
            self._strip = not text
        return text

    def close(self) -> tuple[str, str]:
        """The end of the content: what is still held."""
        held, self._held = self._held, ""
        if self._state == "thinking":
            return held.rstrip("\n"), ""
        return "", held


def _tail_prefix(text: str, tag: str) -> int:
    """How many of ``text``'s last characters could begin ``tag``."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if tag.startswith(text[-size:]):
            return size
    return 0


# -- writing ---------------------------------------------------------------------------------------------


def replay_reasoning(blocks: list[Json], path: str, ctx: Context) -> Json:
    """The assistant-message fields that send ``blocks`` (its thinking and redacted thinking)
    back the way the dialect reads them; ``{"_thinking_chunk": ...}`` for Mistral, which the
    caller puts first in the content."""
    dialect = dialect_of(ctx)
    fields = dialect.replay
    if not fields and ctx.options.extensions:  # no dialect named: the extension fields
        fields = ("reasoning_content", "reasoning_details")
    standard = thinking_to_openai(blocks)
    out: Json = {}
    text = standard.get("reasoning_content")
    for name in fields:
        if name == "reasoning_details" and "reasoning_details" in standard:
            items = standard["reasoning_details"]
            # a server that names this field gets unsigned items as it sent them; the round trip
            # keeps our exact form
            out["reasoning_details"] = [_as_read(i) for i in items] if dialect.replay else items
        elif name == "thinking_blocks" and blocks:
            out["thinking_blocks"] = [_litellm_block(b) for b in blocks]
        elif name in ("reasoning_content", "reasoning") and text:
            out[name] = text
        elif name == "thinking_chunks" and text:
            out["_thinking_chunk"] = {
                "type": "thinking",
                "thinking": [{"type": "text", "text": text}],
            }
    if fields and not set(fields) - {"thought_signature"} and text:
        ctx.lose(_NO_TEXT_REPLAY, path)
    if blocks and not (set(fields) & {"reasoning_details", "thinking_blocks"}):
        signed = [b for b in blocks if b["type"] == "redacted_thinking" or b.get("signature")]
        if signed:
            ctx.lose(
                _PARTIAL_REPLAY if fields else REQUEST_THINKING,
                path,
                detail=f"{dialect.title} takes no signatures back: {len(signed)} signature(s) or redacted block(s) were not sent",
            )
    return out


def require_reasoning(message: Json, ctx: Context) -> None:
    """An assistant message with tool calls gets ``reasoning_content`` (empty when it has no
    reasoning) for a dialect that requires it: DeepSeek (and Kimi, GLM) answer 400 to a tool-call
    turn without it in thinking mode."""
    if (
        dialect_of(ctx).replay_required
        and message.get("tool_calls")
        and "reasoning_content" not in message
    ):
        message["reasoning_content"] = ""


def _as_read(item: Json) -> Json:
    """A reasoning_details item for a server that reads them: an unsigned text (a server that
    signs nothing sent it, MiniMax) goes back as it came, ``{type, text}``, not dressed as Claude's
    format with an empty signature."""
    if item["type"] == "reasoning.text" and not item.get("signature"):
        return {"type": "reasoning.text", "text": item["text"]}
    return item


def _litellm_block(block: Json) -> Json:
    if block["type"] == "redacted_thinking":
        return {"type": "redacted_thinking", "data": block["data"]}
    return {
        "type": "thinking",
        "thinking": block.get("thinking", ""),
        "signature": block.get("signature", ""),
    }
