'''Suppression comment without a reason.

## What it does
Flags a `-- migrator: ignore[...]` or `-- migrator: ignore-file[...]` comment that gives no
reason after the closing bracket. The suppression still applies.

## Why is this bad?
A suppression says "this hazard is acceptable here". Without the reason, the next reader cannot
tell whether someone checked the table size and the traffic, or just made CI green.

## Example
```sql norun
ALTER TABLE accounts FROB COLUMN id;  -- migrator: ignore[unparsed-statement]  -- error: [suppression-without-reason]
```

Use instead:
```sql norun
-- migrator: ignore[unparsed-statement] vendor extension, checked on staging: catalog-only
ALTER TABLE accounts FROB COLUMN id;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE accounts (id bigint);"


FIRES_ON_NEW_TABLES = True  # the hazard is the statement or comment itself, not existing rows


@rule(code="M902", name="suppression-without-reason", severity=Severity.ERROR)
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    """Reported by the runner (`migrator.lint.suppress`) while it reads suppressions."""
    return iter(())


CASES = (
    Case.fail("-- migrator: ignore[unparsed-statement]\nALTER TABLE t FROB c;",
              earlier="CREATE TABLE t (c int);"),
    Case.fail("-- migrator: ignore-file[M900]\nALTER TABLE t FROB c;", earlier="CREATE TABLE t (c int);"),
    Case.ok("-- migrator: ignore[M900] checked by hand\nALTER TABLE t FROB c;",
            earlier="CREATE TABLE t (c int);"),
)
