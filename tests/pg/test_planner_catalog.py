"""Database-aware planning reads the server version and table estimates, read-only."""

from __future__ import annotations

from typing import Any

import pytest

from migrator.errors import ConnectionFailed
from migrator.planner.catalog import read_catalog
from tests.support.pg import TestDatabase


@pytest.mark.any_pg
def test_read_catalog_reports_version_and_row_estimates(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE big (id bigint PRIMARY KEY, v text); "
                  "INSERT INTO big SELECT g, 'x' FROM generate_series(1, 5000) g; ANALYZE big;")
    info = read_catalog(pg_db.dsn)
    assert info.server_major == pg_db.major
    assert info.table_stats["public.big"].rows == 5000
    assert info.table_stats["public.big"].total_bytes > 0


@pytest.mark.any_pg
def test_read_catalog_never_shows_the_password(pg_db: TestDatabase) -> None:
    dsn = f"postgresql://nobody:s3cret-pw@127.0.0.1:{pg_db.server.port if hasattr(pg_db.server, 'port') else 1}/nope"
    with pytest.raises(ConnectionFailed) as raised:
        read_catalog(dsn)
    assert "s3cret-pw" not in raised.value.message


def test_schema_sql_recreates_the_schema_it_was_read_from(pg_db: TestDatabase, make_pg_db: Any) -> None:
    from migrator.planner.catalog import read_catalog
    from tests.pg.test_rewrites import SETUP
    from tests.support.catalog import diff, snapshot

    pg_db.execute(SETUP)
    info = read_catalog(pg_db.dsn)
    copy = make_pg_db()
    copy.execute(info.schema_sql)
    expected, actual = snapshot(pg_db.connect()), snapshot(copy.connect())
    assert actual == expected, "\n".join(diff(expected, actual))


DATABASE_AWARE = (
    "ALTER TABLE tags ALTER COLUMN id TYPE bigint;\n"
    "ALTER TABLE users RENAME COLUMN name TO full_name;\n"
    "UPDATE users SET score = 0 WHERE score IS NULL;\n"
    "ALTER TABLE codes ALTER COLUMN code TYPE bigint;\n"
)


def test_plan_with_the_database_as_history_rewrites_what_the_files_alone_cannot(
    pg_db: TestDatabase, make_pg_db: Any
) -> None:
    """Planned alone, these statements touch tables the migrations never created (kept as
    written); with the live schema as history they are rewritten, and still equivalent."""
    from migrator.planner.catalog import read_catalog
    from migrator.planner.model import PhaseName
    from migrator.planner.planner import plan
    from migrator.sql.parse import parse_sql
    from tests.pg.test_rewrites import SETUP, _analyze, run_steps, table_data
    from tests.support.catalog import diff, snapshot

    naive = make_pg_db()
    naive.execute(SETUP)
    naive.execute(DATABASE_AWARE)
    pg_db.execute(SETUP)
    pg_db.execute("ANALYZE")
    info = read_catalog(pg_db.dsn)
    database = info.database_history()
    migration = parse_sql(DATABASE_AWARE, "0002.sql")
    alone = plan(_analyze([migration], pg_db.major), pg_db.major)
    aware = plan(_analyze([database, migration], pg_db.major)[1:], pg_db.major, history=[database])
    assert all(s.passthrough for s in alone.steps())
    assert {"alter_column_type", "rename_column", "batched_dml"} <= {s.rewrite for s in aware.steps()}
    for phase in (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT):
        run_steps(pg_db, aware.steps(phase))
    expected = snapshot(naive.connect(), ignore_column_order=True)
    actual = snapshot(pg_db.connect(), ignore_column_order=True)
    assert actual == expected, "\n".join(diff(expected, actual))
    for table in ("users", "tags", "codes"):
        assert table_data(pg_db.connect(), table, ()) == table_data(naive.connect(), table, ())
