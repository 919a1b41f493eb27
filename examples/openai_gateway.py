"""The smallest useful gateway: OpenAI Chat Completions clients in front of Anthropic.

    pip install -e . -r examples/gateway/requirements.txt
    ANTHROPIC_API_KEY=... uvicorn examples.openai_gateway:app --port 8000

then point any OpenAI client at http://localhost:8000/v1 with any api key. Everything that is
protocol is ruapi_convert's (an :class:`ruapi_convert.Exchange` per request); this file moves
bytes through one pooled HTTP client and decides what a failure is. ``examples/gateway/`` is the
same for every protocol pair, with routing, token counting and a history store.
"""

from __future__ import annotations

import contextlib
import os
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import anyio
import httpx
from starlette.applications import Starlette
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

import ruapi_convert as rc

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from starlette.requests import Request

    from ruapi_convert.gateway import AnyErrorReply

BASE = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com")
OPTIONS = rc.Options(anthropic_version="2023-06-01")
HEADERS = {
    "content-type": "application/json",
    "anthropic-version": OPTIONS.anthropic_version,
    "x-api-key": os.environ.get("ANTHROPIC_API_KEY", ""),
}
pool: dict[str, httpx.AsyncClient] = {}  # one client for every request (made at startup)


def _send(reply: AnyErrorReply) -> Response:
    return Response(reply.body.to_json(), reply.status, reply.headers)


def _failure(exc: httpx.HTTPError) -> rc.gateway.TransportFailure:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    return "connect" if isinstance(exc, httpx.ConnectError) else "read"


async def chat_completions(request: Request) -> Response:
    try:  # the client's request, converted once (stream and include_usage read from it too)
        ex = rc.Exchange(
            "openai",
            "anthropic",
            await request.body(),
            options=OPTIONS,
            created=int(time.time()),
            keepalive=True,
        )
    except rc.ConversionError as exc:
        return _send(rc.conversion_error_reply(exc, "openai"))
    client = pool["client"]
    upstream = client.build_request(
        "POST", f"{BASE}/v1/messages", content=ex.upstream_body(), headers=HEADERS
    )
    try:
        resp = await client.send(upstream, stream=ex.stream)
        if resp.status_code >= 400:
            body = await resp.aread()
            await resp.aclose()
            return _send(
                ex.error(resp.status_code, body, resp.headers, now=datetime.now(timezone.utc)).value
            )
    except httpx.HTTPError as exc:
        return _send(rc.transport_error_reply("openai", _failure(exc), str(exc)))
    headers = ex.headers(resp.headers, now=datetime.now(timezone.utc)).value
    if not ex.stream:
        try:
            reply = ex.reply(resp.content)
        except rc.ConversionError as exc:
            return _send(rc.conversion_error_reply(exc, "openai", upstream=True))
        return Response(reply.value.to_json(), 200, headers, media_type="application/json")
    relay = ex.stream_relay()

    async def pipe() -> AsyncIterator[bytes]:
        try:
            try:
                async for chunk in resp.aiter_bytes():
                    yield relay.feed(chunk)
                yield relay.close()
            except (
                httpx.HTTPError
            ) as exc:  # the upstream broke off: an error event, not a torn body
                yield relay.fail(_failure(exc), str(exc))
        finally:  # also when the client went away: closing stops the upstream
            with anyio.CancelScope(shield=True):
                await resp.aclose()

    return StreamingResponse(pipe(), 200, headers, media_type="text/event-stream")


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    async with httpx.AsyncClient(timeout=httpx.Timeout(600, connect=10)) as client:
        pool["client"] = client
        yield


app = Starlette(
    routes=[Route("/v1/chat/completions", chat_completions, methods=["POST"])], lifespan=lifespan
)
