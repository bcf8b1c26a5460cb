"""Hand-built plans (with their setup and naive equivalent) shared by the executor's pg tests."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.analysis.locks import LockMode
from migrator.planner.model import Backfill, PhaseName, Plan, StepKind, Undo
from tests.unit.executor.plans import plan, step

SUE = LockMode.SHARE_UPDATE_EXCLUSIVE


@dataclass(frozen=True)
class Scenario:
    setup: str
    plan: Plan
    naive: str


BACKFILL = Scenario(
    setup="CREATE TABLE items (id bigint PRIMARY KEY, a int, touched int NOT NULL DEFAULT 0);"
          "INSERT INTO items (id, a) SELECT g, g % 1000 FROM generate_series(1, 20000) g; ANALYZE items",
    plan=plan(
        step("e1", "ALTER TABLE items ADD COLUMN b bigint", undo=Undo.run("ALTER TABLE items DROP COLUMN b")),
        step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
             backfill=Backfill("public.items", ("id",), "b = a * 3 + id, touched = touched + 1", "b IS NULL", 50)),
    ),
    naive="ALTER TABLE items ADD COLUMN b bigint; UPDATE items SET b = a * 3 + id, touched = touched + 1",
)

PHASED = Scenario(
    setup="CREATE TABLE parent (id bigint PRIMARY KEY); INSERT INTO parent SELECT generate_series(1, 10);"
          "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint, a int, touched int NOT NULL DEFAULT 0);"
          "INSERT INTO child (id, parent_id, a) SELECT g, g % 10 + 1, g FROM generate_series(1, 2000) g",
    plan=plan(
        step("e1", "ALTER TABLE child ADD COLUMN c bigint", undo=Undo.run("ALTER TABLE child DROP COLUMN c")),
        step("e2", "ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) "
                   "NOT VALID", lock=LockMode.SHARE_ROW_EXCLUSIVE,
             undo=Undo.run("ALTER TABLE child DROP CONSTRAINT child_parent_fk")),
        step("e3", "ALTER TABLE child VALIDATE CONSTRAINT child_parent_fk", transactional=False, lock=SUE,
             kind=StepKind.VALIDATE),
        step("e4", "CREATE INDEX CONCURRENTLY IF NOT EXISTS child_a_idx ON child (a)", transactional=False, lock=SUE,
             undo=Undo.run("DROP INDEX CONCURRENTLY IF EXISTS child_a_idx", transactional=False)),
        step("b1", None, phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, lock=LockMode.ROW_EXCLUSIVE,
             backfill=Backfill("public.child", (), "c = a * 2, touched = touched + 1", "c IS NULL", 300)),
        step("k1", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS child_c_key ON child (c)", phase=PhaseName.CONTRACT,
             transactional=False, lock=SUE, undo=Undo.run("DROP INDEX CONCURRENTLY IF EXISTS child_c_key", False)),
        step("k2", "ALTER TABLE child ADD CONSTRAINT child_c_key UNIQUE USING INDEX child_c_key",
             phase=PhaseName.CONTRACT, group="k", undo=Undo.run("ALTER TABLE child DROP CONSTRAINT child_c_key")),
        step("k3", "ALTER TABLE child ALTER COLUMN c SET NOT NULL", phase=PhaseName.CONTRACT, group="k",
             undo=Undo.run("ALTER TABLE child ALTER COLUMN c DROP NOT NULL")),
    ),
    naive="ALTER TABLE child ADD COLUMN c bigint;"
          "ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id);"
          "CREATE INDEX child_a_idx ON child (a); UPDATE child SET c = a * 2, touched = touched + 1;"
          "ALTER TABLE child ADD CONSTRAINT child_c_key UNIQUE (c); ALTER TABLE child ALTER COLUMN c SET NOT NULL",
)

FAILING = Scenario(
    setup="CREATE TABLE t (id bigint PRIMARY KEY, a int); INSERT INTO t VALUES (1, 1), (2, 1)",
    plan=plan(
        step("e1", "ALTER TABLE t ADD COLUMN x int", undo=Undo.run("ALTER TABLE t DROP COLUMN x")),
        step("e2", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_key ON t (a)", transactional=False, lock=SUE),
    ),
    naive="",
)

LOCKED = Scenario(
    setup="CREATE TABLE busy (id bigint PRIMARY KEY)",
    plan=plan(step("e1", "ALTER TABLE busy ADD COLUMN x int")),
    naive="ALTER TABLE busy ADD COLUMN x int",
)

SCENARIOS = {"backfill": BACKFILL, "phased": PHASED, "failing": FAILING, "locked": LOCKED}
