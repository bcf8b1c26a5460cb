"""`migrator lint --format json`: the stable, documented JSON report (docs/lint-json.md)."""

from __future__ import annotations

from typing import Any

from migrator import __version__
from migrator.api.lint import LintReport
from migrator.report.lint_common import edit_json, facts_json, line_index, path_of

JSON_VERSION = 1


def lint_report_to_json(report: LintReport) -> dict[str, Any]:
    """The report as JSON-ready values: 1-based lines and columns, facts and fix edits."""
    findings = []
    counts = {"error": 0, "warning": 0, "info": 0}
    for file, prints in zip(report.result.files, report.fingerprints or [()] * len(report.result.files),
                            strict=True):
        index = line_index(file.source)
        for number, finding in enumerate(file.findings):
            counts[str(finding.severity)] += 1
            span = finding.span
            statement = None
            if finding.statement_index is not None and finding.statement_index < len(file.statements_sql):
                statement = {"index": finding.statement_index,
                             "sql": file.statements_sql[finding.statement_index]}
            fix = None
            if finding.fix is not None:
                fix = {"title": finding.fix.title, "applicability": str(finding.fix.applicability),
                       "edits": [edit_json(e, index) for e in finding.fix.edits]}
            findings.append({
                "code": finding.code,
                "rule": finding.rule,
                "severity": str(finding.severity),
                "message": finding.message,
                "help": finding.help,
                "location": {"path": path_of(finding), "line": span.line, "column": span.col,
                             "end_line": span.end_line, "end_column": span.end_col},
                "statement": statement,
                "facts": facts_json(finding.facts),
                "fix": fix,
                "fingerprint": prints[number] if number < len(prints) else None,
            })
    return {
        "version": JSON_VERSION,
        "tool": {"name": "migrator", "version": __version__},
        "summary": {
            "files": len(report.result.files),
            "statements": report.result.statement_count,
            "findings": len(findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "suppressed": sum(f.suppressed for f in report.result.files),
            "baseline_hidden": report.baseline_hidden,
            "failed": report.exit_code == 1,
        },
        "findings": findings,
    }
