"""Where the test payloads live: the repository's own fixtures and the shared recorded corpus.

The corpus (121 recorded real payloads) is not part of the repository. It is looked for in
``$RUAPI_CORPUS``, then in ``shared/corpus`` beside the checkout's folder.
When it is absent, the tests that need it are skipped with a reason that says where it was looked
for (CI has it, so there they always run).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.sse import SSEDecoder

if TYPE_CHECKING:
    from ruapi_convert.models._base import WireModel

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PAYLOADS = FIXTURES / "payloads"

Protocol = Literal["openai", "anthropic"]
Kind = Literal["requests", "responses", "streams"]


#: Recorded requests their source sent to get a 400 (SOURCES.md: "deliberately invalid"), by file
#: name: the models refuse them, at this path (the first of their problems).
REFUSED_REQUESTS: dict[str, str] = {"invalid_max_tokens_null_content.json": "max_tokens"}


def _corpus_candidates() -> list[Path]:
    env = os.environ.get("RUAPI_CORPUS")
    found = [Path(env)] if env else []
    return [*found, ROOT.parent / "shared" / "corpus"]


def corpus_dir() -> Path | None:
    """The shared corpus folder, or None when it is not on this machine."""
    for candidate in _corpus_candidates():
        if (candidate / "SOURCES.md").is_file():
            return candidate
    return None


CORPUS_MISSING = "shared corpus not found (looked in: {}); set RUAPI_CORPUS to its path".format(
    ", ".join(str(p) for p in _corpus_candidates())
)


def _files(base: Path | None, protocol: Protocol, kind: Kind) -> list[Path]:
    if base is None:
        return []
    folder = base / protocol / kind
    suffix = ".sse" if kind == "streams" else ".json"
    return sorted(folder.glob(f"*{suffix}"))


def corpus_files(protocol: Protocol, kind: Kind) -> list[Path]:
    return _files(corpus_dir(), protocol, kind)


def fixture_files(protocol: Protocol, kind: Kind) -> list[Path]:
    return _files(PAYLOADS if PAYLOADS.is_dir() else None, protocol, kind)


def payload_files(protocol: Protocol, kind: Kind) -> list[Path]:
    """Fixture payloads and (when present) corpus payloads of one protocol and kind."""
    return fixture_files(protocol, kind) + corpus_files(protocol, kind)


def stream_files() -> list[Path]:
    return payload_files("openai", "streams") + payload_files("anthropic", "streams")


def response_model(protocol: Protocol, data: dict[str, object]) -> type[WireModel]:
    """The model class of a non-stream response file: a reply, an error body or a model list."""
    if protocol == "openai":
        if "error" in data:
            return oai.ErrorResponse
        return oai.ModelList if data.get("object") == "list" else oai.ChatCompletion
    if data.get("type") == "error":
        return ant.ErrorResponse
    return ant.ModelList if "has_more" in data else ant.Message


def stream_events(path: Path) -> list[dict[str, object]]:
    """The JSON data of every event of a stream file, without OpenAI's [DONE]."""
    decoder = SSEDecoder()
    events = decoder.feed(path.read_bytes()) + decoder.close()
    return [e.json() for e in events if not e.is_done]
