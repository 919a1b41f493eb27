"""
ruapi_convert.losses
~~~~~~~~~~~~~~~~~~~~

What a conversion could not carry over, and the result type that reports it.

A conversion never drops information silently: every input field either reaches the output or is
described by one :class:`Loss` in :attr:`Converted.losses`. With ``strict=True`` the body functions
raise :class:`~ruapi_convert.errors.LossyConversionError` instead of returning a lossy result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

__all__ = ["Converted", "Loss", "LossKind"]

T = TypeVar("T")

#: ``dropped``: the value has no counterpart and is gone. ``approximated``: it was carried over in a
#: form that does not mean exactly the same (a hoisted system message, a clamped budget).
#: ``defaulted``: the target needs a value the source did not have, and a documented default was
#: filled in. ``unknown``: a field, block or event newer than this library, dropped across protocols.
#: ``stateful``: the value asks a server to store or look up state (``previous_response_id``,
#: ``store: true``, ``item_reference`` ... of the Responses API), which a pure function cannot do;
#: a gateway that keeps the state passes it in (``history=``) or refuses the request (``strict``).
LossKind = Literal["dropped", "approximated", "defaulted", "unknown", "stateful"]


@dataclass(frozen=True, slots=True)
class Loss:
    """One piece of information that did not survive a conversion unchanged."""

    #: JSON path in the *input*, e.g. ``messages[3].content[0].cache_control``.
    path: str
    kind: LossKind
    #: One sentence for a human: what happened to the value and why.
    detail: str

    def __str__(self) -> str:
        return f"{self.path or '<body>'}: {self.kind}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Converted(Generic[T]):
    """The result of a conversion: the target value and what was lost on the way."""

    value: T
    losses: tuple[Loss, ...] = ()

    @property
    def lossless(self) -> bool:
        return not self.losses
