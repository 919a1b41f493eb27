"""A thin OpenAI-compatible gateway in front of Anthropic: the only kind of code here that does I/O.

    pip install starlette uvicorn httpx && pip install -e .
    ANTHROPIC_API_KEY=... uvicorn examples.openai_gateway:app --port 8000

then point any OpenAI client at http://localhost:8000/v1 with any api key. Requests, replies,
streams and errors go through ruapi_convert; the gateway only moves bytes and headers.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import httpx
from starlette.applications import Starlette
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

import ruapi_convert as rc

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from starlette.requests import Request

UPSTREAM = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com") + "/v1/messages"
OPTIONS = rc.Options(anthropic_version="2023-06-01")


def _upstream_headers(request: Request) -> dict[str, str]:
    # The gateway's own key replaces whatever Bearer token the client sent; anthropic-version and
    # content-type come from the options.
    converted = rc.openai_to_anthropic_request_headers(
        dict(request.headers), api_key=os.environ.get("ANTHROPIC_API_KEY", ""), options=OPTIONS
    )
    return converted.value


async def chat_completions(request: Request) -> Response:
    body = await request.body()
    try:
        converted = rc.openai_to_anthropic_request(body, options=OPTIONS)
    except rc.ConversionError as exc:
        # The client's own request is invalid (or has no Anthropic form): answer in OpenAI's shape.
        error = {
            "error": {
                "message": str(exc),
                "type": "invalid_request_error",
                "param": exc.path or None,
                "code": None,
            }
        }
        return Response(
            rc.models.openai.ErrorResponse.model_validate(error).to_json(),
            status_code=exc.status_hint,
            media_type="application/json",
        )
    client_wants_usage = bool(
        (rc.models.openai.ChatCompletionCreateParams.parse(body).stream_options or {}).get(
            "include_usage"
        )
    )
    payload = converted.value.to_json()
    created = int(time.time())
    client = httpx.AsyncClient(timeout=600)
    if converted.value.stream:
        upstream = await client.send(
            client.build_request(
                "POST", UPSTREAM, content=payload, headers=_upstream_headers(request)
            ),
            stream=True,
        )
        if upstream.status_code != 200:
            return await _error(upstream, client)
        transcoder = rc.sse.SSETranscoder(
            rc.AnthropicToOpenAIStream(
                options=OPTIONS, include_usage=client_wants_usage, created=created, keepalive=True
            )
        )

        async def relay() -> AsyncIterator[bytes]:
            try:
                async for chunk in upstream.aiter_bytes():
                    yield transcoder.feed(chunk)
                yield transcoder.close()
            finally:
                await upstream.aclose()
                await client.aclose()

        return StreamingResponse(relay(), media_type="text/event-stream")
    upstream = await client.post(UPSTREAM, content=payload, headers=_upstream_headers(request))
    await client.aclose()
    if upstream.status_code != 200:
        return await _error(upstream, None)
    reply = rc.anthropic_to_openai_response(upstream.content, options=OPTIONS, created=created)
    return Response(reply.value.to_json(), media_type="application/json")


async def _error(upstream: httpx.Response, client: httpx.AsyncClient | None) -> Response:
    content = await upstream.aread()
    if client is not None:
        await upstream.aclose()
        await client.aclose()
    # Status, body and headers (retry-after, rate limits, request id) in OpenAI's form; the
    # reference time makes the rate-limit reset durations.
    reply = rc.anthropic_to_openai_error(
        upstream.status_code, content, dict(upstream.headers), now=datetime.now(timezone.utc)
    ).value
    return Response(
        reply.body.to_json(),
        status_code=reply.status,
        headers=reply.headers,
        media_type="application/json",
    )


app = Starlette(routes=[Route("/v1/chat/completions", chat_completions, methods=["POST"])])
