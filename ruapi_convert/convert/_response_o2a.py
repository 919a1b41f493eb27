"""
ruapi_convert.convert._response_o2a
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

OpenAI ``ChatCompletion`` -> Anthropic ``Message``.

Theory of operation
-------------------

The single choice becomes the message: reasoning first (as thinking blocks), then the text, then
one ``tool_use`` per tool call - the order Anthropic itself produces. A refusal (OpenAI's separate
``refusal`` channel) becomes text with ``stop_reason: "refusal"``.

Blocks carried in ``message.anthropic.content`` by our reverse direction (server-tool blocks,
citations, ...) are merged back in at their positions (see :mod:`~ruapi_convert.mapping.extensions`); the choice's
``message.anthropic`` also restores the exact stop reason and Message-only keys (container ...). What OpenAI has and Anthropic has not (``created``,
``system_fingerprint``, log probabilities, annotations, audio and prediction token counts) goes into
the message's ``openai`` object with extensions on, or is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..mapping._ledger import O2A_RESPONSE
from ..mapping.content import annotations_for, reply_text
from ..mapping.envelope import message_envelope, only_choice
from ..mapping.extensions import attach_openai, checked_message_keys, openai_envelope_ext, rebuild
from ..mapping.reasoning import openai_to_thinking
from ..mapping.stop import stop_fields
from ..mapping.tool_calls import function_call_to_tool_use, tool_call_to_tool_use
from ..mapping.usage import openai_to_anthropic_usage
from ..models._base import validate

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["FATES", "content_blocks", "convert_response"]

FATES = O2A_RESPONSE

Json = dict[str, Any]

_COMPLETION_KEYS: Final = frozenset(
    {
        "id",
        "object",
        "created",
        "model",
        "choices",
        "usage",
        "service_tier",
        "system_fingerprint",
        "metadata",
        "moderation",
        "anthropic",
    }
)
_CHOICE_KEYS: Final = frozenset({"index", "message", "finish_reason", "logprobs"})
_MESSAGE_KEYS: Final = frozenset(
    {"role", "content", "refusal", "tool_calls", "annotations", "audio", "function_call", "anthropic",
     "reasoning_content", "reasoning_details", "thinking_blocks", "reasoning"}
)  # fmt: skip


def convert_response(comp: Json, ctx: Context) -> Json:
    """Map a validated ChatCompletion (wire dict) to an Anthropic Message (wire dict)."""
    ctx.unknown(comp, _COMPLETION_KEYS, "")
    choice = only_choice(comp["choices"])
    ctx.unknown(choice, _CHOICE_KEYS, "choices[0]")
    msg = choice["message"]
    path = "choices[0].message"
    ctx.unknown(msg, _MESSAGE_KEYS, path)
    content = content_blocks(
        msg, ctx, path, allow_unsigned=ctx.options.unsigned_reasoning == "thinking"
    )
    stop = stop_fields(
        choice.get("finish_reason"), msg.get("anthropic"), msg.get("refusal"), ctx, "choices[0]"
    )
    usage, usage_extra = openai_to_anthropic_usage(
        comp.get("usage"), ctx, "usage", service_tier=comp.get("service_tier")
    )
    out = message_envelope(comp, ctx)
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


def content_blocks(msg: Json, ctx: Context, path: str, *, allow_unsigned: bool) -> list[Json]:
    """Anthropic content blocks for an OpenAI assistant message: the blocks made from the standard
    fields, merged with the blocks carried in ``anthropic.content`` (see :mod:`~ruapi_convert.mapping.extensions`)."""
    blocks = _standard_blocks(msg, ctx, path, allow_unsigned)
    carried = msg.get("anthropic")
    if isinstance(carried, dict) and carried.get("content"):
        entries = validate(
            list[dict[str, Any]], carried["content"], path=f"{path}.anthropic.content"
        )
        blocks = rebuild(blocks, entries)
    return blocks


def _standard_blocks(msg: Json, ctx: Context, path: str, allow_unsigned: bool) -> list[Json]:
    blocks = openai_to_thinking(msg, path, ctx, reply=True, allow_unsigned=allow_unsigned)
    text = reply_text(msg.get("content"))  # lenient servers send parts, not a string
    if text:
        blocks.append({"type": "text", "text": text})
    refusal = msg.get("refusal")
    if refusal:
        blocks.append({"type": "text", "text": refusal})
    for j, call in enumerate(msg.get("tool_calls") or ()):
        blocks.append(tool_call_to_tool_use(call, f"{path}.tool_calls[{j}]", ctx, reply=True))
    function_call = msg.get("function_call")
    if function_call is not None:
        blocks.append(
            function_call_to_tool_use(
                function_call, "call_function_call", f"{path}.function_call", ctx, reply=True
            )
        )
    return blocks
