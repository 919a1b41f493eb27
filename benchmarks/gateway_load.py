"""Load on the example gateway: N concurrent streaming clients, next to a pass-through baseline.

    python -m benchmarks.gateway_load                  # 200 clients x 5 rounds per contender
    python -m benchmarks.gateway_load --clients 50 --rounds 2 --json out.json

Three servers, each a uvicorn process of its own on loopback (Linux: figures come from /proc):

- the mock upstreams (``examples/gateway/mock_upstream.py``), streaming a 12-word text reply;
- **baseline**: a pass-through proxy with the gateway's shape (Starlette, one pooled
  ``httpx.AsyncClient``, the upstream's bytes piped as they arrive) and no ruapi_convert;
- **gateway**: ``examples/gateway/app.py`` in three directions: Chat client -> Messages upstream
  (converting), Messages client -> Chat upstream (converting), and Chat -> Chat (the gateway's
  same-protocol pass-through).

The client side (this process) opens N streaming requests at once, ``rounds`` times, and reads
each to its end. Per contender: requests/s over the whole run, p50/p99 time to first body byte,
server CPU per request (user + system of the server process, from /proc), server RSS after the
run and its peak (VmHWM), and the checks: every request 200 and ended by its protocol's end
(``[DONE]``/``message_stop``), no error event, and the server's open file descriptors after the
run (the load's client closed) no more than before plus the upstream connections its pool may
keep alive (one per concurrent client): more would be a leaked connection.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

ROOT = Path(__file__).resolve().parents[1]
CLOCK = os.sysconf("SC_CLK_TCK")
FAILURES: list[str] = []  # what failed, for the report

CHAT_BODY = {
    "model": "{model}",
    "messages": [{"role": "user", "content": "hi"}],
    "stream": True,
    "stream_options": {"include_usage": True},
}
MESSAGES_BODY = {
    "model": "{model}",
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "hi"}],
    "stream": True,
}


# -- the baseline: a pass-through proxy with the gateway's shape ----------------------------------


def baseline_app() -> Any:
    """``uvicorn --factory benchmarks.gateway_load:baseline_app`` ($UPSTREAM is the target)."""
    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    upstream = os.environ["UPSTREAM"]
    pool: dict[str, httpx.AsyncClient] = {}

    async def forward(request: Any) -> Any:
        client = pool["client"]
        sent = client.build_request(
            "POST",
            upstream + request.url.path,
            content=await request.body(),
            headers={"content-type": "application/json"},
        )
        resp = await client.send(sent, stream=True)

        async def pipe() -> AsyncIterator[bytes]:
            try:
                async for chunk in resp.aiter_bytes():
                    yield chunk
            finally:
                await resp.aclose()

        return StreamingResponse(pipe(), resp.status_code, media_type="text/event-stream")

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
        async with httpx.AsyncClient(timeout=60, limits=limits) as client:
            pool["client"] = client
            yield

    return Starlette(routes=[Route("/{path:path}", forward, methods=["POST"])], lifespan=lifespan)


# -- servers ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def server(factory: str, env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """A uvicorn process serving ``factory``; yields (base URL, pid), stops it on the way out."""
    port = _free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", factory, "--port", str(port),
        "--log-level", os.environ.get("LOAD_LOG_LEVEL", "critical"), "--no-access-log", "--http", "h11", "--loop", "asyncio",
        "--backlog", "4096",
        # longer than a round: a pooled connection idle between rounds must not be closed by
        # the server just as a client reuses it (a ReadError that measures the race, not us)
        "--timeout-keep-alive", "120",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{factory} did not start") from None
                time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(10)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK  # utime, stime


def _memory(pid: int) -> tuple[float, float]:
    """RSS and its peak (VmHWM), in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


# -- the load ----------------------------------------------------------------------------------------


@dataclass
class Result:
    contender: str
    requests: int
    errors: int
    requests_per_s: float
    ttfb_p50_ms: float
    ttfb_p99_ms: float
    cpu_ms_per_request: float
    rss_mb: float
    peak_rss_mb: float
    leaked_fds: int


async def _one(
    client: httpx.AsyncClient, url: str, body: dict[str, Any], end: bytes
) -> float | None:
    """One streaming request read to its end: the time to its first body byte, or None when it
    failed (a status other than 200, no protocol end, an error event)."""
    start = time.perf_counter()
    first: float | None = None
    seen = bytearray()
    try:
        async with client.stream("POST", url, json=body) as response:
            async for chunk in response.aiter_bytes():
                if first is None:
                    first = time.perf_counter() - start
                seen += chunk
    except httpx.HTTPError as exc:
        FAILURES.append(repr(exc))
        return None
    ok = response.status_code == 200 and end in seen and b"error" not in seen
    if not ok:
        FAILURES.append(f"{response.status_code} {bytes(seen[:200])!r}")
    return first if ok else None


