"""Rewrite `ALTER TABLE t RENAME COLUMN a TO b` so both names work while old and new versions run.

## Applies when
`ALTER TABLE t RENAME [COLUMN] a TO b` on a table that existed before the migration, when the
column's type is known to the plan (the migrations created it).

## Expand
1. `ADD COLUMN b <type of a>` (nullable, catalog only).
2. A trigger function and a `BEFORE INSERT OR UPDATE` trigger that keep `a` and `b` equal: on
   INSERT, a value given for `b` wins, else `b` takes `a`; on UPDATE, whichever changed wins.

## Backfill
`UPDATE t SET b = a WHERE b IS DISTINCT FROM a`, in keyset batches.

## Contract
In one short transaction: drop the trigger and its function, `DROP COLUMN b` (the synced copy),
then `RENAME COLUMN a TO b`. The column keeps its position, indexes, constraints and
statistics: the result equals the plain rename.

## Undo
Expand: drop the trigger, the function and the column `b`. Contract: irreversible by the plan
(rename back with `RENAME COLUMN b TO a` by hand).

## PostgreSQL versions
All supported versions (`EXECUTE FUNCTION` is 11+).

## Example
```sql
ALTER TABLE users RENAME COLUMN name TO full_name;
```
becomes: expand adds "full_name" kept in sync with "name" by a trigger; backfill copies
"name" into it; contract drops the copy and renames "name" to "full_name".
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import Backfill, StepKind, Undo
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    alter_table,
)
from migrator.planner.rewrites.passthrough import kept_dangerous
from migrator.planner.sqltext import QualifiedName, helper_name, identifier_name, quote_ident
from migrator.planner.steps import alter, column_absent_sql, column_exists_sql, trigger_exists_sql
from migrator.sql.statement import Statement


def renamed_column(stmt: Statement) -> tuple[QualifiedName, str, str] | None:
    found = alter_table(stmt)
    if found is None or not isinstance(found[1], exp.RenameColumn):
        return None
    action = found[1]
    return found[0], identifier_name(action.this), identifier_name(action.args.get("to"))


def sync_trigger_steps(
    table: QualifiedName, function: QualifiedName, trigger: str, body: str, description: str
) -> tuple[StepDraft, StepDraft]:
    """CREATE FUNCTION (plpgsql, body given) + BEFORE INSERT OR UPDATE trigger on `table`."""
    create_function = (
        f"CREATE OR REPLACE FUNCTION {function.sql}() RETURNS trigger LANGUAGE plpgsql AS $mig$\n"
        f"BEGIN\n{body}\n  RETURN NEW;\nEND\n$mig$"
    )
    return (
        StepDraft(
            kind=StepKind.DDL,
            description=f"Create the sync function {function.sql}",
            sql=create_function,
            undo=Undo.run(f"DROP FUNCTION IF EXISTS {function.sql}()"),
            expected_lock=None,
        ),
        StepDraft(
            kind=StepKind.DDL,
            description=description,
            sql=(
                f"CREATE TRIGGER {quote_ident(trigger)} BEFORE INSERT OR UPDATE ON {table.sql} "
                f"FOR EACH ROW EXECUTE FUNCTION {function.sql}()"
            ),
            undo=Undo.run(f"DROP TRIGGER IF EXISTS {quote_ident(trigger)} ON {table.sql}"),
            precheck_sql=trigger_exists_sql(table, trigger),
            expected_lock=LockMode.SHARE_ROW_EXCLUSIVE,
        ),
    )


def drop_sync_sql(table: QualifiedName, function: QualifiedName, trigger: str) -> tuple[str, str]:
    return (
        f"DROP TRIGGER IF EXISTS {quote_ident(trigger)} ON {table.sql}",
        f"DROP FUNCTION IF EXISTS {function.sql}()",
    )


class RenameColumn(BaseRewrite):
    name: ClassVar[str] = "rename_column"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = renamed_column(stmt)
        return found is not None and not ctx.is_new(found[0])

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = renamed_column(stmt)
        assert found is not None
        table, old, new = found
        column = ctx.schema.column(table, old)
        if ctx.is_partitioned(table):
            return kept_dangerous(
                stmt, facts,
                f"{table.key} is partitioned: the plan does not keep both names in sync on partitions",
                "deploy code that accepts both names first, then rename in a release of its own",
            )
        if column is None:
            return kept_dangerous(
                stmt,
                facts,
                f"renaming {table.key}.{old} breaks the application version that still uses the "
                "old name, and the column's type is not known to the plan (no synced column)",
                "add the new column, keep both in sync with a trigger, backfill, switch the "
                "application, then drop the old column; or deploy the rename together with code "
                "that accepts both names",
            )
        a, b = quote_ident(old), quote_ident(new)
        function = table.sibling(helper_name("sync", table.name, old, new))
        trigger = helper_name("sync", old, new)
        body = (
            "  IF TG_OP = 'INSERT' THEN\n"
            f"    IF NEW.{b} IS NULL THEN NEW.{b} := NEW.{a}; ELSE NEW.{a} := NEW.{b}; END IF;\n"
            f"  ELSIF NEW.{b} IS DISTINCT FROM OLD.{b} THEN\n"
            f"    NEW.{a} := NEW.{b};\n"
            "  ELSE\n"
            f"    NEW.{b} := NEW.{a};\n"
            "  END IF;"
        )
        drop_trigger, drop_function = drop_sync_sql(table, function, trigger)
        key = ctx.schema.primary_key(table)
        handled = (
            f"after the deploy only the new name {b} is used: the synced copy is dropped and {a} "
            "(same values, with its indexes and constraints) takes the new name"
        )
        return Rewritten(
            expand=(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Add {b}, the new name, as a synced copy of {a}",
                    sql=alter(table, f"ADD COLUMN {b} {column.type_sql}"),
                    undo=Undo.run(alter(table, f"DROP COLUMN IF EXISTS {b}")),
                    precheck_sql=column_exists_sql(table, new),
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                ),
                *sync_trigger_steps(
                    table, function, trigger, body, f"Keep {a} and {b} equal on every write"
                ),
            ),
            backfill=(
                StepDraft(
                    kind=StepKind.BACKFILL,
                    description=f"Copy {a} into {b} for existing rows",
                    sql=None,
                    backfill=Backfill(
                        table=table.key,
                        key=tuple(key or ()),
                        set_sql=f"{b} = {a}",
                        where_sql=f"{b} IS DISTINCT FROM {a}",
                        pending_sql=f"{b} IS DISTINCT FROM {a}",
                    ),
                    expected_lock=LockMode.ROW_EXCLUSIVE,
                ),
            ),
            contract=tuple(replace(d, handled=handled) for d in (
                StepDraft(kind=StepKind.CLEANUP, description="Stop syncing", sql=drop_trigger,
                          group="swap", expected_lock=LockMode.ACCESS_EXCLUSIVE,
                          undo=Undo.impossible("the old name is gone after the contract")),
                StepDraft(kind=StepKind.CLEANUP, description="Drop the sync function", sql=drop_function,
                          group="swap", expected_lock=None, undo=Undo.nothing()),
                StepDraft(kind=StepKind.DDL, description=f"Drop the synced copy {b}",
                          sql=alter(table, f"DROP COLUMN {b}"), group="swap",
                          precheck_sql=column_absent_sql(table, old),
                          expected_lock=LockMode.ACCESS_EXCLUSIVE, undo=Undo.nothing()),
                StepDraft(kind=StepKind.DDL, description=f"Rename {a} to {b}",
                          sql=alter(table, f"RENAME COLUMN {a} TO {b}"), group="swap",
                          precheck_sql=column_absent_sql(table, old),
                          expected_lock=LockMode.ACCESS_EXCLUSIVE, undo=Undo.nothing()),
            )),
            warnings=(
                (f"statement {stmt.index + 1}: {table.key}.{old} and .{new} are kept in sync by a "
                "trigger until the contract phase"),
            ),
            contract_objects=frozenset({(table.key, old), (table.key, new)}),
        )
