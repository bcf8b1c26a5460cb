"""Observe what a real PostgreSQL server does when it runs one statement: locks, rewrites, blocking.

``observe(db, setup, example)`` is the ground truth for the knowledge verification suite.

Transactional mode (``transactional=True``, the default):

1. ``setup`` runs in autocommit (several statements allowed). Every user relation (tables,
   partitioned tables, indexes, toast tables and their indexes, sequences, views, materialized
   views, composite types) is recorded with its ``relfilenode``; row counts of tables too.
2. A NEW connection runs ``BEGIN; <example>`` (the example must not contain transaction control).
   Before COMMIT:

   - ``pg_locks`` of that backend is read from a second connection. Relation locks on relations
     that existed before go to ``locks``; locks on relations the example created go to
     ``new_relation_locks``; locks on system catalogs go to ``catalog_locks``; every other lock
     (``virtualxid``, ``transactionid``, ``object``, ``tuple`` …) is listed in ``other_locks``.
     Both granted and ungranted locks are listed; ungranted ones also go to ``waiting_for``
     (never expected in this mode).
   - scan counters of the example's own transaction are read in the example's session from
     ``pg_stat_xact_all_tables`` (``seq_scan``, ``seq_tup_read``, ``idx_scan``,
     ``idx_tup_fetch``): exact per backend and per transaction, no stats-flush delay, on every
     version (the view exists since 9.1). ``full_scans`` lists tables with rows whose
     ``seq_tup_read`` reached their row count. DDL validation scans (SET NOT NULL, ADD CHECK,
     VALIDATE), table rewrites and index builds all go through the heap scan code that feeds these
     counters; verified by ``tests/pg/test_harness.py``.
   - a THIRD connection, with ``lock_timeout = '50ms'``, probes each pre-existing table, view,
     materialized view or sequence that the example touched (locked directly, or through one of
     its indexes or its toast table), each probe in its own transaction that is rolled back:

     * read: ``SELECT * FROM t LIMIT 1`` (ACCESS SHARE on t, and on its indexes while planning),
     * write: ``DELETE FROM t WHERE false`` (ROW EXCLUSIVE on t and its indexes: exactly the
       table-level locks of INSERT/UPDATE/DELETE; works for every column layout, unlike
       ``UPDATE t SET c = c``, which fails on generated and identity-always columns),
     * row write: ``SELECT 1 FROM t FOR NO KEY UPDATE`` (ROW SHARE on t, then a row lock on
       every row: blocked by a table lock of EXCLUSIVE or stronger, or by row locks the example
       holds, e.g. after a whole-table UPDATE/DELETE; needs rows in the table to mean anything).

     Pre-existing sequences the example locked get a read probe (``SELECT last_value FROM s``,
     ACCESS SHARE) and a write probe (``SELECT nextval('s')``, ROW EXCLUSIVE, as every INSERT
     that draws from it; it consumes a value when not blocked). Views and matviews get only the
     read probe.
     A probe that fails with ``lock_not_available`` (55P03) is *blocked*; one that succeeds is
     *not blocked*; one that fails otherwise is left out of the blocked maps and listed in
     ``probe_errors``.
3. COMMIT (or ROLLBACK with ``rollback=True``), then the relations are recorded again:
   ``rewritten`` lists relations whose ``relfilenode`` changed (heap rewrite, index rebuilt,
   TRUNCATE; relations are matched by name, so an index dropped and re-created under the same
   name, as ALTER COLUMN TYPE does, counts as rewritten), ``renamed`` maps old to new names of
   relations that kept their OID, ``new_relations`` and ``dropped_relations`` list the other
   names that appeared and disappeared. Other locks (``object`` locks on types, constraints,
   schemas) are described with ``pg_describe_object``, e.g. ``object type mood ExclusiveLock``.

Non-transactional mode (``transactional=False``: CREATE INDEX CONCURRENTLY, REINDEX
CONCURRENTLY, DETACH PARTITION … CONCURRENTLY, VACUUM, …): the example runs in autocommit in a
thread. Before it starts, a *holder* session opens a REPEATABLE READ transaction with a snapshot
and takes ``hold_mode`` (default ACCESS SHARE) on every pre-existing table, so that:

- statements that wait for older snapshots or for lockers while holding their locks (CREATE
  INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DROP INDEX CONCURRENTLY) stop at that wait:
  ``locks`` shows what they hold there;
- statements that need a lock conflicting with ``hold_mode`` (VACUUM FULL needs ACCESS
  EXCLUSIVE) wait to acquire it: ``waiting_for`` shows the requested mode, and the probes show
  the lock-queue effect (a queued ACCESS EXCLUSIVE request blocks new readers);
- statements that wait for neither run to completion first (``observed_while_running`` is
  False; ``locks`` is empty). Use ``hold_mode="SHARE UPDATE EXCLUSIVE"`` to make plain VACUUM and
  ANALYZE wait, which shows their requested mode in ``waiting_for``.
- DETACH PARTITION … CONCURRENTLY commits its first phase and then waits for every locker of
  the parent *holding no relation lock at all*: with the default holder it is seen with empty
  ``locks``. With ``hold_tables=["public.<partition>"]`` it passes that wait and is seen in its
  second phase: SHARE UPDATE EXCLUSIVE on the parent, waiting for ACCESS EXCLUSIVE on the
  partition.

What it cannot observe: locks a statement holds only before or after the point where it waits
(for example DETACH CONCURRENTLY's first phase, or a lock upgrade in a later phase), and
scans (``scans`` is empty: the statement's own counters are not readable from outside its
transaction, and the probes themselves scan). Rewrites and new/dropped relations are compared
after the statement finished, as in transactional mode.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from migrator.analysis.locks import LockMode
from tests.support.pg import TestDatabase

# Any positive lock_timeout gives the same answers: a probe that does not conflict never waits
# (lock_timeout counts only time spent waiting for a lock, not execution time), and one that
# conflicts waits until the example ends. Short keeps the suite fast.
PROBE_LOCK_TIMEOUT = "50ms"
EXAMPLE_LOCK_TIMEOUT = "5s"  # the example never needs to wait in transactional mode
EXAMPLE_STATEMENT_TIMEOUT = "60s"
WAIT_FOR_EXAMPLE_SECONDS = 10.0
FIRST_NORMAL_OID = 16384  # FirstNormalObjectId: below are built-in catalog objects

TABLE_KINDS = frozenset({"r", "p", "m", "f"})  # relkinds that get table read/write probes
# sequences get read (last_value) and write (nextval) probes; views and matviews a read probe
PROBED_KINDS = TABLE_KINDS | {"S", "v"}

_RELATIONS_SQL = """
SELECT c.oid::bigint, c.relkind::text, c.relfilenode::bigint,
       CASE WHEN n.nspname = 'pg_toast' AND owner.oid IS NOT NULL
                THEN 'pg_toast(' || own_ns.nspname || '.' || owner.relname || ')'
            WHEN n.nspname = 'pg_toast' AND toast_owner.oid IS NOT NULL
                THEN 'pg_toast_index(' || toast_owner_ns.nspname || '.' || toast_owner.relname || ')'
            ELSE n.nspname || '.' || c.relname END AS label,
       COALESCE(ix.indrelid, owner.oid, toast_owner.oid)::bigint AS parent_oid
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index ix ON ix.indexrelid = c.oid AND n.nspname <> 'pg_toast'
LEFT JOIN pg_class owner ON c.relkind = 't' AND owner.reltoastrelid = c.oid
LEFT JOIN pg_namespace own_ns ON own_ns.oid = owner.relnamespace
LEFT JOIN pg_index tix ON c.relkind = 'i' AND n.nspname = 'pg_toast' AND tix.indexrelid = c.oid
LEFT JOIN pg_class toast_owner ON toast_owner.reltoastrelid = tix.indrelid
LEFT JOIN pg_namespace toast_owner_ns ON toast_owner_ns.oid = toast_owner.relnamespace
WHERE c.oid >= 16384
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
  AND c.relkind IN ('r', 'p', 'i', 'I', 't', 'S', 'm', 'f', 'v', 'c')
