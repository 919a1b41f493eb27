"""
ruapi_convert.convert._request_a2o
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Anthropic Messages request -> OpenAI Chat Completions request.

Theory of operation
-------------------

One walk over the validated Anthropic body. The system prompt becomes a leading system (or
developer, by option) message; a user turn splits into its ``tool_result`` blocks, each a ``tool``
message, followed by a user message with the rest; an assistant turn becomes one assistant message
with its text as content parts, its ``tool_use`` blocks as ``tool_calls`` and its thinking as
``reasoning_content``/``reasoning_details``.

Chat Completions has no field for much of Anthropic's request (server tools, search results,
document citations, ``cache_control``, ``top_k``, beta parameters). With ``extensions=True`` these
are carried in the documented extension fields: Anthropic keys keep their Anthropic names on the
corresponding OpenAI object (``cache_control`` on a part, ``top_k`` on the body), and Anthropic
blocks with no OpenAI part ride verbatim as content parts of their own type. The reverse direction
reads all of them back, so Anthropic -> OpenAI -> Anthropic keeps them. With ``extensions=False``
they are dropped and reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..mapping.content import system_parts, text_to_part, user_block, verbatim
from ..mapping.extensions import CARRIED_PARAMS, carry_params
from ..mapping.reasoning import REQUEST_THINKING, thinking_to_openai
from ..mapping.thinking import thinking_to_effort
from ..mapping.tool_calls import request_tool_call, tool_message
from ..mapping.tools import tool_choice_to_openai, tools_to_openai
from ..mapping.usage import request_tier_to_openai
from ._request_fates import A2O_REQUEST

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["FATES", "convert_request"]

FATES = A2O_REQUEST

Json = dict[str, Any]

_KNOWN_PARAMS: Final = frozenset(
    {
        "model", "max_tokens", "messages", "system", "stop_sequences", "stream", "tools",
        "tool_choice", "thinking", "output_config", "metadata", "service_tier", "temperature",
        "top_p", *CARRIED_PARAMS,
    }
)  # fmt: skip

#: OpenAI's maximum number of stop sequences ("Up to 4 sequences").
_MAX_STOP: Final = 4

_CUSTOM_TOOL_KEYS: Final = frozenset(
    {"type", "name", "description", "input_schema", "strict", "cache_control", "defer_loading",
     "input_examples", "eager_input_streaming", "allowed_callers"}
)  # fmt: skip
_TOOL_EXTRAS: Final = (
    "cache_control",
    "defer_loading",
    "input_examples",
    "eager_input_streaming",
    "allowed_callers",
)
_TEXT_KEYS: Final = frozenset({"type", "text", "cache_control", "citations"})
_IMAGE_KEYS: Final = frozenset({"type", "source", "cache_control", "transformations"})
_DOCUMENT_KEYS: Final = frozenset(
    {"type", "source", "cache_control", "citations", "context", "title"}
)
_TOOL_USE_KEYS: Final = frozenset(
    {"type", "id", "name", "input", "cache_control", "caller", "toolset_name"}
)
_TOOL_RESULT_KEYS: Final = frozenset(
    {"type", "tool_use_id", "content", "is_error", "cache_control", "toolset_name"}
)
_THINKING_KEYS: Final = frozenset({"type", "thinking", "signature"})
_REDACTED_KEYS: Final = frozenset({"type", "data"})


#: Keys of the image and document sources that become data URLs or URLs.
_SOURCE_KEYS: Final = {
    "base64": frozenset({"type", "media_type", "data"}),
    "text": frozenset({"type", "media_type", "data"}),
    "url": frozenset({"type", "url"}),
}


def convert_request(req: Json, ctx: Context) -> Json:
    """Map a validated Anthropic request body (wire dict) to an OpenAI one (wire dict)."""
    return _Converter(ctx).run(req)


class _Converter:
    __slots__ = ("ctx", "ext")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.ext = ctx.options.extensions

    def carry(self, row: str, path: str) -> bool:
        """True when extensions are on; otherwise report the row as lost and return False."""
        if self.ext:
            return True
        self.ctx.lose(row, path)
        return False

    # -- the body -------------------------------------------------------------------------------------

    def run(self, req: Json) -> Json:
        opts = self.ctx.options
        out: Json = {"model": opts.model or req["model"]}
        out["messages"] = self._messages(req)
        out[opts.max_tokens_field] = req["max_tokens"]
        self._stop(req, out)
        if req.get("stream") is not None:
            out["stream"] = req["stream"]
            if req["stream"]:
                # Anthropic streams always report usage; ask the OpenAI upstream for it too.
                out["stream_options"] = {"include_usage": True}
        for key in ("temperature", "top_p"):
            if req.get(key) is not None:
                out[key] = req[key]
        tools_to_openai(req, out, self.ctx)
        tool_choice_to_openai(req, out, self.ctx)
        self._output_config(req, out)
        thinking_to_effort(req, out, self.ctx)
        metadata = req.get("metadata")
        if metadata is not None:
            self.ctx.unknown(metadata, frozenset({"user_id"}), "metadata")
            if metadata.get("user_id") is not None:
                out[opts.user_field] = metadata["user_id"]
        request_tier_to_openai(req, out, self.ctx)
        carry_params(req, out, self.ctx)
        self.ctx.unknown(req, _KNOWN_PARAMS, "")
        return out

    def _stop(self, req: Json, out: Json) -> None:
        stops = req.get("stop_sequences")
        if not stops:
            return
        if len(stops) > _MAX_STOP:
            for k in range(_MAX_STOP, len(stops)):
                self.ctx.lose("stop_sequences[]", f"stop_sequences[{k}]")
        out["stop"] = stops[:_MAX_STOP]

    # -- messages ---------------------------------------------------------------------------------------

    def _messages(self, req: Json) -> list[Json]:
        out: list[Json] = []
        role = self.ctx.options.system_role
        system = req.get("system")
        if isinstance(system, str):
            if system:
                out.append({"role": role, "content": system})
        elif system:
            out.append({"role": role, "content": system_parts(system, "system", self.ctx)})
        for i, msg in enumerate(req["messages"]):
            path = f"messages[{i}]"
            kind = msg["role"]
            if kind == "user":
                out.extend(self._user(msg, path))
            elif kind == "assistant":
                out.append(self._assistant(msg, path))
            elif kind == "system":
                out.append(self._system_message(msg, path))
            else:
                self.ctx.lose(
                    "messages[].role",
                    path,  # the whole message is not sent, not just its role
                    kind="unknown",
                    detail=f"message role {kind!r} is unknown; the message was not sent",
                )
        last = req["messages"][-1] if req["messages"] else None
        if last is not None and last["role"] == "assistant" and not _has_tool_use(last["content"]):
            self.ctx.lose(
                "messages[] (trailing assistant)", f"messages[{len(req['messages']) - 1}]"
            )
        return out

    def _system_message(self, msg: Json, path: str) -> Json:
        self.ctx.unknown(msg, frozenset({"role", "content", "clear_at", "output_config"}), path)
        content = msg.get("content", "")
        out: Json = {"role": "system"}
        if isinstance(content, str):
            out["content"] = content
        else:
            out["content"] = system_parts(content, f"{path}.content", self.ctx)
        for key in ("clear_at", "output_config"):
            if msg.get(key) is not None and self.carry("messages[] (system)", f"{path}.{key}"):
                out[key] = msg[key]
        return out

    def _user(self, msg: Json, path: str) -> list[Json]:
        self.ctx.unknown(msg, frozenset({"role", "content"}), path)
        content = msg["content"]
        if isinstance(content, str):
            return [{"role": "user", "content": content}]
        tools: list[Json] = []
        extra_user: list[
            Json
        ] = []  # images from tool results, when they cannot ride in the tool message
        parts: list[Json] = []
        seen_other = False
        for j, block in enumerate(content):
            bpath = f"{path}.content[{j}]"
            if block["type"] == "tool_result":
                if seen_other:
                    self.ctx.lose(
                        "messages[].content[] (tool_result)",
                        bpath,
                        kind="approximated",
                        detail="a tool result after other user content was moved first: OpenAI tool messages must directly follow the tool calls",
                    )
                tools.append(tool_message(block, bpath, self.ctx, extra_user))
            else:
                seen_other = True
                part = user_block(block, bpath, self.ctx)
                if part is not None:
                    parts.append(part)
        out = tools
        if extra_user or parts:
            out = [*tools, {"role": "user", "content": extra_user + parts}]
        if not out and content:
            # "messages[].content" is a mapped row: an edge-case loss must name its kind
            # (Context.lose raises LookupError otherwise)
            self.ctx.lose(
                "messages[].content",
                f"{path}.content",
                kind="dropped",
                detail="nothing in this user turn has an OpenAI form; the turn was dropped",
            )
        elif not content:
            out = [{"role": "user", "content": []}]
        return out

    # -- assistant --------------------------------------------------------------------------------------

    def _assistant(self, msg: Json, path: str) -> Json:
        self.ctx.unknown(msg, frozenset({"role", "content"}), path)
        content = msg["content"]
        out: Json = {"role": "assistant"}
        if isinstance(content, str):
            out["content"] = content
            return out
        parts: list[Json] = []
        calls: list[Json] = []
        thinking: list[Json] = []
        for j, block in enumerate(content):
            bpath = f"{path}.content[{j}]"
            kind = block["type"]
            if kind == "text":
                if calls:
                    self.ctx.lose("messages[].content[] (text after tool_use)", bpath)
                parts.append(text_to_part(block, bpath, self.ctx))
            elif kind == "tool_use":
                calls.append(request_tool_call(block, bpath, self.ctx))
            elif kind in ("thinking", "redacted_thinking"):
                self.ctx.unknown(
                    block, _THINKING_KEYS if kind == "thinking" else _REDACTED_KEYS, bpath
                )
                if self.ctx.carry(REQUEST_THINKING, bpath):
                    thinking.append(block)
            else:
                part = verbatim(block, bpath, self.ctx)
                if part is not None:
                    parts.append(part)
        if parts or not calls:
            out["content"] = parts
        if calls:
            out["tool_calls"] = calls
        out.update(thinking_to_openai(thinking))
        return out

    # -- thinking and output ---------------------------------------------------------------------------

    def _output_config(self, req: Json, out: Json) -> None:
        config = req.get("output_config")
        if config is None:
            return
        self.ctx.unknown(config, frozenset({"effort", "format", "task_budget"}), "output_config")
        fmt = config.get("format")
        if fmt is not None:
            if fmt["type"] == "json_schema":
                # unknown keys are not copied: report them
                self.ctx.unknown(fmt, frozenset({"type", "schema"}), "output_config.format")
                # OpenAI requires a name; the reverse direction does not report this one as lost.
                out["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": "response", "schema": fmt["schema"], "strict": True},
                }
            else:
                self.ctx.lose(
                    "output_config.format",
                    "output_config.format",
                    kind="unknown",
                    detail=f"output format {fmt['type']!r} is unknown; dropped",
                )
        budget = config.get("task_budget")
        if budget is not None and self.carry(
            "output_config.task_budget", "output_config.task_budget"
        ):
            out.setdefault("output_config", {})["task_budget"] = budget


def _has_tool_use(content: str | list[Json]) -> bool:
    return not isinstance(content, str) and any(b["type"] == "tool_use" for b in content)
