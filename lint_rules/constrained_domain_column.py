'''Column of a constrained domain added to an existing table.

## What it does
Flags `ALTER TABLE ... ADD COLUMN c some_domain` on an existing table when the analysis finds
that the statement rewrites the table, which happens when the domain has a `CHECK` constraint.

## Why is this bad?
PostgreSQL must check the domain's constraint for every existing row, so it rewrites the table
and its indexes under an `ACCESS EXCLUSIVE` lock: reads and writes wait.

## Example
```sql
ALTER TABLE payments ADD COLUMN fee positive_amount;  -- error: [constrained-domain-column]
```

Use instead: the base type plus a table-level check added `NOT VALID`:
```sql
ALTER TABLE payments ADD COLUMN fee numeric;
ALTER TABLE payments ADD CONSTRAINT payments_fee_positive CHECK (fee > 0) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_fee_positive;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = ("CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0); "
             "CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric);")


@rule(code="M307", name="constrained-domain-column", severity=Severity.ERROR, hazards=("COL009",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts) or not facts.rewrite:
        return
    for action in actions(stmt, "ADD COLUMN"):
        col = action.column_def
        if col is None or col.has_default or col.identity or col.generated_stored or col.generated_virtual:
            continue
        if col.base_type.startswith("serial") or "." not in col.base_type and col.base_type in _BUILTIN:
            continue
        yield ctx.finding(
            stmt,
            f"Column {col.name} has constrained domain type {col.type_text}: `{shape.table}` is rewritten "
            f"under {lock_phrase(facts, shape.table)} to check every row, blocking {blocked(facts)}",
            help="Use the domain's base type and a table-level CHECK added NOT VALID, then VALIDATE it",
        )


_BUILTIN = frozenset({"int2", "int4", "int8", "varchar", "bpchar", "text", "timestamp", "timestamptz",
                      "time", "timetz", "json", "jsonb", "bool", "uuid", "date", "float4", "float8",
                      "numeric", "bytea", "interval", "oid", "money", "inet", "cidr", "macaddr", "citext"})


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b d;",
            earlier="CREATE DOMAIN d AS int CHECK (VALUE > 0);", why="new table"),
    Case.fail("ALTER TABLE t ADD COLUMN b d;",
              earlier="CREATE DOMAIN d AS int CHECK (VALUE > 0); CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN b d;", earlier="CREATE DOMAIN d AS int; CREATE TABLE t (a int);",
            why="a domain without constraints does not rewrite"),
)
