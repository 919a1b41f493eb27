"""Server-tool result blocks, request (``…BlockParam``) and response (``…Block``) forms.

The payloads inside them (search results, execution output, editor results, errors) have the same
keys in both directions, so each is defined once and the SDK's response-side name is an alias. Every
``content`` union tagged by ``type`` is open: a result kind newer than this library is kept as given.
"""

from typing import Annotated, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ._blocks import DocumentBlockParam, ToolReferenceBlockParam
from ._common import CacheControlEphemeralParam, CallerParam

__all__ = [
    "AdvisorRedactedResultBlock",
    "AdvisorRedactedResultBlockParam",
    "AdvisorResultBlock",
    "AdvisorResultBlockParam",
    "AdvisorToolResultBlock",
    "AdvisorToolResultBlockParam",
    "AdvisorToolResultContentParam",
    "AdvisorToolResultErrorObject",
    "AdvisorToolResultErrorParam",
    "BashCodeExecutionOutputBlock",
    "BashCodeExecutionOutputBlockParam",
    "BashCodeExecutionResultBlock",
    "BashCodeExecutionResultBlockParam",
    "BashCodeExecutionToolResultBlock",
    "BashCodeExecutionToolResultBlockParam",
    "BashCodeExecutionToolResultContentParam",
    "BashCodeExecutionToolResultErrorObject",
    "BashCodeExecutionToolResultErrorParam",
    "CodeExecutionOutputBlock",
    "CodeExecutionOutputBlockParam",
    "CodeExecutionResultBlock",
    "CodeExecutionResultBlockParam",
    "CodeExecutionToolResultBlock",
    "CodeExecutionToolResultBlockContent",
    "CodeExecutionToolResultBlockParam",
    "CodeExecutionToolResultBlockParamContentParam",
    "CodeExecutionToolResultErrorObject",
    "CodeExecutionToolResultErrorParam",
    "EncryptedCodeExecutionResultBlock",
    "EncryptedCodeExecutionResultBlockParam",
    "TextEditorCodeExecutionCreateResultBlock",
    "TextEditorCodeExecutionCreateResultBlockParam",
    "TextEditorCodeExecutionStrReplaceResultBlock",
    "TextEditorCodeExecutionStrReplaceResultBlockParam",
    "TextEditorCodeExecutionToolResultBlock",
    "TextEditorCodeExecutionToolResultBlockParam",
    "TextEditorCodeExecutionToolResultContentParam",
    "TextEditorCodeExecutionToolResultErrorObject",
    "TextEditorCodeExecutionToolResultErrorParam",
    "TextEditorCodeExecutionViewResultBlock",
    "TextEditorCodeExecutionViewResultBlockParam",
    "ToolReferenceBlock",
    "ToolSearchToolResultBlock",
    "ToolSearchToolResultBlockParam",
    "ToolSearchToolResultContentParam",
    "ToolSearchToolResultErrorObject",
    "ToolSearchToolResultErrorParam",
    "ToolSearchToolSearchResultBlock",
    "ToolSearchToolSearchResultBlockParam",
    "UnknownAdvisorToolResultContentParam",
    "UnknownBashCodeExecutionToolResultContentParam",
    "UnknownCodeExecutionToolResultContentParam",
    "UnknownTextEditorCodeExecutionToolResultContentParam",
    "UnknownToolSearchToolResultContentParam",
    "UnknownWebFetchToolResultContentParam",
    "UnknownWebSearchToolResultContentParam",
    "WebFetchBlock",
    "WebFetchBlockParam",
    "WebFetchToolResultBlock",
    "WebFetchToolResultBlockParam",
    "WebFetchToolResultContentParam",
    "WebFetchToolResultErrorBlock",
    "WebFetchToolResultErrorBlockParam",
    "WebSearchResultBlock",
    "WebSearchResultBlockParam",
    "WebSearchToolRequestErrorObjectParam",
    "WebSearchToolResultBlock",
    "WebSearchToolResultBlockContent",
    "WebSearchToolResultBlockParam",
    "WebSearchToolResultBlockParamContentParam",
    "WebSearchToolResultErrorObject",
]

