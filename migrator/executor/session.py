"""The one place where the executor runs SQL: a dedicated connection, its timeouts and cancel.

`Session` wraps one autocommit psycopg connection (plus a lazily opened side connection that
samples `pg_blocking_pids()` while a statement waits for a lock). `DryRunSession` has the same
interface and prints what `Session` would run; its optional connection is read-only
(`default_transaction_read_only`), so a dry run can read the catalog and never change it.

Four kinds of calls, so that a dry run knows what to print and what to skip:

- `run(sql_text)`: a step's SQL, exactly as the plan has it (printed in a dry run);
- `run_query(query, params)`: SQL the executor builds (cleanup, backfill batches; printed);
- `read(query, params)`: catalog and state reads (real in both sessions when connected);
- `record(query, params)`: writes to the `migrator` state schema (skipped in a dry run).

Errors from the server surface as `StatementFailed` with the SQLSTATE and the sessions that
blocked the statement, so no other module needs psycopg.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from migrator.analysis.pg.versions import Capabilities, major_from_server_version_num
from migrator.errors import ConnectionFailed, ExitCode, MigratorError, redact_dsn, redact_text
from migrator.planner.model import Timeouts

log = logging.getLogger(__name__)

Query = str | bytes | sql.SQL | sql.Composed
Row = tuple[Any, ...]
APPLICATION_NAME = "migrator"
QUERY_PREVIEW_CHARS = 120


class StatementFailed(Exception):
    """A statement failed on the server (SQLSTATE, message, and who blocked it if anyone)."""

    def __init__(self, sqlstate: str | None, message: str, blockers: tuple[Blocker, ...] = ()):
        super().__init__(message)
        self.sqlstate = sqlstate
        self.message = message
        self.blockers = blockers


class TransactionPoolerDetected(MigratorError):
    """The connection goes through a transaction-pooling proxy (PgBouncer `pool_mode=transaction`)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Blocker:
    """A session that held a lock the executor's statement waited for (`pg_blocking_pids()`)."""

    pid: int
    application_name: str
    transaction_age_s: float | None
    state: str
    query: str

    def describe(self) -> str:
        age = "no open transaction" if self.transaction_age_s is None else (
            f"transaction open {self.transaction_age_s:.1f}s")
        app = self.application_name or "?"
        return f"pid {self.pid} ({app}, {age}, {self.state}): {self.query}"


