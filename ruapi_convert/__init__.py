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

The public API is this module's ``__all__``; models live in :mod:`ruapi_convert.models.openai` and
:mod:`ruapi_convert.models.anthropic`, SSE framing in :mod:`ruapi_convert.sse`, Hypothesis
strategies in :mod:`ruapi_convert.testing`.
"""

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
from .losses import Converted, Loss
from .options import Options
from .stream import AnthropicToOpenAIStream, OpenAIToAnthropicStream

__version__ = "0.1.0"

__all__ = [
    # body conversions
    "openai_to_anthropic_request",
    "anthropic_to_openai_request",
    "anthropic_to_openai_response",
    "openai_to_anthropic_response",
    # errors, headers and model lists
    "anthropic_to_openai_error",
    "openai_to_anthropic_error",
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
    "sse",
    # results and options
    "Converted",
    "Loss",
    "Options",
    # exceptions
    "ConversionError",
    "InvalidInputError",
    "UnsupportedError",
    "LossyConversionError",
    "StreamProtocolError",
]
