"""Zero downtime under load: the executor's plan vs the naive migration, same workload, same test.

200,000 rows; three threads do short reads, updates and inserts and record every latency. The
migration adds a NOT NULL column with a volatile default, changes a column type, adds a foreign
key and a unique constraint. Through the executor (plan built by hand the way the planner
writes it) no workload query fails and none waits longer than the lock timeout + 200 ms; the
naive migration, in one transaction as most runners do, blocks the workload for longer.

Runs on one PostgreSQL version (``any_pg``): the plan is built by hand, so nothing here branches
on the version; the lock each statement takes on each version is verified by
tests/pg/test_fact_audit.py and tests/pg/test_knowledge_verified.py.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

import psycopg
import pytest

from migrator.analysis.locks import LockMode
from migrator.executor.backfill import BackfillSettings
from migrator.executor.control import RunControl
from migrator.executor.progress import LogObserver
from migrator.executor.runner import ExecutorSettings, Runner
from migrator.executor.session import Session
from migrator.executor.timeouts import TimeoutSettings
from migrator.planner.model import Backfill, PhaseName, RetryPolicy, StepKind, Timeouts
from tests.support.pg import TestDatabase
from tests.unit.executor.plans import plan, step

ROWS = 200_000
LOCK_TIMEOUT_MS = 500
MARGIN_MS = 200
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
RETRY = RetryPolicy(max_attempts=100, base_delay_ms=50, max_delay_ms=500, deadline_s=120)
T = Timeouts(LOCK_TIMEOUT_MS, 0)

SETUP = f"""
CREATE TABLE owners (id bigint PRIMARY KEY);
INSERT INTO owners SELECT generate_series(1, 1000);
CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint, n int, s text);
INSERT INTO accounts SELECT g, g % 1000 + 1, g % 97, 's' || g FROM generate_series(1, {ROWS}) g;
ANALYZE accounts;
"""

NAIVE = """
BEGIN;
ALTER TABLE accounts ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE accounts ALTER COLUMN n TYPE bigint;
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_s_key UNIQUE (s);
COMMIT;
"""

SYNC_FUNCTION = ("CREATE FUNCTION accounts_sync_n() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$ BEGIN NEW.n_new := NEW.n; RETURN NEW; END $$")

PLAN = plan(
    # volatile default: nullable column, default for new rows, backfill, then NOT NULL via a check
    step("e1", "ALTER TABLE accounts ADD COLUMN token uuid", group="token", timeouts=T, retry=RETRY),
    step("e2", "ALTER TABLE accounts ALTER COLUMN token SET DEFAULT gen_random_uuid()", group="token",
         timeouts=T, retry=RETRY),
    # type change: shadow column kept in sync by a trigger
    step("e3", "ALTER TABLE accounts ADD COLUMN n_new bigint", group="shadow", timeouts=T, retry=RETRY),
    step("e4", SYNC_FUNCTION, group="shadow", lock=None, timeouts=T, retry=RETRY),
    step("e5", "CREATE TRIGGER accounts_sync_n BEFORE INSERT OR UPDATE ON accounts FOR EACH ROW "
               "EXECUTE FUNCTION accounts_sync_n()", group="shadow", lock=LockMode.SHARE_ROW_EXCLUSIVE,
         timeouts=T, retry=RETRY),
    # foreign key: NOT VALID, then VALIDATE
    step("e6", "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) "
               "NOT VALID", lock=LockMode.SHARE_ROW_EXCLUSIVE, timeouts=T, retry=RETRY),
    step("e7", "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_fk", transactional=False, lock=SUE,
         kind=StepKind.VALIDATE, timeouts=T, retry=RETRY),
    # unique: index built concurrently, then attached
    step("e8", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_s_key ON accounts (s)", transactional=False,
         lock=SUE, timeouts=T, retry=RETRY),
    step("e9", "ALTER TABLE accounts ADD CONSTRAINT accounts_s_key UNIQUE USING INDEX accounts_s_key",
         timeouts=T, retry=RETRY),
    step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE, timeouts=T,
         retry=RETRY, backfill=Backfill("public.accounts", ("id",), "token = gen_random_uuid(), n_new = n",
                                        "token IS NULL OR n_new IS DISTINCT FROM n", 1000)),
    step("k1", "ALTER TABLE accounts ADD CONSTRAINT accounts_token_nn CHECK (token IS NOT NULL) NOT VALID",
         phase=PhaseName.CONTRACT, timeouts=T, retry=RETRY),
    step("k2", "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_token_nn", phase=PhaseName.CONTRACT,
         transactional=False, lock=SUE, kind=StepKind.VALIDATE, timeouts=T, retry=RETRY),
    step("k3", "ALTER TABLE accounts ALTER COLUMN token SET NOT NULL", phase=PhaseName.CONTRACT, group="nn",
         timeouts=T, retry=RETRY),
    step("k4", "ALTER TABLE accounts DROP CONSTRAINT accounts_token_nn", phase=PhaseName.CONTRACT, group="nn",
         timeouts=T, retry=RETRY),
    step("k5", "DROP TRIGGER accounts_sync_n ON accounts", phase=PhaseName.CONTRACT, group="swap",
         timeouts=T, retry=RETRY),
    step("k6", "ALTER TABLE accounts RENAME COLUMN n TO n_old", phase=PhaseName.CONTRACT, group="swap",
         timeouts=T, retry=RETRY),
    step("k7", "ALTER TABLE accounts RENAME COLUMN n_new TO n", phase=PhaseName.CONTRACT, group="swap",
         timeouts=T, retry=RETRY),
    step("k8", "ALTER TABLE accounts DROP COLUMN n_old", phase=PhaseName.CONTRACT, group="swap",
         timeouts=T, retry=RETRY),
    step("k9", "DROP FUNCTION accounts_sync_n()", phase=PhaseName.CONTRACT, lock=None, timeouts=T, retry=RETRY),
)


@dataclass
class Workload:
    """Threads doing short reads, updates and inserts, recording latencies and errors."""

    dsn: str
    threads: int = 3
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    next_id: list[int] = field(default_factory=lambda: [ROWS + 1])
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _worker(self, seed: int) -> None:
        rng = random.Random(seed)
        # no server-side prepared statements: a column type change invalidates their result type
        conn = psycopg.connect(self.dsn, autocommit=True, prepare_threshold=None, application_name="workload")
        try:
            while not self.stop.is_set():
                choice = rng.random()
                key = rng.randint(1, ROWS)
                started = time.monotonic()
                try:
                    if choice < 0.5:
                        conn.execute("SELECT s, n FROM accounts WHERE id = %s", (key,)).fetchall()
                    elif choice < 0.85:
                        conn.execute("UPDATE accounts SET n = n + 1 WHERE id = %s", (key,))
                    else:
                        with self.lock:
                            new_id = self.next_id[0]
                            self.next_id[0] += 1
                        conn.execute("INSERT INTO accounts (id, owner_id, n, s) VALUES (%s, %s, %s, %s)",
                                     (new_id, key % 1000 + 1, 1, f"s{new_id}"))
                except psycopg.Error as exc:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                self.latencies.append(time.monotonic() - started)
                time.sleep(0.005)
        finally:
            conn.close()

    def __enter__(self) -> Workload:  # noqa: PYI034
        self._threads = [threading.Thread(target=self._worker, args=(i,), daemon=True) for i in range(self.threads)]
        for thread in self._threads:
            thread.start()
        time.sleep(0.3)
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.3)
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def _apply_with_executor(db: TestDatabase) -> Workload:
    settings = ExecutorSettings(timeouts=TimeoutSettings(lock_timeout_ms=LOCK_TIMEOUT_MS),
                                backfill=BackfillSettings(target_batch_ms=100))
    with Workload(db.dsn) as workload:
        session = Session.connect(db.dsn)
        try:
            Runner(session, LogObserver(), RunControl(), settings).apply(PLAN, list(PhaseName))
        finally:
            session.close()
    return workload


def _apply_naively(db: TestDatabase) -> Workload:
    with Workload(db.dsn) as workload:
        conn = psycopg.connect(db.dsn, autocommit=True)
        try:
            conn.execute(NAIVE)
        finally:
            conn.close()
    return workload


@pytest.mark.slow
@pytest.mark.any_pg
def test_executor_keeps_the_workload_flowing_where_the_naive_migration_blocks_it(make_pg_db) -> None:  # type: ignore[no-untyped-def]
    safe_db, naive_db = make_pg_db(), make_pg_db()
    safe_db.execute(SETUP)
    naive_db.execute(SETUP)

    safe = _apply_with_executor(safe_db)
    naive = _apply_naively(naive_db)

    safe_max_ms, naive_max_ms = max(safe.latencies) * 1000, max(naive.latencies) * 1000
    print(f"\nworkload through the executor: {len(safe.latencies)} queries, max wait {safe_max_ms:.0f} ms, "
          f"{len(safe.errors)} errors")
    print(f"workload under the naive migration: {len(naive.latencies)} queries, max wait {naive_max_ms:.0f} ms, "
          f"{len(naive.errors)} errors")
    assert safe.errors == []
    assert safe_max_ms <= LOCK_TIMEOUT_MS + MARGIN_MS
    assert naive_max_ms > safe_max_ms
    assert naive_max_ms > LOCK_TIMEOUT_MS + MARGIN_MS
    # both reach the same schema for the columns the application uses
    for db in (safe_db, naive_db):
        assert db.fetchall(
            "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
            "WHERE attrelid = 'accounts'::regclass AND attname IN ('n', 'token') ORDER BY attname"
        ) == [("n", "bigint", False), ("token", "uuid", True)]
        assert db.fetchval("SELECT count(*) FROM accounts WHERE token IS NULL") == 0
    assert safe_db.fetchval("SELECT count(*) FROM pg_constraint WHERE conrelid = 'accounts'::regclass "
                            "AND convalidated AND conname IN ('accounts_owner_fk', 'accounts_s_key')") == 2
