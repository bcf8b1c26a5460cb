"""Database-aware planning reads the server version and table estimates, read-only."""

from __future__ import annotations

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
