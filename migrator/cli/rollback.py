"""`migrator rollback`: run the undo steps of what `apply` applied, newest first."""

from __future__ import annotations

import click

from migrator.cli.apply import EXIT_CODES_HELP, database_url_option


@click.command("rollback", epilog=EXIT_CODES_HELP)
@database_url_option
@click.option("--phase", type=click.Choice(["expand", "backfill", "contract", "all"]), default="all",
              show_default=True, help="Which phases to undo (later phases must be undone first).")
@click.option("--plan", "plan_hash", default=None, metavar="HASH",
              help="The plan to roll back (a hash prefix; default: the latest applied plan).")
@click.option("--dry-run", is_flag=True, help="Print the undo statements; change nothing.")
@click.option("--wait", "wait_s", type=float, default=None, metavar="SECONDS",
              help="Wait this long for another running apply to finish.")
def rollback_command(database_url: str | None, phase: str, plan_hash: str | None, dry_run: bool,
                     wait_s: float | None) -> None:
    """Undo the applied steps of the latest plan (or --plan HASH), in reverse order.

    A step that cannot be undone (it dropped data) stops the rollback before anything runs.

    \b
    Examples:
      migrator rollback --database-url "$DATABASE_URL"
      migrator rollback --phase contract --plan 3f2a9c
    """
    from rich.console import Console

    from migrator.api.execute import (
        SettingOverrides,
        executor_settings,
        phases_for,
        resolve_database_url,
        rollback,
    )
    from migrator.executor.progress import ConsoleObserver

    url = resolve_database_url(database_url)
    assert url is not None
    settings = executor_settings(flags=SettingOverrides(wait_s=wait_s))
    observer = ConsoleObserver(Console(highlight=False, soft_wrap=True))
    result = rollback(url, phases_for(phase), observer, plan_hash=plan_hash, dry_run=dry_run, settings=settings)
    undone = sum(o.status == "undone" for o in result.outcomes)
    verb = "would undo" if result.dry_run else "undid"
    click.echo(f"{verb} {undone} step(s) of plan {result.plan_hash[:12]} ({', '.join(result.phases)})")
