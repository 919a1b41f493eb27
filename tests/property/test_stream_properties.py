"""Properties of the stream converters, on generated streams of both protocols.

* A -> O and O -> A: the output keeps the target protocol's stream rules (``tests/invariants``),
  the official SDK accumulates it - from our dicts and from our SSE *bytes* served over
  ``httpx2.MockTransport`` - and the result equals the non-stream conversion of the source's final
  object; the stream reports no loss the non-stream conversion does not (or the difference is
  explained below).
* Re-splitting: cutting the source bytes anywhere gives byte-identical output; cutting the source's
  text, reasoning and argument deltas into smaller deltas gives the same accumulated result.
* Bad input: any sequence of event-shaped values and any bytes either convert or raise a
  ``ConversionError`` (after which the converter refuses more input), and a truncated stream ends
  with the target protocol's error framing, never with its success terminator.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
from typing import TYPE_CHECKING, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ruapi_convert as rc
from ruapi_convert import _json
from ruapi_convert.sse import DONE, SSEDecoder, SSETranscoder, encode_all
from ruapi_convert.testing import (
    anthropic_event_streams,
    json_values,
    openai_chunk_streams,
    with_unknowns,
)

from ..invariants import check_anthropic_events, check_openai_chunks

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.property

Json = dict[str, Any]
Pair = tuple[Json, list[Json]]

CREATED = 1_700_000_000

# Streams the converters accept. n > 1 has no Anthropic form (UnsupportedError, tested elsewhere).
anthropic_streams = anthropic_event_streams()
openai_streams = openai_chunk_streams(multiple_choices=False)


# -- running the converters ----------------------------------------------------------------------


def run_a2o(events: list[Any], include_usage: bool) -> tuple[list[Any], rc.AnthropicToOpenAIStream]:
    converter = rc.AnthropicToOpenAIStream(include_usage=include_usage, created=CREATED)
    out: list[Any] = []
    for event in events:
        out += converter.feed(event)
    return out + converter.close(), converter


def run_o2a(chunks: list[Any]) -> tuple[list[Any], rc.OpenAIToAnthropicStream]:
    converter = rc.OpenAIToAnthropicStream()
    out: list[Any] = []
    for chunk in chunks:
        out += converter.feed(chunk)
    return out + converter.close(), converter


def anthropic_sse(events: list[Json]) -> bytes:
    """Anthropic framing: every event named after its type."""
    return b"".join(
        b"event: " + e["type"].encode() + b"\ndata: " + _json.dumps(e) + b"\n\n" for e in events
    )


def openai_sse(chunks: list[Json]) -> bytes:
    """OpenAI framing: data-only events, then ``[DONE]``."""
    return b"".join(b"data: " + _json.dumps(c) + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"


def transcode(converter: Any, pieces: list[bytes]) -> bytes:
    transcoder = SSETranscoder(converter)
    out = b"".join(transcoder.feed(piece) for piece in pieces)
    return out + transcoder.close()


def cut(raw: bytes, points: list[int]) -> list[bytes]:
    bounds = sorted({p % (len(raw) + 1) for p in points} | {0, len(raw)})
    return [raw[a:b] for a, b in itertools.pairwise(bounds)]


# -- the SDKs as oracles -------------------------------------------------------------------------


# -- normalisation (as in tests/stream/test_fixture_streams.py) ----------------------------------


_RANK = {"thinking": 0, "redacted_thinking": 0, "text": 1, "tool_use": 2}


def merged_content(content: list[Json], unsigned: bool = False) -> list[Json]:
    """Content with block boundaries and the order between channels forgotten, for interleaved
    sources (whose blocks come in the order the channels spoke, split where they resumed):

    * text: adjacent text blocks (once sorted stably before tool calls) joined;
    * reasoning: one summary entry - the sorted characters of all thinking text, the sorted
      non-empty signatures, the sorted redacted data - since reasoning items of several indices
      may interleave with each other too. With ``unsigned``, signatures are left out: one that
      arrives after its thinking block had to stop cannot be sent (the converter reports it);
    * tool calls and everything else: unchanged, in order.
    """
    thinking = [b for b in content if b["type"] == "thinking"]
    redacted = [b for b in content if b["type"] == "redacted_thinking"]
    summary = {
        "thinking": "".join(sorted("".join(b["thinking"] for b in thinking))),
        "signatures": []
        if unsigned
        else sorted(b["signature"] for b in thinking if b["signature"]),
        "redacted": sorted(b["data"] for b in redacted),
    }
    out: list[Json] = [summary]
    rest = [b for b in content if b["type"] not in ("thinking", "redacted_thinking")]
    for block in sorted(rest, key=lambda b: _RANK.get(b["type"], 3)):
        last = out[-1]
        if block["type"] == last.get("type") == "text" and not last.get("citations"):
            out[-1] = {**block, "text": last["text"] + block["text"]}
        else:
            out.append(block)
    return out


def details_first(chunks: list[Json]) -> list[Json]:
    """The stream without the plain reasoning text that comes *before* the first
    ``reasoning_details`` fragment.

    The generator cuts ``reasoning_content`` and ``reasoning_details`` (the same text, with and
    without signatures: OpenRouter sends both in one delta) independently. The non-stream
    conversion takes the details and ignores the plain text; a stream converter that meets plain
    text first cannot know that signed details of the same text will follow, and shows it as an
    unsigned thinking block. That shape is left out here (and described in the report): the plain
    text before the first details fragment moves into that fragment's delta, so the accumulated
    ``reasoning_content`` is unchanged; plain text *after* the first details fragment stays where
    it is and must be ignored (and compared with the details at the end).
    """
    first = next(
        (
            i
            for i, c in enumerate(chunks)
            if any(
                (ch.get("delta") or {}).get("reasoning_details") is not None
                for ch in c.get("choices") or ()
            )
        ),
        None,
    )
    if first is None:
        return chunks
    chunks = copy.deepcopy(chunks)
    moved: dict[tuple[int, str], str] = {}  # (choice index, key) -> text taken out before `first`
    for chunk in chunks[:first]:
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta") or {}
            for key in ("reasoning_content", "reasoning"):
                text = delta.pop(key, None)
                if isinstance(text, str):
                    slot = (choice.get("index", 0), key)
                    moved[slot] = moved.get(slot, "") + text
            delta.pop("thinking_blocks", None)
    for choice in chunks[first].get("choices") or ():
        delta = choice.setdefault("delta", {})
        for key in ("reasoning_content", "reasoning"):
            text = moved.get((choice.get("index", 0), key))
            if text:
                delta[key] = text + (delta.get(key) or "")
    return chunks


def openai_channels(chunks: list[Json]) -> list[tuple[int, int]]:
    """The order in which the source's channels speak, as (rank, sub-index) per piece, in the
    order the converter reads a delta's fields."""
    order: list[tuple[int, int]] = []
    for chunk in chunks:
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta") or {}
            order.extend(
                (0, detail.get("index") or 0)
                for detail in delta.get("reasoning_details") or ()
                if detail.get("text") or detail.get("signature") or detail.get("data")
            )
            if delta.get("reasoning_details") is None and (
                delta.get("reasoning_content")
                or delta.get("reasoning")
                or delta.get("thinking_blocks")
            ):
                order.append((0, -1))
            if delta.get("content"):
                order.append((1, 0))
            if delta.get("refusal"):
                order.append((2, 0))
            order.extend((3, call.get("index") or 0) for call in delta.get("tool_calls") or ())
            if delta.get("function_call"):
                order.append((4, 0))
    return order


