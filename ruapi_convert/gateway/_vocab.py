"""
ruapi_convert.gateway._vocab
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The vocabulary of everything around the message bodies: error statuses and types, HTTP headers,
and the model list. Rule 1 of :mod:`ruapi_convert.mapping` holds here too: the gateway modules
look these words up, they never spell them. ``docs/mapping.md`` (section "Errors, headers and
model lists") is rendered from these dicts, and the tests walk them.

How an error crosses
--------------------

An error has three parts that a client looks at: the HTTP status (the SDKs pick their exception
class by it), the error ``type``/``code`` in the body, and the retry headers (both SDKs retry 408,
409, 429 and every status >= 500 unless ``x-should-retry`` says otherwise). The tables below keep
all three telling the client the same thing it would have heard from its own vendor:

* **Status** passes through unchanged, except for the two statuses only Anthropic uses (402 and
  529, see :data:`ANTHROPIC_STATUS_TO_OPENAI`) and the OpenAI codes that stand for them
  (:data:`OPENAI_CODE_TO_ANTHROPIC`). Every other status means the same on both sides (RFC 9110),
  and both SDKs have the same class for it (or fall back to their generic ``APIStatusError``).
* **Type** is translated where the other side has its own word for the same condition
  (:data:`ANTHROPIC_TYPE_TO_OPENAI`); otherwise Anthropic's type passes through unchanged, as
  gateways do (Portkey copies ``error.type`` verbatim): OpenAI's ``type`` is an open string, and
  an Anthropic word there reads correctly and comes back exactly.
* **"Do not retry"**: billing errors and Anthropic spend caps are 429s on the OpenAI side, which
  both SDKs would retry, uselessly. Their replies carry ``x-should-retry: false`` (honoured by
  ``_should_retry`` of both SDKs before any status rule) and no ``retry-after``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ..mapping._ledger import Counterpart as Mapping

__all__ = [
    "ANTHROPIC_CLIENT_ERROR_FALLBACK",
    "ANTHROPIC_ERROR_TYPES",
    "ANTHROPIC_NO_RETRY",
    "ANTHROPIC_NO_RETRY_CODES",
    "ANTHROPIC_ONLY_REQUEST_HEADERS",
    "ANTHROPIC_SERVER_ERROR_FALLBACK",
    "ANTHROPIC_STATUS_TO_OPENAI",
    "ANTHROPIC_STATUS_TYPES",
    "ANTHROPIC_TYPE_TO_OPENAI",
    "CARRIED_RATE_LIMIT_HEADERS",
    "HOP_BY_HOP_HEADERS",
    "NEVER_COPIED_HEADERS",
    "OPENAI_CODE_TO_ANTHROPIC",
    "OPENAI_NO_RETRY",
    "OPENAI_ONLY_REQUEST_HEADERS",
    "OWNED_BY",
    "OPENAI_TYPE_TO_ANTHROPIC",
    "RATE_LIMIT_ANTHROPIC_TO_OPENAI",
    "RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI",
    "AnthropicError",
    "OpenAIError",
]


@dataclass(frozen=True, slots=True)
class OpenAIError:
    """What an Anthropic error becomes on the OpenAI side."""

    type: str
    code: str | None = None
    #: The OpenAI status, when it is not the source status (None keeps it).
    status: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AnthropicError:
    """What an OpenAI error becomes on the Anthropic side."""

    type: str
    #: The Anthropic status, when it is not the source status (None keeps it).
    status: int | None = None
    note: str = ""


# -- Anthropic's own vocabulary ------------------------------------------------------------------
#
# https://docs.anthropic.com/en/api/errors: "400 - invalid_request_error: There was an issue with the
# format or content of your request. We may also use this error type for other 4XX status codes not
# listed below." The SDK's ErrorType literal adds conflict_error (409) and the memory-tool types.

#: Anthropic's documented status -> ``error.type``. Statuses not listed fall back to
#: ``invalid_request_error`` (4xx) and ``api_error`` (5xx).
ANTHROPIC_STATUS_TYPES: Final[dict[int, str]] = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    409: "conflict_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}
ANTHROPIC_CLIENT_ERROR_FALLBACK: Final = "invalid_request_error"
ANTHROPIC_SERVER_ERROR_FALLBACK: Final = "api_error"

#: Every ``error.type`` this library knows (the SDK's ErrorType plus the docs' request_too_large).
ANTHROPIC_ERROR_TYPES: Final = frozenset(
    {
        *ANTHROPIC_STATUS_TYPES.values(),
        "memory_precondition_failed_error",
        "memory_path_conflict_error",
    }
)


# -- Anthropic -> OpenAI -------------------------------------------------------------------------
#
# Lookup order: a spend-cap ``details.error_code`` (ANTHROPIC_NO_RETRY_CODES), then a status only
# Anthropic uses (ANTHROPIC_STATUS_TO_OPENAI), then ``error.type`` (ANTHROPIC_TYPE_TO_OPENAI), else
# the type passes through. The OpenAI status is the entry's ``status``, else the source status.

# OpenAI bills by quota: running out of it is "429 - You exceeded your current quota, please check
# your plan and billing details" with type and code insufficient_quota. An OpenAI client knows that
# answer; a 402 would be a bare APIStatusError to the OpenAI SDK.
_INSUFFICIENT_QUOTA = OpenAIError(
    "insufficient_quota",
    "insufficient_quota",
    status=429,
    note="OpenAI's 'pay up' answer; a 429 the SDKs would retry, hence x-should-retry: false",
)

# 529 is not a registered HTTP status (RFC 9110 15: a client treats an unknown 5xx as 500). 503 is the
# standard word - "the server is currently unable to handle the request due to a temporary
# overload" (RFC 9110 15.6.4) - and what OpenAI itself answers when overloaded (503
# service_unavailable_error / server_is_overloaded). The OpenAI SDK makes 503 and 529 the same
# InternalServerError and retries both, so SDK clients lose nothing; proxies, load balancers and
# hand-written clients understand 503.
_OVERLOADED = OpenAIError(
    "service_unavailable_error",
    "server_is_overloaded",
    status=503,
    note="OpenAI's own overload answer (RFC 9110: 503 is 'temporary overload')",
)

#: Statuses only Anthropic uses, whatever the body's type says. Every other status passes through.
ANTHROPIC_STATUS_TO_OPENAI: Final[dict[int, OpenAIError]] = {
    402: _INSUFFICIENT_QUOTA,
    529: _OVERLOADED,
}

#: ``error.type`` -> OpenAI type/code. A type missing here (one newer than this library included)
#: passes through unchanged, with no code.
ANTHROPIC_TYPE_TO_OPENAI: Final[dict[str, OpenAIError]] = {
    "invalid_request_error": OpenAIError(
        "invalid_request_error", note="the same word on both sides"
    ),
    "authentication_error": OpenAIError(
        "authentication_error",
        note="OpenAI answers a wrong key with 401 invalid_request_error/invalid_api_key, but Anthropic's type also covers missing and expired credentials: the type passes through, the 401 carries the meaning (SDK AuthenticationError)",
    ),
    "billing_error": _INSUFFICIENT_QUOTA,
    "permission_error": OpenAIError("permission_error", note="passes through (403)"),
    "not_found_error": OpenAIError("not_found_error", note="passes through (404)"),
    "conflict_error": OpenAIError("conflict_error", note="passes through (409)"),
    "request_too_large": OpenAIError(
        "request_too_large", note="passes through (413; the OpenAI SDK raises APIStatusError)"
    ),
    "rate_limit_error": OpenAIError(
        "rate_limit_error",
        "rate_limit_exceeded",
        note="OpenAI's code; OpenAI's type names the limit hit (requests/tokens), which Anthropic does not say, so the type passes through",
    ),
    "timeout_error": OpenAIError("timeout_error", note="passes through (504)"),
    "api_error": OpenAIError("server_error", note="OpenAI's type for its 500s"),
    "overloaded_error": _OVERLOADED,
    "memory_precondition_failed_error": OpenAIError(
        "memory_precondition_failed_error", note="passes through"
    ),
    "memory_path_conflict_error": OpenAIError("memory_path_conflict_error", note="passes through"),
}

#: ``error.details.error_code`` values that override the type: Anthropic's spend caps. The docs:
#: a 429 with error_code enforced_spend_limit_reached / contract_spend_limit_reached has no
#: retry-after, and retrying is futile until the limit is raised. OpenAI calls hitting the
#: "maximum monthly spend" insufficient_quota.
ANTHROPIC_NO_RETRY_CODES: Final[dict[str, OpenAIError]] = {
    code: OpenAIError(
        "insufficient_quota",
        "insufficient_quota",
        status=429,
        note="a spend cap: OpenAI's 'maximum monthly spend' error, never retried",
    )
    for code in ("enforced_spend_limit_reached", "contract_spend_limit_reached")
}


# -- OpenAI -> Anthropic -------------------------------------------------------------------------
#
# The status decides the Anthropic type (ANTHROPIC_STATUS_TYPES), because OpenAI's own ``type`` is
# mostly invalid_request_error whatever the status (its 401s, 403s and 404s all say so). Three
# things come first: the codes below, which move the status; an OpenAI type that is one of
# Anthropic's words (a body this library or a pass-through gateway made), kept as it is; and, for a
# mid-stream error that has no status, OPENAI_TYPE_TO_ANTHROPIC.

#: ``error.code`` (or ``error.type``) -> Anthropic error, for the codes that move the status.
OPENAI_CODE_TO_ANTHROPIC: Final[dict[str, AnthropicError]] = {
    # OpenAI: "429 - You exceeded your current quota ... Cause: You have run out of credits or hit
    # your maximum monthly spend." Anthropic's word for out of credits is 402 billing_error
    # ("There's an issue with your billing or payment information"; SDK PaymentRequiredError),
    # which no SDK retries.
    "insufficient_quota": AnthropicError(
        "billing_error",
        status=402,
        note="402 billing_error (PaymentRequiredError), x-should-retry: false",
    ),
    "server_is_overloaded": AnthropicError(
        "overloaded_error", status=529, note="Anthropic's overloaded answer (OverloadedError)"
    ),
    # OpenAI: "503 - Slow Down: A sudden increase in your request rate is impacting service
    # reliability. Please reduce your request rate." A server-side capacity problem, not a limit of
    # the account.
    "slow_down": AnthropicError(
        "overloaded_error",
        status=529,
        note="OpenAI asks to reduce the request rate because of load",
    ),
}

#: OpenAI ``type`` -> Anthropic type where no status decides (mid-stream errors, HTTP 200).
#: Anything else becomes api_error.
OPENAI_TYPE_TO_ANTHROPIC: Final[dict[str, Mapping]] = {
    "invalid_request_error": Mapping("invalid_request_error"),
    "server_error": Mapping("api_error"),
    "service_unavailable_error": Mapping("overloaded_error"),
    "requests": Mapping("rate_limit_error", note="OpenAI's 429 type for a request-rate limit"),
    "tokens": Mapping("rate_limit_error", note="OpenAI's 429 type for a token-rate limit"),
}


# -- "do not retry" -----------------------------------------------------------------------------
#
# Both SDKs' _should_retry obey x-should-retry before any status rule ("If the server explicitly
# says whether or not to retry, obey."). A reply whose error is one of these says "false" and carries no retry-after,
# in both directions, because paying or raising a limit is the only cure.

#: OpenAI ``error.code``/``error.type`` values that must not be retried.
OPENAI_NO_RETRY: Final = frozenset({"insufficient_quota"})
#: Anthropic ``error.type`` values, and ``error.details.error_code`` values, that must not be
#: retried (billing, and the spend caps the docs call futile to retry).
ANTHROPIC_NO_RETRY: Final = frozenset({"billing_error", *ANTHROPIC_NO_RETRY_CODES})


# -- model lists -------------------------------------------------------------------------------

#: Who owns an Anthropic model, in OpenAI's ``owned_by`` (OpenAI says "openai", "system" or an
#: organisation).
OWNED_BY: Final = "anthropic"


# -- response headers ----------------------------------------------------------------------------
#
# Both SDKs read the same retry headers: retry-after-ms (milliseconds), then retry-after (seconds,
# or an HTTP date), and x-should-retry ("true"/"false" overrides the status rules). One difference
# a converted reply cannot hide: the OpenAI SDK does not retry at all when the delay is over
# 120 s (``MAX_RETRY_AFTER_DELAY``), the Anthropic SDK waits as long as it is told.

#: Anthropic response header -> OpenAI response header (the reverse direction inverts it).
RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI: Final[dict[str, Mapping]] = {
    "request-id": Mapping(
        "x-request-id", note="each SDK's request_id on errors and responses reads its own name"
    ),
    "retry-after": Mapping("retry-after", note="seconds or an HTTP date, copied as it is"),
    "retry-after-ms": Mapping("retry-after-ms"),
    "x-should-retry": Mapping("x-should-retry"),
}

#: Rate-limit headers: Anthropic ``anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}``
#: <-> OpenAI ``x-ratelimit-{limit,remaining,reset}-{requests,tokens}``. Limits and remaining counts
#: are copied; resets differ in form: Anthropic gives the time of the reset
#: (RFC 3339), OpenAI the time until it (a Go duration such as ``6m0s``), converted against the
#: reference time passed as ``now``. Anthropic's rate-limit docs
#: (https://docs.anthropic.com/en/api/rate-limits) describe the tokens-* family as the values of the
#: most restrictive token limit in effect, which is what OpenAI's x-ratelimit-*-tokens report.
RATE_LIMIT_ANTHROPIC_TO_OPENAI: Final[dict[str, Mapping]] = {
    f"anthropic-ratelimit-{resource}-{field}": Mapping(
        f"x-ratelimit-{field}-{resource}",
        note="RFC 3339 time <-> duration until it, from `now`, to the millisecond"
        if field == "reset"
        else "",
    )
    for resource in ("requests", "tokens")
    for field in ("limit", "remaining", "reset")
}

#: Anthropic's separate input/output token limits have no OpenAI family. They travel under their
#: own names (OpenAI clients ignore them; the reverse direction gives them back).
CARRIED_RATE_LIMIT_HEADERS: Final = frozenset(
    f"anthropic-ratelimit-{resource}-{field}"
    for resource in ("input-tokens", "output-tokens")
    for field in ("limit", "remaining", "reset")
)


# -- request headers and headers never copied ------------------------------------------------------------

#: Request headers that have no counterpart on the other side; dropped and reported
#: (``_error_fates``), because each changes which account, project or features the request uses.
OPENAI_ONLY_REQUEST_HEADERS: Final = ("openai-organization", "openai-project")
ANTHROPIC_ONLY_REQUEST_HEADERS: Final = ("anthropic-beta", "anthropic-workspace-id")

#: RFC 9110 7.6.1: "Intermediaries MUST parse a received Connection header field before a message
#: is forwarded and ... remove [it and the fields it names]"; these are the standard hop-by-hop
#: fields (plus the widespread non-standard proxy-connection). The fields a message's own
#: Connection header names are hop-by-hop too, for that message: ``_text.read_headers`` collects
#: them and the header functions remove them before any rule or ``passthrough`` is applied.
HOP_BY_HOP_HEADERS: Final = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)

#: Never copied, whatever the caller asks: they describe the bytes of the old body or connection
#: (length, encoding, host), or carry credentials that only the auth mapping may place.
NEVER_COPIED_HEADERS: Final = HOP_BY_HOP_HEADERS | frozenset(
    {
        "content-length",
        "content-encoding",
        "accept-encoding",
        "host",
        "authorization",
        "x-api-key",
        "api-key",
        "cookie",
        "set-cookie",
    }
)
