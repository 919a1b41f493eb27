"""
ruapi_convert.testing._responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Strategies for OpenAI Responses API request bodies, and the pieces replies share with them (the
feature flags, tools, and completed output items, which a request replays as history). Replies,
streams and errors are in ``_responses_replies``; the public wrappers, with every flag documented,
in :mod:`ruapi_convert.testing.strategies`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from ._common import (
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
    "ResponsesFeatures",
    "output_items",
    "requests",
    "tools",
]

MODELS = ("gpt-5.2", "gpt-5.1-codex-max", "gpt-5-codex", "gpt-5", "gpt-5-nano", "gpt-4.1", "o3")

_ITEM_STATUSES = ("completed", "incomplete")


@dataclass(frozen=True)
class ResponsesFeatures:
    """Which parts of the protocol to generate (see the public functions for each flag)."""

    tools: bool = True
    images: bool = True
    documents: bool = True
    reasoning: bool = True
    builtin_tools: bool = True
    refusals: bool = True
    citations: bool = True
    logprobs: bool = True
    structured_outputs: bool = True
    sampling: bool = True
    cache_control: bool = True
    stateful: bool = True
    protocol_specific: bool = True
    explicit_nulls: bool = True
    lenient: bool = True
    streaming: bool = True
    max_items: int = 8
    max_tools: int = 4


# -- content parts -------------------------------------------------------------------------------


def _breakpoint(draw: st.DrawFn, f: ResponsesFeatures, part: dict[str, Any]) -> dict[str, Any]:
    if sometimes(draw, f.cache_control, one_in=5):
        point: dict[str, Any] = {"mode": "explicit"}
        if draw(st.booleans()):
            point["ttl"] = draw(st.sampled_from(["30m", "12h"]))
        part["prompt_cache_breakpoint"] = point
    return part


def _input_text(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    return _breakpoint(draw, f, {"type": "input_text", "text": draw(texts(max_size=40))})


def _input_image(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    media_type = draw(st.sampled_from(sorted(IMAGES_B64)))
    part: dict[str, Any] = {"type": "input_image"}
    if sometimes(draw, f.protocol_specific, one_in=5):
        part["file_id"] = draw(ids("file-"))
    elif draw(st.booleans()):
        part["image_url"] = f"data:{media_type};base64,{IMAGES_B64[media_type]}"
    else:
        part["image_url"] = f"https://example.com/{draw(words())}.{media_type.split('/')[1]}"
    # Required by the SDK's request type; Codex leaves it out (lenient).
    if not sometimes(draw, f.lenient, one_in=4):
        part["detail"] = draw(st.sampled_from(["auto", "low", "high", "original"]))
    return _breakpoint(draw, f, part)


def _input_file(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    part: dict[str, Any] = {"type": "input_file"}
    choice = draw(st.integers(0, 2)) if f.protocol_specific else 0
    if choice == 0:
        part["file_data"] = f"data:application/pdf;base64,{PDF_B64}"
        part["filename"] = draw(file_names(".pdf"))
    elif choice == 1:
        part["file_id"] = draw(ids("file-"))
    else:
        part["file_url"] = f"https://example.com/{draw(words())}.pdf"
    return _breakpoint(draw, f, part)


def _input_parts(draw: st.DrawFn, f: ResponsesFeatures, *, most: int = 3) -> list[dict[str, Any]]:
    makers = [_input_text]
    makers += [_input_image] if f.images else []
    makers += [_input_file] if f.documents else []
    return [draw(st.sampled_from(makers))(draw, f) for _ in range(draw(st.integers(1, most)))]


def _annotations(draw: st.DrawFn, f: ResponsesFeatures, text: str) -> list[dict[str, Any]]:
    if not sometimes(draw, f.citations and bool(text), one_in=4):
        return []
    out = []
    for _ in range(draw(st.integers(1, 2))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        if sometimes(draw, f.builtin_tools and f.protocol_specific, one_in=3):
            out.append(
                {
                    "type": "file_citation",
                    "file_id": draw(ids("file-")),
                    "filename": draw(file_names(".pdf")),
                    "index": end,
                }
            )
        else:
            out.append(
                {
                    "type": "url_citation",
                    "start_index": start,
                    "end_index": end,
                    "title": draw(texts(max_size=20)),
                    "url": f"https://example.com/{draw(words())}",
                }
            )
    return out


def output_text(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    """A complete ``output_text`` part (annotations in text order, logprobs per token)."""
    text = draw(texts(min_size=0, max_size=60))
    part: dict[str, Any] = {"type": "output_text", "annotations": _annotations(draw, f, text)}
    if sometimes(draw, f.logprobs, one_in=5) and text:
        part["logprobs"] = [
            {
                "token": text,
                "bytes": list(text.encode()),
                "logprob": draw(st.floats(-20, 0)),
                "top_logprobs": [],
            }
        ]
    elif draw(st.booleans()):
        part["logprobs"] = []
    part["text"] = text
    return part


# -- tools ---------------------------------------------------------------------------------------


def _function_tool(draw: st.DrawFn, f: ResponsesFeatures, spec: ToolSpec) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": "function", "name": spec.name}
    if spec.description is not None:
        tool["description"] = spec.description
    tool["parameters"] = spec.schema
    # Both required by the SDK's request type, both nullable.
    tool["strict"] = draw(st.sampled_from([True, False, None]))
    if sometimes(draw, f.protocol_specific, one_in=6):
        tool["defer_loading"] = draw(st.booleans())
    return tool


_GRAMMAR = 'start: "*** Begin Patch" LF body "*** End Patch"\nbody: /(.|\\n)*/\n%import common.LF\n'


def _custom_tool(draw: st.DrawFn, spec: ToolSpec) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": "custom", "name": spec.name}
    if spec.description is not None:
        tool["description"] = spec.description
    fmt = draw(st.integers(0, 2))
    if fmt == 1:
        tool["format"] = {"type": "text"}
    elif fmt == 2:
        tool["format"] = {"type": "grammar", "syntax": "lark", "definition": _GRAMMAR}
    return tool


def _builtin_tools(draw: st.DrawFn) -> list[dict[str, Any]]:
    choices: list[dict[str, Any]] = [
        {"type": "web_search", "search_context_size": "medium"},
        {"type": "web_search_preview"},
        {"type": "file_search", "vector_store_ids": ["vs_fixture"]},
        {"type": "code_interpreter", "container": {"type": "auto"}},
        {"type": "image_generation", "quality": "low"},
        {
            "type": "mcp",
            "server_label": "docs",
            "server_url": "https://mcp.example.com/mcp",
            "require_approval": "never",
        },
        {"type": "local_shell"},
        {"type": "shell"},
        {"type": "apply_patch"},
    ]
    picked = draw(st.lists(st.sampled_from(range(len(choices))), max_size=2, unique=True))
    return [dict(choices[i]) for i in sorted(picked)]


def tools(
    draw: st.DrawFn, f: ResponsesFeatures
) -> tuple[list[dict[str, Any]], list[ToolSpec], frozenset[str]]:
    """``tools`` of a request (and of a response's echo): function and custom tools with distinct
    names, plus built-ins; also the specs and which names are custom tools."""
    if not f.tools or f.max_tools < 1:
        return [], [], frozenset()
    specs = draw(tool_specs(max_size=f.max_tools))
    custom = frozenset(s.name for s in specs if sometimes(draw, f.protocol_specific, one_in=4))
    out = [_custom_tool(draw, s) if s.name in custom else _function_tool(draw, f, s) for s in specs]
    if f.builtin_tools:
        out += _builtin_tools(draw)
    return out, specs, custom


def _tool_choice(draw: st.DrawFn, specs: list[ToolSpec], custom: frozenset[str]) -> Any:
    options: list[Any] = ["auto", "none", "required"]
    options += [
        {"type": "custom" if s.name in custom else "function", "name": s.name} for s in specs
    ]
    if specs:
        options.append(
            {
                "type": "allowed_tools",
                "mode": draw(st.sampled_from(["auto", "required"])),
                "tools": [
                    {"type": "function", "name": s.name} for s in specs if s.name not in custom
                ],
            }
        )
    return draw(st.sampled_from(options))


# -- items ---------------------------------------------------------------------------------------


def _reasoning_item(draw: st.DrawFn, f: ResponsesFeatures, pool: IdPool) -> dict[str, Any]:
    item: dict[str, Any] = {"id": pool.new(draw, "rs_"), "type": "reasoning"}
    summaries = draw(st.lists(texts(max_size=40), max_size=2))
    item["summary"] = [{"type": "summary_text", "text": s} for s in summaries]
    if draw(st.booleans()):
        item["encrypted_content"] = "gAAAAAB" + draw(ids("", extra="-_"))
    if sometimes(draw, f.protocol_specific, one_in=5):
        item["content"] = [{"type": "reasoning_text", "text": draw(texts(max_size=40))}]
    return item


def _message(draw: st.DrawFn, f: ResponsesFeatures, pool: IdPool) -> dict[str, Any]:
    content: list[dict[str, Any]] = [output_text(draw, f)]
    if sometimes(draw, f.refusals, one_in=6):
        content = [{"type": "refusal", "refusal": draw(texts(max_size=40))}]
    item: dict[str, Any] = {
        "id": pool.new(draw, "msg_"),
        "type": "message",
        "status": "completed",
        "content": content,
        "role": "assistant",
    }
    if sometimes(draw, f.protocol_specific, one_in=3):
        item["phase"] = draw(st.sampled_from(["commentary", "final_answer"]))
    return item


def _call(draw: st.DrawFn, pool: IdPool, spec: ToolSpec, custom: bool) -> dict[str, Any]:
    if custom:
        return {
            "id": pool.new(draw, "ctc_"),
            "type": "custom_tool_call",
            "status": "completed",
            "call_id": pool.new(draw, "call_"),
            "input": draw(texts(max_size=40)),
            "name": spec.name,
        }
    return {
        "id": pool.new(draw, "fc_"),
        "type": "function_call",
        "status": "completed",
        "arguments": json_text(draw, tool_input(draw, spec)),
        "call_id": pool.new(draw, "call_"),
        "name": spec.name,
    }


def _builtin_call(draw: st.DrawFn, pool: IdPool) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            [
                "web_search_call",
                "file_search_call",
                "code_interpreter_call",
                "image_generation_call",
                "mcp_call",
            ]
        )
    )
    if kind == "web_search_call":
        query = draw(texts(max_size=20))
        return {
            "id": pool.new(draw, "ws_"),
            "type": kind,
            "status": "completed",
            "action": {"type": "search", "query": query},
        }
    if kind == "file_search_call":
        return {
            "id": pool.new(draw, "fs_"),
            "type": kind,
            "status": "completed",
            "queries": [draw(texts(max_size=20))],
            "results": None,
        }
    if kind == "code_interpreter_call":
        outputs = [{"type": "logs", "logs": draw(texts(max_size=20))}]
        return {
            "id": pool.new(draw, "ci_"),
            "type": kind,
            "status": "completed",
            "code": "print(1)",
            "container_id": "cntr_fixture",
            "outputs": outputs,
        }
    if kind == "image_generation_call":
        return {
            "id": pool.new(draw, "ig_"),
            "type": kind,
            "status": "completed",
            "result": IMAGES_B64["image/png"],
        }
    return {
        "id": pool.new(draw, "mcp_"),
        "type": kind,
        "status": "completed",
        "server_label": "docs",
        "name": draw(words()),
        "arguments": json_text(draw, {}),
        "output": draw(texts(max_size=20)),
    }


def output_items(
    draw: st.DrawFn,
    f: ResponsesFeatures,
    pool: IdPool,
    specs: list[ToolSpec],
    custom: frozenset[str],
) -> list[dict[str, Any]]:
    """The completed ``output`` of one model turn: reasoning first, then built-in tool calls,
    messages, and client tool calls (function or custom) last."""
    items: list[dict[str, Any]] = []
    if sometimes(draw, f.reasoning, one_in=2):
        items.append(_reasoning_item(draw, f, pool))
    if sometimes(draw, f.builtin_tools, one_in=4):
        items.append(_builtin_call(draw, pool))
    calls = []
    if specs and draw(st.integers(0, 2)) == 0:
        picked = draw(st.lists(st.sampled_from(specs), min_size=1, max_size=2))
        calls = [_call(draw, pool, spec, spec.name in custom) for spec in picked]
    if not calls or draw(st.booleans()):
        items.append(_message(draw, f, pool))
    return items + calls


def _replay(draw: st.DrawFn, f: ResponsesFeatures, item: dict[str, Any]) -> dict[str, Any]:
    """An output item as a client sends it back in ``input``; lenient clients (Codex) drop ids."""
    if not f.lenient or draw(st.integers(0, 2)) != 0:
        return item
    if item["type"] == "message":
        texts_ = [p for p in item["content"] if p["type"] == "output_text"]
        content = [{"type": "output_text", "text": p["text"]} for p in texts_] or item["content"]
        out: dict[str, Any] = {"type": "message", "role": "assistant", "content": content}
        if "phase" in item:
            out["phase"] = item["phase"]
        return out
    if item["type"] == "reasoning":
        return {k: v for k, v in item.items() if k != "id"}
    return item


def _result(draw: st.DrawFn, f: ResponsesFeatures, call: dict[str, Any]) -> dict[str, Any]:
    kind = (
        "custom_tool_call_output" if call["type"] == "custom_tool_call" else "function_call_output"
    )
    output: Any = draw(texts(max_size=40))
    if (
        kind == "function_call_output"
        and (f.images or f.documents)
        and draw(st.integers(0, 3)) == 0
    ):
        output = _input_parts(draw, f, most=2)
    return {"type": kind, "call_id": call["call_id"], "output": output}


def _user_message(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    content: Any = draw(texts(max_size=60)) if draw(st.booleans()) else _input_parts(draw, f)
    msg: dict[str, Any] = {"role": "user", "content": content}
    if draw(st.booleans()):
        msg = {"type": "message", **msg}
    return msg


def _input(
    draw: st.DrawFn, f: ResponsesFeatures, specs: list[ToolSpec], custom: frozenset[str]
) -> list[dict[str, Any]]:
    pool = IdPool()
    items: list[dict[str, Any]] = []
    if draw(st.booleans()):
        role = draw(st.sampled_from(["system", "developer"]))
        items.append({"role": role, "content": draw(texts(max_size=40))})
    items.append(_user_message(draw, f))
    if sometimes(draw, f.stateful, one_in=6):
        items.insert(0, {"type": "item_reference", "id": pool.new(draw, "msg_")})
    while len(items) < f.max_items and draw(st.integers(0, 2)) != 0:
        turn = output_items(draw, f, pool, specs, custom)
        items += [_replay(draw, f, item) for item in turn]
        calls = [i for i in turn if i["type"] in ("function_call", "custom_tool_call")]
        if calls:
            items += [_result(draw, f, c) for c in draw(st.permutations(calls))]
        else:
            items.append(_user_message(draw, f))
    return items


# -- the body ------------------------------------------------------------------------------------


def _nullable(f: ResponsesFeatures) -> dict[str, bool]:
    """Top-level keys the SDK's request type allows as ``null``."""
    return {
        "instructions": True,
        "max_output_tokens": True,
        "metadata": f.protocol_specific,
        "parallel_tool_calls": f.tools,
        "previous_response_id": f.stateful,
        "reasoning": f.reasoning,
        "store": True,
        "temperature": f.sampling,
        "top_p": f.sampling,
        "truncation": f.protocol_specific,
        "service_tier": f.protocol_specific,
        "include": True,
    }


@st.composite
def requests(draw: st.DrawFn, f: ResponsesFeatures) -> dict[str, Any]:
    """A ``POST /v1/responses`` body."""
    tool_list, specs, custom = tools(draw, f)
    body: dict[str, Any] = {"model": draw(model_names(MODELS))}
    if draw(st.booleans()):
        body["instructions"] = draw(texts(max_size=60))
    body["input"] = (
        draw(texts(max_size=40)) if draw(st.integers(0, 5)) == 0 else _input(draw, f, specs, custom)
    )
    if tool_list:
        body["tools"] = tool_list
        if draw(st.booleans()):
            body["tool_choice"] = _tool_choice(draw, specs, custom)
        if draw(st.booleans()):
            body["parallel_tool_calls"] = draw(st.booleans())
    if sometimes(draw, f.reasoning):
        reasoning: dict[str, Any] = {
            "effort": draw(st.sampled_from(["minimal", "low", "medium", "high", "xhigh"]))
        }
        if draw(st.booleans()):
            reasoning["summary"] = draw(st.sampled_from(["auto", "concise", "detailed"]))
        body["reasoning"] = reasoning
        if draw(st.booleans()):
            body["include"] = ["reasoning.encrypted_content"]
    text: dict[str, Any] = {}
    if sometimes(draw, f.structured_outputs):
        text["format"] = draw(
            st.sampled_from(
                [
                    {"type": "json_object"},
                    {"type": "text"},
                    {
                        "type": "json_schema",
                        "name": "answer",
                        "strict": True,
                        "schema": {
                            "type": "object",
                            "properties": {"answer": {"type": "string"}},
                            "required": ["answer"],
                            "additionalProperties": False,
                        },
                    },
                ]
            )
        )
    if sometimes(draw, f.protocol_specific):
        text["verbosity"] = draw(st.sampled_from(["low", "medium", "high"]))
    if text:
        body["text"] = text
    if sometimes(draw, f.streaming):
        body["stream"] = draw(st.booleans())
        if body["stream"] and sometimes(draw, f.protocol_specific):
            body["stream_options"] = {"include_obfuscation": draw(st.booleans())}
    if draw(st.booleans()):
        body["store"] = sometimes(draw, f.stateful, one_in=2)
    if draw(st.booleans()):
        body["max_output_tokens"] = draw(st.integers(16, 32_000))
    if sometimes(draw, f.sampling):
        body["temperature"] = draw(st.one_of(st.integers(0, 2), st.floats(0, 2)))
        if draw(st.booleans()):
            body["top_p"] = draw(st.floats(0, 1))
    if sometimes(draw, f.logprobs, one_in=4):
        body["top_logprobs"] = draw(st.integers(0, 20))
    if sometimes(draw, f.cache_control):
        body["prompt_cache_key"] = draw(ids("pck-"))
        if draw(st.booleans()):
            body["prompt_cache_retention"] = draw(st.sampled_from(["in_memory", "24h"]))
    if sometimes(draw, f.protocol_specific):
        body["metadata"] = {draw(words()): draw(texts(max_size=20))}
        body["service_tier"] = draw(st.sampled_from(["auto", "default", "flex", "priority"]))
        body["safety_identifier"] = draw(ids("user-"))
        body["truncation"] = draw(st.sampled_from(["auto", "disabled"]))
    if sometimes(draw, f.stateful, one_in=4):
        stateful = draw(
            st.sampled_from(["previous_response_id", "conversation", "prompt", "background"])
        )
        if stateful == "previous_response_id":
            body["previous_response_id"] = draw(ids("resp_"))
        elif stateful == "conversation":
            body["conversation"] = draw(
                st.sampled_from([draw(ids("conv_")), {"id": draw(ids("conv_"))}])
            )
        elif stateful == "prompt":
            body["prompt"] = {
                "id": draw(ids("pmpt_")),
                "variables": {draw(words()): draw(texts(max_size=20))},
            }
        else:
            body["background"] = True
    maybe_null(draw, body, _nullable(f), f.explicit_nulls)
    return fresh(body)
