"""A comparable snapshot of one schema's catalog, for equivalence tests (planned vs naive migration).

``snapshot(conn)`` reads tables, columns, constraints, indexes, triggers, functions, views,
sequences and enum types of a schema into a frozen, hashable ``CatalogSnapshot``; two snapshots
compare with ``==``, and ``diff(a, b)`` lists the differences in words for assertion messages.
``data(conn, table, order_by)`` reads a table's rows in a stable order.

Definitions come from PostgreSQL's own deparsers (``format_type``, ``pg_get_constraintdef``,
``pg_get_indexdef``, ``pg_get_triggerdef``, ``pg_get_functiondef``, ``pg_get_viewdef``,
``pg_get_expr``), so two databases built by different statements compare equal exactly when the
server would print the same schema. OIDs never appear in a snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import psycopg
from psycopg import sql


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # format_type(atttypid, atttypmod), e.g. "character varying(50)"
    not_null: bool
    default: str | None  # pg_get_expr(adbin) for defaults; generation expression if generated
    ordinal: int  # attnum order among live columns (1-based); 0 when order is ignored
    identity: str = ""  # pg_attribute.attidentity: '' / 'a' (ALWAYS) / 'd' (BY DEFAULT)
    generated: str = ""  # pg_attribute.attgenerated: '' / 's' (STORED) / 'v' (VIRTUAL, 18+)
    collation: str | None = None  # only when it differs from the type's default


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    kind: str  # relkind: r (table), p (partitioned), f (foreign)
    persistence: str  # p permanent, u unlogged
    columns: tuple[Column, ...]
    partition_key: str | None = None  # pg_get_partkeydef
    partition_bound: str | None = None  # pg_get_expr(relpartbound) for a partition
    parent: str | None = None  # partition parent


@dataclass(frozen=True, slots=True)
class Constraint:
    table: str
    name: str
    type: str  # contype: c check, f foreign key, p primary key, u unique, x exclusion, n not null (18+)
    definition: str  # pg_get_constraintdef
    validated: bool


@dataclass(frozen=True, slots=True)
class Index:
    table: str
    name: str
    definition: str  # pg_get_indexdef
    valid: bool
    unique: bool
    primary: bool


@dataclass(frozen=True, slots=True)
class Trigger:
    table: str
    name: str
    definition: str  # pg_get_triggerdef
    enabled: str  # tgenabled: O origin, D disabled, R replica, A always


@dataclass(frozen=True, slots=True)
class Function:
    signature: str  # name(argtypes)
    definition: str  # pg_get_functiondef


@dataclass(frozen=True, slots=True)
class View:
    name: str
    definition: str  # pg_get_viewdef
    materialized: bool


@dataclass(frozen=True, slots=True)
class Sequence_:
    name: str
    type: str
    start: int
    increment: int
    min_value: int
    max_value: int
    cycle: bool
    owned_by: str | None  # "table.column" of an owning column


@dataclass(frozen=True, slots=True)
class EnumType:
    name: str
    values: tuple[str, ...]  # in enumsortorder


@dataclass(frozen=True, slots=True)
class CatalogSnapshot:
    """Everything user-visible in one schema; each tuple sorted by name."""

    schema: str
    tables: tuple[Table, ...]
    constraints: tuple[Constraint, ...]
    indexes: tuple[Index, ...]
    triggers: tuple[Trigger, ...]
    functions: tuple[Function, ...]
    views: tuple[View, ...]
    sequences: tuple[Sequence_, ...]
    enums: tuple[EnumType, ...]

    def table(self, name: str) -> Table:
        """The table called ``name`` (KeyError if absent)."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def column(self, table: str, name: str) -> Column:
        for column in self.table(table).columns:
            if column.name == name:
                return column
        raise KeyError(f"{table}.{name}")

    def constraint(self, table: str, name: str) -> Constraint:
        for constraint in self.constraints:
            if constraint.table == table and constraint.name == name:
                return constraint
        raise KeyError(f"{table}.{name}")

    def index(self, name: str) -> Index:
        for index in self.indexes:
            if index.name == name:
                return index
        raise KeyError(name)

    def without_column_order(self) -> CatalogSnapshot:
        """The same snapshot with columns sorted by name and ordinals cleared."""
        tables = tuple(
            replace(t, columns=tuple(sorted((replace(c, ordinal=0) for c in t.columns), key=lambda c: c.name)))
            for t in self.tables
        )
        return replace(self, tables=tables)


_TABLES_SQL = """
SELECT c.relname, c.relkind::text, c.relpersistence::text,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
       (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
         WHERE i.inhrelid = c.oid AND c.relispartition)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'f')
ORDER BY c.relname
"""

_COLUMNS_SQL = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
       row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""

_CONSTRAINTS_SQL = """
SELECT c.relname, k.conname, k.contype::text, pg_get_constraintdef(k.oid), k.convalidated
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s
ORDER BY c.relname, k.conname
"""

