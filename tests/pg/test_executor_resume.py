"""Interrupt a backfill of a NON-idempotent UPDATE (`w = w + 1`) through the real `migrator apply`
(no planner stand-in: the planner plans against the live catalog), then re-run the same command:
every row must be incremented exactly once.

A re-run re-plans (applied files drop out, the catalog changed), so its plan hash differs from the
interrupted one; the executor must continue the recorded backfill cursor rather than start over.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.pg import TestDatabase

ROWS = 50_000
# ~240 bytes a row: the table is well over the planner's "tiny table" size even before ANALYZE.
CREATE_BIG = ("CREATE TABLE big (id bigint PRIMARY KEY, w int NOT NULL DEFAULT 0, "
              "pad text NOT NULL DEFAULT repeat('x', 200));\n"
              f"INSERT INTO big (id) SELECT g FROM generate_series(1, {ROWS}) AS g;\n")
UPDATE_BIG = "UPDATE big SET w = w + 1;\n"
# Small batches (via the config file the CLI discovers from its working directory) so a crash
# lands mid-backfill; the default target/pause are kept.
PYPROJECT = "[tool.migrator.apply]\nbackfill_batch_max = 500\n"


def make_project(tmp_path: Path, *, table_in_files: bool) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    if table_in_files:
        (migrations / "000_create.sql").write_text(CREATE_BIG)
    (migrations / "001_bump.sql").write_text(UPDATE_BIG)
    return tmp_path


CLI = (sys.executable, "-c", "import sys; from migrator.cli import main; main(sys.argv[1:])")


def migrator(project: Path, db: TestDatabase, *args: str) -> list[str]:
    """The real `migrator` command line (`status` takes no paths)."""
    if args[0] == "status":
        return [*CLI, *args, "--database-url", db.dsn]
    return [*CLI, *args, "migrations", "--yes", "--database-url", db.dsn]


def run(project: Path, db: TestDatabase, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(migrator(project, db, *args), cwd=project, capture_output=True, text=True, check=False,
                          timeout=300, env={**os.environ, **(env or {})})


def counts(db: TestDatabase) -> dict[int, int]:
    conn = db.connect()
    return {int(w): int(n) for w, n in conn.execute("SELECT w, count(*) FROM big GROUP BY w").fetchall()}


def rows_done(db: TestDatabase) -> int:
    if db.fetchval("SELECT to_regclass('migrator.backfills')") is None:
        return 0
    return int(db.fetchval("SELECT coalesce(sum(rows_done), 0) FROM migrator.backfills") or 0)


def setup(db: TestDatabase, tmp_path: Path, table_in_files: bool) -> Path:
    if not table_in_files:
        db.execute(CREATE_BIG)
    return make_project(tmp_path, table_in_files=table_in_files)


def assert_resumes_exactly_once(db: TestDatabase, project: Path) -> None:
    before = counts(db)
    assert 0 < before.get(1, 0) < ROWS, before  # interrupted mid-backfill
    assert set(before) <= {0, 1}, before
    resumed = run(project, db, "apply")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert counts(db) == {1: ROWS}  # every row incremented exactly once
    assert db.fetchval("SELECT count(*) FROM migrator.backfills WHERE NOT done") == 0
    # the resumed run continued the cursor: it did not visit the rows done before the interruption
    assert rows_done(db) == ROWS


@pytest.mark.any_pg
@pytest.mark.parametrize("table_in_files", [True, False], ids=["table-created-by-earlier-file", "existing-table"])
def test_kill_9_mid_backfill_then_rerun_increments_every_row_once(pg_db: TestDatabase, tmp_path: Path,
                                                                   table_in_files: bool) -> None:
    project = setup(pg_db, tmp_path, table_in_files)
    trace = tmp_path / "trace"
    crashed = run(project, pg_db, "apply", env={"MIGRATOR_CRASH_AT": "25", "MIGRATOR_CHECKPOINT_TRACE": str(trace)})
    labels = trace.read_text().splitlines()
    assert crashed.returncode == 137, crashed.stdout + crashed.stderr
    assert labels[-1].split()[1:] == ["batch", labels[-1].split()[-1]] and "backfill" in labels[-1], labels
    # a row estimate for progress/ETA even when the table was never analysed (created by this run)
    estimate = pg_db.fetchval("SELECT rows_estimate FROM migrator.backfills")
    assert estimate is not None and ROWS // 2 <= estimate <= ROWS * 2, estimate
    assert_resumes_exactly_once(pg_db, project)


@pytest.mark.any_pg
def test_existing_large_table_update_is_applied_as_a_batched_backfill(pg_db: TestDatabase, tmp_path: Path) -> None:
    project = setup(pg_db, tmp_path, table_in_files=False)
    applied = run(project, pg_db, "apply")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert pg_db.fetchval("SELECT kind FROM migrator.steps WHERE migration LIKE '%001_bump.sql'") == "backfill"
    assert pg_db.fetchval("SELECT batches FROM migrator.backfills") >= ROWS // 500
    assert counts(pg_db) == {1: ROWS}


@pytest.mark.any_pg
def test_sigterm_mid_backfill_records_interrupted_then_rerun_increments_every_row_once(
        pg_db: TestDatabase, tmp_path: Path) -> None:
    project = setup(pg_db, tmp_path, table_in_files=True)
    process = subprocess.Popen(migrator(project, pg_db, "apply", "--backfill-pause", "20ms"), cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while rows_done(pg_db) < 2_000 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 3, stderr
    assert "interrupted by SIGTERM" in stderr
    status = run(project, pg_db, "status")
    assert "interrupted" in status.stdout and "running: backfill" not in status.stdout, status.stdout
    assert_resumes_exactly_once(pg_db, project)


@pytest.mark.any_pg
def test_rerun_with_a_changed_update_refuses_instead_of_updating_rows_twice(pg_db: TestDatabase,
                                                                           tmp_path: Path) -> None:
    project = setup(pg_db, tmp_path, table_in_files=False)
    trace = tmp_path / "trace"
    crashed = run(project, pg_db, "apply", env={"MIGRATOR_CRASH_AT": "12", "MIGRATOR_CHECKPOINT_TRACE": str(trace)})
    assert crashed.returncode == 137 and "batch" in trace.read_text().splitlines()[-1]
    before = counts(pg_db)
    (project / "migrations" / "001_bump.sql").write_text("UPDATE big SET w = w + 2;\n")
    refused = run(project, pg_db, "apply")
    assert refused.returncode != 0 and "interrupted after" in refused.stderr, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert counts(pg_db) == before
