"""
ruapi_convert.models.responses._items
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The conversation items every client uses: messages, function and custom tool calls with their
outputs, reasoning, compaction, item references, and the newer control items (configuration
updates, additional tools, tool search, programs). Built-in tool calls live in ``_builtin_items``,
the unions of all items in ``_item_unions``.

One class per item ``type``, shared by ``input`` (where the SDK has a ``…Param`` twin, or a local
name in ``response_input_item_param`` such as ``FunctionCallOutput``) and ``output`` (the response
type the class is named after). Keys are the union of the twins' keys; a key is required only when
every twin requires it. Messages are the exception: three SDK shapes share ``type: "message"``
(the easy message, the input message, the output message): they stay three classes, and ``input``
validates every message as the widest, :class:`EasyInputMessage`.

Real clients send less than the SDK's request types require; this module accepts it and keeps it as
given. Codex, for example, replays assistant turns as ``{"type": "message", "role": "assistant",
"content": [{"type": "output_text", "text": …}]}`` (no ``id``, ``status`` or ``annotations``) and
reasoning items without ``id``.
"""

from typing import Any, Literal, Optional, Union

from typing_extensions import Required, TypedDict

from .._base import wire_dict
from ._common import AsyncFlag, Caller
from ._config import ResponseFormatTextConfig
from ._content import (
    ReasoningTextContent,
    ResponseInputContent,
    ResponseMessageContent,
    ResponseOutputMessageContent,
    SummaryTextContent,
)
from ._tools import Tool
from ._vocab import ItemStatus, MessagePhase, MessageRole, ReasoningEffort

__all__ = [
    "EasyInputMessage",
    "ResponseInputMessageItem",
    "ResponseOutputMessage",
    "ResponseFunctionToolCall",
    "ResponseFunctionToolCallOutputItem",
    "ResponseCustomToolCall",
    "ResponseCustomToolCallOutput",
    "ResponseReasoningItem",
    "ResponseCompactionItem",
    "ResponseCompactionTrigger",
    "ResponseItemReference",
    "ConfigurationUpdateReasoning",
    "ConfigurationUpdateText",
    "ResponseConfigurationUpdateItem",
    "ResponseAdditionalTools",
    "ResponseToolSearchCall",
    "ResponseToolSearchOutputItem",
    "ResponseProgram",
    "ResponseProgramOutput",
]

# -- messages ------------------------------------------------------------------------------------


@wire_dict
class EasyInputMessage(TypedDict, total=False):
    """A message in ``input``; ``type`` may be left out (SDK: ``EasyInputMessageParam``).

    Three SDK shapes share ``type: "message"`` in ``input``: this one, the input message
    (:class:`ResponseInputMessageItem`) and a replayed output message
    (:class:`ResponseOutputMessage`). This class is the widest of them, and every message of
    ``input`` is validated as it: ``role`` is any string, ``content`` a string or a list of input,
    ``output_text`` and ``refusal`` parts (clients replay assistant turns that way, see the module
    docstring), and the ``id`` and ``status`` of the other two shapes are accepted and checked.
    The two narrower classes are exact types for code that builds messages.
    """

    type: Optional[Literal["message"]]
    id: Optional[str]
    role: Required[MessageRole]
    status: Optional[ItemStatus]
    content: Required[Union[str, list[ResponseMessageContent]]]
    phase: Optional[MessagePhase]


@wire_dict
class ResponseInputMessageItem(TypedDict, total=False):
    """A user, system or developer message with a list of input parts (SDK: ``Message`` in
    ``response_input_item_param``; ``ResponseInputMessageItem`` when listed with its ``id``)."""

    id: Optional[str]
    type: Optional[Literal["message"]]
    role: Required[Literal["user", "system", "developer"]]
    status: Optional[ItemStatus]
    content: Required[list[ResponseInputContent]]


@wire_dict
class ResponseOutputMessage(TypedDict, total=False):
    """An assistant message the model wrote: text and refusal parts."""

    id: Required[str]
    type: Required[Literal["message"]]
    status: Required[ItemStatus]
    content: Required[list[ResponseOutputMessageContent]]
    role: Required[Literal["assistant"]]
    phase: Optional[MessagePhase]


# -- function and custom tool calls --------------------------------------------------------------


@wire_dict
class ResponseFunctionToolCall(AsyncFlag, total=False):
    """The model calls a function tool. ``id`` (``fc_…``) names the item, ``call_id`` the call that
    its ``function_call_output`` answers; ``arguments`` is JSON text (possibly invalid)."""

    id: Optional[str]
    type: Required[Literal["function_call"]]
    status: Optional[ItemStatus]
    arguments: Required[str]
    call_id: Required[str]
    name: Required[str]
    namespace: Optional[str]
    caller: Optional[Caller]
    created_by: Optional[str]


@wire_dict
class ResponseFunctionToolCallOutputItem(TypedDict, total=False):
    """The result of a function call: text, or a list of text, image and file parts.

    (SDK: ``FunctionCallOutput`` in ``response_input_item_param``, whose ``call_id`` 3.57.0 types as
    optional; every real client sends it.)
    """

    id: Optional[str]
    type: Required[Literal["function_call_output"]]
    call_id: Optional[str]
    output: Required[Union[str, list[ResponseInputContent]]]
    status: Optional[ItemStatus]
    name: Optional[str]
    namespace: Optional[str]
    caller: Optional[Caller]
    created_by: Optional[str]


