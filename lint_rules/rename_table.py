'''Table renamed.

## What it does
Flags `ALTER TABLE a RENAME TO b` on a table that existed before this migration.

## Why is this bad?
The application version still running queries the old name: its queries fail from the moment
the migration commits until the new code is deployed everywhere.

## Example
```sql
ALTER TABLE users RENAME TO accounts;  -- error: [rename-table]
```

Use instead: rename and leave an updatable view under the old name, in one transaction; drop
the view once no code uses the old name:
```sql
BEGIN;
ALTER TABLE users RENAME TO accounts;  -- migrator: ignore[rename-table] a view keeps the old name
CREATE VIEW users AS SELECT * FROM accounts;
COMMIT;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, name text);"


@rule(code="M405", name="rename-table", severity=Severity.ERROR, aliases=("renaming-table",),
      hazards=("CMP005",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    if not any(True for _ in actions(stmt, "RENAME")):
        return
    yield ctx.finding(
        stmt,
        f"Renaming `{shape.table}` breaks the running application's queries that use the old name",
        help="Rename and create an updatable view under the old name in the same transaction",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t RENAME TO u;", why="new table"),
    Case.fail("ALTER TABLE t RENAME TO u;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t RENAME COLUMN a TO b;", earlier="CREATE TABLE t (a int);",
            why="a column rename is rename-column"),
)
