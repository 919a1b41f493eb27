"""Tests of the OpenAI Chat Completions wire models (``ruapi_convert.models.openai``).

Four claims are checked here:

* exactness: parse then dump is the identity (dict and JSON forms), for hand-written payloads that
  use every field, part, tool, tool choice and role, and for every recorded payload;
* openness: unknown keys at any depth and unknown part / tool / role / format types survive;
* errors: invalid input raises ``InvalidInputError`` naming the JSON path of the problem;
* completeness: every key and every enum value the openai 3.57.0 SDK knows is declared here, and
  no key is required here that the SDK leaves optional.
"""

from __future__ import annotations

import copy
import json
import typing
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel
from typing_extensions import Required, is_typeddict

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.models import openai as oai
from tests.corpus import (
    CORPUS_MISSING,
    REFUSED_REQUESTS,
    corpus_dir,
    corpus_files,
    payload_files,
)

from .openai_payloads import (
    ALL_ROLES_MESSAGES,
    ALL_TOOLS,
    CHUNK_BASE,
    CHUNKS,
    CURSOR_TOOLS,
    ERROR_BODIES,
    FULL_MESSAGE,
    FULL_REQUEST,
    FULL_RESPONSE,
    MODEL_LIST,
    MODERATION,
    NULL_OPTIONS_REQUEST,
    RESPONSE_FORMATS,
    TOKEN_LOGPROB,
    TOOL_CHOICES,
    USAGE,
)

if typing.TYPE_CHECKING:
    from pathlib import Path

    from ruapi_convert.models._base import WireModel

Json = dict[str, Any]


# -- helpers -------------------------------------------------------------------------------------


def assert_round_trip(cls: type[WireModel], payload: Json) -> WireModel:
    """Parse ``payload`` from a dict and from JSON text; both must dump back to exactly it."""
    before = copy.deepcopy(payload)
    model = cls.model_validate(payload)
    assert payload == before, "the input was mutated"
    assert model.to_dict() == payload
    assert json.loads(model.to_json()) == payload
    assert cls.model_validate_json(json.dumps(payload)).to_dict() == payload
    return model


def sse_data(path: Path) -> list[str]:
    """The ``data`` of every event of an SSE file (multi-line data joined by newlines)."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    events = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line.startswith("data:")]
        if lines:
            events.append("\n".join(line[5:].removeprefix(" ") for line in lines))
    return events


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.parent.parent.name}/{p.parent.name}/{p.name}" for p in paths]


# -- round trips of hand-written payloads --------------------------------------------------------


def test_full_request_round_trips() -> None:
    """A request using all 37 keys, every role, part and tool form parses and dumps unchanged."""
    model = assert_round_trip(oai.ChatCompletionCreateParams, FULL_REQUEST)
    assert isinstance(model, oai.ChatCompletionCreateParams)
    assert len(model.messages) == len(ALL_ROLES_MESSAGES)
    assert set(FULL_REQUEST) == set(oai.ChatCompletionCreateParams.model_fields)


def test_request_keys_are_the_37_of_the_sdk() -> None:
    """The envelope declares exactly the 37 keys the SDK sends (docs/protocols.md A.2)."""
    assert len(oai.ChatCompletionCreateParams.model_fields) == 37


def test_explicit_nulls_round_trip() -> None:
    """Every optional key sent as null stays null (and absent keys stay absent)."""
    model = assert_round_trip(oai.ChatCompletionCreateParams, NULL_OPTIONS_REQUEST)
    assert isinstance(model, oai.ChatCompletionCreateParams)
    assert model.temperature is None
    minimal = {"model": "m", "messages": []}
    assert oai.ChatCompletionCreateParams.model_validate(minimal).to_dict() == minimal


@pytest.mark.parametrize("message", ALL_ROLES_MESSAGES, ids=lambda m: str(m["role"]))
def test_each_message_round_trips_alone(message: Json) -> None:
    """Each role's message is valid on its own and dumps unchanged."""
    assert_round_trip(oai.ChatCompletionCreateParams, {"model": "m", "messages": [message]})


