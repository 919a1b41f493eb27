"""Dialect profiles, on the examples written from each vendor's docs (fixtures/dialects/).

For every OpenAI-side dialect the gateway's tool loop is played through, the way an Anthropic
client in front of that upstream drives it:

1. the upstream's reply (``reply.json``) converts to an Anthropic message, and its stream
   (``stream.sse``) to events the anthropic SDK accumulates into the same message;
2. the client sends the conversation back with that message in it, and the request converted for
   the dialect replays the reasoning the way that upstream requires (``replay_request.json``, the
   follow-up request written from the vendor's docs): the assistant turn's tool calls and reasoning
   fields are the fixture's.

The Anthropic-side dialects are checked on their body rules and usage arithmetic.
"""

from __future__ import annotations

import pytest

pytest.importorskip("anthropic")

import json
from pathlib import Path
from typing import Any

import ruapi_convert as rc
from ruapi_convert.mapping.dialect_shaping import mistral_tool_id
from ruapi_convert.mapping.dialects import DIALECTS, dialect_names, guess_dialect
from ruapi_convert.mapping.reasoning_forms import GEMINI_SIGNATURE

from ..property.test_stream_properties import transcode
from ..property.test_stream_properties_sdk import anthropic_sdk_over_http

Json = dict[str, Any]
FIXTURES = Path(__file__).parents[2] / "fixtures" / "dialects"


def _load(name: str, file: str) -> Any:
    return json.loads((FIXTURES / name / file).read_text())


def _with(file: str, side: str) -> list[str]:
    return [n for n in dialect_names(side) if (FIXTURES / n / file).is_file()]  # type: ignore[arg-type]


def test_every_dialect_has_its_fixtures() -> None:
    """Each named dialect (but the round-trip one, which is this library) has a request, a reply
    and a stream written from its vendor's docs, with their sources."""
    for name in DIALECTS:
        if name == "roundtrip":
            continue
        files = {p.name for p in (FIXTURES / name).iterdir()}
        assert {"request.json", "reply.json", "SOURCES.md"} <= files, name
        # (or its SOURCES.md says why there is none: no vendor stream example was found)
        streams = files & {"stream.sse", "stream.eventstream"}
        assert streams or "No `stream.sse`" in (FIXTURES / name / "SOURCES.md").read_text(), name


def test_an_unknown_dialect_is_a_value_error_listing_the_known_ones() -> None:
    body = {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}
    with pytest.raises(ValueError, match="deepseek") as info:
        rc.anthropic_to_openai_request(body, dialect="deepseeek")
    assert isinstance(info.value, rc.InvalidInputError)
    assert info.value.path == "options.dialect"


def test_a_dialect_of_the_other_side_is_refused() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    with pytest.raises(rc.InvalidInputError, match="anthropic-side"):
        rc.openai_to_anthropic_request(body, dialect="deepseek")


# -- replies and streams: the same message whichever way it arrives ------------------------------


def _reply_message(name: str, file: str = "reply.json") -> Json:
    result = rc.openai_to_anthropic_response(_load(name, file), dialect=name)
    return result.value.to_dict()


def _said(chunks: list[Json]) -> Json:
    """What an OpenAI-side stream says, read field by field without the library: the reasoning
    text (in whichever field the server streams it), the text, and the tool calls."""
    thinking: list[str] = []
    text: list[str] = []
    calls: dict[int, dict[str, str]] = {}
    for chunk in chunks:
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta") or {}
            content = delta.get("content")
            if isinstance(content, str):
                text.append(content)
            for part in content if isinstance(content, list) else ():  # Mistral's chunks
                if part["type"] == "text":
                    text.append(part["text"])
                elif part["type"] == "thinking":
                    thinking.extend(p["text"] for p in part["thinking"])
            details = delta.get("reasoning_details") or delta.get("thinking_blocks") or ()
            thinking.extend(item.get("text") or item.get("thinking") or "" for item in details)
            if not details:
                thinking.append(delta.get("reasoning_content") or delta.get("reasoning") or "")
            for call in delta.get("tool_calls") or ():
                seen = calls.setdefault(call["index"], {"id": "", "name": "", "arguments": ""})
                seen["id"] = call.get("id") or seen["id"]
                function = call.get("function") or {}
                seen["name"] += function.get("name") or ""
                seen["arguments"] += function.get("arguments") or ""
    return {
        "thinking": "".join(thinking),
        "text": "".join(text),
        "calls": [(c["id"], c["name"], json.loads(c["arguments"] or "{}")) for c in calls.values()],
    }


