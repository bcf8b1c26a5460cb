"""Every rewrite is equivalent to the statement it replaces, on a real server (pgroll's cycle).

For each case: the naive migration runs on one database; on another (same schema and data) the
plan runs expand → rollback (undo steps in reverse; the catalog must equal the start) → expand →
backfill → contract, each phase run twice (a resumed run must find its steps done). The two
catalogs and the data must then be equal (columns compared by name
when the plan moves a column to the end; values the migration makes nondeterministic compared
as NULL / NOT NULL), and no helper object (`_mig_*`) may remain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg import sql

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.errors import PlanError
from migrator.planner.backfill_sql import keyset_loop_sql
from migrator.planner.emit import step_runs
from migrator.planner.model import PhaseName, Plan, Step, StepKind
from migrator.planner.planner import plan
from migrator.sql.parse import parse_sql
from migrator.sql.statement import Migration
from tests.support.catalog import diff, snapshot
from tests.support.pg import TestDatabase

SETUP = """
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, age int NOT NULL DEFAULT 0, score int);
INSERT INTO users SELECT g, 'u' || g || '@x.org', 'name' || g, g % 90,
       CASE WHEN g % 3 = 0 THEN NULL ELSE g END FROM generate_series(1, 2500) g;
CREATE INDEX users_age_idx ON users (age);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount int NOT NULL DEFAULT 0, note text);
INSERT INTO orders SELECT g, (g % 2500) + 1, g * 10, NULL FROM generate_series(1, 3000) g;
CREATE TABLE logs (id bigint NOT NULL, msg text);
INSERT INTO logs SELECT g, 'm' || g FROM generate_series(1, 1500) g;
CREATE TABLE events (id bigint, kind text, created_at timestamptz) PARTITION BY RANGE (id);
CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (0) TO (1000);
CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM (1000) TO (100000);
INSERT INTO events SELECT g, 'k' || (g % 5), '2024-01-01'::timestamptz FROM generate_series(1, 2000) g;
CREATE TABLE metrics (id bigint, region text, v int) PARTITION BY LIST (region);
CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES IN ('eu') PARTITION BY RANGE (id);
CREATE TABLE metrics_eu_1 PARTITION OF metrics_eu FOR VALUES FROM (0) TO (1000);
CREATE TABLE metrics_eu_2 PARTITION OF metrics_eu FOR VALUES FROM (1000) TO (2000);
CREATE TABLE metrics_us PARTITION OF metrics FOR VALUES IN ('us');
INSERT INTO metrics SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g FROM generate_series(1, 1999) g;
CREATE TABLE codes (id bigint PRIMARY KEY, code int CONSTRAINT codes_code_uq UNIQUE, n int CHECK (n >= 0));
INSERT INTO codes SELECT g, g * 7, g FROM generate_series(1, 1500) g;
CREATE TABLE events_3 (id bigint, kind text, created_at timestamptz);
INSERT INTO events_3 SELECT g, 'k', '2024-01-01'::timestamptz FROM generate_series(100000, 101000) g;
CREATE TABLE metrics_ap (id bigint, region text, v int);
INSERT INTO metrics_ap SELECT g, 'ap', g FROM generate_series(1, 800) g;
CREATE TABLE items (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text);
INSERT INTO items (label) SELECT 'i' || g FROM generate_series(1, 1300) g;
CREATE TABLE tags (id serial PRIMARY KEY, label text NOT NULL);
INSERT INTO tags (label) SELECT 't' || g FROM generate_series(1, 1200) g;
"""


SAFE_RISKS = (Risk.SAFE, Risk.CAUTION)


@dataclass(frozen=True)
class RewriteCase:
    id: str
    migration: str
    rewrite: str  # the rewrite expected to plan the (first) statement
    nondeterministic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ignore_column_order: bool = False
    # Run on the planned database after the comparison; must return true.
    check_after: str | None = None
    min_pg: int = 0
    max_pg: int = 99


CASES = (
    RewriteCase("create-index", "CREATE INDEX users_email_idx ON users (email);", "create_index"),
    RewriteCase("create-unique-index-unnamed", "CREATE UNIQUE INDEX ON users (lower(email));", "create_index"),
    RewriteCase("create-index-partitioned", "CREATE INDEX events_kind_idx ON events (kind);", "create_index"),
    RewriteCase(
        "create-index-subpartitioned", "CREATE INDEX metrics_v_idx ON metrics (v);", "create_index"
    ),
    RewriteCase(
        "attach-partition-range",
        "ALTER TABLE events ATTACH PARTITION events_3 FOR VALUES FROM (100000) TO (200000);",
        "attach_partition",
    ),
    RewriteCase(
        "attach-partition-list",
        "ALTER TABLE metrics ATTACH PARTITION metrics_ap FOR VALUES IN ('ap');",
        "attach_partition",
    ),
    RewriteCase("drop-index", "DROP INDEX users_age_idx;", "drop_index"),
    RewriteCase("reindex", "REINDEX INDEX users_age_idx;", "reindex"),
    RewriteCase(
        "add-foreign-key",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
        "add_foreign_key",
    ),
    RewriteCase(
        "add-foreign-key-unnamed",
        "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;",
        "add_foreign_key",
    ),
    RewriteCase(
        "add-foreign-key-partitioned",
        "ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY (id) REFERENCES users (id);",
        "add_foreign_key",
        min_pg=18,  # NOT VALID foreign keys on partitioned tables are 18+
    ),
    RewriteCase("add-check", "ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);", "add_check"),
    RewriteCase("add-unique", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", "add_unique"),
    RewriteCase("add-unique-unnamed", "ALTER TABLE users ADD UNIQUE (email, name);", "add_unique"),
    RewriteCase("add-primary-key", "ALTER TABLE logs ADD PRIMARY KEY (id);", "add_primary_key"),
    RewriteCase("set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "set_not_null"),
    RewriteCase(
        "add-column-volatile-not-null",
        "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();",
        "add_column",
        nondeterministic={"users": ("token",)},
    ),
    RewriteCase(
        "add-column-clock-timestamp",
        "ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();",
        "add_column",
        nondeterministic={"users": ("seen_at",)},
    ),
    RewriteCase(
        "add-column-bigserial",
        "ALTER TABLE users ADD COLUMN seq bigserial;",
        "add_column",
        nondeterministic={"users": ("seq",)},
        check_after=(
            "INSERT INTO users (id) VALUES (100000) RETURNING seq > "
            "(SELECT max(seq) FROM users WHERE id <> 100000)"
        ),
    ),
    RewriteCase(
        "add-column-identity",
        "ALTER TABLE users ADD COLUMN num bigint GENERATED ALWAYS AS IDENTITY;",
        "add_column",
        nondeterministic={"users": ("num",)},
        check_after=(
            "INSERT INTO users (id) VALUES (100000) RETURNING num > "
            "(SELECT max(num) FROM users WHERE id <> 100000)"
        ),
    ),
    RewriteCase(
        "alter-column-type-int-to-bigint",
        "ALTER TABLE users ALTER COLUMN age TYPE bigint;",
        "alter_column_type",
        ignore_column_order=True,
    ),
    RewriteCase(
        "alter-column-type-using",
        "ALTER TABLE users ALTER COLUMN score TYPE text USING (score * 2)::text;",
        "alter_column_type",
        ignore_column_order=True,
    ),
    RewriteCase(
        "alter-column-type-serial-primary-key",
        "ALTER TABLE tags ALTER COLUMN id TYPE bigint;",
        "alter_column_type",
        ignore_column_order=True,
        check_after="INSERT INTO tags (label) VALUES ('new') RETURNING id = 1201",
    ),
    RewriteCase(
        "alter-column-type-identity-primary-key",
        "ALTER TABLE items ALTER COLUMN id TYPE bigint;",
        "alter_column_type",
        ignore_column_order=True,
        check_after="INSERT INTO items (label) VALUES ('new') RETURNING id = 1301",
    ),
    RewriteCase(
        "alter-column-type-unique",
        "ALTER TABLE codes ALTER COLUMN code TYPE bigint;",
        "alter_column_type",
        ignore_column_order=True,
    ),
    RewriteCase("rename-column", "ALTER TABLE users RENAME COLUMN name TO full_name;", "rename_column"),
    RewriteCase("rename-table", "ALTER TABLE orders RENAME TO purchases;", "rename_table"),
    RewriteCase("drop-column", "ALTER TABLE users DROP COLUMN score;", "drop"),
    RewriteCase("batched-update", "UPDATE users SET score = 0 WHERE score IS NULL;", "batched_dml"),
    RewriteCase("batched-delete", "DELETE FROM orders WHERE amount > 20000;", "batched_dml"),
)


# --------------------------------------------------------------------------- tiny runner
def _skip(conn: psycopg.Connection[Any], step: Step) -> bool:
    return bool(step.precheck_sql) and conn.execute(step.precheck_sql).fetchone() is not None


def run_steps(db: TestDatabase, steps: Sequence[Step]) -> None:
    """Run steps like an executor would, without retries: transactional runs in one
    transaction, the others in autocommit, backfills as a keyset loop."""
    conn = db.connect(autocommit=True)
    for run in step_runs(list(steps)):
        first = run[0]
        if first.kind is StepKind.BACKFILL:
            assert first.backfill is not None
            conn.execute(keyset_loop_sql(first.backfill))
        elif first.transactional:
            with conn.transaction():
                conn.execute(f"SET LOCAL lock_timeout = '{first.timeouts.lock_timeout_ms}ms'")
                for step in run:
                    if not _skip(conn, step):
                        conn.execute(step.sql or "")
        elif not _skip(conn, first):
            conn.execute(first.sql or "")
    conn.close()


def undo_steps(db: TestDatabase, steps: Sequence[Step]) -> None:
    conn = db.connect(autocommit=True)
    for step in reversed(list(steps)):
        assert step.undo.irreversible is None, f"{step.id} cannot be undone: {step.undo.irreversible}"
        if not step.undo.sql:
            continue
        if step.undo.transactional:
            with conn.transaction():
                conn.execute(step.undo.sql)
        else:
            conn.execute(step.undo.sql)
    conn.close()


def table_data(
    conn: psycopg.Connection[Any], table: str, nondeterministic: Sequence[str]
) -> list[tuple[Any, ...]]:
    columns = [
        r[0]
        for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attname",
            (table,),
        ).fetchall()
    ]
    exprs = [
        sql.SQL("{} IS NOT NULL").format(sql.Identifier(c)) if c in nondeterministic else sql.Identifier(c)
        for c in columns
    ]
    query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
        sql.SQL(", ").join(exprs),
        sql.Identifier(table),
        sql.SQL(", ").join(sql.SQL(str(i + 1)) for i in range(len(columns))),
    )
    return list(conn.execute(query).fetchall())


def analyzed_plan(migration_sql: str, pg_version: int) -> Plan:
    setup = parse_sql(SETUP, "setup.sql")
    migration = parse_sql(migration_sql, "migration.sql")
    analyzed = _analyze([setup, migration], pg_version)[1:]
    return plan(analyzed, pg_version, history=[setup])


def _analyze(migrations: list[Migration], pg_version: int) -> tuple[AnalyzedMigration, ...]:
    try:
        from migrator.analysis.analyze import analyze
    except ImportError:
        return tuple(AnalyzedMigration(m, tuple(Facts(s.index) for s in m.statements)) for m in migrations)
    return analyze(migrations, pg_version)


def _params(cases: Sequence[RewriteCase]) -> list[Any]:
    params = []
    for case in cases:
        marks = []
        if case.min_pg:
            marks.append(pytest.mark.min_pg(case.min_pg))
        if case.max_pg < 99:
            marks.append(pytest.mark.max_pg(case.max_pg))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@pytest.mark.parametrize("case", _params(CASES))
def test_plan_is_equivalent_to_the_naive_migration(
    case: RewriteCase, pg_db: TestDatabase, make_pg_db: Any
) -> None:
    naive = make_pg_db()
    naive.execute(SETUP)
    naive.execute(case.migration)

    pg_db.execute(SETUP)
    the_plan = analyzed_plan(case.migration, pg_db.major)
    assert case.rewrite in {s.rewrite for s in the_plan.steps()}, the_plan.steps()
    unsafe_generated = [(s.sql, s.risk) for s in the_plan.steps() if not s.passthrough and s.risk not in SAFE_RISKS]
    assert unsafe_generated == [], "every generated step must re-analyse as safe or caution"
    conn = pg_db.connect(autocommit=True)
    start = snapshot(conn)

    expand = the_plan.steps(PhaseName.EXPAND)
    if expand and all(s.undo.irreversible is None for s in expand):
        run_steps(pg_db, expand)
        undo_steps(pg_db, expand)
        after_rollback = snapshot(conn)
        assert after_rollback == start, "\n".join(["rollback of expand left:", *diff(start, after_rollback)])

    for phase in (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT):
        run_steps(pg_db, the_plan.steps(phase))
        run_steps(pg_db, the_plan.steps(phase))  # a resumed run finds every step done

    naive_conn = naive.connect(autocommit=True)
    expected = snapshot(naive_conn, ignore_column_order=case.ignore_column_order)
    actual = snapshot(conn, ignore_column_order=case.ignore_column_order)
    assert actual == expected, "\n".join(["planned schema differs from the naive one:", *diff(expected, actual)])
    leftovers = conn.execute(
        "SELECT relname FROM pg_class WHERE relname LIKE '\\_mig\\_%' UNION ALL "
        "SELECT conname FROM pg_constraint WHERE conname LIKE '\\_mig\\_%' UNION ALL "
        "SELECT proname FROM pg_proc WHERE proname LIKE '\\_mig\\_%' UNION ALL "
        "SELECT tgname FROM pg_trigger WHERE tgname LIKE '\\_mig\\_%'"
    ).fetchall()
    assert leftovers == [], f"helper objects left behind: {leftovers}"
    invalid = conn.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid").fetchall()
    assert invalid == []
    for table in expected.tables:
        nondet = case.nondeterministic.get(table.name, ())
        assert table_data(conn, table.name, nondet) == table_data(naive_conn, table.name, nondet), table.name
    if case.check_after:
        assert conn.execute(case.check_after).fetchone() == (True,)


def test_every_case_exercises_its_rewrite() -> None:
    """The case list covers every rewrite but passthrough/unsafe, and each case is planned by
    the rewrite it names (checked without a server)."""
    from migrator.planner.rewrites import REWRITES

    named = {c.rewrite for c in CASES}
    assert named == {r.name for r in REWRITES} - {"passthrough", "unsafe"}


MULTI = (
    ("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
    "CREATE INDEX users_email_idx ON users (email);\n"),
    ("ALTER TABLE users ALTER COLUMN token SET NOT NULL;\n"
    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"
    "ALTER TABLE users RENAME COLUMN name TO full_name;\n"),
)


def test_several_migrations_planned_together_equal_their_naive_sequence(
    pg_db: TestDatabase, make_pg_db: Any
) -> None:
    naive = make_pg_db()
    naive.execute(SETUP)
    for migration_sql in MULTI:
        naive.execute(migration_sql)

    pg_db.execute(SETUP)
    setup = parse_sql(SETUP, "setup.sql")
    migrations = [parse_sql(text, f"{i + 1:04d}.sql") for i, text in enumerate(MULTI)]
    the_plan = plan(_analyze([setup, *migrations], pg_db.major)[1:], pg_db.major, history=[setup])
    for phase in (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT):
        run_steps(pg_db, the_plan.steps(phase))

    expected, actual = snapshot(naive.connect()), snapshot(pg_db.connect())
    assert actual == expected, "\n".join(diff(expected, actual))
    nondet = ("token",)
    assert table_data(pg_db.connect(), "users", nondet) == table_data(naive.connect(), "users", nondet)


def _knowledge_entries_with_a_rewrite() -> list[Any]:
    """Every verified statement form of the analysis' knowledge base that a rewrite plans."""
    try:
        from migrator.analysis.knowledge import ENTRIES
    except ImportError:
        return []
    selected = []
    for entry in ENTRIES:
        if not entry.example or getattr(entry, "needs", None):
            continue
        setup = parse_sql(entry.setup or "", "setup.sql")
        migration = parse_sql(entry.example, "example.sql")
        try:
            the_plan = plan(_analyze([setup, migration], 16)[1:], 16, history=[setup])
        except PlanError:  # refused plans are covered elsewhere
            continue
        if any(not s.passthrough for s in the_plan.steps()):
            selected.append(entry)
    return selected