async def _load(
    url: str, body: dict[str, Any], end: bytes, clients: int, rounds: int
) -> tuple[list[float | None], float]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        await _one(client, url, body, end)  # warm the server's pools
        results: list[float | None] = []
        start = time.perf_counter()
        for _ in range(rounds):
            results += await asyncio.gather(*(_one(client, url, body, end) for _ in range(clients)))
        return results, time.perf_counter() - start


def measure(
    name: str, url: str, pid: int, body: dict[str, Any], end: bytes, clients: int, rounds: int
) -> Result:
    fds = _fds(pid)
    cpu = _cpu_seconds(pid)
    results, elapsed = asyncio.run(_load(url, body, end, clients, rounds))
    cpu = _cpu_seconds(pid) - cpu
    time.sleep(0.5)  # let closed connections go
    rss, peak = _memory(pid)
    ttfbs = sorted(r for r in results if r is not None)
    count = len(results)
    return Result(
        name,
        count,
        count - len(ttfbs),
        round(count / elapsed, 1),
        round(1000 * statistics.median(ttfbs), 1) if ttfbs else float("nan"),
        round(1000 * ttfbs[min(len(ttfbs) - 1, int(0.99 * len(ttfbs)))], 1)
        if ttfbs
        else float("nan"),
        round(1000 * cpu / count, 2),
        round(rss, 1),
        round(peak, 1),
        # the upstream pool may keep up to `clients` connections open: more is a leak
        max(0, _fds(pid) - fds - clients),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    def body(template: dict[str, Any], model: str) -> dict[str, Any]:
        return {**template, "model": model}

    results = []
    with server("examples.gateway.mock_upstream:app") as (mock, _):
        toml = (ROOT / "examples/gateway/gateway.toml").read_text().replace("MOCK_URL", mock)
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as config:
            config.write(toml)
        try:
            with server("benchmarks.gateway_load:baseline_app", {"UPSTREAM": mock}) as (url, pid):
                results.append(
                    measure("baseline: pass-through proxy (Chat)", url + "/v1/chat/completions", pid,
                            body(CHAT_BODY, "chat/text"), b"[DONE]", args.clients, args.rounds)
                )  # fmt: skip
            with server("examples.gateway.app:app", {"GATEWAY_CONFIG": config.name}) as (url, pid):
                for name, path, template, model, end in (
                    (
                        "gateway: Chat -> Chat (same protocol)",
                        "/v1/chat/completions",
                        CHAT_BODY,
                        "chat/text",
                        b"[DONE]",
                    ),
                    (
                        "gateway: Chat client -> Messages upstream",
                        "/v1/chat/completions",
                        CHAT_BODY,
                        "anthropic/text",
                        b"[DONE]",
                    ),
                    (
                        "gateway: Messages client -> Chat upstream",
                        "/v1/messages",
                        MESSAGES_BODY,
                        "chat/text",
                        b"message_stop",
                    ),
                ):
                    results.append(
                        measure(
                            name,
                            url + path,
                            pid,
                            body(template, model),
                            end,
                            args.clients,
                            args.rounds,
                        )
                    )
        finally:
            os.unlink(config.name)
    head = f"{'contender':<44} {'req/s':>7} {'TTFB p50':>9} {'p99':>7} {'CPU/req':>8} {'RSS':>7} {'peak':>7} {'errors':>6} {'leaked fds':>10}"
    print(f"{args.clients} concurrent streaming clients x {args.rounds} rounds per contender\n")
    print(head)
    for r in results:
        print(
            f"{r.contender:<44} {r.requests_per_s:>7} {r.ttfb_p50_ms:>7}ms {r.ttfb_p99_ms:>5}ms "
            f"{r.cpu_ms_per_request:>6}ms {r.rss_mb:>5}MB {r.peak_rss_mb:>5}MB {r.errors:>6} {r.leaked_fds:>10}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=2))
    for failure in sorted(set(FAILURES))[:10]:
        print("failure:", failure)
    if any(r.errors or r.leaked_fds for r in results):
        raise SystemExit("errors or leaked descriptors: see the table")


if __name__ == "__main__":
    main()
