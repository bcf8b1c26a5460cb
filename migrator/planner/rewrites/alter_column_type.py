"""Rewrite a table-rewriting `ALTER COLUMN c TYPE` into a shadow column kept in sync.

## Applies when
`ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE newtype [USING expr]` that rewrites the table
(the analysis says so: `int → bigint`, `text → int`, …), on a table that existed before the
migration, when the column is known to the plan (the migrations created it). A column that is
part of a primary key or unique constraint, or that foreign keys reference, is kept as written
and dangerous (a type change on a key referenced by foreign keys rewrites every referencing
table too).

## Expand
1. `ADD COLUMN <shadow> newtype` (catalog only).
2. A trigger function and a `BEFORE INSERT OR UPDATE` trigger that set the shadow column to
   `expr` (the USING expression as written, its columns read from `NEW`; without USING,
   `NEW.c::newtype`).

## Backfill
`UPDATE t SET <shadow> = expr` for existing rows, in keyset batches.

## Contract
1. If `c` is NOT NULL: the safe NOT NULL sequence on the shadow column.
2. Each index on `c` is rebuilt concurrently on the shadow column under a temporary name.
3. In one short transaction: drop the trigger and function, `DROP COLUMN c`, rename the shadow
   column to `c`, rename the rebuilt indexes to their old names, restore the default.
   **The column moves to the end of the table** (the plan says so).

## Undo
Expand: drop the trigger, the function and the shadow column. Contract: irreversible (the old
column is dropped).

## PostgreSQL versions
All supported versions.

## Example
```sql
ALTER TABLE events ALTER COLUMN amount TYPE bigint;
```
becomes: expand adds "_mig_new_amount" bigint and a sync trigger; backfill fills it; contract
swaps it in for "amount" in one short transaction.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from migrator.analysis.facts import Facts, Risk
from migrator.analysis.locks import LockMode
from migrator.planner.model import Backfill, StepKind, Undo
from migrator.planner.rewrites._index_text import index_text_parts
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    alter_table,
    is_small,
)
from migrator.planner.rewrites.passthrough import kept_dangerous
from migrator.planner.rewrites.rename_column import drop_sync_sql, sync_trigger_steps
from migrator.planner.sqltext import (
    Edit,
    QualifiedName,
    apply_edits,
    clause_end,
    find_token,
    helper_name,
    identifier_name,
    pg_object_name,
    quote_ident,
    quote_literal,
    replace_column_refs,
    text_between,
    tokenize,
)
from migrator.planner.steps import (
    alter,
    cleanup_invalid_index,
    column_absent_sql,
    column_exists_sql,
    constraint_absent_sql,
    constraint_exists_sql,
    create_index_concurrently,
    not_null_steps,
    relation_absent_sql,
)
from migrator.sql.statement import Statement


def type_change(stmt: Statement) -> tuple[QualifiedName, str, str, str | None] | None:
    """`(table, column, new type text, USING text or None)` of a single ALTER COLUMN TYPE."""
    found = alter_table(stmt)
    if found is None or not isinstance(found[1], exp.AlterColumn) or not found[1].args.get("dtype"):
        return None
    table, action = found
    tokens = tokenize(stmt.sql)
    type_kw = find_token(tokens, "TYPE")
    if type_kw is None:
        return None
    using_kw = find_token(tokens, "USING", start=type_kw)
    type_last = clause_end(tokens, type_kw + 1, ("USING", "COLLATE"))
    type_sql = text_between(stmt.sql, tokens, type_kw + 1, type_last)
    using = None
    if using_kw is not None:
        using = text_between(stmt.sql, tokens, using_kw + 1, clause_end(tokens, using_kw + 1))
    return table, identifier_name(action.this), type_sql, using


def _index_on_shadow(definition: str, column: str, shadow: str, temp_name: str) -> str | None:
    """The index's defining statement, built concurrently on the shadow column under a
    temporary name: column tokens after the table name are replaced."""
    parts = index_text_parts(definition)
    if parts is None:
        return None
    from migrator.planner.rewrites.create_index import concurrent_index_sql

    toks = parts.tokens
    edits: list[Edit] = []
    after_table = parts.table[1] + 1
    for i in range(after_table, len(toks)):
        tok = toks[i]
        if tok.token_type not in (TokenType.VAR, TokenType.IDENTIFIER):
            continue
        name = tok.text if tok.token_type is TokenType.IDENTIFIER else tok.text.lower()
        if name != column:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev = toks[i - 1]
        if (nxt is not None and nxt.token_type in (TokenType.L_PAREN, TokenType.DOT)) or prev.token_type in (
            TokenType.DCOLON,
            TokenType.DOT,
        ):
            continue
        edits.append(Edit(tok.start, tok.end + 1, quote_ident(shadow)))
    edited = apply_edits(definition, edits)
    new_parts = index_text_parts(edited)
    if new_parts is None:
        return None
    return concurrent_index_sql(edited, new_parts, name=temp_name)


_TIMESTAMPTZ = {"timestamptz", "timestamp with time zone"}
_TIMESTAMP = {"timestamp", "timestamp without time zone"}


def _implicit_conversion(col: str, old_type: str, new_type: str, ctx: PlanContext) -> str:
    """The conversion PostgreSQL applies without USING, written out. timestamp → timestamptz
    reads the session's TimeZone: when the migration SETs it, the plan names it explicitly, so
    the trigger and the backfill convert as the migration's own session would have."""
    timezone = ctx.setting("timezone")
    if (
        timezone is not None
        and " ".join(new_type.lower().split()) in _TIMESTAMPTZ
        and " ".join(old_type.lower().split()) in _TIMESTAMP
        and timezone.upper() not in ("LOCAL", "DEFAULT")
    ):
        zone = timezone if timezone.startswith("'") else quote_literal(timezone)
        return f"{col} AT TIME ZONE {zone}"
    return f"{col}::{new_type}"


