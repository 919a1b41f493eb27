"""
``python -m ruapi_convert``: a demo of the main job (the default command), and the command line
of :mod:`ruapi_convert.cli` (``python -m ruapi_convert --help``).

    python -m ruapi_convert                                  # the demo (built-in payloads)
    python -m ruapi_convert convert request --from openai --to anthropic body.json
    python -m ruapi_convert convert stream --from anthropic --to openai < upstream.sse > client.sse
"""

from __future__ import annotations

import json
import sys
from typing import Any

from . import (
    AnthropicToOpenAIStream,
    anthropic_to_openai_response,
    openai_to_anthropic_request,
    openai_to_anthropic_response,
)
from .sse import SSETranscoder

# -- the demo: a gateway whose client speaks OpenAI and whose upstream is Anthropic -------------------

DEMO_CLIENT_REQUEST = {
    "model": "claude-sonnet-4-5",
    "messages": [
        {"role": "system", "content": "You are a terse weather assistant."},
        {"role": "user", "content": "What's the weather in Paris? Answer in one line."},
    ],
    "tools": [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather for a city",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        }
    ],
    "reasoning_effort": "low",
    "temperature": 0.2,
    "logprobs": True,
    "stream": True,
    "stream_options": {"include_usage": True},
}

DEMO_UPSTREAM_STREAM = b"""event: message_start
data: {"type":"message_start","message":{"id":"msg_demo","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"cache_read_input_tokens":100,"output_tokens":1}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants Paris weather; call the tool."}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: ping
data: {"type":"ping"}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01demo","name":"get_weather","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Par"}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is\\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":58}}

event: message_stop
data: {"type":"message_stop"}

"""


def _show(title: str, value: Any) -> None:
    print(f"\n== {title}")
    print(value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False))


def demo() -> None:
    """Convert a request, a streamed reply and a history round trip, printing each step."""
    print("ruapi_convert demo: an OpenAI client calling Claude through a gateway (no network).")
    _show("1. client request (OpenAI Chat Completions)", DEMO_CLIENT_REQUEST)
    upstream = openai_to_anthropic_request(DEMO_CLIENT_REQUEST)
    _show("2. upstream request (Anthropic Messages)", upstream.value.to_dict())
    _show("   losses", [str(loss) for loss in upstream.losses])
    transcoder = SSETranscoder(
        AnthropicToOpenAIStream(include_usage=True, created=1_700_000_000, keepalive=True)
    )
    client_bytes = transcoder.feed(DEMO_UPSTREAM_STREAM) + transcoder.close()
    _show("3. upstream SSE -> client SSE (OpenAI chunks)", client_bytes.decode())
    reply = anthropic_to_openai_response(
        {
            "id": "msg_demo",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-5",
            "content": [{"type": "text", "text": "Paris: 18°C, light rain."}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 480, "cache_read_input_tokens": 100, "output_tokens": 12},
        },
        created=1_700_000_001,
    )
    _show("4. a non-stream reply, converted for the client", reply.value.to_dict())
    back = openai_to_anthropic_response(reply.value)
    _show("5. ... and back to Anthropic (the round trip keeps it)", back.value.to_dict())


# -- the Codex scenario: a Responses client in front of a Chat upstream (DeepSeek-style) -------------

CODEX_REQUEST = {
    "model": "deepseek-v4-pro",
    "instructions": "You are Codex, a coding agent. Keep answers short.",
    "input": [
        {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "Add type hints to greet()."}],
        }
    ],
    "tools": [
        {
            "type": "custom",
            "name": "apply_patch",
            "description": "Edit files with a patch.",
            "format": {"type": "grammar", "syntax": "lark", "definition": "start: /(.|\\n)+/"},
        }
    ],
    "tool_choice": "auto",
    "parallel_tool_calls": False,
    "reasoning": {"effort": "high", "summary": "auto"},
    "store": False,
    "stream": True,
    "include": ["reasoning.encrypted_content"],
}

CODEX_UPSTREAM_STREAM = b"""data: {"id":"ds-1","object":"chat.completion.chunk","created":1765072812,"model":"deepseek-v4-pro","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Annotate name and the return value."},"finish_reason":null}]}

data: {"id":"ds-1","object":"chat.completion.chunk","created":1765072812,"model":"deepseek-v4-pro","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_0","type":"function","function":{"name":"apply_patch","arguments":"{\\"input\\":\\"*** Begin Patch\\\\n*** End Patch\\"}"}}]},"finish_reason":"tool_calls"}]}

data: {"id":"ds-1","object":"chat.completion.chunk","created":1765072812,"model":"deepseek-v4-pro","choices":[],"usage":{"prompt_tokens":310,"completion_tokens":52,"total_tokens":362}}

data: [DONE]

"""


def codex_demo() -> None:
    """Codex (Responses API) in front of a Chat upstream without custom tools: the request, and
    the upstream's Chat stream as the Responses events Codex reads."""
    import ruapi_convert as rc  # the Responses conversions load on first use

    print(
        "\n\nruapi_convert demo: Codex (Responses API) in front of a DeepSeek-style Chat upstream."
    )
    up = rc.responses_to_openai_request(CODEX_REQUEST, custom_tools="function")
    _show(
        "1. Chat request (apply_patch as a one-string function, reasoning_effort)",
        up.value.to_dict(),
    )
    _show("   losses", [str(loss) for loss in up.losses])
    transcoder = SSETranscoder(
        rc.OpenAIToResponsesStream(request=CODEX_REQUEST, custom_tools="function")
    )
    client_bytes = transcoder.feed(CODEX_UPSTREAM_STREAM) + transcoder.close()
    events = [line[7:] for line in client_bytes.decode().splitlines() if line.startswith("event: ")]
    _show("2. upstream Chat SSE -> the Responses events Codex reads", "\n".join(events))


def run_demos() -> None:
    """The default command: both demos."""
    demo()
    codex_demo()


def main(argv: list[str] | None = None) -> int:
    """``python -m ruapi_convert``: the demo, or the command line of :mod:`ruapi_convert.cli`."""
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
