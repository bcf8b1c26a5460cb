"""Executor behaviour on a real server, in process: retries, blockers, idempotence, rollback, gates.

Plans are built by hand (tests/unit/executor/plans.py) so these tests do not depend on the
planner. Process-level behaviour (kill -9, two processes, output) is in test_executor_cli.py.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
import pytest

from migrator.analysis.locks import LockMode
from migrator.errors import ExecutionError, GateBlocked, LockNotAcquired
from migrator.executor.backfill import BackfillKeyError, BackfillSettings
from migrator.executor.control import RunControl
from migrator.executor.progress import LogObserver
from migrator.executor.runner import ExecutorSettings, Runner, RunResult, StepFailed
from migrator.executor.session import Session
from migrator.executor.timeouts import TimeoutSettings
from migrator.planner.model import Backfill, PhaseName, Plan, RetryPolicy, StepKind, Timeouts, Undo
from tests.support.catalog import diff, snapshot
from tests.support.pg import TestDatabase
from tests.unit.executor.plans import plan, step

ALL = list(PhaseName)
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE


def run(db: TestDatabase, the_plan: Plan, phases: list[PhaseName] | None = None,
        settings: ExecutorSettings | None = None, observer: LogObserver | None = None) -> RunResult:
    session = Session.connect(db.dsn)
    try:
        return Runner(session, observer or LogObserver(), RunControl(), settings).apply(the_plan, phases or ALL)
    finally:
        session.close()


def rollback(db: TestDatabase, phases: list[PhaseName] | None = None) -> RunResult:
    session = Session.connect(db.dsn)
    try:
        return Runner(session, LogObserver(), RunControl()).rollback(None, phases or ALL)
    finally:
        session.close()


def statuses(db: TestDatabase) -> dict[str, tuple[str, int]]:
    return {r[0]: (r[1], r[2]) for r in db.fetchall("SELECT step_id, status, attempts FROM migrator.steps")}


def invalid_indexes(db: TestDatabase) -> list[str]:
    return [r[0] for r in db.fetchall(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid")]


@pytest.mark.any_pg
def test_transactional_step_and_its_state_row_commit_together(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int)")
    the_plan = plan(step("e1", "ALTER TABLE t ADD COLUMN b int"),
                    step("e2", "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int"))
    run(pg_db, the_plan)
    assert statuses(pg_db) == {"e1": ("done", 1), "e2": ("skipped", 1)}
    # a second run applies nothing twice
    result = run(pg_db, the_plan)
    assert result.outcomes == ()
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'b'") == 1


@pytest.mark.any_pg
def test_no_op_add_column_is_skipped_without_taking_its_lock(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int)")
    holder = pg_db.connect(autocommit=False)
    holder.execute("LOCK TABLE t IN ACCESS SHARE MODE")  # ADD COLUMN would wait for this
    try:
        run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int",
                             retry=RetryPolicy(max_attempts=1, deadline_s=1), timeouts=Timeouts(100, 0))))
    finally:
        holder.rollback()
    assert statuses(pg_db)["e1"][0] == "skipped"


@pytest.mark.any_pg
def test_blocker_makes_the_step_retry_naming_it_while_other_tables_stay_free(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE busy (id bigint PRIMARY KEY); CREATE TABLE other (id bigint PRIMARY KEY, n int);"
                  "INSERT INTO other SELECT g, 0 FROM generate_series(1, 100) g")
    blocker = pg_db.connect(autocommit=False, application_name="blocker-app")
    blocker.execute("LOCK TABLE busy IN ACCESS SHARE MODE")
    blocker_pid = blocker.info.backend_pid
    observer = LogObserver()
    retry = RetryPolicy(max_attempts=50, base_delay_ms=50, max_delay_ms=200, deadline_s=30)
    the_plan = plan(step("e1", "ALTER TABLE busy ADD COLUMN x int", timeouts=Timeouts(200, 0), retry=retry))
    result: list[Any] = []
    runner = threading.Thread(target=lambda: result.append(run(pg_db, the_plan, observer=observer)))
    runner.start()
    worker = pg_db.connect()
    worker.execute("SET lock_timeout = '1s'")
    latencies = []
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        started = time.monotonic()
        worker.execute("UPDATE other SET n = n + 1 WHERE id = 7")
        worker.execute("SELECT count(*) FROM other")
        latencies.append(time.monotonic() - started)
        time.sleep(0.01)
    blocker.rollback()
    runner.join(timeout=30)
    assert result and result[0].outcomes[0].status == "done"
    retries = [m for m in observer.messages if "retrying" in m]
    assert retries, observer.messages
    assert f"pid {blocker_pid} (blocker-app" in retries[0]
    assert "transaction open" in retries[0] and "LOCK TABLE busy" in retries[0]
    assert max(latencies) < 0.5
    assert statuses(pg_db)["e1"] == ("done", len(retries) + 1)


@pytest.mark.any_pg
def test_retries_run_out_at_the_deadline_and_report_retry_later(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE busy (id bigint PRIMARY KEY)")
    blocker = pg_db.connect(autocommit=False, application_name="long-report")
    blocker.execute("LOCK TABLE busy IN ACCESS SHARE MODE")
    retry = RetryPolicy(max_attempts=100, base_delay_ms=50, max_delay_ms=100, deadline_s=1.0)
    started = time.monotonic()
    with pytest.raises(LockNotAcquired) as info:
        run(pg_db, plan(step("e1", "ALTER TABLE busy ADD COLUMN x int", timeouts=Timeouts(100, 0), retry=retry)))
    blocker.rollback()
    assert time.monotonic() - started < 5
    assert "long-report" in info.value.message and info.value.exit_code == 3
    assert statuses(pg_db)["e1"][0] == "failed"
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 'busy'::regclass AND attname = 'x'") == 0


@pytest.mark.any_pg
def test_group_is_retried_whole_and_never_after_commit(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE a (id int); CREATE TABLE b (id int)")
    blocker = pg_db.connect(autocommit=False)
    blocker.execute("LOCK TABLE b IN ACCESS SHARE MODE")
    retry = RetryPolicy(max_attempts=30, base_delay_ms=30, max_delay_ms=60, deadline_s=20)
    the_plan = plan(step("g1", "ALTER TABLE a ADD COLUMN x int", group="g", timeouts=Timeouts(100, 0), retry=retry),
                    step("g2", "ALTER TABLE b ADD COLUMN y int", group="g", timeouts=Timeouts(100, 0), retry=retry))
    thread = threading.Thread(target=run, args=(pg_db, the_plan))
    thread.start()
    time.sleep(0.5)
    # while g2 waits, g1's change is not visible: the group commits together or not at all
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 'a'::regclass AND attname = 'x'") == 0
    blocker.rollback()
    thread.join(timeout=30)
    assert statuses(pg_db)["g1"][0] == statuses(pg_db)["g2"][0] == "done"


@pytest.mark.any_pg
def test_failed_unique_cic_leaves_no_invalid_index_and_a_rerun_builds_it(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int); INSERT INTO t VALUES (1, 1), (2, 1), (3, 2)")
    the_plan = plan(step("e1", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_key ON t (a)",
                         transactional=False, lock=SUE))
    with pytest.raises(StepFailed) as info:
        run(pg_db, the_plan)
    assert info.value.sqlstate == "23505"
    assert invalid_indexes(pg_db) == []
    assert statuses(pg_db)["e1"][0] == "failed"
    pg_db.execute("DELETE FROM t WHERE id = 2")
    run(pg_db, the_plan)
    assert pg_db.fetchval("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_a_key'::regclass") is True


@pytest.mark.any_pg
def test_invalid_index_left_by_an_earlier_failed_build_is_dropped_and_rebuilt(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int); INSERT INTO t VALUES (1, 1), (2, 1)")
    with pytest.raises(psycopg.errors.UniqueViolation):
        pg_db.execute("CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON t (a)")
    assert invalid_indexes(pg_db) == ["t_a_key"]  # IF NOT EXISTS alone would keep this one
    pg_db.execute("DELETE FROM t WHERE id = 2")
    observer = LogObserver()
    run(pg_db, plan(step("e1", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_key ON t (a)",
                         transactional=False, lock=SUE)), observer=observer)
    assert invalid_indexes(pg_db) == []
    assert pg_db.fetchval("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_a_key'::regclass") is True
    assert any("dropping INVALID index public.t_a_key" in m for m in observer.messages)


@pytest.mark.any_pg
def test_ccnew_leftover_of_an_interrupted_reindex_is_cleaned(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int); CREATE INDEX t_a ON t (a);"
                  "INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g")
    holder = pg_db.connect(autocommit=False)
    holder.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    holder.execute("SELECT count(*) FROM t")  # an old snapshot: REINDEX CONCURRENTLY waits for it
    reindexer = pg_db.connect()
    pid = reindexer.info.backend_pid
    errors: list[Exception] = []

    def reindex() -> None:
        try:
            reindexer.execute("REINDEX INDEX CONCURRENTLY t_a")
        except psycopg.Error as exc:
            errors.append(exc)

    thread = threading.Thread(target=reindex)
    thread.start()
    for _ in range(100):
        if any(name.startswith("t_a_ccnew") for name in invalid_indexes(pg_db)):
            break
        time.sleep(0.05)
    pg_db.execute("SELECT pg_cancel_backend(%s)", (pid,))
    thread.join(timeout=10)
    holder.rollback()
    assert errors and any(name.startswith("t_a_ccnew") for name in invalid_indexes(pg_db))
    run(pg_db, plan(step("e1", "REINDEX INDEX CONCURRENTLY t_a", transactional=False, lock=SUE)))
    assert invalid_indexes(pg_db) == []


@pytest.mark.any_pg
def test_failed_step_then_rollback_restores_the_schema_exactly(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE parent (id bigint PRIMARY KEY);"
                  "CREATE TABLE t (id bigint PRIMARY KEY, a int, p bigint);"
                  "INSERT INTO parent VALUES (1); INSERT INTO t VALUES (1, 1, 1), (2, 1, 1)")
    conn = pg_db.connect()
    before = snapshot(conn)
    the_plan = plan(
        step("e1", "ALTER TABLE t ADD COLUMN x int", undo=Undo.run("ALTER TABLE t DROP COLUMN x")),
        step("e2", "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_x ON t (x)", transactional=False, lock=SUE,
             undo=Undo.run("DROP INDEX CONCURRENTLY IF EXISTS t_x", transactional=False)),
        step("e3", "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p) REFERENCES parent (id) NOT VALID",
             lock=LockMode.SHARE_ROW_EXCLUSIVE, undo=Undo.run("ALTER TABLE t DROP CONSTRAINT t_p_fk")),
        step("e4", "ALTER TABLE t VALIDATE CONSTRAINT t_p_fk", lock=SUE, kind=StepKind.VALIDATE),
        step("e5", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_key ON t (a)", transactional=False,
             lock=SUE, undo=Undo.run("DROP INDEX CONCURRENTLY IF EXISTS t_a_key", transactional=False)),
    )
    with pytest.raises(StepFailed):
        run(pg_db, the_plan)
    assert snapshot(conn) != before
    result = rollback(pg_db)
    assert [o.step_id for o in result.outcomes] == ["e4", "e3", "e2", "e1"]
    assert diff(before, snapshot(conn)) == []
    assert {s for s, _ in statuses(pg_db).values()} == {"undone", "failed"}


@pytest.mark.any_pg
def test_rollback_refuses_an_applied_irreversible_step_before_running_anything(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, old text)")
    run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN x int", undo=Undo.run("ALTER TABLE t DROP COLUMN x")),
                    step("c1", "ALTER TABLE t DROP COLUMN old", phase=PhaseName.CONTRACT,
                         undo=Undo.impossible("drops column old and its data"))))
    with pytest.raises(ExecutionError, match="drops column old and its data"):
        rollback(pg_db)
    assert statuses(pg_db)["e1"][0] == "done"


@pytest.mark.any_pg
def test_irreversible_phase_needs_confirmation(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, old text)")
    the_plan = plan(step("c1", "ALTER TABLE t DROP COLUMN old", phase=PhaseName.CONTRACT,
                         undo=Undo.impossible("drops data")))
    asked: list[tuple[str, ...]] = []
    session = Session.connect(pg_db.dsn)
    with pytest.raises(Exception, match="not confirmed"):
        Runner(session, LogObserver(), RunControl(),
               confirm=lambda phase, reasons: asked.append(reasons) or False).apply(the_plan, ALL)
    session.close()
    assert asked and "drops data" in asked[0][0]
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'old'") == 1


BACKFILL_PLAN = plan(
    step("e1", "ALTER TABLE items ADD COLUMN b bigint", undo=Undo.run("ALTER TABLE items DROP COLUMN b")),
    step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
         backfill=Backfill("public.items", (), "b = a * 3 + id, touched = touched + 1", "b IS NULL", 100)),
    step("c1", "ALTER TABLE items ALTER COLUMN b SET NOT NULL", phase=PhaseName.CONTRACT),
)


@pytest.mark.any_pg
def test_backfill_walks_every_row_once_and_adapts_batch_size(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE items (id bigint PRIMARY KEY, a int, touched int NOT NULL DEFAULT 0);"
                  "INSERT INTO items (id, a) SELECT g * 2, g FROM generate_series(1, 5000) g; ANALYZE items")
    settings = ExecutorSettings(backfill=BackfillSettings(target_batch_ms=20, min_batch=10))
    run(pg_db, BACKFILL_PLAN, settings=settings)
    assert pg_db.fetchall("SELECT count(*), sum((b = a * 3 + id)::int), min(touched), max(touched) FROM items") \
        == [(5000, 5000, 1, 1)]
    batches, batch_size, rows_done = pg_db.fetchall(
        "SELECT batches, batch_size, rows_done FROM migrator.backfills")[0]
    assert rows_done == 5000 and batches >= 2 and batch_size != 100


@pytest.mark.any_pg
def test_backfill_without_a_usable_key_fails_with_a_fix(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE items (a int, touched int NOT NULL DEFAULT 0); INSERT INTO items VALUES (1)")
    with pytest.raises(BackfillKeyError, match="no primary key.*Fix: add a primary key"):
        run(pg_db, plan(step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
                             backfill=Backfill("public.items", (), "a = 2"))))
    assert pg_db.fetchval("SELECT a FROM items") == 1


@pytest.mark.any_pg
def test_contract_gate_refuses_until_expand_and_backfill_are_done(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE items (id bigint PRIMARY KEY, a int, touched int NOT NULL DEFAULT 0);"
                  "INSERT INTO items (id, a) SELECT g, g FROM generate_series(1, 300) g")
    with pytest.raises(GateBlocked, match="expand step e1 .* is pending"):
        run(pg_db, BACKFILL_PLAN, [PhaseName.CONTRACT])
    run(pg_db, BACKFILL_PLAN, [PhaseName.EXPAND, PhaseName.BACKFILL])
    pg_db.execute("INSERT INTO items (id, a) VALUES (1000, 1)")  # a row the backfill never saw
    with pytest.raises(GateBlocked, match="still need the backfill") as info:
        run(pg_db, BACKFILL_PLAN, [PhaseName.CONTRACT])
    assert info.value.exit_code == 4
    pg_db.execute("UPDATE items SET b = 0 WHERE id = 1000")
    run(pg_db, BACKFILL_PLAN, [PhaseName.CONTRACT])
    assert statuses(pg_db)["c1"][0] == "done"


@pytest.mark.any_pg
def test_contract_gate_checks_constraints_and_indexes_on_the_database(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int)")
    the_plan = plan(
        step("e1", "ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID"),
        step("e2", "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a)", transactional=False, lock=SUE),
        step("c1", "ALTER TABLE t ADD COLUMN done int", phase=PhaseName.CONTRACT),
    )
    run(pg_db, the_plan, [PhaseName.EXPAND])
    with pytest.raises(GateBlocked, match="t_a_pos on t is still NOT VALID"):
        run(pg_db, the_plan, [PhaseName.CONTRACT])
    pg_db.execute("ALTER TABLE t VALIDATE CONSTRAINT t_a_pos; DROP INDEX t_a")
    with pytest.raises(GateBlocked, match="index t_a on t does not exist"):
        run(pg_db, the_plan, [PhaseName.CONTRACT])


@pytest.mark.any_pg
def test_second_apply_fails_clearly_while_the_first_holds_the_lock(pg_db: TestDatabase) -> None:
    from migrator.executor.state import APPLY_LOCK_KEY, ApplyInProgress

    pg_db.execute("CREATE TABLE t (id int)")
    other = pg_db.connect(application_name="first-apply")
    other.execute("SELECT pg_advisory_lock(%s, %s)", APPLY_LOCK_KEY)
    with pytest.raises(ApplyInProgress, match=f"pid {other.info.backend_pid}, application first-apply") as info:
        run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN x int")))
    assert info.value.exit_code == 3
    threading.Timer(0.5, lambda: other.execute("SELECT pg_advisory_unlock(%s, %s)", APPLY_LOCK_KEY)).start()
    run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN x int")), settings=ExecutorSettings(lock_wait_s=10))
    assert statuses(pg_db)["e1"][0] == "done"


@pytest.mark.any_pg
def test_state_schema_invariants_are_constraints(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id int)")
    run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN x int")))
    plan_hash = pg_db.fetchval("SELECT plan_hash FROM migrator.plans")
    with pytest.raises(psycopg.errors.UniqueViolation):
        pg_db.execute("INSERT INTO migrator.runs (plan_hash, command, phases, status) VALUES "
                      "(%s, 'apply', '{}', 'running'), (%s, 'apply', '{}', 'running')", (plan_hash, plan_hash))
    with pytest.raises(psycopg.errors.CheckViolation):
        pg_db.execute("UPDATE migrator.steps SET status = 'done', finished_at = NULL")
    assert pg_db.fetchval("SELECT version FROM migrator.schema_version") == 1


@pytest.mark.min_pg(17)
def test_transaction_timeout_is_set_on_17_plus(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id int)")
    seen = run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN x int",
                                precheck_sql="SELECT 1 WHERE current_setting('transaction_timeout') <> '0'")))
    assert seen.outcomes[0].status == "skipped"  # the precheck saw a transaction_timeout inside the step


@pytest.mark.any_pg
def test_lock_timeout_never_zero_even_if_the_plan_says_so(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id int)")
    settings = ExecutorSettings(timeouts=TimeoutSettings(lock_timeout_ms=1234))
    seen = run(pg_db, plan(step("e1", "ALTER TABLE t ADD COLUMN x int", timeouts=Timeouts(0, 0),
                                precheck_sql="SELECT 1 WHERE current_setting('lock_timeout') = '1234ms'")),
               settings=settings)
    assert seen.outcomes[0].status == "skipped"


@pytest.mark.any_pg
def test_cic_failing_over_a_duplicate_committed_during_the_build_leaves_no_invalid_index(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int); INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g")
    writer = pg_db.connect(autocommit=False)
    writer.execute("INSERT INTO t VALUES (5000, 7)")  # a duplicate of a = 7, not committed yet
    the_plan = plan(step("e1", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_key ON t (a)",
                         transactional=False, lock=SUE))
    errors: list[Exception] = []

    def apply() -> None:
        try:
            run(pg_db, the_plan)
        except StepFailed as exc:
            errors.append(exc)

    thread = threading.Thread(target=apply)
    thread.start()
    # the build has created its (still invalid) index and waits for the writer's transaction
    for _ in range(200):
        if invalid_indexes(pg_db) == ["t_a_key"]:
            break
        time.sleep(0.02)
    assert invalid_indexes(pg_db) == ["t_a_key"]
    writer.commit()
    thread.join(timeout=60)
    assert errors and errors[0].sqlstate == "23505"  # type: ignore[attr-defined]
    assert invalid_indexes(pg_db) == []


KEY_CASES = [
    ("id bigint PRIMARY KEY", "g"),
    ("id text PRIMARY KEY", "'k' || lpad(g::text, 3, '0') || ' \"q'''"),
    ("id uuid PRIMARY KEY", "md5(g::text)::uuid"),
    ("id timestamptz PRIMARY KEY", "timestamptz '2020-01-01 00:00:00.123456+00' + g * interval '1 second'"),
    ("k1 int, k2 text, PRIMARY KEY (k1, k2)", None),
    ("id numeric(20, 5) PRIMARY KEY", "g / 7.0"),
]


@pytest.mark.any_pg
@pytest.mark.parametrize("key_sql, id_expr", KEY_CASES,
                         ids=["bigint", "text-with-quotes", "uuid", "timestamptz", "composite", "numeric"])
def test_backfill_cursor_round_trips_every_key_type(pg_db: TestDatabase, key_sql: str, id_expr: str | None) -> None:
    pg_db.execute(f"CREATE TABLE kt ({key_sql}, touched int NOT NULL DEFAULT 0)")
    if id_expr is None:
        pg_db.execute("INSERT INTO kt (k1, k2) SELECT g % 10, 'v' || g FROM generate_series(1, 700) g")
    else:
        pg_db.execute(f"INSERT INTO kt (id) SELECT {id_expr} FROM generate_series(1, 700) g")
    settings = ExecutorSettings(backfill=BackfillSettings(target_batch_ms=0.001, min_batch=10, max_batch=10))
    run(pg_db, plan(step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
                         backfill=Backfill("public.kt", (), "touched = touched + 1", None, 10))), settings=settings)
    assert pg_db.fetchall("SELECT min(touched), max(touched), count(*) FROM kt") == [(1, 1, 700)]
    assert pg_db.fetchval("SELECT batches FROM migrator.backfills") == 70


@pytest.mark.any_pg
def test_confirmation_for_a_later_irreversible_phase_is_asked_before_anything_runs(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, old text)")
    the_plan = plan(step("e1", "ALTER TABLE t ADD COLUMN x int", undo=Undo.run("ALTER TABLE t DROP COLUMN x")),
                    step("c1", "ALTER TABLE t DROP COLUMN old", phase=PhaseName.CONTRACT,
                         undo=Undo.impossible("drops data")))
    session = Session.connect(pg_db.dsn)
    with pytest.raises(Exception, match="not confirmed; nothing was run"):
        Runner(session, LogObserver(), RunControl(), confirm=lambda phase, reasons: False).apply(the_plan, ALL)
    session.close()
    assert pg_db.fetchval("SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'x'") == 0


@pytest.mark.any_pg
def test_losing_the_connection_mid_step_fails_cleanly_and_a_rerun_resumes(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id int)")
    pg_db.execute("CREATE FUNCTION kill_me() RETURNS void LANGUAGE plpgsql AS "
                  "$$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'allow') THEN "
                  "PERFORM pg_terminate_backend(pg_backend_pid()); END IF; END $$")
    the_plan = plan(step("e1", "ALTER TABLE t ADD COLUMN x int"), step("e2", "SELECT kill_me()", lock=None))
    with pytest.raises(StepFailed, match="terminat"):
        run(pg_db, the_plan)
    assert statuses(pg_db)["e1"][0] == "done" and statuses(pg_db)["e2"][0] == "pending"
    pg_db.execute("CREATE TABLE allow ()")
    run(pg_db, the_plan)
    assert statuses(pg_db)["e2"][0] == "done"


@pytest.mark.any_pg
def test_step_sql_passes_through_exactly_even_with_percent_signs(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int, s text); "
                  "INSERT INTO t SELECT g, g, 'x' FROM generate_series(1, 50) g")
    run(pg_db, plan(
        step("e1", "UPDATE t SET s = '100%' WHERE a % 2 = 0", lock=LockMode.ROW_EXCLUSIVE),
        step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
             backfill=Backfill("public.t", (), "s = s || '%s'", "a % 2 = 1", 7)),
    ))
    assert pg_db.fetchall("SELECT s, count(*) FROM t GROUP BY s ORDER BY s") == [("100%", 25), ("x%s", 25)]


@pytest.mark.any_pg
def test_a_new_plan_inherits_steps_an_earlier_plan_applied(pg_db: TestDatabase) -> None:
    pg_db.execute("CREATE TABLE t (id bigint PRIMARY KEY, n int); INSERT INTO t SELECT g, 0 FROM generate_series(1, 30) g")
    m1 = [step("e1", "ALTER TABLE t ADD COLUMN x int", migration="001.sql"),
          step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
               migration="001.sql", backfill=Backfill("public.t", (), "n = n + 1", None, 10))]
    run(pg_db, plan(*m1, source="001.sql"))
    later = plan(*m1, step("e2", "ALTER TABLE t ADD COLUMN y int", migration="002.sql"), source="001.sql, 002.sql")
    result = run(pg_db, later)
    assert [o.step_id for o in result.outcomes] == ["e2"]  # 001's steps are not run again
    assert pg_db.fetchall("SELECT min(n), max(n) FROM t") == [(1, 1)]
    session = Session.connect(pg_db.dsn)
    try:
        from migrator.api.execute import pending_sql_sources
        from migrator.sql.source import Source

        pending = pending_sql_sources([Source("001.sql", ""), Source("002.sql", ""), Source("003.sql", "")], session)
    finally:
        session.close()
    assert [s.path for s in pending] == ["003.sql"]


@pytest.mark.any_pg
def test_rollback_on_a_database_without_state_changes_nothing(pg_db: TestDatabase) -> None:
    with pytest.raises(ExecutionError, match="nothing to roll back"):
        rollback(pg_db)
    assert pg_db.fetchval("SELECT to_regnamespace('migrator')") is None
