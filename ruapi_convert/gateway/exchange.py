"""
ruapi_convert.gateway.exchange
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

:class:`Exchange`: one client request on its way through one upstream, for any pair of protocols,
as the 25 to 30 lines every gateway writes per direction, still without I/O.

    ex = rc.Exchange("openai", "anthropic", client_body, options=opts, created=now_s)
    upstream_bytes = ex.upstream_body()              # send it (ex.losses: what did not survive)
    if ex.stream:
        relay = ex.stream_relay()                    # feed / close / fail
    else:
        reply = ex.reply(upstream_reply_bytes)       # Converted[...] in the client's protocol
    error = ex.error(status, body, headers, now=dt)  # an upstream error, in the client's protocol
    headers = ex.headers(upstream_headers, now=dt)   # request id, rate limits, retry hints

The functions come from the dispatch table (:mod:`.dispatch`); the per-call values given to the
constructor (``created``, ``id``, ``model``, ``history``, ``keepalive``) reach every conversion
that reads them, and the client's request itself reaches those that echo it (``request=`` of the
Chat -> Responses reply and stream).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import _json
from ..models._base import WireModel
from .dispatch import conversion
from .relay import StreamRelay, stream_options

if TYPE_CHECKING:
    from datetime import datetime

    from ..losses import Converted, Loss
    from ..options import Options
    from .failures import AnyErrorReply
    from .headers import HeadersInput
    from .paths import Protocol

__all__ = ["Exchange"]


class Exchange:
    """One client request of protocol ``client`` for an upstream of protocol ``upstream``.

    The constructor converts the request and raises what the conversion raises (a
    :class:`~ruapi_convert.errors.ConversionError`: answer it with
    :func:`~ruapi_convert.gateway.conversion_error_reply`). ``options`` (one
    :class:`~ruapi_convert.Options` per upstream) applies to every conversion of the exchange;
    keyword options (``strict=``, ``dialect=`` ...) to the request conversion only, as the
    reply-side functions take fewer of them. ``model`` replaces the model of the upstream
    request, ``history`` is the stored history of a Responses request (``previous_response_id``).
    """

    def __init__(
        self,
        client: Protocol,
        upstream: Protocol,
        body: Any,
        *,
        options: Options | None = None,
        model: str | None = None,
        history: Any = None,
        created: int | None = None,
        id: str | None = None,
        keepalive: bool = False,
        **opts: Any,
    ) -> None:
        self.client = client
        self.upstream = upstream
        # Parsed once: every later conversion that echoes the request reads the same dict.
        if isinstance(body, (bytes, bytearray, memoryview, str)):
            body = _json.loads(body)
        elif isinstance(body, WireModel):
            body = body.to_dict()
        self.body: Any = body
        wanted = stream_options(client, body)
        #: The client asked for a stream.
        self.stream = wanted.stream
        #: A Chat client asked for usage in its stream (``stream_options.include_usage``).
        self.include_usage = wanted.include_usage
        self._options = options
        self._values: dict[str, Any] = {"created": created, "id": id, "keepalive": keepalive}
        #: The upstream request and what it lost.
        self.request: Converted[Any] = conversion(client, upstream, "request")(
            body, options=options, model=model, history=history, **opts
        )

    @property
    def losses(self) -> tuple[Loss, ...]:
        """What the request conversion lost."""
        return self.request.losses

    def upstream_body(self) -> bytes:
        """The upstream request's exact wire bytes."""
        data: bytes = self.request.value.to_json()
        return data

    def reply(self, body: Any) -> Converted[Any]:
        """The upstream's (non-stream) reply, converted for the client."""
        convert = conversion(self.upstream, self.client, "response")
        return convert(body, request=self.body, options=self._options, **self._values)  # type: ignore[no-any-return]

    def stream_converter(self) -> Any:
        """A fresh stream converter, upstream events -> client events."""
        convert = conversion(self.upstream, self.client, "stream")
        return convert(
            self._options,
            request=self.body,
            include_usage=self.include_usage,
            **self._values,
        )

    def stream_relay(self) -> StreamRelay:
        """A :class:`~ruapi_convert.gateway.StreamRelay` over :meth:`stream_converter`."""
        return StreamRelay(self.stream_converter())

    def error(
        self,
        status: int,
        body: Any,
        headers: HeadersInput = None,
        *,
        now: datetime | None = None,
        **kwargs: Any,
    ) -> Converted[AnyErrorReply]:
        """An upstream error reply (status, body, headers), in the client's protocol."""
        convert = conversion(self.upstream, self.client, "error")
        return convert(status, body, headers, now=now, options=self._options, **kwargs)  # type: ignore[no-any-return]

    def headers(
        self, headers: HeadersInput, *, now: datetime | None = None, **kwargs: Any
    ) -> Converted[dict[str, str]]:
        """The upstream's success headers (request id, rate limits ...) for the client."""
        convert = conversion(self.upstream, self.client, "headers")
        return convert(headers, now=now, **kwargs)  # type: ignore[no-any-return]
