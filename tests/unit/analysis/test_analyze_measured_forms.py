"""Forms whose facts were corrected against real servers (the differential audit, tests/pg/test_fact_audit.py).

Each row: a statement, an earlier migration (pre-existing tables), the PostgreSQL major, and the
facts the servers showed (15.18, 16.2, 18): the lock on each named relation (None = no lock),
rewrite, transactional, blocks_writes, risk. No database here: the audit re-checks them on servers.
"""

from __future__ import annotations

import pytest

from migrator.analysis.facts import Facts, Risk
from migrator.analysis.locks import LockMode
from tests.unit.analysis._helpers import facts_of

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
S = LockMode.SHARE
SRE = LockMode.SHARE_ROW_EXCLUSIVE
RE = LockMode.ROW_EXCLUSIVE
RS = LockMode.ROW_SHARE
AS = LockMode.ACCESS_SHARE

T = "CREATE TABLE t (id int PRIMARY KEY, a int, b text, c varchar(20));\n"
FK = ("CREATE TABLE parent (id int PRIMARY KEY, name text);\n"
      "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id), note text);\n")
SERIAL = "CREATE TABLE s (id serial PRIMARY KEY, v text);\n"
PART = ("CREATE TABLE m (id int NOT NULL, k int NOT NULL, v text) PARTITION BY RANGE (k);\n"
        "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (100);\n"
        "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (100) TO (200);\n")
VIEW = T + "CREATE VIEW t_view AS SELECT id, a FROM t;\n"
FK_NOT_VALID = "ALTER TABLE child ADD CONSTRAINT c_fk2 FOREIGN KEY (parent_id) REFERENCES parent (id) NOT VALID"
DOMAIN = "CREATE DOMAIN posint AS int;\nCREATE TABLE d (id int PRIMARY KEY, n posint, m int);\n"

# (id, sql, earlier, pg, {relation: mode | None}, rewrite, transactional, blocks_writes, risk)
ROWS = [
    ("update-where-blocks-writers-of-its-rows", "UPDATE t SET a = 0 WHERE id = 1", T, 16,
     {"public.t": RE, "public.t_pkey": RE}, False, True, True, Risk.CAUTION),
    ("update-from-reads-joined-indexes", "UPDATE child SET note = parent.name FROM parent WHERE parent.id = child.parent_id",
     FK, 16, {"public.child": RE, "public.parent": AS, "public.parent_pkey": AS}, False, True, True, Risk.CAUTION),
    ("update-of-referenced-key-checks-referencing", "UPDATE parent SET id = id + 100 WHERE id = 5", FK, 16,
     {"public.child": RS, "public.child_pkey": RS}, False, True, True, Risk.CAUTION),
    ("insert-fk-check-locks-referenced-key", "INSERT INTO child VALUES (100, 1, 'x')", FK, 16,
     {"public.child": RE, "public.parent": RS, "public.parent_pkey": RS}, False, True, False, Risk.SAFE),
    ("insert-draws-serial-sequence", "INSERT INTO s (v) VALUES ('x')", SERIAL, 16,
     {"public.s": RE, "public.s_id_seq": RE}, False, True, False, Risk.SAFE),
    ("insert-supplying-the-serial-draws-nothing", "INSERT INTO s (id, v) VALUES (5, 'x')", SERIAL, 16,
     {"public.s": RE, "public.s_id_seq": None}, False, True, False, Risk.SAFE),
    ("on-conflict-update-locks-arbiter", "INSERT INTO t VALUES (1, 1, 'x', 'y') ON CONFLICT (id) DO UPDATE SET a = 1",
     T, 16, {"public.t": RE, "public.t_pkey": RE}, False, True, True, Risk.CAUTION),
    ("merge-when-matched", "MERGE INTO t USING (SELECT 1 AS id) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 0",
     T, 16, {"public.t": RE, "public.t_pkey": RE}, False, True, True, Risk.CAUTION),
    ("data-modifying-cte-is-an-update", "WITH x AS (UPDATE t SET a = 0 RETURNING id) SELECT count(*) FROM x", T, 16,
     {"public.t": RE, "public.t_pkey": RE}, False, True, True, Risk.DANGEROUS),
    ("nextval-locks-the-sequence", "SELECT nextval('t_seq')", T + "CREATE SEQUENCE t_seq;\n", 16,
     {"public.t_seq": RE}, False, True, False, Risk.SAFE),
    ("select-from-view-reads-base-table", "SELECT * FROM t_view", VIEW, 16,
     {"public.t": AS, "public.t_pkey": AS}, False, True, False, Risk.SAFE),
    ("call-runs-the-declared-body", "CALL p()", T + "CREATE PROCEDURE p() LANGUAGE sql AS $$ UPDATE t SET a = 1 $$;\n",
     16, {"public.t": RE, "public.t_pkey": RE}, False, True, True, Risk.DANGEROUS),
    ("create-sql-function-parses-its-body", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT count(*)::int FROM t $$",
     T, 16, {"public.t": AS}, False, True, False, Risk.SAFE),
    ("stable-user-function-default-no-rewrite", "ALTER TABLE t ADD COLUMN d int DEFAULT stab()",
     T + "CREATE FUNCTION stab() RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN 42; END $$;\n", 16,
     {"public.t": AE, "public.t_pkey": None}, False, True, True, Risk.CAUTION),
    ("rename-function-takes-no-table-lock", "ALTER FUNCTION f() RENAME TO g", T, 16,
     {"public.t": None}, False, True, False, Risk.DANGEROUS),
    ("reindex-schema-not-transactional", "REINDEX SCHEMA public", T, 16, {"public.t": S}, False, False, True,
     Risk.DANGEROUS),
    ("reindex-partitioned-not-transactional", "REINDEX TABLE m", PART, 16, {"public.m": S}, False, False, True,
     Risk.DANGEROUS),
    ("int-to-unconstrained-domain-no-rewrite", "ALTER TABLE d ALTER COLUMN m TYPE posint", DOMAIN, 16,
     {"public.d": AE}, False, True, True, Risk.CAUTION),
    ("domain-to-base-no-rewrite", "ALTER TABLE d ALTER COLUMN n TYPE int", DOMAIN, 16,
     {"public.d": AE}, False, True, True, Risk.CAUTION),
    ("varchar-array-to-text-array-rewrites", "ALTER TABLE t ALTER COLUMN c TYPE text[]",
     "CREATE TABLE t (id int PRIMARY KEY, c varchar(5)[]);\n", 16, {"public.t": AE}, True, True, True, Risk.DANGEROUS),
    ("expression-index-rebuilt-on-widening", "ALTER TABLE t ALTER COLUMN c TYPE varchar(50)",
     T + "CREATE INDEX t_lower_c ON t (lower(c));\n", 16, {"public.t": AE, "public.t_lower_c": AE}, False, True, True,
     Risk.DANGEROUS),
    ("add-column-if-not-exists-existing-is-a-no-op", "ALTER TABLE t ADD COLUMN IF NOT EXISTS a float8 DEFAULT random()",
     T, 16, {"public.t": AE, "public.t_pkey": None}, False, True, True, Risk.CAUTION),
    ("drop-partition-locks-parent", "DROP TABLE m_1", PART, 16, {"public.m": AE, "public.m_1": AE}, False, True, True,
     Risk.DANGEROUS),
    ("drop-table-cascade-drops-views", "DROP TABLE t CASCADE", VIEW, 16, {"public.t_view": AE}, False, True, True,
     Risk.DANGEROUS),
    ("truncate-restart-identity-locks-sequence", "TRUNCATE s RESTART IDENTITY", SERIAL, 16, {"public.s_id_seq": AE},
     True, True, True, Risk.DANGEROUS),
    ("lock-view-locks-base-table", "LOCK TABLE t_view IN ACCESS EXCLUSIVE MODE", VIEW, 16, {"public.t": AE}, False,
     True, True, Risk.CAUTION),
    ("unique-on-partitioned-share-before-18", "ALTER TABLE m ADD CONSTRAINT m_u UNIQUE (id, k)", PART, 16,
     {"public.m": AE, "public.m_1": S}, False, True, True, Risk.DANGEROUS),
    ("unique-on-partitioned-exclusive-on-18", "ALTER TABLE m ADD CONSTRAINT m_u UNIQUE (id, k)", PART, 18,
     {"public.m": AE, "public.m_1": AE}, False, True, True, Risk.DANGEROUS),
    ("fk-not-valid-locks-key-index-on-18", FK_NOT_VALID, FK, 18, {"public.parent": SRE, "public.parent_pkey": AS}, False, True, True,
     Risk.CAUTION),
    ("fk-not-valid-no-key-index-lock-on-16", FK_NOT_VALID, FK, 16, {"public.parent": SRE, "public.parent_pkey": None}, False, True, True,
     Risk.CAUTION),
]


