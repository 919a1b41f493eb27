"""Recorded Responses API payloads round-trip through the models, and the official SDK agrees.

The fixtures are ``fixtures/payloads/responses/{requests,responses,streams,errors}`` (sources in
``fixtures/payloads/SOURCES.md``). The tests marked ``oracle`` use the ``openai`` SDK (3.57.0) as an
oracle: its event classes, its types' keys, its validation of every fixture and its stream
accumulator.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
import types
import typing
from pathlib import Path
from typing import Any, get_args, get_origin

import pydantic
import pytest
from typing_extensions import is_typeddict

from ruapi_convert.models import openai as oai
from ruapi_convert.models import responses as rm
from ruapi_convert.sse import SSEDecoder

if typing.TYPE_CHECKING:
    from ruapi_convert.models._base import WireModel

Json = dict[str, Any]

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "payloads" / "responses"
REQUESTS = sorted((FIXTURES / "requests").glob("*.json"))
RESPONSES = sorted((FIXTURES / "responses").glob("*.json"))
ERRORS = sorted((FIXTURES / "errors").glob("*.json"))
STREAMS = sorted((FIXTURES / "streams").glob("*.sse"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def load(path: Path) -> Json:
    """The JSON value of a fixture file."""
    data: Json = json.loads(path.read_bytes())
    return data


def request_model(path: Path) -> type[WireModel]:
    """The envelope class of a request fixture (``input_tokens_*`` count input tokens)."""
    return (
        rm.InputTokenCountParams
        if path.name.startswith("input_tokens")
        else rm.ResponseCreateParams
    )


def response_model(path: Path) -> type[WireModel]:
    """The envelope class of a response fixture."""
    return rm.InputTokenCountResponse if path.name.startswith("input_tokens") else rm.Response


def stream_events(path: Path) -> list[tuple[str | None, Json]]:
    """``(SSE event name, data)`` of every event of a stream file."""
    decoder = SSEDecoder()
    events = decoder.feed(path.read_bytes()) + decoder.close()
    return [(event.event, event.json()) for event in events]


def assert_round_trip(model: type[WireModel], payload: Json) -> WireModel:
    """Parse ``payload`` and check both wire forms give it back exactly."""
    parsed = model.model_validate(payload)
    assert parsed.to_dict() == payload
    assert json.loads(parsed.to_json()) == payload
    assert model.parse_wire(payload) == payload
    return parsed


# -- round trips ---------------------------------------------------------------------------------


def test_there_are_fixtures_of_every_kind() -> None:
    """The repository holds Responses requests, replies, streams and error bodies."""
    assert len(REQUESTS) >= 5
    assert len(RESPONSES) >= 3
    assert len(STREAMS) >= 5
    assert len(ERRORS) >= 2


@pytest.mark.parametrize("path", REQUESTS, ids=_ids(REQUESTS))
def test_fixture_requests_round_trip(path: Path) -> None:
    """Every request fixture parses and dumps back to exactly the same JSON value."""
    assert_round_trip(request_model(path), load(path))


@pytest.mark.parametrize("path", RESPONSES, ids=_ids(RESPONSES))
def test_fixture_responses_round_trip(path: Path) -> None:
    """Every reply fixture parses and dumps back exactly."""
    assert_round_trip(response_model(path), load(path))


@pytest.mark.parametrize("path", ERRORS, ids=_ids(ERRORS))
def test_fixture_errors_round_trip(path: Path) -> None:
    """Every HTTP error body parses as ``ErrorResponse`` and dumps back exactly."""
    assert_round_trip(rm.ErrorResponse, load(path))


@pytest.mark.parametrize("path", STREAMS, ids=_ids(STREAMS))
def test_fixture_stream_events_round_trip(path: Path) -> None:
    """Every event of every stream parses into a known class, named as its SSE frame names it."""
    events = stream_events(path)
    assert events
    for name, data in events:
        event = rm.parse_stream_event(data)
        assert not isinstance(event, rm.UnknownEvent), data["type"]
        assert event.to_dict() == data
        assert rm.stream_event_wire(data) == data
        assert name == data["type"] == event.sse_event_name()


@pytest.mark.parametrize("path", STREAMS, ids=_ids(STREAMS))
def test_fixture_streams_keep_the_stream_invariants(path: Path) -> None:
    """Fixture streams start with ``response.created``, number events from 0, keep one response id
    and add every item before its deltas (the invariants of the spec, section A.6)."""
    datas = [data for _, data in stream_events(path)]
    assert datas[0]["type"] == "response.created"
    numbers = [d["sequence_number"] for d in datas]
    assert numbers == sorted(numbers)
    assert numbers[0] in (0, 1)  # aibridge's recording starts at 0 too; the spec says from 0
    assert len({d["response"]["id"] for d in datas if "response" in d}) == 1
    added: set[int] = set()
    for data in datas:
        if data["type"] == "response.output_item.added":
            added.add(data["output_index"])
        elif "output_index" in data:
            assert data["output_index"] in added, data


# -- the SDK as an oracle ------------------------------------------------------------------------

#: Fixtures the SDK's types reject, with a fragment of the SDK's error and why the file is kept.
SDK_MISMATCHES: dict[str, tuple[str, str]] = {
    "codex_shaped_reasoning_replay_custom_tool.json": (
        "input",
        "Codex replays assistant output_text without annotations, reasoning without id, and "
        "images without detail; the SDK's request types require them",
    ),
    "easy_message_without_type_function_tool.json": (
        "strict",
        "a real request whose function tool leaves out strict, which the request type requires",
    ),
    "function_call_billing_completed_at.json": (
        "cache_write_tokens",
        "recorded before usage had cache_write_tokens, which 3.57.0 requires",
    ),
    "text_logprobs_empty_openai_python.json": ("cache_write_tokens", "as above"),
    "error_event_nested_then_failed.sse": (
        "message",
        "OpenAI sends the error event nested ({error: {...}}) and an error code the SDK's "
        "Literal lacks (insufficient_quota)",
    ),
    "reasoning_summary_encrypted_then_function_call.sse": ("cache_write_tokens", "as above"),
    "text_deltas_alphabetical_keys.sse": ("cache_write_tokens", "as above"),
    "web_search_calls_url_citations.sse": (
        "action",
        "web_search_call.added items carry no action yet, which the SDK requires",
    ),
}


def _sdk() -> Any:
    """The SDK's Responses types, or skip."""
    return pytest.importorskip("openai.types.responses")


