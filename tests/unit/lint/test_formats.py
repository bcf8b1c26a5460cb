"""Lint renderers: JSON (documented shape), GitHub annotations, GitLab Code Quality, JUnit, text."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from migrator.report.lint import render_lint
from migrator.report.lint_github import render_github
from migrator.report.lint_gitlab import lint_report_to_gitlab
from migrator.report.lint_json import lint_report_to_json
from migrator.report.lint_junit import render_junit
from tests.unit.lint.report_helpers import sample_report


def test_json_has_one_based_positions_facts_and_fix_edits() -> None:
    document = lint_report_to_json(sample_report())
    first = document["findings"][0]
    assert first["location"] == {"path": "db/001 add index.sql", "line": 2, "column": 1, "end_line": 2, "end_column": 45}
    assert first["facts"]["lock"] == "SHARE"
    assert first["facts"]["locks"] == [{"relation": "public.users", "mode": "SHARE", "kind": "table", "new": False}]
    assert (first["facts"]["scan"], first["facts"]["risk"]) == (True, "dangerous")
    assert first["fix"] == {"title": "Add CONCURRENTLY", "applicability": "unsafe", "edits": [
        {"start": 28, "end": 28, "text": " CONCURRENTLY", "line": 2, "column": 13, "end_line": 2, "end_column": 13}]}
    assert first["statement"] == {"index": 0, "sql": "CREATE INDEX ix_users_email ON users (email)"}
    assert document["summary"] == {"files": 2, "statements": 3, "findings": 2, "errors": 1, "warnings": 1, "info": 0,
                                   "suppressed": 0, "baseline_hidden": 0, "failed": True}
    json.dumps(document)


def test_github_annotations_escape_data_and_properties() -> None:
    lines = render_github(sample_report()).splitlines()
    assert lines[0] == ("::error file=db/001 add index.sql,line=2,col=1,endLine=2,endColumn=45,"
                        "title=M101 index-without-concurrently::Building an index without CONCURRENTLY blocks "
                        'writes, "100%25"%0AUse CREATE INDEX CONCURRENTLY')
    assert lines[1].startswith("::warning file=db/001 add index.sql,line=3,")
    assert lines[1].endswith("::Large update: one long transaction,%0Amany row locks")


def test_gitlab_code_quality_issues() -> None:
    issues = lint_report_to_gitlab(sample_report())
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("M101", "major", {"path": "db/001 add index.sql", "lines": {"begin": 2, "end": 2}}),
        ("M601", "minor", {"path": "db/001 add index.sql", "lines": {"begin": 3, "end": 3}}),
    ]
    assert issues[0]["description"].startswith("M101 index-without-concurrently: Building")
    assert len({i["fingerprint"] for i in issues}) == 2


def test_junit_one_suite_per_file_one_failure_per_finding() -> None:
    root = ET.fromstring(render_junit(sample_report()))
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("db/001 add index.sql", "2", "2"), ("db/002.sql", "1", "0")]
    assert (root.get("tests"), root.get("failures")) == ("3", "2")
    failure = suites[0].find("testcase/failure")
    assert failure is not None and failure.get("type") == "error"


def test_text_shows_code_frame_help_fix_and_summary_without_colour() -> None:
    stream = io.StringIO()
    render_lint(sample_report(), "text", stream, color=False)
    text = stream.getvalue()
    assert "\x1b[" not in text
    assert "db/001 add index.sql:2:1: error[M101 index-without-concurrently] Building an index" in text
    assert " 1 | -- add an index\n 2 | CREATE INDEX ix_users_email ON users (email);\n   | " + "^" * 44 in text
    assert "= help: Use CREATE INDEX CONCURRENTLY" in text
    assert "= fix (unsafe): Add CONCURRENTLY" in text
    assert "+ CREATE INDEX CONCURRENTLY ix_users_email ON users (email);" in text
    assert "= facts: SHARE lock on public.users, blocks writes, scans the table, risk dangerous" in text
    assert "Found 2 findings (1 error, 1 warning) in 2 files." in text
    assert "1 more finding fixable with `--fix --unsafe-fixes`" in text


def test_text_with_colour_uses_ansi() -> None:
    stream = io.StringIO()
    render_lint(sample_report(), "text", stream, color=True)
    assert "\x1b[" in stream.getvalue()
