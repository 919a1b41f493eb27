"""
ruapi_convert.mapping._ledger
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The bookkeeping every mapping shares: fate rows, the tables they belong to, vocabulary entries,
and the :class:`Context` one conversion carries (its options and the losses found so far).

Rule: a loss is reported only through a row. A row is an object declared next to the code that
reports it (``STOP_REASON = A2O_RESPONSE.mapped("stop_reason", ...)``), and ``ctx.lose(ROW, path)``
takes the object, so a misspelt row is a mypy error, not a runtime surprise. Each row also says
what ``docs/mapping.md`` promises about its field; the document is rendered from the tables.

A row names a field of the *source* protocol by a path pattern (``messages[].content[].detail``;
``[]`` stands for any index) and gives its fate:

``mapped``        carried to the named target field with the same meaning
``carried``       no standard target field: carried in the documented extension field named in
                  ``to`` when extensions are on, dropped and reported otherwise
``approximated``  carried in a form that does not mean exactly the same; always reported
``dropped``       no counterpart; always reported
``defaulted``     the target needs a value the source lacks; the documented default is reported
``refused``       raises UnsupportedError: no faithful result exists (``n > 1``)
``stateful``      needs server-side state (a stored response, conversation or prompt); always
                  reported, with loss kind ``stateful``, unless the caller supplied the state

Loss text is read by people and written to logs, and it can quote the input. A value quoted in a
detail goes through :func:`quote` (at most :data:`QUOTE_LIMIT` characters, the full length
stated); :class:`Context` cuts an unknown key in a path the same way, bounds any detail it is
given to :data:`DETAIL_LIMIT` characters as a safety net, and replaces every credential it was
given (``secrets``) with ``[redacted]`` in paths and details, exactly as error bodies are scrubbed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

from .._json import path_join
from .._quote import QUOTE_LIMIT, quote  # re-exported: the helper mapping code quotes values with
from ..errors import LossyConversionError
from ..losses import Converted, Loss, LossKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from ..options import Options
    from .dialects import Dialect

__all__ = [
    "A2O_REQUEST",
    "A2O_RESPONSE",
    "A2R_REQUEST",
    "A2R_RESPONSE",
    "O2A_REQUEST",
    "O2A_RESPONSE",
    "O2R_REQUEST",
    "O2R_RESPONSE",
    "R2A_REQUEST",
    "R2A_RESPONSE",
    "R2O_REQUEST",
    "R2O_RESPONSE",
    "Context",
    "Counterpart",
    "DETAIL_LIMIT",
    "QUOTE_LIMIT",
    "Fate",
    "FateKind",
    "FateTable",
    "Json",
    "quote",
    "scrub",
]

T = TypeVar("T")

#: A JSON object as the converters handle it: a plain dict (the models' wire form).
Json = dict[str, Any]

FateKind = Literal[
    "mapped", "carried", "approximated", "dropped", "defaulted", "refused", "stateful"
]


@dataclass(frozen=True, slots=True, eq=False)
class Fate:
    """The fate of one source field in one direction (one row of ``docs/mapping.md``).

    Rows compare by identity: two rows are the same row only if they are the same object.
    """

    field: str
    fate: FateKind
    to: str = ""
    note: str = ""
    #: For a row about members of a tagged union (``content[] (server-tool blocks)``): the tags it
    #: covers. A non-mapped row covers those members' fields too.
    types: tuple[str, ...] = ()

    def loss_kind(self) -> LossKind:
        """The kind of a loss of this field when the reporting code names none."""
        if self.fate in ("approximated", "defaulted", "stateful"):
            return self.fate
        # a mapped field is lost only in an edge case, where the value survives in some form
        return "approximated" if self.fate == "mapped" else "dropped"

    def loss_detail(self) -> str:
        if self.fate == "carried":
            return f"no standard field; {self.note or 'carried in ' + self.to} (extension fields are off for this conversion)"
        return self.note or f"{self.field} is {self.fate}"


class FateTable:
    """The rows of one direction (one table of ``docs/mapping.md``).

    Concept modules add their rows with :meth:`mapped`, :meth:`carried` … at import time; the
    table keeps them in field order for the docs, so the order of imports does not matter.
    """

    __slots__ = ("_rows", "direction", "title")

    def __init__(self, title: str, direction: str, rows: Iterable[Fate] = ()) -> None:
        self.title = title
        self.direction = direction
        self._rows: dict[str, Fate] = {}
        for row in rows:
            self.add(row)

    def add(self, row: Fate) -> Fate:
        if row.field in self._rows:
            raise ValueError(f"duplicate fate row {row.field!r} in {self.title}")
        self._rows[row.field] = row
        return row

    def _new(self, field: str, fate: FateKind, to: str, note: str, types: tuple[str, ...]) -> Fate:
        return self.add(Fate(field, fate, to, note, types))

    def mapped(self, field: str, to: str = "", note: str = "") -> Fate:
        return self._new(field, "mapped", to, note, ())

    def carried(
        self, field: str, to: str = "", note: str = "", types: tuple[str, ...] = ()
    ) -> Fate:
        return self._new(field, "carried", to, note, types)

    def approximated(self, field: str, to: str = "", note: str = "") -> Fate:
        return self._new(field, "approximated", to, note, ())

    def dropped(self, field: str, note: str = "") -> Fate:
        return self._new(field, "dropped", "", note, ())

    def defaulted(self, field: str, to: str = "", note: str = "") -> Fate:
        return self._new(field, "defaulted", to, note, ())

    def refused(self, field: str, note: str = "") -> Fate:
        return self._new(field, "refused", "", note, ())

    def stateful(self, field: str, note: str = "") -> Fate:
        return self._new(field, "stateful", "", note, ())

    def row(self, field: str) -> Fate:
        return self._rows[field]

    def __iter__(self) -> Iterator[Fate]:
        return iter(sorted(self._rows.values(), key=_row_order))

    def __contains__(self, field: object) -> bool:
        return field in self._rows


def _row_order(row: Fate) -> tuple[str, str]:
    """Rows sort by field path, a qualified row (``messages[] (tool)``) right after its base."""
    base, _, qualifier = row.field.partition(" (")
    return base, qualifier


#: The four body directions. Each concept module adds the rows of the fields it decides.
O2A_REQUEST = FateTable("OpenAI request -> Anthropic request", "openai_to_anthropic_request")
A2O_REQUEST = FateTable("Anthropic request -> OpenAI request", "anthropic_to_openai_request")
A2O_RESPONSE = FateTable("Anthropic response -> OpenAI response", "anthropic_to_openai_response")
O2A_RESPONSE = FateTable("OpenAI response -> Anthropic response", "openai_to_anthropic_response")


@dataclass(frozen=True, slots=True)
class Counterpart:
    """One vocabulary entry: the target value, whether it means exactly the same, and why."""

    value: str
    exact: bool = True
    note: str = ""


# -- loss text -----------------------------------------------------------------------------------

#: The most characters of a detail given to :meth:`Context.lose`: a net under details that quote a
#: value without :func:`quote`, with room for one quoted value (and its length) and the sentence
#: around it. A row's own note, which quotes nothing, is never cut.
DETAIL_LIMIT: Final = 500

_REDACTED: Final = "[redacted]"


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every exact occurrence of a credential replaced by ``[redacted]`` (longest
    credentials first, as :func:`ruapi_convert.gateway._text.credentials` orders them)."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, _REDACTED)
    return text


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with the full length stated. Scrub before cutting:
    a credential cut in half would no longer be found."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def _cut_key(key: str, secrets: tuple[str, ...]) -> str:
    """An unknown key for a loss path: scrubbed, then cut like a quoted value (the detail states
    its length)."""
    key = scrub(key, secrets)
    return key if len(key) <= QUOTE_LIMIT else key[:QUOTE_LIMIT] + "…"


class Context:
    """Options plus the loss list of one conversion (one request, response or stream).

    ``secrets`` (credentials, longest first) never appear in a loss: they become ``[redacted]``.
    """

    __slots__ = ("dialect", "losses", "options", "secrets")

    def __init__(self, options: Options, *, secrets: Iterable[str] = ()) -> None:
        self.options = options
        self.losses: list[Loss] = []
        self.secrets: tuple[str, ...] = _longest_first(secrets) if secrets else ()
        #: The upstream's dialect, set by a conversion that reads one (see mapping.dialects).
        self.dialect: Dialect | None = None

    def with_secrets(self, secrets: Iterable[str]) -> Context:
        """A context that records into this one's loss list and also scrubs ``secrets``."""
        child = Context(self.options, secrets=(*self.secrets, *secrets))
        child.losses = self.losses
        child.dialect = self.dialect
        return child

    def quote(self, value: object) -> str:
        """:func:`quote` of ``value`` with this context's secrets scrubbed first (a credential cut
        in half by the limit would not be found afterwards)."""
        if isinstance(value, str) and self.secrets:
            value = scrub(value, self.secrets)
        return quote(value)

    def lose(self, row: Fate, path: str, *, kind: LossKind | None = None, detail: str = "") -> None:
        """Record that the input at ``path`` (an instance of ``row``'s field) was not kept.

        ``kind`` and ``detail`` default to the row's; pass them for edge cases of a mapped field
        (a temperature that had to be clamped, an id that had to be rewritten). A detail longer
        than :data:`DETAIL_LIMIT` is cut; secrets are scrubbed from path and detail.
        """
        secrets = self.secrets
        # a row's own note is static text: only a detail made from the input needs the net
        detail = _cut(scrub(detail, secrets), DETAIL_LIMIT) if detail else row.loss_detail()
        if secrets:
            path = scrub(path, secrets)
        self.losses.append(Loss(path, kind or row.loss_kind(), detail))

    def carry(self, row: Fate, path: str) -> bool:
        """True when extension fields are on; otherwise report ``row`` as lost and return False."""
        if self.options.extensions:
            return True
        self.lose(row, path)
        return False

    def unknown(self, obj: Mapping[str, Any], known: frozenset[str], path: str) -> None:
        """Report every key of ``obj`` that is not in ``known`` as an unknown field."""
        if obj.keys() <= known:
            return
        secrets = self.secrets
        for key in sorted(obj.keys() - known):
            self.losses.append(
                Loss(
                    path_join(scrub(path, secrets), _cut_key(key, secrets)),
                    "unknown",
                    f"{self.quote(key)} is not part of the protocol as this library knows it; it was not carried over",
                )
            )

    def finish(self, value: T) -> Converted[T]:
        """The result; with ``strict=True`` any loss raises :class:`LossyConversionError` instead."""
        if self.losses and self.options.strict:
            raise LossyConversionError(self.losses)
        return Converted(value, tuple(self.losses))

    def merge(self, losses: Iterable[Loss]) -> None:
        self.losses.extend(losses)


def _longest_first(secrets: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({s for s in secrets if s}, key=len, reverse=True))


#: The Responses <-> Chat Completions directions ("openai" is Chat Completions in every name).
R2O_REQUEST = FateTable("Responses request -> OpenAI request", "responses_to_openai_request")
O2R_RESPONSE = FateTable("OpenAI response -> Responses response", "openai_to_responses_response")
O2R_REQUEST = FateTable("OpenAI request -> Responses request", "openai_to_responses_request")
R2O_RESPONSE = FateTable("Responses response -> OpenAI response", "responses_to_openai_response")

#: The Responses <-> Anthropic Messages directions (Codex in front of Claude, Claude Code in front
#: of a Responses model).
R2A_REQUEST = FateTable("Responses request -> Anthropic request", "responses_to_anthropic_request")
A2R_RESPONSE = FateTable(
    "Anthropic response -> Responses response", "anthropic_to_responses_response"
)
A2R_REQUEST = FateTable("Anthropic request -> Responses request", "anthropic_to_responses_request")
R2A_RESPONSE = FateTable(
    "Responses response -> Anthropic response", "responses_to_anthropic_response"
)
