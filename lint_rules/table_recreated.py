'''Table dropped and created again in the same migration.

## What it does
Flags `CREATE TABLE t` when an earlier statement of the same migration ran `DROP TABLE [IF
EXISTS] t` (the SQL that Rails' `create_table ..., force: true` produces).

## Why is this bad?
The pattern silently destroys the table's data whenever the migration runs against a database
where the table already exists (a rerun, a partially applied deploy, a shared environment),
and it takes `ACCESS EXCLUSIVE` on the old table.

## Example
```sql
DROP TABLE IF EXISTS settings;
CREATE TABLE settings (key text PRIMARY KEY, value text);  -- error: [table-recreated]
```

Use instead:
```sql
CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text);
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import create_table, dropped_names, is_new, per_migration, same_relation
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind


def _all_dropped(ctx: LintContext) -> list[tuple[Statement, str]]:
    return [(s, name) for s in ctx.statements if s.kind is StatementKind.DROP_TABLE for name in dropped_names(s)]


@rule(code="M410", name="table-recreated", severity=Severity.ERROR, aliases=("create_table",),
      hazards=("CMP010",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = create_table(stmt)
    if shape is None or not shape.table:
        return
    dropped: list[tuple[Statement, str]] = per_migration(ctx, "dropped-tables", _all_dropped)
    for earlier, name in dropped:
        if earlier.index < stmt.index and same_relation(name, shape.table):
            if is_new(ctx, earlier, shape.table):
                return  # created earlier in this file, then dropped: no data to lose
            yield ctx.finding(
                stmt,
                f"`{shape.table}` is dropped and created again: any existing rows are destroyed whenever "
                "this migration runs where the table exists",
                help="Create the table once (`CREATE TABLE IF NOT EXISTS`), without dropping it first",
            )
            return


CASES = (
    Case.fail("DROP TABLE IF EXISTS t; CREATE TABLE t (a int);"),
    Case.ok("CREATE TABLE IF NOT EXISTS t (a int);"),
    Case.ok("CREATE TABLE t (a int); CREATE TABLE u (a int);"),
    Case.ok("CREATE TABLE t (a int); DROP TABLE t; CREATE TABLE t (b int);",
            why="the dropped table was created in this migration: nothing to lose"),
)
