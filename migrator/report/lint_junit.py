"""`migrator lint --format junit`: JUnit XML, one test suite per file, one failing case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from migrator.api.lint import LintReport
from migrator.lint.baseline import display_path
from migrator.lint.model import Severity
from migrator.report.lint_common import finding_title


def render_junit(report: LintReport) -> str:
    files = report.result.files
    root = ET.Element("testsuites", name="migrator lint")
    total_tests = total_failures = 0
    for file in files:
        path = display_path(file.source.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        tests = failures = 0
        for finding in file.findings:
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=f"migrator.lint.{path}",
                                 name=f"{finding_title(finding)} at line {finding.span.line}",
                                 file=path, line=str(finding.span.line))
            kind = "failure" if finding.severity is not Severity.INFO else "skipped"
            if kind == "failure":
                failures += 1
                body = f"{path}:{finding.span.line}:{finding.span.col}: {finding.message}"
                if finding.help:
                    body += f"\nhelp: {finding.help}"
                element = ET.SubElement(case, "failure", type=str(finding.severity), message=finding.message)
                element.text = body
            else:
                ET.SubElement(case, "skipped", message=finding.message)
        if not file.findings:
            tests += 1
            ET.SubElement(suite, "testcase", classname=f"migrator.lint.{path}", name="lint", file=path)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
