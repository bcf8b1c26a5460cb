from __future__ import annotations

import pytest

from migrator.executor.retry import RetryClock, backoff_ceiling_s, is_retriable
from migrator.planner.model import RetryPolicy


@pytest.mark.parametrize(
    "sqlstate, retry_deadlock, expected",
    [("55P03", False, True), ("40P01", True, True), ("40P01", False, False), ("57014", True, False),
     ("23505", True, False), (None, True, False)],
    ids=["lock-not-available", "deadlock-by-policy", "deadlock-not-by-policy", "statement-timeout-is-failure",
         "unique-violation", "no-sqlstate"],
)
def test_only_lock_contention_is_retried(sqlstate: str | None, retry_deadlock: bool, expected: bool) -> None:
    assert is_retriable(sqlstate, RetryPolicy(retry_deadlock=retry_deadlock)) is expected


@pytest.mark.parametrize(
    "attempt, expected_s",
    [(1, 0.2), (2, 0.4), (3, 0.8), (7, 10.0), (60, 10.0)],
    ids=["first", "second", "third", "capped", "huge-exponent-capped"],
)
def test_backoff_ceiling_doubles_up_to_max_delay(attempt: int, expected_s: float) -> None:
    policy = RetryPolicy(base_delay_ms=200, max_delay_ms=10_000)
    assert backoff_ceiling_s(policy, attempt) == pytest.approx(expected_s)


def test_full_jitter_draws_between_zero_and_the_ceiling() -> None:
    calls: list[tuple[float, float]] = []
    clock = RetryClock.start(RetryPolicy(base_delay_ms=100, max_delay_ms=1000), now=lambda: 0.0,
                             rng=lambda lo, hi: calls.append((lo, hi)) or hi)
    for _ in range(3):
        clock.record_attempt()
        clock.next_delay()
    assert calls == [(0.0, 0.1), (0.0, 0.2), (0.0, 0.4)]


def test_retries_stop_after_max_attempts() -> None:
    clock = RetryClock.start(RetryPolicy(max_attempts=3, deadline_s=1e9), now=lambda: 0.0, rng=lambda lo, hi: hi)
    delays = []
    for _ in range(5):
        clock.record_attempt()
        delays.append(clock.next_delay())
    assert [d is not None for d in delays] == [True, True, False, False, False]


def test_retries_stop_when_the_sleep_would_pass_the_deadline() -> None:
    now = [0.0]
    clock = RetryClock.start(RetryPolicy(max_attempts=100, base_delay_ms=1000, max_delay_ms=1000, deadline_s=2.5),
                             now=lambda: now[0], rng=lambda lo, hi: hi)
    clock.record_attempt()
    assert clock.next_delay() == 1.0
    now[0] = 1.6
    clock.record_attempt()
    assert clock.next_delay() is None