@pytest.mark.parametrize("tool", ALL_TOOLS + CURSOR_TOOLS, ids=lambda t: str(t.get("type")))
def test_each_tool_round_trips(tool: Json) -> None:
    """Function, custom and Cursor-shaped tools are accepted and kept as given."""
    assert_round_trip(
        oai.ChatCompletionCreateParams, {"model": "m", "messages": [], "tools": [tool]}
    )


def test_cursor_anthropic_style_tool_is_kept_verbatim() -> None:
    """An Anthropic-shaped tool in an OpenAI request keeps its exact keys (no wrapper added)."""
    tool = CURSOR_TOOLS[0]
    body = {
        "model": "claude-sonnet-5",
        "messages": [{"role": "user", "content": "hi"}],
        "tools": [tool],
    }
    model = oai.ChatCompletionCreateParams.model_validate(body)
    assert model.tools == [tool]
    assert model.to_dict()["tools"][0] == tool
    assert "function" not in model.to_dict()["tools"][0]


@pytest.mark.parametrize(
    "choice", TOOL_CHOICES, ids=lambda c: c if isinstance(c, str) else c["type"]
)
def test_each_tool_choice_round_trips(choice: Any) -> None:
    """Every tool_choice form (mode strings, named function/custom, allowed_tools) round-trips."""
    body = {"model": "m", "messages": [], "tools": ALL_TOOLS, "tool_choice": choice}
    model = assert_round_trip(oai.ChatCompletionCreateParams, body)
    assert isinstance(model, oai.ChatCompletionCreateParams)
    assert model.tool_choice == choice


@pytest.mark.parametrize("function_call", ["none", "auto", {"name": "lookup"}], ids=str)
def test_deprecated_function_call_forms_round_trip(function_call: Any) -> None:
    """The deprecated function_call accepts "none", "auto" and a named function."""
    body = {
        "model": "m",
        "messages": [],
        "functions": [{"name": "lookup"}],
        "function_call": function_call,
    }
    assert_round_trip(oai.ChatCompletionCreateParams, body)


@pytest.mark.parametrize("response_format", RESPONSE_FORMATS, ids=lambda r: str(r["type"]))
def test_each_response_format_round_trips(response_format: Json) -> None:
    """text, json_object and json_schema response formats round-trip."""
    body = {"model": "m", "messages": [], "response_format": response_format}
    assert_round_trip(oai.ChatCompletionCreateParams, body)


@pytest.mark.parametrize(
    "option",
    [
        {"stop": "END"},
        {"stop": None},
        {"audio": {"format": "mp3", "voice": {"id": "voice_123"}}},
        {"audio": {"format": "opus", "voice": "a-new-voice"}},
        {"prediction": {"type": "content", "content": "print(1)"}},
        {"web_search_options": {}},
        {"web_search_options": {"user_location": None}},
        {"prompt_cache_options": {"mode": "implicit"}},
        {"moderation": {"model": "omni-moderation-latest"}},
        {"moderation": {"model": "m", "policy": {"input": None, "output": {"mode": "block"}}}},
        {"reasoning_effort": "none"},
        {"reasoning_effort": "max"},
        {"service_tier": "fast"},
        {"temperature": 0.7, "top_p": 1},
    ],
    ids=lambda o: next(iter(o)),
)
def test_option_variants_round_trip(option: Json) -> None:
    """The alternative forms of each option (string vs list, voice id, null, …) round-trip."""
    assert_round_trip(oai.ChatCompletionCreateParams, {"model": "m", "messages": [], **option})


def test_numbers_keep_their_type() -> None:
    """An int stays an int and a float stays a float on the way back out."""
    for value in (1, 1.0, 0, 0.5):
        body: Json = {"model": "m", "messages": [], "temperature": value}
        out = oai.ChatCompletionCreateParams.model_validate(body).to_dict()["temperature"]
        assert out == value
        assert type(out) is type(value)


