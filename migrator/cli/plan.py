"""`migrator plan`: what each statement locks, rewrites and blocks, and the safe phased plan."""

from __future__ import annotations

import json

import click

from migrator.analysis.pg.versions import DEFAULT, SUPPORTED


@click.command("plan")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--pg-version", type=int, default=None, metavar="N",
              help=f"Target PostgreSQL major version ({SUPPORTED.start}-{SUPPORTED.stop - 1}; "
                   f"default: config file, else {DEFAULT}).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for machines (stable schema).")
@click.option("--emit", nargs=2, type=(click.Choice(["sql", "alembic"]), click.Path(file_okay=False)),
              default=None, metavar="sql|alembic DIR",
              help="Write the phased plan: one SQL file per phase, or chained Alembic revisions.")
@click.option("--assume-in-transaction", is_flag=True,
              help="The migration runner wraps every file in a transaction.")
@click.option("--no-phases", is_flag=True, help="Only classify statements; do not plan phases.")
@click.option("--color/--no-color", default=None,
              help="Force colour on or off (default: on a terminal; NO_COLOR is honoured).")
@click.option("--database-url", envvar="MIGRATOR_DATABASE_URL", default=None, metavar="URL",
              help="Read the live catalog (read-only): existing schema, table sizes (estimated lock "
                   "hold times; tiny tables kept as written) and the server version.")
def plan_command(
    paths: tuple[str, ...],
    pg_version: int | None,
    output_format: str,
    emit: tuple[str, str] | None,
    assume_in_transaction: bool,
    no_phases: bool,
    database_url: str | None,
    color: bool | None,
) -> None:
    """Show, statement by statement, the lock each takes, whether it rewrites or scans the
    table, what it blocks and how risky it is; then the safe expand / backfill / contract plan.

    PATH is a .sql file, a directory of migrations (natural file-name order), an Alembic
    revision or script directory, or - for stdin. Earlier migrations describe the schema that
    later ones run against.

    \b
    Examples:
      migrator plan examples/sql/
      migrator plan migrations/0042_add_index.sql --pg-version 12
      cat change.sql | migrator plan - --format json
      migrator plan migrations/ --emit alembic alembic/versions/
      migrator plan migrations/0042.sql --database-url $DATABASE_URL   # sizes, live schema
    """
    from rich.console import Console

    from migrator.api.plan import migration_sets, plan_paths
    from migrator.config import resolve_pg_version
    from migrator.errors import InputError
    from migrator.report.plan_json import plan_result_to_json
    from migrator.report.plan_text import render_plan_result

    # With a database, its server version is the default target.
    version = pg_version if database_url else resolve_pg_version(pg_version, paths)
    sets = migration_sets(paths)
    if emit is not None and len(sets) > 1:
        raise InputError(f"--emit needs one migration set; {paths[0]} holds {len(sets)}: "
                         + ", ".join(s[0] for s in sets))
    results = [
        plan_paths(set_paths, version, database_url=database_url,
                   assume_in_transaction=assume_in_transaction,
                   with_phases=not no_phases or emit is not None, label=set_paths[0])
        for set_paths in sets
    ]
    if emit is not None:
        _emit(results[0], *emit)
    if output_format == "json":
        click.echo(json.dumps(plan_result_to_json(results), indent=2))
        return
    console = Console(highlight=False, soft_wrap=True, force_terminal=color,
                      no_color=None if color is None else not color)
    for result in results:
        if len(results) > 1:
            console.rule(f"[bold]migration set {result.label}[/bold]", characters="═")
        render_plan_result(console, result)


def _emit(result: object, kind: str, directory: str) -> None:
    from migrator.api.plan import PlanResult
    from migrator.errors import PlanError

    assert isinstance(result, PlanResult)
    if result.plan is None:
        raise PlanError(result.plan_error or "no plan to emit")
    if kind == "sql":
        from migrator.planner.emit.sql import emit_sql

        written = emit_sql(result.plan, directory)
    else:
        from migrator.planner.emit.alembic import emit_alembic

        written = emit_alembic(result.plan, directory)
    for path in written:
        click.echo(f"wrote {path}", err=True)
