"""`migrator apply`: plan the migrations, then run the chosen phases on a live database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

EXIT_CODES_HELP = """\b
Exit codes:
  0  every step of the chosen phases is done
  1  a step failed (state recorded; fix and re-run, or `migrator rollback`)
  2  usage, configuration or connection error; or an irreversible phase not confirmed
  3  retry later: lock contention past the retry deadline, another apply is running,
     or the run was interrupted (SIGTERM / Ctrl-C); re-run the same command to resume
  4  blocked by a gate: contract refused because expand/backfill are not complete
     or their facts do not hold on the database
"""


F = TypeVar("F", bound=Callable[..., Any])


def database_url_option(func: F) -> F:
    """The shared `--database-url` option (apply, rollback, status)."""
    return click.option(
        "--database-url", metavar="URL", default=None,
        help="Target database (else MIGRATOR_DATABASE_URL, else database_url in [tool.migrator]).",
    )(func)


def duration_ms(_ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from migrator.api.execute import parse_duration_ms
    from migrator.errors import ConfigError

    try:
        return parse_duration_ms(value, f"--{param.name.replace('_', '-') if param.name else 'value'}")
    except ConfigError as exc:
        raise click.BadParameter(exc.message) from None


@click.command("apply", epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@database_url_option
@click.option("--phase", type=click.Choice(["expand", "backfill", "contract", "all"]), default="all",
              show_default=True, help="Which phases to run (expand before the deploy, contract after).")
@click.option("--dry-run", is_flag=True, help="Print every statement with its timeouts; change nothing.")
@click.option("--yes", "-y", "assume_yes", is_flag=True, help="Confirm phases that cannot be undone.")
@click.option("--wait", "wait_s", type=float, default=None, metavar="SECONDS",
              help="Wait this long for another running apply to finish (default: fail at once).")
@click.option("--lock-timeout", callback=duration_ms, default=None, metavar="DURATION",
              help="lock_timeout for blocking steps, e.g. 2s or 500ms (default 2s).")
@click.option("--backfill-target", callback=duration_ms, default=None, metavar="DURATION",
              help="Target duration of one backfill batch (default 200ms).")
@click.option("--backfill-pause", callback=duration_ms, default=None, metavar="DURATION",
              help="Pause between backfill batches (default none).")
@click.option("--pg-version", type=int, default=None, metavar="N",
              help="Target version for a --dry-run without a database.")
@click.option("--quiet", "-q", is_flag=True, help="Only retries, warnings and the summary.")
def apply_command(paths: tuple[str, ...], database_url: str | None, phase: str, dry_run: bool,
                  assume_yes: bool, wait_s: float | None, lock_timeout: int | None,
                  backfill_target: int | None, backfill_pause: int | None, pg_version: int | None,
                  quiet: bool) -> None:
    """Plan the migrations, then run the chosen phases step by step, safely and resumably.

    Every step runs with a lock timeout and retries with backoff; backfills run in short
    batches; state is kept in the database's `migrator` schema, so a killed run resumes.

    \b
    Examples:
      migrator apply migrations/ --phase expand --database-url "$DATABASE_URL"
      migrator apply migrations/ --phase contract --yes
      migrator apply migrations/0042_add_email.sql --dry-run
    """
    from rich.console import Console

    from migrator.api.execute import (
        ApplyOptions,
        SettingOverrides,
        apply_paths,
        executor_settings,
        phases_for,
        resolve_database_url,
    )
    from migrator.executor.progress import ConsoleObserver

    url = resolve_database_url(database_url, required=not dry_run)
    settings = executor_settings(flags=SettingOverrides(
        lock_timeout_ms=lock_timeout, backfill_target_ms=backfill_target,
        backfill_pause_ms=backfill_pause, wait_s=wait_s))
    console = Console(highlight=False, soft_wrap=True)
    observer = ConsoleObserver(console, verbose=not quiet, dry_run=dry_run)
    options = ApplyOptions(database_url=url, phases=phases_for(phase), dry_run=dry_run,
                           pg_version=pg_version, settings=settings)
    result = apply_paths(paths, options, observer, confirm=_confirmer(assume_yes))
    done = sum(o.status == "done" for o in result.outcomes)
    skipped = sum(o.status == "skipped" for o in result.outcomes)
    if result.dry_run:
        click.echo(f"would run plan {result.plan_hash[:12]} ({', '.join(result.phases)}): "
                   f"{done} step(s) would run, {skipped} would be skipped (dry run: nothing was changed)")
        return
    click.echo(f"applied plan {result.plan_hash[:12]} ({', '.join(result.phases)}): "
               f"{done} step(s) done, {skipped} skipped")


def _confirmer(assume_yes: bool) -> Callable[[Any, tuple[str, ...]], bool]:
    def confirm(phase: Any, reasons: tuple[str, ...]) -> bool:
        if assume_yes:
            return True
        if not sys.stdin.isatty():
            return False
        return click.confirm(f"Phase {getattr(phase, 'value', phase)} cannot be undone. Run it?", default=False)

    return confirm