def test_full_response_round_trips() -> None:
    """A response using every field (message extras, logprobs, usage details, moderation) round-trips."""
    model = assert_round_trip(oai.ChatCompletion, FULL_RESPONSE)
    assert isinstance(model, oai.ChatCompletion)
    message = model.choices[0]["message"]
    assert message.get("reasoning_content") == "Thinking..."


def test_minimal_response_round_trips() -> None:
    """A response with only the required keys round-trips without gaining any."""
    body = {
        "id": "c",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant"}, "finish_reason": None}],
    }
    assert_round_trip(oai.ChatCompletion, body)


@pytest.mark.parametrize("chunk", CHUNKS, ids=[f"chunk{i}" for i in range(len(CHUNKS))])
def test_each_chunk_round_trips(chunk: Json) -> None:
    """Role, content, refusal, reasoning, tool-call, audio, finish, usage and filter chunks round-trip."""
    assert_round_trip(oai.ChatCompletionChunk, chunk)
    parsed = oai.parse_stream_event(json.dumps(chunk))
    assert isinstance(parsed, oai.ChatCompletionChunk)
    assert parsed.to_dict() == chunk


@pytest.mark.parametrize("body", ERROR_BODIES, ids=[f"error{i}" for i in range(len(ERROR_BODIES))])
def test_each_error_body_round_trips(body: Json) -> None:
    """Error bodies round-trip, with or without type/param/code, numeric codes and misalignment."""
    assert_round_trip(oai.ErrorResponse, body)
    parsed = oai.parse_stream_event(body)
    assert isinstance(parsed, oai.ErrorResponse)
    assert parsed.to_dict() == body


def test_model_list_round_trips() -> None:
    """The GET /v1/models body round-trips."""
    model = assert_round_trip(oai.ModelList, MODEL_LIST)
    assert isinstance(model, oai.ModelList)
    assert [m["id"] for m in model.data] == ["gpt-5.4", "gpt-4o-2024-05-13"]


# -- parse_stream_event --------------------------------------------------------------------------


def test_parse_stream_event_accepts_dict_bytes_and_str() -> None:
    """The same chunk parses identically from a dict, JSON str and JSON bytes."""
    chunk = CHUNKS[5]
    text = json.dumps(chunk)
    for data in (chunk, text, text.encode()):
        parsed = oai.parse_stream_event(data)
        assert isinstance(parsed, oai.ChatCompletionChunk)
        assert parsed.to_dict() == chunk


def test_parse_stream_event_picks_error_by_top_level_key() -> None:
    """A payload with a top-level "error" object is an ErrorResponse; "error": null is not."""
    error = oai.parse_stream_event(b'{"error": {"message": "boom", "type": "server_error"}}')
    assert isinstance(error, oai.ErrorResponse)
    assert error.error["message"] == "boom"
    chunk = {**CHUNKS[1], "error": None}
    parsed = oai.parse_stream_event(chunk)
    assert isinstance(parsed, oai.ChatCompletionChunk)
    assert parsed.to_dict() == chunk


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ("[DONE]", ""),
        (b"[DONE]", ""),
        ("{not json", ""),
        (b"\xff\xfe", ""),
        ("[1, 2]", ""),
        ('"text"', ""),
        ('{"type": "ping"}', "id"),
        ('{"error": {"type": "server_error"}}', "error.message"),
        ('{"error": "boom"}', "error"),
    ],
    ids=[
        "done",
        "done-bytes",
        "bad-json",
        "bad-utf8",
        "array",
        "string",
        "ping",
        "no-message",
        "str-error",
    ],
)
def test_parse_stream_event_rejects_bad_input(data: str | bytes, path: str) -> None:
    """[DONE], bad JSON, non-objects and invalid payloads raise InvalidInputError with a path."""
    with pytest.raises(InvalidInputError) as info:
        oai.parse_stream_event(data)
    assert info.value.path == path


# -- unknown keys and types ----------------------------------------------------------------------

X: Json = {"x_future": {"nested": [1, 2.0, None, {"deep": True}]}}


