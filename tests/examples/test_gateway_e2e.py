"""End to end: the example gateway and the mock upstreams served by uvicorn on loopback sockets,
driven by the official openai (Chat Completions, Responses) and anthropic clients in every
direction the library serves. The mock's replies say what it received, so a follow-up turn shows
that the history (tool results, signatures) reached the upstream intact."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anthropic
import httpx
import openai
import pytest

import ruapi_convert as rc
from examples.gateway import demo
from examples.gateway.app import create_app
from examples.gateway.config import load_config
from examples.gateway.mock_upstream import ERROR_MESSAGE, MIDSTREAM_MESSAGE, MockUpstream
from examples.gateway.serve import serving
from ruapi_convert.gateway import DIRECTIONS

if TYPE_CHECKING:
    from collections.abc import Iterator

Json = dict[str, Any]
CONFIG = Path(__file__).parents[2] / "examples" / "gateway" / "gateway.toml"

#: client protocol -> the upstream route prefixes it can reach, from the library's own list.
UPSTREAM_PREFIX = {"openai": "chat", "anthropic": "anthropic", "responses": "responses"}
PAIRS = [(client, upstream) for client, upstream in rc.directions()]
IDS = [f"{c}-via-{u}" for c, u in PAIRS]


@dataclass
class Servers:
    gateway: str
    mock: MockUpstream
    mock_url: str
    openai: openai.OpenAI = field(init=False)
    anthropic: anthropic.Anthropic = field(init=False)

    def __post_init__(self) -> None:
        self.openai = openai.OpenAI(base_url=self.gateway + "/v1", api_key="none", max_retries=0)
        self.anthropic = anthropic.Anthropic(base_url=self.gateway, api_key="none", max_retries=0)


@pytest.fixture(scope="module")
def servers() -> Iterator[Servers]:
    mock = MockUpstream(slow_delay=0.1)
    with serving(mock.app) as mock_url:
        config = load_config(CONFIG.read_text().replace("MOCK_URL", mock_url))
        with serving(create_app(config)) as gateway:
            servers = Servers(gateway, mock, mock_url)
            yield servers
            servers.openai.close()
            servers.anthropic.close()


def model(upstream: str, mode: str) -> str:
    return f"{UPSTREAM_PREFIX[upstream]}/{mode}"


# -- one turn in each client protocol, read back with the SDK ------------------------------------


@dataclass
class Turn:
    text: str
    calls: list[tuple[str, str]]  # (call id, tool name)
    signature: str | None
    #: the conversation so far, this reply included, in the client's protocol
    history: list[Any]


TOOLS_CHAT: Any = [
    {"type": "function", "function": {"name": n, "parameters": {"type": "object"}}}
    for n in ("get_weather", "get_time")
]
TOOLS_ANTHROPIC = [
    {"name": n, "input_schema": {"type": "object"}} for n in ("get_weather", "get_time")
]
TOOLS_RESPONSES = [
    {"type": "function", "name": n, "parameters": {"type": "object"}, "strict": False}
    for n in ("get_weather", "get_time")
]
USER = "What is the weather in Paris?"


def chat_turn(s: Servers, name: str, history: list[Any], stream: bool) -> Turn:
    messages = history or [{"role": "user", "content": USER}]
    completion: Any
    if stream:
        with s.openai.chat.completions.stream(
            model=name, messages=messages, tools=TOOLS_CHAT, stream_options={"include_usage": True}
        ) as events:
            completion = events.get_final_completion()
        assert completion.usage is not None
        assert completion.usage.prompt_tokens_details is not None
        assert completion.usage.prompt_tokens_details.cached_tokens == 5
    else:
        completion = s.openai.chat.completions.create(
            model=name, messages=messages, tools=TOOLS_CHAT
        )
    message = completion.choices[0].message
    calls = [(c.id, c.function.name) for c in message.tool_calls or [] if c.type == "function"]
    details = (message.model_extra or {}).get("reasoning_details") or []
    # a signed reasoning text, or an encrypted one (a Responses upstream's encrypted_content)
    signed = (d.get("signature") or d.get("data") for d in details)
    signature = next((value for value in signed if value), None)
    said = message.model_dump(exclude_none=True, exclude={"parsed"})
    return Turn(message.content or "", calls, signature, [*messages, said])


def chat_results(turn: Turn) -> list[Any]:
    return [
        *turn.history,
        *({"role": "tool", "tool_call_id": i, "content": "sunny"} for i, _ in turn.calls),
    ]


def anthropic_turn(s: Servers, name: str, history: list[Any], stream: bool) -> Turn:
    messages = history or [{"role": "user", "content": USER}]
    kwargs: Any = {
        "model": name,
        "max_tokens": 2048,
        "messages": messages,
        "tools": TOOLS_ANTHROPIC,
    }
    if stream:
        with s.anthropic.messages.stream(**kwargs) as events:
            message = events.get_final_message()
    else:
        message = s.anthropic.messages.create(**kwargs)
    assert message.usage.cache_read_input_tokens == 5
    text = "".join(b.text for b in message.content if b.type == "text")
    calls = [(b.id, b.name) for b in message.content if b.type == "tool_use"]
    signature = next((b.signature for b in message.content if b.type == "thinking"), None)
    said = {
        "role": "assistant",
        "content": [b.model_dump(exclude_none=True) for b in message.content],
    }
    return Turn(text, calls, signature, [*messages, said])


def anthropic_results(turn: Turn) -> list[Any]:
    results = [{"type": "tool_result", "tool_use_id": i, "content": "sunny"} for i, _ in turn.calls]
    return [*turn.history, {"role": "user", "content": results}]


def responses_turn(s: Servers, name: str, history: list[Any], stream: bool) -> Turn:
    items = history or [{"role": "user", "content": USER}]
    kwargs: Any = {
        "model": name,
        "input": items,
        "tools": TOOLS_RESPONSES,
        "include": ["reasoning.encrypted_content"],
        "store": False,
    }
    if stream:
        with s.openai.responses.stream(**kwargs) as events:
            response = events.get_final_response()
    else:
        response = s.openai.responses.create(**kwargs)
    assert response.usage is not None
    assert response.usage.input_tokens_details.cached_tokens == 5
    calls = [(o.call_id, o.name) for o in response.output if o.type == "function_call"]
    signature = next((o.encrypted_content for o in response.output if o.type == "reasoning"), None)
    said = [o.model_dump(exclude_none=True) for o in response.output]
    return Turn(response.output_text, calls, signature, [*items, *said])


def responses_results(turn: Turn) -> list[Any]:
    outputs = [
        {"type": "function_call_output", "call_id": i, "output": "sunny"} for i, _ in turn.calls
    ]
    return [*turn.history, *outputs]


TURN = {"openai": chat_turn, "anthropic": anthropic_turn, "responses": responses_turn}
RESULTS = {"openai": chat_results, "anthropic": anthropic_results, "responses": responses_results}


# -- every served direction ----------------------------------------------------------------------


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=IDS)
def test_text(servers: Servers, client: str, upstream: str, stream: bool) -> None:
    """A text reply (and usage with cache tokens) reaches every client from every upstream."""
    turn = TURN[client](servers, model(upstream, "text"), [], stream)
    assert turn.text == f"Hello from the mock {upstream} upstream (1 turn(s) seen)."
    assert turn.calls == []


@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=IDS)
def test_parallel_tool_calls_and_a_follow_up(servers: Servers, client: str, upstream: str) -> None:
    """Two tool calls stream to the client; their results reach the upstream by their ids."""
    first = TURN[client](servers, model(upstream, "tools"), [], True)
    assert [name for _, name in first.calls] == ["get_weather", "get_time"]
    second = TURN[client](servers, model(upstream, "tools"), RESULTS[client](first), False)
    ids = ", ".join(i for i, _ in first.calls)
    assert second.text == f"Got results for {ids}."


@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=IDS)
def test_thinking_signatures_round_trip(servers: Servers, client: str, upstream: str) -> None:
    """The upstream's signature reaches the client (as it is, or packed in the library's
    reasoning carrier where a Responses side is involved) and comes back to the upstream,
    unchanged, in the next turn."""
    first = TURN[client](servers, model(upstream, "thinking"), [], client != "openai")
    issued = servers.mock.signatures[-1]
    assert first.signature is not None
    if "responses" not in (client, upstream) or client == upstream:
        # between Chat and Messages the signature itself; a Responses side may wrap it in the
        # library's reasoning carrier, which only has to bring it back
        assert first.signature == issued
    second = TURN[client](servers, model(upstream, "thinking"), RESULTS[client](first), False)
    assert second.text == f"Signatures seen: {issued}."


# -- errors --------------------------------------------------------------------------------------

ERRORS = {
    "openai": openai.APIError,
    "responses": openai.APIError,
    "anthropic": anthropic.APIError,
}


def _call(s: Servers, client: str, name: str, stream: bool) -> None:
    """One request, consumed to its end."""
    if client == "openai":
        if stream:
            for _ in s.openai.chat.completions.create(
                model=name, messages=[{"role": "user", "content": "hi"}], stream=True
            ):
                pass
        else:
            s.openai.chat.completions.create(
                model=name, messages=[{"role": "user", "content": "hi"}]
            )
    elif client == "anthropic":
        kwargs: Any = {
            "model": name,
            "max_tokens": 10,
            "messages": [{"role": "user", "content": "hi"}],
        }
        if stream:
            for _ in s.anthropic.messages.create(**kwargs, stream=True):
                pass
        else:
            s.anthropic.messages.create(**kwargs)
    elif stream:
        for _ in s.openai.responses.create(model=name, input="hi", stream=True):
            pass
    else:
        s.openai.responses.create(model=name, input="hi")


@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=IDS)
def test_an_error_before_the_stream(servers: Servers, client: str, upstream: str) -> None:
    """The upstream's 429 is the client SDK's RateLimitError with the upstream's message."""
    error: Any = anthropic.RateLimitError if client == "anthropic" else openai.RateLimitError
    with pytest.raises(error, match=ERROR_MESSAGE) as info:
        _call(servers, client, model(upstream, "error"), True)
    assert info.value.status_code == 429


