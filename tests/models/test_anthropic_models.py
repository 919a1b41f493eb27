"""Tests of the Anthropic Messages wire models (``ruapi_convert.models.anthropic``)."""

from __future__ import annotations

import copy
import inspect
import json
import re
import types
import typing
from typing import Any, get_args, get_origin

import pydantic
import pytest
from typing_extensions import is_typeddict

from ruapi_convert.errors import InvalidInputError, UnsupportedError
from ruapi_convert.models import anthropic as am
from tests.corpus import CORPUS_MISSING, corpus_dir, corpus_files

from .anthropic_payloads import (
    ASSISTANT_BLOCKS,
    CITATIONS,
    DELTAS,
    DOCUMENT,
    EVENTS,
    FULL_MESSAGE,
    FULL_REQUEST,
    OUTPUT_BLOCKS,
    SEARCH_RESULT,
    SYSTEM_MESSAGES,
    THINKING_CONFIGS,
    TOOL_CHOICES,
    TOOLS,
    USER_BLOCKS,
    assistant,
    request,
    user,
)

if typing.TYPE_CHECKING:
    from pathlib import Path

    from ruapi_convert.models._base import WireModel

# -- helpers -------------------------------------------------------------------------------------


def assert_round_trip(model: type[WireModel], payload: dict[str, Any]) -> WireModel:
    """Validate ``payload`` and check that both wire forms give it back exactly."""
    original = copy.deepcopy(payload)
    parsed = model.model_validate(payload)
    assert payload == original, "validation must not mutate its input"
    assert parsed.to_dict() == payload
    assert json.loads(parsed.to_json()) == payload
    return parsed


def event_round_trip(payload: dict[str, Any]) -> WireModel:
    """Parse one stream event (dict and JSON bytes) and check both wire forms."""
    event = am.parse_stream_event(payload)
    assert event.to_dict() == payload
    assert json.loads(event.to_json()) == payload
    assert am.parse_stream_event(json.dumps(payload).encode()).to_dict() == payload
    return event


def sprinkle(value: Any, depth: int = 0) -> Any:
    """Add an unknown key (holding ints, floats and nulls) to every object at every depth."""
    if isinstance(value, dict):
        out = {key: sprinkle(item, depth + 1) for key, item in value.items()}
        out[f"x_future_{depth}"] = {"n": [1, 1.0, None, "s"], "flag": False}
        return out
    if isinstance(value, list):
        return [sprinkle(item, depth + 1) for item in value]
    return value


def invalid_path(model: type[WireModel], payload: dict[str, Any]) -> str:
    """The ``path`` of the InvalidInputError that validating ``payload`` raises."""
    with pytest.raises(InvalidInputError) as info:
        model.model_validate(payload)
    return info.value.path


# -- round trips of hand-written payloads --------------------------------------------------------


def test_full_request_round_trips() -> None:
    """A request using every GA and beta field, block, source, citation and tool round-trips."""
    parsed = assert_round_trip(am.MessageCreateParams, FULL_REQUEST)
    assert isinstance(parsed, am.MessageCreateParams)
    assert parsed.max_tokens == 1024
    assert parsed.to_dict()["messages"][1]["content"][1]["source"]["media_type"] == "image/png"


@pytest.mark.parametrize("block", USER_BLOCKS + ASSISTANT_BLOCKS, ids=lambda b: b["type"])
def test_each_input_block_round_trips(block: dict[str, Any]) -> None:
    """Every input block kind round-trips on its own, in a user and in an assistant turn."""
    assert_round_trip(am.MessageCreateParams, request(user(block)))
    assert_round_trip(am.MessageCreateParams, request(assistant(block)))


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: str(t.get("type") or t["name"]))
def test_each_tool_round_trips(tool: dict[str, Any]) -> None:
    """Every custom and built-in tool kind round-trips."""
    assert_round_trip(am.MessageCreateParams, request(tools=[tool]))


