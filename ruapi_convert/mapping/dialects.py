"""
ruapi_convert.mapping.dialects
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: what sets one upstream apart from the protocol it speaks is written down here, as data - one
:class:`Dialect` per upstream, chosen with the ``dialect=`` option, never inferred.

A gateway's OpenAI side talks to api.openai.com but also to DeepSeek, vLLM, OpenRouter, Gemini,
Mistral, Ollama ...; its Anthropic side to Anthropic, Bedrock, Vertex and Anthropic-compatible
endpoints. They name reasoning differently, need it back in different fields, count cache tokens
differently and refuse different fields. A dialect says, for requests *to* that upstream, which
reasoning knob it reads, how a tool loop's reasoning goes back, which standard fields it refuses
and which length field it knows; for replies *from* it, the little that liberal reading cannot
guess (``<think>`` tags in content, input tokens that already include the cache).

Replies and streams are read liberally whatever the dialect: every reasoning field any of these
servers uses, Mistral's thinking chunks and the top-level cache counters are understood without
naming the upstream.

The default for a request to an OpenAI-side server is ``"openai"``: standard Chat Completions that
the official SDK's ``create(**body)`` accepts, with nothing the standard form cannot hold sent
(each such field is a reported loss). ``"roundtrip"`` carries every extension field, which makes
Anthropic -> OpenAI -> Anthropic exact, for an upstream that is this library again. The default
on the Anthropic side is ``"anthropic"``.

Facts that no vendor source confirmed are listed in each dialect's ``unverified`` and rendered into
docs/dialects.md, so that nobody mistakes a guess for a documented rule.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal
from urllib.parse import urlsplit

from ..errors import InvalidInputError
from ._ledger import Context

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..options import Options

__all__ = [
    "DIALECTS",
    "STANDARD",
    "Dialect",
    "dialect_names",
    "dialect_of",
    "guess_dialect",
    "request_context",
    "request_options",
]

Side = Literal["openai", "anthropic"]
#: How a request asks an OpenAI-side server to think.
#: ``reasoning_effort``: the standard field (values through ``efforts``); ``openrouter``: the
#: ``reasoning`` object (``{effort}``, or ``{max_tokens}`` for a thinking budget, exactly);
#: ``thinking_type``: ``thinking: {type: enabled|disabled}`` (DeepSeek, Kimi, GLM; with
#: ``efforts`` also ``reasoning_effort``); ``enable_thinking``: a top-level boolean (DashScope);
#: ``none``: the server has no knob (reported when thinking was asked for).
Knob = Literal["reasoning_effort", "openrouter", "thinking_type", "enable_thinking", "none"]
#: Where a tool loop's reasoning goes back to an OpenAI-side server (assistant message fields).
Replay = Literal[
    "reasoning_content",  # the thinking texts joined (DeepSeek, Kimi, GLM, SGLang, DashScope)
    "reasoning",  # the same text under vLLM's and Ollama's name
    "reasoning_details",  # signed items, unmodified (OpenRouter; MiniMax with reasoning_split)
    "thinking_blocks",  # LiteLLM's Anthropic-shaped blocks, signatures included
    "thinking_chunks",  # Mistral: a thinking chunk at the start of the content list
    "thought_signature",  # Gemini: each signature on its tool call (extra_content.google)
]


@dataclass(frozen=True)
class Dialect:
    """One upstream's differences from its protocol (see the module docstring)."""

    name: str
    side: Side
    title: str
    #: Hosts (and path prefixes) of its base URLs, for :func:`guess_dialect`.
    hosts: tuple[str, ...] = ()
    # -- requests to an OpenAI-side server ------------------------------------------------------
    #: Every extension field is carried (``roundtrip`` only).
    extensions: bool = False
    #: The length field it reads; None: the ``max_tokens_field`` option decides.
    max_tokens_field: Literal["max_completion_tokens", "max_tokens"] | None = None
    knob: Knob = "reasoning_effort"
    #: Our effort level -> the one it accepts (missing: sent as it is).
    efforts: Mapping[str, str] = field(default_factory=dict)
    #: Thinking is on unless a request switches it off (so "no thinking" is sent explicitly).
    thinks_by_default: bool = False
    #: Fields that carry a tool loop's reasoning back, in the order written.
    replay: tuple[Replay, ...] = ()
    #: An assistant turn with tool calls must carry reasoning_content, even empty (or 400).
    replay_required: bool = False
    #: Top-level request fields it refuses (sent, they fail the request): dropped, reported.
    rejects: frozenset[str] = frozenset()
    #: It refuses ``messages[].name``.
    rejects_message_name: bool = False
    #: Tool-call ids it accepts: any string, or Mistral's nine letters and digits.
    tool_ids: Literal["any", "mistral"] = "any"
    #: Fields always added to a request (documented switches that make it answer in a form this
    #: library reads).
    adds: Mapping[str, Any] = field(default_factory=dict)
    #: Fields added when thinking is asked for.
    adds_when_thinking: Mapping[str, Any] = field(default_factory=dict)
    #: It thinks only in streams (a non-stream request gets thinking switched off, reported).
    thinks_only_streaming: bool = False
    # -- replies from an OpenAI-side server ---------------------------------------------------------
    #: Its content starts with ``<think>...</think>`` reasoning (parsed only for these).
    think_tags: bool = False
    # -- the Anthropic side --------------------------------------------------------------------------
    #: ``anthropic_version`` goes in the body (the version header is not read).
    anthropic_version: str | None = None
    #: ``model`` stays in the body (Bedrock and Vertex take it from the URL path).
    model_in_body: bool = True
    #: ``stream`` stays in the body (Bedrock chooses streaming by the URL path).
    stream_in_body: bool = True
    #: Beta names go in the body as ``anthropic_beta`` (Bedrock), not in the header.
    betas_in_body: bool = False
    #: Its ``usage.input_tokens`` already includes cache reads and writes.
    usage_includes_cache: bool = False
    #: It reads image and document blocks.
    media: bool = True
    # -- provenance ------------------------------------------------------------------------------------
    #: Where the facts come from (vendor pages and source files).
    sources: tuple[str, ...] = ()
    #: Facts used here that no vendor source confirmed (rendered into the docs as such).
    unverified: tuple[str, ...] = ()


