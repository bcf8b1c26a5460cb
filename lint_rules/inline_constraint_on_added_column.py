'''Column added with an inline `UNIQUE`, `PRIMARY KEY` or `CHECK` constraint.

## What it does
Flags `ALTER TABLE ... ADD COLUMN c t UNIQUE` (or `PRIMARY KEY`, or `CHECK (...)`) on a table
that existed before this migration.

## Why is this bad?
The constraint is built in the same statement, under the `ACCESS EXCLUSIVE` lock that
`ADD COLUMN` takes: a `UNIQUE`/`PRIMARY KEY` builds an index over the whole table, and a
`CHECK` scans every row, even though the new column is all `NULL`. Reads and writes wait.

## Example
```sql
ALTER TABLE users ADD COLUMN handle text UNIQUE;  -- error: [inline-constraint-on-added-column]
```

Use instead: add the column, then the constraint the non-blocking way:
```sql
ALTER TABLE users ADD COLUMN handle text;
CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle);
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE USING INDEX users_handle_key;
```
For a `CHECK`: `ADD CONSTRAINT ... CHECK (...) NOT VALID`, then `VALIDATE CONSTRAINT`.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M305", name="inline-constraint-on-added-column", severity=Severity.ERROR,
      hazards=("COL006", "COL007"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "ADD COLUMN"):
        col = action.column_def
        if col is None:
            continue
        if col.unique or col.primary_key:
            kind = "PRIMARY KEY" if col.primary_key else "UNIQUE"
            yield ctx.finding(
                stmt,
                f"The inline {kind} on new column {col.name} builds an index over `{shape.table}` under "
                f"{lock_phrase(facts, shape.table)}, blocking {blocked(facts)} for the whole build",
                help="Add the column, `CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... "
                     f"{kind} USING INDEX`",
            )
        elif col.check:
            yield ctx.finding(
                stmt,
                f"The inline CHECK on new column {col.name} scans `{shape.table}` under "
                f"{lock_phrase(facts, shape.table)}, blocking {blocked(facts)}",
                help="Add the column, then `ADD CONSTRAINT ... CHECK (...) NOT VALID` and `VALIDATE CONSTRAINT`",
            )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int UNIQUE;", why="new table"),
    Case.fail("ALTER TABLE t ADD COLUMN b int UNIQUE;", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t ADD COLUMN b int CHECK (b > 0);", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN b int;", earlier="CREATE TABLE t (a int);"),
)
