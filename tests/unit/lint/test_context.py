"""LintContext: new relations, transaction blocks, locks held, findings and token-based edits."""

from __future__ import annotations

import pytest

from migrator.analysis.facts import Facts, Lock, Risk
from migrator.analysis.locks import LockMode
from migrator.lint.context import LintContext, normalize_relation
from migrator.lint.fixes import apply_edits
from migrator.lint.model import Edit, Fix
from migrator.lint.registry import rule_from_module
from migrator.sql.statement import Statement, StatementKind
from tests.unit.lint.helpers import analyzed, flag_kind, make_rule_module


def _facts_with_locks(stmt: Statement) -> Facts:
    """Hand-made facts: CREATE TABLE x → new lock on public.x; other statements lock their target."""
    words = stmt.sql.split()
    if stmt.kind is StatementKind.CREATE_TABLE:
        name = normalize_relation(words[2])
        return Facts(stmt.index, (name,), (Lock(name, LockMode.ACCESS_EXCLUSIVE, new=True),), risk=Risk.SAFE)
    if stmt.kind is StatementKind.ALTER_TABLE:
        name = normalize_relation(words[2])
        return Facts(stmt.index, (name,), (Lock(name, LockMode.ACCESS_EXCLUSIVE),), LockMode.ACCESS_EXCLUSIVE)
    if stmt.kind is StatementKind.CREATE_INDEX:
        name = normalize_relation(words[words.index("ON") + 1])
        return Facts(stmt.index, (name,), (Lock(name, LockMode.SHARE),), LockMode.SHARE)
    return Facts(stmt.index, risk=Risk.SAFE)


SQL = """CREATE TABLE fresh (id int);
ALTER TABLE fresh ADD COLUMN a int;
ALTER TABLE old ADD COLUMN a int;
BEGIN;
CREATE INDEX i1 ON old (a);
ALTER TABLE Old ADD COLUMN b int;
COMMIT;
"""


@pytest.fixture()
def ctx() -> LintContext:
    return LintContext(analyzed(SQL, facts_for=_facts_with_locks))


@pytest.mark.parametrize("name, at, new", [("fresh", 1, True), ("public.fresh", 1, True), ('"fresh"', 1, True),
                                           ("FRESH", 1, True), ("fresh", 0, False), ("old", 2, False),
                                           ("other.fresh", 1, False)],
                         ids=["plain", "qualified", "quoted", "upper", "same-statement", "existing",
                              "other-schema"])
def test_is_new_table(ctx: LintContext, name: str, at: int, new: bool) -> None:
    assert ctx.is_new_table(name, at) is new


def test_transaction_of_and_locks_held_before(ctx: LintContext) -> None:
    assert [s.index for s in ctx.transaction_of(5)] == [3, 4, 5, 6]
    assert ctx.transaction_of(2) == (ctx.statements[2],)
    assert dict(ctx.locks_held_before(5)) == {"public.old": LockMode.SHARE}
    assert dict(ctx.locks_held_before(2)) == {}


def test_finding_fills_rule_fields_and_drops_unlocated_fix(ctx: LintContext) -> None:
    rule = rule_from_module(make_rule_module("fake-rule", "M801", flag_kind("X"), severity="warning"))  # type: ignore[arg-type]
    stmt = ctx.statements[2]
    ctx.at(2, rule)
    finding = ctx.finding(stmt, "msg", fix=Fix.unsafe("t", ctx.keyword_edit_after(stmt, "NOWHERE", "x")))
    assert (finding.code, finding.rule, str(finding.severity), finding.span, finding.fix, finding.statement_index) == (
        "M801", "fake-rule", "warning", stmt.span, None, 2)
    assert finding.facts is ctx.facts[2]
    advice = ctx.finding(stmt, "msg", fix=Fix.display_only("do it by hand"))
    assert advice.fix is not None and advice.fix.edits == ()


EDIT_SQL = """SELECT 1;
CREATE INDEX "index" ON t USING btree (a) WHERE b = 'INDEX' /* INDEX */;
"""


