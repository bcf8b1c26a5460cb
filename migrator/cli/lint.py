"""`migrator lint`: the CI gate: findings per statement, suppressions, baselines, fixes."""

from __future__ import annotations

import sys

import click

from migrator.analysis.pg.versions import DEFAULT, SUPPORTED

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (code frames) for people; json (docs/lint-json.md), sarif (code scanning), "
                   "github (annotations), gitlab (Code Quality), junit for CI.")
@click.option("--pg-version", type=int, default=None, metavar="N",
              help=f"Target PostgreSQL major version ({SUPPORTED.start}-{SUPPORTED.stop - 1}; "
                   f"default: config, else {DEFAULT}).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, names or families (M1), comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (added to the config's).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "none"]), default=None,
              help="Least severity that makes the exit code 1 (default: config, else error).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this pyproject.toml / migrator.toml for every file (default: nearest one).")
@click.option("--assume-in-transaction/--no-assume-in-transaction", default=None,
              help="The migration runner wraps every file in a transaction.")
@click.option("--preview/--no-preview", default=None,
              help="Also run rules in preview (default: config `preview`, else off; a preview rule "
                   "named exactly in --select runs anyway).")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write SQL files back (never Alembic).")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also apply fixes that may change behaviour.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff instead of writing them (exit 1 if any).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Record findings to FILE when it does not exist; otherwise report only new ones.")
@click.option("--update-baseline", is_flag=True, help="Rewrite the --baseline file with today's findings.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
def lint_command(paths: tuple[str, ...], output_format: str, pg_version: int | None,
                 select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
                 config_file: str | None, assume_in_transaction: bool | None, preview: bool | None, fix: bool,
                 unsafe_fixes: bool, show_diff: bool, baseline: str | None, update_baseline: bool,
                 color: bool | None) -> None:
    """Check migrations for locking, rewriting and compatibility hazards.

    PATH is a .sql file, a directory of migrations (migration order), an Alembic revision or
    script directory, or - for stdin. Settings come from the nearest pyproject.toml
    [tool.migrator] or migrator.toml (see docs/config.md); flags override MIGRATOR_* variables,
    which override the file. Exit code 0: nothing at or above --fail-on; 1: findings; 2: usage,
    configuration or input error.

    \b
    Examples:
      migrator lint migrations/
      migrator lint migrations/ --format github          # annotations in a pull request
      migrator lint migrations/ --format sarif > lint.sarif
      migrator lint 0042_add_index.sql --pg-version 12 --select M1,M5
      migrator lint alembic/versions/ --fail-on warning
      migrator lint migrations/ --baseline .migrator-baseline.json   # adopt on a legacy repo
      migrator lint migrations/ --diff --unsafe-fixes    # show every fix as a diff
      migrator lint migrations/ --fix                    # apply safe fixes in place
      migrator lint migrations/ --preview                # also run rules in preview
      migrator rule M101                                 # explain a rule
    """
    from migrator.api.lint import lint_paths
    from migrator.config import Overrides, split_keys
    from migrator.errors import InputError
    from migrator.report.lint import render_lint

    if unsafe_fixes and not (fix or show_diff):
        raise InputError("--unsafe-fixes needs --fix or --diff")
    if fix and show_diff:
        raise InputError("--diff shows the fixes without writing them: use it without --fix")
    if update_baseline and baseline is None:
        raise InputError("--update-baseline needs --baseline FILE")
    if pg_version is not None and pg_version not in SUPPORTED:
        raise InputError(f"--pg-version {pg_version} is not supported; choose one of "
                         f"{SUPPORTED.start}-{SUPPORTED.stop - 1}")
    overrides = Overrides(
        config_file=config_file, pg_version=pg_version, select=split_keys(select) if select else None,
        extend_ignore=split_keys(ignore) or (), fail_on=fail_on,
        assume_in_transaction=assume_in_transaction, preview=preview)
    stdin_text = None  # load_sources reads stdin as bytes and decodes it (InputError if not UTF-8)
    report = lint_paths(paths, overrides=overrides, stdin_text=stdin_text, fix=fix,
                        unsafe_fixes=unsafe_fixes, baseline=baseline, update_baseline=update_baseline,
                        diff=show_diff)
    if show_diff:
        sys.stdout.write("".join(text for _, text in report.diffs))
        sys.stdout.flush()
        sys.exit(1 if report.diffs else 0)
    render_lint(report, output_format, sys.stdout, color=color)
    sys.stdout.flush()
    sys.exit(report.exit_code)  # SystemExit: click's standalone_mode=False would swallow Exit
