'''Column dropped from an existing table.

## What it does
Flags `ALTER TABLE ... DROP COLUMN` on a table that existed before this migration.

## Why is this bad?
The application version still running reads and writes the column: its queries fail as soon
as the column is gone (ORMs often select every column by name). The data is lost, and indexes
and constraints that use the column are dropped with it.

## Example
```sql
ALTER TABLE users DROP COLUMN legacy_name;  -- error: [drop-column]
```

Use instead: stop reading and writing the column first (Rails `ignored_columns`, Django
`SeparateDatabaseAndState`), deploy, then drop it in a later migration (suppress this finding
with that reason):
```sql
ALTER TABLE users DROP COLUMN IF EXISTS legacy_name;  -- migrator: ignore[drop-column] unused since release 42
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

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, legacy_name text);"


@rule(code="M401", name="drop-column", severity=Severity.ERROR,
      aliases=("ban-drop-column", "remove_column"), hazards=("CMP001",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "DROP COLUMN"):
        if column_added_in_migration(ctx, stmt, shape.table, action.column):
            continue  # added by this migration: no running code uses it yet
        yield ctx.finding(
            stmt,
            f"Dropping column {action.column} breaks the running application's queries on `{shape.table}` "
            "and loses its data (and its indexes and constraints)",
            help="Stop using the column in code, deploy, then drop it in a later migration",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int, b int); ALTER TABLE t DROP COLUMN b;", why="new table"),
    Case.fail("ALTER TABLE t DROP COLUMN b;", earlier="CREATE TABLE t (a int, b int);"),
    Case.ok("ALTER TABLE t ADD COLUMN c int; ALTER TABLE t DROP COLUMN c;", earlier="CREATE TABLE t (a int);",
            why="a column added by this migration"),
    Case.fail("ALTER TABLE t DROP COLUMN IF EXISTS b CASCADE;", earlier="CREATE TABLE t (a int, b int);"),
)
