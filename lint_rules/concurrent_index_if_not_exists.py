'''A concurrent index build whose failure leaves an `INVALID` index that a rerun keeps.

## What it does
Flags `CREATE INDEX CONCURRENTLY IF NOT EXISTS` on a table that existed before this migration
when the migration does not first drop a leftover index of the same name.

## Why is this bad?
A `CREATE INDEX CONCURRENTLY` that fails (a deadlock, a duplicate key, a timeout, a cancelled
deploy) leaves an `INVALID` index behind. It is not used by queries but is still maintained on
every write. A rerun with `IF NOT EXISTS` sees the name, "succeeds" and keeps the broken index.

## Example
```sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);  -- error: [concurrent-index-if-not-exists]
```

Use instead:
```sql
DROP INDEX CONCURRENTLY IF EXISTS ix_users_email;
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
```
Or check `pg_index.indisvalid` after the build, and `REINDEX INDEX CONCURRENTLY` an invalid index.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import create_index, existing, index_dropped_before, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M103", name="concurrent-index-if-not-exists", severity=Severity.WARNING,
      aliases=("remove-invalid-indexes",), hazards=("IDX003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = create_index(stmt)
    if shape is None or not shape.concurrently or not shape.if_not_exists or not shape.name:
        return
    if is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    if index_dropped_before(ctx, stmt, shape.name):
        return
    yield ctx.finding(
        stmt,
        f"If this concurrent build fails it leaves `{shape.name}` INVALID, and a rerun with "
        "IF NOT EXISTS keeps the invalid index",
        help=f"Drop a leftover first (`DROP INDEX CONCURRENTLY IF EXISTS {shape.name};`), or check "
             "`pg_index.indisvalid` after the build",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);",
            why="a new table: the build cannot be half-done from an earlier run"),
    Case.ok("DROP INDEX CONCURRENTLY IF EXISTS i; CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);",
            earlier="CREATE TABLE t (a int);"),
    Case.fail("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);", earlier="CREATE TABLE t (a int);"),
)
