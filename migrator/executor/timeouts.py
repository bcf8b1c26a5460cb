"""The session timeouts a step runs with, chosen by the lock class of the step.

The planner proposes `Step.timeouts`; this module turns them into the values the executor sets,
and enforces the rules that keep the application safe whatever the plan says:

- a step whose lock blocks reads or writes (or whose lock is unknown) always runs with a
  `lock_timeout` (never 0) and a bounded `statement_timeout` longer than the lock timeout, so
  application queries never queue behind it for longer than the lock timeout plus the time of
  the catalog change itself;
- long, non-blocking steps (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT) keep a lock timeout
  longer than `deadlock_timeout`, so an autovacuum that holds SHARE UPDATE EXCLUSIVE is cancelled
  by the server (it yields to a waiting lock request) instead of making the step fail, and no
  statement timeout unless the plan asks for one;
- backfill batches get the short lock timeout and a statement timeout;
- `transaction_timeout` is set only when the server has it (`Capabilities.transaction_timeout`).
"""

from __future__ import annotations

from dataclasses import dataclass

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.planner.model import Step, StepKind, Timeouts


@dataclass(frozen=True, slots=True)
class TimeoutSettings:
    """Executor defaults, in milliseconds; configurable (`[tool.migrator]`, CLI flags)."""

    lock_timeout_ms: int = 2_000
    # Time a blocking catalog change may hold its lock once granted (added to the lock timeout).
    catalog_change_ms: int = 5_000
    # Lock timeout for non-blocking long steps; > deadlock_timeout (1 s) so autovacuum yields.
    long_step_lock_timeout_ms: int = 10_000
    backfill_statement_timeout_ms: int = 30_000
    idle_in_transaction_session_timeout_ms: int = 60_000
    # Extra time a transaction may take beyond its statement timeout (PostgreSQL 17+).
    transaction_margin_ms: int = 5_000
    # The user set `lock_timeout_ms` (flag or config file): it wins over the plan's proposal for
    # blocking steps and backfill batches. Otherwise the plan's value wins over the default.
    lock_timeout_explicit: bool = False


def blocks_application(lock: LockMode | None) -> bool:
    """True when the lock blocks plain reads or writes; unknown locks count as blocking."""
    if lock is None:
        return True
    return lock.blocks_reads or lock.blocks_writes


def effective_timeouts(step: Step, settings: TimeoutSettings, caps: Capabilities) -> Timeouts:
    """The timeouts the executor sets for `step` (see the module docstring for the rules)."""
    planned = step.timeouts
    idle = planned.idle_in_transaction_session_timeout_ms or settings.idle_in_transaction_session_timeout_ms
    short_lock_ms = (settings.lock_timeout_ms if settings.lock_timeout_explicit
                     else planned.lock_timeout_ms or settings.lock_timeout_ms)
    if step.kind is StepKind.BACKFILL:
        lock_ms = short_lock_ms
        statement_ms = planned.statement_timeout_ms or settings.backfill_statement_timeout_ms
        statement_ms = max(statement_ms, lock_ms + 1_000)
    elif blocks_application(step.lock):
        lock_ms = short_lock_ms
        statement_ms = planned.statement_timeout_ms or lock_ms + settings.catalog_change_ms
        statement_ms = max(statement_ms, lock_ms + 1_000)
    else:
        lock_ms = planned.lock_timeout_ms or settings.long_step_lock_timeout_ms
        statement_ms = planned.statement_timeout_ms
    transaction_ms: int | None = None
    if caps.transaction_timeout and step.transactional:
        transaction_ms = planned.transaction_timeout_ms
        if transaction_ms is None and statement_ms:
            transaction_ms = statement_ms + settings.transaction_margin_ms
    return Timeouts(
        lock_timeout_ms=lock_ms,
        statement_timeout_ms=statement_ms,
        idle_in_transaction_session_timeout_ms=idle,
        transaction_timeout_ms=transaction_ms,
    )


def merge_group_timeouts(timeouts: list[Timeouts]) -> Timeouts:
    """One set of timeouts for a transactional group: the shortest lock timeout, the longest
    statement timeout (0 only if every step asks for none), summed transaction timeouts."""
    lock_ms = min(t.lock_timeout_ms for t in timeouts)
    statements = [t.statement_timeout_ms for t in timeouts]
    statement_ms = 0 if all(s == 0 for s in statements) else max(statements)
    idle = max(t.idle_in_transaction_session_timeout_ms for t in timeouts)
    transactions = [t.transaction_timeout_ms for t in timeouts if t.transaction_timeout_ms is not None]
    transaction_ms = sum(transactions) if transactions else None
    return Timeouts(lock_ms, statement_ms, idle, transaction_ms)
