"""
ruapi_convert.mapping.tools_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The tools concept between the Responses API and Anthropic Messages: tool definitions and
``tool_choice``, both ways.

* A Responses ``function`` tool (flat: ``name``, ``parameters``, ``strict``) is an Anthropic
  custom tool (``name``, ``input_schema``, ``strict``). Responses' ``strict`` defaults to true,
  Anthropic's to false: an absent ``strict`` is reported (as the Chat direction does), and the
  reverse writes ``strict: false`` explicitly when Anthropic had none.
* A Responses ``custom`` tool (free-form text in, such as Codex's ``apply_patch``) has no
  Anthropic counterpart. Its documented form is an Anthropic tool with one string parameter
  ``input`` (:data:`CUSTOM_INPUT_SCHEMA`, the same parameter name as the Chat function form);
  Claude's ``tool_use`` of it, ``{"input": "<text>"}``, comes back as a ``custom_tool_call``
  with that text, and a ``custom_tool_call`` in history goes to Claude in that shape. A grammar
  cannot be enforced by Anthropic: it goes into the parameter's description, so that Claude still
  sees the format it must write (approximated). The reverse direction reads a tool with exactly
  :data:`CUSTOM_INPUT_SCHEMA` back as a custom tool.
* A namespace's members are flattened to ``<namespace>__<name>`` (the Chat direction's names).
* ``web_search`` <-> Anthropic's server tool ``web_search_20250305``; the other hosted tools on
  either side have no counterpart (dropped, reported).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Final

from ..models import anthropic as ant
from ._ledger import A2R_REQUEST, R2A_REQUEST, Fate, Json
from .tools_responses import BUILTIN_TOOLS, CUSTOM_INPUT_KEY, flat_name

if TYPE_CHECKING:
    from ._ledger import Context

__all__ = [
    "CUSTOM_INPUT_SCHEMA",
    "WEB_SEARCH_NAME",
    "custom_names",
    "is_custom_form",
    "tool_choice_to_anthropic",
    "tool_choice_to_responses",
    "tools_to_anthropic",
    "tools_to_responses",
]

#: The input schema of a Responses custom tool sent to Anthropic (the documented tool form).
CUSTOM_INPUT_SCHEMA: Final[Json] = {
    "type": "object",
    "properties": {
        CUSTOM_INPUT_KEY: {"type": "string", "description": "The free-form input of this tool."}
    },
    "required": [CUSTOM_INPUT_KEY],
    "additionalProperties": False,
}
#: The name of Anthropic's web search tool (its ``server_tool_use`` blocks carry it).
WEB_SEARCH_NAME: Final = "web_search"
_WEB_SEARCH_TYPES: Final = frozenset(
    {"web_search", "web_search_2025_08_26", "web_search_preview", "web_search_preview_2025_03_11"}
)
_ANTHROPIC_WEB_SEARCH: Final = "web_search_20250305"

# -- Responses -> Anthropic ---------------------------------------------------------------------------

R2A_REQUEST.mapped("tools", "tools")
R2A_REQUEST.mapped(
    "tools[] (function)",
    "tools[]: {name, description, input_schema, strict}",
    "parameters null -> {type: object, properties: {}} (Anthropic requires an object schema)",
)
R2A_REQUEST.mapped("tools[].name", "tools[].name")
R2A_REQUEST.mapped("tools[].description", "tools[].description")
R2A_REQUEST.mapped("tools[].parameters", "tools[].input_schema")
_STRICT = R2A_REQUEST.mapped(
    "tools[].strict",
    "tools[].strict",
    "absent means true in Responses and false in Anthropic: an absent strict is reported as approximated (not sent)",
)
R2A_REQUEST.mapped("tools[].defer_loading", "tools[].defer_loading", "the same flag (tool search)")
_EXTRAS = R2A_REQUEST.dropped(
    "tools[].allowed_callers",
    "the Responses callers vocabulary is not Anthropic's; also output_schema and async (reported when set)",
)
for _key in ("output_schema", "async"):
    R2A_REQUEST.dropped(f"tools[].{_key}", "see tools[].allowed_callers")
_CUSTOM = R2A_REQUEST.approximated(
    "tools[] (custom)",
    "tools[]: {name, description, input_schema: {type: object, properties: {input: {type: string}}, required: [input]}}",
    "Anthropic has no free-form tools: one string parameter `input`; a grammar (format) cannot be enforced and is given to the model in that parameter's description. A format {type: text} (or none) is exact and not reported",
)
R2A_REQUEST.mapped("tools[].format", "tools[].input_schema", "see tools[] (custom)")
R2A_REQUEST.mapped("tools[].format.definition", "tools[].input_schema.properties.input.description")
R2A_REQUEST.mapped("tools[].format.syntax", "tools[].input_schema.properties.input.description")
_NAMESPACE = R2A_REQUEST.mapped(
    "tools[] (namespace)",
    "tools[]: one per member, named <namespace>__<name>",
    "the namespace's description has no Anthropic place (dropped, reported)",
)
R2A_REQUEST.mapped("tools[].tools", "tools[]", "namespace members; see tools[] (namespace)")
for _key in ("name", "description", "parameters", "strict", "format", "defer_loading",
             "allowed_callers", "output_schema", "async"):  # fmt: skip
    R2A_REQUEST.mapped(
        f"tools[].tools[].{_key}",
        f"tools[].{_key}",
        "a namespace member maps as a tool of its type (see tools[] (function), (custom))",
    )
_WEB = R2A_REQUEST.mapped(
    "tools[] (web_search)",
    "tools[]: {type: web_search_20250305, name: web_search}",
    "web_search / web_search_preview -> Anthropic's web search server tool: filters.allowed_domains -> allowed_domains, user_location -> user_location; search_context_size, external_web_access and search_content_types have no counterpart (dropped)",
)
R2A_REQUEST.mapped("tools[].filters", "tools[].allowed_domains")
R2A_REQUEST.mapped("tools[].filters.allowed_domains", "tools[].allowed_domains")
R2A_REQUEST.mapped("tools[].user_location", "tools[].user_location")
for _key in ("city", "country", "region", "timezone"):
    R2A_REQUEST.mapped(f"tools[].user_location.{_key}", f"tools[].user_location.{_key}")
_WEB_EXTRAS: Final = ("search_context_size", "external_web_access", "search_content_types")
for _key in _WEB_EXTRAS:
    R2A_REQUEST.dropped(f"tools[].{_key}", "web search settings with no Anthropic counterpart")
_HOSTED = R2A_REQUEST.add(
    Fate(
        "tools[] (built-in tools)",
        "dropped",
        "",
        "OpenAI-hosted tools Anthropic does not run: " + ", ".join(BUILTIN_TOOLS),
        BUILTIN_TOOLS,
    )
)
_UNKNOWN_TOOL = R2A_REQUEST.dropped(
    "tools[] (unknown types)", "tool types this library does not know"
)

_FUNCTION_KEYS: Final = frozenset(
    {"type", "name", "description", "parameters", "strict", "defer_loading", "allowed_callers",
     "output_schema", "async"}
)  # fmt: skip
_CUSTOM_KEYS: Final = frozenset(
    {"type", "name", "description", "format", "defer_loading", "allowed_callers", "async"}
)
_WEB_KEYS: Final = frozenset({"type", "filters", "user_location", *_WEB_EXTRAS})


def tools_to_anthropic(req: Json, out: Json, ctx: Context) -> None:
    """Anthropic ``tools`` for Responses ``tools``."""
    converted: list[Json] = []
    for j, tool in enumerate(req.get("tools") or ()):
        path = f"tools[{j}]"
        kind = tool.get("type")
        if kind == "function":
            converted.append(_function(tool, path, ctx, tool["name"]))
        elif kind == "custom":
            converted.append(_custom(tool, path, ctx, tool["name"]))
        elif kind == "namespace":
            if tool.get("description"):
                ctx.lose(
                    _NAMESPACE,
                    f"{path}.description",
                    kind="dropped",
                    detail="a namespace's description has no Anthropic place",
                )
            for k, member in enumerate(tool.get("tools") or ()):
                name = flat_name(tool["name"], member["name"])
                mpath = f"{path}.tools[{k}]"
                if member.get("type") == "custom":
                    converted.append(_custom(member, mpath, ctx, name))
                else:
                    converted.append(_function(member, mpath, ctx, name))
        elif kind in _WEB_SEARCH_TYPES:
            converted.append(_web_search(tool, path, ctx))
        elif kind in BUILTIN_TOOLS:
            ctx.lose(_HOSTED, path)
        else:
            ctx.lose(
                _UNKNOWN_TOOL,
                path,
                kind="unknown",
                detail=f"tool type {ctx.quote(kind)} is unknown; dropped",
            )
    if converted:
        out["tools"] = converted


def _function(tool: Json, path: str, ctx: Context, name: str) -> Json:
    ctx.unknown(tool, _FUNCTION_KEYS, path)
    out: Json = {"name": name}
    if tool.get("description") is not None:
        out["description"] = tool["description"]
    out["input_schema"] = tool.get("parameters") or {"type": "object", "properties": {}}
    if tool.get("strict") is None:
        ctx.lose(
            _STRICT,
            f"{path}.strict",
            kind="approximated",
            detail="strict absent: Responses enforces the schema by default, Anthropic does not; not sent",
        )
    else:
        out["strict"] = tool["strict"]
    _extras(tool, out, path, ctx)
    return out


def _extras(tool: Json, out: Json, path: str, ctx: Context) -> None:
    if tool.get("defer_loading") is not None:
        out["defer_loading"] = tool["defer_loading"]
    for key in ("allowed_callers", "output_schema", "async"):
        if tool.get(key) not in (None, False):
            ctx.lose(_EXTRAS, f"{path}.{key}")


def _custom(tool: Json, path: str, ctx: Context, name: str) -> Json:
    ctx.unknown(tool, _CUSTOM_KEYS, path)
    out: Json = {"name": name}
    if tool.get("description") is not None:
        out["description"] = tool["description"]
    schema = copy.deepcopy(CUSTOM_INPUT_SCHEMA)
    fmt = tool.get("format")
    if fmt is not None and fmt.get("type") != "text":
        syntax, definition = fmt.get("syntax"), fmt.get("definition")
        schema["properties"][CUSTOM_INPUT_KEY]["description"] = (
            f"The free-form input of this tool, in this {syntax} grammar:\n{definition}"
        )
        ctx.lose(
            _CUSTOM,
            f"{path}.format",
            detail="Anthropic cannot enforce a grammar; it was given to the model in the description of the tool's one string parameter `input`",
        )
    out["input_schema"] = schema
    _extras(tool, out, path, ctx)
    return out


def _web_search(tool: Json, path: str, ctx: Context) -> Json:
    ctx.unknown(tool, _WEB_KEYS, path)
    out: Json = {"type": _ANTHROPIC_WEB_SEARCH, "name": WEB_SEARCH_NAME}
    filters = tool.get("filters") or {}
    if filters.get("allowed_domains"):
        out["allowed_domains"] = filters["allowed_domains"]
    location = tool.get("user_location")
    if location is not None:
        out["user_location"] = {
            "type": "approximate",
            **{k: v for k, v in location.items() if k != "type"},
        }
    for key in _WEB_EXTRAS:
        if tool.get(key) not in (None, False):
            ctx.lose(R2A_REQUEST.row(f"tools[].{key}"), f"{path}.{key}")
    return out


def custom_names(request: Json | None) -> frozenset[str]:
    """The Anthropic names of a Responses request's custom tools (namespaced ones flattened)."""
    names: set[str] = set()
    for tool in (request or {}).get("tools") or ():
        if tool.get("type") == "custom":
            names.add(tool["name"])
        elif tool.get("type") == "namespace":
            names.update(
                flat_name(tool["name"], m["name"])
                for m in tool.get("tools") or ()
                if m.get("type") == "custom"
            )
    return frozenset(names)