def _stream_error(s: Servers, client: str, name: str) -> str:
    """The error a streaming client sees, as its SDK reports it: Chat Completions and Messages
    raise their SDK's APIError (never a connection error) from the in-stream error; the Responses
    SDK yields an ``error`` event and then ``response.failed`` (only the error event when no
    response was announced yet), which it does not raise."""
    if client != "responses":
        with pytest.raises(ERRORS[client]) as info:
            _call(s, client, name, True)
        assert not isinstance(info.value, (openai.APIConnectionError, anthropic.APIConnectionError))
        return str(info.value)
    events = list(s.openai.responses.create(model=name, input="hi", stream=True))
    if events[0].type == "error":  # before response.created: the error event alone
        assert len(events) == 1
        return events[0].message
    assert events[0].type == "response.created"
    assert [e.type for e in events[-2:]] == ["error", "response.failed"]
    failed = events[-1]
    assert failed.type == "response.failed"
    assert failed.response.error is not None
    error = events[-2]
    assert error.type == "error"
    assert failed.response.error.message == error.message
    return error.message


@pytest.mark.parametrize(("client", "upstream"), PAIRS, ids=IDS)
def test_an_error_in_the_stream(servers: Servers, client: str, upstream: str) -> None:
    """The upstream's in-stream error is the client's in-stream error, with its message."""
    assert MIDSTREAM_MESSAGE in _stream_error(servers, client, model(upstream, "midstream"))


