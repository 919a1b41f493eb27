"""
ruapi_convert.models.responses._item_unions
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The two open unions of items: :data:`ResponseInputItem` (one entry of a request's ``input``) and
:data:`ResponseOutputItem` (one entry of a response's ``output`` and the ``item`` of stream events).

Output items always carry ``type``, so :data:`ResponseOutputItem` is the usual union discriminated
on it, with :class:`UnknownOutputItem` as the fallback.

Input items need more: the easy message may leave ``type`` out (``{"role": "user", "content":
"Hi"}``), and so may an item reference (``{"id": "msg_…"}``). The discriminator
(:func:`input_item_tag`) therefore reads ``type`` when it is a string and otherwise looks at the
object: with a ``role`` it is a message, without one an item reference. Every message is validated
as :class:`EasyInputMessage`, the widest of the three SDK message shapes (see its docstring). Any
other ``type`` string is an :class:`UnknownInputItem` whose payload is kept.
"""

import functools
from typing import Annotated, Any, TypeAlias, Union

from pydantic import Discriminator, Field, Tag
from typing_extensions import TypedDict

from .._base import not_one_of, tags_of, wire_dict
from ._builtin_items import (
    ResponseCodeInterpreterToolCall,
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseFileSearchToolCall,
    ResponseFunctionWebSearch,
    ResponseImageGenerationCall,
)
from ._exec_items import (
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOutput,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallOutput,
    ResponseLocalShellCall,
    ResponseLocalShellCallOutput,
    ResponseMcpApprovalRequest,
    ResponseMcpApprovalResponse,
    ResponseMcpCall,
    ResponseMcpListTools,
)
from ._items import (
    EasyInputMessage,
    ResponseAdditionalTools,
    ResponseCompactionItem,
    ResponseCompactionTrigger,
    ResponseConfigurationUpdateItem,
    ResponseCustomToolCall,
    ResponseCustomToolCallOutput,
    ResponseFunctionToolCall,
    ResponseFunctionToolCallOutputItem,
    ResponseItemReference,
    ResponseOutputMessage,
    ResponseProgram,
    ResponseProgramOutput,
    ResponseReasoningItem,
    ResponseToolSearchCall,
    ResponseToolSearchOutputItem,
)

__all__ = [
    "UnknownInputItem",
    "ResponseInputItem",
    "ResponseInputParam",
    "input_item_tag",
    "UnknownOutputItem",
    "ResponseOutputItem",
]

# Items tagged by a ``type`` that is always present (in input; the message and the item reference
# are handled apart because their ``type`` is optional).
_TypedInputItem = Union[
    ResponseFunctionToolCall,
    ResponseFunctionToolCallOutputItem,
    ResponseCustomToolCall,
    ResponseCustomToolCallOutput,
    ResponseReasoningItem,
    ResponseCompactionItem,
    ResponseCompactionTrigger,
    ResponseConfigurationUpdateItem,
    ResponseAdditionalTools,
    ResponseToolSearchCall,
    ResponseToolSearchOutputItem,
    ResponseProgram,
    ResponseProgramOutput,
    ResponseFileSearchToolCall,
    ResponseFunctionWebSearch,
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseCodeInterpreterToolCall,
    ResponseImageGenerationCall,
    ResponseLocalShellCall,
    ResponseLocalShellCallOutput,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallOutput,
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOutput,
    ResponseMcpListTools,
    ResponseMcpApprovalRequest,
    ResponseMcpApprovalResponse,
    ResponseMcpCall,
]


@wire_dict
class UnknownInputItem(TypedDict):
    """An input item type newer than this library; its payload is kept as given."""

    type: Annotated[
        str, not_one_of(Union[_TypedInputItem, EasyInputMessage, ResponseItemReference])
    ]


_UNKNOWN = "__unknown__"


@functools.cache
def _input_item_tags() -> frozenset[str]:
    return tags_of(Union[_TypedInputItem, EasyInputMessage, ResponseItemReference])


def input_item_tag(value: Any) -> str:
    """The tag :data:`ResponseInputItem` dispatches ``value`` on (see the module docstring)."""
    if isinstance(value, dict):
        tag = value.get("type")
        if tag is None:  # absent or null
            return "message" if "role" in value else "item_reference"
        if isinstance(tag, str) and tag in _input_item_tags():
            return tag
    return _UNKNOWN


