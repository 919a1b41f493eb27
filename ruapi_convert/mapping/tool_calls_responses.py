"""
ruapi_convert.mapping.tool_calls_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the tool-calls concept: ``function_call`` / ``custom_tool_call``
items and their ``*_output`` items <-> Chat ``tool_calls`` and ``role: tool`` messages.

Ids: a Responses call has an item ``id`` (``fc_...``, ``ctc_...``: the name of a stored item) and a
``call_id`` (what its output answers). Chat has only the call id, so ``call_id`` <-> Chat's
``tool_calls[].id`` and ``tool_call_id``; item ids are not sent to Chat (a Chat server stores no
items) and replies derive fresh ones from the response id (see :mod:`.envelope`).

Outputs: a Chat tool message takes text (BerriAI/litellm PR#18226: "function_call_output.output
must be a string"), so the text parts of an output become text parts; images and files follow
the rule of :mod:`.tool_calls` (the Anthropic direction): with ``extensions=True`` they stay in
the tool message (non-standard, read back by the reverse direction), with ``extensions=False``
they move to a user message after the tool messages (approximated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .. import _json
from ..errors import InvalidInputError
from ._ledger import O2R_REQUEST, O2R_RESPONSE, R2O_REQUEST, R2O_RESPONSE, Json
from .content_responses import input_parts, user_part
from .envelope import item_id
from .tool_calls import missing_call_id
from .tools_responses import CUSTOM_INPUT_KEY, ToolNames, flat_name

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "call_item",
    "call_to_chat",
    "chat_call_to_input",
    "function_call_input",
    "output_to_chat",
    "tool_message_to_output",
]

# -- Responses -> Chat: requests (and replies) --------------------------------------------------------

R2O_REQUEST.mapped(
    "input[] (function_call)",
    "messages[]: assistant tool_calls[]",
    "{id: call_id, type: function, function: {name, arguments}}; a namespaced call's name is <namespace>__<name>. A run of calls (with the assistant text and reasoning before them) is one assistant message, followed by all of its results",
)
R2O_REQUEST.mapped("input[].call_id", "messages[].tool_calls[].id / tool_call_id")
R2O_REQUEST.mapped("input[].name", "messages[].tool_calls[].function.name")
R2O_REQUEST.mapped("input[].arguments", "messages[].tool_calls[].function.arguments", "as given")
R2O_REQUEST.mapped(
    "input[].namespace", "messages[].tool_calls[].function.name", "<namespace>__<name>"
)
R2O_REQUEST.mapped(
    "input[].id",
    "",
    "item ids (msg_, fc_, ctc_) name stored items, which a Chat server does not have: not sent, not reported; a reasoning item's rs_ id is kept in reasoning_details[].id",
)
R2O_REQUEST.mapped(
    "input[].status",
    "",
    "the lifecycle state of a replayed item says nothing to the model (not reported)",
)
_CALLER = R2O_REQUEST.dropped(
    "input[].caller",
    "who made the call (the model or a program): Chat has no such field; also created_by and async",
)
R2O_REQUEST.dropped("input[].created_by", "see input[].caller")
R2O_REQUEST.dropped("input[].async", "see input[].caller")
CUSTOM_CALL = R2O_REQUEST.mapped(
    "input[] (custom_tool_call)",
    "messages[]: assistant tool_calls[]",
    "custom_tools='custom': {id: call_id, type: custom, custom: {name, input}}; 'function': {type: function, function: {name, arguments: {\"input\": <input>} as JSON}}",
)
R2O_REQUEST.mapped("input[].input", "messages[].tool_calls[].custom.input")
RESULT = R2O_REQUEST.mapped(
    "input[] (function_call_output)",
    "messages[]: tool",
    "{role: tool, tool_call_id: call_id, content}: placed right after the assistant message of its call (moved there when other messages came between: approximated); a call with no output gets an empty tool message (defaulted), because Chat servers reject an assistant tool_calls message not followed by all its results; an output without its call is sent as user content (approximated). custom_tool_call_output likewise",
)
R2O_REQUEST.mapped(
    "input[].output",
    "messages[].content",
    "a string stays a string; input_text parts become text parts; images and files stay in the tool message with extensions on, and move to a user message after the tool messages with extensions off (approximated)",
)
for _key in (
    "text", "image_url", "detail", "file_id", "file_data", "file_url", "filename", "input_audio",
    "prompt_cache_breakpoint",
):  # fmt: skip
    R2O_REQUEST.mapped(
        f"input[].output[].{_key}",
        "messages[].content[] (tool message)",
        "the parts of a tool output map as the parts of a user message (input[].content[])",
    )
_RESULT_MEDIA = R2O_REQUEST.approximated(
    "input[].output[] (images and files)",
    "a user message after the tool messages",
    "with extensions off: Chat tool messages carry text only",
)

_CALL_KEYS: Final = frozenset(
    {"id", "type", "status", "arguments", "call_id", "name", "namespace", "input", "caller",
     "created_by", "async"}
)  # fmt: skip
_OUTPUT_KEYS: Final = frozenset(
    {"id", "type", "call_id", "output", "status", "name", "namespace", "caller", "created_by"}
)


def call_to_chat(item: Json, path: str, ctx: Context, *, reply: bool = False) -> Json:
    """The Chat tool call of a ``function_call`` or ``custom_tool_call`` item.

    In a ``reply`` (a Chat client's) custom calls are always Chat custom calls: the client declared
    Chat custom tools.
    """
    ctx.unknown(item, _CALL_KEYS, path)
    if not reply:
        for key in ("caller", "created_by", "async"):
            if item.get(key) not in (None, False):
                ctx.lose(_CALLER, f"{path}.{key}")
    name = flat_name(item.get("namespace"), item["name"])
    if item["type"] == "function_call":
        return {
            "id": item["call_id"],
            "type": "function",
            "function": {"name": name, "arguments": item["arguments"]},
        }
    if reply or ctx.options.custom_tools == "custom":
        return {
            "id": item["call_id"],
            "type": "custom",
            "custom": {"name": name, "input": item["input"]},
        }
    arguments = _json.dumps({CUSTOM_INPUT_KEY: item["input"]}).decode()
    return {
        "id": item["call_id"],
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def output_to_chat(item: Json, path: str, ctx: Context, extra_user: list[Json]) -> Json:
    """The ``role: tool`` message of a ``function_call_output`` / ``custom_tool_call_output``."""
    ctx.unknown(item, _OUTPUT_KEYS, path)
    if item.get("call_id") is None:
        # typed optional in openai 3.57.0, but an output that answers no call has no Chat form
        raise InvalidInputError(
            "a tool output needs the call_id it answers", path=f"{path}.call_id"
        )
    output = item["output"]
    msg: Json = {"role": "tool", "tool_call_id": item["call_id"]}
    if isinstance(output, str):
        msg["content"] = output
        return msg
    parts: list[Json] = []
    for j, part in enumerate(output):
        ppath = f"{path}.output[{j}]"
        converted = user_part(part, ppath, ctx)
        if converted is None:
            continue
        if converted["type"] == "text" or ctx.options.extensions:
            parts.append(converted)
        else:
            extra_user.append(converted)
            ctx.lose(_RESULT_MEDIA, ppath)
    msg["content"] = parts
    return msg


# -- Chat -> Responses: replies -----------------------------------------------------------------------

O2R_RESPONSE.mapped(
    "choices[].message.tool_calls",
    "output[]: function_call / custom_tool_call items",
    "after the message item, in order; item ids fc_ / ctc_ + the response id's base and the call's position, never the call id",
)
O2R_CALL_ID = O2R_RESPONSE.mapped(
    "choices[].message.tool_calls[].id",
    "output[].call_id",
    "a call without one (some servers omit it) gets 'call_' + a hash of the response id, the call's index and its name, the same in replies and streams (approximated)",
)
O2R_RESPONSE.mapped(
    "choices[].message.tool_calls[].function.name",
    "output[].name",
    "a <namespace>__<name> of a namespaced tool of the `request` is split into namespace and name",
)
O2R_ARGUMENTS = O2R_RESPONSE.mapped(
    "choices[].message.tool_calls[].function.arguments",
    "output[].arguments",
    "as given; a call of a custom tool that was sent as a function (custom_tools='function') becomes a custom_tool_call whose input is the arguments' 'input' string (arguments that are not such an object become the input as they are: approximated)",
)
O2R_RESPONSE.mapped("choices[].message.tool_calls[].custom", "output[]: custom_tool_call")
O2R_RESPONSE.mapped("choices[].message.tool_calls[].custom.name", "output[].name")
O2R_RESPONSE.mapped("choices[].message.tool_calls[].custom.input", "output[].input")
O2R_FUNCTION_CALL = O2R_RESPONSE.approximated(
    "choices[].message.function_call",
    "output[]: function_call",
    "the deprecated function_call becomes a function_call item with call_id 'call_function_call'",
)


def call_item(
    call: Json, k: int, response: str, status: str, names: ToolNames, path: str, ctx: Context
) -> Json | None:
    """The output item of the ``k``-th Chat tool call of a reply (``response``: the Response id);
    None for a call of a type this library does not know (reported)."""
    if call["type"] not in ("function", "custom"):
        ctx.lose(
            O2R_RESPONSE.row("choices[].message.tool_calls"),
            path,
            kind="unknown",
            detail=f"tool call type {call['type']!r} is unknown; dropped",
        )
        return None
    ctx.unknown(call, frozenset({"id", "type", "function", "custom", "index"}), path)
    if not call.get("id"):
        name = (call.get(call["type"]) or {}).get("name", "")
        call_id = missing_call_id(
            response, k, name, f"{path}.id", ctx, row=O2R_CALL_ID, prefix="call_"
        )
        call = {**call, "id": call_id}
    if call["type"] == "custom":
        custom = call["custom"]
        return _custom_item(call["id"], custom["name"], custom["input"], k, response, status, names)
    fn = call["function"]
    name, arguments = fn["name"], fn["arguments"]
    if name in names.custom_functions:
        text = _custom_input(arguments)
        if text is None:
            ctx.lose(
                O2R_ARGUMENTS,
                f"{path}.function.arguments",
                kind="approximated",
                detail=f"a call of custom tool {name!r} whose arguments are not {{{CUSTOM_INPUT_KEY!r}: <string>}}; its input is the arguments text",
            )
            text = arguments
        return _custom_item(call["id"], name, text, k, response, status, names)
    item: Json = {
        "id": item_id("fc", response, k),
        "type": "function_call",
        "status": status,
        "arguments": arguments,
        "call_id": call["id"],
    }
    _named(item, name, names)
    return item


def _custom_item(
    call_id: str, name: str, text: str, k: int, response: str, status: str, names: ToolNames
) -> Json:
    item: Json = {
        "id": item_id("ctc", response, k),
        "type": "custom_tool_call",
        "status": status,
        "call_id": call_id,
        "input": text,
    }
    _named(item, name, names)
    return item


def _named(item: Json, name: str, names: ToolNames) -> None:
    split = names.namespaced.get(name)
    if split is None:
        item["name"] = name
    else:
        item["namespace"], item["name"] = split


def _custom_input(arguments: str) -> str | None:
    try:
        value = _json.loads(arguments)
    except InvalidInputError:
        return None
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(CUSTOM_INPUT_KEY), str):
        text: str = value[CUSTOM_INPUT_KEY]
        return text
    return None


# -- Responses -> Chat: replies -----------------------------------------------------------------------

R2O_RESPONSE.mapped(
    "output[] (function_call)",
    "choices[0].message.tool_calls[]",
    "{id: call_id, type: function, function: {name (<namespace>__<name> when namespaced), arguments}}; custom_tool_call -> {id: call_id, type: custom, custom: {name, input}}",
)
R2O_RESPONSE.mapped("output[].call_id", "choices[0].message.tool_calls[].id")
R2O_RESPONSE.mapped("output[].name", "choices[0].message.tool_calls[].function.name")
R2O_RESPONSE.mapped("output[].namespace", "choices[0].message.tool_calls[].function.name")
R2O_RESPONSE.mapped("output[].arguments", "choices[0].message.tool_calls[].function.arguments")
R2O_RESPONSE.mapped("output[].input", "choices[0].message.tool_calls[].custom.input")
R2O_RESPONSE.mapped(
    "output[].id",
    "",
    "item ids name stored items; a ChatCompletion has none (not reported; the reverse direction derives new ones)",
)
R2O_RESPONSE.mapped(
    "output[].status", "", "an item's lifecycle; the response's status is the finish reason"
)
R2O_RESPONSE.dropped("output[].caller", "who made the call; also created_by and async")
R2O_RESPONSE.dropped("output[].created_by", "see output[].caller")
R2O_RESPONSE.dropped("output[].async", "see output[].caller")

# -- Chat -> Responses: requests ----------------------------------------------------------------------

O2R_REQUEST.mapped(
    "messages[].tool_calls",
    "input[]: function_call / custom_tool_call items after the assistant's message",
    "{call_id: id, name, arguments} / {call_id, name, input}",
)
O2R_REQUEST.mapped("messages[].tool_calls[].id", "input[].call_id")
O2R_REQUEST.mapped("messages[].tool_calls[].function", "input[]: function_call")
O2R_REQUEST.mapped("messages[].tool_calls[].function.name", "input[].name")
O2R_REQUEST.mapped("messages[].tool_calls[].function.arguments", "input[].arguments")
O2R_REQUEST.mapped("messages[].tool_calls[].custom", "input[]: custom_tool_call")
O2R_REQUEST.mapped("messages[].tool_calls[].custom.name", "input[].name")
O2R_REQUEST.mapped("messages[].tool_calls[].custom.input", "input[].input")
_O2R_FUNCTION_CALL = O2R_REQUEST.approximated(
    "messages[].function_call",
    "input[]: function_call",
    "deprecated; call_id 'call_<name>'",
)
O2R_REQUEST.mapped(
    "messages[] (tool)",
    "input[]: function_call_output / custom_tool_call_output",
    "{call_id: tool_call_id, output: the content (a string, or text -> input_text, image_url -> input_image, file -> input_file parts)}; custom_tool_call_output when it answers a custom call",
)
O2R_REQUEST.mapped("messages[].tool_call_id", "input[].call_id")
_O2R_FUNCTION_MESSAGE = O2R_REQUEST.approximated(
    "messages[] (function)",
    "input[]: function_call_output",
    "deprecated; answers the call_id 'call_<name>' of the function_call of that name",
)


def chat_call_to_input(call: Json, path: str, ctx: Context) -> Json:
    """The ``function_call`` / ``custom_tool_call`` input item of a Chat tool call."""
    ctx.unknown(call, frozenset({"id", "type", "function", "custom"}), path)
    if call["type"] == "custom":
        custom = call["custom"]
        return {
            "type": "custom_tool_call",
            "call_id": call["id"],
            "name": custom["name"],
            "input": custom["input"],
        }
    if call["type"] != "function":
        raise InvalidInputError(f"tool call type {call['type']!r} is unknown", path=f"{path}.type")
    fn = call["function"]
    ctx.unknown(fn, frozenset({"name", "arguments"}), f"{path}.function")
    return {
        "type": "function_call",
        "call_id": call["id"],
        "name": fn["name"],
        "arguments": fn["arguments"],
    }


def function_call_input(fc: Json, path: str, ctx: Context) -> Json:
    """The ``function_call`` input item of a deprecated ``function_call``."""
    ctx.lose(_O2R_FUNCTION_CALL, path)
    return {
        "type": "function_call",
        "call_id": f"call_{fc['name']}",
        "name": fc["name"],
        "arguments": fc["arguments"],
    }


def tool_message_to_output(msg: Json, path: str, ctx: Context, custom_ids: set[str]) -> Json:
    """The output item of a ``role: tool`` (or deprecated ``function``) message."""
    if msg["role"] == "function":
        ctx.lose(_O2R_FUNCTION_MESSAGE, path)
        call_id: str = f"call_{msg['name']}"
    else:
        call_id = msg["tool_call_id"]
    content = msg.get("content")
    output: Any = "" if content is None else input_parts(content, f"{path}.content", ctx)
    kind = "custom_tool_call_output" if call_id in custom_ids else "function_call_output"
    return {"type": kind, "call_id": call_id, "output": output}
