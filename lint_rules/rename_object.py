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
    altered_name,
    created_in_migration,
    existing,
    is_new,
    written_name,
)
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX ix_users_email ON users (email);"
_OBJECTS = {StatementKind.ALTER_INDEX: "index", StatementKind.ALTER_SCHEMA: "schema", StatementKind.ALTER_TYPE: "type",
            StatementKind.ALTER_VIEW: "view", StatementKind.ALTER_SEQUENCE: "sequence",
            StatementKind.ALTER_FUNCTION: "function", StatementKind.ALTER_PROCEDURE: "procedure",
            StatementKind.ALTER_DOMAIN: "domain", StatementKind.ALTER_MATERIALIZED_VIEW: "materialized view",
            StatementKind.ALTER_TRIGGER: "trigger", StatementKind.ALTER_POLICY: "policy"}


@rule(code="M406", name="rename-object", severity=Severity.WARNING,
      aliases=("renaming-object", "rename_schema", "rename_enum_value"), hazards=("CMP006", "IDX012"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not any(action.startswith("RENAME") for action in stmt.actions):
        return
    if stmt.kind is StatementKind.ALTER_TABLE:
        shape = alter_table(stmt)
        if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
            return
        for action in actions(stmt, "RENAME CONSTRAINT"):
            yield ctx.finding(stmt, f"Renaming constraint {action.constraint} breaks code and ON CONFLICT "
                                    "clauses that name it",
                              help="Keep the name, or update every user of the name in the same deploy")
        return
    kind = _OBJECTS.get(stmt.kind)
    if kind is None or stmt.ast is None:
        return
    name = altered_name(stmt) or written_name(stmt.ast.this)
    if not name or created_in_migration(ctx, stmt, name):
        return
    what = "an enum value" if "RENAME VALUE" in stmt.actions else f"{kind} `{name}`"
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