_INDEXES_SQL = """
SELECT t.relname, i.relname, pg_get_indexdef(i.oid), x.indisvalid, x.indisunique, x.indisprimary
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
WHERE n.nspname = %s
ORDER BY i.relname
"""

_TRIGGERS_SQL = """
SELECT c.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled::text
FROM pg_trigger g
JOIN pg_class c ON c.oid = g.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND NOT g.tgisinternal
ORDER BY c.relname, g.tgname
"""

_FUNCTIONS_SQL = """
SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) ELSE p.prokind::text END
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = %s
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1
"""

_VIEWS_SQL = """
SELECT c.relname, pg_get_viewdef(c.oid), c.relkind = 'm'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind IN ('v', 'm')
ORDER BY c.relname
"""

_SEQUENCES_SQL = """
SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
       s.seqcycle,
       (SELECT t.relname || '.' || a.attname FROM pg_depend d
          JOIN pg_class t ON t.oid = d.refobjid
          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
           AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1)
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s
ORDER BY c.relname
"""

_ENUMS_SQL = """
SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = %s
GROUP BY t.typname
ORDER BY t.typname
"""


def snapshot(
    conn: psycopg.Connection[Any], schema: str = "public", *, ignore_column_order: bool = False
) -> CatalogSnapshot:
    """Read the catalog of ``schema`` through ``conn``.

    Args:
        conn: any connection to the database (its transaction state is left as it was in
            autocommit; in a transaction the snapshot sees that transaction's changes).
        schema: schema to read.
        ignore_column_order: sort columns by name and clear ordinals, so that a column added
            at the end compares equal to the same column declared elsewhere.
    """
    columns: dict[str, list[Column]] = {}
    for table, name, type_, not_null, default, identity, generated, collation, ordinal in conn.execute(
        _COLUMNS_SQL, (schema,)
    ).fetchall():
        columns.setdefault(table, []).append(
            Column(name, type_, bool(not_null), default, int(ordinal), identity or "", generated or "", collation)
        )
    tables = tuple(
        Table(name, kind, persistence, tuple(columns.get(name, ())), partkey, bound, parent)
        for name, kind, persistence, partkey, bound, parent in conn.execute(_TABLES_SQL, (schema,)).fetchall()
    )
    result = CatalogSnapshot(
        schema=schema,
        tables=tables,
        constraints=tuple(Constraint(*row) for row in conn.execute(_CONSTRAINTS_SQL, (schema,)).fetchall()),
        indexes=tuple(Index(*row) for row in conn.execute(_INDEXES_SQL, (schema,)).fetchall()),
        triggers=tuple(Trigger(*row) for row in conn.execute(_TRIGGERS_SQL, (schema,)).fetchall()),
        functions=tuple(Function(*row) for row in conn.execute(_FUNCTIONS_SQL, (schema,)).fetchall()),
        views=tuple(View(*row) for row in conn.execute(_VIEWS_SQL, (schema,)).fetchall()),
        sequences=tuple(
            Sequence_(name, type_, int(start), int(inc), int(mn), int(mx), bool(cycle), owned)
            for name, type_, start, inc, mn, mx, cycle, owned in conn.execute(_SEQUENCES_SQL, (schema,)).fetchall()
        ),
        enums=tuple(EnumType(name, tuple(values)) for name, values in conn.execute(_ENUMS_SQL, (schema,)).fetchall()),
    )
    return result.without_column_order() if ignore_column_order else result


def diff(expected: CatalogSnapshot, actual: CatalogSnapshot) -> list[str]:
    """Human-readable differences between two snapshots (empty when equal)."""
    lines: list[str] = []
    for f in fields(CatalogSnapshot):
        if f.name == "schema":
            continue
        left, right = getattr(expected, f.name), getattr(actual, f.name)
        if left == right:
            continue
        left_set, right_set = set(left), set(right)
        for item in sorted(left_set - right_set, key=repr):
            lines.append(f"{f.name}: only in expected: {item}")
        for item in sorted(right_set - left_set, key=repr):
            lines.append(f"{f.name}: only in actual:   {item}")
        if left_set == right_set:
            lines.append(f"{f.name}: same items, different order")
    return lines


def data(
    conn: psycopg.Connection[Any], table: str, order_by: Sequence[str] | None = None, *, schema: str = "public"
) -> list[tuple[Any, ...]]:
    """All rows of ``table``, ordered by ``order_by`` columns (default: every column in order)."""
    target = sql.Identifier(schema, table)
    order: sql.Composable
    if order_by:
        order = sql.SQL(", ").join(sql.Identifier(c) for c in order_by)
    else:
        ncols = conn.execute(
            "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped",
            (schema, table),
        ).fetchone()
        count = int(ncols[0]) if ncols else 0
        if count == 0:
            return list(conn.execute(sql.SQL("SELECT * FROM {}").format(target)).fetchall())
        order = sql.SQL(", ".join(str(i) for i in range(1, count + 1)))
    return list(conn.execute(sql.SQL("SELECT * FROM {} ORDER BY {}").format(target, order)).fetchall())
