'''Exclusion constraint added to an existing table.

## What it does
Flags `ALTER TABLE ... ADD CONSTRAINT ... EXCLUDE USING ...` on a table that existed before
this migration.

## Why is this bad?
The constraint builds its index under an `ACCESS EXCLUSIVE` lock: reads and writes wait for the
whole build. There is no escape hatch: exclusion constraints cannot be `NOT VALID`, and there
is no `USING INDEX` or concurrent form.

## Example
```sql
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);  -- error: [exclusion-constraint]
```

Use instead: accept it on a small table with a short `lock_timeout`, or create a new table
with the constraint and copy the rows over.
```sql
SET lock_timeout = '2s';
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);  -- migrator: ignore[exclusion-constraint] small table, measured
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE bookings (room int, during tstzrange);"


@rule(code="M205", name="exclusion-constraint", severity=Severity.ERROR,
      aliases=("add_exclusion_constraint",), hazards=("CON007",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    if not any(a.kind == "ADD CONSTRAINT" and a.constraint_type == "EXCLUDE" for a in shape.actions):
        return
    yield ctx.finding(
        stmt,
        f"Adding an exclusion constraint builds its index under {lock_phrase(facts, shape.table)} on `{shape.table}`, "
        f"blocking {blocked(facts)} for the whole build; it cannot be NOT VALID or built concurrently",
        help="Only do this on a small table with a short lock_timeout, or copy into a new table that has the constraint",
    )


CASES = (
    Case.ok("CREATE TABLE t (r int4range); ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&);",
            why="new table"),
    Case.fail("ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&);",
              earlier="CREATE TABLE t (r int4range);"),
    Case.ok("ALTER TABLE t ADD CONSTRAINT c CHECK (true) NOT VALID;", earlier="CREATE TABLE t (r int4range);"),
)
