"""Every recorded payload, converted, is accepted (requests) or parsed (responses) by the target SDK."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

import json
from typing import TYPE_CHECKING, Any, Literal

import anthropic.types
import openai.types.chat

import ruapi_convert as rc

from ..corpus import REFUSED_REQUESTS, payload_files, response_model
from ..oracles import (
    ANTHROPIC_HEADER_PARAMS,
    LEGACY_ANTHROPIC,
    assert_standard_openai_request,
    send_anthropic,
    send_openai,
)

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.oracle

#: Extension parameters our Anthropic -> OpenAI direction may put on the body (docs/mapping.md).
OPENAI_EXTENSION_PARAMS = frozenset(
    {
        "top_k", "thinking", "cache_control", "speed", "inference_geo", "container", "diagnostics",
        "mcp_servers", "context_management", "compaction", "fallbacks", "fallback_credit_token",
        "billing_policy", "thread", "betas", "user_profile_id", "workspace_id", "output_config",
    }
)  # fmt: skip


def _ids(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.name}"


def _load(path: Path) -> Any:
    return json.loads(path.read_bytes())


def _replies(protocol: Literal["openai", "anthropic"]) -> list[Path]:
    """Response files that hold a reply (not an error body or a model list: see test_errors)."""
    reply = rc.models.openai.ChatCompletion if protocol == "openai" else rc.models.anthropic.Message
    return [
        p
        for p in payload_files(protocol, "responses")
        if response_model(protocol, _load(p)) is reply
    ]


# (a request recorded to get a 400 is refused by the models: tests/models covers it)
@pytest.mark.parametrize(
    "path",
    [p for p in payload_files("openai", "requests") if p.name not in REFUSED_REQUESTS],
    ids=_ids,
)
@pytest.mark.parametrize("extensions", [True, False])
def test_converted_openai_request_is_sent_unchanged_by_the_anthropic_sdk(
    path: Path, extensions: bool
) -> None:
    """OpenAI request -> Anthropic: the Anthropic SDK accepts every field and sends the same JSON."""
    result = rc.openai_to_anthropic_request(_load(path), extensions=extensions)
    body = result.value.to_dict()
    captured, extra = send_anthropic(body)
    expected = {k: v for k, v in body.items() if k not in ANTHROPIC_HEADER_PARAMS}
    assert captured.body == expected
    assert extra <= LEGACY_ANTHROPIC  # only the sampling parameters SDK 2.x no longer lists


@pytest.mark.parametrize("path", payload_files("anthropic", "requests"), ids=_ids)
def test_default_anthropic_request_is_standard_for_the_openai_sdk(path: Path) -> None:
    """Anthropic request -> OpenAI with the default dialect: the SDK's request types validate every
    key and create() takes it without extra_body (tests/oracles.py)."""
    result = rc.anthropic_to_openai_request(_load(path))
    assert_standard_openai_request(result.value.to_dict())


@pytest.mark.parametrize("path", payload_files("anthropic", "requests"), ids=_ids)
@pytest.mark.parametrize("extensions", [True, False])
def test_converted_anthropic_request_is_sent_unchanged_by_the_openai_sdk(
    path: Path, extensions: bool
) -> None:
    """Anthropic request -> OpenAI, round-trip dialect: the OpenAI SDK sends the same JSON; only
    documented extensions are extra."""
    result = rc.anthropic_to_openai_request(_load(path), dialect="roundtrip", extensions=extensions)
    body = result.value.to_dict()
    captured, extra = send_openai(body)
    assert captured.body == body
    assert extra <= (OPENAI_EXTENSION_PARAMS if extensions else frozenset())


@pytest.mark.parametrize("path", _replies("anthropic"), ids=_ids)
@pytest.mark.parametrize("extensions", [True, False])
def test_converted_anthropic_response_parses_as_an_openai_chat_completion(
    path: Path, extensions: bool
) -> None:
    """Anthropic Message -> OpenAI: openai.types.chat.ChatCompletion validates the result."""
    data = _load(path)
    result = rc.anthropic_to_openai_response(data, created=1_700_000_000, extensions=extensions)
    completion = openai.types.chat.ChatCompletion.model_validate(result.value.to_dict())
    assert completion.choices[0].message.role == "assistant"


@pytest.mark.parametrize("path", _replies("openai"), ids=_ids)
@pytest.mark.parametrize("extensions", [True, False])
def test_converted_openai_response_parses_as_an_anthropic_message(
    path: Path, extensions: bool
) -> None:
    """OpenAI ChatCompletion -> Anthropic: anthropic.types.Message validates the result (n > 1 is refused)."""
    data = _load(path)
    if len(data["choices"]) != 1:
        with pytest.raises(rc.UnsupportedError) as info:
            rc.openai_to_anthropic_response(data)
        assert info.value.path == "choices"
        return
    result = rc.openai_to_anthropic_response(data, extensions=extensions)
    message = anthropic.types.Message.model_validate(result.value.to_dict())
    assert message.role == "assistant"
