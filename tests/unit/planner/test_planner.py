"""`plan()`: ordering of phases across migrations, refusals, determinism, and the exact text of
user expressions in generated steps."""

from __future__ import annotations

import re

import pytest

from migrator.analysis.facts import Risk
from migrator.errors import PlanError
from migrator.planner.model import PhaseName, StepKind
from migrator.planner.rewrites.base import TableStat
from tests.unit.planner.conftest import plan_sql


def test_same_input_gives_the_same_plan_hash_and_step_ids() -> None:
    sql = "CREATE INDEX ON users (email); ALTER TABLE users ALTER COLUMN age TYPE bigint;"
    first, second = plan_sql(sql), plan_sql(sql)
    assert first.hash == second.hash
    assert [s.id for s in first.steps()] == [s.id for s in second.steps()]


def test_step_ids_name_phase_position_and_content() -> None:
    the_plan = plan_sql("ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();")
    for phase in the_plan.phases:
        for number, step in enumerate(phase.steps, start=1):
            assert re.fullmatch(rf"{phase.name.value}-{number:03d}-[0-9a-f]{{8}}", step.id)


def test_different_target_versions_give_different_plans() -> None:
    sql = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    assert plan_sql(sql, pg_version=16).hash != plan_sql(sql, pg_version=18).hash


def test_several_migrations_run_all_expands_then_backfills_then_contracts() -> None:
    the_plan = plan_sql(
        "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();",
        "CREATE INDEX orders_user_idx ON orders (user_id);",
    )
    order = [(s.phase, s.migration) for s in the_plan.steps()]
    phases = [p for p, _ in order]
    assert phases == sorted(phases, key=[PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT].index)
    expand_migrations = [m for p, m in order if p is PhaseName.EXPAND]
    assert expand_migrations == sorted(expand_migrations)
    assert {m for _, m in order} == {"m1.sql", "m2.sql"}
    assert the_plan.migrations == ("m1.sql", "m2.sql")


def test_expand_needing_an_earlier_contract_is_refused_with_two_releases_proposed() -> None:
    with pytest.raises(PlanError) as raised:
        plan_sql(
            "ALTER TABLE users RENAME COLUMN name TO full_name;",
            "CREATE INDEX users_full_name_idx ON users (full_name);",
        )
    message = raised.value.message
    assert "m2.sql" in message and "m1.sql" in message and "two releases" in message


def test_unrelated_later_migration_is_not_refused() -> None:
    the_plan = plan_sql(
        "ALTER TABLE users RENAME COLUMN name TO full_name;",
        "CREATE INDEX orders_user_idx ON orders (user_id);",
    )
    assert any(s.migration == "m2.sql" and s.phase is PhaseName.EXPAND for s in the_plan.steps())


def test_statement_depending_on_an_earlier_backfill_moves_to_contract() -> None:
    the_plan = plan_sql(
        "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
        "ALTER TABLE users ALTER COLUMN token SET NOT NULL;"
    )
    not_null = [s for s in the_plan.steps() if s.origin == 1]
    assert not_null and all(s.phase is PhaseName.CONTRACT for s in not_null)
    assert any("depends on a backfill" in w for w in the_plan.warnings)


def test_transaction_control_is_not_carried_and_session_settings_are_reported() -> None:
    the_plan = plan_sql("BEGIN;\nSET lock_timeout = '1s';\nCREATE INDEX ON users (email);\nCOMMIT;")
    sqls = [s.sql or "" for s in the_plan.steps()]
    assert not any(sql.upper() in ("BEGIN", "COMMIT") for sql in sqls)
    assert any("lock_timeout" in w for w in the_plan.warnings)
    assert all(not s.transactional for s in the_plan.steps())  # cleanup + concurrent build


