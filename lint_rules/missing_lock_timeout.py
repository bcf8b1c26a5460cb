'''Blocking lock requested with no effective `lock_timeout`.

## What it does
Flags a statement that takes a lock blocking reads or writes on a relation that existed before
this migration (`ACCESS EXCLUSIVE`, `EXCLUSIVE`, `SHARE ROW EXCLUSIVE`, `SHARE`), including locks
on *other* tables (the referenced table of a foreign key, a partition), when no `lock_timeout`
is in effect at that statement. The effective value follows `SET`, `SET LOCAL` (until the end
of its transaction), `RESET`, `SET ... = 0`, `DEFAULT` and `set_config(...)` in order.

## Why is this bad?
A lock request waits behind any running query that holds a conflicting lock, even a long
`SELECT`. While it waits, every later query on the table queues behind it: a statement that
would take milliseconds stops the application for as long as the slowest running query.
`lock_timeout` turns that wait into a quick failure that can be retried.

## Example
```sql
ALTER TABLE users ADD COLUMN nickname text;  -- error: [missing-lock-timeout]
```

Use instead:
```sql
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN nickname text;
```
Retry the migration (or the statement) when the timeout fires.

## Fix safety
Unsafe: with a timeout the statement fails instead of waiting, so the migration needs a retry.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import per_migration
from migrator.analysis.facts import Facts, Lock
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
FIX_TEXT = "SET lock_timeout = '2s';\n"


def _blocking_locks(ctx: LintContext, facts: Facts, index: int) -> list[Lock]:
    return [lock for lock in facts.locks
            if not lock.new and (lock.mode.blocks_reads or lock.mode.blocks_writes)
            and not ctx.is_new_table(lock.relation, index)]


def _unprotected(ctx: LintContext, index: int) -> bool:
    timeout = ctx.lock_timeout_ms(index)
    return timeout is None or timeout == 0


def _first_flagged(ctx: LintContext) -> int | None:
    """Index of the first statement this rule reports (the only one that gets the fix)."""
    for i in range(len(ctx.statements)):
        if i < len(ctx.facts) and _blocking_locks(ctx, ctx.facts[i], i) and _unprotected(ctx, i):
            return i
    return None


def _last_timeout_mention(ctx: LintContext) -> int:
    """Index of the last statement that mentions lock_timeout (-1 if none)."""
    return max((s.index for s in ctx.statements if "LOCK_TIMEOUT" in s.sql.upper()), default=-1)


@rule(code="M501", name="missing-lock-timeout", severity=Severity.WARNING,
      aliases=("require-lock-timeout",), hazards=("TXN001", "TXN003", "TBL007", "COL011", "TYP002"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    locks = _blocking_locks(ctx, facts, stmt.index)
    if not locks or not _unprotected(ctx, stmt.index):
        return
    strongest = max(locks, key=lambda lock: lock.mode)
    blocked = "reads and writes" if strongest.mode.blocks_reads else "writes"
    state = "is disabled (0)" if ctx.lock_timeout_ms(stmt) == 0 else "is not set"
    first = per_migration(ctx, "M501-first", _first_flagged) == stmt.index
    fix = Fix.unsafe("Set `lock_timeout` before this statement",
                     ctx.insert_before_statement(stmt, FIX_TEXT)) if first else None
    late = per_migration(ctx, "M501-last-set", _last_timeout_mention) > stmt.index
    yield ctx.finding(
        stmt,
        f"This statement waits for {strongest.mode} on `{strongest.relation}` with no lock_timeout "
        f"(it {state}): while it waits, {blocked} of `{strongest.relation}` queue behind it",
        help="`SET lock_timeout = '2s'` (1s-10s) before it, and retry on timeout"
             + (" (the migration sets lock_timeout only after this statement)" if late else ""),
        fix=fix,
    )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int;", why="new table"),
    Case.fail("ALTER TABLE t ADD COLUMN b int;", earlier="CREATE TABLE t (a int);",
              fixed="SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN b int;"),
    Case.ok("SET lock_timeout = '2s'; ALTER TABLE t ADD COLUMN b int;", earlier="CREATE TABLE t (a int);"),
    Case.fail("SET lock_timeout = '2s'; RESET lock_timeout; ALTER TABLE t ADD COLUMN b int;",
              earlier="CREATE TABLE t (a int);", why="RESET returns to the server default",
              fixed="SET lock_timeout = '2s'; RESET lock_timeout; SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN b int;"),
    Case.fail("BEGIN; SET LOCAL lock_timeout = '2s'; COMMIT; ALTER TABLE t ADD COLUMN b int;",
              earlier="CREATE TABLE t (a int);", why="SET LOCAL ends with its transaction",
              fixed="BEGIN; SET LOCAL lock_timeout = '2s'; COMMIT; SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN b int;"),
    Case.fail("CREATE TABLE c (id int, p_id int REFERENCES p (id));",
              earlier="CREATE TABLE p (id int PRIMARY KEY);",
              why="a new table's foreign key locks the existing referenced table",
              fixed="SET lock_timeout = '2s';\nCREATE TABLE c (id int, p_id int REFERENCES p (id));"),
    Case.ok("SELECT set_config('lock_timeout', '2s', false); ALTER TABLE t ADD COLUMN b int;",
            earlier="CREATE TABLE t (a int);"),
)
