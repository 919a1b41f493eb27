"""Whole-body conversions: requests, responses and errors, both directions."""

from .requests import anthropic_to_openai_request, openai_to_anthropic_request
from .responses import anthropic_to_openai_response, openai_to_anthropic_response

__all__ = [
    "anthropic_to_openai_request",
    "anthropic_to_openai_response",
    "openai_to_anthropic_request",
    "openai_to_anthropic_response",
]
