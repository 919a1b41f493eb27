"""Incremental stream converters, one per direction (each its own state machine)."""

from .anthropic_to_openai import AnthropicToOpenAIStream
from .openai_to_anthropic import OpenAIToAnthropicStream

__all__ = ["AnthropicToOpenAIStream", "OpenAIToAnthropicStream"]
