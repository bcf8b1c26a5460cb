"""Lint migrations: what `migrator lint` does (read, parse, analyse, lint, fix, baseline).

    >>> report = lint_paths(["examples/sql"])        # doctest: +SKIP
    >>> report.exit_code, len(report.result.findings)  # doctest: +SKIP
    (1, 4)

Each file is linted with the settings of its nearest configuration file (monorepos); files are
analysed in migration order, so earlier files build the schema later ones are checked against.
Files that share a configuration file and a target version are analysed together.
"""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from migrator.analysis.facts import AnalyzedMigration
from migrator.config import ConfigResolver, LintSettings, Overrides, resolver
from migrator.errors import ConfigError, InputError
from migrator.lint.baseline import (
    build_baseline,
    display_path,
    fingerprints,
    read_baseline,
    write_baseline,
)
from migrator.lint.fixes import apply_fixes, fix_applies
from migrator.lint.model import Finding, Severity
from migrator.lint.registry import RuleSet, all_rules
from migrator.lint.runner import (
    FileResult,
    LintResult,
    enabled_rules,
    lint_migration,
    severity_overrides,
)
from migrator.sql.source import Source, SourceKind, Span, runner_wraps_in_transaction
from migrator.sql.statement import Migration

logger = logging.getLogger(__name__)

MAX_FIX_PASSES = 4


@dataclass(frozen=True, slots=True)
class LintReport:
    """The outcome of `migrator lint`.

    Attributes:
        result: findings per file (after suppressions and the baseline filter).
        rules: the rule set used (for renderers: docs, summaries).
        fingerprints: per file, the baseline fingerprint of each finding (same order).
        baseline_path: the baseline file used or written (None: no baseline).
        baseline_recorded: number of findings written to a new/updated baseline (None: not written).
        baseline_hidden: findings hidden because the baseline holds them.
        fixes_applied: (path, number of fixes applied) for each file written by `--fix`.
        fixable: findings whose fix `--fix` (or `--fix --unsafe-fixes`) would apply.
    """

    result: LintResult
    rules: RuleSet
    fingerprints: tuple[tuple[str, ...], ...] = ()
    baseline_path: str | None = None
    baseline_recorded: int | None = None
    baseline_hidden: int = 0
    fixes_applied: tuple[tuple[str, int], ...] = ()
    fixable_safe: int = 0
    fixable_unsafe: int = 0
    diffs: tuple[tuple[str, str], ...] = ()  # (path, unified diff) of the fixes `--diff` shows

    @property
    def exit_code(self) -> int:
        """0: nothing at or above fail_on; 1: findings (a freshly recorded baseline passes)."""
        if self.baseline_recorded is not None:
            return 0
        return self.result.exit_code


def _analysis_failure(source: Source, settings: LintSettings, rules: RuleSet, exc: Exception) -> FileResult:
    """A file the pipeline could not analyse: one unknown finding (unknown is never safe)."""
    tool = rules.get("M900")
    span = Span(source.path, 0, 0, 1, 1, 1, 1)
    message = (f"migrator could not analyse this file ({type(exc).__name__}: {exc}); "
               "this is a bug in migrator, please report it")
    finding = Finding(rule=tool.name if tool else "unparsed-statement", code="M900",
                      severity=Severity.ERROR, message=message, span=span,
                      help="Review this migration by hand")
    return FileResult(source, (finding,), settings, 0, 0)


def _parse(source: Source, settings: LintSettings) -> Migration:
    from migrator.sql.parse import parse_source

    return parse_source(source, assume_in_transaction=settings.assume_in_transaction)


def _file_settings(source: Source, config: ConfigResolver) -> LintSettings:
    """The file's settings; a dbmate/goose/sql-migrate file's own transaction markers decide
    `assume_in_transaction` unless the command line set it."""
    settings = config.settings_for(source.path)
    if source.kind is not SourceKind.SQL or config.overrides.assume_in_transaction is not None:
        return settings
    wrapped = runner_wraps_in_transaction(source.text)
    return settings if wrapped is None else replace(settings, assume_in_transaction=wrapped)


def _lint_sources(sources: Sequence[Source], config: ConfigResolver, rules: RuleSet,
                  strict: bool) -> LintResult:
    from migrator.analysis.analyze import analyze

    settings = [_file_settings(s, config) for s in sources]
    for file_settings in settings:  # configuration mistakes are exit 2 before any work
        enabled_rules(rules, file_settings)
        severity_overrides(rules, file_settings)
    groups: dict[tuple[str | None, int], list[int]] = {}
    for index, (source, file_settings) in enumerate(zip(sources, settings, strict=True)):
        groups.setdefault((config.for_file(source.path).path, file_settings.pg_version), []).append(index)
    results: dict[int, FileResult] = {}
    for (_, pg_version), indexes in groups.items():
        try:
            migrations = [_parse(sources[i], settings[i]) for i in indexes]
            analyzed: Sequence[AnalyzedMigration] = analyze(migrations, pg_version=pg_version)
        except Exception as exc:  # never a traceback for the user: unknown, with a finding
            if strict:
                raise
            logger.exception("analysis failed")
            for i in indexes:
                results[i] = _analysis_failure(sources[i], settings[i], rules, exc)
            continue
        for i, item in zip(indexes, analyzed, strict=True):
            results[i] = lint_migration(item, settings[i], rules, strict=strict)
    return LintResult(tuple(results[i] for i in range(len(sources))))


def _fingerprints(result: LintResult) -> tuple[tuple[str, ...], ...]:
    return tuple(fingerprints(file.findings, file.source, file.statements_sql) for file in result.files)


