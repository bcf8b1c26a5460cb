'''Column renamed.

## What it does
Flags `ALTER TABLE ... RENAME COLUMN a TO b` on a table that existed before this migration.

## Why is this bad?
The rename is instant, but the application version still running uses the old name: its
queries fail from the moment the migration commits until the new code is deployed everywhere.

## Example
```sql
ALTER TABLE users RENAME COLUMN name TO full_name;  -- error: [rename-column]
```

Use instead: keep the database name and rename only in the ORM (`db_column`,
`alias_attribute`), or add the new column, write both, backfill, switch reads, then drop the
old one:
```sql
ALTER TABLE users ADD COLUMN full_name text;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, column_added_in_migration, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, name text);"


@rule(code="M404", name="rename-column", severity=Severity.ERROR, aliases=("renaming-column",),
      hazards=("CMP004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "RENAME COLUMN"):
        if column_added_in_migration(ctx, stmt, shape.table, action.column):
            continue  # added by this migration: no running code uses it yet
        yield ctx.finding(
            stmt,
            f"Renaming column {action.column} of `{shape.table}` breaks the running application's queries "
            "that use the old name",
            help="Rename in the ORM only, or add a new column, dual-write, backfill, switch, then drop the old one",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t RENAME COLUMN a TO b;", why="new table"),
    Case.fail("ALTER TABLE t RENAME COLUMN a TO b;", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t RENAME a TO b;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN c int; ALTER TABLE t RENAME COLUMN c TO d;", earlier="CREATE TABLE t (a int);",
            why="a column added by this migration"),
)
