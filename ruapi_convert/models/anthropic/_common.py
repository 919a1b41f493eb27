"""Small shapes shared by requests and responses: model names, cache control, citations, sources,
tool callers and containers.

Citations and callers have one TypedDict each for both directions: the API accepts response blocks
back in requests ("``MessageContentParam`` also accepts response ``ContentBlock`` objects"), so the
request shape has to tolerate what responses carry (``file_id``, a missing ``document_title``). The
SDK's response-side names (``CitationCharLocation``, ``DirectCaller`` …) are aliases of these.
"""

from typing import Annotated, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "Base64ImageSourceParam",
    "Base64PDFSource",
    "Base64PDFSourceParam",
    "CacheControlEphemeralParam",
    "CommonErrorCode",
    "CallerParam",
    "CitationCharLocation",
    "CitationCharLocationParam",
    "CitationContentBlockLocation",
    "CitationContentBlockLocationParam",
    "CitationPageLocation",
    "CitationPageLocationParam",
    "CitationSearchResultLocationParam",
    "CitationWebSearchResultLocationParam",
    "CitationsConfig",
    "CitationsConfigParam",
    "CitationsSearchResultLocation",
    "CitationsWebSearchResultLocation",
    "Container",
    "ContainerParams",
    "ContainerSkill",
    "DirectCaller",
    "DirectCallerParam",
    "FileDocumentSourceParam",
    "FileImageSourceParam",
    "ImageSourceParam",
    "ImageTransformationsParam",
    "Model",
    "PlainTextSource",
    "PlainTextSourceParam",
    "ServerToolCaller",
    "ServerToolCaller20260120",
    "ServerToolCaller20260120Param",
    "ServerToolCallerParam",
    "SkillParams",
    "TextCitation",
    "TextCitationParam",
    "ToolUseCaller",
    "URLImageSourceParam",
    "URLPDFSourceParam",
    "UnknownCallerParam",
    "UnknownCitationParam",
    "UnknownImageSourceParam",
]

#: A model id: the names the SDK knows, or any other string (new models appear all the time).
Model = Union[
    Literal[
        "claude-fable-5-2",
        "claude-mythos-5-2",
        "claude-haiku-5-5",
        "claude-sonnet-5-5",
        "claude-fable-5-1",
        "claude-opus-5-5",
        "claude-mythos-5-1",
        "claude-sonnet-5",
        "claude-fable-5",
        "claude-mythos-5",
        "claude-opus-5",
        "claude-opus-4-8",
        "claude-opus-4-7",
        "claude-mythos-preview",
        "claude-opus-4-6",
        "claude-sonnet-4-6",
        "claude-haiku-4-5",
        "claude-haiku-4-5-20251001",
        "claude-opus-4-5",
        "claude-opus-4-5-20251101",
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-20250929",
    ],
    str,
]


# -- cache control and citation settings --------------------------------------------------------


@wire_dict
class CacheControlEphemeralParam(TypedDict, total=False):
    """A prompt-cache breakpoint: ``{"type": "ephemeral", "ttl"?: "5m" | "1h"}``."""

    type: Required[Literal["ephemeral"]]
    ttl: Optional[Union[Literal["5m", "1h"], str]]


@wire_dict
class CitationsConfigParam(TypedDict, total=False):
    """Whether a document or search result may be cited: ``{"enabled"?: bool}``."""

    enabled: Optional[bool]


#: The response form (``enabled`` always present there) has the same keys.
CitationsConfig = CitationsConfigParam


# -- citations -----------------------------------------------------------------------------------


