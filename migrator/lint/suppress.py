"""Suppression comments: find them, apply them to findings, and report bad or unused ones.

Forms (SQL `--` or `/* */` comments; `#` comments in Alembic revision files):

    -- migrator: ignore[index-without-concurrently, M201] built in the maintenance window
    CREATE INDEX ix ON users (email);
    ALTER TABLE t ADD COLUMN c int;  -- migrator: ignore[M3] reason on the statement's own line
    -- migrator: ignore-file[M501] this repository's runner sets lock_timeout

A statement-level suppression applies to the statement whose lines it is on, or to the
statement right below the block of comment lines it belongs to. Rules are named by code, name,
alias or family (`M1`). A suppression without a reason still applies but is finding M902; a
suppression that suppresses nothing (or names an unknown rule) is finding M901.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from migrator.lint.model import Finding, Rule, Severity
from migrator.lint.registry import RuleSet, did_you_mean
from migrator.sql.source import Source, SourceKind, Span
from migrator.sql.statement import Statement

UNUSED_SUPPRESSION = "M901"
SUPPRESSION_WITHOUT_REASON = "M902"

_MARKER = re.compile(r"^(?:--|#|/\*)\s*migrator\s*:", re.IGNORECASE)
_SUPPRESSION = re.compile(
    r"^(?:--|#|/\*)\s*migrator\s*:\s*(?P<kind>ignore-file|ignore)\s*\[(?P<rules>[^\]]*)\]\s*(?P<reason>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SQL_COMMENTS = re.compile(
    r"(?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\$(?P<tag>[A-Za-z_]*)\$.*?\$(?P=tag)\$",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment in a source file: its text (with markers) and where it is (1-based line)."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Suppression:
    """One `migrator: ignore[...]` comment. `keys` as written; `reason` may be empty."""

    keys: tuple[str, ...]
    reason: str
    file_level: bool
    span: Span
    malformed: str = ""  # why the comment could not be read ("" = well-formed)


@dataclass(slots=True)
class _Usage:
    suppression: Suppression
    used: set[str] = field(default_factory=set)


def sql_comments(source: Source) -> tuple[Comment, ...]:
    """Comments of a SQL text (strings, quoted identifiers and dollar-quoted bodies skipped)."""
    text = source.text
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    comments = []
    for match in _SQL_COMMENTS.finditer(text):
        if match["comment"] is None:
            continue
        start, end = match.span("comment")
        line = _line_of(line_starts, start)
        end_line = _line_of(line_starts, end)
        comments.append(Comment(match["comment"], Span(
            source.path, start, end, line, start - line_starts[line - 1] + 1,
            end_line, end - line_starts[end_line - 1] + 1)))
    return tuple(comments)


def python_comments(source: Source) -> tuple[Comment, ...]:
    """`#` comments of an Alembic revision file (its Python text)."""
    text = source.original_text or ""
    comments = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.COMMENT:
                continue
            (line, col), (end_line, end_col) = token.start, token.end
            comments.append(Comment(token.string, Span(source.path, 0, 0, line, col + 1, end_line, end_col + 1)))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        for number, line_text in enumerate(text.splitlines(), start=1):
            position = line_text.find("#")
            if position >= 0 and "migrator" in line_text[position:]:
                comments.append(Comment(line_text[position:], Span(
                    source.path, 0, 0, number, position + 1, number, len(line_text) + 1)))
    return tuple(comments)


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)


def parse_suppression(comment: Comment) -> Suppression | None:
    """The suppression a comment holds, None for ordinary comments."""
    text = comment.text.strip()
    if text.startswith("/*"):
        text = text.removesuffix("*/")
    if not _MARKER.match(text):
        return None
    match = _SUPPRESSION.match(text)
    if match is None:
        return Suppression((), "", False, comment.span,
                           malformed="expected `migrator: ignore[<rule>, ...] <reason>`")
    keys = tuple(k.strip() for k in match["rules"].split(",") if k.strip())
    reason = re.split(r"\s--|\s#\s", " " + match["reason"], maxsplit=1)[0].strip()
    if not keys:
        return Suppression((), reason, match["kind"].lower() == "ignore-file", comment.span,
                           malformed="name at least one rule inside the brackets")
    return Suppression(keys, reason, match["kind"].lower() == "ignore-file", comment.span)


def find_suppressions(source: Source) -> tuple[Suppression, ...]:
    comments = python_comments(source) if source.kind is SourceKind.ALEMBIC else sql_comments(source)
    return tuple(s for s in (parse_suppression(c) for c in comments) if s is not None)


def _comment_only(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(("--", "/*", "*", "#"))


def _statement_lines(source: Source, statements: Sequence[Statement]) -> list[tuple[int, int]]:
    """For each statement, the (first, last) line range a suppression may sit on."""
    text = source.original_text if source.kind is SourceKind.ALEMBIC and source.original_text else source.text
    lines = text.splitlines()
    ranges = []
    previous_end = 0
    for stmt in statements:
        first = stmt.span.line
        while first - 1 > previous_end and first - 2 < len(lines) and _comment_only(lines[first - 2]):
            first -= 1
        ranges.append((first, stmt.span.end_line))
        previous_end = max(previous_end, stmt.span.end_line)
    return ranges


def _matches(rules: RuleSet, key: str, finding: Finding) -> bool:
    return any(r.code == finding.code for r in rules.matching(key))


def apply_suppressions(
    source: Source,
    statements: Sequence[Statement],
    findings: Iterable[Finding],
    rules: RuleSet,
    enabled_codes: frozenset[str],
    severity_of: dict[str, Severity] | None = None,
) -> tuple[tuple[Finding, ...], int]:
    """Drop suppressed findings; add M901/M902 findings for unused or reason-less suppressions.

    Args:
        source: the file (its comments are read here).
        statements: its statements (for line ranges).
        findings: the rules' findings on this file.
        rules: all known rules (to resolve names, codes, aliases, families).
        enabled_codes: rules that ran (a suppression of a rule that did not run is not unused).
        severity_of: effective severity per code (config overrides) for M901/M902.

    Returns:
        (findings kept, number suppressed)
    """
    suppressions = find_suppressions(source)
    if not suppressions:
        return tuple(findings), 0
    usages = [_Usage(s) for s in suppressions]
    ranges = _statement_lines(source, statements)
    kept: list[Finding] = []
    suppressed = 0
    for finding in findings:
        if _suppress(finding, usages, ranges, rules):
            suppressed += 1
        else:
            kept.append(finding)
    tool_findings = list(_tool_findings(usages, rules, enabled_codes, severity_of or {}))
    for finding in tool_findings:
        if any(u.suppression.file_level and any(_matches(rules, k, finding) for k in u.suppression.keys)
               for u in usages):
            suppressed += 1
            continue
        kept.append(finding)
    return tuple(kept), suppressed


def _suppress(finding: Finding, usages: list[_Usage], ranges: list[tuple[int, int]], rules: RuleSet) -> bool:
    index = finding.statement_index
    if index is not None and 0 <= index < len(ranges):
        first, last = ranges[index]
    else:
        first = last = finding.span.line
    hit = False
    for usage in usages:
        s = usage.suppression
        if s.malformed:
            continue
        if not s.file_level and not first <= s.span.line <= last:
            continue
        for key in s.keys:
            if _matches(rules, key, finding):
                usage.used.add(key)
                hit = True
    return hit


def _tool_rule(rules: RuleSet, code: str) -> Rule | None:
    return rules.get(code)


def _tool_findings(usages: list[_Usage], rules: RuleSet, enabled: frozenset[str],
                   severity_of: dict[str, Severity]) -> Iterable[Finding]:
    unused_rule = _tool_rule(rules, UNUSED_SUPPRESSION)
    reasonless_rule = _tool_rule(rules, SUPPRESSION_WITHOUT_REASON)
    for usage in usages:
        s = usage.suppression
        if s.malformed:
            if unused_rule is not None and unused_rule.code in enabled:
                yield _finding(unused_rule, severity_of, s.span,
                               f"this suppression comment cannot be read: {s.malformed}",
                               "Write `-- migrator: ignore[<rule>] <reason>`")
            continue
        if not s.reason and reasonless_rule is not None and reasonless_rule.code in enabled:
            yield _finding(reasonless_rule, severity_of, s.span,
                           f"suppression of {', '.join(s.keys)} gives no reason",
                           "Say why the hazard is acceptable here after the closing bracket")
        if unused_rule is None or unused_rule.code not in enabled:
            continue
        for key in s.keys:
            if key in usage.used:
                continue
            named = rules.matching(key)
            if not named:
                yield _finding(unused_rule, severity_of, s.span,
                               f"suppression names unknown rule {key!r}{did_you_mean(key, rules.keys())}",
                               "Use a rule code or name from `migrator rules`")
                continue
            if not any(r.code in enabled for r in named):
                continue  # the rule did not run: we cannot tell whether it would be used
            where = "in this file" if s.file_level else "on this statement"
            yield _finding(unused_rule, severity_of, s.span,
                           f"suppression of {key} suppresses nothing: no {key} finding {where}",
                           "Remove the stale suppression")


def _finding(rule: Rule, severity_of: dict[str, Severity], span: Span, message: str, help: str) -> Finding:
    return Finding(rule=rule.name, code=rule.code, severity=severity_of.get(rule.code, rule.severity),
                   message=message, span=span, help=help)
