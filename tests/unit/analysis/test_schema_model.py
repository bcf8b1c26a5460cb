"""The schema model built from earlier migrations (schema.py, apply.py)."""

from __future__ import annotations

from migrator.analysis.analyze import analyze
from migrator.analysis.schema import ConstraintKind, SchemaModel
from migrator.sql.parse import parse_sql


def model_after(*files: str) -> SchemaModel:
    given = SchemaModel()
    analyzed = analyze([parse_sql(f, path=f"{i:04}.sql") for i, f in enumerate(files)], schema=given)
    assert not given.tables, "the model passed in is copied, never changed"
    model = analyzed[-1].schema_after
    assert isinstance(model, SchemaModel)
    return model


def test_each_migration_records_the_model_before_and_after_it() -> None:
    analyzed = analyze([parse_sql("CREATE TABLE a (id int);"), parse_sql("CREATE TABLE b (id int);")])
    assert set(analyzed[0].schema_before.tables) == set()
    assert set(analyzed[1].schema_before.tables) == {"public.a"}
    assert set(analyzed[1].schema_after.tables) == {"public.a", "public.b"}


def test_create_table_records_columns_constraints_and_implicit_indexes() -> None:
    m = model_after(
        "CREATE TABLE p (id int PRIMARY KEY);\n"
        "CREATE TABLE t (id bigserial PRIMARY KEY, email varchar(50) NOT NULL UNIQUE, "
        "pid int REFERENCES p (id), CONSTRAINT c CHECK (email IS NOT NULL));"
    )
    t = m.table("public.t")
    assert t is not None
    email = t.column("email")
    assert email is not None and email.type is not None and email.type.mods == (50,) and not email.nullable
    kinds = {c.name: c.kind for c in t.constraints}
    assert kinds["t_pkey"] is ConstraintKind.PRIMARY_KEY and kinds["t_email_key"] is ConstraintKind.UNIQUE
    assert kinds["t_pid_fkey"] is ConstraintKind.FOREIGN_KEY and m.referencing_tables("public.p") == ("public.t",)
    assert set(m.indexes_of("public.t")) == {"public.t_pkey", "public.t_email_key"}
    assert "public.t_id_seq" in t.sequences
    assert m.valid_not_null_check("public.t", "email")


def test_alter_statements_update_the_model_incrementally() -> None:
    m = model_after(
        "CREATE TABLE t (id int, a int, b text);\n"
        "ALTER TABLE t ADD CONSTRAINT ck CHECK (a IS NOT NULL) NOT VALID;",
        "ALTER TABLE t VALIDATE CONSTRAINT ck;\n"
        "ALTER TABLE t ALTER COLUMN b TYPE varchar(10);\n"
        "ALTER TABLE t RENAME COLUMN a TO a2;\n"
        "ALTER TABLE t RENAME TO t2;\n"
        "CREATE INDEX t2_b ON t2 (b);",
    )
    t = m.table("public.t2")
    assert t is not None and m.table("public.t") is None
    assert m.valid_not_null_check("public.t2", "a2")
    b = t.column("b")
    assert b is not None and b.type is not None and b.type.base == "character varying"
    assert m.indexes_on_column("public.t2", "b") == ("public.t2_b",)


def test_search_path_changes_the_default_schema() -> None:
    m = model_after("SET search_path TO app, public;\nCREATE TABLE t (id int);")
    assert m.table("app.t") is not None
