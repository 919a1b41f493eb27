"""
ruapi_convert.convert._headers
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

HTTP headers, both directions: request headers (credentials, ``anthropic-version``/``-beta``) and
response headers (request ids, retry hints, rate limits).

Theory of operation
-------------------

A header crosses only by a rule of ``_error_tables``: an allow-list, never a block-list. Whatever
no rule names - hop-by-hop fields, ``content-length``, cookies, the vendors' infrastructure
headers, whatever a CDN added - is simply not in the output; the caller may name extra headers to
copy verbatim (``passthrough``), except those that can never be copied (``NEVER_COPIED_HEADERS``).

Three guards apply to every value that reaches the output:

* it must be a legal field value made of visible ASCII (RFC 9110 5.5), so nothing the upstream
  sent can inject a header line (a value with CR/LF is dropped, and reported);
* a credential goes only where the auth rule puts it: any *other* output value that contains a
  credential (a key from the input's auth headers, ``api_key=``, or ``redact=``) is dropped;
* rate-limit resets change form - Anthropic sends the time of the reset (RFC 3339), OpenAI the time
  until it (a Go duration such as ``6m0s``) - and are converted against the caller's ``now``
  rather than a clock, so the functions stay pure. Converting one without ``now`` is an
  :class:`~ruapi_convert.errors.InvalidInputError`: the caller forgot an argument.

A time becomes a duration rounded *up* to the millisecond, a duration becomes a time truncated to
the millisecond, so a duration survives OpenAI -> Anthropic -> OpenAI exactly (with the same ``now``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

from ..errors import InvalidInputError
from ._error_tables import (
    ANTHROPIC_ONLY_REQUEST_HEADERS,
    CARRIED_RATE_LIMIT_HEADERS,
    NEVER_COPIED_HEADERS,
    OPENAI_ONLY_REQUEST_HEADERS,
    RATE_LIMIT_ANTHROPIC_TO_OPENAI,
    RESPONSE_HEADERS_ANTHROPIC_TO_OPENAI,
)

if TYPE_CHECKING:
    from ._context import Context

__all__ = [
    "MIN_SECRET_LENGTH",
    "Headers",
    "credentials",
    "format_duration",
    "format_rfc3339",
    "normalize",
    "parse_duration",
    "parse_rfc3339",
    "request_a2o",
    "request_o2a",
    "response_headers",
    "scrub",
    "usable",
]

Headers = dict[str, str]

#: Credentials shorter than this are not searched for in text: "sk" or "a" would match ordinary
#: words. Real keys are 40 characters and more.
MIN_SECRET_LENGTH: Final = 8

#: Input headers whose values are credentials.
_CREDENTIAL_HEADERS: Final = ("authorization", "x-api-key", "api-key", "proxy-authorization")

# RFC 9110 5.5: field-value = *field-content; we accept visible ASCII, space and tab only.
_SAFE_VALUE: Final = re.compile(r"[\t\x20-\x7e]*")
# RFC 9110 5.1: field-name = token.
_TOKEN: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9a-z]+")

_RESET = "reset"
# RFC 9110 5.6.3: optional whitespace is space and tab only (str.strip() would also eat U+00A0 ...)
_OWS: Final = " \t"


# -- input ---------------------------------------------------------------------------------------


def normalize(headers: Any, *, path: str = "headers") -> Headers:
    """Headers as a dict with lower-case names: from None, a mapping (``httpx.Headers`` included)
    or an iterable of ``(name, value)`` pairs of ``str``. A later duplicate name wins."""
    if headers is None:
        return {}
    items: Iterable[Any]
    if isinstance(headers, Mapping):
        items = headers.items()
    elif isinstance(headers, Iterable) and not isinstance(headers, (str, bytes, bytearray)):
        items = headers
    else:
        raise InvalidInputError(
            f"headers must be a mapping of str to str, got {type(headers).__name__}", path=path
        )
    out: Headers = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidInputError("headers must be (name, value) pairs", path=path)
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidInputError(
                f"header names and values must be str, got {type(name).__name__}: {type(value).__name__}",
                path=path,
            )
        out[name.strip(_OWS).lower()] = value
    return out


def credentials(headers: Headers, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every credential in the auth headers (whole value and token after the scheme) and in
    ``extra``, longest first, that is long enough to look for in text."""
    found: set[str] = set()
    for name in _CREDENTIAL_HEADERS:
        value = headers.get(name)
        if value is None:
            continue
        found.add(value.strip(_OWS))
        _, _, token = value.strip(_OWS).partition(" ")
        found.add(token.strip(_OWS))
    for value in extra:
        if not isinstance(value, str):
            raise InvalidInputError("redact must be an iterable of str", path="redact")
        found.add(value)
    return tuple(sorted((s for s in found if len(s) >= MIN_SECRET_LENGTH), key=len, reverse=True))


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every exact occurrence of a credential replaced by ``[redacted]``."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "[redacted]")
    return text