def _locks(facts: tuple[Facts, ...]) -> dict[str, LockMode]:
    out: dict[str, LockMode] = {}
    for f in facts:
        for lk in f.locks:
            if not lk.new and (lk.relation not in out or lk.mode > out[lk.relation]):
                out[lk.relation] = lk.mode
    return out


@pytest.mark.parametrize(
    ("sql", "earlier", "pg", "locks", "rewrite", "transactional", "blocks_writes", "risk"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_measured_form(sql: str, earlier: str, pg: int, locks: dict[str, LockMode | None], rewrite: bool,
                       transactional: bool, blocks_writes: bool, risk: Risk) -> None:
    facts = facts_of(sql, earlier=earlier, pg=pg)
    predicted = _locks(facts)
    assert {rel: predicted.get(rel) for rel in locks} == locks
    assert any(f.rewrite for f in facts) == rewrite
    assert all(f.transactional for f in facts) == transactional
    assert any(f.blocks_writes for f in facts) == blocks_writes
    assert facts[-1].risk is risk


def test_timestamp_zone_change_without_set_timezone_says_what_it_assumes() -> None:
    facts = facts_of("ALTER TABLE e ALTER COLUMN ts TYPE timestamptz", earlier="CREATE TABLE e (id int, ts timestamp);\n")
    assert facts[-1].rewrite
    assert any("TimeZone" in a for a in facts[-1].assumptions)


def test_timestamp_zone_change_after_set_timezone_utc_assumes_nothing_about_the_zone() -> None:
    facts = facts_of("SET timezone = 'UTC';\nALTER TABLE e ALTER COLUMN ts TYPE timestamptz",
                     earlier="CREATE TABLE e (id int, ts timestamp);\n")
    assert not facts[-1].rewrite
    assert not any("TimeZone" in a for a in facts[-1].assumptions)


def test_call_of_a_procedure_not_seen_is_unknown() -> None:
    assert facts_of("CALL elsewhere()", earlier=T)[-1].risk is Risk.UNKNOWN


def test_bare_cluster_without_a_known_clustered_table_is_unknown() -> None:
    assert facts_of("CLUSTER", earlier=T)[-1].risk is Risk.UNKNOWN