def test_small_table_from_the_catalog_keeps_the_statement_as_written() -> None:
    stats = {"public.users": TableStat(rows=50, total_bytes=16384)}
    the_plan = plan_sql("CREATE INDEX users_name_idx ON users (name);", table_stats=stats)
    (step,) = the_plan.steps()
    assert step.passthrough and step.sql == "CREATE INDEX users_name_idx ON users (name)"


def test_table_created_in_the_same_migration_is_not_rewritten() -> None:
    the_plan = plan_sql("CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX t_a_idx ON t (a);")
    assert all(s.passthrough for s in the_plan.steps())


@pytest.mark.parametrize(
    "sql, expected_fragment",
    [
        (
            "ALTER TABLE users ADD COLUMN seen timestamptz NOT NULL DEFAULT clock_timestamp();",
            'SET DEFAULT clock_timestamp()',
        ),
        (
            "ALTER TABLE users ADD COLUMN t text DEFAULT md5(random()::text || now());",
            "SET DEFAULT md5(random()::text || now())",
        ),
        (
            "UPDATE users SET status = coalesce(status, 'x' || now()::text) WHERE status IS NULL;",
            "coalesce(status, 'x' || now()::text)",
        ),
        (
            "ALTER TABLE events ALTER COLUMN amount TYPE numeric(12, 2) USING amount / 100.0;",
            '"_mig_new_amount" = amount / 100.0',
        ),
    ],
    ids=["volatile-default", "nested-default", "update-set", "using-expression"],
)
def test_user_expressions_are_kept_as_written(sql: str, expected_fragment: str) -> None:
    the_plan = plan_sql(sql)
    texts = [s.sql or "" for s in the_plan.steps()] + [
        f"{s.backfill.set_sql} {s.backfill.where_sql}" for s in the_plan.steps() if s.backfill
    ]
    assert any(expected_fragment in t for t in texts), texts
    assert not any("CURRENT_TIMESTAMP" in t for t in texts)


def test_generated_identifiers_are_quoted() -> None:
    history = 'CREATE TABLE "Order Items" (id bigint PRIMARY KEY, "Qty" int);'
    the_plan = plan_sql('ALTER TABLE "Order Items" ALTER COLUMN "Qty" SET NOT NULL;', history_sql=history)
    sqls = [s.sql or "" for s in the_plan.steps()]
    assert any('ALTER TABLE "Order Items" ALTER COLUMN "Qty" SET NOT NULL' == s for s in sqls)
    assert any('"_mig_nn_Order Items_Qty"' in s for s in sqls)


def test_unknown_column_type_change_is_kept_dangerous_with_an_alternative() -> None:
    the_plan = plan_sql("ALTER TABLE not_in_history ALTER COLUMN c TYPE bigint;")
    (step,) = the_plan.steps()
    assert step.risk is Risk.DANGEROUS and step.manual_alternative
    assert the_plan.unsafe


@pytest.mark.parametrize(
    "history",
    [
        ("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id bigint PRIMARY KEY, a_id int);\n"
        "ALTER TABLE b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id);"),
        "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id bigint PRIMARY KEY, a_id int REFERENCES a);",
        ("CREATE TABLE a (id int PRIMARY KEY);\n"
        "CREATE TABLE b (id bigint PRIMARY KEY, a_id int, FOREIGN KEY (a_id) REFERENCES a (id));"),
    ],
    ids=["alter-table-add-constraint", "inline-references", "table-foreign-key"],
)
def test_type_change_on_key_referenced_by_foreign_keys_is_kept_dangerous(history: str) -> None:
    the_plan = plan_sql("ALTER TABLE a ALTER COLUMN id TYPE bigint;", history_sql=history)
    (step,) = the_plan.steps()
    assert step.risk is Risk.DANGEROUS and "referenced by foreign keys" in (step.dangerous_reason or "")


