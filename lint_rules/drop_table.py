'''Table dropped.

## What it does
Flags `DROP TABLE` of a table that existed before this migration.

## Why is this bad?
The data is gone and the running application's queries on the table fail. `DROP TABLE` takes
`ACCESS EXCLUSIVE` on the table and, to remove their foreign keys, on every table that
references it: those are blocked for reads and writes while it waits for its locks.

## Example
```sql
DROP TABLE legacy_events;  -- error: [drop-table]
```

Use instead: stop using the table in code, deploy, drop the foreign keys that point to it in
their own statements, then drop it (suppress this finding with that reason):
```sql
DROP TABLE IF EXISTS legacy_events;  -- migrator: ignore[drop-table] unused since release 42
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import dropped_names, existing, is_new, same_relation
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE legacy_events (id bigint PRIMARY KEY);"


@rule(code="M402", name="drop-table", severity=Severity.ERROR, aliases=("ban-drop-table",),
      hazards=("CMP002",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.DROP_TABLE or not existing(facts):
        return
    dropped = [n for n in dropped_names(stmt) if not is_new(ctx, stmt, n)]
    if not dropped:
        return
    others = sorted({lock.relation for lock in facts.locks
                     if not lock.new and not any(same_relation(lock.relation, d) for d in dropped)})
    extra = f"; it also locks {', '.join(f'`{o}`' for o in others)} (ACCESS EXCLUSIVE)" if others else ""
    yield ctx.finding(
        stmt,
        f"Dropping {', '.join(f'`{d}`' for d in dropped)} loses its data and breaks running code that uses it{extra}",
        help="Stop using the table in code and deploy first; drop incoming foreign keys separately",
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); DROP TABLE t;", why="new table"),
    Case.fail("DROP TABLE t;", earlier="CREATE TABLE t (a int);"),
    Case.fail("DROP TABLE IF EXISTS p CASCADE;",
              earlier="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));"),
)
