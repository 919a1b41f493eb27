"""
ruapi_convert.options
~~~~~~~~~~~~~~~~~~~~~

The policies of the conversions, with their documented defaults, in one frozen object.

Each public function takes the policies as keyword arguments (``strict=True``) or as one
:class:`Options` object (``options=Options(strict=True)``), or both (keywords override the object).
One ``Options`` can serve a whole gateway: a function ignores the policies of the object that it
does not read. A *keyword* it does not read is an error, though: ``strict=`` misspelt, or
``include_usage=`` given to a request conversion, raises :class:`TypeError` (and mypy catches it,
as each function types its keywords with ``Unpack``).

Values that change with every call - ``created``, ``id``, a ``model`` override, the
``include_usage`` of a stream - are not policies: they are plain keyword arguments of the functions
that use them.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from typing_extensions import TypedDict

from . import _json
from ._quote import quote
from .errors import InvalidInputError
from .mapping.dialects import check_name as check_dialect
from .mapping.thinking import EFFORT_BUDGETS

__all__ = [
    "A2ORequestOptions",
    "A2OResponseOptions",
    "A2OStreamOptions",
    "A2RRequestOptions",
    "A2RResponseOptions",
    "A2RStreamOptions",
    "AnthropicVersion",
    "CommonOptions",
    "O2ARequestOptions",
    "O2AResponseOptions",
    "O2AStreamOptions",
    "O2RRequestOptions",
    "O2RResponseOptions",
    "Options",
    "R2ARequestOptions",
    "R2AResponseOptions",
    "R2AStreamOptions",
    "R2ORequestOptions",
    "R2OResponseOptions",
    "RequestHeaderOptions",
    "StrictOption",
    "check_call",
    "resolve_options",
]

AnthropicVersion = Literal["2023-06-01", "2026-10-21"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Conversion policies. See docs/mapping.md for what each does to which field.

    Invalid values (a version this library does not know, a negative token count) raise
    :class:`~ruapi_convert.errors.InvalidInputError` naming ``options.<name>``.
    """

    # -- every conversion ----------------------------------------------------------------------
    #: Raise LossyConversionError instead of returning a result that lost anything.
    strict: bool = False
    #: Carry what the target protocol has no field for in the documented extension fields
    #: (``reasoning_content``/``reasoning_details``, ``cache_control`` on OpenAI parts and tools,
    #: ``thinking``/``top_k`` and the ``anthropic`` object on OpenAI bodies, the ``openai`` object on
    #: Anthropic responses). Replies keep them (the SDKs accept extra keys in replies); a request
    #: to an OpenAI server carries them only for ``dialect="roundtrip"`` (the default dialect sends
    #: standard fields only). With False they are dropped and reported as losses everywhere.
    #: Anthropic requests never get extension fields: the Messages API rejects unknown keys.
    extensions: bool = True
    #: The upstream on the other side of the conversion (a request's target, a reply's source),
    #: as one of the names in docs/dialects.md: its reasoning knob and replay rule, the fields it
    #: refuses, how it counts tokens. None: standard OpenAI ("openai") for a request to an OpenAI
    #: server - what the official SDK and api.openai.com accept, nothing else - and standard
    #: Anthropic ("anthropic") for one to Anthropic. "roundtrip" carries every extension field in
    #: requests (for an upstream that is this library again). Replies and streams are read
    #: liberally whatever the dialect. An unknown name, or one of the other side, is an error.
    dialect: str | None = None

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
    #: Thinking is on but the assistant turn being continued (the last one, with tool calls) has
    #: no signed thinking to start with - what apps that rebuild the assistant message from
    #: ``content`` and ``tool_calls`` send. Anthropic answers 400 to that ("a final assistant
    #: message must start with a thinking block"), so "disable" sends the request without
    #: thinking (reported), as Anthropic's extended-thinking docs advise; "reject" raises
    #: UnsupportedError instead.
    missing_thinking: Literal["disable", "reject"] = "disable"
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
    #: Reasoning without a signature (DeepSeek, vLLM) in a response for an Anthropic client:
    #: "thinking" shows it as a thinking block with an empty signature (reported; such a block is
    #: never sent to Anthropic), "drop" leaves it out (reported).
    unsigned_reasoning: Literal["thinking", "drop"] = "thinking"
    #: The most text, in characters, that a stream converter holds for one purpose while it
    #: waits: blocks queued behind a tool call whose arguments are not complete yet, a server
    #: tool's input (sent whole at its block's end), a tool name before its call can start,
    #: reasoning text kept to compare with reasoning_details, a signature. A stream that needs
    #: more ends with the target protocol's error event (StreamProtocolError), rather than grow
    #: without bound on what a stranger's upstream sends.
    max_stream_buffer: int = 8 * 1024 * 1024

    # -- Responses <-> Chat Completions -------------------------------------------------------------
    #: How a Responses custom (free-form) tool such as Codex's ``apply_patch`` reaches a Chat
    #: upstream: "custom", Chat's own custom tools (api.openai.com), or "function", a function tool
    #: with one string parameter ``input`` for servers without custom tools (the grammar is lost and
    #: reported). Replies and streams read the function form back as custom tool calls. (A dialect
    #: profile will set this.) The request options also read ``system_role`` (the role that carries
    #: ``instructions``) and ``max_tokens_field`` (where ``max_output_tokens`` goes).
    custom_tools: Literal["custom", "function"] = "custom"

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            _check(f.name, getattr(self, f.name), _HINTS[f.name])