def usable(value: str, secrets: tuple[str, ...]) -> bool:
    return _SAFE_VALUE.fullmatch(value) is not None and not any(s in value for s in secrets)


def check_now(now: Any) -> datetime | None:
    if now is None:
        return None
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise InvalidInputError("now must be a timezone-aware datetime", path="now")
    return now


def _bearer(value: str) -> str | None:
    scheme, _, token = value.strip(_OWS).partition(" ")
    token = token.strip(_OWS)
    return token if scheme.lower() == "bearer" and token else None


def _copy_passthrough(
    headers: Headers,
    out: Headers,
    passthrough: Iterable[str],
    secrets: tuple[str, ...],
    ctx: Context,
) -> None:
    if isinstance(passthrough, str):
        raise InvalidInputError(
            "passthrough must be an iterable of header names", path="passthrough"
        )
    for raw in passthrough:
        if not isinstance(raw, str) or _TOKEN.fullmatch(raw.lower()) is None:
            raise InvalidInputError(f"not a header name: {raw!r}", path="passthrough")
        name = raw.lower()
        value = headers.get(name)
        if name in NEVER_COPIED_HEADERS or name in out or value is None:
            continue
        if usable(value.strip(_OWS), secrets):
            out[name] = value.strip(_OWS)
        else:
            ctx.lose("(bad value)", f"headers.{name}")


# -- request headers -----------------------------------------------------------------------------


def request_o2a(
    headers: Headers,
    ctx: Context,
    *,
    api_key: str | None,
    passthrough: Iterable[str],
    secrets: tuple[str, ...],
) -> Headers:
    """OpenAI client request headers -> the headers of the Anthropic upstream request."""
    options = ctx.options
    out: Headers = {}
    key = _checked_key(api_key)
    auth = headers.get("authorization")
    if auth is not None:
        token = _bearer(auth)
        if token is None:
            ctx.lose("authorization (not Bearer)", "headers.authorization")
        elif key is None:
            if _SAFE_VALUE.fullmatch(token):
                key = token
            else:
                ctx.lose("(bad value)", "headers.authorization")
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
    for name in OPENAI_ONLY_REQUEST_HEADERS:
        if name in headers:
            ctx.lose(name, f"headers.{name}")
    _copy_passthrough(headers, out, passthrough, secrets, ctx)
    return out


def request_a2o(
    headers: Headers,
    ctx: Context,
    *,
    api_key: str | None,
    passthrough: Iterable[str],
    secrets: tuple[str, ...],
) -> Headers:
    """Anthropic client request headers -> the headers of the OpenAI upstream request."""
    out: Headers = {}
    key = _checked_key(api_key)
    x_api_key = headers.get("x-api-key")
    auth = headers.get("authorization")
    token = _bearer(auth) if auth is not None else None
    if auth is not None and token is None:
        ctx.lose("authorization (not Bearer)", "headers.authorization")
    if x_api_key is not None and token is not None and x_api_key.strip(_OWS) != token:
        # "x-api-key is preferred when both are present" (observed behaviour of the Anthropic API)
        ctx.lose("authorization (with x-api-key)", "headers.authorization")
    if key is None:
        for name, candidate in (("x-api-key", x_api_key), ("authorization", token)):
            if candidate is None:
                continue
            candidate = candidate.strip(_OWS)
            if candidate and _SAFE_VALUE.fullmatch(candidate):
                key = candidate
                break
            ctx.lose("(bad value)", f"headers.{name}")
    if key is not None:
        out["authorization"] = f"Bearer {key}"
    out["content-type"] = "application/json"
    for name in ANTHROPIC_ONLY_REQUEST_HEADERS:
        if name in headers:
            ctx.lose(name, f"headers.{name}")
    _copy_passthrough(headers, out, passthrough, secrets, ctx)
    return out


def _checked_key(api_key: Any) -> str | None:
    if api_key is None:
        return None
    if not isinstance(api_key, str) or not api_key or _SAFE_VALUE.fullmatch(api_key) is None:
        raise InvalidInputError("api_key must be a non-empty str of visible ASCII", path="api_key")
    return api_key


