"""Configuration: discovery (nearest wins), validation, per-path overrides, env and flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.config import Overrides, glob_matches, parse_table, read_config_file, resolver
from migrator.errors import ConfigError
from migrator.lint.model import Severity


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_nearest_config_wins_per_file(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.migrator]\npg_version = 13\n")
    _write(tmp_path / "svc" / "migrator.toml", "pg_version = 17\n")
    root_file = _write(tmp_path / "db" / "001.sql", "")
    svc_file = _write(tmp_path / "svc" / "db" / "001.sql", "")
    configs = resolver(environ={})
    assert configs.settings_for(str(root_file)).pg_version == 13
    assert configs.settings_for(str(svc_file)).pg_version == 17


def test_pyproject_without_tool_migrator_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "migrator.toml", "pg_version = 14\n")
    _write(tmp_path / "pkg" / "pyproject.toml", "[tool.other]\nx = 1\n")
    path = _write(tmp_path / "pkg" / "001.sql", "")
    assert resolver(environ={}).settings_for(str(path)).pg_version == 14


def test_migrator_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.migrator]\npg_version = 13\n")
    _write(tmp_path / "migrator.toml", "pg_version = 15\n")
    path = _write(tmp_path / "001.sql", "")
    assert resolver(environ={}).settings_for(str(path)).pg_version == 15


def test_unknown_top_level_key_names_key_and_file(tmp_path: Path) -> None:
    config = _write(tmp_path / "pyproject.toml", "[tool.migrator]\npg_verison = 13\n")
    with pytest.raises(ConfigError) as error:
        read_config_file(str(config))
    assert "tool.migrator.pg_verison" in error.value.message
    assert str(config) in error.value.message
    assert "did you mean 'pg_version'" in error.value.message


def test_unknown_keys_inside_command_sections_are_allowed(tmp_path: Path) -> None:
    config = read_config_file(str(_write(tmp_path / "migrator.toml", "[apply]\nanything = 1\n")))
    assert config.section("apply") == {"anything": 1}


@pytest.mark.parametrize(
    "table, key",
    [({"pg_version": 9}, "pg_version"), ({"pg_version": "sixteen"}, "pg_version"),
     ({"fail_on": "fatal"}, "fail_on"), ({"select": 3}, "select"),
     ({"severity": {"M101": "fatal"}}, "severity.M101"), ({"assume_in_transaction": "maybe"}, "assume_in_transaction"),
     ({"per_path": {"x/**": {"colour": 1}}}, "per_path.'x/**'.colour"), ({"apply": 3}, "apply")],
    ids=["version-unsupported", "version-not-number", "fail-on", "select-not-list", "severity-value",
         "bool", "per-path-key", "section-not-table"],
)
def test_bad_values_name_their_key(table: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_table(table, "migrator.toml")
    assert error.value.message.startswith(f"migrator.toml: {key}:")


def test_per_path_overrides(tmp_path: Path) -> None:
    _write(tmp_path / "migrator.toml", """
pg_version = 16
ignore = ["M901"]
severity = { M101 = "warning" }
[per_path."legacy/**"]
pg_version = 12
ignore = ["M1"]
severity = { M2 = "info" }
assume_in_transaction = true
""")
    legacy = _write(tmp_path / "legacy" / "a" / "001.sql", "")
    current = _write(tmp_path / "db" / "001.sql", "")
    configs = resolver(environ={})
    settings = configs.settings_for(str(legacy))
    assert (settings.pg_version, settings.ignore, settings.assume_in_transaction) == (12, ("M901", "M1"), True)
    assert settings.severity == (("M101", Severity.WARNING), ("M2", Severity.INFO))
    assert configs.settings_for(str(current)).pg_version == 16


def test_flags_override_env_override_file(tmp_path: Path) -> None:
    _write(tmp_path / "migrator.toml", 'pg_version = 13\nfail_on = "warning"\nselect = ["M1"]\n')
    path = str(_write(tmp_path / "001.sql", ""))
    env = {"MIGRATOR_PG_VERSION": "14", "MIGRATOR_FAIL_ON": "info", "MIGRATOR_SELECT": "M2,M3"}
    from_env = resolver(environ=env).settings_for(path)
    assert (from_env.pg_version, from_env.fail_on, from_env.select) == (14, "info", ("M2", "M3"))
    flagged = resolver(Overrides(pg_version=15, select=("M5",)), environ=env).settings_for(path)
    assert (flagged.pg_version, flagged.fail_on, flagged.select) == (15, "info", ("M5",))


def test_flags_win_over_per_path(tmp_path: Path) -> None:
    _write(tmp_path / "migrator.toml", '[per_path."**"]\npg_version = 12\n')
    path = str(_write(tmp_path / "001.sql", ""))
    assert resolver(Overrides(pg_version=17), environ={}).settings_for(path).pg_version == 17


def test_explicit_config_file_used_for_all_files(tmp_path: Path) -> None:
    explicit = _write(tmp_path / "ci" / "lint.toml", "pg_version = 12\n")
    _write(tmp_path / "migrator.toml", "pg_version = 16\n")
    path = str(_write(tmp_path / "001.sql", ""))
    assert resolver(Overrides(config_file=str(explicit)), environ={}).settings_for(path).pg_version == 12


def test_missing_explicit_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        resolver(Overrides(config_file=str(tmp_path / "nope.toml")), environ={}).settings_for("x.sql")


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "migrator.toml", "pg_version = = 3\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        read_config_file(str(path))


@pytest.mark.parametrize(
    "pattern, path, matches",
    [("legacy/**", "legacy/a/b.sql", True), ("legacy/**", "legacy.sql", False), ("legacy", "legacy/x.sql", True),
     ("*.sql", "db/001.sql", True), ("db/*.sql", "db/x/001.sql", False), ("**/old_*.sql", "a/b/old_1.sql", True),
     ("**/old_*.sql", "old_1.sql", True), ("db/00?.sql", "db/001.sql", True)],
    ids=["double-star", "double-star-not-prefix", "directory", "basename", "star-no-slash",
         "leading-double-star", "leading-double-star-top", "question-mark"],
)
def test_glob_matches(pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_resolve_pg_version_flag_env_file_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from migrator.config import resolve_pg_version

    monkeypatch.delenv("MIGRATOR_PG_VERSION", raising=False)
    monkeypatch.delenv("MIGRATOR_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "svc" / "migrator.toml", "pg_version = 13\n")
    _write(tmp_path / "svc" / "db" / "001.sql", "")
    assert resolve_pg_version(None, ["svc/db"]) == 13
    assert resolve_pg_version(None, ["svc/db/001.sql"]) == 13
    assert resolve_pg_version(None, ["-"]) == 16
    monkeypatch.setenv("MIGRATOR_PG_VERSION", "14")
    assert resolve_pg_version(None, ["svc/db"]) == 14
    assert resolve_pg_version(17, ["svc/db"]) == 17
    with pytest.raises(ConfigError):
        resolve_pg_version(9, ["svc/db"])
