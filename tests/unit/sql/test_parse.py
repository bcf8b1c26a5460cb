"""`migrator.sql.parse`: kinds and actions, exact text, unknown statements, procedural bodies."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.sql import nodes
from migrator.sql.parse import classify, parse_sql, parse_statement, parse_tree
from migrator.sql.source import Span
from migrator.sql.split import RawStatement
from migrator.sql.statement import StatementKind as K

CLASSIFY_CASES = [
    ("ALTER TABLE t ADD COLUMN c int", K.ALTER_TABLE, ("ADD COLUMN",)),
    ("ALTER TABLE t DROP COLUMN c", K.ALTER_TABLE, ("DROP COLUMN",)),
    ("ALTER TABLE t ALTER COLUMN c TYPE bigint", K.ALTER_TABLE, ("ALTER COLUMN TYPE",)),
    ("ALTER TABLE t ALTER COLUMN c SET DEFAULT 1", K.ALTER_TABLE, ("SET DEFAULT",)),
    ("ALTER TABLE t ALTER COLUMN c DROP DEFAULT", K.ALTER_TABLE, ("DROP DEFAULT",)),
    ("ALTER TABLE t ALTER COLUMN c SET NOT NULL", K.ALTER_TABLE, ("SET NOT NULL",)),
    ("ALTER TABLE t ALTER COLUMN c DROP NOT NULL", K.ALTER_TABLE, ("DROP NOT NULL",)),
    (
        "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)",
        K.ALTER_TABLE,
        ("ADD CONSTRAINT",),
    ),
    ("ALTER TABLE t DROP CONSTRAINT f", K.ALTER_TABLE, ("DROP CONSTRAINT",)),
    ("ALTER TABLE t VALIDATE CONSTRAINT f", K.ALTER_TABLE, ("VALIDATE CONSTRAINT",)),
    ("ALTER TABLE t RENAME a TO b", K.ALTER_TABLE, ("RENAME COLUMN",)),
    ("ALTER TABLE t RENAME COLUMN a TO b", K.ALTER_TABLE, ("RENAME COLUMN",)),
    ("ALTER TABLE t RENAME CONSTRAINT a TO b", K.ALTER_TABLE, ("RENAME CONSTRAINT",)),
    ("ALTER TABLE t RENAME TO u", K.ALTER_TABLE, ("RENAME TO",)),
    ("ALTER TABLE t SET SCHEMA s", K.ALTER_TABLE, ("SET SCHEMA",)),
    ("ALTER TABLE t ATTACH PARTITION p DEFAULT", K.ALTER_TABLE, ("ATTACH PARTITION",)),
    ("ALTER TABLE t DETACH PARTITION p CONCURRENTLY", K.ALTER_TABLE, ("DETACH PARTITION",)),
    ("ALTER TABLE t SET TABLESPACE x", K.ALTER_TABLE, ("SET TABLESPACE",)),
    ("ALTER TABLE t SET LOGGED", K.ALTER_TABLE, ("SET LOGGED",)),
    ("ALTER TABLE t SET UNLOGGED", K.ALTER_TABLE, ("SET UNLOGGED",)),
    ("ALTER TABLE t ALTER c SET STATISTICS 10", K.ALTER_TABLE, ("SET STATISTICS",)),
    ("ALTER TABLE t SET (fillfactor = 50)", K.ALTER_TABLE, ("SET (storage_parameter)",)),
    ("ALTER TABLE t RESET (fillfactor)", K.ALTER_TABLE, ("RESET (storage_parameter)",)),
    ("ALTER TABLE t DISABLE TRIGGER ALL", K.ALTER_TABLE, ("DISABLE TRIGGER",)),
    ("ALTER TABLE t ENABLE ROW LEVEL SECURITY", K.ALTER_TABLE, ("ENABLE ROW LEVEL SECURITY",)),
    ("ALTER TABLE t OWNER TO r", K.ALTER_TABLE, ("OWNER TO",)),
    ("ALTER TABLE t REPLICA IDENTITY FULL", K.ALTER_TABLE, ("REPLICA IDENTITY",)),
    ("ALTER TABLE t CLUSTER ON i", K.ALTER_TABLE, ("CLUSTER ON",)),
    (
        "ALTER TABLE t ALTER c ADD GENERATED ALWAYS AS IDENTITY",
        K.ALTER_TABLE,
        ("ADD GENERATED AS IDENTITY",),
    ),
    ("ALTER TABLE t ALTER c DROP EXPRESSION", K.ALTER_TABLE, ("DROP EXPRESSION",)),
    (
        "ALTER TABLE t ADD COLUMN a int, ALTER COLUMN b SET NOT NULL, DROP COLUMN c",
        K.ALTER_TABLE,
        ("ADD COLUMN", "SET NOT NULL", "DROP COLUMN"),
    ),
    ("ALTER TYPE e ADD VALUE 'x'", K.ALTER_TYPE, ("ADD VALUE",)),
    ("ALTER TYPE e RENAME VALUE 'x' TO 'y'", K.ALTER_TYPE, ("RENAME VALUE",)),
    ("ALTER INDEX i RENAME TO j", K.ALTER_INDEX, ("RENAME TO",)),
    ("ALTER SEQUENCE s OWNED BY t.id", K.ALTER_SEQUENCE, ("OWNED BY",)),
    ("ALTER DOMAIN d VALIDATE CONSTRAINT c", K.ALTER_DOMAIN, ("VALIDATE CONSTRAINT",)),
    ("CREATE INDEX CONCURRENTLY i ON t (a)", K.CREATE_INDEX, ()),
    ("CREATE TABLE t (a int)", K.CREATE_TABLE, ()),
    ("CREATE TABLE t AS SELECT 1", K.CREATE_TABLE_AS, ()),
    ("CREATE MATERIALIZED VIEW v AS SELECT 1", K.CREATE_MATERIALIZED_VIEW, ()),
    ("DROP MATERIALIZED VIEW v", K.DROP_MATERIALIZED_VIEW, ()),
    ("DROP INDEX a, b", K.DROP_INDEX, ()),
    ("REINDEX INDEX CONCURRENTLY i", K.REINDEX, ()),
    ("VACUUM FULL t", K.VACUUM, ()),
    ("CLUSTER t", K.CLUSTER, ()),
    ("LOCK TABLE t", K.LOCK, ()),
    ("REFRESH MATERIALIZED VIEW v", K.REFRESH_MATERIALIZED_VIEW, ()),
    ("TRUNCATE t", K.TRUNCATE, ()),
    ("START TRANSACTION", K.BEGIN, ()),
    ("END", K.COMMIT, ()),
    ("ROLLBACK TO SAVEPOINT a", K.ROLLBACK_TO_SAVEPOINT, ()),
    ("SET LOCAL lock_timeout = '1s'", K.SET, ()),
    ("RESET lock_timeout", K.RESET, ()),
    ("UPDATE t SET a = 1", K.UPDATE, ()),
    ("CREATE POLICY p ON t USING (true)", K.CREATE_POLICY, ()),
    ("DROP POLICY p ON t", K.DROP_POLICY, ()),
    ("GRANT SELECT ON t TO r", K.GRANT, ()),
    ("COMMENT ON TABLE t IS 'x'", K.COMMENT, ()),
    ("CREATE EXTENSION pgcrypto", K.CREATE_EXTENSION, ()),
    ("DO $$ BEGIN END $$", K.DO, ()),
    ("CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$", K.CREATE_PROCEDURE, ()),
    ("ALTER ROLE r SET x = 1", K.ALTER_ROLE, ("SET",)),
    ("CREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f", K.UNKNOWN, ()),
    ("CREATE TABLE t (id INT AUTO_INCREMENT)", K.UNKNOWN, ()),
]


@pytest.mark.parametrize("sql, kind, actions", CLASSIFY_CASES, ids=[c[0] for c in CLASSIFY_CASES])
def test_classify_gives_reference_kind_and_actions(
    sql: str, kind: K, actions: tuple[str, ...]
) -> None:
    assert classify(sql) == (kind, actions)


def test_statement_text_is_the_exact_source_text() -> None:
    sql = "ALTER TABLE users\n  ALTER COLUMN created_at SET DEFAULT now() ;\nCREATE TABLE t (id serial);\n"
    migration = parse_sql(sql)
    first, second = migration.statements
    assert first.sql == sql[first.span.start : first.span.end]
    assert "now()" in first.sql and "CURRENT_TIMESTAMP" not in first.sql
    assert second.sql == "CREATE TABLE t (id serial)"
    assert (second.index, second.span.line) == (1, 3)


@pytest.mark.parametrize(
    "sql, reason",
    [
        ("CREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f", "opaque command"),
        ("ALTER TABLE t ADD COLUMN", "opaque command"),
        ("CREATE TABLE (", "parse error"),
        ("CREATE TABLE t (id INT UNSIGNED)", "not PostgreSQL"),
        ("CREATE TABLE t (a int) ENGINE=InnoDB", "not PostgreSQL"),
    ],
    ids=["command", "truncated", "broken", "unsigned", "engine"],
)
def test_unparsed_statement_is_unknown_with_a_note(sql: str, reason: str) -> None:
    (statement,) = parse_sql(sql).statements
    assert statement.kind is K.UNKNOWN
    assert statement.ast is None
    assert any(reason in note for note in statement.notes), statement.notes


def test_sqlglot_warnings_become_notes_not_terminal_output(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        (statement,) = parse_sql("CREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f").statements
    assert any("unsupported syntax" in note for note in statement.notes)
    assert not [r for r in caplog.records if r.name == "sqlglot"]


def test_transaction_flags_come_from_the_splitter() -> None:
    statements = parse_sql("BEGIN;\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;\nVACUUM t;").statements
    assert [s.kind for s in statements] == [K.BEGIN, K.ALTER_TABLE, K.COMMIT, K.VACUUM]
    assert [s.explicit_transaction for s in statements] == [False, True, True, False]


def test_assume_in_transaction() -> None:
    (statement,) = parse_sql(
        "ALTER TABLE t ADD COLUMN c int", assume_in_transaction=True
    ).statements
    assert statement.in_transaction


DO_BLOCK = """SELECT 1;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('happy');
  END IF;
  EXECUTE 'ALTER TABLE users ADD COLUMN mood mood';
  UPDATE users SET mood = 'happy';
  PERFORM pg_sleep(0);
