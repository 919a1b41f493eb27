"""
ruapi_convert.options
~~~~~~~~~~~~~~~~~~~~~

Every knob of every conversion, with its documented default, in one frozen object.

Each public function takes the options as keyword arguments (``strict=True``) or as one
:class:`Options` object (``options=Options(strict=True)``), or both (keywords override the object).
An option a function does not use is simply ignored, so one ``Options`` can serve a whole gateway.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from .errors import InvalidInputError
from .mapping.thinking import EFFORT_BUDGETS

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["AnthropicVersion", "Options", "resolve_options"]

AnthropicVersion = Literal["2023-06-01", "2026-10-21"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Conversion options. See docs/mapping.md for what each policy does to which field."""

    # -- every conversion ----------------------------------------------------------------------
    #: Raise LossyConversionError instead of returning a result that lost anything.
    strict: bool = False
    #: Carry what the target protocol has no field for in the documented extension fields
    #: (``reasoning_content``/``reasoning_details``, ``cache_control`` on OpenAI parts and tools,
    #: ``thinking``/``top_k`` and the ``anthropic`` object on OpenAI bodies, the ``openai`` object on
    #: Anthropic responses). With False those values are dropped and reported as losses: use False
    #: when the OpenAI upstream rejects unknown parameters (api.openai.com does). Anthropic requests
    #: never get extension fields, because the Messages API rejects unknown keys.
    extensions: bool = True

    # -- OpenAI request -> Anthropic request ----------------------------------------------------
    #: The Messages API version the request is for. "2026-10-21" has no temperature/top_p/top_k.
    anthropic_version: AnthropicVersion = "2023-06-01"
    #: max_tokens to send when the OpenAI request has none (Anthropic requires it); reported as
    #: ``defaulted``.
    default_max_tokens: int = 4096
    #: What to do with system/developer messages after the first non-system message:
    #: "hoist" them into the top-level system prompt (reported as approximated), send them as
    #: "native" Anthropic ``role: "system"`` messages in place (newest models only), or turn them
    #: into "user" text (reported as approximated).
    system_messages: Literal["hoist", "native", "user"] = "hoist"
    #: A trailing assistant message: "prefill" sends it as Anthropic prefill (Claude continues it;
    #: reported as approximated because OpenAI would start a new message), "reject" raises
    #: UnsupportedError.
    trailing_assistant: Literal["prefill", "reject"] = "prefill"
    #: How reasoning_effort becomes thinking: "adaptive" (``thinking: {type: adaptive}`` +
    #: ``output_config.effort``, for current models) or "enabled" (``budget_tokens`` from
    #: ``effort_budgets``, for models before adaptive thinking).
    thinking_mode: Literal["adaptive", "enabled"] = "adaptive"
    #: reasoning_effort -> budget_tokens for thinking_mode="enabled", and the reverse lookup.
    effort_budgets: Mapping[str, int] = field(default_factory=lambda: dict(EFFORT_BUDGETS))
    #: Tool-call arguments in history that are not a JSON object: "wrap" them as
    #: ``{"_raw_arguments": "<the string>"}`` (reported; the reverse direction unwraps it exactly)
    #: or "reject" with InvalidInputError.
    invalid_tool_arguments: Literal["wrap", "reject"] = "wrap"
    #: Replace the model name in the converted request (None keeps it).
    model: str | None = None
    #: openai_to_anthropic_request_headers: the beta names sent as ``anthropic-beta`` (joined with
    #: commas; empty sends no header). The client's own ``anthropic-beta``, if any, is not copied.
    anthropic_beta: Sequence[str] = ()
    #: openai_to_anthropic_request_headers: where the key goes: "x-api-key" (the header of the
    #: Anthropic docs' examples and of SDKs before 2.0) or "bearer" (``Authorization: Bearer``, what
    #: the Anthropic SDK 2.x sends). The API accepts both.
    anthropic_auth: Literal["x-api-key", "bearer"] = "x-api-key"

    # -- Anthropic request -> OpenAI request ----------------------------------------------------
    #: The role that carries Anthropic's top-level system prompt.
    system_role: Literal["system", "developer"] = "system"
    #: The OpenAI field that carries max_tokens ("max_tokens" for older OpenAI-compatible servers).
    max_tokens_field: Literal["max_completion_tokens", "max_tokens"] = "max_completion_tokens"
    #: Where metadata.user_id goes.
    user_field: Literal["user", "safety_identifier"] = "user"

    # -- responses and streams --------------------------------------------------------------------
    #: ``created`` for OpenAI responses made from Anthropic ones (Anthropic has no timestamp).
    #: None means 0, reported as ``defaulted``; a gateway passes ``int(time.time())``.
    created: int | None = None
    #: Override the response id (None derives it from the source id, reversibly).
    id: str | None = None
    #: Reasoning without a signature (DeepSeek, vLLM) in a response for an Anthropic client:
    #: "thinking" shows it as a thinking block with an empty signature (reported; such a block is
    #: never sent to Anthropic), "drop" leaves it out (reported).
    unsigned_reasoning: Literal["thinking", "drop"] = "thinking"
    #: AnthropicToOpenAIStream: emit the final usage chunk (the client's
    #: ``stream_options.include_usage``).
    include_usage: bool = False


_FIELDS = frozenset(f.name for f in dataclasses.fields(Options))


def resolve_options(options: Options | None, overrides: Mapping[str, Any]) -> Options:
    """Merge keyword options into an Options object; unknown names are an InvalidInputError."""
    unknown = overrides.keys() - _FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise InvalidInputError(f"unknown option {name!r}", path=f"options.{name}")
    base = options if options is not None else _DEFAULT
    if not overrides:
        return base
    # dataclasses.replace costs a few microseconds (it reads every field), which is as much as
    # converting a small body; a gateway passes the same few overrides (created=, id=) over and
    # over, so the results are remembered, keyed by the base object and the override values.
    try:
        # the type too: 1, 1.0 and True are equal keys, but not the same option value
        key = (id(base), tuple((k, type(v), v) for k, v in overrides.items()))
        hit = _RESOLVED.get(key)
    except TypeError:  # an unhashable override value (a dict of effort budgets): no memo
        key, hit = None, None
    if hit is not None and hit[0] is base:  # same id and still the same object
        return hit[1]
    try:
        resolved = dataclasses.replace(base, **overrides)
    except TypeError as exc:  # pragma: no cover - names were checked above
        raise InvalidInputError(str(exc), path="options") from exc
    if key is not None:
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()  # e.g. a new created= every second: keep the memo small
        _RESOLVED[key] = (base, resolved)
    return resolved


#: Memo of resolve_options: (id of the base Options, override items) -> (that base, the result).
#: The base is kept so that its id cannot be reused by another object while the entry lives.
_RESOLVED: dict[tuple[int, tuple[tuple[str, type, Any], ...]], tuple[Options, Options]] = {}
_RESOLVED_MAX: Final = 256


_DEFAULT = Options()
