'''Constraint that depends on existing data, which may make the migration fail.

## What it does
Reports (as information) a new `UNIQUE` index or constraint, primary key, `SET NOT NULL` or
`VALIDATE CONSTRAINT` on a table that existed before this migration.

## Why is this bad?
These statements succeed or fail depending on the rows already in the table: one duplicate or
one `NULL` makes the deploy fail, possibly after a long build, and a failed
`CREATE UNIQUE INDEX CONCURRENTLY` leaves an `INVALID` index behind.

## Example
```sql
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);  -- error: [constraint-may-fail-on-existing-rows]
```

Use instead: check the data before the migration (and clean it up):
```sql
SELECT email, count(*) FROM users GROUP BY email HAVING count(*) > 1 LIMIT 1;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import alter_table, create_index, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint, email text);"


def _what(stmt: Statement) -> tuple[str, str]:
    index = create_index(stmt)
    if index is not None:
        return (index.table, "duplicates") if index.unique else ("", "")
    shape = alter_table(stmt)
    if shape is None:
        return "", ""
    for action in shape.actions:
        if action.kind == "SET NOT NULL":
            return shape.table, "NULLs"
        if action.kind == "ADD CONSTRAINT" and action.constraint_type in ("UNIQUE", "PRIMARY KEY") \
                and not action.using_index:
            return shape.table, "duplicates or NULLs" if action.constraint_type == "PRIMARY KEY" else "duplicates"
        if action.kind == "VALIDATE CONSTRAINT":
            return shape.table, "rows that violate it"
    return "", ""


@rule(code="M207", name="constraint-may-fail-on-existing-rows", severity=Severity.INFO,
      hazards=("CON010",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    table, bad = _what(stmt)
    if not table or is_new(ctx, stmt, table) or not existing(facts):
        return
    yield ctx.finding(
        stmt,
        f"This statement fails if `{table}` already holds {bad}: the deploy stops here",
        help="Run a check query against production data before the migration and clean up first",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); CREATE UNIQUE INDEX i ON t (a);", why="new table"),
    Case.fail("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t ALTER COLUMN a SET NOT NULL;", earlier="CREATE TABLE t (a int);"),
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);"),
)
