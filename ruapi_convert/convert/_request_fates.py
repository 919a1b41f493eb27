"""
ruapi_convert.convert._request_fates
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The fate of every request field, both directions (rendered into docs/mapping.md).
"""

from __future__ import annotations

from typing import Final

from ..mapping._ledger import A2O_REQUEST, O2A_REQUEST, Fate
from ..models import anthropic as ant

__all__ = ["A2O_REQUEST", "O2A_REQUEST"]

#: Anthropic request blocks that have an OpenAI form (mapped field by field below); every other
#: block type rides verbatim as a content part of its own type.
_MAPPED_BLOCKS = frozenset(
    {"text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking"}
)
_VERBATIM_BLOCKS = tuple(sorted(ant.CONTENT_BLOCK_TYPES - _MAPPED_BLOCKS))
_BUILTIN_TOOLS = tuple(sorted(ant.TOOL_TYPES))

M: Final = "mapped"
C: Final = "carried"
A: Final = "approximated"
D: Final = "dropped"
F: Final = "defaulted"
R: Final = "refused"

for _row in [
    Fate("model", M, "model", "unchanged unless the `model` option replaces it"),
    Fate(
        "max_completion_tokens",
        M,
        "max_tokens",
        "both include reasoning/thinking tokens; when neither max_completion_tokens nor max_tokens is given, `default_max_tokens` (4096) is sent and reported as defaulted, because Anthropic requires max_tokens",
    ),
    Fate(
        "max_tokens",
        M,
        "max_tokens",
        "deprecated OpenAI spelling; if both are given and differ, max_completion_tokens wins and max_tokens is reported",
    ),
    Fate(
        "n",
        R,
        "",
        "1 (or absent) is fine; n > 1 raises UnsupportedError: Anthropic returns one reply",
    ),
    Fate("stop", M, "stop_sequences", "a string becomes a one-element list"),
    Fate("stream", M, "stream"),
    Fate(
        "stream_options",
        M,
        "",
        "include_usage needs no field: Anthropic streams always carry usage, and AnthropicToOpenAIStream(include_usage=...) decides what the client gets",
    ),
    Fate("stream_options.include_usage", M, "", "see stream_options"),
    Fate(
        "stream_options.include_obfuscation",
        D,
        "",
        "obfuscation padding has no Anthropic counterpart; reported only when true",
    ),
    Fate(
        "temperature",
        M,
        "temperature",
        "API version 2023-06-01: values above Anthropic's maximum of 1 are clamped to 1 (approximated); dropped when thinking is on (Anthropic rejects it then). Version 2026-10-21 rejects the parameter: dropped",
    ),
    Fate(
        "top_p",
        M,
        "top_p",
        "2023-06-01 only (dropped under 2026-10-21); with thinking Anthropic allows 0.95-1, lower values are raised to 0.95 (approximated)",
    ),
    Fate(
        "top_k",
        C,
        "top_k",
        "not an OpenAI parameter; read from the request when present (vLLM/OpenRouter convention, and our reverse direction) and sent under 2023-06-01 without thinking",
    ),
    Fate("frequency_penalty", D, "", "no Anthropic counterpart (0 is not reported)"),
    Fate("presence_penalty", D, "", "no Anthropic counterpart (0 is not reported)"),
    Fate("logit_bias", D, "", "no Anthropic counterpart"),
    Fate("logprobs", D, "", "Anthropic returns no log probabilities (false is not reported)"),
    Fate("top_logprobs", D, "", "Anthropic returns no log probabilities"),
    Fate("seed", D, "", "no Anthropic counterpart"),
    Fate(
        "metadata",
        D,
        "",
        "OpenAI's stored-completion tags have no Anthropic counterpart (Anthropic's metadata holds only user_id, which comes from safety_identifier/user)",
    ),
    Fate("store", D, "", "no Anthropic counterpart (false is not reported)"),
    Fate("modalities", D, "", "Anthropic replies in text only (['text'] is not reported)"),
    Fate("audio", D, "", "no audio output on Anthropic"),
    Fate("prediction", D, "", "no Predicted Outputs on Anthropic"),
    Fate("verbosity", D, "", "no Anthropic counterpart ('medium', the default, is not reported)"),
    Fate(
        "prompt_cache_key",
        D,
        "",
        "Anthropic caches by prefix and cache_control breakpoints, not by key",
    ),
    Fate("prompt_cache_options", D, "", "Anthropic caching is set per block with cache_control"),
    Fate("prompt_cache_retention", D, "", "no Anthropic counterpart"),
    Fate("moderation", D, "", "no moderated completions on Anthropic"),
    Fate(
        "safety_identifier",
        M,
        "metadata.user_id",
        "Anthropic: 'an external identifier for the user'; wins over user when both are given",
    ),
    Fate(
        "user",
        M,
        "metadata.user_id",
        "used when safety_identifier is absent; reported when both differ",
    ),
    Fate(
        "response_format",
        M,
        "output_config.format",
        "text: nothing to send; json_schema: output_config.format {type: json_schema, schema}",
    ),
    Fate("response_format.type", M, "output_config.format.type"),
    Fate("response_format.json_schema", M, "output_config.format"),
    Fate(
        "response_format.json_schema.schema",
        M,
        "output_config.format.schema",
        "sent as given (Anthropic supports a subset of JSON Schema and says which keywords it rejects); absent -> {type: object, properties: {}}",
    ),
    Fate(
        "response_format.json_schema.name",
        M,
        "",
        "an identifier OpenAI requires and the model does not read; Anthropic's output format needs none, so it is not reported",
    ),
    Fate(
        "response_format.json_schema.description",
        D,
        "",
        "Anthropic's output format has no description",
    ),
    Fate(
        "response_format.json_schema.strict",
        M,
        "",
        "Anthropic always enforces the schema; strict false or absent (OpenAI's default is false) is reported as approximated",
    ),
    Fate(
        "response_format (json_object)",
        D,
        "",
        "JSON mode without a schema has no Anthropic counterpart; use json_schema",
    ),
    Fate("messages", M, "system + messages"),
    Fate(
        "messages[].role",
        M,
        "messages[].role / system",
        "leading system and developer messages become the top-level system (a string when there is exactly one plain string, text blocks otherwise); user -> user; assistant -> assistant; tool and function -> tool_result blocks in a user turn; consecutive turns of one role are merged (Anthropic merges them anyway), tool results first",
    ),
    Fate(
        "messages[] (system, mid-conversation)",
        A,
        "system",
        "system_messages='hoist' (default): appended to the top-level system prompt, which changes where the instruction sits; 'native': sent as Anthropic role=system messages in place (newest models only; not reported); 'user': sent as user text",
    ),
    Fate(
        "messages[] (trailing assistant)",
        A,
        "messages[-1]",
        "trailing_assistant='prefill' (default): sent as Anthropic prefill, which Claude continues instead of starting a new message (trailing whitespace, which Anthropic rejects, is removed); 'reject': UnsupportedError",
    ),
    Fate("messages[].name", D, "", "Anthropic messages have no author name"),
    Fate(
        "messages[].content",
        M,
        "messages[].content / system",
        "a string stays a string; parts become blocks; null or empty content drops the message (Anthropic rejects empty turns)",
    ),
    Fate(
        "messages[].refusal",
        A,
        "messages[].content[]: text",
        "an assistant refusal becomes plain text",
    ),
    Fate(
        "messages[].audio",
        D,
        "",
        "a reference to an earlier audio reply has no Anthropic counterpart",
    ),
]:
    O2A_REQUEST.add(_row)

