"""
ruapi_convert.convert._fates
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

What happens to every input field, per direction: the single source of ``docs/mapping.md``.

A row names a field of the *source* protocol by a path pattern (``messages[].content[].detail``;
``[]`` stands for any index, ``*`` for any key) and gives its fate:

``mapped``        carried to the named target field with the same meaning
``carried``       no standard target field: carried in the documented extension field named in
                  ``to`` when ``extensions=True``, dropped and reported when ``extensions=False``
``approximated``  carried in a form that does not mean exactly the same; always reported
``dropped``       no counterpart; always reported
``defaulted``     the target needs a value the source lacks; the documented default is reported
``refused``       raises UnsupportedError: no faithful result exists (``n > 1``)

A conversion reports losses only through a row (``Context.lose(row, path)``), and tests check that
every row exists in the docs and that every field of the models has a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..losses import LossKind

__all__ = ["Fate", "FateKind", "FateTable"]

FateKind = Literal["mapped", "carried", "approximated", "dropped", "defaulted", "refused"]


@dataclass(frozen=True, slots=True)
class Fate:
    """The fate of one source field in one direction."""

    field: str
    fate: FateKind
    to: str = ""
    note: str = ""
    #: For a row about members of a tagged union (``content[] (server-tool blocks)``): the tags it
    #: covers. A non-mapped row covers those members' fields too.
    types: tuple[str, ...] = ()

    def loss_kind(self) -> LossKind:
        if self.fate in ("approximated", "defaulted"):
            return self.fate
        # mapped rows are only reported for an edge case, which passes its own kind
        return "approximated" if self.fate == "mapped" else "dropped"

    def loss_detail(self) -> str:
        if self.fate == "carried":
            return f"no standard field; {self.note or 'carried in ' + self.to} (extensions are off)"
        return self.note or f"{self.field} is {self.fate}"


class FateTable:
    """The rows of one direction, looked up by field pattern."""

    __slots__ = ("_rows", "direction", "title")

    def __init__(self, title: str, direction: str, rows: Iterable[Fate]) -> None:
        self.title = title
        self.direction = direction
        self._rows: dict[str, Fate] = {}
        for row in rows:
            if row.field in self._rows:
                raise ValueError(f"duplicate fate row {row.field!r} in {title}")
            self._rows[row.field] = row

    def row(self, field: str) -> Fate:
        try:
            return self._rows[field]
        except KeyError:  # a converter reporting a field the table does not document is a bug
            raise LookupError(f"no fate row {field!r} in {self.title}") from None

    def __iter__(self) -> Iterator[Fate]:
        return iter(self._rows.values())

    def __contains__(self, field: object) -> bool:
        return field in self._rows
