"""A transaction-pooling PgBouncer in front of the database is refused; session pooling works.

Needs the `pgbouncer` binary (skipped without it). PgBouncer runs as the harness's system user
when the tests run as root (it refuses to run as root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.pg.executor_plans import LOCKED
from tests.pg.test_executor_cli import run_cli
from tests.support.pg import TestDatabase

PGBOUNCER = shutil.which("pgbouncer") or ("/usr/sbin/pgbouncer" if os.path.exists("/usr/sbin/pgbouncer") else None)
pytestmark = pytest.mark.skipif(PGBOUNCER is None, reason="pgbouncer is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def pgbouncer(db: TestDatabase, pool_mode: str) -> Iterator[str]:
    """Start PgBouncer in `pool_mode` in front of `db`; yield a DSN through it."""
    params = conninfo_to_dict(db.dsn)
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="migrator-pgbouncer-"))
    user = str(params.get("user", "postgres"))
    (workdir / "users.txt").write_text(f'"{user}" ""\n')
    host = str(params.get("host", "127.0.0.1"))
    (workdir / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={host} port={params.get('port')}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {workdir / 'users.txt'}\n"
        f"pool_mode = {pool_mode}\ndefault_pool_size = 2\n"
        "ignore_startup_parameters = options\n"
        f"logfile = {workdir / 'pgbouncer.log'}\npidfile = {workdir / 'pgbouncer.pid'}\n"
    )
    command = [str(PGBOUNCER), str(workdir / "pgbouncer.ini")]
    if os.geteuid() == 0:
        run_as = "migrator_pg" if _user_exists("migrator_pg") else "nobody"
        os.chown(workdir, pwd.getpwnam(run_as).pw_uid, -1)
        for child in workdir.iterdir():
            os.chown(child, pwd.getpwnam(run_as).pw_uid, -1)
        command = [str(PGBOUNCER), "-u", run_as, str(workdir / "pgbouncer.ini")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    dsn = f"host=127.0.0.1 port={port} user={user} dbname={db.name}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                psycopg.connect(dsn, connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log = (workdir / "pgbouncer.log").read_text() if (workdir / "pgbouncer.log").exists() else ""
                    raise RuntimeError(f"pgbouncer did not start: {log}") from None
                time.sleep(0.1)
        yield dsn
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.mark.any_pg
def test_transaction_pooling_pgbouncer_is_refused_clearly(pg_db: TestDatabase) -> None:
    pg_db.execute(LOCKED.setup)
    with pgbouncer(pg_db, "transaction") as dsn:
        result = run_cli("locked", "apply", "m.sql", "--database-url", dsn)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "transaction-pooling connection pooler" in result.stderr and "Traceback" not in result.stderr
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 'busy'::regclass AND attname = 'x'") == 0
    assert pg_db.fetchval("SELECT to_regnamespace('migrator')") is None


@pytest.mark.any_pg
def test_session_pooling_pgbouncer_is_accepted(pg_db: TestDatabase) -> None:
    pg_db.execute(LOCKED.setup)
    with pgbouncer(pg_db, "session") as dsn:
        result = run_cli("locked", "apply", "m.sql", "--database-url", dsn)
    assert result.returncode == 0, result.stdout + result.stderr
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 'busy'::regclass AND attname = 'x'") == 1