@functools.cache
def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    # Cached, and so kept alive: the SDK's ``Iterable`` fields validate lazily, and an iterator
    # that outlives its TypeAdapter crashes pydantic-core (seen with pydantic-core 2.41).
    return pydantic.TypeAdapter(tp)


def _materialise(value: Any) -> Any:
    """Walk a validated SDK request: its ``Iterable`` fields validate lazily, item by item."""
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return value
    return [_materialise(v) for v in value]


def _event_classes(sdk: Any) -> dict[str, Any]:
    """The SDK's event class of each ``type``."""
    from openai.types.responses.response_stream_event import ResponseStreamEvent

    members = get_args(get_args(ResponseStreamEvent)[0])
    return {get_args(m.model_fields["type"].annotation)[0]: m for m in members}


def sdk_validate(path: Path) -> None:
    """Validate one fixture file with the SDK's own types (raises on a mismatch)."""
    sdk = _sdk()
    from openai.types.responses import input_token_count_params, response_create_params
    from openai.types.shared import ErrorObject

    if path.suffix == ".sse":
        classes = _event_classes(sdk)
        for _, data in stream_events(path):
            classes[data["type"]].model_validate(data)
        return
    data = load(path)
    kind = path.parent.name
    if kind == "requests":
        tp = (
            input_token_count_params.InputTokenCountParams
            if path.name.startswith("input_tokens")
            else response_create_params.ResponseCreateParamsBase
        )
        _materialise(_adapter(tp).validate_python(data, strict=True))
    elif kind == "responses":
        model = (
            sdk.InputTokenCountResponse if path.name.startswith("input_tokens") else sdk.Response
        )
        model.model_validate(data)
    else:
        ErrorObject.model_validate(data["error"])


