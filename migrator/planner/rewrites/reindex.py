"""Rewrite `REINDEX` into `REINDEX … CONCURRENTLY`.

## Applies when
`REINDEX INDEX|TABLE|SCHEMA|DATABASE name` without `CONCURRENTLY`, when the target version has
`REINDEX CONCURRENTLY` (12+). `REINDEX SYSTEM` cannot run concurrently and stays as it is.

## Expand
`REINDEX [(options)] INDEX|TABLE|… CONCURRENTLY name`, outside a transaction block. An
interrupted run leaves `_ccnew` indexes, which the executor drops before trying again.

## Backfill
Nothing.

## Contract
Nothing.

## Undo
Nothing to undo: a rebuilt index has the same definition.

## PostgreSQL versions
12+ (`Capabilities.reindex_concurrently`).

## Example
```sql
REINDEX INDEX users_email_idx;
```
becomes
```sql
-- expand, autocommit
REINDEX INDEX CONCURRENTLY users_email_idx;
```
"""

from __future__ import annotations

from typing import ClassVar

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewritten, StepDraft
from migrator.planner.sqltext import Edit, apply_edits, matching_paren, tokenize
from migrator.sql.statement import Statement, StatementKind

_TARGETS = {"INDEX", "TABLE", "SCHEMA", "DATABASE"}


def _target_position(sql: str) -> tuple[int, bool] | None:
    """Offset just after the REINDEX target keyword, and whether CONCURRENTLY follows."""
    tokens = tokenize(sql)
    if not tokens or tokens[0].text.upper() != "REINDEX":
        return None
    i = 1
    if i < len(tokens) and tokens[i].text == "(":
        i = matching_paren(tokens, i) + 1
    if i >= len(tokens) or tokens[i].text.upper() not in _TARGETS:
        return None
    concurrent = i + 1 < len(tokens) and tokens[i + 1].text.upper() == "CONCURRENTLY"
    return tokens[i].end + 1, concurrent


class Reindex(BaseRewrite):
    name: ClassVar[str] = "reindex"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        if stmt.kind is not StatementKind.REINDEX or not ctx.caps.reindex_concurrently:
            return False
        found = _target_position(stmt.sql)
        return found is not None and not found[1]

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = _target_position(stmt.sql)
        assert found is not None
        sql = apply_edits(stmt.sql, [Edit(found[0], found[0], " CONCURRENTLY")])
        return Rewritten(
            expand=(
                StepDraft(
                    kind=StepKind.DDL,
                    description="Rebuild concurrently: reads and writes go on during the rebuild",
                    sql=sql,
                    transactional=False,
                    undo=Undo.nothing(),
                    expected_lock=LockMode.SHARE_UPDATE_EXCLUSIVE,
                ),
            )
        )
