'''Index, constraint, schema, type, enum value, view, sequence or function renamed.

## What it does
Flags `RENAME` of objects other than tables and columns (`ALTER INDEX ... RENAME TO`,
`ALTER TABLE ... RENAME CONSTRAINT`, `ALTER SCHEMA/TYPE/VIEW/SEQUENCE/FUNCTION ... RENAME TO`,
`ALTER TYPE ... RENAME VALUE`) when the object existed before this migration.

## Why is this bad?
The lock is brief (`SHARE UPDATE EXCLUSIVE` for an index), but code, query hints, monitoring,
other migrations and `ON CONFLICT ON CONSTRAINT` clauses that name the object, or an enum value
the application writes, break at once.

## Example
```sql
ALTER INDEX ix_users_email RENAME TO users_email_idx;  -- error: [rename-object]
```

Use instead: add the object under its new name, move the users over, then drop the old one.
For an index: build the new one concurrently, then drop the old one.
```sql
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
DROP INDEX CONCURRENTLY ix_users_email;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import (
    actions,
    alter_table,
    created_in_migration,
    existing,
    is_new,
    name_after,
    scan,
)
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX ix_users_email ON users (email);"
_OBJECTS = {"INDEX": "index", "SCHEMA": "schema", "TYPE": "type", "VIEW": "view", "SEQUENCE": "sequence",
            "FUNCTION": "function", "PROCEDURE": "procedure", "DOMAIN": "domain", "MATERIALIZED": "materialized view",
            "TRIGGER": "trigger", "POLICY": "policy"}


@rule(code="M406", name="rename-object", severity=Severity.WARNING,
      aliases=("renaming-object", "rename_schema", "rename_enum_value"), hazards=("CMP006", "IDX012"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    toks = scan(stmt.sql)
    if len(toks) < 4 or toks[0].up != "ALTER" or not any(t.up == "RENAME" for t in toks):
        return
    if toks[1].up == "TABLE":
        shape = alter_table(stmt)
        if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
            return
        for action in actions(stmt, "RENAME CONSTRAINT"):
            yield ctx.finding(stmt, f"Renaming constraint {action.constraint} breaks code and ON CONFLICT "
                                    "clauses that name it",
                              help="Keep the name, or update every user of the name in the same deploy")
        return
    if toks[1].up not in _OBJECTS:
        return
    kind = _OBJECTS[toks[1].up]
    name = name_after(stmt, "ALTER", "MATERIALIZED", "VIEW") if toks[1].up == "MATERIALIZED" \
        else name_after(stmt, "ALTER", toks[1].up)
    if not name or created_in_migration(ctx, stmt, name):
        return
    what = "an enum value" if any(t.up == "VALUE" for t in toks) else f"{kind} `{name}`"
    yield ctx.finding(
        stmt,
        f"Renaming {what} breaks code, hints and scripts that use the old name",
        help="Add the new name, move every user over, then drop the old one",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a); ALTER INDEX i RENAME TO j;", why="new index"),
    Case.fail("ALTER INDEX i RENAME TO j;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
    Case.fail("ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';", earlier="CREATE TYPE mood AS ENUM ('sad');"),
    Case.fail("ALTER TABLE t RENAME CONSTRAINT c TO d;", earlier="CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0));"),
)
