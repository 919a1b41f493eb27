"""
ruapi_convert.testing._openai
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Strategies for OpenAI Chat Completions request bodies, and the feature flags and pieces (tool
calls, reasoning) that responses share with them (those are in ``_openai_responses``). The public
wrappers, with every flag documented, are in :mod:`ruapi_convert.testing.strategies`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from ._common import (
    AUDIO_WAV_B64,
    IMAGES_B64,
    PDF_B64,
    IdPool,
    ToolSpec,
    file_names,
    fresh,
    ids,
    json_text,
    maybe_null,
    model_names,
    sometimes,
    texts,
    tool_input,
    tool_specs,
    words,
)

__all__ = [
    "MODELS",
    "OpenAIFeatures",
    "reasoning_fields",
    "requests",
    "tool_call",
]

MODELS = ("gpt-5.5", "gpt-5", "gpt-5-mini", "gpt-4.1", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini")


@dataclass(frozen=True)
class OpenAIFeatures:
    """Which parts of the protocol to generate (see the public functions for each flag)."""

    tools: bool = True
    images: bool = True
    documents: bool = True
    audio: bool = True
    reasoning: bool = True
    refusals: bool = True
    citations: bool = True
    structured_outputs: bool = True
    sampling: bool = True
    logprobs: bool = True
    cache_control: bool = True
    mid_system: bool = True
    prefill: bool = True
    multiple_choices: bool = True
    deprecated: bool = True
    protocol_specific: bool = True
    explicit_nulls: bool = True
    lenient: bool = True
    streaming: bool = True
    include_usage: bool | None = None
    max_messages: int = 8
    max_tools: int = 4


# -- request: content parts ----------------------------------------------------------------------


def _cache_breakpoint(draw: st.DrawFn, f: OpenAIFeatures, part: dict[str, Any]) -> dict[str, Any]:
    if sometimes(draw, f.cache_control, one_in=4):
        point: dict[str, Any] = {"mode": "explicit"}
        if draw(st.booleans()):
            point["ttl"] = draw(st.sampled_from(["30m", "12h"]))
        part["prompt_cache_breakpoint"] = point
    return part


def _text_part(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    return _cache_breakpoint(draw, f, {"type": "text", "text": draw(texts(max_size=40))})


def _image_part(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    media_type = draw(st.sampled_from(sorted(IMAGES_B64)))
    if draw(st.booleans()):
        url = f"data:{media_type};base64,{IMAGES_B64[media_type]}"
    else:
        url = f"https://example.com/{draw(words())}.{media_type.split('/')[1]}"
    image: dict[str, Any] = {"url": url}
    if sometimes(draw, f.protocol_specific):
        image["detail"] = draw(st.sampled_from(["auto", "low", "high", "original"]))
    return _cache_breakpoint(draw, f, {"type": "image_url", "image_url": image})


def _file_part(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    file: dict[str, Any]
    if sometimes(draw, f.protocol_specific, one_in=4):
        file = {"file_id": draw(ids("file-"))}
    else:
        file = {"file_data": f"data:application/pdf;base64,{PDF_B64}"}
        if draw(st.booleans()):
            file["filename"] = draw(file_names(".pdf"))
    return _cache_breakpoint(draw, f, {"type": "file", "file": file})


def _audio_part(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    part = {"type": "input_audio", "input_audio": {"data": AUDIO_WAV_B64, "format": "wav"}}
    return _cache_breakpoint(draw, f, part)


def _user_parts(draw: st.DrawFn, f: OpenAIFeatures) -> list[dict[str, Any]]:
    makers = [_text_part]
    makers += [_image_part] if f.images else []
    makers += [_file_part] if f.documents else []
    makers += [_audio_part] if f.audio else []
    count = draw(st.integers(1, 3))
    return [draw(st.sampled_from(makers))(draw, f) for _ in range(count)]


# -- request: messages ---------------------------------------------------------------------------


def _system_message(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    content: Any = draw(texts(max_size=60))
    if draw(st.booleans()):
        content = [_text_part(draw, f) for _ in range(draw(st.integers(1, 2)))]
    msg: dict[str, Any] = {
        "role": draw(st.sampled_from(["system", "developer"])),
        "content": content,
    }
    if sometimes(draw, f.protocol_specific, one_in=5):
        msg["name"] = draw(words())
    return msg


def _user_message(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    content: Any = draw(texts(max_size=60))
    if draw(st.booleans()):
        content = _user_parts(draw, f)
    msg: dict[str, Any] = {"role": "user", "content": content}
    if sometimes(draw, f.protocol_specific, one_in=5):
        msg["name"] = draw(words())
    return msg


def reasoning_fields(draw: st.DrawFn, f: OpenAIFeatures, *, stream: bool) -> dict[str, Any]:
    """Gateway reasoning on an assistant message: ``reasoning_content`` and ``reasoning_details``.

    ``reasoning_details`` entries are signed ``reasoning.text`` and opaque ``reasoning.encrypted``
    items (the form this library gives Anthropic thinking); ``reasoning_content`` is their
    non-empty texts joined by a blank line, as this library writes it (absent when there are none). In streams every entry carries its ``index`` (fragments are merged
    by it); ``protocol_specific`` adds it elsewhere too, and sometimes sends unsigned reasoning.
    """
    details: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 2))):
        if draw(st.integers(0, 3)) == 0:
            details.append({"type": "reasoning.encrypted", "data": draw(ids("", extra="+/="))})
        else:
            details.append(
                {
                    "type": "reasoning.text",
                    "text": draw(st.one_of(st.just(""), texts(max_size=40))),
                    "signature": draw(ids("", extra="+/=")),
                }
            )
    if stream or sometimes(draw, f.protocol_specific, one_in=4):
        for index, entry in enumerate(details):
            entry["index"] = index
    out: dict[str, Any] = {"reasoning_details": details}
    written = [d["text"] for d in details if d["type"] == "reasoning.text" and d["text"]]
    if written:
        out["reasoning_content"] = "\n\n".join(written)
    if sometimes(draw, f.protocol_specific, one_in=6):
        # DeepSeek/vLLM style: reasoning text without any signature.
        out = {"reasoning_content": draw(texts(max_size=40))}
    return out


def tool_call(draw: st.DrawFn, pool: IdPool, spec: ToolSpec, custom: bool) -> dict[str, Any]:
    """A call of ``spec`` with an input that fits its schema (a custom tool gets free text)."""
    call_id = pool.new(draw, "call_")
    if custom:
        return {
            "id": call_id,
            "type": "custom",
            "custom": {"name": spec.name, "input": draw(texts(max_size=30))},
        }
    args = json_text(draw, tool_input(draw, spec))
    return {"id": call_id, "type": "function", "function": {"name": spec.name, "arguments": args}}


def _assistant_history(
    draw: st.DrawFn,
    f: OpenAIFeatures,
    specs: list[ToolSpec],
    custom: frozenset[str],
    calls: int,
    pool: IdPool,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An assistant message of the history and the tool calls it makes (``calls`` of them)."""
    msg: dict[str, Any] = {"role": "assistant"}
    if sometimes(draw, f.reasoning):
        msg.update(reasoning_fields(draw, f, stream=False))
    made: list[dict[str, Any]] = []
    if calls:
        chosen = [draw(st.sampled_from(specs)) for _ in range(calls)]
        made = [tool_call(draw, pool, spec, spec.name in custom) for spec in chosen]
        msg["content"] = draw(st.sampled_from([None, "", "text"]))
        if msg["content"] == "text":
            msg["content"] = draw(texts(max_size=40))
        elif msg["content"] == "" and draw(st.booleans()):
            del msg["content"]
        msg["tool_calls"] = made
    elif sometimes(draw, f.refusals, one_in=5):
        if draw(st.booleans()):
            msg.update(content=None, refusal=draw(texts(max_size=40)))
        else:
            msg["content"] = [{"type": "refusal", "refusal": draw(texts(max_size=40))}]
    elif sometimes(draw, f.audio, one_in=6):
        msg.update(content=None, audio={"id": draw(ids("audio_"))})
    elif draw(st.booleans()):
        msg["content"] = draw(texts(max_size=60))
    else:
        msg["content"] = [{"type": "text", "text": draw(texts(max_size=40))}]
    if sometimes(draw, f.protocol_specific, one_in=6):
        msg["name"] = draw(words())
    return msg, made


