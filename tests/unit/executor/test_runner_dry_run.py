"""The runner through a DryRunSession without a database: every statement printed, with timeouts."""

from __future__ import annotations

import pytest

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.errors import ConnectionFailed
from migrator.executor.control import RunControl
from migrator.executor.progress import LogObserver
from migrator.executor.runner import Runner, units
from migrator.executor.session import DryRunSession, Session, TransactionPoolerDetected
from migrator.planner.model import Backfill, PhaseName, StepKind, Timeouts, Undo
from tests.unit.executor.plans import plan, step

PLAN = plan(
    step("e1", "ALTER TABLE t ADD COLUMN c int", group="g", timeouts=Timeouts(500, 0)),
    step("e2", "ALTER TABLE t ALTER COLUMN c SET DEFAULT 0", group="g", timeouts=Timeouts(500, 0)),
    step("e3", "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_c ON t (c)", transactional=False,
         lock=LockMode.SHARE_UPDATE_EXCLUSIVE),
    step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
         backfill=Backfill("public.t", ("id",), "c = 0", "c IS NULL", 500)),
    step("c1", "ALTER TABLE t DROP COLUMN old", phase=PhaseName.CONTRACT, undo=Undo.impossible("drops data")),
)


def run_dry(caps_version: int = 15) -> tuple[list[str], LogObserver]:
    printed: list[str] = []
    session = DryRunSession(printed.append, Capabilities.for_version(caps_version))
    observer = LogObserver()
    Runner(session, observer, RunControl()).apply(PLAN, list(PhaseName))
    return printed, observer


def test_dry_run_prints_every_step_statement_in_order() -> None:
    printed = "\n".join(run_dry()[0])
    positions = [printed.index(s) for s in ("ADD COLUMN c int", "SET DEFAULT 0", "CREATE INDEX CONCURRENTLY",
                                           "FOR NO KEY UPDATE", "DROP COLUMN old")]
    assert positions == sorted(positions)


def test_dry_run_runs_a_group_in_one_transaction_with_its_timeouts() -> None:
    printed = run_dry()[0]
    begin = printed.index("BEGIN;")
    assert printed[begin + 1 : begin + 3] == ["SET LOCAL lock_timeout = '500ms';",
                                              "SET LOCAL statement_timeout = '5500ms';"]
    assert printed[begin + 4 : begin + 7] == ["ALTER TABLE t ADD COLUMN c int;",
                                              "ALTER TABLE t ALTER COLUMN c SET DEFAULT 0;", "COMMIT;"]


def test_dry_run_prints_autocommit_step_with_session_timeouts_and_reset() -> None:
    printed = run_dry()[0]
    at = printed.index("CREATE INDEX CONCURRENTLY IF NOT EXISTS t_c ON t (c);")
    assert printed[at - 3 : at] == ["SET lock_timeout = '10000ms';", "SET statement_timeout = '0ms';",
                                    "SET idle_in_transaction_session_timeout = '60000ms';"]
    assert printed[at + 1].startswith("RESET lock_timeout;")


@pytest.mark.parametrize("version, present", [(15, False), (17, True)], ids=["pg15", "pg17"])
def test_dry_run_sets_transaction_timeout_only_on_17_plus(version: int, present: bool) -> None:
    assert any("transaction_timeout" in line for line in run_dry(version)[0]) is present


def test_dry_run_announces_an_irreversible_phase() -> None:
    observer = run_dry()[1]
    assert any("phase contract cannot be undone" in m and "drops data" in m for m in observer.messages)


def test_units_group_consecutive_transactional_steps_only() -> None:
    grouped = units(PLAN.steps())
    assert [u.ids for u in grouped] == [("e1", "e2"), ("e3",), ("b1",), ("c1",)]


class _FakePooled(Session):
    """A Session whose statements land on different backends (transaction pooling)."""

    def __init__(self, pids: list[int], keeps_settings: bool, pool_mode: str | None = None) -> None:
        self._pids = pids
        self._keeps = keeps_settings
        self._mode = pool_mode
        self._probe: str | None = None
        self.backend_pid = pids[0]

    def _pool_mode(self) -> str | None:
        return self._mode

    def _check_backend_not_shared(self, token: str) -> None:
        return None

    def _fetch(self, query, params=()):  # type: ignore[no-untyped-def]
        if "set_config" in str(query):
            self._probe = params[0]
            return [(params[0],)]
        if "pg_backend_pid" in str(query):
            return [(self._pids.pop(0) if len(self._pids) > 1 else self._pids[0],)]
        return [(self._probe if self._keeps else None,)]


@pytest.mark.parametrize(
    "pids, keeps, mode, refused",
    [([7, 7, 7, 7], True, None, False), ([7, 7, 8, 9], True, None, True), ([7, 7, 7, 7], False, None, True),
     ([7, 7, 7, 7], True, "transaction", True), ([7, 7, 7, 7], True, "session", False)],
    ids=["direct-connection", "backend-changes", "session-setting-lost", "show-pool-mode-transaction",
         "session-pooling-is-fine"],
)
def test_transaction_pooling_is_refused(pids: list[int], keeps: bool, mode: str | None, refused: bool) -> None:
    session = _FakePooled(pids, keeps, mode)
    if refused:
        with pytest.raises(TransactionPoolerDetected, match="connection pooler"):
            session.check_not_transaction_pooled()
    else:
        session.check_not_transaction_pooled()


def test_connection_failure_never_shows_the_password() -> None:
    with pytest.raises(ConnectionFailed) as info:
        Session.connect("postgresql://app:hunter2secret@127.0.0.1:1/db?connect_timeout=2")
    assert "hunter2secret" not in info.value.render()
    assert "app:***@127.0.0.1" in info.value.render()
