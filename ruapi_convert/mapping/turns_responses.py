"""
ruapi_convert.mapping.turns_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the turns concept: a Responses ``input`` (a flat list of items) <->
Chat ``messages`` (turns), the ``instructions``, the caller's ``history``, and the items a gateway
stores for the next ``previous_response_id``.

Responses -> Chat, in order:

* ``instructions`` become a leading message of role ``system_role`` (option); ``history`` items (a
  gateway's stored items, for ``previous_response_id`` or ``conversation``) come before ``input``;
* a run of assistant-side items - reasoning, assistant messages, function and custom tool calls -
  becomes one assistant message with its reasoning fields, text and ``tool_calls``; a new assistant
  message item after text starts a new assistant message;
* every tool result is placed right after the assistant message of its call, in call order: Chat
  servers reject an assistant ``tool_calls`` message that is not followed by all its results
  ("An assistant message with 'tool_calls' must be followed by tool messages responding to each
  'tool_call_id'", openai/codex#7051);
* stateful and hosted-tool items have no Chat form (reported).

Chat -> Responses: a leading ``system`` message with string content becomes ``instructions``
(where Chat clients put their system prompt; Codex-style upstreams require it), everything else
becomes message items in place; an assistant message becomes its reasoning items, its message item
and its call items, in that order; tool messages become output items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import O2R_REQUEST, R2O_REQUEST, Fate, Json
from .content_responses import (
    PHASE,
    assistant_content,
    input_parts,
    text_parts,
    user_part,
)
from .reasoning_forms import require_reasoning
from .reasoning_responses import chat_to_reasoning, reasoning_to_chat
from .tool_calls_responses import (
    RESULT,
    call_to_chat,
    chat_call_to_input,
    function_call_input,
    output_to_chat,
    tool_message_to_output,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._ledger import Context

__all__ = ["history_items", "input_to_messages", "messages_to_input"]

# -- Responses -> Chat --------------------------------------------------------------------------------

R2O_REQUEST.mapped(
    "instructions",
    "messages[0]",
    "a leading message with role `system_role` ('system', or 'developer' for o-series)",
)
R2O_REQUEST.mapped(
    "input",
    "messages",
    "a string is one user message; items in order, after the `history` argument's items",
)
_ROLE = R2O_REQUEST.mapped(
    "input[].role",
    "messages[].role",
    "user, system, developer, assistant -> the same role; other roles are not sent (unknown)",
)
_TEXT_AFTER_CALLS = R2O_REQUEST.approximated(
    "input[] (assistant text after a call)",
    "messages[].content",
    "Chat puts an assistant message's text before its tool calls: text that follows a call in the same run moves before it",
)
_REFERENCE = R2O_REQUEST.stateful(
    "input[] (item_reference)",
    "a stored item by id: resolve it and pass the item in `history` or `input`",
)
_COMPACTION = R2O_REQUEST.add(
    Fate(
        "input[] (compaction)",
        "dropped",
        "",
        "server-side compaction state (an opaque blob, or a request to compact) has no Chat form",
        ("compaction", "compaction_trigger"),
    )
)
_CONTROL: Final = (
    "additional_tools", "configuration_update", "program", "program_output", "tool_search_call",
    "tool_search_output",
)  # fmt: skip
_CONTROL_ROW = R2O_REQUEST.add(
    Fate(
        "input[] (control items)",
        "dropped",
        "",
        "mid-conversation tool and configuration changes and programmatic tool calling have no Chat form: "
        + ", ".join(_CONTROL),
        _CONTROL,
    )
)
_HOSTED: Final = (
    "apply_patch_call", "apply_patch_call_output", "code_interpreter_call", "computer_call",
    "computer_call_output", "file_search_call", "image_generation_call", "local_shell_call",
    "local_shell_call_output", "mcp_approval_request", "mcp_approval_response", "mcp_call",
    "mcp_list_tools", "shell_call", "shell_call_output", "web_search_call",
)  # fmt: skip
_HOSTED_ROW = R2O_REQUEST.add(
    Fate(
        "input[] (hosted tool items)",
        "dropped",
        "",
        "calls of OpenAI-hosted tools and their results, which a Chat upstream cannot continue: "
        + ", ".join(_HOSTED),
        _HOSTED,
    )
)
_UNKNOWN_ITEM = R2O_REQUEST.dropped(
    "input[] (unknown types)", "item types this library does not know"
)
_ORPHAN_RESULT = R2O_REQUEST.row("input[] (function_call_output)")

_MESSAGE_KEYS: Final = frozenset({"type", "id", "role", "status", "content", "phase"})


class _Slot:
    """One Chat message being built; an assistant one collects its calls, results and reasoning."""

    __slots__ = ("calls", "extra_user", "msg", "position", "reasoning", "results")

    def __init__(self, msg: Json, position: int) -> None:
        self.msg = msg
        self.position = position
        self.calls: list[tuple[str, str]] = []  # (call_id, path)
        self.results: dict[str, Json] = {}
        self.extra_user: list[Json] = []
        self.reasoning: list[tuple[Json, str]] = []


def input_to_messages(req: Json, history: Sequence[Json], ctx: Context) -> list[Json]:
    """Chat ``messages`` for ``instructions``, the ``history`` items and ``input``."""
    entries: list[tuple[Json, str]] = [(item, f"history[{i}]") for i, item in enumerate(history)]
    given = req.get("input")
    if isinstance(given, str):
        entries.append(({"role": "user", "content": given}, "input"))
    else:
        entries.extend((item, f"input[{i}]") for i, item in enumerate(given or ()))
    slots: list[_Slot] = []
    instructions = req.get("instructions")
    if instructions:
        slots.append(_Slot({"role": ctx.options.system_role, "content": instructions}, 0))
    _Walk(slots, ctx).run(entries)
    return _emit(slots, ctx)


class _Walk:
    """The item walk of :func:`input_to_messages` (its state in one place)."""

    def __init__(self, slots: list[_Slot], ctx: Context) -> None:
        self.slots = slots
        self.ctx = ctx
        self.current: _Slot | None = None  # the open assistant message
        self.pending: list[tuple[Json, str]] = []  # reasoning waiting for its assistant message
        self.by_call: dict[str, _Slot] = {}

    def run(self, entries: list[tuple[Json, str]]) -> None:
        for item, path in entries:
            kind = item.get("type") or ("message" if "role" in item else "item_reference")
            if kind == "message":
                self.message(item, path)
            elif kind in ("function_call", "custom_tool_call"):
                slot = self.assistant()  # text then calls: one message, the order Chat has
                slot.msg.setdefault("tool_calls", []).append(call_to_chat(item, path, self.ctx))
                slot.calls.append((item["call_id"], path))
                self.by_call[item["call_id"]] = slot
                self.attach(slot)
            elif kind == "reasoning":
                self.pending.append((item, path))
            elif kind in ("function_call_output", "custom_tool_call_output"):
                self.close()
                self.result(item, path)
            elif kind == "item_reference":
                self.ctx.lose(_REFERENCE, path)
            else:
                self.skipped(kind, path)
        self.close()

    def assistant(self) -> _Slot:
        if self.current is None:
            self.current = self.new({"role": "assistant"})
        return self.current

    def new(self, msg: Json) -> _Slot:
        slot = _Slot(msg, len(self.slots))
        self.slots.append(slot)
        return slot

    def attach(self, slot: _Slot) -> None:
        slot.reasoning.extend(self.pending)
        self.pending = []

    def close(self) -> None:
        """The assistant run ends: reasoning with no message after it goes to the run's message."""
        if self.pending:
            if self.current is not None:
                self.attach(self.current)
            else:
                for item, path in self.pending:
                    if item.get("summary") or item.get("content") or item.get("encrypted_content"):
                        self.ctx.lose(
                            R2O_REQUEST.row("input[] (reasoning without an assistant message)"),
                            path,
                        )
                self.pending = []
        self.current = None

    def message(self, item: Json, path: str) -> None:
        ctx = self.ctx
        ctx.unknown(item, _MESSAGE_KEYS, path)
        role = item["role"]
        content = item["content"]
        cpath = f"{path}.content"
        if role == "assistant":
            slot = self.current
            if slot is not None and slot.calls:
                ctx.lose(_TEXT_AFTER_CALLS, path)
            elif slot is None or slot.msg.get("content") is not None or "refusal" in slot.msg:
                slot = self.new({"role": "assistant"})
                self.current = slot
            text, refusal = assistant_content(content, cpath, ctx)
            _merge_content(slot.msg, text)
            if refusal is not None:
                slot.msg["refusal"] = (slot.msg.get("refusal") or "") + refusal
            if item.get("phase") is not None and ctx.carry(PHASE, f"{path}.phase"):
                slot.msg["phase"] = item["phase"]
            self.attach(slot)
            return
        self.close()
        if role == "user":
            if isinstance(content, str):
                parts: Any = content
            else:
                parts = [
                    p
                    for j, part in enumerate(content)
                    if (p := user_part(part, f"{cpath}[{j}]", ctx))
                ]
            self.new({"role": "user", "content": parts})
        elif role in ("system", "developer"):
            self.new({"role": role, "content": text_parts(content, cpath, ctx)})
        else:
            ctx.lose(
                _ROLE,
                path,
                kind="unknown",
                detail=f"message role {role!r} is unknown; the message was not sent",
            )

    def result(self, item: Json, path: str) -> None:
        slot = self.by_call.get(item.get("call_id") or "")
        extra: list[Json] = []
        msg = output_to_chat(item, path, self.ctx, extra)
        if slot is None or item["call_id"] in slot.results:
            self.ctx.lose(
                _ORPHAN_RESULT,
                path,
                kind="approximated",
                detail="a tool output with no call before it (or a second output of one call) was sent as user content",
            )
            self.new({"role": "user", "content": msg["content"]})
            return
        if slot.position != len(self.slots) - 1:
            self.ctx.lose(
                RESULT,
                path,
                kind="approximated",
                detail="a tool output after other messages was moved right after its call, as Chat requires",
            )
        slot.results[item["call_id"]] = msg
        slot.extra_user.extend(extra)

    def skipped(self, kind: str, path: str) -> None:
        self.close()
        if kind in ("compaction", "compaction_trigger"):
            self.ctx.lose(_COMPACTION, path)
        elif kind in _CONTROL:
            self.ctx.lose(_CONTROL_ROW, path)
        elif kind in _HOSTED:
            self.ctx.lose(_HOSTED_ROW, path)
        else:
            self.ctx.lose(
                _UNKNOWN_ITEM,
                path,
                kind="unknown",
                detail=f"input item type {kind!r} is unknown; dropped",
            )


