"""Baselines: record today's findings, and later report only findings that are new.

A finding's fingerprint is the hash of its rule code, its file path (relative, `/`-separated),
the text of its statement with comments dropped and whitespace collapsed, and its occurrence
number among findings with the same three values. Line numbers are not part of it, so adding
lines above a statement keeps the baseline valid; changing the statement makes it new.

File format (JSON, sorted, stable for review):
    {"version": 1, "tool": "migrator", "findings": [{"fingerprint": "…", "code": "M101",
      "rule": "index-without-concurrently", "path": "migrations/001.sql", "line": 3}]}
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from migrator.errors import InputError
from migrator.lint.model import Finding
from migrator.sql.source import Source, SourceKind

BASELINE_VERSION = 1
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/|#[^\n]*", re.DOTALL)


def display_path(path: str) -> str:
    """`path` relative to the current directory when below it, with `/` separators."""
    if path in ("-", "<stdin>"):
        return path
    try:
        return Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def normalized_statement(text: str) -> str:
    """Statement text without comments and with whitespace collapsed (fingerprint input)."""
    return " ".join(_COMMENTS.sub(" ", text).split())


def _anchor_text(finding: Finding, source: Source | None, statements_sql: Sequence[str]) -> str:
    index = finding.statement_index
    if index is not None and 0 <= index < len(statements_sql):
        return normalized_statement(statements_sql[index])
    if source is None:
        return ""
    text = source.original_text if source.kind is SourceKind.ALEMBIC and source.original_text else source.text
    lines = text.splitlines()
    line = finding.span.line
    return normalized_statement(lines[line - 1]) if 0 < line <= len(lines) else ""


def fingerprints(findings: Sequence[Finding], source: Source | None = None,
                 statements_sql: Sequence[str] = ()) -> tuple[str, ...]:
    """Fingerprints of one file's findings (same order)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for finding in findings:
        key = (finding.code, display_path(finding.span.path), _anchor_text(finding, source, statements_sql))
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(seen[key]))).encode()).hexdigest()[:32]
        result.append(digest)
    return tuple(result)


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    code: str
    rule: str
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]

    @property
    def fingerprint_set(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def build_baseline(pairs: Iterable[tuple[Finding, str]]) -> Baseline:
    """A baseline from (finding, fingerprint) pairs."""
    entries = [BaselineEntry(fp, f.code, f.rule, display_path(f.span.path), f.span.line) for f, fp in pairs]
    return Baseline(tuple(sorted(entries, key=lambda e: (e.path, e.line, e.code, e.fingerprint))))


def write_baseline(path: str, baseline: Baseline) -> None:
    document = {
        "version": BASELINE_VERSION,
        "tool": "migrator",
        "findings": [{"fingerprint": e.fingerprint, "code": e.code, "rule": e.rule, "path": e.path,
                      "line": e.line} for e in baseline.entries],
    }
    try:
        Path(path).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None


def read_baseline(path: str) -> Baseline:
    """Read a baseline file. Raises `InputError` when it is unreadable or malformed."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: baseline is not valid JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION or not isinstance(
            document.get("findings"), list):
        raise InputError(f"{path}: not a migrator baseline (version {BASELINE_VERSION})")
    entries = []
    for item in document["findings"]:
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise InputError(f"{path}: malformed baseline entry {item!r}")
        entries.append(BaselineEntry(item["fingerprint"], str(item.get("code", "")), str(item.get("rule", "")),
                                     str(item.get("path", "")), int(item.get("line", 0) or 0)))
    return Baseline(tuple(entries))
