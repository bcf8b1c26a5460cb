'''Column type change that rewrites the table.

## What it does
Flags `ALTER TABLE ... ALTER COLUMN c TYPE t2` on an existing table when the analysis finds that
the change rewrites the table: `int` → `bigint`, a smaller `varchar` limit, a numeric scale
change, `text` → `varchar(n)`, a constrained domain, `timestamp` → `timestamptz` when the
session time zone is not UTC, and so on. Binary-coercible changes (`varchar(10)` →
`varchar(20)`, `varchar` → `text`) are not flagged.

## Why is this bad?
The table and all its indexes are rewritten under an `ACCESS EXCLUSIVE` lock: reads and writes
wait for the whole rewrite, which grows with the table.

## Example
```sql
ALTER TABLE users ALTER COLUMN id TYPE bigint;  -- error: [column-type-rewrite]
```

Use instead: expand and contract. Add a new column, keep it in sync with a trigger, backfill it
in batches, switch the code to it, then drop the old column:
```sql
ALTER TABLE users ADD COLUMN id_new bigint;
```
For `timestamp` → `timestamptz`, run `SET timezone = 'UTC';` first in the same session: the
conversion is then catalog-only (PostgreSQL 12+).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, find, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id int PRIMARY KEY, email varchar(100), seen timestamp);"


@rule(code="M320", name="column-type-rewrite", severity=Severity.ERROR,
      aliases=("changing-column-type", "change_column"), hazards=("TYP001", "TYP004", "TYP006"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts) or not facts.rewrite:
        return
    for action in actions(stmt, "ALTER COLUMN TYPE"):
        at = find(action.toks, "TYPE")
        target = " ".join(t.text for t in action.toks[at + 1 : at + 5]).split(" USING")[0] if at >= 0 else "?"
        help_text = "Expand/contract: add a new column, sync it with a trigger, backfill in batches, switch, drop the old one"
        new_type = action.analysed.type if action.analysed is not None else None
        if new_type is not None and new_type.base == "timestamp with time zone":
            help_text = ("If the column is `timestamp`, `SET timezone = 'UTC'` first makes this conversion "
                         "catalog-only; otherwise: " + help_text[0].lower() + help_text[1:])
        yield ctx.finding(
            stmt,
            f"Changing the type of {action.column} to {target} rewrites `{shape.table}` and its indexes under "
            f"{lock_phrase(facts, shape.table)}, blocking {blocked(facts)}",
            help=help_text,
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a TYPE bigint;", why="new table"),
    Case.fail("ALTER TABLE t ALTER COLUMN a TYPE bigint;", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ALTER COLUMN v TYPE varchar(20);", earlier="CREATE TABLE t (v varchar(10));",
            why="binary coercible: no rewrite"),
    Case.ok("ALTER TABLE t ALTER COLUMN v TYPE text;", earlier="CREATE TABLE t (v varchar(10));"),
    Case.ok("SET timezone = 'UTC'; ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;",
            earlier="CREATE TABLE t (ts timestamp);", why="UTC session: catalog-only"),
)