def _tool_result(draw: st.DrawFn, f: OpenAIFeatures, call_id: str) -> dict[str, Any]:
    content: Any = draw(texts(max_size=40))
    if draw(st.integers(0, 3)) == 0:
        content = [{"type": "text", "text": draw(texts(max_size=40))}]
    elif sometimes(draw, f.lenient and f.images, one_in=8):
        content = [_text_part(draw, f), _image_part(draw, f)]
    return {"role": "tool", "tool_call_id": call_id, "content": content}


def _messages(
    draw: st.DrawFn, f: OpenAIFeatures, specs: list[ToolSpec], custom: frozenset[str]
) -> list[dict[str, Any]]:
    limit = max(1, f.max_messages)
    pool = IdPool()
    messages: list[dict[str, Any]] = []
    if limit >= 2 and draw(st.booleans()):
        messages.append(_system_message(draw, f))
    messages.append(_user_message(draw, f))
    if f.lenient and draw(st.integers(0, 9)) == 0:
        messages[-1]["content"] = None
    while limit - len(messages) >= 2 and draw(st.integers(0, 2)) > 0:
        room = limit - len(messages) - 1
        calls = 0
        if specs and room >= 1 and draw(st.booleans()):
            calls = draw(st.integers(1, min(3, room)))
        if f.deprecated and not calls and room >= 1 and draw(st.integers(0, 5)) == 0:
            name = draw(st.sampled_from(specs)).name if specs else draw(words())
            messages.append(
                {
                    "role": "assistant",
                    "content": None,
                    "function_call": {"name": name, "arguments": json_text(draw, {})},
                }
            )
            messages.append({"role": "function", "name": name, "content": draw(texts())})
            continue
        msg, made = _assistant_history(draw, f, specs, custom, calls, pool)
        messages.append(msg)
        results = [_tool_result(draw, f, call["id"]) for call in made]
        messages.extend(draw(st.permutations(results)) if len(results) > 1 else results)
        if limit - len(messages) >= 1 and (not made or draw(st.booleans())):
            if f.mid_system and limit - len(messages) >= 2 and draw(st.integers(0, 4)) == 0:
                messages.append(_system_message(draw, f))
            messages.append(_user_message(draw, f))
    prefill_ok = f.prefill and len(messages) < limit and messages[-1]["role"] == "user"
    if prefill_ok and draw(st.integers(0, 5)) == 0:
        messages.append({"role": "assistant", "content": draw(texts(max_size=20))})
    return messages