def _efforts(**pairs: str) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


# -- the OpenAI side -------------------------------------------------------------------------------------

_OPENAI_SIDE: Final = (
    Dialect(
        "openai",
        "openai",
        "api.openai.com (standard Chat Completions)",
        hosts=("api.openai.com", "us.api.openai.com", "eu.api.openai.com"),
        sources=("openai-python 3.57.0 types/chat/completion_create_params.py",),
    ),
    Dialect(
        "roundtrip",
        "openai",
        "this library on the other side: every extension field carried",
        # reasoning history goes back in the extension fields (reasoning_content and
        # reasoning_details), so extensions=False drops it like every other extension field
        extensions=True,
    ),
    Dialect(
        "deepseek",
        "openai",
        "DeepSeek",
        hosts=("api.deepseek.com",),
        max_tokens_field="max_tokens",
        knob="thinking_type",
        efforts=_efforts(
            minimal="low", low="low", medium="high", high="high", xhigh="high", max="max"
        ),
        thinks_by_default=True,
        replay=("reasoning_content",),
        replay_required=True,
        sources=(
            "https://api-docs.deepseek.com/guides/thinking_mode (thinking: {type}, reasoning_effort low/high/max, reasoning_content replay on tool-call turns)",
        ),
        unverified=(
            "xhigh -> high: the two stored versions of the thinking-mode page disagree (the older maps xhigh to max)",
            "an assistant tool-call turn without reasoning must still send reasoning_content '' (seen in issues only)",
            "usage fields prompt_cache_hit_tokens / prompt_cache_miss_tokens (third-party copies of the API reference)",
        ),
    ),
    Dialect(
        "vllm",
        "openai",
        "vLLM",
        hosts=(":8000",),
        efforts=_efforts(minimal="low", xhigh="high", max="high"),
        replay=("reasoning",),
        sources=(
            "vllm-project/vllm docs/features/reasoning_outputs.md (output field reasoning, renamed from reasoning_content)",
        ),
        unverified=(
            "reasoning read back from assistant messages as 'reasoning' (chat templates differ by model)",
            "reasoning_effort values accepted (gpt-oss: low/medium/high)",
        ),
    ),
    Dialect(
        "sglang",
        "openai",
        "SGLang",
        hosts=(":30000",),
        efforts=_efforts(minimal="low", xhigh="high", max="high"),
        replay=("reasoning_content",),
        sources=(
            "sgl-project/sglang docs/advanced_features/separate_reasoning.ipynb (reasoning_content, DeepSeek contract)",
        ),
        unverified=("reasoning_effort values and the replay field read by chat templates",),
    ),
    Dialect(
        "openrouter",
        "openai",
        "OpenRouter",
        hosts=("openrouter.ai",),
        knob="openrouter",
        efforts=_efforts(max="xhigh"),
        replay=("reasoning_details",),
        sources=(
            "https://openrouter.ai/docs/use-cases/reasoning-tokens (reasoning: {effort | max_tokens}, reasoning_details)",
            "https://openrouter.ai/docs/use-cases/usage-accounting",
        ),
        unverified=(
            "reasoning_details must go back unmodified on the assistant message (the docs section was not reachable; clients do it)",
        ),
    ),
    Dialect(
        "gemini",
        "openai",
        "Gemini (OpenAI-compatible endpoint)",
        hosts=("generativelanguage.googleapis.com",),
        efforts=_efforts(minimal="low", xhigh="high", max="high"),
        replay=("thought_signature",),
        sources=(
            "https://ai.google.dev/gemini-api/docs/openai",
            "https://ai.google.dev/gemini-api/docs/thought-signatures",
        ),
        unverified=(
            "reasoning_effort low/medium/high/none (a staff statement relayed by a third party)",
            "thought signatures travel as tool_calls[].extra_content.google.thought_signature on the OpenAI endpoint (continuedev/continue PR#8865 reads them there; the vendor section was not reachable)",
        ),
    ),
    Dialect(
        "xai",
        "openai",
        "xAI (Grok)",
        hosts=("api.x.ai",),
        efforts=_efforts(minimal="low", xhigh="high", max="high"),
        rejects=frozenset({"stop", "presence_penalty", "frequency_penalty"}),
        sources=("https://docs.x.ai/developers/model-capabilities/text/reasoning",),
        unverified=("base URL https://api.x.ai/v1",),
    ),
    Dialect(
        "moonshot",
        "openai",
        "Moonshot (Kimi)",
        hosts=("api.moonshot.ai", "api.moonshot.cn"),
        max_tokens_field="max_tokens",
        knob="thinking_type",
        thinks_by_default=True,
        replay=("reasoning_content",),
        replay_required=True,
        sources=("https://platform.moonshot.ai/docs/guide/use-kimi-k2-thinking-model",),
        unverified=(
            "reasoning_content must go back on assistant tool-call turns (the vendor FAQ was not reached; clients' fixes cite it)",
            "max_completion_tokens is not read (max_tokens is what the docs use)",
        ),
    ),
    Dialect(
        "zhipu",
        "openai",
        "Zhipu (GLM)",
        hosts=("open.bigmodel.cn", "api.z.ai"),
        max_tokens_field="max_tokens",
        knob="thinking_type",
        thinks_by_default=True,
        replay=("reasoning_content",),
        replay_required=True,
        sources=(
            "https://docs.z.ai/guides/capabilities/thinking-mode.md",
            "zai-org/z-ai-sdk-python src/zai/api_resource/chat/completions.py",
        ),
        unverified=("base URLs (third-party code)",),
    ),
    Dialect(
        "dashscope",
        "openai",
        "Alibaba DashScope (Qwen, compatible mode)",
        hosts=(
            "dashscope.aliyuncs.com",
            "dashscope-intl.aliyuncs.com",
            "dashscope-us.aliyuncs.com",
        ),
        max_tokens_field="max_tokens",
        knob="enable_thinking",
        replay=("reasoning_content",),
        thinks_only_streaming=True,
        sources=("https://www.alibabacloud.com/help/en/model-studio/deep-thinking",),
        unverified=("reasoning_content read back from assistant turns",),
    ),
    Dialect(
        "mistral",
        "openai",
        "Mistral",
        hosts=("api.mistral.ai",),
        max_tokens_field="max_tokens",
        efforts=_efforts(minimal="high", low="high", medium="high", xhigh="high", max="high"),
        replay=("thinking_chunks",),
        tool_ids="mistral",
        sources=(
            "mistralai/platform-docs-public docs/capabilities/reasoning.md (thinking chunks, reasoning_effort high|none)",
            "mistralai/mistral-common src/mistral_common/protocol/instruct/validator.py (tool-call ids ^[a-zA-Z0-9]{9}$)",
        ),
        unverified=(
            "thinking chunks are accepted in history; that they are required is not documented",
        ),
    ),
    Dialect(
        "groq",
        "openai",
        "Groq",
        hosts=("api.groq.com",),
        efforts=_efforts(minimal="low", xhigh="high", max="high"),
        rejects=frozenset({"logprobs", "logit_bias", "top_logprobs"}),
        rejects_message_name=True,
        adds_when_thinking=MappingProxyType({"reasoning_format": "parsed"}),
        sources=(
            "https://console.groq.com/docs/openai (fields that 400)",
            "https://console.groq.com/docs/reasoning (reasoning_format parsed)",
        ),
        unverified=("reasoning_effort values per model",),
    ),
    Dialect(
        "ollama",
        "openai",
        "Ollama (/v1)",
        hosts=("localhost:11434", "127.0.0.1:11434", ":11434"),
        max_tokens_field="max_tokens",
        efforts=_efforts(minimal="low", xhigh="high", max="high"),
        replay=("reasoning",),
        rejects=frozenset({"tool_choice", "logit_bias", "user", "n", "logprobs", "top_logprobs"}),
        sources=("ollama/ollama docs/api/openai-compatibility.mdx, openai/openai.go",),
    ),
    Dialect(
        "minimax",
        "openai",
        "MiniMax",
        hosts=("api.minimax.io", "api.minimaxi.com"),
        knob="none",
        replay=("reasoning_details",),
        adds=MappingProxyType({"reasoning_split": True}),
        think_tags=True,
        sources=(
            "https://platform.minimax.io/docs/api-reference/text-openai-api (reasoning_split, <think> in content, replay the whole assistant message)",
        ),
        unverified=(
            "reasoning_details items are {type: reasoning.text, text}",
            "max_completion_tokens vs max_tokens, and a thinking switch",
        ),
    ),
    Dialect(
        "litellm",
        "openai",
        "a LiteLLM proxy",
        hosts=(":4000",),
        replay=("reasoning_content", "thinking_blocks"),
        sources=(
            "BerriAI/litellm docs/my-website/docs/reasoning_content.md (thinking_blocks must come back in tool loops)",
        ),
    ),
)

