'''Rewrite or scan while the transaction already holds a blocking lock.

## What it does
Flags a statement that rewrites or scans a table when an earlier statement of the same
transaction block already took `ACCESS EXCLUSIVE` or `SHARE ROW EXCLUSIVE` on a relation that
existed before this migration.

## Why is this bad?
The earlier lock is held until commit, so the whole rewrite or scan (even one that would
otherwise block nothing, like `VALIDATE CONSTRAINT`) runs while reads or writes of that
table are blocked, and the blocked time adds up across statements.

## Example
```sql
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;  -- error: [rewrite-under-held-lock]
COMMIT;
```

Use instead: run the heavy statement in its own transaction:
```sql
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
ALTER TABLE orders ADD COLUMN quantity_new bigint;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import existing, held_before, is_new, validates
from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = ("CREATE TABLE users (id bigint PRIMARY KEY, email text); "
             "CREATE TABLE orders (id bigint PRIMARY KEY, quantity int);")


@rule(code="M504", name="rewrite-under-held-lock", severity=Severity.ERROR, hazards=("TXN005",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not (facts.rewrite or facts.scan) or not ctx.in_transaction(stmt) or not existing(facts):
        return
    if validates(stmt):
        return  # validate-in-same-transaction reports this case with its own advice
    held = {rel: mode for rel, mode in held_before(ctx, stmt).items()
            if mode in (LockMode.ACCESS_EXCLUSIVE, LockMode.SHARE_ROW_EXCLUSIVE) and not is_new(ctx, stmt, rel)}
    if not held:
        return
    rel, mode = max(held.items(), key=lambda item: item[1])
    yield ctx.finding(
        stmt,
        f"This statement {'rewrites' if facts.rewrite else 'scans'} {', '.join(f'`{t}`' for t in facts.tables) or 'a table'} "
        f"while the transaction holds {mode} "
        f"on `{rel}`: {'reads and writes' if mode.blocks_reads else 'writes'} of `{rel}` stay blocked for the whole run",
        help="Run the rewrite or scan in its own transaction",
    )


CASES = (
    Case.ok("ALTER TABLE t ADD COLUMN b int; ALTER TABLE u ALTER COLUMN a TYPE bigint;",
            earlier="CREATE TABLE t (a int); CREATE TABLE u (a int);", why="autocommit"),
    Case.fail("BEGIN; ALTER TABLE t ADD COLUMN b int; ALTER TABLE u ALTER COLUMN a TYPE bigint; COMMIT;",
              earlier="CREATE TABLE t (a int); CREATE TABLE u (a int);"),
    Case.ok("BEGIN; CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int; ALTER TABLE t ALTER COLUMN a TYPE bigint; COMMIT;",
            why="new table"),
)
