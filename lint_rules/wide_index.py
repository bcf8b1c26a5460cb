'''Non-unique index with more than three columns.

## What it does
Flags a non-unique B-tree index with more than three key columns.

## Why is this bad?
Wide indexes are large, slow down every write to the table, and rarely help more than an
index on the two or three most selective columns (queries that filter on a prefix of the
columns use a narrower index just as well).

## Example
```sql
CREATE INDEX CONCURRENTLY ix_orders_wide ON orders (user_id, status, created_at, total);  -- error: [wide-index]
```

Use instead:
```sql
CREATE INDEX CONCURRENTLY ix_orders_user_status ON orders (user_id, status);
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import create_index
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text, created_at timestamptz, total numeric);"
MAX_COLUMNS = 3
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M109", name="wide-index", severity=Severity.INFO, aliases=("add_index_columns",),
      hazards=("IDX010",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = create_index(stmt)
    if shape is None or shape.unique or shape.method != "btree" or len(shape.columns) <= MAX_COLUMNS:
        return
    yield ctx.finding(
        stmt,
        f"This non-unique index has {len(shape.columns)} columns: it is large and slows every write, "
        "and queries rarely need more than its first columns",
        help=f"Index at most {MAX_COLUMNS} columns, the most selective first",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int, b int, c int, d int); CREATE INDEX i ON t (a, b, c);"),
    Case.ok("CREATE TABLE t (a int, b int, c int, d int); CREATE UNIQUE INDEX i ON t (a, b, c, d);",
            why="a unique index's width is its constraint"),
    Case.fail("CREATE TABLE t (a int, b int, c int, d int); CREATE INDEX i ON t (a, b, c, d);",
              why="a design issue on new tables too"),
)
