"""
ruapi_convert.convert._content
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Small mappings that requests, responses and streams share: data URLs, tool-call ids, tool
arguments, and reasoning <-> thinking. Pure functions on JSON values; losses go to a Context.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any, Final

from .. import _json
from ..errors import InvalidInputError

if TYPE_CHECKING:
    from ._context import Context

__all__ = [
    "RAW_ARGUMENTS_KEY",
    "arguments_to_input",
    "input_to_arguments",
    "sanitize_tool_id",
]

# -- tool-call ids ---------------------------------------------------------------------------------------

# Anthropic: "tool_use.id ... must match ^[a-zA-Z0-9_-]+$" (API error text). OpenAI ids are free-form
# and other gateways produce dots, colons or empty ids. The same function is applied to the id of a
# tool_use and to the tool_use_id of its result, so pairs stay matched; a short hash of the original
# keeps two different ids from collapsing into one.
_ID_OK: Final = re.compile(r"[A-Za-z0-9_-]+")
_ID_BAD_CHARS: Final = re.compile(r"[^A-Za-z0-9_-]")


def sanitize_tool_id(tool_id: str) -> str:
    """A tool-call id that Anthropic accepts; unchanged when it already is one."""
    if _ID_OK.fullmatch(tool_id):
        return tool_id
    digest = hashlib.sha256(tool_id.encode()).hexdigest()[:8]
    cleaned = _ID_BAD_CHARS.sub("_", tool_id)[:56]
    return f"{cleaned}_{digest}" if cleaned else f"toolu_{digest}"


# -- tool arguments (OpenAI JSON string) <-> tool input (Anthropic object) ------------------------------

#: The key under which tool arguments that are not a JSON object travel to Anthropic (whose
#: ``input`` must be an object). The reverse direction turns ``{RAW_ARGUMENTS_KEY: s}`` back into
#: the string ``s``, so OpenAI -> Anthropic -> OpenAI keeps even broken arguments exactly.
RAW_ARGUMENTS_KEY: Final = "_raw_arguments"


def arguments_to_input(arguments: str, path: str, ctx: Context, field: str) -> dict[str, Any]:
    """Parse OpenAI ``function.arguments`` into an Anthropic ``input`` object.

    Empty arguments mean "no arguments" (``{}``). Anything that is not a JSON object - a truncated
    string from a ``length`` stop, an array, a bare value - is wrapped or rejected as the
    ``invalid_tool_arguments`` option says; a history must not die on one broken call.
    """
    if not arguments.strip():
        return {}
    try:
        value = _json.loads(arguments)
    except InvalidInputError:
        value = None
        problem = "is not valid JSON"
    else:
        if isinstance(value, dict):
            return value
        problem = "is JSON but not an object"
    if ctx.options.invalid_tool_arguments == "reject":
        raise InvalidInputError(f"tool-call arguments {problem}", path=path)
    ctx.lose(
        field,
        path,
        kind="approximated",
        detail=f"the arguments {problem}; sent as {{{RAW_ARGUMENTS_KEY!r}: <the string>}} because Anthropic needs an object",
    )
    return {RAW_ARGUMENTS_KEY: arguments}


def input_to_arguments(tool_input: Any) -> str:
    """Serialise an Anthropic ``input`` object as OpenAI ``arguments`` (compact JSON)."""
    if isinstance(tool_input, dict) and len(tool_input) == 1:
        raw = tool_input.get(RAW_ARGUMENTS_KEY)
        if isinstance(raw, str):
            return raw
    return _json.dumps(tool_input).decode()
