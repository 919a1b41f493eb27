"""
ruapi_convert.testing
~~~~~~~~~~~~~~~~~~~~~

Hypothesis strategies for property tests of code that handles OpenAI Chat Completions, Anthropic
Messages and OpenAI Responses payloads (requires the ``ruapi_convert[testing]`` extra, which installs Hypothesis).

Example::

    from hypothesis import given
    from ruapi_convert.models import openai as oai
    from ruapi_convert.testing import openai_chunk_streams, openai_requests, with_unknowns

    @given(with_unknowns(openai_requests(audio=False), protocol="openai"))
    def test_round_trip(body):
        assert oai.ChatCompletionCreateParams.model_validate(body).to_dict() == body

    @given(openai_chunk_streams(include_usage=True))
    def test_accumulate(pair):
        final, chunks = pair
        ...

See :mod:`ruapi_convert.testing.strategies` for what each strategy guarantees and what every feature
flag controls.
"""

from .strategies import (
    anthropic_errors,
    anthropic_event_streams,
    anthropic_model_lists,
    anthropic_requests,
    anthropic_responses,
    json_values,
    openai_chunk_streams,
    openai_errors,
    openai_model_lists,
    openai_requests,
    openai_responses,
    responses_errors,
    responses_event_streams,
    responses_requests,
    responses_responses,
    with_unknowns,
)

__all__ = [
    # OpenAI Chat Completions
    "openai_requests",
    "openai_responses",
    "openai_chunk_streams",
    "openai_errors",
    "openai_model_lists",
    # Anthropic Messages
    "anthropic_requests",
    "anthropic_responses",
    "anthropic_event_streams",
    "anthropic_errors",
    "anthropic_model_lists",
    # OpenAI Responses
    "responses_requests",
    "responses_responses",
    "responses_event_streams",
    "responses_errors",
    # all
    "with_unknowns",
    "json_values",
]
