"""
ruapi_convert.gateway._text
~~~~~~~~~~~~~~~~~~~~~~~~~~~

What may cross into a header or an error message: headers read from any mapping, credentials
found in them, and the guards every output value passes (visible ASCII only, no credential).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from ..errors import InvalidInputError
from ..mapping._ledger import scrub  # one scrubber for bodies, headers and loss text

__all__ = [
    "MIN_SECRET_LENGTH",
    "OWS",
    "SAFE_VALUE",
    "TOKEN",
    "Headers",
    "check_now",
    "credentials",
    "normalize",
    "read_headers",
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
SAFE_VALUE: Final = re.compile(r"[\t\x20-\x7e]*")
# RFC 9110 5.1: field-name = token.
TOKEN: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9a-z]+")

# RFC 9110 5.6.3: optional whitespace is space and tab only (str.strip() would also eat U+00A0 ...)
OWS: Final = " \t"


# -- input ---------------------------------------------------------------------------------------


def normalize(headers: Any, *, path: str = "headers") -> Headers:
    """Headers as a dict with lower-case names: from None, a mapping (``httpx.Headers`` included)
    or an iterable of ``(name, value)`` pairs of ``str``. A later duplicate name wins."""
    return read_headers(headers, path=path)[0]


def read_headers(headers: Any, *, path: str = "headers") -> tuple[Headers, frozenset[str]]:
    """:func:`normalize`, and the field names every ``Connection`` line lists (RFC 9110 7.6.1),
    lower-cased: hop-by-hop for this message. Every line counts, as its values would be joined with
    commas, although only the last value of a duplicate name stays in the dict."""
    if headers is None:
        return {}, frozenset()
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
    named: set[str] = set()
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidInputError("headers must be (name, value) pairs", path=path)
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidInputError(
                f"header names and values must be str, got {type(name).__name__}: {type(value).__name__}",
                path=path,
            )
        name = name.strip(OWS).lower()
        out[name] = value
        if name == "connection":
            named.update(t.strip(OWS).lower() for t in value.split(","))
    named.discard("")
    return out, frozenset(named)


def credentials(headers: Headers, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every credential in the auth headers (whole value and token after the scheme) and in
    ``extra``, longest first, that is long enough to look for in text."""
    found: set[str] = set()
    for name in _CREDENTIAL_HEADERS:
        value = headers.get(name)
        if value is None:
            continue
        found.add(value.strip(OWS))
        _, _, token = value.strip(OWS).partition(" ")
        found.add(token.strip(OWS))
    for value in extra:
        if not isinstance(value, str):
            raise InvalidInputError("redact must be an iterable of str", path="redact")
        found.add(value)
    return tuple(sorted((s for s in found if len(s) >= MIN_SECRET_LENGTH), key=len, reverse=True))


def usable(value: str, secrets: tuple[str, ...]) -> bool:
    return SAFE_VALUE.fullmatch(value) is not None and not any(s in value for s in secrets)


def check_now(now: Any) -> datetime | None:
    if now is None:
        return None
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise InvalidInputError("now must be a timezone-aware datetime", path="now")
    return now
