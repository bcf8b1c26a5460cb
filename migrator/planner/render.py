"""Render a `Plan` for people (rich text, per migration and phase) and as JSON-ready data.

`plan_to_json(plan)` is the stable machine view that `migrator plan --format json` embeds;
`render_plan_text(plan, console)` is what `migrator plan` prints under each migration.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from migrator.analysis.facts import Risk
from migrator.planner.backfill_sql import batch_sql
from migrator.planner.model import Phase, PhaseName, Plan, Step, StepKind

PHASE_TITLES = {
    PhaseName.EXPAND: "expand: before the deploy, compatible with the running version",
    PhaseName.BACKFILL: "backfill: data in batches, online",
    PhaseName.CONTRACT: "contract: after the deploy, once the old version is gone",
}
RISK_STYLES = {Risk.SAFE: "green", Risk.CAUTION: "yellow", Risk.DANGEROUS: "bold red", Risk.UNKNOWN: "magenta"}


def step_sql(step: Step) -> str:
    """The SQL a step runs; for a backfill, one batch (`:last`/`:upper` are the keyset cursor)."""
    if step.sql is not None:
        return step.sql
    if step.backfill is not None and step.backfill.key:
        return batch_sql(step.backfill)
    if step.backfill is not None:
        return f"-- backfill of {step.backfill.table}: no key to walk"
    return ""


def step_to_json(step: Step) -> dict[str, Any]:
    backfill = None
    if step.backfill is not None:
        b = step.backfill
        backfill = {
            "table": b.table, "key": list(b.key), "set": b.set_sql, "where": b.where_sql,
            "batch_size": b.batch_size, "delete": b.delete,
        }
    return {
        "id": step.id,
        "kind": "backfill" if step.kind is StepKind.BACKFILL else "ddl",
        "step_kind": step.kind.value,
        "description": step.description,
        "sql": step_sql(step),
        "transactional": step.transactional,
        "lock": str(step.lock) if step.lock is not None else None,
        "risk": step.risk.value,
        "undo": step.undo.sql if step.undo.irreversible is None else None,
        "undo_transactional": step.undo.transactional,
        "irreversible": step.undo.irreversible,
        "lock_timeout_ms": step.timeouts.lock_timeout_ms,
        "statement_timeout_ms": step.timeouts.statement_timeout_ms,
        "max_attempts": step.retry.max_attempts,
        "group": step.group,
        "precheck_sql": step.precheck_sql,
        "backfill": backfill,
        "origin": step.origin,
        "rewrite": step.rewrite,
        "passthrough": step.passthrough,
        "dangerous_reason": step.dangerous_reason,
        "manual_alternative": step.manual_alternative,
        "notes": list(step.notes),
    }


def migration_phases(plan: Plan, migration: str) -> list[dict[str, Any]]:
    """The `"phases"` list of one migration: its steps, phase by phase, in plan order."""
    out = []
    for phase in plan.phases:
        steps = [step_to_json(s) for s in phase.steps if s.migration == migration]
        if steps:
            out.append({"name": phase.name.value, "steps": steps})
    return out


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """JSON-ready view of a plan: `{"plan_hash", "pg_version", "warnings", "unsafe",
    "migrations": [{"source", "phases": [{"name", "steps": [...]}]}]}`."""
    sources = plan.migrations or tuple(dict.fromkeys(s.migration for s in plan.steps()))
    return {
        "plan_hash": plan.hash,
        "pg_version": plan.pg_version,
        "warnings": list(plan.warnings),
        "unsafe": list(plan.unsafe),
        "migrations": [{"source": src, "phases": migration_phases(plan, src)} for src in sources],
    }


def render_plan_text(plan: Plan, console: Console, *, migration: str | None = None) -> None:
    """Print the phases and steps of `plan` (of one migration only, when given)."""
    sources = [migration] if migration is not None else list(
        plan.migrations or dict.fromkeys(s.migration for s in plan.steps())
    )
    for src in sources:
        if migration is None:
            console.print(Text(f"plan for {src}", style="bold"))
        for phase in plan.phases:
            steps = [s for s in phase.steps if s.migration == src]
            if steps:
                _render_phase(console, phase, steps)
    if migration is None:
        render_plan_notes(plan, console)


def render_plan_notes(plan: Plan, console: Console) -> None:
    """Warnings and the statements kept dangerous, after the phases."""
    for warning in plan.warnings:
        console.print(Text("  warning: ", style="yellow") + Text(warning))
    for unsafe in plan.unsafe:
        console.print(Text("  dangerous: ", style="bold red") + Text(unsafe))
    console.print(Text(f"  plan {plan.hash[:12]} for PostgreSQL {plan.pg_version}", style="dim"))


def _render_phase(console: Console, phase: Phase, steps: list[Step]) -> None:
    console.print(Text(f"  {PHASE_TITLES[phase.name]}", style="bold cyan"))
    for step in steps:
        header = Text("    ")
        header.append(step.id, style="dim")
        header.append("  ")
        header.append(step.risk.value, style=RISK_STYLES[step.risk])
        header.append(f"  {step.description}")
        console.print(header)
        flags = [
            "in a transaction" if step.transactional else "autocommit (outside a transaction)",
            f"lock {step.lock}" if step.lock is not None else "no table lock",
        ]
        if step.timeouts.lock_timeout_ms:
            flags.append(f"lock_timeout {step.timeouts.lock_timeout_ms} ms, up to {step.retry.max_attempts} attempts")
        if step.group:
            flags.append(f"group {step.group.rsplit(':', 1)[-1]}")
        console.print(Text("      " + "; ".join(flags), style="dim"))
        for line in step_sql(step).splitlines():
            console.print(Text("      " + line))
        if step.undo.irreversible:
            console.print(Text(f"      undo: irreversible ({step.undo.irreversible})", style="dim"))
        elif step.undo.sql:
            console.print(Text(f"      undo: {step.undo.sql}", style="dim"))
        for note in step.notes:
            console.print(Text(f"      note: {note}", style="dim"))
        if step.dangerous_reason and step.risk in (Risk.DANGEROUS, Risk.UNKNOWN):
            console.print(Text(f"      why {step.risk.value}: {step.dangerous_reason}", style=RISK_STYLES[step.risk]))
        if step.manual_alternative:
            console.print(Text(f"      instead: {step.manual_alternative}", style="yellow"))


__all__ = ["plan_to_json", "render_plan_notes", "render_plan_text", "step_sql", "step_to_json"]
