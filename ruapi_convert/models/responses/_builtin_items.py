"""
ruapi_convert.models.responses._builtin_items
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Calls of OpenAI-hosted tools as items: web and file search, computer use, code interpreter and
image generation. (Tools whose calls a client or a remote server executes, the shells,
``apply_patch`` and MCP, are in ``_exec_items``.)

As in ``_items``, one class per item ``type`` serves ``input`` and ``output``; names follow the
SDK's response types, or ``Response`` + the SDK's local name where the SDK only has a local one
(``ImageGenerationCall`` -> :class:`ResponseImageGenerationCall`). Where recorded traffic is
narrower than the SDK requires, the key is optional here: early ``web_search_call`` items carry no
``action``.
"""

from typing import Annotated, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import Number, not_one_of, wire_dict
from ._vocab import ItemStatus

__all__ = [
    "WebSearchActionSearchSource",
    "WebSearchActionSearch",
    "WebSearchActionOpenPage",
    "WebSearchActionFind",
    "UnknownWebSearchAction",
    "WebSearchAction",
    "ResponseFunctionWebSearch",
    "FileSearchResult",
    "ResponseFileSearchToolCall",
    "ComputerActionClick",
    "ComputerActionDoubleClick",
    "ComputerActionDragPath",
    "ComputerActionDrag",
    "ComputerActionKeypress",
    "ComputerActionMove",
    "ComputerActionScreenshot",
    "ComputerActionScroll",
    "ComputerActionType",
    "ComputerActionWait",
    "UnknownComputerAction",
    "ComputerAction",
    "PendingSafetyCheck",
    "ResponseComputerToolCall",
    "ResponseComputerToolCallOutputScreenshot",
    "ResponseComputerToolCallOutputItem",
    "CodeInterpreterOutputLogs",
    "CodeInterpreterOutputImage",
    "UnknownCodeInterpreterOutput",
    "CodeInterpreterOutput",
    "ResponseCodeInterpreterToolCall",
    "ImageGenerationCallErrorModerationDetails",
    "ImageGenerationCallError",
    "ImageGenerationCallSvgUsage",
    "ResponseImageGenerationCall",
]

# -- web search ----------------------------------------------------------------------------------


@wire_dict
class WebSearchActionSearchSource(TypedDict, total=False):
    """A source a search consulted."""

    type: Required[Literal["url"]]
    url: Required[str]


@wire_dict
class WebSearchActionSearch(TypedDict, total=False):
    """A web search, by query."""

    type: Required[Literal["search"]]
    query: Optional[str]
    queries: Optional[list[str]]
    sources: Optional[list[WebSearchActionSearchSource]]


@wire_dict
class WebSearchActionOpenPage(TypedDict, total=False):
    """Opening a page."""

    type: Required[Literal["open_page"]]
    url: Optional[str]


@wire_dict
class WebSearchActionFind(TypedDict, total=False):
    """Searching for a pattern in a page."""

    type: Required[Literal["find_in_page"]]
    url: Required[str]
    pattern: Required[str]


_KnownWebSearchAction = Union[WebSearchActionSearch, WebSearchActionOpenPage, WebSearchActionFind]