_TOOL_CHOICE = R2A_REQUEST.mapped(
    "tool_choice",
    "tool_choice",
    "none -> none, auto -> auto, required -> any; {type: function | custom, name} -> {type: tool, name}; a web search choice -> {type: tool, name: web_search}; {type: allowed_tools, mode} -> auto / any with every tool still offered (approximated); other hosted-tool and MCP choices are dropped (auto applies). A choice that forces a tool switches thinking off (Anthropic allows only auto and none with thinking; reported)",
)
R2A_REQUEST.mapped("tool_choice.name", "tool_choice.name")
R2A_REQUEST.mapped("tool_choice.mode", "tool_choice.type", "see tool_choice")
_ALLOWED = R2A_REQUEST.row("tool_choice")
R2A_REQUEST.dropped("tool_choice.tools", "the allowed subset: see tool_choice")
R2A_REQUEST.dropped("tool_choice.server_label", "MCP choices: see tool_choice")
_PARALLEL = R2A_REQUEST.mapped(
    "parallel_tool_calls",
    "tool_choice.disable_parallel_tool_use",
    "false -> disable_parallel_tool_use: true (on the tool choice, auto when none was given); sent only with tools",
)
_SIMPLE: Final = {"none": "none", "auto": "auto", "required": "any"}


def tool_choice_to_anthropic(req: Json, out: Json, ctx: Context) -> None:
    """Anthropic ``tool_choice`` for Responses ``tool_choice`` and ``parallel_tool_calls``."""
    choice = req.get("tool_choice")
    mapped: Json | None = None
    if isinstance(choice, str):
        mapped = {"type": _SIMPLE.get(choice, "auto")}
    elif isinstance(choice, dict):
        kind = choice.get("type")
        if kind in ("function", "custom"):
            mapped = {"type": "tool", "name": flat_name(choice.get("namespace"), choice["name"])}
        elif kind in _WEB_SEARCH_TYPES:
            mapped = {"type": "tool", "name": WEB_SEARCH_NAME}
        elif kind == "allowed_tools":
            mapped = {"type": "any" if choice.get("mode") == "required" else "auto"}
            ctx.lose(
                _ALLOWED,
                "tool_choice.tools",
                kind="approximated",
                detail="Anthropic cannot limit the tools per request: every tool stays offered",
            )
        else:
            ctx.lose(
                _TOOL_CHOICE,
                "tool_choice",
                kind="dropped" if kind is not None else "unknown",
                detail=f"tool_choice type {ctx.quote(kind)} has no Anthropic counterpart; dropped",
            )
    if "tools" not in out:
        if mapped is not None and mapped["type"] == "none":
            return  # nothing to choose from: "none" says nothing more
        if mapped is not None and choice != "auto":
            ctx.lose(
                _TOOL_CHOICE,
                "tool_choice",
                kind="dropped",
                detail="no tools were sent; the tool choice has nothing to apply to",
            )
        return
    if req.get("parallel_tool_calls") is False:
        mapped = mapped or {"type": "auto"}
        if mapped["type"] != "none":
            mapped["disable_parallel_tool_use"] = True
    if mapped is not None:
        out["tool_choice"] = mapped


