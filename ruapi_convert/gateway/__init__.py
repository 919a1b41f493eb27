"""
ruapi_convert.gateway
~~~~~~~~~~~~~~~~~~~~~

What a gateway sends besides message bodies, still pure: error replies and stream error framing
(:mod:`.errors`), request and response headers (:mod:`.headers`), and ``GET /v1/models`` bodies
(:mod:`.model_lists`).

The gateway kit, for what every gateway repeats: which protocol and operation a path names
(:mod:`.paths`), the conversion for any (source, target, kind) from one table (:mod:`.dispatch`),
the same-protocol pass-through (:mod:`.passthrough`), the error replies a gateway makes up itself -
a refused body, an unreachable upstream (:mod:`.failures`) - a stream relay that also ends a stream
on a transport failure (:mod:`.relay`), and one request's whole exchange (:mod:`.exchange`).
"""

# the gateway kit
from .dispatch import DIRECTIONS, KINDS, Conversion, Kind, conversion, directions
from .errors import (
    ErrorReply,
    anthropic_stream_error,
    anthropic_to_openai_error,
    openai_stream_error,
    openai_to_anthropic_error,
)
from .exchange import Exchange
from .failures import (
    TRANSPORT_FAILURES,
    AnyErrorReply,
    TransportFailure,
    conversion_error_reply,
    error_reply,
    transport_error_reply,
    unsupported_reply,
)
from .headers import (
    HeadersInput,
    anthropic_to_openai_headers,
    anthropic_to_openai_request_headers,
    openai_to_anthropic_headers,
    openai_to_anthropic_request_headers,
)
from .model_lists import anthropic_to_openai_model_list, openai_to_anthropic_model_list
from .passthrough import (
    PassthroughStream,
    passthrough_error,
    passthrough_headers,
    passthrough_model_list,
    passthrough_request,
    passthrough_response,
)
from .paths import (
    PROTOCOLS,
    Endpoint,
    Operation,
    Protocol,
    match_path,
    models_protocol,
    normalize_path,
)
from .relay import StreamOptions, StreamRelay, stream_options

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
    # the gateway kit
    "DIRECTIONS",
    "KINDS",
    "PROTOCOLS",
    "TRANSPORT_FAILURES",
    "AnyErrorReply",
    "Conversion",
    "Endpoint",
    "Exchange",
    "Kind",
    "Operation",
    "PassthroughStream",
    "Protocol",
    "StreamOptions",
    "StreamRelay",
    "TransportFailure",
    "conversion",
    "conversion_error_reply",
    "directions",
    "error_reply",
    "match_path",
    "models_protocol",
    "normalize_path",
    "passthrough_error",
    "passthrough_headers",
    "passthrough_model_list",
    "passthrough_request",
    "passthrough_response",
    "stream_options",
    "transport_error_reply",
    "unsupported_reply",
]
