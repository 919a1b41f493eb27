"""
ruapi_convert.mapping.tools_responses
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The Responses vocabulary of the tools concept: tool definitions, ``tool_choice`` and
``parallel_tool_calls``, Responses <-> Chat, both ways.

Responses tools are flat (``{type: function, name, parameters, strict}``), Chat's nested under
``function``. Two Responses shapes have no Chat twin:

* **custom tools** (free-form input, optionally a Lark/regex grammar; Codex's ``apply_patch``):
  Chat has custom tools of its own on api.openai.com (``{type: custom, custom: {name,
  format: {type: grammar, grammar: {definition, syntax}}}}``); for servers without them the option
  ``custom_tools="function"`` sends a function with one string parameter ``input`` (the grammar is
  lost, reported), and replies read such calls back as custom tool calls. The choice is
  :func:`custom_tool_to_chat`'s alone, so that a dialect profile can route it.
* **namespaces** group functions: Chat gets each member as ``<namespace>__<name>`` (Chat names
  allow letters, digits, ``_`` and ``-``), and replies split the name again.

Strictness differs: Responses function tools are strict unless they say otherwise ("strict ...
Default true"); Chat tools are not. A Responses tool without ``strict`` is sent to Chat without it
(reported as approximated: a non-strict Chat server would not enforce the schema), and a Chat
tool without ``strict`` is sent to Responses with ``strict: false``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ._ledger import O2R_REQUEST, R2O_REQUEST, Fate, Json

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "BUILTIN_TOOLS",
    "CUSTOM_INPUT_KEY",
    "KNOWN_CHOICES",
    "NAMESPACE_SEPARATOR",
    "ToolNames",
    "custom_tool_to_chat",
    "flat_name",
    "tool_choice_to_chat",
    "tool_choice_to_responses",
    "tool_names",
    "tools_to_chat",
    "tools_to_responses",
]

#: Between a namespace and a member's name in the Chat function name.
NAMESPACE_SEPARATOR: Final = "__"

#: The one parameter of a custom tool sent as a function (``custom_tools="function"``).
CUSTOM_INPUT_KEY: Final = "input"

_WEB_SEARCH: Final = frozenset(
    {"web_search", "web_search_2025_08_26", "web_search_preview", "web_search_preview_2025_03_11"}
)
#: The hosted tool types of openai 3.57.0 (a hand list: this module must not import the Responses
#: models, which ``import ruapi_convert`` leaves unloaded; a test compares it with the models).
BUILTIN_TOOLS: Final = (
    "apply_patch", "code_interpreter", "computer", "computer_use_preview", "file_search",
    "image_generation", "local_shell", "mcp", "programmatic_tool_calling", "shell", "tool_search",
)  # fmt: skip
#: The tool_choice object types of openai 3.57.0 (a hand list too, checked by the same test).
KNOWN_CHOICES: Final = frozenset(
    {"allowed_tools", "apply_patch", "code_interpreter", "computer", "computer_use",
     "computer_use_preview", "custom", "file_search", "function", "image_generation", "mcp",
     "programmatic_tool_calling", "shell", "web_search_preview", "web_search_preview_2025_03_11"}
)  # fmt: skip


def flat_name(namespace: Any, name: str) -> str:
    """The Chat function name of a (namespaced) Responses function."""
    return f"{namespace}{NAMESPACE_SEPARATOR}{name}" if namespace else name


class ToolNames(NamedTuple):
    """What a reply needs to know of the request's tools to read Chat tool calls back."""

    #: Chat names of custom tools that were sent as functions (``custom_tools="function"``).
    custom_functions: frozenset[str]
    #: Chat name -> (namespace, name) of namespaced functions and custom tools.
    namespaced: dict[str, tuple[str, str]]


def tool_names(request: Json | None, form: str) -> ToolNames:
    """The :class:`ToolNames` of a Responses request's tools (empty without a request)."""
    custom: set[str] = set()
    namespaced: dict[str, tuple[str, str]] = {}
    for tool in (request or {}).get("tools") or ():
        kind = tool.get("type")
        if kind == "custom" and form == "function":
            custom.add(tool["name"])
        elif kind == "namespace":
            for member in tool.get("tools") or ():
                name = flat_name(tool["name"], member["name"])
                namespaced[name] = (tool["name"], member["name"])
                if member.get("type") == "custom" and form == "function":
                    custom.add(name)
    return ToolNames(frozenset(custom), namespaced)


