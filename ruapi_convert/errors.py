"""
ruapi_convert.errors
~~~~~~~~~~~~~~~~~~~~

The only exceptions the library raises on bad input.

Like h11's ``ProtocolError``, :class:`ConversionError` is abstract: code raises one of the concrete
subclasses, and callers catch the base. Every message names the JSON path of the offending value
(``messages[3].content[0].source.media_type``) so that a gateway can hand it back to its client as a
400 without further work. If anything else escapes from this package on any input, that is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .losses import Loss

__all__ = [
    "ConversionError",
    "InvalidInputError",
    "LossyConversionError",
    "StreamProtocolError",
    "UnsupportedError",
]


class ConversionError(Exception):
    """Base of every error this library raises on bad or unconvertible input.

    ``path`` is the JSON path of the offending value (``""`` for the whole body).
    ``status_hint`` is the HTTP status a gateway should answer with (400 unless a subclass knows better).
    """

    status_hint: int = 400

    def __init__(self, message: str, *, path: str = "") -> None:
        if type(self) is ConversionError:
            raise TypeError("ConversionError is abstract: raise one of its subclasses")
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInputError(ConversionError, ValueError):
    """The input is not a valid payload of its protocol (wrong type, missing field, bad JSON or UTF-8).

    When the error comes from model validation, the pydantic ``ValidationError`` is chained as
    ``__cause__``; ``errors`` lists every problem found as ``(path, message)`` pairs.
    """

    def __init__(
        self, message: str, *, path: str = "", errors: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__(message, path=path)
        self.errors: tuple[tuple[str, str], ...] = tuple(errors) or ((path, message),)


class UnsupportedError(ConversionError):
    """The input is valid but has no counterpart in the target protocol (for example ``n > 1``)."""


class LossyConversionError(ConversionError):
    """Raised instead of returning a result when ``strict=True`` and the conversion lost something."""

    def __init__(self, losses: Sequence[Loss]) -> None:
        self.losses: tuple[Loss, ...] = tuple(losses)
        first = self.losses[0] if self.losses else None
        more = f" (and {len(self.losses) - 1} more)" if len(self.losses) > 1 else ""
        detail = f"{first.kind}: {first.detail}{more}" if first else "lossy conversion"
        super().__init__(detail, path=first.path if first else "")


class StreamProtocolError(ConversionError):
    """A stream event arrived that its protocol does not allow here (out of order, unknown block, …).

    ``event_hint`` is the target-protocol error event a proxy should send downstream before closing
    the client stream (wsproto's ``event_hint``), or ``None`` when nothing can be sent any more.
    """

    status_hint = 502

    def __init__(self, message: str, *, path: str = "", event_hint: Any = None) -> None:
        super().__init__(message, path=path)
        self.event_hint = event_hint
