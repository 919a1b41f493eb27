"""
ruapi_convert.gateway.headers
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

HTTP headers, both directions: request headers (credentials, ``anthropic-version``/``-beta``) and
response headers (request ids, retry hints, rate limits).

Theory of operation
-------------------

A header crosses only by a rule of ``_vocab``: an allow-list, never a block-list. Whatever no rule
names - hop-by-hop fields, ``content-length``, cookies, the vendors' infrastructure headers,
whatever a CDN added - is simply not in the output; the caller may name extra headers to copy
verbatim (``passthrough``), except those that can never be copied (``NEVER_COPIED_HEADERS``) and
those the input's own ``Connection`` header names: RFC 9110 7.6.1 makes them hop-by-hop for that
message, so no rule and no ``passthrough`` copies them (reported when one would have).

Three guards apply to every value that reaches the output:

* it must be a legal field value made of visible ASCII (RFC 9110 5.5), so nothing the upstream
  sent can inject a header line (a value with CR/LF is dropped, and reported);
* a credential goes only where the auth rule puts it: any *other* output value that contains a
  credential (a key from the input's auth headers, ``api_key=``, or ``redact=``) is dropped;
* rate-limit resets change form (see ``_time``) and are converted against the caller's ``now``
  rather than a clock, so the functions stay pure. Converting one without ``now`` is an
  :class:`~ruapi_convert.errors.InvalidInputError`: the caller forgot an argument.

A time becomes a duration rounded *up* to the millisecond, a duration becomes a time truncated to
the millisecond, so a duration survives OpenAI -> Anthropic -> OpenAI exactly (with the same ``now``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Union

from typing_extensions import Unpack

from ..errors import InvalidInputError
from ..mapping._ledger import Context, Fate, FateTable, quote
from ..options import RequestHeaderOptions, StrictOption, resolve_options
from ._text import OWS, SAFE_VALUE, TOKEN, Headers, check_now, credentials, read_headers, usable
from ._time import format_duration, format_rfc3339, parse_duration, parse_rfc3339
from ._vocab import (
    CARRIED_RATE_LIMIT_HEADERS,
    NEVER_COPIED_HEADERS,
    RATE_LIMIT_ANTHROPIC_TO_OPENAI,
    RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..losses import Converted
    from ..options import Options

__all__ = [
    "A2O_REQUEST_HEADERS",
    "A2O_RESPONSE_HEADERS",
    "O2A_REQUEST_HEADERS",
    "O2A_RESPONSE_HEADERS",
    "HeadersInput",
    "anthropic_to_openai_headers",
    "anthropic_to_openai_request_headers",
    "openai_to_anthropic_headers",
    "openai_to_anthropic_request_headers",
    "response_headers",
]

#: What the header arguments accept: a mapping (``httpx.Headers`` included) or ``(name, value)``
#: pairs, all ``str``; names are matched case-insensitively.
HeadersInput = Union[Mapping[str, str], Iterable[tuple[str, str]], None]

_RESET: Final = "reset"
_BAD_VALUE: Final = "a value with control or non-ASCII characters is never copied into a header (no header injection); nor is a value that contains a credential"
_HOP_BY_HOP: Final = "RFC 9110 7.6.1: a field the input's Connection header names is hop-by-hop, for that message only: never forwarded, by a rule or through `passthrough`"


class _Rows(NamedTuple):
    """The rows one direction reports under: a bad value, a field named in Connection, and each
    header by name."""

    bad_value: Fate
    hop_by_hop: Fate
    by_name: dict[str, Fate]


# -- fates -------------------------------------------------------------------------------------------


def _response_table(title: str, direction: str, *, reverse: bool) -> tuple[FateTable, _Rows]:
    """A response-header table: one row per header rule of ``_vocab`` (data, not prose)."""
    table = FateTable(title, direction)
    by_name: dict[str, Fate] = {}
    for vocab in (RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI, RATE_LIMIT_ANTHROPIC_TO_OPENAI):
        for anthropic, entry in vocab.items():
            source, target = (entry.value, anthropic) if reverse else (anthropic, entry.value)
            by_name[source] = table.mapped(source, target, entry.note)
    for name in sorted(CARRIED_RATE_LIMIT_HEADERS):
        by_name[name] = table.mapped(name, name, "no OpenAI family: same name both ways")
    return table, _Rows(
        table.dropped("(bad value)", _BAD_VALUE),
        table.dropped("(named in Connection)", _HOP_BY_HOP),
        by_name,
    )


A2O_RESPONSE_HEADERS, _A2O_RESPONSE_ROWS = _response_table(
    "Anthropic response headers -> OpenAI response headers",
    "anthropic_to_openai_headers",
    reverse=False,
)
O2A_RESPONSE_HEADERS, _O2A_RESPONSE_ROWS = _response_table(
    "OpenAI response headers -> Anthropic response headers",
    "openai_to_anthropic_headers",
    reverse=True,
)

O2A_REQUEST_HEADERS = FateTable(
    "OpenAI request headers -> Anthropic request headers", "openai_to_anthropic_request_headers"
)
O2A_REQUEST_HEADERS.mapped(
    "authorization",
    "x-api-key (or authorization: Bearer)",
    "the Bearer token, placed as option `anthropic_auth` says; `api_key=` replaces it",
)
_O2A_NOT_BEARER = O2A_REQUEST_HEADERS.dropped(
    "authorization (not Bearer)",
    "another scheme has no Anthropic form; the credential is never moved elsewhere",
)
_O2A_REQUEST_ROWS: Final = _Rows(
    O2A_REQUEST_HEADERS.dropped("(bad value)", _BAD_VALUE),
    O2A_REQUEST_HEADERS.dropped("(named in Connection)", _HOP_BY_HOP),
    {
        "openai-organization": O2A_REQUEST_HEADERS.dropped(
            "openai-organization",
            "Anthropic has no organisation header: the key decides the organisation",
        ),
        "openai-project": O2A_REQUEST_HEADERS.dropped(
            "openai-project", "Anthropic has no project header: the key decides"
        ),
    },
)

A2O_REQUEST_HEADERS = FateTable(
    "Anthropic request headers -> OpenAI request headers", "anthropic_to_openai_request_headers"
)
A2O_REQUEST_HEADERS.mapped("x-api-key", "authorization: Bearer", "`api_key=` replaces it")
A2O_REQUEST_HEADERS.mapped(
    "authorization", "authorization: Bearer", "a Bearer token (Anthropic SDK 2.x)"
)
_BOTH_KEYS = A2O_REQUEST_HEADERS.dropped(
    "authorization (with x-api-key)",
    "both present and different: x-api-key wins, as the Anthropic API prefers it",
)
_A2O_NOT_BEARER = A2O_REQUEST_HEADERS.dropped(
    "authorization (not Bearer)", "another scheme has no OpenAI form"
)
_A2O_REQUEST_ROWS: Final = _Rows(
    A2O_REQUEST_HEADERS.dropped("(bad value)", _BAD_VALUE),
    A2O_REQUEST_HEADERS.dropped("(named in Connection)", _HOP_BY_HOP),
    {
        "anthropic-beta": A2O_REQUEST_HEADERS.dropped(
            "anthropic-beta",
            "beta features have no OpenAI switch; the request is converted without them",
        ),
        "anthropic-workspace-id": A2O_REQUEST_HEADERS.dropped(
            "anthropic-workspace-id",
            "OpenAI has no workspace header (openai-project is chosen by the key's owner)",
        ),
    },
)


# -- public functions --------------------------------------------------------------------------------


def anthropic_to_openai_headers(
    headers: HeadersInput,
    *,
    now: datetime | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[StrictOption],
) -> Converted[dict[str, str]]:
    """Anthropic response headers -> OpenAI response headers (lower-case names).

    ``request-id`` -> ``x-request-id``; ``retry-after``, ``retry-after-ms`` and ``x-should-retry``
    as they are; ``anthropic-ratelimit-{requests,tokens}-*`` -> ``x-ratelimit-*-{requests,tokens}``
    (resets become durations from ``now``, which is then required). Nothing else is copied unless
    named in ``passthrough``.
    """
    resolved = resolve_options(options, opts, StrictOption, "anthropic_to_openai_headers")
    return _response(headers, True, now, redact, passthrough, resolved)


def openai_to_anthropic_headers(
    headers: HeadersInput,
    *,
    now: datetime | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[StrictOption],
) -> Converted[dict[str, str]]:
    """OpenAI response headers -> Anthropic response headers; the inverse of
    :func:`anthropic_to_openai_headers` (durations become RFC 3339 times from ``now``)."""
    resolved = resolve_options(options, opts, StrictOption, "openai_to_anthropic_headers")
    return _response(headers, False, now, redact, passthrough, resolved)


def _response(
    headers: HeadersInput,
    to_openai: bool,
    now: datetime | None,
    redact: Iterable[str],
    passthrough: Iterable[str],
    options: Options,
) -> Converted[dict[str, str]]:
    ctx = Context(options)
    hdrs, named = read_headers(headers)
    out = response_headers(
        hdrs,
        ctx,
        to_openai=to_openai,
        now=check_now(now),
        passthrough=passthrough,
        secrets=credentials(hdrs, redact),
        hop_by_hop=named,
    )
    return ctx.finish(out)


def openai_to_anthropic_request_headers(
    headers: HeadersInput,
    *,
    api_key: str | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[RequestHeaderOptions],
) -> Converted[dict[str, str]]:
    """The headers of the Anthropic request for an OpenAI client's request headers.

    The Bearer token (or ``api_key``, which replaces it: a gateway usually sends its own key) goes
    into ``x-api-key``, or ``authorization: Bearer`` with option ``anthropic_auth="bearer"``;
    ``anthropic-version`` and ``anthropic-beta`` come from the options ``anthropic_version`` and
    ``anthropic_beta``; ``content-type`` is JSON. OpenAI-Organization/-Project are dropped and
    reported; nothing else is copied unless named in ``passthrough``.
    """
    ctx = Context(
        resolve_options(options, opts, RequestHeaderOptions, "openai_to_anthropic_request_headers")
    )
    return _request_headers(_request_o2a, ctx, headers, api_key, redact, passthrough)


def anthropic_to_openai_request_headers(
    headers: HeadersInput,
    *,
    api_key: str | None = None,
    redact: Iterable[str] = (),
    passthrough: Iterable[str] = (),
    options: Options | None = None,
    **opts: Unpack[StrictOption],
) -> Converted[dict[str, str]]:
    """The headers of the OpenAI request for an Anthropic client's request headers.

    ``x-api-key`` (preferred, as by the Anthropic API) or ``authorization: Bearer`` (or ``api_key``)
    becomes ``authorization: Bearer``; ``content-type`` is JSON; ``anthropic-beta`` and
    ``anthropic-workspace-id`` are dropped and reported; ``anthropic-version`` is not copied;
    nothing else is copied unless named in ``passthrough``.
    """
    ctx = Context(
        resolve_options(options, opts, StrictOption, "anthropic_to_openai_request_headers")
    )
    return _request_headers(_request_a2o, ctx, headers, api_key, redact, passthrough)


def _request_headers(
    convert: Callable[..., dict[str, str]],
    ctx: Context,
    headers: HeadersInput,
    api_key: str | None,
    redact: Iterable[str],
    passthrough: Iterable[str],
) -> Converted[dict[str, str]]:
    """The upstream request's headers, by ``convert``; the key given is a secret too. The fields
    the client's Connection header names are gone before ``convert`` sees the headers (a credential
    among them is still a secret to scrub)."""
    hdrs, named = read_headers(headers)
    secrets = credentials(hdrs, [*redact, *([api_key] if api_key else [])])
    ctx = ctx.with_secrets(secrets)
    names = _passthrough_names(passthrough)
    o2a = convert is _request_o2a
    rows, auth = (_O2A_REQUEST_ROWS, ("authorization",)) if o2a else (_A2O_REQUEST_ROWS, _A2O_AUTH)
    hdrs = _without_hop_by_hop(hdrs, named, {*auth, *rows.by_name, *names}, rows, ctx)
    out = convert(hdrs, ctx, api_key=api_key, passthrough=names, secrets=secrets)
    return ctx.finish(out)


#: The request headers the Anthropic -> OpenAI auth rule reads (the other reads authorization).
_A2O_AUTH: Final = ("x-api-key", "authorization")


def _passthrough_names(passthrough: Iterable[str]) -> tuple[str, ...]:
    """The header names of ``passthrough``, lower-cased (read once: it may be a generator)."""
    if isinstance(passthrough, str):
        raise InvalidInputError(
            "passthrough must be an iterable of header names", path="passthrough"
        )
    names = []
    for raw in passthrough:
        if not isinstance(raw, str) or TOKEN.fullmatch(raw.lower()) is None:
            raise InvalidInputError(f"not a header name: {quote(raw)}", path="passthrough")
        names.append(raw.lower())
    return tuple(names)


def _without_hop_by_hop(
    headers: Headers, named: frozenset[str], copied: set[str], rows: _Rows, ctx: Context
) -> Headers:
    """``headers`` without the fields the Connection header names; each that a rule or
    ``passthrough`` would have copied (``copied``) is reported."""
    if not named & headers.keys():
        return headers
    for name in sorted(named & headers.keys() & copied):
        ctx.lose(rows.hop_by_hop, f"headers.{name}")
    return {name: value for name, value in headers.items() if name not in named}


# -- request headers ---------------------------------------------------------------------------------


def _bearer(value: str) -> str | None:
    scheme, _, token = value.strip(OWS).partition(" ")
    token = token.strip(OWS)
    return token if scheme.lower() == "bearer" and token else None


def _copy_passthrough(
    headers: Headers,
    out: Headers,
    names: tuple[str, ...],
    secrets: tuple[str, ...],
    rows: _Rows,
    ctx: Context,
) -> None:
    for name in names:
        value = headers.get(name)
        if name in NEVER_COPIED_HEADERS or name in out or value is None:
            continue
        if usable(value.strip(OWS), secrets):
            out[name] = value.strip(OWS)
        else:
            ctx.lose(rows.bad_value, f"headers.{name}")


def _request_o2a(
    headers: Headers,
    ctx: Context,
    *,
    api_key: str | None,
    passthrough: tuple[str, ...],
    secrets: tuple[str, ...],
) -> Headers:
    """OpenAI client request headers -> the headers of the Anthropic upstream request."""
    options = ctx.options
    rows = _O2A_REQUEST_ROWS
    out: Headers = {}
    key = _checked_key(api_key)
    auth = headers.get("authorization")
    if auth is not None:
        token = _bearer(auth)
        if token is None:
            ctx.lose(_O2A_NOT_BEARER, "headers.authorization")
        elif key is None:
            if SAFE_VALUE.fullmatch(token):
                key = token
            else:
                ctx.lose(rows.bad_value, "headers.authorization")
    if key is not None:
        if options.anthropic_auth == "bearer":
            out["authorization"] = f"Bearer {key}"
        else:
            out["x-api-key"] = key
    out["anthropic-version"] = options.anthropic_version
    betas = _betas(options.anthropic_beta)
    if betas:
        out["anthropic-beta"] = betas
    out["content-type"] = "application/json"
    for name, row in rows.by_name.items():
        if name in headers:
            ctx.lose(row, f"headers.{name}")
    _copy_passthrough(headers, out, passthrough, secrets, rows, ctx)
    return out


def _request_a2o(
    headers: Headers,
    ctx: Context,
    *,
    api_key: str | None,
    passthrough: tuple[str, ...],
    secrets: tuple[str, ...],
) -> Headers:
    """Anthropic client request headers -> the headers of the OpenAI upstream request."""
    rows = _A2O_REQUEST_ROWS
    out: Headers = {}
    key = _checked_key(api_key)
    x_api_key = headers.get("x-api-key")
    auth = headers.get("authorization")
    token = _bearer(auth) if auth is not None else None
    if auth is not None and token is None:
        ctx.lose(_A2O_NOT_BEARER, "headers.authorization")
    if x_api_key is not None and token is not None and x_api_key.strip(OWS) != token:
        # "x-api-key is preferred when both are present" (observed behaviour of the Anthropic API)
        ctx.lose(_BOTH_KEYS, "headers.authorization")
    if key is None:
        for name, candidate in (("x-api-key", x_api_key), ("authorization", token)):
            if candidate is None:
                continue
            candidate = candidate.strip(OWS)
            if candidate and SAFE_VALUE.fullmatch(candidate):
                key = candidate
                break
            ctx.lose(rows.bad_value, f"headers.{name}")
    if key is not None:
        out["authorization"] = f"Bearer {key}"
    out["content-type"] = "application/json"
    for name, row in rows.by_name.items():
        if name in headers:
            ctx.lose(row, f"headers.{name}")
    _copy_passthrough(headers, out, passthrough, secrets, rows, ctx)
    return out


def _checked_key(api_key: Any) -> str | None:
    if api_key is None:
        return None
    if not isinstance(api_key, str) or not api_key or SAFE_VALUE.fullmatch(api_key) is None:
        raise InvalidInputError("api_key must be a non-empty str of visible ASCII", path="api_key")
    return api_key


def _betas(betas: Any) -> str:
    if isinstance(betas, str) or not isinstance(betas, Iterable):
        raise InvalidInputError(
            "anthropic_beta must be a sequence of beta names", path="options.anthropic_beta"
        )
    names = list(betas)
    for name in names:
        if not isinstance(name, str) or TOKEN.fullmatch(name.lower()) is None:
            raise InvalidInputError(
                f"not a beta name: {quote(name)}", path="options.anthropic_beta"
            )
    return ",".join(names)


# -- response headers --------------------------------------------------------------------------------

# source name -> (target name, is a reset), per direction
_A2O: Final[dict[str, tuple[str, bool]]] = {
    **{name: (m.value, False) for name, m in RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI.items()},
    **{
        name: (m.value, name.endswith(_RESET)) for name, m in RATE_LIMIT_ANTHROPIC_TO_OPENAI.items()
    },
    **{name: (name, False) for name in CARRIED_RATE_LIMIT_HEADERS},
}
_O2A: Final[dict[str, tuple[str, bool]]] = {
    **{m.value: (name, False) for name, m in RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI.items()},
    **{
        m.value: (name, name.endswith(_RESET)) for name, m in RATE_LIMIT_ANTHROPIC_TO_OPENAI.items()
    },
    **{name: (name, False) for name in CARRIED_RATE_LIMIT_HEADERS},
}


def response_headers(
    headers: Headers,
    ctx: Context,
    *,
    to_openai: bool,
    now: datetime | None,
    passthrough: Iterable[str],
    secrets: tuple[str, ...],
    hop_by_hop: frozenset[str] = frozenset(),
) -> Headers:
    """Response headers of one protocol -> the other's (see the module docstring); ``hop_by_hop``
    are the names the input's Connection header lists (``_text.read_headers``)."""
    rules = _A2O if to_openai else _O2A
    rows = _A2O_RESPONSE_ROWS if to_openai else _O2A_RESPONSE_ROWS
    ctx = ctx.with_secrets(secrets)  # loss text is scrubbed like the values
    names = _passthrough_names(passthrough)
    headers = _without_hop_by_hop(headers, hop_by_hop, {*rules, *names}, rows, ctx)
    out: Headers = {}
    for name, raw in headers.items():
        rule = rules.get(name)
        if rule is None:
            continue
        target, is_reset = rule
        value = raw.strip(OWS)
        path = f"headers.{name}"
        if not usable(value, secrets):
            ctx.lose(rows.bad_value, path)
            continue
        if is_reset:
            if now is None:
                raise InvalidInputError(
                    f"converting {name} needs the reference time `now` (a timezone-aware datetime)",
                    path="now",
                )
            converted = (
                _reset_to_openai(value, now) if to_openai else _reset_to_anthropic(value, now)
            )
            if converted is None:
                ctx.lose(
                    rows.by_name[name],
                    path,
                    kind="dropped",
                    detail=f"not a valid reset value: {ctx.quote(value)}",
                )
                continue
            value = converted
        out[target] = value
    _copy_passthrough(headers, out, names, secrets, rows, ctx)
    return out


def _reset_to_openai(value: str, now: datetime) -> str | None:
    when = parse_rfc3339(value)
    if when is None:
        return None
    return format_duration(max(when - now, timedelta(0)))


def _reset_to_anthropic(value: str, now: datetime) -> str | None:
    delta = parse_duration(value)
    if delta is None:
        return None
    try:
        return format_rfc3339(now + delta)
    except OverflowError:  # a duration that ends after the year 9999
        return None
