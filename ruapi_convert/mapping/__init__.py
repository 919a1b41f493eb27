"""
ruapi_convert.mapping
~~~~~~~~~~~~~~~~~~~~~

Rule 1: an OpenAI word meets an Anthropic word only in this package.

Theory of operation
-------------------

Each module here owns one concept and says so in its first line: its vocabulary tables, the
functions for both directions, and the fate rows of what it reports (``docs/mapping.md`` is
rendered from those rows). The body walkers (:mod:`ruapi_convert.convert`) and the stream
converters (:mod:`ruapi_convert.stream`) only decide *when* to call these functions, never *what*
a field becomes, so a reply and its stream cannot disagree on a decision.

======================  ============================================================================
module                  decides
======================  ============================================================================
:mod:`.stop`            stop_reason <-> finish_reason
:mod:`.usage`           token counts, cache arithmetic, service tiers
:mod:`.envelope`        ids, ``created``, ``model`` of replies and chunks
:mod:`.reasoning`       thinking blocks <-> the reasoning conventions (bodies and streams)
:mod:`.thinking`        reasoning effort <-> thinking configuration and budgets
:mod:`.tools`           tool definitions, ``tool_choice``, parallel calls
:mod:`.tool_calls`      tool calls and results, their ids and arguments
:mod:`.content`         content parts <-> blocks, a reply's text layout and citations
:mod:`.media`           images, files and documents
:mod:`.cache`           prompt-cache breakpoints
:mod:`.params`          scalar request parameters and structured output
:mod:`.turns`           the structure of a conversation (system prompt, roles, tool results)
:mod:`.extensions`      every extension field, written and read back
======================  ============================================================================

The Responses API (``responses``) meets Chat Completions in the ``*_responses`` siblings - "the
Responses vocabulary of the <concept> concept" - and in a ``Responses <-> Chat`` section at the end
of the small modules (:mod:`.stop`: status <-> finish_reason, :mod:`.envelope`: ids and the request
echo, :mod:`.cache`: ``prompt_cache_breakpoint``). None of them imports the Responses models, so
that ``import ruapi_convert`` stays light:

==============================  ====================================================================
module                          decides
==============================  ====================================================================
:mod:`.usage_responses`         token counts and tiers of replies
:mod:`.reasoning_responses`     reasoning items <-> Chat reasoning fields (and their carrier)
:mod:`.thinking_responses`      ``reasoning.effort`` <-> ``reasoning_effort``
:mod:`.tools_responses`         tools (custom, namespaces, web search), ``tool_choice``
:mod:`.tool_calls_responses`    call and output items <-> tool calls and tool messages
:mod:`.content_responses`       message parts, a reply's text, annotations, logprobs
:mod:`.media_responses`         image and file parts
:mod:`.params_responses`        scalar parameters, structured output, stateful parameters
:mod:`.turns_responses`         ``input`` items <-> ``messages``, instructions, history
:mod:`.replies_responses`       a reply's message <-> a Response's ``output`` items
==============================  ====================================================================

``_ledger`` holds what they share: :class:`~._ledger.Fate` rows, the direction tables, and the
:class:`~._ledger.Context` of one conversion. A new protocol adds its vocabulary and functions to
these modules (and its rows to its own direction tables), not a copy of the walkers.
"""

# Imported for their rows: a module's fate rows register in their direction tables at import.
from . import (
    cache,
    content,
    content_responses,
    content_responses_anthropic,
    envelope,
    extensions,
    media,
    media_responses,
    params,
    params_responses,
    params_responses_anthropic,
    reasoning,
    reasoning_responses,
    reasoning_responses_anthropic,
    replies_responses,
    replies_responses_anthropic,
    stop,
    stop_responses_anthropic,
    thinking,
    thinking_responses,
    tool_calls,
    tool_calls_responses,
    tools,
    tools_responses,
    tools_responses_anthropic,
    turns,
    turns_anthropic_responses,
    turns_responses,
    turns_responses_anthropic,
    usage,
    usage_responses,
    usage_responses_anthropic,
)

__all__ = [
    "cache",
    "content",
    "content_responses",
    "content_responses_anthropic",
    "envelope",
    "extensions",
    "media",
    "media_responses",
    "params",
    "params_responses",
    "params_responses_anthropic",
    "reasoning",
    "reasoning_responses",
    "reasoning_responses_anthropic",
    "replies_responses",
    "replies_responses_anthropic",
    "stop",
    "stop_responses_anthropic",
    "thinking",
    "thinking_responses",
    "tool_calls",
    "tool_calls_responses",
    "tools",
    "tools_responses",
    "tools_responses_anthropic",
    "turns",
    "turns_responses",
    "turns_anthropic_responses",
    "turns_responses_anthropic",
    "usage",
    "usage_responses",
    "usage_responses_anthropic",
]
