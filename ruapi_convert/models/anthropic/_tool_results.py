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
from ._common import CacheControlEphemeralParam, CallerParam, CommonErrorCode

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
    "ToolReferenceBlock",
    "ToolSearchToolResultBlock",
    "ToolSearchToolResultBlockParam",
    "ToolSearchToolResultContentParam",
    "ToolSearchToolResultErrorObject",
    "ToolSearchToolResultErrorParam",
    "ToolSearchToolSearchResultBlock",
    "ToolSearchToolSearchResultBlockParam",
    "UnknownAdvisorToolResultContentParam",
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
    error_code: Required[Union[CommonErrorCode, str]]
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
