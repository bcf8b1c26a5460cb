'''`DROP NOT NULL` on an existing column.

## What it does
Flags `ALTER TABLE ... ALTER COLUMN c DROP NOT NULL` on a table that existed before this
migration.

## Why is this bad?
The change is instant, but it breaks a promise readers rely on: code still running (and
reports, exports, other services) may not expect `NULL` in the column and fail on the first one.

## Example
```sql
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;  -- error: [drop-not-null]
```

Use instead: first deploy readers that handle `NULL`, then drop the constraint (and suppress
this finding with that reason):
```sql
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;  -- migrator: ignore[drop-not-null] readers handle NULL since v42
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

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"


@rule(code="M310", name="drop-not-null", severity=Severity.WARNING, aliases=("ban-drop-not-null",),
      hazards=("NUL002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "DROP NOT NULL"):
        if column_added_in_migration(ctx, stmt, shape.table, action.column):
            continue  # added by this migration: no running code uses it yet
        yield ctx.finding(
            stmt,
            f"Column {action.column} of `{shape.table}` may now hold NULL: running code that assumes it never "
            "does can break",
            help="Deploy readers that handle NULL before dropping NOT NULL",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int NOT NULL); ALTER TABLE t ALTER COLUMN a DROP NOT NULL;", why="new table"),
    Case.fail("ALTER TABLE t ALTER COLUMN a DROP NOT NULL;", earlier="CREATE TABLE t (a int NOT NULL);"),
    Case.ok("ALTER TABLE t ALTER COLUMN a SET DEFAULT 0;", earlier="CREATE TABLE t (a int NOT NULL);"),
    Case.ok("ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0; ALTER TABLE t ALTER COLUMN b DROP NOT NULL;",
            earlier="CREATE TABLE t (a int);", why="a column added by this migration: no reader relies on it"),
)
