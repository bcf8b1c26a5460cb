"""Rewrite `DROP INDEX` into `DROP INDEX CONCURRENTLY IF EXISTS`, one index per step, in contract.

## Applies when
A `DROP INDEX` without `CONCURRENTLY` and without `CASCADE` (CONCURRENTLY cannot cascade), on an
index that is not the index of a partitioned table (those cannot be dropped concurrently).

## Expand
Nothing.

## Backfill
Nothing.

## Contract
`DROP INDEX CONCURRENTLY IF EXISTS name` for each index named, each outside a transaction block:
the old application version may still rely on the index for its query plans.

## Undo
Rebuild the index concurrently from its definition when the migrations created it; otherwise
irreversible (the definition is not known to the plan).

## PostgreSQL versions
All supported versions.

## Example
```sql
DROP INDEX users_email_idx;
```
becomes
```sql
-- contract, autocommit
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
```
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites._index_text import index_text_parts
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewritten, StepDraft
from migrator.planner.sqltext import QualifiedName
from migrator.planner.steps import drop_index_concurrently
from migrator.sql.statement import Statement


def dropped_indexes(stmt: Statement) -> tuple[QualifiedName, ...] | None:
    ast = stmt.ast
    if not isinstance(ast, exp.Drop) or (ast.args.get("kind") or "").upper() != "INDEX":
        return None
    targets = ast.args.get("expressions") or ast.args.get("tables") or []
    names = tuple(QualifiedName.of(t) for t in targets if isinstance(t, exp.Table))
    return names if len(names) == len(targets) and names else None


class DropIndex(BaseRewrite):
    name: ClassVar[str] = "drop_index"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        names = dropped_indexes(stmt)
        assert stmt.ast is not None or names is None
        if names is None or stmt.ast is None:
            return False
        if stmt.ast.args.get("concurrently") or stmt.ast.args.get("cascade"):
            return False
        for name in names:
            found = ctx.schema.index(name)
            if found is not None and found[0].partitioned:
                return False
            if found is not None and found[1].constraint is not None:
                return False
        return True

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        from migrator.planner.rewrites.create_index import concurrent_index_sql

        names = dropped_indexes(stmt) or ()
        drafts = []
        contract_objects: set[tuple[str, str | None]] = set()
        for name in names:
            undo = Undo.impossible(
                f"the definition of {name.sql} is not known to the plan; recreate it from the "
                "migration that created it"
            )
            found = ctx.schema.index(name)
            if found is not None and found[1].definition_sql:
                parts = index_text_parts(found[1].definition_sql)
                if parts is not None:
                    undo = Undo.run(concurrent_index_sql(found[1].definition_sql, parts), transactional=False)
                contract_objects.add((found[0].name.key, None))
            drafts.append(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Drop {name.sql} concurrently, after the old application version is gone",
                    sql=drop_index_concurrently(name),
                    transactional=False,
                    undo=undo,
                    expected_lock=LockMode.SHARE_UPDATE_EXCLUSIVE,
                )
            )
        return Rewritten(
            contract=tuple(drafts),
            warnings=(
                (f"statement {stmt.index + 1}: the index is dropped in the contract phase, after the "
                "deploy, so the running application keeps its query plans"),
            ),
        )