def _merge_content(msg: Json, text: Any) -> None:
    if text is None:
        return
    have = msg.get("content")
    if have is None:
        msg["content"] = text
        return
    parts = [{"type": "text", "text": have}] if isinstance(have, str) else list(have)
    parts += [{"type": "text", "text": text}] if isinstance(text, str) else text
    msg["content"] = parts


def _emit(slots: list[_Slot], ctx: Context) -> list[Json]:
    out: list[Json] = []
    for slot in slots:
        msg = slot.msg
        if slot.reasoning:
            msg.update(reasoning_to_chat(slot.reasoning, ctx))
        require_reasoning(msg, ctx)
        if msg["role"] == "assistant" and "content" not in msg and "tool_calls" not in msg:
            msg["content"] = ""  # Chat wants content or tool calls on an assistant message
        out.append(msg)
        for call_id, path in slot.calls:
            result = slot.results.get(call_id)
            if result is None:
                ctx.lose(
                    RESULT,
                    path,
                    kind="defaulted",
                    detail="this call has no output; an empty tool message was sent, because Chat requires one per call",
                )
                result = {"role": "tool", "tool_call_id": call_id, "content": ""}
            out.append(result)
        if slot.extra_user:
            out.append({"role": "user", "content": slot.extra_user})
    return out


