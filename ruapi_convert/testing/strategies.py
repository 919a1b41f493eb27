"""
ruapi_convert.testing.strategies
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Hypothesis strategies that generate valid payloads of the three protocols, for property tests.

Every strategy produces plain JSON values (``dict``/``list``/``str``/numbers/``None``): the wire
form, exactly what a client or server would send, never a model instance. Validity means more than
"parses": the payloads are accepted by this library's models *and* by the official SDKs' types
where those cover the feature, streams are accepted by the SDKs' own accumulators and accumulate to
the final object they come with, and conversations make sense (tool results answer the tool calls
before them, ids match, indices are dense, texts are not blank, media types match their bytes).

Example::

    from hypothesis import given
    from ruapi_convert.models import anthropic as ant
    from ruapi_convert.testing import anthropic_event_streams, anthropic_requests, with_unknowns

    @given(with_unknowns(anthropic_requests(), protocol="anthropic"))
    def test_parse_then_dump_is_the_identity(body):
        assert ant.MessageCreateParams.model_validate(body).to_dict() == body

    @given(anthropic_event_streams(thinking=False, pings=False))
    def test_my_proxy_forwards_whole_streams(pair):
        final, events = pair
        assert my_accumulate(my_proxy(events)) == final

Feature flags
-------------

Each strategy takes keyword-only flags, all on by default (the full protocol). Turning a flag off
removes the feature everywhere it could appear, so a caller can restrict generation to a subset,
for instance to what both protocols can express::

    portable_openai = openai_requests(
        audio=False, logprobs=False, refusals=False, multiple_choices=False, deprecated=False,
        protocol_specific=False, explicit_nulls=False, lenient=False,
    )

The flags, by name (each function lists the ones it takes):

* ``tools``: tool definitions, ``tool_choice``, tool calls and the results that answer them.
* ``images``: image parts/blocks (base64 of a real 1x1 PNG, JPEG, GIF or WebP; https URLs).
* ``documents``: OpenAI ``file`` parts with a PDF data URL; Anthropic ``document`` blocks (PDF,
  plain text, URL, custom content) and ``search_result`` blocks in messages and tool results (a
  ``web_fetch`` result still wraps its page in a document: that belongs to ``server_tools``).
* ``audio`` (OpenAI): ``input_audio`` parts, audio output parameters and audio replies.
* ``reasoning`` (OpenAI): ``reasoning_effort``, and the gateway reasoning extension on assistant
  messages and deltas: ``reasoning_content`` plus ``reasoning_details`` (signed ``reasoning.text``,
  opaque ``reasoning.encrypted``).
* ``thinking`` (Anthropic): ``thinking`` and ``output_config.effort``; signed ``thinking`` and
  ``redacted_thinking`` blocks; ``thinking_delta``/``signature_delta``.
* ``server_tools`` (Anthropic): web search, web fetch and code execution tools, their
  ``server_tool_use`` and result blocks, ``web_search_result_location`` citations, ``pause_turn``.
* ``citations``: Anthropic citations on text blocks (``citations_delta`` in streams) and document
  citation settings; OpenAI ``url_citation`` annotations.
* ``refusals``: OpenAI's refusal channel (``refusal`` fields and parts, ``content_filter``);
  Anthropic ``stop_reason: "refusal"`` with ``stop_details``.
* ``logprobs`` (OpenAI): ``logprobs``/``top_logprobs`` parameters and token log probabilities.
* ``cache_control``: Anthropic ``cache_control`` breakpoints and cache token counts; OpenAI
  ``prompt_cache_breakpoint`` parts, ``prompt_cache_key``/``prompt_cache_options`` and
  ``cache_write_tokens``.
* ``structured_outputs``: OpenAI ``response_format`` ``json_schema``; Anthropic
  ``output_config.format``.
* ``sampling``: ``temperature``, ``top_p`` (and Anthropic ``top_k``).
* ``mid_system``: system (or developer) messages after the start of the conversation.
* ``prefill``: a conversation that ends with an assistant message.
* ``multiple_choices`` (OpenAI): ``n`` > 1 and several choices in responses and streams.
* ``deprecated`` (OpenAI): ``functions``/``function_call``, the ``function`` role, ``max_tokens``,
  ``user``.
* ``beta`` (Anthropic): beta-only shapes: MCP servers, toolsets and ``mcp_tool_use``/
  ``mcp_tool_result`` blocks, ``compaction`` blocks, ``context_management``, ``betas``.
* ``protocol_specific``: everything else that has no counterpart in the other protocol (OpenAI:
  ``seed``, ``logit_bias``, penalties, ``prediction``, ``metadata``, ``store``, ``service_tier``,
  ``verbosity``, ``web_search_options``, ``moderation``, message ``name``, custom tools,
  ``allowed_tools``, file ids, image ``detail``, ``system_fingerprint``, ``obfuscation``, unsigned
  reasoning; Anthropic: ``metadata``, ``service_tier``, ``speed``, ``inference_geo``, ``container``,
  ``diagnostics``, client built-in tools, tool ``type``/``defer_loading``, ``caller``, file sources,
  image ``transformations``, document ``context``, thinking ``display``, usage ``service_tier``).
* ``explicit_nulls``: optional keys that are sometimes sent as JSON ``null`` instead of left out
  (only keys of features that are on).
* ``lenient``: shapes real clients and servers send although the SDK types reject them, or that
  only OpenAI-compatible servers send (OpenAI ``content: null`` user messages, Anthropic-shaped
  tools in OpenAI ``tools``, image parts in tool messages, error bodies with only a message, tool
  calls without ``id``, ``finish_reason: "stop"`` after tool calls, tool names split over chunks,
  usage on every chunk; Anthropic thinking blocks that start without ``signature``, messages
  without content, unknown error types, model lists without ``lifecycle``).
* ``streaming``: the request's ``stream`` (and OpenAI ``stream_options``).
* ``pings`` (Anthropic streams): ``ping`` events anywhere after ``message_start``.
* ``include_usage`` (OpenAI streams): ``True`` always ends with the ``choices: []`` usage chunk,
  ``False`` never does, ``None`` (default) does either.
* ``builtin_tools`` (Responses): OpenAI-hosted tools (web and file search, code interpreter, image
  generation, MCP, shells, ``apply_patch``) in ``tools``, and their calls in history and output.
* ``stateful`` (Responses): what needs a server that stores state: ``previous_response_id``,
  ``conversation``, ``prompt``, ``background``, ``store: true``, ``item_reference`` items.
* ``max_messages``, ``max_items``, ``max_tools``: size bounds (payloads stay small so that tests
  stay fast).

Strategies hold no state: every choice is drawn from Hypothesis, so examples shrink, replay from the
example database and are reproducible with ``derandomize=True``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeVar

from . import (
    _anthropic,
    _anthropic_responses,
    _common,
    _openai,
    _openai_responses,
    _unknowns,
)
from .responses_strategies import (
    responses_errors,
    responses_event_streams,
    responses_requests,
    responses_responses,
)

if TYPE_CHECKING:
    from hypothesis import strategies as st

__all__ = [
    "anthropic_errors",
    "anthropic_event_streams",
    "anthropic_model_lists",
    "anthropic_requests",
    "anthropic_responses",
    "json_values",
    "openai_chunk_streams",
    "openai_errors",
    "openai_model_lists",
    "openai_requests",
    "openai_responses",
    "responses_errors",
    "responses_event_streams",
    "responses_requests",
    "responses_responses",
    "with_unknowns",
]

T = TypeVar("T")

#: A JSON object as the wire carries it.
JSONObject = dict[str, Any]


# -- OpenAI --------------------------------------------------------------------------------------


def openai_requests(
    *,
    tools: bool = True,
    images: bool = True,
    documents: bool = True,
    audio: bool = True,
    reasoning: bool = True,
    refusals: bool = True,
    structured_outputs: bool = True,
    sampling: bool = True,
    logprobs: bool = True,
    cache_control: bool = True,
    mid_system: bool = True,
    prefill: bool = True,
    multiple_choices: bool = True,
    deprecated: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    lenient: bool = True,
    streaming: bool = True,
    max_messages: int = 8,
    max_tools: int = 4,
) -> st.SearchStrategy[JSONObject]:
    """Chat Completions request bodies (``POST /v1/chat/completions``).

    A conversation of at most ``max_messages`` messages: an optional system or developer message,
    then user and assistant turns; assistant tool calls are answered by ``tool`` messages with the
    matching ``tool_call_id`` (in any order), and call only tools declared in ``tools`` (at most
    ``max_tools``). The flags are described in the module docstring; ``refusals``, ``reasoning`` and
    ``audio`` shape the assistant history, ``multiple_choices`` allows ``n``.
    """
    return _openai.requests(
        _openai.OpenAIFeatures(
            tools=tools,
            images=images,
            documents=documents,
            audio=audio,
            reasoning=reasoning,
            refusals=refusals,
            structured_outputs=structured_outputs,
            sampling=sampling,
            logprobs=logprobs,
            cache_control=cache_control,
            mid_system=mid_system,
            prefill=prefill,
            multiple_choices=multiple_choices,
            deprecated=deprecated,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            lenient=lenient,
            streaming=streaming,
            max_messages=max_messages,
            max_tools=max_tools,
        )
    )


def _openai_response_features(
    *,
    tools: bool,
    audio: bool,
    reasoning: bool,
    refusals: bool,
    citations: bool,
    logprobs: bool,
    cache_control: bool,
    multiple_choices: bool,
    deprecated: bool,
    protocol_specific: bool,
    explicit_nulls: bool,
    max_tools: int,
    lenient: bool,
    include_usage: bool | None = None,
) -> _openai.OpenAIFeatures:
    return _openai.OpenAIFeatures(
        tools=tools,
        audio=audio,
        reasoning=reasoning,
        refusals=refusals,
        citations=citations,
        logprobs=logprobs,
        cache_control=cache_control,
        multiple_choices=multiple_choices,
        deprecated=deprecated,
        protocol_specific=protocol_specific,
        explicit_nulls=explicit_nulls,
        max_tools=max_tools,
        lenient=lenient,
        include_usage=include_usage,
    )


def openai_responses(
    *,
    tools: bool = True,
    audio: bool = True,
    reasoning: bool = True,
    refusals: bool = True,
    citations: bool = True,
    logprobs: bool = True,
    cache_control: bool = True,
    multiple_choices: bool = True,
    deprecated: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    lenient: bool = True,
    max_tools: int = 4,
) -> st.SearchStrategy[JSONObject]:
    """Non-streaming ``ChatCompletion`` bodies.

    Each choice's ``finish_reason`` fits its message (``tool_calls`` when it calls tools,
    ``function_call`` for the deprecated form, ``stop``/``content_filter`` for refusals); annotation
    offsets fall inside the content; logprob tokens concatenate to the content; usage totals add up.
    The flags are described in the module docstring.
    """
    return _openai_responses.completions(
        _openai_response_features(
            tools=tools,
            audio=audio,
            reasoning=reasoning,
            refusals=refusals,
            citations=citations,
            logprobs=logprobs,
            cache_control=cache_control,
            multiple_choices=multiple_choices,
            deprecated=deprecated,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            max_tools=max_tools,
            lenient=lenient,
        )
    )


def openai_chunk_streams(
    *,
    tools: bool = True,
    audio: bool = True,
    reasoning: bool = True,
    refusals: bool = True,
    citations: bool = True,
    logprobs: bool = True,
    cache_control: bool = True,
    multiple_choices: bool = True,
    deprecated: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    lenient: bool = True,
    include_usage: bool | None = None,
    max_tools: int = 4,
) -> st.SearchStrategy[tuple[JSONObject, list[JSONObject]]]:
    """``(final ChatCompletion, chunks)``: a completion and a chunk stream that accumulates to it.

    Content, refusal and reasoning strings are cut at random points (empty fragments included);
    tool-call ``arguments`` are cut anywhere in the string, inside escape sequences and between the
    code points of one character; ``id``, ``type`` and ``function.name`` come only with the first
    fragment of a tool-call index (with ``lenient``, the name sometimes in pieces, each alone in
    its delta, before the first argument bytes, and sometimes no ``id``); fragments of parallel
    tool calls (and of the other fields) interleave, several indices sometimes in one chunk;
    ``role`` comes once, in a choice's first delta, and exactly one ``finish_reason`` per choice.
    With usage, every chunk has ``usage: null`` (with ``lenient``, sometimes a running count, as
    vLLM's continuous usage stats) and a last chunk with ``choices: []`` carries it. There is no
    ``[DONE]``: that is SSE framing.

    The final object is what ``openai``'s ``ChatCompletionStreamState`` accumulates, except that the
    SDK also leaves each tool call's ``index`` in place and fills keys the stream never sent with
    ``null``; it always has ``system_fingerprint`` and ``usage`` (possibly ``null``), because the
    accumulator sets both from every chunk. ``reasoning_details`` entries keep their ``index``.
    """
    return _openai_responses.chunk_streams(
        _openai_response_features(
            tools=tools,
            audio=audio,
            reasoning=reasoning,
            refusals=refusals,
            citations=citations,
            logprobs=logprobs,
            cache_control=cache_control,
            multiple_choices=multiple_choices,
            deprecated=deprecated,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            max_tools=max_tools,
            lenient=lenient,
            include_usage=include_usage,
        )
    )


def openai_errors(*, lenient: bool = True) -> st.SearchStrategy[JSONObject]:
    """Error bodies ``{"error": {"message", "type", "param", "code"}}``.

    With ``lenient``, also the mid-stream/compatible-server form with only ``message`` (and maybe a
    numeric ``code``), which the SDK's ``ErrorObject`` rejects.
    """
    return _openai_responses.errors(_openai.OpenAIFeatures(lenient=lenient))


def openai_model_lists() -> st.SearchStrategy[JSONObject]:
    """``GET /v1/models`` bodies: ``{"object": "list", "data": [model, ...]}``."""
    return _openai_responses.model_lists(_openai.OpenAIFeatures())


# -- Anthropic -----------------------------------------------------------------------------------


def anthropic_requests(
    *,
    tools: bool = True,
    images: bool = True,
    documents: bool = True,
    thinking: bool = True,
    server_tools: bool = True,
    citations: bool = True,
    cache_control: bool = True,
    structured_outputs: bool = True,
    sampling: bool = True,
    mid_system: bool = True,
    prefill: bool = True,
    beta: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    streaming: bool = True,
    max_messages: int = 8,
    max_tools: int = 4,
) -> st.SearchStrategy[JSONObject]:
    """Messages request bodies (``POST /v1/messages``).

    Turns alternate from a user turn; every ``tool_use`` is answered by a ``tool_result`` (first in
    the next user turn); tool ids match ``^[a-zA-Z0-9_-]+$``; thinking blocks come first in their
    turn; ``budget_tokens`` is at least 1024 and below ``max_tokens``; forced tool choice and
    sampling parameters are not combined with thinking; mid-conversation system messages follow a
    user turn and precede an assistant turn; a prefill does not end in whitespace; citations appear
    only in assistant turns and documents only in user turns (valid under both API versions, except
    for ``sampling``, which ``2026-10-21`` rejects). The flags are described in the module
    docstring.
    """
    return _anthropic.requests(
        _anthropic.AnthropicFeatures(
            tools=tools,
            images=images,
            documents=documents,
            thinking=thinking,
            server_tools=server_tools,
            citations=citations,
            cache_control=cache_control,
            structured_outputs=structured_outputs,
            sampling=sampling,
            mid_system=mid_system,
            prefill=prefill,
            beta=beta,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            streaming=streaming,
            max_messages=max_messages,
            max_tools=max_tools,
        )
    )


def _anthropic_response_features(
    *,
    tools: bool,
    thinking: bool,
    server_tools: bool,
    citations: bool,
    cache_control: bool,
    refusals: bool,
    beta: bool,
    protocol_specific: bool,
    explicit_nulls: bool,
    lenient: bool,
    max_tools: int,
    pings: bool = True,
) -> _anthropic.AnthropicFeatures:
    return _anthropic.AnthropicFeatures(
        tools=tools,
        thinking=thinking,
        server_tools=server_tools,
        citations=citations,
        cache_control=cache_control,
        refusals=refusals,
        beta=beta,
        protocol_specific=protocol_specific,
        explicit_nulls=explicit_nulls,
        lenient=lenient,
        max_tools=max_tools,
        pings=pings,
    )


def anthropic_responses(
    *,
    tools: bool = True,
    thinking: bool = True,
    server_tools: bool = True,
    citations: bool = True,
    cache_control: bool = True,
    refusals: bool = True,
    beta: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    lenient: bool = True,
    max_tools: int = 4,
) -> st.SearchStrategy[JSONObject]:
    """Non-streaming ``Message`` bodies.

    Thinking blocks first, server tool calls followed by their results, client ``tool_use`` blocks
    last with ``stop_reason: "tool_use"``; ``stop_sequence`` is set exactly when the stop reason
    says so; ``server_tool_use`` usage counts the server tool calls. The flags are described in the
    module docstring.
    """
    return _anthropic_responses.messages(
        _anthropic_response_features(
            tools=tools,
            thinking=thinking,
            server_tools=server_tools,
            citations=citations,
            cache_control=cache_control,
            refusals=refusals,
            beta=beta,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            lenient=lenient,
            max_tools=max_tools,
        )
    )


def anthropic_event_streams(
    *,
    tools: bool = True,
    thinking: bool = True,
    server_tools: bool = True,
    citations: bool = True,
    cache_control: bool = True,
    refusals: bool = True,
    beta: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    lenient: bool = True,
    pings: bool = True,
    max_tools: int = 4,
) -> st.SearchStrategy[tuple[JSONObject, list[JSONObject]]]:
    """``(final Message, events)``: a message and the stream events that accumulate to it.

    ``message_start`` (empty content, ``stop_reason: null``, usage so far); then, block by block
    with dense indices from 0, ``content_block_start`` / deltas / ``content_block_stop``: text as
    ``text_delta`` fragments (with ``citations_delta`` in between), ``tool_use`` and
    ``server_tool_use`` starting with ``input: {}`` followed by ``input_json_delta`` fragments of the
    input's JSON (the first often ``""``), thinking as ``thinking_delta`` fragments and exactly one
    ``signature_delta``; redacted thinking and server-tool results complete in their start event.
    Then one or more ``message_delta`` with cumulative usage (``output_tokens`` always present, the
    last one with the stop reason) and ``message_stop``; ``ping`` events anywhere after
    ``message_start`` when ``pings`` is on.

    The final message is what ``anthropic``'s ``accumulate_event`` builds from the events (the beta
    accumulator when ``beta`` shapes are present); it always has ``stop_sequence`` and
    ``stop_details`` (possibly ``null``), which the accumulator sets from the last
    ``message_delta``. The other flags are described in the module docstring.
    """
    return _anthropic_responses.event_streams(
        _anthropic_response_features(
            tools=tools,
            thinking=thinking,
            server_tools=server_tools,
            citations=citations,
            cache_control=cache_control,
            refusals=refusals,
            beta=beta,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            lenient=lenient,
            max_tools=max_tools,
            pings=pings,
        )
    )


def anthropic_errors(*, lenient: bool = True) -> st.SearchStrategy[JSONObject]:
    """Error bodies ``{"type": "error", "error": {"type", "message", "details"?}, "request_id"?}``.

    With ``lenient``, also error types the SDK does not list (``request_too_large``, newer ones).
    """
    return _anthropic_responses.errors(_anthropic.AnthropicFeatures(lenient=lenient))


def anthropic_model_lists(*, lenient: bool = True) -> st.SearchStrategy[JSONObject]:
    """``GET /v1/models`` bodies (one page: ``data``, ``has_more``, ``first_id``, ``last_id``).

    With ``lenient``, some models lack ``lifecycle``, as in older API releases.
    """
    return _anthropic_responses.model_lists(_anthropic.AnthropicFeatures(lenient=lenient))


# -- OpenAI Responses: in .responses_strategies (imported above, so that this module lists all) ------


# -- all -----------------------------------------------------------------------------------------


def with_unknowns(
    strategy: st.SearchStrategy[T], *, protocol: Literal["openai", "anthropic", "responses"]
) -> st.SearchStrategy[T]:
    """Payloads from a newer API version: ``strategy``'s values with unknown things added.

    Works on a payload dict, a stream (list of chunks or events) or a ``(final, stream)`` pair, and
    returns the same shape (a new value; the drawn one is not modified). It adds keys named
    ``x_future_…`` with arbitrary JSON values to objects the protocol defines (at any depth, never
    inside free-form JSON such as tool inputs, schemas or metadata maps), and inserts or substitutes
    elements of unknown ``type`` (``future_block_v9``, ``future_part_v9`` …; ``role`` for messages)
    where the protocol has open unions: messages, content parts and blocks, tools, tool calls,
    annotations, citations, sources, ``tool_choice``, ``response_format``, ``thinking``, deltas,
    content blocks and, in Anthropic and Responses streams, whole events (Responses: also items,
    parts, tools, tool choices and annotations of unknown types). Stream consistency between
    the pair's two halves is not kept: the result is for parsers, not accumulators.
    """
    result: st.SearchStrategy[T] = _unknowns.inject(strategy, protocol)
    return result


def json_values(*, max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Arbitrary JSON values: ``null``, booleans, integers of any size, finite floats, strings,
    lists and objects, nested (at most ``max_leaves`` scalars)."""
    return _common.json_values(max_leaves=max_leaves)
