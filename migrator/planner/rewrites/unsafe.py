"""Statements no rewrite can make safe: kept as written, marked dangerous, with the reason and
the manual alternative.

## Applies when
`VACUUM FULL`, `CLUSTER`, `ALTER TABLE … SET TABLESPACE`, `ALTER TABLE … SET LOGGED|UNLOGGED`,
`REFRESH MATERIALIZED VIEW` without `CONCURRENTLY`, `LOCK TABLE`, `TRUNCATE`, on a relation that
existed before the migration.

## Expand
The statement as written, dangerous.

## Backfill
Nothing.

## Contract
Nothing.

## Undo
Irreversible (the plan does not know the inverse).

## PostgreSQL versions
All.

## Example
```sql
VACUUM FULL users;
```
stays as it is, dangerous: "rewrites the table under ACCESS EXCLUSIVE"; instead use pg_repack
or pg_squeeze, which rebuild online.
"""

from __future__ import annotations

from typing import ClassVar

from migrator.analysis.facts import Facts
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewritten, is_small
from migrator.planner.rewrites.passthrough import kept_dangerous
from migrator.sql.statement import Statement, StatementKind

# (kind, words that must all appear, words that must not appear, reason, manual alternative)
_UNSAFE: tuple[tuple[StatementKind, tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (StatementKind.VACUUM, ("FULL",), (), ("VACUUM FULL rewrites the table under ACCESS EXCLUSIVE: "
     "reads and writes wait for the whole rewrite"),
     "use pg_repack or pg_squeeze, which rebuild the table online; or plain VACUUM"),
    (StatementKind.CLUSTER, (), (), "CLUSTER rewrites the table under ACCESS EXCLUSIVE",
     "use pg_repack --order-by, which reorders the table online"),
    (StatementKind.ALTER_TABLE, ("SET", "TABLESPACE"), (), ("SET TABLESPACE copies the table "
     "under ACCESS EXCLUSIVE"), "use pg_repack --tablespace, or create a copy and switch over"),
    (StatementKind.ALTER_TABLE, ("SET", "LOGGED"), (), ("SET LOGGED rewrites the table under "
     "ACCESS EXCLUSIVE"), "create the table LOGGED from the start, or copy it and switch over"),
    (StatementKind.ALTER_TABLE, ("SET", "UNLOGGED"), (), ("SET UNLOGGED rewrites the table "
     "under ACCESS EXCLUSIVE"), "create a new UNLOGGED table, copy in batches, and switch over"),
    (StatementKind.REFRESH_MATERIALIZED_VIEW, (), ("CONCURRENTLY",), ("REFRESH MATERIALIZED VIEW "
     "blocks reads of the view for the whole refresh"),
     "add a unique index on the view and use REFRESH MATERIALIZED VIEW CONCURRENTLY"),
    (StatementKind.LOCK, (), (), "LOCK TABLE holds its lock until the transaction ends",
     "drop the explicit lock: each step of the plan takes its own lock with a timeout"),
    (StatementKind.TRUNCATE, (), (), "TRUNCATE takes ACCESS EXCLUSIVE and deletes every row",
     "delete in batches (DELETE … WHERE key in a range), or swap in an empty table"),
)


def _match(stmt: Statement) -> tuple[str, str] | None:
    words = set(stmt.sql.upper().replace("(", " ").replace(")", " ").replace(",", " ").split())
    for kind, needed, forbidden, reason, alternative in _UNSAFE:
        if stmt.kind is kind and all(w in words for w in needed) and not any(w in words for w in forbidden):
            return reason, alternative
    return None


class Unsafe(BaseRewrite):
    name: ClassVar[str] = "unsafe"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        if _match(stmt) is None:
            return False
        tables = [t for t in facts.tables]
        if tables and all(t in ctx.new_tables for t in tables):
            return False
        from migrator.planner.sqltext import QualifiedName

        return not (tables and all(is_small(ctx, QualifiedName.parse(t)) for t in tables))

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = _match(stmt)
        assert found is not None
        return kept_dangerous(stmt, facts, *found)
