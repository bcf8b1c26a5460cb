"""Rewrite `ADD [CONSTRAINT n] PRIMARY KEY (…)` into safe NOT NULLs, a concurrent unique index,
then `ADD CONSTRAINT n PRIMARY KEY USING INDEX n`.

## Applies when
`ALTER TABLE t ADD [CONSTRAINT n] PRIMARY KEY (cols)` on a table that existed before the
migration, without `WITH (…)` or `USING INDEX TABLESPACE`.

## Expand
1. For each key column not known to be NOT NULL: the safe NOT NULL sequence (`CHECK (c IS NOT
   NULL) NOT VALID`, `VALIDATE`, `SET NOT NULL`, drop the check; on 18+ the native `NOT NULL …
   NOT VALID` and `VALIDATE`), so the primary key does not scan under ACCESS EXCLUSIVE.
2. Cleanup of an INVALID index named `n`; `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS n`.
3. `ALTER TABLE t ADD CONSTRAINT n PRIMARY KEY USING INDEX n` (catalog only).

## Backfill
Nothing.

## Contract
Nothing.

## Undo
Drop the constraint (and its index), `DROP NOT NULL` on the columns made NOT NULL here.

## PostgreSQL versions
12+ for the CHECK-based NOT NULL; 18+ uses `NOT NULL … NOT VALID`.

## Example
```sql
ALTER TABLE logs ADD PRIMARY KEY (id);
```
becomes (PostgreSQL 16)
```sql
ALTER TABLE "logs" ADD CONSTRAINT "_mig_nn_logs_id" CHECK ("id" IS NOT NULL) NOT VALID;
ALTER TABLE "logs" VALIDATE CONSTRAINT "_mig_nn_logs_id";
ALTER TABLE "logs" ALTER COLUMN "id" SET NOT NULL;
ALTER TABLE "logs" DROP CONSTRAINT IF EXISTS "_mig_nn_logs_id";
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "logs_pkey" ON "logs" (id);
ALTER TABLE "logs" ADD CONSTRAINT "logs_pkey" PRIMARY KEY USING INDEX "logs_pkey";
```
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.planner.rewrites.add_unique import AddUnique
from migrator.planner.rewrites.base import PlanContext, StepDraft
from migrator.planner.sqltext import QualifiedName, pg_object_name
from migrator.planner.steps import not_null_steps
from migrator.sql.statement import Statement


class AddPrimaryKey(AddUnique):
    name: ClassVar[str] = "add_primary_key"
    node: ClassVar[tuple[type[exp.Expression], ...]] = (exp.PrimaryKey,)
    keywords: ClassVar[tuple[str, ...]] = ("PRIMARY",)
    constraint_sql: ClassVar[str] = "PRIMARY KEY"
    label: ClassVar[str] = "pkey"

    def default_name(self, table: QualifiedName, cols: list[str]) -> str:
        return pg_object_name(table.name, None, "pkey")

    def before_index(
        self, table: QualifiedName, cols: list[str], ctx: PlanContext, stmt: Statement
    ) -> tuple[StepDraft, ...]:
        drafts: list[StepDraft] = []
        for col in cols:
            known = ctx.schema.column(table, col)
            if known is not None and known.not_null:
                continue
            drafts += not_null_steps(table, col, ctx.caps, group=f"not-null-{col}")
        return tuple(drafts)
