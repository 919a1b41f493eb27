"""
ruapi_convert.gateway.dispatch
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

One lookup from (source protocol, target protocol, kind) to the function that converts it, so that
a gateway has one code path for every direction instead of one per pair.

Theory of operation
-------------------

:data:`DIRECTIONS` is the table: one line per (source, target) pair the library converts. The
functions of a line follow the library's naming rule (DESIGN.md 3a) - ``<source>_to_<target>_request``,
``<source>_to_<target>_response`` and ``<Source>To<Target>Stream`` - so a line names only the
pair, and a direction added to the library (Responses <-> Messages) is one more line here.
Names are resolved on first use from the top-level package, so the Responses conversions still
load lazily.

Errors, response headers and model lists belong to a *vendor*, not a protocol: the Responses API
answers them exactly as Chat Completions does (:data:`VENDOR`). Their functions are looked up by
vendor pair in :data:`VENDOR_FUNCTIONS`; a same-vendor pair (and a same-protocol pair of any kind)
gets the pass-through of :mod:`.passthrough`.

A :class:`Conversion` calls its function with the keywords it reads: every conversion takes the
body (or headers, or status/body/headers for errors) and ``options=``/policy keywords; the
per-call values a gateway has at hand (``created``, ``id``, ``model``, ``request``, ``history``,
``include_usage``, ``keepalive``, ``now``) are passed only to the functions whose signature names
them. So a gateway passes the same keywords to every direction. Any other keyword (``strict``,
``dialect`` ...) goes to the function as it is, which raises ``TypeError`` if it does not know it.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from .._quote import quote
from ..errors import UnsupportedError
from . import passthrough
from .paths import PROTOCOLS, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CALL_VALUES",
    "DIRECTIONS",
    "KINDS",
    "VENDOR",
    "VENDOR_FUNCTIONS",
    "Conversion",
    "Kind",
    "conversion",
    "directions",
]

#: What is converted: a request (client -> upstream), a reply, a stream (upstream -> client),
#: an error reply, the response headers, a model list (upstream -> client).
Kind = Literal["request", "response", "stream", "error", "headers", "model_list"]
KINDS: Final[tuple[Kind, ...]] = ("request", "response", "stream", "error", "headers", "model_list")

#: The (source, target) pairs the library converts, one line each. Responses <-> Messages are
#: being written; when ``responses_to_anthropic_request`` & co. exist, add
#: ``("responses", "anthropic")`` and ``("anthropic", "responses")`` here.
DIRECTIONS: Final[tuple[tuple[Protocol, Protocol], ...]] = (
    ("openai", "anthropic"),
    ("anthropic", "openai"),
    ("responses", "openai"),
    ("openai", "responses"),
    ("responses", "anthropic"),
    ("anthropic", "responses"),
)

#: Whose errors, headers and model lists a protocol uses.
VENDOR: Final[dict[Protocol, Protocol]] = {
    "openai": "openai",
    "responses": "openai",
    "anthropic": "anthropic",
}

#: (source vendor, target vendor, kind) -> function name, for the vendor-level kinds.
VENDOR_FUNCTIONS: Final[dict[tuple[Protocol, Protocol, Kind], str]] = {
    ("anthropic", "openai", "error"): "anthropic_to_openai_error",
    ("openai", "anthropic", "error"): "openai_to_anthropic_error",
    ("anthropic", "openai", "headers"): "anthropic_to_openai_headers",
    ("openai", "anthropic", "headers"): "openai_to_anthropic_headers",
    ("anthropic", "openai", "model_list"): "anthropic_to_openai_model_list",
    ("openai", "anthropic", "model_list"): "openai_to_anthropic_model_list",
}

#: The per-call values a :class:`Conversion` hands to the functions that read them.
CALL_VALUES: Final = frozenset(
    {"created", "id", "model", "request", "history", "include_usage", "keepalive", "now"}
)

_CLASS_NAMES: Final[dict[str, str]] = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "responses": "Responses",
}
_VENDOR_KINDS: Final = frozenset({"error", "headers", "model_list"})


@dataclass(frozen=True)
class Conversion:
    """One conversion function, found by :func:`conversion`; call it like the function."""

    source: Protocol
    target: Protocol
    kind: Kind
    #: The library function (or class) it calls.
    function: Callable[..., Any]
    #: The keywords of :data:`CALL_VALUES` the function reads.
    reads: frozenset[str] = field(default=frozenset())

    @property
    def name(self) -> str:
        return getattr(self.function, "__name__", repr(self.function))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the function; values of :data:`CALL_VALUES` it does not read, and ``None``
        values of those it does, are left out."""
        for key in CALL_VALUES & kwargs.keys():
            if key not in self.reads or kwargs[key] is None:
                del kwargs[key]
        return self.function(*args, **kwargs)


