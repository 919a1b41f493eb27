"""The SSE codec: WHATWG decoding rules, chunk-split invariance, framing, and agreement with the SDKs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.sse import (
    DONE,
    Comment,
    ServerSentEvent,
    SSEDecoder,
    encode,
    frame,
    frame_head,
)

from .corpus import stream_files

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path


def decode_chunks(chunks: Iterable[bytes], **kwargs: int) -> list[ServerSentEvent]:
    decoder = SSEDecoder(**kwargs)
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    return events + decoder.close()


def ev(
    data: str, event: str = "message", id: str | None = None, retry: int | None = None
) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data, id=id, retry=retry)


@pytest.mark.parametrize("newline", [b"\n", b"\r", b"\r\n"])
def test_every_line_ending(newline: bytes) -> None:
    """LF, CR and CRLF each end lines, and a blank line dispatches."""
    raw = newline.join([b"event: a", b"data: 1", b"", b"data: 2", b"", b""])
    assert decode_chunks([raw]) == [ev("1", "a"), ev("2")]


def test_crlf_split_across_chunks() -> None:
    """A CR at the end of one chunk and the LF starting the next are one line end, not two."""
    assert decode_chunks([b"data: 1\r", b"\n", b"\r", b"\ndata: 2\r\n\r\n"]) == [ev("1"), ev("2")]


def test_cr_ends_a_line_without_waiting_for_the_next_chunk() -> None:
    """A CR-terminated blank line dispatches at once: streaming latency does not depend on the next chunk."""
    decoder = SSEDecoder()
    assert decoder.feed(b"data: 1\r") == []
    assert decoder.feed(b"\r") == [ev("1")]


def test_multi_line_data_is_joined_with_newlines() -> None:
    """Several data lines become one value joined with LF, without a trailing LF."""
    assert decode_chunks([b"data: a\ndata:b\ndata:  c\ndata\n\n"]) == [ev("a\nb\n c\n")]


def test_comments_and_unknown_fields_are_ignored() -> None:
    """Lines starting with a colon and fields the spec does not know change nothing."""
    assert decode_chunks([b": ping\nfoo: bar\ndata: x\n: more\n\n"]) == [ev("x")]


def test_event_without_data_is_not_dispatched() -> None:
    """WHATWG: an empty data buffer resets the event type and dispatches nothing."""
    assert decode_chunks([b"event: ping\n\ndata: x\n\n"]) == [ev("x")]


def test_id_persists_and_nul_ids_are_ignored() -> None:
    """The last event id carries over to later events; an id containing NUL is ignored."""
    raw = b"id: 1\ndata: a\n\ndata: b\n\nid: x\x00y\ndata: c\n\nid\ndata: d\n\n"
    assert decode_chunks([raw]) == [
        ev("a", id="1"),
        ev("b", id="1"),
        ev("c", id="1"),
        ev("d", id=""),
    ]


def test_retry_only_counts_when_all_digits() -> None:
    """retry: with ASCII digits sets the reconnection time; anything else is ignored."""
    assert decode_chunks([b"retry: 1500\ndata: a\n\nretry: 1.5\ndata: b\n\n"]) == [
        ev("a", retry=1500),
        ev("b"),
    ]


def test_leading_bom_is_dropped_once_even_when_split() -> None:
    """One U+FEFF at the very start is skipped, even split over chunks; a second one is data."""
    bom = "\ufeff".encode()
    assert decode_chunks([bom[:1], bom[1:] + b"data: a\n\n"]) == [ev("a")]
    assert decode_chunks([bom + bom + b"data: a\n\n"]) == []  # second BOM makes the field unknown


def test_multibyte_utf8_split_across_chunks() -> None:
    """A character whose bytes arrive in different chunks is decoded once, correctly."""
    raw = "data: héllo 🌍\n\n".encode()
    cut = raw.index("🌍".encode()) + 2
    assert decode_chunks([raw[:cut], raw[cut:]]) == [ev("héllo 🌍")]


def test_close_dispatches_an_unterminated_final_event() -> None:
    """A stream ending in `data: [DONE]` without a blank line still yields that event."""
    events = decode_chunks([b"data: {}\n\ndata: [DONE]"])
    assert events == [ev("{}"), ev("[DONE]")]
    assert events[-1].is_done


def test_close_after_complete_stream_adds_nothing() -> None:
    """close() on a stream that ended cleanly returns no events, and a second close() is harmless."""
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n\n") == [ev("a")]
    assert decoder.close() == []
    assert decoder.close() == []


def test_feed_after_close_is_refused() -> None:
    """The decoder refuses input once closed."""
    decoder = SSEDecoder()
    decoder.close()
    with pytest.raises(InvalidInputError):
        decoder.feed(b"data: a\n\n")


def test_invalid_utf8_is_an_invalid_input_error() -> None:
    """Bytes that are not UTF-8 raise InvalidInputError naming the byte offset."""
    decoder = SSEDecoder()
    decoder.feed(b"data: ok\n\n")
    with pytest.raises(InvalidInputError, match="byte 16"):
        decoder.feed(b"data: \xff\n\n")


def test_events_before_a_bad_byte_in_the_same_chunk_come_first() -> None:
    """The events completed before invalid UTF-8 are returned; the next call raises. Split or
    whole, the same events come out before the error."""
    decoder = SSEDecoder()
    events = decoder.feed(b"data: ok\n\ndata: \xff\n\n")
    assert [e.data for e in events] == ["ok"]
    with pytest.raises(InvalidInputError, match="byte 16"):
        decoder.close()
    with pytest.raises(InvalidInputError, match="byte 16"):
        decoder.feed(b"data: later\n\n")


def test_bad_byte_offset_counts_bytes_held_from_the_last_chunk() -> None:
    decoder = SSEDecoder()
    decoder.feed("data: é".encode()[:-1])  # 7 bytes, the last one held back
    with pytest.raises(InvalidInputError, match="byte 6"):
        decoder.feed(b"\xff")


def test_stream_ending_inside_a_character_is_an_error() -> None:
    """A truncated multi-byte character at the end of the stream is reported, not dropped."""
    decoder = SSEDecoder()
    decoder.feed("data: é".encode()[:-1])
    with pytest.raises(InvalidInputError, match="inside a UTF-8 character"):
        decoder.close()


def test_line_longer_than_the_limit_is_refused() -> None:
    """A line that grows past max_event_size raises instead of buffering without bound."""
    decoder = SSEDecoder(max_event_size=100)
    decoder.feed(b"data: " + b"x" * 90)
    with pytest.raises(InvalidInputError, match="longer than 100"):
        decoder.feed(b"x" * 20)


def test_event_data_larger_than_the_limit_is_refused() -> None:
    """Many short data lines cannot add up past max_event_size either."""
    with pytest.raises(InvalidInputError, match="larger than 100"):
        decode_chunks([b"data: 0123456789\n" * 20], max_event_size=100)


def test_line_limit_counts_utf8_bytes_not_characters() -> None:
    """A line of 4-byte characters is refused at max_event_size bytes, a quarter of the characters."""
    decoder = SSEDecoder(max_event_size=100)
    decoder.feed(b"data: " + "😀".encode() * 20)  # 86 bytes, 26 characters
    with pytest.raises(InvalidInputError, match="longer than 100 bytes"):
        decoder.feed("😀".encode() * 5)  # 106 bytes, 31 characters


def test_event_data_limit_counts_utf8_bytes() -> None:
    """Data lines of multi-byte characters add up in bytes: 10 lines of 10 'é' are 210 bytes."""
    raw = ("data: " + "é" * 10 + "\n").encode() * 10 + b"\n"
    with pytest.raises(InvalidInputError, match="larger than 200 bytes"):
        decode_chunks([raw], max_event_size=200)
    assert decode_chunks([raw], max_event_size=210) == [ev("\n".join(["é" * 10] * 10))]


def test_a_line_of_exactly_the_limit_is_accepted() -> None:
    """max_event_size is inclusive: a line of that many bytes passes, one byte more does not."""
    line = b"data: " + b"x" * 94
    assert decode_chunks([line + b"\n\n"], max_event_size=100) == [ev("x" * 94)]
    with pytest.raises(InvalidInputError, match="longer than 100 bytes"):
        decode_chunks([line + b"x\n\n"], max_event_size=100)


@pytest.mark.parametrize("size", [1, 7, 64, 4096])
def test_a_long_line_is_refused_however_the_bytes_are_cut(size: int) -> None:
    """A line over the limit is refused whether it comes whole (with its end) or in pieces."""
    raw = b"data: " + b"x" * 200 + b"\n\n"
    with pytest.raises(InvalidInputError, match="longer than 100 bytes"):
        decode_chunks([raw[i : i + size] for i in range(0, len(raw), size)], max_event_size=100)


def test_events_before_an_oversized_line_are_returned_first() -> None:
    """The events completed before a line over the limit come out; the next call raises."""
    decoder = SSEDecoder(max_event_size=50)
    assert decoder.feed(b"data: a\n\ndata: b\n\n: " + b"x" * 60) == [ev("a"), ev("b")]
    with pytest.raises(InvalidInputError, match="longer than 50 bytes"):
        decoder.feed(b"\n")
    with pytest.raises(InvalidInputError, match="longer than 50 bytes"):
        decoder.close()


def test_events_before_oversized_data_are_returned_first() -> None:
    """The events completed before an event whose data is over the limit come out first."""
    decoder = SSEDecoder(max_event_size=50)
    events = decoder.feed(b"data: a\n\n" + b"data: 0123456789\n" * 5 + b"\n")
    assert events == [ev("a")]
    with pytest.raises(InvalidInputError, match="larger than 50 bytes"):
        decoder.close()


@pytest.mark.parametrize("limit", [0, -1, True, 1.5, "64", None])
def test_max_event_size_must_be_a_positive_int(limit: Any) -> None:
    """A limit that is not a positive int is an InvalidInputError naming the argument."""
    with pytest.raises(InvalidInputError) as info:
        SSEDecoder(max_event_size=limit)
    assert info.value.path == "max_event_size"


@pytest.mark.parametrize("chunk", ["data: a\n\n", None, 3, ["data"]])
def test_feeding_something_other_than_bytes_is_invalid_input(chunk: Any) -> None:
    """feed() of a str, None or another non-bytes value is an InvalidInputError, not a TypeError."""
    with pytest.raises(InvalidInputError, match="expected bytes"):
        SSEDecoder().feed(chunk)


def test_encode_frames_each_kind() -> None:
    """encode() writes events, the [DONE] terminator and comments in SSE framing."""
    assert (
        encode(ev("a\nb", "x", id="7", retry=5))
        == b"event: x\nid: 7\nretry: 5\ndata: a\ndata: b\n\n"
    )
    assert encode(ev("{}")) == b"data: {}\n\n"
    assert encode(DONE) == b"data: [DONE]\n\n"
    assert encode(Comment("ping")) == b": ping\n\n"


class _Model:
    def __init__(self, name: str | None) -> None:
        self.name = name

    def to_json(self) -> bytes:
        return b'{"type":"x"}'

    def sse_event_name(self) -> str | None:
        return self.name


def test_encode_models_named_and_unnamed() -> None:
    """A model with an event name gets an event: line (Anthropic); without one, data only (OpenAI)."""
    assert encode(_Model("ping")) == b'event: ping\ndata: {"type":"x"}\n\n'
    assert encode(_Model(None)) == b'data: {"type":"x"}\n\n'


@pytest.mark.parametrize("field", ["event", "id"])
@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_encode_refuses_a_line_break_in_an_event_name_or_id(field: str, newline: str) -> None:
    """A CR or LF in event or id would start a field of the sender's choosing: refused, named."""
    fields: dict[str, Any] = {"data": "d", field: f"1{newline}event: evil"}
    with pytest.raises(InvalidInputError) as info:
        encode(ServerSentEvent(**fields))
    assert info.value.path == field


