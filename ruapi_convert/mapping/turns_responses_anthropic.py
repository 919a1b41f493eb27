"""
ruapi_convert.mapping.turns_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The turns concept between the Responses API and Anthropic Messages, in requests: a Responses
``input`` (a flat list of items) and ``instructions`` <-> Anthropic ``system`` and ``messages``
(alternating turns of content blocks), with tool calls, tool results and reasoning in place.

Responses -> Anthropic, in order:

* ``instructions`` and the system/developer messages before the first other item become
  ``system`` (a string when that is all there is); one that comes later follows the
  ``system_messages`` option (hoist, native, user), as for Chat clients;
* the ``history`` items (a gateway's stored items) come before ``input``;
* assistant-side items - assistant messages, reasoning, function and custom tool calls - are the
  blocks of one assistant turn, in their order (thinking, text and ``tool_use`` interleave as
  Claude wrote them); user messages and tool outputs are the blocks of one user turn, the
  ``tool_result`` blocks first, as Anthropic requires ("tool_result blocks must come first");
* a call with no output gets an empty ``tool_result`` (defaulted): Anthropic rejects a
  ``tool_use`` whose next turn does not answer it; an output without its call is sent as user text.

Anthropic -> Responses (:mod:`.turns_anthropic_responses`): ``system`` becomes ``instructions`` (a string) or a leading system
message of input_text parts (blocks, which can carry cache breakpoints); each turn's blocks become
items in order: text runs -> one message item, ``thinking`` -> reasoning items (those that came
from a Responses upstream), ``tool_use`` -> function_call (or custom_tool_call for a tool in the
custom form), ``tool_result`` -> function_call_output (custom_tool_call_output), web search blocks
-> ``web_search_call``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import InvalidInputError, UnsupportedError
from ._ledger import R2A_REQUEST, Fate, Json
from .content_responses_anthropic import (
    request_block,
    user_content,
)
from .reasoning_responses_anthropic import item_to_request_block
from .tool_calls import arguments_to_input, sanitize_tool_id
from .tools_responses import CUSTOM_INPUT_KEY, flat_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._ledger import Context

__all__ = ["input_to_messages"]

# -- Responses -> Anthropic ---------------------------------------------------------------------------

R2A_REQUEST.mapped(
    "instructions",
    "system",
    "with the system and developer messages before the first other item: a string when it is all there is, else text blocks in order",
)
R2A_REQUEST.mapped(
    "input",
    "messages",
    "a string is one user turn; items in order, after the `history` argument's items; consecutive items of one side make one turn",
)
_ROLE = R2A_REQUEST.mapped(
    "input[].role",
    "messages[].role",
    "user -> user, assistant -> assistant, system and developer -> system (see instructions; later ones follow the system_messages option: hoist into system, native system turns, or user text, approximated); other roles raise InvalidInputError",
)
R2A_REQUEST.mapped(
    "input[].id",
    "",
    "item ids (msg_, fc_, ctc_) name stored items, which Anthropic does not have: not sent, not reported (a reasoning item's id travels in its carrier)",
)
R2A_REQUEST.mapped(
    "input[].status", "", "the state of a replayed item says nothing to the model (not reported)"
)
_PHASE = R2A_REQUEST.dropped(
    "input[].phase", "commentary / final_answer of an assistant message has no Anthropic field"
)
_REFUSAL = R2A_REQUEST.approximated(
    "input[].content[].refusal",
    "messages[].content[]: text",
    "a refusal in history becomes assistant text",
)
R2A_REQUEST.mapped(
    "input[] (function_call)",
    "messages[].content[]: tool_use",
    "{id: call_id (sanitised to ^[a-zA-Z0-9_-]+$, its result gets the same id), name (<namespace>__<name> for a namespaced call), input: the arguments parsed (arguments that are not a JSON object follow invalid_tool_arguments: wrapped as {_raw_arguments: <the string>}, reported, or refused)}",
)
R2A_REQUEST.mapped(
    "input[] (custom_tool_call)",
    "messages[].content[]: tool_use",
    "{id: call_id, name, input: {input: <the text>}} (the custom tool form)",
)
R2A_REQUEST.mapped("input[].call_id", "messages[].content[].id / tool_use_id")
R2A_REQUEST.mapped("input[].name", "messages[].content[].name")
R2A_REQUEST.mapped("input[].namespace", "messages[].content[].name", "<namespace>__<name>")
_ARGUMENTS = R2A_REQUEST.mapped("input[].arguments", "messages[].content[].input")
R2A_REQUEST.mapped("input[].input", "messages[].content[].input.input")
_CALLER = R2A_REQUEST.dropped(
    "input[].caller",
    "who made the call (the model or a program): no Anthropic field; also created_by and async",
)
R2A_REQUEST.dropped("input[].created_by", "see input[].caller")
R2A_REQUEST.dropped("input[].async", "see input[].caller")
_RESULT = R2A_REQUEST.mapped(
    "input[] (function_call_output)",
    "messages[].content[]: tool_result",
    "{tool_use_id: call_id, content: the output (a string, or text, image and document blocks)} in the user turn after the call, before any other block; a call with no output gets an empty tool_result (defaulted); an output without its call is sent as user text (approximated). custom_tool_call_output likewise",
)
R2A_REQUEST.mapped("input[].output", "messages[].content[].content")
for _key in ("text", "image_url", "detail", "file_id", "file_data", "file_url", "filename",
             "input_audio", "prompt_cache_breakpoint"):  # fmt: skip
    R2A_REQUEST.mapped(
        f"input[].output[].{_key}",
        "messages[].content[].content[]",
        "the parts of a tool output map as the parts of a user message (input[].content[])",
    )
_REFERENCE = R2A_REQUEST.stateful(
    "input[] (item_reference)",
    "a stored item by id: resolve it and pass the item in `history` or `input`",
)
_WEB_SEARCH = R2A_REQUEST.add(
    Fate(
        "input[] (web_search_call)",
        "dropped",
        "",
        "a web search in history: Anthropic takes back only its own search results with their encrypted content, which a Responses item does not hold",
        ("web_search_call",),
    )
)
_OTHER: Final = (
    "apply_patch_call", "apply_patch_call_output", "code_interpreter_call", "compaction",
    "compaction_trigger", "computer_call", "computer_call_output", "file_search_call",
    "image_generation_call", "local_shell_call", "local_shell_call_output",
    "mcp_approval_request", "mcp_approval_response", "mcp_call", "mcp_list_tools", "shell_call",
    "shell_call_output", "additional_tools", "configuration_update", "program", "program_output",
    "tool_search_call", "tool_search_output",
)  # fmt: skip
_HOSTED = R2A_REQUEST.add(
    Fate(
        "input[] (hosted tool and control items)",
        "dropped",
        "",
        "calls of OpenAI-hosted tools, their results, compaction state and control items, which Anthropic cannot continue: "
        + ", ".join(_OTHER),
        _OTHER,
    )
)
_UNKNOWN_ITEM = R2A_REQUEST.dropped(
    "input[] (unknown types)", "item types this library does not know"
)
_TRAILING = R2A_REQUEST.approximated(
    "input[] (trailing assistant message)",
    "messages[]: a final assistant turn (prefill)",
    "Claude continues it instead of writing a new message (trailing_assistant='reject' raises UnsupportedError)",
)

_MESSAGE_KEYS: Final = frozenset({"type", "id", "role", "status", "content", "phase"})
_CALL_KEYS: Final = frozenset(
    {"id", "type", "status", "arguments", "call_id", "name", "namespace", "input", "caller",
     "created_by", "async"}
)  # fmt: skip
_OUTPUT_KEYS: Final = frozenset(
    {"id", "type", "call_id", "output", "status", "name", "namespace", "caller", "created_by"}
)
_ASSISTANT_SIDE: Final = frozenset({"function_call", "custom_tool_call", "reasoning"})


class _Turn:
    """One Anthropic message being built."""

    __slots__ = ("blocks", "calls", "path", "results", "role", "text")

    def __init__(self, role: str, path: str) -> None:
        self.role = role
        self.path = path
        self.blocks: list[Json] = []
        self.text: str | None = None  # the content as one string, while it can be one
        self.calls: list[str] = []  # tool_use ids, in order (assistant turns)
        self.results = 0  # tool_result blocks at the front (user turns)


def input_to_messages(req: Json, history: Sequence[Json], out: Json, ctx: Context) -> None:
    """Anthropic ``system`` and ``messages`` (into ``out``) for ``instructions``, the
    ``history`` items and ``input``."""
    entries: list[tuple[Json, str]] = [(item, f"history[{i}]") for i, item in enumerate(history)]
    given = req.get("input")
    if isinstance(given, str):
        entries.append(({"type": "message", "role": "user", "content": given}, "input"))
    else:
        entries.extend((item, f"input[{i}]") for i, item in enumerate(given or ()))
    walk = _Walk(ctx)
    if req.get("instructions"):
        walk.system.append({"type": "text", "text": req["instructions"]})
        walk.plain_system.append(req["instructions"])
    walk.run(entries)
    walk.finish(out)


class _Walk:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.turns: list[_Turn] = []
        self.system: list[Json] = []
        self.plain_system: list[str | None] = []
        self.leading = True
        self.call_ids: dict[str, str] = {}  # call_id -> tool_use id
        self.answered: set[str] = set()

    def turn(self, role: str, path: str) -> _Turn:
        if not self.turns or self.turns[-1].role != role:
            self.turns.append(_Turn(role, path))
        return self.turns[-1]

    def add(self, role: str, content: Any, path: str) -> None:
        turn = self.turn(role, path)
        if isinstance(content, str):
            if not turn.blocks:
                turn.text = content
            turn.blocks.append({"type": "text", "text": content})
        else:
            turn.text = None
            turn.blocks.extend(content)

    def run(self, entries: list[tuple[Json, str]]) -> None:
        ctx = self.ctx
        for item, path in entries:
            kind = item.get("type") or ("message" if "role" in item else "item_reference")
            if kind == "message":
                self.message(item, path)
                continue
            self.leading = False
            if kind in ("function_call", "custom_tool_call"):
                self.call(item, path)
            elif kind == "reasoning":
                block = item_to_request_block(item, path, ctx)
                if block is not None:
                    self.add("assistant", [block], path)
            elif kind in ("function_call_output", "custom_tool_call_output"):
                self.result(item, path)
            elif kind == "item_reference":
                ctx.lose(_REFERENCE, path)
            elif kind == "web_search_call":
                ctx.lose(_WEB_SEARCH, path)
            elif kind in _OTHER:
                ctx.lose(_HOSTED, path)
            else:
                ctx.lose(
                    _UNKNOWN_ITEM,
                    path,
                    kind="unknown",
                    detail=f"input item type {ctx.quote(kind)} is unknown; dropped",
                )

    def message(self, item: Json, path: str) -> None:
        ctx = self.ctx
        ctx.unknown(item, _MESSAGE_KEYS, path)
        role, content = item["role"], item["content"]
        cpath = f"{path}.content"
        if role in ("system", "developer"):
            blocks = _text_blocks(content, cpath, ctx)
            if self.leading:
                self.system.extend(blocks)
                self.plain_system.append(content if isinstance(content, str) else None)
                return
            self.mid_system(content, blocks, path)
            return
        self.leading = False
        if role == "user":
            blocks = user_content(content, cpath, ctx)
            if blocks:
                self.add("user", blocks, path)
        elif role == "assistant":
            if item.get("phase") is not None:
                ctx.lose(_PHASE, f"{path}.phase")
            self.add("assistant", _assistant_blocks(content, cpath, ctx), path)
        else:
            raise InvalidInputError(
                f"message role {ctx.quote(role)} is not user, assistant, system or developer",
                path=f"{path}.role",
            )

    def mid_system(self, content: Any, blocks: list[Json], path: str) -> None:
        mode = self.ctx.options.system_messages
        if mode == "hoist":
            self.system.extend(blocks)
            self.plain_system.append(None)
            detail = "a system message after the conversation began was moved into the top-level system prompt"
        elif mode == "native":
            self.add("system", content if isinstance(content, str) else blocks, path)
            return
        else:
            self.add("user", blocks, path)
            detail = "a system message after the conversation began was sent as user text"
        self.ctx.lose(_ROLE, path, kind="approximated", detail=detail)

    def call(self, item: Json, path: str) -> None:
        ctx = self.ctx
        ctx.unknown(item, _CALL_KEYS, path)
        for key in ("caller", "created_by", "async"):
            if item.get(key) not in (None, False):
                ctx.lose(_CALLER, f"{path}.{key}")
        name = flat_name(item.get("namespace"), item["name"])
        tool_id = sanitize_tool_id(item["call_id"])
        if tool_id != item["call_id"]:
            ctx.lose(
                R2A_REQUEST.row("input[].call_id"),
                f"{path}.call_id",
                kind="approximated",
                detail=f"call_id {ctx.quote(item['call_id'])} has characters Anthropic rejects; sent as {ctx.quote(tool_id)} (its output got the same id)",
            )
        if item["type"] == "function_call":
            tool_input = arguments_to_input(item["arguments"], f"{path}.arguments", ctx, _ARGUMENTS)
        else:
            tool_input = {CUSTOM_INPUT_KEY: item["input"]}
        self.call_ids[item["call_id"]] = tool_id
        turn = self.turn("assistant", path)
        turn.text = None
        turn.blocks.append({"type": "tool_use", "id": tool_id, "name": name, "input": tool_input})
        turn.calls.append(tool_id)

    def result(self, item: Json, path: str) -> None:
        ctx = self.ctx
        ctx.unknown(item, _OUTPUT_KEYS, path)
        call_id = item.get("call_id")
        if not isinstance(call_id, str):
            raise InvalidInputError(
                "a tool output needs the call_id it answers", path=f"{path}.call_id"
            )
        content = user_content(item["output"], f"{path}.output", ctx)
        tool_id = self.call_ids.get(call_id)
        last = self.turns[-1] if self.turns else None
        calls = last.calls if last is not None and last.role == "assistant" else []
        if len(self.turns) >= 2 and last is not None and last.role == "user":
            prior = self.turns[-2]
            calls = prior.calls if prior.role == "assistant" else []
        if tool_id is None or tool_id not in calls or tool_id in self.answered:
            ctx.lose(
                _RESULT,
                path,
                kind="approximated",
                detail="a tool output with no call right before it (or a second output of one call) was sent as user text",
            )
            self.add("user", content if content else "", path)
            return
        self.answered.add(tool_id)
        block: Json = {"type": "tool_result", "tool_use_id": tool_id, "content": content}
        turn = self.turn("user", path)
        turn.text = None
        if turn.results != len(turn.blocks):
            ctx.lose(
                _RESULT,
                path,
                kind="approximated",
                detail="a tool output after other user content was moved before it: Anthropic wants tool_result blocks first",
            )
        turn.blocks.insert(turn.results, block)
        turn.results += 1

    def finish(self, out: Json) -> None:
        ctx = self.ctx
        messages: list[Json] = []
        for k, turn in enumerate(self.turns):
            if turn.calls:
                self.answer(turn, self.turns[k + 1] if k + 1 < len(self.turns) else None)
            if not turn.blocks:
                continue
            content: Any = (
                turn.text if turn.text is not None and len(turn.blocks) == 1 else turn.blocks
            )
            messages.append({"role": turn.role, "content": content})
        if messages and messages[-1]["role"] == "assistant":
            if ctx.options.trailing_assistant == "reject":
                raise UnsupportedError(
                    "the input ends with an assistant message, which Anthropic would continue (trailing_assistant='reject')",
                    path="input",
                )
            ctx.lose(_TRAILING, self.turns[-1].path)
        if not messages:
            if not self.system:
                raise UnsupportedError("there is no message to send", path="input")
            # Anthropic needs a user turn: the instructions are the whole conversation
            ctx.lose(
                _ROLE,
                "instructions",
                kind="approximated",
                detail="a request with only instructions sends them as the user turn (Anthropic needs one)",
            )
            messages.append({"role": "user", "content": self.system})
            self.system = []
        if self.system:
            plain = self.plain_system
            if len(plain) == 1 and plain[0] is not None and len(self.system) == 1:
                out["system"] = plain[0]
            else:
                out["system"] = self.system
        out["messages"] = messages

    def answer(self, turn: _Turn, after: _Turn | None) -> None:
        """Give every call of an assistant turn its result in the next turn (defaulted)."""
        if after is None:
            return  # a trailing call: reported as a trailing assistant turn
        if after.role != "user":
            after = _Turn("user", turn.path)
            self.turns.insert(self.turns.index(turn) + 1, after)
        answered = {b.get("tool_use_id") for b in after.blocks if b.get("type") == "tool_result"}
        for tool_id in turn.calls:
            if tool_id not in answered:
                self.ctx.lose(
                    _RESULT,
                    turn.path,
                    kind="defaulted",
                    detail=f"call {self.ctx.quote(tool_id)} has no output; an empty tool_result was sent, because Anthropic requires one per tool_use",
                )
                after.text = None
                after.blocks.insert(
                    after.results, {"type": "tool_result", "tool_use_id": tool_id, "content": ""}
                )
                after.results += 1


def _text_blocks(content: Any, path: str, ctx: Context) -> list[Json]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    blocks = []
    for j, part in enumerate(content):
        block = request_block(part, f"{path}[{j}]", ctx, images=False)
        if block is not None:
            blocks.append(block)
    return blocks


def _assistant_blocks(content: Any, path: str, ctx: Context) -> list[Json]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    blocks = []
    for j, part in enumerate(content):
        ppath = f"{path}[{j}]"
        if part.get("type") == "refusal":
            ctx.unknown(part, frozenset({"type", "refusal"}), ppath)
            ctx.lose(_REFUSAL, ppath)
            blocks.append({"type": "text", "text": part["refusal"]})
            continue
        block = request_block(part, ppath, ctx, images=False)
        if block is not None:
            blocks.append(block)
    return [b for b in blocks if b.get("text") != "" or b.get("cache_control")]
