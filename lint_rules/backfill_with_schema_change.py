'''Backfill `UPDATE` in the same migration as the schema change that needs it.

## What it does
Flags an `UPDATE ... WHERE c IS NULL` (the classic backfill before `SET NOT NULL`), or any
`UPDATE` of a table whose column the same migration sets `NOT NULL`, on a table that existed
before this migration, when the same migration also alters that table.

## Why is this bad?
The backfill is one large `UPDATE`: it locks every row it touches until the migration's
transaction ends, bloats the table and floods the WAL, and in the same transaction as the DDL
it also keeps the DDL's `ACCESS EXCLUSIVE` lock held for its whole run.

## Example
```sql
UPDATE users SET plan = 'free' WHERE plan IS NULL;  -- error: [backfill-with-schema-change]
ALTER TABLE users ALTER COLUMN plan SET NOT NULL;
```

Use instead: backfill in batches in a separate step (outside the DDL transaction), then
set `NOT NULL` in a later migration:
```sql
UPDATE users SET plan = 'free' WHERE id >= 1 AND id < 10001 AND plan IS NULL;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from lint_rules._syntax import (
    alter_table,
    dml_target,
    existing,
    is_new,
    per_migration,
    same_relation,
    short,
)
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, plan text);"


def _altered(ctx: LintContext) -> dict[str, dict[str, bool]]:
    """Unqualified name → {table: some ALTER TABLE of the migration sets one of its columns NOT NULL}."""
    found: dict[str, dict[str, bool]] = {}
    for s in ctx.statements:
        shape = alter_table(s)
        if shape is not None:
            entry = found.setdefault(short(shape.table), {})
            entry[shape.table] = entry.get(shape.table, False) or "SET NOT NULL" in s.actions
    return found


def _matches_null(where: exp.Expr) -> bool:
    """The condition selects rows where some column IS NULL (a backfill)."""
    return any(not node.args.get("negate") and isinstance(node.expression, exp.Null)
               and not isinstance(node.parent, exp.Not) for node in where.find_all(exp.Is))


@rule(code="M602", name="backfill-with-schema-change", severity=Severity.WARNING,
      hazards=("NUL004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.UPDATE or stmt.ast is None or not existing(facts):
        return
    table = dml_target(stmt)
    if not table or is_new(ctx, stmt, table):
        return
    where = stmt.ast.args.get("where")
    if where is None:
        return  # bulk-data-change reports whole-table updates
    backfill = _matches_null(where)
    altered_tables: dict[str, dict[str, bool]] = per_migration(ctx, "altered-tables", _altered)
    mine = [not_null for name, not_null in altered_tables.get(short(table), {}).items() if same_relation(name, table)]
    sets_not_null = any(mine)
    altered = bool(mine)
    if not altered or not (backfill or sets_not_null):
        return
    yield ctx.finding(
        stmt,
        f"This backfill of `{table}` is one large UPDATE inside the schema migration: its rows stay locked until "
        "commit, and it floods the WAL",
        help="Backfill in batches as a separate step outside the DDL transaction, then SET NOT NULL later",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); UPDATE t SET a = 0 WHERE a IS NULL;", why="new table"),
    Case.fail("UPDATE t SET a = 0 WHERE a IS NULL; ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
              earlier="CREATE TABLE t (a int);"),
    Case.ok("UPDATE t SET a = 0 WHERE a = 5;", earlier="CREATE TABLE t (a int);", why="a targeted fix, no DDL"),
)
