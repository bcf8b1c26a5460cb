"""Fact tables: one row per statement form and PostgreSQL version (no database).

The expected values below were measured on real servers (see tests/pg/test_knowledge_verified.py,
which checks every knowledge entry on pg15/16/18); these rows pin the version-dependent and
context-dependent decisions of the engine.
"""

from __future__ import annotations

import pytest

from migrator.analysis.facts import Risk
from migrator.analysis.locks import LockMode
from tests.unit.analysis._helpers import facts_of, last

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
S = LockMode.SHARE
SRE = LockMode.SHARE_ROW_EXCLUSIVE
RE = LockMode.ROW_EXCLUSIVE

USERS = (
    "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(50), age int, amount numeric(10,2), "
    "created timestamp, org_id int);\n"
    "CREATE INDEX users_email_idx ON users (email);\n"
)
CHECKED = USERS + "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n" \
    "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n"

# (sql, earlier migration, pg, lock, rewrite, scan, risk)
ROWS = [
    ("ALTER TABLE users ADD COLUMN n int", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ADD COLUMN n int DEFAULT 0", USERS, 12, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ADD COLUMN n timestamptz NOT NULL DEFAULT now()", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ADD COLUMN n timestamptz DEFAULT CURRENT_TIMESTAMP", USERS, 18, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ADD COLUMN n float8 DEFAULT random()", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n uuid DEFAULT gen_random_uuid()", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n timestamptz DEFAULT clock_timestamp()", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n bigserial", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n int GENERATED ALWAYS AS IDENTITY", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n int GENERATED ALWAYS AS (age * 2) STORED", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n int NOT NULL", USERS, 16, AE, False, False, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n int CHECK (n > 0)", USERS, 16, AE, False, True, Risk.DANGEROUS),
    ("ALTER TABLE users ADD COLUMN n int UNIQUE", USERS, 16, AE, False, True, Risk.DANGEROUS),
    # SET NOT NULL: scan, unless a valid CHECK (c IS NOT NULL) exists (PG 12+)
    ("ALTER TABLE users ALTER COLUMN email SET NOT NULL", USERS, 16, AE, False, True, Risk.DANGEROUS),
    ("ALTER TABLE users ALTER COLUMN email SET NOT NULL", CHECKED, 12, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ALTER COLUMN email SET NOT NULL", CHECKED, 18, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ALTER COLUMN age SET NOT NULL", CHECKED, 16, AE, False, True, Risk.DANGEROUS),
    # PG 18: NOT NULL … NOT VALID
    ("ALTER TABLE users ADD CONSTRAINT users_age_nn NOT NULL age NOT VALID", USERS, 18, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ADD CONSTRAINT users_age_nn NOT NULL age", USERS, 18, AE, False, True, Risk.DANGEROUS),
    ("ALTER TABLE users ADD CONSTRAINT users_age_nn NOT NULL age NOT VALID", USERS, 17, AE, False, False, Risk.UNKNOWN),
    ("ALTER TABLE users ADD COLUMN n int DEFAULT my_func()", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ALTER COLUMN email SET EXPRESSION AS (lower(email))", USERS, 16, AE, False, False, Risk.UNKNOWN),
    # type changes, using the schema model's old type
    ("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ALTER COLUMN email TYPE text", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ALTER COLUMN email TYPE varchar(20)", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ALTER COLUMN amount TYPE numeric(12,2)", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ALTER COLUMN amount TYPE numeric", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users ALTER COLUMN amount TYPE numeric(12,3)", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ALTER COLUMN age TYPE bigint", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users ALTER COLUMN created TYPE timestamptz", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("SET timezone = 'UTC';\nALTER TABLE users ALTER COLUMN created TYPE timestamptz", USERS, 16, AE, False, False,
     Risk.CAUTION),
    ("SET timezone = 'UTC';\nALTER TABLE users ALTER COLUMN created TYPE timestamptz", USERS, 12, AE, False, False,
     Risk.CAUTION),
    ("SET timezone = 'Europe/Paris';\nALTER TABLE users ALTER COLUMN created TYPE timestamptz", USERS, 16, AE, True,
     False, Risk.DANGEROUS),
    # constraints
    ("ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0)", USERS, 16, AE, False, True, Risk.DANGEROUS),
    ("ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0) NOT VALID", USERS, 16, AE, False, False, Risk.CAUTION),
    ("ALTER TABLE users VALIDATE CONSTRAINT users_email_nn", USERS + "ALTER TABLE users ADD CONSTRAINT users_email_nn "
     "CHECK (email IS NOT NULL) NOT VALID;", 16, SUE, False, True, Risk.CAUTION),
    # indexes
    ("CREATE INDEX users_age_idx ON users (age)", USERS, 16, S, False, True, Risk.DANGEROUS),
    ("CREATE INDEX CONCURRENTLY users_age_idx ON users (age)", USERS, 16, SUE, False, True, Risk.CAUTION),
    ("CREATE INDEX IF NOT EXISTS users_age_idx ON users (age)", USERS, 16, S, False, True, Risk.DANGEROUS),
    ("DROP INDEX users_email_idx", USERS, 16, AE, False, False, Risk.CAUTION),
    ("DROP INDEX IF EXISTS users_email_idx", USERS, 16, AE, False, False, Risk.CAUTION),
    ("REINDEX INDEX CONCURRENTLY users_email_idx", USERS, 12, SUE, False, True, Risk.CAUTION),
    ("REINDEX TABLE users", USERS, 16, AE, False, True, Risk.DANGEROUS),
    # drops and data
    ("ALTER TABLE users DROP COLUMN age", USERS, 16, AE, False, False, Risk.DANGEROUS),
    ("DROP TABLE users", USERS, 16, AE, False, False, Risk.DANGEROUS),
    ("TRUNCATE users", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("UPDATE users SET age = 0", USERS, 16, RE, False, True, Risk.DANGEROUS),
    ("UPDATE users SET age = 0 WHERE id = 1", USERS, 16, RE, False, False, Risk.CAUTION),  # row locks on the matched rows until commit
    ("DELETE FROM users", USERS, 16, RE, False, True, Risk.DANGEROUS),
    ("LOCK TABLE users IN SHARE MODE", USERS, 16, S, False, False, Risk.CAUTION),
    ("LOCK TABLE users IN ACCESS SHARE MODE", USERS, 16, LockMode.ACCESS_SHARE, False, False, Risk.SAFE),
    ("COMMENT ON TABLE users IS 'people'", USERS, 16, SUE, False, False, Risk.SAFE),
    ("ALTER TABLE users RENAME COLUMN email TO mail", USERS, 16, AE, False, False, Risk.DANGEROUS),
    ("ALTER INDEX users_email_idx RENAME TO users_mail_idx", USERS, 16, SUE, False, False, Risk.SAFE),
    ("VACUUM FULL users", USERS, 16, AE, True, False, Risk.DANGEROUS),
    ("ALTER TABLE users SET (fillfactor = 70)", USERS, 16, SUE, False, False, Risk.SAFE),
]


@pytest.mark.parametrize(
    "sql, earlier, pg, lock, rewrite, scan, risk", ROWS,
    ids=[f"pg{r[2]}-{r[0].splitlines()[-1][:70]}" for r in ROWS],
)
def test_fact_row(sql: str, earlier: str, pg: int, lock: LockMode, rewrite: bool, scan: bool, risk: Risk) -> None:
    f = last(sql, earlier=earlier, pg=pg)
    assert (f.lock, f.rewrite, f.scan, f.risk) == (lock, rewrite, scan, risk), f


def test_tables_created_earlier_in_the_same_file_are_new_and_safe() -> None:
    facts = facts_of(
        "CREATE TABLE t (id int PRIMARY KEY, c int);\n"
        "ALTER TABLE t ADD COLUMN x float8 DEFAULT random();\n"
        "CREATE INDEX t_c_idx ON t (c);\n"
        "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n"
        "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n"
    )
    assert [f.risk for f in facts] == [Risk.SAFE] * 5
    assert all(f.lock is None and not f.rewrite and not f.scan for f in facts)
    assert all(lk.new for f in facts for lk in f.locks)


def test_tables_from_earlier_files_are_existing() -> None:
    f = last("CREATE INDEX t_c_idx ON t (c)", earlier="CREATE TABLE t (id int, c int);")
    assert f.risk is Risk.DANGEROUS and f.lock is S and f.blocks_writes and not f.blocks_reads


def test_new_table_with_a_foreign_key_still_locks_the_existing_referenced_table() -> None:
    f = last("CREATE TABLE child (id int, pid int REFERENCES parent (id))",
             earlier="CREATE TABLE parent (id int PRIMARY KEY);")
    assert f.lock is SRE and f.blocks_writes and not f.blocks_reads and f.risk is Risk.CAUTION
    assert [(lk.relation, lk.mode) for lk in f.locks] == [("public.parent", SRE)]


def test_set_not_null_uses_a_check_validated_earlier_in_the_same_migration() -> None:
    facts = facts_of(
        "ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE users VALIDATE CONSTRAINT nn;\n"
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n",
        earlier=USERS,
    )
    assert not facts[2].scan and "alter-table.set-not-null.valid-check" in facts[2].sources


def test_set_not_null_ignores_a_check_that_is_not_valid() -> None:
    facts = facts_of(
        "ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n",
        earlier=USERS,
    )
    assert facts[1].scan and facts[1].risk is Risk.DANGEROUS


def test_foreign_key_locks_reach_the_referenced_table() -> None:
    earlier = "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (id int, pid int);\n"
    add = last("ALTER TABLE child ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES parent (id) NOT VALID", earlier=earlier)
    assert {(lk.relation, lk.mode) for lk in add.locks} == {("public.child", SRE), ("public.parent", SRE)}
    drop = last("ALTER TABLE child DROP CONSTRAINT fk", earlier=earlier
                + "ALTER TABLE child ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES parent (id);")
    assert {(lk.relation, lk.mode) for lk in drop.locks} == {("public.child", AE), ("public.parent", AE)}
    assert drop.blocks_reads


def test_create_index_on_a_partitioned_table_locks_every_partition() -> None:
    earlier = ("CREATE TABLE m (k int) PARTITION BY RANGE (k);\n"
               "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10);\n"
               "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20);\n")
    f = last("CREATE INDEX m_k ON m (k)", earlier=earlier)
    assert {(lk.relation, lk.mode) for lk in f.locks} == {("public.m", S), ("public.m_1", S), ("public.m_2", S)}
    only = last("CREATE INDEX m_k ON ONLY m (k)", earlier=earlier)
    assert {(lk.relation, lk.mode) for lk in only.locks} == {("public.m", S)} and not only.scan


@pytest.mark.parametrize("pg, concurrently_known", [(13, False), (14, True), (18, True)], ids=["pg13", "pg14", "pg18"])
def test_detach_partition_concurrently_exists_from_14(pg: int, concurrently_known: bool) -> None:
    earlier = "CREATE TABLE m (k int) PARTITION BY RANGE (k);\nCREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10);\n"
    f = last("ALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY", earlier=earlier, pg=pg)
    assert (f.risk is not Risk.UNKNOWN) == concurrently_known
    if concurrently_known:
        assert not f.transactional and f.lock is AE


def test_statement_the_parser_does_not_understand_is_unknown_and_assumes_access_exclusive() -> None:
    f = last("FROB THE TABLE users")
    assert f.risk is Risk.UNKNOWN and f.lock is AE and f.blocks_reads and f.blocks_writes


def test_if_exists_does_not_weaken_locks() -> None:
    a = last("DROP TABLE users", earlier=USERS)
    b = last("DROP TABLE IF EXISTS users", earlier=USERS)
    assert a.locks == b.locks and a.risk == b.risk


def test_table_outside_the_schema_model_is_assumed_large_and_said_so() -> None:
    f = last("ALTER TABLE users ALTER COLUMN email TYPE text")
    assert f.rewrite and f.risk is Risk.DANGEROUS
    assert any("not in the schema model" in a for a in f.assumptions)


def test_do_block_is_not_a_blind_spot() -> None:
    f = last("DO $$ BEGIN ALTER TABLE users ADD COLUMN n float8 DEFAULT random(); END $$", earlier=USERS)
    assert f.rewrite and f.lock is AE and f.risk is Risk.DANGEROUS


def test_creating_a_function_is_safe_but_notes_ddl_in_its_body() -> None:
    f = last("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN ALTER TABLE users DROP COLUMN age; END $$",
             earlier=USERS)
    assert f.risk is Risk.SAFE and f.lock is None


def test_alter_table_with_several_actions_takes_the_strongest_lock_and_any_rewrite() -> None:
    f = last("ALTER TABLE users ALTER COLUMN age SET STATISTICS 100, ALTER COLUMN age TYPE bigint", earlier=USERS)
    assert f.lock is AE and f.rewrite


def test_concurrent_index_inside_a_transaction_block_is_reported() -> None:
    f = last("CREATE INDEX CONCURRENTLY i ON users (age)", earlier=USERS, in_transaction=True)
    assert not f.transactional and any("transaction block" in r for r in f.reasons)


def test_lock_timeout_does_not_change_facts() -> None:
    plain = last("ALTER TABLE users ADD COLUMN n int", earlier=USERS)
    with_timeout = facts_of("SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN n int", earlier=USERS)[-1]
    assert (plain.locks, plain.risk) == (with_timeout.locks, with_timeout.risk)


def test_do_block_with_dynamic_sql_is_unknown() -> None:
    f = last("DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN n int'; END $$", earlier=USERS)
    assert f.risk is Risk.UNKNOWN and f.lock is not None


def test_do_block_whole_table_update_blocks_writers() -> None:
    f = last("DO $$ BEGIN UPDATE users SET age = 0; END $$", earlier=USERS)
    assert f.blocks_writes and not f.blocks_reads and f.risk is Risk.DANGEROUS


def test_lock_on_an_index_blocks_reads_of_its_table() -> None:
    f = last("REINDEX INDEX users_email_idx", earlier=USERS)
    assert f.blocks_reads and f.blocks_writes
    assert {(lk.relation, lk.mode) for lk in f.locks} == {("public.users", S), ("public.users_email_idx", AE)}


def test_truncate_cascade_reaches_every_referencing_table() -> None:
    earlier = ("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\n"
               "CREATE TABLE c (id int, b_id int REFERENCES b);\n")
    f = last("TRUNCATE a CASCADE", earlier=earlier)
    assert {lk.relation for lk in f.locks if lk.mode is AE} >= {"public.a", "public.b", "public.c"}
    assert f.destructive and f.risk is Risk.DANGEROUS


def test_alter_domain_add_check_locks_every_table_using_the_domain() -> None:
    earlier = "CREATE DOMAIN pos AS int;\nCREATE TABLE a (p pos);\nCREATE TABLE b (q pos);\n"
    f = last("ALTER DOMAIN pos ADD CONSTRAINT pos_ck CHECK (VALUE > 0)", earlier=earlier)
    assert {(lk.relation, lk.mode) for lk in f.locks} == {("public.a", S), ("public.b", S)} and f.scan
    nv = last("ALTER DOMAIN pos ADD CONSTRAINT pos_ck CHECK (VALUE > 0) NOT VALID", earlier=earlier)
    assert not nv.locks and nv.risk is Risk.SAFE


@pytest.mark.parametrize("pg", [12, 16, 18], ids=["pg12", "pg16", "pg18"])
def test_enum_add_value_takes_no_table_lock(pg: int) -> None:
    f = last("ALTER TYPE mood ADD VALUE 'c'", earlier="CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (m mood);", pg=pg)
    assert f.lock is None and f.transactional and f.risk is Risk.SAFE


def test_copying_an_existing_table_into_a_new_one_reads_it_without_blocking() -> None:
    f = facts_of("CREATE TABLE users_copy (LIKE users);\nINSERT INTO users_copy SELECT * FROM users;", earlier=USERS)[-1]
    assert f.scan and not f.blocks_reads and not f.blocks_writes and f.risk is Risk.CAUTION


def test_replacing_an_existing_view_locks_it() -> None:
    f = last("CREATE OR REPLACE VIEW v AS SELECT id, age FROM users",
             earlier=USERS + "CREATE VIEW v AS SELECT id FROM users;")
    assert f.lock is AE and f.blocks_reads and f.risk is Risk.CAUTION
    fresh = last("CREATE OR REPLACE VIEW v AS SELECT id, age FROM users", earlier=USERS)
    assert fresh.risk is Risk.SAFE and not fresh.blocks_reads