class AlterColumnType(BaseRewrite):
    name: ClassVar[str] = "alter_column_type"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = type_change(stmt)
        if found is None:
            return False
        table = found[0]
        if ctx.is_new(table) or is_small(ctx, table):
            return False
        if facts.sources:
            return facts.rewrite
        return facts.risk in (Risk.DANGEROUS, Risk.UNKNOWN)

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = type_change(stmt)
        assert found is not None
        table, column_name, type_sql, using = found
        info = ctx.schema.table(table)
        column = ctx.schema.column(table, column_name)
        if info is None or column is None:
            return kept_dangerous(
                stmt, facts,
                f"the type change rewrites {table.key} under ACCESS EXCLUSIVE, and the column's "
                "indexes, constraints and default are not known to the plan",
                "plan it with --database-url, or add a shadow column of the new type, keep it in "
                "sync with a trigger, backfill it in batches, rebuild its indexes concurrently, "
                "then swap the names in one short transaction",
            )
        if info.partitioned:
            return kept_dangerous(
                stmt, facts,
                f"{table.key} is partitioned: the shadow-column plan cannot rebuild its indexes "
                "concurrently",
                "change the type partition by partition (detach, convert, attach), or in a quiet moment",
            )
        if ctx.schema.referencing_foreign_keys(table, column_name):
            return kept_dangerous(
                stmt, facts,
                f"{table.key}.{column_name} is referenced by foreign keys: changing its type "
                "rewrites this table and every referencing table, and revalidates the keys",
                "add new key columns of the new type on both sides, sync them with triggers, "
                "backfill, build the unique index and the foreign keys NOT VALID + VALIDATE, and "
                "switch the application over in a planned release",
            )
        constrained = [ix for ix in ctx.schema.indexes_on(table, column_name) if ix.constraint not in (None, "p", "u")]
        referencing = [fk for fk in ctx.schema.foreign_keys if fk.table == table.key and column_name in fk.columns]
        if (
            constrained or referencing or column_name in info.check_columns or column.references
            or info.has_unknown_constraints or column.generated_sql
            or (column.identity_sql is not None and "(" in column.identity_sql)
        ):
            return kept_dangerous(
                stmt, facts,
                f"the type change rewrites {table.key} under ACCESS EXCLUSIVE, and "
                f"{column_name} carries constraints the shadow-column plan does not rebuild",
                "add a shadow column of the new type with a sync trigger, backfill it, rebuild "
                "the constraint on it (unique index concurrently, then USING INDEX; checks NOT "
                "VALID then VALIDATE), then swap the names in one short transaction",
            )
        shadow = helper_name("new", column_name)
        col, sh = quote_ident(column_name), quote_ident(shadow)
        known_columns = set(info.columns)
        expr = using if using is not None else _implicit_conversion(col, column.type_sql, type_sql, ctx)
        trigger_expr = replace_column_refs(
            expr, known_columns, {c: f"NEW.{quote_ident(c)}" for c in known_columns}
        )
        function = table.sibling(helper_name("sync", table.name, column_name))
        trigger = helper_name("sync", column_name)
        body = f"  NEW.{sh} := {trigger_expr};"
        key = ctx.schema.primary_key(table)
        drop_trigger, drop_function = drop_sync_sql(table, function, trigger)

        contract: list[StepDraft] = []
        swap_done_early = column_absent_sql(table, shadow)
        if column.not_null:
            contract += [
                replace(d, precheck_sql=f"{d.precheck_sql} UNION ALL {swap_done_early}" if d.precheck_sql else swap_done_early)
                for d in not_null_steps(table, shadow, ctx.caps, group="shadow-not-null")
            ]
        if column.identity_sql is not None:
            contract.append(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Make {sh} an identity column (catalog only: it is NOT NULL already)",
                    sql=alter(table, f"ALTER COLUMN {sh} ADD GENERATED BY DEFAULT AS IDENTITY"),
                    precheck_sql=(
                        f"{column_exists_sql(table, shadow)} AND a.attidentity <> '' UNION ALL {swap_done_early}"
                    ),
                    undo=Undo.run(alter(table, f"ALTER COLUMN {sh} DROP IDENTITY IF EXISTS")),
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                )
            )
        renames: list[tuple[str, str | None]] = []
        after_swap: list[tuple[str, str | None]] = []
        for index in ctx.schema.indexes_on(table, column_name):
            if index.constraint in ("p", "u"):
                kind_sql = "PRIMARY KEY" if index.constraint == "p" else "UNIQUE"
                temp = table.sibling(helper_name("new", index.name))
                columns = ", ".join(quote_ident(shadow if c == column_name else c or "") for c in index.columns)
                build = create_index_concurrently(
                    temp,
                    f"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {temp.sql} ON {table.sql} ({columns})",
                    f"Build the {kind_sql} index {temp.sql} on the shadow column",
                )
                contract += [
                    cleanup_invalid_index(temp),
                    replace(build, precheck_sql=f"{build.precheck_sql} UNION ALL {swap_done_early}"),
                ]
                after_swap.append((
                    alter(table, f"ADD CONSTRAINT {quote_ident(index.name)} {kind_sql} USING INDEX {temp.sql}"),
                    constraint_exists_sql(table, index.name),
                ))
                continue
            if not index.definition_sql:
                return kept_dangerous(
                    stmt, facts,
                    f"index {index.name} on {table.key}.{column_name} has no known definition",
                    "rebuild it on a shadow column by hand before swapping the names",
                )
            temp = table.sibling(helper_name("new", index.name))
            index_sql = _index_on_shadow(index.definition_sql, column_name, shadow, temp.name)
            if index_sql is None:
                return kept_dangerous(stmt, facts, f"cannot read index {index.name}", "rebuild it by hand")
            build = create_index_concurrently(temp, index_sql, f"Rebuild {quote_ident(index.name)} on the shadow column")
            contract += [
                cleanup_invalid_index(temp),
                replace(build, precheck_sql=f"{build.precheck_sql} UNION ALL {swap_done_early}"),
            ]
            renames.append((f"ALTER INDEX {temp.sql} RENAME TO {quote_ident(index.name)}", relation_absent_sql(temp)))
        swap_done = column_absent_sql(table, shadow)
        default_sql = column.default_sql
        sequence = column.owned_sequence  # owned by the old column: DROP COLUMN would drop it
        if column.serial_base_type and sequence is not None:
            default_sql = f"nextval({quote_literal(sequence)}::regclass)"
        swap: list[tuple[str, str | None]] = [(drop_trigger, None), (drop_function, None)]
        if sequence is not None:
            swap.append((f"ALTER SEQUENCE {sequence} OWNED BY NONE", swap_done))
        identity_after: list[tuple[str, str | None]] = []
        if column.identity_sql is not None:
            # The shadow column became an identity column (BY DEFAULT) before the swap; it takes
            # over the old sequence's position, then the old column's name, sequence name and kind.
            shadow_sequence = f"pg_get_serial_sequence({quote_literal(table.sql)}, {quote_literal(shadow)})"
            old_sequence = f"pg_get_serial_sequence({quote_literal(table.sql)}, {quote_literal(column_name)})"
            swap.append((
                f"SELECT setval({shadow_sequence}, pg_sequence_last_value({old_sequence}::regclass))",
                swap_done,
            ))
            shadow_seq_name = table.sibling(pg_object_name(table.name, shadow, "seq"))
            identity_after.append((
                (f"ALTER SEQUENCE {shadow_seq_name.sql} RENAME TO "
                f"{quote_ident(pg_object_name(table.name, column_name, 'seq'))}"),
                relation_absent_sql(shadow_seq_name),
            ))
            if "ALWAYS" in column.identity_sql.upper():
                identity_after.append((alter(table, f"ALTER COLUMN {col} SET GENERATED ALWAYS"), None))
        swap += [
            (alter(table, f"DROP COLUMN {col}"), swap_done),
            (alter(table, f"RENAME COLUMN {sh} TO {col}"), swap_done),
            *renames,
            *identity_after,
        ]
        if sequence is not None:
            swap.append((f"ALTER SEQUENCE {sequence} OWNED BY {table.sql}.{col}", None))
        if default_sql is not None:
            swap.append((alter(table, f"ALTER COLUMN {col} SET DEFAULT {default_sql}"), None))
        if column.not_null and ctx.caps.not_null_not_valid:
            shadow_constraint = pg_object_name(table.name, shadow, "not_null")
            swap.append((alter(
                table,
                f"RENAME CONSTRAINT {quote_ident(shadow_constraint)} "
                f"TO {quote_ident(pg_object_name(table.name, column_name, 'not_null'))}",
            ), constraint_absent_sql(table, shadow_constraint)))
        swap += after_swap
        for sql, precheck in swap:
            contract.append(
                StepDraft(
                    kind=StepKind.DDL,
                    description="Swap in the shadow column (one short transaction)",
                    sql=sql,
                    precheck_sql=precheck,
                    group="swap",
                    undo=Undo.impossible("the old column is dropped"),
                    expected_lock=None if sql.startswith("DROP FUNCTION") else LockMode.ACCESS_EXCLUSIVE,
                    handled=(
                        "the swap drops the sync helpers and the old copy of the column; its data "
                        "lives on, converted, in the shadow column that takes its name"
                    ),
                )
            )
        return Rewritten(
            expand=(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Add the shadow column {sh} {type_sql} (catalog only)",
                    sql=alter(table, f"ADD COLUMN {sh} {type_sql}"),
                    undo=Undo.run(alter(table, f"DROP COLUMN IF EXISTS {sh}")),
                    precheck_sql=column_exists_sql(table, shadow),
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                ),
                *sync_trigger_steps(table, function, trigger, body, f"Keep {sh} in sync with {col} on every write"),
            ),
            backfill=(
                StepDraft(
                    kind=StepKind.BACKFILL,
                    description=f"Fill {sh} for existing rows",
                    sql=None,
                    backfill=Backfill(
                        table=table.key,
                        key=tuple(key or ()),
                        set_sql=f"{sh} = {expr}",
                        pending_sql=f"{sh} IS DISTINCT FROM ({expr})",
                    ),
                    expected_lock=LockMode.ROW_EXCLUSIVE,
                ),
            ),
            contract=tuple(contract),
            warnings=(
                (f"statement {stmt.index + 1}: {table.key}.{column_name} moves to the end of the "
                "table (shadow-column type change)"),
            ),
            contract_objects=frozenset({(table.key, column_name)}),
        )
