"""Rewrite `ALTER COLUMN c SET NOT NULL` so that the scan does not run under ACCESS EXCLUSIVE.

## Applies when
`ALTER TABLE t ALTER [COLUMN] c SET NOT NULL` on a table that existed before the migration.

## Expand
PostgreSQL 12–17: `ADD CONSTRAINT <helper> CHECK (c IS NOT NULL) NOT VALID` (catalog only),
`VALIDATE CONSTRAINT <helper>` (scan without blocking reads or writes), then in one short
transaction `SET NOT NULL` (no scan: the valid check proves it) and drop the helper check.
PostgreSQL 18+: `ADD CONSTRAINT t_c_not_null NOT NULL c NOT VALID`, then `VALIDATE CONSTRAINT`.

## Backfill
Nothing.

## Contract
Nothing.

## Undo
`DROP CONSTRAINT IF EXISTS <helper>`; `ALTER COLUMN c DROP NOT NULL`.

## PostgreSQL versions
12+ (`Capabilities.set_not_null_uses_valid_check`); 18+ (`Capabilities.not_null_not_valid`).

## Example
```sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
```
becomes (PostgreSQL 16)
```sql
ALTER TABLE "users" ADD CONSTRAINT "_mig_nn_users_email" CHECK ("email" IS NOT NULL) NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "_mig_nn_users_email";
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "_mig_nn_users_email";
```
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    alter_table,
    analysis_says_no_long_lock,
    is_small,
)
from migrator.planner.sqltext import identifier_name
from migrator.planner.steps import not_null_steps
from migrator.sql.statement import Statement


class SetNotNull(BaseRewrite):
    name: ClassVar[str] = "set_not_null"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = alter_table(stmt)
        if found is None:
            return False
        table, action = found
        if not isinstance(action, exp.AlterColumn) or action.args.get("allow_null") is not False:
            return False
        if not (ctx.caps.set_not_null_uses_valid_check or ctx.caps.not_null_not_valid):
            return False
        if analysis_says_no_long_lock(facts):  # e.g. a valid CHECK (c IS NOT NULL) exists
            return False
        return not ctx.is_new(table) and not is_small(ctx, table)

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = alter_table(stmt)
        assert found is not None
        table, action = found
        column = identifier_name(action.this)
        return Rewritten(expand=not_null_steps(table, column, ctx.caps, group="set-not-null"))