"""

_LOCKS_SQL = """
SELECT l.locktype, l.mode, l.granted, l.relation::bigint, l.database::bigint,
       COALESCE(pg_describe_object(l.classid, l.objid, l.objsubid),
                l.classid::regclass::text || ' ' || l.objid::text), l.objid::bigint,
       l.virtualxid, l.transactionid::text,
       c.relkind::text, n.nspname, c.relname
FROM pg_locks l
LEFT JOIN pg_class c ON c.oid = l.relation
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE l.pid = %s
ORDER BY l.locktype, l.relation, l.mode
"""

_XACT_SCANS_SQL = """
SELECT relid::bigint, seq_scan, seq_tup_read, COALESCE(idx_scan, 0), COALESCE(idx_tup_fetch, 0)
FROM pg_stat_xact_all_tables WHERE relid = ANY(%s)
"""


@dataclass(frozen=True, slots=True)
class Relation:
    """One user relation as recorded before or after the example."""

    oid: int
    label: str  # "schema.name", or "pg_toast(schema.table)" / "pg_toast_index(schema.table)"
    relkind: str  # pg_class.relkind: r p i I t S m f
    relfilenode: int
    parent_oid: int | None  # table of an index / owner of a toast table


@dataclass(frozen=True, slots=True)
class TableScan:
    """Scan counters of one table in the example's own transaction (pg_stat_xact_all_tables)."""

    seq_scan: int
    seq_tup_read: int
    idx_scan: int
    idx_tup_fetch: int