def _says(message: Json) -> Json:
    blocks = message["content"]
    return {
        "thinking": "".join(b["thinking"] for b in blocks if b["type"] == "thinking"),
        "text": "".join(b["text"] for b in blocks if b["type"] == "text"),
        "calls": [(b["id"], b["name"], b["input"]) for b in blocks if b["type"] == "tool_use"],
    }


def _chunks(name: str) -> list[Json]:
    lines = (FIXTURES / name / "stream.sse").read_text().splitlines()
    return [json.loads(x[6:]) for x in lines if x.startswith("data: ") and x != "data: [DONE]"]


def _with_tags_read(name: str, said: Json) -> Json:
    """What the upstream said, with a leading <think>...</think> of the text read as reasoning
    for a dialect whose server writes its reasoning that way."""
    if DIALECTS[name].think_tags and said["text"].startswith("<think>"):
        reasoning, _, text = said["text"][len("<think>") :].partition("</think>")
        return {**said, "thinking": said["thinking"] + reasoning, "text": text.lstrip("\n")}
    return said


def _reply_said(name: str) -> Json:
    """What reply.json says, read as one delta."""
    message = _load(name, "reply.json")["choices"][0]["message"]
    delta = {
        **message,
        "tool_calls": [{**c, "index": i} for i, c in enumerate(message.get("tool_calls") or ())],
    }
    return _with_tags_read(name, _said([{"choices": [{"index": 0, "delta": delta}]}]))


@pytest.mark.oracle
@pytest.mark.parametrize("name", _with("stream.sse", "openai"))
def test_the_stream_converts_to_what_it_says(name: str) -> None:
    """stream.sse through OpenAIToAnthropicStream and the anthropic SDK's accumulator: the
    thinking, text and tool calls the upstream streamed, wherever its dialect put them (<think>
    tags only where the dialect says so), and its output tokens."""
    raw = (FIXTURES / name / "stream.sse").read_bytes()
    streamed = anthropic_sdk_over_http(transcode(rc.OpenAIToAnthropicStream(dialect=name), [raw]))
    said = _with_tags_read(name, _said(_chunks(name)))
    assert _says(streamed) == said
    usage = [c["usage"] for c in _chunks(name) if c.get("usage")]
    if usage:
        assert streamed["usage"]["output_tokens"] == usage[-1]["completion_tokens"]


@pytest.mark.parametrize("name", _with("reply.json", "openai"))
def test_the_reply_converts_to_what_it_says(name: str) -> None:
    """reply.json the same way: the reply read as one delta says what the converted message says."""
    assert _says(_reply_message(name)) == _reply_said(name)


@pytest.mark.parametrize("name", _with("reply.json", "openai"))
def test_usage_arithmetic(name: str) -> None:
    """Anthropic counts input tokens without the cache; an OpenAI-side prompt_tokens includes it
    (whichever field the server names its cache hits in): input + cache read = prompt_tokens."""
    upstream = _load(name, "reply.json")["usage"]
    usage = _reply_message(name)["usage"]
    cache = usage.get("cache_read_input_tokens") or 0
    assert usage["input_tokens"] + cache == upstream["prompt_tokens"]
    assert usage["output_tokens"] == upstream["completion_tokens"]


# (hand-computed from each reply.json: prompt_tokens less the cache hits the server reports in
# prompt_tokens_details.cached_tokens or DeepSeek's prompt_cache_hit_tokens)
CACHE_READS = {"deepseek": 256, "openrouter": 1024, "moonshot": 64}


@pytest.mark.parametrize(("name", "cached"), CACHE_READS.items())
def test_cache_hits_are_read_whatever_the_server_calls_them(name: str, cached: int) -> None:
    assert _reply_message(name)["usage"]["cache_read_input_tokens"] == cached


def test_think_tags_are_reasoning_only_where_the_dialect_says_so() -> None:
    """MiniMax without reasoning_split puts <think>...</think> in the content: read as thinking
    for dialect 'minimax', and left as text for a server that is not known to do it."""
    reply = _load("minimax", "reply_inline_think.json")
    text = reply["choices"][0]["message"]["content"]
    assert text.startswith("<think>")
    tagged = rc.openai_to_anthropic_response(reply, dialect="minimax").value.to_dict()
    assert tagged["content"][0]["type"] == "thinking"
    assert "<think>" not in json.dumps(tagged["content"])
    plain = rc.openai_to_anthropic_response(reply).value.to_dict()
    assert plain["content"][0] == {"type": "text", "text": text}


# -- the tool loop: reasoning goes back the way each upstream requires ----------------------------


