"""
ruapi_convert._quote
~~~~~~~~~~~~~~~~~~~~

Input values quoted in text a person or a log reads (loss details, error messages): escaped, so a
line break cannot forge a log line, and bounded, so a megabyte of input does not become a megabyte
of message. Every module that quotes a caller's or an upstream's value uses :func:`quote`.
"""

from __future__ import annotations

from typing import Final

__all__ = ["QUOTE_LIMIT", "quote"]

#: The most characters of a value :func:`quote` shows.
QUOTE_LIMIT: Final = 200


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr`` of ``value`` (quotes and escaped line breaks for a str), cut to ``limit``
    characters with the full length stated: ``'aaaa…' (12,345 characters)``. Never raises, even
    for an int too long for Python to print."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit] + '…'!r} ({len(value):,} characters)"
    try:
        text = repr(value)
    except ValueError:  # an int of more digits than sys.get_int_max_str_digits() allows
        size = value.bit_length() if isinstance(value, int) else 0
        return f"an integer of {size:,} bits"
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
