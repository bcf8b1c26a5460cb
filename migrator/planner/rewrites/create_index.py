"""Rewrite `CREATE [UNIQUE] INDEX` into a concurrent, idempotent build.

## Applies when
A `CREATE [UNIQUE] INDEX` without `CONCURRENTLY` on a table that existed before the migration
(a table created earlier in the same migration is empty: its index is built as written).

## Expand
1. Cleanup: drop an INVALID index of the same name that a failed earlier build left behind
   (`DROP INDEX CONCURRENTLY IF EXISTS`, run only when such an index exists).
2. `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS name …`, outside a transaction block. An
   unnamed index gets the name PostgreSQL would give it, because `IF NOT EXISTS` needs a name.

For a partitioned table whose partitions are known: the index is created `ON ONLY` the parent
(catalog only, invalid until complete), then built concurrently on each partition and attached
with `ALTER INDEX … ATTACH PARTITION`; the parent index becomes valid when the last one attaches.

## Backfill
Nothing.

## Contract
Nothing.

## Undo
`DROP INDEX CONCURRENTLY IF EXISTS name` (for a partitioned index, `DROP INDEX IF EXISTS`).

## PostgreSQL versions
All supported versions (CONCURRENTLY is 8.2+, `IF NOT EXISTS` 9.5+, `ON ONLY` 11+).

## Example
```sql
CREATE INDEX users_email_idx ON users (email);
```
becomes
```sql
-- expand, autocommit
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
```
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites._index_text import IndexTextParts, column_label, index_text_parts
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewritten, StepDraft, is_small
from migrator.planner.sqltext import (
    Edit,
    QualifiedName,
    apply_edits,
    identifier_name,
    pg_object_name,
    quote_ident,
)
from migrator.planner.steps import cleanup_invalid_index, create_index_concurrently
from migrator.sql.statement import Statement


def index_target(stmt: Statement) -> tuple[exp.Create, exp.Index, QualifiedName] | None:
    ast = stmt.ast
    if not isinstance(ast, exp.Create) or (ast.args.get("kind") or "").upper() != "INDEX":
        return None
    index = ast.this
    if not isinstance(index, exp.Index):
        return None
    table = index.args.get("table")
    if not isinstance(table, exp.Table):
        return None
    return ast, index, QualifiedName.of(table)


def index_columns(index: exp.Index) -> tuple[str | None, ...]:
    params = index.args.get("params")
    cols: list[str | None] = []
    for ordered in (params.args.get("columns") if params else None) or []:
        inner = ordered.this if isinstance(ordered, exp.Ordered) else ordered
        if isinstance(inner, exp.Column):
            cols.append(identifier_name(inner))
        elif isinstance(inner, exp.Paren) and isinstance(inner.this, exp.Func):
            cols.append(_function_name(inner.this))
        elif isinstance(inner, exp.Func) and not isinstance(inner, exp.Cast):
            cols.append(_function_name(inner))
        else:
            cols.append(None)
    return tuple(cols)


def _function_name(func: exp.Func) -> str | None:
    """PostgreSQL names an index column on a function call after the function (FigureColname)."""
    if isinstance(func, exp.Anonymous):
        return str(func.this).lower()
    return func.sql_name().lower() if func.sql_name() else None


def concurrent_index_sql(
    sql: str,
    parts: IndexTextParts,
    *,
    name: str | None = None,
    table: QualifiedName | None = None,
    drop_only: bool = False,
) -> str:
    """The statement's own text with `CONCURRENTLY IF NOT EXISTS` added, and optionally the
    index name and the table replaced (quoted) and `ONLY` removed."""
    toks = parts.tokens
    edits: list[Edit] = []
    after_index = toks[parts.index_kw].end + 1
    insert = ""
    if parts.concurrently is None:
        insert += " CONCURRENTLY"
    if parts.if_not_exists is None:
        insert += " IF NOT EXISTS"
    if parts.name is None and name is not None:
        insert += f" {quote_ident(name)}"
    if insert:
        edits.append(Edit(after_index, after_index, insert))
    if parts.name is not None and name is not None:
        first, last = parts.name
        edits.append(Edit(toks[first].start, toks[last].end + 1, quote_ident(name)))
    if table is not None:
        first, last = parts.table
        edits.append(Edit(toks[first].start, toks[last].end + 1, table.sql))
    if drop_only and parts.only_kw is not None:
        only = toks[parts.only_kw]
        edits.append(Edit(only.start, toks[parts.only_kw + 1].start, ""))
    return apply_edits(sql, edits)


def on_only_sql(sql: str, parts: IndexTextParts, name: str, *, table: QualifiedName | None = None) -> str:
    """The statement's text as `CREATE … INDEX IF NOT EXISTS name ON ONLY parent …` (with the
    name and the table replaced, quoted, for a sub-partitioned partition)."""
    toks = parts.tokens
    edits: list[Edit] = []
    after_index = toks[parts.index_kw].end + 1
    insert = "" if parts.if_not_exists is not None else " IF NOT EXISTS"
    if parts.name is None:
        insert += f" {quote_ident(name)}"
    elif table is not None:
        first, last = parts.name
        edits.append(Edit(toks[first].start, toks[last].end + 1, quote_ident(name)))
    if table is not None:
        first, last = parts.table
        edits.append(Edit(toks[first].start, toks[last].end + 1, table.sql))
    if insert:
        edits.append(Edit(after_index, after_index, insert))
    if parts.only_kw is None:
        on = toks[parts.on_kw]
        edits.append(Edit(on.end + 1, on.end + 1, " ONLY"))
    return apply_edits(sql, edits)


class CreateIndex(BaseRewrite):
    name: ClassVar[str] = "create_index"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        target = index_target(stmt)
        if target is None:
            return False
        create, _, table = target
        if create.args.get("concurrently") or ctx.is_new(table) or is_small(ctx, table):
            return False
        parts = index_text_parts(stmt.sql)
        return parts is not None and parts.only_kw is None

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        target = index_target(stmt)
        parts = index_text_parts(stmt.sql)
        assert target is not None and parts is not None
        _, index, table = target
        columns = index_columns(index)
        name = identifier_name(index.this) if index.this else pg_object_name(
            table.name, column_label(columns), "idx"
        )
        drafts = self._steps(stmt, parts, table, name, columns, ctx, top=True)
        if ctx.caps.concurrent_index_corruption_minors:
            note = "PostgreSQL 14.0-14.3 can corrupt concurrently built indexes: run 14.4 or later"
            drafts = [replace(d, notes=(*d.notes, note)) if d.kind is StepKind.DDL else d for d in drafts]
        return Rewritten(expand=tuple(drafts))

    def _steps(
        self,
        stmt: Statement,
        parts: IndexTextParts,
        table: QualifiedName,
        name: str,
        columns: tuple[str | None, ...],
        ctx: PlanContext,
        *,
        top: bool = False,
    ) -> list[StepDraft]:
        """A concurrent build on a plain table; on a partitioned one, the index `ON ONLY` the
        parent, each partition's index (recursively), and `ATTACH PARTITION` for each."""
        index = table.sibling(name)
        partitions = ctx.schema.partitions(table)
        if partitions is None:
            sql = (
                concurrent_index_sql(stmt.sql, parts, name=None if parts.name else name)
                if top
                else concurrent_index_sql(stmt.sql, parts, name=name, table=table)
            )
            where = "" if top else f" on partition {table.sql}"
            return [
                cleanup_invalid_index(index),
                create_index_concurrently(index, sql, f"Build {index.sql}{where} concurrently: writes go on"),
            ]
        drafts: list[StepDraft] = [
            StepDraft(
                kind=StepKind.DDL,
                description=(
                    f"Create {index.sql} on {table.sql} only (catalog only, INVALID until every "
                    "partition's index is attached)"
                ),
                sql=on_only_sql(stmt.sql, parts, name, table=None if top else table),
                undo=Undo.run(f"DROP INDEX IF EXISTS {index.sql}"),
                expected_lock=LockMode.SHARE,
            )
        ]
        for partition in partitions:
            child = partition.sibling(pg_object_name(partition.name, column_label(columns), "idx"))
            drafts += self._steps(stmt, parts, partition, child.name, columns, ctx)
            drafts.append(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Attach {child.sql} to {index.sql}",
                    sql=f"ALTER INDEX {index.sql} ATTACH PARTITION {child.sql}",
                    # An attached index cannot be detached: undo drops the parent index, which
                    # drops every attached partition index with it.
                    undo=Undo.run(f"DROP INDEX IF EXISTS {index.sql}"),
                    expected_lock=LockMode.SHARE_UPDATE_EXCLUSIVE,
                )
            )
        return drafts
