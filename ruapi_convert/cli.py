"""
ruapi_convert.cli
~~~~~~~~~~~~~~~~~

The command line (``ruapi-convert`` and ``python -m ruapi_convert``): one body or one raw SSE
stream from a file or standard input, converted between any two protocols through the dispatch
table (:func:`ruapi_convert.gateway.conversion`), the result on standard output and what was lost
on standard error. Files and standard streams only: no network.

Exit statuses: 0 converted; 1 the input was refused (one line naming its JSON path); 2 wrong
usage; 3 ``--strict`` and something was lost (nothing is written then).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import IO, TYPE_CHECKING, Any, Final

from . import _json
from .errors import ConversionError
from .gateway.dispatch import conversion
from .gateway.paths import PROTOCOLS
from .options import Options
from .sse import SSETranscoder

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from .losses import Loss

__all__ = ["main"]

DESCRIPTION = """\
Convert OpenAI Chat Completions ("openai"), Anthropic Messages ("anthropic") and OpenAI Responses
("responses") requests, replies, error bodies and raw SSE streams, offline.

  ruapi-convert                                   the demo (built-in payloads, no network)
  ruapi-convert convert request --from openai --to anthropic body.json
  ruapi-convert convert stream --from anthropic --to openai < upstream.sse > client.sse
  ruapi-convert convert error --from anthropic --to openai --status 529 error.json
  ruapi-convert explain request --from openai --to anthropic body.json
  ruapi-convert openai-to-anthropic request body.json      (the older form, still accepted)

