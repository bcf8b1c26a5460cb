'''`CHECK` constraint added to a domain without `NOT VALID`.

## What it does
Flags `ALTER DOMAIN ... ADD CONSTRAINT ... CHECK (...)` without `NOT VALID` on a domain that
existed before this migration.

## Why is this bad?
PostgreSQL checks every column of every table that uses the domain, holding a `SHARE` lock on
each of those tables for the scan: writes to all of them wait. With `NOT VALID` no table is
locked; `ALTER DOMAIN ... VALIDATE CONSTRAINT` checks existing rows later.

## Example
```sql
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0);  -- error: [domain-constraint-without-not-valid]
```

Use instead:
```sql
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0) NOT VALID;
ALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive_amount_check;
```

## Fix safety
Unsafe: existing values are not checked until `ALTER DOMAIN ... VALIDATE CONSTRAINT` runs.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import action_nodes, altered_name, created_in_migration, is_new
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql import nodes
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE DOMAIN positive_amount AS numeric; CREATE TABLE payments (amount positive_amount);"


@rule(code="M208", name="domain-constraint-without-not-valid", severity=Severity.ERROR,
      aliases=("ban-alter-domain-with-add-constraint",), hazards=("CON011",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    if stmt.kind is not StatementKind.ALTER_DOMAIN:
        return
    if not any(isinstance(a, nodes.AlterDomainConstraint) and isinstance(a.expression, nodes.CheckConstraint)
               and not a.args.get("not_valid") for a in action_nodes(stmt)):
        return
    domain = altered_name(stmt)
    if is_new(ctx, stmt, domain) or created_in_migration(ctx, stmt, domain, ("DOMAIN",)):
        return
    yield ctx.finding(
        stmt,
        f"Adding a CHECK to domain `{domain}` scans every table that uses it under a SHARE lock, "
        "blocking writes to all of them",
        help=f"Add it with NOT VALID, then `ALTER DOMAIN {domain} VALIDATE CONSTRAINT ...`",
        fix=Fix.unsafe("Add `NOT VALID`", ctx.append_edit(stmt, " NOT VALID")),
    )


CASES = (
    Case.ok("CREATE DOMAIN d AS int; ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0);", why="new domain"),
    Case.fail("ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0);",
              earlier="CREATE DOMAIN d AS int; CREATE TABLE t (a d);",
              fixed="ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID;"),
    Case.ok("ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID;", earlier="CREATE DOMAIN d AS int;"),
)