# -- Responses -> Chat --------------------------------------------------------------------------------

R2O_REQUEST.mapped("tools", "tools")
R2O_REQUEST.mapped(
    "tools[] (function)",
    "tools[]: {type: function, function: {name, description, parameters, strict}}",
    "flat -> nested; parameters null -> omitted (Chat: an empty parameter list)",
)
R2O_REQUEST.mapped("tools[].name", "tools[].function.name")
R2O_REQUEST.mapped("tools[].description", "tools[].function.description")
R2O_REQUEST.mapped("tools[].parameters", "tools[].function.parameters")
_STRICT = R2O_REQUEST.mapped(
    "tools[].strict",
    "tools[].function.strict",
    "absent means true in Responses and false in Chat: an absent strict is reported as approximated",
)
_TOOL_EXTRAS = R2O_REQUEST.dropped(
    "tools[].defer_loading",
    "deferred loading (tool search) has no Chat counterpart; also allowed_callers, output_schema and async (reported when set)",
)
for _key in ("allowed_callers", "output_schema", "async"):
    R2O_REQUEST.dropped(f"tools[].{_key}", "see tools[].defer_loading")
CUSTOM_TOOL = R2O_REQUEST.mapped(
    "tools[] (custom)",
    "tools[]: {type: custom, custom: {name, description, format}}",
    "custom_tools='custom' (default): Chat custom tools, format {type: grammar, definition, syntax} nested as {type: grammar, grammar: {definition, syntax}}; custom_tools='function' (servers without custom tools): {type: function, function: {name, description, parameters: {type: object, properties: {input: {type: string}}, required: [input]}}}, the grammar reported as approximated",
)
R2O_REQUEST.mapped("tools[].format", "tools[].custom.format", "see tools[] (custom)")
R2O_REQUEST.mapped("tools[].format.definition", "tools[].custom.format.grammar.definition")
R2O_REQUEST.mapped("tools[].format.syntax", "tools[].custom.format.grammar.syntax")
_NAMESPACE = R2O_REQUEST.mapped(
    "tools[] (namespace)",
    "tools[]: one per member, named <namespace>__<name>",
    "the namespace's description has no Chat place (dropped, reported)",
)
R2O_REQUEST.mapped("tools[].tools", "tools[]", "namespace members; see tools[] (namespace)")
_WEB = R2O_REQUEST.approximated(
    "tools[] (web_search)",
    "web_search_options",
    "web_search / web_search_preview -> Chat web_search_options {search_context_size, user_location} (search models only); filters, external_web_access and search_content_types are dropped",
)
R2O_REQUEST.mapped("tools[].search_context_size", "web_search_options.search_context_size")
R2O_REQUEST.mapped("tools[].user_location", "web_search_options.user_location.approximate")
for _key in ("city", "country", "region", "timezone"):
    R2O_REQUEST.mapped(
        f"tools[].user_location.{_key}", f"web_search_options.user_location.approximate.{_key}"
    )
_WEB_EXTRAS: Final = ("filters", "external_web_access", "search_content_types")
for _key in _WEB_EXTRAS:
    R2O_REQUEST.dropped(f"tools[].{_key}", "web search settings with no Chat counterpart")
for _key in (
    "name", "description", "parameters", "strict", "format", "defer_loading", "allowed_callers",
    "output_schema", "async",
):  # fmt: skip
    R2O_REQUEST.mapped(
        f"tools[].tools[].{_key}",
        f"tools[].function.{_key}",
        "a namespace member maps as a tool of its type (see tools[] (function), (custom))",
    )
