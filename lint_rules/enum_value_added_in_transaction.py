'''Enum value added inside a transaction block.

## What it does
Flags `ALTER TYPE ... ADD VALUE` inside a transaction block (explicit `BEGIN`, or a runner
that wraps each file in a transaction) on a type that existed before this migration. It is an
error on versions that reject it; otherwise a warning, made specific when a later statement of
the same transaction uses the new value.

## Why is this bad?
Before PostgreSQL 12 the statement fails inside a transaction block. From 12 it is allowed,
but the new value cannot be used until the transaction commits: a later statement in the same
transaction that inserts or compares the value fails with `unsafe use of new value`.

## Example
```sql norun
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';  -- error: [enum-value-added-in-transaction]
UPDATE orders SET status = 'refunded' WHERE id = 1;
COMMIT;
```

Use instead: add the value in its own migration (or outside the transaction), and give
`BEFORE`/`AFTER` when the order of the values matters:
```sql
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';
```

## PostgreSQL versions
PostgreSQL 12 allows `ADD VALUE` inside a transaction block (all supported versions), but the
value is usable only after commit.
'''

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from lint_rules._syntax import action_nodes, altered_name, created_in_migration
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql import nodes
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = ("CREATE TYPE order_status AS ENUM ('new', 'paid'); "
             "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status);")


@rule(code="M417", name="enum-value-added-in-transaction", severity=Severity.WARNING,
      aliases=("ban-add-enum-value", "require-enum-value-ordering"), hazards=("TBL008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    added = next((a for a in action_nodes(stmt) if isinstance(a, nodes.AlterTypeAddValue)), None)
    if stmt.kind is not StatementKind.ALTER_TYPE or added is None:
        return
    if not ctx.in_transaction(stmt):
        return
    name = altered_name(stmt)
    if created_in_migration(ctx, stmt, name):
        return
    if not ctx.caps.enum_add_value_in_transaction:
        yield ctx.finding(stmt, "ALTER TYPE ... ADD VALUE cannot run inside a transaction block on this version",
                          help="Run it outside a transaction block, in its own migration")
        return
    label = added.this.this if isinstance(added.this, exp.Literal) else ""
    value = "'" + str(label).replace("'", "''") + "'" if label else ""
    users = [s for s in ctx.transaction_of(stmt) if s.index > stmt.index and value and value in s.sql]
    if users:
        message = (f"The new value {value} is used later in the same transaction, which fails: a new enum "
                   "value cannot be used before the transaction that adds it commits")
    else:
        message = (f"The new value {value} cannot be used until this transaction commits; any later use in "
                   "the same transaction fails")
    yield ctx.finding(stmt, message, help="Add the enum value in its own migration, outside a transaction block")


CASES = (
    Case.ok("ALTER TYPE mood ADD VALUE 'meh';", earlier="CREATE TYPE mood AS ENUM ('ok');",
            why="autocommit"),
    Case.fail("BEGIN; ALTER TYPE mood ADD VALUE 'meh'; COMMIT;", earlier="CREATE TYPE mood AS ENUM ('ok');"),
    Case.ok("BEGIN; CREATE TYPE mood AS ENUM ('ok'); ALTER TYPE mood ADD VALUE 'meh'; COMMIT;",
            why="new type"),
)
