"""
ruapi_convert.models.responses._tool_events
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Stream events of built-in tools: web and file search, code interpreter, image generation, MCP, the
shell tool, and server-side compaction. Most report progress of an item (``item_id`` at
``output_index``); the item itself arrives with ``response.output_item.added``/``.done``.
"""

from typing import Literal, Optional

from typing_extensions import TypedDict

from .._base import wire_dict
from ._events import _Event
from ._exec_items import ResponseFunctionShellCallOutputContent

__all__ = [
    "ShellCallOutputContentDelta",
    "ResponseCodeInterpreterCallCodeDeltaEvent",
    "ResponseCodeInterpreterCallCodeDoneEvent",
    "ResponseCodeInterpreterCallCompletedEvent",
    "ResponseCodeInterpreterCallInProgressEvent",
    "ResponseCodeInterpreterCallInterpretingEvent",
    "ResponseCompactionCompactingEvent",
    "ResponseFileSearchCallCompletedEvent",
    "ResponseFileSearchCallInProgressEvent",
    "ResponseFileSearchCallSearchingEvent",
    "ResponseShellCallCommandAddedEvent",
    "ResponseShellCallCommandDeltaEvent",
    "ResponseShellCallCommandDoneEvent",
    "ResponseShellCallOutputContentDeltaEvent",
    "ResponseShellCallOutputContentDoneEvent",
    "ResponseWebSearchCallCompletedEvent",
    "ResponseWebSearchCallInProgressEvent",
    "ResponseWebSearchCallSearchingEvent",
    "ResponseImageGenCallCompletedEvent",
    "ResponseImageGenCallGeneratingEvent",
    "ResponseImageGenCallInProgressEvent",
    "ResponseImageGenCallPartialImageEvent",
    "ResponseMcpCallArgumentsDeltaEvent",
    "ResponseMcpCallArgumentsDoneEvent",
    "ResponseMcpCallCompletedEvent",
    "ResponseMcpCallFailedEvent",
    "ResponseMcpCallInProgressEvent",
    "ResponseMcpListToolsCompletedEvent",
    "ResponseMcpListToolsFailedEvent",
    "ResponseMcpListToolsInProgressEvent",
]


@wire_dict
class ShellCallOutputContentDelta(TypedDict, total=False):
    """More output of a hosted shell command (SDK: ``response_shell_call_output_content_delta_event.Delta``)."""

    stdout: Optional[str]
    stderr: Optional[str]


