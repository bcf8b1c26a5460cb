'''Constraint dropped from an existing table.

## What it does
Flags `ALTER TABLE ... DROP CONSTRAINT` on a table that existed before this migration. For a
foreign key, the message names both tables it locks.

## Why is this bad?
The guarantee disappears at once: code still running may rely on it (uniqueness, a valid
reference, a check), and bad rows can slip in before the replacement exists. Dropping a
foreign key takes `ACCESS EXCLUSIVE` on **both** the table and the referenced table: a hot
parent table is blocked for reads and writes while the statement waits for its locks.

## Example
```sql
ALTER TABLE orders DROP CONSTRAINT orders_user_fk;  -- error: [drop-constraint]
```

Use instead: make sure no running code relies on the constraint, then drop it with a short
`lock_timeout` (and retries) so a busy parent table is not blocked behind the lock queue.
```sql
SET lock_timeout = '2s';
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;  -- migrator: ignore[drop-constraint] no code relies on it
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import alter_table, existing, is_new
from migrator.analysis.facts import Facts, RelationKind
from migrator.analysis.locks import LockMode
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = ("CREATE TABLE users (id bigint PRIMARY KEY); CREATE TABLE orders (id bigint, user_id bigint, "
             "CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));")


@rule(code="M206", name="drop-constraint", severity=Severity.WARNING,
      aliases=("ban-drop-constraint",), hazards=("CON008", "CON009"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in shape.actions:
        if action.kind != "DROP CONSTRAINT":
            continue
        locked = sorted({lock.relation for lock in facts.locks
                         if not lock.new and lock.mode is LockMode.ACCESS_EXCLUSIVE
                         and lock.kind in (RelationKind.TABLE, RelationKind.PARTITIONED_TABLE)})
        if len(locked) > 1:
            message = (f"Dropping {action.constraint} takes ACCESS EXCLUSIVE locks on "
                       f"{' and '.join(f'`{t}`' for t in locked)}, blocking reads and writes on both, and "
                       "removes a guarantee the running code may rely on")
        else:
            message = (f"Dropping {action.constraint} removes a guarantee the running code may rely on "
                       f"(ACCESS EXCLUSIVE on `{shape.table}` while it runs)")
        yield ctx.finding(stmt, message,
                          help="Make sure no deployed code relies on it, and drop it with a short lock_timeout")


CASES = (
    Case.ok("CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0)); ALTER TABLE t DROP CONSTRAINT c;",
            why="new table"),
    Case.fail("ALTER TABLE t DROP CONSTRAINT c;", earlier="CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0));"),
    Case.fail("ALTER TABLE c DROP CONSTRAINT c_fk;",
              earlier="CREATE TABLE p (id int PRIMARY KEY); "
                      "CREATE TABLE c (p_id int CONSTRAINT c_fk REFERENCES p (id));"),
)
