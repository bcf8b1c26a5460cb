'''Column type change that rebuilds indexes or re-checks constraints.

## What it does
Flags `ALTER TABLE ... ALTER COLUMN c TYPE t2` on an existing table when the analysis finds that
the change does not rewrite the table but still scans it: an index on the column must be
rebuilt because the operator class or collation changes (`text` → `citext`), or `CHECK`
constraints on the column are re-checked.

## Why is this bad?
The index rebuild or the constraint check runs under the `ACCESS EXCLUSIVE` lock of the type
change: reads and writes wait for it.

## Example
```sql
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);  -- error: [column-type-scan]
```
(with a `CHECK (length(email) > 3)` on the column)

Use instead: drop the check, change the type, re-add the check `NOT VALID` and validate it:
```sql
ALTER TABLE users DROP CONSTRAINT users_email_check;
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (length(email) > 3) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_check;
```
For an index rebuild, build the new index `CONCURRENTLY` before the change and drop the old one.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = ("CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), "
             "CONSTRAINT users_email_check CHECK (length(email) > 3));")


@rule(code="M321", name="column-type-scan", severity=Severity.ERROR,
      aliases=("change_column_constraint",), hazards=("TYP003", "TYP005"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    if facts.rewrite or not facts.scan:
        return
    for action in actions(stmt, "ALTER COLUMN TYPE"):
        yield ctx.finding(
            stmt,
            f"Changing the type of {action.column} rebuilds its indexes or re-checks its constraints on "
            f"`{shape.table}` under {lock_phrase(facts, shape.table)}, blocking {blocked(facts)}",
            help="Drop the checks and re-add them NOT VALID after the change; build changed indexes CONCURRENTLY first",
        )


CASES = (
    Case.ok("CREATE TABLE t (a varchar(10) CHECK (a <> '')); ALTER TABLE t ALTER COLUMN a TYPE varchar(20);",
            why="new table"),
    Case.fail("ALTER TABLE t ALTER COLUMN a TYPE varchar(20);",
              earlier="CREATE TABLE t (a varchar(10) CONSTRAINT t_a_check CHECK (a <> ''));"),
    Case.ok("ALTER TABLE t ALTER COLUMN a TYPE varchar(20);", earlier="CREATE TABLE t (a varchar(10));",
            why="no index, no check: catalog-only"),
)