def _with_unknown_keys_everywhere() -> list[tuple[type[WireModel], Json]]:
    request = {
        "model": "m",
        **X,
        "messages": [
            {"role": "system", "content": [{"type": "text", "text": "s", **X}], **X},
            {
                "role": "user",
                "content": [
                    {"type": "image_url", "image_url": {"url": "u", **X}, **X},
                    {
                        "type": "file",
                        "file": {"file_id": "f", **X},
                        "prompt_cache_breakpoint": {"mode": "explicit", **X},
                    },
                ],
            },
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "c",
                        "type": "function",
                        "function": {"name": "f", "arguments": "", **X},
                        **X,
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "c", "content": "r", **X},
        ],
        "tools": [{"type": "function", "function": {"name": "f", "defer_loading": True, **X}, **X}],
        "tool_choice": {"type": "function", "function": {"name": "f", **X}, **X},
        "response_format": {"type": "json_schema", "json_schema": {"name": "n", **X}, **X},
        "stream_options": {"include_usage": True, **X},
        "web_search_options": {"user_location": {"type": "approximate", "approximate": {**X}, **X}},
    }
    response = {
        **FULL_RESPONSE,
        **X,
        "choices": [
            {
                "index": 0,
                "message": {**FULL_MESSAGE, **X},
                "logprobs": {"content": [{**TOKEN_LOGPROB, **X}], **X},
                "finish_reason": "stop",
                **X,
            }
        ],
        "usage": {**USAGE, "prompt_tokens_details": {"cached_tokens": 1, **X}, **X},
    }
    chunk = {
        **CHUNK_BASE,
        **X,
        "choices": [
            {
                "index": 0,
                "delta": {
                    "tool_calls": [{"index": 0, "function": {"arguments": "{", **X}, **X}],
                    **X,
                },
                **X,
            }
        ],
    }
    error = {"error": {"message": "m", **X}, **X}
    models = {**MODEL_LIST, **X, "data": [{**MODEL_LIST["data"][0], **X}]}
    return [
        (oai.ChatCompletionCreateParams, request),
        (oai.ChatCompletion, response),
        (oai.ChatCompletionChunk, chunk),
        (oai.ErrorResponse, error),
        (oai.ModelList, models),
    ]


@pytest.mark.parametrize(
    ("cls", "payload"),
    _with_unknown_keys_everywhere(),
    ids=["request", "response", "chunk", "error", "models"],
)
def test_unknown_keys_at_every_depth_round_trip(cls: type[WireModel], payload: Json) -> None:
    """Keys this library does not know are kept, at the top and at every nested level."""
    assert_round_trip(cls, payload)


UNKNOWN_TYPES_REQUEST: Json = {
    "model": "m",
    "messages": [
        {"role": "critic", "content": [{"type": "verdict", "score": 3}], "weight": 0.5},
        {"role": "user", "content": [{"type": "input_video", "video": {"url": "v"}}]},
        {"role": "system", "content": [{"type": "input_json", "data": {"a": 1}}]},
        {"role": "assistant", "content": [{"type": "output_image", "url": "i"}]},
        {"role": "tool", "tool_call_id": "c", "content": [{"type": "search_result", "title": "t"}]},
        {
            "role": "assistant",
            "tool_calls": [{"id": "c2", "type": "mcp", "server": "s", "args": {}}],
        },
        # Tool messages leniently accept the user part types (images from MCP tools).
        {
            "role": "tool",
            "tool_call_id": "c",
            "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}}],
        },
    ],
    "tools": [
        {"type": "web_search_preview", "search_context_size": "low"},
        {
            "type": "custom",
            "custom": {"name": "c", "format": {"type": "json_schema_v2", "schema": {}}},
        },
        {"type": "custom", "name": "flat", "format": {"type": "peg", "definition": "x"}},
    ],
    "tool_choice": {"type": "tool_search", "query": "weather"},
    "response_format": {"type": "python", "version": "3.12"},
}


