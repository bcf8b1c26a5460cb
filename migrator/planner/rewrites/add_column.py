"""Rewrite `ADD COLUMN` that rewrites the table (volatile default, serial) into add nullable,
default for new rows, batched backfill, safe NOT NULL.

## Applies when
`ALTER TABLE t ADD [COLUMN] c type …` on a table that existed before the migration, when the
column would make PostgreSQL rewrite the table: a volatile default (`random()`,
`gen_random_uuid()`, `clock_timestamp()`, …) or a `serial` type. The column may carry `NOT NULL`
and `DEFAULT`, but no other constraint.

An identity column (`GENERATED … AS IDENTITY`) is numbered from a temporary sequence, then made
an identity column that continues after the last number. `ADD COLUMN … NOT NULL` without a
default fails on a table that has rows: the plan keeps it, marked dangerous, and proposes a
default or a backfill. A stored generated column cannot be added without a rewrite: kept, marked
dangerous, with the manual alternative.

## Expand
In one transaction: `ADD COLUMN c type` (nullable, no default: catalog only) and
`ALTER COLUMN c SET DEFAULT <the default as written>`, so new rows get it. A `serial` column gets
its sequence first (`CREATE SEQUENCE t_c_seq AS <int type>`, owned by the column).

## Backfill
`UPDATE t SET c = <default> WHERE c IS NULL`, in keyset batches over the primary key.

## Contract
If the column was NOT NULL: the safe NOT NULL sequence (see `set_not_null`). For an identity
column, in one short transaction: drop the temporary default, `ADD GENERATED … AS IDENTITY`,
`setval` its sequence past the last number handed out, drop the temporary sequence.

## Undo
`ALTER TABLE t DROP COLUMN IF EXISTS c` (and `DROP SEQUENCE IF EXISTS` for serial).

## PostgreSQL versions
All supported versions (the NOT NULL sequence is 12+; native NOT VALID on 18+).

## Example
```sql
ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
```
becomes
```sql
-- expand (one transaction)
ALTER TABLE "users" ADD COLUMN "token" uuid;
ALTER TABLE "users" ALTER COLUMN "token" SET DEFAULT gen_random_uuid();
-- backfill
UPDATE "users" SET "token" = gen_random_uuid() WHERE "token" IS NULL  -- in batches by "id"
-- contract: NOT NULL without a long lock
```
"""

from __future__ import annotations

import re
from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts, Risk
from migrator.analysis.locks import LockMode
from migrator.planner.model import Backfill, StepKind, Undo
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    alter_table,
    is_small,
)
from migrator.planner.schema import ColumnDef, read_column_def
from migrator.planner.sqltext import (
    QualifiedName,
    clause_end,
    find_token,
    helper_name,
    pg_object_name,
    quote_ident,
    quote_literal,
    tokenize,
)
from migrator.planner.steps import (
    alter,
    column_exists_sql,
    not_null_steps,
    relation_absent_sql,
    relation_exists_sql,
)
from migrator.sql.statement import Statement

# Used only when the analysis could not judge the default (risk unknown).
_VOLATILE_NAMES = re.compile(
    r"\b(random|gen_random_uuid|uuid_generate_v[14]|uuidv[47]|clock_timestamp|timeofday|"
    r"nextval|txid_current|statement_timestamp|setseed)\s*\(",
    re.IGNORECASE,
)


def added_column(stmt: Statement) -> tuple[QualifiedName, ColumnDef] | None:
    found = alter_table(stmt)
    if found is None or not isinstance(found[1], exp.ColumnDef):
        return None
    tokens = tokenize(stmt.sql)
    first = find_token(tokens, "ADD")
    if first is None:
        return None
    first += 1
    if first < len(tokens) and tokens[first].text.upper() == "COLUMN":
        first += 1
    if first + 2 < len(tokens) and tokens[first].text.upper() == "IF":
        first += 3
    last = clause_end(tokens, first)
    col = read_column_def(stmt.sql, tokens, first, last)
    return None if col is None else (found[0], col)


def _rewrites_table(col: ColumnDef, facts: Facts) -> bool:
    if col.serial_base_type:
        return True
    if col.default_sql is None:
        return False
    if facts.risk is Risk.UNKNOWN or not facts.sources:
        return bool(_VOLATILE_NAMES.search(col.default_sql))
    return facts.rewrite


