'''Table truncated in a migration.

## What it does
Flags `TRUNCATE` of a table that existed before this migration.

## Why is this bad?
`TRUNCATE` takes `ACCESS EXCLUSIVE` (reads and writes wait) and deletes every row at once by
swapping in a new, empty file: the data is gone, with no `DELETE` triggers fired.

## Example
```sql
TRUNCATE audit_log;  -- error: [truncate-table]
```

Use instead: delete in batches, or make emptying the table a planned operation outside the
schema migration:
```sql
DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id LIMIT 10000);
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import existing
from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);"


@rule(code="M407", name="truncate-table", severity=Severity.ERROR, hazards=("CMP007",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.TRUNCATE or not existing(facts):
        return
    tables = sorted({lock.relation for lock in facts.locks if not lock.new
                     and lock.kind in (RelationKind.TABLE, RelationKind.PARTITIONED_TABLE)})
    yield ctx.finding(
        stmt,
        f"TRUNCATE deletes every row of {', '.join(f'`{t}`' for t in tables) or 'the table'} under an ACCESS "
        "EXCLUSIVE lock",
        help="Delete in batches, or empty the table as a planned operation outside the migration",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); TRUNCATE t;", why="new table"),
    Case.fail("TRUNCATE TABLE t;", earlier="CREATE TABLE t (a int);"),
    Case.fail("TRUNCATE t RESTART IDENTITY;", earlier="CREATE TABLE t (a int);"),
)