def test_unknown_roles_parts_tools_and_formats_round_trip() -> None:
    """Roles, part types, tool types, tool-choice types and formats newer than us are kept as given."""
    model = assert_round_trip(oai.ChatCompletionCreateParams, UNKNOWN_TYPES_REQUEST)
    assert isinstance(model, oai.ChatCompletionCreateParams)
    assert model.messages[0]["role"] == "critic"


def test_unknown_string_values_of_open_enums_round_trip() -> None:
    """Growing vocabularies (finish_reason, service_tier, effort, roles in deltas) accept new values."""
    response = {
        **FULL_RESPONSE,
        "service_tier": "turbo",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": ""}, "finish_reason": "pause"}
        ],
    }
    assert_round_trip(oai.ChatCompletion, response)
    chunk = {
        **CHUNK_BASE,
        "choices": [{"index": 0, "delta": {"role": "critic"}, "finish_reason": "pause"}],
    }
    assert_round_trip(oai.ChatCompletionChunk, chunk)
    request = {
        "model": "m",
        "messages": [],
        "reasoning_effort": "ultra",
        "verbosity": "max",
        "tool_choice": "any",
    }
    assert_round_trip(oai.ChatCompletionCreateParams, request)


def test_unknown_annotation_tool_call_and_moderation_types_round_trip() -> None:
    """Response-side open unions (annotations, tool calls, moderation outcomes) keep new types."""
    response = {
        **FULL_RESPONSE,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": "c",
                    "annotations": [{"type": "file_citation", "file_id": "f", "index": 0}],
                    "tool_calls": [{"id": "t", "type": "mcp_call", "mcp": {"name": "n"}}],
                },
                "finish_reason": "stop",
            }
        ],
        "moderation": {"input": {"type": "skipped", "reason": "r"}, "output": MODERATION["output"]},
    }
    assert_round_trip(oai.ChatCompletion, response)


# -- invalid input ---------------------------------------------------------------------------------

VALID: Json = {
    "model": "m",
    "messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "hi"}],
}


def _request(**changes: Any) -> Json:
    return {**VALID, **changes}


def _user(*parts: Json) -> Json:
    return _request(
        messages=[{"role": "system", "content": "s"}, {"role": "user", "content": list(parts)}]
    )