#: Error codes grow over time; the known ones are listed for editors and readers.
_CommonErrorCode = Literal[
    "invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"
]

# -- web_search ----------------------------------------------------------------------------------


@wire_dict
class WebSearchResultBlockParam(TypedDict, total=False):
    """One web search hit; ``encrypted_content`` must be sent back unchanged."""

    type: Required[Literal["web_search_result"]]
    url: Required[str]
    title: Required[str]
    encrypted_content: Required[str]
    page_age: Optional[str]


@wire_dict
class WebSearchToolRequestErrorObjectParam(TypedDict, total=False):
    """A failed web search."""

    type: Required[Literal["web_search_tool_result_error"]]
    error_code: Required[
        Union[
            Literal[
                "invalid_tool_input",
                "unavailable",
                "max_uses_exceeded",
                "too_many_requests",
                "query_too_long",
                "request_too_large",
            ],
            str,
        ]
    ]


@wire_dict
class UnknownWebSearchToolResultContentParam(TypedDict):
    """A web search result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(WebSearchToolRequestErrorObjectParam)]


#: The ``content`` of a web search result: a list of hits, or an error object.
WebSearchToolResultBlockParamContentParam = Annotated[
    Union[
        list[WebSearchResultBlockParam],
        WebSearchToolRequestErrorObjectParam,
        UnknownWebSearchToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class WebSearchToolResultBlockParam(TypedDict, total=False):
    """The result of a ``web_search`` server tool call, echoed back verbatim."""

    type: Required[Literal["web_search_tool_result"]]
    tool_use_id: Required[str]
    content: Required[WebSearchToolResultBlockParamContentParam]
    cache_control: Optional[CacheControlEphemeralParam]
    caller: Optional[CallerParam]


@wire_dict
class WebSearchToolResultBlock(TypedDict, total=False):
    """The result of a ``web_search`` server tool call, as the API returns it."""

    type: Required[Literal["web_search_tool_result"]]
    tool_use_id: Required[str]
    content: Required[WebSearchToolResultBlockParamContentParam]
    caller: Optional[CallerParam]


WebSearchResultBlock = WebSearchResultBlockParam
WebSearchToolResultErrorObject = WebSearchToolRequestErrorObjectParam
WebSearchToolResultBlockContent = WebSearchToolResultBlockParamContentParam

# -- web_fetch -----------------------------------------------------------------------------------


@wire_dict
class WebFetchBlockParam(TypedDict, total=False):
    """A fetched page, as a document block."""

    type: Required[Literal["web_fetch_result"]]
    url: Required[str]
    content: Required[DocumentBlockParam]
    retrieved_at: Optional[str]


@wire_dict
class WebFetchToolResultErrorBlockParam(TypedDict, total=False):
    """A failed fetch."""

    type: Required[Literal["web_fetch_tool_result_error"]]
    error_code: Required[
        Union[
            Literal[
                "invalid_tool_input",
                "url_too_long",
                "url_not_allowed",
                "url_not_in_prior_context",
                "url_not_accessible",
                "unsupported_content_type",
                "too_many_requests",
                "max_uses_exceeded",
                "unavailable",
                "content_too_large",
            ],
            str,
        ]
    ]


_KnownWebFetchContent = Union[WebFetchBlockParam, WebFetchToolResultErrorBlockParam]


@wire_dict
class UnknownWebFetchToolResultContentParam(TypedDict):
    """A web fetch result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownWebFetchContent)]


