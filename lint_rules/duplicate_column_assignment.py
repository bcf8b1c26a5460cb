'''The same column defined or assigned twice in one statement.

## What it does
Flags `CREATE TABLE` with two columns of the same name, `UPDATE ... SET a = 1, a = 2`, and
`INSERT INTO t (a, a)`.

## Why is this bad?
PostgreSQL rejects the statement at run time (`column "a" specified more than once`), so the
migration fails at this statement; usually it is a copy-paste mistake hiding the column that was
meant.

## Example
```sql norun
UPDATE users SET plan = 'free', plan = 'pro' WHERE id = 1;  -- error: [duplicate-column-assignment]
```

Use instead:
```sql
UPDATE users SET plan = 'pro' WHERE id = 1;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from lint_rules._syntax import create_table
from migrator.analysis.facts import Facts
from migrator.analysis.from_ast import actions_of, ident
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, plan text);"


def _names(stmt: Statement) -> list[str]:
    created = create_table(stmt)
    if created is not None:
        return [c.name for c in created.columns]
    tree = stmt.ast
    if stmt.kind is StatementKind.UPDATE and isinstance(tree, exp.Update):
        names: list[str] = []
        for assignment in tree.expressions:  # `a = 1`, `(b, c) = (2, 3)`
            target = assignment.this if isinstance(assignment, exp.EQ) else None
            columns = [target] if isinstance(target, exp.Column) else \
                list(target.find_all(exp.Column)) if target is not None else []
            names += [name for column in columns if (name := ident(column))]
        return names
    if stmt.kind is StatementKind.INSERT:
        return [name for action in actions_of(stmt) if action.verb == "INSERT" for name in action.target_columns]
    return []
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M808", name="duplicate-column-assignment", severity=Severity.ERROR,
      aliases=("ban-duplicate-column-assignments",), hazards=("BP008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    names = _names(stmt)
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if not duplicates:
        return
    yield ctx.finding(
        stmt,
        f"Column {', '.join(duplicates)} appears more than once: PostgreSQL rejects the statement",
        help="Keep one definition or assignment per column",
    )


CASES = (
    Case.fail("CREATE TABLE t (a int, a text);"),
    Case.fail("UPDATE t SET a = 1, a = 2;", earlier="CREATE TABLE t (a int);"),
    Case.ok("UPDATE t SET a = 1, b = 2 WHERE a = 0;", earlier="CREATE TABLE t (a int, b int);"),
    Case.ok("CREATE TABLE t (a int, b int);"),
)
