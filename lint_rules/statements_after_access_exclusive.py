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

from lint_rules._syntax import held_before, is_new, per_migration
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


def _counts(stmt: Statement, facts: Facts) -> bool:
    return stmt.kind not in _QUIET and not facts.rewrite and not facts.scan


def _flagged(ctx: LintContext) -> dict[int, tuple[str, ...]]:
    """Statement index → exclusively locked relations, for the first statement of each transaction
    block that does more work after an ACCESS EXCLUSIVE lock on a pre-existing relation."""
    flagged: dict[int, tuple[str, ...]] = {}
    reported_in: set[int] = set()
    block = 0
    for stmt in ctx.statements:
        if stmt.kind is StatementKind.BEGIN or not ctx.in_transaction(stmt.index):
            block += 1
        held = sorted(rel for rel, mode in held_before(ctx, stmt).items()
                      if mode is LockMode.ACCESS_EXCLUSIVE and not is_new(ctx, stmt, rel))
        facts = ctx.facts[stmt.index]
        if held and block not in reported_in and ctx.in_transaction(stmt.index) and _counts(stmt, facts):
            flagged[stmt.index] = tuple(held)
            reported_in.add(block)
        if stmt.kind in (StatementKind.COMMIT, StatementKind.ROLLBACK):
            block += 1
    return flagged


@rule(code="M503", name="statements-after-access-exclusive", severity=Severity.WARNING,
      hazards=("TXN004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    held = per_migration(ctx, "M503", _flagged).get(stmt.index)
    if not held:
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
