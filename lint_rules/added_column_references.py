'''Column added with an inline foreign key (`REFERENCES`).

## What it does
Flags `ALTER TABLE ... ADD COLUMN c t REFERENCES p (id)` on a table that existed before this
migration.

## Why is this bad?
There is no scan (the new column is all `NULL`), but the statement takes `ACCESS EXCLUSIVE` on
the table and `SHARE ROW EXCLUSIVE` on the **referenced** table: while it waits for either
lock, reads and writes of the table, and writes of the referenced table, queue behind it. The
referencing column also has no index (see `foreign-key-without-index`).

## Example
```sql
ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);  -- error: [added-column-references]
```

Use instead:
```sql
ALTER TABLE orders ADD COLUMN user_id bigint;
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
```
With a short `lock_timeout` before each statement.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY); CREATE TABLE orders (id bigint PRIMARY KEY);"


@rule(code="M306", name="added-column-references", severity=Severity.WARNING,
      aliases=("add_reference",), hazards=("COL008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "ADD COLUMN"):
        col = action.column_def
        if col is None or not col.references:
            continue
        yield ctx.finding(
            stmt,
            f"Adding column {col.name} with REFERENCES {col.references} takes ACCESS EXCLUSIVE on "
            f"`{shape.table}` and SHARE ROW EXCLUSIVE on `{col.references}`: while it waits, reads and "
            "writes queue on both",
            help="Add the column, then the foreign key as a separate NOT VALID constraint, each with a short lock_timeout",
        )


CASES = (
    Case.ok("CREATE TABLE c (a int); ALTER TABLE c ADD COLUMN p_id int REFERENCES p (id);",
            earlier="CREATE TABLE p (id int PRIMARY KEY);", why="new table"),
    Case.fail("ALTER TABLE c ADD COLUMN p_id int REFERENCES p (id);",
              earlier="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (a int);"),
    Case.ok("ALTER TABLE c ADD COLUMN p_id int;", earlier="CREATE TABLE c (a int);"),
)
