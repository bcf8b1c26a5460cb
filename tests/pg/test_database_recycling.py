"""The harness reuses a released test database only when, emptied, it is as fresh as a new one.

``Server.recycle_database`` drops every non-system schema, recreates ``public`` and then compares
the database with a fresh one; anything the reset cannot undo (a changed system object, a
database setting, default privileges, a publication) makes it refuse, and the database is dropped.
"""

from __future__ import annotations

import psycopg
import pytest

from tests.support.catalog import snapshot
from tests.support.pg import Server, TestDatabase

# (id, SQL run in the released database, reusable after a reset)
CASES = [
    ("tables-indexes-views-types-functions",
     ("CREATE TYPE mood AS ENUM ('a', 'b'); CREATE SEQUENCE s;"
     "CREATE TABLE t (id bigint PRIMARY KEY, m mood, n int DEFAULT nextval('s'));"
     "CREATE INDEX t_m ON t (m); CREATE VIEW v AS SELECT * FROM t; CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;"
     "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
     "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();"
     "INSERT INTO t (id, m) SELECT g, 'a' FROM generate_series(1, 100) g; ANALYZE t"),
     True),
    ("other-schemas-and-state-tables",
     ("CREATE SCHEMA migrator; CREATE TABLE migrator.steps (id text PRIMARY KEY);"
     "CREATE SCHEMA \"Odd Name\"; CREATE TABLE \"Odd Name\".t (a int);"
     "CREATE TABLE p (id int) PARTITION BY RANGE (id); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10)"),
     True),
    ("grant-to-a-role-on-a-dropped-table",
     ("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'recycle_reader') THEN "
     "CREATE ROLE recycle_reader; END IF; END$$; CREATE TABLE t (a int); GRANT SELECT ON t TO recycle_reader"),
     True),
    ("public-schema-privileges-changed",
     ("REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT CREATE ON SCHEMA public TO PUBLIC;"
     "COMMENT ON SCHEMA public IS 'changed'"),
     True),
    ("comment-on-a-system-function", "COMMENT ON FUNCTION pg_catalog.now() IS 'changed'", False),
    ("privilege-on-a-system-function", "REVOKE EXECUTE ON FUNCTION pg_catalog.md5(text) FROM PUBLIC", False),
    ("database-setting",
     "DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = ''8MB''', current_database()); END$$", False),
    ("database-comment",
     "DO $$BEGIN EXECUTE format('COMMENT ON DATABASE %I IS ''x''', current_database()); END$$", False),
    ("default-privileges", "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC", False),
    ("publication", "CREATE PUBLICATION recycle_pub", False),
]


def _public_schema(conn: psycopg.Connection) -> tuple[object, ...]:  # type: ignore[type-arg]
    row = conn.execute(
        "SELECT nspowner::regrole::text, nspacl::text, obj_description(oid, 'pg_namespace') "
        "FROM pg_namespace WHERE nspname = 'public'"
    ).fetchone()
    assert row is not None
    return tuple(row)


def _user_objects(conn: psycopg.Connection) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return conn.execute(
        "SELECT 'namespace', nspname FROM pg_namespace WHERE oid >= 16384 AND nspname <> 'public' "
        "AND nspname !~ '^pg_(toast_)?temp_' "
        "UNION ALL SELECT 'class', relname FROM pg_class WHERE oid >= 16384 "
        "UNION ALL SELECT 'type', typname FROM pg_type WHERE oid >= 16384 "
        "UNION ALL SELECT 'proc', proname FROM pg_proc WHERE oid >= 16384 "
        "UNION ALL SELECT 'default acl', defaclrole::regrole::text FROM pg_default_acl "
        "UNION ALL SELECT 'publication', pubname FROM pg_publication "
        "ORDER BY 1, 2"
    ).fetchall()


@pytest.mark.parametrize("sql, reusable", [pytest.param(s, r, id=i) for i, s, r in CASES])
def test_a_released_database_is_reused_only_when_as_fresh_as_a_new_one(
    pg_cluster: Server, sql: str, reusable: bool
) -> None:
    used = pg_cluster.create_database()
    fresh = pg_cluster.create_database()
    try:
        used.execute(sql)
        leftover = psycopg.connect(used.dsn, autocommit=False)  # a session the test never closed
        leftover.execute("CREATE TEMP TABLE scratch (a int)")
        leftover.execute("LOCK TABLE scratch IN ACCESS EXCLUSIVE MODE")
        used.close()
        assert pg_cluster.recycle_database(used.name) is reusable
        with pytest.raises(psycopg.OperationalError):  # the session left behind was ended
            leftover.execute("SELECT 1")
        leftover.close()
        if not reusable:
            return
        with psycopg.connect(used.dsn, autocommit=True) as got, psycopg.connect(fresh.dsn, autocommit=True) as new:
            assert _user_objects(got) == _user_objects(new) == []
            assert _public_schema(got) == _public_schema(new)
            assert snapshot(got) == snapshot(new)
            assert got.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone() == (1,)
    finally:
        used.drop()
        fresh.drop()


def test_released_databases_come_back_empty(make_pg_db, pg_cluster: Server) -> None:  # type: ignore[no-untyped-def]
    """Through the fixtures: whatever a test leaves, the next database it gets is empty."""
    seen: set[str] = set()
    for round_ in range(6):
        db: TestDatabase = make_pg_db()
        assert db.fetchval("SELECT count(*) FROM pg_class WHERE oid >= 16384") == 0, (round_, db.name in seen)
        assert db.fetchval("SELECT count(*) FROM pg_namespace WHERE nspname = 'leftover'") == 0
        seen.add(db.name)
        db.execute("CREATE SCHEMA leftover; CREATE TABLE leftover.t (a int); CREATE TABLE t (a int)")
        db.release()
