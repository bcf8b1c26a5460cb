"""Preview rules are opt-in: off under `ALL`/families, on with `preview`, or when named exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli.lint import lint_command
from migrator.config import LintSettings, Overrides, env_overrides, load_config
from migrator.lint.model import Status
from migrator.lint.registry import all_rules
from migrator.lint.runner import enabled_rules

PREVIEW = "M806"  # column-padding, a preview rule
STABLE = "M101"


def test_the_rule_used_here_is_in_preview() -> None:
    rules = all_rules()
    assert rules.get(PREVIEW).status is Status.PREVIEW  # type: ignore[union-attr]
    assert rules.get(STABLE).status is Status.STABLE  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("settings", "preview_on", "stable_on"),
    [
        (LintSettings(), False, True),
        (LintSettings(select=("M8",)), False, False),
        (LintSettings(select=("M",)), False, True),
        (LintSettings(preview=True), True, True),
        (LintSettings(select=("ALL", "M806")), True, True),
        (LintSettings(select=("column-padding",)), True, False),
        (LintSettings(preview=True, ignore=("M806",)), False, True),
        (LintSettings(preview=True, ignore=("M8",)), False, True),
        (LintSettings(select=("M806",), ignore=("M806",)), False, False),
    ],
    ids=["default-all", "family-only", "prefix-M", "preview-flag", "all-plus-exact-code", "exact-name",
         "preview-but-ignored", "preview-family-ignored", "selected-and-ignored-tie"],
)
def test_preview_rules_run_only_when_asked_for(settings: LintSettings, preview_on: bool, stable_on: bool) -> None:
    codes = {r.code for r in enabled_rules(all_rules(), settings)}
    assert (PREVIEW in codes) is preview_on
    assert (STABLE in codes) is stable_on


@pytest.mark.parametrize(("text", "expected"), [("", False), ("preview = true\n", True), ("preview = false\n", False)],
                         ids=["absent", "true", "false"])
def test_preview_key_in_the_config_file(tmp_path: Path, text: str, expected: bool) -> None:
    (tmp_path / "migrator.toml").write_text(text)
    assert load_config(str(tmp_path)).base.preview is expected


def test_preview_flag_and_env_override_the_file(tmp_path: Path) -> None:
    (tmp_path / "migrator.toml").write_text("preview = true\n")
    assert load_config(str(tmp_path), Overrides(preview=False)).for_path(str(tmp_path / "a.sql")).preview is False
    assert env_overrides({"MIGRATOR_PREVIEW": "true"}).preview is True


_PADDED = "CREATE TABLE t (a boolean, b bigint, c boolean, d bigint, e boolean, f bigint);\n"


@pytest.mark.parametrize(("args", "reported"), [((), False), (("--preview",), True), (("--select", "ALL,M806"), True)],
                         ids=["default", "preview-flag", "selected-by-code"])
def test_cli_runs_preview_rules_only_on_request(tmp_path: Path, args: tuple[str, ...], reported: bool) -> None:
    path = tmp_path / "0001.sql"
    path.write_text(_PADDED)
    result = CliRunner().invoke(lint_command, [str(path), "--format", "json", "--fail-on", "none", *args])
    assert result.exit_code == 0, result.output
    assert ("column-padding" in result.output) is reported


def test_help_mentions_preview() -> None:
    result = CliRunner().invoke(lint_command, ["--help"])
    assert "--preview" in result.output
