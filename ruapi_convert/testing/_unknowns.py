"""
ruapi_convert.testing._unknowns
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Forward-compatibility fuzzing: payloads from a newer version of a protocol.

Every protocol adds fields, block types, event types and delta types over time. :func:`inject` takes a
valid payload (or stream, or ``(final, stream)`` pair) and adds such things where the protocol allows
them: unknown keys on objects the protocol defines (never inside free-form JSON such as a tool's
input or a JSON schema, where they would change the data rather than the shape), and elements of an
unknown ``type`` (``role`` for messages) in the lists and fields that are open unions. A library that
keeps what it does not know must give all of it back unchanged.

Where things may go is decided from the *shape* around a node (the key it sits under and the
``type``/``role`` of the object holding it), per protocol, in the two tables below.
"""

from __future__ import annotations

from typing import Any, Literal

from hypothesis import strategies as st

from ._common import fresh, json_values

__all__ = ["Protocol", "inject"]

Protocol = Literal["openai", "anthropic", "responses"]

#: Keys whose value is free-form JSON (or a map with typed values): nothing is injected below them.
_CHAT_FREE_FORM = frozenset(
    {
        "input",
        "input_schema",
        "parameters",
        "schema",
        "metadata",
        "logit_bias",
        "input_examples",
        "configs",
        "categories",
        "category_scores",
        "category_applied_input_types",
    }
)

_FREE_FORM: dict[Protocol, frozenset[str]] = {
    "openai": _CHAT_FREE_FORM,
    "anthropic": _CHAT_FREE_FORM,
    # ``input`` is the item list here (a custom tool call's ``input`` is a string).
    "responses": (_CHAT_FREE_FORM - {"input"})
    | {"arguments", "variables", "env", "headers", "attributes", "output_schema"},
}

# (holder kind, key) -> what an unknown element of that list is. The holder kind is "<root>" for the
# payload itself, else the holder's ``type`` or, for messages, ``role:<role>``.
_OPEN_LISTS: dict[Protocol, dict[tuple[str, str], str]] = {
    "openai": {
        ("<root>", "messages"): "role",
        ("<root>", "tools"): "tool",
        ("role:user", "content"): "part",
        ("role:system", "content"): "part",
        ("role:developer", "content"): "part",
        ("role:assistant", "content"): "part",
        ("role:tool", "content"): "part",
        ("role:assistant", "tool_calls"): "tool_call",
        ("role:assistant", "annotations"): "annotation",
    },
    "anthropic": {
        ("<root>", "messages"): "role",
        ("<root>", "tools"): "tool",
        ("role:user", "content"): "block",
        ("role:assistant", "content"): "block",
        ("role:system", "content"): "block",
        ("message", "content"): "block",
        ("tool_result", "content"): "block",
        ("content", "content"): "block",
        ("text", "citations"): "citation",
    },
    "responses": {
        ("<root>", "input"): "item",
        ("<root>", "output"): "item",
        ("<root>", "tools"): "tool",
        ("<response>", "output"): "item",
        ("<response>", "tools"): "tool",
        ("message", "content"): "part",
        ("role:user", "content"): "part",
        ("role:system", "content"): "part",
        ("role:developer", "content"): "part",
        ("role:assistant", "content"): "part",
        ("output_text", "annotations"): "annotation",
        ("function_call_output", "output"): "part",
        ("custom_tool_call_output", "output"): "part",
        ("namespace", "tools"): "tool",
        ("additional_tools", "tools"): "tool",
        ("tool_search_output", "tools"): "tool",
        ("code_interpreter_call", "outputs"): "output",
    },
}

# (holder kind, key) -> what an unknown object replacing that (open-union) field is.
_OPEN_FIELDS: dict[Protocol, dict[tuple[str, str], str]] = {
    "openai": {
        ("<root>", "response_format"): "response_format",
        ("<root>", "tool_choice"): "tool_choice",
    },
    "anthropic": {
        ("<root>", "tool_choice"): "tool_choice",
        ("<root>", "thinking"): "thinking",
        ("content_block_delta", "delta"): "delta",
        ("content_block_start", "content_block"): "block",
        ("image", "source"): "source",
        ("document", "source"): "source",
    },
    "responses": {
        ("<root>", "tool_choice"): "tool_choice",
        ("<response>", "tool_choice"): "tool_choice",
        ("response.output_item.added", "item"): "item",
        ("response.output_item.done", "item"): "item",
        ("response.content_part.added", "part"): "part",
        ("response.content_part.done", "part"): "part",
        ("response.output_text.annotation.added", "annotation"): "annotation",
        ("web_search_call", "action"): "action",
    },
}

_NAMES = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)


def _holder_kinds(node: dict[str, Any], root: bool) -> tuple[str, ...]:
    kinds: tuple[str, ...] = ("<root>",) if root else ()
    if node.get("object") == "response":  # a Responses API response, also inside stream events
        kinds = (*kinds, "<response>")
    role, kind = node.get("role"), node.get("type")
    if isinstance(kind, str):
        return (*kinds, kind)
    if isinstance(role, str):
        return (*kinds, f"role:{role}")
    return kinds


