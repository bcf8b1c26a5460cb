"""The advice of version- and situation-dependent rules is the form PostgreSQL accepts there.

Complements the examples run on a real server (`tests/pg/test_rule_fixes_on_server.py`): these
pin *which* advice and fixes a rule gives per target version and transaction state.
"""

from __future__ import annotations

import pytest

from migrator.lint.model import Applicability, Finding
from migrator.lint.testing import lint_sql

T = "CREATE TABLE t (a int);"
PART = "CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);"


def _only(findings: tuple[Finding, ...], rule: str) -> Finding:
    mine = [f for f in findings if f.rule == rule]
    assert len(mine) == 1, [f.rule for f in findings]
    return mine[0]


@pytest.mark.parametrize("pg, expected, unexpected", [
    (17, "CHECK (a IS NOT NULL) NOT VALID", "NOT NULL a NOT VALID"),
    (18, "NOT NULL a NOT VALID", "CHECK (a IS NOT NULL)"),
], ids=["pg17-check-trick", "pg18-not-null-not-valid"])
def test_set_not_null_advice_uses_the_form_the_version_has(pg: int, expected: str, unexpected: str) -> None:
    finding = _only(lint_sql("ALTER TABLE t ALTER COLUMN a SET NOT NULL;", earlier=T, pg=pg), "set-not-null")
    assert finding.help is not None
    assert expected in finding.help
    assert unexpected not in finding.help


@pytest.mark.parametrize("sql, earlier, rule", [
    ("BEGIN; CREATE INDEX i ON t (a); COMMIT;", T, "index-without-concurrently"),
    ("BEGIN; DROP INDEX i; COMMIT;", T + " CREATE INDEX i ON t (a);", "drop-index-without-concurrently"),
    ("BEGIN; REINDEX INDEX i; COMMIT;", T + " CREATE INDEX i ON t (a);", "reindex-without-concurrently"),
    ("BEGIN; ALTER TABLE p DETACH PARTITION p1; COMMIT;", PART, "detach-partition-without-concurrently"),
], ids=["create-index", "drop-index", "reindex", "detach-partition"])
def test_no_concurrently_fix_inside_a_transaction_block(sql: str, earlier: str, rule: str) -> None:
    finding = _only(lint_sql(sql, earlier=earlier), rule)
    assert finding.fix is None


@pytest.mark.parametrize("sql, earlier, rule", [
    ("CREATE INDEX i ON p (a);", PART, "index-without-concurrently"),
    ("DROP INDEX i;", PART + " CREATE INDEX i ON p (a);", "drop-index-without-concurrently"),
], ids=["create-index-on-parent", "drop-partitioned-index"])
def test_no_concurrently_fix_on_a_partitioned_table(sql: str, earlier: str, rule: str) -> None:
    finding = _only(lint_sql(sql, earlier=earlier), rule)
    assert finding.fix is None
    if rule == "index-without-concurrently":
        assert finding.help is not None and "ON ONLY" in finding.help and "ATTACH PARTITION" in finding.help


@pytest.mark.parametrize("pg, has_fix", [(13, False), (14, True), (18, True)], ids=["pg13", "pg14", "pg18"])
def test_detach_partition_concurrently_fix_only_where_the_version_has_it(pg: int, has_fix: bool) -> None:
    finding = _only(lint_sql("ALTER TABLE p DETACH PARTITION p1;", earlier=PART, pg=pg),
                    "detach-partition-without-concurrently")
    assert (finding.fix is not None) is has_fix


def test_detach_partition_no_fix_when_a_default_partition_exists() -> None:
    earlier = PART + " CREATE TABLE pd PARTITION OF p DEFAULT;"
    finding = _only(lint_sql("ALTER TABLE p DETACH PARTITION p1;", earlier=earlier),
                    "detach-partition-without-concurrently")
    assert finding.fix is None


@pytest.mark.parametrize("sql, rule", [
    ("ALTER TABLE t ADD CONSTRAINT k UNIQUE (a);", "unique-constraint-builds-index"),
    ("ALTER TABLE t ADD PRIMARY KEY (a);", "unique-constraint-builds-index"),
    ("ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&);", "exclusion-constraint"),
], ids=["unique", "primary-key", "exclude"])
def test_never_advises_not_valid_for_unique_primary_key_or_exclusion(sql: str, rule: str) -> None:
    finding = _only(lint_sql(sql, earlier="CREATE TABLE t (a int, r int4range);"), rule)
    assert finding.fix is None
    assert finding.help is not None and "NOT VALID`" not in finding.help.replace("NOT VALID is not", "")


@pytest.mark.parametrize("sql, rule, applicability", [
    ("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0);", "constraint-without-not-valid", Applicability.UNSAFE),
    ("CREATE INDEX i ON t (a);", "index-without-concurrently", Applicability.UNSAFE),
    ("CREATE TABLE u (a int);", "non-idempotent-statement", Applicability.SAFE),
], ids=["not-valid-unsafe", "concurrently-unsafe", "if-not-exists-safe"])
def test_fix_applicability(sql: str, rule: str, applicability: Applicability) -> None:
    finding = _only(lint_sql(sql, earlier=T), rule)
    assert finding.fix is not None and finding.fix.applicability == applicability


@pytest.mark.parametrize("pg, mentions_virtual", [(17, False), (18, True)], ids=["pg17", "pg18"])
def test_stored_generated_column_suggests_virtual_only_where_it_exists(pg: int, mentions_virtual: bool) -> None:
    finding = _only(lint_sql("ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a + 1) STORED;", earlier=T, pg=pg),
                    "stored-generated-column")
    assert finding.help is not None and ("VIRTUAL" in finding.help) is mentions_virtual
