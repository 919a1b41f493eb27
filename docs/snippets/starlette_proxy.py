"""An OpenAI-facing endpoint in front of Anthropic, in Starlette (with httpx)."""

from __future__ import annotations

import contextlib
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


def failure(exc: httpx.HTTPError) -> rc.gateway.TransportFailure:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"  # -> 504
    return "connect" if isinstance(exc, httpx.ConnectError) else "read"  # -> 502


def make_app(upstream: str, api_key: str = "") -> Starlette:
    clients: dict[str, httpx.AsyncClient] = {}
    headers = {"x-api-key": api_key, "anthropic-version": "2023-06-01"}

    def send(reply: rc.gateway.AnyErrorReply) -> Response:
        return Response(reply.body.to_json(), reply.status, reply.headers)

    async def chat_completions(request: Request) -> Response:
        try:
            ex = rc.Exchange("openai", "anthropic", await request.body())
        except rc.ConversionError as exc:  # the client's request: 400 with the JSON path
            return send(rc.conversion_error_reply(exc, "openai"))
        client = clients["pool"]
        sent = client.build_request(
            "POST", f"{upstream}/v1/messages", content=ex.upstream_body(), headers=headers
        )
        try:
            resp = await client.send(sent, stream=ex.stream)
            if resp.status_code >= 400:  # the upstream's error, in the client's protocol
                await resp.aread()
                return send(ex.error(resp.status_code, resp.content, resp.headers).value)
        except httpx.HTTPError as exc:
            return send(rc.transport_error_reply("openai", failure(exc), str(exc)))
        mapped = ex.headers(resp.headers).value  # request id, rate limits
        if not ex.stream:
            reply = ex.reply(resp.content)
            return Response(reply.value.to_json(), 200, mapped, media_type="application/json")
        relay = ex.stream_relay()

        async def pipe() -> AsyncIterator[bytes]:
            try:
                try:
                    async for chunk in resp.aiter_bytes():
                        yield relay.feed(chunk)
                    yield relay.close()
                except httpx.HTTPError as exc:
                    yield relay.fail(failure(exc), str(exc))  # an error event, not a torn body
            finally:
                with anyio.CancelScope(shield=True):  # the client left: stop the upstream
                    await resp.aclose()

        return StreamingResponse(pipe(), 200, mapped, media_type="text/event-stream")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(600, connect=10)) as pool:
            clients["pool"] = pool  # one pooled client for every request
            yield

    routes = [Route("/v1/chat/completions", chat_completions, methods=["POST"])]
    return Starlette(routes=routes, lifespan=lifespan)
