"""`inverse_of`: the undo of a statement carried as written, read from the statement and the
schema before it; irreversible (with the reason) where the inverse is not known.

Each undo below is also run on a real server by tests/pg/test_rewrites.py
(`test_passthrough_undo_restores_the_catalog`)."""

from __future__ import annotations

import pytest

from migrator.planner.schema import SchemaTracker
from migrator.planner.undo import inverse_of
from migrator.sql.parse import parse_sql
from tests.unit.planner.conftest import HISTORY_SQL

EXTRA_HISTORY = """
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';
ALTER TABLE logs ALTER COLUMN msg TYPE varchar;
"""


def tracker() -> SchemaTracker:
    schema = SchemaTracker()
    for stmt in parse_sql(HISTORY_SQL + EXTRA_HISTORY, "history.sql").statements:
        schema.follow(stmt.sql, stmt.ast)
    return schema


# (id, statement, undo SQL or None when irreversible, precheck expected, reason fragment)
REVERSIBLE = [
    ("create-table", "CREATE TABLE t (id int);", 'DROP TABLE IF EXISTS "t"', False),
    ("create-table-if-not-exists", "CREATE TABLE IF NOT EXISTS s.t (id int);", 'DROP TABLE IF EXISTS "s"."t"', True),
    ("create-table-as", "CREATE TABLE t2 AS SELECT 1 AS x;", 'DROP TABLE IF EXISTS "t2"', False),
    ("create-index", "CREATE INDEX ix ON users (name);", 'DROP INDEX IF EXISTS "ix"', False),
    ("create-index-if-not-exists", "CREATE INDEX IF NOT EXISTS ix ON s.t (a);", 'DROP INDEX IF EXISTS "s"."ix"', True),
    ("create-index-concurrently", "CREATE INDEX CONCURRENTLY ix ON users (name);",
     'DROP INDEX CONCURRENTLY IF EXISTS "ix"', False),
    ("create-index-concurrently-partitioned-parent", "CREATE INDEX CONCURRENTLY ix ON measurements (kind);",
     'DROP INDEX IF EXISTS "ix"', False),
    ("create-view", "CREATE VIEW v AS SELECT 1;", 'DROP VIEW IF EXISTS "v"', False),
    ("create-materialized-view", "CREATE MATERIALIZED VIEW mv AS SELECT 1;",
     'DROP MATERIALIZED VIEW IF EXISTS "mv"', False),
    ("create-sequence", "CREATE SEQUENCE IF NOT EXISTS sq;", 'DROP SEQUENCE IF EXISTS "sq"', True),
    ("create-type-enum", "CREATE TYPE mood AS ENUM ('a', 'b');", 'DROP TYPE IF EXISTS "mood"', False),
    ("create-type-composite", "CREATE TYPE pair AS (a int, b int);", 'DROP TYPE IF EXISTS "pair"', False),
    ("create-domain", "CREATE DOMAIN posint AS int CHECK (VALUE > 0);", 'DROP DOMAIN IF EXISTS "posint"', False),
    ("create-function-defaults-dropped",
     "CREATE FUNCTION s.f(a int, INOUT b text DEFAULT 'x', c int = 3) LANGUAGE sql AS $$ SELECT 'y' $$;",
     'DROP FUNCTION IF EXISTS "s"."f"(a int, INOUT b text, c int)', False),
    ("create-procedure", "CREATE PROCEDURE p(n int) LANGUAGE sql AS $$ SELECT 1 $$;",
     'DROP PROCEDURE IF EXISTS "p"(n int)', False),
    ("create-trigger", "CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION f();",
     'DROP TRIGGER IF EXISTS "trg" ON "users"', False),
    ("create-policy", "CREATE POLICY p ON users USING (true);", 'DROP POLICY IF EXISTS "p" ON "users"', False),
    ("create-rule", "CREATE RULE r AS ON INSERT TO logs DO INSTEAD NOTHING;", 'DROP RULE IF EXISTS "r" ON "logs"', False),
    ("create-schema", "CREATE SCHEMA IF NOT EXISTS app;", 'DROP SCHEMA IF EXISTS "app"', True),
    ("create-extension", "CREATE EXTENSION IF NOT EXISTS pg_trgm;", 'DROP EXTENSION IF EXISTS "pg_trgm"', True),
    ("create-role", "CREATE ROLE reader;", 'DROP ROLE IF EXISTS "reader"', False),
    ("create-publication", "CREATE PUBLICATION pub FOR TABLE users;", 'DROP PUBLICATION IF EXISTS "pub"', False),
    ("add-column", "ALTER TABLE users ADD COLUMN note text;", 'ALTER TABLE "users" DROP COLUMN IF EXISTS "note"', False),
    ("add-column-if-not-exists", "ALTER TABLE ONLY users ADD COLUMN IF NOT EXISTS note text;",
     'ALTER TABLE ONLY "users" DROP COLUMN IF EXISTS "note"', True),
    ("add-columns-reversed", "ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;",
     'ALTER TABLE "users" DROP COLUMN IF EXISTS "b", DROP COLUMN IF EXISTS "a"', False),
    ("add-check-not-valid", "ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0) NOT VALID;",
     'ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "c"', False),
    ("add-foreign-key", "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
     'ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "fk"', False),
    ("add-primary-key-drops-not-null-it-added", "ALTER TABLE logs ADD CONSTRAINT logs_pk PRIMARY KEY (id);",
     'ALTER TABLE "logs" DROP CONSTRAINT IF EXISTS "logs_pk", ALTER COLUMN "id" DROP NOT NULL', False),
    ("add-primary-key-on-not-null-column", "ALTER TABLE orders ADD CONSTRAINT o_pk2 PRIMARY KEY (user_id);",
     'ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "o_pk2"', False),
    ("validate-constraint", "ALTER TABLE users VALIDATE CONSTRAINT c;", "", False),
    ("set-default-back-to-previous", "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'x';",
     """ALTER TABLE "users" ALTER COLUMN "status" SET DEFAULT 'active'""", False),
    ("set-default-where-none", "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'n';",
     'ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT', False),
    ("drop-default-back-to-previous", "ALTER TABLE users ALTER COLUMN age DROP DEFAULT;",
     'ALTER TABLE "users" ALTER COLUMN "age" SET DEFAULT 0', False),
    ("set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
     'ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL', True),
    ("drop-not-null", "ALTER TABLE users ALTER COLUMN age DROP NOT NULL;",
     'ALTER TABLE "users" ALTER COLUMN "age" SET NOT NULL', True),
    ("not-null-in-several-actions-from-the-schema",
     "ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN age SET NOT NULL;",
     'ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL', False),
    ("type-varchar-to-text", "ALTER TABLE logs ALTER COLUMN msg TYPE text;",
     'ALTER TABLE "logs" ALTER COLUMN "msg" TYPE varchar', False),
    ("rename-column", "ALTER TABLE users RENAME COLUMN name TO full_name;",
     'ALTER TABLE "users" RENAME COLUMN "full_name" TO "name"', False),
    ("rename-table", "ALTER TABLE s.orders RENAME TO purchases;",
     'ALTER TABLE "s"."purchases" RENAME TO "orders"', False),
    ("rename-constraint", "ALTER TABLE users RENAME CONSTRAINT a TO b;",
     'ALTER TABLE "users" RENAME CONSTRAINT "b" TO "a"', False),
    ("rename-index", "ALTER INDEX users_email_idx RENAME TO ix2;",
     'ALTER INDEX "ix2" RENAME TO "users_email_idx"', False),
    ("rename-view", "ALTER VIEW IF EXISTS s.v RENAME TO v2;", 'ALTER VIEW IF EXISTS "s"."v2" RENAME TO "v"', False),
    ("rename-schema", "ALTER SCHEMA app RENAME TO app2;", 'ALTER SCHEMA "app2" RENAME TO "app"', False),
    ("rename-enum-value", "ALTER TYPE mood RENAME VALUE 'a' TO 'z';",
     """ALTER TYPE "mood" RENAME VALUE 'z' TO 'a'""", False),
    ("enable-trigger", "ALTER TABLE users ENABLE TRIGGER trg;", 'ALTER TABLE "users" DISABLE TRIGGER "trg"', True),
    ("disable-trigger-user", "ALTER TABLE users DISABLE TRIGGER USER;", 'ALTER TABLE "users" ENABLE TRIGGER USER', True),
    ("grant", "GRANT SELECT, INSERT ON users TO PUBLIC;", "REVOKE SELECT, INSERT ON users FROM PUBLIC", False),
    ("grant-columns-with-grant-option", "GRANT SELECT (id, email) ON TABLE users TO bob WITH GRANT OPTION;",
     "REVOKE SELECT (id, email) ON TABLE users FROM bob", False),
    ("grant-role", "GRANT r1 TO bob;", "REVOKE r1 FROM bob", False),
]

