'''`ATTACH PARTITION` that scans the partition under an exclusive lock.

## What it does
Flags `ALTER TABLE parent ATTACH PARTITION child FOR VALUES ...` when the child existed before
this migration and the analysis finds that the statement scans it: no valid `CHECK`
constraint proves that the child's rows fit the partition bounds.

## Why is this bad?
PostgreSQL checks every row of the child against the bounds while holding `ACCESS EXCLUSIVE`
on the child (and on a `DEFAULT` partition, which it also scans): reads and writes of the child
wait for the scan.

## Example
```sql
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');  -- error: [attach-partition-scan]
```

Use instead: prove the bounds with a validated check first; `ATTACH` then skips the scan:
```sql
ALTER TABLE events_2025 ADD CONSTRAINT events_2025_bounds CHECK (at IS NOT NULL AND at >= '2025-01-01' AND at < '2026-01-01') NOT VALID;
ALTER TABLE events_2025 VALIDATE CONSTRAINT events_2025_bounds;
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE events_2025 DROP CONSTRAINT events_2025_bounds;
```

## PostgreSQL versions
From PostgreSQL 12, `ATTACH PARTITION` takes only `SHARE UPDATE EXCLUSIVE` on the parent (all
supported versions); the partition is always locked `ACCESS EXCLUSIVE`.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, is_new, partition_name
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = """
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2025 (id bigint, at timestamptz);
"""


@rule(code="M701", name="attach-partition-scan", severity=Severity.ERROR, hazards=("PRT001",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or not facts.scan:
        return
    for action in actions(stmt, "ATTACH PARTITION"):
        child = partition_name(action)
        if not child or is_new(ctx, stmt, child):
            continue
        yield ctx.finding(
            stmt,
            f"Attaching `{child}` scans it to check the partition bounds under an ACCESS EXCLUSIVE lock, "
            "blocking its reads and writes",
            help=f"First add a CHECK matching the bounds to `{child}` NOT VALID and VALIDATE it; ATTACH then skips the scan",
        )


CASES = (
    Case.ok("CREATE TABLE c (a int); ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (0) TO (10);",
            earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a);", why="new partition"),
    Case.fail("ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (0) TO (10);",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE TABLE c (a int);"),
    Case.ok("ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (0) TO (10);",
            earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                    "CREATE TABLE c (a int CONSTRAINT c_bounds CHECK (a IS NOT NULL AND a >= 0 AND a < 10));",
            why="a valid CHECK implies the bounds: no scan"),
)
