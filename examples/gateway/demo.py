"""The gateway and its mock upstreams on loopback, and a demo client: no key, no network.

    pip install -e . -r examples/gateway/requirements.txt
    python -m examples.gateway.demo            # runs the demo client, then stops
    python -m examples.gateway.demo --serve    # keeps serving; point your own clients at it

The demo client is the official SDKs: a Chat Completions client and a Messages client in front
of each other's protocol (a streamed parallel tool call, its follow-up, thinking), a Responses
client in front of a Chat upstream continuing its own response by ``previous_response_id``, and
an upstream error as each SDK raises it.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import anthropic
import openai

from .app import create_app
from .config import load_config
from .mock_upstream import MockUpstream
from .serve import serving


def run_client(base_url: str) -> None:
    with (
        openai.OpenAI(base_url=base_url + "/v1", api_key="no-key-needed", max_retries=0) as chat,
        anthropic.Anthropic(base_url=base_url, api_key="no-key-needed", max_retries=0) as claude,
    ):
        _run(chat, claude)


def _run(chat: openai.OpenAI, claude: anthropic.Anthropic) -> None:
    tools: list[openai.types.chat.ChatCompletionToolParam] = [
        {"type": "function", "function": {"name": n, "parameters": {"type": "object"}}}
        for n in ("get_weather", "get_time")
    ]

    print("\n1. OpenAI Chat client -> Anthropic upstream, streamed parallel tool calls")
    messages: list[openai.types.chat.ChatCompletionMessageParam] = [
        {"role": "user", "content": "Weather and time in Paris?"}
    ]
    with chat.chat.completions.stream(
        model="anthropic/tools",
        messages=messages,
        tools=tools,
        stream_options={"include_usage": True},
    ) as stream:
        completion = stream.get_final_completion()
    message = completion.choices[0].message
    for call in message.tool_calls or []:
        if call.type == "function":
            print(f"   tool call {call.id}: {call.function.name}({call.function.arguments})")
    print(f"   usage: {completion.usage}")
    calls = [call for call in message.tool_calls or [] if call.type == "function"]
    follow: list[openai.types.chat.ChatCompletionMessageParam] = [
        *messages,
        {
            "role": "assistant",
            "content": message.content,
            "tool_calls": [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.function.name, "arguments": c.function.arguments},
                }
                for c in calls
            ],
        },
    ]
    follow += [{"role": "tool", "tool_call_id": c.id, "content": "sunny, 14:00"} for c in calls]
    answer = chat.chat.completions.create(model="anthropic/tools", messages=follow, tools=tools)
    print(f"   follow-up: {answer.choices[0].message.content}")

    print("\n2. Anthropic client -> OpenAI Chat upstream, thinking with its signature")
    reply = claude.messages.create(
        model="chat/thinking",
        max_tokens=1024,
        messages=[{"role": "user", "content": "Weather in Paris?"}],
        tools=[{"name": "get_weather", "input_schema": {"type": "object"}}],
    )
    for block in reply.content:
        print(f"   {block.type}: {block.model_dump(exclude_none=True, exclude={'type'})}")

    print("\n3. Responses client -> Chat upstream, continued by previous_response_id")
    first = chat.responses.create(model="chat/text", input="Hello!")
    print(f"   {first.id}: {first.output_text}")
    second = chat.responses.create(model="chat/text", input="Again.", previous_response_id=first.id)
    print(f"   {second.id}: {second.output_text}")

    print("\n4. An upstream error (Anthropic 429) as the OpenAI SDK raises it")
    try:
        chat.chat.completions.create(model="anthropic/error", messages=messages)
    except openai.RateLimitError as exc:
        print(f"   openai.RateLimitError {exc.status_code}: {exc.message}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--serve", action="store_true", help="keep serving after the demo client")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="   [%(name)s] %(message)s", stream=sys.stdout)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    mock = MockUpstream()
    with serving(mock.app) as mock_url:
        text = Path(__file__).with_name("gateway.toml").read_text().replace("MOCK_URL", mock_url)
        with serving(create_app(load_config(text))) as gateway_url:
            print(f"mock upstreams at {mock_url}, gateway at {gateway_url}")
            run_client(gateway_url)
            if args.serve:
                print(
                    f"\nserving at {gateway_url} (models: anthropic/<mode>, chat/<mode>, responses/<mode>); Ctrl-C stops"
                )
                try:
                    while True:
                        time.sleep(3600)
                except KeyboardInterrupt:
                    pass


if __name__ == "__main__":
    main()
