"""Rebuild a `Plan` from the JSON recorded in `migrator.plans`, so an interrupted plan resumes as it was."""

from __future__ import annotations

from typing import Any

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

INPUT_KEY = "_input_key"  # extra key in the recorded JSON: which inputs produced the plan


def _lock(value: Any) -> LockMode | None:
    if value is None:
        return None
    return next(mode for mode in LockMode if str(mode) == value)


def _step(data: dict[str, Any]) -> Step:
    backfill = data.get("backfill")
    return Step(
        id=data["id"], phase=PhaseName(data["phase"]), kind=StepKind(data["kind"]),
        description=data["description"], sql=data.get("sql"), transactional=bool(data["transactional"]),
        lock=_lock(data.get("lock")), risk=Risk(data["risk"]), timeouts=Timeouts(**data["timeouts"]),
        retry=RetryPolicy(**data["retry"]), undo=Undo(**data["undo"]),
        backfill=None if backfill is None else Backfill(**{**backfill, "key": tuple(backfill["key"])}),
        origin=data.get("origin"), migration=data.get("migration", ""), group=data.get("group"),
        precheck_sql=data.get("precheck_sql"), notes=tuple(data.get("notes", ())),
        passthrough=bool(data.get("passthrough", False)), dangerous_reason=data.get("dangerous_reason"),
        manual_alternative=data.get("manual_alternative"), rewrite=data.get("rewrite", ""),
    )


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """The inverse of `Plan.to_dict()` (an `INPUT_KEY` entry is ignored)."""
    return Plan(
        source=data["source"], pg_version=int(data["pg_version"]),
        phases=tuple(Phase(PhaseName(p["name"]), tuple(_step(s) for s in p["steps"])) for p in data["phases"]),
        warnings=tuple(data.get("warnings", ())), unsafe=tuple(data.get("unsafe", ())),
        migrations=tuple(data.get("migrations", ())),
    )