@pytest.mark.parametrize(
    "method, args, expected",
    [
        ("keyword_edit_after", ("INDEX", " CONCURRENTLY"),
         """CREATE INDEX CONCURRENTLY "index" ON t USING btree (a) WHERE b = 'INDEX' /* INDEX */"""),
        ("keyword_edit_after", (("CREATE", "INDEX"), " CONCURRENTLY"),
         """CREATE INDEX CONCURRENTLY "index" ON t USING btree (a) WHERE b = 'INDEX' /* INDEX */"""),
        ("keyword_edit_before", ("ON", "/* x */ "),
         """CREATE INDEX "index" /* x */ ON t USING btree (a) WHERE b = 'INDEX' /* INDEX */"""),
        ("replace_keywords", (("USING", "btree"), "USING hash"),
         """CREATE INDEX "index" ON t USING hash (a) WHERE b = 'INDEX' /* INDEX */"""),
        ("append_edit", (" NOT VALID",),
         """CREATE INDEX "index" ON t USING btree (a) WHERE b = 'INDEX' NOT VALID /* INDEX */"""),
    ],
    ids=["after-keyword", "after-sequence", "before-keyword", "replace-sequence", "append"],
)
def test_edits_locate_tokens_not_text_in_literals(method: str, args: tuple[object, ...], expected: str) -> None:
    migration = analyzed(EDIT_SQL)
    ctx = LintContext(migration)
    stmt = ctx.statements[1]
    edit = getattr(ctx, method)(stmt, *args)
    assert isinstance(edit, Edit)
    fixed = apply_edits(migration.migration.source.text, [edit])
    assert fixed.splitlines()[1] == expected + ";"


def test_keyword_inside_string_only_is_not_found() -> None:
    ctx = LintContext(analyzed("SELECT 'CONCURRENTLY', \"CONCURRENTLY\";"))
    assert ctx.find_keywords(ctx.statements[0], "CONCURRENTLY") is None


def test_sub_span_has_one_based_positions() -> None:
    ctx = LintContext(analyzed("SELECT 1;\nALTER TABLE t\n  ADD COLUMN c int;"))
    stmt = ctx.statements[1]
    start, end = ctx.find_keywords(stmt, ("ADD", "COLUMN")) or (0, 0)
    span = ctx.sub_span(stmt, start, end)
    assert (span.line, span.col, span.end_line, span.end_col) == (3, 3, 3, 13)


NEW_TABLE_SQL = """CREATE INDEX ix ON users (email);
CREATE TABLE t2 (id int REFERENCES users (id));
CREATE TABLE t3 AS SELECT * FROM users;
CREATE MATERIALIZED VIEW mv AS SELECT * FROM users;
CREATE UNLOGGED TABLE IF NOT EXISTS "Odd" (id int);
ALTER TABLE t2 RENAME TO t2_renamed;
ALTER TABLE users RENAME TO people;
SELECT 1;
"""


@pytest.mark.parametrize(
    "name, new",
    [("users", False), ("people", False), ("public.ix", True), ("t2", True), ("t3", True), ("mv", True),
     ('"Odd"', True), ("odd", False), ("t2_renamed", True)],
    ids=["indexed-table-stays-old", "renamed-old-table-stays-old", "new-index", "new-table-with-fk",
         "create-table-as", "materialized-view", "quoted-unlogged", "quoted-case-matters",
         "rename-of-new-table"],
)
def test_is_new_table_with_the_real_analysis(name: str, new: bool) -> None:
    from migrator.lint.testing import analyze_sql

    migration = analyze_sql(NEW_TABLE_SQL, earlier="CREATE TABLE users (id bigint PRIMARY KEY, email text);")
    ctx = LintContext(migration)
    assert ctx.is_new_table(name, len(ctx.statements) - 1) is new


def test_schema_before_each_statement_with_the_real_analysis() -> None:
    from migrator.lint.testing import analyze_sql

    migration = analyze_sql("CREATE TABLE t (a int);\nALTER TABLE users ADD COLUMN b int;\nSELECT 1;",
                            earlier="CREATE TABLE users (id bigint PRIMARY KEY);")
    ctx = LintContext(migration)
    assert ctx.schema_at(0).table("public.users") is not None
    assert ctx.schema_at(0).table("public.t") is None
    assert ctx.schema_at(2).table("public.t") is not None
    assert ctx.schema_at(2).table("public.users").column("b") is not None
    assert ctx.schema_at(1).table("public.users").column("b") is None  # going back replays again
