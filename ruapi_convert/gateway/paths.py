"""
ruapi_convert.gateway.paths
~~~~~~~~~~~~~~~~~~~~~~~~~~~

Which protocol and which operation a request path names, however a client spelt it.

Clients reach a gateway through base URLs their users typed: ``http://gw/v1`` with the OpenAI SDK
(which appends ``/chat/completions``), ``http://gw`` with the Anthropic SDK (``/v1/messages``),
``http://gw/v1`` with the Anthropic SDK (``/v1/v1/messages``), ``http://gw/anthropic`` for a
gateway that mounts each vendor under its own prefix, or no ``/v1`` at all (``/messages``). So a
path is read from its *end*: the last segments name the operation (``chat/completions``,
``messages``, ``messages/count_tokens``, ``responses``, ``responses/input_tokens``, ``models``,
``models/<id>``), and whatever stands before them is a prefix the gateway may look at
(:attr:`Endpoint.prefix`) but the operation does not depend on.

``GET /v1/models`` is the same path for both vendors; :func:`models_protocol` tells them apart by
the headers the SDKs always send (the Anthropic SDK sends ``anthropic-version`` on every request).

Pure string work: no routing framework, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from ._text import read_headers

if TYPE_CHECKING:
    from .headers import HeadersInput

__all__ = [
    "PROTOCOLS",
    "Endpoint",
    "Operation",
    "Protocol",
    "match_path",
    "models_protocol",
    "normalize_path",
]

#: The three protocols, by the names every function uses: ``openai`` is Chat Completions.
Protocol = Literal["openai", "anthropic", "responses"]
PROTOCOLS: Final[tuple[Protocol, ...]] = ("openai", "anthropic", "responses")

#: ``create``: a generation (chat completion, message, response); ``count_tokens``: Anthropic's
#: ``/v1/messages/count_tokens`` and the Responses API's ``/v1/responses/input_tokens``;
#: ``models``: the model list; ``model``: one model (``/v1/models/<id>``).
Operation = Literal["create", "count_tokens", "models", "model"]

#: The last segments of a path -> (protocol, operation, canonical path). Longest suffix wins.
#: ``models`` has no protocol here: both vendors serve it at the same path.
_SUFFIXES: Final[dict[tuple[str, ...], tuple[Protocol | None, Operation, str]]] = {
    ("chat", "completions"): ("openai", "create", "/v1/chat/completions"),
    ("messages",): ("anthropic", "create", "/v1/messages"),
    ("messages", "count_tokens"): ("anthropic", "count_tokens", "/v1/messages/count_tokens"),
    ("responses",): ("responses", "create", "/v1/responses"),
    ("responses", "input_tokens"): ("responses", "count_tokens", "/v1/responses/input_tokens"),
    ("models",): (None, "models", "/v1/models"),
}
_LONGEST: Final = max(len(key) for key in _SUFFIXES)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """What a request path names."""

    #: The protocol the client speaks; None for the model list (see :func:`models_protocol`).
    protocol: Protocol | None
    operation: Operation
    #: The path the vendor documents for the operation (``/v1/messages``).
    path: str
    #: The segments before the operation, joined (``"anthropic/v1"``, ``"v1/v1"``, ``""``).
    prefix: str = ""
    #: The model id of ``/v1/models/<id>`` (ids may hold slashes: ``meta-llama/Llama-3``).
    model: str | None = None


def normalize_path(path: str) -> str:
    """The path without query or fragment, without empty segments and trailing slashes:
    ``//v1//messages/?beta=true`` -> ``/v1/messages``."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    return "/" + "/".join(segment for segment in path.split("/") if segment)


def match_path(path: str) -> Endpoint | None:
    """The endpoint ``path`` names, or None when it names none of ours.

    >>> match_path("/v1/v1/messages").path
    '/v1/messages'
    >>> match_path("/anthropic/v1/messages/count_tokens").operation
    'count_tokens'
    >>> match_path("/chat/completions").protocol
    'openai'
    """
    segments = normalize_path(path).split("/")[1:]
    if segments == [""]:
        return None
    # /v1/models/<id> first: a model id is free text and may end like an operation
    # (".../responses"); the prefix before "models" is not (see _models_index).
    at = _models_index(segments)
    if at is not None and at + 1 < len(segments):
        return Endpoint(
            None,
            "model",
            "/v1/models/{model_id}",
            "/".join(segments[:at]),
            "/".join(segments[at + 1 :]),
        )
    for size in range(min(_LONGEST, len(segments)), 0, -1):
        found = _SUFFIXES.get(tuple(segments[-size:]))
        if found is not None:
            protocol, operation, canonical = found
            return Endpoint(protocol, operation, canonical, "/".join(segments[:-size]))
    return None


def _models_index(segments: list[str]) -> int | None:
    """Where ``models`` starts the operation: right after the prefix, which is made of ``v1``
    and vendor names only (so that ``/v1/models/org/models/x`` keeps ``org/models/x`` as the id)."""
    for at, segment in enumerate(segments):
        if segment == "models":
            return at
        if segment not in _PREFIX_WORDS:
            return None
    return None


#: What may stand before ``models/<id>``: a model id is free text, so the prefix is not.
_PREFIX_WORDS: Final = frozenset({"v1", "anthropic", "openai", "responses", "api"})


def models_protocol(headers: HeadersInput) -> Protocol:
    """Whose model list a ``GET /v1/models`` asks for: ``anthropic`` when the request carries
    ``anthropic-version`` (every Anthropic SDK request does) or only an ``x-api-key``, else
    ``openai``. Raises :class:`~ruapi_convert.errors.InvalidInputError` for headers that are not
    strings."""
    hdrs, _ = read_headers(headers)
    if "anthropic-version" in hdrs:
        return "anthropic"
    if "x-api-key" in hdrs and "authorization" not in hdrs:
        return "anthropic"
    return "openai"
