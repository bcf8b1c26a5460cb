'''`NOT NULL` column added without a default.

## What it does
Flags `ALTER TABLE ... ADD COLUMN ... NOT NULL` without a `DEFAULT` (and not an identity,
serial or generated column) on a table that existed before this migration.

## Why is this bad?
Existing rows would get `NULL`, so the statement fails on any non-empty table (`column ...
contains null values`). Even where it succeeds, the application version still running does
not write the new column, so its `INSERT`s fail.

## Example
```sql
ALTER TABLE users ADD COLUMN plan text NOT NULL;  -- error: [required-column-without-default]
```

Use instead:
```sql
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
```
or add the column nullable, backfill it, and then set it `NOT NULL` (see `set-not-null`).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M302", name="required-column-without-default", severity=Severity.ERROR,
      aliases=("adding-required-field",), hazards=("COL003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "ADD COLUMN"):
        col = action.column_def
        if col is None or not col.not_null or col.has_default or col.identity:
            continue
        if col.generated_stored or col.generated_virtual or col.base_type.startswith("serial"):
            continue
        yield ctx.finding(
            stmt,
            f"Adding NOT NULL column {col.name} without a default fails on a non-empty `{shape.table}`, and "
            "INSERTs from the running application version fail too",
            help="Give it a non-volatile DEFAULT, or add it nullable, backfill, then SET NOT NULL safely",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int NOT NULL;", why="new, empty table"),
    Case.fail("ALTER TABLE t ADD COLUMN b int NOT NULL;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN IF NOT EXISTS b int;", earlier="CREATE TABLE t (a int);"),
)