# -- Anthropic -> Responses ---------------------------------------------------------------------------

_BUILTIN_TOOLS: Final = tuple(sorted(t for t in ant.TOOL_TYPES if not t.startswith("web_search_")))

A2R_REQUEST.mapped("tools", "tools")
A2R_REQUEST.mapped(
    "tools[] (custom)",
    "tools[]: {type: function, name, description, parameters, strict}",
    "strict absent -> strict: false (Responses' default is true); a tool whose input_schema is exactly the custom form (one string parameter `input`, see the other direction) -> {type: custom, name, description}",
)
A2R_REQUEST.mapped("tools[].name", "tools[].name")
A2R_REQUEST.mapped("tools[].description", "tools[].description")
A2R_REQUEST.mapped("tools[].input_schema", "tools[].parameters")
A2R_REQUEST.mapped("tools[].input_schema.properties", "tools[].parameters.properties")
A2R_REQUEST.mapped("tools[].input_schema.required", "tools[].parameters.required")
A2R_REQUEST.mapped("tools[].strict", "tools[].strict")
A2R_REQUEST.mapped("tools[].defer_loading", "tools[].defer_loading")
_A2R_CACHE = A2R_REQUEST.dropped(
    "tools[].cache_control",
    "Responses tools have no cache breakpoint (the cache prefix still includes them)",
)
_A2R_EXTRAS: Final = {
    key: A2R_REQUEST.dropped(f"tools[].{key}", "no Responses tool field")
    for key in ("input_examples", "eager_input_streaming", "allowed_callers")
}
_A2R_WEB = A2R_REQUEST.mapped(
    "tools[] (web_search)",
    "tools[]: {type: web_search}",
    "web_search_20250305 and later versions: allowed_domains -> filters.allowed_domains, user_location -> user_location; max_uses and blocked_domains have no counterpart (dropped)",
)
A2R_REQUEST.add(
    Fate(
        "tools[] (server and client built-in tools)",
        "dropped",
        "",
        "Anthropic tools a Responses upstream does not run: " + ", ".join(_BUILTIN_TOOLS),
        _BUILTIN_TOOLS,
    )
)
_A2R_UNKNOWN_TOOL = A2R_REQUEST.dropped(
    "tools[] (unknown types)", "tool types this library does not know"
)
for _key in ("allowed_domains",):
    A2R_REQUEST.mapped(f"tools[].{_key}", "tools[].filters.allowed_domains")
