'''A statement that cannot run inside a transaction block runs inside one.

## What it does
Flags `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY`,
`ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY` and any other statement PostgreSQL refuses
inside a transaction block (`VACUUM`, `CREATE DATABASE`, ...) when it runs inside one: after an
explicit `BEGIN`, or in a file the migration runner wraps in a transaction
(`assume_in_transaction`, Alembic's per-migration transaction).

## Why is this bad?
PostgreSQL rejects the statement at run time (`cannot run inside a transaction block`), so the
migration fails halfway: whatever ran before it in the same transaction is rolled back, and in
autocommit runners the earlier statements stay applied.

## Example
```sql norun
BEGIN;
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);  -- error: [concurrently-in-transaction]
COMMIT;
```

Use instead:
```sql
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
```
Run it outside any transaction block: Alembic `with op.get_context().autocommit_block():`,
Django `atomic = False`, Rails `disable_ddl_transaction!`, Atlas `-- atlas:txmode none`.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import concurrent, words
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"

_CONCURRENT_KINDS = frozenset({StatementKind.CREATE_INDEX, StatementKind.DROP_INDEX,
                               StatementKind.REINDEX, StatementKind.ALTER_TABLE})


def _concurrent(stmt: Statement) -> bool:
    """CONCURRENTLY forms PostgreSQL rejects in a transaction block (REFRESH … CONCURRENTLY is allowed)."""
    return stmt.kind in _CONCURRENT_KINDS and concurrent(stmt)
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M102", name="concurrently-in-transaction", severity=Severity.ERROR,
      aliases=("ban-concurrent-index-creation-in-transaction",), hazards=("IDX002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not ctx.in_transaction(stmt):
        return
    if not _concurrent(stmt) and facts.transactional:
        return
    if stmt.kind in (StatementKind.BEGIN, StatementKind.COMMIT, StatementKind.ROLLBACK):
        return
    what = " ".join(words(stmt)[:3])
    yield ctx.finding(
        stmt,
        f"`{what} ...` cannot run inside a transaction block: PostgreSQL rejects it and the "
        "migration fails at this statement",
        help="Run this statement outside a transaction block (its own migration, or the "
             "runner's autocommit mode)",
    )


CASES = (
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);",
            why="autocommit: allowed"),
    Case.fail("BEGIN; CREATE TABLE t (a int); CREATE INDEX CONCURRENTLY i ON t (a); COMMIT;",
              why="even on a new table, PostgreSQL rejects CONCURRENTLY in a block"),
    Case.fail("DROP INDEX CONCURRENTLY i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              assume_in_transaction=True, why="the runner wraps the file in a transaction"),
    Case.fail("BEGIN; REINDEX INDEX CONCURRENTLY i; COMMIT;",
              earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
    Case.ok("BEGIN; REFRESH MATERIALIZED VIEW CONCURRENTLY mv; COMMIT;",
            earlier="CREATE TABLE t (a int); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; "
                    "CREATE UNIQUE INDEX mv_a ON mv (a);",
            why="REFRESH ... CONCURRENTLY is allowed in a transaction block"),
    Case.ok("BEGIN; CREATE TABLE t (a int); CREATE INDEX i ON t (a); COMMIT;",
            why="a plain index on a new table in a transaction is fine"),
)
