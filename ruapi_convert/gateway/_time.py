"""
ruapi_convert.gateway._time
~~~~~~~~~~~~~~~~~~~~~~~~~~~

The two ways the vendors write a rate-limit reset: Anthropic the time of the reset (RFC 3339),
OpenAI the time until it (a Go duration such as ``6m0s``). Pure functions: "now" is an argument.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Final

__all__ = ["format_duration", "format_rfc3339", "parse_duration", "parse_rfc3339"]

# RFC 9110 5.6.3: optional whitespace is space and tab only (str.strip() would also eat U+00A0 ...)
_OWS: Final = " \t"

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
