"""Every step a rewrite generates goes back through the analyzer and comes out `safe` or
`caution` (its lock is the analyzer's). Statements carried as written keep their own verdict."""

from __future__ import annotations

import pytest

from migrator.analysis.facts import Risk
from tests.unit.planner.conftest import plan_sql
from tests.unit.planner.test_golden import CASES, docstring_example

pytest.importorskip("migrator.analysis.analyze")


@pytest.mark.parametrize("rewrite, case, sql, pg_version", CASES, ids=[f"{r}__{c}" for r, c, _, _ in CASES])
def test_every_generated_step_reanalyses_safe_or_caution(
    rewrite: str, case: str, sql: str | None, pg_version: int
) -> None:
    the_plan = plan_sql(sql if sql is not None else docstring_example(rewrite), pg_version=pg_version)
    assert not any("could not re-check" in w for w in the_plan.warnings), the_plan.warnings
    bad = [
        (s.id, s.sql, s.risk.value, s.dangerous_reason)
        for s in the_plan.steps()
        if not s.passthrough and s.risk not in (Risk.SAFE, Risk.CAUTION)
    ]
    assert bad == []


@pytest.mark.parametrize(
    "sql, expected_lock",
    [
        ("CREATE INDEX users_email_idx ON users (email);", "SHARE UPDATE EXCLUSIVE"),
        ("ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);", "ACCESS EXCLUSIVE"),
    ],
    ids=["concurrent-index-build", "check-not-valid"],
)
def test_step_lock_comes_from_the_analysis(sql: str, expected_lock: str) -> None:
    the_plan = plan_sql(sql)
    main = next(s for s in the_plan.steps() if s.kind.value == "ddl")
    assert str(main.lock) == expected_lock


@pytest.mark.parametrize("pg", [16, 18], ids=["check-dance", "native-not-null-not-valid"])
def test_set_not_null_on_a_table_outside_the_history_reanalyses_safe_or_caution(pg: int) -> None:
    the_plan = plan_sql("ALTER TABLE not_in_history ALTER COLUMN c SET NOT NULL;", pg_version=pg)
    assert all(s.risk in (Risk.SAFE, Risk.CAUTION) for s in the_plan.steps() if not s.passthrough)
