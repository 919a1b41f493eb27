"""Error bodies (``{"type": "error", "error": {...}}``) and the ``GET /v1/models`` list."""

from typing import ClassVar, Literal, Optional, Union

from typing_extensions import Required, TypedDict

from .._base import Count, WireModel, wire_dict

__all__ = [
    "CapabilitySupport",
    "ContextManagementCapability",
    "EffortCapability",
    "ErrorDetails",
    "ErrorObject",
    "ErrorResponse",
    "ErrorType",
    "ModelCapabilities",
    "ModelInfo",
    "ModelList",
    "ServerToolsCapability",
    "ThinkingCapability",
    "ThinkingTypes",
]

#: ``error.type``: the SDK's ``ErrorType`` plus ``request_too_large`` (a 413 the docs list), open.
ErrorType = Union[
    Literal[
        "invalid_request_error",
        "authentication_error",
        "billing_error",
        "permission_error",
        "not_found_error",
        "rate_limit_error",
        "timeout_error",
        "api_error",
        "overloaded_error",
        "memory_precondition_failed_error",
        "memory_path_conflict_error",
        "conflict_error",
        "request_too_large",
    ],
    str,
]


@wire_dict
class ErrorDetails(TypedDict, total=False):
    """Machine-readable detail of an error, e.g. ``{"error_code": "enforced_spend_limit_reached"}``."""

    # Each SDK ``*ErrorDetails`` class is this object with one ``error_code`` value, a few with an
    # extra field (listed here); one open TypedDict covers them all, new codes and fields included.
    error_code: str
    appeal_url: Optional[str]
    max_side_length_pixels: Optional[int]
    paths: Optional[list[str]]
    unsupported: Optional[list[str]]


@wire_dict
class ErrorObject(TypedDict, total=False):
    """The ``error`` object: its type, a human-readable message and optional details."""

    type: Required[ErrorType]
    message: Required[str]
    details: Optional[ErrorDetails]


class ErrorResponse(WireModel):
    """An error body: ``{"type": "error", "error": {type, message, details?}, "request_id"?}``."""

    _wire_name: ClassVar[str] = "error"
    _sse_named: ClassVar[bool] = True

    type: Literal["error"]
    error: ErrorObject
    request_id: Optional[str] = None


# -- GET /v1/models ------------------------------------------------------------------------------
# Capability keys come and go between models and API releases, so none of them is required here.


@wire_dict
class CapabilitySupport(TypedDict, total=False):
    """Whether a capability is supported."""

    supported: bool


@wire_dict
class ContextManagementCapability(TypedDict, total=False):
    """Support for context management and each of its edits."""

    supported: bool
    clear_thinking_20251015: Optional[CapabilitySupport]
    clear_tool_uses_20250919: Optional[CapabilitySupport]
    compact_20260112: Optional[CapabilitySupport]


@wire_dict
class EffortCapability(TypedDict, total=False):
    """Support for ``output_config.effort`` and each of its levels."""

    supported: bool
    low: CapabilitySupport
    medium: CapabilitySupport
    high: CapabilitySupport
    xhigh: Optional[CapabilitySupport]
    max: CapabilitySupport


@wire_dict
class ServerToolsCapability(TypedDict, total=False):
    """Support for server tools."""

    supported: bool
    code_execution: CapabilitySupport
    web_search: CapabilitySupport


@wire_dict
class ThinkingTypes(TypedDict, total=False):
    """Support for each thinking mode."""

    adaptive: CapabilitySupport
    between_tools: CapabilitySupport
    disabled: CapabilitySupport
    enabled: CapabilitySupport


@wire_dict
class ThinkingCapability(TypedDict, total=False):
    """Support for thinking."""

    supported: bool
    types: ThinkingTypes


@wire_dict
class ModelCapabilities(TypedDict, total=False):
    """What a model supports."""

    batch: CapabilitySupport
    citations: CapabilitySupport
    code_execution: CapabilitySupport
    context_management: ContextManagementCapability
    effort: EffortCapability
    image_input: CapabilitySupport
    pdf_input: CapabilitySupport
    server_tools: ServerToolsCapability
    structured_outputs: CapabilitySupport
    thinking: ThinkingCapability


@wire_dict
class ModelInfo(TypedDict, total=False):
    """One model of ``GET /v1/models`` (timestamps are RFC 3339 strings)."""

    type: Required[Literal["model"]]
    id: Required[str]
    display_name: Required[str]
    created_at: Required[str]
    capabilities: Optional[ModelCapabilities]
    # Required by the SDK, but absent from model lists of older API releases.
    lifecycle: Optional[Union[Literal["active", "deprecated", "retired"], str]]
    line: Optional[Union[Literal["haiku", "sonnet", "opus", "fable", "mythos"], str]]
    deprecated_at: Optional[str]
    retires_at: Optional[str]
    max_input_tokens: Optional[Count]
    max_tokens: Optional[Count]


class ModelList(WireModel):
    """The ``GET /v1/models`` body: one page of models."""

    _wire_name: ClassVar[str] = "model list"

    data: list[ModelInfo]
    has_more: bool
    first_id: Optional[str] = None
    last_id: Optional[str] = None
