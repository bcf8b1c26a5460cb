'''`VACUUM FULL` or `CLUSTER`, which rewrite the table under an exclusive lock.

## What it does
Flags `VACUUM FULL` and `CLUSTER` in a migration.

## Why is this bad?
Both rewrite the whole table and its indexes while holding `ACCESS EXCLUSIVE`: reads and
writes wait for the whole rewrite, which grows with the table. `VACUUM` also cannot run inside a
transaction block.

## Example
```sql
VACUUM FULL users;  -- error: [vacuum-full-or-cluster]
```

Use instead: `pg_repack` (online), or on PostgreSQL 19 and later `REPACK (CONCURRENTLY)`; a
plain `VACUUM` reclaims space for reuse without blocking:
```sql
VACUUM (ANALYZE) users;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX ix_users_email ON users (email);"


@rule(code="M411", name="vacuum-full-or-cluster", severity=Severity.ERROR,
      aliases=("prefer-repack", "vacuum-full", "cluster"), hazards=("TBL001",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    full = stmt.kind is StatementKind.VACUUM and stmt.ast is not None and bool(stmt.ast.args.get("full"))
    if not full and stmt.kind is not StatementKind.CLUSTER:
        return
    if facts.tables and all(is_new(ctx, stmt, t) for t in facts.tables):
        return
    what = "VACUUM FULL" if full else "CLUSTER"
    yield ctx.finding(
        stmt,
        f"{what} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, blocking reads and "
        "writes for the whole rewrite",
        help="Use pg_repack (or REPACK CONCURRENTLY on PostgreSQL 19+), or a plain VACUUM",
    )


CASES = (
    Case.fail("VACUUM FULL t;", earlier="CREATE TABLE t (a int);"),
    Case.fail("CLUSTER t USING i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
    Case.ok("VACUUM (ANALYZE) t;", earlier="CREATE TABLE t (a int);"),
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a); CLUSTER t USING i;", why="new table"),
)