ALL_FIXTURES = REQUESTS + RESPONSES + ERRORS + STREAMS


@pytest.mark.oracle
@pytest.mark.parametrize("path", ALL_FIXTURES, ids=_ids(ALL_FIXTURES))
def test_fixtures_validate_in_the_sdk_or_are_known_mismatches(path: Path) -> None:
    """Each fixture validates in the SDK's types, except the listed real-world shapes, which the
    SDK must still reject (so that the list stays true)."""
    if path.name not in SDK_MISMATCHES:
        sdk_validate(path)
        return
    fragment, _why = SDK_MISMATCHES[path.name]
    with pytest.raises(pydantic.ValidationError, match=fragment):
        sdk_validate(path)


@pytest.mark.oracle
@pytest.mark.parametrize("path", STREAMS, ids=_ids(STREAMS))
def test_fixture_streams_accumulate_in_the_sdk(path: Path) -> None:
    """The SDK's own accumulator takes every fixture stream to its end without an error."""
    sdk = _sdk()
    from openai._models import construct_type
    from openai._types import omit
    from openai.lib.streaming.responses._responses import ResponseStreamState
    from openai.types.responses.response_stream_event import ResponseStreamEvent

    state: Any = ResponseStreamState(input_tools=omit, text_format=omit)
    datas = [data for _, data in stream_events(path)]
    for data in datas:
        state.handle_event(construct_type(type_=ResponseStreamEvent, value=data))
    if datas[-1]["type"] == "response.completed":
        final = state._completed_response
        assert isinstance(final, sdk.Response)
        assert final.id == datas[-1]["response"]["id"]


@pytest.mark.oracle
def test_every_sdk_event_has_a_class_here_with_the_same_name_and_tag() -> None:
    """Each event class of the SDK's ``ResponseStreamEvent`` union has a class of ours with the
    same name and ``type`` tag, in our ``ResponseStreamEvent`` union."""
    sdk = _sdk()
    ours = {
        cls.__name__: cls
        for cls in _shapes_flat(rm.ResponseStreamEvent)
        if cls is not rm.UnknownEvent
    }
    theirs = _event_classes(sdk)
    assert len(theirs) == 59
    for tag, cls in theirs.items():
        assert cls.__name__ in ours, cls.__name__
        assert get_args(ours[cls.__name__].model_fields["type"].annotation) == (tag,)
    assert len(ours) == len(theirs)


# -- coverage of the SDK's types -----------------------------------------------------------------
#
# Walks every TypedDict and model reachable from the SDK's request, response, stream and count
# types and checks that the class of ours with the matching name has at least its keys. The SDK
# repeats local helper types under generic names in many modules; the tables say which of ours each
# one is.

