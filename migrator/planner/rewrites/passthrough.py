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
The statement's inverse where it is known from the statement and the schema before it
(`migrator.planner.undo`): `CREATE TABLE|INDEX|VIEW|MATERIALIZED VIEW|SEQUENCE|TYPE|DOMAIN|
FUNCTION|PROCEDURE|TRIGGER|POLICY|RULE|SCHEMA|EXTENSION|ROLE|PUBLICATION|EVENT TRIGGER` →
`DROP … IF EXISTS`; `ADD COLUMN` → `DROP COLUMN IF EXISTS`; `ADD CONSTRAINT n` → `DROP
CONSTRAINT IF EXISTS n`; `SET|DROP DEFAULT` → the previous default; `SET|DROP NOT NULL` → the
opposite; a type change between `text` and `varchar` → the old type; `RENAME` → rename back;
`ENABLE|DISABLE TRIGGER` → the opposite; `GRANT` → `REVOKE`; `VALIDATE CONSTRAINT` → nothing.
`… IF NOT EXISTS`, `SET|DROP NOT NULL` and trigger switches get a precheck that skips them when
they would change nothing (a skipped step is not undone), so the inverse is exact. Irreversible,
with the reason: `COMMENT` (previous comment unknown), `ALTER TYPE … ADD VALUE` (PostgreSQL cannot
drop an enum value), `CREATE OR REPLACE`, `REVOKE`, a narrowing or `USING` type change, and
whatever the plan does not understand.

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

from migrator.analysis.facts import Facts, Risk
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
)
from migrator.planner.schema import SchemaTracker
from migrator.planner.undo import inverse_of
from migrator.sql.statement import Statement

_IRREVERSIBLE = "carried as written: the plan does not know its inverse"


def passthrough_undo(stmt: Statement, schema: SchemaTracker | None = None) -> Undo:
    """The inverse of a statement carried as written (see `migrator.planner.undo`)."""
    return inverse_of(stmt, schema).undo


def passthrough_draft(
    stmt: Statement, facts: Facts, schema: SchemaTracker | None = None, **changes: object
) -> StepDraft:
    """The statement as written, as one step: the analysis' lock and risk, and its inverse
    (with the precheck that keeps the inverse exact, see `migrator.planner.undo`)."""
    inverse = inverse_of(stmt, schema)
    risky = facts.risk in (Risk.DANGEROUS, Risk.UNKNOWN)
    reason = "; ".join(facts.reasons) if facts.reasons else (
        "not understood by the analysis" if facts.risk is Risk.UNKNOWN else None
    )
    draft = StepDraft(
        kind=StepKind.DDL,
        description=f"Statement {stmt.index + 1} as written",
        sql=stmt.sql.strip(),
        transactional=facts.transactional,
        undo=inverse.undo,
        precheck_sql=inverse.precheck_sql,
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
        draft = passthrough_draft(stmt, facts, ctx.schema)
        if facts.backward_incompatible:
            return Rewritten(
                contract=(draft,),
                warnings=(
                    (f"statement {stmt.index + 1} breaks the running application version: it runs "
                    "in the contract phase, after the deploy"),
                ),
            )
        return Rewritten(expand=(draft,))