INVALID: list[tuple[type[WireModel], Json, str]] = [
    (oai.ChatCompletionCreateParams, {"model": "m"}, "messages"),
    (oai.ChatCompletionCreateParams, {"messages": []}, "model"),
    (oai.ChatCompletionCreateParams, _request(model=4), "model"),
    (oai.ChatCompletionCreateParams, _request(messages={"role": "user"}), "messages"),
    (oai.ChatCompletionCreateParams, _request(max_tokens="10"), "max_tokens"),
    (oai.ChatCompletionCreateParams, _request(max_completion_tokens=10.0), "max_completion_tokens"),
    (oai.ChatCompletionCreateParams, _request(temperature="hot"), "temperature"),
    (oai.ChatCompletionCreateParams, _request(stream="true"), "stream"),
    (oai.ChatCompletionCreateParams, _request(n=True), "n"),
    (oai.ChatCompletionCreateParams, _request(stop=["a", 1]), "stop[1]"),
    (oai.ChatCompletionCreateParams, _request(logit_bias={"1": "x"}), "logit_bias.1"),
    (oai.ChatCompletionCreateParams, _request(metadata={"k": 1}), "metadata.k"),
    (
        oai.ChatCompletionCreateParams,
        _user({"type": "image_url"}),
        "messages[1].content[0].image_url",
    ),
    (
        oai.ChatCompletionCreateParams,
        _user({"type": "text", "text": "a"}, {"type": "image_url", "image_url": {"detail": "low"}}),
        "messages[1].content[1].image_url.url",
    ),
    (oai.ChatCompletionCreateParams, _user({"type": "text"}), "messages[1].content[0].text"),
    (
        oai.ChatCompletionCreateParams,
        _user({"type": "text", "text": 5}),
        "messages[1].content[0].text",
    ),
    (
        oai.ChatCompletionCreateParams,
        _user({"type": "input_audio", "input_audio": {"data": "x"}}),
        "messages[1].content[0].input_audio.format",
    ),
    (oai.ChatCompletionCreateParams, _user({"type": "file"}), "messages[1].content[0].file"),
    (oai.ChatCompletionCreateParams, _user({"text": "no type"}), "messages[1].content[0].type"),
    (
        oai.ChatCompletionCreateParams,
        _user({"type": "refusal", "refusal": "user parts cannot be refusals"}),
        "messages[1].content[0]",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(
            messages=[
                {"role": "system", "content": [{"type": "image_url", "image_url": {"url": "u"}}]}
            ]
        ),
        "messages[0].content[0].type",
    ),
    (oai.ChatCompletionCreateParams, _request(messages=[{"role": "user"}]), "messages[0].content"),
    (oai.ChatCompletionCreateParams, _request(messages=[{"content": "x"}]), "messages[0].role"),
    (
        oai.ChatCompletionCreateParams,
        _request(messages=[{"role": 3, "content": "x"}]),
        "messages[0].role",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(messages=[{"role": "tool", "content": "x"}]),
        "messages[0].tool_call_id",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(messages=[{"role": "function", "content": "x"}]),
        "messages[0].name",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(
            messages=[
                {
                    "role": "assistant",
                    "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f"}}],
                }
            ]
        ),
        "messages[0].tool_calls[0].function.arguments",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(messages=[{"role": "assistant", "content": None, "audio": {}}]),
        "messages[0].audio.id",
    ),
    (oai.ChatCompletionCreateParams, _request(tools=[{"type": "function"}]), "tools[0].function"),
    (
        oai.ChatCompletionCreateParams,
        _request(tools=[{"type": "function", "function": {"name": "f", "parameters": []}}]),
        "tools[0].function.parameters",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(
            tools=[{"type": "custom", "custom": {"name": "c", "format": {"type": "grammar"}}}]
        ),
        "tools[0].custom.format.grammar",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(tools=[{"name": "cursor_tool"}]),
        "tools[0].input_schema",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(tools=[{"name": "t", "input_schema": "{}"}]),
        "tools[0].input_schema",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(tool_choice={"type": "function", "function": {}}),
        "tool_choice.function.name",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(tool_choice={"type": "allowed_tools", "allowed_tools": {"mode": "auto"}}),
        "tool_choice.allowed_tools.tools",
    ),
    (oai.ChatCompletionCreateParams, _request(tool_choice=3), "tool_choice"),
    (
        oai.ChatCompletionCreateParams,
        _request(response_format={"type": "json_schema"}),
        "response_format.json_schema",
    ),
    (oai.ChatCompletionCreateParams, _request(audio={"format": "wav"}), "audio.voice"),
    (oai.ChatCompletionCreateParams, _request(moderation={"policy": {}}), "moderation.model"),
    (
        oai.ChatCompletionCreateParams,
        _request(web_search_options={"user_location": {"type": "approximate"}}),
        "web_search_options.user_location.approximate",
    ),
    (
        oai.ChatCompletionCreateParams,
        _request(functions=[{"description": "d"}]),
        "functions[0].name",
    ),
    (oai.ChatCompletion, {**FULL_RESPONSE, "created": "now"}, "created"),
    (oai.ChatCompletion, {**FULL_RESPONSE, "object": "chat.completion.chunk"}, "object"),
    (
        oai.ChatCompletion,
        {**FULL_RESPONSE, "choices": [{"index": 0, "finish_reason": "stop"}]},
        "choices[0].message",
    ),
    (
        oai.ChatCompletion,
        {
            **FULL_RESPONSE,
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "tool_calls": [{"id": "t", "type": "function"}],
                    },
                    "finish_reason": None,
                }
            ],
        },
        "choices[0].message.tool_calls[0].function",
    ),
    (
        oai.ChatCompletion,
        {**FULL_RESPONSE, "usage": {"prompt_tokens": 1, "completion_tokens": 1}},
        "usage.total_tokens",
    ),
    (
        oai.ChatCompletion,
        {
            **FULL_RESPONSE,
            "moderation": {
                "input": {"type": "error", "message": "m"},
                "output": MODERATION["output"],
            },
        },
        "moderation.input.code",
    ),
    (
        oai.ChatCompletionChunk,
        {**CHUNK_BASE, "choices": [{"index": 0, "delta": {"tool_calls": [{"index": "0"}]}}]},
        "choices[0].delta.tool_calls[0].index",
    ),
    (oai.ChatCompletionChunk, {**CHUNK_BASE, "choices": [{"delta": {}}]}, "choices[0].index"),
    (oai.ErrorResponse, {"error": {"type": "server_error"}}, "error.message"),
    (oai.ErrorResponse, {"error": {"message": "m", "code": 1.5}}, "error.code"),
    (
        oai.ModelList,
        {"object": "list", "data": [{"id": "m", "object": "model", "owned_by": "o"}]},
        "data[0].created",
    ),
]


