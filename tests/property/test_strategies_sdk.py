"""The Hypothesis strategies generate payloads the official SDKs validate and accumulate."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

from typing import Any

import anthropic.types as ant_sdk
import anthropic.types.beta as ant_sdk_beta
import anthropic.types.shared as ant_sdk_shared
import httpx2
import openai.types as oai_sdk_types
import openai.types.chat as oai_sdk
import openai.types.shared as oai_sdk_shared
import pytest
from anthropic.lib.streaming._beta_messages import accumulate_event as accumulate_beta_event
from anthropic.lib.streaming._messages import accumulate_event
from anthropic.types.beta import message_create_params as ant_sdk_beta_create
from hypothesis import given
from openai.lib.streaming.chat._completions import ChatCompletionStreamState

from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.testing import (
    anthropic_errors,
    anthropic_event_streams,
    anthropic_model_lists,
    anthropic_requests,
    anthropic_responses,
    openai_chunk_streams,
    openai_errors,
    openai_model_lists,
    openai_requests,
    openai_responses,
)

from .cases import parse_event
from .test_strategies import (
    JSON,
    _adapter,
    check_anthropic_conversation,
    check_anthropic_message,
    check_anthropic_stream,
    check_openai_choices,
    check_openai_conversation,
    check_openai_stream,
    sdk_validate_request,
    without_sdk_additions,
)

pytestmark = pytest.mark.oracle


def openai_accumulate(chunks: list[JSON]) -> JSON:
    """What the openai SDK's ``ChatCompletionStreamState`` builds from the chunks."""
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    for chunk in chunks:
        state.handle_chunk(oai_sdk.ChatCompletionChunk.model_validate(chunk))
    return state.current_completion_snapshot.to_dict()


def anthropic_accumulate(events: list[JSON], *, beta: bool) -> JSON:
    """What the anthropic SDK's ``accumulate_event`` (or its beta twin) builds from the events."""
    snapshot: Any = None
    buffers: dict[int, bytes] = {}
    for event in events:
        if beta:
            snapshot = accumulate_beta_event(
                event=event,  # type: ignore[arg-type]
                current_snapshot=snapshot,
                json_bufs=buffers,
                request_headers=httpx2.Headers(),
            )
        else:
            snapshot = accumulate_event(event=event, current_snapshot=snapshot, json_bufs=buffers)  # type: ignore[arg-type]
    result: JSON = snapshot.to_dict(mode="json")
    return result


@given(openai_requests(lenient=False))
def test_openai_requests_validate_here_and_in_the_sdk(body: JSON) -> None:
    """OpenAI requests validate with our model and with the SDK's ``CompletionCreateParams``."""
    oai.ChatCompletionCreateParams.model_validate(body)
    sdk_validate_request(oai_sdk.CompletionCreateParams, body)
    check_openai_conversation(body)


@given(anthropic_requests(beta=False, explicit_nulls=False))
def test_anthropic_requests_validate_here_and_in_the_sdk(body: JSON) -> None:
    """Anthropic GA requests validate with our model and the SDK's ``MessageCreateParams``."""
    ant.MessageCreateParams.model_validate(body)
    sdk_validate_request(ant_sdk.MessageCreateParams, body)
    check_anthropic_conversation(body)


@given(anthropic_requests(explicit_nulls=False))
def test_anthropic_beta_requests_validate_here_and_in_the_beta_sdk(body: JSON) -> None:
    """Anthropic requests with beta shapes validate with our model and the beta SDK params."""
    ant.MessageCreateParams.model_validate(body)
    sdk_validate_request(ant_sdk_beta_create.MessageCreateParams, body)
    check_anthropic_conversation(body)


@given(openai_responses(lenient=False), openai_responses())
def test_openai_responses_validate_here_and_in_the_sdk(body: JSON, lenient: JSON) -> None:
    """Completions validate with our model and the SDK's ``ChatCompletion``, and fit together;
    the lenient ones (tool calls without id, which the SDK type requires) validate here."""
    oai.ChatCompletion.model_validate(body)
    oai_sdk.ChatCompletion.model_validate(body)
    check_openai_choices(body)
    oai.ChatCompletion.model_validate(lenient)
    check_openai_choices(lenient)


