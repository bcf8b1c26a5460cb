"""Read, parse and analyse migrations, and plan them: what `migrator plan` does.

    >>> result = plan_paths(["examples/sql"], pg_version=16)   # doctest: +SKIP
    >>> result.analyzed[1].facts[0].risk                       # doctest: +SKIP
    <Risk.CAUTION: 'caution'>
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from migrator.analysis.facts import AnalyzedMigration
from migrator.analysis.pg.versions import DEFAULT, SUPPORTED
from migrator.errors import InputError
from migrator.planner.model import Plan


@dataclass(frozen=True, slots=True)
class PlanResult:
    """The analysis of every migration and, when planning succeeded, the phased plan."""

    pg_version: int
    analyzed: tuple[AnalyzedMigration, ...]
    plan: Plan | None
    plan_error: str | None = None
    label: str = ""  # the migration set this result covers (a sub-directory of a collection)


def migration_sets(paths: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Split the command line into independent migration sets.

    Normally all paths form ONE set (earlier migrations are the history of later ones). A single
    directory that holds no migrations itself but sub-directories that do (a collection, like
    `examples/` with `sql/` and `alembic/`) gives one independent set per sub-directory, in
    name order: their histories must not mix.
    """
    import os

    from migrator.sql.source import load_sources

    if len(paths) != 1 or not os.path.isdir(paths[0]):
        return (tuple(paths),)
    try:
        load_sources(paths)
    except InputError:
        subdirs = sorted(
            os.path.join(paths[0], name) for name in os.listdir(paths[0])
            if os.path.isdir(os.path.join(paths[0], name)) and not name.startswith((".", "_"))
        )
        sets = []
        for subdir in subdirs:
            try:
                load_sources([subdir])
            except InputError:
                continue
            sets.append((subdir,))
        if sets:
            return tuple(sets)
    return (tuple(paths),)


def check_pg_version(pg_version: int) -> int:
    """Return `pg_version` or raise `InputError` naming the supported range."""
    if pg_version not in SUPPORTED:
        raise InputError(
            f"--pg-version {pg_version} is not supported; choose one of "
            f"{SUPPORTED.start}-{SUPPORTED.stop - 1} (default {DEFAULT})"
        )
    return pg_version


def analyze_paths(
    paths: Sequence[str],
    pg_version: int = DEFAULT,
    *,
    stdin_text: str | None = None,
    assume_in_transaction: bool = False,
) -> tuple[AnalyzedMigration, ...]:
    """Load the migrations named by `paths` (files, directories, `-`), parse and analyse them
    in migration order: earlier migrations build the schema model later ones are analysed
    against."""
    from migrator.analysis.analyze import analyze
    from migrator.sql.parse import parse_source
    from migrator.sql.source import load_sources

    check_pg_version(pg_version)
    sources = load_sources(paths, stdin_text=stdin_text)
    migrations = [parse_source(s, assume_in_transaction=assume_in_transaction) for s in sources]
    return analyze(migrations, pg_version=pg_version)


def plan_paths(
    paths: Sequence[str],
    pg_version: int | None = DEFAULT,
    *,
    stdin_text: str | None = None,
    assume_in_transaction: bool = False,
    with_phases: bool = True,
    database_url: str | None = None,
    label: str = "",
) -> PlanResult:
    """Analyse the migrations and plan their expand / backfill / contract phases.

    With `database_url`, the live catalog is read (read-only, short statement timeout): its
    schema is the history the migrations run against, its table estimates let the planner keep
    a statement on a tiny table as written and estimate how long each blocking step holds its
    lock, and its server version is the target when `pg_version` is None.
    """
    from migrator.analysis.analyze import analyze
    from migrator.errors import PlanError
    from migrator.planner.planner import plan
    from migrator.sql.parse import parse_source
    from migrator.sql.source import load_sources

    catalog = None
    if database_url is not None:
        from migrator.planner.catalog import read_catalog

        catalog = read_catalog(database_url)
        if pg_version is None:
            pg_version = catalog.server_major
    version = check_pg_version(pg_version if pg_version is not None else DEFAULT)
    sources = load_sources(paths, stdin_text=stdin_text)
    migrations = [parse_source(s, assume_in_transaction=assume_in_transaction) for s in sources]
    history = [catalog.database_history()] if catalog is not None else []
    analyzed = analyze([*history, *migrations], pg_version=version)[len(history):]
    if not with_phases:
        return PlanResult(version, analyzed, None, label=label)
    try:
        planned = plan(analyzed, version, table_stats=catalog.table_stats if catalog else None,
                       history=tuple(history))
    except PlanError as exc:
        return PlanResult(version, analyzed, None, plan_error=exc.message, label=label)
    return PlanResult(version, analyzed, planned, label=label)
