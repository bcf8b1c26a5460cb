'''More work in a transaction after it took an `ACCESS EXCLUSIVE` lock.

## What it does
Flags the first statement of a transaction block that runs after an earlier statement of the
same block took `ACCESS EXCLUSIVE` on a relation that existed before this migration (statements
that rewrite or scan are reported by `rewrite-under-held-lock` instead).

## Why is this bad?
Locks are held until the transaction ends. Every statement after the `ACCESS EXCLUSIVE` one
extends the time during which nobody can read or write that table, and each further lock it
waits for adds its own queueing time on top.

## Example
```sql
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE user_events (id bigint, user_id bigint);  -- error: [statements-after-access-exclusive]
COMMIT;
```

Use instead: one lock-heavy statement per transaction, with the other work before it or in its
own transaction:
```sql
BEGIN;
CREATE TABLE user_events (id bigint, user_id bigint);
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
_QUIET = frozenset({StatementKind.BEGIN, StatementKind.COMMIT, StatementKind.ROLLBACK, StatementKind.SET,
                    StatementKind.RESET, StatementKind.SHOW, StatementKind.SAVEPOINT,
                    StatementKind.RELEASE_SAVEPOINT, StatementKind.ROLLBACK_TO_SAVEPOINT,
                    StatementKind.COMMENT})


def held_exclusive(ctx: LintContext, index: int) -> list[str]:
    """Pre-existing relations the transaction already holds ACCESS EXCLUSIVE on before `index`."""
    return sorted(rel for rel, mode in ctx.locks_held_before(index).items()
                  if mode is LockMode.ACCESS_EXCLUSIVE and not ctx.is_new_table(rel, index)
                  and any(not lock.new for f in ctx.facts[:index] for lock in f.locks if lock.relation == rel))


def _counts(stmt: Statement, facts: Facts) -> bool:
    return stmt.kind not in _QUIET and not facts.rewrite and not facts.scan


@rule(code="M503", name="statements-after-access-exclusive", severity=Severity.WARNING,
      hazards=("TXN004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not ctx.in_transaction(stmt) or not _counts(stmt, facts):
        return
    held = held_exclusive(ctx, stmt.index)
    if not held:
        return
    block = [s for s in ctx.transaction_of(stmt) if s.index < stmt.index]
    if any(_counts(s, ctx.facts[s.index]) and held_exclusive(ctx, s.index) for s in block):
        return
    yield ctx.finding(
        stmt,
        f"The transaction already holds ACCESS EXCLUSIVE on {', '.join(f'`{h}`' for h in held)}: reads and "
        "writes stay blocked while this and every later statement of the transaction run",
        help="Keep one lock-heavy statement per transaction; move other work before it or into its own transaction",
    )


CASES = (
    Case.ok("BEGIN; ALTER TABLE t ADD COLUMN b int; COMMIT; CREATE TABLE u (a int);",
            earlier="CREATE TABLE t (a int);"),
    Case.fail("BEGIN; ALTER TABLE t ADD COLUMN b int; CREATE TABLE u (a int); COMMIT;",
              earlier="CREATE TABLE t (a int);"),
    Case.ok("BEGIN; CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int; CREATE TABLE u (a int); COMMIT;",
            why="the exclusively locked table is new"),
)