# -- request: tools ------------------------------------------------------------------------------


def _tool_param(draw: st.DrawFn, f: OpenAIFeatures, spec: ToolSpec, custom: bool) -> dict[str, Any]:
    if custom:
        definition: dict[str, Any] = {"name": spec.name}
        if spec.description is not None:
            definition["description"] = spec.description
        if draw(st.booleans()):
            definition["format"] = draw(
                st.sampled_from(
                    [
                        {"type": "text"},
                        {
                            "type": "grammar",
                            "grammar": {"definition": "start: /[a-z]+/", "syntax": "lark"},
                        },
                        {
                            "type": "grammar",
                            "grammar": {"definition": "^[0-9]+$", "syntax": "regex"},
                        },
                    ]
                )
            )
        return {"type": "custom", "custom": definition}
    if sometimes(draw, f.lenient, one_in=8):
        # Cursor sends Anthropic-shaped tools to OpenAI-compatible endpoints for Claude models.
        flat: dict[str, Any] = {"name": spec.name, "input_schema": spec.schema}
        if spec.description is not None:
            flat["description"] = spec.description
        return flat
    function: dict[str, Any] = {"name": spec.name}
    if spec.description is not None:
        function["description"] = spec.description
    if spec.schema.get("properties") or draw(st.booleans()):
        function["parameters"] = spec.schema
    if draw(st.integers(0, 3)) == 0:
        function["strict"] = draw(st.booleans())
    return {"type": "function", "function": function}