@pytest.mark.parametrize("thinking", THINKING_CONFIGS, ids=lambda t: t["type"])
def test_each_thinking_mode_round_trips(thinking: dict[str, Any]) -> None:
    """Every thinking mode (and an unknown one) round-trips."""
    assert_round_trip(am.MessageCreateParams, request(thinking=thinking))


@pytest.mark.parametrize("choice", TOOL_CHOICES, ids=lambda t: t["type"])
def test_each_tool_choice_round_trips(choice: dict[str, Any]) -> None:
    """Every tool_choice (and an unknown one) round-trips."""
    assert_round_trip(am.MessageCreateParams, request(tool_choice=choice))


@pytest.mark.parametrize("message", SYSTEM_MESSAGES, ids=["string", "blocks", "clear_only"])
def test_system_messages_round_trip(message: dict[str, Any]) -> None:
    """Mid-conversation system messages (with beta clear_at and output_config) round-trip."""
    assert_round_trip(am.MessageCreateParams, request({"role": "user", "content": "x"}, message))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("system", "You are a pirate."),
        ("container", "container_011"),
        ("container", None),
        ("fallbacks", "default"),
        ("fallback_credit_token", "fct_plain"),
        ("thread", {"type": "create"}),
        ("thread", None),
        ("output_config", {"effort": None, "format": {"type": "regex", "pattern": "a+"}}),
        ("speed", None),
        ("service_tier", "auto"),
    ],
)
def test_alternative_request_field_forms_round_trip(name: str, value: Any) -> None:
    """The string and null forms of union-typed request fields round-trip."""
    assert_round_trip(am.MessageCreateParams, request(**{name: value}))


def test_full_message_round_trips() -> None:
    """A response with every output block, stop details, usage and beta field round-trips."""
    parsed = assert_round_trip(am.Message, FULL_MESSAGE)
    assert isinstance(parsed, am.Message)
    assert parsed.usage is not None
    assert parsed.usage["output_tokens_details"] == {"thinking_tokens": 120}


@pytest.mark.parametrize("block", OUTPUT_BLOCKS, ids=lambda b: b["type"])
def test_each_output_block_round_trips(block: dict[str, Any]) -> None:
    """Every output block kind round-trips inside a Message."""
    assert_round_trip(am.Message, {**FULL_MESSAGE, "content": [block]})


@pytest.mark.parametrize(
    "stop_reason",
    [
        "end_turn",
        "max_tokens",
        "stop_sequence",
        "tool_use",
        "pause_turn",
        "refusal",
        "model_context_window_exceeded",
        "compaction",
        "some_future_reason",
        None,
    ],
)
def test_stop_reasons_round_trip(stop_reason: str | None) -> None:
    """Known, beta and future stop reasons round-trip."""
    assert_round_trip(am.Message, {**FULL_MESSAGE, "stop_reason": stop_reason})


@pytest.mark.parametrize(
    "reason",
    [
        {"type": "model_changed", "cache_missed_input_tokens": 1},
        {"type": "system_changed", "cache_missed_input_tokens": 1},
        {"type": "tools_changed", "cache_missed_input_tokens": 1},
        {"type": "messages_changed", "cache_missed_input_tokens": 1},
        {"type": "previous_message_not_found"},
        {"type": "unavailable"},
        {"type": "tokenizer_changed", "cache_missed_input_tokens": 1},
    ],
    ids=lambda r: r["type"],
)
def test_cache_miss_reasons_round_trip(reason: dict[str, Any]) -> None:
    """Every diagnostics cache-miss reason (and an unknown one) round-trips."""
    assert_round_trip(am.Message, {**FULL_MESSAGE, "diagnostics": {"cache_miss_reason": reason}})


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["type"])
def test_each_event_round_trips(event: dict[str, Any]) -> None:
    """Every stream event kind round-trips through parse_stream_event, as dict and as bytes."""
    event_round_trip(event)