def _follow_up(name: str) -> tuple[Json, Json]:
    """(the Anthropic client's follow-up request after the reply, the dialect's own replay
    request): the reply's message as the assistant turn, then the tool result the replay
    fixture sends."""
    replay = _load(name, "replay_request.json")
    message = _reply_message(name)
    tool_message = next(m for m in replay["messages"] if m["role"] == "tool")
    (call,) = [b for b in message["content"] if b["type"] == "tool_use"]
    user = next(m for m in replay["messages"] if m["role"] == "user")
    request = {
        "model": replay["model"],
        "max_tokens": 1024,
        "messages": [
            {"role": "user", "content": user["content"]},
            {"role": "assistant", "content": message["content"]},
            {
                "role": "user",
                "content": [
                    {
                        "type": "tool_result",
                        "tool_use_id": call["id"],
                        "content": tool_message["content"],
                    }
                ],
            },
        ],
    }
    return request, replay


#: The fields of an assistant turn that carry a tool loop's reasoning back, per dialect.
REPLAY_FIELDS = ("reasoning_content", "reasoning", "reasoning_details")


def _assistant(request: Json) -> Json:
    (turn,) = [m for m in request["messages"] if m["role"] == "assistant"]
    result: Json = turn
    return result


def _replayed(turn: Json) -> Json:
    calls = [
        {
            "id": c["id"],
            "name": c["function"]["name"],
            "arguments": json.loads(c["function"]["arguments"]),
            **({"extra_content": c["extra_content"]} if "extra_content" in c else {}),
        }
        for c in turn.get("tool_calls") or ()
    ]
    fields = {k: turn[k] for k in REPLAY_FIELDS if turn.get(k) not in (None, "", [])}
    content = turn.get("content")
    thinking = (
        [p for p in content if p.get("type") == "thinking"] if isinstance(content, list) else []
    )
    return {"calls": calls, "reasoning": fields, "thinking_chunks": thinking}


REPLAYING = _with("replay_request.json", "openai")


@pytest.mark.parametrize("name", REPLAYING)
def test_the_tool_loop_replays_reasoning_as_the_upstream_requires(name: str) -> None:
    """The follow-up request converted for the dialect carries the assistant turn's calls and its
    reasoning exactly as the vendor's own follow-up request does."""
    request, replay = _follow_up(name)
    result = rc.anthropic_to_openai_request(request, dialect=name)
    assert _replayed(_assistant(result.value.to_dict())) == _replayed(_assistant(replay))


@pytest.mark.parametrize("name", ["deepseek", "moonshot", "zhipu"])
def test_a_tool_turn_without_reasoning_still_sends_reasoning_content(name: str) -> None:
    """DeepSeek, Kimi and GLM answer 400 when an assistant tool-call turn in thinking mode has
    no reasoning_content: a history rebuilt without reasoning sends it empty."""
    request = {
        "model": "m",
        "max_tokens": 100,
        "messages": [
            {"role": "user", "content": "hi"},
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "ok"}],
            },
        ],
    }
    out = rc.anthropic_to_openai_request(request, dialect=name).value.to_dict()
    assert _assistant(out)["reasoning_content"] == ""


# -- request shaping -------------------------------------------------------------------------------

THINKING_REQUEST: Json = {
    "model": "m",
    "max_tokens": 2048,
    "thinking": {"type": "enabled", "budget_tokens": 8192},
    "messages": [{"role": "user", "content": "hi", "name": "x"}],
    "stop_sequences": ["END"],
}


def _shaped(name: str, body: Json = THINKING_REQUEST) -> tuple[Json, list[tuple[str, str]]]:
    result = rc.anthropic_to_openai_request(body, dialect=name)
    return result.value.to_dict(), [(loss.path, loss.kind) for loss in result.losses]


def test_standard_openai_sends_the_effort_and_max_completion_tokens() -> None:
    out, _ = _shaped("openai")
    assert out["reasoning_effort"] == "medium"
    assert out["max_completion_tokens"] == 2048
    assert "thinking" not in out


def test_openrouter_gets_the_exact_budget_in_its_reasoning_object() -> None:
    out, losses = _shaped("openrouter")
    assert out["reasoning"] == {"max_tokens": 8192}
    assert "reasoning_effort" not in out
    assert not [loss for loss in losses if loss[0] == "thinking"]


@pytest.mark.parametrize("name", ["deepseek", "moonshot", "zhipu"])
def test_thinking_type_servers_get_thinking_enabled_and_max_tokens(name: str) -> None:
    out, _ = _shaped(name)
    assert out["thinking"] == {"type": "enabled"}
    assert out["max_tokens"] == 2048
    assert "max_completion_tokens" not in out
    # thinking is their default, so a request without it switches it off explicitly
    plain = {k: v for k, v in THINKING_REQUEST.items() if k != "thinking"}
    off, _ = _shaped(name, plain)
    assert off["thinking"] == {"type": "disabled"}


