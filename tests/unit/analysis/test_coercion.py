"""Type-change costs (pg/coercion.py). Each row was measured on pg15 and pg18 (relfilenode of the
table and of the column's index before/after), and the knowledge verification re-checks the
representative ones on every server."""

from __future__ import annotations

import pytest

from migrator.analysis.pg.coercion import TypeChange, TypeRef, classify_type_change


def t(base: str, *mods: int) -> TypeRef:
    return TypeRef(base=base, mods=mods)


VC, NUM, TS, TSZ = "character varying", "numeric", "timestamp without time zone", "timestamp with time zone"

ROWS = [
    (t(VC, 10), t(VC, 20), False, TypeChange.NONE),
    (t(VC, 10), t(VC), False, TypeChange.NONE),
    (t(VC, 10), t("text"), False, TypeChange.NONE),
    (t(VC, 10), t(VC, 5), False, TypeChange.REWRITE),
    (t("text"), t(VC), False, TypeChange.NONE),
    (t("text"), t(VC, 20), False, TypeChange.REWRITE),
    (t(NUM, 10, 2), t(NUM, 12, 2), False, TypeChange.NONE),
    (t(NUM, 10, 2), t(NUM), False, TypeChange.NONE),
    (t(NUM, 10, 2), t(NUM, 12, 3), False, TypeChange.REWRITE),
    (t(NUM), t(NUM, 10, 2), False, TypeChange.REWRITE),
    (t(TS, 3), t(TS, 6), False, TypeChange.NONE),
    (t(TS, 3), t(TS, 1), False, TypeChange.REWRITE),
    (t("integer"), t("bigint"), False, TypeChange.REWRITE),
    (t("bigint"), t("integer"), False, TypeChange.REWRITE),
    (t("integer"), t("text"), False, TypeChange.REWRITE),
    (t("json"), t("jsonb"), False, TypeChange.REWRITE),
    (t("character", 5), t("character", 10), False, TypeChange.REWRITE),
    (t("character", 5), t("text"), False, TypeChange.REWRITE),
    (t("cidr"), t("inet"), False, TypeChange.NONE),
    (t("bit", 4), t("bit varying"), False, TypeChange.NONE),
    (t("citext"), t("text"), True, TypeChange.INDEX_REBUILD),
    (t("text"), t("citext"), True, TypeChange.INDEX_REBUILD),
    (t("text"), t("citext"), False, TypeChange.NONE),
    (t(VC, 10), t("text"), True, TypeChange.NONE),
]


@pytest.mark.parametrize("old, new, indexed, change", ROWS, ids=[f"{r[0].base}{r[0].mods}->{r[1].base}{r[1].mods}"
                                                                 f"{'-indexed' if r[2] else ''}" for r in ROWS])
def test_type_change_cost(old: TypeRef, new: TypeRef, indexed: bool, change: TypeChange) -> None:
    assert classify_type_change(old, new, column_indexed=indexed).change is change


@pytest.mark.parametrize("utc, change", [(False, TypeChange.REWRITE), (True, TypeChange.NONE)], ids=["not-utc", "utc"])
def test_timestamp_to_timestamptz_depends_on_the_session_time_zone(utc: bool, change: TypeChange) -> None:
    assert classify_type_change(t(TS), t(TSZ), session_utc=utc).change is change
    assert classify_type_change(t(TSZ), t(TS), session_utc=utc).change is change


def test_unknown_old_type_is_treated_as_a_rewrite_and_says_so() -> None:
    verdict = classify_type_change(None, t("bigint"))
    assert verdict.change is TypeChange.UNKNOWN and "not in the schema model" in verdict.reason


def test_a_using_clause_is_assumed_to_rewrite() -> None:
    assert classify_type_change(t(VC, 10), t(VC, 20), has_using=True).change is TypeChange.REWRITE