#: The ``content`` of a web fetch result.
WebFetchToolResultContentParam = Annotated[
    Union[
        Annotated[_KnownWebFetchContent, Field(discriminator="type")],
        UnknownWebFetchToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class WebFetchToolResultBlockParam(TypedDict, total=False):
    """The result of a ``web_fetch`` server tool call, echoed back verbatim."""

    type: Required[Literal["web_fetch_tool_result"]]
    tool_use_id: Required[str]
    content: Required[WebFetchToolResultContentParam]
    cache_control: Optional[CacheControlEphemeralParam]
    caller: Optional[CallerParam]


@wire_dict
class WebFetchToolResultBlock(TypedDict, total=False):
    """The result of a ``web_fetch`` server tool call, as the API returns it."""

    type: Required[Literal["web_fetch_tool_result"]]
    tool_use_id: Required[str]
    content: Required[WebFetchToolResultContentParam]
    caller: Optional[CallerParam]


WebFetchBlock = WebFetchBlockParam
WebFetchToolResultErrorBlock = WebFetchToolResultErrorBlockParam

# -- code_execution ------------------------------------------------------------------------------


@wire_dict
class CodeExecutionOutputBlockParam(TypedDict, total=False):
    """A file the executed code produced."""

    type: Required[Literal["code_execution_output"]]
    file_id: Required[str]


@wire_dict
class CodeExecutionResultBlockParam(TypedDict, total=False):
    """What executed code printed and returned."""

    type: Required[Literal["code_execution_result"]]
    stdout: Required[str]
    stderr: Required[str]
    return_code: Required[int]
    content: Required[list[CodeExecutionOutputBlockParam]]


@wire_dict
class EncryptedCodeExecutionResultBlockParam(TypedDict, total=False):
    """Execution output whose stdout is encrypted (returned verbatim to the API)."""

    type: Required[Literal["encrypted_code_execution_result"]]
    encrypted_stdout: Required[str]
    stderr: Required[str]
    return_code: Required[int]
    content: Required[list[CodeExecutionOutputBlockParam]]


@wire_dict
class CodeExecutionToolResultErrorParam(TypedDict, total=False):
    """A failed code execution."""

    type: Required[Literal["code_execution_tool_result_error"]]
    error_code: Required[Union[_CommonErrorCode, str]]


_KnownCodeExecutionContent = Union[
    CodeExecutionToolResultErrorParam,
    CodeExecutionResultBlockParam,
    EncryptedCodeExecutionResultBlockParam,
]


@wire_dict
class UnknownCodeExecutionToolResultContentParam(TypedDict):
    """A code execution result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCodeExecutionContent)]


#: The ``content`` of a code execution result.
CodeExecutionToolResultBlockParamContentParam = Annotated[
    Union[
        Annotated[_KnownCodeExecutionContent, Field(discriminator="type")],
        UnknownCodeExecutionToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class CodeExecutionToolResultBlockParam(TypedDict, total=False):
    """The result of a ``code_execution`` server tool call, echoed back verbatim."""

    type: Required[Literal["code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[CodeExecutionToolResultBlockParamContentParam]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class CodeExecutionToolResultBlock(TypedDict, total=False):
    """The result of a ``code_execution`` server tool call, as the API returns it."""

    type: Required[Literal["code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[CodeExecutionToolResultBlockParamContentParam]


CodeExecutionOutputBlock = CodeExecutionOutputBlockParam
CodeExecutionResultBlock = CodeExecutionResultBlockParam
EncryptedCodeExecutionResultBlock = EncryptedCodeExecutionResultBlockParam
CodeExecutionToolResultErrorObject = CodeExecutionToolResultErrorParam
CodeExecutionToolResultBlockContent = CodeExecutionToolResultBlockParamContentParam

# -- bash_code_execution -------------------------------------------------------------------------


@wire_dict
class BashCodeExecutionOutputBlockParam(TypedDict, total=False):
    """A file a bash command produced."""

    type: Required[Literal["bash_code_execution_output"]]
    file_id: Required[str]


@wire_dict
class BashCodeExecutionResultBlockParam(TypedDict, total=False):
    """What a bash command printed and returned."""

    type: Required[Literal["bash_code_execution_result"]]
    stdout: Required[str]
    stderr: Required[str]
    return_code: Required[int]
    content: Required[list[BashCodeExecutionOutputBlockParam]]


@wire_dict
class BashCodeExecutionToolResultErrorParam(TypedDict, total=False):
    """A failed bash command."""

    type: Required[Literal["bash_code_execution_tool_result_error"]]
    error_code: Required[Union[_CommonErrorCode, Literal["output_file_too_large"], str]]


_KnownBashContent = Union[BashCodeExecutionToolResultErrorParam, BashCodeExecutionResultBlockParam]


@wire_dict
class UnknownBashCodeExecutionToolResultContentParam(TypedDict):
    """A bash execution result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownBashContent)]


