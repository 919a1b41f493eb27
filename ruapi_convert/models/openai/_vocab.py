"""
ruapi_convert.models.openai._vocab
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Vocabularies of Chat Completions that OpenAI grows over time.

Every vocabulary here is *open*: the known values are listed (so type checkers and readers see them),
and any other string is accepted too, because a gateway must not reject a body only because OpenAI
added a service tier or an effort level after this library was written.
"""

from typing import Literal, TypeAlias, Union

__all__ = [
    "ChatCompletionRole",
    "FinishReason",
    "ReasoningEffort",
    "ServiceTier",
]

#: Why a choice stopped. ``function_call`` is the deprecated pre-``tools`` value; ``stop`` covers both
#: a natural end and a matched stop sequence (OpenAI does not say which).
FinishReason: TypeAlias = Union[
    Literal["stop", "length", "tool_calls", "content_filter", "function_call"], str
]

#: Processing tier asked for (request) or actually used (response; ``fast`` is reported as ``priority``).
ServiceTier: TypeAlias = Union[Literal["auto", "default", "flex", "scale", "priority", "fast"], str]

#: ``reasoning_effort`` levels; not every model accepts every level.
ReasoningEffort: TypeAlias = Union[
    Literal["none", "minimal", "low", "medium", "high", "xhigh", "max"], str
]

#: Author of a message (``ChatCompletionRole`` in the SDK); ``function`` is deprecated.
ChatCompletionRole: TypeAlias = Union[
    Literal["developer", "system", "user", "assistant", "tool", "function"], str
]