# -- the Anthropic side ----------------------------------------------------------------------------------

_ANTHROPIC_SIDE: Final = (
    Dialect(
        "anthropic",
        "anthropic",
        "api.anthropic.com",
        hosts=("api.anthropic.com",),
        sources=("anthropic-sdk-python 2.14.0",),
    ),
    Dialect(
        "bedrock",
        "anthropic",
        "Amazon Bedrock (InvokeModel)",
        hosts=("bedrock-runtime.", "bedrock-mantle."),
        anthropic_version="bedrock-2023-05-31",
        model_in_body=False,
        stream_in_body=False,
        betas_in_body=True,
        sources=("anthropic-sdk-python src/anthropic/lib/bedrock/_client.py",),
    ),
    Dialect(
        "vertex",
        "anthropic",
        "Google Vertex AI (rawPredict)",
        hosts=("aiplatform.googleapis.com", "-aiplatform.googleapis.com"),
        anthropic_version="vertex-2023-10-16",
        model_in_body=False,
        sources=("anthropic-sdk-python src/anthropic/lib/vertex/_client.py",),
    ),
    Dialect(
        "deepseek-anthropic",
        "anthropic",
        "DeepSeek's Anthropic endpoint",
        hosts=("api.deepseek.com/anthropic",),
        usage_includes_cache=True,
        media=False,
        sources=("https://api-docs.deepseek.com/guides/anthropic_api",),
        unverified=("usage.input_tokens includes cache reads",),
    ),
    Dialect(
        "moonshot-anthropic",
        "anthropic",
        "Moonshot's Anthropic endpoint",
        hosts=("api.moonshot.ai/anthropic", "api.moonshot.cn/anthropic", "api.kimi.com/coding"),
        usage_includes_cache=True,
        unverified=("base URLs (third-party guides)", "usage.input_tokens includes cache reads"),
    ),
    Dialect(
        "zhipu-anthropic",
        "anthropic",
        "Zhipu's Anthropic endpoint",
        hosts=("api.z.ai/api/anthropic", "open.bigmodel.cn/api/anthropic"),
        usage_includes_cache=True,
        unverified=("base URLs (third-party scripts)", "usage.input_tokens includes cache reads"),
    ),
    Dialect(
        "minimax-anthropic",
        "anthropic",
        "MiniMax's Anthropic endpoint",
        hosts=("api.minimax.io/anthropic", "api.minimaxi.com/anthropic"),
        usage_includes_cache=True,
        media=False,
        sources=("https://platform.minimax.io/docs/api-reference/text-anthropic-api.md",),
        unverified=("usage.input_tokens includes cache reads",),
    ),
)

