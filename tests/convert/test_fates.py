"""The fate tables: complete for every model field, in step with docs/mapping.md and the code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ruapi_convert.convert._mapping_doc import render_mapping
from ruapi_convert.convert._request_fates import A2O_REQUEST, O2A_REQUEST
from ruapi_convert.mapping._ledger import A2O_RESPONSE, O2A_RESPONSE
from ruapi_convert.models import anthropic as ant
from ruapi_convert.models import openai as oai

from .fate_paths import Tags, field_paths

if TYPE_CHECKING:
    from ruapi_convert.convert._fates import FateTable

ROOT = Path(__file__).resolve().parents[2]
TABLES = {
    "openai_to_anthropic_request": (oai.ChatCompletionCreateParams, O2A_REQUEST),
    "anthropic_to_openai_request": (ant.MessageCreateParams, A2O_REQUEST),
    "anthropic_to_openai_response": (ant.Message, A2O_RESPONSE),
    "openai_to_anthropic_response": (oai.ChatCompletion, O2A_RESPONSE),
}


def test_docs_mapping_is_rendered_from_the_tables() -> None:
    """docs/mapping.md is exactly what the tables render (regenerate: python -m ruapi_convert.convert._mapping_doc)."""
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


_LOSE = re.compile(r'(?:lose|carry|_once)\(\s*"([^"]+)"')
_MODULE_TABLES = {
    "_request_o2a": [O2A_REQUEST],
    "_request_a2o": [A2O_REQUEST],
    "_response_a2o": [A2O_RESPONSE],
    "_response_o2a": [O2A_RESPONSE],
    "anthropic_to_openai": [A2O_RESPONSE],
    "openai_to_anthropic": [O2A_RESPONSE],
}


@pytest.mark.parametrize("module", sorted(_MODULE_TABLES))
def test_every_loss_in_the_code_names_a_row(module: str) -> None:
    """Every literal row name a converter reports a loss under exists in its direction's table."""
    folder = "stream" if module in ("anthropic_to_openai", "openai_to_anthropic") else "convert"
    source = (ROOT / "ruapi_convert" / folder / f"{module}.py").read_text(encoding="utf-8")
    rows = _LOSE.findall(source)
    for table in _MODULE_TABLES[module]:
        assert [r for r in rows if r not in table] == [], table.title
