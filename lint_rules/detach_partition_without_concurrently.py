'''`DETACH PARTITION` without `CONCURRENTLY`.

## What it does
Flags `ALTER TABLE parent DETACH PARTITION child` without `CONCURRENTLY` on a parent that existed
before this migration.

## Why is this bad?
A plain detach takes `ACCESS EXCLUSIVE` on the parent and the partition: every read and write of
the whole partitioned table waits while it waits for its locks and runs.

## Example
```sql
ALTER TABLE events DETACH PARTITION events_2024;  -- error: [detach-partition-without-concurrently]
```

Use instead:

On PostgreSQL 14+, outside a transaction block, and not when the table has a `DEFAULT` partition:
```sql pg>=14
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
```
If it is interrupted, finish it with `ALTER TABLE events DETACH PARTITION events_2024 FINALIZE`.

## Fix safety
Unsafe: `CONCURRENTLY` runs two transactions and cannot run inside a transaction block (the fix
is not offered there, nor when the table has a `DEFAULT` partition).

## PostgreSQL versions
`DETACH PARTITION ... CONCURRENTLY` exists from PostgreSQL 14; on 12 and 13 the finding has no fix.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import (
    actions,
    alter_table,
    default_partition_created,
    existing,
    is_new,
    node_flag,
    normalize,
    partition_name,
    same_relation,
)
from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = """
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
"""


def _has_default_partition(ctx: LintContext, facts: Facts, parent: str, child: str) -> bool:
    """A DEFAULT partition exists: the analysis locks it too (a table other than the parent and the
    detached partition), the schema model names one, or this migration creates one."""
    if any(lock.kind is RelationKind.TABLE and not same_relation(lock.relation, parent)
           and not same_relation(lock.relation, child) for lock in facts.locks):
        return True
    schema = ctx.schema
    finder = getattr(schema, "default_partition_of", None)
    if callable(finder) and finder(normalize(parent)):
        return True
    return default_partition_created(ctx)


@rule(code="M702", name="detach-partition-without-concurrently", severity=Severity.ERROR,
      aliases=("require-concurrent-partition-detach",), hazards=("PRT002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "DETACH PARTITION"):
        if node_flag(action, "concurrently") or node_flag(action, "finalize"):
            continue
        fix = None
        if (ctx.caps.detach_partition_concurrently and not ctx.in_transaction(stmt)
                and not _has_default_partition(ctx, facts, shape.table, partition_name(action))):
            end = action.toks[-1].end
            fix = Fix.unsafe("Add `CONCURRENTLY`", ctx.replace_span(stmt, end, end, " CONCURRENTLY"))
        remedy = ("Use `DETACH PARTITION ... CONCURRENTLY` outside a transaction block"
                  if ctx.caps.detach_partition_concurrently else
                  "Detach with a short lock_timeout and retries (CONCURRENTLY needs PostgreSQL 14)")
        yield ctx.finding(
            stmt,
            f"Detaching a partition takes ACCESS EXCLUSIVE on `{shape.table}` and the partition, blocking reads "
            "and writes of the whole partitioned table",
            help=remedy,
            fix=fix,
        )


CASES = (
    Case.ok("CREATE TABLE p (a int) PARTITION BY RANGE (a); "
            "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10); ALTER TABLE p DETACH PARTITION p1;",
            why="new table"),
    Case.fail("ALTER TABLE p DETACH PARTITION p1;",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
              fixed="ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;", pg=(14, 15, 16, 17, 18)),
    Case.fail("ALTER TABLE p DETACH PARTITION p1;",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
              pg=(12, 13), why="no CONCURRENTLY before 14: no fix"),
    Case.fail("ALTER TABLE p DETACH PARTITION p1;",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10); CREATE TABLE pd PARTITION OF p DEFAULT;",
              why="a DEFAULT partition forbids CONCURRENTLY: no fix"),
    Case.ok("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;",
            earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                    "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);"),
)
