"""Read what database-aware planning needs from a live catalog, read-only, with a short timeout:
the server version, per table its row estimate and size, and the schema's shape as DDL.

The planner uses them to keep a statement as written on a tiny table (a brief lock costs less
than a phased plan) and to estimate how long each step that keeps its blocking lock would hold
it. Only the catalog is read (`pg_class`, `pg_namespace`); no table is scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from migrator.analysis.pg.versions import major_from_server_version_num
from migrator.errors import ConnectionFailed, redact_dsn
from migrator.planner.rewrites.base import TableStat

if TYPE_CHECKING:
    from migrator.sql.statement import Migration

# A rough rewrite/scan rate used to turn a table size into a lock-hold estimate.
ESTIMATED_BYTES_PER_SECOND = 100 * 1024 * 1024

_TABLES_SQL = """
SELECT n.nspname || '.' || c.relname,
       -- reltuples < 0: never vacuumed or analysed (PostgreSQL 14+): the row count is unknown
       CASE WHEN c.reltuples < 0 THEN -1 ELSE c.reltuples::bigint END,
       pg_catalog.pg_total_relation_size(c.oid)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
ORDER BY 1
"""


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    """What the live database told the planner."""

    server_major: int
    table_stats: dict[str, TableStat]
    schema_sql: str = ""  # `read_schema_sql`: plan it as history (see `database_history`)

    def database_history(self) -> Migration:
        """The live schema as a migration to pass first to `analyze` and as `plan(history=...)`."""
        from migrator.sql.parse import parse_sql

        return parse_sql(self.schema_sql, "<database>")


def read_catalog(dsn: str, *, statement_timeout_ms: int = 5_000) -> CatalogInfo:
    """Connect read-only and read the server version and table estimates.

    Raises:
        ConnectionFailed: the database cannot be reached (the message never shows a password).
    """
    import psycopg

    try:
        with psycopg.connect(dsn, connect_timeout=10, autocommit=False) as conn:
            return read_catalog_from(conn, statement_timeout_ms=statement_timeout_ms)
    except psycopg.OperationalError as exc:
        raise ConnectionFailed(redact_dsn(dsn), str(exc)) from None


def read_catalog_from(conn: Any, *, statement_timeout_ms: int = 5_000) -> CatalogInfo:
    """Same as `read_catalog` on an open psycopg connection (in a read-only transaction)."""
    with conn.transaction():
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute(f"SET LOCAL statement_timeout = {int(statement_timeout_ms)}")
        row = conn.execute("SELECT current_setting('server_version_num')::int").fetchone()
        stats = {
            name: TableStat(rows=int(rows), total_bytes=int(size))
            for name, rows, size in conn.execute(_TABLES_SQL).fetchall()
        }
        schema_sql = read_schema_sql(conn)
    return CatalogInfo(
        server_major=major_from_server_version_num(int(row[0])), table_stats=stats, schema_sql=schema_sql
    )


def estimated_lock_seconds(stat: TableStat) -> float:
    """Rough time a rewrite or full scan of the table takes (and holds its lock)."""
    return stat.total_bytes / ESTIMATED_BYTES_PER_SECOND


_COLUMNS_SQL = """
SELECT n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
ORDER BY n.nspname, c.relname, a.attnum
"""
_PARTITION_KEYS_SQL = """
SELECT n.nspname, c.relname, pg_get_partkeydef(c.oid)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'p' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
"""
_PARTITIONS_SQL = """
SELECT n.nspname, c.relname, pn.nspname, p.relname, pg_get_expr(c.relpartbound, c.oid), c.relkind,
       pg_get_partkeydef(c.oid)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid
JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relispartition AND c.relkind IN ('r', 'p')
ORDER BY (SELECT count(*) FROM pg_catalog.pg_partition_ancestors(c.oid)), n.nspname, c.relname
"""
_SEQUENCES_SQL = """
SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
       s.seqmax, s.seqcycle, tn.nspname, t.relname, a.attname
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.objid = c.oid AND i.deptype = 'i')
ORDER BY n.nspname, c.relname
"""
_CONSTRAINTS_SQL = """
SELECT n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid)
FROM pg_catalog.pg_constraint k
JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0 AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY k.contype = 'f', n.nspname, c.relname, k.conname
"""
_INDEXES_SQL = """
SELECT pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid)
  AND NOT ic.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
ORDER BY 1
"""


def read_schema_sql(conn: Any) -> str:
    """DDL that recreates the live schema's shape (tables, columns with their types, defaults and
    nullability, partitions, constraints, indexes), from PostgreSQL's own deparsers.

    Planned as `history`, it tells the planner and the analysis what exists: `plan(...,
    history=[parse_sql(read_schema_sql(conn), "<database>")])`. No table is scanned.
    """
    from migrator.planner.sqltext import QualifiedName, quote_ident

    out: list[str] = []
    owned: list[str] = []
    for schema, name, type_, start, increment, minimum, maximum, cycle, tschema, table, column in conn.execute(
        _SEQUENCES_SQL
    ).fetchall():
        sequence = QualifiedName(schema, name).sql
        out.append(
            f"CREATE SEQUENCE {sequence} AS {type_} INCREMENT BY {increment} MINVALUE {minimum} "
            f"MAXVALUE {maximum} START WITH {start}{' CYCLE' if cycle else ''};"
        )
        if table is not None and column is not None:
            owned.append(f"ALTER SEQUENCE {sequence} OWNED BY {QualifiedName(tschema, table).sql}.{quote_ident(column)};")
    tables: dict[tuple[str, str], list[str]] = {}
    kinds: dict[tuple[str, str], str] = {}
    for schema, table, kind, column, type_, not_null, default, identity, generated, collation in conn.execute(
        _COLUMNS_SQL
    ).fetchall():
        parts = [quote_ident(column), type_]
        if collation:
            parts.append(f"COLLATE {quote_ident(collation)}")
        if generated:
            parts.append(f"GENERATED ALWAYS AS ({default}) {'STORED' if generated == 's' else 'VIRTUAL'}")
        elif default is not None:
            parts.append(f"DEFAULT {default}")
        if identity:
            parts.append(f"GENERATED {'ALWAYS' if identity == 'a' else 'BY DEFAULT'} AS IDENTITY")
        if not_null:
            parts.append("NOT NULL")
        tables.setdefault((schema, table), []).append(" ".join(parts))
        kinds[(schema, table)] = kind
    keys = {(s, t): key for s, t, key in conn.execute(_PARTITION_KEYS_SQL).fetchall()}
    for (schema, table), columns in tables.items():
        name = QualifiedName(schema, table).sql
        partition = f" PARTITION BY {keys[(schema, table)]}" if (schema, table) in keys else ""
        out.append(f"CREATE TABLE {name} ({', '.join(columns)}){partition};")
    for schema, table, pschema, parent, bound, kind, key in conn.execute(_PARTITIONS_SQL).fetchall():
        sub = f" PARTITION BY {key}" if kind == "p" and key else ""
        out.append(
            f"CREATE TABLE {QualifiedName(schema, table).sql} PARTITION OF "
            f"{QualifiedName(pschema, parent).sql} {bound}{sub};"
        )
    for schema, table, name, definition in conn.execute(_CONSTRAINTS_SQL).fetchall():
        out.append(f"ALTER TABLE {QualifiedName(schema, table).sql} ADD CONSTRAINT {quote_ident(name)} {definition};")
    for (definition,) in conn.execute(_INDEXES_SQL).fetchall():
        out.append(f"{definition};")
    out += owned
    return "\n".join(out) + "\n"
