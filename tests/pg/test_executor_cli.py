"""Executor behaviour that is about the process: kill -9, crash injection, signals, two processes,
dry-run output, exit codes and passwords. The real CLI runs in a subprocess
(tests/pg/executor_child.py swaps only the planner for a hand-built plan)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.pg.executor_forkserver import ForkServer
from tests.pg.executor_plans import BACKFILL, FAILING, LOCKED, PHASED, Scenario
from tests.support.catalog import data, diff, snapshot
from tests.support.pg import TestDatabase

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "pw-Secr3t-7f1c"


def url_with_password(db: TestDatabase, password: str = PASSWORD) -> str:
    params = conninfo_to_dict(db.dsn)
    host = str(params.get("host", ""))
    user = quote(str(params.get("user", "")), safe="")
    if host.startswith("/"):
        return f"postgresql://{user}:{password}@/{db.name}?host={quote(host, safe='')}&port={params.get('port')}"
    return f"postgresql://{user}:{password}@{host}:{params.get('port')}/{db.name}"


def migrator_args(scenario: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "tests.pg.executor_child", scenario, *args]


def run_cli(scenario: str, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(migrator_args(scenario, *args), cwd=REPO, capture_output=True, text=True, check=False,
                          timeout=timeout, env={**os.environ, **(env or {})})


def start_cli(scenario: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(migrator_args(scenario, *args), cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def apply_args(db: TestDatabase, *extra: str) -> tuple[str, ...]:
    return ("apply", "migration.sql", "--database-url", db.dsn, *extra)


def wait_for(predicate, timeout: float = 30.0, what: str = "condition") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def backfill_rows(db: TestDatabase) -> int:
    if db.fetchval("SELECT to_regclass('migrator.backfills')") is None:
        return 0
    return int(db.fetchval("SELECT coalesce(sum(rows_done), 0) FROM migrator.backfills") or 0)


def naive_result(make_pg_db, scenario: Scenario, tables: tuple[str, ...]):  # type: ignore[no-untyped-def]
    naive = make_pg_db()
    naive.execute(scenario.setup)
    naive.execute(scenario.naive)
    conn = naive.connect()
    return snapshot(conn), {t: data(conn, t, order_by=("id",)) for t in tables}


def assert_same_as_naive(db: TestDatabase, expected, tables: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    conn = db.connect()
    assert diff(expected[0], snapshot(conn)) == []
    for table in tables:
        assert data(conn, table, order_by=("id",)) == expected[1][table], table


SLOW_BACKFILL = ("--backfill-target", "1ms", "--backfill-pause", "5ms")


@pytest.mark.any_pg
def test_kill_9_mid_backfill_then_resume_equals_the_naive_migration(pg_db: TestDatabase, make_pg_db) -> None:  # type: ignore[no-untyped-def]
    pg_db.execute(BACKFILL.setup)
    process = start_cli("backfill", *apply_args(pg_db, *SLOW_BACKFILL))
    wait_for(lambda: backfill_rows(pg_db) > 1000, what="the backfill to make progress")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    killed_at = backfill_rows(pg_db)
    assert process.returncode == -signal.SIGKILL and 0 < killed_at < 20000
    status = run_cli("backfill", "status", "--database-url", pg_db.dsn)
    assert "no process holds the apply lock" in status.stdout
    assert f"backfill b1 on public.items: {killed_at}/~20000 rows" in status.stdout
    resumed = run_cli("backfill", *apply_args(pg_db))
    assert resumed.returncode == 0, resumed.stderr
    assert pg_db.fetchval("SELECT count(*) FROM items WHERE touched <> 1") == 0  # none skipped or done twice
    assert backfill_rows(pg_db) == 20000
    assert_same_as_naive(pg_db, naive_result(make_pg_db, BACKFILL, ("items",)), ("items",))


@pytest.fixture
def forked() -> Iterator[ForkServer]:
    """Runs of the executor child forked from one warm process (see tests/pg/executor_forkserver.py)."""
    server = ForkServer(REPO)
    yield server
    server.close()


@pytest.mark.any_pg
def test_crash_at_every_checkpoint_then_resume_equals_the_naive_migration(  # type: ignore[no-untyped-def]
    pg_cluster, make_pg_db, forked: ForkServer
) -> None:
    expected = naive_result(make_pg_db, PHASED, ("child", "parent"))
    crashed_at: list[str] = []
    for checkpoint in range(1, 200):
        db = make_pg_db()
        db.execute(PHASED.setup)
        trace = Path(os.environ.get("TMPDIR", "/tmp")) / f"migrator-trace-{os.getpid()}-{checkpoint}"
        first = forked.run(["phased", *apply_args(db, "--yes")],
                           env={**os.environ, "MIGRATOR_CRASH_AT": str(checkpoint),
                                "MIGRATOR_CHECKPOINT_TRACE": str(trace)})
        labels = trace.read_text().splitlines() if trace.exists() else []
        trace.unlink(missing_ok=True)
        if first.returncode == 0:
            break  # past the last checkpoint: every boundary has been crashed at
        assert first.returncode == 137, first.stderr
        crashed_at.append(labels[-1])
        resumed = forked.run(["phased", *apply_args(db, "--yes")], env=dict(os.environ))
        assert resumed.returncode == 0, (labels[-1], resumed.stdout, resumed.stderr)
        assert db.fetchval("SELECT count(*) FROM child WHERE touched <> 1") == 0, labels[-1]
        assert_same_as_naive(db, expected, ("child", "parent"))
        assert db.fetchval("SELECT count(*) FROM migrator.steps WHERE status NOT IN ('done', 'skipped')") == 0
        db.release()  # emptied and reused for the next checkpoint (tests/support/pg.py)
    kinds = {label.split()[1] for label in crashed_at}
    assert {"before", "running", "executed", "after", "started", "batch"} <= kinds, crashed_at


@pytest.mark.any_pg
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_signal_cancels_records_resumable_and_exits_retry_later(pg_db: TestDatabase, make_pg_db,  # type: ignore[no-untyped-def]
                                                                signum: signal.Signals) -> None:
    pg_db.execute(BACKFILL.setup)
    process = start_cli("backfill", *apply_args(pg_db, *SLOW_BACKFILL))
    wait_for(lambda: backfill_rows(pg_db) > 500, what="the backfill to make progress")
    sent = time.monotonic()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 3 and time.monotonic() - sent < 5
    assert f"interrupted by {signum.name}" in stderr and "Traceback" not in stderr
    assert pg_db.fetchval("SELECT status FROM migrator.runs ORDER BY id DESC LIMIT 1") == "interrupted"
    assert pg_db.fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migrator'") == 0
    resumed = run_cli("backfill", *apply_args(pg_db))
    assert resumed.returncode == 0, resumed.stderr
    assert_same_as_naive(pg_db, naive_result(make_pg_db, BACKFILL, ("items",)), ("items",))


@pytest.mark.any_pg
def test_sigterm_during_lock_wait_exits_without_applying(pg_db: TestDatabase) -> None:
    pg_db.execute(LOCKED.setup)
    blocker = pg_db.connect(autocommit=False)
    blocker.execute("LOCK TABLE busy IN ACCESS SHARE MODE")
    process = start_cli("locked", *apply_args(pg_db, "--lock-timeout", "300ms"))
    wait_for(lambda: pg_db.fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migrator' "
                                    "AND wait_event_type = 'Lock'") > 0, what="the executor to wait for its lock")
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=15)
    blocker.rollback()
    assert process.returncode == 3, stderr
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 'busy'::regclass AND attname = 'x'") == 0
    assert pg_db.fetchval("SELECT status FROM migrator.steps") == "pending"


@pytest.mark.any_pg
def test_two_applies_at_once_one_runs_the_other_exits_clearly_or_waits(pg_db: TestDatabase) -> None:
    pg_db.execute(BACKFILL.setup)
    first = start_cli("backfill", *apply_args(pg_db, *SLOW_BACKFILL))
    wait_for(lambda: backfill_rows(pg_db) > 0, what="the first apply to start")
    assert "running now (held by pid" in run_cli("backfill", "status", "--database-url", pg_db.dsn).stdout
    second = run_cli("backfill", *apply_args(pg_db))
    assert second.returncode == 3
    assert "another migrator apply or rollback is running on this database" in second.stderr
    assert "Traceback" not in second.stderr
    waiting = run_cli("backfill", *apply_args(pg_db, "--wait", "120"), timeout=180)
    first.communicate(timeout=120)
    assert first.returncode == 0
    assert waiting.returncode == 0, waiting.stderr
    assert pg_db.fetchval("SELECT count(*) FROM items WHERE touched <> 1") == 0


@pytest.mark.any_pg
def test_dry_run_prints_every_statement_with_timeouts_and_changes_nothing(pg_db: TestDatabase) -> None:
    pg_db.execute(PHASED.setup)
    conn = pg_db.connect()
    before = snapshot(conn)
    result = run_cli("phased", *apply_args(pg_db, "--dry-run"))
    assert result.returncode == 0, result.stderr
    for s in PHASED.plan.steps():
        if s.sql:
            assert s.sql in result.stdout, s.sql
    assert "FOR NO KEY UPDATE" in result.stdout
    assert "SET LOCAL lock_timeout = '2000ms';" in result.stdout
    assert "SET lock_timeout = '10000ms';" in result.stdout  # autocommit step: session-level timeouts
    assert diff(before, snapshot(conn)) == []
    assert pg_db.fetchval("SELECT to_regnamespace('migrator')") is None


@pytest.mark.any_pg
def test_password_never_appears_in_output(pg_db: TestDatabase) -> None:
    pg_db.execute(FAILING.setup + "; CREATE TABLE busy (id bigint PRIMARY KEY)")
    url = url_with_password(pg_db)
    outputs = [
        run_cli("failing", "apply", "m.sql", "--database-url", url, "--dry-run"),
        run_cli("failing", "apply", "m.sql", "--database-url", url),  # step fails: error path
        run_cli("failing", "status", "--database-url", url),
        run_cli("failing", "status", "--database-url", url, "--format", "json"),
        run_cli("failing", "rollback", "--database-url", url),
        run_cli("failing", "apply", "m.sql", env={"MIGRATOR_DATABASE_URL": url.replace(f"/{pg_db.name}", "/no_such_db")}),
    ]
    assert [o.returncode for o in outputs] == [0, 1, 0, 0, 0, 2]
    for output in outputs:
        assert PASSWORD not in output.stdout + output.stderr
    assert "***" in outputs[5].stderr and "Traceback" not in outputs[5].stderr


@pytest.mark.any_pg
def test_exit_codes_for_gate_and_failure_and_status_json(pg_db: TestDatabase) -> None:
    pg_db.execute(PHASED.setup)
    gate = run_cli("phased", *apply_args(pg_db, "--phase", "contract", "--yes"))
    assert gate.returncode == 4 and "contract refused" in gate.stderr
    expand = run_cli("phased", *apply_args(pg_db, "--phase", "expand"))
    assert expand.returncode == 0, expand.stderr
    status = run_cli("phased", "status", "--database-url", pg_db.dsn, "--format", "json")
    report = json.loads(status.stdout)
    phases = {p["phase"]: p for p in report["plans"][0]["migrations"][0]["phases"]}
    assert phases["expand"]["status"] == "done" and phases["backfill"]["status"] == "pending"
    text = run_cli("phased", "status", "--database-url", pg_db.dsn)
    assert "m1.sql: expand done 4/4, backfill pending 0/1, contract pending 0/3" in text.stdout
    rest = run_cli("phased", *apply_args(pg_db, "--phase", "all"))
    assert rest.returncode == 0, rest.stderr
    report = json.loads(run_cli("phased", "status", "--database-url", pg_db.dsn, "--format", "json").stdout)
    assert report["plans"][0]["backfills"][0]["rows_done"] == 2000


@pytest.mark.any_pg
def test_applying_a_directory_again_runs_only_the_new_migrations(pg_db: TestDatabase, tmp_path: Path) -> None:
    migrator = str(Path(sys.executable).parent / "migrator")
    (tmp_path / "001_users.sql").write_text(
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n")
    (tmp_path / "002_token.sql").write_text(
        "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();\n")

    def apply() -> subprocess.CompletedProcess[str]:
        return subprocess.run([migrator, "apply", str(tmp_path), "--database-url", pg_db.dsn, "--yes"],
                              cwd=REPO, capture_output=True, text=True, check=False, timeout=120)

    first = apply()
    assert first.returncode == 0, first.stdout + first.stderr
    pg_db.execute("INSERT INTO users (id, email) SELECT g, 'u' || g FROM generate_series(1, 100) g")
    (tmp_path / "003_token_index.sql").write_text("CREATE INDEX users_token_idx ON users (token);\n")
    second = apply()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "001_users.sql" not in second.stdout and "002_token.sql" not in second.stdout
    planned = pg_db.fetchall("SELECT DISTINCT migration FROM migrator.steps WHERE plan_hash = "
                             "(SELECT plan_hash FROM migrator.runs ORDER BY id DESC LIMIT 1)")
    assert [Path(m).name for (m,) in planned] == ["003_token_index.sql"]  # planned against the live catalog
    assert pg_db.fetchval("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_token_idx'::regclass") is True
    third = apply()
    assert third.returncode == 0 and "0 step(s) done" in third.stdout
