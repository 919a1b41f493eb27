"""
ruapi_convert.mapping.replies_responses_anthropic
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The turns, content and envelope concepts between Anthropic Messages and the Responses API, for
replies: a Message's content blocks <-> a Response's output items, citations <-> annotations, web
search blocks <-> ``web_search_call`` items, and the ids.

Anthropic -> Responses, block by block, in order: a run of text blocks is one message item with
one ``output_text`` part per block (a block's citations of web search results become
``url_citation`` annotations spanning the block); each thinking block a reasoning item; each
``tool_use`` a ``function_call`` (a ``custom_tool_call`` for a custom tool of the request); a
``server_tool_use`` of web search with its ``web_search_tool_result`` one ``web_search_call``
(query and source URLs). Responses -> Anthropic the other way round (an ``output_text`` part's
``url_citation`` annotations become citations of its block, the annotated text as the cited text).

Ids are derived reversibly, as between Chat and Messages: a Response made from a Message is
``resp_`` + its id, and the reverse prefixes ``msg_``, each stripping the other's prefix first.
Output items get ``<prefix>_<base>_<k>`` ids (``msg_``, ``rs_``, ``fc_``, ``ctc_``); a web search
keeps the ``server_tool_use`` id, so that it comes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._ledger import A2R_RESPONSE, R2A_RESPONSE, Fate, Json
from .envelope import item_id
from .reasoning_responses import decode_carrier, placeholder
from .reasoning_responses_anthropic import block_to_item, item_text, item_to_block
from .tool_calls import arguments_to_input, input_to_arguments
from .tools_responses import CUSTOM_INPUT_KEY, flat_name
from .tools_responses_anthropic import WEB_SEARCH_NAME

if TYPE_CHECKING:
    from ._ledger import Context
    from .tools_responses import ToolNames

__all__ = [
    "anthropic_id",
    "call_item",
    "message_text_item",
    "output_to_content",
    "reply_items",
    "response_id",
    "search_item",
    "text_part",
]


def response_id(message: str) -> str:
    """The ``resp_`` id for a ``msg_`` id (and the original back for ``msg_resp_...``)."""
    return message[4:] if message.startswith("msg_resp_") else f"resp_{message}"


def anthropic_id(response: str) -> str:
    """The ``msg_`` id for a ``resp_`` id (and the original back for ``resp_msg_...``)."""
    return response[5:] if response.startswith("resp_msg_") else f"msg_{response}"


# -- Anthropic -> Responses ---------------------------------------------------------------------------

A2R_RESPONSE.mapped(
    "id",
    "id",
    "'resp_' + id, or the original id of a 'msg_resp_...' id made by the reverse direction; the `id` argument overrides. Output item ids derive from it (msg_, rs_, fc_, ctc_ + the same base + the item's place)",
)
A2R_RESPONSE.mapped("type", "object", "always response")
A2R_RESPONSE.mapped("role", "output[].role")
A2R_RESPONSE.mapped("model", "model")
A2R_RESPONSE.mapped(
    "content",
    "output",
    "block by block, in order: a run of text blocks -> one message item (one output_text part per block); thinking -> reasoning; tool_use -> function_call / custom_tool_call; web search blocks -> web_search_call. When the request asked for include reasoning.encrypted_content and the reply has no thinking, an empty reasoning item comes first (Codex waits for it)",
)
A2R_RESPONSE.mapped("content[] (text)", "output[]: message item, output_text part")
A2R_RESPONSE.mapped("content[].text", "output[].content[].text")
_CITATIONS = A2R_RESPONSE.mapped(
    "content[].citations",
    "output[].content[].annotations",
    "web_search_result_location -> url_citation {start_index: 0, end_index: the block's length, title, url} (cited_text and encrypted_index have no place: approximated); document, page and search-result citations have no Responses form (dropped)",
)
for _key in ("cited_text", "url", "title", "encrypted_index"):
    A2R_RESPONSE.mapped(
        f"content[].citations[].{_key}",
        "output[].content[].annotations[]",
        "see content[].citations",
    )
for _key in ("document_index", "document_title", "end_block_index", "end_char_index",
             "end_page_number", "file_id", "search_result_index", "source", "start_block_index",
             "start_char_index", "start_page_number"):  # fmt: skip
    A2R_RESPONSE.dropped(f"content[].citations[].{_key}", "see content[].citations")
A2R_RESPONSE.mapped(
    "content[] (tool_use)",
    "output[]: function_call",
    "{call_id: id, name, arguments: input as JSON ({_raw_arguments: s} gives s back)}; the call of a custom tool of the request ({input: <text>}) -> custom_tool_call {call_id, name, input}; a namespaced tool's <namespace>__<name> -> namespace + name",
)
A2R_RESPONSE.mapped("content[].id", "output[].call_id")
A2R_RESPONSE.mapped("content[].name", "output[].name")
_CUSTOM_SHAPE = A2R_RESPONSE.mapped("content[].input", "output[].arguments / input")
_CALLER = A2R_RESPONSE.dropped(
    "content[].caller", "who made the call: no Responses field (direct is not reported)"
)
A2R_RESPONSE.mapped(
    "content[] (server_tool_use)",
    "output[]: web_search_call",
    "web_search with its web_search_tool_result -> {id: the block's id, status: completed (failed for an error result), action: {type: search, query, sources: [{type: url, url}]}}; the results' titles, page ages and encrypted contents have no place (approximated). Other server tools are dropped",
)
_SEARCH = A2R_RESPONSE.row("content[] (server_tool_use)")
A2R_RESPONSE.mapped("content[].tool_use_id", "output[].id", "see content[] (server_tool_use)")
A2R_RESPONSE.mapped(
    "content[].content", "output[].action.sources", "see content[] (server_tool_use)"
)
A2R_RESPONSE.mapped("content[].content[].url", "output[].action.sources[].url")
for _key in ("title", "page_age", "encrypted_content"):
    A2R_RESPONSE.dropped(
        f"content[].content[].{_key}",
        "a search result's title, page age and encrypted content have no place in a web_search_call (reported as approximated at content[].content)",
    )
A2R_RESPONSE.approximated(
    "content[].content.error_code",
    "output[].status",
    "a failed search is a web_search_call with status failed (the error code has no place)",
)
_OTHER_BLOCKS: Final = (
    "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
    "text_editor_code_execution_tool_result", "tool_search_tool_result", "mcp_tool_use",
    "mcp_tool_result", "container_upload", "compaction", "advisor_tool_result",
)  # fmt: skip
_OTHER = A2R_RESPONSE.add(
    Fate(
        "content[] (other server tool blocks)",
        "dropped",
        "",
        "results of Anthropic-hosted tools other than web search, MCP, compaction and container blocks have no Responses item: "
        + ", ".join(_OTHER_BLOCKS),
        _OTHER_BLOCKS,
    )
)
_UNKNOWN_BLOCK = A2R_RESPONSE.dropped(
    "content[] (unknown types)", "block types this library does not know"
)
for _key in ("encrypted_content", "file_id", "from", "to", "mcp_server_name", "server_name",
             "is_error", "tool_changes", "tools", "toolset_name", "trigger"):  # fmt: skip
    A2R_RESPONSE.dropped(
        f"content[].{_key}",
        "a field of the blocks with no Responses item (see content[] (other server tool blocks))",
    )

_TEXT_KEYS: Final = frozenset({"type", "text", "citations"})


def reply_items(
    blocks: list[Json],
    response: str,
    status: str,
    *,
    include_encrypted: bool,
    custom: frozenset[str],
    names: ToolNames,
    ctx: Context,
    path: str = "content",
) -> list[Json]:
    """The ``output`` items of a Message's content (``response``: the Response id); used by the
    reply conversion and, for what it accumulated, by the stream converter."""
    items: list[Json] = []
    message: Json | None = None
    searches: dict[str, Json] = {}
    for k, block in enumerate(blocks):
        bpath = f"{path}[{k}]"
        kind = block.get("type")
        if kind == "text":
            if message is None:
                message = message_text_item(item_id("msg", response, k), status)
                items.append(message)
            message["content"].append(text_part(block, bpath, ctx))
            continue
        message = None
        if kind in ("thinking", "redacted_thinking"):
            items.append(block_to_item(block, item_id("rs", response, k)))
        elif kind == "tool_use":
            items.append(call_item(block, response, k, status, custom, names, bpath, ctx))
        elif kind == "server_tool_use" and block.get("name") == WEB_SEARCH_NAME:
            item = search_item(block, bpath, ctx)
            searches[block["id"]] = item
            items.append(item)
        elif kind == "web_search_tool_result" and block.get("tool_use_id") in searches:
            search_results(block, searches[block["tool_use_id"]], bpath, ctx)
        elif kind in _OTHER_BLOCKS or kind in ("server_tool_use", "web_search_tool_result"):
            ctx.lose(_OTHER, bpath)
        else:
            ctx.lose(
                _UNKNOWN_BLOCK,
                bpath,
                kind="unknown",
                detail=f"content block type {ctx.quote(kind)} is unknown; dropped",
            )
    if include_encrypted and not any(i["type"] == "reasoning" for i in items):
        items.insert(0, placeholder(item_id("rs", response, 0)))
    return items


def message_text_item(item_id_: str, status: str) -> Json:
    """An empty assistant message item (its parts are added after)."""
    return {"id": item_id_, "type": "message", "status": status, "content": [], "role": "assistant"}


def text_part(block: Json, path: str, ctx: Context) -> Json:
    """The ``output_text`` part of a text block."""
    ctx.unknown(block, _TEXT_KEYS, path)
    annotations: list[Json] = []
    for j, cite in enumerate(block.get("citations") or ()):
        cpath = f"{path}.citations[{j}]"
        if cite.get("type") == "web_search_result_location":
            annotations.append(
                {
                    "type": "url_citation",
                    "start_index": 0,
                    "end_index": len(block["text"]),
                    "title": cite.get("title") or "",
                    "url": cite["url"],
                }
            )
            ctx.lose(
                _CITATIONS,
                cpath,
                kind="approximated",
                detail="a web search citation became a url_citation of the whole text part; its cited_text and encrypted_index have no place",
            )
        else:
            ctx.lose(
                _CITATIONS,
                cpath,
                kind="dropped",
                detail=f"a {ctx.quote(cite.get('type'))} citation has no Responses annotation; dropped",
            )
    return {"type": "output_text", "annotations": annotations, "text": block["text"]}


def call_item(
    block: Json,
    response: str,
    k: int,
    status: str,
    custom: frozenset[str],
    names: ToolNames,
    path: str,
    ctx: Context,
) -> Json:
    """The ``function_call`` (or ``custom_tool_call``) item of a ``tool_use`` block."""
    ctx.unknown(block, frozenset({"type", "id", "name", "input", "caller"}), path)
    if block.get("caller") not in (None, {"type": "direct"}):
        ctx.lose(_CALLER, f"{path}.caller")
    name = block["name"]
    tool_input = block.get("input")
    is_custom = name in custom
    item: Json = {
        "id": item_id("ctc" if is_custom else "fc", response, k),
        "type": "custom_tool_call" if is_custom else "function_call",
        "status": status,
        "call_id": block["id"],
    }
    if is_custom:
        text = tool_input.get(CUSTOM_INPUT_KEY) if isinstance(tool_input, dict) else None
        if not isinstance(text, str) or len(tool_input) != 1:  # type: ignore[arg-type]
            text = input_to_arguments(tool_input)
            ctx.lose(
                _CUSTOM_SHAPE,
                f"{path}.input",
                kind="approximated",
                detail="the call of a custom tool did not have the custom form's one string `input`; its input as JSON was sent as the text",
            )
        item["input"] = text
    else:
        item["arguments"] = input_to_arguments(tool_input)
    split = names.namespaced.get(name)
    if split is not None:
        item["namespace"], item["name"] = split
    else:
        item["name"] = name
    return item


def search_item(block: Json, path: str, ctx: Context) -> Json:
    """The ``web_search_call`` item of a web search ``server_tool_use`` block (its sources come
    with the result block)."""
    ctx.unknown(block, frozenset({"type", "id", "name", "input", "caller"}), path)
    query = (block.get("input") or {}).get("query")
    return {
        "id": block["id"],
        "type": "web_search_call",
        "status": "completed",
        "action": {
            "type": "search",
            "query": query if isinstance(query, str) else "",
            "sources": [],
        },
    }


def search_results(block: Json, item: Json, path: str, ctx: Context) -> None:
    """Fold a ``web_search_tool_result`` into its ``web_search_call`` item."""
    content = block.get("content")
    if isinstance(content, list):
        item["action"]["sources"] = [
            {"type": "url", "url": r["url"]}
            for r in content
            if isinstance(r, dict) and isinstance(r.get("url"), str)
        ]
        if content:
            ctx.lose(
                _SEARCH,
                f"{path}.content",
                kind="approximated",
                detail="the results' titles, page ages and encrypted contents have no place in a web_search_call (its sources keep the URLs)",
            )
    else:
        item["status"] = "failed"
        ctx.lose(
            _SEARCH,
            f"{path}.content",
            kind="approximated",
            detail="a failed search (its error code) is a web_search_call with status failed",
        )


# -- Responses -> Anthropic ---------------------------------------------------------------------------

R2A_RESPONSE.mapped(
    "id",
    "id",
    "'msg_' + id, or the original id of a 'resp_msg_...' id made by the reverse direction; the `id` argument overrides",
)
R2A_RESPONSE.mapped("object", "type", "always message")
R2A_RESPONSE.mapped("model", "model")
R2A_RESPONSE.mapped(
    "created_at",
    "",
    "a Message has no timestamp (not reported: the reverse direction takes `created=`)",
)
R2A_RESPONSE.mapped("completed_at", "", "a Message has no timestamp (not reported)")
R2A_RESPONSE.mapped("output", "content", "item by item, in order")
R2A_RESPONSE.mapped("output[] (message)", "content[]: text", "one text block per output_text part")
R2A_RESPONSE.mapped("output[].content", "content[]")
R2A_RESPONSE.mapped("output[].content[].text", "content[].text")
_ANNOTATIONS = R2A_RESPONSE.mapped(
    "output[].content[].annotations",
    "content[].citations",
    "url_citation -> a web_search_result_location citation {url, title, cited_text: the text between its offsets} on the part's text block (the offsets themselves have no place, and encrypted_index, which only Anthropic's own search gives, is empty: approximated); file_citation, container_file_citation and file_path have no Anthropic form (dropped)",
)
_REFUSAL = R2A_RESPONSE.approximated(
    "output[].content[].refusal",
    "content[]: text",
    "a refusal part becomes a text block (and an incomplete content_filter response stop_reason refusal)",
)
_LOGPROBS = R2A_RESPONSE.dropped(
    "output[].content[].logprobs",
    "a Message has no log probabilities (an empty list is not reported)",
)
_PHASE = R2A_RESPONSE.dropped("output[].phase", "commentary / final_answer has no Anthropic field")
R2A_RESPONSE.mapped(
    "output[] (function_call)",
    "content[]: tool_use",
    "{id: call_id, name (<namespace>__<name> for a namespaced call), input: the arguments parsed (not a JSON object: wrapped as {_raw_arguments: <the string>}, reported)}; custom_tool_call -> tool_use {input: {input: <the text>}}",
)
R2A_RESPONSE.mapped("output[].call_id", "content[].id")
R2A_RESPONSE.mapped("output[].name", "content[].name")
R2A_RESPONSE.mapped("output[].namespace", "content[].name", "<namespace>__<name>")
_ARGUMENTS = R2A_RESPONSE.mapped("output[].arguments", "content[].input")
R2A_RESPONSE.mapped("output[].input", "content[].input.input")
R2A_RESPONSE.mapped(
    "output[].id", "", "item ids are not kept (a reasoning item's and a web search's are: see them)"
)
R2A_RESPONSE.mapped("output[].status", "", "the state of an item (not reported; see status)")
_R2A_CALLER = R2A_RESPONSE.dropped(
    "output[].caller", "who made the call: no Anthropic field; also created_by and async"
)
for _key in ("created_by", "async"):
    R2A_RESPONSE.dropped(f"output[].{_key}", "see output[].caller")
_R2A_SEARCH = R2A_RESPONSE.mapped(
    "output[] (web_search_call)",
    "content[]: server_tool_use + web_search_tool_result",
    "{id, name: web_search, input: {query}} and {tool_use_id, content: one web_search_result per source URL (title the URL, encrypted_content empty: defaulted)}; a failed search -> an error result (unavailable); other actions (open_page, find_in_page) have no Anthropic form (dropped)",
)
R2A_RESPONSE.mapped("output[].action", "content[].input", "see output[] (web_search_call)")
R2A_RESPONSE.mapped("output[].action.query", "content[].input.query")
R2A_RESPONSE.mapped("output[].action.sources", "content[].content[].url")
R2A_RESPONSE.dropped("output[].action.queries", "several queries: only the first is sent")
for _key in ("url", "pattern"):
    R2A_RESPONSE.dropped(
        f"output[].action.{_key}",
        "of the open_page and find_in_page actions, which have no Anthropic block (see output[] (web_search_call))",
    )
_R2A_HOSTED_ITEMS: Final = (
    "apply_patch_call", "apply_patch_call_output", "code_interpreter_call", "compaction",
    "computer_call", "computer_call_output", "file_search_call", "function_call_output",
    "custom_tool_call_output", "image_generation_call", "local_shell_call",
    "local_shell_call_output", "mcp_approval_request", "mcp_approval_response", "mcp_call",
    "mcp_list_tools", "shell_call", "shell_call_output", "additional_tools", "program",
    "program_output", "tool_search_call", "tool_search_output",
)  # fmt: skip
_R2A_HOSTED = R2A_RESPONSE.add(
    Fate(
        "output[] (hosted tool and control items)",
        "dropped",
        "",
        "calls of OpenAI-hosted tools, their results and other items a Message has no block for: "
        + ", ".join(_R2A_HOSTED_ITEMS),
        _R2A_HOSTED_ITEMS,
    )
)
_R2A_UNKNOWN = R2A_RESPONSE.dropped(
    "output[] (unknown types)", "item types this library does not know"
)
_R2A_UNKNOWN_PART = R2A_RESPONSE.dropped(
    "output[].content[] (unknown types)", "part types this library does not know"
)
_CALL_KEYS: Final = frozenset(
    {"id", "type", "status", "arguments", "call_id", "name", "namespace", "input", "caller",
     "created_by", "async"}
)  # fmt: skip


def output_to_content(output: list[Json], ctx: Context) -> tuple[list[Json], bool]:
    """A Message's content blocks for a Response's ``output``, and whether it calls tools."""
    blocks: list[Json] = []
    calls = False
    for j, item in enumerate(output):
        path = f"output[{j}]"
        kind = item.get("type")
        if kind == "message":
            ctx.unknown(item, frozenset({"id", "type", "status", "content", "role", "phase"}), path)
            if item.get("phase") is not None:
                ctx.lose(_PHASE, f"{path}.phase")
            for k, part in enumerate(item.get("content") or ()):
                blocks.extend(part_blocks(part, f"{path}.content[{k}]", ctx))
        elif kind == "reasoning":
            if not item_text(item) and decode_carrier(item.get("encrypted_content")) == {}:
                continue  # our empty placeholder item says nothing
            blocks.append(item_to_block(item, path, ctx))
        elif kind in ("function_call", "custom_tool_call"):
            blocks.append(tool_use_block(item, path, ctx))
            calls = True
        elif kind == "web_search_call":
            blocks.extend(search_blocks(item, path, ctx))
        elif kind in _R2A_HOSTED_ITEMS:
            ctx.lose(_R2A_HOSTED, path)
        else:
            ctx.lose(
                _R2A_UNKNOWN,
                path,
                kind="unknown",
                detail=f"output item type {ctx.quote(kind)} is unknown; dropped",
            )
    return blocks, calls


def part_blocks(part: Json, path: str, ctx: Context) -> list[Json]:
    """The text blocks of one ``output_text`` (or ``refusal``) part."""
    kind = part.get("type")
    if kind == "refusal":
        ctx.lose(_REFUSAL, path)
        return [{"type": "text", "text": part["refusal"]}]
    if kind != "output_text":
        ctx.lose(
            _R2A_UNKNOWN_PART,
            path,
            kind="unknown",
            detail=f"content part type {ctx.quote(kind)} is unknown; dropped",
        )
        return []
    ctx.unknown(part, frozenset({"type", "text", "annotations", "logprobs"}), path)
    if part.get("logprobs"):
        ctx.lose(_LOGPROBS, f"{path}.logprobs")
    text: str = part["text"]
    block: Json = {"type": "text", "text": text}
    citations = [
        c
        for k, note in enumerate(part.get("annotations") or ())
        if (c := citation(note, text, f"{path}.annotations[{k}]", ctx)) is not None
    ]
    if citations:
        block["citations"] = citations
    return [block]


def citation(note: Json, text: str, path: str, ctx: Context) -> Json | None:
    """The Anthropic citation of a ``url_citation`` annotation on ``text`` (None: reported)."""
    start, end = note.get("start_index"), note.get("end_index")
    if note.get("type") != "url_citation" or not (
        isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
    ):
        ctx.lose(
            _ANNOTATIONS,
            path,
            kind="dropped",
            detail=f"a {ctx.quote(note.get('type'))} annotation (or one outside its text) has no Anthropic citation; dropped",
        )
        return None
    ctx.lose(
        _ANNOTATIONS,
        path,
        kind="approximated",
        detail="a url_citation became a web search citation of its text block: its offsets are the cited_text, and its encrypted_index (only Anthropic's own search gives one) is empty",
    )
    return {
        "type": "web_search_result_location",
        "cited_text": text[start:end],
        "url": note["url"],
        "title": note.get("title"),
        "encrypted_index": "",
    }


def tool_use_block(item: Json, path: str, ctx: Context) -> Json:
    """The ``tool_use`` block of a ``function_call`` / ``custom_tool_call`` item."""
    ctx.unknown(item, _CALL_KEYS, path)
    for key in ("caller", "created_by", "async"):
        if item.get(key) not in (None, False):
            ctx.lose(_R2A_CALLER, f"{path}.{key}")
    if item["type"] == "custom_tool_call":
        tool_input: Any = {CUSTOM_INPUT_KEY: item["input"]}
    else:
        tool_input = arguments_to_input(item["arguments"], f"{path}.arguments", ctx, _ARGUMENTS)
    return {
        "type": "tool_use",
        "id": item["call_id"],
        "name": flat_name(item.get("namespace"), item["name"]),
        "input": tool_input,
    }


def search_blocks(item: Json, path: str, ctx: Context) -> list[Json]:
    """The ``server_tool_use`` and ``web_search_tool_result`` blocks of a ``web_search_call``."""
    ctx.unknown(item, frozenset({"id", "type", "status", "action"}), path)
    action = item.get("action") or {}
    if action.get("type") != "search":
        ctx.lose(
            _R2A_SEARCH,
            path,
            kind="dropped",
            detail=f"a web search action {ctx.quote(action.get('type'))} has no Anthropic block; dropped",
        )
        return []
    ctx.unknown(action, frozenset({"type", "query", "queries", "sources"}), f"{path}.action")
    query = action.get("query") or next(iter(action.get("queries") or ()), "")
    if action.get("queries") and len(action["queries"]) > 1:
        ctx.lose(R2A_RESPONSE.row("output[].action.queries"), f"{path}.action.queries")
    use: Json = {
        "type": "server_tool_use",
        "id": item["id"],
        "name": WEB_SEARCH_NAME,
        "input": {"query": query},
    }
    content: Any
    if item.get("status") == "failed":
        content = {"type": "web_search_tool_result_error", "error_code": "unavailable"}
    else:
        content = [
            {
                "type": "web_search_result",
                "url": s["url"],
                "title": s["url"],
                "encrypted_content": "",
                "page_age": None,
            }
            for s in action.get("sources") or ()
            if isinstance(s, dict) and isinstance(s.get("url"), str)
        ]
        if content:
            ctx.lose(
                _R2A_SEARCH,
                f"{path}.action.sources",
                kind="defaulted",
                detail="Anthropic search results need a title and encrypted content: the URL is the title, the content is empty",
            )
    return [use, {"type": "web_search_tool_result", "tool_use_id": item["id"], "content": content}]
