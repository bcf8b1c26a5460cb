"""Retry policy arithmetic: which errors are retried, and how long to wait before the next try.

Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
the n-th delay is uniform in ``[0, min(max_delay, base * 2**n)]``. Retries stop at whichever
comes first: the attempt count or the deadline. Only lock contention is retried: 55P03
``lock_not_available`` always, 40P01 ``deadlock_detected`` when the policy allows it. A
``statement_timeout`` (57014) is a failure, never a retry.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from migrator.planner.model import RetryPolicy

LOCK_NOT_AVAILABLE = "55P03"
DEADLOCK_DETECTED = "40P01"
QUERY_CANCELED = "57014"


def is_retriable(sqlstate: str | None, policy: RetryPolicy) -> bool:
    """True when an error with this SQLSTATE may succeed if the step runs again."""
    if sqlstate == LOCK_NOT_AVAILABLE:
        return True
    return sqlstate == DEADLOCK_DETECTED and policy.retry_deadlock


def backoff_ceiling_s(policy: RetryPolicy, attempt: int) -> float:
    """Upper bound of the delay after failed attempt number `attempt` (1-based), in seconds."""
    exponent = max(attempt - 1, 0)
    ceiling_ms = min(policy.max_delay_ms, policy.base_delay_ms * (2 ** min(exponent, 30)))
    return float(ceiling_ms) / 1000.0


@dataclass(slots=True)
class RetryClock:
    """Tracks attempts and the deadline of one retried unit (a step or a transactional group).

    `next_delay()` returns the seconds to sleep before the next attempt, or None when the unit
    must give up (attempts used up, or the sleep would end past the deadline).
    """

    policy: RetryPolicy
    started_at: float
    attempts: int = 0
    rng: Callable[[float, float], float] = random.uniform
    now: Callable[[], float] = time.monotonic

    @classmethod
    def start(cls, policy: RetryPolicy, *, now: Callable[[], float] = time.monotonic,
              rng: Callable[[float, float], float] = random.uniform) -> RetryClock:
        return cls(policy=policy, started_at=now(), rng=rng, now=now)

    @property
    def deadline(self) -> float:
        return self.started_at + self.policy.deadline_s

    def record_attempt(self) -> None:
        self.attempts += 1

    def next_delay(self) -> float | None:
        if self.attempts >= max(self.policy.max_attempts, 1):
            return None
        delay = self.rng(0.0, backoff_ceiling_s(self.policy, self.attempts))
        if self.now() + delay >= self.deadline:
            return None
        return delay

    def remaining_s(self) -> float:
        return max(self.deadline - self.now(), 0.0)