#: Every dialect by name.
DIALECTS: Final[Mapping[str, Dialect]] = MappingProxyType(
    {d.name: d for d in (*_OPENAI_SIDE, *_ANTHROPIC_SIDE)}
)
#: What a conversion reads when no dialect is named: the protocols as documented.
STANDARD: Final = Dialect("", "openai", "the protocol as documented")


def dialect_of(ctx: Context) -> Dialect:
    """The dialect a conversion was given (set by its entry function), or the standard one."""
    return ctx.dialect or STANDARD


def dialect_names(side: Side | None = None) -> tuple[str, ...]:
    """The known names (of one side)."""
    return tuple(n for n, d in DIALECTS.items() if side is None or d.side == side)


def check_name(name: Any) -> None:
    """Refuse a dialect name this library does not know (InvalidInputError is a ValueError)."""
    if name is not None and name not in DIALECTS:
        raise InvalidInputError(
            f"unknown dialect {name!r}; known: {', '.join(DIALECTS)}", path="options.dialect"
        )


def for_side(name: str | None, side: Side, function: str) -> Dialect:
    """The dialect a conversion uses: the named one, or its side's default; a dialect of the
    other side is refused (naming it for a request to an OpenAI server makes no sense)."""
    if name is None or (name == "roundtrip" and side == "anthropic"):
        # "roundtrip" names this library on the far side; Anthropic requests never carry
        # extension fields, so on that side it is plain Anthropic (one Options serves both legs)
        return DIALECTS["openai" if side == "openai" else "anthropic"]
    dialect = DIALECTS[name]
    if dialect.side != side:
        raise InvalidInputError(
            f"dialect {name!r} is an {dialect.side}-side upstream; {function} talks to an "
            f"{side}-side one ({', '.join(dialect_names(side))})",
            path="options.dialect",
        )
    return dialect


