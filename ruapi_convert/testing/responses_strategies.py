"""
ruapi_convert.testing.responses_strategies
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The strategies of :mod:`.strategies` for the OpenAI Responses API (requests, replies, event
streams, errors), under the same contract: plain JSON wire values that this library's models and
the openai SDK's types accept, streams that the SDK's accumulator turns into the final response
they come with. Import them from :mod:`ruapi_convert.testing` (or :mod:`.strategies`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _responses, _responses_replies

if TYPE_CHECKING:
    from hypothesis import strategies as st

__all__ = [
    "responses_errors",
    "responses_event_streams",
    "responses_requests",
    "responses_responses",
]

#: A JSON object as the wire carries it.
JSONObject = dict[str, Any]


def responses_requests(
    *,
    tools: bool = True,
    images: bool = True,
    documents: bool = True,
    reasoning: bool = True,
    builtin_tools: bool = True,
    refusals: bool = True,
    citations: bool = True,
    logprobs: bool = True,
    structured_outputs: bool = True,
    sampling: bool = True,
    cache_control: bool = True,
    stateful: bool = True,
    protocol_specific: bool = True,
    explicit_nulls: bool = True,
    lenient: bool = True,
    streaming: bool = True,
    max_items: int = 8,
    max_tools: int = 4,
) -> st.SearchStrategy[JSONObject]:
    """Responses API request bodies (``POST /v1/responses``).

    ``input`` is a string or a list of at most about ``max_items`` items: an optional system or
    developer message, a user message (with or without ``type``, string or input parts), then
    replayed model turns (reasoning with ``encrypted_content``, built-in tool calls, assistant
    messages, function and custom tool calls) each followed by the outputs that answer its calls
    (matching ``call_id``, in any order) or by a new user message. Calls name only declared tools.
    With ``lenient``, some replays take the shape Codex sends, which the SDK's request types reject:
    assistant ``output_text`` without ``annotations``/``id``/``status``, reasoning without ``id``,
    images without ``detail``. The other flags are described in the module docstring.
    """
    return _responses.requests(
        _responses.ResponsesFeatures(
            tools=tools,
            images=images,
            documents=documents,
            reasoning=reasoning,
            builtin_tools=builtin_tools,
            refusals=refusals,
            citations=citations,
            logprobs=logprobs,
            structured_outputs=structured_outputs,
            sampling=sampling,
            cache_control=cache_control,
            stateful=stateful,
            protocol_specific=protocol_specific,
            explicit_nulls=explicit_nulls,
            lenient=lenient,
            streaming=streaming,
            max_items=max_items,
            max_tools=max_tools,
        )
    )


def _responses_reply_features(
    *,
    tools: bool,
    reasoning: bool,
    builtin_tools: bool,
    refusals: bool,
    citations: bool,
    logprobs: bool,
    sampling: bool,
    cache_control: bool,
    stateful: bool,
    protocol_specific: bool,
    max_tools: int,
) -> _responses.ResponsesFeatures:
    return _responses.ResponsesFeatures(
        tools=tools,
        reasoning=reasoning,
        builtin_tools=builtin_tools,
        refusals=refusals,
        citations=citations,
        logprobs=logprobs,
        sampling=sampling,
        cache_control=cache_control,
        stateful=stateful,
        protocol_specific=protocol_specific,
        max_tools=max_tools,
    )


def responses_responses(
    *,
    tools: bool = True,
    reasoning: bool = True,
    builtin_tools: bool = True,
    refusals: bool = True,
    citations: bool = True,
    logprobs: bool = True,
    sampling: bool = True,
    cache_control: bool = True,
    stateful: bool = True,
    protocol_specific: bool = True,
    max_tools: int = 4,
) -> st.SearchStrategy[JSONObject]:
    """Non-streaming ``Response`` bodies, valid in the SDK's ``Response``.

    ``output`` is one model turn: reasoning first, built-in tool calls, an assistant message
    (``output_text`` with citations inside the text, or a refusal), client tool calls (function or
    custom) last; ``status`` is mostly ``completed``, sometimes ``incomplete`` (with
    ``incomplete_details``) or ``failed`` (with ``error``); usage totals add up and always carry
    ``cache_write_tokens`` (which the SDK requires). The flags are described in the module
    docstring.
    """
    return _responses_replies.responses(
        _responses_reply_features(
            tools=tools,
            reasoning=reasoning,
            builtin_tools=builtin_tools,
            refusals=refusals,
            citations=citations,
            logprobs=logprobs,
            sampling=sampling,
            cache_control=cache_control,
            stateful=stateful,
            protocol_specific=protocol_specific,
            max_tools=max_tools,
        )
    )


def responses_event_streams(
    *,
    tools: bool = True,
    reasoning: bool = True,
    builtin_tools: bool = True,
    refusals: bool = True,
    citations: bool = True,
    logprobs: bool = True,
    sampling: bool = True,
    cache_control: bool = True,
    stateful: bool = True,
    protocol_specific: bool = True,
    max_tools: int = 4,
) -> st.SearchStrategy[tuple[JSONObject, list[JSONObject]]]:
    """``(final Response, events)``: a response and the stream of events that ends in it.

    ``response.created`` first (and sometimes ``response.in_progress``), with the response's id,
    ``status: "in_progress"`` and no output; then item by item (``output_index`` from 0):
    ``response.output_item.added`` with the item in its initial state (a message without content,
    a call with empty ``arguments``/``input``, reasoning without summary), the events that grow it
    (content parts and text or refusal deltas cut at random points, annotations, reasoning summary
    parts and deltas, argument and input deltas, progress events of built-in calls), and
    ``response.output_item.done`` with the final item; last ``response.completed`` (or
    ``.incomplete``/``.failed``, sometimes after an ``error`` event) carrying the final response.
    ``sequence_number`` counts from 0. Every stream is accepted by ``openai``'s
    ``ResponseStreamState``, whose final response has the id and output of the final one here.
    """
    return _responses_replies.event_streams(
        _responses_reply_features(
            tools=tools,
            reasoning=reasoning,
            builtin_tools=builtin_tools,
            refusals=refusals,
            citations=citations,
            logprobs=logprobs,
            sampling=sampling,
            cache_control=cache_control,
            stateful=stateful,
            protocol_specific=protocol_specific,
            max_tools=max_tools,
        )
    )


def responses_errors(*, lenient: bool = True) -> st.SearchStrategy[JSONObject]:
    """HTTP error bodies of the Responses API, ``{"error": {message, type, param, code}}`` (the same
    shape as Chat Completions). With ``lenient``, also the form with only a ``message`` (and maybe a
    numeric ``code``) that compatible servers send."""
    return _responses_replies.errors(_responses.ResponsesFeatures(lenient=lenient))
