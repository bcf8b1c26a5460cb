"""Shared helpers of the lint renderers: positions of edits, facts as plain values, paths."""

from __future__ import annotations

import bisect
import re
from typing import Any

from migrator.analysis.facts import Facts
from migrator.lint.baseline import display_path
from migrator.lint.model import Edit, Finding
from migrator.sql.source import Source, SourceKind


class LineIndex:
    """1-based line/column of offsets in a text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def facts_json(facts: Facts | None) -> dict[str, Any] | None:
    """The facts of a statement as JSON values (lock names as PostgreSQL writes them)."""
    if facts is None:
        return None
    return {
        "lock": str(facts.lock) if facts.lock is not None else None,
        "locks": [{"relation": lk.relation, "mode": str(lk.mode), "kind": str(lk.kind), "new": lk.new}
                  for lk in facts.locks],
        "tables": list(facts.tables),
        "rewrite": facts.rewrite,
        "scan": facts.scan,
        "blocks_reads": facts.blocks_reads,
        "blocks_writes": facts.blocks_writes,
        "transactional": facts.transactional,
        "destructive": facts.destructive,
        "backward_incompatible": facts.backward_incompatible,
        "risk": str(facts.risk),
        "reasons": list(facts.reasons),
    }


def edit_json(edit: Edit, index: LineIndex | None) -> dict[str, Any]:
    """An edit with 0-based offsets and, for SQL sources, 1-based positions."""
    value: dict[str, Any] = {"start": edit.start, "end": edit.end, "text": edit.text}
    if index is not None:
        value["line"], value["column"] = index.position(edit.start)
        value["end_line"], value["end_column"] = index.position(edit.end)
    return value


def line_index(source: Source | None) -> LineIndex | None:
    if source is None or source.kind is not SourceKind.SQL:
        return None
    return LineIndex(source.text)


def finding_title(finding: Finding) -> str:
    return f"{finding.code} {finding.rule}"


def path_of(finding: Finding) -> str:
    return display_path(finding.span.path)
