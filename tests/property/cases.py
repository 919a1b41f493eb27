"""What the property tests share: every strategy paired with the parser its payloads are for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

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

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from ruapi_convert.models._base import WireModel

Protocol = Literal["openai", "anthropic"]


@dataclass(frozen=True)
class Body:
    """A strategy of single bodies and the envelope class that parses them."""

    name: str
    protocol: Protocol
    strategy: SearchStrategy[dict[str, Any]]
    model: type[WireModel]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Stream:
    """A strategy of ``(final, events)`` pairs and the envelope class of the final object."""

    name: str
    protocol: Protocol
    strategy: SearchStrategy[tuple[dict[str, Any], list[dict[str, Any]]]]
    final_model: type[WireModel]

    def __str__(self) -> str:
        return self.name


BODIES = [
    Body("openai_requests", "openai", openai_requests(), oai.ChatCompletionCreateParams),
    Body("openai_responses", "openai", openai_responses(), oai.ChatCompletion),
    Body("openai_errors", "openai", openai_errors(), oai.ErrorResponse),
    Body("openai_model_lists", "openai", openai_model_lists(), oai.ModelList),
    Body("anthropic_requests", "anthropic", anthropic_requests(), ant.MessageCreateParams),
    Body("anthropic_responses", "anthropic", anthropic_responses(), ant.Message),
    Body("anthropic_errors", "anthropic", anthropic_errors(), ant.ErrorResponse),
    Body("anthropic_model_lists", "anthropic", anthropic_model_lists(), ant.ModelList),
]

STREAMS = [
    Stream("openai_chunk_streams", "openai", openai_chunk_streams(), oai.ChatCompletion),
    Stream("anthropic_event_streams", "anthropic", anthropic_event_streams(), ant.Message),
]


def parse_event(protocol: Protocol, event: Any) -> WireModel:
    """One stream event (a dict or JSON text) through its protocol's ``parse_stream_event``."""
    if protocol == "openai":
        return oai.parse_stream_event(event)
    parsed: WireModel = ant.parse_stream_event(event)
    return parsed
