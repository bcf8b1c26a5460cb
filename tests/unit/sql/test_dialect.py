"""Identity lines for `MigratorPostgres`: each statement form we depend on is a structured tree.

`identity(sql, node, **args)` asserts the statement parses to a tree whose main node (the first
action of an ALTER, else the statement itself) has type `node` and the given arguments; with
`roundtrip=True` our generator must also give the input back exactly. `still_command(sql)` pins
a form we leave opaque on purpose. `misread(...)` lines pin the fixes of plain sqlglot's silent
misreads, and `rejected(...)` lines the syntax PostgreSQL rejects.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlglot
from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.errors import ParseError

from migrator.sql import nodes
from migrator.sql.dialect import MigratorPostgres, postgres_rejects


@dataclass(frozen=True)
class Identity:
    sql: str
    node: type[exp.Expr]
    args: dict[str, Any] = field(default_factory=dict)
    roundtrip: bool = False
    statement: type[exp.Expr] | None = None


def identity(
    sql: str,
    node: type[exp.Expr],
    roundtrip: bool = False,
    statement: type[exp.Expr] | None = None,
    **args: Any,
) -> Identity:
    return Identity(sql, node, args, roundtrip, statement)


def parse(sql: str) -> exp.Expr:
    return sqlglot.parse_one(sql, read=MigratorPostgres)


def main_node(tree: exp.Expr) -> exp.Expr:
    if isinstance(tree, exp.Alter):
        actions = tree.args.get("actions") or []
        assert actions, "ALTER without actions"
        return actions[0]
    return tree


def arg_value(node: exp.Expr, name: str) -> Any:
    value = node.args.get(name)
    if isinstance(value, exp.Expr):
        return value.name if value.name else value.sql(dialect=MigratorPostgres)
    return value


IDENTITIES = [
    # ---- ALTER TABLE: constraints
    identity(
        "ALTER TABLE t VALIDATE CONSTRAINT c", nodes.ValidateConstraint, roundtrip=True, this="c"
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i",
        nodes.AddConstraintUsingIndex,
        roundtrip=True,
        kind="UNIQUE",
        index="i",
        this="u",
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY USING INDEX i",
        nodes.AddConstraintUsingIndex,
        roundtrip=True,
        kind="PRIMARY KEY",
        index="i",
    ),
    identity(
        "ALTER TABLE t ADD PRIMARY KEY USING INDEX i",
        nodes.AddConstraintUsingIndex,
        roundtrip=True,
        kind="PRIMARY KEY",
        this=None,
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i DEFERRABLE INITIALLY DEFERRED",
        nodes.AddConstraintUsingIndex,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID",
        exp.AddConstraint,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT VALID", exp.AddConstraint, roundtrip=True
    ),
    identity("ALTER TABLE t ADD CONSTRAINT ex EXCLUDE USING gist (r WITH &&)", exp.AddConstraint),
    identity(
        "ALTER TABLE t ADD CONSTRAINT nn NOT NULL c",
        nodes.AddNotNullConstraint,
        roundtrip=True,
        this="nn",
        column="c",
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT nn NOT NULL c NOT VALID",
        nodes.AddNotNullConstraint,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT ENFORCED",
        exp.AddConstraint,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t DROP CONSTRAINT IF EXISTS c",
        exp.Drop,
        roundtrip=True,
        kind="CONSTRAINT",
        exists=True,
    ),
    identity(
        "ALTER TABLE t RENAME CONSTRAINT a TO b",
        nodes.RenameConstraint,
        roundtrip=True,
        this="a",
        to="b",
    ),
    # ---- ALTER TABLE: partitions
    identity(
        "ALTER TABLE t ATTACH PARTITION p FOR VALUES FROM (1) TO (10)",
        nodes.AttachPartition,
        roundtrip=True,
        this="p",
    ),
    identity(
        "ALTER TABLE t ATTACH PARTITION p FOR VALUES IN ('a', 'b')",
        nodes.AttachPartition,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t ATTACH PARTITION p FOR VALUES WITH (MODULUS 4, REMAINDER 0)",
        nodes.AttachPartition,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t ATTACH PARTITION p DEFAULT",
        nodes.AttachPartition,
        roundtrip=True,
        default=True,
    ),
    identity(
        "ALTER TABLE t DETACH PARTITION p",
        nodes.DetachPartition,
        roundtrip=True,
        concurrently=False,
    ),
    identity(
        "ALTER TABLE t DETACH PARTITION p CONCURRENTLY",
        nodes.DetachPartition,
        roundtrip=True,
        concurrently=True,
    ),
    identity(
        "ALTER TABLE t DETACH PARTITION p FINALIZE",
        nodes.DetachPartition,
        roundtrip=True,
        finalize=True,
    ),
    # ---- ALTER TABLE: storage and table options
    identity("ALTER TABLE t SET TABLESPACE ts", exp.AlterSet, roundtrip=True, tablespace="ts"),
    identity("ALTER TABLE t SET LOGGED", exp.AlterSet, roundtrip=True, option="LOGGED"),
    identity("ALTER TABLE t SET UNLOGGED", exp.AlterSet, roundtrip=True, option="UNLOGGED"),
    identity("ALTER TABLE t SET (fillfactor = 70)", exp.AlterSet, roundtrip=True),
    identity(
        "ALTER TABLE t RESET (fillfactor, autovacuum_enabled)",
        nodes.ResetStorageParameters,
        roundtrip=True,
    ),
    identity(
        "ALTER TABLE t SET WITHOUT CLUSTER", exp.AlterSet, roundtrip=True, option="WITHOUT CLUSTER"
    ),
    identity("ALTER TABLE t SET SCHEMA s", nodes.SetSchema, roundtrip=True, this="s"),
    identity("ALTER TABLE t OWNER TO bob", nodes.OwnerTo, roundtrip=True, this="bob"),
    identity("ALTER TABLE t CLUSTER ON i", nodes.ClusterOn, roundtrip=True, this="i"),
    identity("ALTER TABLE t INHERIT p", nodes.Inherit, roundtrip=True, no=False),
    identity("ALTER TABLE t NO INHERIT p", nodes.Inherit, roundtrip=True, no=True),
    identity(
        "ALTER TABLE t REPLICA IDENTITY FULL", nodes.ReplicaIdentity, roundtrip=True, this="FULL"
    ),
    identity(
        "ALTER TABLE t REPLICA IDENTITY USING INDEX i",
        nodes.ReplicaIdentity,
        roundtrip=True,
        this="USING INDEX",
        index="i",
    ),
    # ---- ALTER TABLE: triggers and row level security
    identity(
        "ALTER TABLE t ENABLE TRIGGER tr",
        nodes.ToggleTrigger,
        roundtrip=True,
        enable=True,
        mode=None,
    ),
    identity(
        "ALTER TABLE t DISABLE TRIGGER ALL",
        nodes.ToggleTrigger,
        roundtrip=True,
        enable=False,
        this="ALL",
    ),
    identity(
        "ALTER TABLE t DISABLE TRIGGER USER", nodes.ToggleTrigger, roundtrip=True, this="USER"
    ),
    identity(
        "ALTER TABLE t ENABLE ALWAYS TRIGGER tr", nodes.ToggleTrigger, roundtrip=True, mode="ALWAYS"
    ),
    identity(
        "ALTER TABLE t ENABLE REPLICA TRIGGER tr",
        nodes.ToggleTrigger,
        roundtrip=True,
        mode="REPLICA",
    ),
    identity(
        "ALTER TABLE t ENABLE ROW LEVEL SECURITY",
        nodes.RowLevelSecurity,
        roundtrip=True,
        this="ENABLE",
    ),
    identity(
        "ALTER TABLE t DISABLE ROW LEVEL SECURITY",
        nodes.RowLevelSecurity,
        roundtrip=True,
        this="DISABLE",
    ),
    identity(
        "ALTER TABLE t FORCE ROW LEVEL SECURITY",
        nodes.RowLevelSecurity,
        roundtrip=True,
        this="FORCE",
    ),
    identity(
        "ALTER TABLE t NO FORCE ROW LEVEL SECURITY",
        nodes.RowLevelSecurity,
        roundtrip=True,
        this="NO FORCE",
    ),
    # ---- ALTER TABLE: columns
    identity("ALTER TABLE t ADD COLUMN c INT DEFAULT 0 NOT NULL", exp.ColumnDef, roundtrip=True),
    identity(
        "ALTER TABLE t DROP COLUMN c CASCADE", exp.Drop, roundtrip=True, kind="COLUMN", cascade=True
    ),
    identity("ALTER TABLE t ALTER COLUMN c SET DEFAULT 0", exp.AlterColumn, roundtrip=True),
    identity(
        "ALTER TABLE t ALTER COLUMN c DROP DEFAULT", exp.AlterColumn, roundtrip=True, drop=True
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET NOT NULL",
        exp.AlterColumn,
        roundtrip=True,
        allow_null=False,
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c DROP NOT NULL",
        exp.AlterColumn,
        roundtrip=True,
        allow_null=True,
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c TYPE bigint USING c::bigint", exp.AlterColumn, dtype="BIGINT"
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET STATISTICS 100",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="SET STATISTICS",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET STORAGE EXTERNAL",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="SET STORAGE",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET COMPRESSION lz4",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="SET COMPRESSION",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c DROP EXPRESSION",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="DROP EXPRESSION",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c ADD GENERATED ALWAYS AS IDENTITY",
        nodes.AlterColumnOption,
        roundtrip=True,
        generated="ALWAYS",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c ADD GENERATED BY DEFAULT AS IDENTITY",
        nodes.AlterColumnOption,
        roundtrip=True,
        generated="BY DEFAULT",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET GENERATED BY DEFAULT",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="SET GENERATED",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c DROP IDENTITY IF EXISTS",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="DROP IDENTITY",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c RESTART WITH 100",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="SET IDENTITY OPTIONS",
    ),
    identity(
        "ALTER TABLE t RENAME COLUMN a TO b", exp.RenameColumn, roundtrip=True, this="a", to="b"
    ),
    identity("ALTER TABLE t RENAME TO u", exp.AlterRename, roundtrip=True, this="u"),
    identity(
        "ALTER TABLE t ALTER CONSTRAINT fk DEFERRABLE INITIALLY DEFERRED",
        nodes.AlterConstraint,
        roundtrip=True,
        this="fk",
    ),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a + 1)",
        nodes.AlterColumnOption,
        roundtrip=True,
        action="SET EXPRESSION",
    ),
    identity("ALTER TABLE t ADD CHECK (a > 0)", exp.AddConstraint, roundtrip=True),
    identity(
        "ALTER TABLE t ALTER COLUMN c SET (n_distinct = 100)",
        nodes.AlterColumnOption,
        action="SET (attribute_option)",
    ),
    # ---- maintenance
    identity("REINDEX INDEX i", nodes.Reindex, roundtrip=True, kind="INDEX", concurrently=False),
    identity("REINDEX INDEX CONCURRENTLY i", nodes.Reindex, roundtrip=True, concurrently=True),
    identity("REINDEX (VERBOSE) TABLE t", nodes.Reindex, roundtrip=True, kind="TABLE"),
    identity(
        "REINDEX TABLE CONCURRENTLY public.t",
        nodes.Reindex,
        roundtrip=True,
        kind="TABLE",
        concurrently=True,
    ),
    identity("REINDEX SCHEMA s", nodes.Reindex, roundtrip=True, kind="SCHEMA"),
    identity("REINDEX (CONCURRENTLY) TABLE t", nodes.Reindex, kind="TABLE", concurrently=True),
    identity("REINDEX (CONCURRENTLY false) TABLE t", nodes.Reindex, concurrently=False),
    identity("REINDEX DATABASE d", nodes.Reindex, roundtrip=True, kind="DATABASE"),
    identity("REINDEX SYSTEM", nodes.Reindex, roundtrip=True, kind="SYSTEM"),
    identity("VACUUM", nodes.Vacuum, roundtrip=True, full=False),
    identity("VACUUM FULL t", nodes.Vacuum, roundtrip=True, full=True),
    identity("VACUUM FULL ANALYZE t, u", nodes.Vacuum, roundtrip=True, full=True),
    identity("VACUUM (FULL, ANALYZE) t", nodes.Vacuum, full=True),
    identity("VACUUM (FULL false) t", nodes.Vacuum, full=False),
    identity("VACUUM ANALYZE t", nodes.Vacuum, roundtrip=True, full=False),
    identity("ANALYZE", nodes.AnalyzeTables, roundtrip=True),
    identity("ANALYZE t", nodes.AnalyzeTables, roundtrip=True),
    identity("ANALYZE VERBOSE t", nodes.AnalyzeTables, roundtrip=True),
    identity("CLUSTER", nodes.ClusterTable, roundtrip=True, this=None),
    identity("CLUSTER t", nodes.ClusterTable, roundtrip=True, this="t", index=None),
    identity("CLUSTER t USING i", nodes.ClusterTable, roundtrip=True, this="t", index="i"),
    identity("CLUSTER VERBOSE t USING i", nodes.ClusterTable, roundtrip=True, verbose=True),
    identity(
        "REFRESH MATERIALIZED VIEW mv",
        nodes.RefreshMaterializedView,
        roundtrip=True,
        concurrently=False,
    ),
    identity(
        "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
        nodes.RefreshMaterializedView,
        roundtrip=True,
        concurrently=True,
    ),
    identity(
        "REFRESH MATERIALIZED VIEW mv WITH NO DATA",
        nodes.RefreshMaterializedView,
        roundtrip=True,
        no_data=True,
    ),
    identity(
        "LOCK TABLE t IN ACCESS EXCLUSIVE MODE",
        nodes.LockTable,
        roundtrip=True,
        mode="ACCESS EXCLUSIVE",
    ),
    identity("LOCK t", nodes.LockTable, mode="ACCESS EXCLUSIVE"),
    identity(
        "LOCK TABLE t, u IN SHARE ROW EXCLUSIVE MODE NOWAIT",
        nodes.LockTable,
        roundtrip=True,
        mode="SHARE ROW EXCLUSIVE",
        nowait=True,
    ),
    identity("LOCK TABLE ONLY t IN SHARE MODE", nodes.LockTable, roundtrip=True, mode="SHARE"),
    # ---- types, domains, sequences
    identity("ALTER TYPE e ADD VALUE 'x'", nodes.AlterTypeAddValue, roundtrip=True, this="x"),
    identity(
        "ALTER TYPE e ADD VALUE IF NOT EXISTS 'x' BEFORE 'y'",
        nodes.AlterTypeAddValue,
        roundtrip=True,
        exists=True,
        before="y",
    ),
    identity(
        "ALTER TYPE e ADD VALUE 'x' AFTER 'y'", nodes.AlterTypeAddValue, roundtrip=True, after="y"
    ),
    identity(
        "ALTER TYPE e RENAME VALUE 'x' TO 'y'",
        nodes.AlterTypeRenameValue,
        roundtrip=True,
        this="x",
        to="y",
    ),
    identity("ALTER TYPE e RENAME TO f", exp.AlterRename, roundtrip=True),
    identity(
        "ALTER TYPE e ADD ATTRIBUTE a INT",
        nodes.AlterTypeAttribute,
        roundtrip=True,
        action="ADD ATTRIBUTE",
    ),
    identity("ALTER TYPE e OWNER TO bob", nodes.OwnerTo, roundtrip=True),
    identity("ALTER TYPE e SET SCHEMA s", nodes.SetSchema, roundtrip=True),
    identity(
        "ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID",
        nodes.AlterDomainConstraint,
        roundtrip=True,
        not_valid=True,
    ),
    identity("ALTER DOMAIN d VALIDATE CONSTRAINT c", nodes.ValidateConstraint, roundtrip=True),
    identity("ALTER DOMAIN d DROP CONSTRAINT c", nodes.DropConstraint, roundtrip=True),
    identity("ALTER DOMAIN d SET DEFAULT 0", nodes.AlterDomainDefault, roundtrip=True),
    identity("ALTER DOMAIN d SET NOT NULL", nodes.AlterDomainNotNull, roundtrip=True, drop=False),
    identity("ALTER DOMAIN d DROP NOT NULL", nodes.AlterDomainNotNull, roundtrip=True, drop=True),
    identity("CREATE DOMAIN d AS INT CHECK (VALUE > 0)", nodes.CreateDomain, roundtrip=True),
    identity("CREATE TYPE e AS ENUM ('a', 'b')", exp.Create, roundtrip=True, kind="TYPE"),
    identity("ALTER SEQUENCE s OWNED BY t.id", nodes.SequenceOptions, roundtrip=True),
    identity("ALTER SEQUENCE s RESTART WITH 100", nodes.SequenceOptions, roundtrip=True),
    identity("ALTER SEQUENCE s INCREMENT BY 2 NO CYCLE", nodes.SequenceOptions, roundtrip=True),
    identity("ALTER SEQUENCE s RENAME TO s2", exp.AlterRename, roundtrip=True),
    # ---- indexes
    identity("ALTER INDEX i RENAME TO j", exp.AlterRename, roundtrip=True),
    identity("ALTER INDEX i SET TABLESPACE ts", exp.AlterSet, roundtrip=True),
    identity("ALTER INDEX p ATTACH PARTITION c", nodes.AttachPartition, roundtrip=True),
    identity("ALTER INDEX i SET (fillfactor = 70)", exp.AlterSet, roundtrip=True),
    identity(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t USING gin (a)",
        exp.Create,
        kind="INDEX",
        concurrently=True,
    ),
    identity(
        "DROP INDEX CONCURRENTLY IF EXISTS i",
        exp.Drop,
        roundtrip=True,
        kind="INDEX",
        concurrently=True,
        exists=True,
    ),
    identity("DROP TABLE a, b", exp.Drop, roundtrip=True, kind="TABLE"),
    # ---- triggers, policies, comments, privileges
    identity(
        "CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()",
        exp.Create,
        kind="TRIGGER",
    ),
    identity("DROP TRIGGER IF EXISTS tr ON t", exp.Drop, roundtrip=True, kind="TRIGGER"),
    identity(
        "CREATE POLICY p ON t FOR SELECT TO authenticated USING (uid = auth.uid())",
        nodes.CreatePolicy,
        roundtrip=True,
        command="SELECT",
    ),
    identity(
        "CREATE POLICY p ON t AS RESTRICTIVE FOR ALL USING (TRUE) WITH CHECK (TRUE)",
        nodes.CreatePolicy,
        roundtrip=True,
        permissive=False,
    ),
    identity("ALTER POLICY p ON t USING (TRUE)", nodes.AlterPolicy, roundtrip=True),
    identity("ALTER POLICY p ON t RENAME TO q", nodes.AlterPolicy, roundtrip=True, rename_to="q"),
    identity(
        "DROP POLICY IF EXISTS p ON t", nodes.DropOn, roundtrip=True, kind="POLICY", exists=True
    ),
    identity("COMMENT ON TABLE t IS 'x'", exp.Comment, roundtrip=True, kind="TABLE"),
    identity("COMMENT ON COLUMN t.c IS 'x'", exp.Comment, roundtrip=True, kind="COLUMN"),
    identity("COMMENT ON INDEX i IS NULL", exp.Comment, roundtrip=True, kind="INDEX"),
    identity(
        "COMMENT ON CONSTRAINT c ON t IS 'x'",
        nodes.CommentOn,
        roundtrip=True,
        kind="CONSTRAINT",
        on="t",
    ),
    identity("COMMENT ON FUNCTION f(int) IS 'x'", nodes.CommentOn, roundtrip=True, kind="FUNCTION"),
    identity("GRANT SELECT ON t TO bob", exp.Grant, roundtrip=True),
    identity(
        "GRANT ALL ON ALL TABLES IN SCHEMA public TO anon, authenticated",
        exp.Grant,
        kind="ALL TABLES IN SCHEMA",
    ),
    identity("GRANT USAGE ON SCHEMA s TO bob", exp.Grant, roundtrip=True, kind="SCHEMA"),
    identity("REVOKE ALL ON t FROM PUBLIC", exp.Revoke, roundtrip=True),
    identity("GRANT r TO bob", exp.Grant, kind=None),
    identity(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO anon",
        nodes.AlterDefaultPrivileges,
    ),
    # ---- transactions and settings
    identity("START TRANSACTION", exp.Transaction),
    identity("START TRANSACTION ISOLATION LEVEL SERIALIZABLE", exp.Transaction),
    identity("BEGIN", exp.Transaction, roundtrip=True),
    identity("COMMIT", exp.Commit, roundtrip=True),
    identity("END", exp.Commit),
    identity("ROLLBACK", exp.Rollback, roundtrip=True),
    identity("SAVEPOINT a", nodes.Savepoint, roundtrip=True),
    identity("RELEASE SAVEPOINT a", nodes.ReleaseSavepoint, roundtrip=True),
    identity("ROLLBACK TO SAVEPOINT a", exp.Rollback, savepoint="a"),
    identity("SET lock_timeout = '5s'", exp.Set, roundtrip=True),
    identity("SET LOCAL statement_timeout = 0", exp.Set, roundtrip=True),
    identity("SET search_path TO public, ext", exp.Set),
    identity("RESET lock_timeout", nodes.ResetSetting, roundtrip=True),
    identity("RESET ALL", nodes.ResetSetting, roundtrip=True),
    identity("SELECT set_config('search_path', '', FALSE)", exp.Select),
    identity("SHOW search_path", nodes.ShowSetting, roundtrip=True),
    # ---- procedural
    identity("DO $$ BEGIN ALTER TABLE t ADD COLUMN c int; END $$", nodes.Do, roundtrip=True),
    identity(
        "DO LANGUAGE plpgsql $$ BEGIN NULL; END $$", nodes.Do, roundtrip=True, language="plpgsql"
    ),
    identity(
        "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        nodes.CreateFunction,
        roundtrip=True,
        kind="FUNCTION",
        replace=True,
        language="plpgsql",
    ),
    identity(
        "CREATE FUNCTION public.f() RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN END $$",
        nodes.CreateFunction,
        roundtrip=True,
        security_definer=True,
    ),
    identity(
        "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN NULL; END $$",
        nodes.CreateFunction,
        roundtrip=True,
        kind="PROCEDURE",
    ),
    identity("CALL p()", nodes.Call),
    # ---- tables, views, extensions, schemas
    identity("TRUNCATE ONLY t, u RESTART IDENTITY CASCADE", exp.TruncateTable),
    identity("CREATE TABLE p (a INT, b DATE) PARTITION BY RANGE (b)", exp.Create, kind="TABLE"),
    identity(
        "CREATE TABLE c PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
        exp.Create,
        roundtrip=True,
    ),
    identity("CREATE TABLE c PARTITION OF p DEFAULT", exp.Create, roundtrip=True),
    identity("CREATE TABLE t (LIKE u INCLUDING ALL)", exp.Create, roundtrip=True),
    identity("CREATE TABLE t AS SELECT * FROM u", exp.Create, roundtrip=True),
    identity("CREATE MATERIALIZED VIEW mv AS SELECT 1", exp.Create, roundtrip=True),
    identity("CREATE MATERIALIZED VIEW mv AS SELECT 1 WITH NO DATA", exp.Create, roundtrip=True),
    identity(
        "CREATE EXTENSION IF NOT EXISTS pgcrypto",
        nodes.CreateExtension,
        roundtrip=True,
        exists=True,
    ),
    identity(
        'CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions',
        nodes.CreateExtension,
        roundtrip=True,
        schema="extensions",
    ),
    identity("CREATE SCHEMA IF NOT EXISTS s", exp.Create, roundtrip=True, kind="SCHEMA"),
    identity("CREATE SCHEMA s AUTHORIZATION bob", exp.Create, kind="SCHEMA"),
    identity("ALTER VIEW v SET SCHEMA s", nodes.SetSchema, roundtrip=True),
    identity("ALTER MATERIALIZED VIEW mv SET SCHEMA s", nodes.SetSchema, roundtrip=True),
    identity("ALTER FUNCTION f() OWNER TO bob", nodes.OwnerTo, roundtrip=True),
    identity("ALTER FUNCTION f(int) SECURITY DEFINER", nodes.GenericAction, roundtrip=True),
    identity("DROP EXTENSION IF EXISTS x", exp.Drop, roundtrip=True, kind="EXTENSION"),
    identity("DROP DOMAIN d", exp.Drop, roundtrip=True, kind="DOMAIN"),
    identity(
        "CREATE UNIQUE INDEX i ON t(a) INCLUDE (b) NULLS NOT DISTINCT WHERE b > 0",
        exp.Create,
        roundtrip=True,
        kind="INDEX",
    ),
    identity("CREATE TABLE t (a INT) WITHOUT OIDS", exp.Create, kind="TABLE"),
    identity(
        "ALTER TABLE t ALTER CONSTRAINT fk NOT DEFERRABLE", nodes.AlterConstraint, roundtrip=True
    ),
    identity("CREATE VIEW v AS SELECT 1 WITH LOCAL CHECK OPTION", exp.Create, kind="VIEW"),
    identity(
        "ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (room, valid_at WITHOUT OVERLAPS)",
        exp.AddConstraint,
        roundtrip=True,
    ),
    identity(
        "DROP FUNCTION IF EXISTS a(int), b(IN x text, OUT y int) CASCADE",
        exp.Drop,
        roundtrip=True,
        kind="FUNCTION",
        cascade=True,
    ),
    identity("SET ROLE app_owner", exp.Set),
    identity("SET SESSION AUTHORIZATION bob", exp.Set),
    identity("SET CONSTRAINTS ALL DEFERRED", exp.Set),
    identity("RESET SESSION AUTHORIZATION", nodes.ResetSetting, roundtrip=True),
    identity("BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY", exp.Transaction),
    identity("ABORT", exp.Rollback),
]


@pytest.mark.parametrize("case", IDENTITIES, ids=[c.sql for c in IDENTITIES])
def test_statement_form_is_structured(case: Identity) -> None:
    tree = parse(case.sql)
    assert not isinstance(tree, exp.Command)
    node = main_node(tree)
    assert isinstance(node, case.node), repr(tree)
    for name, expected in case.args.items():
        actual = arg_value(node, name)
        if isinstance(expected, bool):
            assert bool(actual) is expected, f"{name}: {actual!r}"
        elif expected is None:
            assert not actual, f"{name}: {actual!r}"
        else:
            assert str(actual) == expected, f"{name}: {actual!r}"
    if case.roundtrip:
        assert tree.sql(dialect=MigratorPostgres) == case.sql


STILL_COMMAND = [
    "ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b",
    "DROP OWNED BY r",
    "PREPARE TRANSACTION 'x'",
    "CREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f",
]


@pytest.mark.parametrize("sql", STILL_COMMAND, ids=STILL_COMMAND)
def test_form_left_opaque_on_purpose(sql: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sqlglot"):
        tree = parse(sql)
    assert isinstance(tree, exp.Command)
    assert any("unsupported syntax" in record.getMessage() for record in caplog.records)


def test_rename_without_column_is_a_column_rename() -> None:
    plain = sqlglot.parse_one("ALTER TABLE t RENAME a TO b", read=Postgres)
    assert isinstance(plain.args["actions"][0], exp.AlterRename)  # plain sqlglot's misread
    action = main_node(parse("ALTER TABLE t RENAME a TO b"))
    assert isinstance(action, exp.RenameColumn)
    assert (action.this.name, action.args["to"].name) == ("a", "b")


def test_rename_to_is_still_a_table_rename() -> None:
    action = main_node(parse("ALTER TABLE t RENAME TO b"))
    assert isinstance(action, exp.AlterRename)


@pytest.mark.parametrize(
    "sql, node",
    [
        ("START TRANSACTION", exp.Transaction),
        ("CLUSTER t", nodes.ClusterTable),
        ("SAVEPOINT a", nodes.Savepoint),
    ],
    ids=["start-transaction", "cluster-table", "savepoint"],
)
def test_word_statements_are_not_select_with_alias(sql: str, node: type[exp.Expr]) -> None:
    assert isinstance(sqlglot.parse_one(sql, read=Postgres), exp.Alias)  # plain sqlglot's misread
    assert isinstance(parse(sql), node)


@pytest.mark.parametrize(
    "sql",
    ["CREATE INDEX i ON ONLY t (a)", "CREATE INDEX ON ONLY t (a)", "CREATE INDEX IF NOT EXISTS ON ONLY t (a)"],
    ids=["named", "unnamed", "unnamed-if-not-exists"],
)
def test_create_index_on_only_parent_keeps_only(sql: str) -> None:
    with pytest.raises(ParseError):
        sqlglot.parse_one(sql, read=Postgres)
    tree = parse(sql)
    assert isinstance(tree, exp.Create) and tree.kind == "INDEX"
    table = tree.this.args["table"]
    assert table.name == "t" and table.args.get("only") is True


@pytest.mark.parametrize(
    "sql, names, concurrently",
    [
        ("DROP INDEX a, b", ["a", "b"], False),
        ("DROP INDEX CONCURRENTLY IF EXISTS a, s.b CASCADE", ["a", "b"], True),
        ("DROP SEQUENCE a, b", ["a", "b"], False),
        ("DROP TYPE a, b", ["a", "b"], False),
    ],
    ids=["drop-index-two", "drop-index-concurrently-two", "drop-sequence-two", "drop-type-two"],
)
def test_drop_of_several_objects(sql: str, names: list[str], concurrently: bool) -> None:
    tree = parse(sql)
    assert isinstance(tree, exp.Drop)
    assert [table.name for table in tree.args["tables"]] == names
    assert bool(tree.args.get("concurrently")) is concurrently


def test_drop_index_of_several_raises_in_plain_sqlglot() -> None:
    with pytest.raises(ParseError):
        sqlglot.parse_one("DROP INDEX a, b", read=Postgres)


REJECTED = [
    "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
    "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY)",
    "CREATE TABLE t (id INT UNSIGNED)",
    "CREATE TABLE t (id int) ENGINE=InnoDB",
    "CREATE TABLE t (a int) DEFAULT CHARSET=utf8",
    "CREATE TABLE t (a int COMMENT 'x')",
    "CREATE TABLE t (a tinyint)",
    "CREATE TABLE t (a datetime)",
    "INSERT OR REPLACE INTO t VALUES (1)",
    "ALTER TABLE t ADD COLUMN c INT UNSIGNED",
]


@pytest.mark.parametrize("sql", REJECTED, ids=REJECTED)
def test_syntax_postgres_rejects_is_refused(sql: str) -> None:
    plain = sqlglot.parse_one(sql, read=Postgres)
    assert not isinstance(plain, exp.Command)  # plain sqlglot silently accepts it
    tree = parse(sql)
    assert postgres_rejects(tree) is not None


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE `t` (`id` int)",
        "ALTER TABLE t MODIFY COLUMN c int",
        "ALTER TABLE t CHANGE c d int",
    ],
    ids=["backticks", "modify-column", "change-column"],
)
def test_mysql_forms_stay_opaque(sql: str) -> None:
    assert isinstance(parse(sql), exp.Command)


def test_not_valid_flag_is_on_alter() -> None:
    tree = parse("ALTER TABLE t ADD CONSTRAINT nn NOT NULL c NOT VALID")
    assert tree.args.get("not_valid") is True


def test_check_not_enforced_flag() -> None:
    tree = parse("ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT ENFORCED")
    check = tree.find(nodes.CheckConstraint)
    assert check is not None and check.args.get("not_enforced") is True
    assert isinstance(check, exp.CheckColumnConstraint)


def test_function_body_text_is_kept_exactly() -> None:
    body = " BEGIN\n  NEW.updated_at := now();  -- keep\n  RETURN NEW;\nEND "
    tree = parse(f"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn${body}$fn$")
    assert isinstance(tree, nodes.CreateFunction)
    assert tree.args["body"].name == body


def test_vacuum_parenthesised_full_false_is_not_full() -> None:
    assert parse("VACUUM (FULL false, ANALYZE) t").args["full"] is False


# --------------------------------------------------------------------------------------------
# Meaning, checked against PostgreSQL's own grammar (libpg_query through pglast)
# --------------------------------------------------------------------------------------------

from pathlib import Path

from migrator.sql.parse import classify
from migrator.sql.statement import StatementKind
from tests.unit.sql.pg_grammar_oracle import oracle_accepts, oracle_classify

FORMS_FILE = Path(__file__).parent / "data" / "statement_forms.sql"
FORMS = [
    line.strip()
    for line in FORMS_FILE.read_text().splitlines()
    if line.strip() and not line.startswith("--")
]


@pytest.mark.parametrize("case", IDENTITIES, ids=[c.sql for c in IDENTITIES])
def test_identity_form_means_what_postgresql_says(case: Identity) -> None:
    assert oracle_accepts(case.sql)
    kind, actions = oracle_classify(case.sql)
    ours = classify(case.sql)
    assert ours[0] == kind
    if actions is not None:
        assert ours[1] == actions


@pytest.mark.parametrize("sql", FORMS, ids=FORMS)
def test_never_a_tree_with_another_meaning(sql: str) -> None:
    """Each form is either understood exactly as PostgreSQL parses it, or unknown."""
    kind, actions = classify(sql)
    if not oracle_accepts(sql):
        assert kind is StatementKind.UNKNOWN, f"PostgreSQL rejects it, we read {kind} {actions}"
        return
    if kind is StatementKind.UNKNOWN:
        return
    expected_kind, expected_actions = oracle_classify(sql)
    assert kind == expected_kind
    if expected_actions is not None:
        assert actions == expected_actions


def test_most_forms_postgresql_accepts_are_understood() -> None:
    accepted = [sql for sql in FORMS if oracle_accepts(sql)]
    understood = [sql for sql in accepted if classify(sql)[0] is not StatementKind.UNKNOWN]
    assert len(understood) / len(accepted) >= 0.9, sorted(set(accepted) - set(understood))


MYSQL_MISREADS = [
    ("ALTER TABLE t DROP INDEX k", "DROP INDEX inside ALTER TABLE"),
    ("ALTER TABLE t DROP FOREIGN KEY f", "DROP FOREIGN KEY"),
    ("ALTER TABLE t ADD COLUMN c int AFTER b", "column position"),
    ("ALTER TABLE t ADD COLUMN c int FIRST", "column position"),
    ("UPDATE t SET a = 1 LIMIT 10", "UPDATE LIMIT"),
    ("DELETE FROM t LIMIT 10", "DELETE LIMIT"),
    ("CREATE TABLE t (id int(11))", "integer display width"),
    ("CREATE TABLE t (a int IDENTITY(1,1))", "T-SQL identity"),
    ("CREATE TABLE user (id int)", "reserved word as a name"),
    ("ALTER TABLE t RENAME COLUMN to TO x", "reserved word as a name"),
    ("ALTER TABLE t RENAME COLUMN a TO b, RENAME COLUMN c TO d", "rename combined"),
    ("ALTER TABLE t RENAME TO u, ADD COLUMN c int", "rename table combined"),
    ("ALTER TABLE t ALTER COLUMN c SET DEFAULT 0 NOT NULL", "default NOT NULL"),
    ("CREATE OR REPLACE TABLE t (a int)", "create or replace table"),
    ("CREATE TABLE t SELECT 1", "create table select"),
    ("CREATE TEMPORARY TABLE IF NOT EXISTS t LIKE u", "like without parentheses"),
    ("CREATE TABLE t (a int) TYPE=MyISAM", "table option"),
    ("CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT", "sqlite strict"),
    ("CREATE TABLE t (a int AS (1) STORED)", "computed column"),
    ("CREATE TABLE t (a varchar(max))", "varchar max"),
    ("CREATE TABLE t (a array<int>)", "angle bracket type"),
    ("CREATE SEQUENCE s START WITH 1 INCREMENT BY 1 NOCACHE", "oracle sequence option"),
    ("INSERT INTO t SET a = 1", "insert set"),
    ("INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1", "on duplicate key"),
    ("UPDATE t JOIN u ON t.id = u.id SET t.a = 1", "update join"),
    ("DELETE t FROM t JOIN u ON t.id = u.id", "multi-table delete"),
    ("SELECT * FROM t LIMIT 1, 2", "limit offset comma"),
    ("ALTER TABLE t ADD CONSTRAINT u UNIQUE KEY (a)", "unique key"),
    ("ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY CLUSTERED (id)", "clustered"),
]


@pytest.mark.parametrize(
    "sql, why", MYSQL_MISREADS, ids=[m[1] + ": " + m[0] for m in MYSQL_MISREADS]
)
def test_other_dialects_forms_are_unknown(sql: str, why: str) -> None:
    plain = sqlglot.parse_one(sql, read=Postgres)
    assert not isinstance(plain, exp.Command)  # plain sqlglot reads it as something
    assert not oracle_accepts(sql)  # PostgreSQL rejects it
    assert classify(sql) == (StatementKind.UNKNOWN, ())


@pytest.mark.parametrize(
    "sql, persisted",
    [
        ("CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED)", True),
        ("CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) VIRTUAL)", False),
        ("CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2))", None),
    ],
    ids=["stored", "virtual", "unspecified"],
)
def test_generated_column_says_stored_or_virtual(sql: str, persisted: bool | None) -> None:
    computed = parse(sql).find(exp.ComputedColumnConstraint)
    assert computed is not None
    assert computed.args.get("persisted") is persisted


def test_unique_index_nulls_not_distinct_is_kept() -> None:
    tree = parse("CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT")
    params = tree.find(exp.IndexParameters)
    assert isinstance(params, nodes.IndexParameters)
    assert params.args.get("nulls_distinct") is False


NODE_CLASSES = sorted(
    (
        value
        for value in vars(nodes).values()
        if isinstance(value, type)
        and issubclass(value, exp.Expression)
        and value.__module__ == nodes.__name__
    ),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("node_class", NODE_CLASSES, ids=[c.__name__ for c in NODE_CLASSES])
def test_every_node_of_ours_can_be_generated(node_class: type[exp.Expr]) -> None:
    from migrator.sql.dialect import MigratorGenerator

    assert node_class in MigratorGenerator.TRANSFORMS


# --------------------------------------------------------------------------------------------
# Several sub-commands in one ALTER, NOT VALID on its own constraint (checked against PG)
# --------------------------------------------------------------------------------------------

from tests.unit.sql.pg_grammar_oracle import oracle_not_valid

MULTI_ACTION = [
    "ALTER TABLE t SET (fillfactor = 70), SET LOGGED, ENABLE TRIGGER ALL",
    "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID, ADD COLUMN z int",
    "ALTER TABLE t ADD COLUMN z int, ADD CONSTRAINT c CHECK (a > 0) NOT VALID",
    "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0), ALTER COLUMN b SET NOT NULL",
    (
        "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID, ALTER COLUMN b SET NOT NULL, "
        "ADD CONSTRAINT f FOREIGN KEY (x) REFERENCES p (id) NOT VALID"
    ),
    "ALTER TABLE t ADD CONSTRAINT a CHECK (a > 0) NOT VALID, ADD CONSTRAINT b CHECK (b > 0)",
    "ALTER TABLE t ADD CONSTRAINT a CHECK (a > 0), ADD CONSTRAINT b CHECK (b > 0) NOT VALID",
    (
        "ALTER TABLE t ALTER COLUMN a TYPE bigint, ALTER COLUMN b SET NOT NULL, "
        "ADD CONSTRAINT p PRIMARY KEY USING INDEX i, VALIDATE CONSTRAINT x"
    ),
    "ALTER TABLE t DROP CONSTRAINT a, DROP CONSTRAINT b",
    "ALTER TABLE t ALTER COLUMN c SET DEFAULT 1, ALTER COLUMN c DROP NOT NULL",
    "ALTER TABLE t ADD CONSTRAINT c UNIQUE (a), DROP COLUMN b",
    "ALTER TABLE IF EXISTS ONLY t ADD COLUMN a int, ADD COLUMN b text",
    "ALTER TABLE t ADD CONSTRAINT nn NOT NULL c NOT VALID, ADD CONSTRAINT c2 CHECK (a > 1)",
    "ALTER TABLE t OWNER TO x, ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY",
    "ALTER INDEX i SET (fillfactor = 70), SET TABLESPACE x",
    "ALTER TABLE t OF typ",
    "ALTER TABLE t NOT OF",
    "ALTER TABLE t DROP COLUMN a, ADD FOREIGN KEY (b) REFERENCES p (id) NOT VALID",
]


@pytest.mark.parametrize("sql", MULTI_ACTION, ids=MULTI_ACTION)
def test_several_sub_commands_mean_what_postgresql_says(sql: str) -> None:
    assert oracle_accepts(sql)
    assert classify(sql) == oracle_classify(sql)
    tree = parse(sql)
    per_action = tuple(bool(a.args.get("not_valid")) for a in tree.args["actions"])
    assert per_action == oracle_not_valid(sql)
    added = [
        flag
        for flag, action in zip(per_action, tree.args["actions"], strict=True)
        if isinstance(action, exp.AddConstraint | nodes.AddNotNullConstraint)
    ]
    # The statement-level flag: only when every added constraint is NOT VALID (never optimistic).
    assert bool(tree.args.get("not_valid")) is (bool(added) and all(added))


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID, ADD COLUMN z INT",
        "ALTER TABLE t ADD CONSTRAINT a CHECK (a > 0), ADD CONSTRAINT b CHECK (b > 0) NOT VALID",
    ],
)
def test_not_valid_is_generated_after_its_own_constraint(sql: str) -> None:
    assert parse(sql).sql(dialect=MigratorPostgres) == sql


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER TABLE t ADD COLUMN z int NOT VALID",
        "ALTER TABLE t ALTER COLUMN a SET NOT NULL NOT VALID",
        "ALTER TABLE t ADD COLUMN a int,",
        "ALTER TABLE t ENGINE = InnoDB, ADD COLUMN a int",
    ],
)
def test_misplaced_not_valid_or_dangling_comma_is_unknown(sql: str) -> None:
    assert not oracle_accepts(sql)
    assert classify(sql)[0] is StatementKind.UNKNOWN


def test_on_delete_set_null_keeps_its_column_list() -> None:
    sql = "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a, b) REFERENCES p (a, b) ON DELETE SET NULL (b)"
    reference = parse(sql).find(exp.Reference)
    assert reference is not None
    assert reference.args["options"] == ["ON DELETE SET NULL (b)"]
    assert parse(sql).sql(dialect=MigratorPostgres) == sql


@pytest.mark.parametrize(("word", "expected"), [("SYSTEM", "SYSTEM"), ("USER", "USER")])
def test_insert_overriding_value_is_kept(word: str, expected: str) -> None:
    tree = parse(f"INSERT INTO t (id) OVERRIDING {word} VALUE VALUES (1)")
    assert isinstance(tree, exp.Insert)
    assert tree.args["overriding"] == expected


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("ALTER VIEW v SET (security_invoker = on)", ["security_invoker = on"]),
        ("ALTER TABLE t SET (toast.autovacuum_enabled = off)", ["toast.autovacuum_enabled = off"]),
    ],
)
def test_reloption_words_are_values(sql: str, expected: list[str]) -> None:
    action = main_node(parse(sql))
    assert isinstance(action, exp.AlterSet)
    assert [e.sql() for e in action.expressions] == expected


# Every pair of these sub-commands in one ALTER TABLE is compared with PostgreSQL's grammar.
SUB_COMMANDS = [
    "ADD COLUMN a int",
    "ADD a int",
    "ADD COLUMN IF NOT EXISTS a int DEFAULT 0 NOT NULL",
    "ADD CONSTRAINT c CHECK (a > 0)",
    "ADD CONSTRAINT c CHECK (a > 0) NOT VALID",
    "ADD CHECK (a > 0)",
    "ADD FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE",
    "ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id) NOT VALID",
    "ADD PRIMARY KEY (a)",
    "ADD CONSTRAINT u UNIQUE USING INDEX i",
    "ADD UNIQUE (a, b)",
    "DROP COLUMN a",
    "DROP a",
    "DROP COLUMN IF EXISTS a CASCADE",
    "DROP CONSTRAINT c",
    "ALTER COLUMN a TYPE bigint",
    "ALTER a TYPE text USING a::text",
    "ALTER COLUMN a SET DEFAULT now()",
    "ALTER COLUMN a DROP DEFAULT",
    "ALTER COLUMN a SET NOT NULL",
    "ALTER COLUMN a DROP NOT NULL",
    "ALTER COLUMN a SET STATISTICS 100",
    "ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY",
    "ALTER CONSTRAINT c DEFERRABLE",
    "VALIDATE CONSTRAINT c",
    "SET (fillfactor = 70)",
    "RESET (fillfactor)",
    "SET LOGGED",
    "SET TABLESPACE ts",
    "ENABLE TRIGGER ALL",
    "DISABLE TRIGGER t1",
    "ENABLE ROW LEVEL SECURITY",
    "OWNER TO r",
    "REPLICA IDENTITY FULL",
    "CLUSTER ON i",
    "NO INHERIT p",
    "OF typ",
    "NOT OF",
]


def test_every_pair_of_sub_commands_means_what_postgresql_says() -> None:
    problems = []
    for first in SUB_COMMANDS:
        for second in SUB_COMMANDS:
            sql = f"ALTER TABLE t {first}, {second}"
            kind, actions = classify(sql)
            if not oracle_accepts(sql):
                if kind is not StatementKind.UNKNOWN:
                    problems.append(f"PostgreSQL rejects, we read {kind}: {sql}")
                continue
            if kind is StatementKind.UNKNOWN:
                problems.append(f"unknown: {sql}")
                continue
            if (kind, actions) != oracle_classify(sql):
                problems.append(f"{(kind, actions)} != {oracle_classify(sql)}: {sql}")
                continue
            flags = tuple(bool(a.args.get("not_valid")) for a in parse(sql).args["actions"])
            if flags != oracle_not_valid(sql):
                problems.append(f"NOT VALID {flags} != {oracle_not_valid(sql)}: {sql}")
    assert not problems, "\n".join(problems[:30])
