"""Shared setup SQL and match helpers for the knowledge modules."""

from __future__ import annotations

from sqlglot import exp

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.from_ast import ident, type_ref
from migrator.analysis.pg.coercion import (
    TypeChange,
    TypeChangeVerdict,
    TypeRef,
    classify_type_change,
)
from migrator.analysis.pg.volatility import Volatility, expression_volatility

# The tables most examples run against: `t` has rows, an index on `c` and a foreign key to `parent`.
BASE = (
    "CREATE TABLE parent (id int PRIMARY KEY, name text);\n"
    "INSERT INTO parent VALUES (1, 'a'), (2, 'b');\n"
    "CREATE TABLE t (id int PRIMARY KEY, c int, v varchar(50), ts timestamp, pid int REFERENCES parent (id));\n"
    "INSERT INTO t VALUES (1, 1, 'a', '2024-01-01', 1), (2, 2, 'b', '2024-01-02', 2);\n"
    "CREATE INDEX t_c_idx ON t (c);\n"
)
# A plain table with no foreign keys (for statements whose locks would otherwise reach `parent`).
SOLO = (
    "CREATE TABLE s (id int PRIMARY KEY, c int, v text);\n"
    "INSERT INTO s VALUES (1, 1, 'a'), (2, 2, 'b');\n"
    "CREATE INDEX s_c_idx ON s (c);\n"
)
PARTITIONED = (
    "CREATE TABLE m (id int NOT NULL, k int NOT NULL) PARTITION BY RANGE (k);\n"
    "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10);\n"
    "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20);\n"
    "INSERT INTO m VALUES (1, 1), (2, 15);\n"
)


def default_volatility(action: Action, ctx: Context | None = None) -> Volatility | None:
    """The volatility of an ADD COLUMN default; user functions declared by earlier migrations
    count with their declared volatility (from the schema model)."""
    spec = action.column_spec
    if spec is None or spec.default is None:
        return None
    declared = ctx.schema.declared_volatility() if ctx is not None and ctx.schema.functions else None
    return expression_volatility(spec.default, declared)[0]


def type_verdict(action: Action, ctx: Context) -> TypeChangeVerdict:
    """The cost of an ALTER COLUMN TYPE action, from the schema model's old type (memoised per
    action: several entries ask)."""
    cached = ctx.memo.get(id(action))
    if cached is not None and cached[0] is action and isinstance(cached[1], TypeChangeVerdict):
        return cached[1]
    verdict = _type_verdict(action, ctx)
    ctx.memo[id(action)] = (action, verdict)
    return verdict


def _type_verdict(action: Action, ctx: Context) -> TypeChangeVerdict:
    assert action.table is not None and action.type is not None and action.column is not None
    table = ctx.schema.table(action.table)
    column = table.column(action.column) if table else None
    old = column.type if column else None
    new = action.type
    schema = ctx.schema
    # An unconstrained domain is binary-coercible with its base type both ways (sql-altertable
    # notes: "an unconstrained domain over the new type" needs no rewrite; PostgreSQL strips the
    # domain of the old type before the coercibility test). A domain with constraints checks
    # every value: a rewrite.
    old_domain = (column.domain if column is not None and column.domain else None) or (
        _domain_name(old, ctx) if old is not None else None)
    if old is not None and old_domain is not None and old_domain in schema.domain_base:
        old = schema.domain_base[old_domain]
    new_domain = _domain_name(new, ctx)
    if new_domain is not None:
        if schema.domains.get(new_domain, True) or new_domain not in schema.domain_base:
            return TypeChangeVerdict(TypeChange.REWRITE, f"{new} is a domain with constraints (or not in the schema "
                                     "model): every value is checked, the table and its indexes are rewritten")
        new = schema.domain_base[new_domain]
    using = action.using
    if using is not None and _trivial_using(using, action.column, action):
        using = None
    indexed = bool(ctx.schema.indexes_on_column(action.table, action.column)) if table else True
    return classify_type_change(
        old, new, has_using=using is not None, session_utc=ctx.session_utc, column_indexed=indexed
    )


def _domain_name(t: TypeRef | None, ctx: Context) -> str | None:
    if t is None or t.array:
        return None
    name = t.base if "." in t.base else f"{ctx.default_schema}.{t.base}"
    return name if name in ctx.schema.domains else None


def _trivial_using(using: exp.Expr, column: str, action: Action) -> bool:
    """`USING c` or `USING c::newtype`: PostgreSQL treats it like no USING clause."""
    if isinstance(using, exp.Column):
        return ident(using) == column
    if isinstance(using, exp.Cast) and isinstance(using.this, exp.Column) and ident(using.this) == column:
        t = type_ref(using.args.get("to"))
        return t is not None and action.type is not None and t.base == action.type.base and t.mods == action.type.mods
    return False


def verdict_is(*changes: TypeChange):  # type: ignore[no-untyped-def]
    def test(action: Action, ctx: Context) -> bool:
        if action.type is None or action.table is None or action.column is None:
            return TypeChange.UNKNOWN in changes
        return type_verdict(action, ctx).change in changes

    return test
