"""The contract gate: `contract` runs only when the earlier phases are done AND their facts hold.

Recorded state is not enough (someone may have dropped an index by hand since), so the gate also
asks the database: no row still needs its backfill, every constraint the plan added NOT VALID
is validated, every index the plan built is valid.
"""

from __future__ import annotations

from collections.abc import Mapping

from migrator.executor import ddl
from migrator.executor.backfill import parse_table, remaining_rows_query
from migrator.executor.idempotence import constraint_state, index_state
from migrator.executor.session import AnySession, StatementFailed
from migrator.executor.state import StepStatus
from migrator.planner.model import PhaseName, Plan


def contract_gate_problems(plan: Plan, session: AnySession, statuses: Mapping[str, str]) -> tuple[str, ...]:
    """Why `contract` must not run now (empty when it may). A check that cannot run is a problem."""
    try:
        return _problems(plan, session, statuses)
    except StatementFailed as exc:
        return (f"could not check the database facts: {exc.message}",)


def _problems(plan: Plan, session: AnySession, statuses: Mapping[str, str]) -> tuple[str, ...]:
    problems: list[str] = []
    earlier = [s for s in plan.steps() if s.phase in (PhaseName.EXPAND, PhaseName.BACKFILL)]
    for step in earlier:
        status = statuses.get(step.id, StepStatus.PENDING)
        if status not in StepStatus.COMPLETE:
            problems.append(f"{step.phase.value} step {step.id} ({step.description}) is {status}, not done")
    if problems:
        return tuple(problems)
    contract_sql = [s.sql for s in plan.steps(PhaseName.CONTRACT) if s.sql]
    validated_in_contract = {
        (str(f.table), f.constraint) for f in map(ddl.recognise, contract_sql) if isinstance(f, ddl.ValidateConstraint)
    }
    dropped_early = {
        str(n.name) for f in (ddl.recognise(s.sql) for s in earlier if s.sql) if isinstance(f, ddl.DropIndex)
        for n in f.indexes
    }
    for step in earlier:
        if step.backfill is not None:
            query = remaining_rows_query(parse_table(step.backfill.table), step.backfill)
            if query is not None and session.read(query):
                problems.append(f"backfill {step.id}: rows of {step.backfill.table} still need the backfill")
            continue
        form = ddl.recognise(step.sql) if step.sql else None
        if isinstance(form, ddl.AddConstraint) and form.not_valid:
            if (str(form.table), form.constraint) in validated_in_contract:
                continue
            if constraint_state(session, form.table, form.constraint) is False:
                problems.append(f"constraint {form.constraint} on {form.table} is still NOT VALID")
        elif isinstance(form, ddl.CreateIndex):
            state = index_state(session, ddl.Name(form.index), form.table)
            if state is None and form.index not in dropped_early:
                problems.append(f"index {form.index} on {form.table} does not exist")
            elif state is not None and not state.valid:
                problems.append(f"index {form.index} on {form.table} is INVALID")
    return tuple(problems)
