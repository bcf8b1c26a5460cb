"""Lint data types: rules, findings, fixes and test cases.

A rule is a module in `lint_rules/` with a docstring (its documentation), a `check` function
decorated with `@rule(...)`, and `CASES`. Rules read `Facts` and the `LintContext`; they never
compare version numbers or re-derive lock knowledge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from migrator.sql.source import Span

if TYPE_CHECKING:
    from migrator.analysis.facts import Facts
    from migrator.sql.statement import Statement


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(StrEnum):
    """ruff's fix safety: a `safe` fix keeps the exact meaning; an `unsafe` fix may change
    behaviour (applied only on request); a `display-only` fix is shown, never applied."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Status(StrEnum):
    STABLE = "stable"
    PREVIEW = "preview"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `source.text[start:end]` with `text` (insert: start == end; delete: text == "").
    Offsets are into the migration's `Source.text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    @classmethod
    def safe(cls, title: str, *edits: Edit | None) -> Fix:
        return cls(title, _located(edits), Applicability.SAFE)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit | None) -> Fix:
        return cls(title, _located(edits), Applicability.UNSAFE)

    @classmethod
    def display_only(cls, title: str, *edits: Edit | None) -> Fix:
        return cls(title, _located(edits), Applicability.DISPLAY_ONLY)


def _located(edits: tuple[Edit | None, ...]) -> tuple[Edit, ...]:
    """All edits, or none when an edit helper could not locate one (the fix is then dropped
    by `LintContext.finding`, or kept as advice when display-only)."""
    if any(edit is None for edit in edits):
        return ()
    return tuple(edit for edit in edits if edit is not None)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a migration. `span` is 1-based (line, col) for display."""

    rule: str  # kebab-case name, e.g. "index-without-concurrently"
    code: str  # e.g. "M101"
    severity: Severity
    message: str  # what happens: names the lock and what it blocks
    span: Span
    help: str | None = None  # imperative remedy
    fix: Fix | None = None
    statement_index: int | None = None
    facts: Facts | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Case:
    """A test case kept in the rule module: SQL that must (fail) or must not (ok) produce a
    finding of the rule; `fixed` is the SQL after applying the fix; `pg` limits the versions the
    case is checked for (None: all supported); `earlier` is SQL of earlier migration files (the
    schema the case runs against: its tables exist and may be large)."""

    sql: str
    expect: bool
    fixed: str | None = None
    why: str = ""
    pg: tuple[int, ...] | None = None
    earlier: str = ""
    assume_in_transaction: bool = False

    @classmethod
    def ok(cls, sql: str, *, why: str = "", pg: tuple[int, ...] | None = None, earlier: str = "",
           assume_in_transaction: bool = False) -> Case:
        return cls(sql, False, None, why, pg, earlier, assume_in_transaction)

    @classmethod
    def fail(cls, sql: str, *, fixed: str | None = None, why: str = "",
             pg: tuple[int, ...] | None = None, earlier: str = "",
             assume_in_transaction: bool = False) -> Case:
        return cls(sql, True, fixed, why, pg, earlier, assume_in_transaction)


class LintContextProtocol(Protocol):
    """What a rule may ask (implemented by `migrator.lint.context.LintContext`)."""

    def finding(self, stmt: Statement, message: str, *, help: str | None = None,
                fix: Fix | None = None, span: Span | None = None) -> Finding: ...


CheckFn = Callable[["Statement", "Facts", "LintContextProtocol"], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # first line of the docstring
    doc: str  # full Markdown documentation (the module docstring)
    check: CheckFn
    module: str
    aliases: tuple[str, ...] = ()
    hazards: tuple[str, ...] = ()  # HAZARDS.md ids this rule covers, e.g. ("IDX001",)
    status: Status = Status.STABLE
    cases: tuple[Case, ...] = ()

    @property
    def family(self) -> str:
        return self.code[:2]