def test_the_id_injection_of_the_issue_is_refused() -> None:
    """encode(ServerSentEvent(event="m", id="1\\nevent: evil", data="d")) no longer frames a second
    event line: it raises, naming the id."""
    with pytest.raises(InvalidInputError, match="line break") as info:
        encode(ServerSentEvent(event="m", id="1\nevent: evil", data="d"))
    assert info.value.path == "id"


def test_encode_refuses_an_id_holding_nul() -> None:
    """A receiver ignores an id holding NUL (WHATWG), so encode refuses to send one."""
    with pytest.raises(InvalidInputError, match="NUL") as info:
        encode(ev("d", id="a\x00b"))
    assert info.value.path == "id"
    assert encode(ev("a\x00b", "x\x00y")) == b"event: x\x00y\ndata: a\x00b\n\n"  # allowed there


@pytest.mark.parametrize("text", ["a\nb", "a\rb", "\r\n"])
def test_encode_refuses_a_line_break_in_a_comment(text: str) -> None:
    """A comment is one line: a line break in its text would start a field."""
    with pytest.raises(InvalidInputError) as info:
        encode(Comment(text))
    assert info.value.path == "text"


def test_encode_keeps_line_breaks_in_data_as_data_lines() -> None:
    """Data may hold CR, LF and CRLF: each line becomes a data: line, decoded back joined by LF."""
    raw = encode(ev("a\rb\r\nc\nd"))
    assert raw == b"data: a\ndata: b\ndata: c\ndata: d\n\n"
    assert decode_chunks([raw]) == [ev("a\nb\nc\nd")]