@pytest.mark.parametrize("delta", DELTAS, ids=lambda d: d["type"])
def test_each_delta_round_trips(delta: dict[str, Any]) -> None:
    """Every delta kind round-trips and parses into the delta event class."""
    event = event_round_trip({"type": "content_block_delta", "index": 3, "delta": delta})
    assert isinstance(event, am.RawContentBlockDeltaEvent)


def test_events_parse_into_their_classes() -> None:
    """Each event type validates into its own class; the Raw-less names are the same classes."""
    expected = {
        "message_start": am.MessageStartEvent,
        "content_block_start": am.ContentBlockStartEvent,
        "content_block_delta": am.ContentBlockDeltaEvent,
        "content_block_stop": am.ContentBlockStopEvent,
        "message_delta": am.MessageDeltaEvent,
        "message_stop": am.MessageStopEvent,
        "ping": am.PingEvent,
        "error": am.ErrorEvent,
    }
    assert am.MessageStartEvent is am.RawMessageStartEvent
    assert am.MessageDeltaEvent is am.RawMessageDeltaEvent
    for event in EVENTS:
        assert type(am.parse_stream_event(event)) is expected[event["type"]]
    error = am.parse_stream_event(EVENTS[-1])
    assert isinstance(error, am.ErrorResponse)


def test_stream_union_works_with_a_type_adapter() -> None:
    """MessageStreamEvent is usable directly with pydantic.TypeAdapter."""
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(am.MessageStreamEvent)
    event = adapter.validate_python({"type": "content_block_stop", "index": 4})
    assert isinstance(event, am.RawContentBlockStopEvent)
    assert event.index == 4
    unknown = adapter.validate_json(b'{"type":"thread_info","thread":{"id":"t"}}')
    assert isinstance(unknown, am.UnknownEvent)
    assert unknown.to_dict() == {"type": "thread_info", "thread": {"id": "t"}}


def test_lenient_stream_shapes_are_accepted() -> None:
    """message_start without usage, message_delta without usage, unsigned thinking starts."""
    start = am.parse_stream_event(EVENTS[1])
    assert isinstance(start, am.RawMessageStartEvent)
    assert start.message.usage is None
    delta = am.parse_stream_event({"type": "message_delta", "delta": {"stop_reason": "end_turn"}})
    assert isinstance(delta, am.RawMessageDeltaEvent)
    assert delta.usage is None
    block = am.parse_stream_event(EVENTS[4])
    assert isinstance(block, am.RawContentBlockStartEvent)
    assert block.content_block == {"type": "thinking", "thinking": ""}


def test_error_response_and_model_list_round_trip() -> None:
    """Error bodies (with details and unknown error types) and model lists round-trip."""
    assert_round_trip(am.ErrorResponse, EVENTS[-1])
    assert_round_trip(
        am.ErrorResponse,
        {"type": "error", "error": {"type": "request_too_large", "message": "Request too large"}},
    )
    assert_round_trip(
        am.ErrorResponse,
        {"type": "error", "error": {"type": "teapot_error", "message": "short and stout"}},
    )
    assert_round_trip(
        am.ModelList,
        {
            "data": [
                {
                    "type": "model",
                    "id": "claude-sonnet-4-5-20250929",
                    "display_name": "Claude Sonnet 4.5",
                    "created_at": "2025-09-29T00:00:00Z",
                },
                {
                    "type": "model",
                    "id": "claude-opus-4-8",
                    "display_name": "Claude Opus 4.8",
                    "created_at": "2026-05-01T00:00:00Z",
                    "lifecycle": "active",
                    "line": "opus",
                    "max_input_tokens": 1000000,
                    "max_tokens": 128000,
                    "deprecated_at": None,
                    "retires_at": None,
                    "capabilities": {
                        "batch": {"supported": True},
                        "effort": {
                            "supported": True,
                            "low": {"supported": True},
                            "medium": {"supported": True},
                            "high": {"supported": True},
                            "max": {"supported": False},
                        },
                        "thinking": {
                            "supported": True,
                            "types": {"adaptive": {"supported": True}},
                        },
                    },
                },
            ],
            "has_more": False,
            "first_id": "claude-sonnet-4-5-20250929",
            "last_id": "claude-opus-4-8",
        },
    )


