"""Every rule's documentation examples and CASES, run through the whole lint pipeline.

- Example blocks: findings of the rule exactly on the lines marked `-- error: [rule-name]` (and
  every marked rule reports on its marked line).
- Use instead blocks: no finding of the rule.
- CASES: `fail` cases report the rule and `ok` cases do not, on every version the case names
  (all supported versions by default); applying the fixes gives exactly `fixed`, which re-parses
  and leaves the rule nothing to report. A fail case whose finding carries a fix must pin it
  with `fixed=`.

The module's `DOC_SETUP` (SQL) is the earlier migration the doc examples run against.
"""

from __future__ import annotations

import pytest

from migrator.analysis.pg.versions import DEFAULT, SUPPORTED
from migrator.lint.docs import BlockRole, SqlBlock, sql_blocks
from migrator.lint.fixes import fix_applies
from migrator.lint.model import Case, Finding, Rule
from migrator.lint.registry import all_rules
from migrator.lint.testing import fix_sql, lint_sql

RULES = tuple(all_rules())


def _setup(rule: Rule) -> str:
    module = __import__(rule.module, fromlist=["_"])
    return str(getattr(module, "DOC_SETUP", "") or "")


def _doc_params() -> list[object]:
    params = []
    for rule in RULES:
        for number, block in enumerate(sql_blocks(rule.doc)):
            if block.role is BlockRole.OTHER:
                continue
            params.append(pytest.param(rule, block, id=f"{rule.code}-{rule.name}-{block.role}-{number}"))
    return params


def _case_params() -> list[object]:
    params = []
    for rule in RULES:
        for number, case in enumerate(rule.cases):
            for version in case.pg or tuple(SUPPORTED):
                kind = "fail" if case.expect else "ok"
                params.append(pytest.param(rule, case, version, id=f"{rule.code}-{rule.name}-{kind}{number}-pg{version}"))
    return params


def _of(findings: tuple[Finding, ...], rule: Rule) -> list[Finding]:
    return [f for f in findings if f.code == rule.code]


@pytest.mark.parametrize("rule, block", _doc_params())
def test_doc_example(rule: Rule, block: SqlBlock) -> None:
    findings = lint_sql(block.sql, earlier=_setup(rule), pg=block.preferred_version)
    if block.role is BlockRole.USE_INSTEAD:
        assert _of(findings, rule) == [], f"Use instead block reports {rule.name}: {_of(findings, rule)}"
        return
    marked = block.markers()
    expected_lines = sorted({line for line, name in marked if name == rule.name})
    actual_lines = sorted({f.span.line for f in _of(findings, rule)})
    assert actual_lines == expected_lines, (
        f"{rule.name}: findings on lines {actual_lines}, markers on {expected_lines}: "
        + "; ".join(f"{f.span.line}: {f.message}" for f in findings))
    for line, name in marked:
        assert any(f.rule == name and f.span.line == line for f in findings), f"no {name} finding on line {line}"


@pytest.mark.parametrize("rule, case, version", _case_params())
def test_case(rule: Rule, case: Case, version: int) -> None:
    findings = lint_sql(case.sql, earlier=case.earlier, pg=version, assume_in_transaction=case.assume_in_transaction)
    own = _of(findings, rule)
    assert bool(own) is case.expect, (
        f"{'expected' if case.expect else 'unexpected'} {rule.name} on pg{version} ({case.why}): "
        + "; ".join(f"{f.code} {f.message}" for f in findings))
    if not case.expect:
        return
    fixable = [f for f in own if fix_applies(f.fix, unsafe=True)]
    if case.fixed is None:
        assert not fixable, f"{rule.name} offers a fix here: pin it with Case.fail(..., fixed=...)"
        return
    assert fix_sql(case.sql, own, unsafe=True) == case.fixed
    again = lint_sql(case.fixed, earlier=case.earlier, pg=version, assume_in_transaction=case.assume_in_transaction)
    assert _of(again, rule) == [], f"after the fix {rule.name} still reports: {_of(again, rule)}"
    unparsed = [f for f in again if f.code == "M900"]
    assert len(unparsed) <= len([f for f in findings if f.code == "M900"]), f"the fixed SQL does not parse: {unparsed}"


def _new_table_params() -> list[object]:
    params = []
    for rule in RULES:
        module = __import__(rule.module, fromlist=["_"])
        if getattr(module, "FIRES_ON_NEW_TABLES", False):
            continue
        for number, case in enumerate(rule.cases):
            if case.expect and case.earlier.strip():
                version = DEFAULT if not case.pg or DEFAULT in case.pg else case.pg[0]
                params.append(pytest.param(rule, case, version, id=f"{rule.code}-{rule.name}-fail{number}"))
    return params


@pytest.mark.parametrize("rule, case, version", _new_table_params())
def test_no_finding_when_the_tables_are_created_in_the_same_migration(rule: Rule, case: Case, version: int) -> None:
    """A fail case's `earlier` schema moved into the same file: its tables are new and empty, so
    nothing on them is dangerous (rules whose hazard does not depend on existing rows set
    `FIRES_ON_NEW_TABLES = True` in their module)."""
    sql = case.earlier.rstrip().rstrip(";") + ";\n" + case.sql
    findings = lint_sql(sql, pg=version, assume_in_transaction=case.assume_in_transaction)
    assert _of(findings, rule) == [], f"{rule.name} fires on a table created in the same migration: {_of(findings, rule)}"
