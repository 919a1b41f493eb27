"""The example gateway's TOML routing and history store (no sockets)."""

from __future__ import annotations

import logging

import pytest

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


def test_a_dialect_reaches_the_options() -> None:
    """``dialect`` goes into the upstream's Options."""
    text = '[upstreams.x]\nprotocol = "openai"\nbase_url = "http://127.0.0.1:1"\ndialect = "deepseek"\n'
    assert load_config(text).upstreams["x"].options.dialect == "deepseek"
    text = '[upstreams.x]\nprotocol = "anthropic"\nbase_url = "http://127.0.0.1:1"\ndialect = "roundtrip"\n'
    assert load_config(text).upstreams["x"].options.dialect == "roundtrip"


@pytest.mark.parametrize(
    ("protocol", "dialect", "message"),
    [
        ("openai", "deepsick", "unknown dialect 'deepsick'"),
        (
            "openai",
            "bedrock",
            "'bedrock' is an anthropic-side dialect; this upstream speaks openai",
        ),
        ("anthropic", "vllm", "'vllm' is an openai-side dialect; this upstream speaks anthropic"),
    ],
)
def test_a_wrong_dialect_fails_at_startup(protocol: str, dialect: str, message: str) -> None:
    """An unknown name, or one of the other side, is a ConfigError naming the key."""
    text = f'[upstreams.x]\nprotocol = "{protocol}"\nbase_url = "http://h"\ndialect = "{dialect}"\n'
    with pytest.raises(ConfigError) as info:
        load_config(text)
    assert str(info.value).startswith("upstreams.x.dialect: ")
    assert message in str(info.value)


def test_no_dialect_is_standard_and_the_guess_is_only_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without ``dialect`` the upstream is standard; the library's guess from the URL is logged."""
    caplog.set_level(logging.INFO, logger="ruapi_gateway")
    text = '[upstreams.ds]\nprotocol = "openai"\nbase_url = "https://api.deepseek.com/v1"\n'
    assert load_config(text).upstreams["ds"].options.dialect is None
    assert "upstreams.ds: no dialect set; its URL looks like 'deepseek'" in caplog.text


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