def test_numbers_keep_their_json_type() -> None:
    """Ints stay ints and floats stay floats (1 vs 1.0), in to_dict and to_json."""
    for value in (1, 1.0, 0.5):
        parsed = am.MessageCreateParams.model_validate(request(temperature=value, top_p=value))
        assert type(parsed.to_dict()["temperature"]) is type(value)
        assert type(json.loads(parsed.to_json())["top_p"]) is type(value)


def test_explicit_nulls_and_absence_are_kept_apart() -> None:
    """An explicit null is kept, an absent field stays absent."""
    parsed = am.MessageCreateParams.model_validate(request(temperature=None, system=None))
    assert parsed.to_dict() == request(temperature=None, system=None)
    assert "top_k" not in parsed.to_dict()


# -- unknown keys and types ----------------------------------------------------------------------


def test_unknown_keys_at_every_depth_round_trip() -> None:
    """Unknown keys added to every object of every kind of body survive the round trip."""
    assert_round_trip(am.MessageCreateParams, sprinkle(FULL_REQUEST))
    assert_round_trip(am.Message, sprinkle(FULL_MESSAGE))
    assert_round_trip(am.ErrorResponse, sprinkle(EVENTS[-1]))
    for event in EVENTS:
        event_round_trip(sprinkle(event))


@pytest.mark.parametrize(
    "payload",
    [
        request(user({"type": "video", "source": {"type": "url", "url": "https://v"}})),
        request(assistant({"type": "hologram", "frames": [1, 2.5, None]})),
        request(user({"type": "tool_result", "tool_use_id": "t", "content": [{"type": "audio"}]})),
        request(user({"type": "image", "source": {"type": "s3", "bucket": "b"}})),
        request(user({"type": "document", "source": {"type": "gdrive", "id": "x"}})),
        request(
            user(
                {
                    "type": "document",
                    "source": {"type": "content", "content": [{"type": "table", "rows": []}]},
                }
            )
        ),
        request(
            assistant({"type": "text", "text": "t", "citations": [{"type": "video_location"}]})
        ),
        request(
            assistant(
                {"type": "tool_use", "id": "t", "name": "n", "input": {}, "caller": {"type": "x"}}
            )
        ),
        request({"role": "developer", "content": "new role", "priority": 1}),
        request(tools=[{"type": "quantum_20270101", "name": "q", "qubits": 8}]),
        request(
            user(
                {
                    "type": "code_execution_tool_result",
                    "tool_use_id": "t",
                    "content": {"type": "gpu_execution_result", "ok": True},
                }
            )
        ),
        request(
            user(
                {
                    "type": "web_search_tool_result",
                    "tool_use_id": "t",
                    "content": {"type": "web_search_partial", "n": 1},
                }
            )
        ),
    ],
    ids=[
        "block",
        "assistant_block",
        "tool_result_content",
        "image_source",
        "document_source",
        "content_source_block",
        "citation",
        "caller",
        "role",
        "tool",
        "server_result_content",
        "web_search_content",
    ],
)
def test_unknown_types_in_requests_round_trip(payload: dict[str, Any]) -> None:
    """Block, source, citation, caller, role, tool and result types newer than us keep their payload."""
    assert_round_trip(am.MessageCreateParams, payload)


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "content_block_start", "index": 0, "content_block": {"type": "poem", "x": 1.5}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "poem_delta", "v": None}},
        {"type": "thread_event", "data": {"nested": [1, 2.0]}},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_details": {"type": "budget", "n": 1}},
            "usage": {"output_tokens": 1, "fallback_credit": {"status": {"type": "pending"}}},
            "context_management": {"applied_edits": [{"type": "compact_20260112", "n": 1}]},
            "input_transformations": [{"type": "image_downsized", "path": "p"}],
        },
    ],
    ids=["block", "delta", "event", "nested"],
)
def test_unknown_types_in_streams_round_trip(payload: dict[str, Any]) -> None:
    """Event, output block, delta and nested types newer than us keep their payload."""
    event = event_round_trip(payload)
    if payload["type"] == "thread_event":
        assert isinstance(event, am.UnknownEvent)