@given(anthropic_responses(beta=False), anthropic_responses())
def test_anthropic_responses_validate_here_and_in_the_sdk(body: JSON, beta_body: JSON) -> None:
    """Messages validate with our model and the SDK's ``Message`` (``BetaMessage`` with beta)."""
    for value in (body, beta_body):
        ant.Message.model_validate(value)
        check_anthropic_message(value)
    ant_sdk.Message.model_validate(body)
    ant_sdk_beta.BetaMessage.model_validate(beta_body)


@given(openai_errors(lenient=False), openai_model_lists())
def test_openai_errors_and_model_lists_validate_here_and_in_the_sdk(
    error: JSON, models: JSON
) -> None:
    """Error bodies and model lists validate with our models and the SDK's types."""
    oai.ErrorResponse.model_validate(error)
    oai_sdk_shared.ErrorObject.model_validate(error["error"])
    oai.ModelList.model_validate(models)
    for model in models["data"]:
        oai_sdk_types.Model.model_validate(model)


@given(anthropic_errors(lenient=False), anthropic_model_lists(lenient=False))
def test_anthropic_errors_and_model_lists_validate_here_and_in_the_sdk(
    error: JSON, models: JSON
) -> None:
    """Error bodies and model lists validate with our models and the SDK's types."""
    ant.ErrorResponse.model_validate(error)
    ant_sdk_shared.ErrorResponse.model_validate(error)
    ant.ModelList.model_validate(models)
    for model in models["data"]:
        ant_sdk.ModelInfo.model_validate(model)


@given(openai_chunk_streams(lenient=False), openai_chunk_streams())
def test_openai_streams_accumulate_in_the_sdk_to_their_final_completion(
    pair: tuple[JSON, list[JSON]], lenient: tuple[JSON, list[JSON]]
) -> None:
    """Chunks validate here and in the SDK; the SDK accumulator reaches the final completion -
    also from what only OpenAI-compatible servers send (names in pieces, no ids, usage on every
    chunk), although the SDK's ChatCompletion type refuses a tool call without an id."""
    final, chunks = pair
    oai.ChatCompletion.model_validate(final)
    oai_sdk.ChatCompletion.model_validate(final)
    for chunk in chunks:
        assert isinstance(oai.parse_stream_event(chunk), oai.ChatCompletionChunk)
    check_openai_stream(final, chunks)
    assert without_sdk_additions(openai_accumulate(chunks), final) == final

    final, chunks = lenient
    oai.ChatCompletion.model_validate(final)
    for chunk in chunks:
        assert isinstance(oai.parse_stream_event(chunk), oai.ChatCompletionChunk)
    check_openai_stream(final, chunks)
    assert without_sdk_additions(openai_accumulate(chunks), final) == final


@given(anthropic_event_streams(beta=False, lenient=False), anthropic_event_streams())
def test_anthropic_streams_accumulate_in_the_sdk_to_their_final_message(
    pair: tuple[JSON, list[JSON]], beta_pair: tuple[JSON, list[JSON]]
) -> None:
    """Events validate here and in the SDK; ``accumulate_event`` reaches the final message."""
    final, events = pair
    for event in events:
        parse_event("anthropic", event)
        if event["type"] != "ping":
            _adapter(ant_sdk.RawMessageStreamEvent).validate_python(event)
    ant_sdk.Message.model_validate(final)
    assert anthropic_accumulate(events, beta=False) == final
    beta_final, beta_events = beta_pair
    for event in beta_events:
        parse_event("anthropic", event)
    ant_sdk_beta.BetaMessage.model_validate(beta_final)
    assert anthropic_accumulate(beta_events, beta=True) == beta_final
    for value, stream in (pair, beta_pair):
        ant.Message.model_validate(value)
        check_anthropic_message(value)
        check_anthropic_stream(value, stream)
