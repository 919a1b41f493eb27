"""
ruapi_convert.models.responses._exec_items
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Calls that the client or a remote server executes, and their outputs, as items: the legacy local
shell, the shell tool, ``apply_patch`` and MCP (listing tools, approvals, calls).

Conventions as in ``_builtin_items``. Codex replays ``local_shell_call`` without ``id`` and with
``call_id`` or ``env`` set to ``null``; both are accepted.
"""

from typing import Annotated, Any, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ._common import Caller, ShellEnvironment
from ._vocab import ItemStatus

__all__ = [
    "LocalShellCallAction",
    "ResponseLocalShellCall",
    "ResponseLocalShellCallOutput",
    "ShellCallAction",
    "ResponseFunctionShellToolCall",
    "ShellCallOutcomeExit",
    "ShellCallOutcomeTimeout",
    "UnknownShellCallOutcome",
    "ShellCallOutcome",
    "ResponseFunctionShellCallOutputContent",
    "ResponseFunctionShellToolCallOutput",
    "ApplyPatchOperationCreateFile",
    "ApplyPatchOperationDeleteFile",
    "ApplyPatchOperationUpdateFile",
    "UnknownApplyPatchOperation",
    "ApplyPatchOperation",
    "ResponseApplyPatchToolCall",
    "ResponseApplyPatchToolCallOutput",
    "McpListToolsTool",
    "ResponseMcpListTools",
    "ResponseMcpApprovalRequest",
    "ResponseMcpApprovalResponse",
    "McpProtocolError",
    "McpToolExecutionError",
    "McpHTTPError",
    "UnknownMcpToolCallError",
    "McpToolCallError",
    "ResponseMcpCall",
]

# -- local shell (legacy) ------------------------------------------------------------------------


@wire_dict
class LocalShellCallAction(TypedDict, total=False):
    """The command of a local shell call."""

    type: Required[Literal["exec"]]
    command: Required[list[str]]
    env: Optional[dict[str, str]]
    timeout_ms: Optional[int]
    user: Optional[str]
    working_directory: Optional[str]


@wire_dict
class ResponseLocalShellCall(TypedDict, total=False):
    """The model asks the client to run a command (SDK: ``LocalShellCall``)."""

    id: Optional[str]
    type: Required[Literal["local_shell_call"]]
    status: Required[ItemStatus]
    call_id: Required[Optional[str]]
    action: Required[LocalShellCallAction]


@wire_dict
class ResponseLocalShellCallOutput(TypedDict, total=False):
    """What a local shell command printed (SDK: ``LocalShellCallOutput``; ``id`` is the call's)."""

    id: Required[str]
    type: Required[Literal["local_shell_call_output"]]
    status: Optional[ItemStatus]
    output: Required[str]


# -- shell ---------------------------------------------------------------------------------------


@wire_dict
class ShellCallAction(TypedDict, total=False):
    """The commands of a shell call (SDK: ``Action`` / ``ShellCallAction``)."""

    commands: Required[list[str]]
    max_output_length: Optional[int]
    timeout_ms: Optional[int]


@wire_dict
class ResponseFunctionShellToolCall(TypedDict, total=False):
    """The model runs shell commands, locally or in a container (SDK also: ``ShellCall``)."""

    id: Optional[str]
    type: Required[Literal["shell_call"]]
    status: Optional[ItemStatus]
    call_id: Required[str]
    action: Required[ShellCallAction]
    environment: Optional[ShellEnvironment]
    caller: Optional[Caller]
    created_by: Optional[str]


@wire_dict
class ShellCallOutcomeExit(TypedDict, total=False):
    """The command exited with ``exit_code``."""

    type: Required[Literal["exit"]]
    exit_code: Required[int]


@wire_dict
class ShellCallOutcomeTimeout(TypedDict, total=False):
    """The command timed out."""

    type: Required[Literal["timeout"]]


_KnownShellCallOutcome = Union[ShellCallOutcomeExit, ShellCallOutcomeTimeout]


@wire_dict
class UnknownShellCallOutcome(TypedDict):
    """A shell outcome type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownShellCallOutcome)]


#: ``outcome`` of one shell command.
ShellCallOutcome: TypeAlias = Annotated[
    Union[Annotated[_KnownShellCallOutcome, Field(discriminator="type")], UnknownShellCallOutcome],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ResponseFunctionShellCallOutputContent(TypedDict, total=False):
    """What one shell command printed, and how it ended (SDK also: ``Output`` of a shell call
    output)."""

    stdout: Required[str]
    stderr: Required[str]
    outcome: Required[ShellCallOutcome]
    created_by: Optional[str]


@wire_dict
class ResponseFunctionShellToolCallOutput(TypedDict, total=False):
    """The results of a shell call, one entry per command (SDK also: ``ShellCallOutput``)."""

    id: Optional[str]
    type: Required[Literal["shell_call_output"]]
    status: Optional[ItemStatus]
    call_id: Required[str]
    output: Required[list[ResponseFunctionShellCallOutputContent]]
    max_output_length: Optional[int]
    caller: Optional[Caller]
    created_by: Optional[str]


# -- apply_patch ---------------------------------------------------------------------------------


@wire_dict
class ApplyPatchOperationCreateFile(TypedDict, total=False):
    """Create ``path`` with the content of ``diff``."""

    type: Required[Literal["create_file"]]
    path: Required[str]
    diff: Required[str]


@wire_dict
class ApplyPatchOperationDeleteFile(TypedDict, total=False):
    """Delete ``path``."""

    type: Required[Literal["delete_file"]]
    path: Required[str]


@wire_dict
class ApplyPatchOperationUpdateFile(TypedDict, total=False):
    """Apply ``diff`` to ``path``."""

    type: Required[Literal["update_file"]]
    path: Required[str]
    diff: Required[str]


_KnownApplyPatchOperation = Union[
    ApplyPatchOperationCreateFile, ApplyPatchOperationDeleteFile, ApplyPatchOperationUpdateFile
]


@wire_dict
class UnknownApplyPatchOperation(TypedDict):
    """An ``apply_patch`` operation type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownApplyPatchOperation)]


