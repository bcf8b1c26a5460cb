'''Object moved to another schema with `SET SCHEMA`.

## What it does
Flags `ALTER TABLE/VIEW/SEQUENCE/TYPE/FUNCTION ... SET SCHEMA s` for objects that existed before
this migration.

## Why is this bad?
Moving an object renames it as far as every query is concerned (`public.users` becomes
`archive.users`), under an `ACCESS EXCLUSIVE` lock: the running application's queries that
reach it through the old schema fail.

## Example
```sql
ALTER TABLE users SET SCHEMA archive;  -- error: [set-schema]
```

Use instead: treat it as a rename: move the users over first, or leave a view under the old
name in the same transaction:
```sql
BEGIN;
ALTER TABLE users SET SCHEMA archive;  -- migrator: ignore[set-schema] a view keeps the old name
CREATE VIEW public.users AS SELECT * FROM archive.users;
COMMIT;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import altered_name, created_in_migration
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE SCHEMA archive; CREATE TABLE users (id bigint PRIMARY KEY);"


@rule(code="M409", name="set-schema", severity=Severity.ERROR, aliases=("ban-set-schema",),
      hazards=("CMP009",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if "SET SCHEMA" not in stmt.actions:
        return
    name = altered_name(stmt)
    if not name or created_in_migration(ctx, stmt, name):
        return
    yield ctx.finding(
        stmt,
        f"Moving `{name}` to another schema renames it for every query: running code that uses the old "
        "qualified name breaks",
        help="Treat it as a rename: move the users first, or leave a view under the old name",
    )


CASES = (
    Case.ok("CREATE SCHEMA a; CREATE TABLE t (x int); ALTER TABLE t SET SCHEMA a;", why="new table"),
    Case.fail("ALTER TABLE t SET SCHEMA a;", earlier="CREATE SCHEMA a; CREATE TABLE t (x int);"),
    Case.ok("ALTER TABLE t SET (fillfactor = 90);", earlier="CREATE TABLE t (x int);"),
)
