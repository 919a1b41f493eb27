"""The gateway's routing: which upstream (protocol, dialect, base URL, key) serves which model,
read from a small TOML file::

    [gateway]
    history = "gateway-history.sqlite3"   # SQLite file for previous_response_id (":memory:" too)
    timeout = 600                          # seconds for one upstream exchange
    loss_header = false                    # always add x-ruapi-losses (a client can ask for it)

    [upstreams.claude]
    protocol = "anthropic"                 # openai (Chat Completions), anthropic, responses
    base_url = "https://api.anthropic.com" # "/v1/..." is appended (a base ending in /v1 is fine too)
    api_key_env = "ANTHROPIC_API_KEY"      # or api_key = "..."
    dialect = "anthropic"                  # the server's dialect (docs/dialects.md); none: standard
    count_tokens = true                    # the upstream serves its protocol's token counting

    [[routes]]
    model = "claude-*"                     # fnmatch pattern of the client's model
    upstream = "claude"
    upstream_model = "claude-sonnet-4-5"   # optional: the model name the upstream gets

The first route whose pattern matches wins. Literal model names (no wildcard) are what
``GET /v1/models`` lists.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Any

import ruapi_convert as rc
from ruapi_convert.gateway import PROTOCOLS, Protocol

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with tomli (examples/gateway/requirements.txt)
    import tomli as tomllib


log = logging.getLogger("ruapi_gateway")


class ConfigError(ValueError):
    """The configuration is wrong; the message names the key."""


@dataclass(frozen=True)
class Upstream:
    name: str
    protocol: Protocol
    base_url: str
    api_key: str = ""
    dialect: str | None = None
    count_tokens: bool = True
    options: rc.Options = field(default_factory=rc.Options)

    def url(self, path: str) -> str:
        """The upstream URL of a canonical path (``/v1/messages``)."""
        base = self.base_url.rstrip("/")
        if base.endswith("/v1"):
            return base + path[len("/v1") :]
        return base + path


@dataclass(frozen=True)
class Route:
    pattern: str
    upstream: Upstream
    upstream_model: str | None = None


@dataclass(frozen=True)
class Config:
    upstreams: dict[str, Upstream]
    routes: tuple[Route, ...]
    history: str = ":memory:"
    timeout: float = 600.0
    loss_header: bool = False

    def route(self, model: Any) -> Route | None:
        if not isinstance(model, str):
            return None
        return next((r for r in self.routes if fnmatch.fnmatchcase(model, r.pattern)), None)

    def models(self) -> list[tuple[str, Upstream]]:
        """The literal model names of the routes, with their upstreams."""
        return [
            (r.pattern, r.upstream) for r in self.routes if not any(c in r.pattern for c in "*?[")
        ]


def load_config(text: str) -> Config:
    """A :class:`Config` from TOML text; :class:`ConfigError` names what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not TOML: {exc}") from exc
    gateway = data.get("gateway", {})
    upstreams = {name: _upstream(name, table) for name, table in data.get("upstreams", {}).items()}
    routes = []
    for at, table in enumerate(data.get("routes", [])):
        name = table.get("upstream")
        if name not in upstreams:
            raise ConfigError(f"routes[{at}].upstream: no upstream named {name!r}")
        if not isinstance(table.get("model"), str):
            raise ConfigError(f"routes[{at}].model: a model name or pattern is required")
        routes.append(Route(table["model"], upstreams[name], table.get("upstream_model")))
    return Config(
        upstreams,
        tuple(routes),
        history=str(gateway.get("history", ":memory:")),
        timeout=float(gateway.get("timeout", 600)),
        loss_header=bool(gateway.get("loss_header", False)),
    )


def _upstream(name: str, table: dict[str, Any]) -> Upstream:
    protocol = table.get("protocol")
    if protocol not in PROTOCOLS:
        raise ConfigError(f"upstreams.{name}.protocol: one of {', '.join(PROTOCOLS)}")
    base_url = table.get("base_url")
    if not isinstance(base_url, str):
        raise ConfigError(f"upstreams.{name}.base_url is required")
    key = table.get("api_key") or os.environ.get(table.get("api_key_env", ""), "")
    dialect = table.get("dialect")
    if dialect is None:
        # The library's guess is for logs and configuration screens, not for sending: say it.
        guess = rc.guess_dialect(base_url)
        if guess is not None:
            log.info("upstreams.%s: no dialect set; its URL looks like %r", name, guess)
    return Upstream(
        name,
        protocol,
        base_url,
        key,
        dialect,
        bool(table.get("count_tokens", True)),
        _options(name, protocol, dialect),
    )


def _options(name: str, protocol: Protocol, dialect: Any) -> rc.Options:
    """One Options per upstream, its dialect in it: checked here, so that a wrong name (or one of
    the other side: ``bedrock`` for a Chat upstream) fails at startup, not on the first request."""
    try:
        options = rc.Options(dialect=dialect)
    except rc.ConversionError as exc:
        raise ConfigError(f"upstreams.{name}.dialect: {exc}") from exc
    side = "anthropic" if protocol == "anthropic" else "openai"
    if dialect is not None and dialect != "roundtrip" and rc.DIALECTS[dialect].side != side:
        raise ConfigError(
            f"upstreams.{name}.dialect: {dialect!r} is an {rc.DIALECTS[dialect].side}-side "
            f"dialect; this upstream speaks {protocol}"
        )
    return options
