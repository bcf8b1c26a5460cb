"""Rewrite a large `UPDATE` / `DELETE` into a batched backfill step.

## Applies when
`UPDATE t SET … [WHERE …]` or `DELETE FROM t [WHERE …]` on a table that existed before the
migration (and is not known to be small), without `FROM`/`USING`, `RETURNING`, `WITH`, an alias
or `WHERE CURRENT OF`, when the table's primary key is known.

## Expand
Nothing.

## Backfill
The same change in keyset batches over the primary key, each batch a short transaction that
locks only its rows: `UPDATE t SET <set> WHERE key IN (<next batch> AND (<where>))`. Rows
inserted after the backfill starts are not touched, exactly as the single statement would not
see them.

## Contract
Nothing.

## Undo
Irreversible: the old values are not kept.

## PostgreSQL versions
All.

## Example
```sql
UPDATE users SET status = 'active' WHERE status IS NULL;
```
becomes a backfill of `"users"` by `"id"`: set `status = 'active'` where `status IS NULL`.
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import Backfill, StepKind, Undo
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewritten, StepDraft, is_small
from migrator.planner.sqltext import (
    QualifiedName,
    clause_end,
    find_token,
    identifier_name,
    text_between,
    tokenize,
)
from migrator.sql.statement import Statement

_FORBIDDEN_ARGS = ("from", "from_", "using", "returning", "with", "order", "limit", "joins")


def _dml_target(stmt: Statement) -> tuple[QualifiedName, bool] | None:
    ast = stmt.ast
    if not isinstance(ast, (exp.Update, exp.Delete)):
        return None
    for arg in _FORBIDDEN_ARGS:
        if ast.args.get(arg):
            return None
    table = ast.this
    if not isinstance(table, exp.Table) or table.alias:
        return None
    upper = " ".join(stmt.sql.upper().split())
    if " CURRENT OF " in upper or " RETURNING " in upper:
        return None
    return QualifiedName.of(table), isinstance(ast, exp.Delete)


def _clauses(stmt: Statement, delete: bool) -> tuple[str | None, str | None] | None:
    tokens = tokenize(stmt.sql)
    where_kw = find_token(tokens, "WHERE")
    where_sql = None
    if where_kw is not None:
        where_sql = text_between(stmt.sql, tokens, where_kw + 1, clause_end(tokens, where_kw + 1, comma=False))
    if delete:
        return None, where_sql
    set_kw = find_token(tokens, "SET")
    if set_kw is None:
        return None
    set_last = clause_end(tokens, set_kw + 1, ("WHERE",), comma=False)
    return text_between(stmt.sql, tokens, set_kw + 1, set_last), where_sql


class BatchedDml(BaseRewrite):
    name: ClassVar[str] = "batched_dml"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        target = _dml_target(stmt)
        if target is None:
            return False
        table = target[0]
        if ctx.is_new(table) or is_small(ctx, table) or not ctx.schema.primary_key(table):
            return False
        return _clauses(stmt, target[1]) is not None

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        target = _dml_target(stmt)
        assert target is not None
        table, delete = target
        clauses = _clauses(stmt, delete)
        assert clauses is not None
        set_sql, where_sql = clauses
        key = ctx.schema.primary_key(table) or ()
        verb = "Delete" if delete else "Update"
        return Rewritten(
            backfill=(
                StepDraft(
                    kind=StepKind.BACKFILL,
                    description=f"{verb} {table.sql} in batches by its primary key",
                    sql=None,
                    backfill=Backfill(
                        table=table.key, key=tuple(key), set_sql=set_sql, where_sql=where_sql, delete=delete
                    ),
                    undo=Undo.impossible("the old values are not kept"),
                    expected_lock=LockMode.ROW_EXCLUSIVE,
                ),
            ),
            contract_objects=frozenset(),
        )


def written_columns(stmt: Statement) -> frozenset[tuple[str, str | None]]:
    """`(table key, column)` an UPDATE writes; `(table key, None)` for a DELETE."""
    target = _dml_target(stmt)
    if target is None:
        return frozenset()
    table, delete = target
    if delete or not isinstance(stmt.ast, exp.Update):
        return frozenset({(table.key, None)})
    cols: set[tuple[str, str | None]] = set()
    for assignment in stmt.ast.expressions:
        if isinstance(assignment, exp.EQ) and isinstance(assignment.this, exp.Column):
            cols.add((table.key, identifier_name(assignment.this)))
    return frozenset(cols)
