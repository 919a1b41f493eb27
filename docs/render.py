"""
docs/render.py
~~~~~~~~~~~~~~

Renders ``docs/mapping.md`` from the fate tables and the vocabulary tables of
:mod:`ruapi_convert.mapping` and :mod:`ruapi_convert.gateway`, so that the document cannot say
something the code does not do. It is not part of the package. Regenerate with::

    python docs/render.py > docs/mapping.md

(a test fails when the committed file differs from what this renders).
"""

from __future__ import annotations

import sys
from pathlib import Path

import ruapi_convert  # noqa: F401  (imports every concept module, so that every row is registered)
import ruapi_convert.convert.responses_anthropic  # noqa: F401  (and the rows of the Responses
import ruapi_convert.convert.responses_anthropic_replies  # noqa: F401  walkers, loaded lazily)
import ruapi_convert.convert.responses_chat  # noqa: F401
import ruapi_convert.convert.responses_chat_replies  # noqa: F401
from ruapi_convert.mapping import cache, stop, stop_responses_anthropic, thinking, tools, usage
from ruapi_convert.mapping._ledger import (
    A2O_REQUEST,
    A2O_RESPONSE,
    A2R_REQUEST,
    A2R_RESPONSE,
    O2A_REQUEST,
    O2A_RESPONSE,
    O2R_REQUEST,
    O2R_RESPONSE,
    R2A_REQUEST,
    R2A_RESPONSE,
    R2O_REQUEST,
    R2O_RESPONSE,
    Counterpart,
    FateTable,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # render_errors, beside this file

__all__ = ["render_mapping"]

_INTRO = """\
# Field mapping: OpenAI Chat Completions <-> Anthropic Messages

Generated from the rows and vocabularies of `ruapi_convert/mapping/` and `ruapi_convert/gateway/`
by `python docs/render.py`; a test keeps this file and the code in step.

Every field of the source protocol has one row per direction. Its fate is one of:

| fate | meaning | reported as a `Loss`? |
|---|---|---|
| mapped | carried to the target field with the same meaning | only in the edge cases the note names (kind given there) |
| carried | no standard target field: carried in the documented extension field when `extensions=True` (the default) | yes, kind `dropped`, when `extensions=False` |
| approximated | carried in a form that does not mean exactly the same | yes, kind `approximated` |
| dropped | no counterpart | yes, kind `dropped` |
| defaulted | the target needs a value the source lacks | yes, kind `defaulted` |
| refused | no faithful result exists | raises `UnsupportedError` |
| stateful | needs state a server keeps (a stored response, conversation or prompt) | yes, kind `stateful`, unless the caller passed the state in |

A field that is not in the table (a field newer than this library, in any object) is reported with
kind `unknown` and not carried over. Values that equal the protocol's documented default
(`n: 1`, `logprobs: false`, penalties of 0, `modalities: ["text"]` ...) are not reported.
With `strict=True` any loss raises `LossyConversionError` instead of returning a result.

## Extension fields

OpenAI's schema has no place for much of Anthropic's; these are the fields this library writes
(with `extensions=True`) and always reads:

* **Reasoning** on assistant messages and stream deltas: `reasoning_content` (the thinking texts
  joined by a blank line; DeepSeek's and LiteLLM's name) and `reasoning_details` (OpenRouter's
  convention): `{type: "reasoning.text", text, signature, format: "anthropic-claude-v1", index}`
  per thinking block and `{type: "reasoning.encrypted", data, format, index}` per redacted block.
  LiteLLM's `thinking_blocks` and plain `reasoning` are read too. A signature is never invented,
  and reasoning without one is never sent to Anthropic as thinking.
* **Anthropic keys on OpenAI objects under their Anthropic names**: `cache_control` on content
  parts, tools and tool messages (OpenRouter's and LiteLLM's convention), `citations`, `context`,
  `title` and `transformations` on parts, `is_error` on tool messages, `caller` and
  `toolset_name` on tool calls, and on the request body `thinking` (as in Anthropic's own
  OpenAI-SDK compatibility layer), `top_k`, `cache_control`, `mcp_servers`, `container`,
  `context_management` and the other Anthropic-only parameters.
* **Anthropic blocks without an OpenAI part** (search results, server-tool and MCP blocks,
  documents from URLs or the Files API ...) ride in request messages as content parts of their own
  `type`, verbatim; built-in tools ride in `tools` in Anthropic's shape (the shape Cursor sends).
* **Replies** (responses and stream deltas): `message.anthropic` holds what the standard fields
  cannot: `content` - a list of entries `{index, block_index, ...}` for blocks without an OpenAI
  field (whole) and for extra keys of text/tool_use blocks (e.g. citations) - plus the exact
  `stop_reason`, `stop_sequence`, `stop_details` and Message-only keys (`container`, ...);
  `usage.anthropic` holds the cache-write TTL split, server-tool counts and the like. `index` is
  the entry's position in the list because the OpenAI SDK's stream accumulator merges list entries
  at the position their `index` names. The reverse direction rebuilds the blocks at their
  `block_index`.
* **Anthropic replies from OpenAI ones**: `message.openai` holds `created`,
  `system_fingerprint`, `logprobs`, `annotations` and OpenAI-only token counts.

Messages API **requests never get extension fields**: Anthropic rejects unknown keys. Use
`extensions=False` when an OpenAI upstream rejects unknown parameters (api.openai.com does).

## Known approximations

* Several Anthropic text blocks become one OpenAI string (joined with nothing where Anthropic split
  text at a citation, with a blank line where other blocks stood between them), and text, thinking
  and tool calls lose their relative order; the reverse direction rebuilds one text block.
* OpenAI tool-call `arguments` are re-serialised compactly (`{"a":1}`), so their whitespace changes.
* A trailing assistant message means "continue this" on Anthropic and "an earlier turn" on OpenAI.
"""


_RESPONSES_INTRO = """\
## Responses API <-> Chat Completions

The OpenAI Responses API (`POST /v1/responses`) is the third protocol; "openai" keeps meaning Chat
Completions in every name. The conventions of these directions:

* **Reasoning** on the Chat side of a request goes where the upstream's dialect reads it
  (docs/dialects.md): nowhere for the default standard OpenAI (dropped, reported),
  `reasoning_content` for DeepSeek-style servers, and for `dialect="roundtrip"` (and in replies)
  the reasoning convention above: a
  reasoning item becomes `reasoning_details` entries with OpenRouter's `format`
  `openai-responses-v1` and the item's `rs_` id (`reasoning.summary` per summary part,
  `reasoning.text` per reasoning_text part, `reasoning.encrypted` for `encrypted_content`) plus
  `reasoning_content` (the summaries and texts, joined); an item with reasoning text only becomes
  `reasoning_content` alone. With `extensions=False` reasoning is dropped (reported). The other
  way, Chat reasoning becomes one reasoning item per id; what that plain form cannot give back
  exactly (Anthropic signatures, redacted thinking, other formats, and - when the request asked
  for `include: ["reasoning.encrypted_content"]` - plain reasoning text, which Codex does not send
  back) travels in `encrypted_content` as a carrier, `"rc1:" + base64(JSON)`, restored exactly by
  `responses_to_openai_request`. OpenAI's own blobs are never reshaped and keep their item id.
  A reply without reasoning whose request asked for encrypted reasoning gets one empty reasoning
  item (Codex waits for it). Reasoning is never sent as visible text.
* **Custom tools** (Codex's `apply_patch`): Chat custom tools by default; `custom_tools="function"`
  sends a function with one string parameter `input` and reads its calls back as custom tool
  calls. Namespaced functions are named `<namespace>__<name>` on the Chat side.
* **Tool results** are placed right after the assistant message of their call, and a run of calls
  is one assistant message: Chat servers reject anything else.
* **Stateful features** (`previous_response_id`, `conversation`, `store: true`, `background`,
  `prompt`, `item_reference`) are reported with loss kind `stateful` (`strict=True` refuses them).
  A gateway that stores responses passes the stored items as `history=`;
  `responses_history_items(request, response, history=...)` gives the items to store.
* **Replies** echo the client's Responses request (`request=`: tools, tool_choice, include ...);
  item ids are derived from the response id (`msg_`, `rs_`, `fc_`, `ctc_` + its base), never from a
  `call_id`. A streaming Chat upstream is asked for usage (`stream_options.include_usage`),
  because `response.completed` carries it.
* **Streams** (`OpenAIToResponsesStream`): `response.created` first, one response id, every item
  added before its events and done before `response.completed`, `sequence_number` from 0; a
  truncated upstream ends with `error` + `response.failed`, never `response.completed`.
"""


_RESPONSES_ANTHROPIC_INTRO = """\
## Responses API <-> Anthropic Messages

A Responses client (Codex) in front of Claude (`responses_to_anthropic_request`,
`anthropic_to_responses_response`, `AnthropicToResponsesStream`), and an Anthropic client (Claude
Code) in front of a model only the Responses API serves (`anthropic_to_responses_request`,
`responses_to_anthropic_response`, `ResponsesToAnthropicStream`); token counts
(`*_count_tokens_request` / `_response`) and errors (`anthropic_to_responses_error`,
`responses_to_anthropic_error`) both ways. The conventions:

* **Reasoning carrier.** Thinking crosses a Responses client, and Responses reasoning crosses an
  Anthropic client, in the carrier of the Chat directions, `"rc1:" + base64(JSON object)`, with an
  `origin`:
  * `{"origin": "anthropic", "type": "thinking", "signature": S}` or `{"origin": "anthropic",
    "type": "redacted_thinking", "data": D}` is the `encrypted_content` of the reasoning item made
    of one thinking block, whose text is the item's summary (what Codex shows and sends back).
    Sent back, the item becomes the same block, signature or data byte for byte.
  * `{"origin": "responses", "id": "rs_...", "encrypted_content"?: B, "summary"?: [...],
    "content"?: [...], "status"?: ...}` is the `signature` of the thinking block made of one
    reasoning item (its text is the item's summary and reasoning text; `summary` and `content` are
    in the carrier only when that text cannot give them back exactly). Sent back, the block becomes
    the same item: its blob under the id it came with (OpenAI binds the blob to the id).

  Version rule: the prefix names the version, and a reader decodes only the versions and the exact
  key sets it knows. Anything else - another version (`rc2:`), another origin, an unknown key, a
  Chat carrier, OpenAI's own `gAAAA...` blobs - is a foreign blob: passed on untouched where the
  target can take it, never unpacked, and never sent to Anthropic as a signature (the reasoning is
  dropped and reported). A new origin or a new optional key may be added under `rc1:`; changing
  what an existing key means needs `rc2:`. Anthropic's own signatures are never sent to a
  Responses upstream, which cannot verify them (dropped, reported).
* **Custom tools** (Codex's `apply_patch`) are Anthropic tools with one required string parameter
  `input` (a grammar goes into its description, approximated); Claude's `tool_use` of one,
  `{"input": <text>}`, comes back as a `custom_tool_call`, and an Anthropic tool of exactly that
  form is a custom tool the other way.
* **Usage**: Responses `input_tokens` include cache reads and writes, Anthropic's do not (the
  difference is `cached_tokens` + `cache_write_tokens`); web search counts <->
  `tool_usage.web_search.num_requests`.
* **Streams**: every item (block) opened is closed with the final values of the non-stream
  conversion; a Responses tool call's input goes to the Anthropic client whole at the item's end
  (the Anthropic SDK re-parses every fragment); the service tier is in `message_start`. A stream
  cut short, or an upstream error, ends with `error` + `response.failed` (codes Codex retries on:
  `rate_limit_exceeded`, `context_length_exceeded`, `insufficient_quota`, `server_is_overloaded`)
  or an Anthropic `error` event, never with success.

**The portable subset** - what round-trips exactly, with no loss on either leg (a property test
checks both ways): text, images (detail auto), function and custom tools and their calls and
results, tool choice auto/none/a named tool, parallel tool calls, instructions/system,
max_output_tokens, adaptive thinking with an effort of low, medium or high (summary auto), JSON
schema output (named `output`), the stop reasons end_turn, tool_use and max_tokens, usage, and
reasoning that came from the other side through its carrier. Outside it,
each reported: reasoning a side did not issue (OpenAI blobs to Anthropic, Anthropic signatures to
OpenAI), thinking budgets (Responses has effort levels), efforts minimal/none/max, a forced tool
choice with thinking, `allowed_tools`, json_object formats, image/file detail levels, stop
sequences and which one matched, tool result error flags, the stop reasons pause_turn,
refusal and `model_context_window_exceeded`, an effort with thinking disabled,
citations (re-shaped both ways), server tools other than web search, hosted tools, stateful
fields, logprobs, and a failed response (a gateway answers it with an error reply). Sampling
parameters, cache breakpoints (`cache_control` <-> `prompt_cache_breakpoint`), documents,
prefills, mid-conversation system messages, beta fields and (Messages -> Responses ->
Messages) structured output map as the tables say but are not claimed to round-trip: the property
does not generate them.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fate_table(table: FateTable) -> str:
    lines = [
        f"### {table.title} (`{table.direction}`)",
        "",
        "| source field | fate | target | note |",
        "|---|---|---|---|",
    ]
    for row in table:
        target = f"`{_cell(row.to)}`" if row.to else ""
        lines.append(f"| `{_cell(row.field)}` | {row.fate} | {target} | {_cell(row.note)} |")
    return "\n".join(lines)


def _vocabulary(title: str, table: dict[str, Counterpart], source: str, target: str) -> str:
    lines = [f"### {title}", "", f"| {source} | {target} | exact | note |", "|---|---|---|---|"]
    for key, entry in table.items():
        exact = "yes" if entry.exact else "no"
        lines.append(f"| `{key}` | `{entry.value}` | {exact} | {_cell(entry.note)} |")
    return "\n".join(lines)


def render_mapping() -> str:
    """The full text of docs/mapping.md."""
    parts = [
        _INTRO,
        "## Vocabularies\n",
        _vocabulary(
            "stop_reason -> finish_reason",
            stop.STOP_TO_FINISH,
            "Anthropic stop_reason",
            "OpenAI finish_reason",
        ),
        _vocabulary(
            "finish_reason -> stop_reason",
            stop.FINISH_TO_STOP,
            "OpenAI finish_reason",
            "Anthropic stop_reason",
        ),
        _vocabulary(
            "tool_choice (OpenAI -> Anthropic)",
            tools.TOOL_CHOICE_TO_ANTHROPIC,
            "OpenAI",
            "Anthropic type",
        ),
        _vocabulary(
            "tool_choice (Anthropic -> OpenAI)",
            tools.TOOL_CHOICE_TO_OPENAI,
            "Anthropic type",
            "OpenAI",
        ),
        _vocabulary(
            "reasoning_effort -> output_config.effort",
            thinking.EFFORT_TO_ANTHROPIC,
            "OpenAI",
            "Anthropic",
        ),
        '### reasoning_effort -> thinking.budget_tokens (`thinking_mode="enabled"`, option `effort_budgets`)\n\n'
        + "| effort | budget_tokens |\n|---|---|\n"
        + "\n".join(f"| `{k}` | {v} |" for k, v in thinking.EFFORT_BUDGETS.items()),
        _vocabulary(
            "service_tier, request (OpenAI -> Anthropic)",
            usage.OPENAI_SERVICE_TIER_TO_ANTHROPIC,
            "OpenAI",
            "Anthropic",
        ),
        _vocabulary(
            "service_tier, request (Anthropic -> OpenAI)",
            usage.ANTHROPIC_SERVICE_TIER_TO_OPENAI,
            "Anthropic",
            "OpenAI",
        ),
        _vocabulary(
            "service tier used, response (Anthropic usage.service_tier -> OpenAI service_tier)",
            usage.RESPONSE_TIER_ANTHROPIC_TO_OPENAI,
            "Anthropic",
            "OpenAI",
        ),
        _vocabulary(
            "service tier used, response (OpenAI -> Anthropic)",
            usage.RESPONSE_TIER_OPENAI_TO_ANTHROPIC,
            "OpenAI",
            "Anthropic",
        ),
        _vocabulary(
            "prompt_cache_breakpoint.ttl -> cache_control.ttl",
            cache.CACHE_TTL_TO_ANTHROPIC,
            "OpenAI",
            "Anthropic",
        ),
        "## Requests\n",
        _fate_table(O2A_REQUEST),
        _fate_table(A2O_REQUEST),
        "## Responses and streams\n\nStream events carry the same fields as responses, a piece at a time, and follow the same rows.\n",
        _fate_table(A2O_RESPONSE),
        _fate_table(O2A_RESPONSE),
        _RESPONSES_INTRO,
        _vocabulary(
            "incomplete_details.reason -> finish_reason",
            stop.INCOMPLETE_TO_FINISH,
            "Responses incomplete reason",
            "Chat finish_reason",
        ),
        "### finish_reason -> status (Chat -> Responses)\n\n| Chat finish_reason | status | incomplete_details.reason |\n|---|---|---|\n"
        + "\n".join(
            f"| `{k}` | `{status}` | {f'`{reason}`' if reason else ''} |"
            for k, (status, reason) in stop.FINISH_TO_STATUS.items()
        ),
        "### Requests\n",
        _fate_table(R2O_REQUEST),
        _fate_table(O2R_REQUEST),
        "### Responses and streams\n",
        _fate_table(O2R_RESPONSE),
        _fate_table(R2O_RESPONSE),
        _RESPONSES_ANTHROPIC_INTRO,
        "### anthropic stop_reason -> status (Messages -> Responses)\n\n| stop_reason | status | incomplete_details.reason | exact |\n|---|---|---|---|\n"
        + "\n".join(
            f"| `{k}` | `{status}` | {f'`{reason.value}`' if reason else ''} | {'yes' if exact else 'no (reported)'} |"
            for k, (status, reason, exact) in stop_responses_anthropic.STOP_TO_STATUS.items()
        ),
        "### Requests\n",
        _fate_table(R2A_REQUEST),
        _fate_table(A2R_REQUEST),
        "### Responses and streams\n",
        _fate_table(A2R_RESPONSE),
        _fate_table(R2A_RESPONSE),
        errors_section(),
    ]
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def errors_section() -> str:
    """Errors, status codes, headers and model lists (their own tables, one heading level down)."""
    from render_errors import render_errors

    return "\n".join(
        "#" + line if line.startswith("#") else line for line in render_errors().splitlines()
    )


if __name__ == "__main__":  # the regeneration command
    sys.stdout.write(render_mapping())