def test_dashscope_gets_enable_thinking() -> None:
    out, _ = _shaped("dashscope", {**THINKING_REQUEST, "stream": True})
    assert out["enable_thinking"] is True


def test_xai_refuses_stop_and_it_is_reported_not_sent() -> None:
    out, losses = _shaped("xai")
    assert "stop" not in out
    assert ("stop", "dropped") in losses


def test_mistral_tool_ids_are_nine_characters_the_same_in_call_and_result() -> None:
    request = {
        "model": "m",
        "max_tokens": 10,
        "messages": [
            {"role": "user", "content": "hi"},
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": "toolu_01ABC", "name": "f", "input": {}}],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "toolu_01ABC", "content": "ok"}],
            },
        ],
    }
    out, losses = _shaped("mistral", request)
    new = mistral_tool_id("toolu_01ABC")
    assert len(new) == 9
    assert new.isalnum()
    assert out["messages"][1]["tool_calls"][0]["id"] == new
    assert out["messages"][2]["tool_call_id"] == new
    assert ("messages[1].tool_calls[0].id", "approximated") in losses
    assert mistral_tool_id("abcDEF123") == "abcDEF123"


@pytest.mark.parametrize("name", ["bedrock", "vertex"])
def test_bedrock_and_vertex_bodies_name_the_version_and_leave_the_model_to_the_url(
    name: str,
) -> None:
    body = {"model": "claude", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    out = rc.openai_to_anthropic_request(body, dialect=name).value.to_dict()
    assert "model" not in out
    assert out["anthropic_version"] == DIALECTS[name].anthropic_version
    assert ("stream" in out) is (name == "vertex")


@pytest.mark.parametrize(
    "name", ["deepseek-anthropic", "moonshot-anthropic", "zhipu-anthropic", "minimax-anthropic"]
)
def test_anthropic_compatible_usage_already_includes_the_cache(name: str) -> None:
    """Their input_tokens count the cache too: prompt_tokens is input_tokens, not input + cache."""
    reply = _load(name, "reply.json")
    usage = reply["usage"]
    out = rc.anthropic_to_openai_response(reply, dialect=name).value.to_dict()["usage"]
    assert out["prompt_tokens"] == usage["input_tokens"]
    standard = rc.anthropic_to_openai_response(reply).value.to_dict()["usage"]
    cache = (usage.get("cache_read_input_tokens") or 0) + (
        usage.get("cache_creation_input_tokens") or 0
    )
    assert standard["prompt_tokens"] == usage["input_tokens"] + cache


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://api.deepseek.com", "deepseek"),
        ("https://api.deepseek.com/anthropic", "deepseek-anthropic"),
        ("https://openrouter.ai/api/v1", "openrouter"),
        ("https://generativelanguage.googleapis.com/v1beta/openai/", "gemini"),
        ("https://bedrock-runtime.us-east-1.amazonaws.com", "bedrock"),
        ("http://localhost:11434/v1", "ollama"),
        ("https://api.openai.com/v1", "openai"),
        ("https://api.anthropic.com", "anthropic"),
        ("https://llm.internal.example/v1", None),
        ("http://host:notaport/v1", None),
    ],
)
def test_guess_dialect(url: str, name: str | None) -> None:
    assert guess_dialect(url) == name


# -- Gemini's thought signatures -------------------------------------------------------------------


@pytest.mark.oracle
def test_a_gemini_thought_signature_reaches_the_client_the_same_streamed_or_not() -> None:
    """The signature on Gemini's tool call becomes a marked, empty thinking block before the
    tool_use block, in the reply and in the stream alike."""
    raw = (FIXTURES / "gemini" / "stream.sse").read_bytes()
    streamed = anthropic_sdk_over_http(
        transcode(rc.OpenAIToAnthropicStream(dialect="gemini"), [raw])
    )
    reply = rc.openai_to_anthropic_response(_load("gemini", "reply.json"))
    assert reply.losses == ()  # extra_content is read, not reported unknown
    signature = _load("gemini", "reply.json")["choices"][0]["message"]["tool_calls"][0][
        "extra_content"
    ]["google"]["thought_signature"]
    expected = {"type": "thinking", "thinking": "", "signature": GEMINI_SIGNATURE + signature}
    assert reply.value.to_dict()["content"][0] == expected
    assert [{k: b[k] for k in expected} for b in streamed["content"][:1]] == [expected]
    assert [b["type"] for b in streamed["content"]] == ["thinking", "tool_use"]


