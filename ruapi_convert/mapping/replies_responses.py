"""
ruapi_convert.mapping.replies_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the turns concept, for replies: the one assistant message of a Chat
reply <-> the ``output`` items of a Response - which items, in which order - and what a Response
has that a ChatCompletion cannot hold. (Requests are :mod:`.turns_responses`'.)

Chat -> Responses: reasoning items first, then the message item (text and refusal), then one item
per tool call, the order OpenAI's own Responses output has. Responses -> Chat: message items join
into the content, calls become ``tool_calls``, reasoning the reasoning fields; hosted tool items
have no ChatCompletion place (reported).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import O2R_RESPONSE, R2O_RESPONSE, Fate, Json
from .content_responses import (
    O2R_LOGPROBS,
    message_item,
    output_annotations,
    output_logprobs,
    reply_text,
)
from .envelope import item_id
from .reasoning_responses import chat_to_reasoning, placeholder, reasoning_to_chat
from .tool_calls_responses import O2R_FUNCTION_CALL, call_item, call_to_chat

if TYPE_CHECKING:
    from ._ledger import Context
    from .tools_responses import ToolNames

__all__ = ["HOSTED_OUTPUT", "reply_extras", "reply_items", "reply_message", "reply_text_of"]


# -- a reply's items ----------------------------------------------------------------------------------

O2R_RESPONSE_LAYOUT = O2R_RESPONSE.mapped(
    "choices[].message (layout)",
    "output[]",
    "reasoning items first, then the message item (text and refusal), then one item per tool call: the order OpenAI's own Responses output has. In a stream, items are numbered in the order they begin",
)


def reply_items(
    msg: Json,
    logprobs: Any,
    response: str,
    status: str,
    *,
    include_encrypted: bool,
    names: ToolNames,
    ctx: Context,
    path: str = "choices[0].message",
) -> list[Json]:
    """The ``output`` items of a Chat reply message (``response``: the Response id).

    Used by the reply conversion for the whole message and by the stream converter for what it
    accumulated, so that a stream's final output is the reply's.
    """
    counter = iter(range(1_000_000))
    items = chat_to_reasoning(
        msg,
        path,
        ctx,
        new_id=lambda: item_id("rs", response, next(counter)),
        include_encrypted=include_encrypted,
    )
    if include_encrypted and not items:
        items.append(placeholder(item_id("rs", response, 0)))
    annotations = output_annotations(msg.get("annotations"), f"{path}.annotations", ctx)
    text = reply_text_of(msg.get("content"))
    if isinstance(logprobs, dict) and logprobs.get("refusal"):
        ctx.lose(O2R_LOGPROBS, "choices[0].logprobs.refusal")
    alone = not items and not msg.get("tool_calls") and msg.get("function_call") is None
    message = message_item(
        text,
        msg.get("refusal"),
        annotations,
        output_logprobs(logprobs),
        item_id("msg", response),
        status,
        alone=alone,
    )
    if message is not None:
        items.append(message)
    calls = [
        call_item(call, k, response, status, names, f"{path}.tool_calls[{k}]", ctx)
        for k, call in enumerate(msg.get("tool_calls") or ())
    ]
    fc = msg.get("function_call")
    if fc is not None:
        ctx.lose(O2R_FUNCTION_CALL, f"{path}.function_call")
        call = {"id": "call_function_call", "type": "function", "function": fc}
        k = len(msg.get("tool_calls") or ())
        calls.append(call_item(call, k, response, status, names, f"{path}.function_call", ctx))
    items.extend(item for item in calls if item is not None)
    return items


def reply_text_of(content: Any) -> str | None:
    """The text of a Chat reply message's ``content`` (lenient servers send parts)."""
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else None


# -- Responses -> Chat: a reply's message -------------------------------------------------------------

R2O_RESPONSE.mapped("output", "choices[0].message")
_OUTPUT_HOSTED: Final = (
    "apply_patch_call", "apply_patch_call_output", "code_interpreter_call", "compaction",
    "computer_call", "computer_call_output", "file_search_call", "function_call_output",
    "custom_tool_call_output", "image_generation_call", "local_shell_call",
    "local_shell_call_output", "mcp_approval_request", "mcp_approval_response", "mcp_call",
    "mcp_list_tools", "shell_call", "shell_call_output", "web_search_call", "additional_tools",
    "program", "program_output", "tool_search_call", "tool_search_output",
)  # fmt: skip
HOSTED_OUTPUT = R2O_RESPONSE.add(
    Fate(
        "output[] (hosted tool and control items)",
        "dropped",
        "",
        "calls of OpenAI-hosted tools, their results and other items a ChatCompletion has no place for: "
        + ", ".join(_OUTPUT_HOSTED),
        _OUTPUT_HOSTED,
    )
)
_UNKNOWN_OUTPUT = R2O_RESPONSE.dropped(
    "output[] (unknown types)", "item types this library does not know"
)
_MESSAGE_ITEM_KEYS: Final = frozenset({"id", "type", "status", "content", "role", "phase"})


def reply_message(output: list[Json], ctx: Context) -> tuple[Json, Any, bool]:
    """The Chat assistant message of a Response's ``output``, the choice's ``logprobs``, and
    whether it has tool calls."""
    messages: list[tuple[Json, str]] = []
    reasoning: list[tuple[Json, str]] = []
    calls: list[Json] = []
    for j, item in enumerate(output):
        path = f"output[{j}]"
        kind = item["type"]
        if kind == "message":
            ctx.unknown(item, _MESSAGE_ITEM_KEYS, path)
            messages.append((item, path))
        elif kind in ("function_call", "custom_tool_call"):
            calls.append(call_to_chat(item, path, ctx, reply=True))
        elif kind == "reasoning":
            reasoning.append((item, path))
        elif kind in _OUTPUT_HOSTED:
            ctx.lose(HOSTED_OUTPUT, path)
        else:
            ctx.lose(
                _UNKNOWN_OUTPUT,
                path,
                kind="unknown",
                detail=f"output item type {kind!r} is unknown; dropped",
            )
    fields = reply_text(messages, ctx)
    logprobs = fields.pop("logprobs", None)
    message: Json = {"role": "assistant", **fields}
    if calls:
        message["tool_calls"] = calls
    message.update(reasoning_to_chat(reasoning, ctx, reply=True))
    return message, logprobs, bool(calls)


_ERROR = R2O_RESPONSE.dropped(
    "error",
    "the error of a failed response: a ChatCompletion has no error field (a gateway should answer a failed response with an error reply)",
)
_REPLY_DROPPED: Final[dict[str, Fate]] = {
    row.field: row
    for row in (
        R2O_RESPONSE.dropped("prompt_cache_diagnostics", "no Chat counterpart"),
        R2O_RESPONSE.dropped(
            "input_transformations", "items the server dropped from the input; no Chat counterpart"
        ),
        R2O_RESPONSE.dropped("tool_usage", "hosted tool metering; no Chat counterpart"),
        R2O_RESPONSE.dropped(
            "moderation", "one verdict per side; Chat moderation has a different shape"
        ),
    )
}


def reply_extras(resp: Json, ctx: Context) -> None:
    """Report what a Response has that a ChatCompletion cannot hold."""
    if resp.get("error") is not None:
        ctx.lose(_ERROR, "error")
    for key, row in _REPLY_DROPPED.items():
        if resp.get(key) is not None:
            ctx.lose(row, key)