@pytest.mark.parametrize("client", ["openai", "anthropic", "responses"])
def test_a_dropped_upstream_is_an_error_event_not_a_torn_body(
    servers: Servers, client: str
) -> None:
    """The upstream connection breaks mid-stream: the client's in-stream error says the upstream
    connection broke (not a torn body); without a stream, a 502."""
    upstream = {"openai": "anthropic", "anthropic": "openai", "responses": "openai"}[client]
    assert "upstream connection broke" in _stream_error(servers, client, model(upstream, "drop"))
    status: Any = anthropic.APIStatusError if client == "anthropic" else openai.APIStatusError
    with pytest.raises(status, match="upstream connection broke") as whole:
        _call(servers, client, model(upstream, "drop"), False)
    assert whole.value.status_code == 502


@pytest.mark.parametrize("client", ["openai", "anthropic", "responses"])
def test_an_upstream_reply_the_library_refuses(servers: Servers, client: str) -> None:
    """A 200 that is no reply of its protocol: a 502 in the client's protocol; in a stream, the
    client's in-stream error."""
    upstream = {"openai": "anthropic", "anthropic": "openai", "responses": "openai"}[client]
    status: Any = anthropic.APIStatusError if client == "anthropic" else openai.APIStatusError
    with pytest.raises(status, match="could not be converted") as whole:
        _call(servers, client, model(upstream, "garbage"), False)
    assert whole.value.status_code == 502
    assert _stream_error(servers, client, model(upstream, "garbage"))


