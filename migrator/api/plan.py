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
    pg_version: int = DEFAULT,
    *,
    stdin_text: str | None = None,
    assume_in_transaction: bool = False,
    with_phases: bool = True,
) -> PlanResult:
    """Analyse the migrations and plan their expand / backfill / contract phases."""
    from migrator.errors import PlanError

    analyzed = analyze_paths(
        paths, pg_version, stdin_text=stdin_text, assume_in_transaction=assume_in_transaction
    )
    if not with_phases:
        return PlanResult(pg_version, analyzed, None)
    try:
        from migrator.planner.planner import plan
    except ImportError:  # planner not available in this build
        return PlanResult(pg_version, analyzed, None)
    try:
        return PlanResult(pg_version, analyzed, plan(analyzed, pg_version))
    except PlanError as exc:
        return PlanResult(pg_version, analyzed, None, plan_error=exc.message)