def test_unknown_output_block_in_message_round_trips() -> None:
    """An output block type newer than us keeps its payload inside a Message."""
    assert_round_trip(am.Message, {**FULL_MESSAGE, "content": [{"type": "chart", "svg": "<svg/>"}]})


def test_response_blocks_are_accepted_back_in_requests() -> None:
    """Every output block, sent back as-is in an assistant turn, is a valid request block."""
    echoed_citation = {k: v for k, v in CITATIONS[0].items() if k != "document_title"}
    echoed_text = {"type": "text", "text": "t", "citations": [{**echoed_citation, "file_id": "f"}]}
    assert_round_trip(am.MessageCreateParams, request(assistant(*OUTPUT_BLOCKS, echoed_text)))


def test_server_tools_never_validate_as_custom_tools() -> None:
    """A built-in tool with a bad name fails (it is not taken for a custom tool)."""
    tool = {"type": "bash_20250124", "name": "shell", "input_schema": {"type": "object"}}
    assert invalid_path(am.MessageCreateParams, request(tools=[tool])) == "tools[0].name"
    custom_with_builtin_type = {"type": "web_search_20250305", "name": "w", "input_schema": {}}
    assert invalid_path(am.MessageCreateParams, request(tools=[custom_with_builtin_type])) == (
        "tools[0].name"
    )


# -- invalid inputs ------------------------------------------------------------------------------

NESTED_BAD_TEXT = request(
    {"role": "user", "content": "What is the weather?"},
    assistant({"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}),
    user(
        {
            "type": "tool_result",
            "tool_use_id": "toolu_1",
            "content": [{"type": "text", "text": "Sunny"}, {"type": "text"}],
        }
    ),
)


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({k: v for k, v in request().items() if k != "max_tokens"}, "max_tokens"),
        (request(max_tokens="1"), "max_tokens"),
        (request(max_tokens=1.0), "max_tokens"),
        (request(max_tokens=True), "max_tokens"),
        (NESTED_BAD_TEXT, "messages[2].content[0].content[1].text"),
        (request(thinking={"type": "enabled", "budget_tokens": "1024"}), "thinking.budget_tokens"),
        (request(thinking={"type": "enabled"}), "thinking.budget_tokens"),
        (
            request(tools=[{"type": "web_search_20250305", "name": "web_search", "max_uses": "3"}]),
            "tools[0].max_uses",
        ),
        (request(tools=[{"name": "get_weather"}]), "tools[0].input_schema"),
        (
            request(tools=[{"type": "custom", "name": "x", "input_schema": 3}]),
            "tools[0].input_schema",
        ),
        (
            request(
                user({"type": "image", "source": {"type": "base64", "media_type": "image/png"}})
            ),
            "messages[0].content[0].source.data",
        ),
        (request({"role": "user"}), "messages[0].content"),
        (request({"content": "no role"}), "messages[0].role"),
        (
            request(user({"type": "text", "text": "x", "citations": [{"type": "char_location"}]})),
            "messages[0].content[0].citations[0].cited_text",
        ),
        (request(tool_choice={"type": "tool"}), "tool_choice.name"),
        (request(stop_sequences="STOP"), "stop_sequences"),
        (request(messages="hi"), "messages"),
    ],
)
def test_invalid_requests_name_the_path(payload: dict[str, Any], path: str) -> None:
    """Invalid requests raise InvalidInputError whose path names the offending value."""
    assert invalid_path(am.MessageCreateParams, payload) == path