R2O_REQUEST.add(
    Fate(
        "tools[] (built-in tools)",
        "dropped",
        "",
        "OpenAI-hosted tools a Chat upstream cannot run: " + ", ".join(BUILTIN_TOOLS),
        BUILTIN_TOOLS,
    )
)
_UNKNOWN_TOOL = R2O_REQUEST.dropped(
    "tools[] (unknown types)", "tool types this library does not know"
)
_TOOL_CHOICE = R2O_REQUEST.mapped(
    "tool_choice",
    "tool_choice",
    "none/auto/required -> the same; {type: function, name} -> {type: function, function: {name}}; {type: custom, name} -> {type: custom, custom: {name}} (or the function form); {type: allowed_tools, mode, tools} -> {type: allowed_tools, allowed_tools: {mode, tools}} (entries that are not functions or custom tools are dropped); built-in and MCP choices are dropped (Chat's default, auto, applies)",
)
R2O_REQUEST.mapped("tool_choice.name", "tool_choice.function.name / custom.name")
R2O_REQUEST.mapped("tool_choice.mode", "tool_choice.allowed_tools.mode")
R2O_REQUEST.mapped("tool_choice.tools", "tool_choice.allowed_tools.tools")
R2O_REQUEST.dropped("tool_choice.server_label", "MCP choices: see tool_choice")
_PARALLEL = R2O_REQUEST.mapped(
    "parallel_tool_calls",
    "parallel_tool_calls",
    "sent only with tools (Chat rejects it without any)",
)

_FUNCTION_KEYS: Final = frozenset(
    {"type", "name", "description", "parameters", "strict", "defer_loading", "allowed_callers",
     "output_schema", "async"}
)  # fmt: skip
_CUSTOM_KEYS: Final = frozenset(
    {"type", "name", "description", "format", "defer_loading", "allowed_callers", "async"}
)


def tools_to_chat(req: Json, out: Json, ctx: Context) -> None:
    """Chat ``tools`` (and ``web_search_options``) for Responses ``tools``."""
    tools = req.get("tools")
    if not tools:
        return
    converted: list[Json] = []
    for j, tool in enumerate(tools):
        path = f"tools[{j}]"
        kind = tool["type"]
        if kind == "function":
            converted.append(_function(tool, path, ctx, tool["name"]))
        elif kind == "custom":
            converted.append(custom_tool_to_chat(tool, path, ctx, tool["name"]))
        elif kind == "namespace":
            converted.extend(_namespace(tool, path, ctx))
        elif kind in _WEB_SEARCH:
            _web_search(tool, path, out, ctx)
        else:
            ctx.lose(
                R2O_REQUEST.row("tools[] (built-in tools)")
                if kind in BUILTIN_TOOLS
                else _UNKNOWN_TOOL,
                path,
                kind="dropped" if kind in BUILTIN_TOOLS else "unknown",
                detail=f"a {kind!r} tool has no Chat Completions form; dropped",
            )
    if converted:
        out["tools"] = converted


def _function(tool: Json, path: str, ctx: Context, name: str) -> Json:
    ctx.unknown(tool, _FUNCTION_KEYS, path)
    fn: Json = {"name": name}
    if tool.get("description") is not None:
        fn["description"] = tool["description"]
    if tool.get("parameters") is not None:
        fn["parameters"] = tool["parameters"]
    if tool.get("strict") is not None:
        fn["strict"] = tool["strict"]
    else:
        ctx.lose(
            _STRICT,
            f"{path}.strict",
            kind="approximated",
            detail="no strict: Responses enforces the schema by default, Chat does not; sent without strict",
        )
    _extras(tool, path, ctx)
    return {"type": "function", "function": fn}


def _extras(tool: Json, path: str, ctx: Context) -> None:
    for key in ("defer_loading", "allowed_callers", "output_schema", "async"):
        if tool.get(key) not in (None, False):
            ctx.lose(_TOOL_EXTRAS, f"{path}.{key}")