END
$$;
"""


def test_do_block_body_statements_with_file_spans() -> None:
    _select, do = parse_sql(DO_BLOCK).statements
    assert do.kind is K.DO
    found = [(s.kind, s.actions) for s in do.body_statements]
    assert found == [(K.CREATE_TYPE, ()), (K.ALTER_TABLE, ("ADD COLUMN",)), (K.UPDATE, ())]
    create, alter, update = do.body_statements
    assert DO_BLOCK[create.span.start : create.span.end] == "CREATE TYPE mood AS ENUM ('happy')"
    assert (create.span.line, create.span.col) == (5, 5)
    assert DO_BLOCK[alter.span.start : alter.span.end] == "ALTER TABLE users ADD COLUMN mood mood"
    assert (alter.span.line, alter.span.col) == (7, 12)
    assert (update.span.line, update.span.col) == (8, 3)


FUNCTION = """CREATE OR REPLACE FUNCTION trg() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  NEW.updated_at := now();
  INSERT INTO audit (id) VALUES (NEW.id);
  RETURN NEW;
END;
$fn$;
"""


def test_function_body_statements_and_flags() -> None:
    (function,) = parse_sql(FUNCTION).statements
    assert function.kind is K.CREATE_FUNCTION
    assert isinstance(function.ast, nodes.CreateFunction)
    assert function.ast.args["security_definer"] is True
    assert function.ast.args["language"].name == "plpgsql"
    (insert,) = function.body_statements
    assert insert.kind is K.INSERT
    assert insert.span.line == 5
    assert FUNCTION[insert.span.start : insert.span.end] == "INSERT INTO audit (id) VALUES (NEW.id)"


def test_function_in_other_language_is_not_searched() -> None:
    (function,) = parse_sql(
        "CREATE FUNCTION f() RETURNS int LANGUAGE plv8 AS $$ return 1 $$"
    ).statements
    assert function.kind is K.CREATE_FUNCTION
    assert function.body_statements == ()
    assert any("plv8" in note for note in function.notes)


def test_parse_statement_uses_raw_statement() -> None:
    raw = RawStatement(
        text="ALTER TABLE t RENAME a TO b",
        span=Span("m.sql", 10, 37, 2, 1, 2, 28),
        in_transaction=True,
        explicit_transaction=True,
    )
    statement = parse_statement(raw, 3)
    assert (statement.index, statement.kind, statement.actions) == (
        3,
        K.ALTER_TABLE,
        ("RENAME COLUMN",),
    )
    assert statement.in_transaction and statement.explicit_transaction
    assert statement.span == raw.span


@pytest.mark.parametrize(
    "text",
    ["\x00\x01garbage", "ALTER", "CREATE TABLE (", "$$", "'unterminated", "SELECT ((((", ")"],
    ids=["bytes", "alter-alone", "open-paren", "dollar", "quote", "parens", "close-paren"],
)
def test_garbage_never_raises(text: str) -> None:
    tree, notes = parse_tree(text)
    assert tree is None or notes is not None


DYNAMIC = """DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS tenant_id bigint', r.tablename);
    EXECUTE 'GRANT SELECT ON ' || quote_ident(r.tablename) || ' TO reader';
  END LOOP;