# -- keyword options, per function ---------------------------------------------------------------
#
# One TypedDict per kind of function: the policies it reads, so that ``**opts: Unpack[...]`` lets
# mypy catch a misspelt or misplaced option, and resolve_options refuses it at run time.


class CommonOptions(TypedDict, total=False):
    """What every conversion reads."""

    strict: bool
    extensions: bool


class O2ARequestOptions(CommonOptions, total=False):
    """``openai_to_anthropic_request``."""

    dialect: str | None
    anthropic_version: AnthropicVersion
    default_max_tokens: int
    system_messages: Literal["hoist", "native", "user"]
    trailing_assistant: Literal["prefill", "reject"]
    thinking_mode: Literal["adaptive", "enabled"]
    effort_budgets: Mapping[str, int]
    invalid_tool_arguments: Literal["wrap", "reject"]
    missing_thinking: Literal["disable", "reject"]


class A2ORequestOptions(CommonOptions, total=False):
    """``anthropic_to_openai_request``."""

    dialect: str | None
    system_role: Literal["system", "developer"]
    max_tokens_field: Literal["max_completion_tokens", "max_tokens"]
    user_field: Literal["user", "safety_identifier"]
    effort_budgets: Mapping[str, int]


class O2AResponseOptions(CommonOptions, total=False):
    """``openai_to_anthropic_response``."""

    dialect: str | None
    unsigned_reasoning: Literal["thinking", "drop"]
    invalid_tool_arguments: Literal["wrap", "reject"]


class O2AStreamOptions(O2AResponseOptions, total=False):
    """``OpenAIToAnthropicStream``."""

    max_stream_buffer: int


class A2OResponseOptions(CommonOptions, total=False):
    """``anthropic_to_openai_response``."""

    dialect: str | None


class A2OStreamOptions(A2OResponseOptions, total=False):
    """``AnthropicToOpenAIStream``."""

    max_stream_buffer: int


class R2ORequestOptions(CommonOptions, total=False):
    """``responses_to_openai_request``."""

    dialect: str | None

    system_role: Literal["system", "developer"]
    max_tokens_field: Literal["max_completion_tokens", "max_tokens"]
    custom_tools: Literal["custom", "function"]


class O2RResponseOptions(CommonOptions, total=False):
    """``openai_to_responses_response`` and ``OpenAIToResponsesStream``."""

    dialect: str | None
    custom_tools: Literal["custom", "function"]


class O2RRequestOptions(CommonOptions, total=False):
    """``openai_to_responses_request``."""


class R2OResponseOptions(CommonOptions, total=False):
    """``responses_to_openai_response`` and ``ResponsesToOpenAIStream``."""


class R2ARequestOptions(CommonOptions, total=False):
    """``responses_to_anthropic_request`` (and its count_tokens twin)."""

    anthropic_version: AnthropicVersion
    default_max_tokens: int
    system_messages: Literal["hoist", "native", "user"]
    trailing_assistant: Literal["prefill", "reject"]
    thinking_mode: Literal["adaptive", "enabled"]
    effort_budgets: Mapping[str, int]
    invalid_tool_arguments: Literal["wrap", "reject"]
    missing_thinking: Literal["disable", "reject"]


class A2RResponseOptions(CommonOptions, total=False):
    """``anthropic_to_responses_response``."""


class A2RStreamOptions(A2RResponseOptions, total=False):
    """``AnthropicToResponsesStream``."""

    max_stream_buffer: int


class A2RRequestOptions(CommonOptions, total=False):
    """``anthropic_to_responses_request`` (and its count_tokens twin)."""

    user_field: Literal["user", "safety_identifier"]
    effort_budgets: Mapping[str, int]


