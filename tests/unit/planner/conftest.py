"""Planner unit-test fixtures: the schema the examples run against, and golden-file updating.

`pytest --update-golden` (or `MIGRATOR_UPDATE_GOLDEN=1`) rewrites the golden plans in
`tests/unit/planner/golden/` instead of comparing; review the diff like a snapshot.
"""

from __future__ import annotations

import os

import pytest

from migrator.analysis.facts import AnalyzedMigration, Facts
from migrator.planner.model import Plan
from migrator.planner.planner import plan
from migrator.sql.parse import parse_sql
from migrator.sql.statement import Migration

HISTORY_SQL = """
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, age int NOT NULL DEFAULT 0,
                    status text, legacy_flag boolean);
CREATE INDEX users_email_idx ON users (email);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
CREATE TABLE events (id bigint PRIMARY KEY, amount int NOT NULL DEFAULT 0);
CREATE INDEX events_amount_idx ON events (amount);
CREATE TABLE logs (id bigint, msg text);
CREATE TABLE measurements (id bigint, kind text) PARTITION BY RANGE (id);
CREATE TABLE measurements_1 PARTITION OF measurements FOR VALUES FROM (0) TO (1000);
CREATE TABLE measurements_2 PARTITION OF measurements FOR VALUES FROM (1000) TO (2000);
CREATE TABLE measurements_3 (id bigint, kind text);
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        parser.addoption(
            "--update-golden",
            action="store_true",
            default=False,
            help="rewrite golden files (tests/unit/planner/golden) instead of comparing",
        )
    except ValueError:  # already registered by tests/conftest.py
        pass


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    try:
        option = bool(request.config.getoption("--update-golden"))
    except ValueError:
        option = False
    return option or os.environ.get("MIGRATOR_UPDATE_GOLDEN") == "1"


def analyze_all(migrations: list[Migration], pg_version: int) -> tuple[AnalyzedMigration, ...]:
    """The analyzer's facts when it is available, else empty (unknown) facts."""
    try:
        from migrator.analysis.analyze import analyze
    except ImportError:
        return tuple(AnalyzedMigration(m, tuple(Facts(s.index) for s in m.statements)) for m in migrations)
    return analyze(migrations, pg_version)


def plan_sql(*migration_sqls: str, pg_version: int = 16, history_sql: str = HISTORY_SQL, **kwargs: object) -> Plan:
    """Plan migrations (named m1.sql, m2.sql, …) after the history schema."""
    history = parse_sql(history_sql, "history.sql")
    migrations = [parse_sql(text, f"m{i + 1}.sql") for i, text in enumerate(migration_sqls)]
    analyzed = analyze_all([history, *migrations], pg_version)[1:]
    return plan(analyzed, pg_version, history=[history], **kwargs)  # type: ignore[arg-type]
