'''Domain created with a `CHECK` constraint.

## What it does
Flags `CREATE DOMAIN ... CHECK (...)`.

## Why is this bad?
A constrained domain makes later changes expensive: adding a column of the domain to an
existing table rewrites the table, changing a column's type to the domain rewrites it, and
adding a check to the domain scans every table that uses it. A table-level `CHECK` can be
added `NOT VALID` and validated without blocking.

## Example
```sql
CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);  -- error: [domain-with-check]
```

Use instead:
```sql
CREATE TABLE payments (amount numeric, CONSTRAINT payments_amount_positive CHECK (amount > 0));
```
'''

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql import nodes
from migrator.sql.statement import Statement, StatementKind

FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M209", name="domain-with-check", severity=Severity.WARNING,
      aliases=("ban-create-domain-with-constraint",), hazards=("CON012",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.CREATE_DOMAIN or stmt.ast is None \
            or not any(isinstance(c, nodes.CheckConstraint) for c in stmt.ast.args.get("constraints") or ()):
        return
    yield ctx.finding(
        stmt,
        "A domain with a CHECK constraint makes later changes rewrite or scan every table that uses it",
        help="Use the plain base type and a table-level CHECK constraint",
    )


CASES = (
    Case.fail("CREATE DOMAIN d AS int CHECK (VALUE > 0);"),
    Case.ok("CREATE DOMAIN d AS int NOT NULL;"),
    Case.ok("CREATE TABLE t (a int CHECK (a > 0));", why="a table-level check is the alternative"),
)
