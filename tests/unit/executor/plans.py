"""Hand-built plans for executor tests (the executor is tested without the planner)."""

from __future__ import annotations

from migrator.analysis.facts import Risk
from migrator.analysis.locks import LockMode
from migrator.planner.model import (
    Backfill,
    Phase,
    PhaseName,
    Plan,
    RetryPolicy,
    Step,
    StepKind,
    Timeouts,
    Undo,
)

NO_TIMEOUTS = Timeouts(0, 0)
FAST_RETRY = RetryPolicy(max_attempts=3, base_delay_ms=20, max_delay_ms=100, deadline_s=5.0)


def step(step_id: str, sql: str | None, *, phase: PhaseName = PhaseName.EXPAND, transactional: bool = True,
         lock: LockMode | None = LockMode.ACCESS_EXCLUSIVE, undo: Undo | None = None,
         kind: StepKind = StepKind.DDL, backfill: Backfill | None = None, group: str | None = None,
         timeouts: Timeouts = NO_TIMEOUTS, retry: RetryPolicy = FAST_RETRY,
         migration: str = "m1.sql", precheck_sql: str | None = None, description: str | None = None) -> Step:
    return Step(
        id=step_id, phase=phase, kind=kind, description=description or (sql or "backfill"), sql=sql,
        transactional=transactional, lock=lock, risk=Risk.CAUTION, timeouts=timeouts, retry=retry,
        undo=undo if undo is not None else Undo.nothing(), backfill=backfill, group=group,
        migration=migration, precheck_sql=precheck_sql,
    )


def plan(*steps: Step, source: str = "m1.sql", pg_version: int = 15) -> Plan:
    phases = []
    for name in PhaseName:
        members = tuple(s for s in steps if s.phase is name)
        if members:
            phases.append(Phase(name, members))
    return Plan(source=source, pg_version=pg_version, phases=tuple(phases))
