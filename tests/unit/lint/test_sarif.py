"""SARIF output validates against the SARIF 2.1.0 JSON schema and carries regions and fixes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from migrator.report.lint_sarif import lint_report_to_sarif
from tests.unit.lint.report_helpers import sample_report

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "data" / "sarif-schema-2.1.0.json").read_text())


def test_sarif_validates_against_schema() -> None:
    log = lint_report_to_sarif(sample_report())
    jsonschema.validate(json.loads(json.dumps(log)), SCHEMA)


def test_sarif_validates_with_no_findings() -> None:
    from dataclasses import replace

    report = sample_report()
    empty = replace(report, result=replace(report.result, files=()), fingerprints=())
    log = lint_report_to_sarif(empty)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []


def test_schema_rejects_a_broken_log() -> None:
    log = lint_report_to_sarif(sample_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    try:
        jsonschema.validate(log, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepted an invalid level: the validation test would prove nothing")


def test_sarif_result_fields() -> None:
    log = lint_report_to_sarif(sample_report())
    run = log["runs"][0]
    first = run["results"][0]
    assert first["ruleId"] == "M101"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "M101"
    assert first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "db/001%20add%20index.sql"
    assert location["region"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 45}
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement == {"deletedRegion": {"charOffset": 28, "charLength": 0}, "insertedContent": {"text": " CONCURRENTLY"}}
    assert run["results"][1]["level"] == "warning"


def test_absolute_paths_become_file_uris() -> None:
    log = lint_report_to_sarif(sample_report(path_a="/abs/db/001.sql"))
    jsonschema.validate(log, SCHEMA)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file:///abs/db/001.sql"