class AddColumn(BaseRewrite):
    name: ClassVar[str] = "add_column"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = added_column(stmt)
        if found is None:
            return False
        table, col = found
        if ctx.is_new(table) or is_small(ctx, table):
            return False
        if col.generated_sql:
            return "STORED" in col.generated_sql.upper() or not ctx.caps.virtual_generated_columns
        if col.identity_sql:
            return True
        if col.not_null and col.default_sql is None and not col.serial_base_type:
            return True
        if col.primary_key or col.unique or col.references or col.check:
            return False
        return _rewrites_table(col, facts)

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = added_column(stmt)
        assert found is not None
        table, col = found
        if col.identity_sql and not (col.primary_key or col.unique or col.references or col.check):
            return self._identity(table, col, ctx)
        if col.generated_sql or col.identity_sql:
            return self._kept(
                stmt,
                facts,
                "adding a stored generated column (or an identity column with constraints) "
                "rewrites the whole table under ACCESS EXCLUSIVE",
                "add a plain nullable column, fill new rows with a trigger or a default, backfill "
                "existing rows in batches, then add NOT NULL with a validated CHECK; or add the "
                "column while the table is small",
            )
        if col.not_null and col.default_sql is None and not col.serial_base_type:
            return self._kept(
                stmt,
                facts,
                "ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows",
                f"give the column a DEFAULT (a constant default is catalog-only), or add it "
                f"nullable, backfill it (UPDATE {table.sql} SET {quote_ident(col.name)} = … in "
                "batches), then SET NOT NULL",
            )
        column = quote_ident(col.name)
        expand: list[StepDraft] = []
        type_sql = col.type_sql
        default_sql = col.default_sql
        if col.serial_base_type:
            sequence = table.sibling(pg_object_name(table.name, col.name, "seq"))
            type_sql = col.serial_base_type
            default_sql = f"nextval({quote_literal(sequence.sql)}::regclass)"
            expand.append(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Create the sequence {sequence.sql} for the serial column",
                    sql=f"CREATE SEQUENCE IF NOT EXISTS {sequence.sql} AS {type_sql}",
                    undo=Undo.run(f"DROP SEQUENCE IF EXISTS {sequence.sql}"),
                    precheck_sql=relation_exists_sql(sequence),
                    group="add-column",
                    expected_lock=None,
                )
            )
        assert default_sql is not None
        expand.append(
            StepDraft(
                kind=StepKind.DDL,
                description=f"Add {column} nullable without a default (catalog only)",
                sql=alter(table, f"ADD COLUMN {column} {type_sql}"),
                undo=Undo.run(alter(table, f"DROP COLUMN IF EXISTS {column}")),
                precheck_sql=column_exists_sql(table, col.name),
                group="add-column",
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            )
        )
        expand.append(
            StepDraft(
                kind=StepKind.DDL,
                description=f"Give new rows the default of {column}",
                sql=alter(table, f"ALTER COLUMN {column} SET DEFAULT {default_sql}"),
                undo=Undo.nothing(),
                group="add-column",
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            )
        )
        if col.serial_base_type:
            expand.append(
                StepDraft(
                    kind=StepKind.DDL,
                    description="Make the sequence owned by the column",
                    sql=f"ALTER SEQUENCE {sequence.sql} OWNED BY {table.sql}.{column}",
                    undo=Undo.nothing(),
                    group="add-column",
                    expected_lock=None,
                )
            )
        key = ctx.schema.primary_key(table)
        backfill = StepDraft(
            kind=StepKind.BACKFILL,
            description=f"Fill {column} of existing rows in batches",
            sql=None,
            backfill=Backfill(
                table=table.key,
                key=tuple(key or ()),
                set_sql=f"{column} = {default_sql}",
                where_sql=f"{column} IS NULL",
                pending_sql=f"{column} IS NULL",
            ),
            undo=Undo.nothing(),
            expected_lock=LockMode.ROW_EXCLUSIVE,
            notes=() if key else ("the table's primary key is not known to the plan: the backfill needs one",),
        )
        contract = not_null_steps(table, col.name, ctx.caps, group="not-null") if col.not_null else ()
        return Rewritten(
            expand=tuple(expand),
            backfill=(backfill,),
            contract=contract,
            contract_objects=frozenset({(table.key, col.name)}) if contract else frozenset(),
        )

    def _identity(self, table: QualifiedName, col: ColumnDef, ctx: PlanContext) -> Rewritten:
        """Identity column: fill from a temporary sequence, then make it an identity column that
        continues after the last value handed out, and drop the temporary sequence."""
        assert col.identity_sql is not None
        column = quote_ident(col.name)
        temp = table.sibling(helper_name("seq", table.name, col.name))
        next_value = f"nextval({quote_literal(temp.sql)}::regclass)"
        is_identity = column_exists_sql(table, col.name) + " AND a.attidentity <> ''"
        expand = (
            StepDraft(
                kind=StepKind.DDL,
                description=f"Create the temporary sequence {temp.sql} that numbers existing rows",
                sql=f"CREATE SEQUENCE IF NOT EXISTS {temp.sql} AS {col.type_sql}",
                undo=Undo.run(f"DROP SEQUENCE IF EXISTS {temp.sql}"),
                precheck_sql=relation_exists_sql(temp),
                group="add-column",
            ),
            StepDraft(
                kind=StepKind.DDL,
                description=f"Add {column} nullable without a default (catalog only)",
                sql=alter(table, f"ADD COLUMN {column} {col.type_sql}"),
                undo=Undo.run(alter(table, f"DROP COLUMN IF EXISTS {column}")),
                precheck_sql=column_exists_sql(table, col.name),
                group="add-column",
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            ),
            StepDraft(
                kind=StepKind.DDL,
                description=f"Number new rows from {temp.sql} until the identity takes over",
                sql=alter(table, f"ALTER COLUMN {column} SET DEFAULT {next_value}"),
                precheck_sql=is_identity,
                group="add-column",
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            ),
        )
        backfill = StepDraft(
            kind=StepKind.BACKFILL,
            description="Number existing rows in batches",
            sql=None,
            backfill=Backfill(
                table=table.key,
                key=tuple(ctx.schema.primary_key(table) or ()),
                set_sql=f"{column} = {next_value}",
                where_sql=f"{column} IS NULL",
                pending_sql=f"{column} IS NULL",
            ),
            expected_lock=LockMode.ROW_EXCLUSIVE,
        )
        serial_sequence = f"pg_get_serial_sequence({quote_literal(table.sql)}, {quote_literal(col.name)})"
        contract = (
            *not_null_steps(table, col.name, ctx.caps, group="not-null"),
            StepDraft(
                kind=StepKind.DDL,
                description=f"Stop numbering from {temp.sql}",
                sql=alter(table, f"ALTER COLUMN {column} DROP DEFAULT"),
                precheck_sql=is_identity,
                group="identity",
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            ),
            StepDraft(
                kind=StepKind.DDL,
                description=f"Make {column} an identity column (catalog only: it is NOT NULL already)",
                sql=alter(table, f"ALTER COLUMN {column} ADD {col.identity_sql}"),
                undo=Undo.run(alter(table, f"ALTER COLUMN {column} DROP IDENTITY IF EXISTS")),
                precheck_sql=is_identity,
                group="identity",
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            ),
            StepDraft(
                kind=StepKind.DDL,
                description="Continue the identity after the last number handed out",
                sql=f"SELECT setval({serial_sequence}, {next_value}, false)",
                precheck_sql=relation_absent_sql(temp),
                group="identity",
            ),
            StepDraft(
                kind=StepKind.CLEANUP,
                description=f"Drop the temporary sequence {temp.sql}",
                sql=f"DROP SEQUENCE IF EXISTS {temp.sql}",
                group="identity",
                handled="the sequence is the plan's own helper; the identity sequence has taken over",
            ),
        )
        return Rewritten(
            expand=expand,
            backfill=(backfill,),
            contract=contract,
            contract_objects=frozenset({(table.key, col.name)}),
        )

    def _kept(self, stmt: Statement, facts: Facts, reason: str, alternative: str) -> Rewritten:
        from migrator.planner.rewrites.passthrough import kept_dangerous

        return kept_dangerous(stmt, facts, reason, alternative)
