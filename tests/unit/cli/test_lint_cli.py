"""`migrator lint`, `migrator rules`, `migrator rule`: exit codes, formats, config, baseline, fixes.

The analysis is replaced by hand-made facts (SAFE for understood statements, UNKNOWN otherwise)
so these tests pin the command line, not the analyzer's knowledge; the full pipeline is run by
tests/rules and tests/unit/lint/test_lint_fuzz.py.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.cli import main
from migrator.sql.statement import Migration

UNPARSED = "ALTER TABLE t FROB c;\n"
CLEAN = "CREATE TABLE t (id bigint);\n"


def _fake_analyze(migrations: Sequence[Migration], pg_version: int = 16, schema: object = None) -> tuple[AnalyzedMigration, ...]:
    return tuple(AnalyzedMigration(m, tuple(Facts(s.index, risk=Risk.SAFE if s.understood else Risk.UNKNOWN)
                                            for s in m.statements)) for m in migrations)


@pytest.fixture(autouse=True)
def _hand_made_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("migrator.analysis.analyze")
    module.analyze = _fake_analyze  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "migrator.analysis.analyze", module)
    for name in list(__import__("os").environ):
        if name.startswith("MIGRATOR_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MIGRATOR_SELECT", "M9")  # the tool rules only: stable as rules are added


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "001_create.sql").write_text(CLEAN)
    (tmp_path / "db" / "002_bad.sql").write_text(UNPARSED)
    return tmp_path


@pytest.mark.parametrize(
    "args, code",
    [(["db/001_create.sql"], 0), (["db"], 1), (["db", "--fail-on", "none"], 0), (["db", "--ignore", "M900"], 0),
     (["db", "--select", "M901"], 0), (["db", "--select", "M900"], 1), (["db", "--select", "nope"], 2),
     (["missing.sql"], 2), (["db", "--pg-version", "9"], 2), (["db", "--unsafe-fixes"], 2)],
    ids=["clean", "finding", "fail-on-none", "ignored", "other-rule-selected", "rule-selected",
         "unknown-rule", "missing-file", "bad-version", "unsafe-fixes-without-fix"],
)
def test_exit_codes(repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int) -> None:
    assert run(capsys, "lint", *args)[0] == code


def test_unknown_rule_error_has_suggestion_and_no_traceback(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lint", "db", "--select", "unparsed-statment")
    assert code == 2
    assert "did you mean 'unparsed-statement'" in err
    assert "Traceback" not in err


def test_text_output_is_plain_when_not_a_tty(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "lint", "db")
    assert "db/002_bad.sql:1:1: error[M900 unparsed-statement]" in out
    assert " 1 | ALTER TABLE t FROB c;" in out
    assert "\x1b[" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"], ids=["json", "sarif", "gitlab"])
def test_machine_formats_are_json(repo: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "lint", "db", "--format", fmt)
    assert code == 1
    json.loads(out)


def test_github_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "lint", "db", "--format", "github")
    assert any(line.startswith("::error file=db/002_bad.sql,line=1,col=1,") for line in out.splitlines())


def test_config_file_is_found_by_walking_up(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text('[tool.migrator]\nseverity = { M900 = "warning" }\n')
    assert run(capsys, "lint", "db")[0] == 0
    assert run(capsys, "lint", "db", "--fail-on", "warning")[0] == 1


def test_env_overrides_file_and_flag_overrides_env(repo: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "migrator.toml").write_text('fail_on = "none"\n')
    assert run(capsys, "lint", "db")[0] == 0
    monkeypatch.setenv("MIGRATOR_FAIL_ON", "error")
    assert run(capsys, "lint", "db")[0] == 1
    assert run(capsys, "lint", "db", "--fail-on", "none")[0] == 0


def test_unknown_config_key_is_exit_2_naming_key_and_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text("[tool.migrator]\nfail_onn = 'error'\n")
    code, _, err = run(capsys, "lint", "db")
    assert code == 2
    assert "tool.migrator.fail_onn" in err and "pyproject.toml" in err


def test_baseline_records_then_reports_only_new_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "lint", "db", "--baseline", "base.json")[0] == 0
    assert json.loads((repo / "base.json").read_text())["findings"][0]["code"] == "M900"
    (repo / "db" / "002_bad.sql").write_text("-- moved down\n\n" + UNPARSED)
    assert run(capsys, "lint", "db", "--baseline", "base.json")[0] == 0
    (repo / "db" / "003_new.sql").write_text("ALTER TABLE t WIBBLE;\n")
    code, out, _ = run(capsys, "lint", "db", "--baseline", "base.json", "--format", "json")
    assert code == 1
    assert [f["location"]["path"] for f in json.loads(out)["findings"]] == ["db/003_new.sql"]
    assert run(capsys, "lint", "db", "--baseline", "base.json", "--update-baseline")[0] == 0
    assert run(capsys, "lint", "db", "--baseline", "base.json")[0] == 0


def test_stdin(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(UNPARSED.encode())))
    code, out, _ = run(capsys, "lint", "-")
    assert code == 1 and "<stdin>:1:1" in out


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from migrator.lint.registry import all_rules

    code, out, _ = run(capsys, "rules")
    assert code == 0
    for rule in all_rules():
        assert f"{rule.code}  {rule.name}" in out


@pytest.mark.parametrize("key", ["M900", "unparsed-statement", "m900"], ids=["code", "name", "lower-code"])
def test_rule_prints_docs(capsys: pytest.CaptureFixture[str], key: str) -> None:
    code, out, _ = run(capsys, "rule", key)
    assert code == 0
    assert out.startswith("M900 unparsed-statement")
    assert "## Why is this bad?" in out


def test_unknown_rule_is_exit_2_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rule", "unparsed-statment")
    assert code == 2 and "did you mean 'unparsed-statement'" in err


def test_lint_help_teaches_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "--help")
    assert code == 0
    assert "migrator lint migrations/ --format github" in out


def test_baseline_file_from_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "migrator.toml").write_text('baseline = "lint-baseline.json"\n')
    assert run(capsys, "lint", "db")[0] == 0  # recorded
    assert (repo / "lint-baseline.json").exists()
    assert run(capsys, "lint", "db")[0] == 0  # everything known
    (repo / "db" / "003_new.sql").write_text("ALTER TABLE t WIBBLE;\n")
    assert run(capsys, "lint", "db")[0] == 1


def test_rules_json_and_family_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json", "--select", "M9")
    assert code == 0
    assert [r["code"] for r in json.loads(out)] == ["M900", "M901", "M902"]
    assert run(capsys, "rules", "--select", "nope")[0] == 2