#: (SDK module without ``openai.types.`` and ``_param``, SDK class name) -> our class.
BY_MODULE: dict[tuple[str, str], str] = {
    ("responses.response_create_params", "Image"): "ImageOptions",
    ("responses.response", "Image"): "ImageOptions",
    ("responses.response_create_params", "Moderation"): "ModerationParam",
    ("responses.response_create_params", "ModerationPolicy"): "ModerationPolicyParam",
    ("responses.response_create_params", "ModerationPolicyInput"): "ModerationPolicyModeParam",
    ("responses.response_create_params", "ModerationPolicyOutput"): "ModerationPolicyModeParam",
    ("responses.response", "Moderation"): "ResponseModeration",
    ("responses.response", "Conversation"): "ResponseConversationParam",
    ("responses.input_token_count_params", "Text"): "ResponseTextConfig",
    ("responses.response_configuration_update_item", "Text"): "ConfigurationUpdateText",
    ("responses.response_configuration_update_item", "Reasoning"): "ConfigurationUpdateReasoning",
    ("shared.custom_tool_input_format", "Text"): "CustomFormatTextParam",
    ("shared.custom_tool_input_format", "Grammar"): "CustomToolInputFormatGrammarParam",
    ("responses.response_reasoning_item", "Content"): "ReasoningTextContent",
    ("responses.response_reasoning_item", "Summary"): "SummaryTextContent",
    ("responses.response_function_shell_tool_call", "Action"): "ShellCallAction",
    ("responses.response_function_shell_tool_call_output", "Output"): (
        "ResponseFunctionShellCallOutputContent"
    ),
    ("responses.response_shell_call_output_content_done_event", "Output"): (
        "ResponseFunctionShellCallOutputContent"
    ),
    ("responses.response_shell_call_output_content_delta_event", "Delta"): (
        "ShellCallOutputContentDelta"
    ),
    ("responses.response_file_search_tool_call", "Result"): "FileSearchResult",
    ("responses.response_text_delta_event", "Logprob"): "TextLogprob",
    ("responses.response_text_delta_event", "LogprobTopLogprob"): "TextLogprobTopLogprob",
    ("responses.response_text_done_event", "Logprob"): "TextLogprob",
    ("responses.response_text_done_event", "LogprobTopLogprob"): "TextLogprobTopLogprob",
    ("responses.web_search_tool", "Filters"): "WebSearchFilters",
    ("responses.response_input_item", "Message"): "ResponseInputMessageItem",
    ("responses.response_input", "Message"): "ResponseInputMessageItem",
    ("responses.response_error", "Misalignment"): "Misalignment",
    ("responses.response_error", "MisalignmentSteer"): "MisalignmentSteer",
}

#: SDK class names (in any module) -> our class.
BY_NAME: dict[str, str] = {
    "FunctionCallOutput": "ResponseFunctionToolCallOutputItem",
    "ComputerCallOutput": "ResponseComputerToolCallOutputItem",
    "ToolSearchCall": "ResponseToolSearchCall",
    "AdditionalTools": "ResponseAdditionalTools",
    "CompactionTrigger": "ResponseCompactionTrigger",
    "ItemReference": "ResponseItemReference",
    "Program": "ResponseProgram",
    "ProgramOutput": "ResponseProgramOutput",
    "ImageGenerationCall": "ResponseImageGenerationCall",
    "LocalShellCall": "ResponseLocalShellCall",
    "LocalShellCallOutput": "ResponseLocalShellCallOutput",
    "ShellCall": "ResponseFunctionShellToolCall",
    "ShellCallOutput": "ResponseFunctionShellToolCallOutput",
    "ApplyPatchCall": "ResponseApplyPatchToolCall",
    "ApplyPatchCallOutput": "ResponseApplyPatchToolCallOutput",
    "McpListTools": "ResponseMcpListTools",
    "McpApprovalRequest": "ResponseMcpApprovalRequest",
    "McpApprovalResponse": "ResponseMcpApprovalResponse",
    "McpCall": "ResponseMcpCall",
    "HTTPError": "McpHTTPError",
    "Mcp": "McpTool",
    "CodeInterpreter": "CodeInterpreterTool",
    "CodeInterpreterContainerCodeInterpreterToolAuto": "CodeInterpreterContainerAuto",
    "ImageGeneration": "ImageGenerationTool",
    "LocalShell": "LocalShellTool",
    "ProgrammaticToolCalling": "ProgrammaticToolCallingTool",
    "ToolFunction": "NamespaceToolFunction",
    "ToolSearchOutputNamespaceTool": "NamespaceTool",
    "UserLocation": "WebSearchUserLocation",
    "PartReasoningText": "ReasoningTextContent",
    "Part": "SummaryTextContent",
    "AcknowledgedSafetyCheck": "PendingSafetyCheck",
    "ComputerCallOutputAcknowledgedSafetyCheck": "PendingSafetyCheck",
    "ResponseLocalEnvironment": "LocalEnvironment",
    "ResponseContainerReference": "ContainerReference",
    "ResponseCustomToolCallItem": "ResponseCustomToolCall",
    "ResponseFunctionToolCallItem": "ResponseFunctionToolCall",
    "ResponseCustomToolCallOutputItem": "ResponseCustomToolCallOutput",
    "ResponseCreateParamsBase": "ResponseCreateParams",
    "ResponseCreateParamsStreaming": "ResponseCreateParams",
    "ResponseConversationParamParam": "ResponseConversationParam",
    "ToolChoiceSpecificProgrammaticToolCallingParam": "ToolChoiceProgrammaticToolCalling",
    "ToolUsageImageGenInputTokensDetails": "ToolUsageImageGenTokensDetails",
    "ToolUsageImageGenOutputTokensDetails": "ToolUsageImageGenTokensDetails",
    "ModerationInputModerationResult": "ModerationResult",
    "ModerationOutputModerationResult": "ModerationResult",
    "ModerationInputError": "ModerationError",
    "ModerationOutputError": "ModerationError",
    "McpAllowedToolsMcpToolFilter": "McpToolFilter",
    "McpRequireApprovalMcpToolApprovalFilterAlways": "McpToolFilter",
    "McpRequireApprovalMcpToolApprovalFilterNever": "McpToolFilter",
    "McpRequireApprovalMcpToolApprovalFilter": "McpToolApprovalFilter",
}

