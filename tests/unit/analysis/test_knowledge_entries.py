"""The knowledge base is well-formed data: unique ids, a documentation anchor, an example for
every verified entry, and every verb reachable from the tree reader."""

from __future__ import annotations

import pytest

from migrator.analysis.knowledge import ENTRIES, FAMILIES
from migrator.sql.parse import parse_sql
from migrator.sql.statement import StatementKind

PARSER_GAPS = {
}


def test_entry_ids_are_unique() -> None:
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_entry_is_documented(entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.doc and ".html" in entry.doc
    assert entry.reason.endswith(".")
    if entry.verify:
        assert entry.example.strip(), "a verified entry needs an example"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.verify], ids=[e.id for e in ENTRIES if e.verify])
def test_entry_example_parses(entry) -> None:  # type: ignore[no-untyped-def]
    if entry.id in PARSER_GAPS:
        pytest.xfail(PARSER_GAPS[entry.id])
    for stmt in parse_sql(entry.example).statements:
        assert stmt.kind is not StatementKind.UNKNOWN, stmt.sql


def test_every_family_module_cites_the_docs() -> None:
    for family in FAMILIES:
        assert family.__doc__ and ".html" in family.__doc__, family.__name__


def test_at_least_eighty_verified_forms() -> None:
    assert len({e.form for e in ENTRIES if e.verify}) >= 80