@pytest.mark.parametrize(
    "sql", ["VACUUM FULL users;", "CLUSTER users USING users_email_idx;", "ALTER TABLE users SET TABLESPACE pg_default;"],
    ids=["vacuum-full", "cluster", "set-tablespace"],
)
def test_unsafe_statements_stay_dangerous_with_reason_and_alternative(sql: str) -> None:
    the_plan = plan_sql(sql)
    (step,) = the_plan.steps()
    assert step.passthrough and step.risk is Risk.DANGEROUS
    assert step.dangerous_reason and step.manual_alternative


def test_every_step_that_blocks_gets_a_lock_timeout_and_retries() -> None:
    the_plan = plan_sql(
        "ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);\n"
        "ALTER TABLE users RENAME COLUMN name TO full_name;"
    )
    for step in the_plan.steps():
        if step.lock is not None and (step.lock.blocks_reads or step.lock.blocks_writes):
            assert step.timeouts.lock_timeout_ms > 0 and step.retry.max_attempts > 1


def test_every_step_has_an_undo_or_says_why_not() -> None:
    the_plan = plan_sql(
        "CREATE INDEX ON users (email); ALTER TABLE users DROP COLUMN legacy_flag;"
        " ALTER TABLE orders RENAME TO purchases;"
    )
    for step in the_plan.steps():
        assert step.undo.sql is not None or step.undo.irreversible


def test_backfill_steps_walk_the_primary_key() -> None:
    the_plan = plan_sql("UPDATE users SET status = 'active' WHERE status IS NULL;")
    (step,) = the_plan.steps()
    assert step.kind is StepKind.BACKFILL and step.backfill is not None
    assert step.backfill.table == "public.users" and step.backfill.key == ("id",)
    assert step.backfill.set_sql == "status = 'active'" and step.backfill.where_sql == "status IS NULL"


def test_catalog_estimates_are_noted_on_statements_kept_as_written() -> None:
    stats = {"public.users": TableStat(rows=200, total_bytes=64 * 1024)}
    the_plan = plan_sql("ALTER TABLE users ALTER COLUMN age TYPE bigint;", table_stats=stats)
    (step,) = the_plan.steps()
    assert step.passthrough
    assert any("estimated lock hold" in n and "small" in n for n in step.notes), step.notes


@pytest.mark.parametrize(
    "sql, undo, precheck",
    [
        ("CREATE TABLE t (id int);", 'DROP TABLE IF EXISTS "t"', None),
        # Skipped when the table exists already (a skipped step is not undone): the DROP is exact.
        ("CREATE TABLE IF NOT EXISTS t (id int);", 'DROP TABLE IF EXISTS "t"',
         """SELECT 1 WHERE to_regclass('"t"') IS NOT NULL"""),
        ("ALTER TABLE users ADD COLUMN note text;", 'ALTER TABLE "users" DROP COLUMN IF EXISTS "note"', None),
        ("CREATE VIEW v AS SELECT 1;", 'DROP VIEW IF EXISTS "v"', None),
        ("COMMENT ON TABLE users IS 'x';", None, None),
    ],
    ids=["create-table", "create-if-not-exists", "add-column", "create-view", "comment"],
)
def test_statements_carried_as_written_undo_only_what_they_created(
    sql: str, undo: str | None, precheck: str | None
) -> None:
    (step,) = plan_sql(sql).steps()
    assert step.passthrough
    assert step.undo.sql == undo
    assert (step.undo.irreversible is not None) == (undo is None)
    assert step.precheck_sql == precheck


def test_multi_action_alter_is_split_into_one_rewrite_per_action() -> None:
    the_plan = plan_sql(
        "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(), "
        "ALTER COLUMN email SET NOT NULL, ADD COLUMN note text;"
    )
    rewrites = {s.rewrite for s in the_plan.steps()}
    assert {"add_column", "set_not_null", "passthrough"} <= rewrites
    assert any(s.sql == "ALTER TABLE users ADD COLUMN note text" for s in the_plan.steps())


