'''Column added with a default that forces a table rewrite.

## What it does
Flags `ALTER TABLE ... ADD COLUMN ... DEFAULT <expr>` on an existing table when the analysis
finds that the statement rewrites the table: the default is volatile (`random()`,
`clock_timestamp()`, `gen_random_uuid()`, `nextval(...)`), so every existing row needs its own
value.

## Why is this bad?
The table and all its indexes are rewritten under an `ACCESS EXCLUSIVE` lock: reads and writes
wait for the whole rewrite. A non-volatile default (a constant, `now()`, `CURRENT_TIMESTAMP`) is
stored in the catalog instead and costs nothing.

## Example
```sql
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();  -- error: [volatile-default]
```

Use instead: add the column without a default, set the default for new rows, then backfill
existing rows in batches:
```sql
ALTER TABLE users ADD COLUMN token uuid;
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
UPDATE users SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;
```

## PostgreSQL versions
From PostgreSQL 11 only volatile defaults rewrite (all supported versions); before 11 every
default did.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import actions, alter_table, blocked, existing, is_new, lock_phrase
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


@rule(code="M301", name="volatile-default", severity=Severity.ERROR,
      aliases=("adding-field-with-default", "add_column_default"), hazards=("COL001",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts) or not facts.rewrite:
        return
    for action in actions(stmt, "ADD COLUMN"):
        col = action.column_def
        if col is None or not col.has_default or col.identity or col.base_type.startswith("serial"):
            continue
        default = stmt.sql[col.default_toks[0].start : col.default_toks[-1].end] if col.default_toks else "?"
        why = ("its default is volatile, so every row needs its own value"
               if ctx.caps.fast_default_nonvolatile else "this version stores no default in the catalog")
        yield ctx.finding(
            stmt,
            f"Adding column {col.name} with DEFAULT {default} rewrites `{shape.table}` and its indexes under "
            f"{lock_phrase(facts, shape.table)} ({why}), blocking {blocked(facts)}",
            help="Add the column without a default, `ALTER COLUMN ... SET DEFAULT` for new rows, then "
                 "backfill existing rows in batches",
        )


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN r float8 DEFAULT random();", why="new table"),
    Case.fail("ALTER TABLE t ADD COLUMN r float8 DEFAULT random();", earlier="CREATE TABLE t (a int);"),
    Case.ok("ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();", earlier="CREATE TABLE t (a int);",
            why="now() is STABLE: fast default, no rewrite"),
    Case.ok("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0;", earlier="CREATE TABLE t (a int);"),
)
