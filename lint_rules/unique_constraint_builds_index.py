'''`UNIQUE` or `PRIMARY KEY` constraint that builds its index under an exclusive lock.

## What it does
Flags `ALTER TABLE ... ADD [CONSTRAINT n] UNIQUE (...)` and `... PRIMARY KEY (...)` without
`USING INDEX` on a table that existed before this migration.

## Why is this bad?
The constraint builds its unique index while holding `ACCESS EXCLUSIVE` on the table: reads
and writes wait for the whole build. A primary key also sets its columns `NOT NULL`, another
full scan. Unlike `CHECK`, these constraints cannot be added `NOT VALID`.

## Example
```sql
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);  -- error: [unique-constraint-builds-index]
```

Use instead:
```sql
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
```
For a primary key, first make the columns `NOT NULL` without a long lock (a validated
`CHECK (col IS NOT NULL)`, see `set-not-null`), then `ADD CONSTRAINT pk PRIMARY KEY USING INDEX idx`.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint, email text);"


@rule(code="M203", name="unique-constraint-builds-index", severity=Severity.ERROR,
      aliases=("disallowed-unique-constraint", "adding-serial-primary-key-field", "add_unique_constraint"),
      hazards=("CON004", "CON005"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in shape.actions:
        if action.kind != "ADD CONSTRAINT" or action.constraint_type not in ("UNIQUE", "PRIMARY KEY"):
            continue
        if action.using_index:
            continue
        what = "primary key" if action.constraint_type == "PRIMARY KEY" else "unique constraint"
        extra = " and scans it to set the columns NOT NULL" if what == "primary key" else ""
        yield ctx.finding(
            stmt,
            f"Adding a {what} builds its index under {lock_phrase(facts, shape.table)} on `{shape.table}`{extra}, "
            f"blocking {blocked(facts)} for the whole build",
            help=f"`CREATE UNIQUE INDEX CONCURRENTLY` first, then `ADD CONSTRAINT ... "
                 f"{action.constraint_type} USING INDEX` (NOT VALID is not allowed here)",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD PRIMARY KEY (a);", why="new table"),
    Case.ok("ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_idx;",
            earlier="CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a_idx ON t (a);"),
    Case.fail("ALTER TABLE t ADD UNIQUE (a);", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (a);", earlier="CREATE TABLE t (a int);"),
)