for _row in [
    Fate("model", M, "model", "unchanged unless the `model` option replaces it"),
    Fate(
        "max_tokens",
        M,
        "max_completion_tokens",
        "both include reasoning/thinking tokens; the `max_tokens_field` option sends max_tokens instead for servers that only know the old name",
    ),
    Fate("stop_sequences", M, "stop", "OpenAI takes up to 4 sequences"),
    Fate("stop_sequences[]", D, "", "sequences past the fourth: OpenAI accepts at most 4"),
    Fate(
        "stream",
        M,
        "stream",
        "a streaming request also gets stream_options.include_usage: true, because Anthropic clients always receive usage",
    ),
    Fate("temperature", M, "temperature", "Anthropic's 0-1 lies inside OpenAI's 0-2"),
    Fate("top_p", M, "top_p"),
    Fate("metadata", M, ""),
    Fate(
        "metadata.user_id",
        M,
        "user",
        "the `user_field` option sends it as safety_identifier instead",
    ),
    Fate(
        "system",
        M,
        "messages[0]",
        "a leading message with role `system_role` ('system', or 'developer' for o-series); a string stays a string, text blocks become text parts",
    ),
    Fate("messages", M, "messages"),
    Fate(
        "messages[].role",
        M,
        "messages[].role",
        "user -> tool messages for its tool_result blocks, then one user message for the rest; assistant -> assistant; system (mid-conversation, beta) -> system in place",
    ),
    Fate(
        "messages[] (trailing assistant)",
        A,
        "messages[-1]",
        "an Anthropic prefill (Claude continues it) is, in Chat Completions, an ordinary earlier turn: the model writes a new message after it",
    ),
    Fate(
        "messages[] (system)",
        C,
        "messages[].clear_at / output_config",
        "the beta keys of a mid-conversation system message",
    ),
    Fate(
        "messages[].content",
        M,
        "messages[].content",
        "a string stays a string; blocks become parts (so the shape survives a round trip)",
    ),
    Fate(
        "messages[].content[] (text after tool_use)",
        A,
        "messages[].content",
        "Chat Completions puts all text before the tool calls; text after a tool_use moves before it",
    ),
    Fate("output_config", M, ""),
    Fate(
        "output_config.format",
        M,
        "response_format",
        "{type: json_schema, json_schema: {name: 'response', schema, strict: true}}: OpenAI requires a name",
    ),
    Fate("output_config.task_budget", C, "output_config.task_budget", "beta"),
    Fate(
        "messages[].clear_at",
        C,
        "messages[].clear_at",
        "beta key of a mid-conversation system message",
    ),
    Fate(
        "messages[].output_config",
        C,
        "messages[].output_config",
        "beta key of a mid-conversation system message",
    ),
    Fate("output_config.format.schema", M, "response_format.json_schema.schema"),
]:
    A2O_REQUEST.add(_row)