@pytest.mark.parametrize("item", [{"data": "x"}, b"data: x\n\n", None, 3, "data", object()])
def test_encode_refuses_what_it_cannot_frame(item: Any) -> None:
    """A dict, bytes, None or any other value is an InvalidInputError naming the argument, not an
    AttributeError."""
    with pytest.raises(InvalidInputError, match="encode\\(\\) frames") as info:
        encode(item)
    assert info.value.path == "item"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"event": None}, "event"),
        ({"event": 1}, "event"),
        ({"data": None}, "data"),
        ({"data": b"x"}, "data"),
        ({"id": 7}, "id"),
        ({"retry": -1}, "retry"),
        ({"retry": True}, "retry"),
        ({"retry": "5"}, "retry"),
        ({"event": "\ud800"}, "event"),
        ({"id": "\udfff"}, "id"),
        ({"data": "a\ud800"}, "data"),
    ],
)
def test_encode_refuses_fields_it_cannot_write(fields: dict[str, Any], path: str) -> None:
    """Fields of the wrong type, a negative retry and lone surrogates are InvalidInputErrors."""
    with pytest.raises(InvalidInputError) as info:
        encode(ServerSentEvent(**{"data": "d", **fields}))
    assert info.value.path == path


def test_encode_checks_the_event_name_it_is_given() -> None:
    """The event= override of a model's name is checked like a name of its own."""
    with pytest.raises(InvalidInputError) as info:
        encode(_Model(None), event="a\nevent: evil")
    assert info.value.path == "event"
    with pytest.raises(InvalidInputError):
        encode(_Model("ping\r"))