def custom_tool_to_chat(tool: Json, path: str, ctx: Context, name: str) -> Json:
    """The Chat tool of a Responses custom tool (named ``name`` on the Chat side).

    Dialect hook: the form - Chat custom tools, or a function with one string parameter for
    servers without them - is decided here and only here (option ``custom_tools``).
    """
    ctx.unknown(tool, _CUSTOM_KEYS, path)
    _extras(tool, path, ctx)
    fmt = tool.get("format")
    if ctx.options.custom_tools == "function":
        fn: Json = {"name": name}
        if tool.get("description") is not None:
            fn["description"] = tool["description"]
        fn["parameters"] = {
            "type": "object",
            "properties": {CUSTOM_INPUT_KEY: {"type": "string"}},
            "required": [CUSTOM_INPUT_KEY],
            "additionalProperties": False,
        }
        if isinstance(fmt, dict) and fmt.get("type") != "text":
            ctx.lose(
                CUSTOM_TOOL,
                f"{path}.format",
                kind="approximated",
                detail="the custom tool is sent as a function (custom_tools='function'): its grammar is not enforced",
            )
        return {"type": "function", "function": fn}
    custom: Json = {"name": name}
    if tool.get("description") is not None:
        custom["description"] = tool["description"]
    if isinstance(fmt, dict):
        if fmt["type"] == "text":
            custom["format"] = {"type": "text"}
        elif fmt["type"] == "grammar":
            ctx.unknown(fmt, frozenset({"type", "definition", "syntax"}), f"{path}.format")
            grammar = {"definition": fmt["definition"], "syntax": fmt["syntax"]}
            custom["format"] = {"type": "grammar", "grammar": grammar}
        else:
            ctx.lose(
                CUSTOM_TOOL,
                f"{path}.format",
                kind="unknown",
                detail=f"custom tool format {fmt['type']!r} is unknown; dropped",
            )
    return {"type": "custom", "custom": custom}


def _namespace(tool: Json, path: str, ctx: Context) -> list[Json]:
    ctx.unknown(tool, frozenset({"type", "name", "description", "tools"}), path)
    if tool.get("description"):
        ctx.lose(
            _NAMESPACE,
            f"{path}.description",
            kind="dropped",
            detail="a namespace's description has no place in Chat tools",
        )
    out: list[Json] = []
    for k, member in enumerate(tool["tools"]):
        mpath = f"{path}.tools[{k}]"
        name = flat_name(tool["name"], member["name"]) if "name" in member else ""
        if member["type"] == "function":
            out.append(_function(member, mpath, ctx, name))
        elif member["type"] == "custom":
            out.append(custom_tool_to_chat(member, mpath, ctx, name))
        else:
            ctx.lose(
                _UNKNOWN_TOOL,
                mpath,
                kind="unknown",
                detail=f"namespace member type {member['type']!r} is unknown; dropped",
            )
    return out


def _web_search(tool: Json, path: str, out: Json, ctx: Context) -> None:
    options: Json = {}
    if tool.get("search_context_size") is not None:
        options["search_context_size"] = tool["search_context_size"]
    location = tool.get("user_location")
    if isinstance(location, dict):
        approximate = {
            k: location[k]
            for k in ("city", "country", "region", "timezone")
            if location.get(k) is not None
        }
        options["user_location"] = {"type": "approximate", "approximate": approximate}
    ctx.lose(_WEB, path)
    for key in _WEB_EXTRAS:
        if tool.get(key) is not None:
            ctx.lose(R2O_REQUEST.row(f"tools[].{key}"), f"{path}.{key}")
    out["web_search_options"] = options


def tool_choice_to_chat(req: Json, out: Json, ctx: Context) -> None:
    """Chat ``tool_choice`` and ``parallel_tool_calls`` for the Responses ones (after the tools)."""
    choice = req.get("tool_choice")
    has_tools = bool(out.get("tools"))
    if req.get("parallel_tool_calls") is not None and has_tools:
        out["parallel_tool_calls"] = req["parallel_tool_calls"]
    if choice is None:
        return
    if isinstance(choice, str):
        if choice in ("none", "auto", "required"):
            if has_tools or choice == "none":
                out["tool_choice"] = choice
        else:
            _choice_lost(choice, ctx, "unknown")
        return
    kind = choice["type"]
    if kind in ("function", "custom"):
        out["tool_choice"] = _named_choice(kind, choice["name"], ctx)
        ctx.unknown(choice, frozenset({"type", "name"}), "tool_choice")
    elif kind == "allowed_tools":
        tools: list[Json] = []
        for k, entry in enumerate(choice["tools"]):
            if entry.get("type") in ("function", "custom") and isinstance(entry.get("name"), str):
                tools.append(_named_choice(entry["type"], entry["name"], ctx))
            else:
                ctx.lose(
                    _TOOL_CHOICE,
                    f"tool_choice.tools[{k}]",
                    kind="dropped",
                    detail="only functions and custom tools can be allowed in Chat; dropped",
                )
        out["tool_choice"] = {
            "type": "allowed_tools",
            "allowed_tools": {"mode": choice["mode"], "tools": tools},
        }
    else:
        _choice_lost(kind, ctx, "unknown" if kind not in KNOWN_CHOICES else "dropped")