def truncate(text: str, limit: int = QUERY_PREVIEW_CHARS) -> str:
    """One line, at most `limit` characters, passwords removed."""
    flat = " ".join(redact_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_BLOCKERS_SQL = sql.SQL(
    "SELECT a.pid, coalesce(a.application_name, ''), "
    "extract(epoch FROM clock_timestamp() - a.xact_start)::float8, coalesce(a.state, ''), "
    "coalesce(a.query, '') "
    "FROM unnest(pg_blocking_pids(%s)) AS b(pid) JOIN pg_stat_activity a ON a.pid = b.pid "
    "ORDER BY a.xact_start NULLS LAST"
)


def _timeout_settings(timeouts: Timeouts, caps: Capabilities) -> list[tuple[str, str]]:
    settings = [
        ("lock_timeout", f"{timeouts.lock_timeout_ms}ms"),
        ("statement_timeout", f"{timeouts.statement_timeout_ms}ms"),
        ("idle_in_transaction_session_timeout", f"{timeouts.idle_in_transaction_session_timeout_ms}ms"),
    ]
    if caps.transaction_timeout:
        settings.append(("transaction_timeout", f"{timeouts.transaction_timeout_ms or 0}ms"))
    return settings


def _failed(exc: psycopg.Error, blockers: tuple[Blocker, ...] = ()) -> StatementFailed:
    return StatementFailed(exc.sqlstate, redact_text(str(exc).strip()), blockers)


class Session:
    """A dedicated autocommit connection to the target database (see the module docstring)."""

    dry_run = False

    def __init__(self, conn: psycopg.Connection[Row], dsn: str) -> None:
        self._conn = conn
        self._dsn = dsn
        self._monitor: psycopg.Connection[Row] | None = None
        self._monitor_lock = threading.Lock()
        self._last_blockers: tuple[Blocker, ...] = ()
        # asked, not taken from conn.info: behind a pooler the protocol's pid is the pooler's own
        pid, version_num = conn.execute(
            "SELECT pg_backend_pid(), current_setting('server_version_num')::int").fetchall()[0]
        self.backend_pid: int = int(pid)
        self.server_version_num: int = int(version_num)
        self.caps = Capabilities.for_version(major_from_server_version_num(self.server_version_num))

    @classmethod
    def connect(cls, dsn: str, *, read_only: bool = False) -> Session:
        """Open the dedicated connection; `ConnectionFailed` (exit 2) carries only a redacted DSN."""
        conn = _connect(dsn, read_only=read_only)
        try:
            return cls(conn, dsn)
        except ValueError as exc:  # unsupported server version
            conn.close()
            raise MigratorError(str(exc)) from None

    @property
    def redacted_dsn(self) -> str:
        return redact_dsn(self._dsn)

    @property
    def dsn(self) -> str:
        """The DSN with its password: for opening side connections, never for output."""
        return self._dsn

    def close(self) -> None:
        with self._monitor_lock:
            if self._monitor is not None:
                self._monitor.close()
                self._monitor = None
        self._conn.close()

    # -- the four kinds of calls -----------------------------------------------------------

    def run(self, sql_text: str, *, watch_lock_ms: int = 0) -> None:
        """Run a step's SQL text as it is (simple query protocol, several statements allowed)."""
        with self._watching(watch_lock_ms):
            try:
                self._conn.execute(sql_text.encode())  # bytes: no client-side % interpretation
            except psycopg.Error as exc:
                raise _failed(exc, self._last_blockers) from None

    def run_query(self, query: Query, params: Sequence[Any] = (), *, watch_lock_ms: int = 0) -> list[Row]:
        """Run SQL the executor built (quoted identifiers, bound parameters); return its rows."""
        with self._watching(watch_lock_ms):
            return self._fetch(query, params)

    def read(self, query: Query, params: Sequence[Any] = ()) -> list[Row]:
        """Read the catalog or the state schema."""
        return self._fetch(query, params)

    def record(self, query: Query, params: Sequence[Any] = ()) -> list[Row]:
        """Write to the `migrator` state schema."""
        return self._fetch(query, params)

    def _fetch(self, query: Query, params: Sequence[Any] = ()) -> list[Row]:
        try:
            cur = self._conn.execute(query, params or None)
        except psycopg.Error as exc:
            raise _failed(exc, self._last_blockers) from None
        return cur.fetchall() if cur.description is not None else []

    # -- transactions and timeouts -----------------------------------------------------------

    @contextmanager
    def transaction(self, timeouts: Timeouts, label: str = "") -> Iterator[None]:
        """One transaction with `SET LOCAL` timeouts; committed on success, rolled back on error."""
        self._last_blockers = ()
        try:
            with self._conn.transaction():
                for name, value in _timeout_settings(timeouts, self.caps):
                    self._conn.execute("SELECT set_config(%s, %s, true)", (name, value))
                yield
        except psycopg.Error as exc:
            raise _failed(exc, self._last_blockers) from None

    @contextmanager
    def session_timeouts(self, timeouts: Timeouts, label: str = "") -> Iterator[None]:
        """Session-level timeouts for an autocommit step, reset afterwards."""
        self._last_blockers = ()
        settings = _timeout_settings(timeouts, self.caps)
        for name, value in settings:
            self._fetch("SELECT set_config(%s, %s, false)", (name, value))
        try:
            yield
        finally:
            if not self._conn.closed and not self._conn.broken:
                for name, _ in settings:
                    try:
                        self._conn.execute(sql.SQL("RESET {}").format(sql.Identifier(name)))
                    except psycopg.Error:  # the connection is going away; nothing to reset
                        break

    def set_session_defaults(self, settings_ms: Sequence[tuple[str, int]]) -> None:
        """Session-wide settings set once after connecting (idle_in_transaction...)."""
        for name, value in settings_ms:
            self._fetch("SELECT set_config(%s, %s, false)", (name, f"{value}ms"))

    # -- blockers and cancel ------------------------------------------------------------------

    @property
    def last_blockers(self) -> tuple[Blocker, ...]:
        return self._last_blockers

    @contextmanager
    def _watching(self, lock_timeout_ms: int) -> Iterator[None]:
        """While the statement runs, sample once who blocks it, a little before lock_timeout."""
        if lock_timeout_ms <= 0:
            yield
            return
        delay_s = min(max(lock_timeout_ms * 0.6, 20.0), 2_000.0) / 1000.0
        timer = threading.Timer(delay_s, self._sample_blockers)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _sample_blockers(self) -> None:
        try:
            with self._monitor_lock:
                if self._monitor is None or self._monitor.closed:
                    self._monitor = _connect(self._dsn, read_only=True, role="monitor")
                rows = self._monitor.execute(_BLOCKERS_SQL, (self.backend_pid,)).fetchall()
        except (psycopg.Error, MigratorError) as exc:
            log.debug("could not sample blockers: %s", redact_text(str(exc)))
            return
        if rows:
            self._last_blockers = tuple(
                Blocker(int(r[0]), str(r[1]), None if r[2] is None else float(r[2]), str(r[3]),
                        truncate(str(r[4])))
                for r in rows
            )

    def blockers_now(self) -> tuple[Blocker, ...]:
        """The sessions blocking the dedicated connection right now (tests, status)."""
        self._sample_blockers()
        return self._last_blockers

    def cancel(self) -> None:
        """Cancel the statement running on the dedicated connection (safe in a signal handler)."""
        try:
            self._conn.cancel()
        except psycopg.Error as exc:  # pragma: no cover - nothing is running or already closed
            log.debug("cancel failed: %s", redact_text(str(exc)))

    # -- advisory lock --------------------------------------------------------------------------

    def try_advisory_lock(self, key: tuple[int, int]) -> bool:
        return bool(self._fetch("SELECT pg_try_advisory_lock(%s, %s)", key)[0][0])

    def advisory_unlock(self, key: tuple[int, int]) -> None:
        if not self._conn.closed and not self._conn.broken:
            self._fetch("SELECT pg_advisory_unlock(%s, %s)", key)

    # -- pooler detection ------------------------------------------------------------------------

    def check_not_transaction_pooled(self) -> None:
        """Refuse a transaction-pooling proxy: session settings and advisory locks do not survive.

        Asks `SHOW pool_mode` (answered by poolers that expose it), then checks behaviour: the
        backend pid must stay the same across statements and a session setting must persist.
        """
        mode = self._pool_mode()
        if mode in ("transaction", "statement"):
            raise _pooler_error(f"the server reports pool_mode={mode}")
        token = secrets.token_hex(8)
        self._fetch("SELECT set_config('migrator.session_probe', %s, false)", (token,))
        pids = {int(self._fetch("SELECT pg_backend_pid()")[0][0]) for _ in range(3)}
        seen = self._fetch("SELECT current_setting('migrator.session_probe', true)")[0][0]
        if len(pids) > 1 or seen != token:
            raise _pooler_error(
                "session state did not survive between statements "
                f"(backend pids seen: {sorted(pids)}, session setting kept: {seen == token})"
            )
        if pids != {self.backend_pid}:
            raise _pooler_error("the backend pid changed after connecting")
        self._check_backend_not_shared(token)

    def _check_backend_not_shared(self, token: str) -> None:
        """A second client connection must land on another backend and not see our setting.

        With one idle client, a transaction pooler keeps handing the same server connection back,
        so the checks on our own connection pass; a second client then gets that same backend.
        """
        try:
            other = _connect(self._dsn, role="probe")
        except ConnectionFailed:
            return  # no spare connection slot: the checks above are all we can do
        try:
            row = other.execute(
                "SELECT pg_backend_pid(), current_setting('migrator.session_probe', true)").fetchone()
        except psycopg.Error:
            return
        finally:
            other.close()
        if row is not None and (int(row[0]) == self.backend_pid or row[1] == token):
            raise _pooler_error(
                f"a second client connection shared this session's backend (pid {self.backend_pid})")

    def _pool_mode(self) -> str | None:
        try:
            with self._conn.transaction():
                rows = self._conn.execute("SHOW pool_mode").fetchall()
        except psycopg.Error:
            return None  # a real PostgreSQL: "unrecognized configuration parameter"
        return str(rows[0][0]).lower() if rows else None


def _pooler_error(evidence: str) -> TransactionPoolerDetected:
    return TransactionPoolerDetected(
        "the database URL goes through a transaction-pooling connection pooler (PgBouncer "
        f"pool_mode=transaction?): {evidence}. migrator needs one session for its timeouts and "
        "its advisory lock: connect directly to PostgreSQL or to a session-pooling port"
    )


def _connect(dsn: str, *, read_only: bool = False, role: str = "") -> psycopg.Connection[Row]:
    options = "-c default_transaction_read_only=on" if read_only else None
    name = APPLICATION_NAME if not role else f"{APPLICATION_NAME} {role}"
    kwargs: dict[str, Any] = {"autocommit": True, "application_name": name}
    if options:
        kwargs["options"] = options
    try:
        return psycopg.connect(dsn, **kwargs)
    except psycopg.Error as exc:  # includes an invalid DSN (ProgrammingError)
        raise ConnectionFailed(redact_dsn(dsn), str(exc)) from None


def _render_setting(name: str, value: str, local: bool) -> str:
    return f"SET {'LOCAL ' if local else ''}{name} = '{value}';"


class DryRunSession:
    """Same interface as `Session`; prints step SQL and executor SQL, never writes.

    With a connection (read-only) it reads the catalog and the state schema, so the dry run
    shows what a real run would do next; without one it assumes nothing was applied.
    """

    dry_run = True

    def __init__(self, emit: Callable[[str], None], caps: Capabilities,
                 conn: psycopg.Connection[Row] | None = None, dsn: str = "") -> None:
        self._emit = emit
        self._conn = conn
        self._dsn = dsn
        self.caps = caps
        self.backend_pid = conn.info.backend_pid if conn is not None else 0
        self.server_version_num = conn.info.server_version if conn is not None else 0
        self.last_blockers: tuple[Blocker, ...] = ()

    @classmethod
    def connect(cls, dsn: str, emit: Callable[[str], None]) -> DryRunSession:
        conn = _connect(dsn, read_only=True)
        version = major_from_server_version_num(conn.info.server_version)
        try:
            caps = Capabilities.for_version(version)
        except ValueError as exc:
            conn.close()
            raise MigratorError(str(exc)) from None
        return cls(emit, caps, conn, dsn)

    @property
    def connected(self) -> bool:
        return self._conn is not None

    @property
    def redacted_dsn(self) -> str:
        return redact_dsn(self._dsn) if self._dsn else "(no database)"

    @property
    def dsn(self) -> str:
        return self._dsn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    def run(self, sql_text: str, *, watch_lock_ms: int = 0) -> None:
        text = sql_text.strip()
        self._emit(text if text.endswith(";") else text + ";")

    def run_query(self, query: Query, params: Sequence[Any] = (), *, watch_lock_ms: int = 0) -> list[Row]:
        self._emit(self._render(query, params) + ";")
        return []

    def read(self, query: Query, params: Sequence[Any] = ()) -> list[Row]:
        if self._conn is None:
            return []
        try:
            cur = self._conn.execute(query, params or None)
        except psycopg.Error as exc:
            raise _failed(exc) from None
        return cur.fetchall() if cur.description is not None else []

    def record(self, query: Query, params: Sequence[Any] = ()) -> list[Row]:
        return []

    def _render(self, query: Query, params: Sequence[Any]) -> str:
        if isinstance(query, sql.Composable) and self._conn is not None:
            text = query.as_string(self._conn)
        elif isinstance(query, sql.Composable):
            text = query.as_string(None)
        elif isinstance(query, bytes):
            text = query.decode()
        else:
            text = query
        for value in params:
            text = text.replace("%s", _literal(value), 1)
        return text

    @contextmanager
    def transaction(self, timeouts: Timeouts, label: str = "") -> Iterator[None]:
        self._emit("BEGIN;")
        for name, value in _timeout_settings(timeouts, self.caps):
            self._emit(_render_setting(name, value, local=True))
        yield
        self._emit("COMMIT;")

    @contextmanager
    def session_timeouts(self, timeouts: Timeouts, label: str = "") -> Iterator[None]:
        settings = _timeout_settings(timeouts, self.caps)
        for name, value in settings:
            self._emit(_render_setting(name, value, local=False))
        yield
        self._emit("RESET " + ", ".join(n for n, _ in settings).replace(", ", "; RESET ") + ";")

    def set_session_defaults(self, settings_ms: Sequence[tuple[str, int]]) -> None:
        for name, value in settings_ms:
            self._emit(_render_setting(name, f"{value}ms", local=False))

    def cancel(self) -> None:
        return None

    def try_advisory_lock(self, key: tuple[int, int]) -> bool:
        return True

    def advisory_unlock(self, key: tuple[int, int]) -> None:
        return None

    def check_not_transaction_pooled(self) -> None:
        return None


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "ARRAY[" + ", ".join(_literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


AnySession = Session | DryRunSession
