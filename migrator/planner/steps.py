"""Step builders shared by several rewrites (index cleanup and concurrent build, NOT VALID and
VALIDATE, the safe NOT NULL sequence). Every identifier is quoted; user text is passed in as is.
"""

from __future__ import annotations

from dataclasses import replace

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites.base import StepDraft
from migrator.planner.sqltext import (
    QualifiedName,
    helper_name,
    pg_object_name,
    quote_ident,
    quote_literal,
)

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE


def alter(table: QualifiedName, action_sql: str) -> str:
    return f"ALTER TABLE {table.sql} {action_sql}"


def drop_index_concurrently(index: QualifiedName) -> str:
    return f"DROP INDEX CONCURRENTLY IF EXISTS {index.sql}"


def invalid_index_absent_sql(index: QualifiedName) -> str:
    """A query returning a row when no INVALID index of that name exists (cleanup not needed)."""
    return (
        "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i "
        f"WHERE i.indexrelid = to_regclass({index.regclass}) AND NOT i.indisvalid)"
    )


def index_exists_valid_sql(index: QualifiedName) -> str:
    return (
        "SELECT 1 FROM pg_catalog.pg_index i "
        f"WHERE i.indexrelid = to_regclass({index.regclass}) AND i.indisvalid"
    )


def cleanup_invalid_index(index: QualifiedName) -> StepDraft:
    """Drop an INVALID index of this name left by a failed concurrent build (skipped otherwise)."""
    return StepDraft(
        kind=StepKind.CLEANUP,
        description=f"Drop {index.sql} if a failed earlier build left it INVALID",
        sql=drop_index_concurrently(index),
        transactional=False,
        undo=Undo.nothing(),
        precheck_sql=invalid_index_absent_sql(index),
        expected_lock=SUE,
    )


def create_index_concurrently(index: QualifiedName, sql: str, description: str) -> StepDraft:
    return StepDraft(
        kind=StepKind.DDL,
        description=description,
        sql=sql,
        transactional=False,
        undo=Undo.run(drop_index_concurrently(index), transactional=False),
        precheck_sql=index_exists_valid_sql(index),
        expected_lock=SUE,
    )


def constraint_exists_sql(table: QualifiedName, name: str, *, validated: bool | None = None) -> str:
    cond = "" if validated is None else (" AND c.convalidated" if validated else "")
    return (
        "SELECT 1 FROM pg_catalog.pg_constraint c "
        f"WHERE c.conrelid = to_regclass({table.regclass}) AND c.conname = {quote_literal(name)}{cond}"
    )


def validate_constraint(table: QualifiedName, name: str, lock: LockMode = SUE) -> StepDraft:
    return StepDraft(
        kind=StepKind.VALIDATE,
        description=f"Validate {quote_ident(name)}: scans {table.sql} without blocking reads or writes",
        sql=alter(table, f"VALIDATE CONSTRAINT {quote_ident(name)}"),
        transactional=True,
        undo=Undo.nothing(),
        precheck_sql=constraint_exists_sql(table, name, validated=True),
        expected_lock=lock,
    )


def drop_constraint_sql(table: QualifiedName, name: str) -> str:
    return alter(table, f"DROP CONSTRAINT IF EXISTS {quote_ident(name)}")


def not_null_steps(
    table: QualifiedName, column: str, caps: Capabilities, *, group: str
) -> tuple[StepDraft, ...]:
    """Make `column` NOT NULL without a long lock.

    18+: `ADD CONSTRAINT <t>_<c>_not_null NOT NULL c NOT VALID`, then `VALIDATE` (the name is the
    one PostgreSQL gives a NOT NULL constraint). 12+: `CHECK (c IS NOT NULL) NOT VALID`,
    `VALIDATE`, then `SET NOT NULL` (no scan: the valid check proves it) and drop the helper
    check, the last two in one transaction.
    """
    col = quote_ident(column)
    if caps.not_null_not_valid:
        name = pg_object_name(table.name, column, "not_null")
        return (
            StepDraft(
                kind=StepKind.DDL,
                description=f"Add NOT NULL on {col} as NOT VALID (no scan)",
                sql=alter(table, f"ADD CONSTRAINT {quote_ident(name)} NOT NULL {col} NOT VALID"),
                undo=Undo.run(alter(table, f"ALTER COLUMN {col} DROP NOT NULL")),
                precheck_sql=column_not_null_sql(table, column),
                expected_lock=AE,
            ),
            validate_constraint(table, name),
        )
    check = helper_name("nn", table.name, column)
    return (
        StepDraft(
            kind=StepKind.DDL,
            description=f"Add CHECK ({col} IS NOT NULL) NOT VALID (no scan)",
            sql=alter(table, f"ADD CONSTRAINT {quote_ident(check)} CHECK ({col} IS NOT NULL) NOT VALID"),
            undo=Undo.run(drop_constraint_sql(table, check)),
            precheck_sql=f"{constraint_exists_sql(table, check)} UNION ALL {column_not_null_sql(table, column)}",
            expected_lock=AE,
        ),
        replace(
            validate_constraint(table, check),
            precheck_sql=(
                f"{constraint_exists_sql(table, check, validated=True)} UNION ALL "
                f"{column_not_null_sql(table, column)}"
            ),
        ),
        StepDraft(
            kind=StepKind.DDL,
            description=f"SET NOT NULL on {col}: no scan, the valid check proves it",
            sql=alter(table, f"ALTER COLUMN {col} SET NOT NULL"),
            undo=Undo.run(alter(table, f"ALTER COLUMN {col} DROP NOT NULL")),
            precheck_sql=column_not_null_sql(table, column),
            group=group,
            expected_lock=AE,
        ),
        StepDraft(
            kind=StepKind.CLEANUP,
            description=f"Drop the helper check {quote_ident(check)}",
            sql=drop_constraint_sql(table, check),
            undo=Undo.nothing(),
            precheck_sql=constraint_absent_sql(table, check),
            group=group,
            expected_lock=AE,
        ),
    )


# Prechecks: each returns a row when its step is already done and must be skipped, so that a
# plan (or an emitted script) can run again after an interruption without repeating a change.
def column_exists_sql(table: QualifiedName, column: str) -> str:
    return (
        "SELECT 1 FROM pg_catalog.pg_attribute a "
        f"WHERE a.attrelid = to_regclass({table.regclass}) AND a.attname = {quote_literal(column)} "
        "AND a.attnum > 0 AND NOT a.attisdropped"
    )


def column_absent_sql(table: QualifiedName, column: str) -> str:
    return f"SELECT 1 WHERE NOT EXISTS ({column_exists_sql(table, column)})"


def column_not_null_sql(table: QualifiedName, column: str) -> str:
    return column_exists_sql(table, column) + " AND a.attnotnull"


def constraint_absent_sql(table: QualifiedName, name: str) -> str:
    return f"SELECT 1 WHERE NOT EXISTS ({constraint_exists_sql(table, name)})"


def relation_exists_sql(name: QualifiedName) -> str:
    return f"SELECT 1 WHERE to_regclass({name.regclass}) IS NOT NULL"


def relation_absent_sql(name: QualifiedName) -> str:
    return f"SELECT 1 WHERE to_regclass({name.regclass}) IS NULL"


def trigger_exists_sql(table: QualifiedName, trigger: str) -> str:
    return (
        "SELECT 1 FROM pg_catalog.pg_trigger t "
        f"WHERE t.tgrelid = to_regclass({table.regclass}) AND t.tgname = {quote_literal(trigger)}"
    )
