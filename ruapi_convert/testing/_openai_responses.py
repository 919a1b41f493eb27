"""
ruapi_convert.testing._openai_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Strategies for what OpenAI Chat Completions sends back: completions, chunk streams that accumulate
to a completion, error bodies and model lists.

A stream is generated *from* its final completion: every string of the final message is cut into
fragments, the fragments of the different fields (and of parallel tool calls) are interleaved, and
the result is grouped into chunks. That is the reverse of what the SDK's accumulator does, so the
accumulator reaching the final completion is the property that keeps this module honest.
"""

from __future__ import annotations

import string
from typing import Any

from hypothesis import strategies as st

from ._common import (
    AUDIO_WAV_B64,
    IdPool,
    draw_split,
    fresh,
    ids,
    interleave,
    json_text,
    model_names,
    sometimes,
    texts,
    tool_specs,
    unix_times,
    words,
)
from ._openai import MODELS, OpenAIFeatures, reasoning_fields, tool_call

__all__ = ["chunk_streams", "completions", "errors", "model_lists"]


# -- responses -----------------------------------------------------------------------------------


def _token_logprobs(draw: st.DrawFn, pieces: list[str]) -> list[dict[str, Any]]:
    out = []
    for piece in pieces:
        if not piece:
            continue
        entry: dict[str, Any] = {
            "token": piece,
            "logprob": draw(st.floats(-20, 0)),
            "bytes": list(piece.encode("utf-8")),
            "top_logprobs": [],
        }
        for _ in range(draw(st.integers(0, 2))):
            alt = draw(texts(max_size=4))
            entry["top_logprobs"].append(
                {"token": alt, "logprob": draw(st.floats(-30, 0)), "bytes": list(alt.encode())}
            )
        out.append(entry)
    return out


def _usage(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    prompt = draw(st.integers(1, 50_000))
    completion = draw(st.integers(0, 8_000))
    usage: dict[str, Any] = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    if draw(st.booleans()):
        details: dict[str, Any] = {"cached_tokens": draw(st.integers(0, prompt))}
        if sometimes(draw, f.cache_control):
            details["cache_write_tokens"] = draw(st.integers(0, prompt - details["cached_tokens"]))
        if sometimes(draw, f.protocol_specific):
            details["audio_tokens"] = 0
        usage["prompt_tokens_details"] = details
    if draw(st.booleans()):
        out: dict[str, Any] = {"reasoning_tokens": draw(st.integers(0, completion))}
        if sometimes(draw, f.protocol_specific):
            out.update(audio_tokens=0, accepted_prediction_tokens=0, rejected_prediction_tokens=0)
        usage["completion_tokens_details"] = out
    return usage


def _annotations(draw: st.DrawFn, content: str) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 2))):
        start = draw(st.integers(0, len(content)))
        end = draw(st.integers(start, len(content)))
        out.append(
            {
                "type": "url_citation",
                "url_citation": {
                    "start_index": start,
                    "end_index": end,
                    "title": draw(texts(max_size=20)),
                    "url": f"https://example.com/{draw(words())}",
                },
            }
        )
    return out


