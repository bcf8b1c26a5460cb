"""`migrator lint --format gitlab`: a GitLab Code Quality report (JSON array of issues)."""

from __future__ import annotations

from typing import Any

from migrator.api.lint import LintReport
from migrator.lint.model import Severity
from migrator.report.lint_common import finding_title, path_of

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def lint_report_to_gitlab(report: LintReport) -> list[dict[str, Any]]:
    issues = []
    prints = report.fingerprints or tuple(() for _ in report.result.files)
    for file, fps in zip(report.result.files, prints, strict=True):
        for number, finding in enumerate(file.findings):
            fingerprint = fps[number] if number < len(fps) else f"{finding.code}:{path_of(finding)}:{number}"
            issues.append({
                "type": "issue",
                "engine_name": "migrator",
                "check_name": finding.code,
                "description": f"{finding_title(finding)}: {finding.message}",
                "content": {"body": finding.help or ""},
                "categories": ["Bug Risk"],
                "fingerprint": fingerprint,
                "severity": SEVERITY[finding.severity],
                "location": {"path": path_of(finding),
                             "lines": {"begin": finding.span.line, "end": finding.span.end_line}},
            })
    return issues
