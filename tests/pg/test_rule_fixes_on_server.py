"""Advice that runs: every rule fix and every runnable SQL block of the rule docs succeeds on a
real PostgreSQL server of each available version the example applies to.

- Each `Case.fail(..., fixed=...)`: run `earlier`, then `fixed` (statement by statement in
  autocommit, as psql would; inside one transaction when the case assumes a runner's
  transaction).
- Each ```sql block of a rule's documentation (unless marked `norun`), after the module's
  `DOC_SETUP`, and each Example block with the rule's fixes applied.
- The fix recomputed from the case (not only the pinned `fixed` text) must equal `fixed`; that is
  checked by tests/rules/test_rule_examples.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from migrator.lint.docs import BlockRole, SqlBlock, sql_blocks
from migrator.lint.fixes import fix_applies
from migrator.lint.model import Rule
from migrator.lint.registry import all_rules
from migrator.lint.testing import fix_sql, lint_sql
from migrator.sql.split import split_sql
from tests.support.pg import TestDatabase

RULES = tuple(all_rules())


def _marks(versions: tuple[int, ...] | None) -> list[Any]:
    if not versions:
        return []
    return [pytest.mark.min_pg(min(versions)), pytest.mark.max_pg(max(versions))]


def _params() -> list[Any]:
    params: list[Any] = []
    for rule in RULES:
        module = __import__(rule.module, fromlist=["_"])
        setup = str(getattr(module, "DOC_SETUP", "") or "")
        for number, case in enumerate(rule.cases):
            if case.fixed is None:
                continue
            params.append(pytest.param(case.earlier, case.fixed, case.assume_in_transaction,
                                       id=f"{rule.code}-{rule.name}-case{number}-fixed", marks=_marks(case.pg)))
        for number, block in enumerate(sql_blocks(rule.doc)):
            if not block.runs:
                continue
            params.append(pytest.param(setup, block.sql, False, id=f"{rule.code}-{rule.name}-doc{number}-{block.role}",
                                       marks=_marks(block.versions)))
            fixed = _fixed_example(rule, block, setup)
            if block.role is BlockRole.EXAMPLE and fixed is not None:
                params.append(pytest.param(setup, fixed, False, id=f"{rule.code}-{rule.name}-doc{number}-fixed",
                                           marks=_marks(block.versions)))
    return params


def _fixed_example(rule: Rule, block: SqlBlock, setup: str) -> str | None:
    """The doc example with the rule's fixes applied (safe and unsafe), or None without fixes."""
    findings = [f for f in lint_sql(block.sql, earlier=setup, pg=block.preferred_version, strict=False)
                if f.code == rule.code]
    if not any(fix_applies(f.fix, unsafe=True) for f in findings):
        return None
    return fix_sql(block.sql, findings, unsafe=True)


def run_migration(db: TestDatabase, sql: str, in_transaction: bool = False) -> None:
    """Run `sql` statement by statement as psql would (autocommit unless `in_transaction`)."""
    conn = db.connect(autocommit=not in_transaction)
    for statement in split_sql(sql):
        text = statement.text.strip()
        if not text:
            continue
        try:
            conn.execute(text)  # type: ignore[call-overload]
        except Exception as exc:
            raise AssertionError(f"PostgreSQL {db.major} rejected:\n{text}\n{exc}") from exc
    if in_transaction:
        conn.commit()


@pytest.mark.parametrize("setup, sql, in_transaction", _params())
def test_rule_sql_runs_on_server(pg_db: TestDatabase, setup: str, sql: str, in_transaction: bool) -> None:
    if setup.strip():
        run_migration(pg_db, setup)
    run_migration(pg_db, sql, in_transaction)
