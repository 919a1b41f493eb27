"""The fate tables: complete for every model field, in step with docs/mapping.md and the code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from render import render_mapping

from ruapi_convert.mapping._ledger import (
    A2O_REQUEST,
    A2O_RESPONSE,
    A2R_REQUEST,
    A2R_RESPONSE,
    O2A_REQUEST,
    O2A_RESPONSE,
    O2R_REQUEST,
    O2R_RESPONSE,
    R2A_REQUEST,
    R2A_RESPONSE,
    R2O_REQUEST,
    R2O_RESPONSE,
)
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai
from ruapi_convert.models import responses as rsp

from .fate_paths import Tags, field_paths

if TYPE_CHECKING:
    from ruapi_convert.mapping._ledger import FateTable

ROOT = Path(__file__).resolve().parents[2]
TABLES = {
    "openai_to_anthropic_request": (oai.ChatCompletionCreateParams, O2A_REQUEST),
    "anthropic_to_openai_request": (ant.MessageCreateParams, A2O_REQUEST),
    "anthropic_to_openai_response": (ant.Message, A2O_RESPONSE),
    "openai_to_anthropic_response": (oai.ChatCompletion, O2A_RESPONSE),
    "responses_to_openai_request": (rsp.ResponseCreateParams, R2O_REQUEST),
    "openai_to_responses_response": (oai.ChatCompletion, O2R_RESPONSE),
    "openai_to_responses_request": (oai.ChatCompletionCreateParams, O2R_REQUEST),
    "responses_to_openai_response": (rsp.Response, R2O_RESPONSE),
    "responses_to_anthropic_request": (rsp.ResponseCreateParams, R2A_REQUEST),
    "anthropic_to_responses_response": (ant.Message, A2R_RESPONSE),
    "anthropic_to_responses_request": (ant.MessageCreateParams, A2R_REQUEST),
    "responses_to_anthropic_response": (rsp.Response, R2A_RESPONSE),
}


def test_docs_mapping_is_rendered_from_the_tables() -> None:
    """docs/mapping.md is exactly what the tables render (regenerate: python docs/render.py > docs/mapping.md)."""
    committed = (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")
    assert committed == render_mapping()


def _covered(path: str, contexts: set[Tags], table: FateTable) -> bool:
    bases: dict[str, list[object]] = {}
    for row in table:
        bases.setdefault(row.field.split(" (")[0], []).append(row)
    if path in bases:
        return True
    return all(_covered_in(path, dict(tags), table) for tags in contexts or {()})


def _ancestors(path: str) -> list[str]:
    """``a[].b.c`` -> ``["a[].b", "a[]", "a"]``."""
    out: list[str] = []
    while True:
        if path.endswith("[]"):
            path = path[:-2]
        else:
            cut = path.rfind(".")
            if cut < 0:
                return out
            path = path[:cut]
        out.append(path)


def _covered_in(path: str, tags: dict[str, str], table: FateTable) -> bool:
    for ancestor in _ancestors(path):
        for row in table:
            base = row.field.split(" (")[0]
            if base != ancestor or row.fate == "mapped":
                continue
            if " (" not in row.field or tags.get(base) in row.types:
                return True
    return False


@pytest.mark.parametrize("name", TABLES)
def test_every_model_field_has_a_fate(name: str) -> None:
    """Each field of the source model (three levels deep) is described by a fate row."""
    model, table = TABLES[name]
    missing = sorted(
        p for p, ctx in field_paths(model, depth=3).items() if not _covered(p, ctx, table)
    )
    assert not missing, f"{table.title}: no fate for {missing}"
