"""Read what database-aware planning needs from a live catalog, read-only, with a short timeout:
the server version and, per table, its row estimate and size.

The planner uses them to keep a statement as written on a tiny table (a brief lock costs less
than a phased plan) and to estimate how long each step that keeps its blocking lock would hold
it. Only the catalog is read (`pg_class`, `pg_namespace`); no table is scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from migrator.analysis.pg.versions import major_from_server_version_num
from migrator.errors import ConnectionFailed, redact_dsn
from migrator.planner.rewrites.base import TableStat

# A rough rewrite/scan rate used to turn a table size into a lock-hold estimate.
ESTIMATED_BYTES_PER_SECOND = 100 * 1024 * 1024

_TABLES_SQL = """
SELECT n.nspname || '.' || c.relname, greatest(c.reltuples, 0)::bigint,
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
    return CatalogInfo(server_major=major_from_server_version_num(int(row[0])), table_stats=stats)


def estimated_lock_seconds(stat: TableStat) -> float:
    """Rough time a rewrite or full scan of the table takes (and holds its lock)."""
    return stat.total_bytes / ESTIMATED_BYTES_PER_SECOND
