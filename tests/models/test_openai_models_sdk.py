"""The OpenAI models against the official SDK's types: every type, key and enum value."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

import importlib
import inspect
import pkgutil
from typing import Any

import openai.types.chat as sdk_chat
import openai.types.chat.chat_completion as sdk_cc
import openai.types.chat.chat_completion_assistant_message_param as sdk_assistant
import openai.types.chat.chat_completion_audio_param as sdk_audio
import openai.types.chat.chat_completion_chunk as sdk_chunk
import openai.types.chat.chat_completion_content_part_image as sdk_image
import openai.types.chat.chat_completion_content_part_image_param as sdk_image_param
import openai.types.chat.chat_completion_content_part_input_audio_param as sdk_audio_part
import openai.types.chat.chat_completion_content_part_param as sdk_part
import openai.types.chat.chat_completion_content_part_text as sdk_text
import openai.types.chat.chat_completion_content_part_text_param as sdk_text_param
import openai.types.chat.chat_completion_custom_tool_param as sdk_custom_tool
import openai.types.chat.chat_completion_message as sdk_message
import openai.types.chat.chat_completion_message_custom_tool_call as sdk_custom_call
import openai.types.chat.chat_completion_message_custom_tool_call_param as sdk_custom_call_param
import openai.types.chat.chat_completion_message_function_tool_call as sdk_function_call
import openai.types.chat.chat_completion_message_function_tool_call_param as sdk_function_call_param
import openai.types.chat.chat_completion_named_tool_choice_custom_param as sdk_named_custom
import openai.types.chat.chat_completion_named_tool_choice_param as sdk_named
import openai.types.chat.chat_completion_token_logprob as sdk_logprob
import openai.types.chat.completion_create_params as sdk_params
import openai.types.completion_usage as sdk_usage
import openai.types.shared.error_object as sdk_error
import openai.types.shared_params.custom_tool_input_format as sdk_tool_format
import openai.types.shared_params.function_definition as sdk_function_definition
import openai.types.shared_params.response_format_json_object as sdk_rf_object
import openai.types.shared_params.response_format_json_schema as sdk_rf_schema
import openai.types.shared_params.response_format_text as sdk_rf_text
import pytest
from anthropic.types import ToolParam as AnthropicToolParam
from openai.pagination import SyncPage
from openai.types import Model as SDKModel
from openai.types.responses import CustomToolParam as ResponsesCustomToolParam
from openai.types.responses import FunctionToolParam as ResponsesFunctionToolParam
from typing_extensions import is_typeddict

from ruapi_convert.models import openai as oai

from .test_openai_models import (
    LITERAL_EXEMPT,
    NOT_WIRE,
    _hints,
    _is_model,
    _literals,
    _name,
    _required,
)

pytestmark = pytest.mark.oracle


# Ours -> the SDK types with the same wire shape. Response-side SDK models that mirror request-side
# shapes (stored messages) are listed against the same class of ours.
SDK_MAP: dict[Any, tuple[Any, ...]] = {
    # request: content parts
    oai.PromptCacheBreakpointParam: (
        sdk_text_param.PromptCacheBreakpoint,
        sdk_image_param.PromptCacheBreakpoint,
        sdk_audio_part.PromptCacheBreakpoint,
        sdk_part.FilePromptCacheBreakpoint,
        sdk_text.PromptCacheBreakpoint,
        sdk_image.PromptCacheBreakpoint,
    ),
    oai.ChatCompletionContentPartTextParam: (
        sdk_chat.ChatCompletionContentPartTextParam,
        sdk_chat.ChatCompletionContentPartText,
    ),
    oai.ImageURLParam: (sdk_image_param.ImageURL, sdk_image.ImageURL),
    oai.ChatCompletionContentPartImageParam: (
        sdk_chat.ChatCompletionContentPartImageParam,
        sdk_chat.ChatCompletionContentPartImage,
    ),
    oai.InputAudioParam: (sdk_audio_part.InputAudio,),
    oai.ChatCompletionContentPartInputAudioParam: (
        sdk_chat.ChatCompletionContentPartInputAudioParam,
    ),
    oai.FileFileParam: (sdk_part.FileFile,),
    oai.ChatCompletionContentPartFileParam: (sdk_part.File,),
    oai.ChatCompletionContentPartRefusalParam: (sdk_chat.ChatCompletionContentPartRefusalParam,),
    # request: tool calls and messages
    oai.ToolCallFunctionParam: (sdk_function_call_param.Function,),
    oai.ChatCompletionMessageFunctionToolCallParam: (
        sdk_chat.ChatCompletionMessageFunctionToolCallParam,
    ),
    oai.ToolCallCustomParam: (sdk_custom_call_param.Custom,),
    oai.ChatCompletionMessageCustomToolCallParam: (
        sdk_chat.ChatCompletionMessageCustomToolCallParam,
    ),
    oai.ChatCompletionDeveloperMessageParam: (sdk_chat.ChatCompletionDeveloperMessageParam,),
    oai.ChatCompletionSystemMessageParam: (sdk_chat.ChatCompletionSystemMessageParam,),
    oai.ChatCompletionUserMessageParam: (sdk_chat.ChatCompletionUserMessageParam,),
    oai.FunctionCallParam: (sdk_assistant.FunctionCall,),
    oai.AssistantAudioParam: (sdk_assistant.Audio,),
    oai.ChatCompletionAssistantMessageParam: (sdk_chat.ChatCompletionAssistantMessageParam,),
    oai.ChatCompletionToolMessageParam: (sdk_chat.ChatCompletionToolMessageParam,),
    oai.ChatCompletionFunctionMessageParam: (sdk_chat.ChatCompletionFunctionMessageParam,),
    # request: tools and tool_choice
    oai.FunctionDefinition: (sdk_function_definition.FunctionDefinition,),
    oai.ChatCompletionFunctionToolParam: (
        sdk_chat.ChatCompletionFunctionToolParam,
        sdk_chat.ChatCompletionFunctionTool,
    ),
    oai.CustomFormatTextParam: (sdk_custom_tool.CustomFormatText, sdk_tool_format.Text),
    oai.CustomFormatGrammarGrammarParam: (sdk_custom_tool.CustomFormatGrammarGrammar,),
    oai.CustomFormatGrammarParam: (sdk_custom_tool.CustomFormatGrammar,),
    oai.CustomToolInputFormatGrammarParam: (sdk_tool_format.Grammar,),
    oai.CustomToolDefinition: (sdk_custom_tool.Custom,),
    oai.ChatCompletionCustomToolParam: (sdk_chat.ChatCompletionCustomToolParam,),
    oai.NamedToolChoiceFunctionParam: (sdk_named.Function,),
    oai.ChatCompletionNamedToolChoiceParam: (sdk_chat.ChatCompletionNamedToolChoiceParam,),
    oai.NamedToolChoiceCustomParam: (sdk_named_custom.Custom,),
    oai.ChatCompletionNamedToolChoiceCustomParam: (
        sdk_chat.ChatCompletionNamedToolChoiceCustomParam,
    ),
    oai.ChatCompletionAllowedToolsParam: (sdk_chat.ChatCompletionAllowedToolsParam,),
    oai.ChatCompletionAllowedToolChoiceParam: (sdk_chat.ChatCompletionAllowedToolChoiceParam,),
    oai.DeprecatedFunctionParam: (sdk_params.Function,),
    oai.ChatCompletionFunctionCallOptionParam: (sdk_chat.ChatCompletionFunctionCallOptionParam,),
    # request: options and the body
    oai.ResponseFormatTextParam: (sdk_rf_text.ResponseFormatText,),
    oai.JSONSchemaParam: (sdk_rf_schema.JSONSchema,),
    oai.ResponseFormatJSONSchemaParam: (sdk_rf_schema.ResponseFormatJSONSchema,),
    oai.ResponseFormatJSONObjectParam: (sdk_rf_object.ResponseFormatJSONObject,),
    oai.ChatCompletionStreamOptionsParam: (sdk_chat.ChatCompletionStreamOptionsParam,),
    oai.VoiceIDParam: (sdk_audio.VoiceID,),
    oai.ChatCompletionAudioParam: (sdk_chat.ChatCompletionAudioParam,),
    oai.ChatCompletionPredictionContentParam: (sdk_chat.ChatCompletionPredictionContentParam,),
    oai.WebSearchOptionsUserLocationApproximateParam: (
        sdk_params.WebSearchOptionsUserLocationApproximate,
    ),
    oai.WebSearchOptionsUserLocationParam: (sdk_params.WebSearchOptionsUserLocation,),
    oai.WebSearchOptionsParam: (sdk_params.WebSearchOptions,),
    oai.PromptCacheOptionsParam: (sdk_params.PromptCacheOptions,),
    oai.ModerationPolicyModeParam: (
        sdk_params.ModerationPolicyInput,
        sdk_params.ModerationPolicyOutput,
    ),
    oai.ModerationPolicyParam: (sdk_params.ModerationPolicy,),
    oai.ModerationParam: (sdk_params.Moderation,),
    oai.ChatCompletionCreateParams: (
        sdk_params.CompletionCreateParamsBase,
        sdk_params.CompletionCreateParamsNonStreaming,
        sdk_params.CompletionCreateParamsStreaming,
    ),
    # response
    oai.ToolCallFunction: (sdk_function_call.Function,),
    oai.ChatCompletionMessageFunctionToolCall: (sdk_chat.ChatCompletionMessageFunctionToolCall,),
    oai.ToolCallCustom: (sdk_custom_call.Custom,),
    oai.ChatCompletionMessageCustomToolCall: (sdk_chat.ChatCompletionMessageCustomToolCall,),
    oai.AnnotationURLCitation: (sdk_message.AnnotationURLCitation,),
    oai.Annotation: (sdk_message.Annotation,),
    oai.ChatCompletionAudio: (sdk_chat.ChatCompletionAudio,),
    oai.FunctionCall: (sdk_message.FunctionCall,),
    oai.ChatCompletionMessage: (sdk_chat.ChatCompletionMessage,),
    oai.TopLogprob: (sdk_logprob.TopLogprob,),
    oai.ChatCompletionTokenLogprob: (sdk_chat.ChatCompletionTokenLogprob,),
    oai.ChoiceLogprobs: (sdk_cc.ChoiceLogprobs, sdk_chunk.ChoiceLogprobs),
    oai.PromptTokensDetails: (sdk_usage.PromptTokensDetails,),
    oai.CompletionTokensDetails: (sdk_usage.CompletionTokensDetails,),
    oai.CompletionUsage: (sdk_usage.CompletionUsage,),
    oai.ModerationResult: (
        sdk_cc.ModerationInputModerationResultsResult,
        sdk_cc.ModerationOutputModerationResultsResult,
        sdk_chunk.ModerationInputModerationResultsResult,
        sdk_chunk.ModerationOutputModerationResultsResult,
    ),
    oai.ModerationResults: (
        sdk_cc.ModerationInputModerationResults,
        sdk_cc.ModerationOutputModerationResults,
        sdk_chunk.ModerationInputModerationResults,
        sdk_chunk.ModerationOutputModerationResults,
    ),
    oai.ModerationError: (
        sdk_cc.ModerationInputError,
        sdk_cc.ModerationOutputError,
        sdk_chunk.ModerationInputError,
        sdk_chunk.ModerationOutputError,
    ),
    oai.Moderation: (sdk_cc.Moderation, sdk_chunk.Moderation),
    oai.Choice: (sdk_cc.Choice,),
    oai.ChatCompletion: (sdk_chat.ChatCompletion,),
    oai.MisalignmentSteer: (sdk_error.MisalignmentSteer,),
    oai.Misalignment: (sdk_error.Misalignment,),
    oai.ErrorObject: (sdk_error.ErrorObject,),
    oai.Model: (SDKModel,),
    oai.ModelList: (SyncPage[SDKModel],),
    # stream
    oai.ChoiceDeltaAudio: (sdk_chunk.ChoiceDeltaAudio,),
    oai.ChoiceDeltaFunctionCall: (sdk_chunk.ChoiceDeltaFunctionCall,),
    oai.ChoiceDeltaToolCallFunction: (sdk_chunk.ChoiceDeltaToolCallFunction,),
    oai.ChoiceDeltaToolCall: (sdk_chunk.ChoiceDeltaToolCall,),
    oai.ChoiceDelta: (sdk_chunk.ChoiceDelta,),
    oai.ChunkChoice: (sdk_chunk.Choice,),
    oai.ChatCompletionChunk: (sdk_chat.ChatCompletionChunk,),
}


# Lenient shapes that are not OpenAI Chat Completions types: ours declares what converters read;
# everything else the vendor defines is kept as extra keys.
LENIENT_MAP: dict[Any, Any] = {
    oai.AnthropicStyleToolParam: AnthropicToolParam,
    oai.ResponsesStyleFunctionToolParam: ResponsesFunctionToolParam,
    oai.ResponsesStyleCustomToolParam: ResponsesCustomToolParam,
}


MAP_ITEMS = list(SDK_MAP.items())


@pytest.mark.parametrize(("ours", "theirs"), MAP_ITEMS, ids=[_name(o) for o, _ in MAP_ITEMS])
def test_declares_every_sdk_key(ours: Any, theirs: tuple[Any, ...]) -> None:
    """Our type declares exactly the keys the SDK knows for the same wire object."""
    sdk_keys = set().union(*(_hints(t) for t in theirs))
    assert set(_hints(ours)) == sdk_keys


@pytest.mark.parametrize(("ours", "theirs"), MAP_ITEMS, ids=[_name(o) for o, _ in MAP_ITEMS])
def test_never_requires_what_the_sdk_leaves_optional(ours: Any, theirs: tuple[Any, ...]) -> None:
    """Every key we require is required by every SDK type of the same object (we are never stricter)."""
    sdk_required = set.intersection(*(_required(t) for t in theirs))
    assert _required(ours) <= sdk_required


@pytest.mark.parametrize(("ours", "theirs"), MAP_ITEMS, ids=[_name(o) for o, _ in MAP_ITEMS])
def test_knows_every_sdk_enum_value(ours: Any, theirs: tuple[Any, ...]) -> None:
    """Every literal value the SDK allows for a key (roles, finish reasons, tiers, …) is listed here."""
    our_hints = _hints(ours)
    for sdk_type in theirs:
        for key, hint in _hints(sdk_type).items():
            if (ours, key) in LITERAL_EXEMPT:
                continue
            missing = _literals(hint) - _literals(our_hints[key])
            assert not missing, f"{_name(ours)}.{key} lacks {sorted(missing)}"


@pytest.mark.parametrize(
    ("ours", "theirs"), list(LENIENT_MAP.items()), ids=[_name(o) for o in LENIENT_MAP]
)
def test_lenient_shapes_declare_only_vendor_keys(ours: Any, theirs: Any) -> None:
    """Cursor's flat tool shapes declare only keys their vendor defines, with the vendor's enum values."""
    our_hints, vendor_hints = _hints(ours), _hints(theirs)
    assert set(our_hints) <= set(vendor_hints)
    for key, hint in our_hints.items():
        assert _literals(hint) <= _literals(vendor_hints[key])


def test_every_sdk_chat_type_is_mapped() -> None:
    """Every TypedDict and model in openai.types.chat is covered above or listed as not wire data."""
    mapped = {sdk for group in SDK_MAP.values() for sdk in group}
    unmapped = []
    for info in pkgutil.iter_modules(sdk_chat.__path__):
        if info.ispkg:
            continue
        module = importlib.import_module(f"{sdk_chat.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if not inspect.isclass(obj) or obj.__module__ != module.__name__:
                continue
            if (is_typeddict(obj) or _is_model(obj)) and obj not in mapped and name not in NOT_WIRE:
                unmapped.append(f"{info.name}.{name}")
    assert unmapped == []


def test_public_names_are_exported() -> None:
    """__all__ lists every public class and alias of the package, and each name resolves."""
    for name in oai.__all__:
        assert hasattr(oai, name), name
    assert len(set(oai.__all__)) == len(oai.__all__)
    for ours in [*SDK_MAP, *LENIENT_MAP]:
        assert _name(ours) in oai.__all__
    for module_name in ("_messages", "_tools", "_request", "_response", "_stream"):
        module = importlib.import_module(f"{oai.__name__}.{module_name}")
        assert set(module.__all__) <= set(oai.__all__), module_name
