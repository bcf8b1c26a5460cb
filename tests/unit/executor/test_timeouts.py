from __future__ import annotations

import pytest

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.executor.timeouts import TimeoutSettings, effective_timeouts, merge_group_timeouts
from migrator.planner.model import Backfill, StepKind, Timeouts
from tests.unit.executor.plans import step

SETTINGS = TimeoutSettings(lock_timeout_ms=2_000, catalog_change_ms=5_000, long_step_lock_timeout_ms=10_000,
                           backfill_statement_timeout_ms=30_000)
PG15 = Capabilities.for_version(15)
PG17 = Capabilities.for_version(17)


@pytest.mark.parametrize(
    "lock, planned, expected_lock, expected_statement",
    [
        (LockMode.ACCESS_EXCLUSIVE, Timeouts(0, 0), 2_000, 7_000),
        (LockMode.ACCESS_EXCLUSIVE, Timeouts(500, 0), 500, 5_500),
        (LockMode.SHARE_ROW_EXCLUSIVE, Timeouts(300, 200), 300, 1_300),
        (None, Timeouts(0, 0), 2_000, 7_000),
        (LockMode.SHARE_UPDATE_EXCLUSIVE, Timeouts(0, 0), 10_000, 0),
        (LockMode.SHARE_UPDATE_EXCLUSIVE, Timeouts(3_000, 60_000), 3_000, 60_000),
    ],
    ids=["blocking-defaults", "blocking-planned-lock-timeout", "statement-timeout-raised-above-lock-timeout",
         "unknown-lock-counts-as-blocking", "long-non-blocking-no-statement-timeout", "long-step-planned"],
)
def test_timeouts_by_lock_class(lock: LockMode | None, planned: Timeouts, expected_lock: int,
                                expected_statement: int) -> None:
    t = effective_timeouts(step("s", "SELECT 1", lock=lock, timeouts=planned), SETTINGS, PG15)
    assert (t.lock_timeout_ms, t.statement_timeout_ms) == (expected_lock, expected_statement)


def test_a_blocking_step_never_runs_without_lock_timeout() -> None:
    t = effective_timeouts(step("s", "ALTER TABLE t ADD c int", timeouts=Timeouts(0, 0)), SETTINGS, PG15)
    assert t.lock_timeout_ms > 0 and t.statement_timeout_ms > t.lock_timeout_ms


def test_backfill_batches_get_short_lock_timeout_and_a_statement_timeout() -> None:
    s = step("b", None, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
             backfill=Backfill("public.t", ("id",), "c = 1"))
    t = effective_timeouts(s, SETTINGS, PG15)
    assert (t.lock_timeout_ms, t.statement_timeout_ms) == (2_000, 30_000)


@pytest.mark.parametrize("caps, expected", [(PG15, None), (PG17, 12_000)], ids=["pg15-none", "pg17-set"])
def test_transaction_timeout_only_where_the_server_has_it(caps: Capabilities, expected: int | None) -> None:
    t = effective_timeouts(step("s", "ALTER TABLE t ADD c int"), SETTINGS, caps)
    assert t.transaction_timeout_ms == expected


def test_group_takes_shortest_lock_and_longest_statement_timeout() -> None:
    merged = merge_group_timeouts([Timeouts(2_000, 7_000), Timeouts(500, 20_000)])
    assert (merged.lock_timeout_ms, merged.statement_timeout_ms) == (500, 20_000)


EXPLICIT = TimeoutSettings(lock_timeout_ms=300, lock_timeout_explicit=True)


@pytest.mark.parametrize(
    "settings, kind, lock, expected_lock",
    [
        (EXPLICIT, StepKind.DDL, LockMode.ACCESS_EXCLUSIVE, 300),
        (EXPLICIT, StepKind.BACKFILL, LockMode.ROW_EXCLUSIVE, 300),
        (EXPLICIT, StepKind.DDL, LockMode.SHARE_UPDATE_EXCLUSIVE, 2_500),
        (SETTINGS, StepKind.DDL, LockMode.ACCESS_EXCLUSIVE, 2_500),
        (SETTINGS, StepKind.BACKFILL, LockMode.ROW_EXCLUSIVE, 2_500),
    ],
    ids=["user-setting-beats-plan-for-blocking-step", "user-setting-beats-plan-for-backfill",
         "non-blocking-step-keeps-the-plans-lock-timeout", "plan-beats-default-for-blocking-step",
         "plan-beats-default-for-backfill"],
)
def test_an_explicit_lock_timeout_wins_over_the_plans_proposal(settings: TimeoutSettings, kind: StepKind,
                                                              lock: LockMode, expected_lock: int) -> None:
    backfill = Backfill("public.t", ("id",), "c = 1") if kind is StepKind.BACKFILL else None
    s = step("s", None if backfill else "ALTER TABLE t ADD c int", kind=kind, lock=lock, backfill=backfill,
             timeouts=Timeouts(2_500, 7_500))
    t = effective_timeouts(s, settings, PG15)
    assert t.lock_timeout_ms == expected_lock
    assert t.statement_timeout_ms == 0 or t.statement_timeout_ms > t.lock_timeout_ms