def test_a_claude_signature_is_never_sent_to_gemini_and_a_gemini_one_never_elsewhere() -> None:
    def turn(signature: str) -> Json:
        return {
            "model": "m",
            "max_tokens": 10,
            "messages": [
                {"role": "user", "content": "hi"},
                {
                    "role": "assistant",
                    "content": [
                        {"type": "thinking", "thinking": "", "signature": signature},
                        {"type": "tool_use", "id": "c1", "name": "f", "input": {}},
                    ],
                },
                {
                    "role": "user",
                    "content": [{"type": "tool_result", "tool_use_id": "c1", "content": "ok"}],
                },
            ],
        }

    claude = rc.anthropic_to_openai_request(turn("EqQBCkYIBhAB"), dialect="gemini")
    (call,) = _assistant(claude.value.to_dict())["tool_calls"]
    assert "extra_content" not in call
    assert [loss.path for loss in claude.losses] == ["messages[1]"]
    gemini = rc.anthropic_to_openai_request(turn(GEMINI_SIGNATURE + "Cik"), dialect="openai")
    (call,) = _assistant(gemini.value.to_dict())["tool_calls"]
    assert "extra_content" not in call
    assert [loss.path for loss in gemini.losses] == ["messages[1].content[0]"]
    back = rc.anthropic_to_openai_request(turn(GEMINI_SIGNATURE + "Cik"), dialect="gemini")
    (call,) = _assistant(back.value.to_dict())["tool_calls"]
    assert call["extra_content"] == {"google": {"thought_signature": "Cik"}}
    assert back.losses == ()


def test_docs_dialects_is_rendered_from_the_table() -> None:
    """docs/dialects.md is exactly what DIALECTS renders (regenerate: python
    docs/render_dialects.py > docs/dialects.md)."""
    from render_dialects import render_dialects

    assert (FIXTURES.parents[1] / "docs" / "dialects.md").read_text() == render_dialects()


# -- a Responses client (Codex) in front of these upstreams ----------------------------------------


def _responses_says(output: list[Json]) -> Json:
    reasoning = [
        part["text"]
        for item in output
        if item["type"] == "reasoning"
        for part in (*item.get("summary", ()), *(item.get("content") or ()))
    ]
    return {
        "thinking": "".join(reasoning),
        "text": "".join(
            part["text"]
            for item in output
            if item["type"] == "message"
            for part in item["content"]
            if part["type"] == "output_text"
        ),
        "calls": [
            (item["call_id"], item["name"], json.loads(item["arguments"]))
            for item in output
            if item["type"] == "function_call"
        ],
    }


@pytest.mark.parametrize("name", _with("stream.sse", "openai"))
def test_a_responses_client_gets_what_the_stream_and_the_reply_say(name: str) -> None:
    """The same upstreams behind a Responses client: the stream's response.completed and the
    converted reply hold the reasoning, text and calls the upstream sent (reasoning texts joined
    without separators, as the stream's deltas are)."""
    raw = (FIXTURES / name / "stream.sse").read_bytes()
    converted = transcode(rc.OpenAIToResponsesStream(), [raw]).decode()
    events = [json.loads(x[6:]) for x in converted.splitlines() if x.startswith("data: ")]
    (done,) = [e for e in events if e["type"] == "response.completed"]
    said = _said(_chunks(name))
    got = _responses_says(done["response"]["output"])
    assert got == said
    reply = _load(name, "reply.json")
    output = rc.openai_to_responses_response(reply, dialect=name).value.to_dict()["output"]
    assert _responses_says(output) == _reply_said(name)


def test_request_options_are_derived_from_each_options_object_of_its_own() -> None:
    """The derived request options are remembered per options object: another object (even an
    equal one made later) gets options derived from itself, and the same object the same ones."""
    from ruapi_convert.mapping import dialects
    from ruapi_convert.options import Options

    standard = dialects.DIALECTS["openai"]
    first = Options(max_tokens_field="max_tokens")
    derived = dialects.request_options(first, standard)
    assert derived.max_tokens_field == "max_tokens"
    assert derived.extensions is False
    assert dialects.request_options(first, standard) is derived
    second = Options(max_tokens_field="max_completion_tokens", extensions=False)
    assert dialects.request_options(second, standard).max_tokens_field == "max_completion_tokens"
    assert dialects.request_options(second, standard) is second  # nothing to change
    roundtrip = dialects.request_options(first, dialects.DIALECTS["roundtrip"])
    assert roundtrip.extensions is True
