'''Concurrent index build on PostgreSQL 14, whose early minor releases could corrupt the index.

## What it does
Flags `CREATE INDEX CONCURRENTLY` and `REINDEX ... CONCURRENTLY` when the target is
PostgreSQL 14. The target is a major version, so migrator cannot tell 14.3 from 14.4: the
finding asks you to make sure the server runs 14.4 or later.

## Why is this bad?
PostgreSQL 14.0 to 14.3 had a bug in which a concurrent index build or rebuild could miss rows
that were updated during the build, silently producing a corrupt index (queries return wrong
results). 14.4 fixed it; indexes built concurrently on 14.0–14.3 must be rebuilt.

## Example
```sql pg==14
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);  -- error: [concurrent-index-corruption-pg14]
```

Use instead: run the same statement on PostgreSQL 14.4 or later (`SHOW server_version;`), and
suppress the finding with the reason, or target the version you actually run.
```sql pg>=15
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
```

## PostgreSQL versions
Only a target of 14 (the bug is in minor releases 14.0–14.3).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import concurrent, existing
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M107", name="concurrent-index-corruption-pg14", severity=Severity.WARNING,
      aliases=("add_index_corruption",), hazards=("IDX008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not getattr(ctx.caps, "concurrent_index_corruption_minors", False) or not existing(facts):
        return  # (a table created in this migration has no concurrent writers during the build)
    if stmt.kind not in (StatementKind.CREATE_INDEX, StatementKind.REINDEX) or not concurrent(stmt):
        return
    yield ctx.finding(
        stmt,
        "On PostgreSQL 14.0-14.3 a concurrent index build can silently miss rows and corrupt the "
        "index; the target is 14, so the minor release decides",
        help="Make sure the server runs PostgreSQL 14.4 or later (`SHOW server_version`)",
    )


CASES = (
    Case.fail("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);", pg=(14,)),
    Case.fail("REINDEX INDEX CONCURRENTLY i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              pg=(14,)),
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);",
            pg=(12, 13, 15, 16, 17, 18)),
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a);", pg=(14,),
            why="a plain build is not affected"),
)
