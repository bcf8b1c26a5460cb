'''Statement that migrator does not understand.

## What it does
Flags a statement that migrator could not parse, or whose effect (locks, rewrite, scan) its
analysis does not know, for example an unfamiliar command, a typo, or a `DO` block whose body
it cannot read.

## Why is this bad?
Unknown is never safe. A statement that migrator cannot analyse may take an `ACCESS EXCLUSIVE`
lock, rewrite a large table or drop data, and no other rule can tell. Passing it silently would
turn a gap in the tool into a green CI run.

## Example
```sql norun
CREATE TABLE accounts (id bigint);
ALTER TABLE accounts FROB COLUMN id;  -- error: [unparsed-statement]
```

Use instead:
```sql
CREATE TABLE accounts (id bigint);
ALTER TABLE accounts ADD COLUMN note text;
```

When the statement is correct and you have checked what it locks, suppress the finding with a
reason: `-- migrator: ignore[unparsed-statement] checked on staging: catalog-only`.
'''

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts, Risk
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

RENDER_NOTE = "-- migrator:"  # how the Alembic renderer marks a revision it cannot render offline
FIRES_ON_NEW_TABLES = True  # the hazard is the statement or comment itself, not existing rows


@rule(code="M900", name="unparsed-statement", severity=Severity.ERROR)
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if not stmt.understood and stmt.sql.startswith(RENDER_NOTE):
        reason = stmt.sql[len(RENDER_NOTE):].strip().splitlines()[0]
        yield ctx.finding(
            stmt, f"{reason[:1].upper()}{reason[1:]}: what this revision does to the database is unknown",
            help="Review the revision by hand and suppress this finding with a reason, or move the "
                 "data-dependent part into its own data migration")
        return
    if not stmt.understood:
        yield ctx.finding(
            stmt, "migrator could not parse this statement (invalid or unsupported syntax); what it "
                  "locks, rewrites or drops is unknown",
            help="Check the statement's syntax; if it is valid, review its locks by hand and "
                 "suppress this finding with a reason")
        return
    if facts.risk is Risk.UNKNOWN:
        detail = f": {facts.assumptions[0]}" if facts.assumptions else ""
        yield ctx.finding(
            stmt, f"migrator does not know what this {stmt.kind} statement locks or rewrites{detail}",
            help="Review its locks by hand and suppress this finding with a reason")


CASES = (
    Case.ok("CREATE TABLE t (id bigint);", why="an understood statement"),
    Case.ok("SELECT 1;", why="a plain query is understood"),
    Case.fail("ALTER TABLE t FROB COLUMN id;", earlier="CREATE TABLE t (id bigint);",
              why="a typo is not a statement migrator knows"),
)
