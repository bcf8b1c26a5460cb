"""Test helpers for lint unit tests: analysed migrations without the analysis engine.

Facts are built by hand (or default to SAFE for understood statements, UNKNOWN otherwise) so
these tests pin the lint framework, not the analyzer's knowledge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.sql.parse import parse_source
from migrator.sql.source import Source, SourceKind
from migrator.sql.statement import Statement

FactsFor = Callable[[Statement], Facts]


def default_facts(stmt: Statement) -> Facts:
    return Facts(statement_index=stmt.index, risk=Risk.SAFE if stmt.understood else Risk.UNKNOWN)


def analyzed(sql: str, *, path: str = "m.sql", facts_for: FactsFor = default_facts,
             assume_in_transaction: bool = False, kind: SourceKind = SourceKind.SQL) -> AnalyzedMigration:
    migration = parse_source(Source(path, sql, kind), assume_in_transaction=assume_in_transaction)
    return AnalyzedMigration(migration, tuple(facts_for(s) for s in migration.statements))


def statement_lines(findings: Sequence[object]) -> list[tuple[str, int]]:
    return [(f.code, f.span.line) for f in findings]  # type: ignore[attr-defined]


def make_rule_module(name: str, code: str, check: Callable[..., object], *, severity: str = "error",
                     doc: str | None = None, aliases: tuple[str, ...] = ()) -> object:
    """A throwaway rule module whose `check` is `check` (for runner and suppression tests)."""
    import types

    from migrator.lint.model import Severity
    from migrator.lint.registry import rule

    module = types.ModuleType(f"tests_fake_rules.{name.replace('-', '_')}")
    module.__doc__ = doc or f"Fake rule {name}.\n\n## What it does\nTest.\n"
    check.__module__ = module.__name__
    module.check = rule(code=code, name=name, severity=Severity(severity), aliases=aliases)(check)
    return module


def flag_kind(kind: str) -> Callable[..., object]:
    """A check that flags every statement whose SQL starts with `kind` (case-insensitive)."""

    def check(stmt, facts, ctx):  # type: ignore[no-untyped-def]
        if stmt.sql.upper().startswith(kind.upper()):
            yield ctx.finding(stmt, f"{kind} found", help="do something else")

    return check


def rule_set(*modules: object):  # type: ignore[no-untyped-def]
    """The given fake rule modules plus the real tool rules M900-M902."""
    from lint_rules import suppression_without_reason, unparsed_statement, unused_suppression
    from migrator.lint.registry import load_rules

    return load_rules((*modules, unparsed_statement, unused_suppression, suppression_without_reason))  # type: ignore[arg-type]
