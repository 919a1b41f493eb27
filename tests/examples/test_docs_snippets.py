"""The "embed it in your proxy" snippets of the docs (docs/snippets/), each served on loopback in
front of the mock Messages upstream and driven by the official openai client: a reply, a stream,
an upstream error, a dropped upstream."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from typing import TYPE_CHECKING, Any

import openai
import pytest
from aiohttp import web
from snippets import aiohttp_proxy, fastapi_proxy, starlette_proxy

from examples.gateway.mock_upstream import ERROR_MESSAGE, MockUpstream
from examples.gateway.serve import serving

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def serving_aiohttp(app: web.Application) -> Iterator[str]:
    """An aiohttp app on a free loopback port, on its own loop in a thread."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.SockSite(runner, sock).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
        sock.close()


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with serving(MockUpstream().app) as url:
        yield url


@pytest.mark.parametrize("framework", ["starlette", "fastapi", "aiohttp"])
def test_an_embedding_serves_replies_streams_and_errors(upstream: str, framework: str) -> None:
    server: Any
    if framework == "aiohttp":
        server = serving_aiohttp(aiohttp_proxy.make_app(upstream))
    else:
        module: Any = starlette_proxy if framework == "starlette" else fastapi_proxy
        server = serving(module.make_app(upstream))
    with (
        server as url,
        openai.OpenAI(base_url=url + "/v1", api_key="none", max_retries=0) as client,
    ):
        hi: Any = [{"role": "user", "content": "hi"}]
        expected = "Hello from the mock anthropic upstream (1 turn(s) seen)."
        reply = client.chat.completions.create(model="anthropic/text", messages=hi)
        assert reply.choices[0].message.content == expected
        chunks = list(
            client.chat.completions.create(model="anthropic/text", messages=hi, stream=True)
        )
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == expected
        with pytest.raises(openai.RateLimitError, match=ERROR_MESSAGE):
            client.chat.completions.create(model="anthropic/error", messages=hi)
        with pytest.raises(openai.APIError, match="upstream connection broke"):
            for _ in client.chat.completions.create(
                model="anthropic/drop", messages=hi, stream=True
            ):
                pass
        with pytest.raises(openai.BadRequestError, match="messages"):
            client.chat.completions.create(model="m", messages=[])
