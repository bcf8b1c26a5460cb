'''Index dropped without `CONCURRENTLY`.

## What it does
Flags `DROP INDEX` without `CONCURRENTLY` on an index of a table that existed before this
migration.

## Why is this bad?
`DROP INDEX` takes an `ACCESS EXCLUSIVE` lock on the index's table: while it waits for running
queries to finish, every read and write of the table queues behind it.

## Example
```sql
DROP INDEX ix_users_email;  -- error: [drop-index-without-concurrently]
```

Use instead:
```sql
DROP INDEX CONCURRENTLY IF EXISTS ix_users_email;
```

## Fix safety
Unsafe: `DROP INDEX CONCURRENTLY` cannot run inside a transaction block (the fix is not offered
there), cannot drop several indexes or use `CASCADE`, and cannot drop an index of a
partitioned table.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import blocked, drop_index, edit, existing, lock_phrase
from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX ix_users_email ON users (email);"


@rule(code="M105", name="drop-index-without-concurrently", severity=Severity.ERROR,
      aliases=("require-concurrent-index-deletion",), hazards=("IDX006",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = drop_index(stmt)
    if shape is None or shape.concurrently or not existing(facts):
        return
    partitioned = any(lock.kind == RelationKind.PARTITIONED_TABLE and not lock.new for lock in facts.locks)
    fix = None
    if not ctx.in_transaction(stmt) and len(shape.names) == 1 and not shape.cascade and not partitioned:
        fix = Fix.unsafe("Add `CONCURRENTLY`", *filter(None, [edit(ctx, stmt, shape.index_tok, " CONCURRENTLY")]))
    tables = ", ".join(f"`{lock.relation}`" for lock in facts.locks
                       if not lock.new and lock.kind != RelationKind.INDEX) or "its table"
    yield ctx.finding(
        stmt,
        f"Dropping an index without CONCURRENTLY takes {lock_phrase(facts)} on {tables}, "
        f"blocking {blocked(facts)} while it waits and runs",
        help="Use `DROP INDEX CONCURRENTLY IF EXISTS` outside a transaction block",
        fix=fix,
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a); DROP INDEX i;", why="new table"),
    Case.ok("DROP INDEX CONCURRENTLY IF EXISTS i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
    Case.fail("DROP INDEX IF EXISTS i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              fixed="DROP INDEX CONCURRENTLY IF EXISTS i;"),
    Case.fail("DROP INDEX p_a;",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE INDEX p_a ON p (a);",
              why="an index of a partitioned table cannot be dropped CONCURRENTLY: no fix"),
    Case.fail("BEGIN; DROP INDEX i; COMMIT;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              why="in a transaction block: no fix"),
)