#: SDK name patterns mapped onto one shared class of ours.
PATTERNS: list[tuple[str, str]] = [
    (r"^\w*CallerDirect$", "CallerDirect"),
    (r"^\w*CallerProgram$", "CallerProgram"),
    (r"^(Output)?OutcomeExit$", "ShellCallOutcomeExit"),
    (r"^(Output)?OutcomeTimeout$", "ShellCallOutcomeTimeout"),
    (
        r"^(Action)?(Click|DoubleClick|Drag|DragPath|Keypress|Move|Screenshot|Scroll|Type|Wait)$",
        r"ComputerAction\2",
    ),
    (r"^(ApplyPatchCall)?Operation(CreateFile|DeleteFile|UpdateFile)$", r"ApplyPatchOperation\2"),
    (r"^Action(Search|OpenPage|Find|SearchSource)$", r"WebSearchAction\1"),
    (r"^Output(Logs|Image)$", r"CodeInterpreterOutput\1"),
    (r"^(ResponseInput(Text|Image|File))Content$", r"\1"),
]


def our_name(tp: Any) -> str | None:
    """The name of our class for an SDK class."""
    name: str = tp.__name__
    module = re.sub(r"(_param)+$", "", tp.__module__.removeprefix("openai.types."))
    module = module.replace("shared_params.", "shared.")
    module = re.sub(r"\.response_(input_item|output_item|item)$", ".response_input", module)
    if (module, name) in BY_MODULE:
        return BY_MODULE[(module, name)]
    stripped = re.sub(r"(Param)+$", "", name)
    candidates = [name, stripped]
    # tool_search_output_item_param prefixes its copies of the tools with "Tool"
    if stripped.startswith("Tool") and not hasattr(rm, stripped):
        candidates.append(stripped[4:])
    for candidate in candidates:
        if candidate in BY_NAME:
            return BY_NAME[candidate]
    for candidate in candidates:
        if hasattr(rm, candidate):
            return candidate
    for candidate in candidates:
        for pattern, target in PATTERNS:
            if re.match(pattern, candidate):
                return re.sub(pattern, target, candidate)
    return None


def _is_shape(tp: Any) -> bool:
    return is_typeddict(tp) or (inspect.isclass(tp) and issubclass(tp, pydantic.BaseModel))


def _keys(cls: Any) -> set[str]:
    if is_typeddict(cls):
        return set(typing.get_type_hints(cls))
    return {field.alias or name for name, field in cls.model_fields.items()}


def _children(cls: Any) -> list[Any]:
    if is_typeddict(cls):
        return list(typing.get_type_hints(cls, include_extras=True).values())
    return [field.annotation for field in cls.model_fields.values()]


def _shapes(root: Any) -> list[Any]:
    """Every TypedDict or model reachable from ``root`` (through unions and containers)."""
    found: dict[str, Any] = {}
    stack = [root]
    while stack:
        tp = stack.pop()
        if _is_shape(tp):
            key = f"{tp.__module__}.{tp.__qualname__}"
            if key not in found:
                found[key] = tp
                stack.extend(_children(tp))
        elif get_origin(tp) is not None or isinstance(tp, types.UnionType):
            stack.extend(a for a in get_args(tp) if not isinstance(a, (str, int, bool)))
    return list(found.values())


