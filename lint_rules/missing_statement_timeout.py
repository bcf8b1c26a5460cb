'''Long blocking statement with no effective `statement_timeout`.

## What it does
Flags a statement that scans or rewrites a relation that existed before this migration while
holding a lock that blocks reads or writes, when no `statement_timeout` is in effect (followed
through `SET`, `SET LOCAL`, `RESET`, `= 0` and `set_config(...)`). Non-blocking long statements
(`CREATE INDEX CONCURRENTLY`, `VALIDATE CONSTRAINT`) are not flagged: those may run long on
purpose.

## Why is this bad?
Without an upper bound, a rewrite or scan on a table larger than expected keeps the
application blocked until it finishes, however long that is. A `statement_timeout` caps the
outage and rolls the statement back.

## Example
```sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- error: [missing-statement-timeout]
```

Use instead:
```sql
SET statement_timeout = '30s';
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import existing
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M502", name="missing-statement-timeout", severity=Severity.WARNING,
      aliases=("require-statement-timeout",), hazards=("TXN002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not (facts.scan or facts.rewrite) or not (facts.blocks_reads or facts.blocks_writes):
        return
    if not existing(facts):
        return
    timeout = ctx.statement_timeout_ms(stmt)
    if timeout is not None and timeout > 0:
        return
    work = "rewrites" if facts.rewrite else "scans"
    yield ctx.finding(
        stmt,
        f"This statement {work} a table while blocking {'reads and writes' if facts.blocks_reads else 'writes'}, "
        "with no statement_timeout: the outage lasts as long as the table is large",
        help="`SET statement_timeout` to the longest block you can accept before it",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET NOT NULL;", why="new table"),
    Case.fail("ALTER TABLE t ALTER COLUMN a SET NOT NULL;", earlier="CREATE TABLE t (a int);"),
    Case.ok("SET statement_timeout = '30s'; ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
            earlier="CREATE TABLE t (a int);"),
    Case.ok("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);",
            why="non-blocking long statements may run long"),
)