def test_invalid_error_chains_the_pydantic_error() -> None:
    """The InvalidInputError chains pydantic's ValidationError and lists every problem."""
    with pytest.raises(InvalidInputError) as info:
        am.MessageCreateParams.model_validate(request(max_tokens="1"))
    assert isinstance(info.value.__cause__, pydantic.ValidationError)
    assert info.value.errors[0][0] == "max_tokens"


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({**FULL_MESSAGE, "content": [{"type": "text"}]}, "content[0].text"),
        (
            {**FULL_MESSAGE, "usage": {"input_tokens": "1", "output_tokens": 1}},
            "usage.input_tokens",
        ),
        ({k: v for k, v in FULL_MESSAGE.items() if k != "id"}, "id"),
        ({**FULL_MESSAGE, "role": "user"}, "role"),
    ],
)
def test_invalid_responses_name_the_path(payload: dict[str, Any], path: str) -> None:
    """Invalid responses raise InvalidInputError whose path names the offending value."""
    assert invalid_path(am.Message, payload) == path


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta"}},
            "delta.text",
        ),
        (
            {
                "type": "content_block_start",
                "index": "0",
                "content_block": {"type": "text", "text": ""},
            },
            "index",
        ),
        ({"type": "message_start", "message": {"type": "message"}}, "message.id"),
        ({"index": 0}, "type"),
        (b'{"type": "ping"', ""),
        (b"\xff", ""),
    ],
)
def test_invalid_events_raise_invalid_input(data: dict[str, Any] | bytes, path: str) -> None:
    """parse_stream_event raises InvalidInputError (with the path) on bad events and bad JSON."""
    with pytest.raises(InvalidInputError) as info:
        am.parse_stream_event(data)
    assert info.value.path == path


# -- API versions --------------------------------------------------------------------------------


def test_version_2023_allows_everything() -> None:
    """Under 2023-06-01 nothing in the full request is a violation."""
    params = am.MessageCreateParams.model_validate(FULL_REQUEST)
    assert am.version_violations(params, "2023-06-01") == []


def test_version_2026_rejects_sampling_params() -> None:
    """Under 2026-10-21 temperature/top_p/top_k with a value are violations (null is not)."""
    params = am.MessageCreateParams.model_validate(request(temperature=1, top_p=0.9, top_k=None))
    found = am.version_violations(params)
    assert [v.path for v in found] == ["temperature", "top_p"]
    assert all("2026-10-21" in v.reason for v in found)
    clean = am.MessageCreateParams.model_validate(request())
    assert am.version_violations(clean, "2026-10-21") == []


def test_version_2026_rejects_documents_in_assistant_turns() -> None:
    """A document block directly in an assistant message is a violation; in a user turn it is not."""
    params = am.MessageCreateParams.model_validate(
        request(
            user(DOCUMENT),
            assistant({"type": "text", "text": "x"}, DOCUMENT),
            {"role": "assistant", "content": "plain"},
        )
    )
    found = am.version_violations(params)
    assert found == [am.VersionViolation("messages[1].content[1]", found[0].reason)]
    assert "assistant" in found[0].reason


def test_version_2026_rejects_citations_in_user_turns() -> None:
    """Cited text in a user turn is a violation, directly or inside search_result/tool_result."""
    cited = {"type": "text", "text": "t", "citations": CITATIONS[:1]}
    params = am.MessageCreateParams.model_validate(
        request(
            user(
                cited,
                {"type": "text", "text": "u", "citations": []},
                {**SEARCH_RESULT, "content": [cited]},
                {
                    "type": "tool_result",
                    "tool_use_id": "t",
                    "content": [
                        {"type": "text", "text": "x"},
                        cited,
                        {**SEARCH_RESULT, "content": [cited]},
                    ],
                },
            ),
            assistant(cited),
        )
    )
    paths = [v.path for v in am.version_violations(params, "2026-10-21")]
    assert paths == [
        "messages[0].content[0].citations",
        "messages[0].content[2].content[0].citations",
        "messages[0].content[3].content[1].citations",
        "messages[0].content[3].content[2].content[0].citations",
    ]


