"""
ruapi_convert.convert._context
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The state one conversion carries around: its options and the losses found so far.

Every loss names a row of a fate table (``_fates.py``): the row gives the kind and the default
detail, so that what the code reports and what ``docs/mapping.md`` promises cannot drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from .._json import path_join
from ..errors import LossyConversionError
from ..losses import Converted, Loss, LossKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ..options import Options
    from ._fates import FateTable

T = TypeVar("T")

__all__ = ["Context"]


class Context:
    """Options plus the loss list of one conversion (one request, response or stream)."""

    __slots__ = ("fates", "losses", "options")

    def __init__(self, options: Options, fates: FateTable) -> None:
        self.options = options
        self.fates = fates
        self.losses: list[Loss] = []

    def lose(
        self, field: str, path: str, *, kind: LossKind | None = None, detail: str = ""
    ) -> None:
        """Record that the input at ``path`` (an instance of fate-table row ``field``) was not kept.

        ``kind`` and ``detail`` default to the row's; pass them for edge cases of a mapped field
        (a temperature that had to be clamped, an id that had to be rewritten).
        """
        fate = self.fates.row(field)
        if kind is None and fate.fate == "mapped":
            # a mapped field is only lost in an edge case, which must say what kind of loss it is
            raise LookupError(f"fate row {field!r} is mapped: a loss of it needs an explicit kind")
        self.losses.append(Loss(path, kind or fate.loss_kind(), detail or fate.loss_detail()))

    def unknown(self, obj: Mapping[str, Any], known: frozenset[str], path: str) -> None:
        """Report every key of ``obj`` that is not in ``known`` as an unknown field."""
        if obj.keys() <= known:
            return
        for key in sorted(obj.keys() - known):
            self.losses.append(
                Loss(
                    path_join(path, key),
                    "unknown",
                    f"'{key}' is not part of the protocol as this library knows it; it was not carried over",
                )
            )

    def extensions(self) -> bool:
        return self.options.extensions

    def finish(self, value: T) -> Converted[T]:
        """The result; with ``strict=True`` any loss raises :class:`LossyConversionError` instead."""
        if self.losses and self.options.strict:
            raise LossyConversionError(self.losses)
        return Converted(value, tuple(self.losses))

    def merge(self, losses: Iterable[Loss]) -> None:
        self.losses.extend(losses)
