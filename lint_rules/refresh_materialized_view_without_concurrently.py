'''`REFRESH MATERIALIZED VIEW` without `CONCURRENTLY`.

## What it does
Flags `REFRESH MATERIALIZED VIEW` without `CONCURRENTLY` on a materialized view that existed
before this migration.

## Why is this bad?
A plain refresh rebuilds the view under an `ACCESS EXCLUSIVE` lock: every read of the view
waits for the whole refresh.

## Example
```sql
REFRESH MATERIALIZED VIEW user_stats;  -- error: [refresh-materialized-view-without-concurrently]
```

Use instead:

(`CONCURRENTLY` needs a unique index on the view, and a populated view)
```sql
REFRESH MATERIALIZED VIEW CONCURRENTLY user_stats;
```

## Fix safety
Unsafe: `CONCURRENTLY` fails when the view has no unique index covering all rows, or has never
been populated (`WITH NO DATA`).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import concurrent, created_in_migration, edit, name_after, scan
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = ("CREATE TABLE users (id bigint PRIMARY KEY, plan text); "
             "CREATE MATERIALIZED VIEW user_stats AS SELECT plan, count(*) AS n FROM users GROUP BY plan; "
             "CREATE UNIQUE INDEX user_stats_plan ON user_stats (plan);")


@rule(code="M414", name="refresh-materialized-view-without-concurrently", severity=Severity.ERROR,
      hazards=("TBL004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.REFRESH_MATERIALIZED_VIEW or concurrent(stmt):
        return
    toks = scan(stmt.sql)  # to place the fix after VIEW
    name = name_after(stmt, "REFRESH", "MATERIALIZED", "VIEW")
    if not name or created_in_migration(ctx, stmt, name):
        return
    yield ctx.finding(
        stmt,
        f"Refreshing `{name}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock, blocking every read of "
        "the view for the whole refresh",
        help="Use `REFRESH MATERIALIZED VIEW CONCURRENTLY` (the view needs a unique index)",
        fix=Fix.unsafe("Add `CONCURRENTLY`", edit(ctx, stmt, next(t for t in toks if t.up == "VIEW"), " CONCURRENTLY")),
    )


CASES = (
    Case.fail("REFRESH MATERIALIZED VIEW mv;",
              earlier="CREATE TABLE t (a int); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; "
                      "CREATE UNIQUE INDEX mv_a ON mv (a);",
              fixed="REFRESH MATERIALIZED VIEW CONCURRENTLY mv;"),
    Case.ok("REFRESH MATERIALIZED VIEW CONCURRENTLY mv;",
            earlier="CREATE TABLE t (a int); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; "
                    "CREATE UNIQUE INDEX mv_a ON mv (a);"),
    Case.ok("CREATE TABLE t (a int); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; REFRESH MATERIALIZED VIEW mv;",
            why="new view"),
)