def _choice(
    draw: st.DrawFn, f: OpenAIFeatures, pool: IdPool, index: int, *, stream: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """One choice of a completion, and how its strings were cut into tokens (for logprobs and
    stream fragments)."""
    msg: dict[str, Any] = {"role": "assistant"}
    pieces: dict[str, list[str]] = {}
    if sometimes(draw, f.reasoning):
        msg.update(reasoning_fields(draw, f, stream=stream))
    finish = draw(st.sampled_from(["stop", "stop", "length"]))
    calls: list[dict[str, Any]] = []
    if f.tools and draw(st.integers(0, 2)) == 0:
        specs = draw(tool_specs(max_size=min(3, max(1, f.max_tools))))
        custom = f.protocol_specific and not stream and draw(st.integers(0, 4)) == 0
        calls = [
            tool_call(draw, pool, draw(st.sampled_from(specs)), custom) for _ in range(len(specs))
        ]
    if calls:
        msg["content"] = draw(st.one_of(st.none(), texts(max_size=40)))
        msg["tool_calls"] = calls
        # Ollama and other OpenAI-compatible servers end a tool-calling turn with "stop", and
        # some send calls without an id.
        finish = "stop" if sometimes(draw, f.lenient, one_in=4) else "tool_calls"
        for call in calls:
            if call["type"] == "function" and sometimes(draw, f.lenient, one_in=6):
                del call["id"]
    elif sometimes(draw, f.refusals, one_in=6):
        msg["content"] = None
        msg["refusal"] = draw(texts(max_size=40))
        finish = draw(st.sampled_from(["stop", "content_filter"]))
    elif sometimes(draw, f.audio, one_in=6):
        msg["content"] = None
        msg["audio"] = {
            "id": draw(ids("audio_")),
            "data": AUDIO_WAV_B64,
            "expires_at": draw(unix_times()),
            "transcript": draw(texts(max_size=40)),
        }
    elif sometimes(draw, f.deprecated, one_in=8):
        msg["content"] = None
        msg["function_call"] = {"name": draw(words()), "arguments": json_text(draw, {})}
        finish = "function_call"
    else:
        msg["content"] = draw(texts(min_size=0, max_size=60))
    if "refusal" not in msg and (not stream or draw(st.booleans())):
        msg["refusal"] = None
    if isinstance(msg["content"], str):
        pieces["content"] = draw_split(draw, msg["content"], allow_empty=stream)
        if sometimes(draw, f.citations and bool(msg["content"]), one_in=4):
            msg["annotations"] = _annotations(draw, msg["content"])
        elif not stream and draw(st.booleans()):
            msg["annotations"] = []
    if isinstance(msg.get("refusal"), str):
        pieces["refusal"] = draw_split(draw, msg["refusal"], allow_empty=stream)
    choice: dict[str, Any] = {"index": index, "message": msg, "finish_reason": finish}
    if sometimes(draw, f.logprobs, one_in=4):
        choice["logprobs"] = {
            "content": _token_logprobs(draw, pieces["content"]) if "content" in pieces else None,
            "refusal": _token_logprobs(draw, pieces["refusal"]) if "refusal" in pieces else None,
        }
    elif not stream or draw(st.booleans()):
        choice["logprobs"] = None
    return choice, pieces


@st.composite
def completions(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    """A non-streaming ``ChatCompletion``."""
    return fresh(_completion(draw, f, stream=False)[0])


def _completion(
    draw: st.DrawFn, f: OpenAIFeatures, *, stream: bool
) -> tuple[dict[str, Any], list[dict[str, list[str]]]]:
    n = draw(st.integers(1, 3)) if sometimes(draw, f.multiple_choices, one_in=5) else 1
    pool = IdPool()
    made = [_choice(draw, f, pool, i, stream=stream) for i in range(n)]
    out: dict[str, Any] = {
        "id": draw(ids("chatcmpl-")),
        "object": "chat.completion",
        "created": draw(unix_times()),
        "model": draw(model_names(MODELS)),
        "choices": [c for c, _ in made],
    }
    if not stream:
        out["usage"] = _usage(draw, f)
    if sometimes(draw, f.protocol_specific, one_in=2):
        out["service_tier"] = draw(st.sampled_from(["default", "flex", "priority"]))
    if sometimes(draw, f.protocol_specific, one_in=2):
        out["system_fingerprint"] = draw(ids("fp_"))
    elif not stream and sometimes(draw, f.explicit_nulls and f.protocol_specific):
        out["system_fingerprint"] = None
    return out, [p for _, p in made]


# -- streams -------------------------------------------------------------------------------------

# Keys of a delta that hold one value each (a chunk can carry at most one fragment of each).
_SCALAR_DELTA_KEYS = frozenset(
    {"role", "content", "refusal", "reasoning_content", "audio", "function_call", "annotations"}
)


def _fragment_sequences(
    draw: st.DrawFn, f: OpenAIFeatures, msg: dict[str, Any], pieces: dict[str, list[str]]
) -> tuple[list[list[tuple[str, Any]]], list[int]]:
    """The fragments of each field of a final message, as ``(delta key, value)`` sequences.

    Also returns, per sequence, the sequence that must have started before it may start (or -1):
    entries of an indexed list (tool calls, reasoning details) must first appear in index order,
    because the SDK's accumulator inserts a new entry at its ``index``.
    """
    sequences: list[list[tuple[str, Any]]] = []
    after: list[int] = []

    def add(seq: list[tuple[str, Any]], *, ordered: bool = False, first: bool = False) -> None:
        after.append(len(sequences) - 1 if ordered and not first else -1)
        sequences.append(seq)

    for index, call in enumerate(msg.get("tool_calls") or []):
        args = draw_split(draw, call["function"]["arguments"], max_pieces=8, allow_empty=True)
        name = call["function"]["name"]
        names = [name]
        if sometimes(draw, f.lenient, one_in=4):
            # Servers that stream the name in pieces (the SDK joins them), each piece in a
            # delta of its own, before any argument bytes.
            names = draw_split(draw, name, max_pieces=3)
        head: dict[str, Any] = {"index": index, "type": "function"}
        if "id" in call:
            head["id"] = call["id"]
        head["function"] = {"name": names[0], "arguments": "" if len(names) > 1 else args[0]}
        if len(names) > 1:
            rest = [{"index": index, "function": {"name": n, "arguments": ""}} for n in names[1:]]
            rest[-1]["function"] = {"name": names[-1], "arguments": args[0]}
            group: list[tuple[str, Any]] = [("tool_call_name_pieces", [head, *rest])]
        else:
            group = [("tool_calls", head)]
        tail = [("tool_calls", {"index": index, "function": {"arguments": a}}) for a in args[1:]]
        add([*group, *tail], ordered=True, first=index == 0)
    for index, entry in enumerate(msg.get("reasoning_details") or []):
        fragments = _detail_fragments(draw, entry)
        add([("reasoning_details", e) for e in fragments], ordered=True, first=index == 0)
    for key in ("content", "refusal"):
        if key in msg:
            parts: list[Any] = pieces[key] if msg[key] is not None else [None]
            add([(key, p) for p in parts])
    if "reasoning_content" in msg:
        parts = draw_split(draw, msg["reasoning_content"], allow_empty=True)
        add([("reasoning_content", p) for p in parts])
    if "audio" in msg:
        audio = msg["audio"]
        seq: list[tuple[str, Any]] = [("audio", {"id": audio["id"]})]
        seq += [("audio", {"transcript": t}) for t in draw_split(draw, audio["transcript"])]
        seq += [("audio", {"data": d}) for d in draw_split(draw, audio["data"])]
        seq.append(("audio", {"expires_at": audio["expires_at"]}))
        add(seq)
    if "function_call" in msg:
        call = msg["function_call"]
        seq = [("function_call", {"name": call["name"]})]
        seq += [("function_call", {"arguments": a}) for a in draw_split(draw, call["arguments"])]
        add(seq)
    if "annotations" in msg:
        add([("annotations", msg["annotations"])])
    return sequences, after


def _detail_fragments(draw: st.DrawFn, entry: dict[str, Any]) -> list[dict[str, Any]]:
    if entry["type"] != "reasoning.text":
        return [entry]
    texts_ = draw_split(draw, entry["text"], allow_empty=True)
    out: list[dict[str, Any]] = [
        {"index": entry["index"], "type": entry["type"], "text": texts_[0]}
    ]
    out += [{"index": entry["index"], "text": t} for t in texts_[1:]]
    out[-1]["signature"] = entry["signature"]
    return out


def _choice_entries(
    draw: st.DrawFn, f: OpenAIFeatures, choice: dict[str, Any], pieces: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """The ``choices[]`` entries of one choice across the stream, in order."""
    msg = choice["message"]
    sequences, after = _fragment_sequences(draw, f, msg, pieces)

    def ready(j: int, taken: list[int]) -> bool:
        return after[j] < 0 or taken[after[j]] > 0

    merged = interleave(draw, sequences, ready=ready)
    deltas: list[dict[str, Any]] = [{"role": "assistant"}]
    # The SDK applies the logprobs of a choice's first entry twice when that choice first appears
    # after the first chunk; real streams carry no tokens there anyway (role and "" only).
    tokens_wait = isinstance(choice.get("logprobs"), dict)
    for _, (key, value) in merged:
        if key == "tool_call_name_pieces":
            # each piece alone in its delta, and nothing after the last in the same one
            deltas += [{"tool_calls": [piece]} for piece in value]
            deltas.append({})
            continue
        delta = deltas[-1]
        first_token = tokens_wait and key in ("content", "refusal") and bool(value)
        if (
            (key in _SCALAR_DELTA_KEYS and key in delta)
            or (first_token and len(deltas) == 1)
            or draw(st.integers(0, 2)) == 0
        ):
            delta = {}
            deltas.append(delta)
        if key in ("tool_calls", "reasoning_details"):
            delta.setdefault(key, []).append(value)
        else:
            delta[key] = value
    split_finish = len(deltas) == 1 or draw(st.booleans())
    if split_finish:
        deltas.append({})
    logprobs = choice.get("logprobs", "absent")
    entries = []
    used = {"content": 0, "refusal": 0}
    for number, delta in enumerate(deltas):
        entry: dict[str, Any] = {"index": choice["index"], "delta": delta}
        if isinstance(logprobs, dict):
            part: dict[str, Any] = {}
            for key in ("content", "refusal"):
                count = 1 if isinstance(delta.get(key), str) and delta[key] else 0
                part[key] = (
                    logprobs[key][used[key] : used[key] + count]
                    if logprobs[key] is not None
                    else None
                )
                used[key] += count
            if number == 0 or part["content"] or part["refusal"]:
                entry["logprobs"] = part
            else:
                entry["logprobs"] = None
        elif logprobs is None:
            entry["logprobs"] = None
        entry["finish_reason"] = None
        entries.append(entry)
    entries[-1]["finish_reason"] = choice["finish_reason"]
    return entries


@st.composite
def chunk_streams(
    draw: st.DrawFn, f: OpenAIFeatures
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A final ``ChatCompletion`` and the chunks that accumulate to it."""
    final, pieces = _completion(draw, f, stream=True)
    include_usage = draw(st.booleans()) if f.include_usage is None else f.include_usage
    per_choice = [
        _choice_entries(draw, f, c, p) for c, p in zip(final["choices"], pieces, strict=True)
    ]

    def ready(j: int, taken: list[int]) -> bool:
        return j == 0 or taken[j - 1] > 0

    merged = interleave(draw, per_choice, ready=ready)
    groups: list[list[dict[str, Any]]] = [[]]
    for _, entry in merged:
        group = groups[-1]
        if any(e["index"] == entry["index"] for e in group) or (
            bool(group) and draw(st.booleans())
        ):
            group = []
            groups.append(group)
        group.append(entry)
    head: dict[str, Any] = {
        "id": final["id"],
        "object": "chat.completion.chunk",
        "created": final["created"],
        "model": final["model"],
    }
    if "service_tier" in final:
        head["service_tier"] = final["service_tier"]
    if "system_fingerprint" in final:
        head["system_fingerprint"] = final["system_fingerprint"]
    else:
        final["system_fingerprint"] = None
    obfuscate = sometimes(draw, f.protocol_specific)
    chunks = []
    for group in groups:
        chunk = {**head, "choices": sorted(group, key=lambda e: e["index"])}
        if include_usage:
            chunk["usage"] = None
        chunks.append(chunk)
    final["usage"] = None
    if include_usage:
        final["usage"] = _usage(draw, f)
        if sometimes(draw, f.lenient, one_in=4):
            # vLLM and SGLang with continuous_usage_stats: usage on every chunk, the prompt's
            # count from the first one, the completion's growing.
            _running_usage(draw, chunks, final["usage"])
        chunks.append({**head, "choices": [], "usage": final["usage"]})
    if obfuscate:
        for chunk in chunks:
            chunk["obfuscation"] = draw(st.text(string.ascii_letters + string.digits, max_size=12))
    return fresh((final, chunks))


def _running_usage(draw: st.DrawFn, chunks: list[dict[str, Any]], final: dict[str, Any]) -> None:
    prompt = final["prompt_tokens"]
    counts = sorted(
        draw(
            st.lists(
                st.integers(0, final["completion_tokens"]),
                min_size=len(chunks),
                max_size=len(chunks),
            )
        )
    )
    for chunk, completion in zip(chunks, counts, strict=True):
        usage: dict[str, Any] = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }
        if "prompt_tokens_details" in final:
            usage["prompt_tokens_details"] = final["prompt_tokens_details"]
        chunk["usage"] = usage


# -- errors and model lists ----------------------------------------------------------------------

_ERRORS = [
    ("invalid_request_error", None, "messages"),
    ("invalid_request_error", "context_length_exceeded", "messages"),
    ("invalid_request_error", "invalid_api_key", None),
    ("authentication_error", "invalid_api_key", None),
    ("rate_limit_exceeded", "rate_limit_exceeded", None),
    ("insufficient_quota", "insufficient_quota", None),
    ("server_error", None, None),
    ("tokens", "rate_limit_exceeded", None),
]


@st.composite
def errors(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    """An error body ``{"error": {message, type, param, code}}``."""
    kind, code, param = draw(st.sampled_from(_ERRORS))
    error: dict[str, Any] = {
        "message": draw(texts(max_size=60)),
        "type": kind,
        "param": param,
        "code": code,
    }
    if f.lenient and draw(st.integers(0, 3)) == 0:
        # Mid-stream errors and OpenAI-compatible servers: only a message, maybe a numeric code.
        error = {"message": error["message"]}
        if draw(st.booleans()):
            error["code"] = draw(st.sampled_from([400, 429, 500, 503]))
    return {"error": error}


@st.composite
def model_lists(draw: st.DrawFn, f: OpenAIFeatures) -> dict[str, Any]:
    """A ``GET /v1/models`` body."""
    names = draw(st.lists(model_names(MODELS), max_size=5, unique=True))
    data = [
        {
            "id": name,
            "object": "model",
            "created": draw(unix_times()),
            "owned_by": draw(st.sampled_from(["openai", "system", "openai-internal"])),
        }
        for name in names
    ]
    return {"object": "list", "data": data}
