"""`migrator apply --dry-run --database-url` through the real CLI and planner: a dry run must not
need the objects its own plan would create, must say what WOULD run, and must change nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pg import TestDatabase

CLI = (sys.executable, "-c", "import sys; from migrator.cli import main; main(sys.argv[1:])")
FILES = {
    "000_create.sql": "CREATE TABLE big (id bigint PRIMARY KEY, w int NOT NULL DEFAULT 0);\n"
                      "INSERT INTO big SELECT g, 0 FROM generate_series(1, 1000) AS g;\n",
    "001_bump.sql": "UPDATE big SET w = w + 1;\n",
}


@pytest.mark.any_pg
def test_dry_run_on_an_empty_database_needs_no_table_the_plan_creates(pg_db: TestDatabase, tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for name, text in FILES.items():
        (migrations / name).write_text(text)
    result = subprocess.run([*CLI, "apply", "migrations", "--dry-run", "--database-url", pg_db.dsn], cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=120, env=dict(os.environ))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "would backfill public.big in batches" in result.stdout
    assert "done in" not in result.stdout and "would run" in result.stdout
    assert "dry run: nothing was changed" in result.stdout
    assert pg_db.fetchval("SELECT to_regclass('public.big')") is None
    assert pg_db.fetchval("SELECT to_regnamespace('migrator')") is None
