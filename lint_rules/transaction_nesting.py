'''`BEGIN` inside a transaction, or a transaction that is never committed.

## What it does
Flags `BEGIN`/`START TRANSACTION` when a transaction is already open (a file wrapped in a
transaction by the runner, or a second `BEGIN`), and a `BEGIN` with no later `COMMIT`,
`ROLLBACK` or `END` in the file.

## Why is this bad?
A nested `BEGIN` only warns (`there is already a transaction in progress`), and its `COMMIT`
then commits the runner's transaction early: later statements run outside the transaction the
runner thinks it controls. A `BEGIN` that is never committed leaves the changes uncommitted;
they are rolled back when the session ends, silently.

## Example
```sql norun
BEGIN;  -- error: [transaction-nesting]
ALTER TABLE users ADD COLUMN nickname text;
```

Use instead: let the migration tool own transactions, or commit what you begin:
```sql
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import per_migration
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
_ENDS = (StatementKind.COMMIT, StatementKind.ROLLBACK)


def _open_before(ctx: LintContext, stmt: Statement) -> bool:
    """Whether a transaction is already open when `stmt` starts (the runner's, or an explicit one)."""
    open_ = bool(getattr(ctx, "assume_in_transaction", False))
    for earlier in ctx.statements[: stmt.index]:
        if earlier.kind is StatementKind.BEGIN:
            open_ = True
        elif earlier.kind in _ENDS:
            open_ = False
    return open_
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M505", name="transaction-nesting", severity=Severity.ERROR,
      aliases=("ban-uncommitted-transaction",), hazards=("TXN006",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.BEGIN:
        return
    if _open_before(ctx, stmt):
        yield ctx.finding(
            stmt,
            "BEGIN inside a transaction that is already open: its COMMIT ends the outer transaction early",
            help="Remove the BEGIN/COMMIT and let the migration runner own the transaction",
        )
        return
    last_end: int = per_migration(ctx, "last-transaction-end", lambda c: max(
        (s.index for s in c.statements if s.kind in _ENDS), default=-1))
    if last_end < stmt.index:
        yield ctx.finding(
            stmt,
            "This transaction is never committed: its changes are rolled back when the session ends",
            help="Add COMMIT at the end of the transaction",
        )


CASES = (
    Case.ok("BEGIN; CREATE TABLE t (a int); COMMIT;"),
    Case.fail("BEGIN; CREATE TABLE t (a int);"),
    Case.fail("BEGIN; CREATE TABLE t (a int); COMMIT;", assume_in_transaction=True),
)
