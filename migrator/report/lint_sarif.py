"""`migrator lint --format sarif`: a SARIF 2.1.0 log (GitHub code scanning, IDEs).

Rules go in `tool.driver.rules` with their documentation; each finding is a result with its
region (1-based, Unicode code points), a stable `partialFingerprints` entry and its fix.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from migrator import __version__
from migrator.api.lint import LintReport
from migrator.lint.model import Applicability, Rule, Severity
from migrator.report.lint_common import path_of
from migrator.sql.source import SourceKind

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://github.com/migrator/migrator/blob/main/docs/rules.md"


def _uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute path as a `file://` URI."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/:@-._~")


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    body = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else rule.summary
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": body.split("\n\n", 1)[0] if body else rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": f"{INFORMATION_URI}#{rule.code.lower()}-{rule.name}",
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.name, *rule.aliases, *rule.hazards], "status": str(rule.status)},
    }


def lint_report_to_sarif(report: LintReport) -> dict[str, Any]:
    rules = list(report.rules)
    rule_index = {r.code: i for i, r in enumerate(rules)}
    results = []
    prints = report.fingerprints or tuple(() for _ in report.result.files)
    for file, fps in zip(report.result.files, prints, strict=True):
        for number, finding in enumerate(file.findings):
            span = finding.span
            uri = _uri(path_of(finding))
            region: dict[str, Any] = {"startLine": span.line, "startColumn": span.col}
            if span.end_line >= span.line:
                region["endLine"] = span.end_line
                if span.end_col >= 1:
                    region["endColumn"] = max(span.end_col, span.col if span.end_line == span.line else 1)
            text = finding.message + (f" Help: {finding.help}" if finding.help else "")
            result: dict[str, Any] = {
                "ruleId": finding.code,
                "level": LEVEL[finding.severity],
                "message": {"text": text},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            }
            if finding.code in rule_index:
                result["ruleIndex"] = rule_index[finding.code]
            if number < len(fps):
                result["partialFingerprints"] = {"migratorFingerprint/v1": fps[number]}
            fix = finding.fix
            if (fix is not None and fix.edits and fix.applicability is not Applicability.DISPLAY_ONLY
                    and file.source.kind is SourceKind.SQL):
                result["fixes"] = [{
                    "description": {"text": f"{fix.title} ({fix.applicability})"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                            "insertedContent": {"text": e.text},
                        } for e in fix.edits],
                    }],
                }]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "migrator", "version": __version__,
                                "informationUri": INFORMATION_URI, "rules": [_rule_descriptor(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
