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

from lint_rules._syntax import Tk, actions, create_index, node_flag, scan
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity, Status
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
# Statement kind → the object word after which the guard goes (`CREATE TABLE`, `DROP MATERIALIZED VIEW`).
_CREATE = {StatementKind.CREATE_TABLE: "TABLE", StatementKind.CREATE_TABLE_AS: "TABLE",
           StatementKind.CREATE_INDEX: "INDEX", StatementKind.CREATE_SEQUENCE: "SEQUENCE",
           StatementKind.CREATE_SCHEMA: "SCHEMA", StatementKind.CREATE_EXTENSION: "EXTENSION"}
_DROP = {StatementKind.DROP_TABLE: "TABLE", StatementKind.DROP_INDEX: "INDEX", StatementKind.DROP_SEQUENCE: "SEQUENCE",
         StatementKind.DROP_SCHEMA: "SCHEMA", StatementKind.DROP_EXTENSION: "EXTENSION", StatementKind.DROP_VIEW: "VIEW",
         StatementKind.DROP_TYPE: "TYPE", StatementKind.DROP_DOMAIN: "DOMAIN", StatementKind.DROP_FUNCTION: "FUNCTION",
         StatementKind.DROP_PROCEDURE: "PROCEDURE", StatementKind.DROP_MATERIALIZED_VIEW: "VIEW",
         StatementKind.DROP_TRIGGER: "TRIGGER", StatementKind.DROP_POLICY: "POLICY"}


def _guard(stmt: Statement) -> tuple[Tk | None, str] | None:
    """Where to insert the missing guard (the token after which) and its text; None: guarded or n/a.
    The tree says whether the statement is guarded; the tokens only place the edit."""
    word = _CREATE.get(stmt.kind) or _DROP.get(stmt.kind)
    if word is None or stmt.ast is None or stmt.ast.args.get("exists"):
        return None
    if stmt.kind is StatementKind.CREATE_INDEX and not getattr(create_index(stmt), "name", ""):
        return (None, "")  # unnamed index: IF NOT EXISTS needs a name
    toks = scan(stmt.sql)
    at = next((i for i, t in enumerate(toks) if t.up == word), None)
    if at is None:
        return None
    if at + 1 < len(toks) and toks[at + 1].up == "CONCURRENTLY":
        at += 1
    return (toks[at], " IF NOT EXISTS" if stmt.kind in _CREATE else " IF EXISTS")
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M506", name="non-idempotent-statement", severity=Severity.INFO, status=Status.PREVIEW,
      aliases=("prefer-robust-stmts",), hazards=("TXN007",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if ctx.in_transaction(stmt):
        return
    guard = _guard(stmt)
    if guard is not None:
        at, text = guard
        fix = None if at is None else Fix.safe(f"Add `{text.strip()}`", ctx.replace_span(stmt, at.end, at.end, text))
        yield ctx.finding(stmt, "Outside a transaction block, a rerun after a partial failure fails on this "
                                "statement because it has no IF [NOT] EXISTS guard",
                          help=f"Add `{text.strip() or 'IF NOT EXISTS'}`" + (" (and name the index)" if at is None else ""),
                          fix=fix)
        return
    for action in actions(stmt, "ADD COLUMN", "DROP COLUMN"):
        if node_flag(action, "exists"):
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
