"""
ruapi_convert.stream._json_prefix
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Is the text streamed so far still the beginning of one JSON object? Answered as the text grows.

Tool arguments reach an Anthropic client as ``input_json_delta`` fragments, and the Anthropic SDK
re-parses its whole buffer after every fragment (with jiter's partial mode) and raises on anything
that cannot grow into JSON. So a converter may forward a fragment only while the concatenation
stays a JSON-object prefix, and must know when the object is complete (the tool call is over and
the blocks waiting behind it may go). Re-parsing the buffer per fragment, as the SDK does, costs
the square of the arguments' length; this scanner keeps the parser's state between fragments and
reads each character once.

What it accepts is what jiter's partial mode accepts for a buffer that parses to an object (a
property test compares the two), with one deliberate difference: jiter ignores anything after a
complete value, this scanner does not (``{"a":1} x`` is not the beginning of one object). Its
nesting limit is jiter's (201 containers), since deeper input makes the SDK raise.

Example::

    scan = JsonObjectPrefix()
    scan.feed('{"city": "Par')   # True: still a prefix
    scan.complete                # False
    scan.feed('is"}')            # True
    scan.complete                # True
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_DEPTH", "JsonObjectPrefix"]

#: jiter's recursion limit: the 202nd nested container makes ``from_json`` raise.
MAX_DEPTH: Final = 201

# States of the scanner (small ints: compared once per character).
_BEFORE, _KEY_OR_END, _KEY, _COLON, _VALUE, _VALUE_OR_END, _AFTER_VALUE, _DONE = range(8)
_STRING, _ESCAPE, _UNICODE, _NUMBER, _LITERAL, _BROKEN = range(8, 14)

# Number sub-states, after: '-', a leading '0', integer digits, '.', fraction digits, 'e',
# the exponent's sign, exponent digits. A number may end only after a digit.
_MINUS, _ZERO, _INT, _DOT, _FRAC, _EXP, _EXP_SIGN, _EXP_DIGITS = range(8)
_NUMBER_ENDS: Final = frozenset({_ZERO, _INT, _FRAC, _EXP_DIGITS})

_WHITESPACE: Final = " \t\n\r"
_WHITESPACE_RUN: Final = re.compile(r"[ \t\n\r]*")
# What a string holds between its specials (quote, backslash, control characters, which JSON
# forbids unescaped).
_STRING_RUN: Final = re.compile(r'[^"\\\x00-\x1f]*')
_DIGITS: Final = re.compile(r"[0-9]*")
_HEX: Final = frozenset("0123456789abcdefABCDEF")
_SIMPLE_ESCAPES: Final = frozenset('"\\/bfnrt')
_LITERALS: Final = {"t": "rue", "f": "alse", "n": "ull"}


class JsonObjectPrefix:
    """Feed text; learn whether all of it is still the beginning of one JSON object."""

    __slots__ = ("_hex", "_key", "_literal", "_number", "_stack", "_state", "_surrogate")

    def __init__(self) -> None:
        self._state = _BEFORE
        self._stack: list[str] = []  # the open containers' closing characters
        self._key = False  # the string being read is an object key
        self._hex = ""  # the digits of a \\u escape so far
        self._surrogate = False  # the last escape was a high surrogate: a low one must follow
        self._number = _MINUS
        self._literal = ""  # what a true/false/null still needs

    @property
    def started(self) -> bool:
        """The object's ``{`` has been read (whitespace before it is not worth forwarding)."""
        return self._state not in (_BEFORE, _BROKEN)

    @property
    def complete(self) -> bool:
        """The object has been closed (only whitespace may follow)."""
        return self._state == _DONE

    @property
    def broken(self) -> bool:
        return self._state == _BROKEN

    def feed(self, text: str) -> bool:
        """Read ``text``; False (for good) once the input stopped being an object prefix."""
        i, n = 0, len(text)
        while i < n and self._state != _BROKEN:
            i = self._step(text, i, n)
        return self._state != _BROKEN

    def _step(self, text: str, i: int, n: int) -> int:
        """Read from ``text[i]``; return where to go on. One branch per state, the hot ones first."""
        state = self._state
        if state == _STRING:
            if not self._surrogate:
                i = _STRING_RUN.match(text, i).end()  # type: ignore[union-attr]
                if i == n:
                    return i
            c = text[i]
            if c == "\\":
                self._state = _ESCAPE
            elif c == '"' and not self._surrogate:
                self._state = _COLON if self._key else _AFTER_VALUE
            else:  # a control character, or no low surrogate after a high one
                self._state = _BROKEN
            return i + 1
        if state == _ESCAPE:
            c = text[i]
            if c == "u":
                self._state, self._hex = _UNICODE, ""
            elif c in _SIMPLE_ESCAPES and not self._surrogate:
                self._state = _STRING
            else:
                self._state = _BROKEN
            return i + 1
        if state == _UNICODE:
            return self._unicode(text[i], i)
        if state == _NUMBER:
            return self._digits(text, i, n)
        if state == _LITERAL:
            c = text[i]
            if c != self._literal[0]:
                self._state = _BROKEN
            else:
                self._literal = self._literal[1:]
                if not self._literal:
                    self._state = _AFTER_VALUE
            return i + 1
        c = text[i]
        if c in _WHITESPACE:
            return _WHITESPACE_RUN.match(text, i).end()  # type: ignore[union-attr]
        if state == _AFTER_VALUE:
            if c == ",":
                self._state = _KEY if self._stack[-1] == "}" else _VALUE
            elif c == self._stack[-1]:
                self._close()
            else:
                self._state = _BROKEN
            return i + 1
        if state in (_KEY_OR_END, _KEY):
            if c == '"':
                self._state, self._key = _STRING, True
            elif c == "}" and state == _KEY_OR_END:
                self._close()
            else:
                self._state = _BROKEN
            return i + 1
        if state == _COLON:
            self._state = _VALUE if c == ":" else _BROKEN
            return i + 1
        if state == _BEFORE:
            if c == "{":
                self._open("}", _KEY_OR_END)
            else:
                self._state = _BROKEN
            return i + 1
        if state == _VALUE_OR_END and c == "]":
            self._close()
            return i + 1
        if state in (_VALUE, _VALUE_OR_END):
            return self._value(c, i)
        self._state = _BROKEN  # _DONE: nothing but whitespace may follow the object
        return i + 1

    def _value(self, c: str, i: int) -> int:
        if c == '"':
            self._state, self._key = _STRING, False
        elif c == "{":
            self._open("}", _KEY_OR_END)
        elif c == "[":
            self._open("]", _VALUE_OR_END)
        elif c == "-":
            self._state, self._number = _NUMBER, _MINUS
        elif "0" <= c <= "9":
            self._state, self._number = _NUMBER, _ZERO if c == "0" else _INT
        elif c in _LITERALS:
            self._state, self._literal = _LITERAL, _LITERALS[c]
        else:
            self._state = _BROKEN
        return i + 1

    def _digits(self, text: str, i: int, n: int) -> int:
        """A number goes on at ``text[i]``, or ends there (the character is read again)."""
        c = text[i]
        number = self._number
        digit = "0" <= c <= "9"
        if number == _INT or (number in (_FRAC, _EXP_DIGITS) and digit):
            i = _DIGITS.match(text, i).end()  # type: ignore[union-attr]
            if i == n:
                return i
            c = text[i]
            digit = False
        if digit:
            if number == _MINUS:
                self._number = _ZERO if c == "0" else _INT
            elif number == _DOT:
                self._number = _FRAC
            elif number in (_EXP, _EXP_SIGN):
                self._number = _EXP_DIGITS
            else:  # a digit after a leading zero
                self._state = _BROKEN
            return i + 1
        if c == "." and number in (_ZERO, _INT):
            self._number = _DOT
            return i + 1
        if c in "eE" and number in (_ZERO, _INT, _FRAC):
            self._number = _EXP
            return i + 1
        if c in "+-" and number == _EXP:
            self._number = _EXP_SIGN
            return i + 1
        # Anything else ends the number, if it can end here; the character is read again.
        self._state = _AFTER_VALUE if number in _NUMBER_ENDS else _BROKEN
        return i

    def _unicode(self, c: str, i: int) -> int:
        if c not in _HEX:
            self._state = _BROKEN
            return i + 1
        self._hex += c
        if len(self._hex) < 4:
            return i + 1
        code = int(self._hex, 16)
        low = 0xDC00 <= code <= 0xDFFF
        if self._surrogate != low:  # a lone low surrogate, or a high one not followed by a low
            self._state = _BROKEN
        else:
            self._surrogate = 0xD800 <= code <= 0xDBFF
            self._state = _STRING
        return i + 1

    def _open(self, closer: str, state: int) -> None:
        if len(self._stack) == MAX_DEPTH:
            self._state = _BROKEN
            return
        self._stack.append(closer)
        self._state = state

    def _close(self) -> None:
        self._stack.pop()
        self._state = _AFTER_VALUE if self._stack else _DONE
