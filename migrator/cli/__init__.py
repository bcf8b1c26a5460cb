"""The `migrator` command line: a thin click layer (one module per command).

Each command parses its options, calls one `migrator.api` function, hands the result to
`migrator.report`, and exits with a documented code. No SQL and no sqlglot/psycopg here.

Exit codes:
  0  success (no findings at or above fail_on; every step done)
  1  findings at or above fail_on, or a failed step (state recorded, rollback available)
  2  usage, configuration or input error (unreadable file, bad option, failed connection)
  3  retry later: lock contention past the retry deadline, another apply running, or interrupted
  4  blocked by a gate: contract refused because expand/backfill are not complete
"""

from __future__ import annotations

import importlib

import click

from migrator import __version__
from migrator.errors import MigratorError

COMMAND_MODULES = ("plan", "lint", "rules", "apply", "rollback", "status")


class MigratorGroup(click.Group):
    """A click group that turns `MigratorError` into its message and exit code (no traceback),
    whether the CLI runs from the console script or from click's test runner."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except MigratorError as exc:
            click.echo(exc.render(), err=True)
            ctx.exit(int(exc.exit_code))


@click.group(
    cls=MigratorGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nExit codes:" + __doc__.split("Exit codes:", 1)[1] if __doc__ else None,
)
@click.version_option(__version__, prog_name="migrator")
def cli() -> None:
    """Zero-downtime schema migrations for PostgreSQL: lint, plan and apply.

    \b
    Examples:
      migrator plan examples/sql/                  # what each statement locks, and the safe plan
      migrator lint migrations/ --format github    # CI gate with annotations
      migrator apply migrations/ --phase expand --database-url $DATABASE_URL
    """


def _register() -> None:
    """Add the command defined in each module of COMMAND_MODULES (pgroll's cmd/<command>.go)."""
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"migrator.cli.{name}")
        for obj in vars(module).values():
            if isinstance(obj, click.Command) and obj.name and obj.name not in cli.commands:
                cli.add_command(obj)


_register()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point. Click's standalone mode maps usage errors to exit 2 and
    Ctrl-C to exit 1; `MigratorGroup` maps `MigratorError` to its documented code."""
    cli.main(args=argv, prog_name="migrator")