def _walk(
    node: Any, protocol: Protocol, root: bool = True
) -> tuple[
    list[dict[str, Any]], list[tuple[list[Any], str]], list[tuple[dict[str, Any], str, str]]
]:
    """Objects that take unknown keys, open lists (with their element kind) and open fields."""
    objects: list[dict[str, Any]] = []
    lists: list[tuple[list[Any], str]] = []
    fields: list[tuple[dict[str, Any], str, str]] = []
    stack: list[tuple[Any, bool]] = [(node, root)]
    while stack:
        current, is_root = stack.pop()
        if isinstance(current, list):
            stack.extend((item, False) for item in current)
            continue
        if not isinstance(current, dict):
            continue
        objects.append(current)
        holders = _holder_kinds(current, is_root)
        for key, value in current.items():
            if key in _FREE_FORM[protocol]:
                continue
            for holder in holders:
                if isinstance(value, list) and (holder, key) in _OPEN_LISTS[protocol]:
                    lists.append((value, _OPEN_LISTS[protocol][(holder, key)]))
                if isinstance(value, (dict, str)) and (holder, key) in _OPEN_FIELDS[protocol]:
                    fields.append((current, key, _OPEN_FIELDS[protocol][(holder, key)]))
            stack.append((value, False))
    return objects, lists, fields


def _unknown_key(draw: st.DrawFn, node: dict[str, Any]) -> str:
    name = "x_future_" + draw(_NAMES)
    while name in node:
        name += "_"
    return name


def _unknown_element(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    element: dict[str, Any]
    if kind == "role":
        element = {
            "role": "future_role_v9",
            "content": draw(json_values(max_leaves=3, big_ints=False)),
        }
    else:
        element = {"type": f"future_{kind}_v9"}
    for _ in range(draw(st.integers(0, 2))):
        element[_unknown_key(draw, element)] = draw(json_values(max_leaves=4, big_ints=False))
    return element


def _inject_payload(draw: st.DrawFn, payload: Any, protocol: Protocol, *, root: bool) -> None:
    """Apply one to four forward-compatible changes to ``payload`` in place."""
    for _ in range(draw(st.integers(1, 4))):
        objects, lists, fields = _walk(payload, protocol, root)
        operations = ["key", "key"] + ["element"] * bool(lists) + ["field"] * bool(fields)
        operation = draw(st.sampled_from(operations))
        if operation == "key":
            node = objects[draw(st.integers(0, len(objects) - 1))]
            node[_unknown_key(draw, node)] = draw(json_values(max_leaves=6, big_ints=False))
        elif operation == "element":
            target, kind = lists[draw(st.integers(0, len(lists) - 1))]
            element = _unknown_element(draw, kind)
            if target and draw(st.integers(0, 3)) == 0:
                target[draw(st.integers(0, len(target) - 1))] = element
            else:
                target.insert(draw(st.integers(0, len(target))), element)
        else:
            holder, key, kind = fields[draw(st.integers(0, len(fields) - 1))]
            holder[key] = _unknown_element(draw, kind)


def _inject_stream(draw: st.DrawFn, events: list[Any], protocol: Protocol) -> None:
    """Change some events (or chunks) of a stream, and add events of unknown types (Anthropic)."""
    surely = draw(st.integers(0, len(events) - 1)) if events else -1
    for number, event in enumerate(events):
        if number == surely or draw(st.integers(0, 3)) == 0:
            _inject_payload(draw, event, protocol, root=False)
    if protocol == "responses" and events:
        for _ in range(draw(st.integers(0, 2))):
            # After response.created, which every consumer waits for first.
            events.insert(draw(st.integers(1, len(events))), _unknown_element(draw, "event"))
    if protocol == "anthropic" and events:
        for _ in range(draw(st.integers(0, 2))):
            # After message_start, as the API's "new event types may be added" promises.
            events.insert(draw(st.integers(1, len(events))), _unknown_element(draw, "event"))
        if draw(st.booleans()):
            # A whole block of an unknown type, at the next index, before the message_delta.
            starts = [e for e in events if e.get("type") == "content_block_start"]
            index = len(starts)
            at = next(
                (i for i, e in enumerate(events) if e.get("type") == "message_delta"), len(events)
            )
            block = _unknown_element(draw, "block")
            events[at:at] = [
                {"type": "content_block_start", "index": index, "content_block": block},
                {"type": "content_block_stop", "index": index},
            ]


@st.composite
def inject(draw: st.DrawFn, strategy: st.SearchStrategy[Any], protocol: Protocol) -> Any:
    """Draw from ``strategy`` and make the value look as if it came from a newer API version."""
    value = fresh(draw(strategy))
    parts = list(value) if isinstance(value, tuple) else [value]
    for part in parts:
        if isinstance(part, list):
            _inject_stream(draw, part, protocol)
        elif isinstance(part, dict):
            _inject_payload(draw, part, protocol, root=True)
    return tuple(parts) if isinstance(value, tuple) else parts[0]
