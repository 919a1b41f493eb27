"""The benchmark's rows: each payload with the callables timed on it (ours and the floors).

Every callable takes no argument and turns the row's input bytes into output bytes:

* ``ours`` (bodies): the public conversion function on the bytes, then ``.value.to_json()``;
* ``feed`` (streams, the event API): each SSE event's data parsed with ``pydantic_core.from_json``
  and given to the converter's ``feed()`` as a dict, each event it returns framed with
  ``sse.encode``, then ``close()``;
* ``bytes`` (streams): ``sse.SSETranscoder`` over the whole stream, then ``close()``;
* ``typed`` (the typed floor): ``pydantic_core.from_json`` of the input, ``validate_python`` with
  the input protocol's schema (``floor_schemas``), and ``pydantic_core.to_json`` of our own output
  for that input (computed once, beforehand, and parsed back to plain JSON); for streams the same
  per input event and per output event, with the SSE framing;
* ``orjson`` (the orjson floor): ``orjson.loads`` of the input and ``orjson.dumps`` of our output,
  validating nothing;
* ``litellm`` (with ``--litellm``): LiteLLM's adapters on the same bytes.

Stream figures are per input event (SSE frame): a call's time divided by :attr:`Row.units`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
import pydantic_core

import ruapi_convert as rc
from ruapi_convert import sse

from . import floor_schemas
from .payloads import (
    REPLY_SIZES,
    anthropic_message,
    anthropic_stream,
    openai_stream,
    request_payloads,
    sse_data,
    sse_frames,
)

if TYPE_CHECKING:
    from .litellm_adapters import LiteLLM

__all__ = ["Row", "build_rows", "stream_converter"]

Fn = Callable[[], bytes]

#: The model of the ``@gpt-4o`` request rows (see :func:`build_rows`).
GATEWAY_MODEL = "gpt-4o"


@dataclass
class Row:
    key: str
    label: str
    kind: str  # "body" or "stream"
    size: int  # input bytes
    units: int  # what a call's time is divided by: 1, or the number of input events
    fns: dict[str, Fn] = field(default_factory=dict)
    schema: str = ""
    fields_checked: int = 0  # field shapes the schema was shown to check (floor_schemas)

    @property
    def ours(self) -> list[str]:
        """The names of our own contenders: ``ours``, or ``feed`` and ``bytes`` for a stream."""
        return ["feed", "bytes"] if self.kind == "stream" else ["ours"]


# -- bodies ------------------------------------------------------------------------------------------


def _body_row(
    key: str,
    label: str,
    body: bytes,
    schema: str,
    ours: Callable[[bytes], bytes],
    lite: Callable[[bytes], bytes] | None,
) -> Row:
    output = json.loads(ours(body))  # our output as plain JSON, for the floors to dump
    validate = floor_schemas.validator(schema).validate_python
    from_json, to_json = pydantic_core.from_json, pydantic_core.to_json
    loads, dumps = orjson.loads, orjson.dumps

    def typed() -> bytes:
        validate(from_json(body))
        return to_json(output)

    def orjson_floor() -> bytes:
        loads(body)
        return dumps(output)

    row = Row(key, label, "body", len(body), 1, schema=schema)
    row.fields_checked = floor_schemas.check_schema(schema, [json.loads(body)])
    row.fns = {"ours": lambda: ours(body), "typed": typed, "orjson": orjson_floor}
    for name in ("typed", "orjson"):
        assert row.fns[name]() == ours(body), f"{key}: {name} does not give our output"
    _add_litellm(row, lite, body)
    return row


def _add_litellm(row: Row, lite: Callable[[bytes], bytes] | None, data: bytes) -> None:
    """LiteLLM's contender, unless it fails on this input (which is reported, not timed)."""
    if lite is None:
        return
    try:
        lite(data)
    except Exception as exc:  # a peer failing on a payload is a result too
        print(f"  (LiteLLM fails on {row.label}: {type(exc).__name__}: {str(exc)[:100]})")
        return
    row.fns["litellm"] = lambda: lite(data)