END $$;
"""


def test_dynamic_sql_in_do_block_is_seen() -> None:
    (do,) = parse_sql(DYNAMIC).statements
    alter, grant = do.body_statements
    assert (alter.kind, alter.actions) == (K.ALTER_TABLE, ("ADD COLUMN",))
    assert alter.sql == "ALTER TABLE %I ADD COLUMN IF NOT EXISTS tenant_id bigint"
    assert any("dynamic SQL" in note for note in alter.notes)
    assert alter.span.line == 5
    # A statement assembled by concatenation cannot be read: unknown, never skipped.
    assert grant.kind is K.UNKNOWN and grant.notes


def test_sql_standard_function_body_is_one_statement_with_body_statements() -> None:
    sql = "CREATE FUNCTION g() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  UPDATE t SET a = 3;\n  SELECT 1;\nEND;\n"
    (function,) = parse_sql(sql).statements
    assert function.kind is K.CREATE_FUNCTION
    (update,) = function.body_statements
    assert update.kind is K.UPDATE
    assert (update.span.line, update.span.col) == (3, 3)


def test_plpgsql_control_flow_branches_are_all_searched() -> None:
    sql = "DO $$ BEGIN IF x THEN UPDATE t SET a = 1; ELSE DELETE FROM t; END IF; END $$;"
    (do,) = parse_sql(sql).statements
    assert [s.kind for s in do.body_statements] == [K.UPDATE, K.DELETE]


def test_compiled_sqlglot_is_refused_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from migrator.errors import MigratorError
    from migrator.sql import parse as parse_module

    monkeypatch.setattr(parse_module, "sqlglot_is_compiled", lambda: True)
    with pytest.raises(MigratorError, match="sqlglotc"):
        parse_sql("SELECT 1")


def test_comment_only_statement_explains_itself() -> None:
    tree, notes = parse_tree("-- migrator: revision cannot be rendered offline")
    assert tree is None
    assert notes[-1] == "no SQL statement: migrator: revision cannot be rendered offline"


SQL_PIECES = [
    "ALTER TABLE t ",
    "ADD COLUMN c int",
    "RENAME a TO b",
    "CREATE INDEX ON ONLY t (a)",
    "DO $$ BEGIN ",
    "EXECUTE 'ALTER TABLE x ",
    "$$",
    "'",
    '"',
    "(",
    ")",
    ";",
    "BEGIN ATOMIC ",
    "END",
    " NOT VALID",
    "CREATE FUNCTION f() RETURNS int AS ",
    "%I",
    "\n",
    "-- c\n",
    "/* x */",
]


@given(st.lists(st.sampled_from(SQL_PIECES), max_size=12))
@settings(max_examples=150, deadline=None)
def test_any_mix_of_sql_pieces_parses_without_raising(pieces: list[str]) -> None:
    migration = parse_sql("".join(pieces))
    for statement in migration.statements:
        if statement.kind is K.UNKNOWN:
            assert statement.ast is None
            assert statement.notes, "an unknown statement must say why"
        else:
            assert statement.ast is not None


def test_comments_before_a_statement_are_carried() -> None:
    sql = "-- adds the flag\nALTER TABLE t ADD COLUMN f bool; -- trailing\n/* next */\nSELECT 1;"
    first, second = parse_sql(sql).statements
    assert first.comments == ((1, "-- adds the flag"), (2, "-- trailing"))
    assert second.comments == ((3, "/* next */"),)


def test_statement_without_comments_has_none() -> None:
    (statement,) = parse_sql("SELECT 1").statements
    assert statement.comments == ()


def test_revision_that_cannot_render_is_one_unknown_statement_with_the_reason() -> None:
    from migrator.alembic.render import RevisionNotRenderable, not_renderable_source
    from migrator.sql.parse import parse_source

    reason = "upgrade() calls op.get_bind(), which needs a database"
    source = not_renderable_source(RevisionNotRenderable("versions/0007_x.py", 12, reason))
    (statement,) = parse_source(source).statements
    assert statement.kind is K.UNKNOWN
    assert statement.notes == (reason,)
    assert statement.span.line == 12


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("DROP OWNED BY r", "DROP OWNED drops every object"),
        ("REASSIGN OWNED BY a TO b", "REASSIGN OWNED"),
        ("PREPARE TRANSACTION 'x'", "two-phase commit"),
        ("COMMIT PREPARED 'x'", "two-phase commit"),
    ],
    ids=["drop-owned", "reassign-owned", "prepare-transaction", "commit-prepared"],
)
def test_recognised_but_unanalysed_forms_say_what_they_are(sql: str, words: str) -> None:
    (statement,) = parse_sql(sql).statements
    assert statement.kind is K.UNKNOWN
    assert words in statement.notes[-1]


@pytest.mark.parametrize(
    ("sql", "kind", "actions"),
    [
        ("CREATE ROLE anon NOLOGIN NOINHERIT", K.CREATE_ROLE, ()),
        ("CREATE USER u WITH PASSWORD 'x'", K.CREATE_ROLE, ()),
        ("ALTER ROLE authenticator SET statement_timeout = '8s'", K.ALTER_ROLE, ("SET",)),
        ("ALTER USER u WITH PASSWORD 'x'", K.ALTER_ROLE, ("OPTIONS",)),
        ("DROP ROLE IF EXISTS a, b", K.DROP_ROLE, ()),
        ("ALTER DATABASE postgres SET \"app.jwt_secret\" TO 'x'", K.ALTER_DATABASE, ("SET",)),
        ("CREATE PUBLICATION supabase_realtime", K.CREATE_PUBLICATION, ()),
        ("ALTER PUBLICATION supabase_realtime ADD TABLE t", K.ALTER_PUBLICATION, ("ADD TABLE",)),
        ("DROP PUBLICATION IF EXISTS supabase_realtime", K.DROP_PUBLICATION, ()),
        ("CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING", K.CREATE_RULE, ()),
        (
            "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION f()",
            K.CREATE_EVENT_TRIGGER,
            (),
        ),
        ("CREATE RECURSIVE VIEW v (n) AS SELECT 1", K.CREATE_VIEW, ()),
        ("CREATE TYPE r AS RANGE (subtype = int4)", K.CREATE_TYPE, ()),
        ("CREATE TEMP TABLE x AS SELECT 1", K.CREATE_TABLE_AS, ()),
        ("CREATE USER MAPPING FOR u SERVER s", K.CREATE_USER_MAPPING, ()),
        ("CREATE FOREIGN TABLE ft (a int) SERVER s", K.CREATE_FOREIGN_TABLE, ()),
        ("ALTER FOREIGN TABLE ft ADD COLUMN b int", K.ALTER_FOREIGN_TABLE, ("ADD COLUMN",)),
        ("NOTIFY pgrst, 'reload schema'", K.NOTIFY, ()),
        ("SECURITY LABEL FOR pgsodium ON COLUMN t.c IS 'x'", K.SECURITY_LABEL, ()),
        ("CREATE CAST (int AS text) WITH FUNCTION f(int)", K.CREATE_CAST, ()),
        ("CREATE DATABASE reporting", K.CREATE_DATABASE, ()),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_object_level_statements_are_classified(
    sql: str, kind: K, actions: tuple[str, ...]
) -> None:
    (statement,) = parse_sql(sql).statements
    assert (statement.kind, statement.actions) == (kind, actions)


def test_publication_lists_its_tables() -> None:
    (statement,) = parse_sql(
        "CREATE PUBLICATION p FOR TABLE ONLY a (x) WHERE (x > 1), s.b"
    ).statements
    assert isinstance(statement.ast, nodes.GenericStatement)
    assert [t.sql() for t in statement.ast.args["tables"]] == ["a", "s.b"]


def test_rule_knows_its_table_and_event() -> None:
    (statement,) = parse_sql("CREATE RULE r AS ON UPDATE TO s.t DO INSTEAD NOTHING").statements
    assert isinstance(statement.ast, nodes.CreateRule)
    assert statement.ast.args["table"].sql() == "s.t"
    assert (statement.ast.args["event"], statement.ast.args["instead"]) == ("UPDATE", True)


def test_psql_variable_is_structured_with_a_note() -> None:
    (statement,) = parse_sql('CREATE SCHEMA :"app_schema"').statements
    assert statement.kind is K.CREATE_SCHEMA
    assert any(':"app_schema"' in note and "psql" in note for note in statement.notes)


def test_array_slice_is_not_a_psql_variable() -> None:
    (statement,) = parse_sql("SELECT a::text, b[1:2] FROM t").statements
    assert statement.notes == ()


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("ALTER SYSTEM SET wal_level = logical", K.ALTER_SYSTEM),
        ("DISCARD ALL", K.DISCARD),
        ("CHECKPOINT", K.CHECKPOINT),
        (
            "CREATE OPERATOR CLASS c FOR TYPE text USING gin AS STORAGE int4",
            K.CREATE_OPERATOR_CLASS,
        ),
    ],
    ids=["alter-system", "discard", "checkpoint", "operator-class"],
)
def test_session_and_server_commands_are_classified(sql: str, kind: K) -> None:
    (statement,) = parse_sql(sql).statements
    assert statement.kind is kind


def test_execute_with_parenthesised_string_is_searched() -> None:
    sql = (
        "DO $$ BEGIN\n"
        "EXECUTE ('ALTER TABLE ev RENAME TO old_ev');\n"
        "EXECUTE('DROP TABLE old_ev CASCADE');\n"
        "EXECUTE (format('ALTER TABLE %1$I ADD COLUMN b int', t));\n"
        "END $$;"
    )
    (do,) = parse_sql(sql).statements
    kinds = [(s.kind, s.actions, s.span.line) for s in do.body_statements]
    assert kinds == [
        (K.ALTER_TABLE, ("RENAME TO",), 2),
        (K.DROP_TABLE, (), 3),
        (K.ALTER_TABLE, ("ADD COLUMN",), 4),
    ]


def test_format_percent_s_is_a_run_time_name() -> None:
    (do,) = parse_sql(
        "DO $$ BEGIN EXECUTE format('CREATE TABLE %s (a int)', n); END $$;"
    ).statements
    (create,) = do.body_statements
    assert create.kind is K.CREATE_TABLE
    assert any("dynamic SQL" in note for note in create.notes)


@pytest.mark.parametrize(
    "sql, kind",
    [
        ("UPDATE t SET a = DEFAULT", K.UPDATE),
        ("UPDATE t SET (a, b) = (DEFAULT, 2)", K.UPDATE),
        ("INSERT INTO t (a, b) VALUES (DEFAULT, 1)", K.INSERT),
        ("SELECT default FROM t", K.UNKNOWN),
        ("CREATE TABLE default (a int)", K.UNKNOWN),
    ],
    ids=["update-set-default", "update-row-default", "insert-values-default", "select-bare-default",
         "table-named-default"],
)
def test_default_is_a_value_only_where_postgresql_accepts_it(sql: str, kind: K) -> None:
    assert parse_sql(sql).statements[0].kind is kind
