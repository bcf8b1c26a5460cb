'''Default of an existing column changed or dropped.

## What it does
Reports `ALTER TABLE ... ALTER COLUMN c SET DEFAULT x` and `... DROP DEFAULT` on a table that
existed before this migration.

## Why is this bad?
The change is catalog-only, but it changes what the running application writes: `INSERT`s
that omit the column now get the new default, or `NULL` after `DROP DEFAULT` (failing if the
column is `NOT NULL`). ORMs that cache defaults (Rails partial inserts) may keep writing the
old value.

## Example
```sql
ALTER TABLE users ALTER COLUMN plan DROP DEFAULT;  -- error: [column-default-change]
```

Use instead: deploy code that always writes the column first, then change the default
(suppress this finding with that reason):
```sql
ALTER TABLE users ALTER COLUMN plan DROP DEFAULT;  -- migrator: ignore[column-default-change] app writes plan explicitly
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

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, plan text DEFAULT 'free');"


@rule(code="M311", name="column-default-change", severity=Severity.INFO,
      aliases=("ban-set-default", "change_column_default"), hazards=("NUL003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "SET DEFAULT", "DROP DEFAULT"):
        if column_added_in_migration(ctx, stmt, shape.table, action.column):
            continue  # added by this migration: no running code uses it yet
        what = "gets no default (INSERTs that omit it fail if it is NOT NULL)" \
            if action.kind == "DROP DEFAULT" else "gets a new default"
        yield ctx.finding(
            stmt,
            f"Column {action.column} of `{shape.table}` {what}: the running application's INSERTs change behaviour",
            help="Deploy code that writes the column explicitly before changing its default",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET DEFAULT 1;", why="new table"),
    Case.fail("ALTER TABLE t ALTER COLUMN a DROP DEFAULT;", earlier="CREATE TABLE t (a int DEFAULT 0);"),
    Case.fail("ALTER TABLE t ALTER COLUMN a SET DEFAULT 1;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN b uuid; ALTER TABLE t ALTER COLUMN b SET DEFAULT gen_random_uuid();",
            earlier="CREATE TABLE t (a int);", why="the volatile-default recipe: the column is new"),
)
