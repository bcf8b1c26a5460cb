"""Applying fix edits: offsets into the original text, overlaps skipped, safety levels honoured."""

from __future__ import annotations

import pytest

from migrator.lint.fixes import apply_edits, apply_fixes
from migrator.lint.model import Edit, Finding, Fix, Severity
from migrator.sql.source import Span

SPAN = Span("m.sql", 0, 1, 1, 1, 1, 2)


def _finding(fix: Fix | None) -> Finding:
    return Finding("r", "M801", Severity.ERROR, "m", SPAN, fix=fix)


def test_apply_edits_uses_original_offsets() -> None:
    text = "CREATE INDEX i ON t (a);"
    edits = [Edit(12, 12, " CONCURRENTLY"), Edit(23, 23, " -- done")]
    assert apply_edits(text, edits) == "CREATE INDEX CONCURRENTLY i ON t (a) -- done;"


@pytest.mark.parametrize(
    "fix, unsafe, expected",
    [
        (Fix.safe("s", Edit(0, 1, "X")), False, "Xbc"),
        (Fix.unsafe("u", Edit(0, 1, "X")), False, "abc"),
        (Fix.unsafe("u", Edit(0, 1, "X")), True, "Xbc"),
        (Fix.display_only("d", Edit(0, 1, "X")), True, "abc"),
        (Fix.safe("missing edit", Edit(0, 1, "X"), None), True, "abc"),
    ],
    ids=["safe-applied", "unsafe-skipped-by-default", "unsafe-when-asked", "display-only-never",
         "unlocated-edit-drops-fix"],
)
def test_applicability(fix: Fix, unsafe: bool, expected: str) -> None:
    assert apply_fixes("abc", [_finding(fix)], unsafe=unsafe).text == expected


def test_overlapping_fix_is_skipped_whole() -> None:
    first = _finding(Fix.safe("a", Edit(0, 2, "XY")))
    second = _finding(Fix.safe("b", Edit(1, 3, "ZZ"), Edit(3, 3, "!")))
    outcome = apply_fixes("abc", [first, second])
    assert (outcome.text, outcome.skipped) == ("XYc", (second,))