def interleaved(chunks: list[Json]) -> bool:
    """The source's channels do not speak one after another in the non-stream conversion's block
    order (reasoning, content, refusal, tool calls by index): the stream's blocks then come in
    the order they spoke, possibly split, and only :func:`merged_content` can agree."""
    order = openai_channels(chunks)
    runs = [c for i, c in enumerate(order) if i == 0 or order[i - 1] != c]
    return runs != sorted(set(runs))


# -- 1. Anthropic -> OpenAI ----------------------------------------------------------------------


# -- 2. OpenAI -> Anthropic ----------------------------------------------------------------------

#: Stream losses the non-stream conversion does not have, because the reply carries the value in
#: ``message.openai`` (the extension), which a stream sends only with ``message_start`` - long
#: before logprobs, annotations, audio or usage details arrive.
_LATE_FOR_MESSAGE_OPENAI = {
    "choices[0].logprobs": "logprobs",
    "choices[0].message.annotations": "annotations",
    "choices[0].message.audio": "audio",
    "usage.": "usage",
}


# -- 3. re-splitting ---------------------------------------------------------------------------


newlines = st.sampled_from([b"\n", b"\r\n", b"\r"])


@given(anthropic_streams, newlines, st.lists(st.integers(min_value=0), max_size=40))
def test_anthropic_bytes_cut_anywhere_give_the_same_openai_bytes(
    pair: Pair, newline: bytes, points: list[int]
) -> None:
    """SSETranscoder's output does not depend on the upstream's line endings, nor on where its
    bytes were cut (inside a line, a CRLF, a UTF-8 character)."""
    raw = anthropic_sse(pair[1])
    make = functools.partial(rc.AnthropicToOpenAIStream, include_usage=True, created=CREATED)
    # Compact JSON holds no raw line break, so every LF in ``raw`` is framing.
    source = raw.replace(b"\n", newline)
    assert transcode(make(), cut(source, points)) == transcode(make(), [raw])


