"""The command line: file, stdin, streams, every served protocol pair, --strict, explain, bad
input, --help, the demo as the default command. The inputs are the hand-written mock upstream
payloads of examples/gateway/mock_upstream.py."""

from __future__ import annotations

import fcntl
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ruapi_convert as rc
from examples.gateway import mock_upstream as mock
from ruapi_convert.cli import main
from ruapi_convert.gateway import DIRECTIONS
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.sse import SSEDecoder

SCRIPT = mock.Script("k1", "m", "hello there")
REQUESTS: dict[str, Any] = {
    "openai": {"model": "m", "messages": [{"role": "user", "content": "hello there"}]},
    "anthropic": {
        "model": "m",
        "max_tokens": 5,
        "messages": [{"role": "user", "content": "hello there"}],
    },
    "responses": {"model": "m", "input": "hello there"},
}
REPLIES: dict[str, Any] = {
    "openai": mock.chat_completion(SCRIPT),
    "anthropic": mock.anthropic_message(SCRIPT),
    "responses": mock.responses_response(SCRIPT),
}
STREAMS: dict[str, bytes] = {
    "openai": b"".join(mock._sse(None, c) for c in mock.chat_chunks(SCRIPT, True))
    + b"data: [DONE]\n\n",
    "anthropic": b"".join(mock._sse(n, d) for n, d in mock.anthropic_events(SCRIPT)),
    "responses": b"".join(
        mock._sse(e["type"], {**e, "sequence_number": n})
        for n, e in enumerate(mock.responses_events(SCRIPT))
    ),
}
PAIRS = rc.directions()


