"""
ruapi_convert.mapping.tools
~~~~~~~~~~~~~~~~~~~~~~~~~~~

Rule: which tools a model may call, and whether it must, is decided here: tool definitions,
``tool_choice`` and ``parallel_tool_calls``, in both directions (calls and results are
:mod:`.tool_calls`).

OpenAI nests a function tool (``{type: function, function: {name, description, parameters,
strict}}``); Anthropic's custom tool is flat (``{name, description, input_schema, strict}``) and
its server tools (web search, code execution ...) are typed objects. Cursor sends Anthropic-shaped
tools to OpenAI endpoints for Claude models, and our reverse direction carries server tools that
way, so they pass through verbatim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .._quote import quote
from ..errors import UnsupportedError
from ..models import anthropic as ant
from ..models._base import validate
from ._ledger import A2O_REQUEST, O2A_REQUEST, Counterpart, Json
from .extensions import carry_keys
from .thinking import forced_tool_choice

if TYPE_CHECKING:
    from ._ledger import Context, Fate

__all__ = [
    "TOOL_CHOICE_TO_ANTHROPIC",
    "TOOL_CHOICE_TO_OPENAI",
    "tool_choice_to_anthropic",
    "tool_choice_to_openai",
    "tools_to_anthropic",
    "tools_to_openai",
]

# OpenAI strings <-> Anthropic {type} objects. The named forms ({type:function,function:{name}} <->
# {type:tool,name}) and parallel_tool_calls <-> disable_parallel_tool_use are handled in code.
TOOL_CHOICE_TO_ANTHROPIC: Final[dict[str, Counterpart]] = {
    "none": Counterpart("none"),
    "auto": Counterpart("auto"),
    "required": Counterpart("any"),
}

TOOL_CHOICE_TO_OPENAI: Final[dict[str, Counterpart]] = {
    "none": Counterpart("none"),
    "auto": Counterpart("auto"),
    "any": Counterpart("required"),
}

#: Anthropic keys of a tool that ride on an OpenAI tool object under their own names.
_TOOL_EXTRAS: Final = (
    "cache_control",
    "defer_loading",
    "input_examples",
    "eager_input_streaming",
    "allowed_callers",
)

# -- OpenAI -> Anthropic -----------------------------------------------------------------------------

O2A_REQUEST.mapped(
    "tools",
    "tools",
)
O2A_REQUEST.mapped(
    "tools[].type",
    "",
    "function -> a custom tool (no type); Anthropic-shaped tool objects (Cursor sends them; our reverse direction carries server tools this way) pass through verbatim",
)
O2A_REQUEST.mapped(
    "tools[].function",
    "tools[]",
)
O2A_REQUEST.mapped(
    "tools[].function.name",
    "tools[].name",
)
O2A_REQUEST.mapped(
    "tools[].function.description",
    "tools[].description",
)
O2A_REQUEST.mapped(
    "tools[].function.parameters",
    "tools[].input_schema",
    "absent -> {type: object, properties: {}} (OpenAI: 'omitting parameters defines a function with an empty parameter list'); a schema that is not an object schema raises UnsupportedError",
)
O2A_REQUEST.mapped(
    "tools[].function.strict",
    "tools[].strict",
)
O2A_REQUEST.carried(
    "tools[].cache_control",
    "tools[].cache_control",
    "OpenRouter/LiteLLM convention; also defer_loading, input_examples, eager_input_streaming and allowed_callers under their Anthropic names",
)
_CUSTOM_TOOL = O2A_REQUEST.dropped(
    "tools[] (custom)",
    "custom (free-form / grammar) tools have no Anthropic counterpart",
)
_UNKNOWN_TOOL = O2A_REQUEST.dropped(
    "tools[] (unknown types)",
    "tool types this library does not know",
)
O2A_REQUEST.dropped(
    "tools[].custom",
    "see custom tools",
)
O2A_REQUEST.dropped(
    "tools[].format",
    "the grammar of a flat (Responses-style) custom tool: see custom tools",
)
O2A_REQUEST.mapped(
    "tools[].name",
    "tools[].name",
    "flat (Responses-style) function tools, which Cursor mixes in, and Anthropic-shaped tools",
)
O2A_REQUEST.mapped(
    "tools[].description",
    "tools[].description",
    "flat and Anthropic-shaped tools",
)
O2A_REQUEST.mapped(
    "tools[].parameters",
    "tools[].input_schema",
    "flat (Responses-style) function tools",
)
O2A_REQUEST.mapped(
    "tools[].strict",
    "tools[].strict",
    "flat function tools",
)
O2A_REQUEST.mapped(
    "tools[].input_schema",
    "tools[].input_schema",
    "Anthropic-shaped tools (Cursor sends them for Claude models) pass through verbatim",
)
_FUNCTIONS = O2A_REQUEST.approximated(
    "functions",
    "tools",
    "deprecated functions become tools (reported: the deprecated form is not kept)",
)
_WEB_SEARCH = O2A_REQUEST.approximated(
    "web_search_options",
    "tools[]: web_search_20250305",
    "search models' web search becomes Anthropic's server-side web_search tool; user_location carries over, search_context_size has no counterpart",
)
O2A_REQUEST.mapped(
    "web_search_options.user_location",
    "tools[].user_location",
)
_SEARCH_CONTEXT_SIZE = O2A_REQUEST.dropped(
    "web_search_options.search_context_size",
    "see web_search_options",
)
_TOOL_CHOICE = O2A_REQUEST.mapped(
    "tool_choice",
    "tool_choice",
    "none -> {type: none}, auto -> {type: auto}, required -> {type: any}, {type: function, function: {name}} -> {type: tool, name}",
)
_ALLOWED_TOOLS = O2A_REQUEST.approximated(
    "tool_choice (allowed_tools)",
    "tool_choice",
    "mode auto -> auto, required -> any; the restriction to the listed tools is dropped",
)
_CUSTOM_CHOICE = O2A_REQUEST.dropped(
    "tool_choice (custom)",
    "custom tools are dropped, so forcing one cannot be carried over",
)
O2A_REQUEST.mapped(
    "function_call",
    "tool_choice",
    "deprecated; mapped like tool_choice",
)
O2A_REQUEST.mapped(
    "function_call.name",
    "tool_choice.name",
)
O2A_REQUEST.mapped(
    "tool_choice.function",
    "tool_choice",
)
O2A_REQUEST.mapped(
    "tool_choice.function.name",
    "tool_choice.name",
)
O2A_REQUEST.approximated(
    "tool_choice.allowed_tools",
    "tool_choice.type",
    "see tool_choice (allowed_tools)",
)
O2A_REQUEST.dropped(
    "tool_choice.custom",
    "see tool_choice (custom)",
)
O2A_REQUEST.mapped(
    "parallel_tool_calls",
    "tool_choice.disable_parallel_tool_use",
    "false -> disable_parallel_tool_use: true (with tool_choice auto if none was given); true is Anthropic's default",
)

_FUNCTION_TOOL_KEYS: Final = frozenset({"type", "function", *_TOOL_EXTRAS})
_FUNCTION_DEF_KEYS: Final = frozenset({"name", "description", "parameters", "strict"})


def tools_to_anthropic(req: Json, ctx: Context) -> list[Json]:
    """Anthropic ``tools`` for ``tools``, deprecated ``functions`` and ``web_search_options``."""
    tools: list[Json] = []
    for j, tool in enumerate(req.get("tools") or []):
        converted = _tool(tool, f"tools[{j}]", ctx)
        if converted is not None:
            tools.append(converted)
    for j, fn in enumerate(req.get("functions") or []):
        tools.append(_function_def(fn, f"functions[{j}]", {}, ctx))
        ctx.lose(_FUNCTIONS, f"functions[{j}]")
    options = req.get("web_search_options")
    if options is not None:
        tools.append(_web_search(options, ctx))
    return tools


def _tool(tool: Json, path: str, ctx: Context) -> Json | None:
    kind = tool.get("type")
    if kind == "function" and "function" in tool:
        ctx.unknown(tool, _FUNCTION_TOOL_KEYS, path)
        return _function_def(tool["function"], f"{path}.function", tool, ctx)
    if kind == "function":  # Responses-style flat function tool
        flat: Json = {
            k: tool[k] for k in ("name", "description", "parameters", "strict") if k in tool
        }
        ctx.unknown(tool, _FUNCTION_DEF_KEYS | _FUNCTION_TOOL_KEYS, path)
        return _function_def(flat, path, tool, ctx)
    if kind == "custom" and "input_schema" not in tool:
        ctx.lose(_CUSTOM_TOOL, path)
        return None
    if "input_schema" in tool or (isinstance(kind, str) and kind in ant.TOOL_TYPES):
        # An Anthropic-shaped tool (Cursor sends these for Claude models; our reverse direction
        # carries server tools this way): it is already in the target form.
        checked: Json = validate(ant.ToolUnionParam, tool, path=path)
        return checked
    ctx.lose(
        _UNKNOWN_TOOL,
        path,
        kind="unknown",
        detail=f"tool type {quote(kind)} is unknown; dropped",
    )
    return None


def _function_def(fn: Json, path: str, wrapper: Json, ctx: Context) -> Json:
    ctx.unknown(fn, _FUNCTION_DEF_KEYS, path)
    schema = fn.get("parameters")
    if schema is None:
        # OpenAI: "Omitting parameters defines a function with an empty parameter list."
        schema = {"type": "object", "properties": {}}
    elif "type" not in schema:
        schema = {"type": "object", **schema}
    elif schema["type"] != "object":
        raise UnsupportedError(
            "Anthropic input_schema must be an object schema", path=f"{path}.parameters.type"
        )
    tool: Json = {"name": fn["name"]}
    if fn.get("description") is not None:
        tool["description"] = fn["description"]
    tool["input_schema"] = schema
    if fn.get("strict") is not None:
        tool["strict"] = fn["strict"]
    for key in _TOOL_EXTRAS:
        if wrapper.get(key) is not None:
            tool[key] = wrapper[key]
    return tool


def _web_search(options: Json, ctx: Context) -> Json:
    # OpenAI web_search_options (search models) ~ Anthropic's server-side web search tool.
    tool: Json = {"type": "web_search_20250305", "name": "web_search"}
    location = (options.get("user_location") or {}).get("approximate")
    if location:
        tool["user_location"] = {
            "type": "approximate",
            **{k: v for k, v in location.items() if v is not None},
        }
    ctx.lose(_WEB_SEARCH, "web_search_options")
    size = options.get("search_context_size")
    if size is not None and size != "medium":  # medium is OpenAI's default
        ctx.lose(_SEARCH_CONTEXT_SIZE, "web_search_options.search_context_size")
    return tool


def tool_choice_to_anthropic(req: Json, out: Json, ctx: Context, *, has_tools: bool) -> None:
    """Anthropic ``tool_choice`` for ``tool_choice`` (or the deprecated ``function_call``) and
    ``parallel_tool_calls``.

    * ``none`` / ``auto`` / ``required`` -> ``{type: none | auto | any}``;
    * ``{type: function, function: {name}}`` -> ``{type: tool, name}``;
    * ``{type: allowed_tools, allowed_tools: {mode}}`` -> ``auto`` or ``any`` (the list is lost);
    * ``parallel_tool_calls: false`` -> ``disable_parallel_tool_use: true`` (on ``auto`` when no
      choice was given; never on ``none``).

    A choice that forces a tool switches thinking off (see :func:`.thinking.forced_tool_choice`),
    so this runs after the effort mapping. Without tools only ``none`` is sent.
    """
    choice = req.get("tool_choice")
    path = "tool_choice"
    if choice is None and req.get("function_call") is not None:
        choice, path = req["function_call"], "function_call"
        if isinstance(choice, dict):
            choice = {"type": "function", "function": choice}
    result: Json | None = None
    if isinstance(choice, str):
        mapped = TOOL_CHOICE_TO_ANTHROPIC.get(choice)
        if mapped is None:
            ctx.lose(
                _TOOL_CHOICE,
                path,
                kind="unknown",
                detail=f"tool_choice {quote(choice)} is unknown; Anthropic's default (auto) applies",
            )
        else:
            result = {"type": mapped.value}
    elif isinstance(choice, dict):
        kind = choice["type"]
        if kind == "function":
            result = {"type": "tool", "name": choice["function"]["name"]}
            # unknown keys are not copied: report them
            ctx.unknown(choice, frozenset({"type", "function"}), path)
            ctx.unknown(choice["function"], frozenset({"name"}), f"{path}.function")
        elif kind == "allowed_tools":
            mode = choice["allowed_tools"]["mode"]
            result = {"type": "any" if mode == "required" else "auto"}
            ctx.lose(_ALLOWED_TOOLS, path)
        elif kind == "custom":
            ctx.lose(_CUSTOM_CHOICE, path)
        else:
            ctx.lose(
                _TOOL_CHOICE,
                path,
                kind="unknown",
                detail=f"tool_choice type {quote(kind)} is unknown; Anthropic's default (auto) applies",
            )
    parallel = req.get("parallel_tool_calls")
    if parallel is False and has_tools:
        if result is None:
            result = {"type": "auto"}
        if result["type"] != "none":
            result["disable_parallel_tool_use"] = True
    if result is not None and result["type"] in ("any", "tool"):
        forced_tool_choice(out, ctx)
    if result is not None and (has_tools or result["type"] == "none"):
        out["tool_choice"] = result


# -- Anthropic -> OpenAI -----------------------------------------------------------------------------

_BUILTIN_TOOLS: Final = tuple(sorted(ant.TOOL_TYPES))

A2O_REQUEST.mapped(
    "tools",
    "tools",
)
A2O_REQUEST.mapped(
    "tools[] (custom)",
    "tools[]: function",
    "{type: function, function: {name, description, parameters: input_schema, strict}}",
)
A2O_REQUEST.mapped(
    "tools[].name",
    "tools[].function.name",
)
A2O_REQUEST.mapped(
    "tools[].description",
    "tools[].function.description",
)
A2O_REQUEST.mapped(
    "tools[].input_schema",
    "tools[].function.parameters",
)
A2O_REQUEST.mapped(
    "tools[].strict",
    "tools[].function.strict",
)
_TOOL_CACHE_CONTROL = A2O_REQUEST.carried(
    "tools[].cache_control",
    "tools[].cache_control",
    "also defer_loading, input_examples, eager_input_streaming and allowed_callers, on the tool object",
)
_A2O_UNKNOWN_TOOL = A2O_REQUEST.dropped(
    "tools[] (unknown types)",
    "tool types this library does not know",
)
_BUILTIN = A2O_REQUEST.carried(
    "tools[] (server and client built-in tools)",
    "tools[]: the Anthropic tool object",
    "ride verbatim (the shape Cursor also sends, which our OpenAI model accepts): "
    + ", ".join(_BUILTIN_TOOLS),
    _BUILTIN_TOOLS,
)
A2O_REQUEST.mapped(
    "tools[].input_schema.properties",
    "tools[].function.parameters.properties",
)
A2O_REQUEST.mapped(
    "tools[].input_schema.required",
    "tools[].function.parameters.required",
)
A2O_REQUEST.carried(
    "tools[].defer_loading",
    "tools[].defer_loading",
)
A2O_REQUEST.carried(
    "tools[].input_examples",
    "tools[].input_examples",
)
A2O_REQUEST.carried(
    "tools[].eager_input_streaming",
    "tools[].eager_input_streaming",
)
A2O_REQUEST.carried(
    "tools[].allowed_callers",
    "tools[].allowed_callers",
)
_A2O_TOOL_CHOICE = A2O_REQUEST.mapped(
    "tool_choice",
    "tool_choice",
    "auto -> auto, any -> required, none -> none, {type: tool, name} -> {type: function, function: {name}}",
)
A2O_REQUEST.mapped(
    "tool_choice.disable_parallel_tool_use",
    "parallel_tool_calls",
    "true -> parallel_tool_calls: false",
)
A2O_REQUEST.mapped(
    "tool_choice.name",
    "tool_choice.function.name",
)

_CUSTOM_TOOL_KEYS: Final = frozenset(
    {"type", "name", "description", "input_schema", "strict", *_TOOL_EXTRAS}
)
#: every carried key of a tool is reported under the cache_control row, as the docs say
_TOOL_CARRIED: Final[dict[str, Fate]] = dict.fromkeys(_TOOL_EXTRAS, _TOOL_CACHE_CONTROL)


def tools_to_openai(req: Json, out: Json, ctx: Context) -> None:
    """OpenAI ``tools`` for Anthropic ``tools``: custom tools become function tools, built-in
    (server and client) tools ride verbatim in Anthropic's shape or are reported."""
    tools = req.get("tools")
    if not tools:
        return
    converted: list[Json] = []
    for j, tool in enumerate(tools):
        path = f"tools[{j}]"
        kind = tool.get("type")
        if kind is None or kind == "custom":
            converted.append(_function_tool(tool, path, ctx))
        elif kind in ant.TOOL_TYPES:
            if ctx.carry(_BUILTIN, path):
                converted.append(dict(tool))
        else:
            ctx.lose(
                _A2O_UNKNOWN_TOOL,
                path,
                kind="unknown",
                detail=f"tool type {quote(kind)} is unknown; dropped",
            )
    if converted:
        out["tools"] = converted


