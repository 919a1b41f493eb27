"""
ruapi_convert.gateway
~~~~~~~~~~~~~~~~~~~~~

What a gateway sends besides message bodies, still pure: error replies and stream error framing
(:mod:`.errors`), request and response headers (:mod:`.headers`), and ``GET /v1/models`` bodies
(:mod:`.model_lists`).
"""

from .errors import (
    ErrorReply,
    anthropic_stream_error,
    anthropic_to_openai_error,
    openai_stream_error,
    openai_to_anthropic_error,
)
from .headers import (
    HeadersInput,
    anthropic_to_openai_headers,
    anthropic_to_openai_request_headers,
    openai_to_anthropic_headers,
    openai_to_anthropic_request_headers,
)
from .model_lists import anthropic_to_openai_model_list, openai_to_anthropic_model_list

__all__ = [
    "ErrorReply",
    "HeadersInput",
    "anthropic_stream_error",
    "anthropic_to_openai_error",
    "anthropic_to_openai_headers",
    "anthropic_to_openai_model_list",
    "anthropic_to_openai_request_headers",
    "openai_stream_error",
    "openai_to_anthropic_error",
    "openai_to_anthropic_headers",
    "openai_to_anthropic_model_list",
    "openai_to_anthropic_request_headers",
]