def fix_diffs(result: LintResult, unsafe: bool) -> tuple[tuple[str, str], ...]:
    """(path, unified diff) for every SQL file that the fixes would change."""
    diffs = []
    for file in result.files:
        if file.source.kind is not SourceKind.SQL:
            continue
        outcome = apply_fixes(file.source.text, file.findings, unsafe=unsafe)
        if not outcome.applied:
            continue
        path = display_path(file.source.path)
        lines = difflib.unified_diff(file.source.text.splitlines(keepends=True),
                                     outcome.text.splitlines(keepends=True), f"a/{path}", f"b/{path}")
        diffs.append((path, "".join(line if line.endswith("\n") else line + "\n" for line in lines)))
    return tuple(diffs)


def _apply_fixes(result: LintResult, unsafe: bool) -> list[tuple[str, int]]:
    written = []
    for file in result.files:
        source = file.source
        if source.kind is not SourceKind.SQL or source.path in ("-", "<stdin>"):
            continue
        outcome = apply_fixes(source.text, file.findings, unsafe=unsafe)
        if not outcome.applied:
            continue
        path = Path(source.path)
        try:
            original = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"{source.path}: cannot read for --fix: {exc.strerror or exc}") from None
        if original.replace("\r\n", "\n") != source.text.replace("\r\n", "\n"):
            logger.warning("%s: not written back (the file has up/down sections or changed)", source.path)
            continue
        try:
            path.write_text(outcome.text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{source.path}: cannot write fixes: {exc.strerror or exc}") from None
        written.append((source.path, len(outcome.applied)))
    return written


def _configured_baseline(config: ConfigResolver) -> str | None:
    """The `baseline` key of the current directory's configuration, relative to its file."""
    found = config.for_file(os.path.join(os.getcwd(), "_"))
    value = dict(found.values).get("baseline")
    if not value:
        return None
    if not isinstance(value, str):
        raise ConfigError("baseline", "expected a file path", found.path)
    return os.path.join(found.root, value)


def lint_paths(
    paths: Sequence[str],
    *,
    overrides: Overrides | None = None,
    stdin_text: str | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
    baseline: str | None = None,
    update_baseline: bool = False,
    rules: RuleSet | None = None,
    strict: bool = False,
    diff: bool = False,
) -> LintReport:
    """Lint migrations given as files, directories or `-` (stdin).

    Args:
        paths: what to lint (directories in migration order).
        overrides: command-line values (they win over `MIGRATOR_*` env and config files).
        stdin_text: the text of `-` when already read.
        fix: apply safe fixes to SQL files and write them back (never Alembic revisions).
        unsafe_fixes: with `fix`, also apply unsafe fixes.
        baseline: a baseline file: written when missing (or with `update_baseline`), otherwise
            findings it holds are hidden.
        rules: the rule set (default: all registered rules).
        strict: raise internal errors instead of turning them into findings (tests).
        diff: compute the unified diff of the fixes (safe, plus unsafe with `unsafe_fixes`)
            without writing anything.

    Raises:
        InputError: unreadable paths, bad configuration (ConfigError), bad baseline file.
    """
    from migrator.sql.source import load_sources

    rules = rules if rules is not None else all_rules()
    config = resolver(overrides)
    sources = load_sources(paths, stdin_text=stdin_text)
    stdin_text = next((s.text for s in sources if s.path == "<stdin>"), stdin_text)  # read it once
    result = _lint_sources(sources, config, rules, strict)
    written: dict[str, int] = {}
    passes = 0
    while fix and passes < MAX_FIX_PASSES:
        passes += 1
        applied = _apply_fixes(result, unsafe_fixes)
        if not applied:
            break
        for path, count in applied:
            written[path] = written.get(path, 0) + count
        sources = load_sources(paths, stdin_text=stdin_text)
        result = _lint_sources(sources, config, rules, strict)
    prints = _fingerprints(result)
    writable = [f for file in result.files if file.source.kind is SourceKind.SQL for f in file.findings]
    fixable_safe = sum(1 for f in writable if fix_applies(f.fix, unsafe=False))
    fixable_unsafe = sum(1 for f in writable if fix_applies(f.fix, unsafe=True)) - fixable_safe
    report = LintReport(result, rules, prints, fixes_applied=tuple(written.items()),
                        fixable_safe=fixable_safe, fixable_unsafe=fixable_unsafe,
                        diffs=fix_diffs(result, unsafe_fixes) if diff else ())
    if baseline is None:
        baseline = _configured_baseline(config)
    if baseline is None:
        return report
    if update_baseline or not Path(baseline).exists():
        pairs = [(f, fp) for file, fps in zip(result.files, prints, strict=True)
                 for f, fp in zip(file.findings, fps, strict=True)]
        write_baseline(baseline, build_baseline(pairs))
        return replace(report, baseline_path=baseline, baseline_recorded=len(pairs))
    known = read_baseline(baseline).fingerprint_set
    files = []
    kept_prints = []
    hidden = 0
    for file, fps in zip(result.files, prints, strict=True):
        keep = [(f, fp) for f, fp in zip(file.findings, fps, strict=True) if fp not in known]
        hidden += len(file.findings) - len(keep)
        files.append(replace(file, findings=tuple(f for f, _ in keep)))
        kept_prints.append(tuple(fp for _, fp in keep))
    return replace(report, result=LintResult(tuple(files)), fingerprints=tuple(kept_prints),
                   baseline_path=baseline, baseline_hidden=hidden)