@pytest.mark.parametrize("name", ["a\nb", "a\r", 5, "\ud800"])
def test_frame_refuses_an_event_name_it_cannot_write(name: Any) -> None:
    """frame() and frame_head() check the name as encode() does."""
    with pytest.raises(InvalidInputError) as info:
        frame(b"{}", name)
    assert info.value.path == "event"
    with pytest.raises(InvalidInputError):
        frame_head(name)


@pytest.mark.parametrize("data", [b"{}\n", b"{}\r", b"a\r\nevent: evil", "{}", None])
def test_frame_refuses_data_that_is_not_one_line_of_bytes(data: Any) -> None:
    """frame() writes one data: line: data holding a line break, or not bytes, is refused."""
    with pytest.raises(InvalidInputError) as info:
        frame(data, "ping")
    assert info.value.path == "data"


class _LyingModel(_Model):
    def to_json(self) -> bytes:
        return b'{"a":1}\nevent: evil'


def test_encode_refuses_a_model_whose_json_holds_a_line_break() -> None:
    """A caller's model whose to_json() has a raw line break cannot smuggle a line into the frame."""
    with pytest.raises(InvalidInputError) as info:
        encode(_LyingModel(None))
    assert info.value.path == "data"


# -- properties -----------------------------------------------------------------------------------

_field_text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n\x00"))
_events = st.lists(
    st.builds(
        ServerSentEvent,
        event=st.sampled_from(["message", "a", "content_block_delta"]),
        data=st.lists(_field_text, min_size=1, max_size=3).map("\n".join),
        id=st.none() | _field_text,
        retry=st.none() | st.integers(0, 10**6),
    ),
    max_size=6,
)


