'''Column of type `json` instead of `jsonb`.

## What it does
Flags columns of type `json` in `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN ... TYPE`.

## Why is this bad?
`json` has no equality operator: `SELECT DISTINCT`, `UNION`, `GROUP BY` and many ORMs'
change detection fail on it, it cannot be indexed with GIN, and every access re-parses the
text. `jsonb` has none of these problems.

## Example
```sql
ALTER TABLE users ADD COLUMN settings json;  -- error: [json-column]
```

Use instead:
```sql
ALTER TABLE users ADD COLUMN settings jsonb;
```

## Fix safety
Unsafe: `jsonb` does not keep key order, whitespace or duplicate keys.
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import ColumnDef, actions, create_table
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


def _json_columns(stmt: Statement) -> list[ColumnDef]:
    created = create_table(stmt)
    if created is not None:
        return [c for c in created.columns if c.base_type == "json"]
    return [a.column_def for a in actions(stmt, "ADD COLUMN")
            if a.column_def is not None and a.column_def.base_type == "json"]
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M308", name="json-column", severity=Severity.WARNING, aliases=("add_column_json",),
      hazards=("COL010",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    for col in _json_columns(stmt):
        type_tok = next((t for t in col.toks[1:] if t.up == "JSON"), None)
        fix = None
        if type_tok is not None:
            fix = Fix.unsafe("Use `jsonb`", ctx.replace_span(stmt, type_tok.start, type_tok.end, "jsonb"))
        yield ctx.finding(
            stmt,
            f"Column {col.name} is `json`: it has no equality operator, so DISTINCT, UNION and GROUP BY fail on it",
            help="Use `jsonb`",
            fix=fix,
        )
    for action in actions(stmt, "ALTER COLUMN TYPE"):
        new_type = action.analysed.type if action.analysed is not None else None
        if new_type is not None and new_type.base == "json" and not new_type.array:
            yield ctx.finding(stmt, f"Column {action.column} becomes `json`, which has no equality operator",
                              help="Use `jsonb`")


CASES = (
    Case.fail("CREATE TABLE t (a json);", fixed="CREATE TABLE t (a jsonb);"),
    Case.ok("CREATE TABLE t (a jsonb);"),
    Case.fail("ALTER TABLE t ADD COLUMN b json;", earlier="CREATE TABLE t (a int);",
              fixed="ALTER TABLE t ADD COLUMN b jsonb;"),
)
