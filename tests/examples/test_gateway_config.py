"""The example gateway's TOML routing and history store (no sockets)."""

from __future__ import annotations

import dataclasses

import pytest

import ruapi_convert as rc
from examples.gateway.config import ConfigError, load_config
from examples.gateway.history import HistoryStore

TOML = """
[gateway]
timeout = 5
loss_header = true

[upstreams.claude]
protocol = "anthropic"
base_url = "https://api.anthropic.com"
api_key = "k1"

[upstreams.ds]
protocol = "openai"
base_url = "https://api.example.com/v1/"
api_key_env = "RUAPI_TEST_KEY"

[[routes]]
model = "claude-*"
upstream = "claude"

[[routes]]
model = "deepseek-chat"
upstream = "ds"
upstream_model = "deepseek-v4"
"""


def test_routes_match_in_order_and_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first matching pattern wins; literal names are the model list; keys from the env."""
    monkeypatch.setenv("RUAPI_TEST_KEY", "k2")
    config = load_config(TOML)
    claude = config.route("claude-sonnet-4-5")
    assert claude is not None
    assert (claude.upstream.name, claude.upstream.api_key, claude.upstream_model) == (
        "claude",
        "k1",
        None,
    )
    ds = config.route("deepseek-chat")
    assert ds is not None
    assert (ds.upstream.api_key, ds.upstream_model) == ("k2", "deepseek-v4")
    assert config.route("gpt-5") is None
    assert config.route(None) is None
    assert [name for name, _ in config.models()] == ["deepseek-chat"]
    assert (config.timeout, config.loss_header) == (5.0, True)


def test_upstream_urls_with_or_without_v1() -> None:
    """A base URL with /v1 (OpenAI SDK style) or without (Anthropic SDK style) both work."""
    config = load_config(TOML)
    assert config.upstreams["claude"].url("/v1/messages") == "https://api.anthropic.com/v1/messages"
    assert (
        config.upstreams["ds"].url("/v1/chat/completions")
        == "https://api.example.com/v1/chat/completions"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[upstreams.x]\nprotocol = "chat"\nbase_url = "u"\n', "upstreams.x.protocol"),
        ('[upstreams.x]\nprotocol = "openai"\n', "upstreams.x.base_url"),
        ('[[routes]]\nmodel = "m"\nupstream = "nowhere"\n', r"routes\[0\]\.upstream"),
        ("[gateway\n", "not TOML"),
    ],
)
def test_config_errors_name_the_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(text)


def test_a_dialect_reaches_the_options_or_is_refused_clearly() -> None:
    """``dialect`` goes into the upstream's Options; a library without dialect profiles refuses
    the key by name instead of ignoring it."""
    text = '[upstreams.x]\nprotocol = "openai"\nbase_url = "http://127.0.0.1:1"\ndialect = "deepseek"\n'
    if "dialect" in {f.name for f in dataclasses.fields(rc.Options)}:
        options = load_config(text).upstreams["x"].options
        assert getattr(options, "dialect") == "deepseek"  # noqa: B009 - not typed before dialects
    else:
        with pytest.raises(
            ConfigError, match=r"upstreams\.x\.dialect: this ruapi_convert has no dialect"
        ):
            load_config(text)


def test_history_store_round_trip() -> None:
    """Items stored under a response id come back as they went in; unknown ids are None."""
    store = HistoryStore()
    items = [{"type": "message", "role": "user", "content": "hi"}]
    store.put("resp_1", items)
    assert store.get("resp_1") == items
    assert store.get("resp_2") is None
    store.put("resp_1", [])
    assert store.get("resp_1") == []
    store.close()