def _with_persistent_ids(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
    out, last = [], None
    for e in events:
        last = e.id if e.id is not None else last
        out.append(ServerSentEvent(e.event, e.data, last, e.retry))
    return out


@pytest.mark.property
@settings(max_examples=300)
@given(
    events=_events,
    cuts=st.lists(st.integers(0, 10_000), max_size=12),
    newline=st.sampled_from(["\n", "\r", "\r\n"]),
)
def test_any_split_of_the_bytes_yields_the_same_events(
    events: list[ServerSentEvent], cuts: list[int], newline: str
) -> None:
    """Decoding is independent of how the byte stream is cut into chunks (and of the line ending)."""
    raw = b"".join(encode(e) for e in events).replace(b"\n", newline.encode())
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    expected = _with_persistent_ids(events)
    assert decode_chunks([raw]) == expected
    assert decode_chunks(chunks) == expected
    assert decode_chunks([raw[i : i + 1] for i in range(len(raw))]) == expected


@pytest.mark.property
@given(st.binary(max_size=300), st.lists(st.integers(0, 300), max_size=5))
def test_arbitrary_bytes_give_events_or_invalid_input(raw: bytes, cuts: list[int]) -> None:
    """Garbage input either decodes or raises InvalidInputError; nothing else escapes."""
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    try:
        events = decode_chunks(chunks, max_event_size=200)
    except InvalidInputError:
        return
    assert all(isinstance(e, ServerSentEvent) for e in events)


# Text with the characters that matter to framing far more often than st.text() draws them.
_hostile_text = st.lists(
    st.one_of(st.sampled_from(["\r", "\n", "\r\n", "\x00", ":", " ", "event: evil"]), st.text()),
    max_size=5,
).map("".join)


@pytest.mark.property
@given(
    event=_hostile_text,
    data=_hostile_text,
    id=st.none() | _hostile_text,
    retry=st.none() | st.integers(-5, 10**6),
    comment=_hostile_text,
)
def test_encoded_fields_never_reach_the_framing(
    event: str, data: str, id: str | None, retry: int | None, comment: str
) -> None:
    """Any field values, CR/LF/NUL included: encode() refuses them naming the field, or the bytes
    decode to exactly that one event (data line breaks normalised to LF) and nothing else."""
    framed = _encoded(ServerSentEvent(event, data, id, retry))
    if isinstance(framed, InvalidInputError):
        assert framed.path in {"event", "data", "id", "retry"}
    else:
        expected = ev(data.replace("\r\n", "\n").replace("\r", "\n"), event or "message", id, retry)
        assert decode_chunks([framed]) == [expected]
    framed = _encoded(Comment(comment))
    if isinstance(framed, InvalidInputError):
        assert framed.path == "text"
    else:
        assert decode_chunks([framed + encode(ev("x"))]) == [ev("x")]


def _encoded(item: ServerSentEvent | Comment) -> bytes | InvalidInputError:
    try:
        return encode(item)
    except InvalidInputError as exc:
        return exc


_SSE_BYTES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *(b"data: ", b"event: ", b"id: ", b": c", b"\n", b"\r", b"\r\n", b"\n\n"),
                *(b"\xef\xbb\xbf", "é😀".encode(), b"\xff", b"\xc3", b"xxxxxxxxxxxx"),
            ]
        ),
        st.binary(max_size=8),
    ),
    max_size=30,
).map(b"".join)


def _outcome(chunks: Iterable[bytes], limit: int) -> tuple[list[ServerSentEvent], str | None]:
    """The events a decoder gives for these chunks, and the error that ended it, if any."""
    decoder = SSEDecoder(max_event_size=limit)
    events: list[ServerSentEvent] = []
    try:
        for chunk in chunks:
            events += decoder.feed(chunk)
        events += decoder.close()
    except InvalidInputError as exc:
        return events, str(exc)
    return events, None


@pytest.mark.property
@given(_SSE_BYTES, st.lists(st.integers(0, 400), max_size=6), st.sampled_from([4, 8, 16, 64]))
def test_errors_do_not_depend_on_the_chunking(raw: bytes, cuts: list[int], limit: int) -> None:
    """Events and the error (bad UTF-8, a line or event over the limit) are the same whole, cut
    anywhere, or byte by byte: the events before the problem always come out first."""
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    whole = _outcome([raw], limit)
    assert _outcome(chunks, limit) == whole
    assert _outcome([raw[i : i + 1] for i in range(len(raw))], limit) == whole


# -- agreement with the official SDK decoders on real streams --------------------------------------


def _sdk_events(module: str, raw: bytes) -> list[tuple[str, str]]:
    sdk: Iterator[Any]
    if module == "openai":
        from openai._streaming import SSEDecoder as OpenAIDecoder

        sdk = OpenAIDecoder().iter_bytes(iter([raw]))
    else:
        from anthropic._streaming import SSEDecoder as AnthropicDecoder

        sdk = AnthropicDecoder().iter_bytes(iter([raw]))
    # The SDKs also dispatch data-less events (WHATWG does not); real streams have none.
    return [(e.event or "message", e.data) for e in sdk if e.data]


@pytest.mark.oracle
@pytest.mark.parametrize("path", stream_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
@pytest.mark.parametrize("sdk", ["openai", "anthropic"])
def test_decoder_agrees_with_the_sdk_decoders(path: Path, sdk: str) -> None:
    """On every fixture and corpus stream our events equal both official SDKs' decoders' events."""
    raw = path.read_bytes()
    ours = [(e.event, e.data) for e in decode_chunks([raw])]
    assert ours == _sdk_events(sdk, raw)
    assert ours  # a stream file with no events would make this test vacuous
