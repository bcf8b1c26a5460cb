'''`UPDATE` or `DELETE` of a whole table in a migration.

## What it does
Flags `UPDATE` and `DELETE` without a `WHERE` clause on a table that existed before this
migration.

## Why is this bad?
One statement touches every row: it locks all of them until the transaction ends (concurrent
updates of any row wait), writes a new version of each row (table bloat, a WAL burst, replica
lag), and the longer it runs the longer every lock the migration holds stays held.

## Example
```sql
UPDATE users SET plan = 'free';  -- error: [bulk-data-change]
```

Use instead: backfill in small batches outside the schema-change transaction, throttled:
```sql
UPDATE users SET plan = 'free' WHERE id >= 1 AND id < 10001 AND plan IS NULL;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from lint_rules._syntax import existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, plan text);"


@rule(code="M601", name="bulk-data-change", severity=Severity.WARNING, hazards=("DML001",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    tree = stmt.ast
    if stmt.kind not in (StatementKind.UPDATE, StatementKind.DELETE) or tree is None:
        return
    if tree.args.get("where") is not None or tree.args.get("with_") is not None and tree.find(exp.Where) is not None:
        return
    if not existing(facts) and not facts.tables:
        return
    if facts.tables and all(is_new(ctx, stmt, t) for t in facts.tables):
        return
    verb = "updates" if stmt.kind is StatementKind.UPDATE else "deletes"
    yield ctx.finding(
        stmt,
        f"This statement {verb} every row of the table in one transaction: every row stays locked until commit, "
        "with a WAL burst and replica lag",
        help="Backfill in batches (keyset ranges) outside the schema-change transaction",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); UPDATE t SET a = 1;", why="new table"),
    Case.fail("UPDATE t SET a = 1;", earlier="CREATE TABLE t (a int);"),
    Case.fail("DELETE FROM t;", earlier="CREATE TABLE t (a int);"),
    Case.ok("UPDATE t SET a = 1 WHERE a IS NULL AND a < 100;", earlier="CREATE TABLE t (a int);"),
)