#: The ``content`` of a bash execution result.
BashCodeExecutionToolResultContentParam = Annotated[
    Union[
        Annotated[_KnownBashContent, Field(discriminator="type")],
        UnknownBashCodeExecutionToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class BashCodeExecutionToolResultBlockParam(TypedDict, total=False):
    """The result of a ``bash_code_execution`` server tool call, echoed back verbatim."""

    type: Required[Literal["bash_code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[BashCodeExecutionToolResultContentParam]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class BashCodeExecutionToolResultBlock(TypedDict, total=False):
    """The result of a ``bash_code_execution`` server tool call, as the API returns it."""

    type: Required[Literal["bash_code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[BashCodeExecutionToolResultContentParam]


BashCodeExecutionOutputBlock = BashCodeExecutionOutputBlockParam
BashCodeExecutionResultBlock = BashCodeExecutionResultBlockParam
BashCodeExecutionToolResultErrorObject = BashCodeExecutionToolResultErrorParam

# -- text_editor_code_execution ------------------------------------------------------------------


@wire_dict
class TextEditorCodeExecutionViewResultBlockParam(TypedDict, total=False):
    """The contents of a viewed file."""

    type: Required[Literal["text_editor_code_execution_view_result"]]
    content: Required[str]
    file_type: Required[Union[Literal["text", "image", "pdf"], str]]
    num_lines: Optional[int]
    start_line: Optional[int]
    total_lines: Optional[int]


@wire_dict
class TextEditorCodeExecutionCreateResultBlockParam(TypedDict, total=False):
    """A file was created (or overwritten)."""

    type: Required[Literal["text_editor_code_execution_create_result"]]
    is_file_update: Required[bool]


@wire_dict
class TextEditorCodeExecutionStrReplaceResultBlockParam(TypedDict, total=False):
    """A string replacement, as a diff hunk."""

    type: Required[Literal["text_editor_code_execution_str_replace_result"]]
    lines: Optional[list[str]]
    new_lines: Optional[int]
    new_start: Optional[int]
    old_lines: Optional[int]
    old_start: Optional[int]


@wire_dict
class TextEditorCodeExecutionToolResultErrorParam(TypedDict, total=False):
    """A failed editor command."""

    type: Required[Literal["text_editor_code_execution_tool_result_error"]]
    error_code: Required[Union[_CommonErrorCode, Literal["file_not_found"], str]]
    error_message: Optional[str]


_KnownTextEditorContent = Union[
    TextEditorCodeExecutionToolResultErrorParam,
    TextEditorCodeExecutionViewResultBlockParam,
    TextEditorCodeExecutionCreateResultBlockParam,
    TextEditorCodeExecutionStrReplaceResultBlockParam,
]


@wire_dict
class UnknownTextEditorCodeExecutionToolResultContentParam(TypedDict):
    """A text editor result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownTextEditorContent)]


#: The ``content`` of a text editor execution result.
TextEditorCodeExecutionToolResultContentParam = Annotated[
    Union[
        Annotated[_KnownTextEditorContent, Field(discriminator="type")],
        UnknownTextEditorCodeExecutionToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class TextEditorCodeExecutionToolResultBlockParam(TypedDict, total=False):
    """The result of a ``text_editor_code_execution`` server tool call, echoed back verbatim."""

    type: Required[Literal["text_editor_code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[TextEditorCodeExecutionToolResultContentParam]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class TextEditorCodeExecutionToolResultBlock(TypedDict, total=False):
    """The result of a ``text_editor_code_execution`` server tool call, as the API returns it."""

    type: Required[Literal["text_editor_code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[TextEditorCodeExecutionToolResultContentParam]


TextEditorCodeExecutionViewResultBlock = TextEditorCodeExecutionViewResultBlockParam
TextEditorCodeExecutionCreateResultBlock = TextEditorCodeExecutionCreateResultBlockParam
TextEditorCodeExecutionStrReplaceResultBlock = TextEditorCodeExecutionStrReplaceResultBlockParam
TextEditorCodeExecutionToolResultErrorObject = TextEditorCodeExecutionToolResultErrorParam

# -- tool_search ---------------------------------------------------------------------------------


@wire_dict
class ToolSearchToolSearchResultBlockParam(TypedDict, total=False):
    """The deferred tools a tool search found."""

    type: Required[Literal["tool_search_tool_search_result"]]
    tool_references: Required[list[ToolReferenceBlockParam]]


@wire_dict
class ToolSearchToolResultErrorParam(TypedDict, total=False):
    """A failed tool search."""

    type: Required[Literal["tool_search_tool_result_error"]]
    error_code: Required[Union[_CommonErrorCode, str]]
    error_message: Optional[str]


_KnownToolSearchContent = Union[
    ToolSearchToolResultErrorParam, ToolSearchToolSearchResultBlockParam
]


@wire_dict
class UnknownToolSearchToolResultContentParam(TypedDict):
    """A tool search result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownToolSearchContent)]


#: The ``content`` of a tool search result.
ToolSearchToolResultContentParam = Annotated[
    Union[
        Annotated[_KnownToolSearchContent, Field(discriminator="type")],
        UnknownToolSearchToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ToolSearchToolResultBlockParam(TypedDict, total=False):
    """The result of a tool search server tool call, echoed back verbatim."""

    type: Required[Literal["tool_search_tool_result"]]
    tool_use_id: Required[str]
    content: Required[ToolSearchToolResultContentParam]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class ToolSearchToolResultBlock(TypedDict, total=False):
    """The result of a tool search server tool call, as the API returns it."""

    type: Required[Literal["tool_search_tool_result"]]
    tool_use_id: Required[str]
    content: Required[ToolSearchToolResultContentParam]


ToolReferenceBlock = ToolReferenceBlockParam
ToolSearchToolSearchResultBlock = ToolSearchToolSearchResultBlockParam
ToolSearchToolResultErrorObject = ToolSearchToolResultErrorParam

# -- advisor (beta) ------------------------------------------------------------------------------


@wire_dict
class AdvisorResultBlockParam(TypedDict, total=False):
    """The advisor model's advice."""

    type: Required[Literal["advisor_result"]]
    text: Required[str]
    stop_reason: Optional[str]


@wire_dict
class AdvisorRedactedResultBlockParam(TypedDict, total=False):
    """The advisor model's advice, encrypted."""

    type: Required[Literal["advisor_redacted_result"]]
    encrypted_content: Required[str]
    stop_reason: Optional[str]


@wire_dict
class AdvisorToolResultErrorParam(TypedDict, total=False):
    """A failed advisor call."""

    type: Required[Literal["advisor_tool_result_error"]]
    error_code: Required[
        Union[
            Literal[
                "max_uses_exceeded",
                "prompt_too_long",
                "too_many_requests",
                "overloaded",
                "unavailable",
                "execution_time_exceeded",
                "model_not_found",
            ],
            str,
        ]
    ]


_KnownAdvisorContent = Union[
    AdvisorToolResultErrorParam, AdvisorResultBlockParam, AdvisorRedactedResultBlockParam
]


@wire_dict
class UnknownAdvisorToolResultContentParam(TypedDict):
    """An advisor result object newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownAdvisorContent)]


#: The ``content`` of an advisor result.
AdvisorToolResultContentParam = Annotated[
    Union[
        Annotated[_KnownAdvisorContent, Field(discriminator="type")],
        UnknownAdvisorToolResultContentParam,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class AdvisorToolResultBlockParam(TypedDict, total=False):
    """The result of an ``advisor`` server tool call (beta), echoed back verbatim."""

    type: Required[Literal["advisor_tool_result"]]
    tool_use_id: Required[str]
    content: Required[AdvisorToolResultContentParam]
    cache_control: Optional[CacheControlEphemeralParam]


@wire_dict
class AdvisorToolResultBlock(TypedDict, total=False):
    """The result of an ``advisor`` server tool call (beta), as the API returns it."""

    type: Required[Literal["advisor_tool_result"]]
    tool_use_id: Required[str]
    content: Required[AdvisorToolResultContentParam]


AdvisorResultBlock = AdvisorResultBlockParam
AdvisorRedactedResultBlock = AdvisorRedactedResultBlockParam
AdvisorToolResultErrorObject = AdvisorToolResultErrorParam
