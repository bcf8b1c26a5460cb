"""Volatility of the functions that appear in column defaults (PostgreSQL `pg_proc.provolatile`).

`ADD COLUMN ... DEFAULT expr` is catalog-only on PostgreSQL 11+ when `expr` is not VOLATILE
("fast default", sql-altertable.html#SQL-ALTERTABLE-NOTES). Each name below is checked against
`pg_proc` of a real server by `tests/pg/test_knowledge_verified.py::test_volatility_table_matches_pg_proc`.
A function not listed is assumed VOLATILE (the worse case) and the analysis says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from migrator.analysis.tokens import Tok, TokKind


class Volatility(StrEnum):
    IMMUTABLE = "immutable"
    STABLE = "stable"
    VOLATILE = "volatile"


# name -> volatility, as pg_proc says (all overloads of the name share it).
FUNCTIONS: dict[str, Volatility] = {
    # VOLATILE: a fresh value per row, so ADD COLUMN ... DEFAULT f() rewrites the table.
    "random": Volatility.VOLATILE,
    "clock_timestamp": Volatility.VOLATILE,
    "timeofday": Volatility.VOLATILE,
    "gen_random_uuid": Volatility.VOLATILE,
    "nextval": Volatility.VOLATILE,
    "setval": Volatility.VOLATILE,
    "txid_current": Volatility.STABLE,
    "uuid_generate_v1": Volatility.VOLATILE,  # uuid-ossp
    "uuid_generate_v1mc": Volatility.VOLATILE,
    "uuid_generate_v4": Volatility.VOLATILE,
    "uuidv4": Volatility.VOLATILE,  # PG 18
    "uuidv7": Volatility.VOLATILE,  # PG 18
    "random_normal": Volatility.VOLATILE,  # PG 16
    # STABLE: one value per statement; the fast default stores it once.
    "now": Volatility.STABLE,
    "statement_timestamp": Volatility.STABLE,
    "transaction_timestamp": Volatility.STABLE,
    "current_setting": Volatility.STABLE,
    "to_char": Volatility.STABLE,
    "to_timestamp": Volatility.IMMUTABLE,
    "current_database": Volatility.STABLE,
    "current_schema": Volatility.STABLE,
    "timezone": Volatility.IMMUTABLE,
    # IMMUTABLE
    "lower": Volatility.IMMUTABLE,
    "upper": Volatility.IMMUTABLE,
    "length": Volatility.IMMUTABLE,
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

# SQL-standard value functions written without parentheses, and constructs that look like calls.
KEYWORD_VOLATILITY: dict[str, Volatility] = {
    "CURRENT_TIMESTAMP": Volatility.STABLE,
    "CURRENT_DATE": Volatility.STABLE,
    "CURRENT_TIME": Volatility.STABLE,
    "LOCALTIMESTAMP": Volatility.STABLE,
    "LOCALTIME": Volatility.STABLE,
    "CURRENT_USER": Volatility.STABLE,
    "SESSION_USER": Volatility.STABLE,
    "CURRENT_ROLE": Volatility.STABLE,
    "CURRENT_SCHEMA": Volatility.STABLE,
    "CURRENT_CATALOG": Volatility.STABLE,
    "USER": Volatility.STABLE,
}

# Syntax that takes parentheses but is not a function call (or is immutable by construction).
_NOT_CALLS = frozenset(
    {"CAST", "COALESCE", "NULLIF", "GREATEST", "LEAST", "ARRAY", "ROW", "EXTRACT", "CASE",
     "AND", "OR", "NOT", "IN", "ANY", "ALL", "SOME", "IS", "AS", "OVERLAPS", "POSITION",
     "TRIM", "SUBSTRING", "OVERLAY", "INTERVAL", "VALUES", "COLLATE", "ON"} | set(KEYWORD_VOLATILITY)
)
_TYPE_WORDS = frozenset(
    {"VARCHAR", "CHARACTER", "CHAR", "NUMERIC", "DECIMAL", "TIMESTAMP", "TIME", "BIT", "VARBIT",
     "FLOAT", "VARYING", "INTERVAL", "TIMESTAMPTZ", "TIMETZ", "BPCHAR"}
)


def expression_volatility(tokens: Iterable[Tok]) -> tuple[Volatility, tuple[str, ...]]:
    """The volatility of an expression (the strongest of its calls) and the names of functions it
    calls that are not in the table (assumed VOLATILE).

    Example: `now()` → STABLE; `(random() * 10)::int` → VOLATILE; `my_fn()` → VOLATILE, ("my_fn",).
    """
    toks = list(tokens)
    worst = Volatility.IMMUTABLE
    unknown: list[str] = []
    for j, t in enumerate(toks):
        if t.kind is not TokKind.WORD and t.kind is not TokKind.QIDENT:
            continue
        if t.kind is TokKind.WORD and t.up in KEYWORD_VOLATILITY:
            worst = _max(worst, KEYWORD_VOLATILITY[t.up])
            continue
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is None or nxt.text != "(":
            continue
        prev = toks[j - 1] if j > 0 else None
        if prev is not None and (prev.text == "::" or prev.up == "AS"):
            continue  # a type name with a modifier: '1'::numeric(3)
        if t.kind is TokKind.WORD and (t.up in _NOT_CALLS or t.up in _TYPE_WORDS):
            continue
        name = t.name
        if prev is not None and prev.text == "." and j >= 2:
            name = t.name  # schema-qualified call: judge by the function name
        vol = FUNCTIONS.get(name)
        if vol is None:
            unknown.append(name)
            vol = Volatility.VOLATILE
        worst = _max(worst, vol)
    return worst, tuple(dict.fromkeys(unknown))


_ORDER = {Volatility.IMMUTABLE: 0, Volatility.STABLE: 1, Volatility.VOLATILE: 2}


def _max(a: Volatility, b: Volatility) -> Volatility:
    return a if _ORDER[a] >= _ORDER[b] else b
