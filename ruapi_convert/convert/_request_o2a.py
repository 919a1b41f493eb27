"""
ruapi_convert.convert._request_o2a
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

OpenAI Chat Completions request -> Anthropic Messages request.

Theory of operation
-------------------

The validated OpenAI body is walked once. Parameters map through ``_tables``; messages become
"turns" (role + blocks), which are then merged so that the Anthropic turn rules hold:

* leading system/developer messages become the top-level ``system`` (a string when there is
  exactly one string, else text blocks that keep ``cache_control``); later ones follow the
  ``system_messages`` option;
* ``tool``/``function`` messages become ``tool_result`` blocks of a user turn, and consecutive turns
  of the same role are merged - Anthropic: "Consecutive user or assistant turns in your request will
  be combined into a single turn" - with tool results moved to the front of their user turn
  ("tool_result blocks first, any text after");
* an assistant message becomes its thinking blocks (only *signed* reasoning: a thinking block
  without its signature is rejected upstream), then its text, then its tool calls.

Everything the Messages API cannot express is reported through the fate table
(``O2A_REQUEST``) and never sent: the Messages API rejects unknown keys, so there are no
extension fields in this direction. Extension fields of our own reverse direction (``thinking``,
``top_k``, ``cache_control``, Anthropic blocks riding as content parts, ...) are read back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import UnsupportedError
from ..mapping import reasoning as _reasoning
from ..mapping import thinking
from ..mapping.content import assistant_part, text_parts, user_content
from ..mapping.extensions import READ_BACK_PARAMS, read_carried_params
from ..mapping.thinking import effort_to_thinking
from ..mapping.tool_calls import (
    function_call_to_tool_use,
    function_result,
    tool_call_to_tool_use,
    tool_result,
)
from ..mapping.tools import tool_choice_to_anthropic, tools_to_anthropic
from ..mapping.usage import request_tier_to_anthropic
from ._request_fates import O2A_REQUEST

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["FATES", "convert_request"]

FATES = O2A_REQUEST

Json = dict[str, Any]

# Parameters whose value, when it equals the protocol default, means "nothing asked for": not a loss.
_NOOP_DEFAULTS: Final[dict[str, Any]] = {
    "n": 1,
    "logprobs": False,
    "top_logprobs": 0,
    "frequency_penalty": 0,
    "presence_penalty": 0,
    "store": False,
    "modalities": ["text"],
    "logit_bias": {},
    "metadata": {},
    "verbosity": "medium",
}

_KNOWN_PARAMS: Final = frozenset(
    {
        "messages", "model", "audio", "frequency_penalty", "function_call", "functions",
        "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities",
        "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty",
        "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning_effort",
        "response_format", "safety_identifier", "seed", "service_tier", "stop", "store", "stream",
        "stream_options", "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user",
        "verbosity", "web_search_options", "reasoning",
        *READ_BACK_PARAMS,
    }
)  # fmt: skip

# OpenAI content-part types; any other part whose type is an Anthropic block type is one of ours,
# riding verbatim (see the reverse direction), and is passed on after validation.
_OPENAI_PART_TYPES: Final = frozenset({"text", "image_url", "input_audio", "file", "refusal"})
_TEXT_PART_KEYS: Final = frozenset(
    {"type", "text", "prompt_cache_breakpoint", "cache_control", "citations"}
)
_IMAGE_PART_KEYS: Final = frozenset(
    {"type", "image_url", "prompt_cache_breakpoint", "cache_control", "transformations"}
)
_IMAGE_URL_KEYS: Final = frozenset({"url", "detail"})
_FILE_PART_KEYS: Final = frozenset(
    {"type", "file", "prompt_cache_breakpoint", "cache_control", "citations", "context", "title"}
)
_FILE_KEYS: Final = frozenset({"file_data", "file_id", "filename"})
_TOOL_CALL_KEYS: Final = frozenset(
    {"id", "type", "function", "custom", "cache_control", "caller", "toolset_name"}
)
_FUNCTION_TOOL_KEYS: Final = frozenset(
    {
        "type",
        "function",
        "cache_control",
        "defer_loading",
        "input_examples",
        "eager_input_streaming",
        "allowed_callers",
    }
)
_FUNCTION_DEF_KEYS: Final = frozenset({"name", "description", "parameters", "strict"})
_FUNCTION_CALL_KEYS: Final = frozenset({"name", "arguments"})
_MESSAGE_KEYS: Final = {
    "system": frozenset({"role", "content", "name"}),
    "developer": frozenset({"role", "content", "name"}),
    "user": frozenset({"role", "content", "name"}),
    "assistant": frozenset(
        {
            "role", "content", "refusal", "tool_calls", "function_call", "audio", "name",
            *_reasoning.OPENAI_REASONING_KEYS,
        }
    ),
    "tool": frozenset({"role", "content", "tool_call_id", "is_error", "cache_control", "toolset_name"}),
    "function": frozenset({"role", "content", "name"}),
}  # fmt: skip


def convert_request(req: Json, ctx: Context) -> Json:
    """Map a validated OpenAI request body (wire dict) to an Anthropic one (wire dict)."""
    return _Converter(ctx).run(req)


class _Converter:
    __slots__ = ("ctx", "function_ids")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.function_ids: dict[str, str] = {}  # deprecated function_call name -> synthesised id

    # -- the body -------------------------------------------------------------------------------------

    def run(self, req: Json) -> Json:
        ctx, opts = self.ctx, self.ctx.options
        self._refuse(req)
        out: Json = {"model": opts.model or req["model"]}
        out["max_tokens"] = self._max_tokens(req)
        system, messages = self._messages(req["messages"])
        if system:
            out["system"] = system
        out["messages"] = messages
        self._stop(req, out)
        if req.get("stream") is not None:
            out["stream"] = req["stream"]
        self._stream_options(req)
        tools = tools_to_anthropic(req, ctx)
        if tools:
            out["tools"] = tools
        self._carried(req, out)
        effort_to_thinking(req, out, ctx)
        tool_choice_to_anthropic(req, out, ctx, has_tools=bool(tools))
        self._sampling(req, out)
        self._response_format(req, out)
        self._identity(req, out)
        request_tier_to_anthropic(req, out, ctx)
        self._dropped(req)
        ctx.unknown(req, _KNOWN_PARAMS, "")
        return out

    def _refuse(self, req: Json) -> None:
        n = req.get("n")
        if n is not None and n != 1:
            raise UnsupportedError(
                "Anthropic returns exactly one reply; n > 1 has no faithful conversion", path="n"
            )

    def _max_tokens(self, req: Json) -> int:
        mct, mt = req.get("max_completion_tokens"), req.get("max_tokens")
        if mct is not None:
            if mt is not None and mt != mct:
                self.ctx.lose(
                    "max_tokens",
                    "max_tokens",
                    kind="dropped",
                    detail="both max_tokens and max_completion_tokens given; max_completion_tokens used",
                )
            return int(mct)
        if mt is not None:
            return int(mt)
        default = self.ctx.options.default_max_tokens
        self.ctx.lose(
            "max_completion_tokens",
            "max_completion_tokens",
            kind="defaulted",
            detail=f"Anthropic requires max_tokens; the default {default} was sent",
        )
        return default

    # -- messages -------------------------------------------------------------------------------------

    def _messages(self, messages: list[Json]) -> tuple[str | list[Json], list[Json]]:
        system: list[Json] = []
        # the plain-string form, while every system message is one; None marks a list (not a
        # sentinel string: a real system prompt could equal it)
        system_strings: list[str | None] = []
        turns: list[tuple[str, list[Json] | str, str]] = []  # (role, content, path)
        leading = True
        for i, msg in enumerate(messages):
            path = f"messages[{i}]"
            role = msg["role"]
            keys = _MESSAGE_KEYS.get(role)
            if keys is None:
                self.ctx.lose(
                    "messages[].role",
                    path,  # the whole message is not sent, not just its role
                    kind="unknown",
                    detail=f"message role {role!r} is unknown; the message was not sent",
                )
                continue
            if not msg.keys() <= keys:
                self.ctx.unknown(msg, keys, path)
            if msg.get("name") is not None and role != "function":
                self.ctx.lose("messages[].name", f"{path}.name")
            if role in ("system", "developer"):
                blocks = text_parts(msg.get("content"), path, self.ctx)
                if leading:
                    system.extend(blocks)
                    content = msg.get("content")
                    if isinstance(content, str) and content:
                        system_strings.append(content)
                    elif content:
                        system_strings.append(None)  # a list: the string form is no longer possible
                    continue
                self._mid_system(msg.get("content"), blocks, path, system, turns)
                continue
            leading = False
            if role == "user":
                content = user_content(msg.get("content"), path, self.ctx)
                if content:
                    turns.append(("user", content, path))
                else:
                    self.ctx.lose(
                        "messages[].content",
                        f"{path}.content",
                        kind="dropped",
                        detail="empty user message; Anthropic rejects messages without content",
                    )
            elif role == "assistant":
                content = self._assistant(msg, path)
                if content:
                    turns.append(("assistant", content, path))
                else:  # dropped before merging, so that the turns around it still merge
                    self.ctx.lose(
                        "messages[].content",
                        path,
                        kind="dropped",
                        detail="empty assistant message (no text, tool call or signed reasoning) was not sent; Anthropic rejects empty turns",
                    )
            elif role == "tool":
                turns.append(("user", [tool_result(msg, path, self.ctx)], path))
            else:  # function (deprecated)
                turns.append(
                    ("user", [function_result(msg, path, self.ctx, self.function_ids)], path)
                )
        merged = self._merge(turns)
        only = system_strings[0] if len(system_strings) == 1 else None
        if only is not None and len(system) == 1 and not system[0].get("cache_control"):
            return only, merged
        return system, merged

    def _mid_system(
        self,
        content: Any,
        blocks: list[Json],
        path: str,
        system: list[Json],
        turns: list[tuple[str, list[Json] | str, str]],
    ) -> None:
        policy = self.ctx.options.system_messages
        if not blocks:
            return
        if policy == "hoist":
            system.extend(blocks)
            self.ctx.lose("messages[] (system, mid-conversation)", path)
        elif policy == "native":
            # Anthropic system messages take a string or text blocks, like OpenAI's.
            turns.append(("system", content if isinstance(content, str) else blocks, path))
        else:
            turns.append(("user", blocks, path))
            self.ctx.lose(
                "messages[] (system, mid-conversation)",
                path,
                detail="a system message after the conversation started was sent as user text (system_messages='user')",
            )

    def _merge(self, turns: list[tuple[str, list[Json] | str, str]]) -> list[Json]:
        out: list[Json] = []
        paths: list[str] = []  # the source path of each merged turn's first message
        prev_role = ""
        for role, content, path in turns:
            if role == prev_role:
                last = out[-1]
                last["content"] = _as_blocks(last["content"]) + _as_blocks(content)
            else:
                out.append({"role": role, "content": content})
                paths.append(path)
                prev_role = role
        for msg, path in zip(out, paths, strict=True):
            if msg["role"] == "user" and isinstance(msg["content"], list):
                self._results_first(msg, path)
        if out and out[-1]["role"] == "assistant":
            self._trailing_assistant(out[-1], turns[-1][2])
        return out

    def _results_first(self, msg: Json, path: str) -> None:
        blocks: list[Json] = msg["content"]
        results = [b for b in blocks if b["type"] == "tool_result"]
        if not results or blocks[: len(results)] == results:
            return
        msg["content"] = results + [b for b in blocks if b["type"] != "tool_result"]
        self.ctx.lose(
            "messages[] (tool)",
            path,
            kind="approximated",
            detail="user content came before tool results; tool results were moved first, as Anthropic requires",
        )

    def _trailing_assistant(self, msg: Json, path: str) -> None:
        content = msg["content"]
        if isinstance(content, list) and any(b["type"] == "tool_use" for b in content):
            return  # a pending tool call, not a prefill
        if self.ctx.options.trailing_assistant == "reject":
            raise UnsupportedError(
                "a trailing assistant message is a prefill on Anthropic; rejected (trailing_assistant='reject')",
                path=path,
            )
        self.ctx.lose(
            "messages[] (trailing assistant)",
            path,
            detail="the trailing assistant message was sent as Anthropic prefill: Claude continues it instead of starting a new message",
        )
        # Anthropic: "final assistant content cannot end with trailing whitespace" (a 400).
        if isinstance(content, str):
            if content != content.rstrip():
                msg["content"] = content.rstrip()
                self.ctx.lose(
                    "messages[] (trailing assistant)",
                    f"{path}.content",
                    detail="trailing whitespace removed from the prefill; Anthropic rejects it",
                )
        elif (
            content
            and content[-1]["type"] == "text"
            and content[-1]["text"] != content[-1]["text"].rstrip()
        ):
            content[-1] = {**content[-1], "text": content[-1]["text"].rstrip()}
            self.ctx.lose(
                "messages[] (trailing assistant)",
                f"{path}.content",
                detail="trailing whitespace removed from the prefill; Anthropic rejects it",
            )

    # -- assistant --------------------------------------------------------------------------------------

    def _assistant(self, msg: Json, path: str) -> list[Json] | str:
        blocks = _reasoning.openai_to_thinking(msg, path, self.ctx)
        content = msg.get("content")
        tool_calls = msg.get("tool_calls") or []
        function_call = msg.get("function_call")
        if (
            isinstance(content, str)
            and not blocks
            and not tool_calls
            and function_call is None
            and msg.get("refusal") is None
        ):
            return content
        if isinstance(content, str):
            if content:
                blocks.append({"type": "text", "text": content})
        elif content:
            for j, part in enumerate(content):
                blocks.extend(assistant_part(part, f"{path}.content[{j}]", self.ctx))
        if msg.get("refusal"):
            blocks.append({"type": "text", "text": msg["refusal"]})
            self.ctx.lose("messages[].refusal", f"{path}.refusal")
        for j, call in enumerate(tool_calls):
            blocks.append(
                tool_call_to_tool_use(call, f"{path}.tool_calls[{j}]", self.ctx, reply=False)
            )
        if function_call is not None:
            fc_id = f"call_{path.replace('messages[', 'fc').rstrip(']')}"
            self.function_ids[function_call["name"]] = fc_id
            blocks.append(
                function_call_to_tool_use(
                    function_call, fc_id, f"{path}.function_call", self.ctx, reply=False
                )
            )
        if msg.get("audio") is not None:
            self.ctx.lose("messages[].audio", f"{path}.audio")
        return blocks

    # -- parameters -------------------------------------------------------------------------------------

    def _stop(self, req: Json, out: Json) -> None:
        stop = req.get("stop")
        if stop is None:
            return
        sequences = [stop] if isinstance(stop, str) else list(stop)
        if sequences:
            out["stop_sequences"] = sequences

    def _stream_options(self, req: Json) -> None:
        opts = req.get("stream_options")
        if opts is None:
            return
        # include_usage: Anthropic streams always report usage; AnthropicToOpenAIStream(include_usage=...)
        # decides whether the client gets the final usage chunk. include_obfuscation is padding only.
        if opts.get("include_obfuscation"):
            self.ctx.lose(
                "stream_options.include_obfuscation", "stream_options.include_obfuscation"
            )
        self.ctx.unknown(
            opts, frozenset({"include_usage", "include_obfuscation"}), "stream_options"
        )

    def _carried(self, req: Json, out: Json) -> None:
        """Anthropic parameters that our reverse direction carried under their own names."""
        read_carried_params(req, out)

    def _sampling(self, req: Json, out: Json) -> None:
        version = self.ctx.options.anthropic_version
        thinking_on = thinking.enabled(out)
        for key in ("temperature", "top_p", "top_k"):
            value = out.pop(key, None) if key == "top_k" else req.get(key)
            if value is None:
                continue
            if version == "2026-10-21":
                self.ctx.lose(
                    key,
                    key,
                    kind="dropped",
                    detail=f"{key} is not accepted by Anthropic API version 2026-10-21 (any value is a 400)",
                )
                continue
            if thinking_on and (key == "top_k" or (key == "temperature" and value != 1)):
                # Anthropic: "Thinking isn't compatible with temperature or top_k modifications".
                self.ctx.lose(
                    key,
                    key,
                    kind="dropped",
                    detail=f"Anthropic does not allow {key} with thinking (only the default temperature of 1)",
                )
                continue
            if key == "temperature" and value > 1:
                self.ctx.lose(
                    "temperature",
                    key,
                    kind="approximated",
                    detail=f"temperature {value} clamped to 1 (Anthropic's range is 0-1)",
                )
                value = 1
            if key == "top_p" and thinking_on and value < 0.95:
                self.ctx.lose(
                    "top_p",
                    key,
                    kind="approximated",
                    detail=f"top_p {value} raised to 0.95: with thinking Anthropic allows 0.95-1",
                )
                value = 0.95
            out[key] = value

    def _response_format(self, req: Json, out: Json) -> None:
        fmt = req.get("response_format")
        if fmt is None:
            return
        if fmt["type"] in ("text", "json_object"):
            # unknown keys are not copied: report them
            self.ctx.unknown(fmt, frozenset({"type"}), "response_format")
        if fmt["type"] == "text":
            return
        if fmt["type"] == "json_schema":
            spec = fmt["json_schema"]
            # unknown keys are not copied: report them
            self.ctx.unknown(fmt, frozenset({"type", "json_schema"}), "response_format")
            self.ctx.unknown(
                spec,
                frozenset({"name", "description", "schema", "strict"}),
                "response_format.json_schema",
            )
            schema = spec.get("schema") or {"type": "object", "properties": {}}
            out.setdefault("output_config", {})["format"] = {
                "type": "json_schema",
                "schema": schema,
            }
            if spec.get("description") is not None:
                self.ctx.lose(
                    "response_format.json_schema.description",
                    "response_format.json_schema.description",
                )
            if spec.get("strict") is not True:
                # OpenAI's default is false (best effort); Anthropic's output_config.format is
                # always enforced, so a schema that was only a hint becomes a constraint.
                given = spec.get("strict") is not None
                self.ctx.lose(
                    "response_format.json_schema.strict",
                    "response_format.json_schema.strict"
                    if given
                    else "response_format.json_schema",
                    kind="approximated",
                    detail=f"strict {'false' if given else 'absent (false by default)'}: Anthropic always enforces the schema",
                )
        elif fmt["type"] == "json_object":
            self.ctx.lose("response_format (json_object)", "response_format")
        else:
            self.ctx.lose(
                "response_format",
                "response_format",
                kind="unknown",
                detail=f"response_format type {fmt['type']!r} is unknown; dropped",
            )

    def _identity(self, req: Json, out: Json) -> None:
        sid, user = req.get("safety_identifier"), req.get("user")
        if sid is not None:
            out["metadata"] = {"user_id": sid}
            if user is not None and user != sid:
                self.ctx.lose(
                    "user",
                    "user",
                    kind="dropped",
                    detail="user dropped: safety_identifier was sent as metadata.user_id",
                )
        elif user is not None:
            out["metadata"] = {"user_id": user}

    def _dropped(self, req: Json) -> None:
        for key in sorted(req.keys() & _DROPPED):
            value = req[key]
            if value is not None and _NOOP_DEFAULTS.get(key, _MISSING) != value:
                self.ctx.lose(key, key)


_MISSING: Final = object()
#: Parameters with no Anthropic counterpart at all.
_DROPPED: Final = frozenset(
    {
        "frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs",
        "seed", "metadata", "store", "modalities", "audio", "prediction", "verbosity",
        "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "moderation",
    }
)  # fmt: skip


def _as_blocks(content: list[Json] | str) -> list[Json]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    return list(content)
