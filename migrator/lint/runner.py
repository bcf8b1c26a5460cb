"""The lint runner: run the enabled rules over analysed migrations and collect their findings.

For each migration it builds one `LintContext`, calls every enabled rule's `check` on every
statement, applies severity overrides and suppressions, and returns the findings sorted by
position. A rule that raises is a bug in migrator: the runner turns it into an error finding
(unless `strict`, used by the test suite) so one broken rule cannot hide the others.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from migrator.analysis.facts import AnalyzedMigration, Facts
from migrator.config import LintSettings
from migrator.errors import ConfigError
from migrator.lint.context import LintContext
from migrator.lint.model import Applicability, Finding, Rule, Severity, Status
from migrator.lint.registry import RuleSet, all_rules, did_you_mean
from migrator.lint.suppress import apply_suppressions
from migrator.sql.source import Source, SourceKind

logger = logging.getLogger(__name__)
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


@dataclass(frozen=True, slots=True)
class FileResult:
    """The findings of one migration file, and the settings they were produced with."""

    source: Source
    findings: tuple[Finding, ...]
    settings: LintSettings
    suppressed: int = 0
    statements: int = 0
    statements_sql: tuple[str, ...] = ()  # exact text of each statement (baseline fingerprints)

    @property
    def failed(self) -> bool:
        threshold = self.settings.fail_on_severity
        return threshold is not None and any(f.severity.rank >= threshold.rank for f in self.findings)


@dataclass(frozen=True, slots=True)
class LintResult:
    """The findings of a lint run, file by file (in migration order)."""

    files: tuple[FileResult, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for file in self.files for f in file.findings)

    @property
    def failed(self) -> bool:
        """Some finding is at or above its file's `fail_on` severity."""
        return any(file.failed for file in self.files)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    @property
    def statement_count(self) -> int:
        return sum(file.statements for file in self.files)


_EXACT = 5  # `_specificity` of a selector that names the rule itself (code, name, alias)


def _specificity(selector: str, rule: Rule, rules: RuleSet) -> int:
    """How precisely `selector` names `rule` (0: not at all; ALL=1, M=2, M1=3, M10=4, exact=5)."""
    key = selector.strip()
    if key.upper() == "ALL":
        return 1
    upper = key.upper()
    if upper.startswith("M") and upper[1:].isdigit() and len(upper) <= 4:
        if not rule.code.startswith(upper):
            return 0
        return 5 if upper == rule.code else len(upper) + 1
    if upper == "M":
        return 2
    found = rules.get(key)
    return 5 if found is not None and found.code == rule.code else 0


def check_selectors(selectors: Sequence[str], rules: RuleSet, key: str, path: str | None) -> None:
    """Raise `ConfigError` for a selector that names no rule (with a "did you mean")."""
    for selector in selectors:
        if selector.strip().upper() == "ALL" or rules.matching(selector):
            continue
        if re.fullmatch(r"M\d{1,2}", selector.strip().upper()):
            continue  # a family with no rules (yet) is still a valid selector
        raise ConfigError(key, f"unknown rule or family {selector!r}{did_you_mean(selector, rules.keys())}", path)


def enabled_rules(rules: RuleSet, settings: LintSettings) -> tuple[Rule, ...]:
    """The rules `select`/`ignore` enable: the most specific selector wins; on a tie, ignore.

    A rule in preview (`Status.PREVIEW`) is off unless `settings.preview` is set or a selector
    names it exactly (its code, name or an alias): `ALL` and families do not enable it."""
    check_selectors(settings.select, rules, "select", settings.config_path)
    check_selectors(settings.ignore, rules, "ignore", settings.config_path)
    enabled = []
    for candidate in rules:
        selected = max((_specificity(s, candidate, rules) for s in settings.select), default=0)
        ignored = max((_specificity(s, candidate, rules) for s in settings.ignore), default=0)
        if candidate.status is Status.PREVIEW and not settings.preview and selected < _EXACT:
            continue
        if selected > ignored:
            enabled.append(candidate)
    return tuple(enabled)