def _o2a_request(body: bytes) -> bytes:
    return rc.openai_to_anthropic_request(body).value.to_json()


def _a2o_request(body: bytes) -> bytes:
    return rc.anthropic_to_openai_request(body).value.to_json()


def _a2o_reply(body: bytes) -> bytes:
    return rc.anthropic_to_openai_response(body, created=1).value.to_json()


def _o2a_reply(body: bytes) -> bytes:
    return rc.openai_to_anthropic_response(body).value.to_json()


def body_rows(lite: LiteLLM | None) -> list[Row]:
    rows: list[Row] = []
    anthropic_requests: dict[str, bytes] = {}
    for size, request in request_payloads().items():
        o_bytes = orjson.dumps(request)
        a_bytes = _o2a_request(o_bytes)
        anthropic_requests[size] = a_bytes
        rows.append(
            _body_row(
                f"o2a_request_{_slug(size)}",
                f"O->A request, {size}",
                o_bytes,
                "openai_request",
                _o2a_request,
                lite.o2a_request if lite else None,
            )
        )
        rows.append(
            _body_row(
                f"a2o_request_{_slug(size)}",
                f"A->O request, {size}",
                a_bytes,
                "anthropic_request",
                _a2o_request,
                lite.a2o_request if lite else None,
            )
        )
    for size in ("small", "60 messages"):
        body = json.loads(anthropic_requests[size]) | {"model": GATEWAY_MODEL}
        rows.append(
            _body_row(
                f"a2o_request_{_slug(size)}_gpt4o",
                f"A->O request, {size} @{GATEWAY_MODEL}",
                orjson.dumps(body),
                "anthropic_request",
                _a2o_request,
                lite.a2o_request if lite else None,
            )
        )
    for size, (text, tools) in REPLY_SIZES.items():
        a_reply = orjson.dumps(anthropic_message(text, tools))
        o_reply = _a2o_reply(a_reply)
        rows.append(
            _body_row(
                f"a2o_reply_{size}",
                f"A->O reply, {size}",
                a_reply,
                "anthropic_reply",
                _a2o_reply,
                lite.a2o_response if lite else None,
            )
        )
        rows.append(
            _body_row(
                f"o2a_reply_{size}",
                f"O->A reply, {size}",
                o_reply,
                "openai_reply",
                _o2a_reply,
                lite.o2a_response if lite else None,
            )
        )
    return rows


def _slug(size: str) -> str:
    return size.split()[0].lower()


# -- streams -----------------------------------------------------------------------------------------


def stream_converter(direction: str) -> Any:
    """A fresh converter for ``"a2o"`` or ``"o2a"``, with the per-call values the rows use."""
    if direction == "a2o":
        return rc.AnthropicToOpenAIStream(include_usage=True, created=1)
    return rc.OpenAIToAnthropicStream()


def feed_events(direction: str, data: bytes) -> list[list[bytes]]:
    """The event API over a stream: per input frame, the SSE bytes of the events ``feed()``
    returns (the frame that ends the input also gets those of ``close()``)."""
    converter = stream_converter(direction)
    out: list[list[bytes]] = []
    for frame in sse_frames(data):
        line = sse_data(frame)
        items = [] if line == b"[DONE]" else converter.feed(pydantic_core.from_json(line))
        out.append([sse.encode(item) for item in items])
    out[-1] += [sse.encode(item) for item in converter.close()]
    return out


def _plan(events: list[list[bytes]]) -> list[list[tuple[bytes, Any]]]:
    """Our output events as (SSE head, plain JSON, or None for ``[DONE]``), per input frame."""
    plan: list[list[tuple[bytes, Any]]] = []
    for frames in events:
        step: list[tuple[bytes, Any]] = []
        for frame in frames:
            head, _, rest = frame.partition(b"data: ")
            data = rest.removesuffix(b"\n\n")
            step.append((head + b"data: ", None if data == b"[DONE]" else json.loads(data)))
        plan.append(step)
    return plan


