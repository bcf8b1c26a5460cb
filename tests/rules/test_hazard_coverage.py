"""Every hazard of the migration-hazard catalog is reported by a rule, or left out with a reason.

The table lives in `tests/data/hazards.py` (a copy of the catalog's ids with a minimal example
per hazard); this test lints each example with every rule enabled and asserts that the named rule
reports it.
"""

from __future__ import annotations

import pytest

from migrator.lint.model import Severity
from migrator.lint.registry import all_rules
from migrator.lint.testing import lint_sql
from tests.data.hazards import ALL_IDS, COVERED, LEFT_OUT, SAFE_EXAMPLES, Hazard

# The catalog's id ranges, written out independently of the table.
_FAMILIES = {"COL": 13, "NUL": 4, "TYP": 6, "CON": 12, "IDX": 13, "CMP": 10, "TBL": 9, "PRT": 2, "TXN": 10,
             "DML": 2, "BP": 8}
CATALOG_IDS = tuple(sorted(f"{prefix}{n:03d}"
                           for prefix, count in _FAMILIES.items() for n in range(1, count + 1)))


def test_table_lists_each_of_the_89_catalog_hazards_once() -> None:
    assert len(CATALOG_IDS) == 89
    assert ALL_IDS == CATALOG_IDS


@pytest.mark.parametrize("hazard", COVERED, ids=[h.id for h in COVERED])
def test_catalog_example_is_reported_by_its_rule(hazard: Hazard) -> None:
    findings = lint_sql(hazard.sql, earlier=hazard.earlier, pg=hazard.pg,
                        assume_in_transaction=hazard.assume_in_transaction)
    reported = {f.rule for f in findings}
    assert hazard.rule in reported, f"{hazard.id}: {hazard.rule} did not fire; got {sorted(reported)}"
    for wrong in hazard.not_rules:
        assert wrong not in reported, f"{hazard.id}: false positive of {wrong}"
    message = " ".join(f.message for f in findings if f.rule == hazard.rule)
    for part in hazard.message_contains:
        assert part in message, f"{hazard.id}: {part!r} not in {message!r}"


@pytest.mark.parametrize("hazard", COVERED, ids=[h.id for h in COVERED])
def test_rule_declares_the_hazard_it_covers(hazard: Hazard) -> None:
    rule = all_rules().get(hazard.rule)
    assert rule is not None, f"{hazard.id}: no rule named {hazard.rule}"
    assert hazard.id in rule.hazards


def test_every_hazard_a_rule_declares_is_in_the_covered_table() -> None:
    covered = {(h.id, h.rule) for h in COVERED}
    declared = {(hazard, r.name) for r in all_rules() for hazard in r.hazards}
    assert declared - covered == set()


@pytest.mark.parametrize("left_out", LEFT_OUT, ids=[h.id for h in LEFT_OUT])
def test_left_out_hazard_has_a_reason_and_no_rule_claims_it(left_out: object) -> None:
    assert len(left_out.reason) > 40  # type: ignore[attr-defined]
    assert not any(left_out.id in r.hazards for r in all_rules())  # type: ignore[attr-defined]


@pytest.mark.parametrize("hazard_id, sql, earlier", SAFE_EXAMPLES, ids=[s[0] for s in SAFE_EXAMPLES])
def test_statement_the_catalog_calls_safe_gets_no_error_or_warning(hazard_id: str, sql: str, earlier: str) -> None:
    findings = lint_sql(f"SET lock_timeout = '2s';\n{sql}", earlier=earlier)
    loud = [(f.rule, f.message) for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert loud == [], hazard_id


def test_docs_hazards_md_is_generated_from_the_table() -> None:
    from pathlib import Path

    from tests.data.hazards import render_markdown

    path = Path(__file__).resolve().parents[2] / "docs" / "hazards.md"
    assert path.read_text(encoding="utf-8") == render_markdown(), \
        "docs/hazards.md is stale: python -m tests.data.hazards > docs/hazards.md"


# Rules whose hazard does not depend on the table holding data or being in use: a runtime error,
# a design choice, or a property of the migration file itself.
_FIRES_ON_NEW_TABLES_TOO = {
    "concurrently-in-transaction": "PostgreSQL rejects the statement whatever the table",
    "concurrently-on-partitioned-table": "PostgreSQL rejects the statement whatever the table",
    "concurrent-index-corruption-pg14": "about the server's minor release",
    "transaction-nesting": "about the file's transaction structure",
    "non-idempotent-statement": "about reruns of the file",
    "dynamic-sql": "the SQL cannot be seen at all",
    "domain-with-check": "a type design choice",
    "json-column": "a type design choice",
    "foreign-key-without-index": "the index is missing on new tables too",
    "wide-index": "an index design choice",
    "small-integer-key": "a type design choice",
    "serial-column": "a type design choice",
    "varchar-length-limit": "a type design choice",
    "timestamp-without-time-zone": "a type design choice",
    "identifier-too-long": "a naming error",
    "column-padding": "a table design choice",
    "duplicate-column-assignment": "PostgreSQL rejects the statement",
}
_ON_NEW_TABLES = [h for h in COVERED if h.earlier and h.rule not in _FIRES_ON_NEW_TABLES_TOO]


@pytest.mark.parametrize("hazard", _ON_NEW_TABLES, ids=[h.id for h in _ON_NEW_TABLES])
def test_no_finding_when_the_tables_are_created_earlier_in_the_same_migration(hazard: Hazard) -> None:
    sql = f"{hazard.earlier}\n{hazard.sql}"
    findings = lint_sql(sql, pg=hazard.pg, assume_in_transaction=hazard.assume_in_transaction)
    assert hazard.rule not in {f.rule for f in findings}, hazard.id
