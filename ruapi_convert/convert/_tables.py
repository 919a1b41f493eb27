"""
ruapi_convert.convert._tables
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Every vocabulary mapping between the two protocols, both directions side by side.

Rule 1 (after h11's ``_state.py``): this is the only module where an OpenAI word meets an Anthropic
word. Converters look values up here; ``docs/mapping.md`` is generated from here; tests check which
entries invert. Tables are plain dicts so that a test can walk them. Errors, HTTP headers and
model lists have an annex under the same rule, ``_error_tables.py``.

Where a value has no exact counterpart the entry says so (``exact=False``) and the converter
reports the result as ``approximated``.
"""

from __future__ import annotations

from ..mapping._ledger import Counterpart

__all__ = [
    "Mapping",
]


#: Transitional name of :class:`~ruapi_convert.mapping._ledger.Counterpart`.
Mapping = Counterpart