@wire_dict
class UnknownWebSearchAction(TypedDict):
    """A web search action type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownWebSearchAction)]


#: ``action`` of a ``web_search_call``.
WebSearchAction: TypeAlias = Annotated[
    Union[Annotated[_KnownWebSearchAction, Field(discriminator="type")], UnknownWebSearchAction],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ResponseFunctionWebSearch(TypedDict, total=False):
    """A web search the model ran (``web_search_call``)."""

    id: Required[str]
    type: Required[Literal["web_search_call"]]
    status: Required[Union[ItemStatus, Literal["searching", "failed"]]]
    action: Optional[WebSearchAction]


# -- file search ---------------------------------------------------------------------------------


@wire_dict
class FileSearchResult(TypedDict, total=False):
    """One file search hit (SDK: ``response_file_search_tool_call.Result``)."""

    file_id: Optional[str]
    filename: Optional[str]
    score: Optional[Number]
    text: Optional[str]
    attributes: Optional[dict[str, Union[str, Number, bool]]]


@wire_dict
class ResponseFileSearchToolCall(TypedDict, total=False):
    """A file search the model ran; ``results`` only with ``include: ["file_search_call.results"]``."""

    id: Required[str]
    type: Required[Literal["file_search_call"]]
    status: Required[Union[ItemStatus, Literal["searching", "failed"]]]
    queries: Required[list[str]]
    results: Optional[list[FileSearchResult]]


# -- computer use --------------------------------------------------------------------------------


@wire_dict
class ComputerActionClick(TypedDict, total=False):
    """Click at ``x``, ``y``, with modifier ``keys`` held."""

    type: Required[Literal["click"]]
    button: Required[Union[Literal["left", "right", "wheel", "back", "forward"], str]]
    x: Required[int]
    y: Required[int]
    keys: Optional[list[str]]


@wire_dict
class ComputerActionDoubleClick(TypedDict, total=False):
    """Double-click at ``x``, ``y``."""

    type: Required[Literal["double_click"]]
    x: Required[int]
    y: Required[int]
    keys: Optional[list[str]]


@wire_dict
class ComputerActionDragPath(TypedDict, total=False):
    """One point of a drag path."""

    x: Required[int]
    y: Required[int]


@wire_dict
class ComputerActionDrag(TypedDict, total=False):
    """Drag along ``path``."""

    type: Required[Literal["drag"]]
    path: Required[list[ComputerActionDragPath]]
    keys: Optional[list[str]]


@wire_dict
class ComputerActionKeypress(TypedDict, total=False):
    """Press a key combination."""

    type: Required[Literal["keypress"]]
    keys: Required[list[str]]


@wire_dict
class ComputerActionMove(TypedDict, total=False):
    """Move the pointer to ``x``, ``y``."""

    type: Required[Literal["move"]]
    x: Required[int]
    y: Required[int]
    keys: Optional[list[str]]


@wire_dict
class ComputerActionScreenshot(TypedDict, total=False):
    """Take a screenshot."""

    type: Required[Literal["screenshot"]]


@wire_dict
class ComputerActionScroll(TypedDict, total=False):
    """Scroll by ``scroll_x``, ``scroll_y`` at ``x``, ``y``."""

    type: Required[Literal["scroll"]]
    x: Required[int]
    y: Required[int]
    scroll_x: Required[int]
    scroll_y: Required[int]
    keys: Optional[list[str]]


@wire_dict
class ComputerActionType(TypedDict, total=False):
    """Type ``text``."""

    type: Required[Literal["type"]]
    text: Required[str]


@wire_dict
class ComputerActionWait(TypedDict, total=False):
    """Wait."""

    type: Required[Literal["wait"]]


_KnownComputerAction = Union[
    ComputerActionClick,
    ComputerActionDoubleClick,
    ComputerActionDrag,
    ComputerActionKeypress,
    ComputerActionMove,
    ComputerActionScreenshot,
    ComputerActionScroll,
    ComputerActionType,
    ComputerActionWait,
]


@wire_dict
class UnknownComputerAction(TypedDict):
    """A computer action type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownComputerAction)]


#: One computer action (SDK: ``ComputerAction``; also the ``Action…`` classes of a computer call).
ComputerAction: TypeAlias = Annotated[
    Union[Annotated[_KnownComputerAction, Field(discriminator="type")], UnknownComputerAction],
    Field(union_mode="left_to_right"),
]


@wire_dict
class PendingSafetyCheck(TypedDict, total=False):
    """A safety check of a computer call (pending, or acknowledged in the call's output)."""

    id: Required[str]
    code: Optional[str]
    message: Optional[str]


@wire_dict
class ResponseComputerToolCall(TypedDict, total=False):
    """The model asks the client to act on the computer: one ``action`` or a list of ``actions``."""

    id: Required[str]
    type: Required[Literal["computer_call"]]
    status: Required[ItemStatus]
    call_id: Required[str]
    action: Optional[ComputerAction]
    actions: Optional[list[ComputerAction]]
    pending_safety_checks: Required[list[PendingSafetyCheck]]


