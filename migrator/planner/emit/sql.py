"""Write a plan as SQL scripts, one file per phase (`01_expand.sql`, `02_backfill.sql`,
`03_contract.sql`), for `psql -v ON_ERROR_STOP=1 -f FILE`.

Each step is commented (id, what it does, its lock, its undo). Transactional steps run in
`BEGIN … COMMIT` with `SET LOCAL lock_timeout`; steps that must run outside a transaction block
are marked `-- autocommit` and set session timeouts. A step with a precheck runs only when the
precheck returns no row (psql `\\if`), so a file can be run again after a failure.
"""

from __future__ import annotations

from pathlib import Path

from migrator.planner.backfill_sql import keyset_loop_sql
from migrator.planner.emit import step_runs
from migrator.planner.model import PhaseName, Plan, Step, StepKind

PHASE_FILES = {PhaseName.EXPAND: "01_expand.sql", PhaseName.BACKFILL: "02_backfill.sql",
               PhaseName.CONTRACT: "03_contract.sql"}


def step_statement(step: Step) -> str:
    """The SQL to run for a step (a backfill becomes its self-contained keyset loop)."""
    if step.kind is StepKind.BACKFILL and step.backfill is not None:
        return keyset_loop_sql(step.backfill)
    return step.sql or ""


def _comment(step: Step) -> list[str]:
    lines = [f"-- step {step.id}: {step.description}"]
    lines.append(f"--   from {step.migration}, statement {(step.origin or 0) + 1}; risk {step.risk.value}; "
                 f"lock {step.lock or 'none'}")
    if step.undo.irreversible:
        lines.append(f"--   undo: irreversible ({step.undo.irreversible})")
    elif step.undo.sql:
        lines.append(f"--   undo: {step.undo.sql}")
    if step.dangerous_reason:
        lines.append(f"--   DANGEROUS: {step.dangerous_reason}")
    if step.manual_alternative:
        lines.append(f"--   instead: {step.manual_alternative}")
    return lines


def _guarded(step: Step, body: list[str], n: int) -> list[str]:
    if not step.precheck_sql:
        return body
    var = f"mig_needed_{n}"
    return [
        f"SELECT NOT EXISTS ({step.precheck_sql}) AS {var} \\gset",
        f"\\if :{var}",
        *body,
        "\\endif",
    ]


def render_phase_sql(plan: Plan, phase: PhaseName) -> str:
    steps = plan.steps(phase)
    out = [
        f"-- migrator plan {plan.hash[:12]}: {phase.value} phase, PostgreSQL {plan.pg_version}",
        f"-- migrations: {plan.source}",
        "-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE (migrator apply adds retries on lock timeouts)",
        "",
    ]
    counter = 0
    for run in step_runs(steps):
        first = run[0]
        for step in run:
            out += _comment(step)
        if first.transactional:
            body = ["BEGIN;",
                    f"SET LOCAL lock_timeout = '{first.timeouts.lock_timeout_ms}ms';",
                    f"SET LOCAL statement_timeout = '{first.timeouts.statement_timeout_ms}ms';"]
            for step in run:
                counter += 1
                body += _guarded(step, [step_statement(step) + ";"], counter)
            body.append("COMMIT;")
            out += body
        else:
            counter += 1
            out.append("-- autocommit: must run outside a transaction block")
            # A backfill loop commits per batch inside one DO statement: no statement timeout.
            statement_timeout = 0 if first.kind is StepKind.BACKFILL else first.timeouts.statement_timeout_ms
            out += [f"SET lock_timeout = '{first.timeouts.lock_timeout_ms}ms';",
                    f"SET statement_timeout = '{statement_timeout}ms';"]
            out += _guarded(first, [step_statement(first) + ";"], counter)
            out += ["RESET lock_timeout;", "RESET statement_timeout;"]
        out.append("")
    return "\n".join(out)


def emit_sql(plan: Plan, directory: Path | str) -> tuple[Path, ...]:
    """Write one SQL file per non-empty phase into `directory` (created if needed).

    Returns:
        The paths written, in phase order.
    """
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for phase in plan.phases:
        path = target / PHASE_FILES[phase.name]
        path.write_text(render_phase_sql(plan, phase.name), encoding="utf-8")
        written.append(path)
    return tuple(written)