class R2AResponseOptions(CommonOptions, total=False):
    """``responses_to_anthropic_response``."""

    invalid_tool_arguments: Literal["wrap", "reject"]


class R2AStreamOptions(R2AResponseOptions, total=False):
    """``ResponsesToAnthropicStream``."""

    max_stream_buffer: int


class RequestHeaderOptions(TypedDict, total=False):
    """``openai_to_anthropic_request_headers``."""

    strict: bool
    anthropic_version: AnthropicVersion
    anthropic_beta: Sequence[str]
    anthropic_auth: Literal["x-api-key", "bearer"]


class StrictOption(TypedDict, total=False):
    """The header functions that have no other policy."""

    strict: bool


def resolve_options(
    options: Options | None, overrides: Mapping[str, Any], allowed: type[Any], function: str
) -> Options:
    """The options of one call: ``options`` (or the defaults) with the keyword ``overrides``.

    A keyword that ``allowed`` (the function's options TypedDict) does not name raises
    :class:`TypeError`, as a misspelt keyword argument does in Python.
    """
    if options is not None and not isinstance(options, Options):
        raise TypeError(f"{function}() options must be an Options, got {type(options).__name__}")
    base = options if options is not None else _DEFAULT
    if not overrides:
        return base
    names: frozenset[str] = allowed.__optional_keys__ | allowed.__required_keys__
    for name in overrides:
        if name not in names:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}")
    return dataclasses.replace(base, **overrides)


def check_call(name: str, value: Any, kind: type[Any]) -> None:
    """Refuse a per-call argument of the wrong type (``created`` must be an int, ``id`` a str ...);
    None means "not given"."""
    if value is None:
        return
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidInputError(f"must be {kind.__name__} or None, got {quote(value)}", path=name)
    if kind is int and value < 0:
        raise InvalidInputError(f"must not be negative, got {quote(value)}", path=name)
    if kind is int and not _writable_int(value):
        raise InvalidInputError(_TOO_LONG, path=name)
    if kind is str and not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError:  # it is written into bodies: refused here, with its name
            raise InvalidInputError(
                "a lone surrogate, which UTF-8 (and so JSON) cannot carry", path=name
            ) from None


# -- validation ------------------------------------------------------------------------------------


def _check(name: str, value: Any, hint: Any) -> None:
    """Refuse a value the option cannot take (InvalidInputError naming ``options.<name>``)."""
    path = f"options.{name}"
    origin = typing.get_origin(hint)
    if origin is Literal:
        if value not in typing.get_args(hint) or not isinstance(value, str):
            allowed = ", ".join(repr(v) for v in typing.get_args(hint))
            raise InvalidInputError(f"must be one of {allowed}, got {quote(value)}", path=path)
    elif hint is bool:
        if not isinstance(value, bool):
            raise InvalidInputError(f"must be a bool, got {quote(value)}", path=path)
    elif hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInputError(f"must be a positive int, got {quote(value)}", path=path)
        if not _writable_int(value):  # it is written into request bodies
            raise InvalidInputError(_TOO_LONG, path=path)
    elif name == "effort_budgets":
        # the names come back as reasoning_effort values, the budgets go out as budget_tokens
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str)
            and k.isprintable()
            and isinstance(v, int)
            and not isinstance(v, bool)
            and v > 0
            and _writable_int(v)
            for k, v in value.items()
        ):
            raise InvalidInputError(
                "must map effort names (printable text) to positive ints", path=path
            )
    elif name == "dialect":
        check_dialect(value)
    elif name == "anthropic_beta" and (
        isinstance(value, str)
        or not isinstance(value, Sequence)
        or not all(isinstance(v, str) and _TOKEN.fullmatch(v) for v in value)
    ):
        # the names are joined into the anthropic-beta header: each must be an HTTP token
        raise InvalidInputError(
            "must be a sequence of beta names (HTTP tokens: no spaces, commas or line breaks)",
            path=path,
        )


#: RFC 9110 5.6.2 token: what a beta name must be to sit in the anthropic-beta header.
_TOKEN: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_TOO_LONG: Final = f"an integer of more than {_json.PARSER_MAX_INT_DIGITS} digits cannot be written as JSON that reads back"


_TOO_LONG_INT: Final = 10**_json.PARSER_MAX_INT_DIGITS


def _writable_int(value: int) -> bool:
    """Whether ``value`` can be written as JSON our parser reads back (``_json``)."""
    return bool(abs(value) < _TOO_LONG_INT)


_HINTS: Final = typing.get_type_hints(Options)
_DEFAULT: Final = Options()