def _betas(betas: Any) -> str:
    if isinstance(betas, str) or not isinstance(betas, Iterable):
        raise InvalidInputError(
            "anthropic_beta must be a sequence of beta names", path="options.anthropic_beta"
        )
    names = list(betas)
    for name in names:
        if not isinstance(name, str) or _TOKEN.fullmatch(name.lower()) is None:
            raise InvalidInputError(f"not a beta name: {name!r}", path="options.anthropic_beta")
    return ",".join(names)


# -- response headers ----------------------------------------------------------------------------

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
) -> Headers:
    """Response headers of one protocol -> the other's (see the module docstring)."""
    rules = _A2O if to_openai else _O2A
    out: Headers = {}
    for name, raw in headers.items():
        rule = rules.get(name)
        if rule is None:
            continue
        target, is_reset = rule
        value = raw.strip(_OWS)
        path = f"headers.{name}"
        if not usable(value, secrets):
            ctx.lose("(bad value)", path)
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
                ctx.lose(name, path, kind="dropped", detail=f"not a valid reset value: {value!r}")
                continue
            value = converted
        out[target] = value
    _copy_passthrough(headers, out, passthrough, secrets, ctx)
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


# -- durations and times ---------------------------------------------------------------------------

# Go's time.Duration.String() (what OpenAI's headers look like: "1s", "6m0s", "12ms", "1h2m3.5s"),
# and ParseDuration's units. A bare number is read as seconds (some compatible servers send one).
_DURATION: Final = re.compile(r"(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+")
_DURATION_PART: Final = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_BARE_SECONDS: Final = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_UNIT_SECONDS: Final = {
    "ns": Decimal("1e-9"),
    "us": Decimal("1e-6"),
    "µs": Decimal("1e-6"),  # Go accepts both micro signs (U+00B5 and U+03BC)
    "μs": Decimal("1e-6"),
    "ms": Decimal("1e-3"),
    "s": Decimal(1),
    "m": Decimal(60),
    "h": Decimal(3600),
}
#: Longer than any rate-limit window; a longer "duration" is treated as garbage.
_MAX_DURATION: Final = timedelta(days=3650)


def parse_duration(text: str) -> timedelta | None:
    """A Go duration (``6m0s``, ``12ms``, ``1h2m3.5s``, ``0``) or bare seconds, rounded up to the
    microsecond; None when it is not one (or longer than ten years)."""
    text = text.strip(_OWS)
    try:
        if _BARE_SECONDS.fullmatch(text):
            seconds = Decimal(text)
        elif _DURATION.fullmatch(text):
            seconds = sum(
                (Decimal(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(text)),
                Decimal(0),
            )
        else:
            return None
        micros = int((seconds * 1_000_000).to_integral_value(rounding="ROUND_CEILING"))
    except (InvalidOperation, OverflowError):  # pragma: no cover - the regexes admit only numbers
        return None
    if micros > _MAX_DURATION // timedelta(microseconds=1):
        return None
    return timedelta(microseconds=micros)


def format_duration(delta: timedelta) -> str:
    """A non-negative duration as Go prints it, at millisecond precision (rounded up)."""
    micros = delta // timedelta(microseconds=1)
    ms = -(-micros // 1000)
    if ms <= 0:
        return "0s"
    if ms < 1000:
        return f"{ms}ms"
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    sec = f"{seconds}.{millis:03d}".rstrip("0") if millis else str(seconds)
    if hours:
        return f"{hours}h{minutes}m{sec}s"
    if minutes:
        return f"{minutes}m{sec}s"
    return f"{sec}s"


# RFC 3339 5.6 date-time ("T" and "Z" may be lower case; a space is common in the wild).
_RFC3339: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)


def parse_rfc3339(text: str) -> datetime | None:
    """An RFC 3339 date-time as an aware datetime (fractions beyond microseconds truncated)."""
    match = _RFC3339.fullmatch(text.strip(_OWS))
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, offset = match.group(7), match.group(8)
    micros = int((fraction[1:] + "000000")[:6]) if fraction else 0
    if offset in ("Z", "z"):
        tz = timezone.utc
    else:
        sign = -1 if offset[0] == "-" else 1
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 23 or minutes > 59:
            return None
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return datetime(year, month, day, hour, minute, second, micros, tzinfo=tz)
    except ValueError:  # month 13, a leap second, ...
        return None


def format_rfc3339(when: datetime) -> str:
    """An aware datetime in UTC, ``2026-01-02T03:04:05Z`` (``.123`` when it has milliseconds)."""
    utc = when.astimezone(timezone.utc)
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T"
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    millis = utc.microsecond // 1000
    return f"{text}.{millis:03d}Z" if millis else f"{text}Z"
