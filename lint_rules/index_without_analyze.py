'''Expression or partial index built without refreshing the table's statistics.

## What it does
Flags `CREATE INDEX` of an expression or partial index on an existing table when the migration
does not run `ANALYZE` on that table afterwards.

## Why is this bad?
PostgreSQL keeps statistics for index expressions only after the table is analysed. Until
autovacuum's next `ANALYZE`, which may be hours away on a large, rarely changed table, the
planner guesses the selectivity of the new expression and can choose bad plans.

## Example
```sql
CREATE INDEX CONCURRENTLY ix_users_lower_email ON users (lower(email));  -- error: [index-without-analyze]
```

Use instead:
```sql
CREATE INDEX CONCURRENTLY ix_users_lower_email ON users (lower(email));
ANALYZE users;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import analysed_after, create_index, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M111", name="index-without-analyze", severity=Severity.INFO, aliases=("auto_analyze",),
      hazards=("IDX013",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = create_index(stmt)
    if shape is None or not (shape.has_expression or shape.partial):
        return
    if is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    if analysed_after(ctx, stmt, shape.table):
        return
    yield ctx.finding(
        stmt,
        f"The planner has no statistics for this {'expression' if shape.has_expression else 'partial'} "
        f"index until `{shape.table}` is analysed: plans may be poor until autovacuum runs ANALYZE",
        help=f"Run `ANALYZE {shape.table}` after building the index",
    )


CASES = (
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (lower(a)); ANALYZE t;", earlier="CREATE TABLE t (a text);"),
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a text);",
            why="a plain column already has statistics"),
    Case.fail("CREATE INDEX CONCURRENTLY i ON t (a) WHERE a IS NOT NULL;", earlier="CREATE TABLE t (a text);"),
    Case.ok("CREATE TABLE t (a text); CREATE INDEX i ON t (lower(a));", why="a new table is empty"),
)
