"""
ruapi_convert.convert.requests
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Request bodies, both directions: ``openai_to_anthropic_request`` and its inverse
``anthropic_to_openai_request``. The walks themselves live in ``_request_o2a`` and ``_request_a2o``;
what happens to each field is in ``_request_fates`` (and docs/mapping.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import anthropic as ant
from ..models import openai as oai
from ..options import resolve_options
from . import _request_a2o, _request_o2a
from ._context import Context

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = ["anthropic_to_openai_request", "openai_to_anthropic_request"]


def openai_to_anthropic_request(
    body: Any, *, options: Options | None = None, **opts: Any
) -> Converted[ant.MessageCreateParams]:
    """Convert a Chat Completions request into a Messages request.

    ``body`` is a dict, a ``ChatCompletionCreateParams`` or JSON bytes/str; it is not mutated.
    Options (keywords or ``options=``) are documented on :class:`~ruapi_convert.options.Options`.
    Raises :class:`~ruapi_convert.errors.InvalidInputError` for an invalid body,
    :class:`~ruapi_convert.errors.UnsupportedError` for a valid one with no Anthropic form
    (``n > 1``, an unsupported image type), and, with ``strict=True``,
    :class:`~ruapi_convert.errors.LossyConversionError` instead of returning losses.
    """
    ctx = Context(resolve_options(options, opts), _request_o2a.FATES)
    request = oai.ChatCompletionCreateParams.parse_wire(body)
    converted = _request_o2a.convert_request(request, ctx)
    return ctx.finish(ant.MessageCreateParams.trusted(converted))


def anthropic_to_openai_request(
    body: Any, *, options: Options | None = None, **opts: Any
) -> Converted[oai.ChatCompletionCreateParams]:
    """Convert a Messages request into a Chat Completions request.

    ``body`` is a dict, a ``MessageCreateParams`` or JSON bytes/str; it is not mutated. What Chat
    Completions has no field for is carried in the documented extension fields when
    ``extensions=True`` (the default) and reported as lost otherwise.
    """
    ctx = Context(resolve_options(options, opts), _request_a2o.FATES)
    request = ant.MessageCreateParams.parse_wire(body)
    converted = _request_a2o.convert_request(request, ctx)
    return ctx.finish(oai.ChatCompletionCreateParams.trusted(converted))