def request_context(options: Options, function: str) -> Context:
    """The context of a request to an OpenAI-side server: the dialect ``options`` name (the
    standard one by default) and the options that dialect derives (:func:`request_options`)."""
    dialect = for_side(options.dialect, "openai", function)
    ctx = Context(request_options(options, dialect))
    ctx.dialect = dialect
    return ctx


def request_options(options: Options, dialect: Dialect) -> Options:
    """The options of a request to an OpenAI-side server of ``dialect``: extension fields only
    for ``roundtrip``, and the length field the server reads.

    Remembered per options object and dialect: a new ``Options`` checks every option again
    (about 35 us, more than converting a small request), and callers reuse theirs (or the
    defaults) call after call."""
    key = (id(options), dialect.name)
    kept = _REQUEST_OPTIONS.get(key)
    if kept is not None and kept[0] is options:  # (the same object, not a new one at its id)
        return kept[1]
    derived = _request_options(options, dialect)
    if len(_REQUEST_OPTIONS) >= _REQUEST_OPTIONS_KEPT:
        _REQUEST_OPTIONS.clear()
    _REQUEST_OPTIONS[key] = (options, derived)
    return derived


#: (id of the options, dialect name) -> (those options, the request options derived from them);
#: the options are kept alive with their entry, so their id is not reused while it is there.
_REQUEST_OPTIONS: dict[tuple[int, str], tuple[Options, Options]] = {}
_REQUEST_OPTIONS_KEPT: Final = 64


def _request_options(options: Options, dialect: Dialect) -> Options:
    changes: dict[str, Any] = {}
    if options.extensions and not dialect.extensions:
        changes["extensions"] = False
    if (
        dialect.max_tokens_field is not None
        and dialect.max_tokens_field != options.max_tokens_field
    ):
        changes["max_tokens_field"] = dialect.max_tokens_field
    return dataclasses.replace(options, **changes) if changes else options


def guess_dialect(base_url: str) -> str | None:
    """The dialect an upstream base URL most likely speaks, or None: a guess from the host (and
    a path prefix or port), for configuration screens and logs - name the dialect in code.

    >>> guess_dialect("https://api.deepseek.com/anthropic")
    'deepseek-anthropic'
    """
    parts = urlsplit(base_url if "//" in base_url else f"//{base_url}")
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number
        return None
    where = f"{host}{f':{port}' if port else ''}{parts.path.rstrip('/')}"
    best: tuple[int, str] | None = None
    for dialect in DIALECTS.values():
        for pattern in dialect.hosts:
            if _matches(pattern, host, where, port) and (best is None or len(pattern) > best[0]):
                best = (len(pattern), dialect.name)
    return best[1] if best else None


def _matches(pattern: str, host: str, where: str, port: int | None) -> bool:
    if pattern.startswith(":"):  # a conventional port (vLLM's 8000, Ollama's 11434 ...)
        return port is not None and pattern == f":{port}"
    if "/" in pattern or ":" in pattern:  # a host with a path prefix or a port
        return where.startswith(pattern)
    if pattern.endswith("."):  # a host prefix (bedrock-runtime.<region>.amazonaws.com)
        return host.startswith(pattern)
    if pattern.startswith("-"):  # a host suffix after a region (us-east5-aiplatform...)
        return host.endswith(pattern)
    return host == pattern or host.endswith("." + pattern)
