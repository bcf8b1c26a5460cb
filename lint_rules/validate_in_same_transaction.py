'''`VALIDATE CONSTRAINT` in a transaction that already holds a blocking lock.

## What it does
Flags `ALTER TABLE ... VALIDATE CONSTRAINT` (and `ALTER DOMAIN ... VALIDATE CONSTRAINT`) when an
earlier statement of the same transaction block took a lock that blocks reads or writes on a
table that existed before the migration, typically the `ADD CONSTRAINT ... NOT VALID` itself.

## Why is this bad?
`VALIDATE CONSTRAINT` scans the table, which is fine under its own `SHARE UPDATE EXCLUSIVE`
lock. But locks are held until the transaction ends: after `ADD CONSTRAINT ... NOT VALID` the
transaction already holds `ACCESS EXCLUSIVE`, so the whole scan runs with reads and writes
blocked, the very thing `NOT VALID` was meant to avoid.

## Example
```sql
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;  -- error: [validate-in-same-transaction]
COMMIT;
```

Use instead:
```sql
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
COMMIT;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import held_before, is_new, validates
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);"


@rule(code="M202", name="validate-in-same-transaction", severity=Severity.ERROR,
      hazards=("CON003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not validates(stmt) or not ctx.in_transaction(stmt):
        return
    held = {rel: mode for rel, mode in held_before(ctx, stmt).items()
            if (mode.blocks_reads or mode.blocks_writes) and not is_new(ctx, stmt, rel)}
    if not held:
        return
    rel, mode = max(held.items(), key=lambda item: item[1])
    blocked = "reads and writes" if mode.blocks_reads else "writes"
    yield ctx.finding(
        stmt,
        f"This transaction already holds {mode} on `{rel}`: the validation scan runs with {blocked} "
        "blocked until the transaction commits",
        help="COMMIT before VALIDATE CONSTRAINT, so the scan runs under SHARE UPDATE EXCLUSIVE only",
    )


CASES = (
    Case.ok("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT c;",
            earlier="CREATE TABLE t (a int);", why="autocommit: each statement is its own transaction"),
    Case.fail("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT c;",
              earlier="CREATE TABLE t (a int);", assume_in_transaction=True),
    Case.ok("BEGIN; CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID; "
            "ALTER TABLE t VALIDATE CONSTRAINT c; COMMIT;", why="new table"),
)