def _named_choice(kind: str, name: str, ctx: Context) -> Json:
    if kind == "custom" and ctx.options.custom_tools == "custom":
        return {"type": "custom", "custom": {"name": name}}
    return {"type": "function", "function": {"name": name}}


def _choice_lost(kind: Any, ctx: Context, loss: Any) -> None:
    ctx.lose(
        _TOOL_CHOICE,
        "tool_choice",
        kind=loss,
        detail=f"tool_choice {kind!r} has no Chat form; Chat's default (auto) applies",
    )


# -- Chat -> Responses --------------------------------------------------------------------------------

O2R_REQUEST.mapped("tools", "tools")
O2R_REQUEST.mapped("tools[].function", "tools[]", "nested -> flat {type: function, name, ...}")
O2R_REQUEST.mapped("tools[].function.name", "tools[].name")
O2R_REQUEST.mapped("tools[].function.description", "tools[].description")
O2R_REQUEST.mapped(
    "tools[].function.parameters", "tools[].parameters", "absent -> null (no parameters)"
)
O2R_REQUEST.mapped(
    "tools[].function.strict",
    "tools[].strict",
    "absent -> false (Chat's default; Responses would default to true)",
)
O2R_REQUEST.mapped("tools[].custom", "tools[]: custom", "nested -> flat; grammar format flattened")
O2R_REQUEST.mapped("tools[].custom.name", "tools[].name")
O2R_REQUEST.mapped("tools[].custom.description", "tools[].description")
O2R_REQUEST.mapped("tools[].custom.format", "tools[].format")
for _key in ("name", "description", "parameters", "strict", "format"):
    O2R_REQUEST.mapped(
        f"tools[].{_key}", f"tools[].{_key}", "flat (Responses-style) tools pass as they are"
    )
_O2R_UNKNOWN_TOOL = O2R_REQUEST.dropped(
    "tools[] (unknown types)",
    "Anthropic-shaped and unknown tool types",
)
O2R_REQUEST.dropped("tools[].input_schema", "Anthropic-shaped tools: see tools[] (unknown types)")
O2R_REQUEST.dropped("tools[].cache_control", "Anthropic-shaped tools: see tools[] (unknown types)")
_FUNCTIONS = O2R_REQUEST.approximated(
    "functions",
    "tools",
    "deprecated functions become function tools",
)
_O2R_WEB = O2R_REQUEST.approximated(
    "web_search_options",
    "tools[]: web_search",
    "search models' web search becomes the hosted web_search tool {search_context_size, user_location}",
)
O2R_REQUEST.mapped("web_search_options.search_context_size", "tools[].search_context_size")
O2R_REQUEST.mapped("web_search_options.user_location", "tools[].user_location")
_O2R_CHOICE = O2R_REQUEST.mapped(
    "tool_choice",
    "tool_choice",
    "none/auto/required -> the same; {type: function, function: {name}} -> {type: function, name}; {type: custom, custom: {name}} -> {type: custom, name}; {type: allowed_tools, allowed_tools: {mode, tools}} -> {type: allowed_tools, mode, tools: [{type, name}]}",
)
O2R_REQUEST.mapped("tool_choice.function", "tool_choice.name")
O2R_REQUEST.mapped("tool_choice.function.name", "tool_choice.name")
O2R_REQUEST.mapped("tool_choice.custom", "tool_choice.name")
O2R_REQUEST.mapped("tool_choice.custom.name", "tool_choice.name")
O2R_REQUEST.mapped("tool_choice.allowed_tools", "tool_choice.mode + tools")
O2R_REQUEST.mapped("tool_choice.allowed_tools.mode", "tool_choice.mode")
O2R_REQUEST.mapped(
    "tool_choice.allowed_tools.tools",
    "tool_choice.tools",
    "functions and custom tools, flattened to {type, name}",
)
O2R_REQUEST.mapped("tools[].format.definition", "tools[].format.definition")
O2R_REQUEST.mapped("tools[].format.syntax", "tools[].format.syntax")
O2R_REQUEST.mapped("function_call", "tool_choice", "deprecated; as tool_choice")
O2R_REQUEST.mapped("function_call.name", "tool_choice.name")
O2R_REQUEST.mapped("parallel_tool_calls", "parallel_tool_calls")


