'''`varchar(n)` or `char(n)` column.

## What it does
Reports `varchar(n)`/`character varying(n)` and `char(n)`/`character(n)` columns in `CREATE
TABLE` and `ADD COLUMN`.

## Why is this bad?
In PostgreSQL `text` and `varchar` are the same type with the same performance; the length
limit only adds a check, and changing it later is an `ALTER COLUMN TYPE`, which rewrites the
table when the limit shrinks (and takes `ACCESS EXCLUSIVE` either way). `char(n)` pads values
with spaces, which breaks comparisons.

## Example
```sql
CREATE TABLE accounts (id bigint PRIMARY KEY, name varchar(100));  -- error: [varchar-length-limit]
```

Use instead:
```sql
CREATE TABLE accounts (id bigint PRIMARY KEY, name text CONSTRAINT accounts_name_length CHECK (length(name) <= 100));
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import ColumnDef, actions, create_table
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement


def _columns(stmt: Statement) -> list[ColumnDef]:
    created = create_table(stmt)
    if created is not None:
        return list(created.columns)
    return [a.column_def for a in actions(stmt, "ADD COLUMN") if a.column_def is not None]
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M803", name="varchar-length-limit", severity=Severity.INFO,
      aliases=("prefer-text-field", "ban-char-field"), hazards=("BP003",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    for col in _columns(stmt):
        if col.base_type == "varchar" and col.type_args:
            yield ctx.finding(stmt, f"Column {col.name} is {col.type_text}: changing the limit later takes an "
                                    "ACCESS EXCLUSIVE lock (and shrinking it rewrites the table)",
                              help="Use `text` with a CHECK (length(col) <= n) constraint")
        elif col.base_type == "bpchar":
            yield ctx.finding(stmt, f"Column {col.name} is {col.type_text}: values are space-padded, which breaks "
                                    "comparisons, and changing the length rewrites the table",
                              help="Use `text` (with a CHECK on the length if needed)")


CASES = (
    Case.fail("CREATE TABLE t (a varchar(10));"),
    Case.fail("CREATE TABLE t (a char(2));"),
    Case.ok("CREATE TABLE t (a text, b varchar);"),
)
