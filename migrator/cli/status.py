"""`migrator status`: which phases of each recorded plan are done, what runs now, backfill progress."""

from __future__ import annotations

import json

import click

from migrator.cli.apply import EXIT_CODES_HELP, database_url_option


@click.command("status", epilog=EXIT_CODES_HELP)
@database_url_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for machines.")
@click.option("--limit", type=int, default=10, show_default=True, help="How many plans and runs to show.")
def status_command(database_url: str | None, output_format: str, limit: int) -> None:
    """Show, for each migration, which phases are done, what is running, and backfill progress.

    \b
    Examples:
      migrator status --database-url "$DATABASE_URL"
      migrator status --format json
    """
    from migrator.api.execute import resolve_database_url, status

    url = resolve_database_url(database_url)
    assert url is not None
    report = status(url, limit=limit)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    click.echo(f"database: {report.database}")
    if not report.state_schema:
        click.echo("no migrator state in this database (nothing applied yet)")
        return
    if report.active_run is not None:
        run = report.active_run
        what = "recorded as running, but no process holds the apply lock (it stopped; re-run apply to " \
               "resume)" if report.stale_run else f"running now ({report.lock_holder})"
        click.echo(f"run {run.id} ({run.command} {', '.join(run.phases)}) of plan {run.plan_hash[:12]}, "
                   f"started {run.started_at:%Y-%m-%d %H:%M:%S}: {what}")
    elif report.recent_runs and report.recent_runs[0].status == "interrupted":
        run = report.recent_runs[0]
        click.echo(f"run {run.id} ({run.command} {', '.join(run.phases)}) of plan {run.plan_hash[:12]} was "
                   f"interrupted: {run.error or 'the process stopped'}")
    for plan in report.plans:
        click.echo(f"plan {plan.plan_hash[:12]}  {plan.source}  (recorded {plan.created_at:%Y-%m-%d %H:%M:%S})")
        for migration in plan.migrations:
            phases = ", ".join(f"{p.phase} {p.status} {p.steps_done}/{p.steps_total}" for p in migration.phases)
            click.echo(f"  {migration.migration}: {phases}")
        for step_id in plan.running_steps:
            click.echo(f"  running: {step_id}")
        for step_id, note in plan.interrupted_steps:
            click.echo(f"  interrupted (resumable): {step_id}: {note}")
        for step_id, error in plan.failed_steps:
            click.echo(f"  failed: {step_id}: {error}")
        for b in plan.backfills:
            total = f"/~{b.rows_estimate}" if b.rows_estimate else ""
            click.echo(f"  backfill {b.step_id} on {b.table}: {b.rows_done}{total} rows"
                       f"{' (done)' if b.done else ''}")
