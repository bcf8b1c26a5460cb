"""Shared helpers for the analysis unit tests."""

from __future__ import annotations

from migrator.analysis.analyze import analyze
from migrator.analysis.facts import Facts
from migrator.sql.parse import parse_sql


def facts_of(sql: str, *, pg: int = 16, earlier: str = "", in_transaction: bool = False) -> tuple[Facts, ...]:
    """Facts of the statements of `sql`, with `earlier` as an earlier migration file."""
    migrations = []
    if earlier:
        migrations.append(parse_sql(earlier, path="0001_earlier.sql"))
    migrations.append(parse_sql(sql, path="0002_this.sql", assume_in_transaction=in_transaction))
    return analyze(migrations, pg_version=pg)[-1].facts


def last(sql: str, **kw: object) -> Facts:
    return facts_of(sql, **kw)[-1]  # type: ignore[arg-type]