def _tool_choice(
    draw: st.DrawFn, f: OpenAIFeatures, specs: list[ToolSpec], custom: frozenset[str]
) -> Any:
    spec = draw(st.sampled_from(specs))
    options: list[Any] = ["none", "auto", "required"]
    if spec.name in custom:
        options.append({"type": "custom", "custom": {"name": spec.name}})
    else:
        options.append({"type": "function", "function": {"name": spec.name}})
        if f.protocol_specific:
            options.append(
                {
                    "type": "allowed_tools",
                    "allowed_tools": {
                        "mode": draw(st.sampled_from(["auto", "required"])),
                        "tools": [{"type": "function", "function": {"name": spec.name}}],
                    },
                }
            )
    return draw(st.sampled_from(options))


# -- request: the body ---------------------------------------------------------------------------


def _nullable_params(f: OpenAIFeatures) -> dict[str, bool]:
    """Top-level keys the SDK types as Optional (so an explicit null is valid there too), each
    mapped to whether its feature is on."""
    return {
        "max_completion_tokens": True,
        "stop": True,
        "temperature": f.sampling,
        "top_p": f.sampling,
        "logprobs": f.logprobs,
        "top_logprobs": f.logprobs,
        "n": f.multiple_choices,
        "reasoning_effort": f.reasoning,
        "stream_options": f.streaming,
        "frequency_penalty": f.protocol_specific,
        "presence_penalty": f.protocol_specific,
        "metadata": f.protocol_specific,
        "seed": f.protocol_specific,
        "store": f.protocol_specific,
    }