@wire_dict
class ResponseCustomToolCall(AsyncFlag, total=False):
    """The model calls a custom tool with free-text ``input`` (e.g. a patch for ``apply_patch``)."""

    id: Optional[str]
    type: Required[Literal["custom_tool_call"]]
    status: Optional[ItemStatus]
    call_id: Required[str]
    name: Required[str]
    input: Required[str]
    namespace: Optional[str]
    caller: Optional[Caller]
    created_by: Optional[str]


@wire_dict
class ResponseCustomToolCallOutput(TypedDict, total=False):
    """The result of a custom tool call (SDK also: ``ResponseCustomToolCallOutputItem``)."""

    id: Optional[str]
    type: Required[Literal["custom_tool_call_output"]]
    call_id: Required[str]
    output: Required[Union[str, list[ResponseInputContent]]]
    status: Optional[ItemStatus]
    caller: Optional[Caller]
    created_by: Optional[str]


# -- reasoning and compaction --------------------------------------------------------------------


@wire_dict
class ResponseReasoningItem(TypedDict, total=False):
    """The model's reasoning: summary parts, raw ``reasoning_text`` (open-weight servers), and the
    opaque ``encrypted_content`` that lets a stateless client (``store: false``) replay it.

    ``id`` (``rs_…``) is required by the SDK; Codex replays reasoning without it, so here it is not.
    """

    id: Optional[str]
    type: Required[Literal["reasoning"]]
    status: Optional[ItemStatus]
    encrypted_content: Optional[str]
    summary: Required[list[SummaryTextContent]]
    content: Optional[list[ReasoningTextContent]]


@wire_dict
class ResponseCompactionItem(TypedDict, total=False):
    """Earlier conversation compacted into an opaque blob (server-side compaction)."""

    id: Optional[str]
    type: Required[Literal["compaction"]]
    encrypted_content: Required[str]
    created_by: Optional[str]


@wire_dict
class ResponseCompactionTrigger(TypedDict, total=False):
    """Ask the server to compact the conversation at this point (SDK: ``CompactionTrigger``)."""

    id: Optional[str]
    type: Required[Literal["compaction_trigger"]]


@wire_dict
class ResponseItemReference(TypedDict, total=False):
    """A stored item, by id; ``type`` may be left out or null (SDK: ``ItemReference``)."""

    id: Required[str]
    type: Optional[Literal["item_reference"]]


# -- control items -------------------------------------------------------------------------------


@wire_dict
class ConfigurationUpdateReasoning(TypedDict, total=False):
    """New reasoning settings from a ``configuration_update`` item on."""

    effort: Optional[ReasoningEffort]


@wire_dict
class ConfigurationUpdateText(TypedDict, total=False):
    """New text settings from a ``configuration_update`` item on."""

    format: Required[ResponseFormatTextConfig]


@wire_dict
class ResponseConfigurationUpdateItem(TypedDict, total=False):
    """Change reasoning or text settings mid-conversation."""

    id: Optional[str]
    type: Required[Literal["configuration_update"]]
    reasoning: Optional[ConfigurationUpdateReasoning]
    text: Optional[ConfigurationUpdateText]


@wire_dict
class ResponseAdditionalTools(TypedDict, total=False):
    """Tools made available from this point of the conversation on (SDK: ``AdditionalTools``).

    In ``input`` the role is ``developer``; output items report any role.
    """

    id: Optional[str]
    type: Required[Literal["additional_tools"]]
    role: Required[
        Union[
            Literal[
                "developer",
                "unknown",
                "user",
                "assistant",
                "system",
                "critic",
                "discriminator",
                "tool",
            ],
            str,
        ]
    ]
    tools: Required[list[Tool]]


@wire_dict
class ResponseToolSearchCall(TypedDict, total=False):
    """The model searches for deferred tools; ``arguments`` is a JSON value, not text."""

    id: Optional[str]
    type: Required[Literal["tool_search_call"]]
    status: Optional[ItemStatus]
    call_id: Optional[str]
    execution: Optional[Union[Literal["server", "client"], str]]
    arguments: Required[Any]
    created_by: Optional[str]


@wire_dict
class ResponseToolSearchOutputItem(TypedDict, total=False):
    """The tools a tool search found, loaded from here on."""

    id: Optional[str]
    type: Required[Literal["tool_search_output"]]
    status: Optional[ItemStatus]
    call_id: Optional[str]
    execution: Optional[Union[Literal["server", "client"], str]]
    tools: Required[list[Tool]]
    created_by: Optional[str]


@wire_dict
class ResponseProgram(TypedDict, total=False):
    """A program the model wrote to call tools (programmatic tool calling; SDK: ``Program``)."""

    id: Required[str]
    type: Required[Literal["program"]]
    call_id: Required[str]
    code: Required[str]
    fingerprint: Required[str]


@wire_dict
class ResponseProgramOutput(TypedDict, total=False):
    """The result of such a program (SDK: ``ProgramOutput``)."""

    id: Required[str]
    type: Required[Literal["program_output"]]
    call_id: Required[str]
    status: Required[Union[Literal["completed", "incomplete"], str]]
    result: Required[str]
