'''Stored generated column added to an existing table.

## What it does
Flags `ALTER TABLE ... ADD COLUMN ... GENERATED ALWAYS AS (...) STORED` on an existing table
(when the analysis finds that it rewrites the table).

## Why is this bad?
PostgreSQL computes and stores the value for every existing row: the table and its indexes
are rewritten under an `ACCESS EXCLUSIVE` lock, blocking reads and writes.

## Example
```sql
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED;  -- error: [stored-generated-column]
```

Use instead: a plain column filled by a trigger and a batched backfill, or on PostgreSQL 18 a
virtual generated column (computed when read, no rewrite):
```sql pg>=18
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) VIRTUAL;
```

## PostgreSQL versions
PostgreSQL 18 adds `VIRTUAL` generated columns (the default kind there), which do not rewrite.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);"


@rule(code="M304", name="stored-generated-column", severity=Severity.ERROR, hazards=("COL005",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts) or not facts.rewrite:
        return
    for action in actions(stmt, "ADD COLUMN"):
        col = action.column_def
        if col is None or not (col.generated_stored or col.generated_virtual):
            continue
        remedy = "add a plain column filled by a trigger and a batched backfill"
        remedy = f"Use a VIRTUAL generated column, or {remedy}" if ctx.caps.virtual_generated_columns \
            else remedy.capitalize()
        yield ctx.finding(
            stmt,
            f"Adding stored generated column {col.name} computes it for every row: `{shape.table}` and its "
            f"indexes are rewritten under {lock_phrase(facts, shape.table)}, blocking {blocked(facts)}",
            help=remedy,
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a + 1) STORED;",
            why="new table"),
    Case.fail("ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a + 1) STORED;",
              earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a + 1) VIRTUAL;",
            earlier="CREATE TABLE t (a int);", pg=(18,), why="PG 18 virtual: no rewrite"),
)
