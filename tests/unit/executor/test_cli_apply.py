"""`migrator apply/rollback/status` without a database: options, exit codes, dry run, output."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from migrator.api import execute
from migrator.cli import main
from migrator.executor.progress import BackfillProgress, ConsoleObserver
from tests.unit.executor.test_runner_dry_run import PLAN


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.mark.parametrize("command", ["apply", "rollback", "status"], ids=["apply", "rollback", "status"])
def test_help_documents_the_exit_codes(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main([command, "--help"], capsys)
    assert code == 0
    for line in ("0  every step", "1  a step failed", "2  usage", "3  retry later", "4  blocked by a gate"):
        assert line in out


@pytest.mark.parametrize(
    "argv, message",
    [(["apply", "m.sql"], "no database: pass --database-url URL"),
     (["status"], "no database"),
     (["apply", "m.sql", "--database-url", "x", "--lock-timeout", "soon"], "expected a duration"),
     (["apply", "m.sql", "--database-url", "x", "--lock-timeout", "0"], "must be greater than 0"),
     (["apply", "m.sql", "--database-url", "x", "--phase", "later"], "Invalid value for '--phase'")],
    ids=["apply-without-url", "status-without-url", "bad-duration", "zero-lock-timeout", "bad-phase"],
)
def test_usage_errors_exit_2_without_traceback(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MIGRATOR_DATABASE_URL", raising=False)
    monkeypatch.chdir("/")
    code, out, err = run_main(argv, capsys)
    assert code == 2
    assert message in out + err and "Traceback" not in out + err


def test_dry_run_without_database_prints_statements_and_summary(capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execute, "plan_for", lambda paths, version, **kwargs: PLAN)
    monkeypatch.delenv("MIGRATOR_DATABASE_URL", raising=False)
    code, out, _ = run_main(["apply", "m.sql", "--dry-run", "--pg-version", "17"], capsys)
    assert code == 0
    assert "ALTER TABLE t ADD COLUMN c int;" in out and "SET LOCAL transaction_timeout" in out
    assert "phase contract cannot be undone" in out
    assert "would run plan" in out


def test_database_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGRATOR_DATABASE_URL", "postgresql://a:b@h/db")
    assert execute.resolve_database_url(None) == "postgresql://a:b@h/db"
    assert execute.resolve_database_url("postgresql://flag") == "postgresql://flag"


@pytest.mark.parametrize("value, expected", [("2s", 2000), ("150ms", 150), ("1.5s", 1500), ("1min", 60000), (300, 300)],
                         ids=["seconds", "milliseconds", "fraction", "minutes", "bare-number"])
def test_durations(value: object, expected: int) -> None:
    assert execute.parse_duration_ms(value, "k") == expected


def test_plain_progress_lines_in_a_ci_log_without_passwords() -> None:
    buffer = io.StringIO()
    observer = ConsoleObserver(Console(file=buffer, force_terminal=False, width=200), plain_interval_s=0)
    observer.backfill_progress(BackfillProgress("b1", "public.t", 5000, 20000, 2500.0, 6.0, 800, 190.0))
    observer.message("connected to postgresql://app:hunter2@db/prod")
    text = buffer.getvalue()
    assert "backfill public.t: 5000/~20000 rows, 2500 rows/s, eta 6s, batch 800" in text
    assert "hunter2" not in text and "app:***@db" in text


def test_live_progress_bar_on_a_terminal_draws_rows_and_rate() -> None:
    buffer = io.StringIO()
    observer = ConsoleObserver(Console(file=buffer, force_terminal=True, width=120))
    assert observer.live
    for done in (1000, 5000, 20000):
        observer.backfill_progress(BackfillProgress("b1", "public.t", done, 20000, 2500.0, 1.0, 800, 190.0))
    observer.backfill_finished(PLAN.steps()[3])
    assert "20000/20000" in buffer.getvalue() and "2500 rows/s" in buffer.getvalue()


def test_database_url_and_settings_come_from_the_config_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.migrator]\ndatabase_url = "postgresql://cfg@db/app"\nlock_timeout = "750ms"\n'
        '[tool.migrator.backfill]\ntarget = "50ms"\npause = "10ms"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MIGRATOR_DATABASE_URL", raising=False)
    monkeypatch.delenv("MIGRATOR_LOCK_TIMEOUT", raising=False)
    assert execute.resolve_database_url(None) == "postgresql://cfg@db/app"
    settings = execute.executor_settings()
    assert settings.timeouts.lock_timeout_ms == 750
    assert (settings.backfill.target_batch_ms, settings.backfill.pause_ms) == (50, 10)
    flagged = execute.executor_settings(flags=execute.SettingOverrides(lock_timeout_ms=300))
    assert flagged.timeouts.lock_timeout_ms == 300


@pytest.mark.parametrize(
    "config, flags, expected",
    [("", ["--lock-timeout", "300ms"], "lock_timeout=300ms"),
     ('[tool.migrator]\nlock_timeout = "750ms"\n', [], "lock_timeout=750ms"),
     ('[tool.migrator]\nlock_timeout = "750ms"\n', ["--lock-timeout", "1s"], "lock_timeout=1000ms")],
    ids=["flag", "config-file", "flag-beats-config-file"],
)
def test_dry_run_shows_the_users_lock_timeout_not_the_planners_default(
        config: str, flags: list[str], expected: str, tmp_path, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.sql").write_text("ALTER TABLE t ADD COLUMN c int;\n")
    if config:
        (tmp_path / "pyproject.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MIGRATOR_DATABASE_URL", raising=False)
    code, out, err = run_main(["apply", "m.sql", "--dry-run", "--pg-version", "16", *flags], capsys)
    assert code == 0, out + err
    assert expected in out and "lock_timeout=2000ms" not in out, out


def test_plain_progress_prints_one_line_per_interval_with_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    from migrator.executor import progress

    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    buffer = io.StringIO()
    observer = ConsoleObserver(Console(file=buffer, force_terminal=False, width=200))
    for second in range(10):  # a batch every half second for 5 s
        clock[0] = 100.0 + second * 0.5
        observer.backfill_progress(BackfillProgress("b1", "public.t", 1000 * (second + 1), None, 2000.0, None,
                                                    1000, 50.0))
    lines = [line for line in buffer.getvalue().splitlines() if "backfill public.t" in line]
    assert len(lines) == 2  # at 0 s and at 3 s (one line every 3 s)
    assert lines[1] == "   backfill public.t: 7000 rows, 2000 rows/s, eta unknown, batch 1000"
