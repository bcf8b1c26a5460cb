'''Index built without `CONCURRENTLY` on a table that already exists.

## What it does
Flags `CREATE [UNIQUE] INDEX` without `CONCURRENTLY` on a table that existed before this
migration, including a partitioned parent (where the build locks every partition).

## Why is this bad?
A plain index build holds a `SHARE` lock on the table for the whole build: every `INSERT`,
`UPDATE` and `DELETE` waits for as long as the build takes, which grows with the table. On a
partitioned parent the `SHARE` lock is taken on the parent and on every partition.

## Example
```sql
CREATE INDEX ix_users_email ON users (email);  -- error: [index-without-concurrently]
```

Use instead:
```sql
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
```

On a partitioned parent, `CONCURRENTLY` is not allowed: build an invalid parent index with
`ON ONLY`, build each partition's index concurrently, then attach them:
```sql
CREATE INDEX ix_events_at ON ONLY events (at);
CREATE INDEX CONCURRENTLY ix_events_2024_at ON events_2024 (at);
ALTER INDEX ix_events_at ATTACH PARTITION ix_events_2024_at;
```

## Fix safety
Unsafe: `CONCURRENTLY` cannot run inside a transaction block (the fix is not offered there), and
a failed concurrent build leaves an `INVALID` index behind that must be dropped.

## PostgreSQL versions
All supported versions (12–18).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import (
    create_index,
    edit,
    existing,
    is_new,
    is_partitioned,
    lock_phrase,
)
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = """
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
"""


@rule(code="M101", name="index-without-concurrently", severity=Severity.ERROR,
      aliases=("require-concurrent-index-creation",), hazards=("IDX001", "IDX005"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = create_index(stmt)
    if shape is None or shape.concurrently:
        return
    if is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    if is_partitioned(ctx, stmt, facts, shape.table):
        if shape.only:
            return
        yield ctx.finding(
            stmt,
            f"Building an index on partitioned table `{shape.table}` takes a SHARE lock on it and on "
            "every partition, blocking writes to all of them for the whole build",
            help="Create the parent index with `ON ONLY`, build each partition's index with "
                 "`CREATE INDEX CONCURRENTLY`, then `ALTER INDEX parent_idx ATTACH PARTITION part_idx`",
        )
        return
    fix = None
    if not ctx.in_transaction(stmt):
        fix = Fix.unsafe("Add `CONCURRENTLY`", *filter(None, [edit(ctx, stmt, shape.index_tok, " CONCURRENTLY")]))
    yield ctx.finding(
        stmt,
        f"Building an index without CONCURRENTLY takes {lock_phrase(facts, shape.table)} on `{shape.table}`, blocking "
        "writes for the whole build",
        help="Use `CREATE INDEX CONCURRENTLY` outside a transaction block",
        fix=fix,
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); CREATE INDEX i ON t (a);", why="new tables are empty"),
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);"),
    Case.ok('CREATE TABLE "Odd" (a int); CREATE INDEX i ON public."Odd" (a);', why="quoted, qualified new table"),
    Case.fail('CREATE INDEX i ON "Odd" (a);', earlier='CREATE TABLE "Odd" (a int);',
              fixed='CREATE INDEX CONCURRENTLY i ON "Odd" (a);'),
    Case.fail("CREATE UNIQUE INDEX IF NOT EXISTS i ON s.t (a);",
              earlier="CREATE SCHEMA s; CREATE TABLE s.t (a int);",
              fixed="CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a);"),
    Case.fail("BEGIN; CREATE INDEX i ON t (a); COMMIT;", earlier="CREATE TABLE t (a int);",
              why="inside a transaction block: reported without a fix"),
    Case.fail("CREATE INDEX i ON p (a);",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
              why="partitioned parent: SHARE on every partition, no CONCURRENTLY fix"),
    Case.ok("CREATE INDEX i ON ONLY p (a);",
            earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a);",
            why="ON ONLY builds nothing: the first step of the partition recipe"),
)