def tools_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """Responses ``tools`` for Chat ``tools``, deprecated ``functions`` and ``web_search_options``."""
    converted: list[Json] = []
    for j, tool in enumerate(req.get("tools") or ()):
        path = f"tools[{j}]"
        kind = tool.get("type")
        if kind == "function" and "function" in tool:
            ctx.unknown(tool, frozenset({"type", "function"}), path)
            converted.append(_flat_function(tool["function"], f"{path}.function", ctx))
        elif kind == "function":  # a flat (Responses-style) function tool
            converted.append(
                _flat_function({k: v for k, v in tool.items() if k != "type"}, path, ctx)
            )
        elif kind == "custom" and "custom" in tool:
            ctx.unknown(tool, frozenset({"type", "custom"}), path)
            converted.append(_flat_custom(tool["custom"], f"{path}.custom", ctx))
        elif kind == "custom" and "name" in tool and "input_schema" not in tool:
            converted.append(dict(tool))  # a flat (Responses-style) custom tool
        else:
            ctx.lose(
                _O2R_UNKNOWN_TOOL,
                path,
                kind="unknown",
                detail=f"tool type {kind!r} has no Responses form; dropped",
            )
    for j, fn in enumerate(req.get("functions") or ()):
        converted.append(_flat_function(fn, f"functions[{j}]", ctx))
        ctx.lose(_FUNCTIONS, f"functions[{j}]")
    options = req.get("web_search_options")
    if options is not None:
        web: Json = {"type": "web_search"}
        if options.get("search_context_size") is not None:
            web["search_context_size"] = options["search_context_size"]
        location = (options.get("user_location") or {}).get("approximate")
        if location:
            web["user_location"] = {
                "type": "approximate",
                **{k: v for k, v in location.items() if v is not None},
            }
        converted.append(web)
        ctx.lose(_O2R_WEB, "web_search_options")
    if converted:
        out["tools"] = converted


def _flat_function(fn: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(fn, frozenset({"name", "description", "parameters", "strict"}), path)
    out: Json = {"type": "function", "name": fn["name"]}
    if fn.get("description") is not None:
        out["description"] = fn["description"]
    out["parameters"] = fn.get("parameters")
    out["strict"] = bool(fn.get("strict"))
    return out


def _flat_custom(custom: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(custom, frozenset({"name", "description", "format"}), path)
    out: Json = {"type": "custom", "name": custom["name"]}
    if custom.get("description") is not None:
        out["description"] = custom["description"]
    fmt = custom.get("format")
    if isinstance(fmt, dict):
        if fmt["type"] == "grammar" and isinstance(fmt.get("grammar"), dict):
            out["format"] = {"type": "grammar", **fmt["grammar"]}
        else:
            out["format"] = fmt
    return out


def tool_choice_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """Responses ``tool_choice`` and ``parallel_tool_calls`` for the Chat ones."""
    if req.get("parallel_tool_calls") is not None:
        out["parallel_tool_calls"] = req["parallel_tool_calls"]
    choice = req.get("tool_choice")
    if choice is None and req.get("function_call") is not None:
        fc = req["function_call"]
        choice = {"type": "function", "function": fc} if isinstance(fc, dict) else fc
    if choice is None:
        return
    if isinstance(choice, str):
        out["tool_choice"] = choice
        return
    kind = choice["type"]
    if kind in ("function", "custom"):
        out["tool_choice"] = {"type": kind, "name": choice[kind]["name"]}
    elif kind == "allowed_tools":
        allowed = choice["allowed_tools"]
        tools = [
            {"type": t["type"], "name": t[t["type"]]["name"]}
            for t in allowed.get("tools") or ()
            if t.get("type") in ("function", "custom") and isinstance(t.get(t["type"]), dict)
        ]
        out["tool_choice"] = {"type": "allowed_tools", "mode": allowed["mode"], "tools": tools}
    else:
        ctx.lose(
            _O2R_CHOICE,
            "tool_choice",
            kind="unknown",
            detail=f"tool_choice type {kind!r} is unknown; dropped",
        )
