from __future__ import annotations

import pytest

from migrator.executor import ddl
from migrator.executor.ddl import (
    AddColumnIfNotExists,
    AddConstraint,
    CreateIndex,
    DropIndex,
    Name,
    Reindex,
    ValidateConstraint,
)

CASES = [
    ("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON public.users (email)",
     CreateIndex("users_email_idx", Name("users", "public"), True, True, False)),
    ('create unique index concurrently "Idx" on only "My"."T" using btree (a)',
     CreateIndex("Idx", Name("T", "My"), True, False, True)),
    ("CREATE INDEX ON t (a)", None),
    ("DROP INDEX CONCURRENTLY IF EXISTS s.i", DropIndex((Name("i", "s"),), True, True)),
    ("DROP INDEX i1, i2 CASCADE", DropIndex((Name("i1"), Name("i2")), False, False)),
    ("REINDEX INDEX CONCURRENTLY s.i", Reindex("INDEX", Name("i", "s"), True)),
    ("REINDEX (VERBOSE) TABLE CONCURRENTLY t", Reindex("TABLE", Name("t"), True)),
    ("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int DEFAULT 0", AddColumnIfNotExists(Name("t"), "c")),
    ("ALTER TABLE IF EXISTS ONLY s.t ADD IF NOT EXISTS \"C\" text", AddColumnIfNotExists(Name("t", "s"), "C")),
    ("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int, ADD COLUMN d int", None),
    ("ALTER TABLE t ADD COLUMN c int", None),
    ("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID",
     AddConstraint(Name("t"), "fk", True)),
    ("ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0)", AddConstraint(Name("t"), "ck", False)),
    ("ALTER TABLE t VALIDATE CONSTRAINT fk", ValidateConstraint(Name("t"), "fk")),
    ("-- comment\nALTER TABLE t /* x */ VALIDATE CONSTRAINT fk;", ValidateConstraint(Name("t"), "fk")),
    ("ALTER TABLE t VALIDATE CONSTRAINT fk; SELECT 1", None),
    ("UPDATE t SET a = 1", None),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[
    "cic-qualified", "quoted-names-keep-case", "unnamed-index", "drop-index-concurrently", "drop-two-indexes",
    "reindex-index", "reindex-table-with-options", "add-column-if-not-exists", "add-column-quoted",
    "two-actions-not-recognised", "add-column-without-if-not-exists", "fk-not-valid", "check-valid",
    "validate", "comments-ignored", "two-statements-not-recognised", "dml"])
def test_recognise_statement_heads(text: str, expected: object) -> None:
    assert ddl.recognise(text) == expected


def test_name_quoted_for_to_regclass_escapes_quotes() -> None:
    assert Name('we"ird', "s").quoted() == '"s"."we""ird"'


def test_string_literals_do_not_hide_statement_separators() -> None:
    assert ddl.recognise("ALTER TABLE t ADD CONSTRAINT c CHECK (a <> ';') NOT VALID") == AddConstraint(Name("t"), "c", True)
