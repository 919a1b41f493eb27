"""
docs/render_dialects.py
~~~~~~~~~~~~~~~~~~~~~~~

Renders ``docs/dialects.md`` from :data:`ruapi_convert.mapping.dialects.DIALECTS`: one table per
dialect, with its sources and the facts no vendor source confirmed, after a page on choosing one.
It is not part of the package. Regenerate with::

    python docs/render_dialects.py > docs/dialects.md

(a test fails when the committed file differs from what this renders).
"""

from __future__ import annotations

import sys
from typing import Any

from ruapi_convert.mapping.dialects import DIALECTS, Dialect

__all__ = ["render_dialects"]

_INTRO = """\
# Dialects: the upstreams a gateway actually calls

<!-- Rendered by docs/render_dialects.py from ruapi_convert/mapping/dialects.py: edit those. -->

A gateway's OpenAI side talks to api.openai.com, but also to DeepSeek, vLLM, OpenRouter, Gemini,
Mistral, Ollama...; its Anthropic side to Anthropic, Bedrock, Vertex and the Anthropic-compatible
endpoints of DeepSeek, Kimi, GLM and MiniMax. They name reasoning differently, want it back in
different fields, count cache tokens differently and refuse different fields. The `dialect=`
option names the upstream on the other side of a conversion, and the conversion shapes what it
sends for that upstream.

## Choosing a dialect

* **Name the upstream you send to.** `anthropic_to_openai_request(body, dialect="deepseek")`
  writes a request DeepSeek takes: its thinking switch, `max_tokens`, and `reasoning_content`
  on every tool-call turn of the history (DeepSeek answers 400 without it).
* **No dialect** means the protocol as documented: `"openai"` for a request to an OpenAI-side
  server (what the official `openai` SDK's `create(**body)` and api.openai.com accept, nothing
  else; whatever the standard form cannot hold is a reported `Loss`, never sent) and
  `"anthropic"` for one to Anthropic.
* **`"roundtrip"`** carries every extension field (`thinking`, `top_k`, `cache_control`,
  `reasoning_details`, the `anthropic` object...) so that Anthropic -> OpenAI -> Anthropic is
  exact: for an upstream that is this library again (a second gateway). On the Anthropic side it
  is plain `"anthropic"` (Anthropic requests never carry extension fields), so one `Options`
  serves both legs.
* **Replies and streams are read liberally whatever the dialect**: `reasoning`,
  `reasoning_content`, `reasoning_details`, `thinking_blocks`, Mistral's thinking chunks, Gemini's
  thought signatures, the top-level cache counters (`prompt_cache_hit_tokens`, `cached_tokens`)
  and usage on every chunk are understood without naming the server. Only two things need the
  name: `<think>` tags in content (parsed for dialects that emit them, since ordinary text may
  start with the same characters) and input tokens that already include the cache (the
  Anthropic-compatible endpoints).
* **Not sure which one?** `guess_dialect(base_url)` names the likely dialect from the host (and a
  path prefix or conventional port). It is a guess for configuration screens and logs: name the
  dialect in code.
* An unknown name, or one of the other side (`dialect="bedrock"` for a request to an OpenAI
  server), raises `InvalidInputError` (a `ValueError`) at `options.dialect`, listing the names.

Gemini's thought signatures: an Anthropic message has no field for a signature on a `tool_use`
block, so the one on Gemini's tool call reaches an Anthropic client as an empty thinking block just
before that call's `tool_use`, its signature marked `gemini-thought-signature:`. The client sends
it back with the history, and for `dialect="gemini"` it goes back onto the call that follows it
(`tool_calls[].extra_content.google.thought_signature`). A Claude signature is never sent to
Gemini, and a marked one never to another upstream (both reported).

What each column means: **reasoning knob** - how a request asks it to think (`reasoning_effort`,
OpenRouter's `reasoning` object, `thinking: {type}`, DashScope's `enable_thinking`, or none);
**replay** - where a tool loop's reasoning goes back on the assistant turn; **refuses** - standard
fields it rejects (dropped and reported); **unverified** - facts used here that no vendor source
confirmed: treat them as the best available guess.
"""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (tuple, frozenset, list)):
        return ", ".join(f"`{v}`" for v in sorted(value) if v) or "-"
    if hasattr(value, "items"):
        return ", ".join(f"`{k}` -> `{v}`" for k, v in value.items()) or "-"
    return f"`{value}`" if value not in (None, "") else "-"


def _rows(dialect: Dialect) -> list[tuple[str, str]]:
    rows = [("base URLs (for guess_dialect)", _value(dialect.hosts))]
    if dialect.side == "openai":
        rows += [
            ("extension fields carried", _value(dialect.extensions)),
            (
                "length field",
                _value(dialect.max_tokens_field)
                if dialect.max_tokens_field
                else "the `max_tokens_field` option (default `max_completion_tokens`)",
            ),
            ("reasoning knob", _value(dialect.knob)),
            ("effort values sent", _value(dialect.efforts)),
            ("thinks unless switched off", _value(dialect.thinks_by_default)),
            ("thinks in streams only", _value(dialect.thinks_only_streaming)),
            ("replay", _value(dialect.replay)),
            ("reasoning_content required on tool turns", _value(dialect.replay_required)),
            ("refuses", _value(dialect.rejects)),
            ("refuses messages[].name", _value(dialect.rejects_message_name)),
            ("tool-call ids", _value(dialect.tool_ids)),
            ("always added", _value(dialect.adds)),
            ("added when thinking", _value(dialect.adds_when_thinking)),
            ("`<think>` tags in content", _value(dialect.think_tags)),
        ]
    else:
        rows += [
            ("anthropic_version in the body", _value(dialect.anthropic_version)),
            ("model in the body", _value(dialect.model_in_body)),
            ("stream in the body", _value(dialect.stream_in_body)),
            ("betas in the body", _value(dialect.betas_in_body)),
            ("input_tokens include the cache", _value(dialect.usage_includes_cache)),
            ("reads images and documents", _value(dialect.media)),
        ]
    return rows


def _section(dialect: Dialect) -> str:
    lines = [f"### `{dialect.name}`: {dialect.title}", "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in _rows(dialect)]
    lines.append("")
    if dialect.sources:
        lines.append("Sources: " + "; ".join(dialect.sources))
        lines.append("")
    if dialect.unverified:
        lines.append("Unverified:")
        lines += [f"- {fact}" for fact in dialect.unverified]
        lines.append("")
    return "\n".join(lines)


def render_dialects() -> str:
    parts = [_INTRO, "## OpenAI-side dialects\n"]
    parts += [_section(d) for d in DIALECTS.values() if d.side == "openai"]
    parts.append("## Anthropic-side dialects\n")
    parts += [_section(d) for d in DIALECTS.values() if d.side == "anthropic"]
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


if __name__ == "__main__":  # the regeneration command
    sys.stdout.write(render_dialects())
