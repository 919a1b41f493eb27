"""Loss text quotes input values at a bounded length and never shows a credential."""

from __future__ import annotations

from typing import Any

import ruapi_convert as rc
from ruapi_convert.gateway import (
    anthropic_stream_error,
    anthropic_to_openai_error,
    anthropic_to_openai_headers,
    openai_to_anthropic_error,
)
from ruapi_convert.mapping._ledger import DETAIL_LIMIT, quote

from .gateway.common import KEY

REQUEST = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}


def _texts(losses: Any) -> list[str]:
    return [text for loss in losses for text in (loss.path, loss.detail, str(loss))]


def test_quote_caps_a_value_and_states_its_length() -> None:
    """quote() shows at most 200 characters, escaped, and says how long the value was."""
    assert quote("abc") == "'abc'"
    assert quote("a\r\nb") == "'a\\r\\nb'"
    assert quote("a" * 12_345) == "'" + "a" * 200 + "…' (12,345 characters)"
    assert quote(list(range(1000))).endswith("… (4,890 characters)")
    assert quote(10**10) == "10000000000"


def test_a_long_unknown_key_is_cut_in_path_and_detail() -> None:
    """An unknown key of 5,000 characters: the path shows 200 and an ellipsis, the detail quotes
    200 and states the length."""
    key = "k" * 5000
    losses = rc.openai_to_anthropic_request({**REQUEST, key: 1}).losses
    (loss,) = [loss for loss in losses if loss.kind == "unknown"]
    assert loss.path == "k" * 200 + "…"
    assert "(5,000 characters)" in loss.detail
    assert len(loss.detail) < 400


def test_unknown_keys_with_line_breaks_are_escaped_in_the_detail() -> None:
    """The detail quotes an unknown key with repr: a CR/LF in it cannot forge a log line."""
    losses = rc.openai_to_anthropic_request({**REQUEST, "x\r\nlevel: error": 1}).losses
    (loss,) = [loss for loss in losses if loss.kind == "unknown"]
    assert "\r" not in loss.detail
    assert "\n" not in loss.detail
    assert "'x\\r\\nlevel: error'" in loss.detail


def test_every_detail_has_a_bounded_length() -> None:
    """A value quoted without quote() (an unknown content part type of 100,000 characters) is still
    cut by the context's net."""
    body = {
        "model": "m",
        "messages": [
            {
                "role": "user",
                "content": [{"type": "t" * 100_000, "text": "x"}, {"type": "text", "text": "hi"}],
            }
        ],
    }
    losses = rc.openai_to_anthropic_request(body).losses
    assert losses
    assert all(len(loss.detail) <= DETAIL_LIMIT + 30 for loss in losses)
    assert any("characters)" in loss.detail for loss in losses)


def test_a_model_list_quotes_a_bad_time_at_a_bounded_length() -> None:
    """created_at that is not a time is quoted with quote() in the gateway's own details."""
    model = {"type": "model", "id": "m", "display_name": "M", "created_at": "y" * 5000}
    losses = rc.anthropic_to_openai_model_list({"data": [model], "has_more": False}).losses
    (loss,) = [loss for loss in losses if loss.path == "data[0].created_at"]
    assert "(5,000 characters)" in loss.detail
    assert len(loss.detail) < 300


def test_unknown_keys_of_error_bodies_are_scrubbed_in_losses() -> None:
    """A credential in an unknown key of an error body is [redacted] in the loss path and detail,
    as it is in the body: found in the headers or given as redact=."""
    error = {"type": "api_error", "message": "m", f"x-{KEY}": 1, "a" * 190 + KEY: 2}
    body = {"type": "error", "error": error, KEY: 3}
    for losses in (
        anthropic_to_openai_error(500, body, {"x-api-key": KEY}).losses,
        anthropic_to_openai_error(500, body, redact=[KEY]).losses,
        openai_to_anthropic_error(500, {"error": error, KEY: 1}, redact=[KEY]).losses,
        anthropic_stream_error({"error": {"message": "m", KEY: 1}}, redact=[KEY]).losses,
    ):
        texts = _texts(losses)
        assert any("[redacted]" in text for text in texts)
        assert all(KEY not in text for text in texts)


def test_header_names_holding_a_credential_are_scrubbed_in_losses() -> None:
    """A header named after the key, named in Connection and in passthrough: its loss path says
    [redacted], not the key."""
    headers = {"x-api-key": KEY, KEY.lower(): "v", "connection": KEY}
    losses = anthropic_to_openai_headers(headers, passthrough=[KEY]).losses
    assert [loss.path for loss in losses] == ["headers.[redacted]"]
