"""The rule registry: decorator validation, loading, lookup and selectors."""

from __future__ import annotations

import pytest

from migrator.errors import InputError
from migrator.lint.model import Severity
from migrator.lint.registry import all_rules, load_rules, rule
from tests.unit.lint.helpers import flag_kind, make_rule_module, rule_set


@pytest.mark.parametrize("code, name", [("X101", "ok-name"), ("M1", "ok-name"), ("M101", "Bad_Name"),
                                        ("M101", "trailing-")],
                         ids=["wrong-prefix", "short-code", "not-kebab", "trailing-dash"])
def test_rule_decorator_rejects_malformed_code_or_name(code: str, name: str) -> None:
    with pytest.raises(ValueError):
        rule(code=code, name=name, severity=Severity.ERROR)


def test_duplicate_codes_are_rejected() -> None:
    first = make_rule_module("first-rule", "M801", flag_kind("SELECT"))
    second = make_rule_module("second-rule", "M801", flag_kind("SELECT"))
    with pytest.raises(ValueError, match="M801"):
        load_rules([first, second])  # type: ignore[list-item]


def test_lookup_by_code_name_alias_case_insensitive() -> None:
    rules = rule_set(make_rule_module("some-hazard", "M801", flag_kind("X"), aliases=("old-name",)))
    assert {rules.by_key(k).code for k in ("M801", "m801", "some-hazard", "old-name")} == {"M801"}


def test_unknown_rule_suggests_the_closest_name() -> None:
    rules = rule_set()
    with pytest.raises(InputError, match="did you mean 'unused-suppression'"):
        rules.by_key("unused-supression")


@pytest.mark.parametrize("selector, codes", [("M9", {"M900", "M901", "M902"}), ("M90", {"M900", "M901", "M902"}),
                                             ("M901", {"M901"}), ("ALL", {"M900", "M901", "M902", "M801"}),
                                             ("M1", set()), ("unused-suppression", {"M901"})],
                         ids=["family", "sub-family", "code", "all", "empty-family", "name"])
def test_selectors(selector: str, codes: set[str]) -> None:
    rules = rule_set(make_rule_module("some-hazard", "M801", flag_kind("X")))
    assert {r.code for r in rules.matching(selector)} == codes


def test_builtin_registry_loads_and_has_tool_rules() -> None:
    rules = all_rules()
    assert {"M900", "M901", "M902"} <= {r.code for r in rules}
    assert [r.code for r in rules] == sorted(r.code for r in rules)
