"""Baseline fingerprints: stable under line shifts, distinct per occurrence and statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.config import LintSettings
from migrator.errors import InputError
from migrator.lint.baseline import build_baseline, fingerprints, read_baseline, write_baseline
from migrator.lint.runner import lint_migration
from tests.unit.lint.helpers import analyzed, flag_kind, make_rule_module, rule_set

RULES = rule_set(make_rule_module("select-found", "M801", flag_kind("SELECT")))


def _prints(sql: str) -> tuple[str, ...]:
    result = lint_migration(analyzed(sql), LintSettings(), RULES)
    return fingerprints(result.findings, result.source, result.statements_sql)


def test_fingerprint_survives_lines_added_above_and_whitespace_changes() -> None:
    assert _prints("SELECT 1;") == _prints("-- new comment\n\nCREATE TABLE x (a int);\nSELECT   1;")


def test_fingerprint_changes_with_the_statement() -> None:
    assert _prints("SELECT 1;") != _prints("SELECT 2;")


def test_identical_statements_get_distinct_fingerprints() -> None:
    first, second = _prints("SELECT 1;\nSELECT 1;")
    assert first != second


def test_round_trip(tmp_path: Path) -> None:
    result = lint_migration(analyzed("SELECT 1;"), LintSettings(), RULES)
    prints = fingerprints(result.findings, result.source, result.statements_sql)
    path = tmp_path / "baseline.json"
    write_baseline(str(path), build_baseline(zip(result.findings, prints, strict=True)))
    assert read_baseline(str(path)).fingerprint_set == frozenset(prints)


@pytest.mark.parametrize("content", ["not json", '{"version": 99, "findings": []}', '{"version": 1}'],
                         ids=["invalid-json", "wrong-version", "no-findings-list"])
def test_bad_baseline_is_an_input_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content)
    with pytest.raises(InputError):
        read_baseline(str(path))