def _stream_floor(
    data: bytes,
    plan: list[list[tuple[bytes, Any]]],
    loads: Callable[[bytes], Any],
    check: Callable[[Any], Any] | None,
    dumps: Callable[[Any], bytes],
) -> Fn:
    """Split the SSE bytes into frames, parse (and ``check``) each frame's data, and frame the
    JSON of our output events for that frame: the least a stream transcoder does."""

    def run() -> bytes:
        out = []
        # (the split ends with the empty bytes after the last frame, which has no step)
        for frame, step in zip(data.split(b"\n\n"), plan, strict=False):
            line = frame.rsplit(b"\ndata: ", 1)[-1].removeprefix(b"data: ")
            if line != b"[DONE]":
                parsed = loads(line)
                if check is not None:
                    check(parsed)
            for head, value in step:
                out.append(head + (b"[DONE]" if value is None else dumps(value)) + b"\n\n")
        return b"".join(out)

    return run


def _stream_row(
    direction: str, data: bytes, schema: str, lite: Callable[[bytes], bytes] | None
) -> Row:
    frames = sse_frames(data)
    events = feed_events(direction, data)
    plan = _plan(events)
    from_json, encode = pydantic_core.from_json, sse.encode

    def feed() -> bytes:
        converter = stream_converter(direction)
        out = []
        for frame in data.split(b"\n\n"):
            if frame:
                line = frame.rsplit(b"\ndata: ", 1)[-1].removeprefix(b"data: ")
                if line != b"[DONE]":
                    out += [encode(item) for item in converter.feed(from_json(line))]
        out += [encode(item) for item in converter.close()]
        return b"".join(out)

    def transcode() -> bytes:
        transcoder = sse.SSETranscoder(stream_converter(direction))
        return transcoder.feed(data) + transcoder.close()

    validate = floor_schemas.validator(schema).validate_python
    typed = _stream_floor(data, plan, from_json, validate, pydantic_core.to_json)
    label = "A->O stream" if direction == "a2o" else "O->A stream"
    row = Row(f"{direction}_stream", f"{label}, per event", "stream", len(data), len(frames))
    row.schema = schema
    row.fields_checked = floor_schemas.check_schema(
        schema, [json.loads(line) for line in map(sse_data, frames) if line != b"[DONE]"]
    )
    row.fns = {
        "feed": feed,
        "bytes": transcode,
        "typed": typed,
        "orjson": _stream_floor(data, plan, orjson.loads, None, orjson.dumps),
    }
    _add_litellm(row, lite, data)
    expected = b"".join(b"".join(step) for step in events)
    for name in ("feed", "bytes", "typed", "orjson"):
        assert row.fns[name]() == expected, f"{row.key}: {name} does not give our output"
    return row


def stream_rows(lite: LiteLLM | None, deltas: int) -> list[Row]:
    return [
        _stream_row(
            "a2o", anthropic_stream(deltas), "anthropic_event", lite.a2o_stream if lite else None
        ),
        _stream_row(
            "o2a", openai_stream(deltas), "openai_chunk", lite.o2a_stream if lite else None
        ),
    ]


def build_rows(lite: LiteLLM | None, deltas: int) -> list[Row]:
    """The 16 rows: 6 requests, 2 ``@gpt-4o`` requests, 6 replies, 2 streams.

    The two ``@gpt-4o`` rows are the small and 60-message A->O requests (an Anthropic Messages
    body sent on to an OpenAI upstream) whose ``model`` is ``gpt-4o``, the model a gateway routes
    them to. We do not read the model; LiteLLM's Anthropic adapter consults its model registry for
    it (a non-reasoning OpenAI model here, where the other requests name ``gpt-5``), so these rows
    make the LiteLLM comparison cover that route too.
    """
    return body_rows(lite) + stream_rows(lite, deltas)
