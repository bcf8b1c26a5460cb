'''Index dropped before its replacement is built.

## What it does
Flags `DROP INDEX` of an index on an existing table when the same migration later creates an
index with the same name or on the same table.

## Why is this bad?
Between the drop and the end of the new build, queries that used the old index have none:
they fall back to sequential scans on a table large enough to need an index, for as long as the
new build takes.

## Example
```sql
DROP INDEX CONCURRENTLY ix_users_email;  -- error: [index-dropped-before-replacement]
CREATE INDEX CONCURRENTLY ix_users_email_lower ON users (lower(email));
```

Use instead:
```sql
CREATE INDEX CONCURRENTLY ix_users_email_lower ON users (lower(email));
DROP INDEX CONCURRENTLY ix_users_email;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import (
    CreateIndex,
    create_index,
    drop_index,
    existing,
    per_migration,
    same_relation,
)
from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX ix_users_email ON users (email);"


def _index_builds(ctx: LintContext) -> list[tuple[int, CreateIndex]]:
    return [(s.index, built) for s in ctx.statements if (built := create_index(s)) is not None]


@rule(code="M110", name="index-dropped-before-replacement", severity=Severity.WARNING,
      hazards=("IDX011",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = drop_index(stmt)
    if shape is None or not existing(facts):
        return
    tables = [lock.relation for lock in facts.locks
              if not lock.new and lock.kind in (RelationKind.TABLE, RelationKind.PARTITIONED_TABLE,
                                                RelationKind.MATERIALIZED_VIEW)]
    builds: list[tuple[int, CreateIndex]] = per_migration(ctx, "index-builds", _index_builds)
    for index, built in builds:
        if index <= stmt.index:
            continue
        if any(same_relation(built.name, n) for n in shape.names) or any(
                same_relation(built.table, t) for t in tables):
            yield ctx.finding(
                stmt,
                f"The index is dropped before its replacement `{built.name or 'index'}` is built: queries "
                "that used it fall back to sequential scans until the new build ends",
                help="Build the new index first (CONCURRENTLY), then drop the old one",
            )
            return


CASES = (
    Case.ok("CREATE INDEX CONCURRENTLY j ON t (b); DROP INDEX CONCURRENTLY i;",
            earlier="CREATE TABLE t (a int, b int); CREATE INDEX i ON t (a);"),
    Case.fail("DROP INDEX CONCURRENTLY i; CREATE INDEX CONCURRENTLY i ON t (a, b);",
              earlier="CREATE TABLE t (a int, b int); CREATE INDEX i ON t (a);"),
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a); DROP INDEX i; CREATE INDEX j ON t (a);",
            why="new table"),
)