def directions() -> tuple[tuple[Protocol, Protocol], ...]:
    """Every (client, upstream) pair a gateway can serve: the converted directions of
    :data:`DIRECTIONS` whose reverse exists too (a reply must come back), and every protocol to
    itself."""
    pairs = set(DIRECTIONS)
    both = [(s, t) for s, t in DIRECTIONS if (t, s) in pairs]
    return (*((p, p) for p in PROTOCOLS), *both)


def conversion(source: Protocol, target: Protocol, kind: Kind) -> Conversion:
    """The conversion of ``kind`` from ``source`` to ``target``.

    For ``request`` the source is the client's protocol; for every other kind it is the
    upstream's. Same protocol (or, for errors, headers and model lists, same vendor): the
    pass-through. A pair not in the table raises
    :class:`~ruapi_convert.errors.UnsupportedError` (naming what exists); an unknown protocol or
    kind, :class:`~ruapi_convert.errors.InvalidInputError`.
    """
    _check(source, "source", PROTOCOLS)
    _check(target, "target", PROTOCOLS)
    _check(kind, "kind", KINDS)
    if kind in _VENDOR_KINDS:
        return _vendor_conversion(source, target, kind)
    if source == target:
        return _passthrough(source, kind)
    if (source, target) not in DIRECTIONS:
        known = ", ".join(f"{s}->{t}" for s, t in DIRECTIONS)
        raise UnsupportedError(
            f"no {kind} conversion from {source} to {target} (the library converts {known})",
            path="",
        )
    if kind == "stream":
        name = f"{_CLASS_NAMES[source]}To{_CLASS_NAMES[target]}Stream"
    else:
        name = f"{source}_to_{target}_{kind}"
    return _resolved(source, target, kind, name)


def _vendor_conversion(source: Protocol, target: Protocol, kind: Kind) -> Conversion:
    vs, vt = VENDOR[source], VENDOR[target]
    if vs == vt:
        return _passthrough(target, kind)
    return _resolved(source, target, kind, VENDOR_FUNCTIONS[vs, vt, kind])


def _resolved(source: Protocol, target: Protocol, kind: Kind, name: str) -> Conversion:
    package = importlib.import_module("ruapi_convert")
    function = getattr(package, name, None)
    if function is None:
        raise UnsupportedError(
            f"the table lists {source}->{target} but ruapi_convert has no {name}", path=""
        )
    return Conversion(source, target, kind, function, _reads(function))


def _passthrough(protocol: Protocol, kind: Kind) -> Conversion:
    """The same-protocol function of ``kind``, with ``protocol`` bound. A pass-through converts
    nothing, so the options a gateway passes to every direction (``options=``, ``strict``,
    ``dialect`` ...) do not apply to it: they are accepted and ignored."""
    function: Callable[..., Any]
    reads: frozenset[str] = frozenset()
    if kind == "request":

        def function(body: Any, **kwargs: Any) -> Any:
            return passthrough.passthrough_request(protocol, body, model=kwargs.get("model"))

        reads = frozenset({"model"})
    elif kind == "response":

        def function(body: Any, **kwargs: Any) -> Any:
            return passthrough.passthrough_response(protocol, body)

    elif kind == "stream":

        def function(*_: Any, **kwargs: Any) -> Any:
            return passthrough.PassthroughStream(protocol)

    elif kind == "error":

        def function(status: int, body: Any, headers: Any = None, **kwargs: Any) -> Any:
            return passthrough.passthrough_error(protocol, status, body, headers)

    elif kind == "headers":

        def function(headers: Any, **kwargs: Any) -> Any:
            names = kwargs.get("passthrough", ())
            return passthrough.passthrough_headers(headers, passthrough=names)

        reads = frozenset({"now"})
    else:

        def function(body: Any, **kwargs: Any) -> Any:
            return passthrough.passthrough_model_list(protocol, body)

    function.__name__ = f"passthrough_{kind}[{protocol}]"
    return Conversion(protocol, protocol, kind, function, reads)


def _reads(function: Callable[..., Any]) -> frozenset[str]:
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):  # pragma: no cover - every library function has one
        return frozenset()
    return CALL_VALUES & parameters.keys()


def _check(value: Any, what: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        from ..errors import InvalidInputError

        raise InvalidInputError(
            f"{what} must be one of {', '.join(allowed)}, got {quote(value)}", path=what
        )