@dataclass(frozen=True, slots=True)
class Observation:
    """What the server showed while and after running one example statement.

    Relation names are ``schema.name`` (unquoted); toast relations are named after their table:
    ``pg_toast(public.t)`` and ``pg_toast_index(public.t)``. Lock modes are ``pg_locks.mode``
    names (``AccessExclusiveLock``); ``strongest()`` turns them into ``LockMode``.
    """

    locks: Mapping[str, frozenset[str]]
    relkinds: Mapping[str, str]
    rewritten: frozenset[str]
    reads_blocked: Mapping[str, bool]
    writes_blocked: Mapping[str, bool]
    row_writes_blocked: Mapping[str, bool] = field(default_factory=dict)
    error: str | None = None
    new_relations: frozenset[str] = frozenset()
    dropped_relations: frozenset[str] = frozenset()
    renamed: Mapping[str, str] = field(default_factory=dict)  # old name -> new name (same OID)
    new_relation_locks: Mapping[str, frozenset[str]] = field(default_factory=dict)
    catalog_locks: Mapping[str, frozenset[str]] = field(default_factory=dict)
    other_locks: frozenset[str] = frozenset()
    waiting_for: Mapping[str, frozenset[str]] = field(default_factory=dict)
    scans: Mapping[str, TableScan] = field(default_factory=dict)
    rows_before: Mapping[str, int] = field(default_factory=dict)
    probe_errors: Mapping[str, str] = field(default_factory=dict)
    observed_while_running: bool = True
    transactional: bool = True
    major: int = 0

    def strongest(self, relation: str) -> LockMode | None:
        """The strongest table-level lock mode held on ``relation`` (None: no lock)."""
        modes = self.lock_modes(relation)
        return max(modes) if modes else None

    def lock_modes(self, relation: str) -> frozenset[LockMode]:
        """Every table-level lock mode held on ``relation`` as ``LockMode`` values."""
        return frozenset(LockMode.from_pg_locks(m) for m in self.locks.get(relation, ()))

    @property
    def full_scans(self) -> frozenset[str]:
        """Tables with rows whose every row the example read sequentially (transactional mode)."""
        return frozenset(
            name for name, scan in self.scans.items()
            if self.rows_before.get(name, 0) > 0 and scan.seq_tup_read >= self.rows_before[name]
        )

    @property
    def any_read_blocked(self) -> bool:
        return any(self.reads_blocked.values())

    @property
    def any_write_blocked(self) -> bool:
        return any(self.writes_blocked.values())

    def describe(self) -> str:
        """A compact multi-line summary for assertion messages."""
        lines = [f"pg{self.major} error={self.error!r}"]
        for name in sorted(self.locks):
            lines.append(f"  lock {name} [{self.relkinds.get(name, '?')}]: {sorted(self.locks[name])}")
        for name in sorted(self.waiting_for):
            lines.append(f"  waiting for {name}: {sorted(self.waiting_for[name])}")
        lines.append(f"  rewritten={sorted(self.rewritten)} full_scans={sorted(self.full_scans)}")
        lines.append(f"  reads_blocked={dict(sorted(self.reads_blocked.items()))}")
        lines.append(f"  writes_blocked={dict(sorted(self.writes_blocked.items()))}")
        lines.append(f"  row_writes_blocked={dict(sorted(self.row_writes_blocked.items()))}")
        lines.append(
            f"  new={sorted(self.new_relations)} dropped={sorted(self.dropped_relations)} "
            f"renamed={dict(self.renamed)}"
        )
        if self.probe_errors:
            lines.append(f"  probe_errors={dict(self.probe_errors)}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- recording


def relations(conn: psycopg.Connection[Any]) -> dict[str, Relation]:
    """Every user relation of the database, by label."""
    result: dict[str, Relation] = {}
    for oid, relkind, relfilenode, label, parent in conn.execute(_RELATIONS_SQL).fetchall():
        result[label] = Relation(int(oid), label, relkind, int(relfilenode), parent and int(parent))
    return result


def _row_counts(conn: psycopg.Connection[Any], rels: Mapping[str, Relation]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rel in rels.values():
        if rel.relkind not in {"r", "m"}:
            continue
        query = sql.SQL("SELECT count(*) FROM ONLY {}").format(_ident(rel.label))
        try:
            row = conn.execute(query).fetchone()
        except psycopg.Error:  # unpopulated matview
            continue
        counts[rel.label] = int(row[0]) if row else 0
    return counts


def _ident(label: str) -> sql.Composable:
    schema, _, name = label.partition(".")
    return sql.Identifier(schema, name)


def _sql_error(exc: psycopg.Error) -> str:
    diag = exc.diag
    return f"{diag.sqlstate or '?'}: {diag.message_primary or str(exc).strip()}"


@dataclass
class _LockReading:
    locks: dict[str, set[str]] = field(default_factory=dict)
    waiting: dict[str, set[str]] = field(default_factory=dict)
    new_locks: dict[str, set[str]] = field(default_factory=dict)
    new_oids: dict[int, set[str]] = field(default_factory=dict)
    catalog: dict[str, set[str]] = field(default_factory=dict)
    other: set[str] = field(default_factory=set)


def _read_locks(
    observer: psycopg.Connection[Any], pid: int, before: Mapping[str, Relation], database_oid: int
) -> _LockReading:
    by_oid = {rel.oid: rel for rel in before.values()}
    reading = _LockReading()
    for row in observer.execute(_LOCKS_SQL, (pid,)).fetchall():
        locktype, mode, granted, relation, database, described, objid, vxid, xid, _kind, nsp, name = row
        if locktype != "relation":
            detail = vxid or xid or (described if objid is not None else "")
            reading.other.add(f"{locktype} {detail} {mode}{'' if granted else ' (waiting)'}".strip())
            continue
        if relation in by_oid and database == database_oid:
            label = by_oid[relation].label
            reading.locks.setdefault(label, set()).add(mode)
            if not granted:
                reading.waiting.setdefault(label, set()).add(mode)
        elif relation < FIRST_NORMAL_OID or nsp in {"pg_catalog", "information_schema"}:
            reading.catalog.setdefault(f"{nsp}.{name}" if name else str(relation), set()).add(mode)
        else:
            reading.new_oids.setdefault(int(relation), set()).add(mode)
    return reading


def _name_new_relations(conn: psycopg.Connection[Any], reading: _LockReading) -> None:
    """Name relations the example created (visible only inside its transaction)."""
    if not reading.new_oids:
        return
    names: dict[int, str] = {}
    try:
        rows = conn.execute(
            "SELECT c.oid::bigint, n.nspname || '.' || c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ANY(%s)",
            (list(reading.new_oids),),
        ).fetchall()
        names = {int(oid): str(label) for oid, label in rows}
    except psycopg.Error:
        pass
    for oid, modes in reading.new_oids.items():
        reading.new_locks.setdefault(names.get(oid, f"oid:{oid}"), set()).update(modes)


def _touched_tables(before: Mapping[str, Relation], locked: Iterable[str]) -> list[Relation]:
    by_oid = {rel.oid: rel for rel in before.values()}
    touched: dict[str, Relation] = {}
    for label in locked:
        rel = before[label]
        if rel.relkind in PROBED_KINDS:
            touched[label] = rel
        elif rel.parent_oid is not None and rel.parent_oid in by_oid:
            parent = by_oid[rel.parent_oid]
            if parent.relkind in TABLE_KINDS:
                touched[parent.label] = parent
    return [touched[k] for k in sorted(touched)]


def _probe(prober: psycopg.Connection[Any], statement: sql.Composed) -> bool | str:
    """True: blocked (55P03). False: ran. str: failed otherwise (the error)."""
    try:
        with prober.transaction(force_rollback=True):
            prober.execute(
                sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(PROBE_LOCK_TIMEOUT))
            )
            prober.execute(statement)
    except psycopg.errors.LockNotAvailable:
        return True
    except psycopg.Error as exc:
        return _sql_error(exc)
    return False


@dataclass
class _Probes:
    reads: dict[str, bool] = field(default_factory=dict)
    writes: dict[str, bool] = field(default_factory=dict)
    row_writes: dict[str, bool] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _run_probes(prober: psycopg.Connection[Any], tables: Iterable[Relation]) -> _Probes:
    result = _Probes()
    for rel in tables:
        name = _ident(rel.label)
        checks: list[tuple[str, dict[str, bool], sql.Composed]]
        if rel.relkind == "S":
            checks = [
                ("read", result.reads, sql.SQL("SELECT last_value FROM {}").format(name)),
                ("write", result.writes, sql.SQL("SELECT nextval({})").format(sql.Literal(rel.label))),
            ]
        elif rel.relkind in {"m", "v"}:
            checks = [("read", result.reads, sql.SQL("SELECT * FROM {} LIMIT 1").format(name))]
        else:
            checks = [
                ("read", result.reads, sql.SQL("SELECT * FROM {} LIMIT 1").format(name)),
                ("write", result.writes, sql.SQL("DELETE FROM {} WHERE false").format(name)),
                ("row_write", result.row_writes, sql.SQL("SELECT 1 FROM {} FOR NO KEY UPDATE").format(name)),
            ]
        for kind, target, statement in checks:
            outcome = _probe(prober, statement)
            if isinstance(outcome, bool):
                target[rel.label] = outcome
            else:
                result.errors[f"{kind} {rel.label}"] = outcome
    return result


def _frozen(d: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in sorted(d.items())}


@dataclass(frozen=True, slots=True)
class _Changes:
    rewritten: frozenset[str]
    new: frozenset[str]
    dropped: frozenset[str]
    renamed: dict[str, str]


def _compare(before: Mapping[str, Relation], after: Mapping[str, Relation]) -> _Changes:
    """Match relations by name, then unmatched ones by OID (a rename keeps the OID)."""
    after_by_oid = {rel.oid: rel for rel in after.values()}
    new = set(after.keys() - before.keys())
    dropped = set(before.keys() - after.keys())
    renamed: dict[str, str] = {}
    pairs = [(rel, after[label]) for label, rel in before.items() if label in after]
    for label in sorted(dropped):
        moved = after_by_oid.get(before[label].oid)
        if moved is not None and moved.label in new:
            renamed[label] = moved.label
            pairs.append((before[label], moved))
            new.discard(moved.label)
            dropped.discard(label)
    rewritten = frozenset(old.label for old, now in pairs if old.relfilenode != now.relfilenode)
    return _Changes(rewritten, frozenset(new), frozenset(dropped), renamed)


# --------------------------------------------------------------------------- observe


def observe(
    db: TestDatabase,
    setup: str,
    example: str,
    *,
    transactional: bool = True,
    rollback: bool = False,
    hold_mode: str = "ACCESS SHARE",
    hold_tables: Iterable[str] | None = None,
) -> Observation:
    """Run ``setup``, then ``example``, and report what the server did (see the module docstring).

    Args:
        db: a fresh test database (``pg_db``).
        setup: SQL run first in autocommit (several statements allowed; may be empty).
        example: the statement(s) to observe, without transaction control.
        transactional: run ``example`` inside ``BEGIN`` (True) or in autocommit, observed while
            it waits for the holder session (False).
        rollback: end the example's transaction with ROLLBACK instead of COMMIT.
        hold_mode: non-transactional mode only: the lock the holder session takes on every
            pre-existing table (``ACCESS SHARE`` or e.g. ``SHARE UPDATE EXCLUSIVE``).
        hold_tables: non-transactional mode only: lock only these tables (``schema.name``)
            instead of all; e.g. only the partition, to see DETACH … CONCURRENTLY's second
            phase (SHARE UPDATE EXCLUSIVE on the parent, waiting for ACCESS EXCLUSIVE on the
            partition) instead of its wait for lockers of the parent, where it holds nothing.

    Returns:
        The ``Observation``. A failing example is not an exception: ``error`` holds
        ``SQLSTATE: message`` and the other fields describe what was seen up to the failure.
    """
    opened: list[psycopg.Connection[Any]] = []

    def connect(autocommit: bool) -> psycopg.Connection[Any]:
        conn = db.connect(autocommit=autocommit)
        opened.append(conn)
        return conn

    try:
        return _observe(db, connect, setup, example, transactional, rollback, hold_mode, hold_tables)
    finally:
        for conn in opened:  # observe() may run many times in one test: free the slots now
            conn.close()


def _observe(
    db: TestDatabase,
    connect: Callable[[bool], psycopg.Connection[Any]],
    setup: str,
    example: str,
    transactional: bool,
    rollback: bool,
    hold_mode: str,
    hold_tables: Iterable[str] | None,
) -> Observation:
    setup_conn = connect(True)
    if setup.strip():
        setup_conn.execute(setup)  # type: ignore[arg-type,unused-ignore]
    before = relations(setup_conn)
    rows_before = _row_counts(setup_conn, before)
    database_oid = int(setup_conn.execute("SELECT oid FROM pg_database WHERE datname = current_database()").fetchone()[0])  # type: ignore[index,unused-ignore]
    if transactional:
        return _observe_in_transaction(db, connect, example, before, rows_before, database_oid, rollback)
    return _observe_concurrent(
        db, connect, example, before, rows_before, database_oid, hold_mode,
        None if hold_tables is None else frozenset(hold_tables),
    )


def _configure_example(conn: psycopg.Connection[Any]) -> None:
    conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(EXAMPLE_LOCK_TIMEOUT)))
    conn.execute(sql.SQL("SET statement_timeout = {}").format(sql.Literal(EXAMPLE_STATEMENT_TIMEOUT)))