A2R_REQUEST.mapped("tools[].user_location", "tools[].user_location")
for _key in ("city", "country", "region", "timezone"):
    A2R_REQUEST.mapped(f"tools[].user_location.{_key}", f"tools[].user_location.{_key}")
_A2R_WEB_EXTRAS: Final = ("max_uses", "blocked_domains", "response_inclusion")
for _key in _A2R_WEB_EXTRAS:
    A2R_REQUEST.dropped(f"tools[].{_key}", "web search settings with no Responses counterpart")

_A2R_TOOL_KEYS: Final = frozenset(
    {"type", "name", "description", "input_schema", "strict", "cache_control", "defer_loading",
     "input_examples", "eager_input_streaming", "allowed_callers"}
)  # fmt: skip


def is_custom_form(tool: Json) -> bool:
    """Whether an Anthropic tool is a Responses custom tool in its documented form."""
    return tool.get("input_schema") == CUSTOM_INPUT_SCHEMA and tool.get("strict") is None


def tools_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """Responses ``tools`` for Anthropic ``tools``."""
    converted: list[Json] = []
    for j, tool in enumerate(req.get("tools") or ()):
        path = f"tools[{j}]"
        kind = tool.get("type")
        if kind in (None, "custom"):
            ctx.unknown(tool, _A2R_TOOL_KEYS, path)
            if is_custom_form(tool):
                made: Json = {"type": "custom", "name": tool["name"]}
                if tool.get("description") is not None:
                    made["description"] = tool["description"]
            else:
                made = {"type": "function", "name": tool["name"]}
                if tool.get("description") is not None:
                    made["description"] = tool["description"]
                made["parameters"] = tool["input_schema"]
                made["strict"] = tool.get("strict") or False
            if tool.get("defer_loading") is not None:
                made["defer_loading"] = tool["defer_loading"]
            if tool.get("cache_control") is not None:
                ctx.lose(_A2R_CACHE, f"{path}.cache_control")
            for key, row in _A2R_EXTRAS.items():
                if tool.get(key) is not None:
                    ctx.lose(row, f"{path}.{key}")
            converted.append(made)
        elif isinstance(kind, str) and kind.startswith("web_search_"):
            converted.append(_web_tool(tool, path, ctx))
        elif kind in ant.TOOL_TYPES:
            ctx.lose(A2R_REQUEST.row("tools[] (server and client built-in tools)"), path)
        else:
            ctx.lose(
                _A2R_UNKNOWN_TOOL,
                path,
                kind="unknown",
                detail=f"tool type {ctx.quote(kind)} is unknown; dropped",
            )
    if converted:
        out["tools"] = converted


