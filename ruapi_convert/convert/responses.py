"""
ruapi_convert.convert.responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Non-stream response bodies, both directions: ``anthropic_to_openai_response`` and its inverse
``openai_to_anthropic_response``.

Anthropic -> OpenAI: the reply becomes one choice. Text blocks become ``content``, ``tool_use``
blocks ``tool_calls``, thinking the reasoning fields, web-search citations ``url_citation``
annotations; what a ChatCompletion cannot hold travels in ``message.anthropic`` (extensions on) or
is reported. OpenAI -> Anthropic: the single choice becomes the message - reasoning first (as
thinking blocks), then the text, then one ``tool_use`` per tool call, the order Anthropic itself
produces - merged with the blocks our reverse direction carried. The stream converters make the
same decisions through the same :mod:`ruapi_convert.mapping` functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from typing_extensions import Unpack

from ..errors import InvalidInputError
from ..mapping._ledger import Context, Json
from ..mapping.content import annotations_for, joined_text, reply_text, report_shape
from ..mapping.dialects import for_side
from ..mapping.envelope import chat_envelope, message_envelope, only_choice
from ..mapping.extensions import (
    attach_openai,
    carry_message_keys,
    checked_message_keys,
    entry_for,
    openai_envelope_ext,
    rebuild,
    report_carried,
    restore_openai,
)
from ..mapping.reasoning import REPLY_THINKING, openai_to_thinking, thinking_to_openai
from ..mapping.reasoning_forms import call_signature, lift_reasoning, signature_block
from ..mapping.stop import finish_reason, stop_fields
from ..mapping.tool_calls import function_call_to_tool_use, tool_call, tool_call_to_tool_use
from ..mapping.usage import anthropic_to_openai_usage, openai_to_anthropic_usage
from ..models import anthropic as ant
from ..models import openai as oai
from ..models._base import validate
from ..options import A2OResponseOptions, O2AResponseOptions, check_call, resolve_options

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = ["anthropic_to_openai_response", "openai_to_anthropic_response"]


def anthropic_to_openai_response(
    body: Any,
    *,
    options: Options | None = None,
    created: int | None = None,
    id: str | None = None,
    **opts: Unpack[A2OResponseOptions],
) -> Converted[oai.ChatCompletion]:
    """Convert a Messages response (``Message``) into a Chat Completions response.

    ``body`` is a dict, a ``Message`` or JSON bytes/str; it is not mutated. ``created`` is the
    reply's unix timestamp (Anthropic has none: a gateway passes ``int(time.time())``); ``id``
    replaces the id derived from the message's.
    """
    function = "anthropic_to_openai_response"
    ctx = Context(resolve_options(options, opts, A2OResponseOptions, function))
    ctx.dialect = for_side(ctx.options.dialect, "anthropic", function)
    check_call("created", created, int)
    check_call("id", id, str)
    message = ant.Message.parse_wire(body)
    converted = _to_openai(message, ctx, created, id)
    return ctx.finish(_checked(oai.ChatCompletion, converted, message.get("openai") is not None))


def openai_to_anthropic_response(
    body: Any,
    *,
    options: Options | None = None,
    id: str | None = None,
    **opts: Unpack[O2AResponseOptions],
) -> Converted[ant.Message]:
    """Convert a Chat Completions response (``ChatCompletion``) into a Messages response.

    ``body`` is a dict, a ``ChatCompletion`` or JSON bytes/str; it is not mutated. ``id`` replaces
    the id derived from the completion's. A completion with more than one choice raises
    :class:`~ruapi_convert.errors.UnsupportedError`.
    """
    function = "openai_to_anthropic_response"
    ctx = Context(resolve_options(options, opts, O2AResponseOptions, function))
    ctx.dialect = for_side(ctx.options.dialect, "openai", function)
    check_call("id", id, str)
    completion = oai.ChatCompletion.parse_wire(body)
    converted = _to_anthropic(completion, ctx, id)
    return ctx.finish(_checked(ant.Message, converted, _uses_extension(completion)))


def _uses_extension(completion: Json) -> bool:
    message = completion["choices"][0]["message"] if completion["choices"] else {}
    usage = completion.get("usage")
    return "anthropic" in message or (isinstance(usage, dict) and "anthropic" in usage)


def _checked(model: Any, value: Json, carried: bool) -> Any:
    """The target model. Values read from extension fields were not validated on the way in, so a
    result that used them is validated as a whole (an invalid extension is an InvalidInputError)."""
    if not carried:
        return model.trusted(value)
    try:
        return model._validate_parsed(value)  # built from validated input: JSON-clean
    except InvalidInputError as exc:
        raise InvalidInputError(f"invalid extension data: {exc.message}", path=exc.path) from exc


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

#: The Message keys this walker hands to a mapping; anything else is reported as unknown (a hand
#: list on purpose: a new field must be reported until a mapping handles it).
_MESSAGE_KEYS: Final = frozenset(
    {"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details", "usage",
     "container", "diagnostics", "context_management", "input_transformations", "openai"}
)  # fmt: skip


def _to_openai(msg: Json, ctx: Context, created: int | None, id: str | None) -> Json:
    ctx.unknown(msg, _MESSAGE_KEYS, "")
    carried_ext = msg.get("openai")
    openai_ext: Json = carried_ext if isinstance(carried_ext, dict) else {}
    out = chat_envelope(
        msg, ctx, created=created, id=id, carried_created=openai_ext.get("created"), stream=False
    )
    message = _message_fields(msg["content"], ctx, "content")
    # Everything Anthropic-only about the reply goes in message.anthropic: the OpenAI SDK's stream
    # accumulator keeps message (delta) keys, not choice-level ones, so streams can carry it too.
    ext: Json = {}
    choice: Json = {"index": 0, "message": message, "finish_reason": finish_reason(msg, ctx, ext)}
    choice["logprobs"] = openai_ext.get("logprobs")
    out["choices"] = [choice]
    usage = msg.get("usage")
    if usage is not None:
        out["usage"], tier = anthropic_to_openai_usage(usage, ctx, "usage")
        tier = openai_ext.get("service_tier", tier)
        if tier is not None:
            out["service_tier"] = tier
    restore_openai(openai_ext, out, message)
    carry_message_keys(msg, ctx, ext)
    if ext:
        message.setdefault("anthropic", {}).update(ext)
    return out


def _message_fields(blocks: list[Json], ctx: Context, path: str) -> Json:
    """The ``choices[].message`` for Anthropic content blocks."""
    calls: list[Json] = []
    thinking: list[Json] = []
    carried: list[Json] = []
    cited = False
    for j, block in enumerate(blocks):
        kind = block["type"]
        if kind == "text":
            cited = cited or bool(block.get("citations"))
        elif kind == "tool_use":
            calls.append(tool_call(block))
        elif kind in ("thinking", "redacted_thinking"):
            thinking.append(block)
            if not ctx.options.extensions:
                ctx.lose(REPLY_THINKING, f"{path}[{j}]")
        entry = entry_for(block, j, len(carried))
        if entry is not None:
            carried.append(entry)
    message: Json = {"role": "assistant", "content": joined_text(blocks), "refusal": None}
    if calls:
        message["tool_calls"] = calls
    annotations = annotations_for(blocks) if cited else []
    if annotations:
        message["annotations"] = annotations
    if thinking and ctx.options.extensions:
        message.update(thinking_to_openai(thinking))
    if carried:
        if ctx.options.extensions:
            message["anthropic"] = {"content": carried}
        else:
            report_carried(carried, ctx, path)
    report_shape(blocks, ctx, path)
    return message


# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

#: The keys this walker hands to a mapping (hand lists on purpose, as above).
_COMPLETION_KEYS: Final = frozenset(
    {"id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint",
     "metadata", "moderation", "anthropic"}
)  # fmt: skip
_CHOICE_KEYS: Final = frozenset({"index", "message", "finish_reason", "logprobs"})
_REPLY_MESSAGE_KEYS: Final = frozenset(
    {"role", "content", "refusal", "tool_calls", "annotations", "audio", "function_call", "anthropic",
     "reasoning_content", "reasoning_details", "thinking_blocks", "reasoning"}
)  # fmt: skip


def _to_anthropic(comp: Json, ctx: Context, id: str | None) -> Json:
    ctx.unknown(comp, _COMPLETION_KEYS, "")
    choice = only_choice(comp["choices"])
    ctx.unknown(choice, _CHOICE_KEYS, "choices[0]")
    path = "choices[0].message"
    ctx.unknown(choice["message"], _REPLY_MESSAGE_KEYS, path)
    # reasoning some servers put in the content (Mistral's chunks, <think> tags)
    msg = lift_reasoning(choice["message"], ctx)
    content = _content_blocks(msg, ctx, path, comp.get("id"))
    stop = stop_fields(
        choice.get("finish_reason"),
        msg.get("anthropic"),
        msg.get("refusal"),
        ctx,
        "choices[0]",
        tool_calls=any(b["type"] == "tool_use" for b in content),
    )
    usage, usage_extra = openai_to_anthropic_usage(
        comp.get("usage"), ctx, "usage", service_tier=comp.get("service_tier")
    )
    out = message_envelope(comp, id=id)
    out["content"] = content
    out.update(stop)
    out["usage"] = usage
    carried = msg.get("anthropic")
    if isinstance(carried, dict):
        out.update(checked_message_keys(carried))
    openai_ext = openai_envelope_ext(comp)
    if choice.get("logprobs") is not None:
        openai_ext["logprobs"] = choice["logprobs"]
    if msg.get("annotations") and msg["annotations"] != annotations_for(content):
        # annotations our reverse direction made from the (carried) citations come back from
        # the citations; carrying them too broke the round trip
        openai_ext["annotations"] = msg["annotations"]
    if msg.get("audio") is not None:
        openai_ext["audio"] = msg["audio"]
    if usage_extra:
        openai_ext["usage"] = usage_extra
    attach_openai(out, openai_ext, ctx)
    return out


def _content_blocks(msg: Json, ctx: Context, path: str, completion_id: Any) -> list[Json]:
    """The blocks made from the standard fields (reasoning, text, refusal, tool calls, in the order
    Anthropic produces them), merged with the blocks carried in ``anthropic.content``."""
    allow_unsigned = ctx.options.unsigned_reasoning == "thinking"
    blocks = openai_to_thinking(msg, path, ctx, reply=True, allow_unsigned=allow_unsigned)
    text = reply_text(msg.get("content"))  # lenient servers send parts, not a string
    if text:
        blocks.append({"type": "text", "text": text})
    refusal = msg.get("refusal")
    if refusal:
        blocks.append({"type": "text", "text": refusal})
    for j, call in enumerate(msg.get("tool_calls") or ()):
        signature, call = call_signature(call)
        if signature is not None:  # Gemini's, for the call that follows (reasoning_forms)
            blocks.append(signature_block(signature))
        blocks.append(
            tool_call_to_tool_use(
                call, f"{path}.tool_calls[{j}]", ctx, reply=True, seed=completion_id, position=j
            )
        )
    function_call = msg.get("function_call")
    if function_call is not None:
        blocks.append(
            function_call_to_tool_use(
                function_call, "call_function_call", f"{path}.function_call", ctx, reply=True
            )
        )
    carried = msg.get("anthropic")
    if isinstance(carried, dict) and carried.get("content"):
        entries = validate(list[Json], carried["content"], path=f"{path}.anthropic.content")
        blocks = rebuild(blocks, entries)
    return blocks
