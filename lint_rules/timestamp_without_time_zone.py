'''`timestamp` column without time zone.

## What it does
Flags `timestamp` / `timestamp without time zone` columns in `CREATE TABLE`, `ADD COLUMN` and
`ALTER COLUMN ... TYPE`.

## Why is this bad?
`timestamp` stores a wall-clock reading with no time zone: the same instant is stored
differently by clients in different zones, and comparisons across daylight-saving changes are
wrong. `timestamptz` stores an instant (the same 8 bytes) and converts on input and output.

## Example
```sql
ALTER TABLE users ADD COLUMN last_seen timestamp;  -- error: [timestamp-without-time-zone]
```

Use instead:
```sql
ALTER TABLE users ADD COLUMN last_seen timestamptz;
```

## Fix safety
Unsafe: clients that read the column get values converted to their session time zone.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import ColumnDef, actions, create_table
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY);"


def _columns(stmt: Statement) -> list[ColumnDef]:
    created = create_table(stmt)
    if created is not None:
        return list(created.columns)
    return [a.column_def for a in actions(stmt, "ADD COLUMN") if a.column_def is not None]
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M804", name="timestamp-without-time-zone", severity=Severity.WARNING,
      aliases=("prefer-timestamptz",), hazards=("BP004",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    for col in _columns(stmt):
        if col.base_type != "timestamp" or col.is_array:
            continue
        precision = f"({col.type_args[0]})" if col.type_args else ""
        yield ctx.finding(
            stmt,
            f"Column {col.name} is `timestamp` without time zone: it stores wall-clock readings, not instants",
            help="Use `timestamptz`",
            fix=Fix.unsafe("Use `timestamptz`",
                           ctx.replace_span(stmt, col.type_start, col.type_end, f"timestamptz{precision}")),
        )


CASES = (
    Case.fail("CREATE TABLE t (a timestamp);", fixed="CREATE TABLE t (a timestamptz);"),
    Case.fail("CREATE TABLE t (a timestamp(3) without time zone NOT NULL);",
              fixed="CREATE TABLE t (a timestamptz(3) NOT NULL);"),
    Case.ok("CREATE TABLE t (a timestamptz, b timestamp with time zone);"),
)
