"""The tool's own rules on inputs the rule CASES cannot express (Alembic revisions)."""

from __future__ import annotations

from pathlib import Path

from migrator.analysis.facts import AnalyzedMigration
from migrator.config import LintSettings
from migrator.lint.registry import all_rules
from migrator.lint.runner import lint_migration
from migrator.sql.parse import parse_source
from migrator.sql.source import load_sources
from tests.unit.lint.helpers import default_facts

QUERYING_REVISION = '''"""reads data"""
from alembic import op
import sqlalchemy as sa

revision = "abc123"
down_revision = None


def upgrade():
    rows = op.get_bind().execute(sa.text("SELECT id FROM users")).fetchall()
    for row in rows:
        op.execute(f"UPDATE users SET a = 1 WHERE id = {row.id}")


def downgrade():
    pass
'''


def test_revision_that_cannot_be_rendered_gets_one_clear_unknown_finding(tmp_path: Path) -> None:
    path = tmp_path / "abc123_reads.py"
    path.write_text(QUERYING_REVISION)
    migration = parse_source(load_sources([str(path)])[0])
    analyzed = AnalyzedMigration(migration, tuple(default_facts(s) for s in migration.statements))
    findings = lint_migration(analyzed, LintSettings(select=("M9",)), all_rules(), strict=True).findings
    assert [(f.code, f.span.line) for f in findings] == [("M900", 10)]
    assert "cannot be rendered offline" in findings[0].message
