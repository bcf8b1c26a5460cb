"""The statement shapes rules read (`lint_rules._syntax`) come from the parser's tree.

Each case names the shape a rule reads from one statement; the expected values are what
PostgreSQL itself would take from the statement (checked by reading the reference), including the
cases the former token reader got wrong (quoted type names, unnamed indexes, operator classes).
"""

from __future__ import annotations

import pytest

from lint_rules import _syntax as shapes
from migrator.lint.context import created_relation_of
from migrator.sql.parse import parse_sql
from migrator.sql.statement import Statement


def one(sql: str) -> Statement:
    (stmt,) = parse_sql(sql).statements
    return stmt


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (("ALTER TABLE ONLY s.t ADD COLUMN IF NOT EXISTS c varchar(20) NOT NULL DEFAULT 'x', "
          "ADD CONSTRAINT u UNIQUE (a), ALTER COLUMN x TYPE bigint USING x::bigint, "
          "DROP CONSTRAINT IF EXISTS k, ALTER x SET NOT NULL, VALIDATE CONSTRAINT v"),
         ("s.t", True, False, (("ADD COLUMN", "c", ""), ("ADD CONSTRAINT", "", "u"), ("ALTER COLUMN TYPE", "x", ""),
                               ("DROP CONSTRAINT", "", "k"), ("SET NOT NULL", "x", ""),
                               ("VALIDATE CONSTRAINT", "", "v")))),
        ('ALTER TABLE IF EXISTS "Odd" RENAME TO t2', ("Odd", False, True, (("RENAME", "", ""),))),
        ("ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY USING INDEX i", ("t", False, False, (("ADD CONSTRAINT", "", "p"),))),
        ("ALTER TABLE t ENABLE ALWAYS TRIGGER tr", ("t", False, False, (("ENABLE TRIGGER", "", ""),))),
    ],
    ids=["several-actions", "quoted-rename", "constraint-using-index", "enable-always-trigger"],
)
def test_alter_table_shape(sql: str, expected: tuple[object, ...]) -> None:
    shape = shapes.alter_table(one(sql))
    assert shape is not None
    got = (shape.table, shape.only, shape.if_exists, tuple((a.kind, a.column, a.constraint) for a in shape.actions))
    assert got == expected


def test_each_action_keeps_the_tokens_of_its_own_text() -> None:
    stmt = one("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0), ALTER COLUMN b SET NOT NULL")
    shape = shapes.alter_table(stmt)
    assert shape is not None
    texts = [stmt.sql[a.toks[0].start : a.toks[-1].end] for a in shape.actions]
    assert texts == ["ADD CONSTRAINT c CHECK (a > 0)", "ALTER COLUMN b SET NOT NULL"]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('CREATE TABLE t (a "Role3" NOT NULL)', ("a", "Role3", False, (), True, False, '"Role3"')),
        ("CREATE TABLE t (a timestamp(3) NOT NULL DEFAULT now())", ("a", "timestamp", False, ("3",), True, True, "timestamp(3)")),
        ("CREATE TABLE t (a timestamp with time zone)", ("a", "timestamptz", False, (), False, False, "timestamp with time zone")),
        ("CREATE TABLE t (a int4[] )", ("a", "int4", True, (), False, False, "int4[]")),
        ("CREATE TABLE t (a bigserial PRIMARY KEY)", ("a", "serial8", False, (), True, False, "bigserial")),
        ("CREATE TABLE t (a double precision)", ("a", "float8", False, (), False, False, "double precision")),
        ("CREATE TABLE t (a character varying(9))", ("a", "varchar", False, ("9",), False, False, "character varying(9)")),
    ],
    ids=["quoted-type-keeps-case", "timestamp-precision-default", "timestamptz-long-form", "array",
         "bigserial-primary-key", "double-precision", "character-varying"],
)
def test_column_definition(sql: str, expected: tuple[object, ...]) -> None:
    created = shapes.create_table(one(sql))
    assert created is not None
    (col,) = created.columns
    assert (col.name, col.base_type, col.is_array, col.type_args, col.not_null, col.has_default, col.type_text) == expected


def test_default_tokens_cover_the_default_expression_only() -> None:
    stmt = one("ALTER TABLE t ADD COLUMN c int DEFAULT (1 + 2) NOT NULL")
    (action,) = shapes.actions(stmt, "ADD COLUMN")
    assert action.column_def is not None
    toks = action.column_def.default_toks
    assert stmt.sql[toks[0].start : toks[-1].end] == "(1 + 2)"


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("CREATE INDEX ON t (a)", ("", "t", ("a",), False)),
        ("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY s.t USING gin (payload jsonb_path_ops)",
         ("ix", "s.t", ("payload",), False)),
        ('CREATE INDEX i ON t ("a" COLLATE "C" text_pattern_ops DESC, (lower(b))) WHERE a > 0',
         ("i", "t", ("a", "(expr)"), True)),
    ],
    ids=["unnamed", "opclass", "collate-and-expression"],
)
def test_create_index_shape(sql: str, expected: tuple[object, ...]) -> None:
    shape = shapes.create_index(one(sql))
    assert shape is not None
    assert (shape.name, shape.table, shape.column_names, shape.partial) == expected


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("CREATE INDEX ON t (a)", ("INDEX", "")),
        ("CREATE MATERIALIZED VIEW s.mv AS SELECT 1", ("VIEW", "s.mv")),
        ("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'", ("FUNCTION", "f")),
        ("CREATE FOREIGN TABLE legacy.refunds (id bigint) SERVER s", ("FOREIGN TABLE", "legacy.refunds")),
        ("CREATE PUBLICATION p FOR TABLE t", ("PUBLICATION", "p")),
    ],
    ids=["unnamed-index", "materialized-view", "function", "foreign-table", "publication"],
)
def test_created_name(sql: str, expected: tuple[str, str]) -> None:
    assert shapes.created_name(one(sql)) == expected


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('CREATE INDEX "Ix" ON s.t (a)', "s.Ix"),
        ("CREATE INDEX ON t (a)", None),
        ("CREATE TABLE T2 (a int)", "public.t2"),
        ("CREATE VIEW s.v AS SELECT 1", "s.v"),
    ],
    ids=["index-in-table-schema", "unnamed-index", "folded-table", "view"],
)
def test_created_relation_for_is_new_table(sql: str, expected: str | None) -> None:
    assert created_relation_of(one(sql)) == expected


@pytest.mark.parametrize(
    ("sql", "concurrent"),
    [
        ("CREATE INDEX CONCURRENTLY i ON t (a)", True),
        ("REINDEX TABLE CONCURRENTLY t", True),
        ("ALTER TABLE p DETACH PARTITION c CONCURRENTLY", True),
        ("ALTER TABLE p DETACH PARTITION c FINALIZE", False),
        ("SELECT 'CONCURRENTLY'", False),
        ("-- CONCURRENTLY\nCREATE INDEX i ON t (a)", False),
    ],
    ids=["create-index", "reindex", "detach", "detach-finalize", "string-literal", "comment"],
)
def test_concurrently_is_read_from_the_tree(sql: str, concurrent: bool) -> None:
    assert shapes.concurrent(one(sql)) is concurrent