KNOWLEDGE_ENTRIES = _knowledge_entries_with_a_rewrite()


@pytest.mark.any_pg
@pytest.mark.parametrize("entry", KNOWLEDGE_ENTRIES, ids=[e.id for e in KNOWLEDGE_ENTRIES])
def test_plan_of_every_knowledge_example_is_equivalent(entry: Any, pg_db: TestDatabase, make_pg_db: Any) -> None:
    """The analysis' own examples, planned: same end state as running them as written."""
    naive = make_pg_db()
    if entry.setup:
        naive.execute(entry.setup)
    naive.execute(entry.example)
    if entry.setup:
        pg_db.execute(entry.setup)
    setup = parse_sql(entry.setup or "", "setup.sql")
    migration = parse_sql(entry.example, "example.sql")
    the_plan = plan(_analyze([setup, migration], pg_db.major)[1:], pg_db.major, history=[setup])
    for phase in (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT):
        run_steps(pg_db, the_plan.steps(phase))
    assert [s.sql for s in the_plan.steps() if not s.passthrough and s.risk not in SAFE_RISKS] == []
    reorders = any(s.rewrite == "alter_column_type" for s in the_plan.steps())
    expected = snapshot(naive.connect(), ignore_column_order=reorders)
    actual = snapshot(pg_db.connect(), ignore_column_order=reorders)
    assert actual == expected, "\n".join(diff(expected, actual))
    nondet = tuple(
        s.backfill.set_sql.split("=", 1)[0].strip().strip('"')
        for s in the_plan.steps()
        if s.rewrite == "add_column" and s.backfill is not None and s.backfill.set_sql
    )
    for table in expected.tables:
        assert table_data(pg_db.connect(), table.name, nondet) == table_data(naive.connect(), table.name, nondet)


