'''Schema, database, view, function, type, sequence, domain or extension dropped.

## What it does
Flags `DROP SCHEMA`, `DROP DATABASE`, `DROP VIEW`, `DROP MATERIALIZED VIEW`, `DROP FUNCTION`,
`DROP PROCEDURE`, `DROP TYPE`, `DROP SEQUENCE`, `DROP DOMAIN` and `DROP EXTENSION` of objects not
created earlier in this migration.

## Why is this bad?
The running application (or a view, a default, a trigger) may still use the object: its
queries fail as soon as it is gone, and `CASCADE` silently drops whatever depends on it.

## Example
```sql
DROP VIEW active_users;  -- error: [drop-object]
```

Use instead: remove the uses first, deploy, then drop it (suppress this finding with that
reason):
```sql
DROP VIEW IF EXISTS active_users;  -- migrator: ignore[drop-object] unused since release 42
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import created_in_migration, dropped_names
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint, active bool); CREATE VIEW active_users AS SELECT id FROM users WHERE active;"
_KINDS = {StatementKind.DROP_SCHEMA: "schema", StatementKind.DROP_DATABASE: "database",
          StatementKind.DROP_VIEW: "view", StatementKind.DROP_MATERIALIZED_VIEW: "materialized view",
          StatementKind.DROP_FUNCTION: "function", StatementKind.DROP_PROCEDURE: "procedure",
          StatementKind.DROP_TYPE: "type", StatementKind.DROP_SEQUENCE: "sequence",
          StatementKind.DROP_DOMAIN: "domain", StatementKind.DROP_EXTENSION: "extension"}


@rule(code="M403", name="drop-object", severity=Severity.ERROR,
      aliases=("ban-drop-database", "ban-drop-schema", "ban-drop-view"), hazards=("CMP003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    kind = _KINDS.get(stmt.kind)
    if kind is None or stmt.ast is None:
        return
    names = [n for n in dropped_names(stmt) if not created_in_migration(ctx, stmt, n)]
    if not names:
        return
    cascade = " and CASCADE drops everything that depends on it" if stmt.ast.args.get("cascade") else ""
    yield ctx.finding(
        stmt,
        f"Dropping {kind} {', '.join(f'`{n}`' for n in names)} breaks running code that still uses it{cascade}",
        help="Remove every use first and deploy, then drop it in a later migration",
    )


CASES = (
    Case.ok("CREATE SEQUENCE s; DROP SEQUENCE s;", why="created in this migration"),
    Case.fail("DROP SCHEMA IF EXISTS old CASCADE;", earlier="CREATE SCHEMA old;"),
    Case.fail("DROP FUNCTION f();", earlier="CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"),
    Case.ok("CREATE TYPE mood AS ENUM ('a'); DROP TYPE mood;", why="created in this migration"),
)
