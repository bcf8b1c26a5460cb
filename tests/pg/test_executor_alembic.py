"""Alembic at apply time: an unrenderable revision runs online with our timeouts; stamping."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from migrator.alembic.online import alembic_stamper, pending_sources
from migrator.alembic.render import NOT_RENDERABLE_MARKER
from migrator.executor.control import RunControl
from migrator.executor.progress import LogObserver
from migrator.executor.runner import Runner
from migrator.executor.session import Session
from migrator.planner.model import RetryPolicy, Timeouts, Undo
from migrator.sql.source import Source, SourceKind
from tests.support.pg import TestDatabase
from tests.unit.executor.plans import plan, step

REPO = Path(__file__).resolve().parents[2]
VERSIONS = REPO / "examples" / "alembic" / "versions"
ONLINE_REVISION = str(VERSIONS / "9e8d7c6b5a41_normalise_emails_from_query.py")


NO_TIMEOUTS = Timeouts(0, 0)
DEFAULT_RETRY = RetryPolicy()


def online_plan(timeouts: Timeouts = NO_TIMEOUTS, retry: RetryPolicy = DEFAULT_RETRY):  # type: ignore[no-untyped-def]
    return plan(step("e1", NOT_RENDERABLE_MARKER + "uses query results", lock=None, migration=ONLINE_REVISION,
                     timeouts=timeouts, retry=retry), source=ONLINE_REVISION)


def run(db: TestDatabase, the_plan, observer: LogObserver | None = None) -> None:  # type: ignore[no-untyped-def]
    observer = observer or LogObserver()
    session = Session.connect(db.dsn)
    try:
        Runner(session, observer, RunControl(),
               on_migration_complete=alembic_stamper(session, the_plan, (), observer)).apply(
            the_plan, list(the_plan.phases[0].name.__class__))
    finally:
        session.close()


@pytest.mark.any_pg
def test_unrenderable_revision_runs_online_then_is_stamped(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text);"
                  "INSERT INTO users VALUES (1, 'A@X.org'), (2, 'b@y.org');"
                  "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
                  "INSERT INTO alembic_version VALUES ('5b4a3c2d1e0f')")
    observer = LogObserver()
    run(pg_db, online_plan(), observer)
    assert pg_db.fetchall("SELECT email FROM users ORDER BY id") == [("a@x.org",), ("b@y.org",)]
    assert pg_db.fetchall("SELECT version_num FROM alembic_version") == [("9e8d7c6b5a41",)]
    assert pg_db.fetchval("SELECT status FROM migrator.steps") == "done"
    run(pg_db, online_plan())  # nothing runs twice, the stamp stays
    assert pg_db.fetchall("SELECT version_num FROM alembic_version") == [("9e8d7c6b5a41",)]


@pytest.mark.any_pg
def test_online_revision_waits_with_our_lock_timeout_and_retries(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text); INSERT INTO users VALUES (1, 'A@X.org')")
    blocker = pg_db.connect(autocommit=False, application_name="holds-users")
    blocker.execute("LOCK TABLE users IN EXCLUSIVE MODE")  # blocks the revision's UPDATE
    threading.Timer(1.0, blocker.rollback).start()
    observer = LogObserver()
    started = time.monotonic()
    run(pg_db, online_plan(Timeouts(200, 0), RetryPolicy(max_attempts=50, base_delay_ms=50, max_delay_ms=200,
                                                         deadline_s=30)), observer)
    assert time.monotonic() - started < 20
    assert any("retrying" in m and "lock timeout" in m for m in observer.messages), observer.messages
    assert pg_db.fetchval("SELECT email FROM users") == "a@x.org"


def test_pending_sources_drop_revisions_at_or_below_the_current_head() -> None:
    from migrator.alembic.revisions import find_revision_files, order_revisions

    ordered = order_revisions(find_revision_files(VERSIONS))
    sources = [Source(r.path, "", SourceKind.ALEMBIC, original_text=Path(r.path).read_text()) for r in ordered]
    sql_source = Source("extra.sql", "SELECT 1")
    head = ordered[2].revision
    pending = pending_sources([*sources, sql_source], (head,))
    assert [s.path for s in pending] == [r.path for r in ordered[3:]] + ["extra.sql"]
    assert pending_sources(sources, ()) == tuple(sources)


def _migrator(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "migrator"), *args],
                          cwd=REPO, capture_output=True, text=True, check=False, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.mark.any_pg
def test_alembic_project_applies_phase_by_phase_and_alembic_current_stays_true(pg_db: TestDatabase) -> None:
    phases = []
    for phase in ("expand", "backfill", "contract"):
        result = _migrator("apply", "examples/alembic", "--database-url", pg_db.dsn, "--phase", phase, "--yes", "-q")
        assert result.returncode == 0, result.stdout + result.stderr
        phases.append(result.stdout.splitlines()[-1])
    plan_hashes = {line.split()[2] for line in phases}
    assert len(plan_hashes) == 1  # the same plan before and after the deploy
    assert pg_db.fetchall("SELECT version_num FROM alembic_version") == [("9e8d7c6b5a41",)]
    current = subprocess.run([str(Path(sys.executable).parent / "alembic"), "-c", "alembic.ini", "current"],
                             cwd=REPO, capture_output=True, text=True, check=False, timeout=120,
                             env={**os.environ, "DATABASE_URL": pg_db.sqlalchemy_url})
    assert "9e8d7c6b5a41 (head)" in current.stdout, current.stdout + current.stderr
    again = _migrator("apply", "examples/alembic", "--database-url", pg_db.dsn, "--yes")
    assert again.returncode == 0 and "0 step(s) done" in again.stdout


@pytest.mark.any_pg
def test_rollback_sets_alembic_version_back(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text);"
                  "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
                  "INSERT INTO alembic_version VALUES ('5b4a3c2d1e0f')")
    the_plan = plan(step("e1", "ALTER TABLE users ADD COLUMN x int", migration=ONLINE_REVISION,
                         undo=Undo.run("ALTER TABLE users DROP COLUMN x")), source=ONLINE_REVISION)
    run(pg_db, the_plan)
    assert pg_db.fetchall("SELECT version_num FROM alembic_version") == [("9e8d7c6b5a41",)]
    result = _migrator("rollback", "--database-url", pg_db.dsn)
    assert result.returncode == 0, result.stdout + result.stderr
    assert pg_db.fetchall("SELECT version_num FROM alembic_version") == [("5b4a3c2d1e0f",)]
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'x'") == 0
