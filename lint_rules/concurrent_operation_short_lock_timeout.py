'''Long `SHARE UPDATE EXCLUSIVE` operation under a short `lock_timeout`.

## What it does
Reports `CREATE INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY`, `VALIDATE CONSTRAINT` and
`DETACH PARTITION ... CONCURRENTLY` on existing tables when the effective `lock_timeout` is
10 seconds or less.

## Why is this bad?
These statements take `SHARE UPDATE EXCLUSIVE`, which conflicts with autovacuum. A normal
autovacuum yields, but an anti-wraparound autovacuum does not, and on a large table it can run
for hours: under a short `lock_timeout` the migration then fails over and over. These
statements block neither reads nor writes, so a short timeout buys nothing.

## Example
```sql
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);  -- error: [concurrent-operation-short-lock-timeout]
```

Use instead:
```sql
SET lock_timeout = '5min';
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import concurrent, existing, validates
from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
SHORT_MS = 10_000


@rule(code="M508", name="concurrent-operation-short-lock-timeout", severity=Severity.INFO,
      hazards=("TXN010",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not concurrent(stmt) and not validates(stmt):
        return
    if facts.lock is not LockMode.SHARE_UPDATE_EXCLUSIVE or not existing(facts):
        return
    timeout = ctx.lock_timeout_ms(stmt)
    if timeout is None or timeout == 0 or timeout > SHORT_MS:
        return
    yield ctx.finding(
        stmt,
        f"lock_timeout is {timeout} ms: this SHARE UPDATE EXCLUSIVE statement conflicts with autovacuum, and an "
        "anti-wraparound autovacuum never yields, so it may time out again and again",
        help="Use a longer lock_timeout (minutes) for statements that block neither reads nor writes",
    )


CASES = (
    Case.fail("SET lock_timeout = '1s'; CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);"),
    Case.ok("SET lock_timeout = '5min'; CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);"),
    Case.ok("CREATE TABLE t (a int); SET lock_timeout = '1s'; CREATE INDEX CONCURRENTLY i ON t (a);",
            why="new table"),
)
