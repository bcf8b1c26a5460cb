"""Helpers that lint SQL strings end to end, for rule tests and the rule-example harness.

Example:
    >>> from migrator.lint.testing import lint_sql
    >>> [f.code for f in lint_sql("ALTER TABLE t FROB c;", earlier="CREATE TABLE t (c int);")]  # doctest: +SKIP
    ['M900']
"""

from __future__ import annotations

from collections.abc import Sequence

from migrator.analysis.facts import AnalyzedMigration
from migrator.config import LintSettings
from migrator.lint.fixes import apply_fixes
from migrator.lint.model import Finding
from migrator.lint.registry import RuleSet
from migrator.lint.runner import lint_migration
from migrator.sql.source import Source


def analyze_sql(sql: str, *, earlier: str = "", pg: int = 16, assume_in_transaction: bool = False,
                path: str = "migration.sql") -> AnalyzedMigration:
    """Parse and analyse `sql` as one migration file, after `earlier` as a previous file."""
    from migrator.analysis.analyze import analyze
    from migrator.sql.parse import parse_source

    migrations = []
    if earlier:
        migrations.append(parse_source(Source("earlier.sql", earlier)))
    migrations.append(parse_source(Source(path, sql), assume_in_transaction=assume_in_transaction))
    return analyze(migrations, pg_version=pg)[-1]


def lint_sql(sql: str, *, earlier: str = "", pg: int = 16, assume_in_transaction: bool = False,
             select: Sequence[str] | None = None, ignore: Sequence[str] = (),
             rules: RuleSet | None = None, strict: bool = True, preview: bool = True) -> tuple[Finding, ...]:
    """Findings of `sql` (all rules unless `select`, preview rules included unless
    `preview=False`), rule crashes raised when `strict`."""
    analyzed = analyze_sql(sql, earlier=earlier, pg=pg, assume_in_transaction=assume_in_transaction)
    settings = LintSettings(pg_version=pg, select=tuple(select or ("ALL",)), ignore=tuple(ignore),
                            assume_in_transaction=assume_in_transaction, preview=preview)
    return lint_migration(analyzed, settings, rules, strict=strict).findings


def fix_sql(sql: str, findings: Sequence[Finding], *, unsafe: bool = True) -> str:
    """`sql` with the fixes of `findings` applied (safe, and unsafe unless `unsafe=False`)."""
    return apply_fixes(sql, findings, unsafe=unsafe).text