@pytest.mark.oracle
def test_every_sdk_shape_has_a_counterpart_with_all_its_keys() -> None:
    """Each SDK request/response/stream/count shape maps to a class of ours with a superset of its
    keys (hundreds of shapes: items, parts, tools, events and their helpers)."""
    sdk = _sdk()
    from openai.types.responses import input_token_count_params, response_create_params
    from openai.types.responses.response_stream_event import ResponseStreamEvent

    roots = [
        response_create_params.ResponseCreateParamsBase,
        response_create_params.ResponseCreateParamsStreaming,
        sdk.Response,
        ResponseStreamEvent,
        input_token_count_params.InputTokenCountParams,
        sdk.InputTokenCountResponse,
    ]
    shapes = {id(s): s for root in roots for s in _shapes(root)}.values()
    missing_class, missing_keys = [], []
    for tp in shapes:
        name = our_name(tp)
        ours = getattr(rm, name, None) if name else None
        if ours is None or not _is_shape(ours):
            missing_class.append(f"{tp.__module__}.{tp.__qualname__}")
            continue
        lacking = _keys(tp) - _keys(ours)
        if lacking:
            missing_keys.append(f"{tp.__module__}.{tp.__qualname__} -> {name}: {sorted(lacking)}")
    assert not missing_class, missing_class
    assert not missing_keys, missing_keys
    assert len(shapes) >= 500


def _tags(union: Any) -> set[str]:
    found: set[str] = set()
    for cls in _shapes_flat(union):
        hint = (
            typing.get_type_hints(cls, include_extras=True).get("type")
            if is_typeddict(cls)
            else cls.model_fields["type"].annotation
            if "type" in getattr(cls, "model_fields", {})
            else None
        )
        stack = [hint]
        while stack:
            current = stack.pop()
            if get_origin(current) is typing.Literal:
                found.update(a for a in get_args(current) if isinstance(a, str))
            elif current is not None and get_origin(current) is not None:
                stack.extend(get_args(current))
    return found


def _shapes_flat(union: Any) -> list[Any]:
    found = []
    stack = [union]
    while stack:
        tp = stack.pop()
        if _is_shape(tp):
            found.append(tp)
        elif get_origin(tp) is not None or isinstance(tp, types.UnionType):
            stack.extend(get_args(tp))
    return found


@pytest.mark.oracle
@pytest.mark.parametrize(
    ("sdk_union", "our_union"),
    [
        ("response_input_item_param.ResponseInputItemParam", rm.ResponseInputItem),
        ("response_output_item.ResponseOutputItem", rm.ResponseOutputItem),
        ("tool_param.ToolParam", rm.Tool),
        ("tool.Tool", rm.Tool),
        ("response_create_params.ToolChoice", rm.ToolChoice),
        ("response_input_content.ResponseInputContent", rm.ResponseInputContent),
        ("response_output_text.Annotation", rm.Annotation),
        ("computer_action.ComputerAction", rm.ComputerAction),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_every_sdk_union_tag_is_known_here(sdk_union: str, our_union: Any) -> None:
    """Each ``type`` tag of the SDK's item, tool, tool-choice, part, annotation and action unions
    is a tag our union dispatches to a known class."""
    import importlib

    _sdk()
    module, name = sdk_union.rsplit(".", 1)
    union = getattr(importlib.import_module(f"openai.types.responses.{module}"), name)
    theirs = _tags(union)
    assert len(theirs) >= 2
    assert theirs <= _tags(our_union) | {"message", "item_reference"}, theirs - _tags(our_union)


def test_error_response_is_shared_with_chat_completions() -> None:
    """The error fixtures are Chat Completions error bodies too."""
    for path in ERRORS:
        assert oai.ErrorResponse.model_validate(load(path)).to_dict() == load(path)