def _function_tool(tool: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(tool, _CUSTOM_TOOL_KEYS, path)
    fn: Json = {"name": tool["name"]}
    if tool.get("description") is not None:
        fn["description"] = tool["description"]
    fn["parameters"] = tool["input_schema"]
    if tool.get("strict") is not None:
        fn["strict"] = tool["strict"]
    out: Json = {"type": "function", "function": fn}
    carry_keys(tool, out, _TOOL_CARRIED, path, ctx)
    return out


def tool_choice_to_openai(req: Json, out: Json, ctx: Context) -> None:
    """OpenAI ``tool_choice`` (and ``parallel_tool_calls: false``) for Anthropic ``tool_choice``."""
    choice = req.get("tool_choice")
    if choice is None:
        return
    kind = choice["type"]
    if kind == "tool":
        out["tool_choice"] = {"type": "function", "function": {"name": choice["name"]}}
    else:
        mapped = TOOL_CHOICE_TO_OPENAI.get(kind)
        if mapped is None:
            ctx.lose(
                _A2O_TOOL_CHOICE,
                "tool_choice",
                kind="unknown",
                detail=f"tool_choice type {quote(kind)} is unknown; dropped",
            )
            return
        out["tool_choice"] = mapped.value
    if choice.get("disable_parallel_tool_use"):
        out["parallel_tool_calls"] = False
    ctx.unknown(choice, frozenset({"type", "name", "disable_parallel_tool_use"}), "tool_choice")
