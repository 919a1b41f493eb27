"""The same endpoint in FastAPI: the library calls are the same, only the framework differs."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import anyio
import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response, StreamingResponse

import ruapi_convert as rc

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


def make_app(upstream: str, api_key: str = "") -> FastAPI:
    clients: dict[str, httpx.AsyncClient] = {}
    headers = {"x-api-key": api_key, "anthropic-version": "2023-06-01"}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(600, connect=10)) as pool:
            clients["pool"] = pool
            yield

    app = FastAPI(lifespan=lifespan)

    def send(reply: rc.gateway.AnyErrorReply) -> Response:
        return Response(reply.body.to_json(), reply.status, reply.headers)

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Response:
        try:
            ex = rc.Exchange("openai", "anthropic", await request.body())
        except rc.ConversionError as exc:
            return send(rc.conversion_error_reply(exc, "openai"))
        client = clients["pool"]
        sent = client.build_request(
            "POST", f"{upstream}/v1/messages", content=ex.upstream_body(), headers=headers
        )
        try:
            resp = await client.send(sent, stream=ex.stream)
            if resp.status_code >= 400:
                await resp.aread()
                return send(ex.error(resp.status_code, resp.content, resp.headers).value)
        except httpx.TimeoutException as exc:
            return send(rc.transport_error_reply("openai", "timeout", str(exc)))
        except httpx.HTTPError as exc:
            return send(rc.transport_error_reply("openai", "connect", str(exc)))
        if not ex.stream:
            reply = ex.reply(resp.content)
            return Response(reply.value.to_json(), media_type="application/json")
        relay = ex.stream_relay()

        async def pipe() -> AsyncIterator[bytes]:
            try:
                try:
                    async for chunk in resp.aiter_bytes():
                        yield relay.feed(chunk)
                    yield relay.close()
                except httpx.HTTPError as exc:
                    yield relay.fail("read", str(exc))
            finally:
                with anyio.CancelScope(shield=True):
                    await resp.aclose()

        return StreamingResponse(pipe(), media_type="text/event-stream")

    return app