def test_unknown_version_is_unsupported() -> None:
    """An API version this library does not know raises UnsupportedError."""
    params = am.MessageCreateParams.model_validate(request())
    with pytest.raises(UnsupportedError):
        am.version_violations(params, "2024-01-01")


def test_version_violation_is_frozen() -> None:
    """VersionViolation is an immutable value."""
    violation = am.VersionViolation("temperature", "no")
    with pytest.raises(AttributeError):
        violation.path = "top_k"  # type: ignore[misc]


# -- the recorded corpus -------------------------------------------------------------------------


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


REQUEST_FILES = corpus_files("anthropic", "requests")
RESPONSE_FILES = corpus_files("anthropic", "responses")
STREAM_FILES = corpus_files("anthropic", "streams")
needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason=CORPUS_MISSING)


def sse_data(text: str) -> list[str]:
    """The ``data`` of each event of an SSE body (events split on blank lines)."""
    found = []
    for chunk in re.split(r"\r\n\r\n|\n\n|\r\r", text):
        lines = [line for line in re.split(r"\r\n|\n|\r", chunk) if line.startswith("data:")]
        if lines:
            found.append("\n".join(line[6:] if line[5:6] == " " else line[5:] for line in lines))
    return found


@needs_corpus
def test_corpus_is_not_empty() -> None:
    """The corpus has Anthropic requests, responses and streams (so the tests below run)."""
    assert REQUEST_FILES
    assert RESPONSE_FILES
    assert STREAM_FILES


@needs_corpus
@pytest.mark.parametrize("path", REQUEST_FILES, ids=_ids(REQUEST_FILES))
def test_corpus_requests_round_trip(path: Path) -> None:
    """Every recorded request round-trips through MessageCreateParams."""
    assert_round_trip(am.MessageCreateParams, json.loads(path.read_bytes()))


@needs_corpus
@pytest.mark.parametrize("path", RESPONSE_FILES, ids=_ids(RESPONSE_FILES))
def test_corpus_responses_round_trip(path: Path) -> None:
    """Every recorded response round-trips through Message (ErrorResponse for error bodies)."""
    payload = json.loads(path.read_bytes())
    model: type[WireModel] = am.ErrorResponse if payload.get("type") == "error" else am.Message
    assert_round_trip(model, payload)


@needs_corpus
@pytest.mark.parametrize("path", STREAM_FILES, ids=_ids(STREAM_FILES))
def test_corpus_streams_round_trip(path: Path) -> None:
    """Every event of every recorded stream parses into a known event class and round-trips."""
    datas = sse_data(path.read_text(encoding="utf-8"))
    assert datas
    for data in datas:
        payload = json.loads(data)
        event = event_round_trip(payload)
        assert not isinstance(event, am.UnknownEvent), payload["type"]


# -- coverage of the SDK's types -----------------------------------------------------------------
#
# Walks every TypedDict and model reachable from the SDK's request, response, stream and error types
# (GA and beta) and checks that the class of ours with the matching name has at least its keys.


#: SDK names whose counterpart here has a different name (why: see the right-hand side's module).
RENAMED: dict[str, str] = {
    "MessageCreateParamsBase": "MessageCreateParams",
    "Delta": "MessageDelta",
    "InputSchemaTyped": "InputSchema",
    "BetaResponseToolInputSchema": "InputSchema",
    "BetaResponseTool": "ToolParam",
    "BetaCitationsConfigParamParam": "CitationsConfigParam",
    "BetaCitationConfig": "CitationsConfig",
    "BetaMCPToolParamParam": "MCPToolParam",
    "BetaToolChangeToolDefinition": "ToolChangeToolDefinitionParam",
    "ErrorResponse": "ErrorResponse",
}

#: SDK name patterns mapped onto one shared class of ours.
PATTERNS: list[tuple[str, str]] = [
    (r"^(Beta)?(Browser|Computer)\w+Config(Param)?$", "ToolsetToolConfigParam"),
    (r"^(Beta)?(Response)?(Browser|Computer)\w+ToolUseBlock$", "ToolUseBlock"),
    (r"^(Beta)?\w*ErrorObject$", "ErrorObject"),
    (r"^(Beta)?\w+ErrorDetails$", "ErrorDetails"),
]

