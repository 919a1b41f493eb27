"""
ruapi_convert.convert.responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Non-stream response bodies, both directions: ``anthropic_to_openai_response`` and its inverse
``openai_to_anthropic_response``. The walks live in ``_response_a2o`` and ``_response_o2a``; what
happens to each field is in ``_response_fates`` (and docs/mapping.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InvalidInputError
from ..models import anthropic as ant
from ..models import openai as oai
from ..options import resolve_options
from . import _response_a2o, _response_o2a
from ._context import Context

if TYPE_CHECKING:
    from ..losses import Converted
    from ..options import Options

__all__ = ["anthropic_to_openai_response", "openai_to_anthropic_response"]


def anthropic_to_openai_response(
    body: Any, *, options: Options | None = None, **opts: Any
) -> Converted[oai.ChatCompletion]:
    """Convert a Messages response (``Message``) into a Chat Completions response.

    ``body`` is a dict, a ``Message`` or JSON bytes/str; it is not mutated. ``created`` (a unix
    timestamp; Anthropic has none) and ``id`` can be passed as options.
    """
    ctx = Context(resolve_options(options, opts), _response_a2o.FATES)
    message = ant.Message.parse_wire(body)
    converted = _response_a2o.convert_response(message, ctx)
    return ctx.finish(_checked(oai.ChatCompletion, converted, message.get("openai") is not None))


def openai_to_anthropic_response(
    body: Any, *, options: Options | None = None, **opts: Any
) -> Converted[ant.Message]:
    """Convert a Chat Completions response (``ChatCompletion``) into a Messages response.

    ``body`` is a dict, a ``ChatCompletion`` or JSON bytes/str; it is not mutated. A completion
    with more than one choice raises :class:`~ruapi_convert.errors.UnsupportedError`.
    """
    ctx = Context(resolve_options(options, opts), _response_o2a.FATES)
    completion = oai.ChatCompletion.parse_wire(body)
    converted = _response_o2a.convert_response(completion, ctx)
    carried = _uses_extension(completion)
    return ctx.finish(_checked(ant.Message, converted, carried))


def _uses_extension(completion: dict[str, Any]) -> bool:
    message = completion["choices"][0]["message"] if completion["choices"] else {}
    usage = completion.get("usage")
    return "anthropic" in message or (isinstance(usage, dict) and "anthropic" in usage)


def _checked(model: Any, value: dict[str, Any], carried: bool) -> Any:
    """The target model. Values read from extension fields were not validated on the way in, so a
    result that used them is validated as a whole (an invalid extension is an InvalidInputError)."""
    if not carried:
        return model.trusted(value)
    try:
        return model._validate_parsed(value)  # built from validated input: JSON-clean
    except InvalidInputError as exc:
        raise InvalidInputError(f"invalid extension data: {exc.message}", path=exc.path) from exc