#: ``operation`` of an ``apply_patch_call``.
ApplyPatchOperation: TypeAlias = Annotated[
    Union[
        Annotated[_KnownApplyPatchOperation, Field(discriminator="type")],
        UnknownApplyPatchOperation,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ResponseApplyPatchToolCall(TypedDict, total=False):
    """The model asks the client to change a file (SDK also: ``ApplyPatchCall``)."""

    id: Optional[str]
    type: Required[Literal["apply_patch_call"]]
    status: Required[Union[Literal["in_progress", "completed"], str]]
    call_id: Required[str]
    operation: Required[ApplyPatchOperation]
    caller: Optional[Caller]
    created_by: Optional[str]


@wire_dict
class ResponseApplyPatchToolCallOutput(TypedDict, total=False):
    """Whether the client applied the change (SDK also: ``ApplyPatchCallOutput``)."""

    id: Optional[str]
    type: Required[Literal["apply_patch_call_output"]]
    status: Required[Union[Literal["completed", "failed"], str]]
    call_id: Required[str]
    output: Optional[str]
    caller: Optional[Caller]
    created_by: Optional[str]


# -- MCP -----------------------------------------------------------------------------------------


@wire_dict
class McpListToolsTool(TypedDict, total=False):
    """One tool an MCP server offers."""

    name: Required[str]
    description: Optional[str]
    input_schema: Required[Any]
    annotations: Optional[Any]


@wire_dict
class ResponseMcpListTools(TypedDict, total=False):
    """The tools an MCP server listed (SDK: ``McpListTools``)."""

    id: Required[str]
    type: Required[Literal["mcp_list_tools"]]
    server_label: Required[str]
    tools: Required[list[McpListToolsTool]]
    error: Optional[str]


@wire_dict
class ResponseMcpApprovalRequest(TypedDict, total=False):
    """The model asks for approval of an MCP tool call (SDK: ``McpApprovalRequest``)."""

    id: Required[str]
    type: Required[Literal["mcp_approval_request"]]
    server_label: Required[str]
    name: Required[str]
    arguments: Required[str]


@wire_dict
class ResponseMcpApprovalResponse(TypedDict, total=False):
    """The client approves or denies an MCP tool call (SDK: ``McpApprovalResponse``)."""

    id: Optional[str]
    type: Required[Literal["mcp_approval_response"]]
    approval_request_id: Required[str]
    approve: Required[bool]
    reason: Optional[str]


@wire_dict
class McpProtocolError(TypedDict, total=False):
    """The MCP server answered with a protocol error."""

    type: Required[Literal["mcp_protocol_error"]]
    code: Required[int]
    message: Required[str]


@wire_dict
class McpToolExecutionError(TypedDict, total=False):
    """The MCP tool failed; ``content`` is what it returned."""

    type: Required[Literal["mcp_tool_execution_error"]]
    content: Required[Any]


@wire_dict
class McpHTTPError(TypedDict, total=False):
    """The MCP server answered with an HTTP error (SDK: ``mcp_tool_call_error.HTTPError``)."""

    type: Required[Literal["http_error"]]
    code: Required[int]
    message: Required[str]


_KnownMcpToolCallError = Union[McpProtocolError, McpToolExecutionError, McpHTTPError]


@wire_dict
class UnknownMcpToolCallError(TypedDict):
    """An MCP error type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownMcpToolCallError)]


#: ``error`` of an ``mcp_call`` (SDK: ``McpToolCallError``). Older API versions sent a string.
McpToolCallError: TypeAlias = Union[
    str,
    Annotated[
        Union[
            Annotated[_KnownMcpToolCallError, Field(discriminator="type")],
            UnknownMcpToolCallError,
        ],
        Field(union_mode="left_to_right"),
    ],
]


@wire_dict
class ResponseMcpCall(TypedDict, total=False):
    """A call of an MCP server's tool, with its output or error (SDK: ``McpCall``)."""

    id: Required[str]
    type: Required[Literal["mcp_call"]]
    status: Optional[Union[ItemStatus, Literal["calling", "failed"]]]
    approval_request_id: Optional[str]
    server_label: Required[str]
    name: Required[str]
    arguments: Required[str]
    output: Optional[str]
    error: Optional[McpToolCallError]
