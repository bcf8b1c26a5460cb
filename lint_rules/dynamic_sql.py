'''Dynamic SQL inside a `DO` block or function body, which cannot be checked.

## What it does
Flags `DO` blocks (and `CREATE FUNCTION`/`PROCEDURE` bodies that a migration then calls) whose
PL/pgSQL builds statements at run time with `EXECUTE`, and `DO` blocks in general that contain
DDL.

## Why is this bad?
The statement text exists only at run time: no linter, migrator included, can see which table
it locks, whether it rewrites, or whether a timeout covers it. It is the SQL equivalent of an
ORM's raw-SQL escape hatch (`op.execute`, `RunSQL`, `execute`), but without the SQL.

## Example
```sql
DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN nickname text'; END $$;  -- error: [dynamic-sql]
```

Use instead: write the statement as plain SQL so it can be checked:
```sql
ALTER TABLE users ADD COLUMN nickname text;
```
'''

from __future__ import annotations

import re
from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
_EXECUTE = re.compile(r"\bEXECUTE\b(?!\s+(?:FUNCTION|PROCEDURE)\b)", re.IGNORECASE)
_DDL = re.compile(r"\b(ALTER|CREATE|DROP)\s+(TABLE|INDEX|TYPE|DOMAIN)\b", re.IGNORECASE)
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M603", name="dynamic-sql", severity=Severity.WARNING,
      aliases=("raw-sql", "RunSQL", "execute"), hazards=("DML002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    is_do = stmt.kind is StatementKind.DO
    is_routine = stmt.kind in (StatementKind.CREATE_FUNCTION, StatementKind.CREATE_PROCEDURE)
    if not (is_do or is_routine):
        return
    if _EXECUTE.search(stmt.sql):
        yield ctx.finding(
            stmt,
            "This block builds SQL at run time with EXECUTE: its locks, rewrites and timeouts cannot be checked",
            help="Write the statements as plain SQL in the migration",
        )
    elif is_do and _DDL.search(stmt.sql) and not stmt.body_statements:
        yield ctx.finding(
            stmt,
            "This DO block runs DDL that migrator could not analyse statement by statement",
            help="Write the statements as plain SQL in the migration",
        )


CASES = (
    Case.fail("DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN b int', 't'); END $$;",
              earlier="CREATE TABLE t (a int);"),
    Case.ok("DO $$ BEGIN RAISE NOTICE 'hello'; END $$;"),
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int;", why="plain SQL"),
)
