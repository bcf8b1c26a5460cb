"""Suppression comments: placement, file level, reasons, unused and unknown rules."""

from __future__ import annotations

import pytest

from migrator.config import LintSettings
from migrator.lint.runner import lint_migration
from migrator.sql.source import SourceKind
from tests.unit.lint.helpers import analyzed, flag_kind, make_rule_module, rule_set

RULES = rule_set(make_rule_module("select-found", "M801", flag_kind("SELECT"), aliases=("old-select",)),
                 make_rule_module("update-found", "M802", flag_kind("UPDATE"), severity="warning"))


def _codes(sql: str, settings: LintSettings | None = None, kind: SourceKind = SourceKind.SQL) -> list[tuple[str, int]]:
    result = lint_migration(analyzed(sql, kind=kind), settings or LintSettings(), RULES, strict=True)
    return [(f.code, f.span.line) for f in result.findings]


@pytest.mark.parametrize(
    "sql, expected",
    [
        ("SELECT 1;", [("M801", 1)]),
        ("-- migrator: ignore[M801] reviewed\nSELECT 1;", []),
        ("-- migrator: ignore[select-found] reviewed\nSELECT 1;", []),
        ("-- migrator: ignore[old-select] reviewed\nSELECT 1;", []),
        ("-- migrator: ignore[M8] whole family\nSELECT 1;", []),
        ("SELECT 1;  -- migrator: ignore[M801] on the line", []),
        ("SELECT\n  1 -- migrator: ignore[M801] inside the statement\n;", []),
        ("-- migrator: ignore[M801] reviewed\n-- another comment\nSELECT 1;", []),
        ("/* migrator: ignore[M801] block comment */\nSELECT 1;", []),
        ("-- migrator: ignore[M801, M802] both\nSELECT 1;", [("M901", 1)]),
        ("-- migrator: ignore[M801] reviewed\n\nSELECT 1;", [("M901", 1), ("M801", 3)]),
        ("-- migrator: ignore[M801] reviewed\nSELECT 1;\nSELECT 2;", [("M801", 3)]),
        ("SELECT 1; -- migrator: ignore[M801] only the first\nSELECT 2;", [("M801", 2)]),
        ("SELECT 1;\n-- migrator: ignore-file[M801] legacy file\nSELECT 2;", []),
        ("-- migrator: ignore[M801]\nSELECT 1;", [("M902", 1)]),
        ("-- migrator: ignore[M801]  -- a trailing comment is no reason\nSELECT 1;", [("M902", 1)]),
        ("-- migrator: ignore-file[M802] nothing to suppress\nSELECT 1;", [("M901", 1), ("M801", 2)]),
        ("-- migrator: ignore[no-such-rule] typo\nSELECT 1;", [("M901", 1), ("M801", 2)]),
        ("-- migrator: ignore M801 no brackets\nSELECT 1;", [("M901", 1), ("M801", 2)]),
        ("-- migrator: ignore[] empty\nSELECT 1;", [("M901", 1), ("M801", 2)]),
        ("SELECT '-- migrator: ignore[M801] in a string';", [("M801", 1)]),
        ("-- migrator: ignore-file[M901] we keep stale ones\n-- migrator: ignore[M802] stale\nSELECT 1;",
         [("M801", 3)]),
    ],
    ids=["unsuppressed", "code-above", "name-above", "alias-above", "family-above", "same-line",
         "inside-multiline-statement", "above-with-other-comments", "block-comment",
         "partly-unused", "blank-line-breaks-attachment", "only-next-statement",
         "trailing-applies-to-its-own-statement", "file-level", "missing-reason", "trailing-marker-not-reason",
         "unused-file-level", "unknown-rule", "malformed", "empty-brackets", "inside-string-literal",
         "file-level-suppresses-tool-finding"],
)
def test_suppressions(sql: str, expected: list[tuple[str, int]]) -> None:
    assert _codes(sql) == expected


def test_suppression_of_a_rule_that_did_not_run_is_not_unused() -> None:
    settings = LintSettings(ignore=("M801",))
    assert _codes("-- migrator: ignore[M801] reviewed\nSELECT 1;", settings) == []


def test_unused_suppression_not_reported_when_m901_is_off() -> None:
    settings = LintSettings(ignore=("M901",))
    assert _codes("-- migrator: ignore[M802] reviewed\nSELECT 1;", settings) == [("M801", 2)]


def test_suppression_count_is_reported() -> None:
    result = lint_migration(analyzed("-- migrator: ignore[M801] ok\nSELECT 1;"), LintSettings(), RULES)
    assert (result.findings, result.suppressed) == ((), 1)


REVISION = '''"""drop a column"""
from alembic import op

revision = "abc123"
down_revision = None


def upgrade():
    op.execute("SELECT 1")
    # migrator: ignore[select-found] reviewed in the design doc
    op.execute("SELECT 2")
    op.execute("SELECT 3")  # migrator: ignore[M999] typo


def downgrade():
    pass
'''


def test_alembic_revision_uses_python_comments(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from migrator.analysis.facts import AnalyzedMigration
    from migrator.sql.parse import parse_source
    from migrator.sql.source import load_sources
    from tests.unit.lint.helpers import default_facts

    path = tmp_path / "abc123_drop.py"
    path.write_text(REVISION)
    migration = parse_source(load_sources([str(path)])[0])
    analyzed_revision = AnalyzedMigration(migration, tuple(default_facts(s) for s in migration.statements))
    result = lint_migration(analyzed_revision, LintSettings(), RULES, strict=True)
    assert [(f.code, f.span.line) for f in result.findings] == [("M801", 9), ("M801", 12), ("M901", 12)]
    assert result.suppressed == 1