--from is the protocol of the input, --to the protocol of the output: for a request the client's
and the upstream's, for a reply, an error or a stream the upstream's and the client's.
Losses go to standard error as a table (path, kind, detail); the output stays clean JSON or SSE.
Exit status: 0 converted, 1 input refused (one line with its JSON path), 2 usage, 3 --strict and
something was lost.
"""

#: The kinds the command line converts (headers and model lists are a gateway's business).
_KINDS: Final = ("request", "response", "error", "stream")
_OLD_FORM: Final = re.compile(r"^(openai|anthropic|responses)-to-(openai|anthropic|responses)$")


class _Usage(Exception):
    """A usage error: exit status 2."""


_COMMANDS: Final = {
    "demo": "the demo (the default command)",
    "convert": "convert one body or stream and write it to standard output",
    "explain": "print the fate of every field of one body (carried, or how it was lost)",
}


def _parser() -> argparse.ArgumentParser:
    """The top level, for ``--help``: the commands parse their own arguments."""
    parser = argparse.ArgumentParser(
        prog="ruapi-convert",
        usage="ruapi-convert [demo | convert ... | explain ... | --help]",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n"
        + "\n".join(f"  {name:<9} {text}" for name, text in _COMMANDS.items())
        + "\n\n'ruapi-convert COMMAND --help' explains each.",
    )
    parser.add_argument("command", nargs="?", choices=list(_COMMANDS), help=argparse.SUPPRESS)
    return parser


def _command_parser(name: str) -> argparse.ArgumentParser:
    sub = argparse.ArgumentParser(prog=f"ruapi-convert {name}", description=_COMMANDS[name])
    kinds = _KINDS if name == "convert" else ("request", "response", "error")
    sub.add_argument("kind", choices=[*kinds, "reply"], help="what the input is (reply = response)")
    sub.add_argument("file", nargs="?", default="-", help="input file (default: standard input)")
    sub.add_argument(
        "--from", dest="source", required=True, choices=PROTOCOLS, help="protocol of the input"
    )
    sub.add_argument(
        "--to", dest="target", required=True, choices=PROTOCOLS, help="protocol of the output"
    )
    sub.add_argument("--dialect", help="the upstream's dialect (shapes requests for that server)")
    sub.add_argument(
        "--status", type=int, default=400, help="HTTP status of an error body (default 400)"
    )
    if name == "convert":
        sub.add_argument(
            "--strict", action="store_true", help="exit 3 (writing nothing) if anything is lost"
        )
        sub.add_argument("--quiet", action="store_true", help="do not print the losses")
    return sub


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command line; returns the exit status."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    out = stdout if stdout is not None else sys.stdout.buffer
    err = stderr if stderr is not None else sys.stderr
    found = _OLD_FORM.match(args_in[0]) if args_in else None
    if found:  # openai-to-anthropic request [FILE]
        args_in = ["convert", *args_in[1:2], "--from", found[1], "--to", found[2], *args_in[2:]]
    if not args_in or args_in[0] == "demo":
        from .__main__ import run_demos

        try:
            run_demos()
        except BrokenPipeError:  # `ruapi-convert | head`: the reader has what it wanted
            _quiet_stdout()
        return 0
    try:
        if args_in[0] not in ("convert", "explain"):
            _parser().parse_args(args_in[:1])  # --help, or a usage error naming the commands
            return 2  # pragma: no cover - argparse exits on both
        args = _command_parser(args_in[0]).parse_intermixed_args(args_in[1:])
        args.command = args_in[0]
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed by argparse
        return int(exc.code or 0)
    kind = "response" if args.kind == "reply" else args.kind
    try:
        data = _read(args.file, stdin)
        options = _options(args.dialect)
        if args.command == "explain":
            return _explain(kind, args, data, options, out)
        return _convert(kind, args, data, options, out, err)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except _Usage as exc:
        print(f"ruapi-convert: {exc}", file=err)
        return 2
    except ConversionError as exc:
        print(f"ruapi-convert: error: {_one_line(exc)}", file=err)
        return 1


def _quiet_stdout() -> None:
    """Standard output's reader went away: point it at /dev/null, so that the interpreter's
    final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _read(file: str, stdin: IO[bytes] | None) -> bytes:
    if file == "-":
        return (stdin if stdin is not None else sys.stdin.buffer).read()
    try:
        with open(file, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _Usage(f"cannot read {file}: {exc.strerror}") from exc


def _options(dialect: str | None) -> Options:
    try:
        return Options(dialect=dialect)
    except ConversionError as exc:  # an unknown name: the message lists the known ones
        raise _Usage(f"--dialect: {' '.join(str(exc).split())}") from exc


def _one_line(exc: ConversionError) -> str:
    text = " ".join(str(exc).split())
    return text if exc.path else f"<body>: {text}"


def _run(
    kind: str, args: argparse.Namespace, data: bytes, options: Options
) -> tuple[bytes, tuple[Loss, ...], str | None]:
    """The output bytes, the losses, and a note for standard error (an error's status)."""
    convert = conversion(args.source, args.target, kind)  # type: ignore[arg-type]
    if kind == "stream":
        converter = convert(options=options, include_usage=True)
        transcoder = SSETranscoder(converter)
        output = transcoder.feed(data) + transcoder.close()
        if transcoder.error is not None:
            error = transcoder.error
            raise error if isinstance(error, ConversionError) else ConversionError(str(error))
        return output, tuple(converter.losses), None
    if kind == "error":
        result = convert(args.status, data, options=options)
        reply = result.value
        return (
            reply.body.to_json() + b"\n",
            result.losses,
            f"status: {args.status} -> {reply.status}",
        )
    result = convert(data, options=options)
    return result.value.to_json() + b"\n", result.losses, None


def _convert(
    kind: str, args: argparse.Namespace, data: bytes, options: Options, out: IO[bytes], err: IO[str]
) -> int:
    output, losses, note = _run(kind, args, data, options)
    if note is not None:
        print(note, file=err)
    if losses and not args.quiet:
        print(f"{len(losses)} loss(es):", file=err)
        for line in _table([(loss.path or "<body>", loss.kind, loss.detail) for loss in losses]):
            print(line, file=err)
    if args.strict and losses:
        print("ruapi-convert: --strict: something was lost, nothing written", file=err)
        return 3
    out.write(output)
    out.flush()
    return 0


def _explain(
    kind: str, args: argparse.Namespace, data: bytes, options: Options, out: IO[bytes]
) -> int:
    """Every leaf of the input: ``carried`` or the loss that covers it; then the losses that
    name no input field (a default the target requires, a value made up)."""
    body = _json.loads(data)
    _, losses, _ = _run(kind, args, data, options)
    rows: list[tuple[str, str, str]] = []
    used: set[Loss] = set()
    for path in _leaves(body, ""):
        covering = [loss for loss in losses if _covers(loss.path, path)]
        used.update(covering)
        if covering:
            rows.extend((path, loss.kind, loss.detail) for loss in covering)
        else:
            rows.append((path, "carried", ""))
    rows.extend(
        (loss.path or "<body>", loss.kind, loss.detail) for loss in losses if loss not in used
    )
    text = "\n".join(_table(rows, ("PATH", "FATE", "DETAIL")))
    out.write(text.encode() + b"\n")
    out.flush()
    return 0


def _leaves(value: Any, path: str) -> Iterator[str]:
    """The JSON paths of the scalars (and empty containers) in ``value``, in the library's form
    (``messages[3].content[0].cache_control``)."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list) and value:
        for at, item in enumerate(value):
            yield from _leaves(item, f"{path}[{at}]")
    else:
        yield path or "<body>"


def _covers(loss_path: str, path: str) -> bool:
    if loss_path == path:
        return True
    return path.startswith(loss_path) and path[len(loss_path) : len(loss_path) + 1] in (".", "[")


def _table(
    rows: list[tuple[str, str, str]], header: tuple[str, str, str] | None = None
) -> list[str]:
    everything = [header, *rows] if header else rows
    width0 = max((len(r[0]) for r in everything), default=0)
    width1 = max((len(r[1]) for r in everything), default=0)
    return [f"  {a:<{width0}}  {b:<{width1}}  {c}".rstrip() for a, b, c in everything]