def test_plan_hash_does_not_depend_on_how_the_path_is_spelled() -> None:
    from migrator.analysis.facts import AnalyzedMigration
    from migrator.planner.planner import plan
    from migrator.sql.parse import parse_sql
    from tests.unit.planner.conftest import HISTORY_SQL, analyze_all

    history = parse_sql(HISTORY_SQL, "history.sql")

    def hashed(path: str) -> str:
        migration = parse_sql("ALTER TABLE users ALTER COLUMN age TYPE bigint;", path)
        analyzed: tuple[AnalyzedMigration, ...] = analyze_all([history, migration], 16)[1:]
        return plan(analyzed, 16, history=[history]).hash

    assert hashed("migrations/0002_age.sql") == hashed("/srv/app/migrations/0002_age.sql")
    assert hashed("0002_age.sql") != hashed("0003_other.sql")


@pytest.mark.parametrize(
    "history, sql",
    [
        ("CREATE TABLE c (id bigint PRIMARY KEY, n int CHECK (n > 0));", "ALTER TABLE c ALTER COLUMN n TYPE bigint;"),
        ("CREATE TABLE c (id bigint PRIMARY KEY, n int, CONSTRAINT pos CHECK (n > 0));", "ALTER TABLE c ALTER COLUMN n TYPE bigint;"),
        ("CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id bigint PRIMARY KEY, p_id int REFERENCES p);",
         "ALTER TABLE c ALTER COLUMN p_id TYPE bigint;"),
    ],
    ids=["inline-check", "table-check", "referencing-column"],
)
def test_type_change_on_a_constrained_column_is_kept_dangerous(history: str, sql: str) -> None:
    (step,) = plan_sql(sql, history_sql=history).steps()
    assert step.passthrough and step.risk is Risk.DANGEROUS and step.manual_alternative


def test_type_change_next_to_an_unrelated_check_uses_a_shadow_column() -> None:
    history = "CREATE TABLE c (id bigint PRIMARY KEY, n int, m int, CONSTRAINT pos CHECK (m > 0));"
    the_plan = plan_sql("ALTER TABLE c ALTER COLUMN n TYPE bigint;", history_sql=history)
    assert {s.rewrite for s in the_plan.steps()} == {"alter_column_type"}


def test_a_user_transaction_is_split_into_short_ones_with_a_warning() -> None:
    the_plan = plan_sql(
        "BEGIN;\nALTER TABLE users ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN memo text;\nCOMMIT;"
    )
    assert [s.group for s in the_plan.steps()] == [None, None]
    assert any("BEGIN … COMMIT is not kept" in w for w in the_plan.warnings)


PARTITIONED = (
    "CREATE TABLE r (id int PRIMARY KEY);\n"
    "CREATE TABLE p (id bigint, rid int, name text) PARTITION BY RANGE (id);\n"
    "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);"
)


@pytest.mark.parametrize(
    "sql, pg_version, kept",
    [
        ("ALTER TABLE p ADD CONSTRAINT p_r_fk FOREIGN KEY (rid) REFERENCES r (id);", 16, True),
        ("ALTER TABLE p ADD CONSTRAINT p_r_fk FOREIGN KEY (rid) REFERENCES r (id);", 18, False),
        ("ALTER TABLE p ADD CONSTRAINT p_name_key UNIQUE (id, name);", 16, True),
        ("ALTER TABLE p ALTER COLUMN rid TYPE bigint;", 16, True),
        ("ALTER TABLE p RENAME COLUMN name TO title;", 16, True),
    ],
    ids=["fk-before-18", "fk-on-18", "unique", "type-change", "rename-column"],
)
def test_partitioned_tables_get_no_rewrite_postgresql_rejects(sql: str, pg_version: int, kept: bool) -> None:
    the_plan = plan_sql(sql, pg_version=pg_version, history_sql=PARTITIONED)
    steps = the_plan.steps()
    if kept:
        (step,) = steps
        assert step.passthrough and step.risk is Risk.DANGEROUS and step.manual_alternative
    else:
        assert any(not s.passthrough for s in steps)