#: One entry of ``input`` (SDK: ``ResponseInputItemParam``; also ``Response.instructions``).
ResponseInputItem: TypeAlias = Annotated[
    Union[
        Annotated[EasyInputMessage, Tag("message")],
        Annotated[ResponseItemReference, Tag("item_reference")],
        Annotated[ResponseFunctionToolCall, Tag("function_call")],
        Annotated[ResponseFunctionToolCallOutputItem, Tag("function_call_output")],
        Annotated[ResponseCustomToolCall, Tag("custom_tool_call")],
        Annotated[ResponseCustomToolCallOutput, Tag("custom_tool_call_output")],
        Annotated[ResponseReasoningItem, Tag("reasoning")],
        Annotated[ResponseCompactionItem, Tag("compaction")],
        Annotated[ResponseCompactionTrigger, Tag("compaction_trigger")],
        Annotated[ResponseConfigurationUpdateItem, Tag("configuration_update")],
        Annotated[ResponseAdditionalTools, Tag("additional_tools")],
        Annotated[ResponseToolSearchCall, Tag("tool_search_call")],
        Annotated[ResponseToolSearchOutputItem, Tag("tool_search_output")],
        Annotated[ResponseProgram, Tag("program")],
        Annotated[ResponseProgramOutput, Tag("program_output")],
        Annotated[ResponseFileSearchToolCall, Tag("file_search_call")],
        Annotated[ResponseFunctionWebSearch, Tag("web_search_call")],
        Annotated[ResponseComputerToolCall, Tag("computer_call")],
        Annotated[ResponseComputerToolCallOutputItem, Tag("computer_call_output")],
        Annotated[ResponseCodeInterpreterToolCall, Tag("code_interpreter_call")],
        Annotated[ResponseImageGenerationCall, Tag("image_generation_call")],
        Annotated[ResponseLocalShellCall, Tag("local_shell_call")],
        Annotated[ResponseLocalShellCallOutput, Tag("local_shell_call_output")],
        Annotated[ResponseFunctionShellToolCall, Tag("shell_call")],
        Annotated[ResponseFunctionShellToolCallOutput, Tag("shell_call_output")],
        Annotated[ResponseApplyPatchToolCall, Tag("apply_patch_call")],
        Annotated[ResponseApplyPatchToolCallOutput, Tag("apply_patch_call_output")],
        Annotated[ResponseMcpListTools, Tag("mcp_list_tools")],
        Annotated[ResponseMcpApprovalRequest, Tag("mcp_approval_request")],
        Annotated[ResponseMcpApprovalResponse, Tag("mcp_approval_response")],
        Annotated[ResponseMcpCall, Tag("mcp_call")],
        Annotated[UnknownInputItem, Tag(_UNKNOWN)],
    ],
    Discriminator(input_item_tag),
]

#: ``input`` as a list (SDK: ``ResponseInputParam``); a string ``input`` is one user message.
ResponseInputParam: TypeAlias = list[ResponseInputItem]


_KnownOutputItem = Union[
    ResponseOutputMessage,
    ResponseFileSearchToolCall,
    ResponseFunctionToolCall,
    ResponseFunctionToolCallOutputItem,
    ResponseFunctionWebSearch,
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseReasoningItem,
    ResponseProgram,
    ResponseProgramOutput,
    ResponseToolSearchCall,
    ResponseToolSearchOutputItem,
    ResponseAdditionalTools,
    ResponseCompactionItem,
    ResponseImageGenerationCall,
    ResponseCodeInterpreterToolCall,
    ResponseLocalShellCall,
    ResponseLocalShellCallOutput,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallOutput,
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOutput,
    ResponseMcpCall,
    ResponseMcpListTools,
    ResponseMcpApprovalRequest,
    ResponseMcpApprovalResponse,
    ResponseCustomToolCall,
    ResponseCustomToolCallOutput,
]


@wire_dict
class UnknownOutputItem(TypedDict):
    """An output item type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownOutputItem)]


#: One entry of ``Response.output`` and the ``item`` of ``response.output_item.added``/``.done``.
ResponseOutputItem: TypeAlias = Annotated[
    Union[Annotated[_KnownOutputItem, Field(discriminator="type")], UnknownOutputItem],
    Field(union_mode="left_to_right"),
]
