"""Carry a statement unchanged (pgroll's OpRawSQL): nothing is dropped from a plan.

## Applies when
No other rewrite applies. Always last in `REWRITES`.

## Expand
The statement as written (in the contract phase instead when it breaks the running application
version: it drops or renames something that version uses). Its lock and risk are the analysis'
own; a dangerous or unknown statement keeps its reasons and is listed in `Plan.unsafe`.

## Backfill
Nothing.

## Contract
See Expand.

## Undo
For a statement that creates one named object (`CREATE TABLE|INDEX|VIEW|MATERIALIZED VIEW|
SEQUENCE`, `ALTER TABLE … ADD COLUMN`), the matching `DROP … IF EXISTS`; otherwise irreversible,
and the plan says so.

## PostgreSQL versions
All.

## Example
```sql
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
```
stays as it is, in expand.
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts, Risk
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    alter_table,
)
from migrator.planner.sqltext import QualifiedName, identifier_name, quote_ident
from migrator.sql.statement import Statement, StatementKind

_IRREVERSIBLE = "carried as written: the plan does not know its inverse"


_CREATE_KINDS = {
    StatementKind.CREATE_TABLE: "TABLE", StatementKind.CREATE_VIEW: "VIEW",
    StatementKind.CREATE_MATERIALIZED_VIEW: "MATERIALIZED VIEW", StatementKind.CREATE_SEQUENCE: "SEQUENCE",
}


def passthrough_undo(stmt: Statement) -> Undo:
    """The inverse of a statement that creates one named object, else irreversible."""
    ast = stmt.ast
    if " IF NOT EXISTS" in " ".join(stmt.sql.upper().split()):
        # The object may have existed before: dropping it would undo more than the step did.
        return Undo.impossible(_IRREVERSIBLE)
    if isinstance(ast, exp.Create):
        target = ast.this
        if stmt.kind is StatementKind.CREATE_INDEX and isinstance(target, exp.Index) and target.this:
            table = target.args.get("table")
            schema = QualifiedName.of(table).schema if isinstance(table, exp.Table) else None
            name = QualifiedName(schema, identifier_name(target.this))
            if ast.args.get("concurrently"):
                return Undo.run(f"DROP INDEX CONCURRENTLY IF EXISTS {name.sql}", transactional=False)
            return Undo.run(f"DROP INDEX IF EXISTS {name.sql}")
        keyword = _CREATE_KINDS.get(stmt.kind)
        table_node = target.this if isinstance(target, exp.Schema) else target
        if keyword and isinstance(table_node, exp.Table) and not ast.args.get("replace"):
            return Undo.run(f"DROP {keyword} IF EXISTS {QualifiedName.of(table_node).sql}")
    found = alter_table(stmt)
    if found is not None and isinstance(found[1], exp.ColumnDef):
        column = quote_ident(identifier_name(found[1].this))
        return Undo.run(f"ALTER TABLE {found[0].sql} DROP COLUMN IF EXISTS {column}")
    return Undo.impossible(_IRREVERSIBLE)


def passthrough_draft(stmt: Statement, facts: Facts, **changes: object) -> StepDraft:
    risky = facts.risk in (Risk.DANGEROUS, Risk.UNKNOWN)
    reason = "; ".join(facts.reasons) if facts.reasons else (
        "not understood by the analysis" if facts.risk is Risk.UNKNOWN else None
    )
    draft = StepDraft(
        kind=StepKind.DDL,
        description=f"Statement {stmt.index + 1} as written",
        sql=stmt.sql.strip(),
        transactional=facts.transactional,
        undo=passthrough_undo(stmt),
        expected_lock=facts.lock,
        passthrough=True,
        risk=facts.risk,
        dangerous_reason=reason if risky else None,
    )
    if changes:
        from dataclasses import replace

        draft = replace(draft, **changes)  # type: ignore[arg-type]
    return draft


def kept_dangerous(stmt: Statement, facts: Facts, reason: str, alternative: str) -> Rewritten:
    """Keep the statement as written, marked dangerous, with the reason and the manual fix."""
    draft = passthrough_draft(
        stmt,
        facts,
        risk=Risk.DANGEROUS,
        dangerous_reason=reason,
        manual_alternative=alternative,
    )
    return Rewritten(
        expand=(draft,),
        warnings=(f"statement {stmt.index + 1} kept as written and dangerous: {reason}. Instead: {alternative}",),
    )


class Passthrough(BaseRewrite):
    name: ClassVar[str] = "passthrough"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        return True

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        draft = passthrough_draft(stmt, facts)
        if facts.backward_incompatible:
            return Rewritten(
                contract=(draft,),
                warnings=(
                    (f"statement {stmt.index + 1} breaks the running application version: it runs "
                    "in the contract phase, after the deploy"),
                ),
            )
        return Rewritten(expand=(draft,))