@given(openai_streams, newlines, st.lists(st.integers(min_value=0), max_size=40))
def test_openai_bytes_cut_anywhere_give_the_same_anthropic_bytes(
    pair: Pair, newline: bytes, points: list[int]
) -> None:
    """The same for OpenAI bytes in (``data:`` events and ``[DONE]``)."""
    raw = openai_sse(details_first(pair[1]))
    source = raw.replace(b"\n", newline)
    assert transcode(rc.OpenAIToAnthropicStream(), cut(source, points)) == transcode(
        rc.OpenAIToAnthropicStream(), [raw]
    )


@given(anthropic_streams)
def test_transcoded_anthropic_bytes_are_the_fed_chunks_encoded(pair: Pair) -> None:
    """SSETranscoder takes a shortcut for text deltas (bytes from a template); its output must be
    byte for byte what feed() gives, encoded (feed never takes the shortcut)."""
    raw = anthropic_sse(pair[1])
    make = functools.partial(rc.AnthropicToOpenAIStream, include_usage=True, created=CREATED)
    converter = make()
    fed = [item for event in SSEDecoder().feed(raw) for item in converter.feed(event)]
    fed += converter.close()
    assert transcode(make(), [raw]) == encode_all(fed)


@given(openai_streams)
def test_transcoded_openai_bytes_are_the_fed_events_encoded(pair: Pair) -> None:
    """The same for OpenAI chunks in."""
    raw = openai_sse(details_first(pair[1]))
    converter = rc.OpenAIToAnthropicStream()
    fed = [item for event in SSEDecoder().feed(raw) for item in converter.feed(event)]
    fed += converter.close()
    assert transcode(rc.OpenAIToAnthropicStream(), [raw]) == encode_all(fed)


