"""
ruapi_convert.models.anthropic._count_tokens
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

``POST /v1/messages/count_tokens``: the request (what a Messages request would send, without the
generation settings) and the reply (``{"input_tokens": n}``). Anthropic's docs list the body's
fields as ``model``, ``messages``, ``system``, ``tools``, ``tool_choice``, ``thinking``,
``output_config``, ``mcp_servers`` and ``context_management``; anything else is kept as an extra.
"""

from typing import ClassVar, Optional, Union

from .._base import Count, WireModel
from ._blocks import TextBlockParam
from ._common import CacheControlEphemeralParam, Model
from ._context_management import ContextManagementConfigParam
from ._request import (
    MessageParam,
    OutputConfigParam,
    RequestMCPServerURLDefinitionParam,
    ThinkingConfigParam,
)
from ._tool_choice import ToolChoiceParam
from ._tools import ToolUnionParam

__all__ = ["MessageCountTokensParams", "MessageTokensCount"]


class MessageCountTokensParams(WireModel):
    """The request body of ``POST /v1/messages/count_tokens``."""

    _wire_name: ClassVar[str] = "request"

    model: Model
    messages: list[MessageParam]
    system: Optional[Union[str, list[TextBlockParam]]] = None
    tools: Optional[list[ToolUnionParam]] = None
    tool_choice: Optional[ToolChoiceParam] = None
    thinking: Optional[ThinkingConfigParam] = None
    output_config: Optional[OutputConfigParam] = None
    cache_control: Optional[CacheControlEphemeralParam] = None
    mcp_servers: Optional[list[RequestMCPServerURLDefinitionParam]] = None
    context_management: Optional[ContextManagementConfigParam] = None


class MessageTokensCount(WireModel):
    """The body of ``POST /v1/messages/count_tokens``: ``{"input_tokens": n}``."""

    input_tokens: Count
    context_management: Optional[dict[str, object]] = None