@pytest.mark.parametrize(("cls", "payload", "path"), INVALID, ids=[p for _, _, p in INVALID])
def test_invalid_input_names_the_json_path(cls: type[WireModel], payload: Json, path: str) -> None:
    """Invalid payloads raise InvalidInputError whose path points at the offending value."""
    with pytest.raises(InvalidInputError) as info:
        cls.model_validate(payload)
    assert info.value.path == path
    with pytest.raises(InvalidInputError) as from_json:
        cls.model_validate_json(json.dumps(payload))
    assert from_json.value.path == path


# A sibling of a key that is named like its part's tag ("text" in a text part, "function" in a
# function tool call): pydantic's loc has the tag label, which equals that key, right before the
# real field; the path must not follow it into the key.
TAG_NAMED_SIBLINGS: list[tuple[Json, str]] = [
    (
        _user({"type": "text", "text": "t", "prompt_cache_breakpoint": {"ttl": "30m"}}),
        "messages[1].content[0].prompt_cache_breakpoint.mode",
    ),
    (
        _request(
            messages=[
                {
                    "role": "assistant",
                    "tool_calls": [{"type": "custom", "custom": {"name": "f", "input": ""}}],
                }
            ]
        ),
        "messages[0].tool_calls[0].id",
    ),
    (
        _request(
            messages=[
                {
                    "role": "assistant",
                    "tool_calls": [
                        {"type": "function", "function": {"name": "f", "arguments": ""}}
                    ],
                }
            ]
        ),
        "messages[0].tool_calls[0].id",
    ),
]


@pytest.mark.parametrize(
    ("payload", "path"), TAG_NAMED_SIBLINGS, ids=["text-part", "custom-call", "function-call"]
)
def test_invalid_sibling_of_a_tag_named_key_names_the_json_path(payload: Json, path: str) -> None:
    """An error next to a key named like the tag (text, function, custom) still gets its own path."""
    with pytest.raises(InvalidInputError) as info:
        oai.ChatCompletionCreateParams.model_validate(payload)
    assert info.value.path == path


def test_invalid_input_does_not_echo_the_request() -> None:
    """Error text names the path but never repeats request content (it may be logged)."""
    secret = "my-secret-prompt"
    body = _user({"type": "text", "text": 5, "secret": secret})
    with pytest.raises(InvalidInputError) as info:
        oai.ChatCompletionCreateParams.model_validate(body)
    assert secret not in str(info.value)


# -- recorded payloads ---------------------------------------------------------------------------

REQUEST_FILES = payload_files("openai", "requests")
RESPONSE_FILES = payload_files("openai", "responses")
STREAM_FILES = payload_files("openai", "streams")


def test_corpus_is_present_and_not_empty() -> None:
    """The shared corpus has OpenAI requests, responses and streams (or the run says why not)."""
    if corpus_dir() is None:
        pytest.skip(CORPUS_MISSING)
    for kind in ("requests", "responses", "streams"):
        assert corpus_files("openai", kind), f"no openai {kind} in the corpus"


