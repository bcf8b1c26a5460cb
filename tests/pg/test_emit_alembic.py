"""`--emit alembic` revisions run with `alembic upgrade` (expand@head, then contract@head) and
`alembic downgrade` on a real server; `--emit sql` scripts run with psql. Both end where the naive
migration ends."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config

from migrator.planner.emit.alembic import emit_alembic
from migrator.planner.emit.sql import emit_sql
from migrator.planner.model import PhaseName
from tests.pg.test_rewrites import SETUP, analyzed_plan, table_data
from tests.support.catalog import diff, snapshot
from tests.support.pg import TestDatabase

MIGRATION = """
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
"""
DATA_CHANGE = "UPDATE users SET score = 0 WHERE score IS NULL;\n"  # batched, irreversible
NONDETERMINISTIC = {"users": ("token",)}

ENV_PY = '''
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                            poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
'''

BASE_REVISION = '''
"""base schema"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SETUP = {setup!r}


def upgrade() -> None:
    op.execute(SETUP)


def downgrade() -> None:
    op.execute("DROP TABLE codes, events, events_3, items, logs, metrics, metrics_ap, orders, tags, users CASCADE")
'''


def _alembic_project(tmp_path: Path, db: TestDatabase) -> Config:
    script = tmp_path / "migrations"
    versions = script / "versions"
    versions.mkdir(parents=True)
    (script / "env.py").write_text(ENV_PY, encoding="utf-8")
    (versions / "0001_base.py").write_text(textwrap.dedent(BASE_REVISION.format(setup=SETUP)), encoding="utf-8")
    cfg = Config()
    cfg.set_main_option("script_location", str(script))
    cfg.set_main_option("sqlalchemy.url", db.sqlalchemy_url)
    return cfg


def _naive(make_pg_db: Any, migration: str = MIGRATION) -> TestDatabase:
    naive = make_pg_db()
    naive.execute(SETUP)
    naive.execute(migration)
    return naive


def _without_alembic_version(snap: Any) -> Any:
    return replace(
        snap,
        tables=tuple(t for t in snap.tables if t.name != "alembic_version"),
        constraints=tuple(c for c in snap.constraints if c.table != "alembic_version"),
        indexes=tuple(i for i in snap.indexes if i.table != "alembic_version"),
    )


def _assert_same(db: TestDatabase, naive: TestDatabase) -> None:
    conn, naive_conn = db.connect(), naive.connect()
    expected = snapshot(naive_conn)
    actual = _without_alembic_version(snapshot(conn))
    assert actual == expected, "\n".join(diff(expected, actual))
    for table in expected.tables:
        nondet = NONDETERMINISTIC.get(table.name, ())
        assert table_data(conn, table.name, nondet) == table_data(naive_conn, table.name, nondet)


@pytest.mark.any_pg
def test_alembic_revisions_upgrade_in_two_steps_and_downgrade(
    tmp_path: Path, pg_db: TestDatabase, make_pg_db: Any
) -> None:
    cfg = _alembic_project(tmp_path, pg_db)
    the_plan = analyzed_plan(MIGRATION, pg_db.major)
    written = emit_alembic(the_plan, tmp_path / "migrations" / "versions")  # follows the head, 0001
    assert [p.name.rsplit("_", 1)[1] for p in written] == ["expand.py", "backfill.py", "contract.py"]

    command.upgrade(cfg, "0001")
    start = _without_alembic_version(snapshot(pg_db.connect()))

    command.upgrade(cfg, "expand@head")
    conn = pg_db.connect()
    assert conn.execute("SELECT count(*) FROM users WHERE token IS NULL").fetchone() == (0,)
    assert conn.execute(
        "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'token'"
    ).fetchone() == (False,), "expand@head must not run the contract phase"

    command.upgrade(cfg, "contract@head")
    _assert_same(pg_db, _naive(make_pg_db))

    command.downgrade(cfg, "0001")
    after = _without_alembic_version(snapshot(pg_db.connect()))
    assert after == start, "\n".join(diff(start, after))


def _psql() -> str | None:
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))
    return str(candidates[-1]) if candidates else None


@pytest.mark.any_pg
def test_emitted_sql_files_run_with_psql_and_can_run_again(
    tmp_path: Path, pg_db: TestDatabase, make_pg_db: Any
) -> None:
    psql = _psql()
    if psql is None:
        pytest.skip("psql is not installed")
    pg_db.execute(SETUP)
    the_plan = analyzed_plan(MIGRATION + DATA_CHANGE, pg_db.major)
    files = emit_sql(the_plan, tmp_path)
    assert [f.name for f in files] == ["01_expand.sql", "02_backfill.sql", "03_contract.sql"]
    for _ in range(2):  # a second run finds every step done (prechecks, IF [NOT] EXISTS)
        for path in files:
            done = subprocess.run(
                [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg_db.dsn, "-f", str(path)],
                capture_output=True, text=True, check=False,
            )
            assert done.returncode == 0, f"{path.name}: {done.stderr}"
    _assert_same(pg_db, _naive(make_pg_db, MIGRATION + DATA_CHANGE))
    assert the_plan.steps(PhaseName.CONTRACT)


@pytest.mark.any_pg
def test_alembic_revisions_render_offline_without_cleanup_drops(tmp_path: Path, pg_db: TestDatabase) -> None:
    """`alembic upgrade --sql` (how `migrator apply` reads revisions) renders every step; the
    INVALID-index cleanup, only right after a failed build, is left out."""
    import contextlib
    import io

    cfg = _alembic_project(tmp_path, pg_db)
    emit_alembic(analyzed_plan(MIGRATION, pg_db.major), tmp_path / "migrations" / "versions")
    buffer = io.StringIO()
    cfg.output_buffer = buffer
    with contextlib.redirect_stdout(buffer):
        command.upgrade(cfg, "0001:contract@head", sql=True)
    rendered = buffer.getvalue()
    assert "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx" in rendered
    assert "DROP INDEX CONCURRENTLY" not in rendered
    assert "DO $mig$" in rendered  # the backfill as a keyset loop
