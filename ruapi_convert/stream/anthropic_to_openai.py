"""
ruapi_convert.stream.anthropic_to_openai
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Anthropic Messages stream events -> Chat Completions chunks.

Theory of operation
-------------------

Anthropic streams blocks: ``content_block_start`` / ``_delta`` / ``_stop`` with an ``index`` that
counts every block. OpenAI streams one choice whose delta fields are independent channels
(``content``, ``tool_calls`` with their own ``index`` counting tool calls only, and - by
convention - ``reasoning_content``/``reasoning_details``). The converter keeps one record per
Anthropic block and turns each event into at most one chunk:

* ``message_start`` -> the first chunk, ``delta: {role: "assistant"}`` (``role`` is sent once: the
  OpenAI SDK concatenates repeated strings, so a second ``role`` would read "assistantassistant");
* text -> ``content`` deltas; blocks separated by other blocks get a blank line between them, as in
  the non-stream conversion;
* tool_use -> the first tool-call fragment carries ``id``, ``type`` and ``function.name`` (once:
  they would concatenate too), ``input_json_delta`` fragments become ``arguments`` fragments, and a
  block that ends with no fragments sends ``"{}"`` so that the arguments parse;
* thinking -> ``reasoning_content`` text plus ``reasoning_details`` entries keyed by ``index``
  (OpenRouter's convention; the SDK merges entries with the same index). The signature is sent
  once, when the block stops: Anthropic sends it in one ``signature_delta`` just before the stop,
  and a signature sent in two pieces would still concatenate correctly, but one that arrived twice
  would not;
* blocks with no OpenAI field (server tools, MCP, ...) and extra keys (citations) travel in
  ``delta.anthropic.content`` entries keyed by the block index, exactly as the non-stream
  conversion writes them, so the accumulated chunks equal the converted message;
* ``message_delta`` is held (usage is cumulative and the stop reason may come late); at
  ``message_stop`` the converter sends the finish chunk, the usage chunk (only with
  ``include_usage``: ``choices: []`` and ``usage``, the last chunk, as the OpenAI SDK keeps the last
  usage it sees) and :data:`~ruapi_convert.sse.DONE`;
* ``ping`` -> nothing (or an SSE comment with ``keepalive=True``); ``error`` -> an OpenAI error chunk
  and the stream ends without ``[DONE]``; an unknown event type -> nothing, reported.

Out-of-order input (a delta for a block that was never started or is already stopped, a delta of
the wrong type, a second ``message_start``, a start at a non-dense index) raises
:class:`~ruapi_convert.errors.StreamProtocolError`, whose ``event_hint`` is the error chunk to send
downstream. A source that ends without ``message_stop`` makes :meth:`close` return an error chunk:
the client sees an error, never a clean finish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from .. import _json
from .._quote import quote
from ..errors import StreamProtocolError
from ..gateway.errors import stream_error_to_openai, truncated_openai_error
from ..mapping import content, extensions, reasoning, stop, usage
from ..mapping.dialects import for_side
from ..mapping.envelope import chat_envelope
from ..mapping.tool_calls import input_to_arguments
from ..models import anthropic as ant
from ..models import openai as oai
from ..models._base import validate
from ..models.anthropic._stream import stream_event_wire
from ..options import A2OStreamOptions, check_call
from ..sse import DONE, Comment, Done
from ._base import State, StreamConverter, check_buffer
from ._fastpath import Raw, chunk, is_plain_text_delta, text_chunk_head, text_chunk_tail

if TYPE_CHECKING:
    from ..errors import ConversionError
    from ..options import Options

__all__ = ["AnthropicToOpenAIStream"]

Json = dict[str, Any]
OpenAIStreamItem = oai.ChatCompletionChunk | oai.ErrorResponse | Done | Comment

#: Blocks whose input streams as input_json_delta but that have no OpenAI field.
_STREAMED_INPUT: Final = frozenset({"server_tool_use", "mcp_tool_use"})


class _Block:
    """What the converter remembers of one Anthropic content block while it is open."""

    __slots__ = (
        "args",
        "args_sent",
        "citations",
        "detail",
        "held",
        "input",
        "kind",
        "offset",
        "open",
        "sent_text",
        "signature",
        "text_len",
        "tool",
        "value",
    )

    def __init__(self, kind: str, value: Json) -> None:
        self.kind = kind
        self.value = value  # the block as started (complete for server-tool results)
        self.open = True
        self.tool = -1  # OpenAI tool-call index of a tool_use block
        self.detail = -1  # reasoning_details index of a thinking block
        self.args: list[str] = []  # buffered input JSON of a server tool block, compaction text
        self.held = 0  # characters the block holds until its stop (bounded: max_stream_buffer)
        self.args_sent = False  # a tool_use block sent argument fragments
        self.sent_text = False  # a thinking block sent reasoning text
        self.input: Any = None
        self.signature: str | None = None
        self.citations: list[Json] = []
        self.offset = 0  # where the block's text starts in the message content
        self.text_len = 0


class AnthropicToOpenAIStream(StreamConverter[OpenAIStreamItem]):
    """Translate one Anthropic Messages stream into Chat Completions chunks.

    Per stream: ``include_usage`` (send the final usage chunk: the client's
    ``stream_options.include_usage``), ``created`` (the chunks' timestamp; Anthropic has none),
    ``id``, and ``keepalive`` (turn pings into SSE comments, which keep idle proxies from closing a
    connection during long thinking). Policies: ``extensions``, ``strict``.
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        created: int | None = None,
        id: str | None = None,
        include_usage: bool = False,
        keepalive: bool = False,
        **opts: Unpack[A2OStreamOptions],
    ) -> None:
        super().__init__(options, opts, A2OStreamOptions)
        self._ctx.dialect = for_side(self._ctx.options.dialect, "anthropic", type(self).__name__)
        check_call("created", created, int)
        check_call("id", id, str)
        check_call("include_usage", include_usage, bool)
        check_call("keepalive", keepalive, bool)
        self.keepalive = keepalive
        self.include_usage = include_usage
        self._created = created
        self._id = id
        self._template: Json = {}
        self._text_head = b""  # the bytes of a text chunk before its JSON string (see transcode)
        self._blocks: list[_Block] = []
        self._tools = 0
        self._details = 0
        self._reasoning_text = False  # some reasoning text was sent (for the separator)
        self._carried = 0  # entries sent in delta.anthropic.content
        self._annotations: list[Json] = []  # sent at the end: see _block_stop
        self._content_started = False
        self._text_len = 0  # characters of content sent so far
        self._last_kind = ""
        self._stop: Json = {}
        self._usage: Json = {}
        self._openai_usage: Any = (
            None  # message_delta.openai.usage, when our reverse direction made it
        )

    # -- input ------------------------------------------------------------------------------------------

    def _validate(self, data: Any, *, parsed: bool) -> Json:
        if parsed and is_plain_text_delta(data):
            # the hottest event needs no pydantic round (a caller's dict was screened for values
            # JSON cannot carry before it got here)
            return data
        return stream_event_wire(data) if parsed else ant.parse_stream_event(data).wire()

    def _shortcut(self, data: Any) -> bytes | None:
        """Text for an open text block: its chunk's bytes straight from a template, without
        building the chunk (see :meth:`StreamConverter._shortcut`)."""
        if not is_plain_text_delta(data) or not data["delta"]["text"]:
            return None
        index = data["index"]
        block = self._blocks[index] if 0 <= index < len(self._blocks) else None
        if block is None or not block.open or block.kind != "text":
            return None
        text = data["delta"]["text"]
        self._count_text(block, text)
        return self._text_head + _json.dumps(text) + text_chunk_tail()

    def _special(self, event: Any) -> list[Raw] | None:
        if not event.data or event.is_done:
            return []  # no data, or a stray OpenAI terminator: nothing to convert
        if event.event == "ping":
            return self._ping()
        return None

    # -- events ---------------------------------------------------------------------------------------

    def _feed_raw(self, data: Json) -> list[Raw]:
        kind = data["type"]
        if kind == "content_block_delta":
            return self._delta(data)
        if kind == "ping":
            return self._ping()
        if kind == "message_start":
            return self._message_start(data)
        if self.state is State.START and kind != "error":
            raise StreamProtocolError(f"{kind} before message_start", path="type")
        if kind == "content_block_start":
            return self._block_start(data)
        if kind == "content_block_stop":
            return self._block_stop(data)
        if kind == "message_delta":
            self._message_delta(data)
            return []
        if kind == "message_stop":
            return self._message_stop()
        if kind == "error":
            self.state = State.FAILED
            return [(None, stream_error_to_openai(data, self._ctx).to_dict())]
        self._ctx.lose(
            content.REPLY_CONTENT,
            "type",
            kind="unknown",
            detail=f"stream event type {quote(kind)} is unknown; skipped",
        )
        return []

    def _ping(self) -> list[Raw]:
        return [Comment("ping")] if self.keepalive else []

    def _message_start(self, data: Json) -> list[Raw]:
        if self.state is not State.START:
            raise StreamProtocolError("a second message_start", path="type")
        self.state = State.OPEN
        msg = data["message"]
        self._template = chat_envelope(
            msg, self._ctx, created=self._created, id=self._id, stream=True
        )
        self._usage = dict(msg.get("usage") or {})
        # Message-level keys (container, diagnostics, ...) may come with message_start, not only
        # with message_delta; the non-stream conversion carries them, so the stream must too (a
        # later message_delta overrides them, as in the SDK's accumulator).
        for key in extensions.MESSAGE_KEYS:
            if msg.get(key) is not None:
                self._stop[key] = msg[key]
        tier = usage.tier_to_openai(self._usage.get("service_tier"))
        if tier is not None:
            # OpenAI repeats service_tier on every chunk; the non-stream reply has it once.
            self._template["service_tier"] = tier
        self._text_head = text_chunk_head(self._template)
        out: list[Raw] = [self._chunk({"role": "assistant"})]
        if msg.get("content"):  # not sent by Anthropic; replay the blocks if a server does
            for j, block in enumerate(msg["content"]):
                out += self._block_start(
                    {"type": "content_block_start", "index": j, "content_block": block}
                )
                out += self._block_stop({"type": "content_block_stop", "index": j})
        return out

    def _chunk(self, delta: Json, finish: str | None = None) -> Raw:
        return chunk(self._template, delta, finish)

    # -- blocks ---------------------------------------------------------------------------------------

    def _block(self, data: Json) -> _Block:
        index = data["index"]
        if not 0 <= index < len(self._blocks):
            raise StreamProtocolError(
                f"{data['type']} for block {index}, which was never started", path="index"
            )
        block = self._blocks[index]
        if not block.open:
            raise StreamProtocolError(
                f"{data['type']} for block {index}, which has already stopped", path="index"
            )
        return block

    def _block_start(self, data: Json) -> list[Raw]:
        index, value = data["index"], data["content_block"]
        if index != len(self._blocks):
            raise StreamProtocolError(
                f"content_block_start for block {index}, expected block {len(self._blocks)} (indices are dense and ascending)",
                path="index",
            )
        kind = value["type"]
        block = _Block(kind, value)
        self._blocks.append(block)
        out: list[Raw] = []
        if kind == "text":
            out += self._text(block, value.get("text") or "", starting=True)
            block.citations.extend(value.get("citations") or ())
        elif kind == "thinking":
            block.detail = self._details
            self._details += 1
            if not self._ctx.options.extensions:
                self._ctx.lose(reasoning.REPLY_THINKING, f"content[{index}]")
            if value.get("thinking"):
                out += self._thinking(block, value["thinking"])
            if value.get("signature"):
                block.signature = value["signature"]
        elif kind == "redacted_thinking":
            block.detail = self._details
            self._details += 1
            if self._ctx.options.extensions:
                out += self._reasoning_chunk(reasoning.whole_delta(value, block.detail))
            else:
                self._ctx.lose(reasoning.REPLY_THINKING, f"content[{index}]")
        elif kind == "tool_use":
            block.tool = self._tools
            self._tools += 1
            block.input = value.get("input")
            call = {
                "index": block.tool,
                "id": value["id"],
                "type": "function",
                "function": {"name": value["name"], "arguments": ""},
            }
            out.append(self._chunk({"tool_calls": [call]}))
        elif kind in _STREAMED_INPUT:
            block.input = value.get("input")
        self._last_kind = kind
        return out

    def _delta(self, data: Json) -> list[Raw]:
        if self.state is not State.OPEN:
            raise StreamProtocolError("content_block_delta outside a message", path="type")
        block = self._block(data)
        delta = data["delta"]
        dtype = delta["type"]
        if dtype == "text_delta" and block.kind == "text":
            return self._text(block, delta["text"])
        if dtype == "input_json_delta" and block.kind == "tool_use":
            fragment = delta["partial_json"]
            if not fragment:
                return []  # Anthropic's first fragment is often empty
            block.args_sent = True
            return [
                self._chunk(
                    {"tool_calls": [{"index": block.tool, "function": {"arguments": fragment}}]}
                )
            ]
        if dtype == "input_json_delta" and block.kind in _STREAMED_INPUT:
            block.args.append(delta["partial_json"])
            self._hold(block, len(delta["partial_json"]), "a server tool's input", data["index"])
            return []
        if dtype == "thinking_delta" and block.kind == "thinking":
            return self._thinking(block, delta["thinking"])
        if dtype == "signature_delta" and block.kind == "thinking":
            block.signature = delta["signature"]  # sent at the stop (see the module docstring)
            return []
        if dtype == "citations_delta" and block.kind == "text":
            block.citations.append(delta["citation"])
            size = 1 + sum(len(v) for v in delta["citation"].values() if isinstance(v, str))
            self._hold(block, size, "a text block's citations", data["index"])
            return []
        if dtype == "compaction_delta" and block.kind == "compaction":
            if delta.get("content") is not None:
                block.args.append(delta["content"])  # joined at the stop
                self._hold(block, len(delta["content"]), "a compaction's text", data["index"])
            if delta.get("encrypted_content") is not None:
                block.value = {**block.value, "encrypted_content": delta["encrypted_content"]}
            return []
        if block.kind not in ant.CONTENT_BLOCK_TYPES:
            # A block type newer than this library: how its deltas build it is unknown, so they are
            # skipped (the block itself is carried at its stop as it started).
            self._ctx.lose(
                content.REPLY_CONTENT,
                f"content[{data['index']}]",
                kind="unknown",
                detail=f"{dtype} for a {quote(block.kind)} block (an unknown block type); skipped",
            )
            return []
        if dtype in (
            "text_delta",
            "input_json_delta",
            "thinking_delta",
            "signature_delta",
            "citations_delta",
            "compaction_delta",
        ):
            raise StreamProtocolError(f"{dtype} for a {block.kind} block", path="delta.type")
        self._ctx.lose(
            content.REPLY_CONTENT,
            f"content[{data['index']}]",
            kind="unknown",
            detail=f"delta type {quote(dtype)} is unknown; skipped",
        )
        return []

    def _text(self, block: _Block, text: str, *, starting: bool = False) -> list[Raw]:
        if starting:
            if self._text_len and self._last_kind != "text":
                text = content.TEXT_SEPARATOR + text
                block.offset = self._text_len + len(content.TEXT_SEPARATOR)
            else:
                block.offset = self._text_len
        if not text:
            # The first text block, even an empty one, makes content "" rather than null, as in
            # the non-stream conversion.
            return [] if self._content_started else self._start_content()
        self._count_text(block, text)
        return [self._chunk({"content": text})]

    def _count_text(self, block: _Block, text: str) -> None:
        """Note ``text`` (not empty) as sent in ``block``: offsets for citations, see _block_stop."""
        self._content_started = True
        self._text_len += len(text)
        block.text_len = self._text_len - block.offset

    def _start_content(self) -> list[Raw]:
        self._content_started = True
        return [self._chunk({"content": ""})]

    def _thinking(self, block: _Block, text: str) -> list[Raw]:
        if not text:
            return []
        if not self._ctx.options.extensions:
            return []  # reported when the block started
        delta = reasoning.text_delta(
            block.detail, text, first=not block.sent_text, separated=self._reasoning_text
        )
        block.sent_text = self._reasoning_text = True
        return self._reasoning_chunk(delta)

    def _reasoning_chunk(self, delta: Json) -> list[Raw]:
        if not self._ctx.options.extensions:
            return []
        return [self._chunk(delta)]

    def _block_stop(self, data: Json) -> list[Raw]:
        block = self._block(data)
        block.open = False
        index = data["index"]
        out: list[Raw] = []
        value = block.value
        if block.kind == "text":
            if block.citations:
                value = {**value, "citations": block.citations}
                # Held to the end: the OpenAI SDK accepts a list of annotation objects once, but
                # would need an "index" in each entry to merge a second list into the first.
                self._annotations.extend(
                    content.url_citation(c, block.offset, block.offset + block.text_len)
                    for c in block.citations
                    if c.get("type") == "web_search_result_location"
                )
        elif block.kind == "tool_use":
            if not block.args_sent:
                arguments = input_to_arguments(block.input or {})
                out.append(
                    self._chunk(
                        {
                            "tool_calls": [
                                {"index": block.tool, "function": {"arguments": arguments}}
                            ]
                        }
                    )
                )
        elif block.kind == "thinking":
            out += self._thinking_stop(block)
            value = {k: v for k, v in value.items() if k not in ("thinking", "signature")}
        elif block.kind in _STREAMED_INPUT:
            value = {**value, "input": self._buffered_input(block, index)}
        elif block.kind == "compaction" and block.args:
            value = {**value, "content": (value.get("content") or "") + "".join(block.args)}
        entry = extensions.entry_for(value, index, self._carried)
        if entry is not None:
            self._carried += 1
            out += self._carry(entry)
        return out

    def _thinking_stop(self, block: _Block) -> list[Raw]:
        if not self._ctx.options.extensions:
            return []
        if block.sent_text:  # only the signature is still to come
            if block.signature is None:
                return []
            return self._reasoning_chunk(reasoning.signature_delta(block.detail, block.signature))
        empty: Json = {"type": "thinking", "thinking": ""}
        if block.signature is not None:
            empty["signature"] = block.signature
        return self._reasoning_chunk(reasoning.whole_delta(empty, block.detail))

    def _hold(self, block: _Block, size: int, what: str, index: int) -> None:
        block.held += size
        check_buffer(self._ctx, block.held, what, f"content[{index}]")

    def _buffered_input(self, block: _Block, index: int) -> Any:
        text = "".join(block.args)
        if not text:
            return block.input or {}
        try:
            return _json.loads(text)
        except Exception as exc:  # InvalidInputError: the upstream's JSON was broken
            raise StreamProtocolError(
                f"the input of block {index} is not valid JSON", path=f"content[{index}].input"
            ) from exc

    def _carry(self, entry: Json) -> list[Raw]:
        if self._ctx.options.extensions:
            return [self._chunk({"anthropic": {"content": [entry]}})]
        extensions.report_carried([entry], self._ctx, "content")
        return []

    # -- the end ----------------------------------------------------------------------------------------

    def _message_delta(self, data: Json) -> None:
        for key, value in data["delta"].items():
            if value is not None:
                self._stop[key] = value
        if data.get("usage"):
            self._usage.update({k: v for k, v in data["usage"].items() if v is not None})
        carried = data.get("openai")
        if isinstance(carried, dict) and carried.get("usage") is not None:
            # OpenAI-only token counts our reverse direction carried (see its _message_end)
            self._openai_usage = carried["usage"]
        for key in ("context_management", "input_transformations"):
            if data.get(key) is not None:
                self._stop[key] = data[key]

    def _message_stop(self) -> list[Raw]:
        # A block cut off by max_tokens gets no content_block_stop (the SDK's own fixture
        # "incomplete_partial_json_response" shows it): close what is still open.
        out: list[Raw] = []
        for index, block in enumerate(self._blocks):
            if block.open:
                out += self._block_stop({"type": "content_block_stop", "index": index})
        self.state = State.FINISHED
        content.report_shape([{"type": b.kind} for b in self._blocks], self._ctx, "content")
        ext: Json = {}
        stops: Json = {
            k: self._stop[k]
            for k in ("stop_reason", "stop_sequence", "stop_details")
            if k in self._stop
        }
        finish = stop.finish_reason(stops, self._ctx, ext)
        extensions.carry_message_keys(self._stop, self._ctx, ext)
        delta: Json = {}
        if self._annotations:
            delta["annotations"] = self._annotations
        if ext:
            delta["anthropic"] = ext
        out.append(self._chunk(delta, finish))
        if self.include_usage:
            if not self._usage:
                usage.no_usage(self._ctx)
            counts, tier = usage.anthropic_to_openai_usage(self._usage, self._ctx, "usage")
            if self._openai_usage is not None:
                extensions.restore_openai_usage(self._openai_usage, counts)
                # (read from an extension, so checked: the chunk is built as trusted)
                counts = validate(oai.CompletionUsage, counts, path="openai.usage")
            final: Json = {**self._template, "choices": [], "usage": counts}
            if tier is not None:
                final["service_tier"] = tier
            out.append((None, final))
        out.append(DONE)
        return out

    def _close_raw(self, _: None) -> list[Raw]:
        # Not FINISHED/FAILED (the guard returns early for those): the source was cut short.
        self.state = State.FAILED
        return [(None, truncated_openai_error())]

    def _error_items(self, exc: ConversionError) -> list[Raw]:
        return [
            (
                None,
                {
                    "error": {
                        "message": str(exc),
                        "type": "server_error",
                        "param": None,
                        "code": "stream_protocol_error",
                    }
                },
            )
        ]

    def _model(self, item: Raw) -> OpenAIStreamItem:
        if isinstance(item, tuple):
            body = item[1]
            if "error" in body:
                return oai.ErrorResponse.trusted(body)
            return oai.ChatCompletionChunk.trusted(body)
        return item
