"""resolve_options: keyword options over an Options object, and its memo of resolved results."""

from __future__ import annotations

import pytest

from ruapi_convert.errors import InvalidInputError
from ruapi_convert.options import Options, resolve_options


def test_no_overrides_returns_the_base_itself() -> None:
    base = Options(strict=True)
    assert resolve_options(base, {}) is base
    assert resolve_options(None, {}) == Options()


def test_overrides_win_over_the_base() -> None:
    base = Options(strict=True, created=5)
    resolved = resolve_options(base, {"created": 7})
    assert resolved.created == 7
    assert resolved.strict is True
    assert base.created == 5  # the base is not changed


def test_a_repeated_override_is_remembered() -> None:
    base = Options()
    assert resolve_options(base, {"created": 11}) is resolve_options(base, {"created": 11})


def test_equal_values_of_other_types_are_not_confused() -> None:
    """1, 1.0 and True hash and compare equal; the memo must still give each its own value."""
    base = Options()
    values = [resolve_options(base, {"created": v}).created for v in (1, True, 1.0, 1)]
    assert [type(v) for v in values] == [int, bool, float, int]


def test_another_base_with_equal_overrides_is_not_confused() -> None:
    first = resolve_options(Options(strict=True), {"created": 3})
    second = resolve_options(Options(strict=False), {"created": 3})
    assert (first.strict, second.strict) == (True, False)


def test_unhashable_override_values_still_work() -> None:
    budgets = {"low": 2000, "medium": 4000, "high": 8000}
    resolved = resolve_options(None, {"effort_budgets": budgets})
    assert resolved.effort_budgets == budgets


def test_an_unknown_option_names_its_path() -> None:
    with pytest.raises(InvalidInputError) as info:
        resolve_options(None, {"creatd": 1})
    assert info.value.path == "options.creatd"
