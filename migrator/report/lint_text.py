"""`migrator lint` text output: a code frame per finding, then a summary.

    migrations/002.sql:3:1: error[M101 index-without-concurrently] Building an index without …
       |
     2 | -- add the index
     3 | CREATE INDEX ix_users_email ON users (email);
       | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
       = help: Use CREATE INDEX CONCURRENTLY outside a transaction block
       = fix (unsafe): Add CONCURRENTLY
       - CREATE INDEX ix_users_email ON users (email);
       + CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
       = facts: SHARE lock on public.users, blocks writes, scans the table, risk dangerous

Colour on a terminal; plain text in a CI log or with NO_COLOR (rich decides).
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from migrator.analysis.facts import Facts
from migrator.api.lint import LintReport
from migrator.lint.fixes import apply_edits
from migrator.lint.model import Finding, Severity
from migrator.lint.runner import FileResult
from migrator.report.lint_common import path_of
from migrator.sql.source import SourceKind

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
MAX_FRAME_LINES = 6


def _frame_lines(file: FileResult) -> list[str]:
    source = file.source
    text = source.original_text if source.kind is SourceKind.ALEMBIC and source.original_text else source.text
    return text.splitlines()


def _facts_line(facts: Facts | None) -> str | None:
    if facts is None:
        return None
    parts = []
    old = sorted({lk.relation for lk in facts.locks if not lk.new and lk.mode == facts.lock})
    if facts.lock is not None:
        parts.append(f"{facts.lock} lock" + (f" on {', '.join(old)}" if old else ""))
    if facts.blocks_reads and facts.blocks_writes:
        parts.append("blocks reads and writes")
    elif facts.blocks_writes:
        parts.append("blocks writes")
    if facts.rewrite:
        parts.append("rewrites the table")
    if facts.scan:
        parts.append("scans the table")
    parts.append(f"risk {facts.risk}")
    return ", ".join(parts)


def _fix_diff(file: FileResult, finding: Finding) -> list[tuple[str, str]]:
    """(-/+, line) pairs: the finding's lines before and after its fix (SQL sources only)."""
    fix = finding.fix
    if fix is None or not fix.edits or file.source.kind is not SourceKind.SQL:
        return []
    text = file.source.text
    first = min(e.start for e in fix.edits)
    last = max(e.end for e in fix.edits)
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", last)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:line_end]
    shifted = [type(e)(e.start - line_start, e.end - line_start, e.text) for e in fix.edits]
    after = apply_edits(before, shifted)
    return [("-", line) for line in before.splitlines()] + [("+", line) for line in after.splitlines()]


def render_finding(console: Console, file: FileResult, finding: Finding, lines: list[str]) -> None:
    span = finding.span
    header = Text.assemble(
        (f"{path_of(finding)}:{span.line}:{span.col}", "bold"), ": ",
        (f"{finding.severity}[{finding.code} {finding.rule}]", SEVERITY_STYLE[finding.severity]), " ",
        finding.message,
    )
    console.print(header)
    last = min(max(span.end_line, span.line), len(lines))
    shown = list(range(max(span.line - 1, 1), min(last, span.line + MAX_FRAME_LINES - 1) + 1))
    width = (len(str(shown[-1])) if shown else 1) + 1
    gutter = " " * width
    console.print(Text(f"{gutter} |", style="blue"))
    for number in shown:
        if number > len(lines):
            break
        content = lines[number - 1]
        marker = ">" if span.line != span.end_line and span.line <= number <= span.end_line else " "
        console.print(Text.assemble((f"{number:>{width}} |", "blue"), (marker, "bold red"), content))
        if number == span.line and span.line == span.end_line:
            start = max(span.col - 1, 0)
            end = max(span.end_col - 1, start + 1)
            end = min(end, max(len(content), start + 1))
            console.print(Text.assemble((f"{gutter} | ", "blue"), " " * start, ("^" * (end - start), "bold red")))
    if shown and span.end_line > shown[-1]:
        console.print(Text(f"{gutter} | … ({span.end_line - shown[-1]} more lines)", style="dim"))
    if finding.help:
        console.print(Text.assemble((f"{gutter} = ", "blue"), ("help", "bold"), f": {finding.help}"))
    if finding.fix is not None:
        console.print(Text.assemble((f"{gutter} = ", "blue"), ("fix", "bold"),
                                    f" ({finding.fix.applicability}): {finding.fix.title}"))
        for sign, line in _fix_diff(file, finding):
            console.print(Text.assemble((f"{gutter}   ", "blue"), (f"{sign} {line}", "red" if sign == "-" else "green")))
    facts = _facts_line(finding.facts)
    if facts:
        console.print(Text.assemble((f"{gutter} = ", "blue"), ("facts", "bold"), f": {facts}"))
    console.print()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_lint_text(console: Console, report: LintReport) -> None:
    result = report.result
    for file in result.files:
        if not file.findings:
            continue
        lines = _frame_lines(file)
        for finding in file.findings:
            render_finding(console, file, finding, lines)
    findings = result.findings
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    files = len(result.files)
    if report.baseline_recorded is not None:
        console.print(f"Baseline {report.baseline_path}: recorded {_plural(report.baseline_recorded, 'finding')}.")
        return
    if findings:
        detail = ", ".join(_plural(counts[s], str(s)) for s in Severity if counts[s])
        summary = Text.assemble(("Found ", "bold"), (_plural(len(findings), "finding"), "bold"),
                                f" ({detail}) in {_plural(files, 'file')}")
    else:
        summary = Text.assemble(("All checks passed", "bold green"),
                                f": {_plural(files, 'file')}, {_plural(result.statement_count, 'statement')}")
    extra = []
    suppressed = sum(f.suppressed for f in result.files)
    if suppressed:
        extra.append(f"{suppressed} suppressed")
    if report.baseline_hidden:
        extra.append(f"{report.baseline_hidden} in baseline {report.baseline_path}")
    for path, count in report.fixes_applied:
        extra.append(f"fixed {_plural(count, 'finding')} in {path}")
    summary.append("; " + "; ".join(extra) if extra else "")
    summary.append(".")
    console.print(summary)
    if report.fixable_safe:
        console.print(f"{_plural(report.fixable_safe, 'finding')} fixable with `--fix`.")
    if report.fixable_unsafe:
        console.print(f"{_plural(report.fixable_unsafe, 'more finding')} fixable with `--fix --unsafe-fixes`"
                      " (review them: they may change behaviour).")