@st.composite
def requests(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    """A Chat Completions request body."""
    specs: list[ToolSpec] = []
    if f.tools and f.max_tools > 0 and draw(st.integers(0, 2)) > 0:
        specs = draw(tool_specs(max_size=f.max_tools))
    custom = frozenset(
        s.name for s in specs if f.protocol_specific and draw(st.integers(0, 4)) == 0
    )
    body: dict[str, Any] = {
        "model": draw(model_names(MODELS)),
        "messages": _messages(draw, f, specs, custom),
    }
    if specs:
        body["tools"] = [_tool_param(draw, f, s, s.name in custom) for s in specs]
        if draw(st.booleans()):
            body["tool_choice"] = _tool_choice(draw, f, specs, custom)
        if draw(st.integers(0, 2)) == 0:
            body["parallel_tool_calls"] = draw(st.booleans())
    if draw(st.booleans()):
        body["max_completion_tokens"] = draw(st.integers(1, 32_000))
    elif sometimes(draw, f.deprecated):
        body["max_tokens"] = draw(st.integers(1, 8192))
    if sometimes(draw, f.sampling):
        body["temperature"] = draw(st.one_of(st.integers(0, 2), st.floats(0, 2)))
    if sometimes(draw, f.sampling):
        body["top_p"] = draw(st.one_of(st.just(1), st.floats(0, 1)))
    if draw(st.integers(0, 3)) == 0:
        stops = draw(st.lists(texts(max_size=8), min_size=1, max_size=4))
        body["stop"] = stops[0] if len(stops) == 1 and draw(st.booleans()) else stops
    if f.streaming and draw(st.booleans()):
        body["stream"] = draw(st.booleans())
        if body["stream"] and draw(st.booleans()):
            options: dict[str, Any] = {"include_usage": draw(st.booleans())}
            if sometimes(draw, f.protocol_specific):
                options["include_obfuscation"] = draw(st.booleans())
            body["stream_options"] = options
    if sometimes(draw, f.reasoning):
        body["reasoning_effort"] = draw(
            st.sampled_from(["none", "minimal", "low", "medium", "high", "xhigh"])
        )
    if sometimes(draw, f.structured_outputs, one_in=4):
        schema: dict[str, Any] = {
            "name": draw(words()),
            "schema": draw(tool_specs(max_size=1))[0].schema,
        }
        if draw(st.booleans()):
            schema["strict"] = draw(st.booleans())
        if draw(st.booleans()):
            schema["description"] = draw(texts(max_size=30))
        body["response_format"] = {"type": "json_schema", "json_schema": schema}
    elif sometimes(draw, f.protocol_specific, one_in=5):
        body["response_format"] = {"type": draw(st.sampled_from(["json_object", "text"]))}
    if sometimes(draw, f.logprobs, one_in=5):
        body["logprobs"] = True
        if draw(st.booleans()):
            body["top_logprobs"] = draw(st.integers(0, 20))
    if sometimes(draw, f.audio, one_in=6):
        body["modalities"] = ["text", "audio"]
        body["audio"] = {
            "format": draw(st.sampled_from(["wav", "mp3", "pcm16"])),
            "voice": draw(st.sampled_from(["alloy", "coral", "marin"])),
        }
    if sometimes(draw, f.multiple_choices, one_in=6):
        body["n"] = draw(st.integers(1, 3))
    if sometimes(draw, f.cache_control, one_in=4):
        body["prompt_cache_key"] = draw(words())
    if sometimes(draw, f.cache_control, one_in=6):
        body["prompt_cache_options"] = {"mode": draw(st.sampled_from(["implicit", "explicit"]))}
    if sometimes(draw, f.deprecated, one_in=6):
        body["user"] = draw(ids("user-"))
    if sometimes(draw, f.deprecated, one_in=8):
        body["functions"] = [
            {"name": s.name, "parameters": s.schema}
            for s in (specs or draw(tool_specs(max_size=2)))
        ]
        body["function_call"] = draw(st.sampled_from(["none", "auto"]))
    if f.protocol_specific:
        _protocol_specific_params(draw, body)
    maybe_null(draw, body, _nullable_params(f), f.explicit_nulls)
    return fresh(body)


# Parameters without an Anthropic counterpart, each sent now and then.
_PROTOCOL_SPECIFIC: dict[str, st.SearchStrategy[Any]] = {
    "seed": st.integers(0, 2**31),
    "frequency_penalty": st.floats(-2, 2),
    "presence_penalty": st.one_of(st.integers(-2, 2), st.floats(-2, 2)),
    "logit_bias": st.dictionaries(
        st.integers(0, 100_000).map(str), st.integers(-100, 100), max_size=2
    ),
    "store": st.booleans(),
    "metadata": st.dictionaries(words(), texts(max_size=10), max_size=2),
    "service_tier": st.sampled_from(["auto", "default", "flex", "priority"]),
    "verbosity": st.sampled_from(["low", "medium", "high"]),
    "safety_identifier": ids("sid-"),
    "prediction": st.builds(lambda t: {"type": "content", "content": t}, texts()),
    "web_search_options": st.builds(lambda: {"search_context_size": "low"}),
    "moderation": st.builds(lambda: {"model": "omni-moderation-latest"}),
}


def _protocol_specific_params(draw: st.DrawFn, body: dict[str, Any]) -> None:
    for key, strategy in _PROTOCOL_SPECIFIC.items():
        if draw(st.integers(0, 7)) == 0:
            body[key] = draw(strategy)
