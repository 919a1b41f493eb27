"""
ruapi_convert.mapping.extensions
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: every extension field - what one protocol carries for the other where it has no field of
its own - is written and read back here, so that both directions agree on its shape.

The shapes (all documented in docs/mapping.md):

* **Request parameters** with no Chat Completions counterpart (``top_k``, ``cache_control``,
  ``mcp_servers`` ...) ride on the OpenAI body under their Anthropic names (:data:`CARRIED_PARAMS`).
* **Reply content** an OpenAI message cannot express travels in ``message.anthropic.content``
  (``delta.anthropic.content`` in streams): a list of entries, each naming the position of its
  block in the Anthropic content as ``block_index`` -

  * a block with no OpenAI field travels whole:
    ``{"index": 0, "block_index": 1, "type": "server_tool_use", ...}``;
  * a text, tool_use or thinking block with extra keys travels as a partial entry holding only its
    ``type`` and those keys: ``{"index": 1, "block_index": 3, "type": "text", "citations": [...]}``
    (a tool_use entry also names its ``id``, to find its call again).

  ``index`` is the entry's own position in the list. The OpenAI SDK's stream accumulator needs it:
  it merges a list delta entry into the accumulated list *at position* ``index`` (and refuses a
  dict entry without one), so each entry is sent in one piece, in block order, and a streamed reply
  accumulates to exactly the list the non-stream conversion writes. The reverse direction rebuilds
  the content: whole blocks at their ``block_index``, the blocks made from the standard fields
  (thinking, text, tool_use in that order) in the remaining positions, partial entries merged into
  their blocks. What this does not keep: the boundaries between several text blocks (they are one
  string in OpenAI) and the order of text, thinking and tool calls relative to each other;
  conversions report both as approximated.
* **Message keys** (``container``, ``diagnostics`` ...) and the exact stop reason ride in
  ``message.anthropic`` too.
* **Anthropic replies from OpenAI ones** carry what OpenAI has and Anthropic has not (``created``,
  ``system_fingerprint``, log probabilities, annotations, audio) in the message's ``openai`` object.

Usage extensions (``usage.anthropic``, ``openai.usage``) are made by :mod:`.usage`, which owns the
token counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import InvalidInputError
from ..models import anthropic as ant
from ..models._base import tags_of
from ._ledger import A2O_REQUEST, A2O_RESPONSE, O2A_REQUEST, O2A_RESPONSE, Json
from .usage import SERVICE_TIER, exact_tier

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._ledger import Context, Fate

__all__ = [
    "CARRIED_PARAMS",
    "PLAIN_KEYS",
    "READ_BACK_PARAMS",
    "attach_openai",
    "carry_keys",
    "carry_message_keys",
    "carry_params",
    "checked_message_keys",
    "entry_for",
    "openai_envelope_ext",
    "read_carried_params",
    "rebuild",
    "report_carried",
    "restore_openai",
    "restore_openai_usage",
]

# -- request parameters ------------------------------------------------------------------------------

#: Anthropic request parameters with no Chat Completions counterpart, carried on the OpenAI body
#: under their own names (and read back verbatim by the reverse direction).
CARRIED_PARAMS: Final = (
    "top_k",
    "cache_control",
    "speed",
    "inference_geo",
    "container",
    "diagnostics",
    "mcp_servers",
    "context_management",
    "compaction",
    "fallbacks",
    "fallback_credit_token",
    "billing_policy",
    "thread",
    "betas",
    "user_profile_id",
    "workspace_id",
)

#: What the reverse direction reads back: the carried parameters, plus ``thinking`` and
#: ``output_config``, which the effort mapping carries (see :mod:`.thinking`).
READ_BACK_PARAMS: Final = frozenset({*CARRIED_PARAMS, "thinking", "output_config"})

_A2O_PARAM_ROWS: Final[dict[str, Fate]] = {
    row.field: row
    for row in (
        A2O_REQUEST.carried(
            "top_k",
            "top_k",
            "vLLM and OpenRouter accept top_k on Chat Completions",
        ),
        A2O_REQUEST.carried(
            "cache_control",
            "cache_control",
            "top-level automatic caching",
        ),
        A2O_REQUEST.carried(
            "speed",
            "speed",
        ),
        A2O_REQUEST.carried(
            "inference_geo",
            "inference_geo",
        ),
        A2O_REQUEST.carried(
            "container",
            "container",
        ),
        A2O_REQUEST.carried(
            "diagnostics",
            "diagnostics",
        ),
        A2O_REQUEST.carried(
            "mcp_servers",
            "mcp_servers",
            "beta",
        ),
        A2O_REQUEST.carried(
            "context_management",
            "context_management",
            "beta",
        ),
        A2O_REQUEST.carried(
            "compaction",
            "compaction",
            "beta",
        ),
        A2O_REQUEST.carried(
            "fallbacks",
            "fallbacks",
            "beta",
        ),
        A2O_REQUEST.carried(
            "fallback_credit_token",
            "fallback_credit_token",
            "beta",
        ),
        A2O_REQUEST.carried(
            "billing_policy",
            "billing_policy",
            "beta",
        ),
        A2O_REQUEST.carried(
            "thread",
            "thread",
            "beta",
        ),
        A2O_REQUEST.carried(
            "betas",
            "betas",
            "beta header names",
        ),
        A2O_REQUEST.carried(
            "user_profile_id",
            "user_profile_id",
            "sent as a header by the Anthropic SDK",
        ),
        A2O_REQUEST.carried(
            "workspace_id",
            "workspace_id",
            "sent as a header by the Anthropic SDK",
        ),
    )
}


def carry_keys(block: Json, part: Json, rows: Mapping[str, Fate], path: str, ctx: Context) -> None:
    """Anthropic keys of ``block`` onto the OpenAI ``part`` under their own names (``rows`` names
    the keys, in order, and the row each is reported under with extensions off)."""
    for key, row in rows.items():
        value = block.get(key)
        if value is not None and ctx.carry(row, f"{path}.{key}"):
            part[key] = value


def carry_params(req: Json, out: Json, ctx: Context) -> None:
    """Anthropic-only request parameters onto the OpenAI body (or reported, extensions off)."""
    for key in CARRIED_PARAMS:
        if req.get(key) is not None and ctx.carry(_A2O_PARAM_ROWS[key], key):
            out[key] = req[key]


O2A_REQUEST.carried(
    "cache_control",
    "cache_control",
    "top-level automatic caching; sent verbatim",
)
O2A_REQUEST.carried(
    "speed",
    "speed",
    "Anthropic parameter carried by our reverse direction; sent verbatim",
)
O2A_REQUEST.carried(
    "inference_geo",
    "inference_geo",
    "sent verbatim",
)
O2A_REQUEST.carried(
    "container",
    "container",
    "sent verbatim",
)
O2A_REQUEST.carried(
    "diagnostics",
    "diagnostics",
    "sent verbatim",
)
O2A_REQUEST.carried(
    "mcp_servers",
    "mcp_servers",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "context_management",
    "context_management",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "compaction",
    "compaction",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "fallbacks",
    "fallbacks",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "fallback_credit_token",
    "fallback_credit_token",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "billing_policy",
    "billing_policy",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "thread",
    "thread",
    "sent verbatim (beta)",
)
O2A_REQUEST.carried(
    "betas",
    "betas",
    "sent verbatim (beta; a gateway turns it into the anthropic-beta header)",
)
O2A_REQUEST.carried(
    "user_profile_id",
    "user_profile_id",
    "sent verbatim",
)
O2A_REQUEST.carried(
    "workspace_id",
    "workspace_id",
    "sent verbatim",
)
O2A_REQUEST.carried(
    "output_config",
    "output_config",
    "merged with the effort and format mapped from reasoning_effort and response_format",
)


def read_carried_params(req: Json, out: Json) -> Json:
    """The Anthropic parameters our reverse direction carried on an OpenAI body, validated and
    copied to ``out``; returns them (``{}`` when there are none)."""
    carried = {k: req[k] for k in READ_BACK_PARAMS.intersection(req) if req[k] is not None}
    if not carried:
        return carried
    probe = {"model": "m", "max_tokens": 1, "messages": [], **carried}
    checked = ant.MessageCreateParams._validate_parsed(probe).wire()
    for key in carried:
        out[key] = checked[key]
    return carried


# -- reply content (message.anthropic.content) -------------------------------------------------------

#: Block types the standard OpenAI fields express, and the keys they express of each.
PLAIN_KEYS: Final = {
    "text": frozenset({"type", "text"}),
    "tool_use": frozenset({"type", "id", "name", "input"}),
    "thinking": frozenset({"type", "thinking", "signature"}),
    "redacted_thinking": frozenset({"type", "data"}),
}

#: Reply blocks with no OpenAI field: carried whole in message.anthropic.content.
_WHOLE_BLOCKS: Final = tuple(sorted(tags_of(ant.ContentBlock) - PLAIN_KEYS.keys()))

_CONTAINER = A2O_RESPONSE.carried(
    "container",
    "choices[0].message.anthropic.container",
    "code-execution container",
)
_DIAGNOSTICS = A2O_RESPONSE.carried(
    "diagnostics",
    "choices[0].message.anthropic.diagnostics",
)
_CONTEXT_MANAGEMENT = A2O_RESPONSE.carried(
    "context_management",
    "choices[0].message.anthropic.context_management",
    "beta",
)
_INPUT_TRANSFORMATIONS = A2O_RESPONSE.carried(
    "input_transformations",
    "choices[0].message.anthropic.input_transformations",
    "beta",
)
A2O_RESPONSE.mapped(
    "openai",
    "",
    "the reverse direction's extension (created, system_fingerprint, service_tier, metadata, moderation, logprobs, annotations, audio, usage details): restored into the OpenAI fields",
)
CARRIED_BLOCKS = A2O_RESPONSE.carried(
    "content[] (blocks without an OpenAI field)",
    "choices[0].message.anthropic.content",
    "whole: " + ", ".join(_WHOLE_BLOCKS),
    _WHOLE_BLOCKS,
)
CARRIED_CITATIONS = A2O_RESPONSE.carried(
    "content[].citations",
    "choices[0].message.anthropic.content[].citations",
    "every citation, in a partial entry of its text block; web_search_result_location citations also become url_citation annotations {url, title, start_index, end_index} over the cited text block, which survive with extensions off",
)
A2O_RESPONSE.carried(
    "content[].caller",
    "choices[0].message.anthropic.content[].caller",
    "a partial entry naming the tool_use id",
)
A2O_RESPONSE.carried(
    "content[].toolset_name",
    "choices[0].message.anthropic.content[].toolset_name",
    "a partial entry naming the tool_use id",
)


def extra_keys(block: Json) -> list[str]:
    """The keys of a text/tool_use/thinking block that the standard fields do not carry."""
    plain = PLAIN_KEYS[block["type"]]
    return [k for k, v in block.items() if k not in plain and v is not None]


def entry_for(block: Json, block_index: int, position: int) -> Json | None:
    """The carriage entry of one block (the ``position``-th entry of the list), or None when the
    standard fields carry the block entirely."""
    kind = block["type"]
    plain = PLAIN_KEYS.get(kind)
    if plain is None:
        return {"index": position, "block_index": block_index, **block}
    if block.keys() <= plain:  # the usual case, decided without building a list
        return None
    extras = extra_keys(block)
    if not extras:
        return None
    entry: Json = {"index": position, "block_index": block_index, "type": kind}
    if kind == "tool_use":
        entry["id"] = block["id"]
    for key in extras:
        entry[key] = block[key]
    return entry


def report_carried(entries: list[Json], ctx: Context, path: str) -> None:
    """Report carriage entries that could not be carried (extensions off)."""
    for entry in entries:
        bpath = f"{path}[{entry['block_index']}]"
        if entry["type"] not in PLAIN_KEYS:
            ctx.lose(CARRIED_BLOCKS, bpath)
            continue
        for key in entry:
            if key in ("index", "block_index", "type", "id"):
                continue
            if key == "citations":
                ctx.lose(CARRIED_CITATIONS, f"{bpath}.citations")
            else:
                ctx.lose(
                    CARRIED_BLOCKS,
                    f"{bpath}.{key}",
                    detail=f"{entry['type']}.{key} has no OpenAI field",
                )


def rebuild(standard: list[Json], entries: list[Json]) -> list[Json]:
    """Merge carried entries back into the blocks made from the standard fields."""
    whole: dict[int, Json] = {}
    partial: list[Json] = []
    for entry in entries:
        index = entry.get("block_index")
        if not isinstance(index, int):
            continue
        if entry.get("type") in PLAIN_KEYS:
            partial.append(entry)
        else:
            whole[index] = {k: v for k, v in entry.items() if k not in ("index", "block_index")}
    blocks = [dict(b) for b in standard]
    for entry in partial:
        _merge_partial(blocks, entry)
    out: list[Json] = []
    rest = iter(blocks)
    position = 0
    pending = len(blocks)
    while whole or pending:
        if position in whole:
            out.append(whole.pop(position))
        elif pending:
            out.append(next(rest))
            pending -= 1
        else:  # an index past the end: keep the carried blocks in their order
            out.extend(whole.pop(k) for k in sorted(whole))
        position += 1
    return out


def _merge_partial(blocks: list[Json], entry: Json) -> None:
    kind = entry["type"]
    extras = {k: v for k, v in entry.items() if k not in ("index", "block_index", "type", "id")}
    for block in blocks:
        if block["type"] != kind:
            continue
        if kind == "tool_use" and block.get("id") != entry.get("id"):
            continue
        for key, value in extras.items():
            if isinstance(value, list) and isinstance(block.get(key), list):
                block[key] = [*block[key], *value]  # several text blocks merged into one
            else:
                block[key] = value
        return


# -- message keys (message.anthropic) ----------------------------------------------------------------

#: Message keys with no ChatCompletion field, carried in ``message.anthropic``.
MESSAGE_KEYS: Final[tuple[str, ...]] = (
    "container",
    "diagnostics",
    "context_management",
    "input_transformations",
)
_MESSAGE_KEY_ROWS: Final[dict[str, Fate]] = {
    "container": _CONTAINER,
    "diagnostics": _DIAGNOSTICS,
    "context_management": _CONTEXT_MANAGEMENT,
    "input_transformations": _INPUT_TRANSFORMATIONS,
}


def carry_message_keys(msg: Json, ctx: Context, ext: Json) -> None:
    """Message keys with no ChatCompletion field (container, diagnostics, ...) into ``ext``."""
    carried = {k: msg[k] for k in MESSAGE_KEYS if msg.get(k) is not None}
    if ctx.options.extensions:
        ext.update(carried)
    else:
        for key in carried:
            ctx.lose(_MESSAGE_KEY_ROWS[key], key)


_CREATED = O2A_RESPONSE.carried(
    "created",
    "openai.created",
    "Anthropic replies carry no timestamp",
)
_SYSTEM_FINGERPRINT = O2A_RESPONSE.carried(
    "system_fingerprint",
    "openai.system_fingerprint",
)
_METADATA = O2A_RESPONSE.carried(
    "metadata",
    "openai.metadata",
)
_MODERATION = O2A_RESPONSE.carried(
    "moderation",
    "openai.moderation",
)
LOGPROBS = O2A_RESPONSE.carried(
    "choices[].logprobs",
    "openai.logprobs",
)
ANNOTATIONS = O2A_RESPONSE.carried(
    "choices[].message.annotations",
    "openai.annotations",
    "url_citation has no Anthropic form without the encrypted index a web_search_result_location needs",
)
AUDIO = O2A_RESPONSE.carried(
    "choices[].message.audio",
    "openai.audio",
    "audio replies have no Anthropic form",
)
CARRIED_CONTENT = O2A_RESPONSE.mapped(
    "choices[].message.anthropic",
    "content",
    "the original Anthropic blocks carried by the reverse direction: used when they agree with content, tool_calls and reasoning; otherwise ignored (approximated)",
)
O2A_RESPONSE.mapped(
    "anthropic",
    "container, diagnostics, context_management, input_transformations",
    "carried by the reverse direction: restored",
)


def checked_message_keys(carried: Json) -> Json:
    """The Message keys our reverse direction carried in ``message.anthropic``, validated."""
    values: Json = {k: carried[k] for k in MESSAGE_KEYS if k in carried}
    if not values:
        return {}
    probe: Json = {
        "id": "m",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [],
        **values,
    }
    try:
        checked = ant.Message._validate_parsed(probe).wire()
    except InvalidInputError as exc:
        raise InvalidInputError(
            exc.message, path=f"choices[0].message.anthropic.{exc.path}"
        ) from exc
    return {k: checked[k] for k in values}


# -- message.openai ----------------------------------------------------------------------------------

#: Each key of the ``openai`` object: its row, and the path of its source in a ChatCompletion.
_OPENAI_EXT_ROWS: Final[dict[str, tuple[Fate, str]]] = {
    "created": (_CREATED, "created"),
    "system_fingerprint": (_SYSTEM_FINGERPRINT, "system_fingerprint"),
    "service_tier": (SERVICE_TIER, "service_tier"),
    "metadata": (_METADATA, "metadata"),
    "moderation": (_MODERATION, "moderation"),
    "logprobs": (LOGPROBS, "choices[0].logprobs"),
    "annotations": (ANNOTATIONS, "choices[0].message.annotations"),
    "audio": (AUDIO, "choices[0].message.audio"),
}


def openai_envelope_ext(completion: Json) -> Json:
    """The envelope keys of a ChatCompletion (or its first chunk) that have no Message field:
    the start of the message's ``openai`` object."""
    ext: Json = {"created": completion["created"]}
    for key in ("system_fingerprint", "service_tier", "metadata", "moderation"):
        value = completion.get(key)
        if value is not None and not (key == "service_tier" and exact_tier(value)):
            # an exact tier is said by usage.service_tier
            ext[key] = value
    return ext


