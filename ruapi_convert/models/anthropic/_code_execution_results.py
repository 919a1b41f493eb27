"""Results of the code-execution server tools: code_execution, bash_code_execution and text_editor_code_execution."""

from typing import Annotated, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict
from ._common import CacheControlEphemeralParam, CommonErrorCode

__all__ = [
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
    "UnknownBashCodeExecutionToolResultContentParam",
    "UnknownCodeExecutionToolResultContentParam",
    "UnknownTextEditorCodeExecutionToolResultContentParam",
]

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
    error_code: Required[Union[CommonErrorCode, str]]


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
    error_code: Required[Union[CommonErrorCode, Literal["output_file_too_large"], str]]


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
    error_code: Required[Union[CommonErrorCode, Literal["file_not_found"], str]]
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