IRREVERSIBLE = [
    ("comment", "COMMENT ON TABLE users IS 'x';", "previous comment"),
    ("enum-add-value", "ALTER TYPE mood ADD VALUE 'c';", "cannot drop an enum value"),
    ("create-or-replace-function",
     "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;", "OR REPLACE"),
    ("create-or-replace-view", "CREATE OR REPLACE VIEW v AS SELECT 1;", "OR REPLACE"),
    ("unnamed-index", "CREATE INDEX ON users (name);", "unnamed"),
    ("unnamed-constraint", "ALTER TABLE users ADD CHECK (age > 0);", "unnamed"),
    ("constraint-using-index", "ALTER TABLE users ADD CONSTRAINT k UNIQUE USING INDEX users_email_idx;",
     "USING INDEX"),
    ("extension-cascade", "CREATE EXTENSION hstore CASCADE;", "CASCADE"),
    ("narrowing-type", "ALTER TABLE users ALTER COLUMN status TYPE varchar(100);", "can fail"),
    ("widening-varchar", "ALTER TABLE logs ALTER COLUMN msg TYPE varchar(200);", "can fail"),
    ("type-using", "ALTER TABLE users ALTER COLUMN age TYPE text USING age::text;", "USING"),
    ("type-of-unknown-table", "ALTER TABLE nowhere ALTER COLUMN c TYPE text;", "previous type"),
    ("default-of-unknown-table", "ALTER TABLE nowhere ALTER COLUMN c SET DEFAULT 1;", "previous default"),
    ("default-of-serial", "ALTER TABLE t ALTER COLUMN id SET DEFAULT 1;", "previous default"),
    ("not-null-of-unknown-table-among-others",
     "ALTER TABLE nowhere ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL;", "NOT NULL before"),
    ("primary-key-of-unknown-table", "ALTER TABLE nowhere ADD CONSTRAINT pk PRIMARY KEY (id);", "NOT NULL before"),
    ("revoke", "REVOKE SELECT ON users FROM bob;", "held before"),
    ("grant-all-in-schema", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO bob;", "held before"),
    ("replica-trigger", "ALTER TABLE users ENABLE REPLICA TRIGGER trg;", "firing mode"),
    ("set-tablespace", "ALTER TABLE users SET TABLESPACE pg_default;", "does not know"),
    ("unknown-statement", "FROBNICATE users;", "does not know"),
    ("drop-owned", "DROP OWNED BY bob;", "does not know"),
]


@pytest.mark.parametrize("sql, undo, has_precheck", [c[1:] for c in REVERSIBLE], ids=[c[0] for c in REVERSIBLE])
def test_statement_carried_as_written_has_its_inverse_as_undo(sql: str, undo: str, has_precheck: bool) -> None:
    schema = tracker()
    if "ALTER COLUMN id SET DEFAULT" in sql:
        schema.follow("CREATE TABLE t (id serial)", parse_sql("CREATE TABLE t (id serial);").statements[0].ast)
    stmt = parse_sql(sql, "m.sql").statements[0]
    inverse = inverse_of(stmt, schema)
    assert inverse.undo.irreversible is None, inverse.undo.irreversible
    assert inverse.undo.sql == undo
    assert (inverse.precheck_sql is not None) == has_precheck


@pytest.mark.parametrize("sql, reason", [c[1:] for c in IRREVERSIBLE], ids=[c[0] for c in IRREVERSIBLE])
def test_statement_without_a_known_inverse_is_irreversible_with_the_reason(sql: str, reason: str) -> None:
    schema = tracker()
    schema.follow("CREATE TABLE t (id serial)", parse_sql("CREATE TABLE t (id serial);").statements[0].ast)
    stmt = parse_sql(sql, "m.sql").statements[0]
    inverse = inverse_of(stmt, schema)
    assert inverse.undo.sql is None
    assert inverse.undo.irreversible is not None and reason in inverse.undo.irreversible, inverse.undo.irreversible


def test_tracker_follows_defaults_types_and_nullability_for_later_undos() -> None:
    schema = tracker()
    for sql in (
        "ALTER TABLE users ALTER COLUMN name SET DEFAULT upper('x'), ALTER COLUMN email SET NOT NULL;",
        "ALTER TABLE users ALTER COLUMN age DROP DEFAULT, ALTER COLUMN age DROP NOT NULL;",
        "ALTER TABLE users ALTER COLUMN status TYPE varchar(20) COLLATE \"C\";",
    ):
        stmt = parse_sql(sql).statements[0]
        schema.follow(stmt.sql, stmt.ast)
    users = schema.tables["public.users"]
    assert users.columns["name"].default_sql == "upper('x')"
    assert users.columns["email"].not_null
    assert users.columns["age"].default_sql is None and not users.columns["age"].not_null
    assert users.columns["status"].type_sql == "varchar(20)"
