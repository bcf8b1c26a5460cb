"""`lint_paths`: fixes written back (safe by default, unsafe on request, never Alembic), analysis
failures turned into an unknown finding, files analysed in groups per config and version."""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.api.lint import lint_paths
from migrator.config import Overrides
from migrator.sql.statement import Migration
from tests.unit.lint.report_helpers import RULES

SQL = "CREATE INDEX ix ON users (email);\n"
CALLS: list[tuple[int, tuple[str, ...]]] = []


def _fake_analyze(migrations: Sequence[Migration], pg_version: int = 16, schema: object = None) -> tuple[AnalyzedMigration, ...]:
    CALLS.append((pg_version, tuple(m.source.path for m in migrations)))
    if any("explode" in m.source.text for m in migrations):
        raise RuntimeError("analyzer bug")
    return tuple(AnalyzedMigration(m, tuple(Facts(s.index, risk=Risk.SAFE) for s in m.statements)) for m in migrations)


@pytest.fixture(autouse=True)
def _hand_made_facts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = types.ModuleType("migrator.analysis.analyze")
    module.analyze = _fake_analyze  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "migrator.analysis.analyze", module)
    monkeypatch.chdir(tmp_path)
    CALLS.clear()


def test_fix_applies_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "001.sql"
    path.write_text(SQL)
    report = lint_paths([str(path)], fix=True, rules=RULES)
    assert path.read_text() == SQL and report.fixable_unsafe == 1
    report = lint_paths([str(path)], fix=True, unsafe_fixes=True, rules=RULES)
    assert path.read_text() == "CREATE INDEX CONCURRENTLY ix ON users (email);\n"
    assert report.fixes_applied == ((str(path), 1),)
    assert report.result.findings == ()


def test_analysis_failure_becomes_an_unknown_finding(tmp_path: Path) -> None:
    path = tmp_path / "001.sql"
    path.write_text("SELECT 'explode';\n")
    report = lint_paths([str(path)], rules=RULES)
    assert [(f.code, f.span.line) for f in report.result.findings] == [("M900", 1)]
    assert "analyzer bug" in report.result.findings[0].message
    assert report.exit_code == 1
    with pytest.raises(RuntimeError):
        lint_paths([str(path)], rules=RULES, strict=True)


def test_files_grouped_by_config_and_version_in_order(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "migrator.toml").write_text("pg_version = 12\n")
    for folder in ("a", "b"):
        for name in ("001.sql", "002.sql"):
            (tmp_path / folder / name).write_text("SELECT 1;\n")
    lint_paths(["a", "b"], rules=RULES)
    assert CALLS == [(16, ("a/001.sql", "a/002.sql")), (12, ("b/001.sql", "b/002.sql"))]
    CALLS.clear()
    lint_paths(["a", "b"], overrides=Overrides(pg_version=14), rules=RULES)
    assert [version for version, _ in CALLS] == [14, 14]
