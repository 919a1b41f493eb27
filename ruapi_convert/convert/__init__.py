"""Whole-body conversions (requests and responses, both directions): thin walkers over :mod:`ruapi_convert.mapping`."""

from .requests import anthropic_to_openai_request, openai_to_anthropic_request
from .responses import anthropic_to_openai_response, openai_to_anthropic_response

__all__ = [
    "anthropic_to_openai_request",
    "anthropic_to_openai_response",
    "openai_to_anthropic_request",
    "openai_to_anthropic_response",
]
