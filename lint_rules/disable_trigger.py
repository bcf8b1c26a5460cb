'''Trigger disabled on an existing table.

## What it does
Flags `ALTER TABLE ... DISABLE TRIGGER` (a name, `USER` or `ALL`) on a table that existed
before this migration.

## Why is this bad?
While the trigger is off, every write from the running application skips its logic: audit
rows are not written, denormalised columns go stale, and `DISABLE TRIGGER ALL` even skips the
internal triggers that enforce foreign keys. The statement takes `SHARE ROW EXCLUSIVE`, which
blocks writes while it waits.

## Example
```sql
ALTER TABLE orders DISABLE TRIGGER orders_audit;  -- error: [disable-trigger]
```

Use instead: change the trigger function so it skips the rows you are backfilling (for
example when a session setting is on), instead of switching it off for everyone:
```sql
SET app.skip_audit = 'on';
```
'''

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from lint_rules._syntax import actions, alter_table, existing, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = """
CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit();
"""


@rule(code="M415", name="disable-trigger", severity=Severity.WARNING, aliases=("ban-disable-trigger",),
      hazards=("TBL005",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, "DISABLE TRIGGER"):
        target = action.node.this if action.node is not None else None
        everything = isinstance(target, exp.Var) and target.name.upper() == "ALL"
        yield ctx.finding(
            stmt,
            f"Disabling {'all triggers' if everything else 'a trigger'} on `{shape.table}` makes every write skip "
            "its logic" + (" (including foreign key checks)" if everything else ""),
            help="Let the trigger function skip the rows you backfill instead of disabling it for everyone",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t DISABLE TRIGGER ALL;", why="new table"),
    Case.fail("ALTER TABLE t DISABLE TRIGGER ALL;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ENABLE TRIGGER ALL;", earlier="CREATE TABLE t (a int);"),
)