@wire_dict
class ResponseComputerToolCallOutputScreenshot(TypedDict, total=False):
    """A screenshot: an image URL or an uploaded file."""

    type: Required[Literal["computer_screenshot"]]
    file_id: Optional[str]
    image_url: Optional[str]


@wire_dict
class ResponseComputerToolCallOutputItem(TypedDict, total=False):
    """The client's answer to a computer call: a screenshot (SDK also: ``ComputerCallOutput``)."""

    id: Optional[str]
    type: Required[Literal["computer_call_output"]]
    status: Optional[Union[ItemStatus, Literal["failed"]]]
    call_id: Required[str]
    output: Required[ResponseComputerToolCallOutputScreenshot]
    acknowledged_safety_checks: Optional[list[PendingSafetyCheck]]
    created_by: Optional[str]


# -- code interpreter ----------------------------------------------------------------------------


@wire_dict
class CodeInterpreterOutputLogs(TypedDict, total=False):
    """Logs the code printed."""

    type: Required[Literal["logs"]]
    logs: Required[str]


@wire_dict
class CodeInterpreterOutputImage(TypedDict, total=False):
    """An image the code produced."""

    type: Required[Literal["image"]]
    url: Required[str]


_KnownCodeInterpreterOutput = Union[CodeInterpreterOutputLogs, CodeInterpreterOutputImage]


@wire_dict
class UnknownCodeInterpreterOutput(TypedDict):
    """A code interpreter output type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCodeInterpreterOutput)]


#: One entry of a code interpreter call's ``outputs``.
CodeInterpreterOutput: TypeAlias = Annotated[
    Union[
        Annotated[_KnownCodeInterpreterOutput, Field(discriminator="type")],
        UnknownCodeInterpreterOutput,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ResponseCodeInterpreterToolCall(TypedDict, total=False):
    """Code the model ran in a container, and (with ``include``) what it printed and drew."""

    id: Required[str]
    type: Required[Literal["code_interpreter_call"]]
    status: Required[Union[ItemStatus, Literal["interpreting", "failed"]]]
    code: Optional[str]
    container_id: Required[str]
    outputs: Optional[list[CodeInterpreterOutput]]


# -- image generation ----------------------------------------------------------------------------


@wire_dict
class ImageGenerationCallErrorModerationDetails(TypedDict, total=False):
    """Why moderation stopped an image."""

    categories: Required[list[str]]
    moderation_stage: Required[Union[Literal["input", "output", "unknown"], str]]


@wire_dict
class ImageGenerationCallError(TypedDict, total=False):
    """Why an image generation call failed."""

    type: Required[str]
    code: Optional[str]
    message: Required[str]
    param: Optional[str]
    moderation_details: Optional[ImageGenerationCallErrorModerationDetails]


@wire_dict
class ImageGenerationCallSvgUsage(TypedDict, total=False):
    """Token usage of the model that wrote an SVG."""

    input_tokens: Required[int]
    output_tokens: Required[int]
    reasoning_tokens: Required[int]
    total_tokens: Required[int]
    model: Required[str]


@wire_dict
class ResponseImageGenerationCall(TypedDict, total=False):
    """An image the model generated; ``result`` is the base64 image (SDK: ``ImageGenerationCall``)."""

    id: Required[str]
    type: Required[Literal["image_generation_call"]]
    status: Required[Union[ItemStatus, Literal["generating", "failed"]]]
    action: Optional[Union[Literal["generate", "edit", "auto"], str]]
    background: Optional[Union[Literal["transparent", "opaque", "auto"], str]]
    output_format: Optional[Union[Literal["png", "webp", "jpeg", "gif", "svg"], str]]
    quality: Optional[Union[Literal["low", "medium", "high", "xhigh", "max", "auto"], str]]
    size: Optional[Union[Literal["1024x1024", "1024x1536", "1536x1024"], str]]
    revised_prompt: Optional[str]
    result: Optional[str]
    error: Optional[ImageGenerationCallError]
    svg_usage: Optional[ImageGenerationCallSvgUsage]