# (id, migration, statements the old and the new application run after expand + backfill,
#  a query that must return true)
COMPATIBILITY = (
    (
        "rename-column-both-names",
        "ALTER TABLE users RENAME COLUMN name TO full_name;",
        [
            "INSERT INTO users (id, email, name) VALUES (900001, 'old@x', 'from old app')",
            "INSERT INTO users (id, email, full_name) VALUES (900002, 'new@x', 'from new app')",
            "UPDATE users SET full_name = 'renamed by new app' WHERE id = 1",
            "UPDATE users SET name = 'renamed by old app' WHERE id = 2",
        ],
        ("SELECT bool_and(name = full_name) AND count(*) = 4 FROM users WHERE id IN (1, 2, 900001, 900002)"
        " AND name IN ('from old app', 'from new app', 'renamed by new app', 'renamed by old app')"),
    ),
    (
        "rename-table-both-names",
        "ALTER TABLE orders RENAME TO purchases;",
        [
            "INSERT INTO orders (id, user_id, amount) VALUES (900001, 1, 5)",
            "UPDATE orders SET amount = 6 WHERE id = 1",
            "INSERT INTO purchases (id, user_id, amount) VALUES (900002, 1, 7)",
        ],
        "SELECT count(*) = 3 FROM purchases WHERE (id, amount) IN ((900001, 5), (1, 6), (900002, 7))",
    ),
    (
        "alter-type-shadow-follows-writes",
        "ALTER TABLE users ALTER COLUMN score TYPE text USING (score * 2)::text;",
        [
            "INSERT INTO users (id, score) VALUES (900001, 21)",
            "UPDATE users SET score = 50 WHERE id = 1",
        ],
        "SELECT bool_and(_mig_new_score = (score * 2)::text) FROM users WHERE id IN (1, 900001)",
    ),
)


