"""A three-protocol gateway: Chat Completions, Messages and Responses clients, any upstream.

    uvicorn --factory examples.gateway.app:app     # reads $GATEWAY_CONFIG (examples/gateway/gateway.toml)

Serves ``POST /v1/chat/completions``, ``/v1/messages``, ``/v1/messages/count_tokens``,
``/v1/responses``, ``/v1/responses/input_tokens`` and ``GET /v1/models`` (any prefix: the path is
read by :func:`ruapi_convert.match_path`), and routes each model to an upstream from the TOML
file (:mod:`.config`). Everything protocol-shaped is ruapi_convert's: this file moves bytes and
headers, and decides what a failure is.

- one pooled ``httpx.AsyncClient`` for every upstream request (made at startup);
- streams are piped as they arrive; a client that goes away cancels the upstream request;
- upstream errors, transport failures and refused bodies are answered in the client's protocol,
  before a stream as an error reply, in a stream as the protocol's error event;
- the upstream's success headers (request id, rate limits) are mapped for the client;
- losses are logged (logger ``ruapi_gateway``) and, when the client sends
  ``x-ruapi-losses: 1`` (or the config says so), summarised in an ``x-ruapi-losses`` header;
- token counting goes to an upstream of the same protocol; for any other it is answered as
  unsupported (404), not guessed;
- ``previous_response_id`` works for a Responses client in front of any upstream, through the
  SQLite history store (:mod:`.history`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import httpx
from starlette.applications import Starlette
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

import ruapi_convert as rc
from ruapi_convert.sse import SSEDecoder

from .config import Config, Upstream, load_config
from .history import HistoryStore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from starlette.requests import Request

    from ruapi_convert.gateway import AnyErrorReply, Protocol, TransportFailure

log = logging.getLogger("ruapi_gateway")

#: The client header that asks for the loss summary, and the response header that carries it.
LOSS_HEADER = "x-ruapi-losses"


def transport_failure(exc: httpx.HTTPError) -> TransportFailure:
    """What kind of transport failure an httpx exception is."""
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ConnectError):
        return "connect"
    if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError)):
        return "read"  # reset, or closed before the body ended ("incomplete chunked read")
    return "protocol"


def reply_response(reply: AnyErrorReply, extra: dict[str, str] | None = None) -> Response:
    return Response(reply.body.to_json(), reply.status, {**reply.headers, **(extra or {})})


def loss_summary(losses: tuple[rc.Loss, ...]) -> str:
    """``2: messages[0].logprobs (unsupported), n (unsupported)``, ASCII, at most 1000 chars."""
    text = f"{len(losses)}: " + ", ".join(f"{loss.path or '$'} ({loss.kind})" for loss in losses)
    text = text.encode("ascii", "replace").decode()
    return text if len(text) <= 1000 else text[:997] + "..."


class Gateway:
    def __init__(self, config: Config, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        self.transport = transport
        self.history = HistoryStore(config.history)
        self.client: httpx.AsyncClient | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        timeout = httpx.Timeout(self.config.timeout, connect=10.0)
        limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
        async with httpx.AsyncClient(
            timeout=timeout, limits=limits, transport=self.transport
        ) as client:
            self.client = client
            try:
                yield
            finally:
                self.client = None
                self.history.close()

    def app(self) -> Starlette:
        route = Route("/{path:path}", self.handle, methods=["GET", "POST"])
        return Starlette(routes=[route], lifespan=self.lifespan)

    # -- routing -----------------------------------------------------------------------------

    async def handle(self, request: Request) -> Response:
        endpoint = rc.match_path(request.url.path)
        if endpoint is None:
            return reply_response(rc.error_reply("openai", 404, f"no route {request.url.path}"))
        if endpoint.operation in ("models", "model"):
            return self.models(rc.models_protocol(dict(request.headers)), endpoint.model)
        protocol = endpoint.protocol
        assert protocol is not None  # every other operation names its protocol
        if request.method != "POST":
            return reply_response(rc.error_reply(protocol, 405, f"use POST {endpoint.path}"))
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError as exc:
            bad = rc.InvalidInputError(f"the body is not JSON: {exc}", path="")
            return reply_response(rc.conversion_error_reply(bad, protocol))
        if not isinstance(body, dict):
            bad = rc.InvalidInputError("a request must be a JSON object", path="")
            return reply_response(rc.conversion_error_reply(bad, protocol))
        model = body.get("model")
        route = self.config.route(model)
        if route is None:
            message = f"the model {json.dumps(model)} is not served here"
            return reply_response(rc.error_reply(protocol, 404, message, code="model_not_found"))
        if endpoint.operation == "count_tokens":
            return await self.count_tokens(
                request, protocol, endpoint.path, body, route.upstream, route.upstream_model
            )
        return await self.create(request, protocol, body, route.upstream, route.upstream_model)

    def models(self, protocol: Protocol, model_id: str | None) -> Response:
        entries = self.config.models()
        if model_id is not None:
            entries = [(name, up) for name, up in entries if name == model_id]
            if not entries:
                return reply_response(rc.error_reply(protocol, 404, f"no model {model_id}"))
        data: list[dict[str, Any]]
        if protocol == "anthropic":
            data = [
                {
                    "type": "model",
                    "id": name,
                    "display_name": name,
                    "created_at": "2025-01-01T00:00:00Z",
                }
                for name, _ in entries
            ]
            if model_id is not None:
                return Response(json.dumps(data[0]), media_type="application/json")
            listing: Any = rc.models.anthropic.ModelList.model_validate(
                {
                    "data": data,
                    "has_more": False,
                    "first_id": data[0]["id"] if data else None,
                    "last_id": data[-1]["id"] if data else None,
                }
            )
        else:
            data = [
                {"id": name, "object": "model", "created": 0, "owned_by": up.name}
                for name, up in entries
            ]
            if model_id is not None:
                return Response(json.dumps(data[0]), media_type="application/json")
            listing = rc.models.openai.ModelList.model_validate({"object": "list", "data": data})
        return Response(listing.to_json(), media_type="application/json")

    # -- token counting ----------------------------------------------------------------------

    async def count_tokens(
        self,
        request: Request,
        protocol: Protocol,
        path: str,
        body: Any,
        up: Upstream,
        model: str | None,
    ) -> Response:
        if up.protocol != protocol or not up.count_tokens:
            message = (
                f"token counting is not available for {body.get('model')}: its upstream "
                f"({up.name}, {up.protocol}) has no {path} endpoint"
            )
            return reply_response(rc.unsupported_reply(protocol, message))
        if model is not None:
            body = {**body, "model": model}
        try:
            assert self.client is not None
            resp = await self.client.post(
                up.url(path), json=body, headers=self.upstream_headers(request, protocol, up)
            )
        except httpx.HTTPError as exc:
            return reply_response(
                rc.transport_error_reply(protocol, transport_failure(exc), str(exc))
            )
        if resp.status_code >= 400:
            error = rc.conversion(up.protocol, protocol, "error")(
                resp.status_code, resp.content, resp.headers
            )
            return reply_response(error.value)
        headers = rc.conversion(up.protocol, protocol, "headers")(resp.headers).value
        return Response(resp.content, 200, {**headers, "content-type": "application/json"})

    # -- generations -------------------------------------------------------------------------

    def upstream_headers(self, request: Request, client: Protocol, up: Upstream) -> dict[str, str]:
        """The gateway's own key; Anthropic's version and betas from a Messages client, else the
        configured version."""
        headers = {"content-type": "application/json"}
        if up.protocol == "anthropic":
            version = request.headers.get("anthropic-version") if client == "anthropic" else None
            headers["anthropic-version"] = version or up.options.anthropic_version
            beta = request.headers.get("anthropic-beta") if client == "anthropic" else None
            if beta:
                headers["anthropic-beta"] = beta
            if up.api_key:
                headers["x-api-key"] = up.api_key
        elif up.api_key:
            headers["authorization"] = f"Bearer {up.api_key}"
        return headers

    async def create(
        self, request: Request, protocol: Protocol, body: Any, up: Upstream, model: str | None
    ) -> Response:
        history = None
        previous = body.get("previous_response_id")
        if protocol == "responses" and up.protocol != "responses" and isinstance(previous, str):
            history = self.history.get(previous)
            if history is None:
                message = f"no stored response {previous}"
                return reply_response(
                    rc.error_reply(
                        protocol,
                        404,
                        message,
                        param="previous_response_id",
                        code="previous_response_not_found",
                    )
                )
        try:
            exchange = rc.Exchange(
                protocol,
                up.protocol,
                body,
                options=up.options,
                model=model,
                history=history,
                created=int(time.time()),
                keepalive=True,
            )
        except rc.ConversionError as exc:
            return reply_response(rc.conversion_error_reply(exc, protocol))
        self.log_losses("request", protocol, up, exchange.losses)
        extra = {}
        if self.config.loss_header or request.headers.get(LOSS_HEADER) == "1":
            extra[LOSS_HEADER] = loss_summary(exchange.losses)
        url = up.url(
            {
                "openai": "/v1/chat/completions",
                "anthropic": "/v1/messages",
                "responses": "/v1/responses",
            }[up.protocol]
        )
        upstream_request = self._client().build_request(
            "POST",
            url,
            content=exchange.upstream_body(),
            headers=self.upstream_headers(request, protocol, up),
        )
        # A Responses client whose upstream keeps no responses: the gateway stores them.
        store = (
            protocol == "responses"
            and up.protocol != "responses"
            and body.get("store") is not False
        )
        context = (history, store)
        if exchange.stream:
            return await self.stream(exchange, up, upstream_request, extra, context)
        return await self.whole(exchange, up, upstream_request, extra, context)

    def _client(self) -> httpx.AsyncClient:
        assert self.client is not None, "the gateway's lifespan has not started"
        return self.client

    async def whole(
        self,
        ex: rc.Exchange,
        up: Upstream,
        upstream_request: httpx.Request,
        extra: dict[str, str],
        context: tuple[Any, bool],
    ) -> Response:
        client = ex.client
        try:
            resp = await self._client().send(upstream_request)
        except httpx.HTTPError as exc:
            return reply_response(
                rc.transport_error_reply(client, transport_failure(exc), str(exc)), extra
            )
        now = datetime.now(timezone.utc)
        if resp.status_code >= 400:
            return reply_response(
                ex.error(resp.status_code, resp.content, resp.headers, now=now).value, extra
            )
        try:
            reply = ex.reply(resp.content)
        except rc.ConversionError as exc:
            log.warning("%s upstream reply refused: %s", up.name, exc)
            return reply_response(rc.conversion_error_reply(exc, client, upstream=True), extra)
        self.log_losses("reply", client, up, reply.losses)
        history, store = context
        if store:
            self.store(ex.body, reply.value.to_dict(), history)
        headers = self.success_headers(ex, resp.headers, now)
        return Response(
            reply.value.to_json(), 200, {**headers, **extra, "content-type": "application/json"}
        )

    async def stream(
        self,
        ex: rc.Exchange,
        up: Upstream,
        upstream_request: httpx.Request,
        extra: dict[str, str],
        context: tuple[Any, bool],
    ) -> Response:
        client = ex.client
        try:
            resp = await self._client().send(upstream_request, stream=True)
        except httpx.HTTPError as exc:
            return reply_response(
                rc.transport_error_reply(client, transport_failure(exc), str(exc)), extra
            )
        now = datetime.now(timezone.utc)
        if resp.status_code >= 400:
            try:
                content = await resp.aread()
            except httpx.HTTPError as exc:
                return reply_response(
                    rc.transport_error_reply(client, transport_failure(exc), str(exc)), extra
                )
            finally:
                await resp.aclose()
            return reply_response(
                ex.error(resp.status_code, content, resp.headers, now=now).value, extra
            )
        relay = ex.stream_relay()
        history, store = context
        seen = SSEDecoder() if store else None

        async def body() -> AsyncIterator[bytes]:
            try:
                try:
                    async for chunk in resp.aiter_bytes():
                        out = relay.feed(chunk)
                        if out:
                            self._watch(seen, out, ex, history)
                            yield out
                    out = relay.close()
                except httpx.HTTPError as exc:
                    log.warning("%s stream failed: %r", up.name, exc)
                    out = relay.fail(transport_failure(exc), str(exc))
                if out:
                    self._watch(seen, out, ex, history)
                    yield out
            finally:
                # Also on cancellation (the client went away): close the upstream connection
                # so that the upstream stops generating. Shielded, as the scope is cancelled.
                with anyio.CancelScope(shield=True):
                    await resp.aclose()
                if relay.error is not None:
                    log.warning("%s stream refused: %s", up.name, relay.error)
                self.log_losses("stream", client, up, relay.losses)

        headers = self.success_headers(ex, resp.headers, now)
        headers.update(extra)
        headers["cache-control"] = "no-cache"
        return StreamingResponse(body(), 200, headers, media_type="text/event-stream")

    def _watch(self, decoder: SSEDecoder | None, out: bytes, ex: rc.Exchange, history: Any) -> None:
        """Store the response a Responses stream completed (read from the client's bytes)."""
        if decoder is None:
            return
        for event in decoder.feed(out):
            if event.event == "response.completed":
                self.store(ex.body, event.json()["response"], history)

    def store(self, request: Any, response: Any, history: Any) -> None:
        try:
            items = rc.responses_history_items(request, response, history=history)
        except rc.ConversionError as exc:
            log.warning("response not stored: %s", exc)
            return
        self.history.put(response["id"], items)

    def success_headers(
        self, ex: rc.Exchange, headers: httpx.Headers, now: datetime
    ) -> dict[str, str]:
        try:
            return ex.headers(headers, now=now).value
        except rc.ConversionError as exc:  # an upstream header the library refuses: drop them all
            log.warning("upstream headers dropped: %s", exc)
            return {}

    def log_losses(
        self, what: str, client: Protocol, up: Upstream, losses: tuple[rc.Loss, ...]
    ) -> None:
        for loss in losses:
            log.info("%s %s<->%s (%s) lost %s", what, client, up.protocol, up.name, loss)


def create_app(config: Config, transport: httpx.AsyncBaseTransport | None = None) -> Starlette:
    return Gateway(config, transport).app()


def app() -> Starlette:
    """``uvicorn --factory examples.gateway.app:app``: the config from ``$GATEWAY_CONFIG``."""
    default = Path(__file__).with_name("gateway.toml")
    path = Path(os.environ.get("GATEWAY_CONFIG", default))
    return create_app(load_config(path.read_text()))
