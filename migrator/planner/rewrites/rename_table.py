"""Rewrite `ALTER TABLE t RENAME TO u` so both names work while old and new versions run.

## Applies when
`ALTER TABLE t RENAME TO u` on a table that existed before the migration.

## Expand
In one transaction: `ALTER TABLE t RENAME TO u` (brief catalog change) and
`CREATE VIEW t AS SELECT * FROM u`: a simple view is automatically updatable, so the old
application version keeps reading and writing through the old name.

## Backfill
Nothing.

## Contract
`DROP VIEW IF EXISTS t`: the old name is gone once the old version is.

## Undo
`DROP VIEW IF EXISTS t` and `ALTER TABLE u RENAME TO t`.

## PostgreSQL versions
All supported versions (automatically updatable views are 9.3+).

## Example
```sql
ALTER TABLE users RENAME TO accounts;
```
becomes
```sql
-- expand (one transaction)
ALTER TABLE "users" RENAME TO "accounts";
CREATE VIEW "users" AS SELECT * FROM "accounts";
-- contract
DROP VIEW IF EXISTS "users";
```
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    alter_table,
)
from migrator.planner.sqltext import QualifiedName, identifier_name, quote_ident
from migrator.planner.steps import relation_exists_sql
from migrator.sql.statement import Statement


def renamed_table(stmt: Statement) -> tuple[QualifiedName, QualifiedName] | None:
    found = alter_table(stmt)
    if found is None or not isinstance(found[1], exp.AlterRename):
        return None
    new = found[1].this
    if not isinstance(new, exp.Table):
        return None
    return found[0], found[0].sibling(identifier_name(new.this))


class RenameTable(BaseRewrite):
    name: ClassVar[str] = "rename_table"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = renamed_table(stmt)
        return found is not None and not ctx.is_new(found[0])

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = renamed_table(stmt)
        assert found is not None
        old, new = found
        drop_view = f"DROP VIEW IF EXISTS {old.sql}"
        return Rewritten(
            expand=(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Rename {old.sql} to {new.sql} (catalog only)",
                    sql=f"ALTER TABLE {old.sql} RENAME TO {quote_ident(new.name)}",
                    undo=Undo.run(f"ALTER TABLE {new.sql} RENAME TO {quote_ident(old.name)}"),
                    precheck_sql=relation_exists_sql(new),
                    group="rename-table",
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                    handled=f"the old name keeps working: {old.sql} becomes a view over {new.sql} in the same transaction",
                ),
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Keep the old name working: updatable view {old.sql} over {new.sql}",
                    sql=f"CREATE VIEW {old.sql} AS SELECT * FROM {new.sql}",
                    undo=Undo.run(drop_view),
                    precheck_sql=relation_exists_sql(old),
                    group="rename-table",
                    expected_lock=LockMode.ACCESS_SHARE,
                ),
            ),
            contract=(
                StepDraft(
                    kind=StepKind.CLEANUP,
                    description=f"Remove the old name {old.sql}",
                    sql=drop_view,
                    undo=Undo.run(f"CREATE VIEW {old.sql} AS SELECT * FROM {new.sql}"),
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                    handled="runs after the deploy: no running application version uses the old name",
                ),
            ),
            warnings=(
                (f"statement {stmt.index + 1}: until the contract phase, {old.sql} is a view over "
                f"{new.sql}; DDL must use the new name"),
            ),
            contract_objects=frozenset({(old.key, None)}),
        )
