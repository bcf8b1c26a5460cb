'''`REINDEX` without `CONCURRENTLY`.

## What it does
Flags `REINDEX INDEX/TABLE/SCHEMA/DATABASE` without `CONCURRENTLY` on relations that existed
before this migration.

## Why is this bad?
A plain `REINDEX` holds a `SHARE` lock on the table (writes wait) and an `ACCESS EXCLUSIVE`
lock on each index it rebuilds, so reads that would use the index wait too, for the whole
rebuild.

## Example
```sql
REINDEX INDEX ix_users_email;  -- error: [reindex-without-concurrently]
```

Use instead:
```sql
REINDEX INDEX CONCURRENTLY ix_users_email;
```

## Fix safety
Unsafe: `REINDEX CONCURRENTLY` cannot run inside a transaction block (the fix is not offered
there), and a failed concurrent rebuild leaves an extra `INVALID` index (`*_ccnew`).

## PostgreSQL versions
`REINDEX CONCURRENTLY` exists from PostgreSQL 12: every supported version.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import concurrent, edit, existing, scan
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX ix_users_email ON users (email);"


@rule(code="M106", name="reindex-without-concurrently", severity=Severity.ERROR,
      aliases=("require-concurrent-reindex",), hazards=("IDX007",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.REINDEX or concurrent(stmt) or not existing(facts):
        return
    what = str(stmt.ast.args.get("kind") or "").upper() if stmt.ast is not None else ""
    toks = scan(stmt.sql)  # to place the fix after the object word
    target = next((t for t in toks if t.up == what), None)
    fix = None
    if target is not None and what in ("INDEX", "TABLE", "SCHEMA") and ctx.caps.reindex_concurrently \
            and not ctx.in_transaction(stmt):
        fix = Fix.unsafe("Add `CONCURRENTLY`", *filter(None, [edit(ctx, stmt, target, " CONCURRENTLY")]))
    yield ctx.finding(
        stmt,
        "REINDEX without CONCURRENTLY takes a SHARE lock on the table and an ACCESS EXCLUSIVE lock "
        "on each index, blocking writes and the reads that use the index for the whole rebuild",
        help="Use `REINDEX ... CONCURRENTLY` outside a transaction block",
        fix=fix,
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a); REINDEX INDEX i;", why="new table"),
    Case.ok("REINDEX TABLE CONCURRENTLY t;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
    Case.fail("REINDEX TABLE t;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              fixed="REINDEX TABLE CONCURRENTLY t;"),
    Case.fail("REINDEX (VERBOSE) INDEX i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              fixed="REINDEX (VERBOSE) INDEX CONCURRENTLY i;"),
)
