"""Move `DROP COLUMN` / `DROP TABLE` / `DROP …` to the contract phase, with a warning.

## Applies when
`ALTER TABLE t DROP [COLUMN] c`, or any `DROP …` command (every `StatementKind` named `DROP_*`:
TABLE, VIEW, MATERIALIZED VIEW, SEQUENCE, TYPE, DOMAIN, FUNCTION, PROCEDURE, TRIGGER, SCHEMA,
EXTENSION, POLICY, RULE, DATABASE, ROLE, PUBLICATION, EVENT TRIGGER, SERVER, USER MAPPING,
FOREIGN TABLE, FOREIGN DATA WRAPPER, TEXT SEARCH …, CAST, other) on objects that existed before
the migration. (`DROP INDEX` has its own rewrite, earlier in `REWRITES`; a `DROP INDEX` it does
not take, such as `… CASCADE`, comes here.)

## Expand
Nothing.

## Backfill
Nothing.

## Contract
The statement as written, after the deploy: the application version that still uses the object
must be gone first. The step stays destructive.

## Undo
Irreversible: the data (or definition) is gone.

## PostgreSQL versions
All.

## Example
```sql
ALTER TABLE users DROP COLUMN legacy_flag;
```
moves to contract: "the application must stop using users.legacy_flag before the contract phase".
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.planner.model import Undo
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewritten, alter_table
from migrator.planner.rewrites.passthrough import passthrough_draft
from migrator.planner.sqltext import QualifiedName, identifier_name
from migrator.planner.steps import column_exists_sql
from migrator.sql.statement import Statement, StatementKind

# Every DROP command PostgreSQL's reference names (DROP INDEX too: `drop_index`, earlier in
# `REWRITES`, takes the forms it can make concurrent; the rest, e.g. `… CASCADE`, come here).
DROP_KINDS: frozenset[StatementKind] = frozenset(
    kind for kind in StatementKind if kind.name.startswith("DROP_")
)
_DROP_KINDS = DROP_KINDS


def dropped_objects(stmt: Statement) -> tuple[tuple[str, str | None], ...] | None:
    """`(table key, column or None)` of what the statement drops, or None if not a drop."""
    found = alter_table(stmt)
    if found is not None:
        table, action = found
        if isinstance(action, exp.Drop) and (action.args.get("kind") or "").upper() == "COLUMN":
            targets = action.args.get("expressions") or action.args.get("tables") or []
            return tuple((table.key, identifier_name(t)) for t in targets)
        return None
    if stmt.kind not in _DROP_KINDS:
        return None
    ast = stmt.ast
    if isinstance(ast, exp.Drop):
        targets = ast.args.get("expressions") or ast.args.get("tables") or []
        return tuple((QualifiedName.of(t).key, None) for t in targets if isinstance(t, exp.Table))
    return ()


_RELATION_DROPS = {StatementKind.DROP_TABLE, StatementKind.DROP_VIEW,
                   StatementKind.DROP_MATERIALIZED_VIEW, StatementKind.DROP_SEQUENCE}


def _already_dropped_sql(stmt: Statement, objects: tuple[tuple[str, str | None], ...]) -> str | None:
    """A precheck returning a row when everything the statement drops is already gone."""
    if not objects:
        return None
    conditions = []
    for table, column in objects:
        name = QualifiedName.parse(table)
        if column is not None:
            conditions.append(f"NOT EXISTS ({column_exists_sql(name, column)})")
        elif stmt.kind in _RELATION_DROPS:
            conditions.append(f"to_regclass({name.regclass}) IS NULL")
        else:
            return None
    return "SELECT 1 WHERE " + " AND ".join(conditions)


class Drop(BaseRewrite):
    name: ClassVar[str] = "drop"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        objects = dropped_objects(stmt)
        if objects is None:
            return False
        return not (objects and all(table in ctx.new_tables for table, _ in objects))

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        objects = dropped_objects(stmt) or ()
        names = ", ".join(f"{t}.{c}" if c else t for t, c in objects) or "the dropped object"
        draft = passthrough_draft(
            stmt,
            facts,
            precheck_sql=_already_dropped_sql(stmt, objects),
            description=f"Drop {names} after the deploy",
            undo=Undo.impossible("drops data or a definition"),
            notes=(f"the application must stop using {names} before the contract phase",),
        )
        return Rewritten(
            contract=(draft,),
            warnings=(
                (f"statement {stmt.index + 1}: {names} is dropped in the contract phase; the "
                "application must stop using it first"),
            ),
            contract_objects=frozenset(objects),
        )
