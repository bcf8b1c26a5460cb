"""Volatility of the functions that appear in column defaults (PostgreSQL `pg_proc.provolatile`).

`ADD COLUMN ... DEFAULT expr` is catalog-only on PostgreSQL 11+ when `expr` is not VOLATILE
("fast default", sql-altertable.html#SQL-ALTERTABLE-NOTES). Each name below is checked against
`pg_proc` of a real server by `tests/pg/test_knowledge_verified.py::test_volatility_table_matches_pg_proc`.
A function not listed is assumed VOLATILE (the worse case) and the analysis says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from sqlglot import exp


class Volatility(StrEnum):
    IMMUTABLE = "immutable"
    STABLE = "stable"
    VOLATILE = "volatile"


# name -> volatility, as pg_proc says; where overloads differ, the most volatile one (the
# analysis does not resolve overloads).
FUNCTIONS: dict[str, Volatility] = {
    # VOLATILE: a fresh value per row, so ADD COLUMN ... DEFAULT f() rewrites the table.
    "random": Volatility.VOLATILE,
    "clock_timestamp": Volatility.VOLATILE,
    "timeofday": Volatility.VOLATILE,
    "gen_random_uuid": Volatility.VOLATILE,
    "nextval": Volatility.VOLATILE,
    "setval": Volatility.VOLATILE,
    "uuid_generate_v1": Volatility.VOLATILE,  # uuid-ossp
    "uuid_generate_v1mc": Volatility.VOLATILE,
    "uuid_generate_v4": Volatility.VOLATILE,
    "uuidv4": Volatility.VOLATILE,  # PG 18
    "uuidv7": Volatility.VOLATILE,  # PG 18
    "random_normal": Volatility.VOLATILE,  # PG 16
    # STABLE: one value per statement; the fast default stores it once.
    "txid_current": Volatility.STABLE,
    "now": Volatility.STABLE,
    "statement_timestamp": Volatility.STABLE,
    "transaction_timestamp": Volatility.STABLE,
    "current_setting": Volatility.STABLE,
    "to_char": Volatility.STABLE,
    "to_timestamp": Volatility.STABLE,
    "current_database": Volatility.STABLE,
    "current_schema": Volatility.STABLE,
    "timezone": Volatility.STABLE,
    # IMMUTABLE
    "lower": Volatility.IMMUTABLE,
    "upper": Volatility.IMMUTABLE,
    "length": Volatility.STABLE,
    "abs": Volatility.IMMUTABLE,
    "md5": Volatility.IMMUTABLE,
    "concat": Volatility.STABLE,
    "jsonb_build_object": Volatility.STABLE,
    "json_build_object": Volatility.STABLE,
    "jsonb_build_array": Volatility.STABLE,
    "array_length": Volatility.IMMUTABLE,
    "make_interval": Volatility.IMMUTABLE,
    "make_date": Volatility.IMMUTABLE,
    "date_trunc": Volatility.STABLE,
    "replace": Volatility.IMMUTABLE,
    "substring": Volatility.IMMUTABLE,
    "trim": Volatility.IMMUTABLE,
    "floor": Volatility.IMMUTABLE,
    "round": Volatility.IMMUTABLE,
    "int4": Volatility.IMMUTABLE,
    "int8": Volatility.IMMUTABLE,
}

_VOLATILE_NODES: tuple[type[exp.Expr], ...] = (exp.Rand, exp.Uuid)
_STABLE_NODES: tuple[type[exp.Expr], ...] = (
    exp.CurrentTimestamp, exp.CurrentDate, exp.CurrentTime, exp.CurrentUser, exp.Localtimestamp,
)


def expression_volatility(
    expr: exp.Expr | None, declared: Mapping[str, str] | None = None
) -> tuple[Volatility, tuple[str, ...]]:
    """The volatility of an expression tree (the strongest of its calls) and the names of the
    functions it calls that are not in `FUNCTIONS` (assumed VOLATILE, the worse case).

    sqlglot normalises some calls into their own node classes (`random()` → `exp.Rand`,
    `gen_random_uuid()` → `exp.Uuid`, `now()` → `exp.CurrentTimestamp`); other calls are
    `exp.Anonymous` and are looked up by lower-cased name. Built-in functions sqlglot models with
    other classes (`lower`, `md5`, casts, …) are not volatile.

    `declared` maps user functions (created by earlier migrations, bare and schema-qualified
    lower-cased names) to their declared volatility (`"immutable" | "stable" | "volatile"`).
    """
    if expr is None:
        return Volatility.IMMUTABLE, ()
    worst = Volatility.IMMUTABLE
    unknown: list[str] = []
    for node in expr.walk():
        if isinstance(node, _VOLATILE_NODES):
            worst = Volatility.VOLATILE
        elif isinstance(node, _STABLE_NODES):
            worst = _max(worst, Volatility.STABLE)
        elif isinstance(node, exp.Anonymous):
            name = str(node.this).lower()
            vol = FUNCTIONS.get(name)
            if declared is not None:
                qualified = f"{_schema_of(node)}.{name}" if _schema_of(node) else name
                said = declared.get(qualified) or declared.get(name)
                if said is not None:
                    vol = Volatility(said)
            if vol is None:
                unknown.append(name)
                vol = Volatility.VOLATILE
            worst = _max(worst, vol)
    return worst, tuple(dict.fromkeys(unknown))


def _schema_of(node: exp.Expr) -> str | None:
    parent = node.parent
    if isinstance(parent, exp.Dot) and isinstance(parent.this, (exp.Identifier, exp.Var, exp.Column)):
        return str(parent.this.name).lower()
    return None


_ORDER = {Volatility.IMMUTABLE: 0, Volatility.STABLE: 1, Volatility.VOLATILE: 2}


def _max(a: Volatility, b: Volatility) -> Volatility:
    return a if _ORDER[a] >= _ORDER[b] else b
