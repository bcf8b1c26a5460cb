"""A lint report built without the analysis engine (hand-made facts), for renderer tests."""

from __future__ import annotations

from migrator.analysis.facts import Facts, Lock, Risk
from migrator.analysis.locks import LockMode
from migrator.api.lint import LintReport
from migrator.config import LintSettings
from migrator.lint.baseline import fingerprints
from migrator.lint.model import Fix
from migrator.lint.runner import LintResult, lint_migration
from migrator.sql.statement import Statement
from tests.unit.lint.helpers import analyzed, make_rule_module, rule_set


def _index_check(stmt, facts, ctx):  # type: ignore[no-untyped-def]
    if stmt.sql.upper().startswith("CREATE INDEX") and "CONCURRENTLY" not in stmt.sql.upper():
        yield ctx.finding(stmt, "Building an index without CONCURRENTLY blocks writes, \"100%\"",
                          help="Use CREATE INDEX CONCURRENTLY",
                          fix=Fix.unsafe("Add CONCURRENTLY", ctx.keyword_edit_after(stmt, "INDEX", " CONCURRENTLY")))


def _update_check(stmt, facts, ctx):  # type: ignore[no-untyped-def]
    if stmt.sql.upper().startswith("UPDATE"):
        yield ctx.finding(stmt, "Large update: one long transaction,\nmany row locks")


def _facts(stmt: Statement) -> Facts:
    if stmt.sql.upper().startswith("CREATE INDEX"):
        return Facts(stmt.index, ("public.users",), (Lock("public.users", LockMode.SHARE),), LockMode.SHARE,
                     scan=True, blocks_writes=True, risk=Risk.DANGEROUS, reasons=("builds an index",))
    return Facts(stmt.index, risk=Risk.SAFE if stmt.understood else Risk.UNKNOWN)


RULES = rule_set(make_rule_module("index-without-concurrently", "M101", _index_check),
                 make_rule_module("large-update", "M601", _update_check, severity="warning"))

SQL_A = "-- add an index\nCREATE INDEX ix_users_email ON users (email);\nUPDATE users SET a = 1;\n"
SQL_B = "CREATE TABLE ok (id int);\n"


def sample_report(path_a: str = "db/001 add index.sql", path_b: str = "db/002.sql") -> LintReport:
    files = []
    for path, sql in ((path_a, SQL_A), (path_b, SQL_B)):
        files.append(lint_migration(analyzed(sql, path=path, facts_for=_facts), LintSettings(), RULES))
    result = LintResult(tuple(files))
    prints = tuple(fingerprints(f.findings, f.source, f.statements_sql) for f in result.files)
    return LintReport(result, RULES, prints, fixable_unsafe=1)
