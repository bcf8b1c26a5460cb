'''`TRUNCATE ... CASCADE`, which empties every table that references the target.

## What it does
Flags `TRUNCATE ... CASCADE`.

## Why is this bad?
`CASCADE` also truncates every table that has a foreign key to the target, and the tables that
reference those, recursively, under `ACCESS EXCLUSIVE` locks: tables you did not name lose all
their rows.

## Example
```sql
TRUNCATE users CASCADE;  -- error: [truncate-cascade]
```

Use instead: name every table you mean to empty:
```sql
TRUNCATE orders, users;  -- migrator: ignore[truncate-table] fixtures table pair, emptied on purpose
```
'''

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

_TABLES = (RelationKind.TABLE, RelationKind.PARTITIONED_TABLE)
DOC_SETUP = ("CREATE TABLE users (id bigint PRIMARY KEY); "
             "CREATE TABLE orders (id bigint, user_id bigint REFERENCES users (id));")


@rule(code="M408", name="truncate-cascade", severity=Severity.ERROR, aliases=("ban-truncate-cascade",),
      hazards=("CMP008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.TRUNCATE or str(getattr(stmt.ast, "args", {}).get("option") or "").upper() != "CASCADE":
        return
    if facts.locks and all(lock.new for lock in facts.locks):
        return  # only tables created in this migration: empty anyway
    tables = sorted({lock.relation for lock in facts.locks if lock.kind in _TABLES})
    reached = f" (here: {', '.join(f'`{t}`' for t in tables)})" if len(tables) > 1 else ""
    yield ctx.finding(
        stmt,
        f"TRUNCATE ... CASCADE also empties every table that references the target through foreign keys{reached}, "
        "under ACCESS EXCLUSIVE locks",
        help="List the tables to truncate explicitly, without CASCADE",
    )


CASES = (
    Case.fail("TRUNCATE p CASCADE;",
              earlier="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));"),
    Case.ok("TRUNCATE c, p;",
            earlier="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));"),
    Case.ok("CREATE TABLE t (a int); TRUNCATE t;"),
    Case.ok("CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id)); TRUNCATE p CASCADE;",
            why="new tables"),
)
