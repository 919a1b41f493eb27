"""Properties of the four body conversions (requests and responses, both directions).

1. Only :class:`~ruapi_convert.ConversionError` escapes, and what comes out is valid: for generated
   payloads (with and without unknown fields, every feature flag on), arbitrary JSON values and
   random bytes, a conversion returns a value that our target model *and* the official SDK type
   accept, or raises a ``ConversionError`` whose ``path`` names a place in the input. With
   ``strict=True`` it raises ``LossyConversionError`` exactly when the lenient call reports losses.
   With ``extensions=True`` the OpenAI SDK check skips the documented extension *shapes* (see
   :func:`without_extension_shapes`); with ``extensions=False`` the whole output is checked.
2. Round trips are the identity on the portable subset, and neither leg reports a loss: A -> O -> A
   and O -> A -> O, for requests and responses, with extensions on; and again with extensions off
   on a narrower subset (text, tools, images, sampling, structured output). What is left out of the
   subsets, and why, is in the comment above ``PORTABLE_ANTHROPIC_REQUESTS`` and in the docstrings
   of the ``.map`` restrictions; the comparisons normalise only what the named normalisers (listed
   in ``NORMALISERS``, each justified) say is the same on the wire.
3. Nothing disappears silently: every scalar leaf of the input (JSON text of tool-call arguments
   decoded) reaches the output by value, or is covered by a ``Loss`` whose path is the leaf's path
   or a prefix of it (the whole-body path ``""`` covers nothing). Nulls are exempt (null is the
   same as absent), empty objects and lists have no leaves, booleans are checked by value only, and
   ``EXEMPT`` lists the leaves that are mapped rather than copied (discriminators, vocabularies,
   token sums, documented unreported defaults), each with its reason.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ruapi_convert as rc
from ruapi_convert._json import path_join
from ruapi_convert.testing import (
    anthropic_requests,
    anthropic_responses,
    openai_requests,
    openai_responses,
)

from .test_strategies import thinking_fits_the_tool_loop

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from hypothesis.strategies import SearchStrategy

    from ruapi_convert.models._base import WireModel

pytestmark = pytest.mark.property

Json = dict[str, Any]
Protocol = Literal["openai", "anthropic"]

#: A fixed ``created`` for Anthropic -> OpenAI responses (Anthropic has no timestamp; without the
#: option the conversion reports ``created`` as defaulted).
CREATED = 1_700_000_000


# -- the SDK types as validators --------------------------------------------------------------------


def _consume(value: Any) -> None:
    """Drain every ``ValidatorIterator`` in a TypeAdapter result.

    The SDKs type request lists as ``Iterable[...]``, which pydantic validates lazily: the items are
    checked only when the iterator is consumed, so an unconsumed result proves nothing.
    """
    if isinstance(value, dict):
        for item in value.values():
            _consume(item)
    elif isinstance(value, (list, tuple)) or type(value).__name__ == "ValidatorIterator":
        for item in value:  # ValidatorIterator: not exported by pydantic-core
            _consume(item)


#: Content-part and tool types of the OpenAI SDK (anything else is an extension shape).
_OPENAI_PART_TYPES = frozenset({"text", "image_url", "input_audio", "file", "refusal"})
_OPENAI_TOOL_TYPES = frozenset({"function", "custom"})


def without_extension_shapes(body: Json) -> Json:
    """An OpenAI request without the extension *shapes* documented in docs/mapping.md.

    Extension *keys* are extra keys, which the SDK types ignore; but with ``extensions=True`` the
    Anthropic -> OpenAI direction also carries Anthropic blocks without an OpenAI part as parts of
    their own type, images and documents of tool results inside the tool message, and built-in tools
    in Anthropic's shape ("Extension fields" in docs/mapping.md). Those are removed here so that the
    rest is still checked against the SDK type.
    """
    out = dict(body)
    messages = []
    for msg in body["messages"]:
        content = msg.get("content")
        if isinstance(content, list):
            allowed = {"text"} if msg["role"] == "tool" else _OPENAI_PART_TYPES
            msg = {**msg, "content": [p for p in content if p["type"] in allowed]}
        messages.append(msg)
    out["messages"] = messages
    if "tools" in body:
        out["tools"] = [t for t in body["tools"] if t.get("type") in _OPENAI_TOOL_TYPES]
    return out


# -- the four conversions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """One body conversion with the generator of its inputs and the validators of its outputs."""

    name: str
    convert: Callable[..., rc.Converted[Any]]
    source: Protocol
    strategy: SearchStrategy[Json]
    target: type[WireModel]
    sdk_check: Callable[[Json], None]
    options: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return self.name

    def run(self, body: Any, **opts: Any) -> rc.Converted[Any]:
        return self.convert(body, **dict(self.options), **opts)


# -- JSON paths -------------------------------------------------------------------------------------

_PATH_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def path_steps(path: str) -> list[str | int]:
    """``messages[3].content[0].text`` -> ``["messages", 3, "content", 0, "text"]``."""
    steps: list[str | int] = []
    pos = 0
    while pos < len(path):
        match = _PATH_TOKEN.match(path, pos)
        assert match is not None, f"malformed path {path!r} at {pos}"
        steps.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        pos = match.end()
    return steps


def names_input_location(body: Any, path: str) -> bool:
    """``path`` is ``""`` or names a value of ``body``, or a key missing from an object of it."""
    node = body
    steps = path_steps(path)
    for k, step in enumerate(steps):
        last = k == len(steps) - 1
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]  # (separate branches: mypy narrows the index type per branch)
        elif isinstance(step, str) and isinstance(node, dict) and step in node:
            node = node[step]
        else:
            # a required key that is missing is named by its would-be path
            return last and isinstance(step, str) and isinstance(node, dict)
    return True


def covers(loss_path: str, leaf_path: str) -> bool:
    """A loss at ``loss_path`` covers the leaf: same path or a proper prefix (not the whole body)."""
    if not loss_path:
        return False
    return leaf_path == loss_path or leaf_path.startswith((loss_path + ".", loss_path + "["))


# -- property 1: only ConversionError escapes, and the output is valid -------------------------------


# -- property 2: round trips on the portable subset ----------------------------------------------------
#
# Each normalisation below makes two payloads equal only where they mean the same on the wire; each
# one says why. Both sides of a comparison are normalised.

#: Keys whose value is free-form JSON (tool inputs, schemas): never normalised.
_FREE_FORM = frozenset({"input", "input_schema", "parameters", "schema", "arguments", "metadata"})


def _walk(value: Any, fix: Callable[[Json], Json]) -> Any:
    """Apply ``fix`` to every protocol object of ``value`` (bottom-up), skipping free-form JSON."""
    if isinstance(value, list):
        return [_walk(item, fix) for item in value]
    if isinstance(value, dict):
        return fix({k: v if k in _FREE_FORM else _walk(v, fix) for k, v in value.items()})
    return value


def null_is_absent(obj: Json) -> Json:
    """A key sent as ``null`` is the same as leaving it out (outside free-form JSON): request keys
    that take null are optional, and null selects their default; in replies the nullable keys
    (``stop_sequence``, ``content``, ``refusal``, ``logprobs`` ...) default to null in both SDKs'
    models (``Optional[...] = None``), so a reader cannot tell them apart."""
    return {k: v for k, v in obj.items() if v is not None}


def default_flags_are_absent(obj: Json) -> Json:
    """Anthropic ``disable_parallel_tool_use: false`` ("Defaults to false") and OpenAI
    ``parallel_tool_calls: true`` (the default: "Whether to enable parallel function calling")
    are the same as leaving the key out."""
    if obj.get("disable_parallel_tool_use") is False:
        obj = {k: v for k, v in obj.items() if k != "disable_parallel_tool_use"}
    if "messages" in obj and (
        obj.get("parallel_tool_calls") is True
        # and with tool_choice "none" no tool is called at all, in parallel or not
        or (obj.get("tool_choice") == "none" and "parallel_tool_calls" in obj)
    ):
        obj = {k: v for k, v in obj.items() if k != "parallel_tool_calls"}
    return obj


def arguments_as_json(obj: Json) -> Json:
    """Tool-call ``arguments`` compared as the JSON they encode: the converters re-serialise them
    compactly (docs/mapping.md, Known approximations), which changes only whitespace (and key order,
    which JSON objects do not have)."""
    fn = obj.get("function")
    if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
        try:
            decoded = json.loads(fn["arguments"])
        except ValueError:
            return obj
        return {**obj, "function": {**fn, "arguments": ("json", decoded)}}
    return obj


def no_annotations_is_absent(obj: Json) -> Json:
    """An OpenAI message with ``annotations: []`` has no annotations, like one without the key."""
    if obj.get("role") == "assistant" and obj.get("annotations") == []:
        return {k: v for k, v in obj.items() if k != "annotations"}
    return obj


def reasoning_details_in_full_form(obj: Json) -> Json:
    """``reasoning_details`` entries as this library writes them (OpenRouter's full form) carry
    ``format: "anthropic-claude-v1"`` (the signature scheme; these items are Anthropic thinking)
    and ``index`` (the entry's position): both restate what the entry already is."""
    details = obj.get("reasoning_details")
    if obj.get("role") != "assistant" or not isinstance(details, list):
        return obj
    short = [
        {
            k: v
            for k, v in entry.items()
            if not (k == "format" and v == "anthropic-claude-v1") and not (k == "index" and v == i)
        }
        for i, entry in enumerate(details)
    ]
    return {**obj, "reasoning_details": short}


def empty_assistant_content(obj: Json) -> Json:
    """An OpenAI assistant message with ``content: ""`` says no more than one without content
    (content is optional next to tool calls: "Required unless tool_calls ... is specified")."""
    if obj.get("role") == "assistant" and obj.get("content") == "" and obj.get("tool_calls"):
        return {k: v for k, v in obj.items() if k != "content"}
    return obj


def one_text_part_is_a_string(obj: Json) -> Json:
    """``content: [{"type": "text", "text": s}]`` and ``content: s`` are the same message: both
    APIs document the string as shorthand for one text part (OpenAI) or block (Anthropic)."""
    content = obj.get("content")
    if (
        "role" in obj
        and isinstance(content, list)
        and len(content) == 1
        and isinstance(content[0], dict)
        and content[0].keys() == {"type", "text"}
        and content[0]["type"] == "text"
    ):
        return {**obj, "content": content[0]["text"]}
    return obj


def empty_tool_result_content(obj: Json) -> Json:
    """An Anthropic ``tool_result`` without ``content`` is an empty result, the same as
    ``content: ""`` (OpenAI tool messages must have a content, so "" is what comes back)."""
    if obj.get("type") == "tool_result" and obj.get("content") in ("", []):
        return {k: v for k, v in obj.items() if k != "content"}
    return obj


def stop_string_is_a_list(obj: Json) -> Json:
    """OpenAI ``stop: "x"`` is the same as ``stop: ["x"]`` ("Up to 4 sequences where the API will
    stop generating"; the string is the one-sequence form)."""
    if "messages" in obj and isinstance(obj.get("stop"), str):
        return {**obj, "stop": [obj["stop"]]}
    return obj


def developer_is_system(obj: Json) -> Json:
    """OpenAI ``developer`` messages are the newer name of ``system`` messages ("With o1 models
    and newer, developer messages replace the previous system messages"); Anthropic has one kind."""
    if obj.get("role") == "developer":
        return {**obj, "role": "system"}
    return obj


def absent_parameters_are_empty(obj: Json) -> Json:
    """An OpenAI function without ``parameters`` takes none ("Omitting parameters defines a
    function with an empty parameter list"): the same as an empty object schema."""
    fn = obj.get("function")
    if (
        obj.get("type") == "function"
        and isinstance(fn, dict)
        and "name" in fn
        and "parameters" not in fn
        and "arguments" not in fn
    ):
        return {**obj, "function": {**fn, "parameters": {"type": "object", "properties": {}}}}
    return obj


def auto_tool_choice_is_default(obj: Json) -> Json:
    """OpenAI ``tool_choice: "auto"`` is the documented default when tools are present ("auto is
    the default if tools are present")."""
    if "messages" in obj and obj.get("tool_choice") == "auto" and obj.get("tools"):
        return {k: v for k, v in obj.items() if k != "tool_choice"}
    return obj


def without_created(obj: Json) -> Json:
    """``message.openai.created``: the timestamp the OpenAI leg of an Anthropic -> OpenAI ->
    Anthropic trip had to make up (from the ``created`` option); Anthropic messages have none."""
    ext = obj.get("openai")
    if obj.get("type") == "message" and isinstance(ext, dict) and "created" in ext:
        rest = {k: v for k, v in ext.items() if k != "created"}
        obj = {k: v for k, v in obj.items() if k != "openai"}
        if rest:
            obj["openai"] = rest
    return obj


NORMALISERS: tuple[Callable[[Json], Json], ...] = (
    null_is_absent,
    default_flags_are_absent,
    arguments_as_json,
    no_annotations_is_absent,
    reasoning_details_in_full_form,
    empty_assistant_content,
    one_text_part_is_a_string,
    empty_tool_result_content,
    stop_string_is_a_list,
    developer_is_system,
    absent_parameters_are_empty,
    auto_tool_choice_is_default,
    without_created,
)


def normalise(payload: Json) -> Json:
    def fix(obj: Json) -> Json:
        for step in NORMALISERS:
            obj = step(obj)
        return obj

    result: Json = _walk(payload, fix)
    return result


def leg(
    convert: Callable[..., rc.Converted[Any]], body: Any, options: rc.Options, created: int | None
) -> rc.Converted[Any]:
    """One leg of a round trip: the policies for both legs, ``created`` where the call takes it."""
    if convert is rc.anthropic_to_openai_response and created is not None:
        return convert(body, options=options, created=created)
    return convert(body, options=options)


def assert_round_trip(
    there: Callable[..., rc.Converted[Any]],
    back: Callable[..., rc.Converted[Any]],
    body: Json,
    options: rc.Options | None = None,
    created: int | None = None,
) -> None:
    """``back(there(body))`` equals ``body`` (normalised), and neither leg reports a loss."""
    options = options or rc.Options()
    first = leg(there, body, options, created)
    assert first.losses == (), first.losses
    second = leg(back, first.value, options, created)
    assert second.losses == (), second.losses
    got, want = normalise(second.value.to_dict()), normalise(body)
    assert got == want, list(differences(want, got))


def differences(want: Any, got: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """``(path, want, got)`` for every place where two JSON values differ (for messages)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(want.keys() | got.keys()):
            sub = f"{path}.{key}" if path else key
            if key not in got or key not in want:
                yield sub, want.get(key, "<absent>"), got.get(key, "<absent>")
            else:
                yield from differences(want[key], got[key], sub)
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for k, (a, b) in enumerate(zip(want, got, strict=True)):
            yield from differences(a, b, f"{path}[{k}]")
    elif want != got or type(want) is not type(got):
        yield path, want, got


# What the portable subsets leave out. Flags off (with the reason):
#
# * Anthropic requests: ``protocol_specific`` (no counterpart by definition) and ``prefill``: a
#   trailing assistant message means "continue this" on Anthropic and "an earlier turn" on OpenAI
#   (reported as approximated in both directions).
# * OpenAI requests: ``protocol_specific``; ``audio``, ``logprobs``, ``multiple_choices`` (no
#   Anthropic counterpart); ``deprecated`` (``functions``/``function_call``/``max_tokens`` come back
#   in their current form, reported); ``lenient`` (``content: null`` user messages are dropped,
#   Anthropic-shaped tools come back OpenAI-shaped); ``prefill`` (as above); ``refusals`` (a refusal
#   part becomes text, reported); ``cache_control`` (``prompt_cache_key``/``prompt_cache_options``
#   have no counterpart; breakpoint TTLs 30m/12h become 1h).
# * Responses: ``protocol_specific``; OpenAI ``audio``, ``logprobs``, ``multiple_choices``,
#   ``deprecated``, ``refusals`` (as above).
#
# And the restrictions below, each of something the other protocol cannot say.


def effort_with_thinking(body: Json) -> Json:
    """No ``output_config.effort`` without a ``thinking`` object, for extensions off: OpenAI's
    reasoning_effort is both, and the OpenAI -> Anthropic direction reads it as adaptive thinking
    (with extensions on the effort is carried in ``output_config``, see
    ``test_effort_without_thinking_round_trip``)."""
    config = body.get("output_config")
    if body.get("thinking") is None and isinstance(config, dict) and "effort" in config:
        rest = {k: v for k, v in config.items() if k != "effort"}
        body = {k: v for k, v in body.items() if k != "output_config"}
        if rest:
            body["output_config"] = rest
    return body


def one_text_block(message: Json) -> Json:
    """At most one text block in an Anthropic reply: Chat Completions has one content string, so
    several text blocks are joined (reported as approximated; docs/mapping.md, Known
    approximations)."""
    seen = False
    content = []
    for block in message["content"]:
        if block["type"] == "text":
            if seen:
                continue
            seen = True
        content.append(block)
    return {**message, "content": content}


def with_max_tokens(body: Json) -> Json:
    """An explicit ``max_completion_tokens``: Anthropic requires max_tokens, so a request without
    one gets the documented default (reported as defaulted)."""
    if body.get("max_completion_tokens") is None:
        return {**body, "max_completion_tokens": 1024}
    return body


def portable_response_format(body: Json) -> Json:
    """``response_format`` as Anthropic's output format can say it: ``name: "response"`` (OpenAI
    requires a name, Anthropic has none; documented as not reported), no ``description``
    (dropped), ``strict: true`` (Anthropic always enforces the schema; false is approximated)."""
    fmt = body.get("response_format")
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema":
        return body
    schema = {k: v for k, v in fmt["json_schema"].items() if k != "description"}
    schema.update(name="response", strict=True)
    return {**body, "response_format": {**fmt, "json_schema": schema}}


def portable_reasoning(body: Json) -> Json:
    """Reasoning that Anthropic's thinking can carry: no ``minimal`` effort (Anthropic's lowest is
    low; approximated), no effort next to a forced tool choice (Anthropic rejects thinking with a
    forced tool; dropped), no temperature and no top_p below 0.95 with it (Anthropic rejects or
    raises them with thinking), and ``reasoning_content`` written the way this library writes it
    (the thinking texts joined by a blank line, docs/mapping.md; the strategy does this too, so
    this only matters for entries that a strategy flag rewrote), no effort when the last assistant
    turn calls tools without signed reasoning (Anthropic rejects thinking then; dropped)."""
    out = dict(body)
    effort = out.get("reasoning_effort")
    choice = out.get("tool_choice")
    forced = choice == "required" or isinstance(choice, dict)
    if effort == "minimal":
        effort = out["reasoning_effort"] = "low"
    if effort is not None and effort != "none" and (forced or _unsigned_tool_loop(out)):
        del out["reasoning_effort"]
    elif effort is not None and effort != "none":
        out.pop("temperature", None)
        if out.get("top_p") is not None and out["top_p"] < 0.95:
            del out["top_p"]
    out["messages"] = [_portable_reasoning_message(m) for m in out["messages"]]
    return out


def _unsigned_tool_loop(body: Json) -> bool:
    last = next((m for m in reversed(body["messages"]) if m.get("role") == "assistant"), None)
    if last is None or not last.get("tool_calls"):
        return False
    details = last.get("reasoning_details") or []
    return not any(d.get("signature") or d.get("type") == "reasoning.encrypted" for d in details)


def _portable_reasoning_message(msg: Json) -> Json:
    details = msg.get("reasoning_details")
    if msg.get("role") != "assistant" or not details:
        return msg
    texts = [d["text"] for d in details if d["type"] == "reasoning.text" and d["text"]]
    msg = {k: v for k, v in msg.items() if k != "reasoning_content"}
    if texts:
        msg["reasoning_content"] = "\n\n".join(texts)
    return msg


def usage_in_streams(body: Json) -> Json:
    """A streaming request asks for usage (``stream_options.include_usage: true``): Anthropic
    streams always carry it, so the Anthropic -> OpenAI direction always asks for it."""
    out = {k: v for k, v in body.items() if k != "stream_options"}
    if out.get("stream"):
        out["stream_options"] = {"include_usage": True}
    return out


def portable_reply_reasoning(body: Json) -> Json:
    """The reply's ``reasoning_content`` written the way this library writes it (see
    :func:`portable_reasoning`)."""
    choices = [{**c, "message": _portable_reasoning_message(c["message"])} for c in body["choices"]]
    return {**body, "choices": choices}


def portable_temperature(body: Json) -> Json:
    """``temperature`` at most 1: OpenAI allows 0-2, Anthropic 0-1 (higher values are clamped,
    reported as approximated)."""
    if body.get("temperature") is not None and body["temperature"] > 1:
        return {**body, "temperature": 1}
    return body


PORTABLE_ANTHROPIC_REQUESTS = anthropic_requests(protocol_specific=False, prefill=False)
PORTABLE_OPENAI_REQUESTS = (
    openai_requests(
        protocol_specific=False,
        audio=False,
        logprobs=False,
        multiple_choices=False,
        deprecated=False,
        lenient=False,
        prefill=False,
        refusals=False,
        cache_control=False,
    )
    .map(with_max_tokens)
    .map(portable_response_format)
    .map(portable_reasoning)
    .map(portable_temperature)
    .map(usage_in_streams)
)
PORTABLE_ANTHROPIC_RESPONSES = anthropic_responses(protocol_specific=False).map(one_text_block)
PORTABLE_OPENAI_RESPONSES = openai_responses(
    lenient=False,
    protocol_specific=False,
    audio=False,
    logprobs=False,
    multiple_choices=False,
    deprecated=False,
    refusals=False,
).map(portable_reply_reasoning)

#: Policies for both legs: mid-conversation system messages stay in place (``native``), as the
#: Anthropic -> OpenAI direction sends them (``created`` is given too, since Anthropic has none);
#: the round-trip dialect carries the extension fields (the standard default drops them).
ROUND_TRIP_OPTIONS = rc.Options(system_messages="native", dialect="roundtrip")


@given(PORTABLE_ANTHROPIC_REQUESTS)
def test_anthropic_request_round_trip_is_the_identity(body: Json) -> None:
    """Anthropic -> OpenAI -> Anthropic gives the request back, with no loss on either leg."""
    assert_round_trip(
        rc.anthropic_to_openai_request,
        rc.openai_to_anthropic_request,
        body,
        ROUND_TRIP_OPTIONS,
        CREATED,
    )


@given(PORTABLE_OPENAI_REQUESTS)
def test_openai_request_round_trip_is_the_identity(body: Json) -> None:
    """OpenAI -> Anthropic -> OpenAI gives the request back, with no loss on either leg."""
    assert_round_trip(
        rc.openai_to_anthropic_request,
        rc.anthropic_to_openai_request,
        body,
        ROUND_TRIP_OPTIONS,
        CREATED,
    )


@given(PORTABLE_ANTHROPIC_RESPONSES)
def test_anthropic_response_round_trip_is_the_identity(body: Json) -> None:
    """Anthropic -> OpenAI -> Anthropic gives the message back, with no loss on either leg."""
    assert_round_trip(
        rc.anthropic_to_openai_response,
        rc.openai_to_anthropic_response,
        body,
        ROUND_TRIP_OPTIONS,
        CREATED,
    )


@given(PORTABLE_OPENAI_RESPONSES)
def test_openai_response_round_trip_is_the_identity(body: Json) -> None:
    """OpenAI -> Anthropic -> OpenAI gives the completion back, with no loss on either leg
    (``created`` comes back from ``message.openai``, so the option is not given: it would win)."""
    assert_round_trip(rc.openai_to_anthropic_response, rc.anthropic_to_openai_response, body)


def test_effort_without_thinking_round_trip() -> None:
    """Anthropic effort without thinking -> OpenAI -> Anthropic keeps thinking off."""
    body = {
        "model": "claude-opus-4-8",
        "max_tokens": 2048,
        "messages": [{"role": "user", "content": "Hi"}],
        "output_config": {"effort": "low"},
    }
    assert_round_trip(
        rc.anthropic_to_openai_request,
        rc.openai_to_anthropic_request,
        body,
        rc.Options(dialect="roundtrip"),
    )


# With extensions off nothing rides in extension fields, so only what both protocols have in their
# standard fields survives: text, tools and tool results, images (and the sampling and structured
# output parameters). Flags off beyond the portable subsets: thinking/reasoning, documents, server
# tools, citations, cache control, beta shapes (all carried only in extension fields).
def no_top_k(body: Json) -> Json:
    """No ``top_k``: Chat Completions has none (carried only as an extension)."""
    return {k: v for k, v in body.items() if k != "top_k"}


def text_tool_results(body: Json) -> Json:
    """Tool results of text only and without ``is_error``: OpenAI tool messages carry text only
    (without extensions images move to a user message after them, approximated) and have no error
    flag (carried only as an extension; even ``false`` is reported without extensions)."""

    def fix(obj: Json) -> Json:
        if obj.get("type") == "tool_result":
            obj = {k: v for k, v in obj.items() if k != "is_error"}
            if isinstance(obj.get("content"), list):
                obj["content"] = [b for b in obj["content"] if b.get("type") == "text"]
        return obj

    result: Json = _walk(body, fix)
    return result


def standard_stop_reason(message: Json) -> Json:
    """A stop reason with an exact finish_reason (end_turn, max_tokens, tool_use); the others,
    ``stop_sequence`` and ``stop_details`` are carried only in ``message.anthropic``."""
    out = {k: v for k, v in message.items() if k != "stop_details"}
    if out["stop_reason"] not in ("end_turn", "max_tokens", "tool_use"):
        out["stop_reason"] = "end_turn"
    out["stop_sequence"] = None
    return out


STANDARD_ANTHROPIC_REQUESTS = (
    anthropic_requests(
        protocol_specific=False,
        prefill=False,
        thinking=False,
        documents=False,
        server_tools=False,
        citations=False,
        cache_control=False,
        beta=False,
    )
    .map(effort_with_thinking)
    .map(no_top_k)
    .map(text_tool_results)
)
STANDARD_OPENAI_REQUESTS = (
    openai_requests(
        protocol_specific=False,
        audio=False,
        logprobs=False,
        multiple_choices=False,
        deprecated=False,
        lenient=False,
        prefill=False,
        refusals=False,
        cache_control=False,
        reasoning=False,
        documents=False,
    )
    .map(with_max_tokens)
    .map(portable_response_format)
    .map(portable_temperature)
    .map(usage_in_streams)
)
STANDARD_ANTHROPIC_RESPONSES = (
    anthropic_responses(
        protocol_specific=False,
        thinking=False,
        server_tools=False,
        citations=False,
        cache_control=False,
        beta=False,
    )
    .map(one_text_block)
    .map(standard_stop_reason)
)
STANDARD_OPENAI_RESPONSES = openai_responses(
    lenient=False,
    protocol_specific=False,
    audio=False,
    logprobs=False,
    multiple_choices=False,
    deprecated=False,
    refusals=False,
    reasoning=False,
    citations=False,
    cache_control=False,
)


@pytest.mark.parametrize(
    ("strategy", "there", "back"),
    [
        pytest.param(
            STANDARD_ANTHROPIC_REQUESTS,
            rc.anthropic_to_openai_request,
            rc.openai_to_anthropic_request,
            id="anthropic_requests",
        ),
        pytest.param(
            STANDARD_OPENAI_REQUESTS,
            rc.openai_to_anthropic_request,
            rc.anthropic_to_openai_request,
            id="openai_requests",
        ),
        pytest.param(
            STANDARD_ANTHROPIC_RESPONSES,
            rc.anthropic_to_openai_response,
            rc.openai_to_anthropic_response,
            id="anthropic_responses",
        ),
        pytest.param(
            STANDARD_OPENAI_RESPONSES,
            rc.openai_to_anthropic_response,
            rc.anthropic_to_openai_response,
            id="openai_responses",
        ),
    ],
)
@given(data=st.data())
def test_round_trip_without_extensions_is_the_identity(
    strategy: SearchStrategy[Json],
    there: Callable[..., rc.Converted[Any]],
    back: Callable[..., rc.Converted[Any]],
    data: st.DataObject,
) -> None:
    """``extensions=False``: the standard-field subset still comes back unchanged, and the only
    loss is a reply's ``created``, which Anthropic has no field for (the ``created`` option gives
    it back)."""
    body = data.draw(strategy)
    options = rc.Options(system_messages="native", extensions=False)
    created = body.get("created", CREATED)
    first = leg(there, body, options, created)
    second = leg(back, first.value, options, created)
    # OpenAI's created has no Anthropic field: dropped (reported) on the OpenAI -> Anthropic leg
    # of a response trip, given back by the option on the way to OpenAI.
    lost = [loss.path for loss in (*first.losses, *second.losses)]
    assert lost == (["created"] if "created" in json.dumps(lost) else []), lost
    if there is rc.anthropic_to_openai_response:
        assert lost == ["created"]
    got, want = normalise(second.value.to_dict()), normalise(body)
    assert got == want, list(differences(want, got))


# -- property 3: nothing disappears silently ------------------------------------------------------


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, scalar)`` for every scalar of a JSON value, with paths in Loss syntax."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path_join(path, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from leaves(item, path_join(path, k))
    elif isinstance(value, str) and value[:1] in ("{", "[") and path.endswith(".arguments"):
        try:  # tool-call arguments: JSON text whose leaves the output holds as JSON
            decoded = json.loads(value)
        except ValueError:
            yield path, value
        else:
            yield from leaves(decoded, path) if decoded not in ({}, []) else ()
    else:
        yield path, value


_DATA_URL = re.compile(r"data:([^;,]*)(?:;[^,]*)?;base64,(.*)", re.DOTALL)


class Reached:
    """Every value of a conversion's output, for "did this input leaf reach the output" by value.

    Strings are searched as substrings of all output strings; JSON text inside output strings
    (tool-call arguments) and base64 ``data:`` URLs are decoded and searched too, because the
    converters move values into and out of those encodings.
    """

    def __init__(self, output: Any) -> None:
        self.strings: list[str] = []
        self.numbers: set[int | float] = set()
        self.booleans: set[bool] = set()
        self._add(output)
        self.blob = "\x00".join(self.strings)

    def _add(self, value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                self._add(item)
        elif isinstance(value, list):
            for item in value:
                self._add(item)
        elif isinstance(value, bool):
            self.booleans.add(value)
        elif isinstance(value, (int, float)):
            self.numbers.add(value)
        elif isinstance(value, str):
            self.strings.append(value)
            if value[:1] in ("{", "["):
                with contextlib.suppress(ValueError):
                    self._add(json.loads(value))
            decoded = _decode_data_url(value)
            if decoded is not None:
                self.strings.append(decoded)

    def has(self, leaf: Any) -> bool:
        if isinstance(leaf, bool):
            return leaf in self.booleans
        if isinstance(leaf, (int, float)):
            return (
                leaf in self.numbers
                or repr(leaf) in self.blob
                or (isinstance(leaf, float) and leaf.is_integer() and str(int(leaf)) in self.blob)
            )
        if isinstance(leaf, str):
            if leaf in self.blob:
                return True
            match = _DATA_URL.fullmatch(leaf)
            if match is not None:  # a data URL split into media type and data, or decoded
                decoded = _decode_data_url(leaf)
                return match.group(1) in self.blob and (
                    match.group(2) in self.blob or (decoded is not None and decoded in self.blob)
                )
        return False


def _decode_data_url(value: str) -> str | None:
    match = _DATA_URL.fullmatch(value)
    if match is None:
        return None
    try:
        return base64.b64decode(match.group(2), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None


@dataclass(frozen=True)
class Exempt:
    """Leaves (of one conversion, or of all) that need not reach the output verbatim."""

    conversion: str  # a Conversion name, or "*"
    path: str  # a regular expression over the leaf's path ([n] indices included)
    values: tuple[Any, ...] | None  # only these values (None: any value)
    why: str


_STRUCTURE = "structure: the value is the shape of the output (which property 1 validates)"
_VOCABULARY = "mapped through a documented vocabulary (docs/mapping.md, Vocabularies)"

#: What may be absent from the output without a loss, and why. Everything else must be there.
EXEMPT: tuple[Exempt, ...] = (
    # Discriminators and positions: the output has the same kind of object in its own shape. (Not
    # cache_control.type: a dropped {type: ephemeral} has nothing else to show for it.)
    Exempt("*", r"(^|\.)(?<!cache_control\.)(type|object|role)$", None, _STRUCTURE),
    Exempt("*", r"(^|\.)index$", None, "a position in a list, restated by the output's order"),
    # vocabularies
    Exempt("openai_to_anthropic_request", r"^service_tier$", None, _VOCABULARY),
    Exempt("anthropic_to_openai_request", r"^service_tier$", None, _VOCABULARY),
    Exempt("openai_to_anthropic_response", r"^service_tier$", None, _VOCABULARY),
    Exempt("anthropic_to_openai_response", r"^usage\.service_tier$", None, _VOCABULARY),
    Exempt("openai_to_anthropic_request", r"^(tool_choice|function_call)$", None, _VOCABULARY),
    Exempt("anthropic_to_openai_response", r"^stop_reason$", None, _VOCABULARY),
    Exempt("openai_to_anthropic_response", r"^choices\[0\]\.finish_reason$", None, _VOCABULARY),
    Exempt(
        "openai_to_anthropic_request",
        r"^reasoning_effort$",
        None,
        "becomes thinking + output_config.effort (none: thinking disabled); docs/mapping.md",
    ),
    Exempt(
        "anthropic_to_openai_request",
        r"^thinking\.(type|budget_tokens)$",
        None,
        "becomes reasoning_effort (a budget that is not exactly an effort's is reported)",
    ),
    Exempt(
        "openai_to_anthropic_request",
        r"^parallel_tool_calls$",
        None,
        "false becomes tool_choice.disable_parallel_tool_use: true (true is the default; without "
        "tools or with tool_choice none nothing is called at all)",
    ),
    Exempt(
        "anthropic_to_openai_request",
        r"^tool_choice\.disable_parallel_tool_use$",
        None,
        "true becomes parallel_tool_calls: false (false is the default)",
    ),
    Exempt(
        "openai_to_anthropic_request",
        r"prompt_cache_breakpoint\.mode$",
        None,
        "a breakpoint becomes cache_control {type: ephemeral}; its mode says it is one",
    ),
    # token counts are added or subtracted (cache reads and writes are separate in Anthropic)
    Exempt(
        "anthropic_to_openai_response", r"^usage\.input_tokens$", None, "prompt_tokens is a sum"
    ),
    Exempt(
        "openai_to_anthropic_response",
        r"^usage\.(prompt_tokens|total_tokens)$",
        None,
        "input_tokens is prompt_tokens minus cached tokens; Anthropic has no total",
    ),
    # documented defaults and identifiers that are not reported (docs/mapping.md)
    Exempt("openai_to_anthropic_request", r"^n$", (1,), "1 is the default (not reported)"),
    Exempt("openai_to_anthropic_request", r"^store$", (False,), "false is not reported"),
    Exempt("openai_to_anthropic_request", r"^logprobs$", (False,), "false is not reported"),
    Exempt("openai_to_anthropic_request", r"^top_logprobs$", (0,), "0 is not reported"),
    Exempt(
        "openai_to_anthropic_request",
        r"^stream_options\.include_obfuscation$",
        (False,),
        "reported only when true",
    ),
    Exempt("openai_to_anthropic_request", r"^verbosity$", ("medium",), "the default"),
    Exempt(
        "openai_to_anthropic_request",
        r"^(frequency_penalty|presence_penalty)$",
        (0, 0.0),
        "0 is not reported",
    ),
    Exempt("openai_to_anthropic_request", r"^modalities\[0\]$", ("text",), "['text']"),
    Exempt("openai_to_anthropic_request", r"image_url\.detail$", ("auto",), "'auto'"),
    Exempt(
        "openai_to_anthropic_request",
        r"^stream_options\.include_usage$",
        None,
        "Anthropic streams always carry usage; the stream converter's option decides",
    ),
    Exempt(
        "openai_to_anthropic_request",
        r"^response_format\.json_schema\.name$",
        None,
        "an identifier OpenAI requires and the model does not read; not reported",
    ),
    Exempt(
        "openai_to_anthropic_request",
        r"^response_format\.type$",
        ("text",),
        "text is the default: nothing to send",
    ),
    Exempt(
        "openai_to_anthropic_request",
        r"^response_format\.json_schema\.strict$",
        (True,),
        "Anthropic always enforces the schema",
    ),
    Exempt(
        "anthropic_to_openai_request",
        r"\.content\[\d+\]\.is_error$",
        (False,),
        "false is the default: without extensions it is not sent and not reported",
    ),
)


def exempt(conversion: str, path: str, leaf: Any) -> bool:
    return any(
        e.conversion in ("*", conversion)
        and re.search(e.path, path) is not None
        and (e.values is None or any(leaf == v and type(leaf) is type(v) for v in e.values))
        for e in EXEMPT
    )


def silent_losses(conv: Conversion, body: Json, result: rc.Converted[Any]) -> list[tuple[str, Any]]:
    """The leaves of ``body`` that neither reached the output nor are covered by a loss.

    Nulls are exempt (null is the same as absent, see :func:`null_is_absent`), and so is what
    :data:`EXEMPT` lists; JSON text in the input (tool-call arguments) is checked leaf by leaf.
    """
    reached = Reached(result.value.to_dict())
    lost = [loss.path for loss in result.losses]
    return [
        (path, leaf)
        for path, leaf in leaves(body)
        if leaf is not None
        and not reached.has(leaf)
        and not any(covers(p, path) for p in lost)
        and not exempt(conv.name, path, leaf)
        and not mirrors_details(body, path, leaf)
    ]


def mirrors_details(body: Json, path: str, leaf: Any) -> bool:
    """A ``reasoning_content`` that is exactly the message's ``reasoning.text`` texts joined by a
    blank line is a second copy of them (docs/mapping.md): the texts themselves are checked, and
    the library reports a reasoning_content that differs (tests/convert/test_responses.py,
    tests/stream/test_behaviour.py)."""
    if not path.endswith(".reasoning_content"):
        return False
    parent: Any = body
    for key in re.findall(r"[^.\[\]]+", path.rsplit(".", 1)[0]):
        parent = parent[int(key)] if isinstance(parent, list) else parent.get(key)
        if parent is None:
            return False
    details = parent.get("reasoning_details") if isinstance(parent, dict) else None
    if not isinstance(details, list):
        return False
    texts = [
        d["text"]
        for d in details
        if isinstance(d, dict) and d.get("type") == "reasoning.text" and d.get("text")
    ]
    return bool(texts) and leaf == "\n\n".join(texts)


@given(openai_requests())
def test_converted_requests_never_turn_thinking_on_for_a_tool_loop_without_signed_thinking(
    body: Json,
) -> None:
    """Apps rebuild the assistant turn without its reasoning; a converted request that keeps
    thinking on must still satisfy Anthropic's rule, or the upstream answers 400."""
    with contextlib.suppress(rc.ConversionError):
        out = rc.openai_to_anthropic_request(body).value.to_dict()
        thinking = out.get("thinking")
        if thinking and thinking["type"] != "disabled":
            assert thinking_fits_the_tool_loop(out["messages"])
