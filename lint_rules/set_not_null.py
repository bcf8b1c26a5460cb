'''`SET NOT NULL` that scans the table under an `ACCESS EXCLUSIVE` lock.

## What it does
Flags `ALTER TABLE ... ALTER COLUMN c SET NOT NULL` on an existing table when the analysis finds
that it scans the table: no validated `CHECK (c IS NOT NULL)` exists to prove the column has
no nulls.

## Why is this bad?
PostgreSQL reads every row to check for nulls while holding `ACCESS EXCLUSIVE`: reads and
writes wait for the whole scan.

## Example
```sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- error: [set-not-null]
```

Use instead:

On PostgreSQL 12–17, prove it with a validated check first; `SET NOT NULL` then skips the scan:
```sql
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
```
On PostgreSQL 18, a `NOT NULL` constraint can itself be added `NOT VALID`:
```sql pg>=18
ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
```
Run `VALIDATE` in its own transaction.

## PostgreSQL versions
From 12, `SET NOT NULL` uses a validated `CHECK (c IS NOT NULL)` to skip the scan. From 18,
`ADD CONSTRAINT ... NOT NULL c NOT VALID` exists and the advice uses it.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, existing, is_new, lock_phrase, short
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M309", name="set-not-null", severity=Severity.ERROR,
      aliases=("adding-not-nullable-field", "change_column_null"), hazards=("NUL001",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts) or not facts.scan:
        return
    for action in actions(stmt, "SET NOT NULL"):
        name = f"{short(shape.table)}_{action.column}_not_null"
        if ctx.caps.not_null_not_valid:
            remedy = (f"`ALTER TABLE {shape.table} ADD CONSTRAINT {name} NOT NULL {action.column} NOT VALID`, "
                      f"then `ALTER TABLE {shape.table} VALIDATE CONSTRAINT {name}` in a separate transaction")
        else:
            remedy = (f"`ADD CONSTRAINT {name} CHECK ({action.column} IS NOT NULL) NOT VALID`, "
                      f"`VALIDATE CONSTRAINT {name}` in a separate transaction, then SET NOT NULL "
                      "(no scan) and drop the check")
        yield ctx.finding(
            stmt,
            f"SET NOT NULL on {action.column} scans `{shape.table}` under {lock_phrase(facts, shape.table)}, blocking "
            "reads and writes until every row is checked",
            help=f"Use {remedy}",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET NOT NULL;", why="new table"),
    Case.fail("ALTER TABLE t ALTER COLUMN a SET NOT NULL;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
            earlier="CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL);",
            why="a validated CHECK (a IS NOT NULL) makes it catalog-only"),
    Case.fail("ALTER TABLE t ALTER COLUMN a SET NOT NULL;", earlier="CREATE TABLE t (a int);", pg=(18,),
              why="PG 18: the advice uses NOT NULL ... NOT VALID"),
)
