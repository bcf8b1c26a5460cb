"""Applying fixes: merge the text edits of findings into a source text.

Only `safe` fixes are applied by default; `unsafe` ones when asked; `display-only` never. A fix is
applied whole or not at all: when its edits overlap an edit already taken, it is skipped (the
next lint run reports it again). Edits are offsets into the original `Source.text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from migrator.lint.model import Applicability, Edit, Finding, Fix


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The fixed text and which findings' fixes were applied or skipped."""

    text: str
    applied: tuple[Finding, ...]
    skipped: tuple[Finding, ...]


def fix_applies(fix: Fix | None, *, unsafe: bool) -> bool:
    """True when `fix` would be applied with the given `--unsafe-fixes` choice."""
    if fix is None or not fix.edits:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == edit.end == other.start == other.end:
            return True  # two inserts at one point: order would be arbitrary
    return False


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with non-overlapping `edits` applied (offsets into the original `text`)."""
    result = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        result = result[:edit.start] + edit.text + result[edit.end:]
    return result


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> FixOutcome:
    """Apply the fixes of `findings` to `text` (the source they were found in)."""
    taken: list[Edit] = []
    applied: list[Finding] = []
    skipped: list[Finding] = []
    for finding in findings:
        if not fix_applies(finding.fix, unsafe=unsafe):
            continue
        assert finding.fix is not None
        edits = list(finding.fix.edits)
        if any(e.start < 0 or e.end > len(text) or e.start > e.end for e in edits) or any(
                _overlaps(e, taken) for e in edits):
            skipped.append(finding)
            continue
        taken.extend(edits)
        applied.append(finding)
    return FixOutcome(apply_edits(text, taken), tuple(applied), tuple(skipped))
