"""`migrator lint --format github`: GitHub Actions workflow-command annotations.

    ::error file=migrations/001.sql,line=3,col=1,endLine=3,endColumn=34,title=M101 index-without-concurrently::Building…
"""

from __future__ import annotations

from migrator.api.lint import LintReport
from migrator.lint.model import Finding, Severity
from migrator.report.lint_common import finding_title, path_of

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    span = finding.span
    props = [f"file={_escape_property(path_of(finding))}", f"line={span.line}", f"col={span.col}",
             f"endLine={span.end_line}"]
    if span.end_line == span.line:
        props.append(f"endColumn={span.end_col}")
    props.append(f"title={_escape_property(finding_title(finding))}")
    message = finding.message + (f"\n{finding.help}" if finding.help else "")
    return f"::{_LEVEL[finding.severity]} {','.join(props)}::{_escape_data(message)}"


def render_github(report: LintReport) -> str:
    return "".join(github_line(f) + "\n" for f in report.result.findings)