#: Beta SDK classes that are not Messages wire shapes (they never reach this package's bodies).
NOT_MESSAGES_SHAPES: set[str] = set()


def our_name(sdk_name: str) -> str | None:
    """The name of our class for an SDK class name, or None."""
    if sdk_name in RENAMED:
        return RENAMED[sdk_name]
    prefixes = ("BetaRequest", "BetaResponse", "Beta")
    candidates = [sdk_name] + [sdk_name[len(p) :] for p in prefixes if sdk_name.startswith(p)]
    candidates += [c + "Param" for c in candidates]
    found = next((c for c in candidates if hasattr(am, c)), None)
    if found is not None:
        return found
    return next((target for pattern, target in PATTERNS if re.match(pattern, sdk_name)), None)


def keys_of(cls: Any) -> set[str]:
    """The wire keys of a TypedDict or a pydantic model."""
    if is_typeddict(cls):
        return set(cls.__required_keys__) | set(cls.__optional_keys__)
    return {field.alias or name for name, field in cls.model_fields.items()}


def is_shape(tp: Any) -> bool:
    """Whether ``tp`` is a TypedDict or a pydantic model class."""
    return is_typeddict(tp) or (inspect.isclass(tp) and issubclass(tp, pydantic.BaseModel))


def children(cls: Any) -> list[Any]:
    """The annotations of a shape's keys."""
    if is_typeddict(cls):
        return list(typing.get_type_hints(cls, include_extras=True).values())
    return [field.annotation for field in cls.model_fields.values()]


def reachable(roots: list[Any]) -> dict[str, Any]:
    """Every SDK shape reachable from ``roots``, by class name."""
    found: dict[str, Any] = {}
    stack = list(roots)
    while stack:
        tp = stack.pop()
        if is_shape(tp):
            key = f"{tp.__module__}.{tp.__qualname__}"
            if key in found:
                continue
            found[key] = tp
            stack.extend(children(tp))
        elif get_origin(tp) is not None or isinstance(tp, types.UnionType):
            stack.extend(arg for arg in get_args(tp) if not isinstance(arg, (str, int, bool)))
    return found


def sdk_module_shapes(package: Any, pattern: str) -> list[Any]:
    """Shapes defined in the SDK package's modules whose class name matches ``pattern``."""
    shapes = []
    for name in dir(package):
        value = getattr(package, name)
        if is_shape(value) and re.match(pattern, value.__name__):
            shapes.append(value)
    return shapes


def _members(union: Any) -> set[str]:
    found: set[str] = set()
    stack = [union]
    while stack:
        tp = stack.pop()
        if is_shape(tp):
            found.add(tp.__name__)
        elif get_origin(tp) is not None or isinstance(tp, types.UnionType):
            stack.extend(get_args(tp))
    return found


def _shape_args(union: Any) -> list[Any]:
    found = []
    stack = [union]
    while stack:
        tp = stack.pop()
        if is_shape(tp):
            found.append(tp)
        elif get_origin(tp) is not None or isinstance(tp, types.UnionType):
            stack.extend(get_args(tp))
    return found


def test_public_names_are_exported() -> None:
    """``__all__`` lists only names that exist, including the contract's names."""
    for name in am.__all__:
        assert hasattr(am, name), name
    for name in (
        "MessageCreateParams",
        "Message",
        "MessageStreamEvent",
        "ErrorResponse",
        "ModelList",
    ):
        assert name in am.__all__
    assert len(set(am.__all__)) == len(am.__all__)


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, lambda b: b.decode()])
def test_parse_stream_event_accepts_every_buffer_the_openai_one_does(wrap: Any) -> None:
    """bytes, bytearray, memoryview and str all parse (as for oai.parse_stream_event)."""
    assert am.parse_stream_event(wrap(b'{"type": "ping"}')).to_dict() == {"type": "ping"}