def severity_overrides(rules: RuleSet, settings: LintSettings) -> dict[str, Severity]:
    """Effective severity per rule code (`severity` entries, most specific wins, later wins ties)."""
    check_selectors([k for k, _ in settings.severity], rules, "severity", settings.config_path)
    result: dict[str, Severity] = {}
    for candidate in rules:
        best = 0
        for selector, severity in settings.severity:
            score = _specificity(selector, candidate, rules)
            if score and score >= best:
                best = score
                result[candidate.code] = severity
        result.setdefault(candidate.code, candidate.severity)
    return result


def _crash_finding(rule: Rule, stmt_index: int, analyzed: AnalyzedMigration, exc: Exception) -> Finding:
    stmt = analyzed.migration.statements[stmt_index]
    return Finding(
        rule=rule.name, code=rule.code, severity=Severity.ERROR,
        message=f"rule {rule.name} failed on this statement ({type(exc).__name__}: {exc}); "
                "this is a bug in migrator, please report it",
        span=stmt.span, help="Review this statement by hand", statement_index=stmt_index)


DEFAULT_SETTINGS = LintSettings()


def lint_migration(
    analyzed: AnalyzedMigration,
    settings: LintSettings = DEFAULT_SETTINGS,
    rules: RuleSet | None = None,
    *,
    strict: bool = False,
) -> FileResult:
    """Lint one analysed migration.

    Args:
        analyzed: the migration and the facts of each statement.
        settings: effective settings for this file (version, select/ignore, severities...).
        rules: the rules to choose from (default: all registered rules).
        strict: let exceptions raised by rules propagate (tests).
    """
    rules = rules if rules is not None else all_rules()
    active = enabled_rules(rules, settings)
    severities = severity_overrides(rules, settings)
    ctx = LintContext(analyzed, pg_version=settings.pg_version,
                      assume_in_transaction=settings.assume_in_transaction)
    statements = analyzed.migration.statements
    findings: list[Finding] = []
    all_facts = analyzed.facts
    # Edits of an Alembic revision point into its rendered SQL, not the Python file: advice only.
    editable = analyzed.migration.source.kind is SourceKind.SQL
    for index, stmt in enumerate(statements):
        facts = all_facts[index] if index < len(all_facts) else Facts(statement_index=index)
        ctx.index = index
        for current in active:
            ctx.rule = current
            try:
                produced = list(current.check(stmt, facts, ctx))
            except Exception as exc:  # a rule bug must not hide the other findings
                if strict:
                    raise
                logger.exception("rule %s crashed on statement %d of %s", current.name, index,
                                 analyzed.migration.source.path)
                produced = [_crash_finding(current, index, analyzed, exc)]
            if not produced:
                continue
            for finding in produced:
                wanted = severities.get(finding.code, finding.severity)
                if finding.severity is not wanted:
                    finding = replace(finding, severity=wanted)
                if not editable and finding.fix is not None and finding.fix.applicability is not DISPLAY_ONLY:
                    finding = replace(finding, fix=replace(finding.fix, applicability=DISPLAY_ONLY))
                findings.append(finding)
    kept, suppressed = apply_suppressions(
        analyzed.migration.source, statements, findings, rules,
        frozenset(r.code for r in active), severities)
    ordered = tuple(sorted(kept, key=lambda f: (f.span.line, f.span.col, f.code)))
    return FileResult(analyzed.migration.source, ordered, settings, suppressed, len(statements),
                      tuple(s.sql for s in statements))


def lint(
    analyzed: Sequence[AnalyzedMigration] | AnalyzedMigration,
    settings: LintSettings | Sequence[LintSettings] = DEFAULT_SETTINGS,
    rules: RuleSet | None = None,
    *,
    strict: bool = False,
) -> LintResult:
    """Lint analysed migrations (one `LintSettings` for all, or one per migration)."""
    migrations = (analyzed,) if isinstance(analyzed, AnalyzedMigration) else tuple(analyzed)
    per_file = ([settings] * len(migrations) if isinstance(settings, LintSettings) else list(settings))
    if len(per_file) != len(migrations):
        raise ValueError("one LintSettings per migration expected")
    return LintResult(tuple(lint_migration(m, s, rules, strict=strict)
                            for m, s in zip(migrations, per_file, strict=True)))