def test_the_smallest_gateway(servers: Servers, monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/openai_gateway.py: a stream and an upstream error through the OpenAI SDK."""
    from examples import openai_gateway

    monkeypatch.setattr(openai_gateway, "BASE", servers.mock_url)
    with (
        serving(openai_gateway.app) as gateway,
        openai.OpenAI(base_url=gateway + "/v1", api_key="none", max_retries=0) as client,
    ):
        chunks = list(
            client.chat.completions.create(
                model="anthropic/text", messages=[{"role": "user", "content": "hi"}], stream=True
            )
        )
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert text == "Hello from the mock anthropic upstream (1 turn(s) seen)."
        with pytest.raises(openai.RateLimitError, match=ERROR_MESSAGE):
            client.chat.completions.create(
                model="anthropic/error", messages=[{"role": "user", "content": "hi"}]
            )
        with pytest.raises(openai.APIError, match="upstream connection broke"):
            for _ in client.chat.completions.create(
                model="anthropic/drop", messages=[{"role": "user", "content": "hi"}], stream=True
            ):
                pass


def test_an_unreachable_upstream_is_a_502_in_the_client_protocol(servers: Servers) -> None:
    """No upstream listening: each SDK gets its own 502 error, never a plain-text 500."""
    config = load_config(
        '[upstreams.gone]\nprotocol = "anthropic"\nbase_url = "http://127.0.0.1:9"\n'
        '[[routes]]\nmodel = "*"\nupstream = "gone"\n'
    )
    with (
        serving(create_app(config)) as gateway,
        anthropic.Anthropic(base_url=gateway, api_key="none", max_retries=0) as client,
        openai.OpenAI(base_url=gateway + "/v1", api_key="none", max_retries=0) as chat,
    ):
        with pytest.raises(anthropic.InternalServerError, match="could not be reached") as info:
            client.messages.create(
                model="m", max_tokens=5, messages=[{"role": "user", "content": "hi"}]
            )
        assert info.value.status_code == 502
        with pytest.raises(openai.InternalServerError, match="could not be reached"):
            chat.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}], stream=True
            )


@pytest.mark.parametrize(
    ("client", "upstream"),
    [("openai", "anthropic"), ("anthropic", "openai"), ("responses", "openai")],
)
def test_a_client_disconnect_cancels_the_upstream(
    servers: Servers, client: str, upstream: str
) -> None:
    """The client closes a slow stream after its first event: the upstream's stream is
    cancelled (the mock records it), long before its 4 s would have run out."""
    name = model(upstream, "slow")
    hi: Any = [{"role": "user", "content": "hi"}]
    stream: Any
    if client == "openai":
        stream = servers.openai.chat.completions.create(model=name, messages=hi, stream=True)
    elif client == "anthropic":
        stream = servers.anthropic.messages.create(
            model=name, max_tokens=5, messages=hi, stream=True
        )
    else:
        stream = servers.openai.responses.create(model=name, input="hi", stream=True)
    next(iter(stream))
    stream.close()
    deadline = time.monotonic() + 3
    while f"cancelled {name}" not in servers.mock.log and time.monotonic() < deadline:
        time.sleep(0.05)
    assert f"cancelled {name}" in servers.mock.log
    servers.mock.log.remove(f"cancelled {name}")


def test_a_pair_the_library_does_not_serve_is_refused_clearly(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pair outside the library's table (Responses -> Messages taken out of it, if it is in):
    a 400 in the client's protocol naming the pair."""
    lines = tuple(p for p in DIRECTIONS if set(p) != {"responses", "anthropic"})
    monkeypatch.setattr("ruapi_convert.gateway.dispatch.DIRECTIONS", lines)
    with pytest.raises(
        openai.BadRequestError, match="no request conversion from responses to anthropic"
    ):
        servers.openai.responses.create(model=model("anthropic", "text"), input="hi")


# -- the other endpoints -------------------------------------------------------------------------


def test_success_headers_losses_logged_and_summarised(
    servers: Servers, caplog: pytest.LogCaptureFixture
) -> None:
    """The upstream's request id reaches a client of the other vendor under its own name; each
    loss is logged; the loss summary comes when asked for."""
    caplog.set_level(logging.INFO, logger="ruapi_gateway")
    raw = servers.openai.chat.completions.with_raw_response.create(
        model=model("anthropic", "text"),
        messages=[{"role": "user", "content": "hi"}],
        logprobs=True,
        extra_headers={"x-ruapi-losses": "1"},
    )
    assert raw.headers["x-request-id"] == "req_mock_anthropic"
    summary = raw.headers["x-ruapi-losses"]
    assert summary.startswith("2: ")
    assert "logprobs" in summary
    logged = [r.getMessage() for r in caplog.records if r.name == "ruapi_gateway"]
    assert any("lost logprobs: dropped" in line for line in logged), logged


def test_count_tokens(servers: Servers) -> None:
    """Counted by an upstream of the same protocol; unsupported (404) for any other."""
    messages: Any = [{"role": "user", "content": "hi"}]
    counted = servers.anthropic.messages.count_tokens(
        model=model("anthropic", "text"), messages=messages
    )
    assert counted.input_tokens > 0
    with pytest.raises(anthropic.NotFoundError, match="token counting is not available"):
        servers.anthropic.messages.count_tokens(model=model("openai", "text"), messages=messages)
    tokens = servers.openai.responses.input_tokens.count(
        model=model("responses", "text"), input="hi"
    )
    assert tokens.input_tokens > 0
    with pytest.raises(openai.NotFoundError, match="token counting is not available"):
        servers.openai.responses.input_tokens.count(model=model("openai", "text"), input="hi")


def test_models_in_each_vendor_shape(servers: Servers) -> None:
    """GET /v1/models lists the configured model names for both SDKs."""
    assert [m.id for m in servers.openai.models.list()] == ["claude-demo"]
    assert [m.id for m in servers.anthropic.models.list()] == ["claude-demo"]
    assert servers.openai.models.retrieve("claude-demo").id == "claude-demo"


def test_previous_response_id_through_the_history_store(servers: Servers) -> None:
    """A Responses client continues a response a Chat upstream produced: the stored history
    (its input and output) reaches the upstream before the new input."""
    name = model("openai", "text")
    first = servers.openai.responses.create(model=name, input="hi")
    second = servers.openai.responses.create(
        model=name, input="again", previous_response_id=first.id
    )
    assert second.output_text == "Hello from the mock openai upstream (3 turn(s) seen)."
    # a streamed response is stored too (from its response.completed event)
    with servers.openai.responses.stream(
        model=name, input="and again", previous_response_id=second.id
    ) as events:
        third = events.get_final_response()
    fourth = servers.openai.responses.create(
        model=name, input="last", previous_response_id=third.id
    )
    assert fourth.output_text == "Hello from the mock openai upstream (7 turn(s) seen)."
    with pytest.raises(openai.NotFoundError, match="no stored response"):
        servers.openai.responses.create(model=name, input="x", previous_response_id="resp_unknown")


def test_bad_requests_are_answered_in_the_client_protocol(servers: Servers) -> None:
    """Not JSON, an unknown model, a body the library refuses: each SDK's own error class."""
    response = httpx.post(
        servers.gateway + "/v1/messages", content=b"{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["type"] == "error"
    with pytest.raises(openai.NotFoundError, match="not served here"):
        servers.openai.chat.completions.create(
            model="nowhere", messages=[{"role": "user", "content": "hi"}]
        )
    robot: Any = [{"role": "robot", "content": "hi"}]
    with pytest.raises(anthropic.BadRequestError) as info:
        servers.anthropic.messages.create(
            model=model("openai", "text"), max_tokens=5, messages=robot
        )
    assert "messages[0].role" in str(info.value)
    assert json.loads(info.value.response.text)["type"] == "error"


def test_the_readme_demo_command_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo of examples/README.md (``python -m examples.gateway.demo``) runs to its end, in
    this process (a fresh interpreter spends most of its time importing the SDKs)."""
    demo.main([])
    out = capsys.readouterr().out
    assert "follow-up: Got results for toolu_" in out
    assert "(3 turn(s) seen)" in out
    assert "openai.RateLimitError 429" in out