@pytest.mark.parametrize("case_id, migration, writes, check", COMPATIBILITY, ids=[c[0] for c in COMPATIBILITY])
def test_old_and_new_application_both_work_between_expand_and_contract(
    case_id: str, migration: str, writes: list[str], check: str, pg_db: TestDatabase
) -> None:
    pg_db.execute(SETUP)
    the_plan = analyzed_plan(migration, pg_db.major)
    run_steps(pg_db, the_plan.steps(PhaseName.EXPAND))
    run_steps(pg_db, the_plan.steps(PhaseName.BACKFILL))
    for statement in writes:
        pg_db.execute(statement)
    assert pg_db.fetchval(check) is True


# --------------------------------------------------------------------------- passthrough undo
# Statements carried as written, whose undo comes from migrator.planner.undo. Each case runs
# its plan (every phase), then the undo steps of what ran in reverse: the catalog (including
# schemas, types, enum labels, policies, rules and privileges) must equal the start. A step whose
# precheck says it would change nothing is skipped and not undone.
UNDO_CASES = (
    ("create-relations",
     "CREATE TABLE t (id int PRIMARY KEY, v text);\n"
     "CREATE INDEX t_v_idx ON t (v);\n"
     "CREATE VIEW tv AS SELECT * FROM t;\n"
     "ALTER VIEW tv RENAME TO tv2;\n"
     "CREATE MATERIALIZED VIEW tmv AS SELECT * FROM t;\n"
     "CREATE SEQUENCE sq;\n"
     "ALTER SEQUENCE sq RENAME TO sq2;\n"
     "CREATE TABLE IF NOT EXISTS users (id int);\n"
     "CREATE TABLE t_as AS SELECT id FROM users;\n"),
    ("create-types",
     "CREATE TYPE mood AS ENUM ('a', 'b');\n"
     "ALTER TYPE mood RENAME VALUE 'a' TO 'z';\n"
     "CREATE TYPE pair AS (a int, b int);\n"
     "CREATE DOMAIN posint AS int CHECK (VALUE > 0);\n"),
    ("create-functions-and-triggers",
     "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
     "CREATE FUNCTION add1(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$;\n"
     "CREATE PROCEDURE noop(n int) LANGUAGE sql AS $$ SELECT 1 $$;\n"
     "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n"
     "ALTER TABLE users DISABLE TRIGGER users_touch;\n"
     "ALTER TABLE users ENABLE TRIGGER users_touch;\n"
     "ALTER TABLE users DISABLE TRIGGER USER;\n"),
    ("create-policy-rule-schema",
     "CREATE POLICY users_p ON users USING (true);\n"
     "CREATE RULE logs_r AS ON INSERT TO logs DO ALSO NOTHING;\n"
     "CREATE SCHEMA app;\n"
     "ALTER SCHEMA app RENAME TO app2;\n"
     "CREATE SCHEMA IF NOT EXISTS public;\n"),
    ("add-column-and-constraints",
     "ALTER TABLE users ADD COLUMN note text;\n"
     "ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;\n"
     "ALTER TABLE users ADD COLUMN a int, ADD COLUMN b text DEFAULT 'x';\n"
     "ALTER TABLE orders ADD CONSTRAINT orders_amount_ck CHECK (amount >= 0) NOT VALID;\n"
     "ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_ck;\n"
     "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"),
    ("defaults-nullability-type",
     "ALTER TABLE users ALTER COLUMN age SET DEFAULT 5;\n"
     "ALTER TABLE users ALTER COLUMN age SET DEFAULT 7;\n"
     "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x';\n"
     "ALTER TABLE orders ALTER COLUMN amount DROP DEFAULT;\n"
     "ALTER TABLE logs ALTER COLUMN id DROP NOT NULL;\n"
     "ALTER TABLE users ALTER COLUMN age SET NOT NULL;\n"
     "ALTER TABLE users ALTER COLUMN email TYPE varchar;\n"),
    ("renames",
     "ALTER INDEX users_age_idx RENAME TO users_age_ix;\n"
     "ALTER TABLE codes RENAME CONSTRAINT codes_code_uq TO codes_code_key2;\n"),
    ("extensions",
     "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
     "CREATE EXTENSION IF NOT EXISTS plpgsql;\n"),
    ("grants",
     "GRANT SELECT, INSERT ON users TO PUBLIC;\n"
     "GRANT SELECT (id, amount) ON TABLE orders TO migrator_undo_reader WITH GRANT OPTION;\n"),
)

