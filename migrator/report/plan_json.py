"""The stable JSON form of `migrator plan` (documented in README.md, "JSON output").

Lines and columns are 1-based. Lock modes use PostgreSQL's names (`ACCESS EXCLUSIVE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from migrator.analysis.facts import AnalyzedMigration, Facts
from migrator.api.plan import PlanResult
from migrator.planner.model import PhaseName, Plan
from migrator.planner.render import migration_phases
from migrator.sql.statement import Statement

SCHEMA_VERSION = 1


def statement_to_json(stmt: Statement, facts: Facts) -> dict[str, Any]:
    return {
        "index": stmt.index,
        "line": stmt.span.line,
        "column": stmt.span.col,
        "end_line": stmt.span.end_line,
        "end_column": stmt.span.end_col,
        "sql": stmt.sql,
        "kind": stmt.kind.value,
        "actions": list(stmt.actions),
        "tables": list(facts.tables),
        "locks": [
            {"relation": lock.relation, "mode": str(lock.mode), "relkind": lock.kind.value,
             "new": lock.new}
            for lock in facts.locks
        ],
        "lock": str(facts.lock) if facts.lock is not None else None,
        "rewrite": facts.rewrite,
        "scan": facts.scan,
        "blocks_reads": facts.blocks_reads,
        "blocks_writes": facts.blocks_writes,
        "transactional": facts.transactional,
        "in_transaction": stmt.in_transaction,
        "destructive": facts.destructive,
        "backward_incompatible": facts.backward_incompatible,
        "risk": facts.risk.value,
        "reasons": list(facts.reasons),
        "assumptions": list(facts.assumptions),
        "sources": list(facts.sources),
    }


def migration_to_json(am: AnalyzedMigration, plan: Plan | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": am.migration.source.path,
        "statements": [
            statement_to_json(stmt, facts)
            for stmt, facts in zip(am.migration.statements, am.facts, strict=True)
        ],
    }
    if plan is not None:
        out["phases"] = migration_phases(plan, am.migration.source.path)
    return out


def _plan_summary(result: PlanResult) -> dict[str, Any] | None:
    if result.plan is None:
        return None
    return {
        "hash": result.plan.hash,
        "warnings": list(result.plan.warnings),
        "unsafe": list(result.plan.unsafe),
        "phase_order": [p.value for p in PhaseName],
    }


def plan_result_to_json(results: Sequence[PlanResult]) -> dict[str, Any]:
    """One JSON document for the results of `migrator plan` (one per migration set)."""
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "pg_version": results[0].pg_version,
        "migrations": [
            migration_to_json(am, result.plan) for result in results for am in result.analyzed
        ],
    }
    if len(results) == 1:
        summary = _plan_summary(results[0])
        if summary is not None:
            out["plan"] = summary
        if results[0].plan_error is not None:
            out["plan_error"] = results[0].plan_error
        return out
    out["plans"] = [
        {"set": r.label, "plan": _plan_summary(r), "plan_error": r.plan_error} for r in results
    ]
    return out
