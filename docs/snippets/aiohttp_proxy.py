"""The same endpoint in aiohttp, server and upstream client both."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web

import ruapi_convert as rc

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

POOL: web.AppKey[aiohttp.ClientSession] = web.AppKey("pool", aiohttp.ClientSession)


def make_app(upstream: str, api_key: str = "") -> web.Application:
    headers = {"x-api-key": api_key, "anthropic-version": "2023-06-01"}

    def send(reply: rc.gateway.AnyErrorReply) -> web.Response:
        return web.Response(body=reply.body.to_json(), status=reply.status, headers=reply.headers)

    async def chat_completions(request: web.Request) -> web.StreamResponse:
        try:
            ex = rc.Exchange("openai", "anthropic", await request.read())
        except rc.ConversionError as exc:
            return send(rc.conversion_error_reply(exc, "openai"))
        url = f"{upstream}/v1/messages"
        try:
            resp = await request.app[POOL].post(url, data=ex.upstream_body(), headers=headers)
        except asyncio.TimeoutError as exc:
            return send(rc.transport_error_reply("openai", "timeout", str(exc)))
        except aiohttp.ClientError as exc:
            return send(rc.transport_error_reply("openai", "connect", str(exc)))
        async with resp:
            if resp.status >= 400:
                return send(ex.error(resp.status, await resp.read(), dict(resp.headers)).value)
            if not ex.stream:
                reply = ex.reply(await resp.read())
                return web.Response(body=reply.value.to_json(), content_type="application/json")
            relay = ex.stream_relay()
            out = web.StreamResponse(headers={"content-type": "text/event-stream"})
            await out.prepare(request)
            try:
                async for chunk in resp.content.iter_any():
                    await out.write(relay.feed(chunk))
                await out.write(relay.close())
            except aiohttp.ClientError as exc:  # the upstream broke off mid-stream
                await out.write(relay.fail("read", str(exc)))
            return out

    async def pool(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(600)) as session:
            app[POOL] = session
            yield

    app = web.Application()
    app.router.add_post("/v1/chat/completions", chat_completions)
    app.cleanup_ctx.append(pool)
    return app