_EXTRA_CATALOG = (
    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
    "SELECT extname FROM pg_extension",
    # A NULL ACL means the owner's default privileges: REVOKE leaves them spelled out.
    "SELECT n.nspname, c.relname, c.relkind, "
    "COALESCE(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner))::text "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
    "SELECT a.attrelid::regclass::text, a.attname, a.attacl::text FROM pg_attribute a "
    "WHERE a.attacl IS NOT NULL AND a.attacl <> '{}'",
    "SELECT n.nspname, t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND t.typtype IN ('e', 'd', 'c', 'r')",
    "SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid",
    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid <> 0",
    "SELECT polname, polrelid::regclass::text, pg_get_expr(polqual, polrelid) FROM pg_policy",
    "SELECT rulename, ev_class::regclass::text FROM pg_rewrite WHERE rulename <> '_RETURN'",
    "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE n.nspname = 'public'",
    "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal",
)


def _whole_catalog(conn: psycopg.Connection[Any]) -> tuple[Any, ...]:
    extras = tuple(tuple(sorted(conn.execute(q).fetchall(), key=repr)) for q in _EXTRA_CATALOG)
    return snapshot(conn), extras


def _run_recording(conn: psycopg.Connection[Any], steps: Sequence[Step]) -> list[Step]:
    """Run steps one by one (the executor's way for passthrough steps); the ones that ran."""
    ran = []
    for step in steps:
        if step.kind is StepKind.BACKFILL:
            assert step.backfill is not None
            conn.execute(keyset_loop_sql(step.backfill))
            ran.append(step)
            continue
        if step.transactional:
            with conn.transaction():
                if _skip(conn, step):
                    continue
                conn.execute(step.sql or "")
        else:
            if _skip(conn, step):
                continue
            conn.execute(step.sql or "")
        ran.append(step)
    return ran