def _observe_in_transaction(
    db: TestDatabase,
    connect: Callable[[bool], psycopg.Connection[Any]],
    example: str,
    before: Mapping[str, Relation],
    rows_before: Mapping[str, int],
    database_oid: int,
    rollback: bool,
) -> Observation:
    example_conn = connect(True)
    _configure_example(example_conn)
    observer = connect(True)
    prober = connect(False)
    pid = example_conn.info.backend_pid
    relkinds = {label: rel.relkind for label, rel in before.items()}
    example_conn.execute("BEGIN")
    try:
        example_conn.execute(example)  # type: ignore[arg-type,unused-ignore]
    except psycopg.Error as exc:
        failure = _sql_error(exc)
        example_conn.execute("ROLLBACK")
        changes = _compare(before, relations(observer))
        return Observation(
            locks={}, relkinds=relkinds, rewritten=changes.rewritten, reads_blocked={},
            writes_blocked={}, error=failure, new_relations=changes.new,
            dropped_relations=changes.dropped, renamed=changes.renamed, rows_before=rows_before,
            major=db.major,
        )
    reading = _read_locks(observer, pid, before, database_oid)
    _name_new_relations(example_conn, reading)
    scans = _xact_scans(example_conn, before)
    probes = _run_probes(prober, _touched_tables(before, reading.locks))
    error: str | None = None
    try:
        example_conn.execute("ROLLBACK" if rollback else "COMMIT")
    except psycopg.Error as exc:  # deferred constraint, serialization failure
        error = _sql_error(exc)
    changes = _compare(before, relations(observer))
    return Observation(
        locks=_frozen(reading.locks),
        relkinds=relkinds,
        rewritten=changes.rewritten,
        reads_blocked=probes.reads,
        writes_blocked=probes.writes,
        row_writes_blocked=probes.row_writes,
        error=error,
        new_relations=changes.new,
        dropped_relations=changes.dropped,
        renamed=changes.renamed,
        new_relation_locks=_frozen(reading.new_locks),
        catalog_locks=_frozen(reading.catalog),
        other_locks=frozenset(reading.other),
        waiting_for=_frozen(reading.waiting),
        scans=scans,
        rows_before=rows_before,
        probe_errors=probes.errors,
        observed_while_running=True,
        transactional=True,
        major=db.major,
    )


