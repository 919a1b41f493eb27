"""
ruapi_convert
~~~~~~~~~~~~~

Sans-I/O translation between the OpenAI Chat Completions and Anthropic Messages wire protocols:
requests, responses, tool calls, thinking, usage, errors and SSE streams, in both directions,
with every loss reported.

    >>> import ruapi_convert as rc
    >>> up = rc.openai_to_anthropic_request(
    ...     {"model": "claude-sonnet-4-5", "messages": [{"role": "user", "content": "Hi"}]}
    ... )
    >>> up.value.to_dict()["max_tokens"], [loss.kind for loss in up.losses]
    (4096, ['defaulted'])

The public API is this module's ``__all__``; models live in :mod:`ruapi_convert.models.openai`,
:mod:`ruapi_convert.models.anthropic` and :mod:`ruapi_convert.models.responses`, SSE framing in
:mod:`ruapi_convert.sse`, Hypothesis strategies in :mod:`ruapi_convert.testing`.

The Responses API conversions (``responses_*`` / ``*_responses_*``) load on first use (PEP 562):
their models take about 100 ms to import, which a gateway that never sees a Responses request
should not pay.
"""

from typing import TYPE_CHECKING, Any

from . import sse
from .convert.requests import anthropic_to_openai_request, openai_to_anthropic_request
from .convert.responses import anthropic_to_openai_response, openai_to_anthropic_response
from .errors import (
    ConversionError,
    InvalidInputError,
    LossyConversionError,
    StreamProtocolError,
    UnsupportedError,
)
from .gateway import (
    ErrorReply,
    anthropic_stream_error,
    anthropic_to_openai_error,
    anthropic_to_openai_headers,
    anthropic_to_openai_model_list,
    anthropic_to_openai_request_headers,
    openai_stream_error,
    openai_to_anthropic_error,
    openai_to_anthropic_headers,
    openai_to_anthropic_model_list,
    openai_to_anthropic_request_headers,
)
from .gateway.dispatch import Conversion, conversion, directions
from .gateway.exchange import Exchange
from .gateway.failures import (
    TransportFailure,
    conversion_error_reply,
    error_reply,
    transport_error_reply,
    unsupported_reply,
)
from .gateway.passthrough import PassthroughStream
from .gateway.paths import Endpoint, match_path, models_protocol
from .gateway.relay import StreamOptions, StreamRelay, stream_options
from .losses import Converted, Loss
from .mapping.dialects import DIALECTS, Dialect, guess_dialect
from .options import Options
from .stream import AnthropicToOpenAIStream, OpenAIToAnthropicStream

if TYPE_CHECKING:
    from .convert.responses_anthropic import (
        anthropic_to_responses_count_tokens_request,
        anthropic_to_responses_count_tokens_response,
        anthropic_to_responses_request,
        responses_to_anthropic_count_tokens_request,
        responses_to_anthropic_count_tokens_response,
        responses_to_anthropic_request,
    )
    from .convert.responses_anthropic_replies import (
        anthropic_to_responses_response,
        responses_to_anthropic_response,
    )
    from .convert.responses_chat import (
        openai_to_responses_request,
        responses_history_items,
        responses_to_openai_request,
    )
    from .convert.responses_chat_replies import (
        openai_to_responses_response,
        responses_to_openai_response,
    )
    from .gateway.responses_anthropic_errors import (
        anthropic_to_responses_error,
        responses_to_anthropic_error,
    )
    from .stream.anthropic_to_responses import AnthropicToResponsesStream
    from .stream.openai_to_responses import OpenAIToResponsesStream
    from .stream.responses_to_anthropic import ResponsesToAnthropicStream
    from .stream.responses_to_openai import ResponsesToOpenAIStream

__version__ = "0.1.0"

#: name -> module of the names loaded on first use.
_LAZY = {
    "responses_to_openai_request": "convert.responses_chat",
    "openai_to_responses_request": "convert.responses_chat",
    "responses_history_items": "convert.responses_chat",
    "openai_to_responses_response": "convert.responses_chat_replies",
    "responses_to_openai_response": "convert.responses_chat_replies",
    "OpenAIToResponsesStream": "stream.openai_to_responses",
    "ResponsesToOpenAIStream": "stream.responses_to_openai",
    "responses_to_anthropic_request": "convert.responses_anthropic",
    "anthropic_to_responses_request": "convert.responses_anthropic",
    "responses_to_anthropic_count_tokens_request": "convert.responses_anthropic",
    "anthropic_to_responses_count_tokens_request": "convert.responses_anthropic",
    "responses_to_anthropic_count_tokens_response": "convert.responses_anthropic",
    "anthropic_to_responses_count_tokens_response": "convert.responses_anthropic",
    "anthropic_to_responses_response": "convert.responses_anthropic_replies",
    "responses_to_anthropic_response": "convert.responses_anthropic_replies",
    "AnthropicToResponsesStream": "stream.anthropic_to_responses",
    "ResponsesToAnthropicStream": "stream.responses_to_anthropic",
    "anthropic_to_responses_error": "gateway.responses_anthropic_errors",
    "responses_to_anthropic_error": "gateway.responses_anthropic_errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    # body conversions
    "openai_to_anthropic_request",
    "anthropic_to_openai_request",
    "anthropic_to_openai_response",
    "openai_to_anthropic_response",
    # the Responses API <-> Chat Completions (loaded on first use)
    "responses_to_openai_request",
    "openai_to_responses_response",
    "openai_to_responses_request",
    "responses_to_openai_response",
    "responses_history_items",
    # the Responses API <-> Anthropic Messages (loaded on first use)
    "responses_to_anthropic_request",
    "anthropic_to_responses_response",
    "anthropic_to_responses_request",
    "responses_to_anthropic_response",
    "responses_to_anthropic_count_tokens_request",
    "anthropic_to_responses_count_tokens_request",
    "anthropic_to_responses_count_tokens_response",
    "responses_to_anthropic_count_tokens_response",
    # errors, headers and model lists
    "anthropic_to_openai_error",
    "openai_to_anthropic_error",
    "anthropic_to_responses_error",
    "responses_to_anthropic_error",
    "openai_stream_error",
    "anthropic_stream_error",
    "ErrorReply",
    "anthropic_to_openai_headers",
    "openai_to_anthropic_headers",
    "anthropic_to_openai_request_headers",
    "openai_to_anthropic_request_headers",
    "anthropic_to_openai_model_list",
    "openai_to_anthropic_model_list",
    # streams
    "AnthropicToOpenAIStream",
    "OpenAIToAnthropicStream",
    "OpenAIToResponsesStream",
    "ResponsesToOpenAIStream",
    "AnthropicToResponsesStream",
    "ResponsesToAnthropicStream",
    "sse",
    # results and options
    "Converted",
    "Loss",
    "Options",
    # -- dialects (docs/dialects.md) --
    "DIALECTS",
    "Dialect",
    "guess_dialect",
    # exceptions
    "ConversionError",
    "InvalidInputError",
    "UnsupportedError",
    "LossyConversionError",
    "StreamProtocolError",
    # the gateway kit: what every gateway repeats, still pure (ruapi_convert.gateway)
    "Exchange",
    "conversion",
    "Conversion",
    "directions",
    "match_path",
    "Endpoint",
    "models_protocol",
    "stream_options",
    "StreamOptions",
    "StreamRelay",
    "PassthroughStream",
    "error_reply",
    "conversion_error_reply",
    "transport_error_reply",
    "unsupported_reply",
    "TransportFailure",
]
