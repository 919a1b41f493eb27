"""What each ``anthropic-version`` rejects that the request schema itself allows.

``2026-10-21`` (docs: /docs/en/api/versioning and the 2026-10-21 migration guide) removed three
things that ``2023-06-01`` accepts; a request that uses them gets a 400:

* ``temperature``, ``top_p`` and ``top_k``;
* a ``document`` block directly in an ``assistant`` message;
* a ``text`` block with non-empty ``citations`` in a ``user`` message, directly or inside a
  ``search_result`` or a ``tool_result``'s content.

Sampling parameters that are present but ``null`` are *not* reported: only a value asks for a
sampling behaviour. (A third-party test saw "Extra inputs are not permitted" for a value; nothing
public shows what an explicit ``null`` gets, so a caller that must be safe drops the key anyway.)
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ... import _json
from ..._quote import quote
from ...errors import UnsupportedError
from ._request import MessageCreateParams

__all__ = ["API_VERSIONS", "VersionViolation", "version_violations"]

#: The Anthropic API versions this library knows, oldest first.
API_VERSIONS: tuple[str, ...] = ("2023-06-01", "2026-10-21")

_SAMPLING_PARAMS = ("temperature", "top_p", "top_k")


@dataclass(frozen=True)
class VersionViolation:
    """Something in a request that the chosen API version rejects: where it is and why."""

    path: str
    reason: str


def version_violations(
    params: MessageCreateParams, version: str = "2026-10-21"
) -> list[VersionViolation]:
    """List what in ``params`` the API ``version`` would reject (empty when nothing is).

    Raises :class:`~ruapi_convert.errors.UnsupportedError` for a version this library does not know.
    """
    if version not in API_VERSIONS:
        raise UnsupportedError(
            f"unknown Anthropic API version {quote(version)} (known: {', '.join(API_VERSIONS)})",
            path="anthropic-version",
        )
    if version == "2023-06-01":
        return []
    found = [
        VersionViolation(name, f"`{name}` is not accepted by API version {version}")
        for name in _SAMPLING_PARAMS
        if getattr(params, name) is not None
    ]
    for i, message in enumerate(params.messages):
        content = message.get("content")
        if not isinstance(content, list):
            continue
        path = _json.path_join(_json.path_join("messages", i), "content")
        role = message.get("role")
        if role == "assistant":
            found.extend(
                VersionViolation(
                    _json.path_join(path, j),
                    f"a document block in an assistant message is not accepted by API version "
                    f"{version}",
                )
                for j, block in enumerate(content)
                if isinstance(block, dict) and block.get("type") == "document"
            )
        elif role == "user":
            found.extend(
                VersionViolation(
                    where,
                    f"citations in a user message are not accepted by API version {version}",
                )
                for where in _cited_text_blocks(content, path)
            )
    return found


def _cited_text_blocks(blocks: list[Any], path: str, depth: int = 0) -> Iterator[str]:
    """Paths of the ``citations`` of text blocks with citations, also inside nested content."""
    for j, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        here = _json.path_join(path, j)
        kind = block.get("type")
        if kind == "text" and block.get("citations"):
            yield _json.path_join(here, "citations")
        elif kind in ("search_result", "tool_result") and depth < 2:
            inner = block.get("content")
            if isinstance(inner, list):
                yield from _cited_text_blocks(inner, _json.path_join(here, "content"), depth + 1)
