"""Render a `LintReport` in one of the output formats of `migrator lint --format`."""

from __future__ import annotations

import json
from typing import TextIO

from migrator.api.lint import LintReport

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


def render_lint(report: LintReport, output_format: str, stream: TextIO, *, color: bool | None = None) -> None:
    """Write the report to `stream` (text: rich decides colour unless `color` is given)."""
    if output_format == "text":
        from rich.console import Console

        from migrator.report.lint_text import render_lint_text

        console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False,
                          force_terminal=color, no_color=None if color is None else not color)
        render_lint_text(console, report)
        return
    if output_format == "json":
        from migrator.report.lint_json import lint_report_to_json

        stream.write(json.dumps(lint_report_to_json(report), indent=2) + "\n")
    elif output_format == "sarif":
        from migrator.report.lint_sarif import lint_report_to_sarif

        stream.write(json.dumps(lint_report_to_sarif(report), indent=2) + "\n")
    elif output_format == "github":
        from migrator.report.lint_github import render_github

        stream.write(render_github(report))
    elif output_format == "gitlab":
        from migrator.report.lint_gitlab import lint_report_to_gitlab

        stream.write(json.dumps(lint_report_to_gitlab(report), indent=2) + "\n")
    elif output_format == "junit":
        from migrator.report.lint_junit import render_junit

        stream.write(render_junit(report))
    else:
        raise ValueError(f"unknown lint output format {output_format!r}")
