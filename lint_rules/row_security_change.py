'''Row-level security, policy, replica identity or owner changed on an existing table.

## What it does
Reports `ALTER TABLE ... ENABLE/DISABLE/FORCE ROW LEVEL SECURITY`, `CREATE/ALTER/DROP POLICY`,
`ALTER TABLE ... REPLICA IDENTITY FULL` and `ALTER TABLE ... OWNER TO` on tables that existed
before this migration.

## Why is this bad?
Each takes `ACCESS EXCLUSIVE` on the table. Row-level security and policies silently change
which rows every query returns or may write (an application role can suddenly see nothing);
`REPLICA IDENTITY FULL` makes every update and delete log the whole old row, multiplying WAL
volume; a new owner changes who may alter the table and bypasses its policies.

## Example
```sql
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;  -- error: [row-security-change]
```

Use instead: create the policies first, test them with the application role, then enable row
security with a short `lock_timeout` (and suppress this finding with that reason):
```sql
SET lock_timeout = '2s';
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;  -- migrator: ignore[row-security-change] policies tested in staging
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import (
    actions,
    alter_table,
    created_in_migration,
    existing,
    is_new,
    policy_table,
)
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE documents (id bigint PRIMARY KEY, owner text);"
_ACTIONS = ("ENABLE ROW LEVEL SECURITY", "DISABLE ROW LEVEL SECURITY", "FORCE ROW LEVEL SECURITY",
            "NO FORCE ROW LEVEL SECURITY", "OWNER TO")


@rule(code="M416", name="row-security-change", severity=Severity.INFO,
      aliases=("ban-create-policy", "ban-alter-row-level-security", "ban-replica-identity"),
      hazards=("TBL006",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    table = policy_table(stmt)
    if table:
        if created_in_migration(ctx, stmt, table):
            return
        yield ctx.finding(stmt, f"A policy change on `{table}` changes which rows queries see or may write "
                                "(ACCESS EXCLUSIVE while it runs)",
                          help="Test the policy with the application role before deploying; use a short lock_timeout")
        return
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in actions(stmt, *_ACTIONS, "REPLICA IDENTITY"):
        if action.kind == "REPLICA IDENTITY" and str(action.node.this if action.node is not None else "").upper() != "FULL":
            continue
        effect = {"REPLICA IDENTITY": "makes every UPDATE and DELETE write the whole old row to the WAL",
                  "OWNER TO": "changes who may alter the table and whom its policies apply to"}.get(
            action.kind, "changes which rows every query sees or may write")
        yield ctx.finding(stmt, f"{action.kind} on `{shape.table}` {effect} (ACCESS EXCLUSIVE while it runs)",
                          help="Review the effect on the running application; use a short lock_timeout")


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY;", why="new table"),
    Case.fail("ALTER TABLE t ENABLE ROW LEVEL SECURITY;", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t REPLICA IDENTITY FULL;", earlier="CREATE TABLE t (a int);"),
    Case.fail("CREATE POLICY p ON t USING (a > 0);", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t REPLICA IDENTITY DEFAULT;", earlier="CREATE TABLE t (a int);"),
)
