"""ruapi_convert: OpenAI Chat Completions <-> Anthropic Messages, sans-I/O."""