@pytest.mark.parametrize("path", REQUEST_FILES, ids=_ids(REQUEST_FILES))
def test_recorded_request_round_trips(path: Path) -> None:
    """Every recorded Chat Completions request parses and dumps unchanged, except those recorded
    to get a 400, which are refused at the path of their first problem."""
    body = json.loads(path.read_bytes())
    if path.name in REFUSED_REQUESTS:
        with pytest.raises(InvalidInputError) as info:
            oai.ChatCompletionCreateParams.model_validate(body)
        assert info.value.path == REFUSED_REQUESTS[path.name]
        return
    assert_round_trip(oai.ChatCompletionCreateParams, body)


@pytest.mark.parametrize("path", RESPONSE_FILES, ids=_ids(RESPONSE_FILES))
def test_recorded_response_round_trips(path: Path) -> None:
    """Every recorded response, error body and model list parses and dumps unchanged."""
    body = json.loads(path.read_bytes())
    if "error" in body:
        assert_round_trip(oai.ErrorResponse, body)
    elif body.get("object") == "list":
        assert_round_trip(oai.ModelList, body)
    else:
        assert_round_trip(oai.ChatCompletion, body)


@pytest.mark.parametrize("path", STREAM_FILES, ids=_ids(STREAM_FILES))
def test_recorded_stream_events_round_trip(path: Path) -> None:
    """Every data event of every recorded stream parses with parse_stream_event and dumps unchanged."""
    events = [data for data in sse_data(path) if data != "[DONE]"]
    assert events, "a stream without events"
    for data in events:
        payload = json.loads(data)
        for raw in (data, data.encode()):
            parsed = oai.parse_stream_event(raw)
            expected = oai.ErrorResponse if "error" in payload else oai.ChatCompletionChunk
            assert type(parsed) is expected
            assert parsed.to_dict() == payload
            assert json.loads(parsed.to_json()) == payload


# -- completeness against the openai SDK ---------------------------------------------------------


# SDK types of openai.types.chat that are not Chat Completions wire bodies (other endpoints, or
# client-side helpers), so they have no counterpart here.
NOT_WIRE = {
    "ChatCompletionDeleted",  # DELETE /chat/completions/{id}
    "ChatCompletionStoreMessage",  # GET /chat/completions/{id}/messages
    "CompletionListParams",  # GET /chat/completions (stored completions)
    "CompletionUpdateParams",  # POST /chat/completions/{id} (metadata update)
    "ParsedChatCompletionMessage",  # .parse() helpers: pydantic-parsed content, not wire data
    "ParsedChoice",
    "ParsedChatCompletion",
    "ParsedFunction",
    "ParsedFunctionToolCall",
}


# The SDK lists model names for ``model``; any string is a model name on the wire.
LITERAL_EXEMPT = {(oai.ChatCompletionCreateParams, "model")}


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, BaseModel)


def _hints(cls: Any) -> dict[str, Any]:
    """Wire key -> annotation, for a TypedDict or a pydantic model (aliases are wire keys)."""
    if _is_model(cls):
        return {field.alias or name: field.annotation for name, field in cls.model_fields.items()}
    hints: dict[str, Any] = typing.get_type_hints(cls, include_extras=True)
    return hints


def _required(cls: Any) -> set[str]:
    if _is_model(cls):
        return {
            field.alias or name for name, field in cls.model_fields.items() if field.is_required()
        }
    # Both sides mark every required TypedDict key with Required[...]; ``__required_keys__`` cannot
    # be used because the SDK's string annotations hide Required from it.
    return {key for key, hint in _hints(cls).items() if get_origin(hint) is Required}


def _literals(tp: Any) -> set[str]:
    """String literal values in an annotation, without descending into nested object types."""
    if get_origin(tp) is typing.Literal:
        return {arg for arg in get_args(tp) if isinstance(arg, str)}
    if is_typeddict(tp) or _is_model(tp):
        return set()
    found: set[str] = set()
    for arg in get_args(tp):
        found |= _literals(arg)
    return found


def _name(cls: Any) -> str:
    return str(getattr(cls, "__name__", cls))