# -- Chat -> Responses --------------------------------------------------------------------------------

O2R_REQUEST.mapped(
    "messages",
    "instructions + input",
    "a leading system message with string content -> instructions; every other message -> items in place",
)
O2R_REQUEST.mapped(
    "messages[].role",
    "input[].role",
    "system, developer, user, assistant -> message items of that role; tool and function -> output items",
)
_NAME = O2R_REQUEST.dropped("messages[].name", "Responses messages have no author name")
O2R_REQUEST.mapped(
    "messages[].refusal",
    "input[].content[]: refusal",
    "an assistant refusal becomes a refusal part",
)
_AUDIO = O2R_REQUEST.dropped(
    "messages[].audio", "a reference to an earlier audio reply has no Responses form"
)
_O2R_UNKNOWN_ROLE = O2R_REQUEST.row("messages[].role")

_CHAT_KEYS: Final = {
    "system": frozenset({"role", "content", "name"}),
    "developer": frozenset({"role", "content", "name"}),
    "user": frozenset({"role", "content", "name"}),
    "assistant": frozenset(
        {
            "role",
            "content",
            "refusal",
            "tool_calls",
            "function_call",
            "audio",
            "name",
            "phase",
            "reasoning_content",
            "reasoning_details",
            "reasoning",
            "thinking_blocks",
        }
    ),
    "tool": frozenset({"role", "content", "tool_call_id"}),
    "function": frozenset({"role", "content", "name"}),
}


