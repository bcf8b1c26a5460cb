'''DDL without `IF [NOT] EXISTS` outside a transaction block.

## What it does
Reports `CREATE TABLE/INDEX/SEQUENCE/SCHEMA/EXTENSION` without `IF NOT EXISTS`, `DROP ...`
without `IF EXISTS`, and `ADD COLUMN`/`DROP COLUMN` without them, when the statement runs
outside a transaction block (preview rule).

## Why is this bad?
Outside a transaction, a migration that fails halfway leaves its first statements applied. The
rerun then fails on the very first of them (`relation already exists`), and someone has to
repair the database by hand. Guards make the rerun pick up where it stopped.

## Example
```sql
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);  -- error: [non-idempotent-statement]
```

Use instead:
```sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);
```
(after a failed concurrent build, drop the `INVALID` leftover first: see
`concurrent-index-if-not-exists`).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import Tk, actions, scan
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity, Status
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
_CREATE = ("TABLE", "INDEX", "SEQUENCE", "SCHEMA", "EXTENSION")
_DROP = ("TABLE", "INDEX", "SEQUENCE", "SCHEMA", "EXTENSION", "VIEW", "TYPE", "DOMAIN", "FUNCTION",
         "PROCEDURE", "MATERIALIZED", "TRIGGER", "POLICY")


def _guard(toks: tuple[Tk, ...]) -> tuple[Tk | None, str] | None:
    """Where to insert the missing guard (the token after which) and its text; None: guarded or n/a."""
    w = [t.up for t in toks]
    if len(w) < 3:
        return None
    if w[0] == "CREATE":
        i = 1
        while i < len(w) and w[i] in ("UNIQUE", "UNLOGGED", "TEMP", "TEMPORARY"):
            i += 1
        if i >= len(w) or w[i] not in _CREATE:
            return None
        kw = i + 1 if w[i + 1 : i + 2] == ["CONCURRENTLY"] else i
        if w[kw + 1 : kw + 4] == ["IF", "NOT", "EXISTS"]:
            return None
        if w[i] == "INDEX" and w[kw + 1 : kw + 2] == ["ON"]:
            return (None, "")  # unnamed index: IF NOT EXISTS needs a name
        if w[i] == "TABLE" and "AS" in w and "(" not in w[:6]:
            return (toks[kw], " IF NOT EXISTS")
        return (toks[kw], " IF NOT EXISTS")
    if w[0] == "DROP" and w[1] in _DROP:
        kw = 2 if w[1] == "MATERIALIZED" else 1
        if w[kw + 1 : kw + 2] == ["CONCURRENTLY"]:
            kw += 1
        if w[kw + 1 : kw + 3] == ["IF", "EXISTS"]:
            return None
        return (toks[kw], " IF EXISTS")
    return None
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M506", name="non-idempotent-statement", severity=Severity.INFO, status=Status.PREVIEW,
      aliases=("prefer-robust-stmts",), hazards=("TXN007",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if ctx.in_transaction(stmt):
        return
    toks = scan(stmt.sql)
    guard = _guard(toks)
    if guard is not None:
        at, text = guard
        fix = None if at is None else Fix.safe(f"Add `{text.strip()}`", ctx.replace_span(stmt, at.end, at.end, text))
        yield ctx.finding(stmt, "Outside a transaction block, a rerun after a partial failure fails on this "
                                "statement because it has no IF [NOT] EXISTS guard",
                          help=f"Add `{text.strip() or 'IF NOT EXISTS'}`" + (" (and name the index)" if at is None else ""),
                          fix=fix)
        return
    for action in actions(stmt, "ADD COLUMN", "DROP COLUMN"):
        w = [t.up for t in action.toks]
        if "IF" in w[:4]:
            continue
        yield ctx.finding(stmt, f"{action.kind} {action.column} has no IF [NOT] EXISTS guard: a rerun after a "
                                "partial failure fails here",
                          help="Add `IF NOT EXISTS` / `IF EXISTS`")


CASES = (
    Case.fail("CREATE TABLE t (a int);", fixed="CREATE TABLE IF NOT EXISTS t (a int);"),
    Case.fail("CREATE INDEX CONCURRENTLY i ON t (a);", earlier="CREATE TABLE t (a int);",
              fixed="CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"),
    Case.fail("DROP INDEX CONCURRENTLY i;", earlier="CREATE TABLE t (a int); CREATE INDEX i ON t (a);",
              fixed="DROP INDEX CONCURRENTLY IF EXISTS i;"),
    Case.ok("BEGIN; CREATE TABLE t (a int); COMMIT;", why="a transaction rolls back as a whole"),
    Case.ok("CREATE TABLE IF NOT EXISTS t (a int); ALTER TABLE t ADD COLUMN IF NOT EXISTS b int;"),
)