@pytest.mark.parametrize("case_id, migration", UNDO_CASES, ids=[c[0] for c in UNDO_CASES])
def test_passthrough_undo_restores_the_catalog(
    case_id: str, migration: str, pg_db: TestDatabase, make_pg_db: Any
) -> None:
    if "EXTENSION" in migration and pg_db.fetchval(
        "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'"
    ) == 0:
        pytest.skip("pg_trgm is not available on this server")
    naive = make_pg_db()  # roles are the cluster's: one the grants case can name
    naive.execute("DO $$ BEGIN CREATE ROLE migrator_undo_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
    naive.execute(SETUP)
    naive.execute(migration)
    pg_db.execute(SETUP)
    the_plan = analyzed_plan(migration, pg_db.major)
    steps = the_plan.steps()
    assert any(s.passthrough and s.undo.sql for s in steps), "the case must exercise passthrough undo"
    irreversible = [(s.sql, s.undo.irreversible) for s in steps if s.undo.irreversible]
    assert irreversible == []
    conn = pg_db.connect(autocommit=True)
    start = _whole_catalog(conn)

    ran = _run_recording(conn, steps)
    naive_conn = naive.connect(autocommit=True)
    assert _whole_catalog(conn) == _whole_catalog(naive_conn), "the plan must do what the migration does"
    assert len(ran) < len(steps) or "IF NOT EXISTS" not in migration, "a precheck must skip a no-op"

    undo_steps(pg_db, ran)
    after = _whole_catalog(conn)
    assert after[1] == start[1], [
        (q, sorted(set(a) ^ set(b), key=repr)) for q, a, b in zip(_EXTRA_CATALOG, start[1], after[1]) if a != b
    ]
    assert after[0] == start[0], "\n".join(["undo left:", *diff(start[0], after[0])])