def _web_tool(tool: Json, path: str, ctx: Context) -> Json:
    made: Json = {"type": "web_search"}
    if tool.get("allowed_domains"):
        made["filters"] = {"allowed_domains": tool["allowed_domains"]}
    if tool.get("user_location") is not None:
        made["user_location"] = dict(tool["user_location"])
    for key in _A2R_WEB_EXTRAS:
        if tool.get(key) is not None:
            ctx.lose(A2R_REQUEST.row(f"tools[].{key}"), f"{path}.{key}")
    if tool.get("cache_control") is not None:
        ctx.lose(_A2R_CACHE, f"{path}.cache_control")
    ctx.unknown(
        tool,
        frozenset({"type", "name", "allowed_domains", "user_location", "cache_control",
                   "defer_loading", "allowed_callers", *_A2R_WEB_EXTRAS}),
        path,
    )  # fmt: skip
    return made


_A2R_CHOICE = A2R_REQUEST.mapped(
    "tool_choice",
    "tool_choice",
    "auto -> auto, any -> required, none -> none, {type: tool, name} -> {type: function | custom, name} (web_search -> {type: web_search})",
)
A2R_REQUEST.mapped("tool_choice.name", "tool_choice.name")
A2R_REQUEST.mapped("tool_choice.disable_parallel_tool_use", "parallel_tool_calls", "true -> false")
_TO_RESPONSES: Final = {"auto": "auto", "any": "required", "none": "none"}


def tool_choice_to_responses(req: Json, out: Json, ctx: Context) -> None:
    """Responses ``tool_choice`` and ``parallel_tool_calls`` for Anthropic ``tool_choice``."""
    choice = req.get("tool_choice")
    if choice is None:
        return
    ctx.unknown(choice, frozenset({"type", "name", "disable_parallel_tool_use"}), "tool_choice")
    kind = choice["type"]
    if kind == "tool":
        name = choice["name"]
        tools = {t.get("name"): t for t in req.get("tools") or ()}
        tool = tools.get(name) or {}
        if str(tool.get("type") or "").startswith("web_search_"):
            out["tool_choice"] = {"type": "web_search"}
        elif is_custom_form(tool):
            out["tool_choice"] = {"type": "custom", "name": name}
        else:
            out["tool_choice"] = {"type": "function", "name": name}
    elif kind in _TO_RESPONSES:
        out["tool_choice"] = _TO_RESPONSES[kind]
    else:
        ctx.lose(
            _A2R_CHOICE,
            "tool_choice",
            kind="unknown",
            detail=f"tool_choice type {ctx.quote(kind)} is unknown; dropped",
        )
    if choice.get("disable_parallel_tool_use"):
        out["parallel_tool_calls"] = False