class ResponseCodeInterpreterCallCodeDeltaEvent(_Event):
    """More of the code a code interpreter call runs."""

    type: Literal["response.code_interpreter_call_code.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseCodeInterpreterCallCodeDoneEvent(_Event):
    """The code of a code interpreter call is complete."""

    type: Literal["response.code_interpreter_call_code.done"]
    sequence_number: int
    item_id: str
    output_index: int
    code: str


class ResponseCodeInterpreterCallCompletedEvent(_Event):
    """A code interpreter call finished."""

    type: Literal["response.code_interpreter_call.completed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseCodeInterpreterCallInProgressEvent(_Event):
    """A code interpreter call started."""

    type: Literal["response.code_interpreter_call.in_progress"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseCodeInterpreterCallInterpretingEvent(_Event):
    """A code interpreter call is running its code."""

    type: Literal["response.code_interpreter_call.interpreting"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseCompactionCompactingEvent(_Event):
    """The server is compacting the conversation into a ``compaction`` item."""

    type: Literal["response.compaction.compacting"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseFileSearchCallCompletedEvent(_Event):
    """A file search finished."""

    type: Literal["response.file_search_call.completed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseFileSearchCallInProgressEvent(_Event):
    """A file search started."""

    type: Literal["response.file_search_call.in_progress"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseFileSearchCallSearchingEvent(_Event):
    """A file search is searching."""

    type: Literal["response.file_search_call.searching"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseShellCallCommandAddedEvent(_Event):
    """A shell call gets a new command (``command`` so far, often empty)."""

    type: Literal["response.shell_call_command.added"]
    sequence_number: int
    output_index: int
    command_index: int
    command: str


class ResponseShellCallCommandDeltaEvent(_Event):
    """More of a shell call's command."""

    type: Literal["response.shell_call_command.delta"]
    sequence_number: int
    output_index: int
    command_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseShellCallCommandDoneEvent(_Event):
    """A shell call's command is complete."""

    type: Literal["response.shell_call_command.done"]
    sequence_number: int
    output_index: int
    command_index: int
    command: str


class ResponseShellCallOutputContentDeltaEvent(_Event):
    """More stdout/stderr of a hosted shell command."""

    type: Literal["response.shell_call_output_content.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    command_index: int
    delta: ShellCallOutputContentDelta


class ResponseShellCallOutputContentDoneEvent(_Event):
    """The output of a hosted shell command is complete."""

    type: Literal["response.shell_call_output_content.done"]
    sequence_number: int
    item_id: str
    output_index: int
    command_index: int
    output: list[ResponseFunctionShellCallOutputContent]


class ResponseWebSearchCallCompletedEvent(_Event):
    """A web search finished."""

    type: Literal["response.web_search_call.completed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseWebSearchCallInProgressEvent(_Event):
    """A web search started."""

    type: Literal["response.web_search_call.in_progress"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseWebSearchCallSearchingEvent(_Event):
    """A web search is searching."""

    type: Literal["response.web_search_call.searching"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseImageGenCallCompletedEvent(_Event):
    """An image generation call finished."""

    type: Literal["response.image_generation_call.completed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseImageGenCallGeneratingEvent(_Event):
    """An image is being generated."""

    type: Literal["response.image_generation_call.generating"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseImageGenCallInProgressEvent(_Event):
    """An image generation call started."""

    type: Literal["response.image_generation_call.in_progress"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseImageGenCallPartialImageEvent(_Event):
    """A partial image, base64-encoded (when ``partial_images`` was asked for)."""

    type: Literal["response.image_generation_call.partial_image"]
    sequence_number: int
    item_id: str
    output_index: int
    partial_image_index: int
    partial_image_b64: str
    background: Optional[str] = None
    output_format: Optional[str] = None
    quality: Optional[str] = None
    size: Optional[str] = None


class ResponseMcpCallArgumentsDeltaEvent(_Event):
    """A fragment of an MCP tool call's ``arguments``."""

    type: Literal["response.mcp_call_arguments.delta"]
    sequence_number: int
    item_id: str
    output_index: int
    delta: str
    obfuscation: Optional[str] = None


class ResponseMcpCallArgumentsDoneEvent(_Event):
    """An MCP tool call's ``arguments`` are complete."""

    type: Literal["response.mcp_call_arguments.done"]
    sequence_number: int
    item_id: str
    output_index: int
    arguments: str


class ResponseMcpCallCompletedEvent(_Event):
    """An MCP tool call succeeded."""

    type: Literal["response.mcp_call.completed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseMcpCallFailedEvent(_Event):
    """An MCP tool call failed."""

    type: Literal["response.mcp_call.failed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseMcpCallInProgressEvent(_Event):
    """An MCP tool call started."""

    type: Literal["response.mcp_call.in_progress"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseMcpListToolsCompletedEvent(_Event):
    """Listing an MCP server's tools succeeded."""

    type: Literal["response.mcp_list_tools.completed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseMcpListToolsFailedEvent(_Event):
    """Listing an MCP server's tools failed."""

    type: Literal["response.mcp_list_tools.failed"]
    sequence_number: int
    item_id: str
    output_index: int


class ResponseMcpListToolsInProgressEvent(_Event):
    """Listing an MCP server's tools started."""

    type: Literal["response.mcp_list_tools.in_progress"]
    sequence_number: int
    item_id: str
    output_index: int
