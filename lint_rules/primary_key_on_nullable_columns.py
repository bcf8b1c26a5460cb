'''`PRIMARY KEY USING INDEX` on columns that may be null, which scans the table.

## What it does
Flags `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX idx` when the analysis finds
that the statement scans the table: the index's columns are not yet `NOT NULL`, so PostgreSQL
sets them `NOT NULL` and checks every row under the `ACCESS EXCLUSIVE` lock.

## Why is this bad?
`USING INDEX` avoids the index build, but not the implicit `SET NOT NULL`: on nullable columns
reads and writes wait while the whole table is scanned.

## Example
```sql
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_key;  -- error: [primary-key-on-nullable-columns]
```

Use instead:
```sql
ALTER TABLE users ADD CONSTRAINT users_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_id_not_null;
ALTER TABLE users ALTER COLUMN id SET NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_key;
ALTER TABLE users DROP CONSTRAINT users_id_not_null;
```

## PostgreSQL versions
From PostgreSQL 12, `SET NOT NULL` skips the scan when a validated `CHECK (col IS NOT NULL)`
exists (all supported versions).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint, email text); CREATE UNIQUE INDEX users_id_key ON users (id);"


@rule(code="M204", name="primary-key-on-nullable-columns", severity=Severity.ERROR,
      hazards=("CON006",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts) or not facts.scan:
        return
    if not any(a.kind == "ADD CONSTRAINT" and a.constraint_type == "PRIMARY KEY" and a.using_index
               for a in shape.actions):
        return
    yield ctx.finding(
        stmt,
        f"The primary key's columns are nullable: PostgreSQL sets them NOT NULL and scans `{shape.table}` "
        f"under {lock_phrase(facts, shape.table)}, blocking {blocked(facts)}",
        help="Make the columns NOT NULL first via a validated CHECK (col IS NOT NULL) and SET NOT NULL",
    )


CASES = (
    Case.fail("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_a_key;",
              earlier="CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a_key ON t (a);"),
    Case.ok("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_a_key;",
            earlier="CREATE TABLE t (a int NOT NULL); CREATE UNIQUE INDEX t_a_key ON t (a);",
            why="columns already NOT NULL: no scan"),
    Case.ok("CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a_key ON t (a); "
            "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_a_key;", why="new table"),
)
