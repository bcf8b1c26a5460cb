'''Column order in `CREATE TABLE` that wastes space on alignment padding.

## What it does
Reports `CREATE TABLE` statements whose fixed-width columns, in the order written, need at
least 8 bytes of alignment padding per row more than the same columns ordered from the widest
alignment to the narrowest (preview rule).

## Why is this bad?
PostgreSQL aligns each fixed-width value to its type's alignment (8 bytes for `bigint`,
`timestamptz`, `float8`; 4 for `integer`, `date`; 2 for `smallint`), filling the gap with
padding. A `boolean` between two `bigint`s costs 8 bytes instead of 1, in every row and every
index that stores the columns. Column order can only be changed by rewriting the table, so it
is worth getting right at creation.

## Example
```sql
CREATE TABLE events (active boolean, id bigint, kind smallint, at timestamptz);  -- error: [column-padding]
```

Use instead:
```sql
CREATE TABLE events (id bigint, at timestamptz, kind smallint, active boolean);
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import create_table
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity, Status
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

# (length, alignment) of fixed-width types (pg_type.typlen / typalign).
_FIXED = {
    "int8": (8, 8), "serial8": (8, 8), "float8": (8, 8), "timestamp": (8, 8), "timestamptz": (8, 8),
    "time": (8, 8), "money": (8, 8), "int4": (4, 4), "serial4": (4, 4), "float4": (4, 4), "date": (4, 4),
    "oid": (4, 4), "int2": (2, 2), "serial2": (2, 2), "bool": (1, 1), "uuid": (16, 1), "timetz": (12, 8),
    "interval": (16, 8), "macaddr": (6, 4),
}
MIN_SAVING = 8


def padding(layout: list[tuple[int, int]]) -> int:
    """Bytes of alignment padding to lay out (length, alignment) values in this order."""
    offset = waste = 0
    for length, align in layout:
        gap = (-offset) % align
        waste += gap
        offset += gap + length
    return waste
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M806", name="column-padding", severity=Severity.INFO, status=Status.PREVIEW, hazards=("BP006",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    created = create_table(stmt)
    if created is None:
        return
    layout = [_FIXED[c.base_type] for c in created.columns if c.base_type in _FIXED and not c.is_array]
    best = sorted(layout, key=lambda item: (-item[1], -item[0]))
    saving = padding(layout) - padding(best)
    if saving < MIN_SAVING:
        return
    yield ctx.finding(
        stmt,
        f"The column order wastes {saving} bytes of alignment padding per row",
        help="Order fixed-width columns from the widest alignment (bigint, timestamptz) to the narrowest (boolean), "
             "variable-length columns last",
    )


CASES = (
    Case.fail("CREATE TABLE t (a bool, b bigint, c bool, d bigint);"),
    Case.ok("CREATE TABLE t (b bigint, d bigint, a bool, c bool);"),
    Case.ok("CREATE TABLE t (a text, b int);"),
)
