"""The runner: rule selection, severity overrides, rule crashes, fail_on and ordering."""

from __future__ import annotations

import pytest

from migrator.config import LintSettings
from migrator.errors import ConfigError
from migrator.lint.model import Severity
from migrator.lint.runner import enabled_rules, lint, lint_migration
from tests.unit.lint.helpers import analyzed, flag_kind, make_rule_module, rule_set


def _boom(stmt, facts, ctx):  # type: ignore[no-untyped-def]
    raise RuntimeError("kaput")
    yield  # pragma: no cover


RULES = rule_set(make_rule_module("select-found", "M801", flag_kind("SELECT")),
                 make_rule_module("update-found", "M802", flag_kind("UPDATE"), severity="warning"),
                 make_rule_module("delete-found", "M711", flag_kind("DELETE"), severity="info"))


@pytest.mark.parametrize(
    "select, ignore, expected",
    [
        (("ALL",), (), {"M711", "M801", "M802", "M900", "M901", "M902"}),
        (("M8",), (), {"M801", "M802"}),
        (("M8",), ("M802",), {"M801"}),
        (("M802",), ("M8",), {"M802"}),
        (("M8",), ("M8",), set()),
        (("ALL",), ("M8", "M9"), {"M711"}),
        (("update-found",), (), {"M802"}),
    ],
    ids=["all", "family", "family-minus-code", "code-beats-family-ignore", "tie-ignore-wins",
         "ignore-families", "by-name"],
)
def test_select_and_ignore_most_specific_wins(select: tuple[str, ...], ignore: tuple[str, ...],
                                              expected: set[str]) -> None:
    settings = LintSettings(select=select, ignore=ignore)
    assert {r.code for r in enabled_rules(RULES, settings)} == expected


def test_unknown_selector_is_a_config_error_with_suggestion() -> None:
    with pytest.raises(ConfigError, match="did you mean 'select-found'"):
        enabled_rules(RULES, LintSettings(select=("select-fuond",)))
    with pytest.raises(ConfigError):
        enabled_rules(RULES, LintSettings(ignore=("M1234",)))


def test_empty_family_is_a_valid_selector() -> None:
    assert enabled_rules(RULES, LintSettings(ignore=("M3",))) == enabled_rules(RULES, LintSettings())


def test_severity_override_most_specific_wins() -> None:
    settings = LintSettings(severity=(("M8", Severity.INFO), ("update-found", Severity.ERROR)))
    result = lint_migration(analyzed("SELECT 1;\nUPDATE t SET a = 1;"), settings, RULES)
    assert [(f.code, f.severity) for f in result.findings] == [("M801", Severity.INFO), ("M802", Severity.ERROR)]


@pytest.mark.parametrize(
    "sql, fail_on, exit_code",
    [("DELETE FROM t;", "error", 0), ("DELETE FROM t;", "info", 1), ("UPDATE t SET a = 1;", "warning", 1),
     ("UPDATE t SET a = 1;", "error", 0), ("SELECT 1;", "error", 1), ("SELECT 1;", "none", 0),
     ("CREATE TABLE t (a int);", "info", 0)],
    ids=["info-below-error", "info-at-info", "warning-at-warning", "warning-below-error", "error",
         "none-never-fails", "clean"],
)
def test_exit_code_follows_fail_on(sql: str, fail_on: str, exit_code: int) -> None:
    assert lint(analyzed(sql), LintSettings(fail_on=fail_on), RULES).exit_code == exit_code


def test_crashing_rule_becomes_an_error_finding_unless_strict() -> None:
    rules = rule_set(make_rule_module("broken-rule", "M899", _boom))
    result = lint_migration(analyzed("SELECT 1;"), LintSettings(), rules)
    assert [(f.code, f.severity) for f in result.findings] == [("M899", Severity.ERROR)]
    assert "kaput" in result.findings[0].message
    with pytest.raises(RuntimeError):
        lint_migration(analyzed("SELECT 1;"), LintSettings(), rules, strict=True)


def test_findings_sorted_by_position_and_unparsed_reported() -> None:
    result = lint_migration(analyzed("UPDATE t SET a = 1;\nALTER TABLE t FROB c;\nSELECT 1;"), LintSettings(), RULES)
    assert [(f.code, f.span.line) for f in result.findings] == [("M802", 1), ("M900", 2), ("M801", 3)]
