'''`CREATE INDEX CONCURRENTLY` on a partitioned table, which PostgreSQL rejects.

## What it does
Flags `CREATE INDEX CONCURRENTLY` whose table is a partitioned parent (created with
`PARTITION BY` in this or an earlier migration).

## Why is this bad?
No PostgreSQL release supports building an index concurrently on a partitioned table: the
statement fails with `cannot create index on partitioned table ... concurrently`. Removing
`CONCURRENTLY` makes it run, but then the build blocks writes on every partition.

## Example
```sql norun
CREATE INDEX CONCURRENTLY ix_events_at ON events (at);  -- error: [concurrently-on-partitioned-table]
```

Use instead:
```sql
CREATE INDEX IF NOT EXISTS ix_events_at ON ONLY events (at);
CREATE INDEX CONCURRENTLY ix_events_2024_at ON events_2024 (at);
ALTER INDEX ix_events_at ATTACH PARTITION ix_events_2024_at;
```
The parent index stays `INVALID` until an index of every partition is attached.

## PostgreSQL versions
All supported versions (12–18).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import create_index, is_partitioned
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = """
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
"""
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M104", name="concurrently-on-partitioned-table", severity=Severity.ERROR,
      hazards=("IDX004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = create_index(stmt)
    if shape is None or not shape.concurrently:
        return
    if not is_partitioned(ctx, stmt, facts, shape.table):
        return
    yield ctx.finding(
        stmt,
        f"`{shape.table}` is partitioned: PostgreSQL cannot build an index on a partitioned table "
        "CONCURRENTLY and rejects this statement",
        help="Create the parent index with `ON ONLY` (no CONCURRENTLY), build each partition's "
             "index with `CREATE INDEX CONCURRENTLY`, then `ALTER INDEX parent_idx ATTACH PARTITION part_idx`",
    )


CASES = (
    Case.fail("CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE INDEX CONCURRENTLY i ON p (a);",
              why="rejected even on a new partitioned table"),
    Case.fail("CREATE INDEX CONCURRENTLY i ON p (a);",
              earlier="CREATE TABLE p (a int) PARTITION BY LIST (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);"),
    Case.ok("CREATE INDEX CONCURRENTLY i ON p1 (a);",
            earlier="CREATE TABLE p (a int) PARTITION BY LIST (a); "
                    "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);",
            why="a leaf partition is a plain table"),
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
)