def attach_openai(out: Json, ext: Json, ctx: Context) -> None:
    """``out["openai"] = ext`` with extensions on; otherwise report what it would have held."""
    if ctx.options.extensions:
        out["openai"] = ext
        return
    for key in ext:
        if key != "usage":  # usage details were reported by the usage mapping
            row, path = _OPENAI_EXT_ROWS[key]
            ctx.lose(row, path, kind="dropped")


def restore_openai_usage(carried: Any, usage: Json) -> None:
    """Put the OpenAI-only token counts our reverse direction carried (``openai.usage`` of a
    Message, or of a stream's ``message_delta``) back into OpenAI ``usage``."""
    if isinstance(carried, dict):
        for group, values in carried.items():
            usage.setdefault(group, {}).update(values)


def restore_openai(ext: Json, out: Json, message: Json) -> None:
    """Put what our reverse direction carried in a Message's ``openai`` object back into the
    ChatCompletion ``out`` and its ``message``."""
    if out.get("usage") is not None:
        restore_openai_usage(ext.get("usage"), out["usage"])
    if ext.get("system_fingerprint") is not None:
        out["system_fingerprint"] = ext["system_fingerprint"]
    # Carried annotations are the complete list: the reverse direction keeps them only when the
    # citations cannot give them.
    for key in ("annotations", "audio"):
        if ext.get(key) is not None:
            message[key] = ext[key]
    for key in ("metadata", "moderation"):
        if ext.get(key) is not None:
            out[key] = ext[key]
