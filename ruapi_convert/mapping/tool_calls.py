"""
ruapi_convert.mapping.tool_calls
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: a call of a tool and its result change form here, in requests, replies and streams.

OpenAI: an assistant message's ``tool_calls[]`` (``{id, type: function, function: {name,
arguments}}``, ``arguments`` a JSON *string*) and one ``role: tool`` message per result. Anthropic:
``tool_use`` blocks (``input`` a JSON *object*) and ``tool_result`` blocks in the next user turn.

Two things need care. Ids: Anthropic requires ``^[a-zA-Z0-9_-]+$``, OpenAI ids are free-form, so
an id is rewritten the same way wherever it appears (call and result stay matched). Arguments: a
string that is not a JSON object (a call cut off by max tokens) still has to become an object; it
travels as ``{"_raw_arguments": "<string>"}`` and comes back as the same string.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any, Final

from .. import _json
from .._quote import quote
from ..errors import InvalidInputError, UnsupportedError
from ._ledger import A2O_REQUEST, A2O_RESPONSE, O2A_REQUEST, O2A_RESPONSE, Json
from .cache import PART_CACHE_CONTROL
from .content import text_to_part, user_block, user_part
from .extensions import carry_keys

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "RAW_ARGUMENTS_KEY",
    "REPLY_ARGUMENTS",
    "REPLY_CALL_ID",
    "REPLY_CALL_NAME",
    "REPLY_FUNCTION_CALL",
    "arguments_to_input",
    "function_call_to_tool_use",
    "function_result",
    "input_to_arguments",
    "missing_call_id",
    "synthesized_call_id",
    "request_tool_call",
    "sanitize_tool_id",
    "tool_call",
    "tool_call_to_tool_use",
    "tool_message",
    "tool_result",
]

# -- ids ---------------------------------------------------------------------------------------------

# Anthropic: "tool_use.id ... must match ^[a-zA-Z0-9_-]+$" (API error text). OpenAI ids are free-form
# and other gateways produce dots, colons or empty ids. The same function is applied to the id of a
# tool_use and to the tool_use_id of its result, so pairs stay matched; a short hash of the original
# keeps two different ids from collapsing into one.
_ID_OK: Final = re.compile(r"[A-Za-z0-9_-]+")
_ID_BAD_CHARS: Final = re.compile(r"[^A-Za-z0-9_-]")


def sanitize_tool_id(tool_id: str) -> str:
    """A tool-call id that Anthropic accepts; unchanged when it already is one."""
    if _ID_OK.fullmatch(tool_id):
        return tool_id
    digest = hashlib.sha256(tool_id.encode()).hexdigest()[:8]
    cleaned = _ID_BAD_CHARS.sub("_", tool_id)[:56]
    return f"{cleaned}_{digest}" if cleaned else f"toolu_{digest}"


# -- arguments (OpenAI JSON string) <-> input (Anthropic object) -------------------------------------

#: The key under which tool arguments that are not a JSON object travel to Anthropic (whose
#: ``input`` must be an object). The reverse direction turns ``{RAW_ARGUMENTS_KEY: s}`` back into
#: the string ``s``, so OpenAI -> Anthropic -> OpenAI keeps even broken arguments exactly.
RAW_ARGUMENTS_KEY: Final = "_raw_arguments"


def arguments_to_input(arguments: str, path: str, ctx: Context, row: Fate) -> dict[str, Any]:
    """Parse OpenAI ``function.arguments`` into an Anthropic ``input`` object.

    Empty arguments mean "no arguments" (``{}``). Anything that is not a JSON object - a truncated
    string from a ``length`` stop, an array, a bare value - is wrapped or rejected as the
    ``invalid_tool_arguments`` option says; a history must not die on one broken call.
    """
    if not arguments.strip():
        return {}
    try:
        value = _json.loads(arguments)
    except InvalidInputError:
        value = None
        problem = "is not valid JSON"
    else:
        if isinstance(value, dict):
            return value
        problem = "is JSON but not an object"
    if ctx.options.invalid_tool_arguments == "reject":
        raise InvalidInputError(f"tool-call arguments {problem}", path=path)
    ctx.lose(
        row,
        path,
        kind="approximated",
        detail=f"the arguments {problem}; sent as {{{RAW_ARGUMENTS_KEY!r}: <the string>}} because Anthropic needs an object",
    )
    return {RAW_ARGUMENTS_KEY: arguments}


def input_to_arguments(tool_input: Any) -> str:
    """Serialise an Anthropic ``input`` object as OpenAI ``arguments`` (compact JSON)."""
    if isinstance(tool_input, dict) and len(tool_input) == 1:
        raw = tool_input.get(RAW_ARGUMENTS_KEY)
        if isinstance(raw, str):
            return raw
    return _json.dumps(tool_input).decode()


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_REQUEST.mapped(
    "messages[].tool_calls",
    "messages[].content[]: tool_use",
)
_CALL_ID = O2A_REQUEST.mapped(
    "messages[].tool_calls[].id",
    "messages[].content[].id",
    "ids Anthropic rejects (outside ^[a-zA-Z0-9_-]+$) are rewritten with a short hash, identically in the tool_result (approximated)",
)
O2A_REQUEST.mapped(
    "messages[].tool_calls[].type",
)
O2A_REQUEST.mapped(
    "messages[].tool_calls[].function",
    "messages[].content[]: tool_use",
)
O2A_REQUEST.mapped(
    "messages[].tool_calls[].function.name",
    "messages[].content[].name",
)
_REQUEST_ARGUMENTS = O2A_REQUEST.mapped(
    "messages[].tool_calls[].function.arguments",
    "messages[].content[].input",
    "the JSON object is parsed; empty -> {}; anything that is not a JSON object (truncated, an array) is sent as {'_raw_arguments': <string>} with invalid_tool_arguments='wrap' (approximated; the reverse direction unwraps it), or rejected with 'reject'",
)
_REQUEST_CUSTOM = O2A_REQUEST.approximated(
    "messages[].tool_calls[] (custom)",
    "messages[].content[]: tool_use",
    "a custom tool call becomes tool_use with input {'input': <string>}",
)
O2A_REQUEST.approximated(
    "messages[].tool_calls[].custom",
    "messages[].content[].input",
    "see custom tool calls",
)
O2A_REQUEST.carried(
    "messages[].tool_calls[].cache_control",
    "messages[].content[].cache_control",
    "also caller and toolset_name",
)
_REQUEST_FUNCTION_CALL = O2A_REQUEST.approximated(
    "messages[].function_call",
    "messages[].content[]: tool_use",
    "deprecated; becomes a tool_use with a synthesised id",
)
O2A_REQUEST.mapped(
    "messages[].tool_call_id",
    "messages[].content[].tool_use_id",
)
O2A_REQUEST.carried(
    "messages[].is_error",
    "messages[].content[].is_error",
    "tool messages; Anthropic key carried by our reverse direction (also cache_control, toolset_name)",
)
TOOL_MESSAGE = O2A_REQUEST.mapped(
    "messages[] (tool)",
    "messages[].content[]: tool_result",
    "tool_call_id -> tool_use_id (same sanitising as the call id); a user turn that had text before its tool results is reordered (approximated)",
)
_FUNCTION_MESSAGE = O2A_REQUEST.approximated(
    "messages[] (function)",
    "messages[].content[]: tool_result",
    "deprecated function messages answer the preceding function_call by name; the synthesised tool_use id is reported",
)
O2A_RESPONSE.mapped(
    "choices[].message.tool_calls",
    "content[]: tool_use",
)
REPLY_CALL_ID = O2A_RESPONSE.mapped(
    "choices[].message.tool_calls[].id",
    "content[].id",
    "kept as is (Anthropic clients do not check its form); a call without one (some servers omit it) gets 'toolu_' + a hash of the completion id, the call's index and its name, the same in replies and streams (approximated)",
)
REPLY_CALL_NAME = O2A_RESPONSE.mapped(
    "choices[].message.tool_calls[].function.name",
    "content[].name",
    "in a stream, the pieces of a name split over chunks are joined before the block starts (at the first argument bytes, another tool call or the finish); a piece after the arguments began is dropped (reported)",
)
REPLY_ARGUMENTS = O2A_RESPONSE.mapped(
    "choices[].message.tool_calls[].function.arguments",
    "content[].input",
    "parsed; not a JSON object (a model stopped by max tokens mid-call) -> {'_raw_arguments': <string>} with invalid_tool_arguments='wrap' (approximated)",
)
_REPLY_CUSTOM = O2A_RESPONSE.approximated(
    "choices[].message.tool_calls[] (custom)",
    "content[]: tool_use",
    "input {'input': <string>}",
)
REPLY_FUNCTION_CALL = O2A_RESPONSE.approximated(
    "choices[].message.function_call",
    "content[]: tool_use",
    "deprecated; synthesised id",
)

_REQUEST_CALL_KEYS: Final = frozenset(
    {"id", "type", "function", "custom", "cache_control", "caller", "toolset_name"}
)
_REPLY_CALL_KEYS: Final = frozenset({"id", "type", "function", "custom", "index"})
_FUNCTION_KEYS: Final = frozenset({"name", "arguments"})


def tool_call_to_tool_use(
    call: Json, path: str, ctx: Context, *, reply: bool, seed: Any = None, position: int = 0
) -> Json:
    """The ``tool_use`` block of an OpenAI tool call (of a request's history, or of a ``reply``).

    A request's ids are made acceptable to Anthropic (its result gets the same id); a reply's are
    kept as they are (Anthropic clients do not check their form), and a reply's call without one
    gets :func:`missing_call_id` of ``seed`` (the completion id) and ``position``.
    """
    keys = _REPLY_CALL_KEYS if reply else _REQUEST_CALL_KEYS
    if not call.keys() <= keys:
        # unknown keys of tool calls are not copied: report them
        ctx.unknown(call, keys, path)
    kind = call["type"]
    if kind not in ("function", "custom"):
        # checked before reading "id": an unknown tool-call type need not have one
        raise UnsupportedError(
            f"tool call type {quote(kind)} is unknown"
            + ("" if reply else "; its result could not be matched"),
            path=f"{path}.type",
        )
    if not reply:
        tool_id = _tool_id(call["id"], f"{path}.id", ctx)
    elif call.get("id"):
        tool_id = call["id"]
    else:
        name = (call.get(kind) or {}).get("name", "")
        tool_id = missing_call_id(seed, position, name, f"{path}.id", ctx)
    if kind == "function":
        fn = call["function"]
        # unknown keys of the function object are not copied: report them
        if not fn.keys() <= _FUNCTION_KEYS:
            ctx.unknown(fn, _FUNCTION_KEYS, f"{path}.function")
        block: Json = {
            "type": "tool_use",
            "id": tool_id,
            "name": fn["name"],
            "input": arguments_to_input(
                fn["arguments"],
                f"{path}.function.arguments",
                ctx,
                REPLY_ARGUMENTS if reply else _REQUEST_ARGUMENTS,
            ),
        }
    else:
        custom = call["custom"]
        block = {
            "type": "tool_use",
            "id": tool_id,
            "name": custom["name"],
            "input": {"input": custom["input"]},
        }
        ctx.lose(_REPLY_CUSTOM if reply else _REQUEST_CUSTOM, path)
    if not reply and not call.keys().isdisjoint(_CALL_PASSED_ON):
        for key in _CALL_PASSED_ON:
            if call.get(key) is not None:
                block[key] = call[key]
    return block


#: Keys of a request's tool call that go on its tool_use block as they are (most calls have none).
_CALL_PASSED_ON: Final = ("cache_control", "caller", "toolset_name")


def _tool_id(raw: str, path: str, ctx: Context) -> str:
    tool_id = sanitize_tool_id(raw)
    if tool_id != raw:
        ctx.lose(
            _CALL_ID,
            path,
            kind="approximated",
            detail=f"id {quote(raw)} has characters Anthropic rejects; sent as {quote(tool_id)} (its result got the same id)",
        )
    return tool_id


def synthesized_call_id(seed: Any, position: Any, name: str, prefix: str = "toolu_") -> str:
    """An id for a reply's tool call that came without one (some OpenAI-compatible servers send
    none, or an empty one): clients match the call's result to it, so it must exist.

    It is a hash of the completion id (``seed``), the call's index and its name: the same for the
    same reply whether it arrives whole or streamed, and different for the calls of one message.
    """
    digest = hashlib.sha256(f"{seed}\x00{position}\x00{name}".encode()).hexdigest()[:24]
    return f"{prefix}{digest}"


def missing_call_id(
    seed: Any,
    position: Any,
    name: str,
    path: str,
    ctx: Context,
    *,
    row: Fate = REPLY_CALL_ID,
    prefix: str = "toolu_",
) -> str:
    """:func:`synthesized_call_id`, reported (``row``: the target's tool-call id row)."""
    tool_id = synthesized_call_id(seed, position, name, prefix)
    ctx.lose(
        row,
        path,
        kind="approximated",
        detail=f"the server sent no id for this tool call; it was given {quote(tool_id)}",
    )
    return tool_id


def function_call_to_tool_use(
    function_call: Json, tool_id: str, path: str, ctx: Context, *, reply: bool
) -> Json:
    """The ``tool_use`` block of a deprecated ``function_call`` (with a synthesised ``tool_id``)."""
    block: Json = {
        "type": "tool_use",
        "id": tool_id,
        "name": function_call["name"],
        "input": arguments_to_input(
            function_call["arguments"],
            f"{path}.arguments",
            ctx,
            REPLY_ARGUMENTS if reply else _REQUEST_ARGUMENTS,
        ),
    }
    ctx.lose(REPLY_FUNCTION_CALL if reply else _REQUEST_FUNCTION_CALL, path)
    return block


def tool_result(msg: Json, path: str, ctx: Context) -> Json:
    """The ``tool_result`` block of a ``role: tool`` message."""
    block: Json = {"type": "tool_result", "tool_use_id": sanitize_tool_id(msg["tool_call_id"])}
    content = msg.get("content")
    if isinstance(content, str):
        block["content"] = content
    elif content is not None:
        items: list[Json] = []
        for j, part in enumerate(content):
            items.extend(user_part(part, f"{path}.content[{j}]", ctx))
        block["content"] = items
    if not msg.keys().isdisjoint(_RESULT_PASSED_ON):
        for key in _RESULT_PASSED_ON:
            if msg.get(key) is not None:
                block[key] = msg[key]
    return block


#: Keys of a tool message that go on its tool_result block as they are (most have none).
_RESULT_PASSED_ON: Final = ("is_error", "cache_control", "toolset_name")


def function_result(msg: Json, path: str, ctx: Context, function_ids: dict[str, str]) -> Json:
    """The ``tool_result`` block of a deprecated ``role: function`` message, which answers the
    preceding ``function_call`` of the same name (``function_ids``: name -> synthesised id)."""
    name = msg["name"]
    tool_id = function_ids.get(name) or sanitize_tool_id(f"call_{name}")
    ctx.lose(_FUNCTION_MESSAGE, path)
    block: Json = {"type": "tool_result", "tool_use_id": tool_id}
    if msg.get("content") is not None:
        block["content"] = msg["content"]
    return block


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

A2O_REQUEST.mapped(
    "messages[].content[] (tool_use)",
    "messages[].tool_calls[]",
    "{id, type: function, function: {name, arguments: compact JSON of input}}; an input {'_raw_arguments': s} (from the reverse direction) becomes the string s again",
)
RESULT_MOVED = A2O_REQUEST.mapped(
    "messages[].content[] (tool_result)",
    "tool messages",
    "each tool_result becomes a tool message (tool_use_id -> tool_call_id) placed before the rest of the turn; one placed after other content in the turn is moved first (approximated)",
)
A2O_REQUEST.mapped(
    "messages[].content[].content",
    "messages[].content",
    "tool result content: a string stays a string; text blocks become text parts",
)
_RESULT_IMAGES = A2O_REQUEST.approximated(
    "messages[].content[].content[] (images)",
    "a user message after the tool messages",
    "OpenAI tool messages carry text only: with extensions off, images and documents of a tool result move to a user message that follows the tool messages; with extensions on they stay in the tool message (non-standard, read back by the reverse direction)",
)
_IS_ERROR = A2O_REQUEST.carried(
    "messages[].content[].is_error",
    "messages[].is_error",
    "on the tool message; with extensions off only true is reported (false is the default)",
)
_TOOLSET_NAME = A2O_REQUEST.carried(
    "messages[].content[].toolset_name",
    "toolset_name on the tool call / tool message",
)
_CALLER = A2O_REQUEST.carried(
    "messages[].content[].caller",
    "messages[].tool_calls[].caller",
)
A2O_REQUEST.mapped(
    "messages[].content[].id",
    "tool_calls[].id",
)
A2O_REQUEST.mapped(
    "messages[].content[].name",
    "tool_calls[].function.name",
)
A2O_REQUEST.mapped(
    "messages[].content[].input",
    "tool_calls[].function.arguments",
    "compact JSON",
)
A2O_REQUEST.mapped(
    "messages[].content[].tool_use_id",
    "tool message tool_call_id",
)
A2O_RESPONSE.mapped(
    "content[].id",
    "choices[0].message.tool_calls[].id",
)
A2O_RESPONSE.mapped(
    "content[].name",
    "choices[0].message.tool_calls[].function.name",
)
A2O_RESPONSE.mapped(
    "content[].input",
    "choices[0].message.tool_calls[].function.arguments",
    "compact JSON",
)

_TOOL_USE_KEYS: Final = frozenset(
    {"type", "id", "name", "input", "cache_control", "caller", "toolset_name"}
)
_TOOL_RESULT_KEYS: Final = frozenset(
    {"type", "tool_use_id", "content", "is_error", "cache_control", "toolset_name"}
)
_CALL_CARRIED: Final[dict[str, Fate]] = {
    "cache_control": PART_CACHE_CONTROL,
    "caller": _CALLER,
    "toolset_name": _TOOLSET_NAME,
}
#: (toolset_name on a tool message is reported under the cache_control row, as it always was)
_RESULT_CARRIED: Final[dict[str, Fate]] = {
    "is_error": _IS_ERROR,
    "cache_control": PART_CACHE_CONTROL,
    "toolset_name": PART_CACHE_CONTROL,
}


def tool_call(block: Json) -> Json:
    """The OpenAI tool call of a tool_use block."""
    return {
        "id": block["id"],
        "type": "function",
        "function": {"name": block["name"], "arguments": input_to_arguments(block["input"])},
    }


def request_tool_call(block: Json, path: str, ctx: Context) -> Json:
    """The OpenAI tool call of a tool_use block in a request's history (its Anthropic keys carried)."""
    ctx.unknown(block, _TOOL_USE_KEYS, path)
    call = tool_call(block)
    carry_keys(block, call, _CALL_CARRIED, path, ctx)
    return call


def tool_message(block: Json, path: str, ctx: Context, extra_user: list[Json]) -> Json:
    """The ``role: tool`` message of a tool_result block.

    OpenAI tool messages carry text only: with extensions off, images and documents of the result
    are appended to ``extra_user`` (a user message that follows the tool messages) and reported.
    """
    ctx.unknown(block, _TOOL_RESULT_KEYS, path)
    msg: Json = {"role": "tool", "tool_call_id": block["tool_use_id"]}
    content = block.get("content")
    if content is None:
        msg["content"] = ""
    elif isinstance(content, str):
        msg["content"] = content
    else:
        parts: list[Json] = []
        for j, item in enumerate(content):
            ipath = f"{path}.content[{j}]"
            if item["type"] == "text":
                parts.append(text_to_part(item, ipath, ctx))
                continue
            part = user_block(item, ipath, ctx)
            if part is None:
                continue
            if ctx.options.extensions:
                parts.append(part)  # non-standard in a tool message, read back by us
            else:
                extra_user.append(part)
                ctx.lose(_RESULT_IMAGES, ipath)
        msg["content"] = parts
    if block.get("is_error") is False and not ctx.options.extensions:
        # the default: nothing is lost when it is not carried
        block = {k: v for k, v in block.items() if k != "is_error"}
    carry_keys(block, msg, _RESULT_CARRIED, path, ctx)
    return msg
