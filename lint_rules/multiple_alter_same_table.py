'''Several `ALTER TABLE` statements on the same table that could be one.

## What it does
Reports an `ALTER TABLE t` that directly follows another `ALTER TABLE t` on a table that
existed before this migration, when both only hold combinable actions (not `RENAME`,
`SET SCHEMA`, `ATTACH`/`DETACH PARTITION`, and not a `VALIDATE CONSTRAINT` that is kept apart
on purpose).

## Why is this bad?
Each statement queues for the table's lock again (each one a chance to block the application
behind the lock queue), and several rewriting or scanning actions each do their own pass over
the table, where one `ALTER TABLE` with a list of actions does one.

## Example
```sql
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN avatar_url text;  -- error: [multiple-alter-same-table]
```

Use instead:
```sql
ALTER TABLE users ADD COLUMN nickname text, ADD COLUMN avatar_url text;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import AlterTable, alter_table, existing, is_new, same_relation
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
_APART = {"RENAME", "RENAME COLUMN", "RENAME CONSTRAINT", "SET SCHEMA", "ATTACH PARTITION", "DETACH PARTITION",
          "VALIDATE CONSTRAINT"}


def _combinable(shape: AlterTable) -> bool:
    return bool(shape.actions) and not any(a.kind in _APART or a.not_valid for a in shape.actions)


@rule(code="M507", name="multiple-alter-same-table", severity=Severity.INFO, hazards=("TXN008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or stmt.index == 0 or not _combinable(shape) or not existing(facts):
        return
    if is_new(ctx, stmt, shape.table):
        return
    previous = alter_table(ctx.statements[stmt.index - 1])
    if previous is None or not same_relation(previous.table, shape.table) or not _combinable(previous):
        return
    yield ctx.finding(
        stmt,
        f"Another ALTER TABLE on `{shape.table}` right after the previous one: each statement queues for the "
        "lock again and may scan the table again",
        help="Combine the actions into one ALTER TABLE, separated by commas",
    )


CASES = (
    Case.fail("ALTER TABLE t ADD COLUMN b int; ALTER TABLE t ADD COLUMN c int;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN b int, ADD COLUMN c int;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT k;",
            earlier="CREATE TABLE t (a int);", why="kept apart on purpose"),
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int; ALTER TABLE t ADD COLUMN c int;",
            why="new table"),
)