def messages_to_input(messages: list[Json], out: Json, ctx: Context) -> None:
    """``instructions`` and ``input`` for Chat ``messages``."""
    items: list[Json] = []
    custom_ids: set[str] = set()
    for i, msg in enumerate(messages):
        path = f"messages[{i}]"
        role = msg["role"]
        keys = _CHAT_KEYS.get(role)
        if keys is None:
            ctx.lose(
                _O2R_UNKNOWN_ROLE,
                path,
                kind="unknown",
                detail=f"message role {role!r} is unknown; the message was not sent",
            )
            continue
        ctx.unknown(msg, keys, path)
        if msg.get("name") is not None and role != "function":
            ctx.lose(_NAME, f"{path}.name")
        content = msg.get("content")
        if i == 0 and role == "system" and isinstance(content, str):
            out["instructions"] = content
        elif role in ("system", "developer", "user"):
            items.append(
                {
                    "type": "message",
                    "role": role,
                    "content": input_parts(content or "", f"{path}.content", ctx),
                }
            )
        elif role == "assistant":
            items.extend(_assistant_items(msg, path, ctx, custom_ids))
        else:
            items.append(tool_message_to_output(msg, path, ctx, custom_ids))
    out["input"] = items


def _assistant_items(msg: Json, path: str, ctx: Context, custom_ids: set[str]) -> list[Json]:
    items = chat_to_reasoning(msg, path, ctx, new_id=_no_id, reply=False)
    content = msg.get("content")
    parts = input_parts(content, f"{path}.content", ctx, output=True) if content else []
    if msg.get("refusal"):
        parts.append({"type": "refusal", "refusal": msg["refusal"]})
    if parts:
        message: Json = {"type": "message", "role": "assistant", "content": parts}
        if msg.get("phase") is not None:
            message["phase"] = msg["phase"]
        items.append(message)
    for j, call in enumerate(msg.get("tool_calls") or ()):
        item = chat_call_to_input(call, f"{path}.tool_calls[{j}]", ctx)
        if item["type"] == "custom_tool_call":
            custom_ids.add(item["call_id"])
        items.append(item)
    if msg.get("function_call") is not None:
        items.append(function_call_input(msg["function_call"], f"{path}.function_call", ctx))
    if msg.get("audio") is not None:
        ctx.lose(_AUDIO, f"{path}.audio")
    return items


def _no_id() -> str:
    return ""  # a request's reasoning without an id is dropped before its id is needed


# -- the items a gateway stores ---------------------------------------------------------------------


def history_items(request: Json, response: Json, history: Sequence[Json]) -> list[Json]:
    """``history`` + the request's ``input`` (a string as a user message item) + the response's
    ``output``: what a gateway stores under the response's id, and passes as ``history=`` when a
    later request names it in ``previous_response_id``. (``instructions`` are not part of it: "the
    instructions of the previous response are not carried over" with ``previous_response_id``.)"""
    items = [dict(item) for item in history]
    given = request.get("input")
    if isinstance(given, str):
        items.append({"type": "message", "role": "user", "content": given})
    else:
        items.extend(dict(item) for item in given or ())
    items.extend(dict(item) for item in response.get("output") or ())
    return items