@wire_dict
class CitationCharLocationParam(TypedDict, total=False):
    """A citation of a character range in a plain-text document."""

    type: Required[Literal["char_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    # Required in the SDK's request type but optional in its response type; responses are accepted
    # back in requests, so absence is tolerated here.
    document_title: Optional[str]
    start_char_index: Required[int]
    end_char_index: Required[int]
    file_id: Optional[str]


@wire_dict
class CitationPageLocationParam(TypedDict, total=False):
    """A citation of a page range in a PDF document."""

    type: Required[Literal["page_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Optional[str]
    start_page_number: Required[int]
    end_page_number: Required[int]
    file_id: Optional[str]


@wire_dict
class CitationContentBlockLocationParam(TypedDict, total=False):
    """A citation of a range of blocks in a custom-content document."""

    type: Required[Literal["content_block_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Optional[str]
    start_block_index: Required[int]
    end_block_index: Required[int]
    file_id: Optional[str]


@wire_dict
class CitationWebSearchResultLocationParam(TypedDict, total=False):
    """A citation of a web search result."""

    type: Required[Literal["web_search_result_location"]]
    cited_text: Required[str]
    url: Required[str]
    title: Optional[str]
    encrypted_index: Required[str]


@wire_dict
class CitationSearchResultLocationParam(TypedDict, total=False):
    """A citation of a range of blocks in a ``search_result`` block."""

    type: Required[Literal["search_result_location"]]
    cited_text: Required[str]
    search_result_index: Required[int]
    source: Required[str]
    title: Optional[str]
    start_block_index: Required[int]
    end_block_index: Required[int]


_KnownCitationParam = Union[
    CitationCharLocationParam,
    CitationPageLocationParam,
    CitationContentBlockLocationParam,
    CitationWebSearchResultLocationParam,
    CitationSearchResultLocationParam,
]


@wire_dict
class UnknownCitationParam(TypedDict):
    """A citation location type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCitationParam)]


#: One citation on a text block (request or response) or in a ``citations_delta``.
TextCitationParam = Annotated[
    Union[Annotated[_KnownCitationParam, Field(discriminator="type")], UnknownCitationParam],
    Field(union_mode="left_to_right"),
]
TextCitation = TextCitationParam
CitationCharLocation = CitationCharLocationParam
CitationPageLocation = CitationPageLocationParam
CitationContentBlockLocation = CitationContentBlockLocationParam
CitationsWebSearchResultLocation = CitationWebSearchResultLocationParam
CitationsSearchResultLocation = CitationSearchResultLocationParam


# -- image sources -------------------------------------------------------------------------------


@wire_dict
class Base64ImageSourceParam(TypedDict, total=False):
    """Inline image bytes: raw base64 (no ``data:`` prefix) with its media type."""

    type: Required[Literal["base64"]]
    media_type: Required[Union[Literal["image/jpeg", "image/png", "image/gif", "image/webp"], str]]
    data: Required[str]


@wire_dict
class URLImageSourceParam(TypedDict, total=False):
    """An image the API fetches from a URL."""

    type: Required[Literal["url"]]
    url: Required[str]


@wire_dict
class FileImageSourceParam(TypedDict, total=False):
    """An image uploaded earlier through the Files API."""

    type: Required[Literal["file"]]
    file_id: Required[str]


_KnownImageSourceParam = Union[Base64ImageSourceParam, URLImageSourceParam, FileImageSourceParam]


@wire_dict
class UnknownImageSourceParam(TypedDict):
    """An image source type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownImageSourceParam)]


#: The ``source`` of an ``image`` block.
ImageSourceParam = Annotated[
    Union[Annotated[_KnownImageSourceParam, Field(discriminator="type")], UnknownImageSourceParam],
    Field(union_mode="left_to_right"),
]


@wire_dict
class ImageTransformationsParam(TypedDict, total=False):
    """What the API may do to an image before the model sees it."""

    oversized_image: Optional[Union[Literal["downsize", "error"], str]]


# -- document sources (the union itself lives with the document block, which it can contain) -------


@wire_dict
class Base64PDFSourceParam(TypedDict, total=False):
    """An inline PDF: raw base64 with ``media_type: application/pdf``."""

    type: Required[Literal["base64"]]
    media_type: Required[Union[Literal["application/pdf"], str]]
    data: Required[str]


@wire_dict
class PlainTextSourceParam(TypedDict, total=False):
    """An inline plain-text document."""

    type: Required[Literal["text"]]
    media_type: Required[Union[Literal["text/plain"], str]]
    data: Required[str]


@wire_dict
class URLPDFSourceParam(TypedDict, total=False):
    """A PDF the API fetches from a URL."""

    type: Required[Literal["url"]]
    url: Required[str]


@wire_dict
class FileDocumentSourceParam(TypedDict, total=False):
    """A document uploaded earlier through the Files API."""

    type: Required[Literal["file"]]
    file_id: Required[str]


Base64PDFSource = Base64PDFSourceParam
PlainTextSource = PlainTextSourceParam


# -- who called a tool ---------------------------------------------------------------------------


@wire_dict
class DirectCallerParam(TypedDict, total=False):
    """The model called the tool itself."""

    type: Required[Literal["direct"]]


@wire_dict
class ServerToolCallerParam(TypedDict, total=False):
    """Code running in the ``code_execution_20250825`` tool called the tool."""

    type: Required[Literal["code_execution_20250825"]]
    tool_id: Required[str]


@wire_dict
class ServerToolCaller20260120Param(TypedDict, total=False):
    """Code running in the ``code_execution_20260120`` tool called the tool."""

    type: Required[Literal["code_execution_20260120"]]
    tool_id: Required[str]


_KnownCallerParam = Union[DirectCallerParam, ServerToolCallerParam, ServerToolCaller20260120Param]


@wire_dict
class UnknownCallerParam(TypedDict):
    """A caller type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCallerParam)]


#: The ``caller`` of a tool use block (request or response).
CallerParam = Annotated[
    Union[Annotated[_KnownCallerParam, Field(discriminator="type")], UnknownCallerParam],
    Field(union_mode="left_to_right"),
]
ToolUseCaller = CallerParam
DirectCaller = DirectCallerParam
ServerToolCaller = ServerToolCallerParam
ServerToolCaller20260120 = ServerToolCaller20260120Param


# -- containers ----------------------------------------------------------------------------------


@wire_dict
class SkillParams(TypedDict, total=False):
    """A skill to load into the code-execution container."""

    type: Required[Union[Literal["anthropic", "custom"], str]]
    skill_id: Required[str]
    version: Optional[str]


@wire_dict
class ContainerParams(TypedDict, total=False):
    """The ``container`` request object: reuse a container by id and/or load skills into it."""

    id: Optional[str]
    skills: Optional[list[SkillParams]]


@wire_dict
class ContainerSkill(TypedDict, total=False):
    """A skill loaded in a response's container."""

    type: Required[Union[Literal["anthropic", "custom"], str]]
    skill_id: Required[str]
    version: Required[str]


@wire_dict
class Container(TypedDict, total=False):
    """The code-execution container a response used (``expires_at`` is an RFC 3339 string)."""

    id: Required[str]
    expires_at: Required[str]
    skills: Optional[list[ContainerSkill]]


#: The error codes every server-tool result shares (each tool adds its own).
CommonErrorCode = Literal[
    "invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"
]
