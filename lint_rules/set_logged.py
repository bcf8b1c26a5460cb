'''`SET LOGGED` / `SET UNLOGGED`, which rewrite the table.

## What it does
Flags `ALTER TABLE ... SET LOGGED` and `... SET UNLOGGED` on a table that existed before this
migration.

## Why is this bad?
The table is rewritten under an `ACCESS EXCLUSIVE` lock (reads and writes wait), and going to
`LOGGED` writes the whole table to the WAL, which can flood replicas. An unlogged table is
emptied after a crash and is not replicated.

## Example
```sql
ALTER TABLE events SET LOGGED;  -- error: [set-logged]
```

Use instead: there is no online form. Create a new table with the wanted persistence, copy the
rows in batches and swap the tables:
```sql
CREATE TABLE events_new (LIKE events INCLUDING ALL);
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, payload text);"


@rule(code="M412", name="set-logged", severity=Severity.ERROR, hazards=("TBL002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "SET LOGGED", "SET UNLOGGED"):
        yield ctx.finding(
            stmt,
            f"{action.kind} rewrites `{shape.table}` under {lock_phrase(facts, shape.table)}, blocking {blocked(facts)}"
            + (", and writes the whole table to the WAL" if action.kind == "SET LOGGED" else ""),
            help="Create a new table with the wanted persistence, copy in batches, and swap",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t SET UNLOGGED;", why="new table"),
    Case.fail("ALTER TABLE t SET UNLOGGED;", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t SET LOGGED;", earlier="CREATE UNLOGGED TABLE t (a int);"),
)