def run(*argv: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(list(argv), stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _request_model(protocol: str) -> Any:
    if protocol == "responses":
        return rc.models.responses.ResponseCreateParams
    return oai.ChatCompletionCreateParams if protocol == "openai" else ant.MessageCreateParams


def _reply_model(protocol: str) -> Any:
    if protocol == "responses":
        return rc.models.responses.Response
    return oai.ChatCompletion if protocol == "openai" else ant.Message


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_requests_and_replies_of_every_pair(source: str, target: str, tmp_path: Path) -> None:
    """A request from a file, a reply from stdin: valid bodies of the target, the text kept."""
    path = tmp_path / "request.json"
    path.write_text(json.dumps(REQUESTS[source]))
    code, out, _ = run("convert", "request", "--from", source, "--to", target, str(path))
    assert code == 0
    assert "hello there" in json.dumps(_request_model(target).parse(out).to_dict())
    code, out, _ = run(
        "convert",
        "reply",
        "--from",
        source,
        "--to",
        target,
        stdin=json.dumps(REPLIES[source]).encode(),
    )
    assert code == 0
    assert "hello there" in json.dumps(_reply_model(target).parse(out).to_dict())


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_streams_of_every_pair(source: str, target: str) -> None:
    """A raw SSE stream in, the target's SSE out: its text deltas spell the reply, it ends
    properly."""
    code, out, err = run(
        "convert", "stream", "--from", source, "--to", target, stdin=STREAMS[source]
    )
    assert code == 0, err
    events = SSEDecoder().feed(out)
    texts = []
    for event in events:
        if event.is_done:
            continue
        data = event.json()
        if target == "openai":
            texts += [c["delta"].get("content") or "" for c in data["choices"]]
        elif target == "anthropic" and data["type"] == "content_block_delta":
            texts.append(data["delta"].get("text", ""))
        elif target == "responses" and data["type"] == "response.output_text.delta":
            texts.append(data["delta"])
    assert "".join(texts) == "hello there"
    last = events[-1]
    assert (
        last.is_done if target == "openai" else last.event in ("message_stop", "response.completed")
    )


def test_errors_carry_their_status() -> None:
    """An Anthropic overloaded error (529) is an OpenAI 503; the status goes to stderr."""
    body = {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}
    code, out, err = run(
        "convert",
        "error",
        "--from",
        "anthropic",
        "--to",
        "openai",
        "--status",
        "529",
        stdin=json.dumps(body).encode(),
    )
    assert code == 0
    assert json.loads(out)["error"]["message"] == "busy"
    assert "status: 529 -> 503" in err


LOSSY = {
    "model": "m",
    "messages": [{"role": "user", "content": "hi", "name": "bob"}],
    "logprobs": True,
}


def test_losses_go_to_stderr_as_a_table() -> None:
    """The output stays clean JSON; each loss is one row: path, kind, detail."""
    code, out, err = run(
        "convert",
        "request",
        "--from",
        "openai",
        "--to",
        "anthropic",
        stdin=json.dumps(LOSSY).encode(),
    )
    assert code == 0
    assert json.loads(out)["messages"] == [{"role": "user", "content": "hi"}]
    rows = [line.split() for line in err.splitlines()[1:]]
    assert err.startswith("3 loss(es):")
    assert [(row[0], row[1]) for row in rows] == [
        ("max_completion_tokens", "defaulted"),
        ("messages[0].name", "dropped"),
        ("logprobs", "dropped"),
    ]


def test_strict_exits_non_zero_and_writes_nothing() -> None:
    """--strict: any loss is exit 3 with nothing on stdout; a lossless body passes."""
    code, out, err = run(
        "convert",
        "request",
        "--strict",
        "--from",
        "openai",
        "--to",
        "anthropic",
        stdin=json.dumps(LOSSY).encode(),
    )
    assert (code, out) == (3, b"")
    assert "--strict" in err
    lossless = {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    code, out, _ = run(
        "convert",
        "request",
        "--strict",
        "--from",
        "anthropic",
        "--to",
        "anthropic",
        stdin=json.dumps(lossless).encode(),
    )
    assert code == 0
    assert json.loads(out) == lossless


def test_explain_gives_every_field_its_fate() -> None:
    """Every leaf of the input is a row, carried or lost; a field the target needed is listed
    after them."""
    code, out, _ = run(
        "explain",
        "request",
        "--from",
        "openai",
        "--to",
        "anthropic",
        stdin=json.dumps(LOSSY).encode(),
    )
    assert code == 0
    rows = [line.split(None, 2) for line in out.decode().splitlines()]
    assert rows[0] == ["PATH", "FATE", "DETAIL"]
    fates = {row[0]: row[1] for row in rows[1:]}
    assert fates == {
        "model": "carried",
        "messages[0].role": "carried",
        "messages[0].content": "carried",
        "messages[0].name": "dropped",
        "logprobs": "dropped",
        "max_completion_tokens": "defaulted",
    }


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (b'{"model": "m", "messages": [{"role": 1, "content": "x"}]}', "error: messages[0].role: "),
        (b"{not json", "error: <body>: invalid JSON"),
        (b"[]", "error: <body>: "),
    ],
)
def test_bad_input_is_one_line_with_its_path(stdin: bytes, expected: str) -> None:
    """Refused input: exit 1, one line on stderr naming the JSON path, never a traceback."""
    code, out, err = run("convert", "request", "--from", "openai", "--to", "anthropic", stdin=stdin)
    assert (code, out) == (1, b"")
    assert err.count("\n") == 1
    assert err.startswith("ruapi-convert: " + expected)


def test_a_pair_the_library_lacks_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pair outside the table (Responses -> Messages taken out of it, if it is in): exit 1
    naming the pair."""
    lines = tuple(p for p in DIRECTIONS if set(p) != {"responses", "anthropic"})
    monkeypatch.setattr("ruapi_convert.gateway.dispatch.DIRECTIONS", lines)
    code, _, err = run(
        "convert",
        "request",
        "--from",
        "responses",
        "--to",
        "anthropic",
        stdin=b'{"model": "m", "input": "x"}',
    )
    assert code == 1
    assert "no request conversion from responses to anthropic" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing option, an unknown command, an unreadable file: exit 2."""
    assert run("convert", "request", "--from", "openai")[0] == 2
    assert run("frobnicate")[0] == 2
    code, _, err = run(
        "convert", "request", "--from", "openai", "--to", "anthropic", "/nonexistent/x.json"
    )
    assert code == 2
    assert "cannot read /nonexistent/x.json" in err
    capsys.readouterr()


def test_dialect_shapes_the_request_and_an_unknown_one_is_a_usage_error() -> None:
    """--dialect deepseek writes DeepSeek's length field; an unknown name exits 2 listing the
    known ones."""
    body = json.dumps(REQUESTS["anthropic"]).encode()
    code, out, _ = run(
        "convert",
        "request",
        "--from",
        "anthropic",
        "--to",
        "openai",
        "--dialect",
        "deepseek",
        stdin=body,
    )
    assert code == 0
    assert json.loads(out)["max_tokens"] == 5
    code, out, _ = run("convert", "request", "--from", "anthropic", "--to", "openai", stdin=body)
    assert json.loads(out)["max_completion_tokens"] == 5
    code, _, err = run(
        "convert",
        "request",
        "--from",
        "anthropic",
        "--to",
        "openai",
        "--dialect",
        "deepsick",
        stdin=body,
    )
    assert code == 2
    assert "--dialect: " in err
    assert "deepseek" in err


def test_the_older_form_still_works() -> None:
    """``openai-to-anthropic request [FILE]`` is ``convert request --from openai --to anthropic``."""
    body = json.dumps(REQUESTS["openai"]).encode()
    assert (
        run("openai-to-anthropic", "request", stdin=body)[:2]
        == run("convert", "request", "--from", "openai", "--to", "anthropic", stdin=body)[:2]
    )


def test_help_and_the_default_demo() -> None:
    """``python -m ruapi_convert --help`` explains the commands; no argument runs the demo."""
    helped = subprocess.run(
        [sys.executable, "-m", "ruapi_convert", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert helped.returncode == 0
    for word in ("convert", "explain", "--strict", "demo"):
        assert word in helped.stdout
    demo = subprocess.run(
        [sys.executable, "-m", "ruapi_convert"], capture_output=True, text=True, check=False
    )
    assert demo.returncode == 0
    assert "ruapi_convert demo" in demo.stdout


def test_the_console_script_is_declared() -> None:
    """pyproject's ``ruapi-convert`` entry point names this main."""
    text = (Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert 'ruapi-convert = "ruapi_convert.cli:main"' in text


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="needs Linux pipe sizes")
def test_a_reader_that_stops_early_is_no_error() -> None:
    """``python -m ruapi_convert | head -1``: exit 0 and no traceback when the pipe closes. The
    pipe holds one page, less than the demo writes, so the demo is still writing when it closes."""
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [sys.executable, "-m", "ruapi_convert"], stdout=write, stderr=subprocess.PIPE
    )
    os.close(write)
    with os.fdopen(read, "rb") as reader:
        assert reader.readline().startswith(b"ruapi_convert demo")
    assert process.stderr is not None
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait(60) == 0, error
    assert b"Traceback" not in error
