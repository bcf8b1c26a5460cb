'''Suppression comment that suppresses nothing.

## What it does
Flags a `-- migrator: ignore[...]` or `-- migrator: ignore-file[...]` comment when no finding of
the rules it names was reported where it applies, or when it names a rule that does not exist.

## Why is this bad?
A stale suppression hides the next real problem: when the statement below it changes, the
comment silently swallows a finding nobody reviewed. A misspelt rule name suppresses nothing
while looking as if it did.

## Example
```sql
-- migrator: ignore[index-without-concurrently] built during the maintenance window  -- error: [unused-suppression]
CREATE TABLE accounts (id bigint);
```

Use instead:
```sql
CREATE TABLE accounts (id bigint);
```

Only rules that are enabled are checked: a suppression of a rule turned off by `ignore` in the
configuration is not reported.
'''

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

FIRES_ON_NEW_TABLES = True  # the hazard is the statement or comment itself, not existing rows


@rule(code="M901", name="unused-suppression", severity=Severity.WARNING)
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    """Reported by the runner (`migrator.lint.suppress`) after all rules ran."""
    return iter(())


CASES = (
    Case.fail("-- migrator: ignore[unparsed-statement] fine\nCREATE TABLE t (id bigint);",
              why="nothing to suppress"),
    Case.fail("-- migrator: ignore[no-such-rule] typo\nCREATE TABLE t (id bigint);",
              why="an unknown rule name"),
    Case.ok("-- migrator: ignore[unparsed-statement] checked by hand\nALTER TABLE t FROB c;",
            earlier="CREATE TABLE t (c int);", why="the suppression is used"),
)