def pieces(data: st.DataObject, text: str) -> list[str]:
    """``text`` cut at drawn points into non-empty pieces (anywhere: inside escape sequences of
    JSON text, between the code points of a grapheme)."""
    if len(text) < 2:
        return [text]
    points = data.draw(st.lists(st.integers(1, len(text) - 1), min_size=1, max_size=4, unique=True))
    bounds = [0, *sorted(points), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


_SPLIT_DELTAS = {
    "text_delta": "text",
    "thinking_delta": "thinking",
    "input_json_delta": "partial_json",
}


def coarsen_anthropic(events: list[Json]) -> list[Json]:
    """Runs of text, thinking or input JSON deltas of one block joined into one delta each."""
    out: list[Json] = []
    for event in events:
        key = _SPLIT_DELTAS.get((event.get("delta") or {}).get("type", ""))
        last = out[-1] if out else None
        if (
            key is not None
            and event["type"] == "content_block_delta"
            and last is not None
            and last["type"] == "content_block_delta"
            and last["index"] == event["index"]
            and last["delta"]["type"] == event["delta"]["type"]
        ):
            out[-1] = {
                **last,
                "delta": {**last["delta"], key: last["delta"][key] + event["delta"][key]},
            }
        else:
            out.append(event)
    return out


def resplit_anthropic(data: st.DataObject, events: list[Json]) -> list[Json]:
    """Each text, thinking and input JSON delta cut into several smaller ones."""
    out: list[Json] = []
    for event in events:
        key = _SPLIT_DELTAS.get((event.get("delta") or {}).get("type", ""))
        if event["type"] != "content_block_delta" or key is None:
            out.append(event)
            continue
        out.extend(
            {**event, "delta": {**event["delta"], key: piece}}
            for piece in pieces(data, event["delta"][key])
        )
    return out


#: The delta fields the converter reads for the block channels, in the order it reads them.
_CHANNEL_FIELDS = (
    "reasoning_details",
    "thinking_blocks",
    "reasoning_content",
    "reasoning",
    "anthropic",
    "content",
    "refusal",
    "tool_calls",
    "function_call",
)


def _split_chunk(data: st.DataObject, chunk: Json, plain_reasoning: bool) -> list[Json]:
    """One chunk as several: the first channel field the converter reads in its delta is cut,
    its leading pieces going into chunks of their own before it (so that the order in which the
    channels speak does not change)."""
    choices = chunk.get("choices") or []
    if len(choices) != 1:
        return [chunk]
    choice = choices[0]
    delta = choice.get("delta") or {}
    field = next((k for k in _CHANNEL_FIELDS if delta.get(k) not in (None, "", [])), None)
    value: Any = delta.get(field) if field else None
    parts: list[Any]
    if field in ("content", "refusal") or (
        field in ("reasoning_content", "reasoning") and plain_reasoning
    ):
        parts = pieces(data, value) if isinstance(value, str) else [value]
    elif field == "tool_calls" and value[0].get("index") is not None:
        call = value[0]
        fn = call.get("function") or {}
        args = pieces(data, fn.get("arguments") or "")
        head = {**call, "function": {**fn, "arguments": args[0]}}
        tail = [{"index": call["index"], "function": {"arguments": a}} for a in args[1:]]
        calls = [head, *tail]
        parts = [[c] for c in calls[:-1]] + [[calls[-1], *value[1:]]]
    elif field == "reasoning_details" and value[0].get("text"):
        item = value[0]
        texts = pieces(data, item["text"])
        first = {k: v for k, v in item.items() if k != "signature"}
        rest: list[Json] = [{"index": item.get("index"), "text": t} for t in texts[1:]]
        if "signature" in item:
            (rest[-1] if rest else first)["signature"] = item["signature"]
        first["text"] = texts[0]
        items = [first, *rest]
        parts = [[d] for d in items[:-1]] + [[items[-1], *value[1:]]]
    else:
        return [chunk]
    out = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        piece = {
            **chunk,
            "choices": [
                {
                    **choice,
                    "delta": {**delta, field: part} if last else {field: part},
                    "finish_reason": choice.get("finish_reason") if last else None,
                    "logprobs": choice.get("logprobs") if last else None,
                }
            ],
        }
        if not last and chunk.get("usage") is not None:
            piece["usage"] = None
        out.append(piece)
    return out


def _run_key(chunk: Json) -> tuple[str, Any] | None:
    """What a chunk continues, when it is a bare continuation fragment of one channel."""
    if chunk.get("usage") is not None or len(chunk.get("choices") or ()) != 1:
        return None
    choice = chunk["choices"][0]
    delta = choice.get("delta") or {}
    if choice.get("finish_reason") is not None or choice.get("logprobs") is not None:
        return None
    if len(delta) != 1:
        return None
    ((field, value),) = delta.items()
    if field in ("content", "refusal", "reasoning_content") and isinstance(value, str):
        return field, None
    if (
        field == "tool_calls"
        and len(value) == 1
        and set(value[0]) == {"index", "function"}
        and set(value[0]["function"]) == {"arguments"}
        and value[0]["index"] is not None
    ):
        return field, value[0]["index"]
    return None


def coarsen_openai(chunks: list[Json]) -> list[Json]:
    """Runs of bare continuation fragments of one channel (content, refusal, reasoning text, one
    tool call's arguments) joined into one chunk each."""
    out: list[Json] = []
    for chunk in chunks:
        key = _run_key(chunk)
        if key is not None and out and _run_key(out[-1]) == key:
            field = key[0]
            last = out[-1]
            before, after = last["choices"][0]["delta"][field], chunk["choices"][0]["delta"][field]
            if field == "tool_calls":
                args = before[0]["function"]["arguments"] + after[0]["function"]["arguments"]
                joined: Any = [{**before[0], "function": {"arguments": args}}]
            else:
                joined = before + after
            out[-1] = {**last, "choices": [{**last["choices"][0], "delta": {field: joined}}]}
        else:
            out.append(chunk)
    return out


def resplit_openai(data: st.DataObject, chunks: list[Json]) -> list[Json]:
    """Content, refusal, reasoning and tool-argument fragments cut into smaller ones."""
    plain = not any(
        (ch.get("delta") or {}).get("reasoning_details") is not None
        for c in chunks
        for ch in c.get("choices") or ()
    )
    return [piece for chunk in chunks for piece in _split_chunk(data, chunk, plain)]


# -- 4. bad input ------------------------------------------------------------------------------


def decode(body: bytes) -> list[tuple[str, Any]]:
    """Our output bytes as (event name, parsed data or DONE); every data must be JSON."""
    decoder = SSEDecoder()
    events = decoder.feed(body) + decoder.close()
    return [(e.event, DONE if e.is_done else json.loads(e.data)) for e in events]


def check_openai_bytes(body: bytes) -> list[Any]:
    """OpenAI framing (unnamed JSON events, ``[DONE]`` only at the end) and the chunk rules."""
    items = decode(body)
    assert all(name == "message" for name, _ in items), "OpenAI events are never named"
    data = [d for _, d in items]
    assert DONE not in data[:-1], "[DONE] before the end"
    if data:
        done = data[-1] is DONE
        check_openai_chunks([d for d in data if d is not DONE], done=done, include_usage=True)
    return data


def check_anthropic_bytes(body: bytes) -> list[Any]:
    """Anthropic framing (every event named after its type) and the event rules."""
    items = decode(body)
    assert all(d is not DONE and name == d["type"] for name, d in items), items
    data = [d for _, d in items]
    if data:
        check_anthropic_events(data)
    return data


_DIRECTIONS: dict[
    str,
    tuple[
        st.SearchStrategy[Pair],
        Callable[[], Any],
        Callable[[list[Json]], bytes],
        Callable[[bytes], list[Any]],
    ],
] = {
    "anthropic-to-openai": (
        anthropic_streams,
        functools.partial(rc.AnthropicToOpenAIStream, include_usage=True, created=CREATED),
        anthropic_sse,
        check_openai_bytes,
    ),
    "openai-to-anthropic": (
        openai_streams,
        rc.OpenAIToAnthropicStream,
        openai_sse,
        check_anthropic_bytes,
    ),
}


def shuffled(data: st.DataObject, events: list[Json]) -> list[Any]:
    """A valid start, then events of the stream shuffled, duplicated and dropped, mixed with
    arbitrary JSON values and event-shaped dicts of the wrong shape."""
    keep = data.draw(st.integers(0, len(events)), label="valid prefix")
    noise = st.one_of(
        st.sampled_from(events),
        st.sampled_from(events).map(lambda e: {**e, "index": 7}),
        json_values(max_leaves=6),
        st.sampled_from(events).flatmap(
            lambda e: st.dictionaries(st.sampled_from(sorted(e)), json_values(max_leaves=3)).map(
                lambda d: {**e, **d}
            )
        ),
    )
    return events[:keep] + data.draw(st.lists(noise, max_size=12), label="then")


@pytest.mark.parametrize("direction", sorted(_DIRECTIONS))
@given(data=st.data())
def test_any_event_sequence_converts_or_raises_a_conversion_error(
    direction: str, data: st.DataObject
) -> None:
    """Every feed returns or raises a ConversionError; once one raised (or the stream ended), every
    later event but a ping raises too; what was sent plus the error framing keeps the target
    protocol's rules."""
    strategy, make, _, check = _DIRECTIONS[direction]
    converter = make()
    sequence = shuffled(data, data.draw(strategy)[1])
    body = b""
    ended = False
    for item in sequence:
        ping = isinstance(item, dict) and item.get("type") == "ping"
        if ended and not ping:
            with pytest.raises(rc.StreamProtocolError):
                converter.feed(item)
            continue
        try:
            body += b"".join(rc.sse.encode(x) for x in converter.feed(item))
        except rc.ConversionError as exc:
            body += converter.error_bytes(exc)
            ended = True
        else:
            ended = converter.state.value in ("finished", "failed")
    try:
        body += b"".join(rc.sse.encode(x) for x in converter.close())
    except rc.ConversionError as exc:
        body += converter.error_bytes(exc)
    check(body)


@pytest.mark.parametrize("direction", sorted(_DIRECTIONS))
@given(data=st.data())
def test_streams_from_a_newer_api_version_convert_or_end_with_an_error(
    direction: str, data: st.DataObject
) -> None:
    """Streams with unknown keys, event, block and delta types (``with_unknowns``, which does not
    keep a stream consistent: a block may become unknown while its deltas stay) give well-formed
    output through SSETranscoder: converted, or ended by the target protocol's error."""
    strategy, make, frame, check = _DIRECTIONS[direction]
    protocol: Literal["anthropic", "openai"] = (
        "anthropic" if direction.startswith("anthropic") else "openai"
    )
    events = data.draw(with_unknowns(strategy, protocol=protocol))[1]
    transcoder = SSETranscoder(make())
    body = transcoder.feed(frame(events)) + transcoder.close()
    sent = check(body)
    assert sent
    if transcoder.error is not None:
        assert isinstance(transcoder.error, rc.ConversionError)


@pytest.mark.parametrize("direction", sorted(_DIRECTIONS))
@given(data=st.data())
def test_any_bytes_transcode_to_well_formed_sse(direction: str, data: st.DataObject) -> None:
    """Junk bytes, valid bytes and junk events, cut anywhere: SSETranscoder never raises, and its
    output is the target protocol's framing, keeping the stream rules, ended by an error if the
    input was not a valid stream."""
    strategy, make, frame, check = _DIRECTIONS[direction]
    raw = frame(data.draw(strategy)[1])
    parts = data.draw(
        st.lists(
            st.one_of(
                st.binary(max_size=20),
                st.integers(0, len(raw)).flatmap(lambda a: st.just(raw[a : a + 200])),
                json_values(max_leaves=4).map(lambda v: b"data: " + _json.dumps(v) + b"\n\n"),
            ),
            max_size=6,
        )
    )
    junk = b"".join(parts)
    at = data.draw(st.integers(0, len(raw)))
    source = raw[:at] + junk + raw[at:]
    transcoder = SSETranscoder(make())
    body = b""
    for piece in cut(source, data.draw(st.lists(st.integers(min_value=0), max_size=8))):
        out = transcoder.feed(piece)
        if transcoder.error is not None:
            assert transcoder.feed(b"data: {}\n\n") == b""
        body += out
    body += transcoder.close()
    check(body)
    if transcoder.error is not None:
        assert isinstance(transcoder.error, rc.ConversionError)


@given(anthropic_streams, st.data())
def test_a_truncated_anthropic_stream_ends_with_an_openai_error_and_no_done(
    pair: Pair, data: st.DataObject
) -> None:
    """A source cut before ``message_stop`` (by events, or by bytes anywhere) ends the client
    stream with an OpenAI error chunk, never with ``[DONE]``."""
    events = pair[1]
    end = next(i for i, e in enumerate(events) if e["type"] == "message_stop")
    keep = data.draw(st.integers(0, end))
    out, _ = run_a2o(events[:keep], True)
    assert DONE not in out
    chunks = [item.to_dict() for item in out]
    assert "error" in chunks[-1]
    check_openai_chunks(chunks, done=False, include_usage=True)

    raw = anthropic_sse(events)
    at = data.draw(st.integers(0, len(anthropic_sse(events[:end]))))
    make = functools.partial(rc.AnthropicToOpenAIStream, include_usage=True, created=CREATED)
    sent = check_openai_bytes(transcode(make(), cut(raw[:at], data.draw(st.lists(st.integers(0))))))
    assert sent
    assert DONE not in sent
    assert "error" in sent[-1]


@given(openai_streams, st.data())
def test_a_truncated_openai_stream_ends_with_an_anthropic_error_and_no_message_stop(
    pair: Pair, data: st.DataObject
) -> None:
    """A source cut before its ``finish_reason`` (by chunks, or by bytes anywhere) ends the client
    stream with an Anthropic ``error`` event, never with ``message_stop``."""
    chunks = details_first(pair[1])
    end = next(
        i for i, c in enumerate(chunks) if any(ch.get("finish_reason") for ch in c["choices"])
    )
    keep = data.draw(st.integers(0, end))
    out, _ = run_o2a(chunks[:keep])
    events = [item.to_dict() for item in out]
    assert events[-1]["type"] == "error"
    assert all(e["type"] != "message_stop" for e in events)
    check_anthropic_events(events)

    raw = openai_sse(chunks)
    at = data.draw(st.integers(0, len(openai_sse(chunks[:end])) - len(b"data: [DONE]\n\n")))
    body = transcode(
        rc.OpenAIToAnthropicStream(), cut(raw[:at], data.draw(st.lists(st.integers(0))))
    )
    sent = check_anthropic_bytes(body)
    assert sent
    assert sent[-1]["type"] == "error"
    assert all(e["type"] != "message_stop" for e in sent)


# -- regressions: the smallest cases of what the properties above found ----------------------------


def _chunk(delta: Json, finish: str | None = None) -> Json:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _call(index: int, arguments: str, *, first: bool = False) -> Json:
    call: Json = {"index": index, "function": {"arguments": arguments}}
    if first:
        call.update(id=f"call_{index}", type="function")
        call["function"]["name"] = "f"
    return {"tool_calls": [call]}


def test_regression_input_after_the_end_of_the_stream_adds_no_error() -> None:
    finished = openai_sse([_chunk({"role": "assistant", "content": "hi"}, "stop")])
    body = transcode(rc.OpenAIToAnthropicStream(), [finished, b'data: {"junk": 1}\n\n'])
    assert [e["type"] for e in check_anthropic_bytes(body)][-1] == "message_stop"

    failed = anthropic_sse(
        [
            {
                "type": "message_start",
                "message": {
                    "id": "msg_1",
                    "type": "message",
                    "role": "assistant",
                    "model": "c",
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": {"input_tokens": 1, "output_tokens": 1},
                },
            },
            {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}},
        ]
    )
    make = functools.partial(rc.AnthropicToOpenAIStream, created=CREATED)
    sent = check_openai_bytes(transcode(make(), [failed, b"\xff"]))
    assert [("error" in c) for c in sent] == [False, True]
