'''Table or index moved to another tablespace.

## What it does
Flags `ALTER TABLE ... SET TABLESPACE`, `ALTER INDEX ... SET TABLESPACE` and
`ALTER MATERIALIZED VIEW ... SET TABLESPACE` on relations that existed before this migration.

## Why is this bad?
The relation's files are copied block by block to the new tablespace while an `ACCESS
EXCLUSIVE` lock is held: reads and writes wait for the whole copy.

## Example
```sql
ALTER TABLE events SET TABLESPACE pg_default;  -- error: [set-tablespace]
```

Use instead: `pg_repack --tablespace`, or a new table in the target tablespace filled in
batches.
```sql
CREATE TABLE events_new (LIKE events INCLUDING ALL) TABLESPACE pg_default;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import altered_name, created_in_migration
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE events (id bigint PRIMARY KEY, payload text);"


@rule(code="M413", name="set-tablespace", severity=Severity.ERROR,
      aliases=("table-movement-to-tablespace", "index-movement-to-tablespace"), hazards=("TBL003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if "SET TABLESPACE" not in stmt.actions or stmt.kind is StatementKind.ALTER_DATABASE:
        return
    name = altered_name(stmt)
    if not name or created_in_migration(ctx, stmt, name):
        return
    yield ctx.finding(
        stmt,
        f"Moving `{name}` to another tablespace copies its files under an ACCESS EXCLUSIVE lock, blocking "
        "reads and writes for the whole copy",
        help="Use pg_repack --tablespace, or copy into a new table in batches",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t SET TABLESPACE pg_default;", why="new table"),
    Case.fail("ALTER TABLE t SET TABLESPACE pg_default;", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER INDEX i SET TABLESPACE pg_default;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);"),
)
