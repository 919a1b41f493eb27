"""
ruapi_convert.mapping.turns
~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: the structure of a conversation - who speaks in which turn, where the system prompt goes,
where tool results sit - is decided here; each message's content is left to the concept modules.

OpenAI -> Anthropic:

* leading system/developer messages become the top-level ``system`` (a string when there is
  exactly one string, else text blocks that keep ``cache_control``); later ones follow the
  ``system_messages`` option;
* ``tool``/``function`` messages become ``tool_result`` blocks of a user turn, and consecutive turns
  of the same role are merged - Anthropic: "Consecutive user or assistant turns in your request will
  be combined into a single turn" - with tool results moved to the front of their user turn
  ("tool_result blocks first, any text after");
* an assistant message becomes its thinking blocks (only *signed* reasoning), then its text, then
  its tool calls; a trailing one is a prefill (option ``trailing_assistant``).

Anthropic -> OpenAI: the system prompt becomes a leading system (or developer, by option) message;
a user turn splits into its ``tool_result`` blocks, each a ``tool`` message, followed by a user
message with the rest; an assistant turn becomes one assistant message with its text as content
parts, its ``tool_use`` blocks as ``tool_calls`` and its thinking as reasoning fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .._quote import quote
from ..errors import InvalidInputError, UnsupportedError
from ._ledger import A2O_REQUEST, O2A_REQUEST, Json
from .content import (
    assistant_part,
    system_parts,
    text_parts,
    text_to_part,
    user_block,
    user_content,
    verbatim,
)
from .dialects import dialect_of
from .reasoning import (
    OPENAI_REASONING_KEYS,
    REQUEST_THINKING,
    openai_to_thinking,
)
from .reasoning_forms import (
    gemini_signature,
    replay_reasoning,
    require_reasoning,
    unplaced_signature,
)
from .tool_calls import (
    RESULT_MOVED,
    TOOL_MESSAGE,
    function_call_to_tool_use,
    function_result,
    request_tool_call,
    tool_call_to_tool_use,
    tool_message,
    tool_result,
)

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = ["messages_to_anthropic", "messages_to_openai"]

# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_REQUEST.mapped(
    "messages",
    "system + messages",
)
_O2A_ROLE = O2A_REQUEST.mapped(
    "messages[].role",
    "messages[].role / system",
    "leading system and developer messages become the top-level system (a string when there is exactly one plain string, text blocks otherwise); user -> user; assistant -> assistant; tool and function -> tool_result blocks in a user turn; consecutive turns of one role are merged (Anthropic merges them anyway), tool results first",
)
_SYSTEM_ONLY = O2A_REQUEST.approximated(
    "messages (only system/developer)",
    "messages[0]: user",
    "a request of only system/developer messages (valid OpenAI) sends their text as the one user turn, as the Messages API requires at least one message; a request whose every message is empty raises UnsupportedError",
)
_MID_SYSTEM = O2A_REQUEST.approximated(
    "messages[] (system, mid-conversation)",
    "system",
    "system_messages='hoist' (default): appended to the top-level system prompt, which changes where the instruction sits; 'native': sent as Anthropic role=system messages in place (newest models only; not reported); 'user': sent as user text",
)
_PREFILL = O2A_REQUEST.approximated(
    "messages[] (trailing assistant)",
    "messages[-1]",
    "trailing_assistant='prefill' (default): sent as Anthropic prefill, which Claude continues instead of starting a new message (trailing whitespace, which Anthropic rejects, is removed); 'reject': UnsupportedError",
)
_NAME = O2A_REQUEST.dropped(
    "messages[].name",
    "Anthropic messages have no author name",
)
_O2A_CONTENT = O2A_REQUEST.mapped(
    "messages[].content",
    "messages[].content / system",
    "a string stays a string; parts become blocks; null or empty content drops the message (Anthropic rejects empty turns)",
)
_REFUSAL = O2A_REQUEST.approximated(
    "messages[].refusal",
    "messages[].content[]: text",
    "an assistant refusal becomes plain text",
)
_AUDIO = O2A_REQUEST.dropped(
    "messages[].audio",
    "a reference to an earlier audio reply has no Anthropic counterpart",
)

#: The keys each OpenAI message role has (anything else is reported as unknown).
_MESSAGE_KEYS: Final = {
    "system": frozenset({"role", "content", "name"}),
    "developer": frozenset({"role", "content", "name"}),
    "user": frozenset({"role", "content", "name"}),
    "assistant": frozenset(
        {
            "role", "content", "refusal", "tool_calls", "function_call", "audio", "name",
            *OPENAI_REASONING_KEYS,
        }
    ),
    "tool": frozenset({"role", "content", "tool_call_id", "is_error", "cache_control", "toolset_name"}),
    "function": frozenset({"role", "content", "name"}),
}  # fmt: skip

#: (role, content, source path) of one turn before turns of the same role are merged.
_Turn = tuple[str, "list[Json] | str", str]


def messages_to_anthropic(
    messages: list[Json], ctx: Context
) -> tuple[str | list[Json], list[Json]]:
    """The Anthropic ``system`` and ``messages`` for OpenAI ``messages``."""
    if not messages:  # OpenAI: "[] is too short - 'messages'"
        raise InvalidInputError("must hold at least one message", path="messages")
    system: list[Json] = []
    # the plain-string form, while every system message is one; None marks a list (not a
    # sentinel string: a real system prompt could equal it)
    system_strings: list[str | None] = []
    turns: list[_Turn] = []
    function_ids: dict[str, str] = {}  # deprecated function_call name -> synthesised id
    leading = True
    for i, msg in enumerate(messages):
        path = f"messages[{i}]"
        role = msg["role"]
        keys = _MESSAGE_KEYS.get(role)
        if keys is None:
            # OpenAI itself refuses a role it does not know; dropping the message would send a
            # different conversation (or none at all).
            raise InvalidInputError(
                f"message role {quote(role)} is not one of {', '.join(_MESSAGE_KEYS)}",
                path=f"{path}.role",
            )
        if not msg.keys() <= keys:
            ctx.unknown(msg, keys, path)
        if msg.get("name") is not None and role != "function":
            ctx.lose(_NAME, f"{path}.name")
        if role in ("system", "developer"):
            blocks = text_parts(msg.get("content"), path, ctx)
            if leading:
                system.extend(blocks)
                content = msg.get("content")
                if isinstance(content, str) and content:
                    system_strings.append(content)
                elif content:
                    system_strings.append(None)  # a list: the string form is no longer possible
                continue
            _mid_system(msg.get("content"), blocks, path, system, turns, ctx)
            continue
        leading = False
        if role == "user":
            content = user_content(msg.get("content"), path, ctx)
            if content:
                turns.append(("user", content, path))
            else:
                ctx.lose(
                    _O2A_CONTENT,
                    f"{path}.content",
                    kind="dropped",
                    detail="empty user message; Anthropic rejects messages without content",
                )
        elif role == "assistant":
            content = _assistant(msg, path, ctx, function_ids)
            if content:
                turns.append(("assistant", content, path))
            else:  # dropped before merging, so that the turns around it still merge
                ctx.lose(
                    _O2A_CONTENT,
                    path,
                    kind="dropped",
                    detail="empty assistant message (no text, tool call or signed reasoning) was not sent; Anthropic rejects empty turns",
                )
        elif role == "tool":
            turns.append(("user", [tool_result(msg, path, ctx)], path))
        else:  # function (deprecated)
            turns.append(("user", [function_result(msg, path, ctx, function_ids)], path))
    merged = _merge(turns, ctx)
    if not merged:
        return _nothing_but_system(system, messages, ctx)
    only = system_strings[0] if len(system_strings) == 1 else None
    if only is not None and len(system) == 1 and not system[0].get("cache_control"):
        return only, merged
    return system, merged


def _mid_system(
    content: Any,
    blocks: list[Json],
    path: str,
    system: list[Json],
    turns: list[_Turn],
    ctx: Context,
) -> None:
    policy = ctx.options.system_messages
    if not blocks:
        return
    if policy == "hoist":
        system.extend(blocks)
        ctx.lose(_MID_SYSTEM, path)
    elif policy == "native":
        # Anthropic system messages take a string or text blocks, like OpenAI's.
        turns.append(("system", content if isinstance(content, str) else blocks, path))
    else:
        turns.append(("user", blocks, path))
        ctx.lose(
            _MID_SYSTEM,
            path,
            detail="a system message after the conversation started was sent as user text (system_messages='user')",
        )


def _assistant(
    msg: Json, path: str, ctx: Context, function_ids: dict[str, str]
) -> list[Json] | str:
    """The content of an assistant turn: signed thinking, text, then tool calls."""
    blocks = openai_to_thinking(msg, path, ctx)
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
            blocks.extend(assistant_part(part, f"{path}.content[{j}]", ctx))
    if msg.get("refusal"):
        blocks.append({"type": "text", "text": msg["refusal"]})
        ctx.lose(_REFUSAL, f"{path}.refusal")
    for j, call in enumerate(tool_calls):
        blocks.append(tool_call_to_tool_use(call, f"{path}.tool_calls[{j}]", ctx, reply=False))
    if function_call is not None:
        fc_id = f"call_{path.replace('messages[', 'fc').rstrip(']')}"
        function_ids[function_call["name"]] = fc_id
        blocks.append(
            function_call_to_tool_use(
                function_call, fc_id, f"{path}.function_call", ctx, reply=False
            )
        )
    if msg.get("audio") is not None:
        ctx.lose(_AUDIO, f"{path}.audio")
    return blocks


def _nothing_but_system(
    system: list[Json], messages: list[Json], ctx: Context
) -> tuple[str | list[Json], list[Json]]:
    """No turn is left to send: the Messages API refuses an empty ``messages``.

    A request of only system/developer messages is valid OpenAI (the model answers the
    instructions); its nearest Anthropic form is the instructions as the user's turn. A request
    whose every message was empty has no form at all.
    """
    if not system:
        raise UnsupportedError(
            "no message is left to send: every message was empty, and Anthropic requires at least one",
            path="messages",
        )
    ctx.lose(
        _SYSTEM_ONLY,
        "messages",
        detail=f"the request has only system messages ({len(messages)}); their text was sent as the user turn, since Anthropic requires one",
    )
    return "", [{"role": "user", "content": system}]


def _merge(turns: list[_Turn], ctx: Context) -> list[Json]:
    out: list[Json] = []
    paths: list[str] = []  # the source path of each merged turn's first message
    prev_role = ""
    owned = False  # out[-1]["content"] is a list of our own (extended in place: linear)
    for role, content, path in turns:
        if role == prev_role:
            last = out[-1]
            if not owned:
                last["content"] = _as_blocks(last["content"])
                owned = True
            last["content"].extend(_as_blocks(content))
        else:
            out.append({"role": role, "content": content})
            paths.append(path)
            prev_role = role
            owned = False
    for msg, path in zip(out, paths, strict=True):
        if msg["role"] == "user" and isinstance(msg["content"], list):
            _results_first(msg, path, ctx)
    if out and out[-1]["role"] == "assistant":
        _trailing_assistant(out[-1], turns[-1][2], ctx)
    return out


def _results_first(msg: Json, path: str, ctx: Context) -> None:
    blocks: list[Json] = msg["content"]
    results = [b for b in blocks if b["type"] == "tool_result"]
    if not results or blocks[: len(results)] == results:
        return
    msg["content"] = results + [b for b in blocks if b["type"] != "tool_result"]
    ctx.lose(
        TOOL_MESSAGE,
        path,
        kind="approximated",
        detail="user content came before tool results; tool results were moved first, as Anthropic requires",
    )


def _trailing_assistant(msg: Json, path: str, ctx: Context) -> None:
    content = msg["content"]
    if isinstance(content, list) and any(b["type"] == "tool_use" for b in content):
        return  # a pending tool call, not a prefill
    if ctx.options.trailing_assistant == "reject":
        raise UnsupportedError(
            "a trailing assistant message is a prefill on Anthropic; rejected (trailing_assistant='reject')",
            path=path,
        )
    ctx.lose(
        _PREFILL,
        path,
        detail="the trailing assistant message was sent as Anthropic prefill: Claude continues it instead of starting a new message",
    )
    # Anthropic: "final assistant content cannot end with trailing whitespace" (a 400).
    if isinstance(content, str):
        if content != content.rstrip():
            msg["content"] = content.rstrip()
            ctx.lose(
                _PREFILL,
                f"{path}.content",
                detail="trailing whitespace removed from the prefill; Anthropic rejects it",
            )
    elif (
        content
        and content[-1]["type"] == "text"
        and content[-1]["text"] != content[-1]["text"].rstrip()
    ):
        content[-1] = {**content[-1], "text": content[-1]["text"].rstrip()}
        ctx.lose(
            _PREFILL,
            f"{path}.content",
            detail="trailing whitespace removed from the prefill; Anthropic rejects it",
        )


def _as_blocks(content: list[Json] | str) -> list[Json]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    return list(content)


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_REQUEST.mapped(
    "system",
    "messages[0]",
    "a leading message with role `system_role` ('system', or 'developer' for o-series); a string stays a string, text blocks become text parts",
)
A2O_REQUEST.mapped(
    "messages",
    "messages",
)
_A2O_ROLE = A2O_REQUEST.mapped(
    "messages[].role",
    "messages[].role",
    "user -> tool messages for its tool_result blocks, then one user message for the rest; assistant -> assistant; system (mid-conversation, beta) -> system in place",
)
_TRAILING = A2O_REQUEST.approximated(
    "messages[] (trailing assistant)",
    "messages[-1]",
    "an Anthropic prefill (Claude continues it) is, in Chat Completions, an ordinary earlier turn: the model writes a new message after it",
)
_SYSTEM_KEYS = A2O_REQUEST.carried(
    "messages[] (system)",
    "messages[].clear_at / output_config",
    "the beta keys of a mid-conversation system message",
)
_A2O_CONTENT = A2O_REQUEST.mapped(
    "messages[].content",
    "messages[].content",
    "a string stays a string; blocks become parts (so the shape survives a round trip)",
)
_TEXT_AFTER_TOOL_USE = A2O_REQUEST.approximated(
    "messages[].content[] (text after tool_use)",
    "messages[].content",
    "Chat Completions puts all text before the tool calls; text after a tool_use moves before it",
)
A2O_REQUEST.carried(
    "messages[].clear_at",
    "messages[].clear_at",
    "beta key of a mid-conversation system message",
)
A2O_REQUEST.carried(
    "messages[].output_config",
    "messages[].output_config",
    "beta key of a mid-conversation system message",
)

_THINKING_KEYS: Final = frozenset({"type", "thinking", "signature"})
_REDACTED_KEYS: Final = frozenset({"type", "data"})


def messages_to_openai(req: Json, ctx: Context) -> list[Json]:
    """OpenAI ``messages`` for the Anthropic ``system`` and ``messages``."""
    out: list[Json] = []
    role = ctx.options.system_role
    system = req.get("system")
    if isinstance(system, str):
        if system:
            out.append({"role": role, "content": system})
    elif system:
        out.append({"role": role, "content": system_parts(system, "system", ctx)})
    if not req["messages"]:  # the Messages API requires at least one
        raise InvalidInputError("must hold at least one message", path="messages")
    for i, msg in enumerate(req["messages"]):
        path = f"messages[{i}]"
        kind = msg["role"]
        if kind == "user":
            out.extend(_user(msg, path, ctx))
        elif kind == "assistant":
            out.append(_assistant_message(msg, path, ctx))
        elif kind == "system":
            out.append(_system_message(msg, path, ctx))
        else:
            # The Messages API refuses a role it does not know (and so does this direction).
            raise InvalidInputError(
                f"message role {quote(kind)} is not one of user, assistant, system",
                path=f"{path}.role",
            )
    last = req["messages"][-1] if req["messages"] else None
    if last is not None and last["role"] == "assistant" and not _has_tool_use(last["content"]):
        ctx.lose(_TRAILING, f"messages[{len(req['messages']) - 1}]")
    return out


def _system_message(msg: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(msg, frozenset({"role", "content", "clear_at", "output_config"}), path)
    content = msg.get("content", "")
    out: Json = {"role": "system"}
    if isinstance(content, str):
        out["content"] = content
    else:
        out["content"] = system_parts(content, f"{path}.content", ctx)
    for key in ("clear_at", "output_config"):
        if msg.get(key) is not None and ctx.carry(_SYSTEM_KEYS, f"{path}.{key}"):
            out[key] = msg[key]
    return out


def _user(msg: Json, path: str, ctx: Context) -> list[Json]:
    ctx.unknown(msg, frozenset({"role", "content"}), path)
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
                ctx.lose(
                    RESULT_MOVED,
                    bpath,
                    kind="approximated",
                    detail="a tool result after other user content was moved first: OpenAI tool messages must directly follow the tool calls",
                )
            tools.append(tool_message(block, bpath, ctx, extra_user))
        else:
            seen_other = True
            part = user_block(block, bpath, ctx)
            if part is not None:
                parts.append(part)
    out = tools
    if extra_user or parts:
        out = [*tools, {"role": "user", "content": extra_user + parts}]
    if not out and content:
        ctx.lose(
            _A2O_CONTENT,
            f"{path}.content",
            kind="dropped",
            detail="nothing in this user turn has an OpenAI form; the turn was dropped",
        )
    elif not content:
        out = [{"role": "user", "content": []}]
    return out


def _assistant_message(msg: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(msg, frozenset({"role", "content"}), path)
    content = msg["content"]
    out: Json = {"role": "assistant"}
    if isinstance(content, str):
        out["content"] = content
        return out
    parts: list[Json] = []
    calls: list[Json] = []
    thinking: list[Json] = []
    signature: str | None = None  # a Gemini thought signature, for the next tool call
    for j, block in enumerate(content):
        bpath = f"{path}.content[{j}]"
        kind = block["type"]
        if kind == "text":
            if calls:
                ctx.lose(_TEXT_AFTER_TOOL_USE, bpath)
            parts.append(text_to_part(block, bpath, ctx))
        elif kind == "tool_use":
            calls.append(request_tool_call(block, bpath, ctx))
            if signature is not None:
                calls[-1]["extra_content"] = {"google": {"thought_signature": signature}}
                signature = None
        elif kind in ("thinking", "redacted_thinking"):
            ctx.unknown(block, _THINKING_KEYS if kind == "thinking" else _REDACTED_KEYS, bpath)
            signature = gemini_signature(block, ctx)
            if signature is not None:
                continue
            if dialect_of(ctx).replay or ctx.carry(REQUEST_THINKING, bpath):
                thinking.append(block)
        else:
            part = verbatim(block, bpath, ctx)
            if part is not None:
                parts.append(part)
    if signature is not None:
        unplaced_signature(path, ctx)
    reasoning = replay_reasoning(thinking, path, ctx)
    chunk = reasoning.pop("_thinking_chunk", None)
    if chunk is not None:  # Mistral: the thinking goes first in the content list
        parts.insert(0, chunk)
    if parts or not calls:
        out["content"] = parts
    if calls:
        out["tool_calls"] = calls
    out.update(reasoning)
    require_reasoning(out, ctx)
    return out


def _has_tool_use(content: str | list[Json]) -> bool:
    return not isinstance(content, str) and any(b["type"] == "tool_use" for b in content)