def _xact_scans(conn: psycopg.Connection[Any], before: Mapping[str, Relation]) -> dict[str, TableScan]:
    tables = {rel.oid: rel.label for rel in before.values() if rel.relkind in {"r", "m", "t"}}
    if not tables:
        return {}
    scans: dict[str, TableScan] = {}
    for relid, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch in conn.execute(
        _XACT_SCANS_SQL, (list(tables),)
    ).fetchall():
        scan = TableScan(int(seq_scan), int(seq_tup_read), int(idx_scan), int(idx_tup_fetch))
        if scan != TableScan(0, 0, 0, 0):
            scans[tables[int(relid)]] = scan
    return scans


def _observe_concurrent(
    db: TestDatabase,
    connect: Callable[[bool], psycopg.Connection[Any]],
    example: str,
    before: Mapping[str, Relation],
    rows_before: Mapping[str, int],
    database_oid: int,
    hold_mode: str,
    hold_tables: frozenset[str] | None,
) -> Observation:
    holder = connect(True)
    holder.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
    holder.execute("SELECT 1")  # takes the snapshot
    for rel in before.values():
        if rel.relkind in {"r", "p", "m"} and (hold_tables is None or rel.label in hold_tables):
            holder.execute(
                sql.SQL("LOCK TABLE ONLY {} IN {} MODE").format(_ident(rel.label), sql.SQL(hold_mode))
            )
    example_conn = connect(True)
    example_conn.execute(sql.SQL("SET statement_timeout = {}").format(sql.Literal(EXAMPLE_STATEMENT_TIMEOUT)))
    observer = connect(True)
    prober = connect(False)
    pid = example_conn.info.backend_pid
    outcome: dict[str, str | None] = {"error": None}

    def run() -> None:
        try:
            example_conn.execute(example)  # type: ignore[arg-type,unused-ignore]
        except psycopg.Error as exc:
            outcome["error"] = _sql_error(exc)

    thread = threading.Thread(target=run, name="observe-example", daemon=True)
    thread.start()
    waiting = _wait_until_waiting(observer, pid, thread)
    reading = _LockReading()
    probes = _Probes()
    if waiting:
        reading = _read_locks(observer, pid, before, database_oid)
        probes = _run_probes(prober, _touched_tables(before, reading.locks))
    holder.execute("COMMIT")
    thread.join(WAIT_FOR_EXAMPLE_SECONDS * 6)
    if thread.is_alive():
        observer.execute("SELECT pg_cancel_backend(%s)", (pid,))
        thread.join(10)
        outcome["error"] = outcome["error"] or "example did not finish after the holder released"
    changes = _compare(before, relations(observer))
    _name_new_relations(observer, reading)  # CONCURRENTLY commits its catalog rows early
    return Observation(
        locks=_frozen(reading.locks),
        relkinds={label: rel.relkind for label, rel in before.items()},
        rewritten=changes.rewritten,
        reads_blocked=probes.reads,
        writes_blocked=probes.writes,
        row_writes_blocked=probes.row_writes,
        error=outcome["error"],
        new_relations=changes.new,
        dropped_relations=changes.dropped,
        renamed=changes.renamed,
        new_relation_locks=_frozen(reading.new_locks),
        catalog_locks=_frozen(reading.catalog),
        other_locks=frozenset(reading.other),
        waiting_for=_frozen(reading.waiting),
        scans={},
        rows_before=rows_before,
        probe_errors=probes.errors,
        observed_while_running=waiting,
        transactional=False,
        major=db.major,
    )


def _wait_until_waiting(observer: psycopg.Connection[Any], pid: int, thread: threading.Thread) -> bool:
    """Poll until backend ``pid`` waits on a lock (True) or the example finished (False)."""
    deadline = time.monotonic() + WAIT_FOR_EXAMPLE_SECONDS
    while time.monotonic() < deadline:
        if not thread.is_alive():
            return False
        row = observer.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s AND state = 'active'", (pid,)
        ).fetchone()
        if row is not None and row[0] == "Lock":
            return True
        time.sleep(0.01)
    return False
